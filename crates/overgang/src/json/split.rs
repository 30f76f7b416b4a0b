//! Splitting a document's long list into the texts of its elements as the bytes arrive, so
//! each element is parsed from a slice (fast, strings borrowed) and the rest of the document
//! (its "skeleton", with the list left empty) is parsed on its own afterwards. A byte scanner:
//! it knows strings, escapes and depth, not the grammar; whatever is not valid JSON is found
//! by the parsers of the elements and of the skeleton, whose positions are translated back to
//! the document's.
//!
//! The same pass checks the limits of [`super::guard`] on the list's bytes (document size,
//! depth, string length, record size), so the bytes of a document are scanned once; the
//! skeleton's few bytes go through the guard itself.

use super::guard::{Guard, Limit};
use crate::limits;

/// A position in a text: 1-based line and column (bytes), as serde_json reports them.
pub(crate) type Position = (usize, usize);

/// Why splitting stopped.
#[derive(Debug)]
pub(crate) enum Stop {
    /// Not valid JSON at this position of the document.
    Syntax(Position, &'static str),
    /// A parse failed at this position of the document (an element's, or the skeleton's).
    Element(Position, serde_json::Error),
    /// More elements than allowed.
    TooMany,
    /// Over one of the limits of [`crate::limits`].
    Limit(Limit),
}

/// Where the elements go: [`super::stream`] hands them to the caller, in order, one by one or
/// in batches on other threads.
pub(crate) trait Sink {
    /// The list opens; `before` is the skeleton up to and including its `[`.
    fn opens(&mut self, before: &[u8]);
    /// One element's text (`i`: its place in the list) and where it begins in the document.
    ///
    /// # Errors
    /// The stop of this element or of an earlier one.
    fn element(&mut self, i: usize, text: &str, start: Position) -> Result<(), Stop>;
    /// Every element handed over is read (and later ones are read as they come).
    ///
    /// # Errors
    /// The stop of the first element that is not JSON.
    fn settle(&mut self) -> Result<(), Stop>;
}

/// An element's parse error at its place in the document (`start`: where the element begins).
pub(crate) fn element_error(start: Position, e: serde_json::Error) -> Stop {
    let at = if e.line() <= 1 {
        (start.0, start.1 + e.column().saturating_sub(1))
    } else {
        (start.0 + e.line() - 1, e.column())
    };
    Stop::Element(at, e)
}

/// The scanner's state between chunks.
pub(crate) struct Splitter<'k> {
    list_key: &'k [u8],
    max_items: usize,
    max_bytes: u64,
    /// Bytes scanned before the current chunk.
    offset: u64,
    line: usize,
    /// The offset of the current line's first byte (columns are counted from it).
    line_start: u64,
    depth: usize,
    in_string: bool,
    escaped: bool,
    string_bytes: usize,
    /// At depth 1, the next string is a key.
    expect_key: bool,
    capturing_key: bool,
    key: Vec<u8>,
    key_escaped: bool,
    /// The last key at depth 1 was the list's, and its value has not begun.
    list_value_next: bool,
    /// ... and its colon has been seen.
    colon_seen: bool,
    /// Inside the list's brackets.
    streaming: bool,
    /// The list has been split once (a second one stays in the skeleton: a duplicate key).
    streamed: bool,
    /// An element has begun and not ended.
    in_element: bool,
    /// Where it began in the document, and at which index of the current chunk (0 when it
    /// began in an earlier one, whose bytes are in `carry`).
    element_start: Position,
    element_from: usize,
    carry: Vec<u8>,
    after_comma: bool,
    count: usize,
    skeleton: Vec<u8>,
    skeleton_guard: Guard,
    top: Top,
    open: Position,
    close: Position,
}

/// Where the scanner is with respect to the document's one top-level value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Top {
    Before,
    /// An object, list or string began; back at depth 0 outside a string, it has ended, and
    /// only spaces may follow.
    Inside,
    /// A number or literal began.
    Scalar,
}

