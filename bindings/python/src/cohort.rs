//! `Cohort`: read a project's data (JSON or CSV), validate it, report on it.

use crate::errors::IntoPyResult;
use overgang::cohort::csv::{CsvFile, CsvFiles};
use overgang::report::{Format, ReportOptions};
use overgang::{ErrorCode, Language, ValidationError};
use pyo3::prelude::*;
use std::path::PathBuf;

/// A project's cohort: participants with their questionnaires, assessments and courses.
#[pyclass(name = "Cohort", module = "overgang", frozen)]
pub struct Cohort(overgang::cohort::Cohort);

/// A date given as `datetime.date` (or anything with `isoformat()`) or as ISO text.
fn date_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = value.extract::<String>() {
        return Ok(s);
    }
    value.call_method0("isoformat")?.extract()
}

fn options(
    py: Python<'_>,
    as_of: Option<&Bound<'_, PyAny>>,
    min_cell: Option<&Bound<'_, PyAny>>,
    min_wave: Option<&Bound<'_, PyAny>>,
    intervention_bins: Option<&Bound<'_, PyAny>>,
) -> PyResult<ReportOptions> {
    let mut options = ReportOptions::default();
    if let Some(v) = intervention_bins.filter(|v| !v.is_none()) {
        let n = overgang::answer::count("intervention_bins", crate::convert::raw_answer(v))
            .map_err(|e| ValidationError::new(vec![e]))
            .into_py_result(py)?;
        options.intervention_bins = usize::try_from(n).unwrap_or(usize::MAX);
    }
    for (field, value, slot) in [
        ("min_cell", min_cell, &mut options.min_cell),
        ("min_wave", min_wave, &mut options.min_wave),
    ] {
        if let Some(v) = value.filter(|v| !v.is_none()) {
            *slot = overgang::answer::count(field, crate::convert::raw_answer(v))
                .map_err(|e| ValidationError::new(vec![e]))
                .into_py_result(py)?;
        }
    }
    if let Some(d) = as_of {
        let text = date_text(d).map_err(|_| {
            crate::errors::to_py(
                py,
                ValidationError::single(
                    "as_of",
                    ErrorCode::InvalidFormat,
                    "as_of: expected a datetime.date or text YYYY-MM-DD",
                ),
            )
        })?;
        options.as_of = Some(
            overgang::json::parse_date("as_of", &text)
                .map_err(|e| ValidationError::new(vec![e]))
                .into_py_result(py)?,
        );
    }
    Ok(options)
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
    /// Reads a cohort document (JSON text). Raises ValidationError listing every problem.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Cohort> {
        overgang::cohort::Cohort::from_json(text)
            .map(Cohort)
            .into_py_result(py)
    }

    /// Reads CSV exports (paths): a participants file and optional long files, joined on `id`.
    /// Errors carry `location` = {file, line, column}.
    #[staticmethod]
    #[pyo3(signature = (participants, who5 = None, gse = None, ten_step = None, interventions = None, project = "Projekt"))]
    fn from_csv(
        py: Python<'_>,
        participants: PathBuf,
        who5: Option<PathBuf>,
        gse: Option<PathBuf>,
        ten_step: Option<PathBuf>,
        interventions: Option<PathBuf>,
        project: &str,
    ) -> PyResult<Cohort> {
        let p = read(py, "participants", &participants)?;
        let read_opt = |field: &str, path: &Option<PathBuf>| {
            path.as_ref().map(|p| read(py, field, p)).transpose()
        };
        let (w, g, t, i) = (
            read_opt("who5", &who5)?,
            read_opt("gse", &gse)?,
            read_opt("ten_step", &ten_step)?,
            read_opt("interventions", &interventions)?,
        );
        fn file(x: &Option<(String, String)>) -> Option<CsvFile<'_>> {
            x.as_ref().map(|(name, text)| CsvFile { name, text })
        }
        let files = CsvFiles {
            participants: Some(CsvFile {
                name: &p.0,
                text: &p.1,
            }),
            who5: file(&w),
            gse: file(&g),
            ten_step: file(&t),
            interventions: file(&i),
        };
        overgang::cohort::Cohort::from_csv(project, &files)
            .map(Cohort)
            .into_py_result(py)
    }

    /// A generated synthetic cohort of `participants` people (deterministic for a seed), for
    /// benchmarks and tests.
    #[staticmethod]
    #[pyo3(signature = (participants, seed = 1))]
    fn generate(py: Python<'_>, participants: usize, seed: u64) -> PyResult<Cohort> {
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
    #[pyo3(signature = (as_of = None, min_cell = None, min_wave = None, intervention_bins = None))]
    fn report<'py>(
        &self,
        py: Python<'py>,
        as_of: Option<&Bound<'py, PyAny>>,
        min_cell: Option<&Bound<'py, PyAny>>,
        min_wave: Option<&Bound<'py, PyAny>>,
        intervention_bins: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = options(py, as_of, min_cell, min_wave, intervention_bins)?;
        let cohort = &self.0;
        let report = py.detach(|| cohort.report(&options)).into_py_result(py)?;
        Ok(pythonize::pythonize(py, &report)?)
    }

    /// The report as text: format "md", "html", "csv" or "json"; lang "da" or "en".
    #[pyo3(signature = (format = None, lang = None, as_of = None, min_cell = None, min_wave = None, intervention_bins = None))]
    fn render(
        &self,
        py: Python<'_>,
        format: Option<&Bound<'_, PyAny>>,
        lang: Option<&Bound<'_, PyAny>>,
        as_of: Option<&Bound<'_, PyAny>>,
        min_cell: Option<&Bound<'_, PyAny>>,
        min_wave: Option<&Bound<'_, PyAny>>,
        intervention_bins: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let format: Format = crate::convert::optional_text(py, "format", format)?
            .unwrap_or_else(|| "md".into())
            .parse()
            .into_py_result(py)?;
        let lang = crate::convert::optional_text(py, "lang", lang)?.unwrap_or_else(|| "da".into());
        let lang = Language::parse(&lang)
            .ok_or_else(|| {
                ValidationError::single(
                    "lang",
                    ErrorCode::UnknownValue,
                    "lang: unknown value; allowed: da, en",
                )
            })
            .into_py_result(py)?;
        let options = options(py, as_of, min_cell, min_wave, intervention_bins)?;
        let report = self.0.report(&options).into_py_result(py)?;
        Ok(overgang::report::render(&report, format, lang))
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

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Cohort>()?;
    Ok(())
}
