//! Postal addresses.

use serde::{Deserialize, Serialize};

use super::country::CountryCode;
use super::text;
use crate::error::{Error, Result};

/// Countries whose postal codes contain letters and are written upper-case.
const UPPERCASE_POSTCODES: &[&str] = &["CA", "GB", "NL"];

/// A postal address.
///
/// Every part is optional, but an address has at least a street line, a locality, a region,
/// a postal code or a country. Parts are tidied with [`text::clean`]. The structure follows
/// vCard's `ADR`: street lines, locality (city), region (state, province, county), postal
/// code and country, plus an optional label such as "home" or "billing".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Address {
    label: Option<String>,
    lines: Vec<String>,
    locality: Option<String>,
    region: Option<String>,
    postal_code: Option<String>,
    country: Option<CountryCode>,
}

impl Address {
    /// Builds an address from its parts.
    ///
    /// Each part is cleaned (NFC, whitespace collapsed); empty parts are dropped. A line
    /// that contains line breaks becomes several lines. The country is an ISO 3166-1
    /// alpha-2 code in any case. Postal codes of the UK, Canada and the Netherlands are
    /// upper-cased (`sw1a 1aa` → `SW1A 1AA`).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] with field `address.country` for an unknown country code,
    /// or with field `address` when nothing but (at most) a label is left or the parts
    /// together are longer than 1,000 characters.
    ///
    /// ```
    /// use crm_core::contact::Address;
    ///
    /// let home = Address::new(
    ///     vec!["10 Downing Street".to_string()],
    ///     Some("London"),
    ///     None,
    ///     Some("sw1a 2aa"),
    ///     Some("gb"),
    ///     Some("home"),
    /// )?;
    /// assert_eq!(home.postal_code(), Some("SW1A 2AA"));
    /// assert_eq!(home.one_line(), "10 Downing Street, London SW1A 2AA, GB");
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn new(
        lines: Vec<String>,
        locality: Option<&str>,
        region: Option<&str>,
        postal_code: Option<&str>,
        country: Option<&str>,
        label: Option<&str>,
    ) -> Result<Address> {
        let lines: Vec<String> = lines
            .iter()
            .flat_map(|line| line.lines())
            .map(text::clean)
            .filter(|line| !line.is_empty())
            .collect();
        let country = match country.map(str::trim) {
            Some(c) if !c.is_empty() => {
                Some(CountryCode::parse(c).map_err(|e| e.with_field("address.country"))?)
            }
            _ => None,
        };
        let mut postal_code = cleaned(postal_code);
        if let (Some(code), Some(country)) = (&mut postal_code, country) {
            if UPPERCASE_POSTCODES.contains(&country.as_str()) {
                // Postal codes are ASCII (letters and digits): no Unicode case table needed.
                code.make_ascii_uppercase();
            }
        }
        let address = Address {
            label: cleaned(label),
            lines,
            locality: cleaned(locality),
            region: cleaned(region),
            postal_code,
            country,
        };
        // A bound as for every other free text: a hostile row must not put megabytes into
        // every snapshot and journal.
        let count = |s: &String| s.chars().count();
        let chars = address.lines.iter().map(count).sum::<usize>()
            + [
                &address.locality,
                &address.region,
                &address.postal_code,
                &address.label,
            ]
            .into_iter()
            .flatten()
            .map(count)
            .sum::<usize>();
        if chars > MAX_CHARS {
            return Err(Error::invalid(
                "address",
                chars,
                format!("an address has at most {MAX_CHARS} characters"),
            ));
        }
        if address.lines.is_empty()
            && address.locality.is_none()
            && address.region.is_none()
            && address.postal_code.is_none()
            && address.country.is_none()
        {
            return Err(Error::invalid(
                "address",
                "",
                "an address needs a street line, a locality, a region, a postal code or a country",
            ));
        }
        Ok(address)
    }

    /// The label ("home", "work", "billing", …), if any.
    pub fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }

    /// The street lines, in order (possibly none).
    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// The locality (city, town), if known.
    pub fn locality(&self) -> Option<&str> {
        self.locality.as_deref()
    }

    /// The region (state, province, county), if known.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The postal code, if known.
    pub fn postal_code(&self) -> Option<&str> {
        self.postal_code.as_deref()
    }

    /// The country, if known.
    pub fn country(&self) -> Option<CountryCode> {
        self.country
    }

    /// The address on one line, parts separated by `", "`, the locality written the way
    /// the country writes it:
    /// - US, CA, AU: `Springfield, IL 62704`;
    /// - GB, IE: `London SW1A 2AA`, then the region;
    /// - elsewhere: `75008 Paris`, then the region;
    ///
    /// and the country code last. The label is not included.
    ///
    /// ```
    /// use crm_core::contact::Address;
    ///
    /// let a = Address::new(
    ///     vec!["1600 Pennsylvania Ave NW".into()],
    ///     Some("Washington"),
    ///     Some("DC"),
    ///     Some("20500"),
    ///     Some("US"),
    ///     None,
    /// )?;
    /// assert_eq!(a.one_line(), "1600 Pennsylvania Ave NW, Washington, DC 20500, US");
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn one_line(&self) -> String {
        let mut parts: Vec<String> = self.lines.clone();
        let locality = self.locality.as_deref();
        let region = self.region.as_deref();
        let postal = self.postal_code.as_deref();
        let spaced = |a: Option<&str>, b: Option<&str>| -> Option<String> {
            let joined = [a, b].into_iter().flatten().collect::<Vec<_>>().join(" ");
            (!joined.is_empty()).then_some(joined)
        };
        match self.country.as_ref().map(CountryCode::as_str) {
            Some("US" | "CA" | "AU") => {
                parts.extend(locality.map(str::to_owned));
                parts.extend(spaced(region, postal));
            }
            Some("GB" | "IE") => {
                parts.extend(spaced(locality, postal));
                parts.extend(region.map(str::to_owned));
            }
            _ => {
                parts.extend(spaced(postal, locality));
                parts.extend(region.map(str::to_owned));
            }
        }
        parts.extend(self.country.map(|c| c.to_string()));
        parts.join(", ")
    }
}

