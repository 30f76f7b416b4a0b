//! The rules behind a course's results as seed 004 reports them (lines 103-111): a value
//! "at the start of the course" and "at its end", and "moderate or large progression across
//! areas" from start to end of a full course. The seed defines neither, so these are the
//! library's documented *assumptions* (docs/rules.md, docs/report.md):
//!
//! - a course starts on its first recorded phase (the contact period) and ends on its last day;
//! - the value at the start (end) is the one dated nearest that day, at most
//!   [`RESULT_WINDOW_DAYS`] before or after it (WHO-5 is measured about every second month,
//!   seed 001 line 1339); on a tie the earlier one; the start value must be dated before the end
//!   value, so one measurement never counts as both;
//! - progression across areas is the mean distance travelled (end rating minus start rating)
//!   over the life-situation areas read at both ends, classed as one area's distance is
//!   ([`crate::outcomes::distance`]): below +1 none, +1 small, +2 moderate, +4 large.

use crate::outcomes::{LifeArea, Progress};
use time::Date;

/// How far from a course's first or last day a value may be dated and still count as the
/// value at the start or the end: 61 days, two months either side (*assumption*).
pub const RESULT_WINDOW_DAYS: i64 = 61;

/// The position of the value dated nearest `day`, within [`RESULT_WINDOW_DAYS`]; on a tie the
/// earlier one.
///
/// ```
/// use overgang::cti::nearest;
/// use time::macros::date;
/// let who5 = [(date!(2024 - 01 - 01), 40), (date!(2024 - 03 - 01), 60), (date!(2024 - 09 - 01), 70)];
/// assert_eq!(nearest(&who5, date!(2024 - 02 - 10)), Some(1));
/// assert_eq!(nearest(&who5, date!(2024 - 06 - 01)), None); // nothing within 61 days
/// ```
pub fn nearest<T>(values: &[(Date, T)], day: Date) -> Option<usize> {
    values
        .iter()
        .enumerate()
        .map(|(i, (d, _))| (i, (*d - day).whole_days().abs(), *d))
        .filter(|&(_, distance, _)| distance <= RESULT_WINDOW_DAYS)
        .min_by_key(|&(_, distance, d)| (distance, d))
        .map(|(i, _, _)| i)
}

/// The values at a course's start and at its end (see the module docs), or `None` when either
/// is missing or one value is nearest both.
///
/// ```
/// use overgang::cti::start_and_end;
/// use time::macros::date;
/// let who5 = [(date!(2024 - 01 - 05), 40u8), (date!(2024 - 06 - 01), 48), (date!(2024 - 12 - 20), 64)];
/// assert_eq!(start_and_end(&who5, date!(2024 - 01 - 01), date!(2024 - 12 - 31)), Some((40, 64)));
/// assert_eq!(start_and_end(&who5, date!(2024 - 01 - 01), date!(2024 - 01 - 20)), None);
/// ```
pub fn start_and_end<T: Copy>(values: &[(Date, T)], start: Date, end: Date) -> Option<(T, T)> {
    let (a, b) = (nearest(values, start)?, nearest(values, end)?);
    (values[a].0 < values[b].0).then(|| (values[a].1, values[b].1))
}

/// Mean distance travelled from the start reading to the end reading over the areas read at
/// both; `None` when no area is.
///
/// ```
/// use overgang::cti::mean_distance;
/// use overgang::outcomes::LifeArea;
/// let start = [(LifeArea::ALL[0], 3), (LifeArea::ALL[1], 4), (LifeArea::ALL[2], 5)];
/// let end = [(LifeArea::ALL[0], 6), (LifeArea::ALL[1], 5)];
/// assert_eq!(mean_distance(&start, &end), Some(2.0));
/// ```
pub fn mean_distance(start: &[(LifeArea, u8)], end: &[(LifeArea, u8)]) -> Option<f64> {
    let steps: Vec<f64> = start
        .iter()
        .filter_map(|(area, from)| {
            end.iter()
                .find(|(a, _)| a == area)
                .map(|(_, to)| f64::from(*to) - f64::from(*from))
        })
        .collect();
    crate::stats::mean(steps)
}

/// The class of a mean distance travelled across areas, with the edges of one area's classes:
/// below +1 none, from +1 small, from +2 moderate, from +4 large (*assumption*: seed 004 does
/// not define "moderate or large progression").
///
/// ```
/// use overgang::cti::progression_class;
/// use overgang::outcomes::Progress;
/// assert_eq!(progression_class(1.9), Progress::Small);
/// assert_eq!(progression_class(2.0), Progress::Moderate);
/// assert_eq!(progression_class(4.5), Progress::Large);
/// assert_eq!(progression_class(-1.0), Progress::None);
/// ```
pub fn progression_class(mean: f64) -> Progress {
    if mean >= 4.0 {
        Progress::Large
    } else if mean >= 2.0 {
        Progress::Moderate
    } else if mean >= 1.0 {
        Progress::Small
    } else {
        Progress::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_window_edge_and_ties() {
        let v = [(date!(2024 - 01 - 01), 1), (date!(2024 - 03 - 02), 2)];
        // From 2024-01-31 they are 30 and 31 days away, from 2024-02-01 31 and 30: the nearer wins.
        assert_eq!(nearest(&v, date!(2024 - 01 - 31)), Some(0));
        assert_eq!(nearest(&v, date!(2024 - 02 - 01)), Some(1));
        let tie = [(date!(2024 - 01 - 10), 1), (date!(2024 - 01 - 20), 2)];
        assert_eq!(nearest(&tie, date!(2024 - 01 - 15)), Some(0));
        let edge = [(date!(2024 - 03 - 02), 1)];
        assert_eq!(nearest(&edge, date!(2024 - 01 - 01)), Some(0));
        assert_eq!(nearest(&edge, date!(2023 - 12 - 31)), None);
    }
}
