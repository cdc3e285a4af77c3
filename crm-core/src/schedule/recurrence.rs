//! Recurrence rules: a subset of RFC 5545 `RRULE`, evaluated in the customer's time zone.
//!
//! A [`Recurrence`] is read from (and written as) the RRULE text that calendars use, limited
//! to `FREQ` (DAILY, WEEKLY, MONTHLY, YEARLY), `INTERVAL`, `BYDAY` (plain weekdays),
//! `BYMONTHDAY`, `COUNT` and `UNTIL`. Anything else is refused with an error that names the
//! part, rather than silently ignored.
//!
//! Occurrences are computed from a first due instant (the `DTSTART`) and an IANA zone: the
//! local wall-clock time of the start is kept for every occurrence, so "every Monday at 09:00"
//! stays at 09:00 for the customer across daylight-saving changes. A local time that does
//! not exist on some day (the spring-forward gap) moves forward by the length of the gap
//! (02:30 becomes 03:30 in New York); a local time that happens twice (fall back) takes the
//! earlier instant.
//!
//! ```
//! use chrono::{TimeZone as _, Utc};
//! use crm_core::schedule::recurrence::Recurrence;
//! use crm_core::contact::TimeZone;
//!
//! let rule = Recurrence::parse("RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3")?;
//! let tz = TimeZone::parse("America/New_York")?;
//! // Monday 2 March 2026, 09:00 in New York (EST, UTC-5).
//! let start = Utc.with_ymd_and_hms(2026, 3, 2, 14, 0, 0).unwrap();
//! let due: Vec<_> = rule.occurrences(start, tz).collect();
//! // Still 09:00 local after the change to EDT (UTC-4) on 8 March.
//! assert_eq!(due[1], Utc.with_ymd_and_hms(2026, 3, 9, 13, 0, 0).unwrap());
//! assert_eq!(due.len(), 3);
//! # Ok::<(), crm_core::Error>(())
//! ```

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use crate::contact::TimeZone as Tz;
use chrono::{
    DateTime, Datelike, Days, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime,
    Offset, TimeDelta, TimeZone as _, Timelike, Utc, Weekday,
};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

/// The rule parts this implementation understands, as quoted in error messages.
const SUPPORTED_PARTS: &str = "FREQ, INTERVAL, BYDAY, BYMONTHDAY, COUNT, UNTIL";

/// How often a [`Recurrence`] repeats: the length of one period.
///
/// Serialized in snake_case (`"weekly"`); in RRULE text it is upper case (`FREQ=WEEKLY`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every day (`FREQ=DAILY`).
    Daily,
    /// Every week; weeks start on Monday (`FREQ=WEEKLY`).
    Weekly,
    /// Every month (`FREQ=MONTHLY`).
    Monthly,
    /// Every year (`FREQ=YEARLY`).
    Yearly,
}

impl Frequency {
    /// The RRULE name: `DAILY`, `WEEKLY`, `MONTHLY` or `YEARLY`.
    pub fn as_rrule(self) -> &'static str {
        match self {
            Frequency::Daily => "DAILY",
            Frequency::Weekly => "WEEKLY",
            Frequency::Monthly => "MONTHLY",
            Frequency::Yearly => "YEARLY",
        }
    }

    /// Periods in one 400-year Gregorian cycle, after which the calendar repeats exactly
    /// (146,097 days, which is also a whole number of weeks).
    fn periods_per_cycle(self) -> u64 {
        match self {
            Frequency::Daily => 146_097,
            Frequency::Weekly => 20_871,
            Frequency::Monthly => 4_800,
            Frequency::Yearly => 400,
        }
    }
}

/// A recurrence rule: a subset of RFC 5545 `RRULE`.
///
/// Built by [`Recurrence::parse`]; written back by [`Recurrence::to_rrule`] (also its
/// `Display`) in a canonical form that parses to an equal rule. Serialized as that string;
/// deserialization validates.
///
/// The semantics follow RFC 5545 for the supported parts, with weeks starting on Monday:
/// - the start (`DTSTART`) is always the first occurrence, and `COUNT` includes it;
/// - `WEEKLY` with `BYDAY` gives each listed weekday of every `INTERVAL`-th week;
/// - `MONTHLY` with `BYMONTHDAY` gives those days of the month (negative values count from
///   the end, `-1` is the last day); days a month does not have (31 April) are skipped;
///   `MONTHLY` with only `BYDAY` gives every such weekday of the month; `MONTHLY` alone uses
///   the start's day of the month, skipping months without it;
/// - `YEARLY` alone uses the start's month and day (29 February only in leap years);
///   with `BYMONTHDAY` or `BYDAY` it expands over every month (or day) of the year;
/// - `DAILY` with `BYDAY` or `BYMONTHDAY` keeps only the matching days; `BYDAY` also limits
///   `BYMONTHDAY` ("Friday the 13th" is `FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13`);
/// - `UNTIL` is inclusive.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Recurrence {
    freq: Frequency,
    interval: u32,
    by_day: Vec<Weekday>,
    by_month_day: Vec<i8>,
    count: Option<u32>,
    until: Option<DateTime<Utc>>,
}

impl Recurrence {
    /// Reads an RRULE such as `FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=10`.
    ///
    /// An `RRULE:` prefix is accepted; part names and values are case-insensitive. The parts:
    /// `FREQ` (required: `DAILY`, `WEEKLY`, `MONTHLY`, `YEARLY`), `INTERVAL` (at least 1,
    /// default 1), `BYDAY` (weekdays `MO`…`SU`, without ordinals), `BYMONTHDAY` (1 to 31 or
    /// -31 to -1; not with `WEEKLY`), `COUNT` (at least 1), `UNTIL` (`20261231T235959Z`, or a
    /// date `20261231` meaning the end of that day, 23:59:59 UTC). `COUNT` and `UNTIL` exclude
    /// each other. Repeated weekdays or days are merged and sorted.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] with field `recurrence`, the whole rule as value, and a reason
    /// that names the offending part: an unsupported part (`BYSETPOS`, `BYHOUR`, `WKST`,
    /// `FREQ=HOURLY`, …), a part given twice, a missing `FREQ`, an out-of-range number,
    /// an ordinal `BYDAY` (`1MO`, `-1FR`), or `COUNT` together with `UNTIL`.
    ///
    /// ```
    /// use chrono::Weekday;
    /// use crm_core::schedule::recurrence::{Frequency, Recurrence};
    ///
    /// let r = Recurrence::parse("rrule:freq=weekly;byday=we,mo;interval=2")?;
    /// assert_eq!(r.freq(), Frequency::Weekly);
    /// assert_eq!(r.by_day(), [Weekday::Mon, Weekday::Wed]);
    /// assert_eq!(r.to_rrule(), "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE");
    ///
    /// let err = Recurrence::parse("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-1").unwrap_err();
    /// assert_eq!(err.code(), "invalid_value");
    /// assert!(err.to_string().contains("BYSETPOS is not supported"));
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn parse(rule: &str) -> Result<Recurrence> {
        Recurrence::read(rule).map_err(|reason| Error::InvalidValue {
            field: "recurrence".to_owned(),
            value: rule.to_owned(),
            reason,
        })
    }

