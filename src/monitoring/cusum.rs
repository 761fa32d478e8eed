//! The multinomial likelihood-ratio CUSUM drop detector (Page 1954), with
//! a false-alarm guarantee from Ville's inequality.

use core::fmt::Debug;

use crate::monitoring::counts::{Trinomial, probability};
use crate::stats::normal_quantile;
use crate::{ConfidenceLevel, Error, RatingSet, Scale, Tally, ZeroToTen};

/// How the in-control reference taken from a baseline sample is treated.
///
/// A baseline (last quarter's answers) is itself a sample: if it happened
/// to come out high, in-control data look like a drop and the detector
/// alarms more often than its stated rate. [`Baseline::Exact`] ignores
/// this (right for a baseline of many thousands of answers, or a reference
/// you know); [`Baseline::LowerBound`] (the default, at 90 %) moves the
/// reference down to the baseline's one-sided lower confidence bound,
/// `score − z·SE`, so that a lucky baseline does not raise false alarms,
/// at the price of a slightly later alarm after a real drop.
///
/// # Example
///
/// ```
/// use cxmetrics::monitoring::Baseline;
/// use cxmetrics::ConfidenceLevel;
///
/// assert_eq!(Baseline::default(), Baseline::LowerBound(ConfidenceLevel::P90));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum Baseline {
    /// Treat the baseline's category shares as the true in-control
    /// distribution.
    Exact,
    /// Tilt the baseline's shares down to the one-sided lower confidence
    /// bound of its score, `score − Φ⁻¹(level)·SE`, and use that as the
    /// in-control reference.
    LowerBound(ConfidenceLevel),
}

impl Default for Baseline {
    fn default() -> Self {
        Self::LowerBound(ConfidenceLevel::P90)
    }
}

/// A drop alarm: when it fired, since when the score has been low, and the
/// score over that stretch.
///
/// # Example
///
/// ```
/// use cxmetrics::monitoring::{Baseline, DropDetector};
/// use cxmetrics::{Tally, ZeroToTen};
///
/// let baseline = Tally::<ZeroToTen>::from_counts(&[20, 0, 0, 0, 0, 0, 0, 30, 0, 0, 50])?; // NPS +30
/// let mut detector = DropDetector::nps(&baseline, 0.10, 0.01, Baseline::Exact)?;
/// let steady = Tally::<ZeroToTen>::from_counts(&[20, 0, 0, 0, 0, 0, 0, 30, 0, 0, 50])?;
/// let bad_week = Tally::<ZeroToTen>::from_counts(&[40, 0, 0, 0, 0, 0, 0, 30, 0, 0, 30])?; // NPS −10
/// assert!(detector.push(1, &steady)?.is_none());
/// let mut alarm = None;
/// for week in 2..=10 {
///     if let Some(a) = detector.push(week, &bad_week)? {
///         alarm = Some(a);
///         break;
///     }
/// }
/// let alarm = alarm.expect("weeks at −10 against +30");
/// assert_eq!(alarm.since(), 2);
/// assert_eq!(alarm.periods(), alarm.period() - 1);
/// assert!((alarm.estimate() + 0.10).abs() < 1e-12);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Alarm<P> {
    period: P,
    since: P,
    periods: u64,
    statistic: f64,
    threshold: f64,
    counts: [u64; 3],
}

