//! WHO-5 Well-Being Index: scoring, the report's risk bands, WHO's screening flags and change.
//!
//! Five statements about the last two weeks, each answered 0 (at no time) to 5 (all of the
//! time). Raw score 0-25; index = raw x 4, 0-100 (Topp et al. 2015). Bands as in Social- og
//! Boligstyrelsen's exit-package report (seed 001 §3): 0-35 high risk of depression or stress,
//! 36-50 risk, 51-100 no immediate risk. The instrument has no imputation rule, so a missing
//! answer gives no score (*assumption* of the domain brief, §8).
//!
//! ```
//! use overgang::who5::{self, Who5Band};
//! let s = who5::score(&[Some(3), Some(4), Some(2), Some(3), Some(4)])?;
//! assert_eq!((s.raw, s.index, s.band), (16, 64, Who5Band::NoImmediateRisk));
//! assert!(!s.poor_wellbeing);
//! # Ok::<(), overgang::ValidationError>(())
//! ```

use crate::answer::{item_field, validate_answers, RawAnswer};
use crate::error::{ErrorCode, FieldError, ValidationError};
use crate::ids::id_enum;
use serde::{Deserialize, Serialize};

/// Number of WHO-5 items.
pub const ITEMS: usize = 5;
/// Lowest answer (at no time).
pub const MIN_ANSWER: u8 = 0;
/// Highest answer (all of the time).
pub const MAX_ANSWER: u8 = 5;
/// Smallest change of index, in points, that is clinically significant (Topp et al. 2015).
pub const CLINICALLY_SIGNIFICANT_CHANGE: f64 = 10.0;
/// WHO screening: a raw score below this indicates poor wellbeing.
pub const POOR_WELLBEING_BELOW: u8 = 13;

id_enum! {
    /// The report's risk band of a WHO-5 index (seed 001, section 5.3).
    pub enum Who5Band ("band") {
        /// Index 0-35: great risk of depression or stress.
        HighRisk = "high_risk", "High risk", "Stor risiko";
        /// Index 36-50: risk of depression or stress.
        Risk = "risk", "Risk", "Risiko";
        /// Index 51-100: no immediate risk.
        NoImmediateRisk = "no_immediate_risk", "No immediate risk", "Ingen umiddelbar risiko";
    }
}

impl Who5Band {
    /// The band of an index (0-100; values above 100 fall in the top band).
    ///
    /// ```
    /// use overgang::who5::Who5Band;
    /// assert_eq!(Who5Band::from_index(35), Who5Band::HighRisk);
    /// assert_eq!(Who5Band::from_index(36), Who5Band::Risk);
    /// assert_eq!(Who5Band::from_index(51), Who5Band::NoImmediateRisk);
    /// ```
    pub const fn from_index(index: u8) -> Self {
        if index <= Who5Band::HighRisk.range().1 {
            Who5Band::HighRisk
        } else if index <= Who5Band::Risk.range().1 {
            Who5Band::Risk
        } else {
            Who5Band::NoImmediateRisk
        }
    }

    /// The band's indices, lowest and highest (seed 001, section 5.3): the one statement of
    /// the band edges that reports, charts, bindings and forms read.
    ///
    /// ```
    /// use overgang::who5::Who5Band;
    /// assert_eq!(Who5Band::Risk.range(), (36, 50));
    /// ```
    pub const fn range(self) -> (u8, u8) {
        match self {
            Who5Band::HighRisk => (0, 35),
            Who5Band::Risk => (36, 50),
            Who5Band::NoImmediateRisk => (51, 100),
        }
    }

    /// A small integer code (0, 1, 2 from lowest to highest band) for array outputs.
    pub const fn code(self) -> u8 {
        self as u8
    }
}

/// The highest index in the risk zone ("index 50 or below", seed 001): the top of the
/// [`Who5Band::Risk`] band.
pub const RISK_ZONE_MAX: u8 = Who5Band::Risk.range().1;

