//! The cohort report on generated cohorts of 10 000 and 100 000 participants.
//!
//! Baseline in the same run: `baseline_who5_sum` walks every participant and scores each WHO-5
//! questionnaire once (the least work any report must do); the report is read as a ratio to it.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use overgang::cohort::Cohort;
use overgang::report::ReportOptions;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("cohort_report");
    g.sample_size(10);
    for n in [10_000usize, 100_000] {
        let cohort = Cohort::from_value(&overgang::sample::generate(n, 3))
            .expect("generated cohorts are valid");
        g.bench_with_input(BenchmarkId::new("baseline_who5_sum", n), &cohort, |b, c| {
            b.iter(|| {
                c.participants
                    .iter()
                    .flat_map(|m| &m.who5)
                    .filter_map(|x| overgang::who5::score(&x.items).ok())
                    .map(|s| u64::from(s.index))
                    .sum::<u64>()
            })
        });
        g.bench_with_input(BenchmarkId::new("overgang_report", n), &cohort, |b, c| {
            b.iter(|| black_box(c.report(&ReportOptions::default())))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
