//! Category counts read from a tally, the priors, and the likelihood
//! pieces shared by the confidence sequences, the detector and the
//! posteriors.

use statrs::function::gamma::ln_gamma;

use crate::stats::beta::{ln_pair, ln_prefactor};
use crate::{Error, RatingSet, Scale, Tally, ZeroToTen};

/// The prior of a Beta or Dirichlet mixture (confidence sequences) or
/// posterior (Bayesian scores): one pseudo-count per category.
///
/// # Example
///
/// ```
/// use cxmetrics::monitoring::Prior;
///
/// assert_eq!(Prior::default(), Prior::Uniform);
/// assert_eq!(Prior::Jeffreys.pseudo_count(), 0.5);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum Prior {
    /// Beta(1, 1) or Dir(1, 1, 1): every split of the answers equally
    /// likely a priori. The default.
    #[default]
    Uniform,
    /// Beta(½, ½) or Dir(½, ½, ½), Jeffreys's prior: less weight on the
    /// prior, at the price of wider intervals near 0 and 1 for tiny samples.
    Jeffreys,
}

impl Prior {
    /// The pseudo-count the prior adds to each category: 1 or ½.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::Prior;
    ///
    /// assert_eq!(Prior::Uniform.pseudo_count(), 1.0);
    /// ```
    #[must_use]
    pub const fn pseudo_count(self) -> f64 {
        match self {
            Self::Uniform => 1.0,
            Self::Jeffreys => 0.5,
        }
    }
}

/// Negative, neutral and positive counts of a net score (detractors,
/// passives, promoters for NPS), as floats for the likelihood.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Trinomial {
    pub(crate) negative: u64,
    pub(crate) neutral: u64,
    pub(crate) positive: u64,
}

impl Trinomial {
    pub(crate) fn new(negative: u64, neutral: u64, positive: u64, statistic: &'static str) -> Result<Self, Error> {
        let n = negative
            .checked_add(neutral)
            .and_then(|s| s.checked_add(positive))
            .ok_or(Error::InvalidArgument {
                name: "total of the counts",
                value: negative as f64 + neutral as f64 + positive as f64,
                expected: "at most 18446744073709551615 answers",
            })?;
        if n == 0 {
            return Err(Error::EmptySample { statistic });
        }
        Ok(Self {
            negative,
            neutral,
            positive,
        })
    }

    /// Detractors (0–6), passives (7–8) and promoters (9–10) of a tally.
    pub(crate) fn nps(tally: &Tally<ZeroToTen>, statistic: &'static str) -> Result<Self, Error> {
        let c = tally.counts();
        let negative = c[..7].iter().sum();
        let neutral = c[7] + c[8];
        let positive = c[9] + c[10];
        Self::new(negative, neutral, positive, statistic)
    }

    /// Any net score: ratings in `positive` minus ratings in `negative`.
    pub(crate) fn from_sets<S: Scale>(
        tally: &Tally<S>,
        positive: RatingSet<S>,
        negative: RatingSet<S>,
        statistic: &'static str,
    ) -> Result<Self, Error> {
        if let Some(both) = positive.iter().find(|r| negative.contains(*r)) {
            return Err(Error::InvalidArgument {
                name: "rating in both the positive and the negative set",
                value: f64::from(both.get()),
                expected: "disjoint positive and negative sets",
            });
        }
        let (mut neg, mut pos) = (0u64, 0u64);
        for (rating, count) in tally.iter() {
            if positive.contains(rating) {
                pos += count;
            } else if negative.contains(rating) {
                neg += count;
            }
        }
        Self::new(neg, tally.total() - neg - pos, pos, statistic)
    }

    pub(crate) fn n(self) -> u64 {
        self.negative + self.neutral + self.positive
    }

    pub(crate) fn estimate(self) -> f64 {
        (self.positive as f64 - self.negative as f64) / self.n() as f64
    }

    pub(crate) fn as_f64(self) -> [f64; 3] {
        [self.negative as f64, self.neutral as f64, self.positive as f64]
    }
}

