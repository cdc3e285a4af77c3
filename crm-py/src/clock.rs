//! `FixedClock`: a clock that says what it is told, shared with the books that read it.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use crm_core::clock::{Clock, FixedClock as CoreFixedClock};
use pyo3::prelude::*;

use crate::conversion::{iso, to_utc};

/// A clock stopped at a tz-aware instant. A book built with it reads its time from it, so
/// moving the clock moves the book.
#[pyclass(module = "crm", name = "FixedClock", frozen)]
pub(crate) struct FixedClock {
    pub(crate) inner: Arc<CoreFixedClock>,
}

#[pymethods]
impl FixedClock {
    #[new]
    fn new(at: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self {
            inner: Arc::new(CoreFixedClock::new(to_utc(at, "at")?)),
        })
    }

    /// The current time (UTC).
    fn now(&self) -> DateTime<Utc> {
        self.inner.now()
    }

    /// Sets the time.
    fn set(&self, at: &Bound<'_, PyAny>) -> PyResult<()> {
        self.inner.set(to_utc(at, "at")?);
        Ok(())
    }

    /// Moves the time by `delta` (which may be negative).
    fn advance(&self, delta: Duration) {
        self.inner.advance(delta);
    }

    fn __repr__(&self) -> String {
        format!("FixedClock('{}')", iso(&self.inner.now()))
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<FixedClock>()
}
