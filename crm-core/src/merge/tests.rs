//! Unit tests of merging: survivorship rules, the state's indexes after merge and unmerge,
//! and the refusals.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use super::*;
use crate::clock::FixedClock;
use crate::consent::{ConsentScope, ConsentStatus, TouchCategory};
use crate::contact::PhoneKind;
use crate::customer::{AttributeValue, CustomerPatch, NewAddress, NewCustomer};
use crate::interaction::{Channel, Direction, InteractionKind, NewInteraction, NewPurchase};
use crate::schedule::followup::{FollowUpKind, NewFollowUp};
use crate::state::State;

fn t0() -> DateTime<Utc> {
    "2026-02-02T10:00:00Z".parse().expect("valid")
}

fn book() -> (Crm, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::new(t0()));
    (Crm::builder().clock(clock.clone()).seed(11).build(), clock)
}

fn new(given: &str, email: Option<&str>) -> NewCustomer {
    let mut n = NewCustomer::default();
    if !given.is_empty() {
        n = n.with_name(given, "Quist");
    }
    if let Some(e) = email {
        n = n.with_email(e);
    }
    n
}

fn field<'a>(fields: &'a [FieldChoice], name: &str) -> &'a FieldChoice {
    fields
        .iter()
        .find(|f| f.field == name)
        .unwrap_or_else(|| panic!("no field {name} in {fields:?}"))
}

/// The state without the merge bookkeeping and journal position: what an unmerge restores.
fn book_state(s: &State) -> State {
    let mut s = s.clone();
    s.merges.clear();
    s.last_seq = 0;
    s
}

#[test]
fn default_plan_keeps_everything_and_prefers_the_survivor() {
    let (mut crm, clock) = book();
    let mut a = new("Ida", Some("ida@example.com"))
        .with_stage("lead")
        .with_tag("b2b");
    a.phones.push(crate::customer::NewPhone::new(
        "+1 415 555 0101",
        PhoneKind::Work,
    ));
    let a = crm.create_customer(a).expect("a").id;
    clock.advance(Duration::days(1));
    let mut b = new("Idaline", Some("IDA.Q@example.org"))
        .with_stage("opportunity")
        .with_tag("VIP")
        .with_tag("b2b")
        .with_phone("+1 (415) 555-0101", PhoneKind::Mobile)
        .with_phone("+1 415 555 0199", PhoneKind::Home);
    b.company = Some("Quist AB".into());
    b.addresses.push(NewAddress {
        locality: Some("Malmö".into()),
        country: Some("se".into()),
        ..NewAddress::default()
    });
    let b = crm.create_customer(b).expect("b").id;
    crm.set_consent(
        b,
        ConsentScope::Channel(Channel::Email),
        ConsentStatus::Denied,
        None,
        None,
    )
    .expect("consent");
    clock.advance(Duration::days(1));

    let preview = crm
        .merge_preview(a, &[b], &MergePlan::default())
        .expect("preview");
    let c = &preview.customer;
    assert_eq!(c.id, a);
    assert_eq!(c.name.as_ref().map(|n| n.display()), Some("Ida Quist"));
    let emails: Vec<&str> = c.emails.iter().map(|e| e.normalized()).collect();
    assert_eq!(
        emails,
        ["ida@example.com", "ida.q@example.org"],
        "primary first"
    );
    let phones: Vec<&str> = c.phones.iter().map(|p| p.e164()).collect();
    assert_eq!(phones, ["+14155550101", "+14155550199"], "same number once");
    assert_eq!(c.phones[0].kind(), PhoneKind::Work, "the survivor's kind");
    assert_eq!(c.tags.iter().collect::<Vec<_>>(), ["b2b", "vip"]);
    assert_eq!(c.company.as_deref(), Some("Quist AB"));
    assert_eq!(c.addresses.len(), 1);
    assert_eq!(c.stage.as_str(), "opportunity");
    assert_eq!(c.created_at, t0(), "the earliest");
    assert_eq!(c.updated_at, t0() + Duration::days(2));
    assert_eq!(
        c.consent
            .check(Channel::Email, TouchCategory::Service)
            .map_err(|b| b.code()),
        Err("channel_denied"),
        "an opt-out on any record wins"
    );
    // Both histories, in time order, end at the chosen stage.
    let hist: Vec<&str> = c.stage_history.iter().map(|s| s.to.as_str()).collect();
    assert_eq!(hist, ["lead", "opportunity"]);
    assert_eq!(field(&preview.fields, "name").source, Source::Record(a));
    assert_eq!(field(&preview.fields, "company").source, Source::Record(b));
    assert_eq!(
        field(&preview.fields, "stage").rule,
        Some(Rule::FurthestStage)
    );
    assert_eq!(
        field(&preview.fields, "emails").source,
        Source::Records(vec![a, b])
    );
    assert_eq!(
        field(&preview.fields, "consent").source,
        Source::Records(vec![b])
    );
    assert_eq!(field(&preview.fields, "birthday").source, Source::Empty);
    assert_eq!(crm.len(), 2, "a preview changes nothing");

    let out = crm.merge(MergeRequest::new(a, [b])).expect("merge");
    assert_eq!(crm.customer(a).expect("a"), &preview.customer);
    assert_eq!(out.fields, preview.fields);
    assert_eq!(crm.len(), 1);
    assert_eq!(
        crm.find_by_email("ida.q@example.org").map(|c| c.id),
        Some(a)
    );
    assert_eq!(
        crm.find_by_phone("+14155550199")
            .iter()
            .map(|c| c.id)
            .collect::<Vec<_>>(),
        [a]
    );
    assert_eq!(crm.customers_with_tag("vip").len(), 1);
    assert_eq!(crm.customers_in_stage("lead").expect("stage").len(), 0);
    assert_eq!(
        crm.customers_in_stage("opportunity").expect("stage").len(),
        1
    );
}

