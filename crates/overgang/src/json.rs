//! Field-by-field reading of JSON documents, collecting every problem with its path, so that
//! an import reports every problem at once (`participants[3].start`), not serde's first one.

use crate::error::{ErrorCode, FieldError, ValidationError};
use crate::limits;
use serde_json::Value;
use time::Date;

/// Parses an ISO 8601 calendar date (`YYYY-MM-DD`).
///
/// ```
/// use overgang::json::parse_date;
/// assert_eq!(parse_date("start", "2024-02-29").unwrap().to_string(), "2024-02-29");
/// assert_eq!(parse_date("start", "2023-02-29").unwrap_err().code.as_str(), "invalid_format");
/// ```
///
/// # Errors
/// `invalid_format` on `field` for anything else (the text is not echoed).
pub fn parse_date(field: &str, text: &str) -> Result<Date, FieldError> {
    // Exactly `YYYY-MM-DD` (four-digit year), checked by hand: time's format-description parser
    // is a large part of the browser build for this one format.
    let b = text.trim().as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r)
            .filter(|d| d.iter().all(u8::is_ascii_digit))
            .map(|d| d.iter().fold(0u32, |n, &c| n * 10 + u32::from(c - b'0')))
    };
    let parsed = match (b.len(), b.get(4), b.get(7)) {
        (10, Some(b'-'), Some(b'-')) => digits(0..4).zip(digits(5..7)).zip(digits(8..10)),
        _ => None,
    };
    parsed
        .and_then(|((y, m), d)| {
            let month = time::Month::try_from(u8::try_from(m).ok()?).ok()?;
            Date::from_calendar_date(i32::try_from(y).ok()?, month, u8::try_from(d).ok()?).ok()
        })
        .ok_or_else(|| {
            FieldError::new(
                field,
                ErrorCode::InvalidFormat,
                format!("{field}: not a valid date; expected YYYY-MM-DD, e.g. 2024-03-01"),
            )
        })
}

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

/// The nesting depth of a JSON text (arrays and objects), counted without parsing, so that a
/// hostile document is refused before the parser recurses into it.
pub fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for b in text.bytes() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Parses JSON text within the size and depth limits ([`limits::MAX_INPUT_BYTES`],
/// [`limits::MAX_JSON_DEPTH`]); syntax errors give line and column, never the text.
///
/// # Errors
/// `too_large`, `too_deep` or `invalid_json`.
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
    if nesting_depth(text) > limits::MAX_JSON_DEPTH {
        return Err(ValidationError::single(
            "",
            ErrorCode::TooDeep,
            format!(
                "the input nests deeper than {} levels; a cohort document needs far fewer",
                limits::MAX_JSON_DEPTH
            ),
        ));
    }
    serde_json::from_str(text).map_err(|e| {
        ValidationError::single(
            "",
            ErrorCode::InvalidJson,
            format!(
                "not valid JSON (line {}, column {}): {}",
                e.line(),
                e.column(),
                json_problem(&e)
            ),
        )
    })
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

/// A key as it may appear in a field path: itself when it looks like a field name (ASCII
/// letters, digits and `_`, at most 40 characters, no CPR number), else `?`, so a hostile or
/// personal key is never repeated in an error.
///
/// ```
/// assert_eq!(overgang::json::key("economy"), "economy");
/// assert_eq!(overgang::json::key("010190-1234"), "?");
/// ```
pub fn key(k: &str) -> String {
    let plain = !k.is_empty()
        && k.len() <= 40
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'+');
    if plain && !crate::participant::contains_cpr(k) {
        k.to_string()
    } else {
        "?".to_string()
    }
}

/// Records an `unknown_field` problem for each key not in `allowed` (nothing is dropped silently).
pub fn refuse_unknown_keys(
    obj: &serde_json::Map<String, Value>,
    allowed: &[&str],
    prefix: &str,
    errors: &mut Vec<FieldError>,
) {
    for key in obj.keys().filter(|k| !allowed.contains(&k.as_str())) {
        // The key is named when it looks like a field name, never its value.
        let path = format!("{prefix}{}", self::key(key));
        errors.push(FieldError::new(
            path.clone(),
            ErrorCode::UnknownField,
            format!("{path}: not a known field; allowed: {}", allowed.join(", ")),
        ));
    }
}

/// An optional id of a closed set at `path` (`null` or absent: `None`).
pub fn optional_id<T: crate::ids::IdSet>(
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
            .filter_map(|(i, v)| item(v, format!("{path}[{i}]"), errors))
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
pub fn id_list<T: crate::ids::IdSet>(
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

/// A path for messages: the document itself is "the document".
fn display(path: &str) -> &str {
    if path.is_empty() {
        "the document"
    } else {
        path
    }
}

/// serde for a `Date` as `YYYY-MM-DD`, by hand (see [`parse_date`]): the same text as time's
/// ISO format, without its format-description machinery in the browser build.
pub mod iso_date {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    /// Writes `YYYY-MM-DD`.
    pub fn serialize<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!(
            "{:04}-{:02}-{:02}",
            date.year(),
            u8::from(date.month()),
            date.day()
        ))
    }

    /// Reads `YYYY-MM-DD`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        super::parse_date("date", &text).map_err(|e| serde::de::Error::custom(e.message))
    }
}

/// [`iso_date`] for an optional date.
pub mod iso_date_opt {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    /// Writes `YYYY-MM-DD` or null.
    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => super::iso_date::serialize(d, s),
            None => s.serialize_none(),
        }
    }

    /// Reads `YYYY-MM-DD` or null.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        match <Option<std::borrow::Cow<'de, str>>>::deserialize(d)? {
            Some(text) => super::parse_date("date", &text)
                .map(Some)
                .map_err(|e| serde::de::Error::custom(e.message)),
            None => Ok(None),
        }
    }
}
