//! Duplicate detection: the `MatchConfig` class, `find_duplicates` over plain records, and
//! the conversion of the core's scan results into plain Python data (dicts and lists, typed
//! by the TypedDicts of `crm/_dedup.py`). Matching itself runs in `crm-core`, with the GIL
//! released.

use crm_core::dedup::{
    DuplicateGroup, DuplicatePair, DuplicateScan, Estimation, MatchConfig as CoreConfig, Matcher,
    ModelRow, NameCounts, RuleMode, ScanStats,
};
use pyo3::prelude::*;
use pyo3::types::{PyIterator, PyMapping};
use serde::Serialize;

use crate::conversion::{json_dumps, parse_enum, repr_list, repr_str, serde_to_py, string_list};
use crate::customer::NewCustomerArgs;
use crate::errors::OrRaise;
use crate::progress::PyObserver;
use crm_core::NewCustomer;

/// A count as the signature's default (`MatchConfig`'s counts are taken as `i64`, so that a
/// negative one is a `ValidationError`).
fn count_arg(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn default_config() -> CoreConfig {
    CoreConfig::default()
}

/// How duplicates are found: thresholds, term frequency, estimation, conflict fields, rules
/// and blocking. Invalid settings raise `ValidationError` naming the setting.
#[pyclass(module = "crm", name = "MatchConfig", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct MatchConfig {
    pub(crate) inner: CoreConfig,
}

/// The core configuration of an optional `config` argument (the defaults for `None`).
pub(crate) fn config_or_default(config: Option<&Bound<'_, MatchConfig>>) -> CoreConfig {
    config.map_or_else(default_config, |c| c.get().inner.clone())
}

#[pymethods]
impl MatchConfig {
    #[new]
    #[pyo3(signature = (
        match_threshold = default_config().match_threshold,
        review_threshold = default_config().review_threshold,
        *,
        term_frequency = default_config().term_frequency,
        estimation = default_config().estimation.as_str(),
        conflicts = None,
        rules = None,
        rule_mode = default_config().rule_mode.as_str(),
        corroboration_bits = default_config().corroboration_bits,
        max_block = count_arg(default_config().blocking.max_block),
        window = count_arg(default_config().blocking.window),
        seed = i128::from(default_config().seed)
    ))]
    // The defaults come from the core; the signature shows them (a test checks they agree).
    #[pyo3(text_signature = "(match_threshold=0.9, review_threshold=0.5, *, \
        term_frequency=True, estimation='none', conflicts=None, rules=None, \
        rule_mode='either', corroboration_bits=5.0, max_block=40, window=3, seed=24301)")]
    #[allow(clippy::too_many_arguments)]
    fn py_new(
        match_threshold: f64,
        review_threshold: f64,
        term_frequency: bool,
        estimation: &str,
        conflicts: Option<&Bound<'_, PyAny>>,
        rules: Option<&Bound<'_, PyAny>>,
        rule_mode: &str,
        corroboration_bits: f64,
        max_block: i64,
        window: i64,
        seed: i128,
    ) -> PyResult<Self> {
        // Negative counts (and seeds beyond 64 bits) are a `ValidationError` naming the
        // field, as the core's own checks are, not a bare `OverflowError`.
        fn within<T: TryFrom<V>, V: std::fmt::Display + Copy>(v: V, field: &str) -> PyResult<T> {
            T::try_from(v).map_err(|_| {
                crate::errors::validation(
                    field,
                    &v.to_string(),
                    format!("{field}: {v} is out of range"),
                )
            })
        }
        let mut c = default_config();
        c.match_threshold = match_threshold;
        c.review_threshold = review_threshold;
        c.term_frequency = term_frequency;
        c.estimation = parse_enum::<Estimation>(estimation)?;
        if let Some(conflicts) = conflicts.filter(|v| !v.is_none()) {
            c.conflicts = CoreConfig::read_conflicts(&string_list(Some(conflicts), "conflicts")?)
                .or_raise()?;
        }
        c.rules = CoreConfig::read_rules(&string_list(rules, "rules")?).or_raise()?;
        c.rule_mode = parse_enum::<RuleMode>(rule_mode)?;
        c.corroboration_bits = corroboration_bits;
        c.blocking.max_block = within(max_block, "blocking.max_block")?;
        c.blocking.window = within(window, "blocking.window")?;
        c.seed = within(seed, "seed")?;
        c.validate().or_raise()?;
        Ok(Self { inner: c })
    }

    /// Pairs at or above this match probability are the same customer.
    #[getter]
    fn match_threshold(&self) -> f64 {
        self.inner.match_threshold
    }

    /// Pairs at or above this probability (and below the match threshold) need review.
    #[getter]
    fn review_threshold(&self) -> f64 {
        self.inner.review_threshold
    }

    /// Bits of evidence beyond the names (email, phone, birth date or address) a scored
    /// match needs; 0 turns the requirement off.
    #[getter]
    fn corroboration_bits(&self) -> f64 {
        self.inner.corroboration_bits
    }

    /// Whether an exact name, and an email, phone, birth date or address that many records
    /// share (a placeholder, a switchboard), weighs by how common it is in the data.
    #[getter]
    fn term_frequency(&self) -> bool {
        self.inner.term_frequency
    }

    /// How `m` and `u` are obtained: `"none"`, `"u"` or `"em"`.
    #[getter]
    fn estimation(&self) -> &'static str {
        self.inner.estimation.as_str()
    }

    /// Fields whose clear disagreement stops a scored match.
    #[getter]
    fn conflicts(&self) -> Vec<&'static str> {
        self.inner.conflicts.iter().map(|f| f.as_str()).collect()
    }

    /// The rules, as written by the core (`"phone=exact & family_name>=typo"`).
    #[getter]
    fn rules(&self) -> Vec<String> {
        self.inner.rules.iter().map(ToString::to_string).collect()
    }

    /// How rules combine with the score: `"either"`, `"both"` or `"rules_only"`.
    #[getter]
    fn rule_mode(&self) -> &'static str {
        self.inner.rule_mode.as_str()
    }

    /// Records in a blocking key compared all against all; larger blocks are compared by
    /// name neighbourhood.
    #[getter]
    fn max_block(&self) -> usize {
        self.inner.blocking.max_block
    }

    /// Neighbours compared in a large block and in the name neighbourhood passes.
    #[getter]
    fn window(&self) -> usize {
        self.inner.blocking.window
    }

    /// Seed of the random pairs used for estimation.
    #[getter]
    fn seed(&self) -> u64 {
        self.inner.seed
    }

    fn __repr__(&self) -> String {
        let c = &self.inner;
        format!(
            "MatchConfig(match_threshold={}, review_threshold={}, term_frequency={}, \
             estimation={}, conflicts={}, rules={}, rule_mode={}, corroboration_bits={}, \
             max_block={}, window={}, seed={})",
            float_repr(c.match_threshold),
            float_repr(c.review_threshold),
            if c.term_frequency { "True" } else { "False" },
            repr_str(c.estimation.as_str()),
            repr_list(&self.conflicts()),
            repr_list(&self.rules()),
            repr_str(c.rule_mode.as_str()),
            float_repr(c.corroboration_bits),
            c.blocking.max_block,
            c.blocking.window,
            c.seed,
        )
    }
}

