//! Unicode lower-casing, identical to the standard library's `char::to_lowercase` and
//! `str::to_lowercase`, over compact compiled-in tables.
//!
//! # Why
//!
//! Binary size on wasm. Std's lower-casing brings its conversion table (about 1,460 code
//! point pairs, some 12 KB) and, for the final sigma rule of `str::to_lowercase`, its
//! `Cased` and `Case_Ignorable` property tables into the .wasm. The same mapping fits in
//! 1.5 KB as runs (most upper-case letters sit in blocks or alternate with their lower
//! case). The crate's code (tests aside) lower-cases through [`lower`] and [`lowercase`],
//! never through std.
//!
//! # Equivalence
//!
//! The tables are generated from std itself (the toolchain's `char::to_lowercase` over every
//! code point is the source of truth; the Unicode version of that std is named in the data
//! file's header) and checked against it exhaustively: [`lower`] for every `char`, and for
//! every `char` how the final sigma rule of [`lowercase`] sees it, before and after a
//! capital sigma, against std's `str::to_lowercase` on those strings; [`lowercase`] itself
//! on example and random strings. On a toolchain whose std has other Unicode data (the data
//! file names its version) the tables keep crm's behaviour as it is and the comparisons with
//! std are skipped; regenerating (`CRM_WRITE_UNICODE=1`, see the tests) moves to that data.
//!
//! # Algorithm
//!
//! * [`lower`]: ASCII by `to_ascii_lowercase`; U+0130 (İ), the only character whose lower
//!   case is two characters, to "i\u{307}"; any other character by a binary search of the
//!   runs below, else itself.
//! * [`lowercase`]: ASCII text by `to_ascii_lowercase`; else every character by [`lower`],
//!   except the capital sigma Σ, which std (following Unicode's `Final_Sigma` condition)
//!   lower-cases to the final form ς at the end of a word and to σ elsewhere: ς when, skipping
//!   case-ignorable characters, the nearest character before it is cased and the nearest
//!   after it is not (or there is none). "Cased" is std's `is_lowercase`, `is_uppercase`
//!   or the few other cased characters (title case, such as ǅ) stored here; std's own
//!   `Cased` table is not public. A character that is both cased and case-ignorable is
//!   skipped, as std does.
//!
//! # Data
//!
//! The generated file `case_data.rs` next to this one (written by this module's test with
//! `CRM_WRITE_UNICODE=1`; a plain test run checks that it equals a fresh generation):
//!
//! * `LOWER_RUNS` / `LOWER_DELTAS`: every non-ASCII character whose lower case is one other
//!   character, as runs sorted by their first code point: `start << 9 | alternate << 8 |
//!   (span - 1)`. The code points `start .. start + span` map to themselves plus the delta;
//!   in an *alternating* run only every other one does (`start`, `start + 2`, …; the
//!   others, the lower-case letters of the pairs, are their own lower case), as in "ĀāĂă…".
//! * `CASE_IGNORABLE_*` and `OTHER_CASED_*`: sets of code points as the sorted points where
//!   membership flips (a code point is in the set when an odd number of them are at or below
//!   it), gap-coded: the bounds are split into blocks of at most 64 (the most a look-up
//!   reads one by one), a block starting anew where a bound is more than 255 after the one
//!   before. `*_BLOCKS` holds each block's first bound and its index: `bound << 11 |
//!   index`; `*_GAPS` holds, for every bound, the distance from the previous one (0 for a
//!   block's first).

mod data {
    include!("case_data.rs");
}

/// The bits of a run below its start (see the module documentation).
const START_SHIFT: u32 = 9;
/// Run flag: an alternating run.
const ALTERNATE: u32 = 1 << 8;
/// Run bits: the span minus one.
const SPAN_MASK: u32 = 0xFF;

/// The bits of a block below its first bound: the bound's index.
const INDEX_BITS: u32 = 11;

/// The capital sigma, lower-cased by its position in the word.
const CAPITAL_SIGMA: char = 'Σ';

/// The lower case of one character, as [`lower`] gives it: one character, or two for İ
/// (U+0130). Yields what std's `char::to_lowercase` yields.
#[derive(Clone, Debug)]
pub(crate) struct Lower {
    first: Option<char>,
    second: Option<char>,
}

