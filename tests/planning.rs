//! Planning refuses what it cannot mean: margins outside the estimate's
//! range, powers that make the MDD negative, sizes past `u64::MAX`.

use cxmetrics::ConfidenceLevel;
use cxmetrics::Error;
use cxmetrics::planning::{
    UnitVariance, finite_population, minimum_detectable_difference, sample_size, sample_size_per_group,
    sample_size_per_group_shares,
};

const P95: ConfidenceLevel = ConfidenceLevel::P95;

#[test]
fn a_margin_in_points_is_rejected_not_planned() -> Result<(), Error> {
    let nps = UnitVariance::net_score(0.5, 0.2)?;
    // Regression: a margin of 3.0 (meant as 3 points) returned Ok(1).
    assert_eq!(
        sample_size(nps, 3.0, P95).unwrap_err().to_string(),
        "margin of error 3 is out of range: expected a fraction in (0, 2] for a net score (±3 points is 0.03)"
    );
    assert_eq!(sample_size(nps, 0.05, P95)?, 938, "METHODS.md §7");
    let share = UnitVariance::share(0.5)?;
    assert!(sample_size(share, 1.5, P95).is_err());
    assert_eq!(sample_size(share, 1.0, P95)?, 1);
    assert!(
        sample_size(UnitVariance::mean(1.2)?, 3.0, P95).is_ok(),
        "a mean's margin is on the scale"
    );
    Ok(())
}

#[test]
fn sizes_follow_the_formula_down_to_zero_and_refuse_the_impossible() -> Result<(), Error> {
    // No variance, nothing to sample: the formula's 0, not a floor of 1.
    assert_eq!(sample_size(UnitVariance::share(1.0)?, 0.05, P95)?, 0);
    assert_eq!(finite_population(0, 2000)?, 0);
    assert_eq!(finite_population(385, 2000)?, 323, "METHODS.md §7");
    // Regression: an infinite size came back as Ok(u64::MAX).
    let err = sample_size(UnitVariance::share(0.5)?, 1e-300, P95).unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidArgument {
                name: "margin of error",
                ..
            }
        ),
        "{err}"
    );
    Ok(())
}

#[test]
fn power_must_exceed_half_alpha() -> Result<(), Error> {
    let v = UnitVariance::share(0.5)?;
    // Regression: power below α/2 gave a negative minimum detectable difference.
    let err = minimum_detectable_difference((v, 400), Some((v, 400)), P95, 0.01).unwrap_err();
    assert_eq!(
        err.to_string(),
        "power 0.01 is out of range: expected more than half the significance level (α/2); usual values are 0.8 or 0.9"
    );
    let mdd = minimum_detectable_difference((v, 400), Some((v, 400)), P95, 0.8)?;
    assert!((mdd - 0.099_05).abs() < 1e-4, "{mdd}");
    // Just above α/2 = 0.025 is allowed: z₀.₉₇₅ + z₀.₀₃ = 0.079, so a
    // tiny but positive difference (the limit is α/2, not α).
    let tiny = minimum_detectable_difference((v, 400), Some((v, 400)), P95, 0.03)?;
    assert!((tiny - 0.079 * (0.5f64 / 400.0).sqrt()).abs() < 2e-4, "{tiny}");
    assert!(sample_size_per_group(v, v, 0.1, P95, 0.02).is_err());
    assert!(sample_size_per_group_shares(0.7, 0.75, P95, 0.02).is_err());
    assert_eq!(
        sample_size_per_group_shares(0.7, 0.75, P95, 0.8)?,
        1251,
        "METHODS.md §7"
    );
    Ok(())
}

#[test]
fn groups_of_different_statistics_are_not_planned_together() -> Result<(), Error> {
    let err = sample_size_per_group(
        UnitVariance::share(0.5)?,
        UnitVariance::net_score(0.5, 0.2)?,
        0.05,
        P95,
        0.8,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot compare a plan for a share with a plan for a net score"
    );
    Ok(())
}
