//! Monitoring: anytime-valid confidence sequences, drop detection, control
//! charts and exact Bayesian scores, against the reference vectors of
//! MONITORING.md §5 (`tests/data/monitoring_vectors.json`, absolute 1e-6).

use cxmetrics::monitoring::{NetScoreConfidenceSequence, Prior, ShareConfidenceSequence};
use cxmetrics::{ConfidenceLevel, Error, Nps, Tally, ZeroToTen};
use proptest::prelude::*;
use serde_json::Value;

mod common;

fn vectors() -> Value {
    serde_json::from_str(include_str!("data/monitoring_vectors.json")).expect("vector file is valid JSON")
}

#[track_caller]
fn close(actual: f64, expected: &Value, tol: f64, what: &str) {
    let expected = expected.as_f64().expect("number");
    assert!(
        (actual - expected).abs() <= tol,
        "{what}: got {actual}, expected {expected} (tolerance {tol:e})"
    );
}

fn counts3(v: &Value) -> (u64, u64, u64) {
    let c: Vec<u64> = v
        .as_array()
        .expect("counts")
        .iter()
        .map(|x| x.as_u64().expect("count"))
        .collect();
    (c[0], c[1], c[2])
}

fn prior(v: &Value) -> Prior {
    match v.as_str().expect("prior") {
        "uniform" => Prior::Uniform,
        "jeffreys" => Prior::Jeffreys,
        other => panic!("unknown prior {other}"),
    }
}

#[test]
fn vectors_are_at_alpha_five_percent() {
    assert_eq!(vectors()["alpha"].as_f64(), Some(0.05));
    assert!((ConfidenceLevel::P95.alpha() - 0.05).abs() < 1e-15);
}

#[test]
fn share_confidence_sequences_match_the_vectors() {
    let all = vectors();
    let cases = all["share_confidence_sequence_uniform_prior"]
        .as_array()
        .expect("cases");
    assert_eq!(cases.len(), 3);
    for case in cases {
        let (s, n) = (case["successes"].as_u64().expect("s"), case["n"].as_u64().expect("n"));
        let cs = ShareConfidenceSequence::new(s, n, ConfidenceLevel::P95, Prior::Uniform).expect("valid");
        close(cs.lower(), &case["lower"], 1e-6, &format!("{s}/{n} lower"));
        close(cs.upper(), &case["upper"], 1e-6, &format!("{s}/{n} upper"));
    }
}

#[test]
fn nps_confidence_sequences_match_the_vectors() {
    let all = vectors();
    let cases = all["nps_confidence_sequence"].as_array().expect("cases");
    assert_eq!(cases.len(), 4);
    for case in cases {
        let (d, o, p) = counts3(&case["counts"]);
        let cs = NetScoreConfidenceSequence::new(d, o, p, ConfidenceLevel::P95, prior(&case["prior"])).expect("valid");
        close(cs.lower(), &case["lower"], 1e-6, &format!("{d}/{o}/{p} lower"));
        close(cs.upper(), &case["upper"], 1e-6, &format!("{d}/{o}/{p} upper"));
        // The p-value at an end is α: the sequence is the set where p > α.
        for end in [cs.lower(), cs.upper()] {
            if end.abs() < 1.0 {
                let pv = cs.p_value(end).expect("valid benchmark");
                assert!((pv - 0.05).abs() < 1e-6, "p-value at {end}: {pv}");
            }
        }
    }
}

#[test]
fn a_share_sequence_p_value_at_either_end_is_alpha() {
    // The sequence is the set where p > α, so at an end the p-value is α,
    // for either prior (with the uniform prior the prior's constant is
    // ln B(1, 1) = 0, so only Jeffreys's shows its sign).
    for prior in [Prior::Uniform, Prior::Jeffreys] {
        for (s, n) in [(3, 10), (60, 100), (0, 40), (1_000, 1_001)] {
            let cs = ShareConfidenceSequence::new(s, n, ConfidenceLevel::P95, prior).expect("valid");
            for end in [cs.lower(), cs.upper()] {
                if end > 0.0 && end < 1.0 {
                    let pv = cs.p_value(end).expect("valid benchmark");
                    assert!((pv - 0.05).abs() < 1e-9, "{prior:?} {s}/{n}: p-value at {end} is {pv}");
                }
            }
            assert!((cs.p_value(cs.estimate()).expect("valid") - 1.0).abs() < 1e-12);
        }
    }
}

