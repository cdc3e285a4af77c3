//! Why a duplicate scan misses the true pairs it misses: every pair of records the
//! generator made from one person that the scan did not put in one group, explained.
//!
//! ```text
//! cargo run --release -p crm-benches --bin dedup_misses -- [records] [--seed N] [--examples K]
//!     [--only DECISION] [--uncompared] [--wrong] [--patterns] [--towns-only] [--em]
//! ```
//!
//! Prints the missed pairs by the scan's decision (distinct, review, match-but-split), by
//! whether they were ever candidates and by conflict; then the most common patterns of
//! field levels, and how many pairs have one name in Latin letters and the other in another
//! script. A pair the scan reported is shown with its own explanation (made with the
//! batch's name frequencies and the prior for its size); a candidate it did not report
//! scored below review (`distinct`, its levels as `explain` gives them). With
//! `--examples K`, every K-th missed pair is printed with both records and its explanation.
//! With `--uncompared`, the pairs looked at are the true pairs that blocking never made
//! candidates (whether or not clustering grouped them), with the decision the model as
//! given would make, and whether they share a blocking key (a key whose block was too large
//! to compare in full). `--only match` (or `review`, `distinct`) prints only the examples
//! with that decision. With `--wrong`, it is the other way round: the pairs of different
//! people that clustering put in one group, by the scan's decision on the pair (`joined`
//! when only other members link them) and by levels. `--towns-only` keeps only the town of
//! every address, as `dedup --towns-only` does. `--em` scans with `m` estimated by
//! expectation maximisation, as `dedup --em` does. With `--patterns`, every candidate
//! pair is counted by its levels (and whether a conflict holds) as a pair of one person or
//! of two, grouped or not: the patterns where grouping every pair would gain the most true
//! pairs for the fewest wrong ones, then those where splitting them would; what a change to
//! the model could gain at most on this data, before asking whether it holds on others.
//! A tool for working on matching quality (what to improve next), not a benchmark.

use std::collections::{BTreeMap, HashMap, HashSet};

use crm_benches::people::{DupConfig, generate};
use crm_core::dedup::{Decision, Estimation, Explanation, MatchConfig, MatchRecord, Matcher};

fn arg(args: &[String], name: &str) -> Option<u64> {
    let at = args.iter().position(|a| a == name)?;
    args.get(at + 1).and_then(|v| v.parse().ok())
}

fn show(r: &MatchRecord) -> String {
    let addresses: Vec<String> = r
        .addresses
        .iter()
        .map(|a| format!("{} {} {} {}", a.street, a.number, a.postcode, a.city))
        .collect();
    format!(
        "{} | {} | {:?} | {:?} | {:?} | {:?}",
        r.given,
        r.family,
        r.emails,
        r.phones,
        r.birth.map(|b| (b.year, b.month, b.day)),
        addresses
    )
}

fn levels(e: &Explanation) -> String {
    let levels: Vec<String> = e.fields.iter().map(|f| f.level.to_string()).collect();
    levels.join(",")
}

fn weights(e: &Explanation) -> String {
    let parts: Vec<String> = e
        .fields
        .iter()
        .map(|f| format!("{}={}({:.1})", f.field, f.level, f.weight))
        .collect();
    parts.join(" ")
}

/// Whether a name has letters beyond Latin (Cyrillic, Greek, CJK, …).
fn non_latin(r: &MatchRecord) -> bool {
    r.given
        .chars()
        .chain(r.family.chars())
        .any(|c| u32::from(c) > 0x24F)
}

/// The pairs looked at: counted by decision (and what else the key says), by levels, by
/// script; every `every`-th printed with both records.
#[derive(Default)]
struct Tally {
    every: u64,
    count: u64,
    by_decision: BTreeMap<String, u64>,
    by_pattern: BTreeMap<String, u64>,
    scripts: u64,
}

