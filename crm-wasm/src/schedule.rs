//! Scheduling: follow-ups, consent and `canContact`.

use std::str::FromStr;

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use crm_core::Error;
use crm_core::consent::{Consent, ConsentRecord, ConsentScope, ConsentStatus, TouchCategory};
use crm_core::interaction::Channel;
use crm_core::schedule::followup::{FollowUp, FollowUpKind, NewFollowUp, Priority};
use crm_core::schedule::policy::{Blocker, Decision};

use crate::convert::{self, prop};
use crate::crm::Crm;
use crate::error::{IntoJs, JsResult};
use crate::id;

pub(crate) fn set(obj: &Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

/// A follow-up as the JS API shows it (`customerId`, `due`, `seriesStart`, `planned` and
/// `closedAt` as `Date`s, the recurrence as RRULE text, every field present).
pub(crate) fn follow_up_to_js(f: &FollowUp) -> JsValue {
    let v = convert::shaped(convert::json(f), |s| {
        s.rename("customer", "customer_id").nulls(&[
            "channel",
            "note",
            "owner",
            "recurrence",
            "closed_at",
        ]);
    });
    let js = convert::to_js(&v);
    let obj: &Object = js.unchecked_ref();
    set(obj, "due", &convert::date_to_js(f.due));
    set(obj, "seriesStart", &convert::date_to_js(f.series_start));
    set(obj, "planned", &convert::date_to_js(f.planned));
    js
}

fn opt_follow_up_to_js(f: Option<&FollowUp>) -> JsValue {
    f.map_or(JsValue::NULL, follow_up_to_js)
}

fn follow_ups_to_js<'a>(list: impl IntoIterator<Item = &'a FollowUp>) -> JsValue {
    convert::array(list.into_iter().map(follow_up_to_js))
}

fn record_to_js(r: Option<&ConsentRecord>) -> JsValue {
    let Some(r) = r else {
        return JsValue::NULL;
    };
    let obj = Object::new();
    set(&obj, "status", &JsValue::from_str(r.status.as_str()));
    set(&obj, "at", &convert::date_to_js(r.at));
    set(
        &obj,
        "source",
        &r.source.as_deref().map_or(JsValue::NULL, JsValue::from_str),
    );
    obj.into()
}

/// A customer's consent as a plain object: `channels` keyed by channel (keys as the core
/// spells them), `marketing` and `doNotContact` records or `null`; `at` as a `Date`.
pub(crate) fn consent_to_js(c: &Consent) -> JsValue {
    let channels = Object::new();
    for (ch, r) in c.channels() {
        set(&channels, ch.as_str(), &record_to_js(Some(r)));
    }
    let obj = Object::new();
    set(&obj, "channels", &channels);
    set(&obj, "marketing", &record_to_js(c.marketing()));
    set(&obj, "doNotContact", &record_to_js(c.do_not_contact()));
    obj.into()
}

/// A reason a touch may not go out: `{ code, until, message }` (`until` a `Date` or `null`).
pub(crate) fn blocker_to_js(r: &Blocker) -> JsValue {
    let obj = Object::new();
    set(&obj, "code", &JsValue::from_str(r.code()));
    set(&obj, "until", &convert::opt_date_to_js(r.until()));
    set(&obj, "message", &JsValue::from_str(&r.to_string()));
    obj.into()
}

fn decision_to_js(d: &Decision) -> JsValue {
    let reasons = convert::array(d.reasons.iter().map(blocker_to_js));
    let obj = Object::new();
    set(&obj, "allowed", &JsValue::from_bool(d.allowed));
    set(&obj, "earliest", &convert::opt_date_to_js(d.earliest));
    set(&obj, "reasons", &reasons);
    set(
        &obj,
        "overridden",
        &d.overridden
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str),
    );
    obj.into()
}

fn parse_enum<T: FromStr<Err = Error>>(v: &JsValue, field: &str) -> Result<T, Error> {
    convert::string(v, field)?.parse()
}

fn opt_enum<T: FromStr<Err = Error>>(v: &JsValue, field: &str) -> Result<Option<T>, Error> {
    convert::opt_string(v, field)?
        .map(|s| s.parse())
        .transpose()
}

