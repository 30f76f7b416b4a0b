//! Disclosure control over a whole report: the attacks of issue 20 reproduced, and the auditor
//! run on the sample and on thousands of random small cohorts.

mod common;

use common::cases;
use overgang::cohort::Cohort;
use overgang::report::{audit, read_options, Report};
use proptest::prelude::*;
use serde_json::{json, Value};

const HIGH_RISK: [u8; 5] = [1, 1, 2, 2, 2]; // index 32
const RISK: [u8; 5] = [2, 2, 2, 2, 2]; // index 40
const NO_RISK: [u8; 5] = [3, 3, 3, 2, 2]; // index 52

fn person(i: usize, answers: &[[u8; 5]]) -> Value {
    let who5: Vec<Value> = answers
        .iter()
        .enumerate()
        .map(|(k, items)| json!({"date": format!("2023-{:02}-01", 2 + 3 * k), "items": items}))
        .collect();
    json!({"id": format!("P{i}"), "gender": "woman", "age": 30, "start": "2023-01-01", "who5": who5})
}

fn report(people: Vec<Value>, options: Value) -> Report {
    let doc = json!({"project": "P", "as_of": "2024-01-01", "participants": people});
    let (options, _) = read_options(&options).unwrap();
    Cohort::from_value(&doc).unwrap().report(&options).unwrap()
}

/// 13 people measured twice; at wave 2: 2 high risk, 6 risk, 5 no immediate risk.
fn thirteen_measured_twice() -> Vec<Value> {
    (0..13)
        .map(|i| {
            let second = match i {
                0..2 => HIGH_RISK,
                2..8 => RISK,
                _ => NO_RISK,
            };
            person(i, &[RISK, second])
        })
        .collect()
}

#[test]
fn a_hidden_band_cannot_be_recovered_from_the_risk_zone() {
    // 13 people measured twice; at wave 2: 2 high risk, 6 risk, 5 no immediate risk.
    let people = thirteen_measured_twice();
    let r = report(people, json!({"min_cell": 5, "min_wave": 10}));
    let wave2 = &r.who5.waves[1];
    assert!(wave2.bands.high_risk.suppressed);
    // Before: risk_zone.latest = 8 beside risk = 6 gave high_risk = 2.
    assert!(r.who5.risk_zone.latest.suppressed || wave2.bands.risk.suppressed);
    assert!(audit(&r).is_empty(), "{:?}", audit(&r));
}

#[test]
fn a_paired_mean_over_one_person_fewer_than_the_wave_is_withheld() {
    // Wave 1: 11 people; wave 2: 10 of them.
    let mut people: Vec<Value> = (0..10).map(|i| person(i, &[RISK, NO_RISK])).collect();
    people.push(person(10, &[HIGH_RISK]));
    let r = report(people, json!({"min_cell": 5, "min_wave": 10}));
    assert_eq!(r.who5.waves[0].n, 11);
    assert!(
        r.who5.paired.is_empty(),
        "the eleventh person's index would be 11 x mean1 - 10 x mean_from"
    );
    assert!(r
        .protection
        .withheld
        .iter()
        .any(|w| w.figure == "who5.paired[2]" && w.reason == "mean_difference"));
}

#[test]
fn nine_of_ten_does_not_disclose_the_one() {
    let people: Vec<Value> = (0..10)
        .map(|i| {
            let steps = if i == 0 { [5, 4] } else { [4, 6] };
            json!({"id": format!("P{i}"), "start": "2023-01-01", "ten_step": [
                {"date": "2023-02-01", "ratings": {"economy": steps[0]}},
                {"date": "2023-06-01", "ratings": {"economy": steps[1]}}]})
        })
        .collect();
    let doc = json!({"project": "P", "participants": people});
    let r = Cohort::from_value(&doc)
        .unwrap()
        .report(&Default::default())
        .unwrap();
    let economy = r
        .ten_step
        .areas
        .iter()
        .find(|a| a.area.as_str() == "economy")
        .unwrap();
    assert_eq!(economy.n, 10);
    assert!(economy.positive.suppressed);
    assert!(audit(&r).is_empty());
}

#[test]
fn the_auditor_finds_what_an_unprotected_report_gives_away() {
    let people = thirteen_measured_twice();
    let mut r = report(people, json!({"min_cell": 5}));
    // Undo the protection: show the risk zone again, as the report did before.
    r.who5.risk_zone.latest = overgang::report::Cell::shown(8, 13);
    r.who5.risk_zone.first = overgang::report::Cell::shown(13, 13);
    r.who5.waves[1].bands.risk = overgang::report::Cell::shown(6, 13);
    let findings = audit(&r);
    assert!(
        findings
            .iter()
            .any(|f| f.code == "pinned" || f.code == "complement"),
        "{findings:?}"
    );
}

#[test]
fn the_sample_report_is_clean() {
    let r = Cohort::sample().report(&Default::default()).unwrap();
    assert!(audit(&r).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(96, 1000)))]
    #[test]
    fn no_random_small_cohort_discloses_anything(n in 2usize..40, seed in 0u64..10_000, min_cell in 3u64..7) {
        let doc = overgang::sample::generate(n, seed);
        let options = read_options(&json!({"min_cell": min_cell, "min_wave": 3})).unwrap().0;
        let r = Cohort::from_value(&doc).unwrap().report(&options).unwrap();
        let findings = audit(&r);
        prop_assert!(findings.is_empty(), "{:?}", findings);
    }
}
