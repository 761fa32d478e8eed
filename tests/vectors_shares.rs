//! Share reference vectors (`proportion_intervals`,
//! `proportion_one_sample_test`, `proportion_two_sample`,
//! `newcombe_difference` in `tests/data/cx_vectors.json`): CSAT, CES 2.0
//! and CES 1.0 low-effort shares, every interval method at every level,
//! tests against a value and two samples.

mod common;

use common::{
    assert_close, assert_exact, assert_option, assert_quantile, bool_of, bytes_of, cases, check_two_shares, counts_of,
    f64_of, levels, name, share, u64_of,
};
use cxmetrics::inference::{Options, ShareMethod, ShareTest};
use cxmetrics::{CesAgreement, CesEffort, ConfidenceLevel, Csat, Error, Likert5, Likert7, RatingSet, Scale, Tally};
use serde_json::Value;

fn positive_set<S: Scale>(v: &Value) -> Result<RatingSet<S>, Error> {
    RatingSet::new(bytes_of(v).into_iter().map(S::new).collect::<Result<Vec<S>, Error>>()?)
}

#[test]
fn point_estimates() -> Result<(), Error> {
    for case in cases("proportion_intervals") {
        let name = name(case);
        let scale = bytes_of(&case["input"]["scale"]);
        let counts = counts_of(&case["input"]["histogram"]);
        let set = &case["params"]["positive_set"];
        let share = match (case["metric"].as_str(), scale.as_slice()) {
            (Some("csat"), [1, 5]) => {
                let t = Tally::<Likert5>::from_counts(&counts)?;
                let share = Csat::new(positive_set(set)?).score(&t)?;
                assert_eq!(share, Csat::default().score(&t)?, "{name}: default is 4–5");
                share
            }
            (Some("ces_2.0"), [1, 7]) => {
                let t = Tally::<Likert7>::from_counts(&counts)?;
                let share = CesAgreement::new(positive_set(set)?).score(&t)?;
                let named = if set.as_array().map(Vec::len) == Some(2) {
                    CesAgreement::strict()
                } else {
                    CesAgreement::default()
                };
                assert_eq!(share, named.score(&t)?, "{name}: named variant");
                share
            }
            (Some("ces_1.0"), [1, 5]) => CesEffort.low_effort_share(&Tally::<Likert5>::from_counts(&counts)?)?,
            other => panic!("{name}: unexpected metric and scale {other:?}"),
        };
        let e = &case["expected"];
        assert_eq!((share.hits(), share.n()), (u64_of(&e["x"]), u64_of(&e["n"])), "{name}");
        assert_exact(share.value(), &e["proportion"], name);
        assert_exact(share.percent(), &e["percent"], name);
    }
    Ok(())
}

#[test]
fn ces1_mean_is_lower_is_better_effort() -> Result<(), Error> {
    let case = cases("proportion_intervals")
        .into_iter()
        .find(|c| c["metric"] == "ces_1.0")
        .expect("a CES 1.0 case");
    let t = Tally::<Likert5>::from_counts(&counts_of(&case["input"]["histogram"]))?;
    // METHODS.md §4: the mean is 2.25 and misreading the scale gives a 15 % "top-2 box".
    assert_close(CesEffort.score(&t)?.value(), 2.25, 1e-12, 0.0, "mean effort");
    assert_close(Csat::default().score(&t)?.value(), 0.15, 1e-12, 0.0, "wrong-way share");
    Ok(())
}

#[test]
fn intervals_all_methods_all_levels() -> Result<(), Error> {
    for case in cases("proportion_intervals") {
        let name = name(case);
        let e = &case["expected"];
        let s = share(u64_of(&e["x"]), u64_of(&e["n"]))?;
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
    Ok(())
}

#[test]
fn one_sample_tests() -> Result<(), Error> {
    for case in cases("proportion_one_sample_test") {
        let name = name(case);
        let s = share(u64_of(&case["input"]["x"]), u64_of(&case["input"]["n"]))?;
        let p0 = f64_of(&case["params"]["benchmark"]);
        for (key, level) in levels(&case["expected"]) {
            let e = &case["expected"][&key];
            let what = |t: &str| format!("{name} {key} {t}");
            let score = s.test(p0, ShareTest::default())?;
            assert_option(score.statistic(), &e["z_score"], &what("z score"));
            assert_option(score.p_value(), &e["p_score"], &what("p score"));
            assert_eq!(
                score.rejects(level),
                bool_of(&e["significant_score"]),
                "{}",
                what("verdict")
            );
            assert_eq!(
                !s.interval(level).contains(p0),
                score.rejects(level),
                "{}",
                what("Wilson/score consistency")
            );
            let wald = s.test(p0, ShareTest::Wald)?;
            assert_option(wald.statistic(), &e["z_wald"], &what("z wald"));
            assert_option(wald.p_value(), &e["p_wald"], &what("p wald"));
            let exact = s.test(p0, ShareTest::ExactBinomial)?;
            assert_option(exact.p_value(), &e["p_exact_binomial"], &what("p exact"));
        }
    }
    Ok(())
}

#[test]
fn two_samples() -> Result<(), Error> {
    for case in cases("proportion_two_sample") {
        let name = name(case);
        let i = &case["input"];
        let a = share(u64_of(&i["x1"]), u64_of(&i["n1"]))?;
        let b = share(u64_of(&i["x2"]), u64_of(&i["n2"]))?;
        for (key, level) in levels(&case["expected"]) {
            check_two_shares(&format!("{name} {key}"), &a, &b, &case["expected"][&key], level)?;
        }
    }
    Ok(())
}

#[test]
fn newcombe_differences_match_the_published_table() -> Result<(), Error> {
    for case in cases("newcombe_difference") {
        let name = name(case);
        let i = &case["input"];
        let a = share(u64_of(&i["x1"]), u64_of(&i["n1"]))?;
        let b = share(u64_of(&i["x2"]), u64_of(&i["n2"]))?;
        let d = a.difference(&b, ConfidenceLevel::new(f64_of(&case["params"]["confidence"]))?)?;
        let e = &case["expected"];
        assert_exact(d.estimate(), &e["difference"], name);
        assert_quantile(d.interval().lower(), &e["newcombe_lower"], name);
        assert_quantile(d.interval().upper(), &e["newcombe_upper"], name);
        // Newcombe (1998b) Table II, published to 4 decimal places.
        assert_close(
            d.interval().lower(),
            f64_of(&e["published_4dp"]["lower"]),
            0.0,
            5e-5,
            name,
        );
        assert_close(
            d.interval().upper(),
            f64_of(&e["published_4dp"]["upper"]),
            0.0,
            5e-5,
            name,
        );
    }
    Ok(())
}
