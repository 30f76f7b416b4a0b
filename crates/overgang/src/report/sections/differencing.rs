//! Differencing warnings: what one report can tell about the reports it could be compared
//! with. Two reports over nested cohorts (an `--as-of` a few days apart, `--intervention-bins`
//! 2 against 3) can be subtracted, and no suppression within one report can prevent that
//! (docs/security.md, threat model). The report knows its own date and bins, so it says when a
//! neighbouring choice would differ by 1 to `min_cell - 1` people: someone's data changed in
//! the days just before the report date, or a bin edge has a few people next to it. The note
//! never says how many (that number is the small count itself).

use super::Subject;
use crate::language::Language;
use crate::report::model::Note;
use crate::report::options::ReportOptions;
use time::{Date, Duration};

/// Days before the report date in which a start, an end, a questionnaire or a rating counts
/// as recent: a report dated up to this many days earlier would leave it out.
pub const RECENT_DAYS: i64 = 14;

/// The notes of one report (empty when suppression is off: nothing is promised).
pub(super) fn notes(subjects: &[Subject], as_of: Date, options: &ReportOptions) -> Vec<Note> {
    let min_cell = options.min_cell;
    if min_cell <= 1 {
        return Vec::new();
    }
    let small = |v: usize| (1..min_cell).contains(&(v as u64));
    let mut notes = Vec::new();
    if small(recently_changed(subjects, as_of)) {
        notes.push(note("as_of_near_few"));
    }
    if small(near_bin_edges(subjects, options)) {
        notes.push(note("bins_near_few"));
    }
    notes
}

/// People with a start, end, questionnaire, rating or course date in the last
/// [`RECENT_DAYS`] days up to the report date.
fn recently_changed(subjects: &[Subject], as_of: Date) -> usize {
    let from = as_of - Duration::days(RECENT_DAYS - 1);
    let recent = |d: &Date| (from..=as_of).contains(d);
    subjects
        .iter()
        .filter(|s| {
            let cti = s.cti.as_deref();
            s.start.iter().chain(s.end.iter()).any(recent)
                || s.periods
                    .iter()
                    .any(|(a, b)| recent(a) || b.as_ref().is_some_and(recent))
                || s.who5.iter().any(|(d, _)| recent(d))
                || s.gse.iter().any(|(d, _)| recent(d))
                || s.ten_step.iter().any(|(_, d, _)| recent(d))
                || cti.is_some_and(|c| c.start.iter().chain(c.end.iter()).any(recent))
        })
        .count()
}

/// The smallest non-zero number of people that moving one edge of the intervention bins by
/// one would move to another bin (0 when none would): those with exactly the edge's number of
/// categories or one fewer, and those above the top edge (a split of the top bin).
fn near_bin_edges(subjects: &[Subject], options: &ReportOptions) -> usize {
    let received: Vec<usize> = subjects
        .iter()
        .map(|s| {
            s.interventions
                .iter()
                .filter(|c| !options.bins_exclude.contains(c))
                .count()
        })
        .collect();
    let with = |k: usize| received.iter().filter(|&&r| r == k).count();
    let edges = options.intervention_bins.edges();
    let mut sizes: Vec<usize> = Vec::new();
    for &e in edges.iter().filter(|&&e| e > 0) {
        sizes.push(with(e));
        sizes.push(with(e - 1));
    }
    if let Some(&top) = edges.last() {
        sizes.push(received.iter().filter(|&&r| r > top).count());
    }
    sizes.into_iter().filter(|&n| n > 0).min().unwrap_or(0)
}

fn note(code: &str) -> Note {
    let (da, en) = match code {
        "as_of_near_few" => (
            "Få personers data ændrede sig i dagene op til rapportdatoen (start, afslutning, \
             spørgeskema eller vurdering). En rapport over de samme data med en lidt tidligere \
             dato kan trækkes fra denne og afsløre dem: udgiv kun én rapport pr. periode.",
            "The data of a few people changed in the days before the report date (a start, an \
             end, a questionnaire or a rating). A report over the same data dated a little \
             earlier could be subtracted from this one and disclose them: publish one report \
             per period.",
        ),
        _ => (
            "Få personer ligger ved en grænse i inddelingen efter antal indsatser. En rapport \
             med en anden inddeling kan trækkes fra denne og afsløre dem: udgiv kun én \
             inddeling.",
            "A few people are next to an edge of the bins by number of interventions. A report \
             with other bins could be subtracted from this one and disclose them: publish one \
             set of bins.",
        ),
    };
    Note {
        code: code.to_string(),
        da: da.to_string(),
        en: en.to_string(),
    }
}

impl Note {
    /// The note's text in `lang`.
    ///
    /// ```
    /// use overgang::{report::Note, Language};
    /// let r = overgang::cohort::Cohort::sample().report(&Default::default())?;
    /// for n in &r.notes {
    ///     assert!(!n.text(Language::En).is_empty());
    /// }
    /// # Ok::<(), overgang::ValidationError>(())
    /// ```
    pub fn text(&self, lang: Language) -> &str {
        match lang {
            Language::Da => &self.da,
            Language::En => &self.en,
        }
    }
}
