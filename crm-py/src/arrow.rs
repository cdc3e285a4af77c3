//! The Arrow PyCapsule interface, both ways: tables come in from any object with
//! `__arrow_c_stream__` (a pyarrow `Table` or `RecordBatchReader`, a polars `DataFrame`,
//! a pandas `DataFrame` on pandas ≥ 2.2), and go out as [`ArrowTable`], which implements
//! `__arrow_c_stream__` itself, so `pyarrow.table(t)`, `polars.DataFrame(t)` and
//! `pandas.DataFrame.from_arrow(t)` take it without copying row by row.
//!
//! This is the only module of the crate with `unsafe` code: one call that takes ownership of
//! the C stream a producer put in its capsule.

use std::ffi::CStr;
use std::sync::Arc;

use arrow_array::ffi_stream::{ArrowArrayStreamReader, FFI_ArrowArrayStream};
use arrow_array::{RecordBatch, RecordBatchIterator, RecordBatchReader};
use arrow_schema::{ArrowError, SchemaRef};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

use crate::conversion::type_name;

/// The capsule name the interface prescribes for an `ArrowArrayStream`.
const STREAM: &CStr = c"arrow_array_stream";

/// A whole table read from a producer: its schema and its batches.
pub(crate) struct Table {
    pub(crate) schema: SchemaRef,
    pub(crate) batches: Vec<RecordBatch>,
}

impl Table {
    /// The number of rows over all batches.
    pub(crate) fn num_rows(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }
}

fn arrow_error(e: ArrowError) -> PyErr {
    PyValueError::new_err(format!("cannot read the Arrow stream: {e}"))
}

/// Whether `obj` offers the Arrow C stream interface.
pub(crate) fn is_stream(obj: &Bound<'_, PyAny>) -> bool {
    obj.hasattr("__arrow_c_stream__").unwrap_or(false)
}

/// Reads a whole table from an object with `__arrow_c_stream__`; `what` names the argument
/// in errors.
pub(crate) fn read_table(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Table> {
    if !is_stream(obj) {
        return Err(PyTypeError::new_err(format!(
            "{what} must be a table with the Arrow PyCapsule interface (a pandas, polars or \
             pyarrow table, anything with __arrow_c_stream__), not {}",
            type_name(obj)
        )));
    }
    let capsule = obj.call_method0("__arrow_c_stream__")?;
    let capsule = capsule.cast::<PyCapsule>().map_err(|_| {
        PyTypeError::new_err(format!(
            "{what}.__arrow_c_stream__() must return a PyCapsule, not {}",
            type_name(&capsule)
        ))
    })?;
    let ptr = capsule.pointer_checked(Some(STREAM))?;
    // SAFETY: the capsule is named "arrow_array_stream", so by the Arrow PyCapsule interface
    // its pointer is a valid, initialised `ArrowArrayStream` struct (the C layout that
    // `FFI_ArrowArrayStream` mirrors), alive while the capsule is, which `capsule` keeps
    // alive here. `from_raw` moves the struct out and leaves a released one (release =
    // NULL) behind, which is how the interface says a consumer takes ownership: the
    // capsule's destructor then does nothing, and the stream is released once, by the
    // reader. Nothing else reads the capsule in between (we hold the GIL).
    let reader =
        unsafe { ArrowArrayStreamReader::from_raw(ptr.cast().as_ptr()) }.map_err(arrow_error)?;
    let schema = reader.schema();
    let batches = reader.collect::<Result<Vec<_>, _>>().map_err(arrow_error)?;
    Ok(Table { schema, batches })
}

/// A table built by crm (a frame of customers, pairs, rejects, …), handed to pyarrow,
/// polars or pandas through the Arrow PyCapsule interface (`__arrow_c_stream__`).
#[pyclass(module = "crm", name = "ArrowTable", frozen)]
pub(crate) struct ArrowTable {
    batch: RecordBatch,
}

impl ArrowTable {
    pub(crate) fn new(batch: RecordBatch) -> Self {
        Self { batch }
    }

    /// The table as one read from a producer.
    pub(crate) fn into_table(self) -> Table {
        Table {
            schema: self.batch.schema(),
            batches: vec![self.batch],
        }
    }
}

#[pymethods]
impl ArrowTable {
    /// Exports the table as an Arrow C stream in a PyCapsule (the Arrow PyCapsule
    /// interface). A `requested_schema` is not supported: the columns come as they are.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let schema = self.batch.schema();
        let batches = vec![Ok(self.batch.clone())];
        let reader = RecordBatchIterator::new(batches, Arc::clone(&schema));
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        // The boxed stream's destructor releases it unless a consumer moved it out first.
        PyCapsule::new_with_value(py, stream, STREAM)
    }

    /// The number of rows.
    #[getter]
    fn num_rows(&self) -> usize {
        self.batch.num_rows()
    }

    /// The column names, in order.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.batch
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect()
    }

    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }

    fn __repr__(&self) -> String {
        format!(
            "ArrowTable(rows={}, columns={:?})",
            self.batch.num_rows(),
            self.column_names()
        )
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<ArrowTable>()
}