/// Successes in a share: the ratings of `positive`.
pub(crate) fn share_counts<S: Scale>(
    tally: &Tally<S>,
    positive: RatingSet<S>,
    statistic: &'static str,
) -> Result<(u64, u64), Error> {
    if tally.is_empty() {
        return Err(Error::EmptySample { statistic });
    }
    let s = tally
        .iter()
        .filter(|(r, _)| positive.contains(*r))
        .map(|(_, c)| c)
        .sum();
    Ok((s, tally.total()))
}

/// `ln B(v) = Σ ln Γ(v_k) − ln Γ(Σ v_k)`.
pub(crate) fn ln_multivariate_beta(v: &[f64]) -> f64 {
    v.iter().map(|&x| ln_gamma(x)).sum::<f64>() - ln_gamma(v.iter().sum())
}

/// The maximiser `(θ₋, θ₀, θ₊)` of the profile log-likelihood of a net
/// score, `ℓ*(Δ) = max { Σ n_k ln θ_k : θ₊ − θ₋ = Δ }` over the simplex.
///
/// Along the constraint the three shares move with one number `u ≥ 0`,
/// the distance from the end of the feasible segment where the smaller of
/// θ₋ and θ₊ is zero: `θ₋ = max(0, −Δ) + u`, `θ₊ = max(0, Δ) + u`,
/// `θ₀ = (1 − |Δ|) − 2u`, for `u ∈ [0, (1 − |Δ|)/2]`. Written so, no share
/// is a difference of two nearly equal numbers: near `Δ = ±1` the segment
/// is a few units in the last place of 1 wide and the shares on it are tiny,
/// and computing `θ₀ = 1 − 2θ₋ − Δ` from `θ₋` itself (as a first version
/// did) loses them to cancellation — several log-units of `ℓ*` at
/// `Δ = −1 + 10⁻¹⁵` (mutation testing found it).
///
/// The log-likelihood is concave in `u`; its maximiser (the restricted MLE
/// of the Tango score interval) is an end of the segment or the root of
/// the decreasing derivative, found by Newton's method safeguarded by
/// bisection, which always terminates.
fn net_profile_shares(counts: [f64; 3], delta: f64) -> [f64; 3] {
    let [nd, no, np] = counts;
    let delta = delta.clamp(-1.0, 1.0);
    let (base_d, base_p) = ((-delta).max(0.0), delta.max(0.0));
    // Exact for |Δ| ≥ 1/2 (Sterbenz), where it matters.
    let width = 1.0 - delta.abs();
    let shares = |u: f64| (base_d + u, (width - 2.0 * u).max(0.0), base_p + u);
    let hi = width / 2.0;
    // g'(u) and g''(u); g' decreases on the segment (g is concave).
    let slopes = |u: f64| {
        let (d, o, p) = shares(u);
        let (mut g1, mut g2) = (0.0, 0.0);
        for (n, share, sign) in [(nd, d, 1.0), (no, o, -2.0), (np, p, 1.0)] {
            if n > 0.0 {
                g1 += sign * n / share;
                g2 -= sign * sign * n / (share * share);
            }
        }
        (g1, g2)
    };
    let u = if no == 0.0 {
        hi
    } else if hi == 0.0 || nd == 0.0 && np == 0.0 || slopes(0.0).0 <= 0.0 {
        // One point, only passives, or falling from the start.
        0.0
    } else if slopes(hi).0 >= 0.0 {
        hi
    } else {
        let (mut a, mut b) = (0.0, hi);
        // Start from the unrestricted MLE moved half the way in each
        // direction along the constraint.
        let n = nd + no + np;
        let guess = nd / n - (delta - (np - nd) / n) / 2.0 - base_d;
        let mut x = if guess > a && guess < b { guess } else { 0.5 * (a + b) };
        for _ in 0..200 {
            let (g1, g2) = slopes(x);
            if g1 > 0.0 {
                a = x;
            } else {
                b = x;
            }
            let step = g1 / g2;
            if g1.is_finite() && g2 < 0.0 && step.abs() <= 4.0 * f64::EPSILON * x {
                break;
            }
            let newton = x - step;
            let next = if g1.is_finite() && g2 < 0.0 && newton > a && newton < b {
                newton
            } else {
                0.5 * (a + b)
            };
            if next <= a || next >= b {
                break;
            }
            x = next;
        }
        x
    };
    let (d, o, p) = shares(u);
    [d, o, p]
}

