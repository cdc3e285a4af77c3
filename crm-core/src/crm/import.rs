//! Bulk import of customers.
//!
//! A large import (as told by the iterator's size hint) takes a bulk path:
//! - the email and phone indexes are sized once, from the first rows;
//! - the stage and tag index entries of the new customers are gathered and merged into the
//!   sets at the end, instead of one tree insertion per customer, stage and tag;
//! - validating a row (parsing and normalising its name, emails, phones and tags) does not
//!   depend on the book, so where the platform has threads it runs on a second thread, a
//!   chunk of rows ahead of this one, which checks each row against the book (emails, id)
//!   and records it.
//!
//! Rows are recorded in their order either way: the outcome, the events, the ids and the
//! book are the same as creating the customers one by one.

use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::Arc;

use super::{Crm, ImportReport, NewRecord};
use crate::customer::NewCustomer;
use crate::error::Result;
use crate::id::CustomerId;
use crate::state::Pending;

/// Rows taken at a time (handed to the validating thread, or sampled to size the indexes).
const CHUNK: usize = 1024;
/// From this many rows on, an import takes the bulk path.
const BULK_ROWS: usize = 4 * CHUNK;

impl Crm {
    /// Creates many customers; each row is validated on its own. Valid rows are created,
    /// invalid ones are reported with their 1-based row number; nothing is silently dropped,
    /// and rows accepted before a bad one stay accepted.
    ///
    /// The outcome is exactly that of calling [`Crm::create_customer`] row by row. An
    /// import of thousands of rows (as told by the iterator's size hint) is faster per row:
    /// it sizes the indexes once, merges index entries in bulk, and validates rows on a
    /// second thread where the platform has one.
    pub fn import_customers(
        &mut self,
        rows: impl IntoIterator<Item = NewCustomer>,
    ) -> ImportReport {
        let mut rows = rows.into_iter().enumerate();
        let mut report = ImportReport::default();
        report.created.reserve(rows.size_hint().0);
        if self.guarded() {
            // Each row is checked against the book, earlier rows included.
            for (i, row) in rows {
                match self.create_customer_checked(row) {
                    Ok(checked) => {
                        report.created.push(checked.id);
                        if !checked.candidates.is_empty() {
                            report.duplicates.push((i + 1, checked));
                        }
                    }
                    Err(e) => report.rejected.push(e.at_row(i + 1)),
                }
            }
            return report;
        }
        if rows_to_come(&rows) >= BULK_ROWS {
            self.import_bulk(&mut rows, &mut report, true);
        }
        for (i, row) in rows {
            let outcome = self.create(&row);
            report.record(i, outcome);
        }
        report
    }

    /// The bulk path; `threads`: whether to validate on a second thread where possible.
    fn import_bulk(
        &mut self,
        rows: &mut impl Iterator<Item = (usize, NewCustomer)>,
        report: &mut ImportReport,
        threads: bool,
    ) {
        // Rows to come, the first chunk included.
        let expected = rows.size_hint().0;
        let first: Vec<(usize, NewCustomer)> = rows.by_ref().take(CHUNK).collect();
        let contacts: usize = first
            .iter()
            .map(|(_, row)| row.emails.len() + row.phones.len())
            .sum();
        let scale = |n: usize| n.saturating_mul(expected) / first.len().max(1);
        self.state.index.reserve(scale(contacts));
        let mut rows = first.into_iter().chain(rows);
        let mut pending = Pending::default();
        // The gathered index entries are added even if recording a row panics.
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            if threads && pipeline::run(self, &mut rows, report, &mut pending) {
                return;
            }
            let mut tags = TagTexts::default();
            for (i, row) in rows {
                let outcome = NewRecord::validate(&row, self.ctx(), &self.model, |t| tags.get(t))
                    .and_then(|r| self.insert(r, Some(&mut pending)));
                report.record(i, outcome);
            }
        }));
        self.state.settle(pending);
        if let Err(panic) = outcome {
            resume_unwind(panic);
        }
    }
}

/// The rows an import may hold, by the iterator's size hint: its upper bound when it has one,
/// else its lower bound. It chooses the bulk path, which is right for any number of rows
/// (a filtered source yields fewer than its bound; only the second thread is wasted); the
/// indexes are sized by the lower bound, which never over-allocates.
fn rows_to_come(rows: &impl Iterator) -> usize {
    let (lower, upper) = rows.size_hint();
    upper.unwrap_or(lower)
}

