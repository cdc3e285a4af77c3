//! Scheduling: follow-ups, consent, the contact policy and `can_contact` decisions as
//! read-only snapshots, and the conversion of their arguments into core types. The rules
//! (recurrence, consent, caps, quiet hours) all live in `crm-core`.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use crm_core::consent::{
    Consent as CoreConsent, ConsentRecord as CoreConsentRecord, ConsentScope, ConsentStatus,
};
use crm_core::interaction::Channel;
use crm_core::schedule::followup::FollowUp as CoreFollowUp;
use crm_core::schedule::policy::{
    Blocker as CoreBlocker, ContactPolicy as CorePolicy, Decision as CoreDecision, FrequencyCap,
    QuietHours,
};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::conversion::{PyEnum, iso, items, parse_enum, repr_opt, repr_str, serde_to_py, string};
use crate::customer::Unset;
use crate::errors::{self, OrRaise};

// ----- conversions --------------------------------------------------------------------------

/// A consent scope: `"marketing"`, `"do_not_contact"` or a channel name (read by the core).
pub(crate) fn consent_scope(scope: &str) -> PyResult<ConsentScope> {
    scope.parse::<ConsentScope>().or_raise()
}

/// A consent status: `"granted"` or `"denied"` (read by the core).
pub(crate) fn consent_status(status: &str) -> PyResult<ConsentStatus> {
    status.parse::<ConsentStatus>().or_raise()
}

// ----- follow-ups ---------------------------------------------------------------------------

/// A planned contact or task (a snapshot).
#[pyclass(module = "crm", name = "FollowUp", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct FollowUp {
    inner: CoreFollowUp,
}

impl FollowUp {
    pub(crate) fn new(inner: &CoreFollowUp) -> Self {
        Self {
            inner: inner.clone(),
        }
    }
}

#[pymethods]
impl FollowUp {
    /// Its id.
    #[getter]
    fn id(&self) -> String {
        self.inner.id.to_string()
    }

    /// The customer it concerns.
    #[getter]
    fn customer_id(&self) -> String {
        self.inner.customer.to_string()
    }

    /// When it is due (UTC; for a snoozed one, when it wakes up).
    #[getter]
    fn due(&self) -> DateTime<Utc> {
        self.inner.due
    }

    /// What is planned (a `FollowUpKind`).
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        PyEnum::FollowUpKind.member(py, self.inner.kind.as_str())
    }

    /// The channel (a `Channel`), if it is a contact.
    #[getter]
    fn channel<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner
            .channel
            .map(|c| PyEnum::Channel.member(py, c.as_str()))
            .transpose()
    }

    /// How urgent (a `Priority`).
    #[getter]
    fn priority<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        PyEnum::Priority.member(py, self.inner.priority.as_str())
    }

    /// A note for whoever does it.
    #[getter]
    fn note(&self) -> Option<&str> {
        self.inner.note.as_deref()
    }

    /// Who is to do it.
    #[getter]
    fn owner(&self) -> Option<&str> {
        self.inner.owner.as_deref()
    }

    /// Where it stands (a `FollowUpStatus`).
    #[getter]
    fn status<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        PyEnum::FollowUpStatus.member(py, self.inner.status.as_str())
    }

    /// Why it exists (an `Origin`).
    #[getter]
    fn origin<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        PyEnum::Origin.member(py, self.inner.origin.as_str())
    }

    /// How it repeats, as an RRULE, or `None`.
    #[getter]
    fn recurrence(&self) -> Option<String> {
        self.inner.recurrence.as_ref().map(|r| r.to_rrule())
    }

    /// The first due time of the series.
    #[getter]
    fn series_start(&self) -> DateTime<Utc> {
        self.inner.series_start
    }

    /// Which occurrence of the series this is (0 for the first or a one-off).
    #[getter]
    fn occurrence(&self) -> u32 {
        self.inner.occurrence
    }

    /// The planned due time before any snooze.
    #[getter]
    fn planned(&self) -> DateTime<Utc> {
        self.inner.planned
    }

    /// When it was done or cancelled.
    #[getter]
    fn closed_at(&self) -> Option<DateTime<Utc>> {
        self.inner.closed_at
    }

    /// The follow-up as the core's JSON form (a dict of plain values).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "FollowUp(id={}, customer_id={}, due='{}', kind={}, status={}, recurrence={})",
            repr_str(&self.inner.id.to_string()),
            repr_str(&self.inner.customer.to_string()),
            iso(&self.inner.due),
            repr_str(self.inner.kind.as_str()),
            repr_str(self.inner.status.as_str()),
            repr_opt(self.recurrence().as_deref()),
        )
    }
}

// ----- consent ------------------------------------------------------------------------------

/// One consent decision: its status, when it was given and where it came from.
#[pyclass(module = "crm", name = "ConsentRecord", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct ConsentRecord {
    inner: CoreConsentRecord,
}

