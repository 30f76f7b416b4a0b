//! Reading a document whose one long list (the participants) is handed over element by
//! element, as text, while the document is parsed, so that only one element is ever held:
//! memory grows with what the caller keeps of each element, not with the document.

use super::parallel::Parallel;
use super::split::{element_error, Position, Sink, Splitter, Stop};
use super::{json_problem, Strict, StrictVisitor, DUPLICATE_KEY};
use crate::error::{ErrorCode, ValidationError};
use serde::de::{self, DeserializeSeed, Deserializer as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;
use std::io;

/// A document's top level, read with its long list streamed.
#[derive(Debug)]
pub struct Document {
    /// Every other key with its value, in the document's order. The streamed list keeps its
    /// place as a `null` (so that positions such as `field #3` stay those of the text).
    pub rest: Map<String, Value>,
    /// What the list's key held.
    pub list: List,
}

/// What the streamed list's key held.
#[derive(Debug)]
pub enum List {
    /// The key is not in the document.
    Absent,
    /// A list of this many elements, each handed to the caller.
    Streamed(usize),
    /// Something other than a list (left to the caller to report).
    Other(Value),
}

/// Marker of a list over its limit in a parse error.
const TOO_MANY: &str = "overgang:too_many";

/// What the caller does with each element's text: `Err` only for text that is not JSON (its
/// position is then translated to the document's).
pub type OnItem<'f> = &'f mut dyn FnMut(usize, &str) -> Result<(), serde_json::Error>;

/// Bytes read at a time.
const CHUNK_BYTES: usize = 1 << 16;

/// Reads a document from text in memory; `None` when the top level is not an object.
///
/// # Errors
/// `too_large`, `too_deep` (the limits of [`crate::limits`]), `invalid_json` with line and
/// column, `duplicate` for a key twice in one object, `too_large` on `list_key` over
/// `max_items` elements.
pub fn from_slice(
    text: &[u8],
    list_key: &str,
    max_items: usize,
    on_item: OnItem<'_>,
) -> Result<Option<Document>, ValidationError> {
    from_reader(text, list_key, max_items, on_item, &mut |_| {})
}

/// Reads a document from a reader, scanning its bytes for the limits as they arrive (pipes
/// and endless devices stop at [`crate::limits::MAX_DOCUMENT_BYTES`]). `progress` is called
/// with the bytes read so far as they arrive.
///
/// # Errors
/// As [`from_slice`], and `invalid_json` ("a read error") when the reader fails.
pub fn from_reader(
    reader: impl io::Read,
    list_key: &str,
    max_items: usize,
    on_item: OnItem<'_>,
    progress: &mut dyn FnMut(u64),
) -> Result<Option<Document>, ValidationError> {
    run(reader, list_key, max_items, &mut Inline(on_item), progress)
}

/// How [`from_reader_parallel`] reads the list's elements.
pub(crate) struct Elements<'w, R> {
    /// Reads one element (its place in the list and its text), on any thread.
    pub work: super::parallel::Work<'w, R>,
    /// Takes each value on the calling thread, in the list's order.
    pub take: &'w mut dyn FnMut(usize, R),
    /// Told, before any element is read, what the document's keys before the list hold (an
    /// empty map when they cannot be read on their own).
    pub opens: &'w mut dyn FnMut(&Map<String, Value>),
}

/// As [`from_reader`], the elements read on several threads (see [`super::parallel`]).
///
/// # Errors
/// As [`from_reader`].
pub(crate) fn from_reader_parallel<R: Send>(
    reader: impl io::Read,
    list_key: &str,
    max_items: usize,
    elements: Elements<'_, R>,
    progress: &mut dyn FnMut(u64),
) -> Result<Option<Document>, ValidationError> {
    let Elements { work, take, opens } = elements;
    let mut opens = |before: &[u8]| opens(&keys_before(before));
    if crate::threads::helpers() == 0 {
        let mut sink = Parallel::new(None, work, take, &mut opens);
        return run(reader, list_key, max_items, &mut sink, progress);
    }
    std::thread::scope(|scope| {
        let mut sink = Parallel::new(Some(scope), work, take, &mut opens);
        run(reader, list_key, max_items, &mut sink, progress)
    })
}

