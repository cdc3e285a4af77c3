//! The [`Crm`] facade: commands in, events out, state as a fold, reads through indexes.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use crate::clock::{Clock, SystemClock};
use crate::contact::TimeZone;
use crate::contact::{CountryCode, Email, Phone};
use crate::customer::{self, Context, Customer, CustomerPatch, NewCustomer};
use crate::error::{Error, Result};
use crate::event::{Event, EventKind, SCHEMA_VERSION};
use crate::id::{CaseId, CustomerId, IdGenerator, InteractionId};
use crate::interaction::Channel;
use crate::interaction::{
    Case, CaseStatus, Direction, Interaction, InteractionKind, LastContact, NewInteraction,
    TimelineQuery, free_text,
};
use crate::journal::{Journal, MemoryJournal};
use crate::lifecycle::{LifecycleModel, Stage, StageChange};
use crate::schedule::agenda::AgendaSettings;
use crate::schedule::policy::ContactPolicy;
use crate::settings::{Settings, SettingsChange};
use crate::state::{Pending, State};

mod duplicates;
pub use duplicates::{CheckedCreate, OnDuplicate};
mod configure;
mod import;
mod snapshot;

/// A book of customers: the entry point of the crate.
///
/// Every command validates against the current state, records its events in the journal
/// and then applies them; a command that fails changes nothing. Every timestamp comes from
/// the book's [`Clock`], every id from its [`IdGenerator`].
///
/// ```
/// use std::sync::Arc;
/// use chrono::{TimeZone, Utc};
/// use crm_core::{clock::FixedClock, Crm, NewCustomer};
/// use crm_core::interaction::{Channel, Direction, InteractionKind, NewInteraction};
///
/// let clock = Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap()));
/// let mut crm = Crm::builder().clock(clock.clone()).seed(42).build();
/// let ada = crm
///     .create_customer(NewCustomer::default().with_name("Ada", "Lovelace").with_email("ada@example.com"))?
///     .id;
/// crm.change_stage(ada, "customer", None, Some("sam"))?;
/// crm.log_interaction(NewInteraction::new(ada, Channel::Phone, Direction::Outbound, InteractionKind::Note))?;
///
/// assert_eq!(crm.customer(ada)?.stage.as_str(), "customer");
/// assert_eq!(crm.find_by_email("ADA@example.com").map(|c| c.id), Some(ada));
/// // The journal rebuilds the same book.
/// let again = Crm::replay(crm.events().to_vec())?;
/// assert_eq!(again.state(), crm.state());
/// # Ok::<(), crm_core::Error>(())
/// ```
#[derive(Debug)]
pub struct Crm {
    state: State,
    clock: Arc<dyn Clock>,
    ids: IdGenerator,
    journal: Box<dyn Journal>,
    model: LifecycleModel,
    default_region: Option<CountryCode>,
    /// The duplicate check on create and import, when one is set.
    guard: Option<Box<duplicates::Guard>>,
    /// Settings given to the builder that the journal does not hold yet: in effect already,
    /// recorded with the next command.
    unrecorded: Option<SettingsChange>,
}

/// Sets up a [`Crm`]: clock, id seed, journal, lifecycle model, default phone region.
#[derive(Debug, Default)]
#[must_use]
pub struct CrmBuilder {
    clock: Option<Arc<dyn Clock>>,
    seed: Option<u64>,
    journal: Option<Box<dyn Journal>>,
    model: Option<LifecycleModel>,
    default_region: Option<CountryCode>,
    policy: Option<ContactPolicy>,
    time_zone: Option<TimeZone>,
    agenda: Option<AgendaSettings>,
}

