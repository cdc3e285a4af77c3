//! The JSON reader of the journal, the snapshots and the bindings' inputs: `serde_json`,
//! except that a struct (or a struct variant) is read from a JSON object only.
//!
//! serde's derive lets a struct be read from an array too (`[given, family, …]` in field
//! order), and `serde_json` compiles that second reader for every struct it reads. Nothing
//! crm writes or documents has that form, and an array where an object belongs is more
//! likely a mistake than a positional record. [`Objects`] wraps a deserializer and asks for a
//! map wherever serde asks for a struct, at every depth, so the array form is refused with
//! serde's usual message ("invalid type: sequence, expected struct NewCustomer") and never
//! compiled: on wasm that is 15 KB gzipped of the .wasm.
//!
//! Everything else passes through unchanged: the same values, the same errors (with their
//! line and column), the same borrowing of strings.

use std::fmt;

use serde::de::{
    self, Deserialize, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, MapAccess,
    SeqAccess, VariantAccess, Visitor,
};

/// Reads a `T` from JSON text, as the journal and the snapshots do: structs from objects only,
/// nothing but whitespace after the value.
///
/// # Errors
/// `serde_json`'s error for malformed JSON or a value `T` cannot hold, with its position.
///
/// ```
/// use crm_core::customer::NewCustomer;
///
/// let ok: NewCustomer = crm_core::json::from_str(r#"{"given_name": "Ada"}"#).unwrap();
/// assert_eq!(ok.given_name.as_deref(), Some("Ada"));
/// let err = crm_core::json::from_str::<NewCustomer>(r#"["Ada"]"#).unwrap_err();
/// assert!(err.to_string().starts_with("invalid type: sequence, expected struct NewCustomer"));
/// ```
pub fn from_str<'a, T: Deserialize<'a>>(text: &'a str) -> serde_json::Result<T> {
    let mut reader = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(Objects(&mut reader))?;
    reader.end()?;
    Ok(value)
}

/// Reads a `T` from a JSON value, through its text with [`from_str`] (reading the value
/// itself would compile a second reader for `T`: 4 KB gzipped on wasm for a merge's explicit
/// values alone). Errors carry no position: the caller never saw that text.
///
/// # Errors
/// `serde_json`'s error for a value `T` cannot hold.
///
/// ```
/// use crm_core::customer::AttributeValue;
/// use serde_json::json;
///
/// let v: AttributeValue = crm_core::json::from_value(&json!({"type": "number", "value": 3})).unwrap();
/// assert_eq!(v, AttributeValue::Number(3.0));
/// let err = crm_core::json::from_value::<AttributeValue>(&json!({"type": "colour"})).unwrap_err();
/// assert!(!err.to_string().contains(" at line "));
/// ```
pub fn from_value<T: DeserializeOwned>(v: &serde_json::Value) -> serde_json::Result<T> {
    from_str(&v.to_string()).map_err(|e| de::Error::custom(without_position(&e)))
}

/// serde_json's message of `e` without its position (" at line 1 column 5"), for text
/// that the caller never saw (the bindings name the field instead).
pub fn without_position(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    message
        .strip_suffix(&position)
        .unwrap_or(&message)
        .to_owned()
}

/// Reads an instant as crm writes one: RFC 3339 text, a year beyond 9999 or before 0 with
/// its sign (`+10000-01-01T00:00:00Z`); `None` for other text.
///
/// ```
/// let far = crm_core::json::instant_from_text("+10000-01-01T00:00:00Z").expect("an instant");
/// assert_eq!(far.to_rfc3339(), "+10000-01-01T00:00:00+00:00");
/// assert!(crm_core::json::instant_from_text("next Tuesday").is_none());
/// ```
pub fn instant_from_text(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    instant::parse::<serde::de::value::Error>(text).ok()
}