impl<P: Copy> Alarm<P> {
    /// The period whose tally took the statistic over the threshold.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Baseline, DropDetector};
    /// use cxmetrics::{Tally, ZeroToTen};
    ///
    /// let baseline = Tally::<ZeroToTen>::from_counts(&[20, 0, 0, 0, 0, 0, 0, 30, 0, 0, 50])?;
    /// let mut d = DropDetector::nps(&baseline, 0.10, 0.01, Baseline::Exact)?;
    /// let bad = Tally::<ZeroToTen>::from_counts(&[400, 0, 0, 0, 0, 0, 0, 300, 0, 0, 300])?;
    /// let alarm = d.push(7, &bad)?.expect("a 40-point drop on 1,000 answers");
    /// assert_eq!(alarm.period(), 7);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn period(&self) -> P {
        self.period
    }

    /// The first period of the stretch that raised the alarm: the period
    /// after the statistic was last zero, the CUSUM estimate of when the
    /// drop began.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Baseline, DropDetector};
    /// use cxmetrics::{Tally, ZeroToTen};
    ///
    /// let baseline = Tally::<ZeroToTen>::from_counts(&[20, 0, 0, 0, 0, 0, 0, 30, 0, 0, 50])?;
    /// let mut d = DropDetector::nps(&baseline, 0.10, 0.01, Baseline::Exact)?;
    /// let bad = Tally::<ZeroToTen>::from_counts(&[400, 0, 0, 0, 0, 0, 0, 300, 0, 0, 300])?;
    /// assert_eq!(d.push(7, &bad)?.map(|a| a.since()), Some(7));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn since(&self) -> P {
        self.since
    }

    /// The number of periods from [`since`](Self::since) to
    /// [`period`](Self::period), both included.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Baseline, DropDetector};
    /// use cxmetrics::{Tally, ZeroToTen};
    ///
    /// let baseline = Tally::<ZeroToTen>::from_counts(&[20, 0, 0, 0, 0, 0, 0, 30, 0, 0, 50])?;
    /// let mut d = DropDetector::nps(&baseline, 0.10, 0.01, Baseline::Exact)?;
    /// let bad = Tally::<ZeroToTen>::from_counts(&[400, 0, 0, 0, 0, 0, 0, 300, 0, 0, 300])?;
    /// assert_eq!(d.push(7, &bad)?.map(|a| a.periods()), Some(1));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn periods(&self) -> u64 {
        self.periods
    }

    /// The CUSUM statistic at the alarm, a log-likelihood ratio in nats.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Baseline, DropDetector};
    /// use cxmetrics::{Tally, ZeroToTen};
    ///
    /// let baseline = Tally::<ZeroToTen>::from_counts(&[20, 0, 0, 0, 0, 0, 0, 30, 0, 0, 50])?;
    /// let mut d = DropDetector::nps(&baseline, 0.10, 0.01, Baseline::Exact)?;
    /// let bad = Tally::<ZeroToTen>::from_counts(&[400, 0, 0, 0, 0, 0, 0, 300, 0, 0, 300])?;
    /// let alarm = d.push(7, &bad)?.expect("alarm");
    /// assert!(alarm.statistic() >= alarm.threshold());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn statistic(&self) -> f64 {
        self.statistic
    }

    /// The threshold `ln(1/α)` the statistic crossed.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Baseline, DropDetector};
    /// use cxmetrics::{Tally, ZeroToTen};
    ///
    /// let baseline = Tally::<ZeroToTen>::from_counts(&[20, 0, 0, 0, 0, 0, 0, 30, 0, 0, 50])?;
    /// let mut d = DropDetector::nps(&baseline, 0.10, 0.01, Baseline::Exact)?;
    /// let bad = Tally::<ZeroToTen>::from_counts(&[400, 0, 0, 0, 0, 0, 0, 300, 0, 0, 300])?;
    /// assert!((d.push(7, &bad)?.expect("alarm").threshold() - 100f64.ln()).abs() < 1e-12);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn threshold(&self) -> f64 {
        self.threshold
    }

    /// The score over the stretch `since..=period` (a fraction: the net
    /// score, or the share for a share detector): what the score has been
    /// since the drop began.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Baseline, DropDetector};
    /// use cxmetrics::{Tally, ZeroToTen};
    ///
    /// let baseline = Tally::<ZeroToTen>::from_counts(&[20, 0, 0, 0, 0, 0, 0, 30, 0, 0, 50])?;
    /// let mut d = DropDetector::nps(&baseline, 0.10, 0.01, Baseline::Exact)?;
    /// let bad = Tally::<ZeroToTen>::from_counts(&[400, 0, 0, 0, 0, 0, 0, 300, 0, 0, 300])?;
    /// assert!((d.push(7, &bad)?.expect("alarm").estimate() + 0.1).abs() < 1e-12);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn estimate(&self) -> f64 {
        let [neg, _, pos] = self.counts;
        (pos as f64 - neg as f64) / self.n() as f64
    }

    /// The number of answers over the stretch.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Baseline, DropDetector};
    /// use cxmetrics::{Tally, ZeroToTen};
    ///
    /// let baseline = Tally::<ZeroToTen>::from_counts(&[20, 0, 0, 0, 0, 0, 0, 30, 0, 0, 50])?;
    /// let mut d = DropDetector::nps(&baseline, 0.10, 0.01, Baseline::Exact)?;
    /// let bad = Tally::<ZeroToTen>::from_counts(&[400, 0, 0, 0, 0, 0, 0, 300, 0, 0, 300])?;
    /// assert_eq!(d.push(7, &bad)?.expect("alarm").n(), 1000);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn n(&self) -> u64 {
        self.counts.iter().fold(0u64, |a, &b| a.saturating_add(b))
    }

    /// Negative, neutral and positive counts over the stretch (detractors,
    /// passives, promoters; for a share: 0, others, positives).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Baseline, DropDetector};
    /// use cxmetrics::{Tally, ZeroToTen};
    ///
    /// let baseline = Tally::<ZeroToTen>::from_counts(&[20, 0, 0, 0, 0, 0, 0, 30, 0, 0, 50])?;
    /// let mut d = DropDetector::nps(&baseline, 0.10, 0.01, Baseline::Exact)?;
    /// let bad = Tally::<ZeroToTen>::from_counts(&[400, 0, 0, 0, 0, 0, 0, 300, 0, 0, 300])?;
    /// assert_eq!(d.push(7, &bad)?.expect("alarm").counts(), [400, 300, 300]);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn counts(&self) -> [u64; 3] {
        self.counts
    }
}

