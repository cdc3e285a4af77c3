//! The `Crm` class: a book of customers. Every method converts its arguments, calls the
//! core's `Crm`, and converts the result or the error.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use crm_core::consent::TouchCategory;
use crm_core::contact::{CountryCode, TimeZone};
use crm_core::dedup::OnDuplicate;
use crm_core::event::{self, Event};
use crm_core::id::{CaseId, CustomerId, FollowUpId, InteractionId};
use crm_core::interaction::{Channel, Direction, InteractionKind, TimelineQuery};
use crm_core::schedule::agenda::AgendaQuery;
use crm_core::schedule::followup::{FollowUpKind, NewFollowUp, Priority};
use crm_core::settings::SettingsChange;
use crm_core::{Crm as CoreCrm, CrmBuilder, MergeRequest, NewCustomer};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyIterator, PyList, PyString};

use crate::agenda::{AgendaItem, AgendaSettings, PromiseStatus};
use crate::arrow::ArrowTable;
use crate::clock::FixedClock;
use crate::conversion::{
    items, json_dumps, json_loads, opt_utc, parse_enum, serde_to_py, string, to_utc, type_name,
};
use crate::customer::{Customer, NewCustomerArgs, PatchArgs, Unset};
use crate::dedup::{self, MatchConfig};
use crate::errors::{self, OrRaise};
use crate::interaction::{Case, Interaction, InteractionArgs, LastContact};
use crate::lifecycle::LifecycleModel;
use crate::merge::{self, MergeInfo, MergeOutcome, MergePreview, UnmergeOutcome};
use crate::progress::PyObserver;
use crate::schedule::{ContactPolicy, Decision, FollowUp, consent_scope, consent_status};
use crate::{frame_out, frames};

/// Rows imported between two progress reports (and checks for Ctrl-C).
const IMPORT_CHUNK: usize = 16 * 1024;

/// A book of customers: every command is validated by the core, recorded as events and
/// applied; a command that fails changes nothing.
#[pyclass(module = "crm", name = "Crm")]
pub(crate) struct Crm {
    inner: CoreCrm,
}

fn customer_id(id: &str) -> PyResult<CustomerId> {
    CustomerId::parse(id).or_raise()
}

fn follow_up_id(id: &str) -> PyResult<FollowUpId> {
    FollowUpId::parse(id).or_raise()
}

/// A `time_zone` argument.
fn zone(name: &str) -> PyResult<TimeZone> {
    TimeZone::parse(name)
        .map_err(|e| e.with_field("time_zone"))
        .or_raise()
}

/// A builder configured from the keyword arguments shared by `Crm()` and `Crm.replay()`.
fn builder(
    clock: Option<&Bound<'_, FixedClock>>,
    seed: Option<u64>,
    default_region: Option<&str>,
    lifecycle: Option<&Bound<'_, LifecycleModel>>,
    contact_policy: Option<&Bound<'_, ContactPolicy>>,
    time_zone: Option<&str>,
    agenda_settings: Option<&Bound<'_, AgendaSettings>>,
) -> PyResult<CrmBuilder> {
    let mut b = CoreCrm::builder();
    if let Some(clock) = clock {
        b = b.clock(Arc::clone(&clock.get().inner) as Arc<dyn crm_core::clock::Clock>);
    }
    if let Some(seed) = seed {
        b = b.seed(seed);
    }
    if let Some(region) = default_region {
        let region = CountryCode::parse(region)
            .map_err(|e| e.with_field("default_region"))
            .or_raise()?;
        b = b.default_region(region);
    }
    if let Some(model) = lifecycle {
        b = b.lifecycle(model.get().inner.clone());
    }
    if let Some(policy) = contact_policy {
        b = b.contact_policy(policy.get().inner.clone());
    }
    if let Some(tz) = time_zone {
        b = b.time_zone(zone(tz)?);
    }
    if let Some(settings) = agenda_settings {
        b = b.agenda_settings(settings.get().inner.clone());
    }
    Ok(b)
}

/// The query of `Crm.agenda` and `Crm.agenda_frame`.
fn agenda_query(
    now: &Bound<'_, PyAny>,
    window: Duration,
    owner: Option<String>,
    channel: Option<&str>,
    stage: Option<String>,
    tag: Option<String>,
) -> PyResult<AgendaQuery> {
    let mut q = AgendaQuery::new(to_utc(now, "now")?, window);
    q.owner = owner;
    q.channel = channel.map(parse_enum::<Channel>).transpose()?;
    q.stage = stage;
    q.tag = tag;
    Ok(q)
}

fn customers(list: Vec<&crm_core::Customer>) -> Vec<Customer> {
    list.into_iter().map(Customer::new).collect()
}

/// The events of `Crm.replay`'s argument: JSON Lines text (or a JSON array), or an iterable
/// of mappings as `events()` returns them.
fn read_events(events: &Bound<'_, PyAny>) -> PyResult<Vec<Event>> {
    if let Ok(text) = events.cast::<PyString>() {
        return event::from_json_lines(&text.to_cow()?).or_raise();
    }
    if events.is_instance_of::<pyo3::types::PyBytes>() {
        return Err(PyTypeError::new_err(
            "events must be a str of JSON Lines or an iterable of mappings, not bytes; decode it first",
        ));
    }
    let iter = PyIterator::from_object(events).map_err(|_| {
        PyTypeError::new_err(format!(
            "events must be a str of JSON Lines or an iterable of mappings, not {}",
            type_name(events)
        ))
    })?;
    let mut out = Vec::new();
    for (i, item) in iter.enumerate() {
        let item = item?;
        let line = json_dumps(&item)?;
        out.push(
            Event::from_json(&line)
                .map_err(|e| e.at_row(i + 1))
                .or_raise()?,
        );
    }
    Ok(out)
}

