//! Duplicate detection: `findDuplicates(records, config?)` over plain objects that never
//! enter a book, `crm.findDuplicates(config?)` and `crm.checkDuplicates(record, config?)`.
//!
//! The config is a plain object with camelCase keys (`MatchConfig` in the `.d.ts`); results
//! are the core's scan, pairs and explanations as plain objects with camelCase keys (field and
//! level names stay the core's snake_case values). Matching itself runs in `crm-core`.

use std::ops::ControlFlow;

use js_sys::Array;
use wasm_bindgen::prelude::*;

use crm_core::Error;
use crm_core::dedup::CheckedCreate;
use crm_core::dedup::{DuplicateScan, Estimation, MatchConfig, Matcher, OnDuplicate, RuleMode};
use serde_json::json;

use crate::convert::{self, invalid, prop};
use crate::crm::Crm;
use crate::customer::new_customer;
use crate::error::{self, IntoJs, JsResult};

/// The keys of a `MatchConfig` object.
const CONFIG_KEYS: &[&str] = &[
    "matchThreshold",
    "reviewThreshold",
    "termFrequency",
    "estimation",
    "corroborationBits",
    "conflicts",
    "rules",
    "ruleMode",
    "maxBlock",
    "window",
    "seed",
];

/// A config value that was given (neither `undefined` nor `null`).
fn given(config: &JsValue, key: &str) -> Option<JsValue> {
    Some(prop(config, key)).filter(|v| !v.is_undefined() && !v.is_null())
}

fn count(v: &JsValue, field: &str) -> Result<usize, Error> {
    usize::try_from(convert::whole_number(v, field)?)
        .map_err(|_| invalid(field, convert::describe(v), "too large"))
}

/// Reads a `MatchConfig` object (missing keys keep the core's defaults; `undefined` and
/// `null` are the defaults). An unknown key is refused, so that a misspelt setting cannot
/// silently leave its default in place; the core validates the rest.
pub(crate) fn config(v: &JsValue) -> Result<MatchConfig, Error> {
    convert::options(v, "config", CONFIG_KEYS)?;
    let mut c = MatchConfig::default();
    if v.is_undefined() || v.is_null() {
        return Ok(c);
    }
    if let Some(x) = given(v, "matchThreshold") {
        c.match_threshold = convert::finite(&x, "match_threshold")?;
    }
    if let Some(x) = given(v, "reviewThreshold") {
        c.review_threshold = convert::finite(&x, "review_threshold")?;
    }
    if let Some(x) = given(v, "termFrequency") {
        c.term_frequency = x.as_bool().ok_or_else(|| {
            invalid(
                "term_frequency",
                convert::describe(&x),
                "expected true or false",
            )
        })?;
    }
    if let Some(x) = given(v, "estimation") {
        c.estimation = convert::string(&x, "estimation")?.parse::<Estimation>()?;
    }
    if let Some(x) = given(v, "conflicts") {
        c.conflicts = MatchConfig::read_conflicts(&convert::string_list(&x, "conflicts")?)?;
    }
    if let Some(x) = given(v, "rules") {
        c.rules = MatchConfig::read_rules(&convert::string_list(&x, "rules")?)?;
    }
    if let Some(x) = given(v, "ruleMode") {
        c.rule_mode = convert::string(&x, "rule_mode")?.parse::<RuleMode>()?;
    }
    if let Some(x) = given(v, "corroborationBits") {
        c.corroboration_bits = convert::finite(&x, "corroboration_bits")?;
    }
    if let Some(x) = given(v, "maxBlock") {
        c.blocking.max_block = count(&x, "blocking.max_block")?;
    }
    if let Some(x) = given(v, "window") {
        c.blocking.window = count(&x, "blocking.window")?;
    }
    if let Some(x) = given(v, "seed") {
        c.seed = convert::whole_number(&x, "seed")?;
    }
    c.validate()?;
    Ok(c)
}

/// A core configuration as a `MatchConfig` object with every key (the inverse of [`config`]).
fn config_to_js(c: &MatchConfig) -> serde_json::Value {
    json!({
        "match_threshold": c.match_threshold,
        "review_threshold": c.review_threshold,
        "term_frequency": c.term_frequency,
        "estimation": c.estimation.as_str(),
        "corroboration_bits": c.corroboration_bits,
        "conflicts": c.conflicts.iter().map(|f| f.as_str()).collect::<Vec<_>>(),
        "rules": c.rules.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "rule_mode": c.rule_mode.as_str(),
        "max_block": c.blocking.max_block,
        "window": c.blocking.window,
        "seed": c.seed,
    })
}

fn config_arg(config_arg: Option<crate::MatchConfigArg>) -> JsResult<MatchConfig> {
    config(&config_arg.map_or(JsValue::UNDEFINED, Into::into)).js()
}

/// A scan as the JS API shows it: pairs, groups, stats and the model as a table.
fn scan_to_js<T: serde::Serialize>(scan: &DuplicateScan<T>) -> JsValue {
    let v = convert::shaped(convert::json(scan), |s| {
        s.0.insert("model".into(), convert::json(&scan.model.rows()));
    });
    convert::to_js(&v)
}

