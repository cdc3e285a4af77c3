//! The agenda: `CrmOptions.agenda` (the core's `AgendaSettings`) and `crm.agenda(query)`.

use chrono::{Duration, NaiveDate, NaiveTime};
use js_sys::{Array, Object};
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crm_core::Error;
use crm_core::contact::TimeZone;
use crm_core::interaction::Channel;
use crm_core::schedule::agenda::{
    AgendaItem, AgendaQuery, AgendaSettings, Cadence, PromiseStatus, ResponsePromise,
};
use crm_core::schedule::calendar::BusinessCalendar;
use crm_core::schedule::followup::Priority;
use crm_core::schedule::promise::Calendars;

use crate::convert::{self, invalid, prop};
use crate::crm::{Crm, millis};
use crate::error::{IntoJs, JsResult};
use crate::schedule::{blocker_to_js, set};
use crm_core::schedule::calendar::{WEEKDAY_KEYS, parse_weekday};

fn is_set(v: &JsValue) -> bool {
    !v.is_undefined() && !v.is_null()
}

/// The items of an array (`undefined` / `null`: none).
fn list(v: &JsValue, field: &str) -> Result<Vec<JsValue>, Error> {
    if !is_set(v) {
        return Ok(Vec::new());
    }
    if !Array::is_array(v) {
        return Err(invalid(field, convert::describe(v), "expected an array"));
    }
    convert::items(v, field)
}

fn days(v: &JsValue, field: &str) -> Result<u32, Error> {
    u32::try_from(convert::whole_number(v, field)?)
        .map_err(|_| invalid(field, convert::describe(v), "too large"))
}

/// "HH:MM" (or "HH:MM:SS") as the core reads times.
fn time(v: &JsValue, field: &str) -> Result<NaiveTime, Error> {
    let t: crm_core::json::TimeOfDay =
        convert::from_json(Value::String(convert::string(v, field)?), field, field)?;
    Ok(t.0)
}

fn date(v: &str, field: &str) -> Result<NaiveDate, Error> {
    let d: crm_core::json::Day = convert::from_json(Value::String(v.to_owned()), field, field)?;
    Ok(d.0)
}

fn cadence(v: &JsValue, at: &str) -> Result<Cadence, Error> {
    convert::options(v, at, &["everyDays", "stage", "tag"])?;
    let every = days(&prop(v, "everyDays"), &format!("{at}.every_days"))?;
    let stage = convert::opt_string(&prop(v, "stage"), &format!("{at}.stage"))?;
    let tag = convert::opt_string(&prop(v, "tag"), &format!("{at}.tag"))?;
    Cadence::new(every, stage.as_deref(), tag.as_deref())
}

/// The keys of a business calendar.
const CALENDAR_KEYS: [&str; 3] = ["timeZone", "hours", "holidays"];

/// Reads a business calendar (`{ timeZone, hours?, holidays? }`); `at` names it in errors.
/// The object may hold `CALENDAR_KEYS` and `known` (the keys of an object that extends it).
fn calendar(v: &JsValue, at: &str, known: &[&str]) -> Result<BusinessCalendar, Error> {
    let keys: Vec<&str> = CALENDAR_KEYS.iter().chain(known).copied().collect();
    convert::options(v, at, &keys)?;
    let tz = convert::string(&prop(v, "timeZone"), &format!("{at}.time_zone"))?;
    let mut calendar = BusinessCalendar::new(TimeZone::parse(&tz)?);
    let hours = prop(v, "hours");
    if is_set(&hours) {
        convert::object(&hours, &format!("{at}.hours"))?;
        for name in convert::keys(&hours, &format!("{at}.hours"))? {
            parse_weekday(&name, &format!("{at}.hours"))?;
        }
        for (name, day) in WEEKDAY_KEYS {
            let at = format!("{at}.hours.{name}");
            let day_hours = prop(&hours, name);
            if day_hours.is_undefined() {
                continue;
            }
            let mut intervals = Vec::new();
            for (i, iv) in list(&day_hours, &at)?.iter().enumerate() {
                let at = format!("{at}[{i}]");
                convert::options(iv, &at, &["start", "end"])?;
                intervals.push((
                    time(&prop(iv, "start"), &format!("{at}.start"))?,
                    time(&prop(iv, "end"), &format!("{at}.end"))?,
                ));
            }
            calendar = calendar.with_hours(day, intervals)?;
        }
    }
    let holidays = convert::string_list(&prop(v, "holidays"), &format!("{at}.holidays"))?;
    for (i, h) in holidays.iter().enumerate() {
        calendar = calendar.with_holiday(date(h, &format!("{at}.holidays[{i}]"))?);
    }
    Ok(calendar)
}

