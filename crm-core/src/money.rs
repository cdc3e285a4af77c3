//! Money: ISO 4217 currencies and amounts in minor units.
//!
//! Amounts are integers of the currency's minor unit (cents for EUR, yen for JPY, fils for
//! KWD), so sums are exact.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

/// ISO 4217 currency codes with their minor-unit exponents, sorted by code: every active
/// currency and fund code that has minor units, plus a few recently withdrawn codes that
/// still appear in purchase histories (ANG, CUC, HRK, SLL, ZWL). Codes without minor units
/// (precious metals, XDR, testing codes) are not included.
#[rustfmt::skip]
const CURRENCIES: &[(&str, u8)] = &[
    ("AED", 2), ("AFN", 2), ("ALL", 2), ("AMD", 2), ("ANG", 2), ("AOA", 2), ("ARS", 2), ("AUD", 2),
    ("AWG", 2), ("AZN", 2), ("BAM", 2), ("BBD", 2), ("BDT", 2), ("BGN", 2), ("BHD", 3), ("BIF", 0),
    ("BMD", 2), ("BND", 2), ("BOB", 2), ("BOV", 2), ("BRL", 2), ("BSD", 2), ("BTN", 2), ("BWP", 2),
    ("BYN", 2), ("BZD", 2), ("CAD", 2), ("CDF", 2), ("CHE", 2), ("CHF", 2), ("CHW", 2), ("CLF", 4),
    ("CLP", 0), ("CNY", 2), ("COP", 2), ("COU", 2), ("CRC", 2), ("CUC", 2), ("CUP", 2), ("CVE", 2),
    ("CZK", 2), ("DJF", 0), ("DKK", 2), ("DOP", 2), ("DZD", 2), ("EGP", 2), ("ERN", 2), ("ETB", 2),
    ("EUR", 2), ("FJD", 2), ("FKP", 2), ("GBP", 2), ("GEL", 2), ("GHS", 2), ("GIP", 2), ("GMD", 2),
    ("GNF", 0), ("GTQ", 2), ("GYD", 2), ("HKD", 2), ("HNL", 2), ("HRK", 2), ("HTG", 2), ("HUF", 2),
    ("IDR", 2), ("ILS", 2), ("INR", 2), ("IQD", 3), ("IRR", 2), ("ISK", 0), ("JMD", 2), ("JOD", 3),
    ("JPY", 0), ("KES", 2), ("KGS", 2), ("KHR", 2), ("KMF", 0), ("KPW", 2), ("KRW", 0), ("KWD", 3),
    ("KYD", 2), ("KZT", 2), ("LAK", 2), ("LBP", 2), ("LKR", 2), ("LRD", 2), ("LSL", 2), ("LYD", 3),
    ("MAD", 2), ("MDL", 2), ("MGA", 2), ("MKD", 2), ("MMK", 2), ("MNT", 2), ("MOP", 2), ("MRU", 2),
    ("MUR", 2), ("MVR", 2), ("MWK", 2), ("MXN", 2), ("MXV", 2), ("MYR", 2), ("MZN", 2), ("NAD", 2),
    ("NGN", 2), ("NIO", 2), ("NOK", 2), ("NPR", 2), ("NZD", 2), ("OMR", 3), ("PAB", 2), ("PEN", 2),
    ("PGK", 2), ("PHP", 2), ("PKR", 2), ("PLN", 2), ("PYG", 0), ("QAR", 2), ("RON", 2), ("RSD", 2),
    ("RUB", 2), ("RWF", 0), ("SAR", 2), ("SBD", 2), ("SCR", 2), ("SDG", 2), ("SEK", 2), ("SGD", 2),
    ("SHP", 2), ("SLE", 2), ("SLL", 2), ("SOS", 2), ("SRD", 2), ("SSP", 2), ("STN", 2), ("SVC", 2),
    ("SYP", 2), ("SZL", 2), ("THB", 2), ("TJS", 2), ("TMT", 2), ("TND", 3), ("TOP", 2), ("TRY", 2),
    ("TTD", 2), ("TWD", 2), ("TZS", 2), ("UAH", 2), ("UGX", 0), ("USD", 2), ("USN", 2), ("UYI", 0),
    ("UYU", 2), ("UYW", 4), ("UZS", 2), ("VED", 2), ("VES", 2), ("VND", 0), ("VUV", 0), ("WST", 2),
    ("XAF", 0), ("XCD", 2), ("XCG", 2), ("XOF", 0), ("XPF", 0), ("YER", 2), ("ZAR", 2), ("ZMW", 2),
    ("ZWG", 2), ("ZWL", 2),
];