#[pymethods]
impl Crm {
    #[new]
    #[pyo3(signature = (
        *, clock = None, seed = None, default_region = None, lifecycle = None,
        contact_policy = None, time_zone = None, agenda_settings = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        clock: Option<&Bound<'_, FixedClock>>,
        seed: Option<u64>,
        default_region: Option<&str>,
        lifecycle: Option<&Bound<'_, LifecycleModel>>,
        contact_policy: Option<&Bound<'_, ContactPolicy>>,
        time_zone: Option<&str>,
        agenda_settings: Option<&Bound<'_, AgendaSettings>>,
    ) -> PyResult<Self> {
        Ok(Self {
            inner: builder(
                clock,
                seed,
                default_region,
                lifecycle,
                contact_policy,
                time_zone,
                agenda_settings,
            )?
            .build(),
        })
    }

    /// Rebuilds a book from its journal: JSON Lines text (as `events_json()` writes it) or
    /// an iterable of event mappings (as `events()` returns them). The journal holds the
    /// book's settings; settings given here replace them (recorded with the next command).
    #[staticmethod]
    #[pyo3(signature = (
        events, *, clock = None, seed = None, default_region = None, lifecycle = None,
        contact_policy = None, time_zone = None, agenda_settings = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn replay(
        events: &Bound<'_, PyAny>,
        clock: Option<&Bound<'_, FixedClock>>,
        seed: Option<u64>,
        default_region: Option<&str>,
        lifecycle: Option<&Bound<'_, LifecycleModel>>,
        contact_policy: Option<&Bound<'_, ContactPolicy>>,
        time_zone: Option<&str>,
        agenda_settings: Option<&Bound<'_, AgendaSettings>>,
    ) -> PyResult<Self> {
        let events = read_events(events)?;
        let b = builder(
            clock,
            seed,
            default_region,
            lifecycle,
            contact_policy,
            time_zone,
            agenda_settings,
        )?;
        Ok(Self {
            inner: b.replay(events).or_raise()?,
        })
    }

    /// Loads a book from a snapshot taken by `snapshot_json()`, with the same options as
    /// `replay`. `journal` (JSON Lines text or an iterable of event mappings) adds the events
    /// recorded after the snapshot; it may be the whole journal, whose events up to the
    /// snapshot are not applied again. The loaded book equals the one the snapshot was taken
    /// of; its journal holds only `journal`.
    #[staticmethod]
    #[pyo3(signature = (
        snapshot, *, journal = None, clock = None, seed = None, default_region = None,
        lifecycle = None, contact_policy = None, time_zone = None, agenda_settings = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn from_snapshot(
        snapshot: &str,
        journal: Option<&Bound<'_, PyAny>>,
        clock: Option<&Bound<'_, FixedClock>>,
        seed: Option<u64>,
        default_region: Option<&str>,
        lifecycle: Option<&Bound<'_, LifecycleModel>>,
        contact_policy: Option<&Bound<'_, ContactPolicy>>,
        time_zone: Option<&str>,
        agenda_settings: Option<&Bound<'_, AgendaSettings>>,
    ) -> PyResult<Self> {
        let events = journal.map(read_events).transpose()?.unwrap_or_default();
        let b = builder(
            clock,
            seed,
            default_region,
            lifecycle,
            contact_policy,
            time_zone,
            agenda_settings,
        )?;
        Ok(Self {
            inner: b.from_snapshot_and_journal(snapshot, events).or_raise()?,
        })
    }

    // ----- commands ---------------------------------------------------------------------

    /// Creates a customer.
    #[pyo3(signature = (
        *, given_name = None, family_name = None, display_name = None, emails = None,
        phones = None, default_region = None, addresses = None, birthday = None,
        time_zone = None, tags = None, attributes = None, owner = None, source = None,
        company = None, stage = None, actor = None, id = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn create_customer<'py>(
        &mut self,
        given_name: Option<Bound<'py, PyAny>>,
        family_name: Option<Bound<'py, PyAny>>,
        display_name: Option<Bound<'py, PyAny>>,
        emails: Option<Bound<'py, PyAny>>,
        phones: Option<Bound<'py, PyAny>>,
        default_region: Option<Bound<'py, PyAny>>,
        addresses: Option<Bound<'py, PyAny>>,
        birthday: Option<Bound<'py, PyAny>>,
        time_zone: Option<Bound<'py, PyAny>>,
        tags: Option<Bound<'py, PyAny>>,
        attributes: Option<Bound<'py, PyAny>>,
        owner: Option<Bound<'py, PyAny>>,
        source: Option<Bound<'py, PyAny>>,
        company: Option<Bound<'py, PyAny>>,
        stage: Option<Bound<'py, PyAny>>,
        actor: Option<Bound<'py, PyAny>>,
        id: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Customer> {
        let new = NewCustomerArgs {
            given_name,
            family_name,
            display_name,
            emails,
            phones,
            default_region,
            addresses,
            birthday,
            time_zone,
            tags,
            attributes,
            owner,
            source,
            company,
            stage,
            actor,
            id,
        }
        .into_new()?;
        self.inner
            .create_customer(new)
            .or_raise()
            .map(Customer::new)
    }

    /// Creates many customers from mappings with the keys of `create_customer`. Valid rows
    /// are created; invalid ones are reported with their 1-based row number.
    ///
    /// Rows are imported in chunks with the GIL released; `progress` as for
    /// `find_duplicates` (stage `"import"`, counting rows; it is called before each chunk of
    /// 16,384 rows and once at the end). Ctrl-C or a callback that stops the import
    /// (raising, or returning `False`: `CancelledError`) keeps the rows of the chunks
    /// imported before it, as an import keeps the valid rows before an invalid one; the
    /// exception's `report` is their `ImportReport`. Stopping at the last call, when every
    /// row is in, stops nothing.
    #[pyo3(signature = (rows, *, progress = None))]
    fn import_customers(
        &mut self,
        py: Python<'_>,
        rows: &Bound<'_, PyAny>,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<ImportReport> {
        // Every row is converted first, so a row of the wrong Python type raises before
        // anything is imported.
        let new = dedup::plain_records(rows)?;
        let mut observer = PyObserver::new(progress)?;
        let total = new.len();
        let mut report = crm_core::ImportReport::default();
        let mut done = 0;
        let mut rows = new.into_iter();
        loop {
            let chunk: Vec<NewCustomer> = rows.by_ref().take(IMPORT_CHUNK).collect();
            if chunk.is_empty() {
                // The last report: everything is in, there is nothing left to stop.
                let _ = observer.report("import", done, total);
                if let Some(err) = observer.take_error() {
                    return Err(err);
                }
                break;
            }
            if observer.report("import", done, total).is_break() {
                // The rows of the chunks before stay imported (a command that succeeded is
                // never undone): the exception carries their report.
                let err = observer.take_error().unwrap_or_else(|| {
                    errors::to_py_err(&crm_core::Error::Cancelled {
                        operation: "import",
                        stage: "import",
                        done,
                        total,
                    })
                });
                let partial = import_report(py, &report)?;
                let _ = err.value(py).setattr("report", partial);
                return Err(err);
            }
            let n = chunk.len();
            let part = py.detach(|| self.inner.import_customers(chunk));
            // Row numbers of the chunk, as row numbers of the whole import.
            report.created.extend(part.created);
            report
                .rejected
                .extend(part.rejected.into_iter().map(|e| match e {
                    crm_core::Error::Row { row, source } => source.at_row(row + done),
                    other => other,
                }));
            report
                .duplicates
                .extend(part.duplicates.into_iter().map(|(row, c)| (row + done, c)));
            done += n;
        }
        import_report(py, &report)
    }

    /// Changes a customer's fields. Omitted arguments keep the field; `None` clears a
    /// clearable field; lists given replace the whole list.
    #[pyo3(signature = (
        id, *, given_name = Unset::Keep, family_name = Unset::Keep, display_name = Unset::Keep,
        emails = None, phones = None, default_region = None, addresses = None,
        birthday = Unset::Keep, time_zone = Unset::Keep, add_tags = None, remove_tags = None,
        set_attributes = None, remove_attributes = None, owner = Unset::Keep,
        source = Unset::Keep, company = Unset::Keep, actor = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn update_customer<'py>(
        &mut self,
        id: &str,
        given_name: Unset<'py>,
        family_name: Unset<'py>,
        display_name: Unset<'py>,
        emails: Option<Bound<'py, PyAny>>,
        phones: Option<Bound<'py, PyAny>>,
        default_region: Option<Bound<'py, PyAny>>,
        addresses: Option<Bound<'py, PyAny>>,
        birthday: Unset<'py>,
        time_zone: Unset<'py>,
        add_tags: Option<Bound<'py, PyAny>>,
        remove_tags: Option<Bound<'py, PyAny>>,
        set_attributes: Option<Bound<'py, PyAny>>,
        remove_attributes: Option<Bound<'py, PyAny>>,
        owner: Unset<'py>,
        source: Unset<'py>,
        company: Unset<'py>,
        actor: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Customer> {
        let id = customer_id(id)?;
        let patch = PatchArgs {
            given_name,
            family_name,
            display_name,
            emails,
            phones,
            default_region,
            addresses,
            birthday,
            time_zone,
            add_tags,
            remove_tags,
            set_attributes,
            remove_attributes,
            owner,
            source,
            company,
            actor,
        }
        .into_patch()?;
        self.inner
            .update_customer(id, patch)
            .or_raise()
            .map(Customer::new)
    }

    /// Moves a customer to another lifecycle stage. Moving back, or out of a side stage,
    /// needs a reason.
    #[pyo3(signature = (id, stage, *, reason = None, actor = None))]
    fn change_stage(
        &mut self,
        id: &str,
        stage: &str,
        reason: Option<&str>,
        actor: Option<&str>,
    ) -> PyResult<Customer> {
        let id = customer_id(id)?;
        self.inner
            .change_stage(id, stage, reason, actor)
            .or_raise()
            .map(Customer::new)
    }

    /// Logs an interaction. A complaint that names no case opens a new one.
    #[pyo3(signature = (
        customer_id, *, channel, direction, kind = "note", at = None, subject = None,
        body = None, outcome = None, actor = None, purchase = None, case_id = None,
        priority = None, id = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn log_interaction<'py>(
        &mut self,
        customer_id: &str,
        channel: &str,
        direction: &str,
        kind: &str,
        at: Option<Bound<'py, PyAny>>,
        subject: Option<String>,
        body: Option<String>,
        outcome: Option<String>,
        actor: Option<String>,
        purchase: Option<Bound<'py, PyAny>>,
        case_id: Option<&str>,
        priority: Option<&str>,
        id: Option<&str>,
    ) -> PyResult<Interaction> {
        let new = InteractionArgs {
            customer_id,
            channel,
            direction,
            kind,
            at: at.as_ref(),
            subject,
            body,
            outcome,
            actor,
            purchase: purchase.as_ref(),
            case_id,
            priority,
            id,
        }
        .into_new()?;
        self.inner
            .log_interaction(new)
            .or_raise()
            .map(Interaction::new)
    }

    /// Resolves an open case.
    #[pyo3(signature = (case_id, resolution, *, actor = None))]
    fn resolve_case(
        &mut self,
        case_id: &str,
        resolution: &str,
        actor: Option<&str>,
    ) -> PyResult<Case> {
        let id = CaseId::parse(case_id).or_raise()?;
        self.inner
            .resolve_case(id, resolution, actor)
            .or_raise()
            .map(Case::new)
    }

    // ----- reads ------------------------------------------------------------------------

    /// The customer with this id.
    fn customer(&self, id: &str) -> PyResult<Customer> {
        self.inner
            .customer(customer_id(id)?)
            .or_raise()
            .map(Customer::new)
    }

    /// The interaction with this id.
    fn interaction(&self, id: &str) -> PyResult<Interaction> {
        let id = InteractionId::parse(id).or_raise()?;
        self.inner.interaction(id).or_raise().map(Interaction::new)
    }

    /// The case with this id.
    fn case(&self, id: &str) -> PyResult<Case> {
        let id = CaseId::parse(id).or_raise()?;
        self.inner.case(id).or_raise().map(Case::new)
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyIterator>> {
        let list = PyList::new(py, self.inner.customers().map(Customer::new))?;
        PyIterator::from_object(&list)
    }

    fn __contains__(&self, id: &Bound<'_, PyAny>) -> bool {
        id.cast::<PyString>()
            .ok()
            .and_then(|s| s.to_cow().ok().and_then(|s| CustomerId::parse(&s).ok()))
            .is_some_and(|id| self.inner.customer(id).is_ok())
    }

    /// The customer holding this email (any case or formatting), or `None`.
    fn find_by_email(&self, email: &str) -> Option<Customer> {
        self.inner.find_by_email(email).map(Customer::new)
    }

    /// The customers holding this phone number (read with the book's default region).
    fn find_by_phone(&self, phone: &str) -> Vec<Customer> {
        customers(self.inner.find_by_phone(phone))
    }

    /// Customers with this tag (any case).
    fn customers_with_tag(&self, tag: &str) -> Vec<Customer> {
        customers(self.inner.customers_with_tag(tag))
    }

    /// Customers owned by `owner`.
    fn customers_owned_by(&self, owner: &str) -> Vec<Customer> {
        customers(self.inner.customers_owned_by(owner))
    }

    /// Customers now in `stage`.
    fn customers_in_stage(&self, stage: &str) -> PyResult<Vec<Customer>> {
        self.inner
            .customers_in_stage(stage)
            .or_raise()
            .map(customers)
    }

    /// How many customers are in each stage, in the model's order (a funnel).
    fn stage_counts(&self) -> Vec<(String, usize)> {
        self.inner
            .stage_counts()
            .into_iter()
            .map(|(s, n)| (s.as_str().to_owned(), n))
            .collect()
    }

    /// When the customer last entered `stage`, or `None`.
    fn entered_stage_at(&self, id: &str, stage: &str) -> PyResult<Option<DateTime<Utc>>> {
        self.inner
            .entered_stage_at(customer_id(id)?, stage)
            .or_raise()
    }

    /// Total time the customer has spent in `stage`, up to the clock's now.
    fn time_in_stage(&self, id: &str, stage: &str) -> PyResult<Duration> {
        self.inner.time_in_stage(customer_id(id)?, stage).or_raise()
    }

    /// The customer's interactions, oldest first, optionally only in `[start, end)`, on
    /// some channels, in one direction, of some kinds.
    #[pyo3(signature = (id, *, start = None, end = None, channels = None, direction = None, kinds = None))]
    fn timeline(
        &self,
        id: &str,
        start: Option<&Bound<'_, PyAny>>,
        end: Option<&Bound<'_, PyAny>>,
        channels: Option<&Bound<'_, PyAny>>,
        direction: Option<&str>,
        kinds: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<Interaction>> {
        let id = customer_id(id)?;
        let mut q = TimelineQuery::all();
        q.from = opt_utc(start, "start")?;
        q.to = opt_utc(end, "end")?;
        for c in items(channels)? {
            q.channels
                .push(parse_enum::<Channel>(&string(&c, "channels")?)?);
        }
        q.direction = direction.map(parse_enum::<Direction>).transpose()?;
        for k in items(kinds)? {
            q.kinds
                .push(parse_enum::<InteractionKind>(&string(&k, "kinds")?)?);
        }
        Ok(self
            .inner
            .timeline(id, &q)
            .or_raise()?
            .into_iter()
            .map(Interaction::new)
            .collect())
    }

    /// The latest contact with the customer: overall, inbound and outbound.
    fn last_contact(&self, id: &str) -> PyResult<LastContact> {
        let last = self.inner.last_contact(customer_id(id)?).or_raise()?;
        Ok(LastContact::new(&last))
    }

    /// How many outbound touches the customer got in `[start, end)`, on `channel` or on all.
    #[pyo3(signature = (id, start, end, channel = None))]
    fn outbound_touches(
        &self,
        id: &str,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
        channel: Option<&str>,
    ) -> PyResult<usize> {
        let id = customer_id(id)?;
        let start = to_utc(start, "start")?;
        let end = to_utc(end, "end")?;
        let channel = channel.map(parse_enum::<Channel>).transpose()?;
        self.inner
            .outbound_touches(id, start, end, channel)
            .or_raise()
    }

    /// The customer's cases, oldest first.
    fn cases_of(&self, id: &str) -> PyResult<Vec<Case>> {
        let list = self.inner.cases_of(customer_id(id)?).or_raise()?;
        Ok(list.into_iter().map(Case::new).collect())
    }

    /// Every open case, oldest first.
    fn open_cases(&self) -> Vec<Case> {
        self.inner.open_cases().into_iter().map(Case::new).collect()
    }

    /// The lifecycle model of the book.
    #[getter]
    fn lifecycle(&self) -> LifecycleModel {
        LifecycleModel {
            inner: self.inner.lifecycle().clone(),
        }
    }

    /// The region used for phone numbers written without `+country`, or `None`.
    #[getter]
    fn default_region(&self) -> Option<String> {
        self.inner.default_region().map(|r| r.as_str().to_owned())
    }

    /// The book's clock reading (UTC).
    fn now(&self) -> DateTime<Utc> {
        self.inner.clock_now()
    }

    // ----- scheduling -------------------------------------------------------------------

    /// Plans a follow-up (optionally repeating by an RRULE, in the customer's time zone).
    #[pyo3(signature = (
        customer_id, due, *, kind = "task", channel = None, priority = "normal", note = None,
        owner = None, recurrence = None, id = None, actor = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn schedule_follow_up(
        &mut self,
        customer_id: &str,
        due: &Bound<'_, PyAny>,
        kind: &str,
        channel: Option<&str>,
        priority: &str,
        note: Option<String>,
        owner: Option<String>,
        recurrence: Option<String>,
        id: Option<&str>,
        actor: Option<String>,
    ) -> PyResult<FollowUp> {
        let customer = self::customer_id(customer_id)?;
        let due = to_utc(due, "due")?;
        let mut new = NewFollowUp::new(customer, due, parse_enum::<FollowUpKind>(kind)?);
        new.channel = channel.map(parse_enum::<Channel>).transpose()?;
        new.priority = parse_enum::<Priority>(priority)?;
        new.note = note;
        new.owner = owner;
        new.recurrence = recurrence;
        new.id = id.map(follow_up_id).transpose()?;
        new.actor = actor;
        self.inner
            .schedule_follow_up(new)
            .or_raise()
            .map(FollowUp::new)
    }

    /// Moves an open or snoozed follow-up to a new due time.
    #[pyo3(signature = (id, due, *, actor = None))]
    fn reschedule_follow_up(
        &mut self,
        id: &str,
        due: &Bound<'_, PyAny>,
        actor: Option<&str>,
    ) -> PyResult<FollowUp> {
        let id = follow_up_id(id)?;
        let due = to_utc(due, "due")?;
        self.inner
            .reschedule_follow_up(id, due, actor)
            .or_raise()
            .map(FollowUp::new)
    }

    /// Puts a follow-up off until `until` (which must be in the future).
    #[pyo3(signature = (id, until, *, actor = None))]
    fn snooze_follow_up(
        &mut self,
        id: &str,
        until: &Bound<'_, PyAny>,
        actor: Option<&str>,
    ) -> PyResult<FollowUp> {
        let id = follow_up_id(id)?;
        let until = to_utc(until, "until")?;
        self.inner
            .snooze_follow_up(id, until, actor)
            .or_raise()
            .map(FollowUp::new)
    }

    /// Marks a follow-up done; returns the next occurrence of a recurring one, else `None`.
    #[pyo3(signature = (id, *, actor = None))]
    fn complete_follow_up(&mut self, id: &str, actor: Option<&str>) -> PyResult<Option<FollowUp>> {
        let id = follow_up_id(id)?;
        let next = self.inner.complete_follow_up(id, actor).or_raise()?;
        next.map(|n| self.inner.follow_up(n).or_raise().map(FollowUp::new))
            .transpose()
    }

    /// Calls a follow-up off (a recurring one ends with it).
    #[pyo3(signature = (id, *, actor = None))]
    fn cancel_follow_up(&mut self, id: &str, actor: Option<&str>) -> PyResult<FollowUp> {
        let id = follow_up_id(id)?;
        self.inner
            .cancel_follow_up(id, actor)
            .or_raise()
            .map(FollowUp::new)
    }

    /// The follow-up with this id.
    fn follow_up(&self, id: &str) -> PyResult<FollowUp> {
        self.inner
            .follow_up(follow_up_id(id)?)
            .or_raise()
            .map(FollowUp::new)
    }

    /// The customer's follow-ups (all statuses), by due time.
    fn follow_ups_of(&self, customer_id: &str) -> PyResult<Vec<FollowUp>> {
        let list = self
            .inner
            .follow_ups_of(self::customer_id(customer_id)?)
            .or_raise()?;
        Ok(list.into_iter().map(FollowUp::new).collect())
    }

    /// The customer's next pending follow-up, or `None`.
    fn next_planned_contact(&self, customer_id: &str) -> PyResult<Option<FollowUp>> {
        Ok(self
            .inner
            .next_planned_contact(self::customer_id(customer_id)?)
            .or_raise()?
            .map(FollowUp::new))
    }

    /// Pending follow-ups due before `until` (overdue ones included), by due time.
    fn due_follow_ups(&self, until: &Bound<'_, PyAny>) -> PyResult<Vec<FollowUp>> {
        let until = to_utc(until, "until")?;
        Ok(self
            .inner
            .due_follow_ups(until)
            .into_iter()
            .map(FollowUp::new)
            .collect())
    }

    /// Days since the last interaction of any direction (`None` if there was none).
    fn days_since_last_contact(&self, customer_id: &str) -> PyResult<Option<i64>> {
        self.inner
            .days_since_last_contact(self::customer_id(customer_id)?)
            .or_raise()
    }

    /// Records the customer's consent for a scope: `"marketing"`, `"do_not_contact"` or a
    /// channel name.
    #[pyo3(signature = (customer_id, scope, status, *, source = None, actor = None))]
    fn set_consent(
        &mut self,
        customer_id: &str,
        scope: &str,
        status: &str,
        source: Option<&str>,
        actor: Option<&str>,
    ) -> PyResult<Customer> {
        let customer = self::customer_id(customer_id)?;
        let scope = consent_scope(scope)?;
        let status = consent_status(status)?;
        self.inner
            .set_consent(customer, scope, status, source, actor)
            .or_raise()
            .map(Customer::new)
    }

    /// May we contact this customer on `channel` at `at` for a touch of `category`?
    #[pyo3(signature = (customer_id, channel, at, *, category = "service", override_reason = None))]
    fn can_contact(
        &self,
        customer_id: &str,
        channel: &str,
        at: &Bound<'_, PyAny>,
        category: &str,
        override_reason: Option<&str>,
    ) -> PyResult<Decision> {
        let customer = self::customer_id(customer_id)?;
        let channel = parse_enum::<Channel>(channel)?;
        let at = to_utc(at, "at")?;
        let category = parse_enum::<TouchCategory>(category)?;
        self.inner
            .can_contact(customer, channel, at, category, override_reason)
            .or_raise()
            .map(Decision::new)
    }

    /// The book's contact policy.
    #[getter]
    fn contact_policy(&self) -> ContactPolicy {
        ContactPolicy {
            inner: self.inner.contact_policy().clone(),
        }
    }

    /// The book's default time zone (IANA name), used for customers without one.
    #[getter]
    fn time_zone(&self) -> String {
        self.inner.default_time_zone().name().to_owned()
    }

    // ----- the agenda -------------------------------------------------------------------

    /// Every due or upcoming item before `now + window` (planned follow-ups, cadences,
    /// response promises, birthdays), each at its earliest allowed contact time, overdue
    /// first, then by priority, then by contact time.
    #[pyo3(signature = (
        now, window = Duration::days(7), *, owner = None, channel = None, stage = None, tag = None
    ))]
    fn agenda(
        &self,
        now: &Bound<'_, PyAny>,
        window: Duration,
        owner: Option<String>,
        channel: Option<&str>,
        stage: Option<String>,
        tag: Option<String>,
    ) -> PyResult<Vec<AgendaItem>> {
        let query = agenda_query(now, window, owner, channel, stage, tag)?;
        Ok(self
            .inner
            .agenda(&query)
            .or_raise()?
            .into_iter()
            .map(AgendaItem::new)
            .collect())
    }

    /// The agenda as a data frame, one row per item (an Arrow table built here, converted
    /// to `backend` by `crm._frames`).
    #[pyo3(signature = (
        now, window = Duration::days(7), *, owner = None, channel = None, stage = None,
        tag = None, backend = "pandas"
    ))]
    #[allow(clippy::too_many_arguments)]
    fn agenda_frame<'py>(
        &self,
        py: Python<'py>,
        now: &Bound<'py, PyAny>,
        window: Duration,
        owner: Option<String>,
        channel: Option<&str>,
        stage: Option<String>,
        tag: Option<String>,
        backend: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let query = agenda_query(now, window, owner, channel, stage, tag)?;
        let items = self.inner.agenda(&query).or_raise()?;
        frames::to_backend(py, frame_out::agenda(&items)?, backend)
    }

    // ----- data frames ------------------------------------------------------------------

    /// Loads customers from a table (pandas, polars, pyarrow: anything with
    /// `__arrow_c_stream__`) by `columns` (field → column name(s); by default the columns
    /// named like the fields). Returns `(accepted, ids, rejects)` as Arrow tables; see
    /// `crm.Crm.load_frame` (`crm._frames`) for the public form.
    #[pyo3(signature = (frame, columns = None, *, attributes = None, actor = None))]
    fn _load_frame(
        &mut self,
        py: Python<'_>,
        frame: &Bound<'_, PyAny>,
        columns: Option<&Bound<'_, PyAny>>,
        attributes: Option<&Bound<'_, PyAny>>,
        actor: Option<&str>,
    ) -> PyResult<(usize, ArrowTable, ArrowTable, ArrowTable)> {
        frames::load(py, &mut self.inner, frame, columns, attributes, actor)
    }

    /// Loads customers from a table; returns a `FrameLoad` (see `crm._frames.load_frame`).
    #[pyo3(signature = (frame, columns = None, *, attributes = None, actor = None, backend = "pandas"))]
    fn load_frame<'py>(
        slf: &Bound<'py, Self>,
        frame: &Bound<'py, PyAny>,
        columns: Option<&Bound<'py, PyAny>>,
        attributes: Option<&Bound<'py, PyAny>>,
        actor: Option<&str>,
        backend: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let kwargs = pyo3::types::PyDict::new(py);
        kwargs.set_item("attributes", attributes)?;
        kwargs.set_item("actor", actor)?;
        kwargs.set_item("backend", backend)?;
        py.import("crm._frames")?
            .getattr("load_frame")?
            .call((slf, frame, columns), Some(&kwargs))
    }

    /// The customers as a data frame, one row per customer in id order (the columns
    /// `load_frame` reads, then `primary_email`, `created_at`, `updated_at` and one column
    /// per custom attribute). The first postal address goes in the `address_*` columns, a
    /// further one labelled `work` in the `work_address_*` columns. A flat view for
    /// analysis: other addresses, phone kinds and the emails' normal forms (the column holds
    /// them as written) are not in it, so `load_frame` of it is not the same book; the
    /// journal or a snapshot is.
    #[pyo3(signature = (*, backend = "pandas"))]
    fn customers_frame<'py>(&self, py: Python<'py>, backend: &str) -> PyResult<Bound<'py, PyAny>> {
        frames::to_backend(py, frame_out::customers(&self.inner)?, backend)
    }

    /// Every interaction as a data frame, by customer then time.
    #[pyo3(signature = (*, backend = "pandas"))]
    fn interactions_frame<'py>(
        &self,
        py: Python<'py>,
        backend: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        frames::to_backend(py, frame_out::interactions(&self.inner)?, backend)
    }

    /// The duplicate customers of the book as tables: `(pairs, groups, stats)`, keyed by
    /// customer id (see `crm.Crm.duplicates_frames`).
    #[pyo3(signature = (config = None))]
    fn _duplicates_frames<'py>(
        &self,
        py: Python<'py>,
        config: Option<&Bound<'py, MatchConfig>>,
    ) -> PyResult<(ArrowTable, ArrowTable, Bound<'py, PyAny>)> {
        let config = dedup::config_or_default(config);
        let scan = py
            .detach(|| self.inner.find_duplicates(&config))
            .or_raise()?;
        let (pairs, groups) = py.detach(|| (frame_out::pairs(&scan), frame_out::groups(&scan)));
        Ok((pairs?, groups?, serde_to_py(py, &scan.stats)?))
    }

    /// The duplicate customers of the book as data frames (`DuplicateFrames`).
    #[pyo3(signature = (config = None, *, backend = "pandas"))]
    fn duplicates_frames<'py>(
        slf: &Bound<'py, Self>,
        config: Option<&Bound<'py, MatchConfig>>,
        backend: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let (pairs, groups, stats) = slf.borrow()._duplicates_frames(py, config)?;
        py.import("crm._frames")?
            .getattr("_duplicate_frames")?
            .call1((pairs, groups, stats, backend))
    }

    /// The promised responses to the customer's inbound inquiries and complaints, oldest
    /// first, with their state at the book's clock (empty when the book makes no promise).
    fn response_promises(&self, customer_id: &str) -> PyResult<Vec<PromiseStatus>> {
        let list = self
            .inner
            .response_promises(self::customer_id(customer_id)?)
            .or_raise()?;
        Ok(list.into_iter().map(PromiseStatus::new).collect())
    }

    /// Changes the book's settings (each one given replaces the book's) and records the change
    /// in the journal, so that `Crm.replay` reproduces it.
    #[pyo3(signature = (*, agenda_settings = None, contact_policy = None, time_zone = None, actor = None))]
    fn change_settings(
        &mut self,
        agenda_settings: Option<&Bound<'_, AgendaSettings>>,
        contact_policy: Option<&Bound<'_, ContactPolicy>>,
        time_zone: Option<&str>,
        actor: Option<&str>,
    ) -> PyResult<()> {
        let mut change = SettingsChange::default();
        if let Some(s) = agenda_settings {
            change = change.with_agenda(s.get().inner.clone());
        }
        if let Some(p) = contact_policy {
            change = change.with_contact_policy(p.get().inner.clone());
        }
        if let Some(tz) = time_zone {
            change = change.with_time_zone(zone(tz)?);
        }
        self.inner.change_settings(change, actor).or_raise()?;
        Ok(())
    }

    /// The book's agenda settings.
    #[getter]
    fn agenda_settings(&self) -> AgendaSettings {
        AgendaSettings {
            inner: self.inner.agenda_settings().clone(),
        }
    }

    // ----- duplicates -------------------------------------------------------------------

    /// Finds duplicate customers in the book (GIL released while matching); pairs and groups
    /// name customers by id. `progress` as for `crm.find_duplicates`.
    #[pyo3(signature = (config = None, *, progress = None))]
    fn find_duplicates<'py>(
        &self,
        py: Python<'py>,
        config: Option<&Bound<'py, MatchConfig>>,
        progress: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let config = dedup::config_or_default(config);
        let mut observer = PyObserver::new(progress)?;
        let scan = py.detach(|| {
            self.inner
                .find_duplicates_with(&config, &mut |s, d, t| observer.observe(s, d, t))
        });
        let scan = observer.finish(py, scan)?;
        dedup::scan_to_py(py, &scan)
    }

    /// Customers that may be the same as `record` (a mapping with `create_customer`'s keys,
    /// not added to the book), strongest first (GIL released while matching).
    #[pyo3(signature = (record, config = None))]
    fn check_duplicates<'py>(
        &self,
        py: Python<'py>,
        record: &Bound<'py, PyAny>,
        config: Option<&Bound<'py, MatchConfig>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let config = dedup::config_or_default(config);
        let new = NewCustomerArgs::from_mapping(record, "record")?.into_new()?;
        let found = py
            .detach(|| self.inner.check_duplicates(&new, &config))
            .or_raise()?;
        serde_to_py(py, &found)
    }

    /// Checks every new customer (`create_customer`, `create_customer_checked`,
    /// `import_customers`) against the book from now on, with `config`, doing `on_duplicate`
    /// (`"warn"`, `"block"` or `"merge"`) with a match; `None` turns the check off.
    #[pyo3(signature = (config, on_duplicate = "warn"))]
    fn set_duplicate_guard(
        &mut self,
        config: Option<&Bound<'_, MatchConfig>>,
        on_duplicate: &str,
    ) -> PyResult<()> {
        let on_duplicate = parse_enum::<OnDuplicate>(on_duplicate)?;
        let guard = config.map(|c| (c.get().inner.clone(), on_duplicate));
        self.inner.set_duplicate_guard(guard).or_raise()
    }

    /// The duplicate check's configuration and policy, or `None` without one.
    #[getter]
    fn duplicate_guard(&self) -> Option<(MatchConfig, &'static str)> {
        self.inner.duplicate_guard().map(|(config, on_duplicate)| {
            (
                MatchConfig {
                    inner: config.clone(),
                },
                on_duplicate.as_str(),
            )
        })
    }

    /// Creates a customer (the arguments of `create_customer`) under the duplicate guard and
    /// reports what the check found and did: `id` (the customer that holds the record now),
    /// `candidates` and `merged_into`.
    #[pyo3(signature = (
        *, given_name = None, family_name = None, display_name = None, emails = None,
        phones = None, default_region = None, addresses = None, birthday = None,
        time_zone = None, tags = None, attributes = None, owner = None, source = None,
        company = None, stage = None, actor = None, id = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn create_customer_checked<'py>(
        &mut self,
        py: Python<'py>,
        given_name: Option<Bound<'py, PyAny>>,
        family_name: Option<Bound<'py, PyAny>>,
        display_name: Option<Bound<'py, PyAny>>,
        emails: Option<Bound<'py, PyAny>>,
        phones: Option<Bound<'py, PyAny>>,
        default_region: Option<Bound<'py, PyAny>>,
        addresses: Option<Bound<'py, PyAny>>,
        birthday: Option<Bound<'py, PyAny>>,
        time_zone: Option<Bound<'py, PyAny>>,
        tags: Option<Bound<'py, PyAny>>,
        attributes: Option<Bound<'py, PyAny>>,
        owner: Option<Bound<'py, PyAny>>,
        source: Option<Bound<'py, PyAny>>,
        company: Option<Bound<'py, PyAny>>,
        stage: Option<Bound<'py, PyAny>>,
        actor: Option<Bound<'py, PyAny>>,
        id: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let new = NewCustomerArgs {
            given_name,
            family_name,
            display_name,
            emails,
            phones,
            default_region,
            addresses,
            birthday,
            time_zone,
            tags,
            attributes,
            owner,
            source,
            company,
            stage,
            actor,
            id,
        }
        .into_new()?;
        let checked = self.inner.create_customer_checked(new).or_raise()?;
        serde_to_py(py, &checked)
    }

    // ----- journal ----------------------------------------------------------------------

    /// The journal as JSON Lines (one event per line), for `Crm.replay`.
    fn events_json(&self) -> String {
        event::to_json_lines(self.inner.events())
    }

    /// The book's state as a JSON snapshot (every record, the settings and the journal
    /// position), for `Crm.from_snapshot`. Clock, seed, lifecycle model and default region
    /// are options, not state: give them again when loading.
    fn snapshot_json(&self) -> String {
        self.inner.snapshot_json()
    }

    /// The journal as a list of dicts (the JSON form of each event).
    fn events<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for e in self.inner.events() {
            list.append(json_loads(py, &e.to_json())?)?;
        }
        Ok(list)
    }

    // ----- merging ----------------------------------------------------------------------

    /// What merging `others` into `survivor` by `plan` would give: the merged customer,
    /// where each field came from and what would move. Changes nothing. With the `actor`
    /// the merge will name, the preview equals its result (a stage change the merge adds
    /// names its actor).
    #[pyo3(signature = (survivor, others, plan = None, *, actor = None))]
    fn merge_preview(
        &self,
        survivor: &str,
        others: &Bound<'_, PyAny>,
        plan: Option<&Bound<'_, PyAny>>,
        actor: Option<&str>,
    ) -> PyResult<MergePreview> {
        let mut request = MergeRequest::new(customer_id(survivor)?, merge::others(others)?)
            .with_plan(merge::plan(plan)?);
        if let Some(a) = actor {
            request = request.by(a);
        }
        self.inner
            .preview_merge(&request)
            .or_raise()
            .map(MergePreview::new)
    }

    /// Merges `others` into `survivor` by `plan` (a mapping; default: the survivor's values
    /// unless empty, every email, phone, address and tag, the furthest stage): one journal
    /// event with `reason`, `scores` (any JSON-able value) and `actor`.
    #[pyo3(signature = (survivor, others, *, plan = None, reason = None, scores = None, actor = None))]
    fn merge(
        &mut self,
        survivor: &str,
        others: &Bound<'_, PyAny>,
        plan: Option<&Bound<'_, PyAny>>,
        reason: Option<&str>,
        scores: Option<&Bound<'_, PyAny>>,
        actor: Option<&str>,
    ) -> PyResult<MergeOutcome> {
        let mut request = MergeRequest::new(customer_id(survivor)?, merge::others(others)?)
            .with_plan(merge::plan(plan)?);
        if let Some(r) = reason {
            request = request.because(r);
        }
        if let Some(s) = merge::scores(scores)? {
            request = request.with_scores(s);
        }
        if let Some(a) = actor {
            request = request.by(a);
        }
        self.inner.merge(request).or_raise().map(MergeOutcome::new)
    }

    /// Undoes a merge: the absorbed customers come back as they were, with every item that
    /// moved; the survivor's fields go back unless they changed since (`kept` names those).
    #[pyo3(signature = (merge_id, *, reason = None, actor = None))]
    fn unmerge(
        &mut self,
        merge_id: &str,
        reason: Option<&str>,
        actor: Option<&str>,
    ) -> PyResult<UnmergeOutcome> {
        self.inner
            .unmerge(merge::merge_id(merge_id)?, reason, actor)
            .or_raise()
            .map(UnmergeOutcome::new)
    }

    /// The merges, oldest first (undone ones included); with `customer_id`, those that kept
    /// or absorbed that customer: where to find the `merge_id` to undo.
    #[pyo3(signature = (customer_id = None))]
    fn merges(&self, customer_id: Option<&str>) -> PyResult<Vec<MergeInfo>> {
        Ok(match customer_id {
            Some(id) => self
                .inner
                .merges_of(self::customer_id(id)?)
                .map(MergeInfo::new)
                .collect(),
            None => self.inner.merges().map(MergeInfo::new).collect(),
        })
    }

    /// The customer that now holds the data of the merged customer `id` (after any later
    /// merges), or `None` when it was not merged.
    fn merged_into(&self, id: &str) -> PyResult<Option<String>> {
        Ok(self
            .inner
            .merged_into(customer_id(id)?)
            .map(|c| c.to_string()))
    }

    /// Two books are equal when their states are (a replayed book equals its original).
    fn __eq__(&self, other: &Self) -> bool {
        self.inner.state() == other.inner.state()
    }

    fn __repr__(&self) -> String {
        format!(
            "Crm(customers={}, events={})",
            self.inner.len(),
            self.inner.events().len()
        )
    }
}

