//! The report's tables, computed from plain per-participant facts ([`Subject`]), one file per
//! section. The cohort layer turns validated participants into subjects (scores already
//! computed by the instrument modules), so these modules hold only the counting rules of the
//! exit-package report.

mod cti;
mod cti_results;
mod differencing;
pub use differencing::RECENT_DAYS;
mod interventions;
mod measures;
mod people;
mod registrations;
mod targets;
mod ten_step;

use super::cells::{cells, total_is_suppressed, Cell};
use super::model::{ParticipantCount, Report};
use super::options::ReportOptions;
use crate::cti::{Phase, StatusGroup};
use crate::intervention::Category;
use crate::municipality::MunicipalityCode;
use crate::outcomes::LifeArea;
use crate::participant::{AgeBand, Gender};
use crate::ten_step::Area;
use std::sync::atomic::{AtomicBool, Ordering};
use time::Date;

/// What the report needs to know of one participant.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Subject {
    /// Gender, if known.
    pub gender: Option<Gender>,
    /// Age band, if known.
    pub age_band: Option<AgeBand>,
    /// Age in years at start, if recorded (not only a band).
    pub age: Option<u8>,
    /// Start of participation (`None` only for defaulted values; real subjects have one).
    pub start: Option<Date>,
    /// End of participation, if ended.
    pub end: Option<Date>,
    /// Participation periods (start, end) when the citizen returned; empty: `start`-`end` is
    /// the one period.
    pub periods: Vec<(Date, Option<Date>)>,
    /// What the citizen got help with (ten-step areas).
    pub challenges: Vec<Area>,
    /// Municipality of residence, if registered.
    pub municipality: Option<MunicipalityCode>,
    /// Distinct intervention categories received.
    pub interventions: Vec<Category>,
    /// Referred to anti-trafficking services.
    pub anti_trafficking_referral: bool,
    /// Referred to other services.
    pub referred_to_other_services: bool,
    /// The programme followed, if recorded.
    pub programme: Option<String>,
    /// WHO-5 indices with their dates (answers dated before the report date; those outside
    /// participation are counted out by the report).
    pub who5: Vec<(Date, u8)>,
    /// WHO-5 questionnaires that cannot be scored (a missing answer).
    pub who5_unscored: u64,
    /// GSE questionnaires that cannot be scored (more than three missing).
    pub gse_unscored: u64,
    /// GSE scores with their dates.
    pub gse: Vec<(Date, f64)>,
    /// Ten-step ratings: area, date, step.
    pub ten_step: Vec<(Area, Date, u8)>,
    /// The CTI course, if any (boxed: few participants have one, and a large report keeps a
    /// subject for every participant).
    pub cti: Option<Box<CtiFacts>>,
}

impl Subject {
    /// Drops what no table reads (of each area's ten-step ratings, all but the first and the
    /// latest), so that a report on a large cohort keeps less; the report is the same.
    ///
    /// ```
    /// use overgang::report::Subject;
    /// use overgang::ten_step::Area;
    /// use time::macros::date;
    /// let mut s = Subject {
    ///     ten_step: vec![
    ///         (Area::Economy, date!(2024 - 01 - 01), 3),
    ///         (Area::Economy, date!(2024 - 02 - 01), 4),
    ///         (Area::Economy, date!(2024 - 03 - 01), 6),
    ///     ],
    ///     ..Default::default()
    /// };
    /// s.compact();
    /// assert_eq!(s.ten_step.len(), 2);
    /// ```
    pub fn compact(&mut self) {
        ten_step::keep_first_and_latest(&mut self.ten_step);
    }
}

/// What the report needs to know of one CTI course.
#[derive(Debug, Clone, PartialEq)]
pub struct CtiFacts {
    /// The report's status group (`not_started` included; `None` only for defaulted values).
    pub status: Option<StatusGroup>,
    /// Months spent in each phase reached.
    pub months_per_phase: Vec<(Phase, f64)>,
    /// The course's first day (its first recorded phase), if it has started by the report date.
    pub start: Option<Date>,
    /// The course's last day, if it has ended by the report date.
    pub end: Option<Date>,
    /// The participant's sold-sex-in-the-last-month answers (date, yes/no) up to the report date.
    pub sold_sex_last_month: Vec<(Date, bool)>,
    /// The participant's life-situation readings up to the report date: date and the rating
    /// (1-10) of each area read.
    pub life_situation: Vec<(Date, Vec<(LifeArea, u8)>)>,
}

