//! The report's output model: every table with its JSON keys (a public contract, documented in
//! `docs/report.md`), typed with the domain's closed sets.

use super::cells::Cell;
use super::options::{ReportOptions, TargetMeasure};
use super::waves::PairedChange;
use crate::cti::{Phase, StatusGroup};
use crate::intervention::Category;
use crate::participant::{AgeBand, Gender};
use crate::ten_step::Area;
use crate::who5::{Direction, Who5Band};
use serde::{Deserialize, Serialize};
use time::Date;

/// The cohort report. JSON keys are a public contract, documented in `docs/report.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Report {
    /// The version of the report format ([`crate::limits::SCHEMA_VERSION`]).
    #[serde(default = "schema_version")]
    pub schema_version: u64,
    /// The project's name.
    pub project: String,
    /// The report date.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    #[serde(with = "crate::dates::iso_date")]
    pub as_of: Date,
    /// How many participants.
    pub participants: ParticipantCount,
    /// Age bands of those with a known age, and their mean age.
    pub age_bands: AgeTable,
    /// Gender of those with a known gender.
    pub gender: CountTable<GenderRow>,
    /// Mean months of participation.
    pub participation: Participation,
    /// Interventions received.
    pub interventions: Interventions,
    /// WHO-5 waves and paired change.
    pub who5: Who5Section,
    /// GSE waves and paired change.
    pub gse: GseSection,
    /// Ten-step development per area.
    pub ten_step: TenStepSection,
    /// CTI courses by status.
    pub cti: CtiSection,
    /// Citizens per challenge they got help with, when the cohort records any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenges: Option<CountTable<ChallengeRow>>,
    /// Citizens per municipality of residence, when asked (`by_municipality`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipalities: Option<CountTable<MunicipalityRow>>,
    /// Targets of positive development; `None` unless the `target` option is given.
    pub targets: Option<Vec<TargetRow>>,
    /// What was withheld to protect individuals, beyond small counts (figures and reasons).
    pub protection: Protection,
    /// Outreach (venues, visits, anonymous contacts), when the cohort has any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub outreach: Option<super::outreach::OutreachReport>,
    /// Options the report was computed with.
    pub options: ReportOptions,
    /// Warnings about reports this one could be compared with (differencing: an `as_of` a
    /// few days apart or other bins would differ by a few people); empty when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// Rows of the input left out because they had problems (CSV read with
    /// `on_error = "drop"`); absent when nothing could be left out (the default, strict).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excluded: Option<Excluded>,
}

/// A warning in a report's notes: a code (`as_of_near_few`, `bins_near_few`) and its text in
/// Danish and English, from the core. It never says how many people (that is the small count).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Note {
    /// The note's code.
    pub code: String,
    /// The text in Danish.
    pub da: String,
    /// The text in English.
    pub en: String,
}

/// What was left out of a report's input ([`crate::cohort::csv::OnError::Drop`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Excluded {
    /// Rows left out in all (rows with a problem and the rows of their participants).
    pub rows: u64,
    /// Participants left out (their own row had a problem).
    pub participants: u64,
    /// Rows of long files (questionnaires, assessments, interventions) left out only because
    /// their participant was.
    pub with_participant: u64,
    /// Rows with a problem, per error code (a row with problems of two codes counts in both).
    pub by_code: std::collections::BTreeMap<String, u64>,
}

fn schema_version() -> u64 {
    crate::limits::SCHEMA_VERSION
}

impl Report {
    /// Reads a report back from its JSON (for the auditor); the text is never echoed.
    ///
    /// ```
    /// let r = overgang::cohort::Cohort::sample().report(&Default::default())?;
    /// let back = overgang::report::Report::from_value(&serde_json::to_value(&r).unwrap())?;
    /// assert_eq!(back, r);
    /// # Ok::<(), overgang::ValidationError>(())
    /// ```
    ///
    /// # Errors
    /// `invalid_format` when the value is not a report of this version.
    pub fn from_value(value: &serde_json::Value) -> Result<Report, crate::error::ValidationError> {
        serde_json::from_value(value.clone()).map_err(|_| {
            crate::error::ValidationError::single(
                "",
                crate::error::ErrorCode::InvalidFormat,
                "not a report of this version (write one with `overgang report --format json`)",
            )
        })
    }
}

/// `{count}` of participants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ParticipantCount {
    /// Participants in the report.
    pub count: u64,
}

/// A table of counts out of `n` (those with a known value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CountTable<R> {
    /// Participants with a known value.
    pub n: u64,
    /// One row per category, in catalogue order.
    pub rows: Vec<R>,
}

/// Age bands, as [`CountTable`], with the mean age (seed 001 Table 1, line 86).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AgeTable {
    /// Participants with a known age band.
    pub n: u64,
    /// One row per band, in catalogue order.
    pub rows: Vec<AgeBandRow>,
    /// Mean age in years over those with a recorded age (seed 001 line 335), unrounded;
    /// `None` when no age is recorded. Participants with only a band do not count in it.
    pub mean_age: Option<f64>,
}

