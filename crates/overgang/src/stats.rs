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
    v.sort_by(f64::total_cmp);
    Some(v.iter().sum::<f64>() / v.len() as f64)
}

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
