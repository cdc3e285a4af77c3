//! Runs the shared JSON test vectors (`testdata/vectors.json`), which the Python and JS
//! suites run too.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use crm_core::clock::FixedClock;
use crm_core::dedup::MatchConfig;
use crm_core::interaction::{NewInteraction, NewPurchase};
use crm_core::{Crm, CustomerId, CustomerPatch, NewCustomer};
use serde_json::{Value, json};

fn book() -> Crm {
    let at: DateTime<Utc> = "2026-01-05T09:00:00Z".parse().expect("valid time");
    Crm::builder()
        .clock(Arc::new(FixedClock::new(at)))
        .seed(42)
        .build()
}

fn customer_field(c: &crm_core::Customer, key: &str) -> Value {
    match key {
        "emails" => json!(c.emails.iter().map(|e| e.normalized()).collect::<Vec<_>>()),
        "primary_email" => json!(c.primary_email().map(|e| e.normalized())),
        "phones" => json!(c.phones.iter().map(|p| p.e164()).collect::<Vec<_>>()),
        "display_name" => json!(c.display_name()),
        "given_name" => json!(c.name.as_ref().and_then(|n| n.given())),
        "family_name" => json!(c.name.as_ref().and_then(|n| n.family())),
        "stage" => json!(c.stage.as_str()),
        "tags" => json!(c.tags),
        "birthday" => json!(c.birthday.map(|b| b.to_string())),
        "time_zone" => json!(c.time_zone.map(|z| z.name().to_owned())),
        "company" => json!(c.company),
        other => panic!("vector expects unknown customer field {other}"),
    }
}

fn str_field<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// The `config` of a duplicate step: a `MatchConfig`'s settings as the bindings take them
/// (flat, snake_case, rules as text); the scan or check validates it.
fn match_config(step: &Value) -> Result<MatchConfig, crm_core::Error> {
    let mut c = MatchConfig::default();
    let Some(config) = step.get("config").and_then(Value::as_object) else {
        return Ok(c);
    };
    let texts = |v: &Value| -> Vec<String> {
        v.as_array()
            .expect("a list")
            .iter()
            .map(|s| s.as_str().expect("text").to_owned())
            .collect()
    };
    let count = |v: &Value| usize::try_from(v.as_u64().expect("a count")).expect("fits");
    for (key, v) in config {
        match key.as_str() {
            "match_threshold" => c.match_threshold = v.as_f64().expect("a number"),
            "review_threshold" => c.review_threshold = v.as_f64().expect("a number"),
            "term_frequency" => c.term_frequency = v.as_bool().expect("a bool"),
            "estimation" => c.estimation = v.as_str().expect("text").parse()?,
            "conflicts" => c.conflicts = MatchConfig::read_conflicts(&texts(v))?,
            "rules" => c.rules = MatchConfig::read_rules(&texts(v))?,
            "rule_mode" => c.rule_mode = v.as_str().expect("text").parse()?,
            "max_block" => c.blocking.max_block = count(v),
            "window" => c.blocking.window = count(v),
            "seed" => c.seed = v.as_u64().expect("a seed"),
            other => panic!("vector config has unknown setting {other}"),
        }
    }
    Ok(c)
}

/// The vectors' name of a customer (its `as`), else its id.
fn alias(names: &HashMap<String, CustomerId>, id: CustomerId) -> String {
    names
        .iter()
        .find(|(_, v)| **v == id)
        .map_or_else(|| id.to_string(), |(k, _)| k.clone())
}

/// Sorted, so that expectations do not depend on id order.
fn sorted(mut items: Vec<Value>) -> Value {
    items.sort_by_key(ToString::to_string);
    Value::Array(items)
}

