//! Cohort reports: the exit-package report's tables (seed 001, sections 3-4), computed the same
//! way every time.

mod cells;
mod compute;
mod render;
pub mod waves;

pub use cells::{cells, percent_half_up, suppression_mask, total_is_suppressed, Cell};
pub use compute::{
    compute, AgeBandRow, Catalogue, CategoryRow, CountTable, CtiFacts, CtiSection, GenderRow,
    GseSection, GseWave, InterventionCountRow, Interventions, ParticipantCount, Participation,
    PhaseMonths, Report, ReportOptions, RiskZone, StatusRow, Subject, TenStepArea, TenStepSection,
    Who5Bands, Who5Section, Who5Wave, DAYS_PER_MONTH,
};
pub use render::{render, Format};
