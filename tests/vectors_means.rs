//! Mean reference vectors (`mean_t_interval`, `mean_one_sample_t`, `welch`,
//! `two_sample_prop_and_welch` in `tests/data/cx_vectors.json`): means and
//! standard deviations, t intervals and tests, Welch's two-sample t, and
//! CES 2.0 over two periods as a share and as a mean.

mod common;

use common::{
    assert_exact, assert_option, assert_quantile, bytes_of, cases, check_two_shares, counts_of, f64_of, levels, name,
    u64_of,
};
use cxmetrics::{CesAgreement, ConfidenceLevel, Error, Likert5, Likert7, Mean, MeanScore, Tally};
use serde_json::Value;

/// Welch's two-sample t against a vector's `expected` object.
#[track_caller]
fn check_welch(name: &str, a: &MeanScore, b: &MeanScore, e: &Value, level: ConfidenceLevel) -> Result<(), Error> {
    let d = a.difference(b, level)?.expect("defined: both samples have spread");
    assert_exact(d.estimate(), &e["difference"], name);
    assert_option(d.test().statistic(), &e["t"], &format!("{name} t"));
    assert_option(d.test().df(), &e["df"], &format!("{name} df"));
    assert_option(d.test().p_value(), &e["p"], &format!("{name} p"));
    assert_quantile(d.interval().lower(), &e["lower"], &format!("{name} lower"));
    assert_quantile(d.interval().upper(), &e["upper"], &format!("{name} upper"));
    assert_quantile(
        (d.interval().upper() - d.estimate()).abs(),
        &Value::from(f64_of(&e["t_crit"]) * f64_of(&e["se"])),
        &format!("{name} half width"),
    );
    Ok(())
}

#[test]
fn point_estimates() -> Result<(), Error> {
    for kind in ["mean_t_interval", "mean_one_sample_t"] {
        for case in cases(kind) {
            let name = name(case);
            let m = Mean.score(&Tally::<Likert5>::from_raw(&bytes_of(&case["input"]["values"]))?)?;
            for e in case["expected"].as_object().expect("levels").values() {
                assert_eq!(m.n(), u64_of(&e["n"]), "{name}");
                assert_exact(m.value(), &e["mean"], name);
                match e["sd"].as_f64() {
                    Some(_) => assert_exact(m.sd().expect("n > 1"), &e["sd"], name),
                    None => assert_eq!(m.sd(), None, "{name}: sd undefined for n = 1"),
                }
            }
        }
    }
    for case in cases("welch") {
        let e = &case["expected"]["0.95"];
        for (side, key) in [("a", "values_a"), ("b", "values_b")] {
            let m = CesAgreement::default().mean(&Tally::<Likert7>::from_raw(&bytes_of(&case["input"][key]))?)?;
            assert_exact(m.value(), &e[format!("mean_{side}")], "mean");
            assert_exact(m.sd().expect("n > 1"), &e[format!("sd_{side}")], "sd");
        }
    }
    Ok(())
}

#[test]
fn t_intervals_and_one_sample_tests() -> Result<(), Error> {
    for kind in ["mean_t_interval", "mean_one_sample_t"] {
        for case in cases(kind) {
            let name = name(case);
            let m = Mean.score(&Tally::<Likert5>::from_raw(&bytes_of(&case["input"]["values"]))?)?;
            for (key, level) in levels(&case["expected"]) {
                let e = &case["expected"][&key];
                let what = |t: &str| format!("{name} {key} {t}");
                assert_option(m.standard_error(), &e["se"], &what("se"));
                match (m.interval(level), m.standard_error()) {
                    (Some(i), Some(se)) => {
                        assert_quantile(i.lower(), &e["lower"], &what("lower"));
                        assert_quantile(i.upper(), &e["upper"], &what("upper"));
                        assert_quantile((i.upper() - i.lower()) / 2.0 / se, &e["t_crit"], &what("t crit"));
                    }
                    (None, _) => assert!(e["lower"].is_null(), "{}", what("interval undefined")),
                    (Some(i), None) => panic!("{}: an interval {i} without a standard error", what("interval")),
                }
                if let Some(mu0) = case["params"]["mu0"].as_f64() {
                    let t = m.test(mu0)?;
                    assert_option(t.statistic(), &e["t"], &what("t"));
                    assert_option(t.p_value(), &e["p"], &what("p"));
                    assert_eq!(t.df(), e["df"].as_f64(), "{}", what("df"));
                }
            }
        }
    }
    Ok(())
}

#[test]
fn welch_two_samples() -> Result<(), Error> {
    for case in cases("welch") {
        let name = name(case);
        let ces = CesAgreement::default();
        let a = ces.mean(&Tally::from_raw(&bytes_of(&case["input"]["values_a"]))?)?;
        let b = ces.mean(&Tally::from_raw(&bytes_of(&case["input"]["values_b"]))?)?;
        for (key, level) in levels(&case["expected"]) {
            check_welch(&format!("{name} {key}"), &a, &b, &case["expected"][&key], level)?;
        }
    }
    Ok(())
}

#[test]
fn ces2_two_periods_as_shares_and_means() -> Result<(), Error> {
    for case in cases("two_sample_prop_and_welch") {
        let name = name(case);
        let ta = Tally::<Likert7>::from_counts(&counts_of(&case["input"]["histogram_a"]))?;
        let tb = Tally::<Likert7>::from_counts(&counts_of(&case["input"]["histogram_b"]))?;
        let ces = CesAgreement::default();
        let (sa, sb) = (ces.score(&ta)?, ces.score(&tb)?);
        let (ma, mb) = (ces.mean(&ta)?, ces.mean(&tb)?);
        for (key, level) in levels(&case["expected"]) {
            let e = &case["expected"][&key];
            assert_exact(sa.value(), &e["proportion"]["p1"], &format!("{name} {key} p1"));
            assert_exact(sb.value(), &e["proportion"]["p2"], &format!("{name} {key} p2"));
            for (m, side) in [(&ma, "a"), (&mb, "b")] {
                assert_exact(
                    m.value(),
                    &e["welch"][format!("mean_{side}")],
                    &format!("{name} {key} mean {side}"),
                );
                assert_exact(
                    m.sd().expect("n > 1"),
                    &e["welch"][format!("sd_{side}")],
                    &format!("{name} {key} sd {side}"),
                );
            }
            check_two_shares(&format!("{name} {key}"), &sa, &sb, &e["proportion"], level)?;
            check_welch(&format!("{name} {key} welch"), &ma, &mb, &e["welch"], level)?;
        }
    }
    Ok(())
}
