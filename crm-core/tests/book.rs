//! Integration tests of the `Crm` facade: commands, reads, journal and replay.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use crm_core::clock::FixedClock;
use crm_core::contact::{CountryCode, PhoneKind};
use crm_core::event::{Event, from_json_lines, to_json_lines};
use crm_core::interaction::{
    Channel, Direction, InteractionKind, LineItem, NewInteraction, NewPurchase, TimelineQuery,
};
use crm_core::journal::{Journal, NoJournal};
use crm_core::lifecycle::LifecycleModel;
use crm_core::{Crm, CustomerId, CustomerPatch, Error, NewCustomer};

fn t0() -> DateTime<Utc> {
    "2026-01-05T09:00:00Z".parse().expect("valid")
}

fn book() -> (Crm, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::new(t0()));
    let crm = Crm::builder()
        .clock(clock.clone())
        .seed(7)
        .default_region(CountryCode::parse("US").expect("US"))
        .build();
    (crm, clock)
}

fn ada(crm: &mut Crm) -> CustomerId {
    crm.create_customer(
        NewCustomer::default()
            .with_name("Ada", "Lovelace")
            .with_email("ada@example.com")
            .with_phone("(415) 555-0132", PhoneKind::Mobile)
            .with_tag("VIP")
            .with_owner("sam")
            .with_stage("lead"),
    )
    .expect("valid customer")
    .id
}

fn log(crm: &mut Crm, id: CustomerId, ch: Channel, dir: Direction, at: DateTime<Utc>) {
    crm.log_interaction(NewInteraction::new(id, ch, dir, InteractionKind::Note).at(at))
        .expect("logs");
}

#[test]
fn indexes_answer_reads() {
    let (mut crm, _) = book();
    let id = ada(&mut crm);
    assert_eq!(
        crm.find_by_email(" ADA@Example.com").map(|c| c.id),
        Some(id)
    );
    assert!(crm.find_by_email("nobody@example.com").is_none());
    assert!(crm.find_by_email("not an email").is_none());
    assert_eq!(crm.find_by_phone("+1 415 555 0132").len(), 1);
    assert_eq!(crm.customers_with_tag("vip").len(), 1);
    assert_eq!(crm.customers_owned_by("sam").len(), 1);
    assert_eq!(crm.customers_in_stage("Lead").expect("stage").len(), 1);
    assert!(crm.customers_in_stage("nope").is_err());
    crm.update_customer(id, {
        let mut p = CustomerPatch::default();
        p.remove_tags = vec!["vip".into()];
        p.owner = Some(Some("kim".into()));
        p
    })
    .expect("update");
    assert!(crm.customers_with_tag("vip").is_empty());
    assert!(crm.customers_owned_by("sam").is_empty());
    assert_eq!(crm.customers_owned_by("kim").len(), 1);
}

#[test]
fn stage_history_answers_when_and_how_long() {
    let (mut crm, clock) = book();
    let id = ada(&mut crm);
    clock.advance(Duration::days(3));
    crm.change_stage(id, "opportunity", None, Some("sam"))
        .expect("forward");
    clock.advance(Duration::days(4));
    crm.change_stage(id, "lead", Some("budget frozen"), Some("sam"))
        .expect("back with reason");
    clock.advance(Duration::days(1));
    assert_eq!(
        crm.time_in_stage(id, "lead").expect("ok"),
        Duration::days(4)
    );
    assert_eq!(
        crm.time_in_stage(id, "opportunity").expect("ok"),
        Duration::days(4)
    );
    assert_eq!(
        crm.entered_stage_at(id, "opportunity").expect("ok"),
        Some(t0() + Duration::days(3))
    );
    assert_eq!(crm.entered_stage_at(id, "customer").expect("ok"), None);
    let c = crm.customer(id).expect("exists");
    assert_eq!(c.stage_history.len(), 3);
    assert_eq!(c.stage_history[2].reason.as_deref(), Some("budget frozen"));
    assert_eq!(c.stage_history[2].actor.as_deref(), Some("sam"));
    let counts = crm.stage_counts();
    assert_eq!(counts[1].0.as_str(), "lead");
    assert_eq!(counts[1].1, 1);
    assert_eq!(counts.iter().map(|(_, n)| n).sum::<usize>(), 1);
}