/// Characters of an address at most, its street lines, locality, region, postal code and
/// label together.
const MAX_CHARS: usize = 1_000;

fn cleaned(value: Option<&str>) -> Option<String> {
    value.map(text::clean).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn an_overlong_address_is_refused() {
        let err =
            Address::new(Vec::new(), None, None, Some(&"9".repeat(1001)), None, None).unwrap_err();
        assert_eq!(err.field(), Some("address"));
        assert_eq!(err.value(), Some("1001"));
        let line = "é".repeat(500);
        assert!(Address::new(lines(&[&line, &line]), None, None, None, None, None).is_ok());
        let err =
            Address::new(lines(&[&line, &line]), Some("X"), None, None, None, None).unwrap_err();
        assert_eq!(err.field(), Some("address"));
    }

    #[test]
    fn cleans_and_drops_empty_parts() -> Result<()> {
        let a = Address::new(
            lines(&["  Hauptstraße\u{a0}5 ", "", "  ", "Hinterhaus\n3. OG"]),
            Some(" Berlin "),
            Some(""),
            Some("10115"),
            Some(" de "),
            Some("  "),
        )?;
        assert_eq!(a.lines(), ["Hauptstraße 5", "Hinterhaus", "3. OG"]);
        assert_eq!(a.locality(), Some("Berlin"));
        assert_eq!(a.region(), None);
        assert_eq!(a.postal_code(), Some("10115"));
        assert_eq!(a.country().map(|c| c.to_string()).as_deref(), Some("DE"));
        assert_eq!(a.label(), None);
        assert_eq!(
            a.one_line(),
            "Hauptstraße 5, Hinterhaus, 3. OG, 10115 Berlin, DE"
        );
        Ok(())
    }

    #[test]
    fn uppercases_letter_postcodes() -> Result<()> {
        let gb = Address::new(vec![], None, None, Some("sw1a  1aa"), Some("GB"), None)?;
        assert_eq!(gb.postal_code(), Some("SW1A 1AA"));
        let ca = Address::new(
            vec![],
            Some("Ottawa"),
            Some("ON"),
            Some("k1a 0b1"),
            Some("ca"),
            None,
        )?;
        assert_eq!(ca.postal_code(), Some("K1A 0B1"));
        assert_eq!(ca.one_line(), "Ottawa, ON K1A 0B1, CA");
        let nl = Address::new(
            vec![],
            Some("Amsterdam"),
            None,
            Some("1012 ab"),
            Some("NL"),
            None,
        )?;
        assert_eq!(nl.postal_code(), Some("1012 AB"));
        assert_eq!(nl.one_line(), "1012 AB Amsterdam, NL");
        // Elsewhere, and without a country, the postal code is kept as given.
        let ie = Address::new(vec![], None, None, Some("d02 x285"), Some("IE"), None)?;
        assert_eq!(ie.postal_code(), Some("d02 x285"));
        let none = Address::new(vec![], None, None, Some("sw1a 1aa"), None, None)?;
        assert_eq!(none.postal_code(), Some("sw1a 1aa"));
        Ok(())
    }

    #[test]
    fn one_line_styles() -> Result<()> {
        let jp = Address::new(
            lines(&["千代田区千代田1-1"]),
            Some("東京都"),
            None,
            Some("100-8111"),
            Some("JP"),
            Some("office"),
        )?;
        assert_eq!(jp.one_line(), "千代田区千代田1-1, 100-8111 東京都, JP");
        assert_eq!(jp.label(), Some("office"));
        let au = Address::new(vec![], Some("Sydney"), Some("NSW"), None, Some("AU"), None)?;
        assert_eq!(au.one_line(), "Sydney, NSW, AU");
        let uk = Address::new(
            vec![],
            Some("Leeds"),
            Some("West Yorkshire"),
            Some("ls1 4ap"),
            Some("GB"),
            None,
        )?;
        assert_eq!(uk.one_line(), "Leeds LS1 4AP, West Yorkshire, GB");
        let country_only = Address::new(vec![], None, None, None, Some("br"), None)?;
        assert_eq!(country_only.one_line(), "BR");
        Ok(())
    }

    #[test]
    fn errors() {
        match Address::new(
            lines(&[" ", "\n"]),
            Some(""),
            None,
            Some(" "),
            Some(""),
            Some("home"),
        ) {
            Err(Error::InvalidValue { field, reason, .. }) => {
                assert_eq!(field, "address");
                assert!(reason.contains("street line"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
        match Address::new(vec![], Some("Paris"), None, None, Some("FRA"), None) {
            Err(Error::InvalidValue { field, value, .. }) => {
                assert_eq!(field, "address.country");
                assert_eq!(value, "FRA");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn serde_round_trip() -> std::result::Result<(), serde_json::Error> {
        let a = Address::new(
            lines(&["Via Roma 1"]),
            Some("Roma"),
            Some("RM"),
            Some("00184"),
            Some("it"),
            None,
        )
        .map_err(serde::de::Error::custom)?;
        let json = serde_json::to_value(&a)?;
        assert_eq!(json["country"], "IT");
        assert_eq!(json["lines"], serde_json::json!(["Via Roma 1"]));
        let back: Address = serde_json::from_value(json)?;
        assert_eq!(back, a);
        Ok(())
    }
}
