//! String similarity kernels for comparing normalised names.
//!
//! All functions work on Unicode scalar values (`char`s), never on bytes of a multi-byte
//! character, so any script is handled without panicking. Pure-ASCII inputs (the common
//! case after normalisation) take a byte fast path that gives exactly the same results.
//!
//! * [`jaro`] and [`jaro_winkler`]: the classic Jaro similarity and its Winkler
//!   prefix-boosted variant, in `[0, 1]`.
//! * [`JaroWinklerQuery`]: the same Jaro-Winkler score, for comparing one name against
//!   many. Its per-character bit masks are built once, so each comparison costs a
//!   handful of word operations per character (bit-parallel matching).
//! * [`levenshtein`]: edit distance (insert, delete, substitute), bit-parallel for
//!   strings of up to 64 characters.
//! * [`damerau_osa_bounded`]: optimal string alignment distance (Levenshtein plus
//!   transposition of adjacent characters, each substring edited at most once) when it is
//!   at most a bound: an immediate answer when the lengths differ by more, Hyyrö's
//!   bit-parallel recurrence for ASCII strings of up to 64 characters, and otherwise a
//!   dynamic programme restricted to the diagonal band that can still stay within the
//!   bound, stopping at the first row that exceeds it.
//!
//! # Jaro conventions
//!
//! The definitions are the textbook ones:
//!
//! * Two characters match if they are equal and their positions differ by at most
//!   `max(|a|, |b|) / 2 - 1` (integer division, never below zero). Matching is greedy: each
//!   character of one string takes the first unmatched equal character of the other
//!   inside its window.
//! * `t` is half the number of matched characters that are out of order, rounded down
//!   (integer division, as in Winkler's original code and rapidfuzz; implementations that
//!   halve as a real number differ in the rare pairs with an odd count).
//! * `jaro = (m / |a| + m / |b| + (m - t) / m) / 3`, and `0` when `m = 0`.
//! * Two empty strings are identical (`1.0`); an empty string against a non-empty one
//!   scores `0.0`.
//!
//! Jaro-Winkler adds `l * 0.1 * (1 - jaro)`, where `l` is the length of the common prefix
//! in characters, at most 4. The boost is applied to every pair (there is no 0.7
//! threshold as in some variants), so `jaro_winkler >= jaro` always.

/// Winkler's prefix scale.
const PREFIX_SCALE: f64 = 0.1;
/// Winkler's maximum prefix length (characters).
const MAX_PREFIX: usize = 4;
/// Longest string (in characters) handled by the single-word bit-parallel kernels.
const WORD_BITS: usize = 64;

/// Slot of each byte in the compact alphabet used by the pairwise fast path: `a`-`z`, space,
/// apostrophe, hyphen and full stop, which is all a normalised Latin name contains. `0`
/// means "not in the compact alphabet".
static COMPACT_SLOT: [u8; 256] = compact_slots();

const fn compact_slots() -> [u8; 256] {
    let mut slots = [0u8; 256];
    let mut c = b'a';
    while c <= b'z' {
        slots[c as usize] = c - b'a' + 1;
        c += 1;
    }
    slots[b' ' as usize] = 27;
    slots[b'\'' as usize] = 28;
    slots[b'-' as usize] = 29;
    slots[b'.' as usize] = 30;
    slots
}

/// Jaro similarity of `a` and `b`, in `[0, 1]` (`1` for identical strings).
///
/// See the [module documentation](self) for the exact conventions. Strings of up to 64
/// characters use a bit-parallel kernel; longer ones the classic quadratic algorithm.
/// Both give identical results.
///
/// For example `jaro("martha", "marhta")` is `17 / 18`, `jaro("", "")` is `1.0` and
/// `jaro("abc", "")` is `0.0`.
#[must_use]
pub fn jaro(a: &str, b: &str) -> f64 {
    match jaro_compact(a.as_bytes(), b.as_bytes()) {
        Some(j) => j,
        None => jaro_general(a, b),
    }
}

/// Jaro-Winkler similarity of `a` and `b`, in `[0, 1]`.
///
/// `jaro + l * 0.1 * (1 - jaro)` with `l` the common prefix length in characters, capped
/// at 4. The prefix boost is always applied (no 0.7 threshold). To compare one string
/// against many, [`JaroWinklerQuery`] is faster.
///
/// For example `jaro_winkler("martha", "marhta")` is `0.9611…` and
/// `jaro_winkler("dwayne", "duane")` is `0.84`.
#[must_use]
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    let (ab, bb) = (a.as_bytes(), b.as_bytes());
    match jaro_compact(ab, bb) {
        Some(j) => winkler(j, ascii_prefix(ab, bb)),
        None => jaro_winkler_general(a, b),
    }
}

