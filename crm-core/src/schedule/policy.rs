//! The contact policy: whether a customer may be contacted now, and if not, when.
//!
//! [`can_contact`] weighs a planned outbound touch against
//!
//! - **consent** ([`Consent::check`]): always applies; a touch blocked by consent has no
//!   earliest time ([`Decision::earliest`] is `None`);
//! - **quiet hours** and **weekends** (Saturday and Sunday) in the customer's own time zone,
//!   read off the customer's wall clock, so they follow daylight saving time;
//! - **frequency caps** ("at most K touches per rolling window", per channel or over all
//!   channels) and a **minimum gap** between any two outbound touches, counted over the
//!   customer's past touches.
//!
//! Categories in [`ContactPolicy::exempt`] (by default `transactional` and `requested`) skip
//! quiet hours, weekends, caps and the minimum gap, but never consent. A per-touch override
//! with a reason skips caps and the minimum gap only; the reason is kept in the decision.
//!
//! A cap counts the touches in `(t − window, t]`; adding a touch at `t` is blocked when there
//! are already `max` of them. The minimum gap is measured from the latest touch at or before
//! `t`. Touches after `t` are not yet history at `t` and do not count there (they do count
//! for later instants when searching for the earliest allowed time).
//!
//! ```
//! use chrono::TimeZone as _;
//! use crm_core::consent::{Consent, TouchCategory};
//! use crm_core::interaction::Channel;
//! use crm_core::schedule::policy::{can_contact, ContactPolicy};
//! use crm_core::contact::TimeZone;
//!
//! let berlin = TimeZone::parse("Europe/Berlin")?;
//!
//! // Saturday 10:00 in berlin: weekends are off by default, and Monday 00:00–08:00 is quiet.
//! let saturday = berlin.with_ymd_and_hms(2026, 1, 10, 10, 0, 0).unwrap().to_utc();
//! let decision = can_contact(
//!     &ContactPolicy::default(), &Consent::default(), &[],
//!     Channel::Phone, TouchCategory::Service, saturday, berlin, None,
//! );
//! assert!(!decision.allowed);
//! assert_eq!(decision.reasons[0].code(), "weekend");
//! let monday = berlin.with_ymd_and_hms(2026, 1, 12, 8, 0, 0).unwrap().to_utc();
//! assert_eq!(decision.earliest, Some(monday));
//! # Ok::<(), crm_core::Error>(())
//! ```

use std::fmt;

use crate::contact::TimeZone as Tz;
use chrono::{DateTime, Datelike, Duration, NaiveDateTime, NaiveTime, SecondsFormat, Utc, Weekday};
use serde::{Deserialize, Serialize};

use crate::consent::{Consent, ConsentBlock, TouchCategory};
use crate::error::{Error, Result};
use crate::interaction::Channel;
use crate::schedule::calendar::BusinessCalendar;
use crate::schedule::zone::ZoneOffsets;

/// Formats a duration for people: `7d`, `1d 12h`, `90m` → `1h 30m`, `45s`.
fn human(d: Duration) -> String {
    let mut secs = d.num_seconds();
    if secs <= 0 {
        return format!("{secs}s");
    }
    let mut parts = Vec::new();
    for (unit, name) in [(86_400, "d"), (3_600, "h"), (60, "m"), (1, "s")] {
        if secs >= unit {
            parts.push(format!("{}{name}", secs / unit));
            secs %= unit;
        }
    }
    parts.join(" ")
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// Checks a window or gap: positive, in whole seconds.
fn check_seconds(field: &str, d: Duration, what: &str) -> Result<i64> {
    if d <= Duration::zero() || d.subsec_nanos() != 0 {
        return Err(Error::InvalidValue {
            field: field.to_owned(),
            value: format!("{}s", d.num_seconds()),
            reason: format!("{what} must be a positive whole number of seconds"),
        });
    }
    Ok(d.num_seconds())
}

fn seconds_to_duration(field: &str, secs: i64, what: &str) -> Result<Duration> {
    let d = Duration::try_seconds(secs).ok_or_else(|| Error::InvalidValue {
        field: field.to_owned(),
        value: format!("{secs}s"),
        reason: format!("{what} is out of range"),
    })?;
    check_seconds(field, d, what)?;
    Ok(d)
}

/// "At most `max` outbound touches per rolling `window`", on one channel or over all.
///
/// Serializes as `{"channel": "email", "max": 3, "window": 604800}` with the window in
/// seconds (`channel` omitted for all channels); deserialization validates like
/// [`FrequencyCap::new`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CapRepr", into = "CapRepr")]
#[non_exhaustive]
pub struct FrequencyCap {
    /// The channel counted and capped; `None` counts touches on every channel and caps them
    /// all.
    pub channel: Option<Channel>,
    /// The most touches allowed in any window (at least 1).
    pub max: u32,
    /// The length of the rolling window (positive, whole seconds).
    pub window: Duration,
}

#[derive(Serialize, Deserialize)]
struct CapRepr {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    channel: Option<Channel>,
    max: u32,
    window: i64,
}

impl TryFrom<CapRepr> for FrequencyCap {
    type Error = Error;

    fn try_from(r: CapRepr) -> Result<Self> {
        let window = seconds_to_duration("policy.caps", r.window, "the window of a cap")?;
        FrequencyCap::new(r.channel, r.max, window)
    }
}

impl From<FrequencyCap> for CapRepr {
    fn from(c: FrequencyCap) -> Self {
        Self {
            channel: c.channel,
            max: c.max,
            window: c.window.num_seconds(),
        }
    }
}

impl FrequencyCap {
    /// At most `max` touches per `window` on `channel` (`None`: over all channels).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] with field `policy.caps` when `max` is 0 or `window` is not a
    /// positive whole number of seconds.
    ///
    /// ```
    /// use chrono::Duration;
    /// use crm_core::interaction::Channel;
    /// use crm_core::schedule::policy::FrequencyCap;
    ///
    /// let cap = FrequencyCap::new(Some(Channel::Email), 3, Duration::days(7))?;
    /// assert_eq!(cap.to_string(), "at most 3 touches per 7d on email");
    /// assert!(FrequencyCap::new(None, 0, Duration::days(7)).is_err());
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn new(channel: Option<Channel>, max: u32, window: Duration) -> Result<Self> {
        if max == 0 {
            return Err(Error::InvalidValue {
                field: "policy.caps".to_owned(),
                value: "0".to_owned(),
                reason: "a cap of zero allows no touch at all: max must be at least 1 (to stop \
                         contact on a channel, record the customer's consent instead)"
                    .to_owned(),
            });
        }
        check_seconds("policy.caps", window, "the window of a cap")?;
        Ok(Self {
            channel,
            max,
            window,
        })
    }

    /// Whether the cap limits touches on `channel`.
    pub fn applies_to(&self, channel: Channel) -> bool {
        self.channel.is_none_or(|c| c == channel)
    }

    /// Whether the cap can be enforced (`max ≥ 1`, positive window). Caps made with
    /// [`FrequencyCap::new`] are; one whose public fields were changed into an invalid
    /// state is ignored by [`can_contact`].
    pub fn is_valid(&self) -> bool {
        self.max >= 1 && self.window > Duration::zero()
    }
}

impl fmt::Display for FrequencyCap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let touches = if self.max == 1 { "touch" } else { "touches" };
        write!(
            f,
            "at most {} {touches} per {}",
            self.max,
            human(self.window)
        )?;
        match self.channel {
            Some(c) => write!(f, " on {c}"),
            None => f.write_str(" over all channels"),
        }
    }
}

/// Hours of the customer's local day in which they are not contacted, `[start, end)`; may
/// wrap midnight (`21:00`–`08:00`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "QuietRepr", into = "QuietRepr")]
#[non_exhaustive]
pub struct QuietHours {
    /// The local time quiet hours begin (inclusive).
    pub start: NaiveTime,
    /// The local time they end (exclusive); before `start` when they wrap midnight.
    pub end: NaiveTime,
}

