//! Validation errors as data: every problem in an input, each naming its field.
//!
//! A [`ValidationError`] carries a list of [`FieldError`]s so a form can mark every bad field
//! from one call, and an analyst sees every problem in a row at once. Messages name the field,
//! the rule and what is allowed; they echo a value only when it is a number on a scale, never
//! free text (the data is special-category personal data).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A stable, machine-readable error code, serialised in `snake_case`.
///
/// New codes are added as the library grows, so match with a wildcard arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// A required value is absent.
    Missing,
    /// A number lies outside the allowed range.
    OutOfRange,
    /// A list has the wrong number of elements.
    WrongLength,
    /// A value that must be a number is text, a boolean or another type.
    NotANumber,
    /// A number that must be whole has a fractional part.
    NotAnInteger,
    /// A list was expected and something else was given.
    NotAList,
    /// More answers are missing than the instrument's scoring rule allows.
    TooManyMissing,
    /// A value is not one of the allowed identifiers.
    UnknownValue,
    /// Text is not in the expected format (a date, an ID, a CSV line).
    InvalidFormat,
    /// A value that must be unique appears twice (an ID in a participants file).
    Duplicate,
    /// A key or column that the format does not have (nothing is dropped silently).
    UnknownField,
    /// An input larger than the documented limit.
    TooLarge,
    /// JSON nested deeper than the documented limit.
    TooDeep,
    /// Text that is not valid JSON.
    InvalidJson,
    /// Text that contains what looks like a CPR number (never echoed).
    ContainsCpr,
    /// Text longer than allowed.
    TooLong,
    /// Values that contradict each other (an end before the start, an age outside its band).
    Inconsistent,
    /// Steps of a sequence out of order (phases skipped, dates going back).
    OutOfOrder,
    /// A secret key too short to protect what it keys (pseudonyms).
    WeakKey,
}

impl ErrorCode {
    /// Every code, in declaration order (used by the bindings' tests to check none is unmapped).
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::Missing,
        ErrorCode::OutOfRange,
        ErrorCode::WrongLength,
        ErrorCode::NotANumber,
        ErrorCode::NotAnInteger,
        ErrorCode::NotAList,
        ErrorCode::TooManyMissing,
        ErrorCode::UnknownValue,
        ErrorCode::InvalidFormat,
        ErrorCode::Duplicate,
        ErrorCode::UnknownField,
        ErrorCode::TooLarge,
        ErrorCode::TooDeep,
        ErrorCode::InvalidJson,
        ErrorCode::ContainsCpr,
        ErrorCode::TooLong,
        ErrorCode::Inconsistent,
        ErrorCode::OutOfOrder,
        ErrorCode::WeakKey,
    ];

    /// The code as a small number for array outputs (numpy): its position in [`ErrorCode::ALL`]
    /// plus one, so that 0 means valid. Stable: codes are only ever appended.
    ///
    /// ```
    /// assert_eq!(overgang::ErrorCode::Missing.number(), 1);
    /// assert_eq!(overgang::ErrorCode::OutOfRange.number(), 2);
    /// ```
    pub fn number(self) -> u8 {
        ErrorCode::ALL
            .iter()
            .position(|&c| c == self)
            .map_or(u8::MAX, |i| i as u8 + 1)
    }

    /// The code as its stable `snake_case` string.
    ///
    /// ```
    /// assert_eq!(overgang::ErrorCode::OutOfRange.as_str(), "out_of_range");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Missing => "missing",
            ErrorCode::OutOfRange => "out_of_range",
            ErrorCode::WrongLength => "wrong_length",
            ErrorCode::NotANumber => "not_a_number",
            ErrorCode::NotAnInteger => "not_an_integer",
            ErrorCode::NotAList => "not_a_list",
            ErrorCode::TooManyMissing => "too_many_missing",
            ErrorCode::UnknownValue => "unknown_value",
            ErrorCode::InvalidFormat => "invalid_format",
            ErrorCode::Duplicate => "duplicate",
            ErrorCode::UnknownField => "unknown_field",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::TooDeep => "too_deep",
            ErrorCode::InvalidJson => "invalid_json",
            ErrorCode::ContainsCpr => "contains_cpr",
            ErrorCode::TooLong => "too_long",
            ErrorCode::Inconsistent => "inconsistent",
            ErrorCode::OutOfOrder => "out_of_order",
            ErrorCode::WeakKey => "weak_key",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem with one field of an input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// Path of the offending field, e.g. `item3`, `items` or `ratings.economy`.
    pub field: String,
    /// What kind of problem it is.
    pub code: ErrorCode,
    /// A sentence naming the field, the value (only when it is a number on a scale) and what is allowed.
    pub message: String,
    /// Where in an input file the value came from (CSV imports), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// What the rule allows, as data (like pydantic-core's `ctx`), so a form can write its own
    /// message without restating a limit: `min` and `max` for ranges, `allowed` for closed sets,
    /// `max_length` for text. Never holds the input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Box<ErrorContext>>,
}

