//! What a merge keeps of each field: the [`MergePlan`] and its [`Rule`]s, and the record
//! of which customer each kept value came from ([`FieldChoice`]).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::customer::attr_key;
use crate::error::{Error, Result};
use crate::id::CustomerId;

/// How one field of the merged customer is chosen from the records being merged.
///
/// "Priority order" is the plan's [`MergePlan::priority`] order: by default the survivor
/// first, then the others in the order given. A value is *empty* when the field is unset
/// (no name, no birthday, …) or an empty list.
///
/// In JSON (and in the Python and JS bindings) a rule is its snake_case name, or an object
/// for the two rules that carry data:
///
/// ```
/// use crm_core::merge::Rule;
///
/// let r: Rule = serde_json::from_str(r#""most_recent""#)?;
/// assert_eq!(r, Rule::MostRecent);
/// let v: Rule = serde_json::from_str(r#"{"value": "ACME Ltd"}"#)?;
/// assert_eq!(v, Rule::Value(serde_json::json!("ACME Ltd")));
/// assert_eq!(serde_json::to_string(&Rule::FirstNonEmpty)?, r#""first_non_empty""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Rule {
    /// The value of the first record in priority order, even when it is empty.
    Priority,
    /// The first non-empty value in priority order (the default: the survivor's value if it
    /// has one).
    #[default]
    FirstNonEmpty,
    /// The non-empty value of the most recently updated record (`updated_at`; for the stage,
    /// the latest stage change). Ties go to priority order.
    MostRecent,
    /// The most complete non-empty value: the longest text or list, a name with more parts,
    /// a birthday with its year. Ties go to priority order.
    MostComplete,
    /// The stage furthest along the lifecycle model's ordered path; side stages
    /// (disqualified, churned) count as before the path. Only for `stage`.
    FurthestStage,
    /// Every value of every record, each once (compared by normalised value), in priority
    /// order, so the first record's primary email stays primary. For `emails`, `phones`,
    /// `addresses`, `tags` and `attributes` (per key: the first non-empty value).
    Union,
    /// The largest value: the latest date, the highest number. For `birthday`, `cadence`,
    /// `created_at` and `attributes` (numbers, dates and yes/no; text falls back to the
    /// first non-empty value).
    Max,
    /// The smallest value: the earliest date, the lowest number. Same fields as [`Rule::Max`].
    Min,
    /// The value of this record (one of the customers being merged), even when it is empty.
    Record(CustomerId),
    /// The caller's explicit value, validated like the field's input (`null` clears):
    /// `name` a string or `{"given", "family", "display"}`; `emails`, `tags` lists of
    /// strings; `phones` a list of strings or `{"number", "kind"}`; `addresses` a list of
    /// address objects; `birthday` (`1990-05-17` or `--05-17`), `time_zone`, `owner`,
    /// `source`, `company`, `stage` strings; `cadence` a number of days; `created_at` an
    /// RFC 3339 time; `attributes` an object of typed values; `attributes.<key>` one typed
    /// value (`{"type": "number", "value": 3}`).
    Value(serde_json::Value),
}

impl Rule {
    /// The snake_case name of the rule.
    pub fn name(&self) -> &'static str {
        match self {
            Rule::Priority => "priority",
            Rule::FirstNonEmpty => "first_non_empty",
            Rule::MostRecent => "most_recent",
            Rule::MostComplete => "most_complete",
            Rule::FurthestStage => "furthest_stage",
            Rule::Union => "union",
            Rule::Max => "max",
            Rule::Min => "min",
            Rule::Record(_) => "record",
            Rule::Value(_) => "value",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Record(id) => write!(f, "record {id}"),
            Rule::Value(v) => write!(f, "value {v}"),
            other => f.write_str(other.name()),
        }
    }
}

