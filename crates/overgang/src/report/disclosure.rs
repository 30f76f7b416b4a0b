//! Protection over the whole report: after the tables are computed (each with its own primary
//! and complementary suppression, see `cells`), this pass withholds what other figures of the
//! same report would give away, then runs the [`audit`](super::audit) and withholds more until
//! the auditor finds nothing. Suppression is this library's own safeguard for special-category
//! data (the agency's published reports print counts as small as 3).

use super::audit::{audit, target_figure};
use super::cells::Cell;
use super::model::{Excluded, Report, Withheld};

/// Rounds of audit-and-withhold before everything left is withheld (a report of a few people).
const MAX_ROUNDS: usize = 8;

/// Protects a report in place (nothing happens when suppression is off).
pub(super) fn protect(r: &mut Report) {
    let min_cell = r.options.min_cell;
    if min_cell <= 1 {
        return;
    }
    let small = |v: u64| (1..min_cell).contains(&v);
    // Protecting again (after `excluded` is attached) keeps what was withheld before.
    let mut withheld = std::mem::take(&mut r.protection.withheld);
    // Rows left out of the input: a code's small count is withheld; a small count of rows or
    // participants withholds the whole block (its figures are plain counts, not cells).
    if let Some(x) = &mut r.excluded {
        x.by_code.retain(|code, v| {
            let keep = !small(*v);
            if !keep {
                withheld.push(Withheld {
                    figure: format!("excluded.by_code.{code}"),
                    reason: "small_count".into(),
                });
            }
            keep
        });
        if [x.rows, x.participants, x.with_participant]
            .into_iter()
            .any(small)
        {
            r.excluded = None;
            withheld.push(Withheld {
                figure: "excluded".into(),
                reason: "small_count".into(),
            });
        }
    }
    // Small counts printed on their own.
    let (w, g) = (&mut r.who5.left_out, &mut r.gse.left_out);
    for v in [
        &mut r.participation.excluded_short,
        &mut w.unscorable,
        &mut w.outside_participation,
        &mut w.spacing,
        &mut g.unscorable,
        &mut g.outside_participation,
        &mut g.spacing,
    ] {
        if v.is_some_and(small) {
            *v = None;
        }
    }
    // Means over a few people, and paired means over a set that differs from a wave's by a
    // few people (the difference would be one person's value).
    let mut keep_paired =
        |section: &str, waves: &[(usize, u64)], paired: &mut Vec<super::waves::PairedChange>| {
            paired.retain(|p| {
                let differs = [p.from_wave, p.to_wave].iter().any(|w| {
                    waves
                        .iter()
                        .find(|x| x.0 == *w)
                        .is_some_and(|x| small(x.1.abs_diff(p.n)))
                });
                let reason = if p.n < min_cell {
                    Some("small_mean")
                } else if differs {
                    Some("mean_difference")
                } else {
                    None
                };
                if let Some(reason) = reason {
                    withheld.push(Withheld {
                        figure: format!("{section}.paired[{}]", p.to_wave),
                        reason: reason.into(),
                    });
                }
                reason.is_none()
            });
        };
    let who5_waves: Vec<(usize, u64)> = r.who5.waves.iter().map(|w| (w.wave, w.n)).collect();
    let gse_waves: Vec<(usize, u64)> = r.gse.waves.iter().map(|w| (w.wave, w.n)).collect();
    keep_paired("who5", &who5_waves, &mut r.who5.paired);
    keep_paired("gse", &gse_waves, &mut r.gse.paired);
    r.who5.waves.retain(|w| w.n >= min_cell);
    r.gse.waves.retain(|w| w.n >= min_cell);
    // The seed's first-wave comparison restates the waves' means: only beside waves still shown.
    let shown: Vec<usize> = r.who5.waves.iter().map(|w| w.wave).collect();
    r.who5
        .from_first_wave
        .retain(|f| shown.contains(&1) && shown.contains(&f.to_wave));
    for p in &mut r.cti.mean_months_per_phase {
        if p.mean_months.is_some() && p.n < min_cell {
            p.mean_months = None;
            withheld.push(Withheld {
                figure: format!("cti.mean_months_per_phase.{}", p.phase.as_str()),
                reason: "small_mean".into(),
            });
        }
    }
    // The risk zone at the latest (first) measurement is the wave's own bands when everyone
    // with two measurements is in that wave: a hidden band would follow from it, and a hidden
    // risk zone from the bands.
    let z_n = r.who5.risk_zone.n;
    let linked = r.who5.waves.iter().any(|w| {
        let b = &w.bands;
        w.n == z_n
            && (b.high_risk.suppressed || b.risk.suppressed || b.no_immediate_risk.suppressed)
    });
    if linked {
        for (key, cell) in [
            ("first", &mut r.who5.risk_zone.first),
            ("latest", &mut r.who5.risk_zone.latest),
        ] {
            if !cell.suppressed {
                *cell = Cell::SUPPRESSED;
                withheld.push(Withheld {
                    figure: format!("who5.risk_zone.{key}"),
                    reason: "linked".into(),
                });
            }
        }
    }
    // Audit and withhold until nothing can be worked out.
    for round in 0..=MAX_ROUNDS {
        // The auditor reads the withheld list too (a withheld code is an unknown count).
        r.protection.withheld.clone_from(&withheld);
        let findings = audit(r);
        if findings.is_empty() {
            break;
        }
        for f in findings {
            if f.figure.starts_with("excluded") {
                // The rows left out: withheld as a block.
                if r.excluded.take().is_some() {
                    withheld.push(Withheld {
                        figure: "excluded".into(),
                        reason: "linked".into(),
                    });
                }
                continue;
            }
            let figure = f.figure.trim_end_matches(" (the rest)");
            let mut changed = false;
            if f.code == "complement" && withhold(r, figure, round == MAX_ROUNDS) {
                withheld.push(Withheld {
                    figure: figure.to_string(),
                    reason: "complement".into(),
                });
                changed = true;
            }
            if !changed {
                // A pinned count: withhold the shown figures it follows from (all of their
                // tables in the last round).
                for t in &f.from {
                    if withhold(r, t, round == MAX_ROUNDS) {
                        withheld.push(Withheld {
                            figure: t.clone(),
                            reason: "linked".into(),
                        });
                    }
                }
            }
        }
    }
    withheld.sort_by(|a, b| a.figure.cmp(&b.figure));
    withheld.dedup();
    r.protection.withheld = withheld;
}

