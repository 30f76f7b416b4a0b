//! `cohortFromCsv(files, options)` and `cohortReportFromCsv(files, options)`: CSV exports as
//! Danish Excel and SurveyXact write them, read by the core's CSV reader (`Cohort::from_csv_with`),
//! in the browser or Node. The files are text (strings) or bytes (`Uint8Array`, decoded by the
//! core: `encoding` "auto", "utf-8" or "windows-1252").

use crate::convert::to_js_document;
use crate::errors::IntoJsResult;
use js_sys::{Array, Object, Reflect, Uint8Array};
use overgang::cohort::csv::{decode, CsvFile, CsvFiles, CsvOptions, Encoding, OnError};
use overgang::cohort::Cohort;
use overgang::{ErrorCode, FieldError, ValidationError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The kinds of files (the keys of `files`) and the names their problems are located in when a
/// file is given as bare text.
const KINDS: [(&str, &str); 7] = [
    ("participants", "participants.csv"),
    ("who5", "who5.csv"),
    ("gse", "gse.csv"),
    ("tenStep", "ten_step.csv"),
    ("interventions", "interventions.csv"),
    ("venues", "venues.csv"),
    ("visits", "visits.csv"),
];

/// The options of the CSV reader; every other key is a report option (or an error).
const CSV_KEYS: [&str; 4] = ["project", "encoding", "columns", "onError"];

/// The CSV options read from `options`, the project's name, and the other keys (for the report).
struct Read {
    project: String,
    csv: CsvOptions,
    rest: Vec<(usize, String, JsValue)>,
}

/// `Ok(value)` when there are no problems.
fn checked<T>(errors: Vec<FieldError>, value: T) -> Result<T, ValidationError> {
    if errors.is_empty() {
        Ok(value)
    } else {
        Err(ValidationError::new(errors))
    }
}

fn invalid(field: &str, what: &str) -> FieldError {
    FieldError::new(
        field,
        ErrorCode::InvalidFormat,
        format!("{field}: expected {what}"),
    )
}

fn entries(value: &JsValue) -> Vec<(String, JsValue)> {
    Object::entries(&Object::from(value.clone()))
        .iter()
        .filter_map(|pair| {
            let pair: Array = pair.dyn_into().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1)))
        })
        .collect()
}

fn is_plain_object(value: &JsValue) -> bool {
    value.is_object() && !Array::is_array(value) && !value.is_instance_of::<Uint8Array>()
}

/// Reads `{project, encoding, columns, onError}` and keeps the other keys apart.
fn read_options(options: &JsValue) -> Result<Read, ValidationError> {
    let mut read = Read {
        project: "Projekt".to_string(),
        csv: CsvOptions::default(),
        rest: Vec::new(),
    };
    if options.is_undefined() || options.is_null() {
        return Ok(read);
    }
    if !is_plain_object(options) {
        return Err(ValidationError::new(vec![invalid(
            "options",
            "an object {project, encoding, columns, onError}",
        )]));
    }
    let mut errors = Vec::new();
    let mut columns = None;
    for (i, (key, value)) in entries(options).into_iter().enumerate() {
        if value.is_undefined() {
            continue;
        }
        match key.as_str() {
            "project" => match value.as_string() {
                Some(p) => read.project = p,
                None => errors.push(invalid("project", "the project's name as text")),
            },
            "encoding" => match value.as_string().map(|t| Encoding::parse(&t)) {
                Some(Ok(e)) => read.csv = read.csv.clone().with_encoding(e),
                Some(Err(e)) => errors.push(e),
                None => errors.push(invalid(
                    "encoding",
                    "\"auto\", \"utf-8\" or \"windows-1252\"",
                )),
            },
            "onError" => match value.as_string().map(|t| OnError::parse(&t)) {
                Some(Ok(o)) => read.csv = read.csv.clone().with_on_error(o),
                Some(Err(e)) => errors.push(e),
                None => errors.push(invalid("onError", "\"fail\" or \"drop\"")),
            },
            "columns" => columns = Some(value),
            _ => read.rest.push((i, key, value)),
        }
    }
    if let Some(columns) = columns {
        match column_pairs(&columns) {
            Some(pairs) => match read.csv.clone().with_columns(&pairs) {
                Ok(csv) => read.csv = csv,
                Err(e) => errors.extend(e.into_errors()),
            },
            None => errors.push(invalid(
                "columns",
                "an object of text {header: column}, e.g. {q1: \"item1\"}",
            )),
        }
    }
    checked(errors, read)
}

/// `{header: column}` or `[[header, column], ...]`, every part text.
fn column_pairs(columns: &JsValue) -> Option<Vec<(String, String)>> {
    let pairs: Vec<(JsValue, JsValue)> = if Array::is_array(columns) {
        Array::from(columns)
            .iter()
            .map(|p| {
                let p: Array = p.dyn_into().ok()?;
                (p.length() == 2).then(|| (p.get(0), p.get(1)))
            })
            .collect::<Option<_>>()?
    } else if is_plain_object(columns) {
        entries(columns)
            .into_iter()
            .map(|(k, v)| (JsValue::from(k), v))
            .collect()
    } else {
        return None;
    };
    pairs
        .into_iter()
        .map(|(a, b)| Some((a.as_string()?, b.as_string()?)))
        .collect()
}

