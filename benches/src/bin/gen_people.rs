//! Writes synthetic customers with ground-truth duplicate clusters as CSV to stdout (see
//! `crm_benches::people`); a summary goes to stderr.
//!
//! `cargo run --release -p crm-benches --bin gen_people -- [records] [seed] > people.csv`
//! (default 10,000 records, seed 1; 20 % of the records are duplicates).

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use crm_benches::people::{DupConfig, generate, true_pairs, write_csv};

fn arg<T: std::str::FromStr>(value: Option<String>, default: T) -> Option<T> {
    match value {
        None => Some(default),
        Some(v) => v.replace('_', "").parse().ok(),
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(records), Some(seed)) = (arg(args.next(), 10_000usize), arg(args.next(), 1u64))
    else {
        eprintln!("usage: gen_people [records] [seed] > people.csv");
        return ExitCode::from(2);
    };
    let config = DupConfig {
        records,
        seed,
        ..DupConfig::default()
    };
    let t = Instant::now();
    let people = generate(&config);
    let generated = t.elapsed();
    let labels: Vec<u32> = people.iter().map(|p| p.cluster).collect();
    let t = Instant::now();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if let Err(e) = write_csv(&people, &mut out).and_then(|()| out.flush()) {
        eprintln!("gen_people: {e}");
        return ExitCode::FAILURE;
    }
    let entities = labels.iter().copied().max().map_or(0, |m| m as usize + 1);
    eprintln!(
        "{} records, {entities} people, {} true duplicate pairs (seed {seed}); generated in {:.2?}, written in {:.2?}",
        people.len(),
        true_pairs(&labels),
        generated,
        t.elapsed()
    );
    // The process ends here: freeing a million records one by one would only cost time.
    std::mem::forget(people);
    ExitCode::SUCCESS
}
