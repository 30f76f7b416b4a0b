//! A sheet's cells read from its XML as it is decompressed (feature `spreadsheet`), each given
//! as the CSV text calamine's cell reader gives it ([`super::sheet::cell_csv`]), for the
//! streamed sheets ([`super::sheet_stream`]). Plain cells only: a number, a shared or inline
//! string (rich text too), a formula's text or number, yes/no. An error or ISO date cell, a
//! cell reference or value this reader does not take is [`Unread`] (the workbook is read
//! whole).

use super::sheet::{push_cell_csv, push_csv_text};
use super::sheet_book::{read_string, Book, NumberFormat};
use super::sheet_xml::{plain_value_end, unescape, Scan, TagKind, Unread};
use calamine::{Data, ExcelDateTime, ExcelDateTimeType};
use std::collections::HashMap;
use std::io::Read;
use std::ops::Range;
use std::sync::Arc;

/// The value of the cell just read.
#[derive(Debug, Clone, Copy)]
enum Value {
    Empty,
    Shared(usize),
    Bool(bool),
    /// Text, in `SheetCells::text`.
    Text,
    /// A whole number of at most 15 digits, as written (written again without its leading
    /// zeros, as the number calamine reads is written).
    Digits(u64),
    Number(f64, Option<NumberFormat>),
}

/// What a cell's `t` attribute says it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CellType {
    /// No `t`: a number, or text when it is not one.
    Unsaid,
    Number,
    Shared,
    FormulaText,
    Bool,
    /// Text in `<is>`; a `<v>` in such a cell is not read.
    Inline,
}

/// Dates kept as their text, by value: a sheet has few distinct dates and many date cells.
const DATES_KEPT: usize = 4096;

/// A sheet's cells, read from its XML part.
pub(crate) struct SheetCells<R> {
    xml: Scan<R>,
    book: Arc<Book>,
    started: bool,
    row: u32,
    col: u32,
    value: Value,
    text: String,
    dates: HashMap<(u64, bool), Box<str>, foldhash::fast::RandomState>,
}

impl<R: Read> SheetCells<R> {
    /// The cells of the sheet part `xml` of `book`.
    pub(crate) fn new(xml: R, book: Arc<Book>) -> Self {
        Self {
            xml: Scan::new(xml),
            book,
            started: false,
            row: 0,
            col: 0,
            value: Value::Empty,
            text: String::new(),
            dates: HashMap::default(),
        }
    }

    /// Reads up to the sheet's data (`<sheetData>`), checking its dimension as calamine does.
    fn start(&mut self) -> Result<(), Unread> {
        loop {
            let tag = self.xml.next_tag()?.ok_or(Unread)?;
            if tag.kind != TagKind::Open {
                continue;
            }
            match self.xml.local_name(&tag) {
                b"sheetData" => return Ok(()),
                b"dimension" => {
                    let range = self.xml.attr(&tag, b"ref")?.ok_or(Unread)?;
                    let mut parts = range.split(|&b| b == b':');
                    let count = parts.clone().count();
                    if count > 2 || !parts.all(|p| cell_ref(p).is_some()) {
                        return Err(Unread);
                    }
                }
                _ => {}
            }
        }
    }

