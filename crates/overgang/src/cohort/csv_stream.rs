//! The report on CSV files read as they stream ([`Cohort::report_from_csv`], used by
//! `overgang report *.csv`): no file is held whole and no participant's record is kept.
//!
//! 1. Each file is read row by row from its bytes; its cells are put in canonical form
//!    ([`super::csv::read_cell`]) and kept compactly, in parts of 8 192 participants (the
//!    long files' rows in their participant's part).
//! 2. Each part's participants are read by the typed fast path on several threads, their rows
//!    as the JSON text the whole-file reader builds of them would be (`cohort::row_de`), and
//!    only their report facts are kept; the part is freed.
//!    Memory is the larger of the kept cells and the facts, not their sum.
//!
//! This path takes only files that are plainly valid. At the first thing that is not (a problem
//! in a row, an unknown ID, a header, a cell that is not as the fast path reads it), it stops,
//! and the files are read whole by the reader that places every problem at its file, line and
//! column ([`Cohort::from_csv_with`]), as before. The result is always that reader's
//! (`tests/csv_stream.rs` compares the two on random exports, valid and broken).

use super::csv::{
    canonical, canonical_as, check_header, kind_of_with, push_windows_1252, required,
    sniff_delimiter, CellRule, CsvFile, CsvFiles, CsvOptions, Encoding, Kind, OnError,
};
use super::csv_json::{roles, Role, Rows};
use super::facts::Fact;
use super::model::{finish_report, outreach_latest_date, resolve, Header};
use super::Cohort;
use crate::error::{ErrorCode, FieldError, Location, ValidationError};
use crate::intervention::Category;
use crate::json as doc;
use crate::limits::MAX_INPUT_BYTES;
use crate::report::Subject;
use crate::report::{self, Report, ReportOptions};
use crate::threads::{map_in_order, ROUND_ITEMS};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::RwLock;
use time::Date;

/// Between the cells of a row in a [`Part`] (a cell that holds it is not plain).
const SEPARATOR: char = '\u{1f}';

/// Rows of a streamed file kept compactly: each row's cells in one text, separated by
/// [`SEPARATOR`], where each row ends, and each row's participant.
#[derive(Default)]
struct Part {
    header: Vec<String>,
    text: String,
    ends: Vec<u32>,
    who: Vec<u32>,
    /// The rows ordered by participant (each participant's in the file's order), and where
    /// each participant's rows begin in it (see [`Part::order_by_participant`]).
    order: Vec<u32>,
    first: Vec<u32>,
}

impl Part {
    fn new(header: Vec<String>) -> Part {
        Part {
            header,
            ..Part::default()
        }
    }

    /// Adds a row of participant `who`, its cell `left_out` (if any) kept empty.
    fn push(&mut self, row: &Row, who: u32, left_out: Option<usize>) -> Result<(), Stop> {
        if row.separator_in_cell {
            return Err(Stop::NotPlain);
        }
        match left_out.and_then(|c| row.cell_range(c)) {
            Some(cell) => {
                self.text
                    .push_str(row.text.get(..cell.start).unwrap_or_default());
                self.text
                    .push_str(row.text.get(cell.end..).unwrap_or_default());
            }
            None => self.text.push_str(&row.text),
        }
        let end = u32::try_from(self.text.len()).map_err(|_| Stop::NotPlain)?;
        self.ends.push(end);
        self.who.push(who);
        Ok(())
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    /// Orders the rows by their participant, the `n` participants of the part starting at
    /// `base`.
    fn order_by_participant(&mut self, base: usize, n: usize) {
        let who = |r: u32| {
            self.who
                .get(r as usize)
                .map_or(usize::MAX, |&w| (w as usize).saturating_sub(base))
        };
        let mut order: Vec<u32> = (0..self.len() as u32).collect();
        // Stable: each participant's rows stay in the file's order.
        order.sort_by_key(|&r| who(r));
        self.first = (0..=n)
            .map(|i| order.partition_point(|&r| who(r) < i) as u32)
            .collect();
        self.order = order;
    }

    /// The rows of the `k`th participant of the part, in the file's order.
    fn rows_of(&self, k: usize) -> &[u32] {
        match (self.first.get(k), self.first.get(k + 1)) {
            (Some(&a), Some(&b)) => self.order.get(a as usize..b as usize).unwrap_or_default(),
            _ => &[],
        }
    }
}

impl Rows for Part {
    fn row(&self, r: usize) -> impl Iterator<Item = (&String, &str)> {
        let start = r
            .checked_sub(1)
            .and_then(|p| self.ends.get(p))
            .map_or(0, |&e| e as usize);
        let end = self.ends.get(r).map_or(start, |&e| e as usize);
        let text = self.text.get(start..end).unwrap_or_default();
        self.header.iter().zip(Cells { rest: Some(text) })
    }
}

/// The cells of a row of a [`Part`] (cells are short: a byte loop beats a searcher).
struct Cells<'a> {
    rest: Option<&'a str>,
}

impl<'a> Iterator for Cells<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match rest.bytes().position(|b| b == SEPARATOR as u8) {
            Some(i) => {
                // The separator is one byte, so both sides are at character boundaries.
                self.rest = rest.get(i + 1..);
                rest.get(..i)
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

/// Participants whose cells are kept together, and freed together once their facts are taken.
const PART: usize = 8192;

/// The longest header line read while streaming (a longer one goes to the whole-file reader).
const MAX_HEADER_BYTES: u64 = 64 * 1024;

/// Opens a file's bytes from the start; it may be called more than once.
pub type Open<'a> = dyn Fn() -> std::io::Result<Box<dyn Read + 'a>> + Sync + 'a;

/// A CSV file read as a stream: its name in error locations and how to open its bytes.
///
/// ```
/// use overgang::cohort::csv_stream::CsvSource;
/// let text = "id,start\nA-1,2024-01-15\n";
/// let open = || Ok(Box::new(text.as_bytes()) as Box<dyn std::io::Read>);
/// let source = CsvSource { name: "deltagere.csv", open: &open };
/// assert_eq!(source.name, "deltagere.csv");
/// ```
#[derive(Clone, Copy)]
pub struct CsvSource<'a> {
    /// The file name used in error locations (e.g. `who5.csv`); never a path.
    pub name: &'a str,
    /// Opens the file's bytes (called again when the file must be read once more).
    pub open: &'a Open<'a>,
}

impl std::fmt::Debug for CsvSource<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvSource")
            .field("name", &self.name)
            .finish()
    }
}

