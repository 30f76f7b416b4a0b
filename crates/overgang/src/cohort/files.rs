//! A project's files given by path, CSV files and workbooks in any order, each recognised by
//! its header: the report on them as the CLI (`overgang report *.csv book.xlsx`) and Python
//! (`Cohort.report_csv`) make it, with the `spreadsheet` feature. CSV files are read as they
//! stream; xlsx sheets too when they can be exactly ([`super::sheet_stream`]), other workbooks
//! whole ([`super::sheet::read_workbook`]).

use super::csv::CsvOptions;
use super::csv_stream::{read_bytes, with_sources, CsvSource, Source};
use super::sheet::{is_workbook, read_workbook};
use super::sheet_stream::{stream_workbook, OpenWorkbook, SheetStream, Workbook};
use super::Cohort;
use crate::error::ValidationError;
use crate::report::{Report, ReportOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

impl Cohort {
    /// The report on a project's files (CSV files and workbooks, in any order, each by its
    /// header), as [`Cohort::report_from_csv`] makes it; a workbook's sheets are named
    /// `file.xlsx:Sheet`. Files are named by their file name only, never by their path.
    ///
    /// ```
    /// use overgang::cohort::{csv::CsvOptions, Cohort};
    /// let dir = std::env::temp_dir().join(format!("overgang-doc-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// let people = dir.join("deltagere.csv");
    /// std::fs::write(&people, "id;køn;start\r\nA-1;Kvinde;10-02-2023\r\n").unwrap();
    /// let csv = CsvOptions::default().with_columns_text("køn=gender")?;
    /// let report = Cohort::report_from_files("P", &[people], &csv, &Default::default())?;
    /// assert_eq!(report.participants.count, 1);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// # Ok::<(), overgang::ValidationError>(())
    /// ```
    ///
    /// # Errors
    /// Those of [`Cohort::report_from_csv`] and [`read_workbook`]; a file that cannot be read
    /// is `invalid_format` on `file`, located at its name (check the paths first to name them).
    pub fn report_from_files(
        project: &str,
        paths: &[PathBuf],
        csv: &CsvOptions,
        options: &ReportOptions,
    ) -> Result<Report, ValidationError> {
        if let Some(report) = streamed(project, paths, csv, options) {
            return Ok(report);
        }
        let mut sheets = Vec::new();
        let mut errors = Vec::new();
        let mut on_disk = Vec::new();
        for path in paths {
            let name = file_name(path);
            if is_workbook(&name) {
                let read = read_bytes(&name, || std::fs::File::open(path))
                    .and_then(|bytes| read_workbook(&name, &bytes, csv));
                match read {
                    Ok(read) => sheets.extend(read),
                    Err(e) => errors.extend(e.into_errors()),
                }
            } else {
                on_disk.push((name, path.clone()));
            }
        }
        ValidationError::check(errors, || ())?;
        with_sources(&on_disk, &sheets, |files| {
            Cohort::report_from_csv(project, files, csv, options)
        })
    }
}

/// A path's file name, the name used in error locations.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| "file".to_string(), |n| n.to_string_lossy().into_owned())
}

/// The report when every file can be read as it streams, xlsx sheets included; `None`
/// otherwise.
fn streamed(
    project: &str,
    paths: &[PathBuf],
    csv: &CsvOptions,
    options: &ReportOptions,
) -> Option<Report> {
    let mut sheets: Vec<SheetStream> = Vec::new();
    let mut on_disk = Vec::new();
    for path in paths {
        let name = file_name(path);
        if !is_workbook(&name) {
            on_disk.push((name, path));
            continue;
        }
        let lower = name.to_ascii_lowercase();
        let xlsx = lower.ends_with(".xlsx") || lower.ends_with(".xlsm");
        // A workbook over the size limit is read whole, which refuses it.
        let size = std::fs::metadata(path).ok()?.len();
        if !xlsx || size > crate::limits::MAX_INPUT_BYTES as u64 {
            return None;
        }
        let path = path.clone();
        let open: OpenWorkbook = std::sync::Arc::new(move || {
            let file = std::fs::File::open(&path)?;
            Ok(Box::new(std::io::BufReader::new(file)) as Box<dyn Workbook>)
        });
        sheets.extend(stream_workbook(&name, open, csv)?);
    }
    // Files on disk, then the sheets, each opened when it is read.
    let opens_disk: Vec<_> = on_disk
        .iter()
        .map(|(_, p)| move || Ok(Box::new(std::fs::File::open(p)?) as Box<dyn Read>))
        .collect();
    let opens_sheet: Vec<_> = sheets
        .iter()
        .map(|s| move || Ok(s.open()? as Box<dyn Read>))
        .collect();
    let mut sources: Vec<Source<'_>> = Vec::new();
    for ((name, _), open) in on_disk.iter().zip(&opens_disk) {
        sources.push(Source::Csv(CsvSource { name, open }));
    }
    for (sheet, open) in sheets.iter().zip(&opens_sheet) {
        let name = sheet.name();
        let csv = CsvSource { name, open };
        sources.push(Source::Sheet { csv, sheet });
    }
    super::csv_stream::streamed(project, &sources, csv, options)
}
