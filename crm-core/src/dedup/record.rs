//! A customer prepared for matching: every field normalised once, before any comparison.
//!
//! [`MatchRecord`] is built from a stored [`Customer`] or from a plain [`NewCustomer`] that
//! never enters a book (a row of a data team's table). Preparing is lenient: a value that
//! would be refused on insert (an email without a domain, a phone number the tables do not
//! know, a date of birth written `12/31/1990` or `31 Dec 1990`) is kept in a best-effort
//! normal form rather than dropped, because a scan must not lose evidence, and a field that
//! is absent stays absent (it is "missing", which neither helps nor hurts a match).

use super::cells::{one_line_place, pieces};
use super::nicknames::{mistyped_name_groups, nickname_groups};
use super::phonetic::is_particle;
use super::romanize::romanize;
use crate::contact::case;
use crate::contact::text::fold;
use crate::contact::written_date::{DayOrder, read_written_birthday};
use crate::contact::{
    Birthday, CountryCode, Email, PersonName, Phone, name_generation, without_extension,
};
use crate::customer::{Customer, NewCustomer};

/// A date of birth for matching; the year may be unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BirthDate {
    /// The year, when known.
    pub year: Option<i32>,
    /// The month, 1-12.
    pub month: u8,
    /// The day of the month, 1-31.
    pub day: u8,
}

impl From<&Birthday> for BirthDate {
    fn from(b: &Birthday) -> Self {
        // Month and day of a valid `Birthday` are within 1..=31.
        BirthDate {
            year: b.year(),
            month: u8::try_from(b.month()).unwrap_or(0),
            day: u8::try_from(b.day()).unwrap_or(0),
        }
    }
}

/// A postal address for matching: folded tokens with common abbreviations expanded the
/// same way on both sides.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MatchAddress {
    /// Street name tokens without the house number ("main st", "hauptstr").
    pub street: Box<str>,
    /// House number and unit ("12", "12a").
    pub number: Box<str>,
    /// Postal code without spaces or dashes ("10115", "sw1a1aa").
    pub postcode: Box<str>,
    /// City, folded.
    pub city: Box<str>,
}

impl MatchAddress {
    /// Prepares an address from its street lines, city and postal code. An address written
    /// on one line with neither a city nor a postal code apart ("12 Main St, Springfield,
    /// IL 62701"; Mailchimp's "12 Main St  Springfield  IL  62701  US") gives its place from
    /// the line (see `cells::one_line_place`).
    pub fn new(lines: &[impl AsRef<str>], city: Option<&str>, postcode: Option<&str>) -> Self {
        let blank = |s: Option<&str>| s.is_none_or(|s| s.trim().is_empty());
        if blank(city) && blank(postcode) {
            if let Some((street, city, code)) = one_line_place(lines) {
                return MatchAddress::build(&mut street.into_iter(), Some(&city), Some(&code));
            }
        }
        MatchAddress::build(&mut lines.iter().map(AsRef::as_ref), city, postcode)
    }

    /// One compiled copy for both kinds of lines (the .wasm's size).
    fn build(
        lines: &mut dyn Iterator<Item = &str>,
        city: Option<&str>,
        postcode: Option<&str>,
    ) -> Self {
        let mut street = String::new();
        let mut number = String::new();
        for line in lines {
            for token in fold(line).split(' ').filter(|t| !t.is_empty()) {
                if token.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
                    if !number.is_empty() {
                        number.push(' ');
                    }
                    number.push_str(token);
                } else {
                    push_street_token(&mut street, token);
                }
            }
        }
        let mut postcode: String = postcode
            .map(fold)
            .unwrap_or_default()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        // A code of digits only, as a spreadsheet keeps it: without the leading zeros it
        // drops ("02134" read as the number 2134), and a US ZIP+4 ("62701-1234") as its ZIP.
        if postcode.bytes().all(|b| b.is_ascii_digit()) {
            if postcode.len() == 9 {
                postcode.truncate(5);
            }
            let zeros = postcode.len() - postcode.trim_start_matches('0').len();
            postcode.drain(..zeros);
        }
        MatchAddress {
            street: street.into(),
            number: number.into(),
            postcode: postcode.into(),
            city: city.map(fold).unwrap_or_default().into(),
        }
    }

    /// Whether nothing is known about this address.
    pub fn is_empty(&self) -> bool {
        self.street.is_empty() && self.postcode.is_empty() && self.city.is_empty()
    }
}