/// A float as Python's `repr()` writes it for the usual values (`0.9`, `1.0`).
fn float_repr(x: f64) -> String {
    if x.is_finite() && x.fract() == 0.0 {
        format!("{x:.1}")
    } else {
        format!("{x}")
    }
}

// ----- results ------------------------------------------------------------------------------

/// A scan as Python sees it: pairs, groups, counts and the model as a table.
#[derive(Serialize)]
struct ScanView<'a, T> {
    pairs: &'a [DuplicatePair<T>],
    groups: &'a [DuplicateGroup<T>],
    stats: &'a ScanStats,
    model: Vec<ModelRow>,
}

/// A scan as a dict of plain values (`DuplicateScan` / `CustomerDuplicateScan` in the stubs).
pub(crate) fn scan_to_py<'py, T: Serialize>(
    py: Python<'py>,
    scan: &DuplicateScan<T>,
) -> PyResult<Bound<'py, PyAny>> {
    serde_to_py(
        py,
        &ScanView {
            pairs: &scan.pairs,
            groups: &scan.groups,
            stats: &scan.stats,
            model: scan.model.rows(),
        },
    )
}

/// Finds duplicates among plain records (mappings with `create_customer`'s keys, or a table
/// with the Arrow PyCapsule interface, read by `columns` as `Crm.load_frame` reads it) with
/// the GIL released; `progress` is read by [`PyObserver`] (a callable
/// `progress(stage, done, total)`, `True` / `"tqdm"`, or `None`), and Ctrl-C stops the scan
/// between chunks of work. `name_counts` (from `name_counts`, summed over a whole table)
/// weighs exact names as a scan of that table would.
#[pyfunction]
#[pyo3(signature = (records, config = None, *, progress = None, name_counts = None, columns = None))]
fn find_duplicates<'py>(
    py: Python<'py>,
    records: &Bound<'py, PyAny>,
    config: Option<&Bound<'py, MatchConfig>>,
    progress: Option<&Bound<'py, PyAny>>,
    name_counts: Option<&Bound<'py, PyAny>>,
    columns: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let matcher = Matcher::new(config_or_default(config)).or_raise()?;
    let counts: Option<NameCounts> = match name_counts.filter(|c| !c.is_none()) {
        Some(c) => Some(crate::pickle::from_json("name_counts", &json_dumps(c)?)?),
        None => None,
    };
    let rows = scan_input(py, records, columns)?;
    let scan = run_scan(py, &matcher, rows, progress, counts.as_ref())?;
    scan_to_py(py, &scan)
}

