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
//!
//! How it is fast: the columns are allocated once (zeroed by the allocator, lazily) and each
//! part of the rows writes its own slice of them in place, on its own thread for large batches.
//! A WHO-5 row of five whole numbers on the scale (the common case) is looked up in a table of
//! every such row, which is filled once by [`crate::who5::score_row`] itself; any other row
//! (missing, fractional, off the scale, another type) takes [`crate::who5::score_row`]. So the
//! results are those of the scalar API by construction, and the tests below check it.

use crate::answer::RawAnswer;
use crate::error::ErrorCode;
use crate::{gse, who5};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::OnceLock;

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
    let mut out = Who5Columns::zeroed(data.len() / who5::ITEMS);
    in_parts(data, &mut out, |part, cols| {
        who5_rows_in(part, &to_raw, cols)
    });
    out
}

/// Scores row-major GSE data (`data.len()` a multiple of 10), on several cores for large
/// batches as [`who5_rows`].
pub fn gse_rows<T: Copy + Sync>(data: &[T], to_raw: impl Fn(T) -> RawAnswer + Sync) -> GseColumns {
    let mut out = GseColumns::zeroed(data.len() / gse::ITEMS);
    in_parts(data, &mut out, |part, cols| {
        gse_rows_in(part, &to_raw, cols)
    });
    out
}

/// Rows below which a batch is scored in one pass (threads cost more than they save).
const ROWS_PER_THREAD: usize = 100_000;

/// Columns that parts of a batch can fill in place: allocated for all rows at once, then
/// borrowed a range of rows at a time.
trait Columns: Send {
    /// Cells per row of the input.
    const WIDTH: usize;
    /// The columns of some rows, borrowed for writing.
    type Part<'a>: Send
    where
        Self: 'a;
    /// Columns for `rows` rows, zeroed (the allocator's zeroed pages: no pass over them).
    fn zeroed(rows: usize) -> Self;
    /// Number of rows.
    fn rows(&self) -> usize;
    /// The columns of `rows` (a range within `0..self.rows()`).
    fn part(&mut self, rows: Range<usize>) -> Self::Part<'_>;
    /// The columns of consecutive parts of `per_part` rows each (the last may be shorter).
    fn parts(&mut self, per_part: usize) -> Vec<Self::Part<'_>>;
}

/// `score` applied to consecutive parts of the rows, each writing its own rows of `out`, on
/// several threads when there are many rows and cores (never in the browser build, which has
/// no threads). The calling thread scores the first part itself.
fn in_parts<T: Sync, C: Columns>(
    data: &[T],
    out: &mut C,
    score: impl for<'a> Fn(&[T], C::Part<'a>) + Sync,
) {
    let rows = out.rows();
    let threads = crate::threads::cores().min(rows / ROWS_PER_THREAD).max(1);
    let per_part = rows.div_ceil(threads).max(1);
    if threads == 1 {
        score(data, out.part(0..rows));
        return;
    }
    let failed: Vec<usize> = std::thread::scope(|s| {
        let score = &score;
        let mut parts = out
            .parts(per_part)
            .into_iter()
            .zip(data.chunks(per_part * C::WIDTH));
        let first = parts.next();
        let handles: Vec<_> = parts
            .map(|(cols, d)| s.spawn(move || score(d, cols)))
            .collect();
        if let Some((cols, d)) = first {
            score(d, cols);
        }
        // A scoring thread has no reason to panic; if one did, its rows are scored again
        // below (after the threads' borrows end) rather than lost.
        handles
            .into_iter()
            .enumerate()
            .filter_map(|(i, h)| h.join().is_err().then_some(i + 1))
            .collect()
    });
    for i in failed {
        let start = i * per_part;
        let end = (start + per_part).min(rows);
        if let Some(d) = data.get(start * C::WIDTH..end * C::WIDTH) {
            score(d, out.part(start..end));
        }
    }
}

