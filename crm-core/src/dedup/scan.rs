//! The duplicate scan of a batch: prepare, block, compare, score, cluster.

use std::borrow::Cow;
use std::cell::OnceCell;

use serde::{Deserialize, Serialize};

use super::block::{UNITS_PER_RECORD, candidates, content_hash, unpack};
use super::cluster::{self, Edge};
use super::compare::{Comparison, Field, Level};
use super::config::{Estimation, MatchConfig};
use super::counts::{NameCounts, PERSONAL_HOLDERS, full_name_hash, holders, record_full_name_hash};
use super::model::probability;
use super::parallel;
use super::progress::{
    Observer, PAIR_CHUNK, RECORD_CHUNK, Stage, Tick, Ticker, cancelling, silent,
};
use super::record::MatchRecord;
use super::score::{Decision, Explanation, NameFrequency, Scored, Scorer, explain};
use crate::customer::NewCustomer;
use crate::error::Result;
use std::convert::Infallible;

/// Random pairs compared to estimate `u`.
const RANDOM_PAIRS: usize = 200_000;

/// Candidate pairs expectation maximisation learns `m` from, at most: the patterns of
/// levels are few, and a sample of a million pairs gives their shares as well as all
/// pairs do, for a fraction of the time (a million records have about 16 million).
const EM_PAIRS: usize = if cfg!(test) { 300 } else { 1_000_000 };

/// A pair of records found to be, or possibly be, the same customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicatePair<T = usize> {
    /// One record (the earlier in the input).
    pub left: T,
    /// The other record.
    pub right: T,
    /// Match probability: a score, not a frequency ([`Explanation::probability`]).
    pub probability: f64,
    /// `match` or `review`.
    pub decision: Decision,
    /// Per-field levels and weights, the total and any rule or conflict.
    pub explanation: Explanation,
}

/// Records found to be one customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicateGroup<T = usize> {
    /// The records, in input order.
    pub members: Vec<T>,
    /// Indexes into [`DuplicateScan::pairs`] of the matched pairs inside this group.
    pub pairs: Vec<usize>,
    /// The weakest match probability among those pairs.
    pub min_probability: f64,
}

/// Counts from a scan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanStats {
    /// Records scanned.
    pub records: usize,
    /// Candidate pairs compared.
    pub candidate_pairs: usize,
    /// Pairs at or above the match threshold.
    pub matched_pairs: usize,
    /// Pairs for review.
    pub review_pairs: usize,
    /// Duplicate groups.
    pub groups: usize,
    /// Expectation-maximisation iterations run (0 without estimation).
    pub em_iterations: usize,
    /// Whether the scan used the model expectation maximisation learnt. False without
    /// `estimation: em`, and when no training block had enough pairs or a plausible fit
    /// (one that takes fewer pairs for matches than there are records): then the scan keeps
    /// the model EM started from (see [`EmFit`]).
    ///
    /// [`EmFit`]: super::EmFit
    pub em_used: bool,
}

/// The result of a duplicate scan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicateScan<T = usize> {
    /// Matched and review pairs, strongest first.
    pub pairs: Vec<DuplicatePair<T>>,
    /// Duplicate groups (matched pairs only, without chaining).
    pub groups: Vec<DuplicateGroup<T>>,
    /// Counts.
    pub stats: ScanStats,
    /// The model used (after estimation, when asked for).
    pub model: super::model::Model,
}

impl<T> DuplicateScan<T> {
    /// The same scan with each record index replaced (e.g. by a customer id).
    pub fn map_ids<U>(self, mut f: impl FnMut(T) -> U) -> DuplicateScan<U> {
        DuplicateScan {
            pairs: self
                .pairs
                .into_iter()
                .map(|p| DuplicatePair {
                    left: f(p.left),
                    right: f(p.right),
                    probability: p.probability,
                    decision: p.decision,
                    explanation: p.explanation,
                })
                .collect(),
            groups: self
                .groups
                .into_iter()
                .map(|g| DuplicateGroup {
                    members: g.members.into_iter().map(&mut f).collect(),
                    pairs: g.pairs,
                    min_probability: g.min_probability,
                })
                .collect(),
            stats: self.stats,
            model: self.model,
        }
    }
}

