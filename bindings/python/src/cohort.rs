//! `Cohort`: read a project's data (JSON or CSV), validate it, report on it.

use crate::errors::IntoPyResult;
use overgang::cohort::csv::{CsvFile, CsvFiles, CsvOptions, Encoding, OnError};
use overgang::cohort::sheet::{add_by_header, is_workbook, read_workbook};
use overgang::report::{read_options, RenderOptions, ReportOptions};
use overgang::{ErrorCode, ValidationError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use std::path::PathBuf;

/// A project's cohort: participants with their questionnaires, assessments and courses.
#[pyclass(name = "Cohort", module = "overgang", frozen)]
pub struct Cohort(
    pub(crate) overgang::cohort::Cohort,
    /// Rows left out when read with `on_error="drop"`, shown in the report's `excluded`.
    pub(crate) Option<overgang::report::Excluded>,
);

impl Cohort {
    fn strict(cohort: overgang::cohort::Cohort) -> Cohort {
        Cohort(cohort, None)
    }
}

/// A date given as `datetime.date`, `datetime.datetime` or `pandas.Timestamp` (its date; a
/// time of day other than midnight is refused) or as ISO text.
fn date_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = value.extract::<String>() {
        return Ok(s);
    }
    crate::convert::date_text(value)
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

/// Reads a file's bytes: a missing file is a `FileNotFoundError` naming the path given.
fn read_bytes(py: Python<'_>, field: &str, path: &PathBuf) -> PyResult<(String, Vec<u8>)> {
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
    let bytes = std::fs::read(path).map_err(|e| io_error(path, &e).prefix(field))?;
    Ok((name, bytes))
}

/// A file that cannot be opened or read, as the matching Python exception naming the path.
fn io_error(path: &std::path::Path, e: &std::io::Error) -> IoFailure {
    // The path is the caller's text: only a short file name without a CPR number or a
    // control character is repeated (never the folders, never a name like `010190-1234`).
    let shown = path
        .file_name()
        .and_then(|n| n.to_str())
        .filter(|n| {
            n.chars().count() <= 64
                && !n.chars().any(char::is_control)
                && !overgang::privacy::contains_cpr(n)
        })
        .unwrap_or("the file");
    IoFailure(format!("cannot read {shown} ({})", e.kind()), e.kind())
}

/// An I/O failure on its way to a Python exception, optionally prefixed by the argument name.
struct IoFailure(String, std::io::ErrorKind);

impl IoFailure {
    fn prefix(self, field: &str) -> IoFailure {
        IoFailure(format!("{field}: {}", self.0), self.1)
    }
}

impl From<IoFailure> for PyErr {
    fn from(IoFailure(message, kind): IoFailure) -> PyErr {
        match kind {
            std::io::ErrorKind::NotFound => pyo3::exceptions::PyFileNotFoundError::new_err(message),
            std::io::ErrorKind::PermissionDenied => {
                pyo3::exceptions::PyPermissionError::new_err(message)
            }
            _ => pyo3::exceptions::PyOSError::new_err(message),
        }
    }
}

/// Entries of a `columns` map, checked before converting it.
const MAX_COLUMNS: usize = 1_000;

/// The core's CSV options from `encoding`, `columns` (a dict or pairs) and `on_error`.
pub fn csv_options(
    py: Python<'_>,
    encoding: &str,
    columns: Option<&Bound<'_, PyAny>>,
    on_error: &str,
) -> PyResult<CsvOptions> {
    let mut errors = Vec::new();
    let encoding = Encoding::parse(encoding).unwrap_or_else(|e| {
        errors.push(e);
        Encoding::Auto
    });
    let on_error = OnError::parse(on_error).unwrap_or_else(|e| {
        errors.push(e);
        OnError::Fail
    });
    if !errors.is_empty() {
        return Err(ValidationError::new(errors)).into_py_result(py);
    }
    let options = CsvOptions::default()
        .with_encoding(encoding)
        .with_on_error(on_error);
    let Some(columns) = columns.filter(|c| !c.is_none()) else {
        return Ok(options);
    };
    // Counted before converting: `range(2**62)` is refused, not materialised.
    let bounded = columns.len().is_ok_and(|n| n <= MAX_COLUMNS);
    let pairs: Vec<(String, String)> = match columns.cast::<PyDict>() {
        _ if !bounded => Err(pyo3::exceptions::PyValueError::new_err("")),
        Ok(d) => d
            .iter()
            .map(|(k, v)| Ok((k.extract::<String>()?, v.extract::<String>()?)))
            .collect::<PyResult<_>>(),
        Err(_) => columns.extract(),
    }
    .map_err(|_| {
        crate::errors::to_py(
            py,
            ValidationError::single(
                "columns",
                ErrorCode::InvalidFormat,
                "columns: expected a dict of text {header: column}, e.g. {\"q1\": \"item1\"}",
            ),
        )
    })?;
    options.with_columns(&pairs).into_py_result(py)
}

/// Reads CSV texts `(name, text)` by kind, and sheets of workbooks by their headers, into a
/// cohort (the CSV reader, with its options).
fn from_texts(
    py: Python<'_>,
    project: &str,
    texts: [&Option<(String, String)>; 7],
    sheets: &[(String, String)],
    options: &CsvOptions,
) -> PyResult<Cohort> {
    fn file(x: &Option<(String, String)>) -> Option<CsvFile<'_>> {
        x.as_ref().map(|(name, text)| CsvFile { name, text })
    }
    let [p, w, g, t, i, v, s] = texts;
    let mut files = CsvFiles {
        participants: file(p),
        who5: file(w),
        gse: file(g),
        ten_step: file(t),
        interventions: file(i),
        venues: file(v),
        visits: file(s),
    };
    let problems: Vec<_> = sheets
        .iter()
        .filter_map(|(name, text)| add_by_header(&mut files, name, text, options).err())
        .collect();
    if !problems.is_empty() {
        return Err(ValidationError::new(problems)).into_py_result(py);
    }
    py.detach(|| overgang::cohort::Cohort::from_csv_with(project, &files, options))
        .map(|(c, x)| Cohort(c, x))
        .into_py_result(py)
}