#[test]
fn rules_choose_as_documented() {
    let (mut crm, clock) = book();
    let mut a = new("", Some("a@example.com"));
    a.birthday = Some("--05-17".into());
    a.source = Some("web".into());
    a.attributes
        .insert("score".into(), AttributeValue::Number(3.0));
    a.attributes
        .insert("tier".into(), AttributeValue::Text("gold".into()));
    let a = crm.create_customer(a.with_stage("customer")).expect("a").id;
    clock.advance(Duration::hours(1));
    let mut b = new("Bea", Some("b@example.com"));
    b.birthday = Some("1990-05-17".into());
    b.source = Some("trade fair 2025".into());
    b.attributes
        .insert("score".into(), AttributeValue::Number(9.0));
    b.attributes
        .insert("tier".into(), AttributeValue::Number(1.0));
    let b = crm
        .create_customer(b.with_stage("disqualified"))
        .expect("b")
        .id;
    clock.advance(Duration::hours(1));
    let c = crm
        .create_customer(new("Cy", None).with_tag("late"))
        .expect("c")
        .id;

    let pick = |plan: MergePlan| {
        crm.merge_preview(a, &[b, c], &plan)
            .expect("preview")
            .customer
    };
    // Priority keeps the first record's empty name; first-non-empty does not.
    assert_eq!(
        pick(MergePlan::new().field("name", Rule::Priority)).name,
        None
    );
    assert_eq!(
        pick(MergePlan::new())
            .name
            .map(|n| n.display().to_owned())
            .as_deref(),
        Some("Bea Quist")
    );
    // Most recent: the record updated last that has a value.
    let recent = pick(MergePlan::new().default_rule(Rule::MostRecent));
    assert_eq!(
        recent.name.map(|n| n.display().to_owned()).as_deref(),
        Some("Cy Quist")
    );
    assert_eq!(recent.source.as_deref(), Some("trade fair 2025"));
    // Most complete: the longer text, the birthday with its year.
    let complete = pick(MergePlan::new().default_rule(Rule::MostComplete));
    assert_eq!(complete.source.as_deref(), Some("trade fair 2025"));
    assert_eq!(complete.birthday.and_then(|d| d.year()), Some(1990));
    // Max / min on numbers; mixed types fall back to the first non-empty value.
    let max = pick(MergePlan::new().field("attributes", Rule::Max));
    assert_eq!(
        max.attributes.get("score"),
        Some(&AttributeValue::Number(9.0))
    );
    assert_eq!(
        max.attributes.get("tier"),
        Some(&AttributeValue::Text("gold".into()))
    );
    let min = pick(MergePlan::new().field("attributes.score", Rule::Min));
    assert_eq!(
        min.attributes.get("score"),
        Some(&AttributeValue::Number(3.0))
    );
    assert_eq!(
        pick(MergePlan::new().field("birthday", Rule::Min))
            .birthday
            .and_then(|d| d.year()),
        Some(1990),
        "a birthday with its year beats one without"
    );
    // One record's value, by choice; the priority order reorders unions.
    let rec = pick(
        MergePlan::new()
            .field("source", Rule::Record(b))
            .priority([c, b]),
    );
    assert_eq!(rec.source.as_deref(), Some("trade fair 2025"));
    assert_eq!(rec.emails[0].normalized(), "b@example.com");
    assert_eq!(
        rec.name.map(|n| n.display().to_owned()).as_deref(),
        Some("Cy Quist")
    );
    // A side stage counts as before the path; most recent reads the stage history.
    assert_eq!(pick(MergePlan::new()).stage.as_str(), "customer");
    assert_eq!(
        pick(MergePlan::new().field("stage", Rule::MostRecent))
            .stage
            .as_str(),
        "subscriber"
    );
    // Lists by a single record's rule.
    let only = pick(MergePlan::new().field("tags", Rule::MostRecent));
    assert_eq!(only.tags.iter().collect::<Vec<_>>(), ["late"]);
    // created_at: the latest, by choice.
    assert_eq!(
        pick(MergePlan::new().field("created_at", Rule::Max)).created_at,
        t0() + Duration::hours(2)
    );
}

