//! The scheduling commands and reads of the [`Crm`]: follow-ups, consent and
//! `can_contact`.

use crate::consent::{ConsentRecord, ConsentScope, ConsentStatus, TouchCategory};
use crate::crm::Crm;
use crate::error::{Error, Result};
use crate::event::EventKind;
use crate::id::{CustomerId, FollowUpId};
use crate::interaction::{Channel, Direction, free_text};
use crate::schedule::followup::{
    FollowUp, FollowUpKind, FollowUpStatus, NewFollowUp, Origin, Priority,
};
use crate::schedule::policy::{Decision, Touch, can_contact_in};
use crate::schedule::recurrence::Recurrence;
use crate::schedule::zone::ZoneOffsets;
use chrono::{DateTime, Utc};

impl Crm {
    /// The event that plans a check-back on a resolved case, `days` after `now`.
    pub(crate) fn case_check_back(
        &mut self,
        customer: CustomerId,
        subject: Option<&str>,
        now: DateTime<Utc>,
        days: u32,
    ) -> EventKind {
        let due = crate::schedule::agenda::days_after(now, days);
        let owner = self.customer(customer).ok().and_then(|c| c.owner.clone());
        let id = FollowUpId::from_uuid(self.next_uuid(now));
        EventKind::FollowUpScheduled {
            follow_up: Box::new(FollowUp {
                id,
                customer,
                due,
                kind: FollowUpKind::CheckBack,
                channel: None,
                priority: Priority::Normal,
                note: Some(match subject {
                    Some(s) => format!("check that the complaint stayed solved: {s}"),
                    None => "check that the complaint stayed solved".to_owned(),
                }),
                owner,
                status: FollowUpStatus::Open,
                origin: Origin::CaseCheck,
                recurrence: None,
                series_start: due,
                occurrence: 0,
                planned: due,
                closed_at: None,
            }),
        }
    }

    fn follow_up_mut_check(&self, id: FollowUpId) -> Result<&FollowUp> {
        let f = self.follow_up(id)?;
        if !f.status.is_pending() {
            return Err(Error::invalid(
                "status",
                f.status,
                format!("this follow-up is {} and cannot change", f.status),
            ));
        }
        Ok(f)
    }

    /// The customer's time zone, else the book's.
    pub(crate) fn tz_of(&self, c: &crate::Customer) -> crate::contact::TimeZone {
        c.time_zone.unwrap_or(self.default_time_zone())
    }

    /// Plans a follow-up. Its owner defaults to the customer's owner.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown customer; [`Error::InvalidValue`] for a missing
    /// due time, an unsupported RRULE (naming the part) or an overlong note.
    pub fn schedule_follow_up(&mut self, new: NewFollowUp) -> Result<&FollowUp> {
        let (customer, due) = new.required()?;
        let owner_default = self.customer(customer)?.owner.clone();
        let recurrence = new
            .recurrence
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(Recurrence::parse)
            .transpose()?;
        let note = free_text("note", new.note.as_deref(), 10_000)?;
        let owner = free_text("owner", new.owner.as_deref(), 200)?.or(owner_default);
        let now = self.clock_now();
        let id = match new.id {
            Some(id) if self.state().follow_ups.contains_key(&id) => {
                return Err(Error::Conflict {
                    field: "id".to_owned(),
                    value: id.to_string(),
                    holder: self.state().follow_ups[&id].customer.to_string(),
                });
            }
            Some(id) => id,
            None => FollowUpId::from_uuid(self.next_uuid(now)),
        };
        let f = FollowUp {
            id,
            customer,
            due,
            kind: new.kind,
            channel: new.channel,
            priority: new.priority,
            note,
            owner,
            status: FollowUpStatus::Open,
            origin: Origin::Manual,
            recurrence,
            series_start: due,
            occurrence: 0,
            planned: due,
            closed_at: None,
        };
        self.commit_events(
            new.actor.as_deref(),
            vec![EventKind::FollowUpScheduled {
                follow_up: Box::new(f),
            }],
        )?;
        self.follow_up(id)
    }

    /// Moves an open or snoozed follow-up to a new due time.
    ///
    /// # Errors
    /// [`Error::NotFound`]; [`Error::InvalidValue`] (field `status`) if it is done or
    /// cancelled.
    pub fn reschedule_follow_up(
        &mut self,
        id: FollowUpId,
        due: DateTime<Utc>,
        actor: Option<&str>,
    ) -> Result<&FollowUp> {
        let customer = self.follow_up_mut_check(id)?.customer;
        self.commit_events(
            actor,
            vec![EventKind::FollowUpRescheduled {
                follow_up: id,
                customer,
                due,
            }],
        )?;
        self.follow_up(id)
    }

