//! Bulk insert: prints a table of time and resident memory for N customers with two emails,
//! a phone and three tags each.
//!
//! `cargo run --release -p crm-benches --bin bulk_insert -- [N] [--no-journal]`

use std::time::Instant;

use crm_benches::{customers, rss_bytes};
use crm_core::Crm;
use crm_core::journal::NoJournal;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args
        .iter()
        .find_map(|a| a.replace('_', "").parse().ok())
        .unwrap_or(1_000_000);
    let journal = !args.iter().any(|a| a == "--no-journal");

    let t = Instant::now();
    let rows = customers(42, n);
    let gen_time = t.elapsed();
    let (rss_before, _) = rss_bytes();

    let mut builder = Crm::builder().seed(7);
    if !journal {
        builder = builder.journal(Box::new(NoJournal));
    }
    let mut crm = builder.build();
    let t = Instant::now();
    let report = crm.import_customers(rows);
    let insert = t.elapsed();
    let (rss_after, peak) = rss_bytes();
    assert!(report.rejected.is_empty(), "generator rows must be valid");

    println!(
        "| customers | journal | generate | insert | per customer | RSS growth | RSS / customer | peak RSS |"
    );
    println!("|---:|:---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {} | {} | {:.2} s | {:.2} s | {:.2} µs | {} MiB | {} B | {} MiB |",
        crm.len(),
        if journal { "memory" } else { "none" },
        gen_time.as_secs_f64(),
        insert.as_secs_f64(),
        insert.as_secs_f64() * 1e6 / n as f64,
        rss_after.saturating_sub(rss_before) >> 20,
        rss_after.saturating_sub(rss_before) / n.max(1) as u64,
        peak >> 20,
    );
}
