//! CSV imports, as projects export them from Excel and SurveyXact: a participants file (one row
//! per person) and optional long files (one row per measurement), joined on the pseudonymous ID.
//!
//! The CSV is turned into the same cohort document as the JSON import and validated by the
//! same code; each value remembers its file, line and column so every error points at a cell.
//! Nothing is dropped silently: an unknown ID, a bad date or a bad answer is an error (or, with
//! [`OnError::Drop`], its row is left out and counted).
//!
//! Files are read as Danish Excel and SurveyXact write them ([`read_cell`] has the rules):
//! - bytes are decoded by [`decode`]: UTF-8 with or without a byte-order mark, else
//!   Windows-1252 ("CSV (semikolonsepareret)"), or as forced by [`CsvOptions::encoding`];
//! - `;` or `,` between cells, LF or CRLF line ends, quoted cells with line breaks; a line
//!   number is the file's own line, where the row starts;
//! - headers in any case; [`CsvOptions::columns`] renames other exports' columns
//!   (`q1` -> `item1`). Header problems are reported once per file, and only the library's own
//!   column names are ever shown: any other header is named by its position (`column #3`);
//! - closed sets accept their id or their Danish or English label in any case
//!   ([`crate::ids::parse_label`]); yes/no accepts `ja`/`nej`; dates are ISO or **day first**
//!   ([`crate::dates::parse_date_cell`]), with an optional midnight time part; numbers accept a
//!   decimal comma and whole-number decimals (`3,0`, `3.0`).
//!
//! JSON documents stay strict: ids and ISO dates only.

use super::csv_json::{roles, row_interventions, write_participant, LongRows, Role};
use crate::error::{ErrorCode, FieldError, Location, ValidationError};
use serde_json::{json, Value};
use std::borrow::Cow;
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
    /// Records that the part at `path` came from `line` of `file`.
    pub(crate) fn add(&mut self, path: String, file: String, line: u64) {
        self.rows.insert(path, (file, line));
    }

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
                            // The document reader knows only ISO dates; a CSV cell may be day
                            // first too, so the message says what the CSV reader accepts.
                            let is_date = column.as_deref().is_some_and(|c| {
                                matches!(c, "start" | "end" | "date" | "first_seen" | "last_seen")
                            });
                            let e = if is_date && e.code == ErrorCode::InvalidFormat {
                                crate::dates::date_cell_error(&e.field)
                            } else {
                                e
                            };
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
    // A list column of the participants file (`interventions[0].category`) is its column.
    if rest.starts_with("interventions[") {
        return Some("interventions".to_string());
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

/// A CSV file read: its header (the library's column names, lower case, after the column map)
/// and its rows, each with its line number and its cells in canonical form ([`read_cell`]).
pub(crate) type Table = (Vec<String>, Vec<(u64, Vec<String>)>);

/// A CSV file read, held compactly: the header, and every row's cells (as many as the header)
/// one after the other in one text. A large export has millions of cells, and a `String` each
/// took most of the memory of reading it.
pub(crate) struct Grid {
    pub(crate) header: Vec<String>,
    text: String,
    /// Where each cell ends in `text`.
    ends: Vec<u32>,
    /// Each row's line in the file.
    lines: Vec<u64>,
}

impl Grid {
    /// Rows.
    pub(crate) fn len(&self) -> usize {
        self.lines.len()
    }

    /// The line of row `r`.
    pub(crate) fn line(&self, r: usize) -> u64 {
        self.lines.get(r).copied().unwrap_or(0)
    }

    /// Cell `c` of row `r` ("" outside the grid).
    pub(crate) fn cell(&self, r: usize, c: usize) -> &str {
        let i = r * self.header.len() + c;
        let end = self.ends.get(i).map_or(0, |&e| e as usize);
        let start = match i.checked_sub(1) {
            Some(j) => self.ends.get(j).map_or(0, |&e| e as usize),
            None => 0,
        };
        self.text.get(start..end).unwrap_or_default()
    }

    /// The cells of row `r`, with their columns.
    pub(crate) fn row(&self, r: usize) -> impl Iterator<Item = (&String, &str)> {
        self.header
            .iter()
            .enumerate()
            .map(move |(c, h)| (h, self.cell(r, c)))
    }

    /// As the rows of a [`Table`] (for the outreach sheets, which are small).
    fn into_table(self) -> Table {
        let rows = (0..self.len())
            .map(|r| {
                let cells = (0..self.header.len())
                    .map(|c| self.cell(r, c).to_string())
                    .collect();
                (self.line(r), cells)
            })
            .collect();
        (self.header, rows)
    }
}

/// How the bytes of a CSV file are decoded (see [`decode`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8 (with or without a byte-order mark) when the bytes are valid UTF-8, else
    /// Windows-1252, as Danish Excel writes "CSV (semikolonsepareret)".
    #[default]
    Auto,
    /// UTF-8; a leading byte-order mark is skipped.
    Utf8,
    /// Windows-1252 (a superset of ISO-8859-1 / Latin-1 for text).
    Windows1252,
}

