//! Coverage by simulation: draws seeded multinomial samples for several true
//! NPS mixes and sample sizes, and reports how often each 95 % interval
//! method covers the true value; then the same for proportions.
//!
//! Run with `cargo run --release --example coverage` (about 10 s in release).

use cxmetrics::inference::{NetScoreMethod, Options, ShareMethod};
use cxmetrics::{ConfidenceLevel, Csat, Error, Likert5, Nps, Tally};

const REPS: usize = 10_000;
const SIZES: [u64; 4] = [10, 30, 100, 500];

/// `SplitMix64`: a small, seeded generator so the table is reproducible.
struct Rng(u64);

impl Rng {
    fn uniform(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn main() -> Result<(), Error> {
    let level = ConfidenceLevel::P95;
    let mut rng = Rng(20_261_123);
    println!("NPS: coverage of the true NPS by 95% intervals, {REPS} samples per cell");
    println!("| promoters / detractors (true NPS) | n | score | adjusted Wald | Wald |");
    println!("|---|---:|---:|---:|---:|");
    for (p_pro, p_det) in [(0.5, 0.2), (0.7, 0.1), (0.85, 0.05), (0.3, 0.4)] {
        let truth = p_pro - p_det;
        for n in SIZES {
            let mut hits = [0usize; 3];
            for _ in 0..REPS {
                let (mut pro, mut det) = (0, 0);
                for _ in 0..n {
                    let u = rng.uniform();
                    if u < p_pro {
                        pro += 1;
                    } else if u < p_pro + p_det {
                        det += 1;
                    }
                }
                let nps = Nps.score_counts(det, n - pro - det, pro)?;
                for (h, method) in hits.iter_mut().zip([
                    NetScoreMethod::Score,
                    NetScoreMethod::AdjustedWald,
                    NetScoreMethod::Wald,
                ]) {
                    *h += usize::from(nps.interval(Options::new().level(level).method(method)).contains(truth));
                }
            }
            let pct = |h: usize| 100.0 * h as f64 / REPS as f64;
            println!(
                "| {:.0}% / {:.0}% ({:+.0}) | {n} | {:.1}% | {:.1}% | {:.1}% |",
                100.0 * p_pro,
                100.0 * p_det,
                100.0 * truth,
                pct(hits[0]),
                pct(hits[1]),
                pct(hits[2])
            );
        }
    }

    println!("\nShares: coverage of the true proportion by 95% intervals, {REPS} samples per cell");
    println!("| true share | n | Wilson | Agresti–Coull | Clopper–Pearson | Jeffreys | Wald |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    let methods = [
        ShareMethod::Wilson,
        ShareMethod::AgrestiCoull,
        ShareMethod::ClopperPearson,
        ShareMethod::Jeffreys,
        ShareMethod::Wald,
    ];
    for p in [0.5, 0.8, 0.95] {
        for n in SIZES {
            let mut hits = [0usize; 5];
            for _ in 0..REPS {
                let x = (0..n).filter(|_| rng.uniform() < p).count() as u64;
                let share = Csat::default().score(&Tally::<Likert5>::from_counts(&[n - x, 0, 0, 0, x])?)?;
                for (h, method) in hits.iter_mut().zip(methods) {
                    *h += usize::from(share.interval(Options::new().level(level).method(method)).contains(p));
                }
            }
            let cells: Vec<String> = hits
                .iter()
                .map(|&h| format!("{:.1}%", 100.0 * h as f64 / REPS as f64))
                .collect();
            println!("| {:.0}% | {n} | {} |", 100.0 * p, cells.join(" | "));
        }
    }
    Ok(())
}
