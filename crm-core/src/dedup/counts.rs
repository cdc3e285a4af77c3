//! Name and value counts over a whole table, for scans of its parts.
//!
//! A scan weighs an exact name by how common it is in the batch it scans (term frequency),
//! and an email, phone, birth date, address or street shared by many records (a
//! placeholder such as `000000`, a company's switchboard or head office, a family mailbox,
//! a high street) by how common it is too.
//! When a table is scanned in parts (partitions on several machines), each part would
//! count only its own names; [`NameCounts`] counted over every part and summed
//! ([`NameCounts::add`]) gives each part's scan the weights of a scan of the whole table
//! ([`Matcher::scan_prepared_with_counts`](super::Matcher::scan_prepared_with_counts)).

use serde::{Deserialize, Serialize};

use super::compare::Field;
use super::record::{BirthDate, MatchAddress, MatchRecord};
use super::score::NameFrequency;

/// Holders that may be one person, or one family: an email, phone, birth date or address
/// held by at most this many (records with different names; one person's copies under one
/// name count once, see [`holder`]) weighs what the model says; each holder beyond them
/// makes the value a little less personal (see [`value_share`]).
pub(crate) const PERSONAL_HOLDERS: f64 = 8.0;

fn value_hash(field: Field, parts: &[&[u8]]) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = foldhash::fast::FixedState::with_seed(0x7a1e_c0de).build_hasher();
    h.write_u8(field.index() as u8);
    for p in parts {
        h.write(p);
        h.write_u8(0xff);
    }
    h.finish()
}

/// An email or a phone number.
pub(crate) fn text_hash(field: Field, value: &str) -> u64 {
    value_hash(field, &[value.as_bytes()])
}

/// A birth date with its year (a day and month alone are shared by too many to count).
pub(crate) fn birth_hash(b: BirthDate) -> Option<u64> {
    let year = b.year?.to_le_bytes();
    Some(value_hash(Field::BirthDate, &[&year, &[b.month, b.day]]))
}

/// An address with a street and a house number.
fn address_hash(a: &MatchAddress) -> Option<u64> {
    (!a.street.is_empty() && !a.number.is_empty()).then(|| {
        value_hash(
            Field::Address,
            &[
                a.street.as_bytes(),
                a.number.as_bytes(),
                a.postcode.as_bytes(),
                a.city.as_bytes(),
            ],
        )
    })
}

/// A street in its town (or, without a town, its postal code): the value a `same_street`
/// level rests on. A long street in a large table has many residents, and two namesakes on
/// it say less than two on a lane.
fn street_hash(a: &MatchAddress) -> Option<u64> {
    let place = if a.city.is_empty() {
        &a.postcode
    } else {
        &a.city
    };
    (!a.street.is_empty() && !place.is_empty()).then(|| {
        value_hash(
            Field::Address,
            &[b"street", a.street.as_bytes(), place.as_bytes()],
        )
    })
}

/// Calls `f` with the hash of each street (in its town) that `a` and `b` both give.
pub(crate) fn shared_streets(a: &MatchRecord, b: &MatchRecord, mut f: impl FnMut(u64)) {
    for x in a.addresses.iter().filter_map(street_hash) {
        if b.addresses.iter().any(|y| street_hash(y) == Some(x)) {
            f(x);
        }
    }
}

/// The hashes of a record's contact values, each once: every email, phone and address (with
/// a street and a number) and street (in its town), and the birth date (with a year).
pub(crate) fn record_values(r: &MatchRecord) -> Vec<u64> {
    let mut out: Vec<u64> = r
        .emails
        .iter()
        .map(|e| text_hash(Field::Email, e))
        .collect();
    out.extend(r.phones.iter().map(|p| text_hash(Field::Phone, p)));
    out.extend(r.birth.and_then(birth_hash));
    out.extend(r.addresses.iter().filter_map(address_hash));
    out.extend(r.addresses.iter().filter_map(street_hash));
    out.sort_unstable();
    out.dedup();
    out
}

