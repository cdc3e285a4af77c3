//! Conversions between Python objects and core types: datetimes, the str enums, JSON, lists
//! and custom attribute values. Nothing here validates a value the core can judge; the only
//! refusals are of Python types (a `TypeError`) and of naive datetimes, which the core never
//! sees.

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use crm_core::AttributeValue;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyMapping, PyString, PyType, PyTzInfo,
};

use crate::errors::{self, OrRaise};

// ----- datetimes ----------------------------------------------------------------------------

/// A tz-aware `datetime` as UTC. A naive datetime is refused with a `ValidationError`: the
/// core records instants, and a naive datetime does not name one.
pub(crate) fn to_utc(value: &Bound<'_, PyAny>, field: &str) -> PyResult<DateTime<Utc>> {
    let py = value.py();
    let Ok(dt) = value.cast::<PyDateTime>() else {
        return Err(PyTypeError::new_err(format!(
            "{field} must be a datetime.datetime, not {}",
            type_name(value)
        )));
    };
    if dt.call_method0("utcoffset")?.is_none() {
        return Err(errors::validation(
            field,
            &dt.str()?.to_string(),
            format!(
                "invalid {field} {:?}: a naive datetime names no instant; pass a tz-aware \
                 datetime (e.g. datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))",
                dt.str()?.to_string()
            ),
        ));
    }
    let utc = PyTzInfo::utc(py)?;
    dt.call_method1("astimezone", (utc,))?.extract()
}

/// [`to_utc`] for an optional argument (`None` stays `None`).
pub(crate) fn opt_utc(
    value: Option<&Bound<'_, PyAny>>,
    field: &str,
) -> PyResult<Option<DateTime<Utc>>> {
    match value {
        Some(v) if !v.is_none() => to_utc(v, field).map(Some),
        _ => Ok(None),
    }
}

// ----- enums --------------------------------------------------------------------------------

/// Reads a core enum from its name (a plain `str` or a member of the Python str enum, which
/// is a `str`); the core's `FromStr` decides what is accepted.
pub(crate) fn parse_enum<T: FromStr<Err = crm_core::Error>>(value: &str) -> PyResult<T> {
    value.parse::<T>().or_raise()
}

/// The Python str enums defined in `crm/_enums.py`.
#[derive(Clone, Copy)]
pub(crate) enum PyEnum {
    Channel,
    Direction,
    InteractionKind,
    PhoneKind,
    CaseStatus,
    FollowUpKind,
    FollowUpStatus,
    Origin,
    Priority,
    TouchCategory,
    ConsentStatus,
    PromiseState,
}

static CHANNEL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DIRECTION: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static INTERACTION_KIND: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static PHONE_KIND: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static CASE_STATUS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static FOLLOW_UP_KIND: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static FOLLOW_UP_STATUS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static ORIGIN: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static PRIORITY: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static TOUCH_CATEGORY: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static CONSENT_STATUS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static PROMISE_STATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

impl PyEnum {
    /// The member of the Python enum whose value is `value` (a core `as_str()` name).
    pub(crate) fn member<'py>(self, py: Python<'py>, value: &str) -> PyResult<Bound<'py, PyAny>> {
        let (cell, name) = match self {
            PyEnum::Channel => (&CHANNEL, "Channel"),
            PyEnum::Direction => (&DIRECTION, "Direction"),
            PyEnum::InteractionKind => (&INTERACTION_KIND, "InteractionKind"),
            PyEnum::PhoneKind => (&PHONE_KIND, "PhoneKind"),
            PyEnum::CaseStatus => (&CASE_STATUS, "CaseStatus"),
            PyEnum::FollowUpKind => (&FOLLOW_UP_KIND, "FollowUpKind"),
            PyEnum::FollowUpStatus => (&FOLLOW_UP_STATUS, "FollowUpStatus"),
            PyEnum::Origin => (&ORIGIN, "Origin"),
            PyEnum::Priority => (&PRIORITY, "Priority"),
            PyEnum::TouchCategory => (&TOUCH_CATEGORY, "TouchCategory"),
            PyEnum::ConsentStatus => (&CONSENT_STATUS, "ConsentStatus"),
            PyEnum::PromiseState => (&PROMISE_STATE, "PromiseState"),
        };
        cell.import(py, "crm._enums", name)?.call1((value,))
    }
}

