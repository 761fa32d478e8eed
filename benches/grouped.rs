//! Grouped scoring: the dense `GroupedTally` kernel and the keyed bulk paths
//! of `Segments`, at 1e7 answers, next to a read of the same buffers (the
//! ratings and the group column), for 1,000 and 100,000 groups with uniform
//! and skewed group sizes.
//!
//! Run with `cargo bench --bench grouped` (it prints the CPU model first);
//! divide the time per iteration by 1e7 for ns per answer.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group};
use cxmetrics::{GroupedTally, Segments, Tally, ZeroToTen};

mod common;
use common::{NPS_SKEWED, Rng, draw, read_sum, read_sum_wide};

const N: usize = 10_000_000;

/// Group indices in `0..groups`: uniform, or skewed (`groups · u³`, so the
/// first 1 % of groups take about a fifth of the answers).
fn group_column(groups: usize, skewed: bool, seed: u64) -> Vec<usize> {
    let mut rng = Rng(seed);
    (0..N)
        .map(|_| {
            if skewed {
                let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
                ((groups as f64) * u * u * u) as usize
            } else {
                rng.below(groups as u64) as usize
            }
        })
        .collect()
}

fn bench_dense(c: &mut Criterion) {
    let ratings = draw(N, 0, &NPS_SKEWED, 11);
    for groups in [1_000usize, 100_000] {
        let mut group = c.benchmark_group(format!("grouped_1e7_{groups}_groups"));
        group.throughput(Throughput::Elements(N as u64));
        group.sample_size(10);
        for (shape, skewed) in [("uniform", false), ("skewed", true)] {
            let ids = group_column(groups, skewed, 12);
            let ids32: Vec<u32> = ids.iter().map(|&g| g as u32).collect();
            group.bench_with_input(BenchmarkId::new("read_ratings_and_u32_ids", shape), &ids32, |b, ids| {
                b.iter(|| read_sum(black_box(&ratings)) + read_sum_wide(black_box(ids)));
            });
            group.bench_with_input(BenchmarkId::new("read_ratings_and_usize_ids", shape), &ids, |b, ids| {
                b.iter(|| read_sum(black_box(&ratings)) + read_sum_wide_usize(black_box(ids)));
            });
            let mut g = GroupedTally::<ZeroToTen>::with_groups(groups).expect("fits");
            group.bench_with_input(BenchmarkId::new("add_raw_u32", shape), &ids32, |b, ids| {
                b.iter(|| g.add_raw(black_box(ids), black_box(&ratings)));
            });
            let mut g = GroupedTally::<ZeroToTen>::with_groups(groups).expect("fits");
            group.bench_with_input(BenchmarkId::new("add_raw_usize", shape), &ids, |b, ids| {
                b.iter(|| g.add_raw(black_box(ids), black_box(&ratings)));
            });
            let mut naive = vec![Tally::<ZeroToTen>::new(); groups];
            group.bench_with_input(BenchmarkId::new("vec_of_tally_add", shape), &ids, |b, ids| {
                b.iter(|| {
                    for (&g, &r) in black_box(ids).iter().zip(black_box(&ratings)) {
                        naive[g].add(ZeroToTen::new(r)?)?;
                    }
                    Ok::<(), cxmetrics::Error>(())
                });
            });
        }
        group.finish();
    }
}

fn read_sum_wide_usize(xs: &[usize]) -> u64 {
    let (chunks, rest) = xs.as_chunks::<16>();
    let mut lanes = [0usize; 16];
    for chunk in chunks {
        for (l, &x) in lanes.iter_mut().zip(chunk) {
            *l = l.wrapping_add(x);
        }
    }
    lanes.iter().chain(rest).fold(0u64, |a, &x| a.wrapping_add(x as u64))
}

fn bench_keyed(c: &mut Criterion) {
    let ratings = draw(N, 0, &NPS_SKEWED, 21);
    let mut group = c.benchmark_group("segments_1e7_1000_keys");
    group.throughput(Throughput::Elements(N as u64));
    group.sample_size(10);
    for (shape, skewed) in [("uniform", false), ("skewed", true)] {
        let ids = group_column(1_000, skewed, 22);
        let keys32: Vec<u32> = ids.iter().map(|&g| (g as u32).wrapping_mul(2_654_435_761)).collect();
        let names: Vec<String> = (0..1_000).map(|g| format!("agent-{g:05}")).collect();
        let keys_string: Vec<String> = ids.iter().map(|&g| names[g].clone()).collect();
        let codes: Vec<u32> = ids.iter().map(|&g| g as u32).collect();
        group.bench_with_input(BenchmarkId::new("read_ratings_and_u32_keys", shape), &keys32, |b, k| {
            b.iter(|| read_sum(black_box(&ratings)) + read_sum_wide(black_box(k)));
        });
        let mut s = Segments::<u32, ZeroToTen>::new();
        group.bench_with_input(BenchmarkId::new("add_raw_u32_keys", shape), &keys32, |b, k| {
            b.iter(|| s.add_raw(black_box(k), black_box(&ratings)));
        });
        // The floor for owned string keys: reading each one (its header and
        // its bytes on the heap), as any hash or comparison must.
        group.bench_with_input(
            BenchmarkId::new("read_ratings_and_string_keys", shape),
            &keys_string,
            |b, k| {
                b.iter(|| {
                    let bytes = black_box(k).iter().fold(0u64, |a, s| {
                        s.as_bytes().iter().fold(a, |a, &x| a.wrapping_add(u64::from(x)))
                    });
                    read_sum(black_box(&ratings)) + bytes
                });
            },
        );
        let mut s = Segments::<String, ZeroToTen>::new();
        group.bench_with_input(BenchmarkId::new("add_raw_string_keys", shape), &keys_string, |b, k| {
            b.iter(|| s.add_raw(black_box(k), black_box(&ratings)));
        });
        let mut s = Segments::<String, ZeroToTen>::new();
        group.bench_with_input(BenchmarkId::new("add_raw_dictionary_string", shape), &codes, |b, k| {
            b.iter(|| s.add_raw_dictionary(black_box(&names), black_box(k), black_box(&ratings)));
        });
        // Sorted by key, as a table clustered by agent arrives: runs of equal keys.
        let mut sorted: Vec<(String, u8)> = keys_string.iter().cloned().zip(ratings.iter().copied()).collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // Fresh strings in column order, as a reader allocates them (the
        // sorted originals would be scattered over the heap).
        let sorted_keys: Vec<String> = sorted.iter().map(|(k, _)| k.as_str().to_owned()).collect();
        let sorted_ratings: Vec<u8> = sorted.iter().map(|&(_, r)| r).collect();
        drop(sorted);
        let mut s = Segments::<String, ZeroToTen>::new();
        group.bench_with_input(
            BenchmarkId::new("add_raw_string_keys_in_runs", shape),
            &sorted_keys,
            |b, k| {
                b.iter(|| s.add_raw(black_box(k), black_box(&sorted_ratings)));
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench_dense, bench_keyed);

fn main() {
    common::print_machine();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
