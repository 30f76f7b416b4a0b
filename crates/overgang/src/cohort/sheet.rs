//! Sheets: the registration sheets a project keeps (participants, WHO-5, GSE, ten-step
//! assessments, interventions), described once so that the CLI can write the registration
//! workbook ([`SheetKind::columns`]: headers, closed sets, date and number columns) and the
//! sample cohort as files ([`tables`]), in the formats the CSV reader ([`super::csv`]) reads.
//!
//! With the `spreadsheet` feature, [`read_workbook`] reads workbooks (xlsx, xlsm, xls, ods)
//! sheet by sheet into the text the CSV reader consumes, for the CLI and the Python binding
//! alike.
//!
//! ```
//! use overgang::cohort::sheet::{tables, SheetKind};
//! let t = tables(&overgang::sample::generate(3, 1));
//! assert_eq!(t[0].kind, SheetKind::Participants);
//! assert_eq!(t[0].header[..2], ["id", "gender"]);
//! assert_eq!(t[0].rows.len(), 3);
//! ```

use crate::ids::id_enum;
use serde_json::Value;

id_enum! {
    /// The kinds of sheet of a registration workbook, one per file of a CSV import.
    pub enum SheetKind ("sheet") {
        /// One row per participant.
        Participants = "participants", "Participants", "Deltagere";
        /// WHO-5 answers: `id,date,item1..item5`.
        Who5 = "who5", "WHO-5", "WHO-5";
        /// GSE answers: `id,date,item1..item10`.
        Gse = "gse", "GSE", "GSE";
        /// Ten-step assessments: `id,date,<areas>`.
        TenStep = "ten_step", "Ten-step scale", "Ti-trinsskala";
        /// Interventions given: `id,category,date`.
        Interventions = "interventions", "Interventions", "Indsatser";
    }
}

id_enum! {
    /// Yes and no as a sheet's cells show them (the readers also take `true`/`false`).
    pub enum YesNo ("yes_no") {
        /// Yes.
        Yes = "true", "Yes", "Ja";
        /// No.
        No = "false", "No", "Nej";
    }
}

/// What a column of a sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CellKind {
    /// The pseudonymous ID (text).
    Id,
    /// Free text of a closed form checked by the reader (a programme id).
    Text,
    /// A date (ISO or day first in text cells; a date cell in workbooks).
    Date,
    /// A whole number from `min` to `max`.
    WholeNumber {
        /// Smallest value allowed.
        min: u8,
        /// Largest value allowed.
        max: u8,
    },
    /// Yes or no ([`YesNo`]).
    YesNo,
    /// One member of a closed set, named by its catalogue kind ([`crate::catalogue::KINDS`]).
    Choice(&'static str),
    /// Members of a closed set separated by `;`, named by its catalogue kind.
    Choices(&'static str),
}

/// A column of a sheet: its header (the library's column name) and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The header, as the CSV reader recognises it.
    pub name: String,
    /// What the cells hold.
    pub kind: CellKind,
}

fn column(name: &str, kind: CellKind) -> Column {
    Column {
        name: name.to_string(),
        kind,
    }
}

/// The smallest and largest whole number `ok` accepts (rules stay in their modules).
fn range(ok: impl Fn(u8) -> bool) -> CellKind {
    let mut allowed = (0..=u8::MAX).filter(|&n| ok(n));
    let min = allowed.next().unwrap_or(0);
    let max = allowed.last().unwrap_or(min);
    CellKind::WholeNumber { min, max }
}

