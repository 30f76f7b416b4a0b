//! Venues and visits from CSV sheets (the outreach teams' Excel overview saved as CSV): a
//! `venue` sheet and a `visit` sheet, recognised by their headers.
//!
//! This module takes a sheet already split into a header and rows (the cohort CSV reader
//! does the splitting, delimiter sniffing and size limits), turns each row into the same JSON
//! as a document and validates it with the same code, so every error points at a file, a line
//! and a column. Column names are never echoed: an unknown column is named by its position.
//!
//! - `venue`: `id,form,municipality,first_seen,last_seen`
//! - `visit`: `date,venue,form,municipality,women_met,new_contacts,counselled,sti_tests,
//!   referred_to_clinic,nationalities`, where `nationalities` is `TH:3;RO:1` (`;` or `|`
//!   between countries).

use super::Outreach;
use crate::error::{ErrorCode, FieldError, Location, ValidationError};
use crate::RawAnswer;
use serde_json::{Map, Value};

/// The columns of a venue sheet.
///
/// ```
/// assert_eq!(overgang::outreach::csv::VENUE_COLUMNS[0], "id");
/// ```
pub const VENUE_COLUMNS: [&str; 5] = ["id", "form", "municipality", "first_seen", "last_seen"];

/// The columns of a visit sheet (`sti_tests` and `referred_to_clinic` are the document's
/// `health` object).
///
/// ```
/// assert!(overgang::outreach::csv::VISIT_COLUMNS.contains(&"sti_tests"));
/// ```
pub const VISIT_COLUMNS: [&str; 10] = [
    "date",
    "venue",
    "form",
    "municipality",
    "women_met",
    "new_contacts",
    "counselled",
    "sti_tests",
    "referred_to_clinic",
    "nationalities",
];

/// A CSV sheet: its file name (for error locations), header and rows with their line numbers.
///
/// ```
/// use overgang::outreach::csv::{read, Sheet};
/// let header = vec!["id".to_string(), "form".into(), "municipality".into(), "first_seen".into()];
/// let rows = vec![(2, vec!["ODE-1".to_string(), "clinic".into(), "461".into(), "2024-01-01".into()])];
/// let o = read(Some(Sheet { file: "venues.csv", header: &header, rows: &rows }), None)?;
/// assert_eq!(o.venues[0].municipality.map(|m| m.name()), Some("Odense"));
/// # Ok::<(), overgang::ValidationError>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Sheet<'a> {
    /// File name used in error locations.
    pub file: &'a str,
    /// The header's cells.
    pub header: &'a [String],
    /// Each row's 1-based line number and cells (as many as the header).
    pub rows: &'a [(u64, Vec<String>)],
}

/// The kinds of outreach sheet (see [`kind_of`]).
///
/// ```
/// use overgang::outreach::csv::{kind_of, Kind};
/// assert_eq!(kind_of(&["date".to_string(), "women_met".into()]), Some(Kind::Visit));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One venue a row.
    Venue,
    /// One visit or online session a row.
    Visit,
}

/// Recognises an outreach sheet by its header (case and spaces ignored): a visit sheet has
/// `date` and `women_met`; a venue sheet has `id` and `first_seen`.
///
/// ```
/// use overgang::outreach::csv::{kind_of, Kind};
/// let h = |s: &str| s.split(',').map(String::from).collect::<Vec<_>>();
/// assert_eq!(kind_of(&h("id,form,municipality,first_seen")), Some(Kind::Venue));
/// assert_eq!(kind_of(&h("Date,Women_met,form")), Some(Kind::Visit));
/// assert_eq!(kind_of(&h("id,date,item1")), None);
/// ```
pub fn kind_of(header: &[String]) -> Option<Kind> {
    let has = |name: &str| header.iter().any(|h| h.trim().eq_ignore_ascii_case(name));
    if has("date") && has("women_met") {
        Some(Kind::Visit)
    } else if has("id") && has("first_seen") {
        Some(Kind::Venue)
    } else {
        None
    }
}

