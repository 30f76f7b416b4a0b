//! Questionnaire answers as they arrive from outside Rust, and their validation.
//!
//! Python, JavaScript, JSON and CSV give answers of any type. The bindings only say *what* they
//! received ([`RawAnswer`]); the rules for what is accepted live here, once:
//! - `None`/`null`/`undefined`, and NaN (the missing-value marker of pandas and numpy), are
//!   missing answers;
//! - whole numbers must lie on the instrument's scale;
//! - a number with a fractional part is an error (`not_an_integer`), never truncated; a float
//!   with no fractional part (`3.0`) is the whole number it equals, since JavaScript and numpy
//!   float arrays cannot tell the two apart;
//! - text, booleans and any other type are errors (`not_a_number`), never parsed or coerced.

use crate::error::{ErrorCode, FieldError, ValidationError};
use std::ops::RangeInclusive;

/// One answer as received, before validation.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum RawAnswer {
    /// No answer (`None`, `null`, `undefined`, an empty CSV cell).
    Missing,
    /// A whole number.
    Integer(i64),
    /// A whole number too large for `i64` (Python integers are unbounded).
    HugeInteger,
    /// A floating-point number (NaN counts as missing).
    Float(f64),
    /// A boolean: refused, even though Python treats `True` as 1.
    Bool(bool),
    /// Text: refused, not parsed (its content is not echoed in errors).
    Text,
    /// Any other type (a list, a dict, an object).
    Other,
}

impl From<Option<u8>> for RawAnswer {
    fn from(value: Option<u8>) -> Self {
        value.map_or(RawAnswer::Missing, |v| RawAnswer::Integer(i64::from(v)))
    }
}

impl From<&serde_json::Value> for RawAnswer {
    fn from(value: &serde_json::Value) -> Self {
        use serde_json::Value;
        match value {
            Value::Null => RawAnswer::Missing,
            Value::Bool(b) => RawAnswer::Bool(*b),
            Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(i), _, _) => RawAnswer::Integer(i),
                (None, Some(_), _) => RawAnswer::HugeInteger,
                (_, _, Some(f)) => RawAnswer::Float(f),
                _ => RawAnswer::HugeInteger,
            },
            Value::String(_) => RawAnswer::Text,
            Value::Array(_) | Value::Object(_) => RawAnswer::Other,
        }
    }
}

impl RawAnswer {
    /// Reads an answer written as text, as in a CSV cell or on the command line.
    ///
    /// An empty cell, `NA`, `-` and `.` (the usual export markers) are missing; a whole number
    /// is [`RawAnswer::Integer`]; a decimal number is [`RawAnswer::Float`]; anything else is
    /// [`RawAnswer::Text`], refused later without echoing it.
    ///
    /// ```
    /// use overgang::RawAnswer;
    /// assert_eq!(RawAnswer::from_text(" 3 "), RawAnswer::Integer(3));
    /// assert_eq!(RawAnswer::from_text("NA"), RawAnswer::Missing);
    /// assert_eq!(RawAnswer::from_text("2,5"), RawAnswer::Text);
    /// ```
    pub fn from_text(cell: &str) -> RawAnswer {
        let cell = cell.trim();
        if cell.is_empty() || matches!(cell, "NA" | "na" | "N/A" | "-" | ".") {
            return RawAnswer::Missing;
        }
        if cell.bytes().all(|b| b.is_ascii_digit())
            || (cell.starts_with('-')
                && cell.len() > 1
                && cell[1..].bytes().all(|b| b.is_ascii_digit()))
        {
            return cell
                .parse()
                .map_or(RawAnswer::HugeInteger, RawAnswer::Integer);
        }
        let numeric = cell
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
        match cell.parse::<f64>() {
            Ok(f) if numeric && f.is_finite() => RawAnswer::Float(f),
            _ => RawAnswer::Text,
        }
    }
}

