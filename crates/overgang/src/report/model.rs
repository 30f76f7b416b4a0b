//! The report's output model: every table with its JSON keys (a public contract, documented in
//! `docs/report.md`), typed with the domain's closed sets.

use super::cells::Cell;
use super::options::ReportOptions;
use super::waves::PairedChange;
use crate::cti::{Phase, StatusGroup};
use crate::intervention::Category;
use crate::participant::{AgeBand, Gender};
use crate::ten_step::Area;
use serde::{Deserialize, Serialize};
use time::Date;

/// The cohort report. JSON keys are a public contract, documented in `docs/report.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Report {
    /// The project's name.
    pub project: String,
    /// The report date.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    #[serde(with = "crate::dates::iso_date")]
    pub as_of: Date,
    /// How many participants.
    pub participants: ParticipantCount,
    /// Age bands of those with a known age.
    pub age_bands: CountTable<AgeBandRow>,
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
    /// Outreach (venues, visits, anonymous contacts), when the cohort has any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub outreach: Option<super::outreach::OutreachReport>,
    /// Options the report was computed with.
    pub options: ReportOptions,
    /// Rows of the input left out because they had problems (CSV read with
    /// `on_error = "drop"`); absent when nothing could be left out (the default, strict).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub excluded: Option<Excluded>,
}

/// What was left out of a report's input ([`crate::cohort::csv::OnError::Drop`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    /// One bin of citizens by number of interventions: `{interventions: "0".."4+", count, percent}`.
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
    pub excluded_short: u64,
    /// Mean months (days / 30.4375), unrounded; `None` when `n` is 0.
    pub mean_months: Option<f64>,
}

/// Interventions received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Interventions {
    /// Citizens per category (a citizen counts once per category).
    pub by_category: Vec<CategoryRow>,
    /// Citizens by number of distinct categories received (`0`, `1`, ..., `4+`).
    pub by_count: Vec<InterventionCountRow>,
    /// Citizens referred to anti-trafficking services.
    pub anti_trafficking_referrals: Cell,
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
    /// Share in the risk zone (index 50 or below) at each participant's first and latest
    /// measurement, over those with at least two.
    pub risk_zone: RiskZone,
    /// Questionnaires left out because they cannot be scored (a missing answer).
    pub unscored: u64,
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
    /// Questionnaires left out because they cannot be scored (more than three missing).
    pub unscored: u64,
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
    /// The target share with positive development (75 for the four target areas of seed 003).
    pub target_percent: Option<u64>,
    /// Whether the target is met (`None` without a target, no data, or a suppressed cell).
    pub meets_target: Option<bool>,
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
