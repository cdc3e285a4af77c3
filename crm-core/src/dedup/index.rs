//! Checking one record against many: the incremental side of duplicate detection.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::block::keys;
use super::config::MatchConfig;
use super::counts::{full_name_hash, holder, holding_key, record_full_name_hash, record_values};
use super::model::probability;
use super::record::MatchRecord;
use super::score::{Decision, Explanation, NameFrequency, Scorer};
use crate::error::Result;
use crate::id::CustomerId;

/// Members of one blocking key compared at most, so that a very common key ("John Smith")
/// cannot make one check slow; the other keys and the name neighbourhood still apply.
const MAX_KEY_MEMBERS: usize = 1024;

/// An existing record that may be the same customer as the one checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicateCandidate {
    /// The existing customer.
    pub id: CustomerId,
    /// Match probability: a score, not a frequency ([`Explanation::probability`]).
    pub probability: f64,
    /// `match` or `review`.
    pub decision: Decision,
    /// Per-field levels and weights.
    pub explanation: Explanation,
}

/// An index of prepared records that answers "who might this be?" for one record in
/// microseconds, with the same scoring as a full scan (term frequencies come from the
/// indexed records).
///
/// ```
/// use crm_core::NewCustomer;
/// use crm_core::dedup::{MatchConfig, MatchIndex, MatchRecord};
/// use crm_core::CustomerId;
///
/// let mut index = MatchIndex::new(MatchConfig::default())?;
/// let ada = CustomerId::parse("0190a6d2-4c1e-7000-8000-000000000001")?;
/// index.insert(ada, MatchRecord::from_new(&NewCustomer::default().with_name("Ada", "Lovelace").with_email("ada@example.com")));
/// let found = index.check(&MatchRecord::from_new(&NewCustomer::default().with_name("Ada", "Lovelace").with_email("ADA@example.com")));
/// assert_eq!(found[0].id, ada);
/// assert_eq!(found[0].decision.as_str(), "match");
/// # Ok::<(), crm_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct MatchIndex {
    config: MatchConfig,
    ids: Vec<Option<CustomerId>>,
    records: Vec<MatchRecord>,
    slots: foldhash::HashMap<CustomerId, u32>,
    blocks: foldhash::HashMap<u64, Vec<u32>>,
    names: BTreeSet<(Box<str>, Box<str>, u32)>,
    counts: foldhash::HashMap<Box<str>, u32>,
    /// Records per full name, by [`full_name_hash`].
    full: foldhash::HashMap<u64, u32>,
    /// Holders per contact value (records with different names, see
    /// [`holder`](super::counts::holder)).
    values: foldhash::HashMap<u64, u32>,
    /// Records per value and holder, by [`holding_key`]: a holder is counted in `values`
    /// while it holds the value in at least one record.
    holdings: foldhash::HashMap<u64, u32>,
    live: usize,
    /// Slots of removed records, taken again by the next inserts (a book's index sees
    /// every update of a customer as a removal and an insert).
    free: Vec<u32>,
}

impl MatchIndex {
    /// An empty index.
    ///
    /// # Errors
    ///
    /// [`crate::Error::InvalidValue`] from [`MatchConfig::validate`].
    pub fn new(config: MatchConfig) -> Result<MatchIndex> {
        config.validate()?;
        Ok(MatchIndex {
            config,
            ids: Vec::new(),
            records: Vec::new(),
            slots: foldhash::HashMap::default(),
            blocks: foldhash::HashMap::default(),
            names: BTreeSet::new(),
            counts: foldhash::HashMap::default(),
            full: foldhash::HashMap::default(),
            values: foldhash::HashMap::default(),
            holdings: foldhash::HashMap::default(),
            live: 0,
            free: Vec::new(),
        })
    }

    /// The configuration.
    pub fn config(&self) -> &MatchConfig {
        &self.config
    }