/// What a rule allows; see [`FieldError::context`]. Every part is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ErrorContext {
    /// The smallest allowed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// The largest allowed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// The allowed ids of a closed set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<String>>,
    /// The most characters (text) or elements (lists) allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    /// The fewest characters or bytes allowed (keys).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    /// The written form expected, as a pattern (`YYYY-MM-DD` for dates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// The characters allowed in a text (an ID): ranges and single characters,
    /// e.g. `["A-Z", "a-z", "0-9", ".", "_", "-"]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub characters: Option<Vec<String>>,
}

impl Eq for ErrorContext {}

/// A place in an input file: file name, 1-based line and the column's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// The file's name as given (e.g. `who5.csv`).
    pub file: String,
    /// 1-based line number (the header is line 1).
    pub line: u64,
    /// The column's header name, when the problem is in one cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} line {}", self.file, self.line)?;
        if let Some(c) = &self.column {
            write!(f, ", column {c}")?;
        }
        Ok(())
    }
}

impl FieldError {
    /// Builds a field error.
    pub fn new(field: impl Into<String>, code: ErrorCode, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            code,
            message: message.into(),
            location: None,
            context: None,
        }
    }

    /// The same error with the allowed range `min..=max` as context.
    ///
    /// ```
    /// let e = overgang::FieldError::new("age", overgang::ErrorCode::OutOfRange, "age: out of range")
    ///     .with_range(18.0, 120.0);
    /// let ctx = e.context.unwrap();
    /// assert_eq!((ctx.min, ctx.max), (Some(18.0), Some(120.0)));
    /// ```
    pub fn with_range(mut self, min: f64, max: f64) -> Self {
        let ctx = self.context.get_or_insert_with(Box::default);
        ctx.min = Some(min);
        ctx.max = Some(max);
        self
    }

    /// The same error with the allowed ids of a closed set as context.
    pub fn with_allowed(mut self, allowed: &[&str]) -> Self {
        let ctx = self.context.get_or_insert_with(Box::default);
        ctx.allowed = Some(allowed.iter().map(|s| (*s).to_string()).collect());
        self
    }

    /// The same error with the shortest allowed text or key as context.
    pub fn with_min_length(mut self, min_length: u64) -> Self {
        self.context.get_or_insert_with(Box::default).min_length = Some(min_length);
        self
    }

    /// The same error with the longest allowed text or list as context.
    pub fn with_max_length(mut self, max_length: u64) -> Self {
        self.context.get_or_insert_with(Box::default).max_length = Some(max_length);
        self
    }

    /// The same error with the written form expected (`YYYY-MM-DD`) as context.
    pub fn with_format(mut self, format: &str) -> Self {
        self.context.get_or_insert_with(Box::default).format = Some(format.to_string());
        self
    }

    /// The same error with the characters a text may contain as context.
    pub fn with_characters(mut self, characters: &[&str]) -> Self {
        self.context.get_or_insert_with(Box::default).characters =
            Some(characters.iter().map(|s| (*s).to_string()).collect());
        self
    }

    /// The same error, located in an input file.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(at) = &self.location {
            write!(f, "{at}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Every problem found in one input. Never empty.
///
/// ```
/// let err = overgang::who5::score(&[Some(3), Some(9), None, Some(2), Some(1)]).unwrap_err();
/// let fields: Vec<&str> = err.errors().iter().map(|e| e.field.as_str()).collect();
/// assert_eq!(fields, ["item2", "item3"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(transparent)]
pub struct ValidationError {
    errors: Vec<FieldError>,
}

impl ValidationError {
    /// Wraps a non-empty list of field errors.
    ///
    /// # Panics
    /// Never in release code paths of this crate: callers only build it from a non-empty list.
    /// An empty list is a logic error, caught by a debug assertion.
    pub fn new(errors: Vec<FieldError>) -> Self {
        debug_assert!(
            !errors.is_empty(),
            "a ValidationError needs at least one FieldError"
        );
        ValidationError { errors }
    }

    /// A validation error with a single field error.
    pub fn single(field: impl Into<String>, code: ErrorCode, message: impl Into<String>) -> Self {
        ValidationError::new(vec![FieldError::new(field, code, message)])
    }

    /// The problems, in input order.
    pub fn errors(&self) -> &[FieldError] {
        &self.errors
    }

    /// Consumes the error, returning its problems.
    pub fn into_errors(self) -> Vec<FieldError> {
        self.errors
    }

    /// Returns `Ok(value)` when `errors` is empty, else the errors.
    pub(crate) fn check<T>(errors: Vec<FieldError>, value: impl FnOnce() -> T) -> Result<T, Self> {
        if errors.is_empty() {
            Ok(value())
        } else {
            Err(ValidationError::new(errors))
        }
    }

    /// Prefixes every field path with `prefix` (e.g. `who5[2].` + `item3`), in the field and
    /// where the message begins with the field's name.
    pub fn prefixed(mut self, prefix: &str) -> Self {
        for e in &mut self.errors {
            let field = if e.field.is_empty() {
                prefix.trim_end_matches('.').to_string()
            } else {
                format!("{prefix}{}", e.field)
            };
            if !e.field.is_empty() && e.message.starts_with(&e.field) {
                e.message = format!("{field}{}", &e.message[e.field.len()..]);
            } else if e.field.is_empty() {
                e.message = format!("{field}: {}", e.message);
            }
            e.field = field;
        }
        self
    }
}

/// How many problems the text of a [`ValidationError`] shows; [`ValidationError::errors`]
/// keeps every one and [`ValidationError::summary`] groups them.
pub const SHOWN_IN_TEXT: usize = 10;

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.errors.as_slice() {
            [one] => write!(f, "{one}"),
            many => {
                write!(f, "{} problems: ", many.len())?;
                for (i, e) in many.iter().take(SHOWN_IN_TEXT).enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{e}")?;
                }
                if many.len() > SHOWN_IN_TEXT {
                    write!(
                        f,
                        "; and {} more (every problem is in `errors`; `summary()` groups them by code and column)",
                        many.len() - SHOWN_IN_TEXT
                    )?;
                }
                Ok(())
            }
        }
    }
}

