//! JavaScript values ↔ the core's types.
//!
//! Core values are serialized with serde into [`serde_json::Value`] and then built into plain
//! JS objects: keys become camelCase and timestamp fields (`at`, `*_at`) become `Date`s.
//! Inputs go the other way: camelCase keys become snake_case, `Date`s become RFC 3339 text,
//! and the core's input types are read from the JSON text, as the journal reads them. Keys
//! inside user maps (`attributes`, `setAttributes`) are never renamed.
//!
//! Only the *shape* of a value is checked here (is it a string, a finite number, a valid
//! `Date`); every domain rule stays in `crm-core`. Shape errors are reported as the core's
//! own [`Error::InvalidValue`] / [`Error::InvalidDate`], so they reach JS like any other
//! validation error.

use chrono::{DateTime, SecondsFormat, Utc};
use js_sys::{Array, Date, Object, Reflect};
use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crm_core::Error;

/// Object keys whose values are user maps: their keys are data, not field names.
const USER_MAPS: &[&str] = &["attributes", "set_attributes"];

/// The largest integer a JS number holds exactly (2^53 - 1).
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

// ----- small error helpers ---------------------------------------------------------------

/// A shape error: `field` holds `value`, which is not what the API takes.
pub(crate) fn invalid(field: &str, value: impl Into<String>, reason: impl Into<String>) -> Error {
    Error::InvalidValue {
        field: field.to_owned(),
        value: value.into(),
        reason: reason.into(),
    }
}

/// A short, safe description of a JS value for error messages.
pub(crate) fn describe(v: &JsValue) -> String {
    if let Some(s) = v.as_string() {
        return s;
    }
    if let Some(n) = v.as_f64() {
        return format!("{n}");
    }
    if let Some(b) = v.as_bool() {
        return b.to_string();
    }
    if v.is_null() {
        return "null".to_owned();
    }
    if v.is_undefined() {
        return "undefined".to_owned();
    }
    if Array::is_array(v) {
        return "[array]".to_owned();
    }
    if v.is_function() {
        return "[function]".to_owned();
    }
    if v.is_object() {
        return "[object]".to_owned();
    }
    v.js_typeof().as_string().unwrap_or_default()
}

// ----- names ----------------------------------------------------------------------------

/// `created_at` → `createdAt`.
pub(crate) fn camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '_' && !out.is_empty() {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `createdAt` → `created_at` (snake_case keys pass through unchanged, and so do keys that
/// are no identifier, such as a sheet's "First Name", so that an error names them as given).
pub(crate) fn snake(key: &str) -> String {
    if !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return key.to_owned();
    }
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn is_timestamp_key(key: &str) -> bool {
    key == "at" || key.ends_with("_at")
}

// ----- dates ----------------------------------------------------------------------------

/// A JS `Date` for an instant (JS keeps milliseconds).
pub(crate) fn date_to_js(at: DateTime<Utc>) -> JsValue {
    // Millisecond counts of chrono's range fit a f64 exactly.
    #[allow(clippy::cast_precision_loss)]
    let ms = at.timestamp_millis() as f64;
    Date::new(&JsValue::from_f64(ms)).into()
}

/// An optional instant as a `Date` or `null`.
pub(crate) fn opt_date_to_js(at: Option<DateTime<Utc>>) -> JsValue {
    at.map_or(JsValue::NULL, date_to_js)
}

/// Reads an instant: a valid `Date`, or RFC 3339 text (`"2026-01-05T09:00:00Z"`).
///
/// # Errors
/// [`Error::InvalidDate`] naming `field` for anything else.
pub(crate) fn date_from_js(v: &JsValue, field: &str) -> Result<DateTime<Utc>, Error> {
    let bad = |reason: &str| Error::InvalidDate {
        field: field.to_owned(),
        value: describe(v),
        reason: reason.to_owned(),
    };
    if let Some(d) = v.dyn_ref::<Date>() {
        let ms = d.get_time();
        if !ms.is_finite() {
            return Err(bad("an invalid Date"));
        }
        // Finite Date values are integral milliseconds within ±8.64e15.
        #[allow(clippy::cast_possible_truncation)]
        let ms = ms as i64;
        return DateTime::from_timestamp_millis(ms).ok_or_else(|| bad("out of range"));
    }
    if let Some(s) = v.as_string() {
        return DateTime::parse_from_rfc3339(s.trim())
            .map(|d| d.with_timezone(&Utc))
            .map_err(|_| bad("expected a Date or RFC 3339 text such as 2026-01-05T09:00:00Z"));
    }
    Err(bad("expected a Date"))
}

/// An optional instant: `undefined` and `null` are `None`.
pub(crate) fn opt_date_from_js(v: &JsValue, field: &str) -> Result<Option<DateTime<Utc>>, Error> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    date_from_js(v, field).map(Some)
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

// ----- core → JS ------------------------------------------------------------------------

/// Serializes a core value into JSON (serializing the core's types cannot fail: all their
/// map keys are strings).
///
/// Through JSON text rather than `serde_json::to_value`: the journal and snapshots write
/// the same types as text, so each type's serializer is compiled once (−5 KB gzipped).
pub(crate) fn json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_string(v)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Value::Null)
}