/// A drop detector with a stated false-alarm rate: the multinomial
/// likelihood-ratio CUSUM of Page (1954) on period tallies.
///
/// # Formula
///
/// In control the categories (negative, neutral, positive) have shares
/// `θ₀`, from a baseline tally ([`Baseline`]); the drop worth catching is
/// the alternative `θ₁`, the distribution closest to `θ₀` (in
/// Kullback–Leibler divergence) whose score is `drop` lower: the
/// exponential tilt `θ₁ₖ ∝ θ₀ₖ·e^{λcₖ}` with `c = (−1, 0, 1)` (net score)
/// or `(0, 0, 1)` (share) and `λ < 0` solving for the score. Each period's
/// tally updates
/// `W_t = max(0, W_{t−1} + Σ_k n_{t,k}·ln(θ₁ₖ/θ₀ₖ))`, and the detector
/// alarms when `W_t ≥ ln(1/α)`, then restarts from zero.
///
/// # Guarantee
///
/// `W_t` crosses the threshold exactly when, for some start `s ≤ t`, the
/// likelihood ratio of the periods `s..=t` reaches `1/α`; under the
/// in-control distribution each start does so with probability at most
/// `α` (Ville's inequality). Hence:
/// - the in-control average run length is at least `1/α` periods (Lorden
///   1971): `α = 0.01` on weekly tallies means at least 100 weeks between
///   false alarms on average;
/// - the probability of any false alarm within the first `T` periods is at
///   most `T·α`: for at most 5 % false alarms over a year of weekly looks,
///   pass `α = 0.05/52`.
///
/// Both hold for any number of answers per period, including empty
/// periods, and are checked by simulation in the `monitoring` example
/// (in-control false-alarm rate, run length and detection delays; table
/// in the README). The guarantee is for the in-control distribution the
/// detector was given: with a baseline estimated from a sample see
/// [`Baseline`].
///
/// # Example
///
/// ```
/// use cxmetrics::monitoring::{Baseline, DropDetector};
/// use cxmetrics::{Tally, ZeroToTen};
///
/// // Last quarter: 1,300 answers at NPS +30. Catch a 10-point drop, at most
/// // 5 % false alarms over a year of weekly looks.
/// let baseline = Tally::<ZeroToTen>::from_counts(&[260, 0, 0, 0, 0, 0, 0, 390, 0, 0, 650])?;
/// let mut detector = DropDetector::nps(&baseline, 0.10, 0.05 / 52.0, Baseline::default())?;
/// let steady = Tally::<ZeroToTen>::from_counts(&[20, 0, 0, 0, 0, 0, 0, 30, 0, 0, 50])?; // +30
/// let worse = Tally::<ZeroToTen>::from_counts(&[30, 0, 0, 0, 0, 0, 0, 30, 0, 0, 40])?;  // +10
/// let weeks = [(1, &steady), (2, &steady), (3, &worse), (4, &worse), (5, &worse), (6, &worse)];
/// let alarms = detector.run(weeks)?;
/// assert_eq!(alarms.len(), 1);
/// assert_eq!(alarms[0].since(), 3); // the drop began in week 3
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct DropDetector<S: Scale, P> {
    /// Category of each scale point: 0 negative, 1 neutral, 2 positive.
    category: [u8; 11],
    /// `ln(θ₁ₖ/θ₀ₖ)` per category.
    log_ratio: [f64; 3],
    reference: [f64; 3],
    alternative: [f64; 3],
    threshold: f64,
    statistic: f64,
    since: Option<P>,
    periods: u64,
    counts: [u64; 3],
    last: Option<P>,
    alarms: Vec<Alarm<P>>,
    scale: core::marker::PhantomData<fn() -> S>,
}

