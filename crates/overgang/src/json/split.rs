//! Splitting a document's long list into the texts of its elements as the bytes arrive, so
//! each element is parsed from a slice (fast, strings borrowed) and the rest of the document
//! (its "skeleton", with the list left empty) is parsed on its own afterwards. A byte scanner
//! like [`super::guard`]'s: it knows strings, escapes and depth, not the grammar; whatever is
//! not valid JSON is found by the parsers of the elements and of the skeleton, whose positions
//! are translated back to the document's.

/// A position in a text: 1-based line and column (bytes), as serde_json reports them.
pub(crate) type Position = (usize, usize);

/// Why splitting stopped.
#[derive(Debug)]
pub(crate) enum Stop {
    /// Not valid JSON at this position of the document.
    Syntax(Position, &'static str),
    /// An element's own parse failed at this position of the document.
    Element(Position, serde_json::Error),
    /// More elements than allowed.
    TooMany,
}

/// The scanner's state between chunks.
pub(crate) struct Splitter<'k> {
    list_key: &'k [u8],
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// At depth 1, the next string is a key.
    expect_key: bool,
    capturing_key: bool,
    key: Vec<u8>,
    key_escaped: bool,
    /// The last key at depth 1 was the list's, and its value has not begun.
    list_value_next: bool,
    /// Inside the list's brackets.
    streaming: bool,
    /// The list has been split once (a second one stays in the skeleton: a duplicate key).
    streamed: bool,
    element: Vec<u8>,
    element_start: Position,
    after_comma: bool,
    count: usize,
    max_items: usize,
    skeleton: Vec<u8>,
    line: usize,
    col: usize,
    open: Position,
    close: Position,
}

/// Longest key compared with the list's key (longer keys are not it).
const MAX_KEY: usize = 64;

impl<'k> Splitter<'k> {
    pub(crate) fn new(list_key: &'k str, max_items: usize) -> Self {
        Splitter {
            list_key: list_key.as_bytes(),
            depth: 0,
            in_string: false,
            escaped: false,
            expect_key: false,
            capturing_key: false,
            key: Vec::new(),
            key_escaped: false,
            list_value_next: false,
            streaming: false,
            streamed: false,
            element: Vec::new(),
            element_start: (1, 1),
            after_comma: false,
            count: 0,
            max_items,
            skeleton: Vec::new(),
            line: 1,
            col: 1,
            open: (0, 0),
            close: (0, 0),
        }
    }