/// An ISO 4217 currency, such as `EUR`, with its minor-unit exponent.
///
/// Serializes as its code; deserialization validates.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Currency([u8; 3]);

impl Currency {
    /// Parses a currency code, ignoring case and surrounding whitespace.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidCurrency`] with field `currency` for anything that is not a known
    /// ISO 4217 code.
    ///
    /// ```
    /// use crm_core::money::Currency;
    ///
    /// let eur = Currency::parse(" eur ")?;
    /// assert_eq!(eur.code(), "EUR");
    /// assert_eq!(eur.minor_units(), 2);
    /// assert_eq!(Currency::parse("JPY")?.minor_units(), 0);
    /// assert!(Currency::parse("EURO").is_err());
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn parse(input: &str) -> Result<Currency> {
        let trimmed = input.trim();
        if let [a, b, c] = trimmed.as_bytes() {
            let code = [
                a.to_ascii_uppercase(),
                b.to_ascii_uppercase(),
                c.to_ascii_uppercase(),
            ];
            if lookup(code).is_some() {
                return Ok(Currency(code));
            }
        }
        Err(Error::InvalidCurrency {
            field: "currency".to_owned(),
            value: input.to_owned(),
        })
    }

    /// The three-letter code, upper-case (`"EUR"`).
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// How many decimal places the minor unit has: 2 for EUR (cents), 0 for JPY, 3 for
    /// KWD, 4 for CLF.
    pub fn minor_units(&self) -> u8 {
        lookup(self.0).unwrap_or(2)
    }

    /// Every known currency, in code order.
    pub fn all() -> impl Iterator<Item = Currency> {
        CURRENCIES
            .iter()
            .filter_map(|(code, _)| match code.as_bytes() {
                [a, b, c] => Some(Currency([*a, *b, *c])),
                _ => None,
            })
    }

    /// 10 to the power of the exponent.
    fn scale(self) -> u64 {
        10u64.pow(u32::from(self.minor_units()))
    }
}

fn lookup(code: [u8; 3]) -> Option<u8> {
    CURRENCIES
        .binary_search_by(|(c, _)| c.as_bytes().cmp(&code[..]))
        .ok()
        .and_then(|i| CURRENCIES.get(i))
        .map(|(_, units)| *units)
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Currency({:?})", self.code())
    }
}

impl FromStr for Currency {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Currency::parse(s)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Currency::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// An amount of money: an integer number of the currency's minor units.
///
/// Displayed as `EUR 12.50`, `JPY 1200`, `-KWD 1.250`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// The amount in minor units (cents for EUR: 1250 is EUR 12.50).
    pub amount_minor: i64,
    /// The currency.
    pub currency: Currency,
}

impl Money {
    /// An amount in minor units.
    ///
    /// ```
    /// use crm_core::money::{Currency, Money};
    ///
    /// let m = Money::new(1250, Currency::parse("EUR")?);
    /// assert_eq!(m.to_string(), "EUR 12.50");
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn new(amount_minor: i64, currency: Currency) -> Money {
        Money {
            amount_minor,
            currency,
        }
    }

