//! The agenda: follow-ups, cadences, response promises and birthdays, placed under the
//! contact policy and sorted.

use std::sync::Arc;

use chrono::{DateTime, Datelike, Duration, NaiveTime, Timelike, Utc, Weekday};
use crm_core::clock::FixedClock;
use crm_core::consent::{ConsentScope, ConsentStatus};
use crm_core::interaction::{Channel, Direction, InteractionKind, NewInteraction};
use crm_core::schedule::agenda::{AgendaQuery, AgendaSettings, Cadence, ResponsePromise};
use crm_core::schedule::calendar::BusinessCalendar;
use crm_core::schedule::followup::{FollowUpKind, NewFollowUp, Origin, Priority};
use crm_core::schedule::policy::ContactPolicy;
use crm_core::{Crm, CustomerId, NewCustomer};

/// The IANA zone `name`.
fn zone(name: &str) -> crm_core::contact::TimeZone {
    crm_core::contact::TimeZone::parse(name).expect("a known zone")
}

fn t(s: &str) -> DateTime<Utc> {
    s.parse().expect("valid time")
}

/// Wednesday 4 March 2026, 10:00 UTC (11:00 in Berlin).
fn now() -> DateTime<Utc> {
    t("2026-03-04T10:00:00Z")
}

fn settings() -> AgendaSettings {
    let mut s = AgendaSettings::default();
    s.cadences
        .push(Cadence::new(30, Some("Customer"), None).expect("valid cadence"));
    s.response_promise = Some(
        ResponsePromise::new(
            BusinessCalendar::new(zone("Europe/Berlin")),
            Duration::hours(4),
            Duration::hours(2),
        )
        .expect("valid promise"),
    );
    s.birthday_lead_days = vec![1, 0];
    s
}

fn customer(crm: &mut Crm, name: &str, owner: &str, birthday: Option<&str>) -> CustomerId {
    let mut n = NewCustomer::default()
        .with_name(name, "Test")
        .with_owner(owner)
        .with_stage("customer");
    n.time_zone = Some("Europe/Berlin".into());
    n.birthday = birthday.map(str::to_owned);
    crm.create_customer(n).expect("valid").id
}

fn book() -> (Crm, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::new(t("2026-01-01T09:00:00Z")));
    let crm = Crm::builder()
        .clock(clock.clone())
        .seed(5)
        .contact_policy(ContactPolicy::default())
        .agenda_settings(settings())
        .build();
    (crm, clock)
}

fn log(crm: &mut Crm, id: CustomerId, dir: Direction, kind: InteractionKind, at: &str) {
    crm.log_interaction(NewInteraction::new(id, Channel::Email, dir, kind).at(t(at)))
        .expect("logs");
}

