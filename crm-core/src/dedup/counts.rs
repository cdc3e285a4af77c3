//! Name counts over a whole table, for scans of its parts.
//!
//! A scan weighs an exact name by how common it is in the batch it scans (term frequency).
//! When a table is scanned in parts (partitions on several machines), each part would
//! count only its own names; [`NameCounts`] counted over every part and summed
//! ([`NameCounts::add`]) gives each part's scan the weights of a scan of the whole table
//! ([`Matcher::scan_prepared_with_counts`](super::Matcher::scan_prepared_with_counts)).

use serde::{Deserialize, Serialize};

use super::record::MatchRecord;
use super::score::NameFrequency;

/// The two names of a full name in byte order, so that swapped names read as one.
fn in_order<'a>(given: &'a str, family: &'a str) -> (&'a str, &'a str) {
    if given <= family {
        (given, family)
    } else {
        (family, given)
    }
}

/// A full name's key: the two names in byte order, joined by a tab, so that swapped names
/// count as one full name.
pub(crate) fn full_name(given: &str, family: &str) -> String {
    let (lo, hi) = in_order(given, family);
    format!("{lo}\t{hi}")
}

/// A hash of [`full_name`], for counting full names without a string per record.
pub(crate) fn full_name_hash(given: &str, family: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0x0f11_1a3e).hash_one(in_order(given, family))
}

/// The [`full_name_hash`] of a record that has both names (`None` otherwise: only full
/// names are counted).
pub(crate) fn record_full_name_hash(r: &MatchRecord) -> Option<u64> {
    (!r.given.is_empty() && !r.family.is_empty()).then(|| full_name_hash(&r.given, &r.family))
}

/// How many records hold each (normalised) given and family name, and each full name, and
/// how many records were counted.
///
/// ```
/// use crm_core::NewCustomer;
/// use crm_core::dedup::{MatchConfig, Matcher, NameCounts};
///
/// let matcher = Matcher::new(MatchConfig::default())?;
/// let part1 = matcher.prepare(&[NewCustomer::default().with_name("Anna", "Smith")]);
/// let part2 = matcher.prepare(&[NewCustomer::default().with_name("John", "Smith")]);
/// let mut counts = NameCounts::of(&part1);
/// counts.add(&NameCounts::of(&part2));
/// assert_eq!(counts.records(), 2);
/// assert_eq!(counts.count("smith"), 2);
/// # Ok::<(), crm_core::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameCounts {
    /// Records per normalised given name.
    pub given: foldhash::HashMap<String, u64>,
    /// Records per normalised family name.
    pub family: foldhash::HashMap<String, u64>,
    /// Records per full name (both names present): the two normalised names in byte
    /// order, joined by a tab (`"anna\tsmith"` for Anna Smith and for Smith Anna).
    #[serde(default)]
    pub full: foldhash::HashMap<String, u64>,
    /// Records counted.
    pub records: u64,
}

impl NameCounts {
    /// The names of a batch of prepared records.
    pub fn of(records: &[MatchRecord]) -> NameCounts {
        let mut counts = NameCounts {
            records: records.len() as u64,
            ..NameCounts::default()
        };
        for r in records {
            for (map, name) in [
                (&mut counts.given, &r.given),
                (&mut counts.family, &r.family),
            ] {
                if !name.is_empty() {
                    *map.entry(name.to_string()).or_default() += 1;
                }
            }
            if !r.given.is_empty() && !r.family.is_empty() {
                *counts
                    .full
                    .entry(full_name(&r.given, &r.family))
                    .or_default() += 1;
            }
        }
        counts
    }

    /// Adds the counts of another batch.
    pub fn add(&mut self, other: &NameCounts) {
        for (mine, theirs) in [
            (&mut self.given, &other.given),
            (&mut self.family, &other.family),
            (&mut self.full, &other.full),
        ] {
            for (name, n) in theirs {
                *mine.entry(name.clone()).or_default() += n;
            }
        }
        self.records += other.records;
    }

    /// Records counted.
    pub fn records(&self) -> u64 {
        self.records
    }

    /// Records holding `name` (normalised) as a given or a family name.
    pub fn count(&self, name: &str) -> u64 {
        self.given.get(name).copied().unwrap_or(0) + self.family.get(name).copied().unwrap_or(0)
    }
}

impl NameFrequency for NameCounts {
    fn count(&self, value: &str) -> Option<(f64, f64)> {
        // As a batch counts: both name fields (names can be swapped), at least one record.
        Some((
            NameCounts::count(self, value) as f64,
            self.records.max(1) as f64,
        ))
    }

