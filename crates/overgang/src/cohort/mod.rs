//! Cohort documents: a project's participants with their questionnaires, assessments and
//! courses, read from JSON or CSV, validated, and reported on.

pub mod csv;
