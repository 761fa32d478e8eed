//! Comparisons with a benchmark: the difference, its interval, the test,
//! and a verdict that respects sampling error; rankings against several
//! benchmarks; multiplicity adjustment across a family of comparisons.

use core::fmt;

use crate::inference::{Adjustment, ConfidenceLevel, Interval, Test, Unit};
use crate::{Benchmark, BenchmarkKind, Error, Estimate, Orientation};

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
/// p-values adjusted for multiplicity across the competitors. The position
/// is 1 + the number of competitors strictly better: a tie does not push
/// the estimate down.
///
/// # Errors
///
/// As [`Benchmark::compare`].
///
/// # Example
///
/// ```
/// use cxmetrics::inference::Adjustment;
/// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps, rank};
///
/// let ours = Nps.score_counts(30, 50, 120)?; // +45
/// let rivals = [
///     Benchmark::sample("Acme", BenchmarkKind::Competitor, Nps.score_counts(20, 60, 120)?), // +50
///     Benchmark::nps("Globex", BenchmarkKind::Competitor, 20.0)?,
/// ];
/// let r = rank(&ours, &rivals, ConfidenceLevel::P95, Adjustment::Holm)?;
/// assert_eq!((r.position(), r.of()), (2, 3));
/// assert_eq!(r.detectable().count(), 1); // clearly ahead of Globex; Acme's lead is within noise
///
/// let tied = [Benchmark::nps("Initech", BenchmarkKind::Competitor, 45.0)?];
/// assert_eq!(rank(&ours, &tied, ConfidenceLevel::P95, Adjustment::Holm)?.position(), 1);
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
/// use cxmetrics::inference::Adjustment;
/// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps, rank};
///
/// let r = rank(&Nps.score_counts(1, 1, 8)?, &[], ConfidenceLevel::P95, Adjustment::Holm)?;
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
    /// ```
    /// use cxmetrics::inference::Adjustment;
    /// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps, rank};
    ///
    /// let ours = Nps.score_counts(30, 50, 120)?; // +45
    /// let rivals = [Benchmark::nps("Globex", BenchmarkKind::Competitor, 60.0)?];
    /// let r = rank(&ours, &rivals, ConfidenceLevel::P95, Adjustment::Holm)?;
    /// assert_eq!(r.position(), 2); // behind Globex's +60
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn position(&self) -> usize {
        self.position
    }

    /// How many were ranked (the competitors plus the estimate).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::inference::Adjustment;
    /// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps, rank};
    ///
    /// let rivals = [
    ///     Benchmark::nps("Globex", BenchmarkKind::Competitor, 20.0)?,
    ///     Benchmark::nps("Initech", BenchmarkKind::Competitor, 10.0)?,
    /// ];
    /// let r = rank(&Nps.score_counts(30, 50, 120)?, &rivals, ConfidenceLevel::P95, Adjustment::Holm)?;
    /// assert_eq!(r.of(), 3); // two rivals and us
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn of(&self) -> usize {
        self.of
    }

    /// One comparison per competitor, in input order, with adjusted p-values.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::inference::Adjustment;
    /// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps, rank};
    ///
    /// let rivals = [
    ///     Benchmark::nps("Globex", BenchmarkKind::Competitor, 20.0)?,
    ///     Benchmark::nps("Initech", BenchmarkKind::Competitor, 60.0)?,
    /// ];
    /// let r = rank(&Nps.score_counts(30, 50, 120)?, &rivals, ConfidenceLevel::P95, Adjustment::Holm)?;
    /// let labels: Vec<&str> = r.comparisons().iter().map(|c| c.benchmark()).collect();
    /// assert_eq!(labels, ["Globex", "Initech"]); // input order, not rank order
    /// assert!(r.comparisons().iter().all(|c| c.p_value() >= c.test().p_value()));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn comparisons(&self) -> &[Comparison] {
        &self.comparisons
    }

    /// The comparisons whose gap is detectable at the chosen level.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::inference::Adjustment;
    /// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps, Verdict, rank};
    ///
    /// let rivals = [
    ///     Benchmark::nps("Globex", BenchmarkKind::Competitor, 20.0)?,  // far behind us
    ///     Benchmark::nps("Initech", BenchmarkKind::Competitor, 47.0)?, // within noise
    /// ];
    /// let r = rank(&Nps.score_counts(30, 50, 120)?, &rivals, ConfidenceLevel::P95, Adjustment::Holm)?;
    /// let clear: Vec<(&str, Verdict)> = r.detectable().map(|c| (c.benchmark(), c.verdict())).collect();
    /// assert_eq!(clear, [("Globex", Verdict::Above)]);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
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
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
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
/// let b = Benchmark::nps("industry", BenchmarkKind::Global, 50.0)?;
/// let c = b.compare(&Nps.score_counts(2, 3, 5)?, ConfidenceLevel::P95)?;
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
    unit: Unit,
    verdict: Verdict,
}