/// Reads `scheduleFollowUp`'s argument into the core's `NewFollowUp`.
fn new_follow_up(v: &JsValue) -> JsResult<NewFollowUp> {
    if !v.is_object() {
        return Err(crate::error::js(convert::invalid(
            "follow_up",
            convert::describe(v),
            "expected an object",
        )));
    }
    convert::options(
        v,
        "follow_up",
        &[
            "customerId",
            "due",
            "kind",
            "channel",
            "priority",
            "note",
            "owner",
            "recurrence",
            "actor",
            "id",
        ],
    )
    .js()?;
    let customer = id::customer(&prop(v, "customerId"))?;
    let due = convert::date_from_js(&prop(v, "due"), "due").js()?;
    let kind: FollowUpKind = opt_enum(&prop(v, "kind"), "kind").js()?.unwrap_or_default();
    let mut new = NewFollowUp::new(customer, due, kind);
    new.channel = opt_enum(&prop(v, "channel"), "channel").js()?;
    let priority: Option<Priority> = opt_enum(&prop(v, "priority"), "priority").js()?;
    new.priority = priority.unwrap_or_default();
    new.note = convert::opt_string(&prop(v, "note"), "note").js()?;
    new.owner = convert::opt_string(&prop(v, "owner"), "owner").js()?;
    new.recurrence = convert::opt_string(&prop(v, "recurrence"), "recurrence").js()?;
    new.actor = convert::opt_string(&prop(v, "actor"), "actor").js()?;
    let fid = prop(v, "id");
    if !fid.is_undefined() && !fid.is_null() {
        new.id = Some(id::follow_up(&fid)?);
    }
    Ok(new)
}

/// The `actor` of an options argument.
fn actor(options: Option<crate::ActorOptionsArg>) -> JsResult<Option<String>> {
    let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
    convert::options(&options, "options", &["actor"]).js()?;
    convert::opt_string(&prop(&options, "actor"), "actor").js()
}

/// A consent scope: `marketing`, `do_not_contact`, or a channel (read by the core).
fn scope(v: &JsValue) -> Result<ConsentScope, Error> {
    convert::string(v, "scope")?.parse()
}

/// A consent status: `granted` or `denied` (read by the core).
fn status(v: &JsValue) -> Result<ConsentStatus, Error> {
    convert::string(v, "status")?.parse()
}

