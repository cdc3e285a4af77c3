//! The Fellegi–Sunter model: how much each agreement level says for or against a match.
//!
//! For every field and level the model holds `m`, the probability of that level when two
//! records are the same customer, and `u`, its probability when they are not. The level's
//! match weight is `log2(m / u)`; a pair's total weight is the prior weight plus the weights
//! of its fields, and its match probability is `2^w / (1 + 2^w)`. A missing field weighs
//! nothing.
//!
//! The defaults describe customer data in general (how often a true duplicate keeps its
//! email, how rarely two different people share a phone), not any one data set. They can
//! be re-estimated from the data without labels with [`Model::estimate`] (expectation
//! maximisation over the candidate pairs, as splink does), and the weight of an exact name
//! is adjusted for how common the name is (term frequency: "Smith" says less than
//! "Okonkwo-Baptiste"), and two exact names together for how common the full name is
//! ("Wei Wang" is commoner than "Wei" and "Wang" apart suggest). An exact email, phone,
//! birth date or address held by more records than one person's copies weighs
//! `log2(m / share)`, the share of the records holding it beyond eight, when that is less
//! than the model's weight: a placeholder number on every record says nothing.

use serde::{Deserialize, Serialize};

use super::compare::{Comparison, Field, Level};
use crate::error::{Error, Number, Result};

/// The smallest `u` an exact name can get from its term frequency: a name held by one
/// record in ten million is not treated as more telling than one in ten thousand, so that a
/// rare name alone never outweighs every other field.
pub const MIN_TF_U: f64 = 1e-4;

/// `m` and `u` for one level of one field.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LevelProbabilities {
    /// The level.
    pub level: Level,
    /// P(level | same customer).
    pub m: f64,
    /// P(level | different customers).
    pub u: f64,
}

impl LevelProbabilities {
    /// The level's match weight, `log2(m / u)`: bits for (positive) or against a match.
    #[must_use]
    pub fn weight(&self) -> f64 {
        (self.m / self.u).log2()
    }
}

/// One level of one field of a [`Model`], with its match weight: a row of
/// [`Model::rows`], the model as a table.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ModelRow {
    /// The field.
    pub field: Field,
    /// The level.
    pub level: Level,
    /// P(level | same customer).
    pub m: f64,
    /// P(level | different customers).
    pub u: f64,
    /// `log2(m / u)`: bits for (positive) or against a match.
    pub weight: f64,
}

/// The number of records for which [`Model::prior_weight`] is stated: a scan of more records
/// (or a check against an index of more) lowers the prior by `log2(records / PRIOR_RECORDS)`
/// bits, see [`Model::prior_for`].
pub const PRIOR_RECORDS: usize = 100_000;

/// A Fellegi–Sunter model over the six compared fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// log2 of the prior odds that a candidate pair is a match, before any field is read,
    /// among up to [`PRIOR_RECORDS`] records (larger data lowers it: [`Model::prior_for`]).
    pub prior_weight: f64,
    /// `m` and `u` per field, one entry per level in [`Field::levels`] order except
    /// [`Level::Missing`].
    pub fields: Vec<(Field, Vec<LevelProbabilities>)>,
}

