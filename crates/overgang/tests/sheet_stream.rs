//! Sheets streamed as CSV text (`cohort::sheet_stream`) give exactly the text of the
//! whole-sheet reader (`cohort::sheet::read_workbook`), and a sheet that cannot be streamed
//! exactly says so instead of giving other text.
#![cfg(feature = "spreadsheet")]

use overgang::cohort::csv::CsvOptions;
use overgang::cohort::sheet::{read_workbook, tables};
use overgang::cohort::sheet_stream::{stream_workbook, OpenWorkbook, SheetStream, Workbook};
use overgang::cohort::Cohort;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook as Writer};
use std::io::Read;
use std::sync::Arc;

fn opener(bytes: Vec<u8>) -> OpenWorkbook {
    let bytes: Arc<[u8]> = bytes.into();
    Arc::new(move || Ok(Box::new(std::io::Cursor::new(Arc::clone(&bytes))) as Box<dyn Workbook>))
}

fn text(sheet: &SheetStream) -> std::io::Result<String> {
    let mut text = String::new();
    sheet.open()?.read_to_string(&mut text)?;
    Ok(text)
}

/// A generated project as a workbook the way a project keeps it: numbers as numbers, dates as
/// date cells, text as text, a title row above the header and an empty row inside.
fn workbook(n: usize, seed: u64, stray: bool) -> Vec<u8> {
    let document: serde_json::Value =
        serde_json::from_str(&Cohort::generate(n, seed).to_json()).unwrap();
    let mut book = Writer::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for table in tables(&document) {
        let sheet = book.add_worksheet();
        sheet.set_name(table.kind.as_str()).unwrap();
        // The header on the third row, from the second column.
        for (c, h) in table.header.iter().enumerate() {
            sheet.write_string(2, c as u16 + 1, h).unwrap();
        }
        for (r, row) in table.rows.iter().enumerate() {
            // An empty row after the fifth.
            let r = 3 + r as u32 + u32::from(r >= 5);
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16 + 1;
                if cell.is_empty() {
                    continue;
                }
                if let Ok(n) = cell.parse::<f64>() {
                    sheet.write_number(r, c, n).unwrap();
                } else if let Ok(d) = ExcelDateTime::parse_from_str(cell) {
                    sheet.write_datetime_with_format(r, c, &d, &date).unwrap();
                } else {
                    sheet.write_string(r, c, cell).unwrap();
                }
            }
        }
        if stray && table.kind.as_str() == "who5" {
            // A note right of the header's columns, further down.
            sheet.write_string(9, 20, "see note").unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn streamed_sheets_are_the_whole_sheet_readers_text() {
    let options = CsvOptions::default();
    for (n, seed) in [(1, 1), (30, 2), (200, 3)] {
        let bytes = workbook(n, seed, false);
        let whole = read_workbook("p.xlsx", &bytes, &options).unwrap();
        let streamed = stream_workbook("p.xlsx", opener(bytes), &options).unwrap();
        assert_eq!(streamed.len(), whole.len());
        for (sheet, (name, expected)) in streamed.iter().zip(&whole) {
            assert_eq!(sheet.name(), name);
            assert_eq!(&text(sheet).unwrap(), expected, "{name}");
        }
    }
}

#[test]
fn the_registration_fixture_streams_as_it_is_read_whole() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/excel/registrering.xlsx");
    let bytes = std::fs::read(path).unwrap();
    let options = CsvOptions::default();
    let whole = read_workbook("r.xlsx", &bytes, &options).unwrap();
    let streamed = stream_workbook("r.xlsx", opener(bytes), &options).unwrap();
    assert_eq!(
        streamed.iter().map(SheetStream::name).collect::<Vec<_>>(),
        whole.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>()
    );
    for (sheet, (_, expected)) in streamed.iter().zip(&whole) {
        assert_eq!(&text(sheet).unwrap(), expected);
    }
}

#[test]
fn a_value_outside_the_header_columns_is_not_streamed() {
    let options = CsvOptions::default();
    let bytes = workbook(30, 4, true);
    let streamed = stream_workbook("p.xlsx", opener(bytes), &options).unwrap();
    let who5 = streamed
        .iter()
        .find(|s| s.name().ends_with(":who5"))
        .unwrap();
    assert!(text(who5).is_err());
    // The other sheets stream.
    assert!(streamed
        .iter()
        .filter(|s| !s.name().ends_with(":who5"))
        .all(|s| text(s).is_ok()));
}