#[test]
fn explicit_values_are_validated_and_kept() {
    let (mut crm, _) = book();
    let a = crm
        .create_customer(new("Al", Some("al@example.com")))
        .expect("a")
        .id;
    let b = crm
        .create_customer(new("Bo", Some("bo@example.com")))
        .expect("b")
        .id;
    let other = crm
        .create_customer(new("Ot", Some("ot@example.com")))
        .expect("o")
        .id;
    let plan = MergePlan::new()
        .field(
            "name",
            Rule::Value(json!({"given": "Alva", "family": "Quist"})),
        )
        .field(
            "emails",
            Rule::Value(json!(["bo@example.com", "al@example.com"])),
        )
        .field("stage", Rule::Value(json!("Sales Qualified")))
        .field("cadence", Rule::Value(json!(14)))
        .field(
            "attributes.tier",
            Rule::Value(json!({"type": "text", "value": "gold"})),
        )
        .field("company", Rule::Value(json!(null)));
    let p = crm.merge_preview(a, &[b], &plan).expect("preview");
    assert_eq!(
        p.customer.name.as_ref().map(|n| n.display()),
        Some("Alva Quist")
    );
    assert_eq!(p.customer.emails[0].normalized(), "bo@example.com");
    assert_eq!(p.customer.stage.as_str(), "sales_qualified");
    assert_eq!(p.customer.cadence_days, Some(14));
    assert_eq!(
        p.customer.attributes.get("tier"),
        Some(&AttributeValue::Text("gold".into()))
    );
    assert_eq!(field(&p.fields, "name").source, Source::Explicit);
    assert_eq!(
        p.customer
            .stage_history
            .last()
            .and_then(|s| s.reason.as_deref()),
        Some("merge of duplicate customers")
    );

    let err = crm
        .merge_preview(
            a,
            &[b],
            &MergePlan::new().field("emails", Rule::Value(json!(["ot@example.com"]))),
        )
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert_eq!(err.value(), Some("ot@example.com"));
    assert!(err.to_string().contains(&other.to_string()), "{err}");
    let err = crm
        .merge_preview(
            a,
            &[b],
            &MergePlan::new().field("phones", Rule::Value(json!(["12"]))),
        )
        .unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        ("invalid_phone", Some("plan.fields.phones[0]"))
    );
    let empty = MergePlan::new()
        .field("name", Rule::Value(json!(null)))
        .field("emails", Rule::Value(json!([])));
    let err = crm.merge_preview(a, &[b], &empty).unwrap_err();
    assert_eq!(err.field(), Some("plan"));
}