impl Encoding {
    /// The encoding's id: `auto`, `utf-8` or `windows-1252`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Encoding::Auto => "auto",
            Encoding::Utf8 => "utf-8",
            Encoding::Windows1252 => "windows-1252",
        }
    }

    /// Reads an encoding by name, in any case: `auto`, `utf-8` (`utf8`, `utf-8-sig`),
    /// `windows-1252` (`cp1252`, `latin-1`, `latin1`, `iso-8859-1`).
    ///
    /// ```
    /// use overgang::cohort::csv::Encoding;
    /// assert_eq!(Encoding::parse("CP1252").unwrap(), Encoding::Windows1252);
    /// assert_eq!(Encoding::parse("ebcdic").unwrap_err().code.as_str(), "unknown_value");
    /// ```
    ///
    /// # Errors
    /// `unknown_value` on `encoding` (the text is not echoed).
    pub fn parse(text: &str) -> Result<Encoding, FieldError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(Encoding::Auto),
            "utf-8" | "utf8" | "utf-8-sig" | "utf_8" | "utf_8_sig" => Ok(Encoding::Utf8),
            "windows-1252" | "cp1252" | "windows1252" | "latin-1" | "latin1" | "latin_1"
            | "iso-8859-1" | "iso8859-1" => Ok(Encoding::Windows1252),
            _ => Err(crate::ids::unknown_value(
                "encoding",
                &["auto", "utf-8", "windows-1252"],
            )),
        }
    }
}

/// Windows-1252's characters for the bytes 0x80-0x9F (the rest is Latin-1); the five unused
/// bytes map to the C1 controls, as browsers decode them.
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{8D}', '\u{017D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{9D}', '\u{017E}', '\u{0178}',
];

/// Decodes a file's bytes as text (see [`Encoding`]); a UTF-8 byte-order mark is removed.
///
/// ```
/// use overgang::cohort::csv::{decode, Encoding};
/// // "køn" as Danish Excel saves it (Windows-1252) and as UTF-8 with a byte-order mark:
/// assert_eq!(decode("a.csv", b"k\xf8n", Encoding::Auto)?, "køn");
/// assert_eq!(decode("a.csv", b"\xef\xbb\xbfk\xc3\xb8n", Encoding::Auto)?, "køn");
/// assert_eq!(decode("a.csv", b"k\xf8n", Encoding::Utf8).unwrap_err().errors()[0].code.as_str(), "invalid_format");
/// # Ok::<(), overgang::ValidationError>(())
/// ```
///
/// # Errors
/// `invalid_format` (field `encoding`, located at the file) when [`Encoding::Utf8`] is forced
/// and the bytes are not UTF-8; `too_large` beyond [`crate::limits::MAX_INPUT_BYTES`].
pub fn decode(name: &str, bytes: &[u8], encoding: Encoding) -> Result<String, ValidationError> {
    let at = |line: u64| Location {
        file: name.to_string(),
        line,
        column: None,
    };
    if bytes.len() > crate::limits::MAX_INPUT_BYTES {
        return Err(ValidationError::new(vec![FieldError::new(
            "file",
            ErrorCode::TooLarge,
            format!(
                "file: {} MB; the limit is {} MB",
                bytes.len() / 1_000_000,
                crate::limits::MAX_INPUT_BYTES / 1_000_000
            ),
        )
        .at(at(0))]));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let utf8 = std::str::from_utf8(bytes);
    match (encoding, utf8) {
        (Encoding::Auto | Encoding::Utf8, Ok(text)) => Ok(text.to_string()),
        (Encoding::Utf8, Err(e)) => {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            Err(ValidationError::new(vec![FieldError::new(
                "encoding",
                ErrorCode::InvalidFormat,
                "encoding: the file is not UTF-8 text; save it as \"CSV UTF-8\" or read it as windows-1252",
            )
            .at(at(line))]))
        }
        (Encoding::Auto | Encoding::Windows1252, _) => {
            let mut text = String::with_capacity(bytes.len());
            push_windows_1252(&mut text, bytes);
            Ok(text)
        }
    }
}

/// Appends `bytes` read as Windows-1252 to `text`.
pub(crate) fn push_windows_1252(text: &mut String, bytes: &[u8]) {
    text.extend(bytes.iter().map(|&b| match b {
        0x80..=0x9f => CP1252_HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }));
}

/// What to do with a row that has a problem.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum OnError {
    /// Refuse the input: every problem is reported and nothing is computed (the default).
    #[default]
    Fail,
    /// Leave out each row with a problem (a participant's row takes their measurements with
    /// it) and count what was left out per code (see [`crate::report::Excluded`]). Problems that are not in
    /// a row (a header, a whole file) still refuse the input.
    Drop,
}

