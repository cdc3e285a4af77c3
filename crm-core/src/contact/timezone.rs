//! IANA time zones.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

/// An IANA time zone, such as `Europe/Berlin` (the zone database is compiled in, so this
/// works the same on every target, wasm included).
///
/// Serializes as its name; deserialization validates. Ordered by name.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct TimeZone(Tz);

impl TimeZone {
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
        if let Ok(tz) = Tz::from_str(name) {
            return Ok(TimeZone(tz));
        }
        chrono_tz::TZ_VARIANTS
            .iter()
            .find(|tz| tz.name().eq_ignore_ascii_case(name))
            .map(|tz| TimeZone(*tz))
            .ok_or_else(|| Error::InvalidTimeZone {
                field: "time_zone".to_owned(),
                value: input.to_owned(),
            })
    }

    /// The IANA name (`Europe/Berlin`).
    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The `chrono_tz` zone, for date-time arithmetic.
    pub fn tz(&self) -> Tz {
        self.0
    }
}

impl From<Tz> for TimeZone {
    fn from(tz: Tz) -> Self {
        TimeZone(tz)
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, Offset, TimeZone as _};

    #[test]
    fn parses_exact_and_case_insensitive() -> Result<()> {
        assert_eq!(TimeZone::parse("Europe/Berlin")?.name(), "Europe/Berlin");
        assert_eq!(
            TimeZone::parse(" america/new_york ")?.name(),
            "America/New_York"
        );
        assert_eq!(TimeZone::parse("ASIA/KOLKATA")?.tz(), Tz::Asia__Kolkata);
        assert_eq!(TimeZone::parse("UTC")?.to_string(), "UTC");
        assert_eq!(TimeZone::parse("US/Eastern")?.name(), "US/Eastern");
        assert_eq!(
            "Australia/Sydney".parse::<TimeZone>()?,
            TimeZone::from(Tz::Australia__Sydney)
        );
        for tz in chrono_tz::TZ_VARIANTS.iter() {
            assert_eq!(TimeZone::parse(&tz.name().to_lowercase())?.tz(), *tz);
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
        let berlin = TimeZone::parse("Europe/Berlin")?.tz();
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