// ----- JSON ---------------------------------------------------------------------------------

static JSON_LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static JSON_DUMPS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// `json.loads(text)`.
pub(crate) fn json_loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    JSON_LOADS.import(py, "json", "loads")?.call1((text,))
}

/// `json.dumps(obj)`.
pub(crate) fn json_dumps(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    JSON_DUMPS
        .import(obj.py(), "json", "dumps")?
        .call1((obj,))?
        .extract()
}

/// A core value as a Python object, through the core's serde JSON form.
pub(crate) fn serde_to_py<'py, T: serde::Serialize>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value)
        .map_err(|e| PyTypeError::new_err(format!("cannot serialize: {e}")))?;
    json_loads(py, &text)
}

// ----- plain values -------------------------------------------------------------------------

/// The name of a Python object's type, for error messages.
pub(crate) fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map_or_else(|_| "object".to_owned(), |n| n.to_string())
}

/// A `str` argument.
pub(crate) fn string(value: &Bound<'_, PyAny>, field: &str) -> PyResult<String> {
    match value.cast::<PyString>() {
        Ok(s) => Ok(s.to_cow()?.into_owned()),
        Err(_) => Err(PyTypeError::new_err(format!(
            "{field} must be a str, not {}",
            type_name(value)
        ))),
    }
}

/// An optional `str` argument (`None` is `None`).
pub(crate) fn opt_string(
    value: Option<&Bound<'_, PyAny>>,
    field: &str,
) -> PyResult<Option<String>> {
    match value {
        Some(v) if !v.is_none() => string(v, field).map(Some),
        _ => Ok(None),
    }
}

/// The items of a list argument: any iterable, or a single `str` meaning a list of one
/// (so that `emails="a@example.com"` is not read letter by letter). `None` is empty.
pub(crate) fn items<'py>(value: Option<&Bound<'py, PyAny>>) -> PyResult<Vec<Bound<'py, PyAny>>> {
    match value {
        None => Ok(Vec::new()),
        Some(v) if v.is_none() => Ok(Vec::new()),
        Some(v) if v.is_instance_of::<PyString>() => Ok(vec![v.clone()]),
        Some(v) => v.try_iter()?.collect(),
    }
}

/// A list of `str` (see [`items`]).
pub(crate) fn string_list(value: Option<&Bound<'_, PyAny>>, field: &str) -> PyResult<Vec<String>> {
    items(value)?
        .iter()
        .enumerate()
        .map(|(i, v)| string(v, &format!("{field}[{i}]")))
        .collect()
}

/// A birthday given as a `str` (`"1990-05-17"`, `"--05-17"`), a `datetime.date` or a
/// `datetime.datetime` (its date); the core
/// reads the text.
pub(crate) fn birthday_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    // A datetime (a pandas Timestamp) is its date, as a frame's datetime cell is read.
    if value.is_instance_of::<PyDateTime>() {
        return value
            .call_method0("date")?
            .call_method0("isoformat")?
            .extract();
    }
    if let Ok(d) = value.cast::<PyDate>() {
        return d.call_method0("isoformat")?.extract();
    }
    if value.is_instance_of::<PyString>() {
        return value.extract();
    }
    Err(PyTypeError::new_err(format!(
        "birthday must be a str or a datetime.date, not {}",
        type_name(value)
    )))
}

// ----- custom attributes --------------------------------------------------------------------