/// Default `(m, u)` per field and level, in [`Field::levels`] order (without `Missing`).
fn default_probabilities(field: Field) -> &'static [(f64, f64)] {
    match field {
        // exact, nickname, typo, close, initial, weak, different
        Field::GivenName => &[
            (0.80, 0.01),
            (0.05, 0.002),
            (0.07, 0.003),
            (0.02, 0.02),
            (0.03, 0.04),
            (0.02, 0.08),
            (0.01, 0.845),
        ],
        // exact, typo, close, different
        Field::FamilyName => &[(0.83, 0.003), (0.08, 0.002), (0.03, 0.01), (0.06, 0.985)],
        // exact, typo, same local part, different
        // A shared mailbox name is often just the person's name again ("jane.doe"), so it
        // says little beyond the names. A mailbox name one letter off at one domain is a
        // typing error far more often than a stranger's.
        Field::Email => &[
            (0.60, 0.00001),
            (0.02, 0.00002),
            (0.05, 0.002),
            (0.33, 0.99797),
        ],
        // exact, same subscriber, typo, different
        // One digit apart: a typing error, or colleagues' direct lines (1234-10 / 1234-11).
        Field::Phone => &[
            (0.70, 0.00001),
            (0.05, 0.00002),
            (0.02, 0.0001),
            (0.23, 0.99987),
        ],
        // exact, same day and month, one diff, close (within a year, or two digits), different
        // Day and month alone (a year unknown) are one of 365 for anyone, and the level
        // only arises where a year is missing: strong, but less than a full date. About one
        // stranger in thirty was born within a year of someone; a duplicate's date is
        // seldom that far off, so it is evidence against, but far less than another decade.
        Field::BirthDate => &[
            (0.775, 0.00005),
            (0.15, 0.0005),
            (0.05, 0.003),
            (0.005, 0.03),
            (0.02, 0.96645),
        ],
        // exact, same street, same postcode, same city, different
        Field::Address => &[
            (0.60, 0.00005),
            (0.05, 0.0002),
            (0.08, 0.003),
            (0.05, 0.03),
            (0.22, 0.96675),
        ],
    }
}

impl Default for Model {
    /// Sound defaults for customer records; see the module documentation.
    fn default() -> Self {
        let fields = Field::ALL
            .iter()
            .map(|&field| {
                let levels = field
                    .levels()
                    .iter()
                    .zip(default_probabilities(field))
                    .map(|(&level, &(m, u))| LevelProbabilities { level, m, u })
                    .collect();
                (field, levels)
            })
            .collect();
        Model {
            prior_weight: -13.0,
            fields,
        }
    }
}

/// What [`Model::estimate`] found.
///
/// Blocking makes every candidate pair agree on something (a name, a key), and agreement is
/// rare between the random pairs `u` comes from; a fit over all candidate pairs can
/// therefore take most of them for matches. A scan trains in blocks instead (see
/// [`Estimation::Em`](super::Estimation::Em)) and uses a block's fit only when the matches
/// it implies are fewer than the records (a record has about one duplicate at most, on
/// average); [`ScanStats::em_used`](super::ScanStats) says whether any was used.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EmFit {
    /// Iterations run.
    pub iterations: usize,
    /// The share of the pairs taken for matches (λ).
    pub match_share: f64,
}

/// The training blocks of expectation maximisation, as splink trains: the candidate pairs
/// with the same full name (which teach the other fields' `m`), and those with the same
/// birth date (which teach the names').
const TRAINING: [&[Field]; 2] = [&[Field::GivenName, Field::FamilyName], &[Field::BirthDate]];

/// Fewest pairs a training block needs.
const MIN_TRAINING_PAIRS: u64 = 100;

/// The weights of a model, laid out for fast scoring.
#[derive(Debug, Clone)]
pub(crate) struct Weights {
    pub(crate) prior: f64,
    /// Weight per field and level index (0 for `Missing`).
    pub(crate) table: [[f64; 8]; 6],
    /// `m` of the exact level of each field (for term-frequency adjustment), by
    /// [`Field::index`].
    pub(crate) exact_m: [f64; 6],
    /// `u` of the exact level of each field.
    pub(crate) exact_u: [f64; 6],
    /// Weight of `same_city` where no finer address level can be reached
    /// ([`only_cities_comparable`](super::compare::only_cities_comparable)): the chances
    /// of agreeing on the city at any level, so that a duplicate's street and postal code,
    /// had they been given, are not counted as lacking.
    pub(crate) city_only: f64,
    /// `u` of the `same_street` level (for its term-frequency adjustment).
    pub(crate) street_u: f64,
}

impl Weights {
    /// Weight of a level of a field.
    pub(crate) fn weight(&self, field: Field, level_index: u8) -> f64 {
        self.table[field.index()][usize::from(level_index).min(7)]
    }

    /// Sum of the field weights of a comparison (without the prior or term frequency).
    pub(crate) fn sum(&self, c: &Comparison) -> f64 {
        c.levels
            .iter()
            .enumerate()
            .map(|(f, &l)| self.table[f][usize::from(l).min(7)])
            .sum()
    }

