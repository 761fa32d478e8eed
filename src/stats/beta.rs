//! The regularised incomplete beta function `I_x(a, b)` and its inverse, for
//! shape parameters of any size.
//!
//! Why written here and not taken from `statrs`: its `beta_reg` forms the
//! prefactor `x^a·(1−x)^b / B(a, b)` from differences of `ln Γ`, which cancel
//! catastrophically once `a + b` reaches about 10⁹ (at `n = 10¹²` the
//! prefactor is off by several parts in 10⁸, at `n = 10¹⁵` by about one
//! standard error), its continued fraction stops after 140 terms, and its
//! inverse can loop without end (seen with `a = 3`, `b = 10⁸`). The method
//! here follows Didonato & Morris (1992), *Algorithm 708: significant digit
//! computation of the incomplete beta function ratios*, ACM TOMS 18(3):
//!
//! * the prefactor is computed without cancellation (their `brcomp`): for
//!   `a, b ≥ 8` as `√(ab/(2π(a+b)))·exp(−a·rlog1(−λ/a) − b·rlog1(λ/b) −
//!   Δ(a, b))` with `λ = a − (a+b)x`, `rlog1(t) = t − ln(1+t)` and
//!   `Δ(a, b)` the Stirling-series corrections (their `bcorr`); with one
//!   small shape through `ln Γ(a+b) − ln Γ(b)` in closed Stirling form (their
//!   `algdiv`);
//! * near the mean of a distribution with both shapes above 100, Temme's
//!   uniform asymptotic expansion (their `basym`), whose terms fall like
//!   powers of `1/√min(a, b)`, so a handful suffice at huge `n`;
//! * elsewhere the continued fraction in their `bfrac` form, whose
//!   coefficients use `λ` and `1 − x` as given, on the side of the mean
//!   where it converges fast.
//!
//! Both tails are returned, each with full relative precision, so that a
//! small upper tail is never formed as `1 − (something close to 1)`.
//!
//! # Precision and work, for every shape the crate can pass
//!
//! Measured against mpmath at 60 digits (`tests/data/extreme_vectors.py`,
//! which integrates the density and so shares no algorithm with this file):
//! the Clopper–Pearson and Jeffreys limits, that is quantiles of
//! Beta(x, n−x+1), Beta(x+1, n−x) and Beta(x+½, n−x+½), agree to within
//! 4e-14 relative at n = 10⁹, 10¹² and 10¹⁵ for x = 0, 1, 3, 1000, n/1000,
//! n/2, 0.7n, n−1 and n and levels 0.9 to 0.999; the tests hold them to
//! that 4e-14 (the largest error is 3.0e-14; the bar was 1e-9,
//! missed before by up to 5e-8 at 10¹²).
//! The quantile is iterated to a relative step of `4ε·max(1, |ln x|)`, and
//! the tail it inverts keeps about 13 digits wherever it is above 1e-300,
//! so the same precision holds for every n up to 2⁵³ and for the
//! non-integer effective counts of weighted data. Beyond 2⁵³ the counts
//! reach this file already rounded to 53 bits, a relative change of at most
//! 1.1e-16 in a shape, which moves a limit by no more than that relative
//! amount times the quantile's sensitivity to the shape (order 1).
//!
//! Work is bounded for every input: at most [`MAX_QUANTILE_STEPS`] steps,
//! each one evaluation of at most 20 expansion terms or
//! [`MAX_FRACTION_TERMS`] fraction terms. Measured in a release build on a
//! loaded machine: 1–60 µs per Clopper–Pearson or Jeffreys interval at n from
//! 10⁹ to 2⁶³ (24 ms before at n = 10¹²; on an idle machine 1.5–15 µs at
//! 95 %, `benches/intervals.rs`), at most 0.4 ms over a grid of
//! shapes from 1e-10 to 1.8e19 and tail probabilities from 1e-300 to
//! 1 − 1e-16 (4 ms with one shape of 1e-10 against one of 99, which no
//! interval of the crate produces from integer counts). NaN or infinite
//! shapes or probabilities give NaN at once; the callers should reject them
//! earlier (a NaN effective sample size, for one).

