//! Field-by-field reading of JSON documents, collecting every problem with its path, so that
//! an import reports every problem at once (`participants[3].start`), not serde's first one.

mod guard;
mod parallel;
mod split;
pub mod stream;

use crate::dates::parse_date;
use crate::error::{ErrorCode, FieldError, ValidationError};
use crate::ids::IdSet;
use crate::limits;
use serde_json::Value;
use time::Date;

/// A required date at `path`; records a problem and returns `None` when absent or invalid.
pub fn date(value: Option<&Value>, path: &str, errors: &mut Vec<FieldError>) -> Option<Date> {
    match value {
        None | Some(Value::Null) => {
            errors.push(FieldError::new(
                path,
                ErrorCode::Missing,
                format!("{path} is missing; a date YYYY-MM-DD is required"),
            ));
            None
        }
        Some(Value::String(s)) => parse_date(path, s).map_err(|e| errors.push(e)).ok(),
        Some(_) => {
            errors.push(FieldError::new(
                path,
                ErrorCode::InvalidFormat,
                format!("{path}: expected a date as text YYYY-MM-DD"),
            ));
            None
        }
    }
}

/// Parses JSON text within the size and depth limits ([`limits::MAX_INPUT_BYTES`],
/// [`limits::MAX_JSON_DEPTH`], [`limits::MAX_STRING_BYTES`]); syntax errors give line and
/// column, never the text.
///
/// # Errors
/// `too_large`, `too_deep`, `duplicate` (a key twice in one object) or `invalid_json`.
pub fn parse_json(text: &str) -> Result<Value, ValidationError> {
    if text.len() > limits::MAX_INPUT_BYTES {
        return Err(ValidationError::single(
            "",
            ErrorCode::TooLarge,
            format!(
                "the input is {} MB; the limit is {} MB",
                text.len() / 1_000_000,
                limits::MAX_INPUT_BYTES / 1_000_000
            ),
        ));
    }
    guard::check(text.as_bytes())?;
    // A byte-order mark is accepted, as in CSV (Windows editors write one).
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str::<Strict>(text)
        .map(|s| s.0)
        .map_err(|e| stream::parse_error(&e, "", 0))
}

/// Parses a part of a text whose limits were already checked (a participant inside a document
/// read by [`stream`]): only the JSON rules, a key twice included.
pub(crate) fn parse_checked(text: &str) -> Result<Value, ValidationError> {
    parse_part(text).map_err(|e| stream::parse_error(&e, "", 0))
}

/// As [`parse_checked`], with serde_json's error (its position is relative to `text`).
pub(crate) fn parse_part(text: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str::<Strict>(text).map(|s| s.0)
}

/// What a key given twice is called in messages (the key itself is never repeated).
pub(crate) const DUPLICATE_KEY_PROBLEM: &str =
    "a key appears twice in one object (nothing is dropped silently)";

/// Whether a parse error is a key given twice (not a syntax error).
pub(crate) fn is_duplicate_key(e: &serde_json::Error) -> bool {
    e.to_string().starts_with(DUPLICATE_KEY)
}

/// The marker of a duplicate key in a parse error (the key itself is never kept).
const DUPLICATE_KEY: &str = "overgang:duplicate_key";

/// A JSON value read with one rule more than serde_json's: a key may appear only once in an
/// object (serde_json keeps the last silently).
struct Strict(Value);

impl<'de> serde::Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Strict, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(Strict(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let Strict(v) = map.next_value()?;
            if out.insert(key, v).is_some() {
                return Err(serde::de::Error::custom(DUPLICATE_KEY));
            }
        }
        Ok(Value::Object(out))
    }
}

/// serde_json's description of the problem, without any of the input's text.
fn json_problem(e: &serde_json::Error) -> &'static str {
    match e.classify() {
        serde_json::error::Category::Eof => "the text ends too early",
        serde_json::error::Category::Syntax => "a syntax error",
        serde_json::error::Category::Data => "an unexpected value",
        serde_json::error::Category::Io => "a read error",
    }
}

/// The object at `path`, or a recorded problem.
pub fn object<'a>(
    value: &'a Value,
    path: &str,
    what: &str,
    errors: &mut Vec<FieldError>,
) -> Option<&'a serde_json::Map<String, Value>> {
    let obj = value.as_object();
    if obj.is_none() {
        errors.push(FieldError::new(
            path,
            ErrorCode::InvalidFormat,
            format!("{}: expected {what}", display(path)),
        ));
    }
    obj
}

