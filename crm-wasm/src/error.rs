//! The core's [`Error`] as a JavaScript `Error` object.
//!
//! Every failure reaches JS as a real `Error` (so `instanceof Error`, stack traces and
//! `err.message` work), never as a thrown string, and as an instance of the package's class
//! for its kind (`instanceof ValidationError`, all subclasses of `CrmError`; the classes are
//! defined in `scripts/errors.js` and registered by the glue through [`set_error_classes`]):
//!
//! | `err.name` (its class) | core [`ErrorKind`] |
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

use std::cell::RefCell;

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

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

thread_local! {
    /// The error classes by name (`CrmError`, `ValidationError`, …), once registered.
    static CLASSES: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// Registers the package's error classes, an object of classes by name: the JS glue calls
/// it once the module has started. Not part of the API (no TypeScript declaration).
#[wasm_bindgen(js_name = "__setErrorClasses", skip_typescript)]
pub fn set_error_classes(classes: JsValue) {
    CLASSES.with(|c| {
        if let Ok(mut slot) = c.try_borrow_mut() {
            *slot = Some(classes);
        }
    });
}

/// Makes `err` an instance of the registered class `name` (it stays the `Error` it is,
/// with its message and stack); leaves it a plain `Error` when there is no such class.
pub(crate) fn adopt_class(err: &JsValue, name: &str) {
    CLASSES.with(|c| {
        let Ok(classes) = c.try_borrow() else {
            return;
        };
        let Some(classes) = classes.as_ref() else {
            return;
        };
        let prototype = Reflect::get(classes, &JsValue::from_str(name))
            .and_then(|class| Reflect::get(&class, &JsValue::from_str("prototype")));
        if let Ok(prototype) = prototype {
            if let (Some(err), Some(prototype)) = (err.dyn_ref::<Object>(), prototype.dyn_ref()) {
                Object::set_prototype_of(err, prototype);
            }
        }
    });
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
    adopt_class(&js, name(err.kind()));
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
