//! What the memory tests share (a folder module, so cargo does not run it as a test): the peak
//! resident memory of a fresh process (Linux: `VmHWM`).

/// A field of /proc/self/status in bytes.
pub fn status_bytes(field: &str) -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap();
    let kb: usize = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kb * 1024
}

/// Set in the child process: the file it reads.
pub const CHILD: &str = "OVERGANG_MEMORY_TEST_FILE";

/// Runs `test` again in a fresh process (so no memory freed earlier is reused) to read the
/// file at `path`; returns the growth of its peak resident memory while reading.
pub fn peak_of(test: &str, path: &std::path::Path) -> usize {
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", test, "--nocapture"])
        .env(CHILD, path)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("peak growth: "))
        .unwrap_or_else(|| panic!("{text}"));
    line.trim().parse().unwrap()
}

/// Runs `read` in the child process and prints the growth of its peak resident memory for
/// [`peak_of`]; returns what `read` gives.
pub fn print_growth<T>(read: impl FnOnce() -> T) -> T {
    let before = status_bytes("VmRSS:");
    let out = read();
    let growth = status_bytes("VmHWM:").saturating_sub(before);
    eprintln!("peak growth: {growth}");
    out
}

/// Asserts that `peak` bytes for `n` participants are within `per_participant` bytes each
/// plus `fixed`.
pub fn assert_within(peak: usize, n: usize, per_participant: usize, fixed: usize) {
    let bound = n * per_participant + fixed;
    eprintln!("peak: {peak}; bound {bound}");
    assert!(
        peak <= bound,
        "{peak} bytes for {n} participants; bound {bound}"
    );
}
