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
                assert!(!overgang::privacy::contains_cpr(&e.message), "{name}");
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

// ---- Golden fixtures (tests/golden/outreach.*, built by make_outreach_fixtures.py) ----

use overgang::report::outreach::render::render;
use overgang::report::outreach::{compute, OutreachOptions, OutreachReport};
use overgang::report::{Cell, Format, RenderOptions};
use overgang::Language;

fn date(text: &str) -> time::Date {
    overgang::dates::parse_date("as_of", text).unwrap()
}

/// The report's figures in the shape of the fixture's oracle (suppression off).
fn oracle_shape(r: &OutreachReport) -> Value {
    let n = |c: &Cell| c.count.unwrap();
    let figures = |f: &overgang::report::outreach::Figures| {
        json!({"visits": n(&f.visits), "venues_visited": n(&f.venues_visited),
               "women_met": n(&f.women_met), "new_contacts": n(&f.new_contacts),
               "counselled": n(&f.counselled), "sti_tests": n(&f.sti_tests),
               "referred_to_clinic": n(&f.referred_to_clinic)})
    };
    let rows = |rows: &[overgang::report::outreach::KeyRow]| -> Value {
        rows.iter()
            .map(|r| (r.key.clone(), json!(n(&r.cell))))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    let months: serde_json::Map<String, Value> = r
        .contacts_per_month
        .iter()
        .filter(|m| m.new_contacts.count != Some(0))
        .map(|m| (m.month.clone(), json!(n(&m.new_contacts))))
        .collect();
    json!({
        "as_of": r.as_of.to_string(),
        "years": r.years.iter().map(|y| (y.year.to_string(), figures(&y.figures))).collect::<serde_json::Map<_, _>>(),
        "total": figures(&r.total),
        "venues": n(&r.venues.count),
        "by_visits": rows(&r.venues.by_visits),
        "by_status": rows(&r.venues.by_status),
        "active_by_form": rows(&r.venues.active_by_form),
        "active_by_region": rows(&r.venues.active_by_region),
        "new_contacts_per_month": months,
        "nationalities": rows(&r.nationalities.top),
    })
}

fn golden(file: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/golden")
        .join(file);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{file} is missing: run with UPDATE_GOLDEN=1 and review it"));
    assert_eq!(
        actual, expected,
        "{file} differs; if intended, rerun with UPDATE_GOLDEN=1 and review the diff"
    );
}

/// Reads a fixture, checks the unsuppressed report against the oracle's figures and returns
/// the report with the default suppression.
fn fixture(name: &str) -> (OutreachReport, OutreachReport) {
    let o = Outreach::from_json(&repo_file(&format!("tests/golden/outreach.{name}.json")))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let expected: Value = serde_json::from_str(&repo_file(&format!(
        "tests/golden/outreach.{name}.expected.json"
    )))
    .unwrap();
    let as_of = date(expected["as_of"].as_str().unwrap());
    let open = compute(&o, &OutreachOptions::new(Some(as_of), 0));
    let mut got = oracle_shape(&open);
    // The oracle lists every nationality; the report names the top five and groups the rest.
    let top: Vec<(String, Value)> = expected["nationalities"]
        .as_object()
        .unwrap()
        .iter()
        .take(5)
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut expected = expected.clone();
    expected["nationalities"] = Value::Object(top.into_iter().collect());
    got["as_of"] = expected["as_of"].clone();
    assert_eq!(got, expected, "{name}");
    let hidden = compute(&o, &OutreachOptions::new(Some(as_of), 5));
    golden(
        &format!("outreach.{name}.report.json"),
        &render(&hidden, &RenderOptions::new(Format::Json, Language::En)),
    );
    golden(
        &format!("outreach.{name}.report.md"),
        &render(&hidden, &RenderOptions::new(Format::Md, Language::Da)),
    );
    (open, hidden)
}

#[test]
fn copenhagen_meets_the_yearly_targets_of_seed_003() {
    let (open, hidden) = fixture("copenhagen");
    let t: Vec<Value> = hidden
        .targets
        .iter()
        .map(|t| {
            json!([
                t.year,
                t.measure,
                t.target,
                t.achieved.count,
                t.percent_of_target
            ])
        })
        .collect();
    assert_eq!(
        t,
        [
            json!([2024, "new_contacts", 150, 150, 100]),
            json!([2024, "counselled", 75, 75, 100])
        ]
    );
    assert_eq!(open.contacts_per_month.len(), 12);
    // every month has five or more new contacts, so all are shown
    assert!(hidden
        .contacts_per_month
        .iter()
        .all(|m| !m.new_contacts.suppressed));
    // the one escort profile never visited is hidden; since the mapping's 20 venues minus the
    // venues visited would give it away, the venues visited are hidden too
    let by_visits: Vec<Option<u64>> = hidden
        .venues
        .by_visits
        .iter()
        .map(|r| r.cell.count)
        .collect();
    assert_eq!(by_visits, [None, None, None]);
    assert_eq!(hidden.venues.count.count, Some(20));
    assert!(hidden.total.venues_visited.suppressed);
}

#[test]
fn the_national_project_passes_the_250_of_seed_000() {
    let (_, hidden) = fixture("national");
    let t = &hidden.targets[0];
    assert_eq!(
        (t.year, t.measure.as_str(), t.target),
        (2018, "new_contacts", 250)
    );
    assert_eq!(
        (t.achieved.count, t.percent_of_target),
        (Some(262), Some(105))
    );
    // clinics outside the capital: four regions, none in Hovedstaden
    let regions: Vec<(&str, Option<u64>)> = hidden
        .venues
        .active_by_region
        .iter()
        .map(|r| (r.key.as_str(), r.cell.count))
        .collect();
    assert_eq!(regions[0], ("hovedstaden", Some(0)));
}

// ---- Property tests ----

use proptest::prelude::*;

/// A random but valid outreach document: venues with distinctive codes (`QZX-<n>7`, which no
/// rendered number or label can contain by chance) and visits inside their venues' periods.
fn document() -> impl Strategy<Value = Value> {
    let venue = (0usize..6, 0usize..8, 0i64..400, prop::option::of(0i64..300));
    let visit = (
        0usize..20,
        0i64..700,
        0u64..12,
        0u64..12,
        0u64..12,
        0u64..12,
        0u64..12,
        0usize..5,
        0u64..12,
    );
    (prop::collection::vec(venue, 0..10), prop::collection::vec(visit, 0..40), 2u64..7).prop_map(|(venues, visits, _)| {
        let forms = ["clinic", "escort", "private", "street", "bar", "online"];
        let places = [101, 147, 751, 461, 851, 370, 561, 860];
        let start = date("2023-01-01");
        let day = |d: i64| (start + time::Duration::days(d)).to_string();
        let venues_json: Vec<Value> = venues
            .iter()
            .enumerate()
            .map(|(i, &(f, p, first, len))| {
                let mut v = json!({"id": format!("QZX-{i}7"), "form": forms[f], "first_seen": day(first)});
                if forms[f] != "online" || p % 2 == 0 {
                    v["municipality"] = json!(places[p]);
                }
                if let Some(len) = len {
                    v["last_seen"] = json!(day(first + len));
                }
                v
            })
            .collect();
        let visits_json: Vec<Value> = visits
            .iter()
            .map(|&(vi, d, met, a, b, c, e, nat, k)| {
                let cap = |x: u64| x.min(met);
                let mut v = json!({"women_met": met, "new_contacts": cap(a), "counselled": cap(b),
                                   "health": {"sti_tests": cap(c), "referred_to_clinic": cap(e)}});
                let codes = ["TH", "RO", "BG", "NG", "HU"];
                let first = cap(k);
                let mut n = serde_json::Map::new();
                if first > 0 {
                    n.insert(codes[nat].into(), json!(first));
                }
                if met - first > 0 && nat != 0 {
                    n.insert("TH".into(), json!((met - first).min(k)));
                }
                v["nationalities"] = Value::Object(n);
                match venues.get(vi) {
                    Some(&(_, _, first_seen, len)) => {
                        let span = len.unwrap_or(700 - first_seen).max(0);
                        v["date"] = json!(day(first_seen + d % (span + 1)));
                        v["venue"] = json!(format!("QZX-{vi}7"));
                    }
                    None => {
                        v["date"] = json!(day(d));
                        v["form"] = json!(forms[vi % 6]);
                        if vi % 6 != 5 {
                            v["municipality"] = json!(places[vi % 8]);
                        }
                    }
                }
                v
            })
            .collect();
        json!({"venues": venues_json, "outreach_visits": visits_json, "outreach_targets": {"new_contacts": 150, "counselled": 75}})
    })
}

fn counts(rows: &[overgang::report::outreach::KeyRow]) -> Vec<Option<u64>> {
    rows.iter().map(|r| r.cell.count).collect()
}

fn sum(v: &[Option<u64>]) -> u64 {
    v.iter().map(|c| c.unwrap()).sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn counts_add_up_without_suppression(doc in document()) {
        let o = Outreach::from_value(&doc).unwrap();
        let r = compute(&o, &OutreachOptions::new(Some(date("2025-03-01")), 0));
        let active = r.venues.by_status[0].cell.count.unwrap();
        // per form and per region, the active venues sum to the total
        prop_assert_eq!(sum(&counts(&r.venues.active_by_form)), active);
        prop_assert_eq!(sum(&counts(&r.venues.active_by_region)), active);
        let all = r.venues.count.count.unwrap();
        prop_assert_eq!(all, o.venues.len() as u64);
        prop_assert_eq!(sum(&counts(&r.venues.by_status)), all);
        prop_assert_eq!(sum(&counts(&r.venues.by_visits)), all);
        // years add up to the total, months to their year
        let year = |f: fn(&overgang::report::outreach::Figures) -> Cell| -> u64 {
            r.years.iter().map(|y| f(&y.figures).count.unwrap()).sum()
        };
        prop_assert_eq!(year(|f| f.women_met), r.total.women_met.count.unwrap());
        prop_assert_eq!(year(|f| f.new_contacts), r.total.new_contacts.count.unwrap());
        prop_assert_eq!(year(|f| f.visits), o.visits.len() as u64);
        for y in &r.years {
            let months: u64 = r.contacts_per_month.iter()
                .filter(|m| m.month.starts_with(&y.year.to_string()))
                .map(|m| m.new_contacts.count.unwrap()).sum();
            prop_assert_eq!(months, y.figures.new_contacts.count.unwrap());
        }
        let nat = sum(&counts(&r.nationalities.top)) + r.nationalities.other.count.unwrap()
            + r.nationalities.not_recorded.count.unwrap();
        prop_assert_eq!(nat, r.total.women_met.count.unwrap());
    }

    #[test]
    fn no_output_names_a_venue_and_no_small_count_is_shown(doc in document(), min_cell in 2u64..7) {
        let o = Outreach::from_value(&doc).unwrap();
        let r = compute(&o, &OutreachOptions::new(Some(date("2025-03-01")), min_cell));
        for format in [Format::Json, Format::Md, Format::Html, Format::Csv] {
            for lang in [Language::Da, Language::En] {
                let text = render(&r, &RenderOptions::new(format, lang));
                for v in &o.venues {
                    prop_assert!(!text.contains(v.id.as_str()), "{} named in {:?}", v.id, format);
                }
            }
        }
        let json = serde_json::to_value(&r).unwrap();
        let mut shown = Vec::new();
        cells(&json, &mut shown);
        for c in shown {
            prop_assert!(c == 0 || c >= min_cell, "count {} shown with min_cell {}", c, min_cell);
        }
        // every published sum: with its total shown it hides none or at least two of its
        // parts; with its total hidden it hides all of them
        for (cells, total) in published_sums(&r) {
            let hidden = cells.iter().filter(|c| c.is_none()).count();
            if total.is_some() {
                prop_assert_ne!(hidden, 1);
            } else {
                prop_assert_eq!(hidden, cells.len());
            }
        }
    }
}

/// The sums a report publishes: (parts, total), as shown (`None` when hidden).
fn published_sums(r: &OutreachReport) -> Vec<(Vec<Option<u64>>, Option<u64>)> {
    let active = r.venues.by_status[0].cell.count;
    let by_visits = counts(&r.venues.by_visits);
    let mut sums = vec![
        (counts(&r.venues.active_by_form), active),
        (counts(&r.venues.active_by_region), active),
        (counts(&r.venues.by_status), r.venues.count.count),
        (
            vec![by_visits[0], r.total.venues_visited.count],
            r.venues.count.count,
        ),
        (by_visits[1..].to_vec(), r.total.venues_visited.count),
    ];
    let mut nat = counts(&r.nationalities.top);
    nat.extend([
        r.nationalities.other.count,
        r.nationalities.not_recorded.count,
    ]);
    sums.push((nat, r.total.women_met.count));
    let measures: [fn(&overgang::report::outreach::Figures) -> Cell; 6] = [
        |f| f.visits,
        |f| f.women_met,
        |f| f.new_contacts,
        |f| f.counselled,
        |f| f.sti_tests,
        |f| f.referred_to_clinic,
    ];
    for m in measures {
        sums.push((
            r.years.iter().map(|y| m(&y.figures).count).collect(),
            m(&r.total).count,
        ));
    }
    for y in &r.years {
        let months = r
            .contacts_per_month
            .iter()
            .filter(|m| m.month.starts_with(&format!("{:04}-", y.year)))
            .map(|m| m.new_contacts.count)
            .collect();
        sums.push((months, y.figures.new_contacts.count));
    }
    sums
}

/// Every shown count of a serialised report (`{"count": n, ...}` objects), targets excluded.
fn cells(v: &Value, out: &mut Vec<u64>) {
    match v {
        Value::Object(o) => {
            if let (Some(Value::Number(n)), Some(_)) = (o.get("count"), o.get("percent")) {
                out.push(n.as_u64().unwrap());
            }
            for (k, x) in o {
                if k != "options" && k != "target" {
                    cells(x, out);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| cells(x, out)),
        _ => {}
    }
}

#[test]
fn report_vectors() {
    for case in load("outreach.json")["report"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let o = Outreach::from_value(&case["document"]).unwrap_or_else(|e| panic!("{name}: {e}"));
        let opts = &case["options"];
        let options = OutreachOptions::new(
            opts["as_of"].as_str().map(date),
            opts["min_cell"].as_u64().unwrap(),
        );
        let report = serde_json::to_value(compute(&o, &options)).unwrap();
        for (pointer, expected) in case["expected"].as_object().unwrap() {
            assert_eq!(report.pointer(pointer), Some(expected), "{name}: {pointer}");
        }
    }
}

/// Cases of the auditor's property: `PROPTEST_CASES` for a long run, else fewer in debug builds.
fn audit_cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(if cfg!(debug_assertions) { 200 } else { 2000 })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(audit_cases()))]

    /// The outreach tables are in the auditor's relations (years and total, months and year,
    /// the mapping's tables, nationalities and women met, targets and their year), and the
    /// outreach suppression leaves it nothing to pin down.
    #[test]
    fn the_auditor_finds_nothing_in_a_random_outreach_report(doc in document(), min_cell in 2u64..7) {
        let o = Outreach::from_value(&doc).unwrap();
        let mut report = overgang::cohort::Cohort::sample().report(&Default::default()).unwrap();
        report.options.min_cell = min_cell;
        report.outreach = Some(compute(&o, &OutreachOptions::new(Some(date("2025-03-01")), min_cell)));
        let findings = overgang::report::audit(&report);
        prop_assert!(findings.iter().all(|f| !f.figure.starts_with("outreach")), "{:?}", findings);
    }
}

