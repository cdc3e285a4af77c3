//! Scheduling through the `Crm`: follow-ups, recurrence in the customer's zone, consent
//! and `can_contact`, all replayable from the journal.

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveTime, TimeZone as _, Timelike, Utc};
use crm_core::clock::FixedClock;
use crm_core::consent::{ConsentScope, ConsentStatus, TouchCategory};
use crm_core::interaction::{Channel, Direction, InteractionKind, NewInteraction};
use crm_core::schedule::followup::{FollowUpKind, FollowUpStatus, NewFollowUp, Priority};
use crm_core::schedule::policy::{ContactPolicy, FrequencyCap, QuietHours};
use crm_core::schedule::recurrence::Recurrence;
use crm_core::{Crm, CustomerId, NewCustomer};
use proptest::prelude::*;

/// The IANA zone `name`.
fn zone(name: &str) -> crm_core::contact::TimeZone {
    crm_core::contact::TimeZone::parse(name).expect("a known zone")
}

fn t(s: &str) -> DateTime<Utc> {
    s.parse().expect("valid time")
}

fn book(policy: ContactPolicy) -> (Crm, Arc<FixedClock>, CustomerId) {
    let clock = Arc::new(FixedClock::new(t("2026-03-02T08:00:00Z")));
    let mut crm = Crm::builder()
        .clock(clock.clone())
        .seed(3)
        .contact_policy(policy)
        .build();
    let mut new = NewCustomer::default()
        .with_name("Jürgen", "Weiß")
        .with_email("j.weiss@example.de")
        .with_owner("sam");
    new.time_zone = Some("Europe/Berlin".into());
    let id = crm.create_customer(new).expect("valid").id;
    (crm, clock, id)
}

#[test]
fn weekly_follow_up_keeps_local_time_across_dst() {
    let (mut crm, clock, id) = book(ContactPolicy::default());
    // Monday 2 March 2026, 09:00 in Berlin (08:00 UTC, winter time).
    let first = zone("Europe/Berlin")
        .with_ymd_and_hms(2026, 3, 23, 9, 0, 0)
        .single()
        .expect("exists")
        .with_timezone(&Utc);
    let f = crm
        .schedule_follow_up(
            NewFollowUp::new(id, first, FollowUpKind::Call)
                .on(Channel::Phone)
                .priority(Priority::High)
                .repeating("FREQ=WEEKLY;BYDAY=MO"),
        )
        .expect("scheduled");
    assert_eq!(
        f.owner.as_deref(),
        Some("sam"),
        "owner defaults to the customer's"
    );
    let mut current = f.id;
    let mut dues = vec![first];
    for _ in 0..3 {
        clock.set(crm.follow_up(current).expect("exists").due);
        current = crm
            .complete_follow_up(current, Some("sam"))
            .expect("completes")
            .expect("a recurring follow-up yields the next one");
        dues.push(crm.follow_up(current).expect("exists").due);
    }
    // 23 Mar (CET), 30 Mar (CEST after the 29 Mar change), 6 Apr, 13 Apr: always 09:00 local.
    for d in &dues {
        assert_eq!(d.with_timezone(&zone("Europe/Berlin")).hour(), 9, "{d}");
    }
    assert_eq!(dues[0].hour(), 8);
    assert_eq!(dues[1].hour(), 7);
    let all = crm.follow_ups_of(id).expect("ok");
    assert_eq!(all.len(), 4);
    assert_eq!(
        all.iter()
            .filter(|f| f.status == FollowUpStatus::Done)
            .count(),
        3
    );
    assert_eq!(
        crm.next_planned_contact(id).expect("ok").map(|f| f.due),
        dues.last().copied()
    );
    // The journal rebuilds the same book.
    let again = Crm::builder()
        .clock(clock.clone())
        .seed(3)
        .replay(crm.events().to_vec())
        .expect("replays");
    assert_eq!(again.state(), crm.state());
}