/// Whether an index (or a mean index) lies in the risk zone.
///
/// ```
/// assert!(overgang::who5::in_risk_zone(50.0) && !overgang::who5::in_risk_zone(50.5));
/// ```
pub fn in_risk_zone(index: f64) -> bool {
    index <= f64::from(RISK_ZONE_MAX)
}

/// A scored WHO-5 questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Who5Score {
    /// Sum of the five answers, 0-25.
    pub raw: u8,
    /// Raw score x 4, 0-100.
    pub index: u8,
    /// The report's risk band of the index.
    pub band: Who5Band,
    /// WHO screening: raw score below 13 indicates poor wellbeing (nothing else).
    pub poor_wellbeing: bool,
    /// WHO screening: testing for depression is advised when the raw score is below 13 or any
    /// item is answered 0 or 1 (a rule of its own, beside `poor_wellbeing`).
    pub depression_test_advised: bool,
    /// WHO screening: index 28 or below.
    pub likely_depression: bool,
}

/// Scores five WHO-5 answers, each 0-5; `None` is a missing answer.
///
/// # Errors
/// A [`ValidationError`] listing every problem: `wrong_length` (field `items`) unless there are
/// exactly five answers, `out_of_range` for an answer above 5, `missing` for each missing answer.
pub fn score(answers: &[Option<u8>]) -> Result<Who5Score, ValidationError> {
    // Fast path without allocation; the detailed path only runs to describe a problem.
    if let Ok(row) = <[Option<u8>; ITEMS]>::try_from(answers) {
        if let Ok(s) = score_row(&row.map(RawAnswer::from)) {
            return Ok(s);
        }
    }
    let raw: Vec<RawAnswer> = answers.iter().map(|&a| RawAnswer::from(a)).collect();
    score_answers(&raw)
}

/// Scores WHO-5 answers of any type, as received from Python, JavaScript, JSON or CSV.
///
/// See [`crate::answer`] for what is accepted.
///
/// # Errors
/// As [`score`], plus `not_a_number` and `not_an_integer` for answers of the wrong type.
pub fn score_answers(answers: &[RawAnswer]) -> Result<Who5Score, ValidationError> {
    let checked = validate_answers(answers, ITEMS, MIN_ANSWER..=MAX_ANSWER, "WHO-5")?;
    let mut errors = Vec::new();
    let mut values = Vec::with_capacity(ITEMS);
    for (i, item) in checked.into_iter().enumerate() {
        match item {
            Ok(Some(v)) => values.push(v),
            Ok(None) => {
                let field = item_field(i);
                let message = format!(
                    "{field} is missing; WHO-5 is scored only when all 5 items are answered (0 to 5)"
                );
                errors.push(FieldError::new(field, ErrorCode::Missing, message));
            }
            Err(e) => errors.push(e),
        }
    }
    ValidationError::check(errors, || from_complete(&values))
}

/// Scores one row without building messages (the batch path): the first problem's code.
///
/// Same rules as [`score_answers`]: the per-item rule is [`crate::answer::classify`].
///
/// # Errors
/// The code of the first problem in item order (`missing` for a missing answer).
#[inline]
pub fn score_row(row: &[RawAnswer; ITEMS]) -> Result<Who5Score, ErrorCode> {
    let mut answers = [0u8; ITEMS];
    let mut missing = false;
    // A wrong answer anywhere in the row is reported before a missing one (as in `score`).
    for (slot, &a) in answers.iter_mut().zip(row) {
        match crate::answer::classify(a, MIN_ANSWER, MAX_ANSWER)? {
            Some(v) => *slot = v,
            None => missing = true,
        }
    }
    if missing {
        return Err(ErrorCode::Missing);
    }
    Ok(from_complete(&answers))
}

