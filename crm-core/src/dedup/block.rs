//! Candidate generation: which pairs are worth comparing.
//!
//! Comparing every record with every other is quadratic; instead each record gets a few
//! blocking keys and only records sharing a key are compared. The keys are chosen so that
//! a true duplicate with a typo, a nickname, swapped names or missing fields still shares
//! at least one key with its original:
//!
//! | key | catches |
//! |---|---|
//! | each email | same mailbox, any name |
//! | last 8 digits of each phone | same phone in any format |
//! | phonetic family name + postcode | typos in the given name, same place |
//! | phonetic family name + birth year | typos in the given name, moved |
//! | both phonetic names, in either order | any contact data changed, swapped names |
//! | nickname group + phonetic family name | Bob / Robert |
//! | birth date + initial of either name | a typo in one name |
//! | birthday (day and month) + both initials | a typo in each name, the year missing |
//! | postcode + phonetic given name | a family-name change at the same address |
//! | mailbox name (local part of the email) | same mailbox at another domain |
//! | street and house number with postcode, and with town | every name changed, same home |
//! | each number of the address with postcode | the same, the street mistyped, a flat added |
//!
//! plus two sorted-neighbourhood passes (records sorted by "family given" and by "given
//! family", on the first 8 bytes of each name; each compared with its next `window`
//! neighbours), which catch typos that change
//! a phonetic code, and a pass for initials: a record whose given name is one letter ("J
//! Smith") is compared with every record of that family name whose given name starts
//! with the letter (up to 4,096 of them), however common the name. A block larger than `max_block` records is compared the same way within
//! itself (sorted by name, `window` neighbours), so a common key never makes the work
//! quadratic. Everything is ordered by content, never by input position, so the candidate
//! pairs do not depend on the order of the input: only which of several records the
//! matcher reads alike (the same names and values once normalised) a window reaches does,
//! and those are interchangeable.

use std::hash::{BuildHasher, Hash, Hasher};

use foldhash::fast::FixedState;

use super::config::Blocking;
use super::nicknames::nickname_groups;
use super::parallel;
use super::phonetic::phonetic_key;
use super::progress::{RECORD_CHUNK, Ticker};
use super::record::MatchRecord;

const HASH: FixedState = FixedState::with_seed(0x0c0f_fee5);

fn key(tag: u8, parts: &[&[u8]]) -> u64 {
    let mut h = HASH.build_hasher();
    h.write_u8(tag);
    for p in parts {
        h.write(p);
        h.write_u8(0xff);
    }
    h.finish()
}

/// A hash of a record's content, used to order records independently of their position.
pub(crate) fn content_hash(r: &MatchRecord) -> u64 {
    let mut h = HASH.build_hasher();
    r.given.hash(&mut h);
    r.family.hash(&mut h);
    r.emails.hash(&mut h);
    r.phones.hash(&mut h);
    r.birth.hash(&mut h);
    for a in &r.addresses {
        a.street.hash(&mut h);
        a.number.hash(&mut h);
        a.postcode.hash(&mut h);
        a.city.hash(&mut h);
    }
    h.finish()
}

fn first_token(s: &str) -> &str {
    s.split(' ').next().unwrap_or(s)
}