/// The document's keys before the list (`before` ends with its `[`), when they are JSON.
fn keys_before(before: &[u8]) -> Map<String, Value> {
    let mut text = before.to_vec();
    text.extend_from_slice(b"]}");
    match serde_json::from_slice::<Strict>(&text) {
        Ok(Strict(Value::Object(map))) => map,
        _ => Map::new(),
    }
}

/// Elements handed to the caller one by one, as they are split.
struct Inline<'f>(OnItem<'f>);

impl Sink for Inline<'_> {
    fn opens(&mut self, _: &[u8]) {}
    fn element(&mut self, i: usize, text: &str, start: Position) -> Result<(), Stop> {
        (self.0)(i, text).map_err(|e| element_error(start, e))
    }
    fn settle(&mut self) -> Result<(), Stop> {
        Ok(())
    }
}

fn run(
    mut reader: impl io::Read,
    list_key: &str,
    max_items: usize,
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(u64),
) -> Result<Option<Document>, ValidationError> {
    let mut splitter = Splitter::new(list_key, max_items, crate::limits::MAX_DOCUMENT_BYTES);
    let mut buffer = vec![0u8; CHUNK_BYTES];
    let mut first = true;
    loop {
        let n = match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => {
                return Err(ValidationError::single(
                    "",
                    ErrorCode::InvalidJson,
                    "the input could not be read to its end (a read error)",
                ))
            }
        };
        let mut chunk = buffer.get(..n).unwrap_or_default();
        if first {
            // A byte-order mark is accepted, as in CSV.
            chunk = chunk.strip_prefix(b"\xef\xbb\xbf").unwrap_or(chunk);
            first = false;
        }
        if let Err(stop) = splitter.feed(chunk, sink) {
            // An element before the stop that is not JSON is the first problem of the text.
            let stop = match stop {
                Stop::Element(..) => stop,
                other => match sink.settle() {
                    Err(earlier) => earlier,
                    Ok(()) => other,
                },
            };
            return Err(stop_error(stop, list_key, max_items));
        }
        progress(splitter.bytes());
    }
    sink.settle()
        .map_err(|stop| stop_error(stop, list_key, max_items))?;
    // Once more with every element taken (the last ones were read after the last chunk).
    progress(splitter.bytes());
    finish(splitter, list_key, max_items, sink)
}

/// Parses the skeleton (the document without the split list's elements).
fn finish(
    splitter: Splitter<'_>,
    list_key: &str,
    max_items: usize,
    sink: &mut dyn Sink,
) -> Result<Option<Document>, ValidationError> {
    let (skeleton, count, translate) = splitter
        .finish()
        .map_err(|stop| stop_error(stop, list_key, max_items))?;
    let mut de = serde_json::Deserializer::from_slice(&skeleton);
    let at = |e: &serde_json::Error| translate.position((e.line(), e.column()));
    let doc = de
        .deserialize_any(TopVisitor {
            list_key,
            max_items,
            sink,
        })
        .map_err(|e| parse_error_at(&e, at(&e), list_key, max_items))?;
    de.end()
        .map_err(|e| parse_error_at(&e, at(&e), list_key, max_items))?;
    Ok(doc.map(|mut d| {
        if let Some(n) = count {
            d.list = List::Streamed(n);
        }
        d
    }))
}

fn stop_error(stop: Stop, list_key: &str, max_items: usize) -> ValidationError {
    match stop {
        Stop::TooMany => too_many(list_key, max_items),
        Stop::Element(at, e) => parse_error_at(&e, at, list_key, max_items),
        Stop::Limit(limit) => limit.error(),
        Stop::Syntax((line, column), problem) => ValidationError::single(
            "",
            ErrorCode::InvalidJson,
            format!("not valid JSON (line {line}, column {column}): {problem}"),
        ),
    }
}

