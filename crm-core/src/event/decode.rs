//! Reading [`EventKind`](super::EventKind) from its JSON object without buffering it.
//!
//! The kind is internally tagged: `{"type":"stage_changed","customer":…,"change":…}`.
//! serde's derive for such an enum first reads the whole object into a generic buffer,
//! finds the tag, then reads the fields again out of the buffer: twice the work, and (on
//! wasm, where size matters) a second copy of the reading code of every type an event can
//! hold. The journal always writes the type first, so the reader here takes the first key:
//! when it is `"type"`, the rest of the object streams straight into the kind's fields
//! (read as the variant of an externally tagged enum whose fields are the object's other
//! keys). An object with the type elsewhere (hand-written, or re-serialized with sorted keys)
//! is read into a JSON value, written back with its type first and read the same way.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, StrDeserializer};
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IgnoredAny, MapAccess, VariantAccess, Visitor,
};

/// The key that names the variant.
const TAG: &str = "type";

/// Declares the event kinds (the enum as written inside) and reads them with [`tagged`]:
/// beside the enum, a private copy of its variants, externally tagged, derives the reading
/// of each variant's fields. serde's `remote` derive builds the public enum's variants from
/// it, so the two cannot drift apart.
macro_rules! tagged_first {
    (
        $(#[$meta:meta])*
        pub enum EventKind {
            $(
                $(#[$vmeta:meta])*
                $variant:ident { $( $(#[$fmeta:meta])* $field:ident : $ty:ty ),* $(,)? }
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        pub enum EventKind {
            $( $(#[$vmeta])* $variant { $( $(#[$fmeta])* $field: $ty ),* } ),*
        }

        /// [`EventKind`]'s variants, externally tagged, for [`decode::tagged`].
        #[derive(Deserialize)]
        #[serde(remote = "EventKind", rename_all = "snake_case")]
        #[allow(dead_code)] // only its derived reader is used
        enum KindFields {
            $( $variant { $( $(#[$fmeta])* $field: $ty ),* } ),*
        }

        impl decode::Tagged for EventKind {
            fn variant<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                KindFields::deserialize(d)
            }
        }

        impl<'de> Deserialize<'de> for EventKind {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                decode::tagged(d)
            }
        }
    };
}

/// An internally tagged enum read by [`tagged`].
pub(super) trait Tagged: Sized {
    /// Reads the enum as externally tagged from `d`, which [`tagged`] makes present the tag
    /// as the variant and the object's other keys as the variant's fields.
    fn variant<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
}

/// Reads `T` from an object with its [`TAG`] anywhere (fastest first).
pub(super) fn tagged<'de, T: Tagged, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_map(ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Tagged> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with a \"{TAG}\"")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let Some(first) = map.next_key::<Text<'de>>()? else {
            return Err(de::Error::missing_field(TAG));
        };
        if first.0 == TAG {
            let tag = map.next_value::<Text<'de>>()?.0;
            return T::variant(Variant { tag, rest: map });
        }
        // The tag comes later: gather the object, then read it again with the tag first.
        let mut tag = None;
        let mut fields = vec![(first.0, map.next_value::<serde_json::Value>()?)];
        while let Some(key) = map.next_key::<Text<'de>>()? {
            if key.0 == TAG {
                tag = Some(map.next_value::<Text<'de>>()?.0);
            } else {
                fields.push((key.0, map.next_value()?));
            }
        }
        let tag = tag.ok_or_else(|| de::Error::missing_field(TAG))?;
        let text = tag_first(&tag, &fields).map_err(de::Error::custom)?;
        let mut reader = serde_json::Deserializer::from_str(&text);
        tagged(crate::json::Objects(&mut reader))
            .and_then(|value| reader.end().map(|()| value))
            // Without the position, which would be in the rewritten text.
            .map_err(|e| de::Error::custom(crate::json::without_position(&e)))
    }
}

/// The object as JSON text with `tag` first.
fn tag_first(
    tag: &str,
    fields: &[(Cow<'_, str>, serde_json::Value)],
) -> serde_json::Result<String> {
    let mut text = format!(
        "{{{}:{}",
        serde_json::to_string(TAG)?,
        serde_json::to_string(tag)?
    );
    for (key, value) in fields {
        text.push(',');
        text.push_str(&serde_json::to_string(key)?);
        text.push(':');
        text.push_str(&serde_json::to_string(value)?);
    }
    text.push('}');
    Ok(text)
}

/// A key or string, borrowed from the input when it can be.
struct Text<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        d.deserialize_str(TextVisitor)
    }
}

/// The rest of an object after its tag, presented as an externally tagged variant: the tag
/// names the variant, the remaining keys are its fields.
struct Variant<'de, A> {
    tag: Cow<'de, str>,
    rest: A,
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for Variant<'de, A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_enum(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl<'de, A: MapAccess<'de>> EnumAccess<'de> for Variant<'de, A> {
    type Error = A::Error;
    type Variant = Fields<A>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Fields<A>), A::Error> {
        let variant = seed.deserialize(StrDeserializer::<A::Error>::new(&self.tag))?;
        Ok((variant, Fields(self.rest)))
    }
}

/// A variant's fields: the rest of the object.
struct Fields<A>(A);

impl<'de, A: MapAccess<'de>> VariantAccess<'de> for Fields<A> {
    type Error = A::Error;

    fn unit_variant(mut self) -> Result<(), A::Error> {
        while self.0.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, A::Error> {
        seed.deserialize(MapAccessDeserializer::new(self.0))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(self.0)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        visitor.visit_map(self.0)
    }
}

#[cfg(test)]
mod tests {
    use crate::event::{Event, EventKind};

    const CASE: &str = r#""case":"0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a11""#;
    const CUSTOMER: &str = r#""customer":"0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a12""#;
    const RESOLVED: &str = r#""resolved_at":"2026-01-01T00:00:00Z""#;
    const TYPE: &str = r#""type":"case_resolved""#;

    fn kind(fields: &[&str]) -> serde_json::Result<EventKind> {
        serde_json::from_str(&format!("{{{}}}", fields.join(",")))
    }

    fn event(kind: &str) -> crate::Result<Event> {
        Event::from_json(&format!(
            r#"{{"v":2,"seq":1,"at":"2026-01-01T00:00:00Z","event":{kind}}}"#
        ))
    }

    #[test]
    fn reads_the_type_in_any_position() -> serde_json::Result<()> {
        let resolution = r#""resolution":"refund""#;
        let first = kind(&[TYPE, CASE, CUSTOMER, RESOLVED, resolution])?;
        assert!(
            matches!(&first, EventKind::CaseResolved { resolution, .. } if resolution == "refund")
        );
        assert_eq!(kind(&[CASE, CUSTOMER, TYPE, RESOLVED, resolution])?, first);
        assert_eq!(kind(&[CASE, CUSTOMER, RESOLVED, resolution, TYPE])?, first);
        // Escaped keys and strings are read as what they spell.
        let escaped = r#""\u0074ype":"case_r\u0065solved""#;
        assert_eq!(
            kind(&[escaped, CASE, CUSTOMER, RESOLVED, resolution])?,
            first
        );
        assert_eq!(
            kind(&[CASE, escaped, CUSTOMER, RESOLVED, resolution])?,
            first
        );
        // Unknown keys are ignored wherever the type is, as before.
        let extra = r#""note":{"a":[1,2.5,null]}"#;
        assert_eq!(
            kind(&[TYPE, extra, CASE, CUSTOMER, RESOLVED, resolution])?,
            first
        );
        assert_eq!(
            kind(&[extra, CASE, CUSTOMER, RESOLVED, resolution, TYPE])?,
            first
        );
        Ok(())
    }

    #[test]
    fn says_what_is_wrong() {
        let message = |json: &str| match event(json) {
            Err(crate::Error::Decode { what, reason }) => {
                assert_eq!(what, "event");
                reason
            }
            other => panic!("{json}: {other:?}"),
        };
        let no_type = format!("{{{CASE},{CUSTOMER}}}");
        assert!(
            message(&no_type).starts_with("missing field `type`"),
            "{}",
            message(&no_type)
        );
        assert!(message("{}").starts_with("missing field `type`"));
        let unknown = format!(r#"{{"type":"case_reopened",{CASE}}}"#);
        assert!(message(&unknown).starts_with("unknown variant `case_reopened`, expected one of"));
        let unknown_later = format!(r#"{{{CASE},"type":"case_reopened"}}"#);
        assert!(message(&unknown_later).starts_with("unknown variant `case_reopened`"));
        // A missing field, with the type first or not: the position is the original's.
        for fields in [
            [TYPE, CASE, CUSTOMER, RESOLVED],
            [CASE, CUSTOMER, RESOLVED, TYPE],
        ] {
            let json = format!("{{{}}}", fields.join(","));
            let m = message(&json);
            assert!(
                m.starts_with("missing field `resolution` at line 1 column"),
                "{m}"
            );
        }
        let wrong_type = format!(r#"{{{CASE},"type":7}}"#);
        assert!(message(&wrong_type).starts_with("invalid type: integer `7`, expected a string"));
        assert!(
            message("5")
                .starts_with(r#"invalid type: integer `5`, expected an object with a "type""#)
        );
        assert!(message(r#"["case_resolved"]"#).starts_with("invalid type: sequence"));
    }
}
