//! `overgang audit REPORT.json`: the core's disclosure auditor on a report file.

use crate::{read, Failure};
use std::path::Path;
use std::process::ExitCode;

/// Audits a report file; prints the findings (values only in JSON, for the report's producer).
pub fn run(path: &Path, json: bool) -> ExitCode {
    let text = match read(path) {
        Ok(t) => t,
        Err(Failure::Io(msg)) => {
            eprintln!("error: {msg}");
            return ExitCode::from(2);
        }
        Err(Failure::Invalid(e)) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let report: overgang::report::Report = match overgang::json::parse_json(&text)
        .and_then(|v| overgang::report::Report::from_value(&v))
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::from(2);
        }
    };
    let findings = overgang::report::audit(&report);
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&findings).unwrap_or_default()
        );
    } else if findings.is_empty() {
        println!("No figure of this report can be worked out from its other figures.");
    } else {
        println!(
            "{} figure(s) can be worked out from other figures:",
            findings.len()
        );
        for f in &findings {
            println!("  {} ({})", f.figure, f.code);
        }
    }
    if findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
