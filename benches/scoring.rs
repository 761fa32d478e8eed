//! Throughput of the validated bulk path, next to a plain read of the same
//! buffer, at 1e5 answers (in cache) and 1e8 answers (from memory), on
//! uniform and on skewed (realistic) data.
//!
//! Run with `cargo bench --bench scoring`; divide the reported time per
//! iteration by the number of answers for ns per answer, or read the
//! element throughput.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use cxmetrics::{Csat, Likert5, Nps, Tally, ZeroToTen};

/// A small deterministic generator (xorshift64*), so the benches need no RNG crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// `n` ratings drawn with the given relative weights for `min, min+1, …`.
fn draw(n: usize, min: u8, weights: &[u64], seed: u64) -> Vec<u8> {
    let total: u64 = weights.iter().sum();
    let mut rng = Rng(seed);
    (0..n)
        .map(|_| {
            let mut x = rng.next() % total;
            let mut k = 0;
            while x >= weights[k] {
                x -= weights[k];
                k += 1;
            }
            min + k as u8
        })
        .collect()
}

/// The baseline: read every byte once with the least work per byte (a
/// wrapping byte-wise sum into 64 lanes, which the compiler vectorises), so
/// its time is the cost of streaming the buffer.
fn read_sum(bytes: &[u8]) -> u64 {
    let (chunks, rest) = bytes.as_chunks::<64>();
    let mut lanes = [0u8; 64];
    for chunk in chunks {
        for (l, &x) in lanes.iter_mut().zip(chunk) {
            *l = l.wrapping_add(x);
        }
    }
    lanes.iter().chain(rest).map(|&b| u64::from(b)).sum()
}

fn bench_bulk(c: &mut Criterion) {
    // NPS answers: share of 9–10 high, of 0–6 low, as in real surveys.
    let nps_skewed = [2, 1, 1, 2, 2, 5, 5, 10, 18, 22, 32];
    let csat_skewed = [5, 7, 10, 38, 40];
    for &n in &[100_000usize, 100_000_000] {
        let mut group = c.benchmark_group(format!("bulk_{n:.0e}"));
        group.throughput(Throughput::Elements(n as u64));
        if n > 1_000_000 {
            group.sample_size(10);
        }
        for (shape, zero_to_ten, likert5) in [
            ("uniform", draw(n, 0, &[1; 11], 1), draw(n, 1, &[1; 5], 2)),
            ("skewed", draw(n, 0, &nps_skewed, 3), draw(n, 1, &csat_skewed, 4)),
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
criterion_main!(benches);
