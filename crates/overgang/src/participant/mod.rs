//! Participants: pseudonymous registration as the exit-package projects record it (seed 001
//! §5.3, seed 003), with the refusal of CPR numbers and keyed pseudonyms.
//!
//! ```
//! use overgang::participant::{Participant, AgeBand, Gender};
//! let p = Participant::from_json(r#"{"id": "AAR-0001", "gender": "woman", "age": 34, "start": "2024-01-15"}"#)?;
//! assert_eq!(p.gender, Some(Gender::Woman));
//! assert_eq!(p.age_band(), Some(AgeBand::From31To35));
//!
//! let err = Participant::from_json(r#"{"id": "010190-1234", "age": 17, "start": "2024-01-15", "end": "2023-12-01"}"#).unwrap_err();
//! let codes: Vec<(&str, &str)> = err.errors().iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
//! assert_eq!(codes, [("id", "contains_cpr"), ("age", "out_of_range"), ("end", "inconsistent")]);
//! # Ok::<(), overgang::ValidationError>(())
//! ```

mod id;
mod participation;
mod pseudonym;

pub use id::{ParticipantId, MAX_ID_LEN};
pub use participation::{DatedAnswer, Period};
#[cfg(feature = "random")]
pub use pseudonym::new_key;
pub use pseudonym::{pseudonym, MIN_KEY_BYTES, NEW_KEY_BYTES};

use crate::error::{ErrorCode, FieldError, ValidationError};
use crate::ids::id_enum;
use crate::intervention::{Category, InterventionRecord};
use crate::json;
use crate::municipality::MunicipalityCode;
use crate::ten_step::Area;
use crate::RawAnswer;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::Date;

id_enum! {
    /// Gender as registered (seed 001 §5.3); unknown is `None`.
    pub enum Gender ("gender") {
        /// Woman.
        Woman = "woman", "Woman", "Kvinde";
        /// Man.
        Man = "man", "Man", "Mand";
        /// Non-binary.
        NonBinary = "non_binary", "Non-binary", "Non-binær";
    }
}

id_enum! {
    /// The report's age bands (seed 001 tables 5, 8, 14).
    pub enum AgeBand ("age_band") {
        /// 18-25 years.
        From18To25 = "18-25", "18-25 years", "18-25 år";
        /// 26-30 years.
        From26To30 = "26-30", "26-30 years", "26-30 år";
        /// 31-35 years.
        From31To35 = "31-35", "31-35 years", "31-35 år";
        /// 36-45 years.
        From36To45 = "36-45", "36-45 years", "36-45 år";
        /// Over 45 years.
        Over45 = "over_45", "Over 45 years", "Over 45 år";
    }
}

/// Youngest age accepted: the programmes are for adults.
pub const MIN_AGE: u8 = 18;
/// Oldest age accepted (a typing error guard).
pub const MAX_AGE: u8 = 120;

impl AgeBand {
    /// The band of an age in years (18 or more).
    ///
    /// ```
    /// use overgang::participant::AgeBand;
    /// assert_eq!(AgeBand::of_age(25), Some(AgeBand::From18To25));
    /// assert_eq!(AgeBand::of_age(46), Some(AgeBand::Over45));
    /// assert_eq!(AgeBand::of_age(17), None);
    /// ```
    pub const fn of_age(years: u8) -> Option<AgeBand> {
        match years {
            0..=17 => None,
            18..=25 => Some(AgeBand::From18To25),
            26..=30 => Some(AgeBand::From26To30),
            31..=35 => Some(AgeBand::From31To35),
            36..=45 => Some(AgeBand::From36To45),
            _ => Some(AgeBand::Over45),
        }
    }
}

/// The age band of an age given as any value (for the bindings); ages under 18 are refused.
///
/// # Errors
/// `out_of_range` (field `age`) outside 18-120, `not_an_integer`, `not_a_number`, `missing`.
pub fn age_band_of(age_value: RawAnswer) -> Result<AgeBand, ValidationError> {
    let mut errors = Vec::new();
    match age(age_value, &mut errors).and_then(AgeBand::of_age) {
        Some(b) => Ok(b),
        None => Err(ValidationError::new(errors)),
    }
}

id_enum! {
    /// Forms of prostitution (seed 004; seeds 001 and 003 add online and grey-zone exchange).
    pub enum ProstitutionForm ("forms") {
        /// Massage clinic.
        Clinic = "clinic", "Massage clinic", "Massageklinik";
        /// Escort.
        Escort = "escort", "Escort", "Escort";
        /// Private or discreet.
        Private = "private", "Private / discreet", "Privat / diskret";
        /// Street.
        Street = "street", "Street", "Gade";
        /// Bar.
        Bar = "bar", "Bar", "Bar";
        /// Online or webcam.
        Online = "online", "Online / webcam", "Online / webcam";
        /// Grey-zone exchange (gifts, trips, goods).
        GreyZone = "grey_zone", "Grey-zone exchange", "Gråzoneprostitution";
    }
}