/// Longest key compared with the list's key (longer keys are not it).
const MAX_KEY: usize = 64;

/// Byte classes outside strings: what the scanner stops at.
const PLAIN: u8 = 0;
const QUOTE: u8 = 1;
const OPEN: u8 = 2;
const CLOSE: u8 = 3;
const COMMA: u8 = 4;
const NEWLINE: u8 = 5;
const SPACE: u8 = 6;

const CLASS: [u8; 256] = {
    let mut t = [PLAIN; 256];
    t[b'"' as usize] = QUOTE;
    t[b'{' as usize] = OPEN;
    t[b'[' as usize] = OPEN;
    t[b'}' as usize] = CLOSE;
    t[b']' as usize] = CLOSE;
    t[b',' as usize] = COMMA;
    t[b'\n' as usize] = NEWLINE;
    t[b' ' as usize] = SPACE;
    t[b'\t' as usize] = SPACE;
    t[b'\r' as usize] = SPACE;
    t
};

/// The bytes the scanner stops at, by where it is.
const fn stops(commas: bool, all_but_spaces: bool) -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let class = CLASS[b];
        t[b] = matches!(class, QUOTE | OPEN | CLOSE | NEWLINE)
            || commas && class == COMMA
            || all_but_spaces && class != SPACE;
        b += 1;
    }
    t
}
const STOP_DEEP: [bool; 256] = stops(false, false);
const STOP_LIST: [bool; 256] = stops(true, false);
const STOP_BETWEEN: [bool; 256] = stops(true, true);

impl<'k> Splitter<'k> {
    pub(crate) fn new(list_key: &'k str, max_items: usize, max_bytes: u64) -> Self {
        Splitter {
            list_key: list_key.as_bytes(),
            max_items,
            max_bytes,
            offset: 0,
            line: 1,
            line_start: 0,
            depth: 0,
            in_string: false,
            escaped: false,
            string_bytes: 0,
            expect_key: false,
            capturing_key: false,
            key: Vec::new(),
            key_escaped: false,
            list_value_next: false,
            colon_seen: false,
            streaming: false,
            streamed: false,
            in_element: false,
            element_start: (1, 1),
            element_from: 0,
            carry: Vec::new(),
            after_comma: false,
            count: 0,
            skeleton: Vec::new(),
            // The document's size is counted here; the guard sees the skeleton only.
            skeleton_guard: Guard::with_max_bytes(u64::MAX),
            top: Top::Before,
            open: (0, 0),
            close: (0, 0),
        }
    }

    /// Bytes scanned so far.
    pub(crate) fn bytes(&self) -> u64 {
        self.offset
    }

    /// The position of the byte at index `i` of a chunk that begins at offset `base`.
    fn position(&self, base: u64, i: usize) -> Position {
        let col = base + i as u64 - self.line_start + 1;
        (self.line, usize::try_from(col).unwrap_or(usize::MAX))
    }

    fn newline(&mut self, base: u64, i: usize) {
        self.line += 1;
        self.line_start = base + i as u64 + 1;
    }

    /// Scans the next bytes, handing each complete element to `sink`.
    pub(crate) fn feed(&mut self, chunk: &[u8], sink: &mut dyn Sink) -> Result<(), Stop> {
        let base = self.offset;
        if base + chunk.len() as u64 > self.max_bytes {
            return Err(Stop::Limit(Limit::Bytes));
        }
        let skeleton_before = self.skeleton.len();
        self.element_from = 0;
        let mut i = 0;
        while let Some(&b) = chunk.get(i) {
            if self.streaming {
                i = self.list_run(chunk, base, i, sink)?;
                continue;
            }
            let here = self.position(base, i);
            if b == b'\n' {
                self.newline(base, i);
            }
            i += 1;
            if self.depth == 0 && !self.in_string {
                if let Err(stop) = self.top_level(b, here) {
                    self.skeleton.push(b);
                    return Err(self.skeleton_error().unwrap_or(stop));
                }
            }
            if self.skeleton_byte(b, here) {
                sink.opens(&self.skeleton);
            }
        }
        if self.in_element {
            let piece = chunk.get(self.element_from..).unwrap_or_default();
            if self.carry.len() + piece.len() > limits::MAX_RECORD_BYTES {
                return Err(Stop::Limit(Limit::Record));
            }
            self.carry.extend_from_slice(piece);
        }
        self.offset = base + chunk.len() as u64;
        let added = self.skeleton.get(skeleton_before..).unwrap_or_default();
        self.skeleton_guard.feed(added).map_err(Stop::Limit)
    }

