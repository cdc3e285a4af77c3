//! Settings in the journal: agenda settings, contact policy and default time zone are
//! recorded, so a replay without any configuration gives the same book and the same agenda.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use crm_core::clock::FixedClock;
use crm_core::consent::TouchCategory;
use crm_core::contact::TimeZone;
use crm_core::event::{Event, from_json_lines, to_json_lines};
use crm_core::interaction::{Channel, Direction, InteractionKind, NewInteraction};
use crm_core::journal::{Journal, MemoryJournal};
use crm_core::schedule::agenda::{AgendaQuery, AgendaSettings, Cadence, ResponsePromise};
use crm_core::schedule::calendar::BusinessCalendar;
use crm_core::schedule::followup::{FollowUpKind, NewFollowUp};
use crm_core::schedule::policy::{ContactPolicy, FrequencyCap};
use crm_core::settings::SettingsChange;
use crm_core::{Crm, CustomerId, Error, NewCustomer};

/// The IANA zone `name`.
fn zone(name: &str) -> crm_core::contact::TimeZone {
    crm_core::contact::TimeZone::parse(name).expect("a known zone")
}

fn t(s: &str) -> DateTime<Utc> {
    s.parse().expect("valid time")
}

fn berlin() -> TimeZone {
    TimeZone::parse("Europe/Berlin").expect("zone")
}

fn agenda_settings() -> AgendaSettings {
    let mut s = AgendaSettings::default();
    s.cadences
        .push(Cadence::new(14, Some("customer"), None).expect("cadence"));
    s.response_promise = Some(
        ResponsePromise::new(
            BusinessCalendar::new(zone("Europe/Berlin")),
            Duration::hours(4),
            Duration::hours(2),
        )
        .expect("promise"),
    );
    s.birthday_lead_days = vec![2, 0];
    s
}

fn policy() -> ContactPolicy {
    ContactPolicy::default()
        .with_weekends(true)
        .with_cap(FrequencyCap::new(Some(Channel::Phone), 1, Duration::days(2)).expect("cap"))
        .expect("policy")
}

fn week(crm: &Crm, now: DateTime<Utc>) -> Vec<crm_core::schedule::agenda::AgendaItem> {
    crm.agenda(&AgendaQuery::new(now, Duration::days(7)))
        .expect("agenda")
}

/// A configured book with customers, messages, calls and follow-ups, and a change of
/// settings on the way.
fn busy_book() -> (Crm, Arc<FixedClock>, Vec<CustomerId>) {
    let clock = Arc::new(FixedClock::new(t("2026-02-02T09:00:00Z")));
    let mut crm = Crm::builder()
        .clock(clock.clone())
        .seed(21)
        .agenda_settings(agenda_settings())
        .contact_policy(policy())
        .time_zone(berlin())
        .build();
    let mut ids = Vec::new();
    for (name, birthday) in [
        ("Ada", "1990-03-06"),
        ("Bo", "1985-02-11"),
        ("Cy", "--03-09"),
    ] {
        let mut n = NewCustomer::default()
            .with_name(name, "Test")
            .with_stage("customer")
            .with_owner("sam");
        n.birthday = Some(birthday.to_owned());
        ids.push(crm.create_customer(n).expect("valid").id);
    }
    for (i, id) in ids.iter().enumerate() {
        clock.advance(Duration::hours(5));
        crm.log_interaction(NewInteraction::new(
            *id,
            Channel::Phone,
            Direction::Outbound,
            InteractionKind::Note,
        ))
        .expect("logs");
        crm.schedule_follow_up(
            NewFollowUp::new(
                *id,
                t("2026-03-04T21:00:00Z") + Duration::hours(i as i64 * 30),
                FollowUpKind::Call,
            )
            .on(Channel::Phone),
        )
        .expect("plans");
    }
    clock.set(t("2026-03-03T15:00:00Z"));
    crm.log_interaction(NewInteraction::new(
        ids[2],
        Channel::Email,
        Direction::Inbound,
        InteractionKind::Inquiry,
    ))
    .expect("logs");
    // Later the team promises faster answers and keeps in touch every week.
    let mut faster = agenda_settings();
    faster.cadences = vec![Cadence::new(7, None, None).expect("cadence")];
    faster.response_promise = Some(
        ResponsePromise::new(
            BusinessCalendar::new(zone("Europe/Berlin")),
            Duration::hours(1),
            Duration::hours(1),
        )
        .expect("promise"),
    );
    crm.change_settings(SettingsChange::default().with_agenda(faster), Some("lead"))
        .expect("changes");
    (crm, clock, ids)
}