impl<P: Copy + Ord + Debug> DropDetector<ZeroToTen, P> {
    /// A detector for an NPS drop of `drop` (a fraction: `0.10` is 10
    /// points) from the in-control NPS of a `baseline` tally, with
    /// false-alarm rate `alpha` per restart (threshold `ln(1/α)`).
    ///
    /// # Errors
    ///
    /// - [`Error::EmptySample`] for an empty baseline;
    /// - [`Error::InvalidArgument`] when `alpha` is not strictly between 0
    ///   and 1 (e.g. `5.0`), or `drop` is not positive or cannot be
    ///   reached from the baseline (e.g. `0.5` from an NPS of −0.8, or any
    ///   drop below 0 when the baseline has no detractors).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Baseline, DropDetector};
    /// use cxmetrics::{Tally, ZeroToTen};
    ///
    /// let baseline = Tally::<ZeroToTen>::from_counts(&[20, 0, 0, 0, 0, 0, 0, 30, 0, 0, 50])?;
    /// let d = DropDetector::<_, u32>::nps(&baseline, 0.05, 0.001, Baseline::Exact)?;
    /// let [neg, _, pos] = d.alternative();
    /// assert!((pos - neg - 0.25).abs() < 1e-9);
    /// assert!(DropDetector::<_, u32>::nps(&baseline, 0.05, 5.0, Baseline::Exact).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn nps(baseline: &Tally<ZeroToTen>, drop: f64, alpha: f64, handling: Baseline) -> Result<Self, Error> {
        let mut category = [1u8; 11];
        category[..7].fill(0);
        category[9] = 2;
        category[10] = 2;
        let t = Trinomial::nps(baseline, "baseline")?;
        Self::build(category, t, [-1.0, 0.0, 1.0], drop, alpha, handling)
    }
}

