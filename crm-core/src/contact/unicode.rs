//! Unicode normalisation (NFC, NFKD) and the character properties [`super::text`] and
//! [`super::email`] need, over compact compiled-in tables generated from the
//! `unicode-normalization` crate (the Unicode version in the data file's header), whose
//! answers these equal for every code point (tested).
//!
//! On the browser / Node target (`wasm32-unknown-unknown`), [`nfc`], [`nfkd`] and
//! [`nfc_cow`] use the JavaScript engine's `String.prototype.normalize` instead, and the
//! decomposition and composition tables are not compiled in (19 KB gzipped of the .wasm).
//! Every engine implements the same Unicode algorithm over the same Unicode data, so the
//! results are the same for every character that both Unicode versions assign (the engine's
//! is its ICU's: Unicode 15.1 or later in current Node and Chromium). The character
//! properties ([`is_combining_mark`]) come from the tables on every target.
//!
//! # Algorithms
//!
//! * Decomposition (NFD, NFKD): every character is replaced by its full decomposition
//!   (recursively, through the stored mappings below; Hangul syllables by arithmetic), then
//!   each run of non-starters (combining class > 0) is sorted by combining class, stably
//!   (canonical ordering).
//! * Composition (NFC): after canonical decomposition, each character is combined with the
//!   last starter before it if the pair has a primary composite and nothing between them
//!   blocks it (a character in between whose combining class is 0 or not lower than its own);
//!   Hangul L+V and LV+T pairs compose by arithmetic.
//! * [`is_nfc_quick`]: the Unicode quick check, answering "certainly NFC" exactly when the
//!   crate's `is_nfc_quick` answers `Yes`.
//!
//! # Data
//!
//! The generated file `unicode_data.rs` next to this one holds the tables (written by this
//! module's test with `CRM_WRITE_UNICODE=1`, from `unicode-normalization`'s public API only;
//! a plain test run checks that the committed file equals a fresh generation):
//!
//! * Properties as sorted code point boundaries: `CCC_STARTS` / `CCC_VALUES` are the runs
//!   of equal canonical combining class (a run starts at each boundary); `MARK_BOUNDS` and
//!   `NFC_QC_BOUNDS` are the points where membership in a set flips (combining marks; the
//!   characters whose NFC quick check is not `Yes`), so a code point is in the set when an
//!   odd number of boundaries is at or below it.
//! * Decompositions (all but Hangul syllables): each mapping is a short list of *items*, a
//!   code point plus flags: [`EXPAND_CANONICAL`] / [`EXPAND_COMPAT`] say that the item has
//!   a decomposition of its own, to expand in turn. A mapping need not be spelt out fully:
//!   "ḉ" is stored as "ç" (flagged) + U+0301, "ǆ" as "dz" U+01F3 (flagged) + U+030C, which
//!   saves items. Mappings are grouped into *segments* of consecutive code points
//!   (`DECOMP_KEYS`, the first code point, as three byte planes; `DECOMP_RUNS`, the length
//!   and kind; `DECOMP_STARTS`, the segment's first item in `ITEMS`, also byte planes):
//!   - a *dense* segment lists the items of each code point in turn, all with the same
//!     count (e.g. the CJK compatibility ideographs, each mapping to one ideograph);
//!   - a *stepping* segment stores one list; the `n`-th code point of the segment maps to
//!     it with `n` added to the items flagged [`STEP`] (full-width forms, mathematical
//!     alphanumerics, circled and parenthesised letters and digits: long runs with a
//!     constant offset).
//!
//!   A segment is canonical or compatibility ([`RUN_COMPAT`]); a compatibility mapping
//!   applies to NFKD only, a canonical one to both (its items then expanded as NFKD).
//! * Compositions: the primary composites (excluding Hangul), grouped by their second
//!   character (`COMPOSE_SECONDS`, with each group's range in `COMPOSE_GROUPS`), then sorted
//!   by the first (`COMPOSE_FIRSTS`), with the composite in `COMPOSE_RESULTS`.

// On the JS target only the character properties are used; the rest is compiled out.
#![cfg_attr(all(target_arch = "wasm32", target_os = "unknown"), allow(dead_code))]

use std::borrow::Cow;

mod data {
    include!("unicode_data.rs");
}

/// The first Hangul syllable, U+AC00 (Unicode §3.12, "Hangul Syllable Decomposition").
const S_BASE: u32 = 0xAC00;
/// The first leading consonant jamo (L).
const L_BASE: u32 = 0x1100;
/// The first vowel jamo (V).
const V_BASE: u32 = 0x1161;
/// One before the first trailing consonant jamo (T): T index 0 means "no trailing jamo".
const T_BASE: u32 = 0x11A7;
/// The numbers of L, V and T (including "none") jamo.
const L_COUNT: u32 = 19;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;
/// The syllables per leading consonant, and all syllables.
const N_COUNT: u32 = V_COUNT * T_COUNT;
const S_COUNT: u32 = L_COUNT * N_COUNT;

