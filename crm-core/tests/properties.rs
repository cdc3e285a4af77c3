//! Property tests: replaying the journal gives an equal book; every event survives a JSON
//! round trip; the same commands give the same events (determinism). The commands include
//! merges and unmerges.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use crm_core::clock::FixedClock;
use crm_core::consent::{ConsentScope, ConsentStatus};
use crm_core::contact::{PhoneKind, text};
use crm_core::event::{Event, from_json_lines, to_json_lines};
use crm_core::interaction::{Channel, Direction, InteractionKind, NewInteraction, NewPurchase};
use crm_core::schedule::followup::{FollowUpKind, NewFollowUp};
use crm_core::{Crm, CustomerId, CustomerPatch, MergeRequest, NewCustomer};
use proptest::prelude::*;

const STAGES: &[&str] = &[
    "subscriber",
    "lead",
    "marketing_qualified",
    "sales_qualified",
    "opportunity",
    "customer",
    "advocate",
    "disqualified",
    "churned",
];
const GIVEN: &[&str] = &[
    "Ada", "José", "Zoë", "Łukasz", "美咲", "Олег", "Siobhán", "",
];
const FAMILY: &[&str] = &[
    "Lovelace",
    "García",
    "Müller",
    "O'Brien",
    "佐藤",
    "Иванов",
    "",
];

#[derive(Debug, Clone)]
enum Cmd {
    Create {
        given: usize,
        family: usize,
        email: Option<u8>,
        phone: Option<u32>,
        tag: Option<u8>,
        stage: Option<usize>,
    },
    Update {
        who: usize,
        email: Option<u8>,
        tag: Option<u8>,
        company: Option<bool>,
    },
    Stage {
        who: usize,
        to: usize,
        reason: bool,
    },
    Log {
        who: usize,
        channel: usize,
        inbound: bool,
        kind: usize,
        days_ago: i64,
        amount: Option<i64>,
    },
    Resolve {
        who: usize,
    },
    Follow {
        who: usize,
        hours: i64,
        weekly: bool,
    },
    Complete {
        who: usize,
    },
    Consent {
        who: usize,
        channel: usize,
        granted: bool,
    },
    Merge {
        who: usize,
        others: Vec<usize>,
    },
    Unmerge {
        nth: usize,
    },
    Tick(i64),
}

fn cmd() -> impl Strategy<Value = Cmd> {
    prop_oneof![
        3 => (0..GIVEN.len(), 0..FAMILY.len(), proptest::option::of(0u8..12),
              proptest::option::of(2_000_000u32..2_000_050), proptest::option::of(0u8..4),
              proptest::option::of(0..STAGES.len()))
            .prop_map(|(given, family, email, phone, tag, stage)| Cmd::Create { given, family, email, phone, tag, stage }),
        1 => (0usize..20, proptest::option::of(0u8..12), proptest::option::of(0u8..4), proptest::option::of(any::<bool>()))
            .prop_map(|(who, email, tag, company)| Cmd::Update { who, email, tag, company }),
        2 => (0usize..20, 0..STAGES.len(), any::<bool>())
            .prop_map(|(who, to, reason)| Cmd::Stage { who, to, reason }),
        3 => (0usize..20, 0..Channel::ALL.len(), any::<bool>(), 0..InteractionKind::ALL.len(), 0i64..400,
              proptest::option::of(-500i64..100_000))
            .prop_map(|(who, channel, inbound, kind, days_ago, amount)| Cmd::Log { who, channel, inbound, kind, days_ago, amount }),
        1 => (0usize..20).prop_map(|who| Cmd::Resolve { who }),
        1 => (0usize..20, -48i64..500, any::<bool>())
            .prop_map(|(who, hours, weekly)| Cmd::Follow { who, hours, weekly }),
        1 => (0usize..20).prop_map(|who| Cmd::Complete { who }),
        1 => (0usize..20, 0..Channel::ALL.len(), any::<bool>())
            .prop_map(|(who, channel, granted)| Cmd::Consent { who, channel, granted }),
        1 => (0usize..20, proptest::collection::vec(0usize..20, 1..3))
            .prop_map(|(who, others)| Cmd::Merge { who, others }),
        1 => (0usize..4).prop_map(|nth| Cmd::Unmerge { nth }),
        1 => (0i64..100_000).prop_map(Cmd::Tick),
    ]
}

fn start() -> DateTime<Utc> {
    "2026-03-01T12:00:00Z".parse().expect("valid")
}

