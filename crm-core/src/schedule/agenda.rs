//! The agenda: every due or upcoming contact from all origins (planned follow-ups,
//! keep-in-touch cadences, promised response times, birthdays), each moved to its earliest
//! allowed contact time under the contact policy, sorted overdue first, then priority, then
//! time, each saying why it is there and what moved it.

use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::consent::TouchCategory;
use crate::contact::TimeZone as Tz;
use crate::crm::Crm;
use crate::customer::Customer;
use crate::error::{Error, Result};
use crate::id::{CustomerId, FollowUpId, InteractionId};
use crate::interaction::{Channel, InteractionKind};
use crate::schedule::dates::{YearlyDate, next_reminder};
use crate::schedule::followup::{FollowUp, FollowUpKind, Origin, Priority};
use crate::schedule::policy::{Blocker, ContactPolicy};
use crate::schedule::zone::ZoneOffsets;

// Response promises used to live here; their types are kept at these paths too.
use crate::schedule::promise::Calendars;
pub use crate::schedule::promise::{PromiseState, PromiseStatus, ResponsePromise};

/// "Keep in touch every N days" for the customers in a stage and/or with a tag. The next
/// due date is the last qualifying interaction (any but marketing, either direction) plus
/// N days, or the customer's creation plus N days; a missed date stays one overdue item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Cadence {
    /// Every how many days.
    pub every_days: u32,
    /// Only customers in this stage (a stage key such as `customer`).
    #[serde(default)]
    pub stage: Option<String>,
    /// Only customers with this tag.
    #[serde(default)]
    pub tag: Option<String>,
}

/// The most days a cadence or a case's check-back may wait: a hundred years.
pub const MAX_DAYS: u32 = 36_525;

/// A cadence of `every_days`: at least one day, at most [`MAX_DAYS`].
pub(crate) fn check_days(every_days: u32) -> Result<()> {
    if every_days == 0 {
        return Err(Error::invalid(
            "cadence.every_days",
            every_days,
            "a cadence needs at least one day",
        ));
    }
    check_at_most_max_days("cadence.every_days", every_days)
}

fn check_at_most_max_days(field: &str, days: u32) -> Result<()> {
    if days > MAX_DAYS {
        return Err(beyond_max_days(field, days));
    }
    Ok(())
}

/// The error for a number of days, or a span, beyond [`MAX_DAYS`].
fn beyond_max_days(field: &str, value: impl std::fmt::Display) -> Error {
    Error::invalid(
        field,
        value,
        format!("at most {MAX_DAYS} days (a hundred years)"),
    )
}

/// `days` days after `t`, or the last instant chrono can hold when that is beyond it (a
/// book's settings may come from a journal, which is not checked again).
pub(crate) fn days_after(t: DateTime<Utc>, days: u32) -> DateTime<Utc> {
    t.checked_add_signed(Duration::days(i64::from(days)))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

impl Cadence {
    /// Every `every_days` days for customers in `stage` and/or with `tag` (both `None`:
    /// everyone).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] (field `cadence.every_days`) for zero days or more than
    /// [`MAX_DAYS`].
    pub fn new(every_days: u32, stage: Option<&str>, tag: Option<&str>) -> Result<Self> {
        let tag = tag
            .map(|t| crate::customer::normalize_tag(t).map_err(|e| e.with_field("cadence.tag")))
            .transpose()?;
        check_days(every_days)?;
        Ok(Self {
            every_days,
            stage: stage.map(crate::lifecycle::stage_key),
            tag,
        })
    }

    fn applies_to(&self, c: &Customer) -> bool {
        self.stage.as_deref().is_none_or(|s| c.stage.as_str() == s)
            && self.tag.as_deref().is_none_or(|t| c.tags.contains(t))
    }
}

/// What the agenda includes besides planned follow-ups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AgendaSettings {
    /// Keep-in-touch rules.
    pub cadences: Vec<Cadence>,
    /// Promised response times, if any, counted in the promise's calendar.
    pub response_promise: Option<ResponsePromise>,
    /// Owners' and teams' own calendars, which count their customers' promised response
    /// times instead of the promise's calendar.
    #[serde(default)]
    pub calendars: Calendars,
    /// Birthday (and other yearly date) reminders this many days ahead (0 = on the day).
    pub birthday_lead_days: Vec<u32>,
    /// Date-typed custom attributes that recur yearly (e.g. `contract_renewal`); they get
    /// reminders like birthdays.
    pub date_attributes: Vec<String>,
    /// Whether the anniversary of becoming a customer (the record's creation) gets
    /// reminders too.
    pub customer_since: bool,
    /// Local time of day at which date reminders and cadence items are due.
    #[serde(deserialize_with = "crate::json::time_of_day")]
    pub reminder_time: NaiveTime,
    /// Days after a case is resolved when a check-back follow-up is due (`None`: no
    /// check-back).
    pub case_check_after_days: Option<u32>,
}