/// The code point bits of an item.
const CHAR_MASK: u32 = 0x1F_FFFF;
/// Item flag: the item has a canonical decomposition (expand it for NFD and NFKD).
const EXPAND_CANONICAL: u32 = 1 << 21;
/// Item flag: the item has a compatibility (or canonical) decomposition (expand it for NFKD).
const EXPAND_COMPAT: u32 = 1 << 22;
/// Item flag: in a stepping segment, the item grows by one with each code point.
const STEP: u32 = 1 << 23;

/// `DECOMP_RUNS` bits: the segment's length minus one.
const RUN_LEN_MASK: u16 = 0x0FFF;
/// `DECOMP_RUNS` flag: a dense segment (else a stepping one).
const RUN_DENSE: u16 = 1 << 14;
/// `DECOMP_RUNS` flag: compatibility mappings (else canonical ones).
const RUN_COMPAT: u16 = 1 << 15;

/// Below this, no character has a canonical decomposition.
const FIRST_CANONICAL: char = '\u{C0}';
/// Below this, no character has a compatibility decomposition.
const FIRST_COMPAT: char = '\u{A0}';
/// Below this, every character is a starter (class 0), not a combining mark, and passes the
/// NFC quick check (tested).
const FIRST_SPECIAL: char = '\u{300}';

/// A character with its canonical combining class, as decomposition buffers hold them.
type Classed = (char, u8);

/// The value of a table stored as three byte planes (low, middle, high byte) at `index`.
fn planes<const N: usize>(table: &[[u8; N]; 3], index: usize) -> u32 {
    u32::from(table[0][index]) | u32::from(table[1][index]) << 8 | u32::from(table[2][index]) << 16
}

/// Whether `c` is in the set whose membership flips at each of the sorted `bounds`.
fn in_flip_set(bounds: &[u32], c: char) -> bool {
    bounds.partition_point(|&bound| bound <= u32::from(c)) % 2 == 1
}

/// The canonical combining class of `c` (0 for starters).
pub(crate) fn canonical_combining_class(c: char) -> u8 {
    if c < FIRST_SPECIAL {
        return 0;
    }
    let run = data::CCC_STARTS.partition_point(|&start| start <= u32::from(c));
    data::CCC_VALUES
        .get(run.wrapping_sub(1))
        .copied()
        .unwrap_or(0)
}

/// Whether `c` is a combining mark (general category Mn, Mc or Me).
pub(crate) fn is_combining_mark(c: char) -> bool {
    c >= FIRST_SPECIAL && in_flip_set(&data::MARK_BOUNDS, c)
}

/// Whether the NFC quick check property of `c` is `Yes`.
fn is_nfc_quick_yes(c: char) -> bool {
    c < FIRST_SPECIAL || !in_flip_set(&data::NFC_QC_BOUNDS, c)
}

/// The Unicode NFC quick check: `true` when the text is certainly in NFC (every character's
/// quick check property is `Yes`, and the combining classes of consecutive non-starters
/// never decrease). `false` means "no" or "maybe".
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub(crate) fn is_nfc_quick(chars: impl IntoIterator<Item = char>) -> bool {
    let mut last_class = 0;
    for c in chars {
        if c < FIRST_SPECIAL {
            last_class = 0;
            continue;
        }
        let class = canonical_combining_class(c);
        if class != 0 && last_class > class || !is_nfc_quick_yes(c) {
            return false;
        }
        last_class = class;
    }
    true
}

/// `s` in NFC, borrowed when it is already: the quick check first, so text already in NFC
/// (the usual case) is not decomposed and composed again.
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub(crate) fn nfc_cow(s: &str) -> Cow<'_, str> {
    if is_nfc_quick(s.chars()) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(nfc(s))
    }
}

/// `s` in NFC, borrowed when it is already, by the JS engine: one call, since a check
/// would cost as much as the normalisation.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub(crate) fn nfc_cow(s: &str) -> Cow<'_, str> {
    let composed = nfc(s);
    if composed == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(composed)
    }
}

/// The Unicode NFC of `s`.
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub(crate) fn nfc(s: &str) -> String {
    let mut buffer = decompose(s.chars(), false);
    compose(&mut buffer);
    buffer.into_iter().map(|(c, _)| c).collect()
}

/// The Unicode NFC of `s`, by the JS engine.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub(crate) fn nfc(s: &str) -> String {
    host_normalize(s, "NFC")
}

/// The Unicode NFKD of `chars`.
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub(crate) fn nfkd(chars: impl IntoIterator<Item = char>) -> impl Iterator<Item = char> {
    decompose(chars, true).into_iter().map(|(c, _)| c)
}

