//! Contact data: email addresses, phone numbers, names, postal addresses, birthdays,
//! countries and time zones, each parsed, validated and normalised on construction.
//!
//! Every type here is a value that is valid once built: constructors return
//! [`crate::error::Result`], with an error that names the field, the value and what is
//! wrong with it. [`text`] holds the string normalisation (cleaning and folding) that the
//! other types and deduplication share.
//!
//! ```
//! use crm_core::contact::{CountryCode, Email, Phone, PersonName};
//!
//! let name = PersonName::parse("José Müller")?;
//! assert_eq!(name.folded(), "jose muller");
//! let email = Email::parse("Jose.Muller@Example.com")?;
//! assert_eq!(email.normalized(), "jose.muller@example.com");
//! let phone = Phone::parse("0171 1234567", Some(CountryCode::parse("DE")?))?;
//! assert_eq!(phone.e164(), "+491711234567");
//! # Ok::<(), crm_core::Error>(())
//! ```

mod address;
mod birthday;
pub(crate) mod case;
mod country;
mod email;
mod name;
mod phone;
pub mod text;
mod timezone;
mod unicode;
pub(crate) mod written_date;
mod zone_table;

pub use address::Address;
pub use birthday::Birthday;
pub use country::CountryCode;
pub use email::Email;
pub use name::PersonName;
pub(crate) use name::name_generation;
pub(crate) use phone::without_extension;
pub use phone::{Phone, PhoneKind};
#[cfg(test)]
pub(crate) use timezone::test_zones;
pub use timezone::{TimeZone, ZoneOffset};

/// The first index in `range` whose value (read by `at`, ascending over the range) is above
/// `key`: the binary search of the compiled-in tables, whose entries are computed from
/// several arrays and so are not one slice for `partition_point`.
fn first_above<K: PartialOrd>(
    range: std::ops::Range<usize>,
    key: K,
    at: impl Fn(usize) -> K,
) -> usize {
    let (mut low, mut high) = (range.start, range.end);
    while low < high {
        let mid = low + (high - low) / 2;
        if at(mid) <= key {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    low
}

/// Checks a generated data file: `compiled` (its text as compiled in) must equal `text` (a
/// fresh generation). With the environment variable `var` set, a stale file (`file`,
/// relative to crm-core) is rewritten instead; otherwise a stale file fails the test, naming
/// `command`. Returns whether the file was up to date.
#[cfg(test)]
pub(crate) fn check_generated(
    file: &str,
    compiled: &str,
    text: &str,
    var: &str,
    command: &str,
) -> bool {
    let write = std::env::var_os(var).is_some();
    if compiled == text {
        if write {
            eprintln!("{file} is up to date");
        }
        return true;
    }
    assert!(write, "{file} is stale: run {command}");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    std::fs::write(&path, text).expect("write the data file");
    eprintln!("wrote {}; run the tests again to check it", path.display());
    false
}

/// The code points where membership in the set of `pred` flips (the sets of the generated
/// Unicode and case tables are stored this way).
#[cfg(test)]
pub(crate) fn flip_bounds(pred: impl Fn(char) -> bool) -> Vec<u32> {
    let mut bounds = vec![];
    let mut inside = false;
    for code in 0..=u32::from(char::MAX) {
        let now = char::from_u32(code).is_some_and(&pred);
        if now != inside {
            bounds.push(code);
            inside = now;
        }
    }
    bounds
}

/// Writes `pub(super) static NAME: [TYPE; N] = [...];`, 32 values a line: the arrays of the
/// generated data files (`zone_table_data.rs`, `unicode_data.rs`, `case_data.rs`,
/// `dedup/nicknames_data.rs`).
#[cfg(test)]
pub(crate) fn write_array<T: std::fmt::Display>(
    out: &mut String,
    name: &str,
    ty: &str,
    items: &[T],
) {
    use std::fmt::Write as _;
    let _ = write!(out, "pub(super) static {name}: [{ty}; {}] = [", items.len());
    for (i, item) in items.iter().enumerate() {
        out.push_str(if i % 32 == 0 { "\n    " } else { " " });
        let _ = write!(out, "{item},");
    }
    out.push_str("\n];\n");
}
