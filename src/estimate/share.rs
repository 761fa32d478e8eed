//! Inference for shares (proportions): intervals, one-sample tests, and
//! differences of two independent shares (METHODS.md §2).

use core::fmt;

use super::sealed::{Internal, Sealed};
use super::{Estimate, Label, Spread};
use crate::inference::{ConfidenceLevel, Difference, Interval, IntervalMethod, Options, Test, TestMethod, Unit};
use crate::stats::binomial::binomial_two_sided;
use crate::stats::{beta_quantile, beta_upper_quantile, null_ratio, ratio};
use crate::{Error, Metric};

/// A share: how many answers fall in a rating set, out of how many.
///
/// CSAT top-2-box, CES 2.0 "% agree", CES 1.0 low-effort share and any
/// other top-box figure are shares. `value()` is the fraction in `[0, 1]`;
/// `percent()` is for display.
///
/// # Example
///
/// ```
/// use cxmetrics::{Csat, Likert5, Tally};
///
/// let t = Tally::<Likert5>::from_counts(&[5, 10, 15, 40, 30])?;
/// let share = Csat::default().score(&t)?;
/// assert_eq!((share.hits(), share.n()), (70, 100));
/// assert!((share.value() - 0.7).abs() < 1e-12);
/// assert_eq!(share.rounded(), 70);
/// assert_eq!(share.to_string(), "70.0% (70 of 100)");
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Share {
    hits: u64,
    n: u64,
    p: f64,
    pub(crate) spread: Spread,
    label: Label,
}

impl Share {
    pub(crate) fn new(hits: u64, n: u64, label: Label) -> Result<Self, Error> {
        if n == 0 {
            return Err(Error::EmptySample {
                statistic: "proportion",
            });
        }
        let p = hits as f64 / n as f64;
        Ok(Self {
            hits,
            n,
            p,
            spread: Spread::unweighted(n, p * (1.0 - p)),
            label,
        })
    }

    pub(crate) fn weighted(hits: u64, n: u64, p: f64, spread: Spread, label: Label) -> Self {
        Self {
            hits,
            n,
            p,
            spread,
            label,
        }
    }

    /// The number of positives to use in count-based formulas: exact when
    /// unweighted, `p·n_eff` otherwise (Korn & Graubard 1998).
    pub(crate) fn effective_counts(&self) -> (f64, f64) {
        let n = self.spread.effective_n();
        if self.spread.is_exact() {
            (self.hits as f64, n)
        } else {
            (self.p * n, n)
        }
    }

    /// Answers in the rating set (for weighted data: answers with a
    /// non-zero weight).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{CesAgreement, Likert7, Tally};
    ///
    /// let t = Tally::<Likert7>::from_raw(&[7, 6, 5, 2])?;
    /// assert_eq!(CesAgreement::default().score(&t)?.hits(), 3);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn hits(&self) -> u64 {
        self.hits
    }

    /// All answers (at least 1).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{CesAgreement, Likert7, Tally};
    ///
    /// let t = Tally::<Likert7>::from_raw(&[7, 6, 5, 2])?;
    /// assert_eq!(CesAgreement::default().score(&t)?.n(), 4);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn n(&self) -> u64 {
        self.n
    }

    /// The share as a fraction in `[0, 1]`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{CesEffort, Likert5, Tally};
    ///
    /// let t = Tally::<Likert5>::from_counts(&[30, 35, 20, 10, 5])?;
    /// let low = CesEffort.low_effort_share(&t)?;
    /// assert!((low.value() - 0.65).abs() < 1e-12);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn value(&self) -> f64 {
        self.p
    }

    /// The share in percent, `100 · hits / n` with a single rounding
    /// (`100 ·` [`value`](Self::value) for a weighted share).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Csat, Likert5, Tally};
    ///
    /// let t = Tally::<Likert5>::from_raw(&[5, 4, 4, 3, 2, 1, 5])?;
    /// assert!((Csat::default().score(&t)?.percent() - 400.0 / 7.0).abs() < 1e-12);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn percent(&self) -> f64 {
        self.spread.hundredfold(self.p, i128::from(self.hits), self.n)
    }

    /// The percentage rounded to a whole number, halves away from zero, on
    /// the exact rational (so 28.5 % is 29, whatever binary floating point
    /// makes of it). A weighted share has no exact rational and rounds its
    /// floating-point percentage.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Csat, Likert5, Tally};
    ///
    /// // 57 of 200 satisfied is exactly 28.5 %.
    /// let t = Tally::<Likert5>::from_counts(&[143, 0, 0, 0, 57])?;
    /// assert_eq!(Csat::default().score(&t)?.rounded(), 29);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn rounded(&self) -> i64 {
        self.spread.hundredfold_rounded(self.p, i128::from(self.hits), self.n)
    }

    /// What this share measures.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Csat, Likert5, Metric, Tally};
    ///
    /// let t = Tally::<Likert5>::from_raw(&[5])?;
    /// assert_eq!(Csat::default().score(&t)?.metric(), Metric::Csat);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn metric(&self) -> Metric {
        self.label.metric
    }
}

