//! Writes a generated cohort document of N participants to stdout (compact, one participant
//! per line), for the whole-process benchmarks of `scripts/bench`.
//!
//! Usage: cargo run -p overgang-benches --release --bin generate -- N [SEED] > cohort.json

use std::io::Write;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(3);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    overgang::cohort::Cohort::generate(n, seed).write_json(&mut out)?;
    out.flush()
}
