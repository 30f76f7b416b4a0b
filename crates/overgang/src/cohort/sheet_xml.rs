//! A strict scanner of the XML in an xlsx workbook's parts (feature `spreadsheet`), for the
//! streamed sheets ([`super::sheet_stream`]): tags and text as they arrive, in a buffer that
//! holds one tag or text at a time, with the events calamine's reader sees (an empty element
//! `<a/>` is an opening then a closing, as with quick-xml's `expand_empty_elements`).
//!
//! It reads the plain XML that spreadsheet programs write and nothing else: a comment, CDATA,
//! a document type, an attribute that is not `name="value"`, a `<` inside a tag, text between
//! elements (other than whitespace, and but for the elements that hold text), a closing tag
//! with no element open, or a tag or text larger than [`MAX_PIECE`] is [`Unread`], and the
//! caller reads the workbook whole with calamine. So it never needs to agree with calamine on
//! XML it does not read; a property test breaks workbooks' XML at any byte to hold it to that.

use std::io::Read;
use std::ops::Range;

/// The largest tag or text kept at once: plain sheets have tags of tens of bytes.
pub(crate) const MAX_PIECE: usize = 1 << 20;

/// Bytes asked of the source at a time.
const READ_BYTES: usize = 64 * 1024;

/// XML this scanner does not read (or that cannot be read): read the workbook whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unread;

/// What a tag is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TagKind {
    /// `<name ...>`, or the first event of `<name .../>`.
    Open,
    /// `</name>`, or the second event of `<name .../>`.
    Close,
}

/// A tag: its kind, and where its name and attributes are in the scanner's buffer (valid until
/// the scanner is asked for more).
#[derive(Debug, Clone)]
pub(crate) struct Tag {
    pub(crate) kind: TagKind,
    name: Range<usize>,
    attrs: Range<usize>,
}

/// The scanner over a part's bytes.
pub(crate) struct Scan<R> {
    src: R,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    /// The closing event still owed for an empty element `<a/>`.
    owed: Option<Range<usize>>,
    /// Elements open: a closing tag with none open is broken XML (quick-xml refuses it).
    depth: usize,
}

impl<R: Read> Scan<R> {
    /// A scanner reading `src` as it goes.
    pub(crate) fn new(src: R) -> Self {
        Self {
            src,
            buf: vec![0; READ_BYTES],
            pos: 0,
            end: 0,
            owed: None,
            depth: 0,
        }
    }

    /// Reads more bytes after those kept; `false` at the end of the part.
    fn fill(&mut self) -> Result<bool, Unread> {
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
        }
        if self.end + READ_BYTES > self.buf.len() {
            if self.end > MAX_PIECE {
                return Err(Unread);
            }
            self.buf.resize(self.end + READ_BYTES, 0);
        }
        let room = self.buf.get_mut(self.end..).ok_or(Unread)?;
        loop {
            match self.src.read(room) {
                Ok(n) => {
                    self.end += n;
                    return Ok(n > 0);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return Err(Unread),
            }
        }
    }

    /// The bytes of a range given by this scanner.
    pub(crate) fn bytes(&self, range: Range<usize>) -> &[u8] {
        self.buf.get(range).unwrap_or_default()
    }

    /// A tag's name.
    pub(crate) fn name(&self, tag: &Tag) -> &[u8] {
        self.bytes(tag.name.clone())
    }

    /// A tag's name without its namespace prefix (calamine matches most names so).
    pub(crate) fn local_name(&self, tag: &Tag) -> &[u8] {
        let name = self.name(tag);
        name.iter()
            .position(|&b| b == b':')
            .map_or(name, |i| name.get(i + 1..).unwrap_or_default())
    }

    /// An attribute's raw value (entities not replaced), the first of that name; [`Unread`]
    /// when the attributes before it are not plain `name="value"` pairs.
    pub(crate) fn attr(&self, tag: &Tag, key: &[u8]) -> Result<Option<&[u8]>, Unread> {
        let mut found = None;
        self.attrs(tag, |name, value| {
            if name == key {
                found = Some(value);
            }
            found.is_none()
        })?;
        Ok(found)
    }

