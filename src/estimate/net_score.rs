//! Inference for net scores (NPS, net effort): intervals, one-sample tests
//! and differences of two independent net scores (METHODS.md §1).
//!
//! Each answer scores +1 (positive), 0 (neutral) or −1 (negative); the net
//! score is the mean of those scores, a trinomial problem.

use core::fmt;

use super::sealed::{Internal, Sealed};
use super::{Estimate, Label, Spread};
use crate::inference::{ConfidenceLevel, Difference, Interval, IntervalMethod, Options, Test, TestMethod, Unit};
use crate::stats::{null_ratio, ratio};
use crate::{Error, Metric};

/// A net score: the share of positive answers minus the share of negative
/// ones, in `[-1, 1]`.
///
/// NPS is the net score of promoters (9–10) over detractors (0–6); the
/// net effort score is the top-2 share minus the bottom-2 share of an effort
/// question. The value is computed as `(positive − negative) / n` from the
/// exact integers, never as a difference of two rounded shares.
///
/// # Example
///
/// ```
/// use cxmetrics::Nps;
///
/// let nps = Nps.score_counts(30, 50, 120)?; // detractors, passives, promoters
/// assert_eq!(nps.n(), 200);
/// assert!((nps.value() - 0.45).abs() < 1e-15);
/// assert_eq!(nps.rounded(), 45);
/// assert_eq!(nps.to_string(), "+45.0 points (n = 200)");
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NetScore {
    positive: u64,
    neutral: u64,
    negative: u64,
    n: u64,
    value: f64,
    p_positive: f64,
    p_negative: f64,
    pub(crate) spread: Spread,
    label: Label,
}

impl NetScore {
    pub(crate) fn new(negative: u64, neutral: u64, positive: u64, label: Label) -> Result<Self, Error> {
        let overflow = Error::CountOverflow { rating: label.min };
        let n = positive
            .checked_add(neutral)
            .and_then(|s| s.checked_add(negative))
            .ok_or(overflow)?;
        if n == 0 {
            return Err(Error::EmptySample {
                statistic: Self::statistic(&label),
            });
        }
        let value = (i128::from(positive) - i128::from(negative)) as f64 / n as f64;
        let (p_positive, p_negative) = (positive as f64 / n as f64, negative as f64 / n as f64);
        let spread = Spread::unweighted(n, unit_variance(p_positive, p_negative));
        Ok(Self {
            positive,
            neutral,
            negative,
            n,
            value,
            p_positive,
            p_negative,
            spread,
            label,
        })
    }

    /// A weighted net score: counts are of answers with non-zero weight,
    /// the shares are weighted.
    pub(crate) fn weighted(counts: [u64; 3], p_positive: f64, p_negative: f64, spread: Spread, label: Label) -> Self {
        let [negative, neutral, positive] = counts;
        let n = positive + neutral + negative;
        let value = p_positive - p_negative;
        Self {
            positive,
            neutral,
            negative,
            n,
            value,
            p_positive,
            p_negative,
            spread,
            label,
        }
    }

