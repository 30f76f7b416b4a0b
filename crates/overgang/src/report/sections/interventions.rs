//! Interventions received: citizens per category, citizens by number of categories, and the
//! referrals registered apart from the interventions.

use super::{table, Subject};
use crate::intervention::Category;
use crate::report::cells::cells;
use crate::report::model::{CategoryRow, Interventions};
use crate::report::options::ReportOptions;

pub(super) fn section(subjects: &[Subject], options: &ReportOptions) -> Interventions {
    let min_cell = options.min_cell;
    let count = subjects.len() as u64;
    let top = options.intervention_bins.max(1);
    let bin_keys: Vec<String> = (0..=top)
        .map(|i| {
            if i == top {
                format!("{i}+")
            } else {
                i.to_string()
            }
        })
        .collect();
    let mut bins = vec![0u64; top + 1];
    for s in subjects {
        bins[s.interventions.len().min(top)] += 1;
    }
    let referrals = subjects
        .iter()
        .filter(|s| s.anti_trafficking_referral)
        .count() as u64;
    Interventions {
        by_category: Category::ALL
            .iter()
            .map(|&category| {
                let c = subjects
                    .iter()
                    .filter(|s| s.interventions.contains(&category))
                    .count() as u64;
                // Not a partition (a citizen may receive several), so each cell stands alone.
                CategoryRow {
                    category,
                    cell: cells(&[c], count, min_cell)[0],
                }
            })
            .collect(),
        by_count: table(&bin_keys, &bins, count, min_cell),
        anti_trafficking_referrals: cells(&[referrals], count, min_cell)[0],
    }
}
