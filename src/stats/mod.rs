//! Special functions for inference (crate-private): normal, Student-t and
//! beta. The estimates' interval and test formulas live with each estimate
//! in `estimate/`; the public result types in `inference`.
//!
//! Special functions come from `statrs` (`ln Γ` for small arguments and the
//! inverse of `erfc`) and `libm` (`erfc`). Written here: the closed-form
//! interval and test formulas of METHODS.md, the regularised incomplete beta
//! and its inverse ([`beta`]: `statrs`'s loses accuracy and terminates badly
//! at large shapes), the exact binomial test ([`binomial`]) and the
//! Cornish–Fisher expansion for Student-t with many degrees of freedom; each
//! says why.

pub(crate) mod beta;
pub(crate) mod binomial;
pub(crate) mod median;
pub(crate) mod quadrature;

use statrs::function::erf;

pub(crate) use beta::beta_cdf;
pub(crate) use beta::{beta_quantile, beta_upper_quantile};
use beta::{beta_quantile_pair, beta_tails};

/// Two-sided normal p-value, `erfc(|z| / √2)`: no cancellation for large
/// `|z|`, unlike `2·(1 − Φ(|z|))`.
pub(crate) fn normal_p(z: f64) -> f64 {
    libm::erfc(z.abs() / core::f64::consts::SQRT_2)
}

/// The standard normal quantile `Φ⁻¹(p)` for `0 < p < 1`, as `−√2·erfc⁻¹(2p)`.
pub(crate) fn normal_quantile(p: f64) -> f64 {
    -core::f64::consts::SQRT_2 * erf::erfc_inv(2.0 * p)
}

/// Above this many degrees of freedom the Student-t quantile and p-value use
/// the Cornish–Fisher expansion instead of the incomplete beta. Below it the
/// incomplete beta of [`beta`] is accurate to about 1e-13 relative and
/// takes a few microseconds; above it the expansion's first omitted term,
/// `O(z¹¹/ν⁵)`, is below 1e-14 relative even at `z = 8.3` (a level of
/// `1 − 10⁻¹⁶`), and it costs nanoseconds.
const LARGE_DF: f64 = 1e5;

/// The Cornish–Fisher expansion of the Student-t quantile in terms of the
/// normal quantile `z`, to order `ν⁻⁴` (Abramowitz & Stegun 26.7.5).
fn cornish_fisher(z: f64, v: f64) -> f64 {
    let (z2, z3) = (z * z, z * z * z);
    let (z5, z7, z9) = (z3 * z2, z3 * z2 * z2, z3 * z3 * z3);
    z + (z3 + z) / (4.0 * v)
        + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * v * v)
        + (3.0 * z7 + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / (384.0 * v.powi(3))
        + (79.0 * z9 + 776.0 * z7 + 1482.0 * z5 - 1920.0 * z3 - 945.0 * z) / (92_160.0 * v.powi(4))
}

/// The two-sided Student-t critical value `t` with `P(|T_df| > t) = alpha`.
///
/// `T²/(df + T²)` is Beta(½, df/2), so `t = √(df·y/(1 − y))` where `y` is
/// the Beta(½, df/2) quantile with upper tail `alpha`; `y` and `1 − y` come
/// from the inversion as a pair, each to full precision (forming `1 − y`
/// from `y`, as before, lost up to 8e-10 relative at level 0.01, where `t`
/// is near 0). Above [`LARGE_DF`], the Cornish–Fisher expansion of
/// `z = Φ⁻¹(1 − alpha/2)`, taken as `−Φ⁻¹(alpha/2)`.
///
/// Precision: within 6e-14 relative of mpmath (60 digits, from the t
/// density) for df from 1 to 10¹² (26 values, non-integer ones among them)
/// and `alpha` from 1e-10 to 0.999, i.e. levels from 1 − 1e-10 down to
/// 0.001 (`tests/data/extreme_vectors.json`, tested to 1e-12; before, level
/// 0.01 missed by up to 8e-10 between 75 and 999 degrees of freedom). Work:
/// one beta inversion (a few microseconds) up to [`LARGE_DF`], a closed
/// form above; NaN in, NaN out at once.
pub(crate) fn t_critical(df: f64, alpha: f64) -> f64 {
    if df > LARGE_DF {
        return cornish_fisher(-normal_quantile(alpha / 2.0), df);
    }
    let (y, one_minus_y) = beta_quantile_pair(0.5, df / 2.0, alpha, true);
    (df * y / one_minus_y).sqrt()
}