use statrs::function::gamma::ln_gamma;

use super::normal_quantile;

/// `ln √(2π)`.
const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_8;

/// The continued fraction's term cap. Where it is used (away from the mean
/// of a distribution with both shapes above 100, or with a shape of at most
/// 100) it converges in far fewer terms; the cap bounds the work for any
/// input.
const MAX_FRACTION_TERMS: u32 = 20_000;

/// Steps of the quantile's safeguarded Newton iteration: bisection alone
/// in `ln x` over `[ln f64::MIN_POSITIVE, ln ½]` needs 63.
const MAX_QUANTILE_STEPS: u32 = 200;

/// Stirling's correction `Δ(z) = ln Γ(z) − (z − ½)·ln z + z − ln √(2π)`
/// for `z ≥ 8`, from its asymptotic series (to `z⁻¹⁵`: the first omitted
/// term is below `1e-16` at `z = 8`).
fn stirling_correction(z: f64) -> f64 {
    let r = 1.0 / z;
    let r2 = r * r;
    r * (1.0 / 12.0
        + r2 * (-1.0 / 360.0
            + r2 * (1.0 / 1260.0
                + r2 * (-1.0 / 1680.0
                    + r2 * (1.0 / 1188.0
                        + r2 * (-691.0 / 360_360.0 + r2 * (1.0 / 156.0 + r2 * (-3617.0 / 122_400.0))))))))
}

/// `ln Γ(x + h) − ln Γ(x)` for `x > 0`, `h ≥ 0`, without the cancellation
/// of the two at large `x` (each is about `x·ln x`, their difference about
/// `h·ln x`): for `x ≥ 8` from Stirling's series,
/// `(x − ½)·ln(1 + h/x) + h·ln(x + h) − h + Δ(x + h) − Δ(x)`, the idea of
/// TOMS 708's `algdiv`.
pub(crate) fn ln_gamma_ratio(x: f64, h: f64) -> f64 {
    if h == 0.0 {
        0.0
    } else if x >= 8.0 {
        (x - 0.5) * (h / x).ln_1p() + h * (x + h).ln() - h + stirling_correction(x + h) - stirling_correction(x)
    } else {
        ln_gamma(x + h) - ln_gamma(x)
    }
}

/// `Δ(a) + Δ(b) − Δ(a + b)` for `a, b ≥ 8` (TOMS 708's `bcorr`): each term
/// is below 0.011, so the sum has an absolute error near `1e-18`.
fn stirling_correction_of_beta(a: f64, b: f64) -> f64 {
    stirling_correction(a) + stirling_correction(b) - stirling_correction(a + b)
}

/// `t − ln(1 + t)` for `t > −1` without cancellation near 0 (TOMS 708's
/// `rlog1`): with `r = t/(2+t)`, `ln(1+t) = 2·atanh r` and `t − 2r = r·t`,
/// so the value is `r·t − 2(r³/3 + r⁵/5 + …)`, a series in `r² ≤ 1/9`.
fn rlog1(t: f64) -> f64 {
    if t.abs() > 0.5 {
        return t - t.ln_1p();
    }
    let r = t / (2.0 + t);
    let r2 = r * r;
    let mut power = r * r2;
    let mut series = 0.0;
    for k in 1..=20u32 {
        let term = power / f64::from(2 * k + 1);
        series += term;
        if term.abs() <= 1e-17 * series.abs() {
            break;
        }
        power *= r2;
    }
    r * t - 2.0 * series
}

