//! The scores metrics produce: a share, a net score, a mean.
//!
//! Each keeps its exact counts and a label saying what it measures, so that
//! it rounds on the exact rational and refuses to be compared with a score of
//! another kind.

use core::fmt;

use crate::rating_set::fmt_mask;
use crate::{Error, Metric, Orientation};

/// What an estimate measures: the metric, the statistic, the scale and the
/// rating sets. Two estimates are comparable exactly when their labels are equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(
    unreachable_pub,
    reason = "appears in the sealed `Estimate` trait, so it must be `pub`; the module is private"
)]
pub struct Label {
    pub(crate) metric: Metric,
    pub(crate) statistic: Statistic,
    pub(crate) scale: &'static str,
    pub(crate) min: u8,
    pub(crate) max: u8,
    /// Ratings counted as positive (share, net score); 0 for a mean.
    pub(crate) positive: u16,
    /// Ratings counted as negative (net score); 0 otherwise.
    pub(crate) negative: u16,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Statistic {
    Share,
    Net,
    Mean,
}

impl Label {
    /// `Ok` when `other` measures the same thing.
    pub(crate) fn check_comparable(&self, other: &Self) -> Result<(), Error> {
        if self == other {
            Ok(())
        } else {
            Err(Error::Mismatch {
                left: self.to_string(),
                right: other.to_string(),
            })
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.metric, self.statistic) {
            (Metric::Nps | Metric::FirstContactResolution | Metric::ResponseRate, _) => {
                return write!(f, "{}", self.metric);
            }
            (metric, Statistic::Share) => {
                write!(f, "{metric} share of ")?;
                fmt_mask(self.positive, f)?;
            }
            (metric, Statistic::Net) => {
                write!(f, "{metric} net score (")?;
                fmt_mask(self.positive, f)?;
                f.write_str(" minus ")?;
                fmt_mask(self.negative, f)?;
                f.write_str(")")?;
            }
            (metric, Statistic::Mean) => write!(f, "{metric} mean")?,
        }
        write!(f, " on {}", self.scale)
    }
}

/// Rounds `num / den` to the nearest integer, halves away from zero, exactly.
pub(crate) fn round_ratio(num: i128, den: u64) -> i64 {
    let den = i128::from(den);
    let magnitude = (2 * num.abs() + den) / (2 * den);
    (num.signum() * magnitude) as i64
}

/// How the sampling variance of a weighted estimate is estimated.
///
/// Unweighted estimates use the textbook formulas whichever is chosen
/// (with `Linearized`, the with-replacement form, whose divisor is `n − 1`).
///
/// # Example
///
/// ```
/// use cxmetrics::{Csat, Likert5, VarianceMethod, WeightedTally};
///
/// let mut t = WeightedTally::<Likert5>::new();
/// for (r, w) in [(5, 1.2), (4, 0.8), (2, 2.5), (5, 1.0), (3, 0.5)] {
///     t.add(Likert5::new(r)?, w)?;
/// }
/// let kish = Csat::default().share(&t)?;
/// let lin = kish.with_variance(VarianceMethod::Linearized);
/// assert_ne!(kish.standard_error(), lin.standard_error());
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum VarianceMethod {
    /// Kish's effective sample size `n_eff = (Σw)²/Σw²` in place of `n`
    /// (Kish 1965). Assumes the weights are unrelated to the answers.
    #[default]
    Kish,
    /// Taylor linearisation of the ratio mean, with-replacement:
    /// `SE² = n/(n−1) · Σwᵢ²(yᵢ − θ̂)² / (Σw)²`, what R's `survey::svymean`
    /// reports for a weights-only design. Preferred when the weights are
    /// correlated with the outcome.
    Linearized,
}

/// The sample-size side of an estimate: effective `n` and the linearised
/// variance, for inference.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Spread {
    /// Kish's effective sample size (`n` when unweighted).
    pub(crate) n_eff: f64,
    /// The linearised variance of the estimate; `None` when `n < 2`.
    pub(crate) lin_var: Option<f64>,
    pub(crate) weighted: bool,
    pub(crate) method: VarianceMethod,
}

impl Spread {
    /// `unit_var` is the plug-in variance of one answer.
    pub(crate) fn unweighted(n: u64, unit_var: f64) -> Self {
        let lin_var = (n > 1).then(|| unit_var / (n - 1) as f64);
        Self {
            n_eff: n as f64,
            lin_var,
            weighted: false,
            method: VarianceMethod::Kish,
        }
    }

    /// `100 · num / n` in a single division from exact counts, or
    /// `100 · value` for a weighted estimate (which has no exact rational).
    fn hundredfold(&self, value: f64, num: i128, n: u64) -> f64 {
        if self.weighted {
            100.0 * value
        } else {
            (100 * num) as f64 / n as f64
        }
    }

