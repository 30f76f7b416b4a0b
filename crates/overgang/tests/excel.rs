//! Files as Danish Excel and SurveyXact write them (`tests/fixtures/excel/`, made from
//! `sample.cohort.json` by `make_fixtures.py`): Windows-1252 and UTF-8 with a byte-order mark,
//! CRLF, semicolons, Danish headers (through the column map), Danish labels, day-first dates,
//! decimal commas. They must report the same numbers as the JSON they came from. Also: line
//! numbers, header problems once per file, leaving rows out, property tests of the lenient
//! cell reading, and a privacy scan of every error from these paths.

use overgang::cohort::csv::{
    decode, kind_of_with, read_cell, CsvFile, CsvFiles, CsvOptions, Encoding, Kind, OnError,
};
use overgang::cohort::Cohort;
use overgang::report::{read_options, ReportOptions};
use overgang::ValidationError;
use proptest::prelude::*;
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/excel")
}

fn options() -> ReportOptions {
    read_options(&serde_json::json!({"as_of": "2023-12-31"}))
        .unwrap()
        .0
}

/// The fixture files, decoded, with the kinds their headers give under the column map.
fn fixtures(csv: &CsvOptions) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for name in [
        "deltagere.csv",
        "who5_surveyxact.csv",
        "gse.csv",
        "tiskala.csv",
        "indsatser.csv",
    ] {
        let bytes = std::fs::read(dir().join(name)).unwrap();
        out.push((
            name.to_string(),
            decode(name, &bytes, csv.encoding).unwrap(),
        ));
    }
    out
}

fn files<'a>(texts: &'a [(String, String)], csv: &CsvOptions) -> CsvFiles<'a> {
    let mut files = CsvFiles::default();
    for (name, text) in texts {
        let file = Some(CsvFile { name, text });
        match kind_of_with(text, csv) {
            Kind::Participants => files.participants = file,
            Kind::Who5 => files.who5 = file,
            Kind::Gse => files.gse = file,
            Kind::TenStep => files.ten_step = file,
            Kind::Interventions => files.interventions = file,
            _ => panic!("{name}: not recognised"),
        }
    }
    files
}

fn column_map() -> CsvOptions {
    let text = std::fs::read_to_string(dir().join("columns.txt")).unwrap();
    CsvOptions::default()
        .with_columns_text(text.trim())
        .unwrap()
}

#[test]
fn the_fixtures_are_written_as_excel_writes_them() {
    let people = std::fs::read(dir().join("deltagere.csv")).unwrap();
    assert!(
        std::str::from_utf8(&people).is_err(),
        "Windows-1252, not UTF-8"
    );
    assert!(people.windows(2).any(|w| w == b"\r\n"));
    let who5 = std::fs::read(dir().join("who5_surveyxact.csv")).unwrap();
    assert!(who5.starts_with(b"\xef\xbb\xbf"));
}

#[test]
fn excel_files_report_the_same_numbers_as_the_json_they_came_from() {
    let csv = column_map();
    let texts = fixtures(&csv);
    let files = files(&texts, &csv);
    let from_csv = Cohort::from_csv_with("Eksempelprojekt", &files, &csv)
        .unwrap_or_else(|e| panic!("{e}"))
        .0;
    let json = std::fs::read_to_string(dir().join("sample.cohort.json")).unwrap();
    let from_json = Cohort::from_json(&json).unwrap();
    assert_eq!(from_csv.participants.len(), from_json.participants.len());
    let a = serde_json::to_value(from_csv.report(&options()).unwrap()).unwrap();
    let b = serde_json::to_value(from_json.report(&options()).unwrap()).unwrap();
    assert_eq!(a, b);
    // And the report is not empty: every section has counts.
    assert_eq!(a["participants"]["count"], 80);
    assert!(a["who5"]["waves"].as_array().is_some_and(|w| !w.is_empty()));
}