/// Runs a scan of `rows` with the GIL released, reporting to `progress` through
/// [`PyObserver`] (Ctrl-C stops it between chunks of work); `counts` weighs exact names as
/// in a scan of a whole table.
pub(crate) fn run_scan(
    py: Python<'_>,
    matcher: &Matcher,
    rows: Vec<crm_core::NewCustomer>,
    progress: Option<&Bound<'_, PyAny>>,
    counts: Option<&NameCounts>,
) -> PyResult<DuplicateScan> {
    let mut observer = PyObserver::new(progress)?;
    let scan = py.detach(|| {
        let prepared = matcher.prepare_with(&rows, &mut |s, d, t| observer.observe(s, d, t))?;
        // The input rows are not needed any more: free them before the scan proper.
        drop(rows);
        let observe = &mut |s, d, t| observer.observe(s, d, t);
        match counts {
            Some(counts) => matcher.scan_prepared_with_counts(&prepared, counts, observe),
            None => matcher.scan_prepared_with(&prepared, observe),
        }
    });
    observer.finish(py, scan)
}

/// Plain records (mappings with `create_customer`'s keys) as core inputs; a row that is not
/// one raises, naming its 1-based row. Ctrl-C stops a long conversion.
pub(crate) fn plain_records(records: &Bound<'_, PyAny>) -> PyResult<Vec<NewCustomer>> {
    let rows: Vec<Bound<'_, PyAny>> = PyIterator::from_object(records)?.collect::<PyResult<_>>()?;
    new_customers(&rows)
}

fn new_customers(rows: &[Bound<'_, PyAny>]) -> PyResult<Vec<NewCustomer>> {
    let mut out = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        if i % 8192 == 8191 {
            row.py().check_signals()?;
        }
        out.push(NewCustomerArgs::from_row(row, i + 1)?.into_new_row(i + 1)?);
    }
    Ok(out)
}

/// The records of a scan: a table with the Arrow PyCapsule interface (read by `columns`, as
/// `Crm.load_frame` reads it); plain mappings with `create_customer`'s keys; or plain
/// mappings keyed by a sheet's column names (when any of them has a key `create_customer`
/// does not take, wherever it is in the input, or when `columns` is given), read as a
/// table's rows ([`crate::frames::mappings_table`]).
fn scan_input(
    py: Python<'_>,
    records: &Bound<'_, PyAny>,
    columns: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<NewCustomer>> {
    if crate::arrow::is_stream(records) {
        return crate::frames::scan_rows(py, records, columns);
    }
    let rows: Vec<Bound<'_, PyAny>> = PyIterator::from_object(records)?.collect::<PyResult<_>>()?;
    let columns = columns.filter(|c| !c.is_none());
    // Rows that leave out the fields they lack (JSON records) are read alike in any order.
    let sheet = rows.iter().enumerate().find_map(|(i, row)| {
        sheet_key(row).map(|key| format!("row {} has the key {key:?}", i + 1))
    });
    if columns.is_some() || sheet.is_some() {
        let table = crate::frames::mappings_table(&rows, sheet.as_deref())?;
        drop(rows);
        crate::frames::scan_table(py, &table, columns)
    } else {
        new_customers(&rows)
    }
}

/// The first key of a record that `create_customer` does not take
/// ([`crm_core::columns::is_sheet_row`]), when the record is a mapping.
fn sheet_key(row: &Bound<'_, PyAny>) -> Option<String> {
    let keys = row.cast::<PyMapping>().ok()?.keys().ok()?;
    keys.iter().find_map(|k| {
        let k = k.str().ok()?;
        let k = k.to_cow().ok()?;
        crm_core::columns::is_sheet_row([&*k]).then(|| k.into_owned())
    })
}

/// How many records (plain mappings or a table) hold each normalised given and family
/// name and each full name, and how many records there are (`{"given": {...}, "family":
/// {...}, "full": {...}, "records": n}`), as the core counts them for term frequency. Counts of the parts of a table add up (`crm.dask` sums them).
#[pyfunction]
fn name_counts<'py>(py: Python<'py>, records: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let rows = scan_input(py, records, None)?;
    let matcher = Matcher::new(default_config()).or_raise()?;
    let counts = py.detach(|| NameCounts::of(&matcher.prepare(&rows)));
    serde_to_py(py, &counts)
}

/// The blocking keys of each record (plain mappings or a table, as for `find_duplicates`),
/// as computed by the core: records sharing a key are compared. For partitioning a scan
/// (`crm.dask`); the values are stable within one version of crm.
#[pyfunction]
fn blocking_keys(py: Python<'_>, records: &Bound<'_, PyAny>) -> PyResult<Vec<Vec<u64>>> {
    let rows = scan_input(py, records, None)?;
    let matcher = Matcher::new(default_config()).or_raise()?;
    Ok(py.detach(|| {
        matcher
            .prepare(&rows)
            .iter()
            .map(|r| r.blocking_keys())
            .collect()
    }))
}

// Pickling through the JSON form (crate::pickle).
crate::pickle::json_form!(MatchConfig, CoreConfig);

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<MatchConfig>()?;
    m.add_function(wrap_pyfunction!(find_duplicates, m)?)?;
    m.add_function(wrap_pyfunction!(blocking_keys, m)?)?;
    m.add_function(wrap_pyfunction!(name_counts, m)?)
}