impl SheetKind {
    /// The columns of the sheet, in order: the headers the CSV reader recognises for the kind.
    ///
    /// ```
    /// use overgang::cohort::sheet::{CellKind, SheetKind};
    /// let who5 = SheetKind::Who5.columns();
    /// assert_eq!(who5.len(), 7);
    /// assert_eq!(who5[2].kind, CellKind::WholeNumber { min: 0, max: 5 });
    /// assert_eq!(SheetKind::Participants.columns()[1].kind, CellKind::Choice("genders"));
    /// ```
    pub fn columns(self) -> Vec<Column> {
        use CellKind::{Choice, Choices, Date, Id, Text, YesNo};
        let keyed = |rest: Vec<Column>| {
            let mut c = vec![column("id", Id), column("date", Date)];
            c.extend(rest);
            c
        };
        let items = |n: usize, kind: CellKind| {
            (1..=n)
                .map(|i| column(&format!("item{i}"), kind))
                .collect::<Vec<_>>()
        };
        match self {
            SheetKind::Participants => vec![
                column("id", Id),
                column("gender", Choice("genders")),
                column(
                    "age",
                    CellKind::WholeNumber {
                        min: crate::participant::MIN_AGE,
                        max: crate::participant::MAX_AGE,
                    },
                ),
                column("start", Date),
                column("end", Date),
                column("forms", Choices("prostitution_forms")),
                column("goal", Choice("intake_goals")),
                column("anonymous", YesNo),
                column("anti_trafficking_referral", YesNo),
                column("referred_to_other_services", YesNo),
                column("programme", Text),
            ],
            SheetKind::Who5 => keyed(items(
                crate::who5::ITEMS,
                CellKind::WholeNumber {
                    min: crate::who5::MIN_ANSWER,
                    max: crate::who5::MAX_ANSWER,
                },
            )),
            SheetKind::Gse => keyed(items(
                crate::gse::ITEMS,
                CellKind::WholeNumber {
                    min: crate::gse::MIN_ANSWER,
                    max: crate::gse::MAX_ANSWER,
                },
            )),
            SheetKind::TenStep => {
                let step = range(|n| crate::ten_step::Step::new(n).is_ok());
                keyed(
                    crate::ten_step::Area::ALL
                        .iter()
                        .map(|a| column(a.as_str(), step))
                        .collect(),
                )
            }
            SheetKind::Interventions => vec![
                column("id", Id),
                column("category", Choice("interventions")),
                column("date", Date),
            ],
        }
    }

    /// The key of the kind's list in a cohort document's participant (`who5`, `gse`,
    /// `ten_step`, `interventions`); `None` for participants.
    const fn list_key(self) -> Option<&'static str> {
        match self {
            SheetKind::Participants => None,
            SheetKind::Who5 => Some("who5"),
            SheetKind::Gse => Some("gse"),
            SheetKind::TenStep => Some("ten_step"),
            SheetKind::Interventions => Some("interventions"),
        }
    }
}

/// A sheet's rows in canonical text: ids of closed sets, ISO dates, `true`/`false`, numbers as
/// written; an empty cell is an empty string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The kind of sheet.
    pub kind: SheetKind,
    /// The headers ([`SheetKind::columns`]).
    pub header: Vec<String>,
    /// The rows, one cell per header.
    pub rows: Vec<Vec<String>>,
}

/// A value of a document as the text of a cell (lists joined by `;`).
fn cell_text(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) => a
            .iter()
            .map(|x| cell_text(Some(x)))
            .collect::<Vec<_>>()
            .join(";"),
        Some(v) => v.to_string(),
    }
}

