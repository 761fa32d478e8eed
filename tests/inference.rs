//! Every inference value in the reference vectors (`tests/data/cx_vectors.json`),
//! at every confidence level the file lists, within the tolerances it states
//! (METHODS.md §0): closed-form values to a relative 1e-12; values that
//! depend on a quantile, p-value or incomplete beta to a relative 1e-9
//! (absolute 1e-12 near 0); roots of the NPS score interval to an absolute 1e-9.

mod common;

use common::{assert_close, assert_exact, bytes_of, cases, counts_of, u64_of};
use cxmetrics::inference::{
    Adjustment, NetScoreDifferenceMethod, NetScoreMethod, Options, ShareDifferenceMethod, ShareMethod, ShareTest,
    VarianceMethod,
};
use cxmetrics::planning::{
    UnitVariance, finite_population, minimum_detectable_difference, sample_size, sample_size_per_group,
    sample_size_per_group_shares,
};
use cxmetrics::{
    CesAgreement, ConfidenceLevel, Csat, Error, Likert5, Likert7, Mean, NetScore, Nps, Share, Tally, WeightedTally,
    ZeroToTen,
};
use serde_json::Value;

/// Quantile- or p-value-dependent: relative 1e-9, absolute 1e-12.
#[track_caller]
fn assert_quantile(actual: f64, expected: &Value, what: &str) {
    let e = expected
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: expected a number, got {expected}"));
    assert_close(actual, e, 1e-9, 1e-12, what);
}

/// Score-interval roots: absolute 1e-9.
#[track_caller]
fn assert_root(actual: f64, expected: &Value, what: &str) {
    let e = expected
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: expected a number, got {expected}"));
    assert_close(actual, e, 0.0, 1e-9, what);
}

/// A nullable expected value: `null` means undefined, which must be `None`.
#[track_caller]
fn assert_option(actual: Option<f64>, expected: &Value, what: &str) {
    match (actual, expected.as_f64()) {
        (Some(a), Some(_)) => assert_quantile(a, expected, what),
        (None, None) => {}
        (a, _) => panic!("{what}: got {a:?}, expected {expected}"),
    }
}

/// The confidence levels of a case, as the keys of `expected` (or of a sub-object).
fn levels(obj: &Value) -> Vec<(String, ConfidenceLevel)> {
    obj.as_object()
        .expect("levels object")
        .keys()
        .filter_map(|k| {
            k.parse::<f64>()
                .ok()
                .map(|l| (k.clone(), ConfidenceLevel::new(l).expect("level")))
        })
        .collect()
}

fn nps(c: &Value) -> NetScore {
    Nps.score_counts(
        u64_of(&c["detractors"]),
        u64_of(&c["passives"]),
        u64_of(&c["promoters"]),
    )
    .expect("non-empty")
}

/// A CSAT share with `x` satisfied of `n`.
fn share(x: u64, n: u64) -> Share {
    Csat::default()
        .score(&Tally::<Likert5>::from_counts(&[n - x, 0, 0, 0, x]).expect("counts"))
        .expect("non-empty")
}

#[test]
fn nps_intervals_all_methods_all_levels() {
    for case in cases("nps_intervals") {
        let name = case["name"].as_str().unwrap_or_default();
        let estimate = nps(&case["input"]["counts"]);
        let intervals = &case["expected"]["intervals"];
        for (key, level) in levels(intervals) {
            let e = &intervals[&key];
            let what = |m: &str, b: &str| format!("{name} {key} {m} {b}");
            let wald = estimate.interval(Options::new().level(level).method(NetScoreMethod::Wald));
            assert_exact(estimate.standard_error(), &e["wald"]["se"], &what("wald", "se"));
            assert_quantile(wald.lower(), &e["wald"]["lower"], &what("wald", "lower"));
            assert_quantile(wald.upper(), &e["wald"]["upper"], &what("wald", "upper"));
            let aw = estimate.interval(Options::new().level(level).method(NetScoreMethod::AdjustedWald));
            assert_quantile(
                aw.lower(),
                &e["adjusted_wald"]["lower"],
                &what("adjusted wald", "lower"),
            );
            assert_quantile(
                aw.upper(),
                &e["adjusted_wald"]["upper"],
                &what("adjusted wald", "upper"),
            );
            assert_exact(
                aw.estimate(),
                &e["wald"]["estimate"],
                &what("adjusted wald", "reported estimate"),
            );
            let score = estimate.interval(level);
            assert_root(score.lower(), &e["score"]["lower"], &what("score", "lower"));
            assert_root(score.upper(), &e["score"]["upper"], &what("score", "upper"));
            assert!(
                score.contains(estimate.value()),
                "{name}: score interval contains the estimate"
            );
        }
    }
}

