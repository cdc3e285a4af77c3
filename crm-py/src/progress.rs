//! Progress, cancellation and Ctrl-C for long operations (duplicate scans).
//!
//! The core calls its observer between chunks of work (a few tens of milliseconds apart
//! on large data) on the calling thread, which runs with the GIL released. [`PyObserver`]
//! re-acquires the GIL for that moment only: it checks for signals (so Ctrl-C raises
//! `KeyboardInterrupt` within a chunk) and calls the Python callback
//! `progress(stage, done, total)`. The callback stops the scan by raising (its exception
//! propagates) or by returning `False` (`CancelledError`, code `cancelled`).
//!
//! `progress=True` or `progress="tqdm"` shows a tqdm bar per stage, made by
//! `crm._progress.TqdmBars` (a clear `ImportError` when tqdm is not installed).

use std::ops::ControlFlow;

use crm_core::dedup::Stage;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyString};

use crate::conversion::type_name;
use crate::errors::OrRaise;

/// The observer of one long operation, built from its `progress` argument.
pub(crate) struct PyObserver {
    /// What to call with `(stage, done, total)`, if anything.
    callback: Option<Py<PyAny>>,
    /// Whether `callback` is a bar made here, to be closed at the end.
    owned: bool,
    /// The exception that stopped the operation (a signal's, or the callback's).
    error: Option<PyErr>,
}

impl PyObserver {
    /// Reads a `progress` argument: `None` or `False` (signals are still checked), a
    /// callable, or `True` / `"tqdm"` for tqdm bars.
    ///
    /// # Errors
    ///
    /// `TypeError` for anything else; `ImportError` for tqdm bars without tqdm.
    pub(crate) fn new(progress: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let mut observer = PyObserver {
            callback: None,
            owned: false,
            error: None,
        };
        let Some(progress) = progress.filter(|p| !p.is_none()) else {
            return Ok(observer);
        };
        let py = progress.py();
        let tqdm = if let Ok(flag) = progress.cast::<PyBool>() {
            if !flag.is_true() {
                return Ok(observer);
            }
            true
        } else if let Ok(s) = progress.cast::<PyString>() {
            if s.to_cow()? != "tqdm" {
                return Err(PyTypeError::new_err(format!(
                    "progress must be a callable, True or \"tqdm\", not {:?}",
                    s.to_cow()?
                )));
            }
            true
        } else {
            false
        };
        if tqdm {
            let bars = py.import("crm._progress")?.getattr("TqdmBars")?.call0()?;
            observer.callback = Some(bars.unbind());
            observer.owned = true;
        } else if progress.is_callable() {
            observer.callback = Some(progress.clone().unbind());
        } else {
            return Err(PyTypeError::new_err(format!(
                "progress must be a callable progress(stage, done, total), True or \"tqdm\", \
                 not {}",
                type_name(progress)
            )));
        }
        Ok(observer)
    }

    /// The core's observer: checks for signals and calls the callback, with the GIL held
    /// for that moment only.
    pub(crate) fn observe(&mut self, stage: Stage, done: usize, total: usize) -> ControlFlow<()> {
        self.report(stage.as_str(), done, total)
    }

    /// [`PyObserver::observe`] for a stage the binding names itself (`import`).
    pub(crate) fn report(&mut self, stage: &str, done: usize, total: usize) -> ControlFlow<()> {
        Python::attach(|py| {
            if let Err(e) = py.check_signals() {
                self.error = Some(e);
                return ControlFlow::Break(());
            }
            let Some(callback) = &self.callback else {
                return ControlFlow::Continue(());
            };
            match callback.call1(py, (stage, done, total)) {
                Err(e) => {
                    self.error = Some(e);
                    ControlFlow::Break(())
                }
                Ok(answer) => match answer.bind(py).cast::<PyBool>() {
                    Ok(flag) if !flag.is_true() => ControlFlow::Break(()),
                    _ => ControlFlow::Continue(()),
                },
            }
        })
    }

    /// The exception that stopped the operation, if any (for operations the binding runs
    /// in chunks itself).
    pub(crate) fn take_error(&mut self) -> Option<PyErr> {
        self.error.take()
    }

    /// The result of the operation as Python sees it: the exception that stopped it (a
    /// signal's or the callback's) rather than the core's `Cancelled`, any other core
    /// error mapped as usual. Closes a tqdm bar made here.
    pub(crate) fn finish<T>(self, py: Python<'_>, result: crm_core::Result<T>) -> PyResult<T> {
        let closed = match (&self.callback, self.owned) {
            (Some(bars), true) => bars.call_method0(py, "close").map(drop),
            _ => Ok(()),
        };
        match (result, self.error) {
            (Err(_), Some(e)) => Err(e),
            (result, _) => {
                let value = result.or_raise()?;
                closed?;
                Ok(value)
            }
        }
    }
}
