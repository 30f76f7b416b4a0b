//! The disclosure auditor: what an attacker can work out from one report.
//!
//! Every figure of a report is part of one system of linear relations: a table's rows add up
//! to its `n`, a count and its complement add up to the group it is counted in, a wave's bands
//! add up to the wave's `n`. The auditor writes those relations down, treats every hidden count
//! as an unknown whole number, and solves for the smallest and largest value each unknown can
//! take (integer linear programming, `microlp`). A hidden count pinned to one value from 1 to
//! `min_cell - 1`, a complement of a shown count that is such a value, a small count printed
//! as it is, and a mean over fewer than `min_cell` people or beside a mean over a set that
//! differs by 1 to `min_cell - 1` people, are findings.
//!
//! What one report cannot show: two reports over nested cohorts (an `--as-of` a day apart)
//! can be subtracted; see docs/security.md.

use super::cells::Cell;
use super::model::Report;
use microlp::{ComparisonOp, OptimizationDirection, Problem, SolveOutcome};
use serde::{Deserialize, Serialize};

/// What the auditor found about one figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The figure, as `section.key` (`gender.man`, `who5.waves[2].risk`, ...).
    pub figure: String,
    /// `pinned` (a hidden count follows from other figures), `complement` (the rest of a shown
    /// count is small), `small_count` (a small count is printed), `small_mean` (a mean over
    /// fewer than `min_cell` people), `mean_difference` (a mean beside one over a set that
    /// differs by a few people).
    pub code: String,
    /// The value an attacker learns, when it is one.
    pub value: Option<u64>,
    /// The shown figures it follows from (what to withhold to protect it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub from: Vec<String>,
}

/// One unknown or known count.
struct Var {
    figure: String,
    value: Option<u64>,
    max: u64,
}

/// `Σ terms = rhs` (or `≤ rhs` when `at_most`).
struct Relation {
    terms: Vec<(usize, f64)>,
    rhs: f64,
    at_most: bool,
}

#[derive(Default)]
struct System {
    vars: Vec<Var>,
    relations: Vec<Relation>,
    findings: Vec<Finding>,
}

impl System {
    fn cell(&mut self, figure: String, cell: &Cell, n: u64) -> usize {
        self.vars.push(Var {
            figure,
            value: if cell.suppressed { None } else { cell.count },
            max: n,
        });
        self.vars.len() - 1
    }

    /// A table whose rows partition `n` (or part of it, `at_most`).
    fn table<'a>(
        &mut self,
        section: &str,
        rows: impl Iterator<Item = (String, &'a Cell)>,
        n: u64,
        at_most: bool,
    ) {
        let terms: Vec<(usize, f64)> = rows
            .map(|(key, c)| (self.cell(format!("{section}.{key}"), c, n), 1.0))
            .collect();
        if !terms.is_empty() {
            self.relations.push(Relation {
                terms,
                rhs: n as f64,
                at_most,
            });
        }
    }

    /// A count out of `n` and its complement, the people not counted.
    fn share(&mut self, figure: String, cell: &Cell, n: u64) -> usize {
        let c = self.cell(figure.clone(), cell, n);
        self.vars.push(Var {
            figure: format!("{figure} (the rest)"),
            value: None,
            max: n,
        });
        let rest = self.vars.len() - 1;
        self.relations.push(Relation {
            terms: vec![(c, 1.0), (rest, 1.0)],
            rhs: n as f64,
            at_most: false,
        });
        c
    }

    /// A count no figure shows (the rest of a group, a group's part outside a programme).
    fn unknown(&mut self, figure: String, max: u64) -> usize {
        self.vars.push(Var {
            figure,
            value: None,
            max,
        });
        self.vars.len() - 1
    }

    /// A count the report prints.
    fn known(&mut self, figure: String, value: u64) -> usize {
        self.vars.push(Var {
            figure,
            value: Some(value),
            max: value,
        });
        self.vars.len() - 1
    }

    /// `Σ terms = rhs`, or `≤ rhs` when `at_most`.
    fn relate(&mut self, terms: Vec<(usize, f64)>, rhs: f64, at_most: bool) {
        self.relations.push(Relation {
            terms,
            rhs,
            at_most,
        });
    }

