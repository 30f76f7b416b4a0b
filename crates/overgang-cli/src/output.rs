//! Writing a report: to stdout, or atomically to a file (temporary file in the same folder,
//! flushed to disk, then renamed), so an interrupted or failed run never leaves half a report.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Writes `text` to `path` (atomically) or to stdout.
pub fn write(path: Option<&Path>, text: &str) -> ExitCode {
    let result = match path {
        None => std::io::stdout().lock().write_all(text.as_bytes()),
        Some(path) => atomic_write(path, text.as_bytes()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: could not write the report: {e}");
            ExitCode::FAILURE
        }
    }
}

fn atomic_write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        // Written in chunks so that a slow disk or a kill shows up as a partial temporary file,
        // never as a partial report. OVERGANG_TEST_WRITE_DELAY_MS slows the writing down so the
        // test suite can kill the process midway.
        let delay = std::env::var("OVERGANG_TEST_WRITE_DELAY_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .map(std::time::Duration::from_millis);
        for chunk in bytes.chunks(4 * 1024) {
            f.write_all(chunk)?;
            if let Some(d) = delay {
                f.flush()?;
                std::thread::sleep(d);
            }
        }
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}
