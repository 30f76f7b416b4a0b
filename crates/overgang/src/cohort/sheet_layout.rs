//! The layout of a streamed sheet (feature `spreadsheet`): which lines and cells its CSV text
//! has, as [`super::sheet::read_workbook`] makes it (the lines before the first row with a value
//! left empty, then each row from the first to the last with a value, the columns from the first
//! to the last with a value). One layout, two outputs: the CSV text itself, or each row's cells
//! (the cells of reading that text back), which the streamed report reads without the text.

use super::sheet_cells::SheetCells;
use super::sheet_xml::Unread;
use std::io::Read;

/// A sheet that cannot be read while streaming exactly as it is read whole (or cannot be
/// read): its text or rows stop, and the workbook is read whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Inexact;

impl From<Unread> for Inexact {
    fn from(_: Unread) -> Self {
        Self
    }
}

/// Makes a sheet's CSV text as `read_workbook` makes it (the lines before the first row with a
/// value left empty, then each row from the first to the last with a value, the columns from
/// the first to the last with a value), a piece at a time: the header with the lines before
/// it, then the next line (and the empty lines before it).
#[derive(Debug, Default)]
pub(super) struct SheetText {
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
    fn next(&mut self, cells: &mut SheetCells<impl Read>) -> Result<Option<(u32, u32)>, Inexact> {
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
                return Err(Inexact);
            }
            self.last = Some(at);
        }
        Ok(at)
    }

    /// Writes the next piece of text to `out`; `false` when the sheet has no more.
    pub(super) fn step<R: Read>(
        &mut self,
        cells: &mut SheetCells<R>,
        out: &mut impl Sink<R>,
    ) -> Result<bool, Inexact> {
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
                return Err(Inexact);
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
    ) -> Result<bool, Inexact> {
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
pub(super) trait Sink<R> {
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
pub(super) struct RowBatch {
    pub(super) text: Vec<u8>,
    /// Where each cell ends in `text`.
    pub(super) cell_ends: Vec<u32>,
    /// Where each row ends in `cell_ends`.
    pub(super) row_ends: Vec<u32>,
    /// The length of the CSV text these rows are read from.
    pub(super) csv_bytes: u64,
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
    pub(super) fn len(&self) -> usize {
        self.row_ends.len()
    }
}
