//! Data frames in and out: loading customers from a table (`Crm.load_frame`), scanning a
//! table for duplicates (`find_duplicates_frame`), and the tables `Crm` exports. The Arrow
//! side lives in [`crate::arrow`] (the C stream), [`crate::frame_in`] (reading columns) and
//! [`crate::frame_out`] (building them); `crm._frames` converts to pandas, polars or pyarrow.

use crm_core::dedup::{CheckedCreate, DuplicateCandidate, Matcher};
use crm_core::id::CustomerId;
use crm_core::{Crm as CoreCrm, Error, NewCustomer};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyList, PyMapping, PyString, PyTuple};

use crate::arrow::{ArrowTable, Table, read_table};
use crate::conversion::{dict, serde_to_py};
use crate::dedup::{MatchConfig, config_or_default, run_scan};
use crate::errors::OrRaise;
use crate::frame_in::{CellError, Mapping, read_customers, rows};
use crate::frame_out::{self, Frame};
use crm_core::columns::number_text;

/// One rejected row of a load, with the frame column it came from.
struct Reject {
    /// 0-based position in the frame.
    row: usize,
    column: Option<String>,
    error: Error,
}

/// The rejects as a table: `row` (0-based position in the frame, for `frame.iloc`),
/// `column` (the frame column, when the error concerns one), `field` (the customer field,
/// e.g. `emails[1]`), `code` (the error's stable code), `reason` (the message) and `value`.
fn rejects_table(rejects: &[Reject]) -> PyResult<ArrowTable> {
    let inner = |e: &Error| match e {
        Error::Row { source, .. } => source.to_string(),
        other => other.to_string(),
    };
    Frame::default()
        .int("row", rejects.iter().map(|r| i64::try_from(r.row).ok()))
        .text("column", rejects.iter().map(|r| r.column.as_deref()))
        .text("field", rejects.iter().map(|r| r.error.field()))
        .text("code", rejects.iter().map(|r| Some(r.error.code())))
        .text("reason", rejects.iter().map(|r| Some(inner(&r.error))))
        .text("value", rejects.iter().map(|r| r.error.value()))
        .finish(rejects.len())
}

/// What `Crm._load_frame` returns: the number of customers created, a table of `row` and
/// `id` per accepted row, the rejects, and what a duplicate guard found.
type Loaded = (usize, ArrowTable, ArrowTable, ArrowTable);

/// A row a duplicate guard checked: its frame row, and what the core found and did.
type Checked = (usize, CheckedCreate);

/// One row per row and candidate: `row`, `candidate` (a customer id), `probability`,
/// `decision` and `merged` (the row was merged into that candidate).
fn duplicates_table(checked: &[Checked]) -> PyResult<ArrowTable> {
    let all: Vec<(usize, &DuplicateCandidate, bool)> = checked
        .iter()
        .flat_map(|(row, c)| {
            c.candidates
                .iter()
                .map(move |d| (*row, d, c.merged_into == Some(d.id)))
        })
        .collect();
    Frame::default()
        .int("row", all.iter().map(|(r, _, _)| i64::try_from(*r).ok()))
        .ids("candidate", all.iter().map(|(_, d, _)| &d.id))
        .float("probability", all.iter().map(|(_, d, _)| d.probability))
        .text(
            "decision",
            all.iter().map(|(_, d, _)| Some(d.decision.as_str())),
        )
        .bool("merged", all.iter().map(|(_, _, m)| *m))
        .finish(all.len())
}

/// Loads the customers of `frame` into `book` (the core's import: rows are validated one by
/// one, accepted rows kept, bad ones reported); the GIL is released while reading and
/// importing.
pub(crate) fn load(
    py: Python<'_>,
    book: &mut CoreCrm,
    frame: &Bound<'_, PyAny>,
    columns: Option<&Bound<'_, PyAny>>,
    attributes: Option<&Bound<'_, PyAny>>,
    actor: Option<&str>,
) -> PyResult<Loaded> {
    let table = read_table(frame, "frame")?;
    let mapping = Mapping::new(&table, columns, attributes)?;
    let (ids, rejects, checked) = py.detach(|| import(book, &table, &mapping, actor));
    let accepted = ids.len();
    let ids_table = Frame::default()
        .int("row", ids.iter().map(|(r, _)| i64::try_from(*r).ok()))
        .ids("id", ids.iter().map(|(_, id)| id))
        .finish(accepted)?;
    Ok((
        accepted,
        ids_table,
        rejects_table(&rejects)?,
        duplicates_table(&checked)?,
    ))
}

