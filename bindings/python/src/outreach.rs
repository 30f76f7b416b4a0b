//! Outreach: municipality codes, venue codes, country codes and outreach documents.

use crate::convert::{document, json_value, text};
use crate::errors::IntoPyResult;
use overgang::ValidationError;
use pyo3::prelude::*;

/// A Danish municipality code (a whole number or three-digit text) as `{code, name, region,
/// region_code}`; raises ValidationError for anything else.
#[pyfunction]
fn municipality<'py>(py: Python<'py>, code: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let value = json_value(py, "municipality", code)?;
    let m = overgang::municipality::MunicipalityCode::from_value("municipality", &value)
        .map_err(|e| ValidationError::new(vec![e]))
        .into_py_result(py)?;
    Ok(pythonize::pythonize(py, &m.facts())?)
}

/// Returns a venue's code when it is valid (the project's own code; never an address, a name
/// or a phone number).
#[pyfunction]
fn validate_venue_id(py: Python<'_>, code: &Bound<'_, PyAny>) -> PyResult<String> {
    let code = text(py, "id", code)?;
    overgang::outreach::VenueId::new(&code)
        .map(|v| v.as_str().to_string())
        .into_py_result(py)
}

/// An ISO 3166-1 alpha-2 country code (any case), upper-cased.
#[pyfunction]
fn country(py: Python<'_>, code: &Bound<'_, PyAny>) -> PyResult<String> {
    let code = text(py, "nationalities", code)?;
    overgang::outreach::CountryCode::parse("nationalities", &code)
        .map(|c| c.as_str().to_string())
        .map_err(|e| ValidationError::new(vec![e]))
        .into_py_result(py)
}

/// Validates an outreach document `{venues, outreach_visits, outreach_targets}` (text or
/// dict); returns it with its JSON keys and what visits take from their venues.
#[pyfunction(name = "from_json")]
fn outreach_from_json<'py>(
    py: Python<'py>,
    doc: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let value = document(py, doc)?;
    let o = overgang::outreach::Outreach::from_value(&value).into_py_result(py)?;
    Ok(pythonize::pythonize(py, &o)?)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(municipality, m)?)?;
    m.add_function(wrap_pyfunction!(validate_venue_id, m)?)?;
    m.add_function(wrap_pyfunction!(country, m)?)?;
    m.add_function(wrap_pyfunction!(outreach_from_json, m)?)?;
    Ok(())
}