/// Two-sided Student-t p-value, `I_{df/(df+t²)}(df/2, 1/2)` with both
/// `df/(df+t²)` and `t²/(df+t²)` formed directly; above [`LARGE_DF`], the
/// normal p-value of the `z` whose Cornish–Fisher quantile is `|t|` (found by
/// Newton's method), so that the p-value and [`t_critical`] agree.
pub(crate) fn t_p(t: f64, df: f64) -> f64 {
    if df <= LARGE_DF {
        let r = t * t / df;
        if r.is_infinite() {
            return 0.0;
        }
        return beta_tails(df / 2.0, 0.5, 1.0 / (1.0 + r), r / (1.0 + r)).0;
    }
    let target = t.abs();
    // Past |t| = 100 on more than 1000 df the p-value is below 1e-500,
    // 0 in f64; the expansion's t⁹ would overflow to a NaN p-value.
    if target >= 100.0 {
        return 0.0;
    }
    let mut z = target;
    for _ in 0..50 {
        let h = 1e-6 * z.max(1.0);
        let slope = (cornish_fisher(z + h, df) - cornish_fisher(z - h, df)) / (2.0 * h);
        let step = (cornish_fisher(z, df) - target) / slope;
        z -= step;
        if step.abs() <= 1e-15 * z.abs().max(1.0) {
            break;
        }
    }
    normal_p(z)
}

/// A test statistic `x / se` whose `se` is its standard error *under the
/// null*: where the null has no variance the data either fit it exactly
/// (`None`: the test is undefined) or are impossible under it (`±∞`, so
/// p = 0).
pub(crate) fn null_ratio(x: f64, se: f64) -> Option<f64> {
    if se > 0.0 {
        ratio(x, se)
    } else {
        (x != 0.0 && !x.is_nan()).then(|| f64::INFINITY.copysign(x))
    }
}

