//! Dates of birth as spreadsheets and forms write them, read for matching only.
//!
//! A book stores a [`Birthday`] only from ISO 8601 text (`1990-05-17`), so that a day and a
//! month are never swapped silently on the way in. A duplicate scan reads rows that never
//! enter a book, and there a date of birth written `12/31/1990`, `31.12.1990`,
//! `31 Dec 1990` or `1990-12-31 00:00:00` is evidence worth keeping rather than dropping.
//! [`read_written_birthday`] reads those forms:
//!
//! - ISO text as [`Birthday::parse`] reads it, and year first with any separator
//!   (`1990/12/31`, `1990.12.31`, `1990-1-5`);
//! - a time after the date is ignored (`1990-12-31T00:00:00Z`, `12/31/1990 0:00`);
//! - an English month name or its first three letters, before or after the day
//!   (`31 December 1990`, `Dec 31, 1990`, `31-dec-1990`, `31st Dec`);
//! - numbers with the year last: the part above 12 is the day (`31/12/1990`,
//!   `12/31/1990`); when both could be the month, dots mean day first (`05.04.1990`, as
//!   in Europe), and slashes or dashes follow [`DayOrder`], which the record's region sets
//!   (month first in the United States, day first in most of the world);
//! - a two-digit year (`12/31/90`) gives the day and month with the year unknown: the
//!   century is a guess no scan should make.
//!
//! Anything else, and any date that does not exist, is `None`.

use super::birthday::MONTHS;
use super::{Birthday, CountryCode};

/// Which comes first in a date written with numbers only, when both could be the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayOrder {
    /// `04/05/1990` is 5 April (the United States, the Philippines).
    MonthFirst,
    /// `04/05/1990` is 4 May (most of the world).
    DayFirst,
}

/// Regions that write the month before the day: the United States and the territories
/// and freely associated states that follow its usage, and the Philippines. Sorted.
const MONTH_FIRST: [&str; 10] = ["AS", "FM", "GU", "MH", "MP", "PH", "PR", "PW", "UM", "US"];

impl DayOrder {
    /// The order `region` writes dates in; with no region known, month first, as pandas
    /// and spreadsheets in their default locale read them.
    pub(crate) fn of(region: Option<CountryCode>) -> DayOrder {
        match region {
            Some(r) if MONTH_FIRST.binary_search(&r.as_str()).is_err() => DayOrder::DayFirst,
            _ => DayOrder::MonthFirst,
        }
    }
}

/// Reads a date of birth as spreadsheets and forms write it (see the module docs); `None`
/// when it is not one of those forms or the date does not exist.
pub(crate) fn read_written_birthday(input: &str, order: DayOrder) -> Option<Birthday> {
    if let Ok(b) = Birthday::parse(input) {
        return Some(b);
    }
    let date = without_time(input.trim().as_bytes());
    // The numbers (value, digits) in order, and the month when written as a word.
    let mut numbers = [(0, 0); 3];
    let (mut count, mut named) = (0, None);
    for token in date
        .split(|b| matches!(b, b'-' | b'/' | b'.' | b',') || b.is_ascii_whitespace())
        .filter(|t| !t.is_empty())
    {
        match number(token) {
            Some(n) => {
                *numbers.get_mut(count)? = n;
                count += 1;
            }
            None if named.is_none() => named = Some(month(token)?),
            None => return None,
        }
    }
    let day = |(d, digits): (u32, usize)| (digits <= 2).then_some(d);
    let (year, month, day) = match (named, count) {
        // "31 Dec", "Dec 31"
        (Some(m), 1) => (None, m, day(numbers[0])?),
        // "31 Dec 1990", "Dec 31, 1990", "1990 Dec 31"
        (Some(m), 2) if numbers[0].1 == 4 => (year(numbers[0])?, m, day(numbers[1])?),
        (Some(m), 2) => (year(numbers[1])?, m, day(numbers[0])?),
        // "1990/12/31"
        (None, 3) if numbers[0].1 == 4 => (year(numbers[0])?, day(numbers[1])?, day(numbers[2])?),
        // "31/12/1990", "12/31/1990", "31.12.90"
        (None, 3) => {
            let (a, b) = (day(numbers[0])?, day(numbers[1])?);
            let month_first = match (a > 12, b > 12) {
                (true, true) => return None,
                (true, false) => false,
                (false, true) => true,
                (false, false) => !date.contains(&b'.') && order == DayOrder::MonthFirst,
            };
            let (month, day) = if month_first { (a, b) } else { (b, a) };
            (year(numbers[2])?, month, day)
        }
        _ => return None,
    };
    Birthday::checked(year, month, day).ok()
}

