//! The caller's explicit values ([`Rule::Value`](super::Rule::Value)), read from JSON and
//! validated like the field's ordinary input. Every error names the plan field
//! (`plan.fields.emails[1]`) and the value.

use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::contact::{
    Address, Birthday, CountryCode, Email, PersonName, Phone, PhoneKind, TimeZone,
};
use crate::customer::{AttributeValue, NewAddress, Tags, attr_key, clean_opt, normalize_tag};
use crate::error::{Error, Result};
use crate::lifecycle::{LifecycleModel, Stage};

fn bad(field: &str, v: &Value, expected: &str) -> Error {
    Error::invalid(field, v, format!("expected {expected}"))
}

fn list<'v>(field: &str, v: &'v Value, expected: &str) -> Result<&'v [Value]> {
    match v {
        Value::Null => Ok(&[]),
        Value::Array(items) => Ok(items),
        other => Err(bad(field, other, expected)),
    }
}

fn string<'v>(field: &str, v: &'v Value, expected: &str) -> Result<Option<&'v str>> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s)),
        other => Err(bad(field, other, expected)),
    }
}

/// `null`, `"Ada Lovelace"` or `{"given": …, "family": …, "display": …}`.
pub(crate) fn name(field: &str, v: &Value) -> Result<Option<PersonName>> {
    const EXPECTED: &str = "a name: a string, or an object with given, family and display";
    let part = |key: &str| -> Result<Option<&str>> {
        match v.get(key) {
            None => Ok(None),
            Some(p) => string(&format!("{field}.{key}"), p, "a string or null"),
        }
    };
    let name = match v {
        Value::Null => return Ok(None),
        Value::String(s) if s.trim().is_empty() => return Ok(None),
        Value::String(s) => PersonName::parse(s),
        Value::Object(map) => {
            if let Some(k) = map
                .keys()
                .find(|k| !["given", "family", "display"].contains(&k.as_str()))
            {
                return Err(Error::invalid(
                    field,
                    k,
                    "a name object has the keys given, family and display",
                ));
            }
            let (g, f, d) = (part("given")?, part("family")?, part("display")?);
            if [g, f, d]
                .iter()
                .all(|p| p.is_none_or(|s| s.trim().is_empty()))
            {
                return Ok(None);
            }
            PersonName::new(g, f, d)
        }
        other => return Err(bad(field, other, EXPECTED)),
    };
    name.map(Some).map_err(|e| e.with_field(field))
}

/// A list of email addresses (repeats dropped).
pub(crate) fn emails(field: &str, v: &Value) -> Result<Vec<Email>> {
    let mut out: Vec<Email> = Vec::new();
    for (i, item) in list(field, v, "a list of email addresses")?
        .iter()
        .enumerate()
    {
        let at = format!("{field}[{i}]");
        let Some(s) = string(&at, item, "an email address")? else {
            return Err(bad(&at, item, "an email address"));
        };
        let e = Email::parse(s).map_err(|e| e.with_field(at))?;
        if !out.iter().any(|x| x.normalized() == e.normalized()) {
            out.push(e);
        }
    }
    Ok(out)
}

/// A list of phone numbers: strings, or `{"number": …, "kind": …}`.
pub(crate) fn phones(field: &str, v: &Value, region: Option<CountryCode>) -> Result<Vec<Phone>> {
    const EXPECTED: &str = "a phone number: a string or an object with number and kind";
    let mut out: Vec<Phone> = Vec::new();
    for (i, item) in list(field, v, "a list of phone numbers")?
        .iter()
        .enumerate()
    {
        let at = format!("{field}[{i}]");
        let (number, kind) = match item {
            Value::String(s) => (s.as_str(), PhoneKind::default()),
            Value::Object(map) => {
                let number = map
                    .get("number")
                    .and_then(Value::as_str)
                    .ok_or_else(|| bad(&at, item, EXPECTED))?;
                let kind = match map.get("kind") {
                    None | Some(Value::Null) => PhoneKind::default(),
                    Some(Value::String(k)) => {
                        PhoneKind::from_str(k).map_err(|e| e.with_field(format!("{at}.kind")))?
                    }
                    Some(other) => return Err(bad(&format!("{at}.kind"), other, "a phone kind")),
                };
                (number, kind)
            }
            other => return Err(bad(&at, other, EXPECTED)),
        };
        let p = Phone::parse(number, region)
            .map_err(|e| e.with_field(at))?
            .with_kind(kind);
        if !out
            .iter()
            .any(|x| x.e164() == p.e164() && x.extension() == p.extension())
        {
            out.push(p);
        }
    }
    Ok(out)
}

