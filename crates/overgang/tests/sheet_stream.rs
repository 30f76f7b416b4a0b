//! Sheets streamed as CSV text (`cohort::sheet_stream`) give exactly the text of the
//! whole-sheet reader (`cohort::sheet::read_workbook`), and a sheet that cannot be streamed
//! exactly says so instead of giving other text.
#![cfg(feature = "spreadsheet")]

use overgang::cohort::csv::CsvOptions;
use overgang::cohort::sheet::{read_workbook, tables};
use overgang::cohort::sheet_stream::{stream_workbook, OpenWorkbook, SheetStream, Workbook};
use overgang::cohort::Cohort;
use proptest::prelude::*;
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

/// A sheet's rows read straight from its cells (as the streamed report reads them).
fn cell_rows(sheet: &SheetStream) -> std::io::Result<Vec<Vec<String>>> {
    sheet.rows()?.collect()
}

/// The rows of a sheet's CSV text, read back.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
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
        if stray && matches!(table.kind.as_str(), "who5" | "participants") {
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
            assert_eq!(cell_rows(sheet).unwrap(), csv_rows(expected), "{name}");
        }
    }
}

#[test]
fn the_registration_fixtures_stream_as_they_are_read_whole() {
    // Written by hand (inline strings) and by openpyxl (styles, frozen panes, an autofilter's
    // defined name, day-first date formats).
    for fixture in ["registrering.xlsx", "registrering-openpyxl.xlsx"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/excel")
            .join(fixture);
        let bytes = std::fs::read(path).unwrap();
        let options = CsvOptions::default();
        let whole = read_workbook("r.xlsx", &bytes, &options).unwrap();
        let streamed = stream_workbook("r.xlsx", opener(bytes), &options).unwrap();
        assert_eq!(
            streamed.iter().map(SheetStream::name).collect::<Vec<_>>(),
            whole.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
            "{fixture}"
        );
        for (sheet, (_, expected)) in streamed.iter().zip(&whole) {
            assert_eq!(&text(sheet).unwrap(), expected, "{fixture}");
            assert_eq!(cell_rows(sheet).unwrap(), csv_rows(expected), "{fixture}");
        }
    }
}

#[test]
fn a_value_outside_the_header_columns_is_not_streamed() {
    let options = CsvOptions::default();
    let bytes = workbook(30, 4, true);
    let streamed = stream_workbook("p.xlsx", opener(bytes), &options).unwrap();
    // WHO-5's sheet, and the participants' sheet (made ahead on a thread of its own), say so.
    let stray =
        |s: &&SheetStream| s.name().ends_with(":who5") || s.name().ends_with(":participants");
    assert_eq!(streamed.iter().filter(stray).count(), 2);
    assert!(streamed.iter().filter(stray).all(|s| text(s).is_err()));
    assert!(streamed.iter().filter(stray).all(|s| cell_rows(s).is_err()));
    // The other sheets stream.
    assert!(streamed
        .iter()
        .filter(|s| !stray(s))
        .all(|s| text(s).is_ok()));
    // The report on the file is the whole reader's: here, the stray note's columns refused.
    let (report, expected) = reports(&workbook(30, 4, true));
    assert!(report.is_err());
    assert_eq!(report, expected);
}

/// A report on a workbook as a file (`Cohort::report_from_files`: streamed, or read whole when
/// it cannot be), and on the whole reader's text of its sheets, each as JSON or an error.
fn reports(
    bytes: &[u8],
) -> (
    Result<serde_json::Value, String>,
    Result<serde_json::Value, String>,
) {
    let options = CsvOptions::default();
    let name = format!("overgang-{}-{}.xlsx", std::process::id(), bytes.len());
    let path = std::env::temp_dir().join(&name);
    std::fs::write(&path, bytes).unwrap();
    let report = Cohort::report_from_files(
        "P",
        std::slice::from_ref(&path),
        &options,
        &Default::default(),
    );
    std::fs::remove_file(&path).unwrap();
    let whole = read_workbook(&name, bytes, &options).unwrap();
    let expected = overgang::cohort::csv_stream::with_sources(&[], &whole, |files| {
        Cohort::report_from_csv("P", files, &options, &Default::default())
    });
    let json = |r: Result<overgang::report::Report, overgang::ValidationError>| {
        r.map(|r| serde_json::to_value(r).unwrap())
            .map_err(|e| e.to_string())
    };
    (json(report), json(expected))
}

/// A cell of the property test: how it is written.
#[derive(Debug, Clone)]
enum Cell {
    Blank,
    Number(f64, Option<String>),
    Text(String),
    Bool(bool),
    FormulaText(String),
    FormulaNumber(f64),
    /// Rich text: runs, every other one bold.
    Rich(Vec<String>),
}

