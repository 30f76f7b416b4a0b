//! A workbook's sheets as CSV text made while each sheet's XML is read (xlsx, feature
//! `spreadsheet`), for the streamed report ([`super::Cohort::stream_report_from_csv`]): no
//! sheet is held whole, as [`super::sheet::read_workbook`] holds it.
//!
//! The text is exactly that of `read_workbook` when a sheet's cells come row by row, left to
//! right, within the columns of its header row, as spreadsheet programs and pandas write them.
//! A sheet that does not (a cell out of order, a value left or right of the header) stops its
//! reader with an error, and the caller reads the workbook whole.

use super::csv::CsvOptions;
use super::sheet::{cell_csv, header_known};
use calamine::{Data, DataRef, Reader, Xlsx};
use std::io::{self, Read};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Arc;

/// Text handed from a sheet's reading thread at a time.
const CHUNK_BYTES: usize = 64 * 1024;

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
    sheet: String,
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

    /// The sheet's CSV text, made on a thread of its own as the reader reads it.
    ///
    /// # Errors
    /// None when opening; reading gives an I/O error when the sheet cannot be read, or not
    /// exactly as [`super::sheet::read_workbook`] reads it (then read the workbook whole).
    pub fn open(&self) -> io::Result<Box<dyn Read + Send>> {
        let (tx, rx) = sync_channel::<Option<Vec<u8>>>(4);
        let (open, sheet) = (Arc::clone(&self.open), self.sheet.clone());
        std::thread::Builder::new()
            .name("overgang-sheet".into())
            .spawn(move || {
                let book = open().ok().and_then(|bytes| Xlsx::new(bytes).ok());
                let sent = book.and_then(|mut book| {
                    let mut chunk = Vec::with_capacity(CHUNK_BYTES);
                    let whole = convert(&mut book, &sheet, &mut |text: &[u8]| {
                        chunk.extend_from_slice(text);
                        if chunk.len() >= CHUNK_BYTES {
                            let full =
                                std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK_BYTES));
                            return tx.send(Some(full)).is_ok();
                        }
                        true
                    });
                    whole.ok().map(|_| chunk)
                });
                // What is left, or `None`: the sheet could not be made exactly.
                let _ = match sent {
                    Some(rest) => tx.send(Some(rest)),
                    None => tx.send(None),
                };
            })?;
        Ok(Box::new(Chunks {
            rx,
            chunk: Vec::new(),
            at: 0,
        }))
    }
}

/// The text from a sheet's thread, chunk by chunk.
struct Chunks {
    rx: Receiver<Option<Vec<u8>>>,
    chunk: Vec<u8>,
    at: usize,
}

impl Read for Chunks {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at >= self.chunk.len() {
            match self.rx.recv() {
                Ok(Some(chunk)) => (self.chunk, self.at) = (chunk, 0),
                Ok(None) => return Err(io::Error::other("the sheet cannot be streamed")),
                // The thread has sent everything.
                Err(_) => return Ok(0),
            }
        }
        let rest = self.chunk.get(self.at..).unwrap_or_default();
        let n = rest.len().min(buf.len());
        buf.get_mut(..n)
            .unwrap_or_default()
            .copy_from_slice(rest.get(..n).unwrap_or_default());
        self.at += n;
        Ok(n)
    }
}

/// The sheets of an xlsx workbook that [`super::sheet::read_workbook`] gives, to stream;
/// `None` when the workbook is not xlsx, or a sheet's header row cannot be read exactly (read
/// the workbook whole: it reports what is wrong).
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
    let mut book: Xlsx<_> = Xlsx::new(open().ok()?).ok()?;
    let mut out = Vec::new();
    for sheet in book.sheet_names() {
        // The text up to the header row's end: the empty lines before it, then the row.
        let mut header = Vec::new();
        let mut pieces = 0;
        match convert(&mut book, &sheet, &mut |text| {
            header.extend_from_slice(text);
            pieces += 1;
            pieces < 2
        }) {
            Ok(()) | Err(Stop::Told) => {}
            Err(Stop::Inexact) => return None,
        }
        let text = String::from_utf8(header).ok()?;
        let body = text.trim_start_matches('\n');
        if !body.is_empty() && header_known(body, options) {
            out.push(SheetStream {
                name: format!("{name}:{sheet}"),
                open: Arc::clone(&open),
                sheet,
            });
        }
    }
    (!out.is_empty()).then_some(out)
}