#[test]
fn agenda_gathers_every_origin_places_and_sorts() {
    let (mut crm, clock) = book();
    let ana = customer(&mut crm, "Ana", "sam", Some("1990-03-06"));
    let bo = customer(&mut crm, "Bo", "sam", None);
    let cy = customer(&mut crm, "Cy", "kim", None);
    // Ana was called recently; Bo last heard of 40 days ago (cadence overdue).
    log(
        &mut crm,
        ana,
        Direction::Outbound,
        InteractionKind::Note,
        "2026-03-01T10:00:00Z",
    );
    log(
        &mut crm,
        bo,
        Direction::Outbound,
        InteractionKind::Note,
        "2026-01-23T10:00:00Z",
    );
    log(
        &mut crm,
        cy,
        Direction::Outbound,
        InteractionKind::Note,
        "2026-03-02T10:00:00Z",
    );
    // Cy sent an inquiry this morning (Berlin 09:00): promised answer within 4 business hours.
    log(
        &mut crm,
        cy,
        Direction::Inbound,
        InteractionKind::Inquiry,
        "2026-03-04T08:00:00Z",
    );
    clock.set(now());
    // A follow-up overdue since yesterday, and one due at 23:00 Berlin tonight (quiet hours).
    crm.schedule_follow_up(
        NewFollowUp::new(ana, t("2026-03-03T09:00:00Z"), FollowUpKind::Call).with_note("quote"),
    )
    .expect("ok");
    crm.schedule_follow_up(
        NewFollowUp::new(bo, t("2026-03-04T22:00:00Z"), FollowUpKind::Email)
            .on(Channel::Email)
            .priority(Priority::High),
    )
    .expect("ok");

    let items = crm
        .agenda(&AgendaQuery::new(now(), Duration::days(7)))
        .expect("agenda");
    let summary: Vec<(Origin, CustomerId, bool)> = items
        .iter()
        .map(|i| (i.origin, i.customer, i.overdue))
        .collect();
    // Overdue first (Bo's cadence, due since February, then the manual follow-up; ties go
    // by priority, then time),
    // then the rest: Cy's promise is high priority, then Bo's high follow-up, then birthdays.
    assert_eq!(
        summary,
        vec![
            (Origin::Cadence, bo, true),
            (Origin::Manual, ana, true),
            (Origin::ResponsePromise, cy, false),
            (Origin::Manual, bo, false),
            (Origin::ImportantDate, ana, false),
            (Origin::ImportantDate, ana, false),
        ],
        "{items:#?}"
    );
    // The promise: 09:00 + 4 business hours = 13:00 Berlin.
    assert_eq!(items[2].due, t("2026-03-04T12:00:00Z"));
    assert_eq!(items[2].priority, Priority::High);
    // 23:00 Berlin is quiet: moved to 08:00 Berlin the next morning, and says why.
    assert_eq!(items[3].due, t("2026-03-04T22:00:00Z"));
    assert_eq!(items[3].contact_at, Some(t("2026-03-05T07:00:00Z")));
    assert_eq!(items[3].moved_by[0].code(), "quiet_hours");
    // Overdue items are placed at now (or later), never in the past.
    assert!(
        items
            .iter()
            .all(|i| i.contact_at.is_none_or(|c| c >= now()))
    );
    // Birthday reminders: the day before and on the day, at 09:00 Berlin.
    assert_eq!(items[4].due, t("2026-03-05T08:00:00Z"));
    assert_eq!(items[4].reason, "birthday in 1 day(s), on 2026-03-06");
    assert_eq!(items[5].due, t("2026-03-06T08:00:00Z"));
    assert_eq!(items[5].reason, "birthday today");
    assert!(
        items
            .iter()
            .filter(|i| i.origin == Origin::ImportantDate)
            .all(|i| i.due.with_timezone(&zone("Europe/Berlin")).hour() == 9)
    );

    // Answering Cy and calling Bo clears those items.
    log(
        &mut crm,
        cy,
        Direction::Outbound,
        InteractionKind::Note,
        "2026-03-04T10:00:00Z",
    );
    log(
        &mut crm,
        bo,
        Direction::Inbound,
        InteractionKind::Note,
        "2026-03-04T09:30:00Z",
    );
    let items = crm
        .agenda(&AgendaQuery::new(now(), Duration::days(7)))
        .expect("agenda");
    assert!(items.iter().all(|i| i.origin != Origin::ResponsePromise));
    assert!(items.iter().all(|i| i.origin != Origin::Cadence));

    // Filters: one owner.
    let kim = crm
        .agenda(&AgendaQuery::new(now(), Duration::days(7)).owner("kim"))
        .expect("agenda");
    assert!(kim.iter().all(|i| i.owner.as_deref() == Some("kim")));
    let sam = crm
        .agenda(&AgendaQuery::new(now(), Duration::days(7)).owner("sam"))
        .expect("agenda");
    assert_eq!(sam.len(), 4);

    // Replaying the journal gives the same agenda.
    let again = Crm::builder()
        .clock(clock.clone())
        .seed(5)
        .agenda_settings(settings())
        .replay(crm.events().to_vec())
        .expect("replays");
    assert_eq!(
        again
            .agenda(&AgendaQuery::new(now(), Duration::days(7)))
            .expect("agenda"),
        crm.agenda(&AgendaQuery::new(now(), Duration::days(7)))
            .expect("agenda")
    );
}

#[test]
fn agenda_never_proposes_a_forbidden_time() {
    let (mut crm, clock) = book();
    let ids: Vec<CustomerId> = (0..12)
        .map(|i| customer(&mut crm, &format!("C{i}"), "sam", Some("1985-03-07")))
        .collect();
    clock.set(now());
    for (i, id) in ids.iter().enumerate() {
        // Due times spread over the day and night, weekend included.
        let due = now() + Duration::hours(7 * i as i64);
        crm.schedule_follow_up(NewFollowUp::new(*id, due, FollowUpKind::Call).on(Channel::Phone))
            .expect("ok");
    }
    crm.set_consent(
        ids[0],
        ConsentScope::DoNotContact,
        ConsentStatus::Granted,
        None,
        None,
    )
    .expect("ok");
    let items = crm
        .agenda(&AgendaQuery::new(now(), Duration::days(7)))
        .expect("agenda");
    assert!(items.len() >= 24, "{}", items.len());
    let quiet_start = NaiveTime::from_hms_opt(20, 0, 0).expect("valid");
    let quiet_end = NaiveTime::from_hms_opt(8, 0, 0).expect("valid");
    for i in &items {
        if i.customer == ids[0] {
            assert_eq!(i.contact_at, None, "do-not-contact is never scheduled");
            continue;
        }
        let at = i
            .contact_at
            .expect("allowed eventually")
            .with_timezone(&zone("Europe/Berlin"));
        let local = at.time();
        assert!(
            local >= quiet_end && local < quiet_start,
            "{at} is in quiet hours"
        );
        assert!(
            !matches!(at.weekday(), Weekday::Sat | Weekday::Sun),
            "{at} is a weekend"
        );
        assert!(at >= i.due.with_timezone(&zone("Europe/Berlin")));
    }
    assert!(
        crm.agenda(&AgendaQuery::new(now(), Duration::days(-1)))
            .is_err()
    );
}