id_enum! {
    /// The citizen's goal at intake.
    pub enum IntakeGoal ("goal") {
        /// To leave prostitution.
        Exit = "exit", "Leave prostitution", "Exit fra prostitution";
        /// To improve the current life situation.
        ImproveSituation = "improve_situation", "Improve the current situation", "Forbedre den nuværende livssituation";
    }
}

/// One participant's registration. Construct with [`Participant::from_json`] /
/// [`Participant::from_value`] (which validate every field) or deserialise (which validates the
/// ID and ids, then call [`Participant::validate`] for the cross-field rules).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Participant {
    /// Pseudonymous ID.
    pub id: ParticipantId,
    /// Gender; `None` when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Age in years at start, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 18, max = 120)))]
    pub age: Option<u8>,
    /// Age band, when only the band is known (with `age`, it is derived).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_band: Option<AgeBand>,
    /// Start of participation (with `participations`: the first period's start).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    #[serde(with = "crate::dates::iso_date")]
    pub start: Date,
    /// End of participation; `None` while active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    #[serde(with = "crate::dates::iso_date_opt")]
    pub end: Option<Date>,
    /// Participation periods when the citizen has returned (seed 003: "altid mulighed for at
    /// vende tilbage"); empty when `start`/`end` is the one period. See [`Participant::periods`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participations: Vec<Period>,
    /// Municipality of residence (bopælskommune, recorded by LivaRehab, seed 003 line 127): one
    /// of the 98 municipality codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<u16>"))]
    pub municipality: Option<MunicipalityCode>,
    /// What the citizen got help with ("hvilke udfordringer de har fået hjælp til", seed 001
    /// line 1347), as ten-step areas (*assumption*: the seed gives no list).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub challenges: Vec<Area>,
    /// Sold sex in the last month ("modtaget betaling for seksuelle ydelser inden for den
    /// seneste måned", seed 004 line 107), dated; one answer per date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sold_sex_last_month: Vec<DatedAnswer>,
    /// Forms of prostitution.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<ProstitutionForm>,
    /// Goal at intake.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<IntakeGoal>,
    /// Anonymous participation (not recorded in a case file).
    #[serde(default)]
    pub anonymous: bool,
    /// Referred to anti-trafficking services.
    #[serde(default)]
    pub anti_trafficking_referral: bool,
    /// Referred to other services ("visiteres til øvrige tilbud/indsatser", seed 001 line 1353).
    #[serde(default)]
    pub referred_to_other_services: bool,
    /// The course (programme) the participant follows, an id the project chooses such as
    /// `one_to_one`; targets can be asked for per programme (seed 003 lines 137 and 145).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<String>,
    /// Other referrals, as free-text labels (e.g. "addiction treatment"; never names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_referrals: Vec<String>,
    /// Interventions received.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interventions: Vec<InterventionRecord>,
}

/// The keys of a participant object.
pub const KEYS: [&str; 18] = [
    "id",
    "gender",
    "age",
    "age_band",
    "start",
    "end",
    "participations",
    "municipality",
    "challenges",
    "sold_sex_last_month",
    "forms",
    "goal",
    "anonymous",
    "anti_trafficking_referral",
    "referred_to_other_services",
    "programme",
    "other_referrals",
    "interventions",
];

impl Participant {
    /// The age band: the given one, or the band of the age.
    pub fn age_band(&self) -> Option<AgeBand> {
        self.age_band.or_else(|| self.age.and_then(AgeBand::of_age))
    }

    /// Reads and validates a participant from JSON text.
    ///
    /// # Errors
    /// Every problem, with field paths (`end`, `interventions[2].category`).
    pub fn from_json(text: &str) -> Result<Participant, ValidationError> {
        Participant::from_value(&json::parse_json(text)?)
    }

    /// Validates a participant given as a JSON value.
    ///
    /// # Errors
    /// Every problem, with field paths.
    pub fn from_value(value: &Value) -> Result<Participant, ValidationError> {
        let mut errors = Vec::new();
        let Some(obj) = json::object(
            value,
            "",
            "a participant object {id, start, ...}",
            &mut errors,
        ) else {
            return Err(ValidationError::new(errors));
        };
        Participant::from_object(obj, &KEYS)
    }