/// `m·ln x + k·ln y − ln B(a + m, b + k)` for `x + y = 1`: a log-likelihood
/// less the log-normaliser of its Beta posterior, the quantity the
/// confidence sequences compare with `ln α − ln B(a, b)`.
///
/// Each part alone is about `n·ln(…)`, their difference only about
/// `ln n`: computed apart (`ln Γ` of the counts) they lose `n·ε`, several
/// log-units at 10¹⁵ answers, which moved a sequence's bound by 3 % of its
/// half-width there. Here the difference comes whole from TOMS 708's
/// cancellation-free prefactor [`ln_prefactor`]; at `x = 0` (or `y = 0`)
/// with `m = 0` (or `k = 0`) it is `−ln B(a, b + k)`, taken from the
/// prefactor at the mode.
pub(crate) fn ln_likelihood_over_beta(m: f64, k: f64, a: f64, b: f64, x: f64, y: f64) -> f64 {
    let (shape_x, shape_y) = (a + m, b + k);
    if x > 0.0 && y > 0.0 {
        let (ln_x, ln_y) = ln_pair(x, y);
        return ln_prefactor(shape_x, shape_y, x, y) - a * ln_x - b * ln_y;
    }
    if (x <= 0.0 && m > 0.0) || (y <= 0.0 && k > 0.0) {
        return f64::NEG_INFINITY;
    }
    // −ln B(A, B) = ln_prefactor(A, B, x₀, y₀) − A·ln x₀ − B·ln y₀ at the
    // mode x₀ = A/(A + B), where every term is of order ln n.
    let total = shape_x + shape_y;
    let (x0, y0) = (shape_x / total, shape_y / total);
    let (ln_x0, ln_y0) = ln_pair(x0, y0);
    ln_prefactor(shape_x, shape_y, x0, y0) - shape_x * ln_x0 - shape_y * ln_y0
}

/// The binomial log-likelihood less `ln B(a + S, a + F)` (see
/// [`ln_likelihood_over_beta`]), with prior `Beta(a, a)`.
pub(crate) fn share_loglik_over_beta(s: f64, f: f64, a: f64, p: f64) -> f64 {
    let p = p.clamp(0.0, 1.0);
    ln_likelihood_over_beta(s, f, a, a, p, 1.0 - p)
}

/// The profile log-likelihood of a net score less `ln B(a + n₋, a + n₀,
/// a + n₊)`, prior `Dir(a, a, a)`: `ℓ*(Δ) − ln B(a + n)` without the
/// cancellation of the two. With `θ = (x, (1 − x)·y, (1 − x)·(1 − y))`
/// the three-way `B` splits into two Beta functions,
/// `B(v₋, v₀, v₊) = B(v₋, v₀ + v₊)·B(v₀, v₊)`, and the log-likelihood into
/// the two binomial ones they normalise.
pub(crate) fn net_profile_loglik_over_beta(counts: [f64; 3], a: f64, delta: f64) -> f64 {
    let [nd, no, np] = counts;
    let [d, o, p] = net_profile_shares(counts, delta);
    let rest = o + p;
    let first = ln_likelihood_over_beta(nd, no + np, a, 2.0 * a, d, rest);
    let (y, not_y) = if rest > 0.0 { (o / rest, p / rest) } else { (0.5, 0.5) };
    first + ln_likelihood_over_beta(no, np, a, a, y, not_y)
}