/// Reads venue and visit sheets (either may be absent) into a validated [`Outreach`].
///
/// ```
/// use overgang::outreach::csv::{read, Sheet};
/// let h = |s: &str| s.split(',').map(String::from).collect::<Vec<_>>();
/// let vh = h("id,form,municipality,first_seen,last_seen");
/// let vr = vec![(2, h("CPH-001,clinic,101,2024-01-01,"))];
/// let sh = h("date,venue,women_met,new_contacts,nationalities");
/// let sr = vec![(2, h("2024-02-01,CPH-001,4,2,TH:3;RO:1")), (3, h("2024-02-08,CPH-001,2,5,"))];
/// let err = read(
///     Some(Sheet { file: "venues.csv", header: &vh, rows: &vr }),
///     Some(Sheet { file: "visits.csv", header: &sh, rows: &sr }),
/// ).unwrap_err();
/// let e = &err.errors()[0];
/// assert_eq!((e.field.as_str(), e.code.as_str()), ("outreach_visits[1].new_contacts", "inconsistent"));
/// assert_eq!(e.location.as_ref().map(|l| (l.file.as_str(), l.line, l.column.as_deref())),
///            Some(("visits.csv", 3, Some("new_contacts"))));
/// ```
///
/// # Errors
/// Every problem, each located in its file, line and column; unknown columns (named by
/// position) are refused before the rows are read.
pub fn read(
    venues: Option<Sheet<'_>>,
    visits: Option<Sheet<'_>>,
) -> Result<Outreach, ValidationError> {
    let mut errors = Vec::new();
    let mut doc = Map::new();
    if let Some(s) = venues {
        check_header(&s, &VENUE_COLUMNS, &mut errors);
        doc.insert(
            "venues".into(),
            Value::Array(s.rows.iter().map(|r| row_value(&s, r)).collect()),
        );
    }
    if let Some(s) = visits {
        check_header(&s, &VISIT_COLUMNS, &mut errors);
        doc.insert(
            "outreach_visits".into(),
            Value::Array(s.rows.iter().map(|r| row_value(&s, r)).collect()),
        );
    }
    if !errors.is_empty() {
        return Err(ValidationError::new(errors));
    }
    Outreach::from_value(&Value::Object(doc)).map_err(|e| {
        ValidationError::new(
            e.into_errors()
                .into_iter()
                .map(|e| locate(e, venues, visits))
                .collect(),
        )
    })
}

fn check_header(sheet: &Sheet<'_>, allowed: &[&str], errors: &mut Vec<FieldError>) {
    let names: Vec<String> = sheet
        .header
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    for (i, name) in names.iter().enumerate() {
        if let Some(first) = names[..i].iter().position(|n| n == name) {
            errors.push(
                FieldError::new(
                    "header",
                    ErrorCode::Duplicate,
                    format!(
                        "header: column {} repeats column {}; each column once",
                        i + 1,
                        first + 1
                    ),
                )
                .at(Location {
                    file: sheet.file.to_string(),
                    line: 1,
                    column: None,
                }),
            );
        } else if !allowed.contains(&name.as_str()) {
            errors.push(
                FieldError::new(
                    "header",
                    ErrorCode::UnknownField,
                    format!(
                        "header: column {} is not a known column; allowed: {}",
                        i + 1,
                        allowed.join(", ")
                    ),
                )
                .at(Location {
                    file: sheet.file.to_string(),
                    line: 1,
                    column: None,
                }),
            );
        }
    }
}

/// One row as the JSON a document would hold; empty cells are left out.
fn row_value(sheet: &Sheet<'_>, (_, cells): &(u64, Vec<String>)) -> Value {
    let mut obj = Map::new();
    let mut health = Map::new();
    for (h, cell) in sheet.header.iter().zip(cells) {
        let name = h.trim().to_ascii_lowercase();
        let cell = cell.trim();
        if cell.is_empty() {
            continue;
        }
        let value = match name.as_str() {
            "women_met" | "new_contacts" | "counselled" | "sti_tests" | "referred_to_clinic" => {
                number(cell)
            }
            "nationalities" => nationalities(cell),
            _ => Value::String(cell.to_string()),
        };
        if matches!(name.as_str(), "sti_tests" | "referred_to_clinic") {
            health.insert(name, value);
        } else {
            obj.insert(name, value);
        }
    }
    if !health.is_empty() {
        obj.insert("health".into(), Value::Object(health));
    }
    Value::Object(obj)
}

/// A count cell: a number when it reads as one, else the text (refused later as not a number).
fn number(cell: &str) -> Value {
    match RawAnswer::from_text(cell) {
        RawAnswer::Integer(i) => Value::from(i),
        RawAnswer::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        RawAnswer::Missing => Value::Null,
        _ => Value::String(cell.to_string()),
    }
}