/// Appends one street token, splitting a German compound "…straße" the way it is also
/// written apart ("hauptstrasse", "Hauptstr." and "Haupt Straße" all give "haupt st"), and
/// a street's name written together with "street" ("bungoniastreet").
fn push_street_token(street: &mut String, token: &str) {
    let compound = ["strasse", "straße", "str", "street"]
        .iter()
        .find_map(|suffix| token.strip_suffix(suffix).filter(|stem| stem.len() >= 3));
    let parts: [&str; 2] = match compound {
        Some(stem) => [stem, "st"],
        None => [street_token(token), ""],
    };
    for part in parts.into_iter().filter(|p| !p.is_empty()) {
        if !street.is_empty() {
            street.push(' ');
        }
        street.push_str(part);
    }
}

/// One spelling for the street words people abbreviate ("Street", "St." → "st";
/// "Straße", "Strasse", "Str." → "st"; "Avenue", "Ave" → "av"; "North" → "n").
pub(super) fn street_token(token: &str) -> &str {
    match token {
        "street" | "st" | "str" | "strasse" | "straße" | "straat" => "st",
        "avenue" | "ave" | "av" | "avda" | "avenida" => "av",
        "road" | "rd" => "rd",
        "boulevard" | "blvd" | "bd" => "blvd",
        "drive" | "dr" => "dr",
        "lane" | "ln" => "ln",
        "place" | "pl" | "platz" => "pl",
        "square" | "sq" => "sq",
        "court" | "ct" => "ct",
        "calle" | "c" => "calle",
        "rue" | "r" => "rue",
        "via" | "v" => "via",
        "weg" => "weg",
        // A compass point that starts or ends a street's name, by its letter ("123 N Main
        // St" / "123 North Main Street").
        "north" | "south" | "east" | "west" => &token[..1],
        "apartment" | "apt" | "flat" | "unit" | "suite" | "ste" => "",
        // One typing error in the long words ("rtreet", "stret", "avneue"; "treet" of
        // "s treet", "qstreet"). Not in short ones: "toad" is not "road", "palace" not
        // "place".
        other if (5..=7).contains(&other.len()) => {
            let typo_of = |word: &str| super::similarity::damerau_osa_bounded(other, word, 1);
            if typo_of("street").is_some() {
                "st"
            } else if typo_of("avenue").is_some() {
                "av"
            } else {
                other
            }
        }
        other => other,
    }
}

/// A customer prepared for matching. Build it with [`MatchRecord::from_customer`] or
/// [`MatchRecord::from_new`]; all comparisons read only this form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MatchRecord {
    /// Given name(s), folded and romanized ("mary ann"; "Наталья" → "natalya").
    pub given: Box<str>,
    /// Family name(s), folded and romanized ("garcia lopez").
    pub family: Box<str>,
    /// Email addresses, normalised with the providers' alias rules ("janedoe@gmail.com").
    pub emails: Vec<Box<str>>,
    /// Phone numbers in E.164 ("+4930123456"), or their digits when not parseable.
    pub phones: Vec<Box<str>>,
    /// Date of birth.
    pub birth: Option<BirthDate>,
    /// Postal addresses.
    pub addresses: Vec<MatchAddress>,
    /// The generation a suffix of the name gives ("Jr." 2, "Sr." 1, "III" 3; see
    /// `name_generation`), 0 when the name has none. The suffix is not part of `given` or
    /// `family`: "Smith Jr." is compared as "smith".
    pub generation: u8,
    /// Nickname groups of the first word of the given and of the family name (looked up
    /// once, as every comparison needs them).
    pub(crate) nick: [&'static [u16]; 2],
    /// Nickname groups of the known name that the first word of the given name, unknown
    /// itself, is a typing error of ("mkie": `mike`'s; see `mistyped_name_groups`).
    pub(crate) mistyped: &'static [u16],
    /// Whether the name is in Latin letters (`Some(true)`), wholly in a script matching
    /// does not romanize (`Some(false)`: Han, kana, Arabic, …), or absent (`None`).
    pub(crate) latin: Option<bool>,
}

