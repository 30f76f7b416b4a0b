//! Ten-step scale: positive development per area (seed 003). The 75 % targets belong to two
//! named courses, so they are in `targets`, computed only when asked for.

use super::targets::ten_step_positive;
use super::{share, Subject};
use crate::report::model::{TenStepArea, TenStepSection};
use crate::ten_step::Area;
use time::Date;

pub(super) fn section(subjects: &[Subject], min_cell: u64) -> TenStepSection {
    // One pass over the participants, each area counted (a pass per area read a large cohort
    // from memory nine times).
    let mut n = [0u64; Area::ALL.len()];
    let mut positive = [0u64; Area::ALL.len()];
    for s in subjects {
        for (k, &area) in Area::ALL.iter().enumerate() {
            if let Some(p) = ten_step_positive(s, area) {
                n[k] += 1;
                positive[k] += u64::from(p);
            }
        }
    }
    let areas = Area::ALL
        .iter()
        .zip(n.into_iter().zip(positive))
        .map(|(&area, (n, positive))| TenStepArea {
            area,
            n,
            positive: share(positive, n, min_cell),
        })
        .collect();
    TenStepSection { areas }
}

/// Keeps, of each area's ratings, only those the report reads: the first and the latest
/// (by [`super::targets::first_and_latest`]'s rule, ties included), in their order. The
/// latest date of all is kept, so recent changes are still seen.
pub(super) fn keep_first_and_latest(ratings: &mut Vec<(Area, Date, u8)>) {
    // Two per area at most: nothing to drop.
    if ratings.len() <= 2 {
        return;
    }
    // One pass: each area's first and latest.
    let mut first: [Option<(Date, usize)>; Area::ALL.len()] = [None; Area::ALL.len()];
    let mut latest = first;
    for (k, &(a, d, _)) in ratings.iter().enumerate() {
        let (Some(first), Some(latest)) = (first.get_mut(a.index()), latest.get_mut(a.index()))
        else {
            continue;
        };
        if first.is_none_or(|(fd, _)| d < fd) {
            *first = Some((d, k));
        }
        if latest.is_none_or(|(ld, _)| d >= ld) {
            *latest = Some((d, k));
        }
    }
    let mut keep = vec![false; ratings.len()];
    for (_, k) in first.into_iter().chain(latest).flatten() {
        if let Some(slot) = keep.get_mut(k) {
            *slot = true;
        }
    }
    let mut kept = keep.into_iter();
    ratings.retain(|_| kept.next().unwrap_or(true));
    ratings.shrink_to_fit();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Subject;
    use proptest::prelude::*;

    proptest! {
        /// What the report reads of the ratings is the same after keeping only the first and
        /// the latest of each area.
        #[test]
        fn first_and_latest_are_all_the_report_reads(
            ratings in prop::collection::vec((0..Area::ALL.len(), 0i32..40, 1u8..=10), 0..40)
        ) {
            let day = |n: i32| Date::from_julian_day(2_460_000 + n).unwrap();
            let ratings: Vec<(Area, Date, u8)> =
                ratings.into_iter().map(|(a, d, s)| (Area::ALL[a], day(d), s)).collect();
            let mut kept = ratings.clone();
            keep_first_and_latest(&mut kept);
            prop_assert!(kept.len() <= 2 * Area::ALL.len());
            let whole = Subject { ten_step: ratings.clone(), ..Default::default() };
            let compact = Subject { ten_step: kept.clone(), ..Default::default() };
            for &area in Area::ALL {
                prop_assert_eq!(ten_step_positive(&whole, area), ten_step_positive(&compact, area));
            }
            let latest = |r: &[(Area, Date, u8)]| r.iter().map(|x| x.1).max();
            prop_assert_eq!(latest(&ratings), latest(&kept));
        }
    }
}