impl Comparison {
    /// A comparison of `estimate` with `reference` (their `difference`),
    /// decided at `level`.
    pub(crate) fn new(
        benchmark: String,
        kind: BenchmarkKind,
        (estimate, reference, difference): (f64, f64, f64),
        (interval, test, level): (Option<Interval>, Test, ConfidenceLevel),
        (orientation, unit): (Orientation, Unit),
    ) -> Self {
        let mut c = Self {
            subject: None,
            benchmark,
            kind,
            estimate,
            reference,
            difference,
            interval,
            test,
            adjusted_p: None,
            level,
            orientation,
            unit,
            verdict: Verdict::NoDetectableDifference,
        };
        c.verdict = c.decide();
        c
    }

    /// The confidence level of the comparison's interval and verdict.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Nps};
    ///
    /// let b = Benchmark::nps("target", BenchmarkKind::Global, 30.0)?;
    /// let c = b.compare(&Nps.score_counts(30, 50, 120)?, ConfidenceLevel::P90)?;
    /// assert_eq!(c.level(), ConfidenceLevel::P90);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn level(&self) -> ConfidenceLevel {
        self.level
    }

    /// The unit the comparison displays in (points for net scores, percent
    /// for shares, the scale for means).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::inference::Unit;
    /// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps};
    ///
    /// let b = Benchmark::nps("target", BenchmarkKind::Global, 30.0)?;
    /// let c = b.compare(&Nps.score_counts(30, 50, 120)?, ConfidenceLevel::P95)?;
    /// assert_eq!(c.unit(), Unit::Points);
    /// assert!((c.display_difference() - 15.0).abs() < 1e-9);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn unit(&self) -> Unit {
        self.unit
    }

    /// The difference in display units ([`Comparison::unit`]).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps};
    ///
    /// let b = Benchmark::nps("target", BenchmarkKind::Global, 50.0)?;
    /// let c = b.compare(&Nps.score_counts(30, 50, 120)?, ConfidenceLevel::P95)?;
    /// assert!((c.display_difference() + 5.0).abs() < 1e-9);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn display_difference(&self) -> f64 {
        self.unit.display(self.difference)
    }

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
    /// ```
    /// use cxmetrics::inference::Adjustment;
    /// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps};
    ///
    /// let target = Benchmark::nps("target", BenchmarkKind::Global, 30.0)?;
    /// let north = Nps.score_counts(30, 50, 120)?;
    /// let family = target.compare_each(&[("north", north)], ConfidenceLevel::P95, Adjustment::Holm)?;
    /// assert_eq!(family[0].subject(), Some("north"));
    /// assert_eq!(target.compare(&north, ConfidenceLevel::P95)?.subject(), None); // a lone comparison has no label
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
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
    /// let b = Benchmark::nps("industry", BenchmarkKind::Global, 50.0)?;
    /// assert_eq!(b.compare(&Nps.score_counts(2, 3, 5)?, ConfidenceLevel::P95)?.benchmark(), "industry");
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
    /// let b = Benchmark::nps("industry", BenchmarkKind::Global, 50.0)?;
    /// assert_eq!(b.compare(&Nps.score_counts(2, 3, 5)?, ConfidenceLevel::P95)?.kind(), &BenchmarkKind::Global);
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
    /// let b = Benchmark::nps("industry", BenchmarkKind::Global, 50.0)?;
    /// assert!((b.compare(&Nps.score_counts(2, 3, 5)?, ConfidenceLevel::P95)?.estimate() - 0.3).abs() < 1e-15);
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
    /// let b = Benchmark::nps("industry", BenchmarkKind::Global, 50.0)?;
    /// assert_eq!(b.compare(&Nps.score_counts(2, 3, 5)?, ConfidenceLevel::P95)?.reference(), 0.5);
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
    /// let b = Benchmark::nps("industry", BenchmarkKind::Global, 50.0)?;
    /// assert!((b.compare(&Nps.score_counts(2, 3, 5)?, ConfidenceLevel::P95)?.difference() + 0.2).abs() < 1e-15);
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
    /// let b = Benchmark::nps("industry", BenchmarkKind::Global, 30.0)?;
    /// let i = b.compare(&Nps.score_counts(30, 50, 120)?, ConfidenceLevel::P95)?.interval().unwrap();
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
    /// use cxmetrics::inference::TestMethod;
    /// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Metric, Nps};
    ///
    /// let b = Benchmark::nps("industry", BenchmarkKind::Global, 30.0)?;
    /// assert_eq!(b.compare(&Nps.score_counts(30, 50, 120)?, ConfidenceLevel::P95)?.test().method(), TestMethod::Score);
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
    /// let b = Benchmark::nps("industry", BenchmarkKind::Global, 30.0)?;
    /// let c = b.compare(&Nps.score_counts(30, 50, 120)?, ConfidenceLevel::P95)?;
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
    /// let b = Benchmark::nps("industry", BenchmarkKind::Global, 30.0)?;
    /// assert_eq!(b.compare(&Nps.score_counts(30, 50, 120)?, ConfidenceLevel::P95)?.verdict(), Verdict::Above);
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
    /// let effort = CesEffort.score(&Tally::<Likert5>::from_counts(&[0, 2, 2, 6, 10])?)?;
    /// let b = Benchmark::mean("industry", BenchmarkKind::Global, Metric::CesEffort, 2.5)?;
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

    /// Whether the difference matters in practice: judged against a
    /// minimum practical difference `delta` in display units (points for
    /// net scores, percent for shares, the scale for means), from the
    /// interval of the difference at the comparison's level.
    ///
    /// - [`PracticalVerdict::BetterByAtLeast`] / [`WorseByAtLeast`]: the
    ///   whole interval lies beyond `delta` on the better / worse side
    ///   (orientation-aware: lower effort is better);
    /// - [`PracticalVerdict::NoChangeLargerThan`]: the whole interval lies
    ///   inside `±delta` (equivalence, as two one-sided tests at `α/2`);
    /// - [`PracticalVerdict::NotEnoughData`]: the interval reaches both
    ///   inside and beyond `delta`, or is undefined.
    ///
    /// A detectable difference can be practically negligible at large `n`,
    /// and "no detectable difference" is not "no difference": this verdict
    /// says which.
    ///
    /// [`WorseByAtLeast`]: PracticalVerdict::WorseByAtLeast
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) when
    /// `delta` is negative or not finite.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Nps, PracticalVerdict, Verdict};
    ///
    /// // 40,000 answers a week: a 1.5-point rise is detectable, but not 3 points' worth.
    /// let before = Benchmark::sample("last week", BenchmarkKind::OwnHistory, Nps.score_counts(8_000, 12_000, 20_000)?);
    /// let now = Nps.score_counts(7_700, 12_000, 20_300)?;
    /// let c = before.compare(&now, ConfidenceLevel::P95)?;
    /// assert_eq!(c.verdict(), Verdict::Above);
    /// assert_eq!(c.practical(3.0)?, PracticalVerdict::NoChangeLargerThan);
    /// assert_eq!(c.practical(0.25)?, PracticalVerdict::BetterByAtLeast);
    /// assert_eq!(c.practical(1.5)?, PracticalVerdict::NotEnoughData);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn practical(&self, delta: f64) -> Result<PracticalVerdict, crate::Error> {
        let delta = crate::Error::check_in(
            "minimum practical difference",
            delta,
            0.0..f64::INFINITY,
            "a finite value >= 0 in display units (points, percent or scale)",
        )?;
        let Some(i) = self.interval else {
            return Ok(PracticalVerdict::NotEnoughData);
        };
        let (lower, upper) = (i.display_lower(), i.display_upper());
        let higher_is_better = self.orientation == Orientation::HigherIsBetter;
        Ok(if lower > delta || upper < -delta {
            if (lower > delta) == higher_is_better {
                PracticalVerdict::BetterByAtLeast
            } else {
                PracticalVerdict::WorseByAtLeast
            }
        } else if lower > -delta && upper < delta {
            PracticalVerdict::NoChangeLargerThan
        } else {
            PracticalVerdict::NotEnoughData
        })
    }
}