#[test]
fn nps_one_sample_tests() {
    for case in cases("nps_one_sample_test") {
        let name = case["name"].as_str().unwrap_or_default();
        let estimate = nps(&case["input"]["counts"]);
        let b = case["params"]["benchmark_fraction"].as_f64().expect("benchmark");
        for (key, level) in levels(&case["expected"]) {
            let e = &case["expected"][&key];
            let what = |s: &str| format!("{name} {key} {s}");
            assert_exact(estimate.value() - b, &e["difference"], &what("difference"));
            let wald = estimate.test(b, NetScoreMethod::Wald).expect("valid benchmark");
            assert_option(wald.statistic(), &e["z_wald"], &what("z wald"));
            assert_option(wald.p_value(), &e["p_wald"], &what("p wald"));
            let aw = estimate.test(b, NetScoreMethod::AdjustedWald).expect("valid benchmark");
            assert_option(aw.statistic(), &e["z_adjusted_wald"], &what("z adjusted wald"));
            assert_option(aw.p_value(), &e["p_adjusted_wald"], &what("p adjusted wald"));
            let score = estimate
                .test(b, cxmetrics::inference::NetScoreMethod::default())
                .expect("valid benchmark");
            assert_option(score.statistic(), &e["z_score"], &what("z score"));
            assert_option(score.p_value(), &e["p_score"], &what("p score"));
            assert_eq!(
                score.rejects(level),
                e["significant_score"].as_bool().expect("bool"),
                "{}",
                what("verdict")
            );
            // The score interval excludes the benchmark exactly when the score test rejects.
            assert_eq!(
                !estimate.interval(level).contains(b),
                score.rejects(level),
                "{}",
                what("consistency")
            );
        }
    }
}

#[test]
fn nps_two_sample() {
    for case in cases("nps_two_sample") {
        let name = case["name"].as_str().unwrap_or_default();
        let (a, b) = (nps(&case["input"]["a"]), nps(&case["input"]["b"]));
        for (key, level) in levels(&case["expected"]) {
            let e = &case["expected"][&key];
            let what = |s: &str| format!("{name} {key} {s}");
            let wald = a
                .difference(&b, Options::new().level(level).method(NetScoreDifferenceMethod::Wald))
                .expect("comparable");
            assert_exact(wald.estimate(), &e["difference"], &what("difference"));
            assert_option(wald.test().statistic(), &e["z_wald"], &what("z wald"));
            assert_option(wald.test().p_value(), &e["p_wald"], &what("p wald"));
            assert_quantile(wald.interval().lower(), &e["wald_lower"], &what("wald lower"));
            assert_quantile(wald.interval().upper(), &e["wald_upper"], &what("wald upper"));
            let aw = a
                .difference(
                    &b,
                    Options::new()
                        .level(level)
                        .method(NetScoreDifferenceMethod::AdjustedWald),
                )
                .expect("comparable");
            assert_option(aw.test().statistic(), &e["z_adjusted_wald"], &what("z adjusted wald"));
            assert_option(aw.test().p_value(), &e["p_adjusted_wald"], &what("p adjusted wald"));
            assert_quantile(aw.interval().lower(), &e["adjusted_wald_lower"], &what("aw lower"));
            assert_quantile(aw.interval().upper(), &e["adjusted_wald_upper"], &what("aw upper"));
            let mover = a.difference(&b, level).expect("comparable");
            assert_root(mover.interval().lower(), &e["mover_score_lower"], &what("mover lower"));
            assert_root(mover.interval().upper(), &e["mover_score_upper"], &what("mover upper"));
            assert_eq!(mover.test(), aw.test(), "{}", what("default test is adjusted Wald"));
        }
    }
}

