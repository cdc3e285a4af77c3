//! The agenda: business calendars, agenda settings and agenda items as read-only snapshots,
//! and the conversion of their arguments into core types. Every rule (cadences, response
//! promises, birthdays, placement under the contact policy, ordering) lives in `crm-core`.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use crm_core::contact::TimeZone;
use crm_core::schedule::agenda::{
    AgendaItem as CoreItem, AgendaSettings as CoreSettings, Cadence, PromiseStatus as CorePromise,
    ResponsePromise,
};
use crm_core::schedule::calendar::BusinessCalendar as CoreCalendar;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::conversion::{PyEnum, dict, iso, parse_enum, repr_opt, repr_str, string};
use crate::errors::{self, OrRaise};
use crate::schedule::Blocker;
use crm_core::schedule::calendar::{WEEKDAY_KEYS, parse_weekday};
use crm_core::schedule::followup::Priority;

fn weekday(key: &str) -> PyResult<Weekday> {
    parse_weekday(key, "calendar.hours").or_raise()
}

/// A non-negative whole number that fits a `u32`, else a `ValidationError` on `field`.
fn count(value: i64, field: &str) -> PyResult<u32> {
    u32::try_from(value).map_err(|_| {
        errors::validation(
            field,
            &value.to_string(),
            format!("invalid {field} {value}: expected a whole number from 0"),
        )
    })
}

// ----- the business calendar ----------------------------------------------------------------

/// Working hours per weekday in one time zone, and holidays (dates in that zone).
#[pyclass(module = "crm", name = "BusinessCalendar", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct BusinessCalendar {
    inner: CoreCalendar,
}

#[pymethods]
impl BusinessCalendar {
    #[new]
    #[pyo3(signature = (time_zone, *, hours = None, holidays = Vec::new()))]
    fn py_new(
        time_zone: &str,
        hours: Option<&Bound<'_, PyAny>>,
        holidays: Vec<NaiveDate>,
    ) -> PyResult<Self> {
        let tz = TimeZone::parse(time_zone)
            .map_err(|e| e.with_field("time_zone"))
            .or_raise()?;
        let mut cal = CoreCalendar::new(tz);
        if let Some(hours) = hours.filter(|h| !h.is_none()) {
            for (k, v) in dict(hours, "hours")?.iter() {
                let day = weekday(&string(&k, "hours")?)?;
                let intervals: Vec<(NaiveTime, NaiveTime)> = v.extract()?;
                cal = cal.with_hours(day, intervals).or_raise()?;
            }
        }
        for date in holidays {
            cal = cal.with_holiday(date);
        }
        Ok(Self { inner: cal })
    }

    /// The calendar's time zone (IANA name).
    #[getter]
    fn time_zone(&self) -> &'static str {
        self.inner.tz().name()
    }

    /// The working hours per weekday key (`"mon"` … `"sun"`), sorted; empty when closed.
    #[getter]
    fn hours<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (name, day) in WEEKDAY_KEYS {
            d.set_item(name, self.inner.hours(day).to_vec())?;
        }
        Ok(d)
    }

    /// The holidays, sorted.
    #[getter]
    fn holidays(&self) -> Vec<NaiveDate> {
        self.inner.holidays().iter().copied().collect()
    }

    fn __repr__(&self) -> String {
        let open: Vec<&str> = WEEKDAY_KEYS
            .iter()
            .filter(|(_, d)| !self.inner.hours(*d).is_empty())
            .map(|(n, _)| *n)
            .collect();
        format!(
            "BusinessCalendar(time_zone={}, open={}, holidays={})",
            repr_str(self.inner.tz().name()),
            crate::conversion::repr_list(&open),
            self.inner.holidays().len()
        )
    }
}

// ----- agenda settings ----------------------------------------------------------------------

/// What the agenda includes besides planned follow-ups: keep-in-touch cadences, a response
/// promise, birthday reminders and case check-backs.
#[pyclass(module = "crm", name = "AgendaSettings", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct AgendaSettings {
    pub(crate) inner: CoreSettings,
}

/// The `(str key, value)` pairs of an optional mapping argument.
fn entries<'py>(
    value: Option<&Bound<'py, PyAny>>,
    field: &str,
) -> PyResult<Vec<(String, Bound<'py, PyAny>)>> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(Vec::new());
    };
    dict(value, field)?
        .iter()
        .map(|(k, v)| Ok((string(&k, field)?, v)))
        .collect()
}

fn calendars(by_name: &BTreeMap<String, CoreCalendar>) -> BTreeMap<String, BusinessCalendar> {
    by_name
        .iter()
        .map(|(k, c)| (k.clone(), BusinessCalendar { inner: c.clone() }))
        .collect()
}

