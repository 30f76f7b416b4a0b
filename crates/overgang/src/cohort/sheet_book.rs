//! The parts of an xlsx workbook that its sheets' cells are read with (feature
//! `spreadsheet`): where each sheet is, the shared strings, which cell styles are dates, and
//! the date system. Read as calamine reads them ([`super::sheet::read_workbook`] uses calamine),
//! so that a streamed sheet ([`super::sheet_stream`]) gives the same text; a part written in
//! a way this reader does not take is [`Unread`] and the workbook is read whole.

use super::sheet::push_csv_text;
use super::sheet_xml::{unescape, Scan, TagKind, Unread};
use std::collections::BTreeMap;
use std::io::{Read, Seek};
use zip::result::ZipError;
use zip::ZipArchive;

/// How a number cell's style shows it: as a number, a date and time, or a duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberFormat {
    /// A number.
    Other,
    /// A date (and time).
    DateTime,
    /// A duration (`[h]:mm`).
    TimeDelta,
}

/// A workbook's parts, read once and shared by the threads reading its sheets.
#[derive(Debug, Default, Clone)]
pub(crate) struct Book {
    /// Each sheet's name and its part's path in the archive, in the workbook's order.
    sheets: Vec<(String, String)>,
    /// The shared strings as CSV cells (quoted where the CSV text needs it), one after another.
    strings: Vec<u8>,
    /// Where each shared string ends in `strings`.
    string_ends: Vec<usize>,
    /// Each cell style's number format, by the style's index.
    pub(crate) formats: Vec<NumberFormat>,
    /// Whether dates count from 1904 (old Mac workbooks) rather than 1900.
    pub(crate) is_1904: bool,
}

impl Book {
    /// The parts of the workbook in `zip`.
    pub(crate) fn read<R: Read + Seek>(zip: &mut ZipArchive<R>) -> Result<Self, Unread> {
        let mut book = Self::default();
        let relationships = read_relationships(zip)?;
        read_workbook(zip, &relationships, &mut book)?;
        read_styles(zip, &mut book)?;
        read_shared_strings(zip, &mut book)?;
        Ok(book)
    }

    /// Each sheet's name and its part's path in the archive, in the workbook's order.
    pub(crate) fn sheets(&self) -> impl Iterator<Item = (&str, &str)> {
        self.sheets.iter().map(|(n, p)| (n.as_str(), p.as_str()))
    }

    /// The number of shared strings.
    pub(crate) fn string_count(&self) -> usize {
        self.string_ends.len()
    }

    /// Shared string `i` as a CSV cell.
    pub(crate) fn string_csv(&self, i: usize) -> &[u8] {
        let start = i
            .checked_sub(1)
            .and_then(|j| self.string_ends.get(j))
            .copied()
            .unwrap_or(0);
        let end = self.string_ends.get(i).copied().unwrap_or(start);
        self.strings.get(start..end).unwrap_or_default()
    }
}

/// A part of the archive, decompressed as it is read, by its path (matched as calamine matches it: without regard
/// to case, `\` taken as `/`); `None` when the archive has no such part.
pub(crate) fn open_part<'z, R: Read + Seek>(
    zip: &'z mut ZipArchive<R>,
    path: &str,
) -> Result<Option<zip::read::ZipFile<'z, R>>, Unread> {
    let name = zip
        .file_names()
        .find(|n| path.eq_ignore_ascii_case(&n.replace('\\', "/")))
        .unwrap_or(path)
        .to_string();
    match zip.by_name(&name) {
        Ok(file) => Ok(Some(file)),
        Err(ZipError::FileNotFound) => Ok(None),
        Err(_) => Err(Unread),
    }
}

/// Text of an attribute value, entities left as they are (calamine decodes these so).
fn raw_text(value: &[u8]) -> Result<String, Unread> {
    String::from_utf8(value.to_vec()).map_err(|_| Unread)
}

/// `xl/_rels/workbook.xml.rels`: each relationship's target by its id.
fn read_relationships<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
) -> Result<BTreeMap<Vec<u8>, String>, Unread> {
    let mut xml = open_part(zip, "xl/_rels/workbook.xml.rels")?
        .map(Scan::new)
        .ok_or(Unread)?;
    let mut relationships = BTreeMap::new();
    loop {
        let tag = xml.next_tag()?.ok_or(Unread)?;
        match (tag.kind, xml.local_name(&tag)) {
            (TagKind::Open, b"Relationship") => {
                let id = xml.attr(&tag, b"Id")?.unwrap_or_default().to_vec();
                let target = raw_text(xml.attr(&tag, b"Target")?.unwrap_or_default())?;
                relationships.insert(id, target);
            }
            (TagKind::Close, b"Relationships") => return Ok(relationships),
            _ => {}
        }
    }
}

