//! Anytime-valid confidence sequences for shares and net scores, and their
//! always-valid p-values.

use crate::monitoring::Prior;
use crate::monitoring::counts::{
    Trinomial, boundary, ln_multivariate_beta, net_profile_loglik_over_beta, net_value, share_counts,
    share_loglik_over_beta, share_value,
};
use crate::{ConfidenceLevel, Error, RatingSet, Scale, Tally, ZeroToTen};

/// An anytime-valid confidence sequence for a share (a top-box CSAT, a CES
/// 2.0 agreement share, any share of a tally): the Beta-binomial mixture of
/// Robbins (1970), valid at every look at once.
///
/// This is **not** a fixed-n confidence interval. A 95 % sequence covers the
/// true share at *every* sample size simultaneously with probability at
/// least 95 %, however often the tally is looked at and whenever one stops
/// (Ville's inequality). A fixed-n interval recomputed at every look does
/// not: checked after every answer up to n = 2,000, the Wilson interval
/// missed the true share at some look on 56–60 % of simulated paths. The
/// price is width: at 30 of 200 the sequence, [0.078, 0.248], is 1.7 times
/// as wide as the Wilson interval, [0.107, 0.206] (for NPS at n = 200, 2.0
/// times the score interval; see the [module docs](crate::monitoring)).
///
/// # Formula
///
/// With `S` successes of `n` and prior Beta(a, b):
/// `CS_n = { p : S·ln p + (n−S)·ln(1−p) ≥ ln B(a+S, b+n−S) − ln B(a, b) + ln α }`,
/// an interval containing `S/n`, found by bisection.
///
/// # Example
///
/// ```
/// use cxmetrics::monitoring::{Prior, ShareConfidenceSequence};
/// use cxmetrics::ConfidenceLevel;
///
/// let cs = ShareConfidenceSequence::new(7, 10, ConfidenceLevel::P95, Prior::Uniform)?;
/// assert!((cs.lower() - 0.266_741).abs() < 1e-6 && (cs.upper() - 0.963_360).abs() < 1e-6);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ShareConfidenceSequence {
    successes: u64,
    n: u64,
    lower: f64,
    upper: f64,
    level: f64,
    prior: Prior,
}