impl Lower {
    fn one(c: char) -> Lower {
        Lower {
            first: Some(c),
            second: None,
        }
    }
}

impl Iterator for Lower {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        self.first.take().or_else(|| self.second.take())
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = usize::from(self.first.is_some()) + usize::from(self.second.is_some());
        (n, Some(n))
    }
}

impl ExactSizeIterator for Lower {}

impl std::iter::FusedIterator for Lower {}

/// The lower case of `c`: exactly what `c.to_lowercase()` gives (tested for every `char`),
/// without std's conversion table (see the [module documentation](self)).
pub(crate) fn lower(c: char) -> Lower {
    if c.is_ascii() {
        return Lower::one(c.to_ascii_lowercase());
    }
    if c == '\u{130}' {
        return Lower {
            first: Some('i'),
            second: Some('\u{307}'),
        };
    }
    Lower::one(lower_single(c))
}

/// The lower case of a non-ASCII character other than U+0130: one character.
fn lower_single(c: char) -> char {
    let code = u32::from(c);
    let run = data::LOWER_RUNS.partition_point(|&run| run >> START_SHIFT <= code);
    let Some(at) = run.checked_sub(1) else {
        return c;
    };
    let (Some(&run), Some(&delta)) = (data::LOWER_RUNS.get(at), data::LOWER_DELTAS.get(at)) else {
        return c;
    };
    let offset = code - (run >> START_SHIFT);
    if offset > run & SPAN_MASK || run & ALTERNATE != 0 && offset % 2 == 1 {
        return c;
    }
    char::from_u32(code.wrapping_add_signed(delta)).unwrap_or(c)
}

/// The lower case of `s`: exactly what `s.to_lowercase()` gives, final sigma included
/// (tested), without std's tables (see the [module documentation](self)).
pub(crate) fn lowercase(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for (at, c) in s.char_indices() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if c == CAPITAL_SIGMA {
            out.push(lower_sigma(s, at));
        } else {
            out.extend(lower(c));
        }
    }
    out
}

/// The lower case of the capital sigma at byte `at` of `s`: ς at the end of a word, else σ
/// (std's rule, see the [module documentation](self)).
fn lower_sigma(s: &str, at: usize) -> char {
    let before = s.get(..at).unwrap_or_default();
    let after = s.get(at + CAPITAL_SIGMA.len_utf8()..).unwrap_or_default();
    if next_is_cased(before.chars().rev()) && !next_is_cased(after.chars()) {
        'ς'
    } else {
        'σ'
    }
}

/// Whether the first character of `chars` that is not case-ignorable is cased.
fn next_is_cased(chars: impl Iterator<Item = char>) -> bool {
    chars
        .map(casing)
        .find(|&casing| casing != Casing::Ignorable)
        == Some(Casing::Cased)
}

/// What the final sigma rule sees in a character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Casing {
    /// Case-ignorable (whether cased or not): skipped.
    Ignorable,
    /// Cased and not case-ignorable.
    Cased,
    /// Neither.
    Other,
}

/// How the final sigma rule sees `c` (equal to std's for every `char`, tested).
fn casing(c: char) -> Casing {
    if c.is_ascii_alphabetic() {
        // The usual neighbour, without the table look-ups.
        Casing::Cased
    } else if in_gap_set(&data::CASE_IGNORABLE_BLOCKS, &data::CASE_IGNORABLE_GAPS, c) {
        Casing::Ignorable
    } else if c.is_lowercase()
        || c.is_uppercase()
        || in_gap_set(&data::OTHER_CASED_BLOCKS, &data::OTHER_CASED_GAPS, c)
    {
        Casing::Cased
    } else {
        Casing::Other
    }
}

/// Whether `c` is in the gap-coded set `blocks` + `gaps` (see the module documentation).
fn in_gap_set(blocks: &[u32], gaps: &[u8], c: char) -> bool {
    let code = u32::from(c);
    let block = blocks.partition_point(|&b| b >> INDEX_BITS <= code);
    let Some(&first) = block.checked_sub(1).and_then(|at| blocks.get(at)) else {
        return false;
    };
    let index_of = |b: u32| (b & ((1 << INDEX_BITS) - 1)) as usize;
    let end = blocks.get(block).map_or(gaps.len(), |&b| index_of(b));
    // The index of the last bound at or below `code`.
    let mut index = index_of(first);
    let mut bound = first >> INDEX_BITS;
    for &gap in gaps.get(index + 1..end).unwrap_or_default() {
        bound += u32::from(gap);
        if bound > code {
            break;
        }
        index += 1;
    }
    // Bounds 0..=index are at or below `code`: an odd number when `index` is even.
    index % 2 == 0
}