impl MatchRecord {
    /// Fills in what is derived from the other fields.
    pub(crate) fn finish(mut self) -> Self {
        let first = |s: &str| s.split(' ').next().map_or(&[][..], nickname_groups);
        self.nick = [first(&self.given), first(&self.family)];
        if self.nick[0].is_empty() {
            self.mistyped = self
                .given
                .split(' ')
                .next()
                .map_or(&[][..], mistyped_name_groups);
        }
        let mut letters =
            (self.given.chars().chain(self.family.chars())).filter(|c| c.is_alphabetic());
        self.latin = letters
            .next()
            .map(|first| first.is_ascii() || letters.any(|c| c.is_ascii()));
        self
    }

    /// Prepares a stored customer.
    pub fn from_customer(customer: &Customer) -> Self {
        let (given, family, display) = customer.name.as_ref().map_or((None, None, None), |n| {
            (n.given(), n.family(), Some(n.display()))
        });
        let mut given = given.map(match_name).unwrap_or_default();
        let mut family = family.map(match_family_name).unwrap_or_default();
        let generation = take_generation(&mut given, &mut family, display);
        MatchRecord {
            given: given.into(),
            family: family.into(),
            emails: customer
                .emails
                .iter()
                .map(|e| e.provider_normalized().into())
                .collect(),
            phones: customer.phones.iter().map(|p| p.e164().into()).collect(),
            birth: customer.birthday.as_ref().map(BirthDate::from),
            addresses: customer
                .addresses
                .iter()
                .map(|a| MatchAddress::new(a.lines(), a.locality(), a.postal_code()))
                .filter(|a| !a.is_empty())
                .collect(),
            generation,
            nick: [&[], &[]],
            mistyped: &[],
            latin: None,
        }
        .finish()
    }

    /// Prepares a plain record that need not be valid for insertion: values that do not
    /// parse are kept in a best-effort normal form. Phone numbers in national form and dates
    /// written with numbers only are read in the record's region (`default_region`, else the
    /// first address's country): `04/05/1990` is 5 April in the United States and 4 May in
    /// most of the world (month first when no region is known); see
    /// [`Birthday`](crate::contact::Birthday) for the form a book stores.
    pub fn from_new(record: &NewCustomer) -> Self {
        let region = record
            .default_region
            .as_deref()
            .and_then(|r| CountryCode::parse(r).ok())
            .or_else(|| {
                record.addresses.iter().find_map(|a| {
                    a.country
                        .as_deref()
                        .and_then(|c| CountryCode::parse(c).ok())
                })
            });
        let (mut given, mut family) = (
            record
                .given_name
                .as_deref()
                .map(match_name)
                .unwrap_or_default(),
            record
                .family_name
                .as_deref()
                .map(match_family_name)
                .unwrap_or_default(),
        );
        if given.is_empty() && family.is_empty() {
            if let Some(name) = record
                .display_name
                .as_deref()
                .and_then(|d| PersonName::parse(d).ok())
            {
                given = name.given().map(match_name).unwrap_or_default();
                family = name.family().map(match_family_name).unwrap_or_default();
            }
        }
        let generation = take_generation(&mut given, &mut family, record.display_name.as_deref());
        // A cell may hold several addresses ("a@x.com; b@y.com"), or one with a name or a
        // scheme around it ("Ann Lee <ann@x.com>", "mailto:ann@x.com").
        let mut emails: Vec<Box<str>> = Vec::with_capacity(record.emails.len());
        for raw in &record.emails {
            for token in pieces(raw, b";,<>()[]\" \t\n", false) {
                let token = token.trim_end_matches('.');
                let token = (token.strip_prefix('\''))
                    .and_then(|t| t.strip_suffix('\''))
                    .unwrap_or(token);
                let token = match token.get(..7) {
                    Some(scheme) if scheme.eq_ignore_ascii_case("mailto:") => &token[7..],
                    _ => token,
                };
                let normal = match Email::parse(token) {
                    Ok(email) => email.provider_normalized(),
                    Err(_) => case::lowercase(token),
                };
                let mailbox = normal
                    .split_once('@')
                    .is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty());
                if mailbox && !emails.iter().any(|e| **e == *normal) {
                    emails.push(normal.into());
                }
            }
        }
        // Several numbers in one cell: "030 1234567; 0171 7654321", "… / …" (not "030/1234567").
        let mut phones: Vec<Box<str>> = Vec::with_capacity(record.phones.len());
        for raw in &record.phones {
            for number in pieces(&raw.number, b";,|", false) {
                let normal = match Phone::parse(number, region) {
                    Ok(phone) => phone.e164().to_owned(),
                    Err(_) => without_extension(number)
                        .chars()
                        .filter(char::is_ascii_digit)
                        .collect(),
                };
                if normal.len() >= 6 && !phones.iter().any(|p| **p == *normal) {
                    phones.push(normal.into());
                }
            }
        }
        MatchRecord {
            given: given.into(),
            family: family.into(),
            emails,
            phones,
            birth: record
                .birthday
                .as_deref()
                .and_then(|b| read_written_birthday(b, DayOrder::of(region)))
                .as_ref()
                .map(BirthDate::from),
            addresses: record
                .addresses
                .iter()
                .map(|a| {
                    MatchAddress::new(&a.lines, a.locality.as_deref(), a.postal_code.as_deref())
                })
                .filter(|a| !a.is_empty())
                .collect(),
            generation,
            nick: [&[], &[]],
            mistyped: &[],
            latin: None,
        }
        .finish()
    }
}

