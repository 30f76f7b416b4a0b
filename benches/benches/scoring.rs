//! Scoring throughput. Figures are reported as ratios to a baseline measured in the same run:
//! `baseline_sum` adds five numbers with no validation, the least any scorer must do.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn rows(n: usize) -> Vec<[Option<u8>; 5]> {
    // A fixed linear congruential sequence: reproducible without a rand dependency.
    let mut x: u32 = 12345;
    (0..n)
        .map(|_| {
            let mut row = [None; 5];
            for a in &mut row {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                *a = Some(((x >> 16) % 6) as u8);
            }
            row
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let data = rows(10_000);
    let mut g = c.benchmark_group("who5_10k_rows");
    g.bench_function("baseline_sum", |b| {
        b.iter(|| {
            data.iter()
                .map(|r| r.iter().flatten().map(|&a| u32::from(a)).sum::<u32>() * 4)
                .sum::<u32>()
        })
    });
    g.bench_function("overgang_who5_score", |b| {
        b.iter(|| {
            data.iter()
                .filter_map(|r| overgang::who5::score(black_box(r)).ok())
                .map(|s| u32::from(s.index))
                .sum::<u32>()
        })
    });
    g.finish();
    let gse_rows: Vec<Vec<Option<u8>>> = data
        .iter()
        .map(|r| {
            r.iter()
                .chain(r.iter())
                .map(|a| a.map(|v| v % 4 + 1))
                .collect()
        })
        .collect();
    let flat: Vec<f64> = data
        .iter()
        .flatten()
        .map(|a| a.map_or(f64::NAN, f64::from))
        .collect();
    c.bench_function("who5_10k_rows/overgang_batch_f64", |b| {
        b.iter(|| overgang::batch::who5_rows(black_box(&flat), overgang::RawAnswer::Float))
    });
    c.bench_function("gse_10k_rows", |b| {
        b.iter(|| {
            gse_rows
                .iter()
                .filter_map(|r| overgang::gse::score(black_box(r)).ok())
                .map(|s| s.score)
                .sum::<f64>()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
