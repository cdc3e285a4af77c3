//! Merging duplicates and undoing merges, through the public API: what a merge keeps, that an
//! unmerge gives the book back, that both replay from the journal, and that later changes
//! survive an unmerge.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use crm_core::clock::{Clock, FixedClock};
use crm_core::consent::{ConsentScope, ConsentStatus};
use crm_core::contact::PhoneKind;
use crm_core::event::{Event, EventKind, from_json_lines, to_json_lines};
use crm_core::interaction::{
    Channel, Direction, InteractionKind, NewInteraction, NewPurchase, TimelineQuery,
};
use crm_core::merge::{MergePlan, Rule};
use crm_core::schedule::followup::{FollowUpKind, NewFollowUp};
use crm_core::{
    AttributeValue, Crm, Customer, CustomerId, CustomerPatch, MergeRequest, NewCustomer,
};
use proptest::prelude::*;

const STAGES: &[&str] = &[
    "subscriber",
    "lead",
    "marketing_qualified",
    "customer",
    "advocate",
    "churned",
];
const GIVEN: &[&str] = &["Ada", "José", "Zoë", "美咲", "Олег", ""];

fn start() -> DateTime<Utc> {
    "2026-03-01T12:00:00Z".parse().expect("valid")
}

/// One customer of a generated book, with its items.
#[derive(Debug, Clone)]
struct Spec {
    given: usize,
    emails: u8,
    phone: Option<u8>,
    tags: Vec<u8>,
    stage: usize,
    company: Option<u8>,
    owner: Option<u8>,
    score: Option<i32>,
    birthday: Option<u8>,
    opt_out: Option<usize>,
    interactions: Vec<(usize, bool, usize, i64, bool)>,
    follow_ups: Vec<i64>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        (
            0..GIVEN.len(),
            0u8..3,
            proptest::option::of(0u8..4),
            proptest::collection::vec(0u8..5, 0..3),
            0..STAGES.len(),
            proptest::option::of(0u8..3),
            proptest::option::of(0u8..3),
        ),
        (
            proptest::option::of(-5i32..50),
            proptest::option::of(1u8..28),
            proptest::option::of(0..Channel::ALL.len()),
            proptest::collection::vec(
                (
                    0..Channel::ALL.len(),
                    any::<bool>(),
                    0..InteractionKind::ALL.len(),
                    0i64..300,
                    any::<bool>(),
                ),
                0..4,
            ),
            proptest::collection::vec(-24i64..400, 0..3),
        ),
    )
        .prop_map(
            |(
                (given, emails, phone, tags, stage, company, owner),
                (score, birthday, opt_out, interactions, follow_ups),
            )| Spec {
                given,
                emails,
                phone,
                tags,
                stage,
                company,
                owner,
                score,
                birthday,
                opt_out,
                interactions,
                follow_ups,
            },
        )
}

