//! Participants, pseudonyms and id lists for forms.

use crate::convert::{document, raw_answer};
use crate::errors::IntoPyResult;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

/// Returns the ID if it is a valid pseudonymous ID; raises ValidationError (field `id`).
#[pyfunction]
fn validate_id(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
    let text = crate::convert::text(py, "id", text)?;
    overgang::participant::ParticipantId::new(&text)
        .map(|id| id.as_str().to_string())
        .into_py_result(py)
}

/// A keyed, deterministic pseudonym: PREFIX-<16 base32 characters of HMAC-SHA256>.
#[pyfunction]
fn pseudonym(
    py: Python<'_>,
    key: &Bound<'_, PyAny>,
    local_id: &Bound<'_, PyAny>,
    prefix: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let key: Vec<u8> = if let Ok(b) = key.cast::<PyBytes>() {
        b.as_bytes().to_vec()
    } else if let Ok(s) = key.cast::<PyString>() {
        crate::convert::text(py, "key", s.as_any())?.into_bytes()
    } else {
        Vec::new() // refused by the core as a missing key
    };
    let (local_id, prefix) = (
        crate::convert::text(py, "local_id", local_id)?,
        crate::convert::text(py, "prefix", prefix)?,
    );
    overgang::participant::pseudonym(&key, &local_id, &prefix)
        .map(|id| id.as_str().to_string())
        .into_py_result(py)
}

/// The report's age band of an age in years (18 or more).
#[pyfunction]
fn age_band(py: Python<'_>, age: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    overgang::participant::age_band_of(raw_answer(age))
        .map(|b| b.as_str())
        .into_py_result(py)
}

/// Validates a participant (JSON text or a dict) and returns it as a dict with the JSON keys.
#[pyfunction(name = "from_json")]
fn participant_from_json<'py>(
    py: Python<'py>,
    doc: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let value = document(py, doc)?;
    let p = overgang::participant::Participant::from_value(&value).into_py_result(py)?;
    Ok(pythonize::pythonize(py, &p)?)
}

/// Validates a participant (dict or JSON text) and returns it as JSON text.
#[pyfunction(name = "to_json")]
fn participant_to_json(py: Python<'_>, doc: &Bound<'_, PyAny>) -> PyResult<String> {
    let value = document(py, doc)?;
    overgang::participant::Participant::from_value(&value)
        .map(|p| p.to_json())
        .into_py_result(py)
}

/// Validates a participant record as the cohort report reads it (registration plus `who5`,
/// `gse`, `ten_step`, `outcomes`, `cti`); returns it as a dict with the JSON keys.
#[pyfunction]
fn record_from_json<'py>(py: Python<'py>, doc: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let value = document(py, doc)?;
    let m = overgang::cohort::ParticipantRecord::from_value(&value).into_py_result(py)?;
    Ok(pythonize::pythonize(py, &m)?)
}

/// Ids and labels for a form: `options("interventions", "da")` -> [{id, label}].
#[pyfunction]
#[pyo3(signature = (kind, lang = None))]
fn options<'py>(
    py: Python<'py>,
    kind: &Bound<'py, PyAny>,
    lang: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let kind = crate::convert::text(py, "kind", kind)?;
    let lang = crate::convert::language(py, lang)?;
    let list = overgang::catalogue::options(&kind, lang).into_py_result(py)?;
    Ok(pythonize::pythonize(py, &list)?)
}

/// The message of one problem (an element of `ValidationError.errors`) in a language, from
/// its code and context: `error_message(e.errors[0], "da")`.
#[pyfunction]
#[pyo3(signature = (error, lang = None))]
fn error_message(
    py: Python<'_>,
    error: &Bound<'_, PyAny>,
    lang: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let lang = crate::convert::language(py, lang)?;
    let error: overgang::FieldError = pythonize::depythonize(error).map_err(|_| {
        crate::errors::to_py(
            py,
            overgang::ValidationError::single(
                "error",
                overgang::ErrorCode::InvalidFormat,
                "error: expected a problem as ValidationError.errors holds it: {field, code, message, context?}",
            ),
        )
    })?;
    Ok(overgang::catalogue::message(&error, lang))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(error_message, m)?)?;
    m.add_function(wrap_pyfunction!(validate_id, m)?)?;
    m.add_function(wrap_pyfunction!(pseudonym, m)?)?;
    m.add_function(wrap_pyfunction!(age_band, m)?)?;
    m.add_function(wrap_pyfunction!(options, m)?)?;
    m.add("OPTION_KINDS", overgang::catalogue::KINDS.to_vec())?;
    Ok(())
}

/// The native `overgang._overgang.participant` module.
pub fn register_participant(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(participant_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(participant_to_json, m)?)?;
    m.add_function(wrap_pyfunction!(record_from_json, m)?)?;
    Ok(())
}