/// A file the streamed report reads: CSV text, or a workbook's sheet, whose rows are read
/// straight from its cells (without making its CSV text, `csv`, unless they must be read so).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Source<'a> {
    Csv(CsvSource<'a>),
    #[cfg(feature = "spreadsheet")]
    Sheet {
        csv: CsvSource<'a>,
        sheet: &'a super::sheet_stream::SheetStream,
    },
}

impl<'a> Source<'a> {
    /// How large the file is, where that is known without reading it (a sheet's unzipped
    /// XML); 0 otherwise.
    fn size(&self) -> u64 {
        match self {
            Source::Csv(_) => 0,
            #[cfg(feature = "spreadsheet")]
            Source::Sheet { sheet, .. } => sheet.size,
        }
    }

    /// The file as CSV text.
    fn csv(&self) -> &CsvSource<'a> {
        match self {
            Source::Csv(csv) => csv,
            #[cfg(feature = "spreadsheet")]
            Source::Sheet { csv, .. } => csv,
        }
    }
}

impl Cohort {
    /// The report on a project's CSV files (participants, WHO-5, GSE, ten-step,
    /// interventions and the outreach sheets, each recognised by its header as
    /// [`super::sheet::add_by_header`] does), read as they stream, without holding the files or
    /// the participants' records. The result, errors and `excluded` included, is that of
    /// reading the files whole with [`Cohort::from_csv_with`] and reporting with
    /// [`Cohort::into_report`]; files with any problem are read that way.
    ///
    /// ```
    /// use overgang::cohort::{csv::CsvOptions, csv_stream::CsvSource, Cohort};
    /// let people = "id;køn;start\r\nA-1;Kvinde;10-02-2023\r\n";
    /// let who5 = "id,date,item1,item2,item3,item4,item5\nA-1,2023-03-01,3,4,2,3,4\n";
    /// let (open_people, open_who5) = (
    ///     || Ok(Box::new(people.as_bytes()) as Box<dyn std::io::Read>),
    ///     || Ok(Box::new(who5.as_bytes()) as Box<dyn std::io::Read>),
    /// );
    /// let files = [
    ///     CsvSource { name: "deltagere.csv", open: &open_people },
    ///     CsvSource { name: "who5.csv", open: &open_who5 },
    /// ];
    /// let csv = CsvOptions::default().with_columns_text("køn=gender")?;
    /// let report = Cohort::report_from_csv("P", &files, &csv, &Default::default())?;
    /// assert_eq!(report.participants.count, 1);
    /// # Ok::<(), overgang::ValidationError>(())
    /// ```
    ///
    /// # Errors
    /// Those of [`Cohort::from_csv_with`] and [`Cohort::report`]; a file that cannot be read
    /// (`invalid_format` on `file`) or is too large (`too_large`), located at the file; two
    /// files of the same kind (`duplicate` on `file`).
    pub fn report_from_csv(
        project: &str,
        files: &[CsvSource<'_>],
        csv: &CsvOptions,
        options: &ReportOptions,
    ) -> Result<Report, ValidationError> {
        if let Some(report) = Cohort::stream_report_from_csv(project, files, csv, options) {
            return Ok(report);
        }
        whole(project, files, csv, options)
    }
}

impl Cohort {
    /// As [`Cohort::report_from_csv`], but only when the files can be read as they stream:
    /// `None` when they must be read whole (a problem to place, a sheet that cannot be streamed
    /// exactly, ...), which [`Cohort::report_from_csv`] then does. For callers that read the
    /// files whole their own way (the CLI reads workbooks whole with
    /// [`super::sheet::read_workbook`]).
    ///
    /// ```
    /// use overgang::cohort::{csv::CsvOptions, csv_stream::CsvSource, Cohort};
    /// let people = "id,start\nA-1,2024-01-15\nA-1,2024-01-16\n";
    /// let open = || Ok(Box::new(people.as_bytes()) as Box<dyn std::io::Read>);
    /// let files = [CsvSource { name: "deltagere.csv", open: &open }];
    /// // An ID twice: the files must be read whole to place the problem.
    /// let options = Default::default();
    /// assert!(Cohort::stream_report_from_csv("P", &files, &CsvOptions::default(), &options).is_none());
    /// ```
    pub fn stream_report_from_csv(
        project: &str,
        files: &[CsvSource<'_>],
        csv: &CsvOptions,
        options: &ReportOptions,
    ) -> Option<Report> {
        let sources: Vec<Source<'_>> = files.iter().map(|f| Source::Csv(*f)).collect();
        streamed(project, &sources, csv, options)
    }
}

/// Runs `report` on the sources of files on disk (name, path: opened when they are read) and
/// texts in memory (name, text), in that order: how the CLI and the Python package give
/// [`Cohort::report_from_csv`] a project's files.
///
/// ```
/// use overgang::cohort::{csv::CsvOptions, csv_stream::with_sources, Cohort};
/// let texts = [("deltagere.csv".to_string(), "id,start\nA-1,2024-01-15\n".to_string())];
/// let report = with_sources(&[], &texts, |files| {
///     Cohort::report_from_csv("P", files, &CsvOptions::default(), &Default::default())
/// })?;
/// assert_eq!(report.participants.count, 1);
/// # Ok::<(), overgang::ValidationError>(())
/// ```
pub fn with_sources<T>(
    disk: &[(String, std::path::PathBuf)],
    texts: &[(String, String)],
    report: impl FnOnce(&[CsvSource<'_>]) -> T,
) -> T {
    let from_disk: Vec<_> = disk
        .iter()
        .map(|(_, path)| move || std::fs::File::open(path).map(|f| Box::new(f) as Box<dyn Read>))
        .collect();
    let from_text: Vec<_> = texts
        .iter()
        .map(|(_, text)| move || Ok(Box::new(text.as_bytes()) as Box<dyn Read + '_>))
        .collect();
    let mut sources: Vec<CsvSource<'_>> = Vec::new();
    for ((name, _), open) in disk.iter().zip(&from_disk) {
        sources.push(CsvSource { name, open });
    }
    for ((name, _), open) in texts.iter().zip(&from_text) {
        sources.push(CsvSource { name, open });
    }
    report(&sources)
}

/// The files read whole, with every problem placed ([`Cohort::from_csv_with`]).
fn whole(
    project: &str,
    files: &[CsvSource<'_>],
    csv: &CsvOptions,
    options: &ReportOptions,
) -> Result<Report, ValidationError> {
    let mut texts = Vec::new();
    let mut errors = Vec::new();
    for f in files {
        match read_text(f, csv.encoding) {
            Ok(text) => texts.push((f.name, text)),
            Err(e) => errors.extend(e.into_errors()),
        }
    }
    let mut slots = CsvFiles::default();
    for (name, text) in &texts {
        if let Err(e) = super::sheet::add_by_header(&mut slots, name, text, csv) {
            errors.push(e);
        }
    }
    ValidationError::check(errors, || ())?;
    let (cohort, excluded) = Cohort::from_csv_with(project, &slots, csv)?;
    let mut report = cohort.into_report(options)?;
    report.set_excluded(excluded);
    Ok(report)
}

/// A file's whole text, decoded ([`super::csv::decode`]).
fn read_text(file: &CsvSource<'_>, encoding: Encoding) -> Result<String, ValidationError> {
    let bytes = read_bytes(file.name, || (file.open)())?;
    super::csv::decode(file.name, &bytes, encoding)
}

/// A file's bytes, at most one past [`MAX_INPUT_BYTES`] (so that the reader of the bytes
/// refuses the file as too large); `invalid_format` on `file`, located at the file, when it
/// cannot be read.
pub(super) fn read_bytes<R: Read>(
    name: &str,
    open: impl FnOnce() -> std::io::Result<R>,
) -> Result<Vec<u8>, ValidationError> {
    let unreadable = || {
        ValidationError::new(vec![FieldError::new(
            "file",
            ErrorCode::InvalidFormat,
            "file: could not be read to its end (a read error); check that it exists and is not open elsewhere",
        )
        .at(Location {
            file: name.to_string(),
            line: 0,
            column: None,
        })])
    };
    let mut bytes = Vec::new();
    open()
        .map_err(|_| unreadable())?
        .take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| unreadable())?;
    Ok(bytes)
}

/// Why a streamed read stopped.
enum Stop {
    /// A cell is not UTF-8: with [`Encoding::Auto`], the file is read again as Windows-1252.
    NotUtf8,
    /// Anything else: the files are read whole, which reports it.
    NotPlain,
}

/// How a file's bytes are read as text while streaming.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Text {
    Utf8,
    Windows1252,
}

/// One row's cells in canonical form, one after the other with [`SEPARATOR`] between them, as
/// a [`Part`] keeps them (so a row is put in its part as one text).
#[derive(Default)]
struct Row {
    text: String,
    /// Where each cell ends in `text`.
    ends: Vec<usize>,
    /// A cell holds the separator: the row cannot be kept in a part.
    separator_in_cell: bool,
}

impl Row {
    fn cell(&self, c: usize) -> &str {
        let start = c
            .checked_sub(1)
            .and_then(|p| self.ends.get(p))
            .map_or(0, |&e| e + 1);
        let end = self.ends.get(c).copied().unwrap_or(start);
        self.text.get(start..end).unwrap_or_default()
    }

    /// Where cell `c` is in `text`.
    fn cell_range(&self, c: usize) -> Option<std::ops::Range<usize>> {
        let start = c
            .checked_sub(1)
            .map_or(Some(0), |p| Some(self.ends.get(p)? + 1))?;
        Some(start..*self.ends.get(c)?)
    }

    fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
        self.separator_in_cell = false;
    }

    fn push(&mut self, cell: &str) {
        self.separator_in_cell |= cell.as_bytes().contains(&(SEPARATOR as u8));
        if !self.ends.is_empty() {
            self.text.push(SEPARATOR);
        }
        self.text.push_str(cell);
        self.ends.push(self.text.len());
    }
}

/// A CSV file's rows as they are read, with the rules of the whole-file reader (delimiter from
/// the first line, blank rows skipped, every row as long as the header).
struct FileRows<'a> {
    kind: Kind,
    header: Vec<String>,
    /// How each column's cells are read.
    kinds: Vec<CellRule>,
    cells: RowSource<'a>,
    text: Text,
    row: Row,
}

/// Where a file's rows are read from.
enum RowSource<'a> {
    /// CSV text.
    Csv {
        reader: ::csv::Reader<Box<dyn Read + 'a>>,
        record: ::csv::ByteRecord,
        decoded: String,
    },
    /// A sheet's cells: the cells of its CSV text, without the text.
    #[cfg(feature = "spreadsheet")]
    Sheet(super::sheet_rows::SheetRows),
}

/// The lines of `reader` up to the header's, a byte-order mark left out, and where the
/// header's line starts in them; empty lines before it are kept, for the CSV reader to skip.
fn header_lines(reader: &mut impl BufRead) -> Result<(Vec<u8>, usize), Stop> {
    let mut first = Vec::new();
    let mut line_at;
    loop {
        line_at = first.len();
        let read = reader
            .take(MAX_HEADER_BYTES)
            .read_until(b'\n', &mut first)
            .map_err(|_| Stop::NotPlain)?;
        // A header line cut by the limit, or pages of empty lines: read whole.
        let cut = read as u64 >= MAX_HEADER_BYTES && !first.ends_with(b"\n");
        if cut || first.len() as u64 > 4 * MAX_HEADER_BYTES {
            return Err(Stop::NotPlain);
        }
        let line = first.get(line_at..).unwrap_or_default();
        if read == 0 || !line.iter().all(|b| matches!(b, b'\n' | b'\r')) {
            break;
        }
    }
    if let Some(rest) = first.strip_prefix(b"\xef\xbb\xbf") {
        first = rest.to_vec();
        line_at = line_at.saturating_sub(3);
    }
    Ok((first, line_at))
}

/// The header's columns (named by the column map), as the CSV reader `reader` reads them.
fn read_header<R: Read>(
    reader: &mut ::csv::Reader<R>,
    options: &CsvOptions,
    text: Text,
) -> Result<Vec<String>, Stop> {
    let mut decoded = String::new();
    let mut header = Vec::new();
    for h in reader.byte_headers().map_err(|_| Stop::NotPlain)? {
        header.push(options.column(decode(h, text, &mut decoded)?));
    }
    Ok(header)
}

/// The header's line, decoded, its kind and its delimiter.
fn header_kind(
    first: &[u8],
    line_at: usize,
    options: &CsvOptions,
    text: Text,
) -> Result<(Kind, u8), Stop> {
    let mut scratch = String::new();
    let line = decode(first.get(line_at..).unwrap_or_default(), text, &mut scratch)?;
    Ok((kind_of_with(line, options), sniff_delimiter(line)))
}

impl<'a> FileRows<'a> {
    fn open(file: &Source<'a>, options: &CsvOptions, text: Text) -> Result<FileRows<'a>, Stop> {
        #[cfg(feature = "spreadsheet")]
        if let Source::Sheet { sheet, .. } = file {
            // A sheet's text is UTF-8; read as Windows-1252 (as asked), it is read as text.
            if text == Text::Utf8 {
                if let Some(rows) = Self::open_sheet(sheet, options)? {
                    return Ok(rows);
                }
            }
        }
        let reader = (file.csv().open)().map_err(|_| Stop::NotPlain)?;
        let mut reader = BufReader::with_capacity(1 << 16, reader.take(MAX_INPUT_BYTES as u64));
        let (first, line_at) = header_lines(&mut reader)?;
        let (kind, delimiter) = header_kind(&first, line_at, options, text)?;
        let bytes: Box<dyn Read + 'a> = Box::new(std::io::Cursor::new(first).chain(reader));
        let mut reader = ::csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .buffer_capacity(1 << 16)
            .from_reader(bytes);
        let header = read_header(&mut reader, options, text)?;
        let cells = RowSource::Csv {
            reader,
            record: ::csv::ByteRecord::new(),
            decoded: String::new(),
        };
        Ok(Self::with_header(kind, header, cells, text))
    }

    /// A sheet read from its cells, with the header its CSV text has; `None` when its rows
    /// must be read from that text (a header whose delimiter is not the text's `;`).
    #[cfg(feature = "spreadsheet")]
    fn open_sheet(
        sheet: &super::sheet_stream::SheetStream,
        options: &CsvOptions,
    ) -> Result<Option<FileRows<'a>>, Stop> {
        let rows = sheet.row_source().map_err(|_| Stop::NotPlain)?;
        let (first, line_at) = header_lines(&mut rows.header.as_slice())?;
        let (kind, delimiter) = header_kind(&first, line_at, options, Text::Utf8)?;
        if delimiter != b';' {
            return Ok(None);
        }
        let mut reader = ::csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(first.as_slice());
        let header = read_header(&mut reader, options, Text::Utf8)?;
        Ok(Some(Self::with_header(
            kind,
            header,
            RowSource::Sheet(rows),
            Text::Utf8,
        )))
    }