#[test]
fn own_cadence_and_yearly_dates() {
    let (mut crm, clock) = book();
    let mut n = NewCustomer::default()
        .with_name("Dee", "Test")
        .with_owner("sam")
        .with_stage("lead");
    n.time_zone = Some("Europe/Berlin".into());
    n.attributes.insert(
        "contract_renewal".into(),
        crm_core::AttributeValue::Date(chrono::NaiveDate::from_ymd_opt(2024, 3, 6).expect("valid")),
    );
    let dee = crm.create_customer(n).expect("valid").id;
    log(
        &mut crm,
        dee,
        Direction::Outbound,
        InteractionKind::Note,
        "2026-02-20T10:00:00Z",
    );
    clock.set(now());
    let mut settings = settings();
    settings.date_attributes = vec!["contract_renewal".into()];
    settings.customer_since = true;
    let crm = {
        let mut c = Crm::builder()
            .clock(clock.clone())
            .seed(5)
            .agenda_settings(settings)
            .replay(crm.events().to_vec())
            .expect("replays");
        // No rule covers leads; her own cadence of 10 days does.
        assert!(
            c.agenda(&AgendaQuery::new(now(), Duration::days(7)))
                .expect("agenda")
                .iter()
                .all(|i| i.origin != Origin::Cadence)
        );
        assert_eq!(
            c.set_cadence(dee, Some(0), None).unwrap_err().field(),
            Some("cadence.every_days")
        );
        c.set_cadence(dee, Some(10), Some("sam")).expect("ok");
        c
    };
    let items = crm
        .agenda(&AgendaQuery::new(now(), Duration::days(7)))
        .expect("agenda");
    let cadence: Vec<_> = items
        .iter()
        .filter(|i| i.origin == Origin::Cadence)
        .collect();
    assert_eq!(cadence.len(), 1);
    assert_eq!(cadence[0].due, t("2026-03-02T10:00:00Z"));
    assert!(cadence[0].overdue);
    let renewal: Vec<_> = items
        .iter()
        .filter(|i| i.reason.starts_with("contract renewal"))
        .collect();
    assert_eq!(renewal.len(), 2, "a day ahead and on the day: {items:#?}");
    // Created on 1 January 2026: the first anniversary is next year, not in this window.
    assert!(items.iter().all(|i| !i.reason.contains("anniversary")));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]

    /// Every agenda item that may go out is placed where `can_contact` allows it (outside
    /// quiet hours and weekends, within caps, with consent); replay gives the same agenda.
    #[test]
    fn agenda_items_are_always_allowed(
        dues in proptest::collection::vec((0usize..6, -72i64..240, 0usize..4), 1..30),
        touches in proptest::collection::vec((0usize..6, 1i64..200), 0..20),
        denied in proptest::collection::vec((0usize..6, 0usize..4), 0..4),
        zone in proptest::prop_oneof![
            proptest::prelude::Just("Europe/Berlin"),
            proptest::prelude::Just("America/New_York"),
            proptest::prelude::Just("Australia/Lord_Howe"),
        ],
    ) {
        let channels = [Channel::Email, Channel::Phone, Channel::Sms, Channel::Meeting];
        let clock = Arc::new(FixedClock::new(now() - Duration::days(10)));
        let policy = ContactPolicy::default()
            .with_cap(
                crm_core::schedule::policy::FrequencyCap::new(None, 2, Duration::days(3))
                    .expect("cap"),
            )
            .expect("ok");
        let mut crm = Crm::builder()
            .clock(clock.clone())
            .seed(8)
            .contact_policy(policy.clone())
            .agenda_settings(settings())
            .build();
        let ids: Vec<CustomerId> = (0..6)
            .map(|i| {
                let mut n = NewCustomer::default().with_name(format!("P{i}"), "Q").with_stage("customer");
                n.time_zone = Some(zone.into());
                n.birthday = Some("1980-03-06".into());
                crm.create_customer(n).expect("valid").id
            })
            .collect();
        for (who, hours) in &touches {
            crm.log_interaction(
                NewInteraction::new(ids[*who], Channel::Email, Direction::Outbound, InteractionKind::Note)
                    .at(now() - Duration::hours(*hours)),
            )
            .expect("logs");
        }
        for (who, ch) in &denied {
            crm.set_consent(ids[*who], ConsentScope::Channel(channels[*ch]), ConsentStatus::Denied, None, None)
                .expect("ok");
        }
        clock.set(now());
        for (who, hours, ch) in &dues {
            crm.schedule_follow_up(
                NewFollowUp::new(ids[*who], now() + Duration::hours(*hours), FollowUpKind::Call)
                    .on(channels[*ch]),
            )
            .expect("ok");
        }
        let items = crm.agenda(&AgendaQuery::new(now(), Duration::days(7))).expect("agenda");
        for i in &items {
            let category = if i.origin == Origin::ResponsePromise {
                crm_core::consent::TouchCategory::Requested
            } else {
                crm_core::consent::TouchCategory::Service
            };
            let channel = i.channel.unwrap_or(Channel::Other);
            // Placed where `can_contact` (which probes the zone afresh) puts it, for the
            // reasons it gives: New York changes its clocks in this week.
            let asked = crm
                .can_contact(i.customer, channel, i.due.max(now()), category, None)
                .expect("ok");
            proptest::prop_assert_eq!(i.contact_at, asked.earliest, "{:?}", i);
            proptest::prop_assert_eq!(&i.moved_by, &asked.reasons);
            match i.contact_at {
                Some(at) => {
                    proptest::prop_assert!(at >= now());
                    let d = crm.can_contact(i.customer, channel, at, category, None).expect("ok");
                    proptest::prop_assert!(d.allowed, "{i:?} {d:?}");
                }
                None => {
                    let d = crm.can_contact(i.customer, channel, now(), category, None).expect("ok");
                    proptest::prop_assert!(!d.allowed && d.earliest.is_none());
                }
            }
        }
        let again = Crm::builder()
            .clock(clock.clone())
            .seed(8)
            .contact_policy(policy)
            .agenda_settings(settings())
            .replay(crm.events().to_vec())
            .expect("replays");
        proptest::prop_assert_eq!(
            again.agenda(&AgendaQuery::new(now(), Duration::days(7))).expect("agenda"),
            items
        );
    }
}

