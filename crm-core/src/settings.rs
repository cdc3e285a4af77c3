//! The book's settings: what the agenda includes, the contact policy and the default time
//! zone. They are part of the journal: a change is a [`SettingsChanged`] event, so replaying
//! a journal reproduces the agenda and every `can_contact` answer without the caller
//! configuring the replayed book again.
//!
//! Settings given to [`CrmBuilder`](crate::CrmBuilder) are recorded too: with the book's
//! first command (after a replay: with the next one) when they differ from what the journal
//! holds. [`Crm::change_settings`](crate::Crm::change_settings) records a change at once.
//!
//! [`SettingsChanged`]: crate::EventKind::SettingsChanged
//!
//! ```
//! use std::sync::Arc;
//! use chrono::{TimeZone as _, Utc};
//! use crm_core::clock::FixedClock;
//! use crm_core::contact::TimeZone;
//! use crm_core::settings::SettingsChange;
//! use crm_core::{Crm, NewCustomer};
//!
//! let clock = Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap()));
//! let mut crm = Crm::builder().clock(clock).seed(1).time_zone(TimeZone::parse("Europe/Berlin")?).build();
//! crm.create_customer(NewCustomer::default().with_name("Ada", "Lovelace"))?;
//! crm.change_settings(SettingsChange::default().with_time_zone(TimeZone::parse("Asia/Tokyo")?), None)?;
//! // The journal holds both: a replay with default options has the latest zone.
//! let again = Crm::replay(crm.events().to_vec())?;
//! assert_eq!(again.default_time_zone().name(), "Asia/Tokyo");
//! assert_eq!(again.settings(), crm.settings());
//! # Ok::<(), crm_core::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::contact::TimeZone;
use crate::schedule::agenda::AgendaSettings;
use crate::schedule::policy::ContactPolicy;

/// The settings of a book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Settings {
    /// What the agenda includes besides planned follow-ups.
    pub agenda: AgendaSettings,
    /// The rules of [`Crm::can_contact`](crate::Crm::can_contact) and the agenda's placement.
    pub contact_policy: ContactPolicy,
    /// The time zone of customers who have none.
    pub time_zone: TimeZone,
}

impl Default for Settings {
    /// The default agenda settings and contact policy, in UTC.
    fn default() -> Self {
        Self {
            agenda: AgendaSettings::default(),
            contact_policy: ContactPolicy::default(),
            time_zone: TimeZone::UTC,
        }
    }
}

impl Settings {
    /// Applies `change`: each part it holds replaces the book's.
    pub(crate) fn apply(&mut self, change: &SettingsChange) {
        if let Some(agenda) = &change.agenda {
            self.agenda = (**agenda).clone();
        }
        if let Some(policy) = &change.contact_policy {
            self.contact_policy = (**policy).clone();
        }
        if let Some(tz) = change.time_zone {
            self.time_zone = tz;
        }
    }

    /// The parts of `change` that differ from these settings.
    pub(crate) fn differences(&self, change: SettingsChange) -> SettingsChange {
        SettingsChange {
            agenda: change.agenda.filter(|a| **a != self.agenda),
            contact_policy: change.contact_policy.filter(|p| **p != self.contact_policy),
            time_zone: change.time_zone.filter(|z| *z != self.time_zone),
        }
    }
}

/// A change of settings: each part given replaces the book's; missing parts stay.
///
/// Serializes with the missing parts left out; a part added by a later version is read as
/// missing by this one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SettingsChange {
    /// New agenda settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agenda: Option<Box<AgendaSettings>>,
    /// A new contact policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_policy: Option<Box<ContactPolicy>>,
    /// A new time zone for customers who have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<TimeZone>,
}

impl SettingsChange {
    /// The same change, also replacing the agenda settings.
    #[must_use]
    pub fn with_agenda(mut self, agenda: AgendaSettings) -> Self {
        self.agenda = Some(Box::new(agenda));
        self
    }

    /// The same change, also replacing the contact policy.
    #[must_use]
    pub fn with_contact_policy(mut self, policy: ContactPolicy) -> Self {
        self.contact_policy = Some(Box::new(policy));
        self
    }

    /// The same change, also replacing the default time zone.
    #[must_use]
    pub fn with_time_zone(mut self, tz: TimeZone) -> Self {
        self.time_zone = Some(tz);
        self
    }

    /// Whether the change changes nothing.
    pub fn is_empty(&self) -> bool {
        self.agenda.is_none() && self.contact_policy.is_none() && self.time_zone.is_none()
    }
}
