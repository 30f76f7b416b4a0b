//! The outreach report: activity per year and in all, the mapping's venues by form, region
//! and turnover, women met by nationality, progress against yearly targets and new contacts
//! per month, with every count under the report's suppression rule.
//!
//! No venue is ever named: the report holds counts only, so a venue's code cannot appear
//! beside a count, suppressed or not.
//!
//! The outreach data and its validation are the domain module [`crate::outreach`]; this is
//! the report layer's part (it uses the report's [`Cell`] and suppression rule).

pub mod render;
mod suppress;

use super::{Cell, ReportOptions};
use crate::municipality::Region;
use crate::outreach::{CountryCode, Outreach, OutreachVisit, Venue, OUTREACH_FORMS};
use crate::stats::percent_half_up;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use suppress::Linked;
use time::Date;

/// Options of the outreach report; [`Default`] gives the documented defaults.
///
/// ```
/// let o = overgang::report::outreach::OutreachOptions::default();
/// assert_eq!((o.as_of, o.min_cell, o.top_countries, o.inactive_after_days), (None, 5, 5, 183));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct OutreachOptions {
    /// The report date; `None` uses the latest date in the data. Visits after it are left out.
    #[serde(with = "crate::dates::iso_date_opt")]
    pub as_of: Option<Date>,
    /// Counts from 1 to `min_cell - 1` are suppressed; 0 turns suppression off. Default 5.
    pub min_cell: u64,
    /// Most countries named in "women met by nationality" (the rest are grouped). Default 5.
    pub top_countries: usize,
    /// A venue is no longer active when nothing has been seen of it (its `last_seen` date, a
    /// visit, or its `first_seen` date) for more than this many days before the report date.
    /// Default 183 (about six months; an assumption, the seeds give no rule).
    pub inactive_after_days: u32,
}

impl Default for OutreachOptions {
    fn default() -> Self {
        OutreachOptions {
            as_of: None,
            min_cell: 5,
            top_countries: 5,
            inactive_after_days: 183,
        }
    }
}

impl OutreachOptions {
    /// The cohort report's date and `min_cell`, with the outreach defaults for the rest.
    ///
    /// ```
    /// use overgang::report::{outreach::OutreachOptions, ReportOptions};
    /// let o = OutreachOptions::from_report_options(&ReportOptions::default());
    /// assert_eq!((o.min_cell, o.top_countries), (5, 5));
    /// ```
    pub fn from_report_options(options: &ReportOptions) -> OutreachOptions {
        OutreachOptions {
            as_of: options.as_of,
            min_cell: options.min_cell,
            ..OutreachOptions::default()
        }
    }

    /// Options with a report date and a `min_cell`.
    ///
    /// ```
    /// let o = overgang::report::outreach::OutreachOptions::new(None, 3);
    /// assert_eq!(o.min_cell, 3);
    /// ```
    pub fn new(as_of: Option<Date>, min_cell: u64) -> OutreachOptions {
        OutreachOptions {
            as_of,
            min_cell,
            ..OutreachOptions::default()
        }
    }
}