#[derive(Serialize, Deserialize)]
struct QuietRepr {
    #[serde(deserialize_with = "crate::json::time_of_day")]
    start: NaiveTime,
    #[serde(deserialize_with = "crate::json::time_of_day")]
    end: NaiveTime,
}

impl TryFrom<QuietRepr> for QuietHours {
    type Error = Error;

    fn try_from(r: QuietRepr) -> Result<Self> {
        QuietHours::new(r.start, r.end)
    }
}

impl From<QuietHours> for QuietRepr {
    fn from(q: QuietHours) -> Self {
        Self {
            start: q.start,
            end: q.end,
        }
    }
}

impl QuietHours {
    /// Quiet from `start` (inclusive) to `end` (exclusive), wrapping midnight when
    /// `end < start`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] with field `policy.quiet_hours` when `start == end` (use no
    /// quiet hours instead).
    ///
    /// ```
    /// use chrono::NaiveTime;
    /// use crm_core::schedule::policy::QuietHours;
    ///
    /// let hm = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    /// let night = QuietHours::new(hm(21, 0), hm(8, 0))?;
    /// assert!(night.contains(hm(23, 30)) && night.contains(hm(7, 59)));
    /// assert!(!night.contains(hm(8, 0)) && !night.contains(hm(20, 59)));
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn new(start: NaiveTime, end: NaiveTime) -> Result<Self> {
        if start == end {
            return Err(Error::InvalidValue {
                field: "policy.quiet_hours".to_owned(),
                value: format!("{start}-{end}"),
                reason: "quiet hours must start and end at different times (for none, set no \
                         quiet hours)"
                    .to_owned(),
            });
        }
        Ok(Self { start, end })
    }

    /// Whether the local time `local` is quiet. Quiet hours whose fields were set equal are
    /// never quiet.
    pub fn contains(&self, local: NaiveTime) -> bool {
        if self.start < self.end {
            self.start <= local && local < self.end
        } else if self.start > self.end {
            local >= self.start || local < self.end
        } else {
            false
        }
    }

    /// If the local date-time `local` is quiet, the local date-time at which this quiet
    /// stretch ends.
    fn ends_at(&self, local: NaiveDateTime) -> Option<NaiveDateTime> {
        if !self.contains(local.time()) {
            return None;
        }
        let date = local.date();
        if self.start > self.end && local.time() >= self.start {
            date.succ_opt().map(|next| next.and_time(self.end))
        } else {
            Some(date.and_time(self.end))
        }
    }
}

/// If the local date-time `local` is on a weekend, the local midnight that starts Monday.
fn weekend_ends_at(local: NaiveDateTime) -> Option<NaiveDateTime> {
    let days = match local.date().weekday() {
        Weekday::Sat => 2,
        Weekday::Sun => 1,
        _ => return None,
    };
    local
        .date()
        .checked_add_days(chrono::Days::new(days))
        .map(|d| d.and_time(NaiveTime::MIN))
}

/// Rules for outbound contact: frequency caps, a minimum gap, quiet hours, weekends, and
/// the categories exempt from them. See the [module documentation](self).
///
/// The default has no caps, no minimum gap, quiet hours 20:00–08:00, no contact on weekends,
/// and `transactional` and `requested` exempt. Serializes with durations in seconds
/// (`"min_gap": 86400`); missing fields take their default, deserialization validates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "PolicyRepr", into = "PolicyRepr")]
pub struct ContactPolicy {
    caps: Vec<FrequencyCap>,
    min_gap: Option<Duration>,
    quiet_hours: Option<QuietHours>,
    allow_weekends: bool,
    exempt: Vec<TouchCategory>,
    business_hours: bool,
}

#[derive(Serialize, Deserialize)]
#[serde(default)]
struct PolicyRepr {
    caps: Vec<FrequencyCap>,
    min_gap: Option<i64>,
    quiet_hours: Option<QuietHours>,
    allow_weekends: bool,
    exempt: Vec<TouchCategory>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    business_hours: bool,
}

impl Default for PolicyRepr {
    fn default() -> Self {
        ContactPolicy::default().into()
    }
}

impl TryFrom<PolicyRepr> for ContactPolicy {
    type Error = Error;

    fn try_from(r: PolicyRepr) -> Result<Self> {
        let mut policy = ContactPolicy::unrestricted()
            .with_weekends(r.allow_weekends)
            .with_business_hours(r.business_hours)
            .with_exempt(r.exempt)
            .with_quiet_hours(r.quiet_hours)?;
        if let Some(secs) = r.min_gap {
            policy = policy.with_min_gap(Some(seconds_to_duration(
                "policy.min_gap",
                secs,
                "the minimum gap",
            )?))?;
        }
        for cap in r.caps {
            policy = policy.with_cap(cap)?;
        }
        Ok(policy)
    }
}

impl From<ContactPolicy> for PolicyRepr {
    fn from(p: ContactPolicy) -> Self {
        Self {
            caps: p.caps,
            min_gap: p.min_gap.map(|d| d.num_seconds()),
            quiet_hours: p.quiet_hours,
            allow_weekends: p.allow_weekends,
            exempt: p.exempt,
            business_hours: p.business_hours,
        }
    }
}

impl Default for ContactPolicy {
    fn default() -> Self {
        let hour = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap_or(NaiveTime::MIN);
        Self {
            caps: Vec::new(),
            min_gap: None,
            quiet_hours: Some(QuietHours {
                start: hour(20),
                end: hour(8),
            }),
            allow_weekends: false,
            exempt: vec![TouchCategory::Transactional, TouchCategory::Requested],
            business_hours: false,
        }
    }
}

impl ContactPolicy {
    /// The default policy; see the type's documentation.
    pub fn new() -> Self {
        Self::default()
    }

    /// A policy that restricts nothing: no caps, no gap, no quiet hours, weekends allowed,
    /// nothing exempt (consent still applies in [`can_contact`]).
    pub fn unrestricted() -> Self {
        Self {
            caps: Vec::new(),
            min_gap: None,
            quiet_hours: None,
            allow_weekends: true,
            exempt: Vec::new(),
            business_hours: false,
        }
    }

    /// The same policy with `cap` added.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] with field `policy.caps` when the cap's fields are invalid
    /// (see [`FrequencyCap::new`]).
    pub fn with_cap(mut self, cap: FrequencyCap) -> Result<Self> {
        let cap = FrequencyCap::new(cap.channel, cap.max, cap.window)?;
        self.caps.push(cap);
        Ok(self)
    }

    /// The same policy with a minimum gap between two outbound touches (`None`: no gap).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] with field `policy.min_gap` when the gap is not a positive
    /// whole number of seconds.
    pub fn with_min_gap(mut self, gap: Option<Duration>) -> Result<Self> {
        if let Some(gap) = gap {
            check_seconds("policy.min_gap", gap, "the minimum gap")?;
        }
        self.min_gap = gap;
        Ok(self)
    }

    /// The same policy with these quiet hours (`None`: no quiet hours).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] with field `policy.quiet_hours` when start and end are equal.
    pub fn with_quiet_hours(mut self, quiet: Option<QuietHours>) -> Result<Self> {
        if let Some(q) = quiet {
            QuietHours::new(q.start, q.end)?;
        }
        self.quiet_hours = quiet;
        Ok(self)
    }

    /// The same policy with weekends (Saturday, Sunday in the customer's zone) allowed or not.
    #[must_use]
    pub fn with_weekends(mut self, allow: bool) -> Self {
        self.allow_weekends = allow;
        self
    }

    /// The same policy with contact allowed only while the business is open: inside the
    /// working hours, and not on a holiday, of the calendar that counts for the customer
    /// (their owner's, else the owner's team's, else the book's; see
    /// [`AgendaSettings`](crate::schedule::agenda::AgendaSettings)). Off by default; without
    /// any calendar it restricts nothing. Exempt categories are exempt from it too.
    #[must_use]
    pub fn with_business_hours(mut self, only_when_open: bool) -> Self {
        self.business_hours = only_when_open;
        self
    }

