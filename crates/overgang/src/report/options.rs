//! Report and render options: one definition, one [`Default`] each, and one reader from a
//! JSON-like value that the CLI, Python and JavaScript all call, so the three cannot disagree.
//!
//! The reader takes keys in `snake_case` (Python, JSON) or `camelCase` (JavaScript); an unknown
//! key is an error that lists the known ones (and never echoes the key).

use crate::dates::parse_date;
use crate::error::{ErrorCode, FieldError, ValidationError};
use crate::ids::id_enum;
use crate::language::Language;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::Date;

id_enum! {
    /// Output format of a rendered report; the default is Markdown.
    #[derive(Default)]
    pub enum Format ("format") {
        /// Markdown tables.
        #[default]
        Md = "md", "Markdown", "Markdown";
        /// JSON with the documented keys (unrounded means).
        Json = "json", "JSON", "JSON";
        /// A self-contained, printable HTML page.
        Html = "html", "HTML page", "HTML-side";
        /// One CSV row per figure.
        Csv = "csv", "CSV", "CSV";
    }
}

/// Largest top bin of "citizens by number of interventions".
pub const MAX_INTERVENTION_BINS: u64 = 20;

/// Report options; [`Default`] gives the report's own rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReportOptions {
    /// The report date; `None` uses the latest date in the data.
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    #[serde(with = "crate::dates::iso_date_opt")]
    pub as_of: Option<Date>,
    /// Counts from 1 to `min_cell - 1` are suppressed; 0 turns suppression off. Default 5.
    /// Suppression is this library's own safeguard for special-category data, not the
    /// published report's practice (seed 001 prints counts as small as 3).
    pub min_cell: u64,
    /// A measurement wave is shown only when at least this many answered. Default 10.
    pub min_wave: u64,
    /// The top bin of "citizens by number of interventions" (`4` gives 0, 1, 2, 3, 4+).
    pub intervention_bins: usize,
    /// Add citizens per municipality of residence (`municipalities`). Default off.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub by_municipality: bool,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            as_of: None,
            min_cell: 5,
            min_wave: 10,
            intervention_bins: 4,
            by_municipality: false,
        }
    }
}

/// How a report is rendered; [`Default`] is Markdown in Danish.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RenderOptions {
    /// The output format.
    pub format: Format,
    /// The language of labels and notes.
    pub lang: Language,
}

impl RenderOptions {
    /// Options for a format and language.
    pub const fn new(format: Format, lang: Language) -> RenderOptions {
        RenderOptions { format, lang }
    }
}

/// The option keys, each as `(snake_case, camelCase)`.
const REPORT_KEYS: [(&str, &str); 5] = [
    ("as_of", "asOf"),
    ("min_cell", "minCell"),
    ("min_wave", "minWave"),
    ("intervention_bins", "interventionBins"),
    ("by_municipality", "byMunicipality"),
];
const RENDER_KEYS: [(&str, &str); 2] = [("format", "format"), ("lang", "lang")];

