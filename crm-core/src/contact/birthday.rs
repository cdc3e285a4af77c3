//! Birthdays, with or without the year.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

pub(super) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A birthday: month and day, and the year when it is known.
///
/// 29 February is valid with an unknown year or a leap year. Written (and serialized) as
/// `1990-05-17`, or `--05-17` without the year (the vCard / ISO 8601 form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Birthday {
    year: Option<i32>,
    month: u32,
    day: u32,
}

impl Birthday {
    /// Builds a birthday.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidDate`] with field `birthday` when the month is not 1 to 12, the day
    /// does not exist in that month (29 February in a known non-leap year included), or the
    /// year is not between 1800 and 9999.
    ///
    /// ```
    /// use crm_core::contact::Birthday;
    ///
    /// let b = Birthday::new(Some(1990), 5, 17)?;
    /// assert_eq!(b.to_string(), "1990-05-17");
    /// assert!(Birthday::new(None, 2, 29).is_ok());
    /// assert!(Birthday::new(Some(2023), 2, 29).is_err());
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn new(year: Option<i32>, month: u32, day: u32) -> Result<Birthday> {
        let shown = match year {
            Some(y) => format!("{y:04}-{month:02}-{day:02}"),
            None => format!("--{month:02}-{day:02}"),
        };
        Birthday::checked(year, month, day).map_err(|reason| invalid(&shown, reason))
    }

    pub(super) fn checked(
        year: Option<i32>,
        month: u32,
        day: u32,
    ) -> std::result::Result<Birthday, String> {
        if let Some(y) = year {
            if !(1800..=9999).contains(&y) {
                return Err(format!("year {y} is not between 1800 and 9999"));
            }
        }
        let Some(month_name) = month
            .checked_sub(1)
            .and_then(|i| MONTHS.get(usize::try_from(i).ok()?))
        else {
            return Err(format!("month {month} is not between 1 and 12"));
        };
        let max = days_in_month(year, month);
        if day == 0 || day > max {
            return Err(match (month, day, year) {
                (2, 29, Some(y)) => format!("29 February does not exist in {y} (not a leap year)"),
                _ => format!("day {day} does not exist in {month_name}"),
            });
        }
        Ok(Birthday { year, month, day })
    }

    /// Reads `1990-05-17`, `--05-17` (year unknown, as in vCard) or `05-17`; the vCard basic
    /// forms `19900517` and `--0517` are accepted too. Surrounding whitespace is ignored.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidDate`] with field `birthday` for any other text, and for the same
    /// reasons as [`Birthday::new`].
    ///
    /// ```
    /// use crm_core::contact::Birthday;
    ///
    /// let b = Birthday::parse("--02-29")?;
    /// assert_eq!((b.year(), b.month(), b.day()), (None, 2, 29));
    /// assert_eq!(Birthday::parse("1985-12-01")?.year(), Some(1985));
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn parse(input: &str) -> Result<Birthday> {
        let s = input.trim();
        let fields = read_fields(s).ok_or_else(|| {
            invalid(
                input,
                "expected YYYY-MM-DD, --MM-DD (year unknown) or MM-DD".to_owned(),
            )
        })?;
        let (year, month, day) = fields;
        Birthday::checked(year, month, day).map_err(|reason| invalid(input, reason))
    }

