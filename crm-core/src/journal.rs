//! Journal sinks: where a [`Crm`](crate::Crm) sends the events of every accepted command,
//! before it applies them. A sink that fails makes the command fail, and nothing changes.

use crate::error::Result;
use crate::event::Event;

/// A sink for events. Implement it to stream the journal to a database, a file or a
/// message bus; the core itself does no I/O.
pub trait Journal: Send + Sync + std::fmt::Debug {
    /// Stores `events` (all of one command) durably, or fails without storing any.
    ///
    /// # Errors
    /// Whatever the sink reports, as [`Error::Journal`](crate::Error::Journal); the command
    /// then fails and the book is unchanged.
    fn append(&mut self, events: &[Event]) -> Result<()>;

    /// The events stored so far, when the sink keeps them in memory.
    fn events(&self) -> Option<&[Event]> {
        None
    }
}

/// Keeps every event in memory, in order. The default sink.
#[derive(Clone, Default, PartialEq)]
pub struct MemoryJournal {
    events: Vec<Event>,
}

/// Shows the number of events, not every event: a book's `Debug` (which includes its
/// journal) stays short, and a `dyn Journal`'s `Debug` does not bring the `Debug` of every
/// event and record into the wasm build (about 5 KB gzipped).
impl std::fmt::Debug for MemoryJournal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryJournal")
            .field("events", &self.events.len())
            .finish()
    }
}

impl MemoryJournal {
    /// An empty journal.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Journal for MemoryJournal {
    fn append(&mut self, events: &[Event]) -> Result<()> {
        self.events.extend_from_slice(events);
        Ok(())
    }

    fn events(&self) -> Option<&[Event]> {
        Some(&self.events)
    }
}

/// Discards events: for bulk work where the caller does not need the journal (halves the
/// memory of a large book).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoJournal;

impl Journal for NoJournal {
    fn append(&mut self, _events: &[Event]) -> Result<()> {
        Ok(())
    }
}