impl ShareConfidenceSequence {
    /// The sequence at the current look, from `successes` of `n` answers.
    ///
    /// # Errors
    ///
    /// - [`Error::EmptySample`] when `n` is 0;
    /// - [`Error::InvalidArgument`] when `successes > n`, e.g. 11 of 10.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Prior, ShareConfidenceSequence};
    /// use cxmetrics::ConfidenceLevel;
    ///
    /// let cs = ShareConfidenceSequence::new(0, 10, ConfidenceLevel::P95, Prior::Uniform)?;
    /// assert_eq!(cs.lower(), 0.0);
    /// assert!(ShareConfidenceSequence::new(11, 10, ConfidenceLevel::P95, Prior::Uniform).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn new(successes: u64, n: u64, level: ConfidenceLevel, prior: Prior) -> Result<Self, Error> {
        if n == 0 {
            return Err(Error::EmptySample {
                statistic: "share confidence sequence",
            });
        }
        if successes > n {
            return Err(Error::InvalidArgument {
                name: "successes",
                value: successes as f64,
                expected: "at most the number of answers",
            });
        }
        let (s, f) = (successes as f64, (n - successes) as f64);
        let c = threshold::<2>(prior, level.alpha());
        let estimate = s / (s + f);
        let a = prior.pseudo_count();
        let ll = |p: f64| share_loglik_over_beta(s, f, a, p);
        Ok(Self {
            successes,
            n,
            lower: if successes == 0 {
                0.0
            } else {
                boundary(ll, c, estimate, 0.0)
            },
            upper: if successes == n {
                1.0
            } else {
                boundary(ll, c, estimate, 1.0)
            },
            level: level.get(),
            prior,
        })
    }

    /// The sequence for the share of `positive` ratings in a tally (a
    /// single tally, merged shards, or a series' cumulative tally: the
    /// sequence depends only on the counts).
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] for an empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Prior, ShareConfidenceSequence};
    /// use cxmetrics::{ConfidenceLevel, Likert5, RatingSet, Tally};
    ///
    /// let t = Tally::<Likert5>::from_counts(&[5, 10, 15, 40, 30])?;
    /// let top2 = RatingSet::range(Likert5::new(4)?, Likert5::new(5)?)?;
    /// let cs = ShareConfidenceSequence::from_tally(&t, top2, ConfidenceLevel::P95, Prior::Uniform)?;
    /// assert_eq!(cs.estimate(), 0.7);
    /// assert!(cs.lower() < 0.6 && cs.upper() > 0.8);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn from_tally<S: Scale>(
        tally: &Tally<S>,
        positive: RatingSet<S>,
        level: ConfidenceLevel,
        prior: Prior,
    ) -> Result<Self, Error> {
        let (s, n) = share_counts(tally, positive, "share confidence sequence")?;
        Self::new(s, n, level, prior)
    }

    /// The always-valid p-value against a benchmark share `b` (a fraction):
    /// `min(1, exp(ℓ(b) − ln B(a+S, b+n−S) + ln B(a, b)))`, at most α
    /// exactly when `b` lies outside the sequence at level `1 − α`.
    ///
    /// It stays valid whenever one stops; over several looks, report the
    /// smallest p-value seen so far (it is still valid).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] when `b` is outside `[0, 1]`, e.g. `70.0`
    /// (a percentage).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Prior, ShareConfidenceSequence};
    /// use cxmetrics::ConfidenceLevel;
    ///
    /// let cs = ShareConfidenceSequence::new(30, 200, ConfidenceLevel::P95, Prior::Uniform)?;
    /// assert!(cs.p_value(0.3)? < 0.05); // 0.3 is outside [0.078, 0.248]
    /// assert!(cs.p_value(0.2)? > 0.05);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn p_value(&self, b: f64) -> Result<f64, Error> {
        let b = share_value("benchmark share", b)?;
        let (s, f) = (self.successes as f64, (self.n - self.successes) as f64);
        let a = self.prior.pseudo_count();
        let p = share_loglik_over_beta(s, f, a, b) - threshold::<2>(self.prior, 1.0);
        Ok(p.exp().min(1.0))
    }

    /// The observed share `S/n`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Prior, ShareConfidenceSequence};
    /// use cxmetrics::ConfidenceLevel;
    ///
    /// assert_eq!(ShareConfidenceSequence::new(7, 10, ConfidenceLevel::P95, Prior::Uniform)?.estimate(), 0.7);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn estimate(&self) -> f64 {
        self.successes as f64 / self.n as f64
    }

    /// The lower end.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Prior, ShareConfidenceSequence};
    /// use cxmetrics::ConfidenceLevel;
    ///
    /// assert!(ShareConfidenceSequence::new(7, 10, ConfidenceLevel::P95, Prior::Uniform)?.lower() > 0.26);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn lower(&self) -> f64 {
        self.lower
    }

    /// The upper end.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Prior, ShareConfidenceSequence};
    /// use cxmetrics::ConfidenceLevel;
    ///
    /// assert_eq!(ShareConfidenceSequence::new(10, 10, ConfidenceLevel::P95, Prior::Uniform)?.upper(), 1.0);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn upper(&self) -> f64 {
        self.upper
    }

    /// The level `1 − α` valid over all looks, e.g. `0.95`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Prior, ShareConfidenceSequence};
    /// use cxmetrics::ConfidenceLevel;
    ///
    /// assert_eq!(ShareConfidenceSequence::new(7, 10, ConfidenceLevel::P90, Prior::Uniform)?.level(), 0.9);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn level(&self) -> f64 {
        self.level
    }

    /// The number of answers so far.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Prior, ShareConfidenceSequence};
    /// use cxmetrics::ConfidenceLevel;
    ///
    /// assert_eq!(ShareConfidenceSequence::new(7, 10, ConfidenceLevel::P95, Prior::Uniform)?.n(), 10);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn n(&self) -> u64 {
        self.n
    }

    /// The mixing prior.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Prior, ShareConfidenceSequence};
    /// use cxmetrics::ConfidenceLevel;
    ///
    /// let cs = ShareConfidenceSequence::new(7, 10, ConfidenceLevel::P95, Prior::Jeffreys)?;
    /// assert_eq!(cs.prior(), Prior::Jeffreys);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn prior(&self) -> Prior {
        self.prior
    }

    /// Whether `p` lies in the sequence at this look.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{Prior, ShareConfidenceSequence};
    /// use cxmetrics::ConfidenceLevel;
    ///
    /// let cs = ShareConfidenceSequence::new(7, 10, ConfidenceLevel::P95, Prior::Uniform)?;
    /// assert!(cs.contains(0.5) && !cs.contains(0.2));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn contains(&self, p: f64) -> bool {
        self.lower <= p && p <= self.upper
    }
}