/// The generator of `case_data.rs` and the checks against std.
///
/// `CRM_WRITE_UNICODE=1 cargo test --release -p crm-core case` rewrites the data file; run
/// the tests again without the variable to check it.
#[cfg(test)]
mod tests {
    use super::super::write_array as array;
    use super::*;
    use proptest::prelude::*;

    const DATA_FILE: &str = "src/contact/case_data.rs";

    /// The most bounds in one block of a gap-coded set (the most a look-up reads one by
    /// one; the module documentation says it).
    const BLOCK_LEN: usize = 64;

    /// How std's `str::to_lowercase` treats `c` before a capital sigma, found from its
    /// results: "cΣ" ends in ς when `c` is cased and not case-ignorable; "AcΣ" when `c` is
    /// case-ignorable (skipped, so "A" counts) or cased.
    fn std_casing(c: char) -> Casing {
        let final_after = |prefix: &str| {
            let mut s = String::from(prefix);
            s.push(c);
            s.push(CAPITAL_SIGMA);
            s.to_lowercase().ends_with('ς')
        };
        match (final_after(""), final_after("A")) {
            (true, true) => Casing::Cased,
            (false, true) => Casing::Ignorable,
            (false, false) => Casing::Other,
            (true, false) => panic!("{c:?}: cased alone but not after a letter"),
        }
    }

    /// How std's `str::to_lowercase` treats `c` after a capital sigma (after a letter): the
    /// sigma in "AΣc" is final when `c` is case-ignorable (skipped, up to the end) or not
    /// cased; in "AΣcA" when it is neither cased nor case-ignorable.
    fn std_casing_ahead(c: char) -> Casing {
        let final_before = |suffix: &str| {
            let mut s = String::from("AΣ");
            s.push(c);
            s.push_str(suffix);
            s.to_lowercase().chars().nth(1) == Some('ς')
        };
        match (final_before(""), final_before("A")) {
            (false, false) => Casing::Cased,
            (true, false) => Casing::Ignorable,
            (true, true) => Casing::Other,
            (false, true) => panic!("{c:?}: cased at the end but not before a letter"),
        }
    }

    /// Every code point in order (surrogates excluded).
    fn every_char() -> impl Iterator<Item = char> {
        '\0'..=char::MAX
    }

    /// The runs of `LOWER_RUNS` / `LOWER_DELTAS`: every non-ASCII character but U+0130 whose
    /// lower case (one character, asserted) is not itself, greedily grouped into the longest
    /// contiguous or alternating run with one delta.
    fn lower_runs() -> (Vec<u32>, Vec<i32>) {
        let mut mapped: Vec<(u32, i32)> = vec![];
        for c in every_char().filter(|&c| !c.is_ascii() && c != '\u{130}') {
            let lower: Vec<char> = c.to_lowercase().collect();
            let [l] = lower[..] else {
                panic!("{c:?} lower-cases to {lower:?}: only U+0130 has two characters");
            };
            if l != c {
                let delta = i64::from(u32::from(l)) - i64::from(u32::from(c));
                mapped.push((u32::from(c), i32::try_from(delta).expect("small delta")));
            }
        }
        let (mut runs, mut deltas) = (vec![], vec![]);
        let mut i = 0;
        while i < mapped.len() {
            let (start, delta) = mapped[i];
            // The number of mapped characters from `start` on, `step` apart, with `delta`
            // (none in between: `mapped` is sorted), within the longest span.
            let count = |step: u32| {
                let most = (SPAN_MASK / step + 1) as usize;
                let mut n = 1;
                while n < most && mapped.get(i + n) == Some(&(start + step * n as u32, delta)) {
                    n += 1;
                }
                n
            };
            let (contiguous, alternating) = (count(1), count(2));
            let (n, run) = if alternating > contiguous {
                (alternating, ALTERNATE | (2 * alternating as u32 - 2))
            } else {
                (contiguous, contiguous as u32 - 1)
            };
            assert!(start < 1 << (32 - START_SHIFT));
            runs.push(start << START_SHIFT | run);
            deltas.push(delta);
            i += n;
        }
        (runs, deltas)
    }