/// Whether a difference matters in practice, against a minimum practical
/// difference `δ` ([`Comparison::practical`]); beside the significance
/// [`Verdict`].
///
/// # Example
///
/// ```
/// use cxmetrics::PracticalVerdict;
///
/// assert_eq!(PracticalVerdict::NoChangeLargerThan.to_string(), "no change larger than the minimum difference");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum PracticalVerdict {
    /// Better by at least `δ`: the whole interval lies beyond `δ` on the
    /// better side.
    BetterByAtLeast,
    /// Worse by at least `δ`.
    WorseByAtLeast,
    /// No change larger than `δ`: the whole interval lies inside `±δ`.
    NoChangeLargerThan,
    /// Not enough data to tell: the interval reaches both inside and beyond
    /// `δ`.
    NotEnoughData,
}

impl fmt::Display for PracticalVerdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::BetterByAtLeast => "better by at least the minimum difference",
            Self::WorseByAtLeast => "worse by at least the minimum difference",
            Self::NoChangeLargerThan => "no change larger than the minimum difference",
            Self::NotEnoughData => "not enough data to tell",
        })
    }
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(s) = &self.subject {
            write!(f, "{s}: ")?;
        }
        let u = self.unit;
        let p = f.precision().unwrap_or(1);
        let suffix = crate::inference::suffix(u);
        write!(
            f,
            "{:+.p$}{suffix} vs {} ({}) {:.p$}{suffix}",
            u.display(self.difference),
            self.benchmark,
            self.kind,
            u.display(self.reference)
        )?;
        if let Some(i) = self.interval {
            write!(
                f,
                ", difference [{:+.p$}, {:+.p$}]{suffix}",
                i.display_lower(),
                i.display_upper()
            )?;
        }
        write!(f, ", {}: {}", crate::inference::PValue(self.p_value()), self.verdict)
    }
}