#[test]
fn timeline_last_contact_and_touches() {
    let (mut crm, _) = book();
    let id = ada(&mut crm);
    let d = |n: i64| t0() - Duration::days(n);
    log(&mut crm, id, Channel::Email, Direction::Outbound, d(30));
    log(&mut crm, id, Channel::Phone, Direction::Inbound, d(20));
    log(&mut crm, id, Channel::Email, Direction::Outbound, d(10));
    log(&mut crm, id, Channel::Sms, Direction::Outbound, d(5));
    let all = crm.timeline(id, &TimelineQuery::all()).expect("ok");
    assert_eq!(all.len(), 4);
    assert!(all.windows(2).all(|w| w[0].at <= w[1].at));
    let emails = crm
        .timeline(id, &TimelineQuery::all().channel(Channel::Email))
        .expect("ok");
    assert_eq!(emails.len(), 2);
    let window = crm
        .timeline(id, &TimelineQuery::all().between(d(20), d(5)))
        .expect("ok");
    assert_eq!(window.len(), 2, "from is inclusive, to exclusive");
    let last = crm.last_contact(id).expect("ok");
    assert_eq!(last.any.map(|i| i.at), Some(d(5)));
    assert_eq!(last.inbound.map(|i| i.at), Some(d(20)));
    assert_eq!(last.outbound.map(|i| i.channel), Some(Channel::Sms));
    assert_eq!(crm.outbound_touches(id, d(31), t0(), None).expect("ok"), 3);
    assert_eq!(
        crm.outbound_touches(id, d(31), t0(), Some(Channel::Email))
            .expect("ok"),
        2
    );
    assert_eq!(crm.outbound_touches(id, d(9), t0(), None).expect("ok"), 1);
}

#[test]
fn purchases_and_cases() {
    let (mut crm, clock) = book();
    let id = ada(&mut crm);
    let sale = crm
        .log_interaction(
            NewInteraction::new(
                id,
                Channel::InPerson,
                Direction::Inbound,
                InteractionKind::Sale,
            )
            .with_purchase(NewPurchase::of_items(
                "EUR",
                vec![
                    LineItem::new("Teapot", 1, 3_900),
                    LineItem::new("Tea", 2, 550),
                ],
            )),
        )
        .expect("sale");
    assert_eq!(
        sale.purchase.as_ref().map(|p| p.total.amount_minor),
        Some(5_000)
    );
    let complaint = crm
        .log_interaction(
            NewInteraction::new(
                id,
                Channel::Email,
                Direction::Inbound,
                InteractionKind::Complaint,
            )
            .with_subject("Lid cracked"),
        )
        .expect("complaint");
    let case = complaint.case.expect("a complaint opens a case");
    assert_eq!(crm.open_cases().len(), 1);
    assert_eq!(
        crm.case(case).expect("case").subject.as_deref(),
        Some("Lid cracked")
    );
    clock.advance(Duration::hours(5));
    let resolved = crm
        .resolve_case(case, "Sent a new lid", Some("kim"))
        .expect("resolve");
    assert_eq!(resolved.resolved_at, Some(t0() + Duration::hours(5)));
    assert_eq!(resolved.resolved_by.as_deref(), Some("kim"));
    assert!(crm.open_cases().is_empty());
    // A resolved complaint is checked back on a week later.
    let check = crm
        .next_planned_contact(id)
        .expect("ok")
        .expect("a check-back");
    assert_eq!(
        check.origin,
        crm_core::schedule::followup::Origin::CaseCheck
    );
    assert_eq!(check.due, t0() + Duration::hours(5) + Duration::days(7));
    assert!(
        check
            .note
            .as_deref()
            .is_some_and(|n| n.contains("Lid cracked"))
    );
    assert_eq!(
        crm.resolve_case(case, "again", None).unwrap_err().code(),
        "invalid_value"
    );
    assert_eq!(crm.cases_of(id).expect("ok").len(), 1);
    // A follow-up on the same case does not open another.
    let mut again = NewInteraction::new(
        id,
        Channel::Phone,
        Direction::Outbound,
        InteractionKind::Complaint,
    );
    again.case = Some(case);
    crm.log_interaction(again).expect("logs");
    assert_eq!(crm.cases_of(id).expect("ok").len(), 1);
}