#[test]
fn forcing_the_wrong_encoding_is_an_error_with_file_and_line() {
    let bytes = std::fs::read(dir().join("deltagere.csv")).unwrap();
    let e = decode("deltagere.csv", &bytes, Encoding::Utf8).unwrap_err();
    let at = e.errors()[0].location.clone().unwrap();
    assert_eq!((at.file.as_str(), at.line), ("deltagere.csv", 1)); // `Køn` on the header line
                                                                   // Forced Windows-1252 on a UTF-8 file reads, but the header no longer matches the map.
    let text = decode("x.csv", "køn\r\n".as_bytes(), Encoding::Windows1252).unwrap();
    assert_eq!(text, "kÃ¸n\r\n");
}

fn one(people: &str, who5: Option<&str>, csv: &CsvOptions) -> Result<Cohort, ValidationError> {
    let files = CsvFiles {
        participants: Some(CsvFile {
            name: "p.csv",
            text: people,
        }),
        who5: who5.map(|text| CsvFile {
            name: "w.csv",
            text,
        }),
        ..Default::default()
    };
    Cohort::from_csv_with("P", &files, csv).map(|(c, _)| c)
}

fn lines(e: &ValidationError) -> Vec<(String, u64, Option<String>, &'static str)> {
    e.errors()
        .iter()
        .map(|f| {
            let at = f.location.clone().unwrap();
            (at.file, at.line, at.column, f.code.as_str())
        })
        .collect()
}

#[test]
fn line_numbers_are_the_files_own_for_lf_crlf_and_quoted_newlines() {
    let csv = CsvOptions::default();
    for nl in ["\n", "\r\n"] {
        let people = format!("id;start;forms{nl}A-1;2023-01-01;street{nl}{nl}A-2;2023-99-01;\"street;{nl}bar\"{nl}A-3;2023-01-01;\"bar{nl}street\"{nl}A-4;2023-01-01;{nl}A-5;x;{nl}");
        let e = one(&people, None, &csv).unwrap_err();
        assert_eq!(
            lines(&e),
            [
                ("p.csv".into(), 4, Some("start".into()), "invalid_format"),
                // A line break inside one list element: not a form, reported where the row starts.
                ("p.csv".into(), 6, Some("forms".into()), "unknown_value"),
                ("p.csv".into(), 9, Some("start".into()), "invalid_format")
            ],
            "{nl:?}"
        );
    }
}

#[test]
fn header_problems_are_reported_once_per_file() {
    // SurveyXact's q1..q5 without a column map: 433 rows, but one problem per column.
    let people: String = std::iter::once("id;start".to_string())
        .chain((0..433).map(|i| format!("A-{i};2023-01-01")))
        .collect::<Vec<_>>()
        .join("\r\n");
    let who5: String = std::iter::once("id;date;q1;q2;q3;q4;q5;Kirsten Hansen".to_string())
        .chain((0..433).map(|i| format!("A-{i};2023-01-01;1;2;3;4;5;x")))
        .collect::<Vec<_>>()
        .join("\r\n");
    let e = one(&people, Some(&who5), &CsvOptions::default()).unwrap_err();
    assert_eq!(e.errors().len(), 11, "{e}");
    let missing = e.errors().iter().filter(|f| f.code.as_str() == "missing");
    assert_eq!(
        missing.map(|f| f.field.as_str()).collect::<Vec<_>>(),
        ["item1", "item2", "item3", "item4", "item5"]
    );
    assert!(e
        .errors()
        .iter()
        .any(|f| f.field == "column #8" && f.code.as_str() == "unknown_field"));
    // With the map the same file reads (the extra column is still refused, once).
    let csv = CsvOptions::default()
        .with_columns_text("q1=item1,q2=item2,q3=item3,q4=item4,q5=item5")
        .unwrap();
    let e = one(&people, Some(&who5), &csv).unwrap_err();
    assert_eq!(e.errors().len(), 1);
    let who5 = who5.replace(";Kirsten Hansen", "").replace(";x", "");
    assert_eq!(
        one(&people, Some(&who5), &csv).unwrap().participants.len(),
        433
    );
    // An unknown participants column is one error too, not one per participant.
    let people = people.replacen("id;start", "id;start;Kirsten Hansen", 1);
    let people = people.replace("2023-01-01", "2023-01-01;x");
    let e = one(&people, None, &CsvOptions::default()).unwrap_err();
    assert_eq!(lines(&e), [("p.csv".into(), 1, None, "unknown_field")]);
}