    pub(crate) fn statistic(label: &Label) -> &'static str {
        if label.metric == Metric::Nps {
            "NPS"
        } else {
            "net score"
        }
    }

    /// The category counts to use in count-based formulas: exact when
    /// unweighted, shares times the effective sample size otherwise.
    pub(crate) fn effective_counts(&self) -> (f64, f64, f64) {
        let n = self.spread.effective_n();
        if self.spread.is_exact() {
            (self.positive as f64, self.negative as f64, n)
        } else {
            (self.p_positive * n, self.p_negative * n, n)
        }
    }

    /// Positive answers (for NPS: promoters, 9–10).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::Nps;
    ///
    /// assert_eq!(Nps.score_counts(1, 2, 3)?.positive(), 3);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn positive(&self) -> u64 {
        self.positive
    }

    /// Answers that are neither (for NPS: passives, 7–8).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::Nps;
    ///
    /// assert_eq!(Nps.score_counts(1, 2, 3)?.neutral(), 2);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn neutral(&self) -> u64 {
        self.neutral
    }

    /// Negative answers (for NPS: detractors, 0–6).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::Nps;
    ///
    /// assert_eq!(Nps.score_counts(1, 2, 3)?.negative(), 1);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn negative(&self) -> u64 {
        self.negative
    }

    /// All answers (at least 1).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::Nps;
    ///
    /// assert_eq!(Nps.score_counts(1, 2, 3)?.n(), 6);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn n(&self) -> u64 {
        self.n
    }

    /// The net score as a fraction in `[-1, 1]`: `(positive − negative) / n`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::Nps;
    ///
    /// assert!((Nps.score_counts(60, 25, 15)?.value() + 0.45).abs() < 1e-15);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn value(&self) -> f64 {
        self.value
    }

    /// The net score in points, `[-100, 100]`, with a single rounding:
    /// `100 · (positive − negative) / n` (`100 ·` [`value`](Self::value)
    /// for a weighted score).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::Nps;
    ///
    /// // 2 promoters and 1 passive: 66.67, not 66.
    /// assert!((Nps.score_counts(0, 1, 2)?.points() - 200.0 / 3.0).abs() < 1e-12);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn points(&self) -> f64 {
        self.spread.hundredfold(self.value, self.count_difference(), self.n)
    }

    /// The points rounded to a whole number, halves away from zero, on the
    /// exact rational: 57/200 is 28.5 points and rounds to 29 (the float
    /// `0.285 * 100` is 28.499… and would round to 28). A weighted score has
    /// no exact rational and rounds its floating-point points.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::Nps;
    ///
    /// assert_eq!(Nps.score_counts(43, 57, 100)?.rounded(), 29);
    /// assert_eq!(Nps.score_counts(1, 7, 0)?.rounded(), -13);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn rounded(&self) -> i64 {
        self.spread
            .hundredfold_rounded(self.value, self.count_difference(), self.n)
    }

    /// The share of positive answers, `positive / n`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::Nps;
    ///
    /// assert!((Nps.score_counts(30, 50, 120)?.positive_share() - 0.6).abs() < 1e-15);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn positive_share(&self) -> f64 {
        self.p_positive
    }

    /// The share of negative answers, `negative / n`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::Nps;
    ///
    /// assert!((Nps.score_counts(30, 50, 120)?.negative_share() - 0.15).abs() < 1e-15);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn negative_share(&self) -> f64 {
        self.p_negative
    }

    /// What this score measures.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Metric, Nps};
    ///
    /// assert_eq!(Nps.score_counts(1, 1, 1)?.metric(), Metric::Nps);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn metric(&self) -> Metric {
        self.label.metric
    }

    fn count_difference(&self) -> i128 {
        i128::from(self.positive) - i128::from(self.negative)
    }
}

impl fmt::Display for NetScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let precision = f.precision().unwrap_or(1);
        write!(f, "{:+.*} points (n = {})", precision, self.points(), self.n)
    }
}

impl Sealed for NetScore {
    fn label(&self, _: Internal) -> &Label {
        &self.label
    }

    fn point(&self, _: Internal) -> f64 {
        self.value
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
        Ok((Some(self.interval(level)), self.test(value, NetScoreMethod::default())?))
    }

    fn against_sample(&self, other: &Self, level: ConfidenceLevel, _: Internal) -> Result<Option<Difference>, Error> {
        self.difference(other, level).map(Some)
    }
}

impl Estimate for NetScore {}

/// Rocks's pseudo-counts for the adjusted Wald method: negative, neutral, positive.
const PSEUDO: (f64, f64, f64) = (0.75, 1.5, 0.75);