#[test]
fn failed_commands_change_nothing() {
    let (mut crm, _) = book();
    let id = ada(&mut crm);
    let other = crm
        .create_customer(
            NewCustomer::default()
                .with_name("Bo", "Berg")
                .with_email("bo@example.com"),
        )
        .expect("ok")
        .id;
    let before_state = crm.state().clone();
    let before_events = crm.events().len();
    let mut errors: Vec<Error> = Vec::new();
    errors.push(
        crm.create_customer(NewCustomer::default().with_email("ADA@example.com"))
            .unwrap_err(),
    );
    errors.push(
        crm.update_customer(other, {
            let mut p = CustomerPatch::default();
            p.emails = Some(vec!["bo@example.com".into(), "ada@example.com".into()]);
            p
        })
        .unwrap_err(),
    );
    errors.push(
        crm.create_customer(NewCustomer::default().with_phone("12", PhoneKind::Home))
            .unwrap_err(),
    );
    errors.push(crm.change_stage(id, "subscriber", None, None).unwrap_err());
    errors.push(crm.change_stage(id, "vip", None, None).unwrap_err());
    errors.push(
        crm.change_stage(
            CustomerId::parse("0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a11").expect("id"),
            "lead",
            None,
            None,
        )
        .unwrap_err(),
    );
    errors.push(
        crm.log_interaction(
            NewInteraction::new(
                id,
                Channel::Email,
                Direction::Inbound,
                InteractionKind::Sale,
            )
            .with_purchase(NewPurchase::total("ABC", 100)),
        )
        .unwrap_err(),
    );
    let codes: Vec<&str> = errors.iter().map(Error::code).collect();
    assert_eq!(
        codes,
        [
            "conflict",
            "conflict",
            "invalid_phone",
            "invalid_transition",
            "invalid_stage",
            "not_found",
            "invalid_currency"
        ]
    );
    // The conflict names the customer who holds the email.
    assert!(errors[0].to_string().contains(&id.to_string()));
    assert_eq!(crm.state(), &before_state);
    assert_eq!(crm.events().len(), before_events);
}

#[derive(Debug, Default)]
struct FailingJournal;

impl Journal for FailingJournal {
    fn append(&mut self, _events: &[Event]) -> crm_core::Result<()> {
        Err(Error::Journal {
            reason: "disk full".into(),
        })
    }
}

#[test]
fn a_failing_journal_applies_nothing() {
    let mut crm = Crm::builder().journal(Box::new(FailingJournal)).build();
    let err = crm
        .create_customer(NewCustomer::default().with_name("A", "B"))
        .unwrap_err();
    assert_eq!(err.code(), "journal");
    assert!(crm.is_empty());
    let mut quiet = Crm::builder().journal(Box::new(NoJournal)).build();
    quiet
        .create_customer(NewCustomer::default().with_name("A", "B"))
        .expect("ok");
    assert_eq!(quiet.len(), 1);
    assert!(quiet.events().is_empty());
}

#[test]
fn replay_rebuilds_and_continues_without_id_clashes() {
    let (mut crm, clock) = book();
    let id = ada(&mut crm);
    clock.advance(Duration::hours(1));
    crm.change_stage(id, "customer", None, None).expect("ok");
    log(&mut crm, id, Channel::Meeting, Direction::Outbound, t0());
    let text = to_json_lines(crm.events());
    let events = from_json_lines(&text).expect("reads");
    let mut again = Crm::builder()
        .clock(clock.clone())
        .seed(7)
        .default_region(CountryCode::parse("US").expect("US"))
        .replay(events)
        .expect("replays");
    assert_eq!(again.state(), crm.state());
    assert_eq!(again.events(), crm.events());
    // Same seed, same clock: the generator must still not reuse an existing id.
    let next = again
        .create_customer(NewCustomer::default().with_name("New", "One"))
        .expect("ok")
        .id;
    assert_ne!(next, id);
    assert!(next > id);
    assert_eq!(again.events().last().map(|e| e.seq), Some(4));
    // Out-of-order journals are refused, and so are journals with an event missing: the
    // book they would give is another one.
    let mut shuffled = crm.events().to_vec();
    shuffled.swap(0, 1);
    assert_eq!(Crm::replay(shuffled).unwrap_err().code(), "decode");
    let mut gap = crm.events().to_vec();
    gap.remove(1);
    let err = Crm::replay(gap.clone()).unwrap_err();
    assert_eq!(err.code(), "decode");
    assert!(err.to_string().contains("seq 3 follows seq 1"), "{err}");
    assert_eq!(Crm::replay(gap[1..].to_vec()).unwrap_err().code(), "decode");
    // After a snapshot, the events it holds may be left out, the ones after it not.
    let snapshot = crm.snapshot_json();
    again.change_stage(id, "advocate", None, None).expect("ok");
    let tail = again.events()[3..].to_vec();
    let loaded = Crm::builder()
        .clock(clock.clone())
        .from_snapshot_and_journal(&snapshot, tail.clone())
        .expect("loads the tail");
    assert_eq!(loaded.customer(id).expect("ok").stage.as_str(), "advocate");
    let err = Crm::builder()
        .from_snapshot_and_journal(&snapshot, tail[1..].to_vec())
        .unwrap_err();
    assert_eq!(err.code(), "decode");
}

