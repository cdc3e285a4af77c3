//! Customer records read from an Arrow table (a pandas, polars or pyarrow frame), column by
//! column, without a Python object per cell.
//!
//! A *column mapping* says which frame column feeds which field of `create_customer`
//! ([`FIELDS`]); by default a field takes the column of the same name, or of a common name
//! for it ([`default_columns`]: `first_name`, `surname`, `email`, `zip`, …, in any case and
//! with spaces or dashes); a frame none of whose columns feeds a field is an error. The
//! names, and how a row's text cells make a customer ([`Row`]), are the core's
//! ([`crm_core::columns`]). List fields (`emails`, `phones`, `tags`, `address_lines`) take
//! one or more columns, each of strings or of lists of strings; empty cells count as
//! missing. Postal addresses come from `address_*` columns (one per row), `work_address_*`
//! columns (a second one, labelled `work`) or from an `addresses` column of lists of
//! structs (any number per row; a pandas column of lists of dicts). Columns of attributes become typed custom attributes (text,
//! number, bool, date).
//!
//! The column *types* are checked once, up front (a bool column for `emails` is a
//! `TypeError`); a *value* the binding cannot read (a malformed id, a fractional number in a
//! text field) rejects its row, as the core's own validation does, so a load reports bad rows
//! rather than stopping at the first.

use std::borrow::Cow;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, Float16Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type,
    Int64Type, TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, OffsetSizeTrait, RecordBatch};
use arrow_schema::{DataType, TimeUnit};
use chrono::{DateTime, NaiveDate, Utc};
use crm_core::columns::{FIELDS, Row, Shape, default_columns, number_text};
use crm_core::contact::TimeZone;
use crm_core::customer::{AttributeValue, NewAddress};
use crm_core::{Error, NewCustomer};
use pyo3::exceptions::{PyKeyError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::arrow::Table;
use crate::conversion::type_name;

// ----- cells --------------------------------------------------------------------------------

/// One cell of a supported column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Cell<'a> {
    Null,
    Str(&'a str),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A date, or a timestamp's date in its own time zone (UTC for a zone-less one).
    Date(NaiveDate),
}

/// What a column holds, for the up-front type check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Null,
    Text,
    Int,
    Float,
    Bool,
    Date,
    /// A list of strings.
    TextList,
    /// A struct (one postal address).
    Struct,
    /// A list of structs (postal addresses).
    StructList,
    /// Lists with nothing in them (every list empty or null): fit any list field.
    EmptyList,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Text => "string",
            Kind::Int => "integer",
            Kind::Float => "float",
            Kind::Bool => "bool",
            Kind::Date => "date/timestamp",
            Kind::TextList => "list of strings",
            Kind::Struct => "struct",
            Kind::StructList => "list of structs",
            Kind::EmptyList => "empty lists",
        }
    }
}