/// Calls `f` with the hash of each value of `field` that `a` and `b` both hold exactly as
/// written (normalised): the values an exact level of that field may rest on. None for a
/// name field, nor where the level rests on a near match (a mailbox at a domain one typo
/// away, an address written differently).
pub(crate) fn shared_values(
    field: Field,
    a: &MatchRecord,
    b: &MatchRecord,
    mut f: impl FnMut(u64),
) {
    match field {
        Field::Email | Field::Phone => {
            let (x, y) = if field == Field::Email {
                (&a.emails, &b.emails)
            } else {
                (&a.phones, &b.phones)
            };
            for v in x.iter().filter(|v| y.contains(v)) {
                f(text_hash(field, v));
            }
        }
        Field::BirthDate => {
            if let (Some(x), Some(y)) = (a.birth, b.birth) {
                if x == y {
                    birth_hash(x).into_iter().for_each(f);
                }
            }
        }
        Field::Address => {
            for x in a.addresses.iter().filter(|x| b.addresses.contains(x)) {
                address_hash(x).into_iter().for_each(&mut f);
            }
        }
        Field::GivenName | Field::FamilyName => {}
    }
}

/// The share of the records that hold a contact value held by `count` holders of `n`
/// records, beyond the holders that may be one person or family ([`PERSONAL_HOLDERS`]); at least
/// `u`, the model's share for a value of its field. Unlike a name's share, it is not drawn
/// towards the model's in a small batch: a value held by more than one person's copies is
/// shared whatever the size of the batch (a phone that 300 of 300 records give says nothing
/// about any two of them).
pub(crate) fn value_share(count: f64, n: f64, u: f64) -> f64 {
    let others = (count - PERSONAL_HOLDERS).max(0.0);
    (others / n.max(1.0)).max(u)
}

/// Who holds a record's contact values, so that holders are counted rather than copies:
/// the record's names (either way round), so that one person's copies count once however
/// many there are; a record with no name counts on its own (by its `position`).
pub(crate) fn holder(r: &MatchRecord, position: usize) -> u64 {
    if r.given.is_empty() && r.family.is_empty() {
        (1 << 63) | position as u64
    } else {
        full_name_hash(&r.given, &r.family)
    }
}

