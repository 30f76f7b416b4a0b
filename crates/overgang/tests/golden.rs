//! Golden tests: cohorts built from the published tables of the exit-package report (seed 001)
//! must reproduce the published figures. The expected reports are files in `tests/golden/`,
//! reviewed by eye once; `UPDATE_GOLDEN=1 cargo test --test golden` rewrites them.

use overgang::cohort::Cohort;
use overgang::report::{render, Format, RenderOptions, Report, ReportOptions};
use overgang::Language;
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden")
}

fn report(name: &str) -> Report {
    let text = std::fs::read_to_string(dir().join(format!("{name}.cohort.json"))).unwrap();
    let cohort = Cohort::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut options = ReportOptions::default();
    options.min_cell = 0; // the published tables show small counts
    cohort.report(&options).unwrap()
}

/// Compares with the committed file, or rewrites it under UPDATE_GOLDEN=1.
fn golden(file: &str, actual: &str) {
    let path = dir().join(file);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{file} is missing: run with UPDATE_GOLDEN=1 and review it"));
    assert_eq!(
        actual, expected,
        "{file} differs; if the change is intended, rerun with UPDATE_GOLDEN=1 and review the diff"
    );
}

fn percents<T>(rows: &[T], cell: impl Fn(&T) -> overgang::report::Cell) -> Vec<u64> {
    rows.iter().map(|r| cell(r).percent.unwrap()).collect()
}

#[test]
fn aarhus_reproduces_the_published_tables() {
    let r = report("aarhus");
    assert_eq!(r.participants.count, 78);
    assert_eq!(r.age_bands.n, 59);
    assert_eq!(
        percents(&r.age_bands.rows, |x| x.cell),
        [31, 27, 10, 19, 14]
    );
    assert_eq!(r.gender.n, 77);
    assert_eq!(percents(&r.gender.rows, |x| x.cell), [95, 5, 0]);
    assert_eq!(
        (r.participation.n, r.participation.excluded_short),
        (48, Some(30))
    );
    assert_eq!(
        format!("{:.1}", r.participation.mean_months.unwrap()),
        "9.9"
    );
    let waves: Vec<(usize, u64, String)> = r
        .who5
        .waves
        .iter()
        .map(|w| (w.wave, w.n, format!("{:.0}", w.mean_index)))
        .collect();
    assert_eq!(waves.first(), Some(&(1, 28, "36".to_string())));
    assert_eq!(waves.last(), Some(&(6, 11, "46".to_string())));
    let to6 = r.who5.paired.iter().find(|p| p.to_wave == 6).unwrap();
    assert_eq!((to6.n, to6.clinically_significant), (11, Some(true)));
    golden(
        "aarhus.report.json",
        &render(&r, &RenderOptions::new(Format::Json, Language::En)),
    );
    golden(
        "aarhus.report.md",
        &render(&r, &RenderOptions::new(Format::Md, Language::Da)),
    );
}

#[test]
fn copenhagen_reproduces_the_published_tables() {
    let r = report("copenhagen");
    assert_eq!(r.participants.count, 91);
    let bins: Vec<(String, u64)> = r
        .interventions
        .by_count
        .iter()
        .map(|b| (b.interventions.clone(), b.cell.count.unwrap()))
        .collect();
    assert_eq!(
        bins,
        [("0", 11), ("1", 39), ("2", 24), ("3", 17), ("4+", 0)].map(|(k, v)| (k.to_string(), v))
    );
    let count = |c: &str| {
        r.interventions
            .by_category
            .iter()
            .find(|x| x.category.as_str() == c)
            .unwrap()
            .cell
            .count
            .unwrap()
    };
    assert_eq!(
        (
            count("counselling"),
            count("education_employment"),
            count("group_therapy")
        ),
        (73, 40, 25)
    );
    assert_eq!(r.interventions.anti_trafficking_referrals.count, Some(3));
    assert_eq!(r.age_bands.n, 82);
    let w: Vec<String> = r
        .who5
        .waves
        .iter()
        .map(|w| format!("{:.0} ({})", w.mean_index, w.n))
        .collect();
    assert_eq!(w, ["45 (52)", "54 (11)"]);
    assert_eq!(
        r.who5.paired[0].clinically_significant,
        Some(false),
        "+9 is not significant"
    );
    golden(
        "copenhagen.report.json",
        &render(&r, &RenderOptions::new(Format::Json, Language::En)),
    );
}

#[test]
fn esbjerg_reproduces_the_published_tables() {
    let r = report("esbjerg");
    assert_eq!(
        r.age_bands
            .rows
            .iter()
            .map(|x| x.cell.count.unwrap())
            .collect::<Vec<_>>(),
        [11, 9, 24, 5, 35]
    );
    assert_eq!(
        r.gender
            .rows
            .iter()
            .map(|x| x.cell.count.unwrap())
            .collect::<Vec<_>>(),
        [79, 5, 0]
    );
    let w: Vec<String> = r
        .who5
        .waves
        .iter()
        .map(|w| format!("{:.0} ({})", w.mean_index, w.n))
        .collect();
    assert_eq!(w, ["42 (27)", "46 (12)", "43 (11)"]);
    golden(
        "esbjerg.report.json",
        &render(&r, &RenderOptions::new(Format::Json, Language::En)),
    );
}