/// A list of address objects (`lines`, `locality`, `region`, `postal_code`, `country`,
/// `label`).
pub(crate) fn addresses(field: &str, v: &Value) -> Result<Vec<Address>> {
    let mut out = Vec::new();
    for (i, item) in list(field, v, "a list of addresses")?.iter().enumerate() {
        let at = format!("{field}[{i}]");
        let a: NewAddress = crate::json::from_value(item)
            .map_err(|e| Error::invalid(&at, item, format!("expected an address object: {e}")))?;
        let address = Address::new(
            a.lines,
            a.locality.as_deref(),
            a.region.as_deref(),
            a.postal_code.as_deref(),
            a.country.as_deref(),
            a.label.as_deref(),
        )
        .map_err(|e| e.with_field(at))?;
        out.push(address);
    }
    Ok(out)
}

/// `null`, `"1990-05-17"` or `"--05-17"`.
pub(crate) fn birthday(field: &str, v: &Value) -> Result<Option<Birthday>> {
    match string(field, v, "a birthday such as \"1990-05-17\" or \"--05-17\"")? {
        Some(s) if !s.trim().is_empty() => Birthday::parse(s)
            .map(Some)
            .map_err(|e| e.with_field(field)),
        _ => Ok(None),
    }
}

/// `null` or an IANA zone name.
pub(crate) fn time_zone(field: &str, v: &Value) -> Result<Option<TimeZone>> {
    match string(field, v, "an IANA time zone name")? {
        Some(s) if !s.trim().is_empty() => TimeZone::parse(s)
            .map(Some)
            .map_err(|e| e.with_field(field)),
        _ => Ok(None),
    }
}

/// A list of tags (normalised; `shared` gives the book's text of a tag).
pub(crate) fn tags(field: &str, v: &Value, shared: impl Fn(&str) -> Arc<str>) -> Result<Tags> {
    let mut out = Vec::new();
    for (i, item) in list(field, v, "a list of tags")?.iter().enumerate() {
        let at = format!("{field}[{i}]");
        let Some(s) = string(&at, item, "a tag")? else {
            return Err(bad(&at, item, "a tag"));
        };
        out.push(shared(&normalize_tag(s).map_err(|e| e.with_field(at))?));
    }
    Ok(Tags::from_shared(out))
}

/// `null` or a short text (owner, source, company).
pub(crate) fn text(field: &str, v: &Value) -> Result<Option<String>> {
    clean_opt(field, string(field, v, "a string or null")?)
}

/// A stage name of the model.
pub(crate) fn stage(field: &str, v: &Value, model: &LifecycleModel) -> Result<Stage> {
    match string(field, v, "a stage name")? {
        Some(s) => model.stage(s).map_err(|e| e.with_field(field)),
        None => Err(bad(
            field,
            v,
            "a stage name (a customer always has a stage)",
        )),
    }
}

/// `null` or a number of days from 1.
pub(crate) fn cadence(field: &str, v: &Value) -> Result<Option<u32>> {
    match v {
        Value::Null => Ok(None),
        Value::Number(n) => n
            .as_u64()
            .and_then(|d| u32::try_from(d).ok())
            .filter(|d| *d > 0)
            .map(Some)
            .ok_or_else(|| bad(field, v, "a whole number of days, at least 1")),
        other => Err(bad(field, other, "a whole number of days, or null")),
    }
}

/// An RFC 3339 time.
pub(crate) fn time(field: &str, v: &Value) -> Result<DateTime<Utc>> {
    v.as_str()
        .and_then(|s| DateTime::parse_from_rfc3339(s.trim()).ok())
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| {
            bad(
                field,
                v,
                "an RFC 3339 time such as \"2026-01-05T09:00:00Z\"",
            )
        })
}

/// `null` or one typed attribute value (`{"type": "number", "value": 3}`).
pub(crate) fn attribute(field: &str, key: &str, v: &Value) -> Result<Option<AttributeValue>> {
    if v.is_null() {
        return Ok(None);
    }
    let a: AttributeValue = crate::json::from_value(v).map_err(|e| {
        Error::invalid(
            field,
            v,
            format!("expected a typed attribute value such as {{\"type\": \"text\", \"value\": \"gold\"}}: {e}"),
        )
    })?;
    a.validated(key).map(Some).map_err(|e| e.with_field(field))
}