    /// Reads a decimal amount such as `12.5`, `-3`, `+0.99` or `.5` (a dot as decimal
    /// separator, no thousands separators) in `currency`. Trailing zeros beyond the
    /// currency's decimals are accepted (`12.500` EUR); other extra decimals are not.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] with field `amount` when the text is not a decimal number,
    /// has more decimals than the currency, or is out of range.
    ///
    /// ```
    /// use crm_core::money::{Currency, Money};
    ///
    /// let eur = Currency::parse("EUR")?;
    /// assert_eq!(Money::parse_decimal("12.5", eur)?.amount_minor, 1250);
    /// assert!(Money::parse_decimal("12.345", eur).is_err());
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn parse_decimal(amount: &str, currency: Currency) -> Result<Money> {
        let fail = |reason: String| Error::invalid("amount", amount, reason);
        let s = amount.trim();
        let (negative, unsigned) = match s.as_bytes().first() {
            Some(b'-') => (true, s.get(1..).unwrap_or("")),
            Some(b'+') => (false, s.get(1..).unwrap_or("")),
            _ => (false, s),
        };
        let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let digits_only = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if (int.is_empty() && frac.is_empty()) || !digits_only(int) || !digits_only(frac) {
            return Err(fail(
                "not a decimal number (write it like 12.50)".to_owned(),
            ));
        }
        let exp = usize::from(currency.minor_units());
        let (kept, extra) = frac.split_at(frac.len().min(exp));
        if extra.bytes().any(|b| b != b'0') {
            return Err(fail(format!(
                "too many decimals for {currency} (at most {exp})"
            )));
        }
        let out_of_range = || fail("out of range".to_owned());
        let int = int.trim_start_matches('0');
        if int.len() > 19 {
            return Err(out_of_range());
        }
        let int_value: i128 = if int.is_empty() {
            0
        } else {
            int.parse().map_err(|_| out_of_range())?
        };
        let frac_value: i128 = if kept.is_empty() {
            0
        } else {
            kept.parse().map_err(|_| out_of_range())?
        };
        let pad = 10i128.pow(u32::try_from(exp - kept.len()).unwrap_or(0));
        let magnitude = int_value * i128::from(currency.scale()) + frac_value * pad;
        let value = if negative { -magnitude } else { magnitude };
        let amount_minor = i64::try_from(value).map_err(|_| out_of_range())?;
        Ok(Money::new(amount_minor, currency))
    }

    /// The sum, or `None` if the currencies differ or the sum overflows.
    pub fn checked_add(&self, other: Money) -> Option<Money> {
        if self.currency != other.currency {
            return None;
        }
        Some(Money::new(
            self.amount_minor.checked_add(other.amount_minor)?,
            self.currency,
        ))
    }
}