impl ImportReport {
    fn record(&mut self, index: usize, outcome: Result<CustomerId>) {
        match outcome {
            Ok(id) => self.created.push(id),
            Err(e) => self.rejected.push(e.at_row(index + 1)),
        }
    }
}

/// Tags as shared texts during an import: each distinct tag is allocated once.
#[derive(Default)]
struct TagTexts(foldhash::HashSet<Arc<str>>);

impl TagTexts {
    fn get(&mut self, tag: &str) -> Arc<str> {
        if let Some(t) = self.0.get(tag) {
            return Arc::clone(t);
        }
        let t: Arc<str> = Arc::from(tag);
        self.0.insert(Arc::clone(&t));
        t
    }
}

/// No threads on wasm: the bulk path validates rows itself.
#[cfg(target_family = "wasm")]
mod pipeline {
    use crate::crm::{Crm, ImportReport};
    use crate::customer::NewCustomer;
    use crate::state::Pending;

    pub(super) fn run(
        _crm: &mut Crm,
        _rows: &mut impl Iterator<Item = (usize, NewCustomer)>,
        _report: &mut ImportReport,
        _pending: &mut Pending,
    ) -> bool {
        false
    }
}

#[cfg(not(target_family = "wasm"))]
mod pipeline {
    use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

    use super::{CHUNK, TagTexts};
    use crate::crm::{Crm, ImportReport, NewRecord};
    use crate::customer::{Context, NewCustomer};
    use crate::error::Result;
    use crate::lifecycle::LifecycleModel;
    use crate::state::Pending;

    type Rows = Vec<(usize, NewCustomer)>;
    type Records = Vec<(usize, Result<NewRecord>)>;

    /// Imports every row, validating them on a second thread. Returns `false` (having taken
    /// no row) when there is no second core or no thread can be started.
    ///
    /// The rows travel to the worker and back, with a buffer for their records, in buffers
    /// reused from chunk to chunk: this thread allocates and frees every row (the system
    /// allocator is several times slower when memory is freed on another thread than the
    /// one that took it), and no chunk-sized buffer is allocated per chunk.
    pub(super) fn run(
        crm: &mut Crm,
        rows: &mut impl Iterator<Item = (usize, NewCustomer)>,
        report: &mut ImportReport,
        pending: &mut Pending,
    ) -> bool {
        if std::thread::available_parallelism().map_or(true, |n| n.get() < 2) {
            return false;
        }
        let ctx = crm.ctx();
        let model = crm.model.clone();
        std::thread::scope(|scope| {
            let (to_worker, inbox) = sync_channel::<(Rows, Records)>(2);
            let (outbox, from_worker) = sync_channel::<(Rows, Records)>(2);
            let model = &model;
            let worker = std::thread::Builder::new()
                .name("crm-import".to_owned())
                .spawn_scoped(scope, move || validate_chunks(&inbox, &outbox, ctx, model));
            if worker.is_err() {
                return false;
            }
            // Two chunks in flight: the worker validates one while this thread records the
            // one before (whose records buffer is then the spare).
            let mut in_flight = 0;
            for _ in 0..2 {
                let buffers = (Vec::with_capacity(CHUNK), Vec::with_capacity(CHUNK));
                in_flight += usize::from(send_chunk(&to_worker, rows, buffers));
            }
            let mut spare = Vec::with_capacity(CHUNK);
            while in_flight > 0 {
                let Ok((mut chunk, mut done)) = from_worker.recv() else {
                    break;
                };
                in_flight -= 1;
                chunk.clear();
                let buffers = (chunk, std::mem::take(&mut spare));
                in_flight += usize::from(send_chunk(&to_worker, rows, buffers));
                for (i, record) in done.drain(..) {
                    let outcome = record.and_then(|r| crm.insert(r, Some(&mut *pending)));
                    report.record(i, outcome);
                }
                spare = done;
            }
            true
        })
    }

    /// Fills `chunk` with the next rows and sends it with an empty `done` for the records;
    /// `false` when there are no more rows.
    fn send_chunk(
        to: &SyncSender<(Rows, Records)>,
        rows: &mut impl Iterator<Item = (usize, NewCustomer)>,
        (mut chunk, done): (Rows, Records),
    ) -> bool {
        chunk.extend(rows.by_ref().take(CHUNK));
        !chunk.is_empty() && to.send((chunk, done)).is_ok()
    }