/// Declarative survivorship: how a merge chooses each field of the merged customer.
///
/// Without overrides (the [`Default`]):
///
/// | field | rule |
/// |---|---|
/// | `emails`, `phones`, `addresses`, `tags` | [`Rule::Union`] (the survivor's primary email stays primary) |
/// | `stage` | [`Rule::FurthestStage`] |
/// | `created_at` | [`Rule::Min`] (the earliest) |
/// | every other field (`name`, `birthday`, `time_zone`, `attributes` per key, `owner`, `source`, `company`, `cadence`) | [`MergePlan::default`]: [`Rule::FirstNonEmpty`] unless changed |
///
/// Consent is not a choice: it is always merged conservatively
/// ([`Consent::merge_conservative`](crate::consent::Consent::merge_conservative): an opt-out
/// or a do-not-contact on any record wins). The stage history of every record is kept, in
/// time order.
///
/// ```
/// use crm_core::merge::{MergePlan, Rule};
///
/// let plan = MergePlan::new()
///     .default_rule(Rule::MostRecent)
///     .field("company", Rule::MostComplete)
///     .field("attributes.plan", Rule::Max);
/// let json = serde_json::to_string(&plan)?;
/// assert_eq!(
///     json,
///     r#"{"default":"most_recent","fields":{"attributes.plan":"max","company":"most_complete"}}"#
/// );
/// assert_eq!(serde_json::from_str::<MergePlan>(&json)?, plan);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct MergePlan {
    /// The rule for the fields with no override and no fixed default (see the table):
    /// [`Rule::Priority`], [`Rule::FirstNonEmpty`], [`Rule::MostRecent`],
    /// [`Rule::MostComplete`] or [`Rule::Record`].
    #[serde(skip_serializing_if = "is_first_non_empty")]
    pub default: Rule,
    /// Per-field rules, by field name: `name`, `emails`, `phones`, `addresses`, `birthday`,
    /// `time_zone`, `tags`, `attributes` (every key) or `attributes.<key>` (one key),
    /// `owner`, `source`, `company`, `stage`, `cadence`, `created_at`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, Rule>,
    /// The priority order of the records (a subset of the customers being merged; the rest
    /// follow in the default order: the survivor, then the others as given).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub priority: Vec<CustomerId>,
}

fn is_first_non_empty(r: &Rule) -> bool {
    *r == Rule::FirstNonEmpty
}

impl MergePlan {
    /// The default plan (see the type's documentation).
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the rule for fields without an override.
    #[must_use]
    pub fn default_rule(mut self, rule: Rule) -> Self {
        self.default = rule;
        self
    }

    /// Sets the rule of one field (`"name"`, `"emails"`, `"attributes.plan"`, …).
    #[must_use]
    pub fn field(mut self, field: impl Into<String>, rule: Rule) -> Self {
        self.fields.insert(field.into(), rule);
        self
    }

    /// Sets the priority order of the records.
    #[must_use]
    pub fn priority(mut self, order: impl IntoIterator<Item = CustomerId>) -> Self {
        self.priority = order.into_iter().collect();
        self
    }

    /// Whether this is the default plan.
    pub fn is_default(&self) -> bool {
        *self == MergePlan::default()
    }
}

/// The fields a plan can choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Field {
    Name,
    Emails,
    Phones,
    Addresses,
    Birthday,
    TimeZone,
    Tags,
    Attributes,
    Owner,
    Source,
    Company,
    Stage,
    Cadence,
    CreatedAt,
}

