//! Inference for shares (proportions): intervals, one-sample tests, and
//! differences of two independent shares (METHODS.md §2).

use super::binomial::binomial_two_sided;
use super::interval::{ConfidenceLevel, Difference, Interval, IntervalMethod, Test, TestMethod};
use super::{beta_quantile, ratio};
use crate::{Error, Share};

/// An interval method for a share.
///
/// # Example
///
/// ```
/// use cxmetrics::{ConfidenceLevel, Csat, Likert5, ShareMethod, Tally};
///
/// let t = Tally::<Likert5>::from_counts(&[1, 0, 2, 3, 1])?;
/// let share = Csat::default().share(&t)?;
/// let exact = share.interval_with(ConfidenceLevel::P95, ShareMethod::ClopperPearson);
/// assert!(exact.width() > share.interval(ConfidenceLevel::P95).width());
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ShareMethod {
    /// Wilson score interval (default).
    ///
    /// `(p̂ + z²/2n)/(1 + z²/n) ± z/(1 + z²/n)·√(p̂(1−p̂)/n + z²/4n²)`, with
    /// the limits set to exactly 0 at `x = 0` and 1 at `x = n`. Never
    /// degenerate, and it inverts the score test. Wilson (1927); recommended
    /// by Brown, Cai & `DasGupta` (2001) and Newcombe (1998a).
    #[default]
    Wilson,
    /// Agresti–Coull: Wald on `x + z²/2` successes of `n + z²`, clipped
    /// to `[0, 1]`. Agresti & Coull (1998); good for n ≥ 40.
    AgrestiCoull,
    /// Clopper–Pearson "exact": beta quantiles `B⁻¹(α/2; x, n−x+1)` and
    /// `B⁻¹(1−α/2; x+1, n−x)`. Coverage at least nominal, conservative.
    ClopperPearson,
    /// Jeffreys: `B⁻¹(α/2, 1−α/2; x+½, n−x+½)`, with the boundary rule of
    /// Brown, Cai & `DasGupta` (2001): 0 at `x = 0`, 1 at `x = n`.
    Jeffreys,
    /// Wald: `p̂ ± z·√(p̂(1−p̂)/n)`, clipped. Legacy: degenerate at `x ∈ {0, n}`.
    Wald,
}

/// A one-sample test of a share against a fixed value `p0`.
///
/// # Example
///
/// ```
/// use cxmetrics::{Csat, Likert5, ShareTest, Tally};
///
/// let t = Tally::<Likert5>::from_counts(&[0, 0, 0, 5, 15])?; // 20 of 20 satisfied
/// let share = Csat::default().share(&t)?;
/// let exact = share.test_with(0.9, ShareTest::ExactBinomial)?;
/// assert!((exact.p_value().unwrap() - 0.25452997802490435).abs() < 1e-9);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ShareTest {
    /// Score test `z = (p̂ − p0)/√(p0(1−p0)/n)` (default; agrees with Wilson).
    #[default]
    Score,
    /// Exact binomial test, two-sided by minimum likelihood (as R's
    /// `binom.test` and scipy's `binomtest`): sums `P(X = k)` over every `k`
    /// with `P(X = k) ≤ P(X = x)·(1 + 10⁻⁷)`. Recommended when
    /// `n·min(p0, 1−p0) < 10`. Unweighted data only: on weighted data its
    /// p-value is `None`.
    ExactBinomial,
    /// Wald `z = (p̂ − p0)/√(p̂(1−p̂)/n)`; `None` at `p̂ ∈ {0, 1}`.
    Wald,
}