/// `Some(x / y)` when `y > 0`: a statistic whose standard error is zero is
/// undefined, never infinite or NaN.
pub(crate) fn ratio(x: f64, y: f64) -> Option<f64> {
    (y > 0.0 && y.is_finite()).then(|| x / y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use statrs::function::beta as statrs_beta;

    #[test]
    fn quantiles_match_known_values() {
        assert!((normal_quantile(0.975) - 1.959_963_984_540_054).abs() < 1e-12);
        assert!((t_critical(14.0, 0.05) - 2.144_786_687_917_804).abs() < 1e-9);
        assert!((t_p(2.144_786_687_917_804, 14.0) - 0.05).abs() < 1e-12);
        let p = normal_p(1.959_963_984_540_054_3);
        assert!((p - 0.05).abs() < 1e-15, "{p:e}");
        assert_eq!(ratio(1.0, 0.0), None);
    }

    #[test]
    fn beta_quantiles_are_accurate_and_terminate_for_extreme_shapes() {
        // Against statrs where it is accurate (Clopper–Pearson limits of small samples).
        for (a, b, p) in [
            (4.0, 4.0, 0.025),
            (70.0, 31.0, 0.025),
            (71.0, 30.0, 0.975),
            (0.5, 0.5, 0.05),
            (1.5, 20.5, 0.995),
        ] {
            let (ours, theirs) = (beta_quantile(a, b, p), statrs_beta::inv_beta_reg(a, b, p));
            assert!(
                (ours - theirs).abs() <= 1e-10 * theirs,
                "Beta({a}, {b}) at {p}: {ours} vs {theirs}"
            );
            assert!((beta_cdf(a, b, ours) - p).abs() <= 1e-13, "round trip");
        }
        // 3 of 10⁸: the Poisson limit gives χ²₆(0.025)/2n and χ²₈(0.975)/2n.
        let lower = beta_quantile(3.0, 1e8 - 2.0, 0.025);
        let upper = beta_quantile(4.0, 1e8 - 3.0, 0.975);
        assert!((lower * 2e8 - 1.237_344_245_791_203).abs() < 1e-5, "{lower}");
        assert!((upper * 2e8 - 17.534_546_139_484_65).abs() < 1e-4, "{upper}");
        // 7 of 10 million: within the normal approximation's reach.
        let x = beta_quantile(7e6, 3e6 + 1.0, 0.025);
        let sd = (0.21f64 / 1e7).sqrt();
        assert!((x - (0.7 - 1.959_963_984_540_054 * sd)).abs() < 1e-3 * sd, "{x}");
        assert!((beta_cdf(7e6, 3e6 + 1.0, x) - 0.025).abs() < 1e-9);
        // Agrees with statrs where its fraction converges.
        for (a, b, x) in [(4000.0, 3000.0, 0.57), (100.0, 4900.0, 0.02), (150.0, 160.0, 0.49)] {
            let ours = beta_cdf(a, b, x);
            assert!((ours - statrs_beta::beta_reg(a, b, x)).abs() < 1e-10, "I_{x}({a}, {b})");
        }
    }

    #[test]
    fn t_quantiles_approach_the_normal_for_huge_samples() {
        let z = 1.959_963_984_540_054;
        for df in [1e4, 1e6, 1e9, 1e12] {
            let t = t_critical(df, 0.05);
            // t − z ≈ z(z² + 1)/(4ν) to first order.
            // The next term is (5z⁵ + 16z³ + 3z)/(96ν²), about 2.8/ν².
            assert!(
                (t - z - z * (z * z + 1.0) / (4.0 * df)).abs() < 5.0 / (df * df) + 1e-15,
                "t({df}) = {t}"
            );
            assert!((t_p(t, df) - 0.05).abs() < 1e-12, "p(t({df})) = {}", t_p(t, df));
        }
    }

    #[test]
    fn the_expansion_and_the_incomplete_beta_agree_where_both_are_accurate() {
        for df in [300.0, 700.0, 999.0] {
            for alpha in [0.2, 0.1, 0.05, 0.01, 0.001] {
                let (exact, expansion) = (t_critical(df, alpha), cornish_fisher(-normal_quantile(alpha / 2.0), df));
                assert!(
                    (exact - expansion).abs() < 1e-9 * exact,
                    "df {df}, alpha {alpha}: {exact} vs {expansion}"
                );
                let p = statrs_beta::beta_reg(df / 2.0, 0.5, df / (df + exact * exact));
                assert!((p - alpha).abs() < 1e-9 * alpha, "df {df}, alpha {alpha}: p {p}");
            }
        }
        // Continuity across the switch.
        let (below, above) = (t_critical(LARGE_DF, 0.01), t_critical(LARGE_DF + 1e-9, 0.01));
        assert!((below - above).abs() < 1e-10);
        let (below, above) = (t_p(2.5, LARGE_DF), t_p(2.5, LARGE_DF + 1e-9));
        assert!((below - above).abs() < 1e-11);
    }

    /// The t table of the reference vectors (computed with mpmath): relative 1e-9.
    #[test]
    fn t_quantiles_match_reference_vectors() {
        let all: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/data/cx_vectors.json")).expect("valid JSON");
        let case = all["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .find(|c| c["kind"] == "quantiles")
            .expect("case");
        let table = case["expected"]["t"].as_object().expect("t table");
        let mut checked = 0;
        for (level, row) in table {
            let alpha = match level.as_str() {
                "0.9" => 0.1,
                "0.95" => 0.05,
                "0.99" => 0.01,
                other => panic!("unexpected level {other}"),
            };
            for (df, expected) in row.as_object().expect("row") {
                let df: f64 = df.parse().expect("df");
                let expected = expected.as_f64().expect("t");
                let t = t_critical(df, alpha);
                assert!(
                    (t - expected).abs() <= 1e-9 * expected,
                    "t({df}, {level}) = {t}, expected {expected}"
                );
                checked += 1;
            }
        }
        assert_eq!(checked, 21);
    }

    /// Two-sided t critical values for df from 1 to 10¹² and alpha from
    /// 1e-10 to 0.999 (level 0.001) against mpmath: relative 1e-12.
    #[test]
    fn t_quantiles_match_mpmath_over_all_df() {
        let all: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/data/extreme_vectors.json")).expect("valid JSON");
        let cases = all["t_critical"].as_array().expect("cases");
        for case in cases {
            let df = case["df"].as_f64().expect("df");
            let alpha = case["alpha"].as_f64().expect("alpha");
            let expected = case["t"].as_f64().expect("t");
            let t = t_critical(df, alpha);
            assert!(
                (t - expected).abs() <= 1e-12 * expected,
                "t(df {df}, alpha {alpha}) = {t:e}, expected {expected:e}"
            );
            // The p-value inverts the quantile.
            let p = t_p(t, df);
            assert!(
                (p - alpha).abs() <= 1e-11 * alpha,
                "p(t(df {df}, alpha {alpha})) = {p:e}"
            );
        }
        assert!(cases.len() >= 200);
    }
}
