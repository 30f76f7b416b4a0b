//! A workbook's sheets as CSV text made while each sheet's XML is decompressed and read (xlsx,
//! feature `spreadsheet`), for the streamed report ([`super::Cohort::stream_report_from_csv`]):
//! no sheet is held whole, as [`super::sheet::read_workbook`] holds it.
//!
//! The text is exactly that of `read_workbook`: the cells are read by a reader of plain sheet
//! XML (`cohort/sheet_cells.rs`) that reads the workbook's parts and cells as calamine (behind
//! `read_workbook`) reads them, and refuses anything else. A sheet that cannot be made exactly
//! (XML the reader does not take, a cell out of order, a value left or right of the header)
//! stops its reader with an error, and the caller reads the workbook whole. Property tests
//! (`tests/sheet_stream.rs`) hold the two readers to the same text, on random cells and on
//! broken XML.

use super::csv::{kind_of_with, CsvOptions, Kind};
use super::sheet::{header_known, unzipped_bytes};
use super::sheet_book::{open_part, Book};
use super::sheet_cells::SheetCells;
use super::sheet_xml::Unread;
use std::io::{self, Read, Seek};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;
use zip::{CompressionMethod, ZipArchive};

/// Something a workbook is read from: its bytes in memory, or a file.
pub trait Workbook: Read + std::io::Seek + Send {}

impl<T: Read + std::io::Seek + Send> Workbook for T {}

/// Opens a workbook's bytes from the start; called once per sheet, on the sheet's thread.
pub type OpenWorkbook = Arc<dyn Fn() -> io::Result<Box<dyn Workbook>> + Send + Sync>;

/// A sheet of a workbook, read as CSV text while its XML is read.
#[derive(Clone)]
pub struct SheetStream {
    name: String,
    open: OpenWorkbook,
    book: Arc<Book>,
    path: String,
    /// Made on a thread of its own, ahead of its reader: the participants' sheet, which is
    /// read alone (the other sheets are read at once, one on each core).
    ahead: bool,
}

impl std::fmt::Debug for SheetStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SheetStream")
            .field("name", &self.name)
            .finish()
    }
}

impl SheetStream {
    /// The sheet's name in error locations: `file.xlsx:Sheet`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The sheet's CSV text, made as it is read (the sheet's part decompressed and its cells
    /// read as the text is asked for).
    ///
    /// # Errors
    /// When the workbook cannot be opened; reading gives an I/O error when the sheet cannot be
    /// read, or not exactly as [`super::sheet::read_workbook`] reads it (then read the
    /// workbook whole).
    pub fn open(&self) -> io::Result<Box<dyn Read + Send>> {
        let part = open_part_owned(&self.open, &self.path)
            .map_err(|_| io::Error::other("the sheet cannot be streamed"))?;
        let reader = SheetReader {
            cells: SheetCells::new(part, Arc::clone(&self.book)),
            text: SheetText::default(),
            out: Vec::with_capacity(TEXT_BYTES),
            at: 0,
        };
        if !self.ahead {
            return Ok(Box::new(reader));
        }
        let (tx, rx) = sync_channel(4);
        std::thread::Builder::new()
            .name("overgang-sheet".into())
            .spawn(move || read_ahead(reader, &tx))?;
        Ok(Box::new(Ahead {
            rx,
            chunk: Vec::new(),
            at: 0,
        }))
    }
}

impl SheetStream {
    /// The sheet's rows read straight from its cells: the cells reading its CSV text
    /// ([`Self::open`]) back would give, without making that text. The participants' sheet's
    /// rows are made ahead, on a thread of their own, once the first is asked for.
    ///
    /// # Errors
    /// When the sheet cannot be read, or not exactly as [`super::sheet::read_workbook`]
    /// reads it (read the workbook whole).
    pub(crate) fn row_source(&self) -> Result<SheetRows, Inexact> {
        let part = open_part_owned(&self.open, &self.path).map_err(|_| Inexact)?;
        let mut cells = SheetCells::new(part, Arc::clone(&self.book));
        let mut text = SheetText::default();
        let mut header = Vec::new();
        text.step(&mut cells, &mut header).map_err(|_| Inexact)?;
        Ok(SheetRows {
            csv_bytes: header.len() as u64,
            header,
            source: Some(Batches::Here {
                cells: Box::new(cells),
                text,
                ahead: self.ahead,
            }),
            text: String::new(),
            cell_ends: Vec::new(),
            row_ends: Vec::new(),
            next: 0,
        })
    }
}

