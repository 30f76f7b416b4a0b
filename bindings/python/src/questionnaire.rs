//! `questionnaire(id, language)`: texts for forms, as a dict.

use crate::errors::IntoPyResult;
use pyo3::prelude::*;

/// The texts of a questionnaire (`"who5"` or `"gse"`) in a language, falling back to English.
#[pyfunction]
#[pyo3(signature = (id, language = None))]
fn questionnaire<'py>(
    py: Python<'py>,
    id: &Bound<'py, PyAny>,
    language: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    // Non-text ids and languages are passed on as "" so the core reports them its own way.
    let id: String = id.extract().unwrap_or_default();
    let language: String = language
        .map_or_else(|| Ok("en".to_string()), |l| l.extract())
        .unwrap_or_default();
    let q = overgang::questionnaire::questionnaire_by_id(&id, &language).into_py_result(py)?;
    Ok(pythonize::pythonize(py, &q)?)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(questionnaire, m)?)?;
    Ok(())
}
