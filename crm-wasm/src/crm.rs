//! The exported `Crm` class: construction, the clock, the journal and book-level reads.
//!
//! The commands and reads of each area are in the module that mirrors the core's
//! (`customer.rs`, `lifecycle.rs`, `interaction.rs`), as further `impl Crm` blocks.

use std::sync::Arc;

use chrono::Duration;
use wasm_bindgen::prelude::*;

use crm_core::clock::FixedClock;
use crm_core::consent::TouchCategory;
use crm_core::contact::{CountryCode, TimeZone};
use crm_core::event;
use crm_core::interaction::Channel;
use crm_core::lifecycle::LifecycleModel;
use crm_core::schedule::policy::{ContactPolicy, FrequencyCap, QuietHours};
use crm_core::settings::SettingsChange;
use crm_core::{CrmBuilder, Error};

use crate::convert::{self, invalid};
use crate::error::{IntoJs, JsResult};

/// A book of customers (the core's `Crm`): commands validate, record events and apply them;
/// a command that fails changes nothing.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Crm {
    pub(crate) inner: crm_core::Crm,
    /// The fixed clock, when the book was made with `now`.
    clock: Option<Arc<FixedClock>>,
}

/// The keys of `CrmOptions`.
const CRM_OPTIONS: [&str; 7] = [
    "now",
    "seed",
    "defaultRegion",
    "lifecycle",
    "contactPolicy",
    "timeZone",
    "agenda",
];

/// Reads the options of `new Crm(options)` / `Crm.replay(json, options)` into a builder;
/// `extra` are the keys the caller reads besides `CrmOptions`.
fn builder(
    options: &JsValue,
    extra: &[&str],
) -> Result<(CrmBuilder, Option<Arc<FixedClock>>), Error> {
    let known: Vec<&str> = CRM_OPTIONS.iter().chain(extra).copied().collect();
    convert::options(options, "options", &known)?;
    let mut b = crm_core::Crm::builder();
    let mut clock = None;
    if let Some(now) = convert::opt_date_from_js(&convert::prop(options, "now"), "now")? {
        let c = Arc::new(FixedClock::new(now));
        b = b.clock(c.clone());
        clock = Some(c);
    }
    let seed = convert::prop(options, "seed");
    if !seed.is_undefined() && !seed.is_null() {
        b = b.seed(convert::whole_number(&seed, "seed")?);
    }
    if let Some(region) =
        convert::opt_string(&convert::prop(options, "defaultRegion"), "default_region")?
    {
        b = b.default_region(
            CountryCode::parse(&region).map_err(|e| e.with_field("default_region"))?,
        );
    }
    let lifecycle = convert::prop(options, "lifecycle");
    if !lifecycle.is_undefined() && !lifecycle.is_null() {
        convert::options(&lifecycle, "lifecycle", &["name", "ordered", "side"])?;
        let name = convert::opt_string(&convert::prop(&lifecycle, "name"), "lifecycle.name")?
            .unwrap_or_default();
        let ordered =
            convert::string_list(&convert::prop(&lifecycle, "ordered"), "lifecycle.ordered")?;
        let side = convert::string_list(&convert::prop(&lifecycle, "side"), "lifecycle.side")?;
        let ordered: Vec<&str> = ordered.iter().map(String::as_str).collect();
        let side: Vec<&str> = side.iter().map(String::as_str).collect();
        b = b.lifecycle(LifecycleModel::custom(&name, &ordered, &side)?);
    }
    let change = settings_change(options)?;
    if let Some(policy) = change.contact_policy {
        b = b.contact_policy(*policy);
    }
    if let Some(agenda) = change.agenda {
        b = b.agenda_settings(*agenda);
    }
    if let Some(tz) = change.time_zone {
        b = b.time_zone(tz);
    }
    Ok((b, clock))
}

/// Reads the settings among `options` (`contactPolicy`, `timeZone`, `agenda`): those given.
fn settings_change(options: &JsValue) -> Result<SettingsChange, Error> {
    let mut change = SettingsChange::default();
    let policy = convert::prop(options, "contactPolicy");
    if !policy.is_undefined() && !policy.is_null() {
        change = change.with_contact_policy(contact_policy(&policy)?);
    }
    let agenda = convert::prop(options, "agenda");
    if !agenda.is_undefined() && !agenda.is_null() {
        change = change.with_agenda(crate::agenda::settings(&agenda)?);
    }
    if let Some(tz) = convert::opt_string(&convert::prop(options, "timeZone"), "time_zone")? {
        change = change.with_time_zone(TimeZone::parse(&tz)?);
    }
    Ok(change)
}

