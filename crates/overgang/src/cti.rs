//! Critical Time Intervention courses (seed 004, pages 8 and 16-19): a contact period, then
//! three equally long phases (4 months each in the Danish exit programme, 3 in canonical CTI).
//!
//! ```
//! use overgang::cti::{Course, Phase};
//! use time::macros::date;
//! let course = Course::new(date!(2024 - 09 - 15), date!(2024 - 10 - 31), 4)?;
//! let starts: Vec<String> = course.schedule().iter().map(|p| p.start.to_string()).collect();
//! assert_eq!(starts, ["2024-09-15", "2024-10-31", "2025-02-28", "2025-06-30"]);
//! assert_eq!(course.planned_end().to_string(), "2025-10-31");
//! assert_eq!(course.phase_on(date!(2025 - 02 - 27)), Some(Phase::Planning));
//! assert_eq!(course.phase_on(date!(2025 - 02 - 28)), Some(Phase::TryOut));
//! assert_eq!(course.phase_on(date!(2025 - 10 - 31)), None);
//! # Ok::<(), overgang::ValidationError>(())
//! ```

use crate::error::{ErrorCode, FieldError, ValidationError};
use crate::ids::id_enum;
use crate::json;
use crate::dates::{add_months, DAYS_PER_MONTH};
use crate::RawAnswer;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use time::Date;

id_enum! {
    /// A period of a course.
    pub enum Phase ("phase") {
        /// Contact establishment (kontaktetablering), before phase 1.
        Contact = "contact", "Contact period", "Kontaktetablering";
        /// Phase 1: planning and initiation.
        Planning = "planning", "Phase 1: planning and initiation", "Fase 1: planlægning og igangsættelse";
        /// Phase 2: try-out and adjustment.
        TryOut = "try_out", "Phase 2: try-out and adjustment", "Fase 2: afprøvning og tilpasning";
        /// Phase 3: transfer of responsibility and anchoring.
        Transfer = "transfer", "Phase 3: transfer of responsibility", "Fase 3: overdragelse af ansvar og forankring";
    }
}

id_enum! {
    /// The eight focus areas of seed 004, table 2.
    pub enum FocusArea ("focus_area") {
        /// Economy.
        Economy = "economy", "Economy", "Økonomi";
        /// Housing.
        Housing = "housing", "Housing", "Bolig";
        /// Network.
        Network = "network", "Network", "Netværk";
        /// Daily activities.
        DailyActivities = "daily_activities", "Daily activities", "Daglige aktiviteter";
        /// Physical health.
        PhysicalHealth = "physical_health", "Physical health", "Fysisk sundhed";
        /// Mental health.
        MentalHealth = "mental_health", "Mental health", "Psykisk sundhed";
        /// Substance use.
        SubstanceUse = "substance_use", "Substance use", "Misbrug";
        /// Education and labour-market skills.
        EducationEmployment = "education_employment", "Education and employment", "Uddannelse og beskæftigelse";
    }
}

id_enum! {
    /// Why a course ended before phase 3.
    pub enum EndReason ("reason") {
        /// The citizen chose to stop.
        DroppedOut = "dropped_out", "Dropped out", "Faldet fra";
        /// Contact was lost.
        ContactLost = "contact_lost", "Contact lost", "Mistet kontakt";
        /// The citizen moved away.
        Moved = "moved", "Moved", "Fraflyttet";
        /// Referred to another service.
        ReferredElsewhere = "referred_elsewhere", "Referred elsewhere", "Henvist til andet tilbud";
        /// The goals were met early (the course still counts as interrupted before phase 3).
        GoalsMet = "goals_met", "Goals met", "Mål nået";
        /// Another reason.
        Other = "other", "Other", "Andet";
    }
}

id_enum! {
    /// A role in the support network: roles, never persons' names.
    pub enum SupportRole ("role") {
        /// A mentor.
        Mentor = "mentor", "Mentor", "Mentor";
        /// Family.
        Family = "family", "Family", "Familie";
        /// A friend.
        Friend = "friend", "Friend", "Ven";
        /// The municipal caseworker.
        MunicipalCaseworker = "municipal_caseworker", "Municipal caseworker", "Kommunal sagsbehandler";
        /// A health professional.
        HealthProfessional = "health_professional", "Health professional", "Sundhedsperson";
        /// A volunteer.
        Volunteer = "volunteer", "Volunteer", "Frivillig";
        /// A peer.
        Peer = "peer", "Peer", "Ligemand";
        /// Another role.
        Other = "other", "Other", "Andet";
    }
}

