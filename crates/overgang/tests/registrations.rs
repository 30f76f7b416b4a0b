//! The shared vectors of `tests/vectors/registrations.json`: returns, challenges and
//! municipality of residence as the cohort report counts them (Python and JavaScript run the
//! same file).

use overgang::cohort::Cohort;
use serde_json::{json, Value};

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            (x.as_f64().unwrap() - y.as_f64().unwrap()).abs() < 1e-12
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// A table with only its rows that are not 0.
fn shown(table: Option<&Value>) -> Value {
    match table {
        None | Some(Value::Null) => Value::Null,
        Some(t) => {
            let rows: Vec<Value> = t["rows"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| r["count"] != json!(0))
                .cloned()
                .collect();
            json!({"n": t["n"], "rows": rows})
        }
    }
}

#[test]
fn registration_vectors() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/registrations.json"
    );
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for case in v["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let cohort = Cohort::from_value(&case["cohort"]).unwrap_or_else(|e| panic!("{name}: {e}"));
        let options = overgang::report::ReportOptions::from_value(&case["options"]).unwrap();
        let r = serde_json::to_value(cohort.report(&options).unwrap()).unwrap();
        let e = &case["expected"];
        assert!(
            same(&r["participation"], &e["participation"]),
            "{name}: {} vs {}",
            r["participation"],
            e["participation"]
        );
        for key in ["challenges", "municipalities"] {
            let got = shown(r.get(key));
            assert!(same(&got, &e[key]), "{name}: {key}: {got} vs {}", e[key]);
        }
    }
}