    fn read(rule: &str) -> std::result::Result<Recurrence, String> {
        let body = rule.trim();
        let body = match body.get(..6) {
            Some(prefix) if prefix.eq_ignore_ascii_case("RRULE:") => body.get(6..).unwrap_or(""),
            _ => body,
        };
        let mut freq = None;
        let mut interval = None;
        let mut by_day = None;
        let mut by_month_day = None;
        let mut count = None;
        let mut until = None;
        for part in body.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((name, value)) = part.split_once('=') else {
                return Err(format!(
                    "{part:?} is not a NAME=VALUE part (e.g. FREQ=WEEKLY)"
                ));
            };
            let name = name.trim().to_ascii_uppercase();
            let value = value.trim();
            match name.as_str() {
                "FREQ" => set_once(&mut freq, &name, read_freq(value)?)?,
                "INTERVAL" => set_once(&mut interval, &name, read_positive(&name, value)?)?,
                "BYDAY" => set_once(&mut by_day, &name, read_by_day(value)?)?,
                "BYMONTHDAY" => set_once(&mut by_month_day, &name, read_by_month_day(value)?)?,
                "COUNT" => set_once(&mut count, &name, read_positive(&name, value)?)?,
                "UNTIL" => set_once(&mut until, &name, read_until(value)?)?,
                "" => return Err(format!("{part:?} has no part name (e.g. FREQ=WEEKLY)")),
                other => {
                    return Err(format!(
                        "{other} is not supported (supported: {SUPPORTED_PARTS})"
                    ));
                }
            }
        }
        let freq = freq.ok_or_else(|| "FREQ is required (e.g. FREQ=WEEKLY)".to_owned())?;
        if count.is_some() && until.is_some() {
            return Err("COUNT and UNTIL cannot be used together; keep one of them".to_owned());
        }
        let by_month_day: Vec<i8> = by_month_day.unwrap_or_default();
        if freq == Frequency::Weekly && !by_month_day.is_empty() {
            return Err(
                "BYMONTHDAY cannot be used with FREQ=WEEKLY (RFC 5545); use FREQ=MONTHLY"
                    .to_owned(),
            );
        }
        Ok(Recurrence {
            freq,
            interval: interval.unwrap_or(1),
            by_day: by_day.unwrap_or_default(),
            by_month_day,
            count,
            until,
        })
    }

    /// How often the rule repeats.
    pub fn freq(&self) -> Frequency {
        self.freq
    }

    /// Every how many periods it repeats (1 = every period).
    pub fn interval(&self) -> u32 {
        self.interval
    }

    /// The weekdays of `BYDAY`, Monday first; empty when not given.
    pub fn by_day(&self) -> &[Weekday] {
        &self.by_day
    }

    /// The days of `BYMONTHDAY`, ascending (negative ones count from the month's end);
    /// empty when not given.
    pub fn by_month_day(&self) -> &[i8] {
        &self.by_month_day
    }

    /// The total number of occurrences, the start included, if bounded by `COUNT`.
    pub fn count(&self) -> Option<u32> {
        self.count
    }

    /// The last instant an occurrence may fall on (inclusive), if bounded by `UNTIL`.
    pub fn until(&self) -> Option<DateTime<Utc>> {
        self.until
    }

    /// The canonical RRULE text, without the `RRULE:` prefix: parts in the order `FREQ`,
    /// `INTERVAL` (only when not 1), `BYDAY`, `BYMONTHDAY`, `COUNT`, `UNTIL` (always as a
    /// UTC date-time). [`Recurrence::parse`] reads it back to an equal rule.
    ///
    /// ```
    /// use crm_core::schedule::recurrence::Recurrence;
    ///
    /// let r = Recurrence::parse("until=20261231;bymonthday=-1,15;freq=monthly")?;
    /// assert_eq!(r.to_rrule(), "FREQ=MONTHLY;BYMONTHDAY=-1,15;UNTIL=20261231T235959Z");
    /// assert_eq!(Recurrence::parse(&r.to_rrule())?, r);
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn to_rrule(&self) -> String {
        self.to_string()
    }

    /// The occurrences from `start` on, in `tz`, in increasing order.
    ///
    /// `start` is the first occurrence (RFC 5545 `DTSTART`); its local wall-clock time in
    /// `tz` is kept for all the others (see the [module docs](self) for DST gaps and
    /// overlaps). The iterator ends after `COUNT` occurrences, after `UNTIL`, at the end of
    /// the calendar, or when the rule can yield nothing more (checked over one full 400-year
    /// calendar cycle, so it never loops forever); otherwise it is lazily infinite.
    ///
    /// ```
    /// use chrono::{TimeZone as _, Utc};
    /// use crm_core::schedule::recurrence::Recurrence;
    /// use crm_core::contact::TimeZone;
    ///
    /// let rule = Recurrence::parse("FREQ=MONTHLY;BYMONTHDAY=31")?;
    /// let start = Utc.with_ymd_and_hms(2026, 1, 31, 10, 0, 0).unwrap();
    /// let months: Vec<u32> = rule
    ///     .occurrences(start, TimeZone::UTC)
    ///     .take(4)
    ///     .map(|at| chrono::Datelike::month(&at))
    ///     .collect();
    /// assert_eq!(months, [1, 3, 5, 7]); // months without a 31st are skipped
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn occurrences(
        &self,
        start: DateTime<Utc>,
        tz: Tz,
    ) -> impl Iterator<Item = DateTime<Utc>> + '_ {
        Occurrences::new(self, start, tz)
    }

    /// The first occurrence strictly after `after`, if any.
    ///
    /// Without `COUNT` this skips whole periods arithmetically, so it is cheap however far
    /// `after` is from `start`; with `COUNT` the occurrences are counted from the start.
    ///
    /// ```
    /// use chrono::{TimeZone as _, Utc};
    /// use crm_core::schedule::recurrence::Recurrence;
    /// use crm_core::contact::TimeZone;
    ///
    /// let rule = Recurrence::parse("FREQ=DAILY;INTERVAL=2")?;
    /// let tz = TimeZone::parse("Europe/Berlin")?;
    /// // 1 January 2026, 09:00 in berlin (CET, UTC+1).
    /// let start = Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).unwrap();
    /// let after = Utc.with_ymd_and_hms(2126, 1, 1, 0, 0, 0).unwrap();
    /// // 36,524 days later is 1 January 2126 (an even number of days: an occurrence).
    /// assert_eq!(
    ///     rule.next_after(start, tz, after),
    ///     Some(Utc.with_ymd_and_hms(2126, 1, 1, 8, 0, 0).unwrap())
    /// );
    /// assert_eq!(rule.next_after(start, tz, start - chrono::TimeDelta::days(1)), Some(start));
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn next_after(
        &self,
        start: DateTime<Utc>,
        tz: Tz,
        after: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        if after < start {
            return Some(start);
        }
        if self.until.is_some_and(|until| after >= until) {
            return None;
        }
        if self.count.is_some() {
            return self.occurrences(start, tz).find(|&at| at > after);
        }
        let mut it = Occurrences::new(self, start, tz);
        it.started = true;
        if let (Some(anchor), Some(local)) = (it.anchor, local_of(tz, after)) {
            // Periods that end days before `after` (in local time) cannot hold an occurrence
            // after it: the margin covers any offset change and gap shift.
            let from = local
                .date()
                .checked_sub_days(Days::new(3))
                .unwrap_or(NaiveDate::MIN);
            it.period = self.period_index(anchor.0, from);
        }
        it.find(|&at| at > after)
    }

    /// The `n`-th occurrence (0-based: `nth(start, tz, 0)` is `start`), if there is one.
    ///
    /// ```
    /// use chrono::{TimeZone as _, Utc};
    /// use crm_core::schedule::recurrence::Recurrence;
    /// use crm_core::contact::TimeZone;
    ///
    /// let rule = Recurrence::parse("FREQ=YEARLY")?;
    /// let start = Utc.with_ymd_and_hms(2024, 2, 29, 12, 0, 0).unwrap();
    /// // 29 February only exists in leap years.
    /// assert_eq!(
    ///     rule.nth(start, TimeZone::UTC, 1),
    ///     Some(Utc.with_ymd_and_hms(2028, 2, 29, 12, 0, 0).unwrap())
    /// );
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn nth(&self, start: DateTime<Utc>, tz: Tz, n: u32) -> Option<DateTime<Utc>> {
        self.occurrences(start, tz).nth(usize::try_from(n).ok()?)
    }

    /// The index of the period (counted in steps of `INTERVAL` from the start's period) that
    /// holds `date`, or 0 when `date` is before the start.
    fn period_index(&self, start: NaiveDate, date: NaiveDate) -> u64 {
        if date <= start {
            return 0;
        }
        let periods = match self.freq {
            Frequency::Daily => (date - start).num_days(),
            Frequency::Weekly => (week_start(date) - week_start(start)).num_days() / 7,
            Frequency::Monthly => {
                i64::from(date.year() - start.year()) * 12 + i64::from(date.month())
                    - i64::from(start.month())
            }
            Frequency::Yearly => i64::from(date.year() - start.year()),
        };
        u64::try_from(periods).unwrap_or(0) / u64::from(self.interval.max(1))
    }

    /// The candidate local dates of period `k`, ascending; `None` past the calendar's end.
    fn period_dates(&self, start: NaiveDate, k: u64) -> Option<Vec<NaiveDate>> {
        let step = k.checked_mul(u64::from(self.interval))?;
        match self.freq {
            Frequency::Daily => {
                let day = start.checked_add_days(Days::new(step))?;
                Some(if self.day_matches(day) {
                    vec![day]
                } else {
                    Vec::new()
                })
            }
            Frequency::Weekly => {
                let monday = week_start(start).checked_add_days(Days::new(step.checked_mul(7)?))?;
                if self.by_day.is_empty() {
                    let offset = start.weekday().num_days_from_monday();
                    Some(vec![monday.checked_add_days(Days::new(offset.into()))?])
                } else {
                    self.by_day
                        .iter()
                        .map(|wd| {
                            monday.checked_add_days(Days::new(wd.num_days_from_monday().into()))
                        })
                        .collect()
                }
            }
            Frequency::Monthly => {
                let month0 = i64::from(start.year())
                    .checked_mul(12)?
                    .checked_add(i64::from(start.month0()))?
                    .checked_add(i64::try_from(step).ok()?)?;
                let year = i32::try_from(month0.div_euclid(12)).ok()?;
                let month = u32::try_from(month0.rem_euclid(12)).ok()? + 1;
                NaiveDate::from_ymd_opt(year, month, 1)?;
                Some(self.month_dates(year, month, Some(start.day())))
            }
            Frequency::Yearly => {
                let year =
                    i32::try_from(i64::from(start.year()).checked_add(i64::try_from(step).ok()?)?)
                        .ok()?;
                NaiveDate::from_ymd_opt(year, 1, 1)?;
                NaiveDate::from_ymd_opt(year, 12, 31)?;
                if self.by_day.is_empty() && self.by_month_day.is_empty() {
                    Some(
                        NaiveDate::from_ymd_opt(year, start.month(), start.day())
                            .into_iter()
                            .collect(),
                    )
                } else {
                    Some(
                        (1..=12)
                            .flat_map(|month| self.month_dates(year, month, None))
                            .collect(),
                    )
                }
            }
        }
    }

    /// The dates of one month that the BY parts select; with neither BY part, the
    /// `default_day` if the month has it.
    fn month_dates(&self, year: i32, month: u32, default_day: Option<u32>) -> Vec<NaiveDate> {
        let date = |day: u32| NaiveDate::from_ymd_opt(year, month, day);
        if !self.by_month_day.is_empty() {
            let mut days: Vec<u32> = self
                .by_month_day
                .iter()
                .filter_map(|&md| month_day(year, month, md))
                .collect();
            crate::sort::sort(&mut days);
            days.dedup();
            days.into_iter()
                .filter_map(date)
                .filter(|d| self.by_day.is_empty() || self.by_day.contains(&d.weekday()))
                .collect()
        } else if !self.by_day.is_empty() {
            (1..=days_in_month(year, month))
                .filter_map(date)
                .filter(|d| self.by_day.contains(&d.weekday()))
                .collect()
        } else {
            default_day.and_then(date).into_iter().collect()
        }
    }

    /// Whether a day passes the BYDAY and BYMONTHDAY filters (for `DAILY`).
    fn day_matches(&self, day: NaiveDate) -> bool {
        (self.by_day.is_empty() || self.by_day.contains(&day.weekday()))
            && (self.by_month_day.is_empty()
                || self
                    .by_month_day
                    .iter()
                    .any(|&md| month_day(day.year(), day.month(), md) == Some(day.day())))
    }
}

