//! `score_gse` and the `GseScore` result class.

use crate::convert::raw_answers;
use crate::errors::IntoPyResult;
use crate::who5::py_bool;
use pyo3::prelude::*;

/// A scored General Self-Efficacy Scale.
#[pyclass(name = "GseScore", module = "overgang", frozen, eq)]
#[derive(PartialEq)]
pub struct GseScore(overgang::gse::GseScore);

#[pymethods]
impl GseScore {
    /// Sum score 10.0-40.0 (mean of answered items x 10 when imputed).
    #[getter]
    fn score(&self) -> f64 {
        self.0.score
    }
    /// Mean of the answered items, 1.0-4.0.
    #[getter]
    fn mean(&self) -> f64 {
        self.0.mean
    }
    /// Items answered, 7-10.
    #[getter]
    fn answered(&self) -> u8 {
        self.0.answered
    }
    /// Whether missing items were imputed.
    #[getter]
    fn imputed(&self) -> bool {
        self.0.imputed
    }
    /// The result as a dict with the JSON keys.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pythonize::pythonize(py, &self.0)?)
    }
    fn __repr__(&self) -> String {
        format!(
            "GseScore(score={:?}, mean={:?}, answered={}, imputed={})",
            self.0.score,
            self.0.mean,
            self.0.answered,
            py_bool(self.0.imputed)
        )
    }
}

/// Scores ten GSE answers (1-4; None = missing, at most 3).
#[pyfunction]
fn score_gse(py: Python<'_>, answers: &Bound<'_, PyAny>) -> PyResult<GseScore> {
    let answers = raw_answers(answers)
        .and_then(|a| a.ok_or_else(overgang::answer::not_a_list))
        .into_py_result(py)?;
    overgang::gse::score_answers(&answers)
        .map(GseScore)
        .into_py_result(py)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<GseScore>()?;
    m.add_function(wrap_pyfunction!(score_gse, m)?)?;
    Ok(())
}