/// `ln x` and `ln y` for `x + y = 1`, each from whichever of the pair is
/// known to full precision (the smaller one).
pub(crate) fn ln_pair(x: f64, y: f64) -> (f64, f64) {
    let ln_x = if x <= 0.5 { x.ln() } else { (-y).ln_1p() };
    let ln_y = if y <= 0.5 { y.ln() } else { (-x).ln_1p() };
    (ln_x, ln_y)
}

/// `ln(x^a·y^b / B(a, b))` for `x + y = 1`, without the cancellation of
/// `ln Γ(a+b) − ln Γ(a) − ln Γ(b)` at large shapes (TOMS 708's `brcomp`).
pub(crate) fn ln_prefactor(a: f64, b: f64, x: f64, y: f64) -> f64 {
    Prefactor::new(a, b).ln(x, y)
}

/// [`ln_prefactor`] for fixed shapes, with the terms that depend on the
/// shapes alone (Stirling corrections, `ln Γ`) computed once: a quadrature
/// evaluates it at many `x`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Prefactor {
    a: f64,
    b: f64,
    /// Both shapes at least 8: the `rlog1` form.
    large: bool,
    /// What depends on the shapes alone.
    constant: f64,
}

impl Prefactor {
    pub(crate) fn new(a: f64, b: f64) -> Self {
        let (small, large) = if a <= b { (a, b) } else { (b, a) };
        let constant = if small >= 8.0 {
            // √(ab/(a+b)) = √(small/(1 + small/large)).
            0.5 * (small / (1.0 + small / large)).ln() - LN_SQRT_2PI - stirling_correction_of_beta(a, b)
        } else if large < 8.0 {
            -(ln_gamma(small) + ln_gamma(large) - ln_gamma(small + large))
        } else {
            // ln Γ(s+l) − ln Γ(l) = s·ln(s+l) + (l − ½)·ln(1 + s/l) − s + Δ(s+l) − Δ(l).
            small * (small + large).ln() - small + (large - 0.5) * (small / large).ln_1p() - ln_gamma(small)
                + stirling_correction(small + large)
                - stirling_correction(large)
        };
        Self {
            a,
            b,
            large: small >= 8.0,
            constant,
        }
    }

    /// `ln(x^a·y^b / B(a, b))` for `x + y = 1`.
    pub(crate) fn ln(&self, x: f64, y: f64) -> f64 {
        if self.large {
            self.exponent(x, y) + self.constant
        } else {
            let (ln_x, ln_y) = ln_pair(x, y);
            self.a * ln_x + self.b * ln_y + self.constant
        }
    }

    /// `ln` of the Beta(a, b) density at `x`, `y = 1 − x`:
    /// `(a − 1)·ln x + (b − 1)·ln y − ln B(a, b)`, so that at large shapes
    /// the `ln B` (of order `a + b`) does not cancel against the rest:
    /// formed apart they lose `(a + b)·ε` — a relative error of 1e-5 in the
    /// density at 10¹⁰ answers, 5e-3 at 10¹³.
    pub(crate) fn ln_density(&self, x: f64, y: f64) -> f64 {
        let (ln_x, ln_y) = ln_pair(x, y);
        if self.large {
            self.exponent(x, y) + self.constant - ln_x - ln_y
        } else {
            (self.a - 1.0) * ln_x + (self.b - 1.0) * ln_y + self.constant
        }
    }

    /// For shapes of at least 8: with `x/x₀ = 1 − λ/a`, `y/y₀ = 1 + λ/b`
    /// and `x₀ = a/(a+b)`, `a·ln(x/x₀) + b·ln(y/y₀) = −(a·rlog1(−λ/a) +
    /// b·rlog1(λ/b))`.
    fn exponent(&self, x: f64, y: f64) -> f64 {
        let (a, b) = (self.a, self.b);
        let lambda = if a <= b {
            (-(a + b)).mul_add(x, a)
        } else {
            (a + b).mul_add(y, -b)
        };
        -(a * rlog1(-lambda / a) + b * rlog1(lambda / b))
    }
}