/// How a number is named in an error message: the number itself when it is short enough to be
/// a value on a scale (`7`, `2.5`, `-1`), otherwise "the number". A long number may be a CPR
/// number or another identifier typed into the wrong field, and must not be repeated.
///
/// ```
/// use overgang::answer::echo_number;
/// assert_eq!(echo_number(7.0), "7");
/// assert_eq!(echo_number(2.5), "2.5");
/// assert_eq!(echo_number(1801000000.0), "the number");
/// ```
pub fn echo_number(value: f64) -> String {
    let text = format!("{value}");
    if value.is_finite() && text.len() <= 6 {
        text
    } else {
        "the number".to_string()
    }
}

/// The error for answers given as something other than a list (a string, a number, a dict).
///
/// Strings are refused even where a language treats them as sequences of characters.
pub fn not_a_list() -> ValidationError {
    ValidationError::single(
        "items",
        ErrorCode::NotAList,
        "items: expected a list of answers (use null/None for a missing answer)",
    )
}

/// Reads one number that is not a questionnaire answer (e.g. an index for [`crate::who5::change`]).
///
/// # Errors
/// `missing`, `not_a_number` (text, booleans, other types) or `out_of_range` (infinite numbers).
pub fn number(field: &str, raw: RawAnswer) -> Result<f64, FieldError> {
    match raw {
        RawAnswer::Integer(i) => Ok(i as f64),
        RawAnswer::Float(f) if f.is_finite() => Ok(f),
        RawAnswer::Missing => Err(missing_number(field)),
        RawAnswer::Float(f) if f.is_nan() => Err(missing_number(field)),
        RawAnswer::Float(_) | RawAnswer::HugeInteger => Err(FieldError::new(
            field,
            ErrorCode::OutOfRange,
            format!("{field}: the number is out of range"),
        )),
        RawAnswer::Bool(_) | RawAnswer::Text | RawAnswer::Other => Err(FieldError::new(
            field,
            ErrorCode::NotANumber,
            format!("{field}: expected a number, got {}", raw.kind()),
        )),
    }
}

/// Reads a count or threshold (a whole number, 0 or more), e.g. a report's `min_cell`.
///
/// # Errors
/// As [`number`], plus `not_an_integer` for fractions and `out_of_range` for negative numbers.
pub fn count(field: &str, raw: RawAnswer) -> Result<u64, FieldError> {
    let value = number(field, raw)?;
    if value.fract() != 0.0 {
        return Err(FieldError::new(
            field,
            ErrorCode::NotAnInteger,
            format!(
                "{field}: {} is not a whole number; expected 0 or more",
                echo_number(value)
            ),
        ));
    }
    if !(0.0..=1e15).contains(&value) {
        return Err(FieldError::new(
            field,
            ErrorCode::OutOfRange,
            format!(
                "{field}: {} is out of range; expected a whole number, 0 or more",
                echo_number(value)
            ),
        ));
    }
    Ok(value as u64)
}

fn missing_number(field: &str) -> FieldError {
    FieldError::new(
        field,
        ErrorCode::Missing,
        format!("{field} is missing; a number is required"),
    )
}

impl RawAnswer {
    /// A short description of the kind of value, for messages that must not echo it.
    fn kind(self) -> &'static str {
        match self {
            RawAnswer::Missing => "nothing",
            RawAnswer::Integer(_) | RawAnswer::HugeInteger | RawAnswer::Float(_) => "a number",
            RawAnswer::Bool(_) => "true/false",
            RawAnswer::Text => "text",
            RawAnswer::Other => "a value that is not a number",
        }
    }
}

/// The error for a list of answers longer than [`crate::limits::MAX_ANSWERS`] (`too_long` on
/// `items`), given before the list is read.
///
/// ```
/// let e = overgang::answer::too_many_answers();
/// assert_eq!(e.errors()[0].code.as_str(), "too_long");
/// ```
pub fn too_many_answers() -> ValidationError {
    let max = crate::limits::MAX_ANSWERS;
    ValidationError::new(vec![FieldError::new(
        "items",
        ErrorCode::TooLong,
        format!("items: more than {max} answers; an instrument has at most 10 items"),
    )
    .with_max_length(max as u64)])
}