macro_rules! count_row {
    ($(#[$doc:meta])* $name:ident, $key:ident: $id:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub struct $name {
            /// The category.
            pub $key: $id,
            /// Count and percentage, or suppressed.
            #[serde(flatten)]
            pub cell: Cell,
        }

        impl From<($id, Cell)> for $name {
            fn from(($key, cell): ($id, Cell)) -> Self {
                $name { $key, cell }
            }
        }
    };
}

count_row!(
    /// One age band: `{band, count, percent}`.
    AgeBandRow, band: AgeBand
);
count_row!(
    /// One gender: `{gender, count, percent}`.
    GenderRow, gender: Gender
);
count_row!(
    /// One intervention category: `{category, count, percent}` (percent of all participants).
    CategoryRow, category: Category
);
count_row!(
    /// One bin of citizens by number of interventions: `{interventions: "0", "2-3", "4+", count, percent}`.
    InterventionCountRow, interventions: String
);
count_row!(
    /// One CTI status: `{status, count, percent}`.
    StatusRow, status: StatusGroup
);

/// Mean participation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Participation {
    /// Participations counted (one day or longer).
    pub n: u64,
    /// Participations shorter than one day, left out (the report's rule).
    /// `None` when it is 1 to `min_cell - 1` (hidden, like any small count).
    pub excluded_short: Option<u64>,
    /// Mean months (days / 30.4375), unrounded; `None` when `n` is 0.
    pub mean_months: Option<f64>,
    /// Citizens with more than one participation period (returns), of all participants;
    /// present when the cohort records `participations`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returning: Option<Cell>,
}

/// Interventions received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Interventions {
    /// Citizens per category (a citizen counts once per category): the offered categories,
    /// or those that occur in the data, in catalogue order.
    pub by_category: Vec<CategoryRow>,
    /// Citizens by number of distinct categories received, not counting `bins_exclude`
    /// (`0`, `1`, ..., `4+` by default).
    pub by_count: Vec<InterventionCountRow>,
    /// Citizens referred to anti-trafficking services (a registration of its own, never an
    /// intervention: seed 001 lines 1349-1353).
    pub anti_trafficking_referrals: Cell,
    /// Citizens referred to other services ("visiteres til øvrige tilbud/indsatser").
    pub other_referrals: Cell,
}

/// One WHO-5 wave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Who5Wave {
    /// Wave number, from 1.
    pub wave: usize,
    /// Participants who answered it.
    pub n: u64,
    /// Their mean index, unrounded.
    pub mean_index: f64,
    /// The band of the mean rounded half up to a whole point (seed 001 lines 378-382 band
    /// group means; the rounding is an assumption).
    pub mean_band: Who5Band,
    /// Share in each band.
    pub bands: Who5Bands,
}

/// Counts per WHO-5 band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Who5Bands {
    /// Index 0-35.
    pub high_risk: Cell,
    /// Index 36-50.
    pub risk: Cell,
    /// Index 51-100.
    pub no_immediate_risk: Cell,
}

/// WHO-5 section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Who5Section {
    /// Waves answered by at least `min_wave` participants.
    pub waves: Vec<Who5Wave>,
    /// Change from wave 1 to each later shown wave, over paired respondents.
    pub paired: Vec<PairedChange>,
    /// The seed's own comparison: wave 1's mean over all its respondents beside each later
    /// shown wave's mean over its respondents (not paired).
    pub from_first_wave: Vec<FromFirstWave>,
    /// Share in the risk zone (index 50 or below) at each participant's first and latest
    /// measurement, over those with at least two.
    pub risk_zone: RiskZone,
    /// Questionnaires left out of the waves, by reason.
    pub left_out: LeftOut,
}

/// Wave 1 over all its respondents beside a later wave over all of its respondents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FromFirstWave {
    /// The later wave (1-based).
    pub to_wave: usize,
    /// Respondents of wave 1.
    pub n_from: u64,
    /// Their mean.
    pub mean_from: f64,
    /// Respondents of the later wave.
    pub n_to: u64,
    /// Their mean.
    pub mean_to: f64,
    /// `mean_to - mean_from`.
    pub change: f64,
    /// Improved, worsened or unchanged by the clinically significant amount (10 points).
    pub direction: Direction,
    /// A rise of 10 points or more.
    pub significant_improvement: bool,
}

/// Questionnaires left out of the waves, never dropped silently. Each count is `None` when it
/// is 1 to `min_cell - 1` (hidden, like any small count).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LeftOut {
    /// Cannot be scored (missing items beyond the instrument's rule).
    pub unscorable: Option<u64>,
    /// Dated before the participant's start or after their end.
    pub outside_participation: Option<u64>,
    /// Skipped (sooner than the minimum gap) or cut (after a gap longer than the maximum).
    pub spacing: Option<u64>,
}

/// Risk-zone shares at first and latest measurement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RiskZone {
    /// Participants with two or more measurements.
    pub n: u64,
    /// In the risk zone at their first measurement.
    pub first: Cell,
    /// In the risk zone at their latest measurement.
    pub latest: Cell,
}