#[test]
fn proportion_intervals_all_methods_all_levels() {
    for case in cases("proportion_intervals") {
        let name = case["name"].as_str().unwrap_or_default();
        let e = &case["expected"];
        let s = share(u64_of(&e["x"]), u64_of(&e["n"]));
        let intervals = &e["intervals"];
        for (key, level) in levels(intervals) {
            for (method, field) in [
                (ShareMethod::Wald, "wald"),
                (ShareMethod::Wilson, "wilson"),
                (ShareMethod::AgrestiCoull, "agresti_coull"),
                (ShareMethod::ClopperPearson, "clopper_pearson"),
                (ShareMethod::Jeffreys, "jeffreys"),
            ] {
                let i = s.interval(Options::new().level(level).method(method));
                let x = &intervals[&key][field];
                assert_quantile(i.lower(), &x["lower"], &format!("{name} {key} {field} lower"));
                assert_quantile(i.upper(), &x["upper"], &format!("{name} {key} {field} upper"));
            }
            assert_exact(
                s.standard_error(),
                &intervals[&key]["wald"]["se"],
                &format!("{name} se"),
            );
            assert_eq!(
                s.interval(level),
                s.interval(Options::new().level(level).method(ShareMethod::Wilson)),
                "Wilson is the default"
            );
        }
    }
}

#[test]
fn proportion_one_sample_tests() {
    for case in cases("proportion_one_sample_test") {
        let name = case["name"].as_str().unwrap_or_default();
        let s = share(u64_of(&case["input"]["x"]), u64_of(&case["input"]["n"]));
        let p0 = case["params"]["benchmark"].as_f64().expect("benchmark");
        for (key, level) in levels(&case["expected"]) {
            let e = &case["expected"][&key];
            let what = |t: &str| format!("{name} {key} {t}");
            let score = s
                .test(p0, cxmetrics::inference::ShareTest::default())
                .expect("valid p0");
            assert_option(score.statistic(), &e["z_score"], &what("z score"));
            assert_option(score.p_value(), &e["p_score"], &what("p score"));
            assert_eq!(score.rejects(level), e["significant_score"].as_bool().expect("bool"));
            assert_eq!(
                !s.interval(level).contains(p0),
                score.rejects(level),
                "{}",
                what("Wilson/score consistency")
            );
            let wald = s.test(p0, ShareTest::Wald).expect("valid p0");
            assert_option(wald.statistic(), &e["z_wald"], &what("z wald"));
            assert_option(wald.p_value(), &e["p_wald"], &what("p wald"));
            let exact = s.test(p0, ShareTest::ExactBinomial).expect("valid p0");
            assert_option(exact.p_value(), &e["p_exact_binomial"], &what("p exact"));
        }
    }
}

fn check_two_shares(name: &str, a: &Share, b: &Share, e: &Value, level: ConfidenceLevel) {
    let what = |t: &str| format!("{name} {t}");
    let newcombe = a.difference(b, level).expect("comparable");
    assert_exact(newcombe.estimate(), &e["difference"], &what("difference"));
    assert_option(newcombe.test().statistic(), &e["z_pooled"], &what("z pooled"));
    assert_option(newcombe.test().p_value(), &e["p_pooled"], &what("p pooled"));
    assert_quantile(
        newcombe.interval().lower(),
        &e["newcombe_lower"],
        &what("newcombe lower"),
    );
    assert_quantile(
        newcombe.interval().upper(),
        &e["newcombe_upper"],
        &what("newcombe upper"),
    );
    let wald = a
        .difference(b, Options::new().level(level).method(ShareDifferenceMethod::Wald))
        .expect("comparable");
    assert_option(wald.test().statistic(), &e["z_unpooled"], &what("z unpooled"));
    assert_option(wald.test().p_value(), &e["p_unpooled"], &what("p unpooled"));
    assert_quantile(wald.interval().lower(), &e["wald_lower"], &what("wald lower"));
    assert_quantile(wald.interval().upper(), &e["wald_upper"], &what("wald upper"));
    let ac = a
        .difference(
            b,
            Options::new().level(level).method(ShareDifferenceMethod::AgrestiCaffo),
        )
        .expect("comparable");
    assert_quantile(
        ac.interval().lower(),
        &e["agresti_caffo_lower"],
        &what("agresti-caffo lower"),
    );
    assert_quantile(
        ac.interval().upper(),
        &e["agresti_caffo_upper"],
        &what("agresti-caffo upper"),
    );
}

