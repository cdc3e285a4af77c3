//! IANA time zones.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use chrono::{FixedOffset, LocalResult, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::zone_table::{Local, Zone};
use crate::error::{Error, Result};

/// An IANA time zone, such as `Europe/Berlin`.
///
/// The zone database is compiled in (a compact copy of the one `chrono-tz` 0.10.4 ships,
/// about 30 KB gzipped on wasm), so this works the same on every target, wasm included, and
/// gives the same offsets as `chrono-tz` for every instant from 1800 to 2099; after 2099 the
/// zones keep the rules of their last years.
///
/// It is a [`chrono::TimeZone`]: date-times convert into it and out of it with chrono's
/// methods, and each conversion carries the zone's offset at that instant ([`ZoneOffset`]).
///
/// Serializes as its name; deserialization validates. Ordered by name.
///
/// ```
/// use chrono::{DateTime, TimeZone as _, Utc};
/// use crm_core::contact::TimeZone;
///
/// let berlin = TimeZone::parse("Europe/Berlin")?;
/// let at: DateTime<Utc> = "2026-07-01T10:00:00Z".parse().unwrap();
/// assert_eq!(at.with_timezone(&berlin).to_rfc3339(), "2026-07-01T12:00:00+02:00");
/// let local = berlin.with_ymd_and_hms(2026, 1, 15, 9, 0, 0).unwrap();
/// assert_eq!(local.with_timezone(&Utc).to_rfc3339(), "2026-01-15T08:00:00+00:00");
/// # Ok::<(), crm_core::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct TimeZone(Zone);

impl TimeZone {
    /// Coordinated Universal Time.
    pub const UTC: TimeZone = TimeZone(Zone::UTC);

    /// Parses an IANA zone name (`Europe/Berlin`, `America/New_York`, `UTC`, and the
    /// database's links such as `US/Eastern`). Surrounding whitespace is ignored; an exact
    /// match is preferred, otherwise case is ignored (`europe/berlin`).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidTimeZone`] with field `time_zone` when no zone has that name.
    ///
    /// ```
    /// use crm_core::contact::TimeZone;
    ///
    /// let tz = TimeZone::parse("europe/berlin")?;
    /// assert_eq!(tz.name(), "Europe/Berlin");
    /// assert!(TimeZone::parse("CEST").is_err());
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn parse(input: &str) -> Result<TimeZone> {
        let name = input.trim();
        Zone::find(name)
            .or_else(|| Zone::find_ignoring_case(name))
            .map(TimeZone)
            .ok_or_else(|| Error::InvalidTimeZone {
                field: "time_zone".to_owned(),
                value: input.to_owned(),
            })
    }

    /// The IANA name (`Europe/Berlin`).
    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The offsets, in seconds, that a wall-clock time may have: none in a gap, two where
    /// the clock is set back (the earlier instant's first).
    fn local_offsets(self, local: &NaiveDateTime) -> LocalResult<i32> {
        // Transitions fall on whole seconds: the second a local time lies in decides.
        match self.0.local_offset(local.and_utc().timestamp()) {
            Local::Single(offset) => LocalResult::Single(offset),
            Local::Ambiguous(earlier, later) => LocalResult::Ambiguous(earlier, later),
            Local::Gap => LocalResult::None,
        }
    }

    fn offset(self, seconds: i32) -> ZoneOffset {
        use chrono::Offset as _;
        // Zone offsets are within a day of UTC; UTC is the unreachable fallback.
        let fixed = FixedOffset::east_opt(seconds).unwrap_or_else(|| chrono::Utc.fix());
        ZoneOffset { zone: self, fixed }
    }
}

/// The offset of a [`TimeZone`] from UTC at some instant (the `Offset` of chrono's
/// `DateTime<TimeZone>`): displays as `+02:00`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ZoneOffset {
    zone: TimeZone,
    fixed: FixedOffset,
}

impl ZoneOffset {
    /// The zone.
    pub fn zone(&self) -> TimeZone {
        self.zone
    }
}

impl chrono::Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.fixed, f)
    }
}

impl fmt::Debug for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.zone.name(), self.fixed)
    }
}

