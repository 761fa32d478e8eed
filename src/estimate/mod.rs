//! The scores metrics produce: a share, a net score, a mean.
//!
//! Each keeps its exact counts and a label saying what it measures, so that
//! it rounds on the exact rational and refuses to be compared with a score of
//! another kind.

use core::fmt;

use crate::inference::{ConfidenceLevel, Difference, Interval, Test, Unit};
use crate::rating_set::fmt_mask;
use crate::{Error, Metric, Orientation};
use crate::{MeanScore, NetScore, Share};

pub(crate) mod mean_score;
pub(crate) mod net_score;
pub(crate) mod share;

/// The sealed half of [`Estimate`]: what benchmarks, trends and segment
/// tables need from an estimate. Every method takes an [`Internal`] token
/// that only this crate can make, so none of them can be called from
/// outside, even through an `E: Estimate` bound.
pub(crate) mod sealed {
    use super::{ConfidenceLevel, Difference, Error, Interval, Label, Test};

    /// Proof of being inside the crate: its field is private, so no other
    /// crate can make one and call the methods below.
    #[derive(Clone, Copy, Debug)]
    #[allow(unreachable_pub, reason = "appears in the sealed trait; the module is private")]
    pub struct Internal(());

    /// The token, for the crate's own calls.
    pub(crate) const INTERNAL: Internal = Internal(());

    #[allow(
        unreachable_pub,
        reason = "the sealed supertrait of `Estimate`; the module is private"
    )]
    pub trait Sealed: Clone {
        /// What is measured; equal labels are comparable.
        fn label(&self, _: Internal) -> &Label;
        /// The point value on the fraction (or scale) range.
        fn point(&self, _: Internal) -> f64;
        /// The number of answers.
        fn size(&self, _: Internal) -> u64;
        /// The standard error, where defined.
        fn se(&self, _: Internal) -> Option<f64>;
        /// The default interval, where defined.
        fn default_interval(&self, level: ConfidenceLevel, _: Internal) -> Option<Interval>;
        /// The default interval and the one-sample test against `value`,
        /// which the caller has already checked to lie in [`Label::range`].
        fn against_value(
            &self,
            value: f64,
            level: ConfidenceLevel,
            _: Internal,
        ) -> Result<(Option<Interval>, Test), Error>;
        /// The default two-sample difference, where defined.
        fn against_sample(
            &self,
            other: &Self,
            level: ConfidenceLevel,
            _: Internal,
        ) -> Result<Option<Difference>, Error>;
    }
}

use sealed::INTERNAL;

/// A score with its sample: [`Share`](crate::Share),
/// [`NetScore`](crate::NetScore) or [`MeanScore`](crate::MeanScore).
///
/// The trait is sealed. Its methods are the ones every estimate answers in
/// the same way, so generic code (benchmarks, trends, segment tables) can
/// ask for them; what it needs beyond that stays inside the crate.
///
/// # Example
///
/// ```
/// use cxmetrics::{ConfidenceLevel, Estimate, Nps, Tally, ZeroToTen};
///
/// fn headline(e: &impl Estimate) -> String {
///     format!("{} = {:.1} {} (n = {})", e.metric(), e.display_value(), e.unit(), e.n())
/// }
/// let nps = Nps.score_counts(30, 50, 120)?;
/// assert_eq!(headline(&nps), "NPS = 45.0 points (n = 200)");
/// assert!(nps.interval_at(ConfidenceLevel::P95).is_some());
/// # Ok::<(), cxmetrics::Error>(())
/// ```
pub trait Estimate: sealed::Sealed {
    /// The point value: a fraction for shares (`[0, 1]`) and net scores
    /// (`[−1, 1]`), the scale's own units for means.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Estimate, Nps};
    ///
    /// let e = Nps.score_counts(1, 0, 3)?;
    /// assert_eq!(Estimate::value(&e), 0.5);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    fn value(&self) -> f64 {
        self.point(INTERNAL)
    }

    /// The value in display units ([`Estimate::unit`]): points for net
    /// scores, percent for shares, the scale for means.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Estimate, Nps};
    ///
    /// let e = Nps.score_counts(1, 0, 3)?;
    /// assert_eq!(e.display_value(), 50.0);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    fn display_value(&self) -> f64 {
        self.unit().display(self.point(INTERNAL))
    }

    /// The number of answers.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Estimate, Nps};
    ///
    /// assert_eq!(Estimate::n(&Nps.score_counts(1, 0, 3)?), 4);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    fn n(&self) -> u64 {
        self.size(INTERNAL)
    }

    /// The metric this estimate measures.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Estimate, Metric, Nps};
    ///
    /// assert_eq!(Estimate::metric(&Nps.score_counts(1, 0, 3)?), Metric::Nps);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    fn metric(&self) -> Metric {
        self.label(INTERNAL).metric
    }

    /// Whether a higher value is better (CES 1.0 effort: lower is better).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{CesEffort, Estimate, Likert5, Orientation, Tally};
    ///
    /// let effort = CesEffort.score(&Tally::<Likert5>::from_raw(&[1, 2, 4])?)?;
    /// assert_eq!(Estimate::orientation(&effort), Orientation::LowerIsBetter);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    fn orientation(&self) -> Orientation {
        self.label(INTERNAL).orientation
    }

    /// The unit the estimate displays in.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Csat, Estimate, Likert5, Tally};
    /// use cxmetrics::inference::Unit;
    ///
    /// let csat = Csat::default().score(&Tally::<Likert5>::from_raw(&[5, 4, 2])?)?;
    /// assert_eq!(csat.unit(), Unit::Percent);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    fn unit(&self) -> Unit {
        self.label(INTERNAL).unit()
    }

    /// The interval of the estimate's default method at `level`; `None`
    /// where it is undefined (the t interval of a single answer).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{ConfidenceLevel, Estimate, Nps};
    ///
    /// let i = Nps.score_counts(30, 50, 120)?.interval_at(ConfidenceLevel::P95).unwrap();
    /// assert!(i.contains(0.45));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    fn interval_at(&self, level: ConfidenceLevel) -> Option<Interval> {
        self.default_interval(level, INTERNAL)
    }
}