/// Reads report and render options from one object (`null` or absent keys keep the defaults).
///
/// ```
/// use overgang::report::{read_options, Format};
/// let (report, render) = read_options(&serde_json::json!({"minCell": 0, "lang": "en-GB"}))?;
/// assert_eq!((report.min_cell, report.min_wave), (0, 10));
/// assert_eq!((render.format, render.lang), (Format::Md, overgang::Language::En));
/// let err = read_options(&serde_json::json!({"Anna Jensen": 1})).unwrap_err();
/// assert!(!err.to_string().contains("Anna"));
/// # Ok::<(), overgang::ValidationError>(())
/// ```
///
/// # Errors
/// Every problem at once: `unknown_field` for a key that is not an option, `unknown_value`
/// for a format or language, `invalid_format` for a date, `out_of_range`/`not_an_integer` for
/// numbers.
pub fn read_options(value: &Value) -> Result<(ReportOptions, RenderOptions), ValidationError> {
    let empty = Map::new();
    let obj = match value {
        Value::Null => &empty,
        Value::Object(o) => o,
        _ => {
            return Err(ValidationError::single(
                "options",
                ErrorCode::InvalidFormat,
                "options: expected an object of named options",
            ))
        }
    };
    let mut errors = Vec::new();
    let known: Vec<&str> = REPORT_KEYS
        .iter()
        .chain(&RENDER_KEYS)
        .map(|k| k.0)
        .collect();
    for (i, key) in obj.keys().enumerate() {
        let is_known = REPORT_KEYS
            .iter()
            .chain(&RENDER_KEYS)
            .any(|(s, c)| key == s || key == c);
        if !is_known {
            errors.push(
                FieldError::new(
                    format!("options[{i}]"),
                    ErrorCode::UnknownField,
                    format!(
                        "option #{}: not a known option; allowed: {}",
                        i + 1,
                        known.join(", ")
                    ),
                )
                .with_allowed(&known),
            );
        }
    }
    // The value of an option and the name the caller wrote it under (for messages).
    let get = |(snake, camel): (&'static str, &'static str)| {
        obj.get(snake)
            .map(|v| (snake, v))
            .or_else(|| obj.get(camel).map(|v| (camel, v)))
            .filter(|(_, v)| !v.is_null())
    };
    let mut report = ReportOptions::default();
    let mut render = RenderOptions::default();
    if let Some((name, v)) = get(REPORT_KEYS[0]) {
        match v.as_str() {
            Some(s) => match parse_date(name, s) {
                Ok(d) => report.as_of = Some(d),
                Err(e) => errors.push(e),
            },
            None => errors.push(FieldError::new(
                name,
                ErrorCode::InvalidFormat,
                format!("{name}: expected a date as text YYYY-MM-DD"),
            )),
        }
    }
    let count = |name: &str, v: &Value, min: u64, max: u64, errors: &mut Vec<FieldError>| {
        crate::answer::ranged_count(name, crate::answer::RawAnswer::from(v), min, max)
            .map_err(|e| errors.push(e))
            .ok()
    };
    if let Some((name, v)) = get(REPORT_KEYS[1]) {
        if let Some(n) = count(name, v, 0, 1_000_000, &mut errors) {
            report.min_cell = n;
        }
    }
    if let Some((name, v)) = get(REPORT_KEYS[2]) {
        if let Some(n) = count(name, v, 1, 1_000_000, &mut errors) {
            report.min_wave = n;
        }
    }
    if let Some((name, v)) = get(REPORT_KEYS[3]) {
        if let Some(n) = count(name, v, 1, MAX_INTERVENTION_BINS, &mut errors) {
            report.intervention_bins = n as usize;
        }
    }
    if let Some((name, v)) = get(REPORT_KEYS[4]) {
        match v.as_bool() {
            Some(b) => report.by_municipality = b,
            None => errors.push(FieldError::new(
                name,
                ErrorCode::InvalidFormat,
                format!("{name}: expected true or false"),
            )),
        }
    }
    if let Some((name, v)) = get(RENDER_KEYS[0]) {
        match v.as_str().map(|s| crate::ids::parse::<Format>(name, s)) {
            Some(Ok(f)) => render.format = f,
            Some(Err(e)) => errors.push(e),
            None => errors.push(crate::ids::unknown_value(
                name,
                &crate::ids::ids::<Format>(),
            )),
        }
    }
    if let Some((name, v)) = get(RENDER_KEYS[1]) {
        match v.as_str().map(|s| Language::from_tag(name, s)) {
            Some(Ok(l)) => render.lang = l,
            Some(Err(e)) => errors.push(e),
            None => errors.push(crate::ids::unknown_value(name, &Language::IDS)),
        }
    }
    ValidationError::check(errors, || (report, render))
}

impl ReportOptions {
    /// Reads report options alone; see [`read_options`] (render keys are refused here).
    ///
    /// # Errors
    /// As [`read_options`], plus `unknown_field` for `format` and `lang`.
    pub fn from_value(value: &Value) -> Result<ReportOptions, ValidationError> {
        if let Some(obj) = value.as_object() {
            let render: Vec<FieldError> = RENDER_KEYS
                .iter()
                .filter(|(k, _)| obj.contains_key(*k))
                .map(|(k, _)| {
                    FieldError::new(
                        *k,
                        ErrorCode::UnknownField,
                        format!("{k}: a render option; a report's options are as_of, min_cell, min_wave, intervention_bins, by_municipality"),
                    )
                })
                .collect();
            if !render.is_empty() {
                return Err(ValidationError::new(render));
            }
        }
        read_options(value).map(|(r, _)| r)
    }
}

/// Report and render options as one flat JSON object (`{as_of, min_cell, min_wave,
/// intervention_bins, format, lang}`): what the bindings return for "the options in effect".
///
/// ```
/// use overgang::report::{options_json, read_options};
/// let (r, o) = read_options(&serde_json::Value::Null)?;
/// assert_eq!(options_json(&r, &o)["lang"], "da");
/// # Ok::<(), overgang::ValidationError>(())
/// ```
pub fn options_json(report: &ReportOptions, render: &RenderOptions) -> Value {
    let mut out = serde_json::to_value(report).unwrap_or(Value::Null);
    if let (Value::Object(map), Ok(Value::Object(more))) = (&mut out, serde_json::to_value(render))
    {
        map.extend(more);
    }
    out
}