impl<S: Scale, P: Copy + Ord + Debug> DropDetector<S, P> {
    /// A detector for a drop in any net score of a tally (`positive` minus
    /// `negative` ratings); see [`DropDetector::nps`].
    ///
    /// # Errors
    ///
    /// As [`DropDetector::nps`], and [`Error::InvalidArgument`] when a
    /// rating is in both sets.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Baseline, DropDetector};
    /// use cxmetrics::{Likert5, RatingSet, Tally};
    ///
    /// let baseline = Tally::<Likert5>::from_counts(&[100, 100, 200, 300, 300])?;
    /// let top = RatingSet::range(Likert5::new(4)?, Likert5::new(5)?)?;
    /// let bottom = RatingSet::range(Likert5::new(1)?, Likert5::new(2)?)?;
    /// let d = DropDetector::<_, u32>::net_score(&baseline, top, bottom, 0.1, 0.01, Baseline::Exact)?;
    /// assert!((d.reference()[2] - 0.6).abs() < 1e-12);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn net_score(
        baseline: &Tally<S>,
        positive: RatingSet<S>,
        negative: RatingSet<S>,
        drop: f64,
        alpha: f64,
        handling: Baseline,
    ) -> Result<Self, Error> {
        let t = Trinomial::from_sets(baseline, positive, negative, "baseline")?;
        let mut category = [1u8; 11];
        for (i, r) in S::all_ratings().enumerate() {
            if positive.contains(r) {
                category[i] = 2;
            } else if negative.contains(r) {
                category[i] = 0;
            }
        }
        Self::build(category, t, [-1.0, 0.0, 1.0], drop, alpha, handling)
    }

    /// A detector for a drop of `drop` in the share of `positive` ratings
    /// (a top-box CSAT, a CES 2.0 agreement share); see
    /// [`DropDetector::nps`]. Alarms report the share as
    /// [`Alarm::estimate`].
    ///
    /// # Errors
    ///
    /// As [`DropDetector::nps`]; a drop must leave the share above 0.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Baseline, DropDetector};
    /// use cxmetrics::{Likert5, RatingSet, Tally};
    ///
    /// let baseline = Tally::<Likert5>::from_counts(&[50, 50, 100, 400, 400])?; // 80 % top-2
    /// let top2 = RatingSet::range(Likert5::new(4)?, Likert5::new(5)?)?;
    /// let mut d = DropDetector::share(&baseline, top2, 0.05, 0.01, Baseline::Exact)?;
    /// let bad = Tally::<Likert5>::from_counts(&[100, 100, 100, 350, 350])?; // 70 %
    /// let alarm = d.push("2026-W14", &bad)?.expect("a 10-point drop on 1,000 answers");
    /// assert!((alarm.estimate() - 0.7).abs() < 1e-12);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn share(
        baseline: &Tally<S>,
        positive: RatingSet<S>,
        drop: f64,
        alpha: f64,
        handling: Baseline,
    ) -> Result<Self, Error> {
        if baseline.is_empty() {
            return Err(Error::EmptySample { statistic: "baseline" });
        }
        let mut category = [1u8; 11];
        let mut successes = 0;
        for (i, (r, count)) in baseline.iter().enumerate() {
            if positive.contains(r) {
                category[i] = 2;
                successes += count;
            }
        }
        let t = Trinomial::new(0, baseline.total() - successes, successes, "baseline")?;
        Self::build(category, t, [0.0, 0.0, 1.0], drop, alpha, handling)
    }

    fn build(
        category: [u8; 11],
        t: Trinomial,
        c: [f64; 3],
        drop: f64,
        alpha: f64,
        handling: Baseline,
    ) -> Result<Self, Error> {
        let alpha = probability("false-alarm rate", alpha)?;
        if !(drop > 0.0 && drop <= 2.0) {
            return Err(Error::InvalidArgument {
                name: "drop",
                value: drop,
                expected: "a positive drop on the fraction scale, e.g. 0.05 for 5 points",
            });
        }
        let n = t.n() as f64;
        let base = t.as_f64().map(|k| k / n);
        let score = |theta: &[f64; 3]| theta.iter().zip(c).map(|(p, c)| p * c).sum::<f64>();
        let observed = score(&base);
        let reference_score = match handling {
            Baseline::Exact => observed,
            Baseline::LowerBound(level) => {
                let second: f64 = base.iter().zip(c).map(|(p, c)| p * c * c).sum();
                let se = ((second - observed * observed).max(0.0) / n).sqrt();
                observed - normal_quantile(level.get()) * se
            }
        };
        let lambda0 = tilt_to(&base, c, reference_score).ok_or(Error::InvalidArgument {
            name: "baseline lower bound",
            value: reference_score,
            expected: "a score the baseline's categories can reach; use Baseline::Exact for tiny baselines",
        })?;
        let lambda1 = tilt_to(&base, c, reference_score - drop).ok_or(Error::InvalidArgument {
            name: "drop",
            value: drop,
            expected: "a drop that leaves the score above the lowest value the baseline's categories can reach",
        })?;
        let reference = tilt(&base, c, lambda0);
        let alternative = tilt(&base, c, lambda1);
        let log_ratio =
            [0, 1, 2].map(|k| (lambda1 - lambda0) * c[k] - log_mgf(&base, c, lambda1) + log_mgf(&base, c, lambda0));
        Ok(Self {
            category,
            log_ratio,
            reference,
            alternative,
            threshold: -alpha.ln(),
            statistic: 0.0,
            since: None,
            periods: 0,
            counts: [0; 3],
            last: None,
            alarms: Vec::new(),
            scale: core::marker::PhantomData,
        })
    }

    /// Adds one period's tally; returns the alarm if this period raised
    /// one (after which the statistic restarts from zero). An empty tally
    /// is a period without answers and leaves the statistic unchanged.
    ///
    /// # Errors
    ///
    /// [`Error::PeriodOrder`] when `period` is not after the previous
    /// period pushed (the same week twice, or week 14 after week 15); the
    /// detector is left unchanged.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Baseline, DropDetector};
    /// use cxmetrics::{Tally, ZeroToTen};
    ///
    /// let baseline = Tally::<ZeroToTen>::from_counts(&[20, 0, 0, 0, 0, 0, 0, 30, 0, 0, 50])?;
    /// let mut d = DropDetector::nps(&baseline, 0.10, 0.01, Baseline::Exact)?;
    /// assert!(d.push(15, &baseline)?.is_none());
    /// let err = d.push(14, &baseline).unwrap_err();
    /// assert_eq!(err.to_string(), "period 14 is not after the previous period 15: push periods in increasing order");
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn push(&mut self, period: P, tally: &Tally<S>) -> Result<Option<Alarm<P>>, Error> {
        if let Some(last) = self.last
            && period <= last
        {
            return Err(Error::PeriodOrder {
                period: format!("{period:?}"),
                previous: format!("{last:?}"),
            });
        }
        self.last = Some(period);
        let mut counts = [0u64; 3];
        for (i, &n) in tally.counts().iter().enumerate() {
            counts[usize::from(self.category[i])] += n;
        }
        let increment: f64 = counts.iter().zip(self.log_ratio).map(|(&n, l)| n as f64 * l).sum();
        let next = self.statistic + increment;
        if next <= 0.0 {
            self.statistic = 0.0;
            self.since = None;
            self.periods = 0;
            self.counts = [0; 3];
            return Ok(None);
        }
        if self.since.is_none() {
            self.since = Some(period);
        }
        self.statistic = next;
        self.periods += 1;
        for (total, n) in self.counts.iter_mut().zip(counts) {
            *total = total.saturating_add(n);
        }
        if self.statistic < self.threshold {
            return Ok(None);
        }
        let alarm = Alarm {
            period,
            since: self.since.unwrap_or(period),
            periods: self.periods,
            statistic: self.statistic,
            threshold: self.threshold,
            counts: self.counts,
        };
        self.alarms.push(alarm.clone());
        self.statistic = 0.0;
        self.since = None;
        self.periods = 0;
        self.counts = [0; 3];
        Ok(Some(alarm))
    }

    /// Pushes periods in order (a series' period tallies) and returns the
    /// alarms they raised.
    ///
    /// # Errors
    ///
    /// [`Error::PeriodOrder`] at the first period out of order; the
    /// periods before it have been pushed.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Baseline, DropDetector};
    /// use cxmetrics::{Tally, ZeroToTen};
    ///
    /// let baseline = Tally::<ZeroToTen>::from_counts(&[20, 0, 0, 0, 0, 0, 0, 30, 0, 0, 50])?;
    /// let mut d = DropDetector::nps(&baseline, 0.10, 0.01, Baseline::Exact)?;
    /// let weeks: Vec<(u32, Tally<ZeroToTen>)> = (1..=10).map(|w| (w, baseline.clone())).collect();
    /// assert!(d.run(weeks.iter().map(|(w, t)| (*w, t)))?.is_empty());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn run<'a, I>(&mut self, periods: I) -> Result<Vec<Alarm<P>>, Error>
    where
        I: IntoIterator<Item = (P, &'a Tally<S>)>,
        S: 'a,
    {
        let mut raised = Vec::new();
        for (period, tally) in periods {
            raised.extend(self.push(period, tally)?);
        }
        Ok(raised)
    }

    /// The current statistic `W_t` (nats, 0 when in control).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Baseline, DropDetector};
    /// use cxmetrics::{Tally, ZeroToTen};
    ///
    /// let baseline = Tally::<ZeroToTen>::from_counts(&[20, 0, 0, 0, 0, 0, 0, 30, 0, 0, 50])?;
    /// let mut d = DropDetector::nps(&baseline, 0.10, 0.01, Baseline::Exact)?;
    /// let dip = Tally::<ZeroToTen>::from_counts(&[25, 0, 0, 0, 0, 0, 0, 30, 0, 0, 45])?;
    /// d.push(1, &dip)?;
    /// assert!(d.statistic() > 0.0 && d.statistic() < d.threshold());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn statistic(&self) -> f64 {
        self.statistic
    }

    /// The alarm threshold `ln(1/α)`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Baseline, DropDetector};
    /// use cxmetrics::{Tally, ZeroToTen};
    ///
    /// let baseline = Tally::<ZeroToTen>::from_counts(&[20, 0, 0, 0, 0, 0, 0, 30, 0, 0, 50])?;
    /// let d = DropDetector::<_, u32>::nps(&baseline, 0.10, 0.01, Baseline::Exact)?;
    /// assert!((d.threshold() - 100f64.ln()).abs() < 1e-12);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn threshold(&self) -> f64 {
        self.threshold
    }

    /// The in-control shares (negative, neutral, positive) the detector
    /// tests against.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Baseline, DropDetector};
    /// use cxmetrics::{ConfidenceLevel, Tally, ZeroToTen};
    ///
    /// let baseline = Tally::<ZeroToTen>::from_counts(&[20, 0, 0, 0, 0, 0, 0, 30, 0, 0, 50])?;
    /// let exact = DropDetector::<_, u32>::nps(&baseline, 0.10, 0.01, Baseline::Exact)?;
    /// assert_eq!(exact.reference(), [0.2, 0.3, 0.5]);
    /// let lower = DropDetector::<_, u32>::nps(&baseline, 0.10, 0.01, Baseline::LowerBound(ConfidenceLevel::P90))?;
    /// let [d, _, p] = lower.reference();
    /// assert!(p - d < 0.3); // moved down by the baseline's sampling error
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn reference(&self) -> [f64; 3] {
        self.reference
    }

    /// The alternative shares: the drop worth catching.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Baseline, DropDetector};
    /// use cxmetrics::{Tally, ZeroToTen};
    ///
    /// let baseline = Tally::<ZeroToTen>::from_counts(&[20, 0, 0, 0, 0, 0, 0, 30, 0, 0, 50])?;
    /// let d = DropDetector::<_, u32>::nps(&baseline, 0.10, 0.01, Baseline::Exact)?;
    /// let [neg, _, pos] = d.alternative();
    /// assert!((pos - neg - 0.2).abs() < 1e-9);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn alternative(&self) -> [f64; 3] {
        self.alternative
    }

    /// Every alarm raised so far, oldest first.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Baseline, DropDetector};
    /// use cxmetrics::{Tally, ZeroToTen};
    ///
    /// let baseline = Tally::<ZeroToTen>::from_counts(&[20, 0, 0, 0, 0, 0, 0, 30, 0, 0, 50])?;
    /// let mut d = DropDetector::nps(&baseline, 0.10, 0.01, Baseline::Exact)?;
    /// let bad = Tally::<ZeroToTen>::from_counts(&[400, 0, 0, 0, 0, 0, 0, 300, 0, 0, 300])?;
    /// d.push(1, &bad)?;
    /// d.push(2, &bad)?;
    /// assert_eq!(d.alarms().len(), 2);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn alarms(&self) -> &[Alarm<P>] {
        &self.alarms
    }

    /// Restarts the statistic from zero (for example after acting on an
    /// alarm raised elsewhere); alarms and the last period are kept.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Baseline, DropDetector};
    /// use cxmetrics::{Tally, ZeroToTen};
    ///
    /// let baseline = Tally::<ZeroToTen>::from_counts(&[20, 0, 0, 0, 0, 0, 0, 30, 0, 0, 50])?;
    /// let mut d = DropDetector::nps(&baseline, 0.10, 0.01, Baseline::Exact)?;
    /// let dip = Tally::<ZeroToTen>::from_counts(&[25, 0, 0, 0, 0, 0, 0, 30, 0, 0, 45])?;
    /// d.push(1, &dip)?;
    /// d.reset();
    /// assert_eq!(d.statistic(), 0.0);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn reset(&mut self) {
        self.statistic = 0.0;
        self.since = None;
        self.periods = 0;
        self.counts = [0; 3];
    }
}

