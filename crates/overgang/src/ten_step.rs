//! The ten-step scale of Danjournal (seed 003): staff rate each citizen, repeatedly, on ten
//! steps in each of nine areas; steps 1-3 are survival, 4-7 stabilisation, 8-10 development
//! towards integration. The areas document four dimensions.
//!
//! ```
//! use overgang::ten_step::{Assessment, Area, Stage, DimensionMap, Dimension};
//! let a = Assessment::from_json(r#"{"date": "2025-01-15", "ratings": {"economy": 4, "housing": 6, "employment": 2}}"#)?;
//! assert_eq!(a.rating(Area::Economy).unwrap().stage(), Stage::Stabilisation);
//! let dims = a.dimensions(&DimensionMap::default());
//! assert_eq!(dims.get(Dimension::OptionsForAction), Some(4.0)); // mean of 4, 6 and 2
//! assert_eq!(dims.get(Dimension::Health), None); // no health area rated
//! # Ok::<(), overgang::ValidationError>(())
//! ```

use crate::error::{ErrorCode, FieldError, ValidationError};
use crate::ids::id_enum;
use crate::json;
use crate::RawAnswer;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use time::Date;

id_enum! {
    /// The nine intervention areas (Danish labels from seed 003).
    pub enum Area ("area") {
        /// Substance use (misbrug).
        SubstanceUse = "substance_use", "Substance use", "Misbrug";
        /// Physical health.
        PhysicalHealth = "physical_health", "Physical health", "Fysisk sundhed";
        /// Housing.
        Housing = "housing", "Housing", "Bolig";
        /// Mental illness.
        MentalIllness = "mental_illness", "Mental illness", "Psykiske lidelser";
        /// Prostitution.
        Prostitution = "prostitution", "Prostitution", "Prostitution";
        /// Economy.
        Economy = "economy", "Economy", "Økonomi";
        /// Network.
        Network = "network", "Network", "Netværk";
        /// Employment.
        Employment = "employment", "Employment", "Beskæftigelse";
        /// Violence.
        Violence = "violence", "Violence", "Vold";
    }
}

id_enum! {
    /// The stage of a step.
    pub enum Stage ("stage") {
        /// Steps 1-3.
        Survival = "survival", "Survival", "Overlevelse";
        /// Steps 4-7.
        Stabilisation = "stabilisation", "Stabilisation", "Stabilisering";
        /// Steps 8-10: development towards integration in society.
        Integration = "integration", "Development towards integration", "Udvikling mod integration";
    }
}

id_enum! {
    /// The four dimensions the areas document (seed 003).
    pub enum Dimension ("dimension") {
        /// Health.
        Health = "health", "Health", "Sundhed";
        /// Relations.
        Relations = "relations", "Relations", "Relationer";
        /// Mental wellbeing.
        MentalWellbeing = "mental_wellbeing", "Mental wellbeing", "Mental trivsel";
        /// Options for action.
        OptionsForAction = "options_for_action", "Options for action", "Handlemuligheder";
    }
}

/// The share of participants with positive development that seed 003 sets as the target for an
/// area: 75 % for prostitution, economy, network and employment; no target for the others.
pub const fn target_percent(area: Area) -> Option<u64> {
    match area {
        Area::Prostitution | Area::Economy | Area::Network | Area::Employment => Some(75),
        _ => None,
    }
}

/// A step on the scale, 1-10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Step(u8);

impl Step {
    /// A step from a whole number 1-10.
    ///
    /// # Errors
    /// `out_of_range` on field `step` otherwise.
    pub fn new(step: u8) -> Result<Step, ValidationError> {
        Step::from_raw("step", RawAnswer::Integer(i64::from(step)))
            .map_err(|e| ValidationError::new(vec![e]))
    }

    /// A step from a value of any type (Python, JS, JSON, CSV), for `field`.
    ///
    /// # Errors
    /// `missing`, `out_of_range`, `not_an_integer` or `not_a_number` on `field`.
    pub fn from_raw(field: &str, raw: RawAnswer) -> Result<Step, FieldError> {
        Step::scaled(field, raw, "steps")
    }

