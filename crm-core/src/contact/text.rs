//! Text normalisation shared by names, addresses and deduplication.
//!
//! Two functions:
//! - [`clean`] tidies text for storage and display (Unicode NFC, whitespace collapsed);
//! - [`fold`] produces a comparison key (compatibility-normalised, lower-cased, accents and
//!   punctuation removed), for matching "José Müller" with "JOSE MULLER".
//!
//! Both are idempotent: applying them twice gives the same result as applying them once.

use std::borrow::Cow;

use super::case;
use super::unicode::{self, is_combining_mark};

/// Tidies text for storage: drops control characters (other than whitespace) and the
/// invisible byte order mark, zero width space and word joiner, applies Unicode NFC, trims, and collapses every run of whitespace (including Unicode spaces such as NBSP,
/// tabs and line breaks) into one ASCII space.
///
/// ```
/// use crm_core::contact::text::clean;
///
/// assert_eq!(clean("  Jane\u{a0}\u{a0}Doe\n"), "Jane Doe");
/// // "e" followed by a combining acute accent becomes the precomposed "é".
/// assert_eq!(clean("Jose\u{301}"), "José");
/// assert_eq!(clean("\u{feff}Ada"), "Ada");
/// ```
pub fn clean(s: &str) -> String {
    clean_cow(s).into_owned()
}

/// [`clean`], borrowing `s` when it is clean already (the usual case).
pub(crate) fn clean_cow(s: &str) -> Cow<'_, str> {
    let ascii = s.is_ascii();
    if ascii {
        if is_tidy(s.bytes().map(char::from)) {
            return Cow::Borrowed(s);
        }
        // ASCII is in NFC.
        return Cow::Owned(clean_ascii(s));
    }
    // Most text has no control characters and is already in NFC: skip those passes then.
    let filtered: Cow<'_, str> = if s.chars().any(is_dropped_control) {
        Cow::Owned(s.chars().filter(|&c| !is_dropped_control(c)).collect())
    } else {
        Cow::Borrowed(s)
    };
    let composed = nfc_cow(&filtered);
    if matches!((&filtered, &composed), (Cow::Borrowed(_), Cow::Borrowed(_))) && is_tidy(s.chars())
    {
        return Cow::Borrowed(s);
    }
    Cow::Owned(collapse_whitespace(&composed))
}

/// Whether the text has no control characters and no whitespace other than single ASCII
/// spaces between words (so that [`clean`] leaves it alone if it is in NFC).
fn is_tidy(chars: impl Iterator<Item = char>) -> bool {
    let mut prev_space = true;
    let mut empty = true;
    for c in chars {
        empty = false;
        if c == ' ' {
            if prev_space {
                return false;
            }
            prev_space = true;
        } else if c.is_whitespace() || c.is_control() {
            return false;
        } else {
            prev_space = false;
        }
    }
    empty || !prev_space
}

/// `s` in NFC, borrowed when it is already (the usual case), normalised at most once. Every
/// character below U+0300 (ASCII, Latin-1, Latin Extended-A and -B, IPA) is in NFC on its
/// own and starts no composition (NFC_QC=Yes, combining class 0), so text made of them
/// only needs no tables.
pub(crate) fn nfc_cow(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| c < '\u{300}') {
        Cow::Borrowed(s)
    } else {
        unicode::nfc_cow(s)
    }
}

/// `s` in NFC, normalised at most once.
pub(crate) fn into_nfc(s: String) -> String {
    match nfc_cow(&s) {
        Cow::Borrowed(_) => None,
        Cow::Owned(composed) => Some(composed),
    }
    .unwrap_or(s)
}

/// Characters that [`clean`] drops: controls (whitespace controls are collapsed instead),
/// and the invisible byte order mark (a spreadsheet's UTF-8 export starts with one), zero
/// width space and word joiner.
fn is_dropped_control(c: char) -> bool {
    c.is_control() && !c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}' | '\u{2060}')
}

/// Whether `s` shows anything: a character that is neither a combining mark nor an
/// invisible format character (a zero width joiner, a direction mark, a soft hyphen, a tag
/// character) nor a blank that is no space (the Hangul fillers, the braille blank).
pub(crate) fn is_visible(s: &str) -> bool {
    s.chars().any(|c| {
        !is_combining_mark(c)
            && !matches!(
                c,
                '\u{ad}'
                    | '\u{61c}'
                    | '\u{115f}'
                    | '\u{1160}'
                    | '\u{180e}'
                    | '\u{200b}'..='\u{200f}'
                    | '\u{202a}'..='\u{202e}'
                    | '\u{2060}'..='\u{206f}'
                    | '\u{2800}'
                    | '\u{3164}'
                    | '\u{feff}'
                    | '\u{ffa0}'
                    | '\u{e0000}'..='\u{e007f}'
            )
    })
}