#[test]
fn tag_filters_and_cadences_match_tags_as_stored() {
    let (mut crm, clock) = book();
    let mut n = NewCustomer::default()
        .with_name("Eve", "Test")
        .with_owner("sam")
        .with_stage("lead")
        .with_tag("Café Owner");
    n.time_zone = Some("Europe/Berlin".into());
    let eve = crm.create_customer(n).expect("valid").id;
    clock.set(now());
    let mut settings = settings();
    settings.cadences = vec![Cadence::new(30, None, Some(" CAFÉ owner")).expect("valid")];
    let crm = Crm::builder()
        .clock(clock.clone())
        .seed(5)
        .agenda_settings(settings)
        .replay(crm.events().to_vec())
        .expect("replays");
    let mut q = AgendaQuery::new(now(), Duration::days(7));
    q.tag = Some("café owner".into());
    let items = crm.agenda(&q).expect("agenda");
    assert_eq!(items.len(), 1, "{items:#?}");
    assert_eq!((items[0].customer, items[0].origin), (eve, Origin::Cadence));
    q.tag = Some("cafe owner".into());
    assert!(crm.agenda(&q).expect("agenda").is_empty());
}

#[test]
fn response_promises_have_states() {
    use crm_core::schedule::agenda::PromiseState;
    let (mut crm, clock) = book();
    let a = customer(&mut crm, "Fay", "sam", None);
    // Friday 6 March 2026, 16:00 Berlin: a complaint (2 business hours) and an inquiry (4).
    log(
        &mut crm,
        a,
        Direction::Inbound,
        InteractionKind::Complaint,
        "2026-03-06T15:00:00Z",
    );
    clock.set(t("2026-03-09T08:30:00Z"));
    let p = crm.response_promises(a).expect("ok");
    assert_eq!(p.len(), 1);
    // One business hour on Friday, one on Monday from 09:00: due Monday 10:00 Berlin.
    assert_eq!(p[0].due, t("2026-03-09T09:00:00Z"));
    assert_eq!(p[0].state, PromiseState::Due);
    clock.set(t("2026-03-09T09:30:00Z"));
    assert_eq!(
        crm.response_promises(a).expect("ok")[0].state,
        PromiseState::Breached
    );
    log(
        &mut crm,
        a,
        Direction::Outbound,
        InteractionKind::Note,
        "2026-03-09T09:20:00Z",
    );
    let p = crm.response_promises(a).expect("ok");
    assert_eq!(p[0].answered_at, Some(t("2026-03-09T09:20:00Z")));
    assert_eq!(
        p[0].state,
        PromiseState::Breached,
        "answered after the promised time"
    );
    log(
        &mut crm,
        a,
        Direction::Inbound,
        InteractionKind::Inquiry,
        "2026-03-09T09:40:00Z",
    );
    log(
        &mut crm,
        a,
        Direction::Outbound,
        InteractionKind::Note,
        "2026-03-09T10:00:00Z",
    );
    let p = crm.response_promises(a).expect("ok");
    assert_eq!(p.len(), 2);
    assert_eq!(p[1].state, PromiseState::FulfilledOnTime);
    assert_eq!(p[1].due, t("2026-03-09T13:40:00Z"));
    // The promise is in the journal: a replay without settings keeps it.
    let mut again = Crm::builder()
        .clock(clock.clone())
        .seed(1)
        .replay(crm.events().to_vec())
        .expect("replays");
    assert_eq!(again.response_promises(a).expect("ok"), p);
    // A book without a promise reports none.
    again
        .change_settings(
            crm_core::settings::SettingsChange::default().with_agenda(AgendaSettings::default()),
            None,
        )
        .expect("changes");
    assert!(again.response_promises(a).expect("ok").is_empty());
}

fn week(crm: &Crm, owner: &str) -> Vec<crm_core::schedule::agenda::AgendaItem> {
    crm.agenda(&AgendaQuery::new(now(), Duration::days(7)).owner(owner))
        .expect("agenda")
}