/// Takes a generational suffix off the end of the folded family name, else of the given
/// name ("smith jr" → "smith"; a family "Smith Jr." is how sheets with two name columns
/// write it), and returns its generation; else reads one that ends the display name (whose
/// parse into given and family names already dropped it: "John Smith Jr."). A name that is
/// only the suffix keeps it.
fn take_generation(given: &mut String, family: &mut String, display: Option<&str>) -> u8 {
    for name in [family, given] {
        if let Some((head, last)) = name.rsplit_once(' ') {
            let generation = name_generation(last);
            if generation != 0 {
                name.truncate(head.len());
                return generation;
            }
        }
    }
    let mut words = display.unwrap_or_default().split_whitespace();
    match (words.next_back(), words.next()) {
        (Some(last), Some(_)) => name_generation(&fold(last)),
        _ => 0,
    }
}

/// A family name as matching compares it: as [`match_name`], with the halves of a
/// double-barrelled name kept apart as two words ("García-López" → "garcia lopez"), so that
/// a record with one half ("López") reads as the same name shortened, as "Garcia Lopez"
/// does. A particle stays joined to the name it belongs to ("Al-Harbi" → "alharbi", as
/// "Alharbi" is written too). (Folding joins a hyphenated given name into one:
/// "Jean-Pierre" is not "Jean".)
fn match_family_name(name: &str) -> String {
    if !name.contains('-') {
        return match_name(name);
    }
    let mut spaced = String::with_capacity(name.len());
    // Whether the next part joins what came before: at the start, and after a particle.
    let mut joins = true;
    for part in name.split('-') {
        if !joins {
            spaced.push(' ');
        }
        spaced.push_str(part);
        joins = is_particle(part.to_ascii_lowercase());
    }
    match_name(&spaced)
}

/// The characters of a given or a family name that matching compares: the longest names
/// people have ("María de los Ángeles", "Fernández de Córdoba y Figueroa") fit; a cell
/// holding a paragraph would make every comparison with it slow (the name comparisons take
/// time that grows with the square of the length), and is compared on its beginning.
pub(crate) const MAX_NAME_CHARS: usize = 64;