impl OnError {
    /// The id: `fail` or `drop`.
    pub const fn as_str(self) -> &'static str {
        match self {
            OnError::Fail => "fail",
            OnError::Drop => "drop",
        }
    }

    /// Reads `fail` (also `raise`) or `drop`.
    ///
    /// # Errors
    /// `unknown_value` on `on_error`.
    pub fn parse(text: &str) -> Result<OnError, FieldError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "fail" | "raise" => Ok(OnError::Fail),
            "drop" => Ok(OnError::Drop),
            _ => Err(crate::ids::unknown_value("on_error", &["fail", "drop"])),
        }
    }
}

/// How CSV files are read: their encoding, a map from other exports' column names to the
/// library's, and what to do with rows that have problems.
///
/// ```
/// use overgang::cohort::csv::{CsvOptions, Encoding, OnError};
/// let o = CsvOptions::default()
///     .with_columns_text("q1=item1, Q2=item2")?
///     .with_encoding(Encoding::Windows1252)
///     .with_on_error(OnError::Drop);
/// assert_eq!(o.columns[1], ("q2".to_string(), "item2".to_string()));
/// # Ok::<(), overgang::ValidationError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CsvOptions {
    /// How bytes are decoded (callers that hold bytes use [`decode`] with it).
    pub encoding: Encoding,
    /// `(header in the file, the library's column)`, the header lower case and trimmed.
    pub columns: Vec<(String, String)>,
    /// Refuse the input (default) or leave out rows with problems.
    pub on_error: OnError,
}

impl CsvOptions {
    /// The same options with another encoding.
    pub fn with_encoding(mut self, encoding: Encoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// The same options with another `on_error`.
    pub fn with_on_error(mut self, on_error: OnError) -> Self {
        self.on_error = on_error;
        self
    }

    /// The same options with a column map: pairs of a header as the file has it and a column
    /// of the library (any file's: `item1`, `gender`, `date`, a ten-step area ...).
    ///
    /// # Errors
    /// `unknown_value` on `columns[i]` when a target is not a column of the library,
    /// `duplicate` when a header is mapped twice; the names given are never echoed.
    pub fn with_columns<A: AsRef<str>, B: AsRef<str>>(
        mut self,
        pairs: &[(A, B)],
    ) -> Result<Self, ValidationError> {
        let known = known_columns();
        let mut errors = Vec::new();
        let mut columns: Vec<(String, String)> = Vec::new();
        for (i, (from, to)) in pairs.iter().enumerate() {
            let from = from.as_ref().trim().to_lowercase();
            let to = to.as_ref().trim().to_ascii_lowercase();
            let field = format!("columns[{i}]");
            if from.is_empty() {
                errors.push(FieldError::new(
                    field.clone(),
                    ErrorCode::Missing,
                    format!("{field}: the header to rename is empty"),
                ));
            } else if !known.contains(&to) {
                errors.push(
                    FieldError::new(
                        field.clone(),
                        ErrorCode::UnknownValue,
                        format!("{field}: the new name is not a column of any file the library reads (e.g. item1, date, gender)"),
                    ),
                );
            } else if columns.iter().any(|(f, _)| *f == from) {
                errors.push(FieldError::new(
                    field.clone(),
                    ErrorCode::Duplicate,
                    format!("{field}: this header is already renamed by an earlier pair"),
                ));
            } else {
                columns.push((from, to));
            }
        }
        self.columns = columns;
        ValidationError::check(errors, || self)
    }

    /// [`CsvOptions::with_columns`] from text as the command line takes it:
    /// `q1=item1,q2=item2` (pairs separated by `,`).
    ///
    /// # Errors
    /// `invalid_format` on `columns[i]` for a pair without `=`, and those of
    /// [`CsvOptions::with_columns`].
    pub fn with_columns_text(self, text: &str) -> Result<Self, ValidationError> {
        let mut pairs = Vec::new();
        let mut errors = Vec::new();
        for (i, pair) in text.split(',').filter(|p| !p.trim().is_empty()).enumerate() {
            match pair.split_once('=') {
                Some((a, b)) => pairs.push((a.to_string(), b.to_string())),
                None => {
                    let field = format!("columns[{i}]");
                    errors.push(FieldError::new(
                        field.clone(),
                        ErrorCode::InvalidFormat,
                        format!("{field}: expected HEADER=COLUMN, e.g. q1=item1"),
                    ));
                }
            }
        }
        if !errors.is_empty() {
            return Err(ValidationError::new(errors));
        }
        self.with_columns(&pairs)
    }

    /// The library's column for a header cell as written (trimmed, any case).
    pub(crate) fn column(&self, header: &str) -> String {
        let h = header.trim().to_lowercase();
        self.columns
            .iter()
            .find(|(from, _)| *from == h)
            .map_or(h, |(_, to)| to.clone())
    }
}

/// Every column name of every file the library reads (participants, WHO-5 and GSE items,
/// ten-step areas, interventions, outreach).
pub fn known_columns() -> Vec<String> {
    let mut all: Vec<String> = crate::participant::KEYS
        .iter()
        .chain(["date", "category"].iter())
        .chain(crate::outreach::csv::VENUE_COLUMNS.iter())
        .chain(crate::outreach::csv::VISIT_COLUMNS.iter())
        .map(|s| (*s).to_string())
        .chain((1..=10).map(|i| format!("item{i}")))
        .chain(
            crate::ten_step::Area::ALL
                .iter()
                .map(|a| a.as_str().to_string()),
        )
        .collect();
    all.sort();
    all.dedup();
    all
}

/// The canonical text of a cell in a column, as the strict reader expects it: dates to
/// `YYYY-MM-DD`, labels of closed sets to their ids, numbers with a decimal comma or a whole
/// `.0` to plain numbers, list cells element by element. Text that cannot be read is returned
/// as it is, so the validator reports it at its cell (never repeating it).
///
/// ```
/// use overgang::cohort::csv::read_cell;
/// assert_eq!(read_cell("start", "10-02-2023"), "2023-02-10");
/// assert_eq!(read_cell("date", "2023-02-10 00:00:00"), "2023-02-10");
/// assert_eq!(read_cell("gender", "Kvinde"), "woman");
/// assert_eq!(read_cell("interventions", "Rådgivning og vejledning; GRUPPETERAPI"), "counselling;group_therapy");
/// assert_eq!(read_cell("item1", "3,0"), "3");
/// assert_eq!(read_cell("age", "34.0"), "34");
/// assert_eq!(read_cell("anonymous", "Ja"), "true");
/// assert_eq!(read_cell("gender", "kvindelig"), "kvindelig"); // refused later, at its cell
/// ```
pub fn read_cell(column: &str, cell: &str) -> String {
    canonical(column, cell).into_owned()
}

/// [`read_cell`], borrowing the cell when it is already canonical (most cells are).
pub(crate) fn canonical<'c>(column: &str, cell: &'c str) -> Cow<'c, str> {
    canonical_as(CellRule::of(column), column, cell)
}