/// Rows of a partition table (each participant in at most one row), suppressed as a whole when
/// its total is itself a small count.
fn table<K: Clone, R: From<(K, Cell)>>(
    keys: &[K],
    counts: &[u64],
    n: u64,
    min_cell: u64,
) -> Vec<R> {
    let mut cs = cells(counts, n, min_cell);
    if total_is_suppressed(n, min_cell) {
        cs.iter_mut().for_each(|c| *c = Cell::SUPPRESSED);
    }
    keys.iter()
        .zip(cs)
        .map(|(k, cell)| R::from((k.clone(), cell)))
        .collect()
}

/// One count out of `n`, hidden with its total when the total is itself small.
fn share(count: u64, n: u64, min_cell: u64) -> Cell {
    if total_is_suppressed(n, min_cell) {
        Cell::SUPPRESSED
    } else {
        cells(&[count], n, min_cell)[0]
    }
}

/// Computes the report. `as_of` must already be resolved (see [`ReportOptions::as_of`]), and
/// `options.offered` too (the cohort's catalogue, checked against the data by the caller).
pub fn compute(
    project: &str,
    subjects: &[Subject],
    as_of: Date,
    options: &ReportOptions,
) -> Report {
    let mut report = tables(project, subjects, as_of, options);
    super::disclosure::protect(&mut report);
    report
}

/// The tables before the whole-report protection. WHO-5's section (the largest part of the
/// work on a large cohort) is computed on a second thread when there is a core for it, the
/// others meanwhile; GSE's by whichever thread is free first.
fn tables(project: &str, subjects: &[Subject], as_of: Date, options: &ReportOptions) -> Report {
    let measures = || {
        (
            measures::who5(subjects, options),
            measures::gse(subjects, options),
        )
    };
    if crate::threads::helpers() == 0 || subjects.len() < PARALLEL_FROM {
        return tables_with(project, subjects, as_of, options, measures);
    }
    let gse_taken = AtomicBool::new(false);
    let gse_if_free = || {
        let free = !gse_taken.swap(true, Ordering::Relaxed);
        free.then(|| measures::gse(subjects, options))
    };
    std::thread::scope(|scope| {
        let other = scope.spawn(|| (measures::who5(subjects, options), gse_if_free()));
        tables_with(project, subjects, as_of, options, || {
            let here = gse_if_free();
            // The other thread cannot panic (no indexing or unwrap in the core); were it to
            // fail, its sections are computed here.
            let (who5, there) = other
                .join()
                .unwrap_or_else(|_| (measures::who5(subjects, options), None));
            let gse = here
                .or(there)
                .unwrap_or_else(|| measures::gse(subjects, options));
            (who5, gse)
        })
    })
}

/// Subjects from which the report's sections are computed on two threads.
const PARALLEL_FROM: usize = 20_000;

/// The tables, the questionnaire sections taken from `measures` last (on two threads, they
/// are being computed meanwhile).
fn tables_with(
    project: &str,
    subjects: &[Subject],
    as_of: Date,
    options: &ReportOptions,
    measures: impl FnOnce() -> (
        crate::report::model::Who5Section,
        crate::report::model::GseSection,
    ),
) -> Report {
    let min_cell = options.min_cell;
    let age_bands = people::age_bands(subjects, min_cell);
    let gender = people::genders(subjects, min_cell);
    let participation = registrations::with_returning(
        people::participation(subjects, as_of),
        subjects,
        as_of,
        min_cell,
    );
    let interventions = interventions::section(subjects, options);
    let ten_step = ten_step::section(subjects, min_cell);
    let cti = cti::section(subjects, min_cell);
    let challenges = registrations::challenges(subjects, min_cell);
    let municipalities = options
        .by_municipality
        .then(|| registrations::municipalities(subjects, min_cell));
    let targets = options
        .target
        .as_ref()
        .map(|t| targets::section(subjects, t, min_cell));
    let notes = differencing::notes(subjects, as_of, options);
    let (who5, gse) = measures();
    Report {
        schema_version: crate::limits::SCHEMA_VERSION,
        project: project.to_string(),
        as_of,
        participants: ParticipantCount {
            count: subjects.len() as u64,
        },
        age_bands,
        gender,
        participation,
        interventions,
        who5,
        gse,
        ten_step,
        cti,
        challenges,
        municipalities,
        targets,
        outreach: None,
        protection: Default::default(),
        notes,
        options: options.clone(),
        excluded: None,
    }
}

#[cfg(test)]
mod tests {
    use crate::intervention::Category;
    use crate::ten_step::Area;

    /// The sections count by a member's `index()`: its place in `ALL`.
    #[test]
    fn each_members_index_is_its_place_in_all() {
        for (i, c) in Category::ALL.iter().enumerate() {
            assert_eq!(c.index(), i, "{c:?}");
        }
        for (i, a) in Area::ALL.iter().enumerate() {
            assert_eq!(a.index(), i, "{a:?}");
        }
    }
}