/// Instants as RFC 3339 text (`#[serde(with = "crate::json::instant")]`): written as chrono
/// writes them (`2026-01-05T09:00:00Z`), read with chrono's strict RFC 3339 parser.
/// chrono's own reader also takes a relaxed form (a space for the `T`) through its general
/// format parser, which nothing crm writes needs: 2.5 KB gzipped of the .wasm.
pub(crate) mod instant {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(crate) fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        t.serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        parse(&String::deserialize(d)?)
    }

    /// Reads RFC 3339 text as an instant in UTC; also a year beyond 9999 or before 0 with
    /// its sign (`+10000-01-01T00:00:00Z`), as chrono writes such instants: what a book
    /// writes reads back.
    pub(super) fn parse<E: serde::de::Error>(text: &str) -> Result<DateTime<Utc>, E> {
        use chrono::Datelike as _;
        let signed = text
            .strip_prefix('+')
            .map(|rest| (1, rest))
            .or_else(|| text.strip_prefix('-').map(|rest| (-1, rest)));
        let Some((sign, rest)) = signed else {
            return DateTime::parse_from_rfc3339(text)
                .map(|t| t.with_timezone(&Utc))
                .map_err(E::custom);
        };
        // The year's digits, then the rest read with a leap year in its place (29 February
        // exists there), the year put back after.
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let year = rest[..digits].parse::<i32>().ok().map(|y| sign * y);
        let t =
            DateTime::parse_from_rfc3339(&format!("2000{}", &rest[digits..])).map_err(E::custom)?;
        year.and_then(|y| t.with_year(y))
            .map(|t| t.with_timezone(&Utc))
            .ok_or_else(|| E::custom(format!("not an instant: {text}")))
    }
}

/// [`instant`] for an optional instant (with `#[serde(default)]`: a missing one is `None`).
pub(crate) mod opt_instant {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        t: &Option<DateTime<Utc>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        t.serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|text| super::instant::parse(&text))
            .transpose()
    }
}

/// A time of day read from `"09:00"`, `"09:00:00"` or `"09:00:00.5"`, as chrono writes and
/// reads it, by hand: chrono's reader goes through its general format parser (6.7 KB of the
/// .wasm before gzip). crm's settings read their times of day through it.
///
/// ```
/// let t: crm_core::json::TimeOfDay = crm_core::json::from_str(r#""21:30""#).unwrap();
/// assert_eq!(t.0.to_string(), "21:30:00");
/// assert!(crm_core::json::from_str::<crm_core::json::TimeOfDay>(r#""25:00""#).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeOfDay(pub chrono::NaiveTime);

/// A calendar date read from `"2026-12-25"` by hand (see [`TimeOfDay`]).
///
/// ```
/// let d: crm_core::json::Day = crm_core::json::from_str(r#""2026-12-25""#).unwrap();
/// assert_eq!(d.0.to_string(), "2026-12-25");
/// assert!(crm_core::json::from_str::<crm_core::json::Day>(r#""2026-02-30""#).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(pub chrono::NaiveDate);

/// The `N` numbers of `text` between `sep`s, the `i`-th of exactly `digits[i]` digits (one
/// or two when 0).
fn numbers<const N: usize>(text: &str, sep: char, digits: [usize; N]) -> Option<[u32; N]> {
    let mut out = [0; N];
    let mut parts = text.split(sep);
    for (slot, want) in out.iter_mut().zip(digits) {
        let part = parts.next()?;
        let length = if want == 0 {
            (1..=2).contains(&part.len())
        } else {
            part.len() == want
        };
        if !length || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *slot = part.parse().ok()?;
    }
    parts.next().is_none().then_some(out)
}

