//! The one error type of the crate.
//!
//! Every fallible operation returns [`Result<T>`]. Each variant names the field it concerns
//! and the offending value, and has a stable snake_case [`Error::code`] that the Python and
//! JavaScript bindings expose unchanged (`err.code`), so callers can branch on it.

use std::fmt;

/// `Result` with [`Error`] as its error type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in `crm-core`.
///
/// The enum is `#[non_exhaustive]`: new kinds may be added in minor releases, so match with a
/// wildcard arm, or branch on [`Error::code`].
///
/// ```
/// use crm_core::contact::Email;
///
/// let err = Email::parse("not-an-email").unwrap_err();
/// assert_eq!(err.code(), "invalid_email");
/// assert_eq!(err.field(), Some("email"));
/// assert!(err.to_string().contains("not-an-email"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An email address that is not syntactically valid.
    #[error("invalid {field} {value:?}: {reason}")]
    InvalidEmail {
        /// The field that held the value (e.g. `emails[1]`).
        field: String,
        /// The value as given.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A phone number that cannot be normalised to E.164.
    #[error("invalid {field} {value:?}: {reason}")]
    InvalidPhone {
        /// The field that held the value.
        field: String,
        /// The value as given.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A date (birthday, attribute date, …) that does not exist or cannot be read.
    #[error("invalid {field} {value:?}: {reason}")]
    InvalidDate {
        /// The field that held the value.
        field: String,
        /// The value as given.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A time zone that is not an IANA zone name.
    #[error("invalid {field} {value:?}: not an IANA time zone name (e.g. \"Europe/Berlin\")")]
    InvalidTimeZone {
        /// The field that held the value.
        field: String,
        /// The value as given.
        value: String,
    },
    /// A currency that is not an ISO 4217 code.
    #[error("invalid {field} {value:?}: not an ISO 4217 currency code (e.g. \"EUR\")")]
    InvalidCurrency {
        /// The field that held the value.
        field: String,
        /// The value as given.
        value: String,
    },
    /// A stage that the lifecycle model does not know.
    #[error("invalid {field} {value:?}: not a stage of the lifecycle model (known: {known})")]
    InvalidStage {
        /// The field that held the value.
        field: String,
        /// The value as given.
        value: String,
        /// The stages the model knows, comma separated.
        known: String,
    },
    /// A stage change that the lifecycle model does not allow as asked.
    #[error("invalid stage transition from {from:?} to {to:?}: {reason}")]
    InvalidTransition {
        /// The customer's current stage.
        from: String,
        /// The stage asked for.
        to: String,
        /// Why it is refused and what to do.
        reason: String,
    },
    /// Any other value that fails validation (empty name, negative quantity, …). The
    /// message quotes the value unless it is empty (a value of the wrong type, an empty name).
    #[error("invalid {field}{}: {reason}", Quoted(value))]
    InvalidValue {
        /// The field that held the value.
        field: String,
        /// The value as given.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// An id that names nothing in this book.
    #[error("{entity} not found: {id}")]
    NotFound {
        /// What kind of thing was looked up: `customer`, `interaction`, `case`, `follow_up`
        /// or `merge`.
        entity: &'static str,
        /// The id that was looked up.
        id: String,
    },
    /// A customer id that names a customer merged into another one: its record and history
    /// now live on the survivor `into` (and come back if the merge is undone).
    #[error(
        "{field} {id}: this customer was merged into customer {into} (merge {merge}); use {into}, or unmerge {merge} first"
    )]
    Merged {
        /// The field that named the customer (`id`, `survivor`, `others[1]`).
        field: String,
        /// The id of the absorbed customer.
        id: String,
        /// The customer that holds its data now (after any later merges).
        into: String,
        /// The merge that absorbed it.
        merge: String,
    },
    /// A value that must be unique is already held by another customer.
    #[error("{field} {value:?} is already held by customer {holder}")]
    Conflict {
        /// The field (e.g. `email`).
        field: String,
        /// The normalised value.
        value: String,
        /// The id of the customer that holds it.
        holder: String,
    },
    /// A new record matches an existing customer and the book's duplicate policy blocks
    /// it (see `Crm::set_duplicate_guard`).
    #[error("duplicate of customer {holder} (match probability {probability})")]
    Duplicate {
        /// The id of the existing customer it matches best.
        holder: String,
        /// The match probability, formatted with three decimals.
        probability: String,
    },
    /// Serialized data (an event, a snapshot) that cannot be read.
    #[error("cannot read {what}: {reason}")]
    Decode {
        /// What was being read (`event`, `journal`, `snapshot`).
        what: String,
        /// The parser's message.
        reason: String,
    },
    /// The journal sink refused to store events; nothing was applied.
    #[error("journal write failed: {reason}")]
    Journal {
        /// The sink's message.
        reason: String,
    },
    /// A long operation stopped because its progress observer asked it to. A duplicate
    /// scan changes nothing; an operation that does (an import run in chunks by a binding)
    /// documents what it keeps.
    #[error("{operation} cancelled during {stage} ({done} of {total} done)")]
    Cancelled {
        /// What was cancelled (`duplicate scan`, `import`).
        operation: &'static str,
        /// The stage it was in (`prepare`, `block`, `score`, `cluster`; `import`).
        stage: &'static str,
        /// Work done in that stage when it stopped, in the stage's units.
        done: usize,
        /// Work of the whole stage, in the same units.
        total: usize,
    },
    /// An error attached to one row of an import.
    #[error("row {row}: {source}")]
    Row {
        /// The 1-based row number (header excluded).
        row: usize,
        /// The error of that row.
        source: Box<Error>,
    },
}

/// A value in a message, quoted as `Debug` quotes it, after a space; nothing when empty.
struct Quoted<'a>(&'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            Ok(())
        } else {
            write!(f, " {:?}", self.0)
        }
    }
}

