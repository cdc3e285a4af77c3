//! Ids: JS strings ↔ the core's newtype ids (parsed by the core).

use wasm_bindgen::JsValue;

use crm_core::id::FollowUpId;
use crm_core::{CaseId, CustomerId, InteractionId};

use crate::convert;
use crate::error::{IntoJs, JsResult};

/// A customer id from a JS string.
pub(crate) fn customer(v: &JsValue) -> JsResult<CustomerId> {
    CustomerId::parse(&convert::string(v, "customer_id").js()?).js()
}

/// An interaction id from a JS string.
pub(crate) fn interaction(v: &JsValue) -> JsResult<InteractionId> {
    InteractionId::parse(&convert::string(v, "interaction_id").js()?).js()
}

/// A case id from a JS string.
pub(crate) fn case(v: &JsValue) -> JsResult<CaseId> {
    CaseId::parse(&convert::string(v, "case_id").js()?).js()
}

/// A follow-up id from a JS string.
pub(crate) fn follow_up(v: &JsValue) -> JsResult<FollowUpId> {
    FollowUpId::parse(&convert::string(v, "follow_up_id").js()?).js()
}
