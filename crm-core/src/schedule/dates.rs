//! Yearly important dates (birthdays, customer-since anniversaries, renewals) and the
//! reminders that lead up to them.
//!
//! A [`YearlyDate`] is a month and a day. Each year it falls on [`YearlyDate::on_year`]
//! (29 February falls on 28 February in common years). Reminders fire at a local wall-clock
//! time in the customer's zone, on the day itself and/or some days ahead of it; a local time
//! that does not exist that day (spring forward) moves forward by the length of the gap, and
//! one that happens twice (fall back) takes the earlier instant.
//!
//! ```
//! use chrono::{NaiveDate, NaiveTime, TimeZone as _, Utc};
//! use crm_core::contact::Birthday;
//! use crm_core::schedule::dates::{reminders_between, YearlyDate};
//! use crm_core::contact::TimeZone;
//!
//! let date = YearlyDate::from_birthday(&Birthday::parse("1990-03-10")?);
//! let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
//! let tz = TimeZone::parse("America/New_York")?;
//! let from = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
//! let to = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
//! let due = reminders_between(date, tz, nine, &[7, 0], from, to);
//! // A week ahead at 09:00 EST, and on the day at 09:00 EDT (after the DST change).
//! assert_eq!(due[0].fire_at, Utc.with_ymd_and_hms(2026, 3, 3, 14, 0, 0).unwrap());
//! assert_eq!(due[1].fire_at, Utc.with_ymd_and_hms(2026, 3, 10, 13, 0, 0).unwrap());
//! assert_eq!(due[1].occasion, NaiveDate::from_ymd_opt(2026, 3, 10).unwrap());
//! # Ok::<(), crm_core::Error>(())
//! ```

use std::fmt;
use std::str::FromStr;

use crate::contact::TimeZone as Tz;
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::recurrence::{days_in_month, resolve_local};
use crate::contact::Birthday;
use crate::error::{Error, Result};

/// Days of margin around a window when looking for the occasions that can fire in it: more
/// than any UTC offset plus any DST gap or overlap.
const MARGIN_DAYS: u64 = 3;

/// A date that comes back every year: a month and a day, 29 February included.
///
/// Written (and serialized) as `--MM-DD`, the ISO 8601 / vCard form without a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearlyDate {
    month: u32,
    day: u32,
}

impl YearlyDate {
    /// Builds a yearly date; 29 February is allowed.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidDate`] with field `date` when the month is not 1 to 12 or the day
    /// does not exist in that month.
    ///
    /// ```
    /// use crm_core::schedule::dates::YearlyDate;
    ///
    /// let leap = YearlyDate::new(2, 29)?;
    /// assert_eq!(leap.to_string(), "--02-29");
    /// assert!(YearlyDate::new(4, 31).is_err());
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn new(month: u32, day: u32) -> Result<YearlyDate> {
        let invalid = |reason: String| Error::InvalidDate {
            field: "date".to_owned(),
            value: format!("--{month:02}-{day:02}"),
            reason,
        };
        if !(1..=12).contains(&month) {
            return Err(invalid(format!("month {month} is not between 1 and 12")));
        }
        // 2000 is a leap year: every day that can exist in the month does.
        if day == 0 || day > days_in_month(2000, month) {
            return Err(invalid(format!(
                "day {day} does not exist in month {month}"
            )));
        }
        Ok(YearlyDate { month, day })
    }

    /// Reads `--MM-DD` (or `MM-DD`); surrounding whitespace is ignored.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidDate`] with field `date` for any other text, and for the same
    /// reasons as [`YearlyDate::new`].
    ///
    /// ```
    /// use crm_core::schedule::dates::YearlyDate;
    ///
    /// let d = YearlyDate::parse("--12-24")?;
    /// assert_eq!((d.month(), d.day()), (12, 24));
    /// assert!(YearlyDate::parse("2026-12-24").is_err());
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn parse(input: &str) -> Result<YearlyDate> {
        let s = input.trim();
        let s = s.strip_prefix("--").unwrap_or(s);
        let two = |part: &str| -> Option<u32> {
            (part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse().ok())
                .flatten()
        };
        let fields = s
            .split_once('-')
            .and_then(|(m, d)| Some((two(m)?, two(d)?)));
        let Some((month, day)) = fields else {
            return Err(Error::InvalidDate {
                field: "date".to_owned(),
                value: input.to_owned(),
                reason: "expected --MM-DD (e.g. --12-24)".to_owned(),
            });
        };
        YearlyDate::new(month, day)
    }