/// A number as an error message shows it: as Rust writes it natively ("1.5", "inf"), and
/// on the browser and Node target as JS writes it ("1.5", "Infinity"), so that float
/// formatting (14 KB) is not compiled into the .wasm for messages alone.
pub(crate) struct Number(pub(crate) f64);

impl fmt::Display for Number {
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }

    #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Radix 10 cannot be refused.
        let text = js_sys::Number::from(self.0)
            .to_string_with_radix(10)
            .map(String::from)
            .unwrap_or_default();
        f.write_str(&text)
    }
}

impl Error {
    /// The stable snake_case code of this kind of error.
    ///
    /// For [`Error::Row`] this is the code of the wrapped error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidEmail { .. } => "invalid_email",
            Error::InvalidPhone { .. } => "invalid_phone",
            Error::InvalidDate { .. } => "invalid_date",
            Error::InvalidTimeZone { .. } => "invalid_time_zone",
            Error::InvalidCurrency { .. } => "invalid_currency",
            Error::InvalidStage { .. } => "invalid_stage",
            Error::InvalidTransition { .. } => "invalid_transition",
            Error::InvalidValue { .. } => "invalid_value",
            Error::NotFound { .. } => "not_found",
            Error::Merged { .. } => "merged",
            Error::Conflict { .. } => "conflict",
            Error::Duplicate { .. } => "duplicate",
            Error::Decode { .. } => "decode",
            Error::Journal { .. } => "journal",
            Error::Cancelled { .. } => "cancelled",
            Error::Row { source, .. } => source.code(),
        }
    }

    /// The broad kind of the error, which the bindings map to an exception class:
    /// `validation`, `not_found`, `conflict`, `decode`, `journal` or `cancelled`.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::InvalidEmail { .. }
            | Error::InvalidPhone { .. }
            | Error::InvalidDate { .. }
            | Error::InvalidTimeZone { .. }
            | Error::InvalidCurrency { .. }
            | Error::InvalidStage { .. }
            | Error::InvalidTransition { .. }
            | Error::InvalidValue { .. } => ErrorKind::Validation,
            Error::NotFound { .. } | Error::Merged { .. } => ErrorKind::NotFound,
            Error::Conflict { .. } | Error::Duplicate { .. } => ErrorKind::Conflict,
            Error::Decode { .. } => ErrorKind::Decode,
            Error::Journal { .. } => ErrorKind::Journal,
            Error::Cancelled { .. } => ErrorKind::Cancelled,
            Error::Row { source, .. } => source.kind(),
        }
    }

    /// The field the error concerns, if it concerns one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::InvalidEmail { field, .. }
            | Error::InvalidPhone { field, .. }
            | Error::InvalidDate { field, .. }
            | Error::InvalidTimeZone { field, .. }
            | Error::InvalidCurrency { field, .. }
            | Error::InvalidStage { field, .. }
            | Error::InvalidValue { field, .. }
            | Error::Merged { field, .. }
            | Error::Conflict { field, .. } => Some(field),
            Error::InvalidTransition { .. } => Some("stage"),
            Error::Duplicate { .. } => Some("customer"),
            Error::NotFound { .. } => Some("id"),
            Error::Row { source, .. } => source.field(),
            Error::Decode { .. } | Error::Journal { .. } | Error::Cancelled { .. } => None,
        }
    }

    /// The offending value, if the error concerns one.
    pub fn value(&self) -> Option<&str> {
        match self {
            Error::InvalidEmail { value, .. }
            | Error::InvalidPhone { value, .. }
            | Error::InvalidDate { value, .. }
            | Error::InvalidTimeZone { value, .. }
            | Error::InvalidCurrency { value, .. }
            | Error::InvalidStage { value, .. }
            | Error::InvalidValue { value, .. }
            | Error::Conflict { value, .. } => Some(value),
            Error::InvalidTransition { to, .. } => Some(to),
            Error::Duplicate { holder, .. } => Some(holder),
            Error::NotFound { id, .. } | Error::Merged { id, .. } => Some(id),
            Error::Row { source, .. } => source.value(),
            Error::Decode { .. } | Error::Journal { .. } | Error::Cancelled { .. } => None,
        }
    }

    /// The 1-based row of an import the error belongs to, if any.
    pub fn row(&self) -> Option<usize> {
        match self {
            Error::Row { row, .. } => Some(*row),
            _ => None,
        }
    }

    /// The same error, with its field renamed (used to give context such as `emails[2]`).
    #[must_use]
    pub fn with_field(self, new: impl Into<String>) -> Self {
        self.renamed(new.into())
    }

    /// [`Error::with_field`], once for every type of name (a generic body is
    /// compiled once per type, which costs the .wasm).
    fn renamed(mut self, new: String) -> Self {
        match &mut self {
            Error::InvalidEmail { field, .. }
            | Error::InvalidPhone { field, .. }
            | Error::InvalidDate { field, .. }
            | Error::InvalidTimeZone { field, .. }
            | Error::InvalidCurrency { field, .. }
            | Error::InvalidStage { field, .. }
            | Error::InvalidValue { field, .. }
            | Error::Merged { field, .. }
            | Error::Conflict { field, .. } => *field = new,
            Error::Row { source, .. } => {
                let inner = std::mem::replace(
                    source.as_mut(),
                    Error::Journal {
                        reason: String::new(),
                    },
                );
                **source = inner.renamed(new);
            }
            _ => {}
        }
        self
    }

    /// Wraps the error with the 1-based row number of an import.
    #[must_use]
    pub fn at_row(self, row: usize) -> Self {
        Error::Row {
            row,
            source: Box::new(self),
        }
    }

    pub(crate) fn invalid(
        field: impl Into<String>,
        value: impl fmt::Display,
        reason: impl Into<String>,
    ) -> Self {
        Error::invalid_value(field.into(), &value, reason.into())
    }

    /// [`Error::invalid`]'s body, compiled once rather than for every combination of
    /// argument types.
    fn invalid_value(field: String, value: &dyn fmt::Display, reason: String) -> Self {
        Error::InvalidValue {
            field,
            value: shown(&value.to_string()),
            reason,
        }
    }

    pub(crate) fn not_found(entity: &'static str, id: impl fmt::Display) -> Self {
        Error::NotFound {
            entity,
            id: id.to_string(),
        }
    }
}

