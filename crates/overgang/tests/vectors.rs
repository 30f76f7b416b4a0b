//! Runs the shared test vectors (`tests/vectors/*.json`), which pytest and `node --test` also run.

use overgang::{
    cti, gse, outcomes, participant, questionnaire::questionnaire_by_id, ten_step, who5, RawAnswer,
    ValidationError,
};
use serde_json::{json, Value};
use std::path::PathBuf;

fn load(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/vectors")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn answers(v: &Value) -> Result<Vec<RawAnswer>, ValidationError> {
    v.as_array()
        .map(|a| a.iter().map(RawAnswer::from).collect())
        .ok_or_else(overgang::answer::not_a_list)
}

/// Compares an outcome with a case's `expected` or `errors`, floats to 1e-12.
fn check<T: serde::Serialize>(case: &Value, outcome: Result<T, ValidationError>) {
    let name = case["name"].as_str().unwrap();
    match (outcome, case.get("expected"), case.get("errors")) {
        (Ok(got), Some(expected), None) => {
            let got = serde_json::to_value(got).unwrap();
            assert!(
                same(&got, expected),
                "{name}: got {got}, expected {expected}"
            );
        }
        (Err(err), None, Some(expected)) => {
            let got: Vec<Value> = err
                .errors()
                .iter()
                .map(|e| json!({"field": e.field, "code": e.code}))
                .collect();
            assert_eq!(&Value::Array(got), expected, "{name}");
            for e in err.errors() {
                assert!(
                    e.message.contains(&e.field),
                    "{name}: message {:?} does not name its field",
                    e.message
                );
                // No personal data in messages: no CPR-shaped number, none of the case's text.
                assert!(
                    !overgang::privacy::contains_cpr(&e.message),
                    "{name}: CPR-shaped number in {:?}",
                    e.message
                );
                for text in texts(case) {
                    assert!(
                        !e.message.contains(text.as_str()),
                        "{name}: input text {text:?} echoed in {:?}",
                        e.message
                    );
                }
            }
        }
        (Ok(got), _, _) => panic!(
            "{name}: expected errors, got {}",
            serde_json::to_value(got).unwrap()
        ),
        (Err(err), _, _) => panic!("{name}: unexpected error {err}"),
    }
}

/// The free-text values of a case's inputs (not its name or expectations) long enough that
/// finding one in a message cannot be a coincidence.
fn texts(case: &Value) -> Vec<String> {
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            // snake_case ids are vocabulary (areas, phases), not personal text
            Value::String(s)
                if s.chars().count() >= 6
                    && !s.chars().all(|c| c.is_ascii_digit() || c == '-')
                    && !s.chars().all(|c| c.is_ascii_lowercase() || c == '_') =>
            {
                out.push(s.clone())
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            Value::Object(o) => o.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Value::Object(o) = case {
        for (k, v) in o {
            if !matches!(
                k.as_str(),
                "name" | "expected" | "errors" | "warnings" | "expected_status"
            ) {
                walk(v, &mut out);
            }
        }
    }
    out
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            (x.as_f64().unwrap() - y.as_f64().unwrap()).abs() < 1e-12
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same(v, w))
        }
        _ => a == b,
    }
}

#[test]
fn who5_score_vectors() {
    let v = load("who5.json");
    for case in v["score"].as_array().unwrap() {
        check(
            case,
            answers(&case["items"]).and_then(|a| who5::score_answers(&a)),
        );
    }
}

#[test]
fn who5_change_vectors() {
    let v = load("who5.json");
    for case in v["change"].as_array().unwrap() {
        let outcome = who5::change_answers(
            RawAnswer::from(&case["before"]),
            RawAnswer::from(&case["after"]),
        );
        check(case, outcome);
    }
}

#[test]
fn who5_band_vectors() {
    let v = load("who5.json");
    for case in v["band"].as_array().unwrap() {
        check(case, who5::band_answer(RawAnswer::from(&case["index"])));
    }
}

#[test]
fn gse_score_vectors() {
    let v = load("gse.json");
    for case in v["score"].as_array().unwrap() {
        check(
            case,
            answers(&case["items"]).and_then(|a| gse::score_answers(&a)),
        );
    }
}

#[test]
fn questionnaire_vectors() {
    let v = load("questionnaire.json");
    for case in v["questionnaire"].as_array().unwrap() {
        let outcome = questionnaire_by_id(
            case["id"].as_str().unwrap(),
            case["language"].as_str().unwrap(),
        )
        .map(|q| {
            json!({
                "language": q.language,
                "fallback": q.fallback,
                "items": q.items.len(),
                "answers": q.answers.iter().map(|a| a.value).collect::<Vec<_>>(),
                "first_item": q.items[0],
                "first_answer_label": q.answers[0].label,
                "min_answered": q.min_answered,
            })
        });
        check(case, outcome);
    }
}

