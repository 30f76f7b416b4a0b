//! Report and render options: one definition, one [`Default`] each, and one reader from a
//! JSON-like value that the CLI, Python and JavaScript all call, so the three cannot disagree.
//!
//! The reader takes keys in `snake_case` (Python, JSON) or `camelCase` (JavaScript); an unknown
//! key is an error that lists the known ones (and never echoes the key).

use crate::dates::parse_date;
use crate::error::{ErrorCode, FieldError, ValidationError};
use crate::ids::id_enum;
use crate::intervention::{Category, NOT_IN_BINS_BY_DEFAULT};
use crate::language::Language;
use crate::ten_step::Area;
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

/// The bins of "citizens by number of interventions": a top bin (`4` gives 0, 1, 2, 3, 4+) or a
/// list of lower edges (`[0, 1, 2, 4]` gives 0, 1, 2-3, 4+, as Aarhus Figure 1, seed 001 line 321).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum InterventionBins {
    /// The top bin, 1 to [`MAX_INTERVENTION_BINS`].
    Top(usize),
    /// Lower edges, starting at 0, strictly increasing, at most [`MAX_INTERVENTION_BINS`].
    Edges(Vec<usize>),
}

impl InterventionBins {
    /// The lower edges of the bins (`Top(4)` is `[0, 1, 2, 3, 4]`).
    ///
    /// ```
    /// use overgang::report::InterventionBins;
    /// assert_eq!(InterventionBins::Top(2).edges(), [0, 1, 2]);
    /// assert_eq!(InterventionBins::Edges(vec![0, 1, 2, 4]).labels(), ["0", "1", "2-3", "4+"]);
    /// ```
    pub fn edges(&self) -> Vec<usize> {
        match self {
            InterventionBins::Top(top) => (0..=*top).collect(),
            InterventionBins::Edges(e) => e.clone(),
        }
    }

    /// The row keys: `"2"` for a one-number bin, `"2-3"` for a wider one, `"4+"` for the top.
    pub fn labels(&self) -> Vec<String> {
        let edges = self.edges();
        edges
            .iter()
            .enumerate()
            .map(|(i, &lo)| match edges.get(i + 1) {
                None => format!("{lo}+"),
                Some(&next) if next == lo + 1 => lo.to_string(),
                Some(&next) => format!("{lo}-{}", next - 1),
            })
            .collect()
    }

    /// The bin (index into [`InterventionBins::edges`]) of a number of interventions.
    pub fn bin_of(&self, count: usize) -> usize {
        let edges = self.edges();
        edges.iter().rposition(|&lo| lo <= count).unwrap_or(0)
    }

    /// Checks the documented rules: a top of 1 to 20; or edges that start at 0, rise strictly,
    /// number 2 to 21 and end at 20 or below.
    ///
    /// # Errors
    /// `out_of_range` (with the range as context) or `out_of_order` on `field`.
    pub fn check(&self, field: &str) -> Result<(), FieldError> {
        let max = MAX_INTERVENTION_BINS as usize;
        match self {
            InterventionBins::Top(top) if (1..=max).contains(top) => Ok(()),
            InterventionBins::Top(top) => Err(FieldError::new(
                field,
                ErrorCode::OutOfRange,
                format!(
                    "{field}: {top} is out of range; the top bin is 1 to {max} (4 gives 0, 1, 2, 3, 4+)"
                ),
            )
            .with_range(1.0, max as f64)),
            InterventionBins::Edges(e) => {
                if e.first() != Some(&0) || e.len() < 2 || e.iter().any(|&x| x > max) {
                    Err(FieldError::new(
                        field,
                        ErrorCode::OutOfRange,
                        format!("{field}: a list of lower edges starts at 0, has at least two edges and none above {max} (e.g. 0, 1, 2, 4)"),
                    )
                    .with_range(0.0, max as f64))
                } else if e.windows(2).any(|w| w[1] <= w[0]) {
                    Err(FieldError::new(
                        field,
                        ErrorCode::OutOfOrder,
                        format!("{field}: the lower edges must rise (e.g. 0, 1, 2, 4)"),
                    ))
                } else {
                    Ok(())
                }
            }
        }
    }
}

