//! `Cohort`: read a project's data (JSON or CSV), validate it, report on it.

use crate::errors::IntoPyResult;
use overgang::cohort::csv::{CsvFile, CsvFiles};
use overgang::report::{read_options, RenderOptions, ReportOptions};
use overgang::{ErrorCode, ValidationError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use std::path::PathBuf;

/// A project's cohort: participants with their questionnaires, assessments and courses.
#[pyclass(name = "Cohort", module = "overgang", frozen)]
pub struct Cohort(pub(crate) overgang::cohort::Cohort);

/// A date given as `datetime.date` (or anything with `isoformat()`) or as ISO text.
fn date_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = value.extract::<String>() {
        return Ok(s);
    }
    value.call_method0("isoformat")?.extract()
}

/// Report and render options from keyword arguments, read by the core's one reader (so a
/// new option needs no change here). Dates may be `datetime.date`, `datetime.datetime`,
/// `pandas.Timestamp` or ISO text; lists (of ids) are passed as lists.
pub(crate) fn options(
    py: Python<'_>,
    named: Option<&Bound<'_, PyDict>>,
) -> PyResult<(ReportOptions, RenderOptions)> {
    let mut map = serde_json::Map::new();
    for (key, value) in named.into_iter().flat_map(|d| d.iter()) {
        // Keywords are Python identifiers; the core refuses unknown ones without echoing them.
        let key: String = key.extract()?;
        if value.is_none() {
            continue;
        }
        let json = if key == "as_of" {
            serde_json::Value::String(date_text(&value).map_err(|_| {
                crate::errors::to_py(
                    py,
                    ValidationError::single(
                        "as_of",
                        ErrorCode::InvalidFormat,
                        "as_of: expected a datetime.date or text YYYY-MM-DD",
                    ),
                )
            })?)
        } else if value.is_instance_of::<PyList>()
            || value.is_instance_of::<PyTuple>()
            || value.is_instance_of::<PyDict>()
        {
            crate::convert::document(py, &value)?
        } else {
            crate::convert::json_value(py, &key, &value)?
        };
        map.insert(key, json);
    }
    read_options(&serde_json::Value::Object(map)).into_py_result(py)
}

fn read(py: Python<'_>, field: &str, path: &PathBuf) -> PyResult<(String, String)> {
    let name = path
        .file_name()
        .map_or_else(|| field.to_string(), |n| n.to_string_lossy().into_owned());
    let too_big = std::fs::metadata(path)
        .map(|m| m.len() > overgang::limits::MAX_INPUT_BYTES as u64)
        .unwrap_or(false);
    if too_big {
        return Err(crate::errors::to_py(
            py,
            ValidationError::single(
                field,
                ErrorCode::TooLarge,
                format!(
                    "{field}: the file is larger than the {} MB limit",
                    overgang::limits::MAX_INPUT_BYTES / 1_000_000
                ),
            ),
        ));
    }
    let text = std::fs::read_to_string(path)?;
    Ok((name, text))
}

#[pymethods]
impl Cohort {
    /// Reads a cohort document: JSON text (`str` or `bytes`) or a `dict`. Raises
    /// ValidationError listing every problem.
    #[staticmethod]
    fn from_json(py: Python<'_>, document: &Bound<'_, PyAny>) -> PyResult<Cohort> {
        let value = crate::convert::document(py, document)?;
        py.detach(|| overgang::cohort::Cohort::from_value(&value))
            .map(Cohort)
            .into_py_result(py)
    }

