//! A course as it ran: phase transitions, end, activity plan, handover, warnings, status and
//! months per phase.

use super::ids::*;
use super::plan::*;
use crate::dates::DAYS_PER_MONTH;
use crate::error::{ErrorCode, FieldError, ValidationError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::Date;

/// The date a phase actually began.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PhaseTransition {
    /// The phase.
    pub phase: Phase,
    /// Its first day.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    #[serde(with = "crate::dates::iso_date")]
    pub date: Date,
}

/// How a course ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CourseEnd {
    /// The last day.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    #[serde(with = "crate::dates::iso_date")]
    pub date: Date,
    /// Why it ended; required when phase 3 was not reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<EndReason>,
}

/// Goal and activities for one focus area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlanItem {
    /// The focus area.
    pub area: FocusArea,
    /// The goal, in a few words (no names).
    pub goal: String,
    /// Activities towards it.
    #[serde(default)]
    pub activities: Vec<String>,
}

/// The handover to the support network, recorded in phase 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Handover {
    /// When.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    #[serde(with = "crate::dates::iso_date")]
    pub date: Date,
    /// To whom (a role of the support network).
    pub to: SupportRole,
}

/// The long-term plan for possible further support ("langsigtet plan for evt. videre støtte",
/// seed 004 line 441), made in phase 3.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LongTermPlan {
    /// When it was made.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    #[serde(with = "crate::dates::iso_date")]
    pub date: Date,
    /// Who carries further support, by role of the support network (empty: no further support
    /// is needed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub support: Vec<SupportRole>,
}

/// A problem that does not make a record invalid (kept apart from errors).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Warning {
    /// The field it concerns.
    pub field: String,
    /// A stable code.
    pub code: String,
    /// What to consider.
    pub message: String,
}

/// The status of a course on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum CourseStatus {
    /// No phase has begun yet.
    NotStarted,
    /// Running, in a phase.
    Running {
        /// The current phase.
        phase: Phase,
    },
    /// Ended after running all three phases (see [`RecordedCourse::status`]).
    Completed,
    /// Ended otherwise.
    Interrupted {
        /// Why.
        reason: Option<EndReason>,
    },
}

impl CourseStatus {
    /// `not_started`, `running`, `completed` or `interrupted`.
    pub const fn kind(self) -> &'static str {
        match self {
            CourseStatus::NotStarted => "not_started",
            CourseStatus::Running { .. } => "running",
            CourseStatus::Completed => "completed",
            CourseStatus::Interrupted { .. } => "interrupted",
        }
    }

    /// The report's group of this status (always `Some`: a course that has not started has its
    /// own row, `not_started`, so the report's shares sum to 100).
    ///
    /// ```
    /// use overgang::cti::{CourseStatus, Phase, StatusGroup};
    /// let running = CourseStatus::Running { phase: Phase::TryOut };
    /// assert_eq!(running.group(), Some(StatusGroup::RunningTryOut));
    /// assert_eq!(CourseStatus::NotStarted.group(), Some(StatusGroup::NotStarted));
    /// ```
    pub const fn group(self) -> Option<StatusGroup> {
        Some(match self {
            CourseStatus::NotStarted => StatusGroup::NotStarted,
            CourseStatus::Running { phase } => match phase {
                Phase::Contact => StatusGroup::RunningContact,
                Phase::Planning => StatusGroup::RunningPlanning,
                Phase::TryOut => StatusGroup::RunningTryOut,
                Phase::Transfer => StatusGroup::RunningTransfer,
            },
            CourseStatus::Completed => StatusGroup::Completed,
            CourseStatus::Interrupted { .. } => StatusGroup::Interrupted,
        })
    }

    /// The phase of a running course.
    pub const fn phase(self) -> Option<Phase> {
        match self {
            CourseStatus::Running { phase } => Some(phase),
            _ => None,
        }
    }
}

/// A course as it actually ran.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RecordedCourse {
    /// The plan.
    #[serde(flatten)]
    pub plan: Course,
    /// The actual phase transitions, in order.
    #[serde(default)]
    pub phases: Vec<PhaseTransition>,
    /// How it ended, if it has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<CourseEnd>,
    /// Focus areas per phase (they may change between phases).
    #[serde(default)]
    pub focus_areas: BTreeMap<Phase, Vec<FocusArea>>,
    /// The activity plan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activity_plan: Vec<PlanItem>,
    /// The support network, by role.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub support_network: Vec<SupportRole>,
    /// The handover to the network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handover: Option<Handover>,
    /// The long-term plan for further support, made in phase 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub long_term_plan: Option<LongTermPlan>,
}