    /// Whether contact is limited to the business's open hours.
    pub fn business_hours(&self) -> bool {
        self.business_hours
    }

    /// The same policy with these categories exempt from quiet hours, weekends, caps and
    /// the minimum gap (never from consent).
    #[must_use]
    pub fn with_exempt(mut self, categories: Vec<TouchCategory>) -> Self {
        let mut categories = categories;
        crate::sort::sort_by_key(&mut categories, |c| *c);
        categories.dedup();
        self.exempt = categories;
        self
    }

    /// The frequency caps.
    pub fn caps(&self) -> &[FrequencyCap] {
        &self.caps
    }

    /// The minimum gap between two outbound touches, if any.
    pub fn min_gap(&self) -> Option<Duration> {
        self.min_gap
    }

    /// The quiet hours, if any.
    pub fn quiet_hours(&self) -> Option<QuietHours> {
        self.quiet_hours
    }

    /// Whether weekends are allowed.
    pub fn allow_weekends(&self) -> bool {
        self.allow_weekends
    }

    /// The exempt categories.
    pub fn exempt(&self) -> &[TouchCategory] {
        &self.exempt
    }

    /// Whether `category` is exempt from everything but consent.
    pub fn is_exempt(&self, category: TouchCategory) -> bool {
        self.exempt.contains(&category)
    }
}

/// A past outbound touch of the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Touch {
    /// When it happened.
    #[serde(with = "crate::json::instant")]
    pub at: DateTime<Utc>,
    /// On which channel.
    pub channel: Channel,
}

impl Touch {
    /// A touch on `channel` at `at`.
    pub fn new(at: DateTime<Utc>, channel: Channel) -> Self {
        Self { at, channel }
    }
}

/// One reason a touch may not go out at an instant; all but consent say until when they hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Blocker {
    /// The customer's consent forbids it (no end in sight).
    Consent(ConsentBlock),
    /// Inside the customer's quiet hours, until they end.
    QuietHours {
        /// When the quiet hours end.
        #[serde(with = "crate::json::instant")]
        until: DateTime<Utc>,
    },
    /// A weekend in the customer's time zone, until Monday 00:00 there.
    Weekend {
        /// When the weekend ends.
        #[serde(with = "crate::json::instant")]
        until: DateTime<Utc>,
    },
    /// Outside the business's working hours (or on a holiday), until it opens again.
    BusinessHours {
        /// When the business opens.
        #[serde(with = "crate::json::instant")]
        until: DateTime<Utc>,
    },
    /// A frequency cap is reached.
    Cap {
        /// The cap.
        cap: FrequencyCap,
        /// When enough counted touches have left its window.
        #[serde(with = "crate::json::instant")]
        until: DateTime<Utc>,
    },
    /// Too soon after the last touch.
    MinGap {
        /// When the minimum gap since the last touch has passed.
        #[serde(with = "crate::json::instant")]
        until: DateTime<Utc>,
    },
}

impl Blocker {
    /// The stable snake_case code: the consent block's code (`do_not_contact`,
    /// `channel_denied`, `no_marketing_opt_in`), or `quiet_hours`, `weekend`,
    /// `business_hours`, `frequency_cap`, `min_gap`.
    pub fn code(&self) -> &'static str {
        match self {
            Blocker::Consent(block) => block.code(),
            Blocker::QuietHours { .. } => "quiet_hours",
            Blocker::Weekend { .. } => "weekend",
            Blocker::BusinessHours { .. } => "business_hours",
            Blocker::Cap { .. } => "frequency_cap",
            Blocker::MinGap { .. } => "min_gap",
        }
    }

    /// Until when the blocker holds at the least; `None` for consent.
    pub fn until(&self) -> Option<DateTime<Utc>> {
        match self {
            Blocker::Consent(_) => None,
            Blocker::QuietHours { until }
            | Blocker::Weekend { until }
            | Blocker::BusinessHours { until }
            | Blocker::Cap { until, .. }
            | Blocker::MinGap { until } => Some(*until),
        }
    }
}

impl fmt::Display for Blocker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Blocker::Consent(block) => write!(f, "{block}"),
            Blocker::QuietHours { until } => write!(
                f,
                "inside the customer's quiet hours, which end at {}",
                rfc3339(*until)
            ),
            Blocker::Weekend { until } => write!(
                f,
                "weekend in the customer's time zone, until {}",
                rfc3339(*until)
            ),
            Blocker::BusinessHours { until } => write!(
                f,
                "outside business hours, which begin again at {}",
                rfc3339(*until)
            ),
            Blocker::Cap { cap, until } => {
                write!(f, "{cap} already reached, until {}", rfc3339(*until))
            }
            Blocker::MinGap { until } => write!(
                f,
                "too soon after the last touch: the minimum gap has passed at {}",
                rfc3339(*until)
            ),
        }
    }
}

/// The answer of [`can_contact`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// Whether the touch may go out at the instant asked about.
    pub allowed: bool,
    /// Everything that blocks it at that instant (empty when allowed).
    pub reasons: Vec<Blocker>,
    /// The first instant at or after the one asked about at which it may go out; `None`
    /// when consent blocks it.
    #[serde(default, with = "crate::json::opt_instant")]
    pub earliest: Option<DateTime<Utc>>,
    /// The override reason, when the caller overrode caps and the minimum gap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overridden: Option<String>,
}

/// Everything `can_contact` needs to test one instant, with the touches sorted once.
struct Checker<'a> {
    policy: &'a ContactPolicy,
    zone: &'a ZoneOffsets,
    calendar: Option<&'a BusinessCalendar>,
    calendar_rules: bool,
    volume_rules: bool,
    all: Vec<DateTime<Utc>>,
    caps: Vec<(&'a FrequencyCap, Vec<DateTime<Utc>>)>,
}

impl<'a> Checker<'a> {
    fn new(
        policy: &'a ContactPolicy,
        touches: &[Touch],
        channel: Channel,
        zone: &'a ZoneOffsets,
        calendar: Option<&'a BusinessCalendar>,
        exempt: bool,
        overridden: bool,
    ) -> Self {
        let volume_rules = !exempt && !overridden;
        let mut all: Vec<DateTime<Utc>> = Vec::new();
        let mut caps = Vec::new();
        if volume_rules {
            all = touches.iter().map(|t| t.at).collect();
            crate::sort::sort(&mut all);
            for cap in policy
                .caps
                .iter()
                .filter(|c| c.is_valid() && c.applies_to(channel))
            {
                let mut times: Vec<DateTime<Utc>> = touches
                    .iter()
                    .filter(|t| cap.channel.is_none_or(|c| c == t.channel))
                    .map(|t| t.at)
                    .collect();
                crate::sort::sort(&mut times);
                caps.push((cap, times));
            }
        }
        Self {
            policy,
            zone,
            calendar: calendar.filter(|_| policy.business_hours),
            calendar_rules: !exempt,
            volume_rules,
            all,
            caps,
        }
    }

