//! The quickstart: load a small sample book (three dozen customers from a dozen countries,
//! their stage moves, calls, emails, orders and complaints), then print a short report,
//! find the duplicate customers among them, and merge one pair (and undo it).
//!
//! Run it with `cargo run -p crm-examples --example quickstart`.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use crm_core::clock::FixedClock;
use crm_core::dedup::MatchConfig;
use crm_core::event::{from_json_lines, to_json_lines};
use crm_core::interaction::{Direction, NewInteraction, NewPurchase};
use crm_core::{Crm, CustomerId, MergeRequest, NewCustomer};
use serde::Deserialize;

/// The sample data shipped with the examples (also read by the Python and JS quickstarts).
const SAMPLE: &str = include_str!("data/sample.json");

#[derive(Deserialize)]
struct Sample {
    today: DateTime<Utc>,
    rows: Vec<Row>,
}

#[derive(Deserialize)]
struct Row {
    customer: NewCustomer,
    stages: Vec<StageMove>,
    interactions: Vec<Touch>,
}

#[derive(Deserialize)]
struct StageMove {
    day: i64,
    stage: String,
}

#[derive(Deserialize)]
struct Touch {
    day: i64,
    channel: String,
    direction: String,
    kind: String,
    subject: Option<String>,
    purchase: Option<NewPurchase>,
    #[serde(default)]
    resolve: bool,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sample: Sample = serde_json::from_str(SAMPLE)?;
    let today = sample.today;
    // A fixed clock makes the whole run reproducible; it starts a year before "today".
    let clock = Arc::new(FixedClock::new(today - Duration::days(420)));
    let mut crm = Crm::builder().clock(clock.clone()).seed(2026).build();

    // 1. Import the customers; bad rows are reported, never silently dropped.
    let report = crm.import_customers(sample.rows.iter().map(|r| r.customer.clone()));
    let ids: Vec<Option<CustomerId>> = {
        let mut created = report.created.iter();
        let mut rejected_rows = report.rejected.iter().filter_map(|e| e.row()).peekable();
        (1..=sample.rows.len())
            .map(|row| {
                if rejected_rows.peek() == Some(&row) {
                    rejected_rows.next();
                    None
                } else {
                    created.next().copied()
                }
            })
            .collect()
    };

    // 2. Replay their stage moves in time order, as they happened.
    let mut moves: Vec<(i64, CustomerId, &str)> = Vec::new();
    for (row, id) in sample.rows.iter().zip(&ids) {
        if let Some(id) = id {
            moves.extend(row.stages.iter().map(|m| (m.day, *id, m.stage.as_str())));
        }
    }
    moves.sort_by_key(|m| m.0);
    for (day, id, stage) in moves {
        clock.set(today + Duration::days(day));
        crm.change_stage(id, stage, None, Some("import"))?;
    }

    // 3. Log their interactions; complaints open cases, some of which get resolved.
    clock.set(today);
    for (row, id) in sample.rows.iter().zip(&ids) {
        let Some(id) = *id else { continue };
        for t in &row.interactions {
            let mut new = NewInteraction::new(
                id,
                t.channel.parse()?,
                t.direction.parse()?,
                t.kind.parse()?,
            )
            .at(today + Duration::days(t.day));
            new.subject.clone_from(&t.subject);
            new.purchase.clone_from(&t.purchase);
            let logged = crm.log_interaction(new)?;
            if let (true, Some(case)) = (t.resolve, logged.case) {
                crm.resolve_case(case, "Replacement sent, customer confirmed", Some("kim"))?;
            }
        }
    }

    print_report(&crm, &report, today)?;
    duplicates(&mut crm)?;
    Ok(())
}

