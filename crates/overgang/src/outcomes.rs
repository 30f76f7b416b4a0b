//! Life-situation monitoring as in Exit Prostitution 2013-16 (seed 004, page 5): ten areas
//! rated 1-10 on the "journey of change", and distance travelled per area.
//!
//! The area set and the ladder are those of the Outcomes Star for homelessness (*assumption*:
//! seed 004 only links to the Outcomes Star site). The Star's copyrighted descriptors are not
//! reproduced. Distance classes (*assumption*, documented default; seed 004 reports "moderate
//! or large progression" without defining it): none (0 or less), small (+1), moderate (+2 or
//! +3), large (+4 or more).
//!
//! ```
//! use overgang::outcomes::{distance, JourneyStage, Progress, Rating};
//! assert_eq!(Rating::new(4)?.stage(), JourneyStage::AcceptingHelp);
//! assert_eq!(distance(Rating::new(3)?, Rating::new(6)?).class, Progress::Moderate);
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
    /// The ten life-situation areas (Danish names from seed 004).
    pub enum LifeArea ("area") {
        /// Managing a tenancy and accommodation.
        Housing = "housing", "Housing administration", "Administration af bolig";
        /// Mental health.
        MentalHealth = "mental_health", "Mental health", "Psykisk helbred";
        /// Physical health.
        PhysicalHealth = "physical_health", "Physical health", "Fysisk helbred";
        /// Social network and relations.
        SocialNetwork = "social_network", "Social network and relations", "Socialt netværk og relationer";
        /// Motivation and responsibility.
        Motivation = "motivation", "Motivation and responsibility", "Motivation og ansvar";
        /// Managing money.
        Money = "money", "Managing money", "Administration af økonomi";
        /// Meaningful use of time.
        MeaningfulTime = "meaningful_time", "Meaningful use of time", "Meningsfuldt tidsforbrug";
        /// Alcohol and drug use.
        SubstanceUse = "substance_use", "Alcohol and drug use", "Alkohol- og stofmisbrug";
        /// Offending.
        Offending = "offending", "Offending", "Kriminel adfærd";
        /// Life skills and self-care.
        SelfCare = "self_care", "Life skills and self-care", "Livsmestring og egenomsorg";
    }
}

id_enum! {
    /// The journey-of-change stage of a rating.
    pub enum JourneyStage ("stage") {
        /// 1-2.
        Stuck = "stuck", "Stuck", "Fastlåst";
        /// 3-4.
        AcceptingHelp = "accepting_help", "Accepting help", "Tager imod hjælp";
        /// 5-6.
        Motivated = "motivated", "Motivated and taking responsibility", "Motiveret og tager ansvar";
        /// 7-8.
        Learning = "learning", "Learning what works", "Lærer hvad der virker";
        /// 9-10.
        SelfReliance = "self_reliance", "Self-reliance", "Selvhjulpen";
    }
}

id_enum! {
    /// How far a participant travelled in an area.
    pub enum Progress ("progress") {
        /// No progress (0 or a step back).
        None = "none", "None", "Ingen";
        /// +1.
        Small = "small", "Small", "Lille";
        /// +2 or +3.
        Moderate = "moderate", "Moderate", "Moderat";
        /// +4 or more.
        Large = "large", "Large", "Stor";
    }
}

/// A rating 1-10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Rating(u8);

impl Rating {
    /// A rating from a whole number 1-10.
    ///
    /// # Errors
    /// `out_of_range` on field `rating`.
    pub fn new(v: u8) -> Result<Rating, ValidationError> {
        Rating::from_raw("rating", RawAnswer::Integer(i64::from(v)))
            .map_err(|e| ValidationError::new(vec![e]))
    }

    /// A rating from a value of any type, for `field`.
    ///
    /// # Errors
    /// `missing`, `out_of_range`, `not_an_integer` or `not_a_number` on `field`.
    pub fn from_raw(field: &str, raw: RawAnswer) -> Result<Rating, FieldError> {
        crate::ten_step::Step::scaled(field, raw, "ratings").map(|s| Rating(s.get()))
    }

    /// The rating as a number.
    pub const fn get(self) -> u8 {
        self.0
    }

    /// Its stage: 1-2 stuck, 3-4 accepting help, 5-6 motivated, 7-8 learning, 9-10 self-reliance.
    pub const fn stage(self) -> JourneyStage {
        match self.0 {
            0..=2 => JourneyStage::Stuck,
            3..=4 => JourneyStage::AcceptingHelp,
            5..=6 => JourneyStage::Motivated,
            7..=8 => JourneyStage::Learning,
            _ => JourneyStage::SelfReliance,
        }
    }
}