/// Reads a workbook file into its recognised sheets (`file:sheet`, CSV text).
fn workbook_sheets(
    py: Python<'_>,
    field: &str,
    path: &PathBuf,
    options: &CsvOptions,
) -> PyResult<Vec<(String, String)>> {
    let (name, bytes) = read_bytes(py, field, path)?;
    py.detach(|| read_workbook(&name, &bytes, options))
        .into_py_result(py)
}

/// A cohort of one workbook (`compare`): every sheet by its header; the project is the file's
/// name without its extension.
pub(crate) fn from_workbook(py: Python<'_>, path: &PathBuf) -> PyResult<Cohort> {
    let options = CsvOptions::default();
    let sheets = workbook_sheets(py, "cohorts", path, &options)?;
    let project = path.file_stem().map_or_else(
        || "Projekt".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    from_texts(
        py,
        &project,
        [&None, &None, &None, &None, &None, &None, &None],
        &sheets,
        &options,
    )
}

impl Cohort {
    /// The report, with the rows left out (if any) in `excluded`.
    fn compute(
        &self,
        py: Python<'_>,
        options: &ReportOptions,
    ) -> PyResult<overgang::report::Report> {
        let cohort = &self.0;
        let mut report = py.detach(|| cohort.report(options)).into_py_result(py)?;
        report.set_excluded(self.1.clone());
        Ok(report)
    }
}

#[pymethods]
impl Cohort {
    /// Reads a cohort document: JSON text (`str` or `bytes`) or a `dict`. Raises
    /// ValidationError listing every problem.
    #[staticmethod]
    fn from_json(py: Python<'_>, document: &Bound<'_, PyAny>) -> PyResult<Cohort> {
        let text = crate::convert::document_text(py, document)?;
        // Read participant by participant without the GIL: other threads go on meanwhile.
        py.detach(|| overgang::cohort::Cohort::from_json(&text))
            .map(Cohort::strict)
            .into_py_result(py)
    }

    /// Reads a cohort document from a file without holding its text in memory (participant by
    /// participant, without the GIL). `progress` is a callable `progress(bytes_read,
    /// total_bytes, participants)` called as the file is read, or `True` for a `tqdm` bar when
    /// tqdm is installed (nothing otherwise).
    #[staticmethod]
    #[pyo3(signature = (path, progress = None))]
    fn from_file(
        py: Python<'_>,
        path: PathBuf,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Cohort> {
        let file = std::fs::File::open(&path).map_err(|e| io_error(&path, &e))?;
        let total = file.metadata().map(|m| m.len()).unwrap_or(0);
        let report = crate::progress::Reporter::new(py, progress, total)?;
        let result = py.detach(|| {
            overgang::cohort::Cohort::from_reader_with_progress(file, &mut |p| report.update(p))
        });
        report.close(py)?;
        result.map(Cohort::strict).into_py_result(py)
    }

    /// Reads CSV exports (paths): a participants file and optional long files, joined on `id`.
    /// A workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`) in any place gives every sheet whose
    /// header is recognised, by its header (date cells as dates); `from_csv("registrering.xlsx")`
    /// reads a whole registration workbook. Errors carry `location` = {file, line, column}
    /// (`file.xlsx:Sheet` for a sheet).
    ///
    /// Files are read as Danish Excel and SurveyXact write them: `encoding` "auto" (UTF-8
    /// with or without BOM, else Windows-1252), "utf-8" or "windows-1252"; `columns` maps
    /// other exports' headers to the library's (`{"q1": "item1", "køn": "gender"}`); labels in
    /// Danish or English, day-first dates and decimal commas are read. `on_error="drop"` leaves
    /// out rows with problems and counts them in the report's `excluded`.
    #[staticmethod]
    #[pyo3(signature = (participants = None, who5 = None, gse = None, ten_step = None, interventions = None, venues = None, visits = None, project = "Projekt", encoding = "auto", columns = None, on_error = "fail"))]
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
        encoding: &str,
        columns: Option<&Bound<'_, PyAny>>,
        on_error: &str,
    ) -> PyResult<Cohort> {
        let options = csv_options(py, encoding, columns, on_error)?;
        let mut texts: [Option<(String, String)>; 7] = Default::default();
        let mut sheets = Vec::new();
        let mut problems = Vec::new();
        for (slot, (field, path)) in texts.iter_mut().zip([
            ("participants", &participants),
            ("who5", &who5),
            ("gse", &gse),
            ("ten_step", &ten_step),
            ("interventions", &interventions),
            ("venues", &venues),
            ("visits", &visits),
        ]) {
            let Some(path) = path else { continue };
            if is_workbook(&path.to_string_lossy()) {
                sheets.extend(workbook_sheets(py, field, path, &options)?);
                continue;
            }
            let (name, bytes) = read_bytes(py, field, path)?;
            match overgang::cohort::csv::decode(&name, &bytes, options.encoding) {
                Ok(text) => *slot = Some((name, text)),
                Err(e) => problems.extend(e.into_errors()),
            }
        }
        if !problems.is_empty() {
            return Err(ValidationError::new(problems)).into_py_result(py);
        }
        let [a, b, c, d, e, f, g] = &texts;
        from_texts(py, project, [a, b, c, d, e, f, g], &sheets, &options)
    }

    /// Reads DataFrames (participants, who5, gse, ten_step, interventions, venues, visits)
    /// with the same reading as CSV: columns as in the CSV files (or mapped by `columns`),
    /// labels in Danish or English, dates as datetime64, `Timestamp`, `date` or text, nullable
    /// dtypes, NaN and None as missing. Errors name the frame and its row as `location`
    /// (`line` 2 is the first row). Nothing is written to disk.
    #[staticmethod]
    #[pyo3(signature = (participants = None, who5 = None, gse = None, ten_step = None, interventions = None, venues = None, visits = None, project = "Projekt", columns = None, on_error = "fail"))]
    #[allow(clippy::too_many_arguments)]
    fn from_frames(
        py: Python<'_>,
        participants: Option<&Bound<'_, PyAny>>,
        who5: Option<&Bound<'_, PyAny>>,
        gse: Option<&Bound<'_, PyAny>>,
        ten_step: Option<&Bound<'_, PyAny>>,
        interventions: Option<&Bound<'_, PyAny>>,
        venues: Option<&Bound<'_, PyAny>>,
        visits: Option<&Bound<'_, PyAny>>,
        project: &str,
        columns: Option<&Bound<'_, PyAny>>,
        on_error: &str,
    ) -> PyResult<Cohort> {
        let options = csv_options(py, "utf-8", columns, on_error)?;
        let to_text = py.import("overgang._frames")?.getattr("frame_to_csv")?;
        let mut texts: [Option<(String, String)>; 7] = Default::default();
        for (slot, (field, frame)) in texts.iter_mut().zip([
            ("participants", participants),
            ("who5", who5),
            ("gse", gse),
            ("ten_step", ten_step),
            ("interventions", interventions),
            ("venues", venues),
            ("visits", visits),
        ]) {
            let Some(frame) = frame.filter(|f| !f.is_none()) else {
                continue;
            };
            let text: String = to_text.call1((frame, field))?.extract()?;
            *slot = Some((field.to_string(), text));
        }
        let [a, b, c, d, e, f, g] = &texts;
        from_texts(py, project, [a, b, c, d, e, f, g], &[], &options)
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
        Ok(Cohort::strict(py.detach(|| {
            overgang::cohort::Cohort::generate(participants, seed)
        })))
    }

    /// The built-in synthetic sample cohort (80 participants over two years).
    #[staticmethod]
    fn sample() -> Cohort {
        Cohort::strict(overgang::cohort::Cohort::sample())
    }

    /// The report as a dict with the documented JSON keys (docs/report.md).
    /// Options (keywords): `as_of`, `min_cell`, `min_wave`, `intervention_bins`; see docs/report.md.
    #[pyo3(signature = (**options))]
    fn report<'py>(
        &self,
        py: Python<'py>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = report_only_options(py, options)?;
        let report = self.compute(py, &options)?;
        Ok(pythonize::pythonize(py, &report)?)
    }

    /// The report on a cohort document in a file, as `Cohort.from_file(path).report(**options)`
    /// gives it, read without keeping the participants' records (their report facts only,
    /// read on several threads without the GIL): for a large file, far less memory.
    /// `progress` as in `from_file`.
    #[staticmethod]
    #[pyo3(signature = (path, progress = None, **options))]
    fn report_file<'py>(
        py: Python<'py>,
        path: PathBuf,
        progress: Option<&Bound<'py, PyAny>>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = report_only_options(py, options)?;
        let file = std::fs::File::open(&path).map_err(|e| io_error(&path, &e))?;
        let total = file.metadata().map(|m| m.len()).unwrap_or(0);
        let reporter = crate::progress::Reporter::new(py, progress, total)?;
        let result = py.detach(|| {
            overgang::cohort::Cohort::report_from_reader(file, &options, &mut |p| {
                reporter.update(p)
            })
        });
        reporter.close(py)?;
        let report = result.into_py_result(py)?;
        Ok(pythonize::pythonize(py, &report)?)
    }

    /// The report on a project's CSV files and workbooks given as paths in any order, each
    /// recognised by its header (as `overgang report *.csv` reads them), as
    /// `Cohort.from_csv(...).report(**options)` gives it, read as the files stream without
    /// keeping them or the participants' records, without the GIL: for a large export, far
    /// less time and memory. Files with a problem give the same ValidationError as `from_csv`.
    #[staticmethod]
    #[pyo3(signature = (*paths, project = "Projekt", encoding = "auto", columns = None, on_error = "fail", **options))]
    fn report_csv<'py>(
        py: Python<'py>,
        paths: Vec<PathBuf>,
        project: &str,
        encoding: &str,
        columns: Option<&Bound<'py, PyAny>>,
        on_error: &str,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let csv = csv_options(py, encoding, columns, on_error)?;
        let options = report_only_options(py, options)?;
        if paths.is_empty() {
            return Err(ValidationError::single(
                "paths",
                ErrorCode::Missing,
                "paths: give the project's files (a participants file at least)",
            ))
            .into_py_result(py);
        }
        // A file that cannot be opened is an OSError naming it, as with open().
        for path in &paths {
            std::fs::File::open(path).map_err(|e| io_error(path, &e).prefix("paths"))?;
        }
        let report = py.detach(|| {
            overgang::cohort::Cohort::report_from_files(project, &paths, &csv, &options)
        });
        let report = report.into_py_result(py)?;
        Ok(pythonize::pythonize(py, &report)?)
    }

    /// The report as text: format "md", "html", "csv" or "json"; lang "da" or "en".
    /// Options (keywords): `format` ("md", "html", "csv", "json"; default "md"), `lang`
    /// ("da", "en"; default "da") and the options of `report()`.
    #[pyo3(signature = (**options))]
    fn render(&self, py: Python<'_>, options: Option<&Bound<'_, PyDict>>) -> PyResult<String> {
        let (options, render) = self::options(py, options)?;
        let report = self.compute(py, &options)?;
        Ok(overgang::report::render(&report, &render))
    }

    /// The cohort as a JSON document (readable again by `Cohort.from_json`).
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// Rows left out when read with `on_error="drop"`: `{rows, participants,
    /// with_participant, by_code}`, or None.
    #[getter]
    fn excluded<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.1
            .as_ref()
            .map(|x| pythonize::pythonize(py, x).map_err(PyErr::from))
            .transpose()
    }

    fn __len__(&self) -> usize {
        self.0.participants.len()
    }

    fn __repr__(&self) -> String {
        format!("Cohort(participants={})", self.0.participants.len())
    }
}

/// The options of `report()`: render options (`format`, `lang`) are refused there.
fn report_only_options(
    py: Python<'_>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<ReportOptions> {
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
    Ok(options)
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

/// Renders a report dict (from `Cohort.report()`) without computing it again: `format` and
/// `lang` as for `Cohort.render`. Used by `overgang.pandas.tables`.
#[pyfunction]
#[pyo3(signature = (report, **options))]
fn _render_report(
    py: Python<'_>,
    report: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    let (_, render) = self::options(py, options)?;
    let value = crate::convert::document(py, report)?;
    let report = overgang::report::Report::from_value(&value).into_py_result(py)?;
    Ok(overgang::report::render(&report, &render))
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
    m.add_function(wrap_pyfunction!(_render_report, m)?)?;
    m.add_function(wrap_pyfunction!(audit, m)?)?;
    m.add_function(wrap_pyfunction!(report_options, m)?)?;
    Ok(())
}