    /// The year of birth, if known.
    pub fn year(&self) -> Option<i32> {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(&self) -> u32 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub fn day(&self) -> u32 {
        self.day
    }

    /// The date of the birthday in `year`. A 29 February birthday falls on 28 February in
    /// years that are not leap years. Years outside chrono's range are clamped to it.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use crm_core::contact::Birthday;
    ///
    /// let leapling = Birthday::parse("2000-02-29")?;
    /// assert_eq!(leapling.occurrence_in(2023), NaiveDate::from_ymd_opt(2023, 2, 28).unwrap());
    /// assert_eq!(leapling.occurrence_in(2024), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn occurrence_in(&self, year: i32) -> NaiveDate {
        let year = year.clamp(NaiveDate::MIN.year(), NaiveDate::MAX.year());
        let day = self.day.min(days_in_month(Some(year), self.month));
        NaiveDate::from_ymd_opt(year, self.month, day).unwrap_or(if year < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
    }

    /// The age in whole years on `date`, if the year of birth is known and `date` is not
    /// before the birth. A 29 February birthday counts on 28 February in other years.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use crm_core::contact::Birthday;
    ///
    /// let b = Birthday::parse("1990-05-17")?;
    /// let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
    /// assert_eq!(b.age_on(day(5, 16)), Some(33));
    /// assert_eq!(b.age_on(day(5, 17)), Some(34));
    /// assert_eq!(Birthday::parse("--05-17")?.age_on(day(5, 17)), None);
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn age_on(&self, date: NaiveDate) -> Option<u32> {
        let born = self.year?;
        let years = date.year().checked_sub(born)?;
        let had_birthday = date >= self.occurrence_in(date.year());
        let age = if had_birthday { years } else { years - 1 };
        u32::try_from(age).ok()
    }
}

fn invalid(value: &str, reason: String) -> Error {
    Error::InvalidDate {
        field: "birthday".to_owned(),
        value: crate::error::shown(value),
        reason,
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1-12); February has 29 when the year is unknown.
fn days_in_month(year: Option<i32>, month: u32) -> u32 {
    match month {
        2 if year.is_none_or(is_leap) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Splits the accepted forms into (year, month, day) numbers, without range checks.
fn read_fields(s: &str) -> Option<(Option<i32>, u32, u32)> {
    fn num<T: FromStr>(s: &str, len: usize) -> Option<T> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    }
    if let Some(rest) = s.strip_prefix("--") {
        return match rest.split_once('-') {
            Some((m, d)) => Some((None, num(m, 2)?, num(d, 2)?)),
            None => Some((None, num(rest.get(..2)?, 2)?, num(rest.get(2..)?, 2)?)),
        };
    }
    let parts: Vec<&str> = s.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => Some((Some(num(y, 4)?), num(m, 2)?, num(d, 2)?)),
        [m, d] => Some((None, num(m, 2)?, num(d, 2)?)),
        [basic] if basic.len() == 8 => Some((
            Some(num(basic.get(..4)?, 4)?),
            num(basic.get(4..6)?, 2)?,
            num(basic.get(6..)?, 2)?,
        )),
        _ => None,
    }
}

impl fmt::Display for Birthday {
    /// `1990-05-17`, or `--05-17` when the year is unknown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}-{:02}-{:02}", self.month, self.day),
            None => write!(f, "--{:02}-{:02}", self.month, self.day),
        }
    }
}

impl FromStr for Birthday {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Birthday::parse(s)
    }
}

