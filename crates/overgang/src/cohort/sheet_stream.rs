//! A workbook's sheets read while each sheet's XML is decompressed (xlsx, feature
//! `spreadsheet`), for the streamed report ([`super::Cohort::stream_report_from_csv`]): no sheet
//! is held whole, as [`super::sheet::read_workbook`] holds it. Each sheet gives its CSV text
//! ([`SheetStream::open`]) or its rows, the cells of reading that text back
//! ([`SheetStream::rows`], `cohort/sheet_rows.rs`), by one layout (`cohort/sheet_layout.rs`).
//!
//! The text is exactly that of `read_workbook`: the cells are read by a reader of plain sheet
//! XML (`cohort/sheet_cells.rs`) that reads the workbook's parts and cells as calamine (behind
//! `read_workbook`) reads them, and refuses anything else. A sheet that cannot be made exactly
//! (XML the reader does not take, a cell out of order, a value left or right of the header)
//! stops its reader with an error, and the caller reads the workbook whole. Property tests
//! (`tests/sheet_stream.rs`) hold the two readers to the same text and rows, on random cells
//! and on broken XML.

use super::csv::{kind_of_with, CsvOptions, Kind};
use super::sheet::{header_known, unzipped_bytes};
use super::sheet_book::{open_part, Book};
use super::sheet_cells::SheetCells;
use super::sheet_layout::SheetText;
pub use super::sheet_rows::CellRows;
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

/// A sheet of a workbook, read as CSV text or as rows while its XML is read.
#[derive(Clone)]
pub struct SheetStream {
    name: String,
    pub(super) open: OpenWorkbook,
    pub(super) book: Arc<Book>,
    pub(super) path: String,
    /// Made on a thread of its own, ahead of its reader: the participants' sheet, which is
    /// read alone (the other sheets are read at once, one on each core).
    pub(super) ahead: bool,
    /// The size of the sheet's XML, unzipped.
    pub(super) size: u64,
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
pub(super) fn open_part_owned(
    open: &OpenWorkbook,
    path: &str,
) -> Result<Box<dyn Read + Send>, Unread> {
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
            size: open_part(&mut zip, path).ok()??.size(),
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
