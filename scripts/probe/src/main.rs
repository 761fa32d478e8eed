//! Prints a wide set of the crate's public numeric results, one per line as
//! `name value` (value in Rust's shortest round-trip form, or `None`/`Err`),
//! so that two builds of the crate (the original and one mutant) can be
//! compared result by result: `scripts/mutants-probe.py`.
//!
//! Covers the intervals and tests with exact or iterative numerics, where a
//! mutant can change results below what a test's tolerance sees: share
//! intervals (all methods) from n = 1 to 10¹⁵ and levels to 0.999999, exact
//! and score tests, net-score and mean intervals and tests, differences,
//! posteriors (cdf, HPD and equal-tailed intervals, predictive
//! probabilities), confidence sequences, drop detectors, charts and
//! planning.

use cxmetrics::inference::{
    Difference, NetScoreDifferenceMethod, NetScoreMethod, Options, ShareDifferenceMethod, ShareMethod, ShareTest,
};
use cxmetrics::monitoring::{
    Baseline, CredibleInterval, DropDetector, NetScoreChart, NetScoreConfidenceSequence, NetScorePosterior, PChart,
    Prior, ShareConfidenceSequence, SharePosterior,
};
use cxmetrics::planning::{UnitVariance, minimum_detectable_difference, sample_size, sample_size_per_group};
use cxmetrics::{ConfidenceLevel, Csat, Likert5, Mean, NetScore, Nps, RatingSet, Share, Tally, ZeroToTen};
use std::fmt::Debug;

struct Out {
    lines: Vec<String>,
}

impl Out {
    fn f(&mut self, name: String, v: f64) {
        self.lines.push(format!("{name} {v:?}"));
    }
    fn o(&mut self, name: String, v: Option<f64>) {
        match v {
            Some(v) => self.f(name, v),
            None => self.lines.push(format!("{name} None")),
        }
    }
    fn difference(&mut self, name: &str, d: &Difference) {
        self.f(format!("{name} lower"), d.interval().lower());
        self.f(format!("{name} upper"), d.interval().upper());
        self.o(format!("{name} p"), d.test().p_value());
    }
    fn credible(&mut self, name: &str, c: &CredibleInterval) {
        self.f(format!("{name} lower"), c.lower());
        self.f(format!("{name} upper"), c.upper());
    }
    fn r<T: Debug>(&mut self, name: String, v: Result<f64, T>) {
        match v {
            Ok(v) => self.f(name, v),
            Err(e) => self.lines.push(format!("{name} Err({e:?})")),
        }
    }
}

/// Two-sample differences by each method at three levels.
fn differences<M: Copy + Debug + Default>(
    out: &mut Out,
    label: &str,
    methods: [M; 3],
    difference: impl Fn(Options<M>) -> Difference,
) {
    for m in methods {
        for level in [0.9, 0.95, 0.999] {
            let d = difference(Options::new().level(ConfidenceLevel::new(level).unwrap()).method(m));
            out.difference(&format!("{label} {m:?} {level}"), &d);
        }
    }
}

fn share(hits: u64, n: u64) -> Share {
    let t = Tally::<Likert5>::from_counts(&[n - hits, 0, 0, 0, hits]).unwrap();
    Csat::default().score(&t).unwrap()
}

fn net(neg: u64, neu: u64, pos: u64) -> NetScore {
    Nps.score_counts(neg, neu, pos).unwrap()
}

const LEVELS: [f64; 6] = [0.5, 0.8, 0.9, 0.95, 0.999, 0.999999];
const PRIORS: [Prior; 2] = [Prior::Uniform, Prior::Jeffreys];
const NET_METHODS: [NetScoreMethod; 3] = [
    NetScoreMethod::Score,
    NetScoreMethod::AdjustedWald,
    NetScoreMethod::Wald,
];

