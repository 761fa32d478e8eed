//! Benchmarks (competitors, industry figures, your own history) and
//! comparisons with a verdict that respects sampling error.

use core::fmt;

use crate::estimate::Label;
use crate::stats::interval::{ConfidenceLevel, Difference, Interval, IntervalMethod, Test, TestMethod};
use crate::stats::ratio;
use crate::{Adjustment, Error, MeanScore, Metric, NetScore, Orientation, Share};

pub(crate) mod sealed {
    use super::{ConfidenceLevel, Difference, Error, Interval, Label, Orientation, Test};

    /// The inference each estimate type provides for comparisons.
    pub trait Sealed: Clone {
        fn label(&self) -> &Label;
        fn value(&self) -> f64;
        fn n(&self) -> u64;
        /// The default interval of the estimate itself.
        fn default_interval(&self, level: ConfidenceLevel) -> Option<Interval>;
        fn orientation(&self) -> Orientation;
        /// `(lowest, highest)` value a fixed benchmark may take.
        fn range(&self) -> (f64, f64);
        /// The default interval and the test consistent with it, against a fixed value.
        fn against_fixed(&self, value: f64, level: ConfidenceLevel) -> Result<(Option<Interval>, Test), Error>;
        /// The plug-in standard error, if defined.
        fn se(&self) -> Option<f64>;
        /// The recommended two-sample difference, if defined.
        fn against_sample(&self, other: &Self, level: ConfidenceLevel) -> Result<Option<Difference>, Error>;
    }
}

/// An estimate that can be compared with a [`Benchmark`]: a [`NetScore`]
/// (NPS), a [`Share`] (CSAT %, CES %) or a [`MeanScore`]. Sealed.
///
/// The type keeps pairings honest at compile time: a `Benchmark<NetScore>`
/// cannot be compared with a CSAT `Share`.
///
/// ```compile_fail
/// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Csat, Likert5, Nps, Tally};
///
/// let last_year = Benchmark::sample("2025", BenchmarkKind::OwnHistory, Nps::from_counts(30, 50, 120)?);
/// let csat = Csat::default().share(&Tally::<Likert5>::from_raw(&[5, 4])?)?;
/// last_year.compare(&csat, ConfidenceLevel::P95)?; // a share is not a net score
/// # Ok::<(), cxmetrics::Error>(())
/// ```
///
/// A fixed value names its metric, checked when comparing:
///
/// ```
/// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Csat, Error, Likert5, Metric, Tally};
///
/// let industry_nps = Benchmark::fixed("industry", BenchmarkKind::Global, Metric::Nps, 0.3)?;
/// let csat = Csat::default().share(&Tally::<Likert5>::from_raw(&[5, 4])?)?;
/// let err = industry_nps.compare(&csat, ConfidenceLevel::P95).unwrap_err();
/// assert_eq!(err.to_string(), "cannot compare CSAT share of {4, 5} on Likert5 with a benchmark of NPS");
/// # Ok::<(), cxmetrics::Error>(())
/// ```
pub trait Estimate: sealed::Sealed {}

impl Estimate for Share {}
impl Estimate for NetScore {}
impl Estimate for MeanScore {}

/// Shares and net scores: always an interval, a plug-in SE, and a
/// two-sample difference.
macro_rules! proportion_like {
    ($ty:ident, $range:expr) => {
        impl sealed::Sealed for $ty {
            fn label(&self) -> &Label {
                $ty::label(self)
            }

            fn n(&self) -> u64 {
                $ty::n(self)
            }

            fn default_interval(&self, level: ConfidenceLevel) -> Option<Interval> {
                Some(self.interval(level))
            }

            fn value(&self) -> f64 {
                $ty::value(self)
            }

            fn orientation(&self) -> Orientation {
                Orientation::HigherIsBetter
            }

            fn range(&self) -> (f64, f64) {
                $range
            }

            fn against_fixed(&self, value: f64, level: ConfidenceLevel) -> Result<(Option<Interval>, Test), Error> {
                Ok((Some(self.interval(level)), self.test(value)?))
            }

            fn se(&self) -> Option<f64> {
                Some(self.standard_error())
            }

            fn against_sample(&self, other: &Self, level: ConfidenceLevel) -> Result<Option<Difference>, Error> {
                self.difference(other, level).map(Some)
            }
        }
    };
}