/// The Unicode NFKD of `chars`, by the JS engine.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub(crate) fn nfkd(chars: impl IntoIterator<Item = char>) -> impl Iterator<Item = char> {
    let s: String = chars.into_iter().collect();
    host_normalize(&s, "NFKD")
        .chars()
        .collect::<Vec<char>>()
        .into_iter()
}

/// `s.normalize(form)` in the JS engine (`form`: "NFC" or "NFKD", which cannot fail). A Rust
/// string is valid UTF-16 on the JS side and its normal form is, too, so nothing is lost
/// either way.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
fn host_normalize(s: &str, form: &str) -> String {
    String::from(js_sys::JsString::from(s).normalize(form))
}

/// The Unicode NFD of `chars` (for the tests: the callers need NFC and NFKD only).
#[cfg(test)]
fn nfd(chars: impl IntoIterator<Item = char>) -> impl Iterator<Item = char> {
    decompose(chars, false).into_iter().map(|(c, _)| c)
}

/// The full canonical (or, with `compat`, compatibility) decomposition of `chars`, in
/// canonical order, with each character's combining class.
fn decompose(chars: impl IntoIterator<Item = char>, compat: bool) -> Vec<Classed> {
    let chars = chars.into_iter();
    let mut buffer = Vec::with_capacity(chars.size_hint().0);
    for c in chars {
        decompose_char(c, compat, &mut buffer);
    }
    canonical_order(&mut buffer);
    buffer
}

/// Appends the full decomposition of `c` to `out` (not yet in canonical order).
fn decompose_char(c: char, compat: bool, out: &mut Vec<Classed>) {
    let first = if compat {
        FIRST_COMPAT
    } else {
        FIRST_CANONICAL
    };
    if c < first {
        out.push((c, 0));
        return;
    }
    if decompose_hangul(c, out) {
        return;
    }
    match Mapping::of(c) {
        Some(mapping) if compat || !mapping.compat => {
            let expand = if compat {
                EXPAND_COMPAT
            } else {
                EXPAND_CANONICAL
            };
            for index in 0..mapping.len {
                let (item, flags) = mapping.item(index);
                if flags & expand != 0 {
                    decompose_char(item, compat, out);
                } else {
                    out.push((item, canonical_combining_class(item)));
                }
            }
        }
        _ => out.push((c, canonical_combining_class(c))),
    }
}

/// Appends the jamo of `c` to `out` if it is a Hangul syllable (and says whether it was).
fn decompose_hangul(c: char, out: &mut Vec<Classed>) -> bool {
    let index = u32::from(c).wrapping_sub(S_BASE);
    if index >= S_COUNT {
        return false;
    }
    let jamo = [
        L_BASE + index / N_COUNT,
        V_BASE + index % N_COUNT / T_COUNT,
        T_BASE + index % T_COUNT,
    ];
    // A T index of 0 (T_BASE itself) means no trailing consonant.
    let present = if index % T_COUNT == 0 { 2 } else { 3 };
    out.extend(
        jamo.iter()
            .take(present)
            .filter_map(|&j| char::from_u32(j))
            .map(|j| (j, 0)),
    );
    true
}

/// Sorts each run of non-starters by combining class, keeping the order of equal classes.
fn canonical_order(buffer: &mut [Classed]) {
    for run in buffer.split_mut(|&(_, class)| class == 0) {
        if run.len() > 1 {
            crate::sort::sort_by_key(run, |&(_, class)| class);
        }
    }
}

/// Canonical composition of a buffer in canonical order, in place.
fn compose(buffer: &mut Vec<Classed>) {
    // The position of the last starter in the output (the first `write` entries), and the
    // class of the last character written (the starter's, 0, when they are adjacent).
    let mut starter: Option<usize> = None;
    let mut last_class = 0;
    let mut write = 0;
    for read in 0..buffer.len() {
        let (c, class) = buffer[read];
        if let Some(at) = starter {
            // Not blocked: next to the starter, or every character in between has a lower,
            // non-zero class (they are in canonical order, so the last one has the highest).
            let unblocked = write == at + 1 || last_class < class;
            if let Some(composite) = unblocked.then(|| compose_pair(buffer[at].0, c)).flatten() {
                buffer[at] = (composite, canonical_combining_class(composite));
                continue;
            }
        }
        if class == 0 {
            starter = Some(write);
        }
        last_class = class;
        buffer[write] = (c, class);
        write += 1;
    }
    buffer.truncate(write);
}

/// The primary composite of `first` followed by `second`, if there is one.
fn compose_pair(first: char, second: char) -> Option<char> {
    compose_hangul(u32::from(first), u32::from(second)).or_else(|| {
        let group = data::COMPOSE_SECONDS
            .binary_search(&u32::from(second))
            .ok()?;
        let from = usize::from(data::COMPOSE_GROUPS[group]);
        let to = usize::from(data::COMPOSE_GROUPS[group + 1]);
        let firsts = data::COMPOSE_FIRSTS.get(from..to)?;
        let index = firsts.binary_search(&u32::from(first)).ok()?;
        char::from_u32(*data::COMPOSE_RESULTS.get(from + index)?)
    })
}

