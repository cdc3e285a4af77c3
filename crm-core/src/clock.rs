//! Where time comes from: the [`Clock`] trait, the real [`SystemClock`] and a [`FixedClock`]
//! that tests and replays set by hand.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Duration, Utc};

/// A source of the current time. The [`Crm`](crate::Crm) reads every timestamp it records
/// from its clock, so fixing the clock fixes the output.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// The system's wall clock (in the browser, JavaScript's `Date.now()`).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that says what it is told, to the microsecond. It can be moved while shared.
///
/// ```
/// use chrono::{Duration, TimeZone, Utc};
/// use crm_core::clock::{Clock, FixedClock};
///
/// let clock = FixedClock::new(Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap());
/// clock.advance(Duration::hours(2));
/// assert_eq!(clock.now(), Utc.with_ymd_and_hms(2026, 1, 1, 11, 0, 0).unwrap());
/// ```
#[derive(Debug)]
pub struct FixedClock {
    micros: AtomicI64,
}

impl FixedClock {
    /// A clock stopped at `at`.
    pub fn new(at: DateTime<Utc>) -> Self {
        Self {
            micros: AtomicI64::new(at.timestamp_micros()),
        }
    }

    /// Sets the time.
    pub fn set(&self, at: DateTime<Utc>) {
        self.micros.store(at.timestamp_micros(), Ordering::SeqCst);
    }

    /// Moves the time by `by` (which may be negative), stopping at the first and the last
    /// instants chrono holds (about 262,000 years before and after year 0).
    pub fn advance(&self, by: Duration) {
        let (first, last) = (
            DateTime::<Utc>::MIN_UTC.timestamp_micros(),
            DateTime::<Utc>::MAX_UTC.timestamp_micros(),
        );
        let _ = self
            .micros
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |m| {
                Some(match by.num_microseconds() {
                    Some(d) => m.saturating_add(d).clamp(first, last),
                    // More microseconds than an i64 holds: beyond either end from anywhere.
                    None if by < Duration::zero() => first,
                    None => last,
                })
            });
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_micros(self.micros.load(Ordering::SeqCst)).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_clock_moves_only_when_told() {
        let t = DateTime::from_timestamp(1_700_000_000, 0).expect("valid");
        let c = FixedClock::new(t);
        assert_eq!(c.now(), t);
        assert_eq!(c.now(), t);
        c.advance(Duration::seconds(-10));
        assert_eq!(c.now(), t - Duration::seconds(10));
        c.set(t);
        assert_eq!(c.now(), t);
        assert!(SystemClock.now() > t);
    }

    #[test]
    fn a_fixed_clock_stops_at_the_ends_of_time() {
        // Beyond them it read 1970 (a huge step wrapped to no instant at all).
        let t = DateTime::from_timestamp(1_700_000_000, 0).expect("valid");
        let c = FixedClock::new(t);
        // The clock counts microseconds.
        let micros = |at: DateTime<Utc>| DateTime::from_timestamp_micros(at.timestamp_micros());
        let (first, last) = (
            micros(DateTime::<Utc>::MIN_UTC),
            micros(DateTime::<Utc>::MAX_UTC),
        );
        c.advance(Duration::MAX);
        assert_eq!(Some(c.now()), last);
        c.advance(Duration::days(1));
        assert_eq!(Some(c.now()), last);
        c.advance(Duration::MIN);
        assert_eq!(Some(c.now()), first);
        c.advance(Duration::milliseconds(-1));
        assert_eq!(Some(c.now()), first);
    }
}