    /// As [`Step::from_raw`], naming the values in messages (`steps`, `ratings`).
    pub(crate) fn scaled(field: &str, raw: RawAnswer, noun: &str) -> Result<Step, FieldError> {
        crate::answer::scale_value(field, raw, 1, 10, noun)?
            .map(Step)
            .ok_or_else(|| {
                FieldError::new(
                    field,
                    ErrorCode::Missing,
                    format!("{field} is missing; a whole number from 1 to 10 is required"),
                )
            })
    }

    /// The step as a number.
    pub const fn get(self) -> u8 {
        self.0
    }

    /// Its stage: 1-3 survival, 4-7 stabilisation, 8-10 integration.
    pub const fn stage(self) -> Stage {
        match self.0 {
            0..=3 => Stage::Survival,
            4..=7 => Stage::Stabilisation,
            _ => Stage::Integration,
        }
    }
}

impl<'de> Deserialize<'de> for Step {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = u8::deserialize(d)?;
        Step::new(v).map_err(serde::de::Error::custom)
    }
}

/// Which areas make up each dimension. The default (*assumption*: the source gives no mapping)
/// is health = substance use, physical health; mental wellbeing = mental illness, violence;
/// relations = network, prostitution; options for action = housing, economy, employment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DimensionMap(BTreeMap<Dimension, Vec<Area>>);

impl Default for DimensionMap {
    fn default() -> Self {
        DimensionMap(BTreeMap::from([
            (
                Dimension::Health,
                vec![Area::SubstanceUse, Area::PhysicalHealth],
            ),
            (
                Dimension::Relations,
                vec![Area::Network, Area::Prostitution],
            ),
            (
                Dimension::MentalWellbeing,
                vec![Area::MentalIllness, Area::Violence],
            ),
            (
                Dimension::OptionsForAction,
                vec![Area::Housing, Area::Economy, Area::Employment],
            ),
        ]))
    }
}

impl DimensionMap {
    /// A user's own mapping; each area may belong to at most one dimension.
    ///
    /// # Errors
    /// `duplicate` on `mapping.<dimension>` for an area listed twice.
    pub fn new(mapping: BTreeMap<Dimension, Vec<Area>>) -> Result<DimensionMap, ValidationError> {
        let mut seen = Vec::new();
        let mut errors = Vec::new();
        for (d, areas) in &mapping {
            for a in areas {
                if seen.contains(a) {
                    errors.push(FieldError::new(
                        format!("mapping.{d}"),
                        ErrorCode::Duplicate,
                        format!("mapping.{d}: the area {a} is already in another dimension"),
                    ));
                }
                seen.push(*a);
            }
        }
        ValidationError::check(errors, || DimensionMap(mapping))
    }

    /// Reads a mapping `{"health": ["substance_use", ...], ...}`.
    ///
    /// # Errors
    /// Unknown dimensions or areas, and areas listed twice.
    pub fn from_value(value: &Value) -> Result<DimensionMap, ValidationError> {
        let mut errors = Vec::new();
        let mut mapping = BTreeMap::new();
        if let Some(obj) = json::object(
            value,
            "mapping",
            "an object {dimension: [areas]}",
            &mut errors,
        ) {
            for (i, (k, v)) in obj.iter().enumerate() {
                let (path, d) = match crate::json::keyed_id::<Dimension>("mapping", i, k) {
                    Ok((path, id)) => (path, Some(id)),
                    Err(e) => {
                        errors.push(e);
                        (format!("mapping#{}", i + 1), None)
                    }
                };
                let areas = json::id_list::<Area>(Some(v), &path, &mut errors);
                if let Some(d) = d {
                    mapping.insert(d, areas);
                }
            }
        }
        if !errors.is_empty() {
            return Err(ValidationError::new(errors));
        }
        DimensionMap::new(mapping)
    }

    /// The areas of a dimension.
    pub fn areas(&self, d: Dimension) -> &[Area] {
        self.0.get(&d).map_or(&[], Vec::as_slice)
    }
}

/// The value of each dimension: the mean of its rated areas (`None` when none is rated).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionValues(BTreeMap<Dimension, Option<f64>>);

