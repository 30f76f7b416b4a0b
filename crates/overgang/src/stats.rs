//! The small statistics every table uses: order-independent means and exact half-up
//! percentages.

/// Mean of the values (`None` when empty). The values are summed in sorted order, so the result
/// does not depend on the order of participants in the input (floating-point addition is not
/// associative; a report must not change when a file is re-sorted).
///
/// ```
/// assert_eq!(overgang::stats::mean([1.0, 2.0, 4.5]), Some(2.5));
/// assert_eq!(overgang::stats::mean([]), None);
/// ```
pub fn mean(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let mut v: Vec<f64> = values.into_iter().collect();
    if v.is_empty() {
        return None;
    }
    // Whole numbers of modest size sum exactly, so in any order to the same sum: only others
    // are sorted (a report's WHO-5 and GSE means are over 100 000 whole numbers).
    let exact = v.len() <= 1 << 21 && v.iter().all(|x| x.fract() == 0.0 && x.abs() <= WHOLE);
    if !exact {
        v.sort_by(f64::total_cmp);
    }
    Some(v.iter().sum::<f64>() / v.len() as f64)
}

/// The largest whole number [`mean`] sums without sorting: 2^21 of them sum to at most 2^52,
/// which a float holds exactly.
const WHOLE: f64 = (1u64 << 31) as f64;

/// `100 * count / n`, rounded half up to a whole number, exactly. `None` when `n` is 0.
///
/// ```
/// use overgang::stats::percent_half_up;
/// assert_eq!(percent_half_up(1, 8), Some(13)); // 12.5 % rounds up
/// assert_eq!(percent_half_up(18, 59), Some(31));
/// assert_eq!(percent_half_up(0, 0), None);
/// ```
pub fn percent_half_up(count: u64, n: u64) -> Option<u64> {
    if n == 0 {
        return None;
    }
    let (count, n) = (u128::from(count), u128::from(n));
    // floor(100 * count / n + 1/2) = floor((200 * count + n) / (2 * n))
    Some(((200 * count + n) / (2 * n)) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The mean as defined: the values summed in sorted order.
    fn sorted_mean(mut v: Vec<f64>) -> Option<f64> {
        v.sort_by(f64::total_cmp);
        (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
    }

    proptest! {
        #[test]
        fn the_mean_is_the_sorted_sums_in_any_order(
            whole in proptest::collection::vec(-3_000_000_000i64..3_000_000_000, 0..200),
            fractions in proptest::collection::vec(-1e12f64..1e12, 0..3),
            small in proptest::bool::ANY,
        ) {
            let mut v: Vec<f64> = whole
                .iter()
                // Small, or mixed with some large enough that their sums round.
                .map(|&x| if small || x % 2 == 0 { (x % 101) as f64 } else { x as f64 * 4_194_304.0 })
                .chain(fractions)
                .collect();
            prop_assert_eq!(mean(v.iter().copied()).map(f64::to_bits), sorted_mean(v.clone()).map(f64::to_bits));
            v.reverse();
            prop_assert_eq!(mean(v.iter().copied()).map(f64::to_bits), sorted_mean(v).map(f64::to_bits));
        }
    }
}
