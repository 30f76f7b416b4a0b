//! Runs the shared outreach vectors (`tests/vectors/outreach.json`), the outreach golden
//! fixtures (`tests/golden/outreach*`) and property tests of the outreach report.

use overgang::municipality::MunicipalityCode;
use overgang::outreach::{CountryCode, Outreach, VenueId};
use overgang::{FieldError, ValidationError};
use serde_json::{json, Value};
use std::path::PathBuf;

fn repo_file(path: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn load(name: &str) -> Value {
    serde_json::from_str(&repo_file(&format!("tests/vectors/{name}"))).unwrap()
}

/// The strings of a case's input that must never appear in a message (six characters or
/// more, so that a match is no coincidence).
fn input_texts(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) if s.chars().count() >= 6 => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| input_texts(x, out)),
        Value::Object(o) => o.values().for_each(|x| input_texts(x, out)),
        _ => {}
    }
}

/// Compares an outcome with a case's `expected` value or `errors` list; every message names
/// its field and echoes none of the input's text.
fn check(case: &Value, input: &Value, outcome: Result<Value, ValidationError>) {
    let name = case["name"].as_str().unwrap();
    match (outcome, case.get("expected"), case.get("errors")) {
        (Ok(got), Some(expected), None) => assert_eq!(&got, expected, "{name}"),
        (Err(err), None, Some(expected)) => {
            let got: Vec<Value> = err
                .errors()
                .iter()
                .map(|e| json!({"field": e.field, "code": e.code}))
                .collect();
            assert_eq!(&Value::Array(got), expected, "{name}");
            let mut texts = Vec::new();
            input_texts(input, &mut texts);
            for e in err.errors() {
                assert!(e.message.starts_with(&e.field), "{name}: {:?}", e.message);
                assert!(!overgang::participant::contains_cpr(&e.message), "{name}");
                for t in &texts {
                    assert!(
                        !e.message.contains(t.as_str()),
                        "{name}: {t:?} echoed in {:?}",
                        e.message
                    );
                }
            }
        }
        (Ok(got), _, _) => panic!("{name}: expected errors, got {got}"),
        (Err(err), _, _) => panic!("{name}: unexpected error {err}"),
    }
}

fn one(e: FieldError) -> ValidationError {
    ValidationError::new(vec![e])
}

#[test]
fn municipality_vectors() {
    for case in load("outreach.json")["municipality"].as_array().unwrap() {
        let outcome = MunicipalityCode::from_value("municipality", &case["input"])
            .map(|m| {
                json!({"code": m.code(), "name": m.name(), "region": m.region().as_str(),
                       "region_code": m.region().code()})
            })
            .map_err(one);
        check(case, &case["input"], outcome);
    }
}

#[test]
fn venue_id_vectors() {
    for case in load("outreach.json")["venue_id"].as_array().unwrap() {
        let outcome = VenueId::new(case["input"].as_str().unwrap()).map(|v| json!(v.as_str()));
        check(case, &case["input"], outcome);
    }
}

#[test]
fn country_vectors() {
    for case in load("outreach.json")["country"].as_array().unwrap() {
        let outcome = CountryCode::parse("nationalities", case["input"].as_str().unwrap())
            .map(|c| json!(c.as_str()))
            .map_err(one);
        check(case, &case["input"], outcome);
    }
}

#[test]
fn document_vectors() {
    let cases = load("outreach.json")["document"]
        .as_array()
        .unwrap()
        .clone();
    assert!(cases.len() >= 15);
    for case in &cases {
        let outcome =
            Outreach::from_value(&case["document"]).map(|o| serde_json::to_value(o).unwrap());
        check(case, &case["document"], outcome);
    }
}
