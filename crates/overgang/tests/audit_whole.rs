//! Disclosure control over the whole report, beyond the exit-package tables: the targets table
//! (asked for with `target`), the rows left out of the input (`excluded`, CSV read with
//! `on_error = "drop"`) and the registrations (returns, challenges, municipalities, a CTI
//! course's results) are in the auditor's relations and protected with the rest.

mod common;

use common::cases;
use overgang::cohort::csv::{CsvFile, CsvFiles, CsvOptions, OnError};
use overgang::cohort::Cohort;
use overgang::report::{audit, read_options, Excluded, Report};
use proptest::prelude::*;
use serde_json::{json, Value};

fn report_of(doc: &Value, options: Value) -> Report {
    let (options, _) = read_options(&options).unwrap();
    Cohort::from_value(doc).unwrap().report(&options).unwrap()
}

/// `n` people rated twice on economy, `up` of them higher the second time; the first `inside`
/// of them in the programme `one_to_one`.
fn ten_step_people(n: usize, up: usize, inside: usize) -> Value {
    let people: Vec<Value> = (0..n)
        .map(|i| {
            let second = if i < up { 6 } else { 4 };
            let mut p = json!({"id": format!("P{i}"), "start": "2023-01-01", "ten_step": [
                {"date": "2023-02-01", "ratings": {"economy": 4}},
                {"date": "2023-06-01", "ratings": {"economy": second}}]});
            if i < inside {
                p["programme"] = json!("one_to_one");
            }
            p
        })
        .collect();
    json!({"project": "P", "as_of": "2024-01-01", "participants": people})
}

#[test]
fn the_auditor_links_a_target_to_the_ten_step_table() {
    // 12 rated, 7 improved: the ten-step table shows 7; a target over everyone is the same
    // count, so showing one and hiding the other hides nothing.
    let doc = ten_step_people(12, 7, 12);
    let mut r = report_of(&doc, json!({"target": {"percent": 75}}));
    let economy = r
        .ten_step
        .areas
        .iter()
        .find(|a| a.area.as_str() == "economy")
        .unwrap();
    assert_eq!(economy.positive.count, Some(7));
    let find = |r: &mut Report| -> usize {
        let rows = r.targets.as_ref().unwrap();
        rows.iter()
            .position(|t| t.measure.id() == "ten_step:economy")
            .unwrap()
    };
    let i = find(&mut r);
    let row = &r.targets.as_ref().unwrap()[i];
    assert_eq!((row.assessed, row.positive), (12, Some(7)));
    assert!(audit(&r).is_empty(), "{:?}", audit(&r));
    // Undo: a target over 10 of the 12 (the programme), showing 5, beside the table's 7: the
    // two outside improved both (2 of 2), which the auditor finds.
    let row = &mut r.targets.as_mut().unwrap()[i];
    row.assessed = 10;
    row.in_scope = 10;
    row.positive = Some(5);
    let findings = audit(&r);
    assert!(
        findings.iter().any(|f| f
            .figure
            .starts_with("targets.ten_step:economy.positive (outside")
            && f.value == Some(2)),
        "{findings:?}"
    );
}

#[test]
fn a_target_over_a_programme_does_not_disclose_the_few_outside_it() {
    // 12 rated, 7 improved; 10 in the programme, of whom 5 improved: the 2 outside it both
    // improved, which the ten-step table (7) and the target (5) would tell together.
    let doc = ten_step_people(12, 7, 10);
    let target =
        json!({"percent": 75, "programmes": ["one_to_one"], "measures": ["ten_step:economy"]});
    let r = report_of(&doc, json!({"target": target}));
    let economy = r
        .ten_step
        .areas
        .iter()
        .find(|a| a.area.as_str() == "economy")
        .unwrap();
    let row = &r.targets.as_ref().unwrap()[0];
    assert_eq!(row.assessed, 10);
    assert!(
        economy.positive.suppressed || row.suppressed,
        "7 beside 5 of 10 would disclose the 2 outside the programme"
    );
    assert!(audit(&r).is_empty(), "{:?}", audit(&r));
    assert!(r.protection.withheld.iter().any(|w| w.reason == "linked"));
}

#[test]
fn nine_of_ten_in_a_target_does_not_disclose_the_one() {
    // 10 in a programme, 9 improved (the rest is 1); 2 outside it, neither improved.
    let doc = ten_step_people(12, 9, 10);
    let target =
        json!({"percent": 75, "programmes": ["one_to_one"], "measures": ["ten_step:economy"]});
    let r = report_of(&doc, json!({"target": target}));
    let row = &r.targets.as_ref().unwrap()[0];
    assert!(row.suppressed && row.positive.is_none() && row.met.is_none());
    assert!(row.percent_of_assessed.is_none() && row.percent_of_in_scope.is_none());
    assert!(audit(&r).is_empty(), "{:?}", audit(&r));
}

fn excluded(
    rows: u64,
    participants: u64,
    with_participant: u64,
    codes: &[(&str, u64)],
) -> Excluded {
    let mut x = Excluded::default();
    x.rows = rows;
    x.participants = participants;
    x.with_participant = with_participant;
    for (c, v) in codes {
        x.by_code.insert(c.to_string(), *v);
    }
    x
}