#[test]
fn refusals_name_the_field_and_value() {
    let (mut crm, _) = book();
    let a = crm.create_customer(new("Al", None)).expect("a").id;
    let b = crm.create_customer(new("Bo", None)).expect("b").id;
    let c = crm.create_customer(new("Cy", None)).expect("c").id;
    let unknown = CustomerId::from_uuid(uuid::Uuid::from_u128(42));
    let check = |crm: &mut Crm, r: MergeRequest, code: &str, field: &str, value: &str| {
        let err = crm.merge(r).unwrap_err();
        assert_eq!(err.code(), code, "{err}");
        assert_eq!(err.field(), Some(field), "{err}");
        assert_eq!(err.value(), Some(value), "{err}");
    };
    check(
        &mut crm,
        MergeRequest::new(a, []),
        "invalid_value",
        "others",
        "",
    );
    check(
        &mut crm,
        MergeRequest::new(a, [b, a]),
        "invalid_value",
        "others[1]",
        &a.to_string(),
    );
    check(
        &mut crm,
        MergeRequest::new(a, [b, c, b]),
        "invalid_value",
        "others[2]",
        &b.to_string(),
    );
    check(
        &mut crm,
        MergeRequest::new(a, [unknown]),
        "not_found",
        "id",
        &unknown.to_string(),
    );
    check(
        &mut crm,
        MergeRequest::new(unknown, [a]),
        "not_found",
        "id",
        &unknown.to_string(),
    );
    let long = "x".repeat(1_001);
    let err = crm
        .merge(MergeRequest::new(a, [b]).because(long))
        .unwrap_err();
    assert_eq!(err.field(), Some("reason"));
    assert_eq!(crm.events().len(), 3, "nothing recorded");

    let m = crm.merge(MergeRequest::new(a, [b])).expect("merge").merge;
    check(
        &mut crm,
        MergeRequest::new(c, [b]),
        "merged",
        "others[0]",
        &b.to_string(),
    );
    check(
        &mut crm,
        MergeRequest::new(b, [c]),
        "merged",
        "survivor",
        &b.to_string(),
    );
    let err = crm.customer(b).unwrap_err();
    assert_eq!(err.kind(), crate::ErrorKind::NotFound);
    assert!(err.to_string().contains(&a.to_string()) && err.to_string().contains(&m.to_string()));
    // The id stays reserved.
    let mut again = new("Bo", None);
    again.id = Some(b);
    let err = crm.create_customer(again).unwrap_err();
    assert_eq!((err.code(), err.field()), ("conflict", Some("id")));
    // Follow-ups and interactions cannot name it either.
    let err = crm
        .log_interaction(NewInteraction::new(
            b,
            Channel::Email,
            Direction::Inbound,
            InteractionKind::Note,
        ))
        .unwrap_err();
    assert_eq!(err.code(), "merged");

    let unknown_merge = MergeId::from_uuid(uuid::Uuid::from_u128(7));
    let err = crm.unmerge(unknown_merge, None, None).unwrap_err();
    assert_eq!(
        (err.code(), err.value()),
        ("not_found", Some(unknown_merge.to_string().as_str()))
    );
    crm.unmerge(m, None, None).expect("unmerge");
    let err = crm.unmerge(m, None, None).unwrap_err();
    assert_eq!((err.code(), err.field()), ("invalid_value", Some("merge")));
    assert!(err.to_string().contains("undone already"), "{err}");
}