/// Every count cell of a report with its figure name and its table.
fn cells(r: &mut Report) -> Vec<(String, String, &mut Cell)> {
    let mut out: Vec<(String, String, &mut Cell)> = Vec::new();
    for x in &mut r.age_bands.rows {
        out.push((
            format!("age_bands.{}", x.band.as_str()),
            "age_bands".into(),
            &mut x.cell,
        ));
    }
    for x in &mut r.gender.rows {
        out.push((
            format!("gender.{}", x.gender.as_str()),
            "gender".into(),
            &mut x.cell,
        ));
    }
    for x in &mut r.interventions.by_count {
        out.push((
            format!("interventions.by_count.{}", x.interventions),
            "interventions.by_count".into(),
            &mut x.cell,
        ));
    }
    for x in &mut r.interventions.by_category {
        let f = format!("interventions.by_category.{}", x.category.as_str());
        out.push((f.clone(), f, &mut x.cell));
    }
    let f = "interventions.anti_trafficking_referrals".to_string();
    out.push((
        f.clone(),
        f,
        &mut r.interventions.anti_trafficking_referrals,
    ));
    let f = "interventions.other_referrals".to_string();
    out.push((f.clone(), f, &mut r.interventions.other_referrals));
    for w in &mut r.who5.waves {
        let t = format!("who5.waves[{}]", w.wave);
        let b = &mut w.bands;
        out.push((format!("{t}.high_risk"), t.clone(), &mut b.high_risk));
        out.push((format!("{t}.risk"), t.clone(), &mut b.risk));
        out.push((
            format!("{t}.no_immediate_risk"),
            t,
            &mut b.no_immediate_risk,
        ));
    }
    let z = &mut r.who5.risk_zone;
    out.push((
        "who5.risk_zone.first".into(),
        "who5.risk_zone".into(),
        &mut z.first,
    ));
    out.push((
        "who5.risk_zone.latest".into(),
        "who5.risk_zone".into(),
        &mut z.latest,
    ));
    for a in &mut r.ten_step.areas {
        let f = format!("ten_step.{}.positive", a.area.as_str());
        out.push((f.clone(), f, &mut a.positive));
    }
    if let Some(c) = &mut r.participation.returning {
        let f = "participation.returning".to_string();
        out.push((f.clone(), f, c));
    }
    if let Some(t) = &mut r.challenges {
        for x in &mut t.rows {
            let f = format!("challenges.{}", x.area.as_str());
            out.push((f.clone(), f, &mut x.cell));
        }
    }
    if let Some(t) = &mut r.municipalities {
        for x in &mut t.rows {
            out.push((
                format!("municipalities.{}", x.municipality),
                "municipalities".into(),
                &mut x.cell,
            ));
        }
    }
    let c = &mut r.cti.results;
    for (key, se) in [
        ("risk_zone", &mut c.risk_zone),
        ("sold_sex_last_month", &mut c.sold_sex_last_month),
    ] {
        for (side, cell) in [("start", &mut se.start), ("end", &mut se.end)] {
            let f = format!("cti.results.{key}.{side}");
            out.push((f.clone(), f, cell));
        }
    }
    let f = "cti.results.progression.moderate_or_large".to_string();
    out.push((f.clone(), f, &mut c.progression.moderate_or_large));
    for x in &mut r.cti.by_status {
        out.push((
            format!("cti.by_status.{}", x.status.as_str()),
            "cti.by_status".into(),
            &mut x.cell,
        ));
    }
    out
}