#[test]
fn small_counts_of_rows_left_out_are_withheld() {
    let mut r = Cohort::sample().report(&Default::default()).unwrap();
    // 12 rows left out: 9 with a problem (7 invalid dates, 2 out of range), 3 with their
    // participant; 6 participants.
    let x = excluded(12, 6, 3, &[("invalid_format", 7), ("out_of_range", 2)]);
    // Unprotected, the auditor finds the 2.
    let mut raw = r.clone();
    raw.excluded = Some(x.clone());
    let findings = audit(&raw);
    assert!(
        findings
            .iter()
            .any(|f| f.figure == "excluded.by_code.out_of_range" && f.code == "small_count"),
        "{findings:?}"
    );
    assert!(findings
        .iter()
        .any(|f| f.figure == "excluded.with_participant"));
    // Protected: 3 rows left out with their participants is small, so the block is withheld.
    r.set_excluded(Some(x));
    assert!(r.excluded.is_none());
    assert!(audit(&r).is_empty(), "{:?}", audit(&r));
    let withheld: Vec<&str> = r
        .protection
        .withheld
        .iter()
        .map(|w| w.figure.as_str())
        .collect();
    assert!(withheld.contains(&"excluded"), "{withheld:?}");
    assert!(
        withheld.contains(&"excluded.by_code.out_of_range"),
        "{withheld:?}"
    );
}

#[test]
fn rows_left_out_that_pin_a_count_are_withheld() {
    // 20 rows: 17 with their participant, so 3 with a problem, though no count of rows is
    // small.
    let mut r = Cohort::sample().report(&Default::default()).unwrap();
    let x = excluded(20, 0, 17, &[("invalid_format", 3)]);
    let mut raw = r.clone();
    raw.excluded = Some(x.clone());
    assert!(audit(&raw)
        .iter()
        .any(|f| f.figure == "excluded.rows (with a problem)" && f.value == Some(3)));
    r.set_excluded(Some(x));
    assert!(r.excluded.is_none(), "{:?} {:?}", r.excluded, audit(&r));
    assert!(audit(&r).is_empty());
    // Large counts are kept as they are.
    let x = excluded(40, 9, 20, &[("invalid_format", 12), ("out_of_range", 8)]);
    r.set_excluded(Some(x.clone()));
    assert_eq!(r.excluded, Some(x));
    assert!(audit(&r).is_empty());
}

#[test]
fn rows_left_out_of_a_csv_export_are_protected() {
    let mut people = String::from("id;gender;start\r\n");
    for i in 0..12 {
        people.push_str(&format!("A-{i};woman;2023-02-10\r\n"));
    }
    people.push_str("A-12;woman;2023-02-31\r\n");
    let files = CsvFiles {
        participants: Some(CsvFile {
            name: "people.csv",
            text: &people,
        }),
        ..Default::default()
    };
    let options = CsvOptions::default().with_on_error(OnError::Drop);
    let (cohort, x) = Cohort::from_csv_with("P", &files, &options).unwrap();
    let x = x.unwrap();
    assert_eq!((x.rows, x.participants), (1, 1));
    let mut r = cohort.report(&Default::default()).unwrap();
    r.set_excluded(Some(x));
    assert!(
        r.excluded.is_none(),
        "one participant left out is a small count"
    );
    assert!(audit(&r).is_empty());
    // With suppression off, nothing is withheld.
    let (cohort, x) = Cohort::from_csv_with("P", &files, &options).unwrap();
    let (off, _) = read_options(&json!({"min_cell": 0})).unwrap();
    let mut r = cohort.report(&off).unwrap();
    r.set_excluded(x.clone());
    assert_eq!(r.excluded, x);
}

/// Random rows left out, consistent with how the reader counts them.
fn random_excluded() -> impl Strategy<Value = Excluded> {
    (
        0u64..30,
        0u64..30,
        0u64..30,
        prop::collection::vec(0u64..30, 0..4),
    )
        .prop_map(|(problem, people, with, codes)| {
            let names = ["invalid_format", "out_of_range", "missing", "unknown_value"];
            let mut x = Excluded::default();
            x.rows = problem + with;
            x.participants = people.min(problem);
            x.with_participant = with;
            for (name, c) in names.iter().zip(codes) {
                x.by_code.insert(name.to_string(), c.min(problem));
            }
            if problem > 0 && x.by_code.values().sum::<u64>() < problem {
                x.by_code.insert("invalid_date".into(), problem);
            }
            x
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(64, 2000)))]
    #[test]
    fn no_random_small_cohort_with_targets_and_rows_left_out_discloses_anything(
        n in 2usize..40,
        seed in 0u64..100_000,
        min_cell in 3u64..7,
        everyone in any::<bool>(),
        x in random_excluded(),
    ) {
        let doc = overgang::sample::generate(n, seed);
        let programmes: Vec<&str> = if everyone { vec![] } else { vec!["one_to_one"] };
        let options = json!({"min_cell": min_cell, "min_wave": 3, "by_municipality": true,
                             "target": {"percent": 75, "programmes": programmes,
                                        "measures": ["ten_step:economy", "ten_step:network",
                                                     "ten_step:prostitution", "ten_step:employment",
                                                     "who5", "gse"]}});
        let mut r = report_of(&doc, options);
        prop_assert!(audit(&r).is_empty(), "{:?}", audit(&r));
        r.set_excluded(Some(x));
        let findings = audit(&r);
        prop_assert!(findings.is_empty(), "{:?}", findings);
        // What is still printed is 0 or at least min_cell.
        if let Some(x) = &r.excluded {
            for v in [x.rows, x.participants, x.with_participant].iter().chain(x.by_code.values()) {
                prop_assert!(*v == 0 || *v >= min_cell);
            }
        }
        for t in r.targets.iter().flatten() {
            if let Some(p) = t.positive {
                prop_assert!(p == 0 || p >= min_cell);
                let rest = t.assessed - p;
                prop_assert!(rest == 0 || rest >= min_cell, "{} of {}", p, t.assessed);
            }
        }
    }
}
