//! A workbook's sheets as CSV text made while each sheet's XML is decompressed and read (xlsx,
//! feature `spreadsheet`), for the streamed report ([`super::Cohort::stream_report_from_csv`]):
//! no sheet is held whole, as [`super::sheet::read_workbook`] holds it.
//!
//! The text is exactly that of `read_workbook`. The cells are read by a reader of plain sheet
//! XML ([`super::sheet_cells`]), which reads the workbook's parts as calamine (behind
//! `read_workbook`) does, and whose first lines of every sheet are checked against calamine's
//! before anything is streamed. A sheet that cannot be made exactly (XML the reader does not
//! take, a cell out of order, a value left or right of the header) stops its reader with an
//! error, and the caller reads the workbook whole.

use super::csv::CsvOptions;
use super::sheet::{cell_csv, header_known};
use super::sheet_book::{open_part, Book};
use super::sheet_cells::{Cells, SheetCells};
use super::sheet_xml::Unread;
use calamine::{Data, Reader, Xlsx};
use std::io::{self, Read};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Arc;
use zip::ZipArchive;

/// Text handed from a sheet's reading thread at a time.
const CHUNK_BYTES: usize = 64 * 1024;

/// Pieces of text (the empty lines before the header, then lines) of each sheet compared with
/// calamine's before the workbook is streamed.
const CHECKED_PIECES: usize = 200;

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

    /// The sheet's CSV text, made on a thread of its own as the sheet is read.
    ///
    /// # Errors
    /// None when opening; reading gives an I/O error when the sheet cannot be read, or not
    /// exactly as [`super::sheet::read_workbook`] reads it (then read the workbook whole).
    pub fn open(&self) -> io::Result<Box<dyn Read + Send>> {
        let (tx, rx) = sync_channel::<Option<Vec<u8>>>(4);
        let this = self.clone();
        std::thread::Builder::new()
            .name("overgang-sheet".into())
            .spawn(move || {
                let mut chunk = Vec::with_capacity(CHUNK_BYTES);
                let whole = this.with_cells(&mut |cells| {
                    convert(cells, &mut |text: &[u8]| {
                        chunk.extend_from_slice(text);
                        if chunk.len() >= CHUNK_BYTES {
                            let full =
                                std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK_BYTES));
                            return tx.send(Some(full)).is_ok();
                        }
                        true
                    })
                });
                // What is left, or `None`: the sheet could not be made exactly.
                let _ = match whole {
                    Ok(()) => tx.send(Some(chunk)),
                    Err(_) => tx.send(None),
                };
            })?;
        Ok(Box::new(Chunks {
            rx,
            chunk: Vec::new(),
            at: 0,
        }))
    }

    /// Runs `read` on the sheet's cells as its XML part is decompressed.
    fn with_cells(
        &self,
        read: &mut dyn FnMut(&mut dyn Cells) -> Result<(), Stop>,
    ) -> Result<(), Stop> {
        let mut zip = ZipArchive::new((self.open)().map_err(|_| Stop::Inexact)?)
            .map_err(|_| Stop::Inexact)?;
        let part = open_part(&mut zip, &self.path)?.ok_or(Stop::Inexact)?;
        let mut cells = SheetCells::new(part, &self.book);
        read(&mut cells)
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
    let mut calamine: Xlsx<_> = Xlsx::new(open().ok()?).ok()?;
    let book = Arc::new(Book::read(&mut ZipArchive::new(open().ok()?).ok()?).ok()?);
    let mut out = Vec::new();
    for sheet in calamine.sheet_names() {
        // The first lines as calamine reads them.
        let mut cells = calamine.worksheet_cells_reader(&sheet).ok()?;
        let next = || {
            let cell = cells.next_cell()?;
            Ok(cell.map(|c| (c.get_position(), Data::from(c.get_value().clone()))))
        };
        let theirs = first_pieces(&mut CalamineCells {
            next,
            text: String::new(),
        });
        let (Ok(pieces) | Err(pieces)) = &theirs;
        let text = String::from_utf8(pieces.concat()).ok()?;
        let body = text.trim_start_matches('\n');
        if body.is_empty() || !header_known(body, options) {
            continue; // a sheet the readers pass over
        }
        let stream = SheetStream {
            name: format!("{name}:{sheet}"),
            open: Arc::clone(&open),
            book: Arc::clone(&book),
            path: book.sheet_path(&sheet)?.to_string(),
        };
        // ... and as the sheet is streamed: the same, or the sheet is read whole.
        let mut ours = None;
        stream
            .with_cells(&mut |cells| {
                ours = Some(first_pieces(cells));
                Ok(())
            })
            .ok()?;
        if ours? != theirs {
            return None;
        }
        out.push(stream);
    }
    (!out.is_empty()).then_some(out)
}

