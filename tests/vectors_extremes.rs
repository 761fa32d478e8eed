//! The exact methods at the extremes, through the public API, against
//! `tests/data/extreme_vectors.json` (computed with mpmath at 60 digits by
//! `tests/data/extreme_vectors.py`, independently of the crate's
//! algorithms). Each test states its tolerance; the bar is 1e-9
//! relative.

use cxmetrics::inference::{Options, ShareMethod, ShareTest};
use cxmetrics::{ConfidenceLevel, Csat, Likert5, Mean, Share, Tally};
use serde_json::Value;

fn vectors() -> Value {
    serde_json::from_str(include_str!("data/extreme_vectors.json")).expect("vector file is valid JSON")
}

fn cases(kind: &str) -> Vec<Value> {
    let cases = vectors()[kind].as_array().expect("cases").clone();
    assert!(!cases.is_empty(), "no vector of kind {kind}");
    cases
}

/// `x` satisfied answers (4 or 5) out of `n` on a five-point scale.
fn share(x: u64, n: u64) -> Share {
    let tally = Tally::<Likert5>::from_counts(&[n - x, 0, 0, 0, x]).expect("counts fit");
    Csat::default().score(&tally).expect("non-empty")
}

#[track_caller]
fn assert_relative(actual: f64, expected: f64, rel: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= rel * expected.abs(),
        "{what}: got {actual:e}, expected {expected:e} (relative tolerance {rel:e})"
    );
}

/// Clopper–Pearson and Jeffreys limits at n = 10⁹, 10¹² and 10¹⁵: relative
/// 4e-14, the precision the docs state (the largest error is 3.0e-14).
/// What each interval costs is measured in `benches/intervals.rs`, not here.
#[test]
fn exact_share_intervals_at_huge_n() {
    for (kind, method) in [
        ("clopper_pearson", ShareMethod::ClopperPearson),
        ("jeffreys", ShareMethod::Jeffreys),
    ] {
        for case in cases(kind) {
            let (x, n) = (case["x"].as_u64().expect("x"), case["n"].as_u64().expect("n"));
            let level = case["level"].as_f64().expect("level");
            let share = share(x, n);
            let interval = share.interval(
                Options::new()
                    .level(ConfidenceLevel::new(level).expect("level"))
                    .method(method),
            );
            let what = format!("{kind} x={x} n={n} level={level}");
            assert_relative(interval.lower(), case["lower"].as_f64().expect("lower"), 4e-14, &what);
            assert_relative(interval.upper(), case["upper"].as_f64().expect("upper"), 4e-14, &what);
        }
    }
}

/// The exact binomial test at n = 10⁹ to 10¹⁶ and at n = `u64::MAX` (where
/// `n + 1` used to overflow): relative 1e-12 up to 10¹⁶, 1e-6 at `u64::MAX`,
/// where the counts are rounded to 53 bits.
#[test]
fn exact_binomial_test_at_huge_n() {
    for case in cases("binomial_two_sided") {
        let (x, n) = (case["x"].as_u64().expect("x"), case["n"].as_u64().expect("n"));
        let p0 = case["p0"].as_f64().expect("p0");
        let test = share(x, n).test(p0, ShareTest::ExactBinomial).expect("valid benchmark");
        let p = test.p_value().expect("unweighted data has an exact p-value");
        let tol = if n <= 10_000_000_000_000_000 { 1e-12 } else { 1e-6 };
        assert_relative(
            p,
            case["p_value"].as_f64().expect("p"),
            tol,
            &format!("x={x} n={n} p0={p0}"),
        );
    }
}

/// At n = 10¹⁶ a difference of 10⁷ from the benchmark is a z of about
/// 0.22: the exact test and the score test agree (the exact test used to
/// give 1e-26).
#[test]
fn exact_and_score_tests_agree_at_huge_n() {
    let n = 10_000_000_000_000_000u64;
    let s = share(7 * n / 10 + 10_000_000, n);
    let exact = s
        .test(0.7, ShareTest::ExactBinomial)
        .expect("valid")
        .p_value()
        .expect("p");
    let score = s.test(0.7, ShareTest::Score).expect("valid").p_value().expect("p");
    assert_relative(exact, score, 1e-6, "exact vs score");
}

