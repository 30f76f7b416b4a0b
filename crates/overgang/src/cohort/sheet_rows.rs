//! A streamed sheet's rows read straight from its cells (feature `spreadsheet`): the rows of
//! its CSV text read back, without making the text ([`SheetStream::rows`], and the streamed
//! report's reader of sheets). The participants' sheet's rows are made ahead on a thread.

use super::sheet_cells::SheetCells;
use super::sheet_layout::{Inexact, RowBatch, SheetText};
use super::sheet_stream::{open_part_owned, SheetStream};
use std::io::{self, Read};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Arc;

impl SheetStream {
    /// The sheet's rows read straight from its cells: the cells reading its CSV text
    /// ([`Self::open`]) back would give, without making that text. The participants' sheet's
    /// rows are made ahead, on a thread of their own, once the first is asked for.
    ///
    /// # Errors
    /// When the sheet cannot be read, or not exactly as [`super::sheet::read_workbook`]
    /// reads it (read the workbook whole).
    pub(crate) fn row_source(&self) -> Result<SheetRows, Inexact> {
        let part = open_part_owned(&self.open, &self.path)?;
        let mut cells = SheetCells::new(part, Arc::clone(&self.book));
        let mut text = SheetText::default();
        let mut header = Vec::new();
        text.step(&mut cells, &mut header)?;
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

/// Rows made at a time: a batch made ahead is handed from thread to thread, and each handing
/// on may wake a sleeping thread (128 rows a batch left the participants' reader idle a fifth
/// of the time; 1 024 is 12 ms faster on 100 000 participants, 4 096 no faster).
const BATCH_ROWS: usize = 1024;

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
        if !text.step(cells, &mut batch)? {
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
