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
    // Citizens per category and with each flag, in one pass over the participants.
    let mut per_category = [0u64; Category::ALL.len()];
    let (mut trafficking, mut other) = (0u64, 0u64);
    for s in subjects {
        let mut seen = [false; Category::ALL.len()];
        for c in &s.interventions {
            if let Some(seen) = seen.get_mut(c.index()) {
                *seen = true;
            }
        }
        for (count, seen) in per_category.iter_mut().zip(seen) {
            *count += u64::from(seen);
        }
        trafficking += u64::from(s.anti_trafficking_referral);
        other += u64::from(s.referred_to_other_services);
    }
    // The project's catalogue when given; else the categories that occur in the data.
    let by_category = Category::ALL
        .iter()
        .zip(per_category)
        .filter(|&(c, n)| match &options.offered {
            Some(offered) => offered.contains(c),
            None => n > 0,
        })
        // Not a partition (a citizen may receive several), so each cell stands alone.
        .map(|(&category, n)| CategoryRow {
            category,
            cell: cells(&[n], count, min_cell)[0],
        })
        .collect();
    Interventions {
        by_category,
        by_count: table(&bins.labels(), &counts, count, min_cell),
        anti_trafficking_referrals: cells(&[trafficking], count, min_cell)[0],
        other_referrals: cells(&[other], count, min_cell)[0],
    }
}