    /// Hands each attribute's name and raw value to `visit` while it says to go on;
    /// [`Unread`] when the attributes are not plain `name="value"` pairs.
    pub(crate) fn attrs<'s>(
        &'s self,
        tag: &Tag,
        mut visit: impl FnMut(&'s [u8], &'s [u8]) -> bool,
    ) -> Result<(), Unread> {
        let all = self.bytes(tag.attrs.clone());
        let mut rest = all;
        // The names seen, as offsets in `all`: a name twice is broken XML (quick-xml refuses
        // it). Tags have few attributes: kept on the stack, not allocated for every tag.
        let mut seen = [(0usize, 0usize); 16];
        let mut count = 0;
        let mut more: Vec<(usize, usize)> = Vec::new();
        loop {
            let start = rest.iter().position(|b| !b.is_ascii_whitespace());
            let Some(start) = start else { return Ok(()) };
            if start == 0 {
                return Err(Unread); // no space between two attributes
            }
            rest = rest.get(start..).unwrap_or_default();
            let eq = find(b'=', rest).ok_or(Unread)?;
            let name = rest.get(..eq).unwrap_or_default();
            if name.is_empty() || !name.iter().all(|b| is_name_byte(*b)) {
                return Err(Unread);
            }
            let quote = *rest.get(eq + 1).ok_or(Unread)?;
            if quote != b'"' && quote != b'\'' {
                return Err(Unread);
            }
            let value_at = eq + 2;
            let value_len = find(quote, rest.get(value_at..).unwrap_or_default()).ok_or(Unread)?;
            let value = rest.get(value_at..value_at + value_len).unwrap_or_default();
            if value.contains(&b'<') {
                return Err(Unread);
            }
            let earlier = seen.get(..count).unwrap_or_default().iter().chain(&more);
            if earlier.copied().any(|(a, b)| all.get(a..b) == Some(name)) {
                return Err(Unread);
            }
            let at = all.len() - rest.len();
            match seen.get_mut(count) {
                Some(slot) => {
                    *slot = (at, at + name.len());
                    count += 1;
                }
                None => more.push((at, at + name.len())),
            }
            if !visit(name, value) {
                return Ok(());
            }
            rest = rest.get(value_at + value_len + 1..).unwrap_or_default();
        }
    }

    /// The bytes in the buffer from this point, for a reader of a plain element whole in them
    /// ([`Self::pass`] past it); `None` between the two events of `<a/>`.
    #[inline]
    pub(crate) fn ahead(&self) -> Option<&[u8]> {
        if self.owed.is_some() {
            return None;
        }
        self.buf.get(self.pos..self.end)
    }

    /// Passes over `n` bytes of [`Self::ahead`]: a whole element, read (so elements open are
    /// as they were).
    #[inline]
    pub(crate) fn pass(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.end);
    }

    /// A shared string in its plainest form at this point, `<si><t>text</t></si>` whole in the
    /// buffer with no markup in its text, read past: the text's range (entities left as they
    /// are). `None` (nothing read) otherwise, for the tag reader. A workbook has a string for
    /// each participant's ID, read before any sheet: so most are read.
    #[inline]
    pub(crate) fn plain_string(&mut self) -> Option<Range<usize>> {
        const OPEN: &[u8] = b"<si><t>";
        const CLOSE: &[u8] = b"</t></si>";
        let at = self.pos;
        let bytes = self.buf.get(at..self.end)?;
        if self.owed.is_some() || !bytes.starts_with(OPEN) {
            return None;
        }
        let end = OPEN.len() + find(b'<', bytes.get(OPEN.len()..)?)?;
        if !bytes.get(end..)?.starts_with(CLOSE) {
            return None;
        }
        self.pos = at + end + CLOSE.len();
        Some(at + OPEN.len()..at + end)
    }

    /// A row's opening tag at this point, whole in the buffer with plain attributes
    /// (`name="value"` after a space, each name once), read past: the range of its `r`
    /// attribute's value, if it has one. `None` (nothing read) otherwise, for the tag reader.
    #[inline]
    pub(crate) fn plain_row(&mut self) -> Option<Option<Range<usize>>> {
        let at = self.pos;
        let bytes = self.buf.get(at..self.end)?;
        if self.owed.is_some() || !bytes.starts_with(b"<row") {
            return None;
        }
        let mut names = [(0usize, 0usize); 8];
        let mut count = 0;
        let mut r = None;
        let mut i = 4;
        loop {
            match *bytes.get(i)? {
                b'>' => break,
                b' ' => i += 1,
                _ if bytes.get(i - 1) != Some(&b' ') => return None,
                _ => {
                    let from = i;
                    while is_name_byte(*bytes.get(i)?) {
                        i += 1;
                    }
                    let name = bytes.get(from..i)?;
                    if name.is_empty() || bytes.get(i..i + 2)? != b"=\"" {
                        return None;
                    }
                    let earlier = names.get(..count)?;
                    if earlier.iter().any(|&(a, b)| bytes.get(a..b) == Some(name)) {
                        return None; // an attribute twice: read tag by tag, and refused
                    }
                    *names.get_mut(count)? = (from, i);
                    count += 1;
                    let value = i + 2;
                    let end = plain_value_end(bytes, value)?;
                    if name == b"r" {
                        r = Some(at + value..at + end);
                    }
                    i = end + 1;
                }
            }
        }
        // `<row .../>` (an empty row) is left to the tag reader.
        if bytes.get(i - 1) == Some(&b'/') {
            return None;
        }
        self.pos = at + i + 1;
        self.depth += 1;
        Some(r)
    }

    /// Reads past a row's closing tag `</row>` at this point; `false` (nothing read) when
    /// there is none there.
    #[inline]
    pub(crate) fn plain_row_end(&mut self) -> bool {
        let closes = self.owed.is_none()
            && self.depth > 0
            && self
                .buf
                .get(self.pos..self.end)
                .is_some_and(|b| b.starts_with(b"</row>"));
        if closes {
            self.pos += 6;
            self.depth -= 1;
        }
        closes
    }

    /// The next tag, after nothing but whitespace (text outside the elements that hold it is
    /// not plain XML); `None` at the end of the part.
    pub(crate) fn next_tag(&mut self) -> Result<Option<Tag>, Unread> {
        self.next_tag_after(false)
    }

    /// The next tag, the text before it skipped when `any_text`, else only whitespace.
    fn next_tag_after(&mut self, any_text: bool) -> Result<Option<Tag>, Unread> {
        let tag = self.next_tag_unbalanced(any_text)?;
        if let Some(tag) = &tag {
            self.depth = match tag.kind {
                TagKind::Open => self.depth + 1,
                TagKind::Close => self.depth.checked_sub(1).ok_or(Unread)?,
            };
        }
        Ok(tag)
    }

    /// The next tag, elements open not counted.
    fn next_tag_unbalanced(&mut self, any_text: bool) -> Result<Option<Tag>, Unread> {
        if let Some(name) = self.owed.take() {
            return Ok(Some(Tag {
                kind: TagKind::Close,
                name,
                attrs: 0..0,
            }));
        }
        loop {
            let rest = self.buf.get(self.pos..self.end).unwrap_or_default();
            let found = find(b'<', rest);
            let text = rest.get(..found.unwrap_or(rest.len())).unwrap_or_default();
            if !any_text && !text.iter().all(u8::is_ascii_whitespace) {
                return Err(Unread);
            }
            // Text passed over is still read by quick-xml, which refuses a bare `&`: only the
            // named entities are taken (one cut by the buffer's end is refused too).
            if any_text && !named_entities_only(text) {
                return Err(Unread);
            }
            if let Some(i) = found {
                self.pos += i;
                return self.tag().map(Some);
            }
            self.pos = self.end;
            if !self.fill()? {
                return Ok(None);
            }
        }
    }

    /// The text from here to the next tag (which is left to read); entities are left as they
    /// are.
    pub(crate) fn text(&mut self) -> Result<Range<usize>, Unread> {
        if self.owed.is_some() {
            return Ok(0..0); // between the two events of `<a/>`: no text
        }
        let mut scanned = 0;
        loop {
            let from = self.pos + scanned;
            if let Some(i) = find(b'<', self.buf.get(from..self.end).unwrap_or_default()) {
                let text = self.pos..from + i;
                self.pos = text.end;
                return Ok(text);
            }
            scanned = self.end - self.pos;
            if !self.fill()? {
                return Err(Unread); // a part ending in text is not a plain part
            }
        }
    }

    /// The tag at `pos` (a `<`), read whole.
    fn tag(&mut self) -> Result<Tag, Unread> {
        // Where the tag ends: the first `>` outside quotes.
        let mut at = self.pos + 1;
        let mut quote = 0u8;
        let close = loop {
            let window = self.buf.get(at..self.end).unwrap_or_default();
            let found = window.iter().position(|&b| {
                if quote != 0 {
                    if b == quote {
                        quote = 0;
                    }
                    false
                } else if b == b'"' || b == b'\'' {
                    quote = b;
                    false
                } else {
                    b == b'>'
                }
            });
            if let Some(i) = found {
                break at + i;
            }
            let scanned = self.end - self.pos;
            if !self.fill()? {
                return Err(Unread);
            }
            at = self.pos + scanned;
        };
        let start = self.pos;
        self.pos = close + 1;
        let inner = start + 1..close;
        // A `<` inside a tag is broken XML (quick-xml refuses it too).
        if self.bytes(inner.clone()).contains(&b'<') {
            return Err(Unread);
        }
        let first = *self.buf.get(inner.start).ok_or(Unread)?;
        match first {
            b'/' => {
                let name = trim_end(&self.buf, inner.start + 1..inner.end);
                if name.is_empty() || self.bytes(name.clone()).iter().any(|b| !is_name_byte(*b)) {
                    return Err(Unread);
                }
                Ok(Tag {
                    kind: TagKind::Close,
                    name,
                    attrs: 0..0,
                })
            }
            b'?' => {
                // A processing instruction (the XML declaration): nothing to read in it.
                if inner.end <= inner.start + 1 || self.buf.get(inner.end - 1) != Some(&b'?') {
                    return Err(Unread);
                }
                self.next_tag_unbalanced(false)?.ok_or(Unread)
            }
            b'!' => Err(Unread),
            _ => {
                let empty = self.buf.get(inner.end.saturating_sub(1)) == Some(&b'/')
                    && inner.end > inner.start + 1;
                let body = inner.start..inner.end - usize::from(empty);
                let name_len = self
                    .buf
                    .get(body.clone())
                    .unwrap_or_default()
                    .iter()
                    .position(|b| b.is_ascii_whitespace())
                    .unwrap_or(body.len());
                let name = body.start..body.start + name_len;
                if name.is_empty() {
                    return Err(Unread);
                }
                if self.bytes(name.clone()).iter().any(|b| !is_name_byte(*b)) {
                    return Err(Unread);
                }
                let tag = Tag {
                    kind: TagKind::Open,
                    name: name.clone(),
                    attrs: body.start + name_len..body.end,
                };
                // Every tag's attributes are plain pairs, read or not.
                self.attrs(&tag, |_, _| true)?;
                if empty {
                    self.owed = Some(name);
                }
                Ok(tag)
            }
        }
    }

    /// Skips to the closing of the element just opened (named `name`), elements of the same
    /// name inside it counted, and any text in it.
    pub(crate) fn skip_element(&mut self, name: &[u8]) -> Result<(), Unread> {
        let name = name.to_vec();
        let mut depth = 1usize;
        while depth > 0 {
            let tag = self.next_tag_after(true)?.ok_or(Unread)?;
            if self.name(&tag) == name.as_slice() {
                match tag.kind {
                    TagKind::Open => depth += 1,
                    TagKind::Close => depth -= 1,
                }
            }
        }
        Ok(())
    }
}