#[test]
fn proportion_two_sample() {
    for case in cases("proportion_two_sample") {
        let name = case["name"].as_str().unwrap_or_default();
        let i = &case["input"];
        let (a, b) = (
            share(u64_of(&i["x1"]), u64_of(&i["n1"])),
            share(u64_of(&i["x2"]), u64_of(&i["n2"])),
        );
        for (key, level) in levels(&case["expected"]) {
            check_two_shares(&format!("{name} {key}"), &a, &b, &case["expected"][&key], level);
        }
    }
    for case in cases("newcombe_difference") {
        let name = case["name"].as_str().unwrap_or_default();
        let i = &case["input"];
        let (a, b) = (
            share(u64_of(&i["x1"]), u64_of(&i["n1"])),
            share(u64_of(&i["x2"]), u64_of(&i["n2"])),
        );
        let level = ConfidenceLevel::new(case["params"]["confidence"].as_f64().expect("level")).expect("level");
        let d = a.difference(&b, level).expect("comparable");
        let e = &case["expected"];
        assert_exact(d.estimate(), &e["difference"], name);
        assert_quantile(d.interval().lower(), &e["newcombe_lower"], name);
        assert_quantile(d.interval().upper(), &e["newcombe_upper"], name);
        // Newcombe (1998b) Table II, published to 4 decimal places.
        assert_close(
            d.interval().lower(),
            e["published_4dp"]["lower"].as_f64().expect("4dp"),
            0.0,
            5e-5,
            name,
        );
        assert_close(
            d.interval().upper(),
            e["published_4dp"]["upper"].as_f64().expect("4dp"),
            0.0,
            5e-5,
            name,
        );
    }
}

fn welch_check(name: &str, a: &cxmetrics::MeanScore, b: &cxmetrics::MeanScore, e: &Value, level: ConfidenceLevel) {
    let d = a.difference(b, level).expect("comparable").expect("defined");
    assert_exact(d.estimate(), &e["difference"], name);
    assert_quantile(d.test().statistic().expect("t"), &e["t"], &format!("{name} t"));
    assert_quantile(d.test().df().expect("df"), &e["df"], &format!("{name} df"));
    assert_quantile(d.test().p_value().expect("p"), &e["p"], &format!("{name} p"));
    assert_quantile(d.interval().lower(), &e["lower"], &format!("{name} lower"));
    assert_quantile(d.interval().upper(), &e["upper"], &format!("{name} upper"));
    assert_quantile(
        (d.interval().upper() - d.estimate()).hypot(0.0),
        &Value::from(e["t_crit"].as_f64().expect("t") * e["se"].as_f64().expect("se")),
        name,
    );
}

#[test]
fn ces2_two_periods_share_and_welch() {
    for case in cases("two_sample_prop_and_welch") {
        let name = case["name"].as_str().unwrap_or_default();
        let ta = Tally::<Likert7>::from_counts(&counts_of(&case["input"]["histogram_a"])).expect("counts");
        let tb = Tally::<Likert7>::from_counts(&counts_of(&case["input"]["histogram_b"])).expect("counts");
        let ces = CesAgreement::default();
        let (sa, sb) = (ces.score(&ta).expect("non-empty"), ces.score(&tb).expect("non-empty"));
        let (ma, mb) = (ces.mean(&ta).expect("non-empty"), ces.mean(&tb).expect("non-empty"));
        for (key, level) in levels(&case["expected"]) {
            let e = &case["expected"][&key];
            check_two_shares(&format!("{name} {key}"), &sa, &sb, &e["proportion"], level);
            welch_check(&format!("{name} {key} welch"), &ma, &mb, &e["welch"], level);
        }
    }
}