proportion_like!(Share, (0.0, 1.0));
proportion_like!(NetScore, (-1.0, 1.0));

impl sealed::Sealed for MeanScore {
    fn label(&self) -> &Label {
        MeanScore::label(self)
    }

    fn n(&self) -> u64 {
        MeanScore::n(self)
    }

    fn default_interval(&self, level: ConfidenceLevel) -> Option<Interval> {
        self.interval(level)
    }

    fn value(&self) -> f64 {
        self.mean()
    }

    fn orientation(&self) -> Orientation {
        MeanScore::orientation(self)
    }

    fn range(&self) -> (f64, f64) {
        let l = MeanScore::label(self);
        (f64::from(l.min), f64::from(l.max))
    }

    fn against_fixed(&self, value: f64, level: ConfidenceLevel) -> Result<(Option<Interval>, Test), Error> {
        Ok((self.interval(level), self.test(value)?))
    }

    fn se(&self) -> Option<f64> {
        self.standard_error()
    }

    fn against_sample(&self, other: &Self, level: ConfidenceLevel) -> Result<Option<Difference>, Error> {
        self.difference(other, level)
    }
}

/// What a benchmark is.
///
/// # Example
///
/// ```
/// use cxmetrics::BenchmarkKind;
///
/// let k = BenchmarkKind::Industry { region: Some("EMEA".into()) };
/// assert_eq!(k.to_string(), "industry (EMEA)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BenchmarkKind {
    /// A competitor's score.
    Competitor,
    /// An industry figure, optionally for one region.
    Industry {
        /// The region, if the figure is regional.
        region: Option<String>,
    },
    /// A global (cross-industry) figure.
    Global,
    /// Your own history, e.g. the previous period.
    OwnHistory,
    /// The rest of the data, in a segment table.
    Rest,
}

impl fmt::Display for BenchmarkKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Competitor => f.write_str("competitor"),
            Self::Industry { region: Some(r) } => write!(f, "industry ({r})"),
            Self::Industry { region: None } => f.write_str("industry"),
            Self::Global => f.write_str("global"),
            Self::OwnHistory => f.write_str("own history"),
            Self::Rest => f.write_str("rest of the data"),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Reference<E> {
    Fixed {
        metric: Metric,
        value: f64,
        se: Option<f64>,
    },
    Sample(E),
}

/// A labelled reference score to compare estimates with.
///
/// Either a fixed published value (optionally with its standard error), or
/// a sample you hold the answers of (a tally scored into an estimate, e.g.
/// last quarter or a competitor panel). The kind of estimate is in the type:
/// `Benchmark<NetScore>` for NPS, `Benchmark<Share>` for CSAT or CES
/// shares, `Benchmark<MeanScore>` for means.
///
/// Values are on the estimate's scale: fractions for NPS (`0.32` is 32
/// points) and shares, ratings for means. A published figure usually comes
/// from a different wording, channel and population; the comparison covers
/// sampling error only.
///
/// # Example
///
/// ```
/// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps, Verdict};
///
/// let ours = Nps::from_counts(30, 50, 120)?;
/// let industry = Benchmark::fixed("retail banking", BenchmarkKind::Industry { region: None }, Metric::Nps, 0.30)?;
/// let c = industry.compare(&ours, ConfidenceLevel::P95)?;
/// assert_eq!(c.verdict(), Verdict::Above);
/// assert!((c.difference() - 0.15).abs() < 1e-12);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Benchmark<E: Estimate> {
    label: String,
    kind: BenchmarkKind,
    reference: Reference<E>,
}

