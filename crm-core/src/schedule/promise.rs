//! Response promises (SLAs): an inbound inquiry or complaint is to be answered within a
//! stated time counted in business hours, which may differ by the message's priority. The
//! due time can be quoted in the acknowledgement; the first outbound interaction after the
//! message answers it; the promise is due, fulfilled on time, or breached.
//!
//! The business hours are those of the customer's owner: the owner's own calendar, else
//! their team's, else the book's (the promise's), as set in [`Calendars`].
//!
//! ```
//! use chrono::Duration;
//! use crm_core::interaction::InteractionKind;
//! use crm_core::schedule::calendar::BusinessCalendar;
//! use crm_core::schedule::followup::Priority;
//! use crm_core::schedule::promise::ResponsePromise;
//! use crm_core::contact::TimeZone;
//!
//! let berlin = TimeZone::parse("Europe/Berlin")?;
//!
//! // Inquiries within 8 business hours and complaints within 4; urgent ones within 1.
//! let promise = ResponsePromise::new(BusinessCalendar::new(berlin), Duration::hours(8), Duration::hours(4))?
//!     .with_priority(Priority::Urgent, Duration::hours(1), Duration::hours(1))?;
//! assert_eq!(promise.within(InteractionKind::Inquiry, None), Some(Duration::hours(8)));
//! assert_eq!(promise.within(InteractionKind::Inquiry, Some(Priority::Urgent)), Some(Duration::hours(1)));
//! assert_eq!(promise.within(InteractionKind::Complaint, Some(Priority::Low)), Some(Duration::hours(4)));
//! assert_eq!(promise.within(InteractionKind::Note, None), None);
//! # Ok::<(), crm_core::Error>(())
//! ```

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::crm::Crm;
use crate::customer::Customer;
use crate::error::{Error, Result};
use crate::id::{CustomerId, InteractionId};
use crate::interaction::{Channel, Direction, Interaction, InteractionKind};
use crate::schedule::calendar::BusinessCalendar;
use crate::schedule::followup::Priority;

/// How long inquiries and complaints may wait for their first answer (business time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PromiseTimes {
    /// How long an inquiry may wait.
    pub inquiry: Duration,
    /// How long a complaint may wait.
    pub complaint: Duration,
}

impl PromiseTimes {
    /// Inquiries within `inquiry`, complaints within `complaint`.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] (field `promise.inquiry` or `promise.complaint`) for a time
    /// that is not positive.
    pub fn new(inquiry: Duration, complaint: Duration) -> Result<Self> {
        for (field, d) in [
            ("promise.inquiry", inquiry),
            ("promise.complaint", complaint),
        ] {
            if d <= Duration::zero() {
                return Err(Error::invalid(field, d, "a promised time must be positive"));
            }
        }
        Ok(Self { inquiry, complaint })
    }

    fn of(&self, kind: InteractionKind) -> Option<Duration> {
        match kind {
            InteractionKind::Inquiry => Some(self.inquiry),
            InteractionKind::Complaint => Some(self.complaint),
            _ => None,
        }
    }
}

/// A promise to answer inbound inquiries and complaints within a time counted in business
/// hours of a calendar; messages of a priority may be promised other times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponsePromise {
    /// Working hours and holidays the time is counted in.
    pub calendar: BusinessCalendar,
    /// How long an inquiry may wait for the first answer.
    pub inquiry: Duration,
    /// How long a complaint may wait.
    pub complaint: Duration,
    /// Other times for messages of these priorities; messages of other priorities, or with
    /// none, get `inquiry` and `complaint`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub priorities: BTreeMap<Priority, PromiseTimes>,
}

impl ResponsePromise {
    /// A promise to answer inquiries within `inquiry` and complaints within `complaint`
    /// business time, whatever their priority.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for a duration that is not positive, or a calendar without
    /// working hours.
    pub fn new(calendar: BusinessCalendar, inquiry: Duration, complaint: Duration) -> Result<Self> {
        PromiseTimes::new(inquiry, complaint)?;
        calendar.validate()?;
        Ok(Self {
            calendar,
            inquiry,
            complaint,
            priorities: BTreeMap::new(),
        })
    }

    /// Checks a promise whose public fields may have been set by hand: positive times, a
    /// calendar with working hours.
    ///
    /// # Errors
    /// As [`ResponsePromise::new`].
    pub fn validate(&self) -> Result<()> {
        PromiseTimes::new(self.inquiry, self.complaint)?;
        for times in self.priorities.values() {
            PromiseTimes::new(times.inquiry, times.complaint)?;
        }
        self.calendar.validate()
    }