/// A method for the difference of two independent shares.
///
/// # Example
///
/// ```
/// use cxmetrics::{ConfidenceLevel, Csat, IntervalMethod, Likert5, ShareDifferenceMethod, Tally};
///
/// let now = Csat::default().share(&Tally::<Likert5>::from_counts(&[5, 10, 15, 40, 30])?)?;
/// let before = Csat::default().share(&Tally::<Likert5>::from_counts(&[20, 30, 50, 80, 70])?)?;
/// let d = now.difference_with(&before, ConfidenceLevel::P95, ShareDifferenceMethod::AgrestiCaffo)?;
/// assert_eq!(d.interval().method(), IntervalMethod::AgrestiCaffo);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ShareDifferenceMethod {
    /// Newcombe's hybrid score interval (1998b, method 10):
    /// `d̂ − √((p̂₁−l₁)² + (u₂−p̂₂)²)`, `d̂ + √((u₁−p̂₁)² + (p̂₂−l₂)²)` from
    /// Wilson limits; with the pooled z test
    /// `d̂/√(p̄(1−p̄)(1/n₁ + 1/n₂))`, `None` when `p̄ ∈ {0, 1}` (default).
    #[default]
    Newcombe,
    /// Agresti–Caffo (2000): add one success and one failure to each group,
    /// then Wald; the test is the matching z.
    AgrestiCaffo,
    /// Unpooled Wald interval and z. Legacy.
    Wald,
}

/// Wilson limits for `x` positives in `n` (possibly effective, non-integer).
pub(crate) fn wilson(x: f64, n: f64, z: f64) -> (f64, f64) {
    let p = x / n;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    let lower = if x <= 0.0 { 0.0 } else { (centre - half).max(0.0) };
    let upper = if x >= n { 1.0 } else { (centre + half).min(1.0) };
    (lower, upper)
}

fn clip(lower: f64, upper: f64, bound: f64) -> (f64, f64) {
    (lower.max(-bound).min(bound), upper.min(bound).max(-bound))
}

fn clip01(lower: f64, upper: f64) -> (f64, f64) {
    (lower.clamp(0.0, 1.0), upper.clamp(0.0, 1.0))
}

/// Checks a benchmark share: strictly between 0 and 1.
pub(crate) fn check_p0(p0: f64) -> Result<f64, Error> {
    if p0 > 0.0 && p0 < 1.0 {
        Ok(p0)
    } else {
        Err(Error::InvalidArgument {
            name: "benchmark share",
            value: p0,
            expected: "a fraction strictly between 0 and 1",
        })
    }
}

