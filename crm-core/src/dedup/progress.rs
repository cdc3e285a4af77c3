//! Progress reports and cancellation of a duplicate scan.
//!
//! The `*_with` methods of [`Matcher`](super::Matcher) (and `Crm::find_duplicates_with`)
//! take an observer, `&mut dyn FnMut(Stage, usize, usize) -> ControlFlow<()>`, called with
//! `(stage, done, total)` on the calling thread: once when a stage starts (`done == 0`),
//! after every chunk of work (a few thousand records or tens of thousands of pairs, so a
//! few tens of milliseconds apart on large data), and once when the stage ends
//! (`done == total`). Within a stage `done` never decreases. `done` and `total` count the
//! stage's own units (records for `prepare`, a share of records for `block`, pairs for
//! `score` and `cluster`); they are not comparable across stages.
//!
//! Returning [`ControlFlow::Break`] stops the scan at once with [`Error::Cancelled`]; a scan
//! changes no state, so nothing needs undoing. With the `parallel` feature each chunk runs
//! on every core and the observer is called between chunks, never from a worker thread.

use std::ops::ControlFlow;

use crate::error::Error;

/// The stages of a duplicate scan, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Stage {
    /// Normalising the records.
    Prepare,
    /// Blocking: finding the candidate pairs.
    Block,
    /// Comparing and scoring the candidate pairs (and estimating the model, if asked).
    Score,
    /// Grouping the matched pairs and explaining every pair.
    Cluster,
}

impl Stage {
    /// Every stage, in the order a scan runs them.
    pub const ALL: &'static [Stage] = &[Stage::Prepare, Stage::Block, Stage::Score, Stage::Cluster];

    /// `prepare`, `block`, `score` or `cluster`.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Prepare => "prepare",
            Stage::Block => "block",
            Stage::Score => "score",
            Stage::Cluster => "cluster",
        }
    }
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A progress observer: called with `(stage, done, total)`; [`ControlFlow::Break`] cancels.
pub type Observer<'a> = dyn FnMut(Stage, usize, usize) -> ControlFlow<()> + 'a;

/// Records per chunk of the record-wise stages (small in unit tests, to test many chunks).
pub(crate) const RECORD_CHUNK: usize = if cfg!(test) { 64 } else { 8 * 1024 };
/// Pairs per chunk of the pair-wise stages.
pub(crate) const PAIR_CHUNK: usize = if cfg!(test) { 256 } else { 64 * 1024 };

/// The observer as the stages call it: `Err` stops the stage. The public API uses
/// [`Error`]; the methods without an observer use [`std::convert::Infallible`], so they
/// cannot fail and pay for nothing but a call per chunk.
pub(crate) type Tick<'a, E> = dyn FnMut(Stage, usize, usize) -> Result<(), E> + 'a;

/// The observer of a public `*_with` method, as a [`Tick`] that turns a `Break` into
/// [`Error::Cancelled`].
pub(crate) fn cancelling<'a>(
    observer: &'a mut Observer<'_>,
) -> impl FnMut(Stage, usize, usize) -> Result<(), Error> + 'a {
    move |stage, done, total| match observer(stage, done, total) {
        ControlFlow::Continue(()) => Ok(()),
        ControlFlow::Break(()) => Err(Error::Cancelled {
            operation: "duplicate scan",
            stage: stage.as_str(),
            done,
            total,
        }),
    }
}

/// The observer of a method without one.
pub(crate) fn silent(_: Stage, _: usize, _: usize) -> Result<(), std::convert::Infallible> {
    Ok(())
}

/// One stage's progress: reports its start on creation, then each advance, then its end.
pub(crate) struct Ticker<'t, 'o, E> {
    tick: &'t mut Tick<'o, E>,
    stage: Stage,
    done: usize,
    total: usize,
}

impl<'t, 'o, E> Ticker<'t, 'o, E> {
    /// Starts `stage` of `total` units (reported as `(stage, 0, total)`).
    pub(crate) fn start(tick: &'t mut Tick<'o, E>, stage: Stage, total: usize) -> Result<Self, E> {
        tick(stage, 0, total)?;
        Ok(Ticker {
            tick,
            stage,
            done: 0,
            total,
        })
    }

    /// Moves forward by `n` units and reports.
    pub(crate) fn add(&mut self, n: usize) -> Result<(), E> {
        self.set(self.done.saturating_add(n))
    }