fn too_many(list_key: &str, max_items: usize) -> ValidationError {
    ValidationError::single(
        list_key,
        ErrorCode::TooLarge,
        format!("{list_key}: more than {max_items} elements"),
    )
}

/// A parse error as the library reports it: line and column, never the text.
pub(crate) fn parse_error(
    e: &serde_json::Error,
    list_key: &str,
    max_items: usize,
) -> ValidationError {
    parse_error_at(e, (e.line(), e.column()), list_key, max_items)
}

fn parse_error_at(
    e: &serde_json::Error,
    (line, column): (usize, usize),
    list_key: &str,
    max_items: usize,
) -> ValidationError {
    let text = e.to_string();
    if text.starts_with(TOO_MANY) {
        return too_many(list_key, max_items);
    }
    let (code, problem) = if text.starts_with(DUPLICATE_KEY) {
        (ErrorCode::Duplicate, super::DUPLICATE_KEY_PROBLEM)
    } else {
        (ErrorCode::InvalidJson, json_problem(e))
    };
    ValidationError::single(
        "",
        code,
        format!("not valid JSON (line {line}, column {column}): {problem}"),
    )
}

struct TopVisitor<'a, 'f> {
    list_key: &'a str,
    max_items: usize,
    sink: &'f mut dyn Sink,
}

/// Any top level other than an object: parsed (so that syntax errors are still found), then
/// reported by the caller as "not an object".
macro_rules! not_an_object {
    ($($name:ident($ty:ty)),*) => {$(
        fn $name<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
            let _ = StrictVisitor.$name::<E>(v)?;
            Ok(None)
        }
    )*};
}

impl<'de> Visitor<'de> for TopVisitor<'_, '_> {
    type Value = Option<Document>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON document")
    }
    not_an_object!(
        visit_bool(bool),
        visit_i64(i64),
        visit_u64(u64),
        visit_f64(f64),
        visit_str(&str),
        visit_string(String)
    );
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        StrictVisitor.visit_seq(seq).map(|_| None)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut rest = Map::new();
        let mut list = List::Absent;
        while let Some(key) = map.next_key::<String>()? {
            if key == self.list_key {
                if !matches!(list, List::Absent) {
                    return Err(de::Error::custom(DUPLICATE_KEY));
                }
                list = map.next_value_seed(ListSeed {
                    max_items: self.max_items,
                    sink: &mut *self.sink,
                })?;
                rest.insert(key, Value::Null);
            } else {
                let Strict(v) = map.next_value()?;
                if rest.insert(key, v).is_some() {
                    return Err(de::Error::custom(DUPLICATE_KEY));
                }
            }
        }
        Ok(Some(Document { rest, list }))
    }
}

struct ListSeed<'f> {
    max_items: usize,
    sink: &'f mut dyn Sink,
}

impl<'de> DeserializeSeed<'de> for ListSeed<'_> {
    type Value = List;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<List, D::Error> {
        d.deserialize_any(self)
    }
}

/// A value other than a list where the list belongs: kept whole for the caller's message.
macro_rules! other {
    ($($name:ident($ty:ty)),*) => {$(
        fn $name<E: de::Error>(self, v: $ty) -> Result<List, E> {
            StrictVisitor.$name::<E>(v).map(List::Other)
        }
    )*};
}

