//! `compare`: projects side by side (seed 001 Table 1), one column per cohort.

use crate::cohort::Cohort;
use crate::errors::IntoPyResult;
use overgang::report::RenderOptions;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// A path (`str` or `os.PathLike`) to a workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`).
fn workbook_path(item: &Bound<'_, PyAny>) -> Option<std::path::PathBuf> {
    let path: std::path::PathBuf = item.extract().ok()?;
    overgang::cohort::sheet::is_workbook(&path.to_string_lossy()).then_some(path)
}

/// Projects side by side: participants, mean months, mean age, share of women and the WHO-5
/// first wave, one entry per cohort. Each item is a `Cohort`, a path to a workbook (read as
/// `Cohort.from_csv` reads it; the project is the file's name) or a document
/// `Cohort.from_json` reads. Options are those of `Cohort.report`; with `format` (and `lang`) the result is text
/// in that format, otherwise a dict with the JSON keys (`{"projects": [...]}`).
#[pyfunction]
#[pyo3(signature = (cohorts, **options))]
fn compare<'py>(
    py: Python<'py>,
    cohorts: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let wants_text = options.is_some_and(|o| o.contains("format").unwrap_or(false));
    let (report, render) = crate::cohort::options(py, options)?;
    if cohorts.is_instance_of::<pyo3::types::PyString>()
        || cohorts.is_instance_of::<pyo3::types::PyDict>()
    {
        return Err(pyo3::exceptions::PyTypeError::new_err(
            "cohorts: expected a list of Cohort objects or documents",
        ));
    }
    // Read lazily and at most one more than the core's limit, which refuses it: `range(2**62)`
    // is never materialised.
    let mut list = Vec::new();
    for c in cohorts.try_iter()? {
        let c = c?;
        if list.len() > overgang::report::compare::MAX_COMPARE_PROJECTS {
            break;
        }
        if let Ok(c) = c.cast::<Cohort>() {
            list.push(c.get().0.clone());
        } else if let Some(path) = workbook_path(&c) {
            list.push(crate::cohort::from_workbook(py, &path)?.0);
        } else {
            let value = crate::convert::document(py, &c)?;
            list.push(overgang::cohort::Cohort::from_value(&value).into_py_result(py)?);
        }
    }
    let comparison = py
        .detach(|| overgang::cohort::compare(&list, &report))
        .into_py_result(py)?;
    if wants_text || render != RenderOptions::default() {
        let text = overgang::report::render_comparison(&comparison, &render);
        return Ok(text.into_pyobject(py)?.into_any());
    }
    Ok(pythonize::pythonize(py, &comparison)?)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(compare, m)?)
}
