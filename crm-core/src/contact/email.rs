//! Email addresses: syntax check and normalisation.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::case;
use super::text;
use super::unicode::is_combining_mark;

use crate::error::{Error, Result};

/// Longest address accepted, in characters (RFC 5321 path limit minus the angle brackets).
const MAX_LEN: usize = 254;
/// Longest local part, in characters (RFC 5321).
const MAX_LOCAL: usize = 64;
/// Longest domain label, in characters (RFC 1035).
const MAX_LABEL: usize = 63;

/// A syntactically valid email address.
///
/// The accepted syntax is the practical subset of RFC 5321/5322 that mail providers accept,
/// extended to Unicode by RFC 6531 (`josé@exämple.de`, `用户@例子.中国`):
/// - exactly one `@`, no whitespace, no quoted local part, no comments;
/// - a local part of 1 to 64 characters: letters (any script), digits,
///   ``!#$%&'*+/=?^_`{|}~-`` and dots, the dots neither leading, trailing nor doubled;
/// - a domain of at least two labels of 1 to 63 letters, digits or hyphens each (letters of
///   any script allowed), no label starting or ending with a hyphen, a top-level domain that
///   is not all digits; IP literals such as `[192.0.2.1]` are refused;
/// - at most 254 characters in all.
///
/// [`Email::normalized`] is the comparison key: Unicode NFC, and both the local part and the
/// domain lower-cased. Strictly, RFC 5321 lets a server treat the local part case-sensitively,
/// but every major provider ignores case, and so does this crate.
/// [`Email::provider_normalized`] additionally applies known providers' alias rules.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Email {
    /// The address as given, then the normalised form when it differs (one allocation, and
    /// none twice for the usual already-normalised address).
    text: Box<str>,
    /// Where the address ends in `text` (and the normalised form starts, if `distinct`).
    split: u32,
    /// Whether the normalised form differs from the address (and follows it in `text`).
    distinct: bool,
}

/// The JSON form: `{"address": "…", "normalized": "…"}`.
#[derive(Serialize)]
struct EmailRef<'a> {
    address: &'a str,
    normalized: &'a str,
}

#[derive(Deserialize)]
struct EmailOwned {
    address: String,
    normalized: String,
}

impl Serialize for Email {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        EmailRef {
            address: self.address(),
            normalized: self.normalized(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Email {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let e = EmailOwned::deserialize(d)?;
        Email::from_parts(&e.address, &e.normalized)
            .ok_or_else(|| serde::de::Error::custom("email address too long"))
    }
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Email")
            .field("address", &self.address())
            .field("normalized", &self.normalized())
            .finish()
    }
}

impl Email {
    /// Checks and normalises an email address.
    ///
    /// Surrounding whitespace is ignored; [`Email::address`] keeps the rest as given.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidEmail`] with field `email` and a reason that says what is wrong
    /// (`missing @`, `empty local part`, `domain has no dot`, `consecutive dots`,
    /// `too long (max 254)`, …).
    ///
    /// ```
    /// use crm_core::contact::Email;
    ///
    /// let email = Email::parse("  Jane.Doe@Example.COM ")?;
    /// assert_eq!(email.address(), "Jane.Doe@Example.COM");
    /// assert_eq!(email.normalized(), "jane.doe@example.com");
    /// assert_eq!(email.domain(), "example.com");
    ///
    /// let err = Email::parse("jane.doe.example.com").unwrap_err();
    /// assert!(err.to_string().contains("missing @"));
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn parse(input: &str) -> Result<Email> {
        let address = input.trim();
        let normalized = normalize(address);
        let invalid = |reason| Error::InvalidEmail {
            field: "email".to_owned(),
            value: crate::error::shown(input),
            reason,
        };
        check(&normalized).map_err(invalid)?;
        // The address of a valid email is at most a few KiB (the normalised form is at most
        // 254 characters), so the split fits in a u32.
        Email::from_parts(address, &normalized)
            .ok_or_else(|| invalid(format!("too long (max {MAX_LEN})")))
    }

    /// Packs an address and its normalised form; `None` only beyond 4 GiB.
    fn from_parts(address: &str, normalized: &str) -> Option<Email> {
        let split = u32::try_from(address.len()).ok()?;
        let distinct = address != normalized;
        let text = if distinct {
            let mut t = String::with_capacity(address.len() + normalized.len());
            t.push_str(address);
            t.push_str(normalized);
            t.into_boxed_str()
        } else {
            Box::from(address)
        };
        Some(Email {
            text,
            split,
            distinct,
        })
    }