impl Default for AgendaSettings {
    fn default() -> Self {
        Self {
            cadences: Vec::new(),
            response_promise: None,
            calendars: Calendars::default(),
            birthday_lead_days: vec![0],
            date_attributes: Vec::new(),
            customer_since: false,
            reminder_time: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN),
            case_check_after_days: Some(7),
        }
    }
}

impl AgendaSettings {
    /// Checks settings whose public fields may have been set by hand: cadences of a day to
    /// [`MAX_DAYS`], a check-back after at most [`MAX_DAYS`], positive promised times,
    /// calendars with working hours.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] naming the field (`cadence.every_days`,
    /// `case_check_after_days`, `promise.inquiry`, `calendar.hours`, …).
    pub fn validate(&self) -> Result<()> {
        for c in &self.cadences {
            check_days(c.every_days)?;
        }
        if let Some(days) = self.case_check_after_days {
            check_at_most_max_days("case_check_after_days", days)?;
        }
        if let Some(p) = &self.response_promise {
            p.validate()?;
        }
        let calendars = &self.calendars;
        for c in calendars.owners.values().chain(calendars.teams.values()) {
            c.validate()?;
        }
        Ok(())
    }
}

/// Which items an agenda shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AgendaQuery {
    /// The instant the agenda is made at; items due before it are overdue.
    #[serde(with = "crate::json::instant")]
    pub now: DateTime<Utc>,
    /// How far ahead it looks.
    pub window: Duration,
    /// Only items of this owner (the follow-up's, else the customer's).
    #[serde(default)]
    pub owner: Option<String>,
    /// Only items on this channel.
    #[serde(default)]
    pub channel: Option<Channel>,
    /// Only customers in this stage.
    #[serde(default)]
    pub stage: Option<String>,
    /// Only customers with this tag.
    #[serde(default)]
    pub tag: Option<String>,
}

impl AgendaQuery {
    /// Everything due before `now + window`.
    pub fn new(now: DateTime<Utc>, window: Duration) -> Self {
        Self {
            now,
            window,
            owner: None,
            channel: None,
            stage: None,
            tag: None,
        }
    }

    /// Only items of `owner`.
    #[must_use]
    pub fn owner(mut self, owner: impl Into<String>) -> Self {
        self.owner = Some(owner.into());
        self
    }
}

/// One thing to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AgendaItem {
    /// Whom it concerns.
    pub customer: CustomerId,
    /// Why it is there.
    pub origin: Origin,
    /// What to do.
    pub kind: FollowUpKind,
    /// The planned follow-up, when it is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<FollowUpId>,
    /// The inbound message waiting for an answer, for a response promise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interaction: Option<InteractionId>,
    /// On which channel, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// How urgent.
    pub priority: Priority,
    /// Who is to do it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// When it is (or was) due.
    #[serde(with = "crate::json::instant")]
    pub due: DateTime<Utc>,
    /// Whether it was due before the agenda's `now`.
    pub overdue: bool,
    /// The earliest allowed contact time at or after `max(due, now)`; `None` when the
    /// customer's consent forbids the contact.
    #[serde(default, with = "crate::json::opt_instant")]
    pub contact_at: Option<DateTime<Utc>>,
    /// What moved it from `max(due, now)` (quiet hours, weekend, caps, gap, consent).
    pub moved_by: Vec<Blocker>,
    /// Why it is there, for people.
    pub reason: String,
}

