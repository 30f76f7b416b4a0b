//! Dated questionnaire answers inside a cohort document: `{"date": "2024-03-01", "items": [...]}`.

use crate::answer::RawAnswer;
use crate::error::{ErrorCode, FieldError, ValidationError};
use crate::{gse, who5};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::Date;

/// One filled-in questionnaire: its date and the answers (`None` = missing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measurement {
    /// When it was answered.
    pub date: Date,
    /// The answers in item order; `null` for a missing answer.
    pub items: Vec<Option<u8>>,
}

/// Which instrument a measurement list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Instrument {
    Who5,
    Gse,
}

/// Validates a list of measurements of one instrument; `path` is e.g. `participants[3].who5`.
/// Each measurement must score (WHO-5: all five answered; GSE: at most three missing).
pub(crate) fn from_json(
    value: &Value,
    instrument: Instrument,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Vec<Measurement> {
    let Some(list) = value.as_array() else {
        errors.push(FieldError::new(
            path,
            ErrorCode::NotAList,
            format!("{path}: expected a list of {{date, items}} measurements"),
        ));
        return Vec::new();
    };
    let mut out = Vec::with_capacity(list.len());
    for (j, m) in list.iter().enumerate() {
        let at = format!("{path}[{j}]");
        let Some(obj) = m.as_object() else {
            errors.push(FieldError::new(
                at.clone(),
                ErrorCode::InvalidFormat,
                format!("{at}: expected an object {{date, items}}"),
            ));
            continue;
        };
        if obj.keys().any(|k| !matches!(k.as_str(), "date" | "items")) {
            errors.push(FieldError::new(
                at.clone(),
                ErrorCode::UnknownField,
                format!("{at}: a measurement has only `date` and `items`"),
            ));
        }
        let date = crate::cohort::doc::date(obj.get("date"), &format!("{at}.date"), errors);
        let Some(items) = obj.get("items").and_then(Value::as_array) else {
            errors.push(FieldError::new(
                format!("{at}.items"),
                ErrorCode::NotAList,
                format!("{at}.items: expected a list of answers"),
            ));
            continue;
        };
        let raw: Vec<RawAnswer> = items.iter().map(RawAnswer::from).collect();
        let scored: Result<Vec<Option<u8>>, ValidationError> = match instrument {
            Instrument::Who5 => who5::score_answers(&raw).map(|_| values(&raw)),
            Instrument::Gse => gse::score_answers(&raw).map(|_| values(&raw)),
        };
        match (scored, date) {
            (Ok(items), Some(date)) => out.push(Measurement { date, items }),
            (Err(e), _) => errors.extend(e.prefixed(&format!("{at}.")).into_errors()),
            (Ok(_), None) => {}
        }
    }
    out
}

/// The answers as `Option<u8>`, once the instrument has accepted them (the scale only decides
/// which values are kept; they were all checked by the instrument already).
fn values(raw: &[RawAnswer]) -> Vec<Option<u8>> {
    crate::answer::validate_answers(raw, raw.len(), 0..=u8::MAX, "")
        .map(|items| items.into_iter().map(|r| r.ok().flatten()).collect())
        .unwrap_or_default()
}