/// A duration in milliseconds (a finite number; the core checks its range and rules).
pub(crate) fn millis(v: &JsValue, field: &str) -> Result<Duration, Error> {
    let ms = convert::finite(v, field)?;
    // Saturating float-to-int cast; the core rejects what it cannot use.
    #[allow(clippy::cast_possible_truncation)]
    Duration::try_milliseconds(ms as i64)
        .ok_or_else(|| invalid(field, format!("{ms}"), "out of range"))
}

/// Reads `contactPolicy` (starting from the core's default policy) through the core's
/// builder methods, which validate.
fn contact_policy(v: &JsValue) -> Result<ContactPolicy, Error> {
    const AT: &str = "contact_policy";
    convert::options(
        v,
        AT,
        &[
            "caps",
            "minGapMs",
            "quietHours",
            "allowWeekends",
            "businessHours",
            "exempt",
        ],
    )?;
    let mut p = ContactPolicy::default();
    let caps = convert::prop(v, "caps");
    if !caps.is_undefined() && !caps.is_null() {
        if !js_sys::Array::is_array(&caps) {
            return Err(invalid(
                "contact_policy.caps",
                convert::describe(&caps),
                "expected an array",
            ));
        }
        for (i, cap) in convert::items(&caps, "contact_policy.caps")?
            .into_iter()
            .enumerate()
        {
            let at = format!("{AT}.caps[{i}]");
            convert::options(&cap, &at, &["channel", "max", "windowMs"])?;
            let channel =
                convert::opt_string(&convert::prop(&cap, "channel"), &format!("{at}.channel"))?
                    .map(|s| s.parse::<Channel>())
                    .transpose()?;
            let max = convert::prop(&cap, "max");
            let max = u32::try_from(convert::whole_number(&max, &format!("{at}.max"))?)
                .map_err(|_| invalid(&format!("{at}.max"), convert::describe(&max), "too large"))?;
            let window = millis(&convert::prop(&cap, "windowMs"), &format!("{at}.window_ms"))?;
            p = p.with_cap(FrequencyCap::new(channel, max, window)?)?;
        }
    }
    let gap = convert::prop(v, "minGapMs");
    if !gap.is_undefined() && !gap.is_null() {
        p = p.with_min_gap(Some(millis(&gap, "contact_policy.min_gap_ms")?))?;
    }
    let quiet = convert::prop(v, "quietHours");
    if !quiet.is_undefined() {
        let quiet: Option<QuietHours> = if quiet.is_null() {
            None
        } else {
            convert::options(&quiet, "contact_policy.quiet_hours", &["start", "end"])?;
            Some(convert::input(
                &quiet,
                "contact_policy.quiet_hours",
                "contact_policy.quiet_hours",
            )?)
        };
        p = p.with_quiet_hours(quiet)?;
    }
    if let Some(allow) = optional_bool(v, "allowWeekends", "contact_policy.allow_weekends")? {
        p = p.with_weekends(allow);
    }
    if let Some(only_when_open) =
        optional_bool(v, "businessHours", "contact_policy.business_hours")?
    {
        p = p.with_business_hours(only_when_open);
    }
    let exempt = convert::prop(v, "exempt");
    if !exempt.is_undefined() && !exempt.is_null() {
        let names = convert::string_list(&exempt, "contact_policy.exempt")?;
        let list = names
            .iter()
            .enumerate()
            .map(|(i, s)| {
                s.parse::<TouchCategory>()
                    .map_err(|e| e.with_field(format!("contact_policy.exempt[{i}]")))
            })
            .collect::<Result<Vec<_>, Error>>()?;
        p = p.with_exempt(list);
    }
    Ok(p)
}

