//! Scoring many questionnaires at once, for numpy and pandas: one row per questionnaire,
//! results as columns, and a per-row error code instead of an exception, so one bad row does
//! not stop a batch. The rules are those of [`crate::who5::score_row`] and
//! [`crate::gse::score_row`], which the single-questionnaire functions share.
//!
//! Error codes in the `error` column: 0 = valid, otherwise [`ErrorCode::number`]
//! (1 `missing`, 2 `out_of_range`, 5 `not_an_integer`, 7 `too_many_missing`, ...).
//!
//! ```
//! use overgang::batch::who5_rows;
//! let rows = [3.0, 4.0, 2.0, 3.0, 4.0, /* second row: */ 3.0, f64::NAN, 2.0, 3.0, 4.0];
//! let out = who5_rows(&rows, overgang::RawAnswer::Float);
//! assert_eq!(out.index, [64, 0]);
//! assert_eq!(out.error, [0, overgang::ErrorCode::Missing.number()]);
//! ```

use crate::answer::RawAnswer;
use crate::error::ErrorCode;
use crate::{gse, who5};
use serde::{Deserialize, Serialize};

/// Band code of a row that has no score.
pub const NO_BAND: i8 = -1;

/// WHO-5 results as columns.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Who5Columns {
    /// Raw score 0-25 (0 when the row has an error).
    pub raw: Vec<u8>,
    /// Index 0-100 (0 when the row has an error).
    pub index: Vec<u8>,
    /// Band code: 0 `high_risk`, 1 `risk`, 2 `no_immediate_risk`, -1 no score.
    pub band: Vec<i8>,
    /// WHO screening flag: raw below 13 (false when the row has an error).
    pub poor_wellbeing: Vec<bool>,
    /// WHO screening flag: raw below 13 or any item 0 or 1 (false when the row has an error).
    pub depression_test_advised: Vec<bool>,
    /// WHO screening flag (false when the row has an error).
    pub likely_depression: Vec<bool>,
    /// 0 = valid, otherwise [`ErrorCode::number`].
    pub error: Vec<u8>,
}

/// GSE results as columns.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GseColumns {
    /// Score 10-40 (NaN when the row has an error).
    pub score: Vec<f64>,
    /// Mean 1-4 (NaN when the row has an error).
    pub mean: Vec<f64>,
    /// Items answered (0 when the row has an error).
    pub answered: Vec<u8>,
    /// Whether missing items were imputed.
    pub imputed: Vec<bool>,
    /// 0 = valid, otherwise [`ErrorCode::number`].
    pub error: Vec<u8>,
}

/// Scores row-major WHO-5 data (`data.len()` a multiple of 5; a trailing partial row is
/// ignored: the bindings check the shape first). `to_raw` says what each cell is.
pub fn who5_rows<T: Copy>(data: &[T], to_raw: impl Fn(T) -> RawAnswer) -> Who5Columns {
    let n = data.len() / who5::ITEMS;
    let mut out = Who5Columns {
        raw: Vec::with_capacity(n),
        index: Vec::with_capacity(n),
        band: Vec::with_capacity(n),
        poor_wellbeing: Vec::with_capacity(n),
        depression_test_advised: Vec::with_capacity(n),
        likely_depression: Vec::with_capacity(n),
        error: Vec::with_capacity(n),
    };
    for row in data.chunks_exact(who5::ITEMS) {
        let raw: [RawAnswer; who5::ITEMS] = std::array::from_fn(|i| to_raw(row[i]));
        match who5::score_row(&raw) {
            Ok(s) => {
                out.raw.push(s.raw);
                out.index.push(s.index);
                out.band.push(s.band.code() as i8);
                out.poor_wellbeing.push(s.poor_wellbeing);
                out.depression_test_advised.push(s.depression_test_advised);
                out.likely_depression.push(s.likely_depression);
                out.error.push(0);
            }
            Err(code) => {
                out.raw.push(0);
                out.index.push(0);
                out.band.push(NO_BAND);
                out.poor_wellbeing.push(false);
                out.depression_test_advised.push(false);
                out.likely_depression.push(false);
                out.error.push(code.number());
            }
        }
    }
    out
}

