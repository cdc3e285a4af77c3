//! What crm-wasm needs of the JavaScript engine beyond WebAssembly: Unicode normalisation.
//!
//! crm-core normalises text (NFC for storage, NFKD for matching keys) with the engine's
//! `String.prototype.normalize` on this target instead of compiling its tables in (see
//! crm-core `contact::unicode`). Every browser and every official Node build have it (ICU);
//! a Node built without ICU (`--without-intl`) returns strings unchanged, which would leave
//! "José" and "Jose\u{301}" apart without a word. The module refuses to start there instead.

/// Throws an `Error` (failing the module's start) when the engine does not normalise text.
pub(crate) fn require_normalization() {
    // "A" + COMBINING RING ABOVE composes to "Å" (U+00C5) in NFC.
    let composed = js_sys::JsString::from("A\u{30A}").normalize("NFC");
    if composed != "\u{C5}" {
        let err = js_sys::Error::new(
            "crm-wasm needs Unicode normalisation (String.prototype.normalize with ICU), \
             which this JavaScript engine lacks (a Node built without ICU?)",
        );
        wasm_bindgen::throw_val(err.into());
    }
}