#[test]
fn merge_then_unmerge_restores_records_items_and_indexes() {
    let (mut crm, clock) = book();
    let a = crm
        .create_customer(
            new("Al", Some("al@example.com"))
                .with_tag("x")
                .with_owner("ann"),
        )
        .expect("a")
        .id;
    let b = crm
        .create_customer(
            new("Bo", Some("bo@example.com"))
                .with_tag("y")
                .with_owner("bob")
                .with_stage("customer"),
        )
        .expect("b")
        .id;
    let c = crm
        .create_customer(new("", None).with_phone("+1 415 555 0123", PhoneKind::Mobile))
        .expect("c")
        .id;
    crm.log_interaction(
        NewInteraction::new(
            b,
            Channel::Phone,
            Direction::Inbound,
            InteractionKind::Complaint,
        )
        .with_subject("late"),
    )
    .expect("complaint");
    crm.log_interaction(
        NewInteraction::new(
            c,
            Channel::Email,
            Direction::Outbound,
            InteractionKind::Sale,
        )
        .with_purchase(NewPurchase::total("EUR", 1_000)),
    )
    .expect("sale");
    crm.schedule_follow_up(NewFollowUp::new(
        b,
        t0() + Duration::days(3),
        FollowUpKind::Call,
    ))
    .expect("follow-up");
    crm.set_consent(
        c,
        ConsentScope::DoNotContact,
        ConsentStatus::Granted,
        None,
        None,
    )
    .expect("dnc");
    clock.advance(Duration::hours(5));
    let before = book_state(crm.state());

    let out = crm
        .merge(MergeRequest::new(a, [b, c]).by("sam"))
        .expect("merge");
    assert_eq!(
        out.moved,
        MoveCounts {
            interactions: 2,
            purchases: 1,
            cases: 1,
            follow_ups: 1,
            pending_follow_ups: 1,
            stage_changes: 2,
        }
    );
    assert_eq!(crm.cases_of(a).expect("cases").len(), 1);
    assert_eq!(crm.follow_ups_of(a).expect("fu").len(), 1);
    assert_eq!(crm.timeline(a, &Default::default()).expect("t").len(), 2);
    assert!(crm.customer(a).expect("a").consent.is_do_not_contact());
    assert_eq!(crm.customers_owned_by("bob").len(), 0);
    assert_eq!(
        crm.pending_follow_ups(Some("bob"), t0() + Duration::days(9))
            .len(),
        1,
        "follow-ups keep their owner"
    );
    assert_eq!(crm.merged_into(c), Some(a));
    assert_eq!(crm.resolve_customer(c).expect("resolves").id, a);

    clock.advance(Duration::hours(1));
    let undo = crm
        .unmerge(out.merge, Some("wrong"), Some("sam"))
        .expect("unmerge");
    assert!(undo.kept.is_empty());
    assert_eq!(undo.restored, [b, c]);
    assert_eq!(undo.moved, out.moved);
    assert_eq!(
        book_state(crm.state()),
        before,
        "the book as it was, indexes included"
    );
    let rec = crm.merge_record(out.merge).expect("record");
    assert_eq!(
        rec.undone.as_ref().and_then(|u| u.reason.as_deref()),
        Some("wrong")
    );
    assert_eq!(crm.merges().count(), 1);
    assert_eq!(crm.merged_into(c), None);

    // The journal replays both, and through JSON.
    let again = Crm::replay(crm.events().to_vec()).expect("replays");
    assert_eq!(again.state(), crm.state());
    let text = crate::event::to_json_lines(crm.events());
    let again = Crm::replay(crate::event::from_json_lines(&text).expect("reads")).expect("replays");
    assert_eq!(again.state(), crm.state());
}

