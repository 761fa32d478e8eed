//! NPS reference vectors (`nps_intervals`, `rounding`, `nps_one_sample_test`,
//! `nps_two_sample` in `tests/data/cx_vectors.json`): point estimates,
//! every interval method at every level, tests against a value and two
//! samples, within the tolerances the file states (METHODS.md §0).

mod common;

use common::{
    assert_exact, assert_option, assert_quantile, assert_root, bool_of, bytes_of, case, cases, f64_of, i64_of, levels,
    name, nps, nps_counts, u64_of,
};
use cxmetrics::inference::{NetScoreDifferenceMethod, NetScoreMethod, Options};
use cxmetrics::{Error, Nps, Tally, ZeroToTen};

#[test]
fn point_estimates() -> Result<(), Error> {
    for case in cases("nps_intervals") {
        let name = name(case);
        let nps = nps(&case["input"]["counts"])?;
        if let Some(ratings) = case["input"].get("ratings") {
            // Raw answers, through both the bulk path and the tally, give the same counts.
            let raw = bytes_of(ratings);
            assert_eq!(Nps.score_raw(&raw)?, nps, "{name}");
            assert_eq!(Nps.score(&Tally::<ZeroToTen>::from_raw(&raw)?)?, nps, "{name}");
        }
        let e = &case["expected"];
        assert_eq!(nps.n(), u64_of(&e["n"]), "{name}");
        assert_exact(nps.value(), &e["nps"], name);
        assert_exact(nps.points(), &e["nps_points"], name);
        assert_eq!(nps.rounded(), i64_of(&e["nps_rounded_integer"]), "{name}");
        assert_exact(nps.positive_share(), &e["p_promoter"], name);
        assert_exact(nps.negative_share(), &e["p_detractor"], name);
    }
    Ok(())
}

#[test]
fn rounding_rows() -> Result<(), Error> {
    for row in case("rounding")["expected"]["rows"].as_array().expect("rows") {
        let (d, o, p) = nps_counts(&row["counts"]);
        let nps = Nps.score_counts(d, o, p)?;
        assert_exact(nps.points(), &row["nps_points"], "points");
        assert_eq!(nps.rounded(), i64_of(&row["rounded_half_away_from_zero"]), "{row}");
    }
    Ok(())
}

#[test]
fn intervals_all_methods_all_levels() -> Result<(), Error> {
    for case in cases("nps_intervals") {
        let name = name(case);
        let estimate = nps(&case["input"]["counts"])?;
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
    Ok(())
}

#[test]
fn one_sample_tests() -> Result<(), Error> {
    for case in cases("nps_one_sample_test") {
        let name = name(case);
        let estimate = nps(&case["input"]["counts"])?;
        let b = f64_of(&case["params"]["benchmark_fraction"]);
        for (key, level) in levels(&case["expected"]) {
            let e = &case["expected"][&key];
            let what = |s: &str| format!("{name} {key} {s}");
            assert_exact(estimate.value() - b, &e["difference"], &what("difference"));
            let wald = estimate.test(b, NetScoreMethod::Wald)?;
            assert_option(wald.statistic(), &e["z_wald"], &what("z wald"));
            assert_option(wald.p_value(), &e["p_wald"], &what("p wald"));
            let aw = estimate.test(b, NetScoreMethod::AdjustedWald)?;
            assert_option(aw.statistic(), &e["z_adjusted_wald"], &what("z adjusted wald"));
            assert_option(aw.p_value(), &e["p_adjusted_wald"], &what("p adjusted wald"));
            let score = estimate.test(b, NetScoreMethod::default())?;
            assert_option(score.statistic(), &e["z_score"], &what("z score"));
            assert_option(score.p_value(), &e["p_score"], &what("p score"));
            assert_eq!(
                score.rejects(level),
                bool_of(&e["significant_score"]),
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
    Ok(())
}

#[test]
fn two_samples() -> Result<(), Error> {
    for case in cases("nps_two_sample") {
        let name = name(case);
        let (a, b) = (nps(&case["input"]["a"])?, nps(&case["input"]["b"])?);
        for (key, level) in levels(&case["expected"]) {
            let e = &case["expected"][&key];
            let what = |s: &str| format!("{name} {key} {s}");
            let wald = a.difference(&b, Options::new().level(level).method(NetScoreDifferenceMethod::Wald))?;
            assert_exact(wald.estimate(), &e["difference"], &what("difference"));
            assert_option(wald.test().statistic(), &e["z_wald"], &what("z wald"));
            assert_option(wald.test().p_value(), &e["p_wald"], &what("p wald"));
            assert_quantile(wald.interval().lower(), &e["wald_lower"], &what("wald lower"));
            assert_quantile(wald.interval().upper(), &e["wald_upper"], &what("wald upper"));
            let aw = a.difference(
                &b,
                Options::new()
                    .level(level)
                    .method(NetScoreDifferenceMethod::AdjustedWald),
            )?;
            assert_option(aw.test().statistic(), &e["z_adjusted_wald"], &what("z adjusted wald"));
            assert_option(aw.test().p_value(), &e["p_adjusted_wald"], &what("p adjusted wald"));
            assert_quantile(aw.interval().lower(), &e["adjusted_wald_lower"], &what("aw lower"));
            assert_quantile(aw.interval().upper(), &e["adjusted_wald_upper"], &what("aw upper"));
            let mover = a.difference(&b, level)?;
            assert_root(mover.interval().lower(), &e["mover_score_lower"], &what("mover lower"));
            assert_root(mover.interval().upper(), &e["mover_score_upper"], &what("mover upper"));
            assert_eq!(mover.test(), aw.test(), "{}", what("default test is adjusted Wald"));
        }
    }
    Ok(())
}
