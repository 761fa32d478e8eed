//! Throughput of the validated bulk path, next to a plain read of the same
//! buffer, at 1e5 answers (in cache) and 1e8 answers (from memory), on
//! uniform and on skewed (realistic) data.
//!
//! Run with `cargo bench --bench scoring` (it prints the CPU model first); divide the reported time per
//! iteration by the number of answers for ns per answer, or read the
//! element throughput.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group};
use cxmetrics::{Csat, Likert5, Nps, Tally, ZeroToTen};

mod common;
use common::{CSAT_SKEWED, NPS_SKEWED, draw, read_sum};

fn bench_bulk(c: &mut Criterion) {
    for &n in &[100_000usize, 100_000_000] {
        let mut group = c.benchmark_group(format!("bulk_{n:.0e}"));
        group.throughput(Throughput::Elements(n as u64));
        if n > 1_000_000 {
            group.sample_size(10);
        }
        for (shape, zero_to_ten, likert5) in [
            ("uniform", draw(n, 0, &[1; 11], 1), draw(n, 1, &[1; 5], 2)),
            ("skewed", draw(n, 0, &NPS_SKEWED, 3), draw(n, 1, &CSAT_SKEWED, 4)),
        ] {
            group.bench_with_input(BenchmarkId::new("read_sum_0_10", shape), &zero_to_ten, |b, d| {
                b.iter(|| read_sum(black_box(d)));
            });
            group.bench_with_input(BenchmarkId::new("nps_from_raw", shape), &zero_to_ten, |b, d| {
                b.iter(|| Nps.score_raw(black_box(d)));
            });
            group.bench_with_input(BenchmarkId::new("tally_0_10", shape), &zero_to_ten, |b, d| {
                b.iter(|| Tally::<ZeroToTen>::from_raw(black_box(d)));
            });
            group.bench_with_input(BenchmarkId::new("read_sum_1_5", shape), &likert5, |b, d| {
                b.iter(|| read_sum(black_box(d)));
            });
            group.bench_with_input(BenchmarkId::new("csat_top2_share_raw", shape), &likert5, |b, d| {
                b.iter(|| Csat::<Likert5>::default().score_raw(black_box(d)));
            });
            group.bench_with_input(BenchmarkId::new("tally_1_5", shape), &likert5, |b, d| {
                b.iter(|| Tally::<Likert5>::from_raw(black_box(d)));
            });
        }
        group.finish();
    }
}

fn bench_small(c: &mut Criterion) {
    let answers = draw(1_000_000, 0, &[1; 11], 5);
    let a = Tally::<ZeroToTen>::from_raw(&answers[..500_000]).expect("valid");
    let b = Tally::<ZeroToTen>::from_raw(&answers[500_000..]).expect("valid");
    c.bench_function("merge_0_10", |bench| {
        bench.iter(|| {
            let mut t = black_box(&a).clone();
            t.merge(black_box(&b)).map(|()| t)
        });
    });
    c.bench_function("collect_1e6_ratings_one_by_one", |bench| {
        let ratings: Vec<ZeroToTen> = answers.iter().map(|&x| ZeroToTen::new(x).expect("valid")).collect();
        bench.iter(|| black_box(&ratings).iter().copied().collect::<Tally<ZeroToTen>>());
    });
}

criterion_group!(benches, bench_bulk, bench_small);

fn main() {
    common::print_machine();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