/// The files as `(name, text)` by kind: text, bytes or `{name, text}`.
fn read_files(
    files: &JsValue,
    encoding: Encoding,
) -> Result<[Option<(String, String)>; 7], ValidationError> {
    let mut out: [Option<(String, String)>; 7] = Default::default();
    if !is_plain_object(files) {
        return Err(ValidationError::new(vec![invalid(
            "files",
            "an object of CSV files by kind {participants, who5, gse, tenStep, interventions, venues, visits}",
        )]));
    }
    let mut errors = Vec::new();
    for (i, (key, value)) in entries(files).into_iter().enumerate() {
        if value.is_undefined() || value.is_null() {
            continue;
        }
        let Some(k) = KINDS.iter().position(|(kind, _)| *kind == key) else {
            let allowed: Vec<&str> = KINDS.iter().map(|(k, _)| *k).collect();
            errors.push(
                FieldError::new(
                    format!("files[{i}]"),
                    ErrorCode::UnknownField,
                    format!(
                        "file #{}: not a kind of file; allowed: {}",
                        i + 1,
                        allowed.join(", ")
                    ),
                )
                .with_allowed(&allowed),
            );
            continue;
        };
        let field = format!("files.{key}");
        let (name, content) = if is_plain_object(&value) {
            let name = Reflect::get(&value, &"name".into())
                .ok()
                .and_then(|n| n.as_string());
            let text = Reflect::get(&value, &"text".into()).unwrap_or(JsValue::UNDEFINED);
            match name {
                Some(n) => (n, text),
                None => {
                    errors.push(invalid(&field, "text, bytes or {name, text}"));
                    continue;
                }
            }
        } else {
            (KINDS[k].1.to_string(), value)
        };
        if let Some(text) = content.as_string() {
            out[k] = Some((name, text));
        } else if let Some(bytes) = content.dyn_ref::<Uint8Array>() {
            match decode(&name, &bytes.to_vec(), encoding) {
                Ok(text) => out[k] = Some((name, text)),
                Err(e) => errors.extend(e.into_errors()),
            }
        } else {
            errors.push(invalid(&field, "text, bytes (Uint8Array) or {name, text}"));
        }
    }
    checked(errors, out)
}

/// A cohort read from CSV, what was left out, and the options that are not the CSV reader's.
type Loaded = (
    Cohort,
    Option<overgang::report::Excluded>,
    Vec<(usize, String, JsValue)>,
);

/// Reads the files with the options: the cohort and what was left out (with `onError: "drop"`).
fn read(files: &JsValue, options: &JsValue, report_keys: bool) -> Result<Loaded, ValidationError> {
    let read = read_options(options)?;
    if !report_keys && !read.rest.is_empty() {
        let errors = read
            .rest
            .iter()
            .map(|(i, _, _)| overgang::report::options::unknown_option(*i, &CSV_KEYS))
            .collect();
        return Err(ValidationError::new(errors));
    }
    let texts = read_files(files, read.csv.encoding)?;
    let csv_files = CsvFiles {
        participants: file(&texts[0]),
        who5: file(&texts[1]),
        gse: file(&texts[2]),
        ten_step: file(&texts[3]),
        interventions: file(&texts[4]),
        venues: file(&texts[5]),
        visits: file(&texts[6]),
    };
    let (cohort, excluded) = Cohort::from_csv_with(&read.project, &csv_files, &read.csv)?;
    Ok((cohort, excluded, read.rest))
}

fn file(x: &Option<(String, String)>) -> Option<CsvFile<'_>> {
    x.as_ref().map(|(name, text)| CsvFile {
        name: name.as_str(),
        text: text.as_str(),
    })
}

/// CSV exports (text or bytes by kind: `{participants, who5, gse, tenStep, interventions,
/// venues, visits}`, each a string, a `Uint8Array` or `{name, text}`) as a cohort document:
/// `{cohort, excluded}`, the document with its snake_case JSON keys (as `cohortReport` reads
/// it) and, with `onError: "drop"`, the rows left out per code (`null` otherwise). Options
/// `{project, encoding, columns, onError}`; unknown keys are errors. Labels in Danish or
/// English, day-first dates and decimal commas are read; problems carry `location`.
#[wasm_bindgen(js_name = cohortFromCsv, unchecked_return_type = "CohortFromCsv")]
pub fn cohort_from_csv(
    #[wasm_bindgen(unchecked_param_type = "CsvFiles")] files: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CsvOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let (cohort, excluded, _) = read(&files, &options, false).into_js()?;
    let doc = js_sys::JSON::parse(&cohort.to_json())?;
    let out = Object::new();
    Reflect::set(&out, &"cohort".into(), &doc)?;
    Reflect::set(&out, &"excluded".into(), &to_js_document(&excluded)?)?;
    Ok(out.into())
}

/// The report of CSV exports (as `cohortFromCsv` reads them), with the rows left out by
/// `onError: "drop"` counted in its `excluded`. Options: those of `cohortFromCsv` and those
/// of `cohortReport` (`asOf`, `minCell`, ...); unknown keys are errors.
#[wasm_bindgen(
    js_name = cohortReportFromCsv,
    unchecked_return_type = "CohortReport & { excluded?: Excluded }"
)]
pub fn cohort_report_from_csv(
    #[wasm_bindgen(unchecked_param_type = "CsvFiles")] files: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CsvOptions & CohortReportOptions")]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let (cohort, excluded, rest) = read(&files, &options, true).into_js()?;
    let report_options = Object::new();
    for (_, key, value) in &rest {
        Reflect::set(&report_options, &key.into(), value)?;
    }
    let (report_options, _) = crate::cohort::options(&report_options.into()).into_js()?;
    let mut report = cohort.report(&report_options).into_js()?;
    report.set_excluded(excluded);
    to_js_document(&report)
}