fn cadence(item: &Bound<'_, PyAny>) -> PyResult<Cadence> {
    let (days, stage, tag): (i64, Option<String>, Option<String>) = item.extract()?;
    let days = count(days, "cadence.every_days")?;
    Cadence::new(days, stage.as_deref(), tag.as_deref()).or_raise()
}

#[pymethods]
impl AgendaSettings {
    #[new]
    #[pyo3(signature = (
        *, cadences = Vec::new(), response_promise = None, response_priorities = None,
        owner_calendars = None, team_calendars = None, team_of = None,
        birthday_lead_days = vec![0], reminder_time = CoreSettings::default().reminder_time,
        case_check_after_days = Some(7)
    ))]
    #[allow(clippy::too_many_arguments)] // one per setting, all keyword-only
    fn py_new(
        cadences: Vec<Bound<'_, PyAny>>,
        response_promise: Option<&Bound<'_, PyAny>>,
        response_priorities: Option<&Bound<'_, PyAny>>,
        owner_calendars: Option<&Bound<'_, PyAny>>,
        team_calendars: Option<&Bound<'_, PyAny>>,
        team_of: Option<&Bound<'_, PyAny>>,
        birthday_lead_days: Vec<i64>,
        reminder_time: NaiveTime,
        case_check_after_days: Option<i64>,
    ) -> PyResult<Self> {
        let mut s = CoreSettings::default();
        s.cadences = cadences.iter().map(cadence).collect::<PyResult<_>>()?;
        if let Some(p) = response_promise.filter(|p| !p.is_none()) {
            let (cal, inquiry, complaint): (Bound<'_, BusinessCalendar>, Duration, Duration) =
                p.extract()?;
            s.response_promise =
                Some(ResponsePromise::new(cal.get().inner.clone(), inquiry, complaint).or_raise()?);
        }
        if let Some(by) = response_priorities.filter(|p| !p.is_none()) {
            let Some(mut promise) = s.response_promise.take() else {
                return Err(errors::validation(
                    "response_priorities",
                    "",
                    "response_priorities needs a response_promise to refine".to_owned(),
                ));
            };
            for (k, v) in dict(by, "response_priorities")?.iter() {
                let priority: Priority = parse_enum(&string(&k, "response_priorities")?)?;
                let (inquiry, complaint): (Duration, Duration) = v.extract()?;
                promise = promise
                    .with_priority(priority, inquiry, complaint)
                    .or_raise()?;
            }
            s.response_promise = Some(promise);
        }
        for (k, v) in entries(owner_calendars, "owner_calendars")? {
            let cal: Bound<'_, BusinessCalendar> = v.extract()?;
            s.calendars = s
                .calendars
                .with_owner(&k, cal.get().inner.clone())
                .or_raise()?;
        }
        for (k, v) in entries(team_calendars, "team_calendars")? {
            let cal: Bound<'_, BusinessCalendar> = v.extract()?;
            s.calendars = s
                .calendars
                .with_team(&k, cal.get().inner.clone())
                .or_raise()?;
        }
        for (k, v) in entries(team_of, "team_of")? {
            let team = string(&v, "team_of")?;
            s.calendars = s.calendars.with_member(&k, &team).or_raise()?;
        }
        s.birthday_lead_days = birthday_lead_days
            .into_iter()
            .map(|d| count(d, "birthday_lead_days"))
            .collect::<PyResult<_>>()?;
        s.reminder_time = reminder_time;
        s.case_check_after_days = case_check_after_days
            .map(|d| count(d, "case_check_after_days"))
            .transpose()?;
        s.validate().or_raise()?;
        Ok(Self { inner: s })
    }

    /// The cadences as `(every_days, stage or None, tag or None)`.
    #[getter]
    fn cadences(&self) -> Vec<(u32, Option<String>, Option<String>)> {
        self.inner
            .cadences
            .iter()
            .map(|c| (c.every_days, c.stage.clone(), c.tag.clone()))
            .collect()
    }

    /// The response promise as `(calendar, inquiry, complaint)`, or `None`.
    #[getter]
    fn response_promise(&self) -> Option<(BusinessCalendar, Duration, Duration)> {
        self.inner.response_promise.as_ref().map(|p| {
            (
                BusinessCalendar {
                    inner: p.calendar.clone(),
                },
                p.inquiry,
                p.complaint,
            )
        })
    }

    /// The response promise's times by priority, as `{Priority: (inquiry, complaint)}`.
    #[getter]
    fn response_priorities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (p, times) in self
            .inner
            .response_promise
            .iter()
            .flat_map(|r| r.priorities.iter())
        {
            d.set_item(
                PyEnum::Priority.member(py, p.as_str())?,
                (times.inquiry, times.complaint),
            )?;
        }
        Ok(d)
    }

    /// Owners' own business calendars, by owner.
    #[getter]
    fn owner_calendars(&self) -> BTreeMap<String, BusinessCalendar> {
        calendars(&self.inner.calendars.owners)
    }

    /// Teams' business calendars, by team.
    #[getter]
    fn team_calendars(&self) -> BTreeMap<String, BusinessCalendar> {
        calendars(&self.inner.calendars.teams)
    }

    /// The team of each owner.
    #[getter]
    fn team_of(&self) -> BTreeMap<String, String> {
        self.inner.calendars.team_of.clone()
    }

    /// Birthday reminders this many days ahead (0: on the day).
    #[getter]
    fn birthday_lead_days(&self) -> Vec<u32> {
        self.inner.birthday_lead_days.clone()
    }

    /// The local time of day date reminders and cadence items are due at.
    #[getter]
    fn reminder_time(&self) -> NaiveTime {
        self.inner.reminder_time
    }

    /// Days after a case is resolved when a check-back is due (`None`: no check-back).
    #[getter]
    fn case_check_after_days(&self) -> Option<u32> {
        self.inner.case_check_after_days
    }

    fn __repr__(&self) -> String {
        format!(
            "AgendaSettings(cadences={}, response_promise={}, birthday_lead_days={:?}, \
             reminder_time='{}', case_check_after_days={})",
            self.inner.cadences.len(),
            if self.inner.response_promise.is_some() {
                "True"
            } else {
                "False"
            },
            self.inner.birthday_lead_days,
            self.inner.reminder_time,
            self.inner
                .case_check_after_days
                .map_or_else(|| "None".to_owned(), |d| d.to_string()),
        )
    }
}