/// Name frequencies of a batch.
pub(crate) struct BatchFrequency<'a> {
    given: foldhash::HashMap<&'a str, u32>,
    family: foldhash::HashMap<&'a str, u32>,
    /// Records per full name, by [`full_name_hash`] (a string per record would cost tens
    /// of megabytes in a large batch; a shared 64-bit hash between two of a million full
    /// names is a one-in-ten-million chance per batch, and would only lower a cap).
    full: foldhash::HashMap<u64, u32>,
    /// Holders per contact value (records with different names, see
    /// [`holder`](super::counts::holder)), by [`record_values`](super::counts::record_values)'
    /// hash, for the values held by more than one person or family ([`PERSONAL_HOLDERS`]): the others weigh what the
    /// model says, so they need no entry.
    values: foldhash::HashMap<u64, u64>,
    n: f64,
}

impl<'a> BatchFrequency<'a> {
    pub(crate) fn new(records: &'a [MatchRecord]) -> Self {
        let count = |pick: fn(&MatchRecord) -> &str| {
            let mut map: foldhash::HashMap<&str, u32> = foldhash::HashMap::default();
            for r in records {
                let v = pick(r);
                if !v.is_empty() {
                    *map.entry(v).or_default() += 1;
                }
            }
            map
        };
        let ((given, family), (full, values)) = parallel::join(
            || (count(|r| &r.given), count(|r| &r.family)),
            || {
                let mut map: foldhash::HashMap<u64, u32> = foldhash::HashMap::default();
                for full in records.iter().filter_map(record_full_name_hash) {
                    *map.entry(full).or_default() += 1;
                }
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let common = holders(records, PERSONAL_HOLDERS as u64 + 1);
                (map, common)
            },
        );
        BatchFrequency {
            given,
            family,
            full,
            values,
            n: records.len().max(1) as f64,
        }
    }
}

impl NameFrequency for BatchFrequency<'_> {
    fn count(&self, value: &str) -> Option<(f64, f64)> {
        // A value can be read in the other name field when names are swapped; count both.
        let count = self.given.get(value).copied().unwrap_or(0)
            + self.family.get(value).copied().unwrap_or(0);
        Some((f64::from(count), self.n))
    }

    fn full_name_count(&self, given: &str, family: &str) -> Option<(f64, f64)> {
        let count = self
            .full
            .get(&full_name_hash(given, family))
            .copied()
            .unwrap_or(0);
        Some((f64::from(count), self.n))
    }

    fn value_count(&self, value: u64) -> Option<(f64, f64)> {
        #[allow(clippy::cast_precision_loss)] // counts far below 2^52
        self.values.get(&value).map(|&c| (c as f64, self.n))
    }
}

/// Runs the duplicate scan stage by stage; [`Matcher::scan`] runs them all.
///
/// ```
/// use crm_core::NewCustomer;
/// use crm_core::dedup::{MatchConfig, Matcher};
///
/// let records = vec![
///     NewCustomer::default().with_name("Robert", "Smith").with_email("bob.smith@example.com"),
///     NewCustomer::default().with_name("Bob", "Smith").with_email("Bob.Smith@example.com"),
///     NewCustomer::default().with_name("Anna", "Nowak").with_email("anna@example.org"),
/// ];
/// let scan = Matcher::new(MatchConfig::default())?.scan(&records);
/// assert_eq!(scan.groups.len(), 1);
/// assert_eq!(scan.groups[0].members, vec![0, 1]);
/// let why = &scan.pairs[0].explanation;
/// assert_eq!(why.fields[0].level.as_str(), "nickname");
/// # Ok::<(), crm_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Matcher {
    config: MatchConfig,
}

impl Matcher {
    /// A matcher with a checked configuration.
    ///
    /// # Errors
    ///
    /// [`crate::Error::InvalidValue`] from [`MatchConfig::validate`].
    pub fn new(config: MatchConfig) -> Result<Matcher> {
        config.validate()?;
        Ok(Matcher { config })
    }

    /// The configuration.
    pub fn config(&self) -> &MatchConfig {
        &self.config
    }

    /// Stage 1: prepares plain records.
    #[must_use]
    pub fn prepare(&self, records: &[NewCustomer]) -> Vec<MatchRecord> {
        let Ok(prepared) = self.prepare_by(records, MatchRecord::from_new, &mut silent);
        prepared
    }

    /// [`Matcher::prepare`], reporting progress to `observer` (see [`super::progress`]).
    ///
    /// # Errors
    ///
    /// [`crate::Error::Cancelled`] when the observer asks to stop.
    pub fn prepare_with(
        &self,
        records: &[NewCustomer],
        observer: &mut Observer<'_>,
    ) -> Result<Vec<MatchRecord>> {
        self.prepare_by(records, MatchRecord::from_new, &mut cancelling(observer))
    }

