//! CTI courses by status and months per phase (seed 004).

use super::{table, Subject};
use crate::cti::{Phase, StatusGroup};
use crate::report::model::{CtiSection, PhaseMonths};
use crate::stats::mean;

pub(super) fn section(subjects: &[Subject], min_cell: u64) -> CtiSection {
    let courses: Vec<_> = subjects.iter().filter_map(|s| s.cti.as_deref()).collect();
    let counts: Vec<u64> = StatusGroup::ALL
        .iter()
        .map(|g| courses.iter().filter(|c| c.status == Some(*g)).count() as u64)
        .collect();
    let n = courses.len() as u64;
    let mean_months_per_phase = Phase::ALL
        .iter()
        .map(|&phase| {
            let months: Vec<f64> = courses
                .iter()
                .filter_map(|c| {
                    c.months_per_phase
                        .iter()
                        .find(|(p, _)| *p == phase)
                        .map(|(_, m)| *m)
                })
                .collect();
            PhaseMonths {
                phase,
                n: months.len() as u64,
                mean_months: mean(months),
            }
        })
        .collect();
    CtiSection {
        courses: n,
        by_status: table(StatusGroup::ALL, &counts, n, min_cell),
        mean_months_per_phase,
        results: super::cti_results::results(subjects, min_cell),
    }
}
