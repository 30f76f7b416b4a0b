//! `questionnaire(id, lang)`: texts and scale for forms, as a dict.

use crate::errors::IntoPyResult;
use pyo3::prelude::*;

/// The texts of a questionnaire (`"who5"` or `"gse"`) in a language (default Danish; GSE
/// falls back to English and says so), with its scale.
#[pyfunction]
#[pyo3(signature = (id, lang = None))]
fn questionnaire<'py>(
    py: Python<'py>,
    id: &Bound<'py, PyAny>,
    lang: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    // Non-text ids are passed on as "" so the core reports them its own way.
    let id: String = id.extract().unwrap_or_default();
    let lang = match crate::convert::optional_text(py, "lang", lang)? {
        Some(tag) => tag,
        None => overgang::Language::default().as_str().to_string(),
    };
    let q = overgang::questionnaire::questionnaire_by_id(&id, &lang).into_py_result(py)?;
    Ok(pythonize::pythonize(py, &q)?)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(questionnaire, m)?)?;
    Ok(())
}