    /// The variable of a figure already written down.
    fn find(&self, figure: &str) -> Option<usize> {
        self.vars.iter().position(|v| v.figure == figure)
    }

    fn finding(&mut self, figure: String, code: &str, value: Option<u64>) {
        self.findings.push(Finding {
            figure,
            code: code.to_string(),
            value,
            from: Vec::new(),
        });
    }

    /// The shown figures in the relations that bound `v`.
    fn witnesses(&self, v: usize) -> Vec<String> {
        let mut out: Vec<String> = self
            .component(v)
            .into_iter()
            .flat_map(|k| self.relations[k].terms.iter().map(|t| t.0))
            .filter(|&i| self.vars[i].value.is_some())
            .map(|i| self.vars[i].figure.clone())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The relations reachable from variable `v` through unknowns (the rest cannot bound it).
    fn component(&self, v: usize) -> Vec<usize> {
        let mut seen_vars = vec![false; self.vars.len()];
        let mut seen_rel = vec![false; self.relations.len()];
        let mut stack = vec![v];
        seen_vars[v] = true;
        while let Some(x) = stack.pop() {
            for (k, r) in self.relations.iter().enumerate() {
                if seen_rel[k] || !r.terms.iter().any(|t| t.0 == x) {
                    continue;
                }
                seen_rel[k] = true;
                for &(y, _) in &r.terms {
                    if !seen_vars[y] && self.vars[y].value.is_none() {
                        seen_vars[y] = true;
                        stack.push(y);
                    }
                }
            }
        }
        (0..self.relations.len()).filter(|k| seen_rel[*k]).collect()
    }

    /// The smallest and largest value of variable `v` over every whole-number solution.
    fn bounds(&self, v: usize) -> Option<(u64, u64)> {
        let relations = self.component(v);
        if relations.is_empty() {
            return Some((0, self.vars[v].max));
        }
        let solve = |direction| {
            let mut p = Problem::new(direction);
            let mut vars = std::collections::HashMap::new();
            for &k in &relations {
                for &(i, _) in &self.relations[k].terms {
                    vars.entry(i).or_insert_with(|| {
                        let var = &self.vars[i];
                        let objective = if i == v { 1.0 } else { 0.0 };
                        let (lo, hi) = match var.value {
                            Some(x) => (x as i32, x as i32),
                            None => (0, i32::try_from(var.max).unwrap_or(i32::MAX)),
                        };
                        p.add_integer_var(objective, (lo, hi))
                    });
                }
            }
            for r in relations.iter().map(|&k| &self.relations[k]) {
                let terms: Vec<_> = r
                    .terms
                    .iter()
                    .filter_map(|&(i, k)| Some((*vars.get(&i)?, k)))
                    .collect();
                let op = if r.at_most {
                    ComparisonOp::Le
                } else {
                    ComparisonOp::Eq
                };
                p.add_constraint(&terms, op, r.rhs);
            }
            match p.solve() {
                Ok(SolveOutcome::Solution(s)) => Some(s.objective().round() as u64),
                _ => None,
            }
        };
        Some((
            solve(OptimizationDirection::Minimize)?,
            solve(OptimizationDirection::Maximize)?,
        ))
    }
}

/// Audits one report: every figure an attacker could narrow to a single small value, or a
/// single person's value, from this report alone. Empty when the report is safe; always empty
/// when suppression is off (`min_cell` 0 or 1: nothing is promised).
///
/// ```
/// use overgang::cohort::Cohort;
/// let report = Cohort::sample().report(&Default::default())?;
/// assert!(overgang::report::audit(&report).is_empty());
/// # Ok::<(), overgang::ValidationError>(())
/// ```
pub fn audit(r: &Report) -> Vec<Finding> {
    let min_cell = r.options.min_cell;
    if min_cell <= 1 {
        return Vec::new();
    }
    let small = |v: u64| (1..min_cell).contains(&v);
    let mut s = System::default();
    let all = r.participants.count;
    s.table(
        "age_bands",
        r.age_bands
            .rows
            .iter()
            .map(|x| (x.band.as_str().to_string(), &x.cell)),
        r.age_bands.n,
        false,
    );
    s.table(
        "gender",
        r.gender
            .rows
            .iter()
            .map(|x| (x.gender.as_str().to_string(), &x.cell)),
        r.gender.n,
        false,
    );
    s.table(
        "interventions.by_count",
        r.interventions
            .by_count
            .iter()
            .map(|x| (x.interventions.clone(), &x.cell)),
        all,
        false,
    );
    for x in &r.interventions.by_category {
        s.share(
            format!("interventions.by_category.{}", x.category.as_str()),
            &x.cell,
            all,
        );
    }
    s.share(
        "interventions.anti_trafficking_referrals".into(),
        &r.interventions.anti_trafficking_referrals,
        all,
    );
    s.share(
        "interventions.other_referrals".into(),
        &r.interventions.other_referrals,
        all,
    );
    for w in &r.who5.waves {
        let b = &w.bands;
        let rows = [
            ("high_risk", &b.high_risk),
            ("risk", &b.risk),
            ("no_immediate_risk", &b.no_immediate_risk),
        ];
        s.table(
            &format!("who5.waves[{}]", w.wave),
            rows.into_iter().map(|(k, c)| (k.to_string(), c)),
            w.n,
            false,
        );
        if w.n < min_cell {
            s.finding(
                format!("who5.waves[{}].mean_index", w.wave),
                "small_mean",
                None,
            );
        }
    }
    let z = &r.who5.risk_zone;
    let first = s.cell("who5.risk_zone.first".into(), &z.first, z.n);
    let latest = s.cell("who5.risk_zone.latest".into(), &z.latest, z.n);
    for (v, figure) in [
        (first, "who5.risk_zone.first"),
        (latest, "who5.risk_zone.latest"),
    ] {
        s.vars.push(Var {
            figure: format!("{figure} (the rest)"),
            value: None,
            max: z.n,
        });
        let rest = s.vars.len() - 1;
        s.relations.push(Relation {
            terms: vec![(v, 1.0), (rest, 1.0)],
            rhs: z.n as f64,
            at_most: false,
        });
    }
    // An attacker assumes that a wave of as many people as the risk zone holds the same people:
    // the first wave's bands then give the first measurement, the last wave's the latest.
    let wave_vars = |s: &System, wave: usize| -> Vec<usize> {
        let prefix = format!("who5.waves[{wave}].");
        ["high_risk", "risk"]
            .iter()
            .filter_map(|k| {
                s.vars
                    .iter()
                    .position(|v| v.figure == format!("{prefix}{k}"))
            })
            .collect()
    };
    let same_people: Vec<(usize, usize)> =
        [(r.who5.waves.first(), first), (r.who5.waves.last(), latest)]
            .into_iter()
            .filter_map(|(w, v)| w.filter(|w| w.n == z.n && z.n > 0).map(|w| (w.wave, v)))
            .collect();
    for (wave, v) in same_people {
        let bands = wave_vars(&s, wave);
        if bands.len() == 2 {
            let mut terms: Vec<(usize, f64)> = bands.into_iter().map(|b| (b, 1.0)).collect();
            terms.push((v, -1.0));
            s.relations.push(Relation {
                terms,
                rhs: 0.0,
                at_most: false,
            });
        }
    }
    for a in &r.ten_step.areas {
        s.share(
            format!("ten_step.{}.positive", a.area.as_str()),
            &a.positive,
            a.n,
        );
    }
    registrations(&mut s, r);
    targets(&mut s, r);
    if let Some(x) = &r.excluded {
        excluded(&mut s, x, &r.protection.withheld, min_cell);
    }
    if let Some(o) = &r.outreach {
        outreach(&mut s, o);
    }
    s.table(
        "cti.by_status",
        r.cti
            .by_status
            .iter()
            .map(|x| (x.status.as_str().to_string(), &x.cell)),
        r.cti.courses,
        true,
    );
    for p in &r.cti.mean_months_per_phase {
        if p.mean_months.is_some() && p.n < min_cell {
            s.finding(
                format!("cti.mean_months_per_phase.{}", p.phase.as_str()),
                "small_mean",
                None,
            );
        }
    }
    // Counts printed as they are.
    for (figure, v) in [
        (
            "participation.excluded_short",
            r.participation.excluded_short,
        ),
        ("who5.left_out.unscorable", r.who5.left_out.unscorable),
        (
            "who5.left_out.outside_participation",
            r.who5.left_out.outside_participation,
        ),
        ("who5.left_out.spacing", r.who5.left_out.spacing),
        ("gse.left_out.unscorable", r.gse.left_out.unscorable),
        (
            "gse.left_out.outside_participation",
            r.gse.left_out.outside_participation,
        ),
        ("gse.left_out.spacing", r.gse.left_out.spacing),
    ] {
        if let Some(v) = v.filter(|v| small(*v)) {
            s.finding(figure.to_string(), "small_count", Some(v));
        }
    }
    // Means beside means over sets that differ by a few people.
    let mean_sets = |section: &str,
                     waves: &[(usize, u64)],
                     paired: &[super::waves::PairedChange],
                     s: &mut System| {
        for p in paired {
            for (wave, side) in [(p.from_wave, "mean_from"), (p.to_wave, "mean_to")] {
                if let Some(&(_, n)) = waves.iter().find(|w| w.0 == wave) {
                    if small(n.abs_diff(p.n)) {
                        s.finding(
                            format!("{section}.paired[{}].{side}", p.to_wave),
                            "mean_difference",
                            None,
                        );
                    }
                }
            }
            if p.n < min_cell {
                s.finding(
                    format!("{section}.paired[{}]", p.to_wave),
                    "small_mean",
                    None,
                );
            }
        }
    };
    let who5_waves: Vec<(usize, u64)> = r.who5.waves.iter().map(|w| (w.wave, w.n)).collect();
    let gse_waves: Vec<(usize, u64)> = r.gse.waves.iter().map(|w| (w.wave, w.n)).collect();
    mean_sets("who5", &who5_waves, &r.who5.paired, &mut s);
    mean_sets("gse", &gse_waves, &r.gse.paired, &mut s);
    // Hidden counts (and complements) pinned by the relations.
    for v in 0..s.vars.len() {
        if s.vars[v].value.is_some() {
            continue;
        }
        if let Some((lo, hi)) = s.bounds(v) {
            if lo == hi && small(lo) {
                let code = if s.vars[v].figure.ends_with("(the rest)") {
                    "complement"
                } else {
                    "pinned"
                };
                let figure = s.vars[v].figure.clone();
                let from = s.witnesses(v);
                s.finding(figure, code, Some(lo));
                if let Some(f) = s.findings.last_mut() {
                    f.from = from;
                }
            }
        }
    }
    s.findings
}

/// Returns, challenges, municipalities and a CTI course's results: counts out of a shown `n`.
fn registrations(s: &mut System, r: &Report) {
    let all = r.participants.count;
    if let Some(c) = &r.participation.returning {
        s.share("participation.returning".into(), c, all);
    }
    if let Some(t) = &r.challenges {
        for x in &t.rows {
            s.share(format!("challenges.{}", x.area.as_str()), &x.cell, t.n);
        }
    }
    if let Some(t) = &r.municipalities {
        s.table(
            "municipalities",
            t.rows.iter().map(|x| (x.municipality.to_string(), &x.cell)),
            t.n,
            false,
        );
    }
    let c = &r.cti.results;
    for (key, se) in [
        ("risk_zone", &c.risk_zone),
        ("sold_sex_last_month", &c.sold_sex_last_month),
    ] {
        for (side, cell) in [("start", &se.start), ("end", &se.end)] {
            s.share(format!("cti.results.{key}.{side}"), cell, se.n);
        }
    }
    s.share(
        "cti.results.progression.moderate_or_large".into(),
        &c.progression.moderate_or_large,
        c.progression.n,
    );
}

/// Targets of positive development: a count out of those assessed, and, for a ten-step
/// measure, the same count as the ten-step table's over a subset of its people (everyone when
/// no programme is named): the difference is the positive development of those outside the
/// programmes, itself a count that must not be small.
fn targets(s: &mut System, r: &Report) {
    for t in r.targets.iter().flatten() {
        let figure = target_figure(t);
        let cell = Cell {
            count: t.positive,
            percent: None,
            suppressed: t.suppressed || t.positive.is_none(),
        };
        let positive = s.share(figure.clone(), &cell, t.assessed);
        let super::options::TargetMeasure::TenStep(area) = t.measure else {
            continue;
        };
        let Some(a) = r.ten_step.areas.iter().find(|a| a.area == area) else {
            continue;
        };
        let Some(outside_n) = a.n.checked_sub(t.assessed) else {
            continue;
        };
        let Some(area_positive) = s.find(&format!("ten_step.{}.positive", area.as_str())) else {
            continue;
        };
        let outside = s.unknown(format!("{figure} (outside the programmes)"), outside_n);
        let outside_rest = s.unknown(
            format!("{figure} (outside the programmes, not positive)"),
            outside_n,
        );
        s.relate(
            vec![(positive, 1.0), (outside, 1.0), (area_positive, -1.0)],
            0.0,
            false,
        );
        s.relate(
            vec![(outside, 1.0), (outside_rest, 1.0)],
            outside_n as f64,
            false,
        );
    }
}

/// A target row's figure name (`targets.ten_step:economy.positive`).
pub(super) fn target_figure(t: &super::model::TargetRow) -> String {
    format!("targets.{}.positive", t.measure.id())
}

/// Rows left out of the input (`on_error = "drop"`): the rows with a problem and the rows
/// left out with their participant add up to the rows left out; participants left out and
/// each code's rows are some of the rows with a problem, and every row with a problem has at
/// least one code. The participants counted and those left out add up to the input's, a total
/// no table is a part of, so it gives nothing away.
fn excluded(
    s: &mut System,
    x: &super::model::Excluded,
    withheld: &[super::model::Withheld],
    min_cell: u64,
) {
    let small = |v: u64| (1..min_cell).contains(&v);
    let mut printed = vec![
        ("excluded.rows".to_string(), x.rows),
        ("excluded.participants".to_string(), x.participants),
        ("excluded.with_participant".to_string(), x.with_participant),
    ];
    printed.extend(
        x.by_code
            .iter()
            .map(|(code, v)| (format!("excluded.by_code.{code}"), *v)),
    );
    for (figure, v) in &printed {
        if small(*v) {
            s.finding(figure.clone(), "small_count", Some(*v));
        }
    }
    let rows = s.known("excluded.rows".into(), x.rows);
    let with = s.known("excluded.with_participant".into(), x.with_participant);
    let people = s.known("excluded.participants".into(), x.participants);
    let problem = s.unknown("excluded.rows (with a problem)".into(), x.rows);
    s.relate(vec![(problem, 1.0), (with, 1.0), (rows, -1.0)], 0.0, false);
    s.relate(vec![(people, 1.0), (problem, -1.0)], 0.0, true);
    let mut codes: Vec<usize> = x
        .by_code
        .iter()
        .map(|(code, v)| s.known(format!("excluded.by_code.{code}"), *v))
        .collect();
    for w in withheld {
        if w.figure.starts_with("excluded.by_code.") {
            codes.push(s.unknown(w.figure.clone(), x.rows));
        }
    }
    let mut sum: Vec<(usize, f64)> = vec![(problem, 1.0)];
    for &c in &codes {
        s.relate(vec![(c, 1.0), (problem, -1.0)], 0.0, true);
        sum.push((c, -1.0));
    }
    s.relate(sum, 0.0, true);
}

/// An upper bound for a hidden outreach count whose total is hidden too.
const OUTREACH_MAX: u64 = 1_000_000_000;

/// The outreach report's sums: each measure's years add up to its total (distinct venues
/// visited: each year at most the total, the total at most the years together), a year's
/// months to its new contacts, the mapping's tables to their totals, nationalities to the
/// women met, and a target's achieved figure is its year's.
fn outreach(s: &mut System, o: &super::outreach::OutreachReport) {
    let measures = |f: &super::outreach::Figures| f.named();
    let var = |s: &mut System, figure: String, c: &Cell, max: Option<&Cell>| {
        let max = max.and_then(|m| m.count).unwrap_or(OUTREACH_MAX);
        s.cell(figure, c, max)
    };
    let total: Vec<usize> = measures(&o.total)
        .iter()
        .map(|(k, c)| var(s, format!("outreach.total.{k}"), c, None))
        .collect();
    let totals = measures(&o.total);
    let years: Vec<Vec<usize>> = o
        .years
        .iter()
        .map(|y| {
            measures(&y.figures)
                .iter()
                .zip(&totals)
                .map(|((k, c), (_, t))| {
                    var(s, format!("outreach.years[{}].{k}", y.year), c, Some(t))
                })
                .collect()
        })
        .collect();
    for (m, &t) in total.iter().enumerate() {
        let mut terms: Vec<(usize, f64)> = years.iter().map(|y| (y[m], 1.0)).collect();
        terms.push((t, -1.0));
        if m == 1 {
            // A venue visited in two years counts in both.
            for y in &years {
                s.relate(vec![(y[m], 1.0), (t, -1.0)], 0.0, true);
            }
            let flipped = terms.iter().map(|&(i, k)| (i, -k)).collect();
            s.relate(flipped, 0.0, true);
        } else if !years.is_empty() {
            s.relate(terms, 0.0, false);
        }
    }
    for (y, ix) in o.years.iter().zip(&years) {
        let prefix = format!("{:04}-", y.year);
        let mut terms: Vec<(usize, f64)> = o
            .contacts_per_month
            .iter()
            .filter(|m| m.month.starts_with(&prefix))
            .map(|m| {
                let v = var(
                    s,
                    format!("outreach.contacts_per_month[{}]", m.month),
                    &m.new_contacts,
                    Some(&y.figures.new_contacts),
                );
                (v, 1.0)
            })
            .collect();
        if !terms.is_empty() {
            terms.push((ix[3], -1.0));
            s.relate(terms, 0.0, false);
        }
    }
    let v = &o.venues;
    let count = var(s, "outreach.venues.count".into(), &v.count, None);
    let rows = |s: &mut System, table: &str, rows: &[super::outreach::KeyRow], max: &Cell| {
        rows.iter()
            .map(|x| {
                var(
                    s,
                    format!("outreach.venues.{table}.{}", x.key),
                    &x.cell,
                    Some(max),
                )
            })
            .collect::<Vec<usize>>()
    };
    let by_visits = rows(s, "by_visits", &v.by_visits, &v.count);
    let by_status = rows(s, "by_status", &v.by_status, &v.count);
    let sum = |s: &mut System, parts: &[usize], whole: usize| {
        let mut terms: Vec<(usize, f64)> = parts.iter().map(|&p| (p, 1.0)).collect();
        terms.push((whole, -1.0));
        s.relate(terms, 0.0, false);
    };
    if let [none, one, several] = by_visits[..] {
        sum(s, &[none, total[1]], count);
        sum(s, &[one, several], total[1]);
    }
    if let [active, _] = by_status[..] {
        sum(s, &by_status, count);
        let active_cell = v.by_status.first().map_or(Cell::SUPPRESSED, |x| x.cell);
        let forms = rows(s, "active_by_form", &v.active_by_form, &active_cell);
        sum(s, &forms, active);
        let regions = rows(s, "active_by_region", &v.active_by_region, &active_cell);
        sum(s, &regions, active);
    }
    let n = &o.nationalities;
    let mut parts: Vec<usize> = n
        .top
        .iter()
        .map(|x| {
            var(
                s,
                format!("outreach.nationalities.{}", x.key),
                &x.cell,
                Some(&o.total.women_met),
            )
        })
        .collect();
    parts.push(var(
        s,
        "outreach.nationalities.other".into(),
        &n.other,
        Some(&o.total.women_met),
    ));
    parts.push(var(
        s,
        "outreach.nationalities.not_recorded".into(),
        &n.not_recorded,
        Some(&o.total.women_met),
    ));
    sum(s, &parts, total[2]);
    for t in &o.targets {
        let Some(yi) = o.years.iter().position(|y| y.year == t.year) else {
            continue;
        };
        let m = if t.measure == "counselled" { 4 } else { 3 };
        let a = var(
            s,
            format!("outreach.targets[{}].{}", t.year, t.measure),
            &t.achieved,
            None,
        );
        s.relate(vec![(a, 1.0), (years[yi][m], -1.0)], 0.0, false);
    }
}
