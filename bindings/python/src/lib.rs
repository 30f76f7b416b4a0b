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
mod progress;
mod questionnaire;
mod ten_step;
mod who5;

use pyo3::prelude::*;

/// Adds a native submodule, importable as `overgang._overgang.<name>`.
fn submodule(
    parent: &Bound<'_, PyModule>,
    name: &str,
    register: fn(&Bound<'_, PyModule>) -> PyResult<()>,
) -> PyResult<()> {
    let py = parent.py();
    let m = PyModule::new(py, name)?;
    register(&m)?;
    parent.add_submodule(&m)?;
    // `from overgang._overgang.cti import Course` needs the module in sys.modules.
    py.import("sys")?
        .getattr("modules")?
        .set_item(format!("overgang._overgang.{name}"), &m)?;
    Ok(())
}

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
    // Native submodules, one per domain module (`overgang._overgang.cti`, ...), which the
    // package's `overgang.cti` and the others re-export under the same names.
    submodule(m, "participant", participant::register_participant)?;
    submodule(m, "ten_step", ten_step::register)?;
    submodule(m, "outcomes", ten_step::register_outcomes)?;
    submodule(m, "cti", cti::register)?;
    submodule(m, "outreach", outreach::register)?;
    cohort::register(m)?;
    compare::register(m)?;
    array::register(m)?;
    errors::register(m)?;
    Ok(())
}
