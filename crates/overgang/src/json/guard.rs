//! Limits checked on the bytes of a JSON text as they are read, before the parser allocates
//! anything for them: total size, nesting depth, the length of one string and the size of one
//! record (an element of a top-level list, such as a participant). With these, a document of
//! any size is read in memory that grows with what is kept, not with the file, and hostile
//! input (1 GB of junk, a huge string, deep nesting, one enormous record) fails early.

use crate::error::{ErrorCode, ValidationError};
use crate::limits;

/// A limit a text went over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Limit {
    /// More bytes than [`limits::MAX_DOCUMENT_BYTES`].
    Bytes,
    /// Nested deeper than [`limits::MAX_JSON_DEPTH`].
    Depth,
    /// One string longer than [`limits::MAX_STRING_BYTES`].
    String,
    /// One record larger than [`limits::MAX_RECORD_BYTES`].
    Record,
}

impl Limit {
    /// The error for the limit; it names the limit, never the text.
    pub(crate) fn error(self) -> ValidationError {
        let (code, message) = match self {
            Limit::Bytes => (
                ErrorCode::TooLarge,
                format!(
                    "the input is larger than the {} MB limit",
                    limits::MAX_DOCUMENT_BYTES / 1_000_000
                ),
            ),
            Limit::Depth => (
                ErrorCode::TooDeep,
                format!(
                    "the input nests deeper than {} levels; a cohort document needs far fewer",
                    limits::MAX_JSON_DEPTH
                ),
            ),
            Limit::String => (
                ErrorCode::TooLarge,
                format!(
                    "the input holds a text value longer than {} KB; no field of a document is that long",
                    limits::MAX_STRING_BYTES / 1_000
                ),
            ),
            Limit::Record => (
                ErrorCode::TooLarge,
                format!(
                    "the input holds one record (a participant, a venue) larger than {} MB",
                    limits::MAX_RECORD_BYTES / 1_000_000
                ),
            ),
        };
        ValidationError::single("", code, message)
    }
}

/// The scanner: where in the text it is (inside a string, how deep), and the running sizes.
#[derive(Debug)]
pub(crate) struct Guard {
    max_bytes: u64,
    bytes: u64,
    depth: usize,
    in_string: bool,
    escaped: bool,
    string_bytes: usize,
    record_bytes: usize,
}

impl Default for Guard {
    fn default() -> Self {
        Guard::with_max_bytes(limits::MAX_DOCUMENT_BYTES)
    }
}

/// The depth at which the elements of a top-level list (the participants) begin: the document
/// is depth 1, the list depth 2.
const RECORD_DEPTH: usize = 3;

impl Guard {
    /// A guard with a size limit of its own (a smaller one for text read whole).
    pub(crate) fn with_max_bytes(max_bytes: u64) -> Self {
        Guard {
            max_bytes,
            bytes: 0,
            depth: 0,
            in_string: false,
            escaped: false,
            string_bytes: 0,
            record_bytes: 0,
        }
    }

