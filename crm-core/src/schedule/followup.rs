//! Follow-ups: planned contacts and tasks, one-off or recurring.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::id::{CustomerId, FollowUpId};
use crate::interaction::Channel;
use crate::schedule::recurrence::Recurrence;

str_enum!(
    /// What is planned.
    FollowUpKind, "kind", {
        /// A phone call.
        Call => "call",
        /// An email.
        Email => "email",
        /// A meeting.
        Meeting => "meeting",
        /// Any task.
        Task => "task",
        /// A birthday greeting.
        Birthday => "birthday",
        /// Checking back that something stayed solved.
        CheckBack => "check_back",
        /// Anything else.
        Custom => "custom",
    }
);

str_enum!(
    /// Where a follow-up stands.
    FollowUpStatus, "status", {
        /// Waiting to be done.
        Open => "open",
        /// Done.
        Done => "done",
        /// Put off until a later time (still to be done).
        Snoozed => "snoozed",
        /// Called off.
        Cancelled => "cancelled",
    }
);

str_enum!(
    /// Why a follow-up exists.
    Origin, "origin", {
        /// Someone planned it.
        Manual => "manual",
        /// A keep-in-touch cadence is due.
        Cadence => "cadence",
        /// A promised response time (SLA) runs.
        ResponsePromise => "response_promise",
        /// A birthday or other yearly date.
        ImportantDate => "important_date",
        /// A resolved case is to be checked back on.
        CaseCheck => "case_check",
    }
);

str_enum!(
    /// How urgent it is; higher sorts first in the agenda.
    Priority, "priority", {
        /// Low.
        Low => "low",
        /// Normal.
        Normal => "normal",
        /// High.
        High => "high",
        /// Urgent.
        Urgent => "urgent",
    }
);

// The enum is declared by `str_enum!`, which derives no `Default`.
#[allow(clippy::derivable_impls)]
impl Default for Priority {
    fn default() -> Self {
        Priority::Normal
    }
}

// The enum is declared by `str_enum!`, which derives no `Default`.
#[allow(clippy::derivable_impls)]
impl Default for FollowUpKind {
    fn default() -> Self {
        FollowUpKind::Task
    }
}

impl FollowUpStatus {
    /// Whether the follow-up still asks for action (open or snoozed).
    pub fn is_pending(self) -> bool {
        matches!(self, FollowUpStatus::Open | FollowUpStatus::Snoozed)
    }
}

/// A planned contact or task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FollowUp {
    /// Its id.
    pub id: FollowUpId,
    /// Whom it concerns.
    pub customer: CustomerId,
    /// When it is due (for a snoozed one: when it wakes up).
    #[serde(with = "crate::json::instant")]
    pub due: DateTime<Utc>,
    /// What is planned.
    pub kind: FollowUpKind,
    /// On which channel, if it is a contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// How urgent.
    pub priority: Priority,
    /// A note for whoever does it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Who is to do it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Where it stands.
    pub status: FollowUpStatus,
    /// Why it exists.
    pub origin: Origin,
    /// How it repeats, if it does (evaluated in the customer's time zone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrence: Option<Recurrence>,
    /// The first due time of the series (the recurrence's start).
    #[serde(with = "crate::json::instant")]
    pub series_start: DateTime<Utc>,
    /// Which occurrence of the series this is (0 for the first or a one-off).
    pub occurrence: u32,
    /// The planned due time before any snooze.
    #[serde(with = "crate::json::instant")]
    pub planned: DateTime<Utc>,
    /// When it was done or cancelled.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::json::opt_instant"
    )]
    pub closed_at: Option<DateTime<Utc>>,
}

impl FollowUp {
    /// The next occurrence of a recurring follow-up after this one, in `tz`.
    pub fn next_occurrence(&self, tz: crate::contact::TimeZone) -> Option<DateTime<Utc>> {
        self.recurrence
            .as_ref()
            .and_then(|r| r.next_after(self.series_start, tz, self.planned))
    }
}

/// A follow-up as given to [`Crm::schedule_follow_up`](crate::Crm::schedule_follow_up).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct NewFollowUp {
    /// Whom it concerns.
    pub customer: Option<CustomerId>,
    /// When it is due.
    #[serde(default, with = "crate::json::opt_instant")]
    pub due: Option<DateTime<Utc>>,
    /// What is planned (default: task).
    pub kind: FollowUpKind,
    /// On which channel.
    pub channel: Option<Channel>,
    /// How urgent (default: normal).
    pub priority: Priority,
    /// A note.
    pub note: Option<String>,
    /// Who is to do it (default: the customer's owner).
    pub owner: Option<String>,
    /// An RRULE (`FREQ=WEEKLY;BYDAY=MO`), evaluated in the customer's time zone.
    pub recurrence: Option<String>,
    /// Use this id instead of generating one.
    pub id: Option<FollowUpId>,
    /// Who plans it.
    pub actor: Option<String>,
}

impl NewFollowUp {
    /// A follow-up of `kind` for `customer`, due at `due`.
    pub fn new(customer: CustomerId, due: DateTime<Utc>, kind: FollowUpKind) -> Self {
        Self {
            customer: Some(customer),
            due: Some(due),
            kind,
            ..Self::default()
        }
    }

    /// Sets the channel.
    #[must_use]
    pub fn on(mut self, channel: Channel) -> Self {
        self.channel = Some(channel);
        self
    }

    /// Sets the priority.
    #[must_use]
    pub fn priority(mut self, priority: Priority) -> Self {
        self.priority = priority;
        self
    }

    /// Sets the note.
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// Sets the owner.
    #[must_use]
    pub fn owned_by(mut self, owner: impl Into<String>) -> Self {
        self.owner = Some(owner.into());
        self
    }

    /// Makes it repeat (an RRULE).
    #[must_use]
    pub fn repeating(mut self, rrule: impl Into<String>) -> Self {
        self.recurrence = Some(rrule.into());
        self
    }

    pub(crate) fn required(&self) -> Result<(CustomerId, DateTime<Utc>)> {
        let customer = self
            .customer
            .ok_or_else(|| Error::invalid("customer", "", "a follow-up needs a customer"))?;
        let due = self
            .due
            .ok_or_else(|| Error::invalid("due", "", "a follow-up needs a due time"))?;
        Ok((customer, due))
    }
}