impl<E: Estimate> Benchmark<E> {
    /// A fixed published value for `metric`, treated as known exactly.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for a non-finite value; the range is
    /// checked against the estimate when comparing (`30.0` for an NPS given
    /// in points instead of `0.30` fails then).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, Metric, Share};
    ///
    /// let b = Benchmark::<Share>::fixed("peer CSAT", BenchmarkKind::Competitor, Metric::Csat, 0.78)?;
    /// assert_eq!(b.value(), 0.78);
    /// assert!(Benchmark::<Share>::fixed("bad", BenchmarkKind::Global, Metric::Csat, f64::NAN).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn fixed(label: impl Into<String>, kind: BenchmarkKind, metric: Metric, value: f64) -> Result<Self, Error> {
        if !value.is_finite() {
            return Err(Error::InvalidArgument {
                name: "benchmark value",
                value,
                expected: "a finite number",
            });
        }
        Ok(Self {
            label: label.into(),
            kind,
            reference: Reference::Fixed {
                metric,
                value,
                se: None,
            },
        })
    }

    /// A benchmark whose answers you hold, scored into an estimate: the
    /// comparison is then a two-sample test.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, Nps};
    ///
    /// let last_quarter = Benchmark::sample("Q2", BenchmarkKind::OwnHistory, Nps::from_counts(45, 60, 95)?);
    /// assert!((last_quarter.value() - 0.25).abs() < 1e-12);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn sample(label: impl Into<String>, kind: BenchmarkKind, estimate: E) -> Self {
        Self {
            label: label.into(),
            kind,
            reference: Reference::Sample(estimate),
        }
    }

    /// Sets the standard error of a fixed value; the comparison then uses
    /// `z = (estimate − b)/√(SE² + SE_b²)` with the plug-in SE of the
    /// estimate (METHODS.md §1.5). Treating a noisy benchmark as exact is
    /// anti-conservative.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] when `se` is negative or not finite, or the
    /// benchmark is a sample (its standard error comes from its answers).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, Metric, NetScore};
    ///
    /// let b = Benchmark::<NetScore>::fixed("industry", BenchmarkKind::Global, Metric::Nps, 0.31)?.with_standard_error(0.02)?;
    /// assert_eq!(b.standard_error(), Some(0.02));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn with_standard_error(mut self, se: f64) -> Result<Self, Error> {
        let invalid = |expected| Error::InvalidArgument {
            name: "benchmark standard error",
            value: se,
            expected,
        };
        match &mut self.reference {
            Reference::Fixed { se: slot, .. } if se.is_finite() && se >= 0.0 => *slot = Some(se),
            Reference::Fixed { .. } => return Err(invalid("a finite value >= 0")),
            Reference::Sample(_) => return Err(invalid("a fixed benchmark (a sample has its own)")),
        }
        Ok(self)
    }

    /// The label.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, Metric, NetScore};
    ///
    /// let b = Benchmark::<NetScore>::fixed("Acme", BenchmarkKind::Competitor, Metric::Nps, 0.2)?;
    /// assert_eq!(b.label(), "Acme");
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The kind.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, Metric, NetScore};
    ///
    /// let b = Benchmark::<NetScore>::fixed("Acme", BenchmarkKind::Competitor, Metric::Nps, 0.2)?;
    /// assert_eq!(b.kind(), &BenchmarkKind::Competitor);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn kind(&self) -> &BenchmarkKind {
        &self.kind
    }

    /// The benchmark's value on the estimate's scale.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, Metric, NetScore};
    ///
    /// let b = Benchmark::<NetScore>::fixed("Acme", BenchmarkKind::Competitor, Metric::Nps, 0.2)?;
    /// assert_eq!(b.value(), 0.2);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn value(&self) -> f64 {
        match &self.reference {
            Reference::Fixed { value, .. } => *value,
            Reference::Sample(e) => e.value(),
        }
    }

    /// The standard error of a fixed value, if given, or of a sample.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, Metric, NetScore};
    ///
    /// let b = Benchmark::<NetScore>::fixed("Acme", BenchmarkKind::Competitor, Metric::Nps, 0.2)?;
    /// assert_eq!(b.standard_error(), None);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn standard_error(&self) -> Option<f64> {
        match &self.reference {
            Reference::Fixed { se, .. } => *se,
            Reference::Sample(e) => e.se(),
        }
    }

    /// Compares an estimate with this benchmark at `level`.
    ///
    /// - fixed value: the one-sample test consistent with the default
    ///   interval (score test for NPS and shares, t test for means); the
    ///   interval of the difference is the estimate's interval shifted by the
    ///   benchmark, so it excludes 0 exactly when the test rejects;
    /// - fixed value with SE: `z = (estimate − b)/√(SE² + SE_b²)`, Wald interval;
    /// - sample: the two-sample method (NPS: MOVER interval, adjusted-Wald
    ///   test; shares: Newcombe, pooled z; means: Welch).
    ///
    /// # Errors
    ///
    /// - [`Error::Mismatch`] when the benchmark measures something else: a
    ///   CES 1.0 effort mean against a CES 2.0 mean, a 1–5 mean against a 1–7
    ///   mean, a CSAT share against a CES share;
    /// - [`Error::InvalidArgument`] for a fixed value outside the estimate's
    ///   range (an NPS of `30.0` given in points, a mean of 6.1 on 1–5) or on
    ///   its boundary.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, CesAgreement, CesEffort, ConfidenceLevel, Likert5, Likert7, Metric, Tally};
    ///
    /// let ces2 = CesAgreement::default().mean(&Tally::<Likert7>::from_raw(&[6, 7, 5])?)?;
    /// let ces1 = CesEffort.mean(&Tally::<Likert5>::from_raw(&[2, 1, 3])?)?;
    /// let b = Benchmark::sample("other survey", BenchmarkKind::OwnHistory, ces1);
    /// let err = b.compare(&ces2, ConfidenceLevel::P95).unwrap_err();
    /// assert_eq!(err.to_string(), "cannot compare CES 2.0 mean on Likert7 with CES 1.0 effort mean on Likert5");
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn compare(&self, estimate: &E, level: ConfidenceLevel) -> Result<Comparison, Error> {
        let value = self.value();
        let (difference, interval, test) = match &self.reference {
            Reference::Fixed { metric, value, se } => {
                if *metric != estimate.label().metric {
                    return Err(Error::Mismatch {
                        left: estimate.label().to_string(),
                        right: format!("a benchmark of {metric}"),
                    });
                }
                let (lo, hi) = estimate.range();
                if !(*value >= lo && *value <= hi) {
                    return Err(Error::InvalidArgument {
                        name: "benchmark value",
                        value: *value,
                        expected: "a value in the estimate's range ([-1, 1] for NPS, [0, 1] for shares, MIN..=MAX for means)",
                    });
                }
                let d = estimate.value() - value;
                match se {
                    None => {
                        let (interval, test) = estimate.against_fixed(*value, level)?;
                        let shifted =
                            interval.map(|i| Interval::new(d, i.lower() - value, i.upper() - value, level, i.method()));
                        (d, shifted, test)
                    }
                    Some(se_b) => {
                        let se = estimate.se().map(|s| s.hypot(*se_b));
                        let z = se.and_then(|se| ratio(d, se));
                        let interval = se.map(|se| {
                            let half = level.z() * se;
                            Interval::new(d, d - half, d + half, level, IntervalMethod::Wald)
                        });
                        (d, interval, Test::z(z, TestMethod::Wald))
                    }
                }
            }
            Reference::Sample(reference) => {
                estimate.label().check_comparable(reference.label())?;
                let d = estimate.value() - reference.value();
                match estimate.against_sample(reference, level)? {
                    Some(diff) => (d, Some(diff.interval()), diff.test()),
                    None => (d, None, Test::p_only(None, TestMethod::Welch)),
                }
            }
        };
        let mut c = Comparison {
            subject: None,
            benchmark: self.label.clone(),
            kind: self.kind.clone(),
            estimate: estimate.value(),
            reference: value,
            difference,
            interval,
            test,
            adjusted_p: None,
            level,
            orientation: estimate.orientation(),
            verdict: Verdict::NoDetectableDifference,
        };
        c.verdict = c.decide();
        Ok(c)
    }

    /// Compares several estimates (segments, regions, agents) with this
    /// benchmark, adjusting the p-values for multiplicity; each verdict uses
    /// its adjusted p-value. Results keep the input order.
    ///
    /// # Errors
    ///
    /// As [`Benchmark::compare`], for the first estimate that fails.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Adjustment, Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps};
    ///
    /// let target = Benchmark::fixed("target", BenchmarkKind::Global, Metric::Nps, 0.30)?;
    /// let regions = [("north", Nps::from_counts(30, 50, 120)?), ("south", Nps::from_counts(2, 3, 5)?)];
    /// let table = target.compare_each(&regions, ConfidenceLevel::P95, Adjustment::Holm)?;
    /// assert_eq!(table[0].subject(), Some("north"));
    /// assert!(table[0].p_value().unwrap() >= table[0].test().p_value().unwrap());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn compare_each<L: AsRef<str>>(
        &self,
        estimates: &[(L, E)],
        level: ConfidenceLevel,
        adjustment: Adjustment,
    ) -> Result<Vec<Comparison>, Error> {
        let comparisons = estimates
            .iter()
            .map(|(label, e)| Ok(self.compare(e, level)?.with_subject(label.as_ref())))
            .collect::<Result<Vec<_>, Error>>()?;
        adjust(comparisons, adjustment)
    }
}