#[test]
fn custom_lifecycle_models() {
    let model =
        LifecycleModel::custom("b2b", &["Prospect", "Trial", "Paying"], &["Lost"]).expect("model");
    let mut crm = Crm::builder().lifecycle(model).seed(1).build();
    let id = crm
        .create_customer(NewCustomer::default().with_name("A", "B"))
        .expect("ok")
        .id;
    assert_eq!(crm.customer(id).expect("ok").stage.as_str(), "prospect");
    crm.change_stage(id, "paying", None, None)
        .expect("skip forward");
    assert_eq!(
        crm.change_stage(id, "lead", None, None).unwrap_err().code(),
        "invalid_stage"
    );
    crm.change_stage(id, "lost", None, None)
        .expect("side stage");
    // Its journal and snapshot load only with its model: with another, the book would
    // hold a customer in a stage it cannot move them from.
    let err = Crm::replay(crm.events().to_vec()).unwrap_err();
    assert_eq!(err.code(), "decode");
    assert!(err.to_string().contains("stage \"lost\""), "{err}");
    let snapshot = crm.snapshot_json();
    assert_eq!(
        Crm::builder().from_snapshot(&snapshot).unwrap_err().code(),
        "decode"
    );
    let model =
        LifecycleModel::custom("b2b", &["Prospect", "Trial", "Paying"], &["Lost"]).expect("model");
    let again = Crm::builder()
        .lifecycle(model.clone())
        .replay(crm.events().to_vec())
        .expect("replays");
    assert_eq!(again.state(), crm.state());
    let loaded = Crm::builder()
        .lifecycle(model)
        .from_snapshot(&snapshot)
        .expect("loads");
    assert_eq!(loaded.state(), crm.state());
}

#[test]
fn import_reports_rows_and_keeps_accepted_ones() {
    let (mut crm, _) = book();
    let rows = vec![
        NewCustomer::default()
            .with_name("A", "One")
            .with_email("a@example.com"),
        NewCustomer::default()
            .with_name("B", "Two")
            .with_email("broken@"),
        NewCustomer::default()
            .with_name("C", "Three")
            .with_email("A@example.com"),
        NewCustomer::default().with_name("D", "Four"),
    ];
    let report = crm.import_customers(rows);
    assert_eq!(report.created.len(), 2);
    assert_eq!(crm.len(), 2);
    let rejected: Vec<(Option<usize>, &str)> = report
        .rejected
        .iter()
        .map(|e| (e.row(), e.code()))
        .collect();
    assert_eq!(
        rejected,
        [(Some(2), "invalid_email"), (Some(3), "conflict")]
    );
    assert!(report.rejected[0].to_string().starts_with("row 2: "));
}

/// An import's report goes into a response as data: its errors with their code, field and
/// row.
#[test]
fn an_import_report_serializes_with_its_errors() {
    let mut crm = Crm::builder().seed(1).build();
    let report = crm.import_customers(vec![
        NewCustomer::default().with_name("Ada", "Lovelace"),
        NewCustomer::default().with_email("not an email"),
    ]);
    let json = serde_json::to_value(&report).expect("serializes");
    assert_eq!(json["created"].as_array().map(Vec::len), Some(1));
    let err = &json["rejected"][0];
    assert_eq!(err["code"], "invalid_email");
    assert_eq!(err["kind"], "validation");
    assert_eq!(err["row"], 2);
    assert_eq!(err["field"], "emails[0]");
    assert_eq!(err["value"], "not an email");
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.contains("not an email"))
    );
    assert_eq!(json["duplicates"], serde_json::json!([]));
}

/// A bad tag is named by its place in the list, as a bad email is.
#[test]
fn a_bad_tag_is_named_by_its_place() {
    let mut crm = Crm::builder().seed(1).build();
    let err = crm
        .create_customer(
            NewCustomer::default()
                .with_name("Ada", "Lovelace")
                .with_tag("vip")
                .with_tag("  "),
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("tags[1]"));
    let id = crm
        .create_customer(NewCustomer::default().with_name("Ada", "Lovelace"))
        .unwrap()
        .id;
    let patch = crm_core::CustomerPatch::default()
        .add_tag("ok")
        .add_tag("x".repeat(101));
    let err = crm.update_customer(id, patch).unwrap_err();
    assert_eq!(err.field(), Some("add_tags[1]"));
}