/// A column of one batch, read cell by cell.
enum Column<'a> {
    Null,
    Utf8(&'a arrow_array::StringArray),
    LargeUtf8(&'a arrow_array::LargeStringArray),
    Utf8View(&'a arrow_array::StringViewArray),
    /// Dictionary-encoded strings: the key of each row (`None` for a null row).
    Dict(Vec<Option<usize>>, Box<Column<'a>>),
    Int(Box<dyn Fn(usize) -> Option<i64> + Send + Sync + 'a>),
    Float(Box<dyn Fn(usize) -> Option<f64> + Send + Sync + 'a>),
    Bool(&'a arrow_array::BooleanArray),
    Date(Box<dyn Fn(usize) -> Option<NaiveDate> + Send + Sync + 'a>),
    List(ListOffsets<'a>, Box<Column<'a>>),
    /// A struct's readable children, by name.
    Struct(&'a arrow_array::StructArray, Vec<(&'a str, Column<'a>)>),
}

/// Where each row's items lie in a list column's values.
enum ListOffsets<'a> {
    Small(&'a arrow_array::ListArray),
    Large(&'a arrow_array::LargeListArray),
}

impl ListOffsets<'_> {
    fn range(&self, row: usize) -> Option<std::ops::Range<usize>> {
        fn range<O: OffsetSizeTrait>(
            a: &arrow_array::GenericListArray<O>,
            row: usize,
        ) -> Option<std::ops::Range<usize>> {
            if a.is_null(row) {
                return None;
            }
            let o = a.value_offsets();
            Some(o[row].as_usize()..o[row + 1].as_usize())
        }
        match self {
            ListOffsets::Small(a) => range(a, row),
            ListOffsets::Large(a) => range(a, row),
        }
    }
}

fn prim<'a, T, U>(
    a: &'a ArrayRef,
    f: impl Fn(T::Native) -> U + Send + Sync + 'a,
) -> Box<dyn Fn(usize) -> Option<U> + Send + Sync + 'a>
where
    T: arrow_array::ArrowPrimitiveType,
{
    let a = a.as_primitive::<T>();
    Box::new(move |i| (!a.is_null(i)).then(|| f(a.value(i))))
}

/// The date of a timestamp `v` (in `unit`s since the epoch) in zone `tz` (UTC for none, or
/// for a zone this build cannot read).
fn timestamp_date(v: i64, unit: TimeUnit, tz: Option<&str>) -> Option<NaiveDate> {
    let at = match unit {
        TimeUnit::Second => DateTime::<Utc>::from_timestamp(v, 0),
        TimeUnit::Millisecond => DateTime::<Utc>::from_timestamp_millis(v),
        TimeUnit::Microsecond => DateTime::<Utc>::from_timestamp_micros(v),
        TimeUnit::Nanosecond => Some(DateTime::<Utc>::from_timestamp_nanos(v)),
    }?;
    let Some(tz) = tz else {
        return Some(at.date_naive());
    };
    if let Ok(offset) = tz.parse::<chrono::FixedOffset>() {
        return Some(at.with_timezone(&offset).date_naive());
    }
    match TimeZone::parse(tz) {
        Ok(zone) => Some(at.with_timezone(&zone).date_naive()),
        Err(_) => Some(at.date_naive()),
    }
}

impl<'a> Column<'a> {
    /// A reader for `a`, or `None` for a type no field takes.
    fn new(a: &'a ArrayRef) -> Option<Self> {
        Some(match a.data_type() {
            DataType::Null => Column::Null,
            DataType::Utf8 => Column::Utf8(a.as_string::<i32>()),
            DataType::LargeUtf8 => Column::LargeUtf8(a.as_string::<i64>()),
            DataType::Utf8View => Column::Utf8View(a.as_string_view()),
            DataType::Dictionary(_, _) => {
                let d = a.as_any_dictionary();
                let values = Column::new(d.values())?;
                let keys = if d.values().is_empty() {
                    vec![None; a.len()]
                } else {
                    let k = d.normalized_keys();
                    (0..a.len())
                        .map(|i| (!a.is_null(i)).then(|| k[i]))
                        .collect()
                };
                Column::Dict(keys, Box::new(values))
            }
            DataType::Int8 => Column::Int(prim::<Int8Type, _>(a, i64::from)),
            DataType::Int16 => Column::Int(prim::<Int16Type, _>(a, i64::from)),
            DataType::Int32 => Column::Int(prim::<Int32Type, _>(a, i64::from)),
            DataType::Int64 => Column::Int(prim::<Int64Type, _>(a, |v| v)),
            DataType::UInt8 => Column::Int(prim::<UInt8Type, _>(a, i64::from)),
            DataType::UInt16 => Column::Int(prim::<UInt16Type, _>(a, i64::from)),
            DataType::UInt32 => Column::Int(prim::<UInt32Type, _>(a, i64::from)),
            DataType::UInt64 => Column::Float(prim::<UInt64Type, _>(a, |v| v as f64)),
            DataType::Float16 => Column::Float(prim::<Float16Type, _>(a, f64::from)),
            DataType::Float32 => Column::Float(prim::<Float32Type, _>(a, f64::from)),
            DataType::Float64 => Column::Float(prim::<Float64Type, _>(a, |v| v)),
            DataType::Boolean => Column::Bool(a.as_boolean()),
            DataType::Date32 => Column::Date(prim::<Date32Type, _>(a, |d| {
                NaiveDate::from_num_days_from_ce_opt(d + 719_163).unwrap_or_default()
            })),
            DataType::Date64 => Column::Date(prim::<Date64Type, _>(a, |ms| {
                timestamp_date(ms, TimeUnit::Millisecond, None).unwrap_or_default()
            })),
            DataType::Timestamp(unit, tz) => {
                let tz = tz.as_deref();
                let unit = *unit;
                let date = move |v| timestamp_date(v, unit, tz).unwrap_or_default();
                Column::Date(match unit {
                    TimeUnit::Second => prim::<TimestampSecondType, _>(a, date),
                    TimeUnit::Millisecond => prim::<TimestampMillisecondType, _>(a, date),
                    TimeUnit::Microsecond => prim::<TimestampMicrosecondType, _>(a, date),
                    TimeUnit::Nanosecond => prim::<TimestampNanosecondType, _>(a, date),
                })
            }
            DataType::List(_) => {
                let l = a.as_list::<i32>();
                let values = Column::new(l.values())?;
                Column::List(ListOffsets::Small(l), Box::new(values))
            }
            DataType::LargeList(_) => {
                let l = a.as_list::<i64>();
                let values = Column::new(l.values())?;
                Column::List(ListOffsets::Large(l), Box::new(values))
            }
            DataType::Struct(fields) => {
                let s = a.as_struct();
                let children = fields
                    .iter()
                    .zip(s.columns())
                    .filter_map(|(f, c)| Column::new(c).map(|col| (f.name().as_str(), col)))
                    .collect();
                Column::Struct(s, children)
            }
            _ => return None,
        })
    }

    fn kind(&self) -> Kind {
        match self {
            Column::Null => Kind::Null,
            Column::Utf8(_) | Column::LargeUtf8(_) | Column::Utf8View(_) => Kind::Text,
            Column::Dict(_, v) => v.kind(),
            Column::Int(_) => Kind::Int,
            Column::Float(_) => Kind::Float,
            Column::Bool(_) => Kind::Bool,
            Column::Date(_) => Kind::Date,
            Column::List(_, v) => match v.kind() {
                Kind::Null => Kind::EmptyList,
                Kind::Text => Kind::TextList,
                Kind::Struct => Kind::StructList,
                other => other,
            },
            Column::Struct(..) => Kind::Struct,
        }
    }

    fn cell(&self, i: usize) -> Cell<'a> {
        fn s<'a>(a: &'a dyn Array, i: usize, v: impl FnOnce() -> &'a str) -> Cell<'a> {
            if a.is_null(i) {
                Cell::Null
            } else {
                Cell::Str(v())
            }
        }
        match self {
            Column::Null | Column::List(..) | Column::Struct(..) => Cell::Null,
            Column::Utf8(a) => s(*a, i, || a.value(i)),
            Column::LargeUtf8(a) => s(*a, i, || a.value(i)),
            Column::Utf8View(a) => s(*a, i, || a.value(i)),
            Column::Dict(keys, values) => keys[i].map_or(Cell::Null, |k| values.cell(k)),
            Column::Int(f) => f(i).map_or(Cell::Null, Cell::Int),
            Column::Float(f) => f(i).filter(|v| !v.is_nan()).map_or(Cell::Null, Cell::Float),
            Column::Bool(a) => {
                if a.is_null(i) {
                    Cell::Null
                } else {
                    Cell::Bool(a.value(i))
                }
            }
            Column::Date(f) => f(i).map_or(Cell::Null, Cell::Date),
        }
    }

    /// The cells of row `i`: one for a scalar column, the items for a list column.
    fn cells(&self, i: usize, out: &mut Vec<Cell<'a>>) {
        match self {
            Column::List(offsets, values) => {
                if let Some(range) = offsets.range(i) {
                    out.extend(range.map(|j| values.cell(j)));
                }
            }
            _ => out.push(self.cell(i)),
        }
    }
}

// ----- fields and the mapping ----------------------------------------------------------------

/// How a field reads its cells.
/// Which frame columns feed which field, and which become attributes.
pub(crate) struct Mapping {
    /// Per entry of [`FIELDS`]: the columns (by index into the schema), in order.
    fields: Vec<Vec<usize>>,
    /// Attribute key and column.
    attributes: Vec<(String, usize)>,
    /// Column names, by schema index.
    names: Vec<String>,
}

fn column_names<'py>(value: &Bound<'py, PyAny>, field: &str) -> PyResult<Vec<String>> {
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(vec![s.to_cow()?.into_owned()]);
    }
    let mut out = Vec::new();
    for item in value.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "columns[{field:?}] must be a column name or a list of them, not {}",
            type_name(value)
        ))
    })? {
        let item = item?;
        out.push(
            item.cast::<PyString>()
                .map_err(|_| {
                    PyTypeError::new_err(format!(
                        "columns[{field:?}] must name columns by str, not {}",
                        type_name(&item)
                    ))
                })?
                .to_cow()?
                .into_owned(),
        );
    }
    Ok(out)
}