impl Default for InterventionBins {
    fn default() -> Self {
        InterventionBins::Top(4)
    }
}

/// The spacing of questionnaire waves in days: the next wave is the next scored answer at least
/// `min` days after the previous kept one; a series ends when that answer comes more than `max`
/// days after it. Serialised as `[min, max]` (`max` may be `null`).
///
/// The default `[46, 106]` is an assumption: seed 001 line 1339 keeps "besvarelser med mellem
/// 2-3 måneders mellemrum"; two to three months with half a month's tolerance either side.
/// `[0, null]` is "any": every scored answer is the next wave.
///
/// ```
/// use overgang::report::{read_options, WaveGap};
/// let (r, _) = read_options(&serde_json::json!({"wave_gap_days": [46, null]}))?;
/// assert_eq!(r.wave_gap_days, WaveGap(46, None));
/// assert_eq!(serde_json::to_value(WaveGap::default()).unwrap(), serde_json::json!([46, 106]));
/// let (r, _) = read_options(&serde_json::json!({"waveGapDays": "any"}))?;
/// assert_eq!(r.wave_gap_days, WaveGap::ANY);
/// # Ok::<(), overgang::ValidationError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WaveGap(pub u32, pub Option<u32>);

/// A list `[min, max]` (not a tuple, so Python receives a list as JSON and JavaScript do).
impl Serialize for WaveGap {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(2))?;
        seq.serialize_element(&self.0)?;
        seq.serialize_element(&self.1)?;
        seq.end()
    }
}

impl WaveGap {
    /// Every scored answer is the next wave (the rule before spacing).
    pub const ANY: WaveGap = WaveGap(0, None);
    /// Shortest gap in days between two kept answers.
    pub const fn min(self) -> u32 {
        self.0
    }
    /// Longest gap in days before a series ends, if any.
    pub const fn max(self) -> Option<u32> {
        self.1
    }
}

impl Default for WaveGap {
    fn default() -> Self {
        WaveGap(46, Some(106))
    }
}

/// Largest gap accepted in `wave_gap_days` (ten years).
pub const MAX_WAVE_GAP_DAYS: u64 = 3653;

/// A measure a target can be set on.
///
/// ```
/// use overgang::report::TargetMeasure;
/// use overgang::ten_step::Area;
/// assert_eq!(TargetMeasure::parse("m", "ten_step:economy").unwrap(), TargetMeasure::TenStep(Area::Economy));
/// assert_eq!(TargetMeasure::Who5.id(), "who5");
/// assert_eq!(TargetMeasure::parse("m", "wellbeing").unwrap_err().code.as_str(), "unknown_value");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TargetMeasure {
    /// Positive development on one ten-step area (`ten_step:<area>`).
    TenStep(Area),
    /// WHO-5 index (`who5`).
    Who5,
    /// GSE score (`gse`).
    Gse,
}

impl TargetMeasure {
    /// The seed's measures (seed 003 lines 137 and 145): prostitution, economy, network and
    /// employment on the ten-step scale, wellbeing (WHO-5) and mastery (GSE).
    pub const SEED: [TargetMeasure; 6] = [
        TargetMeasure::TenStep(Area::Prostitution),
        TargetMeasure::TenStep(Area::Economy),
        TargetMeasure::TenStep(Area::Network),
        TargetMeasure::TenStep(Area::Employment),
        TargetMeasure::Who5,
        TargetMeasure::Gse,
    ];

    /// The id: `ten_step:<area>`, `who5` or `gse`.
    pub fn id(self) -> String {
        match self {
            TargetMeasure::TenStep(a) => format!("ten_step:{}", a.as_str()),
            TargetMeasure::Who5 => "who5".into(),
            TargetMeasure::Gse => "gse".into(),
        }
    }