/// The name of the `index`-th item (zero-based), as used in error fields: `item1`, `item2`, ...
pub fn item_field(index: usize) -> String {
    format!("item{}", index + 1)
}

/// Checks a list of answers against an instrument's length and scale.
///
/// Returns, per item, the answer as `Option<u8>` (missing kept as `None`, for the instrument's
/// own missing-data rule) or the problem with it. `what` names the instrument in messages.
///
/// # Errors
/// `wrong_length` on `items` when the list does not have `expected_len` answers.
pub(crate) fn validate_answers(
    answers: &[RawAnswer],
    expected_len: usize,
    scale: RangeInclusive<u8>,
    what: &str,
) -> Result<Vec<Result<Option<u8>, FieldError>>, ValidationError> {
    let (lo, hi) = (*scale.start(), *scale.end());
    if answers.len() != expected_len {
        return Err(ValidationError::single(
            "items",
            ErrorCode::WrongLength,
            format!(
                "items: {what} has {expected_len} items; got {} answers",
                answers.len()
            ),
        ));
    }
    let values = answers
        .iter()
        .enumerate()
        .map(|(i, &answer)| {
            classify(answer, lo, hi).map_err(|code| {
                let field = item_field(i);
                let allowed = format!("answers are whole numbers from {lo} to {hi}");
                let message = describe(answer, &field, code, &allowed);
                FieldError::new(field, code, message).with_range(f64::from(lo), f64::from(hi))
            })
        })
        .collect();
    Ok(values)
}

/// One value on a scale for a named field (a step, a rating, an index): `Ok(None)` when
/// missing, or the error named by field, with `noun` in the message ("steps are whole numbers
/// from 1 to 10").
pub(crate) fn scale_value(
    field: &str,
    raw: RawAnswer,
    lo: u8,
    hi: u8,
    noun: &str,
) -> Result<Option<u8>, FieldError> {
    classify(raw, lo, hi).map_err(|code| {
        let allowed = format!("{noun} are whole numbers from {lo} to {hi}");
        FieldError::new(field, code, describe(raw, field, code, &allowed))
            .with_range(f64::from(lo), f64::from(hi))
    })
}

/// A whole number from `min` to `max` for a named setting (an option, a count), with the
/// range in the message and as context.
///
/// ```
/// use overgang::answer::{ranged_count, RawAnswer};
/// assert_eq!(ranged_count("min_cell", RawAnswer::Integer(3), 0, 100), Ok(3));
/// let e = ranged_count("min_cell", RawAnswer::Integer(-1), 0, 100).unwrap_err();
/// assert_eq!(e.message, "min_cell: -1 is out of range; expected a whole number from 0 to 100");
/// ```
///
/// # Errors
/// `missing`, `not_a_number`, `not_an_integer` or `out_of_range` on `field`.
pub fn ranged_count(field: &str, raw: RawAnswer, min: u64, max: u64) -> Result<u64, FieldError> {
    let value = number(field, raw).map_err(|e| e.with_range(min as f64, max as f64))?;
    let problem = if value.fract() != 0.0 {
        Some((ErrorCode::NotAnInteger, "is not a whole number"))
    } else if value < min as f64 || value > max as f64 {
        Some((ErrorCode::OutOfRange, "is out of range"))
    } else {
        None
    };
    match problem {
        None => Ok(value as u64),
        Some((code, what)) => Err(FieldError::new(
            field,
            code,
            format!(
                "{field}: {} {what}; expected a whole number from {min} to {max}",
                echo_number(value)
            ),
        )
        .with_range(min as f64, max as f64)),
    }
}

