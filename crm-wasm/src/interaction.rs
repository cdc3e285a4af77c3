//! Interaction history, purchases and cases.

use std::str::FromStr;

use wasm_bindgen::prelude::*;

use crm_core::interaction::{
    Case, Channel, Direction, Interaction, InteractionKind, NewInteraction, NewPurchase,
    TimelineQuery,
};
use crm_core::{CaseId, Error, InteractionId};

use crate::convert::{self, prop};
use crate::crm::Crm;
use crate::error::{IntoJs, JsResult};
use crate::id;

/// An interaction as the JS API shows it (`customerId`, `caseId`, `at` as a `Date`).
pub(crate) fn to_js(i: &Interaction) -> JsValue {
    let v = convert::shaped(convert::json(i), |s| {
        s.rename("customer", "customer_id")
            .rename("case", "case_id")
            .nulls(&[
                "subject", "body", "outcome", "actor", "purchase", "priority",
            ])
            .inner("purchase", |p| {
                p.lists(&["items"]).each("items", |item| {
                    item.nulls(&["sku"]);
                });
            });
    });
    convert::to_js(&v)
}

fn opt_to_js(i: Option<&Interaction>) -> JsValue {
    i.map_or(JsValue::NULL, to_js)
}

/// A case as the JS API shows it (`customerId`, `openedBy`, dates as `Date`s).
pub(crate) fn case_to_js(c: &Case) -> JsValue {
    let v = convert::shaped(convert::json(c), |s| {
        s.rename("customer", "customer_id").nulls(&[
            "subject",
            "resolved_at",
            "resolution",
            "resolved_by",
            "priority",
        ]);
    });
    convert::to_js(&v)
}

fn parse_enum<T: FromStr<Err = Error>>(v: &JsValue, field: &str) -> Result<T, Error> {
    convert::string(v, field)?.parse()
}

fn opt_enum<T: FromStr<Err = Error>>(v: &JsValue, field: &str) -> Result<Option<T>, Error> {
    convert::opt_string(v, field)?
        .map(|s| s.parse())
        .transpose()
}

fn enum_list<T: FromStr<Err = Error>>(v: &JsValue, field: &str) -> Result<Vec<T>, Error> {
    convert::string_list(v, field)?
        .iter()
        .enumerate()
        .map(|(i, s)| {
            s.parse()
                .map_err(|e: Error| e.with_field(format!("{field}[{i}]")))
        })
        .collect()
}

/// Reads `logInteraction`'s argument into the core's `NewInteraction`.
fn new_interaction(v: &JsValue) -> JsResult<NewInteraction> {
    if !v.is_object() {
        return Err(crate::error::js(convert::invalid(
            "interaction",
            convert::describe(v),
            "expected an object",
        )));
    }
    convert::options(
        v,
        "interaction",
        &[
            "customerId",
            "channel",
            "direction",
            "kind",
            "at",
            "subject",
            "body",
            "outcome",
            "actor",
            "priority",
            "purchase",
            "caseId",
            "id",
        ],
    )
    .js()?;
    let customer = id::customer(&prop(v, "customerId"))?;
    let channel: Channel = parse_enum(&prop(v, "channel"), "channel").js()?;
    let direction: Direction = parse_enum(&prop(v, "direction"), "direction").js()?;
    let kind: InteractionKind = opt_enum(&prop(v, "kind"), "kind").js()?.unwrap_or_default();
    let mut new = NewInteraction::new(customer, channel, direction, kind);
    new.at = convert::opt_date_from_js(&prop(v, "at"), "at").js()?;
    new.subject = convert::opt_string(&prop(v, "subject"), "subject").js()?;
    new.body = convert::opt_string(&prop(v, "body"), "body").js()?;
    new.outcome = convert::opt_string(&prop(v, "outcome"), "outcome").js()?;
    new.actor = convert::opt_string(&prop(v, "actor"), "actor").js()?;
    new.priority = opt_enum(&prop(v, "priority"), "priority").js()?;
    let purchase = prop(v, "purchase");
    if !purchase.is_undefined() && !purchase.is_null() {
        new.purchase = Some(convert::input::<NewPurchase>(&purchase, "purchase", "purchase").js()?);
    }
    let case = prop(v, "caseId");
    if !case.is_undefined() && !case.is_null() {
        new.case = Some(id::case(&case)?);
    }
    let iid = prop(v, "id");
    if !iid.is_undefined() && !iid.is_null() {
        new.id = Some(id::interaction(&iid)?);
    }
    Ok(new)
}

/// Reads a timeline query (`{ from?, to?, channels?, direction?, kinds? }`).
fn timeline_query(v: &JsValue) -> Result<TimelineQuery, Error> {
    convert::options(
        v,
        "query",
        &["from", "to", "channels", "direction", "kinds"],
    )?;
    let mut q = TimelineQuery::all();
    q.from = convert::opt_date_from_js(&prop(v, "from"), "from")?;
    q.to = convert::opt_date_from_js(&prop(v, "to"), "to")?;
    q.channels = enum_list(&prop(v, "channels"), "channels")?;
    q.direction = opt_enum(&prop(v, "direction"), "direction")?;
    q.kinds = enum_list(&prop(v, "kinds"), "kinds")?;
    Ok(q)
}