/// Whether a column of `kind` can feed a field of `shape`.
fn fits(shape: Shape, kind: Kind) -> bool {
    match shape {
        Shape::Text => matches!(kind, Kind::Null | Kind::Text | Kind::Int | Kind::Float),
        Shape::List => matches!(
            kind,
            Kind::Null | Kind::Text | Kind::Int | Kind::Float | Kind::TextList | Kind::EmptyList
        ),
        Shape::Birthday => matches!(kind, Kind::Null | Kind::Text | Kind::Date),
        Shape::Addresses => matches!(kind, Kind::Null | Kind::StructList | Kind::EmptyList),
    }
}

impl Mapping {
    /// The mapping of `columns` (field → column name or names; `None` for the defaults) and
    /// `attributes` (column names, or a mapping attribute key → column) over `table`.
    pub(crate) fn new(
        table: &Table,
        columns: Option<&Bound<'_, PyAny>>,
        attributes: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let names: Vec<String> = table
            .schema
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        let index = |name: &str, what: &str| -> PyResult<usize> {
            names.iter().position(|n| n == name).ok_or_else(|| {
                PyKeyError::new_err(format!(
                    "{what}: the frame has no column {name:?} (columns: {})",
                    names.join(", ")
                ))
            })
        };
        let mut fields = default_columns(&names);
        // A one-column field reads the first of its columns that is not empty, row by row
        // (two exports concatenated: "Zip" filled in some rows, "Postal Code" in others);
        // a further column whose values cannot feed it is left out rather than refused.
        if let Some(batch) = table.batches.first() {
            for ((_, shape), cols) in FIELDS.iter().zip(&mut fields) {
                let mut at = 0;
                cols.retain(|&c| {
                    at += 1;
                    at == 1
                        || *shape == Shape::List
                        || Column::new(batch.column(c)).is_some_and(|col| fits(*shape, col.kind()))
                });
            }
        }
        if let Some(columns) = columns.filter(|c| !c.is_none()) {
            let map = columns.cast::<PyDict>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "columns must be a dict of field → column name(s), not {}",
                    type_name(columns)
                ))
            })?;
            for (key, value) in map.iter() {
                let key: String = key.extract().map_err(|_| {
                    PyTypeError::new_err("columns must be keyed by field name (str)")
                })?;
                let Some(at) = FIELDS.iter().position(|(f, _)| *f == key) else {
                    let known: Vec<&str> = FIELDS.iter().map(|(f, _)| *f).collect();
                    return Err(PyValueError::new_err(format!(
                        "columns: unknown field {key:?} (known: {})",
                        known.join(", ")
                    )));
                };
                if value.is_none() {
                    fields[at].clear();
                    continue;
                }
                let cols = column_names(&value, &key)?;
                if cols.len() > 1 && FIELDS[at].1 != Shape::List {
                    return Err(PyValueError::new_err(format!(
                        "columns[{key:?}]: {key} takes one column, not {}",
                        cols.len()
                    )));
                }
                fields[at] = cols
                    .iter()
                    .map(|c| index(c, &format!("columns[{key:?}]")))
                    .collect::<PyResult<_>>()?;
            }
        }
        let mut attrs = Vec::new();
        if let Some(a) = attributes.filter(|a| !a.is_none()) {
            if let Ok(map) = a.cast::<PyDict>() {
                for (key, value) in map.iter() {
                    let key: String = key.extract()?;
                    let col: String = value.extract()?;
                    attrs.push((key.clone(), index(&col, &format!("attributes[{key:?}]"))?));
                }
            } else {
                for col in column_names(a, "attributes")? {
                    let at = index(&col, "attributes")?;
                    attrs.push((col, at));
                }
            }
        }
        if attrs.is_empty() && fields.iter().all(Vec::is_empty) {
            return Err(PyValueError::new_err(format!(
                "none of the frame's columns ({}) feeds a customer field: name them as \
                 create_customer's keys (given_name, family_name, emails, …) or as contact \
                 exports do (first_name, last_name, email, phone, street, city, zip, …), or \
                 map them with columns={{field: column}}",
                names.join(", ")
            )));
        }
        let mapping = Self {
            fields,
            attributes: attrs,
            names,
        };
        mapping.check_types(table)?;
        Ok(mapping)
    }

    /// Checks each mapped column's type against its field, once for the whole table.
    fn check_types(&self, table: &Table) -> PyResult<()> {
        let Some(batch) = table.batches.first() else {
            return Ok(());
        };
        let kind_of = |c: usize| -> PyResult<Kind> {
            Column::new(batch.column(c))
                .map(|c| c.kind())
                .ok_or_else(|| {
                    PyTypeError::new_err(format!(
                        "column {:?} has the Arrow type {}, which crm does not read",
                        self.names[c],
                        batch.column(c).data_type()
                    ))
                })
        };
        for ((field, shape), cols) in FIELDS.iter().zip(&self.fields) {
            for &c in cols {
                let kind = kind_of(c)?;
                if !fits(*shape, kind) {
                    return Err(PyTypeError::new_err(format!(
                        "column {:?} holds {} values, which do not fit the field {field}",
                        self.names[c],
                        kind.name()
                    )));
                }
            }
        }
        for (key, c) in &self.attributes {
            if matches!(
                kind_of(*c)?,
                Kind::TextList | Kind::Struct | Kind::StructList | Kind::EmptyList
            ) {
                return Err(PyTypeError::new_err(format!(
                    "column {:?} holds lists, which do not fit the attribute {key}",
                    self.names[*c]
                )));
            }
        }
        Ok(())
    }

    /// The columns of a field.
    fn columns_of(&self, field: &str) -> &[usize] {
        FIELDS
            .iter()
            .position(|(f, _)| *f == field)
            .map_or(&[], |i| &self.fields[i])
    }

    /// The frame column a core error's field (`emails[1]`, `addresses[0].postal_code`,
    /// `birthday`) came from, for row `row` of the table.
    pub(crate) fn column_of_error(&self, table: &Table, row: usize, field: &str) -> Option<String> {
        let (base, rest) = match field.find(['[', '.']) {
            Some(at) => (&field[..at], &field[at..]),
            None => (field, ""),
        };
        let index = rest
            .strip_prefix('[')
            .and_then(|r| r.split(']').next())
            .and_then(|n| n.parse::<usize>().ok());
        let sub = rest.split_once('.').map(|(_, s)| s);
        let field = match (base, sub) {
            ("addresses", Some(sub)) => format!("address_{}", sub.split('[').next().unwrap_or(sub)),
            ("name", _) => "given_name".to_owned(),
            ("email", _) => "emails".to_owned(),
            ("phone", _) => "phones".to_owned(),
            ("attributes", _) => {
                let key = sub.or_else(|| rest.strip_prefix('[')).unwrap_or_default();
                let key = key.trim_matches(|c| c == ']' || c == '"' || c == '\'');
                return self
                    .attributes
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, c)| self.names[*c].clone());
            }
            _ => base.to_owned(),
        };
        let mut cols = self.columns_of(&field).to_vec();
        if base == "addresses" {
            // The row's address, then its work address (as `Row::finish` adds them): item
            // `index` of the part's columns together.
            cols.extend(self.columns_of(&format!("work_{field}")));
            if cols.is_empty() {
                cols = self.columns_of("addresses").to_vec();
            }
        }
        if cols.len() <= 1 {
            return cols.first().map(|&c| self.names[c].clone());
        }
        let (batch, i) = locate(table, row)?;
        let Some(index) = index else {
            // A one-column field: the first of its columns not empty in this row.
            return cols
                .iter()
                .find(|&&c| Column::new(batch.column(c)).is_some_and(|col| !is_empty(&col.cell(i))))
                .or(cols.first())
                .map(|&c| self.names[c].clone());
        };
        // A list gathered from several columns: find the column of item `index`.
        let mut seen = 0;
        let mut cells = Vec::new();
        for &c in &cols {
            let column = Column::new(batch.column(c))?;
            cells.clear();
            column.cells(i, &mut cells);
            let n = cells.iter().filter(|c| !is_empty(c)).count();
            if index < seen + n {
                return Some(self.names[c].clone());
            }
            seen += n;
        }
        None
    }
}