/// The Hangul syllable composed of L+V jamo or of an LV syllable + T jamo, if that is what
/// `first` and `second` are.
fn compose_hangul(first: u32, second: u32) -> Option<char> {
    let l = first.wrapping_sub(L_BASE);
    let v = second.wrapping_sub(V_BASE);
    if l < L_COUNT && v < V_COUNT {
        return char::from_u32(S_BASE + (l * V_COUNT + v) * T_COUNT);
    }
    let s = first.wrapping_sub(S_BASE);
    let t = second.wrapping_sub(T_BASE);
    if s < S_COUNT && s % T_COUNT == 0 && (1..T_COUNT).contains(&t) {
        return char::from_u32(first + t);
    }
    None
}

/// A character's stored decomposition mapping: `len` items from `first` in `ITEMS`, with
/// `step` added to the items flagged [`STEP`].
#[derive(Clone, Copy, Debug)]
struct Mapping {
    compat: bool,
    first: usize,
    len: usize,
    step: u32,
}

impl Mapping {
    /// The mapping of `c` (none for characters that do not decompose, and Hangul syllables).
    fn of(c: char) -> Option<Mapping> {
        let code = u32::from(c);
        let keys = data::DECOMP_RUNS.len();
        let segment = super::first_above(0..keys, code, |i| planes(&data::DECOMP_KEYS, i));
        let segment = segment.checked_sub(1)?;
        let offset = code - planes(&data::DECOMP_KEYS, segment);
        let run = data::DECOMP_RUNS[segment];
        let len = u32::from(run & RUN_LEN_MASK) + 1;
        if offset >= len {
            return None;
        }
        let from = planes(&data::DECOMP_STARTS, segment) as usize;
        let to = planes(&data::DECOMP_STARTS, segment + 1) as usize;
        let compat = run & RUN_COMPAT != 0;
        Some(if run & RUN_DENSE != 0 {
            let per_char = (to - from) / len as usize;
            Mapping {
                compat,
                first: from + offset as usize * per_char,
                len: per_char,
                step: 0,
            }
        } else {
            Mapping {
                compat,
                first: from,
                len: to - from,
                step: offset,
            }
        })
    }

    /// Item `index` (below `len`) and its flags.
    fn item(self, index: usize) -> (char, u32) {
        let raw = planes(&data::ITEMS, self.first + index);
        let step = if raw & STEP != 0 { self.step } else { 0 };
        let c = char::from_u32((raw & CHAR_MASK) + step).unwrap_or(char::REPLACEMENT_CHARACTER);
        (c, raw & !CHAR_MASK)
    }
}

/// The generator of `unicode_data.rs` and the checks against `unicode-normalization`.
///
/// `CRM_WRITE_UNICODE=1 cargo test --release -p crm-core unicode` rewrites the data file
/// (and, while at it, checks by brute force that the crate composes no other pairs); run
/// the tests again without the variable to check it.
#[cfg(test)]
mod tests {
    use super::super::write_array as array;
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;
    use std::fmt::Write as _;
    use unicode_normalization::char as reference;
    use unicode_normalization::{IsNormalized, UnicodeNormalization};

    const DATA_FILE: &str = "src/contact/unicode_data.rs";

    fn is_hangul_syllable(c: char) -> bool {
        u32::from(c).wrapping_sub(S_BASE) < S_COUNT
    }

    /// Whether the crate leaves `c` alone in every form (its compatibility decomposition,
    /// which includes the canonical one, is `c` itself). Then its NFC, NFD and NFKD are `c`.
    fn crate_keeps(c: char) -> bool {
        let mut only_c = true;
        let mut count = 0;
        reference::decompose_compatible(c, |d| {
            count += 1;
            only_c &= d == c;
        });
        only_c && count == 1
    }

    fn crate_nfd(c: char) -> Vec<char> {
        std::iter::once(c).nfd().collect()
    }

    fn crate_nfkd(c: char) -> Vec<char> {
        std::iter::once(c).nfkd().collect()
    }

    fn crate_quick(c: char) -> IsNormalized {
        unicode_normalization::is_nfc_quick(std::iter::once(c))
    }

    /// One decomposable character for the generator: its kind and items.
    struct Entry {
        code: u32,
        compat: bool,
        items: Vec<u32>,
    }

    /// The crate's decompositions, keyed both ways, and its primary composites.
    struct Decompositions {
        /// Characters (not Hangul syllables) whose NFD or NFKD is not themselves.
        chars: Vec<char>,
        /// Full canonical / compatibility decompositions of two or more characters, to the
        /// characters that have them (in code point order).
        by_nfd: HashMap<Vec<char>, Vec<char>>,
        by_nfkd: HashMap<Vec<char>, Vec<char>>,
        /// Primary composite to its pair.
        pairs: HashMap<char, (char, char)>,
    }