/// `TH:3;RO:1` as `{"TH": 3, "RO": 1}`; anything malformed (or a country twice) stays text,
/// which the document reader refuses as not an object.
fn nationalities(cell: &str) -> Value {
    let mut out = Map::new();
    for part in cell
        .split([';', '|'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let Some((code, n)) = part.split_once(':') else {
            return Value::String(cell.to_string());
        };
        let key = code.trim().to_ascii_uppercase();
        if out.insert(key, number(n.trim())).is_some() {
            return Value::String(cell.to_string());
        }
    }
    Value::Object(out)
}

/// Adds the file, line and column to an error on `venues[i]...` or `outreach_visits[i]...`.
fn locate(e: FieldError, venues: Option<Sheet<'_>>, visits: Option<Sheet<'_>>) -> FieldError {
    let (sheet, rest) = if let Some(rest) = e.field.strip_prefix("venues[") {
        (venues, rest)
    } else if let Some(rest) = e.field.strip_prefix("outreach_visits[") {
        (visits, rest)
    } else {
        return e;
    };
    let Some((index, path)) = rest.split_once(']') else {
        return e;
    };
    let (Some(sheet), Ok(index)) = (sheet, index.parse::<usize>()) else {
        return e;
    };
    let Some((line, _)) = sheet.rows.get(index) else {
        return e;
    };
    // `.health.sti_tests` is the `sti_tests` column; `.nationalities.TH` is `nationalities`.
    let path = path.trim_start_matches('.');
    let column = match path.split('.').collect::<Vec<_>>().as_slice() {
        [] | [""] => None,
        ["health", c, ..] => Some((*c).to_string()),
        [c, ..] => Some((*c).to_string()),
    };
    let location = Location {
        file: sheet.file.to_string(),
        line: *line,
        column,
    };
    e.at(location)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(s: &str) -> Vec<String> {
        s.split(',').map(String::from).collect()
    }

    #[test]
    fn unknown_columns_are_named_by_position_only() {
        let header = h("id,form,Anna Jensen 010190-1234,first_seen");
        let rows = vec![];
        let err = read(
            Some(Sheet {
                file: "venues.csv",
                header: &header,
                rows: &rows,
            }),
            None,
        )
        .unwrap_err();
        assert_eq!(err.errors().len(), 1);
        let text = format!("{err} {:?}", err.errors());
        assert!(text.contains("column 3") && !text.contains("Anna") && !text.contains("010190"));
    }

    #[test]
    fn a_column_given_twice_is_refused() {
        let header = h("date,form,women_met,women_met");
        let err = read(
            None,
            Some(Sheet {
                file: "visits.csv",
                header: &header,
                rows: &[],
            }),
        )
        .unwrap_err();
        assert_eq!(err.errors()[0].code.as_str(), "duplicate");
        assert!(err.errors()[0]
            .message
            .contains("column 4 repeats column 3"));
    }

    #[test]
    fn a_visit_sheet_is_read_with_health_and_nationalities() {
        let vh = h("date,form,municipality,women_met,new_contacts,sti_tests,referred_to_clinic,nationalities");
        let vr = vec![(2, h("2024-03-01,street,0751,6,2,3,1,TH:2|ng:1"))];
        let o = read(
            None,
            Some(Sheet {
                file: "visits.csv",
                header: &vh,
                rows: &vr,
            }),
        )
        .unwrap();
        let v = &o.visits[0];
        assert_eq!((v.health.sti_tests, v.health.referred_to_clinic), (3, 1));
        assert_eq!(v.nationalities.values().sum::<u64>(), 3);
        assert_eq!(v.municipality.map(|m| m.code()), Some(751));
    }

    #[test]
    fn bad_cells_point_at_their_column() {
        let vh = h("date,form,municipality,women_met,sti_tests,nationalities");
        let vr = vec![(7, h("2024-13-01,street,999,2.5,x,TH=2"))];
        let err = read(
            None,
            Some(Sheet {
                file: "visits.csv",
                header: &vh,
                rows: &vr,
            }),
        )
        .unwrap_err();
        let cols: Vec<(Option<&str>, u64)> = err
            .errors()
            .iter()
            .map(|e| {
                let l = e.location.as_ref().unwrap();
                (l.column.as_deref(), l.line)
            })
            .collect();
        assert_eq!(
            cols,
            [
                (Some("date"), 7),
                (Some("municipality"), 7),
                (Some("women_met"), 7),
                (Some("sti_tests"), 7),
                (Some("nationalities"), 7)
            ]
        );
    }
}
