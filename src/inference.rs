//! Inference: confidence levels, intervals, tests and differences, the
//! method selectors of every estimate, and multiplicity adjustment.
//!
//! The day-one types ([`ConfidenceLevel`], [`Interval`]) are also at the
//! crate root. Everything here is chosen through [`Options`]: an estimate's
//! `interval(..)` and `difference(..)` take a level, a method, or both.
//!
//! ```
//! use cxmetrics::inference::{Options, ShareMethod};
//! use cxmetrics::{ConfidenceLevel, Csat, Likert5, Tally};
//!
//! let csat = Csat::default().score(&Tally::<Likert5>::from_counts(&[5, 10, 15, 40, 30])?)?;
//! let wilson = csat.interval(ConfidenceLevel::P95);
//! let exact = csat.interval(ShareMethod::ClopperPearson);
//! let exact99 = csat.interval(Options::new().method(ShareMethod::ClopperPearson).level(ConfidenceLevel::P99));
//! assert!(exact99.width() > exact.width() && exact.width() > wilson.width());
//! # Ok::<(), cxmetrics::Error>(())
//! ```

use core::fmt;
use core::ops::Bound::Excluded;

use crate::Error;

pub use crate::adjustment::Adjustment;
pub use crate::estimate::VarianceMethod;
pub use crate::estimate::net_score::{NetScoreDifferenceMethod, NetScoreMethod};
pub use crate::estimate::share::{ShareDifferenceMethod, ShareMethod, ShareTest};

/// The unit an estimate, its interval and its differences display in.
///
/// Values are kept on the fraction scale inside (NPS in `[−1, 1]`, shares
/// in `[0, 1]`); `Display` and the `display_*` accessors multiply by 100
/// for points and percent, once, here.
///
/// # Example
///
/// ```
/// use cxmetrics::inference::Unit;
///
/// assert_eq!(Unit::Points.display(0.285), 28.499999999999996);
/// assert_eq!(Unit::Scale.display(3.8), 3.8);
/// assert_eq!(Unit::Percent.to_string(), "%");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Unit {
    /// Net scores: NPS points, −100 to +100.
    Points,
    /// Shares: percent, 0 to 100.
    Percent,
    /// Means: the rating scale itself.
    Scale,
}

impl Unit {
    /// A value on the internal scale, in this unit.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::inference::Unit;
    ///
    /// assert_eq!(Unit::Percent.display(0.5), 50.0);
    /// ```
    #[must_use]
    pub fn display(self, value: f64) -> f64 {
        match self {
            Self::Points | Self::Percent => 100.0 * value,
            Self::Scale => value,
        }
    }

    /// Writes `value` (on the internal scale) in this unit with `precision`
    /// decimals: `+45.0 points`, `70.0%`, `3.80`.
    fn write(self, f: &mut fmt::Formatter<'_>, value: f64, precision: usize, signed: bool) -> fmt::Result {
        let v = self.display(value);
        match (self, signed) {
            (Self::Points, _) | (_, true) => write!(f, "{v:+.precision$}"),
            _ => write!(f, "{v:.precision$}"),
        }
    }

    /// The default number of decimals for display.
    const fn precision(self) -> usize {
        match self {
            Self::Points | Self::Percent => 1,
            Self::Scale => 2,
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Points => "points",
            Self::Percent => "%",
            Self::Scale => "on the scale",
        })
    }
}

/// A p-value formatted one way everywhere: `p = 0.0213`, `p < 0.0001`,
/// `p undefined`.
pub(crate) struct PValue(pub(crate) Option<f64>);

impl fmt::Display for PValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(p) if p < 1e-4 => f.write_str("p < 0.0001"),
            Some(p) => write!(f, "p = {p:.4}"),
            None => f.write_str("p undefined"),
        }
    }
}

/// The unit's suffix after a number (`" points"`, `"%"`, nothing).
pub(crate) fn suffix(unit: Unit) -> &'static str {
    match unit {
        Unit::Points => " points",
        Unit::Percent => "%",
        Unit::Scale => "",
    }
}