#[test]
fn owner_agendas_follow_reassignments_and_foreign_follow_ups() {
    let (mut crm, clock) = book();
    let ana = customer(&mut crm, "Ana", "sam", None);
    let cy = customer(&mut crm, "Cy", "kim", None);
    clock.set(now());
    // Sam plans a call with Kim's customer: it is on Sam's agenda, not on Kim's.
    crm.schedule_follow_up(
        NewFollowUp::new(cy, t("2026-03-05T09:00:00Z"), FollowUpKind::Call).owned_by("sam"),
    )
    .expect("ok");
    crm.schedule_follow_up(NewFollowUp::new(
        ana,
        t("2026-03-05T10:00:00Z"),
        FollowUpKind::Call,
    ))
    .expect("ok");
    let sam = week(&crm, "sam");
    let planned: Vec<CustomerId> = sam
        .iter()
        .filter(|i| i.origin == Origin::Manual)
        .map(|i| i.customer)
        .collect();
    assert_eq!(planned, [cy, ana]);
    assert!(
        week(&crm, "kim")
            .iter()
            .all(|i| i.follow_up.is_none() && i.owner.as_deref() == Some("kim"))
    );
    // Every owner's agenda is the book's agenda restricted to that owner.
    let everyone = crm
        .agenda(&AgendaQuery::new(now(), Duration::days(7)))
        .expect("agenda");
    for owner in ["sam", "kim"] {
        let mine: Vec<_> = everyone
            .iter()
            .filter(|i| i.owner.as_deref() == Some(owner))
            .cloned()
            .collect();
        assert_eq!(week(&crm, owner), mine, "{owner}");
    }
    // The owner's customers are read with their latest changes.
    crm.change_stage(ana, "advocate", None, None)
        .expect("moves");
    crm.set_consent(
        ana,
        ConsentScope::DoNotContact,
        ConsentStatus::Denied,
        None,
        None,
    )
    .expect("records");
    crm.set_cadence(ana, Some(3), None).expect("sets");
    let owned = crm.customers_owned_by("sam");
    assert_eq!(owned.len(), 1);
    assert_eq!(owned[0].stage.as_str(), "advocate");
    assert_eq!(owned[0].cadence_days, Some(3));
    assert_eq!(owned[0], crm.customer(ana).expect("exists"));
    // Handing Ana to Kim moves her and her cadence item to Kim's agenda.
    let mut patch = crm_core::CustomerPatch::default();
    patch.owner = Some(Some("kim".into()));
    crm.update_customer(ana, patch).expect("updates");
    assert!(crm.customers_owned_by("sam").is_empty());
    let kims: Vec<CustomerId> = crm.customers_owned_by("kim").iter().map(|c| c.id).collect();
    assert_eq!(kims, [ana, cy]);
    let kim = week(&crm, "kim");
    assert!(
        kim.iter()
            .any(|i| i.customer == ana && i.origin == Origin::Cadence),
        "{kim:#?}"
    );
    // The book replays to the same owner index.
    let again = Crm::builder()
        .clock(clock.clone())
        .seed(5)
        .agenda_settings(settings())
        .replay(crm.events().to_vec())
        .expect("replays");
    assert_eq!(again.state(), crm.state());
    assert_eq!(
        week(&crm, "kim"),
        again
            .agenda(&AgendaQuery::new(now(), Duration::days(7)).owner("kim"))
            .expect("agenda")
    );
}

/// Inquiries within 4 business hours and complaints within 2 (the book's settings), urgent
/// messages within 1, low ones within 16 and 8.
fn prioritised() -> AgendaSettings {
    let mut s = settings();
    let promise = s.response_promise.take().expect("a promise");
    s.response_promise = Some(
        promise
            .with_priority(Priority::Urgent, Duration::hours(1), Duration::hours(1))
            .and_then(|p| p.with_priority(Priority::Low, Duration::hours(16), Duration::hours(8)))
            .expect("valid"),
    );
    s
}

