//! What a journal system does with overgang: score a WHO-5 answer as it is entered, validate a
//! participant record before saving it, and report on a cohort.
//!
//! Run it with `cargo run -p overgang --example journal`.

use overgang::cohort::Cohort;
use overgang::participant::Participant;
use overgang::report::ReportOptions;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // 1. A WHO-5 questionnaire as the form sends it: five answers 0-5, `None` when skipped.
    let score = overgang::who5::score(&[Some(3), Some(4), Some(2), Some(3), Some(4)])?;
    println!(
        "WHO-5: raw {} / 25, index {} / 100, band {}",
        score.raw,
        score.index,
        score.band.as_str()
    );

    // A skipped item is refused with a code the journal can show next to the field.
    if let Err(err) = overgang::who5::score(&[Some(3), None, Some(2), Some(3), Some(4)]) {
        for e in err.errors() {
            println!(
                "not scored: {} {} ({})",
                e.field,
                e.code.as_str(),
                e.message
            );
        }
    }

    // 2. A participant record before it is saved: pseudonymous id, dates, categories.
    let record = r#"{"id": "P-0042", "gender": "woman", "age": 31, "start": "2024-03-01",
                     "interventions": [{"category": "counselling", "date": "2024-04-02"}]}"#;
    let participant = Participant::from_json(record)?;
    println!(
        "participant valid, age band {:?}",
        participant.age_band().map(|b| b.as_str())
    );

    // A CPR number as id is refused, and the message does not repeat it.
    let bad = r#"{"id": "010190-1234", "start": "2024-03-01"}"#;
    if let Err(err) = Participant::from_json(bad) {
        for e in err.errors() {
            println!("refused: {} {} ({})", e.field, e.code.as_str(), e.message);
        }
    }

    // 3. The cohort report on the built-in synthetic sample, small counts suppressed.
    let cohort = Cohort::sample();
    let report = cohort.report(&ReportOptions::default())?;
    println!(
        "cohort: {} participants; WHO-5 waves shown: {}",
        report.participants.count,
        report.who5.waves.len()
    );
    // The report serialises to the documented JSON keys (docs/report.md) for the journal's export.
    let json = serde_json::to_value(&report)?;
    println!(
        "report JSON sections: {}",
        json.as_object().map_or(0, |o| o.len())
    );
    Ok(())
}
