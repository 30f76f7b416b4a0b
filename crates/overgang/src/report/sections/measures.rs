//! Questionnaire waves (WHO-5 and GSE through one generic path), paired change, the seed's
//! first-wave comparison and the WHO-5 risk zone.

use super::{share, Subject};
use crate::report::cells::cells;
use crate::report::model::{
    FromFirstWave, GseSection, GseWave, LeftOut, RiskZone, Who5Bands, Who5Section, Who5Wave,
};
use crate::report::options::ReportOptions;
use crate::report::waves::{spaced_in_place, PairedChange, Series, WavesInOrder};
use crate::stats::mean;
use crate::who5::{self, Direction, Who5Band};

/// Each participant's kept answers grouped into waves, and the waves shown (answered by at
/// least `min_wave`), each with its number (from 1) and its values.
struct Waves {
    /// Each participant's kept answers, in date order: their `k`th is their answer of wave
    /// `k + 1`.
    kept: Vec<Series>,
    by_wave: WavesInOrder,
    shown: Vec<(usize, Vec<f64>)>,
    /// Answers skipped or cut by the spacing rule.
    spacing: u64,
}

fn waves(series: Vec<Series>, options: &ReportOptions) -> Waves {
    let mut spacing = 0;
    let kept: Vec<Series> = series
        .into_iter()
        .map(|mut s| {
            spacing += spaced_in_place(&mut s, options.wave_gap_days);
            s
        })
        .collect();
    let mut by_wave = WavesInOrder::new(&kept);
    let shown = by_wave
        .values
        .iter_mut()
        .enumerate()
        .filter_map(|(k, values)| {
            let n = values.len() as u64;
            // Moved out: only the pairs are read of `by_wave` afterwards.
            (n > 0 && n >= options.min_wave).then(|| (k + 1, std::mem::take(values)))
        })
        .collect();
    Waves {
        kept,
        by_wave,
        shown,
        spacing,
    }
}

impl Waves {
    /// Paired change from wave 1 to each later shown wave, when wave 1 itself is shown.
    fn paired(
        &self,
        min_wave: u64,
        direction: impl Fn(f64, f64) -> Option<Direction>,
    ) -> Vec<PairedChange> {
        self.later_waves()
            .filter_map(|to| self.by_wave.paired(to, min_wave, &direction))
            .collect()
    }

    /// The later shown waves, when wave 1 is shown.
    fn later_waves(&self) -> impl Iterator<Item = usize> + '_ {
        let has_first = self.shown.first().is_some_and(|w| w.0 == 1);
        self.shown
            .iter()
            .map(|w| w.0)
            .filter(move |&w| has_first && w > 1)
    }
}

/// A subject's scored answers dated within their participation (start to end).
fn within(s: &Subject, answers: impl Iterator<Item = (time::Date, f64)>) -> (Series, u64) {
    let mut outside = 0;
    let inside = answers
        .filter(|&(d, _)| {
            let ok = s.start.is_none_or(|st| d >= st) && s.end.is_none_or(|e| d <= e);
            outside += u64::from(!ok);
            ok
        })
        .collect();
    (inside, outside)
}

/// WHO-5 series within participation, with the count dated outside it.
pub(super) fn who5_series(subjects: &[Subject]) -> (Vec<Series>, u64) {
    let mut outside = 0;
    let series = subjects
        .iter()
        .map(|s| {
            let (x, o) = within(s, s.who5.iter().map(|&(d, i)| (d, f64::from(i))));
            outside += o;
            x
        })
        .collect();
    (series, outside)
}

/// GSE series within participation, with the count dated outside it.
pub(super) fn gse_series(subjects: &[Subject]) -> (Vec<Series>, u64) {
    let mut outside = 0;
    let series = subjects
        .iter()
        .map(|s| {
            let (x, o) = within(s, s.gse.iter().copied());
            outside += o;
            x
        })
        .collect();
    (series, outside)
}

pub(super) fn who5(subjects: &[Subject], options: &ReportOptions) -> Who5Section {
    let (series, outside) = who5_series(subjects);
    let w = waves(series, options);
    let shown: Vec<Who5Wave> = w
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
            let mean_index = mean(values.iter().copied()).unwrap_or(0.0);
            Who5Wave {
                wave: *wave,
                n,
                mean_index,
                mean_band: who5::mean_band(mean_index),
                bands: Who5Bands {
                    high_risk: c[0],
                    risk: c[1],
                    no_immediate_risk: c[2],
                },
            }
        })
        .collect();
    let paired = w.paired(options.min_wave, |a, b| Some(who5::direction(a, b)));
    let from_first_wave = match shown.first() {
        Some(first) if first.wave == 1 => w
            .later_waves()
            .filter_map(|to| shown.iter().find(|x| x.wave == to))
            .map(|to| {
                let direction = who5::direction(first.mean_index, to.mean_index);
                FromFirstWave {
                    to_wave: to.wave,
                    n_from: first.n,
                    mean_from: first.mean_index,
                    n_to: to.n,
                    mean_to: to.mean_index,
                    change: to.mean_index - first.mean_index,
                    direction,
                    significant_improvement: direction == Direction::Improved,
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    let with_two: Vec<&Series> = w.kept.iter().filter(|s| s.len() >= 2).collect();
    let n = with_two.len() as u64;
    let in_zone = |p: &(time::Date, f64)| who5::in_risk_zone(p.1);
    let first = with_two
        .iter()
        .filter(|s| s.first().is_some_and(in_zone))
        .count() as u64;
    let latest = with_two
        .iter()
        .filter(|s| s.last().is_some_and(in_zone))
        .count() as u64;
    Who5Section {
        waves: shown,
        paired,
        from_first_wave,
        risk_zone: RiskZone {
            n,
            first: share(first, n, options.min_cell),
            latest: share(latest, n, options.min_cell),
        },
        left_out: LeftOut {
            unscorable: Some(subjects.iter().map(|s| s.who5_unscored).sum()),
            outside_participation: Some(outside),
            spacing: Some(w.spacing),
        },
    }
}

pub(super) fn gse(subjects: &[Subject], options: &ReportOptions) -> GseSection {
    let (series, outside) = gse_series(subjects);
    let w = waves(series, options);
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
        left_out: LeftOut {
            unscorable: Some(subjects.iter().map(|s| s.gse_unscored).sum()),
            outside_participation: Some(outside),
            spacing: Some(w.spacing),
        },
    }
}