/// Both tails `(I_x(a, b), 1 − I_x(a, b))` of the regularised incomplete
/// beta, for `x + y = 1` given as a pair so that whichever is small keeps
/// its precision. NaN (at once) for shapes that are not positive and finite
/// or a pair outside `[0, 1]`.
pub(crate) fn beta_tails(a: f64, b: f64, x: f64, y: f64) -> (f64, f64) {
    let valid_shape = |s: f64| s > 0.0 && s.is_finite();
    if !(valid_shape(a) && valid_shape(b) && (0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y)) {
        return (f64::NAN, f64::NAN);
    }
    if x == 0.0 {
        return (0.0, 1.0);
    }
    if y == 0.0 {
        return (1.0, 0.0);
    }
    // λ ≥ 0 exactly when x is at or below the mean a/(a+b).
    let lambda = if a > b {
        (a + b).mul_add(y, -b)
    } else {
        (-(a + b)).mul_add(x, a)
    };
    let (p, q, xs, ys, lam, flipped) = if lambda < 0.0 {
        (b, a, y, x, -lambda, true)
    } else {
        (a, b, x, y, lambda, false)
    };
    // The lower tail of Beta(p, q) at xs ≤ p/(p+q).
    let min = p.min(q);
    let tail = if min > 100.0 && lam <= 0.03 * min {
        temme_expansion(p, q, lam)
    } else {
        by_fraction(p, q, xs, ys, lam)
    }
    .clamp(0.0, 1.0);
    if flipped {
        (1.0 - tail, tail)
    } else {
        (tail, 1.0 - tail)
    }
}

/// `I_x(a, b)` for `x` in `[0, 1]` (the lower tail). See [`beta_tails`].
pub(crate) fn beta_cdf(a: f64, b: f64, x: f64) -> f64 {
    beta_tails(a, b, x, 1.0 - x).0
}

/// `I_x(a, b)` for `x` at or below the mean, `λ = (a+b)·y − b ≥ 0`, from
/// its continued fraction in the form of TOMS 708's `bfrac`: the
/// coefficients use `λ` and `y` rather than `1 − x`, so a lower tail of a
/// distribution with one huge shape, where `x` is within a few ulps of 1,
/// keeps its precision (the Numerical Recipes form forms
/// `1 − (a+b)x/(a+1)` and lost 5 % at `Beta(10¹⁵, ½)`). At most
/// [`MAX_FRACTION_TERMS`] terms.
fn by_fraction(a: f64, b: f64, x: f64, y: f64, lambda: f64) -> f64 {
    let ln_front = ln_prefactor(a, b, x, y);
    if ln_front < -800.0 {
        // The fraction is bounded by a polynomial in the shapes: the tail
        // underflows.
        return 0.0;
    }
    let c = lambda + 1.0;
    let c0 = b / a;
    let c1 = 1.0 / a + 1.0;
    let yp1 = y + 1.0;
    let (mut p, mut s) = (1.0, a + 1.0);
    let (mut an, mut bn, mut anp1, mut bnp1) = (0.0, 1.0, 1.0, c / c1);
    let mut r = c1 / c;
    for n in 1..=MAX_FRACTION_TERMS {
        let n = f64::from(n);
        let t = n / a;
        let w = n * (b - n) * x;
        let e = a / s;
        let alpha = p * (p + c0) * e * e * (w * x);
        let e = (t + 1.0) / (c1 + t + t);
        let beta = n + w / s + e * (c + n * yp1);
        p = t + 1.0;
        s += 2.0;
        let next_a = alpha * an + beta * anp1;
        an = anp1;
        anp1 = next_a;
        let next_b = alpha * bn + beta * bnp1;
        bn = bnp1;
        bnp1 = next_b;
        let previous = r;
        r = anp1 / bnp1;
        if (r - previous).abs() <= 1e-15 * r {
            break;
        }
        // Rescale to keep the recurrences in range.
        an /= bnp1;
        bn /= bnp1;
        anp1 = r;
        bnp1 = 1.0;
    }
    ln_front.exp() * r
}