#[test]
fn means_t_interval_one_sample_and_welch() {
    for kind in ["mean_t_interval", "mean_one_sample_t"] {
        for case in cases(kind) {
            let name = case["name"].as_str().unwrap_or_default();
            let m = Mean
                .score(&Tally::<Likert5>::from_raw(&bytes_of(&case["input"]["values"])).expect("valid"))
                .expect("non-empty");
            for (key, level) in levels(&case["expected"]) {
                let e = &case["expected"][&key];
                let what = |t: &str| format!("{name} {key} {t}");
                assert_option(m.standard_error(), &e["se"], &what("se"));
                match m.interval(level) {
                    Some(i) => {
                        assert_quantile(i.lower(), &e["lower"], &what("lower"));
                        assert_quantile(i.upper(), &e["upper"], &what("upper"));
                        assert_quantile(
                            (i.upper() - i.lower()) / 2.0 / m.standard_error().expect("se"),
                            &e["t_crit"],
                            &what("t crit"),
                        );
                    }
                    None => assert!(e["lower"].is_null(), "{}", what("interval undefined")),
                }
                if let Some(mu0) = case["params"]["mu0"].as_f64() {
                    let t = m.test(mu0).expect("mu0 on scale");
                    assert_option(t.statistic(), &e["t"], &what("t"));
                    assert_option(t.p_value(), &e["p"], &what("p"));
                    assert_eq!(t.df(), e["df"].as_f64(), "{}", what("df"));
                }
            }
        }
    }
    for case in cases("welch") {
        let name = case["name"].as_str().unwrap_or_default();
        let ces = CesAgreement::default();
        let a = ces
            .mean(&Tally::from_raw(&bytes_of(&case["input"]["values_a"])).expect("valid"))
            .expect("non-empty");
        let b = ces
            .mean(&Tally::from_raw(&bytes_of(&case["input"]["values_b"])).expect("valid"))
            .expect("non-empty");
        for (key, level) in levels(&case["expected"]) {
            welch_check(&format!("{name} {key}"), &a, &b, &case["expected"][&key], level);
        }
    }
}

fn weighted<S: cxmetrics::Scale>(case: &Value, field: &str) -> WeightedTally<S> {
    let ratings = bytes_of(&case["input"][field]);
    let weights: Vec<f64> = case["input"]["weights"]
        .as_array()
        .expect("weights")
        .iter()
        .map(|w| w.as_f64().expect("weight"))
        .collect();
    let mut t = WeightedTally::new();
    for (r, w) in ratings.into_iter().zip(weights) {
        t.add(S::new(r).expect("on scale"), w).expect("valid weight");
    }
    t
}