/// The point in `[from, to]` farthest from `from` where `f` (decreasing
/// away from `from`, with `f(from) ≥ c`) is still at least `c`: the
/// Illinois variant of regula falsi, with a bisection step every fourth
/// iteration and whenever a value is infinite, so it always terminates.
pub(crate) fn boundary(f: impl Fn(f64) -> f64, c: f64, from: f64, to: f64) -> f64 {
    let g = |x: f64| f(x) - c;
    let (mut fb, mut b) = (g(to), to);
    if fb >= 0.0 {
        return to;
    }
    let (mut fa, mut a) = (g(from), from);
    let mut side = 0i8;
    for i in 0..300 {
        let mid = 0.5 * (a + b);
        let secant = a - fa * (b - a) / (fb - fa);
        let inside = if a < b {
            secant > a && secant < b
        } else {
            secant < a && secant > b
        };
        let x = if i % 4 == 3 || !fa.is_finite() || !fb.is_finite() || !inside {
            mid
        } else {
            secant
        };
        if x <= a.min(b) || x >= a.max(b) {
            break;
        }
        let fx = g(x);
        if fx >= 0.0 {
            a = x;
            fa = fx;
            if side == 1 {
                fb *= 0.5;
            }
            side = 1;
        } else {
            b = x;
            fb = fx;
            if side == -1 {
                fa *= 0.5;
            }
            side = -1;
        }
        // Relative: a limit near 0 (a share seen once in 10¹² answers)
        // needs as many digits as one near 1/2.
        if (b - a).abs() <= 2.0 * f64::EPSILON * a.abs().max(b.abs()) {
            break;
        }
    }
    a
}

/// Checks a probability strictly between 0 and 1.
pub(crate) fn probability(name: &'static str, value: f64) -> Result<f64, Error> {
    if value > 0.0 && value < 1.0 {
        Ok(value)
    } else {
        Err(Error::InvalidArgument {
            name,
            value,
            expected: "a probability strictly between 0 and 1",
        })
    }
}

/// Checks a net score on the fraction scale, in `[−1, 1]`.
pub(crate) fn net_value(name: &'static str, value: f64) -> Result<f64, Error> {
    if (-1.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(Error::InvalidArgument {
            name,
            value,
            expected: "a net score between -1 and 1 (a fraction, not points)",
        })
    }
}