/// [`clean`] for ASCII text (always in NFC) that needs tidying.
fn clean_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else if !c.is_control() {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Collapses runs of whitespace into one ASCII space and trims both ends.
fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Folds text into a comparison key.
///
/// Steps, in order:
/// 1. Unicode compatibility decomposition (NFKD, i.e. NFKC then NFD): ligatures, full-width
///    and other compatibility forms become their plain letters ("ﬁ" → "fi", "Ｊ" → "J").
/// 2. Full Unicode lower-casing, character by character; the Greek final sigma "ς" is folded
///    to "σ" so that upper- and lower-case spellings of a Greek name give the same key.
/// 3. Accent folding: diacritical marks are dropped ("José Müller" → "jose muller", Cyrillic
///    "й" → "и", "ё" → "е"), as are Hebrew and Arabic vowel points. Combining marks that
///    are part of the spelling of other scripts (Devanagari vowel signs, Thai marks, Japanese
///    voicing marks) are kept.
/// 4. Apostrophes and hyphens between two letters or digits are removed ("O'Brien" →
///    "obrien", "Jean-Luc" → "jeanluc"); invisible formatting characters (soft hyphen,
///    zero-width joiners) are removed; every other punctuation mark, symbol or control
///    character becomes a space.
/// 5. Whitespace is collapsed to single ASCII spaces and trimmed; the result is in NFC.
///
/// Letters of every script survive: Cyrillic, Greek, CJK, Arabic, Hebrew, Devanagari, …
///
/// ```
/// use crm_core::contact::text::fold;
///
/// assert_eq!(fold("José Müller"), "jose muller");
/// assert_eq!(fold("O'Brien, Jean-Luc"), "obrien jeanluc");
/// assert_eq!(fold("ВЛАДИМИР"), "владимир");
/// assert_eq!(fold("Łukasz Yıldız-Ødegaard"), "lukasz yildizodegaard");
/// assert_eq!(fold(&fold("Ångström")), fold("Ångström"));
/// ```
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        // ASCII is its own decomposition, has no marks, and stays ASCII (hence NFC).
        return assemble(s.to_ascii_lowercase().as_bytes());
    }
    // Steps 1-3: a stream of decomposed, lower-cased characters without diacritics.
    let mut chars: Vec<char> = Vec::with_capacity(s.len());
    let lower = unicode::nfkd(s.chars()).flat_map(case::lower);
    for c in unicode::nfkd(lower).filter(|&c| !is_foldable_mark(c)) {
        match latin_base(c) {
            Some(base) => chars.extend(base.chars()),
            None => chars.push(c),
        }
    }
    into_nfc(assemble(&chars))
}

/// Steps 4 and 5 of [`fold`] over decomposed, lower-cased characters (or ASCII bytes).
fn assemble<C: Copy + Into<char>>(chars: &[C]) -> String {
    // `pending_space` collapses separators (step 5).
    let mut out = String::with_capacity(chars.len());
    let mut pending_space = false;
    let mut prev_is_word = false;
    for (i, &c) in chars.iter().enumerate() {
        let c: char = c.into();
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
            prev_is_word = true;
        } else if is_combining_mark(c) {
            // A kept mark belongs to the letter before it; a mark with no letter is dropped.
            if prev_is_word && !pending_space {
                out.push(c);
            }
        } else if is_format_char(c) {
            // Invisible: removed without separating words.
        } else if is_apostrophe_or_hyphen(c)
            && prev_is_word
            && !pending_space
            && chars.get(i + 1).is_some_and(|&n| {
                let n: char = n.into();
                n.is_alphanumeric() && !is_combining_mark(n)
            })
        {
            // Inside a word: removed, joining both halves.
        } else {
            pending_space = true;
            prev_is_word = false;
        }
    }
    out
}

/// Letters with a stroke or ligatures that Unicode does not decompose, written the way
/// people type them without the key ("Łukasz" → "lukasz", "Yıldız" → "yildiz",
/// "Ødegaard" → "odegaard", "Straße" → "strasse"); final sigma as sigma.
fn latin_base(c: char) -> Option<&'static str> {
    Some(match c {
        'ı' => "i",
        'ł' => "l",
        'ø' => "o",
        'đ' | 'ð' => "d",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'þ' => "th",
        'ħ' => "h",
        'ŧ' => "t",
        'ς' => "σ",
        _ => return None,
    })
}