id_enum! {
    /// A course's status as the cohort report groups courses: running courses by phase.
    pub enum StatusGroup ("status") {
        /// Running, in the contact period.
        RunningContact = "running_contact", "Running: contact period", "I gang: kontaktetablering";
        /// Running, in phase 1.
        RunningPlanning = "running_planning", "Running: phase 1, planning", "I gang: fase 1, planlægning";
        /// Running, in phase 2.
        RunningTryOut = "running_try_out", "Running: phase 2, try-out", "I gang: fase 2, afprøvning";
        /// Running, in phase 3.
        RunningTransfer = "running_transfer", "Running: phase 3, transfer", "I gang: fase 3, overdragelse";
        /// Ended after reaching phase 3.
        Completed = "completed", "Completed", "Gennemført";
        /// Ended before phase 3.
        Interrupted = "interrupted", "Interrupted", "Afbrudt";
    }
}

/// Default phase length in months in the Danish exit programme.
pub const DEFAULT_PHASE_MONTHS: u8 = 4;

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

fn plan(
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
    /// Ended after reaching phase 3.
    Completed,
    /// Ended before phase 3.
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

    /// The report's group of this status; `None` for a course that has not started.
    ///
    /// ```
    /// use overgang::cti::{CourseStatus, Phase, StatusGroup};
    /// let running = CourseStatus::Running { phase: Phase::TryOut };
    /// assert_eq!(running.group(), Some(StatusGroup::RunningTryOut));
    /// assert_eq!(CourseStatus::NotStarted.group(), None);
    /// ```
    pub const fn group(self) -> Option<StatusGroup> {
        Some(match self {
            CourseStatus::NotStarted => return None,
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
}

const RECORD_KEYS: [&str; 9] = [
    "contact_start",
    "phase1_start",
    "phase_months",
    "phases",
    "end",
    "focus_areas",
    "activity_plan",
    "support_network",
    "handover",
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
        };
        if let Err(e) = course.validate() {
            errors.extend(e.into_errors());
        }
        ValidationError::check(errors, || course)
    }

    /// The rules between fields: phases run in order from `contact`, none skipped, dates never
    /// go back; the end is not before the last phase; an ended course that did not reach phase
    /// 3 has a reason; at least one focus area; the handover happens in phase 3, to a role of
    /// the support network.
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
            if !self.support_network.contains(&h.to) {
                errors.push(FieldError::new(
                    "handover.to",
                    ErrorCode::Inconsistent,
                    "handover.to: hand over to a role listed in support_network",
                ));
            }
        }
        ValidationError::check(errors, || ())
    }

    /// Warnings: fewer than 3 or more than 5 focus areas in a phase (the guide says 3-5 is
    /// usually right), or no focus area recorded yet.
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
        out
    }

    fn reached(&self, phase: Phase) -> bool {
        self.phases.iter().any(|t| t.phase == phase)
    }

    /// The status on a date.
    pub fn status(&self, on: Date) -> CourseStatus {
        let reached: Vec<&PhaseTransition> = self.phases.iter().filter(|t| t.date <= on).collect();
        match (&self.end, reached.last()) {
            (Some(end), _) if end.date <= on => {
                if self
                    .phases
                    .iter()
                    .any(|t| t.phase == Phase::Transfer && t.date <= end.date)
                {
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
        d
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

#[cfg(test)]
mod tests {
    use super::*;
    use time::Month;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn schedule_is_contiguous_ordered_and_phase_on_agrees(
            contact in 0i64..400, gap in 0i64..90, months in 1u8..=12, probe in -30i64..1500
        ) {
            let base = Date::from_calendar_date(2023, Month::January, 1).unwrap();
            let c = Course::new(base + time::Duration::days(contact), base + time::Duration::days(contact + gap), months).unwrap();
            let s = c.schedule();
            prop_assert_eq!(s.len(), 4);
            for w in s.windows(2) {
                prop_assert_eq!(w[0].end, w[1].start);
                prop_assert!(w[0].start <= w[1].start);
            }
            let day = base + time::Duration::days(probe);
            let expected = s.iter().find(|p| p.start <= day && day < p.end).map(|p| p.phase);
            prop_assert_eq!(c.phase_on(day), expected);
        }
    }

    #[test]
    fn month_end_clamping_counts_from_phase_1_each_time() {
        let d = Date::from_calendar_date(2024, Month::October, 31).unwrap();
        assert_eq!(add_months(d, 4).to_string(), "2025-02-28");
        assert_eq!(add_months(d, 8).to_string(), "2025-06-30");
        assert_eq!(add_months(d, 12).to_string(), "2025-10-31");
        let leap = Date::from_calendar_date(2023, Month::October, 31).unwrap();
        assert_eq!(add_months(leap, 4).to_string(), "2024-02-29");
    }
}