#[test]
fn weighted_share_mean_and_nps() {
    let case = &cases("weighted_proportion")[0];
    let kish = Csat::default()
        .score(&weighted::<Likert5>(case, "ratings"))
        .expect("non-empty");
    let lin = kish.with_variance(VarianceMethod::Linearized);
    for (key, level) in levels(&case["expected"]) {
        let e = &case["expected"][&key];
        assert_exact(kish.value(), &e["estimate"], "estimate");
        assert_eq!(kish.n(), u64_of(&e["n"]));
        assert_exact(kish.n_eff(), &e["n_eff"], "n_eff");
        assert_exact(kish.design_effect(), &e["design_effect"], "design effect");
        assert_exact(kish.standard_error(), &e["se_kish"], "se kish");
        assert_exact(lin.standard_error(), &e["se_linearized"], "se linearized");
        for (s, method, lower, upper) in [
            (&kish, ShareMethod::Wald, "wald_kish_lower", "wald_kish_upper"),
            (&kish, ShareMethod::Wilson, "wilson_kish_lower", "wilson_kish_upper"),
            (&lin, ShareMethod::Wald, "wald_lin_lower", "wald_lin_upper"),
        ] {
            let i = s.interval(Options::new().level(level).method(method));
            assert_quantile(i.lower(), &e[lower], &format!("{key} {lower}"));
            assert_quantile(i.upper(), &e[upper], &format!("{key} {upper}"));
        }
    }

    let case = &cases("weighted_mean")[0];
    let m = Mean.score(&weighted::<Likert5>(case, "values")).expect("non-empty");
    let e = &case["expected"];
    assert_exact(m.value(), &e["mean"], "weighted mean");
    assert_exact(m.n_eff(), &e["n_eff"], "n_eff");
    assert_exact(m.standard_error().expect("se"), &e["se_kish"], "se kish");
    let lin = m.with_variance(VarianceMethod::Linearized);
    assert_exact(lin.standard_error().expect("se"), &e["se_linearized"], "se linearized");

    let case = &cases("weighted_nps")[0];
    let kish = Nps.score(&weighted::<ZeroToTen>(case, "ratings")).expect("non-empty");
    let lin = kish.with_variance(VarianceMethod::Linearized);
    for (key, level) in levels(&case["expected"]) {
        let e = &case["expected"][&key];
        assert_exact(kish.value(), &e["estimate"], "nps");
        assert_exact(kish.positive_share(), &e["p_promoter"], "p promoter");
        assert_exact(kish.negative_share(), &e["p_detractor"], "p detractor");
        assert_exact(kish.n_eff(), &e["n_eff"], "n_eff");
        assert_exact(kish.standard_error(), &e["se_kish"], "se kish");
        assert_exact(lin.standard_error(), &e["se_linearized"], "se linearized");
        for (s, method, lower, upper) in [
            (&kish, NetScoreMethod::Wald, "wald_kish_lower", "wald_kish_upper"),
            (
                &kish,
                NetScoreMethod::AdjustedWald,
                "adjusted_wald_kish_lower",
                "adjusted_wald_kish_upper",
            ),
            (&lin, NetScoreMethod::Wald, "wald_lin_lower", "wald_lin_upper"),
        ] {
            let i = s.interval(Options::new().level(level).method(method));
            assert_quantile(i.lower(), &e[lower], &format!("{key} {lower}"));
            assert_quantile(i.upper(), &e[upper], &format!("{key} {upper}"));
        }
    }
}

#[test]
fn weighted_error_cases() {
    for case in cases("error")
        .into_iter()
        .filter(|c| c["input"].get("weights").is_some())
    {
        let name = case["name"].as_str().unwrap_or_default();
        let ratings = bytes_of(&case["input"]["ratings"]);
        let weights: Vec<f64> = case["input"]["weights"]
            .as_array()
            .expect("w")
            .iter()
            .map(|w| w.as_f64().expect("w"))
            .collect();
        let mut t = WeightedTally::<Likert5>::new();
        let added: Result<(), Error> = ratings
            .iter()
            .zip(&weights)
            .try_for_each(|(&r, &w)| t.add(Likert5::new(r).expect("valid"), w));
        let err = added
            .and_then(|()| Csat::default().score(&t).map(|_| ()))
            .expect_err(name);
        match case["expected"]["error"].as_str() {
            Some("InvalidInput") => {
                assert_eq!(err.to_string(), "weight -1 is invalid: weights must be finite and >= 0");
            }
            Some("EmptySample") => assert!(matches!(err, Error::EmptySample { .. }), "{name}: {err}"),
            other => panic!("{name}: unexpected {other:?}"),
        }
    }
}