impl<'de> Deserialize<'de> for Rating {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Rating::new(u8::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// Distance travelled in one area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Distance {
    /// `latest - first`.
    pub steps: i8,
    /// Its class.
    pub class: Progress,
}

/// Distance travelled from the first to the latest rating.
pub const fn distance(first: Rating, latest: Rating) -> Distance {
    let steps = latest.0 as i8 - first.0 as i8;
    let class = match steps {
        i8::MIN..=0 => Progress::None,
        1 => Progress::Small,
        2..=3 => Progress::Moderate,
        _ => Progress::Large,
    };
    Distance { steps, class }
}

/// One reading: a date and ratings for some or all areas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Reading {
    /// When it was made.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    #[serde(with = "crate::dates::iso_date")]
    pub date: Date,
    /// Ratings by area.
    pub ratings: BTreeMap<LifeArea, Rating>,
}

impl Reading {
    /// Reads `{"date": "...", "ratings": {"housing": 4, ...}}`.
    ///
    /// # Errors
    /// Every problem, with paths such as `ratings.housing`.
    pub fn from_value(value: &Value) -> Result<Reading, ValidationError> {
        let mut errors = Vec::new();
        let Some(obj) = json::object(value, "", "a reading {date, ratings}", &mut errors) else {
            return Err(ValidationError::new(errors));
        };
        json::refuse_unknown_keys(obj, &["date", "ratings"], "", &mut errors);
        let date = json::date(obj.get("date"), "date", &mut errors);
        let mut ratings = BTreeMap::new();
        match obj.get("ratings") {
            None | Some(Value::Null) => {}
            Some(Value::Object(map)) => {
                for (i, (k, v)) in map.iter().enumerate() {
                    let (path, area) = match crate::json::keyed_id::<LifeArea>("ratings", i, k) {
                        Ok((path, id)) => (path, Some(id)),
                        Err(e) => {
                            errors.push(e);
                            (format!("ratings#{}", i + 1), None)
                        }
                    };
                    let r = Rating::from_raw(&path, RawAnswer::from(v))
                        .map_err(|e| errors.push(e))
                        .ok();
                    if let (Some(a), Some(r)) = (area, r) {
                        ratings.insert(a, r);
                    }
                }
            }
            Some(_) => errors.push(FieldError::new(
                "ratings",
                ErrorCode::InvalidFormat,
                "ratings: expected an object {area: rating}",
            )),
        }
        match date {
            Some(date) if errors.is_empty() => Ok(Reading { date, ratings }),
            _ => Err(ValidationError::new(errors)),
        }
    }

    /// Reads a reading from JSON text.
    ///
    /// # Errors
    /// As [`Reading::from_value`].
    pub fn from_json(text: &str) -> Result<Reading, ValidationError> {
        Reading::from_value(&json::parse_json(text)?)
    }
}

/// Distance travelled per area over a participant's readings (in any order); areas rated
/// fewer than twice are left out.
pub fn distances(readings: &[Reading]) -> Vec<(LifeArea, Distance)> {
    let mut sorted: Vec<&Reading> = readings.iter().collect();
    sorted.sort_by_key(|r| r.date);
    LifeArea::ALL
        .iter()
        .filter_map(|&area| {
            let rs: Vec<Rating> = sorted
                .iter()
                .filter_map(|r| r.ratings.get(&area).copied())
                .collect();
            (rs.len() >= 2).then(|| (area, distance(rs[0], rs[rs.len() - 1])))
        })
        .collect()
}

/// The journey stage of a rating given as any value (for the bindings).
///
/// # Errors
/// As [`Rating::from_raw`], on field `rating`.
pub fn stage_of(rating: RawAnswer) -> Result<JourneyStage, ValidationError> {
    Rating::from_raw("rating", rating)
        .map(Rating::stage)
        .map_err(|e| ValidationError::new(vec![e]))
}

/// The distance between two ratings given as any values (fields `first`, `latest`).
///
/// # Errors
/// Every problem with either rating.
pub fn distance_of(first: RawAnswer, latest: RawAnswer) -> Result<Distance, ValidationError> {
    match (
        Rating::from_raw("first", first),
        Rating::from_raw("latest", latest),
    ) {
        (Ok(a), Ok(b)) => Ok(distance(a, b)),
        (a, b) => Err(ValidationError::new(
            a.err().into_iter().chain(b.err()).collect(),
        )),
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Rating {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Rating".into()
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
        fn stage_and_progress_are_monotone(a in 1u8..=10, b in 1u8..=10, c in 1u8..=10) {
            let (lo, hi) = (a.min(b), a.max(b));
            prop_assert!(Rating::new(lo).unwrap().stage() <= Rating::new(hi).unwrap().stage());
            let r = |v| Rating::new(v).unwrap();
            prop_assert!(distance(r(c), r(lo)).class <= distance(r(c), r(hi)).class);
        }
    }
}
