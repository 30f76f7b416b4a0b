//! Measurement waves and paired change, as the exit-package report computes them for WHO-5.
//!
//! Waves keep the agency's spacing ("besvarelser med mellem 2-3 måneders mellemrum", seed 001
//! line 1339): a participant's first scored answer is wave 1; each later wave is the next scored
//! answer at least `min` days after the previous kept one (sooner ones are skipped); if that
//! answer comes more than `max` days after the previous one, the series ends there ([`spaced`]).
//! A wave is shown only when at least `min_wave` participants answered it (the report's rule:
//! 10, line 1357). Change from wave 1 to a later wave is computed over the participants who
//! answered both (paired respondents).

use super::options::WaveGap;
use crate::stats::mean;
use crate::who5::Direction;
use serde::{Deserialize, Serialize};
use time::Date;

/// One participant's scores, each with its date, in any order.
pub type Series = Vec<(Date, f64)>;

/// One participant's answers in date order as waves under `gap`, and how many were left out
/// (skipped as too soon, or cut after a gap longer than the maximum). Equal dates keep input
/// order.
///
/// ```
/// use overgang::report::{waves::spaced, WaveGap};
/// use time::macros::date;
/// let s = vec![(date!(2024-01-01), 40.0), (date!(2024-01-20), 44.0), (date!(2024-03-01), 48.0),
///              (date!(2024-09-01), 52.0)];
/// let (kept, left_out) = spaced(&s, WaveGap(46, Some(106)));
/// assert_eq!(kept, [(date!(2024-01-01), 40.0), (date!(2024-03-01), 48.0)]);
/// assert_eq!(left_out, 2); // 19 days is too soon; 184 days ends the series
/// ```
pub fn spaced(series: &[(Date, f64)], gap: WaveGap) -> (Series, u64) {
    let mut kept = series.to_vec();
    let left_out = spaced_in_place(&mut kept, gap);
    (kept, left_out)
}

/// [`spaced`] in place: `series` becomes the answers kept, in date order; gives how many were
/// left out. The report spaces every participant's series so, without a copy of each.
pub(crate) fn spaced_in_place(series: &mut Series, gap: WaveGap) -> u64 {
    let before = series.len();
    // Data usually arrives in date order: sorted (stably) only when it does not.
    if !series.windows(2).all(|w| w[0].0 <= w[1].0) {
        series.sort_by_key(|&(d, _)| d);
    }
    let mut kept: usize = 0;
    for i in 0..series.len() {
        let Some(&(d, v)) = series.get(i) else { break };
        if let Some(&(prev, _)) = kept.checked_sub(1).and_then(|k| series.get(k)) {
            let days = (d - prev).whole_days();
            if days < i64::from(gap.min()) {
                continue;
            }
            if gap.max().is_some_and(|m| days > i64::from(m)) {
                break;
            }
        }
        if let Some(slot) = series.get_mut(kept) {
            *slot = (d, v);
        }
        kept += 1;
    }
    series.truncate(kept);
    (before - kept) as u64
}

/// Groups each participant's scores into waves: `result[k]` holds, per participant, their
/// (k+1)-th score by date, or `None` when they have fewer. Equal dates keep input order.
pub fn by_wave(series: &[Series]) -> Vec<Vec<Option<f64>>> {
    let depth = series.iter().map(Vec::len).max().unwrap_or(0);
    let mut waves = vec![vec![None; series.len()]; depth];
    for (i, s) in series.iter().enumerate() {
        // Data usually arrives in date order: sort (a copy) only when it does not.
        if s.windows(2).all(|w| w[0].0 <= w[1].0) {
            for (k, &(_, v)) in s.iter().enumerate() {
                waves[k][i] = Some(v);
            }
        } else {
            let mut sorted = s.clone();
            sorted.sort_by_key(|&(d, _)| d);
            for (k, (_, v)) in sorted.into_iter().enumerate() {
                waves[k][i] = Some(v);
            }
        }
    }
    waves
}