    /// The same promise with other times for messages of `priority`.
    ///
    /// # Errors
    /// As [`PromiseTimes::new`].
    pub fn with_priority(
        mut self,
        priority: Priority,
        inquiry: Duration,
        complaint: Duration,
    ) -> Result<Self> {
        self.priorities
            .insert(priority, PromiseTimes::new(inquiry, complaint)?);
        Ok(self)
    }

    /// How long an inbound message of `kind` and `priority` may wait for its first answer;
    /// `None` for kinds that carry no promise.
    pub fn within(&self, kind: InteractionKind, priority: Option<Priority>) -> Option<Duration> {
        match priority.and_then(|p| self.priorities.get(&p)) {
            Some(times) => times.of(kind),
            None => PromiseTimes {
                inquiry: self.inquiry,
                complaint: self.complaint,
            }
            .of(kind),
        }
    }

    /// When the first answer to an inbound message of `kind` and `priority` received at `at`
    /// is due, counted in the promise's own calendar; `None` if the kind carries no promise
    /// (or the calendar has no working time in reach).
    pub fn due(
        &self,
        kind: InteractionKind,
        priority: Option<Priority>,
        at: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        self.due_in(&self.calendar, kind, priority, at)
    }

    /// [`ResponsePromise::due`] counted in `calendar`.
    pub(crate) fn due_in(
        &self,
        calendar: &BusinessCalendar,
        kind: InteractionKind,
        priority: Option<Priority>,
        at: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        calendar.add_business_time(at, self.within(kind, priority)?)
    }
}

str_enum!(
    /// Where a promised response stands.
    PromiseState, "state", {
        /// Not answered yet, and the promised time has not passed.
        Due => "due",
        /// Answered within the promised time.
        FulfilledOnTime => "fulfilled_on_time",
        /// Answered late, or not answered and the promised time has passed.
        Breached => "breached",
    }
);

/// A promised response to one inbound inquiry or complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PromiseStatus {
    /// The inbound message.
    pub interaction: InteractionId,
    /// Whose.
    pub customer: CustomerId,
    /// Inquiry or complaint.
    pub kind: InteractionKind,
    /// The channel it came in on.
    pub channel: Channel,
    /// The message's priority (its own, else its case's), if one was given: it chose the
    /// promised time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    /// When it came in.
    #[serde(with = "crate::json::instant")]
    pub received_at: DateTime<Utc>,
    /// When the first answer is due (quote it in the acknowledgement).
    #[serde(with = "crate::json::instant")]
    pub due: DateTime<Utc>,
    /// The first outbound interaction after it, if any.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::json::opt_instant"
    )]
    pub answered_at: Option<DateTime<Utc>>,
    /// Due, fulfilled on time, or breached, at the clock's now.
    pub state: PromiseState,
}

/// Business calendars of owners and teams, which count the promised response times of the
/// owners' customers instead of the book's calendar.
///
/// ```
/// use crm_core::schedule::calendar::BusinessCalendar;
/// use crm_core::schedule::promise::Calendars;
/// use crm_core::contact::TimeZone;
///
/// let berlin = TimeZone::parse("Europe/Berlin")?;
/// let new_york = TimeZone::parse("America/New_York")?;
///
/// let calendars = Calendars::default()
///     .with_owner("ana", BusinessCalendar::new(new_york))?
///     .with_team("support", BusinessCalendar::new(berlin))?
///     .with_member("sam", "support")?
///     .with_member("ana", "support")?;
/// assert_eq!(calendars.for_owner(Some("ana")).map(|c| c.tz()), Some(new_york)); // her own
/// assert_eq!(calendars.for_owner(Some(" sam ")).map(|c| c.tz()), Some(berlin)); // the team's
/// assert_eq!(calendars.for_owner(Some("kim")), None); // the book's
/// assert_eq!(calendars.for_owner(None), None);
/// # Ok::<(), crm_core::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Calendars {
    /// Owners' own calendars, by owner.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub owners: BTreeMap<String, BusinessCalendar>,
    /// Teams' calendars, by team name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub teams: BTreeMap<String, BusinessCalendar>,
    /// The team of each owner.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub team_of: BTreeMap<String, String>,
}

/// An owner or team name as customers' owners are stored (trimmed, spaces collapsed).
fn name(field: &str, value: &str) -> Result<String> {
    let cleaned = crate::contact::text::clean(value);
    if cleaned.is_empty() {
        return Err(Error::invalid(field, value, "a name cannot be empty"));
    }
    Ok(cleaned)
}

impl Calendars {
    /// The same calendars with `calendar` as `owner`'s own.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for an empty owner (field `calendars.owners`) or a calendar
    /// without working hours.
    pub fn with_owner(mut self, owner: &str, calendar: BusinessCalendar) -> Result<Self> {
        calendar.validate()?;
        self.owners
            .insert(name("calendars.owners", owner)?, calendar);
        Ok(self)
    }