    /// Validates the registration keys of an object whose keys may also be `allowed` others
    /// (a cohort's participant object also holds its measurements), read by their owners.
    pub(crate) fn from_object(
        obj: &serde_json::Map<String, Value>,
        allowed: &[&str],
    ) -> Result<Participant, ValidationError> {
        let mut errors = Vec::new();
        json::refuse_unknown_keys(obj, allowed, "", &mut errors);
        let id = match obj.get("id") {
            Some(Value::String(s)) => ParticipantId::new(s)
                .map_err(|e| errors.extend(e.into_errors()))
                .ok(),
            None | Some(Value::Null) => {
                errors.push(FieldError::new(
                    "id",
                    ErrorCode::Missing,
                    "id is missing; the project's pseudonymous ID is required",
                ));
                None
            }
            Some(_) => {
                errors.push(FieldError::new(
                    "id",
                    ErrorCode::InvalidFormat,
                    "id: expected text, e.g. AAR-0001",
                ));
                None
            }
        };
        let gender = match obj.get("gender") {
            Some(Value::String(s)) if s == "unknown" => None,
            v => json::optional_id::<Gender>(v, "gender", &mut errors),
        };
        let age = match obj.get("age") {
            None | Some(Value::Null) => None,
            Some(v) => age(RawAnswer::from(v), &mut errors),
        };
        let age_band = json::optional_id::<AgeBand>(obj.get("age_band"), "age_band", &mut errors);
        // With `participations`, `start` and `end` may be left out: they are the first
        // period's start and the last period's end.
        let participations = participation::periods(obj.get("participations"), &mut errors);
        let given = |k: &str| obj.get(k).is_some_and(|v| !v.is_null());
        let start = match participations.first() {
            Some(p) if !given("start") => Some(p.start),
            _ => json::date(obj.get("start"), "start", &mut errors),
        };
        let end = match participations.last() {
            Some(p) if !given("end") => p.end,
            _ => json::optional_date(obj.get("end"), "end", &mut errors),
        };
        participation::check_periods(&participations, start, end, &mut errors);
        let municipality = participation::municipality(obj.get("municipality"), &mut errors);
        let challenges = json::id_list::<Area>(obj.get("challenges"), "challenges", &mut errors);
        let sold_sex_last_month = participation::dated_answers(
            obj.get("sold_sex_last_month"),
            "sold_sex_last_month",
            &mut errors,
        );
        let forms = json::id_list::<ProstitutionForm>(obj.get("forms"), "forms", &mut errors);
        let goal = json::optional_id::<IntakeGoal>(obj.get("goal"), "goal", &mut errors);
        let anonymous = json::flag(obj.get("anonymous"), "anonymous", &mut errors);
        let anti_trafficking_referral = json::flag(
            obj.get("anti_trafficking_referral"),
            "anti_trafficking_referral",
            &mut errors,
        );
        let referred_to_other_services = json::flag(
            obj.get("referred_to_other_services"),
            "referred_to_other_services",
            &mut errors,
        );
        let programme = match obj.get("programme") {
            None | Some(Value::Null) => None,
            Some(v) => programme_id("programme", v)
                .map_err(|e| errors.push(e))
                .ok(),
        };
        let other_referrals = labels(obj.get("other_referrals"), "other_referrals", &mut errors);
        let interventions = interventions(obj.get("interventions"), &mut errors);
        // Cross-field rules run whatever else is wrong, so one call reports everything.
        cross_field(age, age_band, start, end, &mut errors);
        match (id, start) {
            (Some(id), Some(start)) if errors.is_empty() => Ok(Participant {
                id,
                gender,
                age,
                age_band,
                start,
                end,
                participations,
                municipality,
                challenges,
                sold_sex_last_month,
                forms,
                goal,
                anonymous,
                anti_trafficking_referral,
                referred_to_other_services,
                programme,
                other_referrals,
                interventions,
            }),
            _ => Err(ValidationError::new(errors)),
        }
    }

    /// Checks the rules between fields: the end is not before the start, an age is 18 or more
    /// and agrees with a given age band, and free-text labels hold no CPR number.
    ///
    /// # Errors
    /// Every problem found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        let mut errors = Vec::new();
        if let Some(a) = self.age {
            if !(MIN_AGE..=MAX_AGE).contains(&a) {
                errors.push(age_error(i64::from(a)));
            }
        }
        cross_field(
            self.age,
            self.age_band,
            Some(self.start),
            self.end,
            &mut errors,
        );
        participation::check_periods(
            &self.participations,
            Some(self.start),
            self.end,
            &mut errors,
        );
        participation::check_answers(
            &self.sold_sex_last_month,
            "sold_sex_last_month",
            &mut errors,
        );
        if let Some(p) = &self.programme {
            if let Err(e) = programme_id("programme", &Value::String(p.clone())) {
                errors.push(e);
            }
        }
        for (i, label) in self.other_referrals.iter().enumerate() {
            if let Err(e) = crate::privacy::free_text(&format!("other_referrals[{i}]"), label) {
                errors.push(e);
            }
        }
        ValidationError::check(errors, || ())
    }

    /// The participant as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The end is not before the start; a given age agrees with a given band.
