//! Tables built from the core's results (customers, interactions, duplicate pairs and
//! groups, the agenda, the rejects of a load), column by column, handed out as
//! [`ArrowTable`]s. `crm._frames` turns them into pandas, polars or pyarrow frames.
//!
//! Timestamps are `timestamp[ns, UTC]` (pandas `datetime64[ns, UTC]`); ids and enum values
//! are strings; lists of emails, phones and tags are lists of strings.

use std::fmt::Write as _;
use std::sync::Arc;

use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::{
    ArrayRef, BooleanArray, Float64Array, Int64Array, RecordBatch, RecordBatchOptions, StringArray,
    TimestampNanosecondArray,
};
use arrow_schema::{ArrowError, Field, Schema};
use chrono::{DateTime, Utc};
use crm_core::contact::Address;
use crm_core::dedup::{DuplicateScan, Field as MatchField};
use crm_core::id::CustomerId;
use crm_core::interaction::TimelineQuery;
use crm_core::schedule::agenda::AgendaItem;
use crm_core::{Crm as CoreCrm, Customer};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::arrow::ArrowTable;

/// A table under construction: named columns of equal length.
#[derive(Default)]
pub(crate) struct Frame {
    fields: Vec<Field>,
    columns: Vec<ArrayRef>,
}

impl Frame {
    fn push(mut self, name: &str, array: ArrayRef) -> Self {
        self.fields
            .push(Field::new(name, array.data_type().clone(), true));
        self.columns.push(array);
        self
    }

    /// A column of strings (`None` is null).
    pub(crate) fn text<S: AsRef<str>>(
        self,
        name: &str,
        values: impl IntoIterator<Item = Option<S>>,
    ) -> Self {
        self.push(name, Arc::new(StringArray::from_iter(values)))
    }

    /// A column of customer ids in their hyphenated form (written through one buffer, not
    /// one string per id).
    pub(crate) fn ids<'a>(self, name: &str, ids: impl IntoIterator<Item = &'a CustomerId>) -> Self {
        let ids = ids.into_iter();
        let mut b =
            StringBuilder::with_capacity(ids.size_hint().0, ids.size_hint().0.saturating_mul(36));
        let mut text = String::with_capacity(36);
        for id in ids {
            text.clear();
            // Writing to a `String` cannot fail.
            let _ = write!(text, "{id}");
            b.append_value(&text);
        }
        self.push(name, Arc::new(b.finish()))
    }

    /// A column of 64-bit integers.
    pub(crate) fn int(self, name: &str, values: impl IntoIterator<Item = Option<i64>>) -> Self {
        self.push(name, Arc::new(Int64Array::from_iter(values)))
    }

    /// A column of floats.
    pub(crate) fn float(self, name: &str, values: impl IntoIterator<Item = f64>) -> Self {
        self.push(name, Arc::new(Float64Array::from_iter_values(values)))
    }

    /// A column of bools.
    pub(crate) fn bool(self, name: &str, values: impl IntoIterator<Item = bool>) -> Self {
        let values: Vec<bool> = values.into_iter().collect();
        self.push(name, Arc::new(BooleanArray::from(values)))
    }

    /// A column of UTC timestamps in nanoseconds (null for `None`, and for a time outside
    /// the nanosecond range, 1677-2262).
    pub(crate) fn time(
        self,
        name: &str,
        values: impl IntoIterator<Item = Option<DateTime<Utc>>>,
    ) -> Self {
        let ns = values
            .into_iter()
            .map(|t| t.and_then(|t| t.timestamp_nanos_opt()));
        let array = TimestampNanosecondArray::from_iter(ns).with_timezone("UTC");
        self.push(name, Arc::new(array))
    }

    /// A column of lists of strings.
    pub(crate) fn texts<S: AsRef<str>, L: IntoIterator<Item = S>>(
        self,
        name: &str,
        values: impl IntoIterator<Item = L>,
    ) -> Self {
        let mut b = ListBuilder::new(StringBuilder::new());
        for list in values {
            for s in list {
                b.values().append_value(s);
            }
            b.append(true);
        }
        self.push(name, Arc::new(b.finish()))
    }

    /// The table (its row count given, for a table without columns).
    pub(crate) fn finish(self, rows: usize) -> PyResult<ArrowTable> {
        let schema = Arc::new(Schema::new(self.fields));
        let options = RecordBatchOptions::new().with_row_count(Some(rows));
        RecordBatch::try_new_with_options(schema, self.columns, &options)
            .map(ArrowTable::new)
            .map_err(|e: ArrowError| PyValueError::new_err(format!("cannot build a table: {e}")))
    }
}