    /// Reads a cell (its `<c>` just opened): its position and value.
    fn cell(&mut self, tag: &super::sheet_xml::Tag) -> Result<(u32, u32), Unread> {
        let (mut r, mut s, mut t) = (None, None, None);
        self.xml.attrs(tag, |name, value| {
            match name {
                b"r" if r.is_none() => r = Some(value),
                b"s" if s.is_none() => s = Some(value),
                b"t" if t.is_none() => t = Some(value),
                _ => {}
            }
            true
        })?;
        let at = r.map(|r| cell_ref(r).ok_or(Unread)).transpose()?;
        let style = s.map(|s| digits(s).ok_or(Unread)).transpose()?;
        let (at, kind, format) = begin(&self.book, self.row, &mut self.col, at, style, t)?;
        self.value = Value::Empty;
        loop {
            let child = self.xml.next_tag()?.ok_or(Unread)?;
            match (child.kind, self.xml.name(&child)) {
                (TagKind::Open, b"v") => {
                    let text = self.xml.text()?;
                    // Read before the next tag, which may move the scanner's buffer.
                    let raw = self.xml.bytes(text);
                    let whole = whole_number(raw);
                    self.value = read_value(raw, whole, kind, format, &self.book, &mut self.text)?;
                    let close = self.xml.next_tag()?.ok_or(Unread)?;
                    if (close.kind, self.xml.name(&close)) != (TagKind::Close, &b"v"[..]) {
                        return Err(Unread);
                    }
                }
                // An inline string, whatever the cell's type says.
                (TagKind::Open, b"is") => {
                    self.text.clear();
                    read_string(&mut self.xml, b"is", &mut self.text)?;
                    self.value = Value::Text;
                }
                // A formula: its value is in `<v>`, after it.
                (TagKind::Open, b"f") => {
                    self.xml.skip_element(b"f")?;
                    self.value = Value::Empty;
                }
                (TagKind::Close, b"c") => break,
                _ => return Err(Unread),
            }
        }
        self.col = self.col.checked_add(1).ok_or(Unread)?;
        Ok(at)
    }

    /// Reads a cell in its plainest form ([`PlainCell`]), the scanner's bytes ahead, as
    /// [`Self::cell`] reads it, and passes over it.
    fn plain(&mut self, cell: &PlainCell) -> Result<(u32, u32), Unread> {
        let ahead = self.xml.ahead().unwrap_or_default();
        let t = cell.t.clone().and_then(|t| ahead.get(t));
        let (at, kind, format) =
            begin(&self.book, self.row, &mut self.col, cell.at, cell.style, t)?;
        let raw = ahead.get(cell.v.clone()).unwrap_or_default();
        self.value = read_value(raw, cell.whole, kind, format, &self.book, &mut self.text)?;
        self.xml.pass(cell.len);
        self.col = self.col.checked_add(1).ok_or(Unread)?;
        Ok(at)
    }
}

impl<R: Read> SheetCells<R> {
    /// The next cell with a value, in the sheet's order: its (row, column), counted from 0;
    /// `None` at the end.
    pub(crate) fn next_value(&mut self) -> Result<Option<(u32, u32)>, Unread> {
        if !self.started {
            self.start()?;
            self.started = true;
        }
        loop {
            if let Some(cell) = self.xml.ahead().and_then(plain_cell) {
                let at = self.plain(&cell)?;
                if !matches!(self.value, Value::Empty) {
                    return Ok(Some(at));
                }
                continue;
            }
            if let Some(r) = self.xml.plain_row() {
                if let Some(r) = r {
                    self.row = row_number(self.xml.bytes(r)).ok_or(Unread)?;
                }
                continue;
            }
            if self.xml.plain_row_end() {
                self.row = self.row.checked_add(1).ok_or(Unread)?;
                self.col = 0;
                continue;
            }
            let tag = self.xml.next_tag()?.ok_or(Unread)?;
            match (tag.kind, self.xml.name(&tag)) {
                (TagKind::Open, b"row") => {
                    if let Some(r) = self.xml.attr(&tag, b"r")? {
                        self.row = row_number(r).ok_or(Unread)?;
                    }
                }
                (TagKind::Close, b"row") => {
                    self.row = self.row.checked_add(1).ok_or(Unread)?;
                    self.col = 0;
                }
                (TagKind::Open, b"c") => {
                    let at = self.cell(&tag)?;
                    if !matches!(self.value, Value::Empty) {
                        return Ok(Some(at));
                    }
                }
                (TagKind::Close, b"sheetData") => return Ok(None),
                _ => return Err(Unread),
            }
        }
    }