    /// Prepares the records made from `items` by `f`, in chunks.
    pub(crate) fn prepare_by<T: Sync, E>(
        &self,
        items: &[T],
        f: impl Fn(&T) -> MatchRecord + Sync + Send,
        tick: &mut Tick<'_, E>,
    ) -> Result<Vec<MatchRecord>, E> {
        let mut ticker = Ticker::start(tick, Stage::Prepare, items.len())?;
        let prepared = parallel::map_chunked(items, RECORD_CHUNK, f, &mut ticker)?;
        ticker.finish()?;
        Ok(prepared)
    }

    /// Stage 2: the candidate pairs `(i, j)`, `i < j`, sorted.
    #[must_use]
    pub fn candidates(&self, records: &[MatchRecord]) -> Vec<(u32, u32)> {
        let Ok(pairs) = self.candidates_by(records, &mut silent);
        pairs
    }

    /// [`Matcher::candidates`], reporting progress to `observer` (see [`super::progress`]).
    ///
    /// # Errors
    ///
    /// [`crate::Error::Cancelled`] when the observer asks to stop.
    pub fn candidates_with(
        &self,
        records: &[MatchRecord],
        observer: &mut Observer<'_>,
    ) -> Result<Vec<(u32, u32)>> {
        self.candidates_by(records, &mut cancelling(observer))
    }

    fn candidates_by<E>(
        &self,
        records: &[MatchRecord],
        tick: &mut Tick<'_, E>,
    ) -> Result<Vec<(u32, u32)>, E> {
        let mut ticker = Ticker::start(tick, Stage::Block, UNITS_PER_RECORD * records.len())?;
        let hashes = parallel::map(records, content_hash);
        let pairs = candidates(records, &hashes, &self.config.blocking, &mut ticker)?
            .into_iter()
            .map(unpack)
            .collect();
        ticker.finish()?;
        Ok(pairs)
    }

    /// Stages 3-4: compares and scores the candidate pairs (estimating the model first
    /// when the configuration asks for it) and keeps those at or above the review
    /// threshold, strongest first.
    #[must_use]
    pub fn score(&self, records: &[MatchRecord], candidates: &[(u32, u32)]) -> ScoredPairs {
        let Ok(scored) = self.score_by(records, candidates, None, &mut silent);
        scored
    }

    /// [`Matcher::score`], reporting progress to `observer` (see [`super::progress`]); the
    /// units are pairs scored, random pairs for estimation included.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Cancelled`] when the observer asks to stop.
    pub fn score_with(
        &self,
        records: &[MatchRecord],
        candidates: &[(u32, u32)],
        observer: &mut Observer<'_>,
    ) -> Result<ScoredPairs> {
        self.score_by(records, candidates, None, &mut cancelling(observer))
    }

