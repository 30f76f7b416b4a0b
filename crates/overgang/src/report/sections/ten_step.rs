//! Ten-step scale: positive development per area (seed 003). The 75 % targets belong to two
//! named courses, so they are in `targets`, computed only when asked for.

use super::targets::ten_step_positive;
use super::{share, Subject};
use crate::report::model::{TenStepArea, TenStepSection};
use crate::ten_step::Area;

pub(super) fn section(subjects: &[Subject], min_cell: u64) -> TenStepSection {
    let areas = Area::ALL
        .iter()
        .map(|&area| {
            let results: Vec<bool> = subjects
                .iter()
                .filter_map(|s| ten_step_positive(s, area))
                .collect();
            let n = results.len() as u64;
            let positive = results.iter().filter(|&&p| p).count() as u64;
            TenStepArea {
                area,
                n,
                positive: share(positive, n, min_cell),
            }
        })
        .collect();
    TenStepSection { areas }
}