/// `ln α − ln B(a, …, a)` over `K` categories: a sequence holds the
/// parameters whose log-likelihood less the posterior's `ln B(a + n)`
/// reaches it, i.e. `ℓ ≥ ln B(a + n) − ln B(a) + ln α`, with the two large
/// terms differenced without cancellation ([`share_loglik_over_beta`],
/// [`net_profile_loglik_over_beta`]).
fn threshold<const K: usize>(prior: Prior, alpha: f64) -> f64 {
    alpha.ln() - ln_multivariate_beta(&[prior.pseudo_count(); K])
}

/// An anytime-valid confidence sequence for NPS or any net score: the
/// Dirichlet-multinomial mixture of Lindon & Malek (2022), valid at every
/// look at once.
///
/// This is **not** a fixed-n confidence interval (see
/// [`ShareConfidenceSequence`] for what "anytime-valid" buys and costs):
/// at n = 200 it is about twice as wide as the score interval.
///
/// # Formula
///
/// With counts `(n₋, n₀, n₊)` and prior Dir(α₀):
/// `CS_n = { θ : Σ n_k ln θ_k ≥ ln B(α₀ + n) − ln B(α₀) + ln α }`, and the
/// net-score bounds are the smallest and largest `θ₊ − θ₋` over that set:
/// the roots of the profile log-likelihood `ℓ*(Δ) = c_n`, by bisection.
/// Values are fractions in `[−1, 1]`; multiply by 100 for points.
///
/// # Example
///
/// ```
/// use cxmetrics::monitoring::{NetScoreConfidenceSequence, Prior};
/// use cxmetrics::ConfidenceLevel;
///
/// // 30 detractors, 50 passives, 120 promoters: NPS +45.
/// let cs = NetScoreConfidenceSequence::new(30, 50, 120, ConfidenceLevel::P95, Prior::Uniform)?;
/// assert!((cs.lower() - 0.228_987).abs() < 1e-6 && (cs.upper() - 0.635_964).abs() < 1e-6);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct NetScoreConfidenceSequence {
    negative: u64,
    neutral: u64,
    positive: u64,
    lower: f64,
    upper: f64,
    level: f64,
    prior: Prior,
}