/// How to compute an interval or a difference: the confidence level and the
/// method, each with a default (95 % and the estimate's recommended
/// method), in the style of jiff's option builders.
///
/// Anything that takes `impl Into<Options<M>>` also takes a bare
/// [`ConfidenceLevel`] or a bare method.
///
/// # Example
///
/// ```
/// use cxmetrics::inference::{NetScoreMethod, Options};
/// use cxmetrics::{ConfidenceLevel, Nps};
///
/// let nps = Nps.score_counts(30, 50, 120)?;
/// let default = nps.interval(Options::new());
/// assert_eq!(default, nps.interval(ConfidenceLevel::P95));
/// assert_eq!(default, nps.interval(NetScoreMethod::Score));
/// let wald99 = nps.interval(Options::new().level(ConfidenceLevel::P99).method(NetScoreMethod::Wald));
/// assert!(wald99.width() > default.width());
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Options<M> {
    level: ConfidenceLevel,
    method: M,
}

impl<M: Default> Options<M> {
    /// The defaults: 95 % and the recommended method.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::inference::{Options, ShareMethod};
    ///
    /// let o: Options<ShareMethod> = Options::new();
    /// assert_eq!(o, Options::default());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }
}

impl<M> Options<M> {
    /// The same options at another confidence level.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::inference::{Options, ShareMethod};
    /// use cxmetrics::ConfidenceLevel;
    ///
    /// let o: Options<ShareMethod> = Options::new().level(ConfidenceLevel::P90);
    /// assert_ne!(o, Options::new());
    /// ```
    #[must_use]
    pub fn level(self, level: ConfidenceLevel) -> Self {
        Self { level, ..self }
    }

    /// The same options with another method.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::inference::{Options, ShareMethod};
    ///
    /// let o = Options::new().method(ShareMethod::Jeffreys);
    /// assert_ne!(o, Options::new());
    /// ```
    #[must_use]
    pub fn method(self, method: M) -> Self {
        Self { method, ..self }
    }

    pub(crate) const fn confidence(&self) -> ConfidenceLevel {
        self.level
    }

    pub(crate) const fn chosen(&self) -> &M {
        &self.method
    }
}

impl<M: Default> From<ConfidenceLevel> for Options<M> {
    fn from(level: ConfidenceLevel) -> Self {
        Self::new().level(level)
    }
}

/// `From<method>` for the options of each method family.
macro_rules! options_from_method {
    ($($m:ty),*) => {$(
        impl From<$m> for Options<$m> {
            fn from(method: $m) -> Self {
                Self { level: ConfidenceLevel::P95, method }
            }
        }
    )*};
}

options_from_method!(
    ShareMethod,
    ShareDifferenceMethod,
    NetScoreMethod,
    NetScoreDifferenceMethod
);

/// A confidence level strictly between 0 and 1, with its normal critical
/// value `z = Φ⁻¹(1 − α/2)`.
///
/// The constants use correctly rounded critical values computed at 60
/// digits (METHODS.md §0): computing `1 − (1 − 0.95)/2` in binary lands 2 ulp
/// below the true `z₀.₉₇₅`. Other levels use the inverse normal.
///
/// # Example
///
/// ```
/// use cxmetrics::ConfidenceLevel;
///
/// assert_eq!(ConfidenceLevel::P95.z(), 1.959_963_984_540_054_3);
/// let level = ConfidenceLevel::new(0.95)?;
/// assert_eq!(level, ConfidenceLevel::P95);
/// let odd = ConfidenceLevel::new(0.85)?;
/// assert!((odd.z() - 1.439_531_470_938_456).abs() < 1e-12);
/// assert!(ConfidenceLevel::new(1.0).is_err());
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ConfidenceLevel {
    level: f64,
    alpha: f64,
    z: f64,
}

/// (level, α, z) for the standard levels.
const TABLE: [(f64, f64, f64); 7] = [
    (0.80, 0.20, 1.281_551_565_544_600_4),
    (0.90, 0.10, 1.644_853_626_951_472_6),
    (0.95, 0.05, 1.959_963_984_540_054_3),
    (0.98, 0.02, 2.326_347_874_040_841),
    (0.99, 0.01, 2.575_829_303_548_901),
    (0.995, 0.005, 2.807_033_768_343_804_2),
    (0.999, 0.001, 3.290_526_731_491_895),
];

