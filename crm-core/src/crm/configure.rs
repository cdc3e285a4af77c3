//! Changing the book's settings, and recording the settings given to the builder.

use chrono::{DateTime, Utc};

use super::Crm;
use crate::error::Result;
use crate::event::{Event, EventKind, SCHEMA_VERSION};
use crate::settings::{Settings, SettingsChange};

impl Crm {
    /// Changes the book's settings: each part of `change` replaces the book's. The change is
    /// recorded in the journal (when it changes anything), so a replay reproduces it.
    ///
    /// # Errors
    /// [`Error::InvalidValue`](crate::Error::InvalidValue) for invalid agenda settings (see
    /// [`AgendaSettings::validate`](crate::schedule::agenda::AgendaSettings::validate));
    /// whatever the journal reports.
    ///
    /// ```
    /// use crm_core::Crm;
    /// use crm_core::schedule::policy::ContactPolicy;
    /// use crm_core::settings::SettingsChange;
    ///
    /// let mut crm = Crm::new();
    /// let policy = ContactPolicy::default().with_weekends(true);
    /// crm.change_settings(SettingsChange::default().with_contact_policy(policy.clone()), Some("ops"))?;
    /// assert_eq!(crm.contact_policy(), &policy);
    /// assert_eq!(crm.events().last().map(|e| e.event.type_name()), Some("settings_changed"));
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn change_settings(
        &mut self,
        change: SettingsChange,
        actor: Option<&str>,
    ) -> Result<&Settings> {
        if let Some(agenda) = &change.agenda {
            agenda.validate()?;
        }
        let change = self.state.settings.differences(change);
        if !change.is_empty() {
            self.commit_events(
                actor,
                vec![EventKind::SettingsChanged {
                    change: Box::new(change),
                }],
            )?;
        }
        Ok(self.settings())
    }

    /// Puts the settings given to the builder in effect; those the journal does not hold
    /// are recorded with the next command.
    pub(super) fn adopt(&mut self, wanted: SettingsChange) {
        let change = self.state.settings.differences(wanted);
        if !change.is_empty() {
            self.state.settings.apply(&change);
            self.unrecorded = Some(change);
        }
    }

    /// Records the settings given to the builder, if they are not in the journal yet.
    pub(super) fn record_settings(&mut self, at: DateTime<Utc>) -> Result<()> {
        let Some(change) = self.unrecorded.take() else {
            return Ok(());
        };
        let event = Event {
            v: SCHEMA_VERSION,
            seq: self.state.last_seq + 1,
            at,
            actor: None,
            event: EventKind::SettingsChanged {
                change: Box::new(change),
            },
        };
        if let Err(e) = self.journal.append(std::slice::from_ref(&event)) {
            if let EventKind::SettingsChanged { change } = event.event {
                self.unrecorded = Some(*change);
            }
            return Err(e);
        }
        // The settings are in effect already; this advances the sequence.
        self.state.apply(&event);
        Ok(())
    }
}
