//! Events: the facts a [`Crm`](crate::Crm) records. State is a fold over them.
//!
//! Each event is wrapped in an [`Event`] envelope with a schema version, a sequence number,
//! the time and the actor. The JSON form is stable and is what the bindings and any storage
//! read and write:
//!
//! ```json
//! {"v":2,"seq":3,"at":"2026-01-05T09:00:00Z","actor":"ana",
//!  "event":{"type":"stage_changed","customer":"…","change":{…}}}
//! ```
//!
//! Personal data lives only in events that name their customer, so that erasing a customer
//! can later redact exactly those events.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::consent::{ConsentRecord, ConsentScope};
use crate::customer::{Customer, CustomerChanges};
use crate::error::{Error, Result};
use crate::id::{CaseId, CustomerId, FollowUpId};
use crate::interaction::{Case, Interaction};
use crate::lifecycle::StageChange;
use crate::merge::{Merge, Unmerge};
use crate::schedule::followup::FollowUp;
use crate::settings::SettingsChange;

#[macro_use]
pub(crate) mod decode;

/// The event schema version this build writes. Older versions are read; newer are refused,
/// so that an older build never drops what it does not know.
///
/// - 1: the first schema.
/// - 2: interactions and cases may carry a `priority` (missing in version 1: none); the
///   `settings_changed` event records the book's settings (a version 1 journal has none:
///   its book starts from the default settings, or those given to the builder).
pub const SCHEMA_VERSION: u16 = 2;

/// One recorded fact with its envelope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Event {
    /// Schema version of the payload.
    pub v: u16,
    /// Position in the journal, from 1, without gaps.
    pub seq: u64,
    /// When it was recorded (the clock's time).
    #[serde(with = "crate::json::instant")]
    pub at: DateTime<Utc>,
    /// Who caused it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// What happened.
    pub event: EventKind,
}

tagged_first! {
/// What happened.
///
/// In JSON, an object whose `"type"` names the kind (snake_case) beside the kind's fields.
/// The type is written first and read fastest there; it is read in any position.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventKind {
    /// A customer was created (with its initial stage in the history).
    CustomerCreated {
        /// The whole new record, shared with the book's state and an in-memory journal
        /// (serialized as the record itself).
        customer: Arc<Customer>,
    },
    /// A customer's fields changed.
    CustomerUpdated {
        /// Whose.
        customer: CustomerId,
        /// The validated changes.
        changes: Box<CustomerChanges>,
    },
    /// A customer moved to another lifecycle stage.
    StageChanged {
        /// Whose.
        customer: CustomerId,
        /// The recorded change.
        change: StageChange,
    },
    /// An interaction was logged.
    InteractionLogged {
        /// The interaction.
        interaction: Box<Interaction>,
    },
    /// A case (complaint) was opened.
    CaseOpened {
        /// The case.
        case: Box<Case>,
    },
    /// A case was resolved.
    CaseResolved {
        /// Which case.
        case: CaseId,
        /// Whose case.
        customer: CustomerId,
        /// When.
        #[serde(with = "crate::json::instant")]
        resolved_at: DateTime<Utc>,
        /// How.
        resolution: String,
    },
    /// A follow-up was planned (or a recurring one's next occurrence was made).
    FollowUpScheduled {
        /// The follow-up.
        follow_up: Box<FollowUp>,
    },
    /// A follow-up was moved to a new due time.
    FollowUpRescheduled {
        /// Which.
        follow_up: FollowUpId,
        /// Whose.
        customer: CustomerId,
        /// The new due time.
        #[serde(with = "crate::json::instant")]
        due: DateTime<Utc>,
    },
    /// A follow-up was put off.
    FollowUpSnoozed {
        /// Which.
        follow_up: FollowUpId,
        /// Whose.
        customer: CustomerId,
        /// Until when.
        #[serde(with = "crate::json::instant")]
        until: DateTime<Utc>,
    },
    /// A follow-up was done.
    FollowUpCompleted {
        /// Which.
        follow_up: FollowUpId,
        /// Whose.
        customer: CustomerId,
        /// When.
        #[serde(with = "crate::json::instant")]
        at: DateTime<Utc>,
    },
    /// A follow-up was called off.
    FollowUpCancelled {
        /// Which.
        follow_up: FollowUpId,
        /// Whose.
        customer: CustomerId,
        /// When.
        #[serde(with = "crate::json::instant")]
        at: DateTime<Utc>,
    },
    /// A customer's own keep-in-touch cadence was set or removed.
    CadenceSet {
        /// Whose.
        customer: CustomerId,
        /// Every how many days; `None` removes it (the book's rules apply again).
        every_days: Option<u32>,
    },
    /// A customer's consent for one scope was recorded.
    ConsentRecorded {
        /// Whose.
        customer: CustomerId,
        /// For what.
        scope: ConsentScope,
        /// Granted or denied, when, and from which source.
        record: ConsentRecord,
    },
    /// Duplicate customers were merged into a survivor: the absorbed records left the book,
    /// their interactions, cases and follow-ups moved to the survivor.
    CustomersMerged {
        /// Everything needed to apply and to undo it: the survivor before and after, the
        /// absorbed records and the ids of every item that moved (shared with the book's
        /// record of the merge).
        merge: Arc<Merge>,
    },
    /// A merge was undone: the absorbed customers and their items are back.
    CustomersUnmerged {
        /// The restored records, the items moved back and the survivor's new record.
        unmerge: Arc<Unmerge>,
    },
    /// The book's settings changed (agenda settings, contact policy, default time zone).
    /// Names no customer and holds no personal data.
    SettingsChanged {
        /// The parts that changed.
        change: Box<SettingsChange>,
    },
}
}