impl ConfidenceLevel {
    /// 80 %.
    pub const P80: Self = Self::from_table(0);
    /// 90 %.
    pub const P90: Self = Self::from_table(1);
    /// 95 %, the default everywhere in this crate.
    pub const P95: Self = Self::from_table(2);
    /// 98 %.
    pub const P98: Self = Self::from_table(3);
    /// 99 %.
    pub const P99: Self = Self::from_table(4);
    /// 99.5 %.
    pub const P995: Self = Self::from_table(5);
    /// 99.9 %.
    pub const P999: Self = Self::from_table(6);

    const fn from_table(i: usize) -> Self {
        let (level, alpha, z) = TABLE[i];
        Self { level, alpha, z }
    }

    /// A confidence level, e.g. `0.95`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] unless `0 < level < 1`: `0.0`, `1.0`,
    /// `95.0` (a percentage) and NaN are rejected.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::ConfidenceLevel;
    ///
    /// assert_eq!(ConfidenceLevel::new(0.9)?.get(), 0.9);
    /// let err = ConfidenceLevel::new(95.0).unwrap_err();
    /// assert_eq!(err.to_string(), "confidence level 95 is out of range: expected a fraction strictly between 0 and 1");
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn new(level: f64) -> Result<Self, Error> {
        let level = Error::check_in(
            "confidence level",
            level,
            (Excluded(0.0), Excluded(1.0)),
            "a fraction strictly between 0 and 1",
        )?;
        if let Some(&(level, alpha, z)) = TABLE.iter().find(|(l, _, _)| l.to_bits() == level.to_bits()) {
            return Ok(Self { level, alpha, z });
        }
        // `1 − level` is exact for levels in [½, 1) (Sterbenz), and the
        // upper quantile is taken as `−Φ⁻¹(α/2)`: forming `1 − α/2` would
        // round to 1 for a level within 2⁻⁵³ of 1 and give an infinite z.
        let alpha = 1.0 - level;
        let z = -crate::stats::normal_quantile(alpha / 2.0);
        if !z.is_finite() {
            return Err(Error::InvalidArgument {
                name: "confidence level",
                value: level,
                expected: "a fraction strictly between 0 and 1 whose critical value is finite",
            });
        }
        Ok(Self { level, alpha, z })
    }

    /// The level as a fraction, e.g. `0.95`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::ConfidenceLevel;
    ///
    /// assert_eq!(ConfidenceLevel::P99.get(), 0.99);
    /// ```
    #[must_use]
    pub const fn get(self) -> f64 {
        self.level
    }

    /// `α = 1 − level`, the two-sided significance level (exactly `0.05` for
    /// [`ConfidenceLevel::P95`]).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::ConfidenceLevel;
    ///
    /// assert_eq!(ConfidenceLevel::P95.alpha(), 0.05);
    /// ```
    #[must_use]
    pub const fn alpha(self) -> f64 {
        self.alpha
    }

    /// The normal critical value `z = Φ⁻¹(1 − α/2)`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::ConfidenceLevel;
    ///
    /// assert_eq!(ConfidenceLevel::P90.z(), 1.644_853_626_951_472_6);
    /// ```
    #[must_use]
    pub const fn z(self) -> f64 {
        self.z
    }
}

impl Default for ConfidenceLevel {
    fn default() -> Self {
        Self::P95
    }
}

impl fmt::Display for ConfidenceLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", 100.0 * self.level)
    }
}