// ----- agenda items -------------------------------------------------------------------------

/// One thing to do: whom, why, what, when it is due and when it may be done.
#[pyclass(module = "crm", name = "AgendaItem", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct AgendaItem {
    inner: CoreItem,
}

impl AgendaItem {
    pub(crate) fn new(inner: CoreItem) -> Self {
        Self { inner }
    }
}

#[pymethods]
impl AgendaItem {
    /// The customer it concerns.
    #[getter]
    fn customer_id(&self) -> String {
        self.inner.customer.to_string()
    }

    /// Why it is there (an `Origin`).
    #[getter]
    fn origin<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        PyEnum::Origin.member(py, self.inner.origin.as_str())
    }

    /// What to do (a `FollowUpKind`).
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        PyEnum::FollowUpKind.member(py, self.inner.kind.as_str())
    }

    /// The planned follow-up's id, when it is one.
    #[getter]
    fn follow_up_id(&self) -> Option<String> {
        self.inner.follow_up.map(|f| f.to_string())
    }

    /// The inbound message waiting for an answer, for a response promise.
    #[getter]
    fn interaction_id(&self) -> Option<String> {
        self.inner.interaction.map(|i| i.to_string())
    }

    /// The channel (a `Channel`), if known.
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

    /// Who is to do it.
    #[getter]
    fn owner(&self) -> Option<&str> {
        self.inner.owner.as_deref()
    }

    /// When it is (or was) due (UTC).
    #[getter]
    fn due(&self) -> DateTime<Utc> {
        self.inner.due
    }

    /// Whether it was due before the agenda's `now`.
    #[getter]
    fn overdue(&self) -> bool {
        self.inner.overdue
    }

    /// The earliest allowed contact time; `None` when consent forbids the contact.
    #[getter]
    fn contact_at(&self) -> Option<DateTime<Utc>> {
        self.inner.contact_at
    }

    /// What moved it from `max(due, now)`.
    #[getter]
    fn moved_by(&self) -> Vec<Blocker> {
        self.inner
            .moved_by
            .iter()
            .cloned()
            .map(Blocker::new)
            .collect()
    }

    /// Why it is there, for people.
    #[getter]
    fn reason(&self) -> &str {
        &self.inner.reason
    }

    /// The item as a dict of plain values: str ids and enum values, tz-aware datetimes,
    /// `moved_by` as a list of `{"code", "until"}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let i = &self.inner;
        let d = PyDict::new(py);
        d.set_item("customer_id", i.customer.to_string())?;
        d.set_item("origin", i.origin.as_str())?;
        d.set_item("kind", i.kind.as_str())?;
        d.set_item("follow_up_id", self.follow_up_id())?;
        d.set_item("interaction_id", self.interaction_id())?;
        d.set_item("channel", i.channel.map(|c| c.as_str()))?;
        d.set_item("priority", i.priority.as_str())?;
        d.set_item("owner", i.owner.as_deref())?;
        d.set_item("due", i.due)?;
        d.set_item("overdue", i.overdue)?;
        d.set_item("contact_at", i.contact_at)?;
        let moved = PyList::empty(py);
        for b in &i.moved_by {
            let m = PyDict::new(py);
            m.set_item("code", b.code())?;
            m.set_item("until", b.until())?;
            moved.append(m)?;
        }
        d.set_item("moved_by", moved)?;
        d.set_item("reason", &i.reason)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let codes: Vec<&str> = self.inner.moved_by.iter().map(|b| b.code()).collect();
        format!(
            "AgendaItem(customer_id={}, origin={}, kind={}, due='{}', overdue={}, contact_at={}, \
             moved_by={}, reason={})",
            repr_str(&self.inner.customer.to_string()),
            repr_str(self.inner.origin.as_str()),
            repr_str(self.inner.kind.as_str()),
            iso(&self.inner.due),
            if self.inner.overdue { "True" } else { "False" },
            self.inner
                .contact_at
                .map_or_else(|| "None".to_owned(), |c| format!("'{}'", iso(&c))),
            crate::conversion::repr_list(&codes),
            repr_opt(Some(&self.inner.reason)),
        )
    }
}