    fn score_by<E>(
        &self,
        records: &[MatchRecord],
        candidates: &[(u32, u32)],
        counts: Option<&NameCounts>,
        tick: &mut Tick<'_, E>,
    ) -> Result<ScoredPairs, E> {
        let mut config = self.config.clone();
        // The prior for the size of the data (of the whole table, for a part of it scanned
        // with the table's name counts); clustering and the explanations read it from the
        // configuration the scored pairs carry.
        let size = counts.map_or(records.len(), |c| {
            usize::try_from(c.records).unwrap_or(usize::MAX)
        });
        config.model.prior_weight = config.prior_for(size);
        let sample = if config.estimation == Estimation::None {
            Vec::new()
        } else {
            random_pairs(records, config.seed, RANDOM_PAIRS)
        };
        let hashes = parallel::map(records, content_hash);
        let em_pairs = if config.estimation == Estimation::Em {
            em_sample(candidates, &hashes)
        } else {
            Cow::Borrowed(&[][..])
        };
        let total = sample.len() + em_pairs.len() + candidates.len();
        let mut ticker = Ticker::start(tick, Stage::Score, total)?;
        let batch;
        let frequency: &dyn NameFrequency = match counts {
            Some(counts) => counts,
            None => {
                batch = BatchFrequency::new(records);
                &batch
            }
        };
        let mut em_iterations = 0;
        let mut em_used = false;
        if config.estimation != Estimation::None {
            let scorer = Scorer::new(&config, frequency);
            // `u` describes different people. In a large table nearly every random pair is
            // one, but in a small one, or one with many duplicates, the sample holds true
            // pairs too, and a level such as "same email" is so rare between different
            // people that a few of them would set its `u`: pairs the model already matches
            // or sends to review are left out.
            let different = |&(a, b): &(u32, u32)| {
                let s = scorer.score(&records[a as usize], &records[b as usize]);
                (s.decision == Decision::Distinct).then_some(s.comparison)
            };
            let random: Vec<Comparison> =
                parallel::filter_map_chunked(&sample, PAIR_CHUNK, different, &mut ticker)?;
            config.model.estimate_u(&random);
            if !em_pairs.is_empty() {
                let scorer = Scorer::new(&config, frequency);
                let score = |&(a, b): &(u32, u32)| {
                    scorer
                        .score(&records[a as usize], &records[b as usize])
                        .comparison
                };
                // Counted chunk by chunk: the comparisons of all pairs are never held.
                let mut counts: foldhash::HashMap<Comparison, u64> = foldhash::HashMap::default();
                for part in em_pairs.chunks(PAIR_CHUNK) {
                    for c in parallel::map_chunked(part, PAIR_CHUNK, score, &mut ticker)? {
                        *counts.entry(c).or_default() += 1;
                    }
                }
                let mut patterns: Vec<(Comparison, u64)> = counts.into_iter().collect();
                crate::sort::sort_by_key(&mut patterns, |(c, _)| (c.levels, c.swapped));
                #[allow(clippy::cast_precision_loss)] // counts far below 2^52
                let scale = candidates.len() as f64 / em_pairs.len() as f64;
                (em_iterations, em_used) = config.model.train(&patterns, scale, records.len());
            }
        }
        let scorer = Scorer::new(&config, frequency);
        // Only the pairs kept are collected: most candidates are distinct.
        let keep = |&(a, b): &(u32, u32)| {
            let s = scorer.score(&records[a as usize], &records[b as usize]);
            (s.decision != Decision::Distinct).then_some((a, b, s))
        };
        let mut kept: Vec<(u32, u32, Scored)> =
            parallel::filter_map_chunked(candidates, PAIR_CHUNK, keep, &mut ticker)?;
        // Strongest first, in the order clustering takes its edges (`cluster::stronger`).
        // Through the shared sort (`crate::sort`): the pairs kept are few next to the
        // candidates, and a sort of their own would cost the .wasm a kilobyte.
        let tie = |a: u32, b: u32| pair_tie(&hashes, a, b);
        crate::sort::sort_by(&mut kept, |x, y| {
            y.2.total
                .total_cmp(&x.2.total)
                .then(tie(x.0, x.1).cmp(&tie(y.0, y.1)))
        });
        ticker.finish()?;
        Ok(ScoredPairs {
            pairs: kept,
            candidate_pairs: candidates.len(),
            em_iterations,
            em_used,
            config,
            hashes,
        })
    }

    /// Stage 5: groups the matched pairs and builds the result.
    #[must_use]
    pub fn cluster(&self, records: &[MatchRecord], scored: ScoredPairs) -> DuplicateScan {
        let Ok(scan) = self.cluster_by(records, scored, None, &mut silent);
        scan
    }

    /// [`Matcher::cluster`], reporting progress to `observer` (see [`super::progress`]); the
    /// units are matched pairs grouped, then pairs explained.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Cancelled`] when the observer asks to stop.
    pub fn cluster_with(
        &self,
        records: &[MatchRecord],
        scored: ScoredPairs,
        observer: &mut Observer<'_>,
    ) -> Result<DuplicateScan> {
        self.cluster_by(records, scored, None, &mut cancelling(observer))
    }