    /// The address as given (surrounding whitespace removed).
    pub fn address(&self) -> &str {
        self.text.get(..self.split as usize).unwrap_or_default()
    }

    /// The normalised address: NFC, local part and domain lower-cased.
    pub fn normalized(&self) -> &str {
        if self.distinct {
            self.text.get(self.split as usize..).unwrap_or_default()
        } else {
            &self.text
        }
    }

    /// The normalised domain (after the `@`).
    pub fn domain(&self) -> &str {
        self.normalized()
            .rsplit_once('@')
            .map_or("", |(_, domain)| domain)
    }

    /// The normalised local part (before the `@`).
    pub fn local_part(&self) -> &str {
        let normalized = self.normalized();
        normalized
            .rsplit_once('@')
            .map_or(normalized, |(local, _)| local)
    }

    /// The normalised address with the alias rules of well-known providers applied, so
    /// that aliases of one mailbox compare equal.
    ///
    /// | domains | rule |
    /// |---|---|
    /// | `gmail.com`, `googlemail.com` | dots in the local part ignored, `+tag` dropped, domain `gmail.com` |
    /// | `outlook.com`, `hotmail.com`, `live.com` | `+tag` dropped |
    /// | `icloud.com`, `me.com`, `mac.com` | `+tag` dropped |
    /// | `fastmail.com` | `+tag` dropped |
    /// | `proton.me`, `protonmail.com`, `pm.me` | `+tag` dropped |
    /// | `yahoo.com` | `-tag` dropped |
    ///
    /// Other domains are returned as [`Email::normalized`]. A tag is never dropped when it
    /// would leave the local part empty.
    ///
    /// ```
    /// use crm_core::contact::Email;
    ///
    /// let email = Email::parse("Jane.Doe+newsletter@googlemail.com")?;
    /// assert_eq!(email.provider_normalized(), "janedoe@gmail.com");
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn provider_normalized(&self) -> String {
        let local = self.local_part();
        let domain = self.domain();
        let Some(rule) = PROVIDERS.iter().find(|rule| rule.domains.contains(&domain)) else {
            return self.normalized().to_owned();
        };
        let mut local = match rule.tag_separator {
            Some(sep) => match local.split_once(sep) {
                Some((base, _)) if !base.is_empty() => base,
                _ => local,
            },
            None => local,
        }
        .to_owned();
        if rule.ignore_dots {
            let without: String = local.chars().filter(|&c| c != '.').collect();
            if !without.is_empty() {
                local = without;
            }
        }
        format!("{local}@{}", rule.canonical_domain.unwrap_or(domain))
    }
}

impl fmt::Display for Email {
    /// Shows the address as given.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.address())
    }
}

/// The alias rules of one mail provider.
struct ProviderRule {
    /// The domains the rule applies to.
    domains: &'static [&'static str],
    /// The character that starts a sub-address tag, if the provider supports tags.
    tag_separator: Option<char>,
    /// Whether dots in the local part are ignored by the provider.
    ignore_dots: bool,
    /// The domain all of `domains` are aliases of, if any.
    canonical_domain: Option<&'static str>,
}

const PROVIDERS: &[ProviderRule] = &[
    ProviderRule {
        domains: &["gmail.com", "googlemail.com"],
        tag_separator: Some('+'),
        ignore_dots: true,
        canonical_domain: Some("gmail.com"),
    },
    ProviderRule {
        domains: &[
            "outlook.com",
            "hotmail.com",
            "live.com",
            "icloud.com",
            "me.com",
            "mac.com",
            "fastmail.com",
            "proton.me",
            "protonmail.com",
            "pm.me",
        ],
        tag_separator: Some('+'),
        ignore_dots: false,
        canonical_domain: None,
    },
    ProviderRule {
        domains: &["yahoo.com"],
        tag_separator: Some('-'),
        ignore_dots: false,
        canonical_domain: None,
    },
];

/// NFC, then lower-case (and NFC again: lower-casing can decompose, e.g. "İ" → "i̇").
/// Borrows when the address is already normalised (the usual lower-case ASCII address).
fn normalize(address: &str) -> Cow<'_, str> {
    if address.is_ascii() {
        // ASCII is in NFC, and its lower case is ASCII.
        return if address.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(address.to_ascii_lowercase())
        } else {
            Cow::Borrowed(address)
        };
    }
    Cow::Owned(text::into_nfc(case::lowercase(&text::nfc_cow(address))))
}