/// Temme's uniform asymptotic expansion of `I_x(a, b)` for large `a` and
/// `b`, with `λ = (a+b)·y − b ≥ 0` (TOMS 708's `basym`, after Temme 1987,
/// "Incomplete Laplace integrals: uniform asymptotic expansion with
/// application to the incomplete beta function", SIAM J. Math. Anal. 18).
/// The leading term is `½·erfc(√f)` with `f = a·rlog1(−λ/a) + b·rlog1(λ/b)`;
/// the corrections fall like powers of `1/√min(a, b)`. At most 20 terms.
#[allow(clippy::many_single_char_names)]
fn temme_expansion(a: f64, b: f64, lambda: f64) -> f64 {
    const TERMS: usize = 20;
    /// 2/√π.
    const E0: f64 = core::f64::consts::FRAC_2_SQRT_PI;
    /// 2^(−3/2).
    const E1: f64 = 0.353_553_390_593_273_8;
    // Non-negative in exact arithmetic; the max keeps √f real after rounding.
    let f = (a * rlog1(-lambda / a) + b * rlog1(lambda / b)).max(0.0);
    if f > 700.0 {
        return 0.0;
    }
    let t = (-f).exp();
    let z0 = f.sqrt();
    let erfc_z0 = libm::erfc(z0);
    let z = z0 * core::f64::consts::SQRT_2;
    let z2 = f + f;
    let (h, r0, r1, w0) = if a < b {
        let h = a / b;
        (h, 1.0 / (h + 1.0), (b - a) / b, 1.0 / (a * (h + 1.0)).sqrt())
    } else {
        let h = b / a;
        (h, 1.0 / (h + 1.0), (b - a) / a, 1.0 / (b * (h + 1.0)).sqrt())
    };
    let mut a0 = [0.0f64; TERMS + 1];
    let mut b0 = [0.0f64; TERMS + 1];
    let mut c = [0.0f64; TERMS + 1];
    let mut d = [0.0f64; TERMS + 1];
    a0[0] = r1 * 2.0 / 3.0;
    c[0] = -0.5 * a0[0];
    d[0] = -c[0];
    // j0 is scaled by exp(f): exp(f)·erfc(√f)/(2·E0) (f ≤ 700, no overflow).
    let mut j0 = 0.5 / E0 * erfc_z0 / t;
    let mut j1 = E1;
    // The sum without its leading term j0, which is added unscaled below.
    let mut rest = d[0] * w0 * j1;
    let (mut s, h2, mut hn, mut w) = (1.0, h * h, 1.0, w0);
    let (mut znm1, mut zn) = (z, z2);
    for n in (2..=TERMS).step_by(2) {
        hn *= h2;
        a0[n - 1] = r0 * 2.0 * (h * hn + 1.0) / (n as f64 + 2.0);
        s += hn;
        a0[n] = r1 * 2.0 * s / (n as f64 + 3.0);
        for i in n..=n + 1 {
            let r = -0.5 * (i as f64 + 1.0);
            b0[0] = r * a0[0];
            for m in 2..=i {
                let mut bsum = 0.0;
                for j in 1..m {
                    bsum += (j as f64 * r - (m - j) as f64) * a0[j - 1] * b0[m - j - 1];
                }
                b0[m - 1] = r * a0[m - 1] + bsum / m as f64;
            }
            c[i - 1] = b0[i - 1] / (i as f64 + 1.0);
            let mut dsum = 0.0;
            for j in 1..i {
                dsum += d[i - j - 1] * c[j - 1];
            }
            d[i - 1] = -(dsum + c[i - 1]);
        }
        j0 = E1 * znm1 + (n as f64 - 1.0) * j0;
        j1 = E1 * zn + n as f64 * j1;
        znm1 *= z2;
        zn *= z2;
        w *= w0;
        let t0 = d[n - 1] * w * j0;
        w *= w0;
        let t1 = d[n] * w * j1;
        rest += t0 + t1;
        if t0.abs() + t1.abs() <= 1e-15 * (0.5 / E0 * erfc_z0 / t + rest).abs() {
            break;
        }
    }
    let correction = (-stirling_correction_of_beta(a, b)).exp();
    E0 * correction * (0.5 / E0 * erfc_z0 + t * rest)
}

