//! Pickling (and `copy`) of the value classes through their JSON form.
//!
//! Each value class holds one core value with a serde form; [`JsonForm`] (implemented with
//! [`json_form!`] next to each class, where its field is visible) gives access to it.
//! `_to_json(obj)` returns `(class name, JSON)` and `_from_json(name, json)` rebuilds the
//! object; `crm/_pickle.py` registers them with `copyreg` for every class listed here, so
//! `pickle`, `copy` and cloudpickle (Dask) use them. The JSON is the core's stable serde
//! form, the same as the journal's.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::errors::OrRaise;

/// A Python class that wraps one core value with a serde form.
pub(crate) trait JsonForm: Sized {
    /// The core value.
    type Core: Serialize + DeserializeOwned;
    /// The wrapped value.
    fn core(&self) -> &Self::Core;
    /// The class around a value.
    fn from_core(core: Self::Core) -> Self;
}

/// Implements [`JsonForm`] for a class `{ inner: Core }` (use it in the class's module).
macro_rules! json_form {
    ($class:ty, $core:ty) => {
        impl $crate::pickle::JsonForm for $class {
            type Core = $core;
            fn core(&self) -> &$core {
                &self.inner
            }
            fn from_core(inner: $core) -> Self {
                Self { inner }
            }
        }
    };
}
pub(crate) use json_form;

/// The classes pickled through their JSON form, by the name `_from_json` takes.
macro_rules! classes {
    ($($name:literal => $class:ty),* $(,)?) => {
        /// The names of the classes pickled through their JSON form.
        const NAMES: &[&str] = &[$($name),*];

        /// `(class name, JSON)` of a value of one of the classes.
        #[pyfunction]
        fn _to_json(obj: &Bound<'_, PyAny>) -> PyResult<(&'static str, String)> {
            $(
                if let Ok(v) = obj.cast::<$class>() {
                    return Ok(($name, to_json(v.get().core())?));
                }
            )*
            Err(PyTypeError::new_err(format!(
                "{} has no JSON form",
                crate::conversion::type_name(obj)
            )))
        }

        /// The object of class `name` read from its JSON form.
        #[pyfunction]
        fn _from_json(py: Python<'_>, name: &str, json: &str) -> PyResult<Py<PyAny>> {
            match name {
                $($name => Ok(Bound::new(py, <$class>::from_core(from_json(name, json)?))?
                    .into_any()
                    .unbind()),)*
                _ => Err(PyTypeError::new_err(format!("no class {name:?} with a JSON form"))),
            }
        }
    };
}

classes! {
    "AgendaItem" => crate::agenda::AgendaItem,
    "AgendaSettings" => crate::agenda::AgendaSettings,
    "BusinessCalendar" => crate::agenda::BusinessCalendar,
    "PromiseStatus" => crate::agenda::PromiseStatus,
    "Customer" => crate::customer::Customer,
    "Phone" => crate::customer::Phone,
    "Address" => crate::customer::Address,
    "Birthday" => crate::customer::Birthday,
    "MatchConfig" => crate::dedup::MatchConfig,
    "Interaction" => crate::interaction::Interaction,
    "Purchase" => crate::interaction::Purchase,
    "LineItem" => crate::interaction::LineItem,
    "Case" => crate::interaction::Case,
    "LifecycleModel" => crate::lifecycle::LifecycleModel,
    "StageChange" => crate::lifecycle::StageChange,
    "FieldChoice" => crate::merge::FieldChoice,
    "MoveCounts" => crate::merge::MoveCounts,
    "FollowUp" => crate::schedule::FollowUp,
    "ConsentRecord" => crate::schedule::ConsentRecord,
    "Consent" => crate::schedule::Consent,
    "ContactPolicy" => crate::schedule::ContactPolicy,
    "Blocker" => crate::schedule::Blocker,
    "Decision" => crate::schedule::Decision,
}

fn to_json(value: &impl Serialize) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| PyTypeError::new_err(e.to_string()))
}

/// A core value read from its JSON form; a `DecodeError` naming `name` otherwise.
pub(crate) fn from_json<T: DeserializeOwned>(name: &str, json: &str) -> PyResult<T> {
    crm_core::json::from_str(json)
        .map_err(|e| crm_core::Error::Decode {
            what: name.to_owned(),
            reason: e.to_string(),
        })
        .or_raise()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("_JSON_CLASSES", NAMES.to_vec())?;
    m.add_function(wrap_pyfunction!(_to_json, m)?)?;
    m.add_function(wrap_pyfunction!(_from_json, m)?)
}
