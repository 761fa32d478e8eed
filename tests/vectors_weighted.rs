//! Weighted reference vectors (`weighted_proportion`, `weighted_mean`,
//! `weighted_nps` in `tests/data/cx_vectors.json`): Kish's effective
//! sample size and the linearised standard error.

mod common;

use common::{assert_exact, assert_quantile, case, levels, u64_of, weighted};
use cxmetrics::inference::{NetScoreMethod, Options, ShareMethod, VarianceMethod};
use cxmetrics::{Csat, Error, Likert5, Mean, Nps, ZeroToTen};

#[test]
fn weighted_share() -> Result<(), Error> {
    let case = case("weighted_proportion");
    let kish = Csat::default().score(&weighted::<Likert5>(case, "ratings")?)?;
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
    Ok(())
}

#[test]
fn weighted_mean() -> Result<(), Error> {
    let case = case("weighted_mean");
    let m = Mean.score(&weighted::<Likert5>(case, "values")?)?;
    let e = &case["expected"];
    assert_exact(m.value(), &e["mean"], "weighted mean");
    assert_exact(m.n_eff(), &e["n_eff"], "n_eff");
    assert_exact(m.standard_error().expect("se"), &e["se_kish"], "se kish");
    let lin = m.with_variance(VarianceMethod::Linearized);
    assert_exact(lin.standard_error().expect("se"), &e["se_linearized"], "se linearized");
    Ok(())
}

#[test]
fn weighted_nps() -> Result<(), Error> {
    let case = case("weighted_nps");
    let kish = Nps.score(&weighted::<ZeroToTen>(case, "ratings")?)?;
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
    Ok(())
}
