//! What one cell of a sheet may hold besides a single value: several values ("a@x.com;
//! b@y.com", "030 1234567 / 0171 7654321") and a whole address on one line ("12 Main St,
//! Springfield, IL 62701"), read for matching.

use super::record::street_token;
use crate::contact::text::fold;

/// The street parts, city and postal code of an address written on one line, from its parts
/// (split at commas, semicolons, line breaks and two spaces): the last part after the
/// street that holds a postal code (its words with a digit, four characters or more, no
/// word of a unit: "IL 62701", "London NW1 6XE", "10115 Berlin"; not "Suite 1200") ends
/// the street. Where the code comes first, as in most of Europe, the city is the rest of
/// the part ("01812 Da Costa-sur-Mer"; a Dutch "1012 AB Amsterdam" keeps its letters in the
/// code); else it is the part's words of three letters or more ("London", "St. Louis"),
/// else the last part before it without a digit ("Springfield"). Two-letter codes (a
/// state) are left out, and so is what follows the postal code (a country); a house number
/// written apart ("7, rue de la Paix") stays with the street.
/// Without such a part, a postal code of digits may end the line (see [`trailing_code`]).
/// `None` when neither holds a postal code.
pub(super) fn one_line_place(lines: &[impl AsRef<str>]) -> Option<(Vec<&str>, String, String)> {
    let parts: Vec<&str> = lines
        .iter()
        .flat_map(|line| pieces(line.as_ref(), b",;\n\t", true))
        .collect();
    let long = |w: &str| {
        w.len() >= 3
            && w.starts_with(char::is_alphabetic)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'))
    };
    let has_digit = |w: &str| w.bytes().any(|b| b.is_ascii_digit());
    let mut place = None;
    for (i, part) in parts.iter().enumerate().skip(1) {
        let (code, city) = if part.starts_with(|c: char| c.is_ascii_digit()) {
            leading_code(part)
        } else {
            let mut code = String::new();
            let mut city = String::new();
            for w in part.split_whitespace() {
                if is_unit_word(w) {
                    code.clear();
                    break;
                } else if has_digit(w) {
                    code.push_str(w);
                } else if long(w) {
                    if !city.is_empty() {
                        city.push(' ');
                    }
                    city.push_str(w);
                }
            }
            (code, city)
        };
        if code.len() >= 4 {
            place = Some((i, city, code));
        }
    }
    let Some((at, mut city, code)) = place else {
        return trailing_code(&parts);
    };
    let mut city_part = None;
    if city.is_empty() {
        city_part = (1..at).rev().find(|&i| {
            let part = parts[i];
            !has_digit(part) && part.split_whitespace().any(long)
        });
        city = city_part.map_or_else(String::new, |i| parts[i].to_owned());
    }
    let street = (0..at)
        .filter(|&i| Some(i) != city_part && (parts[i].len() > 2 || has_digit(parts[i])))
        .map(|i| parts[i])
        .collect();
    Some((street, city, code))
}

/// The postal code that begins a part and the city after it ("10115 Berlin", "01812 Da
/// Costa-sur-Mer"; "1012 AB Amsterdam" gives the code "1012AB"). A part that begins with a
/// house number ("1600 Pennsylvania Avenue") reads the same way: taking the last such part
/// keeps the place that ends the address.
fn leading_code(part: &str) -> (String, String) {
    // A street word after the number makes it a street line ("1600 Pennsylvania Ave NW"),
    // not a place.
    let street = part.split_whitespace().skip(1).any(|w| {
        let word = fold(w);
        word.len() > 1
            && matches!(
                street_token(&word),
                "st" | "av"
                    | "rd"
                    | "blvd"
                    | "dr"
                    | "ln"
                    | "pl"
                    | "sq"
                    | "ct"
                    | "calle"
                    | "rue"
                    | "via"
                    | "weg"
            )
    });
    if street {
        return (String::new(), String::new());
    }
    let mut words = part.split_whitespace().peekable();
    let mut code: String = words.next().unwrap_or_default().to_owned();
    let dutch = |w: &&str| w.len() == 2 && w.bytes().all(|b| b.is_ascii_uppercase());
    if code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit()) {
        if let Some(letters) = words.next_if(dutch) {
            code.push_str(letters);
        }
    }
    let city = words.collect::<Vec<_>>().join(" ");
    (code, city)
}

/// The trimmed, non-empty pieces of a text between separators: any byte of `seps`, a slash
/// after a space ("030 1234567 / 0171 7654321", not "030/1234567") and, with
/// `two_spaces`, two spaces in a row.
pub(super) struct Pieces<'a> {
    rest: &'a str,
    /// The separators as a set of ASCII bytes (bit `c` for byte `c`).
    seps: u128,
    two_spaces: bool,
}

pub(super) fn pieces<'a>(s: &'a str, seps: &[u8], two_spaces: bool) -> Pieces<'a> {
    Pieces {
        rest: s,
        seps: seps.iter().fold(0, |set, &c| set | 1u128 << (c & 127)),
        two_spaces,
    }
}

impl<'a> Iterator for Pieces<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        while !self.rest.is_empty() {
            let b = self.rest.as_bytes();
            let end = (0..b.len())
                .find(|&i| {
                    let c = b[i];
                    c < 128 && self.seps >> c & 1 == 1
                        || c == b'/' && i > 0 && b[i - 1] == b' '
                        || self.two_spaces && c == b' ' && b.get(i + 1) == Some(&b' ')
                })
                .unwrap_or(b.len());
            // Separators are ASCII, so `end` falls between characters.
            let piece = self.rest.get(..end).unwrap_or_default().trim();
            self.rest = self.rest.get(end + 1..).unwrap_or_default();
            if !piece.is_empty() {
                return Some(piece);
            }
        }
        None
    }
}

/// A postal code of digits that ends an address written without separators, after its house
/// number ("12 Main St Springfield IL 62701": 4 or 5 digits, or a ZIP+4), and not the number
/// of a unit ("Suite 1200"): the street parts (the rest, city words included) and the code.
fn trailing_code<'a>(parts: &[&'a str]) -> Option<(Vec<&'a str>, String, String)> {
    let (last, before) = parts.split_last()?;
    let (head, word) = last.rsplit_once(' ')?;
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let zip = match word.split_once('-') {
        Some((zip, plus4)) => zip.len() == 5 && plus4.len() == 4 && digits(zip) && digits(plus4),
        None => (4..=5).contains(&word.len()) && digits(word),
    };
    let mut words = head.split_whitespace();
    let numbered = words
        .clone()
        .any(|w| w.bytes().next().is_some_and(|b| b.is_ascii_digit()));
    let unit = words.next_back().is_some_and(is_unit_word);
    (zip && numbered && !unit).then(|| {
        let mut street = before.to_vec();
        street.push(head);
        (street, String::new(), word.to_owned())
    })
}

/// Whether `word` names a unit within a building ("Suite", "Apt.").
fn is_unit_word(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    UNIT_WORDS.iter().any(|u| word.eq_ignore_ascii_case(u))
}

/// Words that name a unit within a building: a number after them is not a postal code.
const UNIT_WORDS: [&str; 12] = [
    "apartment",
    "apt",
    "box",
    "building",
    "bldg",
    "flat",
    "floor",
    "room",
    "ste",
    "suite",
    "unit",
    "#",
];
