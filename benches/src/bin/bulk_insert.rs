//! Bulk insert: prints a table of time and resident memory for N customers with two emails,
//! a phone and three tags each.
//!
//! `cargo run --release -p crm-benches --bin bulk_insert -- [N] [--no-journal]`
//!
//! - `insert` times `Crm::import_customers` on rows generated beforehand (generation is
//!   timed apart, in `generate`).
//! - `RSS growth` and `RSS / customer` are the resident memory the book itself holds. They
//!   are measured in a child process (this binary with `--rss-probe`) that feeds the rows
//!   to the book as they are generated: when the rows are generated beforehand, the book
//!   reuses the memory the consumed rows free, and the growth would understate the book.
//! - `peak RSS` is this process's peak: the generated rows plus the book.

use std::process::Command;
use std::time::Instant;

use crm_benches::{Rng, customer, customers, rss_bytes};
use crm_core::Crm;
use crm_core::journal::NoJournal;

fn book(journal: bool) -> Crm {
    let mut builder = Crm::builder().seed(7);
    if !journal {
        builder = builder.journal(Box::new(NoJournal));
    }
    builder.build()
}

/// Resident memory the book of `n` generated customers holds, in bytes.
fn probe(n: usize, journal: bool) -> u64 {
    let (before, _) = rss_bytes();
    let mut crm = book(journal);
    let mut rng = Rng::new(42);
    let report = crm.import_customers((0..n).map(|i| customer(&mut rng, i)));
    assert!(report.rejected.is_empty(), "generator rows must be valid");
    let (after, _) = rss_bytes();
    after.saturating_sub(before)
}

/// Runs [`probe`] in a fresh process, so that nothing else lives in its heap.
fn probe_in_child(n: usize, journal: bool) -> Option<u64> {
    let exe = std::env::current_exe().ok()?;
    let mut cmd = Command::new(exe);
    cmd.arg(n.to_string()).arg("--rss-probe");
    if !journal {
        cmd.arg("--no-journal");
    }
    let out = cmd.output().ok()?;
    String::from_utf8(out.stdout).ok()?.trim().parse().ok()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args
        .iter()
        .find_map(|a| a.replace('_', "").parse().ok())
        .unwrap_or(1_000_000);
    let journal = !args.iter().any(|a| a == "--no-journal");
    if args.iter().any(|a| a == "--rss-probe") {
        println!("{}", probe(n, journal));
        // Skip freeing the book: the parent only needs the number.
        std::process::exit(0);
    }

    let t = Instant::now();
    let rows = customers(42, n);
    let gen_time = t.elapsed();

    let mut crm = book(journal);
    let t = Instant::now();
    let report = crm.import_customers(rows);
    let insert = t.elapsed();
    let (_, peak) = rss_bytes();
    assert!(report.rejected.is_empty(), "generator rows must be valid");
    let len = crm.len();
    // Freeing a large book takes a while and is not what is measured: leave it to the OS.
    std::mem::forget(crm);

    let growth = probe_in_child(n, journal).unwrap_or(0);
    println!(
        "| customers | journal | generate | insert | per customer | RSS growth | RSS / customer | peak RSS |"
    );
    println!("|---:|:---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {} | {} | {:.2} s | {:.2} s | {:.2} µs | {} MiB | {} B | {} MiB |",
        len,
        if journal { "memory" } else { "none" },
        gen_time.as_secs_f64(),
        insert.as_secs_f64(),
        insert.as_secs_f64() * 1e6 / n as f64,
        growth >> 20,
        growth / n.max(1) as u64,
        peak >> 20,
    );
}
