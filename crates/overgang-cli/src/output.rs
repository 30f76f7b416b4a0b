//! Writing a report: to stdout, or atomically to a file (temporary file in the same folder,
//! flushed to disk, then renamed), so an interrupted or failed run never leaves half a report.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Writes `text` to `path` (atomically) or to stdout.
pub fn write(path: Option<&Path>, text: &str) -> ExitCode {
    write_bytes(path, text.as_bytes(), None)
}

/// Writes `bytes` to `path` (atomically) or to stdout. A binary format (`binary`: its name,
/// e.g. `xlsx`) is refused on a terminal: it needs `-o FILE` or a redirection.
pub fn write_bytes(path: Option<&Path>, bytes: &[u8], binary: Option<&str>) -> ExitCode {
    use std::io::IsTerminal;
    if let (None, Some(format)) = (path, binary) {
        if std::io::stdout().is_terminal() {
            eprintln!(
                "error: {format} is a binary format and is not written to a terminal; give -o FILE (or redirect stdout to a file)"
            );
            return ExitCode::from(2);
        }
    }
    let result = match path {
        None => std::io::stdout().lock().write_all(bytes),
        Some(path) => atomic_write(path, bytes),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: could not write the report: {e}");
            ExitCode::FAILURE
        }
    }
}

pub fn atomic_write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // A device or a pipe (`-o /dev/null`, `-o /dev/stdout`, a FIFO) is written to as it is:
    // renaming a file over it would replace /dev/null with a regular file.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return std::fs::OpenOptions::new()
            .write(true)
            .open(path)?
            .write_all(bytes);
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // A random name created with O_EXCL and mode 0600 (special-category data): a file or
    // symlink planted at a predictable name cannot redirect the write.
    let mut tmp = tempfile::Builder::new()
        .prefix(".overgang-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    // Written in chunks so that a slow disk or a kill shows up as a partial temporary file,
    // never as a partial report. OVERGANG_TEST_WRITE_DELAY_MS slows the writing down so the
    // test suite can kill the process midway.
    let delay = std::env::var("OVERGANG_TEST_WRITE_DELAY_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(std::time::Duration::from_millis);
    for chunk in bytes.chunks(4 * 1024) {
        tmp.write_all(chunk)?;
        if let Some(d) = delay {
            tmp.flush()?;
            std::thread::sleep(d);
        }
    }
    // An existing report keeps its mode (say 0600, or 0640 for a team); a new one stays 0600.
    // `symlink_metadata`: the mode of a symlink's target is not copied.
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if meta.is_file() {
            tmp.as_file().set_permissions(meta.permissions())?;
        }
    }
    tmp.as_file().sync_all()?;
    // rename(2) replaces a symlink at `path` itself; it never writes through it.
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
