//! ISO 3166-1 alpha-2 country codes.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

/// The 249 officially assigned ISO 3166-1 alpha-2 codes, sorted.
const CODES: [&str; 249] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// An ISO 3166-1 alpha-2 country code, such as `DE` or `US`.
///
/// Only the 249 officially assigned codes are accepted (no user-assigned codes such as `XK`,
/// no exceptional reservations such as `UK` or `EU`). It is stored upper-case, orders
/// alphabetically, and serializes as its two-letter string; deserialization validates.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// Parses a country code, ignoring case and surrounding whitespace.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] with field `country` when the text is not an officially
    /// assigned ISO 3166-1 alpha-2 code.
    ///
    /// ```
    /// use crm_core::contact::CountryCode;
    ///
    /// let de = CountryCode::parse(" de ")?;
    /// assert_eq!(de.as_str(), "DE");
    /// assert!(CountryCode::parse("XX").is_err());
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn parse(input: &str) -> Result<CountryCode> {
        let trimmed = input.trim();
        let bytes = trimmed.as_bytes();
        if let [a, b] = bytes {
            let code = [a.to_ascii_uppercase(), b.to_ascii_uppercase()];
            if let Ok(i) = CODES.binary_search_by(|c| c.as_bytes().cmp(&code[..])) {
                if let Some(found) = CODES.get(i) {
                    return Ok(CountryCode::from_table(found));
                }
            }
        }
        Err(Error::invalid(
            "country",
            input,
            "not an ISO 3166-1 alpha-2 country code",
        ))
    }

    /// The code, upper-case (`"DE"`).
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// Every officially assigned code, in alphabetical order.
    pub fn all() -> impl Iterator<Item = CountryCode> {
        CODES.iter().map(|c| CountryCode::from_table(c))
    }

    /// Builds a code from a two-letter entry of the table (a known-good value).
    fn from_table(code: &str) -> CountryCode {
        let b = code.as_bytes();
        CountryCode([
            b.first().copied().unwrap_or(b'?'),
            b.get(1).copied().unwrap_or(b'?'),
        ])
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CountryCode({:?})", self.as_str())
    }
}

impl FromStr for CountryCode {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        CountryCode::parse(s)
    }
}

impl Serialize for CountryCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        CountryCode::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_unique_and_complete() {
        assert!(CODES.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(CountryCode::all().count(), 249);
        assert!(
            CODES
                .iter()
                .all(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()))
        );
    }

    #[test]
    fn parses_case_insensitively() -> Result<()> {
        assert_eq!(CountryCode::parse("us")?.as_str(), "US");
        assert_eq!(CountryCode::parse(" Gb\t")?.to_string(), "GB");
        assert_eq!("jp".parse::<CountryCode>()?, CountryCode::parse("JP")?);
        for c in CountryCode::all() {
            assert_eq!(CountryCode::parse(&c.as_str().to_lowercase())?, c);
        }
        Ok(())
    }

    #[test]
    fn rejects_unknown_codes() {
        for bad in [
            "",
            "U",
            "USA",
            "UK",
            "EU",
            "XK",
            "ZZ",
            "1A",
            "D E",
            "ÄÖ",
            "de\u{301}",
        ] {
            match CountryCode::parse(bad) {
                Err(Error::InvalidValue {
                    field,
                    value,
                    reason,
                }) => {
                    assert_eq!(field, "country");
                    assert_eq!(value, bad);
                    assert_eq!(reason, "not an ISO 3166-1 alpha-2 country code");
                }
                other => panic!("{bad:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn orders_and_formats() -> Result<()> {
        assert!(CountryCode::parse("AT")? < CountryCode::parse("DE")?);
        assert_eq!(
            format!("{:?}", CountryCode::parse("fr")?),
            "CountryCode(\"FR\")"
        );
        Ok(())
    }

    #[test]
    fn serde_as_string() -> std::result::Result<(), serde_json::Error> {
        let de: CountryCode = serde_json::from_str("\"de\"")?;
        assert_eq!(serde_json::to_string(&de)?, "\"DE\"");
        assert!(serde_json::from_str::<CountryCode>("\"XX\"").is_err());
        assert!(serde_json::from_str::<CountryCode>("42").is_err());
        Ok(())
    }
}
