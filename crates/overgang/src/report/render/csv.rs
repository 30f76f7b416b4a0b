//! CSV: one row per published figure, from one iterator of figures, so every figure the report
//! publishes is listed in one place.

use crate::report::cells::Cell;
use crate::report::model::Report;
use std::fmt::Write;

/// One published figure: where it is, over how many, and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The table, e.g. `who5.waves`.
    pub section: String,
    /// The row, e.g. a category id or `mean_index`.
    pub key: String,
    /// The wave, for wave tables.
    pub wave: Option<usize>,
    /// The number of people the figure is over.
    pub n: Option<u64>,
    /// A count and share, when the figure is one.
    pub cell: Option<Cell>,
    /// A mean (or change), when the figure is one.
    pub mean: Option<f64>,
}

fn figure(section: &str, key: impl Into<String>, n: u64) -> Figure {
    Figure {
        section: section.to_string(),
        key: key.into(),
        wave: None,
        n: Some(n),
        cell: None,
        mean: None,
    }
}

impl Figure {
    fn cell(mut self, cell: &Cell) -> Figure {
        self.cell = Some(*cell);
        self
    }
    fn mean(mut self, mean: Option<f64>) -> Figure {
        self.mean = mean;
        self
    }
    fn wave(mut self, wave: usize) -> Figure {
        self.wave = Some(wave);
        self
    }
}