/// What an estimate measures: the metric, the statistic, the scale and the
/// rating sets. Two estimates are comparable exactly when their labels are equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(
    unreachable_pub,
    reason = "appears in the sealed `Estimate` trait, so it must be `pub`; the module is private"
)]
pub struct Label {
    pub(crate) metric: Metric,
    pub(crate) orientation: Orientation,
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
    /// The unit estimates with this label display in.
    pub(crate) const fn unit(&self) -> Unit {
        match self.statistic {
            Statistic::Share => Unit::Percent,
            Statistic::Net => Unit::Points,
            Statistic::Mean => Unit::Scale,
        }
    }

    /// Checks a reference value (a benchmark, a test's null value) against
    /// the one rule: it must lie in the statistic's range, `[0, 1]` for a
    /// share, `[−1, 1]` for a net score, `MIN..=MAX` for a mean. The ends are
    /// legitimate (a benchmark of NPS +100 or CSAT 100 %); a test against
    /// them is undefined only where it has no variance, and says so.
    pub(crate) fn check_value(&self, value: f64) -> Result<f64, Error> {
        let (lo, hi) = self.range();
        if value >= lo && value <= hi {
            return Ok(value);
        }
        let (name, expected) = match self.statistic {
            Statistic::Share => ("benchmark share", "a fraction from 0 to 1"),
            Statistic::Net => ("benchmark net score", "a fraction from -1 to 1 (points / 100)"),
            Statistic::Mean => {
                return Err(Error::OffScale {
                    name: "benchmark mean",
                    value,
                    min: self.min,
                    max: self.max,
                });
            }
        };
        Err(Error::InvalidArgument { name, value, expected })
    }

    /// The range a value of this statistic lies in: `[0, 1]` for a share,
    /// `[−1, 1]` for a net score, `MIN..=MAX` for a mean.
    pub(crate) fn range(&self) -> (f64, f64) {
        match self.statistic {
            Statistic::Share => (0.0, 1.0),
            Statistic::Net => (-1.0, 1.0),
            Statistic::Mean => (f64::from(self.min), f64::from(self.max)),
        }
    }

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
        write!(f, " on the {}–{} scale", self.min, self.max)
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
/// use cxmetrics::inference::VarianceMethod;
/// use cxmetrics::{Csat, Likert5, WeightedTally};
///
/// let mut t = WeightedTally::<Likert5>::new();
/// for (r, w) in [(5, 1.2), (4, 0.8), (2, 2.5), (5, 1.0), (3, 0.5)] {
///     t.add(Likert5::new(r)?, w)?;
/// }
/// let kish = Csat::default().score(&t)?;
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

/// The sample-size side of an estimate, computed once at construction:
/// the plug-in variance of one answer, the effective `n` and the linearised
/// variance, for inference.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Spread {
    /// The plug-in variance of one answer: `p(1 − p)` for a share,
    /// `p₊ + p₋ − (p₊ − p₋)²` for a net score, `σ²` for a mean.
    pub(crate) unit_var: f64,
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
            unit_var,
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
    pub(crate) fn effective_n(&self) -> f64 {
        match (self.method, self.lin_var) {
            (VarianceMethod::Linearized, Some(v)) if v > 0.0 && self.unit_var > 0.0 => self.unit_var / v,
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
                self.n() as f64 / self.spread.n_eff
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
            /// use cxmetrics::inference::VarianceMethod;
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
            /// use cxmetrics::inference::VarianceMethod;
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
    "let estimate = cxmetrics::Csat::default().score(&cxmetrics::Tally::<cxmetrics::Likert5>::from_raw(&[5, 4, 2])?)?;"
);
weighting_accessors!(NetScore, "let estimate = cxmetrics::Nps.score_counts(30, 50, 120)?;");
weighting_accessors!(
    MeanScore,
    "let estimate = cxmetrics::Mean.score(&cxmetrics::Tally::<cxmetrics::Likert7>::from_raw(&[7, 5, 6])?)?;"
);

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