    /// Every blocker other than consent at `t`.
    fn blockers(&self, t: DateTime<Utc>) -> Vec<Blocker> {
        let mut out = Vec::new();
        if self.calendar_rules {
            if let Some(q) = self.policy.quiet_hours {
                if let Some(until) = wall_exit(self.zone, t, |l| q.ends_at(l)) {
                    out.push(Blocker::QuietHours { until });
                }
            }
            if !self.policy.allow_weekends {
                if let Some(until) = wall_exit(self.zone, t, weekend_ends_at) {
                    out.push(Blocker::Weekend { until });
                }
            }
            if let Some(calendar) = self.calendar {
                if !calendar.is_open(t) {
                    if let Some(until) = calendar.next_open(t) {
                        out.push(Blocker::BusinessHours { until });
                    }
                }
            }
        }
        if self.volume_rules {
            for (cap, times) in &self.caps {
                let hi = times.partition_point(|x| *x <= t);
                let lo = t
                    .checked_sub_signed(cap.window)
                    .map_or(0, |from| times.partition_point(|x| *x <= from));
                let max = cap.max as usize;
                if hi - lo >= max {
                    // Once the (n − max + 1)-th oldest counted touch has left the window,
                    // only max − 1 remain.
                    if let Some(oldest) = times.get(hi - max) {
                        let until = oldest
                            .checked_add_signed(cap.window)
                            .unwrap_or(DateTime::<Utc>::MAX_UTC);
                        out.push(Blocker::Cap {
                            cap: (*cap).clone(),
                            until,
                        });
                    }
                }
            }
            if let Some(gap) = self.policy.min_gap {
                let hi = self.all.partition_point(|x| *x <= t);
                if let Some(last) = hi.checked_sub(1).and_then(|i| self.all.get(i)) {
                    if t - *last < gap {
                        let until = last
                            .checked_add_signed(gap)
                            .unwrap_or(DateTime::<Utc>::MAX_UTC);
                        out.push(Blocker::MinGap { until });
                    }
                }
            }
        }
        out
    }

    /// The first instant from `at` with no blocker; `at`'s blockers are `blockers`.
    fn earliest(&self, at: DateTime<Utc>, mut blockers: Vec<Blocker>) -> Option<DateTime<Utc>> {
        // Each round passes a quiet-hours or weekend end or a touch leaving a window or gap.
        let rounds = 64 + 4 * (self.caps.len() + 1) * self.all.len();
        let mut t = at;
        for _ in 0..rounds {
            if blockers.is_empty() {
                return Some(t);
            }
            // Every blocker holds until its `until`, so nothing before the latest is allowed.
            let next = blockers
                .iter()
                .filter_map(Blocker::until)
                .max()
                .unwrap_or(t);
            t = if next > t {
                next
            } else {
                t.checked_add_signed(Duration::seconds(1))?
            };
            blockers = self.blockers(t);
        }
        None
    }
}

/// If the wall clock of `tz` at `at` is in a blocked stretch (`ends_at` gives the local
/// time it ends), the first instant after `at` at which it no longer is; `None` when `at`
/// is not blocked. Follows the clock across changes of UTC offset.
fn wall_exit(
    zone: &ZoneOffsets,
    at: DateTime<Utc>,
    ends_at: impl Fn(NaiveDateTime) -> Option<NaiveDateTime>,
) -> Option<DateTime<Utc>> {
    let mut cur = at;
    let mut blocked = false;
    for _ in 0..16 {
        let Some(local) = zone.local_time(cur) else {
            break;
        };
        let Some(end_local) = ends_at(local) else {
            break;
        };
        blocked = true;
        // With the offset at `cur`, the wall clock reaches `end_local` at `end`, unless the
        // offset changes first; then look again from the change.
        let offset = Duration::seconds(zone.offset_secs(cur));
        let Some(end) = end_local.checked_sub_signed(offset).map(|n| n.and_utc()) else {
            return Some(DateTime::<Utc>::MAX_UTC);
        };
        if end <= cur {
            break;
        }
        cur = zone.next_transition(cur, end).unwrap_or(end);
    }
    blocked.then_some(cur)
}

/// Whether a touch of `category` on `channel` may go out to a customer at `at`, and if not,
/// why and from when; see the [module documentation](self) for the rules.
///
/// `touches` are the customer's past outbound touches, in any order. Quiet hours and
/// weekends are read in the customer's time zone `tz`. `override_reason` (non-blank)
/// overrides the caps and the minimum gap, and is kept in [`Decision::overridden`]; a blank
/// reason overrides nothing.
///
/// `earliest` is the first instant at or after `at` with no blocker (`at` itself when
/// allowed), or `None` when consent blocks the touch (or, for absurd inputs, when no such
/// instant is found after a bounded search).
///
/// ```
/// use chrono::{Duration, TimeZone as _, Utc};
/// use crm_core::consent::{Consent, TouchCategory};
/// use crm_core::interaction::Channel;
/// use crm_core::schedule::policy::{can_contact, ContactPolicy, FrequencyCap, Touch};
/// use crm_core::contact::TimeZone;
///
/// let new_york = TimeZone::parse("America/New_York")?;
///
/// let policy = ContactPolicy::default()
///     .with_cap(FrequencyCap::new(Some(Channel::Email), 2, Duration::days(7))?)?;
/// let at = |d, h| new_york.with_ymd_and_hms(2026, 4, d, h, 0, 0).unwrap().to_utc();
/// let touches = [Touch::new(at(2, 10), Channel::Email), Touch::new(at(1, 10), Channel::Email)];
/// let consent = Consent::default();
///
/// let d = can_contact(&policy, &consent, &touches, Channel::Email, TouchCategory::Service,
///                     at(3, 10), new_york, None);
/// assert!(!d.allowed);
/// assert_eq!(d.reasons[0].code(), "frequency_cap");
/// assert_eq!(d.earliest, Some(at(8, 10))); // when the touch of 1 April is a week old
///
/// // A manager can override the cap, with a reason.
/// let d = can_contact(&policy, &consent, &touches, Channel::Email, TouchCategory::Service,
///                     at(3, 10), new_york, Some("customer asked for the quote today"));
/// assert!(d.allowed);
/// assert_eq!(d.overridden.as_deref(), Some("customer asked for the quote today"));
/// # Ok::<(), crm_core::Error>(())
/// ```
#[allow(clippy::too_many_arguments)] // each argument is a distinct, required input
pub fn can_contact(
    policy: &ContactPolicy,
    consent: &Consent,
    touches: &[Touch],
    channel: Channel,
    category: TouchCategory,
    at: DateTime<Utc>,
    tz: Tz,
    override_reason: Option<&str>,
) -> Decision {
    can_contact_in(
        policy,
        consent,
        touches,
        channel,
        category,
        at,
        &ZoneOffsets::probing(tz),
        None,
        override_reason,
    )
}