#[test]
fn snooze_reschedule_cancel_and_bad_input() {
    let (mut crm, clock, id) = book(ContactPolicy::default());
    let due = t("2026-03-03T10:00:00Z");
    let f = crm
        .schedule_follow_up(NewFollowUp::new(id, due, FollowUpKind::Email).with_note("Send quote"))
        .expect("ok")
        .id;
    assert_eq!(crm.due_follow_ups(t("2026-03-04T00:00:00Z")).len(), 1);
    let snoozed = crm
        .snooze_follow_up(f, t("2026-03-05T10:00:00Z"), None)
        .expect("ok");
    assert_eq!(snoozed.status, FollowUpStatus::Snoozed);
    assert_eq!(snoozed.planned, due);
    assert!(crm.due_follow_ups(t("2026-03-04T00:00:00Z")).is_empty());
    let past = crm
        .snooze_follow_up(f, clock_now(&clock) - Duration::hours(1), None)
        .unwrap_err();
    assert_eq!(past.field(), Some("until"));
    crm.reschedule_follow_up(f, t("2026-03-06T10:00:00Z"), None)
        .expect("ok");
    crm.cancel_follow_up(f, Some("sam")).expect("ok");
    let before = crm.events().len();
    let err = crm.complete_follow_up(f, None).unwrap_err();
    assert_eq!((err.code(), err.field()), ("invalid_value", Some("status")));
    assert_eq!(
        crm.events().len(),
        before,
        "a refused command records nothing"
    );
    let bad = crm
        .schedule_follow_up(NewFollowUp::new(id, due, FollowUpKind::Call).repeating("FREQ=HOURLY"))
        .unwrap_err();
    assert_eq!(bad.field(), Some("recurrence"));
    let bad = crm
        .schedule_follow_up(
            NewFollowUp::new(id, due, FollowUpKind::Call).repeating("FREQ=DAILY;INTERVAL=-2"),
        )
        .unwrap_err();
    assert_eq!(bad.field(), Some("recurrence"));
    assert!(crm.due_follow_ups(t("2030-01-01T00:00:00Z")).is_empty());
}

fn clock_now(c: &FixedClock) -> DateTime<Utc> {
    use crm_core::clock::Clock;
    c.now()
}