#[test]
fn promised_times_follow_the_priority_of_the_message_or_its_case() {
    use crm_core::schedule::agenda::PromiseState;
    let clock = Arc::new(FixedClock::new(now()));
    let mut crm = Crm::builder()
        .clock(clock.clone())
        .seed(9)
        .agenda_settings(prioritised())
        .build();
    let gil = customer(&mut crm, "Gil", "sam", None);
    // Wednesday 4 March 2026, 10:00 Berlin (09:00 UTC).
    let at = t("2026-03-04T09:00:00Z");
    let inbound = |kind, priority: Option<Priority>| {
        let mut n = NewInteraction::new(gil, Channel::Email, Direction::Inbound, kind).at(at);
        if let Some(p) = priority {
            n = n.with_priority(p);
        }
        n
    };
    let plain = crm
        .log_interaction(inbound(InteractionKind::Inquiry, None))
        .expect("logs")
        .id;
    crm.log_interaction(inbound(InteractionKind::Inquiry, Some(Priority::Urgent)))
        .expect("logs");
    crm.log_interaction(inbound(InteractionKind::Inquiry, Some(Priority::Low)))
        .expect("logs");
    crm.log_interaction(inbound(InteractionKind::Inquiry, Some(Priority::High)))
        .expect("logs");
    let complaint = crm
        .log_interaction(inbound(InteractionKind::Complaint, Some(Priority::Urgent)))
        .expect("logs")
        .clone();
    let case = complaint.case.expect("a complaint opens a case");
    assert_eq!(
        crm.case(case).expect("case").priority,
        Some(Priority::Urgent)
    );
    // A second message on the case, without a priority of its own: the case's counts.
    let mut again = inbound(InteractionKind::Complaint, None);
    again.case = Some(case);
    crm.log_interaction(again).expect("logs");

    let p = crm.response_promises(gil).expect("promises");
    let seen: Vec<(InteractionKind, Option<Priority>, DateTime<Utc>)> =
        p.iter().map(|s| (s.kind, s.priority, s.due)).collect();
    use InteractionKind::{Complaint, Inquiry};
    assert_eq!(
        seen,
        [
            // No priority, and one without its own times: the book's 4 hours, 14:00 Berlin.
            (Inquiry, None, t("2026-03-04T13:00:00Z")),
            // Urgent: 1 hour.
            (Inquiry, Some(Priority::Urgent), t("2026-03-04T10:00:00Z")),
            // Low: 16 business hours, 7 on Wednesday and 8 on Thursday: Friday 10:00.
            (Inquiry, Some(Priority::Low), t("2026-03-06T09:00:00Z")),
            (Inquiry, Some(Priority::High), t("2026-03-04T13:00:00Z")),
            (Complaint, Some(Priority::Urgent), t("2026-03-04T10:00:00Z")),
            (Complaint, Some(Priority::Urgent), t("2026-03-04T10:00:00Z")),
        ]
    );
    assert!(p.iter().all(|s| s.state == PromiseState::Due));
    assert_eq!(p[0].interaction, plain);
    // The agenda ranks the answers by the messages' priorities (none given: inquiries high).
    let items = crm
        .agenda(&AgendaQuery::new(now(), Duration::days(7)))
        .expect("agenda");
    let answers: Vec<(Priority, DateTime<Utc>)> = items
        .iter()
        .filter(|i| i.origin == Origin::ResponsePromise)
        .map(|i| (i.priority, i.due))
        .collect();
    assert_eq!(
        answers,
        [
            (Priority::Urgent, t("2026-03-04T10:00:00Z")),
            (Priority::Urgent, t("2026-03-04T10:00:00Z")),
            (Priority::Urgent, t("2026-03-04T10:00:00Z")),
            (Priority::High, t("2026-03-04T13:00:00Z")),
            (Priority::High, t("2026-03-04T13:00:00Z")),
            (Priority::Low, t("2026-03-06T09:00:00Z")),
        ]
    );
    // Times must be positive, per priority too.
    let err = settings()
        .response_promise
        .expect("a promise")
        .with_priority(Priority::Urgent, Duration::zero(), Duration::hours(1))
        .unwrap_err();
    assert_eq!(err.field(), Some("promise.inquiry"));
    // Settings and the interactions' priorities survive JSON and replay.
    let json = serde_json::to_string(&prioritised()).expect("json");
    let back: AgendaSettings = serde_json::from_str(&json).expect("reads");
    assert_eq!(back, prioritised());
    let replayed = Crm::builder()
        .clock(clock.clone())
        .seed(9)
        .agenda_settings(prioritised())
        .replay(crm.events().to_vec())
        .expect("replays");
    assert_eq!(replayed.response_promises(gil).expect("promises"), p);
}

#[test]
fn journals_and_settings_without_priorities_still_load() {
    // An interaction event of schema version 1, before priorities.
    let customer = r#"{"v":1,"seq":1,"at":"2026-03-04T09:00:00Z","event":{"type":"customer_created","customer":{"id":"0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a11","tags":[],"stage":"lead","stage_history":[{"to":"lead","at":"2026-03-04T09:00:00Z"}],"created_at":"2026-03-04T09:00:00Z","updated_at":"2026-03-04T09:00:00Z"}}}"#;
    let inquiry = r#"{"v":1,"seq":2,"at":"2026-03-04T09:00:00Z","event":{"type":"interaction_logged","interaction":{"id":"0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a12","customer":"0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a11","channel":"email","direction":"inbound","kind":"inquiry","at":"2026-03-04T09:00:00Z"}}}"#;
    let events = crm_core::event::from_json_lines(&format!("{customer}\n{inquiry}\n"))
        .expect("version 1 reads");
    let crm = Crm::builder()
        .agenda_settings(prioritised())
        .replay(events)
        .expect("replays");
    let id = crm_core::CustomerId::parse("0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a11").expect("id");
    let p = crm.response_promises(id).expect("promises");
    assert_eq!((p.len(), p[0].priority), (1, None));
    assert_eq!(p[0].due, t("2026-03-04T13:00:00Z"));
    // A promise written before priorities (no `priorities` key) reads as having none.
    let old = serde_json::to_value(settings().response_promise).expect("json");
    assert!(old.get("priorities").is_none(), "{old}");
    let back: ResponsePromise = serde_json::from_value(old).expect("reads");
    assert!(back.priorities.is_empty());
    assert_eq!(Some(back), settings().response_promise);
}