/// A map key that must be an id of a closed set (a rating's area, a phase): the id and the
/// path `prefix.id`, or, for any other key, an `unknown_value` problem on `prefix#n` (the
/// key's 1-based position) that lists the allowed ids and never repeats the key.
///
/// ```
/// use overgang::{json::keyed_id, ten_step::Area};
/// let (path, area) = keyed_id::<Area>("ratings", 0, "economy").unwrap();
/// assert_eq!((path.as_str(), area), ("ratings.economy", Area::Economy));
/// let e = keyed_id::<Area>("ratings", 2, "Anna_Jensen").unwrap_err();
/// assert_eq!(e.field, "ratings#3");
/// assert!(!e.message.contains("Anna"));
/// ```
///
/// # Errors
/// `unknown_value` on `prefix#n` for a key that is not an id of the set.
pub fn keyed_id<T: IdSet>(prefix: &str, index: usize, k: &str) -> Result<(String, T), FieldError> {
    match crate::ids::parse::<T>(prefix, k) {
        Ok(id) => Ok((joined(prefix, ".", id.id()), id)),
        Err(_) => {
            let allowed = crate::ids::ids::<T>();
            let field = format!("{prefix}#{}", index + 1);
            Err(FieldError::new(
                field.clone(),
                ErrorCode::UnknownValue,
                format!("{field}: not a known id; allowed: {}", allowed.join(", ")),
            )
            .with_allowed(&allowed))
        }
    }
}

/// The one rule for keys a format does not have: an `unknown_field` problem for each key not in
/// `allowed` (nothing is dropped silently). The key itself is never repeated (it may be a name
/// or a CPR number): the problem names its position (`participants[2]#4`) and, when it is a
/// near miss of one of the library's own names (case, spaces, a typo), suggests that name.
///
/// ```
/// use overgang::json::refuse_unknown_keys;
/// let doc = serde_json::json!({"id": "A1", "Gender": "woman", "010190-1234 Maria": 1});
/// let mut errors = Vec::new();
/// refuse_unknown_keys(doc.as_object().unwrap(), &["id", "gender"], "", &mut errors);
/// assert_eq!(errors.len(), 2);
/// assert!(errors.iter().any(|e| e.message.contains("did you mean `gender`?")));
/// assert!(errors.iter().all(|e| !e.message.contains("Maria") && !e.field.contains("Maria")));
/// ```
pub fn refuse_unknown_keys(
    obj: &serde_json::Map<String, Value>,
    allowed: &[&str],
    prefix: &str,
    errors: &mut Vec<FieldError>,
) {
    for (i, key) in obj.keys().enumerate() {
        if allowed.contains(&key.as_str()) {
            continue;
        }
        let dot = if prefix.is_empty() || prefix.ends_with('.') {
            ""
        } else {
            "."
        };
        let place = format!("{prefix}{dot}field #{}", i + 1);
        let hint = match suggestion(key, allowed) {
            Some(name) => format!("did you mean `{name}`?"),
            None => format!("allowed: {}", allowed.join(", ")),
        };
        errors.push(
            FieldError::new(
                place.clone(),
                ErrorCode::UnknownField,
                format!("{place}: not a known field; {hint}"),
            )
            .with_allowed(allowed),
        );
    }
}

/// One of `allowed` that `key` is a near miss of: equal ignoring case, spaces, `-` and `_`, or
/// one edit away (for names of four letters or more).
fn suggestion<'a>(key: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, ' ' | '-' | '_'))
            .flat_map(char::to_lowercase)
            .collect()
    };
    let k = norm(key);
    if k.chars().count() > 40 {
        return None;
    }
    allowed.iter().copied().find(|a| {
        let a = norm(a);
        a == k || (a.chars().count() >= 4 && within_one_edit(&a, &k))
    })
}

fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let same = short.iter().zip(&long).take_while(|(x, y)| x == y).count();
    if same == long.len() {
        return true;
    }
    // Skip the first difference: in both (a substitution) or in the longer one (an insertion).
    let rest_long = long.get(same + 1..).unwrap_or_default();
    if short.len() == long.len() {
        short.get(same + 1..).unwrap_or_default() == rest_long
    } else {
        short.get(same..).unwrap_or_default() == rest_long
    }
}

/// An optional id of a closed set at `path` (`null` or absent: `None`).
pub fn optional_id<T: IdSet>(
    value: Option<&Value>,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    match value {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => crate::ids::parse::<T>(path, s)
            .map_err(|e| errors.push(e))
            .ok(),
        Some(_) => {
            let allowed: Vec<&str> = T::ALL.iter().map(|m| m.id()).collect();
            errors.push(FieldError::new(
                path,
                ErrorCode::InvalidFormat,
                format!("{path}: expected text; allowed: {}", allowed.join(", ")),
            ));
            None
        }
    }
}