/// Builds a JS value from JSON: camelCase keys and `Date`s for timestamp fields, except
/// inside user maps, which are copied as they are.
pub(crate) fn to_js(v: &Value) -> JsValue {
    walk_out(v, None, false)
}

fn walk_out(v: &Value, key: Option<&str>, raw: bool) -> JsValue {
    match v {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => {
            if !raw && key.is_some_and(is_timestamp_key) {
                if let Some(at) = crm_core::json::instant_from_text(s) {
                    return date_to_js(at);
                }
            }
            JsValue::from_str(s)
        }
        Value::Array(items) => items
            .iter()
            .map(|x| walk_out(x, key, raw))
            .collect::<Array>()
            .into(),
        Value::Object(map) => {
            let obj = Object::new();
            for (k, x) in map {
                let js_key = if raw { k.clone() } else { camel(k) };
                let child_raw = raw || USER_MAPS.contains(&k.as_str());
                let _ = Reflect::set(
                    &obj,
                    &JsValue::from_str(&js_key),
                    &walk_out(x, Some(k), child_raw),
                );
            }
            obj.into()
        }
    }
}

/// Edits a JSON object in place: the helpers below keep output shapes stable (every key
/// present, `null` for "none") whatever the core skips when serializing.
pub(crate) struct Shape<'a>(pub(crate) &'a mut Map<String, Value>);