impl chrono::TimeZone for TimeZone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Self {
        offset.zone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<ZoneOffset> {
        match local.and_hms_opt(0, 0, 0) {
            Some(midnight) => self.offset_from_local_datetime(&midnight),
            None => LocalResult::None,
        }
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<ZoneOffset> {
        self.local_offsets(local)
            .map(|seconds| self.offset(seconds))
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        let midnight = utc.and_hms_opt(0, 0, 0).unwrap_or_default();
        self.offset_from_utc_datetime(&midnight)
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        self.offset(self.0.utc_offset(utc.and_utc().timestamp()))
    }
}

impl fmt::Display for TimeZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Debug for TimeZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TimeZone({:?})", self.name())
    }
}

impl Hash for TimeZone {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name().hash(state);
    }
}

impl PartialOrd for TimeZone {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for TimeZone {
    fn cmp(&self, other: &Self) -> Ordering {
        self.name().cmp(other.name())
    }
}

impl FromStr for TimeZone {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        TimeZone::parse(s)
    }
}

impl Serialize for TimeZone {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for TimeZone {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        TimeZone::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Zones for the crate's tests, named as chrono-tz names them.
#[cfg(test)]
#[allow(non_upper_case_globals)]
pub(crate) mod test_zones {
    use super::{TimeZone, Zone};

