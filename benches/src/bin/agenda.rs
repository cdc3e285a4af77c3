//! Agenda bench: a book of N customers (100 owners) with 3 follow-ups each and a
//! keep-in-touch cadence; prints the time of the next 7 days' agenda for one owner and for
//! everyone.
//!
//! `cargo run --release -p crm-benches --bin agenda -- [N] [ZONE]` (default 1,000,000 customers
//! in UTC; with a zone such as `Europe/Berlin`, customers live there, so quiet hours and
//! weekends follow its daylight saving time)

use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use crm_benches::{Rng, customers, rss_bytes};
use crm_core::Crm;
use crm_core::clock::FixedClock;
use crm_core::contact::TimeZone;
use crm_core::journal::NoJournal;
use crm_core::schedule::agenda::{AgendaQuery, AgendaSettings, Cadence};
use crm_core::schedule::followup::{FollowUpKind, NewFollowUp};

const OWNERS: usize = 100;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.replace('_', "").parse().ok())
        .unwrap_or(1_000_000);
    let now: DateTime<Utc> = "2026-03-04T10:00:00Z".parse().unwrap_or_default();
    let zone = std::env::args()
        .nth(2)
        .and_then(|z| z.parse::<TimeZone>().ok());
    let clock = Arc::new(FixedClock::new(now - Duration::days(60)));
    let mut settings = AgendaSettings::default();
    if let Ok(c) = Cadence::new(90, Some("customer"), None) {
        settings.cadences.push(c);
    }
    let mut builder = Crm::builder();
    if let Some(z) = zone {
        builder = builder.time_zone(z);
    }
    let mut crm = builder
        .clock(clock.clone())
        .seed(1)
        .journal(Box::new(NoJournal))
        .agenda_settings(settings)
        .build();

    let t = Instant::now();
    let mut rows = customers(42, n);
    for (i, row) in rows.iter_mut().enumerate() {
        row.owner = Some(format!("owner{:03}", i % OWNERS));
        row.stage = Some(if i % 3 == 0 { "customer" } else { "lead" }.to_owned());
    }
    let report = crm.import_customers(rows);
    let ids = report.created;
    let load = t.elapsed();

    let t = Instant::now();
    let mut rng = Rng::new(9);
    clock.set(now);
    for id in &ids {
        for k in 0..3 {
            let due = now + Duration::minutes(rng.below(60 * 24 * 60) as i64 - 60 * 24 * 30);
            let kind = [FollowUpKind::Call, FollowUpKind::Email, FollowUpKind::Task][k];
            let _ = crm.schedule_follow_up(NewFollowUp::new(*id, due, kind));
        }
    }
    let schedule = t.elapsed();
    let (_, peak) = rss_bytes();

    let time = |q: &AgendaQuery| {
        let mut best = f64::MAX;
        let mut len = 0;
        for _ in 0..5 {
            let t = Instant::now();
            len = crm.agenda(q).map(|v| v.len()).unwrap_or(0);
            best = best.min(t.elapsed().as_secs_f64());
        }
        (best, len)
    };
    let (one, one_len) = time(&AgendaQuery::new(now, Duration::days(7)).owner("owner007"));
    let t = Instant::now();
    let all_len = crm
        .agenda(&AgendaQuery::new(now, Duration::days(7)))
        .map(|v| v.len())
        .unwrap_or(0);
    let all = t.elapsed().as_secs_f64();

    println!(
        "| customers | follow-ups | load | schedule | agenda, one owner (7 days) | items | agenda, everyone (7 days) | items | peak RSS |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {} | {} | {:.2} s | {:.2} s | {:.1} ms | {} | {:.2} s | {} | {} MiB |",
        crm.len(),
        crm.due_follow_ups(now + Duration::days(36_500)).len(),
        load.as_secs_f64(),
        schedule.as_secs_f64(),
        one * 1e3,
        one_len,
        all,
        all_len,
        peak >> 20
    );
}