    /// Records indexed.
    pub fn len(&self) -> usize {
        self.live
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Adds (or replaces) a record.
    pub fn insert(&mut self, id: CustomerId, record: MatchRecord) {
        self.remove(id);
        let slot = match self.free.pop() {
            Some(slot) => slot,
            None => {
                let Ok(slot) = u32::try_from(self.records.len()) else {
                    return;
                };
                self.ids.push(None);
                self.records.push(MatchRecord::default());
                slot
            }
        };
        for k in keys(&record) {
            self.blocks.entry(k).or_default().push(slot);
        }
        self.names
            .insert((record.family.clone(), record.given.clone(), slot));
        for name in [&record.given, &record.family] {
            if !name.is_empty() {
                *self.counts.entry(name.clone()).or_default() += 1;
            }
        }
        if let Some(full) = record_full_name_hash(&record) {
            *self.full.entry(full).or_default() += 1;
        }
        let who = holder(&record, slot as usize);
        for value in record_values(&record) {
            let held = self.holdings.entry(holding_key(value, who)).or_default();
            *held += 1;
            if *held == 1 {
                *self.values.entry(value).or_default() += 1;
            }
        }
        self.ids[slot as usize] = Some(id);
        self.records[slot as usize] = record;
        self.slots.insert(id, slot);
        self.live += 1;
    }

    /// Removes a record; returns whether it was there.
    pub fn remove(&mut self, id: CustomerId) -> bool {
        let Some(slot) = self.slots.remove(&id) else {
            return false;
        };
        let record = std::mem::take(&mut self.records[slot as usize]);
        for k in keys(&record) {
            if let Some(members) = self.blocks.get_mut(&k) {
                members.retain(|&m| m != slot);
                if members.is_empty() {
                    self.blocks.remove(&k);
                }
            }
        }
        self.names
            .remove(&(record.family.clone(), record.given.clone(), slot));
        for name in [&record.given, &record.family] {
            decrement(&mut self.counts, &**name);
        }
        if let Some(full) = record_full_name_hash(&record) {
            decrement(&mut self.full, &full);
        }
        let who = holder(&record, slot as usize);
        for value in record_values(&record) {
            let key = holding_key(value, who);
            decrement(&mut self.holdings, &key);
            if !self.holdings.contains_key(&key) {
                decrement(&mut self.values, &value);
            }
        }
        self.ids[slot as usize] = None;
        self.free.push(slot);
        self.live -= 1;
        true
    }

    /// Existing records that may be the same customer as `record`, strongest first (only
    /// matches and pairs for review).
    pub fn check(&self, record: &MatchRecord) -> Vec<DuplicateCandidate> {
        self.check_excluding(record, None)
    }

    /// As [`MatchIndex::check`], ignoring one indexed customer (the record itself, when
    /// checking a stored customer).
    pub fn check_excluding(
        &self,
        record: &MatchRecord,
        exclude: Option<CustomerId>,
    ) -> Vec<DuplicateCandidate> {
        let mut slots: Vec<u32> = Vec::new();
        for k in keys(record) {
            if let Some(members) = self.blocks.get(&k) {
                slots.extend(members.iter().take(MAX_KEY_MEMBERS));
            }
        }
        let window = self.config.blocking.window;
        let probe = (record.family.clone(), record.given.clone(), 0u32);
        slots.extend(self.names.range(probe.clone()..).take(window).map(|e| e.2));
        slots.extend(self.names.range(..probe).rev().take(window).map(|e| e.2));
        slots.sort_unstable();
        slots.dedup();
        // The prior for the index's size, as a scan of its records would use.
        let scorer =
            Scorer::new(&self.config, self).with_prior(self.config.prior_for(self.live + 1));
        let mut out: Vec<DuplicateCandidate> = slots
            .into_iter()
            .filter_map(|slot| {
                let id = self.ids.get(slot as usize).copied().flatten()?;
                if Some(id) == exclude {
                    return None;
                }
                let s = scorer.score(record, &self.records[slot as usize]);
                (s.decision != Decision::Distinct).then(|| DuplicateCandidate {
                    id,
                    probability: probability(s.total),
                    decision: s.decision,
                    explanation: scorer.explain(&s),
                })
            })
            .collect();
        crate::sort::sort_by(&mut out, |a, b| {
            b.probability
                .total_cmp(&a.probability)
                .then(a.id.cmp(&b.id))
        });
        out
    }
}

/// Counts one record less under `key`, forgetting the key at 0.
fn decrement<K, Q>(counts: &mut foldhash::HashMap<K, u32>, key: &Q)
where
    K: std::borrow::Borrow<Q> + std::hash::Hash + Eq,
    Q: std::hash::Hash + Eq + ?Sized,
{
    if let Some(c) = counts.get_mut(key) {
        *c -= 1;
        if *c == 0 {
            counts.remove(key);
        }
    }
}

impl NameFrequency for MatchIndex {
    fn count(&self, value: &str) -> Option<(f64, f64)> {
        let count = self.counts.get(value).copied().unwrap_or(0);
        // The checked record itself holds the value once more.
        Some((f64::from(count + 1), (self.live + 1) as f64))
    }