/// The sheets of a cohort document (participants, WHO-5, GSE, ten-step assessments,
/// interventions) in the formats the CSV and spreadsheet readers read, so that reading them
/// back gives the same cohort. CTI courses, outcome readings and other keys of a document that
/// have no sheet are not written.
///
/// ```
/// use overgang::cohort::sheet::{tables, SheetKind};
/// let doc = serde_json::json!({"project": "P", "participants": [
///     {"id": "P-1", "start": "2023-02-10", "forms": ["street", "bar"],
///      "who5": [{"date": "2023-02-10", "items": [3, 4, null, 3, 4]}]}]});
/// let t = tables(&doc);
/// assert_eq!(t[0].rows[0][..6], ["P-1", "", "", "2023-02-10", "", "street;bar"]);
/// assert_eq!((t[1].kind, &t[1].rows[0][..4]), (SheetKind::Who5, &["P-1", "2023-02-10", "3", "4"].map(String::from)[..]));
/// assert_eq!(t[1].rows[0][4], "");
/// ```
pub fn tables(document: &Value) -> Vec<Table> {
    let people: &[Value] = document
        .get("participants")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice);
    SheetKind::ALL
        .iter()
        .map(|&kind| {
            let header: Vec<String> = kind.columns().into_iter().map(|c| c.name).collect();
            let rows = match kind.list_key() {
                None => people
                    .iter()
                    .map(|p| header.iter().map(|h| cell_text(p.get(h))).collect())
                    .collect(),
                Some(key) => people
                    .iter()
                    .flat_map(|p| {
                        let id = cell_text(p.get("id"));
                        let entries: &[Value] = p
                            .get(key)
                            .and_then(Value::as_array)
                            .map_or(&[], Vec::as_slice);
                        let header = &header;
                        entries.iter().map(move |e| {
                            header
                                .iter()
                                .map(|h| match h.as_str() {
                                    "id" => id.clone(),
                                    "date" | "category" => cell_text(e.get(h)),
                                    item if item.starts_with("item") => {
                                        let i = item[4..].parse::<usize>().unwrap_or(0);
                                        cell_text(
                                            e.get("items").and_then(|x| x.get(i.wrapping_sub(1))),
                                        )
                                    }
                                    area => cell_text(e.get("ratings").and_then(|r| r.get(area))),
                                })
                                .collect()
                        })
                    })
                    .collect(),
            };
            Table { kind, header, rows }
        })
        .collect()
}

/// The text of one table as a CSV file (`,`-separated, LF line ends, quoted where needed).
///
/// ```
/// use overgang::cohort::sheet::{tables, to_csv};
/// let doc = serde_json::json!({"participants": [{"id": "P-1", "start": "2023-02-10", "forms": ["street", "bar"]}]});
/// assert!(to_csv(&tables(&doc)[0]).starts_with("id,gender,age,start"));
/// ```
pub fn to_csv(table: &Table) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to memory cannot fail; a failure would only leave a row out.
    let _ = w.write_record(&table.header);
    for row in &table.rows {
        let _ = w.write_record(row);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Whether a file is a workbook the spreadsheet reader takes, by its name's extension
/// (`.xlsx`, `.xlsm`, `.xls`, `.ods`, any case).
///
/// ```
/// use overgang::cohort::sheet::is_workbook;
/// assert!(is_workbook("registrering.XLSX") && is_workbook("a/b.ods"));
/// assert!(!is_workbook("deltagere.csv") && !is_workbook("xlsx"));
/// ```
pub fn is_workbook(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && ["xlsx", "xlsm", "xls", "ods"]
                .iter()
                .any(|x| ext.eq_ignore_ascii_case(x))
    })
}

/// Puts a CSV text into the slot of `files` its header says it is ([`super::csv::kind_of_with`],
/// after the column map): the way the CLI and Python sort files and sheets given without a
/// kind.
///
/// ```
/// use overgang::cohort::csv::{CsvFiles, CsvOptions};
/// use overgang::cohort::sheet::add_by_header;
/// let mut files = CsvFiles::default();
/// let o = CsvOptions::default();
/// add_by_header(&mut files, "a.csv", "id,start\nA-1,2023-01-01\n", &o)?;
/// add_by_header(&mut files, "b.csv", "id,date,item1,item2,item3,item4,item5\n", &o)?;
/// assert!(files.participants.is_some() && files.who5.is_some());
/// let e = add_by_header(&mut files, "c.csv", "id,start\n", &o).unwrap_err();
/// assert_eq!(e.code.as_str(), "duplicate");
/// # Ok::<(), overgang::FieldError>(())
/// ```
///
/// # Errors
/// `duplicate` (located at the file) when the slot is taken: two files of the same kind.
pub fn add_by_header<'a>(
    files: &mut super::csv::CsvFiles<'a>,
    name: &'a str,
    text: &'a str,
    options: &super::csv::CsvOptions,
) -> Result<(), crate::FieldError> {
    use super::csv::{kind_of_with, CsvFile, Kind};
    let slot = match kind_of_with(text, options) {
        Kind::Who5 => &mut files.who5,
        Kind::Gse => &mut files.gse,
        Kind::TenStep => &mut files.ten_step,
        Kind::Interventions => &mut files.interventions,
        Kind::Venues => &mut files.venues,
        Kind::Visits => &mut files.visits,
        _ => &mut files.participants,
    };
    if slot.is_some() {
        return Err(crate::FieldError::new(
            "file",
            crate::ErrorCode::Duplicate,
            "file: a second file of the same kind by its header; give one of each, and map other column names with the column map (e.g. q1=item1)",
        )
        .at(crate::Location {
            file: name.to_string(),
            line: 1,
            column: None,
        }));
    }
    *slot = Some(CsvFile { name, text });
    Ok(())
}

