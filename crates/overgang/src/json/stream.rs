//! Reading a document whose one long list (the participants) is handed over element by
//! element, as text, while the document is parsed, so that only one element is ever held:
//! memory grows with what the caller keeps of each element, not with the document.

use super::guard::{self, Guard, Limit};
use super::split::{Splitter, Stop};
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
    guard::check(text)?;
    let text = text.strip_prefix(b"\xef\xbb\xbf").unwrap_or(text);
    let mut splitter = Splitter::new(list_key, max_items);
    splitter
        .feed(text, on_item)
        .map_err(|stop| stop_error(stop, list_key, max_items))?;
    finish(splitter, list_key, max_items, on_item)
}

/// Reads a document from a reader, scanning its bytes for the limits as they arrive (pipes
/// and endless devices stop at [`crate::limits::MAX_DOCUMENT_BYTES`]). `progress` is called
/// with the bytes read so far as they arrive.
///
/// # Errors
/// As [`from_slice`], and `invalid_json` ("a read error") when the reader fails.
pub fn from_reader(
    mut reader: impl io::Read,
    list_key: &str,
    max_items: usize,
    on_item: OnItem<'_>,
    progress: &mut dyn FnMut(u64),
) -> Result<Option<Document>, ValidationError> {
    let mut guard = Guard::default();
    let mut splitter = Splitter::new(list_key, max_items);
    let mut buffer = vec![0u8; 1 << 16];
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
        guard.feed(chunk).map_err(Limit::error)?;
        if first {
            // A byte-order mark is accepted, as in CSV.
            chunk = chunk.strip_prefix(b"\xef\xbb\xbf").unwrap_or(chunk);
            first = false;
        }
        splitter
            .feed(chunk, on_item)
            .map_err(|stop| stop_error(stop, list_key, max_items))?;
        progress(guard.bytes());
    }
    finish(splitter, list_key, max_items, on_item)
}

/// Parses the skeleton (the document without the split list's elements).
fn finish(
    splitter: Splitter<'_>,
    list_key: &str,
    max_items: usize,
    on_item: OnItem<'_>,
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
            on_item,
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
    on_item: OnItem<'f>,
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
                    on_item: &mut *self.on_item,
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
    on_item: OnItem<'f>,
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
            (self.on_item)(n, raw.get()).map_err(|_| de::Error::custom("a syntax error"))?;
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
