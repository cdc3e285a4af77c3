//! Person names.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::case;
use super::text;
use crate::error::{Error, Result};

/// Longest accepted name part, in characters.
const MAX_PART: usize = 200;

const EMPTY_NAME: &str = "a name needs a given name, a family name or a display name";

/// Titles dropped from the given and family names (compared lower-case, without dots).
const HONORIFICS: &[&str] = &[
    "dame",
    "don",
    "dona",
    "dott",
    "doña",
    "dr",
    "fr",
    "frau",
    "herr",
    "hr",
    "lady",
    "lord",
    "madame",
    "mademoiselle",
    "miss",
    "mlle",
    "mme",
    "monsieur",
    "mr",
    "mrs",
    "ms",
    "mstr",
    "mx",
    "prof",
    "rev",
    "sig",
    "signor",
    "signora",
    "sir",
    "sr",
    "sra",
    "srta",
];

/// Parts of academic titles that follow an honorific ("Dr. med.", "Dr. rer. nat.",
/// "Dipl.-Ing."), dropped only right after one.
const TITLE_CONTINUATIONS: &[&str] = &[
    "dent", "dipl", "dipl-ing", "hc", "ing", "jur", "mag", "med", "nat", "phil", "rer", "vet",
];

/// Suffixes dropped from the given and family names (compared lower-case, without dots).
const SUFFIXES: &[&str] = &[
    "cpa", "dds", "esq", "ii", "iii", "iv", "jnr", "jr", "mba", "md", "phd", "snr", "sr",
];

/// The generation a suffix names, for a folded word: 1 for "Sr." and "Senior", 2 for "Jr.",
/// "Junior", "II" and the Portuguese "Filho", 3 for "III" and "Neto", 4 for "IV"; 0 for
/// any other word. "John Smith Jr." and "John Smith Sr." are father and son.
pub(crate) fn name_generation(word: &str) -> u8 {
    match word {
        "sr" | "snr" | "senior" => 1,
        "jr" | "jnr" | "junior" | "ii" | "filho" => 2,
        "iii" | "neto" => 3,
        "iv" => 4,
        _ => 0,
    }
}

/// Family-name particles kept with the family name (compared lower-case).
const PARTICLES: &[&str] = &[
    "af", "al", "ap", "av", "bin", "bint", "binti", "da", "dal", "dalla", "das", "de", "degli",
    "dei", "del", "della", "delle", "den", "der", "des", "di", "do", "dos", "du", "el", "ibn",
    "la", "las", "le", "lo", "los", "te", "ten", "ter", "van", "vom", "von", "zu", "zum", "zur",
];

/// A person's name: an optional given name, an optional family name, and the display name.
///
/// At least one of them is present, and [`PersonName::display`] is never empty: it defaults
/// to "given family". Every part is tidied with [`text::clean`] (NFC, whitespace collapsed).
/// Middle names are part of the given name.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PersonName {
    /// The display name, then the given and family names where they are not already part
    /// of it (for the usual "Given Family" display, nothing follows): one allocation.
    text: Box<str>,
    /// Where the display name ends in `text`.
    display_end: u32,
    /// The given name's byte range in `text`.
    given: Option<(u32, u32)>,
    /// The family name's byte range in `text`.
    family: Option<(u32, u32)>,
}

/// The JSON form: `{"given": … or null, "family": … or null, "display": …}`.
#[derive(Serialize)]
struct NameRef<'a> {
    given: Option<&'a str>,
    family: Option<&'a str>,
    display: &'a str,
}

#[derive(Deserialize)]
struct NameOwned {
    given: Option<String>,
    family: Option<String>,
    display: String,
}

impl Serialize for PersonName {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        NameRef {
            given: self.given(),
            family: self.family(),
            display: self.display(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for PersonName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let n = NameOwned::deserialize(d)?;
        PersonName::pack(n.given.as_deref(), n.family.as_deref(), Some(&n.display))
            .ok_or_else(|| serde::de::Error::custom("name too long"))
    }
}

impl fmt::Debug for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PersonName")
            .field("given", &self.given())
            .field("family", &self.family())
            .field("display", &self.display())
            .finish()
    }
}

