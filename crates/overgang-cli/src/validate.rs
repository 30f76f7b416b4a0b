//! Reading input files as the agencies have them (CSV as Danish Excel and SurveyXact write
//! them, cohort documents), and `overgang validate`: every problem of a set of files, grouped.

use crate::Failure;
use clap::Args;
use overgang::cohort::csv::{
    decode, kind_of_with, CsvFile, CsvFiles, CsvOptions, Encoding, Kind, OnError,
};
use overgang::cohort::Cohort;
use overgang::report::Excluded;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// How CSV files are read (`report` and `validate`).
#[derive(Args, Clone, Debug)]
pub struct InputArgs {
    /// Encoding of CSV files: auto (UTF-8 with or without BOM, else Windows-1252), utf-8 or
    /// windows-1252.
    #[arg(long, value_name = "NAME", default_value = "auto")]
    pub encoding: String,
    /// Column map for other exports: HEADER=COLUMN pairs, e.g. q1=item1,q2=item2,køn=gender.
    #[arg(long, value_name = "MAP")]
    pub columns: Option<String>,
    /// fail: refuse input with problems (default); drop: report without the CSV rows that have
    /// problems, counted in the report's `excluded`.
    #[arg(long, value_name = "MODE", default_value = "fail")]
    pub on_error: String,
}

impl Default for InputArgs {
    /// The command line's defaults: encoding detected, no column map, strict.
    fn default() -> Self {
        InputArgs {
            encoding: "auto".into(),
            columns: None,
            on_error: "fail".into(),
        }
    }
}