/// The broad kind of an [`Error`]; the bindings map each to one exception class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Input that fails validation.
    Validation,
    /// An unknown id, or the id of a customer merged into another one.
    NotFound,
    /// A uniqueness conflict with another record.
    Conflict,
    /// Unreadable serialized data.
    Decode,
    /// The journal sink failed.
    Journal,
    /// The caller stopped a long operation (through its progress observer).
    Cancelled,
}

impl ErrorKind {
    /// The snake_case name of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Validation => "validation",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::Decode => "decode",
            ErrorKind::Journal => "journal",
            ErrorKind::Cancelled => "cancelled",
        }
    }
}

/// An error as data, for a response or a log line: `code`, `kind`, `message` (its
/// `Display`), and `field`, `value` and `row` when it has them (`null` otherwise). Written
/// only: an error is not read back.
///
/// ```
/// use crm_core::{Crm, NewCustomer};
///
/// let mut crm = Crm::new();
/// let err = crm.create_customer(NewCustomer::default().with_email("not an email")).unwrap_err();
/// let json = serde_json::to_value(&err).unwrap();
/// assert_eq!(json["code"], "invalid_email");
/// assert_eq!(json["kind"], "validation");
/// assert_eq!(json["field"], "emails[0]");
/// assert_eq!(json["row"], serde_json::Value::Null);
/// ```
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Error", 6)?;
        out.serialize_field("code", self.code())?;
        out.serialize_field("kind", self.kind().as_str())?;
        out.serialize_field("message", &self.to_string())?;
        out.serialize_field("field", &self.field())?;
        out.serialize_field("value", &self.value())?;
        out.serialize_field("row", &self.row())?;
        out.end()
    }
}