    /// Appends the text of the cell [`Self::next_value`] gave to `out`, as the CSV text
    /// [`Self::write_value`] writes reads back (not quoted); gives the length of that CSV text.
    pub(crate) fn write_text(&mut self, out: &mut Vec<u8>) -> usize {
        match self.value {
            Value::Shared(i) => {
                let csv = self.book.string_csv(i);
                // Quoted (a text holding a separator, a quote or a line break): unquoted.
                match csv.strip_prefix(b"\"").and_then(|c| c.strip_suffix(b"\"")) {
                    Some(inner) => {
                        let mut rest = inner;
                        while let Some(q) = rest.iter().position(|&b| b == b'"') {
                            out.extend_from_slice(rest.get(..=q).unwrap_or_default());
                            rest = rest.get(q + 2..).unwrap_or_default();
                        }
                        out.extend_from_slice(rest);
                    }
                    None => out.extend_from_slice(csv),
                }
                csv.len()
            }
            Value::Text => {
                out.extend_from_slice(self.text.as_bytes());
                let quotes = self.text.bytes().filter(|&b| b == b'"').count();
                let quoted = quotes > 0 || self.text.contains([';', '\n', '\r']);
                self.text.len() + if quoted { 2 + quotes } else { 0 }
            }
            // Numbers, dates and yes/no: never quoted.
            _ => {
                let before = out.len();
                self.write_value(out);
                out.len() - before
            }
        }
    }

    /// Appends the CSV text of the cell [`Self::next_value`] gave to `out`.
    pub(crate) fn write_value(&mut self, out: &mut Vec<u8>) {
        match self.value {
            Value::Empty => {}
            Value::Shared(i) => out.extend_from_slice(self.book.string_csv(i)),
            Value::Bool(b) => out.extend_from_slice(if b { b"true" } else { b"false" }),
            Value::Text => push_csv_text(&self.text, out),
            Value::Digits(n) => {
                let mut buf = [0u8; 20];
                out.extend_from_slice(crate::json::decimal_digits(n, &mut buf).as_bytes());
            }
            Value::Number(n, format) => {
                let kind = match format {
                    Some(NumberFormat::DateTime) => ExcelDateTimeType::DateTime,
                    Some(NumberFormat::TimeDelta) => ExcelDateTimeType::TimeDelta,
                    _ => return push_cell_csv(&Data::Float(n), out),
                };
                let delta = kind == ExcelDateTimeType::TimeDelta;
                if let Some(text) = self.dates.get(&(n.to_bits(), delta)) {
                    return out.extend_from_slice(text.as_bytes());
                }
                let mut text = Vec::new();
                let date = ExcelDateTime::new(n, kind, self.book.is_1904);
                push_cell_csv(&Data::DateTime(date), &mut text);
                out.extend_from_slice(&text);
                if self.dates.len() >= DATES_KEPT {
                    self.dates.clear();
                }
                if let Ok(text) = String::from_utf8(text) {
                    self.dates.insert((n.to_bits(), delta), text.into());
                }
            }
        }
    }
}

/// The value of a `<v>` holding `raw` (`whole`: its [`whole_number`]), of a cell of type `kind`
/// and number format `format`; text goes to `text`.
#[inline(always)]
fn read_value(
    raw: &[u8],
    whole: Option<u64>,
    kind: CellType,
    format: Option<NumberFormat>,
    book: &Book,
    text: &mut String,
) -> Result<Value, Unread> {
    if raw.is_empty() {
        return Err(Unread);
    }
    Ok(match kind {
        CellType::Shared => {
            let i = digits(raw).ok_or(Unread)?;
            if i >= book.string_count() {
                return Err(Unread);
            }
            Value::Shared(i)
        }
        CellType::Inline => return Err(Unread),
        CellType::Bool => match raw {
            b"0" => Value::Bool(false),
            b"1" => Value::Bool(true),
            _ => return Err(Unread),
        },
        CellType::FormulaText => {
            text.clear();
            unescape(raw, text)?;
            Value::Text
        }
        CellType::Number | CellType::Unsaid => {
            if let Some(n) = whole {
                return Ok(match format {
                    None | Some(NumberFormat::Other) => Value::Digits(n),
                    // Exact in a float, as the text's parse gives it.
                    _ => Value::Number(n as f64, format),
                });
            }
            let number = std::str::from_utf8(raw).map_err(|_| Unread)?;
            match number.parse::<f64>() {
                Ok(n) => Value::Number(n, format),
                Err(_) if kind == CellType::Unsaid => {
                    text.clear();
                    unescape(raw, text)?;
                    Value::Text
                }
                Err(_) => return Err(Unread),
            }
        }
    })
}

