//! CSV imports, as projects export them from Excel and SurveyXact: a participants file (one row
//! per person) and optional long files (one row per measurement), joined on the pseudonymous ID.
//!
//! The CSV is turned into the same cohort document as the JSON import and validated by the
//! same code; each value remembers its file, line and column so every error points at a cell.
//! Nothing is dropped silently: an unknown ID, a bad date or a bad answer is an error.

use crate::error::{ErrorCode, FieldError, Location, ValidationError};
use crate::RawAnswer;
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// The text of one CSV file and the name to report it by.
#[derive(Debug, Clone, Copy)]
pub struct CsvFile<'a> {
    /// File name used in error locations (e.g. `who5.csv`).
    pub name: &'a str,
    /// The file's content (UTF-8; a leading byte-order mark is ignored).
    pub text: &'a str,
}

/// The files of a CSV import. Only `participants` is required.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvFiles<'a> {
    /// One row per participant: `id` and any of `gender`, `age`, `age_band`, `start`, `end`,
    /// `forms`, `goal`, `anonymous`, `anti_trafficking_referral`, `referred_to_other_services`,
    /// `programme`, `other_referrals`,
    /// `interventions` (lists separated by `;`).
    pub participants: Option<CsvFile<'a>>,
    /// `id,date,item1..item5`.
    pub who5: Option<CsvFile<'a>>,
    /// `id,date,item1..item10`.
    pub gse: Option<CsvFile<'a>>,
    /// `id,date` and one column per ten-step area (empty cell: not rated).
    pub ten_step: Option<CsvFile<'a>>,
    /// `id,category` and optionally `date`: one row per intervention given.
    pub interventions: Option<CsvFile<'a>>,
    /// The outreach mapping: `id,form,municipality,first_seen[,last_seen]`.
    pub venues: Option<CsvFile<'a>>,
    /// Outreach visits: `date,women_met` and the other counts (see [`crate::outreach::csv`]).
    pub visits: Option<CsvFile<'a>>,
}

/// Where each part of the document came from: JSON path prefix -> file and line.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    rows: HashMap<String, (String, u64)>,
}

impl Origins {
    /// Adds the location of a document path to each error that has none, with the column
    /// taken from the rest of the path (`participants[3].who5[0].item3` -> column `item3`).
    pub fn locate(&self, err: ValidationError) -> ValidationError {
        ValidationError::new(
            err.into_errors()
                .into_iter()
                .map(|e| {
                    if e.location.is_some() {
                        return e;
                    }
                    let found = self
                        .rows
                        .iter()
                        .filter(|(prefix, _)| {
                            e.field == **prefix || e.field.starts_with(&format!("{prefix}."))
                        })
                        .max_by_key(|(prefix, _)| prefix.len());
                    match found {
                        Some((prefix, (file, line))) => {
                            let rest = e.field[prefix.len()..].trim_start_matches('.');
                            let column = column_of(rest);
                            let location = Location {
                                file: file.clone(),
                                line: *line,
                                column,
                            };
                            e.at(location)
                        }
                        None => e,
                    }
                })
                .collect(),
        )
    }
}

/// The CSV column a document path points into.
fn column_of(rest: &str) -> Option<String> {
    if rest.is_empty() {
        return None;
    }
    let last = rest.rsplit('.').next().unwrap_or(rest);
    // `items[2]` is the third item column; `forms[1]` is the `forms` column.
    let (name, index) = match last.split_once('[') {
        Some((n, i)) => (n, i.trim_end_matches(']').parse::<usize>().ok()),
        None => (last, None),
    };
    match (name, index) {
        ("items", Some(i)) => Some(format!("item{}", i + 1)),
        _ => Some(name.to_string()),
    }
}

/// A CSV file read: its lower-cased header and its rows, each with its line number.
pub(crate) type Table = (Vec<String>, Vec<(u64, Vec<String>)>);

pub(crate) fn read(file: &CsvFile<'_>) -> Result<Table, ValidationError> {
    if file.text.len() > crate::limits::MAX_INPUT_BYTES {
        return Err(ValidationError::new(vec![FieldError::new(
            "file",
            ErrorCode::TooLarge,
            format!(
                "file: {} MB; the limit is {} MB",
                file.text.len() / 1_000_000,
                crate::limits::MAX_INPUT_BYTES / 1_000_000
            ),
        )
        .at(Location {
            file: file.name.to_string(),
            line: 0,
            column: None,
        })]));
    }
    let text = file.text.strip_prefix('\u{feff}').unwrap_or(file.text);
    let delimiter = sniff_delimiter(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let location = |line: u64| Location {
        file: file.name.to_string(),
        line,
        column: None,
    };
    let header: Vec<String> = reader
        .headers()
        .map_err(|_| {
            ValidationError::new(vec![FieldError::new(
                "header",
                ErrorCode::InvalidFormat,
                "header: the first line is not a readable CSV header",
            )
            .at(location(1))])
        })?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line());
                if r.iter().all(|c| c.trim().is_empty()) {
                    continue; // blank lines, as Excel leaves them at the end
                }
                if r.len() != header.len() {
                    errors.push(
                        FieldError::new(
                            "row",
                            ErrorCode::WrongLength,
                            format!(
                                "row: has {} cells; the header has {}",
                                r.len(),
                                header.len()
                            ),
                        )
                        .at(location(line)),
                    );
                    continue;
                }
                rows.push((line, r.iter().map(|c| c.trim().to_string()).collect()));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.push(
                    FieldError::new(
                        "row",
                        ErrorCode::InvalidFormat,
                        "row: not readable as CSV (check quotes and encoding)",
                    )
                    .at(location(line)),
                );
            }
        }
    }
    ValidationError::check(errors, || (header, rows))
}