/// The rule for one answer on a scale `lo..=hi`: `Ok(None)` when missing, `Ok(Some(v))` when
/// valid, or the error code. Allocation-free: the batch (numpy) path and the detailed path
/// both call it, so they cannot disagree.
///
/// ```
/// use overgang::{answer::classify, ErrorCode, RawAnswer};
/// assert_eq!(classify(RawAnswer::Float(3.0), 0, 5), Ok(Some(3)));
/// assert_eq!(classify(RawAnswer::Float(f64::NAN), 0, 5), Ok(None));
/// assert_eq!(classify(RawAnswer::Float(2.5), 0, 5), Err(ErrorCode::NotAnInteger));
/// ```
#[inline]
pub fn classify(answer: RawAnswer, lo: u8, hi: u8) -> Result<Option<u8>, ErrorCode> {
    match answer {
        RawAnswer::Missing => Ok(None),
        RawAnswer::Integer(v) if (i64::from(lo)..=i64::from(hi)).contains(&v) => Ok(Some(v as u8)),
        RawAnswer::Integer(_) | RawAnswer::HugeInteger => Err(ErrorCode::OutOfRange),
        RawAnswer::Float(f) => classify_float(f, lo, hi),
        RawAnswer::Bool(_) | RawAnswer::Text | RawAnswer::Other => Err(ErrorCode::NotANumber),
    }
}

/// The float part of [`classify`]: NaN is missing, a whole number on the scale is valid, a
/// fraction is `not_an_integer`, anything else `out_of_range`. Written with casts rather than
/// `fract()` so the batch path needs no libm call per cell.
#[inline]
fn classify_float(f: f64, lo: u8, hi: u8) -> Result<Option<u8>, ErrorCode> {
    if f.is_nan() {
        return Ok(None);
    }
    if f >= f64::from(lo) && f <= f64::from(hi) {
        let v = f as u8;
        return if f64::from(v) == f {
            Ok(Some(v))
        } else {
            Err(ErrorCode::NotAnInteger)
        };
    }
    // Off the scale: a whole (or infinite, or too large to hold a fraction) number is out of
    // range; a fraction is not an integer.
    if f.is_infinite() || f.abs() >= 9_007_199_254_740_992.0 || (f as i64) as f64 == f {
        Err(ErrorCode::OutOfRange)
    } else {
        Err(ErrorCode::NotAnInteger)
    }
}

/// The message for an answer refused with `code`.
fn describe(answer: RawAnswer, field: &str, code: ErrorCode, allowed: &str) -> String {
    match (answer, code) {
        (RawAnswer::Integer(v), _) => format!(
            "{field}: {} is out of range; {allowed}",
            echo_number(v as f64)
        ),
        (RawAnswer::Float(f), ErrorCode::NotAnInteger) => format!(
            "{field}: {} is not a whole number; {allowed}",
            echo_number(f)
        ),
        (RawAnswer::Float(f), _) if f.is_infinite() => {
            format!("{field}: an infinite number is out of range; {allowed}")
        }
        (RawAnswer::Float(f), _) => {
            format!("{field}: {} is out of range; {allowed}", echo_number(f))
        }
        (RawAnswer::Bool(_), _) => format!("{field}: got true/false, not a number; {allowed}"),
        (RawAnswer::Text, _) => format!("{field}: got text, not a number; {allowed}"),
        (RawAnswer::Other, _) => format!("{field}: got a value that is not a number; {allowed}"),
        _ => format!("{field}: the number is out of range; {allowed}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integral_float_is_its_whole_number_but_fraction_is_refused() {
        let ok = validate_answers(&[RawAnswer::Float(3.0)], 1, 0..=5, "x").unwrap();
        assert_eq!(ok, [Ok(Some(3))]);
        let err = validate_answers(&[RawAnswer::Float(2.5)], 1, 0..=5, "x").unwrap();
        assert_eq!(err[0].as_ref().unwrap_err().code, ErrorCode::NotAnInteger);
    }

    #[test]
    fn text_is_never_echoed() {
        let err = validate_answers(&[RawAnswer::Text], 1, 0..=5, "x").unwrap();
        let err = err[0].as_ref().unwrap_err();
        assert_eq!(err.code, ErrorCode::NotANumber);
        assert!(err.message.contains("got text"));
    }
}