/// Series already in date order (as [`spaced`] gives them) taken by wave in one pass: each
/// wave's values, and each wave's pairs (wave 1, that wave) of the participants who answered
/// both, in the series' order. They are [`by_wave`]'s values and [`paired`]'s pairs, without a
/// cell for every participant in every wave.
pub(crate) struct WavesInOrder {
    /// `values[k]`: the answers of wave `k + 1`.
    pub(crate) values: Vec<Vec<f64>>,
    /// `pairs[k]`: (wave 1, wave `k + 1`) of each participant who answered both.
    pairs: Vec<Vec<(f64, f64)>>,
}

impl WavesInOrder {
    pub(crate) fn new(series: &[Series]) -> Self {
        let depth = series.iter().map(Vec::len).max().unwrap_or(0);
        let mut values = vec![Vec::new(); depth];
        let mut pairs = vec![Vec::new(); depth];
        for s in series {
            let Some(&(_, first)) = s.first() else {
                continue;
            };
            for ((&(_, v), wave), pairs) in s.iter().zip(&mut values).zip(&mut pairs) {
                wave.push(v);
                pairs.push((first, v));
            }
        }
        WavesInOrder { values, pairs }
    }

    /// [`paired`] from wave 1 to wave `to` (1-based).
    pub(crate) fn paired(
        &self,
        to: usize,
        min_pairs: u64,
        direction: impl Fn(f64, f64) -> Option<Direction>,
    ) -> Option<PairedChange> {
        let pairs = self.pairs.get(to.checked_sub(1)?)?;
        change(pairs, to, min_pairs, direction)
    }
}

/// Paired change from one wave to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PairedChange {
    /// The earlier wave (1-based).
    pub from_wave: usize,
    /// The later wave (1-based).
    pub to_wave: usize,
    /// Participants who answered both waves.
    pub n: u64,
    /// Their mean at the earlier wave.
    pub mean_from: f64,
    /// Their mean at the later wave.
    pub mean_to: f64,
    /// `mean_to - mean_from`.
    pub change: f64,
    /// Improved, worsened or unchanged by the instrument's clinically significant amount
    /// (WHO-5: 10 points); absent for instruments without such a rule (GSE).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// A rise of the clinically significant amount or more (WHO-5: 10 points, seed 001 line
    /// 384); absent for instruments without such a rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub significant_improvement: Option<bool>,
}

/// Paired change from wave 1 to wave `to` (both 1-based), over participants with both.
/// `None` when fewer than `min_pairs` participants answered both.
pub fn paired(
    waves: &[Vec<Option<f64>>],
    to: usize,
    min_pairs: u64,
    direction: impl Fn(f64, f64) -> Option<Direction>,
) -> Option<PairedChange> {
    let first = waves.first()?;
    let later = waves.get(to.checked_sub(1)?)?;
    let pairs: Vec<(f64, f64)> = first
        .iter()
        .zip(later)
        .filter_map(|(a, b)| Some(((*a)?, (*b)?)))
        .collect();
    change(&pairs, to, min_pairs, direction)
}