/// A date of birth as a sheet writes it, as the text a book stores (`1990-12-31`), when it
/// reads the same whichever of day and month a region writes first and gives its year
/// (`31 Dec 1990`, `12/31/1990`, `31.12.1990`, `1990-12-31 00:00:00`); `None` for a date a
/// book would have to guess (`05/04/1990`, `12/31/90`) and for anything else.
pub(crate) fn unambiguous_birthday(input: &str) -> Option<String> {
    let read = |order| read_written_birthday(input, order);
    match (read(DayOrder::DayFirst), read(DayOrder::MonthFirst)) {
        (Some(a), Some(b)) if a == b && a.year().is_some() => Some(a.to_string()),
        _ => None,
    }
}

/// The year of a four-digit number; `Some(None)` (unknown) for two digits.
fn year((y, digits): (u32, usize)) -> Option<Option<i32>> {
    match digits {
        4 => Some(Some(i32::try_from(y).ok()?)),
        2 => Some(None),
        _ => None,
    }
}

/// The date before a time of day (`1990-12-31T00:00:00Z`, `12/31/1990 12:00 AM`).
fn without_time(s: &[u8]) -> &[u8] {
    let Some(colon) = s.iter().position(|&b| b == b':') else {
        return s;
    };
    let mut end = colon;
    while end > 0 && s[end - 1].is_ascii_digit() {
        end -= 1;
    }
    if end > 1 && s[end - 1] == b'T' && s[end - 2].is_ascii_digit() {
        end -= 1;
    }
    s[..end].trim_ascii_end()
}

/// A number (its value and count of digits) of at most four digits, an ordinal suffix
/// allowed (`31st`).
fn number(token: &[u8]) -> Option<(u32, usize)> {
    let digits = token.iter().take_while(|b| b.is_ascii_digit()).count();
    let (number, suffix) = token.split_at(digits);
    let ordinal = [b"st", b"nd", b"rd", b"th"]
        .iter()
        .any(|s| suffix.eq_ignore_ascii_case(*s));
    ((1..=4).contains(&digits) && (suffix.is_empty() || ordinal)).then(|| {
        let n = number.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'));
        (n, digits)
    })
}

