//! Tanh-sinh (double-exponential) quadrature, for the exact Bayesian and
//! predictive probabilities of the monitoring module.
//!
//! Why this rule: the integrands there are Beta densities times regularised
//! incomplete betas, smooth inside the interval but with algebraic
//! singularities at the ends when a shape parameter is below 1 (Jeffreys
//! prior, zero counts). The double-exponential substitution
//! `x = tanh(π/2·sinh t)` (Takahasi & Mori 1974) makes such integrands decay
//! doubly exponentially in `t`, so the trapezoid rule converges
//! exponentially; nodes are placed by their distance to the nearer end, so
//! an end singularity is never evaluated at the end itself.

use core::f64::consts::FRAC_PI_2;

/// Half-width of the `t` range: nodes beyond lie within `1e-37` of the ends
/// and their weights are below `1e-35`.
const T_MAX: f64 = 4.0;
/// The finest step is `2^-MAX_LEVEL`.
const MAX_LEVEL: u32 = 9;

/// `∫_a^b f` where `f(x, x − a, b − x)` receives the node and its distances
/// to both ends (computed without cancellation near the nearer end).
/// Converges to an absolute error of about `tol` for the integrands above.
pub(crate) fn tanh_sinh(f: impl Fn(f64, f64, f64) -> f64, a: f64, b: f64, tol: f64) -> f64 {
    if b <= a {
        return 0.0;
    }
    let half = 0.5 * (b - a);
    let term = |t: f64| -> f64 {
        let u = FRAC_PI_2 * t.sinh();
        let cosh_u = u.cosh();
        let weight = half * FRAC_PI_2 * t.cosh() / (cosh_u * cosh_u);
        // Distance from the nearer end: (b − a)/(1 + e^{2|u|}).
        let near = (b - a) / (1.0 + (2.0 * u.abs()).exp());
        if near <= 0.0 || !weight.is_finite() || weight == 0.0 {
            return 0.0;
        }
        let (x, from_a, to_b) = if t < 0.0 {
            (a + near, near, (b - a) - near)
        } else {
            (b - near, (b - a) - near, near)
        };
        let v = f(x, from_a, to_b);
        if v.is_finite() { weight * v } else { 0.0 }
    };
    // Level 0: integer t.
    let mut sum = f(a + half, half, half) * half * FRAC_PI_2;
    let mut k = 1.0;
    while k <= T_MAX {
        sum += term(k) + term(-k);
        k += 1.0;
    }
    let mut h = 1.0;
    let mut estimate = h * sum;
    for level in 1..=MAX_LEVEL {
        h *= 0.5;
        let mut t = h;
        while t <= T_MAX {
            sum += term(t) + term(-t);
            t += 2.0 * h;
        }
        let next = h * sum;
        let change = (next - estimate).abs();
        estimate = next;
        if level >= 3 && change <= tol {
            break;
        }
    }
    estimate
}

/// `∫_a^b f` split at the `breaks` that fall strictly inside `(a, b)`; `f`
/// still receives its distances to `a` and `b` (exact near those ends).
pub(crate) fn tanh_sinh_pieces(f: impl Fn(f64, f64, f64) -> f64, a: f64, b: f64, breaks: &[f64], tol: f64) -> f64 {
    let mut points: Vec<f64> = breaks.iter().copied().filter(|x| *x > a && *x < b).collect();
    points.sort_by(f64::total_cmp);
    points.dedup();
    let mut total = 0.0;
    let mut left = a;
    let last = points.len();
    for (i, right) in points.into_iter().chain(core::iter::once(b)).enumerate() {
        let (first, final_piece) = (i == 0, i == last);
        let piece = |x: f64, from_left: f64, to_right: f64| {
            let from_a = if first { from_left } else { x - a };
            let to_b = if final_piece { to_right } else { b - x };
            f(x, from_a, to_b)
        };
        total += tanh_sinh(piece, left, right, tol);
        left = right;
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrates_smooth_and_end_singular_functions() {
        let one = tanh_sinh(|x, _, _| x.exp(), 0.0, 1.0, 1e-14);
        assert!((one - (1f64.exp() - 1.0)).abs() < 1e-13, "{one}");
        // ∫₀¹ x^{-1/2} (1 − x)^{-1/2} dx = π, with both ends singular.
        let arcsine = tanh_sinh(|_, l, r| 1.0 / (l.sqrt() * r.sqrt()), 0.0, 1.0, 1e-14);
        assert!((arcsine - core::f64::consts::PI).abs() < 1e-10, "{arcsine}");
        // A narrow bump integrates when split near its centre.
        let g = |x: f64, _: f64, _: f64| (-(x - 0.3) * (x - 0.3) / (2.0 * 1e-6)).exp();
        let bump = tanh_sinh_pieces(g, 0.0, 1.0, &[0.29, 0.3, 0.31], 1e-14);
        let exact = (2.0 * core::f64::consts::PI * 1e-6).sqrt();
        assert!((bump - exact).abs() < 1e-12, "{bump} vs {exact}");
    }
}
