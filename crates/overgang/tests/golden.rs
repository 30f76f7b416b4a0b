//! Golden tests: cohorts built from the published tables of the exit-package report (seed 001)
//! must reproduce the published figures. The expected reports are files in `tests/golden/`,
//! reviewed by eye once; `UPDATE_GOLDEN=1 cargo test --test golden` rewrites them.

use overgang::cohort::Cohort;
use overgang::intervention::Category;
use overgang::report::{
    render, Format, InterventionBins, RenderOptions, Report, ReportOptions, TargetOptions, WaveGap,
};
use overgang::who5::{Direction, Who5Band};
use overgang::Language;
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden")
}

fn cohort(name: &str) -> Cohort {
    let text = std::fs::read_to_string(dir().join(format!("{name}.cohort.json"))).unwrap();
    Cohort::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The report with suppression off (the published tables show small counts; suppression is
/// this library's own safeguard, not the report's practice).
fn report(name: &str) -> Report {
    let mut options = ReportOptions::default();
    options.min_cell = 0;
    cohort(name).report(&options).unwrap()
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

/// Each shown wave as "mean (n)", rounded as the report prints it.
fn waves(r: &Report) -> Vec<String> {
    r.who5
        .waves
        .iter()
        .map(|w| format!("{:.0} ({})", w.mean_index, w.n))
        .collect()
}

fn bins(r: &Report) -> Vec<(String, u64)> {
    r.interventions
        .by_count
        .iter()
        .map(|b| (b.interventions.clone(), b.cell.count.unwrap()))
        .collect()
}

fn pairs(v: &[(&str, u64)]) -> Vec<(String, u64)> {
    v.iter().map(|(k, n)| (k.to_string(), *n)).collect()
}

/// Seed 001: Table 1 (lines 84-86), Table 5 (337-345), Table 6 (352-359), footnote 3 (line
/// 333), WHO-5 (lines 374-384).
#[test]
fn aarhus_reproduces_the_published_tables() {
    let r = report("aarhus");
    assert_eq!(r.participants.count, 78);
    assert_eq!(r.age_bands.n, 59);
    assert_eq!(
        percents(&r.age_bands.rows, |x| x.cell),
        [31, 27, 10, 19, 14]
    );
    assert_eq!(format!("{:.0}", r.age_bands.mean_age.unwrap()), "32");
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
    let w = waves(&r);
    assert_eq!(w[0], "36 (28)");
    assert_eq!(&w[1][..2], "44");
    assert_eq!(
        r.who5.waves[1].mean_band,
        Who5Band::Risk,
        "44: within the same category"
    );
    assert_eq!(&w[4][..2], "47");
    assert_eq!(w[5], "46 (11)");
    let to6 = r.who5.paired.iter().find(|p| p.to_wave == 6).unwrap();
    assert_eq!(
        (
            to6.n,
            format!("{:+.0}", to6.change),
            to6.significant_improvement,
            to6.direction
        ),
        (11, "+10".to_string(), Some(true), Some(Direction::Improved))
    );
    let from6 = r
        .who5
        .from_first_wave
        .iter()
        .find(|p| p.to_wave == 6)
        .unwrap();
    assert_eq!((from6.n_from, from6.n_to), (28, 11));
    assert!(from6.significant_improvement);
    let l = r.who5.left_out;
    assert_eq!(
        (l.unscorable, l.outside_participation, l.spacing),
        (Some(0), Some(0), Some(0))
    );
    golden(
        "aarhus.report.json",
        &render(&r, &RenderOptions::new(Format::Json, Language::En)),
    );
    golden(
        "aarhus.report.md",
        &render(&r, &RenderOptions::new(Format::Md, Language::Da)),
    );
}

/// Seed 001 Figure 1 (line 321): 15 / 31 / 4 / 23 with "two or three" merged.
#[test]
fn aarhus_figure_1_merges_two_and_three() {
    let mut options = ReportOptions::default();
    options.min_cell = 0;
    options.intervention_bins = InterventionBins::Edges(vec![0, 1, 2, 4]);
    let r = cohort("aarhus_figure1").report(&options).unwrap();
    assert_eq!(
        bins(&r),
        pairs(&[("0", 15), ("1", 31), ("2-3", 4), ("4+", 23)])
    );
    golden(
        "aarhus_figure1.report.json",
        &render(&r, &RenderOptions::new(Format::Json, Language::En)),
    );
}

/// Seed 001: Table 1 (lines 84-86), Table 14 (630-639), interventions and referrals (line
/// 624), WHO-5 (lines 659-671), data submitted January 2023 (line 641).
#[test]
fn copenhagen_reproduces_the_published_tables() {
    let r = report("copenhagen");
    assert_eq!(r.participants.count, 91);
    assert_eq!(r.as_of.to_string(), "2023-01-31");
    assert_eq!(
        format!("{:.1}", r.participation.mean_months.unwrap()),
        "7.2"
    );
    assert_eq!(format!("{:.0}", r.age_bands.mean_age.unwrap()), "46");
    assert_eq!(
        bins(&r),
        pairs(&[("0", 11), ("1", 39), ("2", 24), ("3", 17), ("4+", 0)])
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
    assert_eq!(
        r.interventions.by_category.len(),
        3,
        "only the categories in the data"
    );
    assert_eq!(r.interventions.anti_trafficking_referrals.count, Some(3));
    assert_eq!(r.age_bands.n, 82);
    let w = waves(&r);
    assert_eq!(w.first().map(String::as_str), Some("45 (52)"));
    assert_eq!(w.get(3).map(String::as_str), Some("54 (11)"));
    let to4 = r.who5.paired.iter().find(|p| p.to_wave == 4).unwrap();
    assert_eq!(
        (
            to4.n,
            format!("{:.0}", to4.mean_from),
            format!("{:.0}", to4.mean_to),
            format!("{:+.0}", to4.change)
        ),
        (11, "45".into(), "54".into(), "+9".into())
    );
    assert_eq!(
        to4.direction,
        Some(Direction::Unchanged),
        "+9 is not significant"
    );
    assert_eq!(to4.significant_improvement, Some(false));
    let from4 = r
        .who5
        .from_first_wave
        .iter()
        .find(|p| p.to_wave == 4)
        .unwrap();
    assert_eq!(
        (
            from4.n_from,
            format!("{:.0}", from4.mean_from),
            from4.n_to,
            format!("{:.0}", from4.mean_to)
        ),
        (52, "45".into(), 11, "54".into())
    );
    assert_eq!(from4.direction, Direction::Unchanged);
    golden(
        "copenhagen.report.json",
        &render(&r, &RenderOptions::new(Format::Json, Language::En)),
    );
}

/// Seed 001: Table 1 (lines 84-86), Table 8 (443-452), Table 9 (459-466), Figure 3 and the free
/// clothes (lines 423-439), WHO-5 waves (domain.md section 9).
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
    assert_eq!(format!("{:.0}", r.age_bands.mean_age.unwrap()), "41");
    assert_eq!(
        format!("{:.1}", r.participation.mean_months.unwrap()),
        "10.9"
    );
    assert_eq!(
        r.gender
            .rows
            .iter()
            .map(|x| x.cell.count.unwrap())
            .collect::<Vec<_>>(),
        [79, 5, 0]
    );
    assert_eq!(
        bins(&r),
        pairs(&[("0", 2), ("1", 23), ("2", 38), ("3", 15), ("4+", 6)]),
        "the 39 given free clothes stand outside the figure"
    );
    let clothes = r
        .interventions
        .by_category
        .iter()
        .find(|x| x.category.as_str() == "material_help")
        .unwrap();
    assert_eq!(clothes.cell.count, Some(39));
    assert_eq!(waves(&r), ["42 (27)", "46 (12)", "43 (11)"]);
    golden(
        "esbjerg.report.json",
        &render(&r, &RenderOptions::new(Format::Json, Language::En)),
    );
}

/// Counting every category (an empty `bins_exclude`) moves the 39 given free clothes up a bin.
#[test]
fn bins_exclude_empty_counts_the_free_clothes() {
    let mut options = ReportOptions::default();
    options.min_cell = 0;
    options.bins_exclude = Vec::new();
    let r = cohort("esbjerg").report(&options).unwrap();
    assert_ne!(bins(&r)[1], ("1".to_string(), 23));
}

/// `offered` lists exactly the catalogue, and an intervention outside it is an error naming
/// the category (never a participant's data).
#[test]
fn offered_is_the_catalogue() {
    let mut options = ReportOptions::default();
    options.min_cell = 0;
    options.offered = Some(vec![
        Category::Counselling,
        Category::EducationEmployment,
        Category::GroupTherapy,
        Category::Bridging,
    ]);
    let r = cohort("copenhagen").report(&options).unwrap();
    let listed: Vec<&str> = r
        .interventions
        .by_category
        .iter()
        .map(|x| x.category.as_str())
        .collect();
    assert_eq!(
        listed,
        [
            "counselling",
            "group_therapy",
            "education_employment",
            "bridging"
        ],
        "catalogue order"
    );
    options.offered = Some(vec![Category::Counselling]);
    let err = cohort("copenhagen").report(&options).unwrap_err();
    let e = &err.errors()[0];
    assert_eq!(e.code.as_str(), "unknown_value");
    assert!(e.field.starts_with("participants[") && e.field.ends_with(".category"));
    assert!(e.message.contains("group_therapy") && !e.message.contains("KBH-"));
}

/// Answers too close together, outside participation or unscorable are counted, not dropped.
#[test]
fn left_out_answers_are_counted_by_reason() {
    let doc = serde_json::json!({"project": "p", "as_of": "2024-12-31", "participants": [
        {"id": "A-1", "start": "2024-01-10", "end": "2024-10-01", "who5": [
            {"date": "2024-01-01", "items": [3, 3, 3, 3, 3]},
            {"date": "2024-01-10", "items": [2, 2, 2, 2, 2]},
            {"date": "2024-02-01", "items": [3, 3, 3, 3, 3]},
            {"date": "2024-03-15", "items": [4, 4, 4, 4, 4]},
            {"date": "2024-04-01", "items": [4, 4, null, 4, 4]},
            {"date": "2024-09-30", "items": [5, 5, 5, 5, 5]},
            {"date": "2024-11-01", "items": [5, 5, 5, 5, 5]}
        ]}
    ]});
    let mut options = ReportOptions::default();
    options.min_wave = 1;
    options.min_cell = 0;
    let r = Cohort::from_value(&doc).unwrap().report(&options).unwrap();
    let l = r.who5.left_out;
    // 01-01 and 11-01 are outside; 04-01 is unscorable; 02-01 is 22 days after 01-10 (skipped)
    // and 09-30 is 199 days after 03-15 (cut).
    assert_eq!(
        (l.unscorable, l.outside_participation, l.spacing),
        (Some(1), Some(2), Some(2))
    );
    assert_eq!(waves(&r), ["40 (1)", "80 (1)"]);
    options.wave_gap_days = WaveGap::ANY;
    let r = Cohort::from_value(&doc).unwrap().report(&options).unwrap();
    assert_eq!(r.who5.left_out.spacing, Some(0));
    assert_eq!(r.who5.waves.len(), 4);
    let md = render(&r, &RenderOptions::new(Format::Md, Language::En));
    assert!(md.contains("Left out: 1 that cannot be scored, 2 dated outside participation"));
}

/// Targets only when asked for; `met` is judged on everyone in scope.
#[test]
fn targets_are_computed_only_when_asked_for() {
    let sample = Cohort::sample();
    let r = sample.report(&ReportOptions::default()).unwrap();
    assert!(r.targets.is_none());
    let mut options = ReportOptions::default();
    options.min_cell = 0;
    options.target = Some(TargetOptions::new(75));
    let r = sample.report(&options).unwrap();
    let t = r.targets.unwrap();
    assert_eq!(t.len(), 6);
    for row in &t {
        assert_eq!(row.in_scope, 80);
        assert!(row.assessed <= row.in_scope);
        let positive = row.positive.unwrap();
        assert_eq!(row.met, Some(100 * positive >= 75 * row.in_scope));
    }
    let mut only = TargetOptions::new(75);
    only.programmes = vec!["one_to_one".into()];
    options.target = Some(only);
    let r = sample.report(&options).unwrap();
    let in_scope = sample
        .participants
        .iter()
        .filter(|m| m.participant.programme.as_deref() == Some("one_to_one"))
        .count() as u64;
    assert!(in_scope > 0 && in_scope < 80);
    assert!(r.targets.unwrap().iter().all(|x| x.in_scope == in_scope));
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
    // A huge text value or one huge participant is refused before it is held.
    let huge = format!(
        "{{\"project\": \"{}\"}}",
        "x".repeat(overgang::limits::MAX_STRING_BYTES + 1)
    );
    let err = Cohort::from_json(&huge).unwrap_err();
    assert_eq!(err.errors()[0].code.as_str(), "too_large");
    assert!(err.to_string().contains("65 KB") && !err.to_string().contains("xxx"));
    let one = format!(
        "{{\"project\": \"x\", \"participants\": [{{\"who5\": [{}]}}]}}",
        "[1, 2, 3, 4, 5],".repeat(overgang::limits::MAX_RECORD_BYTES / 16 + 1)
    );
    let err = Cohort::from_reader(one.as_bytes()).unwrap_err();
    assert_eq!(err.errors()[0].code.as_str(), "too_large");
    assert!(err.to_string().contains("8 MB"));
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Whatever the bins and exclusions, "citizens by number of interventions" is a
        /// partition of the participants, and the referral flags never count in it.
        #[test]
        fn bins_partition_everyone(
            seed in 0u64..1000,
            steps in prop::collection::vec(1usize..4, 1..5),
            exclude in prop::collection::vec(any::<bool>(), 13),
        ) {
            use overgang::intervention::Category;
            use overgang::report::InterventionBins;
            let cohort = Cohort::from_value(&cohort_doc(30, seed)).unwrap();
            let mut edges = vec![0];
            for s in &steps {
                edges.push(edges.last().unwrap() + s);
            }
            let mut options = ReportOptions::default();
            options.min_cell = 0;
            options.intervention_bins = InterventionBins::Edges(edges.clone());
            options.bins_exclude = Category::ALL
                .iter()
                .zip(&exclude)
                .filter(|(_, x)| **x)
                .map(|(c, _)| *c)
                .collect();
            let r = cohort.report(&options).unwrap();
            prop_assert_eq!(r.interventions.by_count.len(), edges.len());
            let total: u64 = r.interventions.by_count.iter().map(|b| b.cell.count.unwrap()).sum();
            prop_assert_eq!(total, r.participants.count);
            // The first wave of the seed's comparison is the shown first wave.
            if let (Some(w), Some(f)) = (r.who5.waves.first(), r.who5.from_first_wave.first()) {
                prop_assert_eq!((w.n, w.mean_index), (f.n_from, f.mean_from));
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

#[test]
fn documents_and_reports_carry_their_format_version_and_a_newer_one_is_refused() {
    let cohort = Cohort::sample();
    let doc: serde_json::Value = serde_json::from_str(&cohort.to_json()).unwrap();
    assert_eq!(doc["schema_version"], overgang::limits::SCHEMA_VERSION);
    let report = cohort.report(&ReportOptions::default()).unwrap();
    assert_eq!(report.schema_version, overgang::limits::SCHEMA_VERSION);
    let mut newer = doc.clone();
    newer["schema_version"] = serde_json::json!(overgang::limits::SCHEMA_VERSION + 1);
    let err = Cohort::from_value(&newer).unwrap_err();
    assert_eq!(err.errors()[0].field, "schema_version");
    assert!(err.to_string().contains("newer version of overgang"));
    assert_eq!(Cohort::from_value(&doc).unwrap().participants.len(), 80);
}