/// A sheet's cell as the text of a CSV cell (`;`-separated, quoted when it must be): a date
/// cell as `YYYY-MM-DD HH:MM:SS`, a whole number without `.0`.
#[cfg(feature = "spreadsheet")]
pub(crate) fn cell_csv(cell: &calamine::Data) -> String {
    let mut text = Vec::new();
    push_cell_csv(cell, &mut text);
    String::from_utf8(text).unwrap_or_default()
}

/// Appends a cell's CSV text ([`cell_csv`]) to `out`.
#[cfg(feature = "spreadsheet")]
pub(crate) fn push_cell_csv(cell: &calamine::Data, out: &mut Vec<u8>) {
    use calamine::Data;
    let text = match cell {
        Data::Empty => return,
        Data::String(s) => return push_csv_text(s, out),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
            format!("{}", *f as i64)
        }
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        // `YYYY-MM-DD HH:MM:SS`: a date cell is a date at midnight.
        Data::DateTime(d) => d
            .as_datetime()
            .map_or_else(|| "#DATE".into(), |t| t.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => return push_csv_text(s, out),
        // A formula error is not a value: kept as text, so it is refused, not missing.
        Data::Error(_) => "#ERROR".into(),
    };
    push_csv_text(&text, out);
}

/// Appends text as a CSV cell: quoted when it holds a separator, a quote or a line break.
#[cfg(feature = "spreadsheet")]
pub(crate) fn push_csv_text(text: &str, out: &mut Vec<u8>) {
    if text.contains([';', '"', '\n', '\r']) {
        out.push(b'"');
        out.extend_from_slice(text.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(text.as_bytes());
    }
}

/// Whether a sheet (its CSV text from the header on) is one the readers take: a kind other
/// than participants by its header, or an `id` column.
#[cfg(feature = "spreadsheet")]
pub(crate) fn header_known(body: &str, options: &super::csv::CsvOptions) -> bool {
    use super::csv::{kind_of_with, Kind};
    kind_of_with(body, options) != Kind::Participants
        || body.lines().next().is_some_and(|h| {
            h.split(';')
                .any(|c| options.column(c.trim_matches('"')) == "id")
        })
}

/// The total size of a zipped workbook's parts (xlsx, xlsm, ods) as its archive declares them
/// (a part that cannot be listed counts as none: the workbook's reader refuses it).
#[cfg(feature = "spreadsheet")]
pub(crate) fn unzipped_bytes<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
) -> u64 {
    (0..zip.len())
        .filter_map(|i| zip.by_index_raw(i).ok().map(|part| part.size()))
        .fold(0u64, u64::saturating_add)
}

/// A problem with a whole workbook, located at the file.
#[cfg(feature = "spreadsheet")]
fn workbook_error(
    name: &str,
    field: &str,
    code: crate::ErrorCode,
    message: &str,
) -> crate::ValidationError {
    crate::ValidationError::new(vec![crate::FieldError::new(field, code, message).at(
        crate::Location {
            file: name.to_string(),
            line: 1,
            column: None,
        },
    )])
}

