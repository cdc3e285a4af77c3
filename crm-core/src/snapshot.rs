//! JSON snapshots of a book's state: every record, the settings and the journal position,
//! in one versioned document.
//!
//! A snapshot is the quick way to store and reload a book (a browser page keeping its book
//! in IndexedDB, a service caching a large book): loading it builds the indexes from the
//! records instead of folding every event. The journal stays the history and the audit log;
//! a snapshot can be combined with the events recorded after it
//! ([`CrmBuilder::from_snapshot_and_journal`](crate::CrmBuilder::from_snapshot_and_journal)).
//!
//! ```json
//! {"format":"crm-snapshot","v":1,"schema":2,"seq":42,"settings":{…},
//!  "customers":[…],"interactions":[…],"cases":[…],"follow_ups":[…],"merges":[…],
//!  "merged_into":{"<absorbed id>":"<merge id>"}}
//! ```
//!
//! Records have the JSON form they have in events (`schema` is the event
//! [`SCHEMA_VERSION`]). A book loaded from a snapshot equals the book it was taken of:
//!
//! ```
//! use crm_core::{Crm, NewCustomer};
//!
//! let mut crm = Crm::builder().seed(7).build();
//! crm.create_customer(NewCustomer::default().with_name("Ada", "Lovelace").with_email("ada@example.com"))?;
//! let json = crm.snapshot_json();
//! let again = Crm::builder().seed(7).from_snapshot(&json)?;
//! assert_eq!(again.state(), crm.state());
//! assert!(again.find_by_email("ADA@example.com").is_some());
//! # Ok::<(), crm_core::Error>(())
//! ```

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use crate::customer::Customer;
use crate::error::{Error, Result};
use crate::event::SCHEMA_VERSION;
use crate::id::{CustomerId, MergeId};
use crate::interaction::{Case, Interaction};
use crate::merge::MergeRecord;
use crate::schedule::followup::FollowUp;
use crate::settings::Settings;
use crate::state::{State, add, remove};

/// The snapshot format version this build writes. Older versions are read; newer are
/// refused, so that an older build never drops what it does not know.
pub const SNAPSHOT_VERSION: u16 = 1;

/// The value of a snapshot's `format` key.
pub const FORMAT: &str = "crm-snapshot";

/// The values of a map, written as a JSON array (the keys are inside the records).
struct Values<'a, K, V>(&'a BTreeMap<K, V>);

impl<K, V: Serialize> Serialize for Values<'_, K, V> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.0.values())
    }
}

/// The written form, borrowing the state.
#[derive(Serialize)]
struct Out<'a> {
    format: &'static str,
    v: u16,
    schema: u16,
    seq: u64,
    settings: &'a Settings,
    customers: Values<'a, CustomerId, Arc<Customer>>,
    interactions: Values<'a, crate::InteractionId, Interaction>,
    cases: Values<'a, crate::CaseId, Case>,
    follow_ups: Values<'a, crate::id::FollowUpId, Arc<FollowUp>>,
    merges: Values<'a, MergeId, MergeRecord>,
    merged_into: &'a BTreeMap<CustomerId, MergeId>,
}

/// What is read first: the format and version, so that a newer snapshot is refused with a
/// clear message rather than a parser error about a field it does not know.
#[derive(Deserialize)]
struct Head {
    format: Option<String>,
    v: Option<u16>,
}

/// The read form.
#[derive(Deserialize)]
struct In {
    seq: u64,
    #[serde(default)]
    settings: Settings,
    #[serde(default)]
    customers: Vec<Customer>,
    #[serde(default)]
    interactions: Vec<Interaction>,
    #[serde(default)]
    cases: Vec<Case>,
    #[serde(default)]
    follow_ups: Vec<FollowUp>,
    #[serde(default)]
    merges: Vec<MergeRecord>,
    #[serde(default)]
    merged_into: BTreeMap<CustomerId, MergeId>,
}

fn decode(reason: impl Into<String>) -> Error {
    Error::Decode {
        what: "snapshot".to_owned(),
        reason: reason.into(),
    }
}

/// Writes the state as a snapshot.
pub(crate) fn write(state: &State) -> String {
    let out = Out {
        format: FORMAT,
        v: SNAPSHOT_VERSION,
        schema: SCHEMA_VERSION,
        seq: state.last_seq,
        settings: &state.settings,
        customers: Values(&state.customers),
        interactions: Values(&state.interactions),
        cases: Values(&state.cases),
        follow_ups: Values(&state.follow_ups),
        merges: Values(&state.merges),
        merged_into: &state.merged_into,
    };
    // Serializing these types cannot fail: every map key is a string.
    serde_json::to_string(&out).unwrap_or_default()
}