/// The import itself (no Python involved): `(row, id)` per accepted row, the rejects and
/// the rows a duplicate guard found candidates for, all in row order. The rows are read as
/// the core takes them.
fn import(
    book: &mut CoreCrm,
    table: &Table,
    mapping: &Mapping,
    actor: Option<&str>,
) -> (Vec<(usize, CustomerId)>, Vec<Reject>, Vec<Checked>) {
    let mut rejects = Vec::new();
    // Frame row of each row handed to the core.
    let mut source_rows = Vec::with_capacity(table.num_rows());
    let rows = rows(table, mapping, actor, false).filter_map(|(row, new)| match new {
        Ok(new) => {
            source_rows.push(row);
            Some(new)
        }
        Err(CellError { column, error }) => {
            rejects.push(Reject {
                row,
                column: Some(column),
                error,
            });
            None
        }
    });
    let report = book.import_customers(rows);
    let mut refused = vec![false; source_rows.len()];
    for e in report.rejected {
        // The core numbers the rows it was given from 1; the reject names the frame row.
        let Some((at, &row)) = e
            .row()
            .and_then(|r| r.checked_sub(1))
            .and_then(|at| Some((at, source_rows.get(at)?)))
        else {
            continue;
        };
        if let Some(slot) = refused.get_mut(at) {
            *slot = true;
        }
        let column = e
            .field()
            .and_then(|f| mapping.column_of_error(table, row, f));
        rejects.push(Reject {
            row,
            column,
            error: e,
        });
    }
    let accepted = source_rows
        .iter()
        .zip(&refused)
        .filter(|(_, refused)| !**refused)
        .map(|(row, _)| *row);
    let ids = accepted.zip(report.created).collect();
    rejects.sort_by_key(|r| r.row);
    let checked = report
        .duplicates
        .into_iter()
        .filter_map(|(r, c)| Some((*source_rows.get(r.checked_sub(1)?)?, c)))
        .collect();
    (ids, rejects, checked)
}