    /// The blocks and gaps of a gap-coded set with these flip bounds.
    fn gap_code(bounds: &[u32]) -> (Vec<u32>, Vec<u8>) {
        assert!(bounds.len() < 1 << INDEX_BITS);
        let (mut blocks, mut gaps) = (vec![], vec![]);
        let mut block_len = 0;
        for (index, &bound) in bounds.iter().enumerate() {
            let gap = index
                .checked_sub(1)
                .and_then(|i| u8::try_from(bound - bounds[i]).ok())
                .filter(|_| block_len < BLOCK_LEN);
            match gap {
                Some(gap) => {
                    gaps.push(gap);
                    block_len += 1;
                }
                None => {
                    blocks.push(bound << INDEX_BITS | index as u32);
                    gaps.push(0);
                    block_len = 1;
                }
            }
        }
        (blocks, gaps)
    }

    /// The data file's text.
    fn render() -> String {
        // Indexed by code point (surrogates: `Other`).
        let casings: Vec<Casing> = (0..=u32::from(char::MAX))
            .map(|code| char::from_u32(code).map_or(Casing::Other, std_casing))
            .collect();
        let casing_of = |c: char| casings[u32::from(c) as usize];
        for c in every_char() {
            assert!(
                casing_of(c) != Casing::Other || !c.is_lowercase() && !c.is_uppercase(),
                "{c:?} is lower or upper case but not cased for std's final sigma"
            );
        }
        let ignorable = super::super::flip_bounds(|c| casing_of(c) == Casing::Ignorable);
        let other_cased = super::super::flip_bounds(|c| {
            casing_of(c) == Casing::Cased && !c.is_lowercase() && !c.is_uppercase()
        });
        let (runs, deltas) = lower_runs();
        let (ignorable_blocks, ignorable_gaps) = gap_code(&ignorable);
        let (cased_blocks, cased_gaps) = gap_code(&other_cased);

        let (major, minor, patch) = char::UNICODE_VERSION;
        let mut out = format!(
            "// @generated by `case::tests` from Rust's std (Unicode {major}.{minor}.{patch}) \
             (CRM_WRITE_UNICODE=1); do not edit. Format: see case.rs.\n\
             /// The Unicode version of the std these tables were generated from.\n\
             #[cfg(test)]\n\
             pub(super) const UNICODE_VERSION: (u8, u8, u8) = ({major}, {minor}, {patch});\n"
        );
        array(&mut out, "LOWER_RUNS", "u32", &runs);
        array(&mut out, "LOWER_DELTAS", "i32", &deltas);
        array(&mut out, "CASE_IGNORABLE_BLOCKS", "u32", &ignorable_blocks);
        array(&mut out, "CASE_IGNORABLE_GAPS", "u8", &ignorable_gaps);
        array(&mut out, "OTHER_CASED_BLOCKS", "u32", &cased_blocks);
        array(&mut out, "OTHER_CASED_GAPS", "u8", &cased_gaps);
        out
    }

    /// Whether this toolchain's std has the Unicode data the tables were generated from.
    /// Another std (an older or newer toolchain) may case new letters differently: the
    /// tables, not std, then define crm's behaviour, and the comparisons with std are
    /// skipped (regenerate the tables on the newer toolchain to move to its data).
    fn std_is_the_source() -> bool {
        if char::UNICODE_VERSION == data::UNICODE_VERSION {
            return true;
        }
        eprintln!(
            "std has Unicode {:?}, the case tables {:?}: not compared",
            char::UNICODE_VERSION,
            data::UNICODE_VERSION
        );
        false
    }

    #[test]
    fn data_file_is_fresh() {
        if !std_is_the_source() {
            return;
        }
        // Against the data this test binary was compiled with.
        super::super::check_generated(
            DATA_FILE,
            include_str!("case_data.rs"),
            &render(),
            "CRM_WRITE_UNICODE",
            "CRM_WRITE_UNICODE=1 cargo test --release -p crm-core case",
        );
    }

