//! Monitoring by simulation: the false-alarm rate and detection delay of
//! the CUSUM drop detector against the naive week-over-week test, and the
//! coverage of the anytime-valid confidence sequences over every look.
//!
//! Run with `cargo run --release --example monitoring` (well under a minute
//! in release). Set `CXMETRICS_LONG=1` for ten times as many paths (the
//! README table).

use cxmetrics::monitoring::{Baseline, DropDetector, NetScoreConfidenceSequence, Prior, ShareConfidenceSequence};
use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Error, Nps, Tally, Verdict, ZeroToTen};

/// `SplitMix64`: a small, seeded generator so the tables are reproducible.
struct Rng(u64);

impl Rng {
    fn uniform(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Detractors, passives, promoters among `n` answers.
    fn counts(&mut self, n: u64, theta: [f64; 3]) -> [u64; 3] {
        let mut c = [0u64; 3];
        for _ in 0..n {
            let u = self.uniform();
            c[if u < theta[0] {
                0
            } else if u < theta[0] + theta[1] {
                1
            } else {
                2
            }] += 1;
        }
        c
    }

    fn week(&mut self, n: u64, theta: [f64; 3]) -> Result<Tally<ZeroToTen>, Error> {
        tally(self.counts(n, theta))
    }
}

fn tally([d, o, p]: [u64; 3]) -> Result<Tally<ZeroToTen>, Error> {
    Tally::from_counts(&[d, 0, 0, 0, 0, 0, 0, o, 0, 0, p])
}

/// In control: 20 % detractors, 30 % passives, 50 % promoters (NPS +30).
const THETA0: [f64; 3] = [0.2, 0.3, 0.5];
const SIZES: [u64; 3] = [100, 300, 1000];
const WEEKS: u32 = 52;
/// At most 5 % false alarms over a year of weekly looks.
const YEAR: f64 = 0.05 / 52.0;

/// A drop of `delta` (fraction): promoters −δ/2, detractors +δ/2. The
/// detector assumes a different shape (the exponential tilt), on purpose.
fn dropped(delta: f64) -> [f64; 3] {
    [THETA0[0] + delta / 2.0, THETA0[1], THETA0[2] - delta / 2.0]
}

/// The naive alert: this week's NPS "below" last week's at 95 % (the
/// crate's two-sample comparison, as a period-over-period trend reads it).
fn naive_alarm(previous: &Tally<ZeroToTen>, now: &Tally<ZeroToTen>) -> Result<bool, Error> {
    let last_week = Benchmark::sample("last week", BenchmarkKind::OwnHistory, Nps.score(previous)?);
    Ok(last_week.compare(&Nps.score(now)?, ConfidenceLevel::P95)?.verdict() == Verdict::Below)
}

/// Weeks until the first alarm (1 = the first week looked at), or `None`
/// within `cap` weeks.
fn run_length(
    rng: &mut Rng,
    n: u64,
    theta: [f64; 3],
    cap: u32,
    mut detector: Option<DropDetector<ZeroToTen, u32>>,
) -> Result<Option<u32>, Error> {
    let mut previous = rng.week(n, THETA0)?;
    for week in 1..=cap {
        let now = rng.week(n, theta)?;
        let alarm = match detector.as_mut() {
            Some(d) => d.push(week, &now)?.is_some(),
            None => naive_alarm(&previous, &now)?,
        };
        if alarm {
            return Ok(Some(week));
        }
        previous = now;
    }
    Ok(None)
}

fn known_baseline(drop: f64, alpha: f64) -> Result<DropDetector<ZeroToTen, u32>, Error> {
    // A baseline tally with exactly the in-control shares.
    DropDetector::nps(&tally([200, 300, 500])?, drop, alpha, Baseline::Exact)
}

fn main() -> Result<(), Error> {
    let scale = if std::env::var_os("CXMETRICS_LONG").is_some() {
        10
    } else {
        1
    };
    let mut rng = Rng(20_261_128);
    false_alarms(&mut rng, scale)?;
    time_to_false_alarm(&mut rng, scale)?;
    detection_delay(&mut rng, scale)?;
    coverage(&mut rng, scale)?;
    price()
}

fn false_alarms(rng: &mut Rng, scale: usize) -> Result<(), Error> {
    // 1. False alarms in control.
    let paths = 1000 * scale;
    println!("In control (NPS +30 every week): false alarms over {WEEKS} weekly looks, {paths} paths per cell");
    println!(
        "| answers per week | naive week-over-week (95 %) | CUSUM α = 0.05/52, known reference | CUSUM α = 0.05/52, 13-week baseline as exact | CUSUM α = 0.05/52, 13-week baseline lower bound (90 %) |"
    );
    println!("|---:|---:|---:|---:|---:|");
    for n in SIZES {
        let mut hits = [0usize; 4];
        for _ in 0..paths {
            let baseline = rng.week(13 * n, THETA0)?;
            let detectors = [
                None,
                Some(known_baseline(0.05, YEAR)?),
                Some(DropDetector::nps(&baseline, 0.05, YEAR, Baseline::Exact)?),
                Some(DropDetector::nps(&baseline, 0.05, YEAR, Baseline::default())?),
            ];
            for (h, d) in hits.iter_mut().zip(detectors) {
                *h += usize::from(run_length(rng, n, THETA0, WEEKS, d)?.is_some());
            }
        }
        let pct: Vec<String> = hits
            .iter()
            .map(|&h| format!("{:.1} %", 100.0 * h as f64 / paths as f64))
            .collect();
        println!("| {n} | {} |", pct.join(" | "));
    }

    Ok(())
}

fn time_to_false_alarm(rng: &mut Rng, scale: usize) -> Result<(), Error> {
    // 2. Mean time to a false alarm (run until the first alarm).
    let paths = 200 * scale;
    let cap = 5_000;
    println!("\nIn control: mean weeks to the first false alarm, {paths} paths per cell (runs capped at {cap} weeks)");
    println!(
        "| answers per week | naive week-over-week | CUSUM α = 0.05 (claim ≥ 20) | CUSUM α = 0.01 (claim ≥ 100) |"
    );
    println!("|---:|---:|---:|---:|");
    for n in SIZES {
        let mut cells = Vec::new();
        for alpha in [None, Some(0.05), Some(0.01)] {
            let (mut total, mut capped) = (0u64, 0usize);
            for _ in 0..paths {
                let d = alpha.map(|a| known_baseline(0.05, a)).transpose()?;
                let weeks = run_length(rng, n, THETA0, cap, d)?;
                total += u64::from(weeks.unwrap_or(cap));
                capped += usize::from(weeks.is_none());
            }
            let mean = total as f64 / paths as f64;
            cells.push(if capped > 0 {
                format!("≥ {mean:.0} ({capped} capped)")
            } else {
                format!("{mean:.1}")
            });
        }
        println!("| {n} | {} |", cells.join(" | "));
    }

    Ok(())
}

fn detection_delay(rng: &mut Rng, scale: usize) -> Result<(), Error> {
    // 3. Detection delay after a drop at week 1.
    let paths = 1000 * scale;
    println!(
        "\nDetection: weeks from a drop (at the first week) to the alarm; CUSUM tuned to a 5-point drop, α = 0.05/52; {paths} paths per cell"
    );
    println!(
        "| drop | answers per week | CUSUM mean delay | CUSUM median | CUSUM detected within 52 weeks | naive: alarm in week 1 |"
    );
    println!("|---:|---:|---:|---:|---:|---:|");
    for delta in [0.05, 0.10] {
        for n in SIZES {
            let (mut delays, mut missed, mut naive_first) = (Vec::new(), 0usize, 0usize);
            for _ in 0..paths {
                match run_length(rng, n, dropped(delta), WEEKS, Some(known_baseline(0.05, YEAR)?))? {
                    Some(w) => delays.push(w),
                    None => missed += 1,
                }
                naive_first += usize::from(run_length(rng, n, dropped(delta), 1, None)?.is_some());
            }
            delays.sort_unstable();
            let mean = delays.iter().map(|&w| f64::from(w)).sum::<f64>() / delays.len().max(1) as f64;
            let median = delays.get(delays.len() / 2).copied().unwrap_or(0);
            println!(
                "| {:.0} pts | {n} | {mean:.1} | {median} | {:.1} % | {:.1} % |",
                100.0 * delta,
                100.0 * (paths - missed) as f64 / paths as f64,
                100.0 * naive_first as f64 / paths as f64
            );
        }
    }

    Ok(())
}

fn coverage(rng: &mut Rng, scale: usize) -> Result<(), Error> {
    // 4. Confidence sequences: does a path ever leave the sequence?
    let paths = 100 * scale;
    let horizon = 2000u64;
    let level = ConfidenceLevel::P95;
    println!(
        "\nAnytime-valid 95 % sequences: share of paths whose sequence excludes the truth at some look n = 1..{horizon}, {paths} paths"
    );
    println!(
        "| parameter | truth | confidence sequence (uniform) | confidence sequence (Jeffreys) | fixed-n interval at every look |"
    );
    println!("|---|---:|---:|---:|---:|");
    for theta in [[0.2, 0.3, 0.5], [0.05, 0.15, 0.8], [0.4, 0.3, 0.3]] {
        let truth = theta[2] - theta[0];
        let mut misses = [0usize; 3];
        for _ in 0..paths {
            let mut c = [0u64; 3];
            let mut missed = [false; 3];
            for _ in 0..horizon {
                let u = rng.uniform();
                c[if u < theta[0] {
                    0
                } else if u < theta[0] + theta[1] {
                    1
                } else {
                    2
                }] += 1;
                for (k, prior) in [Prior::Uniform, Prior::Jeffreys].into_iter().enumerate() {
                    if !missed[k] {
                        let cs = NetScoreConfidenceSequence::new(c[0], c[1], c[2], level, prior)?;
                        missed[k] = cs.p_value(truth)? <= level.alpha();
                    }
                }
                if !missed[2] {
                    missed[2] = !Nps.score_counts(c[0], c[1], c[2])?.interval(level).contains(truth);
                }
            }
            for (m, hit) in misses.iter_mut().zip(missed) {
                *m += usize::from(hit);
            }
        }
        let pct: Vec<String> = misses
            .iter()
            .map(|&m| format!("{:.1} %", 100.0 * m as f64 / paths as f64))
            .collect();
        println!(
            "| NPS, {:.0}/{:.0}/{:.0} % | {:+.0} | {} |",
            100.0 * theta[0],
            100.0 * theta[1],
            100.0 * theta[2],
            100.0 * truth,
            pct.join(" | ")
        );
    }
    for p in [0.5, 0.85] {
        let mut misses = [0usize; 3];
        for _ in 0..paths {
            let mut s = 0u64;
            let mut missed = [false; 3];
            for n in 1..=horizon {
                s += u64::from(rng.uniform() < p);
                for (k, prior) in [Prior::Uniform, Prior::Jeffreys].into_iter().enumerate() {
                    if !missed[k] {
                        missed[k] = ShareConfidenceSequence::new(s, n, level, prior)?.p_value(p)? <= level.alpha();
                    }
                }
                if !missed[2] {
                    missed[2] = !wilson_contains(s, n, p);
                }
            }
            for (m, hit) in misses.iter_mut().zip(missed) {
                *m += usize::from(hit);
            }
        }
        let pct: Vec<String> = misses
            .iter()
            .map(|&m| format!("{:.1} %", 100.0 * m as f64 / paths as f64))
            .collect();
        println!("| share | {:.0} % | {} |", 100.0 * p, pct.join(" | "));
    }

    Ok(())
}

fn price() -> Result<(), Error> {
    let level = ConfidenceLevel::P95;
    // 5. The price: width against the fixed-n interval.
    println!("\nThe price of anytime validity: 95 % width, NPS 15/25/60 % (+45)");
    println!("| n | score interval (fixed n) | confidence sequence | ratio |");
    println!("|---:|---:|---:|---:|");
    for n in [50u64, 200, 1000, 10_000, 100_000] {
        let (d, o) = (n * 15 / 100, n * 25 / 100);
        let p = n - d - o;
        let fixed = Nps.score_counts(d, o, p)?.interval(level);
        let cs = NetScoreConfidenceSequence::new(d, o, p, level, Prior::Uniform)?;
        let (wf, wc) = (fixed.upper() - fixed.lower(), cs.upper() - cs.lower());
        println!(
            "| {n} | {:.1} pts | {:.1} pts | {:.2} |",
            100.0 * wf,
            100.0 * wc,
            wc / wf
        );
    }
    Ok(())
}

/// Whether the 95 % Wilson interval of `s` of `n` contains `p`.
fn wilson_contains(s: u64, n: u64, p: f64) -> bool {
    let z = 1.959_963_984_540_054_f64;
    let (n, phat) = (n as f64, s as f64 / n as f64);
    (phat - p).abs() <= z * (p * (1.0 - p) / n).sqrt()
}