/// Withholds `figure` (and, for `whole_table`, every cell of its table). Whether anything
/// changed.
fn withhold(r: &mut Report, figure: &str, whole_table: bool) -> bool {
    if let Some(t) = r
        .targets
        .iter_mut()
        .flatten()
        .find(|t| target_figure(t) == figure)
    {
        let changed = t.positive.is_some();
        t.positive = None;
        t.percent_of_assessed = None;
        t.percent_of_in_scope = None;
        t.met = None;
        t.suppressed = true;
        return changed;
    }
    let mut cells = cells(r);
    let Some(table) = cells.iter().find(|c| c.0 == figure).map(|c| c.1.clone()) else {
        return false;
    };
    let mut changed = false;
    for (name, t, cell) in &mut cells {
        if (name == figure || (whole_table && *t == table)) && !cell.suppressed {
            **cell = Cell::SUPPRESSED;
            changed = true;
        }
    }
    changed
}

impl Report {
    /// Attaches the rows left out of the input ([`Cohort::from_csv_with`] with
    /// `on_error = "drop"`) and protects them with the rest of the report: a code's small
    /// count is withheld, and so is the whole block when a count of rows or participants is
    /// small or follows from the others (listed in `protection.withheld`).
    ///
    /// [`Cohort::from_csv_with`]: crate::cohort::Cohort::from_csv_with
    ///
    /// ```
    /// use overgang::report::Excluded;
    /// let mut report = overgang::cohort::Cohort::sample().report(&Default::default())?;
    /// let mut excluded = Excluded::default();
    /// excluded.rows = 2;
    /// excluded.participants = 1;
    /// excluded.with_participant = 1;
    /// report.set_excluded(Some(excluded));
    /// assert!(report.excluded.is_none()); // 2 rows: a small count
    /// assert!(report.protection.withheld.iter().any(|w| w.figure == "excluded"));
    /// # Ok::<(), overgang::ValidationError>(())
    /// ```
    pub fn set_excluded(&mut self, excluded: Option<Excluded>) {
        self.excluded = excluded;
        protect(self);
    }
}
