//! Writes a generated cohort document of N participants to stdout (compact, one participant
//! per line), or, with `--csv DIR`, the same cohort as the CSV files `overgang report` reads
//! (participants, who5, gse, ten_step, interventions; CTI courses have no CSV format), or, with
//! `--xlsx FILE`, as one workbook with a sheet per file (numbers as numbers, dates as date
//! cells, text as text), for the whole-process benchmarks of `scripts/bench`.
//!
//! Usage: cargo run -p overgang-benches --release --bin generate -- N [SEED] [--csv DIR | --xlsx FILE] > cohort.json

use std::io::Write;

/// The value after `flag` in `args`, and the arguments without both.
fn take(args: Vec<String>, flag: &str) -> (Option<String>, Vec<String>) {
    match args.iter().position(|a| a == flag) {
        Some(i) => (
            args.get(i + 1).cloned(),
            [&args[..i], args.get(i + 2..).unwrap_or_default()].concat(),
        ),
        None => (None, args),
    }
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (csv_dir, args) = take(args, "--csv");
    let (xlsx, args) = take(args, "--xlsx");
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let seed: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(3);
    let cohort = overgang::cohort::Cohort::generate(n, seed);
    if csv_dir.is_some() || xlsx.is_some() {
        let document: serde_json::Value = serde_json::from_str(&cohort.to_json())?;
        let tables = overgang::cohort::sheet::tables(&document);
        if let Some(dir) = csv_dir {
            for table in &tables {
                let path = std::path::Path::new(&dir).join(format!("{}.csv", table.kind.as_str()));
                std::fs::write(path, overgang::cohort::sheet::to_csv(table))?;
            }
        }
        if let Some(path) = xlsx {
            workbook(&tables, &path).map_err(std::io::Error::other)?;
        }
        return Ok(());
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    cohort.write_json(&mut out)?;
    out.flush()
}

/// The tables as one workbook, a sheet each.
fn workbook(
    tables: &[overgang::cohort::sheet::Table],
    path: &str,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for table in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(table.kind.as_str())?;
        for (c, h) in table.header.iter().enumerate() {
            sheet.write_string(0, c as u16, h)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                if cell.is_empty() {
                    continue;
                }
                if let Ok(n) = cell.parse::<f64>() {
                    sheet.write_number(r, c, n)?;
                } else if let Ok(d) = ExcelDateTime::parse_from_str(cell) {
                    sheet.write_datetime_with_format(r, c, &d, &date)?;
                } else {
                    sheet.write_string(r, c, cell)?;
                }
            }
        }
    }
    book.save(path)
}
