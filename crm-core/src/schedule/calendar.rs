//! A business calendar: working hours per weekday in one time zone, and holidays.
//!
//! Working hours are local wall-clock intervals: a calendar open 09:00–17:00 in
//! `Europe/Berlin` is open while a clock in Berlin shows a time in that interval, on a
//! weekday that has it and a date that is not a holiday. Across a change of daylight saving
//! time this is what people expect: on the night the clocks go forward the skipped hour is
//! not working time, and on the night they go back the repeated hour counts twice.
//!
//! An interval is `(start, end)` with `start < end`, except that an `end` of `00:00` means
//! midnight at the end of the day, so `(00:00, 00:00)` is the whole day. The intervals of a
//! day are sorted and do not overlap (they may touch).
//!
//! Searches are bounded so that no input makes them run away: [`BusinessCalendar::next_open`]
//! looks at most 400 days ahead, and [`BusinessCalendar::add_business_time`] gives up when
//! it finds no working time for 400 days or would end more than 100 years after its start.
//!
//! ```
//! use chrono::{Duration, TimeZone as _};
//! use crm_core::schedule::calendar::BusinessCalendar;
//! use crm_core::contact::TimeZone;
//!
//! let berlin = TimeZone::parse("Europe/Berlin")?;
//!
//! let calendar = BusinessCalendar::new(berlin); // Monday to Friday, 09:00–17:00
//! let friday = berlin.with_ymd_and_hms(2026, 1, 9, 15, 0, 0).unwrap().to_utc();
//! let due = calendar.add_business_time(friday, Duration::hours(4));
//! let monday = berlin.with_ymd_and_hms(2026, 1, 12, 11, 0, 0).unwrap().to_utc();
//! assert_eq!(due, Some(monday));
//! # Ok::<(), crm_core::Error>(())
//! ```

use std::collections::BTreeSet;
use std::ops::ControlFlow;

use crate::contact::TimeZone as Tz;
use crate::contact::case;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Timelike, Utc, Weekday};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::json::{Day, TimeOfDay};
use crate::schedule::zone::{local_time, next_transition, offset_secs};

/// The short weekday keys the bindings use for working hours, Monday first.
pub const WEEKDAY_KEYS: [(&str, Weekday); 7] = [
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];

/// Reads a weekday key (`mon` … `sun`, any case).
///
/// # Errors
/// [`Error::InvalidValue`] with field `field`.
pub fn parse_weekday(key: &str, field: &str) -> Result<Weekday> {
    let k = case::lowercase(key.trim());
    WEEKDAY_KEYS
        .iter()
        .find(|(name, _)| *name == k)
        .map(|(_, d)| *d)
        .ok_or_else(|| {
            Error::invalid(
                field,
                key,
                "expected a weekday key: mon, tue, wed, thu, fri, sat or sun",
            )
        })
}