/// A query string prepared for fast Jaro-Winkler comparison against many candidates.
///
/// Building it records, for every distinct character of the query, the bit mask of the
/// positions where it occurs (a 256-entry table for ASCII, a sorted list for other
/// characters). [`score`](Self::score) then matches a candidate with a few word operations
/// per candidate character, without allocating: the match window of a candidate position
/// is a bit range of the query, and the first free match in it is the lowest set bit of
/// `mask & window & !matched`. Transpositions are counted only when some match landed
/// below an earlier one, by replaying the matching once more and comparing each match
/// with the next matched query position.
///
/// The bit-parallel path covers queries and candidates of up to 64 characters (ASCII
/// candidates are read as bytes; others are decoded into a 64-character stack buffer);
/// longer strings use the classic quadratic algorithm. Scores are identical to
/// [`jaro_winkler`] for the same pair.
///
/// Typical use: `let q = JaroWinklerQuery::new("katherine");` then `q.score(name)` for
/// each candidate `name`.
#[derive(Debug, Clone)]
pub struct JaroWinklerQuery {
    /// The query's characters.
    chars: Vec<char>,
    /// Position masks of the query's ASCII characters, indexed by byte (entries for bytes
    /// `>= 0x80` stay zero). Only meaningful when `chars.len() <= 64`.
    ascii: Box<[u64; 256]>,
    /// Position masks of the query's non-ASCII characters, sorted by character.
    other: Vec<(char, u64)>,
    /// First (up to) [`MAX_PREFIX`] characters, for the Winkler boost.
    prefix: [char; MAX_PREFIX],
    /// Number of valid entries in `prefix`.
    prefix_len: usize,
    /// `prefix` packed little-endian as bytes for ASCII candidates (a non-ASCII character
    /// is stored as `0xff`, which no ASCII byte equals; missing characters as `0`).
    prefix_word: u32,
}

impl JaroWinklerQuery {
    /// Prepares `query` for repeated comparisons.
    #[must_use]
    pub fn new(query: &str) -> Self {
        let chars: Vec<char> = query.chars().collect();
        let mut ascii = Box::new([0u64; 256]);
        let mut other: Vec<(char, u64)> = Vec::new();
        if chars.len() <= WORD_BITS {
            for (i, &c) in chars.iter().enumerate() {
                let bit = 1u64 << i;
                if c.is_ascii() {
                    ascii[c as usize] |= bit;
                } else {
                    match other.binary_search_by(|&(k, _)| k.cmp(&c)) {
                        Ok(pos) => other[pos].1 |= bit,
                        Err(pos) => other.insert(pos, (c, bit)),
                    }
                }
            }
        }
        let mut prefix = ['\0'; MAX_PREFIX];
        let mut prefix_len = 0;
        let mut prefix_word = 0u32;
        for (i, (slot, &c)) in prefix.iter_mut().zip(&chars).enumerate() {
            *slot = c;
            prefix_len += 1;
            let byte = u8::try_from(c).ok().filter(u8::is_ascii).unwrap_or(0xff);
            prefix_word |= u32::from(byte) << (8 * i);
        }
        Self {
            chars,
            ascii,
            other,
            prefix,
            prefix_len,
            prefix_word,
        }
    }

    /// Jaro-Winkler similarity between the query and `candidate`, equal to
    /// [`jaro_winkler`]`(query, candidate)`.
    #[must_use]
    pub fn score(&self, candidate: &str) -> f64 {
        let la = self.chars.len();
        let b = candidate.as_bytes();
        if (1..=WORD_BITS).contains(&la) && (1..=WORD_BITS).contains(&b.len()) {
            // Optimistically treat the candidate as ASCII: bytes >= 0x80 have empty
            // masks, and if one was seen the general path gives the real score.
            let table = &*self.ascii;
            let mut seen = 0u8;
            let j = jaro_bits(la, b, |c| {
                seen |= c;
                table[usize::from(c)]
            });
            if seen.is_ascii() {
                let diff = pack_prefix(b) ^ self.prefix_word;
                let l = ((diff.trailing_zeros() / 8) as usize)
                    .min(b.len())
                    .min(self.prefix_len);
                return winkler(j, l);
            }
        }
        self.score_general(candidate)
    }

    /// [`score`](Self::score) for empty, long or non-ASCII candidates and long queries.
    #[inline(never)]
    fn score_general(&self, candidate: &str) -> f64 {
        let la = self.chars.len();
        if la == 0 || candidate.is_empty() {
            return if la == 0 && candidate.is_empty() {
                1.0
            } else {
                0.0
            };
        }
        let prefix = &self.prefix[..self.prefix_len];
        if la <= WORD_BITS {
            let mut buf = ['\0'; WORD_BITS];
            if let Some(nb) = decode_short(candidate, &mut buf) {
                let b = &buf[..nb];
                let j = jaro_bits(la, b, |c| self.char_mask(c));
                return winkler(j, common_prefix(prefix.iter().copied(), b.iter().copied()));
            }
        }
        let b: Vec<char> = candidate.chars().collect();
        let j = jaro_scalar(&self.chars, &b);
        winkler(j, common_prefix(prefix.iter().copied(), b.iter().copied()))
    }

    /// Position mask of `c` in the query (queries of at most 64 characters).
    #[inline]
    fn char_mask(&self, c: char) -> u64 {
        if c.is_ascii() {
            self.ascii[c as usize]
        } else {
            match self.other.binary_search_by(|&(k, _)| k.cmp(&c)) {
                Ok(pos) => self.other[pos].1,
                Err(_) => 0,
            }
        }
    }
}