/// Applies a multiplicity adjustment to the defined p-values of a family
/// of comparisons and re-decides their verdicts.
pub(crate) fn adjust(mut comparisons: Vec<Comparison>, adjustment: Adjustment) -> Result<Vec<Comparison>, Error> {
    let defined: Vec<(usize, f64)> = comparisons
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.test.p_value().map(|p| (i, p)))
        .collect();
    let p: Vec<f64> = defined.iter().map(|&(_, p)| p).collect();
    for ((i, _), adj) in defined.iter().zip(adjustment.adjust(&p)?) {
        comparisons[*i].adjusted_p = Some(adj);
    }
    for c in &mut comparisons {
        c.verdict = c.decide();
    }
    Ok(comparisons)
}

/// Ranks an estimate among competitor benchmarks (best first, by the
/// metric's orientation) and says which gaps are detectable, with the
/// p-values adjusted for multiplicity across the competitors.
///
/// # Errors
///
/// As [`Benchmark::compare`].
///
/// # Example
///
/// ```
/// use cxmetrics::{Adjustment, Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps, rank};
///
/// let ours = Nps::from_counts(30, 50, 120)?; // +45
/// let rivals = [
///     Benchmark::sample("Acme", BenchmarkKind::Competitor, Nps::from_counts(20, 60, 120)?), // +50
///     Benchmark::fixed("Globex", BenchmarkKind::Competitor, Metric::Nps, 0.20)?,
/// ];
/// let r = rank(&ours, &rivals, ConfidenceLevel::P95, Adjustment::Holm)?;
/// assert_eq!((r.position(), r.of()), (2, 3));
/// assert_eq!(r.detectable().count(), 1); // clearly ahead of Globex; Acme's lead is within noise
/// # Ok::<(), cxmetrics::Error>(())
/// ```
pub fn rank<E: Estimate>(
    estimate: &E,
    competitors: &[Benchmark<E>],
    level: ConfidenceLevel,
    adjustment: Adjustment,
) -> Result<Ranking, Error> {
    let comparisons = competitors
        .iter()
        .map(|b| b.compare(estimate, level))
        .collect::<Result<Vec<_>, Error>>()?;
    let comparisons = adjust(comparisons, adjustment)?;
    let better = |other: f64| match estimate.orientation() {
        Orientation::HigherIsBetter => other > estimate.value(),
        Orientation::LowerIsBetter => other < estimate.value(),
    };
    let position = 1 + competitors.iter().filter(|b| better(b.value())).count();
    Ok(Ranking {
        position,
        of: competitors.len() + 1,
        comparisons,
    })
}