fn from_complete(answers: &[u8]) -> Who5Score {
    let raw: u8 = answers.iter().sum();
    let index = raw * 4;
    Who5Score {
        raw,
        index,
        band: Who5Band::from_index(index),
        poor_wellbeing: raw < POOR_WELLBEING_BELOW,
        depression_test_advised: raw < POOR_WELLBEING_BELOW || answers.iter().any(|&a| a <= 1),
        likely_depression: index <= 28,
    }
}

id_enum! {
    /// Whether a WHO-5 index changed by a clinically significant amount.
    pub enum Who5Change ("change") {
        /// The index rose by 10 points or more.
        Improved = "improved", "Improved", "Forbedret";
        /// The index fell by 10 points or more.
        Worsened = "worsened", "Worsened", "Forværret";
        /// The index moved by less than 10 points either way.
        NoSignificantChange = "no_significant_change", "No significant change", "Ingen signifikant ændring";
    }
}

id_enum! {
    /// The direction of a change in the report's terms: improved by 10 points or more, worsened
    /// by 10 or more, else unchanged (seed 001 line 384: a rise of at least 10 points is a
    /// "klinisk signifikant forøgelse").
    pub enum Direction ("direction") {
        /// Rose by 10 points or more.
        Improved = "improved", "Improved", "Forbedret";
        /// Fell by 10 points or more.
        Worsened = "worsened", "Worsened", "Forværret";
        /// Moved by less than 10 points either way.
        Unchanged = "unchanged", "Unchanged", "Uændret";
    }
}

impl From<Who5Change> for Direction {
    fn from(c: Who5Change) -> Direction {
        match c {
            Who5Change::Improved => Direction::Improved,
            Who5Change::Worsened => Direction::Worsened,
            Who5Change::NoSignificantChange => Direction::Unchanged,
        }
    }
}

/// The direction of a change between two group means (any finite numbers; the same 10-point
/// rule as [`change`], with its rounding to nine decimals).
///
/// ```
/// use overgang::who5::{direction, Direction};
/// assert_eq!(direction(36.0, 46.0), Direction::Improved);
/// assert_eq!(direction(45.0, 54.0), Direction::Unchanged);
/// ```
pub fn direction(before: f64, after: f64) -> Direction {
    let diff = ((after - before) * 1e9).round() / 1e9;
    if diff >= CLINICALLY_SIGNIFICANT_CHANGE {
        Direction::Improved
    } else if diff <= -CLINICALLY_SIGNIFICANT_CHANGE {
        Direction::Worsened
    } else {
        Direction::Unchanged
    }
}

/// The band of a group mean: the mean rounded half up to a whole index point, then banded
/// (seed 001 lines 378-382 band group means; the rounding is an assumption).
///
/// ```
/// use overgang::who5::{mean_band, Who5Band};
/// assert_eq!(mean_band(35.5), Who5Band::Risk);
/// assert_eq!(mean_band(35.49), Who5Band::HighRisk);
/// ```
pub fn mean_band(mean: f64) -> Who5Band {
    let m = (mean * 1e9).round() / 1e9;
    let rounded = (m + 0.5).floor().clamp(0.0, 100.0);
    Who5Band::from_index(rounded as u8)
}

