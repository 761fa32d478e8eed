//! Benchmarks: competitors, industry figures, your own history.

use core::fmt;

use crate::comparison::{Comparison, adjust};
use crate::estimate::sealed::INTERNAL;
use crate::inference::Adjustment;
use crate::inference::{ConfidenceLevel, Interval, IntervalMethod, Test, TestMethod, Unit};
use crate::stats::ratio;
use crate::{Error, Estimate, MeanScore, Metric, NetScore, Share};

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
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
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
        /// On the internal scale (fractions for net scores and shares).
        value: f64,
        /// Likewise.
        se: Option<f64>,
        /// The unit the value was given in.
        unit: Unit,
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
/// A fixed value is given in the unit it is published in, through a
/// constructor that names it: [`Benchmark::nps`] in points,
/// [`Benchmark::share`] in percent, [`Benchmark::mean`] on the scale. A
/// published figure usually comes from a different wording, channel and
/// population; the comparison covers sampling error only.
///
/// # Example
///
/// ```
/// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps, Verdict};
///
/// let ours = Nps.score_counts(30, 50, 120)?;
/// let industry = Benchmark::nps("retail banking", BenchmarkKind::Industry { region: None }, 30.0)?;
/// let c = industry.compare(&ours, ConfidenceLevel::P95)?;
/// assert_eq!(c.verdict(), Verdict::Above);
/// assert!((c.display_difference() - 15.0).abs() < 1e-9);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Benchmark<E: Estimate> {
    label: String,
    kind: BenchmarkKind,
    reference: Reference<E>,
}

impl Benchmark<NetScore> {
    /// A published NPS, in points: `32.0` for "+32".
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for a value outside −100..=100 points
    /// (a fraction such as `0.32` is a valid, tiny NPS of 0.32 points; pass
    /// the points as published) or not finite.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind};
    ///
    /// let b = Benchmark::nps("retail banking", BenchmarkKind::Industry { region: None }, 32.0)?;
    /// assert_eq!(b.display_value(), 32.0);
    /// assert_eq!(b.value(), 0.32);
    /// let err = Benchmark::nps("typo", BenchmarkKind::Global, 320.0).unwrap_err();
    /// assert_eq!(err.to_string(), "benchmark NPS 320 is out of range: expected points from -100 to 100");
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn nps(label: impl Into<String>, kind: BenchmarkKind, points: f64) -> Result<Self, Error> {
        Self::net_score(label, kind, Metric::Nps, points).map_err(|_| Error::InvalidArgument {
            name: "benchmark NPS",
            value: points,
            expected: "points from -100 to 100",
        })
    }

    /// A published net score of another metric (a CES net effort score),
    /// in points.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for a value outside −100..=100 points or
    /// not finite.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, Metric};
    ///
    /// let b = Benchmark::net_score("peer", BenchmarkKind::Competitor, Metric::CesAgreement, 40.0)?;
    /// assert_eq!(b.value(), 0.4);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn net_score(
        label: impl Into<String>,
        kind: BenchmarkKind,
        metric: Metric,
        points: f64,
    ) -> Result<Self, Error> {
        let points = Error::check_in("benchmark net score", points, -100.0..=100.0, "points from -100 to 100")?;
        Ok(Self::fixed(label, kind, metric, points / 100.0, Unit::Points))
    }
}

impl Benchmark<Share> {
    /// A published share (CSAT top-2-box, CES "% agree", a rate), in
    /// percent: `78.0` for 78 %.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for a value outside 0..=100 percent or not
    /// finite.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, Metric};
    ///
    /// let b = Benchmark::share("peer CSAT", BenchmarkKind::Competitor, Metric::Csat, 78.0)?;
    /// assert_eq!(b.value(), 0.78);
    /// assert!(Benchmark::share("bad", BenchmarkKind::Global, Metric::Csat, f64::NAN).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn share(label: impl Into<String>, kind: BenchmarkKind, metric: Metric, percent: f64) -> Result<Self, Error> {
        let percent = Error::check_in("benchmark share", percent, 0.0..=100.0, "percent from 0 to 100")?;
        Ok(Self::fixed(label, kind, metric, percent / 100.0, Unit::Percent))
    }
}

