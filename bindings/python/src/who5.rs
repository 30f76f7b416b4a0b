//! `score_who5`, `who5_change` and the `Who5Score` result class.

use crate::convert::{raw_answer, raw_answers};
use crate::errors::IntoPyResult;
use pyo3::prelude::*;

/// A scored WHO-5 questionnaire.
#[pyclass(name = "Who5Score", module = "overgang", frozen, eq)]
#[derive(PartialEq)]
pub struct Who5Score(overgang::who5::Who5Score);

#[pymethods]
impl Who5Score {
    /// Sum of the five answers, 0-25.
    #[getter]
    fn raw(&self) -> u8 {
        self.0.raw
    }
    /// Raw score x 4, 0-100.
    #[getter]
    fn index(&self) -> u8 {
        self.0.index
    }
    /// `"high_risk"` (0-35), `"risk"` (36-50) or `"no_immediate_risk"` (51-100).
    #[getter]
    fn band(&self) -> &'static str {
        self.0.band.as_str()
    }
    /// Raw score below 13 (WHO screening: poor wellbeing).
    #[getter]
    fn poor_wellbeing(&self) -> bool {
        self.0.poor_wellbeing
    }
    /// Raw score below 13 or any answer 0 or 1 (WHO screening: testing for depression advised).
    #[getter]
    fn depression_test_advised(&self) -> bool {
        self.0.depression_test_advised
    }
    /// Index 28 or below (WHO screening).
    #[getter]
    fn likely_depression(&self) -> bool {
        self.0.likely_depression
    }
    /// The result as a dict with the JSON keys.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pythonize::pythonize(py, &self.0)?)
    }
    fn __repr__(&self) -> String {
        format!(
            "Who5Score(raw={}, index={}, band='{}', poor_wellbeing={}, depression_test_advised={}, likely_depression={})",
            self.0.raw,
            self.0.index,
            self.0.band,
            py_bool(self.0.poor_wellbeing),
            py_bool(self.0.depression_test_advised),
            py_bool(self.0.likely_depression)
        )
    }
}

pub(crate) fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// Scores five WHO-5 answers (0-5; None = missing).
#[pyfunction]
fn score_who5(py: Python<'_>, answers: &Bound<'_, PyAny>) -> PyResult<Who5Score> {
    let answers = raw_answers(answers)
        .and_then(|a| a.ok_or_else(overgang::answer::not_a_list))
        .into_py_result(py)?;
    overgang::who5::score_answers(&answers)
        .map(Who5Score)
        .into_py_result(py)
}

/// Classifies the change between two WHO-5 indices.
#[pyfunction]
fn who5_change(
    py: Python<'_>,
    before: &Bound<'_, PyAny>,
    after: &Bound<'_, PyAny>,
) -> PyResult<&'static str> {
    overgang::who5::change_answers(raw_answer(before), raw_answer(after))
        .map(|c| c.as_str())
        .into_py_result(py)
}

/// The report's risk band of a WHO-5 index (a whole number 0-100).
#[pyfunction]
fn who5_band(py: Python<'_>, index: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    overgang::who5::band_answer(raw_answer(index))
        .map(|b| b.as_str())
        .into_py_result(py)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Who5Score>()?;
    m.add_function(wrap_pyfunction!(score_who5, m)?)?;
    m.add_function(wrap_pyfunction!(who5_change, m)?)?;
    m.add_function(wrap_pyfunction!(who5_band, m)?)?;
    Ok(())
}
