//! Maps the core's `ValidationError` to the Python `overgang.ValidationError` (a `ValueError`).

use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Builds `overgang.ValidationError(message, errors)`, where `errors` is a list of dicts
/// `{field, code, message}`. The class is defined in Python (`overgang/_errors.py`).
pub fn to_py(py: Python<'_>, err: overgang::ValidationError) -> PyErr {
    match build(py, &err) {
        Ok(e) => e,
        Err(e) => e,
    }
}

fn build(py: Python<'_>, err: &overgang::ValidationError) -> PyResult<PyErr> {
    let class = py.import("overgang._errors")?.getattr("ValidationError")?;
    let list = err
        .errors()
        .iter()
        .map(|e| {
            let d = PyDict::new(py);
            d.set_item("field", &e.field)?;
            d.set_item("code", e.code.as_str())?;
            d.set_item("message", &e.message)?;
            if let Some(at) = &e.location {
                let loc = PyDict::new(py);
                loc.set_item("file", &at.file)?;
                loc.set_item("line", at.line)?;
                loc.set_item("column", at.column.as_deref())?;
                d.set_item("location", loc)?;
            }
            if let Some(ctx) = &e.context {
                d.set_item("context", pythonize::pythonize(py, ctx)?)?;
            }
            Ok(d)
        })
        .collect::<PyResult<Vec<_>>>()?;
    let instance = class.call1((err.to_string(), list))?;
    Ok(PyErr::from_value(instance))
}

/// Extension: `result.map_err(|e| errors::to_py(py, e))` in one call.
pub trait IntoPyResult<T> {
    /// Converts a core result into a Python result.
    fn into_py_result(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, overgang::ValidationError> {
    fn into_py_result(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py(py, e))
    }
}

/// `ValidationError.summary()`: the core's grouping of a list of error dicts, as
/// `(dict, text)`.
#[pyfunction]
fn _error_summary<'py>(
    py: Python<'py>,
    errors: &Bound<'py, PyAny>,
) -> PyResult<(Bound<'py, PyAny>, String)> {
    let list: Vec<overgang::FieldError> = pythonize::depythonize(errors)?;
    if list.is_empty() {
        let empty = PyDict::new(py);
        empty.set_item("total", 0)?;
        empty.set_item("groups", pyo3::types::PyList::empty(py))?;
        return Ok((empty.into_any(), "0 problems\n".to_string()));
    }
    let summary = overgang::ValidationError::new(list).summary();
    Ok((pythonize::pythonize(py, &summary)?, summary.to_string()))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_error_summary, m)?)?;
    Ok(())
}