impl CrmBuilder {
    /// Reads time from `clock` (default: the system clock).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = Some(clock);
        self
    }

    /// Makes ids from a seeded generator, for reproducible books (default: random seed).
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// Sends events to `journal` (default: a [`MemoryJournal`]).
    pub fn journal(mut self, journal: Box<dyn Journal>) -> Self {
        self.journal = Some(journal);
        self
    }

    /// Uses a custom lifecycle model (default: [`LifecycleModel::default`]).
    pub fn lifecycle(mut self, model: LifecycleModel) -> Self {
        self.model = Some(model);
        self
    }

    /// Reads phone numbers written without `+country` as numbers of `region`.
    pub fn default_region(mut self, region: CountryCode) -> Self {
        self.default_region = Some(region);
        self
    }

    /// Applies `policy` (frequency caps, minimum gap, quiet hours, weekends) to
    /// [`Crm::can_contact`] (default: [`ContactPolicy::default`]). Like every setting, it is
    /// recorded in the journal (see [`settings`](crate::settings)).
    pub fn contact_policy(mut self, policy: ContactPolicy) -> Self {
        self.policy = Some(policy);
        self
    }

    /// The time zone of customers who have none (default: UTC); recorded in the journal.
    pub fn time_zone(mut self, tz: TimeZone) -> Self {
        self.time_zone = Some(tz);
        self
    }

    /// What the agenda includes besides planned follow-ups: cadences, response promises,
    /// birthday reminders (default: [`AgendaSettings::default`]); recorded in the journal.
    pub fn agenda_settings(mut self, settings: AgendaSettings) -> Self {
        self.agenda = Some(settings);
        self
    }

    /// The book. Settings given to the builder are recorded in the journal with its first
    /// command.
    pub fn build(self) -> Crm {
        let (mut crm, wanted) = self.parts();
        crm.adopt(wanted);
        crm
    }

    /// The book without the settings given to the builder, and those settings.
    fn parts(mut self) -> (Crm, SettingsChange) {
        let wanted = SettingsChange {
            agenda: self.agenda.take().map(Box::new),
            contact_policy: self.policy.take().map(Box::new),
            time_zone: self.time_zone.take(),
        };
        let crm = Crm {
            state: State::default(),
            clock: self.clock.unwrap_or_else(|| Arc::new(SystemClock)),
            ids: self
                .seed
                .map_or_else(IdGenerator::random, IdGenerator::seeded),
            journal: self
                .journal
                .unwrap_or_else(|| Box::new(MemoryJournal::new())),
            model: self.model.unwrap_or_default(),
            default_region: self.default_region,
            guard: None,
            unrecorded: None,
        };
        (crm, wanted)
    }

    /// Rebuilds a book from its events (in journal order), then keeps recording into this
    /// builder's journal, which receives the replayed events first.
    ///
    /// The journal's settings apply; settings given to this builder that differ from them
    /// replace them, and are recorded with the next command.
    ///
    /// The lifecycle model is not in the journal: give the builder the model the book was
    /// kept with.
    ///
    /// # Errors
    /// [`Error::Decode`] for an event of a newer schema, out of sequence or after a gap in
    /// the sequence (an event missing), or a customer in a stage the builder's lifecycle
    /// model does not have; or whatever the journal reports. Nothing is written to the
    /// builder's journal then.
    pub fn replay(self, events: impl IntoIterator<Item = Event>) -> Result<Crm> {
        self.load(State::default(), events.into_iter().collect(), "journal")
    }
}

/// The outcome of a bulk import: what was created and what was rejected, with row numbers.
/// Serializes as `{created, rejected, duplicates}`: each error as [`Error`] serializes
/// (`code`, `kind`, `message`, `field`, `value`, `row`) and each duplicate as
/// `[row, checked]`.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct ImportReport {
    /// Ids of the customers created, in row order (under a merging duplicate guard, a
    /// merged row gives the id of the customer it was merged into).
    pub created: Vec<CustomerId>,
    /// One [`Error::Row`] per rejected row (1-based).
    pub rejected: Vec<Error>,
    /// Under a duplicate guard (`Crm::set_duplicate_guard`): per row (1-based) that
    /// matched or may match existing customers, what the check found and did.
    pub duplicates: Vec<(usize, CheckedCreate)>,
}