/// The lazy iterator behind [`Recurrence::occurrences`].
struct Occurrences<'a> {
    rule: &'a Recurrence,
    tz: Tz,
    start: DateTime<Utc>,
    /// The start's local date and wall-clock time; `None` if it cannot be computed (at the
    /// very ends of the calendar), in which case only the start is yielded.
    anchor: Option<(NaiveDate, NaiveTime)>,
    /// The next period to expand.
    period: u64,
    pending: std::vec::IntoIter<NaiveDate>,
    /// The last instant yielded: later candidates must be strictly after it.
    last: DateTime<Utc>,
    emitted: u32,
    started: bool,
    done: bool,
    /// Consecutive periods without any candidate date.
    empty_run: u64,
    /// After this many empty periods in a row, the rule can yield nothing more.
    max_empty_run: u64,
}

impl<'a> Occurrences<'a> {
    fn new(rule: &'a Recurrence, start: DateTime<Utc>, tz: Tz) -> Self {
        let cycle = rule.freq.periods_per_cycle();
        let interval = u64::from(rule.interval.max(1));
        Occurrences {
            rule,
            tz,
            start,
            anchor: local_of(tz, start).map(|l| (l.date(), l.time())),
            period: 0,
            pending: Vec::new().into_iter(),
            last: start,
            emitted: 0,
            started: false,
            done: false,
            empty_run: 0,
            max_empty_run: cycle / gcd(cycle, interval),
        }
    }
}

impl Iterator for Occurrences<'_> {
    type Item = DateTime<Utc>;

    fn next(&mut self) -> Option<DateTime<Utc>> {
        if self.done {
            return None;
        }
        if !self.started {
            self.started = true;
            self.emitted = 1;
            return Some(self.start);
        }
        if self.rule.count.is_some_and(|count| self.emitted >= count) {
            self.done = true;
            return None;
        }
        let Some((start_date, time)) = self.anchor else {
            self.done = true;
            return None;
        };
        loop {
            for date in self.pending.by_ref() {
                let Some(at) = resolve_local(self.tz, date.and_time(time)) else {
                    continue;
                };
                if at <= self.last {
                    continue;
                }
                if self.rule.until.is_some_and(|until| at > until) {
                    self.done = true;
                    return None;
                }
                self.last = at;
                self.emitted = self.emitted.saturating_add(1);
                return Some(at);
            }
            if self.empty_run >= self.max_empty_run {
                self.done = true;
                return None;
            }
            let Some(dates) = self.rule.period_dates(start_date, self.period) else {
                self.done = true;
                return None;
            };
            self.period = self.period.saturating_add(1);
            if dates.is_empty() {
                self.empty_run += 1;
            } else {
                self.empty_run = 0;
            }
            self.pending = dates.into_iter();
        }
    }
}