/// [`can_contact`] in a zone whose offsets may be known in advance (the same decision,
/// found faster when many are asked about the same stretch of time).
#[allow(clippy::too_many_arguments)] // as can_contact
pub(crate) fn can_contact_in(
    policy: &ContactPolicy,
    consent: &Consent,
    touches: &[Touch],
    channel: Channel,
    category: TouchCategory,
    at: DateTime<Utc>,
    zone: &ZoneOffsets,
    calendar: Option<&BusinessCalendar>,
    override_reason: Option<&str>,
) -> Decision {
    let overridden = override_reason
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned);
    let checker = Checker::new(
        policy,
        touches,
        channel,
        zone,
        calendar,
        policy.is_exempt(category),
        overridden.is_some(),
    );
    let consent_block = consent.check(channel, category).err();
    let blockers = checker.blockers(at);
    let earliest = match consent_block {
        Some(_) => None,
        None => checker.earliest(at, blockers.clone()),
    };
    let mut reasons: Vec<Blocker> = consent_block.map(Blocker::Consent).into_iter().collect();
    reasons.extend(blockers);
    Decision {
        allowed: reasons.is_empty(),
        reasons,
        earliest,
        overridden,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consent::ConsentRecord;
    use crate::contact::test_zones::{Berlin, Kolkata, Lord_Howe, New_York};
    use crate::schedule::zone::next_transition;
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

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn ask(policy: &ContactPolicy, touches: &[Touch], at: DateTime<Utc>, tz: Tz) -> Decision {
        can_contact(
            policy,
            &Consent::default(),
            touches,
            Channel::Email,
            TouchCategory::Service,
            at,
            tz,
            None,
        )
    }

    fn codes(d: &Decision) -> Vec<&'static str> {
        d.reasons.iter().map(Blocker::code).collect()
    }

    #[test]
    fn quiet_hours_wrap_midnight() {
        let q = QuietHours::new(hm(21, 0), hm(8, 0)).unwrap();
        for (t, quiet) in [
            (hm(21, 0), true),
            (hm(23, 59), true),
            (hm(0, 0), true),
            (hm(3, 0), true),
            (hm(7, 59), true),
            (hm(8, 0), false),
            (hm(12, 0), false),
            (hm(20, 59), false),
        ] {
            assert_eq!(q.contains(t), quiet, "{t}");
        }
        let lunch = QuietHours::new(hm(12, 0), hm(13, 0)).unwrap();
        assert!(
            lunch.contains(hm(12, 30)) && !lunch.contains(hm(13, 0)) && !lunch.contains(hm(1, 0))
        );
        let err = QuietHours::new(hm(8, 0), hm(8, 0)).unwrap_err();
        assert_eq!(err.field(), Some("policy.quiet_hours"));

        let policy = ContactPolicy::unrestricted()
            .with_quiet_hours(Some(q))
            .unwrap();
        // Wednesday 22:30 in Berlin: quiet until Thursday 08:00.
        let d = ask(&policy, &[], local(Berlin, 2024, 1, 10, 22, 30), Berlin);
        let thursday = local(Berlin, 2024, 1, 11, 8, 0);
        assert!(!d.allowed);
        assert_eq!(d.reasons, vec![Blocker::QuietHours { until: thursday }]);
        assert_eq!(d.earliest, Some(thursday));
        // After midnight the same stretch ends the same morning.
        let d = ask(&policy, &[], local(Berlin, 2024, 1, 11, 2, 0), Berlin);
        assert_eq!(d.earliest, Some(thursday));
        let d = ask(&policy, &[], thursday, Berlin);
        assert!(d.allowed && d.reasons.is_empty());
        assert_eq!(d.earliest, Some(thursday));
        // The same instant is not quiet for a customer in Kolkata (12:30 there... 03:00 UTC + 5:30).
        let d = ask(&policy, &[], utc(2024, 1, 11, 3, 0), Kolkata);
        assert!(d.allowed);
    }

    #[test]
    fn weekend_rolls_over_to_monday_morning() {
        let policy = ContactPolicy::default();
        // Friday 21:00 in New York: quiet, then the weekend, then quiet until Monday 08:00.
        let friday = local(New_York, 2024, 6, 7, 21, 0);
        let monday = local(New_York, 2024, 6, 10, 8, 0);
        let d = ask(&policy, &[], friday, New_York);
        assert_eq!(codes(&d), ["quiet_hours"]);
        assert_eq!(d.earliest, Some(monday));
        // Saturday noon: weekend until Monday 00:00.
        let d = ask(&policy, &[], local(New_York, 2024, 6, 8, 12, 0), New_York);
        assert_eq!(
            d.reasons,
            vec![Blocker::Weekend {
                until: local(New_York, 2024, 6, 10, 0, 0)
            }]
        );
        assert_eq!(d.earliest, Some(monday));
        // Sunday 23:00: quiet and weekend at once.
        let d = ask(&policy, &[], local(New_York, 2024, 6, 9, 23, 0), New_York);
        assert_eq!(codes(&d), ["quiet_hours", "weekend"]);
        assert_eq!(d.earliest, Some(monday));
        // With weekends allowed, Saturday 08:00.
        let d = ask(&policy.clone().with_weekends(true), &[], friday, New_York);
        assert_eq!(d.earliest, Some(local(New_York, 2024, 6, 8, 8, 0)));
    }

    #[test]
    fn quiet_hours_follow_dst_changes() {
        let policy = ContactPolicy::default().with_weekends(true);
        // New York springs forward on Sunday 2024-03-10: 08:00 that morning is 12:00 UTC.
        let d = ask(&policy, &[], local(New_York, 2024, 3, 9, 23, 0), New_York);
        assert_eq!(d.earliest, Some(utc(2024, 3, 10, 12, 0)));
        // … and falls back on 2024-11-03: 08:00 is 13:00 UTC.
        let d = ask(&policy, &[], local(New_York, 2024, 11, 2, 23, 0), New_York);
        assert_eq!(d.earliest, Some(utc(2024, 11, 3, 13, 0)));

        // Quiet hours that end inside the skipped hour end when the clocks jump (03:00 EDT).
        let q = QuietHours::new(hm(22, 0), hm(2, 30)).unwrap();
        let p = policy.clone().with_quiet_hours(Some(q)).unwrap();
        let d = ask(&p, &[], local(New_York, 2024, 3, 10, 1, 0), New_York);
        assert_eq!(
            d.reasons,
            vec![Blocker::QuietHours {
                until: utc(2024, 3, 10, 7, 0)
            }]
        );
        assert_eq!(d.earliest, Some(utc(2024, 3, 10, 7, 0)));

        // Berlin falls back on 2024-10-27 at 03:00 CEST → 02:00 CET. Quiet 20:00–02:30:
        // the first 02:30 is 00:30 UTC; at the second 02:15 (01:15 UTC) the clock says
        // quiet again, until 02:30 CET = 01:30 UTC.
        let p = policy
            .clone()
            .with_quiet_hours(Some(QuietHours::new(hm(20, 0), hm(2, 30)).unwrap()))
            .unwrap();
        let d = ask(&p, &[], local(Berlin, 2024, 10, 26, 23, 0), Berlin);
        assert_eq!(d.earliest, Some(utc(2024, 10, 27, 0, 30)));
        let d = ask(&p, &[], utc(2024, 10, 27, 1, 15), Berlin);
        assert_eq!(
            d.reasons,
            vec![Blocker::QuietHours {
                until: utc(2024, 10, 27, 1, 30)
            }]
        );
        assert!(ask(&p, &[], utc(2024, 10, 27, 0, 45), Berlin).allowed);

        // Quiet 02:30–08:00 on that night: at 02:45 CEST the clocks go back to 02:00 at
        // 01:00 UTC, which is not quiet; quiet again from 02:30 CET (01:30 UTC) to 08:00.
        let p = policy
            .clone()
            .with_quiet_hours(Some(QuietHours::new(hm(2, 30), hm(8, 0)).unwrap()))
            .unwrap();
        let d = ask(&p, &[], utc(2024, 10, 27, 0, 45), Berlin);
        assert_eq!(
            d.reasons,
            vec![Blocker::QuietHours {
                until: utc(2024, 10, 27, 1, 0)
            }]
        );
        assert_eq!(d.earliest, Some(utc(2024, 10, 27, 1, 0)));
        let d = ask(&p, &[], utc(2024, 10, 27, 1, 30), Berlin);
        assert_eq!(d.earliest, Some(local(Berlin, 2024, 10, 27, 8, 0)));

        // Lord Howe moves by 30 minutes: 2024-10-06 02:00 LHST → 02:30 LHDT (15:30 UTC on
        // the 5th). 08:00 on the 6th is 21:00 UTC on the 5th.
        let d = ask(
            &policy,
            &[],
            local(Lord_Howe, 2024, 10, 5, 23, 0),
            Lord_Howe,
        );
        assert_eq!(d.earliest, Some(utc(2024, 10, 5, 21, 0)));
    }

    #[test]
    fn caps_count_a_rolling_window() {
        let cap = FrequencyCap::new(Some(Channel::Email), 2, Duration::hours(24)).unwrap();
        let policy = ContactPolicy::unrestricted().with_cap(cap.clone()).unwrap();
        let day = |h| utc(2024, 5, 6, h, 0);
        // Unsorted, one on another channel.
        let touches = [
            Touch::new(day(12), Channel::Email),
            Touch::new(day(10), Channel::Phone),
            Touch::new(day(9), Channel::Email),
        ];
        let d = ask(&policy, &touches, day(15), Berlin);
        let until = utc(2024, 5, 7, 9, 0);
        assert_eq!(
            d.reasons,
            vec![Blocker::Cap {
                cap: cap.clone(),
                until
            }]
        );
        assert_eq!(d.earliest, Some(until));
        assert!(ask(&policy, &touches, until, Berlin).allowed);
        assert!(!ask(&policy, &touches, until - Duration::nanoseconds(1), Berlin).allowed);
        // Phone is not capped by the email cap.
        let phone = can_contact(
            &policy,
            &Consent::default(),
            &touches,
            Channel::Phone,
            TouchCategory::Service,
            day(15),
            Berlin,
            None,
        );
        assert!(phone.allowed);

        // Three in the window, max 2: the second oldest must leave.
        let touches3 = [
            Touch::new(day(9), Channel::Email),
            Touch::new(day(11), Channel::Email),
            Touch::new(day(13), Channel::Email),
        ];
        let d = ask(&policy, &touches3, day(14), Berlin);
        let until = utc(2024, 5, 7, 11, 0);
        assert_eq!(
            d.reasons,
            vec![Blocker::Cap {
                cap: cap.clone(),
                until
            }]
        );
        assert_eq!(d.earliest, Some(until));
        // A touch exactly one window ago no longer counts.
        let d = ask(&policy, &touches, utc(2024, 5, 7, 9, 0), Berlin);
        assert!(d.allowed);

        // A cap over all channels counts the phone call too.
        let all = FrequencyCap::new(None, 3, Duration::hours(24)).unwrap();
        let p = ContactPolicy::unrestricted().with_cap(all.clone()).unwrap();
        let d = can_contact(
            &p,
            &Consent::default(),
            &touches,
            Channel::Sms,
            TouchCategory::Service,
            day(15),
            Berlin,
            None,
        );
        assert_eq!(
            d.reasons,
            vec![Blocker::Cap {
                cap: all,
                until: utc(2024, 5, 7, 9, 0)
            }]
        );
        // Touches after the instant asked about do not count at that instant…
        let future = [
            Touch::new(day(20), Channel::Email),
            Touch::new(day(21), Channel::Email),
        ];
        let d = ask(&policy, &future, day(15), Berlin);
        assert!(d.allowed);
        // … but the search for the earliest instant walks past them.
        let d = ask(&policy, &future, day(22), Berlin);
        assert_eq!(d.earliest, Some(utc(2024, 5, 7, 20, 0)));
    }

    #[test]
    fn min_gap_until_and_touches_met_on_the_way() {
        let policy = ContactPolicy::unrestricted()
            .with_min_gap(Some(Duration::hours(2)))
            .unwrap();
        let at = |h, m| utc(2024, 5, 6, h, m);
        let touches = [Touch::new(at(10, 0), Channel::Phone)];
        let d = ask(&policy, &touches, at(11, 0), Berlin);
        assert_eq!(d.reasons, vec![Blocker::MinGap { until: at(12, 0) }]);
        assert_eq!(d.earliest, Some(at(12, 0)));
        assert!(ask(&policy, &touches, at(12, 0), Berlin).allowed);
        // A touch at 11:30 is not history at 11:00, but is met at 12:00.
        let touches = [
            Touch::new(at(11, 30), Channel::Sms),
            Touch::new(at(10, 0), Channel::Phone),
        ];
        let d = ask(&policy, &touches, at(11, 0), Berlin);
        assert_eq!(d.earliest, Some(at(13, 30)));
        // Invalid gaps are refused.
        for bad in [
            Duration::zero(),
            Duration::hours(-1),
            Duration::milliseconds(1500),
        ] {
            let err = ContactPolicy::default()
                .with_min_gap(Some(bad))
                .unwrap_err();
            assert_eq!(err.field(), Some("policy.min_gap"));
        }
        // Gap then quiet hours: 19:30 + 2h = 21:30 Berlin is quiet, so 08:00 next day.
        let p = ContactPolicy::default()
            .with_weekends(true)
            .with_min_gap(Some(Duration::hours(2)))
            .unwrap();
        let t = [Touch::new(local(Berlin, 2024, 5, 6, 19, 0), Channel::Email)];
        let d = ask(&p, &t, local(Berlin, 2024, 5, 6, 19, 30), Berlin);
        assert_eq!(codes(&d), ["min_gap"]);
        assert_eq!(d.earliest, Some(local(Berlin, 2024, 5, 7, 8, 0)));
    }

    #[test]
    fn exempt_categories_skip_everything_but_consent() {
        let policy = ContactPolicy::default()
            .with_min_gap(Some(Duration::days(1)))
            .unwrap()
            .with_cap(FrequencyCap::new(None, 1, Duration::days(7)).unwrap())
            .unwrap();
        let saturday_night = local(Berlin, 2024, 1, 13, 23, 0);
        let touches = [Touch::new(
            saturday_night - Duration::hours(1),
            Channel::Email,
        )];
        let mut consent = Consent::default();
        for category in [TouchCategory::Transactional, TouchCategory::Requested] {
            let d = can_contact(
                &policy,
                &consent,
                &touches,
                Channel::Email,
                category,
                saturday_night,
                Berlin,
                None,
            );
            assert!(d.allowed, "{category}");
            assert_eq!(d.earliest, Some(saturday_night));
        }
        let d = can_contact(
            &policy,
            &consent,
            &touches,
            Channel::Email,
            TouchCategory::Service,
            saturday_night,
            Berlin,
            None,
        );
        assert_eq!(
            codes(&d),
            ["quiet_hours", "weekend", "frequency_cap", "min_gap"]
        );
        // Consent still applies to exempt categories (transactional passes consent).
        consent.set_channel(Channel::Email, ConsentRecord::denied(saturday_night));
        let d = can_contact(
            &policy,
            &consent,
            &touches,
            Channel::Email,
            TouchCategory::Requested,
            saturday_night,
            Berlin,
            None,
        );
        assert!(!d.allowed);
        assert_eq!(
            d.reasons,
            vec![Blocker::Consent(ConsentBlock::ChannelDenied(
                Channel::Email
            ))]
        );
        assert_eq!(d.earliest, None);
        consent.set_do_not_contact(ConsentRecord::granted(saturday_night));
        let d = can_contact(
            &policy,
            &consent,
            &touches,
            Channel::Email,
            TouchCategory::Transactional,
            saturday_night,
            Berlin,
            None,
        );
        assert!(d.allowed);
        // With nothing exempt, transactional waits like the rest.
        let strict = policy.clone().with_exempt(Vec::new());
        let d = can_contact(
            &strict,
            &Consent::default(),
            &[],
            Channel::Email,
            TouchCategory::Transactional,
            saturday_night,
            Berlin,
            None,
        );
        assert!(!d.allowed);
    }

    #[test]
    fn overrides_skip_caps_and_gap_only() {
        let policy = ContactPolicy::default()
            .with_min_gap(Some(Duration::hours(4)))
            .unwrap()
            .with_cap(FrequencyCap::new(Some(Channel::Phone), 1, Duration::days(1)).unwrap())
            .unwrap();
        let tuesday = |h| local(Berlin, 2024, 1, 9, h, 0);
        let touches = [Touch::new(tuesday(10), Channel::Phone)];
        let consent = Consent::default();
        let call = |at, reason| {
            can_contact(
                &policy,
                &consent,
                &touches,
                Channel::Phone,
                TouchCategory::Service,
                at,
                Berlin,
                reason,
            )
        };
        let d = call(tuesday(11), None);
        assert_eq!(codes(&d), ["frequency_cap", "min_gap"]);
        assert_eq!(d.overridden, None);
        let d = call(tuesday(11), Some("  customer asked for a callback "));
        assert!(d.allowed);
        assert_eq!(
            d.overridden.as_deref(),
            Some("customer asked for a callback")
        );
        // Not past quiet hours.
        let d = call(tuesday(22), Some("urgent"));
        assert_eq!(codes(&d), ["quiet_hours"]);
        assert_eq!(d.earliest, Some(local(Berlin, 2024, 1, 10, 8, 0)));
        assert_eq!(d.overridden.as_deref(), Some("urgent"));
        // A blank reason overrides nothing.
        let d = call(tuesday(11), Some("   "));
        assert!(!d.allowed);
        assert_eq!(d.overridden, None);
        // Not past consent.
        let mut denied = Consent::default();
        denied.set_channel(Channel::Phone, ConsentRecord::denied(tuesday(9)));
        let d = can_contact(
            &policy,
            &denied,
            &touches,
            Channel::Phone,
            TouchCategory::Service,
            tuesday(11),
            Berlin,
            Some("urgent"),
        );
        assert_eq!(codes(&d), ["channel_denied"]);
        assert_eq!(d.earliest, None);
    }

    #[test]
    fn consent_blocks_have_no_earliest_but_list_everything() {
        let mut consent = Consent::default();
        consent.set_do_not_contact(ConsentRecord::granted(utc(2024, 1, 1, 0, 0)));
        let saturday = local(Berlin, 2024, 1, 13, 12, 0);
        let d = can_contact(
            &ContactPolicy::default(),
            &consent,
            &[],
            Channel::Email,
            TouchCategory::Marketing,
            saturday,
            Berlin,
            None,
        );
        assert!(!d.allowed);
        assert_eq!(d.earliest, None);
        assert_eq!(codes(&d), ["do_not_contact", "weekend"]);
        assert_eq!(d.reasons[1].until(), Some(local(Berlin, 2024, 1, 15, 0, 0)));
        assert_eq!(d.reasons[0].until(), None);
        assert!(d.reasons[0].to_string().contains("not to be contacted"));
        assert_eq!(
            d.reasons[1].to_string(),
            "weekend in the customer's time zone, until 2024-01-14T23:00:00Z"
        );
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(
            json,
            r#"{"allowed":false,"reasons":[{"consent":"do_not_contact"},{"weekend":{"until":"2024-01-14T23:00:00Z"}}],"earliest":null}"#
        );
        let back: Decision = serde_json::from_str(&json).unwrap();
        assert_eq!(back, d);
        // Marketing without opt-in.
        let d = can_contact(
            &ContactPolicy::unrestricted(),
            &Consent::default(),
            &[],
            Channel::Email,
            TouchCategory::Marketing,
            saturday,
            Berlin,
            None,
        );
        assert_eq!(codes(&d), ["no_marketing_opt_in"]);
        assert_eq!(d.earliest, None);
    }

    #[test]
    fn caps_validate_and_serialize_in_seconds() {
        let err = FrequencyCap::new(Some(Channel::Sms), 0, Duration::days(1)).unwrap_err();
        assert_eq!(err.field(), Some("policy.caps"));
        assert!(err.to_string().contains("a cap of zero"), "{err}");
        for window in [
            Duration::zero(),
            Duration::days(-1),
            Duration::milliseconds(10),
        ] {
            let err = FrequencyCap::new(None, 1, window).unwrap_err();
            assert_eq!(err.field(), Some("policy.caps"));
        }
        let cap = FrequencyCap::new(Some(Channel::Email), 3, Duration::days(7)).unwrap();
        let json = serde_json::to_string(&cap).unwrap();
        assert_eq!(json, r#"{"channel":"email","max":3,"window":604800}"#);
        assert_eq!(serde_json::from_str::<FrequencyCap>(&json).unwrap(), cap);
        assert!(serde_json::from_str::<FrequencyCap>(r#"{"max":0,"window":60}"#).is_err());
        assert!(serde_json::from_str::<FrequencyCap>(r#"{"max":1,"window":0}"#).is_err());
        assert!(
            serde_json::from_str::<FrequencyCap>(&format!(r#"{{"max":1,"window":{}}}"#, i64::MAX))
                .is_err()
        );
        let all: FrequencyCap = serde_json::from_str(r#"{"max":1,"window":3600}"#).unwrap();
        assert_eq!(all.channel, None);
        assert_eq!(all.to_string(), "at most 1 touch per 1h over all channels");
        assert_eq!(
            FrequencyCap::new(None, 2, Duration::minutes(90))
                .unwrap()
                .to_string(),
            "at most 2 touches per 1h 30m over all channels"
        );
        // A cap broken through its public fields is ignored, not a panic.
        let mut broken = all.clone();
        broken.max = 0;
        assert!(!broken.is_valid());
        let mut p = ContactPolicy::unrestricted();
        p.caps.push(broken);
        let t = [Touch::new(utc(2024, 1, 1, 0, 0), Channel::Email)];
        assert!(ask(&p, &t, utc(2024, 1, 1, 0, 30), Berlin).allowed);
    }

    #[test]
    fn policy_defaults_and_serde() {
        let p = ContactPolicy::default();
        assert!(p.caps().is_empty());
        assert_eq!(p.min_gap(), None);
        assert_eq!(
            p.quiet_hours(),
            Some(QuietHours::new(hm(20, 0), hm(8, 0)).unwrap())
        );
        assert!(!p.allow_weekends());
        assert_eq!(
            p.exempt(),
            [TouchCategory::Transactional, TouchCategory::Requested]
        );
        assert!(p.is_exempt(TouchCategory::Requested) && !p.is_exempt(TouchCategory::Service));
        let from_empty: ContactPolicy = serde_json::from_str("{}").unwrap();
        assert_eq!(from_empty, p);

        let custom = ContactPolicy::default()
            .with_cap(FrequencyCap::new(Some(Channel::Phone), 2, Duration::days(7)).unwrap())
            .unwrap()
            .with_min_gap(Some(Duration::days(1)))
            .unwrap()
            .with_quiet_hours(None)
            .unwrap()
            .with_weekends(true)
            .with_exempt(vec![
                TouchCategory::Requested,
                TouchCategory::Transactional,
                TouchCategory::Requested,
            ]);
        let json = serde_json::to_string(&custom).unwrap();
        assert_eq!(
            json,
            r#"{"caps":[{"channel":"phone","max":2,"window":604800}],"min_gap":86400,"quiet_hours":null,"allow_weekends":true,"exempt":["transactional","requested"]}"#
        );
        assert_eq!(
            serde_json::from_str::<ContactPolicy>(&json).unwrap(),
            custom
        );
        assert!(serde_json::from_str::<ContactPolicy>(r#"{"min_gap":0}"#).is_err());
        assert!(
            serde_json::from_str::<ContactPolicy>(
                r#"{"quiet_hours":{"start":"08:00:00","end":"08:00:00"}}"#
            )
            .is_err()
        );
        let touch = Touch::new(utc(2024, 1, 1, 0, 0), Channel::InPerson);
        assert_eq!(
            serde_json::to_string(&touch).unwrap(),
            r#"{"at":"2024-01-01T00:00:00Z","channel":"in_person"}"#
        );
    }

    #[test]
    fn extreme_inputs_do_not_panic() {
        let huge = FrequencyCap::new(None, 1, Duration::days(365 * 200_000)).unwrap();
        let p = ContactPolicy::default()
            .with_cap(huge)
            .unwrap()
            .with_min_gap(Some(Duration::days(365 * 100_000)))
            .unwrap();
        for at in [
            DateTime::<Utc>::MIN_UTC,
            DateTime::<Utc>::MAX_UTC,
            utc(2024, 1, 1, 0, 0),
        ] {
            let touches = [
                Touch::new(at, Channel::Email),
                Touch::new(DateTime::<Utc>::MIN_UTC, Channel::Sms),
            ];
            for tz in [Lord_Howe, New_York] {
                let d = ask(&p, &touches, at, tz);
                assert!(!d.allowed || d.earliest == Some(at));
            }
        }
    }

    // ----- the big property -----

    const CHANNELS: [Channel; 3] = [Channel::Email, Channel::Phone, Channel::Sms];

    fn zone() -> impl Strategy<Value = Tz> {
        prop_oneof![Just(New_York), Just(Berlin), Just(Lord_Howe), Just(Kolkata)]
    }

    /// An instant in 2023–2025, or (half the time) within a few hours of a DST change.
    fn instant(tz: Tz) -> impl Strategy<Value = DateTime<Utc>> {
        let base = utc(2023, 1, 1, 0, 0);
        (
            0i64..3 * 365 * 24 * 3600,
            any::<bool>(),
            -4 * 3600i64..4 * 3600,
        )
            .prop_map(move |(secs, near_change, around)| {
                let at = base + Duration::seconds(secs);
                if near_change {
                    if let Some(t) = next_transition(tz, at, at + Duration::days(400)) {
                        return t + Duration::seconds(around);
                    }
                }
                at
            })
    }

    fn channel() -> impl Strategy<Value = Channel> {
        proptest::sample::select(CHANNELS.to_vec())
    }

    fn category() -> impl Strategy<Value = TouchCategory> {
        proptest::sample::select(TouchCategory::ALL.to_vec())
    }

    fn window() -> impl Strategy<Value = Duration> {
        prop_oneof![
            Just(Duration::hours(1)),
            Just(Duration::days(1)),
            Just(Duration::days(7)),
            (1i64..5000).prop_map(Duration::minutes),
        ]
    }

    fn policy() -> impl Strategy<Value = ContactPolicy> {
        let cap = (proptest::option::of(channel()), 1u32..4, window())
            .prop_map(|(c, max, w)| FrequencyCap::new(c, max, w).unwrap());
        let quiet = (0u32..96, 1u32..96).prop_map(|(s, len)| {
            let t = |q: u32| NaiveTime::from_hms_opt(q / 4 % 24, (q % 4) * 15, 0).unwrap();
            QuietHours::new(t(s), t((s + len) % 96)).unwrap()
        });
        (
            proptest::collection::vec(cap, 0..3),
            proptest::option::of((10i64..3 * 24 * 60).prop_map(Duration::minutes)),
            proptest::option::of(quiet),
            any::<bool>(),
            proptest::sample::subsequence(TouchCategory::ALL.to_vec(), 0..=4),
        )
            .prop_map(|(caps, gap, quiet, weekends, exempt)| {
                let mut p = ContactPolicy::unrestricted()
                    .with_min_gap(gap)
                    .unwrap()
                    .with_quiet_hours(quiet)
                    .unwrap()
                    .with_weekends(weekends)
                    .with_exempt(exempt);
                for c in caps {
                    p = p.with_cap(c).unwrap();
                }
                p
            })
    }

    fn record() -> impl Strategy<Value = ConsentRecord> {
        (any::<bool>(), 0i64..1000).prop_map(|(granted, h)| {
            let at = utc(2022, 1, 1, 0, 0) + Duration::hours(h);
            if granted {
                ConsentRecord::granted(at)
            } else {
                ConsentRecord::denied(at)
            }
        })
    }

    fn consent() -> impl Strategy<Value = Consent> {
        (
            proptest::collection::vec((channel(), record()), 0..3),
            proptest::option::of(record()),
            proptest::option::weighted(0.2, record()),
        )
            .prop_map(|(channels, marketing, dnc)| {
                let mut c = Consent::default();
                for (ch, r) in channels {
                    c.set_channel(ch, r);
                }
                if let Some(m) = marketing {
                    c.set_marketing(m);
                }
                if let Some(d) = dnc {
                    c.set_do_not_contact(d);
                }
                c
            })
    }

    #[derive(Debug, Clone)]
    struct Case {
        policy: ContactPolicy,
        consent: Consent,
        touches: Vec<Touch>,
        channel: Channel,
        category: TouchCategory,
        at: DateTime<Utc>,
        tz: Tz,
        reason: Option<String>,
    }

    fn case() -> impl Strategy<Value = Case> {
        zone()
            .prop_flat_map(|tz| (Just(tz), instant(tz)))
            .prop_flat_map(|(tz, at)| {
                let touch = (-10 * 24 * 60i64..2 * 24 * 60, channel())
                    .prop_map(move |(m, c)| Touch::new(at + Duration::minutes(m), c));
                (
                    policy(),
                    consent(),
                    proptest::collection::vec(touch, 0..12),
                    channel(),
                    category(),
                    proptest::option::weighted(0.2, Just("asked for it".to_owned())),
                )
                    .prop_map(
                        move |(policy, consent, touches, channel, category, reason)| Case {
                            policy,
                            consent,
                            touches,
                            channel,
                            category,
                            at,
                            tz,
                            reason,
                        },
                    )
            })
    }

    impl Case {
        fn decide(&self, at: DateTime<Utc>) -> Decision {
            can_contact(
                &self.policy,
                &self.consent,
                &self.touches,
                self.channel,
                self.category,
                at,
                self.tz,
                self.reason.as_deref(),
            )
        }

        /// The rules, checked the slow and obvious way.
        fn oracle(&self, t: DateTime<Utc>) -> bool {
            if self.consent.check(self.channel, self.category).is_err() {
                return false;
            }
            let exempt = self.policy.is_exempt(self.category);
            if exempt {
                return true;
            }
            let local = t.with_timezone(&self.tz);
            if self
                .policy
                .quiet_hours()
                .is_some_and(|q| q.contains(local.time()))
            {
                return false;
            }
            if !self.policy.allow_weekends()
                && matches!(local.weekday(), Weekday::Sat | Weekday::Sun)
            {
                return false;
            }
            if self.reason.is_some() {
                return true;
            }
            for cap in self.policy.caps() {
                if cap.channel.is_some_and(|c| c != self.channel) {
                    continue;
                }
                let n = self
                    .touches
                    .iter()
                    .filter(|x| cap.channel.is_none_or(|c| c == x.channel))
                    .filter(|x| x.at > t - cap.window && x.at <= t)
                    .count();
                if n + 1 > cap.max as usize {
                    return false;
                }
            }
            if let Some(gap) = self.policy.min_gap() {
                if self.touches.iter().any(|x| x.at <= t && t - x.at < gap) {
                    return false;
                }
            }
            true
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn decisions_follow_the_rules(case in case(), samples in proptest::collection::vec(0.0f64..1.0, 12)) {
            let d = case.decide(case.at);
            prop_assert_eq!(d.allowed, d.reasons.is_empty());
            prop_assert_eq!(d.allowed, case.oracle(case.at), "{:?}", d);
            prop_assert_eq!(&d.overridden, &case.reason);
            for r in &d.reasons {
                if let Some(until) = r.until() {
                    prop_assert!(until > case.at, "{r}");
                }
            }
            let consent_ok = case.consent.check(case.channel, case.category).is_ok();
            prop_assert_eq!(d.reasons.iter().any(|r| matches!(r, Blocker::Consent(_))), !consent_ok);
            if !consent_ok {
                prop_assert_eq!(d.earliest, None);
                return Ok(());
            }
            let earliest = d.earliest;
            prop_assert!(earliest.is_some(), "{:?}", d);
            let earliest = earliest.unwrap();
            prop_assert!(earliest >= case.at);
            if d.allowed {
                prop_assert_eq!(earliest, case.at);
            }
            prop_assert!(case.oracle(earliest));
            let again = case.decide(earliest);
            prop_assert!(again.allowed, "{:?}", again);
            prop_assert_eq!(again.earliest, Some(earliest));
            let span = (earliest - case.at).num_nanoseconds().unwrap();
            for s in samples {
                let probe = case.at + Duration::nanoseconds((span as f64 * s) as i64);
                if probe < earliest {
                    prop_assert!(!case.oracle(probe), "{probe} allowed before {earliest}");
                    prop_assert!(!case.decide(probe).allowed);
                }
            }
            if earliest > case.at {
                prop_assert!(!case.oracle(earliest - Duration::nanoseconds(1)));
            }
        }
    }
}
