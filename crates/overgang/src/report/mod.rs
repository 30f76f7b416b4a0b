//! Cohort reports: the exit-package report's tables (seed 001, sections 3-4), computed the same
//! way every time.

mod cells;
pub mod waves;

pub use cells::{cells, percent_half_up, suppression_mask, total_is_suppressed, Cell};