    /// Every id, for messages.
    pub fn all_ids() -> Vec<String> {
        Area::ALL
            .iter()
            .map(|&a| TargetMeasure::TenStep(a).id())
            .chain(["who5".to_string(), "gse".to_string()])
            .collect()
    }

    /// Reads an id; `unknown_value` listing every id otherwise (the input is not echoed).
    ///
    /// # Errors
    /// `unknown_value` on `field`.
    pub fn parse(field: &str, text: &str) -> Result<TargetMeasure, FieldError> {
        let found = match text {
            "who5" => Some(TargetMeasure::Who5),
            "gse" => Some(TargetMeasure::Gse),
            _ => text
                .strip_prefix("ten_step:")
                .and_then(|a| Area::ALL.iter().find(|x| x.as_str() == a))
                .map(|&a| TargetMeasure::TenStep(a)),
        };
        found.ok_or_else(|| {
            let ids = TargetMeasure::all_ids();
            let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
            crate::ids::unknown_value(field, &refs)
        })
    }
}

impl Serialize for TargetMeasure {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.id())
    }
}

impl<'de> Deserialize<'de> for TargetMeasure {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        TargetMeasure::parse("measures", &text).map_err(|e| serde::de::Error::custom(e.message))
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for TargetMeasure {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TargetMeasure".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "description": "ten_step:<area>, who5 or gse"})
    }
}

/// A target share of participants with positive development (seed 003: 75 % for Reden's
/// one-to-one course and longer outreach courses, lines 137 and 145).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TargetOptions {
    /// The target share, 1-100.
    pub percent: u64,
    /// The programmes (participant `programme` ids) the target applies to; empty is everyone.
    #[serde(default)]
    pub programmes: Vec<String>,
    /// The measures; the default is the seed's ([`TargetMeasure::SEED`]).
    #[serde(default = "seed_measures")]
    pub measures: Vec<TargetMeasure>,
}

fn seed_measures() -> Vec<TargetMeasure> {
    TargetMeasure::SEED.to_vec()
}