    /// Weight of an exact name whose value is held by a share `tf` of records.
    pub(crate) fn exact_name_weight(&self, field: Field, tf: f64) -> f64 {
        (self.exact_m[field.index()] / tf.max(MIN_TF_U)).log2()
    }

    /// Weight of an exact contact value held by `count` of `n` records: the model's, or
    /// less when the value is common (term frequency), never more.
    pub(crate) fn exact_value_weight(&self, field: Field, count: f64, n: f64) -> f64 {
        let i = field.index();
        let share = super::counts::value_share(count, n, self.exact_u[i]);
        (self.exact_m[i] / share).log2().min(self.table[i][0])
    }
}

impl Model {
    /// Checks every probability is in (0, 1] and every field has one entry per level.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] naming the field and level.
    pub fn validate(&self) -> Result<()> {
        if !self.prior_weight.is_finite() {
            return Err(Error::invalid(
                "prior_weight",
                Number(self.prior_weight),
                "must be a finite number",
            ));
        }
        for &field in Field::ALL {
            let levels = self.levels(field)?;
            let expected = field.levels().len() - 1;
            if levels.len() != expected {
                return Err(Error::invalid(
                    field.as_str(),
                    levels.len(),
                    format!("expected m and u for {expected} levels"),
                ));
            }
            for (lp, &level) in levels.iter().zip(field.levels()) {
                if lp.level != level {
                    return Err(Error::invalid(
                        field.as_str(),
                        lp.level,
                        format!("expected level {level} at this position"),
                    ));
                }
                for (name, p) in [("m", lp.m), ("u", lp.u)] {
                    if !(p > 0.0 && p <= 1.0) {
                        return Err(Error::invalid(
                            format!("{field}.{level}.{name}"),
                            Number(p),
                            "a probability must be greater than 0 and at most 1",
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    fn levels(&self, field: Field) -> Result<&[LevelProbabilities]> {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, l)| l.as_slice())
            .ok_or_else(|| Error::invalid("model", field, "no probabilities for this field"))
    }

    /// The prior weight for `records` records: [`Model::prior_weight`] up to
    /// [`PRIOR_RECORDS`], and `log2(records / PRIOR_RECORDS)` bits less beyond. The chance
    /// that two records taken at random are one customer falls as the data grows (a
    /// customer has about as many duplicates in a book of a million as in one of a hundred
    /// thousand, among ten times as many others), while two strangers agree on a given name
    /// and a birth date as often as ever: without this, such coincidences would become
    /// matches in large data. The prior is never raised for small data.
    ///
    /// ```
    /// use crm_core::dedup::{Model, PRIOR_RECORDS};
    ///
    /// let model = Model::default();
    /// assert_eq!(model.prior_for(5_000), model.prior_weight);
    /// assert_eq!(model.prior_for(8 * PRIOR_RECORDS), model.prior_weight - 3.0);
    /// ```
    #[must_use]
    pub fn prior_for(&self, records: usize) -> f64 {
        #[allow(clippy::cast_precision_loss)] // record counts are far below 2^52
        let scale = records as f64 / PRIOR_RECORDS as f64;
        if scale > 1.0 {
            self.prior_weight - scale.log2()
        } else {
            self.prior_weight
        }
    }

    /// The model as a table: one row per field and level (without `missing`, which weighs
    /// nothing), fields in [`Field::ALL`] order and levels strongest first. A scan's
    /// [`DuplicateScan::model`](super::DuplicateScan) shows what estimation learnt this way
    /// in Python and JS.
    ///
    /// ```
    /// use crm_core::dedup::{Field, Level, Model};
    ///
    /// let rows = Model::default().rows();
    /// let email = rows.iter().find(|r| r.field == Field::Email && r.level == Level::Exact).unwrap();
    /// assert!(email.weight > 15.0);
    /// assert!(rows.iter().all(|r| r.level != Level::Missing));
    /// ```
    #[must_use]
    pub fn rows(&self) -> Vec<ModelRow> {
        self.fields
            .iter()
            .flat_map(|(field, levels)| {
                levels.iter().map(|lp| ModelRow {
                    field: *field,
                    level: lp.level,
                    m: lp.m,
                    u: lp.u,
                    weight: lp.weight(),
                })
            })
            .collect()
    }

    /// The weight table for scoring.
    pub(crate) fn weights(&self) -> Weights {
        let mut table = [[0.0; 8]; 6];
        let mut exact_m = [0.8; 6];
        let mut exact_u = [0.01; 6];
        let mut city_only = 0.0;
        let mut street_u = 0.0002;
        for (field, levels) in &self.fields {
            for (i, lp) in levels.iter().enumerate().take(7) {
                table[field.index()][i] = lp.weight();
                if i == 0 {
                    exact_m[field.index()] = lp.m;
                    exact_u[field.index()] = lp.u;
                }
            }
            if *field == Field::Address {
                // Exact, same street, same postal code and same city: all of them
                // agreeing levels.
                let city = levels.iter().take_while(|lp| lp.level != Level::Different);
                let (m, u) = city.fold((0.0, 0.0), |(m, u), lp| (m + lp.m, u + lp.u));
                city_only = (m / u).log2();
                if let Some(street) = levels.iter().find(|lp| lp.level == Level::SameStreet) {
                    street_u = street.u;
                }
            }
        }
        Weights {
            prior: self.prior_weight,
            table,
            exact_m,
            exact_u,
            city_only,
            street_u,
        }
    }

    /// Re-estimates `m` from unlabelled comparisons by expectation maximisation, keeping
    /// `u` (it describes random pairs and is better taken from [`Model::estimate_u`]) and
    /// the prior. `patterns` are distinct comparisons with their counts. Returns the
    /// iterations run and the share of the pairs the fit takes for matches, by which a
    /// caller can judge the fit (see [`EmFit`]).
    ///
    /// Estimated `m` values are kept within [0.001, 0.999] and the result is blended with
    /// the defaults when a level is rarely seen, so that a small or one-sided data set
    /// cannot drive a level to an extreme.
    pub fn estimate(&mut self, patterns: &[(Comparison, u64)], max_iterations: usize) -> EmFit {
        self.estimate_blocked(patterns, &[], max_iterations)
    }

    /// [`Model::estimate`] for one training block, as splink trains: `patterns` are pairs
    /// that agree on the `blocked` fields by construction (all pairs with the same full
    /// name, say), so those fields say nothing about which of them match; they are left out
    /// of the expectation step and keep their `m`. The other fields' `m` are estimated.
    ///
    /// ```
    /// use crm_core::dedup::{Comparison, Field, Model};
    ///
    /// // Pairs with the same full name: 300 share their email and birth date, 700 share
    /// // nothing else (namesakes).
    /// let same: Comparison = "given_name=exact, family_name=exact, email=exact, birth_date=exact".parse()?;
    /// let namesakes: Comparison = "given_name=exact, family_name=exact, email=different, birth_date=different".parse()?;
    /// let mut model = Model::default();
    /// let fit = model.estimate_blocked(&[(same, 300), (namesakes, 700)], &[Field::GivenName, Field::FamilyName], 50);
    /// assert!((fit.match_share - 0.3).abs() < 0.05);
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn estimate_blocked(
        &mut self,
        patterns: &[(Comparison, u64)],
        blocked: &[Field],
        max_iterations: usize,
    ) -> EmFit {
        let total: u64 = patterns.iter().map(|(_, n)| n).sum();
        if total == 0 {
            return EmFit {
                iterations: 0,
                match_share: 0.0,
            };
        }
        let mut iterations = 0;
        let prior_floor = 1e-6;
        // λ: share of candidate pairs that match, starting from the prior.
        let mut lambda = {
            let odds = 2f64.powf(self.prior_weight);
            (odds / (1.0 + odds)).max(0.01)
        };
        for _ in 0..max_iterations {
            iterations += 1;
            let w = self.weights();
            // E step: expected match count per field level.
            let mut m_counts = [[0.0f64; 8]; 6];
            let mut matched = 0.0;
            for (c, n) in patterns {
                let evidence = w.sum(c)
                    - blocked
                        .iter()
                        .map(|f| w.weight(*f, c.levels[f.index()]))
                        .sum::<f64>();
                let logit = evidence + (lambda / (1.0 - lambda)).log2();
                let p = 1.0 / (1.0 + 2f64.powf(-logit));
                let weight = p * *n as f64;
                matched += weight;
                for (f, &l) in c.levels.iter().enumerate() {
                    m_counts[f][usize::from(l).min(7)] += weight;
                }
            }
            // M step.
            let mut change: f64 = 0.0;
            for (field, levels) in &mut self.fields {
                let f = field.index();
                let missing = field.levels().len() - 1;
                let present: f64 = (0..missing).map(|i| m_counts[f][i]).sum();
                if present <= 0.0 || blocked.contains(field) {
                    continue;
                }
                let defaults = default_probabilities(*field);
                for (i, lp) in levels.iter_mut().enumerate() {
                    // Shrink towards the default with 20 pseudo-pairs.
                    let prior_m = defaults.get(i).map_or(lp.m, |d| d.0);
                    let m =
                        ((m_counts[f][i] + 20.0 * prior_m) / (present + 20.0)).clamp(0.001, 0.999);
                    change = change.max((m - lp.m).abs());
                    lp.m = m;
                }
            }
            let new_lambda = (matched / total as f64).clamp(prior_floor, 0.999);
            change = change.max((new_lambda - lambda).abs());
            lambda = new_lambda;
            if change < 1e-5 {
                break;
            }
        }
        EmFit {
            iterations,
            match_share: lambda,
        }
    }

    /// Estimates `m` by expectation maximisation in each training block over `patterns` (a
    /// sample of the candidate pairs, `scale` candidates per pair sampled), and sets each
    /// field's `m` to the mean of the blocks that estimated it. A block's fit is left out when
    /// it takes more pairs for matches than there are `records` (see [`EmFit`]).
    ///
    /// The `m` of an agreement level is never raised: the data can show that duplicates
    /// disagree on a field more often than the model says, but not that an agreement is
    /// stronger evidence. In a large table the pairs with the same full name are mostly
    /// namesakes, and namesakes share what is built from their names (a mailbox name such as
    /// "maria.garcia" at two providers); a fit takes those for duplicates, and raising
    /// `m(same mailbox name)` from it would merge namesakes. A level that weighs against a
    /// match (a birth date months off, given names only weakly alike) is an agreement too,
    /// of a kind a duplicate seldom shows: the data may raise its `m` until it weighs
    /// nothing (data entered with dates often a few weeks off), never so far that it
    /// counts for a match. A block teaches only where three fields beside the blocked ones
    /// hold values (in a tenth of its pairs or more): with fewer, duplicates and others are
    /// not told apart by the fit (a list of names and dates alone teaches nothing).
    /// Returns the iterations run and whether any block's fit was used.
    pub(crate) fn train(
        &mut self,
        patterns: &[(Comparison, u64)],
        scale: f64,
        records: usize,
    ) -> (usize, bool) {
        let start = self.clone();
        let mut fits: Vec<(Model, &[Field])> = Vec::new();
        let mut iterations = 0;
        for blocked in TRAINING {
            let block: Vec<(Comparison, u64)> = patterns
                .iter()
                .filter(|(c, _)| blocked.iter().all(|f| c.level(*f) == Level::Exact))
                .copied()
                .collect();
            let pairs: u64 = block.iter().map(|(_, n)| n).sum();
            // Two kinds of pair (duplicates, others) told apart by one or two fields are no
            // fit at all: any split of their levels explains the data as well (a latent
            // class model needs three fields to be identified).
            let informative = Field::ALL
                .iter()
                .filter(|f| !blocked.contains(f))
                .filter(|f| {
                    let known: u64 = block
                        .iter()
                        .filter(|(c, _)| c.level(**f) != Level::Missing)
                        .map(|(_, n)| n)
                        .sum();
                    known * 10 >= pairs
                })
                .count();
            if pairs < MIN_TRAINING_PAIRS || informative < 3 {
                continue;
            }
            let mut trial = start.clone();
            let fit = trial.estimate_blocked(&block, blocked, 100);
            iterations += fit.iterations;
            #[allow(clippy::cast_precision_loss)] // counts far below 2^52
            if fit.match_share * pairs as f64 * scale <= records as f64 {
                fits.push((trial, blocked));
            }
        }
        for (field, levels) in &mut self.fields {
            let learnt: Vec<&Model> = fits
                .iter()
                .filter(|(_, blocked)| !blocked.contains(field))
                .map(|(m, _)| m)
                .collect();
            if learnt.is_empty() {
                continue;
            }
            let different = field.levels().len() - 2;
            for (i, lp) in levels.iter_mut().enumerate() {
                #[allow(clippy::cast_precision_loss)]
                let mean = learnt
                    .iter()
                    .filter_map(|m| m.fields.iter().find(|(f, _)| f == field))
                    .map(|(_, l)| l[i].m)
                    .sum::<f64>()
                    / learnt.len() as f64;
                // A level that weighs for a match never weighs more than it did; one that
                // weighs against (a birth date months off, given names only weakly alike)
                // may be learnt to weigh less, down to nothing, never for.
                lp.m = if i >= different {
                    mean
                } else {
                    mean.min(lp.m.max(lp.u))
                };
            }
        }
        (iterations, !fits.is_empty())
    }

    /// Sets `u` from comparisons of random record pairs (almost all of which are different
    /// customers): the share of each level among them, with one pseudo-count per level so
    /// that no level gets `u = 0`.
    ///
    /// The estimate can make an agreement level weigh less than the model says, never more:
    /// each agreement level keeps the larger of its `u` and the sampled share. Random pairs
    /// tell how common a value is (a data set where most customers live in one city makes
    /// "same city" say little), but not how often the different people a scan actually
    /// compares (those sharing a name or a key) agree: family members share a postcode,
    /// namesakes a mailbox name built from their names, siblings close given names. Such
    /// agreements are rare between random strangers, so a `u` taken from random pairs alone
    /// would weigh them as strong evidence. The level `different` takes the sampled share.
    ///
    /// ```
    /// use crm_core::dedup::{Comparison, Field, Level, Model};
    ///
    /// // Half of all random pairs live in the same city: a shared city says nothing here.
    /// let city: Comparison = "address=same_city".parse()?;
    /// let elsewhere: Comparison = "address=different".parse()?;
    /// let mut model = Model::default();
    /// model.estimate_u(&[vec![city; 1000], vec![elsewhere; 1000]].concat());
    /// let u = |m: &Model, level: Level| {
    ///     m.fields[Field::Address.index()].1.iter().find(|l| l.level == level).map(|l| l.u)
    /// };
    /// assert!(u(&model, Level::SameCity) > Some(0.4));
    /// // No random pair shares a postcode: the default `u` stays, it does not fall to 1/2000.
    /// assert_eq!(u(&model, Level::SamePostcode), u(&Model::default(), Level::SamePostcode));
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn estimate_u(&mut self, random_pairs: &[Comparison]) {
        if random_pairs.is_empty() {
            return;
        }
        for (field, levels) in &mut self.fields {
            let f = field.index();
            let missing = field.levels().len() - 1;
            let mut counts = vec![0.0f64; missing];
            for c in random_pairs {
                let l = usize::from(c.levels[f]);
                if l < missing {
                    counts[l] += 1.0;
                }
            }
            let present: f64 = counts.iter().sum();
            if present < 1000.0 {
                // Too few pairs with this field on both sides to say anything.
                continue;
            }
            let k = missing as f64;
            for (i, lp) in levels.iter_mut().enumerate() {
                let sampled = (counts[i] + 1.0) / (present + k);
                // The last level before `missing` is `different`.
                lp.u = if i == missing - 1 {
                    sampled
                } else {
                    lp.u.max(sampled)
                };
            }
        }
    }
}

/// Probability from a total match weight.
pub(crate) fn probability(weight: f64) -> f64 {
    1.0 / (1.0 + 2f64.powf(-weight))
}

/// The total match weight at which the probability reaches `p`.
pub(crate) fn weight_for(p: f64) -> f64 {
    (p / (1.0 - p)).log2()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_ordered() {
        let model = Model::default();
        model.validate().unwrap();
        let w = model.weights();
        for &field in Field::ALL {
            let n = field.levels().len() - 1;
            // Weights fall from the strongest level to `different`, which is negative.
            assert!(w.weight(field, 0) > 0.0, "{field}");
            assert!(w.weight(field, (n - 1) as u8) < 0.0, "{field}");
            assert_eq!(w.weight(field, n as u8), 0.0, "{field} missing");
        }
    }

    #[test]
    fn rare_names_weigh_more_but_are_capped() {
        let w = Model::default().weights();
        let smith = w.exact_name_weight(Field::FamilyName, 0.01);
        let rare = w.exact_name_weight(Field::FamilyName, 1e-6);
        assert!(rare > smith + 5.0);
        assert_eq!(rare, w.exact_name_weight(Field::FamilyName, MIN_TF_U));
    }

    #[test]
    fn invalid_probabilities_are_refused() {
        let mut model = Model::default();
        model.fields[2].1[0].u = 0.0;
        let err = model.validate().unwrap_err();
        assert_eq!(err.field(), Some("email.exact.u"));
        model = Model::default();
        model.prior_weight = f64::NAN;
        assert!(model.validate().is_err());
    }

    #[test]
    fn probability_and_weight_are_inverse() {
        for p in [0.01, 0.5, 0.9, 0.999] {
            assert!((probability(weight_for(p)) - p).abs() < 1e-12);
        }
    }

    #[test]
    fn em_moves_m_towards_the_data() {
        // Pairs that agree on everything, and pairs that disagree on everything.
        let all_exact: Comparison = "given_name=exact, family_name=exact, email=exact, phone=exact, birth_date=exact, address=exact".parse().unwrap();
        let mut phone_diff = all_exact;
        phone_diff.levels[Field::Phone.index()] = 2;
        let nothing: Comparison = "given_name=different, family_name=different, email=different, phone=different, birth_date=different, address=different".parse().unwrap();
        let mut model = Model::default();
        let before = model.fields[3].1[2].m;
        let fit = model.estimate(&[(all_exact, 500), (phone_diff, 500), (nothing, 5000)], 50);
        assert!(fit.iterations > 1);
        // A thousand of the 6,000 pairs match.
        assert!(
            (fit.match_share - 1.0 / 6.0).abs() < 0.01,
            "{}",
            fit.match_share
        );
        let after = model.fields[3].1[2].m;
        // Half of the matches disagree on the phone: m(phone different) rises towards 0.5.
        assert!(after > before + 0.1, "{before} -> {after}");
    }

    fn patterns(list: &[(&str, u64)]) -> Vec<(Comparison, u64)> {
        list.iter().map(|(c, n)| (c.parse().unwrap(), *n)).collect()
    }

    fn m(model: &Model, field: Field, level: Level) -> f64 {
        let i = field.level_index(level).unwrap();
        model.fields[field.index()].1[i].m
    }

    #[test]
    fn training_blocks_teach_how_duplicates_disagree_never_a_stronger_agreement() {
        let names = "given_name=exact, family_name=exact";
        let dob = "birth_date=exact";
        let pairs = patterns(&[
            // Same full name: 300 the same person (same email; 60 of them with another
            // birth date), 700 namesakes.
            (
                &format!("{names}, email=exact, phone=exact, birth_date=exact"),
                240,
            ),
            (
                &format!("{names}, email=exact, phone=exact, birth_date=different"),
                60,
            ),
            (
                &format!("{names}, email=different, phone=different, birth_date=different"),
                700,
            ),
            // Same birth date: the 240 above, and 800 strangers.
            (
                &format!("{dob}, given_name=different, family_name=different, email=different"),
                800,
            ),
        ]);
        let start = Model::default();
        let mut model = start.clone();
        let (iterations, used) = model.train(&pairs, 1.0, 10_000);
        assert!(iterations > 0 && used);
        // A fifth of the duplicates disagree on the birth date: its `different` level is
        // learnt (from 0.02 towards 0.2).
        let learnt = m(&model, Field::BirthDate, Level::Different);
        assert!(learnt > 0.1, "{learnt}");
        // Every duplicate shares its email: the data say m = 1, more than the default 0.6,
        // but an agreement never weighs more than the model it started from.
        assert_eq!(
            m(&model, Field::Email, Level::Exact),
            m(&start, Field::Email, Level::Exact)
        );
    }

    #[test]
    fn training_can_make_a_level_that_weighs_against_weigh_nothing_never_for() {
        let names = "given_name=exact, family_name=exact";
        // Same full name: 500 duplicates with the same email, 300 of them with birth dates
        // a few weeks apart; 500 namesakes sharing nothing else.
        let pairs = patterns(&[
            (
                &format!("{names}, email=exact, phone=exact, birth_date=exact"),
                200,
            ),
            (
                &format!("{names}, email=exact, phone=exact, birth_date=close"),
                300,
            ),
            (
                &format!("{names}, email=different, phone=different, birth_date=different"),
                500,
            ),
        ]);
        let start = Model::default();
        let weight = |model: &Model| {
            let lp = &model.fields[Field::BirthDate.index()].1[3];
            assert_eq!(lp.level, Level::Close);
            lp.weight()
        };
        assert!(weight(&start) < -2.0);
        let mut model = start.clone();
        assert!(model.train(&pairs, 1.0, 10_000).1);
        // Three in five duplicates are "close": the data say it is evidence for a match,
        // but a level that weighs against is learnt only until it weighs nothing.
        assert!(weight(&model).abs() < 1e-9, "{}", weight(&model));
    }

    #[test]
    fn a_training_fit_that_takes_more_matches_than_records_is_not_used() {
        // 1,000 pairs with the same full name, birth date and city, nothing else known:
        // the fit takes them all for matches, but there are only 100 records.
        let pairs = patterns(&[(
            "given_name=exact, family_name=exact, birth_date=exact, address=same_city",
            1000,
        )]);
        let start = Model::default();
        let mut model = start.clone();
        let (iterations, used) = model.train(&pairs, 1.0, 100);
        assert!(iterations > 0);
        assert!(!used);
        assert_eq!(model, start);
        // With 100,000 records the same fit is plausible and used.
        assert!(model.train(&pairs, 1.0, 100_000).1);
    }

    #[test]
    fn a_block_with_fewer_than_three_fields_beside_the_blocked_ones_teaches_nothing() {
        // A list of names and birth dates (and at most one more field): among the pairs
        // with the same full name, two kinds of pair told apart by one or two fields fit
        // any split of their levels, so the dates' `m` stays as it was.
        let names = "given_name=exact, family_name=exact";
        let start = Model::default();
        let dates = |model: &Model| model.fields[Field::BirthDate.index()].1.clone();
        for other in ["", ", email=exact"] {
            let pairs = patterns(&[
                (&format!("{names}{other}, birth_date=exact"), 300),
                (&format!("{names}{other}, birth_date=one_diff"), 200),
                (&format!("{names}{other}, birth_date=different"), 500),
            ]);
            let mut model = start.clone();
            model.train(&pairs, 1.0, 10_000);
            assert_eq!(dates(&model), dates(&start), "{other}");
        }
        // With a third field known in the block, the same dates are learnt from: two in
        // five duplicates have a date one part off.
        let both = "email=exact, phone=exact";
        let neither = "email=different, phone=different";
        let pairs = patterns(&[
            (&format!("{names}, {both}, birth_date=exact"), 300),
            (&format!("{names}, {both}, birth_date=one_diff"), 200),
            (&format!("{names}, {neither}, birth_date=different"), 500),
        ]);
        let mut model = start.clone();
        assert!(model.train(&pairs, 1.0, 10_000).1);
        assert!(
            m(&model, Field::BirthDate, Level::Exact) < m(&start, Field::BirthDate, Level::Exact)
        );
    }
}