    /// Scans the list from index `i` of the chunk until its end or the list's; returns where
    /// it stopped.
    fn list_run(
        &mut self,
        chunk: &[u8],
        base: u64,
        mut i: usize,
        sink: &mut dyn Sink,
    ) -> Result<usize, Stop> {
        while i < chunk.len() {
            let rest = chunk.get(i..).unwrap_or_default();
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                    self.string_bytes += 1;
                    i += 1;
                    continue;
                }
                // Most of a document is text inside strings: skip it in one go.
                let run = memchr::memchr3(b'"', b'\\', b'\n', rest).unwrap_or(rest.len());
                self.string_bytes += run;
                if self.string_bytes > limits::MAX_STRING_BYTES {
                    return Err(Stop::Limit(Limit::String));
                }
                i += run;
                match chunk.get(i) {
                    Some(b'"') => self.in_string = false,
                    Some(b'\\') => {
                        self.escaped = true;
                        self.string_bytes += 1;
                    }
                    // A line break inside a string: not JSON, which the element's parse says.
                    Some(_) => self.newline(base, i),
                    None => break,
                }
                i += 1;
                continue;
            }
            // Inside an element only strings, brackets and lines matter; at the list's level
            // commas too, and between elements anything that is not a space.
            let stops = if self.depth > 2 {
                &STOP_DEEP
            } else if self.in_element {
                &STOP_LIST
            } else {
                &STOP_BETWEEN
            };
            let run = rest
                .iter()
                .position(|&b| stops[usize::from(b)])
                .unwrap_or(rest.len());
            i += run;
            let Some(&b) = chunk.get(i) else { break };
            let class = CLASS[usize::from(b)];
            if class == NEWLINE {
                self.newline(base, i);
                i += 1;
                continue;
            }
            if self.depth == 2 && (class == COMMA || b == b']') {
                let here = self.position(base, i);
                if self.in_element {
                    self.emit(chunk, i, sink)?;
                } else if class == COMMA || self.after_comma {
                    let problem = if class == COMMA {
                        "a list has an empty place"
                    } else {
                        "a list ends with a comma"
                    };
                    return Err(Stop::Syntax(here, problem));
                }
                i += 1;
                if class == COMMA {
                    self.after_comma = true;
                } else {
                    self.depth = 1;
                    self.streaming = false;
                    self.streamed = true;
                    self.close = here;
                    self.skeleton.push(b']');
                    return Ok(i);
                }
                continue;
            }
            if !self.in_element {
                self.in_element = true;
                self.element_start = self.position(base, i);
                self.element_from = i;
                self.carry.clear();
            }
            match class {
                QUOTE => {
                    self.in_string = true;
                    self.string_bytes = 0;
                }
                OPEN => {
                    self.depth += 1;
                    if self.depth > limits::MAX_JSON_DEPTH {
                        return Err(Stop::Limit(Limit::Depth));
                    }
                }
                CLOSE => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
            i += 1;
        }
        Ok(chunk.len())
    }

    /// Tracks strings and depth; returns whether `b` is outside any string (and not its quote).
    fn track(&mut self, b: u8) -> bool {
        if self.in_string {
            if self.escaped {
                self.escaped = false;
            } else if b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_string = false;
            }
            return false;
        }
        match b {
            b'"' => {
                self.in_string = true;
                false
            }
            b'{' | b'[' => {
                self.depth += 1;
                true
            }
            b'}' | b']' => {
                self.depth = self.depth.saturating_sub(1);
                true
            }
            _ => true,
        }
    }

    /// A byte outside the document's value: junk before it or after it stops the reading at
    /// once (as serde_json would, at that byte), so that a gigabyte of it is never held.
    fn top_level(&mut self, b: u8, here: Position) -> Result<(), Stop> {
        if matches!(b, b' ' | b'\t' | b'\r' | b'\n') {
            return Ok(());
        }
        match self.top {
            Top::Before if matches!(b, b'{' | b'[' | b'"') => self.top = Top::Inside,
            Top::Before if matches!(b, b'-' | b'0'..=b'9' | b't' | b'f' | b'n') => {
                self.top = Top::Scalar;
            }
            // A number or a literal ends at the first byte that is not part of it: left to the
            // skeleton's parser (such a document is refused as not an object anyway).
            Top::Scalar => {}
            // Before a value, or after one (back at depth 0, outside a string: it has closed).
            Top::Before | Top::Inside => return Err(Stop::Syntax(here, "a syntax error")),
        }
        Ok(())
    }

    /// The first problem of the skeleton read so far, at its place in the document: text that
    /// is not JSON may have hidden where the value really ended (a quote too many), and the
    /// parser says where it went wrong.
    fn skeleton_error(&self) -> Option<Stop> {
        let e = serde_json::from_slice::<super::Strict>(&self.skeleton).err()?;
        let translate = Translate {
            open: self.open,
            close: self.close,
            split: self.streamed,
        };
        (!e.is_eof()).then(|| Stop::Element(translate.position((e.line(), e.column())), e))
    }

    /// One byte outside the list; returns whether the list opened with it.
    fn skeleton_byte(&mut self, b: u8, here: Position) -> bool {
        let depth_before = self.depth;
        let was_in_string = self.in_string;
        let was_escaped = self.escaped;
        let outside = self.track(b);
        // Keys of the top-level object.
        if depth_before == 1 && !was_in_string && b == b'"' && self.expect_key {
            self.capturing_key = true;
            self.key.clear();
            self.key_escaped = false;
        } else if self.capturing_key && was_in_string {
            if !self.in_string {
                self.capturing_key = false;
                self.expect_key = false;
                self.list_value_next =
                    !self.key_escaped && !self.streamed && self.key.as_slice() == self.list_key;
                self.colon_seen = false;
            } else if b == b'\\' || was_escaped {
                self.key_escaped = true;
            } else if self.key.len() <= MAX_KEY {
                self.key.push(b);
            }
        }
        // A string where the list's value belongs: it is not the list.
        if depth_before == 1 && !was_in_string && b == b'"' && !self.capturing_key {
            self.list_value_next = false;
        }
        if outside && depth_before == 1 {
            match b {
                b',' => self.expect_key = true,
                b':' => self.colon_seen = self.list_value_next,
                b'[' if self.list_value_next && self.colon_seen => {
                    self.skeleton.push(b'[');
                    self.streaming = true;
                    self.open = here;
                    self.after_comma = false;
                    self.in_element = false;
                    self.list_value_next = false;
                    return true;
                }
                b' ' | b'\t' | b'\r' | b'\n' => {}
                _ => self.list_value_next = false,
            }
        }
        if outside && b == b'{' && self.depth == 1 {
            self.expect_key = true;
        }
        self.skeleton.push(b);
        false
    }

    /// The element that ends before index `end` of the chunk.
    fn emit(&mut self, chunk: &[u8], end: usize, sink: &mut dyn Sink) -> Result<(), Stop> {
        if self.count == self.max_items {
            return Err(Stop::TooMany);
        }
        let piece = chunk.get(self.element_from..end).unwrap_or_default();
        if self.carry.len() + piece.len() > limits::MAX_RECORD_BYTES {
            return Err(Stop::Limit(Limit::Record));
        }
        let start = self.element_start;
        let bytes = if self.carry.is_empty() {
            piece
        } else {
            self.carry.extend_from_slice(piece);
            &self.carry
        };
        let text =
            std::str::from_utf8(bytes).map_err(|_| Stop::Syntax(start, "the text is not UTF-8"))?;
        sink.element(self.count, text, start)?;
        self.count += 1;
        self.carry.clear();
        self.in_element = false;
        self.after_comma = false;
        Ok(())
    }

    /// The rest of the document, with the list left empty (`[]`), and the number of elements
    /// handed over (`None` when the list was not split: it is then in the skeleton).
    pub(crate) fn finish(self) -> Result<(Vec<u8>, Option<usize>, Translate), Stop> {
        if self.streaming {
            // The list never closed: an element that is not JSON may have hidden its end (a
            // quote too many). Its own parse says where, unless it just stops.
            if let Some(text) = std::str::from_utf8(&self.carry)
                .ok()
                .filter(|_| self.in_element)
            {
                // Into a value, as elements are parsed: the same positions as a whole
                // document's (skipping a string places some errors a character earlier).
                if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
                    if !e.is_eof() {
                        return Err(element_error(self.element_start, e));
                    }
                }
            }
            // serde_json names the last line's column 0 at the end of a text.
            let col = self.offset - self.line_start;
            let end = (self.line, usize::try_from(col).unwrap_or(usize::MAX));
            return Err(Stop::Syntax(end, "the text ends too early"));
        }
        let translate = Translate {
            open: self.open,
            close: self.close,
            split: self.streamed,
        };
        Ok((
            self.skeleton,
            self.streamed.then_some(self.count),
            translate,
        ))
    }
}