    fn with_header(kind: Kind, header: Vec<String>, cells: RowSource<'a>, text: Text) -> Self {
        FileRows {
            kind,
            kinds: header.iter().map(|h| CellRule::of(h)).collect(),
            header,
            cells,
            text,
            row: Row::default(),
        }
    }

    /// The header, when it has no problem as the header of the file `key`, and its `id`
    /// column.
    fn plain_header(&self, file: &Source<'_>, key: &str) -> Result<(Vec<String>, usize), Stop> {
        if !check_header(file.csv().name, key, &self.header, &required(key)).is_empty() {
            return Err(Stop::NotPlain);
        }
        let id_col = self
            .header
            .iter()
            .position(|h| h == "id")
            .ok_or(Stop::NotPlain)?;
        Ok((self.header.clone(), id_col))
    }

    /// The next row that is not blank, its cells in canonical form.
    fn next(&mut self) -> Result<Option<&Row>, Stop> {
        loop {
            self.row.clear();
            let mut blank = true;
            let (header, kinds) = (self.header.as_slice(), self.kinds.as_slice());
            match &mut self.cells {
                RowSource::Csv {
                    reader,
                    record,
                    decoded,
                } => {
                    match reader.read_byte_record(record) {
                        Ok(true) => {}
                        Ok(false) => {
                            // Files near the limit are read whole, which applies it exactly.
                            if reader.position().byte() >= MAX_INPUT_BYTES as u64 / 2 {
                                return Err(Stop::NotPlain);
                            }
                            return Ok(None);
                        }
                        Err(_) => return Err(Stop::NotPlain),
                    }
                    // UTF-8 is checked once for the whole row: a cell cut inside a character
                    // is not UTF-8 on its own, and is found by `get` at its ends.
                    let whole = match self.text {
                        Text::Utf8 => Some(
                            std::str::from_utf8(record.as_slice()).map_err(|_| Stop::NotUtf8)?,
                        ),
                        Text::Windows1252 => None,
                    };
                    for c in 0..record.len() {
                        let cell = match whole {
                            Some(whole) => record
                                .range(c)
                                .and_then(|r| whole.get(r))
                                .ok_or(Stop::NotUtf8)?,
                            None => decode(record.get(c).unwrap_or_default(), self.text, decoded)?,
                        };
                        push_canonical(header, kinds, &mut self.row, c, cell, &mut blank);
                    }
                }
                #[cfg(feature = "spreadsheet")]
                RowSource::Sheet(rows) => {
                    let Some(row) = rows.next_row().map_err(|_| Stop::NotPlain)? else {
                        if rows.csv_bytes >= MAX_INPUT_BYTES as u64 / 2 {
                            return Err(Stop::NotPlain);
                        }
                        return Ok(None);
                    };
                    for c in 0..row.len() {
                        let cell = row.cell(c).ok_or(Stop::NotPlain)?;
                        push_canonical(header, kinds, &mut self.row, c, cell, &mut blank);
                    }
                }
            }
            if blank {
                continue;
            }
            if self.row.ends.len() != self.header.len() {
                return Err(Stop::NotPlain);
            }
            return Ok(Some(&self.row));
        }
    }
}

/// Appends cell `c` of a row in canonical form to `row`; `blank` stays true while every cell
/// is only spaces (the whole-file reader's rule).
fn push_canonical(
    header: &[String],
    kinds: &[CellRule],
    row: &mut Row,
    c: usize,
    cell: &str,
    blank: &mut bool,
) {
    let canonical = match (header.get(c), kinds.get(c)) {
        (Some(column), Some(&kind)) => canonical_as(kind, column, cell),
        _ => canonical("", cell),
    };
    if *blank {
        *blank = super::csv::trim(cell).is_empty();
    }
    row.push(&canonical);
}

/// A cell's bytes as text.
fn decode<'b>(bytes: &'b [u8], text: Text, scratch: &'b mut String) -> Result<&'b str, Stop> {
    match text {
        Text::Utf8 => std::str::from_utf8(bytes).map_err(|_| Stop::NotUtf8),
        Text::Windows1252 => {
            scratch.clear();
            push_windows_1252(scratch, bytes);
            Ok(scratch.as_str())
        }
    }
}

/// Runs `read` with the text the encoding option says; with `auto`, as UTF-8 and, when a cell
/// is not, again as Windows-1252 (the whole-file reader's rule: a file is UTF-8 only when all
/// of it is).
fn with_encoding<T>(encoding: Encoding, read: impl Fn(Text) -> Result<T, Stop>) -> Option<T> {
    let result = match encoding {
        Encoding::Windows1252 => read(Text::Windows1252),
        Encoding::Utf8 => read(Text::Utf8),
        _ => match read(Text::Utf8) {
            Err(Stop::NotUtf8) => read(Text::Windows1252),
            other => other,
        },
    };
    result.ok()
}

/// Each participant's place by their ID. An ID of at most 15 bytes is kept in the table
/// itself, with its length: a long file's rows look up their IDs a million times, and a key
/// compared without following a pointer to the heap keeps the table's probes in the cache.
///
/// The IDs are kept in their order too ([`Ids::place_after`]): long files usually list their
/// rows in the participants' order, so a row's participant is most often the previous row's
/// or the next one, found without a probe of the table (a miss of the cache each).
#[derive(Default)]
struct Ids {
    short: HashMap<u128, u32, foldhash::fast::RandomState>,
    long: HashMap<Box<str>, u32, foldhash::fast::RandomState>,
    in_order: String,
    ends: Vec<u32>,
}

impl Ids {
    /// The ID's bytes and length as one number, when it is short enough.
    fn packed(id: &str) -> Option<u128> {
        let bytes = id.as_bytes();
        let mut key = [0u8; 16];
        key.get_mut(..bytes.len())?.copy_from_slice(bytes);
        *key.get_mut(15)? = u8::try_from(bytes.len()).ok().filter(|&n| n < 16)?;
        Some(u128::from_le_bytes(key))
    }

    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// Adds an ID at `at`; `false` (and the ID left where it was) when it was there already.
    fn insert(&mut self, id: &str, at: u32) -> bool {
        use std::collections::hash_map::Entry;
        let added = |entry| match entry {
            Entry::Occupied(_) => false,
            Entry::Vacant(place) => {
                place.insert(at);
                true
            }
        };
        let new = match Self::packed(id) {
            Some(key) => added(self.short.entry(key)),
            None => !self.long.contains_key(id) && self.long.insert(id.into(), at).is_none(),
        };
        // Places are given in order (the participants file's rows): the `at`th ID is here.
        if new && at as usize == self.ends.len() {
            self.in_order.push_str(id);
            self.ends
                .push(u32::try_from(self.in_order.len()).unwrap_or(u32::MAX));
        }
        new
    }