/// A cell's position, type and number format.
type CellStart = ((u32, u32), CellType, Option<NumberFormat>);

/// A cell's position, type and number format by its reference `at` (attribute `r`), style
/// `style` (`s`) and attribute `t`, in row `row` after column `col` (set to the cell's).
#[inline(always)]
fn begin(
    book: &Book,
    row: u32,
    col: &mut u32,
    at: Option<(u32, u32)>,
    style: Option<usize>,
    t: Option<&[u8]>,
) -> Result<CellStart, Unread> {
    let at = match at {
        Some(at) => {
            *col = at.1;
            at
        }
        None => (row, *col),
    };
    let format = match style {
        Some(style) => book.formats.get(style).copied(),
        None => Some(NumberFormat::Other),
    };
    let kind = match t {
        None => CellType::Unsaid,
        Some(b"n") => CellType::Number,
        Some(b"s") => CellType::Shared,
        Some(b"str") => CellType::FormulaText,
        Some(b"b") => CellType::Bool,
        Some(b"inlineStr") => CellType::Inline,
        Some(_) => return Err(Unread),
    };
    Ok((at, kind, format))
}

/// A cell in its plainest form, whole in the scanner's bytes ahead:
/// `<c r=".." s=".." t=".."><v>..</v></c>`, attributes in any order, each there or not, and
/// none other. Its reference and style are read as the bytes are scanned, once (reading a
/// sheet is mostly this); anything else, or a reference or style that [`cell_ref`] or
/// [`digits`] would not read, is left to the tag reader, which reads or refuses it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct PlainCell {
    at: Option<(u32, u32)>,
    style: Option<usize>,
    t: Option<Range<usize>>,
    v: Range<usize>,
    /// The value's [`whole_number`].
    whole: Option<u64>,
    /// The bytes the cell takes.
    len: usize,
}

/// The [`PlainCell`] at the start of `bytes`, if there is one.
#[inline(always)]
fn plain_cell(bytes: &[u8]) -> Option<PlainCell> {
    if !bytes.starts_with(b"<c ") {
        return None;
    }
    let mut cell = PlainCell::default();
    let mut i = 3;
    loop {
        match *bytes.get(i)? {
            b' ' => i += 1,
            b'>' => break,
            name => {
                // `r="..."`, `s="..."` or `t="..."` after a space, each once.
                if bytes.get(i - 1) != Some(&b' ') || bytes.get(i + 1..i + 3)? != b"=\"" {
                    return None;
                }
                let from = i + 3;
                let end = match name {
                    b'r' if cell.at.is_none() => {
                        let (at, end) = plain_ref(bytes, from)?;
                        cell.at = Some(at);
                        end
                    }
                    b's' if cell.style.is_none() => {
                        let (style, end) = plain_digits(bytes, from)?;
                        cell.style = Some(style);
                        end
                    }
                    b't' if cell.t.is_none() => {
                        let end = plain_value_end(bytes, from)?;
                        cell.t = Some(from..end);
                        end
                    }
                    _ => return None,
                };
                i = end + 1;
                if !matches!(bytes.get(i), Some(b' ' | b'>')) {
                    return None;
                }
            }
        }
    }
    // `<v>...</v></c>`, the value without markup, its digits read as they are scanned.
    let from = i + 1 + 3;
    if bytes.get(i + 1..from)? != b"<v>" {
        return None;
    }
    let (mut end, mut n, mut all_digits) = (from, 0u64, true);
    loop {
        let b = *bytes.get(end)?;
        if b == b'<' {
            break;
        }
        if end - from >= 64 {
            return None;
        }
        all_digits &= b.is_ascii_digit();
        n = n
            .wrapping_mul(10)
            .wrapping_add(u64::from(b.wrapping_sub(b'0')));
        end += 1;
    }
    if bytes.get(end..end + 8)? != b"</v></c>" {
        return None;
    }
    cell.whole = (all_digits && end - from <= 15).then_some(n);
    cell.v = from..end;
    cell.len = end + 8;
    Some(cell)
}

