//! Inference for means: the t interval, the one-sample t test and Welch's
//! test for two independent means (METHODS.md §5).

use core::fmt;

use super::sealed::{Internal, Sealed};
use super::{Estimate, Label, Spread, VarianceMethod};
use crate::inference::{ConfidenceLevel, Difference, Interval, IntervalMethod, Test, TestMethod, Unit};
use crate::stats::{ratio, t_critical};
use crate::{Error, Metric, Orientation};

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
/// let m = Mean.score(&t)?;
/// assert!((m.value() - 3.8666666666666667).abs() < 1e-12);
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
    label: Label,
}

impl MeanScore {
    pub(crate) fn new(n: u64, mean: f64, ssd: f64, label: Label) -> Result<Self, Error> {
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
            label,
        })
    }

    pub(crate) fn weighted(n: u64, mean: f64, sigma2: f64, spread: Spread, label: Label) -> Self {
        Self {
            n,
            mean,
            sigma2,
            spread,
            label,
        }
    }

    /// `σ̂²` (divisor Σw) and the sample size to use with it.
    pub(crate) fn plug_in(&self) -> (f64, f64) {
        (self.sigma2, self.spread.effective_n())
    }

    /// The number of answers (at least 1).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert7, Mean, Tally};
    ///
    /// assert_eq!(Mean.score(&Tally::<Likert7>::from_raw(&[7, 1])?)?.n(), 2);
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
    /// let m = Mean.score(&Tally::<Likert7>::from_raw(&[7, 1])?)?;
    /// assert!((m.value() - 4.0).abs() < 1e-15);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn value(&self) -> f64 {
        self.mean
    }

    /// The mean rounded to a whole scale point, half away from zero: the
    /// one rounding name every estimate answers.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, Mean, Tally};
    ///
    /// assert_eq!(Mean.score(&Tally::<Likert5>::from_raw(&[4, 5])?)?.rounded(), 5);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn rounded(&self) -> i64 {
        self.mean.round() as i64
    }

    /// The sample variance (divisor `n − 1`; weighted: `n_eff − 1`); `None`
    /// when `n = 1`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert7, Mean, Tally};
    ///
    /// let m = Mean.score(&Tally::<Likert7>::from_raw(&[7, 1])?)?;
    /// assert!((m.variance().unwrap() - 18.0).abs() < 1e-12);
    /// assert!(Mean.score(&Tally::<Likert7>::from_raw(&[7])?)?.variance().is_none());
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
    /// let m = Mean.score(&Tally::<Likert5>::from_raw(&[4, 4, 4])?)?;
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
    /// assert_eq!(CesEffort.score(&t)?.orientation(), Orientation::LowerIsBetter);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn orientation(&self) -> Orientation {
        self.label.orientation
    }

    /// What this mean measures.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{CesEffort, Likert5, Metric, Tally};
    ///
    /// let t = Tally::<Likert5>::from_raw(&[1, 2])?;
    /// assert_eq!(CesEffort.score(&t)?.metric(), Metric::CesEffort);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn metric(&self) -> Metric {
        self.label.metric
    }
}

impl Sealed for MeanScore {
    fn label(&self, _: Internal) -> &Label {
        &self.label
    }

    fn point(&self, _: Internal) -> f64 {
        self.mean
    }

    fn size(&self, _: Internal) -> u64 {
        self.n
    }

    fn se(&self, _: Internal) -> Option<f64> {
        self.standard_error()
    }

    fn default_interval(&self, level: ConfidenceLevel, _: Internal) -> Option<Interval> {
        self.interval(level)
    }

    fn against_value(
        &self,
        value: f64,
        level: ConfidenceLevel,
        _: Internal,
    ) -> Result<(Option<Interval>, Test), Error> {
        Ok((self.interval(level), self.test(value)?))
    }

    fn against_sample(&self, other: &Self, level: ConfidenceLevel, _: Internal) -> Result<Option<Difference>, Error> {
        self.difference(other, level)
    }
}

impl Estimate for MeanScore {}

impl fmt::Display for MeanScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(2);
        match self.sd() {
            Some(sd) => write!(f, "{:.p$} (sd {sd:.p$}, n = {})", self.mean, self.n),
            None => write!(f, "{:.p$} (n = {})", self.mean, self.n),
        }
    }
}

impl MeanScore {
    /// The standard error of the mean and its degrees of freedom:
    /// `s/√n` with `n − 1` (weighted, Kish: `√(σ̂²_w/(n_eff − 1))` with
    /// `n_eff − 1`; linearised: the Taylor SE with `n − 1`). `None` when
    /// `n = 1` (or `n_eff ≤ 1`).
    fn se_df(&self) -> Option<(f64, f64)> {
        if self.n() < 2 {
            return None;
        }
        let (sigma2, n_eff) = self.plug_in();
        let (se, df) = match self.variance_method() {
            VarianceMethod::Linearized => (self.spread.lin_var?.sqrt(), (self.n() - 1) as f64),
            VarianceMethod::Kish if n_eff > 1.0 => ((sigma2 / (n_eff - 1.0)).sqrt(), n_eff - 1.0),
            VarianceMethod::Kish => return None,
        };
        // Never hand a NaN or infinite standard error to the t quantile.
        (se.is_finite() && df.is_finite()).then_some((se, df))
    }