/// How far past the agenda's window its items' zones are worked out in advance: an item due
/// late in the window may be moved by a weekend and quiet hours, or by caps and gaps.
const PLACE_DAYS: i64 = 14;
/// The longest window whose zones are worked out in advance (further out they are probed).
const KNOWN_DAYS: i64 = 92;

/// The zones of the customers on one agenda, each with the offsets of the agenda's stretch
/// of time worked out once, so that placing thousands of items does not probe each zone
/// again for every quiet night and weekend.
struct Zones {
    /// The stretch worked out, when the policy reads the customers' clocks at all.
    span: Option<(DateTime<Utc>, DateTime<Utc>)>,
    known: foldhash::HashMap<Tz, ZoneOffsets>,
}

impl Zones {
    fn new(policy: &ContactPolicy, now: DateTime<Utc>, until: DateTime<Utc>) -> Self {
        let reads_clocks = policy.quiet_hours().is_some() || !policy.allow_weekends();
        let end = now
            .checked_add_signed(Duration::days(KNOWN_DAYS))
            .map(|cap| until.min(cap))
            .and_then(|end| end.checked_add_signed(Duration::days(PLACE_DAYS)));
        Self {
            span: end.filter(|_| reads_clocks).map(|end| (now, end)),
            known: Default::default(),
        }
    }

    fn get(&mut self, tz: Tz) -> &ZoneOffsets {
        let span = self.span;
        self.known.entry(tz).or_insert_with(|| match span {
            Some((from, to)) => ZoneOffsets::known(tz, from, to),
            None => ZoneOffsets::probing(tz),
        })
    }
}

struct Draft {
    customer: CustomerId,
    origin: Origin,
    kind: FollowUpKind,
    follow_up: Option<FollowUpId>,
    interaction: Option<InteractionId>,
    channel: Option<Channel>,
    priority: Priority,
    owner: Option<String>,
    due: DateTime<Utc>,
    category: TouchCategory,
    reason: String,
}

impl Crm {
    /// Every due or upcoming item before `query.now + query.window`, each moved to its
    /// earliest allowed contact time under the contact policy, sorted overdue first, then
    /// priority (highest first), then contact time.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for a negative window or one of more than [`MAX_DAYS`];
    /// [`Error::InvalidStage`] for an unknown stage filter.
    pub fn agenda(&self, query: &AgendaQuery) -> Result<Vec<AgendaItem>> {
        if query.window < Duration::zero() {
            return Err(Error::invalid(
                "window",
                query.window,
                "the agenda window cannot be negative",
            ));
        }
        if query.window > Duration::days(i64::from(MAX_DAYS)) {
            return Err(beyond_max_days("window", query.window));
        }
        let stage = query
            .stage
            .as_deref()
            .map(|s| self.lifecycle().stage(s))
            .transpose()?;
        let tag = query
            .tag
            .as_deref()
            .map(crate::customer::normalize_tag)
            .transpose()?;
        let until = query
            .now
            .checked_add_signed(query.window)
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        let wanted = |c: &Customer| {
            stage.as_ref().is_none_or(|s| &c.stage == s)
                && tag.as_deref().is_none_or(|t| c.tags.contains(t))
        };
        let keep = |d: &Draft| {
            (query.owner.is_none() || d.owner == query.owner)
                && (query.channel.is_none() || d.channel == query.channel)
        };
        // Planned follow-ups (an owner's come from the owner's due-time index), by customer,
        // so that each customer's items are placed together while its record is at hand.
        let mut planned: foldhash::HashMap<CustomerId, Vec<&FollowUp>> = Default::default();
        for f in self.pending_follow_ups(query.owner.as_deref(), until) {
            planned.entry(f.customer).or_default().push(f);
        }
        // The customers to look at: the owner's when filtering by owner, else everyone.
        let customers: Box<dyn Iterator<Item = &Customer>> = match &query.owner {
            Some(o) => Box::new(self.customers_owned_by(o).into_iter()),
            None => Box::new(self.customers()),
        };
        let mut zones = Zones::new(self.contact_policy(), query.now, until);
        let mut items = Vec::new();
        let mut drafts: Vec<Draft> = Vec::new();
        for c in customers {
            let follow_ups = planned.remove(&c.id);
            if !wanted(c) {
                continue;
            }
            drafts.extend(follow_ups.into_iter().flatten().map(follow_up_draft));
            self.derived_drafts(c, query.now, until, &mut drafts)?;
            for d in drafts.drain(..).filter(|d| keep(d)) {
                items.push(self.place(d, c, query.now, &mut zones)?);
            }
        }
        // Follow-ups of the owner's on customers someone else owns.
        for (customer, follow_ups) in planned {
            let Ok(c) = self.customer(customer) else {
                continue;
            };
            if !wanted(c) {
                continue;
            }
            for d in follow_ups
                .into_iter()
                .map(follow_up_draft)
                .filter(|d| keep(d))
            {
                items.push(self.place(d, c, query.now, &mut zones)?);
            }
        }
        Ok(sorted(items))
    }