    /// Reads CSV exports (paths): a participants file and optional long files, joined on `id`.
    /// Errors carry `location` = {file, line, column}.
    #[staticmethod]
    #[pyo3(signature = (participants = None, who5 = None, gse = None, ten_step = None, interventions = None, venues = None, visits = None, project = "Projekt"))]
    #[allow(clippy::too_many_arguments)]
    fn from_csv(
        py: Python<'_>,
        participants: Option<PathBuf>,
        who5: Option<PathBuf>,
        gse: Option<PathBuf>,
        ten_step: Option<PathBuf>,
        interventions: Option<PathBuf>,
        venues: Option<PathBuf>,
        visits: Option<PathBuf>,
        project: &str,
    ) -> PyResult<Cohort> {
        let read_opt = |field: &str, path: &Option<PathBuf>| {
            path.as_ref().map(|p| read(py, field, p)).transpose()
        };
        let (p, w, g, t, i, v, s) = (
            read_opt("participants", &participants)?,
            read_opt("who5", &who5)?,
            read_opt("gse", &gse)?,
            read_opt("ten_step", &ten_step)?,
            read_opt("interventions", &interventions)?,
            read_opt("venues", &venues)?,
            read_opt("visits", &visits)?,
        );
        fn file(x: &Option<(String, String)>) -> Option<CsvFile<'_>> {
            x.as_ref().map(|(name, text)| CsvFile { name, text })
        }
        let files = CsvFiles {
            participants: file(&p),
            who5: file(&w),
            gse: file(&g),
            ten_step: file(&t),
            interventions: file(&i),
            venues: file(&v),
            visits: file(&s),
        };
        overgang::cohort::Cohort::from_csv(project, &files)
            .map(Cohort)
            .into_py_result(py)
    }

    /// A generated synthetic cohort of `participants` people (deterministic for a seed), for
    /// benchmarks and tests.
    #[staticmethod]
    #[pyo3(signature = (participants, seed = None))]
    fn generate(
        py: Python<'_>,
        participants: &Bound<'_, PyAny>,
        seed: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Cohort> {
        // Both are checked by the core's rule for a whole number in a range, so -1, "5",
        // 2**63 and 1.5 are ValidationErrors, never OverflowError, TypeError or a panic.
        let count = |field: &str, v: &Bound<'_, PyAny>, max: u64| {
            overgang::answer::ranged_count(field, crate::convert::raw_answer(v), 0, max)
                .map_err(|e| ValidationError::new(vec![e]))
                .into_py_result(py)
        };
        let participants = count(
            "participants",
            participants,
            overgang::limits::MAX_PARTICIPANTS as u64,
        )? as usize;
        let seed = match seed {
            Some(s) => count("seed", s, u64::from(u32::MAX))?,
            None => 1,
        };
        let doc = py.detach(|| overgang::sample::generate(participants, seed));
        overgang::cohort::Cohort::from_value(&doc)
            .map(Cohort)
            .into_py_result(py)
    }

    /// The built-in synthetic sample cohort (80 participants over two years).
    #[staticmethod]
    fn sample() -> Cohort {
        Cohort(overgang::cohort::Cohort::sample())
    }

    /// The report as a dict with the documented JSON keys (docs/report.md).
    /// Options (keywords): `as_of`, `min_cell`, `min_wave`, `intervention_bins`; see docs/report.md.
    #[pyo3(signature = (**options))]
    fn report<'py>(
        &self,
        py: Python<'py>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (options, render) = self::options(py, options)?;
        if render != RenderOptions::default() {
            return Err(crate::errors::to_py(
                py,
                ValidationError::single(
                    "format",
                    ErrorCode::UnknownField,
                    "format, lang: options of render(), not of report()",
                ),
            ));
        }
        let cohort = &self.0;
        let report = py.detach(|| cohort.report(&options)).into_py_result(py)?;
        Ok(pythonize::pythonize(py, &report)?)
    }

    /// The report as text: format "md", "html", "csv" or "json"; lang "da" or "en".
    /// Options (keywords): `format` ("md", "html", "csv", "json"; default "md"), `lang`
    /// ("da", "en"; default "da") and the options of `report()`.
    #[pyo3(signature = (**options))]
    fn render(&self, py: Python<'_>, options: Option<&Bound<'_, PyDict>>) -> PyResult<String> {
        let (options, render) = self::options(py, options)?;
        let cohort = &self.0;
        let report = py.detach(|| cohort.report(&options)).into_py_result(py)?;
        Ok(overgang::report::render(&report, &render))
    }

    /// The cohort as a JSON document (readable again by `Cohort.from_json`).
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    fn __len__(&self) -> usize {
        self.0.participants.len()
    }

    fn __repr__(&self) -> String {
        format!("Cohort(participants={})", self.0.participants.len())
    }
}

/// The report and render options in effect for these keyword arguments, as one dict (the
/// defaults filled in), or a ValidationError: the same reader as `Cohort.report` and `render`.
#[pyfunction]
#[pyo3(signature = (**options))]
fn report_options<'py>(
    py: Python<'py>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let (report, render) = self::options(py, options)?;
    Ok(pythonize::pythonize(
        py,
        &overgang::report::options_json(&report, &render),
    )?)
}

/// The disclosure auditor: every figure of a report (a dict or JSON text, as `report()` gives
/// it) that could be worked out from its other figures, as `[{figure, code, value, from}]`.
/// Empty when the report is safe.
#[pyfunction]
fn audit<'py>(py: Python<'py>, report: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let value = crate::convert::document(py, report)?;
    let report = overgang::report::Report::from_value(&value).into_py_result(py)?;
    let findings = py.detach(|| overgang::report::audit(&report));
    Ok(pythonize::pythonize(py, &findings)?)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Cohort>()?;
    m.add_function(wrap_pyfunction!(audit, m)?)?;
    m.add_function(wrap_pyfunction!(report_options, m)?)?;
    Ok(())
}