impl Serialize for Birthday {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Birthday {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Birthday::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    fn reason(r: Result<Birthday>) -> String {
        match r {
            Err(Error::InvalidDate { field, reason, .. }) => {
                assert_eq!(field, "birthday");
                reason
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn parses_all_forms() -> Result<()> {
        let b = Birthday::parse(" 1990-05-17 ")?;
        assert_eq!((b.year(), b.month(), b.day()), (Some(1990), 5, 17));
        assert_eq!(Birthday::parse("--05-17")?, Birthday::new(None, 5, 17)?);
        assert_eq!(Birthday::parse("05-17")?, Birthday::new(None, 5, 17)?);
        assert_eq!(Birthday::parse("19900517")?, b);
        assert_eq!(Birthday::parse("--0517")?, Birthday::new(None, 5, 17)?);
        assert_eq!("2000-02-29".parse::<Birthday>()?.day(), 29);
        assert_eq!(Birthday::parse("--02-29")?.to_string(), "--02-29");
        Ok(())
    }

    #[test]
    fn error_reasons() {
        for bad in [
            "",
            "1990/05/17",
            "17.05.1990",
            "90-05-17",
            "1990-5-17",
            "--5-17",
            "x",
            "1990-05-17T00:00",
        ] {
            let r = reason(Birthday::parse(bad));
            assert!(r.starts_with("expected YYYY-MM-DD"), "{bad}: {r}");
        }
        assert_eq!(
            reason(Birthday::parse("1990-13-01")),
            "month 13 is not between 1 and 12"
        );
        assert_eq!(
            reason(Birthday::new(None, 0, 1)),
            "month 0 is not between 1 and 12"
        );
        assert_eq!(
            reason(Birthday::parse("1990-04-31")),
            "day 31 does not exist in April"
        );
        assert_eq!(
            reason(Birthday::parse("--02-30")),
            "day 30 does not exist in February"
        );
        assert_eq!(
            reason(Birthday::new(Some(1990), 1, 0)),
            "day 0 does not exist in January"
        );
        assert_eq!(
            reason(Birthday::parse("2023-02-29")),
            "29 February does not exist in 2023 (not a leap year)"
        );
        assert_eq!(
            reason(Birthday::parse("1900-02-29")),
            "29 February does not exist in 1900 (not a leap year)"
        );
        assert_eq!(
            reason(Birthday::parse("1799-12-31")),
            "year 1799 is not between 1800 and 9999"
        );
        assert_eq!(
            reason(Birthday::new(Some(10000), 1, 1)),
            "year 10000 is not between 1800 and 9999"
        );
        match Birthday::new(Some(2023), 2, 29) {
            Err(e) => assert_eq!(e.value(), Some("2023-02-29")),
            Ok(b) => panic!("{b}"),
        }
        assert!(Birthday::new(Some(2000), 2, 29).is_ok());
        assert!(Birthday::new(Some(1800), 1, 1).is_ok());
        assert!(Birthday::new(Some(9999), 12, 31).is_ok());
    }

    #[test]
    fn occurrences() -> Result<()> {
        let leap = Birthday::parse("--02-29")?;
        assert_eq!(leap.occurrence_in(2023), date(2023, 2, 28));
        assert_eq!(leap.occurrence_in(2024), date(2024, 2, 29));
        assert_eq!(leap.occurrence_in(2100), date(2100, 2, 28));
        assert_eq!(leap.occurrence_in(2000), date(2000, 2, 29));
        let b = Birthday::parse("1990-12-31")?;
        assert_eq!(
            b.occurrence_in(i32::MAX),
            date(NaiveDate::MAX.year(), 12, 31)
        );
        assert_eq!(
            b.occurrence_in(i32::MIN),
            date(NaiveDate::MIN.year(), 12, 31)
        );
        assert_eq!(leap.occurrence_in(i32::MIN).month(), 2);
        Ok(())
    }

    #[test]
    fn ages() -> Result<()> {
        let b = Birthday::parse("1990-05-17")?;
        assert_eq!(b.age_on(date(1990, 5, 17)), Some(0));
        assert_eq!(b.age_on(date(1990, 5, 16)), None);
        assert_eq!(b.age_on(date(1989, 12, 31)), None);
        assert_eq!(b.age_on(date(2024, 5, 16)), Some(33));
        assert_eq!(b.age_on(date(2024, 5, 17)), Some(34));
        let leap = Birthday::parse("2000-02-29")?;
        assert_eq!(leap.age_on(date(2001, 2, 27)), Some(0));
        assert_eq!(leap.age_on(date(2001, 2, 28)), Some(1));
        assert_eq!(leap.age_on(date(2004, 2, 28)), Some(3));
        assert_eq!(leap.age_on(date(2004, 2, 29)), Some(4));
        assert_eq!(Birthday::parse("--05-17")?.age_on(date(2024, 6, 1)), None);
        assert_eq!(
            b.age_on(NaiveDate::MAX),
            Some(u32::try_from(NaiveDate::MAX.year() - 1990).unwrap_or(0))
        );
        assert_eq!(b.age_on(NaiveDate::MIN), None);
        Ok(())
    }

    #[test]
    fn serde_as_string() -> std::result::Result<(), serde_json::Error> {
        let b: Birthday = serde_json::from_str("\"1990-05-17\"")?;
        assert_eq!(serde_json::to_string(&b)?, "\"1990-05-17\"");
        let n: Birthday = serde_json::from_str("\"--02-29\"")?;
        assert_eq!(serde_json::to_string(&n)?, "\"--02-29\"");
        assert!(serde_json::from_str::<Birthday>("\"2023-02-29\"").is_err());
        assert!(serde_json::from_str::<Birthday>("\"garbage\"").is_err());
        Ok(())
    }

    proptest! {
        #[test]
        fn display_round_trips(year in proptest::option::of(1800i32..=9999), month in 1u32..=12, day in 1u32..=31) {
            if let Ok(b) = Birthday::new(year, month, day) {
                prop_assert_eq!(Birthday::parse(&b.to_string()).ok(), Some(b));
                let occ = b.occurrence_in(2023);
                prop_assert_eq!(occ.month(), month);
            } else {
                prop_assert!(day > 28);
            }
        }

        #[test]
        fn never_panics(s in "\\PC{0,12}", y in any::<i32>(), m in any::<u32>(), d in any::<u32>(), on in any::<i32>()) {
            let _ = Birthday::parse(&s);
            if let Ok(b) = Birthday::new(Some(y), m, d) {
                let _ = b.occurrence_in(on);
                let _ = b.age_on(b.occurrence_in(on));
            }
        }
    }
}