/// The change over the pairs (wave 1, wave `to`) of the participants who answered both.
fn change(
    pairs: &[(f64, f64)],
    to: usize,
    min_pairs: u64,
    direction: impl Fn(f64, f64) -> Option<Direction>,
) -> Option<PairedChange> {
    let n = pairs.len() as u64;
    if n == 0 || n < min_pairs {
        return None;
    }
    let mean_from = mean(pairs.iter().map(|p| p.0))?;
    let mean_to = mean(pairs.iter().map(|p| p.1))?;
    Some(PairedChange {
        from_wave: 1,
        to_wave: to,
        n,
        mean_from,
        mean_to,
        change: mean_to - mean_from,
        direction: direction(mean_from, mean_to),
        significant_improvement: direction(mean_from, mean_to).map(|d| d == Direction::Improved),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    proptest::proptest! {
        /// Waves and paired change taken straight from series in date order are those of
        /// their [`by_wave`] (the order of the values, and so each mean, included).
        #[test]
        fn waves_of_series_in_order_are_by_waves(
            series in proptest::collection::vec(
                proptest::collection::vec((0i64..400, 0u8..=100), 0..6), 0..40),
            min_pairs in 0u64..4,
        ) {
            let day = |d: i64| date!(2024 - 01 - 01) + time::Duration::days(d);
            let kept: Vec<Series> = series
                .iter()
                .map(|s| {
                    let s: Series = s.iter().map(|&(d, v)| (day(d), f64::from(v))).collect();
                    spaced(&s, WaveGap(10, Some(200))).0
                })
                .collect();
            let all = by_wave(&kept);
            let in_order = WavesInOrder::new(&kept);
            let values: Vec<Vec<f64>> =
                all.iter().map(|w| w.iter().flatten().copied().collect()).collect();
            proptest::prop_assert_eq!(&in_order.values, &values);
            for to in 0..=all.len() + 1 {
                let direction = |a: f64, b: f64| Some(crate::who5::direction(a, b));
                proptest::prop_assert_eq!(
                    in_order.paired(to, min_pairs, direction),
                    paired(&all, to, min_pairs, direction)
                );
            }
        }
    }

    #[test]
    fn waves_follow_each_participants_dates_not_input_order() {
        let series = vec![
            vec![(date!(2024 - 03 - 01), 40.0), (date!(2024 - 01 - 01), 20.0)],
            vec![(date!(2024 - 02 - 01), 60.0)],
        ];
        let w = by_wave(&series);
        assert_eq!(
            w,
            vec![vec![Some(20.0), Some(60.0)], vec![Some(40.0), None]]
        );
        let p = paired(&w, 2, 1, |_, _| None).unwrap();
        assert_eq!(
            (p.n, p.mean_from, p.mean_to, p.change),
            (1, 20.0, 40.0, 20.0)
        );
    }

    #[test]
    fn any_keeps_every_answer_and_the_default_skips_and_cuts() {
        let s = vec![
            (date!(2024 - 01 - 01), 1.0),
            (date!(2024 - 01 - 01), 2.0),
            (date!(2024 - 02 - 16), 3.0),
            (date!(2024 - 06 - 10), 4.0),
        ];
        assert_eq!(spaced(&s, WaveGap::ANY), (s.clone(), 0));
        // 46 days is kept (the minimum is inclusive); 115 days later is over 106: cut.
        let (kept, out) = spaced(&s, WaveGap::default());
        assert_eq!(kept, vec![s[0], s[2]]);
        assert_eq!(out, 2);
        let (kept, _) = spaced(&s, WaveGap(46, None));
        assert_eq!(kept, vec![s[0], s[2], s[3]]);
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;
        use time::Duration;

        proptest! {
            #[test]
            fn spacing_keeps_date_order_and_gaps(
                offsets in prop::collection::vec(0i64..800, 0..12),
                min in 0u32..120,
                extra in prop::option::of(0u32..200),
            ) {
                let base = time::macros::date!(2023 - 01 - 01);
                let s: Series = offsets.iter().enumerate()
                    .map(|(i, &o)| (base + Duration::days(o), i as f64)).collect();
                let gap = WaveGap(min, extra.map(|e| min + e));
                let (kept, left_out) = spaced(&s, gap);
                prop_assert_eq!(kept.len() as u64 + left_out, s.len() as u64);
                prop_assert_eq!(kept.is_empty(), s.is_empty());
                for w in kept.windows(2) {
                    let days = (w[1].0 - w[0].0).whole_days();
                    prop_assert!(days >= i64::from(min), "two kept answers {} days apart", days);
                    if let Some(max) = gap.max() {
                        prop_assert!(days <= i64::from(max));
                    }
                }
                // The first answer by date is always wave 1.
                if let Some(first) = s.iter().map(|p| p.0).min() {
                    prop_assert_eq!(kept[0].0, first);
                }
            }
        }
    }
}