/// The syntax check, on the normalised form (so that normalising again cannot change the
/// verdict). Returns the reason on failure.
fn check(address: &str) -> std::result::Result<(), String> {
    if plainly_valid(address.as_bytes()) {
        return Ok(());
    }
    if address.is_empty() {
        return Err("is empty".to_owned());
    }
    if address.contains(['<', '>']) {
        return Err("display names are not allowed, pass only the address".to_owned());
    }
    if address.chars().any(char::is_whitespace) {
        return Err("contains whitespace".to_owned());
    }
    if address.chars().count() > MAX_LEN {
        return Err(format!("too long (max {MAX_LEN})"));
    }
    let Some((local, domain)) = address.split_once('@') else {
        return Err("missing @".to_owned());
    };
    if domain.contains('@') {
        return Err("more than one @".to_owned());
    }
    check_local(local)?;
    check_domain(domain)
}

/// A one-pass check for the usual ASCII address: `true` only when [`check`] accepts it
/// (anything unusual, valid or not, is left to the full check and its reasons).
fn plainly_valid(address: &[u8]) -> bool {
    let Some(at) = address.iter().position(|&b| b == b'@') else {
        return false;
    };
    let (local, domain) = address.split_at(at);
    let domain = domain.get(1..).unwrap_or_default();
    if address.len() > MAX_LEN || local.is_empty() || local.len() > MAX_LOCAL {
        return false;
    }
    // Local part: allowed characters, dots neither first, last nor doubled.
    let mut prev = b'.';
    for &b in local {
        let ok = b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~-".contains(&b) || b == b'.';
        if !ok || (b == b'.' && prev == b'.') {
            return false;
        }
        prev = b;
    }
    if prev == b'.' {
        return false;
    }
    // Domain: two or more labels of 1 to 63 letters, digits or inner hyphens; a TLD that
    // is not all digits.
    let mut labels = 0;
    for label in domain.split(|&b| b == b'.') {
        labels += 1;
        let (Some(&first), Some(&last)) = (label.first(), label.last()) else {
            return false;
        };
        if label.len() > MAX_LABEL
            || first == b'-'
            || last == b'-'
            || !label
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return false;
        }
    }
    let tld_all_digits = domain
        .rsplit(|&b| b == b'.')
        .next()
        .is_some_and(|tld| tld.iter().all(u8::is_ascii_digit));
    labels >= 2 && !tld_all_digits
}

fn check_local(local: &str) -> std::result::Result<(), String> {
    if local.is_empty() {
        return Err("empty local part".to_owned());
    }
    if local.starts_with('"') {
        return Err("quoted local parts are not supported".to_owned());
    }
    if local.chars().count() > MAX_LOCAL {
        return Err(format!("local part too long (max {MAX_LOCAL})"));
    }
    if local.starts_with('.') {
        return Err("local part starts with a dot".to_owned());
    }
    if local.ends_with('.') {
        return Err("local part ends with a dot".to_owned());
    }
    if local.contains("..") {
        return Err("consecutive dots".to_owned());
    }
    let mut prev: Option<char> = None;
    for c in local.chars() {
        let ok = c.is_ascii_alphanumeric()
            || "!#$%&'*+/=?^_`{|}~-.".contains(c)
            || (!c.is_ascii() && c.is_alphanumeric())
            || (!c.is_ascii() && is_combining_mark(c) && prev.is_some_and(|p| p != '.'));
        if !ok {
            return Err(format!("invalid character {c:?} in local part"));
        }
        prev = Some(c);
    }
    Ok(())
}