    /// Every code point: `lower` equals `char::to_lowercase`, and the final sigma rule of
    /// `lowercase` sees it as std's `str::to_lowercase` does (case-ignorable, cased or
    /// neither), before a capital sigma and after one.
    #[test]
    fn every_code_point_matches_std() {
        if !std_is_the_source() {
            return;
        }
        for c in every_char() {
            assert!(lower(c).eq(c.to_lowercase()), "{c:?}");
            assert_eq!(lower(c).len(), c.to_lowercase().len(), "{c:?}");
            let ours = casing(c);
            assert_eq!(ours, std_casing(c), "{c:?} before a sigma");
            assert_eq!(ours, std_casing_ahead(c), "{c:?} after a sigma");
        }
    }

    #[test]
    fn examples() {
        let cases = [
            "",
            "a",
            "ABC xyz 123 !?",
            "Jean-Luc O'BRIEN",
            "José MÜLLER",
            "ŁUKASZ YILDIZ-ØDEGAARD",
            "İSTANBUL",
            "İ",
            "Iİı",
            "ǄEMAL ǅemal ǆemal",
            "ВЛАДИМИР Ёлкин",
            "ΣΊΣΥΦΟΣ",
            "ΟΔΥΣΣΕΎΣ ΠΑΠΑΔΌΠΟΥΛΟΣ",
            "Σ",
            "ΣΣ",
            "ΣΣΣ",
            "AΣ",
            "ΣA",
            "AΣB",
            "ΑΣ Β",
            "ΑΣ.",
            "ΑΣ.Β",
            "ΑΣ'Β",
            "Α'Σ",
            "Α\u{301}Σ",
            "ΑΣ\u{301}",
            "ΑΣ\u{301}Β",
            "ΑΣ\u{345}",
            "Α\u{345}Σ",
            "1Σ",
            "Σ1",
            "Α1Σ",
            "ΑΣ1",
            "中Σ",
            "ΑΣ中",
            "ΑΣ\u{200D}",
            "ΑΣ\u{AD}Β",
            "Α\u{E0100}\u{E0100}Σ",
            "ΑΣ\u{E0100}\u{E0100}",
            "ǅΣ",
            "ΑΣǅ",
            "ʰΣ",
            "ΑΣʰ",
            "ΑΣΑΣ ΣΑΣ",
            "ᾼΣ ΑΣᾼ",
            "ΑΣ, ΒΣ; ΓΣ!",
            "\u{10400}\u{10428}\u{1E900}\u{1E922}",
            "ⰀⰰⱢⱭꞫꟅ",
            "ΩKÅ ẞ",
        ];
        for s in cases {
            assert_eq!(lowercase(s), s.to_lowercase(), "{s:?}");
        }
        assert_eq!(lowercase("ΟΔΟΣ ΟΔΟΣ."), "οδος οδος.");
        assert_eq!(lowercase("ΣΑΣ"), "σας");
        assert_eq!(lowercase("Σ"), "σ");
        assert_eq!(lowercase("İ"), "i\u{307}");
        assert!(lower('İ').eq(['i', '\u{307}']));
        assert_eq!(lower('Σ').collect::<String>(), "σ");
    }

    /// Characters around which the final sigma rule turns.
    fn sigma_char() -> impl Strategy<Value = char> {
        let chars = [
            'Σ',
            'σ',
            'ς',
            'Α',
            'α',
            'Ω',
            'A',
            'a',
            'Z',
            'İ',
            'ǅ',
            'ᾼ',
            'ʰ',
            'ª',
            '中',
            '1',
            ' ',
            '.',
            ':',
            '\'',
            '’',
            '^',
            '`',
            '·',
            '-',
            '\u{AD}',
            '\u{300}',
            '\u{301}',
            '\u{345}',
            '\u{20DD}',
            '\u{200B}',
            '\u{200D}',
            '\u{FE0F}',
            '\u{E0100}',
            '\u{1F3FB}',
            '\u{10400}',
            '\u{10428}',
        ];
        prop_oneof![
            6 => prop::sample::select(chars.to_vec()),
            1 => any::<char>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn strings_match(s in any::<String>()) {
            if std_is_the_source() {
                prop_assert_eq!(lowercase(&s), s.to_lowercase());
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]

        #[test]
        fn sigma_strings_match(chars in prop::collection::vec(sigma_char(), 0..16)) {
            let s: String = chars.into_iter().collect();
            if std_is_the_source() {
                prop_assert_eq!(lowercase(&s), s.to_lowercase());
            }
        }
    }
}