impl<'de> Visitor<'de> for ListSeed<'_> {
    type Value = List;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }
    other!(
        visit_bool(bool),
        visit_i64(i64),
        visit_u64(u64),
        visit_f64(f64),
        visit_str(&str),
        visit_string(String)
    );
    fn visit_unit<E: de::Error>(self) -> Result<List, E> {
        Ok(List::Other(Value::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<List, E> {
        Ok(List::Other(Value::Null))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<List, A::Error> {
        StrictVisitor.visit_map(map).map(List::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List, A::Error> {
        // Each element is handed over as its text (checked for syntax, not yet read), so the
        // caller can read it straight into typed fields.
        let mut n = 0;
        while let Some(raw) = seq.next_element::<Box<serde_json::value::RawValue>>()? {
            if n == self.max_items {
                return Err(de::Error::custom(TOO_MANY));
            }
            // Only a list the splitter did not take comes here (its key written with escapes).
            // The sink is settled: it reads the element now.
            self.sink
                .element(n, raw.get(), (1, 1))
                .map_err(|_| de::Error::custom("a syntax error"))?;
            n += 1;
        }
        Ok(List::Streamed(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(text: &str) -> (Result<Option<Document>, ValidationError>, Vec<Value>) {
        let mut items = Vec::new();
        let r = from_slice(text.as_bytes(), "xs", 3, &mut |_, v| {
            items.push(serde_json::from_str(v)?);
            Ok(())
        });
        (r, items)
    }

    #[test]
    fn the_list_is_handed_over_and_its_place_kept() {
        let (doc, items) = collect(r#"{"a": 1, "xs": [{"b": 2}, 3], "c": [4]}"#);
        let doc = doc.unwrap().unwrap();
        assert_eq!(items, [serde_json::json!({"b": 2}), serde_json::json!(3)]);
        assert!(matches!(doc.list, List::Streamed(2)));
        let keys: Vec<&str> = doc.rest.keys().map(String::as_str).collect();
        assert_eq!(keys, ["a", "xs", "c"]);
    }

    #[test]
    fn slices_and_readers_agree() {
        for text in [
            r#"{"xs": [1, 2], "a": {"b": [true, null, "x"]}}"#,
            "\u{feff}{\"xs\": \"no list\"}",
            r#"[1, 2]"#,
            r#"{"xs": [1, 2, 3, 4]}"#,
            r#"{"xs": [1], "xs": [2]}"#,
            r#"{"a": 1, "a": 2}"#,
            r#"{"xs": [1, 2}"#,
            r#"{"xs": []} trailing"#,
        ] {
            let mut a = Vec::new();
            let mut b = Vec::new();
            let slice = from_slice(text.as_bytes(), "xs", 3, &mut |_, v| {
                a.push(v.to_string());
                Ok(())
            });
            let reader = from_reader(
                text.as_bytes(),
                "xs",
                3,
                &mut |_, v| {
                    b.push(v.to_string());
                    Ok(())
                },
                &mut |_| {},
            );
            // The same outcome (a reader may point one column further: it reads ahead).
            let outcome = |r: &Result<Option<Document>, ValidationError>| match r {
                Ok(Some(d)) => format!("{:?} {:?}", d.rest, d.list),
                Ok(None) => "not an object".to_string(),
                Err(e) => format!("{:?}", e.errors()[0].code),
            };
            assert_eq!(outcome(&slice), outcome(&reader), "{text}");
            assert_eq!(a, b);
        }
    }

    #[test]
    fn errors_name_no_text() {
        let (r, _) = collect(r#"{"Anna Jensen": 1, "Anna Jensen": 2}"#);
        let e = r.unwrap_err();
        assert_eq!(e.errors()[0].code, ErrorCode::Duplicate);
        assert!(!e.to_string().contains("Anna"));
        let (r, _) = collect(r#"{"xs": [1, 2, 3, 4]}"#);
        assert_eq!(r.unwrap_err().errors()[0].code, ErrorCode::TooLarge);
        let (r, _) = collect(r#"{"xs": [Anna]}"#);
        let e = r.unwrap_err();
        assert_eq!(e.errors()[0].code, ErrorCode::InvalidJson);
        assert!(!e.to_string().contains("Anna"));
    }
}
