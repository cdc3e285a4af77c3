//! Merging duplicates: the plan and scores as Python values in, the preview and outcomes
//! as frozen snapshots out. `Crm.merge_preview`, `Crm.merge`, `Crm.unmerge` and
//! `Crm.merged_into` (in `crm.rs`) call these helpers.

use chrono::{DateTime, Utc};
use crm_core::id::{CustomerId, MergeId};
use crm_core::merge::{
    FieldChoice as CoreFieldChoice, MergeOutcome as CoreMergeOutcome, MergePlan,
    MergePreview as CoreMergePreview, MergeRecord, MoveCounts as CoreMoveCounts, Source,
    UnmergeOutcome as CoreUnmergeOutcome,
};
use pyo3::prelude::*;

use crate::conversion::{dict, json_dumps, repr_list, repr_str, serde_to_py, string_list};
use crate::customer::Customer;
use crate::errors::{self, OrRaise};

/// The ids of `others` (any iterable of `str`).
pub(crate) fn others(value: &Bound<'_, PyAny>) -> PyResult<Vec<CustomerId>> {
    string_list(Some(value), "others")?
        .iter()
        .enumerate()
        .map(|(i, s)| {
            CustomerId::parse(s)
                .map_err(|e| e.with_field(format!("others[{i}]")))
                .or_raise()
        })
        .collect()
}

/// A merge id.
pub(crate) fn merge_id(value: &str) -> PyResult<MergeId> {
    MergeId::parse(value).or_raise()
}

/// JSON of a Python value (`json.dumps`); a value JSON cannot hold is a `ValidationError`
/// naming `field`.
fn to_json(value: &Bound<'_, PyAny>, field: &str) -> PyResult<serde_json::Value> {
    let text = json_dumps(value).map_err(|e| {
        errors::validation(
            field,
            &value.repr().map(|r| r.to_string()).unwrap_or_default(),
            format!("invalid {field}: JSON cannot hold it ({e})"),
        )
    })?;
    serde_json::from_str(&text).map_err(|e| {
        errors::validation(
            field,
            &text,
            format!("invalid {field}: JSON cannot hold it ({e})"),
        )
    })
}

/// A plan from a mapping (`None`: the default plan): `{"default": rule, "fields": {field:
/// rule}, "priority": [ids]}`, where a rule is a name, `{"record": id}` or `{"value": v}`.
pub(crate) fn plan(value: Option<&Bound<'_, PyAny>>) -> PyResult<MergePlan> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(MergePlan::default());
    };
    let json = to_json(dict(value, "plan")?.as_any(), "plan")?;
    crm_core::json::from_value(&json).map_err(|e| {
        errors::validation(
            "plan",
            &value.repr().map(|r| r.to_string()).unwrap_or_default(),
            format!(
                "invalid plan: {e} (a plan is {{\"default\": rule, \"fields\": {{field: rule}}, \
                 \"priority\": [ids]}}; a rule is a name such as \"most_recent\", \
                 {{\"record\": id}} or {{\"value\": v}})"
            ),
        )
    })
}

/// Match scores: any value `json.dumps` takes (`None`: none).
pub(crate) fn scores(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<serde_json::Value>> {
    value
        .filter(|v| !v.is_none())
        .map(|v| to_json(v, "scores"))
        .transpose()
}

fn ids(list: &[CustomerId]) -> Vec<String> {
    list.iter().map(ToString::to_string).collect()
}

/// How one field of the merged customer was chosen.
#[pyclass(module = "crm", name = "FieldChoice", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct FieldChoice {
    inner: CoreFieldChoice,
}

#[pymethods]
impl FieldChoice {
    /// The field: `name`, `emails`, …, `attributes.<key>`, `consent`.
    #[getter]
    fn field(&self) -> &str {
        &self.inner.field
    }

    /// The rule applied (`first_non_empty`, `union`, `record`, `value`, …); `None` for
    /// consent, which is always merged conservatively.
    #[getter]
    fn rule(&self) -> Option<&'static str> {
        self.inner.rule.as_ref().map(|r| r.name())
    }

    /// Where the value came from: `record`, `records` (a union, consent), `explicit` or
    /// `empty`.
    #[getter]
    fn source(&self) -> &'static str {
        match &self.inner.source {
            Source::Record(_) => "record",
            Source::Records(_) => "records",
            Source::Explicit => "explicit",
            _ => "empty",
        }
    }

    /// The customers the value came from, in order.
    #[getter]
    fn customer_ids(&self) -> Vec<String> {
        match &self.inner.source {
            Source::Record(id) => vec![id.to_string()],
            Source::Records(list) => ids(list),
            _ => Vec::new(),
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "FieldChoice(field={}, rule={}, source={}, customer_ids={})",
            repr_str(&self.inner.field),
            self.rule().map_or_else(|| "None".to_owned(), repr_str),
            repr_str(self.source()),
            repr_list(&self.customer_ids()),
        )
    }
}