    /// [`Spread::hundredfold`] rounded half away from zero, on the exact
    /// rational when there is one.
    fn hundredfold_rounded(&self, value: f64, num: i128, n: u64) -> i64 {
        if self.weighted {
            (100.0 * value).round() as i64
        } else {
            round_ratio(100 * num, n)
        }
    }

    /// Whether count-based formulas may use the exact integer counts.
    pub(crate) fn is_exact(&self) -> bool {
        !self.weighted && self.method == VarianceMethod::Kish
    }

    /// The sample size that makes `unit_var / n` the chosen variance: Kish's
    /// `n_eff`, or the size implied by the linearised variance (falling back
    /// to `n_eff` where that is undefined: `n < 2` or a zero variance).
    pub(crate) fn n_for(&self, unit_var: f64) -> f64 {
        match (self.method, self.lin_var) {
            (VarianceMethod::Linearized, Some(v)) if v > 0.0 && unit_var > 0.0 => unit_var / v,
            _ => self.n_eff,
        }
    }
}

/// Accessors for the weighting of an estimate, identical for every estimate type.
macro_rules! weighting_accessors {
    ($ty:ident, $example:literal) => {
        impl $ty {
            /// Kish's effective sample size `(Σw)²/Σw²`; `n` when unweighted.
            ///
            /// # Example
            ///
            /// ```
            #[doc = $example]
            /// assert_eq!(estimate.n_eff(), estimate.n() as f64);
            /// # Ok::<(), cxmetrics::Error>(())
            /// ```
            #[must_use]
            pub const fn n_eff(&self) -> f64 {
                self.spread.n_eff
            }

            /// The design effect of weighting, `n / n_eff` (1 when unweighted).
            ///
            /// # Example
            ///
            /// ```
            #[doc = $example]
            /// assert_eq!(estimate.design_effect(), 1.0);
            /// # Ok::<(), cxmetrics::Error>(())
            /// ```
            #[must_use]
            pub fn design_effect(&self) -> f64 {
                self.n as f64 / self.spread.n_eff
            }

            /// Whether the estimate comes from a [`WeightedTally`](crate::WeightedTally).
            ///
            /// # Example
            ///
            /// ```
            #[doc = $example]
            /// assert!(!estimate.is_weighted());
            /// # Ok::<(), cxmetrics::Error>(())
            /// ```
            #[must_use]
            pub const fn is_weighted(&self) -> bool {
                self.spread.weighted
            }

            /// The same estimate with another variance method for its
            /// intervals and tests (default [`VarianceMethod::Kish`]).
            ///
            /// # Example
            ///
            /// ```
            /// use cxmetrics::VarianceMethod;
            #[doc = $example]
            /// let lin = estimate.with_variance(VarianceMethod::Linearized);
            /// assert_eq!(lin.variance_method(), VarianceMethod::Linearized);
            /// # Ok::<(), cxmetrics::Error>(())
            /// ```
            #[must_use]
            pub const fn with_variance(mut self, method: VarianceMethod) -> Self {
                self.spread.method = method;
                self
            }

            /// The variance method used by intervals and tests.
            ///
            /// # Example
            ///
            /// ```
            /// use cxmetrics::VarianceMethod;
            #[doc = $example]
            /// assert_eq!(estimate.variance_method(), VarianceMethod::Kish);
            /// # Ok::<(), cxmetrics::Error>(())
            /// ```
            #[must_use]
            pub const fn variance_method(&self) -> VarianceMethod {
                self.spread.method
            }
        }
    };
}

weighting_accessors!(
    Share,
    "let estimate = cxmetrics::Csat::default().share(&cxmetrics::Tally::<cxmetrics::Likert5>::from_raw(&[5, 4, 2])?)?;"
);
weighting_accessors!(NetScore, "let estimate = cxmetrics::Nps::from_counts(30, 50, 120)?;");
weighting_accessors!(
    MeanScore,
    "let estimate = cxmetrics::Mean::score(&cxmetrics::Tally::<cxmetrics::Likert7>::from_raw(&[7, 5, 6])?)?;"
);

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
/// let share = Csat::default().share(&t)?;
/// assert_eq!((share.hits(), share.n()), (70, 100));
/// assert!((share.value() - 0.7).abs() < 1e-12);
/// assert_eq!(share.rounded_percent(), 70);
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
        let n = self.spread.n_for(self.p * (1.0 - self.p));
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
    /// assert_eq!(CesAgreement::default().share(&t)?.hits(), 3);
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
    /// assert_eq!(CesAgreement::default().share(&t)?.n(), 4);
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

    /// The share in percent, `100 · hits / n` with a single rounding.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Csat, Likert5, Tally};
    ///
    /// let t = Tally::<Likert5>::from_raw(&[5, 4, 4, 3, 2, 1, 5])?;
    /// assert!((Csat::default().share(&t)?.percent() - 400.0 / 7.0).abs() < 1e-12);
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
    /// assert_eq!(Csat::default().share(&t)?.rounded_percent(), 29);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn rounded_percent(&self) -> i64 {
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
    /// assert_eq!(Csat::default().share(&t)?.metric(), Metric::Csat);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn metric(&self) -> Metric {
        self.label.metric
    }

    pub(crate) const fn label(&self) -> &Label {
        &self.label
    }
}