impl Benchmark<MeanScore> {
    /// A published mean rating, on the scale (`4.1` on 1–5). Whether it
    /// lies on the estimate's scale is checked when comparing.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for a value that is not finite.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, Metric};
    ///
    /// let b = Benchmark::mean("industry", BenchmarkKind::Global, Metric::CesEffort, 2.5)?;
    /// assert_eq!(b.value(), 2.5);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn mean(label: impl Into<String>, kind: BenchmarkKind, metric: Metric, value: f64) -> Result<Self, Error> {
        let value = Error::check_in(
            "benchmark mean",
            value,
            f64::MIN..=f64::MAX,
            "a finite rating on the estimate's scale",
        )?;
        Ok(Self::fixed(label, kind, metric, value, Unit::Scale))
    }
}

impl<E: Estimate> Benchmark<E> {
    /// A fixed value on the internal scale, checked by the typed constructors.
    fn fixed(label: impl Into<String>, kind: BenchmarkKind, metric: Metric, value: f64, unit: Unit) -> Self {
        Self {
            label: label.into(),
            kind,
            reference: Reference::Fixed {
                metric,
                value,
                se: None,
                unit,
            },
        }
    }

    /// A benchmark whose answers you hold, scored into an estimate: the
    /// comparison is then a two-sample test.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, Nps};
    ///
    /// let last_quarter = Benchmark::sample("Q2", BenchmarkKind::OwnHistory, Nps.score_counts(45, 60, 95)?);
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