fn choices(list: &[CoreFieldChoice]) -> Vec<FieldChoice> {
    list.iter()
        .map(|c| FieldChoice { inner: c.clone() })
        .collect()
}

/// How many items move to the survivor (or back, on unmerge).
#[pyclass(module = "crm", name = "MoveCounts", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct MoveCounts {
    inner: CoreMoveCounts,
}

#[pymethods]
impl MoveCounts {
    /// Interactions, purchases included.
    #[getter]
    fn interactions(&self) -> usize {
        self.inner.interactions
    }

    /// Of which purchases.
    #[getter]
    fn purchases(&self) -> usize {
        self.inner.purchases
    }

    /// Cases.
    #[getter]
    fn cases(&self) -> usize {
        self.inner.cases
    }

    /// Follow-ups, all statuses.
    #[getter]
    fn follow_ups(&self) -> usize {
        self.inner.follow_ups
    }

    /// Of which pending (open or snoozed).
    #[getter]
    fn pending_follow_ups(&self) -> usize {
        self.inner.pending_follow_ups
    }

    /// Stage changes in the absorbed customers' histories.
    #[getter]
    fn stage_changes(&self) -> usize {
        self.inner.stage_changes
    }

    /// The counts as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        let n = &self.inner;
        format!(
            "MoveCounts(interactions={}, purchases={}, cases={}, follow_ups={}, pending_follow_ups={}, stage_changes={})",
            n.interactions,
            n.purchases,
            n.cases,
            n.follow_ups,
            n.pending_follow_ups,
            n.stage_changes
        )
    }
}

fn counts(inner: CoreMoveCounts) -> MoveCounts {
    MoveCounts { inner }
}

/// What a merge would do: the merged customer, where each field came from, what would move.
#[pyclass(module = "crm", name = "MergePreview", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct MergePreview {
    inner: CoreMergePreview,
}

impl MergePreview {
    pub(crate) fn new(inner: CoreMergePreview) -> Self {
        Self { inner }
    }
}

#[pymethods]
impl MergePreview {
    /// The survivor as it would be after the merge.
    #[getter]
    fn customer(&self) -> Customer {
        Customer::new(&self.inner.customer)
    }

    /// The customers that would be absorbed.
    #[getter]
    fn absorbed(&self) -> Vec<String> {
        ids(&self.inner.absorbed)
    }

    /// Field by field: the rule and where the value came from.
    #[getter]
    fn fields(&self) -> Vec<FieldChoice> {
        choices(&self.inner.fields)
    }

    /// What would move to the survivor.
    #[getter]
    fn moved(&self) -> MoveCounts {
        counts(self.inner.moved)
    }

    fn __repr__(&self) -> String {
        format!(
            "MergePreview(customer={}, absorbed={})",
            repr_str(&self.inner.customer.id.to_string()),
            repr_list(&self.absorbed()),
        )
    }
}

/// What a merge did.
#[pyclass(module = "crm", name = "MergeOutcome", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct MergeOutcome {
    inner: CoreMergeOutcome,
}

impl MergeOutcome {
    pub(crate) fn new(inner: CoreMergeOutcome) -> Self {
        Self { inner }
    }
}

#[pymethods]
impl MergeOutcome {
    /// The merge's id, for `Crm.unmerge`.
    #[getter]
    fn merge_id(&self) -> String {
        self.inner.merge.to_string()
    }

    /// The journal position of the merge's event.
    #[getter]
    fn seq(&self) -> u64 {
        self.inner.seq
    }

    /// The survivor's id.
    #[getter]
    fn survivor_id(&self) -> String {
        self.inner.survivor.to_string()
    }

    /// The absorbed customers' ids.
    #[getter]
    fn absorbed(&self) -> Vec<String> {
        ids(&self.inner.absorbed)
    }

    /// Field by field: the rule and where the value came from.
    #[getter]
    fn fields(&self) -> Vec<FieldChoice> {
        choices(&self.inner.fields)
    }