/// How an interval was computed.
///
/// # Example
///
/// ```
/// use cxmetrics::inference::IntervalMethod;
/// use cxmetrics::{ConfidenceLevel, Nps};
///
/// let i = Nps.score_counts(30, 50, 120)?.interval(ConfidenceLevel::P95);
/// assert_eq!(i.method(), IntervalMethod::Score);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum IntervalMethod {
    /// Score (Wilson-type) interval for a net score: Tango (1998), as in Rocks (2016).
    Score,
    /// Adjusted Wald for a net score: +0.75, +1.5, +0.75 pseudo-counts (Rocks 2016).
    AdjustedWald,
    /// Wald: estimate ± z·SE. Legacy; poor coverage at small n.
    Wald,
    /// Wilson score interval for a proportion (Wilson 1927).
    Wilson,
    /// Agresti–Coull (1998).
    AgrestiCoull,
    /// Clopper–Pearson "exact" interval (1934); conservative.
    ClopperPearson,
    /// Jeffreys interval with the Brown–Cai–DasGupta boundary rule.
    Jeffreys,
    /// Student-t interval for a mean.
    StudentT,
    /// MOVER from score limits, for a difference of net scores (Zou & Donner 2008).
    MoverScore,
    /// Newcombe's hybrid score interval for a difference of proportions (1998, method 10).
    Newcombe,
    /// Agresti–Caffo (2000) for a difference of proportions.
    AgrestiCaffo,
    /// Welch–Satterthwaite t interval for a difference of means.
    Welch,
}

impl fmt::Display for IntervalMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Score => "score",
            Self::AdjustedWald => "adjusted Wald",
            Self::Wald => "Wald",
            Self::Wilson => "Wilson",
            Self::AgrestiCoull => "Agresti–Coull",
            Self::ClopperPearson => "Clopper–Pearson",
            Self::Jeffreys => "Jeffreys",
            Self::StudentT => "t",
            Self::MoverScore => "MOVER score",
            Self::Newcombe => "Newcombe",
            Self::AgrestiCaffo => "Agresti–Caffo",
            Self::Welch => "Welch",
        })
    }
}

/// A confidence interval: lower and upper limits around an estimate, on the
/// estimate's own scale (fractions for NPS and shares, ratings for means),
/// clipped to the parameter space.
///
/// # Example
///
/// ```
/// use cxmetrics::{ConfidenceLevel, Csat, Likert5, Tally};
///
/// let t = Tally::<Likert5>::from_counts(&[5, 10, 15, 40, 30])?;
/// let i = Csat::default().score(&t)?.interval(ConfidenceLevel::P95);
/// assert!((i.lower() - 0.6041514536665332).abs() < 1e-12);
/// assert!((i.upper() - 0.7810511470506724).abs() < 1e-12);
/// assert!(i.contains(0.7));
/// assert_eq!(i.to_string(), "70.0 [60.4, 78.1]% (95% Wilson)");
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    estimate: f64,
    lower: f64,
    upper: f64,
    level: ConfidenceLevel,
    method: IntervalMethod,
    unit: Unit,
}

impl Interval {
    pub(crate) fn new(
        estimate: f64,
        (lower, upper): (f64, f64),
        level: ConfidenceLevel,
        method: IntervalMethod,
        unit: Unit,
    ) -> Self {
        Self {
            estimate,
            lower,
            upper,
            level,
            method,
            unit,
        }
    }