#[test]
fn promised_times_count_in_the_owners_or_their_teams_calendar() {
    use crm_core::schedule::promise::Calendars;
    let mut s = settings();
    // Ana works New York hours; Kim is in the APAC team, which works Tokyo hours; Sam has
    // neither and keeps the book's Berlin hours.
    s.calendars = Calendars::default()
        .with_owner("ana", BusinessCalendar::new(zone("America/New_York")))
        .and_then(|c| c.with_team("APAC", BusinessCalendar::new(zone("Asia/Tokyo"))))
        .and_then(|c| c.with_member("kim", "APAC"))
        .expect("valid");
    let clock = Arc::new(FixedClock::new(now()));
    let mut crm = Crm::builder()
        .clock(clock.clone())
        .seed(11)
        .agenda_settings(s.clone())
        .build();
    let of_ana = customer(&mut crm, "Hal", "ana", None);
    let of_kim = customer(&mut crm, "Ivy", "kim", None);
    let of_sam = customer(&mut crm, "Jo", "sam", None);
    // Wednesday 4 March 2026, 14:00 UTC: 15:00 in Berlin, 09:00 in New York, 23:00 in Tokyo.
    for c in [of_ana, of_kim, of_sam] {
        log(
            &mut crm,
            c,
            Direction::Inbound,
            InteractionKind::Inquiry,
            "2026-03-04T14:00:00Z",
        );
    }
    let due = |crm: &Crm, c| crm.response_promises(c).expect("promises")[0].due;
    // New York: 09:00 + 4 business hours = 13:00 there.
    assert_eq!(due(&crm, of_ana), t("2026-03-04T18:00:00Z"));
    // Tokyo: closed at 23:00; Thursday 09:00 + 4 hours = 13:00 there.
    assert_eq!(due(&crm, of_kim), t("2026-03-05T04:00:00Z"));
    // Berlin: 2 hours on Wednesday, 2 on Thursday from 09:00: 11:00 there.
    assert_eq!(due(&crm, of_sam), t("2026-03-05T10:00:00Z"));
    let tz = |c| {
        crm.business_calendar_of(c)
            .expect("exists")
            .map(|cal| cal.tz())
    };
    assert_eq!(
        [tz(of_ana), tz(of_kim), tz(of_sam)],
        [
            Some(zone("America/New_York")),
            Some(zone("Asia/Tokyo")),
            Some(zone("Europe/Berlin"))
        ]
    );
    // The agenda's answers are due at the same times.
    let items = crm
        .agenda(&AgendaQuery::new(now(), Duration::days(7)))
        .expect("agenda");
    let mut answers: Vec<(CustomerId, DateTime<Utc>)> = items
        .iter()
        .filter(|i| i.origin == Origin::ResponsePromise)
        .map(|i| (i.customer, i.due))
        .collect();
    answers.sort();
    let mut expected = vec![
        (of_ana, due(&crm, of_ana)),
        (of_kim, due(&crm, of_kim)),
        (of_sam, due(&crm, of_sam)),
    ];
    expected.sort();
    assert_eq!(answers, expected);
    // Handing Kim's customer to Ana moves the promise to New York hours: Wednesday 09:00
    // there, as for Ana's own.
    let mut patch = crm_core::CustomerPatch::default();
    patch.owner = Some(Some("ana".into()));
    crm.update_customer(of_kim, patch).expect("updates");
    assert_eq!(due(&crm, of_kim), t("2026-03-04T18:00:00Z"));
    // Settings with calendars survive JSON; settings written without them still read.
    let json = serde_json::to_value(&s).expect("json");
    assert_eq!(json["calendars"]["team_of"]["kim"], "APAC");
    assert_eq!(
        serde_json::from_value::<AgendaSettings>(json.clone()).expect("reads"),
        s
    );
    let mut old = json;
    old.as_object_mut().expect("object").remove("calendars");
    let back: AgendaSettings = serde_json::from_value(old).expect("reads");
    assert!(back.calendars.is_empty());
    // Names are checked and cleaned like owners.
    let err = Calendars::default()
        .with_owner("  ", BusinessCalendar::new(zone("Europe/Berlin")))
        .unwrap_err();
    assert_eq!(err.field(), Some("calendars.owners"));
    assert!(Calendars::default().with_member("kim", "").is_err());
    let closed = BusinessCalendar::new(zone("Europe/Berlin"))
        .with_hours(Weekday::Mon, vec![])
        .and_then(|c| c.with_hours(Weekday::Tue, vec![]))
        .and_then(|c| c.with_hours(Weekday::Wed, vec![]))
        .and_then(|c| c.with_hours(Weekday::Thu, vec![]))
        .and_then(|c| c.with_hours(Weekday::Fri, vec![]))
        .expect("valid days");
    assert!(Calendars::default().with_team("apac", closed).is_err());
}

