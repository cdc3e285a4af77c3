//! Builds the merged customer from the records being merged and a checked plan.

use std::cmp::Ordering;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::explicit;
use super::plan::{Field, FieldChoice, Resolved, Rule, Source};
use crate::contact::{CountryCode, text};
use crate::customer::{AttributeValue, Customer, Tags};
use crate::error::{Error, Result};
use crate::id::CustomerId;
use crate::lifecycle::{LifecycleModel, StageChange};

/// What the merged customer is built from.
pub(crate) struct Input<'a> {
    /// Every record, in the plan's priority order.
    pub(crate) records: Vec<&'a Customer>,
    /// The survivor (its id is the merged customer's).
    pub(crate) survivor: &'a Customer,
    pub(crate) plan: &'a Resolved<'a>,
    pub(crate) model: &'a LifecycleModel,
    /// For explicit phone numbers written without `+country`.
    pub(crate) region: Option<CountryCode>,
    /// The merge's time: the record's `updated_at`, and the time of a stage change the
    /// merge makes.
    pub(crate) now: DateTime<Utc>,
    pub(crate) actor: Option<String>,
}

/// The merged customer and how each field was chosen.
pub(crate) struct Built {
    pub(crate) customer: Customer,
    pub(crate) fields: Vec<FieldChoice>,
}

fn plan_field(name: &str) -> String {
    format!("plan.fields.{name}")
}

fn no_order<T>(_: &T, _: &T) -> Option<Ordering> {
    None
}

fn updated(c: &Customer) -> DateTime<Utc> {
    c.updated_at
}

#[allow(clippy::ptr_arg)] // called on the `Option<String>` fields' values
fn chars(s: &String) -> usize {
    s.as_str().chars().count()
}