    /// The ID at place `at`, when it was added in order.
    fn at(&self, at: u32) -> Option<&str> {
        let at = at as usize;
        let start = at
            .checked_sub(1)
            .map_or(Some(0), |p| self.ends.get(p).copied())?;
        let end = *self.ends.get(at)?;
        self.in_order.get(start as usize..end as usize)
    }

    /// The place of `id`, tried first at `last` (the previous row's) and the few after it
    /// (participants without a row in a long file are passed over).
    fn place_after(&self, id: &str, last: u32) -> Option<u32> {
        (last..last.saturating_add(NEAR))
            .find(|&at| self.at(at) == Some(id))
            .or_else(|| self.get(id))
    }

    fn get(&self, id: &str) -> Option<u32> {
        match Self::packed(id) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(id).copied(),
        }
    }
}

/// The places [`Ids::place_after`] tries before the table.
const NEAR: u32 = 8;

/// The participants file read into parts: the IDs' places, and the latest date of `start`
/// and `end`.
struct People {
    parts: Vec<Part>,
    index: Ids,
    latest: Latest,
}

/// The latest of a file's date cells, compared as text: canonical dates are `YYYY-MM-DD`, whose
/// order as text is their order as dates (a cell that is not a date stops the fast path when
/// its participant is read, so the latest is only used when every date cell is one).
#[derive(Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Latest([u8; 10]);

impl Latest {
    fn add(&mut self, cell: &str) -> Result<(), Stop> {
        let date: [u8; 10] = cell.as_bytes().try_into().map_err(|_| Stop::NotPlain)?;
        self.0 = self.0.max(date);
        Ok(())
    }