impl Tally {
    /// Counts one pair of records under `key`; prints it under `title` when it is an
    /// example to show (`None`: never).
    fn note(
        &mut self,
        key: String,
        e: &Explanation,
        (a, b): (&MatchRecord, &MatchRecord),
        title: Option<String>,
    ) {
        self.count += 1;
        *self.by_decision.entry(key).or_default() += 1;
        *self.by_pattern.entry(levels(e)).or_default() += 1;
        if non_latin(a) != non_latin(b) {
            self.scripts += 1;
        }
        if let Some(title) = title.filter(|_| self.every > 0 && self.count % self.every == 0) {
            println!("{title}:\n  {}\n  {}\n  {}", show(a), show(b), weights(e));
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let records = args.first().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed = arg(&args, "--seed").unwrap_or(42);
    let every = arg(&args, "--examples").unwrap_or(0);
    let uncompared = args.iter().any(|a| a == "--uncompared");
    let wrong = args.iter().any(|a| a == "--wrong");
    let by_patterns = args.iter().any(|a| a == "--patterns");
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|at| args.get(at + 1).cloned());

    let data = generate(&DupConfig {
        records,
        seed,
        ..DupConfig::default()
    });
    let labels: Vec<u32> = data.iter().map(|l| l.cluster).collect();
    let mut inputs: Vec<_> = data.into_iter().map(|l| l.customer).collect();
    if args.iter().any(|a| a == "--towns-only") {
        crm_benches::people::towns_only(&mut inputs);
    }
    let estimation = if args.iter().any(|a| a == "--em") {
        Estimation::Em
    } else {
        Estimation::None
    };
    let Ok(matcher) = Matcher::new(MatchConfig {
        estimation,
        ..MatchConfig::default()
    }) else {
        unreachable!("the default configuration is valid")
    };
    let prepared = matcher.prepare(&inputs);
    let candidates = matcher.candidates(&prepared);
    let compared: HashSet<(u32, u32)> = candidates
        .iter()
        .map(|&(a, b)| (a.min(b), a.max(b)))
        .collect();
    let scored = matcher.score(&prepared, &candidates);
    let scan = matcher.cluster(&prepared, scored);

    let mut group_of: HashMap<usize, usize> = HashMap::new();
    for (g, group) in scan.groups.iter().enumerate() {
        for &m in &group.members {
            group_of.insert(m, g);
        }
    }
    // The scan's own scoring of the pairs it reported (with the batch's name frequencies
    // and the prior for its size), by (lower, higher) record.
    let reported: HashMap<(usize, usize), &Explanation> = scan
        .pairs
        .iter()
        .map(|p| ((p.left.min(p.right), p.left.max(p.right)), &p.explanation))
        .collect();
    if by_patterns {
        let same_group = |a: usize, b: usize| matches!((group_of.get(&a), group_of.get(&b)), (Some(g), Some(h)) if g == h);
        patterns(&matcher, &prepared, &candidates, &labels, same_group);
        return;
    }
    let mut people: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, &l) in labels.iter().enumerate() {
        people.entry(l).or_default().push(i);
    }

    let mut tally = Tally {
        every,
        ..Tally::default()
    };
    let mut truth = 0u64;
    for members in people.values() {
        for (x, &a) in members.iter().enumerate() {
            truth += (members.len() - x - 1) as u64;
            if wrong {
                continue;
            }
            for &b in &members[x + 1..] {
                let candidate = compared.contains(&(a.min(b) as u32, a.max(b) as u32));
                let grouped =
                    matches!((group_of.get(&a), group_of.get(&b)), (Some(g), Some(h)) if g == h);
                if if uncompared { candidate } else { grouped } {
                    continue;
                }
                // The scan's decision: its own explanation of a pair it reported; a
                // candidate it did not report scored below review (`distinct`, its levels
                // as `explain` gives them); a pair never compared, what `explain` says.
                let e = match reported.get(&(a.min(b), a.max(b))) {
                    Some(&e) => e.clone(),
                    None => {
                        let mut e = matcher.explain(&prepared[a], &prepared[b]);
                        if candidate {
                            e.decision = Decision::Distinct;
                        }
                        e
                    }
                };
                let keys_b = prepared[b].blocking_keys();
                let shared = prepared[a]
                    .blocking_keys()
                    .iter()
                    .any(|k| keys_b.binary_search(k).is_ok());
                let key = format!(
                    "{:<8} candidate={candidate:<5} shared key={shared:<5} conflicts={:?}",
                    e.decision.as_str(),
                    e.conflicts
                );
                let shown = only.as_ref().is_none_or(|d| d == e.decision.as_str());
                let title = format!(
                    "missed (total weight {:.1}, shared key {shared})",
                    e.total_weight
                );
                tally.note(
                    key,
                    &e,
                    (&prepared[a], &prepared[b]),
                    shown.then_some(title),
                );
            }
        }
    }
    if wrong {
        for group in &scan.groups {
            for (x, &a) in group.members.iter().enumerate() {
                for &b in &group.members[x + 1..] {
                    if labels[a] == labels[b] {
                        continue;
                    }
                    // Grouped through other members, the pair itself scored below review:
                    // "joined", and its levels as `explain` gives them.
                    let (how, e) = match reported.get(&(a.min(b), a.max(b))) {
                        Some(&e) => (e.decision.as_str(), e.clone()),
                        None => ("joined", matcher.explain(&prepared[a], &prepared[b])),
                    };
                    let candidate = compared.contains(&(a.min(b) as u32, a.max(b) as u32));
                    let key = format!(
                        "{how:<8} candidate={candidate:<5} conflicts={:?}",
                        e.conflicts
                    );
                    let title = format!("wrongly grouped (total weight {:.1})", e.total_weight);
                    tally.note(key, &e, (&prepared[a], &prepared[b]), Some(title));
                }
            }
        }
    }
    let Tally {
        count: missed,
        by_decision,
        by_pattern,
        scripts,
        ..
    } = tally;
    let what = if wrong {
        "grouped together though they are different people"
    } else if uncompared {
        "never compared (not candidates)"
    } else {
        "not grouped together after clustering"
    };
    println!("{records} records (seed {seed}): {truth} true pairs, {missed} pairs {what}");
    println!("\nby decision, candidate status and conflicts:");
    for (key, n) in &by_decision {
        println!("{n:>7}  {key}");
    }
    let mut patterns: Vec<_> = by_pattern.into_iter().collect();
    patterns.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    println!("\nmost common levels (given, family, email, phone, birth date, address):");
    for (pattern, n) in patterns.iter().take(20) {
        println!("{n:>7}  {pattern}");
    }
    println!("\none name in Latin letters and the other in another script: {scripts}");
}