#[test]
fn drop_leaves_out_bad_rows_and_counts_them_per_code() {
    let people =
        "id;start;gender\nA-1;2023-01-01;Kvinde\nA-2;2023-01-01;kvindelig\nA-3;2023-01-01;mand\n";
    let who5 = "id;date;item1;item2;item3;item4;item5\nA-1;01-02-2023;1;2;3;4;6\nA-1;01-03-2023;1;2;3;4;5\nA-2;01-02-2023;1;2;3;4;5\nA-9;01-02-2023;1;2;3;4;5\n";
    let strict = one(people, Some(who5), &CsvOptions::default()).unwrap_err();
    assert_eq!(strict.errors().len(), 3, "{strict}");
    let files = CsvFiles {
        participants: Some(CsvFile {
            name: "p.csv",
            text: people,
        }),
        who5: Some(CsvFile {
            name: "w.csv",
            text: who5,
        }),
        ..Default::default()
    };
    let csv = CsvOptions::default().with_on_error(OnError::Drop);
    let (cohort, excluded) = Cohort::from_csv_with("P", &files, &csv).unwrap();
    let excluded = excluded.unwrap();
    assert_eq!(cohort.participants.len(), 2);
    assert_eq!(cohort.participants[0].who5.len(), 1);
    assert_eq!(excluded.rows, 4);
    assert_eq!(excluded.participants, 1);
    assert_eq!(excluded.with_participant, 1);
    let codes: Vec<(&str, u64)> = excluded
        .by_code
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(
        codes,
        [("out_of_range", 1), ("unknown_value", 2)],
        "{excluded:?}"
    );
    let mut report = cohort.report(&options()).unwrap();
    report.excluded = Some(excluded);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["excluded"]["by_code"]["unknown_value"], 2);
    // A header problem is not in a row: it still refuses the input.
    let bad = "id;start;Kirsten\nA-1;2023-01-01;x\n";
    let files = CsvFiles {
        participants: Some(CsvFile {
            name: "p.csv",
            text: bad,
        }),
        ..Default::default()
    };
    assert!(Cohort::from_csv_with("P", &files, &csv).is_err());
}

/// A text that must never appear in an error: a name and a CPR number.
const SECRET: &str = "Kirsten Hansen 010190-1234";

fn assert_private(e: &ValidationError) {
    let all = format!("{e} {}", serde_json::to_string(e).unwrap());
    assert!(!all.contains("Kirsten"), "{all}");
    assert!(!all.contains("010190"), "{all}");
}

#[test]
fn no_error_from_these_paths_repeats_the_input() {
    let s = SECRET;
    // Headers, cells of every kind, the column map, encodings, on_error.
    let people = format!("id;start;end;gender;age;age_band;forms;goal;anonymous;anti_trafficking_referral;interventions;{s}\n{s};{s};{s};{s};{s};{s};{s};{s};{s};{s};{s};{s}\n");
    let people_ok = format!("id;start;end;gender;age;age_band;forms;goal;anonymous;anti_trafficking_referral;interventions\nA-1;{s};{s};{s};{s};{s};{s};{s};{s};{s};{s}\n{s};2023-01-01;;;;;;;;;\nA-1;2023-01-01;;;;;;;;;\n");
    let who5 = format!("id;date;item1;item2;item3;item4;item5\nA-1;{s};{s};{s};1;2;3\n{s};{s};1;1;1;1;1\nA-1;2023-01-01;1\n\"A-1;2023\n");
    let who5_header = format!("id;date;item1;item2;item3;item4;{s}\n");
    for csv in [
        CsvOptions::default(),
        CsvOptions::default().with_on_error(OnError::Drop),
    ] {
        for (p, w) in [
            (&people, None),
            (&people_ok, Some(&who5)),
            (&people_ok, Some(&who5_header)),
        ] {
            let files = CsvFiles {
                participants: Some(CsvFile {
                    name: "p.csv",
                    text: p,
                }),
                who5: w.map(|text| CsvFile {
                    name: "w.csv",
                    text,
                }),
                ..Default::default()
            };
            match Cohort::from_csv_with("P", &files, &csv) {
                Err(e) => assert_private(&e),
                Ok((c, _)) => assert!(!format!("{c:?}").is_empty()),
            }
        }
    }
    for bad in [
        format!("q1={s}"),
        s.to_string(),
        "q1=item1,Q1=item2".to_string(),
    ] {
        assert_private(&CsvOptions::default().with_columns_text(&bad).unwrap_err());
    }
    let e = Encoding::parse(s).unwrap_err();
    assert_private(&ValidationError::new(vec![e]));
    let e = OnError::parse(s).unwrap_err();
    assert_private(&ValidationError::new(vec![e]));
    let mut bytes = s.as_bytes().to_vec();
    bytes.push(0xf8);
    assert_private(&decode("x.csv", &bytes, Encoding::Utf8).unwrap_err());
}