/// Student-t critical values through the mean interval (`half-width / SE`)
/// wherever the interval is not clipped to the scale,
/// for the reference levels that a `ConfidenceLevel` represents without
/// loss (alpha ≥ 0.001): relative 1e-12 plus the rounding of the interval's
/// ends, `2ε·|mean|/half-width` (at level 0.001 the half-width is about 1e-5
/// of the mean).
#[test]
fn t_interval_critical_values_over_all_df() {
    let mut checked = 0;
    for case in cases("t_critical") {
        let (df, alpha) = (case["df"].as_f64().expect("df"), case["alpha"].as_f64().expect("alpha"));
        if alpha < 1e-3 || df.fract() != 0.0 || df > 1e6 {
            continue;
        }
        // df + 1 answers: half of them 1, half 5 (one more 1 when odd).
        let n = df as u64 + 1;
        let tally = Tally::<Likert5>::from_counts(&[n - n / 2, 0, 0, 0, n / 2]).expect("counts fit");
        let mean = Mean.score(&tally).expect("non-empty");
        let level = ConfidenceLevel::new(1.0 - alpha).expect("level");
        let interval = mean.interval(level).expect("n ≥ 2");
        // An interval clipped to the 1–5 scale no longer carries t (small
        // df, wide levels); the stats unit tests cover those values.
        if interval.lower() <= 1.0 || interval.upper() >= 5.0 {
            continue;
        }
        let half = interval.width() / 2.0;
        let t = half / mean.standard_error().expect("n ≥ 2");
        let tol = 1e-12 + 2.0 * f64::EPSILON * mean.value().abs() / half;
        assert_relative(
            t,
            case["t"].as_f64().expect("t"),
            tol,
            &format!("t(df {df}, alpha {alpha})"),
        );
        checked += 1;
    }
    assert!(checked >= 100, "{checked}");
}

/// `SharePosterior::hpd` at levels up to 0.999999999999 against
/// `tests/data/hpd_extremes.json` (50-digit mpmath, `hpd_extremes.py`):
/// relative 1e-12 at each end, and a lower end of exactly 0 where the
/// density falls from 0. The upper end used to be asked for as the
/// quantile at `q + level`, whose rounding near 1 moved it by up to 1e-5
/// relative at 0.999999999999.
#[test]
fn share_hpd_intervals_at_extreme_levels() {
    use cxmetrics::monitoring::{Prior, SharePosterior};
    let file: Value = serde_json::from_str(include_str!("data/hpd_extremes.json")).expect("vector file is valid JSON");
    let cases = file["share_hpd"].as_array().expect("cases");
    assert!(cases.len() >= 20, "{}", cases.len());
    for case in cases {
        let (s, n) = (case["successes"].as_u64().expect("s"), case["n"].as_u64().expect("n"));
        let prior = match case["prior"].as_str().expect("prior") {
            "uniform" => Prior::Uniform,
            _ => Prior::Jeffreys,
        };
        let level = case["level"].as_f64().expect("level");
        let post = SharePosterior::new(s, n, prior).expect("s ≤ n");
        let hpd = post.hpd(ConfidenceLevel::new(level).expect("level")).expect("valid");
        let what = format!("{s} of {n}, {prior:?}, level {level}");
        let (lower, upper) = (
            case["lower"].as_f64().expect("lower"),
            case["upper"].as_f64().expect("upper"),
        );
        if lower == 0.0 {
            assert!(hpd.lower() == 0.0, "{what}: lower {:e}", hpd.lower());
        } else {
            assert_relative(hpd.lower(), lower, 1e-12, &format!("{what}, lower"));
        }
        assert_relative(hpd.upper(), upper, 1e-12, &format!("{what}, upper"));
    }
}
