//! Questionnaire waves (WHO-5 and GSE through one generic path), paired change and the WHO-5
//! risk zone.

use super::{share, Subject};
use crate::report::cells::cells;
use crate::report::model::{GseSection, GseWave, RiskZone, Who5Bands, Who5Section, Who5Wave};
use crate::report::options::ReportOptions;
use crate::report::waves::{by_wave, paired, PairedChange, Series};
use crate::stats::mean;
use crate::who5::{self, Who5Band};

/// Each participant's scores grouped into waves, and the waves shown (answered by at least
/// `min_wave`), each with its number (from 1) and its values.
struct Waves {
    all: Vec<Vec<Option<f64>>>,
    shown: Vec<(usize, Vec<f64>)>,
}

fn waves(series: &[Series], min_wave: u64) -> Waves {
    let all = by_wave(series);
    let shown = all
        .iter()
        .enumerate()
        .filter_map(|(k, wave)| {
            let values: Vec<f64> = wave.iter().flatten().copied().collect();
            let n = values.len() as u64;
            (n > 0 && n >= min_wave).then_some((k + 1, values))
        })
        .collect();
    Waves { all, shown }
}

impl Waves {
    /// Paired change from wave 1 to each later shown wave, when wave 1 itself is shown.
    fn paired(
        &self,
        min_wave: u64,
        significant: impl Fn(f64, f64) -> Option<bool>,
    ) -> Vec<PairedChange> {
        let has_first = self.shown.first().is_some_and(|w| w.0 == 1);
        self.shown
            .iter()
            .map(|w| w.0)
            .filter(|&w| has_first && w > 1)
            .filter_map(|to| paired(&self.all, to, min_wave, &significant))
            .collect()
    }
}

pub(super) fn who5(subjects: &[Subject], options: &ReportOptions) -> Who5Section {
    let series: Vec<Series> = subjects
        .iter()
        .map(|s| s.who5.iter().map(|&(d, i)| (d, f64::from(i))).collect())
        .collect();
    let w = waves(&series, options.min_wave);
    let shown = w
        .shown
        .iter()
        .map(|(wave, values)| {
            let n = values.len() as u64;
            let band_counts: Vec<u64> = Who5Band::ALL
                .iter()
                .map(|b| {
                    values
                        .iter()
                        .filter(|&&v| Who5Band::from_index(v as u8) == *b)
                        .count() as u64
                })
                .collect();
            let c = cells(&band_counts, n, options.min_cell);
            Who5Wave {
                wave: *wave,
                n,
                mean_index: mean(values.iter().copied()).unwrap_or(0.0),
                bands: Who5Bands {
                    high_risk: c[0],
                    risk: c[1],
                    no_immediate_risk: c[2],
                },
            }
        })
        .collect();
    let paired = w.paired(options.min_wave, |a, b| {
        who5::change(a, b)
            .ok()
            .map(|c| c != who5::Who5Change::NoSignificantChange)
    });
    let with_two: Vec<&Series> = series.iter().filter(|s| s.len() >= 2).collect();
    let n = with_two.len() as u64;
    let in_zone = |p: &(time::Date, f64)| who5::in_risk_zone(p.1);
    let first = with_two
        .iter()
        .filter(|s| s.iter().min_by_key(|p| p.0).is_some_and(in_zone))
        .count() as u64;
    let latest = with_two
        .iter()
        .filter(|s| s.iter().rev().max_by_key(|p| p.0).is_some_and(in_zone))
        .count() as u64;
    Who5Section {
        waves: shown,
        paired,
        risk_zone: RiskZone {
            n,
            first: share(first, n, options.min_cell),
            latest: share(latest, n, options.min_cell),
        },
        unscored: Some(subjects.iter().map(|s| s.who5_unscored).sum()),
    }
}

pub(super) fn gse(subjects: &[Subject], options: &ReportOptions) -> GseSection {
    let series: Vec<Series> = subjects.iter().map(|s| s.gse.clone()).collect();
    let w = waves(&series, options.min_wave);
    GseSection {
        waves: w
            .shown
            .iter()
            .map(|(wave, values)| GseWave {
                wave: *wave,
                n: values.len() as u64,
                mean_score: mean(values.iter().copied()).unwrap_or(0.0),
            })
            .collect(),
        paired: w.paired(options.min_wave, |_, _| None),
        unscored: Some(subjects.iter().map(|s| s.gse_unscored).sum()),
    }
}