fn ids<'a, T: ToString + 'a>(values: impl IntoIterator<Item = &'a T>) -> Vec<Option<String>> {
    values.into_iter().map(|v| Some(v.to_string())).collect()
}

// ----- customers ----------------------------------------------------------------------------

/// The customers of a book, in id order: one row each, with the columns `load_frame` reads
/// by default (so a book's frame loads into another book as it is), then `primary_email`,
/// `created_at` and `updated_at`, then one column per custom attribute key.
pub(crate) fn customers(book: &CoreCrm) -> PyResult<ArrowTable> {
    let list: Vec<&Customer> = book.customers().collect();
    let s = |f: fn(&Customer) -> Option<&str>| list.iter().map(move |c| f(c)).collect::<Vec<_>>();
    let mut frame = Frame::default()
        .text("id", ids(list.iter().map(|c| &c.id)))
        .text("given_name", s(|c| c.name.as_ref().and_then(|n| n.given())))
        .text(
            "family_name",
            s(|c| c.name.as_ref().and_then(|n| n.family())),
        )
        .text("display_name", s(|c| Some(c.display_name())))
        .texts(
            "emails",
            list.iter().map(|c| c.emails.iter().map(|e| e.address())),
        )
        .texts(
            "phones",
            list.iter()
                .map(|c| c.phones.iter().map(ToString::to_string)),
        )
        .text(
            "birthday",
            list.iter().map(|c| c.birthday.map(|b| b.to_string())),
        )
        .text("time_zone", s(|c| c.time_zone.map(|z| z.name())))
        .texts("tags", list.iter().map(|c| c.tags.iter()))
        .text("owner", s(|c| c.owner.as_deref()))
        .text("source", s(|c| c.source.as_deref()))
        .text("company", s(|c| c.company.as_deref()))
        .text("stage", s(|c| Some(c.stage.as_str())));
    frame = address_columns(frame, "address_", &list, first_address).text(
        "address_label",
        s(|c| c.addresses.first().and_then(|a| a.label())),
    );
    frame = address_columns(frame, "work_address_", &list, work_address)
        .text(
            "primary_email",
            s(|c| c.primary_email().map(|e| e.normalized())),
        )
        .time("created_at", list.iter().map(|c| Some(c.created_at)))
        .time("updated_at", list.iter().map(|c| Some(c.updated_at)));
    frame = attribute_columns(frame, &list);
    frame.finish(list.len())
}

fn first_address(c: &Customer) -> Option<&Address> {
    c.addresses.first()
}

/// A further address labelled `work` (as `load_frame` reads Outlook's "Business …").
fn work_address(c: &Customer) -> Option<&Address> {
    c.addresses
        .iter()
        .skip(1)
        .find(|a| a.label() == Some("work"))
}

/// The columns `<prefix>lines`, `locality`, `region`, `postal_code` and `country` of the
/// address `pick` chooses of each customer.
fn address_columns(
    frame: Frame,
    prefix: &str,
    list: &[&Customer],
    pick: fn(&Customer) -> Option<&Address>,
) -> Frame {
    let part = |f: fn(&Address) -> Option<&str>| {
        list.iter()
            .map(move |c| pick(c).and_then(f))
            .collect::<Vec<_>>()
    };
    frame
        .texts(
            &format!("{prefix}lines"),
            list.iter()
                .map(|c| pick(c).map(Address::lines).unwrap_or_default()),
        )
        .text(&format!("{prefix}locality"), part(Address::locality))
        .text(&format!("{prefix}region"), part(Address::region))
        .text(&format!("{prefix}postal_code"), part(Address::postal_code))
        .text(
            &format!("{prefix}country"),
            list.iter().map(|c| {
                pick(c)
                    .and_then(Address::country)
                    .map(|k| k.as_str().to_owned())
            }),
        )
}