    /// Scans the next bytes, handing each complete element to `on_item` (its index and text).
    pub(crate) fn feed(
        &mut self,
        chunk: &[u8],
        on_item: &mut dyn FnMut(usize, &str) -> Result<(), serde_json::Error>,
    ) -> Result<(), Stop> {
        let mut rest = chunk;
        while let Some((&b, tail)) = rest.split_first() {
            // Inside an element, runs of bytes that change nothing (text in strings, numbers and
            // commas deeper down) are copied in one go: most of a document is such runs.
            if self.streaming
                && (self.in_string && !self.escaped || !self.in_string && self.depth >= 3)
            {
                let stop: fn(&u8) -> bool = if self.in_string {
                    |&b| matches!(b, b'"' | b'\\' | b'\n')
                } else {
                    |&b| matches!(b, b'"' | b'{' | b'}' | b'[' | b']' | b'\n')
                };
                let run = rest.iter().position(stop).unwrap_or(rest.len());
                if run > 0 {
                    let (copied, after) = rest.split_at(run);
                    self.element.extend_from_slice(copied);
                    self.col += run;
                    rest = after;
                    continue;
                }
            }
            rest = tail;
            let here = (self.line, self.col);
            if b == b'\n' {
                self.line += 1;
                self.col = 1;
            } else {
                self.col += 1;
            }
            if self.streaming {
                self.list_byte(b, here, on_item)?;
            } else {
                self.skeleton_byte(b, here);
            }
        }
        Ok(())
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

    fn skeleton_byte(&mut self, b: u8, here: Position) {
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
            } else if b == b'\\' || was_escaped {
                self.key_escaped = true;
            } else if self.key.len() <= MAX_KEY {
                self.key.push(b);
            }
        }
        if outside && depth_before == 1 {
            match b {
                b',' => self.expect_key = true,
                b':' => {}
                b'[' if self.list_value_next => {
                    self.skeleton.push(b'[');
                    self.streaming = true;
                    self.open = here;
                    self.after_comma = false;
                    self.element.clear();
                    self.list_value_next = false;
                    return;
                }
                b' ' | b'\t' | b'\r' | b'\n' => {}
                _ => self.list_value_next = false,
            }
        }
        if outside && b == b'{' && self.depth == 1 {
            self.expect_key = true;
        }
        self.skeleton.push(b);
    }

    fn list_byte(
        &mut self,
        b: u8,
        here: Position,
        on_item: &mut dyn FnMut(usize, &str) -> Result<(), serde_json::Error>,
    ) -> Result<(), Stop> {
        let at_list_level = self.depth == 2 && !self.in_string;
        if at_list_level {
            match b {
                b',' => {
                    self.emit(here, on_item)?;
                    self.after_comma = true;
                    return Ok(());
                }
                b']' => {
                    if !self.element.is_empty() {
                        self.emit(here, on_item)?;
                    } else if self.after_comma {
                        return Err(Stop::Syntax(here, "a list ends with a comma"));
                    }
                    self.depth = 1;
                    self.streaming = false;
                    self.streamed = true;
                    self.close = here;
                    self.skeleton.push(b']');
                    return Ok(());
                }
                b' ' | b'\t' | b'\r' | b'\n' if self.element.is_empty() => return Ok(()),
                _ => {}
            }
        }
        if self.element.is_empty() {
            self.element_start = here;
        }
        self.track(b);
        self.element.push(b);
        Ok(())
    }

    fn emit(
        &mut self,
        here: Position,
        on_item: &mut dyn FnMut(usize, &str) -> Result<(), serde_json::Error>,
    ) -> Result<(), Stop> {
        if self.element.is_empty() {
            return Err(Stop::Syntax(here, "a list has an empty place"));
        }
        if self.count == self.max_items {
            return Err(Stop::TooMany);
        }
        let start = self.element_start;
        let text = std::str::from_utf8(&self.element)
            .map_err(|_| Stop::Syntax(start, "the text is not UTF-8"))?;
        on_item(self.count, text).map_err(|e| {
            let at = if e.line() <= 1 {
                (start.0, start.1 + e.column().saturating_sub(1))
            } else {
                (start.0 + e.line() - 1, e.column())
            };
            Stop::Element(at, e)
        })?;
        self.count += 1;
        self.element.clear();
        Ok(())
    }

    /// The rest of the document, with the list left empty (`[]`), and the number of elements
    /// handed over (`None` when the list was not split: it is then in the skeleton).
    pub(crate) fn finish(self) -> Result<(Vec<u8>, Option<usize>, Translate), Stop> {
        if self.streaming {
            // serde_json names the last line's column 0 at the end of a text.
            let end = if self.col == 1 {
                (self.line, 0)
            } else {
                (self.line, self.col - 1)
            };
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

    proptest! {
        /// Any cut of a text into chunks gives the same elements and outcome.
        #[test]
        fn chunk_boundaries_do_not_matter(cut in 1usize..40) {
            let text = "{\"a\": 1, \"xs\": [{\"b\": \"[,\\\"]\"}, [1, 2], 3], \"c\": [4]}";
            let (whole, items) = read(text);
            let mut chunked = Vec::new();
            struct Chunks<'a>(&'a [u8], usize);
            impl std::io::Read for Chunks<'_> {
                fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                    let n = self.1.min(self.0.len()).min(buf.len());
                    buf[..n].copy_from_slice(&self.0[..n]);
                    self.0 = &self.0[n..];
                    Ok(n)
                }
            }
            let r = from_reader(Chunks(text.as_bytes(), cut), "xs", 100, &mut |_, v| {
                chunked.push(v.to_string());
                Ok(())
            }, &mut |_| {});
            prop_assert_eq!(&items, &chunked);
            prop_assert_eq!(format!("{:?}", whole.unwrap()), format!("{:?}", r.unwrap()));
        }
    }
}