/// A cell with a value: its (row, column) and its CSV text.
type Value = ((u32, u32), String);

/// Why a sheet's text stopped.
enum Stop {
    /// The sheet cannot be made exactly while streaming (or cannot be read).
    Inexact,
    /// `emit` said to stop.
    Told,
}

/// Makes the sheet's CSV text as `read_workbook` makes it (the lines before the first row with
/// a value left empty, then each row from the first to the last with a value, the columns from
/// the first to the last with a value), handing it to `emit` piece by piece while `emit` says
/// to go on.
fn convert<RS: Read + std::io::Seek>(
    book: &mut Xlsx<RS>,
    sheet: &str,
    emit: &mut dyn FnMut(&[u8]) -> bool,
) -> Result<(), Stop> {
    let mut cells = book
        .worksheet_cells_reader(sheet)
        .map_err(|_| Stop::Inexact)?;
    let mut last: Option<(u32, u32)> = None;
    // The next cell with a value, in order (row by row, left to right), as CSV text; `None` at
    // the sheet's end, after which the reader is not asked again.
    let mut ended = false;
    let mut next_value = || -> Result<Option<Value>, Stop> {
        while !ended {
            let Some(cell) = cells.next_cell().map_err(|_| Stop::Inexact)? else {
                ended = true;
                break;
            };
            if matches!(cell.get_value(), DataRef::Empty) {
                continue;
            }
            let at = cell.get_position();
            if last.is_some_and(|l| at <= l) {
                return Err(Stop::Inexact);
            }
            last = Some(at);
            return Ok(Some((at, cell_csv(&Data::from(cell.get_value().clone())))));
        }
        Ok(None)
    };
    // The header row: the first row with a value; its columns are the sheet's.
    let mut header: Vec<(u32, String)> = Vec::new();
    let mut first_row = None;
    let mut next = None;
    while let Some((at, text)) = next_value()? {
        match first_row {
            Some(row) if at.0 != row => {
                next = Some((at, text));
                break;
            }
            _ => first_row = Some(at.0),
        }
        header.push((at.1, text));
    }
    let (Some(first_row), Some(&(from, _)), Some(&(to, _))) =
        (first_row, header.first(), header.last())
    else {
        return Ok(()); // an empty sheet: no text
    };
    let width = (to - from + 1) as usize;
    let mut row = vec![String::new(); width];
    let mut line = Vec::new();
    let put = |row: &mut Vec<String>, line: &mut Vec<u8>| {
        line.clear();
        for (i, cell) in row.iter_mut().enumerate() {
            if i > 0 {
                line.push(b';');
            }
            line.extend_from_slice(cell.as_bytes());
            cell.clear();
        }
        line.push(b'\n');
    };
    if !emit("\n".repeat(first_row as usize).as_bytes()) {
        return Err(Stop::Told);
    }
    for (col, text) in header {
        if let Some(slot) = row.get_mut((col - from) as usize) {
            *slot = text;
        }
    }
    put(&mut row, &mut line);
    if !emit(&line) {
        return Err(Stop::Told);
    }
    let mut current = first_row;
    let mut pending = next;
    while let Some((at, text)) = pending
        .take()
        .map_or_else(&mut next_value, |cell| Ok(Some(cell)))?
    {
        if at.1 < from || at.1 > to {
            return Err(Stop::Inexact);
        }
        if at.0 != current {
            if current != first_row {
                put(&mut row, &mut line);
                if !emit(&line) {
                    return Err(Stop::Told);
                }
            }
            // Rows without a value between two with values are empty lines of cells.
            let empty = format!("{}\n", ";".repeat(width - 1));
            for _ in current + 1..at.0 {
                if !emit(empty.as_bytes()) {
                    return Err(Stop::Told);
                }
            }
            current = at.0;
        }
        if let Some(slot) = row.get_mut((at.1 - from) as usize) {
            *slot = text;
        }
    }
    if current != first_row {
        put(&mut row, &mut line);
        if !emit(&line) {
            return Err(Stop::Told);
        }
    }
    Ok(())
}