impl Share {
    /// The 95 %-style interval with the default method, [`ShareMethod::Wilson`].
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{ConfidenceLevel, Csat, Likert5, Tally};
    ///
    /// let t = Tally::<Likert5>::from_counts(&[0, 0, 0, 0, 1])?;
    /// let i = Csat::default().share(&t)?.interval(ConfidenceLevel::P95);
    /// assert_eq!(i.upper(), 1.0); // exactly 1 at x = n
    /// assert!((i.lower() - 0.20654931437723745).abs() < 1e-12);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel) -> Interval {
        self.interval_with(level, ShareMethod::Wilson)
    }

    /// The interval by a chosen method. Weighted shares use the effective
    /// sample size (and `p̂·n_eff` positives) in every formula.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{ConfidenceLevel, Csat, Likert5, ShareMethod, Tally};
    ///
    /// let t = Tally::<Likert5>::from_counts(&[5, 10, 15, 40, 30])?;
    /// let j = Csat::default().share(&t)?.interval_with(ConfidenceLevel::P90, ShareMethod::Jeffreys);
    /// assert!((j.lower() - 0.6210202944094325).abs() < 1e-9);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn interval_with(&self, level: ConfidenceLevel, method: ShareMethod) -> Interval {
        let (x, n) = self.effective_counts();
        let p = self.value();
        let z = level.z();
        let half_alpha = level.alpha() / 2.0;
        let (lower, upper, method) = match method {
            ShareMethod::Wilson => {
                let (l, u) = wilson(x, n, z);
                (l, u, IntervalMethod::Wilson)
            }
            ShareMethod::AgrestiCoull => {
                let n_adj = n + z * z;
                let centre = (x + z * z / 2.0) / n_adj;
                let half = z * (centre * (1.0 - centre) / n_adj).sqrt();
                let (l, u) = clip01(centre - half, centre + half);
                (l, u, IntervalMethod::AgrestiCoull)
            }
            ShareMethod::ClopperPearson => {
                let l = if x <= 0.0 {
                    0.0
                } else {
                    beta_quantile(x, n - x + 1.0, half_alpha)
                };
                let u = if x >= n {
                    1.0
                } else {
                    beta_quantile(x + 1.0, n - x, 1.0 - half_alpha)
                };
                (l, u, IntervalMethod::ClopperPearson)
            }
            ShareMethod::Jeffreys => {
                let l = if x <= 0.0 {
                    0.0
                } else {
                    beta_quantile(x + 0.5, n - x + 0.5, half_alpha)
                };
                let u = if x >= n {
                    1.0
                } else {
                    beta_quantile(x + 0.5, n - x + 0.5, 1.0 - half_alpha)
                };
                (l, u, IntervalMethod::Jeffreys)
            }
            ShareMethod::Wald => {
                let half = z * (p * (1.0 - p) / n).sqrt();
                let (l, u) = clip01(p - half, p + half);
                (l, u, IntervalMethod::Wald)
            }
        };
        Interval::new(p, lower, upper, level, method)
    }

    /// The standard error `√(p̂(1−p̂)/n)` (weighted: by the chosen
    /// [`VarianceMethod`](crate::VarianceMethod)).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Csat, Likert5, Tally};
    ///
    /// let t = Tally::<Likert5>::from_counts(&[5, 10, 15, 40, 30])?;
    /// assert!((Csat::default().share(&t)?.standard_error() - 0.045825756949558406).abs() < 1e-15);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn standard_error(&self) -> f64 {
        let p = self.value();
        let (_, n) = self.effective_counts();
        (p * (1.0 - p) / n).sqrt()
    }

    /// Tests the share against a fixed value `p0` with the score test.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] unless `0 < p0 < 1`, e.g. `p0 = 75.0` (a
    /// percentage) or `1.0`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Csat, Likert5, Tally};
    ///
    /// let t = Tally::<Likert5>::from_counts(&[5, 10, 15, 40, 30])?;
    /// let test = Csat::default().share(&t)?.test(0.75)?;
    /// assert!((test.statistic().unwrap() + 1.1547005383792526).abs() < 1e-12);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn test(&self, p0: f64) -> Result<Test, Error> {
        self.test_with(p0, ShareTest::Score)
    }

    /// Tests the share against a fixed value `p0` by a chosen method.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] unless `0 < p0 < 1`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Csat, Likert5, ShareTest, Tally};
    ///
    /// let t = Tally::<Likert5>::from_counts(&[5, 10, 15, 40, 30])?;
    /// let exact = Csat::default().share(&t)?.test_with(0.75, ShareTest::ExactBinomial)?;
    /// assert!((exact.p_value().unwrap() - 0.24907145667188604).abs() < 1e-9);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn test_with(&self, p0: f64, method: ShareTest) -> Result<Test, Error> {
        let p0 = check_p0(p0)?;
        let p = self.value();
        let (_, n) = self.effective_counts();
        Ok(match method {
            ShareTest::Score => Test::z(ratio(p - p0, (p0 * (1.0 - p0) / n).sqrt()), TestMethod::Score),
            ShareTest::Wald => Test::z(ratio(p - p0, (p * (1.0 - p) / n).sqrt()), TestMethod::Wald),
            ShareTest::ExactBinomial => {
                let exact = self
                    .spread
                    .is_exact()
                    .then(|| binomial_two_sided(self.hits(), self.n(), p0));
                Test::p_only(exact, TestMethod::ExactBinomial)
            }
        })
    }

    /// The difference `self − other` of two independent shares, with
    /// Newcombe's interval and the pooled z test.
    ///
    /// # Errors
    ///
    /// [`Error::Mismatch`] when the shares measure different things (a CSAT
    /// share and a CES share, or two different positive sets).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{ConfidenceLevel, Csat, Likert5, Tally};
    ///
    /// let now = Csat::default().share(&Tally::<Likert5>::from_counts(&[5, 10, 15, 40, 30])?)?;
    /// let before = Csat::default().share(&Tally::<Likert5>::from_counts(&[20, 30, 50, 80, 70])?)?;
    /// let d = now.difference(&before, ConfidenceLevel::P95)?;
    /// assert!((d.interval().lower() + 0.012432441206177716).abs() < 1e-11);
    /// assert!((d.test().p_value().unwrap() - 0.08026930135546954).abs() < 1e-11);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn difference(&self, other: &Self, level: ConfidenceLevel) -> Result<Difference, Error> {
        self.difference_with(other, level, ShareDifferenceMethod::Newcombe)
    }

    /// The difference `self − other` by a chosen method.
    ///
    /// # Errors
    ///
    /// [`Error::Mismatch`] when the shares measure different things.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{ConfidenceLevel, Csat, Likert5, ShareDifferenceMethod, Tally};
    ///
    /// let a = Csat::default().share(&Tally::<Likert5>::from_counts(&[5, 10, 15, 40, 30])?)?;
    /// let b = Csat::default().share(&Tally::<Likert5>::from_counts(&[20, 30, 50, 80, 70])?)?;
    /// let d = a.difference_with(&b, ConfidenceLevel::P95, ShareDifferenceMethod::Wald)?;
    /// assert!((d.test().statistic().unwrap() - 1.8077538151554677).abs() < 1e-12);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn difference_with(
        &self,
        other: &Self,
        level: ConfidenceLevel,
        method: ShareDifferenceMethod,
    ) -> Result<Difference, Error> {
        self.label().check_comparable(other.label())?;
        let ((x1, n1), (x2, n2)) = (self.effective_counts(), other.effective_counts());
        let (p1, p2) = (self.value(), other.value());
        let d = p1 - p2;
        let z = level.z();
        let (lower, upper, interval_method, test) = match method {
            ShareDifferenceMethod::Newcombe => {
                let ((l1, u1), (l2, u2)) = (wilson(x1, n1, z), wilson(x2, n2, z));
                let lower = d - ((p1 - l1).powi(2) + (u2 - p2).powi(2)).sqrt();
                let upper = d + ((u1 - p1).powi(2) + (p2 - l2).powi(2)).sqrt();
                let pooled = (x1 + x2) / (n1 + n2);
                let se = (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
                (
                    lower,
                    upper,
                    IntervalMethod::Newcombe,
                    Test::z(ratio(d, se), TestMethod::PooledZ),
                )
            }
            ShareDifferenceMethod::AgrestiCaffo => {
                let (q1, q2) = ((x1 + 1.0) / (n1 + 2.0), (x2 + 1.0) / (n2 + 2.0));
                let se = (q1 * (1.0 - q1) / (n1 + 2.0) + q2 * (1.0 - q2) / (n2 + 2.0)).sqrt();
                let centre = q1 - q2;
                let test = Test::z(ratio(centre, se), TestMethod::AgrestiCaffo);
                (centre - z * se, centre + z * se, IntervalMethod::AgrestiCaffo, test)
            }
            ShareDifferenceMethod::Wald => {
                let se = (p1 * (1.0 - p1) / n1 + p2 * (1.0 - p2) / n2).sqrt();
                (
                    d - z * se,
                    d + z * se,
                    IntervalMethod::Wald,
                    Test::z(ratio(d, se), TestMethod::Wald),
                )
            }
        };
        let (lower, upper) = clip(lower, upper, 1.0);
        Ok(Difference::new(
            d,
            Interval::new(d, lower, upper, level, interval_method),
            test,
        ))
    }
}