/// The nanoseconds of the digits after a second's decimal point (those beyond nine ignored).
fn nanoseconds(fraction: &str) -> Option<u32> {
    if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = fraction.len().min(9);
    let value: u32 = fraction.get(..digits)?.parse().ok()?;
    Some(value * 10u32.pow(9 - u32::try_from(digits).ok()?))
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let (clock, nanos) = match text.split_once('.') {
            Some((clock, fraction)) => (clock, nanoseconds(fraction)),
            None => (text.as_str(), Some(0)),
        };
        let hms = numbers(clock, ':', [0, 2, 2])
            .or_else(|| numbers(clock, ':', [0, 2]).map(|[h, m]| [h, m, 0]));
        hms.zip(nanos)
            .and_then(|([h, m, s], n)| chrono::NaiveTime::from_hms_nano_opt(h, m, s, n))
            .map(TimeOfDay)
            .ok_or_else(|| {
                de::Error::custom(format!(
                    "invalid time of day {text:?}: expected HH:MM or HH:MM:SS"
                ))
            })
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        numbers(&text, '-', [4, 2, 2])
            .and_then(|[y, m, d]| chrono::NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d))
            .map(Day)
            .ok_or_else(|| de::Error::custom(format!("invalid date {text:?}: expected YYYY-MM-DD")))
    }
}

/// Reads a [`TimeOfDay`] field (`#[serde(deserialize_with = "crate::json::time_of_day")]`).
pub(crate) fn time_of_day<'de, D: Deserializer<'de>>(d: D) -> Result<chrono::NaiveTime, D::Error> {
    TimeOfDay::deserialize(d).map(|t| t.0)
}

/// Reads a [`Day`] field (`#[serde(deserialize_with = "crate::json::day")]`).
pub(crate) fn day<'de, D: Deserializer<'de>>(d: D) -> Result<chrono::NaiveDate, D::Error> {
    Day::deserialize(d).map(|t| t.0)
}

/// A deserializer that reads structs from maps only (see the [module](self)); every nested
/// value is read through it too.
pub struct Objects<D>(pub D);

/// Forwards the `deserialize_*` methods that take only a visitor.
macro_rules! forward {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.0.$method(Visit(visitor))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Objects<D> {
    type Error = D::Error;

    forward! {
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32
        deserialize_i64 deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32
        deserialize_u64 deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char
        deserialize_str deserialize_string deserialize_bytes deserialize_byte_buf
        deserialize_option deserialize_unit deserialize_seq deserialize_map
        deserialize_identifier deserialize_ignored_any
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit_struct(name, Visit(visitor))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_newtype_struct(name, Visit(visitor))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple(len, Visit(visitor))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple_struct(name, len, Visit(visitor))
    }

    /// The point of the wrapper: a struct is read as a map.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(Visit(visitor))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_enum(name, variants, Visit(visitor))
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// A visitor whose nested deserializers and accessors are wrapped in [`Objects`] and kin.
struct Visit<V>(V);

/// Forwards `visit_*` methods that take a plain value.
macro_rules! forward_visit {
    ($($method:ident: $ty:ty)*) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            self.0.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Visit<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    forward_visit! {
        visit_bool: bool visit_i8: i8 visit_i16: i16 visit_i32: i32 visit_i64: i64
        visit_i128: i128 visit_u8: u8 visit_u16: u16 visit_u32: u32 visit_u64: u64
        visit_u128: u128 visit_f32: f32 visit_f64: f64 visit_char: char visit_str: &str
        visit_borrowed_str: &'de str visit_string: String visit_bytes: &[u8]
        visit_borrowed_bytes: &'de [u8] visit_byte_buf: Vec<u8>
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.0.visit_some(Objects(d))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.0.visit_newtype_struct(Objects(d))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(Access(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(Access(map))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.0.visit_enum(Access(data))
    }
}

/// A seed whose value is read through [`Objects`].
struct Seed<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Objects(d))
    }
}

/// A struct variant's fields, read as a map (see [`VariantAccess::struct_variant`] below).
struct StructSeed<V>(V);

impl<'de, V: Visitor<'de>> DeserializeSeed<'de> for StructSeed<V> {
    type Value = V::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        d.deserialize_map(Visit(self.0))
    }
}

