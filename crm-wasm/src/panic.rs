//! A panic (a bug: no input should cause one) reaches JS as a thrown `Error`, not as a
//! `RuntimeError: unreachable` that says nothing.
//!
//! The hook is installed when the module starts. It throws an `InternalError` (a `CrmError`)
//! with `code` `internal` and the panic message, so callers can tell a bug from
//! a validation error and report it. Other books and new books keep working; the book whose
//! method panicked may refuse further calls (wasm-bindgen keeps it marked as in use).
//!
//! Limits (with `panic = "abort"`, the only strategy of stable Rust on this target): the
//! hook throws instead of returning, so Rust's panic machinery stays marked as running a
//! hook, and a second panic in the same instance aborts without the hook: a
//! `WebAssembly.RuntimeError` ("unreachable"), still an `Error`, after which the module
//! still works. Each panic also leaves a few hundred bytes of the 1 MiB shadow stack in
//! use. Panics are bugs: the binding checks every input before the core sees it.

use std::panic::PanicHookInfo;

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

/// Installs the panic hook and checks the engine (run by wasm-bindgen when the module is
/// instantiated).
#[wasm_bindgen(start, js_name = "__crmStart")]
fn start() {
    std::panic::set_hook(Box::new(hook));
    crate::engine::require_normalization();
}

fn hook(info: &PanicHookInfo<'_>) {
    let err = js_sys::Error::new(&format!(
        "internal error in crm-wasm (a bug; please report it with the call that caused it): {info}"
    ));
    err.set_name("InternalError");
    let err: JsValue = err.into();
    crate::error::adopt_class(&err, "InternalError");
    for (key, value) in [
        ("code", JsValue::from_str("internal")),
        ("field", JsValue::NULL),
        ("value", JsValue::NULL),
        ("row", JsValue::NULL),
    ] {
        // Setting a property on a fresh Error object cannot fail.
        let _ = Reflect::set(&err, &JsValue::from_str(key), &value);
    }
    wasm_bindgen::throw_val(err);
}

/// Panics with `message`: lets the tests check that a panic becomes an `InternalError` and
/// that the module keeps working. Not part of the API (no TypeScript declaration).
#[wasm_bindgen(js_name = "__panicForTests", skip_typescript)]
pub fn panic_for_tests(message: &str) {
    panic!("{message}");
}
