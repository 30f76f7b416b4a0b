//! Reading input files as the agencies have them (CSV as Danish Excel and SurveyXact write
//! them, cohort documents), and `overgang validate`: every problem of a set of files, grouped.

use crate::Failure;
use clap::Args;
use overgang::cohort::csv::{decode, CsvFiles, CsvOptions, Encoding, OnError};
use overgang::cohort::sheet::{add_by_header, is_workbook, read_workbook};
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

/// The one cohort document (`.json`) among the input files, if that is what they are.
pub fn one_document(files: &[PathBuf]) -> Option<&PathBuf> {
    match files {
        [one]
            if one
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json")) =>
        {
            Some(one)
        }
        _ => None,
    }
}

/// Whether every input file is a CSV file or a workbook (by its extension).
pub fn all_tables(files: &[PathBuf]) -> bool {
    !files.is_empty()
        && files.iter().all(|p| {
            p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"))
                || is_workbook(&p.to_string_lossy())
        })
}

/// The report on CSV files and workbooks, read as they stream (`Cohort::report_from_files`).
pub fn report_tables(
    files: &[PathBuf],
    project: &str,
    options: &overgang::report::ReportOptions,
    input: &InputArgs,
) -> Result<overgang::report::Report, Failure> {
    let csv = input.options()?;
    // A file that cannot be opened is named by its path, as for every other input.
    for p in files {
        std::fs::File::open(p).map_err(|e| Failure::Io(format!("{}: {e}", p.display())))?;
    }
    Ok(Cohort::report_from_files(project, files, &csv, options)?)
}

/// Reads a cohort from a JSON document, or CSV files and workbooks (their sheets), each
/// recognised by its header after the column map, with the rows left out under
/// `--on-error drop`.
pub fn load(
    files: &[PathBuf],
    project: &str,
    input: &InputArgs,
) -> Result<(Cohort, Option<Excluded>), Failure> {
    let options = input.options()?;
    if let Some(document) = one_document(files) {
        return Ok((crate::progress::read_cohort(document)?, None));
    }
    let mut texts = Vec::new();
    let mut errors = Vec::new();
    for p in files {
        let name = file_name(p);
        let bytes = crate::read_bytes(p)?;
        let read = if is_workbook(&name) {
            read_workbook(&name, &bytes, &options)
        } else {
            decode(&name, &bytes, options.encoding).map(|text| vec![(name, text)])
        };
        match read {
            Ok(t) => texts.extend(t),
            Err(e) => errors.extend(e.into_errors()),
        }
    }
    let mut csv = CsvFiles::default();
    for (name, text) in &texts {
        if let Err(e) = add_by_header(&mut csv, name, text, &options) {
            errors.push(e);
        }
    }
    if !errors.is_empty() {
        return Err(Failure::Invalid(overgang::ValidationError::new(errors)));
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