    impl Decompositions {
        fn new() -> Decompositions {
            let chars: Vec<char> = ('\0'..=char::MAX)
                .filter(|&c| !is_hangul_syllable(c) && !crate_keeps(c))
                .collect();
            let (mut by_nfd, mut by_nfkd) = (HashMap::new(), HashMap::new());
            for &c in &chars {
                for (map, d) in [(&mut by_nfd, crate_nfd(c)), (&mut by_nfkd, crate_nfkd(c))] {
                    if d.len() >= 2 {
                        map.entry(d).or_insert_with(Vec::new).push(c);
                    }
                }
            }
            let mut this = Decompositions {
                chars,
                by_nfd,
                by_nfkd,
                pairs: HashMap::new(),
            };
            this.pairs = this.find_pairs();
            this
        }

        /// Every primary composite (a character with a canonical decomposition whose NFC
        /// quick check is not `No`) with the one pair the crate composes into it: the
        /// second character is one of its decomposition's, the first the character whose
        /// decomposition is the rest.
        fn find_pairs(&self) -> HashMap<char, (char, char)> {
            let mut pairs = HashMap::new();
            for &c in &self.chars {
                let d = crate_nfd(c);
                if d == [c] || crate_quick(c) == IsNormalized::No {
                    continue;
                }
                let mut found = Vec::new();
                for i in 0..d.len() {
                    let mut rest = d.clone();
                    let second = rest.remove(i);
                    let firsts = match rest.len() {
                        1 => rest.clone(),
                        _ => self.by_nfd.get(&rest).cloned().unwrap_or_default(),
                    };
                    for first in firsts {
                        if reference::compose(first, second) == Some(c)
                            && !found.contains(&(first, second))
                        {
                            found.push((first, second));
                        }
                    }
                }
                assert_eq!(found.len(), 1, "{c:?} composes from {found:?}");
                pairs.insert(c, found[0]);
            }
            pairs
        }

        /// An item: the code point with its expansion flags.
        fn item(c: char) -> u32 {
            let mut item = u32::from(c);
            if crate_nfd(c) != [c] {
                item |= EXPAND_CANONICAL;
            }
            if crate_nfkd(c) != [c] {
                item |= EXPAND_COMPAT;
            }
            item
        }

        /// The items of a character with a canonical decomposition `d`: its pair if it is a
        /// primary composite; else the primary composite with the same decomposition; else
        /// a character with all of `d` but the last + the last; else `d` itself.
        fn canonical_items(&self, c: char, d: &[char]) -> Vec<char> {
            if let Some(&(first, second)) = self.pairs.get(&c) {
                return vec![first, second];
            }
            let others = |key: &[char]| self.by_nfd.get(key).into_iter().flatten().copied();
            if let Some(x) = others(d).find(|x| self.pairs.contains_key(x)) {
                return vec![x];
            }
            if let [head @ .., last] = d {
                if head.len() >= 2 {
                    if let Some(x) = others(head).find(|&x| x != c) {
                        return vec![x, *last];
                    }
                }
            }
            d.to_vec()
        }

        /// The items of a character with only a compatibility decomposition `k`: the
        /// character whose decomposition is the longest proper prefix of `k` (of two or more
        /// characters) + the rest, or `k` itself.
        fn compat_items(&self, k: &[char]) -> Vec<char> {
            for n in (2..k.len()).rev() {
                if let Some(&x) = self.by_nfkd.get(&k[..n]).and_then(|xs| xs.first()) {
                    return std::iter::once(x).chain(k[n..].iter().copied()).collect();
                }
            }
            k.to_vec()
        }

        fn entries(&self) -> Vec<Entry> {
            self.chars
                .iter()
                .map(|&c| {
                    let d = crate_nfd(c);
                    let (compat, items) = match d != [c] {
                        true => (false, self.canonical_items(c, &d)),
                        false => (true, self.compat_items(&crate_nfkd(c))),
                    };
                    let items = items.into_iter().map(Decompositions::item).collect();
                    Entry {
                        code: u32::from(c),
                        compat,
                        items,
                    }
                })
                .collect()
        }
    }

