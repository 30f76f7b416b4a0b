//! Dated registrations of a participant beside the one-off fields: whether the citizen sold
//! sex in the last month (seed 004 line 107 reports this share at a course's start and end).

use crate::error::{ErrorCode, FieldError};
use crate::json;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashSet;
use time::Date;

/// A dated yes/no registration, such as `sold_sex_last_month: [{date, value}]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DatedAnswer {
    /// When it was registered.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    #[serde(with = "crate::dates::iso_date")]
    pub date: Date,
    /// The answer.
    pub value: bool,
}

/// One answer per date (for records built without the reader).
pub(super) fn check_answers(answers: &[DatedAnswer], path: &str, errors: &mut Vec<FieldError>) {
    let mut seen = HashSet::new();
    for (i, a) in answers.iter().enumerate() {
        if !seen.insert(a.date) {
            errors.push(FieldError::new(
                format!("{path}[{i}].date"),
                ErrorCode::Duplicate,
                format!(
                    "{path}[{i}].date: an earlier answer has the same date; one answer per date"
                ),
            ));
        }
    }
}

/// Reads a list of `{date, value}` at `path` (absent or `null`: empty); one answer per date.
pub(super) fn dated_answers(
    value: Option<&Value>,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Vec<DatedAnswer> {
    let mut seen = HashSet::new();
    json::list(value, path, "{date, value}", errors, |v, at, errors| {
        let o = json::object(v, &at, "{date, value}", errors)?;
        json::refuse_unknown_keys(o, &["date", "value"], &format!("{at}."), errors);
        let date = json::date(o.get("date"), &format!("{at}.date"), errors);
        let answer = match o.get("value") {
            Some(Value::Bool(b)) => Some(*b),
            None | Some(Value::Null) => {
                errors.push(FieldError::new(
                    format!("{at}.value"),
                    ErrorCode::Missing,
                    format!("{at}.value is missing; expected true or false"),
                ));
                None
            }
            Some(_) => {
                errors.push(FieldError::new(
                    format!("{at}.value"),
                    ErrorCode::InvalidFormat,
                    format!("{at}.value: expected true or false"),
                ));
                None
            }
        };
        let date = date?;
        if !seen.insert(date) {
            errors.push(FieldError::new(
                format!("{at}.date"),
                ErrorCode::Duplicate,
                format!("{at}.date: an earlier answer has the same date; one answer per date"),
            ));
        }
        Some(DatedAnswer {
            date,
            value: answer?,
        })
    })
}

/// One participation period: a citizen "always has the option to come back" (seed 003 lines 186
/// and 206), so one citizen may have several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Period {
    /// First day.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    #[serde(with = "crate::dates::iso_date")]
    pub start: Date,
    /// Last day; `None` while it lasts (only the last period may be open).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    #[serde(with = "crate::dates::iso_date_opt")]
    pub end: Option<Date>,
}

/// Reads `participations: [{start, end}]` (absent, `null` or empty: none).
pub(super) fn periods(value: Option<&Value>, errors: &mut Vec<FieldError>) -> Vec<Period> {
    json::list(
        value,
        "participations",
        "{start, end}",
        errors,
        |v, at, errors| {
            let o = json::object(v, &at, "{start, end}", errors)?;
            json::refuse_unknown_keys(o, &["start", "end"], &format!("{at}."), errors);
            let start = json::date(o.get("start"), &format!("{at}.start"), errors);
            let end = json::optional_date(o.get("end"), &format!("{at}.end"), errors);
            Some(Period { start: start?, end })
        },
    )
}

/// The rules of participation periods: each ends on or after its start; they are listed in
/// order and do not overlap (a period starts after the previous one's last day); only the last
/// may be open; with periods, `start` is the first period's start and `end` the last one's end.
pub(super) fn check_periods(
    periods: &[Period],
    start: Option<Date>,
    end: Option<Date>,
    errors: &mut Vec<FieldError>,
) {
    for (i, p) in periods.iter().enumerate() {
        if p.end.is_some_and(|e| e < p.start) {
            errors.push(FieldError::new(
                format!("participations[{i}].end"),
                ErrorCode::Inconsistent,
                format!("participations[{i}].end: before the period's start"),
            ));
        }
        if let Some(prev) = i.checked_sub(1).and_then(|j| periods.get(j)) {
            if prev.end.is_none_or(|e| p.start <= e) || p.start < prev.start {
                errors.push(FieldError::new(
                    format!("participations[{i}].start"),
                    ErrorCode::Inconsistent,
                    format!("participations[{i}].start: overlaps the period before it; periods are listed in order, do not overlap, and only the last may be open"),
                ));
            }
        }
    }
    if let (Some(first), Some(last)) = (periods.first(), periods.last()) {
        if start.is_some_and(|s| s != first.start) {
            errors.push(FieldError::new(
                "start",
                ErrorCode::Inconsistent,
                "start: differs from the first participation's start; give one or make them agree",
            ));
        }
        if end != last.end {
            errors.push(FieldError::new(
                "end",
                ErrorCode::Inconsistent,
                "end: differs from the last participation's end; give one or make them agree",
            ));
        }
    }
}

impl super::Participant {
    /// The participation periods: `participations` when given, otherwise the one period from
    /// `start` to `end`.
    ///
    /// ```
    /// use overgang::participant::Participant;
    /// let p = Participant::from_json(r#"{"id": "KBH-0001", "participations": [
    ///     {"start": "2024-01-15", "end": "2024-03-01"}, {"start": "2024-09-01"}]}"#)?;
    /// assert_eq!(p.periods().len(), 2);
    /// assert_eq!((p.start.to_string(), p.end), ("2024-01-15".to_string(), None));
    /// let one = Participant::from_json(r#"{"id": "KBH-0002", "start": "2024-01-15"}"#)?;
    /// assert_eq!(one.periods().len(), 1);
    /// # Ok::<(), overgang::ValidationError>(())
    /// ```
    pub fn periods(&self) -> Vec<Period> {
        if self.participations.is_empty() {
            vec![Period {
                start: self.start,
                end: self.end,
            }]
        } else {
            self.participations.clone()
        }
    }
}

/// Reads the municipality of residence: a code as [`MunicipalityCode::from_value`] reads it
/// (absent or `null`: unknown). The value is never echoed.
pub(super) fn municipality(
    value: Option<&Value>,
    errors: &mut Vec<FieldError>,
) -> Option<crate::municipality::MunicipalityCode> {
    match value {
        None | Some(Value::Null) => None,
        Some(v) => crate::municipality::MunicipalityCode::from_value("municipality", v)
            .map_err(|e| errors.push(e))
            .ok(),
    }
}