/// Declares `$part`, some rows of the columns struct `$columns` borrowed for writing, and the
/// [`Columns`] impl of `$columns`, from the list of its columns with their zero.
macro_rules! columns {
    ($(#[$doc:meta])* $columns:ident, $part:ident, $width:expr, $($field:ident: $ty:ty = $zero:expr),+ $(,)?) => {
        $(#[$doc])*
        struct $part<'a> {
            $($field: &'a mut [$ty],)+
        }

        impl Columns for $columns {
            const WIDTH: usize = $width;
            type Part<'a> = $part<'a>;

            fn zeroed(rows: usize) -> Self {
                $columns { $($field: vec![$zero; rows],)+ }
            }

            fn rows(&self) -> usize {
                self.error.len()
            }

            fn part(&mut self, r: Range<usize>) -> $part<'_> {
                $part { $($field: self.$field.get_mut(r.clone()).unwrap_or_default(),)+ }
            }

            fn parts(&mut self, per_part: usize) -> Vec<$part<'_>> {
                $(let mut $field = self.$field.chunks_mut(per_part);)+
                let mut parts = Vec::new();
                while let ($(Some($field),)+) = ($($field.next(),)+) {
                    parts.push($part { $($field,)+ });
                }
                parts
            }
        }
    };
}

columns! {
    /// Some rows of [`Who5Columns`], borrowed for writing.
    Who5Columns, Who5Part, who5::ITEMS,
    raw: u8 = 0,
    index: u8 = 0,
    band: i8 = 0,
    poor_wellbeing: bool = false,
    depression_test_advised: bool = false,
    likely_depression: bool = false,
    error: u8 = 0,
}

/// One row's WHO-5 results, as the columns hold them.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Who5Row {
    raw: u8,
    index: u8,
    band: i8,
    poor_wellbeing: bool,
    depression_test_advised: bool,
    likely_depression: bool,
    error: u8,
}

impl Who5Row {
    fn of(result: Result<who5::Who5Score, ErrorCode>) -> Self {
        match result {
            Ok(s) => Who5Row {
                raw: s.raw,
                index: s.index,
                band: s.band.code() as i8,
                poor_wellbeing: s.poor_wellbeing,
                depression_test_advised: s.depression_test_advised,
                likely_depression: s.likely_depression,
                error: 0,
            },
            Err(code) => Who5Row {
                raw: 0,
                index: 0,
                band: NO_BAND,
                poor_wellbeing: false,
                depression_test_advised: false,
                likely_depression: false,
                error: code.number(),
            },
        }
    }
}

/// Answers a WHO-5 item can take (0-5).
const WHO5_SCALE: usize = (who5::MAX_ANSWER - who5::MIN_ANSWER) as usize + 1;

/// [`who5::score_row`] of every row of five whole answers on the scale, at
/// `((a1 * 6 + a2) * 6 + ...) * 6 + a5` (answers counted from the scale's lowest): 7 776 rows,
/// filled on first use.
fn who5_table() -> &'static [Who5Row] {
    static TABLE: OnceLock<Vec<Who5Row>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..WHO5_SCALE.pow(who5::ITEMS as u32))
            .map(|key| {
                let mut rest = key;
                let mut row = [RawAnswer::Missing; who5::ITEMS];
                for cell in row.iter_mut().rev() {
                    *cell = RawAnswer::Integer(
                        (rest % WHO5_SCALE) as i64 + i64::from(who5::MIN_ANSWER),
                    );
                    rest /= WHO5_SCALE;
                }
                Who5Row::of(who5::score_row(&row))
            })
            .collect()
    })
}

/// A whole number from `lo` to `hi`, counted from `lo`, and `true`; `false` for anything
/// else (which the careful path then classifies). No branches, so a row is checked in a few
/// instructions.
#[inline(always)]
fn on_scale(answer: RawAnswer, lo: u8, hi: u8) -> (usize, bool) {
    match answer {
        RawAnswer::Integer(v) => {
            let k = v.wrapping_sub(i64::from(lo)) as u64;
            (k as usize, k <= u64::from(hi - lo))
        }
        // `as u8` saturates (NaN to 0); the round trip fails for fractions, NaN and anything
        // off 0-255, and -0.0 is 0 as in the scalar path.
        RawAnswer::Float(f) => {
            let v = f as u8;
            (
                usize::from(v.wrapping_sub(lo)),
                f64::from(v) == f && v >= lo && v <= hi,
            )
        }
        _ => (0, false),
    }
}