    /// The same calendars with `calendar` as `team`'s.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for an empty team name (field `calendars.teams`) or a calendar
    /// without working hours.
    pub fn with_team(mut self, team: &str, calendar: BusinessCalendar) -> Result<Self> {
        calendar.validate()?;
        self.teams.insert(name("calendars.teams", team)?, calendar);
        Ok(self)
    }

    /// The same calendars with `owner` in `team`.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] (field `calendars.team_of`) for an empty owner or team name.
    pub fn with_member(mut self, owner: &str, team: &str) -> Result<Self> {
        self.team_of.insert(
            name("calendars.team_of", owner)?,
            name("calendars.team_of", team)?,
        );
        Ok(self)
    }

    /// The calendar of `owner`: their own, else their team's; `None` when neither is set
    /// (the book's calendar applies).
    pub fn for_owner(&self, owner: Option<&str>) -> Option<&BusinessCalendar> {
        let owner = crate::contact::text::clean_cow(owner?);
        self.owners.get(owner.as_ref()).or_else(|| {
            self.team_of
                .get(owner.as_ref())
                .and_then(|team| self.teams.get(team))
        })
    }

    /// Whether no owner or team has a calendar.
    pub fn is_empty(&self) -> bool {
        self.owners.is_empty() && self.teams.is_empty()
    }
}

impl Crm {
    /// The business calendar that counts the customer's promised response times: their
    /// owner's, else the owner's team's, else the book's; `None` when the book makes no
    /// response promise.
    ///
    /// # Errors
    /// [`Error::NotFound`].
    pub fn business_calendar_of(&self, customer: CustomerId) -> Result<Option<&BusinessCalendar>> {
        let c = self.customer(customer)?;
        Ok(self.calendar_for(c))
    }

    /// The calendar whose open hours limit contact with the customer (when the contact
    /// policy asks for business hours): their owner's, else the owner's team's, else the
    /// book's (the response promise's), else none.
    pub(crate) fn contact_calendar_for(&self, c: &Customer) -> Option<&BusinessCalendar> {
        let settings = self.agenda_settings();
        settings
            .calendars
            .for_owner(c.owner.as_deref())
            .or_else(|| settings.response_promise.as_ref().map(|p| &p.calendar))
    }

    fn calendar_for(&self, c: &Customer) -> Option<&BusinessCalendar> {
        let settings = self.agenda_settings();
        let promise = settings.response_promise.as_ref()?;
        Some(
            settings
                .calendars
                .for_owner(c.owner.as_deref())
                .unwrap_or(&promise.calendar),
        )
    }

    /// The promised responses to the customer's inbound inquiries and complaints, oldest
    /// first, with their state at the clock's now. Empty when the book makes no promise.
    ///
    /// # Errors
    /// [`Error::NotFound`].
    pub fn response_promises(&self, customer: CustomerId) -> Result<Vec<PromiseStatus>> {
        let c = self.customer(customer)?;
        let timeline = self.timeline_of(customer, &crate::interaction::TimelineQuery::all());
        Ok(self.promises_of(c, &timeline, self.clock_now()))
    }

    /// The priority of a message: its own, else its case's.
    fn message_priority(&self, msg: &Interaction) -> Option<Priority> {
        msg.priority.or_else(|| {
            msg.case
                .and_then(|id| self.case(id).ok())
                .and_then(|case| case.priority)
        })
    }

    /// The promised responses among `timeline` (the customer's interactions, oldest first),
    /// with their state at `now`.
    pub(crate) fn promises_of(
        &self,
        c: &Customer,
        timeline: &[&Interaction],
        now: DateTime<Utc>,
    ) -> Vec<PromiseStatus> {
        let (Some(promise), Some(calendar)) = (
            self.agenda_settings().response_promise.as_ref(),
            self.calendar_for(c),
        ) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, msg) in timeline.iter().enumerate() {
            if msg.direction != Direction::Inbound {
                continue;
            }
            let priority = self.message_priority(msg);
            let Some(due) = promise.due_in(calendar, msg.kind, priority, msg.at) else {
                continue;
            };
            let answered_at = timeline
                .get(i + 1..)
                .unwrap_or_default()
                .iter()
                .find(|r| r.direction == Direction::Outbound)
                .map(|r| r.at);
            let state = match answered_at {
                Some(a) if a <= due => PromiseState::FulfilledOnTime,
                Some(_) => PromiseState::Breached,
                None if now > due => PromiseState::Breached,
                None => PromiseState::Due,
            };
            out.push(PromiseStatus {
                interaction: msg.id,
                customer: c.id,
                kind: msg.kind,
                channel: msg.channel,
                priority,
                received_at: msg.at,
                due,
                answered_at,
                state,
            });
        }
        out
    }
}