/// Unprotected, an outreach figure that follows from others is found: a year hidden beside
/// the total and the other years.
#[test]
fn the_auditor_reads_the_outreach_tables() {
    let o = Outreach::from_value(&json!({"outreach_visits": [
        {"date": "2023-03-01", "form": "online", "women_met": 20, "new_contacts": 9},
        {"date": "2024-03-01", "form": "online", "women_met": 3, "new_contacts": 3},
        {"date": "2025-03-01", "form": "online", "women_met": 12, "new_contacts": 8}]}))
    .unwrap();
    let mut report = overgang::cohort::Cohort::sample()
        .report(&Default::default())
        .unwrap();
    let mut r = compute(&o, &OutreachOptions::new(Some(date("2025-12-31")), 5));
    report.outreach = Some(r.clone());
    assert!(overgang::report::audit(&report).is_empty());
    // Show the other years' women met again: 35 - 20 - 12 = 3 for 2024.
    for y in &mut r.years {
        if y.year != 2024 {
            let c = if y.year == 2023 { 20 } else { 12 };
            y.figures.women_met = Cell::shown(c, 0);
        }
    }
    r.total.women_met = Cell::shown(35, 0);
    report.outreach = Some(r);
    let findings = overgang::report::audit(&report);
    assert!(
        findings
            .iter()
            .any(|f| f.figure == "outreach.years[2024].women_met" && f.value == Some(3)),
        "{findings:?}"
    );
}
