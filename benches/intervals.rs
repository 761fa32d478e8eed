//! The exact share intervals at huge samples: Clopper–Pearson and Jeffreys
//! (beta quantiles) next to Wilson (a closed form, the plain alternative) on
//! the same share, at n = 10⁹, 10¹² and 10¹⁵, with a count near the edge
//! (x = 3) and in the middle (x = n/2), at 95 %. The beta quantile does
//! bounded work for any n; this shows what that work costs (the first
//! releases took up to 24 ms at n = 10¹²).
//!
//! Run with `cargo bench --bench intervals` (it prints the CPU model first).

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group};
use cxmetrics::inference::{Options, ShareMethod};
use cxmetrics::{Csat, Likert5, Share, Tally};

mod common;

/// `x` satisfied answers (4 or 5) out of `n` on a five-point scale.
fn share(x: u64, n: u64) -> Share {
    let tally = Tally::<Likert5>::from_counts(&[n - x, 0, 0, 0, x]).expect("counts fit");
    Csat::default().score(&tally).expect("non-empty")
}

fn bench_intervals(c: &mut Criterion) {
    let mut group = c.benchmark_group("share_interval_95");
    for n in [1_000_000_000u64, 1_000_000_000_000, 1_000_000_000_000_000] {
        for (at, x) in [("x3", 3), ("half", n / 2)] {
            let s = share(x, n);
            for (name, method) in [
                ("wilson", ShareMethod::Wilson),
                ("clopper_pearson", ShareMethod::ClopperPearson),
                ("jeffreys", ShareMethod::Jeffreys),
            ] {
                let options = Options::new().method(method);
                let id = BenchmarkId::new(name, format!("n{n:.0e}_{at}"));
                group.bench_with_input(id, &s, |b, s| b.iter(|| black_box(s).interval(options)));
            }
        }
    }
    group.finish();
}

criterion_group!(benches, bench_intervals);

fn main() {
    common::print_machine();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