// ----- response promises --------------------------------------------------------------------

/// A promised response to one inbound inquiry or complaint: when it is due (to quote in the
/// acknowledgement), when it was answered, and its state at the book's clock.
#[pyclass(module = "crm", name = "PromiseStatus", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct PromiseStatus {
    inner: CorePromise,
}

impl PromiseStatus {
    pub(crate) fn new(inner: CorePromise) -> Self {
        Self { inner }
    }
}

#[pymethods]
impl PromiseStatus {
    /// The inbound message.
    #[getter]
    fn interaction_id(&self) -> String {
        self.inner.interaction.to_string()
    }

    /// Whose message.
    #[getter]
    fn customer_id(&self) -> String {
        self.inner.customer.to_string()
    }

    /// Inquiry or complaint (an `InteractionKind`).
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        PyEnum::InteractionKind.member(py, self.inner.kind.as_str())
    }

    /// The channel it came in on (a `Channel`).
    #[getter]
    fn channel<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        PyEnum::Channel.member(py, self.inner.channel.as_str())
    }

    /// The message's priority (its own, else its case's; a `Priority`), if one was given.
    #[getter]
    fn priority<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        crate::interaction::opt_priority(py, self.inner.priority)
    }

    /// When it came in (UTC).
    #[getter]
    fn received_at(&self) -> DateTime<Utc> {
        self.inner.received_at
    }

    /// When the first answer is due (UTC).
    #[getter]
    fn due(&self) -> DateTime<Utc> {
        self.inner.due
    }

    /// When the first outbound interaction after it happened, if any.
    #[getter]
    fn answered_at(&self) -> Option<DateTime<Utc>> {
        self.inner.answered_at
    }

    /// Due, fulfilled on time, or breached (a `PromiseState`).
    #[getter]
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        PyEnum::PromiseState.member(py, self.inner.state.as_str())
    }

    /// The status as a dict of plain values: str ids and enum values, tz-aware datetimes.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let p = &self.inner;
        let d = PyDict::new(py);
        d.set_item("interaction_id", p.interaction.to_string())?;
        d.set_item("customer_id", p.customer.to_string())?;
        d.set_item("kind", p.kind.as_str())?;
        d.set_item("channel", p.channel.as_str())?;
        d.set_item("priority", p.priority.map(|x| x.as_str()))?;
        d.set_item("received_at", p.received_at)?;
        d.set_item("due", p.due)?;
        d.set_item("answered_at", p.answered_at)?;
        d.set_item("state", p.state.as_str())?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "PromiseStatus(interaction_id={}, kind={}, due='{}', state={})",
            repr_str(&self.inner.interaction.to_string()),
            repr_str(self.inner.kind.as_str()),
            iso(&self.inner.due),
            repr_str(self.inner.state.as_str()),
        )
    }
}

// Pickling through the JSON form (crate::pickle).
crate::pickle::json_form!(AgendaItem, CoreItem);
crate::pickle::json_form!(AgendaSettings, CoreSettings);
crate::pickle::json_form!(BusinessCalendar, CoreCalendar);
crate::pickle::json_form!(PromiseStatus, CorePromise);

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<BusinessCalendar>()?;
    m.add_class::<AgendaSettings>()?;
    m.add_class::<AgendaItem>()?;
    m.add_class::<PromiseStatus>()
}
