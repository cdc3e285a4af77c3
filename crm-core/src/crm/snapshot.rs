//! Taking a book's snapshot and loading a book from one (see [`crate::snapshot`]).

use crate::error::Result;
use crate::event::Event;
use crate::snapshot;
use crate::state::State;

use super::{Crm, CrmBuilder};

impl Crm {
    /// The book's state as a JSON snapshot (see [`crate::snapshot`]): every record, the
    /// settings and the journal position, for [`CrmBuilder::from_snapshot`].
    ///
    /// The lifecycle model, the clock, the id seed and the default phone region are options
    /// of the builder, not state: give them again when loading.
    #[must_use]
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
    /// a newer format, records that cannot be read, or a customer in a stage the builder's
    /// lifecycle model does not have.
    pub fn from_snapshot(self, json: &str) -> Result<Crm> {
        self.from_snapshot_and_journal(json, [])
    }

    /// [`CrmBuilder::from_snapshot`], then the events recorded after the snapshot was taken.
    ///
    /// `events` are in journal order and may also be the whole journal: the events the
    /// snapshot holds already (`seq` up to the snapshot's) are not applied again, and may be
    /// left out; none after them may. All of them
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
        self.load(state, events.into_iter().collect(), "snapshot")
    }

    /// A book of `state` (a snapshot's, or none yet) and the `events` after it (the events
    /// it holds already may come first: they are not applied again), checked (`what` names
    /// the input in errors), then recorded in this builder's journal.
    pub(super) fn load(self, state: State, events: Vec<Event>, what: &str) -> Result<Crm> {
        let (mut crm, wanted) = self.parts();
        crm.state = state;
        let seen = crm.state.last_seq;
        // The whole journal, or the events after the state's: none missing after it.
        let first = events.first().map_or(0, |e| e.seq.min(seen + 1));
        check_order(&events, first.saturating_sub(1))?;
        for e in events.iter().filter(|e| e.seq > seen) {
            crm.state.apply(e);
        }
        crm.check_stages(what)?;
        crm.journal.append(&events)?;
        crm.observe_ids();
        crm.adopt(wanted);
        Ok(crm)
    }
}

/// Checks that events are of a schema this build reads and follow each other in `seq`
/// order from `after + 1`, none missing (a journal with a gap would load as another book).
pub(super) fn check_order(events: &[Event], after: u64) -> Result<()> {
    let mut last = after;
    for e in events {
        e.check_version()?;
        let problem = if e.seq <= last {
            "out of order"
        } else if e.seq > last + 1 {
            "events missing between them"
        } else {
            ""
        };
        if !problem.is_empty() {
            return Err(crate::Error::Decode {
                what: "journal".to_owned(),
                reason: format!("event seq {} follows seq {last}: {problem}", e.seq),
            });
        }
        last = e.seq;
    }
    Ok(())
}