/// One attribute value: `str`, `int`/`float` (a number), `bool` or `datetime.date`.
pub(crate) fn attribute_value(value: &Bound<'_, PyAny>, key: &str) -> PyResult<AttributeValue> {
    if value.is_instance_of::<PyBool>() {
        return Ok(AttributeValue::Bool(value.extract()?));
    }
    if value.is_instance_of::<PyInt>() || value.is_instance_of::<PyFloat>() {
        return Ok(AttributeValue::Number(value.extract()?));
    }
    if value.is_instance_of::<PyString>() {
        return Ok(AttributeValue::Text(value.extract()?));
    }
    if value.is_instance_of::<PyDate>() && !value.is_instance_of::<PyDateTime>() {
        let d: NaiveDate = value.extract()?;
        return Ok(AttributeValue::Date(d));
    }
    Err(PyTypeError::new_err(format!(
        "attributes[{key:?}] must be a str, int, float, bool or datetime.date, not {}",
        type_name(value)
    )))
}

/// A mapping of attribute names to values (`None` is empty).
pub(crate) fn attributes(
    value: Option<&Bound<'_, PyAny>>,
) -> PyResult<BTreeMap<String, AttributeValue>> {
    let mut out = BTreeMap::new();
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(out);
    };
    let map = value.cast::<PyMapping>().map_err(|_| {
        PyTypeError::new_err(format!(
            "attributes must be a mapping of str to values, not {}",
            type_name(value)
        ))
    })?;
    for item in map.items()?.iter() {
        let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
        let key = string(&k, "attribute name")?;
        let v = attribute_value(&v, &key)?;
        out.insert(key, v);
    }
    Ok(out)
}

/// An attribute value as the Python object: `str`, `float`, `bool` or `datetime.date`.
pub(crate) fn attribute_to_py<'py>(
    py: Python<'py>,
    value: &AttributeValue,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        AttributeValue::Text(t) => PyString::new(py, t).into_any(),
        AttributeValue::Number(n) => PyFloat::new(py, *n).into_any(),
        AttributeValue::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        AttributeValue::Date(d) => d.into_pyobject(py)?.into_any(),
    })
}

/// The attributes as a `dict`.
pub(crate) fn attributes_to_py<'py>(
    py: Python<'py>,
    map: &BTreeMap<String, AttributeValue>,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (k, v) in map {
        d.set_item(k, attribute_to_py(py, v)?)?;
    }
    Ok(d)
}

/// A mapping argument as a `dict` (a copy), or a `TypeError` naming `what`.
pub(crate) fn dict<'py>(value: &Bound<'py, PyAny>, what: &str) -> PyResult<Bound<'py, PyDict>> {
    if let Ok(d) = value.cast::<PyDict>() {
        return Ok(d.clone());
    }
    if value.cast::<PyMapping>().is_ok() {
        return Ok(value
            .py()
            .get_type::<PyDict>()
            .call1((value,))?
            .cast_into()?);
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be a mapping, not {}",
        type_name(value)
    )))
}

/// The keys of a dict argument (for a `TypeError` naming an unknown key).
pub(crate) fn check_keys(map: &Bound<'_, PyDict>, allowed: &[&str], what: &str) -> PyResult<()> {
    for k in map.keys() {
        let key = k.str()?.to_string();
        if !allowed.contains(&key.as_str()) {
            return Err(PyTypeError::new_err(format!(
                "{what} got an unexpected key {key:?} (known: {})",
                allowed.join(", ")
            )));
        }
    }
    Ok(())
}

// ----- reprs --------------------------------------------------------------------------------

/// A `str` as Python's `repr()` writes it (single quotes unless the text holds one).
pub(crate) fn repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// An optional `str` as Python's `repr()` writes it.
pub(crate) fn repr_opt(s: Option<&str>) -> String {
    s.map_or_else(|| "None".to_owned(), repr_str)
}

/// A list of `str` as Python's `repr()` writes it.
pub(crate) fn repr_list<S: AsRef<str>>(items: &[S]) -> String {
    let inner: Vec<String> = items.iter().map(|s| repr_str(s.as_ref())).collect();
    format!("[{}]", inner.join(", "))
}

/// An instant as ISO 8601 text (`2026-01-05T09:00:00Z`).
pub(crate) fn iso(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}
