//! Who the participants are: age bands, gender, and how long they took part.

use super::{table, Subject};
use crate::dates::DAYS_PER_MONTH;
use crate::participant::{AgeBand, Gender};
use crate::report::model::{AgeTable, CountTable, GenderRow, Participation};
use crate::stats::mean;
use time::Date;

/// Counts of a closed set over those with a known value: `(counts in ALL order, n)`.
fn count_by<T: Copy + PartialEq>(
    all: &[T],
    values: impl Iterator<Item = Option<T>>,
) -> (Vec<u64>, u64) {
    let mut counts = vec![0u64; all.len()];
    let mut n = 0;
    for v in values.flatten() {
        if let Some(i) = all.iter().position(|k| *k == v) {
            counts[i] += 1;
            n += 1;
        }
    }
    (counts, n)
}

/// Age bands, and the mean age over those with a recorded age (seed 001 Table 1, line 86 and
/// line 335: "for de borgere, som projektet har registreret alder på").
pub(super) fn age_bands(subjects: &[Subject], min_cell: u64) -> AgeTable {
    let (counts, n) = count_by(AgeBand::ALL, subjects.iter().map(|s| s.age_band));
    AgeTable {
        n,
        rows: table(AgeBand::ALL, &counts, n, min_cell),
        mean_age: mean(subjects.iter().filter_map(|s| s.age).map(f64::from)),
    }
}

pub(super) fn genders(subjects: &[Subject], min_cell: u64) -> CountTable<GenderRow> {
    let (counts, n) = count_by(Gender::ALL, subjects.iter().map(|s| s.gender));
    CountTable {
        n,
        rows: table(Gender::ALL, &counts, n, min_cell),
    }
}

/// Mean months of participation up to `as_of`; participations under one day are left out.
pub(super) fn participation(subjects: &[Subject], as_of: Date) -> Participation {
    let mut days = Vec::new();
    let mut excluded_short = 0;
    for s in subjects {
        // A citizen who returned took part in several periods: their days are summed.
        let Some(d) = super::registrations::days(s, as_of) else {
            continue;
        };
        if d < 1 {
            excluded_short += 1;
        } else {
            days.push(d as f64);
        }
    }
    Participation {
        n: days.len() as u64,
        excluded_short: Some(excluded_short),
        mean_months: mean(days.iter().map(|d| d / DAYS_PER_MONTH)),
        returning: None,
    }
}