    /// The date, when there was one.
    fn date(self) -> Option<Date> {
        let text = std::str::from_utf8(&self.0).ok()?;
        crate::dates::parse_date("", text).ok()
    }
}

/// The participants file read, and where each participant is.
fn read_people(file: &Source<'_>, csv: &CsvOptions) -> Option<(People, Places)> {
    let mut people = with_encoding(csv.encoding, |text| read_people_as(file, csv, text))?;
    let places = Places {
        ids: std::mem::take(&mut people.index),
        part_sizes: people.parts.iter().map(Part::len).collect(),
    };
    Some((people, places))
}

fn read_people_as(file: &Source<'_>, options: &CsvOptions, text: Text) -> Result<People, Stop> {
    let mut rows = FileRows::open(file, options, text)?;
    let (header, id_col) = rows.plain_header(file, "participants")?;
    let dates: Vec<usize> = (0..header.len())
        .filter(|&c| matches!(header[c].as_str(), "start" | "end"))
        .collect();
    let mut people = People {
        parts: Vec::new(),
        index: Ids::default(),
        latest: Latest::default(),
    };
    while let Some(row) = rows.next()? {
        let i = people.index.len();
        let id = row.cell(id_col);
        let at = u32::try_from(i).map_err(|_| Stop::NotPlain)?;
        if id.is_empty() || !people.index.insert(id, at) {
            return Err(Stop::NotPlain);
        }
        for &c in &dates {
            let cell = row.cell(c);
            if !cell.is_empty() {
                people.latest.add(cell)?;
            }
        }
        if i % PART == 0 {
            people.parts.push(Part::new(header.clone()));
        }
        let part = people.parts.last_mut().ok_or(Stop::NotPlain)?;
        part.push(row, at, None)?;
    }
    Ok(people)
}

/// A long file read into the participants' parts (each row tagged with its participant),
/// with its key in the document and its latest date cell.
struct Long {
    key: &'static str,
    header: Vec<String>,
    roles: Vec<Role>,
    parts: Vec<Part>,
    latest: Latest,
    /// The previous row's participant.
    last: u32,
}

/// Where each participant is, handed from the participants file's reader to the long files'
/// readers: the place of each ID, and how many participants each part has.
struct Places {
    ids: Ids,
    part_sizes: Vec<usize>,
}

/// Reads a long file into the participants' parts.
fn read_long(
    file: &Source<'_>,
    options: &CsvOptions,
    text: Text,
    places: &Places,
) -> Result<Long, Stop> {
    let mut rows = FileRows::open(file, options, text)?;
    let key = match rows.kind {
        Kind::Who5 => "who5",
        Kind::Gse => "gse",
        Kind::TenStep => "ten_step",
        Kind::Interventions => "interventions",
        _ => return Err(Stop::NotPlain),
    };
    let (header, id_col) = rows.plain_header(file, key)?;
    let date_col = header.iter().position(|h| h == "date");
    let mut long = Long {
        key,
        header: header.clone(),
        roles: roles(key, &header),
        parts: Vec::new(),
        latest: Latest::default(),
        last: 0,
    };
    while let Some(row) = rows.next()? {
        if let Some(c) = date_col {
            let cell = row.cell(c);
            if !cell.is_empty() {
                long.latest.add(cell)?;
            }
        }
        long.put(row, id_col, places)?;
    }
    long.parts
        .resize_with(places.part_sizes.len(), || Part::new(header.clone()));
    for (p, (part, &size)) in long.parts.iter_mut().zip(&places.part_sizes).enumerate() {
        part.order_by_participant(p * PART, size);
    }
    Ok(long)
}

impl Long {
    /// Puts a row in its participant's part; the ID's cell (column `id_col`) is not kept (the
    /// part knows the participant).
    fn put(&mut self, row: &Row, id_col: usize, places: &Places) -> Result<(), Stop> {
        let who = places
            .ids
            .place_after(row.cell(id_col), self.last)
            .ok_or(Stop::NotPlain)?;
        self.last = who;
        let p = who as usize / PART;
        while self.parts.len() <= p {
            self.parts.push(Part::new(self.header.clone()));
        }
        let part = self.parts.get_mut(p).ok_or(Stop::NotPlain)?;
        part.push(row, who, Some(id_col))
    }
}

/// The report when every file is plainly valid; `None` sends the files to the whole-file
/// reader.
pub(crate) fn streamed(
    project: &str,
    files: &[Source<'_>],
    csv: &CsvOptions,
    options: &ReportOptions,
) -> Option<Report> {
    // Each file's kind, from its first line.
    let mut people_file = None;
    let mut long_files = Vec::new();
    let mut outreach_files = CsvFiles::default();
    let mut outreach_texts = Vec::new();
    let mut seen = Vec::new();
    for f in files {
        let kind = with_encoding(csv.encoding, |text| {
            FileRows::open(f, csv, text).map(|r| r.kind)
        })?;
        if seen.contains(&kind) {
            return None;
        }
        seen.push(kind);
        match kind {
            Kind::Participants => people_file = Some(f),
            Kind::Venues | Kind::Visits => {
                let text = read_text(f.csv(), csv.encoding).ok()?;
                outreach_texts.push((kind, f.csv().name, text));
            }
            _ => long_files.push(f),
        }
    }
    for (kind, name, text) in &outreach_texts {
        let file = Some(CsvFile { name, text });
        match kind {
            Kind::Venues => outreach_files.venues = file,
            _ => outreach_files.visits = file,
        }
    }
    let outreach = super::csv::outreach(&outreach_files, csv).ok()?;
    let people_file = people_file?;
    let (people, places) = read_people(people_file, csv)?;
    let longs = read_long_files(&long_files, csv, &places)?;
    drop(places);
    let People { parts, latest, .. } = people;
    let participants_latest = longs.iter().map(|l| l.latest).fold(latest, Ord::max).date();
    let as_of = options
        .as_of
        .or_else(|| participants_latest.max(outreach_latest_date(&outreach)))?;
    let count = parts.iter().map(Part::len).sum::<usize>();
    let (subjects, records_latest) = subjects(parts, longs, as_of, options.offered.as_deref())?;
    // The date taken from the cells is the cohort's latest date, as its records give it.
    if options.as_of.is_none() && records_latest != participants_latest {
        return None;
    }
    let mut rest = serde_json::Map::new();
    rest.insert("project".into(), project.into());
    rest.insert("participants".into(), serde_json::Value::Null);
    let document = doc::stream::Document {
        rest,
        list: doc::stream::List::Streamed(count),
    };
    let (header, errors) = Header::read(Some(document)).ok()?;
    if !errors.is_empty() {
        return None;
    }
    // The catalogue was checked as the participants were read.
    let no_categories = std::iter::empty::<[crate::intervention::Category; 0]>();
    let (as_of, options) = resolve(options, None, no_categories, || Some(as_of), None).ok()?;
    let mut report = finish_report(&header.project, &outreach, &subjects, as_of, &options);
    super::model::drop_aside(subjects);
    // As the whole-file reader counts what it left out: nothing, under `drop`.
    report.set_excluded((csv.on_error == OnError::Drop).then(report::Excluded::default));
    Some(report)
}

/// The long files read at once, in the document's order of their lists: WHO-5, GSE, ten-step,
/// interventions. A thread per core takes the next file as it is free, the largest first:
/// with a thread per file, the last file was read alone at the end, and a thread left on the
/// busy core when another ended took milliseconds to be moved to the idle one.
fn read_long_files(files: &[&Source<'_>], csv: &CsvOptions, places: &Places) -> Option<Vec<Long>> {
    let read = |f: &Source<'_>| with_encoding(csv.encoding, |text| read_long(f, csv, text, places));
    let mut largest_first: Vec<&Source<'_>> = files.to_vec();
    largest_first.sort_by_key(|f| std::cmp::Reverse(f.size()));
    let failed = AtomicBool::new(false);
    let work = |i: usize| {
        if failed.load(Ordering::Relaxed) {
            return None;
        }
        let long = largest_first.get(i).and_then(|f| read(f));
        if long.is_none() {
            failed.store(true, Ordering::Relaxed);
        }
        long
    };
    let mut read_all = Vec::with_capacity(files.len());
    map_in_order(files.len(), 1, &work, &mut |_, long| read_all.push(long));
    let mut longs: Vec<Long> = read_all.into_iter().collect::<Option<_>>()?;
    if longs.len() != files.len() {
        return None;
    }
    let order = ["who5", "gse", "ten_step", "interventions"];
    longs.sort_by_key(|l| order.iter().position(|k| *k == l.key));
    Some(longs)
}

/// A part's participants with their rows of each long file (by participant), freed once
/// their facts are taken.
struct Piece {
    people: Part,
    longs: Vec<Part>,
}

/// The report's facts of each participant who started by `as_of`, part by part, and the
/// latest date of their records; `None` when a participant is not plainly valid or has an
/// intervention outside the catalogue (`offered`).
fn subjects(
    parts: Vec<Part>,
    mut longs: Vec<Long>,
    as_of: Date,
    offered: Option<&[Category]>,
) -> Option<(Vec<Subject>, Option<Date>)> {
    let count: usize = parts.iter().map(Part::len).sum();
    // Each part with its long files' rows; one set of threads reads them all (threads started
    // for each part were placed on a busy core at first, and left the other idle).
    let pieces: Vec<RwLock<Option<Piece>>> = parts
        .into_iter()
        .enumerate()
        .map(|(p, people)| {
            let longs = longs
                .iter_mut()
                .map(|l| l.parts.get_mut(p).map(std::mem::take).unwrap_or_default())
                .collect();
            RwLock::new(Some(Piece { people, longs }))
        })
        .collect();
    let keys: Vec<(&str, &[Role])> = longs.iter().map(|l| (l.key, l.roles.as_slice())).collect();
    let stop = AtomicBool::new(false);
    let work = |i: usize| {
        if stop.load(Ordering::Relaxed) {
            return None;
        }
        let read = facts_of(&pieces, &keys, i, as_of, offered);
        if read.is_none() {
            stop.store(true, Ordering::Relaxed);
        }
        read
    };
    let mut subjects = Vec::with_capacity(count);
    let mut latest = None;
    let mut failed = false;
    map_in_order(count, ROUND_ITEMS, &work, &mut |i, read| {
        match read {
            Some((date, subject)) => {
                latest = latest.max(date);
                subjects.extend(subject);
            }
            None => failed = true,
        }
        // A part's last participant taken: every one of the part's is read, and it is freed.
        if (i + 1) % PART == 0 || i + 1 == count {
            if let Some(piece) = pieces.get(i / PART) {
                drop(piece.write().map(|mut p| p.take()));
            }
        }
    });
    if failed {
        return None;
    }
    subjects.shrink_to_fit();
    Some((subjects, latest))
}

/// The report's facts of the `i`th participant, with the latest date of their records;
/// `None` when they are not plainly valid or have an intervention outside `offered`.
fn facts_of(
    pieces: &[RwLock<Option<Piece>>],
    keys: &[(&str, &[Role])],
    i: usize,
    as_of: Date,
    offered: Option<&[Category]>,
) -> Option<(Option<Date>, Option<Subject>)> {
    let piece = pieces.get(i / PART)?.read().ok()?;
    let Piece { people, longs } = piece.as_ref()?;
    let k = i % PART;
    // The participant's row read by the typed fast path as its JSON text would be, with their
    // long rows read straight from their cells (by the same rules).
    let mut lists = super::fast::Lists::default();
    for ((key, roles), part) in keys.iter().zip(longs) {
        for &row in part.rows_of(k) {
            lists.add(key, part.row(row as usize).zip(*roles))?;
        }
    }
    let record = super::fast::member_of_row(people.row(k), lists)?;
    let date = record.latest_date();
    let fact = Fact::new(record, as_of);
    let outside = |c: &Category| offered.is_some_and(|o| !o.contains(c));
    if fact.categories.iter().any(outside) {
        return None;
    }
    Some((date, fact.subject))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cohort::sheet::{tables, to_csv, Table};
    use proptest::prelude::*;

    /// Cells that break a row in every way the readers know, and some that are fine as they
    /// are or as Danish Excel writes them.
    const HOSTILE: [&str; 30] = [
        "",
        " ",
        "Kvinde",
        "woman",
        " WOMAN ",
        "kvindelig",
        "10-02-2023",
        "2023-02-31",
        "2023-02-10 00:00:00",
        "3,0",
        "2.5",
        "-1",
        "99",
        "1e3",
        "NA",
        "x",
        "Ja",
        "nej",
        "\u{1f}",
        "a\"b",
        "line\nbreak",
        "æøå",
        "010190-1234",
        ";",
        "street;online",
        "EKS-0001",
        "ZZZ-9999",
        "Rådgivning og vejledning",
        "4",
        "2023-06-30",
    ];

    /// One generated project's CSV files, as tables.
    fn project(n: usize, seed: u64) -> Vec<Table> {
        let text = Cohort::generate(n, seed).to_json();
        let document: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        tables(&document)
    }

    /// A table's bytes as a project might save it: `,` or `;`, LF or CRLF, a byte-order mark,
    /// or Windows-1252 (when every character has a byte there).
    fn bytes(table: &Table, layout: u8) -> Vec<u8> {
        let mut text = to_csv(table);
        if layout & 1 == 1 {
            let mut w = ::csv::WriterBuilder::new()
                .delimiter(b';')
                .terminator(::csv::Terminator::CRLF)
                .from_writer(Vec::new());
            let _ = w.write_record(&table.header);
            for row in &table.rows {
                let _ = w.write_record(row);
            }
            text = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
        }
        match layout >> 1 {
            1 => [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat(),
            2 if text
                .chars()
                .all(|c| (c as u32) < 0x80 || (0xa0..0x100).contains(&(c as u32))) =>
            {
                text.chars().map(|c| c as u32 as u8).collect()
            }
            _ => text.into_bytes(),
        }
    }

    fn report_both(
        files: &[(String, Vec<u8>)],
        csv: &CsvOptions,
        options: &ReportOptions,
    ) -> (Option<Report>, Result<Report, ValidationError>) {
        let opens: Vec<_> = files
            .iter()
            .map(|(_, b)| move || Ok(Box::new(b.as_slice()) as Box<dyn Read>))
            .collect();
        let sources: Vec<CsvSource<'_>> = files
            .iter()
            .zip(&opens)
            .map(|((name, _), open)| CsvSource { name, open })
            .collect();
        (
            Cohort::stream_report_from_csv("P", &sources, csv, options),
            whole("P", &sources, csv, options),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Whenever the streamed report is made, it is the whole-file reader's report; clean
        /// exports are always streamed.
        #[test]
        fn the_streamed_report_is_the_whole_file_readers(
            n in 1usize..40,
            seed in 0u64..1000,
            edits in prop::collection::vec((0usize..5, 0usize..400, 0usize..16, 0..HOSTILE.len()), 0..4),
            moves in prop::collection::vec((1usize..5, 0usize..400, 0usize..400), 0..3),
            layout in 0u8..6,
            drop in any::<bool>(),
            as_of in prop::option::of(0u32..900),
            offered in any::<bool>(),
        ) {
            let mut tables = project(n, seed);
            for &(t, r, c, v) in &edits {
                if let Some(table) = tables.get_mut(t) {
                    let rows = table.rows.len().max(1);
                    if let Some(cell) = table.rows.get_mut(r % rows).and_then(|row| {
                        let len = row.len().max(1);
                        row.get_mut(c % len)
                    }) {
                        *cell = HOSTILE[v].to_string();
                    }
                }
            }
            // Long files in any order of rows.
            for &(t, a, b) in &moves {
                if let Some(table) = tables.get_mut(t) {
                    let len = table.rows.len();
                    if len > 1 {
                        table.rows.swap(a % len, b % len);
                    }
                }
            }
            let files: Vec<(String, Vec<u8>)> = tables
                .iter()
                .map(|t| (format!("{}.csv", t.kind.as_str()), bytes(t, layout)))
                .collect();
            let csv = CsvOptions::default().with_on_error(if drop { OnError::Drop } else { OnError::Fail });
            let options = ReportOptions {
                as_of: as_of.map(|d| time::macros::date!(2021 - 01 - 01) + time::Duration::days(i64::from(d))),
                offered: offered.then(|| vec![crate::intervention::Category::ALL[0]]),
                ..ReportOptions::default()
            };
            let (fast, slow) = report_both(&files, &csv, &options);
            if let Some(fast) = &fast {
                prop_assert_eq!(Ok(fast), slow.as_ref());
            }
            if edits.is_empty() && !offered {
                prop_assert!(fast.is_some(), "a clean export is streamed");
            }
        }
    }

    /// Each hostile cell in each column of each file, one at a time: whenever the export is
    /// streamed, the report is the whole-file reader's.
    #[test]
    fn every_hostile_cell_in_every_column_reports_as_the_whole_file_reader() {
        let tables = project(4, 5);
        let mut streamed_edits = 0;
        for (t, table) in tables.iter().enumerate() {
            for c in 0..table.header.len() {
                for value in HOSTILE {
                    let mut edited = tables.clone();
                    let Some(cell) = edited[t].rows.get_mut(0).and_then(|r| r.get_mut(c)) else {
                        continue;
                    };
                    *cell = value.to_string();
                    let files: Vec<(String, Vec<u8>)> = edited
                        .iter()
                        .map(|t| (format!("{}.csv", t.kind.as_str()), bytes(t, 0)))
                        .collect();
                    let options = ReportOptions::default();
                    let (fast, slow) = report_both(&files, &CsvOptions::default(), &options);
                    if let Some(fast) = &fast {
                        streamed_edits += 1;
                        assert_eq!(
                            Ok(fast),
                            slow.as_ref(),
                            "{} column {} = {value:?}",
                            table.kind.as_str(),
                            table.header[c]
                        );
                    }
                }
            }
        }
        // Many edits are valid as Excel writes them, and those are streamed.
        assert!(streamed_edits > 150, "{streamed_edits}");
    }

    /// Every cell in a form Danish Excel or SurveyXact writes, not the canonical one: the
    /// export is still streamed, and reports what the whole-file reader reports.
    #[test]
    fn danish_cells_are_streamed_and_report_the_same() {
        let mut tables = project(60, 3);
        let mut changed = 0;
        for table in &mut tables {
            let header = table.header.clone();
            for row in &mut table.rows {
                for (column, cell) in header.iter().zip(row.iter_mut()) {
                    let danish = match (column.as_str(), cell.as_str()) {
                        ("gender", "woman") => "Kvinde".to_string(),
                        ("start" | "end" | "date", d) if d.len() == 10 => {
                            format!("{}-{}-{} 00:00:00", &d[8..10], &d[5..7], &d[0..4])
                        }
                        ("anonymous", "false") => "Nej".to_string(),
                        (c, n) if c.starts_with("item") && n.len() == 1 => format!(" {n},0 "),
                        (c, "") if c.starts_with("item") => "NA".to_string(),
                        _ => continue,
                    };
                    *cell = danish;
                    changed += 1;
                }
            }
        }
        assert!(changed > 500);
        for layout in [0, 1, 5] {
            let files: Vec<(String, Vec<u8>)> = tables
                .iter()
                .map(|t| (format!("{}.csv", t.kind.as_str()), bytes(t, layout)))
                .collect();
            let (fast, slow) =
                report_both(&files, &CsvOptions::default(), &ReportOptions::default());
            assert!(fast.is_some(), "layout {layout}");
            assert_eq!(fast.as_ref(), slow.as_ref().ok());
        }
    }

    proptest! {
        /// The quick trim is `str::trim`, Unicode whitespace included.
        #[test]
        fn the_quick_trim_is_str_trim(
            text in "[ \t\r\na-zæ0-9\u{a0}\u{2003}\u{3000}-]{0,12}",
        ) {
            prop_assert_eq!(super::super::csv::trim(&text), text.trim());
        }
    }

    #[test]
    fn ids_short_and_long_are_found_by_their_whole_text() {
        let mut ids = Ids::default();
        let names = [
            "A",
            "A\0",
            "ABCDEFGHIJKLMNO",
            "ABCDEFGHIJKLMNOP",
            "æøå-1",
            &"x".repeat(64),
        ];
        for (at, id) in names.iter().enumerate() {
            assert!(ids.insert(id, at as u32), "{id}");
        }
        assert!(!ids.insert("ABCDEFGHIJKLMNO", 9));
        assert_eq!(ids.len(), names.len());
        for (at, id) in names.iter().enumerate() {
            assert_eq!(ids.get(id), Some(at as u32), "{id}");
        }
        assert_eq!(ids.get("ABCDEFGHIJKLMN"), None);
        assert_eq!(ids.get(""), None);
    }

    proptest! {
        /// An ID's place found near the previous row's is its place in the table, wherever
        /// the previous row was (before it, after it, far off or past the end).
        #[test]
        fn a_place_found_near_the_last_is_the_tables(
            n in 1usize..40,
            rows in prop::collection::vec((0usize..45, 0u32..50), 1..30),
        ) {
            let mut ids = Ids::default();
            let names: Vec<String> = (0..n).map(|i| format!("ID-{}", i * 7 % 40)).collect();
            let mut placed = Vec::new();
            for name in &names {
                if ids.insert(name, placed.len() as u32) {
                    placed.push(name.clone());
                }
            }
            for (row, last) in rows {
                let id = format!("ID-{row}");
                prop_assert_eq!(ids.place_after(&id, last), ids.get(&id), "{} after {}", id, last);
            }
            for (at, name) in placed.iter().enumerate() {
                prop_assert_eq!(ids.at(at as u32), Some(name.as_str()));
            }
        }
    }

    #[test]
    fn a_project_of_many_parts_is_streamed_and_reports_the_same() {
        let tables = project(PART * 2 + 100, 7);
        let files: Vec<(String, Vec<u8>)> = tables
            .iter()
            .map(|t| (format!("{}.csv", t.kind.as_str()), bytes(t, 0)))
            .collect();
        let (fast, slow) = report_both(&files, &CsvOptions::default(), &ReportOptions::default());
        assert!(fast.is_some());
        assert_eq!(fast.as_ref(), slow.as_ref().ok());
    }
}
