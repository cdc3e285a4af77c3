//! UTC offsets of a time zone and the instants at which they change.
//!
//! A [`TimeZone`](crate::contact::TimeZone) answers "what is the offset at this instant?"
//! but does not list its transitions, so [`next_transition`] finds the next one by probing
//! the offset every [`PROBE_HOURS`] and bisecting to the nanosecond. Searches that ask this many times over the
//! same stretch of time (the agenda places thousands of items in one week) find the
//! transitions of that stretch once with [`ZoneOffsets::known`] and then answer from the
//! list; outside the stretch they probe as before, so the answers are the same either way.

use crate::contact::TimeZone as Tz;
use chrono::{DateTime, Duration, NaiveDateTime, Offset, TimeZone, Utc};

/// The step at which the offset of a zone is probed for changes; zones do not change their
/// offset twice within it.
const PROBE_HOURS: i64 = 6;

/// The offset of `tz` from UTC at `at`, in seconds.
pub(crate) fn offset_secs(tz: Tz, at: DateTime<Utc>) -> i64 {
    i64::from(
        tz.offset_from_utc_datetime(&at.naive_utc())
            .fix()
            .local_minus_utc(),
    )
}

/// The wall-clock time in `tz` at `at` (`None` only at the very ends of chrono's range).
pub(crate) fn local_time(tz: Tz, at: DateTime<Utc>) -> Option<NaiveDateTime> {
    with_offset(at, offset_secs(tz, at))
}

fn with_offset(at: DateTime<Utc>, offset: i64) -> Option<NaiveDateTime> {
    at.naive_utc().checked_add_signed(Duration::seconds(offset))
}

/// The first instant in `(from, to]` at which the offset of `tz` differs from its offset at
/// `from`, to the nanosecond; `None` if the offset does not change in that range.
pub(crate) fn next_transition(
    tz: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let offset = offset_secs(tz, from);
    let mut lo = from;
    while lo < to {
        let hi = lo
            .checked_add_signed(Duration::hours(PROBE_HOURS))
            .map_or(to, |h| h.min(to));
        if offset_secs(tz, hi) != offset {
            // The offset is `offset` at `a` and differs at `b`: bisect.
            let (mut a, mut b) = (lo, hi);
            loop {
                let gap = (b - a).num_nanoseconds()?;
                if gap <= 1 {
                    return Some(b);
                }
                let mid = a.checked_add_signed(Duration::nanoseconds(gap / 2))?;
                if offset_secs(tz, mid) == offset {
                    a = mid;
                } else {
                    b = mid;
                }
            }
        }
        lo = hi;
    }
    None
}

/// A time zone, with the offsets of one stretch of time `[from, to]` worked out in advance.
///
/// Inside the stretch, offsets and transitions are read from a short list (for most zones
/// and weeks: one fixed offset); anything reaching outside it probes the zone like
/// [`offset_secs`] and [`next_transition`], which give the same answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ZoneOffsets {
    tz: Tz,
    /// The stretch whose offsets are known, if any.
    span: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// The offset at the start of the stretch.
    initial: i64,
    /// The transitions inside the stretch, in time order, each with the offset from then on.
    changes: Vec<(DateTime<Utc>, i64)>,
}

impl ZoneOffsets {
    /// `tz` with nothing worked out in advance: every question probes the zone.
    pub(crate) fn probing(tz: Tz) -> Self {
        Self {
            tz,
            span: None,
            initial: 0,
            changes: Vec::new(),
        }
    }

