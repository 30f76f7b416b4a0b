//! The published JSON Schemas (`docs/schema/`) are generated from the types; this test fails
//! when a committed schema no longer matches. `UPDATE_SCHEMA=1 cargo test -p overgang
//! --features schema --test schema` rewrites them.
#![cfg(feature = "schema")]

use std::path::PathBuf;

fn check(name: &str, schema: schemars::Schema) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/schema")
        .join(format!("{name}.schema.json"));
    let text = serde_json::to_string_pretty(&schema).unwrap() + "\n";
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        committed, text,
        "{name}.schema.json is out of date: rerun with UPDATE_SCHEMA=1 and review"
    );
}

#[test]
fn schemas_are_up_to_date() {
    use overgang::*;
    check("cohort", schemars::schema_for!(cohort::Cohort));
    check(
        "participant_record",
        schemars::schema_for!(cohort::ParticipantRecord),
    );
    check(
        "participant",
        schemars::schema_for!(participant::Participant),
    );
    check(
        "intervention",
        schemars::schema_for!(intervention::InterventionRecord),
    );
    check(
        "ten_step_assessment",
        schemars::schema_for!(ten_step::Assessment),
    );
    check("outcomes_reading", schemars::schema_for!(outcomes::Reading));
    check("cti_course", schemars::schema_for!(cti::RecordedCourse));
    check("report", schemars::schema_for!(report::Report));
    check("comparison", schemars::schema_for!(report::Comparison));
}