/// A book of customers made from `specs` (the i-th customer's emails are its own), with a
/// clock that moves between them.
fn book(specs: &[Spec]) -> (Crm, Arc<FixedClock>, Vec<CustomerId>) {
    let clock = Arc::new(FixedClock::new(start()));
    let mut crm = Crm::builder().clock(clock.clone()).seed(5).build();
    let mut ids = Vec::new();
    for (i, s) in specs.iter().enumerate() {
        let mut n = NewCustomer::default().with_name(GIVEN[s.given], "Test");
        for e in 0..s.emails {
            n = n.with_email(format!("c{i}.e{e}@example.com"));
        }
        if n.given_name.as_deref() == Some("") && s.emails == 0 {
            n = n.with_email(format!("c{i}@example.com"));
        }
        if let Some(p) = s.phone {
            n = n.with_phone(format!("+1 415 555 01{p:02}"), PhoneKind::Mobile);
        }
        for t in &s.tags {
            n = n.with_tag(format!("Tag{t}"));
        }
        n = n.with_stage(STAGES[s.stage]);
        n.company = s.company.map(|c| format!("Company {c}"));
        n.owner = s.owner.map(|o| format!("owner{o}"));
        n.birthday = s.birthday.map(|d| format!("1980-03-{d:02}"));
        if let Some(score) = s.score {
            n.attributes
                .insert("score".into(), AttributeValue::Number(f64::from(score)));
        }
        let id = crm.create_customer(n).expect("valid customer").id;
        if let Some(ch) = s.opt_out {
            crm.set_consent(
                id,
                ConsentScope::Channel(Channel::ALL[ch]),
                ConsentStatus::Denied,
                Some("form"),
                None,
            )
            .expect("consent");
        }
        for (ch, inbound, kind, days_ago, purchase) in &s.interactions {
            let dir = if *inbound {
                Direction::Inbound
            } else {
                Direction::Outbound
            };
            let mut new =
                NewInteraction::new(id, Channel::ALL[*ch], dir, InteractionKind::ALL[*kind])
                    .at(clock.now() - Duration::days(*days_ago));
            if *purchase {
                new = new.with_purchase(NewPurchase::total("EUR", 1_250));
            }
            crm.log_interaction(new).expect("interaction");
        }
        for hours in &s.follow_ups {
            crm.schedule_follow_up(NewFollowUp::new(
                id,
                clock.now() + Duration::hours(*hours),
                FollowUpKind::Call,
            ))
            .expect("follow-up");
        }
        clock.advance(Duration::hours(3));
        ids.push(id);
    }
    (crm, clock, ids)
}

/// Which customers to merge: a survivor and some others, as positions in the book.
fn group(n: usize, survivor: usize, mask: u32) -> (usize, Vec<usize>) {
    let s = survivor % n;
    let mut others: Vec<usize> = (0..n).filter(|i| *i != s && mask & (1 << i) != 0).collect();
    if others.is_empty() {
        others.push((s + 1) % n);
    }
    (s, others)
}

fn plan() -> impl Strategy<Value = MergePlan> {
    let single = prop_oneof![
        Just(Rule::Priority),
        Just(Rule::FirstNonEmpty),
        Just(Rule::MostRecent),
        Just(Rule::MostComplete),
    ];
    (
        single.clone(),
        proptest::option::of(single.clone()),
        proptest::option::of(prop_oneof![Just(Rule::Max), Just(Rule::Min), single]),
        any::<bool>(),
    )
        .prop_map(|(default, emails, score, stage_recent)| {
            let mut plan = MergePlan::new().default_rule(default);
            if let Some(r) = emails {
                plan = plan.field("emails", r);
            }
            if let Some(r) = score {
                plan = plan.field("attributes.score", r);
            }
            if stage_recent {
                plan = plan.field("stage", Rule::MostRecent);
            }
            plan
        })
}

/// Everything a caller can see of the book: records, the owner of every item, and the
/// answers of every index.
#[derive(Debug, PartialEq)]
struct Snapshot {
    customers: Vec<Customer>,
    timelines: BTreeMap<CustomerId, Vec<String>>,
    cases: BTreeMap<CustomerId, Vec<String>>,
    follow_ups: BTreeMap<CustomerId, Vec<(String, String)>>,
    by_email: BTreeMap<String, Option<CustomerId>>,
    by_phone: BTreeMap<String, Vec<CustomerId>>,
    by_tag: BTreeMap<String, Vec<CustomerId>>,
    by_owner: BTreeMap<String, Vec<CustomerId>>,
    stages: Vec<(String, usize)>,
    due: Vec<String>,
    due_by_owner: BTreeMap<String, Vec<String>>,
}