impl PersonName {
    /// Builds a name from its parts. Each part is cleaned; an empty part counts as absent.
    /// The display name defaults to "given family" (or whichever of the two exists).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] with field `name` when all parts are empty, or when a part is
    /// longer than 200 characters.
    ///
    /// ```
    /// use crm_core::contact::PersonName;
    ///
    /// let name = PersonName::new(Some(" Ada "), Some("Lovelace"), None)?;
    /// assert_eq!(name.given(), Some("Ada"));
    /// assert_eq!(name.display(), "Ada Lovelace");
    /// assert!(PersonName::new(None, Some("  "), None).is_err());
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn new(
        given: Option<&str>,
        family: Option<&str>,
        display: Option<&str>,
    ) -> Result<PersonName> {
        let given = part(given, "given name")?;
        let family = part(family, "family name")?;
        let display = part(display, "display name")?;
        let display = match (display, &given, &family) {
            (Some(d), _, _) => Some(d),
            (None, None, None) => return Err(Error::invalid("name", "", EMPTY_NAME)),
            // The default "given family": only both parts together can be too long.
            (None, Some(g), Some(f)) if g.chars().count() + 1 + f.chars().count() > MAX_PART => {
                return Err(too_long(&format!("{g} {f}"), "display name"));
            }
            (None, _, _) => None,
        };
        if let Some(d) = &display {
            if d.chars().count() > MAX_PART {
                return Err(too_long(d, "display name"));
            }
        }
        // Every part is at most 200 characters, so the ranges fit in u32.
        PersonName::pack(given.as_deref(), family.as_deref(), display.as_deref())
            .ok_or_else(|| too_long(display.as_deref().unwrap_or(""), "display name"))
    }

    /// Packs the parts into one buffer; a missing display name is "given family" (or
    /// whichever exists). `None` only beyond 4 GiB of text.
    fn pack(
        given: Option<&str>,
        family: Option<&str>,
        display: Option<&str>,
    ) -> Option<PersonName> {
        let len = |s: Option<&str>| s.map_or(0, str::len);
        let mut text = String::with_capacity(len(display).max(len(given) + 1 + len(family)));
        match (display, given, family) {
            (Some(d), _, _) => text.push_str(d),
            (None, Some(g), Some(f)) => {
                text.push_str(g);
                text.push(' ');
                text.push_str(f);
            }
            (None, Some(p), None) | (None, None, Some(p)) => text.push_str(p),
            (None, None, None) => {}
        }
        let display_end = text.len();
        let mut span = |part: &str, at_start: bool| -> Option<(u32, u32)> {
            let shown = text.get(..display_end).unwrap_or_default();
            let (start, end) = if at_start && shown.starts_with(part) {
                (0, part.len())
            } else if !at_start && shown.ends_with(part) {
                (display_end - part.len(), display_end)
            } else {
                text.push_str(part);
                (text.len() - part.len(), text.len())
            };
            Some((u32::try_from(start).ok()?, u32::try_from(end).ok()?))
        };
        let given = match given {
            Some(g) => Some(span(g, true)?),
            None => None,
        };
        let family = match family {
            Some(f) => Some(span(f, false)?),
            None => None,
        };
        Some(PersonName {
            text: text.into_boxed_str(),
            display_end: u32::try_from(display_end).ok()?,
            given,
            family,
        })
    }