/// The blocking keys of one record (deduplicated).
pub(crate) fn keys(r: &MatchRecord) -> Vec<u64> {
    let mut out = Vec::with_capacity(12);
    for e in &r.emails {
        out.push(key(1, &[e.as_bytes()]));
        if let Some((local, _)) = e.rsplit_once('@') {
            if local.len() >= 6 {
                out.push(key(2, &[local.as_bytes()]));
            }
        }
    }
    for p in &r.phones {
        let b = p.as_bytes();
        out.push(key(3, &[&b[b.len().saturating_sub(8)..]]));
    }
    let given = first_token(&r.given);
    let pg = if given.is_empty() {
        String::new()
    } else {
        phonetic_key(given)
    };
    let pf = if r.family.is_empty() {
        String::new()
    } else {
        phonetic_key(&r.family)
    };
    if !pf.is_empty() {
        for a in &r.addresses {
            if !a.postcode.is_empty() {
                out.push(key(4, &[pf.as_bytes(), a.postcode.as_bytes()]));
            }
        }
        if let Some(year) = r.birth.and_then(|b| b.year) {
            out.push(key(5, &[pf.as_bytes(), &year.to_le_bytes()]));
        }
        for g in nickname_groups(given) {
            out.push(key(7, &[&g.to_le_bytes(), pf.as_bytes()]));
        }
    }
    if !pg.is_empty() && !pf.is_empty() {
        let (lo, hi) = if pg <= pf { (&pg, &pf) } else { (&pf, &pg) };
        out.push(key(6, &[lo.as_bytes(), hi.as_bytes()]));
        // A family name of several words: each word with the given name, so that
        // "Gabriel | Santana Corante" meets "Santana Corante | Gabriel" read either way.
        if r.family.contains(' ') {
            for word in r.family.split(' ').filter(|w| w.len() >= 3) {
                let pw = phonetic_key(word);
                let (lo, hi) = if pg <= pw { (&pg, &pw) } else { (&pw, &pg) };
                out.push(key(6, &[lo.as_bytes(), hi.as_bytes()]));
            }
        }
        if r.given.contains(' ') {
            for word in r.given.split(' ').skip(1).filter(|w| w.len() >= 3) {
                let pw = phonetic_key(word);
                let (lo, hi) = if pf <= pw { (&pf, &pw) } else { (&pw, &pf) };
                out.push(key(6, &[lo.as_bytes(), hi.as_bytes()]));
            }
        }
    }
    for a in &r.addresses {
        // Same street and house number in the same town: by postcode and by city name
        // (either may be missing, and a city has several names: Venice, Venezia).
        if !a.street.is_empty() && !a.number.is_empty() {
            for town in [&*a.postcode, &*a.city] {
                if !town.is_empty() {
                    out.push(key(
                        10,
                        &[a.street.as_bytes(), a.number.as_bytes(), town.as_bytes()],
                    ));
                }
            }
        }
        // Each number of the address (the house's, a flat's) with the postcode alone: the
        // street mistyped or written otherwise ("Dalrymple Street" / "Dalrymple S treet",
        // a building's name on the second line or not), a flat given on one side only.
        if !a.postcode.is_empty() {
            for number in a.number.split(' ').filter(|n| !n.is_empty()).take(3) {
                out.push(key(12, &[number.as_bytes(), a.postcode.as_bytes()]));
            }
        }
    }
    if let Some(b) = r.birth.filter(|b| b.year.is_some()) {
        let date = [b.month, b.day];
        let year = b.year.unwrap_or(0).to_le_bytes();
        for name in [given, &*r.family] {
            if let Some(c) = name.chars().next() {
                let mut buf = [0u8; 4];
                out.push(key(8, &[&year, &date, c.encode_utf8(&mut buf).as_bytes()]));
            }
        }
    }
    if let Some(b) = r.birth {
        // The birthday without its year (many give only the day, for greetings) with
        // both initials in either order: a record without the year, or with a typo in
        // it, still meets its duplicate when the names do not.
        if let (Some(g), Some(f)) = (given.chars().next(), r.family.chars().next()) {
            let (lo, hi) = if g <= f { (g, f) } else { (f, g) };
            let initials =
                (u64::from(u32::from(lo)) << 32 | u64::from(u32::from(hi))).to_le_bytes();
            out.push(key(11, &[&[b.month, b.day], &initials]));
        }
    }
    if !pg.is_empty() {
        for a in &r.addresses {
            if !a.postcode.is_empty() {
                out.push(key(9, &[a.postcode.as_bytes(), pg.as_bytes()]));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

impl MatchRecord {
    /// The record's blocking keys (hashes of the keys listed in [`crate::dedup::block`]),
    /// sorted and without repeats. Two records are compared when they share a key (or are
    /// neighbours in name order), so records can be partitioned by key to spread a scan
    /// over several machines. The values are stable within one version of crm, not
    /// across versions.
    pub fn blocking_keys(&self) -> Vec<u64> {
        keys(self)
    }
}

/// The first 8 bytes of a name as a big-endian integer (shorter names padded with 0), so
/// that integer order is the names' byte order on those bytes.
fn prefix_key(s: &str) -> u64 {
    let mut buf = [0u8; 8];
    for (slot, b) in buf.iter_mut().zip(s.bytes()) {
        *slot = b;
    }
    u64::from_be_bytes(buf)
}

fn pack(a: u32, b: u32) -> u64 {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    (u64::from(lo) << 32) | u64::from(hi)
}

/// Unpacks a candidate pair.
pub(crate) fn unpack(p: u64) -> (u32, u32) {
    ((p >> 32) as u32, p as u32)
}

/// Records ordered by their keys in `keys`, then by position: records the matcher reads
/// alike (equal keys) keep one order in both name orders, so that which of them two passes
/// pair does not depend on how an unstable sort broke their tie.
fn by_keys(keys: &[[u64; 3]]) -> impl Fn(&u32, &u32) -> std::cmp::Ordering + Copy + '_ {
    move |a, b| keys[*a as usize].cmp(&keys[*b as usize]).then(a.cmp(b))
}

/// Sorted-neighbourhood pairs over `members` ordered by `order`.
fn windowed(
    members: &mut [u32],
    window: usize,
    order: impl Fn(&u32, &u32) -> std::cmp::Ordering,
    out: &mut Vec<u64>,
) {
    members.sort_unstable_by(order);
    for (i, &a) in members.iter().enumerate() {
        for &b in members.iter().skip(i + 1).take(window) {
            if a != b {
                out.push(pack(a, b));
            }
        }
    }
}

/// Units of progress of the block stage per record: keys, blocks, neighbourhood, sorting.
pub(crate) const UNITS_PER_RECORD: usize = 4;

/// Entries of the sorted key list between two progress reports.
const ENTRY_CHUNK: usize = if cfg!(test) { 256 } else { 64 * 1024 };

/// The candidate pairs of a batch, as packed `(lower index, higher index)`, sorted and
/// without repeats. `ticker` runs over `UNITS_PER_RECORD * records.len()` units.
pub(crate) fn candidates<E>(
    records: &[MatchRecord],
    hashes: &[u64],
    blocking: &Blocking,
    ticker: &mut Ticker<'_, '_, E>,
) -> Result<Vec<u64>, E> {
    let Ok(n) = u32::try_from(records.len()) else {
        return Ok(Vec::new());
    };
    let len = records.len();
    let per_record: Vec<Vec<u64>> = parallel::map_chunked(records, RECORD_CHUNK, keys, ticker)?;
    let mut entries: Vec<(u64, u32)> = Vec::with_capacity(per_record.iter().map(Vec::len).sum());
    for (i, ks) in (0..n).zip(&per_record) {
        entries.extend(ks.iter().map(|&k| (k, i)));
    }
    drop(per_record);
    parallel::sort(&mut entries);

    // Name order as integers (the first 8 bytes of each name, then the content hash),
    // so that sorting a million records compares words, not strings.
    let order_keys: Vec<[u64; 3]> = parallel::map(&(0..n).collect::<Vec<u32>>(), |&i| {
        let r = &records[i as usize];
        [
            prefix_key(&r.family),
            prefix_key(&r.given),
            hashes[i as usize],
        ]
    });
    // Family name first, or given name first (the keys reordered): one comparator type for
    // both orders, so the sort is compiled once (the .wasm's size).
    let given_keys: Vec<[u64; 3]> = order_keys.iter().map(|k| [k[1], k[0], k[2]]).collect();
    let (by_family, by_given) = (by_keys(&order_keys), by_keys(&given_keys));

    let mut pairs = Vec::with_capacity(entries.len() * 2);
    let mut start = 0;
    let mut reported = 0;
    let mut members = Vec::new();
    while start < entries.len() {
        if start - reported >= ENTRY_CHUNK {
            reported = start;
            ticker.set(len + share(len, start, entries.len()))?;
        }
        let k = entries[start].0;
        let end = start + entries[start..].iter().take_while(|e| e.0 == k).count();
        let block = &entries[start..end];
        if block.len() <= blocking.max_block {
            for (i, a) in block.iter().enumerate() {
                for b in &block[i + 1..] {
                    pairs.push(pack(a.1, b.1));
                }
            }
        } else {
            members.clear();
            members.extend(block.iter().map(|e| e.1));
            windowed(&mut members, blocking.window, by_family, &mut pairs);
        }
        start = end;
    }
    drop(entries);
    ticker.set(2 * len)?;
    // Sorted neighbourhood over all named records, both name orders.
    let mut named: Vec<u32> = (0..n)
        .filter(|&i| {
            !records[i as usize].family.is_empty() || !records[i as usize].given.is_empty()
        })
        .collect();
    initials(records, hashes, &mut pairs);
    let mut sn = Vec::new();
    let mut second = named.clone();
    parallel::join(
        || windowed(&mut named, blocking.window, by_family, &mut pairs),
        || windowed(&mut second, blocking.window, by_given, &mut sn),
    );
    pairs.extend(sn);
    ticker.set(3 * len)?;
    parallel::sort(&mut pairs);
    pairs.dedup();
    Ok(pairs)
}

/// At most this many records of one family name and initial are compared with a record
/// that gives only the initial (the first ones in content order): keeps a very common
/// name from making the pass quadratic.
const MAX_INITIAL_BLOCK: usize = 4096;

/// Pairs a record whose given name is a single letter ("J Smith", "J. R. Smith", or
/// swapped: "Smith | J") with every record of the same family name (phonetic code) whose
/// given name starts with that letter ("John Smith", "Jane Smith"), either way round. A
/// scan-only pass like the sorted neighbourhood: its blocks are those of a common family
/// name and initial, far beyond `max_block`, and only the pairs with an initial are
/// compared, not the full names among themselves.
fn initials(records: &[MatchRecord], hashes: &[u64], out: &mut Vec<u64>) {
    // Record positions leave a bit free in a `u32` (a batch of 2^31 records is far beyond
    // memory anyway).
    let Ok(n) = u32::try_from(records.len()).map(|n| n.min(u32::MAX >> 1)) else {
        return;
    };
    let single = |name: &str| first_token(name).chars().count() == 1;
    if !records.iter().any(|r| {
        !r.given.is_empty() && !r.family.is_empty() && (single(&r.given) || single(&r.family))
    }) {
        return;
    }
    // Per record, for each reading (given name first, then swapped): the key of the one
    // name's initial with the other's phonetic code, and whether the one name is only
    // that initial.
    let keyed: Vec<[Option<(u64, bool)>; 2]> = parallel::map(records, |r| {
        if r.given.is_empty() || r.family.is_empty() {
            return [None, None];
        }
        let reading = |one: &str, other: &str| {
            let initial = first_token(one).chars().next()?;
            let mut buf = [0u8; 4];
            let k = key(
                12,
                &[
                    initial.encode_utf8(&mut buf).as_bytes(),
                    phonetic_key(other).as_bytes(),
                ],
            );
            Some((k, single(one)))
        };
        [reading(&r.given, &r.family), reading(&r.family, &r.given)]
    });
    // (key, record << 1 | whether an initial): the type the key lists already sort.
    let mut entries: Vec<(u64, u32)> = Vec::new();
    for (i, readings) in (0..n).zip(&keyed) {
        entries.extend(
            readings
                .iter()
                .flatten()
                .map(|&(k, probe)| (k, i << 1 | u32::from(probe))),
        );
    }
    parallel::sort(&mut entries);
    let mut start = 0;
    while start < entries.len() {
        let k = entries[start].0;
        let end = start + entries[start..].iter().take_while(|e| e.0 == k).count();
        let block = &entries[start..end];
        let mut members: Vec<u32> = block.iter().map(|e| e.1 >> 1).collect();
        if members.len() > MAX_INITIAL_BLOCK {
            // The first by content, not by input position: the same pairs in any order.
            crate::sort::sort_by_key(&mut members, |&i| (hashes[i as usize], i));
            members.truncate(MAX_INITIAL_BLOCK);
        }
        for a in block.iter().filter(|e| e.1 & 1 == 1).map(|e| e.1 >> 1) {
            for &b in &members {
                if a != b {
                    out.push(pack(a, b));
                }
            }
        }
        start = end;
    }
}

/// `part / whole` of `units` (0 for an empty whole).
fn share(units: usize, part: usize, whole: usize) -> usize {
    if whole == 0 {
        return 0;
    }
    (units as u128 * part as u128 / whole as u128) as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::record::BirthDate;

    fn rec(given: &str, family: &str) -> MatchRecord {
        MatchRecord {
            given: given.into(),
            family: family.into(),
            ..MatchRecord::default()
        }
        .finish()
    }

    #[test]
    fn swapped_names_and_nicknames_share_a_key() {
        let a = keys(&rec("robert", "smith"));
        let swapped = keys(&rec("smith", "robert"));
        assert!(a.iter().any(|k| swapped.contains(k)));
        let bob = keys(&rec("bob", "smith"));
        assert!(a.iter().any(|k| bob.contains(k)));
        assert!(!keys(&rec("anna", "nowak")).iter().any(|k| a.contains(k)));
    }

    #[test]
    fn a_typo_with_a_birth_date_still_meets() {
        let mut a = rec("maria", "kowalska");
        let mut b = rec("maria", "zowalska");
        for r in [&mut a, &mut b] {
            r.birth = Some(BirthDate {
                year: Some(1975),
                month: 5,
                day: 17,
            });
        }
        let (ka, kb) = (keys(&a), keys(&b));
        assert!(ka.iter().any(|k| kb.contains(k)));
    }

    #[test]
    fn a_birthday_without_its_year_meets_despite_a_typo_in_each_name() {
        let mut a = rec("elizabeth", "bennett");
        let mut b = rec("bennet", "elizaheth");
        a.birth = Some(BirthDate {
            year: Some(1981),
            month: 7,
            day: 18,
        });
        b.birth = Some(BirthDate {
            year: None,
            month: 7,
            day: 18,
        });
        let (ka, kb) = (keys(&a), keys(&b));
        assert!(ka.iter().any(|k| kb.contains(k)));
        // Another day: no key in common.
        b.birth = Some(BirthDate {
            year: None,
            month: 7,
            day: 19,
        });
        let kb = keys(&b);
        assert!(!ka.iter().any(|k| kb.contains(k)));
    }

    #[test]
    fn a_mistyped_street_meets_by_house_number_and_postcode() {
        use crate::dedup::record::MatchAddress;
        // Both names replaced, the street mistyped, a building named on one side only:
        // the same house number in the same postcode still makes them candidates.
        let at = |given: &str, family: &str, lines: &[&str], code: &str| {
            let mut r = rec(given, family);
            r.addresses = vec![MatchAddress::new(lines, Some("Vaucluse"), Some(code))];
            keys(&r)
        };
        let a = at(
            "jamie",
            "hoffman",
            &["592 Dalrymple Street", "Carrangarra"],
            "4356",
        );
        let b = at("jajie", "hofmfan", &["592 Dalrymple S treet"], "4356");
        assert!(a.iter().any(|k| b.contains(k)));
        // A flat's number given on one side only, on its own line or before the street.
        for lines in [
            &["592 Dalrymple St", "Flat 4"][..],
            &["Flat 4, 592 Dalrymple St"],
        ] {
            let flat = at("zoe", "park", lines, "4356");
            assert!(a.iter().any(|k| flat.contains(k)), "{lines:?}");
        }
        // Another house number, or another postcode: nothing in common.
        for other in [
            at("jajie", "hofmfan", &["59 Dalrymple S treet"], "4356"),
            at("jajie", "hofmfan", &["592 Dalrymple S treet"], "4357"),
        ] {
            assert!(!a.iter().any(|k| other.contains(k)));
        }
    }

    #[test]
    fn an_initial_meets_the_full_given_name_however_common_the_family_name() {
        let mut records: Vec<MatchRecord> = (0..3000)
            .map(|i| rec(&format!("j{i:04}"), "smith"))
            .collect();
        records.push(rec("jonathan", "smith"));
        records.push(rec("j", "smith"));
        records.push(rec("k", "smith"));
        records.push(rec("smith", "j"));
        let hashes: Vec<u64> = records.iter().map(content_hash).collect();
        let mut tick = crate::dedup::progress::silent;
        let Ok(mut ticker) = Ticker::start(&mut tick, crate::dedup::Stage::Block, 0);
        let Ok(pairs) = candidates(&records, &hashes, &Blocking::default(), &mut ticker);
        let has = |a: usize, b: usize| pairs.binary_search(&pack(a as u32, b as u32)).is_ok();
        // "J Smith" meets "Jonathan Smith" and each of 3,000 other J. Smiths; "K Smith"
        // (another initial) does not, and the full names are not all paired together.
        assert!(has(3000, 3001));
        assert!(has(1500, 3001));
        assert!(!has(1500, 3002));
        assert!(!has(1500, 1700));
        // Swapped, the initial in the family name's place.
        assert!(has(1500, 3003));
        assert!(pairs.len() < 3000 * 2 * 4 * 3);
    }

    #[test]
    fn an_initial_among_too_many_meets_the_same_records_in_any_order() {
        let mut records: Vec<MatchRecord> = (0..MAX_INITIAL_BLOCK + 500)
            .map(|i| rec(&format!("j{i:05}"), "smith"))
            .collect();
        records.push(rec("j", "smith"));
        let met = |records: &[MatchRecord]| {
            let hashes: Vec<u64> = records.iter().map(content_hash).collect();
            let mut tick = crate::dedup::progress::silent;
            let Ok(mut ticker) = Ticker::start(&mut tick, crate::dedup::Stage::Block, 0);
            let Ok(pairs) = candidates(records, &hashes, &Blocking::default(), &mut ticker);
            let mut names: Vec<String> = pairs
                .iter()
                .map(|&p| unpack(p))
                .filter_map(|(a, b)| {
                    match (&*records[a as usize].given, &*records[b as usize].given) {
                        ("j", other) | (other, "j") => Some(other.to_owned()),
                        _ => None,
                    }
                })
                .collect();
            names.sort();
            names
        };
        let forward = met(&records);
        records.reverse();
        assert_eq!(met(&records), forward);
        // Capped: not every J. Smith, but the cap's worth of them.
        assert!(forward.len() >= MAX_INITIAL_BLOCK - 1 && forward.len() < MAX_INITIAL_BLOCK + 500);
    }

    #[test]
    fn large_blocks_stay_linear_and_pairs_are_unique() {
        let records: Vec<MatchRecord> = (0..2000).map(|i| rec(&format!("n{i}"), "smith")).collect();
        let hashes: Vec<u64> = records.iter().map(content_hash).collect();
        let blocking = Blocking::default();
        let mut tick = crate::dedup::progress::silent;
        let Ok(mut ticker) = Ticker::start(&mut tick, crate::dedup::Stage::Block, 0);
        let Ok(pairs) = candidates(&records, &hashes, &blocking, &mut ticker);
        assert!(pairs.len() < 2000 * 4 * blocking.window, "{}", pairs.len());
        assert!(pairs.windows(2).all(|w| w[0] < w[1]));
        assert!(pairs.iter().all(|&p| {
            let (a, b) = unpack(p);
            a < b
        }));
    }
}