#[test]
fn confidence_sequences_reject_bad_input_with_exact_messages() {
    let err = ShareConfidenceSequence::new(0, 0, ConfidenceLevel::P95, Prior::Uniform).expect_err("rejected");
    assert_eq!(
        err.to_string(),
        "share confidence sequence of an empty sample is undefined"
    );
    let err = ShareConfidenceSequence::new(11, 10, ConfidenceLevel::P95, Prior::Uniform).expect_err("rejected");
    assert_eq!(
        err.to_string(),
        "successes 11 is out of range: expected at most the number of answers"
    );
    let err =
        NetScoreConfidenceSequence::nps(&Tally::new(), ConfidenceLevel::P95, Prior::Uniform).expect_err("rejected");
    assert!(matches!(err, Error::EmptySample { .. }));
    assert_eq!(
        err.to_string(),
        "NPS confidence sequence of an empty sample is undefined"
    );
    let cs = NetScoreConfidenceSequence::new(1, 2, 3, ConfidenceLevel::P95, Prior::Uniform).expect("valid");
    assert_eq!(
        cs.p_value(45.0).expect_err("rejected").to_string(),
        "benchmark net score 45 is out of range: expected a net score between -1 and 1 (a fraction, not points)"
    );
    let cs = ShareConfidenceSequence::new(1, 2, ConfidenceLevel::P95, Prior::Uniform).expect("valid");
    assert_eq!(
        cs.p_value(70.0).expect_err("rejected").to_string(),
        "benchmark share 70 is out of range: expected a share between 0 and 1 (a fraction, not a percentage)"
    );
    let err =
        NetScoreConfidenceSequence::new(u64::MAX, 1, 0, ConfidenceLevel::P95, Prior::Uniform).expect_err("rejected");
    // The value's digits are left to the error's number formatting.
    let text = err.to_string();
    assert!(
        matches!(
            err,
            Error::InvalidArgument {
                name: "total of the counts",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        text.starts_with("total of the counts ")
            && text.ends_with(" is out of range: expected at most 18446744073709551615 answers"),
        "{text}"
    );
}

#[test]
fn the_nps_sequence_from_a_tally_equals_the_one_from_counts() {
    let t = Tally::<ZeroToTen>::from_counts(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]).expect("valid");
    let from_tally = NetScoreConfidenceSequence::nps(&t, ConfidenceLevel::P95, Prior::Uniform).expect("valid");
    let from_counts = NetScoreConfidenceSequence::new(28, 17, 21, ConfidenceLevel::P95, Prior::Uniform).expect("valid");
    assert_eq!(from_tally, from_counts);
}

fn nps_tally() -> impl Strategy<Value = Tally<ZeroToTen>> {
    proptest::collection::vec(0u64..40, 11).prop_map(|c| Tally::from_counts(&c).expect("valid counts"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_confidence_sequence_contains_the_estimate_and_widens_as_alpha_falls(t in nps_tally()) {
        prop_assume!(!t.is_empty());
        let mut previous: Option<NetScoreConfidenceSequence> = None;
        for level in [ConfidenceLevel::P80, ConfidenceLevel::P95, ConfidenceLevel::P99, ConfidenceLevel::P999] {
            let cs = NetScoreConfidenceSequence::nps(&t, level, Prior::Uniform).expect("non-empty");
            let fixed_n = Nps.score(&t).expect("non-empty").value();
            prop_assert!((cs.estimate() - fixed_n).abs() < 1e-15);
            prop_assert!(cs.lower() <= fixed_n && fixed_n <= cs.upper());
            prop_assert!(-1.0 <= cs.lower() && cs.upper() <= 1.0);
            if let Some(p) = &previous {
                prop_assert!(cs.lower() <= p.lower() + 1e-12 && cs.upper() >= p.upper() - 1e-12);
            }
            previous = Some(cs);
        }
    }

    #[test]
    fn a_confidence_sequence_is_the_same_from_one_tally_or_merged_shards(a in nps_tally(), b in nps_tally()) {
        let mut merged = a.clone();
        merged.merge(&b).expect("no overflow");
        prop_assume!(!merged.is_empty());
        let whole: Tally<ZeroToTen> = merged.iter().flat_map(|(r, c)| std::iter::repeat_n(r, c as usize)).collect();
        for prior in [Prior::Uniform, Prior::Jeffreys] {
            let x = NetScoreConfidenceSequence::nps(&merged, ConfidenceLevel::P95, prior).expect("non-empty");
            let y = NetScoreConfidenceSequence::nps(&whole, ConfidenceLevel::P95, prior).expect("non-empty");
            prop_assert_eq!(x, y);
        }
    }

    #[test]
    fn a_share_sequence_contains_the_estimate_and_widens_as_alpha_falls(s in 0u64..500, extra in 0u64..500) {
        let n = s + extra;
        prop_assume!(n > 0);
        let mut previous: Option<ShareConfidenceSequence> = None;
        for level in [ConfidenceLevel::P80, ConfidenceLevel::P95, ConfidenceLevel::P99] {
            let cs = ShareConfidenceSequence::new(s, n, level, Prior::Jeffreys).expect("valid");
            prop_assert!(cs.lower() <= cs.estimate() && cs.estimate() <= cs.upper());
            if let Some(p) = &previous {
                prop_assert!(cs.lower() <= p.lower() + 1e-12 && cs.upper() >= p.upper() - 1e-12);
            }
            previous = Some(cs);
        }
    }
}

mod bayes {
    use super::*;
    use cxmetrics::monitoring::NetScorePosterior;

    #[test]
    fn nps_posteriors_match_the_vectors() {
        let all = vectors();
        let cases = all["bayesian_nps"].as_array().expect("cases");
        assert_eq!(cases.len(), 2);
        for case in cases {
            let (d, o, p) = counts3(&case["counts"]);
            let post = NetScorePosterior::new(d, o, p, prior(&case["prior"])).expect("valid");
            let what = format!("{d}/{o}/{p}");
            close(post.mean(), &case["mean"], 1e-9, &format!("{what} mean"));
            close(post.sd(), &case["sd"], 1e-9, &format!("{what} sd"));
            let et = post.equal_tailed(ConfidenceLevel::P95).expect("valid");
            close(
                et.lower(),
                &case["equal_tailed_95"][0],
                1e-6,
                &format!("{what} equal-tailed lower"),
            );
            close(
                et.upper(),
                &case["equal_tailed_95"][1],
                1e-6,
                &format!("{what} equal-tailed upper"),
            );
            let hpd = post.hpd(ConfidenceLevel::P95).expect("valid");
            close(hpd.lower(), &case["hpd_95"][0], 1e-6, &format!("{what} HPD lower"));
            close(hpd.upper(), &case["hpd_95"][1], 1e-6, &format!("{what} HPD upper"));
            close(
                post.prob_above(0.4).expect("valid"),
                &case["p_above_0.4"],
                1e-6,
                &format!("{what} P(NPS > 0.4)"),
            );
        }
    }
}

mod detector {
    use super::*;
    use cxmetrics::monitoring::{Baseline, DropDetector};
    use cxmetrics::{Likert5, RatingSet};

    fn week(d: u64, o: u64, p: u64) -> Tally<ZeroToTen> {
        Tally::from_counts(&[d, 0, 0, 0, 0, 0, 0, o, 0, 0, p]).expect("valid")
    }

    /// `SplitMix64`, as in the examples.
    struct Rng(u64);
    impl Rng {
        fn uniform(&mut self) -> f64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
        }
        fn week(&mut self, n: u64, theta: [f64; 3]) -> Tally<ZeroToTen> {
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
            week(c[0], c[1], c[2])
        }
    }

    #[test]
    fn the_statistic_is_the_cusum_of_log_likelihood_ratios() {
        let baseline = week(200, 300, 500);
        let mut d = DropDetector::nps(&baseline, 0.10, 0.001, Baseline::Exact).expect("valid");
        let (r, a) = (d.reference(), d.alternative());
        assert!((a[2] - a[0] - 0.2).abs() < 1e-9 && (a.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        let llr = |c: [u64; 3]| (0..3).map(|k| c[k] as f64 * (a[k] / r[k]).ln()).sum::<f64>();
        let weeks = [[25, 30, 45], [20, 30, 50], [10, 30, 60], [30, 30, 40], [28, 35, 37]];
        let mut w = 0.0f64;
        for (i, c) in weeks.into_iter().enumerate() {
            let alarm = d.push(i, &week(c[0], c[1], c[2])).expect("in order");
            w = (w + llr(c)).max(0.0);
            assert!(alarm.is_none(), "week {i}");
            assert!((d.statistic() - w).abs() < 1e-9, "week {i}: {} vs {w}", d.statistic());
        }
    }

    #[test]
    fn the_alarm_reports_the_stretch_since_the_drop_began() {
        let baseline = week(200, 300, 500);
        let mut d = DropDetector::nps(&baseline, 0.10, 0.01, Baseline::Exact).expect("valid");
        let weeks = [week(10, 30, 60), week(20, 30, 50), week(35, 30, 35), week(35, 30, 35)];
        let alarms = d
            .run(weeks.iter().enumerate().map(|(i, t)| (i + 1, t)))
            .expect("in order");
        assert_eq!(alarms.len(), 1);
        let a = &alarms[0];
        assert_eq!((a.since(), a.period()), (3, 4));
        assert!(a.statistic() >= a.threshold());
        assert_eq!(a.n(), 100 * a.periods());
        assert!(a.estimate().abs() < 1e-12); // 35 − 35
        assert!(d.statistic().abs() < 1e-300, "restarts after an alarm");
    }

    #[test]
    fn detector_errors_have_exact_messages() {
        let baseline = week(20, 30, 50);
        let err = DropDetector::<_, u8>::nps(&baseline, 0.1, 0.0, Baseline::Exact).expect_err("rejected");
        assert_eq!(
            err.to_string(),
            "false-alarm rate 0 is out of range: expected a probability strictly between 0 and 1"
        );
        // Strictly: a false-alarm rate of 1 would make the threshold −ln 1 = 0.
        let err = DropDetector::<_, u8>::nps(&baseline, 0.1, 1.0, Baseline::Exact).expect_err("rejected");
        assert_eq!(
            err.to_string(),
            "false-alarm rate 1 is out of range: expected a probability strictly between 0 and 1"
        );
        let err = DropDetector::<_, u8>::nps(&baseline, 10.0, 0.01, Baseline::Exact).expect_err("rejected");
        assert_eq!(
            err.to_string(),
            "drop 10 is out of range: expected a positive drop on the fraction scale, e.g. 0.05 for 5 points"
        );
        // No drop at all is not a drop to watch for (`> 0` as `>= 0` survived).
        let err = DropDetector::<_, u8>::nps(&baseline, 0.0, 0.01, Baseline::Exact).expect_err("rejected");
        assert_eq!(
            err.to_string(),
            "drop 0 is out of range: expected a positive drop on the fraction scale, e.g. 0.05 for 5 points"
        );
        let no_detractors = week(0, 30, 70);
        let err = DropDetector::<_, u8>::nps(&no_detractors, 0.8, 0.01, Baseline::Exact).expect_err("rejected");
        assert_eq!(
            err.to_string(),
            "drop 0.8 is out of range: expected a drop that leaves the score above the lowest value the baseline's categories can reach"
        );
        let err = DropDetector::<_, u8>::nps(&Tally::new(), 0.1, 0.01, Baseline::Exact).expect_err("rejected");
        assert_eq!(err.to_string(), "baseline of an empty sample is undefined");
        let mut d = DropDetector::nps(&baseline, 0.1, 0.01, Baseline::Exact).expect("valid");
        d.push("2026-W15", &baseline).expect("first");
        let err = d.push("2026-W15", &baseline).expect_err("rejected");
        assert_eq!(
            err.to_string(),
            "period 2026-W15 is not after the previous period 2026-W15: push periods in increasing order"
        );
        let top = RatingSet::range(Likert5::new(4).expect("4"), Likert5::new(5).expect("5")).expect("set");
        let b = Tally::<Likert5>::from_counts(&[1, 1, 1, 1, 1]).expect("valid");
        let err = DropDetector::<_, u8>::net_score(&b, top, top, 0.1, 0.01, Baseline::Exact).expect_err("rejected");
        assert_eq!(
            err.to_string(),
            "rating in both the positive and the negative set 4 is out of range: expected disjoint positive and negative sets"
        );
    }

    /// Ville: over 52 weekly looks at α = 0.05/52 the false-alarm rate is at
    /// most 5 %; the naive week-over-week z test is far above.
    #[test]
    fn in_control_false_alarms_stay_under_the_stated_rate() {
        let theta = [0.2, 0.3, 0.5];
        let baseline = week(200, 300, 500);
        let mut rng = Rng(7);
        let paths = 400;
        let mut alarms = 0;
        for _ in 0..paths {
            let mut d = DropDetector::nps(&baseline, 0.05, 0.05 / 52.0, Baseline::Exact).expect("valid");
            let mut fired = false;
            for w in 0..52u32 {
                fired |= d.push(w, &rng.week(100, theta)).expect("in order").is_some();
            }
            alarms += usize::from(fired);
        }
        // The bound is 5 %; with 400 paths a true rate of 5 % would exceed 8 % with probability < 0.3 %.
        assert!(alarms * 100 <= 8 * paths, "{alarms} of {paths} paths alarmed");
    }

    #[test]
    fn a_lower_bound_baseline_moves_the_reference_down_by_the_sampling_error() {
        let baseline = week(20, 30, 50);
        let d = DropDetector::<_, u8>::nps(&baseline, 0.1, 0.01, Baseline::LowerBound(ConfidenceLevel::P90))
            .expect("valid");
        let [neg, _, pos] = d.reference();
        let se = ((0.7 - 0.09) / 100.0f64).sqrt();
        assert!((pos - neg - (0.3 - 1.281_551_565_545 * se)).abs() < 1e-9);
        let [an, _, ap] = d.alternative();
        assert!((ap - an - (pos - neg - 0.1)).abs() < 1e-9);
    }
}

mod charts {
    use super::*;
    use cxmetrics::monitoring::{EwmaChart, PChart, TabularCusum};

    fn numbers(v: &Value) -> Vec<f64> {
        v.as_array()
            .expect("array")
            .iter()
            .map(|x| x.as_f64().expect("number"))
            .collect()
    }

    /// Pyzdek, Handbook for Quality Management, Table 9.6.
    #[test]
    fn the_p_chart_matches_pyzdek_table_9_6() {
        let all = vectors();
        let case = &all["p_chart_pyzdek_table_9_6"];
        let n = numbers(&case["n"]);
        let x = numbers(&case["defectives"]);
        let samples: Vec<(u64, u64)> = x.iter().zip(&n).map(|(&x, &n)| (x as u64, n as u64)).collect();
        let chart = PChart::new(&samples, case["sigma_multiple"].as_f64().expect("L")).expect("valid");
        close(chart.center(), &case["p_bar"], 1e-12, "p-bar");
        for (p, &size) in chart.points().iter().zip(&n) {
            let key = if size < 300.0 { "limits_n250" } else { "limits_n500" };
            close(p.lower(), &case[key][0], 1e-6, &format!("{key} lower"));
            close(p.upper(), &case[key][1], 1e-6, &format!("{key} upper"));
        }
        assert_eq!(chart.points().len(), 25);
        assert!(case["points_outside"].as_array().expect("list").is_empty());
        assert!(chart.outside().is_empty());
    }

    /// Montgomery, Introduction to Statistical Quality Control (EWMA and
    /// tabular CUSUM examples on the same 30 observations).
    #[test]
    fn a_point_on_a_limit_is_inside() {
        // p̄ = 19/50: the lower limit 0.38 − 3·√(0.38·0.62/10) is below 0
        // and clipped to it, so a period with no successes sits on the
        // limit, not outside (`<` as `<=` survived, shard 22); 9 of 10 is
        // above the upper limit, 0.84.
        let chart = PChart::new(&[(0, 10), (5, 10), (2, 10), (3, 10), (9, 10)], 3.0).expect("valid");
        let first = &chart.points()[0];
        assert_eq!((first.value().to_bits(), first.lower().to_bits()), (0, 0));
        assert!(!first.is_outside());
        assert!(chart.points()[4].is_outside(), "{:?}", chart.points()[4]);
        // The mirror image: p̄ = 31/50, the upper limit clipped to 1, where
        // a period of all successes sits (`>` as `>=` survived, shard 25).
        let chart = PChart::new(&[(10, 10), (5, 10), (8, 10), (7, 10), (1, 10)], 3.0).expect("valid");
        let first = &chart.points()[0];
        assert_eq!((first.value(), first.upper()), (1.0, 1.0));
        assert!(!first.is_outside());
        assert!(chart.points()[4].is_outside(), "{:?}", chart.points()[4]);
    }

    #[test]
    fn ewma_and_tabular_cusum_match_montgomery() {
        let all = vectors();
        let case = &all["montgomery_30_observations"];
        let x = numbers(&case["x"]);
        let (mu0, sigma) = (
            case["mu0"].as_f64().expect("mu0"),
            case["sigma"].as_f64().expect("sigma"),
        );
        let e = &case["ewma"];
        let ewma = EwmaChart::new(
            &x,
            mu0,
            sigma,
            e["lambda"].as_f64().expect("l"),
            e["L"].as_f64().expect("L"),
        )
        .expect("valid");
        let t = e["first_signal"].as_u64().expect("t") as usize;
        assert_eq!(ewma.first_signal(), Some(t - 1), "first signal at t = {t} (1-based)");
        let tol = e["tolerance_abs"].as_f64().expect("tol");
        close(ewma.points()[t - 1].value(), &e["z_29"], tol, "z_29");
        close(ewma.points()[t - 1].upper(), &e["ucl_29"], tol, "UCL_29");
        let c = &case["tabular_cusum"];
        let cusum =
            TabularCusum::new(&x, mu0, sigma, c["K"].as_f64().expect("K"), c["H"].as_f64().expect("H")).expect("valid");
        let t = c["first_signal"].as_u64().expect("t") as usize;
        assert_eq!(cusum.first_signal(), Some(t - 1));
        close(
            cusum.points()[t - 1].upper(),
            &c["c_plus_29"],
            c["tolerance_abs"].as_f64().expect("tol"),
            "C+_29",
        );
    }
}

mod posterior {
    use super::*;
    use cxmetrics::monitoring::{NetScorePosterior, SharePosterior};

    #[test]
    fn share_posteriors_are_the_beta_distribution() {
        // Beta(1, 11): F(x) = 1 − (1 − x)^11, HPD [0, 1 − 0.05^(1/11)].
        let post = SharePosterior::new(0, 10, Prior::Uniform).expect("valid");
        let hpd = post.hpd(ConfidenceLevel::P95).expect("valid");
        assert!(hpd.lower().abs() < 1e-300, "the lower end is set to 0");
        assert!((hpd.upper() - (1.0 - 0.05f64.powf(1.0 / 11.0))).abs() < 1e-9);
        let et = post.equal_tailed(ConfidenceLevel::P95).expect("valid");
        assert!((et.lower() - (1.0 - 0.975f64.powf(1.0 / 11.0))).abs() < 1e-9);
        assert!((et.upper() - (1.0 - 0.025f64.powf(1.0 / 11.0))).abs() < 1e-9);
        // Relative precision where the limits are tiny: for 0 of n, with
        // h = α/2, the limits are 1 − (1 − h)^(1/(n+1)) and 1 − h^(1/(n+1)),
        // here through ln_1p and exp_m1. The upper limit used to be 1 minus
        // a quantile near 1 (5e-9 relative off at n = 10⁹), and 1 − α/2
        // rounded first (4e-6 off at 0.999999999999).
        for n in [10_000u64, 1_000_000_000, 1_000_000_000_000] {
            let post = SharePosterior::new(0, n, Prior::Uniform).expect("valid");
            for level in [0.95, 0.999_999, 0.999_999_999_999] {
                let h = (1.0 - level) / 2.0;
                let et = post
                    .equal_tailed(ConfidenceLevel::new(level).expect("valid"))
                    .expect("valid");
                let root = |ln_tail: f64| -(ln_tail / (n + 1) as f64).exp_m1();
                let (lower, upper) = (root((-h).ln_1p()), root(h.ln()));
                assert!(
                    (et.lower() - lower).abs() <= 1e-12 * lower,
                    "{n} {level}: {} vs {lower}",
                    et.lower()
                );
                assert!(
                    (et.upper() - upper).abs() <= 1e-12 * upper,
                    "{n} {level}: {} vs {upper}",
                    et.upper()
                );
            }
        }
        // A symmetric posterior has a symmetric HPD interval equal to the equal-tailed one.
        let sym = SharePosterior::new(6, 12, Prior::Jeffreys).expect("valid");
        let (h, e) = (
            sym.hpd(ConfidenceLevel::P90).expect("v"),
            sym.equal_tailed(ConfidenceLevel::P90).expect("v"),
        );
        assert!((h.lower() - e.lower()).abs() < 1e-7 && (h.upper() - e.upper()).abs() < 1e-7);
        // The HPD interval holds its probability and has equal density at both ends.
        let skew = SharePosterior::new(3, 40, Prior::Uniform).expect("valid");
        let h = skew.hpd(ConfidenceLevel::P95).expect("valid");
        let mass = skew.cdf(h.upper()).expect("v") - skew.cdf(h.lower()).expect("v");
        assert!((mass - 0.95).abs() < 1e-9, "{mass}");
        let ln_pdf = |x: f64| 3.0 * x.ln() + 37.0 * (-x).ln_1p();
        assert!((ln_pdf(h.lower()) - ln_pdf(h.upper())).abs() < 1e-6);
    }

    #[test]
    fn two_group_probabilities_are_complementary() {
        let a = NetScorePosterior::new(10, 50, 80, Prior::Uniform).expect("valid");
        let b = NetScorePosterior::new(20, 40, 60, Prior::Uniform).expect("valid");
        let (ab, ba) = (a.prob_greater_than(&b), b.prob_greater_than(&a));
        assert!((ab + ba - 1.0).abs() < 1e-6, "{ab} + {ba}");
        assert!(ab > 0.9 && ab < 0.99, "{ab}");
        let x = SharePosterior::new(30, 50, Prior::Jeffreys).expect("valid");
        let y = SharePosterior::new(25, 50, Prior::Jeffreys).expect("valid");
        assert!((x.prob_greater_than(&y) + y.prob_greater_than(&x) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn the_nps_posterior_handles_zero_counts_under_jeffreys() {
        // Shapes below 1: singular densities at the ends of [−1, 1].
        for (d, o, p) in [(0, 0, 5), (3, 0, 0), (0, 10, 0), (0, 2, 0)] {
            let post = NetScorePosterior::new(d, o, p, Prior::Jeffreys).expect("valid");
            let et = post.equal_tailed(ConfidenceLevel::P95).expect("valid");
            let mass = post.cdf(et.upper()).expect("v") - post.cdf(et.lower()).expect("v");
            assert!((mass - 0.95).abs() < 1e-7, "{d}/{o}/{p}: {mass}");
            let hpd = post.hpd(ConfidenceLevel::P95).expect("valid");
            let mass = post.cdf(hpd.upper()).expect("v") - post.cdf(hpd.lower()).expect("v");
            assert!((mass - 0.95).abs() < 1e-7, "{d}/{o}/{p} HPD: {mass}");
            assert!(hpd.upper() - hpd.lower() <= et.upper() - et.lower() + 1e-9);
        }
    }

    #[test]
    fn posterior_errors_have_exact_messages() {
        let post = NetScorePosterior::new(1, 2, 3, Prior::Uniform).expect("valid");
        assert_eq!(
            post.prob_above(40.0).expect_err("rejected").to_string(),
            "target net score 40 is out of range: expected a net score between -1 and 1 (a fraction, not points)"
        );
        assert_eq!(
            post.prob_final_at_least(0.3, 20_000_000)
                .expect_err("rejected")
                .to_string(),
            "answers still to come 20000000 is out of range: expected at most 10000000 (the exact sum is linear in it; beyond, the posterior itself answers)"
        );
        assert_eq!(
            NetScorePosterior::new(0, 0, 0, Prior::Uniform)
                .expect_err("rejected")
                .to_string(),
            "net score posterior of an empty sample is undefined"
        );
        let share = SharePosterior::new(1, 2, Prior::Uniform).expect("valid");
        assert_eq!(
            share.prob_final_at_least(80.0, 10).expect_err("rejected").to_string(),
            "target share 80 is out of range: expected a share between 0 and 1 (a fraction, not a percentage)"
        );
    }

    #[test]
    fn the_predictive_probability_tends_to_the_posterior_as_more_answers_come() {
        let post = NetScorePosterior::new(10, 50, 80, Prior::Uniform).expect("valid");
        // Today's NPS is 70/140 = +50 exactly: reached, and nothing more to come.
        assert!((post.prob_final_at_least(0.5, 0).expect("v") - 1.0).abs() < 1e-15);
        assert!(post.prob_final_at_least(0.51, 0).expect("v").abs() < 1e-15);
        let far = post.prob_final_at_least(0.4, 1_000_000).expect("v");
        let posterior = post.prob_above(0.4).expect("v");
        assert!((far - posterior).abs() < 0.01, "{far} vs {posterior}");
        let share = SharePosterior::new(150, 200, Prior::Uniform).expect("valid");
        let far = share.prob_final_at_least(0.7, 2_000_000).expect("v");
        assert!((far - share.prob_above(0.7).expect("v")).abs() < 0.01);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn posterior_probabilities_are_probabilities_and_fall_with_the_target(
            d in 0u64..60, o in 0u64..60, p in 0u64..60, jeffreys in any::<bool>()
        ) {
            prop_assume!(d + o + p > 0);
            let prior = if jeffreys { Prior::Jeffreys } else { Prior::Uniform };
            let post = NetScorePosterior::new(d, o, p, prior).expect("valid");
            let mut previous = 1.0;
            for b in [-0.9, -0.5, -0.1, 0.0, 0.2, 0.5, 0.9] {
                let x = post.prob_above(b).expect("valid");
                prop_assert!((0.0..=1.0).contains(&x));
                prop_assert!(x <= previous + 1e-9, "P(NPS > {}) = {} after {}", b, x, previous);
                previous = x;
            }
            let mut previous = 1.0;
            for target in [-0.5, 0.0, 0.3, 0.6] {
                let x = post.prob_final_at_least(target, 50).expect("valid");
                prop_assert!((0.0..=1.0).contains(&x) && x <= previous + 1e-12);
                previous = x;
            }
            let share = SharePosterior::new(p, d + o + p, prior).expect("valid");
            let mut previous = 1.0;
            for b in [0.0, 0.1, 0.5, 0.9, 1.0] {
                let x = share.prob_above(b).expect("valid");
                prop_assert!((0.0..=1.0).contains(&x) && x <= previous + 1e-12);
                previous = x;
            }
        }
    }
}

#[test]
fn monitoring_types_are_send_sync_debug_and_clone() {
    use cxmetrics::monitoring::{
        Alarm, Baseline, ChartPoint, CredibleInterval, CusumPoint, DropDetector, EwmaChart, NetScoreChart,
        NetScorePosterior, PChart, SharePosterior, TabularCusum,
    };
    fn check<T: Send + Sync + 'static + core::fmt::Debug + Clone>() {}
    check::<Prior>();
    check::<ShareConfidenceSequence>();
    check::<NetScoreConfidenceSequence>();
    check::<SharePosterior>();
    check::<NetScorePosterior>();
    check::<CredibleInterval>();
    check::<Baseline>();
    check::<Alarm<u32>>();
    check::<DropDetector<ZeroToTen, cxmetrics::Period>>();
    check::<ChartPoint>();
    check::<CusumPoint>();
    check::<PChart>();
    check::<NetScoreChart>();
    check::<EwmaChart>();
    check::<TabularCusum>();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any baseline, drop, rate and weeks: an error or a detector, never a
    /// panic; the statistic stays in [0, threshold).
    #[test]
    fn the_detector_never_panics_and_its_statistic_stays_in_range(
        base in proptest::collection::vec(0u64..1000, 11),
        weeks in proptest::collection::vec(proptest::collection::vec(0u64..200, 11), 0..20),
        drop in -0.5f64..2.5,
        alpha in -0.1f64..1.1,
        lower_bound in any::<bool>(),
    ) {
        use cxmetrics::monitoring::{Baseline, DropDetector};
        let baseline = Tally::<ZeroToTen>::from_counts(&base).expect("valid");
        let handling = if lower_bound { Baseline::default() } else { Baseline::Exact };
        if let Ok(mut d) = DropDetector::nps(&baseline, drop, alpha, handling) {
            for (i, w) in weeks.iter().enumerate() {
                let t = Tally::<ZeroToTen>::from_counts(w).expect("valid");
                let alarm = d.push(i, &t).expect("in order");
                prop_assert!(d.statistic() >= 0.0 && d.statistic() < d.threshold());
                if let Some(a) = alarm {
                    prop_assert!(a.statistic() >= a.threshold() && a.since() <= a.period());
                    prop_assert!((-1.0..=1.0).contains(&a.estimate()));
                }
            }
        }
    }
}

#[test]
fn the_detector_takes_the_crates_periods() {
    use chrono::NaiveDate;
    use cxmetrics::monitoring::{Baseline, DropDetector};
    use cxmetrics::{Granularity, Period};
    let week = |d: u32| {
        Period::containing(Granularity::IsoWeek, NaiveDate::from_ymd_opt(2026, 3, d).expect("date"))
            .expect("in the calendar")
    };
    let baseline = Tally::<ZeroToTen>::from_counts(&[20, 0, 0, 0, 0, 0, 0, 30, 0, 0, 50]).expect("valid");
    let bad = Tally::<ZeroToTen>::from_counts(&[400, 0, 0, 0, 0, 0, 0, 300, 0, 0, 300]).expect("valid");
    let mut d = DropDetector::nps(&baseline, 0.1, 0.01, Baseline::Exact).expect("valid");
    assert!(d.push(week(2), &baseline).expect("in order").is_none());
    let alarm = d.push(week(9), &bad).expect("in order").expect("alarm");
    assert_eq!((alarm.since(), alarm.period()), (week(9), week(9)));
    let err = d.push(week(4), &bad).expect_err("out of order");
    assert!(matches!(err, Error::PeriodOrder { .. }));
    assert!(
        err.to_string().contains("2026-W10"),
        "periods print as people read them: {err}"
    );
}

#[cfg(feature = "serde")]
#[test]
fn monitoring_results_serialize() {
    let cs = NetScoreConfidenceSequence::new(30, 50, 120, ConfidenceLevel::P95, Prior::Uniform).expect("valid");
    let json = serde_json::to_value(&cs).expect("serializes");
    assert_eq!(json["negative"], 30);
    assert_eq!(json["prior"], "Uniform");
    assert!((json["lower"].as_f64().expect("lower") - 0.228_987).abs() < 1e-6);
}

/// Bounds at up to 10¹⁵ answers, with both priors, against 50-digit mpmath
/// (`tests/data/confidence_sequence_extremes.py`): within 1e-13 relative.
/// Before the log-likelihood and the posterior's `ln B` were differenced
/// without cancellation, the bounds at 10¹⁵ answers were off by 3 % of the
/// half-width, and the lower bound for one success in 10¹² by 3e-4.
#[test]
fn sequences_at_huge_n_match_high_precision_bounds() -> Result<(), Error> {
    let v: Value = serde_json::from_str(include_str!("data/confidence_sequence_extremes.json"))
        .expect("vector file is valid JSON");
    let num = |x: &Value| {
        x.as_str()
            .expect("a number as a string")
            .parse::<f64>()
            .expect("a number")
    };
    for case in v["share"].as_array().expect("share cases") {
        let s = case["successes"].as_u64().expect("successes");
        let n = case["n"].as_u64().expect("n");
        let cs = ShareConfidenceSequence::new(s, n, ConfidenceLevel::P95, prior(&case["prior"]))?;
        common::assert_close(cs.lower(), num(&case["lower"]), 1e-13, 0.0, &format!("{s}/{n} lower"));
        common::assert_close(cs.upper(), num(&case["upper"]), 1e-13, 0.0, &format!("{s}/{n} upper"));
    }
    for case in v["net"].as_array().expect("net cases") {
        let (d, o, p) = counts3(&case["counts"]);
        let cs = NetScoreConfidenceSequence::new(d, o, p, ConfidenceLevel::P95, prior(&case["prior"]))?;
        common::assert_close(
            cs.lower(),
            num(&case["lower"]),
            1e-13,
            0.0,
            &format!("{d}/{o}/{p} lower"),
        );
        common::assert_close(
            cs.upper(),
            num(&case["upper"]),
            1e-13,
            0.0,
            &format!("{d}/{o}/{p} upper"),
        );
    }
    Ok(())
}

/// The NPS posterior from 10⁹ to 10¹⁵ answers. At `mean ± sd` the first
/// correction to the normal limit (the skewness term, proportional to
/// `He₂(±1) = 0`) vanishes, so `F` must be `Φ(±1)` to `O(1/n)`, far inside
/// the module's 1e-6. Before the Beta densities came from the
/// cancellation-free prefactor, `F(mean + sd)` was off by 1.5e-5 at 10¹⁰
/// answers and 4.7e-3 at 10¹³, `F` was 1 everywhere at 10¹⁶, and a share
/// posterior beat itself with probability 0.5000021 at 10⁹.
#[test]
fn posteriors_stay_exact_up_to_huge_samples() -> Result<(), Error> {
    use cxmetrics::monitoring::{NetScorePosterior, SharePosterior};
    for scale in [100_000_000u64, 100_000_000_000, 100_000_000_000_000] {
        let post = NetScorePosterior::new(2 * scale, 3 * scale, 5 * scale, Prior::Uniform)?;
        let (mean, sd) = (post.mean(), post.sd());
        for (k, phi) in [(-1.0, 0.158_655_253_931_457_05), (1.0, 0.841_344_746_068_542_9)] {
            let got = post.cdf(mean + k * sd)?;
            assert!(
                (got - phi).abs() < 1e-6,
                "n = {}: F(mean {k:+} sd) = {got}, Φ = {phi}",
                10 * scale
            );
        }
        // A posterior against itself: 1/2 exactly, by symmetry.
        let share = SharePosterior::new(3 * scale, 10 * scale, Prior::Uniform)?;
        let half = share.prob_greater_than(&share);
        assert!((half - 0.5).abs() < 1e-6, "n = {}: {half}", 10 * scale);
    }
    Ok(())
}

/// The probability of reaching a target by the end of the period, with up
/// to 10¹² answers so far, against 50-digit mpmath
/// (`tests/data/predictive_extremes.py`): within 1e-10 relative. Before
/// the Beta-binomial probabilities took their `ln B` differences as
/// `ln Γ(x + h) − ln Γ(x)` from Stirling's series, they were off by 1.5e-3
/// relative at 10¹² answers (3.6e-6 at 10⁹).
#[test]
// The reference values as mpmath printed them.
#[allow(clippy::excessive_precision)]
fn predictive_probabilities_at_huge_n_match_high_precision_values() -> Result<(), Error> {
    use cxmetrics::monitoring::{NetScorePosterior, SharePosterior};
    for (s, n, m, k, want) in [
        (
            300_000_000_000u64,
            1_000_000_000_000u64,
            1000u64,
            305.0,
            0.376_509_726_637_819_04,
        ),
        (3000, 10_000, 1000, 305.0, 0.382_768_157_780_920_81),
        (300_000_000, 1_000_000_000, 1000, 310.0, 0.255_218_452_375_600_07),
    ] {
        let target = (s as f64 + k) / (n as f64 + m as f64);
        let post = SharePosterior::new(s, n, Prior::Uniform)?;
        common::assert_close(
            post.prob_final_at_least(target, m)?,
            want,
            1e-10,
            0.0,
            &format!("share {s}/{n}"),
        );
    }
    for (d, o, p, m, k, want) in [
        (
            200_000_000_000u64,
            300_000_000_000u64,
            500_000_000_000u64,
            200u64,
            62.0,
            0.448_678_780_906_416_09,
        ),
        (20, 30, 50, 200, 62.0, 0.439_245_884_940_392_57),
    ] {
        let n = (d + o + p) as f64;
        let target = (p as f64 - d as f64 + k) / (n + m as f64);
        let post = NetScorePosterior::new(d, o, p, Prior::Uniform)?;
        common::assert_close(
            post.prob_final_at_least(target, m)?,
            want,
            1e-10,
            0.0,
            &format!("net {d}/{o}/{p}"),
        );
    }
    Ok(())
}

/// The HPD interval is the shortest with the stated mass: its ends carry
/// the level's probability between them and equal density, even at a
/// level of 0.999999 (where the search's bracket is 1e-6 wide and a
/// mutation-tested edge of `1e-12 / α` instead of `1e-12·α` closed it).
#[test]
fn hpd_intervals_hold_their_mass_between_ends_of_equal_density() -> Result<(), Error> {
    use cxmetrics::monitoring::NetScorePosterior;
    // Each check integrates the posterior a few dozen times: two samples.
    for (d, o, p, level) in [(5, 11, 210, 0.999_999), (30, 50, 120, 0.95)] {
        let post = NetScorePosterior::new(d, o, p, Prior::Uniform)?;
        let hpd = post.hpd(ConfidenceLevel::new(level)?)?;
        let (lo, hi) = (hpd.lower(), hpd.upper());
        let mass = post.cdf(hi)? - post.cdf(lo)?;
        assert!((mass - level).abs() < 1e-6, "{d}/{o}/{p} at {level}: mass {mass}");
        let (f_lo, f_hi) = (post.density(lo)?, post.density(hi)?);
        assert!(
            (f_lo - f_hi).abs() <= 1e-4 * f_lo.max(f_hi),
            "{d}/{o}/{p} at {level}: densities {f_lo} and {f_hi} at [{lo}, {hi}]"
        );
    }
    Ok(())
}

/// A net-score posterior and its mirror (negative and positive counts
/// swapped) have mirrored intervals, the equal-tailed ones to the last bit:
/// each upper limit is the mirror's lower limit negated, solved at its own
/// tail `α/2` rather than at a rounded `1 − α/2`.
#[test]
fn net_score_intervals_mirror_with_the_counts() -> Result<(), Error> {
    use cxmetrics::monitoring::NetScorePosterior;
    let posteriors = |(d, o, p): (u64, u64, u64)| -> Result<_, Error> {
        Ok((
            NetScorePosterior::new(d, o, p, Prior::Uniform)?,
            NetScorePosterior::new(p, o, d, Prior::Uniform)?,
        ))
    };
    for (counts, level) in [((4, 4, 7), 0.95), ((20, 3, 9), 0.999_999), ((6, 30, 6), 0.99)] {
        let level = ConfidenceLevel::new(level)?;
        let (post, mirror) = posteriors(counts)?;
        let (et, et_m) = (post.equal_tailed(level)?, mirror.equal_tailed(level)?);
        assert_eq!((et.lower(), et.upper()), (-et_m.upper(), -et_m.lower()), "{counts:?}");
    }
    // One HPD pair: each search takes a second or more in a debug build.
    let (post, mirror) = posteriors((4, 4, 7))?;
    let (hpd, hpd_m) = (post.hpd(ConfidenceLevel::P95)?, mirror.hpd(ConfidenceLevel::P95)?);
    assert!(
        (hpd.lower() + hpd_m.upper()).abs() < 1e-9 && (hpd.upper() + hpd_m.lower()).abs() < 1e-9,
        "HPD [{}, {}], mirrored [{}, {}]",
        hpd.lower(),
        hpd.upper(),
        hpd_m.lower(),
        hpd_m.upper()
    );
    Ok(())
}

/// Far below the bulk a net-score posterior's CDF keeps its relative
/// precision: the inner probability is taken on whichever side of the
/// incomplete beta keeps it (taken as `1 − I` on the other side, a mutant
/// in shard 28, it rounded to 0). Against 50-digit mpmath
/// (`tests/data/net_score_tail.py`).
#[test]
fn net_score_cdf_keeps_a_far_tail() -> Result<(), Error> {
    use cxmetrics::monitoring::NetScorePosterior;
    let post = NetScorePosterior::new(5, 11, 210, Prior::Uniform)?;
    let expected = 1.140_225_475_669_504_6e-277;
    let f = post.cdf(-0.9)?;
    assert!((f - expected).abs() <= 1e-9 * expected, "{f:e}");
    Ok(())
}