#[test]
fn participant_vectors() {
    let v = load("participant.json");
    for case in v["validate_id"].as_array().unwrap() {
        check(
            case,
            participant::ParticipantId::new(case["input"].as_str().unwrap())
                .map(|id| id.as_str().to_string()),
        );
    }
    for case in v["age_band"].as_array().unwrap() {
        check(
            case,
            participant::age_band_of(RawAnswer::from(&case["age"])),
        );
    }
    for case in v["pseudonym"].as_array().unwrap() {
        let s = |k: &str| case[k].as_str().unwrap();
        check(
            case,
            participant::pseudonym(s("key").as_bytes(), s("local_id"), s("prefix"))
                .map(|id| id.as_str().to_string()),
        );
    }
    for case in v["participant"].as_array().unwrap() {
        check(
            case,
            participant::Participant::from_value(&case["document"]),
        );
    }
}

#[test]
fn ten_step_vectors() {
    let v = load("ten_step.json");
    for case in v["stage"].as_array().unwrap() {
        check(case, ten_step::stage_of(RawAnswer::from(&case["step"])));
    }
    for case in v["dimensions"].as_array().unwrap() {
        check(
            case,
            ten_step::dimensions_of(&case["ratings"], case.get("mapping")),
        );
    }
    for case in v["development"].as_array().unwrap() {
        check(case, ten_step::development_of(&case["assessments"]));
    }
}

#[test]
fn outcomes_vectors() {
    let v = load("outcomes.json");
    for case in v["stage"].as_array().unwrap() {
        check(case, outcomes::stage_of(RawAnswer::from(&case["rating"])));
    }
    for case in v["distance"].as_array().unwrap() {
        check(
            case,
            outcomes::distance_of(
                RawAnswer::from(&case["first"]),
                RawAnswer::from(&case["latest"]),
            ),
        );
    }
}

#[test]
fn cti_vectors() {
    let v = load("cti.json");
    for case in v["schedule"].as_array().unwrap() {
        check(
            case,
            cti::Course::from_value(&case["course"]).map(|c| c.schedule()),
        );
    }
    for case in v["phase_on"].as_array().unwrap() {
        let course = cti::Course::from_value(&case["course"]).unwrap();
        let date = overgang::dates::parse_date("date", case["date"].as_str().unwrap()).unwrap();
        check(case, Ok::<_, ValidationError>(course.phase_on(date)));
    }
    for case in v["recorded"].as_array().unwrap() {
        let outcome = cti::RecordedCourse::from_value(&case["document"]);
        if let Ok(c) = &outcome {
            let on =
                overgang::dates::parse_date("date", case["status_on"].as_str().unwrap()).unwrap();
            assert_eq!(
                c.status(on).kind(),
                case["expected_status"],
                "{}",
                case["name"]
            );
            let codes: Vec<String> = c.warnings().into_iter().map(|w| w.code).collect();
            assert_eq!(json!(codes), case["warnings"], "{}", case["name"]);
        } else {
            check(case, outcome);
        }
    }
}

#[test]
fn options_vectors() {
    let v = load("options.json");
    for case in v["options"].as_array().unwrap() {
        let outcome = overgang::report::read_options(&case["options"])
            .map(|(r, o)| overgang::report::options_json(&r, &o));
        check(case, outcome);
    }
}

#[test]
fn privacy_vectors() {
    let v = load("privacy.json");
    let secrets: Vec<&str> = v["secret"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    for case in v["documents"].as_array().unwrap() {
        let outcome = overgang::cohort::Cohort::from_value(&case["document"]).map(|_| ());
        if let Err(e) = &outcome {
            for x in e.errors() {
                let shown = format!("{} {} {:?}", x.field, x.message, x.location);
                assert!(
                    secrets.iter().all(|s| !shown.contains(s)),
                    "{}: {shown}",
                    case["name"]
                );
            }
        }
        check(case, outcome);
    }
}

#[test]
fn messages_vectors() {
    use overgang::{catalogue::message, FieldError, Language};
    let v = load("messages.json");
    for case in v["errors"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let error: FieldError = serde_json::from_value(case["error"].clone()).unwrap();
        assert_eq!(message(&error, Language::Da), case["da"], "{name}");
        assert_eq!(message(&error, Language::En), case["en"], "{name}");
    }
    for case in v["ids"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let err = participant::ParticipantId::new(case["id"].as_str().unwrap()).unwrap_err();
        let error = &err.errors()[0];
        assert_eq!(error.code.as_str(), case["code"], "{name}");
        assert_eq!(message(error, Language::Da), case["da"], "{name}");
        assert_eq!(message(error, Language::En), case["en"], "{name}");
    }
}