/// How a column's cells are read into canonical form ([`read_cell`]), worked out once per
/// column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CellRule {
    Date,
    Gender,
    AgeBand,
    Goal,
    Form,
    Category,
    Forms,
    Interventions,
    Flag,
    Text,
    Number,
}

impl CellRule {
    pub(crate) fn of(column: &str) -> CellRule {
        match column {
            "start" | "end" | "date" | "first_seen" | "last_seen" => CellRule::Date,
            "gender" => CellRule::Gender,
            "age_band" => CellRule::AgeBand,
            "goal" => CellRule::Goal,
            "form" => CellRule::Form,
            "category" => CellRule::Category,
            "forms" => CellRule::Forms,
            "interventions" => CellRule::Interventions,
            "anonymous" | "anti_trafficking_referral" | "referred_to_other_services" => {
                CellRule::Flag
            }
            "id" | "other_referrals" | "venue" | "municipality" | "nationalities" => CellRule::Text,
            _ => CellRule::Number,
        }
    }
}

/// `text` without the whitespace at its ends, as [`str::trim`] (Unicode whitespace), but at once
/// when its ends are plainly not whitespace, as most cells' are: cells are trimmed millions of
/// times in a large export.
#[inline]
pub(crate) fn trim(text: &str) -> &str {
    let plain = |b: &u8| b.is_ascii() && !b.is_ascii_whitespace();
    let bytes = text.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) if plain(first) && plain(last) => text,
        _ => text.trim(),
    }
}

/// [`canonical`] for a column whose [`CellRule`] is known.
pub(crate) fn canonical_as<'c>(kind: CellRule, column: &str, cell: &'c str) -> Cow<'c, str> {
    use crate::intervention::Category;
    use crate::participant::{AgeBand, Gender, IntakeGoal, ProstitutionForm};
    let cell = trim(cell);
    if cell.is_empty() {
        return Cow::Borrowed("");
    }
    fn label<'c, T: crate::ids::IdSet>(cell: &'c str) -> Cow<'c, str> {
        match crate::ids::find_label::<T>(cell) {
            Some(m) if m.id() == cell => Cow::Borrowed(cell),
            Some(m) => Cow::Owned(m.id().to_string()),
            None => Cow::Borrowed(cell),
        }
    }
    fn labels<T: crate::ids::IdSet>(cell: &str) -> Cow<'_, str> {
        let list: Vec<Cow<'_, str>> = cell
            .split([';', '|'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(label::<T>)
            .collect();
        Cow::Owned(list.join(";"))
    }
    match kind {
        CellRule::Date => {
            // An ISO date is kept as written (parsed and written again, it is the same text;
            // one that does not parse is kept too, for the reader to report).
            let iso = cell.len() == 10
                && cell.bytes().enumerate().all(|(i, b)| match i {
                    4 | 7 => b == b'-',
                    _ => b.is_ascii_digit(),
                });
            if iso {
                return Cow::Borrowed(cell);
            }
            // A date at midnight as a spreadsheet's date cell reads (`YYYY-MM-DD 00:00:00`):
            // its date's text, when it is a date (the rule below, without writing it again).
            if let Some(day) = cell.strip_suffix(" 00:00:00") {
                if crate::dates::parse_date(column, day).is_ok() {
                    return Cow::Borrowed(day);
                }
            }
            crate::dates::parse_date_cell(column, cell).map_or(Cow::Borrowed(cell), |d| {
                Cow::Owned(crate::dates::format_date(d))
            })
        }
        CellRule::Gender => label::<Gender>(cell),
        CellRule::AgeBand => label::<AgeBand>(cell),
        CellRule::Goal => label::<IntakeGoal>(cell),
        CellRule::Form => label::<ProstitutionForm>(cell),
        CellRule::Category => label::<Category>(cell),
        CellRule::Forms => labels::<ProstitutionForm>(cell),
        CellRule::Interventions => labels::<Category>(cell),
        CellRule::Flag => {
            let is = |words: &[&str]| {
                // ASCII cells compared without building a lower-case copy; others lower-cased
                // as Unicode says (a Kelvin sign lower-cases to `k`).
                if cell.is_ascii() {
                    words.iter().any(|w| w.eq_ignore_ascii_case(cell))
                } else {
                    words.contains(&cell.to_lowercase().as_str())
                }
            };
            if is(&["1", "true", "yes", "ja", "x", "sand"]) {
                Cow::Borrowed("true")
            } else if is(&["0", "false", "no", "nej", "falsk"]) {
                Cow::Borrowed("false")
            } else {
                Cow::Borrowed(cell)
            }
        }
        CellRule::Text => Cow::Borrowed(cell),
        CellRule::Number => number_text(cell),
    }
}