    /// Puts a follow-up off until `until`.
    ///
    /// # Errors
    /// As [`Crm::reschedule_follow_up`]; [`Error::InvalidValue`] (field `until`) when
    /// `until` is not after the clock's now.
    pub fn snooze_follow_up(
        &mut self,
        id: FollowUpId,
        until: DateTime<Utc>,
        actor: Option<&str>,
    ) -> Result<&FollowUp> {
        let customer = self.follow_up_mut_check(id)?.customer;
        if until <= self.clock_now() {
            return Err(Error::invalid(
                "until",
                until.to_rfc3339(),
                "a snooze must end in the future",
            ));
        }
        self.commit_events(
            actor,
            vec![EventKind::FollowUpSnoozed {
                follow_up: id,
                customer,
                until,
            }],
        )?;
        self.follow_up(id)
    }

    /// Marks a follow-up done. A recurring one yields its next occurrence (returned), which
    /// is scheduled in the same command: none is lost and none is made twice.
    ///
    /// # Errors
    /// [`Error::NotFound`]; [`Error::InvalidValue`] (field `status`) for one that is done or
    /// cancelled.
    pub fn complete_follow_up(
        &mut self,
        id: FollowUpId,
        actor: Option<&str>,
    ) -> Result<Option<FollowUpId>> {
        let f = self.follow_up_mut_check(id)?.clone();
        let now = self.clock_now();
        let tz = self.tz_of(self.customer(f.customer)?);
        let mut events = vec![EventKind::FollowUpCompleted {
            follow_up: id,
            customer: f.customer,
            at: now,
        }];
        let mut next_id = None;
        if let Some(next_due) = f.next_occurrence(tz) {
            let nid = FollowUpId::from_uuid(self.next_uuid(now));
            next_id = Some(nid);
            let mut next = f.clone();
            next.id = nid;
            next.due = next_due;
            next.planned = next_due;
            next.occurrence = f.occurrence.saturating_add(1);
            next.status = FollowUpStatus::Open;
            next.closed_at = None;
            events.push(EventKind::FollowUpScheduled {
                follow_up: Box::new(next),
            });
        }
        self.commit_events(actor, events)?;
        Ok(next_id)
    }

    /// Calls a follow-up off (a recurring one ends with it).
    ///
    /// # Errors
    /// [`Error::NotFound`]; [`Error::InvalidValue`] (field `status`) for one that is done or
    /// cancelled.
    pub fn cancel_follow_up(&mut self, id: FollowUpId, actor: Option<&str>) -> Result<&FollowUp> {
        let customer = self.follow_up_mut_check(id)?.customer;
        let at = self.clock_now();
        self.commit_events(
            actor,
            vec![EventKind::FollowUpCancelled {
                follow_up: id,
                customer,
                at,
            }],
        )?;
        self.follow_up(id)
    }

    /// The follow-up with this id.
    ///
    /// # Errors
    /// [`Error::NotFound`].
    pub fn follow_up(&self, id: FollowUpId) -> Result<&FollowUp> {
        self.state()
            .follow_ups
            .get(&id)
            .map(|f| &**f)
            .ok_or_else(|| Error::not_found("follow_up", id))
    }

    /// The customer's follow-ups (all statuses), by due time.
    ///
    /// # Errors
    /// [`Error::NotFound`].
    pub fn follow_ups_of(&self, customer: CustomerId) -> Result<Vec<&FollowUp>> {
        self.customer(customer)?;
        let mut v: Vec<&FollowUp> = self
            .state()
            .index
            .follow_ups
            .get(&customer)
            .into_iter()
            .flatten()
            .filter_map(|id| self.state().follow_ups.get(id).map(|f| &**f))
            .collect();
        crate::sort::sort_by_key(&mut v, |f| (f.due, f.id));
        Ok(v)
    }

    /// The next pending follow-up of the customer (the next planned contact), if any.
    ///
    /// # Errors
    /// [`Error::NotFound`].
    pub fn next_planned_contact(&self, customer: CustomerId) -> Result<Option<&FollowUp>> {
        Ok(self
            .follow_ups_of(customer)?
            .into_iter()
            .find(|f| f.status.is_pending()))
    }

    /// Pending follow-ups due before `until` (overdue ones included), by due time.
    pub fn due_follow_ups(&self, until: DateTime<Utc>) -> Vec<&FollowUp> {
        self.pending_follow_ups(None, until)
    }

    /// Pending follow-ups due before `until`, of one owner or of everyone, by due time.
    pub fn pending_follow_ups(&self, owner: Option<&str>, until: DateTime<Utc>) -> Vec<&FollowUp> {
        let end = (until, FollowUpId::from_uuid(uuid::Uuid::nil()));
        let index = &self.state().index;
        let set = match owner {
            Some(o) => index.owner_due.get(o),
            None => Some(&index.due),
        };
        set.into_iter()
            .flat_map(|s| s.range(..end))
            .map(|(_, f)| &**f)
            .collect()
    }