/// `null` or an object of typed attribute values: the whole set of attributes.
pub(crate) fn attributes(field: &str, v: &Value) -> Result<BTreeMap<String, AttributeValue>> {
    let map = match v {
        Value::Null => return Ok(BTreeMap::new()),
        Value::Object(map) => map,
        other => return Err(bad(field, other, "an object of typed attribute values")),
    };
    let mut out = BTreeMap::new();
    for (k, item) in map {
        let key = attr_key(k).map_err(|e| e.with_field(field))?;
        if let Some(a) = attribute(&format!("{field}.{key}"), &key, item)? {
            out.insert(key, a);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_are_validated_like_input() {
        let n = name("f", &json!({"given": "Ada", "family": "Lovelace"}))
            .expect("valid")
            .expect("some");
        assert_eq!(n.display(), "Ada Lovelace");
        assert_eq!(
            name("f", &json!("Marie Curie"))
                .expect("valid")
                .map(|n| n.family().map(str::to_owned)),
            Some(Some("Curie".to_owned()))
        );
        assert_eq!(name("f", &json!(null)).expect("valid"), None);
        assert_eq!(
            name("f", &json!({"nick": "x"})).unwrap_err().value(),
            Some("nick")
        );

        let e = emails(
            "plan.fields.emails",
            &json!(["A@x.org", "a@x.org", "b@x.org"]),
        )
        .expect("valid");
        assert_eq!(e.len(), 2);
        let err = emails("plan.fields.emails", &json!(["a@x.org", "nope"])).unwrap_err();
        assert_eq!(err.field(), Some("plan.fields.emails[1]"));
        assert_eq!(err.code(), "invalid_email");
        assert_eq!(
            emails("plan.fields.emails", &json!("a@x.org"))
                .unwrap_err()
                .field(),
            Some("plan.fields.emails")
        );

        let p = phones(
            "p",
            &json!(["+44 20 7946 0018", {"number": "+442079460018", "kind": "work"}, {"number": "+1 415 555 0100", "kind": "mobile"}]),
            None,
        )
        .expect("valid");
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].kind(), PhoneKind::Mobile);
        assert_eq!(
            phones(
                "p",
                &json!([{"number": "+1 415 555 0100", "kind": "pager"}]),
                None
            )
            .unwrap_err()
            .field(),
            Some("p[0].kind")
        );

        let a = addresses("a", &json!([{"locality": "Paris", "country": "fr"}])).expect("valid");
        assert_eq!(a[0].locality(), Some("Paris"));
        assert_eq!(
            addresses("a", &json!([{"country": "zz"}]))
                .unwrap_err()
                .field(),
            Some("a[0]")
        );

        assert_eq!(
            birthday("b", &json!("--02-29"))
                .expect("valid")
                .map(|b| b.day()),
            Some(29)
        );
        assert_eq!(
            birthday("b", &json!("2023-02-29")).unwrap_err().field(),
            Some("b")
        );
        assert_eq!(
            time_zone("t", &json!("europe/paris"))
                .expect("valid")
                .map(|z| z.name()),
            Some("Europe/Paris")
        );
        let t = tags("t", &json!([" VIP ", "b2b"]), |t: &str| Arc::from(t)).expect("valid");
        assert_eq!(t.iter().collect::<Vec<_>>(), ["b2b", "vip"]);
        assert_eq!(
            text("o", &json!("  ann ")).expect("valid").as_deref(),
            Some("ann")
        );
        assert_eq!(text("o", &json!(3)).unwrap_err().field(), Some("o"));
        let model = LifecycleModel::default();
        assert_eq!(
            stage("s", &json!("Customer"), &model)
                .expect("valid")
                .as_str(),
            "customer"
        );
        assert_eq!(
            stage("s", &json!("vip"), &model).unwrap_err().field(),
            Some("s")
        );
        assert_eq!(cadence("c", &json!(30)).expect("valid"), Some(30));
        assert_eq!(cadence("c", &json!(0)).unwrap_err().value(), Some("0"));
        assert!(time("t", &json!("2026-01-05T09:00:00+01:00")).is_ok());
        assert_eq!(
            time("t", &json!("yesterday")).unwrap_err().field(),
            Some("t")
        );
        assert_eq!(
            attribute("a", "score", &json!({"type": "number", "value": 3})).expect("valid"),
            Some(AttributeValue::Number(3.0))
        );
        assert_eq!(
            attribute("a", "score", &json!(3)).unwrap_err().field(),
            Some("a")
        );
        let all = attributes("a", &json!({" tier ": {"type": "text", "value": " gold "}}))
            .expect("valid");
        assert_eq!(all.get("tier"), Some(&AttributeValue::Text("gold".into())));
    }
}