/// A number cell with a decimal comma or a whole `.0` in canonical form (`3,0` -> `3`,
/// `2,5` -> `2.5`); anything else unchanged.
fn number_text(cell: &str) -> Cow<'_, str> {
    if !cell.contains([',', '.']) {
        return Cow::Borrowed(cell);
    }
    let is_number = |s: &str| {
        let s = s.strip_prefix('-').unwrap_or(s);
        match s.split_once('.') {
            Some((a, b)) => {
                !a.is_empty()
                    && !b.is_empty()
                    && a.bytes().all(|c| c.is_ascii_digit())
                    && b.bytes().all(|c| c.is_ascii_digit())
            }
            None => false,
        }
    };
    let dotted = if cell.matches(',').count() == 1 && !cell.contains('.') {
        cell.replace(',', ".")
    } else {
        cell.to_string()
    };
    if !is_number(&dotted) {
        return Cow::Borrowed(cell);
    }
    match dotted.split_once('.') {
        Some((whole, frac)) if frac.bytes().all(|c| c == b'0') => {
            if whole == "-0" {
                Cow::Borrowed("0")
            } else {
                Cow::Owned(whole.to_string())
            }
        }
        _ => Cow::Owned(dotted),
    }
}

/// The files read, in order: on several threads when there are cores for them.
fn read_all(files: &[CsvFile<'_>], options: &CsvOptions) -> Vec<Result<Grid, ValidationError>> {
    if crate::threads::helpers() == 0 || files.len() < 2 {
        return files.iter().map(|f| read(f, options)).collect();
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .iter()
            .map(|f| scope.spawn(move || read(f, options)))
            .collect();
        // A read cannot panic (no indexing or unwrap in the core); were one to fail, the file
        // is read again here.
        handles
            .into_iter()
            .zip(files)
            .map(|(h, f)| h.join().unwrap_or_else(|_| read(f, options)))
            .collect()
    })
}

/// The 1-based line of each byte offset: the file's own line numbers for LF and CRLF ends and
/// quoted cells with line breaks.
struct Lines<'a> {
    text: &'a [u8],
    starts: Vec<usize>,
}

impl Lines<'_> {
    fn new(text: &str) -> Lines<'_> {
        Lines {
            text: text.as_bytes(),
            starts: text
                .bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i)
                .collect(),
        }
    }

    /// Line breaks in the text.
    fn count(&self) -> usize {
        self.starts.len()
    }

    /// The line of the record that the csv reader places at `byte`: it may point at the line
    /// break before the record (the `\n` of a CRLF, or blank lines), which are skipped.
    fn line(&self, byte: u64) -> u64 {
        let mut byte = usize::try_from(byte).unwrap_or(usize::MAX);
        while matches!(self.text.get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        1 + self.starts.partition_point(|&nl| nl < byte) as u64
    }
}

pub(crate) fn read(file: &CsvFile<'_>, options: &CsvOptions) -> Result<Grid, ValidationError> {
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
    let lines = Lines::new(text);
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
        .map(|h| options.column(h))
        .collect();
    // Room for every row up front (a row per line at most, cells no longer than the text):
    // grown by doubling, a large file's grid held up to twice the room it needs.
    let rows = lines.count() + 1;
    let mut cells = String::with_capacity(text.len());
    let mut ends = Vec::with_capacity(rows.saturating_mul(header.len()));
    let mut row_lines = Vec::with_capacity(rows);
    let mut errors = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| lines.line(p.byte()));
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
                for (h, c) in header.iter().zip(r.iter()) {
                    cells.push_str(&canonical(h, c));
                    let Ok(end) = u32::try_from(cells.len()) else {
                        return Err(ValidationError::new(vec![FieldError::new(
                            "file",
                            ErrorCode::TooLarge,
                            "file: its cells are too large to read",
                        )
                        .at(location(0))]));
                    };
                    ends.push(end);
                }
                row_lines.push(line);
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line(p.byte()));
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
    cells.shrink_to_fit();
    ends.shrink_to_fit();
    row_lines.shrink_to_fit();
    ValidationError::check(errors, || Grid {
        header,
        text: cells,
        ends,
        lines: row_lines,
    })
}