    /// The standard error of the mean; `None` when `n = 1`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, Mean, Tally};
    ///
    /// let m = Mean.score(&Tally::<Likert5>::from_raw(&[5, 4, 4, 3, 5, 5, 2, 4, 4, 5, 3, 4, 1, 5, 4])?)?;
    /// assert!((m.standard_error().unwrap() - 0.3065424178939254).abs() < 1e-12);
    /// assert_eq!(Mean.score(&Tally::<Likert5>::from_raw(&[4])?)?.standard_error(), None);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn standard_error(&self) -> Option<f64> {
        self.se_df().map(|(se, _)| se)
    }

    /// The t interval `x̄ ± t_{1−α/2, n−1}·s/√n`; `None` when `n = 1`, a
    /// single point when every answer is the same.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{ConfidenceLevel, Likert5, Mean, Tally};
    ///
    /// let m = Mean.score(&Tally::<Likert5>::from_raw(&[5, 4, 4, 3, 5, 5, 2, 4, 4, 5, 3, 4, 1, 5, 4])?)?;
    /// let i = m.interval(ConfidenceLevel::P95).unwrap();
    /// assert!((i.lower() - 3.209198569485639).abs() < 1e-9);
    /// assert!((i.upper() - 4.5241347638476945).abs() < 1e-9);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel) -> Option<Interval> {
        let (se, df) = self.se_df()?;
        let half = if se > 0.0 {
            t_critical(df, level.alpha()) * se
        } else {
            0.0
        };
        let m = self.value();
        // Clipped to the scale: with an effective n barely above 1 the t
        // quantile is huge (or overflows), and the widest meaningful
        // interval is the whole scale, not [−∞, ∞].
        let (lo, hi) = self.label.range();
        let limits = if half.is_finite() {
            ((m - half).max(lo), (m + half).min(hi))
        } else {
            (lo, hi)
        };
        Some(Interval::new(m, limits, level, IntervalMethod::StudentT, Unit::Scale))
    }

    /// The one-sample t test against a benchmark mean `mu0`.
    ///
    /// The statistic is `None` when `n = 1` or every answer is the same.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] when `mu0` lies outside the scale, e.g.
    /// `6.1` for a 1–5 mean (probably a 1–7 benchmark), or is not finite.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, Mean, Tally};
    ///
    /// let m = Mean.score(&Tally::<Likert5>::from_raw(&[5, 4, 4, 3, 5, 5, 2, 4, 4, 5, 3, 4, 1, 5, 4])?)?;
    /// let t = m.test(4.0)?;
    /// assert!((t.p_value().unwrap() - 0.6702223277502998).abs() < 1e-9);
    /// assert!(m.test(6.1).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn test(&self, mu0: f64) -> Result<Test, Error> {
        let mu0 = self.label.check_value(mu0)?;
        Ok(match self.se_df() {
            Some((se, df)) => Test::t(ratio(self.value() - mu0, se), Some(df), TestMethod::StudentT),
            None => Test::t(None, None, TestMethod::StudentT),
        })
    }

    /// Welch's comparison of two independent means, `self − other`:
    /// `SE = √(s²_a/n_a + s²_b/n_b)`, Welch–Satterthwaite degrees of freedom,
    /// `t = (x̄_a − x̄_b)/SE` and `(x̄_a − x̄_b) ± t_{1−α/2, df}·SE` (Welch
    /// 1947). Never the pooled-variance t test.
    ///
    /// `Ok(None)` when it is undefined: a side with one answer, or no
    /// spread on either side.
    ///
    /// # Errors
    ///
    /// [`Error::Mismatch`] when the means measure different things: a CES
    /// 1.0 effort mean and a CES 2.0 mean, or a 1–5 and a 1–7 mean.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{CesAgreement, ConfidenceLevel, Likert7, Tally};
    ///
    /// let a = CesAgreement::default().mean(&Tally::<Likert7>::from_raw(&[6, 7, 5, 7, 6, 4, 7, 6, 5, 7, 6, 6])?)?;
    /// let b = CesAgreement::default().mean(&Tally::<Likert7>::from_raw(&[5, 4, 6, 3, 5, 4, 7, 2, 5, 4, 6, 5, 3, 4, 5, 6, 4, 5])?)?;
    /// let d = a.difference(&b, ConfidenceLevel::P95)?.unwrap();
    /// assert!((d.test().df().unwrap() - 27.34061872994769).abs() < 1e-9);
    /// assert!((d.test().p_value().unwrap() - 0.001813517631926259).abs() < 1e-9);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn difference(&self, other: &Self, level: ConfidenceLevel) -> Result<Option<Difference>, Error> {
        self.label.check_comparable(&other.label)?;
        let (Some((se_a, df_a)), Some((se_b, df_b))) = (self.se_df(), other.se_df()) else {
            return Ok(None);
        };
        let (va, vb) = (se_a * se_a, se_b * se_b);
        let se = (va + vb).sqrt();
        if se <= 0.0 {
            return Ok(None);
        }
        // Welch–Satterthwaite, (va + vb)²/(va²/df_a + vb²/df_b), on the
        // variance shares: tiny variances squared underflow to 0/0 = NaN.
        let (ra, rb) = (va / (va + vb), vb / (va + vb));
        let df = 1.0 / (ra * ra / df_a + rb * rb / df_b);
        let d = self.value() - other.value();
        let half = t_critical(df, level.alpha()) * se;
        // Clipped to ±(the scale's width): Welch's df near 0 makes the t
        // quantile huge (or overflow), and no difference is wider.
        let (lo, hi) = self.label.range();
        let width = hi - lo;
        let limits = if half.is_finite() {
            ((d - half).max(-width), (d + half).min(width))
        } else {
            (-width, width)
        };
        let interval = Interval::new(d, limits, level, IntervalMethod::Welch, Unit::Scale);
        Ok(Some(Difference::new(
            d,
            interval,
            Test::t(Some(d / se), Some(df), TestMethod::Welch),
        )))
    }
}