impl fmt::Display for Share {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let precision = f.precision().unwrap_or(1);
        write!(f, "{:.*}% ({} of {})", precision, self.percent(), self.hits, self.n)
    }
}

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
/// let nps = Nps::from_counts(30, 50, 120)?; // detractors, passives, promoters
/// assert_eq!(nps.n(), 200);
/// assert!((nps.value() - 0.45).abs() < 1e-15);
/// assert_eq!(nps.rounded(), 45);
/// assert_eq!(nps.to_string(), "+45.0 (n = 200)");
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
    pub(crate) fn new(positive: u64, neutral: u64, negative: u64, label: Label) -> Result<Self, Error> {
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
        let spread = Spread::unweighted(n, crate::stats::net::unit_variance(p_positive, p_negative));
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
        let [positive, neutral, negative] = counts;
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
        let n = self
            .spread
            .n_for(crate::stats::net::unit_variance(self.p_positive, self.p_negative));
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
    /// assert_eq!(Nps::from_counts(1, 2, 3)?.positive(), 3);
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
    /// assert_eq!(Nps::from_counts(1, 2, 3)?.neutral(), 2);
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
    /// assert_eq!(Nps::from_counts(1, 2, 3)?.negative(), 1);
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
    /// assert_eq!(Nps::from_counts(1, 2, 3)?.n(), 6);
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
    /// assert!((Nps::from_counts(60, 25, 15)?.value() + 0.45).abs() < 1e-15);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn value(&self) -> f64 {
        self.value
    }

    /// The net score in points, `[-100, 100]`, with a single rounding:
    /// `100 · (positive − negative) / n`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::Nps;
    ///
    /// // 2 promoters and 1 passive: 66.67, not 66.
    /// assert!((Nps::from_counts(0, 1, 2)?.points() - 200.0 / 3.0).abs() < 1e-12);
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
    /// assert_eq!(Nps::from_counts(43, 57, 100)?.rounded(), 29);
    /// assert_eq!(Nps::from_counts(1, 7, 0)?.rounded(), -13);
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
    /// assert!((Nps::from_counts(30, 50, 120)?.positive_share() - 0.6).abs() < 1e-15);
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
    /// assert!((Nps::from_counts(30, 50, 120)?.negative_share() - 0.15).abs() < 1e-15);
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
    /// assert_eq!(Nps::from_counts(1, 1, 1)?.metric(), Metric::Nps);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn metric(&self) -> Metric {
        self.label.metric
    }

    pub(crate) const fn label(&self) -> &Label {
        &self.label
    }

    fn count_difference(&self) -> i128 {
        i128::from(self.positive) - i128::from(self.negative)
    }
}

impl fmt::Display for NetScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let precision = f.precision().unwrap_or(1);
        write!(f, "{:+.*} (n = {})", precision, self.points(), self.n)
    }
}

/// A mean rating, with its standard deviation.
///
/// Likert ratings are ordinal: report a mean next to a share, not instead of
/// it. Whether a higher mean is better is part of the metric
/// ([`MeanScore::orientation`]): a CES 1.0 effort mean is better when lower.
///
/// # Example
///
/// ```
/// use cxmetrics::{Likert5, Mean, Tally};
///
/// let t = Tally::<Likert5>::from_raw(&[5, 4, 4, 3, 5, 5, 2, 4, 4, 5, 3, 4, 1, 5, 4])?;
/// let m = Mean::score(&t)?;
/// assert!((m.mean() - 3.8666666666666667).abs() < 1e-12);
/// assert!((m.sd().unwrap() - 1.1872336794093274).abs() < 1e-12);
/// assert_eq!(m.to_string(), "3.87 (sd 1.19, n = 15)");
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MeanScore {
    n: u64,
    mean: f64,
    /// `Σw(x − x̄)² / Σw`, the plug-in variance (unweighted: divisor `n`).
    sigma2: f64,
    pub(crate) spread: Spread,
    orientation: Orientation,
    label: Label,
}