    /// Moves to `done` units (never backwards, never past the total) and reports.
    pub(crate) fn set(&mut self, done: usize) -> Result<(), E> {
        self.done = done.clamp(self.done, self.total);
        (self.tick)(self.stage, self.done, self.total)
    }

    /// Ends the stage (reported as `(stage, total, total)`, unless that was the last
    /// report already).
    pub(crate) fn finish(mut self) -> Result<(), E> {
        // Every change of `done` is reported, so `done == total` was the last report.
        if self.done == self.total {
            return Ok(());
        }
        self.set(self.total)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::customer::NewCustomer;
    use crate::dedup::{Estimation, MatchConfig, Matcher};

    /// 600 records: 400 people, every third one again with a nickname or a typo and the
    /// same email, so every stage has many chunks at the test chunk sizes.
    pub(crate) fn records() -> Vec<NewCustomer> {
        let given = [
            "Robert",
            "Anna",
            "Maria",
            "John",
            "Elizabeth",
            "Peter",
            "Olga",
            "Li",
        ];
        let family = [
            "Smith", "Nowak", "Garcia", "Okafor", "Schmidt", "Rossi", "Chen", "Kim",
        ];
        let mut out = Vec::new();
        for i in 0..400usize {
            let g = given[i % given.len()];
            let f = family[(i / given.len()) % family.len()];
            let email = format!("{}.{}{}@example.com", g.to_lowercase(), f.to_lowercase(), i);
            out.push(
                NewCustomer::default()
                    .with_name(g, f)
                    .with_email(email.clone()),
            );
            if i % 2 == 0 {
                let g2 = if g == "Robert" { "Bob" } else { g };
                let f2 = format!("{f}e");
                out.push(
                    NewCustomer::default()
                        .with_name(g2, &f2)
                        .with_email(email.clone()),
                );
            }
        }
        out
    }

    fn run(
        matcher: &Matcher,
        records: &[NewCustomer],
        stop_at: Option<usize>,
    ) -> (
        crate::Result<crate::dedup::DuplicateScan>,
        Vec<(Stage, usize, usize)>,
    ) {
        let mut calls = Vec::new();
        let result = matcher.scan_with(records, &mut |stage, done, total| {
            calls.push((stage, done, total));
            if Some(calls.len() - 1) == stop_at {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        (result, calls)
    }

    #[test]
    fn progress_is_monotone_and_ends_at_the_total_and_the_result_is_unchanged() {
        for estimation in [Estimation::None, Estimation::U, Estimation::Em] {
            let config = MatchConfig {
                estimation,
                ..MatchConfig::default()
            };
            let matcher = Matcher::new(config).unwrap();
            let records = records();
            let (scan, calls) = run(&matcher, &records, None);
            let scan = scan.unwrap();
            assert_eq!(scan, matcher.scan(&records));
            if estimation == Estimation::None {
                assert!(scan.groups.len() > 100, "{:?}", scan.stats);
            }
            for &stage in Stage::ALL {
                let mine: Vec<_> = calls.iter().filter(|c| c.0 == stage).collect();
                let total = mine[0].2;
                if estimation == Estimation::None {
                    assert!(mine.len() > 3, "{stage}: several chunks: {mine:?}");
                }
                assert_eq!(mine[0].1, 0, "{stage} starts at 0");
                assert_eq!(
                    mine.last().map(|c| c.1),
                    Some(total),
                    "{stage} ends at total"
                );
                assert!(mine.iter().all(|c| c.2 == total), "{stage}: one total");
                assert!(
                    mine.windows(2).all(|w| w[0].1 <= w[1].1),
                    "{stage} monotone"
                );
            }
            // Stages come in order.
            assert!(calls.windows(2).all(|w| w[0].0 <= w[1].0));
        }
    }

    #[test]
    fn cancelling_at_any_report_returns_the_error() {
        let matcher = Matcher::new(MatchConfig::default()).unwrap();
        let records = records();
        let (_, calls) = run(&matcher, &records, None);
        for (k, &(stage, done, total)) in calls.iter().enumerate() {
            let (result, seen) = run(&matcher, &records, Some(k));
            assert_eq!(seen.len(), k + 1, "no report after a cancel");
            let err = result.unwrap_err();
            assert_eq!(err.code(), "cancelled");
            assert_eq!(
                err,
                crate::Error::Cancelled {
                    operation: "duplicate scan",
                    stage: stage.as_str(),
                    done,
                    total
                }
            );
        }
    }
}