/// How many problems of each group a [`Summary`] keeps as examples.
pub const SUMMARY_EXAMPLES: usize = 3;

/// The problems of a [`ValidationError`] grouped by code, file and column, with a count and
/// the first few of each group: what to fix, at a glance, when there are thousands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Summary {
    /// Every problem counted.
    pub total: u64,
    /// The groups, in the order their first problem appears.
    pub groups: Vec<SummaryGroup>,
}

/// One group of a [`Summary`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SummaryGroup {
    /// The problems' code.
    pub code: ErrorCode,
    /// The input file, for CSV and spreadsheet input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The column (the location's), else the field with its positions left out
    /// (`participants[].who5[].items[]`).
    pub column: String,
    /// How many problems.
    pub count: u64,
    /// The first [`SUMMARY_EXAMPLES`] problems, with their locations.
    pub first: Vec<FieldError>,
}

/// A field path without its list positions: `a[3].b[0]` -> `a[].b[]`.
fn field_pattern(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut in_index = false;
    for c in field.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            c if in_index && c.is_ascii_digit() => {}
            c => out.push(c),
        }
    }
    out
}

impl ValidationError {
    /// The problems grouped by code, file and column, each group with its count and first
    /// [`SUMMARY_EXAMPLES`] problems.
    ///
    /// ```
    /// use overgang::{ErrorCode, FieldError, ValidationError};
    /// let e = ValidationError::new((0..500).map(|i| {
    ///     FieldError::new(format!("participants[{i}].who5[0].items[2]"), ErrorCode::OutOfRange, "item3: out of range")
    /// }).collect());
    /// let s = e.summary();
    /// assert_eq!((s.total, s.groups.len()), (500, 1));
    /// assert_eq!(s.groups[0].column, "participants[].who5[].items[]");
    /// assert_eq!(s.groups[0].first.len(), 3);
    /// assert!(e.to_string().len() < 1000);
    /// assert!(s.to_string().starts_with("500 problems in 1 group"));
    /// ```
    pub fn summary(&self) -> Summary {
        let mut groups: Vec<SummaryGroup> = Vec::new();
        let mut index: std::collections::HashMap<(ErrorCode, Option<String>, String), usize> =
            std::collections::HashMap::new();
        for e in &self.errors {
            let file = e.location.as_ref().map(|l| l.file.clone());
            let column = e
                .location
                .as_ref()
                .and_then(|l| l.column.clone())
                .unwrap_or_else(|| field_pattern(&e.field));
            let key = (e.code, file.clone(), column.clone());
            let i = *index.entry(key).or_insert_with(|| {
                groups.push(SummaryGroup {
                    code: e.code,
                    file,
                    column,
                    count: 0,
                    first: Vec::new(),
                });
                groups.len() - 1
            });
            if let Some(g) = groups.get_mut(i) {
                g.count += 1;
                if g.first.len() < SUMMARY_EXAMPLES {
                    g.first.push(e.clone());
                }
            }
        }
        Summary {
            total: self.errors.len() as u64,
            groups,
        }
    }
}

impl fmt::Display for Summary {
    /// One line per group (count, code, file and column) and its first problems indented.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} problem{} in {} group{}:",
            self.total,
            if self.total == 1 { "" } else { "s" },
            self.groups.len(),
            if self.groups.len() == 1 { "" } else { "s" }
        )?;
        for g in &self.groups {
            write!(f, "  {:>6} x {}", g.count, g.code)?;
            if let Some(file) = &g.file {
                write!(f, " in {file}")?;
            }
            if g.column.starts_with("column ") {
                writeln!(f, ", {}", g.column)?;
            } else {
                writeln!(f, ", column {}", g.column)?;
            }
            for e in &g.first {
                writeln!(f, "           {e}")?;
            }
            if g.count > g.first.len() as u64 {
                writeln!(
                    f,
                    "           ... and {} more",
                    g.count - g.first.len() as u64
                )?;
            }
        }
        Ok(())
    }
}