    /// The unit the interval displays in: points for net scores, percent
    /// for shares, the scale for means.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::inference::Unit;
    /// use cxmetrics::{ConfidenceLevel, Nps};
    ///
    /// assert_eq!(Nps.score_counts(30, 50, 120)?.interval(ConfidenceLevel::P95).unit(), Unit::Points);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn unit(&self) -> Unit {
        self.unit
    }

    /// The lower limit in display units ([`Interval::unit`]).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{ConfidenceLevel, Nps};
    ///
    /// let i = Nps.score_counts(30, 50, 120)?.interval(ConfidenceLevel::P95);
    /// assert!((i.display_lower() - 34.108).abs() < 1e-3);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn display_lower(&self) -> f64 {
        self.unit.display(self.lower)
    }

    /// The upper limit in display units ([`Interval::unit`]).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{ConfidenceLevel, Nps};
    ///
    /// let i = Nps.score_counts(30, 50, 120)?.interval(ConfidenceLevel::P95);
    /// assert!((i.display_upper() - 54.571).abs() < 1e-3);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn display_upper(&self) -> f64 {
        self.unit.display(self.upper)
    }

    /// The estimate in display units ([`Interval::unit`]).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{ConfidenceLevel, Nps};
    ///
    /// let i = Nps.score_counts(30, 50, 120)?.interval(ConfidenceLevel::P95);
    /// assert!((i.display_estimate() - 45.0).abs() < 1e-12);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn display_estimate(&self) -> f64 {
        self.unit.display(self.estimate)
    }

    /// The reported point estimate. For the adjusted-Wald net-score interval
    /// this is the raw estimate, not the interval's centre.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{ConfidenceLevel, Nps};
    ///
    /// let i = Nps.score_counts(2, 3, 5)?.interval(ConfidenceLevel::P95);
    /// assert!((i.estimate() - 0.3).abs() < 1e-15);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn estimate(&self) -> f64 {
        self.estimate
    }

    /// The lower limit.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{ConfidenceLevel, Nps};
    ///
    /// // All promoters: the score interval's lower limit is (n − z²)/(n + z²).
    /// let i = Nps.score_counts(0, 0, 10)?.interval(ConfidenceLevel::P95);
    /// let z2 = ConfidenceLevel::P95.z().powi(2);
    /// assert!((i.lower() - (10.0 - z2) / (10.0 + z2)).abs() < 1e-9);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn lower(&self) -> f64 {
        self.lower
    }

    /// The upper limit.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{ConfidenceLevel, Nps};
    ///
    /// assert_eq!(Nps.score_counts(0, 0, 10)?.interval(ConfidenceLevel::P95).upper(), 1.0);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn upper(&self) -> f64 {
        self.upper
    }

    /// `upper − lower`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{ConfidenceLevel, Nps};
    ///
    /// let nps = Nps.score_counts(30, 50, 120)?;
    /// assert!(nps.interval(ConfidenceLevel::P99).width() > nps.interval(ConfidenceLevel::P90).width());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn width(&self) -> f64 {
        self.upper - self.lower
    }

    /// Whether `value` lies inside the interval (limits included).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{ConfidenceLevel, Nps};
    ///
    /// let i = Nps.score_counts(30, 50, 120)?.interval(ConfidenceLevel::P95);
    /// assert!(i.contains(0.45) && !i.contains(0.3));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn contains(&self, value: f64) -> bool {
        self.lower <= value && value <= self.upper
    }

    /// The confidence level.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{ConfidenceLevel, Nps};
    ///
    /// let i = Nps.score_counts(1, 1, 1)?.interval(ConfidenceLevel::P90);
    /// assert_eq!(i.level(), ConfidenceLevel::P90);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn level(&self) -> ConfidenceLevel {
        self.level
    }

    /// The method that computed the interval.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::inference::IntervalMethod;
    /// use cxmetrics::{ConfidenceLevel, Likert5, Mean, Tally};
    ///
    /// let m = Mean.score(&Tally::<Likert5>::from_raw(&[4, 5, 3])?)?;
    /// assert_eq!(m.interval(ConfidenceLevel::P95).unwrap().method(), IntervalMethod::StudentT);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn method(&self) -> IntervalMethod {
        self.method
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(self.unit.precision());
        let signed = self.unit == Unit::Points;
        self.unit.write(f, self.estimate, p, signed)?;
        f.write_str(" [")?;
        self.unit.write(f, self.lower, p, signed)?;
        f.write_str(", ")?;
        self.unit.write(f, self.upper, p, signed)?;
        write!(f, "]{} ({} {})", suffix(self.unit), self.level, self.method)
    }
}

/// How a test statistic was computed.
///
/// # Example
///
/// ```
/// use cxmetrics::inference::TestMethod;
/// use cxmetrics::Nps;
///
/// assert_eq!(Nps.score_counts(30, 50, 120)?.test(0.3, cxmetrics::inference::NetScoreMethod::Score)?.method(), TestMethod::Score);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum TestMethod {
    /// Score test: the standard error under the null hypothesis.
    Score,
    /// Wald test: the plug-in standard error.
    Wald,
    /// Adjusted Wald (Rocks 2016) for net scores.
    AdjustedWald,
    /// Exact binomial test, minimum-likelihood two-sided rule.
    ExactBinomial,
    /// One-sample Student t.
    StudentT,
    /// Pooled two-proportion z test.
    PooledZ,
    /// Agresti–Caffo z for a difference of proportions.
    AgrestiCaffo,
    /// Welch's unequal-variance t test.
    Welch,
}