/// One column per custom attribute key, typed by its values (text where they differ).
fn attribute_columns(mut frame: Frame, list: &[&Customer]) -> Frame {
    use crm_core::customer::AttributeValue as V;
    let mut keys: Vec<&str> = list
        .iter()
        .flat_map(|c| c.attributes.keys().map(String::as_str))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        let name = if frame.fields.iter().any(|f| f.name() == key) {
            format!("attribute_{key}")
        } else {
            key.to_owned()
        };
        let values: Vec<Option<&V>> = list.iter().map(|c| c.attributes.get(key)).collect();
        let kinds: Vec<&str> = values.iter().flatten().map(|v| v.type_name()).collect();
        let same = kinds.windows(2).all(|w| w[0] == w[1]);
        frame = match (same, kinds.first().copied()) {
            (true, Some("number")) => frame.push(
                &name,
                Arc::new(Float64Array::from_iter(values.iter().map(|v| match v {
                    Some(V::Number(x)) => Some(*x),
                    _ => None,
                }))),
            ),
            (true, Some("bool")) => frame.push(
                &name,
                Arc::new(BooleanArray::from_iter(values.iter().map(|v| match v {
                    Some(V::Bool(b)) => Some(*b),
                    _ => None,
                }))),
            ),
            (true, Some("date")) => {
                let days = values.iter().map(|v| match v {
                    Some(V::Date(d)) => Some(
                        (*d - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default())
                            .num_days() as i32,
                    ),
                    _ => None,
                });
                frame.push(&name, Arc::new(arrow_array::Date32Array::from_iter(days)))
            }
            _ => frame.text(
                &name,
                values.iter().map(|v| {
                    v.map(|v| match v {
                        V::Text(t) => t.clone(),
                        V::Number(x) => x.to_string(),
                        V::Bool(b) => b.to_string(),
                        V::Date(d) => d.to_string(),
                    })
                }),
            ),
        };
    }
    frame
}

// ----- interactions -------------------------------------------------------------------------

/// Every interaction of a book, by customer (in id order), then by time.
pub(crate) fn interactions(book: &CoreCrm) -> PyResult<ArrowTable> {
    let query = TimelineQuery::default();
    let mut list = Vec::new();
    for c in book.customers() {
        list.extend(book.timeline(c.id, &query).unwrap_or_default());
    }
    let s = |f: fn(&crm_core::interaction::Interaction) -> Option<&str>| {
        list.iter().map(move |i| f(i)).collect::<Vec<_>>()
    };
    Frame::default()
        .text("id", ids(list.iter().map(|i| &i.id)))
        .text("customer_id", ids(list.iter().map(|i| &i.customer)))
        .text("channel", s(|i| Some(i.channel.as_str())))
        .text("direction", s(|i| Some(i.direction.as_str())))
        .text("kind", s(|i| Some(i.kind.as_str())))
        .time("at", list.iter().map(|i| Some(i.at)))
        .text("subject", s(|i| i.subject.as_deref()))
        .text("body", s(|i| i.body.as_deref()))
        .text("outcome", s(|i| i.outcome.as_deref()))
        .text("actor", s(|i| i.actor.as_deref()))
        .text(
            "case_id",
            list.iter().map(|i| i.case.map(|c| c.to_string())),
        )
        .text("priority", s(|i| i.priority.map(|p| p.as_str())))
        .int(
            "purchase_amount_minor",
            list.iter()
                .map(|i| i.purchase.as_ref().map(|p| p.total.amount_minor)),
        )
        .text(
            "purchase_currency",
            list.iter().map(|i| {
                i.purchase
                    .as_ref()
                    .map(|p| p.total.currency.code().to_owned())
            }),
        )
        .finish(list.len())
}

// ----- the agenda ---------------------------------------------------------------------------

/// The agenda, one row per item in the agenda's order (the columns of
/// `crm._frames.AGENDA_COLUMNS`).
pub(crate) fn agenda(items: &[AgendaItem]) -> PyResult<ArrowTable> {
    let s =
        |f: fn(&AgendaItem) -> Option<&str>| items.iter().map(move |i| f(i)).collect::<Vec<_>>();
    Frame::default()
        .text("customer_id", ids(items.iter().map(|i| &i.customer)))
        .text("origin", s(|i| Some(i.origin.as_str())))
        .text("kind", s(|i| Some(i.kind.as_str())))
        .text(
            "follow_up_id",
            items.iter().map(|i| i.follow_up.map(|x| x.to_string())),
        )
        .text(
            "interaction_id",
            items.iter().map(|i| i.interaction.map(|x| x.to_string())),
        )
        .text("channel", s(|i| i.channel.map(|c| c.as_str())))
        .text("priority", s(|i| Some(i.priority.as_str())))
        .text("owner", s(|i| i.owner.as_deref()))
        .time("due", items.iter().map(|i| Some(i.due)))
        .bool("overdue", items.iter().map(|i| i.overdue))
        .time("contact_at", items.iter().map(|i| i.contact_at))
        .text("reason", s(|i| Some(i.reason.as_str())))
        .finish(items.len())
}