/// The batch that holds table row `row`, and the row's index in it.
fn locate(table: &Table, mut row: usize) -> Option<(&RecordBatch, usize)> {
    for b in &table.batches {
        if row < b.num_rows() {
            return Some((b, row));
        }
        row -= b.num_rows();
    }
    None
}

fn is_empty(cell: &Cell<'_>) -> bool {
    match cell {
        Cell::Null => true,
        Cell::Str(s) => s.trim().is_empty(),
        _ => false,
    }
}

// ----- rows ---------------------------------------------------------------------------------

/// A row the binding could not read: which column, and why.
pub(crate) struct CellError {
    pub(crate) column: String,
    pub(crate) error: Error,
}

/// A cell as text for a text field: strings as they are, integers (and whole floats, as
/// pandas stores a column of integers with gaps) written out; `Err` with a number that has a
/// fraction, which is no text.
fn text(cell: Cell<'_>) -> Result<Option<Cow<'_, str>>, f64> {
    Ok(match cell {
        Cell::Null => None,
        Cell::Str(s) if s.trim().is_empty() => None,
        Cell::Str(s) => Some(Cow::Borrowed(s)),
        Cell::Int(v) => Some(Cow::Owned(v.to_string())),
        Cell::Float(v) => Some(Cow::Owned(number_text(v).ok_or(v)?)),
        Cell::Bool(_) | Cell::Date(_) => None,
    })
}

/// The error of a number with a fraction in text field `field`.
fn not_text(field: String, v: f64) -> Error {
    Error::InvalidValue {
        field,
        value: v.to_string(),
        reason: "a number with a fraction is not text; store the column as strings".to_owned(),
    }
}

fn attribute(cell: Cell<'_>) -> Option<AttributeValue> {
    match cell {
        Cell::Null => None,
        Cell::Str(s) if s.trim().is_empty() => None,
        Cell::Str(s) => Some(AttributeValue::Text(s.to_owned())),
        Cell::Int(v) => Some(AttributeValue::Number(v as f64)),
        Cell::Float(v) => Some(AttributeValue::Number(v)),
        Cell::Bool(b) => Some(AttributeValue::Bool(b)),
        Cell::Date(d) => Some(AttributeValue::Date(d)),
    }
}

/// The items of row `i` of a list column.
fn col_range(col: &Column<'_>, i: usize) -> Option<std::ops::Range<usize>> {
    match col {
        Column::List(offsets, _) => offsets.range(i),
        _ => None,
    }
}

/// Reads the customers of one batch.
struct BatchReader<'a> {
    /// Per field of [`FIELDS`]: its column readers (with their names).
    fields: Vec<Vec<(Column<'a>, &'a str)>>,
    attributes: Vec<(&'a str, Column<'a>, &'a str)>,
    /// The actor for rows without one.
    actor: Option<&'a str>,
    /// Whether a cell that cannot be read is skipped (for a scan) rather than failing the row.
    lenient: bool,
}

impl<'a> BatchReader<'a> {
    fn new(batch: &'a RecordBatch, m: &'a Mapping, actor: Option<&'a str>, lenient: bool) -> Self {
        let col = |c: usize| Column::new(batch.column(c)).unwrap_or(Column::Null);
        Self {
            fields: m
                .fields
                .iter()
                .map(|cols| {
                    cols.iter()
                        .map(|&c| (col(c), m.names[c].as_str()))
                        .collect()
                })
                .collect(),
            attributes: m
                .attributes
                .iter()
                .map(|(k, c)| (k.as_str(), col(*c), m.names[*c].as_str()))
                .collect(),
            actor,
            lenient,
        }
    }

    fn row(&self, i: usize, cells: &mut Vec<Cell<'a>>) -> Result<NewCustomer, CellError> {
        let mut row = Row::default();
        for (k, ((field, shape), cols)) in FIELDS.iter().zip(&self.fields).enumerate() {
            for (col, name) in cols {
                let fail = |error| CellError {
                    column: (*name).to_owned(),
                    error,
                };
                // A cell's text, or `None` for an empty cell (and for a bad one when lenient).
                let text = |cell, field: &dyn Fn() -> String| match text(cell) {
                    Err(_) if self.lenient => Ok(None),
                    Err(v) => Err(fail(not_text(field(), v))),
                    Ok(t) => Ok(t),
                };
                // Sets the field from a cell's text (a bad id rejects the row, unless lenient).
                let set = |row: &mut Row, t: Option<Cow<'_, str>>| match t {
                    Some(t) => match row.set(k, t.into_owned()) {
                        Err(_) if self.lenient => Ok(()),
                        Err(e) => Err(fail(e)),
                        Ok(()) => Ok(()),
                    },
                    None => Ok(()),
                };
                match shape {
                    Shape::List => {
                        cells.clear();
                        col.cells(i, cells);
                        for (j, cell) in cells.iter().enumerate() {
                            set(&mut row, text(*cell, &|| format!("{field}[{j}]"))?)?;
                        }
                    }
                    Shape::Addresses => {
                        let (Column::List(_, values), Some(range)) = (col, col_range(col, i))
                        else {
                            continue;
                        };
                        let Column::Struct(items, parts) = &**values else {
                            continue;
                        };
                        for (k, j) in range.enumerate() {
                            if items.is_null(j) {
                                continue;
                            }
                            let mut a = NewAddress::default();
                            for (part, child) in parts {
                                let what = || format!("addresses[{k}].{part}");
                                if *part == "lines" {
                                    cells.clear();
                                    child.cells(j, cells);
                                    for &cell in cells.iter() {
                                        if let Some(t) = text(cell, &what)? {
                                            a.lines.push(t.into_owned());
                                        }
                                    }
                                    continue;
                                }
                                let slot = match *part {
                                    "locality" => &mut a.locality,
                                    "region" => &mut a.region,
                                    "postal_code" => &mut a.postal_code,
                                    "country" => &mut a.country,
                                    "label" => &mut a.label,
                                    _ => continue,
                                };
                                *slot = text(child.cell(j), &what)?.map(Cow::into_owned);
                            }
                            row.customer().addresses.push(a);
                        }
                    }
                    Shape::Birthday => {
                        let t = match col.cell(i) {
                            Cell::Date(d) => Some(Cow::Owned(d.format("%Y-%m-%d").to_string())),
                            cell => text(cell, &|| (*field).to_owned())?,
                        };
                        set(&mut row, t)?;
                    }
                    Shape::Text => set(&mut row, text(col.cell(i), &|| (*field).to_owned())?)?,
                }
            }
        }
        let mut n = row.finish();
        for (key, col, _) in &self.attributes {
            if let Some(v) = attribute(col.cell(i)) {
                n.attributes.insert((*key).to_owned(), v);
            }
        }
        if n.actor.is_none() {
            n.actor = self.actor.map(str::to_owned);
        }
        Ok(n)
    }
}