#[test]
fn planning() {
    for (key, level) in levels(&cases("n_for_moe_proportion")[0]["expected"]) {
        let case = &cases("n_for_moe_proportion")[0];
        let p = &case["params"];
        let v = UnitVariance::share(p["p"].as_f64().expect("p")).expect("valid");
        let n = sample_size(v, p["moe"].as_f64().expect("moe"), level).expect("valid");
        assert_eq!(n, u64_of(&case["expected"][&key]["n"]), "proportion {key}");
    }
    let case = &cases("n_for_moe_nps")[0];
    let p = &case["params"];
    let v = UnitVariance::net_score(
        p["p_promoter"].as_f64().expect("p"),
        p["p_detractor"].as_f64().expect("p"),
    )
    .expect("valid");
    for (key, level) in levels(&case["expected"]) {
        assert_exact(v.get(), &case["expected"][&key]["var_unit"], "var");
        assert_eq!(
            sample_size(v, p["moe"].as_f64().expect("moe"), level).expect("valid"),
            u64_of(&case["expected"][&key]["n"])
        );
    }
    let case = &cases("fpc")[0];
    let n = finite_population(u64_of(&case["params"]["n0"]), u64_of(&case["params"]["population"])).expect("valid");
    assert_eq!(n, u64_of(&case["expected"]["n"]));

    let case = &cases("mdd")[0];
    let p = &case["params"];
    let level = ConfidenceLevel::new(1.0 - p["alpha"].as_f64().expect("alpha")).expect("level");
    let group = |pk: &str, nk: &str| {
        (
            UnitVariance::share(p[pk].as_f64().expect("p")).expect("valid"),
            u64_of(&p[nk]),
        )
    };
    let mdd = minimum_detectable_difference(
        group("p_a", "n_a"),
        Some(group("p_b", "n_b")),
        level,
        p["power"].as_f64().expect("power"),
    )
    .expect("valid");
    assert_quantile(mdd, &case["expected"]["mdd"], "mdd");

    let case = &cases("n_per_group_unpooled")[0];
    let p = &case["params"];
    let var = |g: &str| {
        UnitVariance::net_score(
            p[g]["p_promoter"].as_f64().expect("p"),
            p[g]["p_detractor"].as_f64().expect("p"),
        )
        .expect("valid")
    };
    let level = ConfidenceLevel::new(1.0 - p["alpha"].as_f64().expect("alpha")).expect("level");
    let n = sample_size_per_group(
        var("a"),
        var("b"),
        p["delta"].as_f64().expect("delta"),
        level,
        p["power"].as_f64().expect("power"),
    )
    .expect("valid");
    assert_eq!(n, u64_of(&case["expected"]["n"]));

    let case = &cases("n_per_group_two_proportions")[0];
    let p = &case["params"];
    let level = ConfidenceLevel::new(1.0 - p["alpha"].as_f64().expect("alpha")).expect("level");
    let n = sample_size_per_group_shares(
        p["p1"].as_f64().expect("p1"),
        p["p2"].as_f64().expect("p2"),
        level,
        p["power"].as_f64().expect("power"),
    )
    .expect("valid");
    assert_eq!(n, u64_of(&case["expected"]["n"]));
}

#[test]
fn multiplicity() {
    let case = &cases("p_adjust")[0];
    let p: Vec<f64> = case["input"]["p_values"]
        .as_array()
        .expect("p")
        .iter()
        .map(|x| x.as_f64().expect("p"))
        .collect();
    for (adjustment, key) in [(Adjustment::Holm, "holm"), (Adjustment::BenjaminiHochberg, "bh")] {
        let adjusted = adjustment.adjust(&p).expect("valid");
        for (a, e) in adjusted.iter().zip(case["expected"][key].as_array().expect("expected")) {
            assert_exact(*a, e, key);
        }
        // Input order is kept: a shuffled input gives the shuffled output.
        let reversed: Vec<f64> = p.iter().rev().copied().collect();
        let back: Vec<f64> = adjustment.adjust(&reversed).expect("valid").into_iter().rev().collect();
        assert_eq!(back, adjusted);
    }
}

#[test]
fn normal_critical_values() {
    let case = &cases("quantiles")[0];
    for (key, level) in levels(&case["expected"]["z"]) {
        assert_eq!(
            level.z().to_bits(),
            case["expected"]["z"][&key].as_f64().expect("z").to_bits(),
            "z {key}"
        );
    }
}

#[test]
fn large_samples_keep_accurate_t_quantiles() {
    // 10 million answers: the t quantile is the normal one to within 1e-6.
    let t = Tally::<Likert5>::from_counts(&[1_000_000, 2_000_000, 3_000_000, 2_000_000, 2_000_000]).expect("counts");
    let m = Mean.score(&t).expect("non-empty");
    let i = m.interval(ConfidenceLevel::P95).expect("defined");
    let crit = (i.upper() - m.value()) / m.standard_error().expect("se");
    assert_close(crit, ConfidenceLevel::P95.z(), 1e-6, 0.0, "t quantile at df = 1e7");
    let p = m.test(i.upper()).expect("on scale").p_value().expect("defined");
    assert_close(p, 0.05, 1e-9, 0.0, "the interval limit is where the test has p = alpha");
}
