//! A CTI course's results (seed 004 lines 103-111): the share in the WHO-5 risk zone and the
//! share who sold sex in the last month at the course's start and end, over courses that have
//! started and ended with a value near both; and the share of completed courses with moderate
//! or large progression across life-situation areas. The windows and classes are in
//! [`crate::cti::start_and_end`] and [`crate::cti::progression_class`].

use super::{share, Subject};
use crate::cti::{mean_distance, progression_class, start_and_end, StatusGroup};
use crate::outcomes::Progress;
use crate::report::model::{CtiResults, Progression, StartEnd};
use crate::who5;
use time::Date;

/// Counts `(start, end)` pairs: how many courses have both, and how many are "yes" at each end.
fn start_end(pairs: impl Iterator<Item = (bool, bool)>, min_cell: u64) -> StartEnd {
    let (mut n, mut at_start, mut at_end) = (0u64, 0u64, 0u64);
    for (s, e) in pairs {
        n += 1;
        at_start += u64::from(s);
        at_end += u64::from(e);
    }
    StartEnd {
        n,
        start: share(at_start, n, min_cell),
        end: share(at_end, n, min_cell),
    }
}

pub(super) fn results(subjects: &[Subject], min_cell: u64) -> CtiResults {
    // Courses that have started and ended by the report date, with the participant's values.
    let ended: Vec<(&Subject, Date, Date)> = subjects
        .iter()
        .filter_map(|s| {
            let c = s.cti.as_deref()?;
            Some((s, c.start?, c.end?))
        })
        .collect();
    let risk_zone = start_end(
        ended.iter().filter_map(|(s, start, end)| {
            let (a, b) = start_and_end(&s.who5, *start, *end)?;
            Some((
                who5::in_risk_zone(f64::from(a)),
                who5::in_risk_zone(f64::from(b)),
            ))
        }),
        min_cell,
    );
    let sold_sex_last_month = start_end(
        ended.iter().filter_map(|(s, start, end)| {
            let c = s.cti.as_deref()?;
            start_and_end(&c.sold_sex_last_month, *start, *end)
        }),
        min_cell,
    );
    let classes: Vec<Progress> = ended
        .iter()
        .filter_map(|(s, start, end)| {
            let c = s.cti.as_deref()?;
            if c.status != Some(StatusGroup::Completed) {
                return None;
            }
            let readings: Vec<(Date, &[_])> = c
                .life_situation
                .iter()
                .map(|(d, r)| (*d, r.as_slice()))
                .collect();
            let (a, b) = start_and_end(&readings, *start, *end)?;
            mean_distance(a, b).map(progression_class)
        })
        .collect();
    let n = classes.len() as u64;
    let moderate_or_large = classes
        .iter()
        .filter(|c| matches!(c, Progress::Moderate | Progress::Large))
        .count() as u64;
    CtiResults {
        risk_zone,
        sold_sex_last_month,
        progression: Progression {
            n,
            moderate_or_large: share(moderate_or_large, n, min_cell),
        },
    }
}