/// The first [`CHECKED_PIECES`] pieces of a sheet's text, or those before it was found that
/// the sheet cannot be made exactly.
fn first_pieces(cells: &mut dyn Cells) -> Result<Vec<Vec<u8>>, Vec<Vec<u8>>> {
    let mut pieces = Vec::new();
    let made = convert(cells, &mut |text| {
        pieces.push(text.to_vec());
        pieces.len() < CHECKED_PIECES
    });
    match made {
        Ok(()) | Err(Stop::Told) => Ok(pieces),
        Err(Stop::Inexact) => Err(pieces),
    }
}

/// A sheet's cells as calamine's cell reader gives them, by `next`: the next cell's position
/// and value.
struct CalamineCells<N> {
    next: N,
    text: String,
}

/// A cell's position and value.
type CalamineCell = Option<((u32, u32), Data)>;

impl<N: FnMut() -> Result<CalamineCell, calamine::XlsxError>> Cells for CalamineCells<N> {
    fn next_value(&mut self) -> Result<Option<(u32, u32)>, Unread> {
        loop {
            let Some((at, value)) = (self.next)().map_err(|_| Unread)? else {
                return Ok(None);
            };
            if value != Data::Empty {
                self.text = cell_csv(&value);
                return Ok(Some(at));
            }
        }
    }

    fn write_value(&mut self, out: &mut Vec<u8>) {
        out.extend_from_slice(self.text.as_bytes());
    }
}

/// Why a sheet's text stopped.
enum Stop {
    /// The sheet cannot be made exactly while streaming (or cannot be read).
    Inexact,
    /// `emit` said to stop.
    Told,
}

impl From<Unread> for Stop {
    fn from(_: Unread) -> Self {
        Self::Inexact
    }
}

/// Makes the sheet's CSV text as `read_workbook` makes it (the lines before the first row with
/// a value left empty, then each row from the first to the last with a value, the columns from
/// the first to the last with a value), handing it to `emit` piece by piece (the empty lines
/// before the header, then line by line) while `emit` says to go on.
fn convert(cells: &mut dyn Cells, emit: &mut dyn FnMut(&[u8]) -> bool) -> Result<(), Stop> {
    let mut last: Option<(u32, u32)> = None;
    let mut ended = false;
    // The next cell with a value, strictly after the one before (row by row, left to right);
    // `None` at the sheet's end, after which the reader is not asked again.
    let mut next = |cells: &mut dyn Cells| -> Result<Option<(u32, u32)>, Stop> {
        if ended {
            return Ok(None);
        }
        let at = cells.next_value()?;
        ended = at.is_none();
        if let Some(at) = at {
            if last.is_some_and(|l| at <= l) {
                return Err(Stop::Inexact);
            }
            last = Some(at);
        }
        Ok(at)
    };
    let mut line = Vec::new();
    // The header row: the first row with a value; its columns are the sheet's.
    let Some((first_row, from)) = next(cells)? else {
        return Ok(()); // an empty sheet: no text
    };
    if !emit("\n".repeat(first_row as usize).as_bytes()) {
        return Err(Stop::Told);
    }
    cells.write_value(&mut line);
    let mut to = from;
    let mut pending = None;
    while let Some(at) = next(cells)? {
        if at.0 != first_row {
            pending = Some(at);
            break;
        }
        line.resize(line.len() + (at.1 - to) as usize, b';');
        cells.write_value(&mut line);
        to = at.1;
    }
    line.push(b'\n');
    if !emit(&line) {
        return Err(Stop::Told);
    }
    let seps = (to - from) as usize;
    let mut current = first_row;
    // Separators written in the line being made.
    let mut written = 0usize;
    line.clear();
    while let Some(at) = pending
        .take()
        .map_or_else(|| next(cells), |at| Ok(Some(at)))?
    {
        if at.1 < from || at.1 > to {
            return Err(Stop::Inexact);
        }
        if at.0 != current {
            if current != first_row {
                line.resize(line.len() + seps - written, b';');
                line.push(b'\n');
                if !emit(&line) {
                    return Err(Stop::Told);
                }
                line.clear();
            }
            // Rows without a value between two with values are empty lines of cells.
            let empty = format!("{}\n", ";".repeat(seps));
            for _ in current + 1..at.0 {
                if !emit(empty.as_bytes()) {
                    return Err(Stop::Told);
                }
            }
            current = at.0;
            written = 0;
        }
        let slot = (at.1 - from) as usize;
        line.resize(line.len() + slot - written, b';');
        written = slot;
        cells.write_value(&mut line);
    }
    if current != first_row {
        line.resize(line.len() + seps - written, b';');
        line.push(b'\n');
        if !emit(&line) {
            return Err(Stop::Told);
        }
    }
    Ok(())
}