/// Levenshtein distance (insertions, deletions and substitutions of characters).
///
/// Uses Myers' bit-parallel algorithm when the shorter string has at most 64 characters,
/// and the classic two-row dynamic programme otherwise.
///
/// For example `levenshtein("kitten", "sitting")` is 3 and `levenshtein("lukasz",
/// "łukasz")` is 1.
#[must_use]
pub fn levenshtein(a: &str, b: &str) -> usize {
    if a == b {
        return 0;
    }
    if a.is_ascii() && b.is_ascii() {
        let (p, t) = shorter_first(a.as_bytes(), b.as_bytes());
        if p.is_empty() {
            return t.len();
        }
        if p.len() <= WORD_BITS {
            if let Some(masks) = CompactMasks::new(p) {
                return myers(p.len(), t.iter().map(|&c| masks.get(c)));
            }
            let masks = AsciiMasks::new(p);
            return myers(p.len(), t.iter().map(|&c| masks.get(c)));
        }
        return levenshtein_dp(p, t);
    }
    let (na, nb) = (a.chars().count(), b.chars().count());
    let (p, t, np, nt) = if na <= nb {
        (a, b, na, nb)
    } else {
        (b, a, nb, na)
    };
    if np == 0 {
        return nt;
    }
    let mut buf = ['\0'; WORD_BITS];
    if let Some(n) = decode_short(p, &mut buf) {
        let pc = &buf[..n];
        return myers(n, t.chars().map(|c| char_mask(pc, c)));
    }
    let pc: Vec<char> = p.chars().collect();
    let tc: Vec<char> = t.chars().collect();
    levenshtein_dp(&pc, &tc)
}

/// Optimal string alignment distance (restricted Damerau-Levenshtein) between `a` and
/// `b`, or `None` if it is greater than `max`.
///
/// The edits are insertion, deletion, substitution and transposition of two adjacent
/// characters, with no substring edited more than once (so `ca` → `abc` is 3, not 2).
/// Strings whose lengths differ by more than `max` are rejected at once. ASCII strings
/// whose first one has at most 64 characters use Hyyrö's bit-parallel recurrence (a
/// dozen word operations per character of `b`); other inputs strip their common prefix
/// and suffix and run a dynamic programme over the diagonal band of width `2 * max + 1`
/// only, stopping as soon as a whole row exceeds `max`.
///
/// For example `damerau_osa_bounded("jonh", "john", 2)` is `Some(1)` and
/// `damerau_osa_bounded("smith", "schmidt", 2)` is `None`.
#[must_use]
pub fn damerau_osa_bounded(a: &str, b: &str, max: usize) -> Option<usize> {
    let (ab, bb) = (a.as_bytes(), b.as_bytes());
    if ab.is_ascii() && bb.is_ascii() {
        if ab.len().abs_diff(bb.len()) > max {
            return None;
        }
        if (1..=WORD_BITS).contains(&ab.len()) && !bb.is_empty() {
            if let Some(masks) = CompactMasks::new(ab) {
                let d = osa_bits(ab.len(), bb.iter().map(|&c| masks.get(c)));
                return (d <= max).then_some(d);
            }
        }
        return osa_bounded_slices(ab, bb, max);
    }
    let mut abuf = ['\0'; WORD_BITS];
    let mut bbuf = ['\0'; WORD_BITS];
    if let (Some(na), Some(nb)) = (decode_short(a, &mut abuf), decode_short(b, &mut bbuf)) {
        return osa_bounded_slices(&abuf[..na], &bbuf[..nb], max);
    }
    let ac: Vec<char> = a.chars().collect();
    let bc: Vec<char> = b.chars().collect();
    osa_bounded_slices(&ac, &bc, max)
}

// ---------------------------------------------------------------------------------------
// Jaro internals
// ---------------------------------------------------------------------------------------

/// Combines match and (halved) transposition counts into the Jaro similarity.
#[inline]
fn jaro_from_counts(matches: usize, half_transpositions: usize, la: usize, lb: usize) -> f64 {
    if matches == 0 {
        return 0.0;
    }
    let m = matches as f64;
    (m / la as f64 + m / lb as f64 + (m - half_transpositions as f64) / m) / 3.0
}

/// Applies the Winkler prefix boost to a Jaro similarity.
#[inline]
fn winkler(jaro: f64, prefix: usize) -> f64 {
    // `prefix <= MAX_PREFIX`, so the u8 conversion is exact and cheap.
    jaro + f64::from(prefix as u8) * PREFIX_SCALE * (1.0 - jaro)
}

/// Length of the common prefix of two sequences, capped at [`MAX_PREFIX`].
#[inline]
fn common_prefix<T: PartialEq>(a: impl Iterator<Item = T>, b: impl Iterator<Item = T>) -> usize {
    a.zip(b)
        .take(MAX_PREFIX)
        .take_while(|(x, y)| x == y)
        .count()
}

/// The first (up to) four bytes of `b`, packed little-endian (missing bytes are `0`).
#[inline(always)]
fn pack_prefix(b: &[u8]) -> u32 {
    match *b {
        [b0, b1, b2, b3, ..] => u32::from_le_bytes([b0, b1, b2, b3]),
        _ => b.iter().rev().fold(0u32, |w, &c| (w << 8) | u32::from(c)),
    }
}

/// Length of the common prefix of two ASCII strings, capped at [`MAX_PREFIX`].
#[inline(always)]
fn ascii_prefix(a: &[u8], b: &[u8]) -> usize {
    let diff = pack_prefix(a) ^ pack_prefix(b);
    ((diff.trailing_zeros() / 8) as usize)
        .min(a.len())
        .min(b.len())
}