/// `xl/workbook.xml`: the sheets' names and paths, and the date system.
fn read_workbook<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    relationships: &BTreeMap<Vec<u8>, String>,
    book: &mut Book,
) -> Result<(), Unread> {
    let Some(mut xml) = open_part(zip, "xl/workbook.xml")?.map(Scan::new) else {
        return Ok(());
    };
    loop {
        let tag = xml.next_tag()?.ok_or(Unread)?;
        match (tag.kind, xml.local_name(&tag)) {
            (TagKind::Open, b"sheet") => {
                let mut name = String::new();
                unescape(xml.attr(&tag, b"name")?.unwrap_or_default(), &mut name)?;
                let id = match xml.attr(&tag, b"r:id")? {
                    Some(id) => Some(id),
                    None => xml.attr(&tag, b"relationships:id")?,
                };
                let target = match id {
                    Some(id) => relationships.get(id).ok_or(Unread)?.as_str(),
                    None => return Err(Unread),
                };
                let path = if let Some(rest) = target.strip_prefix('/') {
                    if !rest.starts_with("xl/") {
                        format!("xl/{target}")
                    } else {
                        rest.to_string()
                    }
                } else if target.starts_with("xl/") {
                    target.to_string()
                } else {
                    format!("xl/{target}")
                };
                if path.split('/').nth(1) != Some("worksheets") {
                    return Err(Unread); // chart and dialog sheets have no cells to read
                }
                book.sheets.push((name, path));
            }
            (TagKind::Open, _) if xml.name(&tag) == b"workbookPr" => {
                book.is_1904 = match xml.attr(&tag, b"date1904")? {
                    Some(value) => {
                        let mut text = String::new();
                        unescape(value, &mut text)?;
                        text == "1" || text == "true"
                    }
                    None => false,
                };
            }
            // A defined name's formula (print areas, filters): text not read here.
            (TagKind::Open, b"definedName") => {
                let name = xml.name(&tag).to_vec();
                xml.skip_element(&name)?;
            }
            (TagKind::Close, b"workbook") => return Ok(()),
            _ => {}
        }
    }
}

/// `xl/styles.xml`: each cell style's number format.
fn read_styles<R: Read + Seek>(zip: &mut ZipArchive<R>, book: &mut Book) -> Result<(), Unread> {
    let Some(mut xml) = open_part(zip, "xl/styles.xml")?.map(Scan::new) else {
        return Ok(());
    };
    let mut custom: BTreeMap<Vec<u8>, String> = BTreeMap::new();
    loop {
        let tag = xml.next_tag()?.ok_or(Unread)?;
        match (tag.kind, xml.local_name(&tag)) {
            (TagKind::Open, b"numFmts") => loop {
                let tag = xml.next_tag()?.ok_or(Unread)?;
                match (tag.kind, xml.local_name(&tag)) {
                    (TagKind::Open, b"numFmt") => {
                        let id = xml.attr(&tag, b"numFmtId")?.unwrap_or_default().to_vec();
                        let code = raw_text(xml.attr(&tag, b"formatCode")?.unwrap_or_default())?;
                        if !code.is_empty() {
                            custom.insert(id, code);
                        }
                    }
                    (TagKind::Close, b"numFmts") => break,
                    _ => {}
                }
            },
            (TagKind::Open, b"cellXfs") => loop {
                let tag = xml.next_tag()?.ok_or(Unread)?;
                match (tag.kind, xml.local_name(&tag)) {
                    (TagKind::Open, b"xf") => {
                        let format = match xml.attr(&tag, b"numFmtId")? {
                            None => NumberFormat::Other,
                            Some(id) => custom
                                .get(id)
                                .map_or_else(|| builtin_format(id), |code| custom_format(code)),
                        };
                        book.formats.push(format);
                    }
                    (TagKind::Close, b"cellXfs") => break,
                    _ => {}
                }
            },
            (TagKind::Close, b"styleSheet") => return Ok(()),
            _ => {}
        }
    }
}

