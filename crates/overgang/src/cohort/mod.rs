//! Cohort documents: a project's participants with their questionnaires, assessments and
//! courses, read from JSON or CSV, validated as a whole, and reported on.
//!
//! ```json
//! {"project": "Exit Aarhus", "as_of": "2023-12-31", "participants": [
//!   {"id": "AAR-0001", "gender": "woman", "age": 34, "start": "2022-03-01",
//!    "interventions": [{"category": "counselling"}],
//!    "who5": [{"date": "2022-03-01", "items": [2, 1, 2, 2, 1]}],
//!    "gse": [], "ten_step": [{"date": "2022-03-08", "ratings": {"economy": 3}}]}]}
//! ```
//!
//! The registration keys of a participant are those of [`crate::participant`]; the cohort adds
//! `who5`, `gse` (lists of [`Measurement`]), `ten_step` (assessments), `outcomes`
//! (life-situation readings) and `cti` (a recorded course). The JSON Schema is
//! `docs/schema/cohort.schema.json`.

pub mod csv;
mod csv_json;
pub mod csv_stream;
mod facts;
mod fast;
#[cfg(feature = "spreadsheet")]
mod files;
mod measurement;
mod members;
mod model;
mod record;
mod row_de;
pub mod sheet;
#[cfg(feature = "spreadsheet")]
mod sheet_book;
#[cfg(feature = "spreadsheet")]
mod sheet_cells;
#[cfg(feature = "spreadsheet")]
mod sheet_layout;
#[cfg(feature = "spreadsheet")]
mod sheet_rows;
#[cfg(feature = "spreadsheet")]
pub mod sheet_stream;
#[cfg(feature = "spreadsheet")]
mod sheet_xml;

pub use measurement::Measurement;
pub use model::{compare, Cohort, ReadProgress};
pub use record::ParticipantRecord;