/// Excel in Danish locales writes `;`-separated files; SurveyXact writes `,` or `;`.
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// A cell of a list column (`forms`, `interventions`, `other_referrals`): `;`- or `|`-separated.
fn list(cell: &str) -> Value {
    Value::Array(
        cell.split([';', '|'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| json!(s))
            .collect(),
    )
}

/// A yes/no cell. Unrecognised text is kept as text, so validation reports it.
fn flag(cell: &str) -> Value {
    match cell.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "ja" | "x" => json!(true),
        "0" | "false" | "no" | "nej" => json!(false),
        _ => json!(cell),
    }
}

/// A number cell: an answer or a step, with the same reading as everywhere ([`RawAnswer::from_text`]).
fn number(cell: &str) -> Value {
    match RawAnswer::from_text(cell) {
        RawAnswer::Missing => Value::Null,
        RawAnswer::Integer(i) => json!(i),
        RawAnswer::Float(f) => json!(f),
        // Kept as text: the validator reports `not_a_number` (or out of range) at this cell.
        _ => json!(cell),
    }
}

/// Converts CSV files into a cohort document and the origins of its parts.
///
/// # Errors
/// Unreadable files, rows with the wrong number of cells, missing `id` columns, IDs in a long
/// file that are not in the participants file, and duplicate IDs, all with file and line.
pub fn to_document(
    project: &str,
    files: &CsvFiles<'_>,
) -> Result<(Value, Origins, Vec<FieldError>), ValidationError> {
    let mut errors = Vec::new();
    let mut origins = Origins::default();
    let Some(pfile) = files.participants else {
        return Err(ValidationError::single(
            "participants",
            ErrorCode::Missing,
            "participants: a participants file is required",
        ));
    };
    let mut people: Vec<Map<String, Value>> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    match read(&pfile) {
        Err(e) => errors.extend(e.into_errors()),
        Ok((header, rows)) => {
            if !header.iter().any(|h| h == "id") {
                errors.push(
                    FieldError::new(
                        "id",
                        ErrorCode::Missing,
                        "id: the participants file needs an `id` column",
                    )
                    .at(Location {
                        file: pfile.name.into(),
                        line: 1,
                        column: None,
                    }),
                );
            }
            for (line, cells) in rows {
                let mut p = Map::new();
                for (h, cell) in header.iter().zip(&cells) {
                    if cell.is_empty() {
                        continue;
                    }
                    let v = match h.as_str() {
                        "forms" | "other_referrals" => list(cell),
                        "interventions" => Value::Array(
                            list(cell)
                                .as_array()
                                .into_iter()
                                .flatten()
                                .map(|c| json!({"category": c}))
                                .collect(),
                        ),
                        "anonymous"
                        | "anti_trafficking_referral"
                        | "referred_to_other_services" => flag(cell),
                        "age" => number(cell),
                        _ => json!(cell),
                    };
                    p.insert(h.clone(), v);
                }
                let i = people.len();
                let path = format!("participants[{i}]");
                if let Some(Value::String(id)) = p.get("id") {
                    if index.insert(id.clone(), i).is_some() {
                        errors.push(FieldError::new("id", ErrorCode::Duplicate, "id: this id is already used on an earlier line; each participant has one row").at(Location { file: pfile.name.into(), line, column: Some("id".into()) }));
                    }
                }
                origins.rows.insert(path, (pfile.name.to_string(), line));
                people.push(p);
            }
        }
    }
    let long: [(Option<CsvFile<'_>>, &str); 4] = [
        (files.who5, "who5"),
        (files.gse, "gse"),
        (files.ten_step, "ten_step"),
        (files.interventions, "interventions"),
    ];
    for (file, key) in long {
        let Some(file) = file else { continue };
        let (header, rows) = match read(&file) {
            Ok(x) => x,
            Err(e) => {
                errors.extend(e.into_errors());
                continue;
            }
        };
        let at = |line: u64, column: Option<&str>| Location {
            file: file.name.to_string(),
            line,
            column: column.map(str::to_string),
        };
        let Some(id_col) = header.iter().position(|h| h == "id") else {
            errors.push(
                FieldError::new(
                    "id",
                    ErrorCode::Missing,
                    format!("id: the {key} file needs an `id` column"),
                )
                .at(at(1, None)),
            );
            continue;
        };
        for (line, cells) in rows {
            let Some(&who) = index.get(&cells[id_col]) else {
                errors.push(
                    FieldError::new(
                        "id",
                        ErrorCode::UnknownValue,
                        "id: no participant with this id in the participants file",
                    )
                    .at(at(line, Some("id"))),
                );
                continue;
            };
            let mut entry = Map::new();
            let mut items = Vec::new();
            let mut ratings = Map::new();
            for (col, (h, cell)) in header.iter().zip(&cells).enumerate() {
                match h.as_str() {
                    "id" => {}
                    "date" | "category" => {
                        if !cell.is_empty() {
                            entry.insert(h.clone(), json!(cell));
                        }
                    }
                    item if key != "ten_step"
                        && key != "interventions"
                        && item.starts_with("item") =>
                    {
                        items.push(number(cell))
                    }
                    area if key == "ten_step" => {
                        if !cell.is_empty() {
                            ratings.insert(area.to_string(), number(cell));
                        }
                    }
                    _ => {
                        // The header is never repeated: it may be a name or a CPR number.
                        let place = format!("column #{}", col + 1);
                        errors.push(
                            FieldError::new(
                                place.clone(),
                                ErrorCode::UnknownField,
                                format!("{place}: not a column of the {key} file"),
                            )
                            .at(at(1, Some(&place))),
                        );
                    }
                }
            }
            match key {
                "who5" | "gse" => {
                    entry.insert("items".into(), Value::Array(items));
                }
                "ten_step" => {
                    entry.insert("ratings".into(), Value::Object(ratings));
                }
                _ => {}
            }
            let list = people[who]
                .entry(key)
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(list) = list {
                origins.rows.insert(
                    format!("participants[{who}].{key}[{}]", list.len()),
                    (file.name.to_string(), line),
                );
                list.push(Value::Object(entry));
            }
        }
    }
    // Unknown columns in a long file are reported once, not once per row.
    errors.dedup_by(|a, b| a.code == ErrorCode::UnknownField && a == b);
    let doc = json!({"project": project, "participants": people.into_iter().map(Value::Object).collect::<Vec<_>>()});
    Ok((doc, origins, errors))
}

/// What a CSV file holds, recognised by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kind {
    /// One row per participant.
    Participants,
    /// `id,date,item1..item5`.
    Who5,
    /// `id,date,item1..item10`.
    Gse,
    /// `id,date,<ten-step areas>`.
    TenStep,
    /// `id,category[,date]`.
    Interventions,
    /// The outreach mapping (`id` and `first_seen`).
    Venues,
    /// Outreach visits (`date` and `women_met`).
    Visits,
}

