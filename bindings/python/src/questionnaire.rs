//! `questionnaire(id, language)`: texts for forms, as a dict.

use crate::errors::IntoPyResult;
use pyo3::prelude::*;

/// The texts of a questionnaire (`"who5"` or `"gse"`) in a language, falling back to English.
#[pyfunction]
#[pyo3(signature = (id, language = "en"))]
fn questionnaire<'py>(py: Python<'py>, id: &str, language: &str) -> PyResult<Bound<'py, PyAny>> {
    let q = overgang::questionnaire::questionnaire_by_id(id, language).into_py_result(py)?;
    Ok(pythonize::pythonize(py, &q)?)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(questionnaire, m)?)?;
    Ok(())
}