impl NetScoreConfidenceSequence {
    /// The sequence from negative, neutral and positive counts (for NPS:
    /// detractors, passives, promoters).
    ///
    /// # Errors
    ///
    /// - [`Error::EmptySample`] when all three counts are 0;
    /// - [`Error::InvalidArgument`] when they add up past `u64::MAX`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{NetScoreConfidenceSequence, Prior};
    /// use cxmetrics::ConfidenceLevel;
    ///
    /// let cs = NetScoreConfidenceSequence::new(3, 0, 0, ConfidenceLevel::P95, Prior::Uniform)?;
    /// assert_eq!(cs.lower(), -1.0);
    /// assert!(NetScoreConfidenceSequence::new(0, 0, 0, ConfidenceLevel::P95, Prior::Uniform).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn new(
        negative: u64,
        neutral: u64,
        positive: u64,
        level: ConfidenceLevel,
        prior: Prior,
    ) -> Result<Self, Error> {
        let counts = Trinomial::new(negative, neutral, positive, "net score confidence sequence")?;
        Ok(Self::from_trinomial(counts, level, prior))
    }

    /// The NPS sequence of a tally of 0–10 answers (one tally, merged
    /// shards, or a series' cumulative tally).
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] for an empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{NetScoreConfidenceSequence, Prior};
    /// use cxmetrics::{ConfidenceLevel, Tally, ZeroToTen};
    ///
    /// let t = Tally::<ZeroToTen>::from_raw(&[10, 9, 9, 8, 7, 6, 3, 10, 10, 9])?;
    /// let cs = NetScoreConfidenceSequence::nps(&t, ConfidenceLevel::P95, Prior::Uniform)?;
    /// assert!((cs.estimate() - 0.4).abs() < 1e-12);
    /// assert!(cs.contains(0.4));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn nps(tally: &Tally<ZeroToTen>, level: ConfidenceLevel, prior: Prior) -> Result<Self, Error> {
        let counts = Trinomial::nps(tally, "NPS confidence sequence")?;
        Ok(Self::from_trinomial(counts, level, prior))
    }

    /// The sequence for any net score of a tally: the share of `positive`
    /// ratings minus the share of `negative` ratings.
    ///
    /// # Errors
    ///
    /// - [`Error::EmptySample`] for an empty tally;
    /// - [`Error::InvalidArgument`] when a rating is in both sets.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{NetScoreConfidenceSequence, Prior};
    /// use cxmetrics::{ConfidenceLevel, Likert5, RatingSet, Tally};
    ///
    /// let t = Tally::<Likert5>::from_counts(&[10, 10, 20, 30, 30])?;
    /// let top = RatingSet::range(Likert5::new(4)?, Likert5::new(5)?)?;
    /// let bottom = RatingSet::range(Likert5::new(1)?, Likert5::new(2)?)?;
    /// let cs = NetScoreConfidenceSequence::from_tally(&t, top, bottom, ConfidenceLevel::P95, Prior::Uniform)?;
    /// assert!((cs.estimate() - 0.4).abs() < 1e-12);
    /// assert!(NetScoreConfidenceSequence::from_tally(&t, top, top, ConfidenceLevel::P95, Prior::Uniform).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn from_tally<S: Scale>(
        tally: &Tally<S>,
        positive: RatingSet<S>,
        negative: RatingSet<S>,
        level: ConfidenceLevel,
        prior: Prior,
    ) -> Result<Self, Error> {
        let counts = Trinomial::from_sets(tally, positive, negative, "net score confidence sequence")?;
        Ok(Self::from_trinomial(counts, level, prior))
    }

    fn from_trinomial(t: Trinomial, level: ConfidenceLevel, prior: Prior) -> Self {
        let counts = t.as_f64();
        let c = threshold::<3>(prior, level.alpha());
        let estimate = t.estimate();
        let a = prior.pseudo_count();
        let ll = |d: f64| net_profile_loglik_over_beta(counts, a, d);
        Self {
            negative: t.negative,
            neutral: t.neutral,
            positive: t.positive,
            lower: boundary(ll, c, estimate, -1.0),
            upper: boundary(ll, c, estimate, 1.0),
            level: level.get(),
            prior,
        }
    }

    /// The always-valid p-value against a benchmark net score `b` (a
    /// fraction in `[−1, 1]`):
    /// `min(1, exp(ℓ*(b) − ln B(α₀ + n) + ln B(α₀)))`. It is at most α
    /// exactly when `b` lies outside the sequence at level `1 − α`, and
    /// stays valid whenever one stops; over several looks, report the
    /// smallest p-value seen so far.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] when `b` is outside `[−1, 1]`, e.g. `30.0`
    /// (points instead of a fraction).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{NetScoreConfidenceSequence, Prior};
    /// use cxmetrics::ConfidenceLevel;
    ///
    /// let cs = NetScoreConfidenceSequence::new(30, 50, 120, ConfidenceLevel::P95, Prior::Uniform)?;
    /// assert!(cs.p_value(0.2)? < 0.05); // +20 is below the sequence's lower end, +22.9
    /// assert!(cs.p_value(0.3)? > 0.05);
    /// assert!(cs.p_value(30.0).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn p_value(&self, b: f64) -> Result<f64, Error> {
        let b = net_value("benchmark net score", b)?;
        let counts = [self.negative as f64, self.neutral as f64, self.positive as f64];
        let a = self.prior.pseudo_count();
        let p = net_profile_loglik_over_beta(counts, a, b) - threshold::<3>(self.prior, 1.0);
        Ok(p.exp().min(1.0))
    }

    /// The observed net score `(n₊ − n₋)/n`, a fraction.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{NetScoreConfidenceSequence, Prior};
    /// use cxmetrics::ConfidenceLevel;
    ///
    /// let cs = NetScoreConfidenceSequence::new(30, 50, 120, ConfidenceLevel::P95, Prior::Uniform)?;
    /// assert_eq!(cs.estimate(), 0.45);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn estimate(&self) -> f64 {
        (self.positive as f64 - self.negative as f64) / self.n() as f64
    }

    /// The lower end, a fraction.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{NetScoreConfidenceSequence, Prior};
    /// use cxmetrics::ConfidenceLevel;
    ///
    /// let cs = NetScoreConfidenceSequence::new(0, 5, 10, ConfidenceLevel::P95, Prior::Uniform)?;
    /// assert!((cs.lower() - 0.038_276).abs() < 1e-6);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn lower(&self) -> f64 {
        self.lower
    }

    /// The upper end, a fraction.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{NetScoreConfidenceSequence, Prior};
    /// use cxmetrics::ConfidenceLevel;
    ///
    /// let cs = NetScoreConfidenceSequence::new(0, 5, 10, ConfidenceLevel::P95, Prior::Uniform)?;
    /// assert!((cs.upper() - 0.954_499).abs() < 1e-6);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn upper(&self) -> f64 {
        self.upper
    }

    /// The level `1 − α` valid over all looks.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{NetScoreConfidenceSequence, Prior};
    /// use cxmetrics::ConfidenceLevel;
    ///
    /// let cs = NetScoreConfidenceSequence::new(30, 50, 120, ConfidenceLevel::P99, Prior::Uniform)?;
    /// assert_eq!(cs.level(), 0.99);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn level(&self) -> f64 {
        self.level
    }

    /// The number of answers so far.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{NetScoreConfidenceSequence, Prior};
    /// use cxmetrics::ConfidenceLevel;
    ///
    /// let cs = NetScoreConfidenceSequence::new(30, 50, 120, ConfidenceLevel::P95, Prior::Uniform)?;
    /// assert_eq!(cs.n(), 200);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn n(&self) -> u64 {
        self.negative + self.neutral + self.positive
    }

    /// The mixing prior.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{NetScoreConfidenceSequence, Prior};
    /// use cxmetrics::ConfidenceLevel;
    ///
    /// let cs = NetScoreConfidenceSequence::new(4, 4, 7, ConfidenceLevel::P95, Prior::Jeffreys)?;
    /// assert_eq!(cs.prior(), Prior::Jeffreys);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn prior(&self) -> Prior {
        self.prior
    }

    /// Whether the net score `x` (a fraction) lies in the sequence.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::{NetScoreConfidenceSequence, Prior};
    /// use cxmetrics::ConfidenceLevel;
    ///
    /// let cs = NetScoreConfidenceSequence::new(30, 50, 120, ConfidenceLevel::P95, Prior::Uniform)?;
    /// assert!(cs.contains(0.45) && !cs.contains(0.7));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn contains(&self, x: f64) -> bool {
        self.lower <= x && x <= self.upper
    }
}