    /// The month and day of a birthday (its year, if known, is dropped).
    pub fn from_birthday(birthday: &Birthday) -> YearlyDate {
        YearlyDate {
            month: birthday.month(),
            day: birthday.day(),
        }
    }

    /// The month and day of a date, e.g. the day a customer signed up or a contract started.
    pub fn from_date(date: NaiveDate) -> YearlyDate {
        YearlyDate {
            month: date.month(),
            day: date.day(),
        }
    }

    /// The month, 1 to 12.
    pub fn month(&self) -> u32 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub fn day(&self) -> u32 {
        self.day
    }

    /// The date in `year`: 29 February falls on 28 February in common years. Years outside
    /// chrono's range are clamped to it.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use crm_core::schedule::dates::YearlyDate;
    ///
    /// let leap = YearlyDate::new(2, 29)?;
    /// assert_eq!(leap.on_year(2027), NaiveDate::from_ymd_opt(2027, 2, 28).unwrap());
    /// assert_eq!(leap.on_year(2028), NaiveDate::from_ymd_opt(2028, 2, 29).unwrap());
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn on_year(&self, year: i32) -> NaiveDate {
        let year = year.clamp(NaiveDate::MIN.year(), NaiveDate::MAX.year());
        let day = self.day.min(days_in_month(year, self.month));
        NaiveDate::from_ymd_opt(year, self.month, day).unwrap_or(if year < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
    }
}

impl From<NaiveDate> for YearlyDate {
    fn from(date: NaiveDate) -> Self {
        YearlyDate::from_date(date)
    }
}

impl From<&Birthday> for YearlyDate {
    fn from(birthday: &Birthday) -> Self {
        YearlyDate::from_birthday(birthday)
    }
}

impl fmt::Display for YearlyDate {
    /// `--MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "--{:02}-{:02}", self.month, self.day)
    }
}

impl FromStr for YearlyDate {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        YearlyDate::parse(s)
    }
}

impl Serialize for YearlyDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearlyDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        YearlyDate::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// One reminder of a yearly date.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Reminder {
    /// The date itself in the year concerned (28 February for a 29 February date in a
    /// common year).
    #[serde(deserialize_with = "crate::json::day")]
    pub occasion: NaiveDate,
    /// How many days ahead of the occasion the reminder fires (0 = on the day).
    pub days_ahead: u32,
    /// When it fires.
    #[serde(with = "crate::json::instant")]
    pub fire_at: DateTime<Utc>,
}