/// Scores row-major GSE data (`data.len()` a multiple of 10).
pub fn gse_rows<T: Copy>(data: &[T], to_raw: impl Fn(T) -> RawAnswer) -> GseColumns {
    let n = data.len() / gse::ITEMS;
    let mut out = GseColumns {
        score: Vec::with_capacity(n),
        mean: Vec::with_capacity(n),
        answered: Vec::with_capacity(n),
        imputed: Vec::with_capacity(n),
        error: Vec::with_capacity(n),
    };
    for row in data.chunks_exact(gse::ITEMS) {
        let raw: [RawAnswer; gse::ITEMS] = std::array::from_fn(|i| to_raw(row[i]));
        match gse::score_row(&raw) {
            Ok(s) => {
                out.score.push(s.score);
                out.mean.push(s.mean);
                out.answered.push(s.answered);
                out.imputed.push(s.imputed);
                out.error.push(0);
            }
            Err(code) => {
                out.score.push(f64::NAN);
                out.mean.push(f64::NAN);
                out.answered.push(0);
                out.imputed.push(false);
                out.error.push(code.number());
            }
        }
    }
    out
}

/// The mapping of the `error` column: `(number, code)` for every code.
pub fn error_numbers() -> Vec<(u8, &'static str)> {
    ErrorCode::ALL
        .iter()
        .map(|c| (c.number(), c.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cell() -> impl Strategy<Value = f64> {
        prop_oneof![4 => (0u8..=5).prop_map(f64::from), 1 => Just(f64::NAN), 1 => -3.0f64..9.0, 1 => Just(f64::INFINITY)]
    }

    proptest! {
        #[test]
        fn who5_batch_agrees_with_the_detailed_path(rows in prop::collection::vec(prop::collection::vec(cell(), 5), 1..20)) {
            let flat: Vec<f64> = rows.iter().flatten().copied().collect();
            let out = who5_rows(&flat, RawAnswer::Float);
            for (i, row) in rows.iter().enumerate() {
                let raw: Vec<RawAnswer> = row.iter().map(|&f| RawAnswer::Float(f)).collect();
                match who5::score_answers(&raw) {
                    Ok(s) => {
                        prop_assert_eq!(out.error[i], 0);
                        prop_assert_eq!((out.raw[i], out.index[i], out.band[i]), (s.raw, s.index, s.band.code() as i8));
                        prop_assert_eq!((out.poor_wellbeing[i], out.depression_test_advised[i], out.likely_depression[i]), (s.poor_wellbeing, s.depression_test_advised, s.likely_depression));
                    }
                    // A row's code: its first wrong answer, before a missing one.
                    Err(e) => {
                        let first = e.errors().iter().find(|x| x.code != ErrorCode::Missing).unwrap_or(&e.errors()[0]);
                        prop_assert_eq!(out.error[i], first.code.number())
                    }
                }
            }
        }

        #[test]
        fn gse_batch_agrees_with_the_detailed_path(rows in prop::collection::vec(prop::collection::vec(prop_oneof![4 => (1u8..=4).prop_map(f64::from), 1 => Just(f64::NAN), 1 => -1.0f64..6.0], 10), 1..20)) {
            let flat: Vec<f64> = rows.iter().flatten().copied().collect();
            let out = gse_rows(&flat, RawAnswer::Float);
            for (i, row) in rows.iter().enumerate() {
                let raw: Vec<RawAnswer> = row.iter().map(|&f| RawAnswer::Float(f)).collect();
                match gse::score_answers(&raw) {
                    Ok(s) => {
                        prop_assert_eq!(out.error[i], 0);
                        prop_assert_eq!((out.score[i], out.answered[i], out.imputed[i]), (s.score, s.answered, s.imputed));
                    }
                    Err(e) => prop_assert!(e.errors().iter().any(|x| x.code.number() == out.error[i])),
                }
            }
        }
    }
}
