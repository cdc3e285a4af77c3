//! Field-by-field comparison of two prepared records into graded agreement levels.
//!
//! Each [`Field`] has its own ordered list of [`Level`]s, from the strongest agreement to
//! [`Level::Different`]; [`Level::Missing`] means one side has no value, which is neither
//! evidence for nor against a match. The model (see [`super::model`]) turns levels into
//! match weights.

use std::fmt;
use std::str::FromStr;

use super::nicknames::nickname_initial;
use super::record::{BirthDate, MatchAddress, MatchRecord};
use super::similarity::{damerau_osa_bounded, jaro_winkler};
use crate::error::{Error, Result};

str_enum!(
    /// A field compared between two records.
    Field, "field", {
        /// Given name(s).
        GivenName => "given_name",
        /// Family name(s).
        FamilyName => "family_name",
        /// Any email address of one against any of the other.
        Email => "email",
        /// Any phone number of one against any of the other.
        Phone => "phone",
        /// Date of birth.
        BirthDate => "birth_date",
        /// Any postal address of one against any of the other.
        Address => "address",
    }
);

impl Field {
    /// Position of the field in [`Field::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The levels this field can reach, strongest first; [`Level::Different`] and
    /// [`Level::Missing`] close every list.
    pub fn levels(self) -> &'static [Level] {
        use Level::*;
        match self {
            Field::GivenName => &[
                Exact, Nickname, Typo, Close, Initial, Weak, Different, Missing,
            ],
            Field::FamilyName => &[Exact, Typo, Close, Different, Missing],
            Field::Email => &[Exact, Typo, SameLocalPart, Different, Missing],
            Field::Phone => &[Exact, SameSubscriber, Typo, Different, Missing],
            Field::BirthDate => &[Exact, SameDayMonth, OneDiff, Close, Different, Missing],
            Field::Address => &[
                Exact,
                SameStreet,
                SamePostcode,
                SameCity,
                Different,
                Missing,
            ],
        }
    }

    /// Position of `level` in [`Field::levels`], or an error naming the field when the
    /// field has no such level.
    pub fn level_index(self, level: Level) -> Result<usize> {
        self.levels()
            .iter()
            .position(|l| *l == level)
            .ok_or_else(|| {
                Error::invalid(
                    "level",
                    level.as_str(),
                    format!(
                        "{} has no level {}; its levels are {}",
                        self.as_str(),
                        level.as_str(),
                        self.levels()
                            .iter()
                            .map(|l| l.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            })
    }
}

str_enum!(
    /// How closely a field agrees between two records.
    Level, "level", {
        /// The same value after normalisation (names: spaces aside, "De Luca" / "Deluca";
        /// emails: the same mailbox by the provider's alias rules, with a `+tag` at any
        /// domain, "ada+shop@acme.com" / "ada@acme.com", and at a domain mistyped,
        /// "ada.lee+news@gmial.com" / "adalee@gmail.com", though not at two providers of
        /// short names a letter apart, "o2.pl" / "op.pl").
        Exact => "exact",
        /// Given names that are nicknames of one another (Bob / Robert).
        Nickname => "nickname",
        /// One or two typing errors apart (edit distance ≤ 1, or ≤ 2 on long names;
        /// Jaro-Winkler ≥ 0.92), or one name is part of the other ("mary" / "mary ann").
        /// Phone numbers: one wrong or swapped digit apart. Emails: one domain, and
        /// mailbox names of six characters or more one letter apart (left out, added,
        /// wrong, or two swapped: "caldwellmichelle@" / "caldwellmichell@"); not a digit
        /// or a dot ("jane.doe" / "janedoe" / "jane.doe1" are two people with one name as
        /// often as one person), and a mailbox name made of the names corroborates nothing
        /// (namesakes choose alike).
        Typo => "typo",
        /// Similar (Jaro-Winkler ≥ 0.85); family names: also one's letters in another order,
        /// perhaps with one left out ("Ynnollc" / "Connolly"), or one of two family names
        /// left out and the other one typing error off ("Lpez" / "López Sánchez"). Dates of
        /// birth: full dates less than a year apart, or two digits apart (1983-04-30 /
        /// 1983-05-19, 1995-10-27 / 1985-10-24), more than one part wrong: a date
        /// misremembered or mistyped twice, not another generation's, so not a conflict;
        /// and one year unknown, the month or the day alike (--04-30 / 1983-04-13).
        Close => "close",
        /// One side is an initial that agrees with the other ("J." / "John"; "Lee | J" /
        /// "Junseo Lee" too, an initial in the family field read as the given name's).
        Initial => "initial",
        /// Somewhat alike but more than a typo apart (Jaro-Winkler ≥ 0.8, or a shared
        /// first letter and at most two edits): "Sasn" / "Susan", "Chrsi" / "Christopher";
        /// one given name's masculine and feminine forms, however close ("Daniel" /
        /// "Daniela", "Mario" / "Maria"); a shared first given name followed by different
        /// ones ("Maria Alice" / "Maria Fernanda"); and one name's letters in another
        /// order, perhaps with one left out ("lmeAi" / "Amelia", four letters or more); a
        /// name the nickname table does not hold one typing error from a nickname of the
        /// other ("Tonyy" / "Anthony", "Jsck" / "John"), or an initial of one ("B" /
        /// "Robert", for Bob). Not a conflict, but evidence against.
        Weak => "weak",
        /// Same mailbox name at another domain (jane.doe@a.com / jane.doe@b.org). Made of
        /// names that agree, it says them again and weighs nothing.
        SameLocalPart => "same_local_part",
        /// Phone numbers that agree on the last 8 digits (one lacks or has another prefix).
        SameSubscriber => "same_subscriber",
        /// Same day and month, one year unknown.
        SameDayMonth => "same_day_month",
        /// Dates that differ in one part only (the year, the month or the day), or by day
        /// and month swapped: one date mistyped. Where one year is unknown, only the day
        /// and month swapped: a month or a day alone agrees for one stranger in 12 or in
        /// 30, and is `close`.
        OneDiff => "one_diff",
        /// Same street and postal code (or city, the codes missing or one typo apart),
        /// another house number; the same street and house number in the same city under
        /// postal codes further apart; or the same street and house number where one side
        /// names no place.
        SameStreet => "same_street",
        /// Same postal code.
        SamePostcode => "same_postcode",
        /// Same city (or its name one typing error away, or its letters shuffled), other
        /// postal code and street.
        /// Where one record gives no street and one no postal code (only towns to
        /// compare), it weighs as the chance of agreeing on the city at any level.
        SameCity => "same_city",
        /// Both sides have a value and they disagree.
        Different => "different",
        /// At least one side has no value.
        Missing => "missing",
    }
);

/// The agreement levels of one pair, as indexes into each field's [`Field::levels`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Comparison {
    /// Level index per field, in [`Field::ALL`] order.
    pub levels: [u8; 6],
    /// Whether the names agree better with given and family names swapped.
    pub swapped: bool,
}

impl Comparison {
    /// The level reached for `field`.
    pub fn level(&self, field: Field) -> Level {
        let levels = field.levels();
        levels[usize::from(self.levels[field.index()]).min(levels.len() - 1)]
    }
}

/// Compares two prepared records. `prefer_swapped` chooses between two readings of the
/// names: it receives the given and family level indexes of each and returns `true` when
/// the second speaks more for one person than the first.
///
/// Besides the straight reading, one record may have its names in each other's fields
/// ("Smith" as the given name), and which record did decides which crossed pair of names
/// are the given names. The record whose family field holds a name the nickname table knows
/// and whose given field does not, or whose family field is an initial and whose given
/// field is not, is taken for the swapped one; when that does not tell,
/// the crossed reading that speaks less for one person is taken. Either way the result
/// does not depend on the order of the two records, and a couple ("John Smith", "Smith
/// Mary") keeps its different given names whichever of them is written the wrong way round.
pub(crate) fn compare(
    a: &MatchRecord,
    b: &MatchRecord,
    prefer_swapped: impl Fn([u8; 2], [u8; 2]) -> bool,
) -> Comparison {
    let (names, swapped) = if names_in_scripts_apart(a, b) {
        // "志伟 吴" and "Zhiwei Wu": names this crate does not romanize, against Latin
        // letters, neither agree nor differ.
        let missing = |f: Field| idx(f, Level::Missing);
        (
            [missing(Field::GivenName), missing(Field::FamilyName)],
            false,
        )
    } else {
        name_levels(a, b, prefer_swapped)
    };
    Comparison {
        levels: [
            names[0],
            names[1],
            email_level(&a.emails, &b.emails),
            phone_level(&a.phones, &b.phones),
            birth_level(a.birth, b.birth),
            address_level(&a.addresses, &b.addresses),
        ],
        swapped,
    }
}

/// Whether one record's name is in Latin letters and the other's wholly in a script that
/// matching does not romanize (Han, kana, Arabic, Hebrew, Devanagari, Thai, …; Cyrillic,
/// Greek and Hangul are romanized): the two cannot be compared.
pub(crate) fn names_in_scripts_apart(a: &MatchRecord, b: &MatchRecord) -> bool {
    matches!(
        (a.latin, b.latin),
        (Some(true), Some(false)) | (Some(false), Some(true))
    )
}

/// The levels of the given and family names, read straight or the other way round
/// (whichever `prefer_swapped` prefers), and whether they were read the other way round.
fn name_levels(
    a: &MatchRecord,
    b: &MatchRecord,
    prefer_swapped: impl Fn([u8; 2], [u8; 2]) -> bool,
) -> ([u8; 2], bool) {
    let straight = [
        given_level(
            (&a.given, a.nick[0], a.mistyped),
            (&b.given, b.nick[0], b.mistyped),
        ),
        family_level(&a.family, &b.family),
    ];
    let mut names = straight;
    let mut swapped = false;
    let (s0, s1) = (straight[0], straight[1]);
    let agree = |l: u8, f: Field| f.levels()[usize::from(l)] == Level::Exact;
    let both_exact = agree(s0, Field::GivenName) && agree(s1, Field::FamilyName);
    let unnamed = a.given.is_empty() && a.family.is_empty();
    if !both_exact && !unnamed {
        // `b` wrote its names the other way round, or `a` did.
        let b_crossed = [
            given_level(
                (&a.given, a.nick[0], a.mistyped),
                (&b.family, b.nick[1], &[]),
            ),
            family_level(&a.family, &b.given),
        ];
        let a_crossed = [
            given_level(
                (&a.family, a.nick[1], &[]),
                (&b.given, b.nick[0], b.mistyped),
            ),
            family_level(&a.given, &b.family),
        ];
        // A record whose family field holds a known given name and whose given field does
        // not is the one written the wrong way round; so is one whose family field is an
        // initial and whose given field is not ("Lee | J" is "J Lee", as "Tarov | M" is
        // "M Tarov"): an initial is a given name's.
        let looks_swapped = |r: &MatchRecord| {
            r.nick[0].is_empty() && !r.nick[1].is_empty()
                || char_count(&r.family) == 1 && char_count(&r.given) > 1
        };
        let crossed = match (looks_swapped(a), looks_swapped(b)) {
            (true, false) => a_crossed,
            (false, true) => b_crossed,
            _ if prefer_swapped(a_crossed, b_crossed) => a_crossed,
            _ if prefer_swapped(b_crossed, a_crossed) => b_crossed,
            // As much for one person either way: the worse given name.
            _ => a_crossed.max(b_crossed),
        };
        if prefer_swapped(straight, crossed) {
            names = crossed;
            swapped = true;
        }
    }
    // "John Smith Jr." and "John Smith Sr." are two people's names.
    if generations_differ(a, b) {
        names[0] = idx(Field::GivenName, Level::Different);
    }
    (names, swapped)
}

/// Whether both names carry a generational suffix and the suffixes differ ("Jr." and
/// "Sr."; "Jr." and "II" are one generation).
pub(crate) fn generations_differ(a: &MatchRecord, b: &MatchRecord) -> bool {
    a.generation != 0 && b.generation != 0 && a.generation != b.generation
}

pub(crate) fn idx(field: Field, level: Level) -> u8 {
    // Every level used below is listed for its field (checked by a test).
    field
        .levels()
        .iter()
        .position(|l| *l == level)
        .and_then(|p| u8::try_from(p).ok())
        .unwrap_or(0)
}

fn first_token(s: &str) -> &str {
    s.split(' ').next().unwrap_or(s)
}

/// Whether every word of the shorter name is a word of the longer one ("mary" in
/// "mary ann", "garcia" in "garcia lopez").
fn contains_words(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.contains(' ') && short.split(' ').all(|w| long.split(' ').any(|l| l == w))
}

/// The similarity measures of two names, each computed once.
struct Measures {
    /// Characters in the longer and the shorter name.
    longest: usize,
    shortest: usize,
    /// Optimal-string-alignment distance, when at most 2.
    edits: Option<usize>,
    /// Jaro-Winkler similarity.
    jw: f64,
}

impl Measures {
    fn of(a: &str, b: &str) -> Measures {
        let (la, lb) = (char_count(a), char_count(b));
        Measures {
            longest: la.max(lb),
            shortest: la.min(lb),
            edits: damerau_osa_bounded(a, b, 2),
            jw: jaro_winkler(a, b),
        }
    }

    /// Edit-distance and Jaro-Winkler grading shared by both name fields.
    fn graded(&self) -> Option<Level> {
        let max_edits = if self.longest >= 8 { 2 } else { 1 };
        let edits = self.edits.unwrap_or(usize::MAX);
        if self.longest >= 4 && edits <= max_edits {
            Some(Level::Typo)
        } else if self.longest == 3 && edits <= 1 {
            // "lin" / "lkn", "min" / "mni": too short to call a typo, too close to call
            // different.
            Some(Level::Close)
        } else if self.jw >= 0.92 {
            Some(Level::Typo)
        } else if self.jw >= 0.85 {
            Some(Level::Close)
        } else {
            None
        }
    }

    /// Too far apart for a typo, but a person would still read them as possibly one name
    /// mistyped or shortened.
    fn weakly_alike(&self, same_initial: bool) -> bool {
        (self.shortest >= 3 && self.jw >= 0.8) || (same_initial && self.edits.is_some())
    }
}

fn char_count(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Whether two sorted nickname group lists share a group.
fn share_group(x: &[u16], y: &[u16]) -> bool {
    x.iter().any(|g| y.binary_search(g).is_ok())
}

/// A name, the nickname groups of its first word, and those of the known name that first
/// word is a typing error of (see `MatchRecord::mistyped`).
type GivenName<'a> = (&'a str, &'a [u16], &'a [u16]);

fn given_level(
    (a, a_groups, a_mistyped): GivenName<'_>,
    (b, b_groups, b_mistyped): GivenName<'_>,
) -> u8 {
    use Level::*;
    let level = if a.is_empty() || b.is_empty() {
        Missing
    } else if a == b || without_spaces_equal(a, b) {
        Exact
    } else {
        let (fa, fb) = (first_token(a), first_token(b));
        let same_initial = fa.chars().next() == fb.chars().next();
        if fa != fb && share_group(a_groups, b_groups) {
            Nickname
        } else if fa == fb && other_given_names_differ(a, b) {
            Weak
        } else if fa == fb || contains_words(a, b) {
            Typo
        } else if gendered_forms(fa, fb) {
            Weak
        } else {
            // Measured only here, on the pairs the checks above leave (most of them). The
            // first words decide, and the whole names too where one has several words and
            // the other one; two names of several words whose first words differ are not
            // made alike by the words they share after them ("dina wouters" / "fay
            // wouters", a family name read as a given one).
            let first = Measures::of(fa, fb);
            let graded = if (fa.len() < a.len()) != (fb.len() < b.len()) {
                Measures::of(a, b).graded().or_else(|| first.graded())
            } else {
                first.graded()
            };
            if let Some(level) = graded {
                // First words alike and the others not ("maria alice" / "mara fernanda"):
                // as with one first word shared, sisters' names as often as one person's.
                if other_given_names_differ(a, b) {
                    Weak
                } else {
                    level
                }
            } else if same_initial && (char_count(fa) == 1 || char_count(fb) == 1) {
                Initial
            } else if first.weakly_alike(same_initial)
                || scrambled(a, b)
                || share_group(a_mistyped, b_groups)
                || share_group(a_groups, b_mistyped)
                || initial_of_a_nickname(fa, b_groups)
                || initial_of_a_nickname(fb, a_groups)
            {
                // A nickname mistyped ("mkie" / "michael": a name the table does not hold,
                // one letter from one it does) or its initial ("b" / "robert"): as weakly
                // alike.
                Weak
            } else {
                Different
            }
        }
    };
    idx(Field::GivenName, level)
}

/// Whether `name` is one letter, the first of a nickname in `groups` ("b" of Bob, for
/// Robert).
fn initial_of_a_nickname(name: &str, groups: &[u16]) -> bool {
    matches!(name.as_bytes(), [c] if nickname_initial(*c, groups))
}

/// Whether one name is the other's letters in another order, perhaps with one of them
/// left out: "lmeai" / "amelia", "illeo" / "elliot", "jobc" / "jacob". Keys
/// struck in the wrong order and letters dropped on the way; a person reading the two
/// would ask whether they are one name, as they would of weakly alike ones. Names of
/// four letters or more only, in the Latin alphabet, spaces aside ("ol vri" / "oliver").
/// Towns too ("oldon" / "london"): two towns spelt with one another's letters are rare.
fn scrambled(a: &str, b: &str) -> bool {
    fn letters(s: &str) -> Option<([u8; 26], usize)> {
        let mut counts = [0u8; 26];
        let mut n = 0;
        for c in s.bytes().filter(|c| *c != b' ') {
            let slot = counts.get_mut(usize::from(c.wrapping_sub(b'a')))?;
            *slot = slot.saturating_add(1);
            n += 1;
        }
        Some((counts, n))
    }
    // Most pairs differ in length by more than a letter, and are not counted.
    if a.len().abs_diff(b.len()) > 2 {
        return false;
    }
    let (Some((ca, na)), Some((cb, nb))) = (letters(a), letters(b)) else {
        return false;
    };
    if na.min(nb) < 4 || na.abs_diff(nb) > 1 {
        return false;
    }
    // The longer name holds every letter of the shorter one (as often), and one more at
    // most.
    let (short, long) = if na <= nb { (ca, cb) } else { (cb, ca) };
    short.iter().zip(&long).all(|(s, l)| s <= l)
}

/// Whether two given names that begin with one word go on with others that are neither
/// alike nor one within the other: "maria alice" / "maria fernanda", "jose luis" / "jose
/// antonio", sisters' and brothers' names as often as one person's ("maria" / "maria
/// fernanda" and "maria fernanda" / "maria fernnada" do not).
fn other_given_names_differ(a: &str, b: &str) -> bool {
    fn rest(s: &str) -> &str {
        s.split_once(' ').map_or("", |(_, r)| r)
    }
    let (ra, rb) = (rest(a), rest(b));
    !ra.is_empty()
        && !rb.is_empty()
        && !contains_words(ra, rb)
        && ra != rb
        && Measures::of(ra, rb).graded().is_none()
}

/// Whether two (folded) given names are one name's masculine and feminine forms: "daniel"
/// / "daniela", "paul" / "paula", "jean" / "jeanne", "michel" / "michelle", "mario" /
/// "maria". A brother and sister, or a couple, are named so as often as one name is
/// mistyped so: weakly alike, not a typo. Not a final "e" alone ("louis" / "louise"), which
/// is as often a slip of the hand, nor "-e" / "-a" ("marie" / "maria", "sophie" / "sophia":
/// one woman's name in two languages).
fn gendered_forms(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 4 || !long.is_ascii() {
        return false;
    }
    if let Some(ending) = long.strip_prefix(short) {
        // After a consonant: "anna" / "annaa" and "andrew" / "andrewe" are typing errors.
        let last = short.as_bytes()[short.len() - 1];
        return !matches!(last, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
            && (ending == "a" || ending.len() == 2 && ending.as_bytes() == [last, b'e']);
    }
    let (sa, sb) = (short.as_bytes(), long.as_bytes());
    let n = sa.len();
    sb.len() == n
        && sa[..n - 1] == sb[..n - 1]
        && matches!((sa[n - 1], sb[n - 1]), (b'a', b'o') | (b'o', b'a'))
}

fn family_level(a: &str, b: &str) -> u8 {
    use Level::*;
    let level = if a.is_empty() || b.is_empty() {
        Missing
    } else if a == b || without_spaces_equal(a, b) {
        Exact
    } else if contains_words(a, b) {
        Typo
    } else {
        Measures::of(a, b).graded().unwrap_or_else(|| {
            if scrambled(a, b) || a_word_mistyped(a, b) {
                Close
            } else {
                Different
            }
        })
    };
    idx(Field::FamilyName, level)
}

/// Whether a name of one word is one typing error from a word of the other name: one of two
/// family names left out and the other mistyped ("lpez" / "lopez sanchez").
fn a_word_mistyped(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= 4
        && !short.contains(' ')
        && long
            .split(' ')
            .any(|w| damerau_osa_bounded(short, w, 1).is_some())
}

fn without_spaces_equal(a: &str, b: &str) -> bool {
    a.chars()
        .filter(|c| *c != ' ')
        .eq(b.chars().filter(|c| *c != ' '))
}

fn email_level(a: &[Box<str>], b: &[Box<str>]) -> u8 {
    use Level::*;
    let level = if a.is_empty() || b.is_empty() {
        Missing
    } else if a.iter().any(|x| b.iter().any(|y| same_mailbox(x, y))) {
        Exact
    } else if a.iter().any(|x| b.iter().any(|y| mailbox_typo(x, y))) {
        Typo
    } else if a.iter().any(|x| {
        let local = local_part(x);
        local.len() >= 6 && b.iter().any(|y| local_part(y) == local)
    }) {
        SameLocalPart
    } else {
        Different
    };
    idx(Field::Email, level)
}

/// The same address, the same mailbox with a `+tag` at any domain (a sub-address only its
/// owner makes: "ada+shop@acme.com" / "ada@acme.com"), or the same mailbox name at a
/// domain mistyped ([`domain_typo`]: "ada@icloud.com" / "ada@icoud.com"). At a mistyped
/// domain the provider's alias rules were not applied, so there the names are compared as
/// they would have been: without dots and `+tag` ("ada.lee+news@gmial.com" /
/// "adalee@gmail.com").
fn same_mailbox(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    match (a.rsplit_once('@'), b.rsplit_once('@')) {
        (Some((la, da)), Some((lb, db))) => {
            la.len().min(lb.len()) >= 3
                && if da == db {
                    untagged(la) == untagged(lb)
                } else {
                    // The names compared first: cheaper.
                    untagged(la)
                        .chars()
                        .filter(|&c| c != '.')
                        .eq(untagged(lb).chars().filter(|&c| c != '.'))
                        && domain_typo(da, db)
                }
        }
        _ => false,
    }
}

/// Whether two domains are one typing error apart as a domain is mistyped: in the ending
/// ("gmail.con", "hotmail.co") or in a name of four letters or more ("gmial.com",
/// "yaho.com", "outlok.com"). Names of two or three letters one apart are often two
/// providers ("o2.pl" and "op.pl", "uol.com.br" and "bol.com.br"), where namesakes choose
/// alike.
fn domain_typo(a: &str, b: &str) -> bool {
    let (na, nb) = (first_label(a), first_label(b));
    a != b && damerau_osa_bounded(a, b, 1).is_some() && (na == nb || na.len().max(nb.len()) >= 4)
}

/// The first label of a domain ("gmail" of "gmail.com").
fn first_label(domain: &str) -> &str {
    domain.split('.').next().unwrap_or(domain)
}

/// A mailbox name without its `+tag` (unless nothing would be left).
fn untagged(local: &str) -> &str {
    match local.split_once('+') {
        Some((base, _)) if !base.is_empty() => base,
        _ => local,
    }
}

/// One domain, and mailbox names of six characters or more one letter apart: a letter
/// left out, added, wrong, or two swapped; the digits and dots as they are. Not in the
/// first letter, nor another last one ("qgarcia" / "bgarcia", "garciaj" / "garciam":
/// colleagues' initials).
fn mailbox_typo(a: &str, b: &str) -> bool {
    let (Some((la, da)), Some((lb, db))) = (a.rsplit_once('@'), b.rsplit_once('@')) else {
        return false;
    };
    let (x, y) = (la.as_bytes(), lb.as_bytes());
    if x.first() != y.first() || x.len() == y.len() && x.last() != y.last() {
        return false;
    }
    let not_letter = |c: &u8| !c.is_ascii_lowercase();
    da == db
        && la.len().min(lb.len()) >= 6
        && la.len().abs_diff(lb.len()) <= 1
        && la != lb
        && damerau_osa_bounded(la, lb, 1).is_some()
        && la
            .bytes()
            .filter(not_letter)
            .eq(lb.bytes().filter(not_letter))
}

fn local_part(email: &str) -> &str {
    email.rsplit_once('@').map_or(email, |(local, _)| local)
}

/// Mailbox names that a business, not a person, answers (in several languages): several
/// people read and give them, so sharing one says the records belong to one company, not
/// to one person.
const ROLE_MAILBOXES: &[&str] = &[
    "accounting",
    "accounts",
    "admin",
    "administracion",
    "administration",
    "administrator",
    "amministrazione",
    "atendimento",
    "billing",
    "booking",
    "bookings",
    "buero",
    "bureau",
    "careers",
    "commercial",
    "commerciale",
    "contact",
    "contacto",
    "contato",
    "contatto",
    "customerservice",
    "direction",
    "enquiries",
    "enquiry",
    "finance",
    "hello",
    "help",
    "hr",
    "info",
    "informacion",
    "information",
    "inquiries",
    "inquiry",
    "invoices",
    "jobs",
    "kontakt",
    "mail",
    "marketing",
    "office",
    "orders",
    "post",
    "press",
    "reception",
    "reservations",
    "sales",
    "secretariat",
    "segreteria",
    "service",
    "support",
    "team",
    "vendas",
    "vendite",
    "ventas",
    "vertrieb",
    "verwaltung",
    "webmaster",
];

/// Whether `a` and `b` share a mailbox (as the email level's exact agreement reads it)
/// that a person answers, not a business's shared one (`info@`, `sales@`, …).
pub(crate) fn share_personal_mailbox(a: &MatchRecord, b: &MatchRecord) -> bool {
    a.emails.iter().any(|x| {
        b.emails.iter().any(|y| same_mailbox(x, y))
            && ROLE_MAILBOXES
                .binary_search(&untagged(local_part(x)))
                .is_err()
    })
}

/// Whether `a` and `b` share a mailbox named for one of them: its name holds the first
/// word of either's given name ("jip.huisman@" for Jip). A family's mailbox
/// ("huisman@", "thehuismans@") names neither.
pub(crate) fn share_a_mailbox_named_for_one(a: &MatchRecord, b: &MatchRecord) -> bool {
    let names = [first_token(&a.given), first_token(&b.given)];
    a.emails.iter().any(|x| {
        let local = local_part(x);
        b.emails.iter().any(|y| same_mailbox(x, y))
            && names.iter().any(|n| n.len() >= 3 && local.contains(n))
    })
}

/// Whether `a` and `b` share a mailbox named by an initial and a family name of theirs,
/// in either order, whatever digits or dots it holds: "e.roberts@", "roberts.e@",
/// "eroberts82@" for Evelyn Roberts. Alike for all of a family whose given names begin
/// alike, so a sign of one person only where the given names agree.
pub(crate) fn share_a_mailbox_of_initial_and_family(a: &MatchRecord, b: &MatchRecord) -> bool {
    let people = [(&a.given, &a.family), (&b.given, &b.family)];
    a.emails.iter().any(|x| {
        let letters: String = local_part(x)
            .chars()
            .filter(char::is_ascii_lowercase)
            .collect();
        b.emails.iter().any(|y| same_mailbox(x, y))
            && people.iter().any(|(given, family)| {
                let family = first_token(family);
                let Some(initial) = given.chars().next().filter(char::is_ascii_lowercase) else {
                    return false;
                };
                family.len() >= 3
                    && (letters.strip_prefix(initial) == Some(family)
                        || letters.strip_suffix(initial) == Some(family))
            })
    })
}

/// Whether `a` and `b` have alike mailboxes (as the email level `level` reads them: the
/// same mailbox name at different providers, or one letter apart at one) whose name names
/// neither of them: "sunnywolf15@", not "joseph.thompson@" or "twilson@", which namesakes
/// choose alike.
pub(crate) fn share_a_mailbox_name_beyond_names(
    a: &MatchRecord,
    b: &MatchRecord,
    level: Level,
) -> bool {
    let names = [
        first_token(&a.given),
        first_token(&a.family),
        first_token(&b.given),
        first_token(&b.family),
    ];
    let alike = |x: &str, y: &str| match level {
        Level::Typo => mailbox_typo(x, y),
        _ => local_part(x).len() >= 6 && local_part(y) == local_part(x),
    };
    a.emails.iter().any(|x| {
        let local = local_part(x);
        b.emails.iter().any(|y| alike(x, y))
            && !names.iter().any(|n| n.len() >= 3 && local.contains(n))
    })
}

fn phone_level(a: &[Box<str>], b: &[Box<str>]) -> u8 {
    use Level::*;
    let level = if a.is_empty() || b.is_empty() {
        Missing
    } else if a.iter().any(|x| b.contains(x)) {
        Exact
    } else if a.iter().any(|x| b.iter().any(|y| same_subscriber(x, y))) {
        SameSubscriber
    } else if a.iter().any(|x| b.iter().any(|y| phone_typo(x, y))) {
        Typo
    } else {
        Different
    };
    idx(Field::Phone, level)
}

/// Two numbers of the same length (8 digits or more) one wrong or swapped digit apart.
fn phone_typo(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes().filter(u8::is_ascii_digit).count() >= 8
        && damerau_osa_bounded(a, b, 1).is_some()
}

fn same_subscriber(a: &str, b: &str) -> bool {
    const TAIL: usize = 8;
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() >= TAIL && b.len() >= TAIL && a[a.len() - TAIL..] == b[b.len() - TAIL..]
}

fn birth_level(a: Option<BirthDate>, b: Option<BirthDate>) -> u8 {
    use Level::*;
    let level = match (a, b) {
        (Some(a), Some(b)) => {
            let years = match (a.year, b.year) {
                (Some(x), Some(y)) => Some(x == y),
                _ => None,
            };
            let day_month = a.month == b.month && a.day == b.day;
            match (years, day_month) {
                (Some(true), true) => Exact,
                (None, true) => SameDayMonth,
                (Some(true) | None, false) if a.month == b.day && a.day == b.month => OneDiff,
                (Some(true), false) if a.month == b.month || a.day == b.day => OneDiff,
                // Without a year, a month or a day alone is shared by one stranger in 12
                // or in 30: near, not one date mistyped.
                (None, false) if a.month == b.month || a.day == b.day => Close,
                (Some(false), true) => OneDiff,
                (Some(_), false) if within_a_year(a, b) || digits_apart(a, b) <= 2 => Close,
                _ => Different,
            }
        }
        _ => Missing,
    };
    idx(Field::BirthDate, level)
}

/// How many of the eight digits of two dates (YYYYMMDD) differ; the year is known.
fn digits_apart(a: BirthDate, b: BirthDate) -> u32 {
    let digits = |d: BirthDate| {
        let n =
            i64::from(d.year.unwrap_or(0)) * 10_000 + i64::from(d.month) * 100 + i64::from(d.day);
        let mut out = [0i64; 8];
        let mut rest = n;
        for digit in &mut out {
            *digit = rest % 10;
            rest /= 10;
        }
        out
    };
    let (x, y) = (digits(a), digits(b));
    x.iter().zip(&y).map(|(p, q)| u32::from(p != q)).sum()
}

/// Whether two full dates are at most 365 days apart.
fn within_a_year(a: BirthDate, b: BirthDate) -> bool {
    matches!((day_number(a), day_number(b)), (Some(x), Some(y)) if (x - y).abs() <= 365)
}

/// Days since a fixed day of the proleptic Gregorian calendar, for a date with its year
/// (the days-from-civil count: years from March, so that February's length comes last).
fn day_number(d: BirthDate) -> Option<i64> {
    let (month, day) = (i64::from(d.month), i64::from(d.day));
    let year = i64::from(d.year?) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    Some(era * 146_097 + year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year)
}

/// Whether the addresses of `a` and `b` can agree on nothing finer than a city: one of
/// them gives no street, and one no postal code (a sign-up form that asks for the town
/// only). The level `same_city` is then the closest agreement the two can show.
pub(crate) fn only_cities_comparable(a: &MatchRecord, b: &MatchRecord) -> bool {
    let both = |part: fn(&MatchAddress) -> &str| {
        [a, b]
            .iter()
            .all(|r| r.addresses.iter().any(|x| !part(x).is_empty()))
    };
    !both(|x| &x.street) && !both(|x| &x.postcode)
}

fn address_level(a: &[MatchAddress], b: &[MatchAddress]) -> u8 {
    a.iter()
        .flat_map(|x| b.iter().map(move |y| one_address(x, y)))
        .min()
        .unwrap_or_else(|| idx(Field::Address, Level::Missing))
}

fn one_address(a: &MatchAddress, b: &MatchAddress) -> u8 {
    use Level::*;
    let eq = |x: &str, y: &str| !x.is_empty() && x == y;
    let (same_code, city_equal) = (eq(&a.postcode, &b.postcode), eq(&a.city, &b.city));
    // A typo in a city's name is only looked for when the postal codes and streets have
    // not decided (most pairs of candidates live in different places).
    let same_city = || city_equal || close_text(&a.city, &b.city) || scrambled(&a.city, &b.city);
    // One place: the same postal code, or the same city and one side without a code.
    let same_place = same_code || (a.postcode.is_empty() || b.postcode.is_empty()) && same_city();
    // The street's other spellings are only worth trying where the place agrees. Two
    // compass points are two streets, however alike the rest ("N Main St" / "S Main St").
    let two_points = matches!(
        (compass_point(&a.street), compass_point(&b.street)),
        (Some(x), Some(y)) if x != y
    );
    let same_street = !two_points
        && (close_text(&a.street, &b.street)
            || (same_code || city_equal) && same_street(&a.street, &b.street));
    let same_numbers = same_numbers(&a.number, &b.number);
    let level = if same_street
        && same_numbers
        // The same house in the same city is one place even when its postal codes are
        // one typing error apart ("4231" / "4213"); a neighbour's is not.
        && (same_place
            || damerau_osa_bounded(&a.postcode, &b.postcode, 1).is_some() && same_city())
    {
        Exact
    } else if same_street && (same_place || city_equal && same_numbers) {
        // One street in one place, or the same house in the same city under a postal code
        // further off (a mistyped code, or one of two streets of that name in the city).
        SameStreet
    } else if same_code {
        SamePostcode
    } else if same_city() {
        // The same city, or one typing error apart ("London" / "Lonon").
        SameCity
    } else if (a.postcode.is_empty() || b.postcode.is_empty())
        && (a.city.is_empty() || b.city.is_empty())
    {
        // No place to compare (a street without a place on one side): the same street and
        // house number is some evidence ("12 Main St, Springfield IL" written on one line
        // both times), another house number on it is against; anything else says nothing.
        let numbers = !a.number.is_empty() && !b.number.is_empty();
        match (same_street && numbers, same_numbers) {
            (true, true) => SameStreet,
            (true, false) => Different,
            (false, _) => Missing,
        }
    } else {
        Different
    };
    idx(Field::Address, level)
}

/// The first compass point among a street's words, by its letter ("n": see
/// `record::street_token`).
fn compass_point(street: &str) -> Option<&str> {
    street
        .split(' ')
        .find(|w| matches!(*w, "n" | "s" | "e" | "w"))
}

/// Whether two addresses' numbers (the house's, a flat's) are the same, in any order:
/// "Flat 2, 10 Downing St" and "10 Downing St, Flat 2" are one home.
fn same_numbers(a: &str, b: &str) -> bool {
    // Equal lengths: one's numbers all among the other's are all of them (a number twice
    // aside).
    a == b || a.len() == b.len() && contains_words(a, b) && contains_words(b, a)
}

/// The Jaro–Winkler similarity from which two street or city names are one name with a
/// typing error.
const PLACE_JW: f64 = 0.92;

/// Whether two folded names of a place are present and equal or one typo apart.
fn close_text(a: &str, b: &str) -> bool {
    !a.is_empty() && !b.is_empty() && (a == b || jaro_winkler(a, b) >= PLACE_JW)
}

/// Whether two folded street names (every street word of an address's lines, in order)
/// that are not close as written name one street once the spaces are dropped ("narran
/// st" / "narranstreet", "lubum aplace" / "lubuma place") or once the words are put in
/// order (the same two lines written the other way round), or when one holds every word
/// of the other (a word of five letters or more perhaps mistyped).
fn same_street(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() || !(a.contains(' ') || b.contains(' ')) {
        return false;
    }
    let joined = |s: &str| s.split(' ').collect::<String>();
    let sorted = |s: &str| {
        let mut words: Vec<&str> = s.split(' ').collect();
        crate::sort::sort_by_key(&mut words, |w| *w);
        words.concat()
    };
    // One street with a building's or estate's name on another line ("neeld place" /
    // "neeld place treasalee"): every word of the shorter is in the longer.
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // A long word may be mistyped ("eddy crscent" / "eddy crescent crosshills").
    let word_in = |w: &str, v: &str| {
        v == w || w.len() >= 5 && v.len() >= 5 && damerau_osa_bounded(w, v, 1).is_some()
    };
    let within = short.split(' ').any(|w| w.len() >= 3)
        && short
            .split(' ')
            .all(|w| long.split(' ').any(|v| word_in(w, v)));
    within || close_text(&joined(a), &joined(b)) || close_text(&sorted(a), &sorted(b))
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, field) in Field::ALL.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}={}", field.as_str(), self.level(*field).as_str())?;
        }
        Ok(())
    }
}