/// The outcome of [`rank`].
///
/// # Example
///
/// ```
/// use cxmetrics::{Adjustment, Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps, rank};
///
/// let r = rank(&Nps::from_counts(1, 1, 8)?, &[], ConfidenceLevel::P95, Adjustment::Holm)?;
/// assert_eq!((r.position(), r.of()), (1, 1));
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Ranking {
    position: usize,
    of: usize,
    comparisons: Vec<Comparison>,
}

impl Ranking {
    /// 1-based position of the estimate among itself and the competitors,
    /// best first (ties share the better position).
    ///
    /// # Example
    ///
    /// See [`rank`].
    #[must_use]
    pub const fn position(&self) -> usize {
        self.position
    }

    /// How many were ranked (the competitors plus the estimate).
    ///
    /// # Example
    ///
    /// See [`rank`].
    #[must_use]
    pub const fn of(&self) -> usize {
        self.of
    }

    /// One comparison per competitor, in input order, with adjusted p-values.
    ///
    /// # Example
    ///
    /// See [`rank`].
    #[must_use]
    pub fn comparisons(&self) -> &[Comparison] {
        &self.comparisons
    }

    /// The comparisons whose gap is detectable at the chosen level.
    ///
    /// # Example
    ///
    /// See [`rank`].
    pub fn detectable(&self) -> impl Iterator<Item = &Comparison> {
        self.comparisons
            .iter()
            .filter(|c| c.verdict() != Verdict::NoDetectableDifference)
    }
}