/// Reads a snapshot into a state with its indexes.
///
/// # Errors
/// [`Error::Decode`] for text that is not a snapshot, a newer format version, or records
/// that cannot be read.
pub(crate) fn read(json: &str) -> Result<State> {
    // Only the first JSON value: a journal (JSON Lines) is then named as such.
    if json.trim_start_matches([' ', '\t', '\n', '\r']).is_empty() {
        return Err(decode("the text is empty"));
    }
    let head = Head::deserialize(crate::json::Objects(
        &mut serde_json::Deserializer::from_str(json),
    ))
    .map_err(|e| decode(e.to_string()))?;
    if head.format.as_deref() != Some(FORMAT) {
        return Err(decode(format!(
            "not a snapshot: expected \"format\": \"{FORMAT}\" (a journal is read by replay)"
        )));
    }
    match head.v {
        Some(v) if (1..=SNAPSHOT_VERSION).contains(&v) => {}
        v => {
            return Err(decode(format!(
                "snapshot version {}, this build reads 1 to {SNAPSHOT_VERSION}",
                v.map_or_else(|| "missing".to_owned(), |v| v.to_string())
            )));
        }
    }
    let snapshot: In = crate::json::from_str(json).map_err(|e| decode(e.to_string()))?;
    Ok(build(snapshot))
}

/// The state holding the snapshot's records, indexed as `apply` indexes them. A record whose
/// id repeats replaces the earlier one (as a repeated event would).
fn build(s: In) -> State {
    let mut state = State {
        last_seq: s.seq,
        settings: s.settings,
        merged_into: s.merged_into,
        ..State::default()
    };
    let index = &mut state.index;
    for c in s.customers {
        let c = Arc::new(c);
        if let Some(old) = state.customers.insert(c.id, Arc::clone(&c)) {
            index.unindex_customer(&old);
        }
        index.index_customer(&c, None);
    }
    for i in s.interactions {
        if let Some(old) = state.interactions.get(&i.id) {
            remove(&mut index.timeline, &old.customer, &(old.at, old.id));
        }
        add(&mut index.timeline, &i.customer, (i.at, i.id));
        state.interactions.insert(i.id, i);
    }
    for c in s.cases {
        if let Some(old) = state.cases.get(&c.id) {
            remove(&mut index.cases, &old.customer, &old.id);
        }
        add(&mut index.cases, &c.customer, c.id);
        state.cases.insert(c.id, c);
    }
    for f in s.follow_ups {
        let f = Arc::new(f);
        if let Some(old) = state.follow_ups.remove(&f.id) {
            remove(&mut index.follow_ups, &old.customer, &old.id);
            index.unindex_due(&old);
        }
        add(&mut index.follow_ups, &f.customer, f.id);
        index.index_due(&f);
        state.follow_ups.insert(f.id, f);
    }
    for m in s.merges {
        state.merges.insert(m.merge.id, m);
    }
    state
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_a_snapshot() {
        for (text, says) in [
            ("", "empty"),
            ("  \n", "empty"),
            ("[]", "expected struct"),
            ("{}", "not a snapshot"),
            (
                r#"{"v":2,"seq":1,"at":"2026-01-05T09:00:00Z","event":{}}"#,
                "journal",
            ),
            (r#"{"format":"crm-snapshot","v":99,"seq":0}"#, "version 99"),
            (r#"{"format":"crm-snapshot","seq":0}"#, "version missing"),
            (r#"{"format":"crm-snapshot","v":1}"#, "seq"),
            (
                r#"{"format":"crm-snapshot","v":1,"seq":0,"customers":[{}]}"#,
                "missing field",
            ),
        ] {
            let err = read(text).expect_err(text);
            assert_eq!(err.code(), "decode", "{text}");
            assert!(err.to_string().contains(says), "{text}: {err}");
        }
    }

    #[test]
    fn an_empty_book_round_trips() {
        let state = State::default();
        let json = write(&state);
        assert!(
            json.starts_with(r#"{"format":"crm-snapshot","v":1,"#),
            "{json}"
        );
        assert_eq!(read(&json).expect("reads"), state);
    }
}