#[test]
fn shared_vectors() {
    let text = include_str!("../testdata/vectors.json");
    let doc: Value = serde_json::from_str(text).expect("vectors parse");
    let cases = doc["cases"].as_array().expect("cases");
    assert!(cases.len() >= 20, "the vector file lost cases");
    let mut steps_run = 0;
    for case in cases {
        let name = str_field(case, "name");
        let mut crm = book();
        let mut names: HashMap<String, CustomerId> = HashMap::new();
        for (i, step) in case["steps"].as_array().expect("steps").iter().enumerate() {
            steps_run += 1;
            let ctx = format!("case {name:?} step {i}");
            let resolve = |names: &HashMap<String, CustomerId>| -> CustomerId {
                let r = str_field(step, "customer");
                names
                    .get(r)
                    .copied()
                    .unwrap_or_else(|| CustomerId::parse(r).expect("customer ref"))
            };
            let before = (crm.len(), crm.events().len());
            let result: Result<Value, crm_core::Error> = match str_field(step, "op") {
                "count" => {
                    assert_eq!(json!(crm.len()), step["expect"], "{ctx}");
                    continue;
                }
                "create_customer" => {
                    let new: NewCustomer =
                        serde_json::from_value(step["input"].clone()).expect("input");
                    crm.create_customer(new).map(|c| {
                        if let Some(alias) = step.get("as").and_then(Value::as_str) {
                            names.insert(alias.to_owned(), c.id);
                        }
                        serde_json::to_value(c.id).expect("id")
                    })
                }
                "update_customer" => {
                    let id = resolve(&names);
                    let patch: CustomerPatch =
                        serde_json::from_value(step["input"].clone()).expect("input");
                    crm.update_customer(id, patch).map(|c| json!(c.id))
                }
                "change_stage" => {
                    let id = resolve(&names);
                    let reason = step.get("reason").and_then(Value::as_str);
                    crm.change_stage(id, str_field(step, "stage"), reason, None)
                        .map(|c| json!(c.id))
                }
                "log_interaction" => {
                    let id = resolve(&names);
                    let input = &step["input"];
                    (|| {
                        let mut new = NewInteraction::new(
                            id,
                            str_field(input, "channel").parse()?,
                            str_field(input, "direction").parse()?,
                            str_field(input, "kind").parse()?,
                        );
                        new.subject = input
                            .get("subject")
                            .and_then(Value::as_str)
                            .map(str::to_owned);
                        if let Some(p) = input.get("purchase") {
                            let p: NewPurchase =
                                serde_json::from_value(p.clone()).expect("purchase");
                            new = new.with_purchase(p);
                        }
                        let i = crm.log_interaction(new)?;
                        Ok(json!({
                            "purchase_total_minor": i.purchase.as_ref().map(|p| p.total.amount_minor),
                            "purchase_currency": i.purchase.as_ref().map(|p| p.total.currency.code()),
                            "case_opened": i.case.is_some(),
                        }))
                    })()
                }
                "find_duplicates" => match_config(step)
                    .and_then(|config| crm.find_duplicates(&config))
                    .map(|scan| {
                        let groups = scan.groups.iter().map(|g| {
                            let mut members: Vec<String> =
                                g.members.iter().map(|&id| alias(&names, id)).collect();
                            members.sort();
                            json!(members)
                        });
                        let pairs = scan.pairs.iter().map(|p| {
                            let mut two = [alias(&names, p.left), alias(&names, p.right)];
                            two.sort();
                            json!([two[0], two[1], p.decision.as_str()])
                        });
                        json!({
                            "groups": sorted(groups.collect()),
                            "pairs": sorted(pairs.collect()),
                        })
                    }),
                "check_duplicates" => {
                    let new: NewCustomer =
                        serde_json::from_value(step["input"].clone()).expect("input");
                    match_config(step)
                        .and_then(|config| crm.check_duplicates(&new, &config))
                        .map(|found| {
                            let candidates = found
                                .iter()
                                .map(|c| json!([alias(&names, c.id), c.decision.as_str()]));
                            json!({"candidates": sorted(candidates.collect())})
                        })
                }
                other => panic!("{ctx}: unknown op {other}"),
            };
            match (result, step.get("error")) {
                (Ok(out), None) => {
                    let Some(expect) = step.get("expect").and_then(Value::as_object) else {
                        continue;
                    };
                    for (k, want) in expect {
                        let got = if str_field(step, "op") != "create_customer"
                            && str_field(step, "op") != "update_customer"
                            && str_field(step, "op") != "change_stage"
                        {
                            out[k].clone()
                        } else {
                            let id: CustomerId = serde_json::from_value(out.clone()).expect("id");
                            customer_field(crm.customer(id).expect("exists"), k)
                        };
                        assert_eq!(&got, want, "{ctx}: field {k}");
                    }
                }
                (Err(e), Some(want)) => {
                    assert_eq!(e.code(), str_field(want, "code"), "{ctx}: {e}");
                    if let Some(f) = want.get("field").and_then(Value::as_str) {
                        assert_eq!(e.field(), Some(f), "{ctx}: {e}");
                    }
                    assert_eq!(
                        (crm.len(), crm.events().len()),
                        before,
                        "{ctx}: a failed command changed the book"
                    );
                }
                (Ok(out), Some(want)) => panic!("{ctx}: expected error {want}, got {out}"),
                (Err(e), None) => panic!("{ctx}: unexpected error {e}"),
            }
        }
    }
    assert!(steps_run >= 50, "only {steps_run} steps ran");
}