/// An interval (and one-sample test) method for a net score.
///
/// # Example
///
/// ```
/// use cxmetrics::inference::NetScoreMethod;
/// use cxmetrics::{ConfidenceLevel, Nps};
///
/// let nps = Nps.score_counts(30, 50, 120)?;
/// let aw = nps.interval(cxmetrics::inference::Options::new().level(ConfidenceLevel::P95).method(NetScoreMethod::AdjustedWald));
/// assert!((aw.lower() - 0.3413541917902662).abs() < 1e-12);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NetScoreMethod {
    /// The score interval (default): `{Δ : |S(Δ)| ≤ z}` with
    /// `S(Δ) = (P − D − nΔ)/√(n·(2d̃(Δ) + Δ(1 − Δ)))`, where `d̃(Δ)` is the
    /// restricted maximum-likelihood share of negatives given a net score of
    /// `Δ`. Tango's (1998) statistic, Rocks's (2016) "iterative" method;
    /// found by bisection. Always inside `[−1, 1]`, never degenerate,
    /// contains the estimate, and agrees with the score test.
    #[default]
    Score,
    /// Adjusted Wald (Rocks 2016): add 0.75 negatives, 1.5 neutrals and 0.75
    /// positives, then Wald around the adjusted centre; clipped to `[−1, 1]`.
    /// With tiny extreme samples it can exclude the observed score.
    AdjustedWald,
    /// Wald: `NPŜ ± z·√((p₊ + p₋ − NPŜ²)/n)`, clipped. Legacy (CRAN NPS 1.1):
    /// a single point when every answer is in one category.
    Wald,
}

/// A method for the difference of two independent net scores.
///
/// # Example
///
/// ```
/// use cxmetrics::inference::{IntervalMethod, NetScoreDifferenceMethod};
/// use cxmetrics::{ConfidenceLevel, Nps};
///
/// let (a, b) = (Nps.score_counts(30, 50, 120)?, Nps.score_counts(45, 60, 95)?);
/// let d = a.difference(&b, cxmetrics::inference::Options::new().level(ConfidenceLevel::P95).method(NetScoreDifferenceMethod::Wald))?;
/// assert_eq!(d.interval().method(), IntervalMethod::Wald);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NetScoreDifferenceMethod {
    /// MOVER interval from the two score intervals (Zou & Donner 2008), with
    /// the adjusted-Wald test, which is always defined (default; our
    /// proposal, METHODS.md §1.6). The interval and the test can disagree at
    /// the margin.
    #[default]
    MoverScore,
    /// Adjusted Wald interval and test: pseudo-counts added to each sample.
    AdjustedWald,
    /// Wald interval and test. Legacy; undefined when both samples are degenerate.
    Wald,
}

/// The variance of one answer's score: `p₊ + p₋ − (p₊ − p₋)²`.
pub(crate) fn unit_variance(p_positive: f64, p_negative: f64) -> f64 {
    (p_positive + p_negative - (p_positive - p_negative).powi(2)).max(0.0)
}

/// Effective counts `(P, D, n)` of a net score.
#[derive(Clone, Copy, Debug)]
struct Counts {
    pos: f64,
    neg: f64,
    n: f64,
}

impl Counts {
    fn of(s: &NetScore) -> Self {
        let (pos, neg, n) = s.effective_counts();
        Self { pos, neg, n }
    }

    /// The adjusted-Wald centre and standard error.
    fn adjusted(self) -> (f64, f64) {
        let (neg, neu, pos) = PSEUDO;
        let n = self.n + neg + neu + pos;
        let (p, d) = ((self.pos + pos) / n, (self.neg + neg) / n);
        // The pseudo-counts cancel in the difference: one rounding from the
        // counts, not the difference of two rounded shares.
        let centre = (self.pos - self.neg) / n;
        (centre, (unit_variance(p, d) / n).sqrt())
    }

    /// Restricted MLE of the negative share given a net score `delta`.
    fn restricted_negative(self, delta: f64) -> f64 {
        let Self { pos, neg, n } = self;
        let b = -(pos + neg) + (2.0 * n - pos + neg) * delta;
        let c = -neg * delta * (1.0 - delta);
        let d = (-b + (b * b - 8.0 * n * c).max(0.0).sqrt()) / (4.0 * n);
        d.clamp((-delta).max(0.0), (1.0 - delta) / 2.0)
    }

    /// Tango's score statistic at `delta`, defined everywhere for bisection:
    /// where the null has no variance it is ±∞ if the data contradict the
    /// null and 0 where they fit it exactly (the undefined test, `None` in
    /// [`Self::score_statistic`], sits exactly on the root).
    fn score(self, delta: f64) -> f64 {
        self.score_statistic(delta).unwrap_or(0.0)
    }

