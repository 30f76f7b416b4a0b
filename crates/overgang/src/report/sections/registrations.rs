//! Registrations beside the exit-package tables: returns (participation periods, seed 003),
//! what citizens got help with (seed 001 line 1347) and municipality of residence (seed 003
//! line 127), each counted and suppressed like every other count.

use super::{share, table, Subject};
use crate::municipality::{MunicipalityCode, MUNICIPALITIES};
use crate::report::cells::cells;
use crate::report::model::{ChallengeRow, CountTable, MunicipalityRow, Participation};
use crate::ten_step::Area;
use time::Date;

/// Days a citizen took part up to `as_of`: the sum over their periods (a single start-end is
/// one period); `None` for a subject without a start.
pub(super) fn days(s: &Subject, as_of: Date) -> Option<i64> {
    let single = [(s.start?, s.end)];
    let periods = if s.periods.is_empty() {
        &single[..]
    } else {
        &s.periods[..]
    };
    Some(
        periods
            .iter()
            .filter(|(start, _)| *start <= as_of)
            .map(|(start, end)| (end.map_or(as_of, |e| e.min(as_of)) - *start).whole_days())
            .sum(),
    )
}

/// Adds `returning` (citizens with more than one period begun by `as_of`) when the cohort
/// records participation periods.
pub(super) fn with_returning(
    mut p: Participation,
    subjects: &[Subject],
    as_of: Date,
    min_cell: u64,
) -> Participation {
    if subjects.iter().any(|s| !s.periods.is_empty()) {
        let returning = subjects
            .iter()
            .filter(|s| s.periods.iter().filter(|(d, _)| *d <= as_of).count() > 1)
            .count() as u64;
        p.returning = Some(share(returning, subjects.len() as u64, min_cell));
    }
    p
}

/// Citizens per challenge, over those with any challenge registered (a citizen counts once per
/// area; not a partition, so each cell stands alone); `None` when nobody has one.
pub(super) fn challenges(subjects: &[Subject], min_cell: u64) -> Option<CountTable<ChallengeRow>> {
    let with: Vec<&Subject> = subjects
        .iter()
        .filter(|s| !s.challenges.is_empty())
        .collect();
    if with.is_empty() {
        return None;
    }
    let n = with.len() as u64;
    let hidden = crate::report::cells::total_is_suppressed(n, min_cell);
    let rows = Area::ALL
        .iter()
        .map(|&area| {
            let c = with.iter().filter(|s| s.challenges.contains(&area)).count() as u64;
            ChallengeRow {
                area,
                cell: if hidden {
                    crate::report::cells::Cell::SUPPRESSED
                } else {
                    cells(&[c], n, min_cell)[0]
                },
            }
        })
        .collect();
    Some(CountTable { n, rows })
}

/// Citizens per municipality of residence over those with one registered, one row per
/// municipality in code order (a partition, suppressed as one table).
pub(super) fn municipalities(subjects: &[Subject], min_cell: u64) -> CountTable<MunicipalityRow> {
    let codes: Vec<MunicipalityCode> = MUNICIPALITIES
        .iter()
        .filter_map(|m| MunicipalityCode::new(m.code).ok())
        .collect();
    let counts: Vec<u64> = codes
        .iter()
        .map(|c| {
            subjects
                .iter()
                .filter(|s| s.municipality == Some(*c))
                .count() as u64
        })
        .collect();
    let n = subjects.iter().filter(|s| s.municipality.is_some()).count() as u64;
    CountTable {
        n,
        rows: table(&codes, &counts, n, min_cell),
    }
}