/// Classifies the change between two WHO-5 indices (individual scores or group means).
///
/// `after - before >= 10` is `improved`, `<= -10` is `worsened`. The difference is rounded to
/// nine decimals first, so that binary floating point (45.1 - 35.1 = 9.999999999999996) cannot
/// flip a change that is exactly 10 points.
///
/// ```
/// use overgang::who5::{change, Who5Change};
/// assert_eq!(change(36.0, 46.0)?, Who5Change::Improved);
/// assert_eq!(change(45.0, 54.0)?, Who5Change::NoSignificantChange);
/// # Ok::<(), overgang::ValidationError>(())
/// ```
///
/// # Errors
/// `out_of_range` (fields `before`, `after`) for an index outside 0-100 or not finite.
pub fn change(before: f64, after: f64) -> Result<Who5Change, ValidationError> {
    let mut errors = Vec::new();
    for (field, v) in [("before", before), ("after", after)] {
        if !(0.0..=100.0).contains(&v) {
            let shown = crate::answer::echo_number(v);
            errors.push(FieldError::new(
                field,
                ErrorCode::OutOfRange,
                format!("{field}: {shown} is out of range; a WHO-5 index lies from 0 to 100"),
            ));
        }
    }
    ValidationError::check(errors, || {
        let diff = ((after - before) * 1e9).round() / 1e9;
        if diff >= CLINICALLY_SIGNIFICANT_CHANGE {
            Who5Change::Improved
        } else if diff <= -CLINICALLY_SIGNIFICANT_CHANGE {
            Who5Change::Worsened
        } else {
            Who5Change::NoSignificantChange
        }
    })
}

/// The band of an index given as any type, as received from Python or JavaScript.
///
/// ```
/// use overgang::{who5::{band_answer, Who5Band}, RawAnswer};
/// assert_eq!(band_answer(RawAnswer::Integer(50))?, Who5Band::Risk);
/// # Ok::<(), overgang::ValidationError>(())
/// ```
///
/// # Errors
/// `out_of_range` outside 0-100, `not_an_integer` for a fraction (an individual index is a
/// whole number), `missing` and `not_a_number` for absent or non-numeric values.
pub fn band_answer(index: RawAnswer) -> Result<Who5Band, ValidationError> {
    match crate::answer::scale_value("index", index, 0, 100, "WHO-5 indices") {
        Ok(Some(i)) => Ok(Who5Band::from_index(i)),
        Ok(None) => Err(ValidationError::single(
            "index",
            ErrorCode::Missing,
            "index is missing; a WHO-5 index from 0 to 100 is required",
        )),
        Err(e) => Err(ValidationError::new(vec![e])),
    }
}

/// Like [`change`], for indices of any type as received from Python or JavaScript.
///
/// # Errors
/// As [`change`], plus `missing` and `not_a_number` for absent or non-numeric values.
pub fn change_answers(before: RawAnswer, after: RawAnswer) -> Result<Who5Change, ValidationError> {
    match (
        crate::answer::number("before", before),
        crate::answer::number("after", after),
    ) {
        (Ok(b), Ok(a)) => change(b, a),
        (b, a) => Err(ValidationError::new(
            b.err().into_iter().chain(a.err()).collect(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn index_is_four_times_raw_and_within_0_100(answers in prop::collection::vec(0u8..=5, 5)) {
            let opts: Vec<Option<u8>> = answers.iter().map(|&a| Some(a)).collect();
            let s = score(&opts).unwrap();
            prop_assert_eq!(u32::from(s.index), 4 * u32::from(s.raw));
            prop_assert!(s.index <= 100);
            prop_assert_eq!(u32::from(s.raw), answers.iter().map(|&a| u32::from(a)).sum::<u32>());
        }

        #[test]
        fn band_is_monotone_in_index(a in 0u8..=100, b in 0u8..=100) {
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(Who5Band::from_index(lo) <= Who5Band::from_index(hi));
        }

        #[test]
        fn change_is_antisymmetric(a in 0.0f64..=100.0, b in 0.0f64..=100.0) {
            let up = change(a, b).unwrap();
            let down = change(b, a).unwrap();
            let mirrored = match up {
                Who5Change::Improved => Who5Change::Worsened,
                Who5Change::Worsened => Who5Change::Improved,
                Who5Change::NoSignificantChange => Who5Change::NoSignificantChange,
            };
            prop_assert_eq!(down, mirrored);
        }

        #[test]
        fn any_missing_answer_gives_no_score(answers in prop::collection::vec(prop::option::of(0u8..=5), 5)) {
            let result = score(&answers);
            prop_assert_eq!(result.is_ok(), answers.iter().all(Option::is_some));
        }
    }
}