#[pymethods]
impl ConsentRecord {
    /// Granted or denied (a `ConsentStatus`).
    #[getter]
    fn status<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        PyEnum::ConsentStatus.member(py, self.inner.status.as_str())
    }

    /// When it was given (UTC).
    #[getter]
    fn at(&self) -> DateTime<Utc> {
        self.inner.at
    }

    /// Where it came from, if known.
    #[getter]
    fn source(&self) -> Option<&str> {
        self.inner.source.as_deref()
    }

    fn __repr__(&self) -> String {
        format!(
            "ConsentRecord(status={}, at='{}', source={})",
            repr_str(self.inner.status.as_str()),
            iso(&self.inner.at),
            repr_opt(self.inner.source.as_deref()),
        )
    }
}

fn record(r: Option<&CoreConsentRecord>) -> Option<ConsentRecord> {
    r.map(|r| ConsentRecord { inner: r.clone() })
}

/// A customer's consent: per channel, the marketing opt-in and do-not-contact.
#[pyclass(module = "crm", name = "Consent", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct Consent {
    inner: CoreConsent,
}

impl Consent {
    pub(crate) fn new(inner: &CoreConsent) -> Self {
        Self {
            inner: inner.clone(),
        }
    }
}

#[pymethods]
impl Consent {
    /// The record per channel name.
    #[getter]
    fn channels<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (c, r) in self.inner.channels() {
            d.set_item(c.as_str(), ConsentRecord { inner: r.clone() })?;
        }
        Ok(d)
    }

    /// The marketing record, if any.
    #[getter]
    fn marketing(&self) -> Option<ConsentRecord> {
        record(self.inner.marketing())
    }

    /// The do-not-contact record, if any (granted: do not contact).
    #[getter]
    fn do_not_contact(&self) -> Option<ConsentRecord> {
        record(self.inner.do_not_contact())
    }

    /// Whether do-not-contact is on.
    #[getter]
    fn is_do_not_contact(&self) -> bool {
        self.inner.is_do_not_contact()
    }

    fn __repr__(&self) -> String {
        format!(
            "Consent(channels={}, marketing={}, do_not_contact={})",
            self.inner.channels().len(),
            repr_opt(self.inner.marketing().map(|r| r.status.as_str())),
            repr_opt(self.inner.do_not_contact().map(|r| r.status.as_str())),
        )
    }
}

// ----- the contact policy -------------------------------------------------------------------

/// Rules for outbound contact: frequency caps, a minimum gap, quiet hours, weekends and the
/// categories exempt from them.
#[pyclass(module = "crm", name = "ContactPolicy", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct ContactPolicy {
    pub(crate) inner: CorePolicy,
}

fn cap(item: &Bound<'_, PyAny>, i: usize) -> PyResult<FrequencyCap> {
    let (channel, max, window): (Option<Bound<'_, PyAny>>, i64, Duration) = item.extract()?;
    let channel = channel
        .filter(|c| !c.is_none())
        .map(|c| string(&c, &format!("caps[{i}]")).and_then(|s| parse_enum::<Channel>(&s)))
        .transpose()?;
    let max = u32::try_from(max).map_err(|_| {
        errors::validation(
            "policy.caps",
            &max.to_string(),
            format!("invalid policy.caps {max}: max must be a whole number from 1"),
        )
    })?;
    FrequencyCap::new(channel, max, window).or_raise()
}

#[pymethods]
impl ContactPolicy {
    #[new]
    #[pyo3(signature = (
        *, caps = None, min_gap = None, quiet_hours = Unset::Keep, allow_weekends = false,
        exempt = None, business_hours = false
    ))]
    fn py_new<'py>(
        caps: Option<Bound<'py, PyAny>>,
        min_gap: Option<Duration>,
        quiet_hours: Unset<'py>,
        allow_weekends: bool,
        exempt: Option<Bound<'py, PyAny>>,
        business_hours: bool,
    ) -> PyResult<Self> {
        let mut p = CorePolicy::new()
            .with_weekends(allow_weekends)
            .with_business_hours(business_hours)
            .with_min_gap(min_gap)
            .or_raise()?;
        if let Unset::Given(q) = quiet_hours {
            let quiet = if q.is_none() {
                None
            } else {
                let (start, end): (NaiveTime, NaiveTime) = q.extract()?;
                Some(QuietHours::new(start, end).or_raise()?)
            };
            p = p.with_quiet_hours(quiet).or_raise()?;
        }
        if let Some(exempt) = exempt.filter(|e| !e.is_none()) {
            let mut cats = Vec::new();
            for (i, c) in items(Some(&exempt))?.iter().enumerate() {
                cats.push(parse_enum(&string(c, &format!("exempt[{i}]"))?)?);
            }
            p = p.with_exempt(cats);
        }
        for (i, item) in items(caps.as_ref())?.iter().enumerate() {
            p = p.with_cap(cap(item, i)?).or_raise()?;
        }
        Ok(Self { inner: p })
    }

    /// The caps as `(channel or None, max, window)`.
    #[getter]
    fn caps(&self) -> Vec<(Option<&'static str>, u32, Duration)> {
        self.inner
            .caps()
            .iter()
            .map(|c| (c.channel.map(Channel::as_str), c.max, c.window))
            .collect()
    }

    /// The minimum gap between two outbound touches, if any.
    #[getter]
    fn min_gap(&self) -> Option<Duration> {
        self.inner.min_gap()
    }

    /// The quiet hours `(start, end)` in the customer's local time, if any.
    #[getter]
    fn quiet_hours(&self) -> Option<(NaiveTime, NaiveTime)> {
        self.inner.quiet_hours().map(|q| (q.start, q.end))
    }

    /// Whether weekends are allowed.
    #[getter]
    fn allow_weekends(&self) -> bool {
        self.inner.allow_weekends()
    }

    /// Whether contact is limited to the business hours of the customer's owner's (else
    /// team's, else the book's) calendar.
    #[getter]
    fn business_hours(&self) -> bool {
        self.inner.business_hours()
    }

    /// The exempt categories.
    #[getter]
    fn exempt<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.inner
            .exempt()
            .iter()
            .map(|c| PyEnum::TouchCategory.member(py, c.as_str()))
            .collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "ContactPolicy(caps={}, min_gap={}, quiet_hours={}, allow_weekends={}, exempt=[{}]{})",
            self.inner.caps().len(),
            self.inner
                .min_gap()
                .map_or_else(|| "None".to_owned(), |g| format!("{}s", g.num_seconds())),
            self.inner.quiet_hours().map_or_else(
                || "None".to_owned(),
                |q| format!("('{}', '{}')", q.start, q.end)
            ),
            if self.inner.allow_weekends() {
                "True"
            } else {
                "False"
            },
            self.inner
                .exempt()
                .iter()
                .map(|c| repr_str(c.as_str()))
                .collect::<Vec<_>>()
                .join(", "),
            if self.inner.business_hours() {
                ", business_hours=True"
            } else {
                ""
            },
        )
    }
}