/// Diacritics removed by accent folding.
fn is_foldable_mark(c: char) -> bool {
    matches!(
        c,
        // Combining Diacritical Marks, … Extended, … Supplement, … for Symbols, Half Marks.
        '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
            // Cyrillic combining titlo and friends.
            | '\u{0483}'..='\u{0489}'
            // Hebrew points and cantillation marks.
            | '\u{0591}'..='\u{05BD}'
            | '\u{05BF}'
            | '\u{05C1}'..='\u{05C2}'
            | '\u{05C4}'..='\u{05C5}'
            | '\u{05C7}'
            // Arabic harakat, Quranic marks and the superscript alef.
            | '\u{0610}'..='\u{061A}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{06D6}'..='\u{06DC}'
            | '\u{06DF}'..='\u{06E4}'
            | '\u{06E7}'..='\u{06E8}'
            | '\u{06EA}'..='\u{06ED}'
    )
}

/// Invisible formatting characters (general category Cf) that are removed outright.
fn is_format_char(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// Apostrophes and hyphens that join the parts of a name.
fn is_apostrophe_or_hyphen(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2018}'
            | '\u{2019}'
            | '\u{201B}'
            | '\u{2032}'
            | '`'
            | '´'
            | '-'
            | '\u{2010}'
            | '\u{2011}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fold_removes_accents_and_case() {
        assert_eq!(fold("José Müller"), "jose muller");
        assert_eq!(fold("FRANÇOISE"), "francoise");
        assert_eq!(fold("Łukasz Żółć"), "lukasz zolc");
        assert_eq!(fold("Ærøskøbing"), "aeroskobing");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Yıldız"), "yildiz");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("Nguyễn Thị Minh Khai"), "nguyen thi minh khai");
    }

    #[test]
    fn fold_compatibility_forms() {
        assert_eq!(fold("ﬁnn"), "finn");
        assert_eq!(fold("ＪＯＨＮ"), "john");
        assert_eq!(fold("Ⅻ"), "xii");
        assert_eq!(fold("ｶﾀｶﾅ"), "カタカナ");
    }

    #[test]
    fn fold_punctuation() {
        assert_eq!(fold("O'Brien"), "obrien");
        assert_eq!(fold("O’Brien"), "obrien");
        assert_eq!(fold("Jean-Luc"), "jeanluc");
        assert_eq!(fold("Smith, John"), "smith john");
        assert_eq!(fold("  'quoted'  -- dash - "), "quoted dash");
        assert_eq!(fold("Müller & Söhne GmbH."), "muller sohne gmbh");
        assert_eq!(fold("a\u{AD}b"), "ab");
        assert_eq!(fold("rock'n'roll"), "rocknroll");
        assert_eq!(fold("x -y"), "x y");
        assert_eq!(fold("😀 Anna 😀"), "anna");
        assert_eq!(fold("\t\n "), "");
    }

    #[test]
    fn fold_keeps_other_scripts() {
        assert_eq!(fold("Пётр Ильич Чайковский"), "петр ильич чаиковскии");
        assert_eq!(fold("ΟΔΥΣΣΕΥΣ"), "οδυσσευσ");
        assert_eq!(fold("Οδυσσεύς"), "οδυσσευσ");
        assert_eq!(fold("王小明"), "王小明");
        assert_eq!(fold("محمد"), "محمد");
        assert_eq!(fold("مُحَمَّد"), "محمد");
        assert_eq!(fold("שָׁלוֹם"), "שלום");
        assert_eq!(fold("राम शर्मा"), "राम शर्मा");
        assert_eq!(fold("がっこう"), "がっこう");
        assert_eq!(fold("김민준"), "김민준");
    }

    #[test]
    fn below_u0300_is_nfc_on_its_own() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        for c in ('\0'..'\u{300}').chain(['\u{300}']) {
            let quick = is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
                && canonical_combining_class(c) == 0;
            assert_eq!(quick, c < '\u{300}', "{c:?}");
        }
    }

    #[test]
    fn clean_collapses_whitespace() {
        assert_eq!(clean("  a \t b\u{2003}\u{202F}c \n"), "a b c");
        assert_eq!(clean("Zoe\u{308}"), "Zoë");
        assert_eq!(clean("a\u{0}b"), "ab");
        assert_eq!(clean(""), "");
        assert_eq!(clean("O'Brien-Smith"), "O'Brien-Smith");
    }

    proptest! {
        #[test]
        fn fold_is_idempotent(s in any::<String>()) {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once);
        }

        #[test]
        fn fold_is_idempotent_on_printable(s in "\\PC{0,40}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once);
        }

        #[test]
        fn fold_is_idempotent_on_name_like_text(
            s in "[a-zA-Zéüßİıσς'’\\- .,\u{301}\u{308}\u{307}\u{94d}\u{93e}\u{3099}\u{AD}кЁ가가]{0,24}"
        ) {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once.clone());
            prop_assert!(!once.starts_with(' ') && !once.ends_with(' '));
            prop_assert!(!once.contains("  "));
        }

        #[test]
        fn clean_is_idempotent(s in any::<String>()) {
            let once = clean(&s);
            prop_assert_eq!(clean(&once), once);
        }
    }
}