/// The records of a table for a scan (no book: nothing is validated beyond reading the
/// cells; a cell that cannot be read is left out, as the matcher ignores what it cannot
/// normalise).
pub(crate) fn scan_rows(
    py: Python<'_>,
    frame: &Bound<'_, PyAny>,
    columns: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<NewCustomer>> {
    scan_table(py, &read_table(frame, "records")?, columns)
}

/// Plain mappings keyed by a sheet's column names (the rows of `csv.DictReader`, of
/// `DataFrame.to_dict("records")`) as a table of text columns, one per key in the order the
/// keys first appear, so that they are read by `columns` as a frame's columns are. A cell
/// is its text: `None` and NaN are empty, a whole float is written without its `.0` (a
/// phone number or postal code a spreadsheet read as a number), a date in ISO form, a list
/// as its items joined by `; `. `why` says, for errors, why the rows are read so (which row
/// has a key `create_customer` does not take), when a row did.
pub(crate) fn mappings_table(rows: &[Bound<'_, PyAny>], why: Option<&str>) -> PyResult<Table> {
    let mut names: Vec<String> = Vec::new();
    let mut cells: Vec<Vec<Option<String>>> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let row = dict(row, &format!("row {}", i + 1))?;
        for (key, value) in row.iter() {
            let name = key.str()?.to_string();
            let at = match names.iter().position(|n| *n == name) {
                Some(at) => at,
                None => {
                    names.push(name);
                    cells.push(vec![None; rows.len()]);
                    names.len() - 1
                }
            };
            cells[at][i] = cell_text(&value, &names[at], i + 1, why)?;
        }
    }
    let frame = names
        .iter()
        .zip(cells)
        .fold(Frame::default(), |frame, (name, column)| {
            frame.text(name, column)
        });
    Ok(frame.finish(rows.len())?.into_table())
}

/// A sheet cell's text (see [`mappings_table`]); `row` (1-based) and `column` name it in
/// errors, with `why` (as [`mappings_table`] takes it).
fn cell_text(
    value: &Bound<'_, PyAny>,
    column: &str,
    row: usize,
    why: Option<&str>,
) -> PyResult<Option<String>> {
    if value.is_none() {
        return Ok(None);
    }
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(Some(text.to_cow()?.into_owned()));
    }
    if let Ok(number) = value.cast::<PyFloat>() {
        // A whole float as the core writes a number cell; NaN is a missing cell.
        let x = number.value();
        return Ok((!x.is_nan()).then(|| number_text(x).unwrap_or_else(|| x.to_string())));
    }
    // Several values: a list, a tuple, a numpy array (as `crm._frames._is_list` reads them).
    if value.cast::<PyList>().is_ok()
        || value.cast::<PyTuple>().is_ok()
        || value.hasattr("__array__")?
    {
        let mut items = Vec::new();
        for item in value.try_iter()? {
            if let Some(text) = cell_text(&item?, column, row, why)? {
                items.push(text);
            }
        }
        return Ok((!items.is_empty()).then(|| items.join("; ")));
    }
    if value.cast::<PyMapping>().is_ok() {
        let why = why.map_or(String::new(), |why| format!("; these records are: {why}"));
        return Err(PyTypeError::new_err(format!(
            "row {row}, column {column:?}: a cell must be a value or a list of values, not a \
             mapping (records with create_customer's keys take nested addresses; a sheet's \
             columns are read by name{why})"
        )));
    }
    // As `crm._frames._cell_text` writes a cell of a mixed pandas column: NaT (any value
    // unequal to itself) is missing, a datetime its date in ISO form.
    if value.ne(value)? {
        return Ok(None);
    }
    if value.hasattr("isoformat")? {
        let day = if value.hasattr("date")? {
            value.call_method0("date")?
        } else {
            value.clone()
        };
        return Ok(Some(day.call_method0("isoformat")?.str()?.to_string()));
    }
    Ok(Some(value.str()?.to_string()))
}

/// The records of a table read for a scan (see [`scan_rows`]).
pub(crate) fn scan_table(
    py: Python<'_>,
    table: &Table,
    columns: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<NewCustomer>> {
    let (table, mapping) = (table, Mapping::new(table, columns, None)?);
    Ok(py.detach(|| {
        read_customers(table, &mapping, None, true)
            .into_iter()
            .map(Result::unwrap_or_default)
            .collect()
    }))
}

/// Finds duplicates among the rows of a table (as `find_duplicates` does) and returns the
/// pairs and the groups as tables keyed by row position, and the counts.
#[pyfunction]
#[pyo3(signature = (frame, config = None, *, columns = None, progress = None))]
fn _find_duplicates_frame<'py>(
    py: Python<'py>,
    frame: &Bound<'py, PyAny>,
    config: Option<&Bound<'py, MatchConfig>>,
    columns: Option<&Bound<'py, PyAny>>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<(ArrowTable, ArrowTable, Bound<'py, PyAny>)> {
    let matcher = Matcher::new(config_or_default(config)).or_raise()?;
    let rows = scan_rows(py, frame, columns)?;
    let scan = run_scan(py, &matcher, rows, progress, None)?;
    let (pairs, groups) = py.detach(|| (frame_out::pairs(&scan), frame_out::groups(&scan)));
    Ok((pairs?, groups?, serde_to_py(py, &scan.stats)?))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_find_duplicates_frame, m)?)
}

/// `table` as a frame of `backend` (`"pandas"`, `"polars"`, `"pyarrow"` or `"arrow"`),
/// converted by `crm._frames`.
pub(crate) fn to_backend<'py>(
    py: Python<'py>,
    table: ArrowTable,
    backend: &str,
) -> PyResult<Bound<'py, PyAny>> {
    py.import("crm._frames")?
        .getattr("_to_backend")?
        .call1((table, backend))
}