impl fmt::Display for TestMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Score => "score",
            Self::Wald => "Wald",
            Self::AdjustedWald => "adjusted Wald",
            Self::ExactBinomial => "exact binomial",
            Self::StudentT => "t",
            Self::PooledZ => "pooled z",
            Self::AgrestiCaffo => "Agresti–Caffo",
            Self::Welch => "Welch",
        })
    }
}

/// The p-value as the crate prints it everywhere: `p = 0.0213`,
/// `p < 0.0001`, or `p undefined`.
///
/// # Example
///
/// ```
/// use cxmetrics::inference::p_value;
///
/// assert_eq!(p_value(Some(0.021_34)).to_string(), "p = 0.0213");
/// assert_eq!(p_value(Some(3e-9)).to_string(), "p < 0.0001");
/// assert_eq!(p_value(Some(0.0001)).to_string(), "p = 0.0001");
/// assert_eq!(p_value(None).to_string(), "p undefined");
/// ```
#[must_use]
pub fn p_value(p: Option<f64>) -> impl fmt::Display {
    PValue(p)
}

/// A significance test: the statistic, its two-sided p-value and, for t
/// tests, the degrees of freedom.
///
/// The statistic and p-value are `None` where the test is undefined for a
/// valid sample (a Wald z when the standard error is 0), never NaN.
///
/// # Example
///
/// ```
/// use cxmetrics::{ConfidenceLevel, Nps};
///
/// let t = Nps.score_counts(30, 50, 120)?.test(0.3, cxmetrics::inference::NetScoreMethod::Score)?;
/// assert!((t.statistic().unwrap() - 2.649316290124683).abs() < 1e-9);
/// assert!((t.p_value().unwrap() - 0.008065480886837988).abs() < 1e-11);
/// assert!(t.rejects(ConfidenceLevel::P95));
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Test {
    statistic: Option<f64>,
    p_value: Option<f64>,
    df: Option<f64>,
    method: TestMethod,
}

impl Test {
    pub(crate) fn z(statistic: Option<f64>, method: TestMethod) -> Self {
        Self {
            statistic,
            p_value: statistic.map(crate::stats::normal_p),
            df: None,
            method,
        }
    }

    pub(crate) fn t(statistic: Option<f64>, df: Option<f64>, method: TestMethod) -> Self {
        let p_value = statistic.zip(df).map(|(t, df)| crate::stats::t_p(t, df));
        Self {
            statistic,
            p_value,
            df,
            method,
        }
    }

    pub(crate) fn p_only(p_value: Option<f64>, method: TestMethod) -> Self {
        Self {
            statistic: None,
            p_value,
            df: None,
            method,
        }
    }

    /// The test statistic (z or t); `None` when undefined.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::inference::NetScoreMethod;
    /// use cxmetrics::Nps;
    ///
    /// // All promoters: the Wald z is undefined (its standard error is 0).
    /// let t = Nps.score_counts(0, 0, 10)?.test(0.8, NetScoreMethod::Wald)?;
    /// assert_eq!(t.statistic(), None);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn statistic(&self) -> Option<f64> {
        self.statistic
    }

    /// The two-sided p-value; `None` when undefined.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::Nps;
    ///
    /// let p = Nps.score_counts(2, 3, 5)?.test(0.5, cxmetrics::inference::NetScoreMethod::Score)?.p_value().unwrap();
    /// assert!((p - 0.37109336952269767).abs() < 1e-11);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn p_value(&self) -> Option<f64> {
        self.p_value
    }

    /// Degrees of freedom of a t test (non-integer for Welch).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, Mean, Tally};
    ///
    /// let m = Mean.score(&Tally::<Likert5>::from_raw(&[5, 4, 4, 3, 5])?)?;
    /// assert_eq!(m.test(4.0)?.df(), Some(4.0));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn df(&self) -> Option<f64> {
        self.df
    }

    /// The method.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::inference::TestMethod;
    /// use cxmetrics::{Likert5, Mean, Tally};
    ///
    /// let m = Mean.score(&Tally::<Likert5>::from_raw(&[5, 4, 4, 3, 5])?)?;
    /// assert_eq!(m.test(4.0)?.method(), TestMethod::StudentT);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn method(&self) -> TestMethod {
        self.method
    }

    /// Whether the test rejects the null hypothesis at `level`, i.e.
    /// `p < 1 − level`. An undefined p-value never rejects.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{ConfidenceLevel, Nps};
    ///
    /// let t = Nps.score_counts(30, 50, 120)?.test(0.3, cxmetrics::inference::NetScoreMethod::Score)?; // p = 0.008
    /// assert!(t.rejects(ConfidenceLevel::P99));
    /// assert!(!Nps.score_counts(2, 3, 5)?.test(0.5, cxmetrics::inference::NetScoreMethod::Score)?.rejects(ConfidenceLevel::P90));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn rejects(&self, level: ConfidenceLevel) -> bool {
        self.p_value.is_some_and(|p| p < level.alpha())
    }
}

