//! Journal bench: a book of N customers, each with an interaction and (every other one) a
//! stage change; prints the time to write its journal as JSON Lines, to read it back and
//! to replay it into a book.
//!
//! `cargo run --release -p crm-benches --bin journal -- [N]` (default 100,000 customers;
//! each phase is timed three times and the best is shown)

use std::time::Instant;

use crm_benches::customers;
use crm_core::Crm;
use crm_core::event::{Event, from_json_lines, to_json_lines};
use crm_core::interaction::{Channel, Direction, InteractionKind, NewInteraction};

fn best<T>(mut f: impl FnMut() -> T) -> (f64, T) {
    let mut out = None;
    let mut best = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed().as_secs_f64());
        out = Some(v);
    }
    (best, out.unwrap_or_else(f))
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.replace('_', "").parse().ok())
        .unwrap_or(100_000);
    let mut crm = Crm::builder().seed(3).build();
    let ids = crm.import_customers(customers(42, n)).created;
    for (i, id) in ids.iter().enumerate() {
        let kind = if i % 5 == 0 {
            InteractionKind::Complaint
        } else {
            InteractionKind::Note
        };
        let _ = crm.log_interaction(NewInteraction::new(
            *id,
            Channel::Email,
            Direction::Inbound,
            kind,
        ));
        if i % 2 == 0 {
            let _ = crm.change_stage(*id, "customer", None, None);
        }
    }
    let events: Vec<Event> = crm.events().to_vec();

    let (write, text) = best(|| to_json_lines(&events));
    let (read, back) = best(|| from_json_lines(&text));
    let back = match back {
        Ok(back) => back,
        Err(e) => {
            eprintln!("the journal does not read back: {e}");
            std::process::exit(1);
        }
    };
    assert_eq!(back.len(), events.len(), "every event reads back");
    let (replay, book) = best(|| Crm::replay(back.clone()));
    let customers = book.map(|b| b.customers().count()).unwrap_or(0);
    assert_eq!(customers, n, "the replayed book holds every customer");

    let per = |s: f64| s * 1e9 / events.len() as f64;
    println!(
        "{n} customers, {} events, {:.1} MB of JSON Lines",
        events.len(),
        text.len() as f64 / 1e6
    );
    println!("| phase | total | per event |");
    println!("|---|---:|---:|");
    println!(
        "| write (to_json_lines) | {write:.3} s | {:.0} ns |",
        per(write)
    );
    println!(
        "| read (from_json_lines) | {read:.3} s | {:.0} ns |",
        per(read)
    );
    println!(
        "| replay (Crm::replay) | {replay:.3} s | {:.0} ns |",
        per(replay)
    );
}