impl Sealed for Share {
    fn label(&self, _: Internal) -> &Label {
        &self.label
    }

    fn point(&self, _: Internal) -> f64 {
        self.p
    }

    fn size(&self, _: Internal) -> u64 {
        self.n
    }

    fn se(&self, _: Internal) -> Option<f64> {
        Some(self.standard_error())
    }

    fn default_interval(&self, level: ConfidenceLevel, _: Internal) -> Option<Interval> {
        Some(self.interval(level))
    }

    fn against_value(
        &self,
        value: f64,
        level: ConfidenceLevel,
        _: Internal,
    ) -> Result<(Option<Interval>, Test), Error> {
        Ok((Some(self.interval(level)), self.test(value, ShareTest::default())?))
    }

    fn against_sample(&self, other: &Self, level: ConfidenceLevel, _: Internal) -> Result<Option<Difference>, Error> {
        self.difference(other, level).map(Some)
    }
}

impl Estimate for Share {}

impl fmt::Display for Share {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let precision = f.precision().unwrap_or(1);
        write!(f, "{:.*}% ({} of {})", precision, self.percent(), self.hits, self.n)
    }
}

/// An interval method for a share.
///
/// # Example
///
/// ```
/// use cxmetrics::inference::ShareMethod;
/// use cxmetrics::{ConfidenceLevel, Csat, Likert5, Tally};
///
/// let t = Tally::<Likert5>::from_counts(&[1, 0, 2, 3, 1])?;
/// let share = Csat::default().score(&t)?;
/// let exact = share.interval(cxmetrics::inference::Options::new().level(ConfidenceLevel::P95).method(ShareMethod::ClopperPearson));
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
    /// The quantiles come from a cancellation-free incomplete beta (TOMS
    /// 708): within 4e-14 relative of 60-digit mpmath at n = 10⁹, 10¹² and
    /// 10¹⁵ for every count and levels 0.9 to 0.999, and at levels up to
    /// 0.999999999999999 for n = 10 to 10¹² (the upper limit is solved at
    /// the upper tail `α/2`, not at a rounded `1 − α/2`), in microseconds,
    /// with bounded work for any n.
    ClopperPearson,
    /// Jeffreys: `B⁻¹(α/2, 1−α/2; x+½, n−x+½)`, with the boundary rule of
    /// Brown, Cai & `DasGupta` (2001): 0 at `x = 0`, 1 at `x = n`. Same
    /// precision and bounded work as Clopper–Pearson.
    Jeffreys,
    /// Wald: `p̂ ± z·√(p̂(1−p̂)/n)`, clipped. Legacy: degenerate at `x ∈ {0, n}`.
    Wald,
}