impl fmt::Display for Recurrence {
    /// The canonical RRULE text (see [`Recurrence::to_rrule`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FREQ={}", self.freq.as_rrule())?;
        if self.interval != 1 {
            write!(f, ";INTERVAL={}", self.interval)?;
        }
        if !self.by_day.is_empty() {
            f.write_str(";BYDAY=")?;
            for (i, wd) in self.by_day.iter().enumerate() {
                if i > 0 {
                    f.write_str(",")?;
                }
                f.write_str(weekday_code(*wd))?;
            }
        }
        if !self.by_month_day.is_empty() {
            f.write_str(";BYMONTHDAY=")?;
            for (i, md) in self.by_month_day.iter().enumerate() {
                if i > 0 {
                    f.write_str(",")?;
                }
                write!(f, "{md}")?;
            }
        }
        if let Some(count) = self.count {
            write!(f, ";COUNT={count}")?;
        }
        if let Some(until) = self.until {
            write!(
                f,
                ";UNTIL={:04}{:02}{:02}T{:02}{:02}{:02}Z",
                until.year(),
                until.month(),
                until.day(),
                until.hour(),
                until.minute(),
                until.second()
            )?;
        }
        Ok(())
    }
}

impl FromStr for Recurrence {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Recurrence::parse(s)
    }
}

impl Serialize for Recurrence {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Recurrence {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Recurrence::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// The local wall-clock date and time of `at` in `tz` (`None` only at the calendar's ends).
pub(crate) fn local_of(tz: Tz, at: DateTime<Utc>) -> Option<NaiveDateTime> {
    let utc = at.naive_utc();
    utc.checked_add_offset(tz.offset_from_utc_datetime(&utc).fix())
}

/// The instant of a local wall-clock time in `tz`: the earlier one when the time happens
/// twice (fall back), and the time moved forward by the length of the gap when it does not
/// exist (spring forward: 02:30 becomes 03:30 in New York). `None` only at the calendar's ends.
pub(crate) fn resolve_local(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    let at = |offset: FixedOffset| local.checked_sub_offset(offset).map(|n| n.and_utc());
    match tz.offset_from_local_datetime(&local) {
        LocalResult::Single(offset) => at(offset.fix()),
        LocalResult::Ambiguous(a, b) => match (at(a.fix()), at(b.fix())) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, y) => x.or(y),
        },
        LocalResult::None => resolve_gap(tz, local),
    }
}

/// `local` falls in a gap: read it with the offset in force just before the gap, which puts
/// it as far after the gap's start as it was meant to be.
fn resolve_gap(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    let offset_at = |utc: NaiveDateTime| tz.offset_from_utc_datetime(&utc).fix();
    // An instant at or just after the transition, then the offset in force after it; the
    // instant `local - after` lies just before the transition, where the old offset holds.
    let day_before = local.checked_sub_signed(TimeDelta::days(1))?;
    let probe = local.checked_sub_offset(offset_at(day_before))?;
    let after = offset_at(probe);
    let before = offset_at(local.checked_sub_offset(after)?);
    let instant = local.checked_sub_offset(before)?;
    let shown = instant.checked_add_offset(offset_at(instant))?;
    if shown > local {
        return Some(instant.and_utc());
    }
    // Not a plain gap (two transitions close together): take the first local minute that
    // exists after `local`.
    (1..=2 * 24 * 60).find_map(|minutes| {
        let later = local.checked_add_signed(TimeDelta::minutes(minutes))?;
        match tz.offset_from_local_datetime(&later) {
            LocalResult::None => None,
            _ => resolve_local(tz, later),
        }
    })
}

fn set_once<T>(slot: &mut Option<T>, name: &str, value: T) -> std::result::Result<(), String> {
    if slot.is_some() {
        return Err(format!("{name} is given more than once"));
    }
    *slot = Some(value);
    Ok(())
}

fn read_freq(value: &str) -> std::result::Result<Frequency, String> {
    match value.to_ascii_uppercase().as_str() {
        "DAILY" => Ok(Frequency::Daily),
        "WEEKLY" => Ok(Frequency::Weekly),
        "MONTHLY" => Ok(Frequency::Monthly),
        "YEARLY" => Ok(Frequency::Yearly),
        other => Err(format!(
            "FREQ={other} is not supported (supported: DAILY, WEEKLY, MONTHLY, YEARLY)"
        )),
    }
}

fn read_positive(name: &str, value: &str) -> std::result::Result<u32, String> {
    match value.parse::<u32>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!(
            "{name} must be a whole number from 1 to {}, got {value:?}",
            u32::MAX
        )),
    }
}

fn read_by_day(value: &str) -> std::result::Result<Vec<Weekday>, String> {
    let mut days = Vec::new();
    for item in value.split(',').map(str::trim) {
        let upper = item.to_ascii_uppercase();
        let split = upper.len().saturating_sub(2);
        let (prefix, code) = (upper.get(..split), upper.get(split..));
        let day =
            code.and_then(|code| WEEKDAYS.iter().find(|(_, c)| *c == code).map(|(wd, _)| *wd));
        match (prefix, day) {
            (Some(""), Some(day)) => days.push(day),
            (Some(p), Some(_)) if is_ordinal(p) => {
                return Err(format!(
                    "BYDAY={item}: ordinal BYDAY (such as 1MO or -1FR) is not supported; \
                     list plain weekdays (MO, TU, WE, TH, FR, SA, SU)"
                ));
            }
            _ => {
                return Err(format!(
                    "BYDAY must list weekdays (MO, TU, WE, TH, FR, SA, SU), got {item:?}"
                ));
            }
        }
    }
    crate::sort::sort_by_key(&mut days, |d| d.num_days_from_monday());
    days.dedup();
    Ok(days)
}

fn is_ordinal(prefix: &str) -> bool {
    let digits = prefix.strip_prefix(['+', '-']).unwrap_or(prefix);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn read_by_month_day(value: &str) -> std::result::Result<Vec<i8>, String> {
    let mut days = Vec::new();
    for item in value.split(',').map(str::trim) {
        match item.parse::<i8>() {
            Ok(d) if (1..=31).contains(&d) || (-31..=-1).contains(&d) => days.push(d),
            _ => {
                return Err(format!(
                    "BYMONTHDAY values must be 1 to 31 or -31 to -1, got {item:?}"
                ));
            }
        }
    }
    crate::sort::sort(&mut days);
    days.dedup();
    Ok(days)
}

fn read_until(value: &str) -> std::result::Result<DateTime<Utc>, String> {
    let bad = || {
        format!(
            "UNTIL must be a UTC date-time such as 20261231T235959Z, or a date such as \
             20261231, got {value:?}"
        )
    };
    let number = |s: Option<&str>| -> std::result::Result<u32, String> {
        match s {
            Some(s) if s.bytes().all(|b| b.is_ascii_digit()) => s.parse().map_err(|_| bad()),
            _ => Err(bad()),
        }
    };
    let upper = value.to_ascii_uppercase();
    let (date, time) = match upper.split_once('T') {
        Some((date, time)) => {
            let Some(time) = time.strip_suffix('Z') else {
                return Err(format!(
                    "UNTIL must be in UTC (ending in Z, e.g. 20261231T235959Z), got {value:?}"
                ));
            };
            (date, Some(time))
        }
        None => (upper.as_str(), None),
    };
    if date.len() != 8 || time.is_some_and(|t| t.len() != 6) {
        return Err(bad());
    }
    let year = i32::try_from(number(date.get(..4))?).map_err(|_| bad())?;
    let day = NaiveDate::from_ymd_opt(year, number(date.get(4..6))?, number(date.get(6..))?)
        .ok_or_else(bad)?;
    let time = match time {
        Some(t) => NaiveTime::from_hms_opt(
            number(t.get(..2))?,
            number(t.get(2..4))?,
            number(t.get(4..))?,
        )
        .ok_or_else(bad)?,
        None => NaiveTime::from_hms_opt(23, 59, 59).ok_or_else(bad)?,
    };
    Ok(day.and_time(time).and_utc())
}

const WEEKDAYS: [(Weekday, &str); 7] = [
    (Weekday::Mon, "MO"),
    (Weekday::Tue, "TU"),
    (Weekday::Wed, "WE"),
    (Weekday::Thu, "TH"),
    (Weekday::Fri, "FR"),
    (Weekday::Sat, "SA"),
    (Weekday::Sun, "SU"),
];

fn weekday_code(day: Weekday) -> &'static str {
    WEEKDAYS
        .iter()
        .find(|(wd, _)| *wd == day)
        .map_or("MO", |(_, code)| code)
}