/// A new customer's row validated on its own: everything that does not depend on the book.
/// What remains (emails held by others, a taken id) is checked by `Crm::insert`.
///
/// (The record itself is built by `insert`: in a pipelined import that is the thread that
/// frees the rows, whose memory the records then reuse.)
struct NewRecord {
    changes: customer::CustomerChanges,
    tags: customer::Tags,
    stage: Stage,
    /// The id asked for, if any.
    id: Option<CustomerId>,
    actor: Option<String>,
}

impl NewRecord {
    /// `shared` gives the text a tag has in the book.
    fn validate(
        new: &NewCustomer,
        ctx: Context,
        model: &LifecycleModel,
        shared: impl FnMut(&str) -> Arc<str>,
    ) -> Result<NewRecord> {
        let (changes, tags) = customer::validate_new(new, ctx, shared)?;
        let stage = match new
            .stage
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(s) => model.stage(s)?,
            None => model.initial().clone(),
        };
        Ok(NewRecord {
            changes,
            tags,
            stage,
            id: new.id,
            actor: Crm::actor(new.actor.as_deref()),
        })
    }
}

impl Default for Crm {
    fn default() -> Self {
        Self::new()
    }
}

impl Crm {
    /// An empty book with the system clock, random ids, an in-memory journal and the
    /// default lifecycle model.
    pub fn new() -> Self {
        CrmBuilder::default().build()
    }

    /// A builder to choose clock, seed, journal, lifecycle model and default region.
    pub fn builder() -> CrmBuilder {
        CrmBuilder::default()
    }

    /// Rebuilds a default-configured book from its events. See [`CrmBuilder::replay`].
    ///
    /// # Errors
    /// As [`CrmBuilder::replay`].
    pub fn replay(events: impl IntoIterator<Item = Event>) -> Result<Crm> {
        CrmBuilder::default().replay(events)
    }

    // ----- plumbing -------------------------------------------------------------------

    fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// A fresh id for something made at `at`.
    pub(crate) fn next_uuid(&mut self, at: DateTime<Utc>) -> uuid::Uuid {
        self.ids.next_uuid(at)
    }

    /// Checks that every stage the state holds (customers' stages now and before) is one of
    /// the lifecycle model's: a book replayed or loaded with another model than its own
    /// would hold customers in stages it cannot move them from.
    fn check_stages(&self, what: &str) -> Result<()> {
        // A model has a handful of stages: a scan of them needs no set.
        let known = |s: &Stage| self.model.stages().any(|k| k == s);
        for c in self.state.customers.values() {
            let held = std::iter::once(&c.stage).chain(
                c.stage_history
                    .iter()
                    .flat_map(|ch| ch.from.iter().chain(std::iter::once(&ch.to))),
            );
            if let Some(stage) = held.into_iter().find(|s| !known(s)) {
                return Err(Error::Decode {
                    what: what.to_owned(),
                    reason: format!(
                        "customer {} has been in stage \"{}\", which the lifecycle model \"{}\" \
                         does not have: load the book with the lifecycle model it was kept with",
                        c.id,
                        stage.as_str(),
                        self.model.name()
                    ),
                });
            }
        }
        Ok(())
    }

    /// Makes sure the id generator never hands out an id the state holds (after a replay or
    /// a snapshot).
    fn observe_ids(&mut self) {
        let state = &self.state;
        let ids = state
            .customers
            .keys()
            .map(|id| *id.as_uuid())
            .chain(state.interactions.keys().map(|id| *id.as_uuid()))
            .chain(state.cases.keys().map(|id| *id.as_uuid()))
            .chain(state.follow_ups.keys().map(|id| *id.as_uuid()))
            .chain(state.merges.keys().map(|id| *id.as_uuid()));
        for id in ids {
            self.ids.observe(id);
        }
    }

    /// Records and applies the events of one command, on behalf of `actor`.
    pub(crate) fn commit_events(
        &mut self,
        actor: Option<&str>,
        kinds: Vec<EventKind>,
    ) -> Result<()> {
        self.commit(Self::actor(actor), kinds)
    }

    /// The contact policy [`Crm::can_contact`] applies.
    pub fn contact_policy(&self) -> &ContactPolicy {
        &self.state.settings.contact_policy
    }