    fn cluster_by<E>(
        &self,
        records: &[MatchRecord],
        scored: ScoredPairs,
        counts: Option<&NameCounts>,
        tick: &mut Tick<'_, E>,
    ) -> Result<DuplicateScan, E> {
        let config = &scored.config;
        // Name frequencies are only needed to score a pair that was never a candidate,
        // which few joins ask for: count them the first time one does.
        let frequency: OnceCell<BatchFrequency<'_>> = OnceCell::new();
        // Built once, for the first such pair (its weights are derived from the model).
        let scorer: OnceCell<Scorer<'_>> = OnceCell::new();
        let mut index: foldhash::HashMap<(u32, u32), usize> = foldhash::HashMap::default();
        let mut edges = Vec::new();
        for (i, (a, b, s)) in scored.pairs.iter().enumerate() {
            index.insert((*a, *b), i);
            if s.decision == Decision::Match {
                edges.push(Edge {
                    a: *a,
                    b: *b,
                    weight: s.total,
                    tie: pair_tie(&scored.hashes, *a, *b),
                });
            }
        }
        let plausible = |x: u32, y: u32| {
            let key = (x.min(y), x.max(y));
            let s = match index.get(&key) {
                Some(&i) => scored.pairs[i].2,
                None => scorer
                    .get_or_init(|| {
                        let frequency: &dyn NameFrequency = match counts {
                            Some(counts) => counts,
                            None => frequency.get_or_init(|| BatchFrequency::new(records)),
                        };
                        Scorer::new(config, frequency)
                    })
                    .score(&records[key.0 as usize], &records[key.1 as usize]),
            };
            cluster::fit(
                s.total - config.model.prior_weight,
                s.conflicts,
                1 << Field::GivenName.index(),
                !matches!(
                    s.comparison.level(Field::GivenName),
                    Level::Different | Level::Missing
                ),
            )
        };
        let n_edges = edges.len();
        let mut ticker = Ticker::start(tick, Stage::Cluster, n_edges + scored.pairs.len())?;
        let groups = cluster::cluster(records.len(), edges, plausible, &mut ticker)?;
        ticker.set(n_edges)?;
        let weights = config.model.weights();
        let pair = |(a, b, s): &(u32, u32, Scored)| DuplicatePair {
            left: *a as usize,
            right: *b as usize,
            probability: probability(s.total),
            decision: s.decision,
            explanation: explain(&weights, config, s),
        };
        let pairs: Vec<DuplicatePair> =
            parallel::map_chunked(&scored.pairs, PAIR_CHUNK, pair, &mut ticker)?;
        let groups: Vec<DuplicateGroup> = groups
            .into_iter()
            .map(|members| {
                let mut inside = Vec::new();
                for (i, &a) in members.iter().enumerate() {
                    for &b in &members[i + 1..] {
                        if let Some(&p) = index.get(&(a, b)) {
                            if pairs[p].decision == Decision::Match {
                                inside.push(p);
                            }
                        }
                    }
                }
                inside.sort_unstable();
                let min_probability = inside
                    .iter()
                    .map(|&p| pairs[p].probability)
                    .fold(1.0, f64::min);
                DuplicateGroup {
                    members: members.into_iter().map(|m| m as usize).collect(),
                    pairs: inside,
                    min_probability,
                }
            })
            .collect();
        let stats = ScanStats {
            records: records.len(),
            candidate_pairs: scored.candidate_pairs,
            matched_pairs: pairs
                .iter()
                .filter(|p| p.decision == Decision::Match)
                .count(),
            review_pairs: pairs
                .iter()
                .filter(|p| p.decision == Decision::Review)
                .count(),
            groups: groups.len(),
            em_iterations: scored.em_iterations,
            em_used: scored.em_used,
        };
        ticker.finish()?;
        Ok(DuplicateScan {
            pairs,
            groups,
            stats,
            model: scored.config.model,
        })
    }

    /// All stages over plain records.
    #[must_use]
    pub fn scan(&self, records: &[NewCustomer]) -> DuplicateScan {
        self.scan_prepared(&self.prepare(records))
    }

    /// [`Matcher::scan`], reporting the progress of every stage to `observer`, which can
    /// stop the scan (see [`super::progress`]).
    ///
    /// # Errors
    ///
    /// [`crate::Error::Cancelled`] when the observer asks to stop.
    ///
    /// ```
    /// use std::ops::ControlFlow;
    /// use crm_core::NewCustomer;
    /// use crm_core::dedup::{MatchConfig, Matcher, Stage};
    ///
    /// let records = vec![
    ///     NewCustomer::default().with_name("Robert", "Smith").with_email("bob@example.com"),
    ///     NewCustomer::default().with_name("Bob", "Smith").with_email("bob@example.com"),
    /// ];
    /// let matcher = Matcher::new(MatchConfig::default())?;
    /// let mut seen = Vec::new();
    /// let scan = matcher.scan_with(&records, &mut |stage, done, total| {
    ///     seen.push((stage, done, total));
    ///     ControlFlow::Continue(())
    /// })?;
    /// assert_eq!(scan.groups.len(), 1);
    /// assert_eq!(seen.first(), Some(&(Stage::Prepare, 0, 2)));
    ///
    /// // Stop as soon as scoring starts.
    /// let err = matcher
    ///     .scan_with(&records, &mut |stage, _, _| {
    ///         if stage == Stage::Score { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
    ///     })
    ///     .unwrap_err();
    /// assert_eq!(err.code(), "cancelled");
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn scan_with(
        &self,
        records: &[NewCustomer],
        observer: &mut Observer<'_>,
    ) -> Result<DuplicateScan> {
        let tick = &mut cancelling(observer);
        let prepared = self.prepare_by(records, MatchRecord::from_new, tick)?;
        self.scan_prepared_by(&prepared, None, tick)
    }

