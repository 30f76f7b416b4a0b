//! Reading a recorded course from JSON, collecting every problem with its path.

use super::ids::*;
use super::plan::*;
use super::recorded::*;
use crate::error::{ErrorCode, FieldError, ValidationError};
use crate::json;
use serde_json::Value;
use std::collections::BTreeMap;

/// The keys of a recorded course.
const RECORD_KEYS: [&str; 10] = [
    "contact_start",
    "phase1_start",
    "phase_months",
    "phases",
    "end",
    "focus_areas",
    "activity_plan",
    "support_network",
    "handover",
    "long_term_plan",
];

impl RecordedCourse {
    /// Reads and validates a recorded course; returns it with its warnings.
    ///
    /// # Errors
    /// Every problem, with paths such as `phases[2].date`.
    pub fn from_json(text: &str) -> Result<(RecordedCourse, Vec<Warning>), ValidationError> {
        let c = RecordedCourse::from_value(&json::parse_json(text)?)?;
        let w = c.warnings();
        Ok((c, w))
    }

    /// Reads and validates a recorded course from a JSON value.
    ///
    /// # Errors
    /// Every problem, with paths such as `phases[2].date`.
    pub fn from_value(value: &Value) -> Result<RecordedCourse, ValidationError> {
        let mut errors = Vec::new();
        let Some(obj) = json::object(value, "", "a course object", &mut errors) else {
            return Err(ValidationError::new(errors));
        };
        json::refuse_unknown_keys(obj, &RECORD_KEYS, "", &mut errors);
        let plan = plan(obj, "", &mut errors);
        let phases: Vec<PhaseTransition> = match obj.get("phases") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, v)| {
                    let path = format!("phases[{i}]");
                    let o = json::object(v, &path, "{phase, date}", &mut errors)?;
                    json::refuse_unknown_keys(
                        o,
                        &["phase", "date"],
                        &format!("{path}."),
                        &mut errors,
                    );
                    let phase =
                        required_id::<Phase>(o.get("phase"), &format!("{path}.phase"), &mut errors);
                    let date = json::date(o.get("date"), &format!("{path}.date"), &mut errors);
                    Some(PhaseTransition {
                        phase: phase?,
                        date: date?,
                    })
                })
                .collect(),
            Some(_) => {
                errors.push(FieldError::new(
                    "phases",
                    ErrorCode::NotAList,
                    "phases: expected a list of {phase, date}",
                ));
                Vec::new()
            }
        };
        let end = match obj.get("end") {
            None | Some(Value::Null) => None,
            Some(v) => json::object(v, "end", "{date, reason}", &mut errors).and_then(|o| {
                json::refuse_unknown_keys(o, &["date", "reason"], "end.", &mut errors);
                let date = json::date(o.get("date"), "end.date", &mut errors);
                let reason =
                    json::optional_id::<EndReason>(o.get("reason"), "end.reason", &mut errors);
                Some(CourseEnd {
                    date: date?,
                    reason,
                })
            }),
        };
        let mut focus_areas = BTreeMap::new();
        match obj.get("focus_areas") {
            None | Some(Value::Null) => {}
            Some(Value::Object(map)) => {
                for (i, (k, v)) in map.iter().enumerate() {
                    let (path, phase) = match crate::json::keyed_id::<Phase>("focus_areas", i, k) {
                        Ok((path, id)) => (path, Some(id)),
                        Err(e) => {
                            errors.push(e);
                            (format!("focus_areas#{}", i + 1), None)
                        }
                    };
                    let areas = json::id_list::<FocusArea>(Some(v), &path, &mut errors);
                    if let Some(p) = phase {
                        focus_areas.insert(p, areas);
                    }
                }
            }
            Some(_) => errors.push(FieldError::new(
                "focus_areas",
                ErrorCode::InvalidFormat,
                "focus_areas: expected an object {phase: [areas]}",
            )),
        }
        let activity_plan = match obj.get("activity_plan") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, v)| {
                    let path = format!("activity_plan[{i}]");
                    let o = json::object(v, &path, "{area, goal, activities}", &mut errors)?;
                    json::refuse_unknown_keys(
                        o,
                        &["area", "goal", "activities"],
                        &format!("{path}."),
                        &mut errors,
                    );
                    let area = required_id::<FocusArea>(
                        o.get("area"),
                        &format!("{path}.area"),
                        &mut errors,
                    );
                    let goal = text(o.get("goal"), &format!("{path}.goal"), &mut errors);
                    let activities = match o.get("activities") {
                        None | Some(Value::Null) => Vec::new(),
                        Some(Value::Array(a)) => a
                            .iter()
                            .enumerate()
                            .filter_map(|(j, t)| {
                                text(Some(t), &format!("{path}.activities[{j}]"), &mut errors)
                            })
                            .collect(),
                        Some(_) => {
                            errors.push(FieldError::new(
                                format!("{path}.activities"),
                                ErrorCode::NotAList,
                                format!("{path}.activities: expected a list"),
                            ));
                            Vec::new()
                        }
                    };
                    Some(PlanItem {
                        area: area?,
                        goal: goal?,
                        activities,
                    })
                })
                .collect(),
            Some(_) => {
                errors.push(FieldError::new(
                    "activity_plan",
                    ErrorCode::NotAList,
                    "activity_plan: expected a list",
                ));
                Vec::new()
            }
        };
        let support_network = json::id_list::<SupportRole>(
            obj.get("support_network"),
            "support_network",
            &mut errors,
        );
        let handover = match obj.get("handover") {
            None | Some(Value::Null) => None,
            Some(v) => json::object(v, "handover", "{date, to}", &mut errors).and_then(|o| {
                json::refuse_unknown_keys(o, &["date", "to"], "handover.", &mut errors);
                let date = json::date(o.get("date"), "handover.date", &mut errors);
                let to = required_id::<SupportRole>(o.get("to"), "handover.to", &mut errors);
                Some(Handover {
                    date: date?,
                    to: to?,
                })
            }),
        };
        let long_term_plan = match obj.get("long_term_plan") {
            None | Some(Value::Null) => None,
            Some(v) => {
                json::object(v, "long_term_plan", "{date, support}", &mut errors).and_then(|o| {
                    json::refuse_unknown_keys(
                        o,
                        &["date", "support"],
                        "long_term_plan.",
                        &mut errors,
                    );
                    let date = json::date(o.get("date"), "long_term_plan.date", &mut errors);
                    let support = json::id_list::<SupportRole>(
                        o.get("support"),
                        "long_term_plan.support",
                        &mut errors,
                    );
                    Some(LongTermPlan {
                        date: date?,
                        support,
                    })
                })
            }
        };
        let Some(plan) = plan else {
            return Err(ValidationError::new(errors));
        };
        let course = RecordedCourse {
            plan,
            phases,
            end,
            focus_areas,
            activity_plan,
            support_network,
            handover,
            long_term_plan,
        };
        if let Err(e) = course.validate() {
            errors.extend(e.into_errors());
        }
        ValidationError::check(errors, || course)
    }
}

fn required_id<T: crate::ids::IdSet>(
    value: Option<&Value>,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    if matches!(value, None | Some(Value::Null)) {
        errors.push(FieldError::new(
            path,
            ErrorCode::Missing,
            format!("{path} is missing"),
        ));
        return None;
    }
    json::optional_id::<T>(value, path, errors)
}

fn text(value: Option<&Value>, path: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    match value {
        Some(Value::String(s)) => crate::privacy::free_text(path, s)
            .map(|()| s.clone())
            .map_err(|e| errors.push(e))
            .ok(),
        None | Some(Value::Null) => {
            errors.push(FieldError::new(
                path,
                ErrorCode::Missing,
                format!("{path} is missing; text is required"),
            ));
            None
        }
        Some(_) => {
            errors.push(FieldError::new(
                path,
                ErrorCode::InvalidFormat,
                format!("{path}: expected text"),
            ));
            None
        }
    }
}