/// Decodes `s` into `buf` and returns its length in characters, or `None` if it has more
/// than 64 characters.
#[inline]
fn decode_short(s: &str, buf: &mut [char; WORD_BITS]) -> Option<usize> {
    let mut n = 0;
    for c in s.chars() {
        *buf.get_mut(n)? = c;
        n += 1;
    }
    Some(n)
}

/// Bit mask of the positions of `c` in `pattern` (at most 64 characters).
#[inline]
fn char_mask(pattern: &[char], c: char) -> u64 {
    pattern
        .iter()
        .enumerate()
        .fold(0u64, |m, (i, &p)| m | (u64::from(p == c) << i))
}

/// Fast path of [`jaro`]: both strings have 1 to 64 bytes, every byte of `a` is in the
/// compact name alphabet and `b` is ASCII (checked on the fly: non-ASCII bytes have empty
/// masks, and the result is discarded if one was seen). `None` if it does not apply.
#[inline(always)]
fn jaro_compact(a: &[u8], b: &[u8]) -> Option<f64> {
    if a.is_empty() || a.len() > WORD_BITS || b.is_empty() || b.len() > WORD_BITS {
        return None;
    }
    let masks = CompactMasks::new(a)?;
    let mut seen = 0u8;
    let j = jaro_bits(a.len(), b, |c| {
        seen |= c;
        masks.get(c)
    });
    seen.is_ascii().then_some(j)
}

/// [`jaro`] for the inputs [`jaro_compact`] does not take.
#[inline(never)]
fn jaro_general(a: &str, b: &str) -> f64 {
    if a.is_empty() || b.is_empty() {
        return if a.is_empty() && b.is_empty() {
            1.0
        } else {
            0.0
        };
    }
    if a.is_ascii() && b.is_ascii() {
        let (ab, bb) = (a.as_bytes(), b.as_bytes());
        if ab.len() <= WORD_BITS && bb.len() <= WORD_BITS {
            let masks = AsciiMasks::new(ab);
            return jaro_bits(ab.len(), bb, |c| masks.get(c));
        }
        return jaro_scalar(ab, bb);
    }
    let mut abuf = ['\0'; WORD_BITS];
    let mut bbuf = ['\0'; WORD_BITS];
    if let (Some(na), Some(nb)) = (decode_short(a, &mut abuf), decode_short(b, &mut bbuf)) {
        let ac = &abuf[..na];
        return jaro_bits(na, &bbuf[..nb], |c| char_mask(ac, c));
    }
    let ac: Vec<char> = a.chars().collect();
    let bc: Vec<char> = b.chars().collect();
    jaro_scalar(&ac, &bc)
}

/// [`jaro_winkler`] for the inputs [`jaro_compact`] does not take.
#[inline(never)]
fn jaro_winkler_general(a: &str, b: &str) -> f64 {
    let j = jaro_general(a, b);
    if a.is_ascii() && b.is_ascii() {
        winkler(j, ascii_prefix(a.as_bytes(), b.as_bytes()))
    } else {
        winkler(j, common_prefix(a.chars(), b.chars()))
    }
}

/// Bit-parallel Jaro similarity.
///
/// `la` is the length of the pattern string `a` (`1..=64`), `b` the other string
/// (`1..=64` symbols) and `mask(c)` the set of positions of `a` holding `c`. For each
/// position `j` of `b`, the window `[j - w, j + w]` of `a` is a bit range; the greedy match
/// is the lowest set bit of `mask(b[j]) & window & !matched_a`. The k-th matched character
/// of `b` pairs with the k-th matched position of `a` for the transposition count.
///
/// Iterating over `b` and taking the first free position of `a` finds the same matched
/// sets as the textbook loop over `a` (per character, both are the greedy maximum
/// matching of two sorted position lists under the same window), and `t` only depends on
/// those sets; the randomised tests check this against the textbook code.
#[inline(always)]
fn jaro_bits<T: Copy>(la: usize, b: &[T], mut mask: impl FnMut(T) -> u64) -> f64 {
    let lb = b.len();
    debug_assert!((1..=WORD_BITS).contains(&la) && (1..=WORD_BITS).contains(&lb));
    let w = (la.max(lb) / 2).saturating_sub(1);
    // Window of position j: bits [j - w, j + w]. It starts as [0, w], grows by one bit at
    // the top while j < w, then slides up by one bit per position. Bits at or above `la`
    // never occur in a mask, so the window needs no upper clipping.
    let mut window: u64 = if w >= WORD_BITS - 1 {
        u64::MAX
    } else {
        (2u64 << w) - 1
    };
    let mut matched_a = 0u64;
    let mut m = 0u32;
    // Whether some match landed below an earlier one. If not, the k-th matched characters
    // of both strings are the same match, so there is no transposition.
    let mut crossed = false;
    for (j, &c) in b.iter().enumerate() {
        let free = mask(c) & window & !matched_a;
        let first = free & free.wrapping_neg();
        // `first - 1` covers the bits below `first` (all bits when there is no match).
        crossed |= matched_a > first.wrapping_sub(1);
        matched_a |= first;
        m += u32::from(first != 0);
        window = (window << 1) | u64::from(j < w);
    }
    if m == 0 {
        return 0.0;
    }
    if !crossed {
        return jaro_from_small_counts(m, 0, la as u32, lb as u32);
    }
    // Second pass, branch-free: re-derive which positions of `b` matched (the same
    // greedy choice, replayed) and compare each with the next matched position of `a`.
    let mut transposed = 0u32;
    let mut rest_a = matched_a;
    let mut replay_a = 0u64;
    window = if w >= WORD_BITS - 1 {
        u64::MAX
    } else {
        (2u64 << w) - 1
    };
    for (j, &c) in b.iter().enumerate() {
        let cm = mask(c);
        let free = cm & window & !replay_a;
        let first = free & free.wrapping_neg();
        replay_a |= first;
        let hit = u64::from(first != 0).wrapping_neg();
        let next_a = rest_a & rest_a.wrapping_neg() & hit;
        rest_a ^= next_a;
        transposed += u32::from(cm & next_a == 0 && first != 0);
        window = (window << 1) | u64::from(j < w);
    }
    // Lengths are at most 64, so the counts fit in u32 (cheap to convert to f64).
    jaro_from_small_counts(m, transposed / 2, la as u32, lb as u32)
}