    /// The length of the stepping segment from `entries[i]` (1 if there is none) and which
    /// items step.
    fn stepping(entries: &[Entry], i: usize) -> (usize, Vec<bool>) {
        let first = &entries[i];
        let same_shape = |e: &Entry, n: usize| {
            e.code == first.code + n as u32
                && e.compat == first.compat
                && e.items.len() == first.items.len()
        };
        let Some(second) = entries.get(i + 1).filter(|e| same_shape(e, 1)) else {
            return (1, vec![false; first.items.len()]);
        };
        let steps: Vec<bool> = (first.items.iter().zip(&second.items))
            .map(|(a, b)| *b == a + 1)
            .collect();
        if !steps.contains(&true) {
            return (1, vec![false; first.items.len()]);
        }
        let follows = |n: usize| {
            entries.get(i + n).is_some_and(|e| {
                same_shape(e, n)
                    && (e.items.iter().zip(&first.items).zip(&steps))
                        .all(|((b, a), &step)| *b == a + if step { n as u32 } else { 0 })
            })
        };
        let mut n = 1;
        while n <= usize::from(RUN_LEN_MASK) && follows(n) {
            n += 1;
        }
        (n, steps)
    }

    /// The length of the dense segment from `entries[i]`: while the characters follow each
    /// other with mappings of the same kind and length, up to a stepping run of 3 or more.
    fn dense(entries: &[Entry], i: usize) -> usize {
        let first = &entries[i];
        let follows = |n: usize| {
            entries.get(i + n).is_some_and(|e| {
                e.code == first.code + n as u32
                    && e.compat == first.compat
                    && e.items.len() == first.items.len()
                    && stepping(entries, i + n).0 < 3
            })
        };
        let mut n = 1;
        while n <= usize::from(RUN_LEN_MASK) && follows(n) {
            n += 1;
        }
        n
    }

    /// The data file's text.
    fn render() -> String {
        let decompositions = Decompositions::new();
        let entries = decompositions.entries();
        let (mut keys, mut runs, mut starts, mut items) = (vec![], vec![], vec![], vec![]);
        let mut i = 0;
        while i < entries.len() {
            let (step_len, steps) = stepping(&entries, i);
            let (len, dense_flag) = match step_len {
                1 => (dense(&entries, i), RUN_DENSE),
                n => (n, 0),
            };
            let compat_flag = if entries[i].compat { RUN_COMPAT } else { 0 };
            keys.push(entries[i].code);
            runs.push(u16::try_from(len - 1).expect("short runs") | dense_flag | compat_flag);
            starts.push(u32::try_from(items.len()).expect("few items"));
            if dense_flag != 0 {
                items.extend(
                    entries[i..i + len]
                        .iter()
                        .flat_map(|e| e.items.iter().copied()),
                );
            } else {
                let flags = steps.iter().map(|&s| if s { STEP } else { 0 });
                items.extend(entries[i].items.iter().zip(flags).map(|(item, f)| item | f));
            }
            i += len;
        }
        starts.push(u32::try_from(items.len()).expect("few items"));
        assert!(items.len() < 1 << 24 && keys.iter().all(|&k| k < 1 << 24));

        let mut pairs: Vec<(u32, u32, u32)> = (decompositions.pairs.iter())
            .map(|(&c, &(a, b))| (u32::from(b), u32::from(a), u32::from(c)))
            .collect();
        pairs.sort_unstable();
        let mut seconds: Vec<u32> = pairs.iter().map(|p| p.0).collect();
        seconds.dedup();
        let groups: Vec<u16> = (seconds.iter().map(|&s| pairs.partition_point(|p| p.0 < s)))
            .chain([pairs.len()])
            .map(|g| u16::try_from(g).expect("few pairs"))
            .collect();

        let (mut ccc_starts, mut ccc_values) = (vec![], vec![]);
        for c in every_char_sorted() {
            let class = reference::canonical_combining_class(c);
            if ccc_values.last() != Some(&class) {
                ccc_starts.push(u32::from(c));
                ccc_values.push(class);
            }
        }
        let marks = super::super::flip_bounds(reference::is_combining_mark);
        let not_quick = super::super::flip_bounds(|c| crate_quick(c) != IsNormalized::Yes);

        let mut out = format!(
            "// @generated by `unicode::tests` from unicode-normalization ({}) (CRM_WRITE_UNICODE=1); \
             do not edit. Format: see unicode.rs.\n",
            version()
        );
        array(&mut out, "CCC_STARTS", "u32", &ccc_starts);
        array(&mut out, "CCC_VALUES", "u8", &ccc_values);
        array(&mut out, "MARK_BOUNDS", "u32", &marks);
        array(&mut out, "NFC_QC_BOUNDS", "u32", &not_quick);
        byte_planes(&mut out, "DECOMP_KEYS", &keys);
        array(&mut out, "DECOMP_RUNS", "u16", &runs);
        byte_planes(&mut out, "DECOMP_STARTS", &starts);
        byte_planes(&mut out, "ITEMS", &items);
        array(&mut out, "COMPOSE_SECONDS", "u32", &seconds);
        array(&mut out, "COMPOSE_GROUPS", "u16", &groups);
        array(
            &mut out,
            "COMPOSE_FIRSTS",
            "u32",
            &pairs.iter().map(|p| p.1).collect::<Vec<_>>(),
        );
        array(
            &mut out,
            "COMPOSE_RESULTS",
            "u32",
            &pairs.iter().map(|p| p.2).collect::<Vec<_>>(),
        );
        out
    }