// ----- duplicates ---------------------------------------------------------------------------

/// How the records of a scan are named in a table: input positions (int64) or customer ids
/// (strings).
pub(crate) trait RecordKey {
    fn column<'a>(frame: Frame, name: &str, keys: impl Iterator<Item = &'a Self>) -> Frame
    where
        Self: 'a;
}

impl RecordKey for usize {
    fn column<'a>(frame: Frame, name: &str, keys: impl Iterator<Item = &'a Self>) -> Frame {
        frame.int(name, keys.map(|&k| i64::try_from(k).ok()))
    }
}

impl RecordKey for CustomerId {
    fn column<'a>(frame: Frame, name: &str, keys: impl Iterator<Item = &'a Self>) -> Frame {
        frame.ids(name, keys)
    }
}

/// The pairs of a scan, strongest first: `left`, `right`, `probability`, `decision`,
/// `group` (index into the groups, null outside one), `rule`, `swapped_names`, `conflicts`
/// (comma separated), `total_weight`, then `<field>_level` and `<field>_weight` per field.
pub(crate) fn pairs<T: RecordKey>(scan: &DuplicateScan<T>) -> PyResult<ArrowTable> {
    let pairs = &scan.pairs;
    let mut group_of = vec![None; pairs.len()];
    for (g, group) in scan.groups.iter().enumerate() {
        for &p in &group.pairs {
            if let Some(slot) = group_of.get_mut(p) {
                *slot = i64::try_from(g).ok();
            }
        }
    }
    let mut frame = T::column(Frame::default(), "left", pairs.iter().map(|p| &p.left));
    frame = T::column(frame, "right", pairs.iter().map(|p| &p.right));
    frame = frame
        .float("probability", pairs.iter().map(|p| p.probability))
        .text("decision", pairs.iter().map(|p| Some(p.decision.as_str())))
        .int("group", group_of)
        .text("rule", pairs.iter().map(|p| p.explanation.rule.as_deref()))
        .bool(
            "swapped_names",
            pairs.iter().map(|p| p.explanation.swapped_names),
        )
        .text(
            "conflicts",
            pairs.iter().map(|p| {
                let names: Vec<&str> = p.explanation.conflicts.iter().map(|f| f.as_str()).collect();
                Some(names.join(", "))
            }),
        )
        .float(
            "total_weight",
            pairs.iter().map(|p| p.explanation.total_weight),
        );
    for &field in MatchField::ALL {
        let score = |p: &crm_core::dedup::DuplicatePair<T>| {
            p.explanation
                .fields
                .iter()
                .find(|s| s.field == field)
                .copied()
        };
        frame = frame
            .text(
                &format!("{}_level", field.as_str()),
                pairs.iter().map(|p| score(p).map(|s| s.level.as_str())),
            )
            .float(
                &format!("{}_weight", field.as_str()),
                pairs.iter().map(|p| score(p).map_or(0.0, |s| s.weight)),
            );
    }
    frame.finish(pairs.len())
}

/// The groups of a scan, one row per member: `group` (index), `member`, `size` and
/// `min_probability`.
pub(crate) fn groups<T: RecordKey>(scan: &DuplicateScan<T>) -> PyResult<ArrowTable> {
    let rows: Vec<(usize, &T)> = scan
        .groups
        .iter()
        .enumerate()
        .flat_map(|(g, group)| group.members.iter().map(move |m| (g, m)))
        .collect();
    let group = |g: usize| &scan.groups[g];
    let frame = Frame::default().int("group", rows.iter().map(|(g, _)| i64::try_from(*g).ok()));
    T::column(frame, "member", rows.iter().map(|(_, m)| *m))
        .int(
            "size",
            rows.iter()
                .map(|(g, _)| i64::try_from(group(*g).members.len()).ok()),
        )
        .float(
            "min_probability",
            rows.iter().map(|(g, _)| group(*g).min_probability),
        )
        .finish(rows.len())
}