/// The Monday on or before `date` (or the calendar's first day).
fn week_start(date: NaiveDate) -> NaiveDate {
    date.checked_sub_days(Days::new(date.weekday().num_days_from_monday().into()))
        .unwrap_or(NaiveDate::MIN)
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The day of the month that a BYMONTHDAY value names, if the month has it.
fn month_day(year: i32, month: u32, md: i8) -> Option<u32> {
    let days = i32::try_from(days_in_month(year, month)).ok()?;
    let md = i32::from(md);
    let day = match md.cmp(&0) {
        Ordering::Greater => md,
        Ordering::Less => days + 1 + md,
        Ordering::Equal => return None,
    };
    if (1..=days).contains(&day) {
        u32::try_from(day).ok()
    } else {
        None
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::test_zones::{Apia, Berlin, Kolkata, Lord_Howe, New_York, Santiago, UTC};
    use proptest::prelude::*;

    /// An instant written in UTC as `2026-03-02 14:00`.
    fn at(s: &str) -> DateTime<Utc> {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
            .unwrap()
            .and_utc()
    }

    fn rule(s: &str) -> Recurrence {
        Recurrence::parse(s).unwrap()
    }

    fn take(r: &str, start: &str, tz: Tz, n: usize) -> Vec<DateTime<Utc>> {
        rule(r).occurrences(at(start), tz).take(n).collect()
    }

    /// Instants as text in `tz`, e.g. `2026-03-09 09:00 Mon, 2026-03-16 09:00 Mon`.
    fn text(tz: Tz, list: &[DateTime<Utc>]) -> String {
        let shown: Vec<_> = list
            .iter()
            .map(|a| a.with_timezone(&tz).format("%Y-%m-%d %H:%M %a").to_string())
            .collect();
        shown.join(", ")
    }

    /// The first `n` occurrences of `r` from `start` (UTC text), shown in UTC.
    fn utc_text(r: &str, start: &str, tz: Tz, n: usize) -> String {
        text(UTC, &take(r, start, tz, n))
    }

    fn reason(rule: &str) -> String {
        match Recurrence::parse(rule) {
            Err(Error::InvalidValue {
                field,
                value,
                reason,
            }) => {
                assert_eq!((field.as_str(), value.as_str()), ("recurrence", rule));
                reason
            }
            other => panic!("{rule}: {other:?}"),
        }
    }

    #[test]
    fn parses_parts_case_insensitively() {
        let r = rule("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=10");
        assert_eq!(
            (r.freq(), r.interval(), r.count(), r.until()),
            (Frequency::Weekly, 2, Some(10), None)
        );
        assert_eq!(r.by_day(), [Weekday::Mon, Weekday::Wed]);
        let r = rule(" rrule:freq=monthly;bymonthday=15,-1,15;until=20261231t120000z; ");
        assert_eq!((r.by_month_day(), r.interval()), (&[-1, 15][..], 1));
        assert_eq!(r.until(), Some(at("2026-12-31 12:00")));
        let end_of_day = at("2026-01-05 23:59") + TimeDelta::seconds(59);
        assert_eq!(rule("FREQ=DAILY;UNTIL=20260105").until(), Some(end_of_day));
        assert_eq!(rule("FREQ=YEARLY").by_day(), []);
    }

    #[test]
    fn canonical_text_and_serde() {
        let r = rule("byday=su,we,mo,we;interval=3;freq=weekly");
        let canonical = "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,WE,SU";
        assert_eq!(
            (r.to_rrule(), r.to_string()),
            (canonical.to_owned(), canonical.to_owned())
        );
        assert_eq!(canonical.parse::<Recurrence>().unwrap(), r);
        let early = "FREQ=DAILY;UNTIL=00010203T040506Z";
        assert_eq!(rule(early).to_rrule(), early);
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, format!("\"{canonical}\""));
        assert_eq!(serde_json::from_str::<Recurrence>(&json).unwrap(), r);
        let err = serde_json::from_str::<Recurrence>("\"FREQ=HOURLY\"").unwrap_err();
        assert!(
            err.to_string().contains("FREQ=HOURLY is not supported"),
            "{err}"
        );
        assert_eq!(
            serde_json::to_string(&Frequency::Monthly).unwrap(),
            "\"monthly\""
        );
        let yearly: Frequency = serde_json::from_str("\"yearly\"").unwrap();
        assert_eq!(yearly, Frequency::Yearly);
    }

    #[test]
    fn every_error_names_its_part() {
        let parts = [
            "BYSETPOS",
            "BYHOUR",
            "BYMINUTE",
            "BYSECOND",
            "BYWEEKNO",
            "BYYEARDAY",
        ];
        for name in parts
            .iter()
            .chain(&["BYMONTH", "WKST", "X-NAME", "bysetpos"])
        {
            let r = reason(&format!("FREQ=MONTHLY;{name}=1"));
            let supported = "(supported: FREQ, INTERVAL, BYDAY, BYMONTHDAY, COUNT, UNTIL)";
            assert_eq!(
                r,
                format!("{} is not supported {supported}", name.to_uppercase())
            );
        }
        for (bad, part) in [
            ("FREQ=HOURLY", "FREQ=HOURLY is not supported"),
            ("FREQ=MINUTELY", "FREQ=MINUTELY is not supported"),
            ("FREQ=SOMETIMES", "FREQ=SOMETIMES"),
            ("FREQ=DAILY;INTERVAL=0", "INTERVAL must be"),
            ("FREQ=DAILY;INTERVAL=-2", "INTERVAL must be"),
            ("FREQ=DAILY;INTERVAL=x", "INTERVAL must be"),
            ("FREQ=DAILY;INTERVAL=4294967296", "INTERVAL must be"),
            ("FREQ=DAILY;COUNT=0", "COUNT must be"),
            ("FREQ=DAILY;COUNT=", "COUNT must be"),
            ("FREQ=WEEKLY;BYDAY=XX", "BYDAY must list weekdays"),
            ("FREQ=WEEKLY;BYDAY=MO,", "BYDAY must list weekdays"),
            ("FREQ=WEEKLY;BYDAY=MONDAY", "BYDAY must list weekdays"),
            ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY values"),
            ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY values"),
            ("FREQ=MONTHLY;BYMONTHDAY=-32", "BYMONTHDAY values"),
            ("FREQ=MONTHLY;BYMONTHDAY=1,x", "BYMONTHDAY values"),
            ("FREQ=DAILY;UNTIL=2026-12-31", "UNTIL must be a UTC"),
            ("FREQ=DAILY;UNTIL=20261231T235959", "UNTIL must be in UTC"),
            ("FREQ=DAILY;UNTIL=20261331", "UNTIL must be a UTC"),
            ("FREQ=DAILY;UNTIL=20261231T246060Z", "UNTIL must be a UTC"),
            (
                "FREQ=DAILY;COUNT=2;UNTIL=20261231",
                "COUNT and UNTIL cannot",
            ),
            ("FREQ=DAILY;FREQ=WEEKLY", "FREQ is given more than once"),
            (
                "FREQ=DAILY;COUNT=1;count=2",
                "COUNT is given more than once",
            ),
            ("INTERVAL=2", "FREQ is required"),
            ("", "FREQ is required"),
            ("RRULE:", "FREQ is required"),
            (
                "FREQ=WEEKLY;BYMONTHDAY=1",
                "BYMONTHDAY cannot be used with FREQ=WEEKLY",
            ),
            ("FREQ=DAILY;COUNT", "\"COUNT\" is not a NAME=VALUE part"),
            ("FREQ=DAILY;=3", "\"=3\" has no part name"),
        ] {
            let r = reason(bad);
            assert!(r.starts_with(part), "{bad}: {r}");
        }
        for ordinal in ["1MO", "-1FR", "+2TU", "10SU"] {
            let r = reason(&format!("FREQ=MONTHLY;BYDAY={ordinal}"));
            let expected = format!("BYDAY={ordinal}: ordinal BYDAY (such as 1MO or -1FR) is not");
            assert!(r.starts_with(&expected), "{r}");
        }
        let err = Recurrence::parse("FREQ=YEARLY;BYMONTH=2").unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            ("invalid_value", Some("recurrence"))
        );
    }

    #[test]
    fn weekly_keeps_local_time_across_new_york_dst() {
        // Monday 2 March 2026, 09:00 EST; DST starts 8 March and ends 1 November.
        let due = take("FREQ=WEEKLY;BYDAY=MO", "2026-03-02 14:00", New_York, 40);
        assert_eq!(
            text(UTC, &due[..2]),
            "2026-03-02 14:00 Mon, 2026-03-09 13:00 Mon"
        );
        assert_eq!(
            text(UTC, &due[34..36]),
            "2026-10-26 13:00 Mon, 2026-11-02 14:00 Mon"
        );
        assert!(
            text(New_York, &due)
                .split(", ")
                .all(|s| s.ends_with("09:00 Mon"))
        );
    }

    #[test]
    fn weekly_keeps_local_time_across_berlin_dst() {
        // Monday 23 March 2026, 09:00 CET; CEST from 29 March to 25 October.
        let due = take("FREQ=WEEKLY", "2026-03-23 08:00", Berlin, 32);
        assert_eq!(
            text(UTC, &due[..2]),
            "2026-03-23 08:00 Mon, 2026-03-30 07:00 Mon"
        );
        assert_eq!(
            text(UTC, &due[30..]),
            "2026-10-19 07:00 Mon, 2026-10-26 08:00 Mon"
        );
        assert!(
            text(Berlin, &due)
                .split(", ")
                .all(|s| s.ends_with("09:00 Mon"))
        );
    }

    #[test]
    fn gap_times_move_forward_and_overlaps_take_the_earlier() {
        // New York 8 March 2026: 02:00 EST jumps to 03:00 EDT.
        let due = take("FREQ=DAILY", "2026-03-06 07:30", New_York, 4);
        assert_eq!(
            text(New_York, &due),
            "2026-03-06 02:30 Fri, 2026-03-07 02:30 Sat, 2026-03-08 03:30 Sun, 2026-03-09 02:30 Mon"
        );
        assert_eq!(due[2], at("2026-03-08 07:30"));
        // 1 November 2026: 01:30 happens twice; the earlier (EDT) instant is taken.
        let due = utc_text("FREQ=DAILY", "2026-10-31 05:30", New_York, 3);
        assert_eq!(
            due,
            "2026-10-31 05:30 Sat, 2026-11-01 05:30 Sun, 2026-11-02 06:30 Mon"
        );
        // Berlin 29 March 2026 02:30 → 03:30 CEST; 25 October 02:30 twice → CEST.
        let due = take("FREQ=DAILY", "2026-03-28 01:30", Berlin, 3);
        assert_eq!(
            text(UTC, &due),
            "2026-03-28 01:30 Sat, 2026-03-29 01:30 Sun, 2026-03-30 00:30 Mon"
        );
        assert_eq!(text(Berlin, &due[1..2]), "2026-03-29 03:30 Sun");
        let due = utc_text("FREQ=DAILY", "2026-10-24 00:30", Berlin, 3);
        assert_eq!(
            due,
            "2026-10-24 00:30 Sat, 2026-10-25 00:30 Sun, 2026-10-26 01:30 Mon"
        );
    }

    #[test]
    fn lord_howe_half_hour_dst() {
        // DST (+11:00) ends 5 April 2026 at 02:00 → 01:30 (+10:30); starts again 4 October
        // 2026 at 02:00 → 02:30.
        let sundays = take("FREQ=WEEKLY;BYDAY=SU", "2026-03-28 22:00", Lord_Howe, 30);
        assert_eq!(
            text(UTC, &sundays[..2]),
            "2026-03-28 22:00 Sat, 2026-04-04 22:30 Sat"
        );
        assert_eq!(
            text(UTC, &sundays[26..28]),
            "2026-09-26 22:30 Sat, 2026-10-03 22:00 Sat"
        );
        assert!(
            text(Lord_Howe, &sundays)
                .split(", ")
                .all(|s| s.ends_with("09:00 Sun"))
        );
        // 02:15 does not exist on 4 October: it moves forward by the 30-minute gap.
        let due = take("FREQ=DAILY", "2026-10-02 15:45", Lord_Howe, 3);
        assert_eq!(
            text(UTC, &due),
            "2026-10-02 15:45 Fri, 2026-10-03 15:45 Sat, 2026-10-04 15:15 Sun"
        );
        assert_eq!(text(Lord_Howe, &due[1..2]), "2026-10-04 02:45 Sun");
        // 01:45 happens twice on 5 April: the earlier (+11:00) instant.
        let due = take("FREQ=DAILY", "2026-04-03 14:45", Lord_Howe, 3);
        assert_eq!(
            text(UTC, &due),
            "2026-04-03 14:45 Fri, 2026-04-04 14:45 Sat, 2026-04-05 15:15 Sun"
        );
        assert!(
            text(Lord_Howe, &due)
                .split(", ")
                .all(|s| s.contains(" 01:45 "))
        );
    }

    #[test]
    fn monthly_by_month_day_skips_short_months_and_counts_from_the_end() {
        let days = |r: &str, start: &str, n: usize| -> Vec<String> {
            let due = take(r, start, UTC, n);
            due.iter()
                .map(|d| d.format("%y-%m-%d").to_string())
                .collect()
        };
        let plain = days("FREQ=MONTHLY", "2026-01-31 10:00", 7);
        assert_eq!(
            plain,
            [
                "26-01-31", "26-03-31", "26-05-31", "26-07-31", "26-08-31", "26-10-31", "26-12-31"
            ]
        );
        assert_eq!(
            days("FREQ=MONTHLY;BYMONTHDAY=31", "2026-01-31 10:00", 7),
            plain
        );
        let last = days("FREQ=MONTHLY;BYMONTHDAY=-1", "2026-01-31 10:00", 26);
        assert_eq!(last[..4], ["26-01-31", "26-02-28", "26-03-31", "26-04-30"]);
        assert_eq!(last[25], "28-02-29");
        let two = days("FREQ=MONTHLY;BYMONTHDAY=1,-1", "2026-02-01 10:00", 4);
        assert_eq!(two, ["26-02-01", "26-02-28", "26-03-01", "26-03-31"]);
        let fri13 = days("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", "2026-01-01 09:00", 4);
        assert_eq!(fri13, ["26-01-01", "26-02-13", "26-03-13", "26-11-13"]);
        let mondays = days("FREQ=MONTHLY;INTERVAL=2;BYDAY=MO", "2026-01-01 09:00", 7);
        assert_eq!(mondays[4..], ["26-01-26", "26-03-02", "26-03-09"]);
    }

    #[test]
    fn yearly_rules() {
        let leap = take("FREQ=YEARLY", "2024-02-29 12:00", UTC, 20);
        assert_eq!(
            text(UTC, &leap[..2]),
            "2024-02-29 12:00 Thu, 2028-02-29 12:00 Tue"
        );
        // 2100 is not a leap year.
        assert_eq!(
            text(UTC, &leap[18..]),
            "2096-02-29 12:00 Wed, 2104-02-29 12:00 Fri"
        );
        let every_other = rule("FREQ=YEARLY;INTERVAL=2");
        assert_eq!(
            every_other.nth(at("2026-05-17 09:00"), Berlin, 2),
            Some(at("2030-05-17 09:00"))
        );
        let firsts = take("FREQ=YEARLY;BYMONTHDAY=1", "2026-01-01 09:00", UTC, 13);
        assert_eq!(
            text(UTC, &firsts[11..]),
            "2026-12-01 09:00 Tue, 2027-01-01 09:00 Fri"
        );
        let thirtieth = utc_text("FREQ=YEARLY;BYMONTHDAY=30", "2024-02-29 09:00", UTC, 3);
        assert_eq!(
            thirtieth,
            "2024-02-29 09:00 Thu, 2024-03-30 09:00 Sat, 2024-04-30 09:00 Tue"
        );
        let sundays = rule("FREQ=YEARLY;BYDAY=SU");
        let in_2026 = sundays
            .occurrences(at("2026-01-01 09:00"), UTC)
            .take_while(|d| d.year() == 2026);
        assert_eq!(in_2026.count(), 1 + 52);
    }

    #[test]
    fn weekly_and_daily_by_day() {
        // Start on a Thursday: the Tuesday of that week is before the start, so skipped.
        let due = utc_text(
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH",
            "2026-01-01 09:00",
            UTC,
            4,
        );
        assert_eq!(
            due,
            "2026-01-01 09:00 Thu, 2026-01-13 09:00 Tue, 2026-01-15 09:00 Thu, 2026-01-27 09:00 Tue"
        );
        // A start that does not match the rule is still the first occurrence.
        let due = utc_text("FREQ=WEEKLY;BYDAY=MO", "2026-01-07 09:00", UTC, 2);
        assert_eq!(due, "2026-01-07 09:00 Wed, 2026-01-12 09:00 Mon");
        let due = utc_text("FREQ=DAILY;BYDAY=MO,FR", "2026-01-01 09:00", UTC, 4);
        assert_eq!(
            due,
            "2026-01-01 09:00 Thu, 2026-01-02 09:00 Fri, 2026-01-05 09:00 Mon, 2026-01-09 09:00 Fri"
        );
        let due = utc_text("FREQ=DAILY;BYMONTHDAY=-1", "2026-01-01 09:00", UTC, 3);
        assert_eq!(
            due,
            "2026-01-01 09:00 Thu, 2026-01-31 09:00 Sat, 2026-02-28 09:00 Sat"
        );
    }

    #[test]
    fn count_and_until_bound_the_series() {
        let start = "2026-01-01 09:00";
        assert_eq!(take("FREQ=DAILY;COUNT=3", start, Berlin, 10).len(), 3);
        assert_eq!(take("FREQ=DAILY;COUNT=1", start, Berlin, 10), [at(start)]);
        let due = utc_text(
            "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=4",
            "2026-01-07 09:00",
            UTC,
            10,
        );
        assert_eq!(
            due,
            "2026-01-07 09:00 Wed, 2026-01-09 09:00 Fri, 2026-01-12 09:00 Mon, 2026-01-14 09:00 Wed"
        );
        let until = take("FREQ=DAILY;UNTIL=20260105T090000Z", start, UTC, 10);
        assert_eq!(
            (until.len(), until.last()),
            (5, Some(&at("2026-01-05 09:00")))
        );
        assert_eq!(
            take("FREQ=DAILY;UNTIL=20260105T085959Z", start, UTC, 10).len(),
            4
        );
        assert_eq!(take("FREQ=DAILY;UNTIL=20260105", start, UTC, 10).len(), 5);
        // The start counts even when UNTIL is before it.
        assert_eq!(
            take("FREQ=DAILY;UNTIL=20251231", start, UTC, 10),
            [at(start)]
        );
        let r = rule("FREQ=DAILY;COUNT=3");
        assert_eq!(r.nth(at(start), Berlin, 2), Some(at("2026-01-03 09:00")));
        assert_eq!(r.nth(at(start), Berlin, 3), None);
        assert_eq!(
            r.next_after(at(start), Berlin, at("2026-01-02 09:00")),
            Some(at("2026-01-03 09:00"))
        );
        assert_eq!(
            r.next_after(at(start), Berlin, at("2026-01-03 09:00")),
            None
        );
        let r = rule("FREQ=DAILY;UNTIL=20260105T090000Z");
        assert_eq!(
            r.next_after(at(start), UTC, at("2026-01-04 12:00")),
            Some(at("2026-01-05 09:00"))
        );
        assert_eq!(r.next_after(at(start), UTC, at("2026-01-05 09:00")), None);
    }

    #[test]
    fn rules_that_yield_nothing_more_end() {
        let monday = "2026-01-05 09:00";
        // Every 7th day is always a Monday: never a Tuesday.
        assert_eq!(
            take("FREQ=DAILY;INTERVAL=7;BYDAY=TU", monday, Berlin, 5),
            [at(monday)]
        );
        let never = rule("FREQ=DAILY;INTERVAL=7;BYDAY=TU");
        assert_eq!(never.next_after(at(monday), Berlin, at(monday)), None);
        // Every 12th month from February: never a 30th.
        let feb = "2026-02-01 09:00";
        assert_eq!(
            take("FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=30", feb, Berlin, 5),
            [at(feb)]
        );
        // Rare but possible: 29 February on a Monday (2016, 2044, ...).
        let rare = take("FREQ=DAILY;BYMONTHDAY=29;BYDAY=MO", monday, UTC, 400);
        assert!(rare.contains(&at("2044-02-29 09:00")));
        // At the ends of the calendar the series stops instead of failing.
        let far = DateTime::<Utc>::MAX_UTC - TimeDelta::days(3);
        let last: Vec<_> = rule("FREQ=DAILY")
            .occurrences(far, New_York)
            .take(10)
            .collect();
        assert!((2..=4).contains(&last.len()), "{last:?}");
        assert_eq!(
            take("FREQ=YEARLY;INTERVAL=4294967295", monday, Lord_Howe, 10).len(),
            1
        );
        let first = DateTime::<Utc>::MIN_UTC;
        let weekly = rule("FREQ=WEEKLY");
        assert_eq!(weekly.occurrences(first, New_York).next(), Some(first));
    }

    #[test]
    fn next_after_skips_far_ahead() {
        let start = at("2026-01-05 08:00"); // Monday 09:00 in Berlin
        let weekly = rule("FREQ=WEEKLY;BYDAY=MO,TH");
        // 3 January 2126 is a Thursday, 7 January the Monday after.
        let next = weekly.next_after(start, Berlin, at("2126-01-02 00:00"));
        assert_eq!(next, Some(at("2126-01-03 08:00")));
        let next = weekly.next_after(start, Berlin, at("2126-01-03 08:00"));
        assert_eq!(next, Some(at("2126-01-07 08:00")));
        // 100,000 days after the start (a multiple of 4), 09:00 in Berlin.
        let daily = rule("FREQ=DAILY;INTERVAL=4");
        let next = daily
            .next_after(start, Berlin, at("2299-10-20 00:00"))
            .unwrap();
        assert_eq!(text(Berlin, &[next]), "2299-10-21 09:00 Sat");
        let yearly = rule("FREQ=YEARLY");
        assert_eq!(
            yearly.next_after(start, Berlin, at("3000-01-05 08:00")),
            Some(at("3001-01-05 08:00"))
        );
        let monthly = rule("FREQ=MONTHLY;BYMONTHDAY=-1");
        assert_eq!(
            monthly.next_after(start, Berlin, at("2100-02-01 00:00")),
            Some(at("2100-02-28 08:00"))
        );
    }

    #[test]
    fn resolve_local_handles_pacific_apia_skipped_day() {
        // Samoa skipped 30 December 2011 entirely (UTC-10 → UTC+14).
        let apia = Apia;
        let missing = NaiveDateTime::parse_from_str("2011-12-30 09:00", "%Y-%m-%d %H:%M").unwrap();
        let moved = resolve_local(apia, missing).unwrap();
        assert_eq!(text(apia, &[moved]), "2011-12-31 09:00 Sat");
        let start = resolve_local(apia, missing - TimeDelta::days(1)).unwrap();
        let due: Vec<_> = rule("FREQ=DAILY")
            .occurrences(start, apia)
            .take(3)
            .collect();
        assert_eq!(
            text(apia, &due),
            "2011-12-29 09:00 Thu, 2011-12-31 09:00 Sat, 2012-01-01 09:00 Sun"
        );
    }

    const ZONES: [Tz; 7] = [New_York, Berlin, Lord_Howe, Apia, Kolkata, Santiago, UTC];

    fn weekday_strategy() -> impl Strategy<Value = Vec<Weekday>> {
        proptest::collection::vec(0u8..7, 0..4).prop_map(|v| {
            v.into_iter()
                .filter_map(|n| Weekday::try_from(n).ok())
                .collect()
        })
    }

    /// A valid rule in RRULE text, parts in random case and order.
    fn rule_strategy() -> impl Strategy<Value = String> {
        let freq = prop_oneof![
            Just(Frequency::Daily),
            Just(Frequency::Weekly),
            Just(Frequency::Monthly),
            Just(Frequency::Yearly)
        ];
        let month_days = proptest::collection::vec(prop_oneof![1i8..=31, -31i8..=-1], 0..3);
        let bound = prop_oneof![
            Just(String::new()),
            (1u32..40).prop_map(|n| format!("COUNT={n}")),
            (2026i32..2032, 1u32..=12, 1u32..=28, 0u32..24)
                .prop_map(|(y, m, d, h)| format!("UNTIL={y:04}{m:02}{d:02}T{h:02}0000Z")),
        ];
        let interval = prop_oneof![Just(1u32), 1u32..5, 1u32..=u32::MAX];
        (
            freq,
            interval,
            weekday_strategy(),
            month_days,
            bound,
            any::<bool>(),
        )
            .prop_map(|(freq, interval, days, month_days, bound, lower)| {
                let mut parts = vec![format!("FREQ={}", freq.as_rrule()), bound];
                if interval != 1 || lower {
                    parts.push(format!("INTERVAL={interval}"));
                }
                if !days.is_empty() {
                    let codes: Vec<_> = days.iter().map(|d| weekday_code(*d)).collect();
                    parts.push(format!("BYDAY={}", codes.join(",")));
                }
                if !month_days.is_empty() && freq != Frequency::Weekly {
                    let s: Vec<_> = month_days.iter().map(i8::to_string).collect();
                    parts.push(format!("BYMONTHDAY={}", s.join(",")));
                }
                if lower {
                    parts.reverse();
                    format!("rrule:{}", parts.join(";").to_lowercase())
                } else {
                    parts.join(";")
                }
            })
    }

    /// Rules with small intervals, so that a few occurrences cover little time.
    fn small_rule() -> impl Strategy<Value = Recurrence> {
        rule_strategy()
            .prop_map(|s| rule(&s))
            .prop_filter("small interval", |r| r.interval() <= 4)
    }

    /// A start at a local time (often on the hour or half hour) in one of the zones.
    fn start_strategy() -> impl Strategy<Value = (DateTime<Utc>, Tz)> {
        let minute = prop_oneof![Just(0u32), Just(30), 0u32..60];
        (
            (2010i32..2030, 1u32..=12, 1u32..=28, 0u32..24, minute),
            0..ZONES.len(),
        )
            .prop_map(|((y, m, d, h, mi), z)| {
                let local = NaiveDate::from_ymd_opt(y, m, d)
                    .unwrap()
                    .and_hms_opt(h, mi, 0)
                    .unwrap();
                (resolve_local(ZONES[z], local).unwrap(), ZONES[z])
            })
    }

    proptest! {
        #[test]
        fn canonical_text_round_trips(text in rule_strategy()) {
            let r = Recurrence::parse(&text).unwrap();
            let canonical = r.to_rrule();
            prop_assert_eq!(Recurrence::parse(&canonical).unwrap(), r.clone());
            let prefixed = Recurrence::parse(&format!("RRULE:{canonical}")).unwrap();
            prop_assert_eq!(prefixed.to_rrule(), canonical);
            let json = serde_json::to_string(&r).unwrap();
            prop_assert_eq!(serde_json::from_str::<Recurrence>(&json).unwrap(), r);
        }

        #[test]
        fn parse_never_panics(
            text in "(?i)(rrule:)?((freq|interval|byday|bymonthday|count|until|wkst)=[-+0-9a-z,]{0,10};?){0,5}",
        ) {
            if let Err(e) = Recurrence::parse(&text) {
                prop_assert_eq!(e.field(), Some("recurrence"));
                prop_assert_eq!(e.value(), Some(text.as_str()));
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn occurrences_increase_and_keep_local_time(r in small_rule(), (start, tz) in start_strategy()) {
            let due: Vec<_> = r.occurrences(start, tz).take(60).collect();
            prop_assert_eq!(due.first(), Some(&start));
            prop_assert!(due.windows(2).all(|w| w[0] < w[1]));
            if let Some(count) = r.count() {
                prop_assert!(due.len() <= usize::try_from(count).unwrap());
            }
            let wall = start.with_timezone(&tz).time();
            let in_gap = |l: NaiveDateTime| tz.from_local_datetime(&l) == LocalResult::None;
            for at in &due[1..] {
                prop_assert!(r.until().is_none_or(|until| *at <= until));
                let local = at.with_timezone(&tz);
                if local.time() != wall {
                    // Only a time that does not exist that day may move (forward).
                    let meant = local.date_naive().and_time(wall);
                    let day_before = (local.date_naive() - TimeDelta::days(1)).and_time(wall);
                    prop_assert!(in_gap(meant) || in_gap(day_before), "{} in {}", local, tz);
                }
            }
        }

        #[test]
        fn next_after_is_the_first_later_occurrence(
            r in small_rule(),
            (start, tz) in start_strategy(),
            ahead in prop_oneof![-100_000i64..100_000, 0i64..20_000_000],
        ) {
            let after = start + TimeDelta::minutes(ahead);
            let expected = r.occurrences(start, tz).find(|&at| at > after);
            prop_assert_eq!(r.next_after(start, tz, after), expected);
            if let Some(at) = expected {
                let again = r.next_after(start, tz, at);
                prop_assert!(again.is_none_or(|x| x > at));
            }
        }
    }
}