/// A name as matching compares it: folded, romanized when written in Cyrillic, Greek or
/// Hangul, and cut to [`MAX_NAME_CHARS`].
fn match_name(name: &str) -> String {
    let folded = fold(name);
    let mut name = match romanize(&folded) {
        std::borrow::Cow::Borrowed(_) => folded,
        std::borrow::Cow::Owned(latin) => latin,
    };
    if let Some((cut, _)) = name.char_indices().nth(MAX_NAME_CHARS) {
        name.truncate(cut);
        name.truncate(name.trim_end().len());
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::PhoneKind;
    use crate::customer::{NewAddress, NewPhone};

    #[test]
    fn a_name_is_compared_on_its_first_characters_only() {
        // A cell holding a paragraph: cut, so that comparing it stays as quick as a name's
        // (two names of 10,000 characters took seconds a pair).
        let long = "Ab ".repeat(4_000);
        let r = MatchRecord::from_new(&NewCustomer::default().with_name(&long, &long));
        assert_eq!(r.given.chars().count(), MAX_NAME_CHARS);
        assert!(r.given.starts_with("ab ab"));
        assert_eq!(r.family.chars().count(), MAX_NAME_CHARS);
        // Real names, however long, are whole.
        let spanish = "María de los Ángeles";
        let family = "Fernández de Córdoba y Figueroa";
        let r = MatchRecord::from_new(&NewCustomer::default().with_name(spanish, family));
        assert_eq!(&*r.given, "maria de los angeles");
        assert_eq!(&*r.family, "fernandez de cordoba y figueroa");
    }

    #[test]
    fn a_double_barrelled_family_name_keeps_its_halves_apart() {
        let name = |given: &str, family: &str| {
            let r = MatchRecord::from_new(&NewCustomer::default().with_name(given, family));
            (r.given, r.family)
        };
        assert_eq!(
            name("Jean-Pierre", "García-López"),
            ("jeanpierre".into(), "garcia lopez".into())
        );
        assert_eq!(
            name("Ana", "Müller-Lüdenscheidt").1,
            "muller ludenscheidt".into()
        );
        assert_eq!(name("Ana", "O'Brien").1, "obrien".into());
        assert_eq!(name("Walid", "Al-Harbi").1, "alharbi".into());
        assert_eq!(name("Ana", "de-la-Cruz").1, "delacruz".into());
        // One half reads as the name shortened, as with a space.
        let (ana, lopez) = (
            NewCustomer::default().with_name("Ana", "García-López"),
            NewCustomer::default().with_name("Ana", "López"),
        );
        use crate::dedup::compare::{Field, Level, compare};
        let c = compare(
            &MatchRecord::from_new(&ana),
            &MatchRecord::from_new(&lopez),
            |_, _| false,
        );
        assert_eq!(c.level(Field::FamilyName), Level::Typo);
    }

    #[test]
    fn plain_records_are_normalised_leniently() {
        let mut new = NewCustomer::default().with_name("José", "MÜLLER");
        new.emails = vec![
            "Jose.Muller+crm@GoogleMail.com".into(),
            "not an email".into(),
        ];
        new.phones = vec![NewPhone::new("030 1234567", PhoneKind::Mobile)];
        new.default_region = Some("DE".into());
        new.birthday = Some("1980-02-29".into());
        new.addresses = vec![NewAddress {
            lines: vec!["Hauptstraße 12a".into()],
            locality: Some("Berlin".into()),
            postal_code: Some("10 115".into()),
            ..NewAddress::default()
        }];
        let r = MatchRecord::from_new(&new);
        assert_eq!(&*r.given, "jose");
        assert_eq!(&*r.family, "muller");
        assert_eq!(r.emails, vec![Box::from("josemuller@gmail.com")]);
        assert_eq!(r.phones, vec![Box::from("+49301234567")]);
        assert_eq!(
            r.birth,
            Some(BirthDate {
                year: Some(1980),
                month: 2,
                day: 29
            })
        );
        assert_eq!(&*r.addresses[0].street, "haupt st");
        assert_eq!(&*r.addresses[0].number, "12a");
        assert_eq!(&*r.addresses[0].postcode, "10115");
    }

    #[test]
    fn a_generational_suffix_is_read_apart_from_the_name() {
        let new = |given: Option<&str>, family: Option<&str>, display: Option<&str>| {
            let c = NewCustomer {
                given_name: given.map(Into::into),
                family_name: family.map(Into::into),
                display_name: display.map(Into::into),
                ..NewCustomer::default()
            };
            let r = MatchRecord::from_new(&c);
            (String::from(r.given), String::from(r.family), r.generation)
        };
        let named = |given: &str, family: &str, generation| {
            (given.to_owned(), family.to_owned(), generation)
        };
        let cases = [
            (
                new(Some("John"), Some("Smith Jr."), None),
                named("john", "smith", 2),
            ),
            (
                new(Some("John"), Some("SMITH, SR"), None),
                named("john", "smith", 1),
            ),
            (
                new(Some("John III"), Some("Smith"), None),
                named("john", "smith", 3),
            ),
            (
                new(Some("João"), Some("Silva Neto"), None),
                named("joao", "silva", 3),
            ),
            (
                new(None, None, Some("John Smith Jr.")),
                named("john", "smith", 2),
            ),
            (
                new(None, None, Some("Smith, John, II")),
                named("john", "smith", 2),
            ),
            // An honorific is not a generation ("Sr." is "Señor" before a name), nor is a
            // name that is only the word.
            (
                new(None, None, Some("Sr. Juan García")),
                named("juan", "garcia", 0),
            ),
            (new(Some("Junior"), None, None), named("junior", "", 0)),
            (
                new(Some("John"), Some("Smith"), None),
                named("john", "smith", 0),
            ),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
        }
        // A stored customer reads it from the name's parts or its display name.
        let mut book = crate::Crm::new();
        let customer = |book: &mut crate::Crm, c: NewCustomer| {
            let created = book.create_customer(c).unwrap();
            MatchRecord::from_customer(created).generation
        };
        let parts = NewCustomer::default().with_name("John", "Smith Sr.");
        assert_eq!(customer(&mut book, parts), 1);
        let display = NewCustomer {
            display_name: Some("John Smith IV".into()),
            ..NewCustomer::default()
        };
        assert_eq!(customer(&mut book, display), 4);
    }

    #[test]
    fn street_abbreviations_meet() {
        let a = MatchAddress::new(&["12 Main Street"], None, None);
        let b = MatchAddress::new(&["12 main st."], None, None);
        assert_eq!(a, b);
        assert_eq!(&*a.street, "main st");
    }

    #[test]
    fn a_mistyped_street_or_avenue_is_still_one() {
        let street = |line: &str| String::from(MatchAddress::new(&[line], None, None).street);
        for line in [
            "18 Aspinall Rtreet",
            "18 Aspinall Srteet",
            "18 Aspinall Stret",
            "18 Aspinall Streeet",
            "18 AspinallStreet",
        ] {
            assert_eq!(street(line), "aspinall st", "{line}");
        }
        assert_eq!(street("18 Leven Qstreet"), "leven st");
        // A space slipped in: the stray letter stays, the word is read.
        assert_eq!(street("18 Aspinall S treet"), "aspinall s st");
        assert_eq!(street("5 Sturt Avneue"), "sturt av");
        // Short words and other words stay as they are.
        assert_eq!(street("2 Toad Road"), "toad rd");
        assert_eq!(street("2 Palace Parade"), "palace parade");
    }

    #[test]
    fn dates_of_birth_written_other_ways_are_read_in_the_records_region() {
        let birth = |birthday: &str, country: Option<&str>| {
            let new = NewCustomer {
                birthday: Some(birthday.into()),
                addresses: vec![NewAddress {
                    locality: Some("Springfield".into()),
                    country: country.map(Into::into),
                    ..NewAddress::default()
                }],
                ..NewCustomer::default()
            };
            MatchRecord::from_new(&new)
                .birth
                .map(|b| (b.year, b.month, b.day))
        };
        assert_eq!(birth("04/05/1990", Some("US")), Some((Some(1990), 4, 5)));
        assert_eq!(birth("04/05/1990", Some("GB")), Some((Some(1990), 5, 4)));
        assert_eq!(birth("04/05/1990", None), Some((Some(1990), 4, 5)));
        assert_eq!(birth("31.12.1990", Some("DE")), Some((Some(1990), 12, 31)));
        assert_eq!(
            birth("1990-12-31 00:00:00", None),
            Some((Some(1990), 12, 31))
        );
        assert_eq!(birth("sometime in 1990", None), None);
    }

    #[test]
    fn postal_codes_of_digits_meet_as_spreadsheets_and_zip_plus_4_write_them() {
        let code = |c: &str| String::from(MatchAddress::new(&["1 Elm St"], None, Some(c)).postcode);
        assert_eq!(code("02134"), code("2134"));
        assert_eq!(code("62701-1234"), code("62701"));
        assert_eq!(code("02134-5678"), "2134");
        assert_eq!(code("10 115"), "10115");
        assert_eq!(code("SW1A 1AA"), "sw1a1aa");
        assert_eq!(code("0000"), "");
        // Other lengths are kept whole: a Brazilian CEP, an Iranian code.
        assert_eq!(code("01310-100"), "1310100");
        assert_eq!(code("1234567890"), "1234567890");
    }

    #[test]
    fn an_address_on_one_line_gives_its_place() {
        let parts = |line: &str| {
            let a = MatchAddress::new(&[line], None, None);
            [a.street, a.number, a.city, a.postcode].map(String::from)
        };
        let structured = MatchAddress::new(&["12 Main Street"], Some("Springfield"), Some("62701"));
        for line in [
            "12 Main St, Springfield, IL 62701",
            "12 Main Street  Springfield  IL  62701  US",
            "12 Main St.; Springfield; IL; 62701; United States",
        ] {
            assert_eq!(MatchAddress::new(&[line], None, None), structured, "{line}");
        }
        // Street, house number (and unit), city, postal code. Without a postal code after
        // the street, the line is all street, as before.
        for (line, expected) in [
            (
                "12 Main St, Apt 4, Springfield, IL 62701",
                ["main st", "12 4", "springfield", "62701"],
            ),
            (
                "221B Baker Street, Marylebone, London NW1 6XE, UK",
                ["baker st marylebone", "221b", "london", "nw16xe"],
            ),
            (
                "Hauptstraße 5, 10115 Berlin",
                ["haupt st", "5", "berlin", "10115"],
            ),
            (
                "16 Neeld Place, Treasalee",
                ["neeld pl treasalee", "16", "", ""],
            ),
            (
                "1 Infinite Loop, Suite 1200",
                ["infinite loop", "1 1200", "", ""],
            ),
            (
                "12 Main St Springfield IL 62701",
                ["main st springfield il", "12", "", "62701"],
            ),
            (
                "6 Ashburton Circuit Palmerston NT 0830",
                ["ashburton circuit palmerston nt", "6", "", "830"],
            ),
            (
                "1 Infinite Loop Suite 1200",
                ["infinite loop", "1 1200", "", ""],
            ),
            (
                "1600 Pennsylvania Avenue",
                ["pennsylvania av", "1600", "", ""],
            ),
            ("Rosenweg 91 12217", ["rosenweg", "91", "", "12217"]),
            // The code first, as most of Europe writes it: the rest of the part is the city.
            (
                "7, boulevard Paulette Gosselin\n01812 Da Costa-sur-Mer",
                ["blvd paulette gosselin", "7", "da costasurmer", "1812"],
            ),
            (
                "Damrak 1, 1012 AB Amsterdam",
                ["damrak", "1", "amsterdam", "1012ab"],
            ),
            (
                "1 Memorial Dr, St. Louis, MO 63102",
                ["memorial dr", "1", "st louis", "63102"],
            ),
            // The last part with a postal code ends the street, not a house number.
            (
                "Suite 200, 1600 Pennsylvania Ave NW, Washington, DC 20500",
                ["pennsylvania av nw", "200 1600", "washington", "20500"],
            ),
            // A house number before a street word is not a postal code, even without one.
            (
                "Flat 2, 1600 Pennsylvania Ave",
                ["pennsylvania av", "2 1600", "", ""],
            ),
        ] {
            assert_eq!(parts(line), expected, "{line}");
        }
        // A city or postal code given apart keeps the lines as street lines.
        let lines = MatchAddress::new(
            &["12 Main St, Springfield, IL 62701"],
            Some("Springfield"),
            None,
        );
        assert_eq!(&*lines.postcode, "");
        assert_eq!(&*lines.street, "main st springfield il");
    }

    #[test]
    fn a_cell_of_several_emails_or_numbers_gives_each() {
        let mut new = NewCustomer::default();
        new.emails = vec![
            "Ann Lee <Ann.Lee@example.com>; mailto:ann@example.org, 'o'brien@example.net'".into(),
            "ANN.LEE@example.com. ann @example.com @".into(),
        ];
        new.phones = vec![
            NewPhone::new(
                "030/1234567; 0171 7654321 / +44 20 7946 0018",
                PhoneKind::Mobile,
            ),
            NewPhone::new("0171 7654321, ext. 12", PhoneKind::Work),
        ];
        new.default_region = Some("DE".into());
        let r = MatchRecord::from_new(&new);
        let strs = |v: &[Box<str>]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            strs(&r.emails),
            [
                "ann.lee@example.com",
                "ann@example.org",
                "o'brien@example.net"
            ]
        );
        assert_eq!(
            strs(&r.phones),
            ["+49301234567", "+491717654321", "+442079460018"]
        );
    }

    #[test]
    fn a_number_read_without_a_region_leaves_its_extension_out() {
        let mut new = NewCustomer::default();
        new.phones = vec![
            NewPhone::new("415-555-0101x066", PhoneKind::Work),
            NewPhone::new("(212) 555 0199 ext. 12", PhoneKind::Work),
        ];
        let r = MatchRecord::from_new(&new);
        assert_eq!(r.phones, [Box::from("4155550101"), Box::from("2125550199")]);
    }

    #[test]
    fn display_name_only_is_split() {
        let new = NewCustomer {
            display_name: Some("Dr. Ada Lovelace".into()),
            ..NewCustomer::default()
        };
        let r = MatchRecord::from_new(&new);
        assert_eq!(&*r.family, "lovelace");
        assert!(r.given.contains("ada"));
    }
}