impl fmt::Display for Money {
    /// `EUR 12.50`, `JPY 1200`, `-KWD 1.250`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.amount_minor < 0 { "-" } else { "" };
        let abs = self.amount_minor.unsigned_abs();
        let exp = usize::from(self.currency.minor_units());
        let scale = self.currency.scale();
        if exp == 0 {
            write!(f, "{sign}{} {abs}", self.currency)
        } else {
            write!(
                f,
                "{sign}{} {}.{:0exp$}",
                self.currency,
                abs / scale,
                abs % scale
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cur(code: &str) -> Currency {
        Currency::parse(code).unwrap_or(Currency(*b"EUR"))
    }

    #[test]
    fn table_is_sorted_and_well_formed() {
        assert!(CURRENCIES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(
            CURRENCIES
                .iter()
                .all(|(c, u)| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) && *u <= 4)
        );
        assert_eq!(Currency::all().count(), CURRENCIES.len());
        assert!(CURRENCIES.len() > 150);
    }

    #[test]
    fn parses_currencies() -> Result<()> {
        assert_eq!(Currency::parse("usd")?.code(), "USD");
        assert_eq!(" gbp\n".parse::<Currency>()?.to_string(), "GBP");
        let units = |c: &str| Currency::parse(c).map(|c| c.minor_units());
        assert_eq!(units("EUR")?, 2);
        assert_eq!(units("JPY")?, 0);
        assert_eq!(units("KRW")?, 0);
        for c in ["KWD", "BHD", "OMR", "JOD", "TND", "LYD", "IQD"] {
            assert_eq!(units(c)?, 3, "{c}");
        }
        assert_eq!(units("CLF")?, 4);
        for bad in ["", "EU", "EURO", "XXX", "XAU", "ABC", "€", "DEM"] {
            match Currency::parse(bad) {
                Err(Error::InvalidCurrency { field, value }) => {
                    assert_eq!(field, "currency");
                    assert_eq!(value, bad);
                }
                other => panic!("{bad:?}: {other:?}"),
            }
        }
        Ok(())
    }

    #[test]
    fn displays_with_exponent() {
        let show = |amount, code: &str| Money::new(amount, cur(code)).to_string();
        assert_eq!(show(1250, "EUR"), "EUR 12.50");
        assert_eq!(show(5, "EUR"), "EUR 0.05");
        assert_eq!(show(-5, "USD"), "-USD 0.05");
        assert_eq!(show(0, "EUR"), "EUR 0.00");
        assert_eq!(show(1200, "JPY"), "JPY 1200");
        assert_eq!(show(-1200, "JPY"), "-JPY 1200");
        assert_eq!(show(-1250, "KWD"), "-KWD 1.250");
        assert_eq!(show(10000, "CLF"), "CLF 1.0000");
        assert_eq!(show(i64::MIN, "EUR"), "-EUR 92233720368547758.08");
        assert_eq!(show(i64::MAX, "JPY"), "JPY 9223372036854775807");
    }

    #[test]
    fn parses_decimals() -> Result<()> {
        let parse = |s: &str, c: &str| Money::parse_decimal(s, cur(c)).map(|m| m.amount_minor);
        assert_eq!(parse("12.5", "EUR")?, 1250);
        assert_eq!(parse("12.50", "EUR")?, 1250);
        assert_eq!(parse("12.500", "EUR")?, 1250);
        assert_eq!(parse(" 12 ", "EUR")?, 1200);
        assert_eq!(parse("12.", "EUR")?, 1200);
        assert_eq!(parse(".5", "EUR")?, 50);
        assert_eq!(parse("-0.99", "USD")?, -99);
        assert_eq!(parse("+3", "USD")?, 300);
        assert_eq!(parse("1200", "JPY")?, 1200);
        assert_eq!(parse("1200.0", "JPY")?, 1200);
        assert_eq!(parse("1.25", "KWD")?, 1250);
        assert_eq!(parse("0.0001", "CLF")?, 1);
        assert_eq!(parse("-92233720368547758.08", "EUR")?, i64::MIN);
        assert_eq!(parse("0000000000000000000000012", "EUR")?, 1200);

        let reason = |s: &str, c: &str| match Money::parse_decimal(s, cur(c)) {
            Err(Error::InvalidValue {
                field,
                value,
                reason,
            }) => {
                assert_eq!(field, "amount");
                assert_eq!(value, s);
                reason
            }
            other => panic!("{s:?}: {other:?}"),
        };
        assert_eq!(
            reason("12.345", "EUR"),
            "too many decimals for EUR (at most 2)"
        );
        assert_eq!(
            reason("1.5", "JPY"),
            "too many decimals for JPY (at most 0)"
        );
        for bad in [
            "", "-", ".", "abc", "1,50", "1.2.3", "1e3", "--1", "1 000", "١٢",
        ] {
            assert!(
                reason(bad, "EUR").starts_with("not a decimal number"),
                "{bad}"
            );
        }
        assert_eq!(reason("92233720368547758.08", "EUR"), "out of range");
        assert_eq!(reason("99999999999999999999", "JPY"), "out of range");
        Ok(())
    }

    #[test]
    fn adds_checked() {
        let eur = cur("EUR");
        let a = Money::new(1250, eur);
        assert_eq!(
            a.checked_add(Money::new(-250, eur)),
            Some(Money::new(1000, eur))
        );
        assert_eq!(a.checked_add(Money::new(1, cur("USD"))), None);
        assert_eq!(
            Money::new(i64::MAX, eur).checked_add(Money::new(1, eur)),
            None
        );
    }

    #[test]
    fn serde_shape() -> std::result::Result<(), serde_json::Error> {
        let m = Money::new(1250, cur("EUR"));
        let json = serde_json::to_string(&m)?;
        assert_eq!(json, r#"{"amount_minor":1250,"currency":"EUR"}"#);
        assert_eq!(serde_json::from_str::<Money>(&json)?, m);
        assert!(serde_json::from_str::<Money>(r#"{"amount_minor":1,"currency":"EURO"}"#).is_err());
        assert_eq!(serde_json::from_str::<Currency>("\"jpy\"")?, cur("JPY"));
        Ok(())
    }

    proptest! {
        #[test]
        fn display_and_parse_round_trip(amount in any::<i64>(), idx in 0..CURRENCIES.len()) {
            let currency = Currency::all().nth(idx).unwrap_or(cur("EUR"));
            let m = Money::new(amount, currency);
            let shown = m.to_string();
            let number = shown.replacen(&format!("{currency} "), "", 1);
            prop_assert_eq!(Money::parse_decimal(&number, currency).ok(), Some(m));
        }

        #[test]
        fn parse_decimal_never_panics(s in "[-+0-9.]{0,30}") {
            let _ = Money::parse_decimal(&s, cur("CLF"));
            let _ = Money::parse_decimal(&s, cur("JPY"));
        }
    }
}
