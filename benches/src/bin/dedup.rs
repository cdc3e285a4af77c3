//! Duplicate scan benchmark: quality against the generator's ground truth, time per stage
//! and peak memory, for each size given (default 10,000, 100,000 and 1,000,000).
//!
//! ```text
//! cargo run --release -p crm-benches --bin dedup -- [records…] [--em | --u] [--seed N] [--check]
//!     [--corroboration BITS] [--conflicts FIELDS] [--placeholders SHARE] [--no-tf] [--towns-only]
//!     [--window N] [--max-block N]
//! ```
//!
//! `--placeholders SHARE` gives that share of the records (every `1/SHARE`-th) a
//! placeholder instead of their own phone and birthday, as a legacy import that had to fill
//! both does (`+44 20 7946 0000`, `1900-01-01`), to see that such values do not make
//! strangers one customer; `--no-tf` turns term frequency off
//! ([`MatchConfig::term_frequency`]: for names and for such shared values alike).
//! `--towns-only` keeps only the town of every address (no street, no postal code), as a
//! sign-up form that asks for the town gives them, to see that a shared town, then the
//! closest agreement two addresses can show, does not make strangers one customer.
//!
//! `--corroboration BITS` sets [`MatchConfig::corroboration_bits`] (default 5; 0 turns the
//! requirement off), to see what the requirement buys. `--conflicts FIELDS` sets
//! [`MatchConfig::conflicts`] to a comma-separated list of fields (`--conflicts ""` for
//! none; the default is `given_name,birth_date`), to see what each conflict buys.
//! `--window N` and `--max-block N` set [`Blocking::window`](crm_core::dedup::Blocking::window) (default 3)
//! and [`Blocking::max_block`](crm_core::dedup::Blocking::max_block) (default 40), to see what comparing more pairs buys: blocking
//! recall against time and precision.
//!
//! Peak memory is the process's resident-set high-water mark, reset before each size
//! (Linux); the figure in brackets is the peak above the resident size once the input
//! exists. The input records (about 1.3 KB each as `NewCustomer`s) are dropped once they
//! are prepared, as a caller of the staged API ([`Matcher::prepare`], then
//! [`Matcher::candidates`], [`Matcher::score`], [`Matcher::cluster`]) can do, so the peak
//! is where the input and the prepared records (about 600 B each) are both alive;
//! [`Matcher::scan`] keeps its input for the whole scan, which costs the size of the input
//! on top (1,000,000 records: 1.8 GB here, 2.3 GB with the input kept). With `--check`,
//! each size also builds a [`MatchIndex`] of all records and times 2,000 one-record checks
//! against it (each record checked against all the others), printed as a second table.

use std::time::Instant;

use crm_benches::people::{DupConfig, generate};
use crm_benches::rss_bytes;
use crm_core::CustomerId;
use crm_core::contact::PhoneKind;
use crm_core::customer::NewPhone;
use crm_core::dedup::{Decision, Estimation, MatchConfig, MatchIndex, Matcher};