#[test]
fn replaying_the_journal_alone_gives_the_same_agenda() {
    let (crm, clock, ids) = busy_book();
    let now = t("2026-03-04T10:00:00Z");
    clock.set(now);
    let agenda = week(&crm, now);
    assert!(agenda.len() >= 6, "{agenda:#?}");
    // Through JSON Lines, with nothing configured but the clock.
    let events = from_json_lines(&to_json_lines(crm.events())).expect("reads");
    let again = Crm::builder()
        .clock(clock.clone())
        .replay(events)
        .expect("replays");
    assert_eq!(again.state(), crm.state());
    assert_eq!(again.settings(), crm.settings());
    assert_eq!(again.default_time_zone(), berlin());
    assert_eq!(again.contact_policy(), &policy());
    assert_eq!(again.agenda_settings().cadences[0].every_days, 7);
    assert_eq!(week(&again, now), agenda);
    for id in &ids {
        assert_eq!(
            again.response_promises(*id).expect("promises"),
            crm.response_promises(*id).expect("promises")
        );
        let ask = |c: &Crm| {
            c.can_contact(*id, Channel::Phone, now, TouchCategory::Service, None)
                .expect("decides")
        };
        assert_eq!(ask(&again), ask(&crm));
    }
    // Without the recorded settings the agenda would differ: the journal is what makes it.
    // (A journal with events missing is refused, so the rest are numbered again.)
    let forgetful: Vec<Event> = crm
        .events()
        .iter()
        .filter(|e| e.event.type_name() != "settings_changed")
        .zip(1..)
        .map(|(e, seq)| {
            let mut e = e.clone();
            e.seq = seq;
            e
        })
        .collect();
    let plain = Crm::builder()
        .clock(clock.clone())
        .replay(forgetful)
        .expect("replays");
    assert_ne!(week(&plain, now), agenda);
}

#[test]
fn builder_settings_are_recorded_with_the_first_command() {
    let clock = Arc::new(FixedClock::new(t("2026-02-02T09:00:00Z")));
    let mut crm = Crm::builder()
        .clock(clock.clone())
        .seed(3)
        .time_zone(berlin())
        .contact_policy(ContactPolicy::default())
        .build();
    // In effect at once, recorded with the first command (only what differs from the
    // defaults: the default policy is not written down).
    assert_eq!(crm.default_time_zone(), berlin());
    assert!(crm.events().is_empty());
    crm.create_customer(NewCustomer::default().with_name("Ada", "Lovelace"))
        .expect("valid");
    let types: Vec<&str> = crm.events().iter().map(|e| e.event.type_name()).collect();
    assert_eq!(types, ["settings_changed", "customer_created"]);
    let first = &crm.events()[0];
    assert_eq!((first.seq, first.actor.as_deref()), (1, None));
    let json = first.to_json();
    assert!(
        json.ends_with(
            r#""event":{"type":"settings_changed","change":{"time_zone":"Europe/Berlin"}}}"#
        ),
        "{json}"
    );
    assert_eq!(Event::from_json(&json).expect("reads"), *first);
    // A replay with the same builder settings records nothing more; other settings replace
    // the journal's and are recorded with the next command.
    let mut same = Crm::builder()
        .clock(clock.clone())
        .seed(3)
        .time_zone(berlin())
        .replay(crm.events().to_vec())
        .expect("replays");
    same.create_customer(NewCustomer::default().with_name("Bo", "B"))
        .expect("valid");
    assert_eq!(same.events().len(), 3);
    let tokyo = TimeZone::parse("Asia/Tokyo").expect("zone");
    let mut moved = Crm::builder()
        .clock(clock.clone())
        .seed(3)
        .time_zone(tokyo)
        .replay(crm.events().to_vec())
        .expect("replays");
    assert_eq!(moved.default_time_zone(), tokyo);
    moved
        .create_customer(NewCustomer::default().with_name("Cy", "C"))
        .expect("valid");
    let types: Vec<&str> = moved.events()[2..]
        .iter()
        .map(|e| e.event.type_name())
        .collect();
    assert_eq!(types, ["settings_changed", "customer_created"]);
    let again = Crm::replay(moved.events().to_vec()).expect("replays");
    assert_eq!(again.default_time_zone(), tokyo);
    assert_eq!(again.state(), moved.state());
}