/// Where a plain tag's attribute value starting at `from` ends (at its closing `"`); `None`
/// when it holds a `<`, is longer than 64 bytes or runs past `bytes` (the tag reader reads it).
#[inline]
pub(crate) fn plain_value_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut end = from;
    loop {
        match *bytes.get(end)? {
            b'"' => return Some(end),
            b'<' => return None,
            _ if end - from >= 64 => return None,
            _ => end += 1,
        }
    }
}

/// Where `byte` first is in `bytes`: a plain loop over the first bytes (tags and values are
/// short, and a call to `memchr` costs more than the loop), `memchr` after them.
#[inline]
fn find(byte: u8, bytes: &[u8]) -> Option<usize> {
    let head = bytes.get(..32).unwrap_or(bytes);
    if let Some(i) = head.iter().position(|&b| b == byte) {
        return Some(i);
    }
    let rest = bytes.get(head.len()..).unwrap_or_default();
    memchr::memchr(byte, rest).map(|i| i + head.len())
}

/// Whether a byte may be in a tag's or an attribute's name: letters, digits, `:`, `_`, `-`,
/// `.` and anything not ASCII.
fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b':' | b'_' | b'-' | b'.') || !b.is_ascii()
}

/// A range with the whitespace at its end left out.
fn trim_end(buf: &[u8], range: Range<usize>) -> Range<usize> {
    let bytes = buf.get(range.clone()).unwrap_or_default();
    let len = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    range.start..range.start + len
}

