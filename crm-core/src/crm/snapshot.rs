//! Taking a book's snapshot and loading a book from one (see [`crate::snapshot`]).

use crate::error::Result;
use crate::event::Event;
use crate::snapshot;

use super::{Crm, CrmBuilder};

impl Crm {
    /// The book's state as a JSON snapshot (see [`crate::snapshot`]): every record, the
    /// settings and the journal position, for [`CrmBuilder::from_snapshot`].
    ///
    /// The lifecycle model, the clock, the id seed and the default phone region are options
    /// of the builder, not state: give them again when loading.
    pub fn snapshot_json(&self) -> String {
        snapshot::write(&self.state)
    }
}

impl CrmBuilder {
    /// A book holding the state of a snapshot taken by [`Crm::snapshot_json`], with this
    /// builder's clock, seed, journal, lifecycle model and default region. Its journal
    /// starts empty and continues the snapshot's sequence; the loaded book equals the one
    /// the snapshot was taken of.
    ///
    /// Settings given to this builder that differ from the snapshot's replace them, and are
    /// recorded with the next command (as after a replay).
    ///
    /// # Errors
    /// [`Error::Decode`](crate::Error::Decode) for text that is not a snapshot, a snapshot of
    /// a newer format, or records that cannot be read.
    pub fn from_snapshot(self, json: &str) -> Result<Crm> {
        self.from_snapshot_and_journal(json, [])
    }

    /// [`CrmBuilder::from_snapshot`], then the events recorded after the snapshot was taken.
    ///
    /// `events` are in journal order and may also be the whole journal: the events the
    /// snapshot holds already (`seq` up to the snapshot's) are not applied again. All of them
    /// go to this builder's journal, so a book stored as its journal plus a snapshot of it
    /// loads quickly and keeps its whole history.
    ///
    /// # Errors
    /// As [`CrmBuilder::from_snapshot`], and as [`CrmBuilder::replay`] for the events.
    pub fn from_snapshot_and_journal(
        self,
        json: &str,
        events: impl IntoIterator<Item = Event>,
    ) -> Result<Crm> {
        let state = snapshot::read(json)?;
        let (mut crm, wanted) = self.parts();
        crm.state = state;
        let events: Vec<Event> = events.into_iter().collect();
        check_order(&events)?;
        crm.journal.append(&events)?;
        let seen = crm.state.last_seq;
        for e in events.iter().filter(|e| e.seq > seen) {
            crm.state.apply(e);
        }
        crm.observe_ids();
        crm.adopt(wanted);
        Ok(crm)
    }
}

/// Checks that events are of a schema this build reads and in increasing `seq` order.
pub(super) fn check_order(events: &[Event]) -> Result<()> {
    let mut last = 0;
    for e in events {
        e.check_version()?;
        if e.seq <= last {
            return Err(crate::Error::Decode {
                what: "journal".to_owned(),
                reason: format!("event seq {} follows seq {last}: out of order", e.seq),
            });
        }
        last = e.seq;
    }
    Ok(())
}