    /// The score statistic for a test against `delta`. Where the null has
    /// no variance (`delta` = ±1, or 0 with no positive or negative
    /// answers) the data either fit it exactly, and the test is undefined
    /// (`None`, METHODS.md §1.4), or are impossible under it: `±∞`, p = 0.
    fn score_statistic(self, delta: f64) -> Option<f64> {
        null_ratio(self.pos - self.neg - self.n * delta, self.null_variance(delta).sqrt())
    }

    /// `n·Var(S)` under the null `Δ`, at the restricted MLE.
    fn null_variance(self, delta: f64) -> f64 {
        self.n * (2.0 * self.restricted_negative(delta) + delta * (1.0 - delta))
    }

    /// The score interval: roots of `S(Δ) = ±z`, by bisection (S decreases in Δ).
    fn score_interval(self, estimate: f64, z: f64) -> (f64, f64) {
        let root = |mut lo: f64, mut hi: f64, target: f64| {
            for _ in 0..200 {
                let mid = 0.5 * (lo + hi);
                if mid <= lo || mid >= hi {
                    break;
                }
                if self.score(mid) > target { lo = mid } else { hi = mid }
            }
            0.5 * (lo + hi)
        };
        let upper = if self.pos >= self.n {
            1.0
        } else {
            root(estimate, 1.0, -z)
        };
        let lower = if self.neg >= self.n {
            -1.0
        } else {
            root(-1.0, estimate, z)
        };
        (lower, upper)
    }
}

impl NetScore {
    /// The interval by a chosen method, on the fraction scale `[−1, 1]`.
    /// Weighted scores use effective counts (shares × Kish's `n_eff`).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::inference::NetScoreMethod;
    /// use cxmetrics::{ConfidenceLevel, Nps};
    ///
    /// // All promoters: Wald collapses to a point, the score interval does not.
    /// let nps = Nps.score_counts(0, 0, 10)?;
    /// assert_eq!(nps.interval(cxmetrics::inference::Options::new().level(ConfidenceLevel::P95).method(NetScoreMethod::Wald)).width(), 0.0);
    /// assert!(nps.interval(ConfidenceLevel::P95).width() > 0.5);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    ///
    /// ```
    /// use cxmetrics::{ConfidenceLevel, Nps};
    ///
    /// let i = Nps.score_counts(30, 50, 120)?.interval(ConfidenceLevel::P95);
    /// assert!((i.lower() - 0.34).abs() < 0.01 && (i.upper() - 0.54).abs() < 0.01);
    /// assert_eq!(i.to_string(), "+45.0 [+34.1, +54.6] points (95% score)");
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn interval(&self, options: impl Into<Options<NetScoreMethod>>) -> Interval {
        let options = options.into();
        let (level, method) = (options.confidence(), *options.chosen());
        let counts = Counts::of(self);
        let estimate = self.value();
        let z = level.z();
        let (lower, upper, method) = match method {
            NetScoreMethod::Score => {
                let (l, u) = counts.score_interval(estimate, z);
                (l, u, IntervalMethod::Score)
            }
            NetScoreMethod::AdjustedWald => {
                let (centre, se) = counts.adjusted();
                (
                    (centre - z * se).max(-1.0),
                    (centre + z * se).min(1.0),
                    IntervalMethod::AdjustedWald,
                )
            }
            NetScoreMethod::Wald => {
                let se = self.standard_error();
                (
                    (estimate - z * se).max(-1.0),
                    (estimate + z * se).min(1.0),
                    IntervalMethod::Wald,
                )
            }
        };
        Interval::new(estimate, (lower, upper), level, method, Unit::Points)
    }