// ----- decisions ----------------------------------------------------------------------------

/// One reason a touch may not go out.
#[pyclass(module = "crm", name = "Blocker", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct Blocker {
    inner: CoreBlocker,
}

impl Blocker {
    pub(crate) fn new(inner: CoreBlocker) -> Self {
        Self { inner }
    }
}

#[pymethods]
impl Blocker {
    /// The stable snake_case code (`quiet_hours`, `do_not_contact`, …).
    #[getter]
    fn code(&self) -> &'static str {
        self.inner.code()
    }

    /// Until when it holds at the least; `None` for consent.
    #[getter]
    fn until(&self) -> Option<DateTime<Utc>> {
        self.inner.until()
    }

    fn __str__(&self) -> String {
        self.inner.to_string()
    }

    fn __repr__(&self) -> String {
        format!(
            "Blocker(code={}, until={})",
            repr_str(self.inner.code()),
            self.inner
                .until()
                .map_or_else(|| "None".to_owned(), |u| format!("'{}'", iso(&u)))
        )
    }
}

/// The answer of `Crm.can_contact`; true when the touch may go out.
#[pyclass(module = "crm", name = "Decision", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct Decision {
    inner: CoreDecision,
}

impl Decision {
    pub(crate) fn new(inner: CoreDecision) -> Self {
        Self { inner }
    }
}

#[pymethods]
impl Decision {
    /// Whether the touch may go out at the instant asked about.
    #[getter]
    fn allowed(&self) -> bool {
        self.inner.allowed
    }

    /// The first instant it may go out; `None` when consent blocks it.
    #[getter]
    fn earliest(&self) -> Option<DateTime<Utc>> {
        self.inner.earliest
    }

    /// Everything that blocks it (empty when allowed).
    #[getter]
    fn reasons(&self) -> Vec<Blocker> {
        self.inner
            .reasons
            .iter()
            .map(|b| Blocker { inner: b.clone() })
            .collect()
    }

    /// The override reason, when caps and the minimum gap were overridden.
    #[getter]
    fn overridden(&self) -> Option<&str> {
        self.inner.overridden.as_deref()
    }

    fn __bool__(&self) -> bool {
        self.inner.allowed
    }

    fn __repr__(&self) -> String {
        let codes: Vec<&str> = self.inner.reasons.iter().map(CoreBlocker::code).collect();
        format!(
            "Decision(allowed={}, earliest={}, reasons={}, overridden={})",
            if self.inner.allowed { "True" } else { "False" },
            self.inner
                .earliest
                .map_or_else(|| "None".to_owned(), |e| format!("'{}'", iso(&e))),
            crate::conversion::repr_list(&codes),
            repr_opt(self.inner.overridden.as_deref()),
        )
    }
}

// Pickling through the JSON form (crate::pickle).
crate::pickle::json_form!(FollowUp, CoreFollowUp);
crate::pickle::json_form!(ConsentRecord, CoreConsentRecord);
crate::pickle::json_form!(Consent, CoreConsent);
crate::pickle::json_form!(ContactPolicy, CorePolicy);
crate::pickle::json_form!(Blocker, CoreBlocker);
crate::pickle::json_form!(Decision, CoreDecision);

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<FollowUp>()?;
    m.add_class::<ConsentRecord>()?;
    m.add_class::<Consent>()?;
    m.add_class::<ContactPolicy>()?;
    m.add_class::<Blocker>()?;
    m.add_class::<Decision>()
}