    /// What moved to the survivor.
    #[getter]
    fn moved(&self) -> MoveCounts {
        counts(self.inner.moved)
    }

    fn __repr__(&self) -> String {
        format!(
            "MergeOutcome(merge_id={}, survivor_id={}, absorbed={})",
            repr_str(&self.merge_id()),
            repr_str(&self.survivor_id()),
            repr_list(&self.absorbed()),
        )
    }
}

/// A merge as the book keeps it (`Crm.merges`): who was kept and absorbed, when, by whom,
/// why, and whether it was undone.
#[pyclass(module = "crm", name = "MergeInfo", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct MergeInfo {
    inner: MergeRecord,
}

impl MergeInfo {
    pub(crate) fn new(inner: &MergeRecord) -> Self {
        Self {
            inner: inner.clone(),
        }
    }
}

#[pymethods]
impl MergeInfo {
    /// The merge's id, for `Crm.unmerge`.
    #[getter]
    fn merge_id(&self) -> String {
        self.inner.merge.id.to_string()
    }

    /// The journal position of the merge's event.
    #[getter]
    fn seq(&self) -> u64 {
        self.inner.seq
    }

    /// When the merge was made (UTC).
    #[getter]
    fn at(&self) -> DateTime<Utc> {
        self.inner.at
    }

    /// Who made it.
    #[getter]
    fn actor(&self) -> Option<&str> {
        self.inner.actor.as_deref()
    }

    /// Why it was made.
    #[getter]
    fn reason(&self) -> Option<&str> {
        self.inner.merge.reason.as_deref()
    }

    /// The survivor's id.
    #[getter]
    fn survivor_id(&self) -> String {
        self.inner.merge.survivor().to_string()
    }

    /// The absorbed customers' ids.
    #[getter]
    fn absorbed(&self) -> Vec<String> {
        ids(&self.inner.merge.absorbed_ids())
    }

    /// When it was undone (UTC), or `None` while it holds.
    #[getter]
    fn undone_at(&self) -> Option<DateTime<Utc>> {
        self.inner.undone.as_ref().map(|u| u.at)
    }

    fn __repr__(&self) -> String {
        format!(
            "MergeInfo(merge_id={}, survivor_id={}, absorbed={}, undone={})",
            repr_str(&self.merge_id()),
            repr_str(&self.survivor_id()),
            repr_list(&self.absorbed()),
            if self.inner.undone.is_some() {
                "True"
            } else {
                "False"
            },
        )
    }
}

/// What an unmerge did.
#[pyclass(module = "crm", name = "UnmergeOutcome", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct UnmergeOutcome {
    inner: CoreUnmergeOutcome,
}

impl UnmergeOutcome {
    pub(crate) fn new(inner: CoreUnmergeOutcome) -> Self {
        Self { inner }
    }
}

#[pymethods]
impl UnmergeOutcome {
    /// The merge undone.
    #[getter]
    fn merge_id(&self) -> String {
        self.inner.merge.to_string()
    }

    /// The journal position of the unmerge's event.
    #[getter]
    fn seq(&self) -> u64 {
        self.inner.seq
    }

    /// The survivor's id.
    #[getter]
    fn survivor_id(&self) -> String {
        self.inner.survivor.to_string()
    }

    /// The restored customers' ids.
    #[getter]
    fn restored(&self) -> Vec<String> {
        ids(&self.inner.restored)
    }

    /// The survivor's fields changed after the merge and kept (minus what the merge
    /// brought in); every other field went back to its value before the merge.
    #[getter]
    fn kept(&self) -> Vec<String> {
        self.inner.kept.clone()
    }

    /// What moved back to the restored customers.
    #[getter]
    fn moved(&self) -> MoveCounts {
        counts(self.inner.moved)
    }

    fn __repr__(&self) -> String {
        format!(
            "UnmergeOutcome(merge_id={}, restored={}, kept={})",
            repr_str(&self.merge_id()),
            repr_list(&self.restored()),
            repr_list(&self.inner.kept),
        )
    }
}

// Pickling through the JSON form (crate::pickle).
crate::pickle::json_form!(FieldChoice, CoreFieldChoice);
crate::pickle::json_form!(MoveCounts, CoreMoveCounts);

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<FieldChoice>()?;
    m.add_class::<MoveCounts>()?;
    m.add_class::<MergePreview>()?;
    m.add_class::<MergeOutcome>()?;
    m.add_class::<MergeInfo>()?;
    m.add_class::<UnmergeOutcome>()
}