/// `xl/sharedStrings.xml`: the strings that text cells refer to. Only plain strings are read
/// (`<si><t>text</t></si>`) and rich text ([`read_string`]).
fn read_shared_strings<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    book: &mut Book,
) -> Result<(), Unread> {
    let Some(mut xml) = open_part(zip, "xl/sharedStrings.xml")?.map(Scan::new) else {
        return Ok(());
    };
    let mut text = String::new();
    loop {
        if let Some(raw) = xml.plain_string() {
            push_string_csv(xml.bytes(raw), &mut text, &mut book.strings)?;
            book.string_ends.push(book.strings.len());
            continue;
        }
        let tag = xml.next_tag()?.ok_or(Unread)?;
        match (tag.kind, xml.local_name(&tag)) {
            (TagKind::Open, b"si") => {
                if xml.name(&tag) != b"si" {
                    return Err(Unread);
                }
                text.clear();
                read_string(&mut xml, b"si", &mut text)?;
                push_csv_text(&text, &mut book.strings);
                book.string_ends.push(book.strings.len());
            }
            (TagKind::Close, b"sst") => return Ok(()),
            _ => {}
        }
    }
}

/// The text of a string element just opened (`<si>` of the shared strings, `<is>` of an
/// inline string), named `element`, as calamine reads it: a plain `<t>text</t>` (anything after
/// it, such as phonetic runs, is not part of the text), or rich text, the texts of its runs
/// (`<r><rPr>..</rPr><t>..</t></r>`, phonetic runs `<rPh>` left out) one after another;
/// nothing is an empty string. Excel's own escapes (`_x000D_`), a prefixed name or a string
/// element inside another are [`Unread`].
pub(crate) fn read_string<R: Read>(
    xml: &mut Scan<R>,
    element: &[u8],
    text: &mut String,
) -> Result<(), Unread> {
    let (mut rich, mut phonetic) = (false, false);
    loop {
        let tag = xml.next_tag()?.ok_or(Unread)?;
        let name = xml.name(&tag);
        if name.contains(&b':') {
            return Err(Unread);
        }
        match (tag.kind, name) {
            (TagKind::Close, name) if name == element => return Ok(()),
            (TagKind::Open, name) if name == element => return Err(Unread),
            (TagKind::Open, b"r") => rich = true,
            (TagKind::Open, b"rPh") => phonetic = true,
            (TagKind::Close, b"rPh") => phonetic = false,
            (TagKind::Open, b"t") if phonetic => xml.skip_element(b"t")?,
            (TagKind::Open, b"t") => {
                let raw = xml.text()?;
                plain_text(xml.bytes(raw), text)?;
                let close = xml.next_tag()?.ok_or(Unread)?;
                if (close.kind, xml.name(&close)) != (TagKind::Close, &b"t"[..]) {
                    return Err(Unread);
                }
                if !rich {
                    return xml.skip_element(element);
                }
            }
            // A run's formatting, phonetic properties: not text.
            _ => {}
        }
    }
}

/// Appends the CSV cell of a plain `<t>` element's text `raw` to `strings` (`text` is scratch
/// room).
fn push_string_csv(raw: &[u8], text: &mut String, strings: &mut Vec<u8>) -> Result<(), Unread> {
    // Most strings (IDs) are ASCII text that is its own CSV cell: no entity, no escape, nothing
    // to quote. The rest are read by the rules that say so.
    let as_is = |b: &u8| b.is_ascii() && !b"&\r_;\"\n".contains(b);
    if raw.iter().all(as_is) {
        strings.extend_from_slice(raw);
    } else {
        text.clear();
        plain_text(raw, text)?;
        push_csv_text(text, strings);
    }
    Ok(())
}

/// Appends the text of a `<t>` element, `raw`, to `text`: its entities replaced; Excel's own
/// escapes (`_x000D_`) are [`Unread`].
fn plain_text(raw: &[u8], text: &mut String) -> Result<(), Unread> {
    let from = text.len();
    unescape(raw, text)?;
    if text.get(from..).unwrap_or_default().contains("_x00") {
        return Err(Unread);
    }
    Ok(())
}

/// A built-in number format by its id: the dates and durations among them.
fn builtin_format(id: &[u8]) -> NumberFormat {
    match id {
        b"14" | b"15" | b"16" | b"17" | b"18" | b"19" | b"20" | b"21" | b"22" | b"45" | b"47" => {
            NumberFormat::DateTime
        }
        b"46" => NumberFormat::TimeDelta,
        _ => NumberFormat::Other,
    }
}