/// Pairwise precision, recall and F1.
fn prf(tp: u64, predicted: u64, truth: u64) -> (f64, f64, f64) {
    let p = if predicted == 0 {
        1.0
    } else {
        tp as f64 / predicted as f64
    };
    let r = if truth == 0 {
        1.0
    } else {
        tp as f64 / truth as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

fn pairs_within(counts: impl Iterator<Item = u64>) -> u64 {
    counts.map(|c| c * c.saturating_sub(1) / 2).sum()
}

fn main() {
    let mut sizes = Vec::new();
    let mut estimation = Estimation::None;
    let mut seed = 42u64;
    let mut check = false;
    let mut corroboration_bits = MatchConfig::default().corroboration_bits;
    let mut conflicts = MatchConfig::default().conflicts;
    let mut placeholders = 0.0f64;
    let mut towns_only = false;
    let mut term_frequency = true;
    let mut blocking = MatchConfig::default().blocking;
    let mut checks = Vec::new();
    let mut em_runs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--em" => estimation = Estimation::Em,
            "--check" => check = true,
            "--u" => estimation = Estimation::U,
            "--no-tf" => term_frequency = false,
            "--towns-only" => towns_only = true,
            "--placeholders" => {
                placeholders = args.next().and_then(|s| s.parse().ok()).unwrap_or(0.0);
            }
            "--seed" => seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(seed),
            "--window" => {
                blocking.window = args.next().and_then(|s| s.parse().ok()).unwrap_or(blocking.window);
            }
            "--max-block" => {
                blocking.max_block = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(blocking.max_block);
            }
            "--corroboration" => {
                corroboration_bits = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(corroboration_bits);
            }
            "--conflicts" => {
                let list = args.next().unwrap_or_default();
                conflicts = list
                    .split(',')
                    .filter(|f| !f.is_empty())
                    .map(|f| f.parse().unwrap_or_else(|e| panic!("--conflicts: {e}")))
                    .collect();
            }
            n => sizes.push(n.replace('_', "").parse::<usize>().unwrap_or_else(|_| {
                eprintln!(
                    "usage: dedup [records…] [--em | --u] [--seed N] [--check] [--corroboration BITS] [--conflicts FIELDS] [--placeholders SHARE] [--no-tf] [--towns-only] [--window N] [--max-block N]"
                );
                std::process::exit(2)
            })),
        }
    }
    if sizes.is_empty() {
        sizes = vec![10_000, 100_000, 1_000_000];
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "duplicate scan, seed {seed}, estimation {estimation:?}, corroboration {corroboration_bits} bits, term frequency {term_frequency}, placeholders on {placeholders} of the records, towns only {towns_only}, window {}, max block {}, {threads} threads",
        blocking.window, blocking.max_block
    );
    println!(
        "| records | true pairs | candidates | blocking recall | pairs P / R / F1 | clustered P / R / F1 | groups | normalise | block | compare+score | cluster | total | peak RSS (above the input) |"
    );
    println!("|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for n in sizes {
        let data = generate(&DupConfig {
            records: n,
            seed,
            ..DupConfig::default()
        });
        let labels: Vec<u32> = data.iter().map(|l| l.cluster).collect();
        let mut records: Vec<_> = data.into_iter().map(|l| l.customer).collect();
        if placeholders > 0.0 {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let every = (1.0 / placeholders).round().max(1.0) as usize;
            for r in records.iter_mut().step_by(every) {
                r.phones = vec![NewPhone::new("+44 20 7946 0000", PhoneKind::Mobile)];
                r.birthday = Some("1900-01-01".into());
            }
        }
        if towns_only {
            crm_benches::people::towns_only(&mut records);
        }
        let truth = crm_benches::people::true_pairs(&labels);
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        let (input_rss, _) = rss_bytes();
        let matcher = Matcher::new(MatchConfig {
            estimation,
            corroboration_bits,
            conflicts: conflicts.clone(),
            term_frequency,
            blocking,
            ..MatchConfig::default()
        })
        .unwrap_or_else(|e| panic!("config: {e}"));

        let t0 = Instant::now();
        let prepared = matcher.prepare(&records);
        let t1 = Instant::now();
        // The scan works on the prepared records only: the input can go. Freeing it is the
        // bench's work, not the scan's: the clock restarts after it.
        drop(records);
        let freeing = t1.elapsed();
        let (t0, t1) = (t0 + freeing, t1 + freeing);
        let candidates = matcher.candidates(&prepared);
        let t2 = Instant::now();
        let scored = matcher.score(&prepared, &candidates);
        let t3 = Instant::now();
        let matched: Vec<(u32, u32)> = scored
            .iter()
            .filter(|p| p.2 == Decision::Match)
            .map(|p| (p.0, p.1))
            .collect();
        let scan = matcher.cluster(&prepared, scored);
        let t4 = Instant::now();
        let (_, peak) = rss_bytes();

        let same = |&(a, b): &(u32, u32)| labels[a as usize] == labels[b as usize];
        let found = candidates.iter().filter(|p| same(p)).count() as u64;
        let tp_pairs = matched.iter().filter(|p| same(p)).count() as u64;
        let (pp, pr, pf) = prf(tp_pairs, matched.len() as u64, truth);
        let mut predicted = 0u64;
        let mut tp = 0u64;
        for g in &scan.groups {
            predicted += pairs_within(std::iter::once(g.members.len() as u64));
            let mut ls: Vec<u32> = g.members.iter().map(|&m| labels[m]).collect();
            ls.sort_unstable();
            let mut runs = Vec::new();
            let mut i = 0;
            while i < ls.len() {
                let j = i + ls[i..].iter().take_while(|&&l| l == ls[i]).count();
                runs.push((j - i) as u64);
                i = j;
            }
            tp += pairs_within(runs.into_iter());
        }
        let (cp, cr, cf) = prf(tp, predicted, truth);
        em_runs.push((n, scan.stats.em_iterations, scan.stats.em_used));
        if check {
            checks.push((n, time_checks(&matcher, prepared)));
        }
        let secs = |a: Instant, b: Instant| format!("{:.2} s", (b - a).as_secs_f64());
        println!(
            "| {n} | {truth} | {} | {:.4} | {pp:.4} / {pr:.4} / {pf:.4} | {cp:.4} / {cr:.4} / {cf:.4} | {} | {} | {} | {} | {} | **{}** | {} MiB ({} MiB) |",
            candidates.len(),
            found as f64 / truth.max(1) as f64,
            scan.groups.len(),
            secs(t0, t1),
            secs(t1, t2),
            secs(t2, t3),
            secs(t3, t4),
            secs(t0, t4),
            peak / (1024 * 1024),
            peak.saturating_sub(input_rss) / (1024 * 1024),
        );
    }
    if estimation == Estimation::Em {
        println!();
        for (n, iterations, used) in &em_runs {
            let what = if *used {
                "the scan used its model"
            } else {
                "its fit took more pairs for matches than there are records: the scan kept the model EM started from"
            };
            println!("{n} records: EM ran {iterations} iterations; {what}");
        }
    }
    if !checks.is_empty() {
        println!();
        println!("| index of | build | checks | median | p90 | p99 | checks with candidates |");
        println!("|---:|---:|---:|---:|---:|---:|---:|");
        for (n, line) in checks {
            println!("| {n} | {line}");
        }
    }
}

