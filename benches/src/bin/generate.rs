//! Writes a generated cohort document of N participants to stdout (compact, one participant
//! per line), or, with `--csv DIR`, the same cohort as the CSV files `overgang report` reads
//! (participants, who5, gse, ten_step, interventions; CTI courses have no CSV format), for the
//! whole-process benchmarks of `scripts/bench`.
//!
//! Usage: cargo run -p overgang-benches --release --bin generate -- N [SEED] [--csv DIR] > cohort.json

use std::io::Write;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (csv_dir, args) = match args.iter().position(|a| a == "--csv") {
        Some(i) => (
            args.get(i + 1).cloned(),
            [&args[..i], args.get(i + 2..).unwrap_or_default()].concat(),
        ),
        None => (None, args),
    };
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let seed: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(3);
    let cohort = overgang::cohort::Cohort::generate(n, seed);
    if let Some(dir) = csv_dir {
        let document: serde_json::Value = serde_json::from_str(&cohort.to_json())?;
        for table in overgang::cohort::sheet::tables(&document) {
            let path = std::path::Path::new(&dir).join(format!("{}.csv", table.kind.as_str()));
            std::fs::write(path, overgang::cohort::sheet::to_csv(&table))?;
        }
        return Ok(());
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    cohort.write_json(&mut out)?;
    out.flush()
}