    /// Sets the standard error of a fixed value, in the value's display
    /// unit (points for a net score, percent for a share, the scale for a
    /// mean); the comparison then uses `z = (estimate − b)/√(SE² + SE_b²)`
    /// with the plug-in SE of the estimate (METHODS.md §1.5). Treating a
    /// noisy benchmark as exact is anti-conservative.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] when `se` is negative or not finite, or the
    /// benchmark is a sample (its standard error comes from its answers).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind};
    ///
    /// let b = Benchmark::nps("industry", BenchmarkKind::Global, 31.0)?.with_standard_error(2.0)?;
    /// assert_eq!(b.standard_error(), Some(0.02));
    /// assert!(Benchmark::nps("industry", BenchmarkKind::Global, 31.0)?.with_standard_error(-1.0).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn with_standard_error(mut self, se: f64) -> Result<Self, Error> {
        let invalid = |expected| Error::InvalidArgument {
            name: "benchmark standard error",
            value: se,
            expected,
        };
        match &mut self.reference {
            Reference::Fixed { se: slot, unit, .. } if se.is_finite() && se >= 0.0 => {
                *slot = Some(unit.display(1.0).recip() * se);
            }
            Reference::Fixed { .. } => return Err(invalid("a finite value >= 0")),
            Reference::Sample(_) => return Err(invalid("a fixed benchmark (a sample has its own)")),
        }
        Ok(self)
    }

    /// Sets the standard error from a published margin of error at `level`:
    /// "+32 ± 2 (95 %)" is `with_margin(2.0, ConfidenceLevel::P95)`, a
    /// standard error of `2 / 1.96` points.
    ///
    /// Read a published "±" with care: it may be a 95 % margin, a 90 %
    /// margin, or one standard error, and the verdict can flip with the
    /// reading. When the source does not say, ask, or compare under each
    /// reading.
    ///
    /// # Errors
    ///
    /// As [`Benchmark::with_standard_error`], for a negative or non-finite
    /// margin or a sample benchmark.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel};
    ///
    /// let b = Benchmark::nps("industry", BenchmarkKind::Global, 32.0)?.with_margin(2.0, ConfidenceLevel::P95)?;
    /// assert!((b.standard_error().unwrap() - 0.02 / 1.959_963_984_540_054).abs() < 1e-15);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn with_margin(self, margin: f64, level: ConfidenceLevel) -> Result<Self, Error> {
        let margin = Error::check_in(
            "benchmark margin of error",
            margin,
            0.0..f64::INFINITY,
            "a finite value >= 0",
        )?;
        self.with_standard_error(margin / level.z())
    }

    /// The label.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, Metric, NetScore};
    ///
    /// let b = Benchmark::nps("Acme", BenchmarkKind::Competitor, 20.0)?;
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
    /// let b = Benchmark::nps("Acme", BenchmarkKind::Competitor, 20.0)?;
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
    /// let b = Benchmark::nps("Acme", BenchmarkKind::Competitor, 20.0)?;
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

    /// The reference value in display units: points for net scores,
    /// percent for shares, the scale for means.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, Nps};
    ///
    /// let q2 = Benchmark::sample("Q2", BenchmarkKind::OwnHistory, Nps.score_counts(45, 60, 95)?);
    /// assert!((q2.display_value() - 25.0).abs() < 1e-12);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn display_value(&self) -> f64 {
        match &self.reference {
            Reference::Fixed { value, unit, .. } => unit.display(*value),
            Reference::Sample(e) => e.display_value(),
        }
    }

    /// The standard error of a fixed value, if given, or of a sample.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, Metric, NetScore};
    ///
    /// let b = Benchmark::nps("Acme", BenchmarkKind::Competitor, 20.0)?;
    /// assert_eq!(b.standard_error(), None);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn standard_error(&self) -> Option<f64> {
        match &self.reference {
            Reference::Fixed { se, .. } => *se,
            Reference::Sample(e) => e.se(INTERNAL),
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
    /// let ces1 = CesEffort.score(&Tally::<Likert5>::from_raw(&[2, 1, 3])?)?;
    /// let b = Benchmark::sample("other survey", BenchmarkKind::OwnHistory, ces1);
    /// let err = b.compare(&ces2, ConfidenceLevel::P95).unwrap_err();
    /// assert_eq!(err.to_string(), "cannot compare CES 2.0 mean on the 1–7 scale with CES 1.0 effort mean on the 1–5 scale");
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn compare(&self, estimate: &E, level: ConfidenceLevel) -> Result<Comparison, Error> {
        let value = self.value();
        let (difference, interval, test) = match &self.reference {
            Reference::Fixed { metric, value, se, .. } => {
                let label = estimate.label(INTERNAL);
                if *metric != label.metric {
                    return Err(Error::Mismatch {
                        left: label.to_string(),
                        right: format!("a benchmark of {metric}"),
                    });
                }
                let value = label.check_value(*value)?;
                let d = estimate.value() - value;
                match se {
                    None => {
                        let (interval, test) = estimate.against_value(value, level, INTERNAL)?;
                        let shifted = interval.map(|i| {
                            let limits = (i.lower() - value, i.upper() - value);
                            Interval::new(d, limits, level, i.method(), i.unit())
                        });
                        (d, shifted, test)
                    }
                    Some(se_b) => {
                        let se = estimate.se(INTERNAL).map(|s| s.hypot(*se_b));
                        let z = se.and_then(|se| ratio(d, se));
                        let interval = se.map(|se| {
                            // A difference cannot leave ±(the range's width):
                            // clip, so a huge benchmark SE gives the widest
                            // possible interval, not [−∞, ∞].
                            let (lo, hi) = label.range();
                            let (width, half) = (hi - lo, level.z() * se);
                            let limits = ((d - half).max(-width), (d + half).min(width));
                            Interval::new(d, limits, level, IntervalMethod::Wald, label.unit())
                        });
                        (d, interval, Test::z(z, TestMethod::Wald))
                    }
                }
            }
            Reference::Sample(reference) => {
                estimate.label(INTERNAL).check_comparable(reference.label(INTERNAL))?;
                let d = estimate.value() - reference.value();
                match estimate.against_sample(reference, level, INTERNAL)? {
                    Some(diff) => (d, Some(diff.interval()), diff.test()),
                    None => (d, None, Test::p_only(None, TestMethod::Welch)),
                }
            }
        };
        Ok(Comparison::new(
            self.label.clone(),
            self.kind.clone(),
            (estimate.value(), value, difference),
            (interval, test, level),
            (estimate.orientation(), estimate.unit()),
        ))
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
    /// use cxmetrics::inference::Adjustment;
    /// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps};
    ///
    /// let target = Benchmark::nps("target", BenchmarkKind::Global, 30.0)?;
    /// let regions = [("north", Nps.score_counts(30, 50, 120)?), ("south", Nps.score_counts(2, 3, 5)?)];
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