/// [`jaro_from_counts`] for strings of at most 64 characters, with a single division:
/// `(m/la + m/lb + (m-t)/m) / 3 = (m²(la+lb) + (m-t)·la·lb) / (3·la·lb·m)`, whose integer
/// numerator and denominator are exact in `f64` (below 2^53). The result differs from the
/// three-division form by at most a few units in the last place.
#[inline(always)]
fn jaro_from_small_counts(m: u32, half_transpositions: u32, la: u32, lb: u32) -> f64 {
    let num = m * m * (la + lb) + (m - half_transpositions) * la * lb;
    let den = 3 * la * lb * m;
    f64::from(num) / f64::from(den)
}

/// Textbook Jaro similarity for strings of any length.
fn jaro_scalar<T: PartialEq>(a: &[T], b: &[T]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return if a.is_empty() && b.is_empty() {
            1.0
        } else {
            0.0
        };
    }
    let w = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut a_matched = vec![false; a.len()];
    let mut b_matched = vec![false; b.len()];
    let mut m = 0usize;
    for (i, ca) in a.iter().enumerate() {
        let lo = i.saturating_sub(w);
        let hi = (i + w + 1).min(b.len());
        if lo >= hi {
            continue;
        }
        let found = b[lo..hi]
            .iter()
            .zip(&b_matched[lo..hi])
            .position(|(cb, &used)| !used && cb == ca);
        if let Some(k) = found {
            a_matched[i] = true;
            b_matched[lo + k] = true;
            m += 1;
        }
    }
    if m == 0 {
        return 0.0;
    }
    let matched_b = b.iter().zip(&b_matched).filter(|(_, used)| **used);
    let matched_a = a.iter().zip(&a_matched).filter(|(_, used)| **used);
    let transposed = matched_a
        .zip(matched_b)
        .filter(|((ca, _), (cb, _))| ca != cb)
        .count();
    jaro_from_counts(m, transposed / 2, a.len(), b.len())
}

/// Position masks of an ASCII pattern whose bytes all lie in the compact name alphabet
/// (see [`COMPACT_SLOT`]): 32 words, cheap to build per pair.
struct CompactMasks([u64; 32]);

impl CompactMasks {
    /// Builds the masks, or `None` if `pattern` has a byte outside the compact alphabet.
    #[inline]
    fn new(pattern: &[u8]) -> Option<Self> {
        let mut masks = [0u64; 32];
        for (i, &c) in pattern.iter().enumerate() {
            let slot = COMPACT_SLOT[usize::from(c)];
            if slot == 0 {
                return None;
            }
            masks[usize::from(slot)] |= 1u64 << i;
        }
        Some(Self(masks))
    }

    /// Positions of byte `c` (bytes outside the alphabet map to slot 0, which is empty).
    #[inline(always)]
    fn get(&self, c: u8) -> u64 {
        self.0[usize::from(COMPACT_SLOT[usize::from(c)] & 31)]
    }
}

/// Position masks of any ASCII pattern of at most 64 bytes.
struct AsciiMasks([u64; 128]);

impl AsciiMasks {
    #[inline]
    fn new(pattern: &[u8]) -> Self {
        let mut masks = [0u64; 128];
        for (i, &c) in pattern.iter().enumerate() {
            masks[usize::from(c & 0x7f)] |= 1u64 << i;
        }
        Self(masks)
    }

    #[inline(always)]
    fn get(&self, c: u8) -> u64 {
        self.0[usize::from(c & 0x7f)]
    }
}

// ---------------------------------------------------------------------------------------
// Levenshtein internals
// ---------------------------------------------------------------------------------------

/// Orders two slices so that the shorter one comes first.
#[inline]
fn shorter_first<'a, T>(a: &'a [T], b: &'a [T]) -> (&'a [T], &'a [T]) {
    if a.len() <= b.len() { (a, b) } else { (b, a) }
}

