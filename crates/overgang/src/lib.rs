//! # overgang
//!
//! The one validated implementation of the rules used to document social work that helps people
//! exit prostitution in Denmark: questionnaire scoring (WHO-5, General Self-Efficacy Scale), and,
//! as the library grows, the ten-step scale, CTI courses, participant registration and cohort
//! reports like the ministry's.
//!
//! The crate is pure: no I/O, no FFI. The Python and WebAssembly bindings only convert types,
//! call this crate and map its [`ValidationError`].
//!
//! ```
//! let s = overgang::who5::score(&[Some(3), Some(4), Some(2), Some(3), Some(4)])?;
//! assert_eq!(s.index, 64);
//! assert_eq!(s.band.as_str(), "no_immediate_risk");
//! # Ok::<(), overgang::ValidationError>(())
//! ```
//!
//! Errors list every problem at once, each with a field, a stable code and a message:
//!
//! ```
//! let err = overgang::gse::score(&[Some(0); 10]).unwrap_err();
//! assert_eq!(err.errors().len(), 10);
//! assert_eq!(err.errors()[0].code.as_str(), "out_of_range");
//! assert_eq!(err.errors()[0].message, "item1: 0 is out of range; answers are whole numbers from 1 to 4");
//! ```

// No panics on any input: bindings call into this crate from Python and the browser, where a
// panic would be a crash or a trapped wasm instance. Indexing is only used with bounds that
// are established by construction (checked lengths, positions found in the same slice).
// Every public item is documented: the crate is the one reference for the rules.
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::todo,
        clippy::unimplemented
    )
)]

// Modules in layers; each imports only from layers below it (docs/architecture.md, enforced by
// tests/layers.rs).
//
// 0 kernel
pub mod answer;
pub mod dates;
pub mod error;
pub mod ids;
pub mod language;
pub mod limits;
pub mod privacy;
#[cfg(feature = "schema")]
pub mod schema;
pub mod stats;
pub(crate) mod threads;
// 1 JSON reading
pub mod json;
// 2 domain
pub mod cti;
pub mod gse;
pub mod intervention;
pub mod municipality;
pub mod outcomes;
pub mod outreach;
pub mod participant;
pub mod questionnaire;
pub mod ten_step;
pub mod who5;
// 3 the catalogue of every id kind
pub mod catalogue;
// 4 cohorts and reports
pub mod batch;
pub mod cohort;
pub mod report;
pub mod sample;

pub use answer::RawAnswer;
pub use error::{ErrorCode, ErrorContext, FieldError, Location, ValidationError};
pub use language::Language;
pub use questionnaire::{questionnaire, Instrument, Questionnaire};