/// A one-sample test of a share against a fixed value `p0`.
///
/// # Example
///
/// ```
/// use cxmetrics::inference::ShareTest;
/// use cxmetrics::{Csat, Likert5, Tally};
///
/// let t = Tally::<Likert5>::from_counts(&[0, 0, 0, 5, 15])?; // 20 of 20 satisfied
/// let share = Csat::default().score(&t)?;
/// let exact = share.test(0.9, ShareTest::ExactBinomial)?;
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
    /// `binom.test` and scipy's `binomtest`): `P(X ≤ x)` plus `P(X ≥ y)` for
    /// the first `y` above `n·p0` with `P(X = y) ≤ P(X = x)·(1 + 10⁻⁷)`,
    /// mirrored when `x` lies above the mean. Both tails come from the
    /// incomplete beta, so the cost is `O(log n)` for any `n` up to
    /// `u64::MAX`; it is within 1e-14 relative of 60-digit mpmath up to
    /// `n = 10¹⁶` (above 2⁵³ the counts round to 53 bits: 5e-8 relative at
    /// `u64::MAX`, z = 6). Recommended when `n·min(p0, 1−p0) < 10`.
    /// Unweighted data only: on weighted data its p-value is `None`.
    ExactBinomial,
    /// Wald `z = (p̂ − p0)/√(p̂(1−p̂)/n)`; `None` at `p̂ ∈ {0, 1}`.
    Wald,
}

/// A method for the difference of two independent shares.
///
/// # Example
///
/// ```
/// use cxmetrics::inference::{IntervalMethod, ShareDifferenceMethod};
/// use cxmetrics::{ConfidenceLevel, Csat, Likert5, Tally};
///
/// let now = Csat::default().score(&Tally::<Likert5>::from_counts(&[5, 10, 15, 40, 30])?)?;
/// let before = Csat::default().score(&Tally::<Likert5>::from_counts(&[20, 30, 50, 80, 70])?)?;
/// let d = now.difference(&before, cxmetrics::inference::Options::new().level(ConfidenceLevel::P95).method(ShareDifferenceMethod::AgrestiCaffo))?;
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

