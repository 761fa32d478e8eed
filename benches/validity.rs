//! Missing answers as an Arrow validity bitmap: `Tally::from_raw_valid`
//! and `Nps::score_raw_valid` next to their no-null kernels
//! (`Tally::from_raw`, `Nps::score_raw`), a read of the ratings and a read
//! of the ratings and the bitmap together, at 1e8 answers (from memory)
//! with 1 %, 10 % and 50 % random nulls, clustered nulls, and a bit offset
//! that is not a multiple of 8; and at 65,536 answers (in cache, the size
//! of an engine's batches) with 10 % nulls at bit offsets 0 and 3.
//!
//! Run with `cargo bench --bench validity` (it prints the CPU model first).

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group};
use cxmetrics::{GroupedTally, Nps, Tally, Validity, ZeroToTen};

mod common;
use common::{NPS_SKEWED, Rng, draw, read_sum, read_sum_with_bits};

const N: usize = 100_000_000;

/// A bitmap over `n + 8` bits with about `percent` % nulls: random, or in
/// runs of about 1,000 answers.
fn bitmap(n: usize, percent: u64, clustered: bool, seed: u64) -> Vec<u8> {
    let mut rng = Rng(seed);
    let mut bits = vec![0u8; n / 8 + 2];
    let mut null_run = 0u64;
    for i in 0..n + 8 {
        let missing = if clustered {
            if null_run == 0 && rng.below(1_000 * 100) < percent * 10 {
                null_run = 1 + rng.below(2_000);
            }
            null_run = null_run.saturating_sub(1);
            null_run > 0
        } else {
            rng.below(100) < percent
        };
        if !missing {
            bits[i / 8] |= 1 << (i % 8);
        }
    }
    bits
}

fn bench_validity(c: &mut Criterion) {
    // Missing answers hold junk, as Arrow allows.
    let ratings = draw(N, 0, &NPS_SKEWED, 31);
    let mut group = c.benchmark_group("validity_1e8");
    group.throughput(Throughput::Elements(N as u64));
    group.sample_size(10);
    group.bench_function("read_sum", |b| b.iter(|| read_sum(black_box(&ratings))));
    let bits = bitmap(N, 10, false, 30);
    group.bench_function("read_sum_with_bitmap", |b| {
        b.iter(|| read_sum_with_bits(black_box(&ratings), black_box(&bits)));
    });
    group.bench_function("tally_0_10_no_nulls", |b| {
        b.iter(|| Tally::<ZeroToTen>::from_raw(black_box(&ratings)));
    });
    group.bench_function("nps_no_nulls", |b| b.iter(|| Nps.score_raw(black_box(&ratings))));
    for (name, percent, clustered, offset) in [
        ("random_1pct", 1, false, 0),
        ("random_10pct", 10, false, 0),
        ("random_50pct", 50, false, 0),
        ("clustered_10pct", 10, true, 0),
        ("random_10pct_offset_3", 10, false, 3),
    ] {
        let bits = bitmap(N, percent, clustered, 32 + percent);
        let v = Validity::new(&bits, offset, N).expect("covers N bits");
        let mut with_junk = ratings.clone();
        for (i, r) in with_junk.iter_mut().enumerate() {
            if i % 7 == 0 && !v.is_valid(i) {
                *r = 0xEE;
            }
        }
        assert!(Tally::<ZeroToTen>::from_raw_valid(&with_junk, v).is_ok());
        group.bench_with_input(BenchmarkId::new("tally_0_10_valid", name), &v, |b, &v| {
            b.iter(|| Tally::<ZeroToTen>::from_raw_valid(black_box(&with_junk), v));
        });
        group.bench_with_input(BenchmarkId::new("nps_valid", name), &v, |b, &v| {
            b.iter(|| Nps.score_raw_valid(black_box(&with_junk), v));
        });
    }
    group.finish();

    // In cache: where the kernels, not memory, set the pace.
    let n = 65_536;
    let ratings = draw(n, 0, &NPS_SKEWED, 33);
    let bits = bitmap(n, 10, false, 34);
    let mut group = c.benchmark_group("validity_64k_in_cache");
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("read_sum", |b| b.iter(|| read_sum(black_box(&ratings))));
    group.bench_function("read_sum_with_bitmap", |b| {
        b.iter(|| read_sum_with_bits(black_box(&ratings), black_box(&bits)));
    });
    group.bench_function("tally_0_10_no_nulls", |b| {
        b.iter(|| Tally::<ZeroToTen>::from_raw(black_box(&ratings)));
    });
    group.bench_function("nps_no_nulls", |b| b.iter(|| Nps.score_raw(black_box(&ratings))));
    for (name, offset) in [("random_10pct", 0), ("random_10pct_offset_3", 3)] {
        let v = Validity::new(&bits, offset, n).expect("covers n bits");
        group.bench_with_input(BenchmarkId::new("tally_0_10_valid", name), &v, |b, &v| {
            b.iter(|| Tally::<ZeroToTen>::from_raw_valid(black_box(&ratings), v));
        });
        group.bench_with_input(BenchmarkId::new("nps_valid", name), &v, |b, &v| {
            b.iter(|| Nps.score_raw_valid(black_box(&ratings), v));
        });
    }
    group.finish();

    let n = 10_000_000;
    let ratings = draw(n, 0, &NPS_SKEWED, 41);
    let mut rng = Rng(42);
    let ids: Vec<u32> = (0..n).map(|_| rng.below(1_000) as u32).collect();
    let bits = bitmap(n, 10, false, 43);
    let v = Validity::new(&bits, 0, n).expect("covers n bits");
    let mut group = c.benchmark_group("grouped_validity_1e7_1000_groups");
    group.throughput(Throughput::Elements(n as u64));
    group.sample_size(10);
    let mut g = GroupedTally::<ZeroToTen>::with_groups(1_000).expect("fits");
    group.bench_function("add_raw_u32", |b| {
        b.iter(|| g.add_raw(black_box(&ids), black_box(&ratings)));
    });
    let mut g = GroupedTally::<ZeroToTen>::with_groups(1_000).expect("fits");
    group.bench_function("add_raw_valid_u32_10pct", |b| {
        b.iter(|| g.add_raw_valid(black_box(&ids), black_box(&ratings), v));
    });
    group.finish();
}

criterion_group!(benches, bench_validity);

fn main() {
    common::print_machine();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