/// Runs the commands (ignoring the refused ones) and returns the book.
fn run(cmds: &[Cmd]) -> (Crm, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::new(start()));
    let mut crm = Crm::builder().clock(clock.clone()).seed(99).build();
    let mut ids: Vec<CustomerId> = Vec::new();
    for c in cmds {
        let pick = |who: usize, ids: &[CustomerId]| ids.get(who % ids.len().max(1)).copied();
        match c {
            Cmd::Create {
                given,
                family,
                email,
                phone,
                tag,
                stage,
            } => {
                let mut n = NewCustomer::default().with_name(GIVEN[*given], FAMILY[*family]);
                if let Some(e) = email {
                    n = n.with_email(format!("user{e}@example.com"));
                }
                if let Some(p) = phone {
                    n = n.with_phone(format!("+1 415 {p:07}"), PhoneKind::Mobile);
                }
                if let Some(t) = tag {
                    n = n.with_tag(format!("Tag{t}"));
                }
                if let Some(s) = stage {
                    n = n.with_stage(STAGES[*s]);
                }
                if let Ok(c) = crm.create_customer(n) {
                    ids.push(c.id);
                }
            }
            Cmd::Update {
                who,
                email,
                tag,
                company,
            } => {
                let Some(id) = pick(*who, &ids) else { continue };
                let mut p = CustomerPatch::default();
                p.emails = email.map(|e| vec![format!("USER{e}@example.com")]);
                p.add_tags = tag.iter().map(|t| format!("tag{t}")).collect();
                p.company = company.map(|b| b.then(|| "ACME".to_owned()));
                let _ = crm.update_customer(id, p);
            }
            Cmd::Stage { who, to, reason } => {
                let Some(id) = pick(*who, &ids) else { continue };
                let _ = crm.change_stage(id, STAGES[*to], reason.then_some("because"), Some("ops"));
            }
            Cmd::Log {
                who,
                channel,
                inbound,
                kind,
                days_ago,
                amount,
            } => {
                let Some(id) = pick(*who, &ids) else { continue };
                let dir = if *inbound {
                    Direction::Inbound
                } else {
                    Direction::Outbound
                };
                let mut n = NewInteraction::new(
                    id,
                    Channel::ALL[*channel],
                    dir,
                    InteractionKind::ALL[*kind],
                )
                .at(clock_now(&clock) - Duration::days(*days_ago))
                .with_subject("Hello");
                if let Some(a) = amount {
                    n = n.with_purchase(NewPurchase::total("EUR", *a));
                }
                let _ = crm.log_interaction(n);
            }
            Cmd::Resolve { who } => {
                let Some(id) = pick(*who, &ids) else { continue };
                let case = crm
                    .cases_of(id)
                    .ok()
                    .and_then(|cs| cs.first().map(|c| c.id));
                if let Some(case) = case {
                    let _ = crm.resolve_case(case, "Refunded", None);
                }
            }
            Cmd::Follow { who, hours, weekly } => {
                let Some(id) = pick(*who, &ids) else { continue };
                let mut n = NewFollowUp::new(
                    id,
                    clock_now(&clock) + Duration::hours(*hours),
                    FollowUpKind::Call,
                );
                if *weekly {
                    n = n.repeating("FREQ=WEEKLY;COUNT=4");
                }
                let _ = crm.schedule_follow_up(n);
            }
            Cmd::Complete { who } => {
                let Some(id) = pick(*who, &ids) else { continue };
                let next = crm.next_planned_contact(id).ok().flatten().map(|f| f.id);
                if let Some(f) = next {
                    let _ = crm.complete_follow_up(f, Some("ops"));
                }
            }
            Cmd::Consent {
                who,
                channel,
                granted,
            } => {
                let Some(id) = pick(*who, &ids) else { continue };
                let status = if *granted {
                    ConsentStatus::Granted
                } else {
                    ConsentStatus::Denied
                };
                let _ = crm.set_consent(
                    id,
                    ConsentScope::Channel(Channel::ALL[*channel]),
                    status,
                    Some("form"),
                    None,
                );
            }
            Cmd::Merge { who, others } => {
                let Some(id) = pick(*who, &ids) else { continue };
                let others: Vec<CustomerId> =
                    others.iter().filter_map(|o| pick(*o, &ids)).collect();
                let _ = crm.merge(MergeRequest::new(id, others).because("duplicate"));
            }
            Cmd::Unmerge { nth } => {
                let live: Vec<_> = crm
                    .merges()
                    .filter(|m| m.undone.is_none())
                    .map(|m| m.merge.id)
                    .collect();
                if let Some(m) = live.get(nth % live.len().max(1)) {
                    let _ = crm.unmerge(*m, None, Some("ops"));
                }
            }
            Cmd::Tick(secs) => clock.advance(Duration::seconds(*secs)),
        }
    }
    (crm, clock)
}