    /// The time zone of customers who have none.
    pub fn default_time_zone(&self) -> TimeZone {
        self.state.settings.time_zone
    }

    /// What the agenda includes besides planned follow-ups.
    pub fn agenda_settings(&self) -> &AgendaSettings {
        &self.state.settings.agenda
    }

    /// The book's settings (agenda, contact policy, default time zone).
    pub fn settings(&self) -> &Settings {
        &self.state.settings
    }

    fn ctx(&self) -> Context {
        Context {
            default_region: self.default_region,
        }
    }

    /// Records and applies the one event of a command. The journal sees it first; if it
    /// fails, nothing is applied.
    fn commit_one(
        &mut self,
        at: DateTime<Utc>,
        actor: Option<String>,
        event: EventKind,
        pending: Option<&mut Pending>,
    ) -> Result<()> {
        self.record_settings(at)?;
        let event = Event {
            v: SCHEMA_VERSION,
            seq: self.state.last_seq + 1,
            at,
            actor,
            event,
        };
        self.journal.append(std::slice::from_ref(&event))?;
        self.state.apply_with(&event, pending);
        self.sync_guard(&event);
        Ok(())
    }

    /// Records and applies the events of one command. The journal sees them first; if it
    /// fails, nothing is applied.
    fn commit(&mut self, actor: Option<String>, kinds: Vec<EventKind>) -> Result<()> {
        self.commit_at(self.now(), actor, kinds)
    }

    /// [`Crm::commit`] at a given time.
    pub(crate) fn commit_at(
        &mut self,
        at: DateTime<Utc>,
        actor: Option<String>,
        kinds: Vec<EventKind>,
    ) -> Result<()> {
        self.record_settings(at)?;
        let first = self.state.last_seq + 1;
        let events: Vec<Event> = kinds
            .into_iter()
            .zip(first..)
            .map(|(event, seq)| Event {
                v: SCHEMA_VERSION,
                seq,
                at,
                actor: actor.clone(),
                event,
            })
            .collect();
        self.journal.append(&events)?;
        for e in &events {
            self.state.apply(e);
            self.sync_guard(e);
        }
        Ok(())
    }

    fn check_emails_free(&self, emails: &[Email], me: Option<CustomerId>) -> Result<()> {
        for e in emails {
            if let Some(holder) = self
                .state
                .holders_of_email(e.normalized())
                .find(|c| Some(c.id) != me)
            {
                return Err(Error::Conflict {
                    field: "email".to_owned(),
                    value: e.normalized().to_owned(),
                    holder: holder.id.to_string(),
                });
            }
        }
        Ok(())
    }

    fn actor(a: Option<&str>) -> Option<String> {
        a.map(crate::contact::text::clean).filter(|s| !s.is_empty())
    }

    // ----- commands -------------------------------------------------------------------

    /// Creates a customer and returns it.
    ///
    /// Under a duplicate guard ([`Crm::set_duplicate_guard`]) the record is first checked
    /// against the book: with [`OnDuplicate::Block`](crate::dedup::OnDuplicate::Block) a
    /// match is an [`Error::Duplicate`]; with
    /// [`OnDuplicate::Merge`](crate::dedup::OnDuplicate::Merge) the record is merged into
    /// its match and the customer returned is that match, not a new one (compare ids, or
    /// call [`Crm::create_customer_checked`], which says so in `merged_into`).
    ///
    /// # Errors
    /// A validation error naming the field (`emails[1]`, `phones[0]`, `birthday`,
    /// `time_zone`, `stage`, …); [`Error::Conflict`] when another customer already holds one
    /// of the emails (naming that customer), or the id is taken; [`Error::Duplicate`] under
    /// a guard that blocks duplicates.
    pub fn create_customer(&mut self, new: NewCustomer) -> Result<&Customer> {
        let id = if self.guarded() {
            self.create_customer_checked(new)?.id
        } else {
            self.create(&new)?
        };
        self.customer(id)
    }

    /// Creates a customer; returns its id.
    fn create(&mut self, new: &NewCustomer) -> Result<CustomerId> {
        let index = &self.state.index;
        let record = NewRecord::validate(new, self.ctx(), &self.model, |t| index.shared_tag(t))?;
        self.insert(record, None)
    }