/// A cell reference (as [`cell_ref`] reads it) from `from` to its closing `"`, and where that
/// is; `None` for anything else.
#[inline(always)]
fn plain_ref(bytes: &[u8], from: usize) -> Option<((u32, u32), usize)> {
    ref_at(bytes, from).filter(|&(_, end)| bytes.get(end) == Some(&b'"'))
}

/// A whole number of 1 to 9 ASCII digits (as [`digits`] reads it) from `from` to a closing
/// `"`, and where that is; `None` for anything else.
#[inline(always)]
fn plain_digits(bytes: &[u8], from: usize) -> Option<(usize, usize)> {
    digits_at(bytes, from).filter(|&(_, end)| bytes.get(end) == Some(&b'"'))
}

/// A `<v>`'s text as a whole number, when it is at most 15 ASCII digits (written again without
/// its leading zeros, as the number calamine reads is written).
fn whole_number(raw: &[u8]) -> Option<u64> {
    (raw.len() <= 15 && raw.iter().all(u8::is_ascii_digit))
        .then(|| raw.iter().fold(0u64, |n, &b| n * 10 + u64::from(b - b'0')))
}

/// A whole number written in at most 9 ASCII digits.
#[inline(always)]
fn digits(bytes: &[u8]) -> Option<usize> {
    let (n, end) = digits_at(bytes, 0)?;
    (end == bytes.len()).then_some(n)
}

/// The 1 to 9 ASCII digits from `from` on, as a number, and where they end; `None` when there
/// are none or more.
#[inline(always)]
fn digits_at(bytes: &[u8], from: usize) -> Option<(usize, usize)> {
    let mut n = 0usize;
    let mut i = from;
    while let Some(&b) = bytes.get(i).filter(|b| b.is_ascii_digit()) {
        if i - from == 9 {
            return None;
        }
        n = n * 10 + usize::from(b - b'0');
        i += 1;
    }
    (i > from).then_some((n, i))
}

/// A row's number (`r="12"`), counted from 0.
#[inline(always)]
fn row_number(bytes: &[u8]) -> Option<u32> {
    row_from_number(digits(bytes)?)
}

/// A row's number as written (from 1), counted from 0.
#[inline(always)]
fn row_from_number(n: usize) -> Option<u32> {
    u32::try_from(n.checked_sub(1)?).ok()
}

/// A cell reference (`B12`): its (row, column), counted from 0; letters then digits only.
#[inline(always)]
fn cell_ref(bytes: &[u8]) -> Option<(u32, u32)> {
    let (at, end) = ref_at(bytes, 0)?;
    (end == bytes.len()).then_some(at)
}

