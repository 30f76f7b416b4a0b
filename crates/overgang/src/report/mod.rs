//! Cohort reports: the exit-package report's tables (seed 001, sections 3-4), computed the same
//! way every time.
//!
//! - [`options`]: what a report and its rendering can be asked for, read in one place;
//! - `sections`: the counting rules, one file per section, from per-participant [`Subject`]s;
//! - [`model`]: the output, whose JSON keys are a public contract;
//! - `render`: Markdown, HTML, CSV and JSON.

pub mod audit;
mod cells;
pub mod compare;
mod disclosure;
pub mod model;
pub mod options;
pub mod outreach;
mod render;
mod sections;
pub mod waves;

pub use audit::{audit, Finding};
pub use cells::{cells, suppression_mask, total_is_suppressed, Cell};
pub use compare::{compare_reports, render_comparison, Comparison, FirstWave, ProjectColumn};
pub use model::*;
pub use options::{
    options_json, read_options, Format, InterventionBins, RenderOptions, ReportOptions,
    TargetMeasure, TargetOptions, WaveGap,
};
pub use render::{figures, render, tables, Block, Figure, Tables};
pub use sections::{compute, CtiFacts, Subject, RECENT_DAYS};