/// Whether an estimate is detectably above or below a benchmark.
///
/// "Above" is numeric: for a lower-is-better metric (CES 1.0 effort) above
/// is worse; see [`Comparison::is_better`].
///
/// # Example
///
/// ```
/// use cxmetrics::Verdict;
///
/// assert_eq!(Verdict::NoDetectableDifference.to_string(), "no detectable difference");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Detectably higher than the benchmark.
    Above,
    /// Detectably lower than the benchmark.
    Below,
    /// Within sampling error of the benchmark (or the test is undefined).
    NoDetectableDifference,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Above => "above",
            Self::Below => "below",
            Self::NoDetectableDifference => "no detectable difference",
        })
    }
}

/// An estimate compared with a benchmark: the difference (estimate −
/// benchmark), its interval, the test, and a verdict at the chosen level.
///
/// The verdict follows the p-value (adjusted, in a family): below `α` it is
/// [`Verdict::Above`] or [`Verdict::Below`] by the sign of the difference.
///
/// # Example
///
/// ```
/// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps, Verdict};
///
/// let b = Benchmark::fixed("industry", BenchmarkKind::Global, Metric::Nps, 0.50)?;
/// let c = b.compare(&Nps::from_counts(2, 3, 5)?, ConfidenceLevel::P95)?;
/// assert_eq!(c.verdict(), Verdict::NoDetectableDifference);
/// assert!(c.interval().unwrap().contains(0.0));
/// println!("{c}");
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    subject: Option<String>,
    benchmark: String,
    kind: BenchmarkKind,
    estimate: f64,
    reference: f64,
    difference: f64,
    interval: Option<Interval>,
    test: Test,
    adjusted_p: Option<f64>,
    level: ConfidenceLevel,
    orientation: Orientation,
    verdict: Verdict,
}

impl Comparison {
    pub(crate) fn with_subject(mut self, subject: &str) -> Self {
        self.subject = Some(subject.to_owned());
        self
    }

    fn decide(&self) -> Verdict {
        match self.p_value() {
            Some(p) if p < self.level.alpha() && self.difference > 0.0 => Verdict::Above,
            Some(p) if p < self.level.alpha() && self.difference < 0.0 => Verdict::Below,
            _ => Verdict::NoDetectableDifference,
        }
    }

    /// The compared estimate's label in a family ([`Benchmark::compare_each`]).
    ///
    /// # Example
    ///
    /// See [`Benchmark::compare_each`].
    #[must_use]
    pub fn subject(&self) -> Option<&str> {
        self.subject.as_deref()
    }

    /// The benchmark's label.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps};
    ///
    /// let b = Benchmark::fixed("industry", BenchmarkKind::Global, Metric::Nps, 0.5)?;
    /// assert_eq!(b.compare(&Nps::from_counts(2, 3, 5)?, ConfidenceLevel::P95)?.benchmark(), "industry");
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn benchmark(&self) -> &str {
        &self.benchmark
    }

