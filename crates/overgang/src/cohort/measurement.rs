//! Dated questionnaire answers inside a cohort document: `{"date": "2024-03-01", "items": [...]}`.

use crate::answer::RawAnswer;
use crate::error::{ErrorCode, FieldError, ValidationError};
use crate::questionnaire::Instrument;
use crate::{gse, who5};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::Date;

/// One filled-in questionnaire: its date and the answers (`None` = missing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Measurement {
    /// When it was answered.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    #[serde(with = "crate::dates::iso_date")]
    pub date: Date,
    /// The answers in item order; `null` for a missing answer.
    pub items: Vec<Option<u8>>,
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
        let at = crate::json::indexed(path, j);
        let prefix = crate::json::joined(&at, ".", "");
        let Some(obj) = m.as_object() else {
            errors.push(FieldError::new(
                at.clone(),
                ErrorCode::InvalidFormat,
                format!("{at}: expected an object {{date, items}}"),
            ));
            continue;
        };
        crate::json::refuse_unknown_keys(obj, &["date", "items"], &prefix, errors);
        let date = crate::json::date(
            obj.get("date"),
            &crate::json::joined(&at, ".", "date"),
            errors,
        );
        let Some(items) = obj.get("items").and_then(Value::as_array) else {
            errors.push(FieldError::new(
                format!("{at}.items"),
                ErrorCode::NotAList,
                format!("{at}.items: expected a list of answers"),
            ));
            continue;
        };
        let raw: Vec<RawAnswer> = items.iter().map(RawAnswer::from).collect();
        // Answers are checked for type, range and count; missing answers are kept (the data is
        // what was recorded), and a measurement that cannot be scored is left out of the report
        // and counted there as unscored.
        let (len, scale, name) = scale(instrument);
        let checked = crate::answer::validate_answers(&raw, len, scale, name).map(|items| {
            let mut problems = Vec::new();
            let values: Vec<Option<u8>> = items
                .into_iter()
                .map(|r| r.map_err(|e| problems.push(e)).ok().flatten())
                .collect();
            (values, problems)
        });
        match (checked, date) {
            (Ok((items, problems)), Some(date)) if problems.is_empty() => {
                out.push(Measurement { date, items })
            }
            (Ok((_, problems)), _) if !problems.is_empty() => errors.extend(
                ValidationError::new(problems)
                    .prefixed(&prefix)
                    .into_errors(),
            ),
            (Ok(_), _) => {} // the date's problem is already recorded
            (Err(e), _) => errors.extend(e.prefixed(&prefix).into_errors()),
        }
    }
    out
}

/// An instrument's number of items, answer scale and name, for [`crate::answer::validate_answers`].
pub(crate) fn scale(instrument: Instrument) -> (usize, std::ops::RangeInclusive<u8>, &'static str) {
    match instrument {
        Instrument::Who5 => (who5::ITEMS, who5::MIN_ANSWER..=who5::MAX_ANSWER, "WHO-5"),
        Instrument::Gse => (gse::ITEMS, gse::MIN_ANSWER..=gse::MAX_ANSWER, "GSE"),
    }
}
