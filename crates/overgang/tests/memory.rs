//! The memory bound of docs/security.md: reading a cohort document takes memory in proportion
//! to the participants kept, never to the text, and one participant's share is bounded.
//! Measured as the growth of the peak resident memory (Linux: `VmHWM`) of a fresh process that
//! does nothing but read the document.
#![cfg(target_os = "linux")]

use overgang::cohort::Cohort;

/// The bound stated in docs/security.md: memory per participant kept (generated participants
/// carry years of questionnaires, assessments and CTI courses) ...
const BYTES_PER_PARTICIPANT: usize = 1_600;
/// ... plus a fixed part (buffers, one participant's JSON value, batches in flight between
/// reading threads).
const FIXED_BYTES: usize = 4_000_000;
/// The bound of a report read straight from a document (`Cohort::report_from_reader`): the
/// report's facts of each participant, not their record.
const REPORT_BYTES_PER_PARTICIPANT: usize = 1_200;

mod peak;
use peak::{assert_within, peak_of, print_growth, status_bytes, CHILD};

#[test]
fn reading_takes_memory_by_participants_not_by_text() {
    if let Some(path) = std::env::var_os(CHILD) {
        let before = status_bytes("VmRSS:");
        let cohort = Cohort::from_reader(std::fs::File::open(path).unwrap()).unwrap();
        let growth = status_bytes("VmHWM:").saturating_sub(before);
        assert!(!cohort.participants.is_empty());
        eprintln!("peak growth: {growth}");
        return;
    }
    let n = 10_000;
    let cohort = Cohort::generate(n, 11);
    let compact = cohort.to_json();
    // The same document pretty-printed (wide indents, as some editors write) is several times
    // the bytes.
    let value: serde_json::Value = serde_json::from_str(&compact).unwrap();
    let mut pretty = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"        ");
    serde::Serialize::serialize(
        &value,
        &mut serde_json::Serializer::with_formatter(&mut pretty, formatter),
    )
    .unwrap();
    let pretty = String::from_utf8(pretty).unwrap();
    assert!(pretty.len() > 4 * compact.len());
    let dir = std::env::temp_dir().join(format!("overgang-memory-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (a, b) = (dir.join("compact.json"), dir.join("pretty.json"));
    std::fs::write(&a, &compact).unwrap();
    std::fs::write(&b, &pretty).unwrap();
    let test = "reading_takes_memory_by_participants_not_by_text";
    let (peak_compact, peak_pretty) = (peak_of(test, &a), peak_of(test, &b));
    std::fs::remove_dir_all(&dir).unwrap();
    // Both read back the same cohort (checked here, where it does not count).
    assert_eq!(Cohort::from_json(&pretty).unwrap(), cohort);

    let bound = n * BYTES_PER_PARTICIPANT + FIXED_BYTES;
    eprintln!(
        "peaks: compact {peak_compact}, pretty {peak_pretty} (text {} / {} bytes); bound {bound}",
        compact.len(),
        pretty.len()
    );
    assert!(
        peak_compact <= bound,
        "{peak_compact} bytes for {n} participants; bound {bound}"
    );
    assert!(
        peak_pretty <= bound,
        "{peak_pretty} bytes for {n} participants; bound {bound}"
    );
    // Not held as text: below the size of the pretty text.
    assert!(
        peak_pretty < pretty.len(),
        "{peak_pretty} >= {} text bytes",
        pretty.len()
    );
    // The layout of the text does not change the memory taken (within 20 %).
    let (lo, hi) = (peak_compact.min(peak_pretty), peak_compact.max(peak_pretty));
    assert!(
        hi * 5 <= lo * 6,
        "compact {peak_compact}, pretty {peak_pretty}"
    );
}

#[test]
fn a_report_read_from_a_document_keeps_facts_not_records() {
    if let Some(path) = std::env::var_os(CHILD) {
        let before = status_bytes("VmRSS:");
        let file = std::fs::File::open(path).unwrap();
        let report = Cohort::report_from_reader(file, &Default::default(), &mut |_| {}).unwrap();
        let growth = status_bytes("VmHWM:").saturating_sub(before);
        assert!(report.participants.count > 0);
        eprintln!("peak growth: {growth}");
        return;
    }
    let n = 10_000;
    let cohort = Cohort::generate(n, 12);
    let dir = std::env::temp_dir().join(format!("overgang-memory-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("cohort.json");
    std::fs::write(&path, cohort.to_json()).unwrap();
    let report = peak_of(
        "a_report_read_from_a_document_keeps_facts_not_records",
        &path,
    );
    let records = peak_of("reading_takes_memory_by_participants_not_by_text", &path);
    std::fs::remove_dir_all(&dir).unwrap();
    let bound = n * REPORT_BYTES_PER_PARTICIPANT + FIXED_BYTES;
    eprintln!("peaks: report {report}, records {records}; bound {bound}");
    assert!(
        report <= bound,
        "{report} bytes for {n} participants; bound {bound}"
    );
    assert!(report < records, "report {report} >= records {records}");
}

#[test]
fn a_report_read_from_csv_files_keeps_neither_the_files_nor_the_records() {
    use overgang::cohort::csv::CsvOptions;
    use overgang::cohort::csv_stream::CsvSource;
    use std::io::Read;
    if let Some(dir) = std::env::var_os(CHILD) {
        let paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        let names: Vec<String> = paths
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        let opens: Vec<_> = paths
            .iter()
            .map(|p| move || std::fs::File::open(p).map(|f| Box::new(f) as Box<dyn Read>))
            .collect();
        let sources: Vec<CsvSource<'_>> = names
            .iter()
            .zip(&opens)
            .map(|(name, open)| CsvSource { name, open })
            .collect();
        let report = print_growth(|| {
            Cohort::report_from_csv("P", &sources, &CsvOptions::default(), &Default::default())
                .unwrap()
        });
        assert!(report.participants.count > 0);
        return;
    }
    let n = 10_000;
    let document: serde_json::Value =
        serde_json::from_str(&Cohort::generate(n, 13).to_json()).unwrap();
    let dir = std::env::temp_dir().join(format!("overgang-memory-csv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for table in overgang::cohort::sheet::tables(&document) {
        let path = dir.join(format!("{}.csv", table.kind.as_str()));
        std::fs::write(path, overgang::cohort::sheet::to_csv(&table)).unwrap();
    }
    let peak = peak_of(
        "a_report_read_from_csv_files_keeps_neither_the_files_nor_the_records",
        &dir,
    );
    std::fs::remove_dir_all(&dir).unwrap();
    // The same bound as a report read straight from a document.
    assert_within(peak, n, REPORT_BYTES_PER_PARTICIPANT, FIXED_BYTES);
}