fn check_domain(domain: &str) -> std::result::Result<(), String> {
    if domain.is_empty() {
        return Err("empty domain".to_owned());
    }
    if domain.starts_with('[') {
        return Err(
            "domain literals such as [192.0.2.1] are not allowed, use a domain name".to_owned(),
        );
    }
    if domain.starts_with('.') {
        return Err("domain starts with a dot".to_owned());
    }
    if domain.ends_with('.') {
        return Err("domain ends with a dot".to_owned());
    }
    if domain.contains("..") {
        return Err("consecutive dots".to_owned());
    }
    if !domain.contains('.') {
        return Err("domain has no dot".to_owned());
    }
    for label in domain.split('.') {
        if label.chars().count() > MAX_LABEL {
            return Err(format!("domain label too long (max {MAX_LABEL})"));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(format!(
                "domain label {label:?} starts or ends with a hyphen"
            ));
        }
        let mut first = true;
        for c in label.chars() {
            let ok = c.is_ascii_alphanumeric()
                || c == '-'
                || (!c.is_ascii() && c.is_alphanumeric())
                || (!c.is_ascii() && is_combining_mark(c) && !first);
            if !ok {
                return Err(format!("invalid character {c:?} in domain"));
            }
            first = false;
        }
    }
    let tld = domain.rsplit('.').next().unwrap_or_default();
    if tld.chars().all(|c| c.is_ascii_digit()) {
        return Err("top-level domain is all digits (IP addresses are not allowed)".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reason(input: &str) -> String {
        match Email::parse(input) {
            Err(Error::InvalidEmail {
                field,
                value,
                reason,
            }) => {
                assert_eq!(field, "email");
                assert_eq!(value, crate::error::shown(input));
                reason
            }
            other => panic!("expected InvalidEmail for {input:?}, got {other:?}"),
        }
    }

    #[test]
    fn accepts_and_normalises() -> Result<()> {
        let e = Email::parse(" John.Smith@Example.co.UK\t")?;
        assert_eq!(e.address(), "John.Smith@Example.co.UK");
        assert_eq!(e.normalized(), "john.smith@example.co.uk");
        assert_eq!(e.local_part(), "john.smith");
        assert_eq!(e.domain(), "example.co.uk");
        assert_eq!(e.to_string(), "John.Smith@Example.co.UK");

        for ok in [
            "a@b.co",
            "o'brien+crm@mail-server.ie",
            "x!#$%&'*/=?^_`{|}~-@example.org",
            "user@sub.domain.example.com",
            "1234@123.example",
            "josé.müller@bücher.de",
            "用户@例子.中国",
            "пётр@почта.рф",
            "δοκιμή@παράδειγμα.ελ",
            "अजय@डाटा.भारत",
        ] {
            assert!(Email::parse(ok).is_ok(), "{ok}");
        }
        Ok(())
    }

    #[test]
    fn unicode_is_nfc_and_lowercased() -> Result<()> {
        let decomposed = Email::parse("Jose\u{301}@Example.com")?;
        let composed = Email::parse("JOSÉ@example.com")?;
        assert_eq!(decomposed.normalized(), "josé@example.com");
        assert_eq!(composed.normalized(), decomposed.normalized());
        let cyr = Email::parse("ПЁТР@ПОЧТА.РФ")?;
        assert_eq!(cyr.normalized(), "пётр@почта.рф");
        Ok(())
    }

    #[test]
    fn error_reasons() {
        assert_eq!(reason(""), "is empty");
        assert_eq!(reason("   "), "is empty");
        assert_eq!(reason("jane.example.com"), "missing @");
        assert_eq!(reason("a@b@c.com"), "more than one @");
        assert_eq!(reason("@example.com"), "empty local part");
        assert_eq!(reason("jane@"), "empty domain");
        assert_eq!(reason("jane@localhost"), "domain has no dot");
        assert_eq!(reason("jane..doe@example.com"), "consecutive dots");
        assert_eq!(reason("jane@example..com"), "consecutive dots");
        assert_eq!(reason(".jane@example.com"), "local part starts with a dot");
        assert_eq!(reason("jane.@example.com"), "local part ends with a dot");
        assert_eq!(reason("jane@.example.com"), "domain starts with a dot");
        assert_eq!(reason("jane@example.com."), "domain ends with a dot");
        assert_eq!(reason("jane doe@example.com"), "contains whitespace");
        assert_eq!(
            reason("Jane Doe <jane@example.com>"),
            "display names are not allowed, pass only the address"
        );
        assert_eq!(
            reason("<jane@example.com>"),
            "display names are not allowed, pass only the address"
        );
        assert!(reason("jane@[192.0.2.1]").contains("domain literals"));
        assert!(reason("jane@192.0.2.1").contains("all digits"));
        assert_eq!(reason("\"jane doe\"@example.com"), "contains whitespace");
        assert_eq!(
            reason("\"jane\"@example.com"),
            "quoted local parts are not supported"
        );
        assert_eq!(
            reason("ja(ne@example.com"),
            "invalid character '(' in local part"
        );
        assert_eq!(
            reason("jane@exa_mple.com"),
            "invalid character '_' in domain"
        );
        assert!(reason("jane@-example.com").contains("hyphen"));
        assert!(reason("jane@example-.com").contains("hyphen"));
        assert_eq!(
            reason(&format!("{}@example.com", "a".repeat(65))),
            "local part too long (max 64)"
        );
        assert_eq!(
            reason(&format!("a@{}.com", "b".repeat(64))),
            "domain label too long (max 63)"
        );
        let long = format!("a@{}.com", vec!["b".repeat(60); 5].join("."));
        assert_eq!(reason(&long), "too long (max 254)");
    }

    #[test]
    fn length_limits_are_inclusive() {
        let local = "a".repeat(64);
        assert!(Email::parse(&format!("{local}@example.com")).is_ok());
        let label = "b".repeat(63);
        assert!(Email::parse(&format!("x@{label}.com")).is_ok());
        // 254 characters exactly: "a@" + 3 * 63 + 3 dots + 60 = 254.
        let domain = format!("{label}.{label}.{label}.{}", "c".repeat(60));
        let addr = format!("a@{domain}");
        assert_eq!(addr.chars().count(), 254);
        assert!(Email::parse(&addr).is_ok());
        assert!(Email::parse(&format!("ab@{domain}")).is_err());
    }

    #[test]
    fn provider_rules() -> Result<()> {
        let cases = [
            ("J.a.n.e+news@gmail.com", "jane@gmail.com"),
            ("jane.doe@googlemail.com", "janedoe@gmail.com"),
            ("jane+x@outlook.com", "jane@outlook.com"),
            ("jane+x@hotmail.com", "jane@hotmail.com"),
            ("jane.doe+x@live.com", "jane.doe@live.com"),
            ("jane+x@icloud.com", "jane@icloud.com"),
            ("jane+x@fastmail.com", "jane@fastmail.com"),
            ("jane+x@proton.me", "jane@proton.me"),
            ("jane+x@protonmail.com", "jane@protonmail.com"),
            ("jane-shop@yahoo.com", "jane@yahoo.com"),
            ("jane+x@yahoo.com", "jane+x@yahoo.com"),
            ("jane.doe+x@example.com", "jane.doe+x@example.com"),
            ("+only@gmail.com", "+only@gmail.com"),
            ("-only@yahoo.com", "-only@yahoo.com"),
        ];
        for (input, expected) in cases {
            assert_eq!(
                Email::parse(input)?.provider_normalized(),
                expected,
                "{input}"
            );
        }
        Ok(())
    }

    #[test]
    fn serde_round_trip() -> std::result::Result<(), serde_json::Error> {
        let e = Email::parse("Jane@Example.com").map_err(serde::de::Error::custom)?;
        let json = serde_json::to_string(&e)?;
        assert_eq!(
            json,
            r#"{"address":"Jane@Example.com","normalized":"jane@example.com"}"#
        );
        let back: Email = serde_json::from_str(&json)?;
        assert_eq!(back, e);
        Ok(())
    }

    proptest! {
        #[test]
        fn normalisation_is_idempotent(
            local in "[a-zA-Z0-9ÄÖÜäöüßİΣЖ!#$%&'*+/=?^_`{|}~-]{1,10}(\\.[a-zA-Z0-9İΣé]{1,8}){0,2}",
            domain in "[a-zA-Z0-9ÄÖÜİЖ]{1,10}(-[a-zA-Z0-9]{1,5})?\\.[a-zA-ZÄİ]{2,6}",
        ) {
            let input = format!("{local}@{domain}");
            let email = Email::parse(&input);
            prop_assert!(email.is_ok(), "{:?}", email);
            if let Ok(email) = email {
                let again = Email::parse(email.normalized());
                prop_assert!(again.is_ok(), "{:?}", again);
                if let Ok(again) = again {
                    prop_assert_eq!(again.normalized(), email.normalized());
                    let provider = email.provider_normalized();
                    prop_assert!(Email::parse(&provider).is_ok());
                }
            }
        }

        #[test]
        fn never_panics_and_verdict_is_stable(s in any::<String>()) {
            if let Ok(email) = Email::parse(&s) {
                let again = Email::parse(email.normalized());
                prop_assert!(again.is_ok());
                if let Ok(again) = again {
                    prop_assert_eq!(again.normalized(), email.normalized());
                }
            }
        }
    }
}