/// Every figure of a report, in report order.
///
/// ```
/// let report = overgang::cohort::Cohort::sample().report(&Default::default())?;
/// let figures = overgang::report::figures(&report);
/// assert_eq!(figures[0].section, "participants");
/// # Ok::<(), overgang::ValidationError>(())
/// ```
pub fn figures(r: &Report) -> Vec<Figure> {
    let all = r.participants.count;
    let mut out = vec![figure("participants", "count", all)];
    out.extend(
        r.age_bands
            .rows
            .iter()
            .map(|x| figure("age_bands", x.band.as_str(), r.age_bands.n).cell(&x.cell)),
    );
    out.push(figure("age_bands", "mean_age", r.age_bands.n).mean(r.age_bands.mean_age));
    out.extend(
        r.gender
            .rows
            .iter()
            .map(|x| figure("gender", x.gender.as_str(), r.gender.n).cell(&x.cell)),
    );
    let p = &r.participation;
    out.push(figure("participation", "mean_months", p.n).mean(p.mean_months));
    let mut excluded = figure("participation", "excluded_short", 0);
    excluded.n = p.excluded_short;
    out.push(excluded);
    let i = &r.interventions;
    out.extend(
        i.by_category
            .iter()
            .map(|x| figure("interventions.by_category", x.category.as_str(), all).cell(&x.cell)),
    );
    out.extend(
        i.by_count
            .iter()
            .map(|x| figure("interventions.by_count", x.interventions.clone(), all).cell(&x.cell)),
    );
    out.push(
        figure("interventions", "anti_trafficking_referrals", all)
            .cell(&i.anti_trafficking_referrals),
    );
    out.push(figure("interventions", "other_referrals", all).cell(&i.other_referrals));
    for w in &r.who5.waves {
        out.push(
            figure("who5.waves", "mean_index", w.n)
                .wave(w.wave)
                .mean(Some(w.mean_index)),
        );
        for (k, c) in [
            ("high_risk", &w.bands.high_risk),
            ("risk", &w.bands.risk),
            ("no_immediate_risk", &w.bands.no_immediate_risk),
        ] {
            out.push(figure("who5.waves", k, w.n).wave(w.wave).cell(c));
        }
    }
    for (section, p) in r
        .who5
        .paired
        .iter()
        .map(|p| ("who5.paired", p))
        .chain(r.gse.paired.iter().map(|p| ("gse.paired", p)))
    {
        for (k, v) in [
            ("mean_from", p.mean_from),
            ("mean_to", p.mean_to),
            ("change", p.change),
        ] {
            out.push(figure(section, k, p.n).wave(p.to_wave).mean(Some(v)));
        }
    }
    for f in &r.who5.from_first_wave {
        for (k, n, v) in [
            ("mean_from", f.n_from, f.mean_from),
            ("mean_to", f.n_to, f.mean_to),
            ("change", f.n_to, f.change),
        ] {
            out.push(
                figure("who5.from_first_wave", k, n)
                    .wave(f.to_wave)
                    .mean(Some(v)),
            );
        }
    }
    for (section, l) in [
        ("who5.left_out", &r.who5.left_out),
        ("gse.left_out", &r.gse.left_out),
    ] {
        for (k, v) in [
            ("unscorable", l.unscorable),
            ("outside_participation", l.outside_participation),
            ("spacing", l.spacing),
        ] {
            let mut f = figure(section, k, 0).cell(&Cell {
                count: v,
                percent: None,
                suppressed: v.is_none(),
            });
            f.n = v;
            out.push(f);
        }
    }
    let z = &r.who5.risk_zone;
    out.push(figure("who5.risk_zone", "first", z.n).cell(&z.first));
    out.push(figure("who5.risk_zone", "latest", z.n).cell(&z.latest));
    out.extend(r.gse.waves.iter().map(|w| {
        figure("gse.waves", "mean_score", w.n)
            .wave(w.wave)
            .mean(Some(w.mean_score))
    }));
    out.extend(
        r.ten_step
            .areas
            .iter()
            .map(|a| figure("ten_step.positive", a.area.as_str(), a.n).cell(&a.positive)),
    );
    for x in r.targets.iter().flatten() {
        let positive = Cell {
            count: x.positive,
            percent: x.percent_of_assessed,
            suppressed: x.suppressed,
        };
        out.push(figure("targets.positive", x.measure.id(), x.assessed).cell(&positive));
        out.push(figure("targets.in_scope", x.measure.id(), x.in_scope));
    }
    out.extend(
        r.cti
            .by_status
            .iter()
            .map(|x| figure("cti.by_status", x.status.as_str(), r.cti.courses).cell(&x.cell)),
    );
    out.extend(
        r.cti
            .mean_months_per_phase
            .iter()
            .map(|p| figure("cti.mean_months", p.phase.as_str(), p.n).mean(p.mean_months)),
    );
    let x = &r.cti.results;
    for (section, v) in [
        ("cti.results.risk_zone", &x.risk_zone),
        ("cti.results.sold_sex_last_month", &x.sold_sex_last_month),
    ] {
        out.push(figure(section, "start", v.n).cell(&v.start));
        out.push(figure(section, "end", v.n).cell(&v.end));
    }
    out.push(
        figure(
            "cti.results.progression",
            "moderate_or_large",
            x.progression.n,
        )
        .cell(&x.progression.moderate_or_large),
    );
    if let Some(c) = &r.participation.returning {
        out.push(figure("participation", "returning", all).cell(c));
    }
    if let Some(ch) = &r.challenges {
        out.extend(
            ch.rows
                .iter()
                .map(|x| figure("challenges", x.area.as_str(), ch.n).cell(&x.cell)),
        );
    }
    if let Some(m) = &r.municipalities {
        out.extend(
            m.rows
                .iter()
                .map(|x| figure("municipalities", x.municipality.to_string(), m.n).cell(&x.cell)),
        );
    }
    if let Some(x) = &r.excluded {
        // `Into<Option<u64>>`: a count, or none when withheld.
        let count = |section: &str, key: &str, v: Option<u64>| {
            let mut f = figure(section, key, 0).cell(&Cell {
                count: v,
                percent: None,
                suppressed: v.is_none(),
            });
            f.n = v;
            f
        };
        out.push(count("excluded", "rows", x.rows.into()));
        out.push(count("excluded", "participants", x.participants.into()));
        out.push(count(
            "excluded",
            "with_participant",
            x.with_participant.into(),
        ));
        out.extend(
            x.by_code
                .iter()
                .map(|(code, v)| count("excluded.by_code", code, (*v).into())),
        );
    }
    out
}

pub(super) fn csv(r: &Report) -> String {
    let mut s = String::from("section,key,wave,n,count,percent,mean,suppressed\n");
    let opt = |v: Option<u64>| v.map_or_else(String::new, |v| v.to_string());
    for f in figures(r) {
        let _ = writeln!(
            s,
            "{},{},{},{},{},{},{},{}",
            f.section,
            f.key,
            f.wave.map_or_else(String::new, |w| w.to_string()),
            opt(f.n),
            opt(f.cell.and_then(|c| c.count)),
            opt(f.cell.and_then(|c| c.percent)),
            f.mean.map_or_else(String::new, |m| m.to_string()),
            f.cell.is_some_and(|c| c.suppressed)
        );
    }
    s
}
