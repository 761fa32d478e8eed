//! Numeric kernels for inference (crate-private). The public result types
//! (`ConfidenceLevel`, `Interval`, `Test`, …) are re-exported from the root.
//!
//! Special functions come from `statrs` (the regularised incomplete beta,
//! its inverse, and the inverse of `erfc`) and `libm` (`erfc`); only the
//! closed-form interval and test formulas of METHODS.md are written here.

pub(crate) mod interval;
pub(crate) mod mean;
pub(crate) mod multiplicity;
pub(crate) mod net;
pub(crate) mod proportion;

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

/// The two-sided Student-t critical value `t` with `P(|T_df| > t) = alpha`.
///
/// Uses `P(|T| > t) = I_{df/(df+t²)}(df/2, 1/2)`, inverted on the exact tail
/// probability `alpha` (so `1 − alpha/2` is never formed in binary).
pub(crate) fn t_critical(df: f64, alpha: f64) -> f64 {
    let y = beta::inv_beta_reg(df / 2.0, 0.5, alpha);
    (df * (1.0 - y) / y).sqrt()
}

/// Two-sided Student-t p-value, `I_{df/(df+t²)}(df/2, 1/2)`.
pub(crate) fn t_p(t: f64, df: f64) -> f64 {
    beta::beta_reg(df / 2.0, 0.5, df / (df + t * t))
}

/// The `p` quantile of Beta(a, b).
pub(crate) fn beta_quantile(a: f64, b: f64, p: f64) -> f64 {
    beta::inv_beta_reg(a, b, p)
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