/// One key for a value as held by one holder, for counting holders one by one.
pub(crate) fn holding_key(value: u64, holder: u64) -> u64 {
    value ^ holder.rotate_left(29).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// Holders ([`holder`]) per contact value ([`record_values`]) of a batch, for the values
/// held by at least `min`. Only values that many records hold can have that many holders,
/// so those are found first, by the one sort of the values, and only their holders are
/// told apart.
pub(crate) fn holders(records: &[MatchRecord], min: u64) -> foldhash::HashMap<u64, u64> {
    let mut flat: Vec<u64> = Vec::new();
    let mut ends: Vec<usize> = Vec::with_capacity(records.len());
    for r in records {
        flat.extend(record_values(r));
        ends.push(flat.len());
    }
    let mut sorted = flat.clone();
    super::parallel::sort(&mut sorted);
    let held = counted(&sorted, min);
    drop(sorted);
    // The (value, holder) keys met so far: a map used as a set, the map type the counts
    // already compile (a set of its own would be more code in the .wasm).
    let mut seen: foldhash::HashMap<u64, u64> = foldhash::HashMap::default();
    let mut out: foldhash::HashMap<u64, u64> = foldhash::HashMap::default();
    let mut start = 0;
    for (i, (r, &end)) in records.iter().zip(&ends).enumerate() {
        let who = holder(r, i);
        for &value in &flat[start..end] {
            if held.contains_key(&value) && seen.insert(holding_key(value, who), 0).is_none() {
                *out.entry(value).or_default() += 1;
            }
        }
        start = end;
    }
    out.retain(|_, n| *n >= min);
    out
}

/// Run-length counts of sorted `hashes`, keeping those held by at least `min` records.
fn counted(hashes: &[u64], min: u64) -> foldhash::HashMap<u64, u64> {
    let mut out = foldhash::HashMap::default();
    let mut start = 0;
    while start < hashes.len() {
        let h = hashes[start];
        let run = hashes[start..].iter().take_while(|&&x| x == h).count();
        if run as u64 >= min {
            out.insert(h, run as u64);
        }
        start += run;
    }
    out
}

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
    /// Holders per contact value held by two or more of the records counted (an email, a
    /// phone, a birth date with its year, an address with a street and a number): records
    /// with different names, one person's copies under one name counting once (parts
    /// counted apart and added count such a person once per part), by a
    /// 64-bit hash of the field and the normalised value: stable within one version of
    /// crm, not across versions, and no contact data in the clear. A value held once in
    /// each of several parts is not counted; only values held by more than a few records
    /// change a weight.
    #[serde(default)]
    pub values: foldhash::HashMap<u64, u64>,
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
        counts.values = holders(records, 2);
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
        for (value, n) in &other.values {
            *self.values.entry(*value).or_default() += n;
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

    fn value_count(&self, value: u64) -> Option<(f64, f64)> {
        let count = self.values.get(&value).copied()?;
        Some((count as f64, self.records.max(1) as f64))
    }
}

#[cfg(test)]
mod tests {
    use std::ops::ControlFlow;

    use super::*;
    use crate::customer::NewCustomer;
    use crate::dedup::{Explanation, Level, MatchConfig, Matcher};

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

    /// `n` strangers (distinct names) who all give one placeholder phone and birth date,
    /// then "John Smith" and "Jon Smith" with the same placeholders, then Ada Lovelace twice
    /// with her own phone.
    fn placeholders(n: usize) -> Vec<NewCustomer> {
        let placeholder = |c: NewCustomer| {
            let mut c = c.with_phone("+44 20 7946 0000", Default::default());
            c.birthday = Some("1900-01-01".into());
            c
        };
        let mut out: Vec<NewCustomer> = (0..n)
            .map(|i| {
                placeholder(NewCustomer::default().with_name(format!("P{i}"), format!("Q{i}")))
            })
            .collect();
        out.push(placeholder(
            NewCustomer::default().with_name("John", "Smith"),
        ));
        out.push(placeholder(
            NewCustomer::default().with_name("Jon", "Smith"),
        ));
        for _ in 0..2 {
            out.push(
                NewCustomer::default()
                    .with_name("Ada", "Lovelace")
                    .with_phone("+44 20 7946 0018", Default::default()),
            );
        }
        out
    }

    /// The explanation of the reported pair `(a, b)` of a scan, if reported.
    fn reported(scan: &crate::dedup::DuplicateScan, a: usize, b: usize) -> Option<&Explanation> {
        let pair = scan.pairs.iter().find(|p| (p.left, p.right) == (a, b))?;
        Some(&pair.explanation)
    }

    #[test]
    fn a_value_many_records_share_is_not_evidence_of_one_person() {
        let matcher = Matcher::new(MatchConfig::default()).unwrap();
        let records = matcher.prepare(&placeholders(300));
        let scan = matcher.scan_prepared(&records);
        // Only Ada's two records are one customer.
        let groups: Vec<&[usize]> = scan.groups.iter().map(|g| &g.members[..]).collect();
        assert_eq!(groups, vec![&[302, 303][..]]);
        // Without counts (`explain`) the placeholder phone weighs what the model says; in
        // the scan, a phone and a birth date 302 records hold weigh little (the pair is
        // not even reported), and Ada's own number weighs what the model says.
        let model_phone = MatchConfig::default()
            .model
            .weights()
            .weight(Field::Phone, 0);
        let why = matcher.explain(&records[300], &records[301]);
        assert_eq!(why.fields[3].level, Level::Exact);
        assert_eq!(why.fields[3].weight, model_phone);
        if let Some(e) = reported(&scan, 300, 301) {
            let (phone, birth) = (e.fields[3].weight, e.fields[4].weight);
            assert!(phone < 2.0 && birth < 2.0, "{phone} {birth}");
        }
        assert_eq!(
            reported(&scan, 302, 303).unwrap().fields[3].weight,
            model_phone
        );
        // A pair that also shares a number of its own is judged by that number.
        let mut own = placeholders(300);
        for r in &mut own[300..302] {
            r.phones.push(crate::customer::NewPhone::new(
                "+44 20 7946 0099",
                Default::default(),
            ));
        }
        let scan_own = matcher.scan_prepared(&matcher.prepare(&own));
        assert_eq!(
            reported(&scan_own, 300, 301).unwrap().fields[3].weight,
            model_phone
        );
        // Term frequency off: the placeholder makes John and Jon one customer again.
        let off = Matcher::new(MatchConfig {
            term_frequency: false,
            ..MatchConfig::default()
        })
        .unwrap();
        let groups = off.scan_prepared(&records).groups;
        assert!(groups.iter().any(|g| g.members == vec![300, 301]));
    }

    #[test]
    fn placeholders_against_a_persons_own_values_are_no_values() {
        // Ada's legacy record has the placeholder phone and date 302 records give, her new
        // one her own: one mailbox, no conflict, nothing against. Two real dates a
        // generation apart still conflict.
        let mut records = placeholders(300);
        let ada = |phone: &str, birthday: &str| {
            let mut c = NewCustomer::default()
                .with_name("Ada", "Lovelace")
                .with_email("ada@lovelace.example")
                .with_phone(phone, Default::default());
            c.birthday = Some(birthday.into());
            c
        };
        records[302] = ada("+44 20 7946 0000", "1900-01-01");
        records[303] = ada("+44 20 7946 0018", "1815-12-10");
        let matcher = Matcher::new(MatchConfig::default()).unwrap();
        let scan = matcher.scan(&records);
        let e = reported(&scan, 302, 303).unwrap();
        assert_eq!(e.fields[3].level, Level::Missing);
        assert_eq!(e.fields[4].level, Level::Missing);
        assert!(e.conflicts.is_empty());
        assert_eq!(e.decision, crate::dedup::Decision::Match);
        // Without counts the placeholder is a date like any other.
        let alone = matcher.explain(
            &MatchRecord::from_new(&records[302]),
            &MatchRecord::from_new(&records[303]),
        );
        assert_eq!(alone.fields[3].level, Level::Different);
        assert_eq!(alone.fields[4].level, Level::Different);
        records[302] = ada("+44 20 7946 0018", "1852-11-27");
        let scan = matcher.scan(&records);
        assert_eq!(
            reported(&scan, 302, 303).unwrap().conflicts,
            vec![Field::BirthDate]
        );
    }

    #[test]
    fn namesakes_on_a_street_many_live_on_are_not_one_person_by_it() {
        // Ann Lee at 100 and at 102 on one street, among 2,000 strangers in her town, 40 of
        // whom live on it too (`Main St`), or none.
        let town = |street: String| NewCustomer {
            addresses: vec![crate::customer::NewAddress {
                lines: vec![street],
                locality: Some("Springfield".into()),
                ..Default::default()
            }],
            ..NewCustomer::default()
        };
        let batch = |busy: bool| {
            let mut people: Vec<NewCustomer> = (0..2000)
                .map(|i| {
                    let street = if busy && i < 40 {
                        "Main St".to_owned()
                    } else {
                        format!("Elm{i} St")
                    };
                    town(format!("{} {street}", i + 1)).with_name(format!("P{i}"), format!("Q{i}"))
                })
                .collect();
            for number in [100, 102] {
                people.push(town(format!("{number} Main St")).with_name("Ann", "Lee"));
            }
            people
        };
        let matcher = Matcher::new(MatchConfig::default()).unwrap();
        let model_street = MatchConfig::default()
            .model
            .weights()
            .weight(Field::Address, 1);
        let quiet = matcher.scan(&batch(false));
        let pair = reported(&quiet, 2000, 2001).unwrap();
        assert_eq!(pair.fields[5].level, Level::SameStreet);
        assert_eq!(pair.fields[5].weight, model_street);
        assert_eq!(pair.decision, crate::dedup::Decision::Match);
        let busy = matcher.scan(&batch(true));
        let pair = reported(&busy, 2000, 2001).unwrap();
        assert_eq!(pair.fields[5].level, Level::SameStreet);
        assert!(pair.fields[5].weight < model_street - 2.0, "{pair:?}");
        assert_eq!(pair.decision, crate::dedup::Decision::Review);
        assert!(!busy.groups.iter().any(|g| g.members.contains(&2000)));
    }

    #[test]
    fn a_value_held_by_more_than_one_persons_copies_does_not_corroborate() {
        // 2,000 records; a placeholder phone on 18 strangers and on John and Jon Smith:
        // still 7 bits (1 in 170), but not evidence that the two are one person.
        let mut people: Vec<NewCustomer> = (0..1980)
            .map(|i| NewCustomer::default().with_name(format!("P{i}"), format!("Q{i}")))
            .collect();
        let placeholder = |c: NewCustomer| c.with_phone("+44 20 7946 0000", Default::default());
        people.extend(
            (0..18).map(|i| placeholder(NewCustomer::default().with_name(format!("R{i}"), "S"))),
        );
        people.push(placeholder(
            NewCustomer::default().with_name("John", "Smith"),
        ));
        people.push(placeholder(
            NewCustomer::default().with_name("Jon", "Smith"),
        ));
        let matcher = Matcher::new(MatchConfig::default()).unwrap();
        let scan = matcher.scan(&people);
        let pair = reported(&scan, 1998, 1999).unwrap();
        let phone = pair.fields[3].weight;
        let model_phone = MatchConfig::default()
            .model
            .weights()
            .weight(Field::Phone, 0);
        assert!(phone > 5.0 && phone < model_phone, "{phone}");
        assert_eq!(pair.decision, crate::dedup::Decision::Review);
        assert!(scan.groups.is_empty());
    }

    #[test]
    fn one_persons_many_copies_do_not_make_their_own_values_common() {
        // Twelve copies of Noah Morris (one with the names swapped, one without a family
        // name) among 1,000 strangers, sharing a birth date and a city: twelve records, but
        // two holders, so the date stays evidence of one person and all are one customer.
        let mut people: Vec<NewCustomer> = (0..1000)
            .map(|i| NewCustomer::default().with_name(format!("P{i}"), format!("Q{i}")))
            .collect();
        for i in 0..12 {
            let mut c = match i {
                0 => NewCustomer::default().with_name("Morris", "Noah"),
                1 => NewCustomer::default().with_name("Noah", ""),
                _ => NewCustomer::default().with_name("Noah", "Morris"),
            };
            c.birthday = Some("1983-07-20".into());
            c.addresses = vec![crate::customer::NewAddress {
                locality: Some("Birmingham".into()),
                ..Default::default()
            }];
            people.push(c);
        }
        let matcher = Matcher::new(MatchConfig::default()).unwrap();
        let records = matcher.prepare(&people);
        assert_eq!(NameCounts::of(&records).values.values().max(), Some(&2));
        let scan = matcher.scan_prepared(&records);
        let groups: Vec<&[usize]> = scan.groups.iter().map(|g| &g.members[..]).collect();
        assert_eq!(groups, vec![&(1000..1012).collect::<Vec<_>>()[..]]);
        // Twelve strangers with that date are twelve holders: it weighs less.
        for (i, c) in people[1000..].iter_mut().enumerate() {
            *c = c.clone().with_name(format!("N{i}"), "Morris");
        }
        let strangers = matcher.prepare(&people);
        assert_eq!(NameCounts::of(&strangers).values.values().max(), Some(&12));
    }

    #[test]
    fn values_are_counted_once_per_holder_and_add_up() {
        let matcher = Matcher::new(MatchConfig::default()).unwrap();
        let records = matcher.prepare(&placeholders(10));
        let counts = NameCounts::of(&records);
        // The placeholder phone and birth date (12 holders each); Ada's phone is held by
        // two copies of one name, one holder: values held by one are not kept.
        let mut held: Vec<u64> = counts.values.values().copied().collect();
        held.sort_unstable();
        assert_eq!(held, vec![12, 12]);
        let (first, second) = records.split_at(6);
        let mut sum = NameCounts::of(first);
        sum.add(&NameCounts::of(second));
        assert_eq!(sum.values, counts.values);
        // A part scanned with the whole table's counts weighs the placeholder as the
        // whole table does.
        let part = matcher
            .scan_prepared_with_counts(&records[8..], &counts, &mut |_, _, _| {
                ControlFlow::Continue(())
            })
            .unwrap();
        let whole = matcher.scan_prepared(&records);
        let pick = |scan: &crate::dedup::DuplicateScan, at: usize| {
            scan.pairs
                .iter()
                .find(|p| (p.left + at, p.right + at) == (10, 11))
                .map(|p| p.explanation.fields[3].weight)
        };
        assert_eq!(pick(&part, 8), pick(&whole, 0));
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
        // EM learns `m` in its training blocks and leaves the prior to the model: with EM
        // too, the prior falls with the size of the data (it was left at the model's once,
        // and strangers sharing a given name and a birth date matched in a million records).
        let em = MatchConfig {
            estimation: Estimation::Em,
            ..config
        };
        assert_eq!(em.prior_for(16 * PRIOR_RECORDS), prior - 4.0);
        let em_scan = Matcher::new(em)
            .unwrap()
            .scan_prepared_with_counts(&records, &counts, &mut |_, _, _| ControlFlow::Continue(()))
            .unwrap();
        assert!(!em_scan.pairs.is_empty());
        assert!(
            em_scan
                .pairs
                .iter()
                .all(|p| p.explanation.prior_weight == prior - 4.0)
        );
    }
}