#[wasm_bindgen]
impl Crm {
    /// Plans a follow-up and returns it. Its owner defaults to the customer's owner; a
    /// `recurrence` (an RRULE) repeats it in the customer's time zone.
    #[wasm_bindgen(js_name = scheduleFollowUp, unchecked_return_type = "FollowUp")]
    pub fn schedule_follow_up(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "NewFollowUp")] input: JsValue,
    ) -> JsResult<JsValue> {
        let new = new_follow_up(&input)?;
        self.inner.schedule_follow_up(new).map(follow_up_to_js).js()
    }

    /// Moves an open or snoozed follow-up to a new due time.
    #[wasm_bindgen(js_name = rescheduleFollowUp, unchecked_return_type = "FollowUp")]
    pub fn reschedule_follow_up(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "FollowUpId")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Instant")] due: JsValue,
        options: Option<crate::ActorOptionsArg>,
    ) -> JsResult<JsValue> {
        let id = id::follow_up(&id)?;
        let due = convert::date_from_js(&due, "due").js()?;
        let actor = actor(options)?;
        self.inner
            .reschedule_follow_up(id, due, actor.as_deref())
            .map(follow_up_to_js)
            .js()
    }

    /// Puts a follow-up off until `until` (which must be in the future).
    #[wasm_bindgen(js_name = snoozeFollowUp, unchecked_return_type = "FollowUp")]
    pub fn snooze_follow_up(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "FollowUpId")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Instant")] until: JsValue,
        options: Option<crate::ActorOptionsArg>,
    ) -> JsResult<JsValue> {
        let id = id::follow_up(&id)?;
        let until = convert::date_from_js(&until, "until").js()?;
        let actor = actor(options)?;
        self.inner
            .snooze_follow_up(id, until, actor.as_deref())
            .map(follow_up_to_js)
            .js()
    }

    /// Marks a follow-up done; returns the next occurrence of a recurring one, else `null`.
    #[wasm_bindgen(js_name = completeFollowUp, unchecked_return_type = "FollowUp | null")]
    pub fn complete_follow_up(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "FollowUpId")] id: JsValue,
        options: Option<crate::ActorOptionsArg>,
    ) -> JsResult<JsValue> {
        let id = id::follow_up(&id)?;
        let actor = actor(options)?;
        let next = self.inner.complete_follow_up(id, actor.as_deref()).js()?;
        match next {
            Some(n) => self.inner.follow_up(n).map(follow_up_to_js).js(),
            None => Ok(JsValue::NULL),
        }
    }

    /// Calls a follow-up off (a recurring one ends with it).
    #[wasm_bindgen(js_name = cancelFollowUp, unchecked_return_type = "FollowUp")]
    pub fn cancel_follow_up(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "FollowUpId")] id: JsValue,
        options: Option<crate::ActorOptionsArg>,
    ) -> JsResult<JsValue> {
        let id = id::follow_up(&id)?;
        let actor = actor(options)?;
        self.inner
            .cancel_follow_up(id, actor.as_deref())
            .map(follow_up_to_js)
            .js()
    }

    /// The follow-up with this id.
    #[wasm_bindgen(js_name = followUp, unchecked_return_type = "FollowUp")]
    pub fn follow_up(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FollowUpId")] id: JsValue,
    ) -> JsResult<JsValue> {
        let id = id::follow_up(&id)?;
        self.inner.follow_up(id).map(follow_up_to_js).js()
    }

    /// The customer's follow-ups (all statuses), by due time.
    #[wasm_bindgen(js_name = followUpsOf, unchecked_return_type = "FollowUp[]")]
    pub fn follow_ups_of(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CustomerId")] id: JsValue,
    ) -> JsResult<JsValue> {
        let id = id::customer(&id)?;
        self.inner.follow_ups_of(id).map(follow_ups_to_js).js()
    }

    /// The customer's next pending follow-up, or `null`.
    #[wasm_bindgen(js_name = nextPlannedContact, unchecked_return_type = "FollowUp | null")]
    pub fn next_planned_contact(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CustomerId")] id: JsValue,
    ) -> JsResult<JsValue> {
        let id = id::customer(&id)?;
        self.inner
            .next_planned_contact(id)
            .map(opt_follow_up_to_js)
            .js()
    }

    /// Pending follow-ups due before `until` (overdue ones included), by due time.
    #[wasm_bindgen(js_name = dueFollowUps, unchecked_return_type = "FollowUp[]")]
    pub fn due_follow_ups(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Instant")] until: JsValue,
    ) -> JsResult<JsValue> {
        let until = convert::date_from_js(&until, "until").js()?;
        Ok(follow_ups_to_js(self.inner.due_follow_ups(until)))
    }

    /// Whole days since the last interaction with the customer, or `null` if none.
    #[wasm_bindgen(js_name = daysSinceLastContact, unchecked_return_type = "number | null")]
    pub fn days_since_last_contact(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CustomerId")] id: JsValue,
    ) -> JsResult<JsValue> {
        let id = id::customer(&id)?;
        let days = self.inner.days_since_last_contact(id).js()?;
        // Day counts of chrono's range fit a f64 exactly.
        #[allow(clippy::cast_precision_loss)]
        Ok(days.map_or(JsValue::NULL, |d| JsValue::from_f64(d as f64)))
    }

    /// Records the customer's consent for a scope (`marketing`, `do_not_contact` or a
    /// channel) and returns the customer.
    #[wasm_bindgen(js_name = setConsent, unchecked_return_type = "Customer")]
    pub fn set_consent(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CustomerId")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ConsentScopeName")] scope_name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ConsentStatus")] status_name: JsValue,
        options: Option<crate::SetConsentOptionsArg>,
    ) -> JsResult<JsValue> {
        let id = id::customer(&id)?;
        let scope = scope(&scope_name).js()?;
        let status = status(&status_name).js()?;
        let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
        convert::options(&options, "options", &["source", "actor"]).js()?;
        let source = convert::opt_string(&prop(&options, "source"), "source").js()?;
        let actor = convert::opt_string(&prop(&options, "actor"), "actor").js()?;
        self.inner
            .set_consent(id, scope, status, source.as_deref(), actor.as_deref())
            .map(crate::customer::to_js)
            .js()
    }

    /// May the customer be contacted on `channel` at `at`? Says why not and the earliest
    /// allowed time (`null` when consent forbids it). `category` defaults to `service`;
    /// `overrideReason` lifts caps and the minimum gap.
    #[wasm_bindgen(js_name = canContact, unchecked_return_type = "ContactDecision")]
    pub fn can_contact(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CustomerId")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Channel")] channel: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Instant")] at: JsValue,
        options: Option<crate::CanContactOptionsArg>,
    ) -> JsResult<JsValue> {
        let id = id::customer(&id)?;
        let channel: Channel = parse_enum(&channel, "channel").js()?;
        let at = convert::date_from_js(&at, "at").js()?;
        let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
        convert::options(&options, "options", &["category", "overrideReason"]).js()?;
        let category: TouchCategory = opt_enum(&prop(&options, "category"), "category")
            .js()?
            .unwrap_or(TouchCategory::Service);
        let reason =
            convert::opt_string(&prop(&options, "overrideReason"), "override_reason").js()?;
        self.inner
            .can_contact(id, channel, at, category, reason.as_deref())
            .map(|d| decision_to_js(&d))
            .js()
    }
}