fn cell() -> impl Strategy<Value = Cell> {
    let number = prop_oneof![
        (0u32..100_000).prop_map(f64::from),
        prop::sample::select(vec![
            0.1, -0.0, 1e20, 44_000.5, -3.25, 1e15, 0.000_001, 45_000.0
        ]),
    ];
    // Date, duration and number formats, and codes made of the characters that decide.
    let format = prop_oneof![
        prop::sample::select(vec![
            "yyyy-mm-dd",
            "0.00",
            "[h]:mm",
            "d/m/yyyy;@",
            "\"Y\"0",
            "#,##0",
            "mm:ss",
            "[s].0",
            "General",
            "@",
            "h:mm AM/PM",
            "[Red]0",
            "0_m",
        ])
        .prop_map(str::to_string),
        "[dmyhsaAP/0#.;\"_\\\\\\[\\] ]{1,8}",
    ];
    let text = "[a-zæøå0-9 ;\"&<>'_x\\n\\-]{0,12}";
    prop_oneof![
        1 => Just(Cell::Blank),
        4 => (number.clone(), prop::option::of(format)).prop_map(|(n, f)| Cell::Number(n, f)),
        4 => text.prop_map(Cell::Text),
        1 => any::<bool>().prop_map(Cell::Bool),
        1 => text.prop_map(Cell::FormulaText),
        1 => number.prop_map(Cell::FormulaNumber),
        1 => prop::collection::vec("[a-zæø ;&<_x0D]{1,6}", 1..4).prop_map(Cell::Rich),
    ]
}

/// A WHO-5 sheet (its header known) with `rows` of cells below the header, in a workbook of
/// shared strings or, when `inline`, of inline strings.
fn cells_workbook(rows: &[Vec<Cell>], inline: bool) -> Vec<u8> {
    let mut book = Writer::new();
    let sheet = if inline {
        book.add_worksheet_with_constant_memory()
    } else {
        book.add_worksheet()
    };
    sheet.set_name("who5").unwrap();
    for (c, h) in ["id", "date", "item1", "item2", "item3", "item4", "item5"]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        let r = 2 + r as u32;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Blank => {}
                Cell::Number(n, None) => drop(sheet.write_number(r, c, *n).unwrap()),
                Cell::Number(n, Some(code)) => {
                    let format = Format::new().set_num_format(code);
                    sheet.write_number_with_format(r, c, *n, &format).unwrap();
                }
                Cell::Text(t) => drop(sheet.write_string(r, c, t).unwrap()),
                Cell::Bool(b) => drop(sheet.write_boolean(r, c, *b).unwrap()),
                Cell::FormulaText(t) => {
                    let formula = rust_xlsxwriter::Formula::new("=A1").set_result(t.as_str());
                    sheet.write_formula(r, c, formula).unwrap();
                }
                Cell::FormulaNumber(n) => {
                    let formula = rust_xlsxwriter::Formula::new("=1").set_result(n.to_string());
                    sheet.write_formula(r, c, formula).unwrap();
                }
                Cell::Rich(runs) => {
                    let (plain, bold) = (Format::new(), Format::new().set_bold());
                    let runs: Vec<(&Format, &str)> = runs
                        .iter()
                        .enumerate()
                        .map(|(i, t)| (if i % 2 == 0 { &plain } else { &bold }, t.as_str()))
                        .collect();
                    sheet.write_rich_string(r, c, &runs).unwrap();
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the cells, a streamed sheet gives the whole-sheet reader's text, or says it
    /// cannot (then the workbook is read whole).
    #[test]
    fn streamed_cells_are_the_whole_readers_or_refused(
        rows in prop::collection::vec(prop::collection::vec(cell(), 7), 1..30),
        inline in any::<bool>(),
    ) {
        let bytes = cells_workbook(&rows, inline);
        let options = CsvOptions::default();
        let whole = read_workbook("c.xlsx", &bytes, &options).unwrap();
        if let Some(streamed) = stream_workbook("c.xlsx", opener(bytes), &options) {
            for (sheet, (_, expected)) in streamed.iter().zip(&whole) {
                if let Ok(text) = text(sheet) {
                    prop_assert_eq!(&text, expected);
                }
                // Read from the cells: the rows of that text, or refused as it is.
                match cell_rows(sheet) {
                    Ok(rows) => prop_assert_eq!(rows, csv_rows(expected)),
                    Err(_) => prop_assert!(text(sheet).is_err()),
                }
            }
        }
    }

    /// Plain cells (numbers, dates, text without Excel's escapes) are streamed, not refused.
    #[test]
    fn plain_cells_are_streamed(
        rows in prop::collection::vec(prop::collection::vec(
            prop_oneof![
                (0u32..100_000).prop_map(|n| Cell::Number(f64::from(n), None)),
                (40_000u32..50_000).prop_map(|n| Cell::Number(f64::from(n), Some("yyyy-mm-dd".into()))),
                "[a-zæøå0-9 ;\"&<>'-]{0,12}".prop_map(Cell::Text),
                prop::collection::vec("[a-zæø ;&<]{1,6}", 2..4).prop_map(Cell::Rich),
                Just(Cell::Blank),
            ], 7), 1..30),
        inline in any::<bool>(),
    ) {
        // A last row with every column, so that no value is right of the header's last.
        let mut rows = rows;
        rows.push(vec![Cell::Number(1.0, None); 7]);
        let bytes = cells_workbook(&rows, inline);
        let options = CsvOptions::default();
        let whole = read_workbook("c.xlsx", &bytes, &options).unwrap();
        let streamed = stream_workbook("c.xlsx", opener(bytes), &options).unwrap();
        prop_assert_eq!(streamed.len(), 1);
        prop_assert_eq!(&text(&streamed[0]).unwrap(), &whole[0].1);
        prop_assert_eq!(cell_rows(&streamed[0]).unwrap(), csv_rows(&whole[0].1));
    }
}

/// A workbook's parts, by name, in the archive's order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut part = zip.by_index(i).unwrap();
            let mut body = Vec::new();
            part.read_to_end(&mut body).unwrap();
            (part.name().to_string(), body)
        })
        .collect()
}