    fn full_name_count(&self, given: &str, family: &str) -> Option<(f64, f64)> {
        let count = self
            .full
            .get(&full_name_hash(given, family))
            .copied()
            .unwrap_or(0);
        Some((f64::from(count + 1), (self.live + 1) as f64))
    }

    fn value_count(&self, value: u64) -> Option<(f64, f64)> {
        // Held by the checked record and by the indexed holders (counted as another holder
        // even where it bears one of their names: a little less personal, never more).
        let count = self.values.get(&value).copied().unwrap_or(0);
        Some((f64::from(count + 1), (self.live + 1) as f64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::NewCustomer;

    #[test]
    fn a_record_replaced_again_and_again_takes_one_slot() {
        let mut index = MatchIndex::new(MatchConfig::default()).unwrap();
        let id = |n: u128| CustomerId::from_uuid(uuid::Uuid::from_u128(n));
        let ada = |n: usize| {
            MatchRecord::from_new(
                &NewCustomer::default()
                    .with_name("Ada", "Lovelace")
                    .with_email(format!("ada{n}@example.com")),
            )
        };
        index.insert(id(1), ada(0));
        for n in 1..1000 {
            index.insert(id(1), ada(n));
        }
        index.insert(id(2), ada(1000));
        assert!(index.remove(id(1)));
        index.insert(id(3), ada(1001));
        assert_eq!(
            (index.len(), index.records.len(), index.ids.len()),
            (2, 2, 2)
        );
        let found = index.check(&ada(999));
        assert!(found.iter().all(|c| c.id != id(1)), "{found:?}");
        let found = index.check(&ada(1001));
        assert_eq!(found[0].id, id(3));
    }

    #[test]
    fn a_value_counts_its_holders_not_their_copies() {
        let mut index = MatchIndex::new(MatchConfig::default()).unwrap();
        let rec = |g: &str, f: &str| {
            MatchRecord::from_new(
                &NewCustomer::default()
                    .with_name(g, f)
                    .with_email("home@example.com"),
            )
        };
        let id = |n: u128| CustomerId::from_uuid(uuid::Uuid::from_u128(n));
        let value = record_values(&rec("Ann", "Lee"))[0];
        index.insert(id(1), rec("Ann", "Lee"));
        index.insert(id(2), rec("Lee", "Ann"));
        index.insert(id(3), rec("Bo", "Lee"));
        index.insert(id(4), rec("", ""));
        index.insert(id(5), rec("", ""));
        // Ann Lee's two copies are one holder; records without a name hold apart. The
        // checked record is counted as one more.
        assert_eq!(index.value_count(value), Some((5.0, 6.0)));
        assert!(index.remove(id(1)));
        assert_eq!(index.value_count(value), Some((5.0, 5.0)));
        assert!(index.remove(id(2)));
        assert!(index.remove(id(5)));
        assert_eq!(index.value_count(value), Some((3.0, 3.0)));
        assert!(index.remove(id(3)));
        assert!(index.remove(id(4)));
        assert!(index.values.is_empty() && index.holdings.is_empty());
    }

    #[test]
    fn full_names_are_counted_either_way_round_and_forgotten_on_removal() {
        let mut index = MatchIndex::new(MatchConfig::default()).unwrap();
        let rec = |g: &str, f: &str| MatchRecord::from_new(&NewCustomer::default().with_name(g, f));
        let id = |n: u128| CustomerId::from_uuid(uuid::Uuid::from_u128(n));
        index.insert(id(1), rec("Wei", "Wang"));
        index.insert(id(2), rec("Wang", "Wei"));
        index.insert(id(3), rec("Wei", ""));
        // The checked record is counted too: two held, one checked, of four.
        assert_eq!(index.full_name_count("wei", "wang"), Some((3.0, 4.0)));
        assert_eq!(index.full_name_count("wang", "wei"), Some((3.0, 4.0)));
        assert!(index.remove(id(2)));
        assert!(index.remove(id(3)));
        assert_eq!(index.full_name_count("wei", "wang"), Some((2.0, 2.0)));
        assert!(index.remove(id(1)));
        assert!(index.full.is_empty());
        assert!(index.counts.is_empty());
    }

    #[test]
    fn insert_check_remove() {
        let mut index = MatchIndex::new(MatchConfig::default()).unwrap();
        let rec = |g: &str, f: &str, e: &str| {
            MatchRecord::from_new(&NewCustomer::default().with_name(g, f).with_email(e))
        };
        let a = CustomerId::from_uuid(uuid::Uuid::from_u128(1));
        let b = CustomerId::from_uuid(uuid::Uuid::from_u128(2));
        index.insert(a, rec("Robert", "Smith", "rsmith@example.com"));
        index.insert(b, rec("Anna", "Nowak", "anna@example.org"));
        assert_eq!(index.len(), 2);
        let found = index.check(&rec("Bob", "Smith", "RSmith@example.com"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].id, a);
        assert!(
            index
                .check_excluding(&rec("Bob", "Smith", "RSmith@example.com"), Some(a))
                .is_empty()
        );
        assert!(index.remove(a));
        assert!(!index.remove(a));
        assert!(
            index
                .check(&rec("Bob", "Smith", "RSmith@example.com"))
                .is_empty()
        );
        // Re-inserting replaces.
        index.insert(b, rec("Anna", "Nowak-Kowalska", "anna@example.org"));
        assert_eq!(index.len(), 1);
    }

    #[test]
    fn a_phone_many_indexed_customers_give_weighs_little_and_is_forgotten_on_removal() {
        let mut index = MatchIndex::new(MatchConfig::default()).unwrap();
        let rec = |g: &str, f: &str| {
            MatchRecord::from_new(
                &NewCustomer::default()
                    .with_name(g, f)
                    .with_phone("+44 20 7946 0000", Default::default()),
            )
        };
        let id = |n: u128| CustomerId::from_uuid(uuid::Uuid::from_u128(n));
        index.insert(id(1), rec("John", "Smith"));
        // One other holder: "Jon Smith" with the same number is John.
        let jon = rec("Jon", "Smith");
        assert_eq!(index.check(&jon)[0].decision, Decision::Match);
        // Forty strangers give the number too: it is a placeholder, not John's.
        for i in 0..40 {
            index.insert(id(100 + i), rec(&format!("P{i}"), &format!("Q{i}")));
        }
        let found = index.check(&jon);
        assert!(found.iter().all(|c| c.decision != Decision::Match));
        for i in 0..40 {
            index.remove(id(100 + i));
        }
        assert_eq!(index.check(&jon)[0].decision, Decision::Match);
        assert!(index.remove(id(1)));
        assert!(index.values.is_empty());
    }
}
