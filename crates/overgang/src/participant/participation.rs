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