    fn slice(&self, (start, end): (u32, u32)) -> &str {
        self.text
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    /// Splits a full name into given and family name.
    ///
    /// - "Family, Given" (a comma) puts the part before the comma in the family name;
    /// - otherwise the last word is the family name, together with the particles right
    ///   before it ("Ludwig van Beethoven" → family "van Beethoven", "Juan de la Cruz" →
    ///   "de la Cruz"), and the words before are the given name (middle names included);
    ///   a name that starts with a lower-case particle is all family name ("de la Cruz");
    /// - honorifics at the start (Mr, Mrs, Ms, Mx, Dr, Prof, Sir, Herr, Frau, Mme, …) and
    ///   suffixes at the end (Jr, Sr, II, III, IV, PhD, MD, Esq, …) are dropped from the
    ///   given and family names but kept in the display name;
    /// - a single word is a given name, unless an honorific precedes it ("Dr. Müller" has
    ///   the family name "Müller").
    ///
    /// The display name is the cleaned input ("Given Family" order for the comma form).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] with field `name` when the text is empty or a part is longer
    /// than 200 characters.
    ///
    /// ```
    /// use crm_core::contact::PersonName;
    ///
    /// let name = PersonName::parse("Dr. Jan van der Berg Jr.")?;
    /// assert_eq!(name.given(), Some("Jan"));
    /// assert_eq!(name.family(), Some("van der Berg"));
    /// assert_eq!(name.display(), "Dr. Jan van der Berg Jr.");
    ///
    /// let name = PersonName::parse("Curie, Marie")?;
    /// assert_eq!(name.given(), Some("Marie"));
    /// assert_eq!(name.family(), Some("Curie"));
    /// assert_eq!(name.display(), "Marie Curie");
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn parse(full: &str) -> Result<PersonName> {
        let cleaned = text::clean(full);
        if cleaned.is_empty() {
            return Err(Error::invalid("name", full, EMPTY_NAME));
        }
        let (given, family, display) = match comma_form(&cleaned) {
            Some(parts) => parts,
            None => {
                let tokens: Vec<&str> = cleaned.split(' ').collect();
                let (given, family) = split_tokens(&tokens);
                (given, family, cleaned.clone())
            }
        };
        PersonName::new(given.as_deref(), family.as_deref(), Some(&display))
    }

    /// The given name (with middle names), if known.
    pub fn given(&self) -> Option<&str> {
        self.given.map(|r| self.slice(r))
    }

    /// The family name (with its particles), if known.
    pub fn family(&self) -> Option<&str> {
        self.family.map(|r| self.slice(r))
    }

    /// The name as shown to people; never empty.
    pub fn display(&self) -> &str {
        self.slice((0, self.display_end))
    }

    /// The display name folded for comparison ([`text::fold`]): "José Müller" → "jose muller".
    pub fn folded(&self) -> String {
        text::fold(self.display())
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.display())
    }
}

fn part<'a>(value: Option<&'a str>, what: &str) -> Result<Option<Cow<'a, str>>> {
    let Some(value) = value else {
        return Ok(None);
    };
    let cleaned = text::clean_cow(value);
    // Nothing but marks and invisible characters (a zero width joiner, an accent alone) is
    // no name: a customer known by it could not be told, found or greeted.
    if !text::is_visible(&cleaned) {
        Ok(None)
    } else if cleaned.chars().count() > MAX_PART {
        Err(too_long(value, what))
    } else {
        Ok(Some(cleaned))
    }
}

fn too_long(value: &str, what: &str) -> Error {
    Error::invalid(
        "name",
        value,
        format!("the {what} is longer than {MAX_PART} characters"),
    )
}

/// Lower-case, without dots and trailing commas: "Ph.D.," → "phd".
fn key(token: &str) -> String {
    token
        .chars()
        .filter(|&c| c != '.' && c != ',')
        .flat_map(case::lower)
        .collect()
}

fn is_honorific(token: &str) -> bool {
    HONORIFICS.binary_search(&key(token).as_str()).is_ok()
}

fn is_suffix(token: &str) -> bool {
    SUFFIXES.binary_search(&key(token).as_str()).is_ok()
}

fn is_particle(token: &str) -> bool {
    PARTICLES
        .binary_search(&case::lowercase(token.trim_end_matches(',')).as_str())
        .is_ok()
}

fn starts_lowercase(token: &str) -> bool {
    token.chars().next().is_some_and(char::is_lowercase)
}

/// Drops honorifics at the start and suffixes at the end, unless nothing would be left.
/// Returns the remaining tokens and whether an honorific was dropped.
fn strip_titles<'a>(tokens: &'a [&'a str]) -> (&'a [&'a str], bool) {
    let mut start = 0;
    while tokens.get(start).is_some_and(|t| {
        is_honorific(t)
            || (start > 0 && TITLE_CONTINUATIONS.binary_search(&key(t).as_str()).is_ok())
    }) {
        start += 1;
    }
    let mut end = tokens.len();
    while end > start && tokens.get(end - 1).is_some_and(|t| is_suffix(t)) {
        end -= 1;
    }
    match tokens.get(start..end) {
        Some(rest) if !rest.is_empty() => (rest, start > 0),
        _ => (tokens, false),
    }
}

fn join(tokens: &[&str]) -> Option<String> {
    let joined = tokens
        .iter()
        .map(|t| t.trim_end_matches(','))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!joined.is_empty()).then_some(joined)
}