#[test]
fn change_settings_records_only_changes_and_validates() {
    let mut crm = Crm::new();
    let before = crm.settings().clone();
    crm.change_settings(
        SettingsChange::default().with_contact_policy(ContactPolicy::default()),
        None,
    )
    .expect("no change");
    assert!(crm.events().is_empty(), "nothing changed, nothing recorded");
    // Settings built by hand are checked before anything is recorded.
    let mut broken = AgendaSettings::default();
    broken
        .cadences
        .push(Cadence::new(3, None, None).expect("cadence"));
    broken.cadences[0].every_days = 0;
    let err = crm
        .change_settings(SettingsChange::default().with_agenda(broken), None)
        .unwrap_err();
    assert_eq!(err.field(), Some("cadence.every_days"));
    let mut slow = agenda_settings();
    if let Some(p) = slow.response_promise.as_mut() {
        p.inquiry = Duration::zero();
    }
    let err = crm
        .change_settings(SettingsChange::default().with_agenda(slow), None)
        .unwrap_err();
    assert_eq!(err.field(), Some("promise.inquiry"));
    assert!(crm.events().is_empty());
    assert_eq!(crm.settings(), &before);
    let settings = crm
        .change_settings(
            SettingsChange::default()
                .with_agenda(agenda_settings())
                .with_time_zone(berlin()),
            Some("ops"),
        )
        .expect("changes")
        .clone();
    assert_eq!(settings.agenda, agenda_settings());
    let e = &crm.events()[0];
    assert_eq!(
        (e.event.type_name(), e.actor.as_deref()),
        ("settings_changed", Some("ops"))
    );
    assert_eq!(e.event.customer(), None);
}

/// Fails its first append, then keeps everything.
#[derive(Debug, Default)]
struct FailsOnce {
    failed: bool,
    kept: MemoryJournal,
}

impl Journal for FailsOnce {
    fn append(&mut self, events: &[Event]) -> crm_core::Result<()> {
        if !self.failed {
            self.failed = true;
            return Err(Error::Journal {
                reason: "disk full".into(),
            });
        }
        self.kept.append(events)
    }

    fn events(&self) -> Option<&[Event]> {
        self.kept.events()
    }
}

#[test]
fn settings_not_yet_recorded_survive_a_failing_journal() {
    let mut crm = Crm::builder()
        .journal(Box::new(FailsOnce::default()))
        .time_zone(berlin())
        .build();
    let err = crm
        .create_customer(NewCustomer::default().with_name("Ada", "L"))
        .unwrap_err();
    assert_eq!(err.code(), "journal");
    assert!(crm.is_empty());
    assert_eq!(crm.default_time_zone(), berlin());
    crm.create_customer(NewCustomer::default().with_name("Ada", "L"))
        .expect("the journal works again");
    let types: Vec<&str> = crm.events().iter().map(|e| e.event.type_name()).collect();
    assert_eq!(types, ["settings_changed", "customer_created"]);
    let seqs: Vec<u64> = crm.events().iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [1, 2]);
    assert_eq!(
        Crm::replay(crm.events().to_vec())
            .expect("replays")
            .default_time_zone(),
        berlin()
    );
}
