//! Measurement waves and paired change, as the exit-package report computes them for WHO-5.
//!
//! Wave k is each participant's k-th measurement by date (seed 001 §3). A wave is shown only
//! when at least `min_wave` participants answered it (the report's rule: 10). Change from wave 1
//! to a later wave is computed over the participants who answered both (paired respondents).

use crate::stats::mean;
use serde::{Deserialize, Serialize};
use time::Date;

/// One participant's scores, each with its date, in any order.
pub type Series = Vec<(Date, f64)>;

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
    /// Whether the change is clinically significant (WHO-5: 10 points or more either way);
    /// absent for instruments without such a rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clinically_significant: Option<bool>,
}

/// Paired change from wave 1 to wave `to` (both 1-based), over participants with both.
/// `None` when fewer than `min_pairs` participants answered both.
pub fn paired(
    waves: &[Vec<Option<f64>>],
    to: usize,
    min_pairs: u64,
    significance: impl Fn(f64, f64) -> Option<bool>,
) -> Option<PairedChange> {
    let first = waves.first()?;
    let later = waves.get(to.checked_sub(1)?)?;
    let pairs: Vec<(f64, f64)> = first
        .iter()
        .zip(later)
        .filter_map(|(a, b)| Some(((*a)?, (*b)?)))
        .collect();
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
        clinically_significant: significance(mean_from, mean_to),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

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
}