/// The character of one of XML's five named entities, by its name (`amp` for `&amp;`).
fn entity(name: &[u8]) -> Option<char> {
    Some(match name {
        b"amp" => '&',
        b"lt" => '<',
        b"gt" => '>',
        b"quot" => '"',
        b"apos" => '\'',
        _ => return None,
    })
}

/// Whether every `&` in `text` begins one of the five named entities.
fn named_entities_only(text: &[u8]) -> bool {
    let mut rest = text;
    while let Some(amp) = rest.iter().position(|&b| b == b'&') {
        let after = rest.get(amp + 1..).unwrap_or_default();
        let Some(semi) = after.iter().take(5).position(|&b| b == b';') else {
            return false;
        };
        if entity(after.get(..semi).unwrap_or_default()).is_none() {
            return false;
        }
        rest = after.get(semi + 1..).unwrap_or_default();
    }
    true
}

/// Text with the five named entities of XML replaced; [`Unread`] for any other `&`
/// (character references), a carriage return (which XML turns into a line feed) or text that
/// is not UTF-8.
pub(crate) fn unescape(raw: &[u8], out: &mut String) -> Result<(), Unread> {
    let text = std::str::from_utf8(raw).map_err(|_| Unread)?;
    if text.contains('\r') {
        return Err(Unread);
    }
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp + 1..).unwrap_or_default();
        let semi = after.find(';').ok_or(Unread)?;
        out.push(entity(after.get(..semi).unwrap_or_default().as_bytes()).ok_or(Unread)?);
        rest = after.get(semi + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(xml: &str) -> Result<Vec<String>, Unread> {
        let mut scan = Scan::new(xml.as_bytes());
        let mut out = Vec::new();
        while let Some(tag) = scan.next_tag()? {
            let name = String::from_utf8_lossy(scan.name(&tag)).into_owned();
            out.push(match tag.kind {
                TagKind::Open => format!("<{name}"),
                TagKind::Close => format!("/{name}"),
            });
        }
        Ok(out)
    }

    #[test]
    fn empty_elements_are_an_opening_and_a_closing() {
        let got = events("<?xml version=\"1.0\"?><a x=\"1>\"><b/><c y='2' /></a>").unwrap();
        assert_eq!(got, ["<a", "<b", "/b", "<c", "/c", "/a"]);
    }

    #[test]
    fn what_is_not_plain_is_not_read() {
        assert_eq!(events("<a><!-- x --></a>"), Err(Unread));
        assert_eq!(events("<a><![CDATA[x]]></a>"), Err(Unread));
        assert_eq!(events("<a x=\"1\""), Err(Unread));
        // Attributes run together, a closing tag with nothing open, text between elements.
        assert_eq!(events("<c r=\"A1\"s=\"1\">"), Err(Unread));
        assert_eq!(events("<a></a></a>"), Err(Unread));
        assert_eq!(events("<a>x<b/></a>"), Err(Unread));
        assert_eq!(events("<a =\"1\"/>"), Err(Unread));
    }

    #[test]
    fn tags_and_text_across_reads_are_whole() {
        // A source giving one byte at a time.
        struct Slow<'a>(&'a [u8]);
        impl Read for Slow<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let xml = b"<v a=\"x y\">12&amp;3</v>";
        let mut scan = Scan::new(Slow(xml));
        let tag = scan.next_tag().unwrap().unwrap();
        assert_eq!(scan.attr(&tag, b"a"), Ok(Some(&b"x y"[..])));
        let text = scan.text().unwrap();
        let mut out = String::new();
        unescape(scan.bytes(text), &mut out).unwrap();
        assert_eq!(out, "12&3");
        let close = scan.next_tag().unwrap().unwrap();
        assert_eq!((close.kind, scan.name(&close)), (TagKind::Close, &b"v"[..]));
    }

    #[test]
    fn plain_rows_are_read_and_the_rest_is_left_to_the_tag_reader() {
        let row_r = |xml: &str| {
            let mut scan = Scan::new(xml.as_bytes());
            scan.fill().unwrap();
            let r = scan.plain_row()?;
            Some(r.map(|r| String::from_utf8_lossy(scan.bytes(r)).into_owned()))
        };
        assert_eq!(
            row_r("<row r=\"12\" spans=\"1:7\">"),
            Some(Some("12".into()))
        );
        assert_eq!(row_r("<row x:ht=\"1\"  r=\"3\" >"), Some(Some("3".into())));
        assert_eq!(row_r("<row>"), Some(None));
        for other in [
            "<rows r=\"1\">",
            "<row r=\"1\"/>",
            "<row/>",
            "<row r='1'>",
            "<row\tr=\"1\">",
            "<row r=\"1\"s=\"2\">",
            "<row r=\"1\" r=\"2\">",
            "<row =\"1\">",
            "<row r=\"<1\">",
            "<row r=\"1\"",
            " <row>",
        ] {
            assert_eq!(row_r(other), None, "{other}");
        }
        let mut scan = Scan::new(&b"</row>"[..]);
        scan.fill().unwrap();
        assert!(!scan.plain_row_end(), "a closing tag with no row open");
    }

    #[test]
    fn plain_strings_are_read_and_the_rest_is_left_to_the_tag_reader() {
        let string = |xml: &str| {
            let mut scan = Scan::new(xml.as_bytes());
            scan.fill().unwrap();
            let text = scan.plain_string()?;
            let rest = scan.bytes(scan.pos..scan.end).to_vec();
            Some((String::from_utf8_lossy(scan.bytes(text)).into_owned(), rest))
        };
        assert_eq!(
            string("<si><t>A &amp; B</t></si><si>"),
            Some(("A &amp; B".into(), b"<si>".to_vec()))
        );
        assert_eq!(string("<si><t></t></si>"), Some((String::new(), vec![])));
        for other in [
            "<si><t xml:space=\"preserve\"> a</t></si>",
            "<si><r><t>a</t></r></si>",
            "<si><t>a</t><rPh><t>b</t></rPh></si>",
            "<si><t>a<b/></t></si>",
            "<si> <t>a</t></si>",
            "<x:si><t>a</t></x:si>",
            "<si><t>a</t></si",
            "<si><t>a",
        ] {
            assert_eq!(string(other), None, "{other}");
        }
    }

    #[test]
    fn text_passed_over_holds_only_named_entities() {
        assert!(named_entities_only(b"a &amp; b &lt;&gt;&quot;&apos;"));
        for bad in [&b"&"[..], b"a & b", b"&#65;", b"&nbsp;", b"&amp", b"&ampx;"] {
            assert!(
                !named_entities_only(bad),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
        let mut scan = Scan::new(&b"<f>x &amp; y</f><f>a & b</f>"[..]);
        scan.next_tag().unwrap();
        assert_eq!(scan.skip_element(b"f"), Ok(()));
        scan.next_tag().unwrap();
        assert_eq!(scan.skip_element(b"f"), Err(Unread));
    }

    #[test]
    fn only_named_entities_are_replaced() {
        let mut out = String::new();
        assert_eq!(unescape(b"a&#65;", &mut out), Err(Unread));
        assert_eq!(unescape(b"a\r\nb", &mut out), Err(Unread));
        out.clear();
        unescape(b"&lt;&gt;&quot;&apos;", &mut out).unwrap();
        assert_eq!(out, "<>\"'");
    }
}