    /// The Unicode version of the crate's tables (named in the data file's header).
    fn version() -> String {
        let (major, minor, patch) = unicode_normalization::UNICODE_VERSION;
        format!("Unicode {major}.{minor}.{patch}")
    }

    /// Every code point in order (surrogates excluded).
    fn every_char_sorted() -> impl Iterator<Item = char> {
        '\0'..=char::MAX
    }

    /// Writes 24-bit `values` as `static NAME: [[u8; N]; 3]`, low byte plane first.
    fn byte_planes(out: &mut String, name: &str, values: &[u32]) {
        let _ = writeln!(
            out,
            "pub(super) static {name}: [[u8; {}]; 3] = [",
            values.len()
        );
        for shift in [0, 8, 16] {
            out.push_str("    [\n");
            for line in values.chunks(32) {
                let line: Vec<String> = line
                    .iter()
                    .map(|v| (v >> shift & 0xFF).to_string())
                    .collect();
                let _ = writeln!(out, "        {},", line.join(", "));
            }
            out.push_str("    ],\n");
        }
        out.push_str("];\n");
    }

    #[test]
    fn data_file_is_fresh() {
        // Against the data this test binary was compiled with.
        let fresh = super::super::check_generated(
            DATA_FILE,
            include_str!("unicode_data.rs"),
            &render(),
            "CRM_WRITE_UNICODE",
            "CRM_WRITE_UNICODE=1 cargo test --release -p crm-core unicode",
        );
        // The slow check of the tables' completeness, when regenerating.
        if fresh && std::env::var_os("CRM_WRITE_UNICODE").is_some() {
            no_other_compositions();
            eprintln!("no other compositions");
        }
    }

    /// Every code point alone: NFC, NFD, NFKD, the combining class, the combining mark
    /// property and the quick check equal the crate's. (For the code points the crate leaves
    /// alone in every form, NFC, NFD and NFKD are the code point itself.)
    #[test]
    fn every_code_point_matches() {
        for c in every_char_sorted() {
            let alone = || std::iter::once(c);
            assert_eq!(
                canonical_combining_class(c),
                reference::canonical_combining_class(c),
                "{c:?}"
            );
            assert_eq!(
                is_combining_mark(c),
                reference::is_combining_mark(c),
                "{c:?}"
            );
            assert_eq!(
                is_nfc_quick(alone()),
                crate_quick(c) == IsNormalized::Yes,
                "{c:?}"
            );
            let (nfc_ours, nfd_ours, nfkd_ours) = (
                nfc(&c.to_string()),
                nfd(alone()).collect::<String>(),
                nfkd(alone()).collect::<String>(),
            );
            if crate_keeps(c) {
                let same = c.to_string();
                assert_eq!(
                    (nfc_ours, nfd_ours, nfkd_ours),
                    (same.clone(), same.clone(), same)
                );
            } else {
                assert_eq!(nfc_ours, alone().nfc().collect::<String>(), "{c:?}");
                assert_eq!(nfd_ours, alone().nfd().collect::<String>(), "{c:?}");
                assert_eq!(nfkd_ours, alone().nfkd().collect::<String>(), "{c:?}");
            }
        }
    }

    #[test]
    fn examples() {
        assert_eq!(nfc("Jose\u{301}"), "José");
        assert_eq!(nfkd("ﬁＪ①".chars()).collect::<String>(), "fiJ1");
        // Marks are put in canonical order (dot below, 220, before the acute, 230), and the
        // acute still composes: the dot below in between has a lower class.
        assert_eq!(nfc("e\u{301}\u{323}"), "\u{1EB9}\u{301}");
        // Hangul: L + V + T compose into one syllable, which decomposes back.
        assert_eq!(nfc("\u{1100}\u{1161}\u{11A8}"), "\u{AC01}");
        assert_eq!(
            nfd("\u{AC01}".chars()).collect::<String>(),
            "\u{1100}\u{1161}\u{11A8}"
        );
        assert!(is_nfc_quick("Müller".chars()));
        assert!(!is_nfc_quick("a\u{301}".chars()));
        assert!(!is_nfc_quick("a\u{301}\u{323}".chars()));
    }