/// `z = 2.64, p = 0.0083 (score)`; `t = …, df = 12.3, …` for t tests; the
/// p-value alone for the exact test.
impl fmt::Display for Test {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self.method {
            TestMethod::StudentT | TestMethod::Welch => "t",
            _ => "z",
        };
        if let Some(s) = self.statistic {
            write!(f, "{name} = {s:.2}, ")?;
        }
        if let Some(df) = self.df {
            write!(f, "df = {df:.1}, ")?;
        }
        write!(f, "{} ({})", PValue(self.p_value), self.method)
    }
}

/// The difference between two independent estimates (`a − b`), with its
/// interval and a test of "no difference".
///
/// The interval and test are the recommended pair for the statistic
/// (METHODS.md): for net scores the MOVER-score interval and the
/// adjusted-Wald test, which can disagree at the margin; for proportions
/// Newcombe's interval and the pooled z test; for means Welch.
///
/// # Example
///
/// ```
/// use cxmetrics::{ConfidenceLevel, Nps};
///
/// let this_quarter = Nps.score_counts(30, 50, 120)?;
/// let last_quarter = Nps.score_counts(45, 60, 95)?;
/// let d = this_quarter.difference(&last_quarter, ConfidenceLevel::P95)?;
/// assert!((d.estimate() - 0.2).abs() < 1e-12);
/// assert!(d.interval().lower() > 0.0);
/// assert!(d.test().rejects(ConfidenceLevel::P95));
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Difference {
    estimate: f64,
    interval: Interval,
    test: Test,
}

impl Difference {
    pub(crate) fn new(estimate: f64, interval: Interval, test: Test) -> Self {
        Self {
            estimate,
            interval,
            test,
        }
    }

    /// `a − b`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{ConfidenceLevel, Nps};
    ///
    /// let d = Nps.score_counts(2, 3, 5)?.difference(&Nps.score_counts(4, 3, 3)?, ConfidenceLevel::P95)?;
    /// assert!((d.estimate() - 0.4).abs() < 1e-12);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn estimate(&self) -> f64 {
        self.estimate
    }

    /// The interval of the difference.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::inference::IntervalMethod;
    /// use cxmetrics::{ConfidenceLevel, Nps};
    ///
    /// let d = Nps.score_counts(2, 3, 5)?.difference(&Nps.score_counts(4, 3, 3)?, ConfidenceLevel::P95)?;
    /// assert_eq!(d.interval().method(), IntervalMethod::MoverScore);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn interval(&self) -> Interval {
        self.interval
    }

    /// The test of "no difference".
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::inference::TestMethod;
    /// use cxmetrics::{ConfidenceLevel, Nps};
    ///
    /// let d = Nps.score_counts(2, 3, 5)?.difference(&Nps.score_counts(4, 3, 3)?, ConfidenceLevel::P95)?;
    /// assert_eq!(d.test().method(), TestMethod::AdjustedWald);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn test(&self) -> Test {
        self.test
    }
}