/// "Given [Middle] [particles] Family" → (given, family).
fn split_tokens(tokens: &[&str]) -> (Option<String>, Option<String>) {
    let (tokens, had_honorific) = strip_titles(tokens);
    let last = tokens.len().saturating_sub(1);
    let head = tokens.get(..last).unwrap_or_default();
    match tokens {
        [] => (None, None),
        [_] if had_honorific => (None, join(tokens)),
        [_] => (join(tokens), None),
        // "de la Cruz", "van Gogh": a lower-case particle first, so no given name.
        [first, ..] if starts_lowercase(first) && head.iter().all(|t| is_particle(t)) => {
            (None, join(tokens))
        }
        _ => {
            // The family name is the last word with the particles right before it.
            let mut start = last;
            while start > 1 && tokens.get(start - 1).is_some_and(|t| is_particle(t)) {
                start -= 1;
            }
            let (given, family) = tokens.split_at(start);
            (join(given), join(family))
        }
    }
}

/// "Family, Given[, Suffix]" → (given, family, display), if the text has that form.
fn comma_form(cleaned: &str) -> Option<(Option<String>, Option<String>, String)> {
    let (before, after) = cleaned.split_once(',')?;
    let before = before.trim();
    let mut segments = after.split(',').map(str::trim);
    let first = segments.next().unwrap_or("");
    let rest: Vec<&str> = segments.filter(|s| !s.is_empty()).collect();
    let first_tokens: Vec<&str> = first.split_whitespace().collect();
    // "John Smith, Jr." and "Smith, PhD": the comma only sets off a suffix.
    if !first_tokens.is_empty() && first_tokens.iter().all(|t| is_suffix(t)) {
        return None;
    }
    let before_tokens: Vec<&str> = before.split_whitespace().collect();
    let (family_tokens, _) = strip_titles(&before_tokens);
    let (given_tokens, _) = strip_titles(&first_tokens);
    let mut display = format!("{first} {before}");
    for segment in rest {
        display.push_str(", ");
        display.push_str(segment);
    }
    let display = text::clean(&display);
    Some((join(given_tokens), join(family_tokens), display))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parts(full: &str) -> (Option<String>, Option<String>, String) {
        match PersonName::parse(full) {
            Ok(n) => (
                n.given().map(str::to_owned),
                n.family().map(str::to_owned),
                n.display().to_owned(),
            ),
            Err(e) => panic!("{full:?}: {e}"),
        }
    }

    fn check(full: &str, given: Option<&str>, family: Option<&str>) {
        let (g, f, _) = parts(full);
        assert_eq!(g.as_deref(), given, "given of {full:?}");
        assert_eq!(f.as_deref(), family, "family of {full:?}");
    }

    #[test]
    fn tables_are_sorted() {
        for table in [HONORIFICS, TITLE_CONTINUATIONS, SUFFIXES, PARTICLES] {
            assert!(table.windows(2).all(|w| w[0] < w[1]), "{table:?}");
        }
    }

    #[test]
    fn new_defaults_and_cleans() -> Result<()> {
        let n = PersonName::new(Some("  Marie\u{a0} Louise "), Some("Curie"), None)?;
        assert_eq!(n.given(), Some("Marie Louise"));
        assert_eq!(n.family(), Some("Curie"));
        assert_eq!(n.display(), "Marie Louise Curie");
        assert_eq!(n.to_string(), "Marie Louise Curie");

        let n = PersonName::new(None, Some("Curie"), None)?;
        assert_eq!(n.display(), "Curie");
        let n = PersonName::new(Some("Marie"), Some(""), None)?;
        assert_eq!((n.family(), n.display()), (None, "Marie"));
        let n = PersonName::new(None, None, Some("The Curies"))?;
        assert_eq!(
            (n.given(), n.family(), n.display()),
            (None, None, "The Curies")
        );
        let n = PersonName::new(Some("Marie"), Some("Curie"), Some("Madame Curie"))?;
        assert_eq!(n.display(), "Madame Curie");
        Ok(())
    }

    #[test]
    fn new_errors() {
        match PersonName::new(Some(" "), None, Some("\t")) {
            Err(Error::InvalidValue { field, reason, .. }) => {
                assert_eq!(field, "name");
                assert_eq!(reason, EMPTY_NAME);
            }
            other => panic!("{other:?}"),
        }
        // Nothing to see is no name; a byte order mark or zero width space is dropped.
        for invisible in [
            "\u{200b}",
            "\u{feff}",
            "\u{200d}\u{200c}",
            "\u{301}",
            "\u{2060} \u{200e}",
            "\u{3164}",
            "\u{115f}\u{1160}",
            "\u{2800}",
            "\u{180e}",
            "\u{e0020}\u{e007f}",
        ] {
            assert!(
                PersonName::new(Some(invisible), None, None).is_err(),
                "{invisible:?}"
            );
            let n = PersonName::new(Some(invisible), Some("Curie"), None).expect("family");
            assert_eq!((n.given(), n.display()), (None, "Curie"));
        }
        let n = PersonName::new(Some("\u{feff}Ada\u{200b}"), None, None).expect("name");
        assert_eq!(n.given(), Some("Ada"));
        // A joiner between letters stays (Persian, Indic names).
        let n = PersonName::new(Some("\u{645}\u{200c}\u{647}"), None, None).expect("name");
        assert_eq!(n.given(), Some("\u{645}\u{200c}\u{647}"));
        let long = "a".repeat(201);
        match PersonName::new(Some(&long), None, None) {
            Err(Error::InvalidValue { field, reason, .. }) => {
                assert_eq!(field, "name");
                assert_eq!(reason, "the given name is longer than 200 characters");
            }
            other => panic!("{other:?}"),
        }
        assert!(PersonName::new(None, Some(&long), None).is_err());
        let ok = "ä".repeat(200);
        assert!(PersonName::new(Some(&ok), None, None).is_ok());
        // Both parts fit, the default display does not.
        assert!(PersonName::new(Some(&ok), Some(&ok), None).is_err());
        assert!(PersonName::parse("").is_err());
        assert!(PersonName::parse(" \n ").is_err());
        assert!(PersonName::parse(",").is_err());
    }

    #[test]
    fn parse_simple_and_middle_names() {
        check("Ada Lovelace", Some("Ada"), Some("Lovelace"));
        check("  ada   lovelace ", Some("ada"), Some("lovelace"));
        check(
            "John Ronald Reuel Tolkien",
            Some("John Ronald Reuel"),
            Some("Tolkien"),
        );
        check("Jean-Luc Picard", Some("Jean-Luc"), Some("Picard"));
        check("Madonna", Some("Madonna"), None);
        check(
            "Владимир Владимирович Набоков",
            Some("Владимир Владимирович"),
            Some("Набоков"),
        );
        check(
            "Γιώργος Παπαδόπουλος",
            Some("Γιώργος"),
            Some("Παπαδόπουλος"),
        );
        check("Siobhán O'Sullivan", Some("Siobhán"), Some("O'Sullivan"));
    }

    #[test]
    fn parse_particles() {
        check(
            "Ludwig van Beethoven",
            Some("Ludwig"),
            Some("van Beethoven"),
        );
        check("Jan van der Berg", Some("Jan"), Some("van der Berg"));
        check(
            "Ursula von der Leyen",
            Some("Ursula"),
            Some("von der Leyen"),
        );
        check("Juan de la Cruz", Some("Juan"), Some("de la Cruz"));
        check("Leonardo da Vinci", Some("Leonardo"), Some("da Vinci"));
        check("Maria dos Santos", Some("Maria"), Some("dos Santos"));
        check("Eddie Van Halen", Some("Eddie"), Some("Van Halen"));
        check("Mohammed bin Salman", Some("Mohammed"), Some("bin Salman"));
        check(
            "Anna Maria della Rovere",
            Some("Anna Maria"),
            Some("della Rovere"),
        );
        check("de la Cruz", None, Some("de la Cruz"));
        check("van Gogh", None, Some("van Gogh"));
        // A capitalised first word is a given name even if it looks like a particle.
        check("Van Morrison", Some("Van"), Some("Morrison"));
    }

    #[test]
    fn parse_honorifics_and_suffixes() {
        let (g, f, d) = parts("Dr. Martin Luther King Jr.");
        assert_eq!(g.as_deref(), Some("Martin Luther"));
        assert_eq!(f.as_deref(), Some("King"));
        assert_eq!(d, "Dr. Martin Luther King Jr.");
        check("Mrs Jane Smith", Some("Jane"), Some("Smith"));
        check("Prof. Dr. Angela Merkel", Some("Angela"), Some("Merkel"));
        check("Dr. med. Hans Meier", Some("Hans"), Some("Meier"));
        check("Prof. Dr. rer. nat. Eva Roth", Some("Eva"), Some("Roth"));
        // Not a title when it does not follow one.
        check("Ing Wong", Some("Ing"), Some("Wong"));
        check("Herr Hans Müller", Some("Hans"), Some("Müller"));
        check("Frau Müller", None, Some("Müller"));
        check("Mx. Sam Taylor", Some("Sam"), Some("Taylor"));
        check("Sir Patrick Stewart", Some("Patrick"), Some("Stewart"));
        check("John Smith III", Some("John"), Some("Smith"));
        check("Jane Doe, PhD", Some("Jane"), Some("Doe"));
        check("John Smith, Jr.", Some("John"), Some("Smith"));
        // Alone, a word that looks like a title is still a name.
        check("Sir", Some("Sir"), None);
        check("Dr.", Some("Dr."), None);
    }

    #[test]
    fn parse_comma_form() {
        let (g, f, d) = parts("Curie, Marie");
        assert_eq!((g.as_deref(), f.as_deref()), (Some("Marie"), Some("Curie")));
        assert_eq!(d, "Marie Curie");
        let (g, f, d) = parts("van der Berg, Dr. Jan");
        assert_eq!(
            (g.as_deref(), f.as_deref()),
            (Some("Jan"), Some("van der Berg"))
        );
        assert_eq!(d, "Dr. Jan van der Berg");
        let (g, f, d) = parts("Smith, John, Jr.");
        assert_eq!((g.as_deref(), f.as_deref()), (Some("John"), Some("Smith")));
        assert_eq!(d, "John Smith, Jr.");
        let (g, f, d) = parts("Smith Jr., John");
        assert_eq!((g.as_deref(), f.as_deref()), (Some("John"), Some("Smith")));
        assert_eq!(d, "John Smith Jr.");
        check("Smith,", None, Some("Smith"));
        check(", John", Some("John"), None);
        check("Nguyễn, Văn An", Some("Văn An"), Some("Nguyễn"));
    }

    #[test]
    fn folded_and_serde() -> std::result::Result<(), serde_json::Error> {
        let n = PersonName::parse("José Müller-O'Brien").map_err(serde::de::Error::custom)?;
        assert_eq!(n.folded(), "jose mullerobrien");
        let json = serde_json::to_value(&n)?;
        assert_eq!(
            json,
            serde_json::json!({"given": "José", "family": "Müller-O'Brien", "display": "José Müller-O'Brien"})
        );
        let back: PersonName = serde_json::from_value(json)?;
        assert_eq!(back, n);
        Ok(())
    }

    proptest! {
        #[test]
        fn parse_never_panics_and_keeps_display(s in "\\PC{0,60}") {
            if let Ok(n) = PersonName::parse(&s) {
                prop_assert!(!n.display().is_empty());
                prop_assert_eq!(text::clean(n.display()), n.display());
                // Re-building from the parts gives the same name.
                let again = PersonName::new(n.given(), n.family(), Some(n.display()));
                prop_assert_eq!(again.ok(), Some(n));
            }
        }

        #[test]
        fn parse_keeps_every_word(words in proptest::collection::vec("[A-Z][a-z]{1,8}", 1..5)) {
            let full = words.join(" ");
            let n = PersonName::parse(&full);
            prop_assert!(n.is_ok());
            if let Ok(n) = n {
                let rebuilt = [n.given(), n.family()].into_iter().flatten().collect::<Vec<_>>().join(" ");
                // Without titles, given + family is the whole name.
                let has_title = words.iter().any(|w| is_honorific(w) || is_suffix(w));
                if !has_title {
                    prop_assert_eq!(rebuilt, full);
                }
            }
        }
    }
}
