//! The probability of reaching a target by the end of a period: the
//! posterior predictive of the final score, given the answers so far and
//! the number still to come.

use statrs::function::gamma::ln_gamma;

use crate::Error;
use crate::monitoring::counts::{net_value, share_value};
use crate::monitoring::{NetScorePosterior, SharePosterior};
use crate::stats::beta::ln_gamma_ratio;

/// The most answers still to come the exact sums accept.
const MAX_REMAINING: u64 = 10_000_000;

fn check_remaining(remaining: u64) -> Result<f64, Error> {
    if remaining > MAX_REMAINING {
        return Err(Error::InvalidArgument {
            name: "answers still to come",
            value: remaining as f64,
            expected: "at most 10000000 (the exact sum is linear in it; beyond, the posterior itself answers)",
        });
    }
    Ok(remaining as f64)
}

/// `ln` of the Beta-binomial probability of `k` of `m` with shapes `a`, `b`:
/// `ln C(m, k) + ln B(k + a, m − k + b) − ln B(a, b)`. The shapes grow with
/// the answers so far and `ln Γ` of each is about `a·ln a`, so the two
/// `ln B` are differenced as three `ln Γ(x + h) − ln Γ(x)`
/// ([`ln_gamma_ratio`]): taken apart they put a predictive probability
/// 1.5e-3 (relative) off at 10¹² answers.
fn ln_beta_binomial(k: f64, m: f64, a: f64, b: f64) -> f64 {
    ln_gamma(m + 1.0) - ln_gamma(k + 1.0) - ln_gamma(m - k + 1.0) + ln_gamma_ratio(a, k) + ln_gamma_ratio(b, m - k)
        - ln_gamma_ratio(a + b, m)
}

fn beta_binomial(k: i64, m: i64, a: f64, b: f64) -> f64 {
    if k < 0 || k > m {
        0.0
    } else {
        ln_beta_binomial(k as f64, m as f64, a, b).exp()
    }
}

/// A tolerance for "the final score equals the target": a score reached
/// exactly counts as reached, despite binary rounding of the target.
const TIE: f64 = 1e-9;

impl SharePosterior {
    /// The posterior predictive probability that the share over the whole
    /// period, the `n` answers so far plus `remaining` still to come, ends
    /// at or above `target`: `P(S + X ≥ target·(n + remaining))` with
    /// `X ~ Beta-binomial(remaining, a + S, b + n − S)`.
    ///
    /// This is a statement about the answers still to come, given the
    /// answers so far and the prior; it is not a test. With
    /// `remaining = 0` it is 1 or 0.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] when `target` is outside `[0, 1]` (e.g.
    /// `80.0`), or `remaining` exceeds ten million.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Prior, SharePosterior};
    ///
    /// // 150 of 200 satisfied so far (75 %), 300 more answers expected: will the month end at 80 %?
    /// let post = SharePosterior::new(150, 200, Prior::Uniform)?;
    /// let p = post.prob_final_at_least(0.80, 300)?;
    /// assert!(p > 0.0 && p < 0.1);
    /// assert_eq!(post.prob_final_at_least(0.75, 0)?, 1.0);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn prob_final_at_least(&self, target: f64, remaining: u64) -> Result<f64, Error> {
        let target = share_value("target share", target)?;
        let m = check_remaining(remaining)?;
        let needed = target * (self.n as f64 + m) - self.successes as f64 - TIE;
        let first = needed.ceil().max(0.0);
        if first > m {
            return Ok(0.0);
        }
        let total: f64 = (first as i64..=remaining as i64)
            .map(|k| beta_binomial(k, remaining as i64, self.a, self.b))
            .sum();
        Ok(total.clamp(0.0, 1.0))
    }
}

