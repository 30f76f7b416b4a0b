//! Reading a cohort document from a file as it is parsed (never the whole text in memory), with
//! a progress bar on stderr when stderr is a terminal; quiet in pipes and scripts.

use crate::Failure;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use overgang::cohort::{Cohort, ReadProgress};
use overgang::report::{Report, ReportOptions};
use overgang::ValidationError;
use std::fs::File;
use std::io::IsTerminal;
use std::path::Path;

/// Files smaller than this load too fast for a bar to help.
const BAR_FROM_BYTES: u64 = 20_000_000;

/// Reads a cohort document from `path` (a file, a pipe or `/dev/stdin`).
pub fn read_cohort(path: &Path) -> Result<Cohort, Failure> {
    with_bar(path, |file, progress| {
        Cohort::from_reader_with_progress(file, progress)
    })
}

/// The report on the cohort document at `path`, read without keeping its records (see
/// [`Cohort::report_from_reader`]).
pub fn report(path: &Path, options: &ReportOptions) -> Result<Report, Failure> {
    with_bar(path, |file, progress| {
        Cohort::report_from_reader(file, options, progress)
    })
}

/// Runs `read` on the file at `path` with a progress bar when it is large and stderr is a
/// terminal.
fn with_bar<T>(
    path: &Path,
    read: impl FnOnce(File, &mut dyn FnMut(ReadProgress)) -> Result<T, ValidationError>,
) -> Result<T, Failure> {
    let file = File::open(path).map_err(|e| Failure::Io(format!("{}: {e}", path.display())))?;
    let size = file
        .metadata()
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.len());
    if size.is_some_and(|n| n > overgang::limits::MAX_DOCUMENT_BYTES) {
        return Err(Failure::Io(format!(
            "{}: the input is larger than the {} MB limit",
            path.display(),
            overgang::limits::MAX_DOCUMENT_BYTES / 1_000_000
        )));
    }
    let bar = match size {
        Some(n) if n >= BAR_FROM_BYTES && std::io::stderr().is_terminal() => Some(bar(n)),
        _ => None,
    };
    let mut shown = 0u64;
    let result = read(file, &mut |p: ReadProgress| {
        // Redraw at most every megabyte.
        if let Some(bar) = &bar {
            if p.bytes >= shown + 1_000_000 {
                shown = p.bytes;
                bar.set_position(p.bytes);
                bar.set_message(format!("{} participants", p.participants));
            }
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    result.map_err(Failure::Invalid)
}

fn bar(len: u64) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("reading {bar:30} {bytes}/{total_bytes} {msg} ({eta})")
    {
        bar.set_style(style);
    }
    bar
}
