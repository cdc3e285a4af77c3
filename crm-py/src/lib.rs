//! Python bindings for [`crm_core`], imported as `crm` (the compiled module is `crm._crm`).
//!
//! The binding only converts: Python arguments into core inputs, core results into Python
//! objects, core errors into the exception classes of [`errors`]. Every rule (validation,
//! normalisation, lifecycle transitions) lives in `crm-core`.
//!
//! The files mirror the core's modules: [`crm`] (the `Crm` class), [`customer`],
//! [`interaction`], [`lifecycle`], [`schedule`], [`agenda`], [`merge`], [`dedup`], [`clock`]; [`conversion`] holds the shared helpers.
//! Data frames go in and out through the Arrow PyCapsule interface: [`arrow`] (the C stream,
//! the crate's only `unsafe` code), [`frame_in`], [`frame_out`] and [`frames`].
#![deny(unsafe_code)]

mod agenda;
#[allow(unsafe_code)]
mod arrow;
mod clock;
mod conversion;
mod crm;
mod customer;
mod dedup;
mod errors;
mod frame_in;
mod frame_out;
mod frames;
mod interaction;
mod lifecycle;
mod merge;
mod pickle;
mod progress;
mod schedule;

use pyo3::prelude::*;

/// The compiled half of the `crm` package.
#[pymodule]
fn _crm(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(m)?;
    clock::register(m)?;
    lifecycle::register(m)?;
    customer::register(m)?;
    interaction::register(m)?;
    schedule::register(m)?;
    agenda::register(m)?;
    merge::register(m)?;
    dedup::register(m)?;
    arrow::register(m)?;
    frames::register(m)?;
    crm::register(m)?;
    pickle::register(m)?;
    Ok(())
}