/// Myers / Hyyrö bit-parallel Levenshtein distance between a pattern of `m` (`1..=64`)
/// symbols and a text given as the pattern masks of its symbols.
#[inline(always)]
fn myers(m: usize, text: impl Iterator<Item = u64>) -> usize {
    debug_assert!((1..=WORD_BITS).contains(&m));
    let mut vp: u64 = if m == WORD_BITS {
        u64::MAX
    } else {
        (1u64 << m) - 1
    };
    let mut vn: u64 = 0;
    let last = 1u64 << (m - 1);
    let mut score = m;
    for eq in text {
        let xv = eq | vn;
        let xh = ((eq & vp).wrapping_add(vp) ^ vp) | eq;
        let mut hp = vn | !(xh | vp);
        let mut hn = vp & xh;
        if hp & last != 0 {
            score += 1;
        } else if hn & last != 0 {
            score -= 1;
        }
        hp = (hp << 1) | 1;
        hn <<= 1;
        vp = hn | !(xv | hp);
        vn = hp & xv;
    }
    score
}

/// Two-row dynamic programme for Levenshtein distance (any lengths).
fn levenshtein_dp<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diag = i;
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row[j + 1];
            let v = (diag + usize::from(ca != cb)).min(up + 1).min(row[j] + 1);
            diag = up;
            row[j + 1] = v;
        }
    }
    row[b.len()]
}

// ---------------------------------------------------------------------------------------
// Optimal string alignment internals
// ---------------------------------------------------------------------------------------

/// Hyyrö's bit-parallel optimal string alignment distance between a pattern of `m`
/// (`1..=64`) symbols and a text given as the pattern masks of its symbols: Myers'
/// Levenshtein recurrence plus the transposition term
/// `TR = ((!D0 & PM[t_j]) << 1) & PM[t_(j-1)]`.
#[inline(always)]
fn osa_bits(m: usize, text: impl Iterator<Item = u64>) -> usize {
    debug_assert!((1..=WORD_BITS).contains(&m));
    let mut vp: u64 = if m == WORD_BITS {
        u64::MAX
    } else {
        (1u64 << m) - 1
    };
    let mut vn: u64 = 0;
    let mut d0: u64 = 0;
    let mut pm_prev: u64 = 0;
    let last = 1u64 << (m - 1);
    let mut score = m;
    for pm in text {
        let tr = ((!d0 & pm) << 1) & pm_prev;
        d0 = ((pm & vp).wrapping_add(vp) ^ vp) | pm | vn | tr;
        let mut hp = vn | !(d0 | vp);
        let mut hn = d0 & vp;
        score += usize::from(hp & last != 0);
        score -= usize::from(hn & last != 0);
        hp = (hp << 1) | 1;
        hn <<= 1;
        vp = hn | !(d0 | hp);
        vn = hp & d0;
        pm_prev = pm;
    }
    score
}

/// Band widths up to this many cells use stack rows.
const SMALL_BAND: usize = 8;

/// Bounded OSA distance on symbol slices.
fn osa_bounded_slices<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    // Common prefix and suffix never take part in an optimal alignment: a transposition
    // across the boundary would need two equal characters, which it cannot improve.
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > max {
        return None;
    }
    if la == 0 || lb == 0 {
        return Some(la.max(lb));
    }
    // The distance never exceeds the longer length, so a larger bound changes nothing.
    let mx = max.min(la.max(lb));
    let width = 2 * mx + 1;
    if width <= SMALL_BAND {
        let mut r0 = [0usize; SMALL_BAND];
        let mut r1 = [0usize; SMALL_BAND];
        let mut r2 = [0usize; SMALL_BAND];
        osa_band(
            a,
            b,
            mx,
            &mut r0[..width],
            &mut r1[..width],
            &mut r2[..width],
        )
    } else {
        let mut r0 = vec![0usize; width];
        let mut r1 = vec![0usize; width];
        let mut r2 = vec![0usize; width];
        osa_band(a, b, mx, &mut r0, &mut r1, &mut r2)
    }
}