    /// Characters that exercise decomposition, reordering and composition.
    fn hard_char() -> impl Strategy<Value = char> {
        let marks = [
            '\u{300}',
            '\u{301}',
            '\u{308}',
            '\u{30A}',
            '\u{316}',
            '\u{323}',
            '\u{327}',
            '\u{328}',
            '\u{334}',
            '\u{338}',
            '\u{344}',
            '\u{345}',
            '\u{5B0}',
            '\u{5C1}',
            '\u{64B}',
            '\u{670}',
            '\u{94D}',
            '\u{93C}',
            '\u{9BE}',
            '\u{9D7}',
            '\u{B3E}',
            '\u{B56}',
            '\u{B57}',
            '\u{CD5}',
            '\u{DCF}',
            '\u{DDF}',
            '\u{F71}',
            '\u{F72}',
            '\u{F74}',
            '\u{F80}',
            '\u{F73}',
            '\u{F81}',
            '\u{1B35}',
            '\u{302A}',
            '\u{3099}',
            '\u{309A}',
            '\u{20D2}',
            '\u{1D165}',
            '\u{1D16E}',
            '\u{110BA}',
            '\u{11127}',
        ];
        let bases = [
            'a',
            'A',
            'e',
            'o',
            'u',
            'U',
            's',
            'C',
            'ç',
            'é',
            'Å',
            'ø',
            'ſ',
            'Ω',
            'ι',
            'α',
            'ω',
            'ε',
            'и',
            'у',
            'ә',
            'ا',
            'و',
            'ه',
            'क',
            'ড',
            'ে',
            'ୋ',
            'େ',
            'ொ',
            'ಕ',
            'ೆ',
            'ෙ',
            'ཀ',
            'ᬅ',
            'か',
            'は',
            'ウ',
            '\u{1D157}',
            '\u{11099}',
            '\u{11131}',
            '\u{212B}',
            '\u{1E9B}',
            '\u{1E08}',
            '\u{1FB7}',
            '\u{F900}',
            '\u{2F800}',
        ];
        let compat = [
            'ﬁ',
            'ﬃ',
            'Ｊ',
            'ｶ',
            'ﾞ',
            '①',
            '⑴',
            '⒜',
            'Ⅻ',
            '㈀',
            '㍱',
            '\u{FDFA}',
            '\u{1D400}',
            '\u{1D7CE}',
            '\u{A0}',
            '\u{A8}',
            '\u{385}',
            '\u{1FED}',
            'ǆ',
            'ǅ',
            'Ǆ',
            '\u{2474}',
            '\u{3300}',
            '\u{FB2C}',
            '\u{FB4F}',
            '\u{FE70}',
            '\u{FF9E}',
            '\u{1F100}',
        ];
        prop_oneof![
            4 => prop::sample::select(marks.to_vec()),
            3 => prop::sample::select(bases.to_vec()),
            2 => prop::sample::select(compat.to_vec()),
            // Hangul jamo (L, V, T; 0x11A7 is not a trailing consonant) and syllables (LV
            // and LVT), and compatibility jamo.
            2 => (0x1100u32..0x1113).prop_map(|c| char::from_u32(c).unwrap_or('?')),
            2 => (0x1161u32..0x1176).prop_map(|c| char::from_u32(c).unwrap_or('?')),
            2 => (0x11A7u32..0x11C3).prop_map(|c| char::from_u32(c).unwrap_or('?')),
            2 => (0u32..S_COUNT).prop_map(|i| char::from_u32(S_BASE + i).unwrap_or('?')),
            1 => (0x3131u32..0x318F).prop_map(|c| char::from_u32(c).unwrap_or('?')),
            1 => (0x4E00u32..0x4E40).prop_map(|c| char::from_u32(c).unwrap_or('?')),
            2 => prop::char::range('\u{20}', '\u{7E}'),
            1 => prop::char::range('\u{C0}', '\u{24F}'),
            1 => prop::char::range('\u{1E00}', '\u{1FFF}'),
            1 => any::<char>(),
        ]
    }

    fn hard_string() -> impl Strategy<Value = String> {
        prop::collection::vec(hard_char(), 0..24).prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn strings_match(s in hard_string()) {
            prop_assert_eq!(nfc(&s), s.nfc().collect::<String>());
            prop_assert_eq!(nfd(s.chars()).collect::<String>(), s.nfd().collect::<String>());
            prop_assert_eq!(nfkd(s.chars()).collect::<String>(), s.nfkd().collect::<String>());
            prop_assert_eq!(
                is_nfc_quick(s.chars()),
                unicode_normalization::is_nfc_quick(s.chars()) == IsNormalized::Yes
            );
        }
    }

    /// The crate composes no pair but the primary composites found from decompositions (and
    /// Hangul): every first character against every second character that can compose (NFC
    /// quick check `Maybe`). Slow (about 10^8 lookups); run when writing the data.
    fn no_other_compositions() {
        let seconds: Vec<char> = every_char_sorted()
            .filter(|&c| crate_quick(c) == IsNormalized::Maybe)
            .collect();
        for first in every_char_sorted() {
            for &second in &seconds {
                assert_eq!(
                    reference::compose(first, second),
                    compose_pair(first, second),
                    "{first:?} + {second:?}"
                );
            }
        }
    }
}