    /// All stages but the first, over prepared records.
    #[must_use]
    pub fn scan_prepared(&self, records: &[MatchRecord]) -> DuplicateScan {
        let Ok(scan) = self.scan_prepared_by::<Infallible>(records, None, &mut silent);
        scan
    }

    /// [`Matcher::scan_prepared`], reporting progress to `observer`, which can stop the scan
    /// (see [`super::progress`]).
    ///
    /// # Errors
    ///
    /// [`crate::Error::Cancelled`] when the observer asks to stop.
    pub fn scan_prepared_with(
        &self,
        records: &[MatchRecord],
        observer: &mut Observer<'_>,
    ) -> Result<DuplicateScan> {
        self.scan_prepared_by(records, None, &mut cancelling(observer))
    }

    /// [`Matcher::scan_prepared_with`], weighing exact names by `counts` (counted over a
    /// whole table, see [`NameCounts`]) instead of by the names of `records`: a scan of a
    /// part of a table then scores every pair as a scan of the whole table would.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Cancelled`] when the observer asks to stop.
    pub fn scan_prepared_with_counts(
        &self,
        records: &[MatchRecord],
        counts: &NameCounts,
        observer: &mut Observer<'_>,
    ) -> Result<DuplicateScan> {
        self.scan_prepared_by(records, Some(counts), &mut cancelling(observer))
    }

    pub(crate) fn scan_prepared_by<E>(
        &self,
        records: &[MatchRecord],
        counts: Option<&NameCounts>,
        tick: &mut Tick<'_, E>,
    ) -> Result<DuplicateScan, E> {
        let candidates = self.candidates_by(records, tick)?;
        let scored = self.score_by(records, &candidates, counts, tick)?;
        drop(candidates);
        self.cluster_by(records, scored, counts, tick)
    }

    /// Compares two prepared records and explains the result (no term-frequency
    /// adjustment: there is no batch to count names in).
    pub fn explain(&self, a: &MatchRecord, b: &MatchRecord) -> Explanation {
        let scorer = Scorer::new(&self.config, &super::score::NoFrequency);
        scorer.explain(&scorer.score(a, b))
    }
}

/// Scored candidate pairs, the output of [`Matcher::score`].
#[derive(Debug, Clone)]
pub struct ScoredPairs {
    pairs: Vec<(u32, u32, Scored)>,
    candidate_pairs: usize,
    em_iterations: usize,
    em_used: bool,
    config: MatchConfig,
    hashes: Vec<u64>,
}

impl ScoredPairs {
    /// Pairs kept (matched or for review).
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether no pair was kept.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The kept pairs: indexes and decision.
    pub fn iter(&self) -> impl Iterator<Item = (u32, u32, Decision)> + '_ {
        self.pairs.iter().map(|(a, b, s)| (*a, *b, s.decision))
    }
}

/// A tie-breaker for a pair from its records' content hashes (symmetric, independent of
/// input order).
fn pair_tie(hashes: &[u64], a: u32, b: u32) -> u64 {
    let (x, y) = (hashes[a as usize], hashes[b as usize]);
    x.min(y) ^ x.max(y).rotate_left(17)
}

/// The candidate pairs expectation maximisation learns from: all of them up to
/// [`EM_PAIRS`], else about that many, chosen by their records' content so that the sample
/// does not depend on input order.
fn em_sample<'a>(candidates: &'a [(u32, u32)], hashes: &[u64]) -> Cow<'a, [(u32, u32)]> {
    if candidates.len() <= EM_PAIRS {
        return Cow::Borrowed(candidates);
    }
    let whole = candidates.len() as u64;
    candidates
        .iter()
        .copied()
        .filter(|&(a, b)| pair_tie(hashes, a, b) % whole < EM_PAIRS as u64)
        .collect()
}