/// A custom number format by its code, as calamine tells dates from numbers: the first
/// section only, quoted and escaped characters and bracketed parts skipped; a date part (`d`,
/// `m`, `y`, `h`, `s`, or `a/p` after `a`) makes a date; a bracketed `[h]`, `[mm]` or `[s]` a
/// duration.
fn custom_format(code: &str) -> NumberFormat {
    let mut escaped = false;
    let mut quoted = false;
    let mut brackets = 0u8;
    let mut previous = ' ';
    let mut elapsed = false;
    let mut after_a = false;
    for c in code.chars() {
        if escaped {
            escaped = false;
        } else if c == '_' || c == '\\' {
            escaped = true;
        } else if quoted {
            quoted = c != '"';
        } else if c == '"' {
            quoted = true;
        } else if c == ';' {
            return NumberFormat::Other;
        } else if c == '[' {
            brackets = brackets.wrapping_add(1); // as calamine, built without overflow checks
        } else if c == ']' && brackets == 1 && elapsed {
            return NumberFormat::TimeDelta;
        } else if c == ']' {
            brackets = brackets.saturating_sub(1);
        } else if brackets == 0 && !after_a && matches!(c, 'a' | 'A') {
            after_a = true;
        } else if brackets == 0
            && ((after_a && "pm/PM".contains(c)) || (!after_a && "dmhysDMHYS".contains(c)))
        {
            return NumberFormat::DateTime;
        } else if !(elapsed && c.eq_ignore_ascii_case(&previous)) {
            elapsed = previous == '[' && "mhsMHS".contains(c);
        }
        previous = c;
    }
    NumberFormat::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A shared string's CSV cell is the one its text, read by the rules, gives.
        #[test]
        fn a_string_read_as_is_is_read_as_the_rules_read_it(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Z", "09", "-", " ", "_", "_x000D_", "x00", "&amp;", "&lt;", "&", ";",
                "\"", "\n", "\r", "æ",
            ]), 0..8),
            cut in proptest::bool::ANY,
        ) {
            let mut raw = pieces.concat().into_bytes();
            if cut && raw.last().is_some_and(|b| !b.is_ascii()) {
                raw.pop(); // a character cut: not UTF-8
            }
            let mut got = Vec::new();
            let read = push_string_csv(&raw, &mut String::new(), &mut got);
            let mut text = String::new();
            let expected = plain_text(&raw, &mut text).map(|()| {
                let mut out = Vec::new();
                push_csv_text(&text, &mut out);
                out
            });
            proptest::prop_assert_eq!(read.map(|()| got), expected);
        }
    }

    #[test]
    fn custom_formats_are_told_apart_as_openpyxl_tells_them() {
        use NumberFormat::{DateTime, Other, TimeDelta};
        // The cases calamine ports from openpyxl's tests (MIT).
        for (code, expected) in [
            ("DD/MM/YY", DateTime),
            ("H:MM:SS;@", DateTime),
            ("#,##0\\ [$\\u20bd-46D]", Other),
            ("m\"M\"d\"D\";@", DateTime),
            ("[h]:mm:ss", TimeDelta),
            ("\"Y: \"0.00\"m\";\"Y: \"-0.00\"m\";\"Y: <num>m\";@", Other),
            ("#,##0\\ [$''u20bd-46D]", Other),
            ("\"$\"#,##0_);[Red](\"$\"#,##0)", Other),
            ("[$-404]e\"\\xfc\"m\"\\xfc\"d\"\\xfc\"", DateTime),
            ("0_ ;[Red]\\-0\\ ", Other),
            ("\\Y000000", Other),
            ("#,##0.0####\" YMD\"", Other),
            ("[h]", TimeDelta),
            ("[ss]", TimeDelta),
            ("[s].000", TimeDelta),
            ("[m]", TimeDelta),
            ("[mm]", TimeDelta),
            ("[Blue]\\+[h]:mm;[Red]\\-[h]:mm;[Green][h]:mm", TimeDelta),
            ("[>=100][Magenta][s].00", TimeDelta),
            ("[h]:mm;[=0]\\-", TimeDelta),
            ("[>=100][Magenta].00", Other),
            ("[>=100][Magenta]General", Other),
            ("ha/p\\\\m", DateTime),
            ("#,##0.00\\ _M\"H\"_);[Red]#,##0.00\\ _M\"S\"_)", Other),
            ("yyyy-mm-dd", DateTime),
            ("0", Other),
        ] {
            assert_eq!(custom_format(code), expected, "{code}");
        }
    }

    #[test]
    fn built_in_dates_are_known_by_id() {
        assert_eq!(builtin_format(b"14"), NumberFormat::DateTime);
        assert_eq!(builtin_format(b"46"), NumberFormat::TimeDelta);
        assert_eq!(builtin_format(b"0"), NumberFormat::Other);
    }
}