/// Most characters of a rejected value an error repeats: a value of ten megabytes makes an
/// error of a few hundred bytes, not ten megabytes.
pub(crate) const SHOWN_CHARS: usize = 200;

/// A rejected value as an error shows it: as given, or its first [`SHOWN_CHARS`] characters
/// and how many there were.
pub(crate) fn shown(value: &str) -> String {
    match value.char_indices().nth(SHOWN_CHARS) {
        None => value.to_owned(),
        Some((end, _)) => format!("{}… ({} characters)", &value[..end], value.chars().count()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_value_is_shown_cut() {
        let long = "é".repeat(10_000);
        let err = Error::invalid("given_name", &long, "too long");
        let shown = err.value().unwrap_or_default();
        assert!(shown.starts_with(&"é".repeat(SHOWN_CHARS)), "{shown}");
        assert!(shown.ends_with("… (10000 characters)"), "{shown}");
        assert!(err.to_string().len() < 1_000);
        assert_eq!(Error::invalid("f", "short", "r").value(), Some("short"));
        let email = crate::contact::Email::parse(&"a".repeat(100_000)).unwrap_err();
        assert!(email.value().is_some_and(|v| v.len() < 1_000));
    }

    #[test]
    fn an_empty_value_is_not_quoted() {
        let err = Error::invalid("given_name", "", "must not be empty");
        assert_eq!(err.to_string(), "invalid given_name: must not be empty");
        let err = Error::invalid("given_name", " ", "must not be blank");
        assert_eq!(
            err.to_string(),
            "invalid given_name \" \": must not be blank"
        );
        assert_eq!(err.value(), Some(" "));
    }

    #[test]
    fn row_wraps_code_field_and_value() {
        let e = Error::invalid("phones[0]", "12", "too short").at_row(7);
        assert_eq!(e.code(), "invalid_value");
        assert_eq!(e.row(), Some(7));
        assert_eq!(e.field(), Some("phones[0]"));
        assert_eq!(e.value(), Some("12"));
        assert_eq!(e.to_string(), "row 7: invalid phones[0] \"12\": too short");
        let renamed = e.with_field("phone");
        assert_eq!(renamed.field(), Some("phone"));
        assert_eq!(renamed.row(), Some(7));
    }

    #[test]
    fn kinds_follow_codes() {
        assert_eq!(
            Error::not_found("customer", "x").kind(),
            ErrorKind::NotFound
        );
        assert_eq!(Error::invalid("f", "v", "r").kind().as_str(), "validation");
    }
}
