//! Golden test for a CTI course's results (`cti.results`): a cohort built from seed 004's
//! headline figures (lines 103, 107, 111, 115; `tests/golden/make_cti_results_fixture.py`) must
//! reproduce them exactly with suppression off. `UPDATE_GOLDEN=1` rewrites the expected file.

use overgang::cohort::Cohort;
use overgang::report::{Cell, Report, ReportOptions};
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden")
}

fn report(min_cell: u64) -> Report {
    let text = std::fs::read_to_string(dir().join("cti_results.cohort.json")).unwrap();
    let cohort = Cohort::from_json(&text).unwrap_or_else(|e| panic!("{e}"));
    let mut options = ReportOptions::default();
    options.min_cell = min_cell;
    cohort.report(&options).unwrap()
}

fn shown(c: Cell) -> (u64, u64) {
    (c.count.unwrap(), c.percent.unwrap())
}

#[test]
fn seed_004_headline_results_are_reproduced() {
    let r = report(0);
    let x = &r.cti.results;
    // Line 103: two thirds in the WHO-5 risk zone at the start, one third at the end.
    assert_eq!(x.risk_zone.n, 90);
    assert_eq!(shown(x.risk_zone.start), (60, 67));
    assert_eq!(shown(x.risk_zone.end), (30, 33));
    assert_eq!(x.risk_zone.start.count.unwrap() * 3, x.risk_zone.n * 2);
    assert_eq!(x.risk_zone.end.count.unwrap() * 3, x.risk_zone.n);
    // Line 107: a half sold sex in the last month at the start, a fifth at the end.
    assert_eq!(x.sold_sex_last_month.n, 90);
    assert_eq!(shown(x.sold_sex_last_month.start), (45, 50));
    assert_eq!(shown(x.sold_sex_last_month.end), (18, 20));
    // Line 111: 91 % of full courses with moderate or large progression across areas.
    assert_eq!(x.progression.n, 66);
    assert_eq!(shown(x.progression.moderate_or_large), (60, 91));
    // Line 115: 147 citizens; every status has a row and the rows sum to all courses.
    assert_eq!(r.cti.courses, 147);
    let sum: u64 = r.cti.by_status.iter().map(|s| s.cell.count.unwrap()).sum();
    assert_eq!(sum, 147);

    let actual = serde_json::to_string_pretty(&r.cti).unwrap() + "\n";
    let path = dir().join("cti_results.cti.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .expect("cti_results.cti.json is missing: run with UPDATE_GOLDEN=1 and review it");
    assert_eq!(actual, expected, "cti_results.cti.json differs");
}

#[test]
fn the_results_are_counted_only_up_to_the_report_date() {
    // On 2014-12-31 no course has run its full length yet: fewer courses have ended.
    let text = std::fs::read_to_string(dir().join("cti_results.cohort.json")).unwrap();
    let cohort = Cohort::from_json(&text).unwrap();
    let mut options = ReportOptions::default();
    options.min_cell = 0;
    options.as_of = Some(time::macros::date!(2014 - 12 - 31));
    let r = cohort.report(&options).unwrap();
    assert!(r.cti.results.risk_zone.n < 90);
    assert_eq!(r.cti.results.progression.n, 0);
}

#[test]
fn small_totals_are_suppressed_like_every_other_count() {
    let r = report(100);
    let x = &r.cti.results;
    assert_eq!(x.risk_zone.n, 90);
    assert!(x.risk_zone.start.suppressed && x.risk_zone.end.suppressed);
    assert!(x.progression.moderate_or_large.suppressed);
}