/// Excel in Danish locales writes `;`-separated files; SurveyXact writes `,` or `;`.
/// The header's line: the first that is not empty (a sheet whose first rows are empty gives
/// empty lines before it, which the CSV reader skips).
pub(crate) fn header_line(text: &str) -> &str {
    text.lines().find(|l| !l.is_empty()).unwrap_or("")
}

pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    let first = header_line(text);
    if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
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
    to_document_with(project, files, &CsvOptions::default())
}

/// [`to_document`] with options (the column map; `on_error` is applied by
/// [`crate::cohort::Cohort::from_csv_with`]).
///
/// # Errors
/// As [`to_document`]; header problems (a missing required column, an unknown column) are
/// reported once per file, at line 1.
pub fn to_document_with(
    project: &str,
    files: &CsvFiles<'_>,
    options: &CsvOptions,
) -> Result<(Value, Origins, Vec<FieldError>), ValidationError> {
    let mut people = Vec::new();
    let mut origins = Origins::default();
    let built = build(
        files,
        options,
        &Skip::default(),
        &|_, text, origins| {
            // The text is written by `write_participant`, so it is JSON.
            let value: Value = serde_json::from_str(text).unwrap_or(Value::Null);
            (value, origins())
        },
        &mut |_, (p, o)| {
            people.push(p);
            origins.rows.extend(o.rows);
        },
    )?;
    let doc = json!({"project": project, "participants": people});
    Ok((doc, origins, built.errors))
}

/// Rows left out ([`OnError::Drop`]): `(file, line)`, and the IDs of participants left out.
#[derive(Debug, Default)]
pub(crate) struct Skip {
    pub(crate) rows: std::collections::HashSet<(String, u64)>,
    pub(crate) ids: std::collections::HashSet<String>,
}

pub(crate) struct Built {
    /// Problems of the files themselves (rows, IDs), with file and line.
    pub(crate) errors: Vec<FieldError>,
    /// Rows of long files left out because their participant was (file, line).
    pub(crate) dependents: Vec<(String, u64)>,
    /// Participant rows: index in the document -> (file, line, id).
    pub(crate) people: Vec<(String, u64, String)>,
}

/// A problem with a file's header, named by the library's column or the header's position.
fn header_error(file: &str, field: &str, code: ErrorCode, message: String) -> FieldError {
    FieldError::new(field, code, message).at(Location {
        file: file.to_string(),
        line: 1,
        column: None,
    })
}

/// Every header problem of a file, once: required columns missing, columns the file does not
/// have (by position), a column twice.
pub(crate) fn check_header(
    file: &str,
    key: &str,
    header: &[String],
    required: &[String],
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for r in required {
        if !header.iter().any(|h| h == r) {
            errors.push(header_error(
                file,
                r,
                ErrorCode::Missing,
                format!("{r}: the {key} file needs the `{r}` column"),
            ));
        }
    }
    for (col, h) in header.iter().enumerate() {
        let known = match key {
            "participants" => crate::participant::KEYS.contains(&h.as_str()),
            "who5" | "gse" => {
                let n = if key == "who5" { 5 } else { 10 };
                h == "id"
                    || h == "date"
                    || h.strip_prefix("item")
                        .and_then(|i| i.parse::<usize>().ok())
                        .is_some_and(|i| (1..=n).contains(&i) && h == &format!("item{i}"))
            }
            "ten_step" => {
                h == "id"
                    || h == "date"
                    || crate::ten_step::Area::ALL.iter().any(|a| a.as_str() == h)
            }
            _ => h == "id" || h == "date" || h == "category",
        };
        // The header is never repeated: it may be a name or a CPR number.
        let place = format!("column #{}", col + 1);
        if !known {
            errors.push(header_error(
                file,
                &place,
                ErrorCode::UnknownField,
                format!("{place}: not a column of the {key} file"),
            ));
        } else if header[..col].contains(h) {
            errors.push(header_error(
                file,
                h,
                ErrorCode::Duplicate,
                format!("{h}: the column appears twice ({place})"),
            ));
        }
    }
    errors
}

/// What [`build`] does with each participant: their place, JSON text and the origins of
/// their parts (asked only when needed).
pub(crate) type Build<'w, R> = dyn Fn(usize, &str, &dyn Fn() -> Origins) -> R + Sync + 'w;