/// `count` distinct random pairs, chosen by content order so the sample does not depend
/// on input order.
fn random_pairs(records: &[MatchRecord], seed: u64, count: usize) -> Vec<(u32, u32)> {
    let n = records.len();
    if n < 2 {
        return Vec::new();
    }
    let mut order: Vec<(u64, u32)> = records
        .iter()
        .zip(0u32..)
        .map(|(r, i)| (content_hash(r), i))
        .collect();
    order.sort_unstable();
    let mut state = seed ^ 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let want = count.min(n * (n - 1) / 2);
    let mut out = Vec::with_capacity(want);
    while out.len() < want {
        let a = (next() % n as u64) as usize;
        let b = (next() % n as u64) as usize;
        if a != b {
            out.push((order[a.min(b)].1, order[a.max(b)].1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::progress::tests::records;

    #[test]
    fn em_learns_from_a_sample_chosen_by_content() {
        let matcher = Matcher::new(MatchConfig {
            estimation: Estimation::Em,
            ..MatchConfig::default()
        })
        .unwrap();
        let straight = records();
        let reversed: Vec<NewCustomer> = straight.iter().rev().cloned().collect();
        let sample = |input: &[NewCustomer]| {
            let prepared = matcher.prepare(input);
            let candidates = matcher.candidates(&prepared);
            let hashes: Vec<u64> = prepared.iter().map(content_hash).collect();
            let chosen = em_sample(&candidates, &hashes);
            assert!(
                chosen.len() < candidates.len(),
                "{} candidates",
                candidates.len()
            );
            let mut by_content: Vec<(u64, u64)> = chosen
                .iter()
                .map(|&(a, b)| {
                    let (x, y) = (hashes[a as usize], hashes[b as usize]);
                    (x.min(y), x.max(y))
                })
                .collect();
            by_content.sort_unstable();
            by_content
        };
        let (a, b) = (sample(&straight), sample(&reversed));
        assert!(
            a.len() > EM_PAIRS / 2 && a.len() < EM_PAIRS * 2,
            "{}",
            a.len()
        );
        assert_eq!(a, b);
        // The model learnt is the same whatever the order.
        assert_eq!(matcher.scan(&straight).model, matcher.scan(&reversed).model);
    }

    fn scan(estimation: Estimation) -> DuplicateScan {
        let config = MatchConfig {
            estimation,
            ..MatchConfig::default()
        };
        Matcher::new(config).unwrap().scan(&records())
    }

    #[test]
    fn u_is_estimated_from_different_people_even_in_a_small_batch() {
        // 600 records, 200 pairs of them the same person with the same email: a third of
        // the random pairs that share an email are true pairs here.
        let plain = scan(Estimation::None);
        assert_eq!(plain.stats.matched_pairs, 200);
        let estimated = scan(Estimation::U);
        assert_eq!(estimated.stats.matched_pairs, 200);
        let email = |s: &DuplicateScan| s.model.fields[Field::Email.index()].1[0].u;
        assert_eq!(email(&estimated), email(&plain));
    }

    #[test]
    fn u_leaves_out_the_pairs_to_review_too() {
        // 300 people, and for each of 150 a second record under the same mailbox with a
        // given name its letters shuffled: a conflict with a mailbox in common, a pair to
        // review. Those are not strangers sharing a mailbox by chance either.
        let mut people = Vec::new();
        for i in 0..300 {
            let email = format!("p{i}@example.com");
            let person = NewCustomer::default()
                .with_name(format!("Q{i}ribaldo"), format!("R{i}"))
                .with_email(email.clone());
            people.push(person);
            if i % 2 == 0 {
                people.push(
                    NewCustomer::default()
                        .with_name(format!("Odlabir{i}q"), format!("R{i}"))
                        .with_email(email),
                );
            }
        }
        let run = |estimation| {
            let config = MatchConfig {
                estimation,
                ..MatchConfig::default()
            };
            Matcher::new(config).unwrap().scan(&people)
        };
        let plain = run(Estimation::None);
        assert_eq!(plain.stats.review_pairs, 150);
        let email = |s: &DuplicateScan| s.model.fields[Field::Email.index()].1[0].u;
        assert_eq!(email(&run(Estimation::U)), email(&plain));
    }
}