#[test]
fn later_changes_survive_an_unmerge() {
    let (mut crm, clock) = book();
    let a = crm
        .create_customer(new("Al", Some("al@example.com")).with_tag("x"))
        .expect("a")
        .id;
    let mut nb = new("Bo", Some("bo@example.com"))
        .with_tag("y")
        .with_owner("bob");
    nb.company = Some("Bo Inc".into());
    let b = crm.create_customer(nb).expect("b").id;
    let fb = crm
        .schedule_follow_up(NewFollowUp::new(
            b,
            t0() + Duration::days(3),
            FollowUpKind::Call,
        ))
        .expect("fu")
        .id;
    let b_before = crm.customer(b).expect("b").clone();
    let m = crm.merge(MergeRequest::new(a, [b])).expect("merge").merge;
    clock.advance(Duration::days(1));
    // After the merge: a new interaction and follow-up on the survivor, edits to fields,
    // the absorbed customer's follow-up completed, a stage change.
    let later = crm
        .log_interaction(NewInteraction::new(
            a,
            Channel::Chat,
            Direction::Inbound,
            InteractionKind::Inquiry,
        ))
        .expect("log")
        .id;
    let fa = crm
        .schedule_follow_up(NewFollowUp::new(
            a,
            t0() + Duration::days(5),
            FollowUpKind::Email,
        ))
        .expect("fu")
        .id;
    crm.complete_follow_up(fb, None).expect("done");
    let patch = CustomerPatch {
        add_tags: vec!["z".into()],
        emails: Some(vec![
            "bo@example.com".into(),
            "al@example.com".into(),
            "new@example.com".into(),
        ]),
        ..CustomerPatch::default()
    };
    crm.update_customer(a, patch).expect("patch");
    crm.change_stage(a, "lead", None, None).expect("stage");

    let out = crm.unmerge(m, None, None).expect("unmerge");
    assert_eq!(out.kept, ["emails", "tags", "stage"]);
    let al = crm.customer(a).expect("a");
    let emails: Vec<&str> = al.emails.iter().map(|e| e.normalized()).collect();
    assert_eq!(emails, ["al@example.com", "new@example.com"]);
    assert_eq!(al.tags.iter().collect::<Vec<_>>(), ["x", "z"]);
    assert_eq!(al.owner, None, "the merge's owner went back");
    assert_eq!(al.company, None);
    assert_eq!(al.stage.as_str(), "lead");
    let hist: Vec<&str> = al.stage_history.iter().map(|s| s.to.as_str()).collect();
    assert_eq!(hist, ["subscriber", "lead"]);
    assert_eq!(crm.customer(b).expect("b"), &b_before);
    assert_eq!(crm.interaction(later).expect("i").customer, a);
    assert_eq!(crm.follow_up(fa).expect("fu").customer, a);
    let fb = crm.follow_up(fb).expect("fu");
    assert_eq!(
        (fb.customer, fb.status.as_str()),
        (b, "done"),
        "moved back, still done"
    );
    // The recurring-free completion made no new occurrence; nothing else moved.
    assert_eq!(crm.follow_ups_of(b).expect("fu").len(), 1);
}

#[test]
fn a_case_keeps_its_interactions_through_an_unmerge() {
    let (mut crm, _) = book();
    let a = crm.create_customer(new("Al", None)).expect("a").id;
    let b = crm.create_customer(new("Bo", None)).expect("b").id;
    let complaint = crm
        .log_interaction(NewInteraction::new(
            b,
            Channel::Email,
            Direction::Inbound,
            InteractionKind::Complaint,
        ))
        .expect("complaint");
    let case = complaint.case.expect("opens a case");
    let m = crm.merge(MergeRequest::new(a, [b])).expect("merge").merge;
    let mut reply = NewInteraction::new(
        a,
        Channel::Email,
        Direction::Outbound,
        InteractionKind::Support,
    );
    reply.case = Some(case);
    let reply = crm.log_interaction(reply).expect("reply").id;
    let note = crm
        .log_interaction(NewInteraction::new(
            a,
            Channel::Phone,
            Direction::Outbound,
            InteractionKind::Note,
        ))
        .expect("note")
        .id;
    let out = crm.unmerge(m, None, None).expect("unmerge");
    assert_eq!(out.moved.interactions, 2);
    assert_eq!(crm.case(case).expect("case").customer, b);
    assert_eq!(crm.interaction(reply).expect("reply").customer, b);
    assert_eq!(crm.interaction(note).expect("note").customer, a);
    let again = Crm::replay(crm.events().to_vec()).expect("replays");
    assert_eq!(again.state(), crm.state());
}

#[test]
fn a_recurring_follow_up_takes_its_later_occurrences_back() {
    let (mut crm, clock) = book();
    let a = crm.create_customer(new("Al", None)).expect("a").id;
    let b = crm.create_customer(new("Bo", None)).expect("b").id;
    let weekly = NewFollowUp::new(b, t0() + Duration::days(1), FollowUpKind::Call)
        .with_note("Bo's weekly call")
        .repeating("FREQ=WEEKLY");
    let first = crm.schedule_follow_up(weekly).expect("weekly").id;
    // The survivor's own series, alike but for its note, stays.
    let own = NewFollowUp::new(a, t0() + Duration::days(1), FollowUpKind::Call)
        .with_note("Al's weekly call")
        .repeating("FREQ=WEEKLY");
    let own = crm.schedule_follow_up(own).expect("own").id;
    let m = crm.merge(MergeRequest::new(a, [b])).expect("merge").merge;
    clock.advance(Duration::days(2));
    let second = crm
        .complete_follow_up(first, None)
        .expect("done")
        .expect("next");
    let third = crm
        .complete_follow_up(second, None)
        .expect("done")
        .expect("next");
    let own_next = crm
        .complete_follow_up(own, None)
        .expect("done")
        .expect("next");
    assert_eq!(crm.follow_up(third).expect("third").customer, a);
    let out = crm.unmerge(m, None, None).expect("unmerge");
    assert_eq!(out.moved.follow_ups, 3);
    for f in [first, second, third] {
        assert_eq!(crm.follow_up(f).expect("series").customer, b);
    }
    for f in [own, own_next] {
        assert_eq!(crm.follow_up(f).expect("own series").customer, a);
    }
    let again = Crm::replay(crm.events().to_vec()).expect("replays");
    assert_eq!(again.state(), crm.state());
}

