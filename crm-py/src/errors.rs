//! The exception hierarchy, and the one place where a [`crm_core::Error`] becomes a Python
//! exception.
//!
//! ```text
//! CrmError(Exception)                .code .kind .field .value .row
//! ├── ValidationError(CrmError, ValueError)
//! │   └── DecodeError(ValidationError)
//! ├── NotFoundError(CrmError, LookupError)
//! ├── ConflictError(CrmError)
//! ├── JournalError(CrmError)
//! └── CancelledError(CrmError)
//! ```
//!
//! The classes with a single base come from `create_exception!`. `create_exception!` takes one
//! base only, so the three classes that also derive from a built-in exception
//! (`ValueError`, `LookupError`) are made by calling `type(name, bases, namespace)`, exactly
//! what a `class` statement does, once per interpreter.

use crm_core::{Error, ErrorKind};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyLookupError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

create_exception!(
    crm,
    CrmError,
    PyException,
    "Base class of every error raised by crm. Attributes: code (stable snake_case), kind \
     (validation, not_found, conflict, decode, journal or cancelled), field, value and row (1-based, for \
     an import row)."
);
create_exception!(
    crm,
    ConflictError,
    CrmError,
    "A value that must be unique (an email, an id) is already held by another record."
);
create_exception!(
    crm,
    JournalError,
    CrmError,
    "The journal refused to store the events of a command; nothing changed."
);

create_exception!(
    crm,
    CancelledError,
    CrmError,
    "A long operation (a duplicate scan) stopped because its progress callback returned \
     False; nothing changed. (An exception raised by the callback, or KeyboardInterrupt on \
     Ctrl-C, propagates as itself.)"
);

static VALIDATION_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static NOT_FOUND_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DECODE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `type(name, bases, {"__module__": "crm", "__doc__": doc})`.
fn subclass<'py>(
    py: Python<'py>,
    name: &str,
    bases: Vec<Bound<'py, PyType>>,
    doc: &str,
) -> PyResult<Py<PyType>> {
    let ns = PyDict::new(py);
    ns.set_item("__module__", "crm")?;
    ns.set_item("__doc__", doc)?;
    let bases = PyTuple::new(py, bases)?;
    let ty = py.get_type::<PyType>().call1((name, bases, ns))?;
    Ok(ty.cast_into::<PyType>()?.unbind())
}

/// `ValidationError(CrmError, ValueError)`: input that fails validation.
pub(crate) fn validation_error(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    VALIDATION_ERROR
        .get_or_try_init(py, || {
            subclass(
                py,
                "ValidationError",
                vec![py.get_type::<CrmError>(), py.get_type::<PyValueError>()],
                "Input that fails validation; .field names the field, .value the value.",
            )
        })
        .map(|t| t.bind(py))
}

/// `NotFoundError(CrmError, LookupError)`: an id that names nothing in the book.
pub(crate) fn not_found_error(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    NOT_FOUND_ERROR
        .get_or_try_init(py, || {
            subclass(
                py,
                "NotFoundError",
                vec![py.get_type::<CrmError>(), py.get_type::<PyLookupError>()],
                "An id that names no customer, interaction or case of this book.",
            )
        })
        .map(|t| t.bind(py))
}

/// `DecodeError(ValidationError)`: serialized data (events, JSON) that cannot be read.
pub(crate) fn decode_error(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DECODE_ERROR
        .get_or_try_init(py, || {
            subclass(
                py,
                "DecodeError",
                vec![validation_error(py)?.clone()],
                "Serialized data (an event, a journal) that cannot be read.",
            )
        })
        .map(|t| t.bind(py))
}

/// Adds every exception class to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("CrmError", py.get_type::<CrmError>())?;
    m.add("ValidationError", validation_error(py)?)?;
    m.add("NotFoundError", not_found_error(py)?)?;
    m.add("ConflictError", py.get_type::<ConflictError>())?;
    m.add("DecodeError", decode_error(py)?)?;
    m.add("JournalError", py.get_type::<JournalError>())?;
    m.add("CancelledError", py.get_type::<CancelledError>())?;
    Ok(())
}

fn class_for<'py>(py: Python<'py>, kind: ErrorKind) -> PyResult<Bound<'py, PyType>> {
    Ok(match kind {
        ErrorKind::Validation => validation_error(py)?.clone(),
        ErrorKind::NotFound => not_found_error(py)?.clone(),
        ErrorKind::Conflict => py.get_type::<ConflictError>(),
        ErrorKind::Decode => decode_error(py)?.clone(),
        ErrorKind::Journal => py.get_type::<JournalError>(),
        ErrorKind::Cancelled => py.get_type::<CancelledError>(),
        _ => py.get_type::<CrmError>(),
    })
}

/// The exception instance for `err`: the class by [`Error::kind`], the message by its
/// `Display`, and the attributes `code`, `kind`, `field`, `value` and `row`.
pub(crate) fn exception<'py>(py: Python<'py>, err: &Error) -> PyResult<Bound<'py, PyAny>> {
    let exc = class_for(py, err.kind())?.call1((err.to_string(),))?;
    exc.setattr("code", err.code())?;
    exc.setattr("kind", err.kind().as_str())?;
    exc.setattr("field", err.field())?;
    exc.setattr("value", err.value())?;
    exc.setattr("row", err.row())?;
    Ok(exc)
}

/// Converts a core error into the `PyErr` to raise.
pub(crate) fn to_py_err(err: &Error) -> PyErr {
    Python::attach(|py| match exception(py, err) {
        Ok(exc) => PyErr::from_value(exc),
        Err(e) => e,
    })
}

/// A `ValidationError` raised by the binding itself while converting an argument (only for
/// what the core cannot see, such as a naive datetime).
pub(crate) fn validation(field: &str, value: &str, message: String) -> PyErr {
    Python::attach(|py| {
        let exc = (|| -> PyResult<Bound<'_, PyAny>> {
            let exc = validation_error(py)?.call1((message,))?;
            exc.setattr("code", "invalid_value")?;
            exc.setattr("kind", "validation")?;
            exc.setattr("field", field)?;
            exc.setattr("value", value)?;
            exc.setattr("row", py.None())?;
            Ok(exc)
        })();
        match exc {
            Ok(exc) => PyErr::from_value(exc),
            Err(e) => e,
        }
    })
}

/// `.or_raise()` turns a core `Result` into a `PyResult` with the mapped exception.
pub(crate) trait OrRaise<T> {
    /// The value, or the core error as its Python exception.
    fn or_raise(self) -> PyResult<T>;
}

impl<T> OrRaise<T> for crm_core::Result<T> {
    fn or_raise(self) -> PyResult<T> {
        self.map_err(|e| to_py_err(&e))
    }
}
