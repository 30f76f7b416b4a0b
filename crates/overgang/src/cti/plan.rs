//! A planned course: its schedule of phases, month-end safe, and the phase on a date.

use super::ids::*;
use crate::answer::RawAnswer;
use crate::dates::add_months;
use crate::error::{ErrorCode, FieldError, ValidationError};
use crate::json;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::Date;

/// A planned course.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Course {
    /// Start of the contact period.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    #[serde(with = "crate::dates::iso_date")]
    pub contact_start: Date,
    /// Start of phase 1.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    #[serde(with = "crate::dates::iso_date")]
    pub phase1_start: Date,
    /// Length of each phase in months (4 in the Danish programme; 3 is canonical CTI).
    pub phase_months: u8,
}

/// One period of a planned schedule: `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlannedPhase {
    /// The phase.
    pub phase: Phase,
    /// First day.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    #[serde(with = "crate::dates::iso_date")]
    pub start: Date,
    /// First day after it (the next phase's start).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    #[serde(with = "crate::dates::iso_date")]
    pub end: Date,
}

impl Course {
    /// A planned course.
    ///
    /// # Errors
    /// `inconsistent` on `contact_start` when it is after `phase1_start`; `out_of_range` on
    /// `phase_months` outside 1-12.
    pub fn new(
        contact_start: Date,
        phase1_start: Date,
        phase_months: u8,
    ) -> Result<Course, ValidationError> {
        let mut errors = Vec::new();
        if contact_start > phase1_start {
            errors.push(FieldError::new(
                "contact_start",
                ErrorCode::Inconsistent,
                "contact_start: the contact period must start on or before phase 1",
            ));
        }
        if !(1..=12).contains(&phase_months) {
            errors.push(FieldError::new("phase_months", ErrorCode::OutOfRange, format!("phase_months: {phase_months} is out of range; a phase lasts 1 to 12 months (4 in the Danish programme, 3 in canonical CTI)")));
        }
        ValidationError::check(errors, || Course {
            contact_start,
            phase1_start,
            phase_months,
        })
    }

    /// As [`Course::new`], with the phase length as any whole number (from Python, JS, JSON).
    ///
    /// # Errors
    /// As [`Course::new`].
    pub fn with_months(
        contact_start: Date,
        phase1_start: Date,
        phase_months: u64,
    ) -> Result<Course, ValidationError> {
        match u8::try_from(phase_months) {
            Ok(m) => Course::new(contact_start, phase1_start, m),
            Err(_) => {
                let mut errors = Course::new(contact_start, phase1_start, 4)
                    .err()
                    .map(ValidationError::into_errors)
                    .unwrap_or_default();
                errors.push(FieldError::new(
                    "phase_months",
                    ErrorCode::OutOfRange,
                    format!("phase_months: {} is out of range; a phase lasts 1 to 12 months (4 in the Danish programme, 3 in canonical CTI)", crate::answer::echo_number(phase_months as f64)),
                ));
                Err(ValidationError::new(errors))
            }
        }
    }

    /// Reads `{contact_start, phase1_start, phase_months}` (phase_months defaults to 4).
    ///
    /// # Errors
    /// Every problem, by field.
    pub fn from_value(value: &Value) -> Result<Course, ValidationError> {
        let mut errors = Vec::new();
        let Some(obj) = json::object(
            value,
            "",
            "a course {contact_start, phase1_start, phase_months}",
            &mut errors,
        ) else {
            return Err(ValidationError::new(errors));
        };
        json::refuse_unknown_keys(
            obj,
            &["contact_start", "phase1_start", "phase_months"],
            "",
            &mut errors,
        );
        let course = plan(obj, "", &mut errors);
        match course {
            Some(c) if errors.is_empty() => Ok(c),
            _ => Err(ValidationError::new(errors)),
        }
    }

    /// Start of phase `k` (1-3): phase-1 start + (k-1) x length months, each counted from the
    /// phase-1 start and clamped to the month's end.
    fn phase_start(&self, k: u32) -> Date {
        add_months(self.phase1_start, (k - 1) * u32::from(self.phase_months))
    }

    /// The planned end: the first day after phase 3.
    pub fn planned_end(&self) -> Date {
        self.phase_start(4)
    }

    /// The planned periods, contact period first; each ends where the next starts.
    pub fn schedule(&self) -> Vec<PlannedPhase> {
        let starts = [
            self.contact_start,
            self.phase1_start,
            self.phase_start(2),
            self.phase_start(3),
            self.planned_end(),
        ];
        Phase::ALL
            .iter()
            .enumerate()
            .map(|(i, &phase)| PlannedPhase {
                phase,
                start: starts[i],
                end: starts[i + 1],
            })
            .collect()
    }

    /// The planned phase on a date: `None` before the contact start and from the planned end.
    pub fn phase_on(&self, date: Date) -> Option<Phase> {
        self.schedule()
            .into_iter()
            .find(|p| p.start <= date && date < p.end)
            .map(|p| p.phase)
    }
}

pub(super) fn plan(
    obj: &serde_json::Map<String, Value>,
    prefix: &str,
    errors: &mut Vec<FieldError>,
) -> Option<Course> {
    let contact = json::date(
        obj.get("contact_start"),
        &format!("{prefix}contact_start"),
        errors,
    );
    let phase1 = json::date(
        obj.get("phase1_start"),
        &format!("{prefix}phase1_start"),
        errors,
    );
    let months = match obj.get("phase_months") {
        None | Some(Value::Null) => Some(u64::from(DEFAULT_PHASE_MONTHS)),
        Some(v) => match crate::answer::count(&format!("{prefix}phase_months"), RawAnswer::from(v))
        {
            Ok(m) => Some(m),
            Err(e) => {
                errors.push(e);
                None
            }
        },
    };
    let course = Course::with_months(contact?, phase1?, months?)
        .map_err(|e| errors.extend(e.prefixed(prefix).into_errors()))
        .ok()?;
    Some(course)
}