    /// Creates a customer from a validated row: checks it against the book (emails, id),
    /// then records and applies the event (gathering some index entries in `pending`, if
    /// given: see [`State::apply_with`]).
    fn insert(&mut self, record: NewRecord, pending: Option<&mut Pending>) -> Result<CustomerId> {
        let (now, actor, c) = self.build(record)?;
        let id = c.id;
        self.commit_one(
            now,
            actor,
            EventKind::CustomerCreated {
                customer: Arc::new(c),
            },
            pending,
        )?;
        Ok(id)
    }

    /// The customer a validated row creates, checked against the book (emails, id) but
    /// not recorded: when, by whom and what.
    fn build(&mut self, record: NewRecord) -> Result<(DateTime<Utc>, Option<String>, Customer)> {
        let NewRecord {
            changes,
            tags,
            stage,
            id,
            actor,
        } = record;
        if let Some(emails) = &changes.emails {
            self.check_emails_free(emails, None)?;
        }
        let now = self.now();
        let id = match id {
            Some(id) if self.state.customers.contains_key(&id) => {
                return Err(Error::Conflict {
                    field: "id".to_owned(),
                    value: id.to_string(),
                    holder: id.to_string(),
                });
            }
            // The id of a merged customer stays reserved: an unmerge brings it back.
            Some(id) if self.state.merged_into.contains_key(&id) => {
                return Err(Error::Conflict {
                    field: "id".to_owned(),
                    value: id.to_string(),
                    holder: self.merged_into(id).unwrap_or(id).to_string(),
                });
            }
            Some(id) => {
                self.ids.observe(*id.as_uuid());
                id
            }
            None => CustomerId::from_uuid(self.ids.next_uuid(now)),
        };
        let mut c = Customer {
            id,
            name: None,
            emails: Vec::new(),
            phones: Vec::new(),
            addresses: Vec::new(),
            birthday: None,
            time_zone: None,
            tags,
            attributes: BTreeMap::new(),
            owner: None,
            source: None,
            company: None,
            consent: Default::default(),
            cadence_days: None,
            stage: stage.clone(),
            stage_history: vec![StageChange::new(None, stage, now, actor.clone(), None)],
            created_at: now,
            updated_at: now,
        };
        let index = &self.state.index;
        changes.apply_into(&mut c, |t| index.shared_tag(t));
        Ok((now, actor, c))
    }

    /// Changes a customer's fields.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown id; validation errors naming the field;
    /// [`Error::Conflict`] for an email another customer holds.
    pub fn update_customer(&mut self, id: CustomerId, patch: CustomerPatch) -> Result<&Customer> {
        let current = self.customer(id)?;
        let changes = customer::validate_patch(&patch, current, self.ctx())?;
        if let Some(emails) = &changes.emails {
            self.check_emails_free(emails, Some(id))?;
        }
        if !changes.is_empty() {
            self.commit(
                Self::actor(patch.actor.as_deref()),
                vec![EventKind::CustomerUpdated {
                    customer: id,
                    changes: Box::new(changes),
                }],
            )?;
        }
        self.customer(id)
    }