impl NetScorePosterior {
    /// The posterior predictive probability that the net score over the
    /// whole period (the answers so far plus `remaining` still to come)
    /// ends at or above `target` (a fraction).
    ///
    /// # Formula
    ///
    /// The future counts are Dirichlet-multinomial. With `s = d + p` the
    /// future non-neutral answers, `s ~ Beta-binomial(m, α₊ + α₋, α₀)` and,
    /// given `s`, `p ~ Beta-binomial(s, α₊, α₋)` (a Pólya urn), so
    /// `P = Σ_s P(s)·P(p ≥ ⌈(s + k)/2⌉ | s)` with
    /// `k = target·(n + m) − (P − D)`; the inner tails follow one another
    /// by the urn's one-step recursion, so the sum is exact and linear in
    /// `m`.
    ///
    /// This is a statement about the answers still to come, given the
    /// answers so far and the prior; it is not a test.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] when `target` is outside `[−1, 1]` (e.g.
    /// `40.0`, points instead of a fraction), or `remaining` exceeds ten
    /// million.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{NetScorePosterior, Prior};
    ///
    /// // Mid-quarter: NPS +35 on 400 answers, about 400 more to come. Will the quarter end at +40 or better?
    /// let post = NetScorePosterior::new(80, 100, 220, Prior::Uniform)?;
    /// let p = post.prob_final_at_least(0.40, 400)?;
    /// assert!(p > 0.01 && p < 0.2);
    /// assert_eq!(post.prob_final_at_least(0.35, 0)?, 1.0);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn prob_final_at_least(&self, target: f64, remaining: u64) -> Result<f64, Error> {
        let target = net_value("target net score", target)?;
        let m = check_remaining(remaining)?;
        let [nd, no, np] = self.counts;
        let n = (nd + no + np) as f64;
        let k = target * (n + m) - (np as f64 - nd as f64) - TIE;
        let [ad, ao, ap] = self.shapes;
        let (a_s, b_s) = (ap + ad, ao);
        let mi = remaining as i64;
        // j(s) = ⌈(s + k)/2⌉: promoters needed among s future non-neutral answers.
        let need = |s: i64| f64::midpoint(s as f64, k).ceil();
        let need_i = |s: i64| need(s).clamp(-1.0, s as f64 + 1.0) as i64;
        let pmf = |i: i64, s: i64| beta_binomial(i, s, ap, ad);
        // Tail T(s) = P(p ≥ j(s) | s), starting from s = 0.
        let mut j = need_i(0);
        let mut tail = if j <= 0 { 1.0 } else { 0.0 };
        let mut total = beta_binomial(0, mi, a_s, b_s) * tail;
        for s in 1..=mi {
            // Pólya urn step from s − 1 to s at the same j.
            let prev = j - 1;
            if (0..s).contains(&prev) {
                tail += pmf(prev, s - 1) * (prev as f64 + ap) / ((s - 1) as f64 + ap + ad);
            }
            // Then move j up to j(s) (it grows by 0 or 1 per step).
            let target_j = need_i(s);
            while j < target_j {
                tail -= pmf(j, s);
                j += 1;
            }
            if j <= 0 {
                tail = 1.0;
            } else if j > s {
                tail = 0.0;
            }
            tail = tail.clamp(0.0, 1.0);
            total += beta_binomial(s, mi, a_s, b_s) * tail;
        }
        Ok(total.clamp(0.0, 1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::monitoring::Prior;

    /// The double sum over the future Dirichlet-multinomial counts.
    fn brute_force(post: &NetScorePosterior, target: f64, m: i64) -> f64 {
        let [nd, _, np] = post.counts;
        let n = post.counts.iter().sum::<u64>() as f64;
        let [ad, ao, ap] = post.shapes;
        let mut total = 0.0;
        for s in 0..=m {
            let ps = beta_binomial(s, m, ap + ad, ao);
            for p in 0..=s {
                let d = s - p;
                let final_score = (np as f64 + p as f64 - nd as f64 - d as f64) / (n + m as f64);
                if final_score >= target - 1e-12 {
                    total += ps * beta_binomial(p, s, ap, ad);
                }
            }
        }
        total
    }

    #[test]
    fn the_recursion_equals_the_double_sum() {
        for (counts, target, m) in [
            ([10, 50, 80], 0.5, 60),
            ([4, 4, 7], 0.2, 25),
            ([4, 4, 7], -0.9, 10),
            ([0, 0, 3], 0.99, 40),
            ([30, 0, 0], 0.0, 35),
            ([80, 100, 220], 0.35, 1),
        ] {
            for prior in [Prior::Uniform, Prior::Jeffreys] {
                let post = NetScorePosterior::new(counts[0], counts[1], counts[2], prior).expect("valid");
                let ours = post.prob_final_at_least(target, m as u64).expect("valid");
                let brute = brute_force(&post, target, m);
                assert!(
                    (ours - brute).abs() < 1e-12,
                    "{counts:?} {target} {m} {prior:?}: {ours} vs {brute}"
                );
            }
        }
    }
}