/// The `p` quantile (lower tail) of Beta(a, b). For `p > ½` it solves the
/// upper tail `1 − p` (exact in binary for `p ≥ ½`). See [`beta_quantile_pair`].
pub(crate) fn beta_quantile(a: f64, b: f64, p: f64) -> f64 {
    if p > 0.5 {
        beta_upper_quantile(a, b, 1.0 - p)
    } else {
        beta_quantile_pair(a, b, p, false).0
    }
}

/// The point of Beta(a, b) above which lies probability `q`: an upper
/// confidence limit takes `q = α/2` here rather than the lower-tail
/// `1 − α/2`, whose rounding to a double loses the low digits of a small
/// `α/2` (at α = 1e-12, about 4e-6 relative in the limit).
pub(crate) fn beta_upper_quantile(a: f64, b: f64, q: f64) -> f64 {
    beta_quantile_pair(a, b, q, true).0
}

/// The quantile of Beta(a, b) at a tail probability `target` (of the upper
/// tail when `upper`, else of the lower), as the pair `(x, 1 − x)` with the
/// smaller of the two to full relative precision.
///
/// Safeguarded Newton's method on `ln(tail)` as a function of `ln x`
/// (nearly linear in both far tails, so it converges in a few steps), kept
/// inside a shrinking bracket and falling back to bisection in `ln x`; at
/// most [`MAX_QUANTILE_STEPS`] steps, so it always terminates. NaN input
/// gives NaN at once.
pub(crate) fn beta_quantile_pair(a: f64, b: f64, target: f64, upper: bool) -> (f64, f64) {
    let valid_shape = |s: f64| s > 0.0 && s.is_finite();
    if !(valid_shape(a) && valid_shape(b)) || target.is_nan() {
        return (f64::NAN, f64::NAN);
    }
    // The quantile's value at the ends of the target range.
    if target <= 0.0 {
        return if upper { (1.0, 0.0) } else { (0.0, 1.0) };
    }
    if target >= 1.0 {
        return if upper { (0.0, 1.0) } else { (1.0, 0.0) };
    }
    // Solve for whichever of x and 1 − x is at most ½: 1 − X ~ Beta(b, a),
    // and P(X ≤ x) = P(1 − X ≥ 1 − x).
    let (below, above) = beta_tails(a, b, 0.5, 0.5);
    let x_below_half = if upper { target > above } else { target < below };
    if x_below_half {
        let x = solve_below_half(a, b, target, upper);
        (x, 1.0 - x)
    } else {
        let y = solve_below_half(b, a, target, !upper);
        (1.0 - y, y)
    }
}