    /// Cadence, response-promise and birthday items of one customer.
    fn derived_drafts(
        &self,
        c: &Customer,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
        out: &mut Vec<Draft>,
    ) -> Result<()> {
        let settings = self.agenda_settings();
        let tz = c.time_zone.unwrap_or(self.default_time_zone());
        let cadence = c.cadence_days.or_else(|| {
            settings
                .cadences
                .iter()
                .filter(|k| k.applies_to(c))
                .map(|k| k.every_days)
                .min()
        });
        // The timeline is read only when a cadence or a promise needs it.
        let timeline = if cadence.is_some() || settings.response_promise.is_some() {
            self.timeline_of(c.id, &crate::interaction::TimelineQuery::all())
        } else {
            Vec::new()
        };
        let base = |origin, kind, due, category, reason: String| Draft {
            customer: c.id,
            origin,
            kind,
            follow_up: None,
            interaction: None,
            channel: None,
            priority: Priority::Normal,
            owner: c.owner.clone(),
            due,
            category,
            reason,
        };
        // Keep in touch: the customer's own cadence, else the shortest rule that applies.
        if let Some(days) = cadence {
            let last = timeline
                .iter()
                .rev()
                .find(|i| i.kind != InteractionKind::Marketing)
                .map(|i| i.at);
            let due = days_after(last.unwrap_or(c.created_at), days);
            let has_planned = || -> Result<bool> {
                Ok(self
                    .follow_ups_of(c.id)?
                    .iter()
                    .any(|f| f.status.is_pending() && f.due <= due))
            };
            if due < until && !has_planned()? {
                let since = match last {
                    Some(l) => format!("last contact {}", l.date_naive()),
                    None => "no contact yet".to_owned(),
                };
                out.push(base(
                    Origin::Cadence,
                    FollowUpKind::Call,
                    due,
                    TouchCategory::Service,
                    format!("keep in touch every {days} days; {since}"),
                ));
            }
        }
        // Promised response times: inbound inquiries and complaints not yet answered.
        if settings.response_promise.is_some() {
            for p in self.promises_of(c, &timeline, now) {
                if p.answered_at.is_some() || p.due >= until {
                    continue;
                }
                let mut d = base(
                    Origin::ResponsePromise,
                    FollowUpKind::Task,
                    p.due,
                    TouchCategory::Requested,
                    format!(
                        "answer the {} of {} (promised by {})",
                        p.kind,
                        p.received_at.date_naive(),
                        p.due.to_rfc3339()
                    ),
                );
                d.interaction = Some(p.interaction);
                d.channel = Some(p.channel);
                // The message's own priority, else complaints before inquiries, both before
                // ordinary work.
                d.priority = p
                    .priority
                    .unwrap_or(if p.kind == InteractionKind::Complaint {
                        Priority::Urgent
                    } else {
                        Priority::High
                    });
                out.push(d);
            }
        }
        // Birthdays and other yearly dates.
        // (date, what, first year it counts from)
        let mut yearly: Vec<(YearlyDate, String, i32)> = Vec::new();
        if let Some(b) = c.birthday {
            yearly.push((
                YearlyDate::from_birthday(&b),
                "birthday".to_owned(),
                i32::MIN,
            ));
        }
        for name in &settings.date_attributes {
            if let Some(crate::AttributeValue::Date(d)) = c.attributes.get(name) {
                yearly.push((
                    YearlyDate::from_date(*d),
                    name.replace('_', " "),
                    d.year() + 1,
                ));
            }
        }
        if settings.customer_since {
            let since = c.created_at.with_timezone(&tz).date_naive();
            yearly.push((
                YearlyDate::from_date(since),
                "customer anniversary".to_owned(),
                since.year() + 1,
            ));
        }
        for (date, what, first_year) in yearly {
            let mut after = now.checked_sub_signed(Duration::seconds(1)).unwrap_or(now);
            while let Some(r) = next_reminder(
                date,
                tz,
                settings.reminder_time,
                &settings.birthday_lead_days,
                after,
            ) {
                if r.fire_at >= until {
                    break;
                }
                if r.occasion.year() < first_year {
                    after = r.fire_at;
                    continue;
                }
                let when = if r.days_ahead == 0 {
                    "today".to_owned()
                } else {
                    format!("in {} day(s), on {}", r.days_ahead, r.occasion)
                };
                let kind = if what == "birthday" {
                    FollowUpKind::Birthday
                } else {
                    FollowUpKind::Custom
                };
                out.push(base(
                    Origin::ImportantDate,
                    kind,
                    r.fire_at,
                    TouchCategory::Service,
                    format!("{what} {when}"),
                ));
                after = r.fire_at;
            }
        }
        Ok(())
    }