impl SheetStream {
    /// The sheet's rows, read straight from its cells as they are decompressed: the rows of its
    /// CSV text ([`Self::open`]) read back with `;` between cells, without making that text (a
    /// row per line from the header on; empty lines passed over, as CSV readers do).
    ///
    /// ```
    /// use overgang::cohort::sheet_stream::{stream_workbook, OpenWorkbook, Workbook};
    /// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/excel/registrering.xlsx");
    /// let bytes = std::fs::read(path).unwrap();
    /// let open: OpenWorkbook = std::sync::Arc::new(move || {
    ///     Ok(Box::new(std::io::Cursor::new(bytes.clone())) as Box<dyn Workbook>)
    /// });
    /// let sheets = stream_workbook("registrering.xlsx", open, &Default::default()).unwrap();
    /// let mut rows = sheets[0].rows()?;
    /// let header = rows.next().unwrap()?;
    /// // Every row has the header's columns.
    /// for row in rows {
    ///     assert_eq!(row?.len(), header.len());
    /// }
    /// # Ok::<(), std::io::Error>(())
    /// ```
    ///
    /// # Errors
    /// When the sheet cannot be opened; each row, when it cannot be read, or not exactly as
    /// [`super::sheet::read_workbook`] reads it.
    pub fn rows(&self) -> io::Result<CellRows> {
        let unread = || io::Error::other("the sheet cannot be streamed");
        let rows = self.row_source().map_err(|_| unread())?;
        let mut header = ::csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .from_reader(rows.header.as_slice());
        let header: Vec<Vec<String>> = header
            .records()
            .map(|r| r.map(|r| r.iter().map(str::to_string).collect()))
            .collect::<Result<_, _>>()
            .map_err(|_| unread())?;
        Ok(CellRows {
            header: header.into_iter(),
            rows: Some(rows),
        })
    }
}

/// A sheet's rows read from its cells ([`SheetStream::rows`]).
pub struct CellRows {
    header: std::vec::IntoIter<Vec<String>>,
    rows: Option<SheetRows>,
}

impl std::fmt::Debug for CellRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CellRows").finish_non_exhaustive()
    }
}

impl Iterator for CellRows {
    type Item = io::Result<Vec<String>>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(header) = self.header.next() {
            return Some(Ok(header));
        }
        let rows = self.rows.as_mut()?;
        let row = loop {
            match rows.next_row() {
                // An empty line, which CSV readers pass over.
                Ok(Some(row)) if row.len() == 1 && row.cell(0) == Some("") => {}
                Ok(Some(row)) => {
                    break (0..row.len())
                        .map(|c| row.cell(c).map(str::to_string))
                        .collect::<Option<Vec<_>>>()
                }
                Ok(None) => {
                    self.rows = None;
                    return None;
                }
                Err(_) => break None,
            }
        };
        Some(row.ok_or_else(|| {
            self.rows = None;
            io::Error::other("the sheet cannot be streamed")
        }))
    }
}

/// A sheet that cannot be read from its cells exactly as it is read whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Inexact;

/// Rows made at a time.
const BATCH_ROWS: usize = 128;

/// Where a sheet's rows come from: made here when asked for, or ahead on a thread.
enum Batches {
    Here {
        cells: Box<SheetCells<Box<dyn Read + Send>>>,
        text: SheetText,
        /// Whether to make them ahead, once the first row is asked for.
        ahead: bool,
    },
    Ahead(Receiver<Result<RowBatch, Inexact>>),
}