/// `ln Σ θ_k e^{λ c_k}`, computed stably.
fn log_mgf(theta: &[f64; 3], c: [f64; 3], lambda: f64) -> f64 {
    let m = theta
        .iter()
        .zip(c)
        .filter(|(p, _)| **p > 0.0)
        .map(|(_, c)| lambda * c)
        .fold(f64::NEG_INFINITY, f64::max);
    let sum: f64 = theta.iter().zip(c).map(|(p, c)| p * (lambda * c - m).exp()).sum();
    m + sum.ln()
}

/// The exponential tilt `θ_k e^{λ c_k} / M(λ)`.
fn tilt(theta: &[f64; 3], c: [f64; 3], lambda: f64) -> [f64; 3] {
    let lm = log_mgf(theta, c, lambda);
    [0, 1, 2].map(|k| theta[k] * (lambda * c[k] - lm).exp())
}

/// The `λ` whose tilt has score `target`, if one exists (bisection: the
/// tilted score is increasing in `λ`).
fn tilt_to(theta: &[f64; 3], c: [f64; 3], target: f64) -> Option<f64> {
    let score = |lambda: f64| tilt(theta, c, lambda).iter().zip(c).map(|(p, c)| p * c).sum::<f64>();
    let (mut lo, mut hi) = (-60.0f64, 60.0f64);
    if !(score(lo) < target && score(hi) > target) {
        let s0 = score(0.0);
        return ((s0 - target).abs() <= 1e-15).then_some(0.0);
    }
    for _ in 0..200 {
        let m = 0.5 * (lo + hi);
        if m <= lo || m >= hi {
            break;
        }
        if score(m) < target {
            lo = m;
        } else {
            hi = m;
        }
    }
    Some(0.5 * (lo + hi))
}