/// A sequence, map, enum or variant accessor whose elements are read through [`Objects`].
struct Access<A>(A);

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Access<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(Seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Access<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(Seed(seed))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.0.next_value_seed(Seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for Access<A> {
    type Error = A::Error;
    type Variant = Access<A::Variant>;

    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self::Variant), A::Error> {
        self.0
            .variant_seed(Seed(seed))
            .map(|(value, variant)| (value, Access(variant)))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Access<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.0.newtype_variant_seed(Seed(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Visit(visitor))
    }

    /// The fields as the variant's one value, read as a map: `serde_json`'s own
    /// `struct_variant` would read them as a struct, array form included.
    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.newtype_variant_seed(StructSeed(visitor))
    }
}

#[cfg(test)]
mod tests {
    use super::from_str;
    use crate::customer::NewCustomer;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Shape {
        Dot,
        Circle(f64),
        Pair(u8, u8),
        Rect { w: u32, h: u32 },
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Outer<'a> {
        #[serde(borrow)]
        name: &'a str,
        inner: Option<Inner>,
        list: Vec<Inner>,
        shapes: Vec<Shape>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Inner {
        x: i32,
    }

    #[derive(Debug, PartialEq, serde::Serialize, Deserialize)]
    struct Times {
        #[serde(with = "super::instant")]
        at: chrono::DateTime<chrono::Utc>,
        #[serde(default, with = "super::opt_instant")]
        until: Option<chrono::DateTime<chrono::Utc>>,
    }

    #[test]
    fn instants_are_written_as_chrono_writes_them_and_read_as_rfc_3339() {
        let t: Times = from_str(r#"{"at": "2026-01-05T10:30:00+01:00"}"#).unwrap();
        assert_eq!(t.at.to_rfc3339(), "2026-01-05T09:30:00+00:00");
        assert_eq!(t.until, None);
        let text = serde_json::to_string(&Times {
            until: Some(t.at),
            ..t
        })
        .unwrap();
        assert_eq!(
            text,
            r#"{"at":"2026-01-05T09:30:00Z","until":"2026-01-05T09:30:00Z"}"#
        );
        assert_eq!(from_str::<Times>(&text).unwrap().until, Some(t.at));
        for bad in [r#"{"at": "2026-01-05"}"#, r#"{"at": "x"}"#, r#"{"at": 5}"#] {
            assert!(from_str::<Times>(bad).is_err(), "{bad}");
        }
        let null: Times = from_str(r#"{"at": "2026-01-05T09:30:00.5Z", "until": null}"#).unwrap();
        assert_eq!(null.until, None);
    }

    #[test]
    fn instants_beyond_four_digit_years_read_back() {
        use chrono::{DateTime, TimeZone, Utc};
        // chrono writes a year beyond 9999 or before 0 with its sign; such an instant (a
        // due date a user typed as year 10000, a check-back at the end of time) must read
        // back, or the journal holding it could not be replayed.
        for at in [
            Utc.with_ymd_and_hms(10_000, 1, 1, 17, 59, 59).unwrap(),
            Utc.with_ymd_and_hms(-1, 12, 31, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(12_024, 2, 29, 8, 0, 0).unwrap(),
            DateTime::<Utc>::MAX_UTC,
            DateTime::<Utc>::MIN_UTC,
        ] {
            let text = serde_json::to_string(&Times {
                at,
                until: Some(at),
            })
            .unwrap();
            let back: Times = from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!((back.at, back.until), (at, Some(at)), "{text}");
        }
        assert!(from_str::<Times>(r#"{"at": "+10000-13-01T00:00:00Z"}"#).is_err());
        assert!(from_str::<Times>(r#"{"at": "+-01-01T00:00:00Z"}"#).is_err());
        assert!(from_str::<Times>(r#"{"at": "+"}"#).is_err());
    }

    #[test]
    fn times_of_day_and_dates_are_read_as_chrono_writes_them() {
        use super::{Day, TimeOfDay};
        let time = |s: &str| from_str::<TimeOfDay>(&format!("{s:?}")).map(|t| t.0.to_string());
        assert_eq!(time("09:00").unwrap(), "09:00:00");
        assert_eq!(time("9:05").unwrap(), "09:05:00");
        assert_eq!(time("23:59:59").unwrap(), "23:59:59");
        assert_eq!(time("08:30:00.25").unwrap(), "08:30:00.250");
        for bad in [
            "24:00",
            "09:60",
            "09:0",
            "0900",
            "09:00:00:00",
            "09:00.x",
            "",
            "9h",
        ] {
            let err = time(bad).unwrap_err().to_string();
            assert!(err.contains("expected HH:MM or HH:MM:SS"), "{bad}: {err}");
        }
        let day = |s: &str| from_str::<Day>(&format!("{s:?}")).map(|d| d.0.to_string());
        assert_eq!(day("2026-12-25").unwrap(), "2026-12-25");
        assert_eq!(day("2024-02-29").unwrap(), "2024-02-29");
        for bad in [
            "2026-02-29",
            "2026-1-05",
            "26-01-05",
            "2026-01-05T00:00",
            "2026/01/05",
        ] {
            assert!(
                day(bad)
                    .unwrap_err()
                    .to_string()
                    .contains("expected YYYY-MM-DD"),
                "{bad}"
            );
        }
    }

    #[test]
    fn objects_read_as_before_at_every_depth() {
        let text = r#"{"name": "n", "inner": {"x": -1}, "list": [{"x": 2}],
            "shapes": ["dot", {"circle": 1.5}, {"pair": [1, 2]}, {"rect": {"w": 3, "h": 4}}]}"#;
        let mut reader = serde_json::Deserializer::from_str(text);
        let outer = Outer::deserialize(super::Objects(&mut reader)).unwrap();
        assert_eq!(
            outer,
            Outer {
                name: "n",
                inner: Some(Inner { x: -1 }),
                list: vec![Inner { x: 2 }],
                shapes: vec![
                    Shape::Dot,
                    Shape::Circle(1.5),
                    Shape::Pair(1, 2),
                    Shape::Rect { w: 3, h: 4 }
                ],
            }
        );
        // serde_json alone reads the same.
        assert_eq!(serde_json::from_str::<Outer<'_>>(text).unwrap(), outer);
    }

    #[test]
    fn arrays_are_refused_where_a_struct_belongs_at_every_depth() {
        // serde_json alone would read each of these.
        for (text, expected) in [
            (r#"[1]"#, "invalid type: sequence, expected struct Inner"),
            (
                r#"{"name": "n", "inner": [1], "list": [], "shapes": []}"#,
                "invalid type: sequence, expected struct Inner",
            ),
            (
                r#"{"name": "n", "inner": null, "list": [[2]], "shapes": []}"#,
                "invalid type: sequence, expected struct Inner",
            ),
            (
                r#"{"name": "n", "inner": null, "list": [], "shapes": [{"rect": [3, 4]}]}"#,
                "invalid type: sequence, expected struct variant Shape::Rect",
            ),
        ] {
            let err = if text == "[1]" {
                from_str::<Inner>(text).unwrap_err()
            } else {
                from_str::<Outer<'_>>(text).map(|_| ()).unwrap_err()
            };
            assert!(
                err.to_string().starts_with(expected),
                "{text}: {err} (expected {expected})"
            );
        }
    }

    #[test]
    fn errors_keep_their_position_and_trailing_text_is_refused() {
        let text = "{\n  \"given_name\": 5\n}";
        let err = from_str::<NewCustomer>(text).unwrap_err();
        let plain = serde_json::from_str::<NewCustomer>(text).unwrap_err();
        assert_eq!(err.to_string(), plain.to_string());
        assert_eq!((err.line(), err.column()), (2, 17));
        assert!(from_str::<NewCustomer>("{} x").is_err());
        assert!(from_str::<NewCustomer>(" {}\n").is_ok());
    }
}