/// The `(key, value)` pairs of an optional plain object; `at` names it in errors.
fn entries(v: &JsValue, at: &str) -> Result<Vec<(String, JsValue)>, Error> {
    if !is_set(v) {
        return Ok(Vec::new());
    }
    convert::object(v, at)?;
    Ok(convert::keys(v, at)?
        .into_iter()
        .map(|name| {
            let value = prop(v, &name);
            (name, value)
        })
        .collect())
}

fn response_promise(v: &JsValue) -> Result<ResponsePromise, Error> {
    const AT: &str = "agenda.response_promise";
    let calendar = calendar(v, AT, &["inquiryMs", "complaintMs", "priorities"])?;
    let inquiry = millis(&prop(v, "inquiryMs"), &format!("{AT}.inquiry_ms"))?;
    let complaint = millis(&prop(v, "complaintMs"), &format!("{AT}.complaint_ms"))?;
    let mut promise = ResponsePromise::new(calendar, inquiry, complaint)?;
    for (name, times) in entries(&prop(v, "priorities"), &format!("{AT}.priorities"))? {
        let at = format!("{AT}.priorities.{name}");
        let priority: Priority = name.parse().map_err(|e: Error| e.with_field(&at))?;
        convert::options(&times, &at, &["inquiryMs", "complaintMs"])?;
        let inquiry = millis(&prop(&times, "inquiryMs"), &format!("{at}.inquiry_ms"))?;
        let complaint = millis(&prop(&times, "complaintMs"), &format!("{at}.complaint_ms"))?;
        promise = promise.with_priority(priority, inquiry, complaint)?;
    }
    Ok(promise)
}

/// Reads `AgendaOptions.calendars` (`{ owners?, teams?, teamOf? }`).
fn calendars(v: &JsValue) -> Result<Calendars, Error> {
    const AT: &str = "agenda.calendars";
    convert::options(v, AT, &["owners", "teams", "teamOf"])?;
    let mut out = Calendars::default();
    for (owner, c) in entries(&prop(v, "owners"), &format!("{AT}.owners"))? {
        out = out.with_owner(&owner, calendar(&c, &format!("{AT}.owners.{owner}"), &[])?)?;
    }
    for (team, c) in entries(&prop(v, "teams"), &format!("{AT}.teams"))? {
        out = out.with_team(&team, calendar(&c, &format!("{AT}.teams.{team}"), &[])?)?;
    }
    for (owner, team) in entries(&prop(v, "teamOf"), &format!("{AT}.team_of"))? {
        let team = convert::string(&team, &format!("{AT}.team_of.{owner}"))?;
        out = out.with_member(&owner, &team)?;
    }
    Ok(out)
}

/// Reads `CrmOptions.agenda` (starting from the core's default settings).
pub(crate) fn settings(v: &JsValue) -> Result<AgendaSettings, Error> {
    const AT: &str = "agenda";
    convert::options(
        v,
        AT,
        &[
            "cadences",
            "responsePromise",
            "calendars",
            "birthdayLeadDays",
            "reminderTime",
            "caseCheckAfterDays",
        ],
    )?;
    let mut s = AgendaSettings::default();
    for (i, c) in list(&prop(v, "cadences"), "agenda.cadences")?
        .iter()
        .enumerate()
    {
        s.cadences.push(cadence(c, &format!("{AT}.cadences[{i}]"))?);
    }
    let promise = prop(v, "responsePromise");
    if is_set(&promise) {
        s.response_promise = Some(response_promise(&promise)?);
    }
    let by_owner = prop(v, "calendars");
    if is_set(&by_owner) {
        s.calendars = calendars(&by_owner)?;
    }
    let lead = prop(v, "birthdayLeadDays");
    if is_set(&lead) {
        s.birthday_lead_days = list(&lead, "agenda.birthday_lead_days")?
            .iter()
            .enumerate()
            .map(|(i, d)| days(d, &format!("{AT}.birthday_lead_days[{i}]")))
            .collect::<Result<_, _>>()?;
    }
    let reminder = prop(v, "reminderTime");
    if is_set(&reminder) {
        s.reminder_time = time(&reminder, "agenda.reminder_time")?;
    }
    let check = prop(v, "caseCheckAfterDays");
    if !check.is_undefined() {
        s.case_check_after_days = if check.is_null() {
            None
        } else {
            Some(days(&check, "agenda.case_check_after_days")?)
        };
    }
    // The core's checks (at most a hundred years, …), for the constructor as for
    // changeSettings.
    s.validate()?;
    Ok(s)
}