    fn full_name_count(&self, given: &str, family: &str) -> Option<(f64, f64)> {
        let count = self
            .full
            .get(&full_name(given, family))
            .copied()
            .unwrap_or(0);
        Some((count as f64, self.records.max(1) as f64))
    }
}

#[cfg(test)]
mod tests {
    use std::ops::ControlFlow;

    use super::*;
    use crate::customer::NewCustomer;
    use crate::dedup::{MatchConfig, Matcher};

    fn people() -> Vec<NewCustomer> {
        let mut out = Vec::new();
        for (i, (g, f)) in [
            ("Anna", "Smith"),
            ("Ann", "Smith"),
            ("John", "Smith"),
            ("Jon", "Okafor"),
        ]
        .into_iter()
        .cycle()
        .take(40)
        .enumerate()
        {
            let email = format!("{}{}@example.com", g.to_lowercase(), i / 2);
            let phone = format!("+44 20 7946 {:04}", i / 2);
            out.push(
                NewCustomer::default()
                    .with_name(g, f)
                    .with_email(email)
                    .with_phone(phone, Default::default()),
            );
        }
        out
    }

    #[test]
    fn counts_of_the_batch_score_as_the_batch() {
        let matcher = Matcher::new(MatchConfig::default()).unwrap();
        let records = matcher.prepare(&people());
        let counts = NameCounts::of(&records);
        assert_eq!(counts.count("smith"), 30);
        assert_eq!(counts.full.get("anna\tsmith"), Some(&10));
        assert_eq!(counts.full.len(), 4);
        let with = matcher
            .scan_prepared_with_counts(&records, &counts, &mut |_, _, _| ControlFlow::Continue(()))
            .unwrap();
        assert_eq!(with, matcher.scan_prepared(&records));
        assert!(!with.pairs.is_empty());
    }

    #[test]
    fn a_part_with_the_whole_tables_counts_scores_pairs_as_the_whole() {
        let matcher = Matcher::new(MatchConfig::default()).unwrap();
        let records = matcher.prepare(&people());
        let (first, second) = records.split_at(20);
        let mut counts = NameCounts::of(first);
        counts.add(&NameCounts::of(second));
        assert_eq!(counts, NameCounts::of(&records));
        let whole = matcher.scan_prepared(&records);
        let part = matcher
            .scan_prepared_with_counts(first, &counts, &mut |_, _, _| ControlFlow::Continue(()))
            .unwrap();
        let alone = matcher.scan_prepared(first);
        assert!(!part.pairs.is_empty());
        for p in &part.pairs {
            let w = whole
                .pairs
                .iter()
                .find(|q| (q.left, q.right) == (p.left, p.right))
                .unwrap();
            assert_eq!(p.probability, w.probability);
        }
        // Counted over the part alone, "Smith" is rarer there, and weighs differently.
        assert_ne!(
            alone
                .pairs
                .iter()
                .map(|p| p.probability)
                .collect::<Vec<_>>(),
            part.pairs.iter().map(|p| p.probability).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_large_table_lowers_the_prior() {
        use crate::dedup::{Estimation, PRIOR_RECORDS};

        let config = MatchConfig::default();
        let prior = config.model.prior_weight;
        let matcher = Matcher::new(config.clone()).unwrap();
        let records = matcher.prepare(&people());
        let small = matcher.scan_prepared(&records);
        assert!(!small.pairs.is_empty());
        assert!(
            small
                .pairs
                .iter()
                .all(|p| p.explanation.prior_weight == prior)
        );
        // As if these records were part of a table of 16 × PRIOR_RECORDS: 4 bits less.
        let mut counts = NameCounts::of(&records);
        counts.records = 16 * PRIOR_RECORDS as u64;
        let large = matcher
            .scan_prepared_with_counts(&records, &counts, &mut |_, _, _| ControlFlow::Continue(()))
            .unwrap();
        assert!(!large.pairs.is_empty());
        for p in &large.pairs {
            assert_eq!(p.explanation.prior_weight, prior - 4.0);
            let fields: f64 = p.explanation.fields.iter().map(|f| f.weight).sum();
            assert!((p.explanation.total_weight - (prior - 4.0 + fields)).abs() < 1e-9);
        }
        // EM estimates the prior from the data: no lowering then.
        let mut em = config;
        assert_eq!(em.prior_for(16 * PRIOR_RECORDS), prior - 4.0);
        em.estimation = Estimation::Em;
        assert_eq!(em.prior_for(16 * PRIOR_RECORDS), prior);
    }
}
