//! Special functions for inference (crate-private): normal, Student-t and
//! beta. The estimates' interval and test formulas live with each estimate
//! in `estimate/`; the public result types in `inference`.
//!
//! Special functions come from `statrs` (the regularised incomplete beta,
//! `ln Γ` and the inverse of `erfc`) and `libm` (`erfc`). Written here: the
//! closed-form interval and test formulas of METHODS.md, a safeguarded
//! root-finder for beta quantiles, the incomplete beta's continued fraction
//! for shape parameters beyond `statrs`'s reach, and the Cornish–Fisher
//! expansion for Student-t with many degrees of freedom; each says why.

pub(crate) mod median;
pub(crate) mod quadrature;

use statrs::function::gamma::ln_gamma;
use statrs::function::{beta, erf};

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
/// the Cornish–Fisher expansion instead of the incomplete beta: `statrs`'s
/// inverse incomplete beta loses accuracy for large shape parameters (the
/// 97.5 % t quantile is off by 1e-4 at 10⁶ degrees of freedom and by 0.13
/// at 10⁷), while the four-term expansion agrees with it to about 1e-12
/// between 300 and 10⁴ degrees of freedom and only improves beyond.
const LARGE_DF: f64 = 1000.0;

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
/// Uses `P(|T| > t) = I_{df/(df+t²)}(df/2, 1/2)`, inverted on the exact tail
/// probability `alpha` (so `1 − alpha/2` is never formed in binary); above
/// [`LARGE_DF`], the Cornish–Fisher expansion.
pub(crate) fn t_critical(df: f64, alpha: f64) -> f64 {
    if df > LARGE_DF {
        return cornish_fisher(normal_quantile(1.0 - alpha / 2.0), df);
    }
    let y = beta_quantile(df / 2.0, 0.5, alpha);
    (df * (1.0 - y) / y).sqrt()
}

/// Two-sided Student-t p-value, `I_{df/(df+t²)}(df/2, 1/2)`; above
/// [`LARGE_DF`], the normal p-value of the `z` whose Cornish–Fisher
/// quantile is `|t|` (found by Newton's method), so that the p-value and
/// [`t_critical`] agree.
pub(crate) fn t_p(t: f64, df: f64) -> f64 {
    if df <= LARGE_DF {
        return beta::beta_reg(df / 2.0, 0.5, df / (df + t * t));
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

/// Largest shape parameter for which `statrs`'s regularised incomplete beta
/// is used: its continued fraction stops after 140 terms, and the number of
/// terms it needs grows like the square root of the shape parameters.
const STATRS_BETA_MAX: f64 = 5_000.0;

/// The regularised incomplete beta `I_x(a, b)`: `statrs` where its
/// continued fraction converges, otherwise the same continued fraction
/// (modified Lentz, Numerical Recipes §6.4) run to convergence.
///
/// Why hand-written beyond `STATRS_BETA_MAX`: Clopper–Pearson and Jeffreys
/// limits for samples of millions need shape parameters in the millions,
/// where `statrs` returns unconverged values and its inverse (`inv_beta_reg`)
/// can loop without end (seen with `a = 3`, `b = 10⁸`).
pub(crate) fn beta_cdf(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    if a.max(b) <= STATRS_BETA_MAX {
        return beta::beta_reg(a, b, x);
    }
    incomplete_beta_by_fraction(a, b, x)
}

/// `I_x(a, b)` from its continued fraction, on whichever side converges.
fn incomplete_beta_by_fraction(a: f64, b: f64, x: f64) -> f64 {
    let ln_front = ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (-x).ln_1p();
    if x < (a + 1.0) / (a + b + 2.0) {
        ln_front.exp() * beta_continued_fraction(a, b, x) / a
    } else {
        1.0 - ln_front.exp() * beta_continued_fraction(b, a, 1.0 - x) / b
    }
}

/// The continued fraction of the incomplete beta (modified Lentz).
fn beta_continued_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    d = 1.0 / if d.abs() < TINY { TINY } else { d };
    let mut h = d;
    // Converges in O(√max(a, b)) terms; the cap only guards against NaN input.
    for m in 1..10_000_000u32 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        for aa in [
            m * (b - m) * x / ((qam + m2) * (a + m2)),
            -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)),
        ] {
            d = 1.0 + aa * d;
            d = 1.0 / if d.abs() < TINY { TINY } else { d };
            c = 1.0 + aa / c;
            if c.abs() < TINY {
                c = TINY;
            }
            h *= d * c;
        }
        if (d * c - 1.0).abs() <= f64::EPSILON {
            break;
        }
    }
    h
}

/// The `p` quantile of Beta(a, b): Newton's method on [`beta_cdf`],
/// safeguarded by bisection inside a shrinking bracket, so it always
/// terminates (unlike `statrs`'s `inv_beta_reg`, see [`beta_cdf`]).
pub(crate) fn beta_quantile(a: f64, b: f64, p: f64) -> f64 {
    if p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    let ln_beta = ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b);
    let pdf = |x: f64| ((a - 1.0) * x.ln() + (b - 1.0) * (-x).ln_1p() - ln_beta).exp();
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    // Start from the normal approximation, inside the bracket.
    let mean = a / (a + b);
    let sd = (a * b / ((a + b).powi(2) * (a + b + 1.0))).sqrt();
    let mut x = (mean + normal_quantile(p) * sd).clamp(f64::MIN_POSITIVE, 1.0 - f64::EPSILON);
    for _ in 0..400 {
        let f = beta_cdf(a, b, x) - p;
        if f > 0.0 {
            hi = x;
        } else {
            lo = x;
        }
        let density = pdf(x);
        let newton = x - f / density;
        let next = if density > 0.0 && newton > lo && newton < hi {
            newton
        } else {
            0.5 * (lo + hi)
        };
        if (next - x).abs() <= 4.0 * f64::EPSILON * x || hi - lo <= f64::EPSILON * hi {
            return next;
        }
        x = next;
    }
    x
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
            let (ours, theirs) = (beta_quantile(a, b, p), beta::inv_beta_reg(a, b, p));
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
        // The continued fraction agrees with statrs where both converge.
        for (a, b, x) in [(4000.0, 3000.0, 0.57), (100.0, 4900.0, 0.02)] {
            let ours = incomplete_beta_by_fraction(a, b, x);
            assert!((ours - beta::beta_reg(a, b, x)).abs() < 1e-10, "I_{x}({a}, {b})");
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
                let (exact, expansion) = (
                    t_critical(df, alpha),
                    cornish_fisher(normal_quantile(1.0 - alpha / 2.0), df),
                );
                assert!(
                    (exact - expansion).abs() < 1e-9 * exact,
                    "df {df}, alpha {alpha}: {exact} vs {expansion}"
                );
                let p = beta::beta_reg(df / 2.0, 0.5, df / (df + exact * exact));
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
}