#[test]
fn default_suppression_hides_the_four_men_and_a_complementary_cell() {
    let text = std::fs::read_to_string(dir().join("aarhus.cohort.json")).unwrap();
    let r = Cohort::from_json(&text)
        .unwrap()
        .report(&ReportOptions::default())
        .unwrap();
    let hidden: Vec<bool> = r.gender.rows.iter().map(|x| x.cell.suppressed).collect();
    assert_eq!(
        hidden,
        [true, true, false],
        "4 men hidden, and the women too, or 77 - 73 would reveal them"
    );
}

#[test]
fn the_sample_cohort_reports_in_every_format() {
    let r = Cohort::sample().report(&ReportOptions::default()).unwrap();
    assert_eq!(r.participants.count, 80);
    for (format, start) in [
        (Format::Md, "# "),
        (Format::Html, "<!doctype html>"),
        (Format::Csv, "section,"),
        (Format::Json, "{"),
    ] {
        for lang in [Language::Da, Language::En] {
            assert!(render(&r, &RenderOptions::new(format, lang)).starts_with(start));
        }
    }
}

#[test]
fn the_sample_document_is_valid() {
    if let Err(e) = Cohort::from_value(&overgang::sample::cohort()) {
        panic!("{e}");
    }
}

#[test]
fn limits_give_clear_errors_before_parsing() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    let err = Cohort::from_json(&deep).unwrap_err();
    assert_eq!(err.errors()[0].code.as_str(), "too_deep");
    assert!(err.to_string().contains("32"));
    let huge = " ".repeat(overgang::limits::MAX_INPUT_BYTES + 1);
    let err = Cohort::from_json(&huge).unwrap_err();
    assert_eq!(err.errors()[0].code.as_str(), "too_large");
    assert!(err.to_string().contains("200 MB"));
    let err = Cohort::from_json("{\"project\": \"x\", \"participants\": [").unwrap_err();
    assert_eq!(err.errors()[0].code.as_str(), "invalid_json");
}

mod properties {
    use overgang::cohort::Cohort;
    use overgang::report::ReportOptions;
    use proptest::prelude::*;
    use serde_json::Value;

    fn cohort_doc(n: usize, seed: u64) -> Value {
        overgang::sample::generate(n, seed)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn reports_do_not_depend_on_participant_order(seed in 0u64..1000, shuffle in any::<u64>(), min_cell in 0u64..6) {
            let mut doc = cohort_doc(40, seed);
            let a = Cohort::from_value(&doc).unwrap();
            if let Some(list) = doc["participants"].as_array_mut() {
                // A deterministic shuffle (Fisher-Yates with a tiny LCG).
                let mut x = shuffle | 1;
                for i in (1..list.len()).rev() {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    list.swap(i, (x >> 33) as usize % (i + 1));
                }
            }
            let b = Cohort::from_value(&doc).unwrap();
            let mut options = ReportOptions::default();
            options.min_cell = min_cell;
            options.min_wave = 3;
            prop_assert_eq!(a.report(&options).unwrap(), b.report(&options).unwrap());
        }

        #[test]
        fn arbitrary_json_never_panics_and_errors_are_well_formed(v in arbitrary_json()) {
            for result in [
                Cohort::from_value(&v).map(|_| ()),
                Cohort::from_value(&serde_json::json!({"project": "p", "participants": [v.clone()]})).map(|_| ()),
                overgang::participant::Participant::from_value(&v).map(|_| ()),
                overgang::cti::RecordedCourse::from_value(&v).map(|_| ()),
                overgang::ten_step::Assessment::from_value(&v).map(|_| ()),
            ] {
                if let Err(e) = result {
                    prop_assert!(!e.errors().is_empty());
                    for x in e.errors() {
                        prop_assert!(!overgang::privacy::contains_cpr(&x.message), "{}", x.message);
                    }
                }
            }
        }
    }

    fn arbitrary_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|i| serde_json::json!(i)),
            any::<f64>().prop_map(|f| serde_json::json!(f)),
            prop::sample::select(vec![
                "2024-01-15",
                "010190-1234",
                "AAR-0001",
                "woman",
                "economy",
                "contact",
                "",
                "x"
            ])
            .prop_map(|s| Value::String(s.into())),
            ".{0,12}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::btree_map(
                    prop::sample::select(vec![
                        "id",
                        "start",
                        "end",
                        "age",
                        "gender",
                        "who5",
                        "items",
                        "date",
                        "ratings",
                        "phases",
                        "phase",
                        "participants",
                        "project",
                        "contact_start",
                        "phase1_start",
                        "cti",
                        "ten_step",
                        "zzz"
                    ]),
                    inner,
                    0..6
                )
                .prop_map(|m| Value::Object(
                    m.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
                )),
            ]
        })
    }
}