#[test]
fn contact_can_be_limited_to_the_owners_business_hours() {
    use crm_core::consent::TouchCategory;
    use crm_core::schedule::promise::Calendars;
    let mut s = settings();
    s.calendars = Calendars::default()
        .with_owner("ana", BusinessCalendar::new(zone("America/New_York")))
        .and_then(|c| c.with_team("APAC", BusinessCalendar::new(zone("Asia/Tokyo"))))
        .and_then(|c| c.with_member("kim", "APAC"))
        .expect("valid");
    let build_with = |s: &AgendaSettings, only_when_open: bool| {
        Crm::builder()
            .clock(Arc::new(FixedClock::new(now())))
            .seed(12)
            .contact_policy(
                ContactPolicy::unrestricted()
                    .with_exempt(vec![TouchCategory::Transactional])
                    .with_business_hours(only_when_open),
            )
            .agenda_settings(s.clone())
            .build()
    };
    let build = |only_when_open: bool| build_with(&s, only_when_open);
    let mut crm = build(true);
    let of_ana = customer(&mut crm, "Hal", "ana", None);
    let of_kim = customer(&mut crm, "Ivy", "kim", None);
    // Wednesday 4 March 2026, 14:00 UTC: 09:00 in New York (open), 23:00 in Tokyo (closed).
    let at = t("2026-03-04T14:00:00Z");
    let ask = |crm: &Crm, c| {
        crm.can_contact(c, Channel::Phone, at, TouchCategory::Service, None)
            .expect("exists")
    };
    assert!(ask(&crm, of_ana).allowed);
    let kim = ask(&crm, of_kim);
    assert!(!kim.allowed);
    assert_eq!(kim.reasons[0].code(), "business_hours");
    // Thursday 09:00 in Tokyo.
    assert_eq!(kim.earliest, Some(t("2026-03-05T00:00:00Z")));
    // Transactional messages are exempt, as from quiet hours.
    assert!(
        crm.can_contact(
            of_kim,
            Channel::Email,
            at,
            TouchCategory::Transactional,
            None
        )
        .expect("exists")
        .allowed
    );
    // Without a response promise the owners' and teams' calendars still count.
    let mut without_promise = s.clone();
    without_promise.response_promise = None;
    let mut crm = build_with(&without_promise, true);
    let of_kim = customer(&mut crm, "Ivy", "kim", None);
    assert_eq!(ask(&crm, of_kim).reasons[0].code(), "business_hours");
    // Off (the default): the calendars only count promised response times.
    let mut crm = build(false);
    let of_kim = customer(&mut crm, "Ivy", "kim", None);
    assert!(ask(&crm, of_kim).allowed);
    // The setting survives JSON, and old JSON without it reads as off.
    let json = serde_json::to_value(ContactPolicy::unrestricted().with_business_hours(true))
        .expect("serializes");
    assert_eq!(json["business_hours"], true);
    let old: ContactPolicy =
        serde_json::from_value(serde_json::json!({"allow_weekends": true})).expect("reads");
    assert!(!old.business_hours());
}

#[test]
fn day_counts_are_bounded_and_never_overflow_the_calendar() {
    use crm_core::schedule::agenda::MAX_DAYS;
    use crm_core::settings::SettingsChange;
    // A cadence or a check-back more than a hundred years away is refused, naming the field.
    assert_eq!(
        Cadence::new(MAX_DAYS + 1, None, None).unwrap_err().field(),
        Some("cadence.every_days")
    );
    assert!(Cadence::new(MAX_DAYS, None, None).is_ok());
    let mut far = AgendaSettings::default();
    far.case_check_after_days = Some(MAX_DAYS + 1);
    let (mut crm, clock) = book();
    let err = crm
        .change_settings(SettingsChange::default().with_agenda(far.clone()), None)
        .unwrap_err();
    assert_eq!(err.field(), Some("case_check_after_days"));
    let ada = customer(&mut crm, "Ada", "sam", None);
    assert_eq!(
        crm.set_cadence(ada, Some(MAX_DAYS + 1), None)
            .unwrap_err()
            .field(),
        Some("cadence.every_days")
    );
    // Settings that bypass the checks (the builder takes them as given, and a journal is not
    // checked again) never overflow the calendar: a billion days away is the last instant
    // there is, and nothing on the agenda.
    far.case_check_after_days = Some(1_000_000_000);
    let mut cadence = Cadence::new(1, None, None).expect("valid");
    cadence.every_days = 1_000_000_000;
    far.cadences = vec![cadence];
    let mut crm = Crm::builder()
        .clock(clock.clone())
        .agenda_settings(far)
        .build();
    let bea = customer(&mut crm, "Bea", "sam", None);
    let complaint = crm
        .log_interaction(NewInteraction::new(
            bea,
            Channel::Email,
            Direction::Inbound,
            InteractionKind::Complaint,
        ))
        .expect("complaint");
    let case = complaint.case.expect("a case");
    crm.resolve_case(case, "refunded", None).expect("resolves");
    let check = crm.follow_ups_of(bea).expect("ok");
    assert_eq!(check.len(), 1);
    assert_eq!(check[0].due, DateTime::<Utc>::MAX_UTC);
    let items = crm
        .agenda(&AgendaQuery::new(
            t("2026-01-01T09:00:00Z"),
            Duration::days(400),
        ))
        .expect("agenda");
    assert!(
        items
            .iter()
            .all(|i| i.origin != Origin::Cadence && i.origin != Origin::CaseCheck)
    );
    // An agenda window of more than a hundred years is refused; at the end of time the
    // agenda is empty, not an overflow.
    let err = crm
        .agenda(&AgendaQuery::new(
            t("2026-01-01T09:00:00Z"),
            Duration::days(i64::from(MAX_DAYS) + 1),
        ))
        .unwrap_err();
    assert_eq!(err.field(), Some("window"));
    assert!(
        crm.agenda(&AgendaQuery::new(
            DateTime::<Utc>::MAX_UTC,
            Duration::days(i64::from(MAX_DAYS)),
        ))
        .is_ok()
    );
    // The journal, the end of time in it, reads back and replays.
    let text = crm_core::event::to_json_lines(crm.events());
    let events = crm_core::event::from_json_lines(&text).expect("reads back");
    assert_eq!(
        Crm::builder()
            .replay(events)
            .expect("replays")
            .follow_ups_of(bea)
            .expect("ok")[0]
            .due,
        DateTime::<Utc>::MAX_UTC
    );
}