    /// The plug-in standard error `√((p₊ + p₋ − NPŜ²)/n)` on the fraction
    /// scale (weighted: by the chosen [`VarianceMethod`](crate::inference::VarianceMethod)).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::Nps;
    ///
    /// // Rocks's R package: se(1, 2, 3) ≈ 0.304.
    /// assert!((Nps.score_counts(1, 2, 3)?.standard_error() - 0.304).abs() < 1e-3);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn standard_error(&self) -> f64 {
        (self.spread.unit_var / self.spread.effective_n()).sqrt()
    }

    /// Tests the net score against a fixed benchmark by a chosen method.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] unless `−1 < b < 1`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::inference::NetScoreMethod;
    /// use cxmetrics::Nps;
    ///
    /// let t = Nps.score_counts(0, 0, 10)?.test(0.8, NetScoreMethod::AdjustedWald)?;
    /// assert!((t.statistic().unwrap() + 0.2049882972762153).abs() < 1e-12);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    ///
    /// ```
    /// use cxmetrics::Nps;
    ///
    /// assert!(Nps.score_counts(30, 50, 120)?.test(30.0, cxmetrics::inference::NetScoreMethod::Score).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn test(&self, b: f64, method: NetScoreMethod) -> Result<Test, Error> {
        let b = self.label.check_value(b)?;
        let counts = Counts::of(self);
        Ok(match method {
            NetScoreMethod::Score => Test::z(counts.score_statistic(b), TestMethod::Score),
            NetScoreMethod::AdjustedWald => {
                let (centre, se) = counts.adjusted();
                Test::z(ratio(centre - b, se), TestMethod::AdjustedWald)
            }
            NetScoreMethod::Wald => Test::z(ratio(self.value() - b, self.standard_error()), TestMethod::Wald),
        })
    }

    /// The difference `self − other` by a chosen method.
    ///
    /// # Errors
    ///
    /// [`Error::Mismatch`] when the scores measure different things.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::inference::NetScoreDifferenceMethod;
    /// use cxmetrics::{ConfidenceLevel, Nps};
    ///
    /// let (a, b) = (Nps.score_counts(0, 0, 10)?, Nps.score_counts(0, 0, 20)?);
    /// let d = a.difference(&b, cxmetrics::inference::Options::new().level(ConfidenceLevel::P95).method(NetScoreDifferenceMethod::Wald))?;
    /// assert_eq!(d.test().statistic(), None); // both samples degenerate
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    ///
    /// ```
    /// use cxmetrics::{ConfidenceLevel, Nps};
    ///
    /// let d = Nps.score_counts(30, 50, 120)?.difference(&Nps.score_counts(45, 60, 95)?, ConfidenceLevel::P95)?;
    /// assert!((d.interval().lower() - 0.0476349347172666).abs() < 1e-9);
    /// assert!((d.test().p_value().unwrap() - 0.00994355685795629).abs() < 1e-11);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn difference(
        &self,
        other: &Self,
        options: impl Into<Options<NetScoreDifferenceMethod>>,
    ) -> Result<Difference, Error> {
        let options = options.into();
        let (level, method) = (options.confidence(), *options.chosen());
        self.label.check_comparable(&other.label)?;
        let (a, b) = (Counts::of(self), Counts::of(other));
        let d = self.value() - other.value();
        let z = level.z();
        let adjusted_test = || {
            let ((ca, sa), (cb, sb)) = (a.adjusted(), b.adjusted());
            let se = sa.hypot(sb);
            (ca - cb, se, Test::z(ratio(ca - cb, se), TestMethod::AdjustedWald))
        };
        let (lower, upper, interval_method, test) = match method {
            NetScoreDifferenceMethod::MoverScore => {
                let (ia, ib) = (self.interval(level), other.interval(level));
                let (ea, eb) = (self.value(), other.value());
                let lower = d - (ea - ia.lower()).hypot(ib.upper() - eb);
                let upper = d + (ia.upper() - ea).hypot(eb - ib.lower());
                (lower, upper, IntervalMethod::MoverScore, adjusted_test().2)
            }
            NetScoreDifferenceMethod::AdjustedWald => {
                let (centre, se, test) = adjusted_test();
                (centre - z * se, centre + z * se, IntervalMethod::AdjustedWald, test)
            }
            NetScoreDifferenceMethod::Wald => {
                let se = self.standard_error().hypot(other.standard_error());
                (
                    d - z * se,
                    d + z * se,
                    IntervalMethod::Wald,
                    Test::z(ratio(d, se), TestMethod::Wald),
                )
            }
        };
        let limits = (lower.clamp(-2.0, 2.0), upper.clamp(-2.0, 2.0));
        let interval = Interval::new(d, limits, level, interval_method, Unit::Points);
        Ok(Difference::new(d, interval, test))
    }
}