#[test]
fn an_opt_out_given_while_merged_holds_for_everyone_unmerged() {
    let (mut crm, clock) = book();
    let a = crm
        .create_customer(new("Al", Some("al@example.com")))
        .expect("a")
        .id;
    let b = crm
        .create_customer(new("Bo", Some("bo@example.com")))
        .expect("b")
        .id;
    crm.set_consent(
        b,
        ConsentScope::Marketing,
        ConsentStatus::Granted,
        None,
        None,
    )
    .expect("opt-in");
    let bo_before = crm.customer(b).expect("b").clone();
    let m = crm.merge(MergeRequest::new(a, [b])).expect("merge").merge;
    clock.advance(Duration::days(1));
    // Unsubscribed from email by a link in a mail to either address; an opt-in to SMS.
    crm.set_consent(
        a,
        ConsentScope::Channel(Channel::Email),
        ConsentStatus::Denied,
        None,
        None,
    )
    .expect("opt-out");
    crm.set_consent(
        a,
        ConsentScope::Channel(Channel::Sms),
        ConsentStatus::Granted,
        None,
        None,
    )
    .expect("opt-in");
    clock.advance(Duration::days(1));
    crm.unmerge(m, None, None).expect("unmerge");
    let now = t0() + Duration::days(2);
    for id in [a, b] {
        let decision = crm
            .can_contact(id, Channel::Email, now, TouchCategory::Service, None)
            .expect("decision");
        assert!(!decision.allowed, "{id}: {decision:?}");
    }
    let bo = crm.customer(b).expect("b");
    assert_eq!(
        bo.consent.channel(Channel::Sms),
        None,
        "an opt-in stays where it was given"
    );
    assert_eq!(bo.consent.marketing(), bo_before.consent.marketing());
    assert_eq!(bo.updated_at, now);
    assert_eq!((&bo.name, &bo.emails), (&bo_before.name, &bo_before.emails));
    let again = Crm::replay(crm.events().to_vec()).expect("replays");
    assert_eq!(again.state(), crm.state());
}

#[test]
fn merges_sharing_a_customer_are_undone_in_reverse_order() {
    let (mut crm, _) = book();
    let a = crm.create_customer(new("Al", None)).expect("a").id;
    let b = crm.create_customer(new("Bo", None)).expect("b").id;
    let c = crm.create_customer(new("Cy", None)).expect("c").id;
    let d = crm.create_customer(new("Di", None)).expect("d").id;
    let m1 = crm.merge(MergeRequest::new(a, [b])).expect("m1").merge;
    let m2 = crm.merge(MergeRequest::new(a, [c])).expect("m2").merge;
    let err = crm.unmerge(m1, None, None).unwrap_err();
    assert!(err.to_string().contains(&m2.to_string()), "{err}");
    let m3 = crm.merge(MergeRequest::new(d, [a])).expect("m3").merge;
    assert_eq!(crm.merged_into(b), Some(d), "through later merges");
    let err = crm.unmerge(m2, None, None).unwrap_err();
    assert!(err.to_string().contains(&m3.to_string()), "{err}");
    let err = crm.customer(b).unwrap_err();
    assert!(
        err.to_string()
            .contains(&format!("merged into customer {d}")),
        "{err}"
    );
    crm.unmerge(m3, None, None).expect("m3");
    crm.unmerge(m2, None, None).expect("m2");
    crm.unmerge(m1, None, None).expect("m1");
    assert_eq!(crm.len(), 4);
    assert_eq!(
        crm.customer(a)
            .expect("a")
            .name
            .as_ref()
            .map(|n| n.display()),
        Some("Al Quist")
    );
}