/// The first `N` cells of `row` (a row of exactly `N` cells), as answers.
#[inline]
fn cells<T: Copy, const N: usize>(row: &[T], to_raw: &impl Fn(T) -> RawAnswer) -> [RawAnswer; N] {
    std::array::from_fn(|i| row.get(i).map_or(RawAnswer::Missing, |&c| to_raw(c)))
}

fn who5_rows_in<T: Copy>(data: &[T], to_raw: &impl Fn(T) -> RawAnswer, out: Who5Part<'_>) {
    let table = who5_table();
    let rows = out
        .raw
        .iter_mut()
        .zip(out.index.iter_mut())
        .zip(out.band.iter_mut())
        .zip(out.poor_wellbeing.iter_mut())
        .zip(out.depression_test_advised.iter_mut())
        .zip(out.likely_depression.iter_mut())
        .zip(out.error.iter_mut());
    for (row, ((((((raw, index), band), poor), advised), likely), error)) in
        data.chunks_exact(who5::ITEMS).zip(rows)
    {
        let (mut key, mut whole) = (0usize, true);
        for &c in row {
            let (k, ok) = on_scale(to_raw(c), who5::MIN_ANSWER, who5::MAX_ANSWER);
            // Wrapping: an answer off the scale makes `k` anything, and the key is then unused.
            key = key.wrapping_mul(WHO5_SCALE).wrapping_add(k);
            whole &= ok;
        }
        let r = match table.get(key) {
            Some(&r) if whole => r,
            _ => Who5Row::of(who5::score_row(&cells(row, to_raw))),
        };
        *raw = r.raw;
        *index = r.index;
        *band = r.band;
        *poor = r.poor_wellbeing;
        *advised = r.depression_test_advised;
        *likely = r.likely_depression;
        *error = r.error;
    }
}

columns! {
    /// Some rows of [`GseColumns`], borrowed for writing.
    GseColumns, GsePart, gse::ITEMS,
    score: f64 = 0.0,
    mean: f64 = 0.0,
    answered: u8 = 0,
    imputed: bool = false,
    error: u8 = 0,
}