    /// Validates each chunk into its `done` and sends both back.
    fn validate_chunks(
        inbox: &Receiver<(Rows, Records)>,
        outbox: &SyncSender<(Rows, Records)>,
        ctx: Context,
        model: &LifecycleModel,
    ) {
        let mut tags = TagTexts::default();
        for (chunk, mut done) in inbox {
            done.clear();
            done.extend(
                chunk
                    .iter()
                    .map(|(i, row)| (*i, NewRecord::validate(row, ctx, model, |t| tags.get(t)))),
            );
            if outbox.send((chunk, done)).is_err() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::{TimeZone, Utc};

    use crate::clock::FixedClock;
    use crate::contact::PhoneKind;
    use crate::{Crm, CustomerId, ImportReport, NewCustomer};

    fn book() -> Crm {
        let at = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).single();
        let clock = Arc::new(FixedClock::new(at.unwrap_or_default()));
        Crm::builder().clock(clock).seed(3).build()
    }

    /// Enough rows for the pipelined path, with every kind of outcome: invalid rows, an
    /// email taken earlier in the same import, a taken id, stages and shared tags.
    fn rows() -> Vec<NewCustomer> {
        let taken = CustomerId::parse("0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a11").ok();
        (0..9_000)
            .map(|i| {
                let mut row = NewCustomer::default()
                    .with_name(["José", "Zoë", "Ada"][i % 3], format!("Nowak {i}"))
                    .with_email(format!("Row.{}@Example.com", i % 8_500))
                    .with_phone(format!("+1 415 555 {:04}", i % 10_000), PhoneKind::Work)
                    .with_tag(["VIP", "b2b", " early adopter "][i % 3])
                    .with_tag(format!("batch{}", i % 7));
                match i % 1_000 {
                    7 => row.emails.push("not an email".to_owned()),
                    8 => row.stage = Some("lead".to_owned()),
                    9 => row.stage = Some("nonsense".to_owned()),
                    10 | 11 => row.id = taken,
                    _ => {}
                }
                row
            })
            .collect()
    }

    #[test]
    fn a_filtered_source_counts_by_its_upper_bound() {
        let rows = rows();
        let filtered = rows.iter().filter(|r| r.stage.is_none());
        assert_eq!(super::rows_to_come(&filtered), rows.len());
        let unbounded = std::iter::from_fn(|| Some(1)).take_while(|&n| n < 1);
        assert_eq!(super::rows_to_come(&unbounded), 0);

        // Such a source (as a data frame's rows, less those that cannot be read) takes the
        // bulk path with the outcome of any other.
        let keep = |(i, _): &(usize, &NewCustomer)| i % 5 != 0;
        let kept: Vec<NewCustomer> = rows
            .iter()
            .enumerate()
            .filter(keep)
            .map(|(_, r)| r.clone())
            .collect();
        let mut from_filter = book();
        let report = from_filter
            .import_customers(rows.iter().enumerate().filter(keep).map(|(_, r)| r.clone()));
        let mut from_vec = book();
        assert_eq!(report, from_vec.import_customers(kept));
        assert_eq!(from_filter.state(), from_vec.state());
    }

    #[test]
    fn pipelined_import_equals_creating_row_by_row() {
        let rows = rows();
        assert!(rows.len() >= super::BULK_ROWS);
        let mut bulk = book();
        let report = bulk.import_customers(rows.clone());
        let mut one_by_one = book();
        let mut created = Vec::new();
        let mut rejected = Vec::new();
        for (i, row) in rows.into_iter().enumerate() {
            match one_by_one.create_customer(row) {
                Ok(c) => created.push(c.id),
                Err(e) => rejected.push(e.at_row(i + 1)),
            }
        }
        assert_eq!(report.created, created);
        assert_eq!(report.rejected, rejected);
        assert!(report.rejected.len() > 500, "{}", report.rejected.len());
        assert_eq!(bulk.state(), one_by_one.state());
        assert_eq!(bulk.events(), one_by_one.events());
        let vip = bulk.customers_with_tag("vip");
        assert!(vip.len() > 2_500, "{}", vip.len());
        assert_eq!(vip, one_by_one.customers_with_tag("vip"));
        let replayed = Crm::replay(bulk.events().to_vec()).expect("replays");
        assert_eq!(replayed.state(), bulk.state());

        // The bulk path without a second thread (as on wasm) too.
        let mut single = book();
        let mut report = ImportReport::default();
        single.import_bulk(
            &mut self::rows().into_iter().enumerate(),
            &mut report,
            false,
        );
        assert_eq!(report.created, created);
        assert_eq!(report.rejected, rejected);
        assert_eq!(single.state(), one_by_one.state());
        assert_eq!(single.events(), one_by_one.events());
    }
}