impl FromStr for Comparison {
    type Err = Error;
    /// Parses the `field=level, …` form [`Comparison`] displays (fields not named are
    /// missing).
    fn from_str(s: &str) -> Result<Self> {
        let mut out = Comparison::default();
        for &field in Field::ALL {
            out.levels[field.index()] = idx(field, Level::Missing);
        }
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (field, level) = part
                .split_once('=')
                .ok_or_else(|| Error::invalid("comparison", part, "expected field=level"))?;
            let field: Field = field.trim().parse()?;
            let level: Level = level.trim().parse()?;
            out.levels[field.index()] = u8::try_from(field.level_index(level)?).unwrap_or(0);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Compares with the default model choosing the name reading.
    fn cmp(a: &MatchRecord, b: &MatchRecord) -> Comparison {
        let w = crate::dedup::Model::default().weights();
        let sum = |l: [u8; 2]| w.weight(Field::GivenName, l[0]) + w.weight(Field::FamilyName, l[1]);
        compare(a, b, |s, c| sum(c) > sum(s))
    }

    fn levels(a: &MatchRecord, b: &MatchRecord) -> String {
        cmp(a, b).to_string()
    }

    fn rec(given: &str, family: &str) -> MatchRecord {
        MatchRecord {
            given: given.into(),
            family: family.into(),
            ..MatchRecord::default()
        }
        .finish()
    }

    #[test]
    fn names_in_a_script_not_romanized_are_not_compared_with_latin_ones() {
        let names = |a: (&str, &str), b: (&str, &str)| {
            let x = cmp(&rec(a.0, a.1), &rec(b.0, b.1));
            (x.level(Field::GivenName), x.level(Field::FamilyName))
        };
        use Level::*;
        assert_eq!(names(("志伟", "吴"), ("zhiwei", "wu")), (Missing, Missing));
        assert_eq!(
            names(("yui", "yamamoto"), ("結衣", "山本")),
            (Missing, Missing)
        );
        // One script on both sides is compared as ever,
        assert_eq!(names(("結衣", "山本"), ("結衣", "山本")), (Exact, Exact));
        assert_eq!(
            names(("結衣", "山本"), ("七海", "山本")),
            (Different, Exact)
        );
        // and so is a name with Latin letters in it, and one that Cyrillic romanizes.
        assert_eq!(
            names(("yui", "山本"), ("yui", "yamamoto")),
            (Exact, Different)
        );
        let prepared = crate::dedup::Matcher::new(crate::dedup::MatchConfig::default())
            .map(|m| {
                m.prepare(&[
                    crate::NewCustomer::default().with_name("Наталья", "Иванова"),
                    crate::NewCustomer::default().with_name("Natalya", "Ivanova"),
                ])
            })
            .unwrap_or_default();
        let x = cmp(&prepared[0], &prepared[1]);
        assert_eq!(
            (x.level(Field::GivenName), x.level(Field::FamilyName)),
            (Exact, Exact)
        );
    }

    #[test]
    fn a_names_masculine_and_feminine_forms_are_weakly_alike() {
        for (a, b) in [
            ("daniel", "daniela"),
            ("paula", "paul"),
            ("ivan", "ivana"),
            ("jean", "jeanne"),
            ("michel", "michelle"),
            ("mario", "maria"),
            ("francesca", "francesco"),
        ] {
            assert!(gendered_forms(a, b), "{a} / {b}");
        }
        // Typos, one name's spellings and other names are not.
        for (a, b) in [
            ("daniel", "danial"),
            ("maria", "marie"),
            ("sophia", "sophie"),
            ("louisa", "louise"),
            ("louis", "louise"),
            ("anna", "annaa"),
            ("andrew", "andrewe"),
            ("ann", "anna"),
            ("anna", "hanna"),
            ("mario", "marco"),
            ("joao", "joão"),
        ] {
            assert!(!gendered_forms(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn role_mailboxes_are_sorted_and_not_personal() {
        assert!(ROLE_MAILBOXES.windows(2).all(|w| w[0] < w[1]));
        let with = |email: &str| MatchRecord {
            emails: vec![email.into()],
            ..MatchRecord::default()
        };
        assert!(share_personal_mailbox(
            &with("ada@acme.com"),
            &with("ada@acme.com")
        ));
        assert!(share_personal_mailbox(
            &with("ada@icloud.com"),
            &with("ada@icoud.com")
        ));
        assert!(!share_personal_mailbox(
            &with("info@acme.com"),
            &with("info@acme.com")
        ));
        assert!(!share_personal_mailbox(
            &with("sales@acme.com"),
            &with("ada@acme.com")
        ));
        assert!(!share_personal_mailbox(
            &with("info+crm@acme.com"),
            &with("info@acme.com")
        ));
    }

    #[test]
    fn name_levels() {
        let c = |a: (&str, &str), b: (&str, &str)| {
            let x = cmp(&rec(a.0, a.1), &rec(b.0, b.1));
            (
                x.level(Field::GivenName),
                x.level(Field::FamilyName),
                x.swapped,
            )
        };
        use Level::*;
        assert_eq!(
            c(("robert", "smith"), ("bob", "smith")),
            (Nickname, Exact, false)
        );
        assert_eq!(
            c(("robert", "smith"), ("smith", "robert")),
            (Exact, Exact, true)
        );
        assert_eq!(
            c(("jonathan", "smith"), ("jonathon", "smyth")),
            (Nickname, Typo, false)
        );
        assert_eq!(
            c(("katharina", "smith"), ("katharine", "smyth")),
            (Typo, Typo, false)
        );
        assert_eq!(
            c(("j", "smith"), ("john", "smith")),
            (Initial, Exact, false)
        );
        assert_eq!(
            c(("mary ann", "lopez"), ("mary", "garcia lopez")),
            (Typo, Typo, false)
        );
        // One of two family names left out and the other mistyped: close, in either order;
        // a name two letters from either word, or of three letters, is another name.
        for (one, two) in [("lpez", "lopez sanchez"), ("sanchex", "lopez sanchez")] {
            assert_eq!(c(("ana", one), ("ana", two)).1, Close, "{one}");
            assert_eq!(c(("ana", two), ("ana", one)).1, Close, "{one}");
        }
        assert_eq!(c(("ana", "lpelz"), ("ana", "lopez sanchez")).1, Different);
        assert_eq!(c(("ana", "paz"), ("ana", "pas lorca")).1, Different);
        // Names written with and without a space are one name.
        assert_eq!(
            c(("mary ann", "de luca"), ("maryann", "deluca")),
            (Exact, Exact, false)
        );
        assert_eq!(
            c(("anna", "kowalski"), ("peter", "kowalski")),
            (Different, Exact, false)
        );
        assert_eq!(
            c(("", "kowalski"), ("peter", "")),
            (Missing, Missing, false)
        );
        // One of a couple written the wrong way round keeps the different given names in
        // either order; "Jon" close to "Jones" does not cross two colleagues' names.
        let (john, mary) = (("john", "smith"), ("smith", "mary"));
        assert_eq!(c(john, mary), (Different, Exact, true));
        assert_eq!(c(mary, john), (Different, Exact, true));
        assert_eq!(c(("jon", "smith"), ("mary", "jones")).0, Different);
        assert_eq!(c(("mary", "jones"), ("jon", "smith")).0, Different);
        // An initial in the family field is the given name's: "Lee | J" reads as "J Lee"
        // (its family field an initial, "Lee" a given name too), in either order, and "Tarov
        // | M" as "M Tarov"; a wife's initial stays a different given name.
        for (written, name) in [
            (("lee", "j"), ("junseo", "lee")),
            (("tarov", "m"), ("maxim", "tarov")),
        ] {
            assert_eq!(c(written, name), (Initial, Exact, true), "{written:?}");
            assert_eq!(c(name, written), (Initial, Exact, true), "{written:?}");
        }
        assert_eq!(c(("lee", "m"), ("junseo", "lee")), (Different, Exact, true));
        assert_eq!(c(("maria", "g"), ("maria", "garcia")).0, Exact);
        // A shared first given name with other given names after it: a sister's as often
        // as one person's, so weakly alike; one name left out or mistyped stays a typo.
        let given = |a: &str, b: &str| c((a, "vasconcelos"), (b, "vasconcelos")).0;
        assert_eq!(given("maria alice", "maria fernanda"), Weak);
        assert_eq!(given("jose luis", "jose antonio"), Weak);
        assert_eq!(given("maria", "maria fernanda"), Typo);
        assert_eq!(given("maria fernanda", "maria fernnada"), Typo);
        assert_eq!(given("maria fernanda", "maria fernanda alice"), Typo);
        // Different first words are not made alike by the words after them (a double
        // family name's first half read as a given name).
        assert_eq!(given("dina wouters", "fay wouters"), Different);
        assert_eq!(given("mraia fernanda", "maria fernanda"), Typo);
        // and first words alike with other words after them that are not: sisters again.
        assert_eq!(given("mara alice", "maria fernanda"), Weak);
        assert_eq!(given("mara", "maria fernanda"), Typo);
    }

    #[test]
    fn names_with_their_letters_shuffled_are_weakly_alike() {
        let c = |a: (&str, &str), b: (&str, &str)| {
            let x = cmp(&rec(a.0, a.1), &rec(b.0, b.1));
            (x.level(Field::GivenName), x.level(Field::FamilyName))
        };
        use Level::*;
        // A given name's letters in another order, or with one left out, or a space struck
        // for one: asked about, as weakly alike names are, not read as another name.
        for (shuffled, name) in [
            ("lmeai", "amelia"),
            ("ddwae", "edward"),
            ("illeo", "elliot"),
            ("jobc", "jacob"),
            ("ol vri", "oliver"),
        ] {
            assert_eq!(
                c((shuffled, "cooper"), (name, "cooper")).0,
                Weak,
                "{shuffled}"
            );
        }
        // A nickname mistyped is weakly alike too ("mkie": "mike" for "michael"), not
        // another name; a name the table does not hold, far from any, stays different.
        for (typed, name) in [("mkie", "michael"), ("jsck", "john"), ("tonyy", "anthony")] {
            assert_eq!(c((typed, "cooper"), (name, "cooper")).0, Weak, "{typed}");
            assert_eq!(c((name, "cooper"), (typed, "cooper")).0, Weak, "{typed}");
        }
        assert_eq!(c(("xqwz", "cooper"), ("michael", "cooper")).0, Different);
        // So is an initial of one of the other name's nicknames ("B" for Bob, for Robert):
        // a sister's as often, so weakly alike, not an initial of the name.
        for (initial, name) in [("b", "robert"), ("l", "elizabeth"), ("t", "anthony")] {
            assert_eq!(
                c((initial, "cooper"), (name, "cooper")).0,
                Weak,
                "{initial}"
            );
            assert_eq!(
                c((name, "cooper"), (initial, "cooper")).0,
                Weak,
                "{initial}"
            );
        }
        assert_eq!(c(("x", "cooper"), ("robert", "cooper")).0, Different);
        assert_eq!(c(("r", "cooper"), ("robert", "cooper")).0, Initial);
        // A family name so written is close: a different family name is no conflict.
        assert_eq!(
            c(("amelia", "ynnollc"), ("amelia", "connolly")),
            (Exact, Close)
        );
        assert_eq!(c(("amelia", "wlis"), ("amelia", "lewis")), (Exact, Close));
        // Two letters apart, or names shorter than four letters, are names of their own.
        assert!(!scrambled("nora", "ronald"));
        assert!(!scrambled("anna", "hannah"));
        assert_eq!(c(("liam", "cooper"), ("noah", "cooper")).0, Different);
        assert_eq!(c(("amelia", "lee"), ("amelia", "eel")).1, Different);
        assert!(!scrambled("jobc", "jacobs"));
        assert!(!scrambled("émile", "mélie"));
    }

    #[test]
    fn a_mailbox_of_an_initial_and_the_family_name_is_told() {
        let with = |given: &str, email: &str| {
            let mut r = rec(given, "roberts");
            r.emails = vec![email.into()];
            r
        };
        let shared = |email: &str| {
            share_a_mailbox_of_initial_and_family(&with("evelyn", email), &with("", email))
        };
        assert!(shared("e.roberts@medina.com"));
        assert!(shared("roberts.e82@medina.com"));
        assert!(shared("eroberts@medina.com"));
        assert!(!shared("robertsfamily@medina.com"));
        assert!(!shared("j.roberts@medina.com"));
        assert!(!share_a_mailbox_of_initial_and_family(
            &with("evelyn", "e.roberts@medina.com"),
            &with("evelyn", "e.roberts@other.com")
        ));
    }

    #[test]
    fn mailbox_names_one_letter_apart_at_one_domain_are_a_typo() {
        let email = |x: &str, y: &str| {
            Field::Email.levels()[usize::from(email_level(&[x.into()], &[y.into()]))]
        };
        use Level::*;
        for (x, y) in [
            ("caldwellmichelle@green.biz", "caldwellmichell@green.biz"),
            ("hilltheresa@pearson.org", "hilltheesa@pearson.org"),
            (
                "summerschristina@fischer.info",
                "summerschrisitna@fischer.info",
            ),
            ("joshua10@werner.com", "josua10@werner.com"),
        ] {
            assert_eq!(email(x, y), Typo, "{x} / {y}");
        }
        // Another domain, a digit or a dot, a first letter or another last one (colleagues'
        // initials), two letters, or a short mailbox name: not one mailbox mistyped.
        for (x, y) in [
            ("caldwellmichelle@green.biz", "caldwellmichell@green.com"),
            ("jane.doe1@gmail.com", "jane.doe2@gmail.com"),
            ("jane.doe@outlook.com", "janedoe@outlook.com"),
            ("qgarcia@example.org", "bgarcia@example.org"),
            ("garciaj@example.org", "garciam@example.org"),
            ("hilltheresa@pearson.org", "hiltheesa@pearson.org"),
            ("jdoe1@gmail.com", "jdoe@gmail.com"),
        ] {
            assert_eq!(email(x, y), Different, "{x} / {y}");
        }
        assert_eq!(
            email("caldwellmichelle@green.biz", "caldwellmichelle@green.com"),
            SameLocalPart
        );
    }

    #[test]
    fn a_tag_or_a_mistyped_domain_leaves_one_mailbox() {
        // Prepared as a scan prepares them: the provider's rules apply at "gmail.com" and
        // "hotmail.com" only, not at the domains mistyped.
        let email = |x: &str, y: &str| {
            let prepared = |e: &str| {
                MatchRecord::from_new(&crate::customer::NewCustomer {
                    emails: vec![e.to_owned()],
                    ..Default::default()
                })
            };
            let (a, b) = (prepared(x), prepared(y));
            Field::Email.levels()[usize::from(email_level(&a.emails, &b.emails))]
        };
        use Level::*;
        for (x, y) in [
            ("ada.lee@gmail.com", "ada.lee@gmial.com"),
            ("ada.lee@gmail.com", "ada.lee+news@gmail.con"),
            ("ada.lee@hotmail.com", "ada.lee+news@hotmial.com"),
            ("adalee@icloud.com", "adalee@icoud.com"),
            ("ada.lee@yahoo.com", "ada.lee@yaho.com"),
            ("ada.lee+shop@acme.com", "ada.lee@acme.com"),
            ("ada.lee+shop@acme.com", "ada.lee+news@acme.com"),
        ] {
            assert_eq!(email(x, y), Exact, "{x} / {y}");
            assert_eq!(email(y, x), Exact, "{y} / {x}");
        }
        // At one domain, or at two that are not one typo apart, names differing by a dot
        // are not one mailbox, nor one name at two providers whose short names are a
        // letter apart, nor a tag at another domain.
        for (x, y) in [
            ("ada.lee@acme.com", "adalee@acme.com"),
            ("ada.lee@gmail.com", "ada.lee@gmx.com"),
            ("ada+news@acme.com", "ada@other.com"),
            ("+news@acme.com", "+shop@acme.com"),
            ("ada.lee@o2.pl", "ada.lee@op.pl"),
            ("ada.lee@uol.com.br", "ada.lee@bol.com.br"),
        ] {
            assert_ne!(email(x, y), Exact, "{x} / {y}");
        }
    }

    #[test]
    fn contact_levels() {
        let mut a = rec("a", "b");
        let mut b = rec("a", "b");
        a.emails = vec!["jane.doe@acme.com".into()];
        b.emails = vec!["jane.doe@gmail.com".into()];
        a.phones = vec!["+4930123456789".into()];
        b.phones = vec!["030123456789".into()];
        a.birth = Some(BirthDate {
            year: Some(1980),
            month: 3,
            day: 4,
        });
        b.birth = Some(BirthDate {
            year: Some(1980),
            month: 4,
            day: 3,
        });
        a.addresses = vec![MatchAddress::new(
            &["Main Street 1"],
            Some("Springfield"),
            Some("12345"),
        )];
        b.addresses = vec![MatchAddress::new(
            &["Main St. 2"],
            Some("Springfield"),
            Some("12345"),
        )];
        assert_eq!(
            levels(&a, &b),
            "given_name=exact, family_name=exact, email=same_local_part, phone=same_subscriber, birth_date=one_diff, address=same_street"
        );
        b.addresses = vec![MatchAddress::new(
            &["Other Road 2"],
            Some("Shelbyville"),
            Some("99999"),
        )];
        b.birth = Some(BirthDate {
            year: None,
            month: 3,
            day: 4,
        });
        assert!(levels(&a, &b).ends_with("birth_date=same_day_month, address=different"));
        // Full dates less than a year apart or two digits apart, more than one part wrong:
        // a date mistyped or misremembered (not a conflict); further apart is another
        // person's.
        let birth = |x: (i32, u8, u8), y: (Option<i32>, u8, u8)| {
            let d = |year, month, day| Some(BirthDate { year, month, day });
            let level = birth_level(d(Some(x.0), x.1, x.2), d(y.0, y.1, y.2));
            Field::BirthDate.levels()[usize::from(level)]
        };
        assert_eq!(birth((1983, 4, 30), (Some(1983), 5, 19)), Level::Close);
        assert_eq!(birth((2015, 10, 29), (Some(2016), 1, 27)), Level::Close);
        assert_eq!(birth((2015, 10, 29), (Some(2016), 10, 28)), Level::Close);
        assert_eq!(
            birth((2015, 10, 29), (Some(2016), 11, 27)),
            Level::Different
        );
        assert_eq!(birth((1983, 4, 30), (Some(1993), 5, 19)), Level::Different);
        assert_eq!(birth((1983, 4, 30), (None, 5, 19)), Level::Different);
        assert_eq!(birth((1995, 10, 27), (Some(1985), 10, 24)), Level::Close);
        assert_eq!(
            birth((1995, 10, 27), (Some(2005), 10, 24)),
            Level::Different
        );
        assert_eq!(birth((2015, 11, 14), (Some(2005), 11, 18)), Level::Close);
        assert_eq!(
            birth((2015, 11, 14), (Some(2005), 12, 18)),
            Level::Different
        );
        assert_eq!(birth((1983, 4, 30), (Some(1983), 4, 13)), Level::OneDiff);
        assert_eq!(birth((1983, 4, 30), (Some(1973), 4, 30)), Level::OneDiff);
        assert_eq!(birth((1983, 4, 3), (Some(1983), 3, 4)), Level::OneDiff);
        // One year unknown: day and month swapped is one date mistyped; a month or a day
        // alone is what one stranger in 12 or in 30 shares.
        assert_eq!(birth((1983, 4, 3), (None, 3, 4)), Level::OneDiff);
        assert_eq!(birth((1983, 4, 30), (None, 4, 13)), Level::Close);
        assert_eq!(birth((1983, 4, 30), (None, 8, 30)), Level::Close);
        // The day count agrees with the calendar across months, leap days and centuries.
        let days = |y, m, d| {
            day_number(BirthDate {
                year: Some(y),
                month: m,
                day: d,
            })
            .unwrap()
        };
        for (y, m, d) in [
            (1900, 3, 1),
            (2000, 2, 29),
            (1983, 12, 31),
            (1, 1, 1),
            (2024, 3, 1),
        ] {
            let date = chrono::NaiveDate::from_ymd_opt(y, u32::from(m), u32::from(d)).unwrap();
            let since = i64::from(chrono::Datelike::num_days_from_ce(&date) - 1);
            assert_eq!(days(y, m, d) - days(1, 1, 1), since, "{y}-{m}-{d}");
        }
        assert_eq!(days(2000, 3, 1) - days(2000, 2, 28), 2);
        assert_eq!(days(1900, 3, 1) - days(1900, 2, 28), 1);
        // Phone numbers one wrong or swapped digit apart; not shorter ones, nor two digits.
        let phone = |x: &str, y: &str| {
            let level = phone_level(&[x.into()], &[y.into()]);
            Field::Phone.levels()[usize::from(level)]
        };
        assert_eq!(phone("+17137359494", "+17137354994"), Level::Typo);
        assert_eq!(phone("+17137359494", "+17137359495"), Level::Typo);
        assert_eq!(phone("+17137359494", "+17137359595"), Level::Different);
        assert_eq!(phone("+1234567", "+1234568"), Level::Different);
        assert_eq!(phone("+4930123456789", "+4930123456789"), Level::Exact);
    }

    /// The address level of two addresses given as (lines, city, postcode).
    fn address(a: (&[&str], &str, &str), b: (&[&str], &str, &str)) -> Level {
        let at = |(lines, city, code): (&[&str], &str, &str)| {
            MatchAddress::new(lines, Some(city).filter(|c| !c.is_empty()), Some(code))
        };
        Field::Address.levels()[usize::from(one_address(&at(a), &at(b)))]
    }

    #[test]
    fn a_flat_before_or_after_the_house_and_a_compass_point_abbreviated_are_one_home() {
        use Level::*;
        let london = |line: &'static str| (vec![line], "London", "SW1A 2AA");
        let springfield = |line: &'static str| (vec![line], "Springfield", "62701");
        let flat = "Flat 2, 10 Downing St";
        for (a, b, level) in [
            (london(flat), london("10 Downing Street, Flat 2"), Exact),
            // Another flat in the house, or another house: the same street only (a flat and
            // a house numbered the other way round, "Flat 10, 2 Downing St", are not told
            // apart).
            (
                london(flat),
                london("10 Downing Street, Flat 3"),
                SameStreet,
            ),
            (london(flat), london("Flat 2, 12 Downing St"), SameStreet),
            (
                springfield("123 N Main St"),
                springfield("123 North Main Street"),
                Exact,
            ),
            (
                springfield("123 N Main St"),
                springfield("123 Main St"),
                Exact,
            ),
            // Two compass points are two streets, however alike the rest.
            (
                springfield("123 N Main St"),
                springfield("123 South Main St"),
                SamePostcode,
            ),
        ] {
            let got = address((&a.0, a.1, a.2), (&b.0, b.1, b.2));
            assert_eq!(got, level, "{:?} / {:?}", a.0, b.0);
        }
    }

    #[test]
    fn one_street_written_several_ways() {
        use Level::*;
        let home: &[&str] = &["6 Ashburton Circuit", "North Avenue"];
        let here = (home, "Palmerston", "4231");
        // The lines the other way round, the spaces lost, a building's name added.
        assert_eq!(
            address(
                here,
                (
                    &["6 North Avenue", "Ashburton Circuit"],
                    "Palmerston",
                    "4231"
                )
            ),
            Exact
        );
        assert_eq!(
            address(
                here,
                (
                    &["6 Ashburton Circuit", "Northavenue"],
                    "Palmerston",
                    "4231"
                )
            ),
            Exact
        );
        assert_eq!(
            address(
                (&["16 Neeld Place"], "Wyoming", "3501"),
                (&["16 Neeld Place", "Treasalee"], "Wyoming", "3501")
            ),
            Exact
        );
        assert_eq!(
            address(
                (&["7 Narran Street"], "Westlake", "2036"),
                (&["7 Narranstreet"], "Westlake", "2036")
            ),
            Exact
        );
        // A long word of the street mistyped, with a locality's name on another line.
        assert_eq!(
            address(
                (&["24 Eddy Crescent", "Crosshills"], "White Patch", "2211"),
                (&["24 Eddy Crscent"], "White Patch", "2211")
            ),
            Exact
        );
        // Not a short one: "Elm" and "Elk" are two streets.
        assert_eq!(
            address(
                (&["5 Elm St", "Riverside"], "Leeds", "LS1"),
                (&["5 Elk St"], "Leeds", "LS1")
            ),
            SamePostcode
        );
        // A typo in the postal code of the same house in the same city (or a typo in the
        // city's name); not for a neighbour, nor in another city.
        assert_eq!(address(here, (home, "Palmerston", "4213")), Exact);
        assert_eq!(address(here, (home, "Palmesrton", "4213")), Exact);
        assert_eq!(
            address(
                here,
                (
                    &["8 Ashburton Circuit", "North Avenue"],
                    "Palmerston",
                    "4213"
                )
            ),
            SameCity
        );
        assert_eq!(address(here, (home, "Darwin", "4213")), Different);
        // The same house and city with a postal code further off: the same street (a city
        // may have two streets of one name, told apart by their codes), not only the city.
        assert_eq!(address(here, (home, "Palmerston", "4299")), SameStreet);
        let neighbour: &[&str] = &["8 Ashburton Circuit", "North Avenue"];
        assert_eq!(address(here, (neighbour, "Palmerston", "4299")), SameCity);
        // Only a city, with a typing error in one ("London" / "Lonon"); another city.
        assert_eq!(address((&[], "London", ""), (&[], "Lonon", "")), SameCity);
        // or its letters shuffled, one perhaps left out ("oLndo", "Peterborough" as
        // "oeteborPugh").
        assert_eq!(address((&[], "London", ""), (&[], "oLndo", "")), SameCity);
        let shuffled = (&[][..], "oeteborPugh", "");
        assert_eq!(address((&[], "Peterborough", ""), shuffled), SameCity);
        assert_eq!(address((&[], "London", ""), (&[], "Leeds", "")), Different);
        // Other streets stay other streets: another word, or only the street type shared.
        assert_eq!(
            address(
                (&["5 Oak Road"], "Leeds", "LS1"),
                (&["5 Elm Road"], "Leeds", "LS1")
            ),
            SamePostcode
        );
        assert_eq!(
            address((&["5 St"], "Leeds", "LS1"), (&["5 Elm St"], "Leeds", "LS1")),
            SamePostcode
        );
        assert_eq!(
            address(
                (&["5 Oak Road"], "Leeds", "LS1"),
                (&["5 Oak Road North"], "Leeds", "LS1")
            ),
            Exact
        );
    }

    #[test]
    fn a_street_without_a_place_agrees_on_the_street_and_house_number_only() {
        use Level::*;
        // On one line with a postal code the place is read from the line.
        let line: &[&str] = &["12 Main St, Springfield, IL 62701"];
        assert_eq!(address((line, "", ""), (line, "", "")), Exact);
        let street: &[&str] = &["12 Main Street"];
        assert_eq!(
            address((line, "", ""), (street, "Springfield", "62701")),
            Exact
        );
        assert_eq!(
            address((line, "", ""), (&["14 Main St"], "Springfield", "")),
            SameStreet
        );
        let bare: &[&str] = &["12 Main St Springfield IL 62701"];
        assert_eq!(
            address((bare, "", ""), (street, "Springfield", "62701")),
            Exact
        );
        let unparsed: &[&str] = &["12 Main St Springfield IL"];
        assert_eq!(address((unparsed, "", ""), (unparsed, "", "")), SameStreet);
        assert_eq!(
            address((street, "", ""), (&["12 main st."], "", "")),
            SameStreet
        );
        assert_eq!(
            address((street, "", ""), (street, "Springfield", "62701")),
            SameStreet
        );
        // Another house number on the same street, or another street: nothing to go by.
        assert_eq!(
            address((street, "", ""), (&["14 Main St"], "", "")),
            Different
        );
        assert_eq!(address((street, "", ""), (&["12 Oak St"], "", "")), Missing);
        assert_eq!(
            address((&["Main St"], "", ""), (&["Main St"], "", "")),
            Missing
        );
    }

    #[test]
    fn every_level_used_is_listed() {
        for &field in Field::ALL {
            assert_eq!(field.levels().last(), Some(&Level::Missing));
            assert!(field.levels().contains(&Level::Different));
        }
        assert!(Field::Phone.level_index(Level::Nickname).is_err());
        let parsed: Comparison = "email=exact, given_name=nickname".parse().unwrap();
        assert_eq!(parsed.level(Field::Email), Level::Exact);
        assert_eq!(parsed.level(Field::Phone), Level::Missing);
        assert!("email=nickname".parse::<Comparison>().is_err());
        assert!("colour=exact".parse::<Comparison>().is_err());
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2_000))]

            /// A name's letters in any order, one perhaps left out, are scrambled, read
            /// either way round.
            #[test]
            fn shuffled_letters_are_scrambled_either_way(
                word in "[a-z]{4,12}",
                order in any::<u64>(),
                drop in any::<bool>(),
            ) {
                let mut letters: Vec<char> = word.chars().collect();
                let mut state = order;
                for i in (1..letters.len()).rev() {
                    state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    letters.swap(i, (state >> 33) as usize % (i + 1));
                }
                if drop && letters.len() > 4 {
                    letters.pop();
                }
                let other: String = letters.into_iter().collect();
                prop_assert!(scrambled(&word, &other));
                prop_assert!(scrambled(&other, &word));
            }

            /// The email level of two addresses one edit apart does not depend on which
            /// comes first.
            #[test]
            fn email_levels_are_symmetric(
                local in "[a-z0-9.]{4,10}",
                at in any::<prop::sample::Index>(),
                c in "[a-z0-9.]",
                edit in 0u8..3,
                domains in ("(a|b)\\.com", "(a|b)\\.com"),
            ) {
                let mut other: Vec<char> = local.chars().collect();
                let i = at.index(other.len());
                let c = c.chars().next().unwrap_or('x');
                match edit {
                    0 => other.insert(i, c),
                    1 => drop(other.remove(i)),
                    _ => other[i] = c,
                }
                let x = format!("{local}@{}", domains.0);
                let y = format!("{}@{}", other.into_iter().collect::<String>(), domains.1);
                let level = |p: &str, q: &str| email_level(&[p.into()], &[q.into()]);
                prop_assert_eq!(level(&x, &y), level(&y, &x));
                prop_assert_eq!(mailbox_typo(&x, &y), mailbox_typo(&y, &x));
            }
        }
    }
}