fn rezip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, body) in parts {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(body).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The parts of a small project's workbook with text, rich text, numbers, dates and formulas,
/// to break.
fn parts_to_break() -> &'static [(String, Vec<u8>)] {
    static PARTS: std::sync::OnceLock<Vec<(String, Vec<u8>)>> = std::sync::OnceLock::new();
    PARTS.get_or_init(|| {
        let mut rows = vec![
            vec![
                Cell::Text("A&B".into()),
                Cell::Number(45_000.0, Some("yyyy-mm-dd".into())),
                Cell::Number(2.0, None),
                Cell::FormulaNumber(3.0),
                Cell::FormulaText("x;y".into()),
                Cell::Bool(true),
                Cell::Number(0.5, Some("[h]:mm".into())),
            ];
            3
        ];
        rows.push(vec![Cell::Text("B-2".into()); 7]);
        rows.push(vec![Cell::Rich(vec!["C".into(), "-3".into()]); 7]);
        unzip(&cells_workbook(&rows, false))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// A workbook whose XML is broken at any byte is streamed as the whole-sheet reader reads
    /// it, or not streamed: never read differently, never read where the whole reader fails.
    #[test]
    fn broken_xml_is_read_as_the_whole_reader_reads_it_or_refused(
        part in 0usize..16,
        at in 0.0f64..1.0,
        cut in 0usize..5,
        byte in prop::sample::select(b"<>/\"'=& \n:0195AaBrstvcf;#x_-".to_vec()),
    ) {
        let mut parts = parts_to_break().to_vec();
        let xml: Vec<usize> = (0..parts.len()).filter(|&i| parts[i].0.ends_with(".xml") || parts[i].0.ends_with(".rels")).collect();
        let (_, body) = &mut parts[xml[part % xml.len()]];
        let i = ((body.len() as f64) * at) as usize % body.len().max(1);
        // Replace a byte, put one in, or cut one to three bytes out.
        if cut == 0 {
            body[i] = byte;
        } else if cut == 4 {
            body.insert(i, byte);
        } else {
            body.drain(i..(i + cut).min(body.len()));
        }
        let (name, body) = &parts[xml[part % xml.len()]];
        let near = String::from_utf8_lossy(&body[i.saturating_sub(60)..(i + 60).min(body.len())]);
        let broken = format!("{name}: {near}");
        let bytes = rezip(&parts);
        let options = CsvOptions::default();
        let whole = read_workbook("b.xlsx", &bytes, &options);
        let Some(streamed) = stream_workbook("b.xlsx", opener(bytes), &options) else {
            return Ok(());
        };
        let texts: Result<Vec<String>, _> = streamed.iter().map(text).collect();
        let Ok(texts) = texts else { return Ok(()) };
        // Every sheet streamed: the whole reader reads the same sheets, with the same text.
        let whole = whole.map_err(|_| TestCaseError::fail(format!("streamed, not read whole: {broken}")))?;
        prop_assert_eq!(
            streamed.iter().map(SheetStream::name).collect::<Vec<_>>(),
            whole.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>()
        );
        for ((text, sheet), (_, expected)) in texts.iter().zip(&streamed).zip(&whole) {
            prop_assert_eq!(text, expected);
            // Read from its cells, as the streamed report reads it: the rows of that text.
            let rows = cell_rows(sheet).map_err(|_| TestCaseError::fail(format!("rows refused: {broken}")))?;
            prop_assert_eq!(rows, csv_rows(expected));
        }
    }
}

/// Sheets whose first rows are empty (the header further down, and not in the first column)
/// are read: the empty lines before the header are passed over when the kind of each sheet
/// and its delimiter are told from its header.
#[test]
fn a_workbook_with_empty_rows_above_its_headers_is_reported_on() {
    let n = 200;
    let bytes = workbook(n, 3, false);
    let whole = read_workbook("r.xlsx", &bytes, &CsvOptions::default()).unwrap();
    assert!(whole.iter().all(|(_, text)| text.starts_with("\n\n")));
    let (report, expected) = reports(&bytes);
    assert_eq!(report.as_ref().unwrap()["participants"]["count"], n);
    assert_eq!(report, expected);
}

/// A workbook whose archive says a sheet unzips to 4 GB (a decompression bomb) is refused
/// before it is read, by the streamed and the whole reader alike.
#[test]
fn a_workbook_that_would_unzip_past_the_limit_is_refused() {
    let mut bytes = workbook(5, 1, false);
    // The central directory's record of the first sheet: its uncompressed size, 24 bytes in.
    let name = b"xl/worksheets/sheet1.xml";
    let record = (0..bytes.len() - 46)
        .find(|&i| bytes[i..i + 4] == [0x50, 0x4b, 0x01, 0x02] && bytes[i + 46..].starts_with(name))
        .unwrap();
    bytes[record + 24..record + 28].copy_from_slice(&0xF000_0000u32.to_le_bytes());
    let options = CsvOptions::default();
    assert!(stream_workbook("b.xlsx", opener(bytes.clone()), &options).is_none());
    let error = read_workbook("b.xlsx", &bytes, &options).unwrap_err();
    assert_eq!(error.errors()[0].code, overgang::ErrorCode::TooLarge);
    assert_eq!(
        error.to_string(),
        "b.xlsx line 1: file: the workbook unzips to 4026 MB; the limit is 2000 MB"
    );
}

/// A sheet whose header line has more commas than semicolons is read with `,` between cells,
/// as the whole reader reads its CSV text (its rows are then read from that text, not from its
/// cells): the same errors, at the same row.
#[test]
fn a_header_read_with_commas_is_read_as_the_whole_reader_reads_it() {
    let mut book = Writer::new();
    let people = book.add_worksheet();
    people.set_name("deltagere").unwrap();
    for (c, h) in ["id", "start"].iter().enumerate() {
        people.write_string(0, c as u16, *h).unwrap();
    }
    people.write_string(1, 0, "A-1").unwrap();
    people.write_string(1, 1, "2024-01-15").unwrap();
    let who5 = book.add_worksheet();
    who5.set_name("who5").unwrap();
    let header = ["id", "date", "item1", "item2", "item3", "item4", "item5"];
    for (c, h) in header.iter().enumerate() {
        who5.write_string(0, c as u16, *h).unwrap();
    }
    who5.write_string(0, 7, "note, a, b, c, d, e, f, g, h, i")
        .unwrap();
    who5.write_string(1, 0, "A-1").unwrap();
    who5.write_string(1, 1, "2024-02-01").unwrap();
    for c in 2..7 {
        who5.write_number(1, c, 3.0).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    let whole = read_workbook("c.xlsx", &bytes, &CsvOptions::default()).unwrap();
    let line = whole[1].1.lines().next().unwrap();
    assert!(
        line.matches(',').count() > line.matches(';').count(),
        "{line}"
    );
    let (report, expected) = reports(&bytes);
    assert_eq!(report, expected);
    // Read with `,`, the header has ten columns and the row (written with `;`) one.
    let error = report.unwrap_err();
    assert!(
        error.contains("who5 line 2: row: has 1 cells; the header has 10"),
        "{error}"
    );
}

/// A bare `&` in a shared string's element, after its text (found by the broken-XML property
/// test): the whole reader refuses the workbook, so it is not streamed either.
#[test]
fn a_bare_ampersand_beside_a_shared_string_is_not_streamed() {
    let mut parts = parts_to_break().to_vec();
    let (_, strings) = parts
        .iter_mut()
        .find(|(name, _)| name == "xl/sharedStrings.xml")
        .unwrap();
    let at = strings.windows(4).position(|w| w == b"</t>").unwrap() + 4;
    strings.insert(at, b'&');
    let bytes = rezip(&parts);
    let options = CsvOptions::default();
    assert!(read_workbook("b.xlsx", &bytes, &options).is_err());
    let streamed = stream_workbook("b.xlsx", opener(bytes), &options);
    assert!(streamed.is_none());
}