/// The outreach report. JSON keys are snake_case and a public contract (`docs/outreach.md`).
///
/// ```
/// use overgang::{outreach::Outreach, report::outreach::{compute, OutreachOptions}};
/// let o = Outreach::from_value(&serde_json::json!({"outreach_visits": [
///     {"date": "2024-03-01", "form": "online", "women_met": 3, "new_contacts": 3}]}))?;
/// let json = serde_json::to_value(compute(&o, &OutreachOptions::default())).unwrap();
/// let keys: Vec<&str> = json.as_object().unwrap().keys().map(|k| k.as_str()).collect();
/// assert_eq!(keys, ["as_of", "years", "total", "venues", "nationalities", "targets",
///                   "contacts_per_month", "notes", "options"]);
/// // 3 women met is a small count: hidden, as `null` with `suppressed: true`
/// assert_eq!(json["total"]["women_met"], serde_json::json!({"count": null, "percent": null, "suppressed": true}));
/// # Ok::<(), overgang::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OutreachReport {
    /// The report date.
    #[serde(with = "crate::dates::iso_date")]
    pub as_of: Date,
    /// Figures per calendar year, oldest first.
    pub years: Vec<YearFigures>,
    /// Figures over all years.
    pub total: Figures,
    /// The mapping's venues.
    pub venues: Venues,
    /// Women met by nationality, over all years.
    pub nationalities: Nationalities,
    /// Progress against the yearly targets, per year and measure (empty without targets).
    pub targets: Vec<TargetRow>,
    /// New contacts per month, from the first month with a visit to the last.
    pub contacts_per_month: Vec<MonthRow>,
    /// Codes of notes about the data (`visits_after_as_of`, `venues_after_as_of`).
    pub notes: Vec<String>,
    /// Options the report was computed with.
    pub options: OutreachOptions,
}

/// The activity figures of a period. Counts have no percentage (`percent` is `null`).
///
/// ```
/// use overgang::{outreach::Outreach, report::outreach::{compute, OutreachOptions}};
/// let o = Outreach::from_value(&serde_json::json!({"outreach_visits": [
///     {"date": "2024-03-01", "form": "street", "municipality": 101, "women_met": 9, "counselled": 6}]}))?;
/// let t = compute(&o, &OutreachOptions::default()).total;
/// assert_eq!((t.women_met.count, t.counselled.count, t.new_contacts.count), (Some(9), Some(6), Some(0)));
/// # Ok::<(), overgang::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// Visits and online sessions.
    pub visits: Cell,
    /// Distinct venues visited.
    pub venues_visited: Cell,
    /// Women met (a woman met on two visits counts twice: the counts are anonymous).
    pub women_met: Cell,
    /// New contacts.
    pub new_contacts: Cell,
    /// Women counselled.
    pub counselled: Cell,
    /// STI tests.
    pub sti_tests: Cell,
    /// Referrals to a health clinic.
    pub referred_to_clinic: Cell,
}

impl Figures {
    /// Each figure with its JSON key, in the report's order.
    pub fn named(&self) -> [(&'static str, Cell); 7] {
        [
            ("visits", self.visits),
            ("venues_visited", self.venues_visited),
            ("women_met", self.women_met),
            ("new_contacts", self.new_contacts),
            ("counselled", self.counselled),
            ("sti_tests", self.sti_tests),
            ("referred_to_clinic", self.referred_to_clinic),
        ]
    }
}

/// One year's figures: `{year, visits, venues_visited, ...}`.
///
/// ```
/// use overgang::{outreach::Outreach, report::outreach::{compute, OutreachOptions}};
/// let o = Outreach::from_value(&serde_json::json!({"outreach_visits": [
///     {"date": "2023-11-01", "form": "online", "women_met": 6, "new_contacts": 6},
///     {"date": "2024-01-05", "form": "online", "women_met": 8, "new_contacts": 7}]}))?;
/// let r = compute(&o, &OutreachOptions::default());
/// let years: Vec<(i32, Option<u64>)> = r.years.iter().map(|y| (y.year, y.figures.new_contacts.count)).collect();
/// assert_eq!(years, [(2023, Some(6)), (2024, Some(7))]);
/// assert_eq!(r.contacts_per_month.len(), 3); // 2023-11, 2023-12 (0), 2024-01
/// # Ok::<(), overgang::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearFigures {
    /// The calendar year.
    pub year: i32,
    /// Its figures.
    #[serde(flatten)]
    pub figures: Figures,
}