/// The outcome of `Crm.import_customers`.
#[pyclass(module = "crm", name = "ImportReport", frozen)]
pub(crate) struct ImportReport {
    created: Vec<String>,
    rejected: Vec<Py<PyAny>>,
    duplicates: Vec<(usize, Py<PyAny>)>,
}

/// The Python `ImportReport` of a core one.
fn import_report(py: Python<'_>, report: &crm_core::ImportReport) -> PyResult<ImportReport> {
    let rejected = report
        .rejected
        .iter()
        .map(|e| errors::exception(py, e).map(Bound::unbind))
        .collect::<PyResult<Vec<_>>>()?;
    let duplicates = report
        .duplicates
        .iter()
        .map(|(row, checked)| Ok((*row, serde_to_py(py, checked)?.unbind())))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(ImportReport {
        created: report.created.iter().map(ToString::to_string).collect(),
        rejected,
        duplicates,
    })
}

#[pymethods]
impl ImportReport {
    /// Ids of the customers created, in row order (under a merging duplicate guard, a
    /// merged row gives the id of the customer it was merged into).
    #[getter]
    fn created(&self) -> Vec<String> {
        self.created.clone()
    }

    /// One `CrmError` per rejected row, with `.row` set (1-based).
    #[getter]
    fn rejected<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.rejected.iter().map(|e| e.bind(py)))
    }

    /// Under a duplicate guard: `(row, checked)` per row (1-based) that matched or may match
    /// existing customers, `checked` as `create_customer_checked` returns it.
    #[getter]
    fn duplicates<'py>(&self, py: Python<'py>) -> Vec<(usize, Bound<'py, PyAny>)> {
        self.duplicates
            .iter()
            .map(|(row, checked)| (*row, checked.bind(py).clone()))
            .collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "ImportReport(created={}, rejected={})",
            self.created.len(),
            self.rejected.len()
        )
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Crm>()?;
    m.add_class::<ImportReport>()
}