/// Recognises a CSV file by its header: ten item columns are GSE, five WHO-5; a `category`
/// column without `start` is interventions; ten-step area columns are assessments; anything
/// else is a participants file.
///
/// ```
/// use overgang::cohort::csv::{kind_of, Kind};
/// assert_eq!(kind_of("id,date,item1,item2,item3,item4,item5\n"), Kind::Who5);
/// assert_eq!(kind_of("id;gender;age;start\n"), Kind::Participants);
/// ```
pub fn kind_of(text: &str) -> Kind {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("").to_ascii_lowercase();
    let cols: Vec<&str> = first
        .split([',', ';'])
        .map(|c| c.trim().trim_matches('"'))
        .collect();
    let items = cols.iter().filter(|c| c.starts_with("item")).count();
    let has = |name: &str| cols.contains(&name);
    let header: Vec<String> = cols.iter().map(|c| (*c).to_string()).collect();
    // Outreach sheets first: a venue sheet also has an `id` column.
    match crate::outreach::csv::kind_of(&header) {
        Some(crate::outreach::csv::Kind::Venue) => return Kind::Venues,
        Some(crate::outreach::csv::Kind::Visit) => return Kind::Visits,
        None => {}
    }
    if items >= 10 {
        Kind::Gse
    } else if items > 0 {
        Kind::Who5
    } else if has("category") && !has("start") {
        Kind::Interventions
    } else if has("date")
        && !has("start")
        && crate::ten_step::Area::ALL.iter().any(|a| has(a.as_str()))
    {
        Kind::TenStep
    } else {
        Kind::Participants
    }
}

/// The outreach sheets of a CSV import, read and validated (empty when there are none).
///
/// # Errors
/// Every problem, located in its file, line and column.
pub(crate) fn outreach(files: &CsvFiles<'_>) -> Result<crate::outreach::Outreach, ValidationError> {
    if files.venues.is_none() && files.visits.is_none() {
        return Ok(crate::outreach::Outreach::default());
    }
    let venues = files
        .venues
        .map(|f| read(&f).map(|t| (f.name, t)))
        .transpose()?;
    let visits = files
        .visits
        .map(|f| read(&f).map(|t| (f.name, t)))
        .transpose()?;
    fn sheet<'a>(x: &'a Option<(&'a str, Table)>) -> Option<crate::outreach::csv::Sheet<'a>> {
        x.as_ref()
            .map(|(file, (header, rows))| crate::outreach::csv::Sheet { file, header, rows })
    }
    crate::outreach::csv::read(sheet(&venues), sheet(&visits))
}