/// The mapping: venues first seen by the report date.
///
/// ```
/// use overgang::{outreach::Outreach, report::outreach::{compute, OutreachOptions}};
/// let venues: Vec<_> = (1..=6).map(|i| serde_json::json!({"id": format!("ODE-{i}"), "form": "clinic",
///     "municipality": 461, "first_seen": "2024-01-01"})).collect();
/// let o = Outreach::from_value(&serde_json::json!({"venues": venues}))?;
/// let mut options = OutreachOptions::default();
/// options.as_of = Some(overgang::dates::parse_date("as_of", "2024-03-01").unwrap());
/// let v = compute(&o, &options).venues;
/// assert_eq!(v.count.count, Some(6));
/// assert_eq!((v.active_by_region[2].key.as_str(), v.active_by_region[2].cell.count), ("syddanmark", Some(6)));
/// assert_eq!((v.by_visits[0].key.as_str(), v.by_visits[0].cell.percent), ("none", Some(100)));
/// # Ok::<(), overgang::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Venues {
    /// Venues in the mapping.
    pub count: Cell,
    /// Venues by how many visits they had: `none`, `one`, `several`.
    pub by_visits: Vec<KeyRow>,
    /// Venues by status: `active`, `no_longer_active` (see [`OutreachOptions::inactive_after_days`]).
    pub by_status: Vec<KeyRow>,
    /// Active venues by form (ids of [`OUTREACH_FORMS`]); percentages of active venues.
    pub active_by_form: Vec<KeyRow>,
    /// Active venues by region id, and `none` for online venues without a municipality.
    pub active_by_region: Vec<KeyRow>,
}

/// One row of a count table: `{key, count, percent, suppressed}` (see [`Venues`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyRow {
    /// The row's id.
    pub key: String,
    /// Count and percentage, or suppressed.
    #[serde(flatten)]
    pub cell: Cell,
}

/// Women met by nationality: the most frequent countries (each at least `min_cell`), the rest
/// grouped, and those whose nationality was not recorded; percentages of women met.
///
/// ```
/// use overgang::{outreach::Outreach, report::outreach::{compute, OutreachOptions}};
/// let o = Outreach::from_value(&serde_json::json!({"outreach_visits": [
///     {"date": "2024-03-01", "form": "online", "women_met": 20, "nationalities": {"TH": 9, "RO": 6, "NG": 3}}]}))?;
/// let n = compute(&o, &OutreachOptions::default()).nationalities;
/// let top: Vec<&str> = n.top.iter().map(|r| r.key.as_str()).collect();
/// assert_eq!(top, ["TH", "RO"]); // NG's 3 is grouped with the other countries
/// assert_eq!((n.other.count, n.not_recorded.count), (None, None)); // 3 and 2: hidden
/// # Ok::<(), overgang::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Nationalities {
    /// Countries by ISO 3166-1 alpha-2 code, most frequent first.
    pub top: Vec<KeyRow>,
    /// All other recorded nationalities together.
    pub other: Cell,
    /// Women met whose nationality was not recorded.
    pub not_recorded: Cell,
}

/// Progress against a yearly target.
///
/// ```
/// use overgang::{outreach::Outreach, report::outreach::{compute, OutreachOptions}};
/// let o = Outreach::from_value(&serde_json::json!({
///     "outreach_visits": [{"date": "2024-03-01", "form": "online", "women_met": 40, "new_contacts": 30}],
///     "outreach_targets": {"new_contacts": 150}}))?;
/// let t = &compute(&o, &OutreachOptions::default()).targets[0];
/// assert_eq!((t.year, t.target, t.achieved.count, t.percent_of_target), (2024, 150, Some(30), Some(20)));
/// # Ok::<(), overgang::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetRow {
    /// The calendar year.
    pub year: i32,
    /// `new_contacts` or `counselled`.
    pub measure: String,
    /// The yearly target.
    pub target: u64,
    /// What was achieved (the year's figure), or suppressed.
    pub achieved: Cell,
    /// Achieved as a percentage of the target, rounded half up; `null` when suppressed.
    pub percent_of_target: Option<u64>,
}

/// New contacts in one month (see [`YearFigures`] for an example).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthRow {
    /// `YYYY-MM`.
    pub month: String,
    /// New contacts, or suppressed.
    pub new_contacts: Cell,
}