/// 4. Find duplicate customers, say why, merge each group into its oldest record, and
///    show that a merge can be undone.
fn duplicates(crm: &mut Crm) -> Result<(), Box<dyn std::error::Error>> {
    let scan = crm.find_duplicates(&MatchConfig::default())?;
    println!();
    println!(
        "Possible duplicates: {} group(s) among {} customers ({} candidate pairs compared)",
        scan.groups.len(),
        scan.stats.records,
        scan.stats.candidate_pairs
    );
    for group in &scan.groups {
        let names: Vec<&str> = group
            .members
            .iter()
            .filter_map(|id| crm.customer(*id).ok().map(|c| c.display_name()))
            .collect();
        println!(
            "  {}  (probability {:.4})",
            names.join(" = "),
            group.min_probability
        );
        for &p in &group.pairs {
            let why: Vec<String> = scan.pairs[p]
                .explanation
                .fields
                .iter()
                .filter(|f| f.weight != 0.0)
                .map(|f| format!("{} {} ({:+.1})", f.field, f.level, f.weight))
                .collect();
            println!("    because: {}", why.join(", "));
        }
    }
    let before = crm.len();
    for group in &scan.groups {
        let mut members = group.members.clone();
        members.sort_by_key(|id| crm.customer(*id).map(|c| c.created_at).ok());
        let (survivor, others) = members.split_at(1);
        let outcome = crm.merge(
            MergeRequest::new(survivor[0], others.iter().copied())
                .because("duplicate scan")
                .by("quickstart"),
        )?;
        println!(
            "Merged {} record(s) into {}: {} interaction(s) moved",
            outcome.absorbed.len(),
            crm.customer(outcome.survivor)?.display_name(),
            outcome.moved.interactions
        );
        crm.unmerge(
            outcome.merge,
            Some("just showing the undo"),
            Some("quickstart"),
        )?;
    }
    println!(
        "After merging and undoing: {} customers, as before: {}",
        crm.len(),
        if crm.len() == before { "yes" } else { "NO" }
    );
    Ok(())
}

fn print_report(
    crm: &Crm,
    report: &crm_core::ImportReport,
    today: DateTime<Utc>,
) -> Result<(), Box<dyn std::error::Error>> {
    println!("crm quickstart: the sample book on {}", today.date_naive());
    println!();
    println!(
        "Imported {} customers; {} rows rejected:",
        report.created.len(),
        report.rejected.len()
    );
    for e in &report.rejected {
        println!("  {e}");
    }

    println!();
    println!("Lifecycle funnel:");
    for (stage, n) in crm.stage_counts() {
        println!("  {:<20} {:>3}  {}", stage.as_str(), n, "#".repeat(n));
    }

    println!();
    println!("Revenue by currency:");
    let mut revenue: BTreeMap<&str, (i64, usize, u8)> = BTreeMap::new();
    for c in crm.customers() {
        for i in crm.timeline(c.id, &Default::default())? {
            if let Some(p) = &i.purchase {
                let e = revenue.entry(p.total.currency.code()).or_insert((
                    0,
                    0,
                    p.total.currency.minor_units(),
                ));
                e.0 += p.total.amount_minor;
                e.1 += 1;
            }
        }
    }
    for (code, (minor, orders, _)) in &revenue {
        let currency = crm_core::money::Currency::parse(code)?;
        let total = crm_core::money::Money::new(*minor, currency);
        println!("  {:>14}  from {orders} orders", total.to_string());
    }

    println!();
    let open = crm.open_cases();
    println!("Open complaints: {}", open.len());
    for case in open {
        let who = crm.customer(case.customer)?;
        println!(
            "  {:<24} {:<28} opened {}",
            who.display_name(),
            case.subject.as_deref().unwrap_or("(no subject)"),
            case.opened_at.date_naive()
        );
    }

    println!();
    println!("Customers we have not reached out to for 60 days or more (by owner):");
    let mut quiet: Vec<(String, i64, &str)> = Vec::new();
    for c in crm.customers() {
        let last = crm.last_contact(c.id)?;
        let days = last
            .outbound
            .map_or(i64::MAX, |i| (today - i.at).num_days());
        if days >= 60 && !matches!(c.stage.as_str(), "churned" | "disqualified") {
            quiet.push((c.owner.clone().unwrap_or_default(), days, c.display_name()));
        }
    }
    quiet.sort();
    for (owner, days, name) in quiet.iter().take(12) {
        let since = if *days == i64::MAX {
            "never".to_owned()
        } else {
            format!("{days} days")
        };
        println!("  {owner:<5} {name:<28} {since}");
    }
    if quiet.len() > 12 {
        println!("  … and {} more", quiet.len() - 12);
    }

    println!();
    let text = to_json_lines(crm.events());
    let replayed = Crm::replay(from_json_lines(&text)?)?;
    println!(
        "Journal: {} events, {} KiB of JSON; replaying it rebuilds an identical book: {}",
        crm.events().len(),
        text.len() / 1024,
        if replayed.state() == crm.state() {
            "yes"
        } else {
            "NO"
        }
    );
    let inbound = crm
        .customers()
        .filter_map(|c| crm.last_contact(c.id).ok()?.inbound)
        .filter(|i| i.direction == Direction::Inbound)
        .count();
    println!("Customers who wrote or called us at least once: {inbound}");
    Ok(())
}