impl DimensionValues {
    /// The value of one dimension.
    pub fn get(&self, d: Dimension) -> Option<f64> {
        self.0.get(&d).copied().flatten()
    }
}

/// One assessment: a date and a step for some or all areas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Assessment {
    /// When it was made.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    #[serde(with = "crate::dates::iso_date")]
    pub date: Date,
    /// Steps by area; unrated areas are absent.
    pub ratings: BTreeMap<Area, Step>,
}

impl Assessment {
    /// The step of one area, if rated.
    pub fn rating(&self, area: Area) -> Option<Step> {
        self.ratings.get(&area).copied()
    }

    /// Reads `{"date": "...", "ratings": {"economy": 4, ...}}`.
    ///
    /// # Errors
    /// Every problem, with paths such as `ratings.economy`.
    pub fn from_json(text: &str) -> Result<Assessment, ValidationError> {
        Assessment::from_value(&json::parse_json(text)?)
    }

    /// As [`Assessment::from_json`], from a JSON value.
    ///
    /// # Errors
    /// Every problem, with paths such as `ratings.economy`.
    pub fn from_value(value: &Value) -> Result<Assessment, ValidationError> {
        let mut errors = Vec::new();
        let Some(obj) = json::object(value, "", "an assessment {date, ratings}", &mut errors)
        else {
            return Err(ValidationError::new(errors));
        };
        json::refuse_unknown_keys(obj, &["date", "ratings"], "", &mut errors);
        let date = json::date(obj.get("date"), "date", &mut errors);
        let ratings = ratings(obj.get("ratings"), &mut errors);
        match date {
            Some(date) if errors.is_empty() => Ok(Assessment { date, ratings }),
            _ => Err(ValidationError::new(errors)),
        }
    }

    /// Each dimension's value under a mapping.
    pub fn dimensions(&self, map: &DimensionMap) -> DimensionValues {
        DimensionValues(
            Dimension::ALL
                .iter()
                .map(|&d| {
                    (
                        d,
                        crate::stats::mean(
                            map.areas(d)
                                .iter()
                                .filter_map(|a| self.rating(*a))
                                .map(|s| f64::from(s.get())),
                        ),
                    )
                })
                .collect(),
        )
    }
}

/// Reads `{"area": step, ...}`, reporting each bad area or step at `ratings.<area>`.
pub fn ratings(value: Option<&Value>, errors: &mut Vec<FieldError>) -> BTreeMap<Area, Step> {
    let mut out = BTreeMap::new();
    match value {
        None | Some(Value::Null) => {}
        Some(Value::Object(obj)) => {
            for (i, (k, v)) in obj.iter().enumerate() {
                let (path, area) = match crate::json::keyed_id::<Area>("ratings", i, k) {
                    Ok((path, id)) => (path, Some(id)),
                    Err(e) => {
                        errors.push(e);
                        (format!("ratings#{}", i + 1), None)
                    }
                };
                let step = Step::from_raw(&path, RawAnswer::from(v))
                    .map_err(|e| errors.push(e))
                    .ok();
                if let (Some(a), Some(s)) = (area, step) {
                    out.insert(a, s);
                }
            }
        }
        Some(_) => errors.push(FieldError::new(
            "ratings",
            ErrorCode::InvalidFormat,
            "ratings: expected an object {area: step}",
        )),
    }
    out
}

/// One participant's development in one area over a series of assessments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaDevelopment {
    /// The area.
    pub area: Area,
    /// Ratings of the area.
    pub ratings: usize,
    /// The first step by date.
    pub first: Step,
    /// The latest step by date.
    pub latest: Step,
    /// `latest - first`.
    pub change: i8,
    /// Whether the latest step is higher than the first (*assumption* of seed 003's
    /// "positive development"); `None` with only one rating.
    pub positive: Option<bool>,
}