#[test]
fn an_email_taken_since_blocks_the_unmerge() {
    let (mut crm, _) = book();
    let a = crm
        .create_customer(new("Al", Some("al@example.com")))
        .expect("a")
        .id;
    let b = crm
        .create_customer(new("Bo", Some("bo@example.com")))
        .expect("b")
        .id;
    // The plan drops Bo's email; someone else takes it; undoing would give it two holders.
    let plan = MergePlan::new().field("emails", Rule::Priority);
    let m = crm
        .merge(MergeRequest::new(a, [b]).with_plan(plan))
        .expect("merge")
        .merge;
    let n = crm
        .create_customer(new("Ny", Some("bo@example.com")))
        .expect("n")
        .id;
    let seq = crm.state().last_seq;
    let err = crm.unmerge(m, None, None).unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert_eq!(err.value(), Some("bo@example.com"));
    assert!(err.to_string().contains(&n.to_string()));
    assert_eq!(crm.state().last_seq, seq, "nothing recorded");
}

#[test]
fn scores_and_reason_are_journaled() {
    let (mut crm, _) = book();
    let a = crm.create_customer(new("Al", None)).expect("a").id;
    let b = crm.create_customer(new("Bo", None)).expect("b").id;
    let scores =
        json!({"total": 0.93, "fields": {"name": {"level": "jaro_winkler_0.92", "weight": 4.5}}});
    let out = crm
        .merge(
            MergeRequest::new(a, [b])
                .by(" sam ")
                .because("same phone")
                .with_scores(scores.clone()),
        )
        .expect("merge");
    let e = crm.events().last().expect("event");
    assert_eq!(e.actor.as_deref(), Some("sam"));
    assert_eq!(e.event.type_name(), "customers_merged");
    assert_eq!(e.event.customer(), Some(a));
    let EventKind::CustomersMerged { merge } = &e.event else {
        panic!("not a merge: {e:?}");
    };
    assert_eq!(merge.id, out.merge);
    assert_eq!(merge.scores.as_ref(), Some(&scores));
    assert_eq!(merge.reason.as_deref(), Some("same phone"));
    assert_eq!(merge.absorbed_ids(), [b]);
    let back = crate::Event::from_json(&e.to_json()).expect("reads");
    assert_eq!(&back, e);
    // A null score counts as none (so the JSON form round-trips).
    let c = crm.create_customer(new("Cy", None)).expect("c").id;
    crm.merge(MergeRequest::new(a, [c]).with_scores(json!(null)))
        .expect("merge");
    let e = crm.events().last().expect("event");
    assert!(!e.to_json().contains("scores"));
}

#[test]
fn scores_nested_too_deep_for_the_journal_are_refused() {
    let (mut crm, _) = book();
    let a = crm.create_customer(new("Al", None)).expect("a").id;
    let b = crm.create_customer(new("Bo", None)).expect("b").id;
    let nested = |depth: usize| (0..depth).fold(json!(1), |v, _| json!([v]));
    // 125 arrays deep was written, and the journal could not read it back.
    let err = crm
        .merge(MergeRequest::new(a, [b]).with_scores(nested(MAX_SCORES_DEPTH + 1)))
        .unwrap_err();
    assert_eq!(err.field(), Some("scores"), "{err}");
    assert_eq!(crm.events().len(), 2, "nothing recorded");
    // As deep as allowed: recorded, and the journal and a snapshot read it back.
    let deep = json!({"fields": nested(MAX_SCORES_DEPTH - 1)});
    crm.merge(MergeRequest::new(a, [b]).with_scores(deep.clone()))
        .expect("merges");
    let text = crate::event::to_json_lines(crm.events());
    let again = Crm::replay(crate::event::from_json_lines(&text).expect("reads")).expect("replays");
    let merge = again.state().merges.values().next().expect("a merge");
    assert_eq!(merge.merge.scores.as_ref(), Some(&deep));
    let snapshot = crm.snapshot_json();
    assert!(
        Crm::builder()
            .from_snapshot_and_journal(&snapshot, Vec::new())
            .is_ok()
    );
}