impl Field {
    pub(crate) const ALL: [Field; 14] = [
        Field::Name,
        Field::Emails,
        Field::Phones,
        Field::Addresses,
        Field::Birthday,
        Field::TimeZone,
        Field::Tags,
        Field::Attributes,
        Field::Owner,
        Field::Source,
        Field::Company,
        Field::Stage,
        Field::Cadence,
        Field::CreatedAt,
    ];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Emails => "emails",
            Field::Phones => "phones",
            Field::Addresses => "addresses",
            Field::Birthday => "birthday",
            Field::TimeZone => "time_zone",
            Field::Tags => "tags",
            Field::Attributes => "attributes",
            Field::Owner => "owner",
            Field::Source => "source",
            Field::Company => "company",
            Field::Stage => "stage",
            Field::Cadence => "cadence",
            Field::CreatedAt => "created_at",
        }
    }

    fn parse(s: &str) -> Option<Field> {
        let key = crate::macros::enum_key(s);
        let key = if key == "cadence_days" {
            "cadence"
        } else {
            &key
        };
        Field::ALL.into_iter().find(|f| f.as_str() == key)
    }

    /// The rule when the plan says nothing about the field.
    fn fixed_default(self) -> Option<Rule> {
        match self {
            Field::Emails | Field::Phones | Field::Addresses | Field::Tags => Some(Rule::Union),
            Field::Stage => Some(Rule::FurthestStage),
            Field::CreatedAt => Some(Rule::Min),
            _ => None,
        }
    }

    fn allows(self, rule: &Rule) -> bool {
        match rule {
            Rule::Priority
            | Rule::FirstNonEmpty
            | Rule::MostRecent
            | Rule::MostComplete
            | Rule::Record(_)
            | Rule::Value(_) => true,
            Rule::FurthestStage => self == Field::Stage,
            Rule::Union => matches!(
                self,
                Field::Emails | Field::Phones | Field::Addresses | Field::Tags | Field::Attributes
            ),
            Rule::Max | Rule::Min => matches!(
                self,
                Field::Birthday | Field::Cadence | Field::CreatedAt | Field::Attributes
            ),
        }
    }

    fn fields_for(rule: &Rule) -> String {
        Field::ALL
            .into_iter()
            .filter(|f| f.allows(rule))
            .map(Field::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Where a field of the merged customer came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "ids", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Source {
    /// The value of this record.
    Record(CustomerId),
    /// Values gathered from these records (a union, or merged consent), in order.
    Records(Vec<CustomerId>),
    /// The caller's explicit value ([`Rule::Value`]).
    Explicit,
    /// No record had a value.
    Empty,
}

/// How one field of the merged customer was chosen: the rule and where the value came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FieldChoice {
    /// The field (`name`, `emails`, …, `attributes.<key>`, `consent`).
    pub field: String,
    /// The rule applied (`None` for `consent`, which is always merged conservatively).
    pub rule: Option<Rule>,
    /// Where the value came from.
    pub source: Source,
}

/// A plan checked against the customers being merged.
#[derive(Debug)]
pub(crate) struct Resolved<'p> {
    /// Every record, in priority order.
    pub(crate) order: Vec<CustomerId>,
    rules: [&'p Rule; Field::ALL.len()],
    /// Per-key overrides of the attributes rule (keys cleaned).
    pub(crate) attribute_keys: BTreeMap<String, &'p Rule>,
}

impl<'p> Resolved<'p> {
    /// Checks `plan` for a merge of `group` (the survivor first, then the others).
    pub(crate) fn new(plan: &'p MergePlan, group: &[CustomerId]) -> Result<Self> {
        let member = |field: &str, id: &CustomerId| -> Result<()> {
            if group.contains(id) {
                Ok(())
            } else {
                Err(Error::invalid(
                    field,
                    id,
                    "not one of the customers being merged",
                ))
            }
        };
        match &plan.default {
            Rule::Priority | Rule::FirstNonEmpty | Rule::MostRecent | Rule::MostComplete => {}
            Rule::Record(id) => member("plan.default", id)?,
            other => {
                return Err(Error::invalid(
                    "plan.default",
                    other.name(),
                    "the default rule is one of priority, first_non_empty, most_recent, \
                     most_complete or record; set other rules per field",
                ));
            }
        }
        let mut rules: [&Rule; Field::ALL.len()] = [&plan.default; Field::ALL.len()];
        const UNION: &Rule = &Rule::Union;
        const FURTHEST: &Rule = &Rule::FurthestStage;
        const MIN: &Rule = &Rule::Min;
        for (i, f) in Field::ALL.into_iter().enumerate() {
            if let Some(r) = f.fixed_default() {
                rules[i] = match r {
                    Rule::Union => UNION,
                    Rule::FurthestStage => FURTHEST,
                    _ => MIN,
                };
            }
        }
        let mut attribute_keys = BTreeMap::new();
        for (name, rule) in &plan.fields {
            let field_name = format!("plan.fields.{name}");
            let (field, key) = match name.trim().strip_prefix("attributes.") {
                Some(k) => {
                    let k = attr_key(k).map_err(|e| e.with_field(field_name.clone()))?;
                    (Field::Attributes, Some(k))
                }
                None => match Field::parse(name) {
                    Some(f) => (f, None),
                    None => {
                        return Err(Error::invalid(
                            "plan.fields",
                            name,
                            format!(
                                "not a field a merge chooses; known: {}, attributes.<key>",
                                Field::ALL.map(Field::as_str).join(", ")
                            ),
                        ));
                    }
                },
            };
            if !field.allows(rule) {
                return Err(Error::invalid(
                    field_name,
                    rule.name(),
                    format!(
                        "{} does not apply to {}; it applies to: {}",
                        rule.name(),
                        field.as_str(),
                        Field::fields_for(rule)
                    ),
                ));
            }
            if let Rule::Record(id) = rule {
                member(&field_name, id)?;
            }
            match key {
                Some(k) => {
                    attribute_keys.insert(k, rule);
                }
                None => rules[field as usize] = rule,
            }
        }
        let mut order: Vec<CustomerId> = Vec::with_capacity(group.len());
        for (i, id) in plan.priority.iter().enumerate() {
            let field = format!("plan.priority[{i}]");
            member(&field, id)?;
            if order.contains(id) {
                return Err(Error::invalid(field, id, "listed twice"));
            }
            order.push(*id);
        }
        for id in group {
            if !order.contains(id) {
                order.push(*id);
            }
        }
        Ok(Resolved {
            order,
            rules,
            attribute_keys,
        })
    }

    /// The rule of `field` (for attributes: of keys without their own rule).
    pub(crate) fn rule(&self, field: Field) -> &'p Rule {
        self.rules[field as usize]
    }

    /// The rule of one attribute key.
    pub(crate) fn attribute_rule(&self, key: &str) -> &'p Rule {
        self.attribute_keys
            .get(key)
            .copied()
            .unwrap_or_else(|| self.rule(Field::Attributes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> CustomerId {
        CustomerId::from_uuid(uuid::Uuid::from_u128(n))
    }

    #[test]
    fn defaults_per_field() {
        let plan = MergePlan::default();
        let r = Resolved::new(&plan, &[id(1), id(2)]).expect("valid");
        assert_eq!(r.rule(Field::Emails), &Rule::Union);
        assert_eq!(r.rule(Field::Tags), &Rule::Union);
        assert_eq!(r.rule(Field::Stage), &Rule::FurthestStage);
        assert_eq!(r.rule(Field::CreatedAt), &Rule::Min);
        assert_eq!(r.rule(Field::Name), &Rule::FirstNonEmpty);
        assert_eq!(r.attribute_rule("x"), &Rule::FirstNonEmpty);
        assert_eq!(r.order, [id(1), id(2)]);
    }

    #[test]
    fn overrides_and_priority() {
        let plan = MergePlan::new()
            .default_rule(Rule::MostRecent)
            .field("Time-Zone", Rule::Record(id(2)))
            .field("attributes. plan ", Rule::Max)
            .field("cadence_days", Rule::Min)
            .priority([id(3)]);
        let r = Resolved::new(&plan, &[id(1), id(2), id(3)]).expect("valid");
        assert_eq!(r.rule(Field::Name), &Rule::MostRecent);
        assert_eq!(r.rule(Field::TimeZone), &Rule::Record(id(2)));
        assert_eq!(r.rule(Field::Cadence), &Rule::Min);
        assert_eq!(r.attribute_rule("plan"), &Rule::Max);
        assert_eq!(r.attribute_rule("other"), &Rule::MostRecent);
        assert_eq!(r.rule(Field::Emails), &Rule::Union, "fixed defaults stay");
        assert_eq!(r.order, [id(3), id(1), id(2)]);
    }

    #[test]
    fn bad_plans_name_the_field_and_value() {
        let group = [id(1), id(2)];
        let check = |plan: MergePlan, field: &str, value: &str| {
            let err = Resolved::new(&plan, &group).unwrap_err();
            assert_eq!(err.code(), "invalid_value", "{err}");
            assert_eq!(err.field(), Some(field), "{err}");
            assert_eq!(err.value(), Some(value), "{err}");
        };
        check(
            MergePlan::new().field("nickname", Rule::Priority),
            "plan.fields",
            "nickname",
        );
        check(
            MergePlan::new().field("name", Rule::Union),
            "plan.fields.name",
            "union",
        );
        check(
            MergePlan::new().field("owner", Rule::FurthestStage),
            "plan.fields.owner",
            "furthest_stage",
        );
        check(
            MergePlan::new().field("company", Rule::Record(id(9))),
            "plan.fields.company",
            &id(9).to_string(),
        );
        check(
            MergePlan::new().default_rule(Rule::Union),
            "plan.default",
            "union",
        );
        check(
            MergePlan::new().priority([id(2), id(2)]),
            "plan.priority[1]",
            &id(2).to_string(),
        );
        check(
            MergePlan::new().priority([id(7)]),
            "plan.priority[0]",
            &id(7).to_string(),
        );
        let err =
            Resolved::new(&MergePlan::new().field("attributes.", Rule::Max), &group).unwrap_err();
        assert_eq!(err.field(), Some("plan.fields.attributes."));
    }

    #[test]
    fn plan_json_rejects_unknown_keys_and_reads_rules() {
        let plan: MergePlan = serde_json::from_str(
            r#"{"fields": {"name": {"record": "00000000-0000-0000-0000-000000000002"}, "stage": "furthest_stage"}}"#,
        )
        .expect("reads");
        assert_eq!(plan.fields["name"], Rule::Record(id(2)));
        let err = serde_json::from_str::<MergePlan>(r#"{"feilds": {}}"#).unwrap_err();
        assert!(err.to_string().contains("feilds"), "{err}");
        assert!(MergePlan::default().is_default());
        assert_eq!(
            serde_json::to_string(&MergePlan::default()).expect("json"),
            "{}"
        );
        assert_eq!(Rule::Record(id(1)).to_string(), format!("record {}", id(1)));
    }
}