fn clock_now(c: &FixedClock) -> DateTime<Utc> {
    use crm_core::clock::Clock;
    c.now()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn replay_gives_an_equal_book(cmds in proptest::collection::vec(cmd(), 1..60)) {
        let (crm, _) = run(&cmds);
        let replayed = Crm::builder().seed(99).replay(crm.events().to_vec()).expect("replays");
        prop_assert_eq!(replayed.state(), crm.state());
        // And through the JSON Lines form.
        let text = to_json_lines(crm.events());
        let again = Crm::replay(from_json_lines(&text).expect("reads")).expect("replays");
        prop_assert_eq!(again.state(), crm.state());
    }

    #[test]
    fn every_event_round_trips_through_json(cmds in proptest::collection::vec(cmd(), 1..40)) {
        let (crm, _) = run(&cmds);
        for e in crm.events() {
            let back = Event::from_json(&e.to_json()).expect("reads");
            prop_assert_eq!(&back, e);
            // With its keys sorted (as a tool that re-serializes JSON may write them), the
            // kind's "type" comes after its other fields (except before an unmerge's
            // "unmerge"); the event still reads the same.
            let sorted = serde_json::to_value(e).and_then(|v| serde_json::to_string(&v)).expect("json");
            prop_assert_eq!(&Event::from_json(&sorted).expect("reads sorted"), e);
        }
        let seqs: Vec<u64> = crm.events().iter().map(|e| e.seq).collect();
        prop_assert!(seqs.iter().enumerate().all(|(i, s)| *s == i as u64 + 1), "seq has no gaps");
    }

    #[test]
    fn same_commands_same_events(cmds in proptest::collection::vec(cmd(), 1..40)) {
        let (a, _) = run(&cmds);
        let (b, _) = run(&cmds);
        prop_assert_eq!(to_json_lines(a.events()), to_json_lines(b.events()));
    }

    #[test]
    fn a_snapshot_gives_an_equal_book(cmds in proptest::collection::vec(cmd(), 1..60), cut in 0usize..60) {
        let (crm, _) = run(&cmds);
        let json = crm.snapshot_json();
        let loaded = Crm::builder().seed(99).from_snapshot(&json).expect("loads");
        prop_assert_eq!(loaded.state(), crm.state());
        prop_assert!(loaded.events().is_empty());
        // The snapshot of the loaded book is the same text.
        prop_assert_eq!(loaded.snapshot_json(), json);
        // A snapshot taken part-way plus the whole journal: the events it holds are not
        // applied again, and the journal keeps all of them.
        let events = crm.events();
        let cut = cut.min(events.len());
        let early = Crm::builder().seed(99).replay(events[..cut].to_vec()).expect("replays");
        let resumed = Crm::builder()
            .seed(99)
            .from_snapshot_and_journal(&early.snapshot_json(), events.to_vec())
            .expect("loads");
        prop_assert_eq!(resumed.state(), crm.state());
        prop_assert_eq!(resumed.events().len(), events.len());
        // Only the tail after the snapshot gives the same book too.
        let tail = Crm::builder()
            .seed(99)
            .from_snapshot_and_journal(&early.snapshot_json(), events[cut..].to_vec())
            .expect("loads");
        prop_assert_eq!(tail.state(), crm.state());
    }

    #[test]
    fn folding_is_idempotent(s in "\\PC{0,40}") {
        let once = text::fold(&s);
        prop_assert_eq!(text::fold(&once), once.clone());
        let clean = text::clean(&s);
        prop_assert_eq!(text::clean(&clean), clean);
    }
}

#[test]
fn a_book_loaded_from_a_snapshot_continues_where_it_stopped() {
    let cmds: Vec<Cmd> = (0..12)
        .map(|i| Cmd::Create {
            given: i % GIVEN.len(),
            family: i % FAMILY.len(),
            email: Some(u8::try_from(i).expect("small")),
            phone: None,
            tag: Some(1),
            stage: None,
        })
        .collect();
    let (mut crm, clock) = run(&cmds);
    let mut loaded = Crm::builder()
        .clock(clock.clone())
        .seed(99)
        .from_snapshot(&crm.snapshot_json())
        .expect("loads");
    // The loaded book takes commands: the new id is fresh (after every id it holds), the
    // sequence continues, and the indexes answer (a taken email is refused).
    let new = || {
        NewCustomer::default()
            .with_name("Grace", "Hopper")
            .with_email("grace@example.org")
    };
    let before = crm.state().clone();
    let a = crm.create_customer(new()).expect("creates").clone();
    let b = loaded.create_customer(new()).expect("creates").clone();
    assert!(loaded.customers().all(|c| c.id <= b.id));
    assert_eq!(
        (&a.name, &a.emails, a.created_at),
        (&b.name, &b.emails, b.created_at)
    );
    let first = &loaded.events()[0];
    assert_eq!(first.seq, crm.events().last().expect("events").seq);
    assert_ne!(loaded.state(), &before);
    let taken = loaded.create_customer(NewCustomer::default().with_email("USER3@example.com"));
    assert_eq!(taken.expect_err("taken").code(), "conflict");
}