/// Candidate pairs of one level pattern: of one person (`[0]`) and of two (`[1]`), each
/// as (all, grouped).
type PatternCounts = [[u64; 2]; 2];

/// What a change to all of a pattern's pairs would gain, in true pairs.
type Gain = fn(&PatternCounts) -> i64;

/// Grouping all of a pattern's pairs: the true pairs not yet grouped, less the wrong ones
/// it would add.
fn group_all(c: &PatternCounts) -> i64 {
    (c[0][0] - c[0][1]) as i64 - (c[1][0] - c[1][1]) as i64
}

/// Splitting all of a pattern's pairs: the wrong pairs grouped, less the true ones it would
/// lose.
fn split_all(c: &PatternCounts) -> i64 {
    c[1][1] as i64 - c[0][1] as i64
}

/// Prints the candidate pairs by level pattern (`--patterns`): where grouping all of a
/// pattern's pairs would gain the most, and where splitting them would.
fn patterns(
    matcher: &Matcher,
    prepared: &[MatchRecord],
    candidates: &[(u32, u32)],
    labels: &[u32],
    same_group: impl Fn(usize, usize) -> bool,
) {
    let mut counts: BTreeMap<String, PatternCounts> = BTreeMap::new();
    for &(a, b) in candidates {
        let (a, b) = (a as usize, b as usize);
        let e = matcher.explain(&prepared[a], &prepared[b]);
        let mut pattern = levels(&e);
        if !e.conflicts.is_empty() {
            pattern.push_str(" (conflict)");
        }
        let c = &mut counts.entry(pattern).or_default()[usize::from(labels[a] != labels[b])];
        c[0] += 1;
        c[1] += u64::from(same_group(a, b));
    }
    let mut sizes: HashMap<u32, u64> = HashMap::new();
    for &l in labels {
        *sizes.entry(l).or_default() += 1;
    }
    let truth: u64 = sizes.values().map(|n| n * (n - 1) / 2).sum();
    let sum = |f: &dyn Fn(&PatternCounts) -> u64| counts.values().map(f).sum::<u64>();
    // The best a decision by levels alone could do: each pattern's pairs matched where most
    // are one person's (knowing the truth), and nothing joined through a third record.
    let majority = |c: &PatternCounts| c[0][0] > c[1][0];
    let (best_true, best_wrong) = (
        sum(&|c| if majority(c) { c[0][0] } else { 0 }),
        sum(&|c| if majority(c) { c[1][0] } else { 0 }),
    );
    let (grouped_true, grouped_wrong) = (sum(&|c| c[0][1]), sum(&|c| c[1][1]));
    let prf = |tp: u64, fp: u64| {
        let (p, r) = (tp as f64 / (tp + fp) as f64, tp as f64 / truth as f64);
        format!("{p:.4} / {r:.4} / {:.4}", 2.0 * p * r / (p + r))
    };
    println!(
        "{} candidate pairs ({} of the {truth} true pairs) by levels (given, family, email, \
         phone, birth date, address)",
        candidates.len(),
        sum(&|c| c[0][0]),
    );
    println!(
        "pairwise P / R / F1 of the candidates grouped: {} ({grouped_true} true, \
         {grouped_wrong} wrong)",
        prf(grouped_true, grouped_wrong)
    );
    println!(
        "matching the patterns whose pairs are mostly one person's (knowing the truth): {} \
         ({best_true} true, {best_wrong} wrong)",
        prf(best_true, best_wrong)
    );
    let mut rows: Vec<_> = counts.into_iter().collect();
    let views: [(&str, Gain); 2] = [
        ("grouping all of a pattern's pairs would gain", group_all),
        ("splitting all of a pattern's pairs would gain", split_all),
    ];
    for (title, gain) in views {
        rows.sort_by_key(|(p, c)| (std::cmp::Reverse(gain(c)), p.clone()));
        println!("\n{title} (net true pairs):");
        println!(
            "{:>7} {:>9} {:>9} {:>9} {:>9}  levels",
            "net", "one", "grouped", "two", "grouped"
        );
        for (p, c) in rows.iter().take(25).filter(|(_, c)| gain(c) > 0) {
            println!(
                "{:>7} {:>9} {:>9} {:>9} {:>9}  {p}",
                gain(c),
                c[0][0],
                c[0][1],
                c[1][0],
                c[1][1]
            );
        }
    }
}