impl MeanScore {
    pub(crate) fn new(n: u64, mean: f64, ssd: f64, orientation: Orientation, label: Label) -> Result<Self, Error> {
        if n == 0 {
            return Err(Error::EmptySample { statistic: "mean" });
        }
        let sigma2 = ssd / n as f64;
        let spread = Spread::unweighted(n, sigma2);
        Ok(Self {
            n,
            mean,
            sigma2,
            spread,
            orientation,
            label,
        })
    }

    pub(crate) fn weighted(
        n: u64,
        mean: f64,
        sigma2: f64,
        spread: Spread,
        orientation: Orientation,
        label: Label,
    ) -> Self {
        Self {
            n,
            mean,
            sigma2,
            spread,
            orientation,
            label,
        }
    }

    /// `σ̂²` (divisor Σw) and the sample size to use with it.
    pub(crate) fn plug_in(&self) -> (f64, f64) {
        (self.sigma2, self.spread.n_for(self.sigma2))
    }

    /// The number of answers (at least 1).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert7, Mean, Tally};
    ///
    /// assert_eq!(Mean::score(&Tally::<Likert7>::from_raw(&[7, 1])?)?.n(), 2);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn n(&self) -> u64 {
        self.n
    }

    /// The mean rating.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert7, Mean, Tally};
    ///
    /// let m = Mean::score(&Tally::<Likert7>::from_raw(&[7, 1])?)?;
    /// assert!((m.mean() - 4.0).abs() < 1e-15);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn mean(&self) -> f64 {
        self.mean
    }

    /// The sample variance (divisor `n − 1`; weighted: `n_eff − 1`); `None`
    /// when `n = 1`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert7, Mean, Tally};
    ///
    /// let m = Mean::score(&Tally::<Likert7>::from_raw(&[7, 1])?)?;
    /// assert!((m.variance().unwrap() - 18.0).abs() < 1e-12);
    /// assert!(Mean::score(&Tally::<Likert7>::from_raw(&[7])?)?.variance().is_none());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn variance(&self) -> Option<f64> {
        let n = self.spread.n_eff;
        (self.n > 1 && n > 1.0).then(|| self.sigma2 * n / (n - 1.0))
    }

    /// The sample standard deviation (divisor `n − 1`); `None` when `n = 1`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, Mean, Tally};
    ///
    /// let m = Mean::score(&Tally::<Likert5>::from_raw(&[4, 4, 4])?)?;
    /// assert_eq!(m.sd(), Some(0.0));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn sd(&self) -> Option<f64> {
        self.variance().map(f64::sqrt)
    }

    /// The mean's position on the scale as a fraction in `[0, 1]`:
    /// `(mean − MIN) / (MAX − MIN)`. On 1–5 this maps 1, 2, 3, 4, 5 to 0, 0.25,
    /// 0.5, 0.75, 1: the linear 0–100 index some vendors call "CSAT".
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Csat, Likert5, Tally};
    ///
    /// let t = Tally::<Likert5>::from_raw(&[5, 4])?;
    /// assert!((Csat::default().mean(&t)?.index() - 0.875).abs() < 1e-15);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn index(&self) -> f64 {
        (self.mean - f64::from(self.label.min)) / f64::from(self.label.max - self.label.min)
    }

    /// Whether a higher mean is better for this metric.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{CesEffort, Likert5, Orientation, Tally};
    ///
    /// let t = Tally::<Likert5>::from_raw(&[1, 2])?;
    /// assert_eq!(CesEffort.mean(&t)?.orientation(), Orientation::LowerIsBetter);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn orientation(&self) -> Orientation {
        self.orientation
    }

    /// What this mean measures.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{CesEffort, Likert5, Metric, Tally};
    ///
    /// let t = Tally::<Likert5>::from_raw(&[1, 2])?;
    /// assert_eq!(CesEffort.mean(&t)?.metric(), Metric::CesEffort);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn metric(&self) -> Metric {
        self.label.metric
    }

    pub(crate) const fn label(&self) -> &Label {
        &self.label
    }
}

impl fmt::Display for MeanScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(2);
        match self.sd() {
            Some(sd) => write!(f, "{:.p$} (sd {sd:.p$}, n = {})", self.mean, self.n),
            None => write!(f, "{:.p$} (n = {})", self.mean, self.n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::round_ratio;

    #[test]
    fn round_ratio_halves_away_from_zero() {
        assert_eq!(round_ratio(25, 2), 13);
        assert_eq!(round_ratio(-25, 2), -13);
        assert_eq!(round_ratio(5700, 200), 29);
        assert_eq!(round_ratio(-200, 3), -67);
        assert_eq!(round_ratio(0, 7), 0);
        assert_eq!(round_ratio(249, 10), 25);
        assert_eq!(round_ratio(-244, 10), -24);
    }
}