impl EventKind {
    /// The snake_case type tag, as in the JSON.
    pub fn type_name(&self) -> &'static str {
        match self {
            EventKind::CustomerCreated { .. } => "customer_created",
            EventKind::CustomerUpdated { .. } => "customer_updated",
            EventKind::StageChanged { .. } => "stage_changed",
            EventKind::InteractionLogged { .. } => "interaction_logged",
            EventKind::CaseOpened { .. } => "case_opened",
            EventKind::CaseResolved { .. } => "case_resolved",
            EventKind::FollowUpScheduled { .. } => "follow_up_scheduled",
            EventKind::FollowUpRescheduled { .. } => "follow_up_rescheduled",
            EventKind::FollowUpSnoozed { .. } => "follow_up_snoozed",
            EventKind::FollowUpCompleted { .. } => "follow_up_completed",
            EventKind::FollowUpCancelled { .. } => "follow_up_cancelled",
            EventKind::ConsentRecorded { .. } => "consent_recorded",
            EventKind::CadenceSet { .. } => "cadence_set",
            EventKind::CustomersMerged { .. } => "customers_merged",
            EventKind::CustomersUnmerged { .. } => "customers_unmerged",
            EventKind::SettingsChanged { .. } => "settings_changed",
        }
    }

    /// The customer the event is about; `None` for book-level events (settings).
    pub fn customer(&self) -> Option<CustomerId> {
        Some(match self {
            EventKind::CustomerCreated { customer } => customer.id,
            EventKind::CustomerUpdated { customer, .. }
            | EventKind::StageChanged { customer, .. }
            | EventKind::CaseResolved { customer, .. }
            | EventKind::FollowUpRescheduled { customer, .. }
            | EventKind::FollowUpSnoozed { customer, .. }
            | EventKind::FollowUpCompleted { customer, .. }
            | EventKind::FollowUpCancelled { customer, .. }
            | EventKind::ConsentRecorded { customer, .. }
            | EventKind::CadenceSet { customer, .. } => *customer,
            EventKind::FollowUpScheduled { follow_up } => follow_up.customer,
            EventKind::InteractionLogged { interaction } => interaction.customer,
            EventKind::CaseOpened { case } => case.customer,
            EventKind::CustomersMerged { merge } => merge.survivor(),
            EventKind::CustomersUnmerged { unmerge } => unmerge.survivor.id,
            EventKind::SettingsChanged { .. } => return None,
        })
    }
}

impl Event {
    /// The event as one line of JSON.
    pub fn to_json(&self) -> String {
        // Serializing these types cannot fail: every map key is a string.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads one event from JSON.
    ///
    /// # Errors
    /// [`Error::Decode`] for malformed JSON, an unknown event type, or a schema version newer
    /// than [`SCHEMA_VERSION`].
    pub fn from_json(json: &str) -> Result<Event> {
        let e: Event = crate::json::from_str(json).map_err(|e| Error::Decode {
            what: "event".to_owned(),
            reason: e.to_string(),
        })?;
        e.check_version()?;
        Ok(e)
    }

    pub(crate) fn check_version(&self) -> Result<()> {
        if self.v == 0 || self.v > SCHEMA_VERSION {
            return Err(Error::Decode {
                what: "event".to_owned(),
                reason: format!(
                    "event {} has schema version {}, this build reads 1 to {SCHEMA_VERSION}",
                    self.seq, self.v
                ),
            });
        }
        Ok(())
    }
}

/// Writes events as JSON Lines (one event per line).
pub fn to_json_lines(events: &[Event]) -> String {
    let mut out = String::new();
    for e in events {
        out.push_str(&e.to_json());
        out.push('\n');
    }
    out
}

/// Reads events from JSON Lines (blank lines are skipped) or from a JSON array.
///
/// # Errors
/// [`Error::Row`] around [`Error::Decode`] naming the 1-based line that cannot be read.
pub fn from_json_lines(text: &str) -> Result<Vec<Event>> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') {
        let events: Vec<Event> = crate::json::from_str(trimmed).map_err(|e| Error::Decode {
            what: "journal".to_owned(),
            reason: e.to_string(),
        })?;
        for (i, e) in events.iter().enumerate() {
            e.check_version().map_err(|err| err.at_row(i + 1))?;
        }
        return Ok(events);
    }
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| Event::from_json(l).map_err(|e| e.at_row(i + 1)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_future_versions_and_names_the_line() {
        let line = r#"{"v":9,"seq":1,"at":"2026-01-01T00:00:00Z","event":{"type":"case_resolved","case":"0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a11","customer":"0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a12","resolved_at":"2026-01-01T00:00:00Z","resolution":"refund"}}"#;
        let err = Event::from_json(line).unwrap_err();
        assert_eq!(err.code(), "decode");
        assert!(err.to_string().contains("version 9"));
        let ok = line.replace("\"v\":9", "\"v\":1");
        let e = Event::from_json(&ok).expect("reads");
        assert_eq!(e.event.type_name(), "case_resolved");
        let text = format!("{ok}\n\nnot json\n");
        let err = from_json_lines(&text).unwrap_err();
        assert_eq!(err.row(), Some(3));
        assert_eq!(from_json_lines(&format!("[{ok}]")).expect("array").len(), 1);
        assert_eq!(
            from_json_lines(&to_json_lines(std::slice::from_ref(&e))).expect("round"),
            vec![e]
        );
    }
}
