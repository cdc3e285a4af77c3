//! Merging duplicates: `mergePreview`, `merge`, `unmerge` and `mergedInto`.
//!
//! A plan is read key by key: field names (`fields` keys) are data and stay as written
//! (the core reads `time_zone`, `timeZone` and `Time Zone` alike; `attributes.<key>` keeps
//! its key); an explicit `{ value }` is read like any input (camelCase keys to snake_case),
//! except for attribute values, whose keys are data. Match `scores` are kept as given.

use serde_json::{Map, Value, json};
use wasm_bindgen::prelude::*;

use crm_core::merge::{FieldChoice, MergePlan, MoveCounts, Source};
use crm_core::{CustomerId, Error, MergeId, MergeRequest};

use crate::convert::{self, invalid};
use crate::crm::Crm;
use crate::error::{IntoJs, JsResult};
use crate::id;

fn merge_id(v: &JsValue) -> Result<MergeId, Error> {
    MergeId::parse(&convert::string(v, "merge_id")?)
}

fn others(v: &JsValue) -> JsResult<Vec<CustomerId>> {
    let ids = convert::string_list(v, "others").js()?;
    ids.iter()
        .enumerate()
        .map(|(i, s)| {
            CustomerId::parse(s)
                .map_err(|e| e.with_field(format!("others[{i}]")))
                .js()
        })
        .collect()
}

/// One rule: a name, `{ record }` or `{ value }`; `field` is the plan field it is for.
fn rule(v: &JsValue, at: &str, field: &str) -> Result<Value, Error> {
    if let Some(name) = v.as_string() {
        return Ok(Value::String(name));
    }
    convert::options(v, at, &["record", "value"])?;
    let record = convert::prop(v, "record");
    let value = convert::prop(v, "value");
    let keys = convert::keys(v, at)?.len();
    if keys != 1 || (record.is_undefined() && value.is_undefined()) {
        return Err(invalid(
            at,
            convert::describe(v),
            "expected a rule name, { record: customerId } or { value }",
        ));
    }
    if !record.is_undefined() {
        return Ok(json!({ "record": convert::string(&record, &format!("{at}.record"))? }));
    }
    let data = field == "attributes" || field.starts_with("attributes.");
    let value = if data {
        convert::from_js_raw(&value, &format!("{at}.value"))?
    } else {
        convert::from_js(&value, &format!("{at}.value"))?
    };
    Ok(json!({ "value": value }))
}

/// `MergePlan` from JS (`undefined` / `null`: the default plan).
fn plan(v: &JsValue) -> Result<MergePlan, Error> {
    if v.is_undefined() || v.is_null() {
        return Ok(MergePlan::default());
    }
    convert::options(v, "plan", &["default", "fields", "priority"])?;
    let mut out = Map::new();
    for k in convert::keys(v, "plan")? {
        let item = convert::prop(v, &k);
        if item.is_undefined() {
            continue;
        }
        match k.as_str() {
            "default" => {
                out.insert(k, rule(&item, "plan.default", "")?);
            }
            "fields" => {
                convert::object(&item, "plan.fields")?;
                let mut fields = Map::new();
                for name in convert::keys(&item, "plan.fields")? {
                    let r = convert::prop(&item, &name);
                    if r.is_undefined() {
                        continue;
                    }
                    let at = format!("plan.fields.{name}");
                    let r = rule(&r, &at, name.trim())?;
                    fields.insert(name, r);
                }
                out.insert(k, Value::Object(fields));
            }
            "priority" => {
                let ids = convert::string_list(&item, "plan.priority")?;
                out.insert(k, json!(ids));
            }
            _ => {
                return Err(invalid(
                    "plan",
                    k,
                    "unknown key; a plan has default, fields and priority",
                ));
            }
        }
    }
    convert::from_json(Value::Object(out), "plan", "plan")
}

fn choices(fields: &[FieldChoice]) -> Value {
    Value::Array(
        fields
            .iter()
            .map(|f| {
                let (source, ids) = match &f.source {
                    Source::Record(id) => ("record", vec![*id]),
                    Source::Records(ids) => ("records", ids.clone()),
                    Source::Explicit => ("explicit", Vec::new()),
                    _ => ("empty", Vec::new()),
                };
                json!({
                    "field": f.field,
                    "rule": f.rule.as_ref().map(|r| r.name()),
                    "source": source,
                    "customer_ids": ids,
                })
            })
            .collect(),
    )
}

fn counts(m: &MoveCounts) -> Value {
    convert::json(m)
}

fn ids(list: &[CustomerId]) -> Value {
    json!(list.iter().map(ToString::to_string).collect::<Vec<_>>())
}