fn query(v: &JsValue) -> Result<AgendaQuery, Error> {
    if !v.is_object() || Array::is_array(v) {
        return Err(invalid("query", convert::describe(v), "expected an object"));
    }
    convert::options(
        v,
        "query",
        &["now", "windowMs", "owner", "channel", "stage", "tag"],
    )?;
    let now = convert::date_from_js(&prop(v, "now"), "now")?;
    let window = prop(v, "windowMs");
    let window = if is_set(&window) {
        millis(&window, "window_ms")?
    } else {
        Duration::days(7)
    };
    let mut q = AgendaQuery::new(now, window);
    q.owner = convert::opt_string(&prop(v, "owner"), "owner")?;
    q.channel = convert::opt_string(&prop(v, "channel"), "channel")?
        .map(|s| s.parse::<Channel>())
        .transpose()?;
    q.stage = convert::opt_string(&prop(v, "stage"), "stage")?;
    q.tag = convert::opt_string(&prop(v, "tag"), "tag")?;
    Ok(q)
}

/// An agenda item as the JS API shows it: ids renamed `customerId`, `followUpId`,
/// `interactionId`, every field present, `due` and `contactAt` as `Date`s.
fn item_to_js(item: &AgendaItem) -> JsValue {
    let v = convert::shaped(convert::json(item), |s| {
        s.rename("customer", "customer_id")
            .rename("follow_up", "follow_up_id")
            .rename("interaction", "interaction_id")
            .nulls(&["channel", "owner"]);
    });
    let js = convert::to_js(&v);
    let obj: &Object = js.unchecked_ref();
    set(obj, "due", &convert::date_to_js(item.due));
    set(obj, "contactAt", &convert::opt_date_to_js(item.contact_at));
    set(
        obj,
        "movedBy",
        &convert::array(item.moved_by.iter().map(blocker_to_js)),
    );
    js
}

/// A promised response as the JS API shows it: `interactionId`, `customerId`, every field
/// present, `receivedAt`, `due` and `answeredAt` as `Date`s.
fn promise_to_js(p: &PromiseStatus) -> JsValue {
    let v = convert::shaped(convert::json(p), |s| {
        s.rename("interaction", "interaction_id")
            .rename("customer", "customer_id")
            .nulls(&["answered_at", "priority"]);
    });
    let js = convert::to_js(&v);
    let obj: &Object = js.unchecked_ref();
    set(obj, "receivedAt", &convert::date_to_js(p.received_at));
    set(obj, "due", &convert::date_to_js(p.due));
    set(obj, "answeredAt", &convert::opt_date_to_js(p.answered_at));
    js
}

#[wasm_bindgen]
impl Crm {
    /// The promised responses to the customer's inbound inquiries and complaints, oldest
    /// first, with their state at the book's clock (empty when the book makes no promise).
    #[wasm_bindgen(js_name = responsePromises, unchecked_return_type = "PromiseStatus[]")]
    pub fn response_promises(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CustomerId")] id: JsValue,
    ) -> JsResult<JsValue> {
        let id = crate::id::customer(&id)?;
        let list = self.inner.response_promises(id).js()?;
        Ok(convert::array(list.iter().map(promise_to_js)))
    }

    /// Every due or upcoming item (planned follow-ups, cadences, response promises,
    /// birthdays) before `now + windowMs` (default 7 days), each moved to its earliest allowed
    /// contact time; overdue first, then by priority, then by contact time.
    #[wasm_bindgen(unchecked_return_type = "AgendaItem[]")]
    pub fn agenda(&self, query_arg: crate::AgendaQueryArg) -> JsResult<JsValue> {
        let q = query(&query_arg.into()).js()?;
        let items = self.inner.agenda(&q).js()?;
        Ok(convert::array(items.iter().map(item_to_js)))
    }
}