/// Each element of an optional list at `path` (absent or `null`: empty), read by `item` with
/// its indexed path (`path[i]`); a non-list is a `not_a_list` problem naming `what` it holds.
pub fn list<T>(
    value: Option<&Value>,
    path: &str,
    what: &str,
    errors: &mut Vec<FieldError>,
    mut item: impl FnMut(&Value, String, &mut Vec<FieldError>) -> Option<T>,
) -> Vec<T> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| item(v, indexed(path, i), errors))
            .collect(),
        Some(_) => {
            errors.push(FieldError::new(
                path,
                ErrorCode::NotAList,
                format!("{path}: expected a list of {what}"),
            ));
            Vec::new()
        }
    }
}

/// A list of ids of a closed set at `path` (absent or `null`: empty).
pub fn id_list<T: IdSet>(
    value: Option<&Value>,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Vec<T> {
    list(value, path, "ids", errors, |v, at, errors| {
        optional_id::<T>(Some(v), &at, errors)
    })
}

/// An optional boolean at `path` (absent or `null`: `false`). Text such as `"yes"` is refused.
pub fn flag(value: Option<&Value>, path: &str, errors: &mut Vec<FieldError>) -> bool {
    match value {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            errors.push(FieldError::new(
                path,
                ErrorCode::InvalidFormat,
                format!("{path}: expected true or false"),
            ));
            false
        }
    }
}

/// An optional date at `path`.
pub fn optional_date(
    value: Option<&Value>,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Option<Date> {
    match value {
        None | Some(Value::Null) => None,
        v => date(v, path, errors),
    }
}

/// `path[i]`, built without the formatting machinery: paths are made for every element read,
/// valid or not, so this is on the hot path of loading a cohort.
pub(crate) fn indexed(path: &str, i: usize) -> String {
    let mut buf = [0u8; 20];
    let digits = decimal_digits(i as u64, &mut buf);
    let mut out = String::with_capacity(path.len() + digits.len() + 2);
    out.push_str(path);
    out.push('[');
    out.push_str(digits);
    out.push(']');
    out
}

/// A whole number's decimal digits (no leading zeros), written into `buf` without the
/// formatting machinery, for the hot paths that write numbers (element paths, sheet cells).
pub(crate) fn decimal_digits(mut n: u64, buf: &mut [u8; 20]) -> &str {
    let mut start = buf.len();
    loop {
        start -= 1;
        if let Some(d) = buf.get_mut(start) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || start == 0 {
            break;
        }
    }
    std::str::from_utf8(buf.get(start..).unwrap_or_default()).unwrap_or("0")
}

/// `a` + `sep` + `b` in one allocation (a path such as `who5[0].date`).
pub(crate) fn joined(a: &str, sep: &str, b: &str) -> String {
    let mut out = String::with_capacity(a.len() + sep.len() + b.len());
    out.push_str(a);
    out.push_str(sep);
    out.push_str(b);
    out
}

/// A path for messages: the document itself is "the document".
fn display(path: &str) -> &str {
    if path.is_empty() {
        "the document"
    } else {
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_keys_are_refused_without_naming_them() {
        let err = parse_json(r#"{"a": 1, "Maria Jensen": 2, "Maria Jensen": 3}"#).unwrap_err();
        let e = &err.errors()[0];
        assert_eq!(e.code, ErrorCode::Duplicate);
        assert!(e.message.contains("line 1") && !e.message.contains("Maria"));
        // Nested objects too; the same key in sibling objects is fine.
        assert!(parse_json(r#"[{"a": {"b": 1, "b": 2}}]"#).is_err());
        assert!(parse_json(r#"[{"a": 1}, {"a": 2}]"#).is_ok());
    }

    #[test]
    fn paths_are_built_as_format_would() {
        for i in [0, 7, 10, 99, 1_000_000, usize::MAX] {
            assert_eq!(indexed("participants", i), format!("participants[{i}]"));
        }
        assert_eq!(joined("who5[0]", ".", "date"), "who5[0].date");
    }

    #[test]
    fn decimal_digits_are_written_as_format_would() {
        for n in [0, 7, 10, 99, 100_000, 999_999_999_999_999, u64::MAX] {
            assert_eq!(decimal_digits(n, &mut [0; 20]), n.to_string());
        }
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        assert_eq!(parse_json("\u{feff}{\"a\": 1}").unwrap()["a"], 1);
    }

    #[test]
    fn numbers_keep_their_kind() {
        let v = parse_json(r#"[1, -2, 2.5, 18446744073709551615, 1e308]"#).unwrap();
        assert!(v[0].is_u64() && v[1].is_i64() && v[2].is_f64() && v[3].is_u64() && v[4].is_f64());
    }
}