/// Every reminder of `date` whose fire time falls in `[from, to)`, sorted by fire time
/// (then occasion, then lead).
///
/// For each year's occasion and each lead in `lead_days` (0 = on the day; repeated leads
/// count once), the reminder fires at `local_time` in `tz` on the day `lead` days before the
/// occasion. Consecutive windows `[a, b)` and `[b, c)` together give exactly the reminders
/// of `[a, c)`: none twice, none missed. An empty window or no leads give no reminders.
///
/// ```
/// use chrono::{NaiveTime, TimeZone as _, Utc};
/// use crm_core::schedule::dates::{reminders_between, YearlyDate};
/// use crm_core::contact::TimeZone;
///
/// let renewal = YearlyDate::new(2, 29)?;
/// let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap();
/// let from = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
/// let to = Utc.with_ymd_and_hms(2028, 1, 1, 0, 0, 0).unwrap();
/// let due = reminders_between(renewal, TimeZone::UTC, noon, &[0], from, to);
/// assert_eq!(due.len(), 1);
/// assert_eq!(due[0].occasion.to_string(), "2027-02-28");
/// # Ok::<(), crm_core::Error>(())
/// ```
pub fn reminders_between(
    date: YearlyDate,
    tz: Tz,
    local_time: NaiveTime,
    lead_days: &[u32],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<Reminder> {
    let mut out = Vec::new();
    if from >= to {
        return out;
    }
    let first = from
        .naive_utc()
        .date()
        .checked_sub_days(Days::new(MARGIN_DAYS))
        .unwrap_or(NaiveDate::MIN);
    let last = to
        .naive_utc()
        .date()
        .checked_add_days(Days::new(MARGIN_DAYS))
        .unwrap_or(NaiveDate::MAX);
    for lead in leads(lead_days) {
        // Occasions whose reminder day lies in [first, last].
        let Some(low) = first.checked_add_days(Days::new(lead.into())) else {
            continue;
        };
        let high = last
            .checked_add_days(Days::new(lead.into()))
            .unwrap_or(NaiveDate::MAX);
        for year in low.year()..=high.year() {
            if let Some(reminder) = reminder(date, tz, local_time, lead, year) {
                if from <= reminder.fire_at && reminder.fire_at < to {
                    out.push(reminder);
                }
            }
        }
    }
    crate::sort::sort_by_key(&mut out, order);
    out
}

/// The first reminder of `date` that fires strictly after `after`, if any (see
/// [`reminders_between`] for how reminders fire).
///
/// ```
/// use chrono::{NaiveTime, TimeZone as _, Utc};
/// use crm_core::schedule::dates::{next_reminder, YearlyDate};
/// use crm_core::contact::TimeZone;
///
/// let date = YearlyDate::new(12, 24)?;
/// let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
/// let tz = TimeZone::parse("Europe/Berlin")?;
/// let after = Utc.with_ymd_and_hms(2026, 12, 20, 0, 0, 0).unwrap();
/// let next = next_reminder(date, tz, nine, &[0, 7], after).unwrap();
/// // The 7-day reminder (17 December) has passed: the next is on the day, 09:00 CET.
/// assert_eq!((next.days_ahead, next.fire_at), (0, Utc.with_ymd_and_hms(2026, 12, 24, 8, 0, 0).unwrap()));
/// # Ok::<(), crm_core::Error>(())
/// ```
pub fn next_reminder(
    date: YearlyDate,
    tz: Tz,
    local_time: NaiveTime,
    lead_days: &[u32],
    after: DateTime<Utc>,
) -> Option<Reminder> {
    let first = after
        .naive_utc()
        .date()
        .checked_sub_days(Days::new(MARGIN_DAYS))
        .unwrap_or(NaiveDate::MIN);
    leads(lead_days)
        .into_iter()
        .filter_map(|lead| {
            let low = first.checked_add_days(Days::new(lead.into()))?;
            // Every year has an occasion, so the next one is at most two years ahead.
            (low.year()..=low.year().saturating_add(3))
                .filter_map(|year| reminder(date, tz, local_time, lead, year))
                .find(|r| r.fire_at > after)
        })
        .min_by_key(order)
}

/// The reminder `lead` days ahead of the occasion in `year`.
fn reminder(
    date: YearlyDate,
    tz: Tz,
    local_time: NaiveTime,
    lead: u32,
    year: i32,
) -> Option<Reminder> {
    let occasion = date.on_year(year);
    if occasion.year() != year {
        return None;
    }
    let day = occasion.checked_sub_days(Days::new(lead.into()))?;
    let fire_at = resolve_local(tz, day.and_time(local_time))?;
    Some(Reminder {
        occasion,
        days_ahead: lead,
        fire_at,
    })
}

fn leads(lead_days: &[u32]) -> Vec<u32> {
    let mut leads = lead_days.to_vec();
    leads.sort_unstable();
    leads.dedup();
    leads
}

fn order(r: &Reminder) -> (DateTime<Utc>, NaiveDate, u32) {
    (r.fire_at, r.occasion, r.days_ahead)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::test_zones::{
        Apia, Berlin, Chatham, Kolkata, Lord_Howe, New_York, Santiago, UTC,
    };
    use chrono::{LocalResult, TimeDelta, TimeZone};
    use proptest::prelude::*;

    fn utc(y: i32, m: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, mi, 0).unwrap()
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn shown(tz: Tz, r: &Reminder) -> String {
        r.fire_at
            .with_timezone(&tz)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    }

    #[test]
    fn builds_and_reads_yearly_dates() {
        let d = YearlyDate::new(2, 29).unwrap();
        assert_eq!((d.month(), d.day()), (2, 29));
        assert_eq!(YearlyDate::parse(" --02-29 ").unwrap(), d);
        assert_eq!(
            "12-24".parse::<YearlyDate>().unwrap(),
            YearlyDate::new(12, 24).unwrap()
        );
        for (m, day, reason) in [
            (4, 31, "day 31 does not exist in month 4"),
            (2, 30, "day 30 does not exist in month 2"),
            (1, 0, "day 0 does not exist in month 1"),
            (13, 1, "month 13 is not between 1 and 12"),
            (0, 1, "month 0 is not between 1 and 12"),
        ] {
            match YearlyDate::new(m, day) {
                Err(Error::InvalidDate {
                    field,
                    value,
                    reason: r,
                }) => {
                    assert_eq!(field, "date");
                    assert_eq!(value, format!("--{m:02}-{day:02}"));
                    assert_eq!(r, reason);
                }
                other => panic!("{other:?}"),
            }
        }
        for bad in ["", "2026-12-24", "--1-24", "--12/24", "--12-24x", "--04-31"] {
            let err = YearlyDate::parse(bad).unwrap_err();
            assert_eq!(
                (err.code(), err.field()),
                ("invalid_date", Some("date")),
                "{bad}"
            );
        }
        let b = Birthday::parse("1990-05-17").unwrap();
        assert_eq!(
            YearlyDate::from_birthday(&b),
            YearlyDate::new(5, 17).unwrap()
        );
        assert_eq!(YearlyDate::from(&b), YearlyDate::new(5, 17).unwrap());
        assert_eq!(YearlyDate::from_date(ymd(2020, 2, 29)), d);
        assert_eq!(YearlyDate::from(ymd(2021, 3, 1)).to_string(), "--03-01");
    }

    #[test]
    fn serde_as_month_day() {
        let d = YearlyDate::new(3, 7).unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"--03-07\"");
        assert_eq!(
            serde_json::from_str::<YearlyDate>("\"--03-07\"").unwrap(),
            d
        );
        assert!(serde_json::from_str::<YearlyDate>("\"--02-30\"").is_err());
        let r = Reminder {
            occasion: ymd(2027, 2, 28),
            days_ahead: 3,
            fire_at: utc(2027, 2, 25, 9, 0),
        };
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(
            json,
            r#"{"occasion":"2027-02-28","days_ahead":3,"fire_at":"2027-02-25T09:00:00Z"}"#
        );
        assert_eq!(serde_json::from_str::<Reminder>(&json).unwrap(), r);
    }

    #[test]
    fn leap_day_falls_on_28_february_in_common_years() {
        let leap = YearlyDate::from_birthday(&Birthday::parse("2000-02-29").unwrap());
        assert_eq!(leap.on_year(2027), ymd(2027, 2, 28));
        assert_eq!(leap.on_year(2028), ymd(2028, 2, 29));
        assert_eq!(leap.on_year(2100), ymd(2100, 2, 28));
        assert_eq!(leap.on_year(i32::MAX).year(), NaiveDate::MAX.year());
        assert_eq!(leap.on_year(i32::MIN).year(), NaiveDate::MIN.year());
        let due = reminders_between(
            leap,
            Berlin,
            hm(9, 0),
            &[0, 1],
            utc(2027, 1, 1, 0, 0),
            utc(2029, 1, 1, 0, 0),
        );
        let got: Vec<_> = due
            .iter()
            .map(|r| (r.occasion, r.days_ahead, shown(Berlin, r)))
            .collect();
        assert_eq!(
            got,
            [
                (ymd(2027, 2, 28), 1, "2027-02-27 09:00".to_owned()),
                (ymd(2027, 2, 28), 0, "2027-02-28 09:00".to_owned()),
                (ymd(2028, 2, 29), 1, "2028-02-28 09:00".to_owned()),
                (ymd(2028, 2, 29), 0, "2028-02-29 09:00".to_owned()),
            ]
        );
        let next = next_reminder(leap, Berlin, hm(9, 0), &[0], utc(2027, 1, 1, 0, 0)).unwrap();
        assert_eq!(next.fire_at, utc(2027, 2, 28, 8, 0));
    }

    #[test]
    fn birthday_reminders_across_dst_fire_once_at_nine() {
        // 10 March: a week ahead is still EST (UTC-5), the day itself EDT (UTC-4).
        let date = YearlyDate::new(3, 10).unwrap();
        let year = (utc(2026, 1, 1, 0, 0), utc(2027, 1, 1, 0, 0));
        let due = reminders_between(date, New_York, hm(9, 0), &[7, 0, 7], year.0, year.1);
        assert_eq!(due.len(), 2);
        assert_eq!(due[0].fire_at, utc(2026, 3, 3, 14, 0));
        assert_eq!(due[1].fire_at, utc(2026, 3, 10, 13, 0));
        assert!(due.iter().all(|r| shown(New_York, r).ends_with("09:00")));
        assert!(due.iter().all(|r| r.occasion == ymd(2026, 3, 10)));
        // Berlin, autumn: 28 October with 7 days' lead, on either side of 25 October.
        let autumn = YearlyDate::new(10, 28).unwrap();
        let due = reminders_between(autumn, Berlin, hm(9, 0), &[0, 7], year.0, year.1);
        let fire: Vec<_> = due.iter().map(|r| r.fire_at).collect();
        assert_eq!(fire, [utc(2026, 10, 21, 7, 0), utc(2026, 10, 28, 8, 0)]);
        // Split the year at the DST change: still each exactly once.
        let mid = utc(2026, 10, 25, 1, 0);
        let mut halves = reminders_between(autumn, Berlin, hm(9, 0), &[0, 7], year.0, mid);
        halves.extend(reminders_between(
            autumn,
            Berlin,
            hm(9, 0),
            &[0, 7],
            mid,
            year.1,
        ));
        assert_eq!(halves, due);
    }

    #[test]
    fn gap_and_overlap_local_times() {
        // 02:30 on 8 March 2026 does not exist in New York: 03:30 EDT.
        let date = YearlyDate::new(3, 8).unwrap();
        let due = reminders_between(
            date,
            New_York,
            hm(2, 30),
            &[0],
            utc(2026, 1, 1, 0, 0),
            utc(2027, 1, 1, 0, 0),
        );
        assert_eq!(due.len(), 1);
        assert_eq!(shown(New_York, &due[0]), "2026-03-08 03:30");
        // 02:15 on 4 October 2026 in Lord Howe: 30 minutes later.
        let date = YearlyDate::new(10, 4).unwrap();
        let due = reminders_between(
            date,
            Lord_Howe,
            hm(2, 15),
            &[0],
            utc(2026, 1, 1, 0, 0),
            utc(2027, 1, 1, 0, 0),
        );
        assert_eq!(shown(Lord_Howe, &due[0]), "2026-10-04 02:45");
        // 01:45 on 5 April 2026 in Lord Howe happens twice: the earlier one (+11:00).
        let date = YearlyDate::new(4, 5).unwrap();
        let next = next_reminder(date, Lord_Howe, hm(1, 45), &[0], utc(2026, 1, 1, 0, 0)).unwrap();
        assert_eq!(next.fire_at, utc(2026, 4, 4, 14, 45));
    }

    #[test]
    fn windows_at_the_turn_of_the_utc_year() {
        // 31 December 2026 21:00 in New York is 1 January 2027 02:00 UTC.
        let eve = YearlyDate::new(12, 31).unwrap();
        let due = reminders_between(
            eve,
            New_York,
            hm(21, 0),
            &[0],
            utc(2027, 1, 1, 1, 0),
            utc(2027, 1, 1, 3, 0),
        );
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].occasion, ymd(2026, 12, 31));
        // 1 January 2027 03:00 in Kolkata is 31 December 2026 21:30 UTC.
        let new_year = YearlyDate::new(1, 1).unwrap();
        let kolkata = Kolkata;
        let due = reminders_between(
            new_year,
            kolkata,
            hm(3, 0),
            &[0],
            utc(2026, 12, 31, 21, 0),
            utc(2026, 12, 31, 22, 0),
        );
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].occasion, ymd(2027, 1, 1));
        let next =
            next_reminder(new_year, kolkata, hm(3, 0), &[0], utc(2026, 12, 31, 21, 0)).unwrap();
        assert_eq!(next.fire_at, utc(2026, 12, 31, 21, 30));
    }

    #[test]
    fn next_reminder_picks_the_earliest_lead_and_wraps_years() {
        let date = YearlyDate::new(1, 10).unwrap();
        let nine = hm(9, 0);
        let first = next_reminder(date, UTC, nine, &[0, 30], utc(2026, 1, 1, 0, 0)).unwrap();
        assert_eq!((first.occasion, first.days_ahead), (ymd(2026, 1, 10), 0));
        let wrap = next_reminder(date, UTC, nine, &[0, 30], first.fire_at).unwrap();
        assert_eq!((wrap.occasion, wrap.days_ahead), (ymd(2027, 1, 10), 30));
        assert_eq!(wrap.fire_at, utc(2026, 12, 11, 9, 0));
        let far = next_reminder(date, UTC, nine, &[400], utc(2026, 1, 1, 0, 0)).unwrap();
        assert_eq!(far.occasion, ymd(2028, 1, 10));
        assert_eq!(
            next_reminder(date, UTC, nine, &[], utc(2026, 1, 1, 0, 0)),
            None
        );
        assert!(next_reminder(date, UTC, nine, &[u32::MAX], utc(2026, 1, 1, 0, 0)).is_none());
    }

    #[test]
    fn empty_and_extreme_windows() {
        let date = YearlyDate::new(12, 31).unwrap();
        let t = utc(2026, 6, 1, 0, 0);
        assert!(reminders_between(date, Berlin, hm(9, 0), &[0], t, t).is_empty());
        assert!(
            reminders_between(date, Berlin, hm(9, 0), &[0], t, t - TimeDelta::days(400)).is_empty()
        );
        assert!(
            reminders_between(date, Berlin, hm(9, 0), &[], t, t + TimeDelta::days(400)).is_empty()
        );
        let end = DateTime::<Utc>::MAX_UTC;
        let late = reminders_between(
            date,
            New_York,
            hm(9, 0),
            &[0, u32::MAX],
            end - TimeDelta::days(800),
            end,
        );
        // 31 December of the calendar's last three years; the huge lead never fires.
        assert_eq!(late.len(), 3);
        assert!(late.iter().all(|r| r.days_ahead == 0));
        assert_eq!(late[2].occasion.year(), NaiveDate::MAX.year());
        assert!(next_reminder(date, New_York, hm(9, 0), &[0], end - TimeDelta::hours(1)).is_none());
        let start = DateTime::<Utc>::MIN_UTC;
        let early = reminders_between(
            date,
            Lord_Howe,
            hm(9, 0),
            &[0, 1],
            start,
            start + TimeDelta::days(800),
        );
        assert!(!early.is_empty());
    }

    const ZONES: [Tz; 8] = [
        New_York, Berlin, Lord_Howe, Apia, Kolkata, Chatham, Santiago, UTC,
    ];

    fn case() -> impl Strategy<Value = (YearlyDate, Tz, NaiveTime, Vec<u32>)> {
        (
            prop_oneof![
                Just((2u32, 29u32)),
                Just((2, 28)),
                Just((3, 1)),
                Just((12, 31)),
                (1u32..=12, 1u32..=31)
            ],
            0..ZONES.len(),
            prop_oneof![
                Just((2u32, 30u32)),
                Just((1, 30)),
                Just((0, 0)),
                (0u32..24, 0u32..60)
            ],
            proptest::collection::vec(prop_oneof![0u32..10, 0u32..400], 0..4),
        )
            .prop_map(|((m, d), z, (h, mi), leads)| {
                let date = YearlyDate::new(m, d).unwrap_or(YearlyDate { month: m, day: 28 });
                (date, ZONES[z], hm(h, mi), leads)
            })
    }

    /// Every reminder of the years around a window, by brute force.
    fn brute(
        date: YearlyDate,
        tz: Tz,
        at: NaiveTime,
        leads: &[u32],
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Vec<Reminder> {
        let mut all: Vec<_> = (from.year() - 1..=to.year() + 3)
            .flat_map(|y| super::leads(leads).into_iter().map(move |l| (y, l)))
            .filter_map(|(y, l)| reminder(date, tz, at, l, y))
            .filter(|r| from <= r.fire_at && r.fire_at < to)
            .collect();
        all.sort_by_key(order);
        all
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn consecutive_windows_partition_reminders(
            (date, tz, at, leads) in case(),
            base in 1_200_000_000i64..1_900_000_000,
            first in 0i64..40_000_000,
            second in 0i64..40_000_000,
        ) {
            let a = DateTime::from_timestamp(base, 0).unwrap();
            let b = a + TimeDelta::seconds(first);
            let c = b + TimeDelta::seconds(second);
            let ab = reminders_between(date, tz, at, &leads, a, b);
            let bc = reminders_between(date, tz, at, &leads, b, c);
            let ac = reminders_between(date, tz, at, &leads, a, c);
            prop_assert!(ab.iter().all(|r| a <= r.fire_at && r.fire_at < b));
            let mut joined = ab.clone();
            joined.extend(bc);
            prop_assert_eq!(&joined, &ac);
            prop_assert_eq!(&ac, &brute(date, tz, at, &leads, a, c));
            for r in &ac {
                prop_assert_eq!(YearlyDate::from_date(r.occasion).month(), date.month());
                prop_assert_eq!(r.occasion, date.on_year(r.occasion.year()));
                let day = r.occasion - TimeDelta::days(i64::from(r.days_ahead));
                let local = r.fire_at.with_timezone(&tz).naive_local();
                let meant = day.and_time(at);
                if local != meant {
                    // Only a local time that does not exist moves, and only forward.
                    prop_assert_eq!(tz.from_local_datetime(&meant), LocalResult::None);
                    prop_assert!(local > meant && local - meant <= TimeDelta::days(1));
                } else if let LocalResult::Ambiguous(x, y) = tz.from_local_datetime(&meant) {
                    prop_assert_eq!(r.fire_at, x.min(y).to_utc());
                }
            }
        }

        #[test]
        fn next_reminder_is_the_first_after(
            (date, tz, at, leads) in case(),
            base in 1_200_000_000i64..1_900_000_000,
        ) {
            let after = DateTime::from_timestamp(base, 0).unwrap();
            let expected = brute(date, tz, at, &leads, after + TimeDelta::nanoseconds(1), after + TimeDelta::days(800))
                .into_iter()
                .next();
            prop_assert_eq!(next_reminder(date, tz, at, &leads, after), expected.clone());
            prop_assert_eq!(expected.is_none(), leads.is_empty());
        }
    }
}
