//! The core's [`Error`] as a JavaScript `Error` object.
//!
//! Every failure reaches JS as a real `Error` (so `instanceof Error`, stack traces and
//! `err.message` work), never as a thrown string:
//!
//! | `err.name` | core [`ErrorKind`] |
//! |---|---|
//! | `ValidationError` | `validation` (invalid email, phone, date, …, and wrong argument shapes) |
//! | `NotFoundError` | `not_found` |
//! | `ConflictError` | `conflict` |
//! | `DecodeError` | `decode` |
//! | `JournalError` | `journal` |
//!
//! plus the properties `code` (= [`Error::code`]), `field`, `value` and `row` (each `null`
//! when the error has none) and, for conflicts, `holder` (the id of the customer holding
//! the value).

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use crm_core::{Error, ErrorKind};

/// What every binding method returns: the thrown value is a JS `Error` object.
pub(crate) type JsResult<T> = Result<T, JsValue>;

/// The JS class name of an error kind.
pub(crate) fn name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Validation => "ValidationError",
        ErrorKind::NotFound => "NotFoundError",
        ErrorKind::Conflict => "ConflictError",
        ErrorKind::Decode => "DecodeError",
        ErrorKind::Journal => "JournalError",
        // A kind added to the core later: still an Error with its code.
        _ => "CrmError",
    }
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    // Setting a property on a fresh Error object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

fn opt_str(v: Option<&str>) -> JsValue {
    v.map_or(JsValue::NULL, JsValue::from_str)
}

/// Builds the JS `Error` for a core error.
pub(crate) fn to_js(err: &Error) -> JsValue {
    let e = js_sys::Error::new(&err.to_string());
    e.set_name(name(err.kind()));
    let js: JsValue = e.into();
    set(&js, "code", &JsValue::from_str(err.code()));
    set(&js, "field", &opt_str(err.field()));
    set(&js, "value", &opt_str(err.value()));
    // Row numbers are small; a f64 holds them exactly.
    #[allow(clippy::cast_precision_loss)]
    let row = err
        .row()
        .map_or(JsValue::NULL, |r| JsValue::from_f64(r as f64));
    set(&js, "row", &row);
    if let Some(holder) = holder(err) {
        set(&js, "holder", &JsValue::from_str(holder));
    }
    js
}

fn holder(err: &Error) -> Option<&str> {
    match err {
        Error::Conflict { holder, .. } | Error::Duplicate { holder, .. } => Some(holder),
        Error::Row { source, .. } => holder(source),
        _ => None,
    }
}

/// Turns a core result into a binding result (`?`-friendly: `core_call().map_err(js)?`).
pub(crate) fn js(err: Error) -> JsValue {
    to_js(&err)
}

/// Extension for core results: `.js()?` throws the error as a JS `Error`.
pub(crate) trait IntoJs<T> {
    /// The result with its error converted.
    fn js(self) -> JsResult<T>;
}

impl<T> IntoJs<T> for Result<T, Error> {
    fn js(self) -> JsResult<T> {
        self.map_err(js)
    }
}