/// How far [`BusinessCalendar::next_open`] looks ahead, and the longest stretch without
/// working time that [`BusinessCalendar::add_business_time`] crosses.
const SEARCH_DAYS: i64 = 400;
/// How far after its start [`BusinessCalendar::add_business_time`] may end (100 years).
const HORIZON_DAYS: i64 = 36_525;
fn day_index(day: Weekday) -> usize {
    day.num_days_from_monday() as usize
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

const fn clock(h: u32) -> NaiveTime {
    match NaiveTime::from_hms_opt(h, 0, 0) {
        Some(t) => t,
        None => NaiveTime::MIN,
    }
}
const NINE: NaiveTime = clock(9);
const FIVE_PM: NaiveTime = clock(17);

/// Nanoseconds since midnight; an interval end of 00:00 is midnight at the end of the day.
fn nanos_of_day(t: NaiveTime, is_end: bool) -> u64 {
    if is_end && t == NaiveTime::MIN {
        return 86_400 * 1_000_000_000;
    }
    u64::from(t.num_seconds_from_midnight()) * 1_000_000_000 + u64::from(t.nanosecond())
}

/// Checks the intervals of one day: each non-empty, sorted, not overlapping.
fn check_day(day: Weekday, hours: &[(NaiveTime, NaiveTime)]) -> Result<()> {
    let fail = |reason: &str| Error::InvalidValue {
        field: "calendar.hours".to_owned(),
        value: format!(
            "{}: {}",
            weekday_name(day),
            hours
                .iter()
                .map(|(s, e)| format!("{s}-{e}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        reason: reason.to_owned(),
    };
    let mut previous_end = 0;
    for (i, &(start, end)) in hours.iter().enumerate() {
        let (s, e) = (nanos_of_day(start, false), nanos_of_day(end, true));
        if s >= e {
            return Err(fail(
                "each interval must start before it ends (an end of 00:00 means midnight at the end of the day)",
            ));
        }
        if i > 0 && s < previous_end {
            return Err(fail(
                "the intervals of a day must be sorted and must not overlap",
            ));
        }
        previous_end = e;
    }
    Ok(())
}

/// Working hours per weekday in one time zone, and holidays (dates in that zone).
///
/// Serializes as `{"tz": "Europe/Berlin", "hours": [[["09:00:00", "17:00:00"]], …], "holidays":
/// ["2026-12-25"]}` with Monday first; deserialization checks the intervals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CalendarRepr", into = "CalendarRepr")]
pub struct BusinessCalendar {
    tz: Tz,
    hours: [Vec<(NaiveTime, NaiveTime)>; 7],
    holidays: BTreeSet<NaiveDate>,
}

#[derive(Serialize, Deserialize)]
struct CalendarRepr {
    tz: Tz,
    #[serde(deserialize_with = "hours")]
    hours: [Vec<(NaiveTime, NaiveTime)>; 7],
    #[serde(
        default,
        skip_serializing_if = "BTreeSet::is_empty",
        deserialize_with = "holidays"
    )]
    holidays: BTreeSet<NaiveDate>,
}

/// Reads the hours of the week (times read as [`crate::json::TimeOfDay`]).
fn hours<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<[Vec<(NaiveTime, NaiveTime)>; 7], D::Error> {
    let week = <[Vec<(TimeOfDay, TimeOfDay)>; 7]>::deserialize(d)?;
    Ok(week.map(|day| day.into_iter().map(|(a, b)| (a.0, b.0)).collect()))
}

/// Reads the holidays (dates read as [`crate::json::Day`]).
fn holidays<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<BTreeSet<NaiveDate>, D::Error> {
    Ok(Vec::<Day>::deserialize(d)?
        .into_iter()
        .map(|d| d.0)
        .collect())
}

impl TryFrom<CalendarRepr> for BusinessCalendar {
    type Error = Error;

    fn try_from(repr: CalendarRepr) -> Result<Self> {
        for (day, hours) in WEEK.iter().zip(&repr.hours) {
            check_day(*day, hours)?;
        }
        Ok(Self {
            tz: repr.tz,
            hours: repr.hours,
            holidays: repr.holidays,
        })
    }
}

impl From<BusinessCalendar> for CalendarRepr {
    fn from(c: BusinessCalendar) -> Self {
        Self {
            tz: c.tz,
            hours: c.hours,
            holidays: c.holidays,
        }
    }
}

impl BusinessCalendar {
    /// Monday to Friday, 09:00–17:00 in `tz`, no holidays.
    pub fn new(tz: Tz) -> Self {
        let mut hours: [Vec<(NaiveTime, NaiveTime)>; 7] = Default::default();
        for slot in hours.iter_mut().take(5) {
            slot.push((NINE, FIVE_PM));
        }
        Self {
            tz,
            hours,
            holidays: BTreeSet::new(),
        }
    }

    /// Open all day, every day, in `tz` (holidays may still be added).
    pub fn always_open(tz: Tz) -> Self {
        Self {
            tz,
            hours: std::array::from_fn(|_| vec![(NaiveTime::MIN, NaiveTime::MIN)]),
            holidays: BTreeSet::new(),
        }
    }

    /// The same calendar with the working hours of `day` replaced by `hours` (empty: closed
    /// that day). An end of 00:00 means midnight at the end of the day.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] with field `calendar.hours` when an interval does not start
    /// before it ends, or the intervals are not sorted or overlap.
    ///
    /// ```
    /// use chrono::{NaiveTime, Weekday};
    /// use crm_core::schedule::calendar::BusinessCalendar;
    /// use crm_core::contact::TimeZone;
    ///
    /// let new_york = TimeZone::parse("America/New_York")?;
    ///
    /// let hm = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    /// let calendar = BusinessCalendar::new(new_york)
    ///     .with_hours(Weekday::Fri, vec![(hm(8, 0), hm(12, 0)), (hm(13, 0), hm(15, 30))])?
    ///     .with_hours(Weekday::Sat, vec![(hm(10, 0), hm(14, 0))])?;
    /// assert_eq!(calendar.hours(Weekday::Sat).len(), 1);
    ///
    /// let err = calendar.with_hours(Weekday::Sun, vec![(hm(17, 0), hm(9, 0))]).unwrap_err();
    /// assert_eq!(err.field(), Some("calendar.hours"));
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn with_hours(mut self, day: Weekday, hours: Vec<(NaiveTime, NaiveTime)>) -> Result<Self> {
        check_day(day, &hours)?;
        self.hours[day_index(day)] = hours;
        Ok(self)
    }

    /// The same calendar with `date` (in the calendar's zone) as a holiday: closed all day.
    #[must_use]
    pub fn with_holiday(mut self, date: NaiveDate) -> Self {
        self.holidays.insert(date);
        self
    }

    /// The calendar's time zone.
    pub fn tz(&self) -> Tz {
        self.tz
    }

    /// The working hours of `day`, sorted.
    pub fn hours(&self, day: Weekday) -> &[(NaiveTime, NaiveTime)] {
        &self.hours[day_index(day)]
    }

    /// The holidays, sorted.
    pub fn holidays(&self) -> &BTreeSet<NaiveDate> {
        &self.holidays
    }

    /// Whether `date` is a holiday.
    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        self.holidays.contains(&date)
    }

    /// Checks that the calendar is usable: it has some working hours in the week.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] with field `calendar.hours` when no weekday has working hours.
    pub fn validate(&self) -> Result<()> {
        for (day, hours) in WEEK.iter().zip(&self.hours) {
            check_day(*day, hours)?;
        }
        if self.hours.iter().all(Vec::is_empty) {
            return Err(Error::InvalidValue {
                field: "calendar.hours".to_owned(),
                value: String::new(),
                reason: "no working hours in the week".to_owned(),
            });
        }
        Ok(())
    }

    /// Whether the business is open at `at`.
    ///
    /// ```
    /// use chrono::TimeZone as _;
    /// use crm_core::schedule::calendar::BusinessCalendar;
    /// use crm_core::contact::TimeZone;
    ///
    /// let berlin = TimeZone::parse("Europe/Berlin")?;
    ///
    /// let calendar = BusinessCalendar::new(berlin);
    /// let at = |d, h| berlin.with_ymd_and_hms(2026, 1, d, h, 0, 0).unwrap().to_utc();
    /// assert!(calendar.is_open(at(12, 9))); // Monday 09:00
    /// assert!(!calendar.is_open(at(12, 17))); // Monday 17:00
    /// assert!(!calendar.is_open(at(10, 12))); // Saturday
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn is_open(&self, at: DateTime<Utc>) -> bool {
        let Some(local) = local_time(self.tz, at) else {
            return false;
        };
        let date = local.date();
        let t = nanos_of_day(local.time(), false);
        !self.holidays.contains(&date)
            && self.hours[day_index(date.weekday())]
                .iter()
                .any(|&(s, e)| nanos_of_day(s, false) <= t && t < nanos_of_day(e, true))
    }

    /// The first instant at or after `at` at which the business is open: `at` itself if it
    /// is open.
    ///
    /// `None` when there is no working time in the 400 days from `at` (a calendar without
    /// working hours, or holidays all along).
    ///
    /// ```
    /// use chrono::TimeZone as _;
    /// use crm_core::schedule::calendar::BusinessCalendar;
    /// use crm_core::contact::TimeZone;
    ///
    /// let berlin = TimeZone::parse("Europe/Berlin")?;
    ///
    /// let calendar = BusinessCalendar::new(berlin)
    ///     .with_holiday(chrono::NaiveDate::from_ymd_opt(2026, 1, 12).unwrap());
    /// let friday_evening = berlin.with_ymd_and_hms(2026, 1, 9, 18, 0, 0).unwrap().to_utc();
    /// let tuesday = berlin.with_ymd_and_hms(2026, 1, 13, 9, 0, 0).unwrap().to_utc();
    /// assert_eq!(calendar.next_open(friday_evening), Some(tuesday));
    /// assert_eq!(calendar.next_open(tuesday), Some(tuesday));
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn next_open(&self, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if self.is_open(at) {
            return Some(at);
        }
        let to = at
            .checked_add_signed(Duration::days(SEARCH_DAYS))
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        let mut found = None;
        self.walk_open(at, to, true, |start, _| {
            found = Some(start);
            ControlFlow::Break(())
        });
        found
    }

    /// The instant at which `d` of working time has passed since `start`: the deadline of
    /// "within `d` business time". When the working time runs out exactly at the end of an
    /// interval, that end is returned (2 business hours from Friday 15:00 is Friday 17:00).
    ///
    /// A zero or negative `d` gives `start`. `None` when the calendar has no working time
    /// for 400 days in a row on the way, or the result would be more than 100 years after
    /// `start`.
    ///
    /// ```
    /// use chrono::{Duration, TimeZone as _};
    /// use crm_core::schedule::calendar::BusinessCalendar;
    /// use crm_core::contact::TimeZone;
    ///
    /// let berlin = TimeZone::parse("Europe/Berlin")?;
    ///
    /// let calendar = BusinessCalendar::new(berlin);
    /// // Friday 15:00 + 4 business hours = Monday 11:00 (2 hours on Friday, 2 on Monday).
    /// let friday = berlin.with_ymd_and_hms(2026, 1, 9, 15, 0, 0).unwrap().to_utc();
    /// let monday = berlin.with_ymd_and_hms(2026, 1, 12, 11, 0, 0).unwrap().to_utc();
    /// assert_eq!(calendar.add_business_time(friday, Duration::hours(4)), Some(monday));
    /// assert_eq!(calendar.business_time_between(friday, monday), Duration::hours(4));
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn add_business_time(&self, start: DateTime<Utc>, d: Duration) -> Option<DateTime<Utc>> {
        if d <= Duration::zero() {
            return Some(start);
        }
        let to = start
            .checked_add_signed(Duration::days(HORIZON_DAYS))
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        let mut remaining = d;
        let mut result = None;
        self.walk_open(start, to, true, |s, e| {
            let len = e - s;
            if remaining <= len {
                result = s.checked_add_signed(remaining);
                ControlFlow::Break(())
            } else {
                remaining -= len;
                ControlFlow::Continue(())
            }
        });
        result
    }

    /// The working time in `[a, b)`; zero when `b` is not after `a`.
    ///
    /// The work is linear in the number of days between `a` and `b`.
    pub fn business_time_between(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> Duration {
        let mut total = Duration::zero();
        if b <= a {
            return total;
        }
        self.walk_open(a, b, false, |s, e| {
            total += e - s;
            ControlFlow::Continue(())
        });
        total
    }

    /// Calls `f` with the open stretches within `[from, to)` in time order (a stretch may
    /// come in touching pieces), until `f` breaks. With `bounded`, stops after
    /// [`SEARCH_DAYS`] without working time.
    fn walk_open(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        bounded: bool,
        mut f: impl FnMut(DateTime<Utc>, DateTime<Utc>) -> ControlFlow<()>,
    ) {
        let max_gap = Duration::days(SEARCH_DAYS);
        let mut cur = from;
        let mut last_open = from;
        while cur < to {
            if bounded && cur - last_open > max_gap {
                return;
            }
            // A stretch of at most a day with one UTC offset: there, local = UTC + offset.
            let chunk_end = cur
                .checked_add_signed(Duration::days(1))
                .map_or(to, |e| e.min(to));
            let seg_end = next_transition(self.tz, cur, chunk_end).unwrap_or(chunk_end);
            let offset = Duration::seconds(offset_secs(self.tz, cur));
            let local_from = cur.naive_utc().checked_add_signed(offset);
            let local_to = seg_end.naive_utc().checked_add_signed(offset);
            if let (Some(local_from), Some(local_to)) = (local_from, local_to) {
                let mut date = local_from.date();
                while date <= local_to.date() {
                    if !self.holidays.contains(&date) {
                        for &(s, e) in &self.hours[day_index(date.weekday())] {
                            let end_date = if e == NaiveTime::MIN {
                                date.succ_opt()
                            } else {
                                Some(date)
                            };
                            let utc_start = date.and_time(s).checked_sub_signed(offset);
                            let utc_end =
                                end_date.and_then(|d| d.and_time(e).checked_sub_signed(offset));
                            let (Some(us), Some(ue)) = (utc_start, utc_end) else {
                                continue;
                            };
                            let (us, ue) = (us.and_utc().max(cur), ue.and_utc().min(seg_end));
                            if us < ue {
                                last_open = ue;
                                if f(us, ue).is_break() {
                                    return;
                                }
                            }
                        }
                    }
                    match date.succ_opt() {
                        Some(next) => date = next,
                        None => break,
                    }
                }
            }
            cur = seg_end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::test_zones::{Berlin, Kolkata, Lord_Howe, New_York};
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn local(tz: Tz, y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        tz.with_ymd_and_hms(y, mo, d, h, mi, 0)
            .earliest()
            .unwrap()
            .to_utc()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn default_hours_are_nine_to_five_on_weekdays() {
        let c = BusinessCalendar::new(Berlin);
        // 2024-01-08 is a Monday.
        assert!(!c.is_open(local(Berlin, 2024, 1, 8, 8, 59)));
        assert!(c.is_open(local(Berlin, 2024, 1, 8, 9, 0)));
        assert!(c.is_open(local(Berlin, 2024, 1, 8, 16, 59)));
        assert!(!c.is_open(local(Berlin, 2024, 1, 8, 17, 0)));
        assert!(c.is_open(local(Berlin, 2024, 1, 12, 10, 0)));
        assert!(!c.is_open(local(Berlin, 2024, 1, 13, 10, 0)));
        assert!(!c.is_open(local(Berlin, 2024, 1, 14, 10, 0)));
        assert_eq!(c.hours(Weekday::Sat), &[]);
        assert_eq!(c.hours(Weekday::Wed), &[(hm(9, 0), hm(17, 0))]);
        assert!(c.validate().is_ok());
    }

    #[test]
    fn add_business_time_across_a_weekend() {
        let c = BusinessCalendar::new(Berlin);
        let friday = local(Berlin, 2024, 1, 12, 15, 0);
        assert_eq!(
            c.add_business_time(friday, Duration::hours(4)),
            Some(local(Berlin, 2024, 1, 15, 11, 0))
        );
        // Running out exactly at closing time stays on Friday.
        assert_eq!(
            c.add_business_time(friday, Duration::hours(2)),
            Some(local(Berlin, 2024, 1, 12, 17, 0))
        );
        // From a closed instant the clock starts at the next opening.
        let saturday = local(Berlin, 2024, 1, 13, 12, 0);
        assert_eq!(
            c.add_business_time(saturday, Duration::minutes(30)),
            Some(local(Berlin, 2024, 1, 15, 9, 30))
        );
        // A full week of business time.
        assert_eq!(
            c.add_business_time(friday, Duration::hours(40)),
            Some(local(Berlin, 2024, 1, 19, 15, 0))
        );
    }

    #[test]
    fn add_business_time_skips_a_holiday() {
        let c = BusinessCalendar::new(Berlin).with_holiday(date(2024, 1, 15));
        assert!(c.is_holiday(date(2024, 1, 15)));
        let friday = local(Berlin, 2024, 1, 12, 15, 0);
        assert_eq!(
            c.add_business_time(friday, Duration::hours(4)),
            Some(local(Berlin, 2024, 1, 16, 11, 0))
        );
        assert!(!c.is_open(local(Berlin, 2024, 1, 15, 10, 0)));
        assert_eq!(
            c.next_open(local(Berlin, 2024, 1, 12, 17, 0)),
            Some(local(Berlin, 2024, 1, 16, 9, 0))
        );
    }

    #[test]
    fn add_business_time_across_a_dst_change() {
        // Berlin moves to summer time on Sunday 2024-03-31: 09:00 on Monday is 07:00 UTC,
        // on the Friday before it was 08:00 UTC.
        let c = BusinessCalendar::new(Berlin);
        let friday = local(Berlin, 2024, 3, 29, 15, 0);
        let monday = local(Berlin, 2024, 4, 1, 11, 0);
        assert_eq!(friday.to_rfc3339(), "2024-03-29T14:00:00+00:00");
        assert_eq!(monday.to_rfc3339(), "2024-04-01T09:00:00+00:00");
        assert_eq!(
            c.add_business_time(friday, Duration::hours(4)),
            Some(monday)
        );
        assert_eq!(c.business_time_between(friday, monday), Duration::hours(4));
        // Always open: elapsed time over the weekend is 47 hours of wall-clock 48.
        let always = BusinessCalendar::always_open(Berlin);
        let sat = local(Berlin, 2024, 3, 30, 0, 0);
        let mon = local(Berlin, 2024, 4, 1, 0, 0);
        assert_eq!(always.business_time_between(sat, mon), Duration::hours(47));
        assert_eq!(
            always.add_business_time(sat, Duration::hours(47)),
            Some(mon)
        );
    }

    #[test]
    fn dst_nights_count_wall_clock_time() -> Result<()> {
        // Open 01:00–04:00 on Sundays: on the spring night 02:00–03:00 does not exist; on
        // the autumn night 02:00–03:00 happens twice.
        let c =
            BusinessCalendar::new(Berlin).with_hours(Weekday::Sun, vec![(hm(1, 0), hm(4, 0))])?;
        let spring = (
            local(Berlin, 2024, 3, 31, 0, 0),
            local(Berlin, 2024, 3, 31, 6, 0),
        );
        assert_eq!(
            c.business_time_between(spring.0, spring.1),
            Duration::hours(2)
        );
        let autumn = (
            local(Berlin, 2024, 10, 27, 0, 0),
            local(Berlin, 2024, 10, 27, 6, 0),
        );
        assert_eq!(
            c.business_time_between(autumn.0, autumn.1),
            Duration::hours(4)
        );
        // The second 02:30 (01:30 UTC) is open, as is the first (00:30 UTC).
        let first = Utc.with_ymd_and_hms(2024, 10, 27, 0, 30, 0).unwrap();
        let second = Utc.with_ymd_and_hms(2024, 10, 27, 1, 30, 0).unwrap();
        assert!(c.is_open(first) && c.is_open(second));
        // New York: 2024-03-10, 02:00 → 03:00. Hours 01:30–02:30 keep only 01:30–02:00.
        let ny = BusinessCalendar::new(New_York)
            .with_hours(Weekday::Sun, vec![(hm(1, 30), hm(2, 30))])?;
        let day = (
            local(New_York, 2024, 3, 10, 0, 0),
            local(New_York, 2024, 3, 10, 12, 0),
        );
        assert_eq!(
            ny.business_time_between(day.0, day.1),
            Duration::minutes(30)
        );
        assert_eq!(
            ny.add_business_time(day.0, Duration::minutes(45)),
            Some(local(New_York, 2024, 3, 11, 9, 15))
        );
        Ok(())
    }

    #[test]
    fn next_open_rolls_to_the_next_working_day() {
        let c = BusinessCalendar::new(New_York);
        let friday_evening = local(New_York, 2024, 6, 7, 17, 30);
        let monday = local(New_York, 2024, 6, 10, 9, 0);
        assert_eq!(c.next_open(friday_evening), Some(monday));
        assert_eq!(c.next_open(monday), Some(monday));
        let nearly = monday - Duration::nanoseconds(1);
        assert_eq!(c.next_open(nearly), Some(monday));
    }

    #[test]
    fn bounded_searches_give_none() {
        let mut empty = BusinessCalendar::new(Berlin);
        for day in WEEK {
            empty = empty.with_hours(day, Vec::new()).unwrap();
        }
        let at = local(Berlin, 2024, 1, 1, 0, 0);
        assert_eq!(empty.next_open(at), None);
        assert_eq!(empty.add_business_time(at, Duration::hours(1)), None);
        assert_eq!(
            empty.business_time_between(at, at + Duration::days(30)),
            Duration::zero()
        );
        assert!(!empty.is_open(at));

        // 420 days of holidays: nothing within the 400-day search.
        let mut closed = BusinessCalendar::always_open(Berlin);
        let mut d = date(2024, 1, 1);
        for _ in 0..420 {
            closed = closed.with_holiday(d);
            d = d.succ_opt().unwrap();
        }
        assert_eq!(closed.next_open(at), None);
        assert_eq!(closed.add_business_time(at, Duration::hours(1)), None);
        // But the time after them is still counted by business_time_between.
        let later = local(Berlin, 2025, 2, 24, 1, 0); // 2025-02-24 is the 421st day
        assert_eq!(closed.business_time_between(at, later), Duration::hours(1));

        // Extreme instants do not panic.
        let max = DateTime::<Utc>::MAX_UTC;
        let min = DateTime::<Utc>::MIN_UTC;
        let always = BusinessCalendar::always_open(Lord_Howe);
        let _ = always.is_open(max);
        let _ = always.next_open(max);
        let _ = always.add_business_time(max, Duration::hours(1));
        let _ = always.add_business_time(min, Duration::MAX);
        let _ = always.business_time_between(max - Duration::days(3), max);
        assert_eq!(always.business_time_between(max, min), Duration::zero());
    }

    #[test]
    fn zero_and_negative_durations_return_start() {
        let c = BusinessCalendar::new(Berlin);
        let saturday = local(Berlin, 2024, 1, 13, 12, 0);
        assert_eq!(
            c.add_business_time(saturday, Duration::zero()),
            Some(saturday)
        );
        assert_eq!(
            c.add_business_time(saturday, Duration::hours(-3)),
            Some(saturday)
        );
        let monday = local(Berlin, 2024, 1, 15, 12, 0);
        assert_eq!(c.business_time_between(monday, saturday), Duration::zero());
        assert_eq!(
            c.business_time_between(saturday, monday),
            Duration::hours(3)
        );
    }

    #[test]
    fn with_hours_validates_intervals() {
        let c = BusinessCalendar::new(Berlin);
        let bad: [Vec<(NaiveTime, NaiveTime)>; 4] = [
            vec![(hm(17, 0), hm(9, 0))],
            vec![(hm(9, 0), hm(9, 0))],
            vec![(hm(13, 0), hm(17, 0)), (hm(9, 0), hm(12, 0))],
            vec![(hm(9, 0), hm(13, 0)), (hm(12, 0), hm(17, 0))],
        ];
        for hours in bad {
            let err = c
                .clone()
                .with_hours(Weekday::Tue, hours.clone())
                .unwrap_err();
            assert_eq!(err.code(), "invalid_value", "{hours:?}");
            assert_eq!(err.field(), Some("calendar.hours"));
            assert!(err.value().unwrap_or("").starts_with("tuesday: "), "{err}");
        }
        // Touching intervals, and an end at midnight, are fine.
        let ok = c
            .clone()
            .with_hours(
                Weekday::Tue,
                vec![(hm(9, 0), hm(12, 0)), (hm(12, 0), hm(17, 0))],
            )
            .unwrap()
            .with_hours(Weekday::Sat, vec![(hm(20, 0), NaiveTime::MIN)])
            .unwrap();
        assert!(ok.is_open(local(Berlin, 2024, 1, 13, 23, 59)));
        assert!(!ok.is_open(local(Berlin, 2024, 1, 14, 0, 0)));
        // Nothing after an interval that ends at midnight.
        assert!(
            c.with_hours(
                Weekday::Sat,
                vec![(hm(20, 0), NaiveTime::MIN), (hm(21, 0), hm(22, 0))]
            )
            .is_err()
        );
    }

    #[test]
    fn validate_needs_some_working_hours() {
        let mut c = BusinessCalendar::new(Berlin);
        for day in &WEEK[..4] {
            c = c.with_hours(*day, Vec::new()).unwrap();
        }
        assert!(c.validate().is_ok());
        let c = c.with_hours(Weekday::Fri, Vec::new()).unwrap();
        let err = c.validate().unwrap_err();
        assert_eq!(err.field(), Some("calendar.hours"));
        assert!(err.to_string().contains("no working hours in the week"));
    }

    #[test]
    fn always_open_is_elapsed_time() {
        let c = BusinessCalendar::always_open(Lord_Howe);
        let a = local(Lord_Howe, 2024, 4, 6, 12, 0);
        let b = a + Duration::hours(30);
        assert!(c.is_open(a));
        assert_eq!(c.next_open(a), Some(a));
        assert_eq!(c.business_time_between(a, b), Duration::hours(30));
        assert_eq!(c.add_business_time(a, Duration::hours(30)), Some(b));
    }

    #[test]
    fn serde_round_trips_and_validates() {
        let c = BusinessCalendar::new(Berlin)
            .with_holiday(date(2026, 12, 25))
            .with_hours(Weekday::Sat, vec![(hm(10, 0), hm(12, 30))])
            .unwrap();
        let json = serde_json::to_string(&c).unwrap();
        assert!(
            json.starts_with(r#"{"tz":"Europe/Berlin","hours":[[["09:00:00","17:00:00"]]"#),
            "{json}"
        );
        assert!(json.contains(r#""holidays":["2026-12-25"]"#), "{json}");
        let back: BusinessCalendar = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
        let bad = json.replace(r#"["10:00:00","12:30:00"]"#, r#"["12:30:00","10:00:00"]"#);
        assert_ne!(bad, json);
        let err = serde_json::from_str::<BusinessCalendar>(&bad).unwrap_err();
        assert!(err.to_string().contains("calendar.hours"), "{err}");
        assert!(
            serde_json::from_str::<BusinessCalendar>(&json.replace("Europe/Berlin", "Mars/Base"))
                .is_err()
        );
    }

    // ----- properties -----

    fn zone() -> impl Strategy<Value = Tz> {
        prop_oneof![Just(New_York), Just(Berlin), Just(Lord_Howe), Just(Kolkata),]
    }

    /// An instant in 2023–2025, or (half the time) within a few hours of a DST change.
    fn instant(tz: Tz) -> impl Strategy<Value = DateTime<Utc>> {
        let base = Utc.with_ymd_and_hms(2023, 1, 1, 0, 0, 0).unwrap();
        (0i64..3 * 365 * 24 * 60, any::<bool>(), -240i64..240).prop_map(
            move |(minutes, near_change, around)| {
                let at = base + Duration::minutes(minutes);
                if near_change {
                    let to = at + Duration::days(400);
                    if let Some(t) = next_transition(tz, at, to) {
                        return t + Duration::minutes(around);
                    }
                }
                at
            },
        )
    }

    fn day_hours() -> impl Strategy<Value = Vec<(NaiveTime, NaiveTime)>> {
        // Sorted distinct quarter hours, paired up; 96 means midnight at the end of the day.
        proptest::collection::btree_set(0u32..=96, 0..=6).prop_map(|set| {
            let v: Vec<u32> = set.into_iter().collect();
            v.chunks_exact(2)
                .filter_map(|p| {
                    let t = |q: u32| {
                        if q == 96 {
                            Some(NaiveTime::MIN)
                        } else {
                            NaiveTime::from_hms_opt(q / 4, (q % 4) * 15, 0)
                        }
                    };
                    Some((t(p[0])?, t(p[1])?))
                })
                .collect()
        })
    }

    fn calendar() -> impl Strategy<Value = BusinessCalendar> {
        (
            zone(),
            proptest::array::uniform7(day_hours()),
            proptest::collection::vec(0i64..3 * 365, 0..20),
        )
            .prop_map(|(tz, hours, holidays)| {
                let mut c = BusinessCalendar::new(tz);
                for (day, h) in WEEK.iter().zip(hours) {
                    c = c.with_hours(*day, h).unwrap();
                }
                if c.validate().is_err() {
                    c = c
                        .with_hours(Weekday::Wed, vec![(hm(10, 0), hm(11, 0))])
                        .unwrap();
                }
                for d in holidays {
                    c = c.with_holiday(date(2023, 1, 1) + Duration::days(d));
                }
                c
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        #[test]
        fn next_open_is_the_first_open_instant(
            (c, at) in calendar().prop_flat_map(|c| { let tz = c.tz(); (Just(c), instant(tz)) }),
            samples in proptest::collection::vec(0.0f64..1.0, 16),
        ) {
            let next = c.next_open(at);
            prop_assert!(next.is_some());
            let next = next.unwrap();
            prop_assert!(next >= at);
            prop_assert!(c.is_open(next));
            prop_assert_eq!(next == at, c.is_open(at));
            let span = (next - at).num_nanoseconds().unwrap();
            for s in samples {
                let probe = at + Duration::nanoseconds((span as f64 * s) as i64);
                prop_assert!(probe >= next || !c.is_open(probe), "{probe} open before {next}");
            }
            if next > at {
                prop_assert!(!c.is_open(next - Duration::nanoseconds(1)));
            }
        }

        #[test]
        fn add_and_between_agree(
            (c, start) in calendar().prop_flat_map(|c| { let tz = c.tz(); (Just(c), instant(tz)) }),
            minutes in 0i64..(80 * 60),
        ) {
            let d = Duration::minutes(minutes);
            let end = c.add_business_time(start, d);
            prop_assert!(end.is_some());
            let end = end.unwrap();
            prop_assert!(end >= start);
            prop_assert_eq!(c.business_time_between(start, end), d);
            if minutes > 0 {
                prop_assert!(c.is_open(end - Duration::nanoseconds(1)));
                // The result is the first instant with that much working time behind it.
                prop_assert!(c.business_time_between(start, end - Duration::minutes(1)) < d);
            }
        }

        #[test]
        fn between_counts_open_minutes(
            (c, a) in calendar().prop_flat_map(|c| { let tz = c.tz(); (Just(c), instant(tz)) }),
            minutes in 0i64..(3 * 24 * 60),
            cut in 0.0f64..1.0,
        ) {
            let b = a + Duration::minutes(minutes);
            let open = (0..minutes).filter(|k| c.is_open(a + Duration::minutes(*k))).count();
            let total = c.business_time_between(a, b);
            prop_assert_eq!(total, Duration::minutes(open as i64));
            prop_assert!(total <= b - a);
            let m = a + Duration::seconds((minutes as f64 * 60.0 * cut) as i64);
            prop_assert_eq!(c.business_time_between(a, m) + c.business_time_between(m, b), total);
        }
    }
}