/// The next rows of a sheet; `None` at its end.
fn next_batch(
    cells: &mut SheetCells<Box<dyn Read + Send>>,
    text: &mut SheetText,
) -> Result<Option<RowBatch>, Inexact> {
    let mut batch = RowBatch::default();
    while batch.len() < BATCH_ROWS {
        // Each step ends at the end of a line.
        if !text.step(cells, &mut batch).map_err(|_| Inexact)? {
            break;
        }
    }
    Ok((batch.len() > 0).then_some(batch))
}

/// A sheet's rows, read from its cells ([`SheetStream::rows`]).
pub(crate) struct SheetRows {
    /// The sheet's CSV text up to the header's end: the empty lines before it, then the
    /// header row.
    pub(crate) header: Vec<u8>,
    /// The length of the CSV text the rows read so far are read from, the header's included.
    pub(crate) csv_bytes: u64,
    source: Option<Batches>,
    /// The rows being read: their text, where each cell ends in it and where each row ends.
    text: String,
    cell_ends: Vec<u32>,
    row_ends: Vec<u32>,
    next: usize,
}

impl std::fmt::Debug for SheetRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SheetRows").finish_non_exhaustive()
    }
}

impl SheetRows {
    /// The next row's cells (empty lines are rows of one empty cell, as read from CSV text);
    /// `None` at the sheet's end.
    pub(crate) fn next_row(&mut self) -> Result<Option<SheetRow<'_>>, Inexact> {
        while self.next >= self.row_ends.len() {
            let Some(batch) = self.next_batch()? else {
                return Ok(None);
            };
            self.csv_bytes += batch.csv_bytes;
            self.text = String::from_utf8(batch.text).map_err(|_| Inexact)?;
            self.cell_ends = batch.cell_ends;
            self.row_ends = batch.row_ends;
            self.next = 0;
        }
        let r = self.next;
        self.next += 1;
        let from = r.checked_sub(1).and_then(|p| self.row_ends.get(p)).copied();
        let from = from.unwrap_or(0) as usize;
        let to = self.row_ends.get(r).copied().ok_or(Inexact)? as usize;
        let start = from
            .checked_sub(1)
            .and_then(|p| self.cell_ends.get(p))
            .copied();
        Ok(Some(SheetRow {
            text: &self.text,
            start: start.unwrap_or(0) as usize,
            ends: self.cell_ends.get(from..to).ok_or(Inexact)?,
        }))
    }

    fn next_batch(&mut self) -> Result<Option<RowBatch>, Inexact> {
        match self.source.take() {
            None => Ok(None),
            Some(Batches::Here {
                mut cells,
                mut text,
                ahead: false,
            }) => {
                let batch = next_batch(&mut cells, &mut text)?;
                if batch.is_some() {
                    self.source = Some(Batches::Here {
                        cells,
                        text,
                        ahead: false,
                    });
                }
                Ok(batch)
            }
            Some(Batches::Here {
                mut cells,
                mut text,
                ahead: true,
            }) => {
                let (tx, rx) = sync_channel(4);
                std::thread::Builder::new()
                    .name("overgang-sheet".into())
                    .spawn(move || loop {
                        let batch = next_batch(&mut cells, &mut text).transpose();
                        let Some(batch) = batch else { return };
                        let end = batch.is_err();
                        if tx.send(batch).is_err() || end {
                            return;
                        }
                    })
                    .map_err(|_| Inexact)?;
                self.source = Some(Batches::Ahead(rx));
                self.next_batch()
            }
            Some(Batches::Ahead(rx)) => match rx.recv() {
                Ok(batch) => {
                    let batch = batch?;
                    self.source = Some(Batches::Ahead(rx));
                    Ok(Some(batch))
                }
                // The thread has sent every row.
                Err(_) => Ok(None),
            },
        }
    }
}

/// A row of a sheet's cells ([`SheetRows::next_row`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct SheetRow<'a> {
    text: &'a str,
    start: usize,
    ends: &'a [u32],
}

impl<'a> SheetRow<'a> {
    /// The number of cells.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Cell `c`'s text (`None` past the last).
    pub(crate) fn cell(&self, c: usize) -> Option<&'a str> {
        let start = match c.checked_sub(1) {
            Some(p) => *self.ends.get(p)? as usize,
            None => self.start,
        };
        self.text.get(start..*self.ends.get(c)? as usize)
    }
}