/// The `x ≤ ½` at which the lower (or upper) tail of Beta(a, b) equals
/// `target`; see [`beta_quantile_pair`].
fn solve_below_half(a: f64, b: f64, target: f64, upper: bool) -> f64 {
    let ln_target = target.ln();
    let (mut lo, mut hi) = (f64::MIN_POSITIVE.ln(), -core::f64::consts::LN_2);
    // Start: the normal approximation, or where it fails (small shapes, far
    // tails) the leading term of the lower tail for large b, x^a·b^a/(a·Γ(a)).
    let (mean, total) = (a / (a + b), a + b);
    let sd = (mean * (b / total) / (total + 1.0)).sqrt();
    let z = normal_quantile(target);
    let guess = if upper { mean - z * sd } else { mean + z * sd };
    let mut u = if guess > 0.0 && guess < 0.5 {
        guess.ln()
    } else if upper {
        0.5 * (lo + hi)
    } else {
        (ln_target + a.ln() + ln_gamma(a)) / a - total.ln()
    };
    if !(u > lo && u < hi) {
        u = 0.5 * (lo + hi);
    }
    // The slope's prefactor has fixed shapes: their terms once, not per step.
    let front = Prefactor::new(a, b);
    for _ in 0..MAX_QUANTILE_STEPS {
        let x = u.exp();
        let y = 1.0 - x;
        let (lower_tail, upper_tail) = beta_tails(a, b, x, y);
        let tail = if upper { upper_tail } else { lower_tail };
        // Tail above the target: for the lower tail x is too large, for the
        // upper tail too small.
        let g = tail.ln() - ln_target;
        if g == 0.0 {
            return x;
        }
        if (g > 0.0) == upper {
            lo = u;
        } else {
            hi = u;
        }
        // d ln(tail)/d ln x = ±x·density/tail, and x·density = prefactor/y.
        let slope = (front.ln(x, y) - y.ln() - tail.ln()).exp();
        let slope = if upper { -slope } else { slope };
        let newton = u - g / slope;
        let next = if newton > lo && newton < hi {
            newton
        } else {
            0.5 * (lo + hi)
        };
        if (next - u).abs() <= 4.0 * f64::EPSILON * u.abs().max(1.0)
            || hi - lo <= 4.0 * f64::EPSILON * hi.abs().max(1.0)
        {
            return next.exp();
        }
        u = next;
    }
    u.exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rlog1_has_no_cancellation() {
        for t in [1e-10f64, -1e-10, 1e-3, -0.3, 0.4, 0.5, -0.5, 0.7, 3.0, -0.9] {
            // t − ln(1+t) = t²/2 − t³/3 + …; compare with the direct form
            // where it is accurate and with the series where it is short.
            let expected = if t.abs() > 0.1 {
                t - f64::ln_1p(t)
            } else {
                t * t / 2.0 - t * t * t / 3.0 + t.powi(4) / 4.0 - t.powi(5) / 5.0 + t.powi(6) / 6.0
            };
            let tol = if t.abs() > 0.1 { 1e-14 } else { 1e-15 };
            assert!(
                (rlog1(t) - expected).abs() <= tol * expected,
                "rlog1({t}) = {} vs {expected}",
                rlog1(t)
            );
        }
    }

    #[test]
    fn stirling_correction_matches_ln_gamma() {
        for z in [8.0f64, 10.5, 30.0] {
            let direct = ln_gamma(z) - (z - 0.5) * z.ln() + z - LN_SQRT_2PI;
            assert!((stirling_correction(z) - direct).abs() < 1e-13, "Δ({z})");
        }
    }

    #[test]
    fn ln_gamma_ratio_matches_ln_gamma_where_that_is_accurate() {
        for x in [0.5f64, 3.0, 8.0, 10.5, 1e3, 1e5] {
            for h in [0.0f64, 1.0, 2.5, 100.0, 1e4] {
                // The direct difference is good to its terms' last places.
                let direct = ln_gamma(x + h) - ln_gamma(x);
                let ours = ln_gamma_ratio(x, h);
                let tolerance = 1e-13 * ln_gamma(x + h).abs().max(1.0);
                assert!((ours - direct).abs() <= tolerance, "{x} + {h}: {ours} vs {direct}");
            }
        }
        // Where the difference cancels: Γ(x + 1)/Γ(x) = x exactly.
        for x in [1e6f64, 1e12, 1e15] {
            let ours = ln_gamma_ratio(x, 1.0);
            assert!((ours - x.ln()).abs() <= 4.0 * f64::EPSILON * x.ln(), "{x}: {ours}");
        }
    }

    #[test]
    fn nan_and_bad_shapes_give_nan_at_once() {
        assert!(beta_tails(f64::NAN, 2.0, 0.5, 0.5).0.is_nan());
        assert!(beta_tails(2.0, f64::INFINITY, 0.5, 0.5).0.is_nan());
        assert!(beta_tails(2.0, 2.0, f64::NAN, 0.5).0.is_nan());
        assert!(beta_quantile(f64::NAN, 2.0, 0.5).is_nan());
        assert!(beta_quantile(2.0, 2.0, f64::NAN).is_nan());
        assert!(beta_quantile(-1.0, 2.0, 0.5).is_nan());
    }

    fn extreme_vectors() -> serde_json::Value {
        serde_json::from_str(include_str!("../../tests/data/extreme_vectors.json")).expect("valid JSON")
    }

    /// Clopper–Pearson and Jeffreys limits at n = 10⁹, 10¹² and 10¹⁵ (x = 0,
    /// 1, 3, 1000, n/1000, n/2, 0.7n, n − 1, n; levels 0.9 to 0.999) against
    /// mpmath: relative 1e-12 (the bar is 1e-9).
    #[test]
    fn exact_share_limits_match_mpmath_at_huge_n() {
        let all = extreme_vectors();
        let mut checked = 0;
        for method in ["clopper_pearson", "jeffreys"] {
            for case in all[method].as_array().expect("cases") {
                let (xi, ni) = (case["x"].as_u64().expect("x"), case["n"].as_u64().expect("n"));
                let (x, n) = (xi as f64, ni as f64);
                let level = case["level"].as_f64().expect("level");
                let half_alpha = (1.0 - level) / 2.0;
                let (lower, upper) = if method == "clopper_pearson" {
                    (
                        if xi == 0 {
                            0.0
                        } else {
                            beta_quantile(x, n - x + 1.0, half_alpha)
                        },
                        if xi == ni {
                            1.0
                        } else {
                            beta_upper_quantile(x + 1.0, n - x, half_alpha)
                        },
                    )
                } else {
                    (
                        if xi == 0 {
                            0.0
                        } else {
                            beta_quantile(x + 0.5, n - x + 0.5, half_alpha)
                        },
                        if xi == ni {
                            1.0
                        } else {
                            beta_upper_quantile(x + 0.5, n - x + 0.5, half_alpha)
                        },
                    )
                };
                for (ours, key) in [(lower, "lower"), (upper, "upper")] {
                    let expected = case[key].as_f64().expect("limit");
                    assert!(
                        (ours - expected).abs() <= 1e-12 * expected,
                        "{method} {key} x={x} n={n} level={level}: {ours:e} vs {expected:e}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked >= 200, "{checked}");
    }

    /// Both tails of `I_x(a, b)` at extreme shapes (10¹⁵ against 10¹⁵,
    /// against ½ or 3; tails down to 1e-176) against mpmath: relative 1e-12
    /// for each tail, the small one included.
    #[test]
    fn both_tails_match_mpmath_at_extreme_shapes() {
        let all = extreme_vectors();
        let cases = all["incomplete_beta"].as_array().expect("cases");
        for case in cases {
            let (a, b) = (case["a"].as_f64().expect("a"), case["b"].as_f64().expect("b"));
            let (x, y) = match (case["x"].as_f64(), case["y"].as_f64()) {
                (Some(x), _) => (x, 1.0 - x),
                (None, Some(y)) => (1.0 - y, y),
                (None, None) => panic!("case without x or y"),
            };
            let (lower, upper) = beta_tails(a, b, x, y);
            for (ours, key) in [(lower, "lower"), (upper, "upper")] {
                let expected = case[key].as_f64().expect("tail");
                assert!(
                    (ours - expected).abs() <= 1e-12 * expected,
                    "{key} tail of I({a}, {b}) at {case}: {ours:e} vs {expected:e}"
                );
            }
        }
        assert!(cases.len() >= 15);
    }
}