fn main() {
    let mut out = Out { lines: Vec::new() };
    let ns: [u64; 12] = [
        1,
        2,
        3,
        7,
        10,
        40,
        1000,
        123_457,
        1_000_000_000,
        1_000_000_000_000,
        9_007_199_254_740_993,
        1_000_000_000_000_000,
    ];
    let methods = [
        ShareMethod::Wilson,
        ShareMethod::AgrestiCoull,
        ShareMethod::ClopperPearson,
        ShareMethod::Jeffreys,
        ShareMethod::Wald,
    ];
    // Shares: every method, counts at both ends, next to them and inside.
    for &n in &ns {
        let mut hits = vec![0, 1, n / 3, n / 2, n - 1, n];
        hits.sort_unstable();
        hits.dedup();
        for &x in &hits {
            let s = share(x, n);
            for &level in &LEVELS {
                let l = ConfidenceLevel::new(level).unwrap();
                for m in methods {
                    let i = s.interval(Options::new().level(l).method(m));
                    out.f(format!("share {x}/{n} {level} {m:?} lower"), i.lower());
                    out.f(format!("share {x}/{n} {level} {m:?} upper"), i.upper());
                }
            }
            for p0 in [0.001, 0.3, 0.5, 0.9] {
                for t in [ShareTest::Score, ShareTest::ExactBinomial, ShareTest::Wald] {
                    let test = s.test(p0, t).unwrap();
                    out.o(format!("share test {x}/{n} {p0} {t:?} p"), test.p_value());
                    out.o(format!("share test {x}/{n} {p0} {t:?} stat"), test.statistic());
                }
            }
        }
    }
    // Share differences.
    for (a, b) in [
        ((3, 10), (7, 10)),
        ((0, 5), (5, 5)),
        ((400, 1000), (450, 1200)),
        ((1, 1_000_000), (9, 1_000_000)),
    ] {
        let (sa, sb) = (share(a.0, a.1), share(b.0, b.1));
        let methods = [
            ShareDifferenceMethod::Newcombe,
            ShareDifferenceMethod::AgrestiCaffo,
            ShareDifferenceMethod::Wald,
        ];
        differences(&mut out, &format!("sharediff {a:?} {b:?}"), methods, |o| {
            sa.difference(&sb, o).unwrap()
        });
    }
    // Net scores.
    let nets: [(u64, u64, u64); 10] = [
        (0, 0, 1),
        (1, 0, 0),
        (0, 5, 0),
        (2, 3, 5),
        (10, 0, 0),
        (0, 0, 10),
        (20, 30, 50),
        (300, 1000, 700),
        (1, 1_000_000, 1),
        (250_000_000, 400_000_000, 350_000_000),
    ];
    for &(neg, neu, pos) in &nets {
        let s = net(neg, neu, pos);
        for &level in &LEVELS {
            let l = ConfidenceLevel::new(level).unwrap();
            for m in NET_METHODS {
                let i = s.interval(Options::new().level(l).method(m));
                out.f(format!("net {neg}/{neu}/{pos} {level} {m:?} lower"), i.lower());
                out.f(format!("net {neg}/{neu}/{pos} {level} {m:?} upper"), i.upper());
            }
        }
        for b in [-0.5, 0.0, 0.3] {
            for m in NET_METHODS {
                let t = s.test(b, m).unwrap();
                out.o(format!("net test {neg}/{neu}/{pos} {b} {m:?} p"), t.p_value());
                out.o(format!("net test {neg}/{neu}/{pos} {b} {m:?} stat"), t.statistic());
            }
        }
    }
    for (a, b) in [
        ((2, 3, 5), (5, 3, 2)),
        ((20, 30, 50), (25, 30, 45)),
        ((0, 0, 4), (4, 0, 0)),
    ] {
        let (sa, sb) = (net(a.0, a.1, a.2), net(b.0, b.1, b.2));
        let methods = [
            NetScoreDifferenceMethod::MoverScore,
            NetScoreDifferenceMethod::AdjustedWald,
            NetScoreDifferenceMethod::Wald,
        ];
        differences(&mut out, &format!("netdiff {a:?} {b:?}"), methods, |o| {
            sa.difference(&sb, o).unwrap()
        });
    }
    // Means (t intervals over many degrees of freedom).
    for counts in [
        [0u64, 0, 1, 1, 0],
        [1, 0, 0, 0, 1],
        [1, 2, 3, 4, 5],
        [10, 20, 30, 20, 20],
        [100, 0, 300, 400, 199],
        [0, 0, 7, 0, 0],
        [3000, 2000, 1000, 2000, 5000],
        // 100,001 and 100,002 answers: df = 10⁵, where the t quantile
        // changes method, and one above.
        [20_000, 20_000, 20_000, 20_000, 20_001],
        [20_000, 20_000, 20_000, 20_001, 20_001],
    ] {
        let t = Tally::<Likert5>::from_counts(&counts).unwrap();
        let m = Mean.score(&t).unwrap();
        for &level in &LEVELS {
            let i = m.interval(ConfidenceLevel::new(level).unwrap());
            out.o(format!("mean {counts:?} {level} lower"), i.map(|i| i.lower()));
            out.o(format!("mean {counts:?} {level} upper"), i.map(|i| i.upper()));
        }
        for mu0 in [2.0, 3.5] {
            let test = m.test(mu0).unwrap();
            out.o(format!("mean test {counts:?} {mu0} p"), test.p_value());
        }
        let other = Mean
            .score(&Tally::<Likert5>::from_counts(&[2, 3, 4, 5, 6]).unwrap())
            .unwrap();
        if let Ok(Some(d)) = m.difference(&other, ConfidenceLevel::P95) {
            out.f(format!("meandiff {counts:?} lower"), d.interval().lower());
            out.f(format!("meandiff {counts:?} upper"), d.interval().upper());
            out.o(format!("meandiff {counts:?} p"), d.test().p_value());
        }
    }
    // Posteriors.
    for &(x, n) in &[
        (0u64, 1u64),
        (1, 1),
        (0, 10),
        (3, 10),
        (10, 10),
        (37, 200),
        (300_000, 1_000_000),
        (5, 1_000_000_000),
    ] {
        for prior in PRIORS {
            let p = SharePosterior::new(x, n, prior).unwrap();
            let name = format!("sharepost {x}/{n} {prior:?}");
            out.f(format!("{name} mean"), p.mean());
            out.f(format!("{name} sd"), p.sd());
            for v in [1e-9, 0.01, 0.2, 0.5, 0.99] {
                out.r(format!("{name} cdf {v}"), p.cdf(v));
            }
            for &level in &LEVELS {
                let l = ConfidenceLevel::new(level).unwrap();
                out.credible(&format!("{name} et {level}"), &p.equal_tailed(l).unwrap());
                out.credible(&format!("{name} hpd {level}"), &p.hpd(l).unwrap());
            }
            for (target, remaining) in [(0.3, 10), (0.5, 1000)] {
                out.r(
                    format!("{name} predictive {target} {remaining}"),
                    p.prob_final_at_least(target, remaining),
                );
            }
            let other = SharePosterior::new(x / 2, n, prior).unwrap();
            out.f(format!("{name} greater"), p.prob_greater_than(&other));
        }
    }
    for &(neg, neu, pos) in &[
        (0u64, 0u64, 1u64),
        (1, 0, 0),
        (2, 3, 5),
        (5, 11, 210),
        (30, 40, 30),
        (2000, 5000, 3000),
    ] {
        for prior in PRIORS {
            let p = NetScorePosterior::new(neg, neu, pos, prior).unwrap();
            let name = format!("netpost {neg}/{neu}/{pos} {prior:?}");
            out.f(format!("{name} mean"), p.mean());
            out.f(format!("{name} sd"), p.sd());
            for v in [-0.9, -0.2, 0.0, 0.4, 0.95] {
                out.r(format!("{name} cdf {v}"), p.cdf(v));
                out.r(format!("{name} density {v}"), p.density(v));
            }
            for level in [0.5, 0.9, 0.95, 0.999] {
                let l = ConfidenceLevel::new(level).unwrap();
                out.credible(&format!("{name} et {level}"), &p.equal_tailed(l).unwrap());
                out.credible(&format!("{name} hpd {level}"), &p.hpd(l).unwrap());
            }
            for (target, remaining) in [(0.0, 10), (0.3, 200)] {
                out.r(
                    format!("{name} predictive {target} {remaining}"),
                    p.prob_final_at_least(target, remaining),
                );
            }
            let other = NetScorePosterior::new(pos, neu, neg, prior).unwrap();
            out.f(format!("{name} greater"), p.prob_greater_than(&other));
        }
    }
    // Confidence sequences.
    for &(x, n) in &[
        (0u64, 1u64),
        (1, 1),
        (3, 10),
        (37, 200),
        (5000, 10_000),
        (1, 1_000_000),
        (999_999_999, 1_000_000_000),
    ] {
        for prior in PRIORS {
            for level in [0.9, 0.95, 0.999] {
                let cs = ShareConfidenceSequence::new(x, n, ConfidenceLevel::new(level).unwrap(), prior).unwrap();
                let name = format!("sharecs {x}/{n} {prior:?} {level}");
                out.f(format!("{name} lower"), cs.lower());
                out.f(format!("{name} upper"), cs.upper());
                for b in [0.001, 0.2, 0.5] {
                    out.r(format!("{name} p {b}"), cs.p_value(b));
                }
            }
        }
    }
    for &(neg, neu, pos) in &[
        (0u64, 0u64, 1u64),
        (1, 0, 0),
        (2, 3, 5),
        (20, 30, 50),
        (100, 0, 900),
        (3000, 4000, 3000),
    ] {
        for prior in PRIORS {
            for level in [0.9, 0.95, 0.999] {
                let cs = NetScoreConfidenceSequence::new(neg, neu, pos, ConfidenceLevel::new(level).unwrap(), prior)
                    .unwrap();
                let name = format!("netcs {neg}/{neu}/{pos} {prior:?} {level}");
                out.f(format!("{name} lower"), cs.lower());
                out.f(format!("{name} upper"), cs.upper());
                for b in [-0.5, 0.0, 0.5] {
                    out.r(format!("{name} p {b}"), cs.p_value(b));
                }
            }
        }
    }
    // Drop detectors: the statistic after a run of periods.
    let baseline = Tally::<ZeroToTen>::from_counts(&[5, 5, 5, 5, 5, 5, 10, 20, 20, 30, 40]).unwrap();
    let worse = Tally::<ZeroToTen>::from_counts(&[15, 10, 5, 5, 5, 5, 10, 20, 10, 20, 20]).unwrap();
    for handling in [Baseline::Exact, Baseline::LowerBound(ConfidenceLevel::P90)] {
        for (drop, alpha) in [(0.1, 0.01), (0.05, 0.001)] {
            let Ok(mut d) = DropDetector::<ZeroToTen, u32>::nps(&baseline, drop, alpha, handling) else {
                out.lines.push(format!("drop nps {handling:?} {drop} {alpha} Err"));
                continue;
            };
            out.f(format!("drop nps {handling:?} {drop} {alpha} threshold"), d.threshold());
            for k in 0..6u32 {
                let alarm = d.push(k, if k % 2 == 0 { &worse } else { &baseline }).unwrap();
                out.f(format!("drop nps {handling:?} {drop} {alpha} stat {k}"), d.statistic());
                out.lines.push(format!(
                    "drop nps {handling:?} {drop} {alpha} alarm {k} {:?}",
                    alarm.map(|a| (a.period(), a.since()))
                ));
            }
            let positive = RatingSet::range(ZeroToTen::new(9).unwrap(), ZeroToTen::new(10).unwrap()).unwrap();
            if let Ok(mut d) = DropDetector::<ZeroToTen, u32>::share(&baseline, positive, drop, alpha, handling) {
                for k in 0..4u32 {
                    d.push(k, &worse).unwrap();
                    out.f(
                        format!("drop share {handling:?} {drop} {alpha} stat {k}"),
                        d.statistic(),
                    );
                }
            }
        }
    }
    // Charts.
    let p = PChart::new(&[(3, 10), (40, 100), (0, 5), (90, 100), (500, 1000)], 3.0).unwrap();
    for (k, pt) in p.points().iter().enumerate() {
        out.f(format!("pchart {k} lower"), pt.lower());
        out.f(format!("pchart {k} upper"), pt.upper());
    }
    let c = NetScoreChart::new(&[(3, 3, 4), (40, 20, 40), (0, 0, 5), (10, 10, 80)], 2.5).unwrap();
    for (k, pt) in c.points().iter().enumerate() {
        out.f(format!("netchart {k} lower"), pt.lower());
        out.f(format!("netchart {k} upper"), pt.upper());
    }
    // Planning.
    for level in [0.9, 0.95, 0.999] {
        let l = ConfidenceLevel::new(level).unwrap();
        for (v, name) in [
            (UnitVariance::share(0.7).unwrap(), "share 0.7"),
            (UnitVariance::net_score(0.45, 0.2).unwrap(), "net 0.45 0.2"),
            (UnitVariance::mean(1.2).unwrap(), "mean 1.2"),
        ] {
            for margin in [0.01, 0.05] {
                out.r(
                    format!("plan size {name} {level} {margin}"),
                    sample_size(v, margin, l).map(|n| n as f64),
                );
            }
            for power in [0.5, 0.8, 0.99] {
                out.r(
                    format!("plan mdd {name} {level} {power}"),
                    minimum_detectable_difference((v, 400), Some((v, 300)), l, power),
                );
            }
        }
        let (a, b) = (
            UnitVariance::net_score(0.45, 0.2).unwrap(),
            UnitVariance::net_score(0.4, 0.25).unwrap(),
        );
        out.r(
            format!("plan per group {level}"),
            sample_size_per_group(a, b, 0.1, l, 0.8).map(|n| n as f64),
        );
    }
    for line in &out.lines {
        println!("{line}");
    }
}