/// Maps a position in the skeleton back to the document (the list's elements were removed
/// between its brackets).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Translate {
    open: Position,
    close: Position,
    split: bool,
}

impl Translate {
    pub(crate) fn position(self, (line, col): Position) -> Position {
        let (ol, oc) = self.open;
        let (cl, cc) = self.close;
        if !self.split || line < ol || (line == ol && col <= oc) {
            (line, col)
        } else if line == ol {
            (cl, col - (oc + 1) + cc)
        } else {
            (line + cl - ol, col)
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::json::stream::{from_reader, from_slice, Document, List};
    use proptest::prelude::*;

    /// A reader that hands out a text in pieces of one size.
    struct Chunks<'a>(&'a [u8], usize);

    impl std::io::Read for Chunks<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(self.0.len()).min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    /// Small JSON documents with a list `xs` of nested values, and other keys.
    fn document() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i32>().prop_map(serde_json::Value::from),
            "[a-z\\\\\"\\[\\]{},: ]{0,6}".prop_map(serde_json::Value::from),
        ];
        let value = leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
                prop::collection::btree_map("[a-z]{1,3}", inner, 0..4)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        });
        (
            prop::collection::vec(value.clone(), 0..6),
            prop::collection::btree_map("[a-w]{1,3}", value, 0..3),
        )
            .prop_map(|(xs, rest)| {
                let mut doc: serde_json::Map<String, serde_json::Value> =
                    rest.into_iter().collect();
                doc.insert("xs".into(), serde_json::Value::from(xs));
                serde_json::Value::Object(doc)
            })
    }

    /// The line and column an error message names.
    fn position(message: &str) -> Option<(usize, usize)> {
        let rest = message.split("(line ").nth(1)?;
        let (line, rest) = rest.split_once(", column ")?;
        let col = rest.split(')').next()?;
        Some((line.parse().ok()?, col.parse().ok()?))
    }

    fn read(text: &str) -> (Result<Option<Document>, String>, Vec<String>) {
        let mut items = Vec::new();
        let r = from_slice(text.as_bytes(), "xs", 100, &mut |_, v| {
            serde_json::from_str::<serde_json::Value>(v)?;
            items.push(v.to_string());
            Ok(())
        });
        (r.map_err(|e| e.errors()[0].message.clone()), items)
    }

    #[test]
    fn elements_are_split_only_at_the_top_level_list() {
        let text = "\u{feff}{\"a\": {\"xs\": [1]}, \"xs\": [ {\"xs\": [2, 3]}, \"x,]\\\"\", [4, [5]] ,6 ], \"b\": \"xs\"}";
        let (doc, items) = read(text);
        let doc = doc.unwrap().unwrap();
        assert_eq!(
            items,
            ["{\"xs\": [2, 3]}", "\"x,]\\\"\"", "[4, [5]] ", "6 "]
        );
        assert!(matches!(doc.list, List::Streamed(4)));
        assert_eq!(doc.rest["a"], serde_json::json!({"xs": [1]}));
        assert_eq!(doc.rest["b"], "xs");
        // A key written with an escape is the same key: read through the slower path.
        let (doc, items) = read(r#"{"x\u0073": [1, 2]}"#);
        assert!(matches!(doc.unwrap().unwrap().list, List::Streamed(2)));
        assert_eq!(items, ["1", "2"]);
    }

    #[test]
    fn broken_documents_are_refused_where_serde_would_point() {
        for text in [
            "{\"xs\": [1, 2,]}",
            "{\"xs\": [1,, 2]}",
            "{\"xs\": [,]}",
            "{\"xs\": [1, {\"a\": }]}",
            "{\"xs\": [1,\n  {\"a\": 1}\n, tru]}",
            "{\"xs\": [1, 2]\n, \"b\": }",
            "{\"xs\": [1, 2], \"xs\": [3]}",
            "{\"xs\": [1, 2]} x",
            "{\"xs\": [1, 2\n\n",
            "{\"xs\": [1, 2]\r\n, \"b\": [1,]}",
            "{\"a\": [1,], \"xs\": [1]}",
        ] {
            let (ours, _) = read(text);
            let message = ours.expect_err(text);
            let theirs = serde_json::from_str::<serde_json::Value>(text);
            // serde_json keeps the last of two keys; ours refuses them.
            if message.contains("appears twice") {
                continue;
            }
            let e = theirs.expect_err(text);
            let (line, col) = position(&message).expect(&message);
            assert_eq!(line, e.line(), "{text}: {message} vs {e}");
            assert!(col.abs_diff(e.column()) <= 1, "{text}: {message} vs {e}");
        }
    }

    #[test]
    fn junk_before_or_after_the_document_stops_the_reading_at_once() {
        /// Endless bytes after a prefix, counting what was read.
        struct Endless<'a>(&'a [u8], u8, std::rc::Rc<std::cell::Cell<u64>>);
        impl std::io::Read for Endless<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = buf.len().min(4096);
                for (i, slot) in buf[..n].iter_mut().enumerate() {
                    *slot = self.0.get(i).copied().unwrap_or(self.1);
                }
                self.0 = self.0.get(n..).unwrap_or_default();
                self.2.set(self.2.get() + n as u64);
                Ok(n)
            }
        }
        for (prefix, junk) in [
            (&b""[..], 0u8),
            (b"  ", b'x'),
            (b"{\"xs\": [1]}", 0),
            (b"[1, 2] ", b'{'),
        ] {
            let read = std::rc::Rc::new(std::cell::Cell::new(0));
            let r = from_reader(
                Endless(prefix, junk, read.clone()),
                "xs",
                10,
                &mut |_, _| Ok(()),
                &mut |_| {},
            );
            let message = r.unwrap_err().errors()[0].message.clone();
            assert!(message.contains("not valid JSON"), "{message}");
            // Stopped within the first read (of 64 KB): a gigabyte of junk is never held.
            assert!(read.get() <= 1 << 16, "{} bytes read", read.get());
        }
    }

    proptest! {
        /// Any cut of a text into chunks gives the same elements and outcome.
        #[test]
        fn chunk_boundaries_do_not_matter(cut in 1usize..40) {
            let text = "{\"a\": 1, \"xs\": [{\"b\": \"[,\\\"]\"}, [1, 2], 3], \"c\": [4]}";
            let (whole, items) = read(text);
            let mut chunked = Vec::new();
            let r = from_reader(Chunks(text.as_bytes(), cut), "xs", 100, &mut |_, v| {
                chunked.push(v.to_string());
                Ok(())
            }, &mut |_| {});
            prop_assert_eq!(&items, &chunked);
            prop_assert_eq!(format!("{:?}", whole.unwrap()), format!("{:?}", r.unwrap()));
        }

        /// Random documents, valid or with a byte changed, read in random pieces: whatever
        /// serde_json reads (without a key twice), the splitter reads, with the same elements
        /// and the same rest; whatever serde_json refuses, the splitter refuses at about the
        /// same place (the element parsers and the skeleton's parser find the same errors).
        #[test]
        fn random_documents_read_as_serde_reads_them(
            doc in document(),
            pretty in any::<bool>(),
            change in prop::option::of((any::<prop::sample::Index>(), prop::sample::select(b"{}[],:\"\\ x0".to_vec()))),
            cut in 1usize..200,
        ) {
            let mut text = if pretty {
                serde_json::to_string_pretty(&doc).unwrap()
            } else {
                serde_json::to_string(&doc).unwrap()
            }
            .into_bytes();
            if let Some((at, byte)) = change {
                let i = at.index(text.len());
                text[i] = byte;
            }
            let theirs = std::str::from_utf8(&text)
                .ok()
                .and_then(|t| serde_json::from_str::<serde_json::Value>(t).map_err(|e| (e.line(), e.column())).err().map(Err).or(Some(Ok(()))));
            let mut items = Vec::new();
            let ours = from_reader(Chunks(&text, cut), "xs", 1_000, &mut |_, v| {
                items.push(serde_json::from_str::<serde_json::Value>(v)?);
                Ok(())
            }, &mut |_| {});
            match (theirs, ours) {
                (Some(Ok(())), Ok(Some(d))) => {
                    let value: serde_json::Value = serde_json::from_slice(&text).unwrap();
                    if let Some(list) = value.get("xs").and_then(|v| v.as_array()) {
                        prop_assert_eq!(&items, list);
                    }
                    for (k, v) in &d.rest {
                        if k != "xs" {
                            prop_assert_eq!(Some(v), value.get(k));
                        }
                    }
                }
                // A key given twice: serde_json keeps the last, the splitter refuses it.
                (Some(Ok(())), Err(e)) => prop_assert!(
                    e.errors()[0].message.contains("appears twice"),
                    "{}: {:?}", String::from_utf8_lossy(&text), e
                ),
                (Some(Ok(())), Ok(None)) => prop_assert!(text.first() != Some(&b'{'), "not an object"),
                (Some(Err((line, col))), Err(e)) => {
                    let message = &e.errors()[0].message;
                    if let Some((l, c)) = position(message) {
                        prop_assert_eq!(l, line, "{}: {}", String::from_utf8_lossy(&text), message);
                        prop_assert!(c.abs_diff(col) <= 1, "{}: {} vs column {}", String::from_utf8_lossy(&text), message, col);
                    }
                }
                (Some(Err(_)), Ok(_)) => prop_assert!(false, "accepted: {}", String::from_utf8_lossy(&text)),
                // Not UTF-8 (a changed byte inside a character): refused.
                (None, r) => prop_assert!(r.is_err()),
            }
        }
    }
}