#[wasm_bindgen]
impl Crm {
    /// An empty book. Options: `now` fixes the clock at that time (then `setNow` and
    /// `advance` move it), `seed` makes ids reproducible, `defaultRegion` reads phone numbers
    /// without `+country` as numbers of that country, `lifecycle` replaces the default stages.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<crate::CrmOptionsArg>) -> JsResult<Crm> {
        let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
        let (b, clock) = builder(&options, &[]).js()?;
        Ok(Crm {
            inner: b.build(),
            clock,
        })
    }

    /// Rebuilds a book from its journal (JSON Lines, or a JSON array of events), with the
    /// same options as the constructor. The journal holds the book's settings; settings
    /// given in the options replace them (recorded with the next command).
    #[wasm_bindgen]
    pub fn replay(
        #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
        options: Option<crate::CrmOptionsArg>,
    ) -> JsResult<Crm> {
        let json = convert::string(&json, "json").js()?;
        let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
        let (b, clock) = builder(&options, &[]).js()?;
        let events = event::from_json_lines(&json).js()?;
        Ok(Crm {
            inner: b.replay(events).js()?,
            clock,
        })
    }

    /// Loads a book from a snapshot taken by `snapshotJson()`, with the options of the
    /// constructor plus `journal` (JSON Lines): the events recorded after the snapshot. It may
    /// be the whole journal, whose events up to the snapshot are not applied again. The loaded
    /// book equals the one the snapshot was taken of; its journal holds only `journal`.
    #[wasm_bindgen(js_name = fromSnapshot)]
    pub fn from_snapshot(
        #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
        options: Option<crate::FromSnapshotOptionsArg>,
    ) -> JsResult<Crm> {
        let json = convert::string(&json, "json").js()?;
        let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
        let (b, clock) = builder(&options, &["journal"]).js()?;
        let journal = convert::opt_string(&convert::prop(&options, "journal"), "journal").js()?;
        let events = match journal {
            Some(j) => event::from_json_lines(&j).js()?,
            None => Vec::new(),
        };
        Ok(Crm {
            inner: b.from_snapshot_and_journal(&json, events).js()?,
            clock,
        })
    }

    fn fixed_clock(&self, op: &str) -> Result<&FixedClock, Error> {
        self.clock.as_deref().ok_or_else(|| {
            invalid(
                "now",
                op,
                "this book reads the system clock; pass `now` to new Crm({ now }) to get a clock you can set",
            )
        })
    }

    /// Sets the fixed clock to `date`.
    ///
    /// Throws a `ValidationError` when the book reads the system clock.
    #[wasm_bindgen(js_name = setNow)]
    pub fn set_now(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Instant")] date: JsValue,
    ) -> JsResult<()> {
        let clock = self.fixed_clock("setNow").js()?;
        clock.set(convert::date_from_js(&date, "now").js()?);
        Ok(())
    }

    /// Moves the fixed clock by `ms` milliseconds (may be negative).
    ///
    /// Throws a `ValidationError` when the book reads the system clock.
    pub fn advance(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] ms: JsValue,
    ) -> JsResult<()> {
        let clock = self.fixed_clock("advance").js()?;
        let ms = convert::finite(&ms, "ms").js()?;
        // Saturating float-to-int cast; any finite count of milliseconds is accepted.
        #[allow(clippy::cast_possible_truncation)]
        let by = Duration::try_milliseconds(ms as i64)
            .ok_or_else(|| invalid("ms", format!("{ms}"), "too large a step"))
            .js()?;
        clock.advance(by);
        Ok(())
    }

    /// The book's current time (its clock's reading).
    #[wasm_bindgen(getter, unchecked_return_type = "Date")]
    pub fn now(&self) -> JsValue {
        convert::date_to_js(self.inner.clock_now())
    }

    /// How many customers the book holds.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.inner.len()
    }

    /// How many events the journal holds.
    #[wasm_bindgen(getter, js_name = eventCount)]
    pub fn event_count(&self) -> usize {
        self.inner.events().len()
    }

    /// The journal as JSON Lines (one event per line), for `Crm.replay` or storage.
    #[wasm_bindgen(js_name = eventsJson)]
    pub fn events_json(&self) -> String {
        event::to_json_lines(self.inner.events())
    }

    /// The book's state as a JSON snapshot (every record, the settings and the journal
    /// position), for `Crm.fromSnapshot`. Clock, seed, lifecycle model and default region are
    /// options, not state: give them again when loading.
    #[wasm_bindgen(js_name = snapshotJson)]
    pub fn snapshot_json(&self) -> String {
        self.inner.snapshot_json()
    }

    /// Changes the book's settings (`contactPolicy`, `timeZone`, `agenda`: each one given
    /// replaces the book's) and records the change in the journal, so that `Crm.replay`
    /// reproduces it.
    #[wasm_bindgen(js_name = changeSettings)]
    pub fn change_settings(&mut self, settings: crate::SettingsOptionsArg) -> JsResult<()> {
        let settings: JsValue = settings.into();
        convert::options(
            &settings,
            "settings",
            &["contactPolicy", "timeZone", "agenda", "actor"],
        )
        .js()?;
        let change = settings_change(&settings).js()?;
        let actor = convert::opt_string(&convert::prop(&settings, "actor"), "actor").js()?;
        self.inner
            .change_settings(change, actor.as_deref())
            .js()
            .map(|_| ())
    }

    /// Whether both books hold the same state (a replayed book equals its original).
    ///
    /// Compared through their snapshots, which hold every record, the settings and the
    /// journal position (the indexes follow from the records): the serializer is in the
    /// module already, a comparison of every map and index would cost it 6 KB.
    pub fn equals(&self, other: &Crm) -> bool {
        self.inner.snapshot_json() == other.inner.snapshot_json()
    }
}

/// An optional boolean property: `None` when absent or null, an error naming `field` when
/// it is not a boolean.
fn optional_bool(v: &JsValue, key: &str, field: &str) -> Result<Option<bool>, Error> {
    let x = convert::prop(v, key);
    if x.is_undefined() || x.is_null() {
        return Ok(None);
    }
    x.as_bool()
        .map(Some)
        .ok_or_else(|| invalid(field, convert::describe(&x), "expected a boolean"))
}
