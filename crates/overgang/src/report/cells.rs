//! Count tables with exact half-up percentages and small-cell suppression.
//!
//! Percentages are whole numbers rounded half up, computed in integers so that 12.5 % gives 13
//! (floating point would give 12 for some counts). Suppression is this library's own safeguard
//! for special-category data, not the published report's practice (seed 001 prints counts as
//! small as 3); it is on by default: a count from 1 to `min_cell - 1` is hidden together
//! with its percentage; when only one cell of a table is hidden, the smallest other non-zero
//! cell is hidden too, so that the hidden count cannot be recovered from the table's total.

use crate::stats::percent_half_up;
use serde::{Deserialize, Serialize};

/// One cell of a report table: a count and its percentage, or neither when suppressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Cell {
    /// The count, `None` when suppressed.
    pub count: Option<u64>,
    /// The percentage of the table's `n`, rounded half up; `None` when suppressed or `n` is 0.
    pub percent: Option<u64>,
    /// Whether the count is hidden to protect small groups.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suppressed: bool,
}

impl Cell {
    /// A shown cell.
    pub fn shown(count: u64, n: u64) -> Cell {
        Cell {
            count: Some(count),
            percent: percent_half_up(count, n),
            suppressed: false,
        }
    }

    /// A hidden cell.
    pub const SUPPRESSED: Cell = Cell {
        count: None,
        percent: None,
        suppressed: true,
    };
}

/// Which counts of one table to hide: primary cells (1 to `min_cell - 1`) and, when only one
/// is primary, the smallest other non-zero cell. `min_cell` 0 or 1 turns suppression off.
///
/// ```
/// use overgang::report::suppression_mask;
/// assert_eq!(suppression_mask(&[73, 4, 0], 5), [true, true, false]);
/// assert_eq!(suppression_mask(&[18, 16, 6, 11, 8], 5), [false; 5]);
/// assert_eq!(suppression_mask(&[73, 4, 0], 0), [false; 3]);
/// ```
pub fn suppression_mask(counts: &[u64], min_cell: u64) -> Vec<bool> {
    let mut mask: Vec<bool> = counts.iter().map(|&c| c > 0 && c < min_cell).collect();
    if mask.iter().filter(|&&m| m).count() == 1 {
        let second = counts
            .iter()
            .enumerate()
            .filter(|&(i, &c)| !mask[i] && c > 0)
            .min_by_key(|&(_, &c)| c)
            .map(|(i, _)| i);
        if let Some(i) = second {
            mask[i] = true;
        }
    }
    mask
}

/// Whether a table's total (its `n`) is itself a small count, to be hidden: then a lone hidden
/// cell that has no partner (all other cells are 0) cannot be recovered either.
pub fn total_is_suppressed(total: u64, min_cell: u64) -> bool {
    total > 0 && total < min_cell
}

/// The cells of one table of counts out of `n`, with suppression applied.
pub fn cells(counts: &[u64], n: u64, min_cell: u64) -> Vec<Cell> {
    let mask = suppression_mask(counts, min_cell);
    counts
        .iter()
        .zip(mask)
        .map(|(&c, hide)| {
            if hide {
                Cell::SUPPRESSED
            } else {
                Cell::shown(c, n)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn published_percentages_of_the_exit_package_report() {
        // Aarhus, table 5: age bands 18/16/6/11/8 of 59 known give 31/27/10/19/14 %.
        let got: Vec<u64> = [18, 16, 6, 11, 8]
            .iter()
            .map(|&c| percent_half_up(c, 59).unwrap())
            .collect();
        assert_eq!(got, [31, 27, 10, 19, 14]);
        // Aarhus, table 6: 73 women and 4 men of 77 known give 95/5 %.
        assert_eq!(
            (percent_half_up(73, 77), percent_half_up(4, 77)),
            (Some(95), Some(5))
        );
    }

    proptest! {
        #[test]
        fn percent_matches_exact_rational_rounding(count in 0u64..10_000, extra in 0u64..10_000) {
            let n = count + extra + 1;
            let p = percent_half_up(count, n).unwrap();
            // p - 1/2 <= 100 count / n < p + 1/2, in integers.
            prop_assert!((2 * p) * n <= 200 * count + n);
            prop_assert!(200 * count + n < (2 * p + 2) * n);
        }

        #[test]
        fn percentages_sum_to_100_within_rounding(counts in prop::collection::vec(0u64..500, 1..8)) {
            let n: u64 = counts.iter().sum();
            prop_assume!(n > 0);
            let sum: u64 = counts.iter().map(|&c| percent_half_up(c, n).unwrap()).sum();
            // each cell rounds by at most 1/2
            prop_assert!(sum.abs_diff(100) * 2 <= counts.len() as u64);
        }

        #[test]
        fn no_hidden_count_is_recoverable_from_the_total(counts in prop::collection::vec(0u64..12, 1..7), min_cell in 0u64..7) {
            let mask = suppression_mask(&counts, min_cell);
            let hidden: Vec<usize> = (0..counts.len()).filter(|&i| mask[i]).collect();
            // never exactly one hidden cell, since the total minus the shown cells would reveal
            // it, unless the total is itself small and so hidden (see `total_is_suppressed`)
            let total: u64 = counts.iter().sum();
            prop_assert!(hidden.len() != 1 || total_is_suppressed(total, min_cell));
            for (i, &c) in counts.iter().enumerate() {
                if c > 0 && c < min_cell {
                    prop_assert!(mask[i], "small count {} shown", c);
                }
            }
        }
    }
}