    pub(crate) const UTC: TimeZone = TimeZone::UTC;
    pub(crate) const Berlin: TimeZone = TimeZone(Zone::named("Europe/Berlin"));
    pub(crate) const New_York: TimeZone = TimeZone(Zone::named("America/New_York"));
    pub(crate) const Lord_Howe: TimeZone = TimeZone(Zone::named("Australia/Lord_Howe"));
    pub(crate) const Kolkata: TimeZone = TimeZone(Zone::named("Asia/Kolkata"));
    pub(crate) const Apia: TimeZone = TimeZone(Zone::named("Pacific/Apia"));
    pub(crate) const Chatham: TimeZone = TimeZone(Zone::named("Pacific/Chatham"));
    pub(crate) const Santiago: TimeZone = TimeZone(Zone::named("America/Santiago"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Offset, TimeZone as _};

    #[test]
    fn parses_exact_and_case_insensitive() -> Result<()> {
        assert_eq!(TimeZone::parse("Europe/Berlin")?.name(), "Europe/Berlin");
        assert_eq!(
            TimeZone::parse(" america/new_york ")?.name(),
            "America/New_York"
        );
        assert_eq!(TimeZone::parse("ASIA/KOLKATA")?.name(), "Asia/Kolkata");
        assert_eq!(TimeZone::parse("UTC")?.to_string(), "UTC");
        assert_eq!(TimeZone::parse("US/Eastern")?.name(), "US/Eastern");
        assert_eq!(
            "Australia/Sydney".parse::<TimeZone>()?.name(),
            "Australia/Sydney"
        );
        for tz in chrono_tz::TZ_VARIANTS.iter() {
            assert_eq!(
                TimeZone::parse(&tz.name().to_lowercase())?.name(),
                tz.name()
            );
        }
        Ok(())
    }

    #[test]
    fn rejects_unknown_names() {
        for bad in ["", "CEST", "Europe/Berlim", "+02:00", "Berlin"] {
            match TimeZone::parse(bad) {
                Err(Error::InvalidTimeZone { field, value }) => {
                    assert_eq!(field, "time_zone");
                    assert_eq!(value, bad);
                }
                other => panic!("{bad:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn has_real_dst_rules() -> Result<()> {
        let berlin = TimeZone::parse("Europe/Berlin")?;
        let offset = |m, d| {
            NaiveDate::from_ymd_opt(2024, m, d)
                .and_then(|date| date.and_hms_opt(12, 0, 0))
                .map(|dt| {
                    berlin
                        .from_utc_datetime(&dt)
                        .offset()
                        .fix()
                        .local_minus_utc()
                })
        };
        assert_eq!(offset(1, 15), Some(3600));
        assert_eq!(offset(7, 15), Some(7200));
        Ok(())
    }

    #[test]
    fn is_a_chrono_time_zone() -> Result<()> {
        let berlin = TimeZone::parse("Europe/Berlin")?;
        // 29 March 2026: 02:00-03:00 does not exist; 25 October: 02:00-03:00 happens twice.
        assert_eq!(
            berlin.with_ymd_and_hms(2026, 3, 29, 2, 30, 0),
            LocalResult::None
        );
        let LocalResult::Ambiguous(first, second) = berlin.with_ymd_and_hms(2026, 10, 25, 2, 30, 0)
        else {
            panic!("the hour before the clocks go back is ambiguous");
        };
        assert_eq!(first.to_rfc3339(), "2026-10-25T02:30:00+02:00");
        assert_eq!(second.to_rfc3339(), "2026-10-25T02:30:00+01:00");
        assert_eq!(second - first, chrono::Duration::hours(1));
        let offset = *first.offset();
        assert_eq!(offset.to_string(), "+02:00");
        assert_eq!(format!("{offset:?}"), "Europe/Berlin+02:00");
        assert_eq!(offset.zone(), berlin);
        assert_eq!(TimeZone::from_offset(&offset), berlin);
        // Dates resolve at their midnight.
        let date = NaiveDate::from_ymd_opt(2026, 7, 1).expect("a date");
        assert_eq!(
            berlin.offset_from_utc_date(&date).fix().local_minus_utc(),
            7200
        );
        assert_eq!(
            berlin
                .offset_from_local_date(&date)
                .map(|o| o.fix().local_minus_utc()),
            LocalResult::Single(7200)
        );
        assert_eq!(TimeZone::UTC.name(), "UTC");
        assert_eq!(TimeZone::UTC, TimeZone::parse("utc")?);
        Ok(())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]

        /// Through chrono's API (instants and wall-clock times to the nanosecond, at random
        /// and around the zone's changes of offset), every zone answers as chrono-tz does,
        /// from 1800 to 2099.
        #[test]
        fn converts_as_chrono_tz_does(
            zone in 0..chrono_tz::TZ_VARIANTS.len(),
            // 1800-01-01 to 2098-11-26: the next change, looked for up to 400 days on, is
            // still before 2100 (after 2099 the zones differ from chrono-tz by design).
            seconds in -5_364_662_400i64..4_067_798_400,
            nanos in 0u32..1_000_000_000,
        ) {
            let theirs = chrono_tz::TZ_VARIANTS[zone];
            let ours = TimeZone::parse(theirs.name()).expect("every chrono-tz name parses");
            let start = chrono::DateTime::from_timestamp(seconds, nanos).expect("in range");
            // That instant, and instants around the zone's next change of offset.
            let mut instants = vec![start];
            let year_on = start + chrono::Duration::days(400);
            if let Some(change) = crate::schedule::zone::next_transition(ours, start, year_on) {
                for delta in [-7_200, -3_601, -1, 0, 1, 1_799, 3_600, 7_199] {
                    instants.push(change + chrono::Duration::seconds(delta));
                }
            }
            for at in instants.iter().map(chrono::DateTime::naive_utc) {
                proptest::prop_assert_eq!(
                    ours.from_utc_datetime(&at).naive_local(),
                    theirs.from_utc_datetime(&at).naive_local()
                );
                // The same numbers as a wall-clock time: none, one or two instants.
                let local = |r: LocalResult<chrono::DateTime<TimeZone>>| r.map(|d| d.to_utc());
                proptest::prop_assert_eq!(
                    local(ours.from_local_datetime(&at)),
                    theirs.from_local_datetime(&at).map(|d| d.to_utc())
                );
            }
        }
    }

    #[test]
    fn orders_and_serializes_by_name() -> std::result::Result<(), serde_json::Error> {
        let a: TimeZone = serde_json::from_str("\"America/Chicago\"")?;
        let b: TimeZone = serde_json::from_str("\"europe/paris\"")?;
        assert!(a < b);
        assert_eq!(serde_json::to_string(&b)?, "\"Europe/Paris\"");
        assert_eq!(format!("{b:?}"), "TimeZone(\"Europe/Paris\")");
        assert!(serde_json::from_str::<TimeZone>("\"Mars/Olympus\"").is_err());
        Ok(())
    }
}
