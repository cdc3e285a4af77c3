//! Crate-internal macros.

/// Reads an enum name written as `web_form`, `web-form`, `Web Form` or `WebForm`.
pub(crate) fn enum_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    let mut prev_lower = false;
    for c in s.trim().chars() {
        if c == '-' || c == ' ' || c == '_' {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            prev_lower = false;
        } else {
            if c.is_uppercase() && prev_lower {
                out.push('_');
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            out.extend(crate::contact::case::lower(c));
        }
    }
    out
}

/// Reads the name of one of `names` (a string enum's variants, in declaration order) and
/// gives its position: the reading every string enum shares, one copy per kind of reader
/// instead of one per enum as serde's derive makes. Errors read as the derive's do
/// ("unknown variant `x`, expected one of `a`, `b`").
pub(crate) fn read_variant<'de, D: serde::Deserializer<'de>>(
    d: D,
    names: &'static [&'static str],
) -> Result<usize, D::Error> {
    d.deserialize_str(VariantName(names))
}

struct VariantName(&'static [&'static str]);

impl serde::de::Visitor<'_> for VariantName {
    type Value = usize;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("variant identifier")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<usize, E> {
        // Written as `FromStr` takes it too ("Web Form", "web-form"), so that an input read
        // as JSON (a binding's object) is as forgiving as one read as text.
        let key = enum_key(v);
        self.0
            .iter()
            .position(|name| *name == key)
            .ok_or_else(|| E::unknown_variant(v, self.0))
    }
}

/// Declares a snake_case string enum with `ALL`, `as_str`, `Display` and a forgiving
/// `FromStr` (errors name `$field`).
macro_rules! str_enum {
    ($(#[$doc:meta])* $name:ident, $field:literal, { $($(#[$vdoc:meta])* $variant:ident => $key:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The snake_case name used in JSON and by the bindings.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $key,)+
                }
            }
        }

        /// Written as its snake_case name (`as_str`).
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        /// Read from its name, written as `FromStr` takes it; any other string is an unknown
        /// variant.
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                const NAMES: &[&str] = &[$($key),+];
                $crate::macros::read_variant(d, NAMES).map(|i| $name::ALL[i])
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::error::Error;
            /// Accepts `web_form`, `web-form`, `Web Form` and `WebForm`.
            fn from_str(s: &str) -> $crate::error::Result<Self> {
                let key = $crate::macros::enum_key(s);
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == key)
                    .ok_or_else(|| $crate::error::Error::invalid(
                        $field,
                        s,
                        format!(
                            "expected one of: {}",
                            $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
                        ),
                    ))
            }
        }
    };
}
