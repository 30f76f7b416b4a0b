//! The ten-step scale and life-situation areas.

use crate::convert::{document, raw_answer};
use crate::errors::IntoPyResult;
use pyo3::prelude::*;

/// The stage of a step 1-10: "survival", "stabilisation" or "integration".
#[pyfunction(name = "stage")]
fn ten_step_stage(py: Python<'_>, step: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    overgang::ten_step::stage_of(raw_answer(step))
        .map(|s| s.as_str())
        .into_py_result(py)
}

/// Dimension values (means of rated areas; None when none is rated) of `{area: step}`.
#[pyfunction(name = "dimensions")]
#[pyo3(signature = (ratings, mapping = None))]
fn ten_step_dimensions<'py>(
    py: Python<'py>,
    ratings: &Bound<'py, PyAny>,
    mapping: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let ratings = document(py, ratings)?;
    let mapping = mapping.map(|m| document(py, m)).transpose()?;
    let values =
        overgang::ten_step::dimensions_of(&ratings, mapping.as_ref()).into_py_result(py)?;
    Ok(pythonize::pythonize(py, &values)?)
}

/// Development per area over assessments `[{date, ratings}]`.
#[pyfunction(name = "development")]
fn ten_step_development<'py>(
    py: Python<'py>,
    assessments: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let value = document(py, assessments)?;
    let dev = overgang::ten_step::development_of(&value).into_py_result(py)?;
    Ok(pythonize::pythonize(py, &dev)?)
}

/// Validates an assessment `{date, ratings}` and returns it as a dict.
#[pyfunction]
fn assessment_from_json<'py>(
    py: Python<'py>,
    doc: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let value = document(py, doc)?;
    let a = overgang::ten_step::Assessment::from_value(&value).into_py_result(py)?;
    Ok(pythonize::pythonize(py, &a)?)
}

/// Validates a life-situation reading `{date, ratings}` and returns it as a dict.
#[pyfunction]
fn reading_from_json<'py>(py: Python<'py>, doc: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let value = document(py, doc)?;
    let r = overgang::outcomes::Reading::from_value(&value).into_py_result(py)?;
    Ok(pythonize::pythonize(py, &r)?)
}

/// The journey-of-change stage of a life-situation rating 1-10.
#[pyfunction(name = "stage")]
fn outcome_stage(py: Python<'_>, rating: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    overgang::outcomes::stage_of(raw_answer(rating))
        .map(|s| s.as_str())
        .into_py_result(py)
}

/// Distance travelled between two ratings: {steps, class}.
#[pyfunction(name = "distance")]
fn outcome_distance<'py>(
    py: Python<'py>,
    first: &Bound<'py, PyAny>,
    latest: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let d = overgang::outcomes::distance_of(raw_answer(first), raw_answer(latest))
        .into_py_result(py)?;
    Ok(pythonize::pythonize(py, &d)?)
}

/// The native `overgang._overgang.ten_step` module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(ten_step_stage, m)?)?;
    m.add_function(wrap_pyfunction!(ten_step_dimensions, m)?)?;
    m.add_function(wrap_pyfunction!(ten_step_development, m)?)?;
    m.add_function(wrap_pyfunction!(assessment_from_json, m)?)?;
    Ok(())
}

/// The native `overgang._overgang.outcomes` module.
pub fn register_outcomes(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(outcome_stage, m)?)?;
    m.add_function(wrap_pyfunction!(outcome_distance, m)?)?;
    m.add_function(wrap_pyfunction!(reading_from_json, m)?)?;
    Ok(())
}
