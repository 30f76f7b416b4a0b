//! General Self-Efficacy Scale (Schwarzer & Jerusalem 1995): ten items, each 1-4.
//!
//! Score = sum, 10-40. With up to 3 of the 10 items missing, the missing ones are imputed with
//! the mean of the answered items, so the score is that mean x 10; with 4 or more missing there
//! is no score (the authors' documentation, as R's qscorer applies it).
//!
//! ```
//! let s = overgang::gse::score(&[Some(3), Some(3), None, Some(2), Some(4), Some(3), None, Some(3), Some(2), Some(3)])?;
//! assert_eq!((s.score, s.mean, s.answered, s.imputed), (28.75, 2.875, 8, true));
//! # Ok::<(), overgang::ValidationError>(())
//! ```

use crate::answer::{item_field, validate_answers, RawAnswer};
use crate::error::{ErrorCode, FieldError, ValidationError};
use serde::{Deserialize, Serialize};

/// Number of GSE items.
pub const ITEMS: usize = 10;
/// Lowest answer (not at all true).
pub const MIN_ANSWER: u8 = 1;
/// Highest answer (exactly true).
pub const MAX_ANSWER: u8 = 4;
/// Most items that may be missing and still give a score.
pub const MAX_MISSING: usize = 3;
/// Lowest score: every item answered with the lowest answer.
pub const MIN_SCORE: u8 = ITEMS as u8 * MIN_ANSWER;
/// Highest score: every item answered with the highest answer.
pub const MAX_SCORE: u8 = ITEMS as u8 * MAX_ANSWER;

/// A scored GSE questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GseScore {
    /// Sum score 10.0-40.0; when items are missing, the mean of the answered items x 10.
    pub score: f64,
    /// Mean of the answered items, 1.0-4.0.
    pub mean: f64,
    /// How many of the ten items were answered (7-10).
    pub answered: u8,
    /// Whether any item was missing and imputed.
    pub imputed: bool,
}

/// Scores ten GSE answers, each 1-4; `None` is a missing answer.
///
/// # Errors
/// A [`ValidationError`] listing every problem: `wrong_length` (field `items`) unless there are
/// exactly ten answers, `out_of_range` for an answer outside 1-4, and, when 4 or more are
/// missing, `missing` for each missing item plus `too_many_missing` on `items`.
pub fn score(answers: &[Option<u8>]) -> Result<GseScore, ValidationError> {
    // Fast path without allocation; the detailed path only runs to describe a problem.
    if let Ok(row) = <[Option<u8>; ITEMS]>::try_from(answers) {
        if let Ok(s) = score_row(&row.map(RawAnswer::from)) {
            return Ok(s);
        }
    }
    let raw: Vec<RawAnswer> = answers.iter().map(|&a| RawAnswer::from(a)).collect();
    score_answers(&raw)
}

/// Scores GSE answers of any type, as received from Python, JavaScript, JSON or CSV.
///
/// # Errors
/// As [`score`], plus `not_a_number` and `not_an_integer` for answers of the wrong type.
pub fn score_answers(answers: &[RawAnswer]) -> Result<GseScore, ValidationError> {
    let checked = validate_answers(answers, ITEMS, MIN_ANSWER..=MAX_ANSWER, "GSE")?;
    let missing = checked
        .iter()
        .filter(|item| matches!(item, Ok(None)))
        .count();
    let mut errors = Vec::new();
    let mut answered = Vec::with_capacity(ITEMS);
    for (i, item) in checked.into_iter().enumerate() {
        match item {
            Ok(Some(v)) => answered.push(v),
            Ok(None) if missing > MAX_MISSING => {
                let field = item_field(i);
                let message = format!(
                    "{field} is missing; GSE needs at least 7 of 10 items answered (1 to 4)"
                );
                errors.push(FieldError::new(field, ErrorCode::Missing, message));
            }
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    if missing > MAX_MISSING {
        errors.push(FieldError::new(
            "items",
            ErrorCode::TooManyMissing,
            format!("items: {missing} of 10 answers are missing; GSE is scored with at most {MAX_MISSING} missing"),
        ));
    }
    if !errors.is_empty() {
        return Err(ValidationError::new(errors));
    }
    let sum: u32 = answered.iter().map(|&a| u32::from(a)).sum();
    Ok(from_sum(sum, answered.len() as u8))
}

/// Scores one row without building messages (the batch path).
///
/// Same rules as [`score_answers`]: the per-item rule is [`crate::answer::classify`].
///
/// # Errors
/// The code of the first item of the wrong type or off the scale, else `too_many_missing`.
#[inline]
pub fn score_row(row: &[RawAnswer; ITEMS]) -> Result<GseScore, ErrorCode> {
    let (mut sum, mut answered) = (0u32, 0u8);
    for &a in row {
        if let Some(v) = crate::answer::classify(a, MIN_ANSWER, MAX_ANSWER)? {
            sum += u32::from(v);
            answered += 1;
        }
    }
    if usize::from(answered) + MAX_MISSING < ITEMS {
        return Err(ErrorCode::TooManyMissing);
    }
    Ok(from_sum(sum, answered))
}

fn from_sum(sum: u32, answered: u8) -> GseScore {
    let mean = f64::from(sum) / f64::from(answered);
    let missing = ITEMS - usize::from(answered);
    GseScore {
        score: if missing == 0 {
            f64::from(sum)
        } else {
            mean * 10.0
        },
        mean,
        answered,
        imputed: missing > 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn score_within_10_40_and_plain_sum_when_complete(
            answers in prop::collection::vec(prop::option::weighted(0.85, 1u8..=4), 10)
        ) {
            let missing = answers.iter().filter(|a| a.is_none()).count();
            match score(&answers) {
                Ok(s) => {
                    prop_assert!(missing <= MAX_MISSING);
                    prop_assert!((10.0..=40.0).contains(&s.score));
                    prop_assert!((1.0..=4.0).contains(&s.mean));
                    prop_assert_eq!(usize::from(s.answered), 10 - missing);
                    prop_assert_eq!(s.imputed, missing > 0);
                    if missing == 0 {
                        let sum: u32 = answers.iter().flatten().map(|&a| u32::from(a)).sum();
                        prop_assert_eq!(s.score, f64::from(sum));
                    }
                }
                Err(e) => {
                    prop_assert!(missing > MAX_MISSING);
                    prop_assert!(e.errors().iter().any(|e| e.code == ErrorCode::TooManyMissing));
                }
            }
        }
    }
}