    /// Moves a customer to another lifecycle stage.
    ///
    /// # Errors
    /// [`Error::NotFound`]; [`Error::InvalidStage`] for a stage the model does not know;
    /// [`Error::InvalidTransition`] for a backward move (or leaving a side stage) without a
    /// reason, or a move to the current stage.
    pub fn change_stage(
        &mut self,
        id: CustomerId,
        to: &str,
        reason: Option<&str>,
        actor: Option<&str>,
    ) -> Result<&Customer> {
        let current = self.customer(id)?;
        let to = self.model.stage(to)?;
        self.model.check_move(&current.stage, &to, reason)?;
        let actor = Self::actor(actor);
        let change = StageChange::new(
            Some(current.stage.clone()),
            to,
            self.now(),
            actor.clone(),
            reason
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_owned),
        );
        self.commit(
            actor,
            vec![EventKind::StageChanged {
                customer: id,
                change,
            }],
        )?;
        self.customer(id)
    }

    /// Logs an interaction. A complaint that names no existing case opens a new one.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown customer or case; [`Error::InvalidValue`] for a case
    /// of another customer or overlong text; purchase errors (currency, items).
    pub fn log_interaction(&mut self, new: NewInteraction) -> Result<&Interaction> {
        self.customer(new.customer)?;
        if let Some(case) = new.case {
            let c = self
                .state
                .cases
                .get(&case)
                .ok_or_else(|| Error::not_found("case", case))?;
            if c.customer != new.customer {
                return Err(Error::invalid(
                    "case",
                    case,
                    "this case belongs to another customer",
                ));
            }
        }
        let purchase = new.purchase.as_ref().map(|p| p.validate()).transpose()?;
        let subject = free_text("subject", new.subject.as_deref(), 1_000)?;
        let body = free_text("body", new.body.as_deref(), 100_000)?;
        let outcome = free_text("outcome", new.outcome.as_deref(), 1_000)?;
        let actor = Self::actor(new.actor.as_deref());
        let now = self.now();
        let at = new.at.unwrap_or(now);
        let id = match new.id {
            Some(id) if self.state.interactions.contains_key(&id) => {
                return Err(Error::Conflict {
                    field: "id".to_owned(),
                    value: id.to_string(),
                    holder: self.state.interactions[&id].customer.to_string(),
                });
            }
            Some(id) => {
                self.ids.observe(*id.as_uuid());
                id
            }
            None => InteractionId::from_uuid(self.ids.next_uuid(now)),
        };
        let mut kinds = Vec::with_capacity(2);
        let mut case = new.case;
        let mut opened = None;
        if new.kind == InteractionKind::Complaint && case.is_none() {
            let case_id = CaseId::from_uuid(self.ids.next_uuid(now));
            case = Some(case_id);
            opened = Some(Case {
                id: case_id,
                customer: new.customer,
                subject: subject.clone(),
                opened_by: id,
                opened_at: at,
                status: CaseStatus::Open,
                resolved_at: None,
                resolution: None,
                resolved_by: None,
                priority: new.priority,
            });
        }
        kinds.push(EventKind::InteractionLogged {
            interaction: Box::new(Interaction {
                id,
                customer: new.customer,
                channel: new.channel,
                direction: new.direction,
                kind: new.kind,
                at,
                subject,
                body,
                outcome,
                actor: actor.clone(),
                purchase,
                case,
                priority: new.priority,
            }),
        });
        if let Some(c) = opened {
            kinds.push(EventKind::CaseOpened { case: Box::new(c) });
        }
        self.commit(actor, kinds)?;
        self.interaction(id)
    }

    /// Resolves an open case with a resolution.
    ///
    /// # Errors
    /// [`Error::NotFound`]; [`Error::InvalidValue`] for a blank resolution or a case that is
    /// already resolved.
    pub fn resolve_case(
        &mut self,
        case: CaseId,
        resolution: &str,
        actor: Option<&str>,
    ) -> Result<&Case> {
        let c = self.case(case)?;
        if c.status == CaseStatus::Resolved {
            return Err(Error::invalid(
                "case",
                case,
                "this case is already resolved",
            ));
        }
        let resolution = free_text("resolution", Some(resolution), 10_000)?.ok_or_else(|| {
            Error::invalid("resolution", resolution, "a resolution cannot be empty")
        })?;
        let customer = c.customer;
        let subject = c.subject.clone();
        let now = self.now();
        let mut events = vec![EventKind::CaseResolved {
            case,
            customer,
            resolved_at: now,
            resolution,
        }];
        // A resolved complaint is checked back on later: did it stay solved?
        if let Some(days) = self.agenda_settings().case_check_after_days {
            events.push(self.case_check_back(customer, subject.as_deref(), now, days));
        }
        self.commit(Self::actor(actor), events)?;
        self.case(case)
    }

    // ----- reads ----------------------------------------------------------------------

    /// The customer with this id.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an id the book never held; [`Error::Merged`] (also of kind
    /// `not_found`) for a customer merged into another one, naming that survivor (see
    /// [`Crm::resolve_customer`] to follow merges).
    pub fn customer(&self, id: CustomerId) -> Result<&Customer> {
        match self.state.customers.get(&id) {
            Some(c) => Ok(c),
            None => Err(self.missing_customer(id, "id")),
        }
    }

    /// The interaction with this id.
    ///
    /// # Errors
    /// [`Error::NotFound`].
    pub fn interaction(&self, id: InteractionId) -> Result<&Interaction> {
        self.state
            .interactions
            .get(&id)
            .ok_or_else(|| Error::not_found("interaction", id))
    }

    /// The case with this id.
    ///
    /// # Errors
    /// [`Error::NotFound`].
    pub fn case(&self, id: CaseId) -> Result<&Case> {
        self.state
            .cases
            .get(&id)
            .ok_or_else(|| Error::not_found("case", id))
    }

    /// All customers, oldest first.
    pub fn customers(&self) -> impl Iterator<Item = &Customer> {
        self.state.customers.values().map(|c| &**c)
    }

    /// How many customers the book holds.
    pub fn len(&self) -> usize {
        self.state.customers.len()
    }

    /// Whether the book holds no customer.
    pub fn is_empty(&self) -> bool {
        self.state.customers.is_empty()
    }

    fn ids_to_customers<'a>(
        &'a self,
        ids: Option<&'a std::collections::BTreeSet<CustomerId>>,
    ) -> Vec<&'a Customer> {
        ids.into_iter()
            .flatten()
            .filter_map(|id| self.state.customers.get(id).map(|c| &**c))
            .collect()
    }

    /// The customer holding this email (any case or formatting), if any. An invalid
    /// address finds nobody.
    pub fn find_by_email(&self, email: &str) -> Option<&Customer> {
        let e = Email::parse(email).ok()?;
        self.state.holders_of_email(e.normalized()).next()
    }

    /// The customers holding this phone number (read with the book's default region).
    /// An invalid number finds nobody.
    pub fn find_by_phone(&self, phone: &str) -> Vec<&Customer> {
        match Phone::parse(phone, self.default_region) {
            Ok(p) => self.state.holders_of_phone(p.e164()).collect(),
            Err(_) => Vec::new(),
        }
    }

    /// Customers with this tag (any case).
    pub fn customers_with_tag(&self, tag: &str) -> Vec<&Customer> {
        match customer::normalize_tag(tag) {
            Ok(t) => self.ids_to_customers(self.state.index.tag.get(t.as_str())),
            Err(_) => Vec::new(),
        }
    }

    /// Customers owned by `owner`.
    pub fn customers_owned_by(&self, owner: &str) -> Vec<&Customer> {
        self.state
            .index
            .owner
            .get(&crate::contact::text::clean(owner))
            .into_iter()
            .flat_map(|records| records.values().map(|c| &**c))
            .collect()
    }

    /// Customers now in `stage`.
    ///
    /// # Errors
    /// [`Error::InvalidStage`] for a stage the model does not know.
    pub fn customers_in_stage(&self, stage: &str) -> Result<Vec<&Customer>> {
        let s = self.model.stage(stage)?;
        Ok(self.ids_to_customers(self.state.index.stage.get(&s)))
    }

    /// How many customers are in each stage, in the model's order (a funnel).
    #[must_use]
    pub fn stage_counts(&self) -> Vec<(Stage, usize)> {
        self.model
            .stages()
            .map(|s| {
                let n = self.state.index.stage.get(s).map_or(0, |set| set.len());
                (s.clone(), n)
            })
            .collect()
    }

    /// When the customer last entered `stage`, if ever.
    ///
    /// # Errors
    /// [`Error::NotFound`]; [`Error::InvalidStage`].
    pub fn entered_stage_at(&self, id: CustomerId, stage: &str) -> Result<Option<DateTime<Utc>>> {
        let s = self.model.stage(stage)?;
        Ok(self.customer(id)?.history().entered(&s))
    }

    /// Total time the customer has spent in `stage`, up to the clock's now.
    ///
    /// # Errors
    /// [`Error::NotFound`]; [`Error::InvalidStage`].
    pub fn time_in_stage(&self, id: CustomerId, stage: &str) -> Result<Duration> {
        let s = self.model.stage(stage)?;
        Ok(self.customer(id)?.history().time_in(&s, self.now()))
    }

    /// The customer's interactions matching `query`, oldest first.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown customer.
    pub fn timeline(&self, id: CustomerId, query: &TimelineQuery) -> Result<Vec<&Interaction>> {
        self.customer(id)?;
        Ok(self.timeline_of(id, query))
    }

    /// [`Crm::timeline`] of a customer known to exist.
    pub(crate) fn timeline_of(&self, id: CustomerId, query: &TimelineQuery) -> Vec<&Interaction> {
        let Some(set) = self.state.index.timeline.get(&id) else {
            return Vec::new();
        };
        let lo = query.from.unwrap_or(DateTime::<Utc>::MIN_UTC);
        let hi = query.to.unwrap_or(DateTime::<Utc>::MAX_UTC);
        if lo >= hi {
            return Vec::new();
        }
        let min_id = InteractionId::from_uuid(uuid::Uuid::nil());
        set.range((lo, min_id)..(hi, min_id))
            .filter_map(|(_, iid)| self.state.interactions.get(iid))
            .filter(|i| query.matches(i))
            .collect()
    }

    /// The latest contact with the customer: overall, inbound and outbound.
    ///
    /// # Errors
    /// [`Error::NotFound`].
    pub fn last_contact(&self, id: CustomerId) -> Result<LastContact<'_>> {
        self.customer(id)?;
        let mut last = LastContact::default();
        let Some(set) = self.state.index.timeline.get(&id) else {
            return Ok(last);
        };
        for (_, iid) in set.iter().rev() {
            let Some(i) = self.state.interactions.get(iid) else {
                continue;
            };
            last.any.get_or_insert(i);
            match i.direction {
                Direction::Inbound => {
                    last.inbound.get_or_insert(i);
                }
                Direction::Outbound => {
                    last.outbound.get_or_insert(i);
                }
            }
            if last.inbound.is_some() && last.outbound.is_some() {
                break;
            }
        }
        Ok(last)
    }

    /// How many outbound touches the customer got in `[from, to)`, on `channel` or on all.
    ///
    /// # Errors
    /// [`Error::NotFound`].
    pub fn outbound_touches(
        &self,
        id: CustomerId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        channel: Option<Channel>,
    ) -> Result<usize> {
        let mut q = TimelineQuery::all().between(from, to);
        q.direction = Some(Direction::Outbound);
        q.channels.extend(channel);
        Ok(self.timeline(id, &q)?.len())
    }

    /// The customer's cases, oldest first.
    ///
    /// # Errors
    /// [`Error::NotFound`].
    pub fn cases_of(&self, id: CustomerId) -> Result<Vec<&Case>> {
        self.customer(id)?;
        Ok(self
            .state
            .index
            .cases
            .get(&id)
            .into_iter()
            .flatten()
            .filter_map(|c| self.state.cases.get(c))
            .collect())
    }

    /// Every open case, oldest first.
    pub fn open_cases(&self) -> Vec<&Case> {
        self.state
            .cases
            .values()
            .filter(|c| c.status == CaseStatus::Open)
            .collect()
    }

    // ----- book-level ---------------------------------------------------------------------

    /// The state, for equality checks (a replayed book equals the original).
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The events recorded so far, if the journal keeps them in memory (the default);
    /// otherwise empty.
    pub fn events(&self) -> &[Event] {
        self.journal.events().unwrap_or(&[])
    }

    /// The lifecycle model.
    pub fn lifecycle(&self) -> &LifecycleModel {
        &self.model
    }

    /// The clock's current time.
    pub fn clock_now(&self) -> DateTime<Utc> {
        self.now()
    }

    /// The region used for phone numbers written without `+country`.
    pub fn default_region(&self) -> Option<CountryCode> {
        self.default_region
    }
}