impl TargetOptions {
    /// A target of `percent` on the seed's measures for everyone.
    ///
    /// ```
    /// use overgang::{cohort::Cohort, report::{ReportOptions, TargetOptions}};
    /// let mut options = ReportOptions::default();
    /// options.target = Some(TargetOptions::new(75));
    /// let report = Cohort::sample().report(&options)?;
    /// let targets = report.targets.unwrap();
    /// assert_eq!(targets[0].measure.id(), "ten_step:prostitution");
    /// assert_eq!(targets[0].in_scope, 80);
    /// # Ok::<(), overgang::ValidationError>(())
    /// ```
    pub fn new(percent: u64) -> TargetOptions {
        TargetOptions {
            percent,
            programmes: Vec::new(),
            measures: seed_measures(),
        }
    }
}

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
    /// The bins of "citizens by number of interventions": a top bin (`4` gives 0, 1, 2, 3, 4+)
    /// or a list of lower edges (`[0, 1, 2, 4]` gives 0, 1, 2-3, 4+).
    pub intervention_bins: InterventionBins,
    /// The project's catalogue: the categories it offers (its registration sheet, seed 001
    /// line 1355). `by_category` lists exactly these, and an intervention outside them is an
    /// error. `None` uses the cohort document's `offered`, or lists the categories in the data.
    pub offered: Option<Vec<Category>>,
    /// Categories that do not count in "citizens by number of interventions". Default: material
    /// help and outreach contact ([`NOT_IN_BINS_BY_DEFAULT`]); empty counts all.
    pub bins_exclude: Vec<Category>,
    /// Spacing of questionnaire waves in days, `[min, max]`; default `[46, 106]`.
    pub wave_gap_days: WaveGap,
    /// A target share of positive development, computed only when asked for.
    pub target: Option<TargetOptions>,
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
            intervention_bins: InterventionBins::default(),
            offered: None,
            bins_exclude: NOT_IN_BINS_BY_DEFAULT.to_vec(),
            wave_gap_days: WaveGap::default(),
            target: None,
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
const REPORT_KEYS: [(&str, &str); 9] = [
    ("as_of", "asOf"),
    ("min_cell", "minCell"),
    ("min_wave", "minWave"),
    ("intervention_bins", "interventionBins"),
    ("offered", "offered"),
    ("bins_exclude", "binsExclude"),
    ("wave_gap_days", "waveGapDays"),
    ("target", "target"),
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
            errors.push(unknown_option(i, &known));
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
        if let Value::Array(items) = v {
            let edges: Vec<usize> = items
                .iter()
                .enumerate()
                .filter_map(|(i, x)| {
                    count(
                        &format!("{name}[{i}]"),
                        x,
                        0,
                        MAX_INTERVENTION_BINS,
                        &mut errors,
                    )
                })
                .map(|n| n as usize)
                .collect();
            if edges.len() == items.len() {
                let bins = InterventionBins::Edges(edges);
                match bins.check(name) {
                    Ok(()) => report.intervention_bins = bins,
                    Err(e) => errors.push(e),
                }
            }
        } else if let Some(n) = count(name, v, 1, MAX_INTERVENTION_BINS, &mut errors) {
            report.intervention_bins = InterventionBins::Top(n as usize);
        }
    }
    let categories = |name: &str, v: &Value, errors: &mut Vec<FieldError>| {
        let before = errors.len();
        let list = crate::json::list(
            Some(v),
            name,
            "category ids",
            errors,
            |x, at, errors| match x.as_str() {
                Some(t) => crate::intervention::parse_category(&at, t)
                    .map_err(|e| errors.push(e))
                    .ok(),
                None => {
                    errors.push(crate::ids::unknown_value(
                        &at,
                        &crate::ids::ids::<Category>(),
                    ));
                    None
                }
            },
        );
        (errors.len() == before).then(|| {
            let mut list = list;
            list.sort_unstable();
            list.dedup();
            list
        })
    };
    if let Some((name, v)) = get(REPORT_KEYS[4]) {
        report.offered = categories(name, v, &mut errors);
    }
    if let Some((name, v)) = get(REPORT_KEYS[5]) {
        if let Some(list) = categories(name, v, &mut errors) {
            report.bins_exclude = list;
        }
    }
    if let Some((name, v)) = get(REPORT_KEYS[6]) {
        if let Some(gap) = wave_gap(name, v, &mut errors) {
            report.wave_gap_days = gap;
        }
    }
    if let Some((name, v)) = get(REPORT_KEYS[7]) {
        report.target = target(name, v, &mut errors);
    }
    if let Some((name, v)) = get(REPORT_KEYS[8]) {
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

/// `[min, max]` (max may be null), or the text `"any"`.
fn wave_gap(name: &str, v: &Value, errors: &mut Vec<FieldError>) -> Option<WaveGap> {
    let shape = || {
        FieldError::new(
            name,
            ErrorCode::InvalidFormat,
            format!(
                "{name}: expected [min, max] in days (max may be null), e.g. [46, 106], or \"any\""
            ),
        )
    };
    match v {
        Value::String(s) if s == "any" => Some(WaveGap::ANY),
        Value::Array(pair) if pair.len() == 2 => {
            let day = |i: usize, x: &Value, errors: &mut Vec<FieldError>| {
                crate::answer::ranged_count(
                    &format!("{name}[{i}]"),
                    crate::answer::RawAnswer::from(x),
                    0,
                    MAX_WAVE_GAP_DAYS,
                )
                .map_err(|e| errors.push(e))
                .ok()
                .map(|n| n as u32)
            };
            let min = day(0, &pair[0], errors)?;
            let max = match &pair[1] {
                Value::Null => None,
                x => Some(day(1, x, errors)?),
            };
            if max.is_some_and(|m| m < min) {
                errors.push(FieldError::new(
                    name,
                    ErrorCode::Inconsistent,
                    format!("{name}: the maximum gap is smaller than the minimum"),
                ));
                return None;
            }
            Some(WaveGap(min, max))
        }
        _ => {
            errors.push(shape());
            None
        }
    }
}

/// The keys of the `target` option.
const TARGET_KEYS: [&str; 3] = ["percent", "programmes", "measures"];

/// `{percent, programmes, measures}`; a bare number is `{percent}`.
fn target(name: &str, v: &Value, errors: &mut Vec<FieldError>) -> Option<TargetOptions> {
    let empty = Map::new();
    let obj = match v {
        Value::Object(o) => o,
        Value::Number(_) => &empty,
        _ => {
            errors.push(FieldError::new(
                name,
                ErrorCode::InvalidFormat,
                format!("{name}: expected {{percent, programmes, measures}} or a percentage"),
            ));
            return None;
        }
    };
    let before = errors.len();
    crate::json::refuse_unknown_keys(obj, &TARGET_KEYS, &format!("{name}."), errors);
    let pct = if v.is_number() {
        Some(v)
    } else {
        obj.get("percent")
    };
    let percent = match pct {
        None | Some(Value::Null) => {
            errors.push(FieldError::new(
                format!("{name}.percent"),
                ErrorCode::Missing,
                format!("{name}.percent is missing; the target share, 1-100"),
            ));
            None
        }
        Some(p) => crate::answer::ranged_count(
            &format!("{name}.percent"),
            crate::answer::RawAnswer::from(p),
            1,
            100,
        )
        .map_err(|e| errors.push(e))
        .ok(),
    };
    let programmes = crate::json::list(
        obj.get("programmes"),
        &format!("{name}.programmes"),
        "programme ids",
        errors,
        |x, at, errors| {
            crate::participant::programme_id(&at, x)
                .map_err(|e| errors.push(e))
                .ok()
        },
    );
    let measures = match obj.get("measures") {
        None | Some(Value::Null) => seed_measures(),
        m => crate::json::list(
            m,
            &format!("{name}.measures"),
            "measure ids",
            errors,
            |x, at, errors| match x.as_str() {
                Some(t) => TargetMeasure::parse(&at, t)
                    .map_err(|e| errors.push(e))
                    .ok(),
                None => {
                    errors.push(FieldError::new(
                        at.clone(),
                        ErrorCode::InvalidFormat,
                        format!("{at}: expected a measure id such as who5 or ten_step:economy"),
                    ));
                    None
                }
            },
        ),
    };
    if errors.len() != before {
        return None;
    }
    let mut measures = measures;
    measures.dedup();
    Some(TargetOptions {
        percent: percent?,
        programmes,
        measures,
    })
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
                        format!(
                            "{k}: a render option; a report's options are {}",
                            REPORT_KEYS.map(|k| k.0).join(", ")
                        ),
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
/// intervention_bins, offered, bins_exclude, wave_gap_days, target, format, lang}`): what the bindings return for "the options in effect".
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

/// The problem of an option key that is not one of `allowed`: named by its position
/// (`options[2]`), never repeated (it may be a name), with the allowed keys.
///
/// ```
/// let e = overgang::report::options::unknown_option(1, &["format", "lang"]);
/// assert_eq!((e.field.as_str(), e.code.as_str()), ("options[1]", "unknown_field"));
/// assert!(e.message.contains("option #2") && e.message.contains("format, lang"));
/// ```
pub fn unknown_option(i: usize, allowed: &[&str]) -> FieldError {
    FieldError::new(
        format!("options[{i}]"),
        ErrorCode::UnknownField,
        format!(
            "option #{}: not a known option; allowed: {}",
            i + 1,
            allowed.join(", ")
        ),
    )
    .with_allowed(allowed)
}