/// Reads `reader` to its end, sending its text a piece at a time (or the error that ends it)
/// while the receiver is there.
fn read_ahead(mut reader: SheetReader, tx: &SyncSender<io::Result<Vec<u8>>>) {
    loop {
        let mut chunk = vec![0; TEXT_BYTES];
        match reader.read(&mut chunk) {
            Ok(0) => return,
            Ok(n) => {
                chunk.truncate(n);
                if tx.send(Ok(chunk)).is_err() {
                    return;
                }
            }
            Err(e) => {
                let _ = tx.send(Err(e));
                return;
            }
        }
    }
}

/// A sheet's text made ahead on another thread, piece by piece.
struct Ahead {
    rx: Receiver<io::Result<Vec<u8>>>,
    chunk: Vec<u8>,
    at: usize,
}

impl Read for Ahead {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at >= self.chunk.len() {
            match self.rx.recv() {
                Ok(chunk) => (self.chunk, self.at) = (chunk?, 0),
                // The thread has sent everything.
                Err(_) => return Ok(0),
            }
        }
        Ok(serve(&self.chunk, &mut self.at, buf))
    }
}

/// Copies what `buf` takes of `text` from `at` on, and moves `at` past it.
fn serve(text: &[u8], at: &mut usize, buf: &mut [u8]) -> usize {
    let rest = text.get(*at..).unwrap_or_default();
    let n = rest.len().min(buf.len());
    buf.get_mut(..n)
        .unwrap_or_default()
        .copy_from_slice(rest.get(..n).unwrap_or_default());
    *at += n;
    n
}

/// Text made at a time when a sheet's reader is asked for more.
const TEXT_BYTES: usize = 32 * 1024;

/// A sheet's CSV text, made from its cells as it is read.
struct SheetReader {
    cells: SheetCells<Box<dyn Read + Send>>,
    text: SheetText,
    out: Vec<u8>,
    at: usize,
}

impl Read for SheetReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.at >= self.out.len() {
            self.out.clear();
            self.at = 0;
            while self.out.len() < TEXT_BYTES {
                match self.text.step(&mut self.cells, &mut self.out) {
                    Ok(true) => {}
                    Ok(false) => break,
                    Err(_) => return Err(io::Error::other("the sheet cannot be streamed")),
                }
            }
        }
        Ok(serve(&self.out, &mut self.at, buf))
    }
}

/// A part of the workbook, by its path, decompressed as it is read, with its checksum checked
/// at its end as the archive reader checks it. It owns the workbook's bytes, so that a
/// sheet's reader can be handed on.
fn open_part_owned(open: &OpenWorkbook, path: &str) -> Result<Box<dyn Read + Send>, Unread> {
    let mut zip = ZipArchive::new(open().map_err(|_| Unread)?).map_err(|_| Unread)?;
    let (start, size, method, crc, plain_size) = {
        let part = open_part(&mut zip, path)?.ok_or(Unread)?;
        (
            part.data_start(),
            part.compressed_size(),
            part.compression(),
            part.crc32(),
            part.size(),
        )
    };
    let mut bytes = zip.into_inner();
    bytes.seek(io::SeekFrom::Start(start)).map_err(|_| Unread)?;
    let body = io::BufReader::with_capacity(64 * 1024, bytes.take(size));
    let plain: Box<dyn Read + Send> = match method {
        CompressionMethod::Stored => Box::new(body),
        CompressionMethod::Deflated => Box::new(flate2::bufread::DeflateDecoder::new(body)),
        _ => return Err(Unread),
    };
    Ok(Box::new(Checked {
        inner: plain.take(plain_size),
        hasher: crc32fast::Hasher::new(),
        expected: crc,
    }))
}

/// A part's bytes with their CRC-32 checked at the end: a mismatch is an error.
struct Checked<R> {
    inner: R,
    hasher: crc32fast::Hasher,
    expected: u32,
}

impl<R: Read> Read for Checked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() && self.hasher.clone().finalize() != self.expected {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "a part's checksum",
            ));
        }
        self.hasher.update(buf.get(..n).unwrap_or_default());
        Ok(n)
    }
}