/// The value a rule picks among the records' values (`get` gives a record's value, `None`
/// when empty). `size` measures completeness, `order` compares for max / min (`None`:
/// not comparable), `recency` dates a record's value. Rules that are not about picking one
/// record's value (union, furthest stage, explicit) pick the first non-empty value.
fn pick<'a, T>(
    rule: &Rule,
    records: &[&'a Customer],
    get: impl Fn(&'a Customer) -> Option<T>,
    size: impl Fn(&T) -> usize,
    order: impl Fn(&T, &T) -> Option<Ordering>,
    recency: impl Fn(&'a Customer) -> DateTime<Utc>,
) -> (Option<T>, Source) {
    let mut values: Vec<Option<T>> = records.iter().map(|c| get(c)).collect();
    let present: Vec<bool> = values.iter().map(Option::is_some).collect();
    let chosen = choose(
        rule,
        records,
        &present,
        &|i| values[i].as_ref().map_or(0, &size),
        &|i, j| match (&values[i], &values[j]) {
            (Some(a), Some(b)) => order(a, b),
            _ => None,
        },
        &|i| recency(records[i]),
    );
    match chosen.and_then(|i| Some((values[i].take()?, records[i].id))) {
        Some((v, id)) => (Some(v), Source::Record(id)),
        None => (None, Source::Empty),
    }
}

/// The position of the record whose value [`pick`] takes, by the rule, over the records
/// whose value is `present`; the measures take positions. Not generic, so that it is
/// compiled once, not once per field and closure.
fn choose(
    rule: &Rule,
    records: &[&Customer],
    present: &[bool],
    size: &dyn Fn(usize) -> usize,
    order: &dyn Fn(usize, usize) -> Option<Ordering>,
    recency: &dyn Fn(usize) -> DateTime<Utc>,
) -> Option<usize> {
    let with_value = || (0..records.len()).filter(|&i| present[i]);
    // The best value by `better` (strictly better replaces: ties keep priority order).
    let best = |better: &dyn Fn(usize, usize) -> bool| {
        with_value().fold(None, |best: Option<usize>, i| match best {
            Some(b) if !better(i, b) => Some(b),
            _ => Some(i),
        })
    };
    match rule {
        Rule::Priority => (!records.is_empty()).then_some(0),
        Rule::Record(id) => records.iter().position(|c| c.id == *id),
        Rule::MostRecent => best(&|a, b| recency(a) > recency(b)),
        Rule::MostComplete => best(&|a, b| size(a) > size(b)),
        Rule::Max | Rule::Min => {
            let first = with_value().next();
            let comparable = with_value().all(|v| first.is_some_and(|f| order(f, v).is_some()));
            let wanted = if *rule == Rule::Max {
                Ordering::Greater
            } else {
                Ordering::Less
            };
            if comparable {
                best(&|a, b| order(a, b) == Some(wanted))
            } else {
                best(&|_, _| false)
            }
        }
        Rule::FirstNonEmpty | Rule::Union | Rule::FurthestStage | Rule::Value(_) => {
            best(&|_, _| false)
        }
    }
}

/// Every value of every record, each once by `key`, in priority order; the records that
/// added a value.
fn union<T: Clone, K: PartialEq>(
    records: &[&Customer],
    get: impl Fn(&Customer) -> &[T],
    key: impl Fn(&T) -> K,
) -> (Vec<T>, Source) {
    let mut out: Vec<T> = Vec::new();
    let mut from: Vec<CustomerId> = Vec::new();
    for c in records {
        for v in get(c) {
            if !out.iter().any(|x| key(x) == key(v)) {
                out.push(v.clone());
                if from.last() != Some(&c.id) {
                    from.push(c.id);
                }
            }
        }
    }
    let source = if out.is_empty() {
        Source::Empty
    } else {
        Source::Records(from)
    };
    (out, source)
}

/// The normalised form of an address, for de-duplication (the label is not compared).
pub(crate) fn address_key(a: &crate::contact::Address) -> String {
    text::fold(&a.one_line())
}

fn attribute_size(v: &AttributeValue) -> usize {
    match v {
        AttributeValue::Text(t) => t.chars().count(),
        _ => 1,
    }
}

fn attribute_order(a: &AttributeValue, b: &AttributeValue) -> Option<Ordering> {
    match (a, b) {
        (AttributeValue::Number(x), AttributeValue::Number(y)) => x.partial_cmp(y),
        (AttributeValue::Date(x), AttributeValue::Date(y)) => Some(x.cmp(y)),
        (AttributeValue::Bool(x), AttributeValue::Bool(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

struct Builder<'a> {
    input: &'a Input<'a>,
    fields: Vec<FieldChoice>,
}

impl<'a> Builder<'a> {
    fn note(&mut self, field: impl Into<String>, rule: &Rule, source: Source) {
        self.fields.push(FieldChoice {
            field: field.into(),
            rule: Some(rule.clone()),
            source,
        });
    }

    /// A single-valued field: `explicit` reads a [`Rule::Value`].
    fn one<T>(
        &mut self,
        field: Field,
        get: impl Fn(&'a Customer) -> Option<T>,
        size: impl Fn(&T) -> usize,
        order: impl Fn(&T, &T) -> Option<Ordering>,
        explicit: impl FnOnce(&str, &serde_json::Value) -> Result<Option<T>>,
    ) -> Result<Option<T>> {
        let rule = self.input.plan.rule(field);
        let (v, source) = match rule {
            Rule::Value(v) => (explicit(&plan_field(field.as_str()), v)?, Source::Explicit),
            r => pick(r, &self.input.records, get, size, order, updated),
        };
        self.note(field.as_str(), rule, source);
        Ok(v)
    }

    /// A list field: union by `key`, or one record's list, or the explicit list.
    fn list<T: Clone, K: PartialEq>(
        &mut self,
        field: Field,
        get: impl Fn(&Customer) -> &[T],
        key: impl Fn(&T) -> K,
        explicit: impl FnOnce(&str, &serde_json::Value) -> Result<Vec<T>>,
    ) -> Result<Vec<T>> {
        let rule = self.input.plan.rule(field);
        let (v, source) = match rule {
            Rule::Value(v) => (explicit(&plan_field(field.as_str()), v)?, Source::Explicit),
            Rule::Union => union(&self.input.records, &get, key),
            r => {
                let (v, s) = pick(
                    r,
                    &self.input.records,
                    |c| Some(get(c).to_vec()).filter(|l| !l.is_empty()),
                    Vec::len,
                    no_order,
                    updated,
                );
                (v.unwrap_or_default(), s)
            }
        };
        self.note(field.as_str(), rule, source);
        Ok(v)
    }

    fn attributes(&mut self) -> Result<std::collections::BTreeMap<String, AttributeValue>> {
        let plan = self.input.plan;
        let whole = match plan.rule(Field::Attributes) {
            Rule::Value(v) => Some(explicit::attributes(&plan_field("attributes"), v)?),
            _ => None,
        };
        // Every key once, in order (a sorted list, not a set: one less B-tree type).
        let mut keys: Vec<&str> = self
            .input
            .records
            .iter()
            .flat_map(|c| c.attributes.keys().map(String::as_str))
            .collect();
        keys.extend(plan.attribute_keys.keys().map(String::as_str));
        if let Some(w) = &whole {
            keys.extend(w.keys().map(String::as_str));
        }
        crate::sort::sort(&mut keys);
        keys.dedup();
        let mut out = std::collections::BTreeMap::new();
        for key in keys {
            let rule = plan.attribute_rule(key);
            let field = format!("attributes.{key}");
            let (v, source) = match (rule, &whole) {
                (Rule::Value(_), Some(w)) if !plan.attribute_keys.contains_key(key) => {
                    (w.get(key).cloned(), Source::Explicit)
                }
                (Rule::Value(v), _) => (
                    explicit::attribute(&plan_field(&field), key, v)?,
                    Source::Explicit,
                ),
                (r, _) => pick(
                    r,
                    &self.input.records,
                    |c| c.attributes.get(key).cloned(),
                    attribute_size,
                    attribute_order,
                    updated,
                ),
            };
            self.note(field, rule, source);
            if let Some(v) = v {
                out.insert(key.to_owned(), v);
            }
        }
        Ok(out)
    }

    fn stage(&mut self) -> Result<crate::lifecycle::Stage> {
        let input = self.input;
        let rule = input.plan.rule(Field::Stage);
        let rank = |c: &Customer| input.model.rank(&c.stage).map_or(0, |r| r + 1);
        let (stage, source) = match rule {
            Rule::Value(v) => (
                Some(explicit::stage(&plan_field("stage"), v, input.model)?),
                Source::Explicit,
            ),
            Rule::FurthestStage => {
                let mut best: Option<&Customer> = None;
                for c in &input.records {
                    if best.is_none_or(|b| rank(c) > rank(b)) {
                        best = Some(c);
                    }
                }
                (
                    best.map(|c| c.stage.clone()),
                    best.map_or(Source::Empty, |c| Source::Record(c.id)),
                )
            }
            r => pick(
                r,
                &input.records,
                |c| Some(c.stage.clone()),
                |_| 0,
                no_order,
                |c| c.stage_history.last().map_or(c.created_at, |h| h.at),
            ),
        };
        self.note("stage", rule, source);
        Ok(stage.unwrap_or_else(|| input.survivor.stage.clone()))
    }
}

/// The merged customer: the survivor's id, each field by the plan, consent merged
/// conservatively, every record's stage history in time order (plus the merge's own stage
/// change, if the stage differs from the last one entered), `updated_at` the merge's time.
pub(crate) fn build(input: &Input<'_>, shared_tag: impl Fn(&str) -> Arc<str>) -> Result<Built> {
    let mut b = Builder {
        input,
        fields: Vec::new(),
    };
    let name = b.one(
        Field::Name,
        |c| c.name.clone(),
        |n| {
            (usize::from(n.given().is_some()) + usize::from(n.family().is_some())) << 16
                | n.display().chars().count().min(0xFFFF)
        },
        no_order,
        explicit::name,
    )?;
    let emails = b.list(
        Field::Emails,
        |c| &c.emails,
        |e| e.normalized().to_owned(),
        explicit::emails,
    )?;
    let phones = b.list(
        Field::Phones,
        |c| &c.phones,
        |p| (p.e164().to_owned(), p.extension().map(str::to_owned)),
        |f, v| explicit::phones(f, v, input.region),
    )?;
    let addresses = b.list(
        Field::Addresses,
        |c| &c.addresses,
        address_key,
        explicit::addresses,
    )?;
    // With max / min, a birthday with its year beats one without.
    let any_year = input
        .records
        .iter()
        .any(|c| c.birthday.is_some_and(|d| d.year().is_some()));
    let max_min = matches!(input.plan.rule(Field::Birthday), Rule::Max | Rule::Min);
    let birthday = b.one(
        Field::Birthday,
        |c| {
            c.birthday
                .filter(|d| !(max_min && any_year) || d.year().is_some())
        },
        |d| if d.year().is_some() { 2 } else { 1 },
        |x, y| Some(x.cmp(y)),
        explicit::birthday,
    )?;
    let time_zone = b.one(
        Field::TimeZone,
        |c| c.time_zone,
        |_| 1,
        no_order,
        explicit::time_zone,
    )?;
    let tag_rule = input.plan.rule(Field::Tags);
    let (tags, source) = match tag_rule {
        Rule::Value(v) => (
            explicit::tags(&plan_field("tags"), v, &shared_tag)?,
            Source::Explicit,
        ),
        Rule::Union => {
            let (all, source) = union(&input.records, |c| c.tags.shared(), Arc::clone);
            (Tags::from_shared(all), source)
        }
        r => {
            let (t, s) = pick(
                r,
                &input.records,
                |c| Some(c.tags.clone()).filter(|t| !t.is_empty()),
                Tags::len,
                no_order,
                updated,
            );
            (t.unwrap_or_default(), s)
        }
    };
    b.note("tags", tag_rule, source);
    let attributes = b.attributes()?;
    // The three text fields through one copy of `one` (a function pointer, not a closure
    // type per field: the .wasm's size).
    let mut text = |field, get: fn(&Customer) -> Option<String>| {
        b.one(field, get, chars, no_order::<String>, explicit::text)
    };
    let owner = text(Field::Owner, |c| c.owner.clone())?;
    let source = text(Field::Source, |c| c.source.clone())?;
    let company = text(Field::Company, |c| c.company.clone())?;
    let stage = b.stage()?;
    let cadence_days = b.one(
        Field::Cadence,
        |c| c.cadence_days,
        |_| 1,
        |x, y| Some(x.cmp(y)),
        explicit::cadence,
    )?;
    let created_at = b
        .one(
            Field::CreatedAt,
            |c| Some(c.created_at),
            |_| 1,
            |x, y| Some(x.cmp(y)),
            |f, v| explicit::time(f, v).map(Some),
        )?
        .unwrap_or(input.survivor.created_at);

    let mut consent = input.survivor.consent.clone();
    let mut consent_from = Vec::new();
    for c in &input.records {
        if !c.consent.is_empty() {
            consent_from.push(c.id);
        }
        if c.id != input.survivor.id {
            consent = consent.merge_conservative(&c.consent);
        }
    }
    b.fields.push(FieldChoice {
        field: "consent".to_owned(),
        rule: None,
        source: if consent_from.is_empty() {
            Source::Empty
        } else {
            Source::Records(consent_from)
        },
    });

    // Every record's stage changes, in time order (priority order on a tie).
    let mut stage_history: Vec<StageChange> = input
        .records
        .iter()
        .flat_map(|c| c.stage_history.iter().cloned())
        .collect();
    crate::sort::sort_by_key(&mut stage_history, |s| s.at);
    let last = stage_history.last().map(|s| s.to.clone());
    if last.as_ref() != Some(&stage) {
        stage_history.push(StageChange::new(
            last,
            stage.clone(),
            input.now,
            input.actor.clone(),
            Some("merge of duplicate customers".to_owned()),
        ));
    }

    if name.is_none() && emails.is_empty() && phones.is_empty() {
        return Err(Error::invalid(
            "plan",
            input.survivor.id,
            "this plan leaves the merged customer without a name, an email or a phone number",
        ));
    }
    let mut customer = input.survivor.clone();
    customer.name = name;
    customer.emails = emails;
    customer.phones = phones;
    customer.addresses = addresses;
    customer.birthday = birthday;
    customer.time_zone = time_zone;
    customer.tags = tags;
    customer.attributes = attributes;
    customer.owner = owner;
    customer.source = source;
    customer.company = company;
    customer.consent = consent;
    customer.cadence_days = cadence_days;
    customer.stage = stage;
    customer.stage_history = stage_history;
    customer.created_at = created_at;
    customer.updated_at = input.now;
    Ok(Built {
        customer,
        fields: b.fields,
    })
}
