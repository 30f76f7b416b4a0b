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
/// ignored: the bindings check the shape first). `to_raw` says what each cell is. Large
/// batches are split over the machine's cores (each row is scored on its own, so the result
/// is the same as one pass).
pub fn who5_rows<T: Copy + Sync>(
    data: &[T],
    to_raw: impl Fn(T) -> RawAnswer + Sync,
) -> Who5Columns {
    let mut parts = in_parts(data, who5::ITEMS, |part| who5_rows_in(part, &to_raw));
    if parts.len() == 1 {
        return parts.pop().unwrap_or_default();
    }
    let mut out = Who5Columns::default();
    for p in parts {
        out.raw.extend_from_slice(&p.raw);
        out.index.extend_from_slice(&p.index);
        out.band.extend_from_slice(&p.band);
        out.poor_wellbeing.extend_from_slice(&p.poor_wellbeing);
        out.depression_test_advised
            .extend_from_slice(&p.depression_test_advised);
        out.likely_depression
            .extend_from_slice(&p.likely_depression);
        out.error.extend_from_slice(&p.error);
    }
    out
}

/// Rows below which a batch is scored in one pass (threads cost more than they save).
const ROWS_PER_THREAD: usize = 100_000;

/// `score` applied to consecutive parts of the rows, on several threads when there are many
/// rows and cores (never in the browser build, which has no threads); parts in row order.
fn in_parts<T: Sync, R: Send>(
    data: &[T],
    width: usize,
    score: impl Fn(&[T]) -> R + Sync,
) -> Vec<R> {
    let rows = data.len() / width;
    let threads = if cfg!(target_arch = "wasm32") {
        1
    } else {
        std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(rows / ROWS_PER_THREAD)
            .max(1)
    };
    if threads == 1 {
        return vec![score(data)];
    }
    let per_part = rows.div_ceil(threads) * width;
    std::thread::scope(|s| {
        let handles: Vec<_> = data
            .chunks(per_part)
            .map(|part| s.spawn(|| score(part)))
            .collect();
        // A scoring thread cannot panic (no indexing or unwrap in it); a failed join would
        // lose rows, so it is scored again here rather than dropped.
        handles
            .into_iter()
            .zip(data.chunks(per_part))
            .map(|(h, part)| h.join().unwrap_or_else(|_| score(part)))
            .collect()
    })
}

fn who5_rows_in<T: Copy>(data: &[T], to_raw: &impl Fn(T) -> RawAnswer) -> Who5Columns {
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

/// Scores row-major GSE data (`data.len()` a multiple of 10), on several cores for large
/// batches as [`who5_rows`].
pub fn gse_rows<T: Copy + Sync>(data: &[T], to_raw: impl Fn(T) -> RawAnswer + Sync) -> GseColumns {
    let mut parts = in_parts(data, gse::ITEMS, |part| gse_rows_in(part, &to_raw));
    if parts.len() == 1 {
        return parts.pop().unwrap_or_default();
    }
    let mut out = GseColumns::default();
    for p in parts {
        out.score.extend_from_slice(&p.score);
        out.mean.extend_from_slice(&p.mean);
        out.answered.extend_from_slice(&p.answered);
        out.imputed.extend_from_slice(&p.imputed);
        out.error.extend_from_slice(&p.error);
    }
    out
}

fn gse_rows_in<T: Copy>(data: &[T], to_raw: &impl Fn(T) -> RawAnswer) -> GseColumns {
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

    #[test]
    fn batches_split_over_threads_give_the_one_pass_result() {
        // Enough rows for several parts, with every kind of cell, in a fixed pseudo-random order.
        let cells = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, f64::NAN, 6.0, 2.5, -1.0];
        let data: Vec<f64> = (0..(2 * ROWS_PER_THREAD + 7) * 10)
            .map(|i: usize| cells[(i.wrapping_mul(2_654_435_761) >> 7) % cells.len()])
            .collect();
        let who5_data = data.get(..data.len() / 10 * 5).unwrap_or_default();
        assert_eq!(
            who5_rows(who5_data, RawAnswer::Float),
            who5_rows_in(who5_data, &RawAnswer::Float)
        );
        let split = gse_rows(&data, RawAnswer::Float);
        let one = gse_rows_in(&data, &RawAnswer::Float);
        // NaN != NaN: compare the bits.
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&split.score), bits(&one.score));
        assert_eq!((split.answered, split.error), (one.answered, one.error));
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