/// The sheets of an xlsx workbook that [`super::sheet::read_workbook`] gives, to stream;
/// `None` when the workbook is not xlsx, or a sheet cannot be read exactly (read the workbook
/// whole: it reports what is wrong).
///
/// ```
/// use overgang::cohort::sheet_stream::{stream_workbook, OpenWorkbook, Workbook};
/// let open: OpenWorkbook = std::sync::Arc::new(|| {
///     Ok(Box::new(std::io::Cursor::new(b"not a workbook".to_vec())) as Box<dyn Workbook>)
/// });
/// let options = overgang::cohort::csv::CsvOptions::default();
/// assert!(stream_workbook("a.xlsx", open, &options).is_none());
/// ```
pub fn stream_workbook(
    name: &str,
    open: OpenWorkbook,
    options: &CsvOptions,
) -> Option<Vec<SheetStream>> {
    let mut zip = ZipArchive::new(open().ok()?).ok()?;
    // A workbook over the limit once unzipped is read whole, which refuses it.
    if unzipped_bytes(&mut zip) > crate::limits::MAX_UNZIPPED_BYTES {
        return None;
    }
    let book = Arc::new(Book::read(&mut zip).ok()?);
    let mut out = Vec::new();
    for (sheet, path) in book.sheets() {
        let stream = SheetStream {
            name: format!("{name}:{sheet}"),
            open: Arc::clone(&open),
            book: Arc::clone(&book),
            path: path.to_string(),
            ahead: false,
        };
        // The text up to the header row's end: the empty lines before it, then the row.
        let mut header = Vec::new();
        let mut cells = SheetCells::new(open_part_owned(&open, path).ok()?, Arc::clone(&book));
        SheetText::default().step(&mut cells, &mut header).ok()?;
        let text = String::from_utf8(header).ok()?;
        let body = text.trim_start_matches('\n');
        if !body.is_empty() && header_known(body, options) {
            let ahead = kind_of_with(body, options) == Kind::Participants;
            out.push(SheetStream { ahead, ..stream });
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Why a sheet's text stopped: it cannot be made exactly while streaming (or cannot be read).
#[derive(Debug)]
enum Stop {
    Inexact,
}

impl From<Unread> for Stop {
    fn from(_: Unread) -> Self {
        Self::Inexact
    }
}

/// Makes a sheet's CSV text as `read_workbook` makes it (the lines before the first row with a
/// value left empty, then each row from the first to the last with a value, the columns from
/// the first to the last with a value), a piece at a time: the header with the lines before
/// it, then the next line (and the empty lines before it).
#[derive(Debug, Default)]
struct SheetText {
    /// The last cell read, and whether the sheet has ended.
    last: Option<(u32, u32)>,
    ended: bool,
    /// The header's row and first and last columns, once read.
    header: Option<(u32, u32, u32)>,
    /// The row of the line being made, and the separators written in it.
    current: u32,
    written: usize,
    /// A cell read but not yet put in a line.
    pending: Option<(u32, u32)>,
}

impl SheetText {
    /// The next cell with a value, strictly after the one before (row by row, left to right);
    /// `None` at the sheet's end, after which the reader is not asked again.
    fn next(&mut self, cells: &mut SheetCells<impl Read>) -> Result<Option<(u32, u32)>, Stop> {
        if let Some(at) = self.pending.take() {
            return Ok(Some(at));
        }
        if self.ended {
            return Ok(None);
        }
        let at = cells.next_value()?;
        self.ended = at.is_none();
        if let Some(at) = at {
            if self.last.is_some_and(|l| at <= l) {
                return Err(Stop::Inexact);
            }
            self.last = Some(at);
        }
        Ok(at)
    }

    /// Writes the next piece of text to `out`; `false` when the sheet has no more.
    fn step<R: Read>(
        &mut self,
        cells: &mut SheetCells<R>,
        out: &mut impl Sink<R>,
    ) -> Result<bool, Stop> {
        let Some((first_row, from, to)) = self.header else {
            return self.header_piece(cells, out);
        };
        let seps = (to - from) as usize;
        loop {
            let Some(at) = self.next(cells)? else {
                if self.current != first_row {
                    self.end_line(seps, out);
                    self.current = first_row;
                    return Ok(true);
                }
                return Ok(false);
            };
            if at.1 < from || at.1 > to {
                return Err(Stop::Inexact);
            }
            if at.0 != self.current {
                let flushed = self.current != first_row;
                if flushed {
                    self.end_line(seps, out);
                }
                // Rows without a value between two with values are empty lines of cells.
                for _ in self.current + 1..at.0 {
                    out.separators(seps);
                    out.line_end();
                }
                let gaps = at.0 > self.current + 1;
                self.current = at.0;
                self.written = 0;
                if flushed || gaps {
                    self.pending = Some(at);
                    return Ok(true);
                }
            }
            let slot = (at.1 - from) as usize;
            out.separators(slot - self.written);
            self.written = slot;
            out.value(cells);
        }
    }

    /// The header row (the first with a value; its columns are the sheet's), after the empty
    /// lines before it.
    fn header_piece<R: Read>(
        &mut self,
        cells: &mut SheetCells<R>,
        out: &mut impl Sink<R>,
    ) -> Result<bool, Stop> {
        let Some((first_row, from)) = self.next(cells)? else {
            return Ok(false); // an empty sheet: no text
        };
        for _ in 0..first_row {
            out.line_end();
        }
        out.value(cells);
        let mut to = from;
        while let Some(at) = self.next(cells)? {
            if at.0 != first_row {
                self.pending = Some(at);
                break;
            }
            out.separators((at.1 - to) as usize);
            out.value(cells);
            to = at.1;
        }
        out.line_end();
        self.header = Some((first_row, from, to));
        self.current = first_row;
        Ok(true)
    }

    /// Ends the line being made (its missing cells empty).
    fn end_line<R: Read>(&mut self, seps: usize, out: &mut impl Sink<R>) {
        out.separators(seps - self.written);
        out.line_end();
    }
}

/// Where a sheet's text goes, as [`SheetText`] makes it: CSV text (`Vec<u8>`), or each row's
/// cells ([`RowBatch`]), which are the cells of reading that CSV text back.
trait Sink<R> {
    /// `n` separators: the ends of `n` cells.
    fn separators(&mut self, n: usize);
    /// The end of a line (and of its last cell).
    fn line_end(&mut self);
    /// The value of the cell just read from `cells`.
    fn value(&mut self, cells: &mut SheetCells<R>);
}

impl<R: Read> Sink<R> for Vec<u8> {
    fn separators(&mut self, n: usize) {
        self.resize(self.len() + n, b';');
    }

    fn line_end(&mut self) {
        self.push(b'\n');
    }

    fn value(&mut self, cells: &mut SheetCells<R>) {
        cells.write_value(self);
    }
}

/// Rows of a sheet's cells, as reading its CSV text back gives them (each line a row, empty
/// ones too), with the length of that text.
#[derive(Debug, Default)]
struct RowBatch {
    text: Vec<u8>,
    /// Where each cell ends in `text`.
    cell_ends: Vec<u32>,
    /// Where each row ends in `cell_ends`.
    row_ends: Vec<u32>,
    /// The length of the CSV text these rows are read from.
    csv_bytes: u64,
}

impl<R: Read> Sink<R> for RowBatch {
    fn separators(&mut self, n: usize) {
        let end = self.text.len() as u32;
        self.cell_ends.extend(std::iter::repeat_n(end, n));
        self.csv_bytes += n as u64;
    }

    fn line_end(&mut self) {
        self.cell_ends.push(self.text.len() as u32);
        self.row_ends.push(self.cell_ends.len() as u32);
        self.csv_bytes += 1;
    }

    fn value(&mut self, cells: &mut SheetCells<R>) {
        self.csv_bytes += cells.write_text(&mut self.text) as u64;
    }
}

impl RowBatch {
    /// The number of rows.
    fn len(&self) -> usize {
        self.row_ends.len()
    }
}