/// Reads a workbook (xlsx, xlsm, xls or ods; feature `spreadsheet`): every sheet whose header
/// the library recognises, as CSV text named `file:sheet` with each row on its sheet row's
/// line, so errors name file, sheet, row and column (never a cell's content). A participants
/// sheet needs an `id` column; other sheets (instructions, the lists of a template) are skipped.
/// Date cells are read as dates, whole numbers as whole numbers, booleans as yes/no.
///
/// ```
/// use overgang::cohort::csv::CsvOptions;
/// let e = overgang::cohort::sheet::read_workbook("a.xlsx", b"not a workbook", &CsvOptions::default()).unwrap_err();
/// assert_eq!(e.errors()[0].code.as_str(), "invalid_format");
/// ```
///
/// # Errors
/// `too_large` beyond [`crate::limits::MAX_INPUT_BYTES`], `invalid_format` for bytes that are
/// not a readable workbook, `missing` (field `sheet`) when no sheet has a recognised header.
#[cfg(feature = "spreadsheet")]
pub fn read_workbook(
    name: &str,
    bytes: &[u8],
    options: &super::csv::CsvOptions,
) -> Result<Vec<(String, String)>, crate::ValidationError> {
    use crate::ErrorCode;
    use calamine::{open_workbook_auto_from_rs, Reader};
    if bytes.len() > crate::limits::MAX_INPUT_BYTES {
        return Err(workbook_error(
            name,
            "file",
            ErrorCode::TooLarge,
            &format!(
                "file: the workbook is larger than the {} MB limit",
                crate::limits::MAX_INPUT_BYTES / 1_000_000
            ),
        ));
    }
    // xlsx, xlsm and ods are zip archives (xls is not).
    let unzipped = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_or(0, |mut zip| unzipped_bytes(&mut zip));
    if unzipped > crate::limits::MAX_UNZIPPED_BYTES {
        return Err(workbook_error(
            name,
            "file",
            ErrorCode::TooLarge,
            &format!(
                "file: the workbook unzips to {} MB; the limit is {} MB",
                unzipped / 1_000_000,
                crate::limits::MAX_UNZIPPED_BYTES / 1_000_000
            ),
        ));
    }
    let unreadable = || {
        workbook_error(
            name,
            "file",
            ErrorCode::InvalidFormat,
            "file: not a readable spreadsheet (xlsx, xlsm, xls or ods)",
        )
    };
    let book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|_| unreadable())?;
    let sheets = book.sheet_names();
    // One sheet as CSV text, `None` when it is empty or its header is not recognised; each from
    // its own reader of the bytes, so that sheets are read on several threads.
    let one = |sheet: &String| -> Result<Option<(String, String)>, crate::ValidationError> {
        let mut book =
            open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|_| unreadable())?;
        let Ok(range) = book.worksheet_range(sheet) else {
            return Err(unreadable());
        };
        let Some((first_row, _)) = range.start() else {
            return Ok(None); // an empty sheet
        };
        let mut text = "\n".repeat(first_row as usize);
        for row in range.rows() {
            let cells: Vec<String> = row.iter().map(cell_csv).collect();
            text.push_str(&cells.join(";"));
            text.push('\n');
        }
        let body = &text[first_row as usize..];
        Ok(header_known(body, options).then(|| (format!("{name}:{sheet}"), text)))
    };
    let mut out = Vec::new();
    let mut read = Vec::new();
    crate::threads::map_in_order(sheets.len(), 1, &|i| sheets.get(i).map(one), &mut |_, r| {
        read.push(r)
    });
    for r in read.into_iter().flatten() {
        if let Some(sheet) = r? {
            out.push(sheet);
        }
    }
    if out.is_empty() {
        return Err(workbook_error(
            name,
            "sheet",
            ErrorCode::Missing,
            "sheet: no sheet has a header this version recognises (an id column)",
        ));
    }
    Ok(out)
}
