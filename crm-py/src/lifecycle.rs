//! Lifecycle models and recorded stage changes.

use chrono::{DateTime, Utc};
use crm_core::lifecycle::{LifecycleModel as CoreModel, StageChange as CoreStageChange};
use pyo3::prelude::*;

use crate::conversion::{iso, repr_list, repr_opt, repr_str};
use crate::errors::OrRaise;

/// An ordered path of stages plus side stages that can be entered from anywhere.
#[pyclass(module = "crm", name = "LifecycleModel", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct LifecycleModel {
    pub(crate) inner: CoreModel,
}

#[pymethods]
impl LifecycleModel {
    #[new]
    #[pyo3(signature = (name, ordered, side = Vec::new()))]
    fn new(name: &str, ordered: Vec<String>, side: Vec<String>) -> PyResult<Self> {
        let ordered: Vec<&str> = ordered.iter().map(String::as_str).collect();
        let side: Vec<&str> = side.iter().map(String::as_str).collect();
        Ok(Self {
            inner: CoreModel::custom(name, &ordered, &side).or_raise()?,
        })
    }

    /// The built-in model: subscriber → lead → marketing_qualified → sales_qualified →
    /// opportunity → customer → advocate, with the side stages disqualified and churned.
    #[staticmethod]
    fn default() -> Self {
        Self {
            inner: CoreModel::default(),
        }
    }

    /// The model's name.
    #[getter]
    fn name(&self) -> &str {
        self.inner.name()
    }

    /// Every stage key: the ordered path, then the side stages.
    #[getter]
    fn stages(&self) -> Vec<String> {
        self.inner.stages().map(|s| s.as_str().to_owned()).collect()
    }

    /// The ordered path.
    #[getter]
    fn ordered(&self) -> Vec<String> {
        self.inner
            .ordered()
            .iter()
            .map(|s| s.as_str().to_owned())
            .collect()
    }

    /// The side stages.
    #[getter]
    fn side(&self) -> Vec<String> {
        self.inner
            .side()
            .iter()
            .map(|s| s.as_str().to_owned())
            .collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "LifecycleModel({}, ordered={}, side={})",
            repr_str(self.inner.name()),
            repr_list(&self.ordered()),
            repr_list(&self.side())
        )
    }
}

/// One recorded stage change.
#[pyclass(module = "crm", name = "StageChange", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct StageChange {
    pub(crate) inner: CoreStageChange,
}

#[pymethods]
impl StageChange {
    /// The stage before; `None` for the customer's first stage.
    #[getter(from_stage)]
    fn previous_stage(&self) -> Option<&str> {
        self.inner.from.as_ref().map(|s| s.as_str())
    }

    /// The stage entered.
    #[getter]
    fn to_stage(&self) -> &str {
        self.inner.to.as_str()
    }

    /// When it happened (UTC).
    #[getter]
    fn at(&self) -> DateTime<Utc> {
        self.inner.at
    }

    /// Who made the change.
    #[getter]
    fn actor(&self) -> Option<&str> {
        self.inner.actor.as_deref()
    }

    /// Why (required for backward moves).
    #[getter]
    fn reason(&self) -> Option<&str> {
        self.inner.reason.as_deref()
    }

    fn __repr__(&self) -> String {
        format!(
            "StageChange(from_stage={}, to_stage={}, at='{}')",
            repr_opt(self.previous_stage()),
            repr_str(self.to_stage()),
            iso(&self.inner.at)
        )
    }
}

// Pickling through the JSON form (crate::pickle).
crate::pickle::json_form!(LifecycleModel, CoreModel);
crate::pickle::json_form!(StageChange, CoreStageChange);

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<LifecycleModel>()?;
    m.add_class::<StageChange>()
}