/// One GSE wave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GseWave {
    /// Wave number, from 1.
    pub wave: usize,
    /// Participants who answered it.
    pub n: u64,
    /// Their mean score (10-40), unrounded.
    pub mean_score: f64,
}

/// GSE section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GseSection {
    /// Waves answered by at least `min_wave` participants.
    pub waves: Vec<GseWave>,
    /// Change from wave 1 to each later shown wave, over paired respondents.
    pub paired: Vec<PairedChange>,
    /// Questionnaires left out of the waves, by reason.
    pub left_out: LeftOut,
}

/// Ten-step development per area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TenStepSection {
    /// One row per area, in catalogue order.
    pub areas: Vec<TenStepArea>,
}

/// Positive development in one area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TenStepArea {
    /// The area.
    pub area: Area,
    /// Participants with two or more ratings of the area.
    pub n: u64,
    /// Those whose latest rating is higher than their first.
    pub positive: Cell,
}

/// One target: how many in the programmes show positive development on a measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TargetRow {
    /// `ten_step:<area>`, `who5` or `gse`.
    pub measure: TargetMeasure,
    /// Participants in the programmes (everyone without programmes).
    pub in_scope: u64,
    /// Those of them with two or more ratings or scored answers.
    pub assessed: u64,
    /// Those whose latest value is higher than their first (`None` when suppressed).
    pub positive: Option<u64>,
    /// `positive` as a share of `assessed`, whole percent (`None` when suppressed or 0 assessed).
    pub percent_of_assessed: Option<u64>,
    /// `positive` as a share of `in_scope`, whole percent (`None` when suppressed or 0 in scope).
    pub percent_of_in_scope: Option<u64>,
    /// The target share.
    pub target_percent: u64,
    /// Whether `positive / in_scope` reaches the target (exactly, not on the rounded percent),
    /// so drop-outs count against it; `None` when suppressed or no one is in scope.
    pub met: Option<bool>,
    /// Whether `positive` is hidden to protect small groups.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suppressed: bool,
}

/// CTI courses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CtiSection {
    /// Courses in the report.
    pub courses: u64,
    /// Courses by status: `running_<phase>`, `completed`, `interrupted`.
    pub by_status: Vec<StatusRow>,
    /// Mean months spent per phase, over courses that reached it.
    pub mean_months_per_phase: Vec<PhaseMonths>,
    /// A course's results (seed 004 lines 103-111), over courses that have started.
    pub results: CtiResults,
}

/// A course's results as seed 004 reports them (lines 103-111).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CtiResults {
    /// WHO-5 index 50 or below at the measurement nearest the course's start and its end.
    pub risk_zone: StartEnd,
    /// Sold sex in the last month, at the registration nearest the course's start and its end.
    pub sold_sex_last_month: StartEnd,
    /// Completed courses with moderate or large progression across life-situation areas.
    pub progression: Progression,
}

count_row!(
    /// One challenge a citizen got help with: `{area, count, percent}`.
    ChallengeRow, area: Area
);

/// One municipality of residence: `{municipality, count, percent}` (the three-digit code; its
/// name is in the catalogue, kind `municipalities`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MunicipalityRow {
    /// The municipality's code.
    #[cfg_attr(feature = "schema", schemars(with = "u16"))]
    pub municipality: crate::municipality::MunicipalityCode,
    /// Count and percentage, or suppressed.
    #[serde(flatten)]
    pub cell: Cell,
}

impl From<(crate::municipality::MunicipalityCode, Cell)> for MunicipalityRow {
    fn from((municipality, cell): (crate::municipality::MunicipalityCode, Cell)) -> Self {
        MunicipalityRow { municipality, cell }
    }
}

/// A share at a course's start and at its end, over the courses with both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StartEnd {
    /// Courses with a value near both the start and the end.
    pub n: u64,
    /// Count and share at the start.
    pub start: Cell,
    /// Count and share at the end.
    pub end: Cell,
}

/// Progression across life-situation areas over completed courses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Progression {
    /// Completed courses with a reading near both the start and the end sharing an area.
    pub n: u64,
    /// Those whose mean distance travelled is moderate or large (+2 or more).
    pub moderate_or_large: Cell,
}

/// Mean months in one phase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PhaseMonths {
    /// The phase.
    pub phase: Phase,
    /// Courses that reached the phase.
    pub n: u64,
    /// Their mean months in it, unrounded.
    pub mean_months: Option<f64>,
}

/// What the report withheld so that no hidden count and no single person's value can be worked
/// out from its other figures (see [`super::audit()`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Protection {
    /// Each withheld figure (`who5.paired[3]`, `ten_step.economy.positive`) with the reason's
    /// code: `complement` (the rest of a count is small), `linked` (other figures would give
    /// it away), `mean_difference` (a mean beside one over a set that differs by a few
    /// people), `small_mean` (a mean over fewer than `min_cell` people).
    pub withheld: Vec<Withheld>,
}

/// One withheld figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Withheld {
    /// The figure.
    pub figure: String,
    /// Why.
    pub reason: String,
}