#[test]
fn consent_and_policy_decide_can_contact() {
    let policy = ContactPolicy::default()
        .with_cap(FrequencyCap::new(Some(Channel::Email), 2, Duration::days(7)).expect("cap"))
        .expect("ok")
        .with_quiet_hours(Some(
            QuietHours::new(
                NaiveTime::from_hms_opt(20, 0, 0).expect("valid"),
                NaiveTime::from_hms_opt(8, 0, 0).expect("valid"),
            )
            .expect("valid"),
        ))
        .expect("ok");
    let (mut crm, _clock, id) = book(policy);
    // Tuesday 3 March 2026, 10:00 UTC = 11:00 Berlin: fine.
    let noon = t("2026-03-03T10:00:00Z");
    let d = crm
        .can_contact(id, Channel::Email, noon, TouchCategory::Service, None)
        .expect("ok");
    assert!(d.allowed, "{d:?}");
    // 21:30 Berlin is quiet; the earliest is 08:00 Berlin the next day.
    let late = t("2026-03-03T20:30:00Z");
    let d = crm
        .can_contact(id, Channel::Phone, late, TouchCategory::Service, None)
        .expect("ok");
    assert!(!d.allowed);
    assert_eq!(d.earliest, Some(t("2026-03-04T07:00:00Z")));
    // Two outbound emails fill the cap for a week.
    for at in ["2026-03-02T09:00:00Z", "2026-03-02T15:00:00Z"] {
        crm.log_interaction(
            NewInteraction::new(
                id,
                Channel::Email,
                Direction::Outbound,
                InteractionKind::Note,
            )
            .at(t(at)),
        )
        .expect("logs");
    }
    let d = crm
        .can_contact(id, Channel::Email, noon, TouchCategory::Service, None)
        .expect("ok");
    assert!(!d.allowed);
    assert_eq!(d.reasons[0].code(), "frequency_cap");
    assert_eq!(d.earliest, Some(t("2026-03-09T09:00:00Z")));
    // Another channel is not capped; a reply the customer asked for is exempt.
    assert!(
        crm.can_contact(id, Channel::Phone, noon, TouchCategory::Service, None)
            .expect("ok")
            .allowed
    );
    assert!(
        crm.can_contact(id, Channel::Email, noon, TouchCategory::Requested, None)
            .expect("ok")
            .allowed
    );
    // An override lifts the cap and is recorded.
    let d = crm
        .can_contact(
            id,
            Channel::Email,
            noon,
            TouchCategory::Service,
            Some("customer called"),
        )
        .expect("ok");
    assert!(d.allowed);
    assert_eq!(d.overridden.as_deref(), Some("customer called"));
    // Marketing needs an opt-in.
    assert!(
        !crm.can_contact(id, Channel::Phone, noon, TouchCategory::Marketing, None)
            .expect("ok")
            .allowed
    );
    crm.set_consent(
        id,
        ConsentScope::Marketing,
        ConsentStatus::Granted,
        Some("web form"),
        None,
    )
    .expect("ok");
    assert!(
        crm.can_contact(id, Channel::Phone, noon, TouchCategory::Marketing, None)
            .expect("ok")
            .allowed
    );
    // Do-not-contact wins over everything but transactional messages, with no earliest time.
    crm.set_consent(
        id,
        ConsentScope::DoNotContact,
        ConsentStatus::Granted,
        Some("phone call"),
        None,
    )
    .expect("ok");
    let d = crm
        .can_contact(
            id,
            Channel::Phone,
            noon,
            TouchCategory::Service,
            Some("urgent"),
        )
        .expect("ok");
    assert!(!d.allowed);
    assert_eq!(d.earliest, None);
    assert!(
        crm.can_contact(id, Channel::Email, noon, TouchCategory::Transactional, None)
            .expect("ok")
            .allowed
    );
    // Consent survives a replay.
    let again = Crm::builder()
        .seed(3)
        .replay(crm.events().to_vec())
        .expect("replays");
    assert_eq!(
        again.customer(id).expect("ok").consent,
        crm.customer(id).expect("ok").consent
    );
    assert_eq!(again.state(), crm.state());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Completing a recurring follow-up again and again visits exactly the rule's
    /// occurrences: none lost, none twice.
    #[test]
    fn completing_recurring_follow_ups_neither_loses_nor_duplicates(
        rule in prop_oneof![
            Just("FREQ=DAILY;INTERVAL=3"),
            Just("FREQ=WEEKLY;BYDAY=MO,TH"),
            Just("FREQ=MONTHLY;BYMONTHDAY=31"),
            Just("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=5"),
            Just("FREQ=YEARLY;COUNT=3"),
        ],
        start_days in 0i64..400,
        hour in 0u32..24,
        zone in prop_oneof![Just("Europe/Berlin"), Just("America/New_York"), Just("Australia/Lord_Howe")],
        steps in 1usize..12,
    ) {
        let clock = Arc::new(FixedClock::new(t("2026-01-01T00:00:00Z")));
        let mut crm = Crm::builder().clock(clock.clone()).seed(11).build();
        let mut new = NewCustomer::default().with_name("A", "B");
        new.time_zone = Some(zone.into());
        let id = crm.create_customer(new).expect("valid").id;
        let start = t("2026-01-01T00:00:00Z") + Duration::days(start_days) + Duration::hours(i64::from(hour));
        let tz: crm_core::contact::TimeZone = zone.parse().expect("zone");
        let expected: Vec<DateTime<Utc>> =
            Recurrence::parse(rule).expect("rule").occurrences(start, tz).take(steps + 1).collect();
        let mut current = crm
            .schedule_follow_up(NewFollowUp::new(id, start, FollowUpKind::Call).repeating(rule))
            .expect("scheduled")
            .id;
        let mut seen = vec![start];
        for _ in 0..steps {
            match crm.complete_follow_up(current, None).expect("completes") {
                Some(next) => {
                    current = next;
                    seen.push(crm.follow_up(next).expect("exists").due);
                }
                None => break,
            }
        }
        prop_assert_eq!(&seen[..], &expected[..seen.len()]);
        prop_assert!(seen.len() == expected.len().min(steps + 1));
        let pending = crm.follow_ups_of(id).expect("ok").into_iter().filter(|f| f.status.is_pending()).count();
        prop_assert!(pending <= 1);
    }
}
