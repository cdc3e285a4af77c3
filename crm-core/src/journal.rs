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
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MemoryJournal {
    events: Vec<Event>,
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