/// Finds duplicate customers among plain records (`NewCustomer` objects) that never enter a
/// book. Pairs and groups name records by their index in `records`; each pair carries its
/// per-field explanation.
///
/// Throws a `ValidationError` for an invalid config (`field` names the setting, e.g.
/// `match_threshold` or `rules[1]`) or a record that is not shaped like a `NewCustomer`
/// (with its 1-based `row`).
#[wasm_bindgen(js_name = findDuplicates, unchecked_return_type = "DuplicateScan")]
pub fn find_duplicates(
    #[wasm_bindgen(unchecked_param_type = "NewCustomer[]")] records: JsValue,
    config: Option<crate::MatchConfigArg>,
) -> JsResult<JsValue> {
    let matcher = Matcher::new(config_arg(config)?).js()?;
    if !Array::is_array(&records) {
        return Err(error::js(invalid(
            "records",
            convert::describe(&records),
            "expected an array of customers",
        )));
    }
    let records = convert::items(&records, "records").js()?;
    let mut news = Vec::with_capacity(records.len());
    for (i, row) in records.iter().enumerate() {
        news.push(new_customer(row).map_err(|e| e.at_row(i + 1)).js()?);
    }
    // Through the observing scan, which the book's scan uses too: one compiled copy of the
    // scan instead of two (the plain one has its own, infallible instantiation; 2 KB
    // gzipped). The observer never stops it.
    let scan = matcher
        .scan_with(&news, &mut |_, _, _| ControlFlow::Continue(()))
        .js()?;
    Ok(scan_to_js(&scan))
}

#[wasm_bindgen]
impl Crm {
    /// Finds duplicate customers in the book; pairs and groups name customers by id.
    #[wasm_bindgen(js_name = findDuplicates, unchecked_return_type = "DuplicateScan<CustomerId>")]
    pub fn find_duplicates(&self, config: Option<crate::MatchConfigArg>) -> JsResult<JsValue> {
        let config = config_arg(config)?;
        self.inner
            .find_duplicates(&config)
            .map(|scan| scan_to_js(&scan))
            .js()
    }

    /// Customers that may be the same as `record` (not added to the book), strongest first.
    #[wasm_bindgen(js_name = checkDuplicates, unchecked_return_type = "DuplicateCandidate[]")]
    pub fn check_duplicates(
        &self,
        #[wasm_bindgen(unchecked_param_type = "NewCustomer")] record: JsValue,
        config: Option<crate::MatchConfigArg>,
    ) -> JsResult<JsValue> {
        let config = config_arg(config)?;
        let new = new_customer(&record).js()?;
        self.inner
            .check_duplicates(&new, &config)
            .map(|found| convert::to_js(&convert::json(&found)))
            .js()
    }
}

#[wasm_bindgen]
impl Crm {
    /// Checks every new customer (`createCustomer`, `createCustomerChecked`,
    /// `importCustomers`) against the book from now on with `config` (`{}` for the
    /// defaults), doing `onDuplicate` (`'warn'`, the default, `'block'` or `'merge'`) with a
    /// match; `null` (or `undefined`) turns the check off.
    ///
    /// Throws a `ValidationError` for an invalid config or policy.
    #[wasm_bindgen(js_name = setDuplicateGuard)]
    pub fn set_duplicate_guard(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "MatchConfig | null")] config: JsValue,
        on_duplicate: Option<crate::OnDuplicateArg>,
    ) -> JsResult<()> {
        let on_duplicate = on_duplicate.map_or(JsValue::UNDEFINED, Into::into);
        let on_duplicate = match convert::opt_string(&on_duplicate, "on_duplicate").js()? {
            Some(s) => s.parse::<OnDuplicate>().js()?,
            None => OnDuplicate::Warn,
        };
        let guard = if config.is_undefined() || config.is_null() {
            None
        } else {
            Some((self::config(&config).js()?, on_duplicate))
        };
        self.inner.set_duplicate_guard(guard).js()
    }

    /// The duplicate check's configuration (every key) and policy, or `null` without one.
    #[wasm_bindgen(js_name = duplicateGuard, unchecked_return_type = "DuplicateGuard | null")]
    pub fn duplicate_guard(&self) -> JsValue {
        self.inner
            .duplicate_guard()
            .map_or(JsValue::NULL, |(config, on_duplicate)| {
                convert::to_js(&json!({
                    "config": config_to_js(config),
                    "on_duplicate": on_duplicate.as_str(),
                }))
            })
    }

    /// Creates a customer under the duplicate guard and reports what the check found and
    /// did: `id` (the customer that holds the record now), `candidates` and `mergedInto`.
    ///
    /// Throws as `createCustomer`, and a `ConflictError` with code `'duplicate'` (`value`
    /// and `holder`: the customer it matches) under `'block'`.
    #[wasm_bindgen(js_name = createCustomerChecked, unchecked_return_type = "CheckedCreate")]
    pub fn create_customer_checked(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "NewCustomer")] record: JsValue,
    ) -> JsResult<JsValue> {
        let new = new_customer(&record).js()?;
        self.inner
            .create_customer_checked(new)
            .map(|checked| convert::to_js(&checked_to_json(&checked)))
            .js()
    }
}

/// A `CheckedCreate` (`mergedInto` always present).
fn checked_to_json(checked: &CheckedCreate) -> serde_json::Value {
    convert::shaped(convert::json(checked), |s| {
        s.nulls(&["merged_into"]);
    })
}

/// One entry of `ImportReport.duplicates`: the row (1-based) and what the check found.
pub(crate) fn import_duplicate(row: usize, checked: &CheckedCreate) -> serde_json::Value {
    convert::shaped(checked_to_json(checked), |s| {
        s.set("row", json!(row));
    })
}
