//! Regressions for the panics, hangs and NaNs found by trying to break the
//! crate from outside (issue 12): each through the public API.

use cxmetrics::inference::{NetScoreMethod, Options, VarianceMethod};
use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Csat, Error, Likert5, Mean, Nps, WeightedTally, ZeroToTen};

#[test]
fn a_level_within_one_ulp_of_one_is_finite_or_rejected() -> Result<(), Error> {
    // Regression: 1 − 2⁻⁵³ was accepted with z = +∞ and NaN limits.
    let level = ConfidenceLevel::new(1.0 - f64::EPSILON / 2.0)?;
    assert!(level.z().is_finite() && level.z() > 8.0, "{}", level.z());
    let i = Nps.score_counts(30, 50, 120)?.interval(level);
    assert!(i.lower().is_finite() && i.upper().is_finite() && i.lower() <= i.upper());
    for below_one in [1.0 - 1e-12, 0.999_999, 1e-300] {
        assert!(ConfidenceLevel::new(below_one)?.z().is_finite());
    }
    Ok(())
}

#[test]
fn a_tiny_level_has_a_positive_z_exactly_when_alpha_is_below_one() -> Result<(), Error> {
    // Found by the numeric fuzz target in CI: the target assumed z rounds to 0
    // below 2⁻⁵³, but 1 − level only rounds to 1 at or below 2⁻⁵⁴.
    let quarter_ulp = f64::EPSILON / 4.0;
    let at = ConfidenceLevel::new(quarter_ulp)?;
    assert_eq!((at.alpha(), at.z()), (1.0, 0.0));
    for above in [7.285_849_187_014_443e-17, f64::EPSILON / 2.0] {
        let l = ConfidenceLevel::new(above)?;
        assert_eq!(l.alpha().to_bits(), (1.0 - f64::EPSILON / 2.0).to_bits(), "{above}");
        assert!(l.z() > 0.0 && l.z() < 1e-15, "{above}: {}", l.z());
    }
    Ok(())
}

#[test]
fn weights_whose_squares_leave_f64_are_rejected() -> Result<(), Error> {
    // Regression: two weights of 1e308 overflowed Σw, gave a NaN bound and a
    // panic; weights ≤ 1e-162 underflowed Σw² and gave NaN intervals.
    let mut t = WeightedTally::<ZeroToTen>::new();
    let nine = ZeroToTen::new(9)?;
    for bad in [1e308, 1e141, 1e-141, 1e-300, f64::MIN_POSITIVE] {
        assert!(matches!(t.add(nine, bad), Err(Error::InvalidWeight { .. })), "{bad}");
    }
    assert_eq!(
        t.add(nine, 1e200).unwrap_err().to_string(),
        "weight 1e200 is invalid: weights must be 0 or between 1e-140 and 1e140"
    );
    // The extremes of the range still give finite, sensible answers.
    for w in [1e140, 1e-140] {
        let mut t = WeightedTally::<ZeroToTen>::new();
        t.add(nine, w)?;
        t.add(nine, w)?;
        t.add(ZeroToTen::new(3)?, w)?;
        let nps = Nps.score(&t)?;
        assert!((nps.n_eff() - 3.0).abs() < 1e-9, "{w}: n_eff {}", nps.n_eff());
        let i = nps.interval(ConfidenceLevel::P95);
        assert!(i.lower().is_finite() && i.upper().is_finite(), "{w}: {i}");
        let lin = nps.with_variance(VarianceMethod::Linearized);
        assert!(lin.standard_error().is_finite());
    }
    Ok(())
}

#[test]
fn one_nonzero_weight_leaves_the_linearised_variance_undefined() -> Result<(), Error> {
    // Regression: the linearised SE was 0 and the interval a point.
    let mut t = WeightedTally::<Likert5>::new();
    t.add(Likert5::new(5)?, 2.0)?;
    t.add(Likert5::new(1)?, 0.0)?;
    t.add(Likert5::new(3)?, 0.0)?;
    let mean = Mean.score(&t)?.with_variance(VarianceMethod::Linearized);
    assert_eq!(mean.standard_error(), None);
    assert_eq!(mean.interval(ConfidenceLevel::P95), None);
    Ok(())
}

#[test]
fn welch_on_weighted_means_never_panics() -> Result<(), Error> {
    let mut a = WeightedTally::<Likert5>::new();
    let mut b = WeightedTally::<Likert5>::new();
    for (r, w) in [(5, 1e140), (4, 1e-140), (1, 1e140)] {
        a.add(Likert5::new(r)?, w)?;
        b.add(Likert5::new(6 - r)?, w)?;
    }
    for method in [VarianceMethod::Kish, VarianceMethod::Linearized] {
        let (ma, mb) = (
            Mean.score(&a)?.with_variance(method),
            Mean.score(&b)?.with_variance(method),
        );
        if let Some(d) = ma.difference(&mb, ConfidenceLevel::P95)? {
            assert!(d.interval().lower().is_finite() && d.interval().upper().is_finite());
        }
    }
    Ok(())
}

#[test]
fn a_huge_benchmark_error_gives_the_widest_interval_not_infinity() -> Result<(), Error> {
    // Regression: a benchmark SE of 1e308 gave [−∞, ∞].
    let b = Benchmark::nps("noisy", BenchmarkKind::Global, 30.0)?.with_standard_error(1e300)?;
    let c = b.compare(&Nps.score_counts(30, 50, 120)?, ConfidenceLevel::P95)?;
    let i = c.interval().expect("defined");
    assert_eq!((i.display_lower(), i.display_upper()), (-200.0, 200.0));
    let share =
        Benchmark::share("noisy", BenchmarkKind::Global, cxmetrics::Metric::Csat, 50.0)?.with_standard_error(1e300)?;
    let csat = Csat::default().score(&cxmetrics::Tally::<Likert5>::from_raw(&[5, 4, 1])?)?;
    let i = share.compare(&csat, ConfidenceLevel::P95)?.interval().expect("defined");
    assert_eq!((i.display_lower(), i.display_upper()), (-100.0, 100.0));
    Ok(())
}

#[test]
fn the_adjusted_wald_centre_comes_from_the_counts() -> Result<(), Error> {
    // One promoter and one passive: the adjusted centre is (1 − 0)/(2 + 3)
    // = 0.2 exactly rounded, where the difference of the two rounded
    // adjusted shares, 1.75/5 − 0.75/5, is 0.19999999999999998.
    let nps = Nps.score_counts(0, 1, 1)?;
    let z = nps.test(0.2, NetScoreMethod::AdjustedWald)?.statistic();
    assert_eq!(z, Some(0.0), "the centre is exactly 0.2");
    let i = nps.interval(Options::new().method(NetScoreMethod::AdjustedWald));
    assert!(i.lower() < 0.2 && 0.2 < i.upper());
    Ok(())
}