    /// Moves a draft to its earliest allowed contact time.
    fn place(
        &self,
        d: Draft,
        c: &Customer,
        now: DateTime<Utc>,
        zones: &mut Zones,
    ) -> Result<AgendaItem> {
        let at = d.due.max(now);
        let channel = d.channel.unwrap_or(Channel::Other);
        let zone = zones.get(self.tz_of(c));
        let decision = self.decide_in(c, channel, at, d.category, None, zone)?;
        Ok(AgendaItem {
            customer: d.customer,
            origin: d.origin,
            kind: d.kind,
            follow_up: d.follow_up,
            interaction: d.interaction,
            channel: d.channel,
            priority: d.priority,
            owner: d.owner,
            due: d.due,
            overdue: d.due < now,
            contact_at: decision.earliest,
            moved_by: decision.reasons,
            reason: d.reason,
        })
    }
}

/// The items overdue first, then by priority (highest first), contact time (none last), due
/// time, customer and follow-up; items equal in all of these keep their order.
fn sorted(items: Vec<AgendaItem>) -> Vec<AgendaItem> {
    use std::cmp::Reverse;
    // Sort the keys with the items' positions rather than the (large) items themselves.
    let mut order: Vec<_> = items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let key = (
                Reverse(it.overdue),
                Reverse(it.priority),
                it.contact_at.is_none(),
                it.contact_at,
                it.due,
                it.customer,
                it.follow_up,
            );
            (key, i)
        })
        .collect();
    order.sort_unstable();
    let mut slots: Vec<Option<AgendaItem>> = items.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(_, i)| slots.get_mut(i).and_then(Option::take))
        .collect()
}

/// The agenda draft of a planned follow-up.
fn follow_up_draft(f: &FollowUp) -> Draft {
    Draft {
        customer: f.customer,
        origin: f.origin,
        kind: f.kind,
        follow_up: Some(f.id),
        interaction: None,
        channel: f.channel,
        priority: f.priority,
        owner: f.owner.clone(),
        due: f.due,
        category: TouchCategory::Service,
        reason: match &f.note {
            Some(n) => format!("planned {}: {n}", f.kind),
            None => format!("planned {}", f.kind),
        },
    }
}