proptest! {
    #[test]
    fn a_label_in_any_case_reads_as_its_id(i in 0usize..overgang::intervention::Category::ALL.len(), lang in 0usize..3, upper in prop::collection::vec(any::<bool>(), 60)) {
        use overgang::intervention::Category;
        let m = Category::ALL[i];
        let text = match lang { 0 => m.as_str(), 1 => m.label(overgang::Language::Da), _ => m.label(overgang::Language::En) };
        let mixed: String = text.chars().zip(upper.iter().cycle()).map(|(c, u)| if *u { c.to_uppercase().next().unwrap_or(c) } else { c }).collect();
        prop_assert_eq!(read_cell("category", &format!(" {mixed} ")), m.as_str());
        prop_assert_eq!(read_cell("interventions", &format!("{mixed}|{mixed}")), format!("{0};{0}", m.as_str()));
    }

    #[test]
    fn a_day_first_date_reads_as_its_iso_date(days in 0i64..60_000, sep in prop::sample::select(vec!["-", ".", "/"]), time in prop::sample::select(vec!["", " 00:00:00", "T00:00", " 00:00:00.000"]), pad in any::<bool>()) {
        let d = time::Date::from_calendar_date(1900, time::Month::January, 1).unwrap() + time::Duration::days(days);
        let iso = overgang::dates::format_date(d);
        let (day, month) = if pad { (format!("{:02}", d.day()), format!("{:02}", u8::from(d.month()))) } else { (d.day().to_string(), u8::from(d.month()).to_string()) };
        let text = format!("{day}{sep}{month}{sep}{:04}{time}", d.year());
        prop_assert_eq!(read_cell("start", &text), iso.clone());
        prop_assert_eq!(read_cell("date", &format!("{iso}{time}")), iso);
    }

    #[test]
    fn a_decimal_comma_reads_as_its_number(whole in 0u32..1000, frac in 0u32..100) {
        let comma = format!("{whole},{frac:02}");
        let expected = if frac == 0 { whole.to_string() } else { format!("{whole}.{frac:02}") };
        prop_assert_eq!(read_cell("item1", &comma), expected);
        prop_assert_eq!(read_cell("age", &format!("{whole}.0")), whole.to_string());
        prop_assert_eq!(read_cell("age", &format!("{whole},0")), whole.to_string());
    }
}

#[test]
fn a_label_in_a_list_column_is_located_in_that_column() {
    let people = "id;start;interventions\nA-1;2023-01-01;\"Rådgivning og vejledning;yoga\"\n";
    let e = one(people, None, &CsvOptions::default()).unwrap_err();
    assert_eq!(
        lines(&e),
        [(
            "p.csv".into(),
            2,
            Some("interventions".into()),
            "unknown_value"
        )]
    );
    // In the interventions file the column is `category`.
    let files = CsvFiles {
        participants: Some(CsvFile {
            name: "p.csv",
            text: "id;start\nA-1;2023-01-01\n",
        }),
        interventions: Some(CsvFile {
            name: "i.csv",
            text: "id;category;date\nA-1;Gruppeterapi;01-02-2023\nA-1;yoga;\n",
        }),
        ..Default::default()
    };
    let e = Cohort::from_csv_with("P", &files, &CsvOptions::default()).unwrap_err();
    assert_eq!(
        lines(&e),
        [("i.csv".into(), 3, Some("category".into()), "unknown_value")]
    );
}