impl RecordedCourse {
    /// The rules between fields: phases run in order from `contact`, none skipped, dates never
    /// go back; the end is not before the last phase; an ended course that did not reach phase
    /// 3 has a reason; at least one focus area; the handover happens in phase 3, to a role of
    /// the support network; the long-term plan is made in phase 3, naming roles of the
    /// support network; neither is dated after the end.
    ///
    /// # Errors
    /// Every problem found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        let mut errors = Vec::new();
        for (i, t) in self.phases.iter().enumerate() {
            let expected = Phase::ALL[i.min(Phase::ALL.len() - 1)];
            if i >= Phase::ALL.len() || t.phase != expected {
                errors.push(FieldError::new(format!("phases[{i}].phase"), ErrorCode::OutOfOrder, format!("phases[{i}].phase: expected {expected} here; phases run contact, planning, try_out, transfer, none skipped or repeated")));
            }
            if i > 0 && t.date < self.phases[i - 1].date {
                errors.push(FieldError::new(
                    format!("phases[{i}].date"),
                    ErrorCode::OutOfOrder,
                    format!(
                        "phases[{i}].date: before the previous phase's date; dates never go back"
                    ),
                ));
            }
        }
        if let Some(end) = &self.end {
            if self.phases.last().is_some_and(|t| end.date < t.date) {
                errors.push(FieldError::new(
                    "end.date",
                    ErrorCode::Inconsistent,
                    "end.date: before the start of the last phase",
                ));
            }
            if !self.reached(Phase::Transfer) && end.reason.is_none() {
                errors.push(FieldError::new("end.reason", ErrorCode::Missing, "end.reason is missing; a course that ends before phase 3 is interrupted and needs a reason"));
            }
        }
        if !self.focus_areas.is_empty() && self.focus_areas.values().all(Vec::is_empty) {
            errors.push(FieldError::new(
                "focus_areas",
                ErrorCode::Missing,
                "focus_areas: at least one focus area is required",
            ));
        }
        if let Some(h) = &self.handover {
            match self.phases.iter().find(|t| t.phase == Phase::Transfer) {
                Some(t) if h.date >= t.date => {}
                _ => errors.push(FieldError::new(
                    "handover.date",
                    ErrorCode::Inconsistent,
                    "handover.date: the handover to the network is recorded in phase 3 (transfer)",
                )),
            }
            if self.end.as_ref().is_some_and(|e| h.date > e.date) {
                errors.push(FieldError::new(
                    "handover.date",
                    ErrorCode::Inconsistent,
                    "handover.date: after the course's end",
                ));
            }
            if !self.support_network.contains(&h.to) {
                errors.push(FieldError::new(
                    "handover.to",
                    ErrorCode::Inconsistent,
                    "handover.to: hand over to a role listed in support_network",
                ));
            }
        }
        if let Some(plan) = &self.long_term_plan {
            match self.phases.iter().find(|t| t.phase == Phase::Transfer) {
                Some(t) if plan.date >= t.date => {}
                _ => errors.push(FieldError::new(
                    "long_term_plan.date",
                    ErrorCode::Inconsistent,
                    "long_term_plan.date: the long-term plan is made in phase 3 (transfer)",
                )),
            }
            if self.end.as_ref().is_some_and(|e| plan.date > e.date) {
                errors.push(FieldError::new(
                    "long_term_plan.date",
                    ErrorCode::Inconsistent,
                    "long_term_plan.date: after the course's end",
                ));
            }
            for (i, role) in plan.support.iter().enumerate() {
                if !self.support_network.contains(role) {
                    errors.push(FieldError::new(
                        format!("long_term_plan.support[{i}]"),
                        ErrorCode::Inconsistent,
                        format!(
                            "long_term_plan.support[{i}]: name a role listed in support_network"
                        ),
                    ));
                }
            }
        }
        ValidationError::check(errors, || ())
    }

    /// Warnings: fewer than 3 or more than 5 focus areas in a phase (the guide says 3-5 is
    /// usually right), or no focus area recorded yet; a course in phase 2 or 3 with no member
    /// of the support network planned (`no_support_network`: the network is planned from the
    /// start, seed 004 line 615); a completed course without a long-term plan
    /// (`no_long_term_plan`, seed 004 line 441).
    ///
    /// ```
    /// use overgang::cti::RecordedCourse;
    /// let (_, warnings) = RecordedCourse::from_json(r#"{"contact_start": "2024-09-15",
    ///     "phase1_start": "2024-10-31", "focus_areas": {"planning": ["economy", "housing", "network"]},
    ///     "phases": [{"phase": "contact", "date": "2024-09-15"}, {"phase": "planning", "date": "2024-10-31"},
    ///                {"phase": "try_out", "date": "2025-02-28"}]}"#)?;
    /// let codes: Vec<&str> = warnings.iter().map(|w| w.code.as_str()).collect();
    /// assert_eq!(codes, ["no_support_network"]);
    /// # Ok::<(), overgang::ValidationError>(())
    /// ```
    pub fn warnings(&self) -> Vec<Warning> {
        let mut out = Vec::new();
        if self.focus_areas.is_empty() {
            out.push(Warning {
                field: "focus_areas".into(),
                code: "no_focus_areas".into(),
                message: "focus_areas: none recorded yet; choose 3-5 for phase 1".into(),
            });
        }
        for (phase, areas) in &self.focus_areas {
            if !areas.is_empty() && !(3..=5).contains(&areas.len()) {
                out.push(Warning {
                    field: format!("focus_areas.{phase}"),
                    code: "focus_area_count".into(),
                    message: format!("focus_areas.{phase}: {} focus areas; the guide says 3 to 5 is usually right", areas.len()),
                });
            }
        }
        if self.reached(Phase::TryOut) && self.support_network.is_empty() {
            out.push(Warning {
                field: "support_network".into(),
                code: "no_support_network".into(),
                message: "support_network: no member planned in phase 2 or 3; plan who forms the network after the course from the start".into(),
            });
        }
        if self.completed() && self.long_term_plan.is_none() {
            out.push(Warning {
                field: "long_term_plan".into(),
                code: "no_long_term_plan".into(),
                message: "long_term_plan: none recorded for a completed course; phase 3 makes a long-term plan for further support".into(),
            });
        }
        out
    }

    /// Whether the course ended completed: all three phases were run ("alle tre faser i
    /// forløbet gennemføres", seed 004 line 209), that is, phase 3 was reached by the end and
    /// either a handover to the network is recorded or phase 3 ran to its planned end (the last
    /// day is on or after the day before the schedule's [`Course::planned_end`]).
    fn completed(&self) -> bool {
        let Some(end) = &self.end else { return false };
        let in_phase_3 = self
            .phases
            .iter()
            .any(|t| t.phase == Phase::Transfer && t.date <= end.date);
        let planned_last_day = self.plan.planned_end().previous_day();
        in_phase_3 && (self.handover.is_some() || planned_last_day.is_some_and(|d| end.date >= d))
    }

    fn reached(&self, phase: Phase) -> bool {
        self.phases.iter().any(|t| t.phase == phase)
    }

    /// The status on a date. An ended course is `completed` only when all three phases were
    /// run: phase 3 reached and either a handover recorded or phase 3 run to its planned end;
    /// any other ended course is `interrupted`.
    ///
    /// ```
    /// use overgang::cti::RecordedCourse;
    /// use time::macros::date;
    /// let phases = r#""contact_start": "2024-09-15", "phase1_start": "2024-10-31",
    ///     "phases": [{"phase": "contact", "date": "2024-09-15"}, {"phase": "planning", "date": "2024-10-31"},
    ///                {"phase": "try_out", "date": "2025-02-28"}, {"phase": "transfer", "date": "2025-06-30"}]"#;
    /// // Ended the day after entering phase 3, without a handover: interrupted.
    /// let (early, _) = RecordedCourse::from_json(&format!(r#"{{{phases}, "end": {{"date": "2025-07-01"}}}}"#))?;
    /// assert_eq!(early.status(date!(2025 - 12 - 01)).kind(), "interrupted");
    /// // Phase 3 ran to its planned end (the schedule ends 2025-10-31): completed.
    /// let (full, _) = RecordedCourse::from_json(&format!(r#"{{{phases}, "end": {{"date": "2025-10-30"}}}}"#))?;
    /// assert_eq!(full.status(date!(2025 - 12 - 01)).kind(), "completed");
    /// # Ok::<(), overgang::ValidationError>(())
    /// ```
    pub fn status(&self, on: Date) -> CourseStatus {
        let reached: Vec<&PhaseTransition> = self.phases.iter().filter(|t| t.date <= on).collect();
        match (&self.end, reached.last()) {
            (Some(end), _) if end.date <= on => {
                if self.completed() {
                    CourseStatus::Completed
                } else {
                    CourseStatus::Interrupted { reason: end.reason }
                }
            }
            (_, Some(t)) => CourseStatus::Running { phase: t.phase },
            (_, None) => CourseStatus::NotStarted,
        }
    }

    /// Months spent in each phase reached by `on` (days / 30.4375), up to the next phase, the
    /// end, or `on`.
    pub fn months_per_phase(&self, on: Date) -> Vec<(Phase, f64)> {
        let stop = self.end.as_ref().map_or(on, |e| e.date.min(on));
        self.phases
            .iter()
            .enumerate()
            .filter(|(_, t)| t.date <= stop)
            .map(|(i, t)| {
                let until = self.phases.get(i + 1).map_or(stop, |n| n.date.min(stop));
                (
                    t.phase,
                    (until - t.date).whole_days().max(0) as f64 / DAYS_PER_MONTH,
                )
            })
            .collect()
    }

    /// Every date in the record.
    pub fn dates(&self) -> Vec<Date> {
        let mut d = vec![self.plan.contact_start, self.plan.phase1_start];
        d.extend(self.phases.iter().map(|t| t.date));
        d.extend(self.end.iter().map(|e| e.date));
        d.extend(self.handover.iter().map(|h| h.date));
        d.extend(self.long_term_plan.iter().map(|p| p.date));
        d
    }
}