fn snapshot(crm: &Crm) -> Snapshot {
    let customers: Vec<Customer> = crm.customers().cloned().collect();
    let far = start() + Duration::days(3_650);
    let mut s = Snapshot {
        customers: customers.clone(),
        timelines: BTreeMap::new(),
        cases: BTreeMap::new(),
        follow_ups: BTreeMap::new(),
        by_email: BTreeMap::new(),
        by_phone: BTreeMap::new(),
        by_tag: BTreeMap::new(),
        by_owner: BTreeMap::new(),
        stages: crm
            .stage_counts()
            .into_iter()
            .map(|(s, n)| (s.to_string(), n))
            .collect(),
        due: crm
            .due_follow_ups(far)
            .iter()
            .map(|f| f.id.to_string())
            .collect(),
        due_by_owner: BTreeMap::new(),
    };
    for c in &customers {
        let t = crm.timeline(c.id, &TimelineQuery::all()).expect("timeline");
        s.timelines
            .insert(c.id, t.iter().map(|i| i.id.to_string()).collect());
        let cs = crm.cases_of(c.id).expect("cases");
        s.cases
            .insert(c.id, cs.iter().map(|c| c.id.to_string()).collect());
        let fs = crm.follow_ups_of(c.id).expect("follow-ups");
        s.follow_ups.insert(
            c.id,
            fs.iter()
                .map(|f| (f.id.to_string(), f.status.to_string()))
                .collect(),
        );
        for e in &c.emails {
            s.by_email.insert(
                e.normalized().to_owned(),
                crm.find_by_email(e.normalized()).map(|c| c.id),
            );
        }
        for p in &c.phones {
            s.by_phone.insert(
                p.e164().to_owned(),
                crm.find_by_phone(p.e164()).iter().map(|c| c.id).collect(),
            );
        }
        for t in &c.tags {
            s.by_tag.insert(
                t.to_owned(),
                crm.customers_with_tag(t).iter().map(|c| c.id).collect(),
            );
        }
        if let Some(o) = &c.owner {
            s.by_owner.insert(
                o.clone(),
                crm.customers_owned_by(o).iter().map(|c| c.id).collect(),
            );
            s.due_by_owner.insert(
                o.clone(),
                crm.pending_follow_ups(Some(o), far)
                    .iter()
                    .map(|f| f.id.to_string())
                    .collect(),
            );
        }
    }
    s
}

fn emails_of(crm: &Crm) -> BTreeSet<String> {
    crm.customers()
        .flat_map(|c| c.emails.iter().map(|e| e.normalized().to_owned()))
        .collect()
}

fn phones_of(crm: &Crm) -> BTreeSet<String> {
    crm.customers()
        .flat_map(|c| c.phones.iter().map(|p| p.e164().to_owned()))
        .collect()
}

fn tags_of(crm: &Crm) -> BTreeSet<String> {
    crm.customers()
        .flat_map(|c| c.tags.iter().map(str::to_owned))
        .collect()
}

fn item_count(crm: &Crm) -> (usize, usize, usize) {
    let mut n = (0, 0, 0);
    for c in crm.customers() {
        n.0 += crm.timeline(c.id, &TimelineQuery::all()).expect("t").len();
        n.1 += crm.cases_of(c.id).expect("c").len();
        n.2 += crm.follow_ups_of(c.id).expect("f").len();
    }
    n
}