/// The columns a file must have (`key`: which file).
pub(crate) fn required(key: &str) -> Vec<String> {
    let mut required: Vec<String> = vec!["id".into(), "date".into()];
    match key {
        "participants" => required = vec!["id".into(), "start".into()],
        "who5" => required.extend((1..=5).map(|i| format!("item{i}"))),
        "gse" => required.extend((1..=10).map(|i| format!("item{i}"))),
        "interventions" => required = vec!["id".into(), "category".into()],
        _ => {}
    }
    required
}

/// Builds the participants one at a time from the files (each with their long rows): `work`
/// gets each participant's place, their JSON text ([`write_participant`]) and where its parts
/// came from (asked only when needed), on several threads, and `take` its result in order. No
/// document of the whole cohort is held.
pub(crate) fn build<R: Send>(
    files: &CsvFiles<'_>,
    options: &CsvOptions,
    skip: &Skip,
    work: &Build<'_, R>,
    take: &mut dyn FnMut(usize, R),
) -> Result<Built, ValidationError> {
    let mut errors = Vec::new();
    let mut dependents = Vec::new();
    let mut people_rows = Vec::new();
    let Some(pfile) = files.participants else {
        return Err(ValidationError::single(
            "participants",
            ErrorCode::Missing,
            "participants: a participants file is required",
        ));
    };
    let long: [(Option<CsvFile<'_>>, &str); 4] = [
        (files.who5, "who5"),
        (files.gse, "gse"),
        (files.ten_step, "ten_step"),
        (files.interventions, "interventions"),
    ];
    // Every file is read (at once, on several threads) and its header checked first: header
    // problems are reported once per file, and rows are read only when every header is right.
    let present: Vec<(CsvFile<'_>, &str)> = long
        .iter()
        .filter_map(|(file, key)| file.map(|f| (f, *key)))
        .collect();
    let mut grids = read_all(
        &std::iter::once(pfile)
            .chain(present.iter().map(|(f, _)| *f))
            .collect::<Vec<_>>(),
        options,
    )
    .into_iter();
    let ptable = grids.next().unwrap_or_else(|| read(&pfile, options));
    let mut tables = Vec::new();
    let mut header_errors = Vec::new();
    match &ptable {
        Ok(grid) => header_errors.extend(check_header(
            pfile.name,
            "participants",
            &grid.header,
            &required("participants"),
        )),
        Err(e) => errors.extend(e.errors().iter().cloned()),
    }
    for ((file, key), grid) in present.into_iter().zip(grids) {
        match grid {
            Ok(grid) => {
                header_errors.extend(check_header(file.name, key, &grid.header, &required(key)));
                tables.push((file, key, grid));
            }
            Err(e) => errors.extend(e.into_errors()),
        }
    }
    if !header_errors.is_empty() {
        header_errors.extend(errors);
        return Err(ValidationError::new(header_errors));
    }
    // Checking a row against the rows left out costs a name per row: only when there are any.
    let skipped = |file: &str, line: u64| {
        !skip.rows.is_empty() && skip.rows.contains(&(file.to_string(), line))
    };
    let mut index: HashMap<String, usize> = HashMap::new();
    // The participants file's row of each participant kept.
    let mut person_rows: Vec<usize> = Vec::new();
    let pgrid = ptable.ok();
    if let Some(grid) = &pgrid {
        let id_col = grid.header.iter().position(|h| h == "id");
        for r in 0..grid.len() {
            let line = grid.line(r);
            if skipped(pfile.name, line) {
                continue;
            }
            let i = person_rows.len();
            let id = id_col
                .map(|c| grid.cell(r, c).to_string())
                .unwrap_or_default();
            if !id.is_empty() && index.insert(id.clone(), i).is_some() {
                errors.push(FieldError::new("id", ErrorCode::Duplicate, "id: this id is already used on an earlier line; each participant has one row").at(Location { file: pfile.name.into(), line, column: Some("id".into()) }));
            }
            people_rows.push((pfile.name.to_string(), line, id));
            person_rows.push(r);
        }
    }
    // The long files' rows by participant: (participant, table, row), in the files' order.
    let mut attached: Vec<(u32, u8, u32)> = Vec::new();
    for (t, (file, _, grid)) in tables.iter().enumerate() {
        let Some(id_col) = grid.header.iter().position(|h| h == "id") else {
            continue;
        };
        for r in 0..grid.len() {
            let line = grid.line(r);
            if skipped(file.name, line) {
                continue;
            }
            let id = grid.cell(r, id_col);
            if !skip.ids.is_empty() && skip.ids.contains(id) {
                dependents.push((file.name.to_string(), line));
                continue;
            }
            let Some(&who) = index.get(id) else {
                errors.push(
                    FieldError::new(
                        "id",
                        ErrorCode::UnknownValue,
                        "id: no participant with this id in the participants file",
                    )
                    .at(Location {
                        file: file.name.to_string(),
                        line,
                        column: Some("id".to_string()),
                    }),
                );
                continue;
            };
            // Indices fit: files are at most limits::MAX_INPUT_BYTES, tables at most four.
            attached.push((who as u32, t as u8, r as u32));
        }
    }
    // Stable: each participant's rows stay in their files' order.
    attached.sort_by_key(|&(who, _, _)| who);
    let Some(grid) = &pgrid else {
        return Ok(Built {
            errors,
            dependents,
            people: people_rows,
        });
    };
    // Where each participant's rows begin in `attached`.
    let first: Vec<usize> = (0..=person_rows.len())
        .map(|i| attached.partition_point(|a| (a.0 as usize) < i))
        .collect();
    let roles: Vec<Vec<Role>> = tables
        .iter()
        .map(|(_, key, g)| roles(key, &g.header))
        .collect();
    let one = |i: usize| {
        let r = person_rows.get(i).copied().unwrap_or_default();
        let mine = match (first.get(i), first.get(i + 1)) {
            (Some(&a), Some(&b)) => attached.get(a..b).unwrap_or_default(),
            _ => &[],
        };
        // The participant's rows of each long file, in the file's order.
        let mut rows: Vec<Vec<u32>> = vec![Vec::new(); tables.len()];
        for &(_, t, row) in mine {
            if let Some(list) = rows.get_mut(usize::from(t)) {
                list.push(row);
            }
        }
        let long: Vec<LongRows<'_, Grid>> = tables
            .iter()
            .zip(&rows)
            .zip(&roles)
            .map(|(((_, key, g), rows), roles)| LongRows {
                key,
                grid: g,
                roles,
                rows,
            })
            .collect();
        let mut text = Vec::with_capacity(512);
        write_participant(&mut text, grid, r, &long);
        // Where each part came from, taken only for a participant with problems.
        let origins = || {
            let mut origins = Origins::default();
            let path = format!("participants[{i}]");
            origins.add(path.clone(), pfile.name.to_string(), grid.line(r));
            for ((file, key, g), rows) in tables.iter().zip(&rows) {
                let before = if *key == "interventions" {
                    row_interventions(grid, r)
                } else {
                    0
                };
                for (k, &row) in rows.iter().enumerate() {
                    origins.add(
                        format!("{path}.{key}[{}]", before + k),
                        file.name.to_string(),
                        g.line(row as usize),
                    );
                }
            }
            origins
        };
        work(i, std::str::from_utf8(&text).unwrap_or_default(), &origins)
    };
    use crate::threads::{map_in_order, ROUND_ITEMS};
    map_in_order(person_rows.len(), ROUND_ITEMS, &one, take);
    Ok(Built {
        errors,
        dependents,
        people: people_rows,
    })
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

/// Recognises a CSV file by its header (its first line that is not empty): ten item columns
/// are GSE, five WHO-5; a `category` column without `start` is interventions; ten-step area
/// columns are assessments; anything else is a participants file.
///
/// ```
/// use overgang::cohort::csv::{kind_of, Kind};
/// assert_eq!(kind_of("id,date,item1,item2,item3,item4,item5\n"), Kind::Who5);
/// assert_eq!(kind_of("id;gender;age;start\n"), Kind::Participants);
/// // A sheet whose first rows are empty.
/// assert_eq!(kind_of("\n\r\nid;category;date\n"), Kind::Interventions);
/// ```
pub fn kind_of(text: &str) -> Kind {
    kind_of_with(text, &CsvOptions::default())
}

/// [`kind_of`] after the column map of `options` (a SurveyXact file with `q1..q5` mapped to
/// `item1..item5` is a WHO-5 file).
///
/// ```
/// use overgang::cohort::csv::{kind_of_with, CsvOptions, Kind};
/// let o = CsvOptions::default().with_columns_text("respondent=id,q1=item1,q2=item2,q3=item3,q4=item4,q5=item5")?;
/// assert_eq!(kind_of_with("Respondent;Date;Q1;Q2;Q3;Q4;Q5\r\n", &o), Kind::Who5);
/// # Ok::<(), overgang::ValidationError>(())
/// ```
pub fn kind_of_with(text: &str, options: &CsvOptions) -> Kind {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = header_line(text);
    let owned: Vec<String> = first
        .split([',', ';'])
        .map(|c| options.column(c.trim().trim_matches('"')))
        .collect();
    let cols: Vec<&str> = owned.iter().map(String::as_str).collect();
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
pub(crate) fn outreach(
    files: &CsvFiles<'_>,
    options: &CsvOptions,
) -> Result<crate::outreach::Outreach, ValidationError> {
    if files.venues.is_none() && files.visits.is_none() {
        return Ok(crate::outreach::Outreach::default());
    }
    let venues = files
        .venues
        .map(|f| read(&f, options).map(|g| (f.name, g.into_table())))
        .transpose()?;
    let visits = files
        .visits
        .map(|f| read(&f, options).map(|g| (f.name, g.into_table())))
        .transpose()?;
    fn sheet<'a>(x: &'a Option<(&'a str, Table)>) -> Option<crate::outreach::csv::Sheet<'a>> {
        x.as_ref()
            .map(|(file, (header, rows))| crate::outreach::csv::Sheet { file, header, rows })
    }
    crate::outreach::csv::read(sheet(&venues), sheet(&visits))
}