/// Builds an index of `records` and checks 2,000 of them (spread over the input) against
/// all the others; returns the rest of a table row.
fn time_checks(matcher: &Matcher, records: Vec<crm_core::dedup::MatchRecord>) -> String {
    let id = |i: usize| {
        CustomerId::parse(&format!("00000000-0000-7000-8000-{:012x}", i + 1))
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let t = Instant::now();
    let mut index = MatchIndex::new(matcher.config().clone()).unwrap_or_else(|e| panic!("{e}"));
    let probes: Vec<usize> = (0..2000).map(|k| k * records.len() / 2000).collect();
    let probe_records: Vec<_> = probes.iter().map(|&i| records[i].clone()).collect();
    for (i, r) in records.into_iter().enumerate() {
        index.insert(id(i), r);
    }
    let build = t.elapsed();
    let mut times = Vec::with_capacity(probes.len());
    let mut found = 0;
    for (&i, r) in probes.iter().zip(&probe_records) {
        let t = Instant::now();
        let candidates = index.check_excluding(r, Some(id(i)));
        times.push(t.elapsed());
        found += usize::from(!candidates.is_empty());
    }
    times.sort_unstable();
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize].as_secs_f64() * 1e6;
    format!(
        "{:.2} s | {} | **{:.0} µs** | {:.0} µs | {:.0} µs | {found} |",
        build.as_secs_f64(),
        times.len(),
        at(0.5),
        at(0.9),
        at(0.99)
    )
}
