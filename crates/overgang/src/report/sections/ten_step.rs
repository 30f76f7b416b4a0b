//! Ten-step scale: positive development per area (seed 003).

use super::{share, Subject};
use crate::report::model::{TenStepArea, TenStepSection};
use crate::ten_step::{target_percent, Area};
use time::Date;

pub(super) fn section(subjects: &[Subject], min_cell: u64) -> TenStepSection {
    let areas = Area::ALL
        .iter()
        .map(|&area| {
            let target = target_percent(area);
            let mut n = 0;
            let mut positive = 0;
            for s in subjects {
                // First and latest rating of this area by date (ties: input order).
                let mut first: Option<(Date, u8)> = None;
                let mut latest: Option<(Date, u8)> = None;
                let mut count = 0;
                for &(a, d, step) in &s.ten_step {
                    if a != area {
                        continue;
                    }
                    count += 1;
                    if first.is_none_or(|(fd, _)| d < fd) {
                        first = Some((d, step));
                    }
                    if latest.is_none_or(|(ld, _)| d >= ld) {
                        latest = Some((d, step));
                    }
                }
                if count < 2 {
                    continue;
                }
                n += 1;
                if latest.map(|l| l.1) > first.map(|f| f.1) {
                    positive += 1;
                }
            }
            let cell = share(positive, n, min_cell);
            TenStepArea {
                area,
                n,
                positive: cell,
                target_percent: target,
                // Compared exactly (not on the rounded percent): 74.6 % does not meet 75 %.
                meets_target: target
                    .filter(|_| !cell.suppressed && n > 0)
                    .map(|t| 100 * positive >= t * n),
            }
        })
        .collect();
    TenStepSection { areas }
}
