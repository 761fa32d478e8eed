//! Planning reference vectors (`n_for_moe_proportion`, `n_for_moe_nps`,
//! `fpc`, `mdd`, `n_per_group_unpooled`, `n_per_group_two_proportions` in
//! `tests/data/cx_vectors.json`): sample sizes and minimum detectable
//! differences.

mod common;

use common::{assert_exact, assert_quantile, case, f64_of, levels, u64_of};
use cxmetrics::planning::{
    UnitVariance, finite_population, minimum_detectable_difference, sample_size, sample_size_per_group,
    sample_size_per_group_shares,
};
use cxmetrics::{ConfidenceLevel, Error};
use serde_json::Value;

/// The confidence level `1 − α` of a case's `alpha` parameter.
fn level_of(params: &Value) -> Result<ConfidenceLevel, Error> {
    ConfidenceLevel::new(1.0 - f64_of(&params["alpha"]))
}

#[test]
fn sample_size_for_a_share() -> Result<(), Error> {
    let case = case("n_for_moe_proportion");
    let p = &case["params"];
    let v = UnitVariance::share(f64_of(&p["p"]))?;
    for (key, level) in levels(&case["expected"]) {
        let n = sample_size(v, f64_of(&p["moe"]), level)?;
        assert_eq!(n, u64_of(&case["expected"][&key]["n"]), "proportion {key}");
    }
    Ok(())
}

#[test]
fn sample_size_for_an_nps() -> Result<(), Error> {
    let case = case("n_for_moe_nps");
    let p = &case["params"];
    let v = UnitVariance::net_score(f64_of(&p["p_promoter"]), f64_of(&p["p_detractor"]))?;
    for (key, level) in levels(&case["expected"]) {
        assert_exact(v.get(), &case["expected"][&key]["var_unit"], "var");
        assert_eq!(
            sample_size(v, f64_of(&p["moe"]), level)?,
            u64_of(&case["expected"][&key]["n"]),
            "nps {key}"
        );
    }
    Ok(())
}

#[test]
fn finite_population_correction() -> Result<(), Error> {
    let case = case("fpc");
    let n = finite_population(u64_of(&case["params"]["n0"]), u64_of(&case["params"]["population"]))?;
    assert_eq!(n, u64_of(&case["expected"]["n"]));
    Ok(())
}

#[test]
fn minimum_detectable_difference_of_two_shares() -> Result<(), Error> {
    let case = case("mdd");
    let p = &case["params"];
    let group = |pk: &str, nk: &str| -> Result<(UnitVariance, u64), Error> {
        Ok((UnitVariance::share(f64_of(&p[pk]))?, u64_of(&p[nk])))
    };
    let mdd = minimum_detectable_difference(
        group("p_a", "n_a")?,
        Some(group("p_b", "n_b")?),
        level_of(p)?,
        f64_of(&p["power"]),
    )?;
    assert_quantile(mdd, &case["expected"]["mdd"], "mdd");
    Ok(())
}

#[test]
fn sample_size_per_group_of_two_net_scores() -> Result<(), Error> {
    let case = case("n_per_group_unpooled");
    let p = &case["params"];
    let var = |g: &str| UnitVariance::net_score(f64_of(&p[g]["p_promoter"]), f64_of(&p[g]["p_detractor"]));
    let n = sample_size_per_group(
        var("a")?,
        var("b")?,
        f64_of(&p["delta"]),
        level_of(p)?,
        f64_of(&p["power"]),
    )?;
    assert_eq!(n, u64_of(&case["expected"]["n"]));
    Ok(())
}

#[test]
fn sample_size_per_group_of_two_shares() -> Result<(), Error> {
    let case = case("n_per_group_two_proportions");
    let p = &case["params"];
    let n = sample_size_per_group_shares(f64_of(&p["p1"]), f64_of(&p["p2"]), level_of(p)?, f64_of(&p["power"]))?;
    assert_eq!(n, u64_of(&case["expected"]["n"]));
    Ok(())
}