fn cross_field(
    age: Option<u8>,
    band: Option<AgeBand>,
    start: Option<Date>,
    end: Option<Date>,
    errors: &mut Vec<FieldError>,
) {
    if let (Some(a), Some(band)) = (age.and_then(AgeBand::of_age), band) {
        if a != band {
            errors.push(FieldError::new(
                "age_band",
                ErrorCode::Inconsistent,
                format!(
                    "age_band: {band} does not contain the age given; give the age or the band"
                ),
            ));
        }
    }
    if let (Some(start), Some(end)) = (start, end) {
        if end < start {
            errors.push(FieldError::new(
                "end",
                ErrorCode::Inconsistent,
                "end: the end date is before the start date",
            ));
        }
    }
}

/// Longest programme id.
pub const MAX_PROGRAMME_LEN: usize = 40;

/// Reads a programme id: 1 to [`MAX_PROGRAMME_LEN`] characters of `a-z`, `0-9`, `_` and `-`
/// (an id, not free text, so it can carry no name). The value is never echoed.
///
/// ```
/// use overgang::participant::programme_id;
/// assert_eq!(programme_id("programme", &serde_json::json!("one_to_one")).unwrap(), "one_to_one");
/// assert!(programme_id("programme", &serde_json::json!("Anna J")).is_err());
/// ```
///
/// # Errors
/// `invalid_format` for anything else; `too_long` over the limit.
pub fn programme_id(field: &str, value: &Value) -> Result<String, FieldError> {
    let bad = || {
        FieldError::new(
            field,
            ErrorCode::InvalidFormat,
            format!("{field}: expected an id of lower-case letters a-z, digits, _ and -, such as one_to_one"),
        )
    };
    let s = value.as_str().ok_or_else(bad)?;
    if s.chars().count() > MAX_PROGRAMME_LEN {
        return Err(FieldError::new(
            field,
            ErrorCode::TooLong,
            format!("{field}: longer than {MAX_PROGRAMME_LEN} characters"),
        )
        .with_max_length(MAX_PROGRAMME_LEN as u64));
    }
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
    {
        return Err(bad());
    }
    Ok(s.to_string())
}

fn age_error(years: i64) -> FieldError {
    let shown = crate::answer::echo_number(years as f64);
    FieldError::new("age", ErrorCode::OutOfRange, format!("age: {shown} is out of range; the programmes are for adults, {MIN_AGE} to {MAX_AGE} years"))
        .with_range(f64::from(MIN_AGE), f64::from(MAX_AGE))
}

fn age(raw: RawAnswer, errors: &mut Vec<FieldError>) -> Option<u8> {
    // One rule for a whole number in a range, so 1e308 or -1 are named as given, never clamped.
    match crate::answer::ranged_count("age", raw, u64::from(MIN_AGE), u64::from(MAX_AGE)) {
        Ok(a) => u8::try_from(a).ok(),
        Err(mut e) => {
            if e.code == ErrorCode::OutOfRange {
                e.message.push_str(" (the programmes are for adults)");
            }
            errors.push(e);
            None
        }
    }
}

fn labels(value: Option<&Value>, path: &str, errors: &mut Vec<FieldError>) -> Vec<String> {
    json::list(value, path, "labels", errors, |v, field, errors| {
        match v.as_str() {
            Some(s) => crate::privacy::free_text(&field, s)
                .map(|()| s.to_string())
                .map_err(|e| errors.push(e))
                .ok(),
            None => {
                errors.push(FieldError::new(
                    field.clone(),
                    ErrorCode::InvalidFormat,
                    format!("{field}: expected text"),
                ));
                None
            }
        }
    })
}

fn interventions(value: Option<&Value>, errors: &mut Vec<FieldError>) -> Vec<InterventionRecord> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                let path = format!("interventions[{i}]");
                let obj = json::object(v, &path, "an object {category, date}", errors)?;
                json::refuse_unknown_keys(obj, &["category", "date"], &format!("{path}."), errors);
                let category = match obj.get("category") {
                    None | Some(Value::Null) => {
                        errors.push(FieldError::new(
                            format!("{path}.category"),
                            ErrorCode::Missing,
                            format!("{path}.category is missing"),
                        ));
                        None
                    }
                    Some(Value::String(text)) => {
                        crate::intervention::parse_category(&format!("{path}.category"), text)
                            .map_err(|e| errors.push(e))
                            .ok()
                    }
                    v => json::optional_id::<Category>(v, &format!("{path}.category"), errors),
                };
                let date = json::optional_date(obj.get("date"), &format!("{path}.date"), errors);
                Some(InterventionRecord {
                    category: category?,
                    date,
                })
            })
            .collect(),
        Some(_) => {
            errors.push(FieldError::new(
                "interventions",
                ErrorCode::NotAList,
                "interventions: expected a list of {category, date}",
            ));
            Vec::new()
        }
    }
}