    /// Sets "keep in touch every `every_days` days" for one customer (it overrides the
    /// book's cadence rules); `None` removes it.
    ///
    /// # Errors
    /// [`Error::NotFound`]; [`Error::InvalidValue`] (field `cadence.every_days`) for zero or
    /// more than [`MAX_DAYS`](crate::schedule::agenda::MAX_DAYS).
    pub fn set_cadence(
        &mut self,
        customer: CustomerId,
        every_days: Option<u32>,
        actor: Option<&str>,
    ) -> Result<&crate::Customer> {
        self.customer(customer)?;
        if let Some(days) = every_days {
            crate::schedule::agenda::check_days(days)?;
        }
        self.commit_events(
            actor,
            vec![EventKind::CadenceSet {
                customer,
                every_days,
            }],
        )?;
        self.customer(customer)
    }

    /// Records the customer's consent for one scope (a channel, marketing, or
    /// do-not-contact). The latest record per scope counts; an opt-out always wins in
    /// [`Crm::can_contact`].
    ///
    /// # Errors
    /// [`Error::NotFound`].
    pub fn set_consent(
        &mut self,
        customer: CustomerId,
        scope: ConsentScope,
        status: ConsentStatus,
        source: Option<&str>,
        actor: Option<&str>,
    ) -> Result<&crate::Customer> {
        self.customer(customer)?;
        let at = self.clock_now();
        let mut record = ConsentRecord::new(status, at);
        if let Some(s) = free_text("source", source, 200)? {
            record = record.with_source(s);
        }
        self.commit_events(
            actor,
            vec![EventKind::ConsentRecorded {
                customer,
                scope,
                record,
            }],
        )?;
        self.customer(customer)
    }

    /// May we contact this customer on `channel` at `at`, for a touch of `category`? Reads
    /// the customer's consent, their outbound history, their time zone and the book's
    /// [`ContactPolicy`](crate::schedule::policy::ContactPolicy). The decision says why not
    /// and the earliest time it would be allowed. `override_reason` lifts caps and the
    /// minimum gap (never consent or quiet hours) and is recorded in the decision.
    ///
    /// # Errors
    /// [`Error::NotFound`].
    pub fn can_contact(
        &self,
        customer: CustomerId,
        channel: Channel,
        at: DateTime<Utc>,
        category: TouchCategory,
        override_reason: Option<&str>,
    ) -> Result<Decision> {
        let c = self.customer(customer)?;
        self.decide(c, channel, at, category, override_reason)
    }

    /// [`Crm::can_contact`] for a customer already looked up.
    pub(crate) fn decide(
        &self,
        c: &crate::Customer,
        channel: Channel,
        at: DateTime<Utc>,
        category: TouchCategory,
        override_reason: Option<&str>,
    ) -> Result<Decision> {
        let zone = ZoneOffsets::probing(self.tz_of(c));
        self.decide_in(c, channel, at, category, override_reason, &zone)
    }

    /// [`Crm::decide`] with the customer's zone given (its offsets perhaps known in advance).
    pub(crate) fn decide_in(
        &self,
        c: &crate::Customer,
        channel: Channel,
        at: DateTime<Utc>,
        category: TouchCategory,
        override_reason: Option<&str>,
        zone: &ZoneOffsets,
    ) -> Result<Decision> {
        // Past touches only matter to caps and the minimum gap.
        let policy = self.contact_policy();
        let touches = if policy.caps().is_empty() && policy.min_gap().is_none() {
            Vec::new()
        } else {
            self.outbound_touch_list(c.id)?
        };
        let calendar = if policy.business_hours() {
            self.contact_calendar_for(c)
        } else {
            None
        };
        Ok(can_contact_in(
            policy,
            &c.consent,
            &touches,
            channel,
            category,
            at,
            zone,
            calendar,
            override_reason,
        ))
    }

    fn outbound_touch_list(&self, customer: CustomerId) -> Result<Vec<Touch>> {
        let mut q = crate::interaction::TimelineQuery::all();
        q.direction = Some(Direction::Outbound);
        Ok(self
            .timeline(customer, &q)?
            .into_iter()
            .map(|i| Touch::new(i.at, i.channel))
            .collect())
    }

    /// Days since the last interaction of any direction, at the clock's now (`None` if
    /// there was none).
    ///
    /// # Errors
    /// [`Error::NotFound`].
    pub fn days_since_last_contact(&self, customer: CustomerId) -> Result<Option<i64>> {
        let now = self.clock_now();
        Ok(self
            .last_contact(customer)?
            .any
            .map(|i| (now - i.at).num_days().max(0)))
    }
}