/// The measures of [`Figures`], in order.
const MEASURES: [&str; 7] = [
    "visits",
    "venues_visited",
    "women_met",
    "new_contacts",
    "counselled",
    "sti_tests",
    "referred_to_clinic",
];

/// Computes the outreach report of validated outreach data.
///
/// ```
/// use overgang::outreach::Outreach;
/// use overgang::report::outreach::{compute, OutreachOptions};
/// let o = Outreach::from_value(&serde_json::json!({"outreach_visits": [
///     {"date": "2024-03-01", "form": "street", "municipality": 751, "women_met": 7, "new_contacts": 6}]}))?;
/// let r = compute(&o, &OutreachOptions::default());
/// assert_eq!(r.total.women_met.count, Some(7));
/// # Ok::<(), overgang::ValidationError>(())
/// ```
pub fn compute(o: &Outreach, options: &OutreachOptions) -> OutreachReport {
    let latest = o
        .visits
        .iter()
        .map(|v| v.date)
        .chain(
            o.venues
                .iter()
                .flat_map(|v| [Some(v.first_seen), v.last_seen])
                .flatten(),
        )
        .max();
    // With no data at all the date is only a label; the Unix epoch keeps it well-defined.
    let as_of = options
        .as_of
        .or(latest)
        .unwrap_or(Date::from_ordinal_date(1970, 1).unwrap_or(Date::MIN));
    let mut notes = Vec::new();
    let visits: Vec<_> = o.visits.iter().filter(|v| v.date <= as_of).collect();
    if visits.len() < o.visits.len() {
        notes.push("visits_after_as_of".to_string());
    }
    let venues: Vec<_> = o.venues.iter().filter(|v| v.first_seen <= as_of).collect();
    if venues.len() < o.venues.len() {
        notes.push("venues_after_as_of".to_string());
    }

    let mut l = Linked::default();

    // Figures per year and in all: for each measure, the years add up to the total.
    let years: BTreeSet<i32> = visits.iter().map(|v| v.date.year()).collect();
    let years: Vec<i32> = years.into_iter().collect();
    let measure = |m: usize, vs: &[&&OutreachVisit]| -> u64 {
        match m {
            0 => vs.len() as u64,
            1 => vs
                .iter()
                .filter_map(|v| v.venue.as_ref())
                .collect::<BTreeSet<_>>()
                .len() as u64,
            2 => vs.iter().map(|v| v.women_met).sum(),
            3 => vs.iter().map(|v| v.new_contacts).sum(),
            4 => vs.iter().map(|v| v.counselled).sum(),
            5 => vs.iter().map(|v| v.health.sti_tests).sum(),
            _ => vs.iter().map(|v| v.health.referred_to_clinic).sum(),
        }
    };
    let all: Vec<&&OutreachVisit> = visits.iter().collect();
    let total_ix: Vec<usize> = (0..MEASURES.len())
        .map(|m| l.figure(measure(m, &all)))
        .collect();
    let year_ix: Vec<Vec<usize>> = years
        .iter()
        .map(|&y| {
            let in_year: Vec<&&OutreachVisit> =
                visits.iter().filter(|v| v.date.year() == y).collect();
            (0..MEASURES.len())
                .map(|m| l.figure(measure(m, &in_year)))
                .collect()
        })
        .collect();
    for (m, &t) in total_ix.iter().enumerate() {
        l.table(year_ix.iter().map(|y| y[m]).collect(), t);
    }

    // New contacts per month; the months of a year add up to its new contacts.
    let months = month_range(&visits);
    let month_ix: Vec<usize> = months
        .iter()
        .map(|&(y, m)| {
            l.figure(
                visits
                    .iter()
                    .filter(|v| v.date.year() == y && u8::from(v.date.month()) == m)
                    .map(|v| v.new_contacts)
                    .sum(),
            )
        })
        .collect();
    for (yi, &y) in years.iter().enumerate() {
        let cells: Vec<usize> = months
            .iter()
            .zip(&month_ix)
            .filter(|((my, _), _)| *my == y)
            .map(|(_, &i)| i)
            .collect();
        l.table(cells, year_ix[yi][3]);
    }

    // The mapping.
    let mut visit_count: HashMap<&str, u64> = HashMap::new();
    let mut last_visit: HashMap<&str, Date> = HashMap::new();
    for v in &visits {
        if let Some(id) = &v.venue {
            *visit_count.entry(id.as_str()).or_default() += 1;
            let e = last_visit.entry(id.as_str()).or_insert(v.date);
            *e = (*e).max(v.date);
        }
    }
    let active = |v: &Venue| -> bool {
        let seen = [
            Some(v.first_seen),
            v.last_seen.map(|d| d.min(as_of)),
            last_visit.get(v.id.as_str()).copied(),
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(v.first_seen);
        (as_of - seen).whole_days() <= i64::from(options.inactive_after_days)
    };
    let venue_total = l.figure(venues.len() as u64);
    let by_visits_counts = [
        venues
            .iter()
            .filter(|v| !visit_count.contains_key(v.id.as_str()))
            .count(),
        venues
            .iter()
            .filter(|v| visit_count.get(v.id.as_str()) == Some(&1))
            .count(),
        venues
            .iter()
            .filter(|v| visit_count.get(v.id.as_str()).is_some_and(|&n| n > 1))
            .count(),
    ];
    let by_visits_ix: Vec<usize> = by_visits_counts
        .iter()
        .map(|&c| l.figure(c as u64))
        .collect();
    // Venues visited (in all years) are those with one visit or several, and the rest of the
    // mapping had none: two linked sums, so that "none" cannot be had from the mapping's count
    // minus the venues visited.
    l.table(vec![by_visits_ix[0], total_ix[1]], venue_total);
    l.table(vec![by_visits_ix[1], by_visits_ix[2]], total_ix[1]);
    let active_venues: Vec<_> = venues.iter().filter(|v| active(v)).collect();
    let active_ix = l.figure(active_venues.len() as u64);
    let inactive_ix = l.figure((venues.len() - active_venues.len()) as u64);
    l.table(vec![active_ix, inactive_ix], venue_total);
    let form_ix: Vec<usize> = OUTREACH_FORMS
        .iter()
        .map(|&f| l.figure(active_venues.iter().filter(|v| v.form == f).count() as u64))
        .collect();
    l.table(form_ix.clone(), active_ix);
    let region_of = |v: &Venue| v.municipality.map(|m| m.region());
    let regions: Vec<Option<Region>> = Region::ALL.iter().map(|&r| Some(r)).chain([None]).collect();
    let region_ix: Vec<usize> = regions
        .iter()
        .map(|&r| l.figure(active_venues.iter().filter(|v| region_of(v) == r).count() as u64))
        .collect();
    l.table(region_ix.clone(), active_ix);

    // Nationalities over all years; the rows add up to the women met in all.
    let mut by_country: BTreeMap<CountryCode, u64> = BTreeMap::new();
    for v in &visits {
        for (&c, &n) in &v.nationalities {
            *by_country.entry(c).or_default() += n;
        }
    }
    let mut ranked: Vec<(CountryCode, u64)> = by_country.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let floor = options.min_cell.max(1);
    let top: Vec<(CountryCode, u64)> = ranked
        .iter()
        .copied()
        .filter(|&(_, n)| n >= floor)
        .take(options.top_countries)
        .collect();
    let recorded: u64 = ranked.iter().map(|&(_, n)| n).sum();
    let top_sum: u64 = top.iter().map(|&(_, n)| n).sum();
    let top_ix: Vec<usize> = top.iter().map(|&(_, n)| l.figure(n)).collect();
    let other_ix = l.figure(recorded - top_sum);
    let women_all = measure(2, &all);
    let not_recorded_ix = l.figure(women_all.saturating_sub(recorded));
    let mut nat_cells = top_ix.clone();
    nat_cells.extend([other_ix, not_recorded_ix]);
    l.table(nat_cells, total_ix[2]);

    l.suppress(options.min_cell);

    let cell = |i: usize, n: Option<usize>| -> Cell {
        match l.shown(i) {
            None => Cell::SUPPRESSED,
            Some(c) => match n.and_then(|n| l.shown(n)) {
                Some(n) => Cell::shown(c, n),
                None => Cell::shown(c, 0),
            },
        }
    };
    let figures = |ix: &[usize]| Figures {
        visits: cell(ix[0], None),
        venues_visited: cell(ix[1], None),
        women_met: cell(ix[2], None),
        new_contacts: cell(ix[3], None),
        counselled: cell(ix[4], None),
        sti_tests: cell(ix[5], None),
        referred_to_clinic: cell(ix[6], None),
    };
    let rows = |keys: Vec<String>, ix: &[usize], n: usize| -> Vec<KeyRow> {
        keys.into_iter()
            .zip(ix)
            .map(|(key, &i)| KeyRow {
                key,
                cell: cell(i, Some(n)),
            })
            .collect()
    };

    let mut targets = Vec::new();
    if let Some(t) = o.targets {
        for (yi, &y) in years.iter().enumerate() {
            for (measure, m, target) in [
                ("new_contacts", 3, t.new_contacts),
                ("counselled", 4, t.counselled),
            ] {
                if let Some(target) = target {
                    let achieved = cell(year_ix[yi][m], None);
                    targets.push(TargetRow {
                        year: y,
                        measure: measure.to_string(),
                        target,
                        percent_of_target: achieved.count.and_then(|c| percent_half_up(c, target)),
                        achieved,
                    });
                }
            }
        }
    }

    OutreachReport {
        as_of,
        years: years
            .iter()
            .zip(&year_ix)
            .map(|(&year, ix)| YearFigures {
                year,
                figures: figures(ix),
            })
            .collect(),
        total: figures(&total_ix),
        venues: Venues {
            count: cell(venue_total, None),
            by_visits: rows(
                ["none", "one", "several"].map(String::from).to_vec(),
                &by_visits_ix,
                venue_total,
            ),
            by_status: rows(
                ["active", "no_longer_active"].map(String::from).to_vec(),
                &[active_ix, inactive_ix],
                venue_total,
            ),
            active_by_form: rows(
                OUTREACH_FORMS
                    .iter()
                    .map(|f| f.as_str().to_string())
                    .collect(),
                &form_ix,
                active_ix,
            ),
            active_by_region: rows(
                regions
                    .iter()
                    .map(|r| r.map_or("none", |r| r.as_str()).to_string())
                    .collect(),
                &region_ix,
                active_ix,
            ),
        },
        nationalities: Nationalities {
            top: rows(
                top.iter().map(|(c, _)| c.as_str().to_string()).collect(),
                &top_ix,
                total_ix[2],
            ),
            other: cell(other_ix, Some(total_ix[2])),
            not_recorded: cell(not_recorded_ix, Some(total_ix[2])),
        },
        targets,
        contacts_per_month: months
            .iter()
            .zip(&month_ix)
            .map(|(&(y, m), &i)| MonthRow {
                month: format!("{y:04}-{m:02}"),
                new_contacts: cell(i, None),
            })
            .collect(),
        notes,
        options: OutreachOptions {
            as_of: Some(as_of),
            ..options.clone()
        },
    }
}

/// Every month from the first visit's to the last visit's, as (year, month).
fn month_range(visits: &[&OutreachVisit]) -> Vec<(i32, u8)> {
    let key = |d: Date| d.year() * 12 + i32::from(u8::from(d.month())) - 1;
    let (Some(first), Some(last)) = (
        visits.iter().map(|v| key(v.date)).min(),
        visits.iter().map(|v| key(v.date)).max(),
    ) else {
        return Vec::new();
    };
    (first..=last)
        .map(|k| (k.div_euclid(12), (k.rem_euclid(12) + 1) as u8))
        .collect()
}