impl Shape<'_> {
    /// Sets `key` to `null` when it is missing.
    pub(crate) fn nulls(&mut self, keys: &[&str]) -> &mut Self {
        for k in keys {
            self.0.entry(*k).or_insert(Value::Null);
        }
        self
    }

    /// Sets `key` to `[]` when it is missing.
    pub(crate) fn lists(&mut self, keys: &[&str]) -> &mut Self {
        for k in keys {
            self.0.entry(*k).or_insert_with(|| Value::Array(Vec::new()));
        }
        self
    }

    /// Sets `key` to `{}` when it is missing.
    pub(crate) fn maps(&mut self, keys: &[&str]) -> &mut Self {
        for k in keys {
            self.0
                .entry(*k)
                .or_insert_with(|| Value::Object(Map::new()));
        }
        self
    }

    /// Renames `from` to `to` (an id field named after the JS API, e.g. `customer_id`).
    pub(crate) fn rename(&mut self, from: &str, to: &str) -> &mut Self {
        let v = self.0.remove(from).unwrap_or(Value::Null);
        self.0.insert(to.to_owned(), v);
        self
    }

    /// Sets `key` to `value`.
    pub(crate) fn set(&mut self, key: &str, value: Value) -> &mut Self {
        self.0.insert(key.to_owned(), value);
        self
    }

    /// Applies `f` to every object of the list under `key`.
    pub(crate) fn each(&mut self, key: &str, f: impl Fn(&mut Shape<'_>)) -> &mut Self {
        if let Some(Value::Array(items)) = self.0.get_mut(key) {
            for item in items {
                if let Value::Object(m) = item {
                    f(&mut Shape(m));
                }
            }
        }
        self
    }

    /// Applies `f` to the object under `key`, if there is one.
    pub(crate) fn inner(&mut self, key: &str, f: impl Fn(&mut Shape<'_>)) -> &mut Self {
        if let Some(Value::Object(m)) = self.0.get_mut(key) {
            f(&mut Shape(m));
        }
        self
    }
}

/// Runs `f` on a JSON object (no-op for other values) and returns the value.
pub(crate) fn shaped(mut v: Value, f: impl FnOnce(&mut Shape<'_>)) -> Value {
    if let Value::Object(m) = &mut v {
        f(&mut Shape(m));
    }
    v
}

/// A list of JS values as an array.
pub(crate) fn array<I: IntoIterator<Item = JsValue>>(items: I) -> JsValue {
    items.into_iter().collect::<Array>().into()
}

// ----- JS → core ------------------------------------------------------------------------

/// Reads a JS value as JSON: camelCase keys to snake_case (not inside user maps), `Date`s
/// to RFC 3339 text; `undefined` properties are left out, so "missing" and `undefined` mean
/// the same. `field` names the value in errors.
///
/// # Errors
/// [`Error::InvalidValue`] for values JSON cannot hold (functions, symbols, non-finite
/// numbers), [`Error::InvalidDate`] for an invalid `Date`.
pub(crate) fn from_js(v: &JsValue, field: &str) -> Result<Value, Error> {
    walk_in(v, field, false, 0)
}

/// [`from_js`] keeping every key as it is: for user data (a merge's match scores, explicit
/// attribute values).
pub(crate) fn from_js_raw(v: &JsValue, field: &str) -> Result<Value, Error> {
    walk_in(v, field, true, 0)
}

/// How many arrays and objects deep an input may nest: deeper (an object that holds
/// itself, above all) is refused rather than walked until the stack runs out. The core's
/// JSON reader stops at 128 levels in all.
const MAX_DEPTH: usize = 100;

fn walk_in(v: &JsValue, path: &str, raw: bool, depth: usize) -> Result<Value, Error> {
    if depth > MAX_DEPTH && v.is_object() {
        return Err(invalid(
            path,
            describe(v),
            format!(
                "nested more than {MAX_DEPTH} arrays and objects deep (an object that holds itself?)"
            ),
        ));
    }
    if v.is_null() || v.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(s) = v.as_string() {
        return Ok(Value::String(s));
    }
    if let Some(b) = v.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(n) = v.as_f64() {
        return number(n, path);
    }
    if v.is_bigint() {
        let text = js_sys::BigInt::from(v.clone())
            .to_string(10)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        return text
            .parse::<i64>()
            .map(|i| Value::Number(i.into()))
            .map_err(|_| invalid(path, text, "a whole number out of range"));
    }
    if v.is_instance_of::<Date>() {
        if !raw && (path == "birthday" || path.ends_with(".birthday")) {
            return calendar_date(v, path).map(Value::String);
        }
        return date_from_js(v, path).map(|d| Value::String(rfc3339(d)));
    }
    if Array::is_array(v) {
        let mut out = Vec::new();
        for (i, item) in items(v, path)?.iter().enumerate() {
            out.push(walk_in(item, &format!("{path}[{i}]"), raw, depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    if v.is_object() && !v.is_function() {
        let mut out = Map::new();
        for k in keys(v, path)? {
            let item = Reflect::get(v, &JsValue::from_str(&k)).map_err(|e| unreadable(path, &e))?;
            if item.is_undefined() {
                continue;
            }
            let name = if raw { k } else { snake(&k) };
            let child_path = if path.is_empty() {
                name.clone()
            } else {
                format!("{path}.{name}")
            };
            let child_raw = raw || USER_MAPS.contains(&name.as_str());
            out.insert(name, walk_in(&item, &child_path, child_raw, depth + 1)?);
        }
        return Ok(Value::Object(out));
    }
    Err(invalid(path, describe(v), "JSON cannot hold this value"))
}

/// The calendar day of a `Date` given for a day (a birthday), as `YYYY-MM-DD`: a `Date` at
/// midnight UTC (`new Date("1985-06-15")`) by its UTC date, any other (a date picker's or a
/// database's `DATE` at local midnight, `new Date(1985, 5, 15)`) by its local one, so that
/// neither moves to the day before or after.
fn calendar_date(v: &JsValue, path: &str) -> Result<String, Error> {
    let at = date_from_js(v, path)?;
    let d: &Date = v.unchecked_ref();
    // Midnight UTC is that day; any other instant is the day it is where it was made (the
    // local offset, in minutes west of UTC, as the Date reports it).
    let midnight = at.timestamp_millis().rem_euclid(86_400_000) == 0;
    #[allow(clippy::cast_possible_truncation)] // offsets are a few hundred minutes
    let west = if midnight {
        0
    } else {
        d.get_timezone_offset() as i64
    };
    let local = at
        .checked_sub_signed(chrono::TimeDelta::minutes(west))
        .unwrap_or(at);
    use chrono::Datelike as _;
    Ok(format!(
        "{:04}-{:02}-{:02}",
        local.year(),
        local.month(),
        local.day()
    ))
}

fn number(n: f64, path: &str) -> Result<Value, Error> {
    if !n.is_finite() {
        return Err(invalid(path, format!("{n}"), "expected a finite number"));
    }
    if n.fract() == 0.0 && n.abs() <= MAX_SAFE {
        // Exact: integral and within ±2^53.
        #[allow(clippy::cast_possible_truncation)]
        return Ok(Value::Number((n as i64).into()));
    }
    Number::from_f64(n)
        .map(Value::Number)
        .ok_or_else(|| invalid(path, format!("{n}"), "expected a finite number"))
}

/// Reads a core input type from JSON; serde errors become [`Error::InvalidValue`] naming
/// the path (`phones[0].number`, prefixed with `at` when given) and what was expected.
/// `name` names the whole value (`customer`, `patch`, `purchase`).
///
/// The value is read from its pretty-printed JSON text with the same reader as the journal
/// and snapshots, so each input type's deserializer is compiled once (reading the `Value`
/// itself, through `serde_path_to_error`, compiled a second copy of each: about 20 KB
/// gzipped). Pretty-printed, every scalar, every object entry and every closing bracket
/// sits on a line of its own, so the line of serde's error gives the path ([`path_at`]).
pub(crate) fn from_json<T: DeserializeOwned>(v: Value, at: &str, name: &str) -> Result<T, Error> {
    let text = serde_json::to_string_pretty(&v).unwrap_or_default();
    crm_core::json::from_str(&text).map_err(|e| {
        let (path, found) = path_at(&v, e.line());
        // The offending value as text: a string as it is, a number or flag as JSON writes it.
        let value = match found {
            Some(Value::String(s)) => s.clone(),
            Some(x @ (Value::Number(_) | Value::Bool(_))) => x.to_string(),
            _ => String::new(),
        };
        let field = if path.is_empty() {
            name.to_owned()
        } else if at.is_empty() {
            path
        } else {
            format!("{at}.{path}")
        };
        invalid(&field, value, crm_core::json::without_position(&e))
    })
}

/// The path (`phones[0].number`; `""` for the whole value) of what
/// `serde_json::to_string_pretty(v)` writes on line `line` (1-based): the entry or item
/// that starts there, or the object or array that a closing bracket there ends.
fn path_at(v: &Value, line: usize) -> (String, Option<&Value>) {
    path_in(v, String::new(), 1, line).map_or((String::new(), None), |(p, x)| (p, Some(x)))
}

/// [`path_at`] for `v`, written from line `start` at `path`: `Ok` with the path and the
/// value there when `line` falls within `v`, else `Err` with the last line of `v`.
fn path_in(v: &Value, path: String, start: usize, line: usize) -> Result<(String, &Value), usize> {
    if line == start {
        return Ok((path, v));
    }
    let children: Vec<(String, &Value)> = match v {
        Value::Object(map) if !map.is_empty() => map
            .iter()
            .map(|(k, x)| {
                let child = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                (child, x)
            })
            .collect(),
        Value::Array(items) if !items.is_empty() => items
            .iter()
            .enumerate()
            .map(|(i, x)| (format!("{path}[{i}]"), x))
            .collect(),
        _ => return Err(start),
    };
    let mut last = start;
    for (child, x) in children {
        match path_in(x, child, last + 1, line) {
            Ok(found) => return Ok(found),
            Err(end) => last = end,
        }
    }
    // The closing bracket.
    if line == last + 1 {
        return Ok((path, v));
    }
    Err(last + 1)
}

/// Reads a JS object into a core input type (see [`from_js`] and [`from_json`]); `at` is
/// where it sits in the arguments (`""` for a whole argument, `purchase` for a nested one),
/// `name` what to call it in errors. `undefined` and `null` read as `{}`.
pub(crate) fn input<T: DeserializeOwned>(v: &JsValue, at: &str, name: &str) -> Result<T, Error> {
    let json = match from_js(v, at)? {
        Value::Null => Value::Object(Map::new()),
        other => other,
    };
    if !json.is_object() {
        return Err(invalid(name, describe(v), "expected an object"));
    }
    from_json(json, at, name)
}

// ----- reading plain JS arguments ---------------------------------------------------------

#[wasm_bindgen]
extern "C" {
    /// `Object.keys(v)`, catching what a proxy's trap throws.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(v: &JsValue) -> Result<Array, JsValue>;
}

/// An object whose keys or items cannot be read (a proxy whose trap throws, a getter that
/// throws): a validation error naming `field`, with what JS said.
fn unreadable(field: &str, thrown: &JsValue) -> Error {
    let said = thrown
        .dyn_ref::<js_sys::Error>()
        .and_then(|e| Reflect::get(e, &JsValue::from_str("message")).ok())
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| describe(thrown));
    invalid(field, "[object]", format!("cannot be read: {said}"))
}

/// The own enumerable string keys of an object (`Object.keys`).
///
/// # Errors
/// [`Error::InvalidValue`] naming `field` when reading them throws.
pub(crate) fn keys(v: &JsValue, field: &str) -> Result<Vec<String>, Error> {
    let keys = object_keys(v).map_err(|e| unreadable(field, &e))?;
    // `Object.keys` returns a plain array of strings.
    Ok(keys.iter().filter_map(|k| k.as_string()).collect())
}

/// The items of an array, read through `Reflect` so that a proxy or a getter that throws is
/// an error rather than an exception through the module.
///
/// # Errors
/// [`Error::InvalidValue`] naming `field` when reading the length or an item throws.
pub(crate) fn items(v: &JsValue, field: &str) -> Result<Vec<JsValue>, Error> {
    let length =
        Reflect::get(v, &JsValue::from_str("length")).map_err(|e| unreadable(field, &e))?;
    let length = length
        .as_f64()
        .filter(|n| n.is_finite() && *n >= 0.0)
        .unwrap_or(0.0);
    // An array's length is a u32; a proxy may claim more, which is cut to that range.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let length = length.min(f64::from(u32::MAX)) as u32;
    (0..length)
        .map(|i| Reflect::get_u32(v, i).map_err(|e| unreadable(&format!("{field}[{i}]"), &e)))
        .collect()
}

/// A property of an options object (`undefined` when absent or not an object).
pub(crate) fn prop(obj: &JsValue, key: &str) -> JsValue {
    if !obj.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Checks that an argument is a plain object (not an array), `undefined` or `null`; its keys
/// may be anything (a map of names chosen by the caller).
pub(crate) fn object(v: &JsValue, field: &str) -> Result<(), Error> {
    if v.is_undefined() || v.is_null() || (v.is_object() && !Array::is_array(v)) {
        Ok(())
    } else {
        Err(invalid(field, describe(v), "expected an options object"))
    }
}

/// Checks that an options argument is an object, `undefined` or `null`, with no key but
/// those in `known` (the camelCase names the reader takes): a misspelt option is an error
/// naming it, never silently ignored.
///
/// # Errors
/// [`Error::InvalidValue`] naming `field`, with the unknown key as the value.
pub(crate) fn options(v: &JsValue, field: &str, known: &[&str]) -> Result<(), Error> {
    object(v, field)?;
    if v.is_undefined() || v.is_null() {
        return Ok(());
    }
    match keys(v, field)?
        .into_iter()
        .find(|k| !known.contains(&k.as_str()))
    {
        None => Ok(()),
        Some(key) => Err(invalid(
            field,
            key,
            format!("not a known key; known: {}", known.join(", ")),
        )),
    }
}

/// A string, or `None` for `undefined` / `null`.
pub(crate) fn opt_string(v: &JsValue, field: &str) -> Result<Option<String>, Error> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string()
        .map(Some)
        .ok_or_else(|| invalid(field, describe(v), "expected a string"))
}

/// A string.
pub(crate) fn string(v: &JsValue, field: &str) -> Result<String, Error> {
    v.as_string()
        .ok_or_else(|| invalid(field, describe(v), "expected a string"))
}

/// A list of strings, or an empty list for `undefined` / `null`.
pub(crate) fn string_list(v: &JsValue, field: &str) -> Result<Vec<String>, Error> {
    if v.is_undefined() || v.is_null() {
        return Ok(Vec::new());
    }
    if !Array::is_array(v) {
        return Err(invalid(field, describe(v), "expected an array of strings"));
    }
    items(v, field)?
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            s.as_string()
                .ok_or_else(|| invalid(&format!("{field}[{i}]"), describe(&s), "expected a string"))
        })
        .collect()
}

/// A whole number of at least zero that a JS number holds exactly.
pub(crate) fn whole_number(v: &JsValue, field: &str) -> Result<u64, Error> {
    match v.as_f64() {
        Some(n) if n.is_finite() && n.fract() == 0.0 && (0.0..=MAX_SAFE).contains(&n) => {
            // Exact: integral and within 0..=2^53.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Ok(n as u64)
        }
        _ => Err(invalid(
            field,
            describe(v),
            "expected a whole number from 0 to 2^53 - 1",
        )),
    }
}

/// A finite number.
pub(crate) fn finite(v: &JsValue, field: &str) -> Result<f64, Error> {
    match v.as_f64() {
        Some(n) if n.is_finite() => Ok(n),
        _ => Err(invalid(field, describe(v), "expected a finite number")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_cases_round_trip() {
        for (s, c) in [
            ("created_at", "createdAt"),
            ("unit_price_minor", "unitPriceMinor"),
            ("e164", "e164"),
            ("id", "id"),
        ] {
            assert_eq!(camel(s), c);
            assert_eq!(snake(c), s);
        }
        assert_eq!(snake("given_name"), "given_name");
        assert_eq!(snake("First Name"), "First Name");
        assert!(is_timestamp_key("at"));
        assert!(is_timestamp_key("resolved_at"));
        assert!(!is_timestamp_key("attributes"));
    }

    #[test]
    fn every_line_of_pretty_json_has_its_path() {
        let v = serde_json::json!({
            "a": 1,
            "b": {"c": [true, {"d": null}, []], "e": {}},
            "f": "x"
        });
        let text = serde_json::to_string_pretty(&v).unwrap();
        let paths: Vec<String> = (1..=text.lines().count())
            .map(|l| path_at(&v, l).0)
            .collect();
        let want = [
            "", "a", "b", "b.c", "b.c[0]", "b.c[1]", "b.c[1].d", "b.c[1]", "b.c[2]", "b.c", "b.e",
            "b", "f", "",
        ];
        assert_eq!(paths, want, "{text}");
        assert_eq!(path_at(&serde_json::json!(5), 1).0, "");
        assert_eq!(path_at(&v, 3).1, Some(&v["b"]));
        assert_eq!(path_at(&v, 99), (String::new(), None));
    }

    #[test]
    fn input_errors_name_the_path_and_drop_the_position() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Item {
            n: u32,
        }
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Outer {
            name: String,
            items: Vec<Item>,
        }
        let read = |v: Value| from_json::<Outer>(v, "", "outer").unwrap_err();
        let field = |e: Error| match e {
            Error::InvalidValue {
                field,
                reason,
                value,
            } => {
                assert!(!reason.contains("line"), "{reason}");
                (field, reason, value)
            }
            other => panic!("{other:?}"),
        };
        // The path, and the offending value when it is a string, number or flag.
        let cases = [
            (
                serde_json::json!({"name": "a", "items": [{"n": 1}, {"n": "x"}]}),
                "items[1].n",
                "x",
            ),
            (
                serde_json::json!({"name": "a", "items": [{"n": 1}, {}]}),
                "items[1]",
                "",
            ),
            (
                serde_json::json!({"name": "a", "items": [{"n": 1, "m": 2}]}),
                "items[0].m",
                "2",
            ),
            (
                serde_json::json!({"name": "a", "items": [{"n": 1}], "zip": 1}),
                "zip",
                "1",
            ),
            (serde_json::json!({"name": 7, "items": []}), "name", "7"),
            (serde_json::json!({"name": "a"}), "outer", ""),
            (
                serde_json::json!({"name": "a", "items": {"n": 1}}),
                "items",
                "",
            ),
        ];
        for (v, want, value) in cases {
            let (got, reason, got_value) = field(read(v.clone()));
            assert_eq!(
                (got.as_str(), got_value.as_str()),
                (want, value),
                "{v}: {reason}"
            );
        }
        let nested = from_json::<Outer>(serde_json::json!({"name": 1}), "purchase", "purchase");
        assert_eq!(field(nested.unwrap_err()).0, "purchase.name");
    }
}