impl InputArgs {
    /// The core's CSV options (the core reads every value; nothing is echoed).
    pub fn options(&self) -> Result<CsvOptions, Failure> {
        let mut errors = Vec::new();
        let encoding = Encoding::parse(&self.encoding).unwrap_or_else(|e| {
            errors.push(e);
            Encoding::Auto
        });
        let on_error = OnError::parse(&self.on_error).unwrap_or_else(|e| {
            errors.push(e);
            OnError::Fail
        });
        if !errors.is_empty() {
            return Err(Failure::Invalid(overgang::ValidationError::new(errors)));
        }
        let options = CsvOptions::default()
            .with_encoding(encoding)
            .with_on_error(on_error);
        Ok(match &self.columns {
            Some(text) => options.with_columns_text(text)?,
            None => options,
        })
    }
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Reads a cohort from a JSON document or CSV files (recognised by their headers after the
/// column map), with the rows left out under `--on-error drop`.
pub fn load(
    files: &[PathBuf],
    project: &str,
    input: &InputArgs,
) -> Result<(Cohort, Option<Excluded>), Failure> {
    let options = input.options()?;
    if let [one] = files {
        if one
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        {
            return Ok((crate::progress::read_cohort(one)?, None));
        }
    }
    let mut texts = Vec::new();
    let mut errors = Vec::new();
    for p in files {
        let name = file_name(p);
        if is_spreadsheet(p) {
            texts.extend(spreadsheet(&name, crate::read_bytes(p)?, &options)?);
            continue;
        }
        match decode(&name, &crate::read_bytes(p)?, options.encoding) {
            Ok(text) => texts.push((name, text)),
            Err(e) => errors.extend(e.into_errors()),
        }
    }
    if !errors.is_empty() {
        return Err(Failure::Invalid(overgang::ValidationError::new(errors)));
    }
    let mut csv = CsvFiles::default();
    for (name, text) in &texts {
        let file = Some(CsvFile { name, text });
        let slot = match kind_of_with(text, &options) {
            Kind::Participants => &mut csv.participants,
            Kind::Who5 => &mut csv.who5,
            Kind::Gse => &mut csv.gse,
            Kind::TenStep => &mut csv.ten_step,
            Kind::Interventions => &mut csv.interventions,
            Kind::Venues => &mut csv.venues,
            Kind::Visits => &mut csv.visits,
            _ => {
                return Err(Failure::Io(format!(
                    "{name}: not a CSV file this version recognises"
                )))
            }
        };
        if slot.is_some() {
            return Err(Failure::Io(format!(
                "{name}: two files of the same kind by their headers; give one of each, and map other column names with --columns (e.g. q1=item1)"
            )));
        }
        *slot = file;
    }
    Ok(Cohort::from_csv_with(project, &csv, &options)?)
}

/// `overgang validate FILES...`: reads the files as `report` would and prints every problem
/// grouped by code, file and column (count and first rows); exit code 2 when there are any.
pub fn run(files: &[PathBuf], project: &str, input: &InputArgs) -> ExitCode {
    use std::fmt::Write as _;
    let mut text = String::new();
    let code = match load(files, project, input) {
        Ok((cohort, excluded)) => {
            let _ = writeln!(
                text,
                "valid: {} participant{}",
                cohort.participants.len(),
                if cohort.participants.len() == 1 {
                    ""
                } else {
                    "s"
                }
            );
            if let Some(x) = excluded.filter(|x| x.rows > 0) {
                let _ = writeln!(
                    text,
                    "left out: {} rows ({} participants)",
                    x.rows, x.participants
                );
                for (code, n) in &x.by_code {
                    let _ = writeln!(text, "  {n:>6} x {code}");
                }
            }
            ExitCode::SUCCESS
        }
        Err(Failure::Invalid(e)) => {
            text = e.summary().to_string();
            ExitCode::from(2)
        }
        Err(Failure::Io(msg)) => {
            eprintln!("error: {msg}");
            return ExitCode::from(2);
        }
    };
    // A closed pipe (`| head`) is not an error of the input.
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes());
    code
}

/// `.xlsx`, `.xlsm`, `.xls` or `.ods`, by the file's extension.
fn is_spreadsheet(p: &Path) -> bool {
    p.extension().is_some_and(|e| {
        ["xlsx", "xlsm", "xls", "ods"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

/// Every sheet of a workbook whose header the library recognises (a participants sheet needs
/// an `id` column; other sheets, such as instructions, are skipped), as CSV text named
/// `file:sheet`, each row on its own sheet row number, so errors give file, sheet, row and
/// column. Date cells are read as dates; whole numbers as whole numbers.
fn spreadsheet(
    name: &str,
    bytes: Vec<u8>,
    options: &CsvOptions,
) -> Result<Vec<(String, String)>, Failure> {
    use calamine::{open_workbook_auto_from_rs, Data, Reader};
    let unreadable = || {
        Failure::Io(format!(
            "{name}: not a readable spreadsheet (xlsx, xlsm, xls or ods)"
        ))
    };
    let mut book =
        open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|_| unreadable())?;
    let mut out = Vec::new();
    for sheet in book.sheet_names() {
        let Ok(range) = book.worksheet_range(&sheet) else {
            return Err(unreadable());
        };
        let Some((first_row, _)) = range.start() else {
            continue; // an empty sheet
        };
        let mut text = "\n".repeat(first_row as usize);
        for row in range.rows() {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::String(s) => s.clone(),
                    Data::Int(i) => i.to_string(),
                    Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
                        format!("{}", *f as i64)
                    }
                    Data::Float(f) => f.to_string(),
                    Data::Bool(b) => b.to_string(),
                    // `YYYY-MM-DD HH:MM:SS`: a date cell is a date at midnight.
                    Data::DateTime(d) => d
                        .as_datetime()
                        .map_or_else(|| "#DATE".into(), |t| t.to_string()),
                    Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                    // A formula error is not a value: kept as text, so it is refused, not missing.
                    Data::Error(_) => "#ERROR".into(),
                })
                .map(|cell| {
                    if cell.contains([';', '"', '\n', '\r']) {
                        format!("\"{}\"", cell.replace('"', "\"\""))
                    } else {
                        cell
                    }
                })
                .collect();
            text.push_str(&cells.join(";"));
            text.push('\n');
        }
        let header_known = kind_of_with(&text[first_row as usize..], options) != Kind::Participants
            || text[first_row as usize..]
                .lines()
                .next()
                .is_some_and(|h| h.split(';').any(|c| options_column(options, c) == "id"));
        if header_known {
            out.push((format!("{name}:{sheet}"), text));
        }
    }
    if out.is_empty() {
        return Err(Failure::Io(format!(
            "{name}: no sheet has a header this version recognises (an id column)"
        )));
    }
    Ok(out)
}

/// The library's column for a header cell (the column map applied), as the CSV reader sees it.
fn options_column(options: &CsvOptions, cell: &str) -> String {
    let h = cell.trim().trim_matches('"').to_lowercase();
    options
        .columns
        .iter()
        .find(|(from, _)| *from == h)
        .map_or(h, |(_, to)| to.clone())
}