#[wasm_bindgen]
impl Crm {
    /// What merging `others` into `survivor` by `plan` would give: the merged customer,
    /// where each field came from and what would move. Changes nothing.
    ///
    /// Throws as `merge` does.
    #[wasm_bindgen(js_name = mergePreview, unchecked_return_type = "MergePreview")]
    pub fn merge_preview(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CustomerId")] survivor: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CustomerId[]")] others: JsValue,
        plan: Option<crate::MergePlanArg>,
    ) -> JsResult<JsValue> {
        let survivor = id::customer(&survivor)?;
        let others = self::others(&others)?;
        let plan: JsValue = plan.map_or(JsValue::UNDEFINED, Into::into);
        let plan = self::plan(&plan).js()?;
        let p = self.inner.merge_preview(survivor, &others, &plan).js()?;
        let v = json!({
            "absorbed": ids(&p.absorbed),
            "fields": choices(&p.fields),
            "moved": counts(&p.moved),
        });
        let js = convert::to_js(&v);
        let _ = js_sys::Reflect::set(
            &js,
            &JsValue::from_str("customer"),
            &crate::customer::to_js(&p.customer),
        );
        Ok(js)
    }

    /// Merges `others` into `survivor`: fields by the plan (default: the survivor's value
    /// unless empty; every email, phone, address and tag; the furthest stage; the earliest
    /// creation time), consent conservatively, every interaction, case and follow-up moved
    /// to the survivor. One journal event, with `reason`, `scores` and `actor`.
    ///
    /// Throws a `ValidationError` (`others[i]` the survivor or repeated, a bad plan naming
    /// `plan.fields.<field>`), a `NotFoundError` (code `not_found` for an unknown id,
    /// `merged` for a customer merged already) or a `ConflictError`.
    #[wasm_bindgen(unchecked_return_type = "MergeOutcome")]
    pub fn merge(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CustomerId")] survivor: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CustomerId[]")] others: JsValue,
        options: Option<crate::MergeOptionsArg>,
    ) -> JsResult<JsValue> {
        let survivor = id::customer(&survivor)?;
        let others = self::others(&others)?;
        let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
        convert::options(&options, "options", &["plan", "reason", "actor", "scores"]).js()?;
        let mut request = MergeRequest::new(survivor, others)
            .with_plan(plan(&convert::prop(&options, "plan")).js()?);
        if let Some(r) = convert::opt_string(&convert::prop(&options, "reason"), "reason").js()? {
            request = request.because(r);
        }
        if let Some(a) = convert::opt_string(&convert::prop(&options, "actor"), "actor").js()? {
            request = request.by(a);
        }
        let scores = convert::prop(&options, "scores");
        if !scores.is_undefined() {
            request = request.with_scores(convert::from_js_raw(&scores, "scores").js()?);
        }
        let out = self.inner.merge(request).js()?;
        Ok(convert::to_js(&json!({
            "merge_id": out.merge.to_string(),
            "seq": out.seq,
            "survivor_id": out.survivor.to_string(),
            "absorbed": ids(&out.absorbed),
            "fields": choices(&out.fields),
            "moved": counts(&out.moved),
        })))
    }

    /// Undoes a merge: the absorbed customers come back as they were, with every item that
    /// moved; the survivor's fields go back unless they changed since (`kept` names those).
    ///
    /// Throws a `NotFoundError` for an unknown merge, a `ValidationError` (field `merge`)
    /// for one undone already or followed by a later merge of its survivor (undo that
    /// first), a `ConflictError` when an email to restore is held by someone else now.
    #[wasm_bindgen(unchecked_return_type = "UnmergeOutcome")]
    pub fn unmerge(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "MergeId")] merge: JsValue,
        options: Option<crate::UnmergeOptionsArg>,
    ) -> JsResult<JsValue> {
        let merge = self::merge_id(&merge).js()?;
        let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
        convert::options(&options, "options", &["reason", "actor"]).js()?;
        let reason = convert::opt_string(&convert::prop(&options, "reason"), "reason").js()?;
        let actor = convert::opt_string(&convert::prop(&options, "actor"), "actor").js()?;
        let out = self
            .inner
            .unmerge(merge, reason.as_deref(), actor.as_deref())
            .js()?;
        Ok(convert::to_js(&json!({
            "merge_id": out.merge.to_string(),
            "seq": out.seq,
            "survivor_id": out.survivor.to_string(),
            "restored": ids(&out.restored),
            "kept": out.kept,
            "moved": counts(&out.moved),
        })))
    }

    /// The merges in effect that kept or absorbed the customer `id`, oldest first: their
    /// ids, for `unmerge` once the outcome of `merge` is gone (after a reload).
    #[wasm_bindgen(js_name = mergesOf, unchecked_return_type = "MergeId[]")]
    pub fn merges_of(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CustomerId")] id: JsValue,
    ) -> JsResult<JsValue> {
        let id = id::customer(&id)?;
        let list = self
            .inner
            .merges_of(id)
            .filter(|m| m.undone.is_none())
            .map(|m| JsValue::from_str(&m.merge.id.to_string()))
            .collect::<js_sys::Array>();
        Ok(list.into())
    }

    /// The customer that now holds the data of the merged customer `id` (after any
    /// later merges), or `null` when it was not merged.
    #[wasm_bindgen(js_name = mergedInto, unchecked_return_type = "CustomerId | null")]
    pub fn merged_into(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CustomerId")] id: JsValue,
    ) -> JsResult<JsValue> {
        let id = id::customer(&id)?;
        Ok(self
            .inner
            .merged_into(id)
            .map_or(JsValue::NULL, |s| JsValue::from_str(&s.to_string())))
    }
}