/// Development per rated area over a participant's assessments (in any order).
///
/// ```
/// use overgang::ten_step::{development, Assessment, Area};
/// let a = Assessment::from_json(r#"{"date": "2025-01-01", "ratings": {"economy": 3, "housing": 5}}"#)?;
/// let b = Assessment::from_json(r#"{"date": "2025-04-01", "ratings": {"economy": 5}}"#)?;
/// let d = development(&[b, a]);
/// assert_eq!((d[0].area, d[0].change, d[0].positive), (Area::Housing, 0, None));
/// assert_eq!((d[1].area, d[1].change, d[1].positive), (Area::Economy, 2, Some(true)));
/// # Ok::<(), overgang::ValidationError>(())
/// ```
pub fn development(assessments: &[Assessment]) -> Vec<AreaDevelopment> {
    let mut sorted: Vec<&Assessment> = assessments.iter().collect();
    sorted.sort_by_key(|a| a.date);
    Area::ALL
        .iter()
        .filter_map(|&area| {
            let steps: Vec<Step> = sorted.iter().filter_map(|a| a.rating(area)).collect();
            let (first, latest) = (*steps.first()?, *steps.last()?);
            Some(AreaDevelopment {
                area,
                ratings: steps.len(),
                first,
                latest,
                change: latest.get() as i8 - first.get() as i8,
                positive: (steps.len() >= 2).then_some(latest > first),
            })
        })
        .collect()
}

/// The stage of a step given as any value (for the bindings).
///
/// # Errors
/// As [`Step::from_raw`], on field `step`.
pub fn stage_of(step: RawAnswer) -> Result<Stage, ValidationError> {
    Step::from_raw("step", step)
        .map(Step::stage)
        .map_err(|e| ValidationError::new(vec![e]))
}

/// Dimension values of `{"area": step, ...}` under a mapping (`None`: the default).
///
/// # Errors
/// Problems with the ratings (`ratings.<area>`) or the mapping (`mapping.<dimension>`).
pub fn dimensions_of(
    ratings_value: &Value,
    mapping: Option<&Value>,
) -> Result<DimensionValues, ValidationError> {
    let mut errors = Vec::new();
    let r = ratings(Some(ratings_value), &mut errors);
    let map = match mapping {
        None | Some(Value::Null) => Some(DimensionMap::default()),
        Some(m) => DimensionMap::from_value(m)
            .map_err(|e| errors.extend(e.into_errors()))
            .ok(),
    };
    match map {
        Some(map) if errors.is_empty() => Ok(Assessment {
            date: Date::MIN,
            ratings: r,
        }
        .dimensions(&map)),
        _ => Err(ValidationError::new(errors)),
    }
}

/// Development per area of a list of assessments given as JSON (paths `[i].ratings.<area>`).
///
/// # Errors
/// Every problem in every assessment.
pub fn development_of(assessments: &Value) -> Result<Vec<AreaDevelopment>, ValidationError> {
    let Some(list) = assessments.as_array() else {
        return Err(ValidationError::single(
            "assessments",
            ErrorCode::NotAList,
            "assessments: expected a list of {date, ratings}",
        ));
    };
    let mut errors = Vec::new();
    let parsed: Vec<Assessment> = list
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            Assessment::from_value(v)
                .map_err(|e| errors.extend(e.prefixed(&format!("[{i}].")).into_errors()))
                .ok()
        })
        .collect();
    ValidationError::check(errors, || development(&parsed))
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Step {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Step".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "integer", "minimum": 1, "maximum": 10})
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn stage_is_monotone_and_every_step_has_one(a in 1u8..=10, b in 1u8..=10) {
            let (lo, hi) = (a.min(b), a.max(b));
            prop_assert!(Step::new(lo).unwrap().stage() <= Step::new(hi).unwrap().stage());
        }

        #[test]
        fn steps_outside_1_10_are_refused(v in prop_oneof![Just(0u8), 11u8..]) {
            prop_assert!(Step::new(v).is_err());
        }
    }

    #[test]
    fn default_mapping_puts_every_area_in_exactly_one_dimension() {
        let m = DimensionMap::default();
        let all: Vec<Area> = Dimension::ALL
            .iter()
            .flat_map(|d| m.areas(*d).to_vec())
            .collect();
        assert_eq!(all.len(), Area::ALL.len());
        assert!(Area::ALL.iter().all(|a| all.contains(a)));
    }
}