    /// `tz` with the offsets of `[from, to]` worked out (one probe every few hours).
    pub(crate) fn known(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Self {
        if to < from {
            return Self::probing(tz);
        }
        let mut changes = Vec::new();
        let mut cur = from;
        while let Some(t) = next_transition(tz, cur, to) {
            changes.push((t, offset_secs(tz, t)));
            cur = t;
        }
        Self {
            tz,
            span: Some((from, to)),
            initial: offset_secs(tz, from),
            changes,
        }
    }

    /// Whether `[a, b]` lies in the stretch worked out in advance.
    fn covers(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> bool {
        self.span.is_some_and(|(from, to)| from <= a && b <= to)
    }

    /// The offset from UTC at `at`, in seconds: [`offset_secs`].
    pub(crate) fn offset_secs(&self, at: DateTime<Utc>) -> i64 {
        if !self.covers(at, at) {
            return offset_secs(self.tz, at);
        }
        let passed = self.changes.partition_point(|(t, _)| *t <= at);
        match passed.checked_sub(1).and_then(|i| self.changes.get(i)) {
            Some((_, offset)) => *offset,
            None => self.initial,
        }
    }

    /// The wall-clock time at `at`: [`local_time`].
    pub(crate) fn local_time(&self, at: DateTime<Utc>) -> Option<NaiveDateTime> {
        with_offset(at, self.offset_secs(at))
    }

    /// The first change of offset in `(from, to]`: [`next_transition`].
    pub(crate) fn next_transition(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        if !self.covers(from, to) {
            return next_transition(self.tz, from, to);
        }
        let next = self.changes.partition_point(|(t, _)| *t <= from);
        self.changes.get(next).map(|(t, _)| *t).filter(|t| *t <= to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::test_zones::{Berlin, Kolkata, Lord_Howe, New_York};
    use proptest::prelude::*;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    #[test]
    fn transitions_are_found_to_the_nanosecond() {
        let from = utc(2024, 3, 1, 0, 0);
        let to = utc(2024, 12, 1, 0, 0);
        let t = next_transition(Berlin, from, to);
        assert_eq!(t, Some(utc(2024, 3, 31, 1, 0)));
        let t2 = t.and_then(|t| next_transition(Berlin, t, to));
        assert_eq!(t2, Some(utc(2024, 10, 27, 1, 0)));
        // Lord Howe moves by half an hour: 02:00 +11 → 01:30 +10:30 on 2024-04-07.
        let lh = next_transition(Lord_Howe, from, to);
        assert_eq!(lh, Some(utc(2024, 4, 6, 15, 0)));
        let kolkata = next_transition(Kolkata, from, to);
        assert_eq!(kolkata, None);
    }

    #[test]
    fn known_offsets_list_the_transitions() {
        let z = ZoneOffsets::known(Berlin, utc(2024, 3, 1, 0, 0), utc(2024, 12, 1, 0, 0));
        assert_eq!(
            z.changes,
            [
                (utc(2024, 3, 31, 1, 0), 7200),
                (utc(2024, 10, 27, 1, 0), 3600)
            ]
        );
        assert_eq!(z.initial, 3600);
        assert_eq!(z.offset_secs(utc(2024, 3, 31, 0, 59)), 3600);
        assert_eq!(z.offset_secs(utc(2024, 3, 31, 1, 0)), 7200);
        assert_eq!(
            z.next_transition(utc(2024, 3, 31, 1, 0), utc(2024, 11, 1, 0, 0)),
            Some(utc(2024, 10, 27, 1, 0))
        );
        assert_eq!(
            z.next_transition(utc(2024, 4, 1, 0, 0), utc(2024, 10, 27, 0, 0)),
            None
        );
        // Outside the stretch the zone is probed.
        assert_eq!(z.offset_secs(utc(2025, 7, 1, 0, 0)), 7200);
        assert_eq!(
            z.next_transition(utc(2024, 11, 1, 0, 0), utc(2025, 6, 1, 0, 0)),
            Some(utc(2025, 3, 30, 1, 0))
        );
        // A stretch in winter has one fixed offset; an empty stretch probes.
        let winter = ZoneOffsets::known(Berlin, utc(2024, 1, 1, 0, 0), utc(2024, 2, 1, 0, 0));
        assert!(winter.changes.is_empty());
        assert_eq!(
            ZoneOffsets::known(Berlin, utc(2024, 2, 1, 0, 0), utc(2024, 1, 1, 0, 0)),
            ZoneOffsets::probing(Berlin)
        );
    }

    fn zone() -> impl Strategy<Value = Tz> {
        prop_oneof![Just(New_York), Just(Berlin), Just(Lord_Howe), Just(Kolkata),]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Known offsets answer exactly as probing does, inside the stretch and across its
        /// edges.
        #[test]
        fn known_offsets_answer_like_probing(
            tz in zone(),
            start in 0i64..3 * 365 * 24 * 60,
            len in 0i64..400 * 24 * 60,
            probes in proptest::collection::vec((-2000i64..600_000, 0i64..5000), 16),
        ) {
            let from = utc(2023, 1, 1, 0, 0) + Duration::minutes(start);
            let to = from + Duration::minutes(len);
            let z = ZoneOffsets::known(tz, from, to);
            for (a, span) in probes {
                let at = from + Duration::minutes(a);
                let end = at + Duration::minutes(span);
                prop_assert_eq!(z.offset_secs(at), offset_secs(tz, at));
                prop_assert_eq!(z.local_time(at), local_time(tz, at));
                prop_assert_eq!(z.next_transition(at, end), next_transition(tz, at, end));
            }
        }
    }
}
