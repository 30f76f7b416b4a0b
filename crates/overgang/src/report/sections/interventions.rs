//! Interventions received: citizens per category, citizens by number of categories, and the
//! two referrals registered apart from the interventions (seed 001 lines 1349-1353).

use super::{table, Subject};
use crate::intervention::Category;
use crate::report::cells::cells;
use crate::report::model::{CategoryRow, Interventions};
use crate::report::options::ReportOptions;

pub(super) fn section(subjects: &[Subject], options: &ReportOptions) -> Interventions {
    let min_cell = options.min_cell;
    let count = subjects.len() as u64;
    let bins = &options.intervention_bins;
    let mut counts = vec![0u64; bins.edges().len()];
    for s in subjects {
        let received = s
            .interventions
            .iter()
            .filter(|c| !options.bins_exclude.contains(c))
            .count();
        counts[bins.bin_of(received)] += 1;
    }
    let flagged = |f: fn(&Subject) -> bool| subjects.iter().filter(|s| f(s)).count() as u64;
    // The project's catalogue when given; else the categories that occur in the data.
    let listed: Vec<Category> = Category::ALL
        .iter()
        .copied()
        .filter(|c| match &options.offered {
            Some(offered) => offered.contains(c),
            None => subjects.iter().any(|s| s.interventions.contains(c)),
        })
        .collect();
    Interventions {
        by_category: listed
            .into_iter()
            .map(|category| {
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
        by_count: table(&bins.labels(), &counts, count, min_cell),
        anti_trafficking_referrals: cells(
            &[flagged(|s| s.anti_trafficking_referral)],
            count,
            min_cell,
        )[0],
        other_referrals: cells(
            &[flagged(|s| s.referred_to_other_services)],
            count,
            min_cell,
        )[0],
    }
}