    /// The benchmark's kind.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps};
    ///
    /// let b = Benchmark::fixed("industry", BenchmarkKind::Global, Metric::Nps, 0.5)?;
    /// assert_eq!(b.compare(&Nps::from_counts(2, 3, 5)?, ConfidenceLevel::P95)?.kind(), &BenchmarkKind::Global);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn kind(&self) -> &BenchmarkKind {
        &self.kind
    }

    /// The estimate's value.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps};
    ///
    /// let b = Benchmark::fixed("industry", BenchmarkKind::Global, Metric::Nps, 0.5)?;
    /// assert!((b.compare(&Nps::from_counts(2, 3, 5)?, ConfidenceLevel::P95)?.estimate() - 0.3).abs() < 1e-15);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn estimate(&self) -> f64 {
        self.estimate
    }

    /// The benchmark's value.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps};
    ///
    /// let b = Benchmark::fixed("industry", BenchmarkKind::Global, Metric::Nps, 0.5)?;
    /// assert_eq!(b.compare(&Nps::from_counts(2, 3, 5)?, ConfidenceLevel::P95)?.reference(), 0.5);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn reference(&self) -> f64 {
        self.reference
    }

    /// `estimate − benchmark`, with its sign.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps};
    ///
    /// let b = Benchmark::fixed("industry", BenchmarkKind::Global, Metric::Nps, 0.5)?;
    /// assert!((b.compare(&Nps::from_counts(2, 3, 5)?, ConfidenceLevel::P95)?.difference() + 0.2).abs() < 1e-15);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn difference(&self) -> f64 {
        self.difference
    }

    /// The interval of the difference; `None` where undefined (a mean of a
    /// single answer).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps};
    ///
    /// let b = Benchmark::fixed("industry", BenchmarkKind::Global, Metric::Nps, 0.3)?;
    /// let i = b.compare(&Nps::from_counts(30, 50, 120)?, ConfidenceLevel::P95)?.interval().unwrap();
    /// assert!(i.lower() > 0.0);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn interval(&self) -> Option<Interval> {
        self.interval
    }

    /// The test, with its unadjusted p-value.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps, TestMethod};
    ///
    /// let b = Benchmark::fixed("industry", BenchmarkKind::Global, Metric::Nps, 0.3)?;
    /// assert_eq!(b.compare(&Nps::from_counts(30, 50, 120)?, ConfidenceLevel::P95)?.test().method(), TestMethod::Score);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn test(&self) -> Test {
        self.test
    }

    /// The p-value the verdict uses: adjusted for multiplicity in a family,
    /// the test's own otherwise.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps};
    ///
    /// let b = Benchmark::fixed("industry", BenchmarkKind::Global, Metric::Nps, 0.3)?;
    /// let c = b.compare(&Nps::from_counts(30, 50, 120)?, ConfidenceLevel::P95)?;
    /// assert_eq!(c.p_value(), c.test().p_value());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn p_value(&self) -> Option<f64> {
        self.adjusted_p.or(self.test.p_value())
    }

    /// The verdict at the comparison's level.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps, Verdict};
    ///
    /// let b = Benchmark::fixed("industry", BenchmarkKind::Global, Metric::Nps, 0.3)?;
    /// assert_eq!(b.compare(&Nps::from_counts(30, 50, 120)?, ConfidenceLevel::P95)?.verdict(), Verdict::Above);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn verdict(&self) -> Verdict {
        self.verdict
    }

    /// `Some(true)` when the estimate is detectably better than the
    /// benchmark by the metric's orientation, `Some(false)` when detectably
    /// worse, `None` when there is no detectable difference.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, CesEffort, ConfidenceLevel, Likert5, Metric, Tally, Verdict};
    ///
    /// // Mean effort of 4.2 against a benchmark of 2.5: above, and worse.
    /// let effort = CesEffort.mean(&Tally::<Likert5>::from_counts(&[0, 2, 2, 6, 10])?)?;
    /// let b = Benchmark::fixed("industry", BenchmarkKind::Global, Metric::CesEffort, 2.5)?;
    /// let c = b.compare(&effort, ConfidenceLevel::P95)?;
    /// assert_eq!((c.verdict(), c.is_better()), (Verdict::Above, Some(false)));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn is_better(&self) -> Option<bool> {
        let higher = match self.verdict {
            Verdict::Above => true,
            Verdict::Below => false,
            Verdict::NoDetectableDifference => return None,
        };
        Some(higher == (self.orientation == Orientation::HigherIsBetter))
    }
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(s) = &self.subject {
            write!(f, "{s}: ")?;
        }
        write!(
            f,
            "{:+.3} vs {} ({}) {:.3}",
            self.difference, self.benchmark, self.kind, self.reference
        )?;
        if let Some(i) = self.interval {
            write!(f, ", difference [{:.3}, {:.3}]", i.lower(), i.upper())?;
        }
        match self.p_value() {
            Some(p) => write!(f, ", p = {p:.4}")?,
            None => f.write_str(", p undefined")?,
        }
        write!(f, ": {}", self.verdict)
    }
}
