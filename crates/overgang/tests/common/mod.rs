//! Helpers shared by the integration tests (a folder module, so cargo does not run it as a test).

/// Cases per property: `PROPTEST_CASES` for a long run, else fewer in debug builds.
pub fn cases(debug: u32, release: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(if cfg!(debug_assertions) {
            debug
        } else {
            release
        })
}
