//! One participant of a cohort with everything recorded about them, and the error-collecting
//! reader of one participant object.

use super::{measurement, Measurement};
use crate::error::{ErrorCode, FieldError, ValidationError};
use crate::json as doc;
use crate::participant::Participant;
use crate::{cti, outcomes, ten_step};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The keys a cohort adds to a participant's registration.
const MEMBER_KEYS: [&str; 5] = ["who5", "gse", "ten_step", "outcomes", "cti"];

/// One participant of a cohort with everything recorded about them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ParticipantRecord {
    /// Registration: ID, gender, age, dates, interventions, referrals.
    #[serde(flatten)]
    pub participant: Participant,
    /// WHO-5 questionnaires.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub who5: Vec<Measurement>,
    /// GSE questionnaires.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gse: Vec<Measurement>,
    /// Ten-step assessments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ten_step: Vec<ten_step::Assessment>,
    /// Life-situation readings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<outcomes::Reading>,
    /// A CTI course.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cti: Option<cti::RecordedCourse>,
}

impl ParticipantRecord {
    /// Validates one participant record as a cohort holds it (registration plus `who5`, `gse`,
    /// `ten_step`, `outcomes`, `cti`): what a form downloads and the report reads.
    ///
    /// ```
    /// let m = overgang::cohort::ParticipantRecord::from_json(r#"{"id": "AAR-0001", "start": "2024-01-15",
    ///     "who5": [{"date": "2024-01-15", "items": [3, 4, 2, 3, 4]}]}"#)?;
    /// assert_eq!(m.who5.len(), 1);
    /// # Ok::<(), overgang::ValidationError>(())
    /// ```
    ///
    /// # Errors
    /// Every problem, with paths such as `who5[0].item3`.
    pub fn from_json(text: &str) -> Result<ParticipantRecord, ValidationError> {
        ParticipantRecord::from_value(&doc::parse_json(text)?)
    }

    /// As [`ParticipantRecord::from_json`], from a JSON value.
    ///
    /// # Errors
    /// Every problem, with paths.
    pub fn from_value(value: &Value) -> Result<ParticipantRecord, ValidationError> {
        let mut errors = Vec::new();
        match member(value, "", &record_keys(), &mut errors) {
            Some(m) if errors.is_empty() => Ok(m),
            _ => Err(ValidationError::new(errors)),
        }
    }

    /// The record as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The latest date in the record: start, end, answers, interventions, questionnaires,
    /// assessments, readings and the course (part of a cohort's default report date).
    pub(super) fn latest_date(&self) -> Option<time::Date> {
        let p = &self.participant;
        std::iter::once(Some(p.start))
            .chain(std::iter::once(p.end))
            .chain(p.sold_sex_last_month.iter().map(|a| Some(a.date)))
            .chain(p.interventions.iter().map(|i| i.date))
            .chain(self.who5.iter().chain(&self.gse).map(|x| Some(x.date)))
            .chain(self.ten_step.iter().map(|a| Some(a.date)))
            .chain(self.outcomes.iter().map(|r| Some(r.date)))
            .chain(self.cti.iter().flat_map(|c| c.dates()).map(Some))
            .flatten()
            .max()
    }
}

/// The keys of a participant object in a cohort: the registration's and the cohort's own.
pub(super) fn record_keys() -> Vec<&'static str> {
    crate::participant::KEYS
        .iter()
        .chain(&MEMBER_KEYS)
        .copied()
        .collect()
}

/// One participant object: registration keys go to the participant validator, the cohort's
/// own keys are validated here. `path` is the record's path (`participants[3]`, or "" alone).
pub(super) fn member(
    value: &Value,
    path: &str,
    keys: &[&str],
    errors: &mut Vec<FieldError>,
) -> Option<ParticipantRecord> {
    let Some(obj) = value.as_object() else {
        errors.push(FieldError::new(
            path,
            ErrorCode::InvalidFormat,
            format!(
                "{}: expected a participant object",
                if path.is_empty() { "the record" } else { path }
            ),
        ));
        return None;
    };
    let prefix = if path.is_empty() {
        String::new()
    } else {
        format!("{path}.")
    };
    let participant = crate::participant::Participant::from_object(obj, keys)
        .map_err(|e| errors.extend(e.prefixed(&prefix).into_errors()))
        .ok();
    let list = |key: &str, instrument, errors: &mut Vec<FieldError>| match obj.get(key) {
        None | Some(Value::Null) => Vec::new(),
        Some(v) => measurement::from_json(v, instrument, &format!("{prefix}{key}"), errors),
    };
    let who5 = list("who5", crate::questionnaire::Instrument::Who5, errors);
    let gse = list("gse", crate::questionnaire::Instrument::Gse, errors);
    let ten_step = nested(
        obj.get("ten_step"),
        &format!("{prefix}ten_step"),
        errors,
        ten_step::Assessment::from_value,
    );
    let outcomes = nested(
        obj.get("outcomes"),
        &format!("{prefix}outcomes"),
        errors,
        outcomes::Reading::from_value,
    );
    let cti = match obj.get("cti") {
        None | Some(Value::Null) => None,
        Some(v) => cti::RecordedCourse::from_value(v)
            .map_err(|e| errors.extend(e.prefixed(&format!("{prefix}cti.")).into_errors()))
            .ok(),
    };
    Some(ParticipantRecord {
        participant: participant?,
        who5,
        gse,
        ten_step,
        outcomes,
        cti,
    })
}

/// A list of items validated by a module's own `from_value`, with indexed paths.
fn nested<T>(
    value: Option<&Value>,
    path: &str,
    errors: &mut Vec<FieldError>,
    parse: impl Fn(&Value) -> Result<T, ValidationError>,
) -> Vec<T> {
    crate::json::list(value, path, "objects", errors, |v, at, errors| {
        parse(v)
            .map_err(|e| errors.extend(e.prefixed(&format!("{at}.")).into_errors()))
            .ok()
    })
}