/// A cell reference from `from` on (1 to 3 letters, then a row's 1 to 9 digits): its (row,
/// column), counted from 0, and where it ends.
#[inline(always)]
fn ref_at(bytes: &[u8], from: usize) -> Option<((u32, u32), usize)> {
    let mut col = 0u32;
    let mut i = from;
    while let Some(b) = bytes.get(i).filter(|b| b.is_ascii_alphabetic()) {
        col = col * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1;
        i += 1;
        if i - from > 3 {
            return None;
        }
    }
    if i == from {
        return None;
    }
    let (row, end) = digits_at(bytes, i)?;
    Some(((row_from_number(row)?, col - 1), end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_read_as_calamine_reads_them() {
        assert_eq!(cell_ref(b"A1"), Some((0, 0)));
        assert_eq!(cell_ref(b"c107"), Some((106, 2)));
        assert_eq!(cell_ref(b"AB3"), Some((2, 27)));
        assert_eq!(cell_ref(b"A0"), None);
        assert_eq!(cell_ref(b"1A"), None);
        assert_eq!(cell_ref(b"A"), None);
        assert_eq!(cell_ref(b"ABCD1"), None);
        assert_eq!(cell_ref(b"A1234567890"), None);
        assert_eq!(cell_ref(b"A123456789"), Some((123_456_788, 0)));
        assert_eq!(cell_ref(b"A01"), Some((0, 0)));
        assert_eq!(cell_ref(b"A000"), None);
        assert_eq!(cell_ref(b"A1B"), None);
        assert_eq!(cell_ref(b"XFD1"), Some((0, 16_383)));
        assert_eq!(row_number(b"7"), Some(6));
        assert_eq!(row_number(b"0"), None);
        assert_eq!(digits(b"123456789"), Some(123_456_789));
        for not_digits in [&b""[..], b"1234567890", b"1a", b"-1", b" 1"] {
            assert_eq!(digits(not_digits), None);
        }
    }

    proptest::proptest! {
        /// The plain cell's reference, style and number, read as the bytes are scanned, are
        /// those the tag reader's functions read; and every cell those read is plain.
        #[test]
        fn a_plain_cell_is_read_as_the_tag_reader_reads_it(
            r in "[A-Za-z]{0,5}[0-9]{0,11}[x\"]?",
            s in "[0-9]{0,11}",
            v in "[0-9]{0,17}[.e]?[0-9]?",
            t in proptest::option::of("[a-z]{1,3}"),
            order in proptest::bool::ANY,
        ) {
            let t_attr = t.as_ref().map(|t| format!(" t=\"{t}\"")).unwrap_or_default();
            let attrs = if order {
                format!("r=\"{r}\" s=\"{s}\"{t_attr}")
            } else {
                format!("s=\"{s}\"{t_attr} r=\"{r}\"")
            };
            let xml = format!("<c {attrs}><v>{v}</v></c><c>");
            let bytes = xml.as_bytes();
            let readable = cell_ref(r.as_bytes()).is_some() && digits(s.as_bytes()).is_some();
            match plain_cell(bytes) {
                Some(cell) => {
                    proptest::prop_assert_eq!(cell.at, cell_ref(r.as_bytes()));
                    proptest::prop_assert_eq!(cell.style, digits(s.as_bytes()));
                    proptest::prop_assert_eq!(&bytes[cell.v.clone()], v.as_bytes());
                    proptest::prop_assert_eq!(cell.whole, whole_number(v.as_bytes()));
                    proptest::prop_assert_eq!(cell.t.map(|t| &bytes[t]), t.as_ref().map(|t| t.as_bytes()));
                    proptest::prop_assert_eq!(cell.len, xml.len() - "<c>".len());
                }
                None => proptest::prop_assert!(!readable, "{}", xml),
            }
        }
    }

    type Texts = Vec<((u32, u32), String)>;

    fn texts(sheet: &str, book: &Book) -> Result<Texts, Unread> {
        let mut cells = SheetCells::new(sheet.as_bytes(), Arc::new(book.clone()));
        let mut out = Vec::new();
        while let Some(at) = cells.next_value()? {
            let mut text = Vec::new();
            cells.write_value(&mut text);
            out.push((at, String::from_utf8(text).unwrap()));
        }
        Ok(out)
    }

    #[test]
    fn plain_cells_are_read_and_the_rest_is_not() {
        let book = Book::default();
        let sheet = "<worksheet><dimension ref=\"A1:C2\"/><sheetData>\
            <row r=\"1\"><c r=\"A1\"><v>007</v></c><c><v>1.5</v></c><c t=\"str\"><f>x</f><v>a;b</v></c></row>\
            <row><c r=\"B2\" t=\"b\"><v>1</v></c><c r=\"C2\"/></row></sheetData></worksheet>";
        assert_eq!(
            texts(sheet, &book).unwrap(),
            [
                ((0, 0), "7".to_string()),
                ((0, 1), "1.5".to_string()),
                ((0, 2), "\"a;b\"".to_string()),
                ((1, 1), "true".to_string()),
            ]
        );
        for unread in [
            "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>_x000D_</t></is></c></row></sheetData></worksheet>",
            "<worksheet><sheetData><row><c t=\"s\"><v>0</v></c></row></sheetData></worksheet>",
            "<worksheet><sheetData><row><c><v></v></c></row></sheetData></worksheet>",
            "<worksheet><sheetData><row><c><v>1</v></c></row>",
        ] {
            assert_eq!(texts(unread, &book), Err(Unread), "{unread}");
        }
    }
}
