//! Category counts read from a tally, the priors, and the likelihood
//! pieces shared by the confidence sequences, the detector and the
//! posteriors.

use statrs::function::gamma::ln_gamma;

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

/// `n·ln θ` with `0·ln 0 = 0` (and `−∞` for a positive count at `θ ≤ 0`).
pub(crate) fn xlogy(n: f64, theta: f64) -> f64 {
    if n == 0.0 {
        0.0
    } else if theta <= 0.0 {
        f64::NEG_INFINITY
    } else {
        n * theta.ln()
    }
}

/// The binomial log-likelihood `S·ln p + (n − S)·ln(1 − p)`.
pub(crate) fn share_loglik(s: f64, f: f64, p: f64) -> f64 {
    xlogy(s, p) + xlogy(f, 1.0 - p)
}

/// The profile log-likelihood of a net score,
/// `ℓ*(Δ) = max { Σ n_k ln θ_k : θ₊ − θ₋ = Δ }`, over the simplex.
///
/// With `θ₋ = d`, `θ₊ = d + Δ`, `θ₀ = 1 − 2d − Δ` the log-likelihood is
/// concave in `d` on `[max(0, −Δ), (1 − Δ)/2]`; its maximiser (the
/// restricted MLE of the Tango score interval) is the root of the
/// decreasing derivative, found by Newton's method safeguarded by
/// bisection, which always terminates.
pub(crate) fn net_profile_loglik(counts: [f64; 3], delta: f64) -> f64 {
    let [nd, no, np] = counts;
    let delta = delta.clamp(-1.0, 1.0);
    let lo = (-delta).max(0.0);
    let hi = ((1.0 - delta) / 2.0).max(lo);
    let d = if no == 0.0 {
        hi
    } else if nd == 0.0 && np == 0.0 {
        lo
    } else {
        // g'(d) and g''(d); g' falls from +∞ (or its value at lo) to −∞ at hi.
        let slopes = |d: f64| {
            let o = 1.0 - 2.0 * d - delta;
            let (mut g1, mut g2) = (-2.0 * no / o, -4.0 * no / (o * o));
            if nd > 0.0 {
                g1 += nd / d;
                g2 -= nd / (d * d);
            }
            if np > 0.0 {
                g1 += np / (d + delta);
                g2 -= np / ((d + delta) * (d + delta));
            }
            (g1, g2)
        };
        let (mut a, mut b) = (lo, hi);
        // Start from the MLE moved half the way in each direction along the constraint.
        let n = nd + no + np;
        let guess = nd / n - (delta - (np - nd) / n) / 2.0;
        let mut x = if guess > a && guess < b { guess } else { 0.5 * (a + b) };
        for _ in 0..200 {
            let (g1, g2) = slopes(x);
            if g1 > 0.0 {
                a = x;
            } else {
                b = x;
            }
            let step = g1 / g2;
            if g1.is_finite() && g2 < 0.0 && step.abs() <= 4.0 * f64::EPSILON * x.abs() {
                break;
            }
            let newton = x - step;
            let next = if g1.is_finite() && g2 < 0.0 && newton > a && newton < b {
                newton
            } else {
                0.5 * (a + b)
            };
            if b - a <= 1e-16 || next <= a || next >= b {
                break;
            }
            x = next;
        }
        x
    };
    xlogy(nd, d) + xlogy(no, (1.0 - 2.0 * d - delta).max(0.0)) + xlogy(np, d + delta)
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
        if (b - a).abs() <= 1e-15 {
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

    #[test]
    fn the_profile_likelihood_matches_a_grid_search() {
        for (counts, delta) in [
            ([30.0, 50.0, 120.0], 0.3),
            ([30.0, 50.0, 120.0], -0.2),
            ([0.0, 5.0, 10.0], 0.9),
            ([3.0, 0.0, 0.0], 0.1),
            ([4.0, 4.0, 7.0], 0.0),
        ] {
            let [nd, no, np] = counts;
            let lo = f64::max(0.0, -delta);
            let hi = (1.0 - delta) / 2.0;
            let best = (0..=200_000)
                .map(|i| {
                    let d = lo + (hi - lo) * f64::from(i) / 200_000.0;
                    xlogy(nd, d) + xlogy(no, (1.0 - 2.0 * d - delta).max(0.0)) + xlogy(np, d + delta)
                })
                .fold(f64::NEG_INFINITY, f64::max);
            let ours = net_profile_loglik(counts, delta);
            assert!(
                ours >= best - 1e-12 && ours - best < 1e-6,
                "{counts:?} at {delta}: {ours} vs {best}"
            );
        }
    }
}