/// Checks a share on the fraction scale, in `[0, 1]`.
pub(crate) fn share_value(name: &'static str, value: f64) -> Result<f64, Error> {
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(Error::InvalidArgument {
            name,
            value,
            expected: "a share between 0 and 1 (a fraction, not a percentage)",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The log-likelihoods themselves: the sequences use them less their
    // posterior's ln B (`…_over_beta`); the tests check the maximiser and the
    // search with the values alone.

    /// `n·ln θ` with `0·ln 0 = 0` (and `−∞` for a positive count at `θ ≤ 0`).
    fn xlogy(n: f64, theta: f64) -> f64 {
        if n == 0.0 {
            0.0
        } else if theta <= 0.0 {
            f64::NEG_INFINITY
        } else {
            n * theta.ln()
        }
    }

    /// The binomial log-likelihood `S·ln p + (n − S)·ln(1 − p)`, with
    /// `ln(1 − p)` through `ln_1p`: `1 − p` rounded would cost `(n − S)·10⁻¹⁶`,
    /// a tenth of a log-unit at 10¹⁵ answers.
    fn share_loglik(s: f64, f: f64, p: f64) -> f64 {
        let failures = if f == 0.0 {
            0.0
        } else if p >= 1.0 {
            f64::NEG_INFINITY
        } else {
            f * (-p).ln_1p()
        };
        xlogy(s, p) + failures
    }

    /// The profile log-likelihood of a net score, `ℓ*(Δ)`: see
    /// [`net_profile_shares`].
    fn net_profile_loglik(counts: [f64; 3], delta: f64) -> f64 {
        let [nd, no, np] = counts;
        let [d, o, p] = net_profile_shares(counts, delta);
        xlogy_near_one(nd, d, o + p) + xlogy_near_one(no, o, d + p) + xlogy_near_one(np, p, d + o)
    }

    /// `n·ln θ` as [`xlogy`], with `ln θ = ln(1 − rest)` through `ln_1p` when
    /// `θ` is near 1: `rest`, the sum of the other shares, then carries the
    /// digits `θ` itself has lost (its error would be ~10⁻¹⁶ times `n`, up to
    /// 10⁻⁴ log-units at `n = 10¹²`).
    fn xlogy_near_one(n: f64, theta: f64, rest: f64) -> f64 {
        if n != 0.0 && theta > 0.0 && rest < 0.5 {
            n * (-rest).ln_1p()
        } else {
            xlogy(n, theta)
        }
    }

    /// The maximum of a concave function on `[0, hi]` by golden-section
    /// search: slow, but it needs no derivative and cannot be misled by one.
    fn golden_max(f: impl Fn(f64) -> f64, hi: f64) -> f64 {
        let r = (5f64.sqrt() - 1.0) / 2.0;
        let (mut a, mut b) = (0.0, hi);
        for _ in 0..2_000 {
            let (x1, x2) = (b - r * (b - a), a + r * (b - a));
            if f(x1) < f(x2) {
                a = x1;
            } else {
                b = x2;
            }
        }
        [0.0, a, b, hi].into_iter().map(f).fold(f64::NEG_INFINITY, f64::max)
    }

    #[test]
    // Net scores as the sweep printed them.
    #[allow(clippy::unreadable_literal)]
    fn the_profile_likelihood_matches_a_derivative_free_search() {
        for (counts, delta) in [
            ([30.0, 50.0, 120.0], 0.3),
            ([30.0, 50.0, 120.0], -0.2),
            ([0.0, 5.0, 10.0], 0.9),
            ([3.0, 0.0, 0.0], 0.1),
            ([4.0, 4.0, 7.0], 0.0),
            ([5.0, 11.0, 210.0], -0.894_867_646_089_930_7),
            // Net scores within a few units in the last place of ±1, where
            // the feasible shares are tiny: cancellation and bisection's
            // stopping test each cost a first version up to 10⁹ units in
            // the last place of ℓ* (these counts are what mutation testing
            // found).
            ([0.0, 4487.0, 3352.0], 0.999_999_999_999_999_3),
            ([2.0, 3.0, 0.0], -0.999_999_999_999_999),
            ([2.0, 32_697_641_103.0, 1.0], -0.999_999_999_999_999),
            ([0.0, 41_305_934.0, 72_354_098.0], 0.999_999_999_999_999_3),
            ([345_998_929_194.0, 1.0, 261_886_768_536.0], 0.999_999_999_996_983_7),
            ([1.0, 271_730_105_293.0, 418_900_154_927.0], 0.999_999_999_996_994_8),
            ([0.0, 1.0, 490_403_022_283.0], 0.999_999_999_997_665),
            ([987_518_239.0, 2.0, 938_729_806.0], -0.999_999_999_699_771_3),
            ([18_914_447_709.0, 2.0, 2.0], 0.999_999_999_870_615_9),
            ([1.0, 129_397_182_363.0, 0.0], -0.999_306_425_339_960_4),
            ([66_969.0, 2.0, 1.0], -0.999_999_999_955_242_2),
            ([0.0, 2.0, 9.0], -0.999_998_692_213_319_9),
            ([2.0, 1.0, 2.0], -0.999_999_968_797_461_6),
            ([1.0, 1.0, 2.0], -0.999_977_912_461_573),
            // Where a mutant of this version (a spoilt step, start, stopping
            // or end test) missed by more than 8 units in the last place, in
            // a sweep of 300,000 random counts and net scores per mutant.
            // Interior maxima with no promoter or no detractor come last.
            ([0.0, 1.0, 1.0], 0.9999999999999751),
            ([0.0, 1.0, 0.0], 0.2492984331011987),
            ([0.0, 0.0, 1.0], 0.9999999999999999),
            ([1_911.0, 1_765.0, 29_858.0], -0.14818516261238268),
            ([16_640_706.0, 32_573_943.0, 17_613_362.0], 0.9999999999989727),
            ([1.0, 0.0, 0.0], -0.800778713685937),
            ([5_457_379_041.0, 340_423_975.0, 1_774_473_094.0], -0.9999956198877388),
            ([0.0, 0.0, 2.0], 0.5000842385528366),
            ([0.0, 0.0, 1.0], 0.7518328061141972),
            ([2.0, 1_667_616.0, 0.0], 0.0008321512796152231),
            ([0.0, 1.0, 4.0], 0.4439882762469851),
            ([1.0, 2.0, 7.0], 0.6245722320225267),
            ([0.0, 124_067.0, 64_856.0], 0.17171967705964342),
            ([14_012_475.0, 6_298_124.0, 1.0], -0.40646037814018543),
            ([0.0, 31.0, 60.0], -0.8151573497437281),
            ([23_278_684.0, 5_006_182.0, 0.0], 0.22469630969985555),
            ([3.0, 30.0, 15.0], 0.5090044895641483),
            ([2.0, 943.0, 0.0], 0.28216129877115426),
            ([0.0, 440_392_937_414.0, 6_146_674_649.0], -0.21310589559052284),
            ([1.0, 2.0, 0.0], -0.17435716976382332),
            ([0.0, 2.0, 1.0], -0.34892462336014385),
            ([1.0, 1.0, 1.0], 0.08166276527228222),
            ([10_281_131_355.0, 2.0, 3_092_408_092.0], 0.9999999999999997),
            ([0.0, 1.0, 6_469_100.0], -0.00080966356204204),
            ([362_888.0, 1.0, 982_517.0], 0.9999992391934024),
            ([5.0, 11.0, 210.0], -0.8948676460899307),
            ([1.0, 9.0, 0.0], 0.12260318446175211),
            ([2_700.0, 300.0, 0.0], 0.9999997775668146),
            ([4_322_751.0, 1.0, 4_280_526.0], -0.0019258184636992137),
            ([0.0, 0.0, 1.0], 0.9999999998850204),
            (
                [67_526_560_173.0, 921_594_431_025.0, 607_683_979_509.0],
                -0.9999999999999999,
            ),
            ([0.0, 2.0, 0.0], -0.9999999985315894),
            (
                [793_124_996_589.0, 880_727_256_867.0, 93_414_283_375.0],
                0.9999999999999915,
            ),
            ([1.0, 0.0, 0.0], -0.9999999999999998),
            ([1.0, 0.0, 0.0], -0.5893846009293513),
            ([0.0, 2.0, 0.0], 0.0007472156948788999),
            ([2.0, 40_786_230_632.0, 34_622_200_090.0], 0.2985515290876839),
            ([1.0, 1_646_976_523.0, 1_627_225_888.0], 0.9999999999999946),
            ([30.0, 50.0, 0.0], -0.2),
            ([0.0, 50.0, 30.0], 0.2),
        ] {
            let [nd, no, np] = counts;
            // The shares written out again from the definition's segment.
            let width = 1.0 - f64::abs(delta);
            let loglik = |u: f64| {
                let (d, p) = if delta < 0.0 { (-delta + u, u) } else { (u, delta + u) };
                let o = (width - 2.0 * u).max(0.0);
                // The share near 1 through its complement, as `ln_1p`.
                let ln = |x: f64, rest: f64| if rest < 0.5 { (-rest).ln_1p() } else { x.ln() };
                [(nd, d, o + p), (no, o, d + p), (np, p, d + o)]
                    .into_iter()
                    .map(|(n, x, rest)| if n == 0.0 { 0.0 } else { n * ln(x, rest) })
                    .sum::<f64>()
            };
            let best = golden_max(loglik, width / 2.0);
            let ours = net_profile_loglik(counts, delta);
            let tolerance = 4.0 * f64::EPSILON * best.abs().max(1.0);
            assert!(
                (ours - best).abs() <= tolerance,
                "{counts:?} at {delta}: {ours} vs {best}"
            );
        }
    }

    #[test]
    fn the_profile_likelihood_matches_high_precision_values() {
        // From tests/data/profile_loglik.py (mpmath, 60 digits). The second
        // to fifth were off by 2e-4, 9e-9, 12 and 3.6e10 log-units in a
        // first version that computed θ₀ = 1 − 2θ₋ − Δ.
        // As the script prints them, so the two can be compared by eye.
        #[allow(clippy::excessive_precision, clippy::unreadable_literal)]
        let cases = [
            ([30.0, 50.0, 120.0], 0.3, -191.21017517659609879),
            (
                [10_673_069.0, 2_593_031.0, 8_331_943.0],
                0.9999955340678173,
                -177377638.81008357889,
            ),
            ([1.0, 363.0, 0.0], -0.9999906660427267, -4204.2120994704194518),
            (
                [113_571_275_350.0, 2.0, 350_994_664_432.0],
                -0.9524109708304203,
                -1314858469370.6621716,
            ),
            ([2.0, 32_697_641_103.0, 1.0], -0.999999999999999, -1129362659707.800529),
            (
                [0.0, 41_305_934.0, 72_354_098.0],
                0.9999999999999993,
                -1443437561.3224357291,
            ),
            (
                [345_998_929_194.0, 1.0, 261_886_768_536.0],
                0.9999999999969837,
                -9418143673301.2878203,
            ),
            ([0.0, 1.0, 490_403_022_283.0], 0.999999999997665, -27.92810159083124673),
            ([390_973_470.0, 0.0, 2.0], -0.9999999999999999, -74.859895522177480838),
        ];
        for (counts, delta, expected) in cases {
            let ours = net_profile_loglik(counts, delta);
            let tolerance = 4.0 * f64::EPSILON * f64::abs(expected);
            assert!(
                (ours - expected).abs() <= tolerance,
                "{counts:?} at {delta}: {ours} vs {expected}"
            );
        }
    }

    /// The same end by bisection alone, to adjacent floats: slow and sure.
    fn bisect(f: impl Fn(f64) -> f64, c: f64, from: f64, to: f64) -> f64 {
        let (mut a, mut b) = (from, to);
        loop {
            let m = 0.5 * (a + b);
            // Adjacent floats: no number lies between them.
            if m <= a.min(b) || m >= a.max(b) {
                return a;
            }
            if f(m) >= c {
                a = m;
            } else {
                b = m;
            }
        }
    }

    #[track_caller]
    fn close(ours: f64, expected: f64, relative: f64) {
        let tolerance = relative * f64::EPSILON * expected.abs();
        assert!((ours - expected).abs() <= tolerance, "{ours} vs {expected}");
    }

    #[test]
    fn boundaries_with_a_closed_form_are_found_to_full_relative_precision() {
        for n in [1.0, 7.0, 1e3, 1e6, 1e9, 1e12, 1e15] {
            for drop in [0.5, 3.0, 20.0] {
                // The level `−drop` itself carries an error of about
                // `drop · ε`, which moves the root by as much relatively.
                let ulps = 4.0 + 2.0 * drop;
                // Only successes: S·ln p ≥ −drop from p = 1 down, p = e^(−drop/S).
                let lower = boundary(|p| share_loglik(n, 0.0, p), -drop, 1.0, 0.0);
                close(lower, (-drop / n).exp(), ulps);
                // Only failures: p = 1 − e^(−drop/F), near 0 at large F.
                let upper = boundary(|p| share_loglik(0.0, n, p), -drop, 0.0, 1.0);
                close(upper, -(-drop / n).exp_m1(), ulps);
                // Only promoters: np·ln((1 + Δ)/2) ≥ −drop, Δ = 2e^(−drop/np) − 1.
                let net = boundary(|d| net_profile_loglik([0.0, 0.0, n], d), -drop, 1.0, -1.0);
                close(net, 1.0 + 2.0 * (-drop / n).exp_m1(), 2.0 * ulps);
            }
        }
    }

    #[test]
    fn boundaries_agree_with_bisection() {
        // Counts from mutation testing, where a first version's stopping
        // test (an absolute 1e-15) or a spoilt step missed by up to 5e-9.
        for counts in [
            [309.0, 2.0, 1.0],
            [11_576_056_662.0, 0.0, 2.0],
            [0.0, 1.0, 11_006_566_021.0],
            [0.0, 0.0, 1_084_818.0],
            [2.0, 105_344_034.0, 1.0],
            [30.0, 50.0, 120.0],
            [1.0, 1.0, 1.0],
            [2.0, 0.0, 0.0],
            // An estimate of 1/3: the first bisection towards −1 lands on
            // −1/3, where a stopping test on `b + a` would end the search.
            [1.0, 4.0, 4.0],
        ] {
            let ll = |d: f64| net_profile_loglik(counts, d);
            let [nd, no, np] = counts;
            let estimate = (np - nd) / (nd + no + np);
            for drop in [0.5, 2.0, 5.0, 9.0, 15.0, 30.0] {
                let c = ll(estimate) - drop;
                for to in [-1.0, 1.0] {
                    let (ours, sure) = (boundary(ll, c, estimate, to), bisect(ll, c, estimate, to));
                    assert!((ours - sure).abs() <= 1e-13, "{counts:?} to {to}: {ours} vs {sure}");
                }
            }
        }
        for (s, f, drop) in [(1.0, 1e12, 3.0), (1e12, 1.0, 3.0), (3.0, 7.0, 2.0), (1.0, 0.0, 30.0)] {
            let ll = |p: f64| share_loglik(s, f, p);
            let estimate = s / (s + f);
            let c = ll(estimate) - drop;
            for to in [0.0, 1.0] {
                let (ours, sure) = (boundary(ll, c, estimate, to), bisect(ll, c, estimate, to));
                let tolerance = 1e-13 * sure.abs().max(f64::MIN_POSITIVE);
                assert!((ours - sure).abs() <= tolerance, "{s}/{f} to {to}: {ours} vs {sure}");
            }
        }
    }

    #[test]
    fn the_profile_likelihood_at_the_ends_has_a_closed_form() {
        // No promoter and a net score within 1e-15 of −1: the maximum sits at
        // θ₊ = 0, θ₋ = −Δ, θ₀ = 1 + Δ (exact in floating point).
        let delta = -0.999_999_999_999_999;
        let expected = 2.0 * f64::ln(-delta) + 3.0 * f64::ln(1.0 + delta);
        let ours = net_profile_loglik([2.0, 3.0, 0.0], delta);
        assert!((ours - expected).abs() <= 1e-13, "{ours} vs {expected}");
        // Only passives: all the mass left on θ₀ = 1 − |Δ|.
        let ours = net_profile_loglik([0.0, 7.0, 0.0], 0.25);
        assert!((ours - 7.0 * f64::ln(0.75)).abs() <= 1e-14, "{ours}");
        // Only detractors and promoters: θ₀ = 0, θ₋ = (1 − Δ)/2.
        let ours = net_profile_loglik([3.0, 0.0, 1.0], 0.5);
        let expected = 3.0 * f64::ln(0.25) + f64::ln(0.75);
        assert!((ours - expected).abs() <= 1e-14, "{ours} vs {expected}");
        // A net score of exactly ±1 leaves one point of the simplex.
        assert!(net_profile_loglik([0.0, 0.0, 5.0], 1.0).abs() < f64::MIN_POSITIVE);
        let impossible = net_profile_loglik([1.0, 0.0, 5.0], 1.0);
        assert!(impossible.is_infinite() && impossible < 0.0, "{impossible}");
    }
}