    /// Scans the next bytes of the text.
    pub(crate) fn feed(&mut self, chunk: &[u8]) -> Result<(), Limit> {
        self.bytes += chunk.len() as u64;
        if self.bytes > self.max_bytes {
            return Err(Limit::Bytes);
        }
        let mut rest = chunk;
        while !rest.is_empty() {
            if self.in_string {
                if self.escaped {
                    // The byte after a backslash that ended the previous read.
                    self.escaped = false;
                    rest = rest.get(1..).unwrap_or_default();
                    self.string_bytes += 1;
                    self.count_record(1)?;
                    continue;
                }
                // Skip to the next quote or backslash in one pass (the common case is a short
                // string with neither).
                let stop = rest
                    .iter()
                    .position(|&b| b == b'"' || b == b'\\')
                    .unwrap_or(rest.len());
                self.string_bytes += stop;
                self.count_record(stop)?;
                if self.string_bytes > limits::MAX_STRING_BYTES {
                    return Err(Limit::String);
                }
                rest = rest.get(stop..).unwrap_or_default();
                let Some((&b, tail)) = rest.split_first() else {
                    break;
                };
                self.count_record(1)?;
                rest = tail;
                if b == b'"' {
                    self.in_string = false;
                } else {
                    // A backslash: the next byte (perhaps a quote) belongs to the string.
                    self.escaped = true;
                }
                continue;
            }
            let Some((&b, tail)) = rest.split_first() else {
                break;
            };
            rest = tail;
            match b {
                b'"' => {
                    self.in_string = true;
                    self.string_bytes = 0;
                }
                b'[' | b'{' => {
                    self.depth += 1;
                    if self.depth > limits::MAX_JSON_DEPTH {
                        return Err(Limit::Depth);
                    }
                }
                b']' | b'}' => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
            if self.depth >= RECORD_DEPTH {
                self.count_record(1)?;
            } else {
                self.record_bytes = 0;
            }
        }
        Ok(())
    }

    fn count_record(&mut self, n: usize) -> Result<(), Limit> {
        if self.depth >= RECORD_DEPTH {
            self.record_bytes += n;
            if self.record_bytes > limits::MAX_RECORD_BYTES {
                return Err(Limit::Record);
            }
        }
        Ok(())
    }
}

/// Checks a whole text already in memory.
pub(crate) fn check(text: &[u8]) -> Result<(), ValidationError> {
    Guard::default().feed(text).map_err(Limit::error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Result<(), Limit> {
        Guard::default().feed(text.as_bytes())
    }

    #[test]
    fn brackets_in_strings_and_escaped_quotes_are_not_nesting() {
        let deep = "[".repeat(limits::MAX_JSON_DEPTH + 1);
        assert_eq!(scan(&deep), Err(Limit::Depth));
        assert_eq!(scan(&format!("\"{deep}\"")), Ok(()));
        assert_eq!(scan(&format!("\"\\\"{deep}\"")), Ok(()));
        assert_eq!(scan(&format!("\"\\\\\"{deep}")), Err(Limit::Depth));
    }

    #[test]
    fn chunk_boundaries_do_not_matter() {
        // An escape split over two reads, and a deep text in one-byte reads.
        let text = format!("[\"a\\\"{}\"]", "[".repeat(40));
        for split in 0..text.len() {
            let mut g = Guard::default();
            let (a, b) = text.as_bytes().split_at(split);
            assert_eq!(
                g.feed(a).and_then(|()| g.feed(b)),
                Ok(()),
                "split at {split}"
            );
        }
        let mut g = Guard::default();
        let deep = "[".repeat(limits::MAX_JSON_DEPTH + 1);
        let r: Result<(), Limit> = deep.bytes().try_for_each(|b| g.feed(&[b]));
        assert_eq!(r, Err(Limit::Depth));
    }

    #[test]
    fn an_endless_text_stops_at_the_limit() {
        let mut g = Guard::with_max_bytes(100_000);
        let chunk = [b' '; 4096];
        let fed = (0..100).map(|_| g.feed(&chunk)).position(|r| r.is_err());
        assert_eq!(fed, Some(24));
        assert_eq!(g.feed(&chunk), Err(Limit::Bytes));
    }

    #[test]
    fn a_huge_string_or_record_is_refused_early() {
        let long = format!("\"{}", "x".repeat(limits::MAX_STRING_BYTES + 1));
        assert_eq!(scan(&long), Err(Limit::String));
        let record = format!(
            "{{\"participants\": [{{\"who5\": [{}",
            "[1,2,3,4,5],".repeat(limits::MAX_RECORD_BYTES / 12 + 1)
        );
        assert_eq!(scan(&record), Err(Limit::Record));
        // The same bytes spread over many records are fine.
        let many = format!(
            "{{\"participants\": [{}",
            "{\"a\": [1,2,3,4,5]},".repeat(limits::MAX_RECORD_BYTES / 18 + 1)
        );
        assert_eq!(scan(&many), Ok(()));
    }
}