/// A month's English name or its first three letters or more (`dec`, `Sept`), 1 to 12.
fn month(token: &[u8]) -> Option<u32> {
    let word: &[u8] = if token.eq_ignore_ascii_case(b"sept") {
        b"sep"
    } else {
        token
    };
    if word.len() < 3 || !word.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            m.as_bytes()
                .get(..word.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(word))
        })
        .and_then(|i| u32::try_from(i + 1).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str, order: DayOrder) -> Option<(Option<i32>, u32, u32)> {
        read_written_birthday(s, order).map(|b| (b.year(), b.month(), b.day()))
    }

    #[test]
    fn numbers_with_the_year_last_take_the_part_above_twelve_as_the_day() {
        for order in [DayOrder::MonthFirst, DayOrder::DayFirst] {
            assert_eq!(read("12/31/1990", order), Some((Some(1990), 12, 31)));
            assert_eq!(read("31/12/1990", order), Some((Some(1990), 12, 31)));
            assert_eq!(read("31-12-1990", order), Some((Some(1990), 12, 31)));
            assert_eq!(
                read(" 1.2.1990 ", order),
                Some((Some(1990), 2, 1)),
                "dots: day first"
            );
            assert_eq!(read("31/13/1990", order), None);
            assert_eq!(read("30/02/1990", order), None, "no such day");
        }
        assert_eq!(
            read("04/05/1990", DayOrder::MonthFirst),
            Some((Some(1990), 4, 5))
        );
        assert_eq!(
            read("04/05/1990", DayOrder::DayFirst),
            Some((Some(1990), 5, 4))
        );
        assert_eq!(
            read("4-5-1990", DayOrder::DayFirst),
            Some((Some(1990), 5, 4))
        );
    }

    #[test]
    fn iso_year_first_and_times_are_read() {
        let order = DayOrder::DayFirst;
        let expected = Some((Some(1990), 1, 5));
        for s in [
            "1990-01-05",
            "1990/01/05",
            "1990.1.5",
            "1990-1-5",
            "1990-01-05T00:00:00Z",
            "1990-01-05 00:00:00",
            "1990-01-05T13:45:00+02:00",
            "5/1/1990 0:00",
            "05/01/1990 12:00 AM",
            "19900105",
        ] {
            assert_eq!(read(s, order), expected, "{s}");
        }
        assert_eq!(read("--01-05", order), Some((None, 1, 5)));
    }

    #[test]
    fn month_names_before_or_after_the_day() {
        let expected = Some((Some(1990), 12, 31));
        for s in [
            "31 December 1990",
            "December 31, 1990",
            "Dec 31 1990",
            "31-dec-1990",
            "31st Dec 1990",
            "1990 DEC 31",
            "31 DEC 1990 12:00",
            "31. December 1990",
        ] {
            assert_eq!(read(s, DayOrder::MonthFirst), expected, "{s}");
        }
        assert_eq!(
            read("Sept 3, 1990", DayOrder::DayFirst),
            Some((Some(1990), 9, 3))
        );
        assert_eq!(read("3 March", DayOrder::DayFirst), Some((None, 3, 3)));
        assert_eq!(read("Mar 3rd", DayOrder::DayFirst), Some((None, 3, 3)));
        assert_eq!(
            read("31 Ma 1990", DayOrder::DayFirst),
            None,
            "too short to tell"
        );
        assert_eq!(read("31 Decembre 1990", DayOrder::DayFirst), None);
        assert_eq!(read("Mon 31 Dec 1990", DayOrder::DayFirst), None);
    }

    #[test]
    fn a_two_digit_year_leaves_the_year_unknown() {
        assert_eq!(read("12/31/90", DayOrder::DayFirst), Some((None, 12, 31)));
        assert_eq!(read("Dec 31, 90", DayOrder::DayFirst), Some((None, 12, 31)));
        assert_eq!(read("29/02/90", DayOrder::DayFirst), Some((None, 2, 29)));
        assert_eq!(read("12/31/990", DayOrder::DayFirst), None);
    }

    #[test]
    fn anything_else_is_not_a_date() {
        for s in [
            "",
            "x",
            "0",
            "12",
            "1990",
            "12/31",
            "1/2/3/1990",
            "31st",
            "12345/1/1",
            "1990-01-05x",
            "1e3/2/1990",
            "١٩٩٠-٠١-٠٥",
        ] {
            assert_eq!(read(s, DayOrder::MonthFirst), None, "{s:?}");
        }
    }

    #[test]
    fn the_region_sets_the_order() {
        let region = |c: &str| CountryCode::parse(c).ok();
        assert_eq!(DayOrder::of(region("US")), DayOrder::MonthFirst);
        assert_eq!(DayOrder::of(region("ph")), DayOrder::MonthFirst);
        assert_eq!(DayOrder::of(region("GB")), DayOrder::DayFirst);
        assert_eq!(DayOrder::of(region("DE")), DayOrder::DayFirst);
        assert_eq!(DayOrder::of(None), DayOrder::MonthFirst);
        let mut sorted = MONTH_FIRST;
        sorted.sort_unstable();
        assert_eq!(sorted, MONTH_FIRST);
    }
}