#[wasm_bindgen]
impl Crm {
    /// Logs an interaction and returns it. A complaint without a `caseId` opens a new case
    /// (its id is the returned interaction's `caseId`).
    #[wasm_bindgen(js_name = logInteraction, unchecked_return_type = "Interaction")]
    pub fn log_interaction(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "NewInteraction")] input: JsValue,
    ) -> JsResult<JsValue> {
        let new = new_interaction(&input)?;
        self.inner.log_interaction(new).map(to_js).js()
    }

    /// Resolves an open case.
    #[wasm_bindgen(js_name = resolveCase, unchecked_return_type = "Case")]
    pub fn resolve_case(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CaseId")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] resolution: JsValue,
        options: Option<crate::ActorOptionsArg>,
    ) -> JsResult<JsValue> {
        let case: CaseId = id::case(&id)?;
        let resolution = convert::string(&resolution, "resolution").js()?;
        let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
        convert::options(&options, "options", &["actor"]).js()?;
        let actor = convert::opt_string(&prop(&options, "actor"), "actor").js()?;
        self.inner
            .resolve_case(case, &resolution, actor.as_deref())
            .map(case_to_js)
            .js()
    }

    /// The interaction with this id.
    #[wasm_bindgen(unchecked_return_type = "Interaction")]
    pub fn interaction(
        &self,
        #[wasm_bindgen(unchecked_param_type = "InteractionId")] id: JsValue,
    ) -> JsResult<JsValue> {
        let id: InteractionId = id::interaction(&id)?;
        self.inner.interaction(id).map(to_js).js()
    }

    /// The case with this id.
    #[wasm_bindgen(js_name = case, unchecked_return_type = "Case")]
    pub fn case_(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CaseId")] id: JsValue,
    ) -> JsResult<JsValue> {
        let id = id::case(&id)?;
        self.inner.case(id).map(case_to_js).js()
    }

    /// The customer's interactions matching the query, oldest first. `from` is inclusive,
    /// `to` exclusive; empty lists mean "all".
    #[wasm_bindgen(unchecked_return_type = "Interaction[]")]
    pub fn timeline(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CustomerId")] id: JsValue,
        query: Option<crate::TimelineQueryArg>,
    ) -> JsResult<JsValue> {
        let id = id::customer(&id)?;
        let query: JsValue = query.map_or(JsValue::UNDEFINED, Into::into);
        let q = timeline_query(&query).js()?;
        let list = self.inner.timeline(id, &q).js()?;
        Ok(convert::array(list.into_iter().map(to_js)))
    }

    /// The latest interaction with the customer: overall, inbound and outbound.
    #[wasm_bindgen(js_name = lastContact, unchecked_return_type = "LastContact")]
    pub fn last_contact(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CustomerId")] id: JsValue,
    ) -> JsResult<JsValue> {
        let id = id::customer(&id)?;
        let last = self.inner.last_contact(id).js()?;
        let obj = js_sys::Object::new();
        for (k, v) in [
            ("any", last.any),
            ("inbound", last.inbound),
            ("outbound", last.outbound),
        ] {
            let _ = js_sys::Reflect::set(&obj, &JsValue::from_str(k), &opt_to_js(v));
        }
        Ok(obj.into())
    }

    /// How many outbound touches the customer got in `[from, to)`, on `channel` or on all.
    #[wasm_bindgen(js_name = outboundTouches)]
    pub fn outbound_touches(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CustomerId")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Instant")] from: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Instant")] to: JsValue,
        channel: Option<crate::ChannelArg>,
    ) -> JsResult<usize> {
        let id = id::customer(&id)?;
        let from = convert::date_from_js(&from, "from").js()?;
        let to = convert::date_from_js(&to, "to").js()?;
        let channel: JsValue = channel.map_or(JsValue::UNDEFINED, Into::into);
        let channel: Option<Channel> = opt_enum(&channel, "channel").js()?;
        self.inner.outbound_touches(id, from, to, channel).js()
    }

    /// The customer's cases, oldest first.
    #[wasm_bindgen(js_name = casesOf, unchecked_return_type = "Case[]")]
    pub fn cases_of(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CustomerId")] id: JsValue,
    ) -> JsResult<JsValue> {
        let id = id::customer(&id)?;
        let list = self.inner.cases_of(id).js()?;
        Ok(convert::array(list.into_iter().map(case_to_js)))
    }

    /// Every open case, oldest first.
    #[wasm_bindgen(js_name = openCases, unchecked_return_type = "Case[]")]
    pub fn open_cases(&self) -> JsValue {
        convert::array(self.inner.open_cases().into_iter().map(case_to_js))
    }
}