fn gse_rows_in<T: Copy>(data: &[T], to_raw: &impl Fn(T) -> RawAnswer, out: GsePart<'_>) {
    let rows = out
        .score
        .iter_mut()
        .zip(out.mean.iter_mut())
        .zip(out.answered.iter_mut())
        .zip(out.imputed.iter_mut())
        .zip(out.error.iter_mut());
    for (row, ((((score, mean), answered), imputed), error)) in
        data.chunks_exact(gse::ITEMS).zip(rows)
    {
        match gse::score_row(&cells(row, to_raw)) {
            Ok(s) => {
                *score = s.score;
                *mean = s.mean;
                *answered = s.answered;
                *imputed = s.imputed;
                *error = 0;
            }
            Err(code) => {
                *score = f64::NAN;
                *mean = f64::NAN;
                *answered = 0;
                *imputed = false;
                *error = code.number();
            }
        }
    }
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
        prop_oneof![
            4 => (0u8..=5).prop_map(f64::from),
            1 => Just(f64::NAN),
            1 => -3.0f64..9.0,
            1 => prop::sample::select(vec![
                f64::INFINITY, f64::NEG_INFINITY, -0.0, -1.0, 6.0, 255.0, 256.0, 255.5, -255.0,
                5.000_000_000_000_001, 1e300, -1e300, f64::MIN_POSITIVE, 4.999_999_999_999_999
            ]),
            1 => any::<f64>(),
        ]
    }

    fn int_cell() -> impl Strategy<Value = i64> {
        prop_oneof![
            4 => 0i64..=5,
            1 => -3i64..9,
            1 => prop::sample::select(vec![i64::MIN, i64::MAX, -1, 6, 255, 256, -256, 1 << 32]),
            1 => any::<i64>(),
        ]
    }

    /// The batch's row `i` against the scalar path's result for the same answers.
    fn who5_row_is(out: &Who5Columns, i: usize, raw: &[RawAnswer]) -> Result<(), TestCaseError> {
        match who5::score_answers(raw) {
            Ok(s) => {
                prop_assert_eq!(out.error[i], 0);
                prop_assert_eq!(
                    (out.raw[i], out.index[i], out.band[i]),
                    (s.raw, s.index, s.band.code() as i8)
                );
                prop_assert_eq!(
                    (
                        out.poor_wellbeing[i],
                        out.depression_test_advised[i],
                        out.likely_depression[i]
                    ),
                    (
                        s.poor_wellbeing,
                        s.depression_test_advised,
                        s.likely_depression
                    )
                );
            }
            // A row's code: its first wrong answer, before a missing one.
            Err(e) => {
                let first = e
                    .errors()
                    .iter()
                    .find(|x| x.code != ErrorCode::Missing)
                    .unwrap_or(&e.errors()[0]);
                prop_assert_eq!(out.error[i], first.code.number());
                prop_assert_eq!((out.raw[i], out.index[i], out.band[i]), (0, 0, NO_BAND));
                prop_assert!(
                    !(out.poor_wellbeing[i]
                        || out.depression_test_advised[i]
                        || out.likely_depression[i])
                );
            }
        }
        Ok(())
    }

    #[test]
    fn every_row_of_whole_answers_is_scored_as_the_scalar_api_does() {
        // All 7 776 rows the table holds, as floats and as integers, in an order unlike the
        // table's (reversed), so a wrong key would show.
        let rows: Vec<[u8; 5]> = (0..7776u32)
            .rev()
            .map(|k| std::array::from_fn(|i| (k / 6u32.pow(i as u32) % 6) as u8))
            .collect();
        let floats: Vec<f64> = rows.iter().flatten().map(|&a| f64::from(a)).collect();
        let ints: Vec<i64> = rows.iter().flatten().map(|&a| i64::from(a)).collect();
        let (f, i) = (
            who5_rows(&floats, RawAnswer::Float),
            who5_rows(&ints, RawAnswer::Integer),
        );
        assert_eq!(f, i);
        for (n, row) in rows.iter().enumerate() {
            let s = who5::score(&row.map(Some)).unwrap_or_else(|e| panic!("{e}"));
            let got = (
                f.raw[n],
                f.index[n],
                f.band[n],
                f.poor_wellbeing[n],
                f.depression_test_advised[n],
                f.likely_depression[n],
                f.error[n],
            );
            assert_eq!(
                got,
                (
                    s.raw,
                    s.index,
                    s.band.code() as i8,
                    s.poor_wellbeing,
                    s.depression_test_advised,
                    s.likely_depression,
                    0
                ),
                "{row:?}"
            );
        }
    }

    #[test]
    fn batches_split_over_threads_give_the_one_pass_result() {
        // Enough rows for several parts, with every kind of cell, in a fixed pseudo-random order.
        let cells = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, f64::NAN, 6.0, 2.5, -1.0];
        let data: Vec<f64> = (0..(2 * ROWS_PER_THREAD + 7) * 10)
            .map(|i: usize| cells[(i.wrapping_mul(2_654_435_761) >> 7) % cells.len()])
            .collect();
        let who5_data = data.get(..data.len() / 10 * 5).unwrap_or_default();
        let mut one = Who5Columns::zeroed(who5_data.len() / 5);
        let all = 0..one.rows();
        who5_rows_in(who5_data, &RawAnswer::Float, one.part(all));
        assert_eq!(who5_rows(who5_data, RawAnswer::Float), one);
        let split = gse_rows(&data, RawAnswer::Float);
        let mut one = GseColumns::zeroed(data.len() / 10);
        let all = 0..one.rows();
        gse_rows_in(&data, &RawAnswer::Float, one.part(all));
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
                who5_row_is(&out, i, &raw)?;
            }
        }

        #[test]
        fn who5_batch_of_integers_agrees_with_the_detailed_path(rows in prop::collection::vec(prop::collection::vec(int_cell(), 5), 1..20)) {
            let flat: Vec<i64> = rows.iter().flatten().copied().collect();
            let out = who5_rows(&flat, RawAnswer::Integer);
            for (i, row) in rows.iter().enumerate() {
                let raw: Vec<RawAnswer> = row.iter().map(|&v| RawAnswer::Integer(v)).collect();
                who5_row_is(&out, i, &raw)?;
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
