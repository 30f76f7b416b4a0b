//! The memory bound of docs/security.md for a report on a workbook: its sheets are read as
//! they stream, within the bound of CSV files (tests/memory.rs). Measured as the growth of the
//! peak resident memory (Linux: `VmHWM`) of a fresh process that does nothing but report. A
//! test binary of its own: the workbook writer it links would change the other binary's code
//! pages, which a fresh process's resident memory counts.
#![cfg(all(target_os = "linux", feature = "spreadsheet"))]

use overgang::cohort::Cohort;

/// The bound of a report read straight from a document or from CSV files (tests/memory.rs) ...
const REPORT_BYTES_PER_PARTICIPANT: usize = 1_200;
/// ... with a larger fixed part: each sheet's decompression window and buffers, the
/// workbook's parts, the participants' sheet made ahead on a thread of its own.
const FIXED_BYTES: usize = 8_000_000;

mod peak;
use peak::{assert_within, peak_of, print_growth, CHILD};

/// A workbook's sheets are read as they stream: the same bound as CSV files.
#[test]
fn a_report_read_from_a_workbook_keeps_neither_the_sheets_nor_the_records() {
    use overgang::cohort::csv::CsvOptions;
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    if let Some(path) = std::env::var_os(CHILD) {
        let paths = [std::path::PathBuf::from(path)];
        let report = print_growth(|| {
            Cohort::report_from_files("P", &paths, &CsvOptions::default(), &Default::default())
                .unwrap()
        });
        assert!(report.participants.count > 0);
        return;
    }
    let n = 10_000;
    let document: serde_json::Value =
        serde_json::from_str(&Cohort::generate(n, 13).to_json()).unwrap();
    // A sheet each, numbers as numbers and dates as date cells, as a project keeps them.
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for table in overgang::cohort::sheet::tables(&document) {
        let sheet = book.add_worksheet();
        sheet.set_name(table.kind.as_str()).unwrap();
        for (c, h) in table.header.iter().enumerate() {
            sheet.write_string(0, c as u16, h).unwrap();
        }
        for (r, row) in table.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                if cell.is_empty() {
                } else if let Ok(n) = cell.parse::<f64>() {
                    sheet.write_number(r, c, n).unwrap();
                } else if let Ok(d) = ExcelDateTime::parse_from_str(cell) {
                    sheet.write_datetime_with_format(r, c, &d, &date).unwrap();
                } else {
                    sheet.write_string(r, c, cell).unwrap();
                }
            }
        }
    }
    let path = std::env::temp_dir().join(format!("overgang-memory-{}.xlsx", std::process::id()));
    book.save(&path).unwrap();
    let peak = peak_of(
        "a_report_read_from_a_workbook_keeps_neither_the_sheets_nor_the_records",
        &path,
    );
    std::fs::remove_file(&path).unwrap();
    assert_within(peak, n, REPORT_BYTES_PER_PARTICIPANT, FIXED_BYTES);
}