/// Banded OSA dynamic programme. Row `i`, band cell `k` holds `D(i, j)` for
/// `j = i + k - mx`; cells outside the matrix or above `mx` hold `mx + 1`.
/// `a` and `b` are non-empty with `|len(a) - len(b)| <= mx`.
fn osa_band<'r, T: PartialEq>(
    a: &[T],
    b: &[T],
    mx: usize,
    mut prev2: &'r mut [usize],
    mut prev: &'r mut [usize],
    mut cur: &'r mut [usize],
) -> Option<usize> {
    let (la, lb) = (a.len(), b.len());
    let width = 2 * mx + 1;
    let inf = mx + 1;
    prev2.fill(inf);
    // Row 0: D(0, j) = j.
    for (k, cell) in prev.iter_mut().enumerate() {
        *cell = if k < mx || k - mx > lb { inf } else { k - mx };
    }
    for i in 1..=la {
        let ai = &a[i - 1];
        let mut row_min = inf;
        for k in 0..width {
            let jj = i + k;
            if jj < mx || jj - mx > lb {
                cur[k] = inf;
                continue;
            }
            let j = jj - mx;
            let v = if j == 0 {
                i
            } else {
                let bj = &b[j - 1];
                // Diagonal D(i-1, j-1) is cell k of the previous row, D(i-1, j) cell k+1,
                // D(i, j-1) cell k-1 of this row and D(i-2, j-2) cell k two rows up.
                let mut v = prev[k] + usize::from(ai != bj);
                if k + 1 < width {
                    v = v.min(prev[k + 1] + 1);
                }
                if k > 0 {
                    v = v.min(cur[k - 1] + 1);
                }
                if i >= 2 && j >= 2 && *ai == b[j - 2] && a[i - 2] == *bj {
                    v = v.min(prev2[k] + 1);
                }
                v
            };
            let v = v.min(inf);
            cur[k] = v;
            row_min = row_min.min(v);
        }
        if row_min > mx {
            return None;
        }
        let spare = prev2;
        prev2 = prev;
        prev = cur;
        cur = spare;
    }
    let d = prev[lb + mx - la];
    (d <= mx).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Textbook Jaro, written independently of the kernels (char vectors, boolean flags,
    /// loop over `a` picking the first free match in `b`).
    fn ref_jaro(a: &str, b: &str) -> f64 {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        if a.is_empty() && b.is_empty() {
            return 1.0;
        }
        if a.is_empty() || b.is_empty() {
            return 0.0;
        }
        let window = (a.len().max(b.len()) / 2).saturating_sub(1);
        let mut af = vec![false; a.len()];
        let mut bf = vec![false; b.len()];
        let mut m = 0usize;
        for i in 0..a.len() {
            let start = i.saturating_sub(window);
            let end = (i + window + 1).min(b.len());
            for j in start..end {
                if !bf[j] && a[i] == b[j] {
                    af[i] = true;
                    bf[j] = true;
                    m += 1;
                    break;
                }
            }
        }
        if m == 0 {
            return 0.0;
        }
        let mut k = 0;
        let mut t = 0usize;
        for i in 0..a.len() {
            if af[i] {
                while !bf[k] {
                    k += 1;
                }
                if a[i] != b[k] {
                    t += 1;
                }
                k += 1;
            }
        }
        let t = t / 2;
        let m = m as f64;
        (m / a.len() as f64 + m / b.len() as f64 + (m - t as f64) / m) / 3.0
    }

    fn ref_jaro_winkler(a: &str, b: &str) -> f64 {
        let j = ref_jaro(a, b);
        let l = a
            .chars()
            .zip(b.chars())
            .take(4)
            .take_while(|(x, y)| x == y)
            .count();
        j + l as f64 * 0.1 * (1.0 - j)
    }

    fn ref_levenshtein(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
            }
        }
        d[a.len()][b.len()]
    }

    /// Full (unbanded, no affix stripping) OSA matrix.
    fn ref_osa(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut v = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        d[a.len()][b.len()]
    }

    /// Small deterministic PRNG (xorshift64*), so the tests need no dependency.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    const ALPHABETS: &[&[char]] = &[
        &['a', 'b'],
        &['a', 'b', 'c'],
        &['a', 'e', 'i', 'n', 'r', 's', 't'],
        &['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'],
        &['a', 'é', 'ж', ' '],
        &['и', 'в', 'а', 'н', 'a'],
        &['中', '文', 'a', 'b', 'α', 'β'],
        &['م', 'ح', 'د', 'a', '\''],
        &['A', 'z', '~', '0', '-', ' ', '.', '\''],
    ];

    fn random_len(rng: &mut Rng) -> usize {
        match rng.below(10) {
            0 => 0,
            1 => 1,
            2..=5 => 2 + rng.below(12),
            6 => 14 + rng.below(40),
            7 | 8 => 58 + rng.below(12),
            _ => 60 + rng.below(80),
        }
    }

    fn random_string(rng: &mut Rng, alphabet: &[char]) -> String {
        let len = random_len(rng);
        (0..len)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect()
    }

    /// A copy of `s` with a few random edits, so that pairs are similar more often than
    /// independent random strings would be.
    fn mutate(rng: &mut Rng, alphabet: &[char], s: &str) -> String {
        let mut v: Vec<char> = s.chars().collect();
        for _ in 0..rng.below(4) {
            let pos = if v.is_empty() { 0 } else { rng.below(v.len()) };
            match rng.below(4) {
                0 if !v.is_empty() => {
                    v.remove(pos);
                }
                1 => v.insert(pos, alphabet[rng.below(alphabet.len())]),
                2 if pos + 1 < v.len() => v.swap(pos, pos + 1),
                _ if !v.is_empty() => v[pos] = alphabet[rng.below(alphabet.len())],
                _ => {}
            }
        }
        v.into_iter().collect()
    }

    /// Random pairs: independent, mutated copies, equal strings and mixed alphabets.
    fn random_pairs(seed: u64, count: usize) -> Vec<(String, String)> {
        let mut rng = Rng(seed);
        let mut pairs = Vec::with_capacity(count);
        for _ in 0..count {
            let alpha = ALPHABETS[rng.below(ALPHABETS.len())];
            let a = random_string(&mut rng, alpha);
            let b = match rng.below(5) {
                0 => a.clone(),
                1 | 2 => mutate(&mut rng, alpha, &a),
                3 => {
                    let other = ALPHABETS[rng.below(ALPHABETS.len())];
                    random_string(&mut rng, other)
                }
                _ => random_string(&mut rng, alpha),
            };
            pairs.push((a, b));
        }
        pairs
    }

    fn fixed_pairs() -> Vec<(String, String)> {
        let long_a = "a".repeat(64);
        let long_b = "a".repeat(65);
        let words = [
            "",
            "a",
            "b",
            "ab",
            "ba",
            "martha",
            "marhta",
            "dwayne",
            "duane",
            "dixon",
            "dicksonx",
            "jellyfish",
            "smellyfish",
            "katherine",
            "catherine",
            "kathryn",
            "muller",
            "müller",
            "иван",
            "ivan",
            "zoë",
            "zoe",
            "中文名字",
            "محمد",
            long_a.as_str(),
            long_b.as_str(),
        ];
        let mut pairs = Vec::new();
        for a in words {
            for b in words {
                pairs.push((a.to_owned(), b.to_owned()));
            }
        }
        pairs
    }

    fn all_pairs() -> Vec<(String, String)> {
        let mut pairs = fixed_pairs();
        pairs.extend(random_pairs(0x9e37_79b9_7f4a_7c15, 6000));
        pairs
    }

    #[test]
    fn known_values() {
        let close = |x: f64, y: f64| (x - y).abs() < 1e-12;
        assert!(close(jaro("martha", "marhta"), 17.0 / 18.0));
        assert!(close(
            jaro_winkler("martha", "marhta"),
            0.961_111_111_111_111_1
        ));
        assert!(close(jaro("dixon", "dicksonx"), 0.766_666_666_666_666_7));
        assert!(close(
            jaro_winkler("dixon", "dicksonx"),
            0.813_333_333_333_333_3
        ));
        assert!(close(jaro_winkler("dwayne", "duane"), 0.84));
        assert_eq!(jaro("", ""), 1.0);
        assert_eq!(jaro_winkler("", "a"), 0.0);
        assert_eq!(jaro_winkler("abc", "xyz"), 0.0);
        assert_eq!(jaro_winkler("zoë", "zoë"), 1.0);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("иван", "иванов"), 2);
        assert_eq!(damerau_osa_bounded("ca", "abc", 5), Some(3));
        assert_eq!(damerau_osa_bounded("ab", "ba", 1), Some(1));
        assert_eq!(damerau_osa_bounded("ab", "ba", 0), None);
        assert_eq!(damerau_osa_bounded("same", "same", 0), Some(0));
        assert_eq!(damerau_osa_bounded("", "", 0), Some(0));
        assert_eq!(damerau_osa_bounded("", "abc", 2), None);
        assert_eq!(damerau_osa_bounded("", "abc", 3), Some(3));
        assert_eq!(damerau_osa_bounded("jonh", "john", 2), Some(1));
        assert_eq!(damerau_osa_bounded("smith", "schmidt", 2), None);
        assert_eq!(levenshtein("lukasz", "łukasz"), 1);
        assert_eq!(levenshtein("", "abc"), 3);
        assert!((jaro("martha", "marhta") - 17.0 / 18.0).abs() < 1e-12);
        let q = JaroWinklerQuery::new("katherine");
        for name in ["catherine", "kathryn", "katharina", "кэтрин", ""] {
            assert_eq!(q.score(name), jaro_winkler("katherine", name));
        }
    }

    #[test]
    fn jaro_matches_reference() {
        for (a, b) in all_pairs() {
            let expected = ref_jaro(&a, &b);
            let got = jaro(&a, &b);
            assert!(
                (got - expected).abs() < 1e-12,
                "jaro({a:?}, {b:?}) = {got}, want {expected}"
            );
        }
    }

    #[test]
    fn jaro_winkler_matches_reference() {
        for (a, b) in all_pairs() {
            let expected = ref_jaro_winkler(&a, &b);
            let got = jaro_winkler(&a, &b);
            assert!(
                (got - expected).abs() < 1e-12,
                "jaro_winkler({a:?}, {b:?}) = {got}, want {expected}"
            );
            let q = JaroWinklerQuery::new(&a).score(&b);
            assert!(
                (q - expected).abs() < 1e-12,
                "JaroWinklerQuery({a:?}).score({b:?}) = {q}, want {expected}"
            );
            assert!((0.0..=1.0).contains(&got));
        }
    }

    #[test]
    fn query_is_reusable_and_symmetric_scores() {
        let pairs = random_pairs(42, 300);
        for (a, _) in pairs.iter().take(20) {
            let q = JaroWinklerQuery::new(a);
            for (_, b) in &pairs {
                assert_eq!(q.score(b), jaro_winkler(a, b));
                assert!((jaro(a, b) - jaro(b, a)).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn levenshtein_matches_reference() {
        for (a, b) in all_pairs() {
            assert_eq!(
                levenshtein(&a, &b),
                ref_levenshtein(&a, &b),
                "levenshtein({a:?}, {b:?})"
            );
        }
    }

    #[test]
    fn osa_bounded_matches_reference() {
        for (i, (a, b)) in all_pairs().into_iter().enumerate() {
            let d = ref_osa(&a, &b);
            for max in [0, 1, 2, 3, i % 7, 100] {
                let expected = (d <= max).then_some(d);
                assert_eq!(
                    damerau_osa_bounded(&a, &b, max),
                    expected,
                    "damerau_osa_bounded({a:?}, {b:?}, {max}), full distance {d}"
                );
            }
        }
    }

    #[test]
    fn names_behave_sensibly() {
        assert!(jaro_winkler("jonathan", "johnathan") > 0.9);
        assert!(jaro_winkler("smith", "smyth") > 0.85);
        assert!(jaro_winkler("brown", "green") < 0.7);
        assert_eq!(damerau_osa_bounded("jonh", "john", 2), Some(1));
        assert_eq!(damerau_osa_bounded("mohammed", "muhammad", 2), Some(2));
        assert_eq!(damerau_osa_bounded("lukasz", "łukasz", 1), Some(1));
    }
}