impl Share {
    /// The interval by a chosen method. Weighted shares use the effective
    /// sample size (and `p̂·n_eff` positives) in every formula.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::inference::ShareMethod;
    /// use cxmetrics::{ConfidenceLevel, Csat, Likert5, Tally};
    ///
    /// let t = Tally::<Likert5>::from_counts(&[5, 10, 15, 40, 30])?;
    /// let j = Csat::default().score(&t)?.interval(cxmetrics::inference::Options::new().level(ConfidenceLevel::P90).method(ShareMethod::Jeffreys));
    /// assert!((j.lower() - 0.6210202944094325).abs() < 1e-9);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    ///
    /// ```
    /// use cxmetrics::{ConfidenceLevel, Csat, Likert5, Tally};
    ///
    /// let t = Tally::<Likert5>::from_counts(&[0, 0, 0, 0, 1])?;
    /// let i = Csat::default().score(&t)?.interval(ConfidenceLevel::P95);
    /// assert_eq!(i.upper(), 1.0); // exactly 1 at x = n
    /// assert!((i.lower() - 0.20654931437723745).abs() < 1e-12);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn interval(&self, options: impl Into<Options<ShareMethod>>) -> Interval {
        let options = options.into();
        let (level, method) = (options.confidence(), *options.chosen());
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
                    beta_upper_quantile(x + 1.0, n - x, half_alpha)
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
                    beta_upper_quantile(x + 0.5, n - x + 0.5, half_alpha)
                };
                (l, u, IntervalMethod::Jeffreys)
            }
            ShareMethod::Wald => {
                let half = z * (p * (1.0 - p) / n).sqrt();
                let (l, u) = clip01(p - half, p + half);
                (l, u, IntervalMethod::Wald)
            }
        };
        // At levels near 0 the two exact quantiles are within the solver's
        // precision of each other and can come out one ulp apart in the
        // wrong order: never hand out lower > upper.
        Interval::new(p, (lower.min(upper), lower.max(upper)), level, method, Unit::Percent)
    }

    /// The standard error `√(p̂(1−p̂)/n)` (weighted: by the chosen
    /// [`VarianceMethod`](crate::inference::VarianceMethod)).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Csat, Likert5, Tally};
    ///
    /// let t = Tally::<Likert5>::from_counts(&[5, 10, 15, 40, 30])?;
    /// assert!((Csat::default().score(&t)?.standard_error() - 0.045825756949558406).abs() < 1e-15);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn standard_error(&self) -> f64 {
        let p = self.value();
        let (_, n) = self.effective_counts();
        (p * (1.0 - p) / n).sqrt()
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
    /// use cxmetrics::inference::ShareTest;
    /// use cxmetrics::{Csat, Likert5, Tally};
    ///
    /// let t = Tally::<Likert5>::from_counts(&[5, 10, 15, 40, 30])?;
    /// let exact = Csat::default().score(&t)?.test(0.75, ShareTest::ExactBinomial)?;
    /// assert!((exact.p_value().unwrap() - 0.24907145667188604).abs() < 1e-9);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    ///
    /// ```
    /// use cxmetrics::{Csat, Likert5, Tally};
    ///
    /// let t = Tally::<Likert5>::from_counts(&[5, 10, 15, 40, 30])?;
    /// let test = Csat::default().score(&t)?.test(0.75, cxmetrics::inference::ShareTest::Score)?;
    /// assert!((test.statistic().unwrap() + 1.1547005383792526).abs() < 1e-12);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn test(&self, p0: f64, method: ShareTest) -> Result<Test, Error> {
        let p0 = self.label.check_value(p0)?;
        let p = self.value();
        let (_, n) = self.effective_counts();
        Ok(match method {
            ShareTest::Score => Test::z(null_ratio(p - p0, (p0 * (1.0 - p0) / n).sqrt()), TestMethod::Score),
            ShareTest::Wald => Test::z(ratio(p - p0, (p * (1.0 - p) / n).sqrt()), TestMethod::Wald),
            ShareTest::ExactBinomial => {
                let exact = self.spread.is_exact().then(|| {
                    // At p0 = 0 or 1 only one count is possible: it has
                    // probability 1, every other count probability 0.
                    let certain = if p0 <= 0.0 {
                        Some(0)
                    } else {
                        (p0 >= 1.0).then_some(self.n())
                    };
                    match certain {
                        Some(x) => f64::from(u8::from(self.hits() == x)),
                        None => binomial_two_sided(self.hits(), self.n(), p0),
                    }
                });
                Test::p_only(exact, TestMethod::ExactBinomial)
            }
        })
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
    /// use cxmetrics::inference::ShareDifferenceMethod;
    /// use cxmetrics::{ConfidenceLevel, Csat, Likert5, Tally};
    ///
    /// let a = Csat::default().score(&Tally::<Likert5>::from_counts(&[5, 10, 15, 40, 30])?)?;
    /// let b = Csat::default().score(&Tally::<Likert5>::from_counts(&[20, 30, 50, 80, 70])?)?;
    /// let d = a.difference(&b, cxmetrics::inference::Options::new().level(ConfidenceLevel::P95).method(ShareDifferenceMethod::Wald))?;
    /// assert!((d.test().statistic().unwrap() - 1.8077538151554677).abs() < 1e-12);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    ///
    /// ```
    /// use cxmetrics::{ConfidenceLevel, Csat, Likert5, Tally};
    ///
    /// let now = Csat::default().score(&Tally::<Likert5>::from_counts(&[5, 10, 15, 40, 30])?)?;
    /// let before = Csat::default().score(&Tally::<Likert5>::from_counts(&[20, 30, 50, 80, 70])?)?;
    /// let d = now.difference(&before, ConfidenceLevel::P95)?;
    /// assert!((d.interval().lower() + 0.012432441206177716).abs() < 1e-11);
    /// assert!((d.test().p_value().unwrap() - 0.08026930135546954).abs() < 1e-11);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn difference(
        &self,
        other: &Self,
        options: impl Into<Options<ShareDifferenceMethod>>,
    ) -> Result<Difference, Error> {
        let options = options.into();
        let (level, method) = (options.confidence(), *options.chosen());
        self.label.check_comparable(&other.label)?;
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
            Interval::new(d, (lower, upper), level, interval_method, Unit::Percent),
            test,
        ))
    }
}