/// Every row of `table` as a core input, in order, or the cell that could not be read
/// (`lenient`: such a cell is left out instead, for a scan that reports no rejects).
pub(crate) fn read_customers(
    table: &Table,
    mapping: &Mapping,
    actor: Option<&str>,
    lenient: bool,
) -> Vec<Result<NewCustomer, CellError>> {
    rows(table, mapping, actor, lenient)
        .map(|(_, row)| row)
        .collect()
}

/// The rows of `table` as core inputs (see [`read_customers`]) with their table row, read
/// one at a time as the iterator is advanced. An import hands this to the core, which
/// takes rows a small chunk at a time: only a chunk of inputs is held at once, and the rows
/// are allocated and freed on the importing thread (the core validates them on a second
/// one), which the system allocator needs to stay fast.
pub(crate) fn rows<'a>(
    table: &'a Table,
    mapping: &'a Mapping,
    actor: Option<&'a str>,
    lenient: bool,
) -> impl Iterator<Item = (usize, Result<NewCustomer, CellError>)> + 'a {
    let starts = table.batches.iter().scan(0, |first, batch| {
        let start = *first;
        *first += batch.num_rows();
        Some(start)
    });
    table
        .batches
        .iter()
        .zip(starts)
        .flat_map(move |(batch, start)| {
            let reader = BatchReader::new(batch, mapping, actor, lenient);
            let mut cells = Vec::new();
            (0..batch.num_rows()).map(move |i| (start + i, reader.row(i, &mut cells)))
        })
        // Bounds the size hint, by which the core sizes an import.
        .take(table.num_rows())
}
