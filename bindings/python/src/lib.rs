//! Python bindings of overgang: convert Python values, call the core crate, map its errors.
//!
//! This native module is private (`overgang._overgang`); the public API is the pure-Python
//! package `overgang`, which re-exports it and defines the exception classes.

mod array;
mod cohort;
mod compare;
mod convert;
mod cti;
mod errors;
mod gse;
mod outreach;
mod participant;
mod questionnaire;
mod ten_step;
mod who5;

use pyo3::prelude::*;

#[pymodule]
fn _overgang(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add(
        "ERROR_CODES",
        overgang::ErrorCode::ALL
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>(),
    )?;
    who5::register(m)?;
    gse::register(m)?;
    questionnaire::register(m)?;
    participant::register(m)?;
    ten_step::register(m)?;
    cti::register(m)?;
    cohort::register(m)?;
    compare::register(m)?;
    outreach::register(m)?;
    array::register(m)?;
    errors::register(m)?;
    Ok(())
}