fn replays(crm: &Crm) -> Result<(), TestCaseError> {
    let again = Crm::builder()
        .seed(5)
        .replay(crm.events().to_vec())
        .expect("replays");
    prop_assert_eq!(again.state(), crm.state());
    let text = to_json_lines(crm.events());
    let again = Crm::replay(from_json_lines(&text).expect("reads")).expect("replays");
    prop_assert_eq!(again.state(), crm.state());
    // With every object's keys sorted, a merge's "type" comes after its fields.
    let sorted: Vec<String> = crm
        .events()
        .iter()
        .map(|e| serde_json::to_value(e).and_then(|v| serde_json::to_string(&v)))
        .collect::<Result<_, _>>()
        .expect("json");
    prop_assert_eq!(
        from_json_lines(&sorted.join("\n")).expect("reads sorted"),
        crm.events()
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// With the default plan nothing is lost: every email, phone, tag, interaction, case
    /// and follow-up is still in the book, the survivor holding the group's.
    #[test]
    fn a_merge_keeps_everything(
        specs in proptest::collection::vec(spec(), 2..7),
        survivor in 0usize..7,
        mask in any::<u32>(),
    ) {
        let (mut crm, _, ids) = book(&specs);
        let (s, others) = group(ids.len(), survivor, mask);
        let group_tags: BTreeSet<String> = std::iter::once(s)
            .chain(others.iter().copied())
            .flat_map(|i| crm.customer(ids[i]).expect("c").tags.iter().map(str::to_owned).collect::<Vec<_>>())
            .collect();
        let before = (emails_of(&crm), phones_of(&crm), tags_of(&crm), item_count(&crm));
        let len = crm.len();
        let out = crm
            .merge(MergeRequest::new(ids[s], others.iter().map(|i| ids[*i])))
            .expect("merges");
        let after = (emails_of(&crm), phones_of(&crm), tags_of(&crm), item_count(&crm));
        prop_assert_eq!(&before, &after);
        prop_assert_eq!(crm.len(), len - others.len());
        let merged = crm.customer(ids[s]).expect("survivor");
        prop_assert_eq!(merged.tags.iter().map(str::to_owned).collect::<BTreeSet<_>>(), group_tags);
        for e in &before.0 {
            prop_assert!(crm.find_by_email(e).is_some(), "{} lost", e);
        }
        let moved: usize = others.iter().map(|i| specs[*i].interactions.len()).sum();
        prop_assert_eq!(out.moved.interactions, moved);
        let moved_or_own: usize = std::iter::once(s).chain(others.iter().copied())
            .map(|i| specs[i].interactions.len()).sum();
        prop_assert_eq!(crm.timeline(ids[s], &TimelineQuery::all()).expect("t").len(), moved_or_own);
        let follow_ups: usize = std::iter::once(s).chain(others.iter().copied())
            .map(|i| specs[i].follow_ups.len()).sum();
        prop_assert_eq!(crm.follow_ups_of(ids[s]).expect("f").len(), follow_ups);
        prop_assert_eq!(merged.stage_history.last().map(|h| &h.to), Some(&merged.stage));
        for i in &others {
            prop_assert_eq!(crm.customer(ids[*i]).unwrap_err().code(), "merged");
            prop_assert_eq!(crm.merged_into(ids[*i]), Some(ids[s]));
        }
    }

    /// Merge then unmerge gives the book back: every record, the owner of every item, and
    /// every index; and both replay from the journal.
    #[test]
    fn merge_then_unmerge_gives_the_book_back(
        specs in proptest::collection::vec(spec(), 2..7),
        survivor in 0usize..7,
        mask in any::<u32>(),
        plan in plan(),
        gap in 0i64..10_000,
    ) {
        let (mut crm, clock, ids) = book(&specs);
        let (s, others) = group(ids.len(), survivor, mask);
        let before = snapshot(&crm);
        let out = crm
            .merge(MergeRequest::new(ids[s], others.iter().map(|i| ids[*i])).with_plan(plan))
            .expect("merges");
        replays(&crm)?;
        clock.advance(Duration::seconds(gap));
        let undo = crm.unmerge(out.merge, None, Some("ops")).expect("unmerges");
        prop_assert!(undo.kept.is_empty(), "nothing changed since: {:?}", undo.kept);
        prop_assert_eq!(snapshot(&crm), before);
        replays(&crm)?;
    }

    /// Changes made after a merge survive its unmerge: items created on the survivor stay
    /// there, the survivor's later edits stay, other customers are untouched, and the
    /// absorbed customers come back exactly as they were.
    #[test]
    fn later_changes_survive_an_unmerge(
        specs in proptest::collection::vec(spec(), 3..7),
        survivor in 0usize..7,
        mask in any::<u32>(),
        company in proptest::option::of(0u8..3),
        new_tag in any::<bool>(),
        stage in proptest::option::of(0..STAGES.len()),
        log_on_other in any::<bool>(),
    ) {
        let (mut crm, clock, ids) = book(&specs);
        let (s, others) = group(ids.len(), survivor, mask);
        let absorbed_before: Vec<Customer> = others
            .iter()
            .map(|i| crm.customer(ids[*i]).expect("c").clone())
            .collect();
        let out = crm
            .merge(MergeRequest::new(ids[s], others.iter().map(|i| ids[*i])))
            .expect("merges");
        clock.advance(Duration::hours(1));
        let sid = ids[s];
        let later_i = crm
            .log_interaction(NewInteraction::new(sid, Channel::Chat, Direction::Inbound, InteractionKind::Inquiry))
            .expect("log")
            .id;
        let later_f = crm
            .schedule_follow_up(NewFollowUp::new(sid, clock.now() + Duration::days(2), FollowUpKind::Email))
            .expect("follow-up")
            .id;
        let mut patch = CustomerPatch::default();
        patch.company = company.map(|c| Some(format!("Later {c}")));
        if new_tag {
            patch.add_tags = vec!["later".into()];
        }
        crm.update_customer(sid, patch).expect("patch");
        let mut stage_changed = false;
        if let Some(st) = stage {
            stage_changed = crm.change_stage(sid, STAGES[st], Some("review"), None).is_ok();
        }
        // An unrelated customer (not in the merge) changes too.
        let unrelated = (0..ids.len()).find(|i| *i != s && !others.contains(i));
        if let (Some(u), true) = (unrelated, log_on_other) {
            crm.log_interaction(NewInteraction::new(ids[u], Channel::Phone, Direction::Outbound, InteractionKind::Note))
                .expect("log");
        }
        let unrelated_before = unrelated.map(|u| {
            (crm.customer(ids[u]).expect("u").clone(),
             crm.timeline(ids[u], &TimelineQuery::all()).expect("t").len())
        });

        let undo = crm.unmerge(out.merge, None, None).expect("unmerges");
        for (i, c) in others.iter().zip(&absorbed_before) {
            prop_assert_eq!(crm.customer(ids[*i]).expect("restored"), c);
            prop_assert_eq!(crm.timeline(ids[*i], &TimelineQuery::all()).expect("t").len(), specs[*i].interactions.len());
            prop_assert_eq!(crm.follow_ups_of(ids[*i]).expect("f").len(), specs[*i].follow_ups.len());
        }
        prop_assert_eq!(crm.interaction(later_i).expect("i").customer, sid);
        prop_assert_eq!(crm.follow_up(later_f).expect("f").customer, sid);
        prop_assert_eq!(crm.timeline(sid, &TimelineQuery::all()).expect("t").len(), specs[s].interactions.len() + 1);
        let now = crm.customer(sid).expect("survivor");
        if let Some(c) = company {
            let expected = format!("Later {c}");
            prop_assert_eq!(now.company.as_deref(), Some(expected.as_str()));
            prop_assert!(undo.kept.contains(&"company".to_owned()));
        }
        prop_assert_eq!(&now.owner, &specs[s].owner.map(|o| format!("owner{o}")));
        prop_assert_eq!(now.birthday.map(|b| b.day()), specs[s].birthday.map(u32::from));
        prop_assert_eq!(now.tags.contains("later"), new_tag);
        let own_tags: BTreeSet<String> = specs[s].tags.iter().map(|t| format!("tag{t}")).collect();
        let expected_tags: BTreeSet<String> = own_tags.into_iter().chain(new_tag.then(|| "later".to_owned())).collect();
        prop_assert_eq!(now.tags.iter().map(str::to_owned).collect::<BTreeSet<_>>(), expected_tags);
        if stage_changed {
            prop_assert_eq!(now.stage.as_str(), STAGES[stage.unwrap_or(0)]);
            prop_assert_eq!(now.stage_history.last().map(|h| &h.to), Some(&now.stage));
        } else {
            prop_assert_eq!(now.stage.as_str(), STAGES[specs[s].stage]);
        }
        let own_emails: BTreeSet<String> = (0..specs[s].emails).map(|e| format!("c{s}.e{e}@example.com")).collect();
        let now_emails: BTreeSet<String> = now.emails.iter().map(|e| e.normalized().to_owned()).collect();
        let allowed: BTreeSet<String> = own_emails.into_iter().chain([format!("c{s}@example.com")]).collect();
        prop_assert!(now_emails.is_subset(&allowed), "{:?} has emails of others", now_emails);
        if let (Some(u), Some((c, n))) = (unrelated, unrelated_before) {
            prop_assert_eq!(crm.customer(ids[u]).expect("u"), &c);
            prop_assert_eq!(crm.timeline(ids[u], &TimelineQuery::all()).expect("t").len(), n);
        }
        replays(&crm)?;
    }

    /// Match scores (any JSON, floats included) read back from the journal as recorded.
    #[test]
    fn scores_round_trip(x in any::<f64>().prop_filter("finite", |x| x.is_finite()), y in -1e6f64..1e6) {
        let specs = [spec_fixed(), spec_fixed()];
        let (mut crm, _, ids) = book(&specs);
        let scores = serde_json::json!({"total": x, "fields": [y, x * 0.1]});
        crm.merge(MergeRequest::new(ids[0], [ids[1]]).with_scores(scores)).expect("merges");
        replays(&crm)?;
    }
}

fn spec_fixed() -> Spec {
    Spec {
        given: 0,
        emails: 1,
        phone: None,
        tags: vec![],
        stage: 0,
        company: None,
        owner: None,
        score: None,
        birthday: None,
        opt_out: None,
        interactions: vec![],
        follow_ups: vec![],
    }
}

#[test]
fn the_merge_event_reads_as_documented() {
    let (mut crm, _, ids) = book(&[spec_fixed(), spec_fixed()]);
    let out = crm
        .merge(
            MergeRequest::new(ids[0], [ids[1]])
                .by("sam")
                .because("same email domain and name")
                .with_scores(serde_json::json!({"total": 12.5})),
        )
        .expect("merges");
    let e: &Event = crm.events().last().expect("event");
    let json: serde_json::Value = serde_json::from_str(&e.to_json()).expect("json");
    assert_eq!(json["event"]["type"], "customers_merged");
    assert_eq!(json["actor"], "sam");
    let m = &json["event"]["merge"];
    assert_eq!(m["id"], out.merge.to_string());
    assert_eq!(m["reason"], "same email domain and name");
    assert_eq!(m["scores"]["total"], 12.5);
    assert_eq!(m["survivor_before"]["id"], ids[0].to_string());
    assert_eq!(
        m["survivor_after"]["emails"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(m["absorbed"][0]["customer"]["id"], ids[1].to_string());
    assert!(m.get("plan").is_none(), "the default plan is not written");

    let undo = crm
        .unmerge(out.merge, Some("oops"), Some("kim"))
        .expect("unmerges");
    let json: serde_json::Value =
        serde_json::from_str(&crm.events().last().expect("event").to_json()).expect("json");
    assert_eq!(json["event"]["type"], "customers_unmerged");
    assert_eq!(json["event"]["unmerge"]["merge"], out.merge.to_string());
    assert_eq!(json["event"]["unmerge"]["reason"], "oops");
    assert_eq!(undo.seq, crm.events().len() as u64);
    assert!(matches!(
        &crm.events().last().expect("event").event,
        EventKind::CustomersUnmerged { .. }
    ));
    let record = crm.merge_record(out.merge).expect("record");
    assert_eq!(record.actor.as_deref(), Some("sam"));
    assert_eq!(
        record.undone.as_ref().and_then(|u| u.actor.as_deref()),
        Some("kim")
    );
}

#[test]
fn a_journal_without_merges_still_reads() {
    // A journal written before merges existed replays unchanged.
    let (crm, _, _) = book(&[spec_fixed(), spec_fixed()]);
    let text = to_json_lines(crm.events());
    assert!(!text.contains("merge"));
    let again = Crm::replay(from_json_lines(&text).expect("reads")).expect("replays");
    assert_eq!(again.state(), crm.state());
    assert_eq!(again.merges().count(), 0);
}
