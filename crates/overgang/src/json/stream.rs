//! Reading a document whose one long list (the participants) is handed over element by
//! element, as text, while the document is parsed, so that only one element is ever held:
//! memory grows with what the caller keeps of each element, not with the document.

use super::guard::{self, GuardedReader, Limit};
use super::{json_problem, Strict, StrictVisitor, DUPLICATE_KEY};
use crate::error::{ErrorCode, ValidationError};
use serde::de::{self, DeserializeSeed, Deserializer as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::cell::Cell;
use std::fmt;
use std::io::{self, BufRead};

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

/// Reads a document from text in memory; `None` when the top level is not an object.
///
/// # Errors
/// `too_large`, `too_deep` (the limits of [`crate::limits`]), `invalid_json` with line and column, `duplicate`
/// for a key twice in one object, `too_large` on `list_key` over `max_items` elements.
pub fn from_slice(
    text: &[u8],
    list_key: &str,
    max_items: usize,
    on_item: &mut dyn FnMut(usize, &str),
) -> Result<Option<Document>, ValidationError> {
    guard::check(text)?;
    let text = text.strip_prefix(b"\xef\xbb\xbf").unwrap_or(text);
    let mut de = serde_json::Deserializer::from_slice(text);
    let read = top_level(&mut de, list_key, max_items, on_item);
    finish(read, &de_end(&mut de), None, list_key, max_items)
}

/// Reads a document from a reader, scanning its bytes for the limits as they arrive (pipes
/// and endless devices stop at [`crate::limits::MAX_DOCUMENT_BYTES`]). `progress` is called
/// after each element with the bytes read so far.
///
/// # Errors
/// As [`from_slice`], and `invalid_json` ("a read error") when the reader fails.
pub fn from_reader(
    reader: impl io::Read,
    list_key: &str,
    max_items: usize,
    on_item: &mut dyn FnMut(usize, &str),
    progress: &mut dyn FnMut(u64),
) -> Result<Option<Document>, ValidationError> {
    let (hit, read) = (Cell::new(None), Cell::new(0));
    let mut buffered =
        io::BufReader::with_capacity(1 << 16, GuardedReader::new(reader, &hit, &read));
    // A byte-order mark is accepted, as in CSV.
    let has_bom = buffered
        .fill_buf()
        .map(|b| b.starts_with(b"\xef\xbb\xbf"))
        .unwrap_or(false);
    if has_bom {
        buffered.consume(3);
    }
    let mut de = serde_json::Deserializer::from_reader(buffered);
    let mut each = |i: usize, v: &str| {
        on_item(i, v);
        progress(read.get());
    };
    let result = top_level(&mut de, list_key, max_items, &mut each);
    let end = de_end(&mut de);
    finish(result, &end, hit.get(), list_key, max_items)
}

fn de_end<'de, R: serde_json::de::Read<'de>>(
    de: &mut serde_json::Deserializer<R>,
) -> Result<(), serde_json::Error> {
    de.end()
}

fn top_level<'de, R: serde_json::de::Read<'de>>(
    de: &mut serde_json::Deserializer<R>,
    list_key: &str,
    max_items: usize,
    on_item: &mut dyn FnMut(usize, &str),
) -> Result<Option<Document>, serde_json::Error> {
    de.deserialize_any(TopVisitor {
        list_key,
        max_items,
        on_item,
    })
}

/// The error of a read, a limit first (the parser only saw a read error).
fn finish(
    result: Result<Option<Document>, serde_json::Error>,
    end: &Result<(), serde_json::Error>,
    hit: Option<Limit>,
    list_key: &str,
    max_items: usize,
) -> Result<Option<Document>, ValidationError> {
    if let Some(limit) = hit {
        return Err(limit.error());
    }
    let doc = result.map_err(|e| parse_error(&e, list_key, max_items))?;
    if let Err(e) = end {
        return Err(parse_error(e, list_key, max_items));
    }
    Ok(doc)
}

/// A parse error as the library reports it: line and column, never the text.
pub(crate) fn parse_error(
    e: &serde_json::Error,
    list_key: &str,
    max_items: usize,
) -> ValidationError {
    let text = e.to_string();
    if text.starts_with(TOO_MANY) {
        return ValidationError::single(
            list_key,
            ErrorCode::TooLarge,
            format!("{list_key}: more than {max_items} elements"),
        );
    }
    let (code, problem) = if text.starts_with(DUPLICATE_KEY) {
        (
            ErrorCode::Duplicate,
            "a key appears twice in one object (nothing is dropped silently)",
        )
    } else {
        (ErrorCode::InvalidJson, json_problem(e))
    };
    ValidationError::single(
        "",
        code,
        format!(
            "not valid JSON (line {}, column {}): {problem}",
            e.line(),
            e.column()
        ),
    )
}

struct TopVisitor<'a, 'f> {
    list_key: &'a str,
    max_items: usize,
    on_item: &'f mut dyn FnMut(usize, &str),
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
    on_item: &'f mut dyn FnMut(usize, &str),
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
            (self.on_item)(n, raw.get());
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
            items.push(serde_json::from_str(v).unwrap())
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
            let slice = from_slice(text.as_bytes(), "xs", 3, &mut |_, v| a.push(v.to_string()));
            let reader = from_reader(
                text.as_bytes(),
                "xs",
                3,
                &mut |_, v| b.push(v.to_string()),
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
