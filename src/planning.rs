//! Survey planning: sample sizes for a margin of error, minimum detectable
//! differences and sample sizes per group (METHODS.md §7).
//!
//! Margins and differences are on the fraction scale for NPS and shares
//! (`0.05` is ±5 points) and in rating units for means.

use core::ops::Bound::{Excluded, Included};

use crate::stats::{normal_quantile, ratio};
use crate::{ConfidenceLevel, Error};

/// The variance of one answer, from planning values of the shares (or the
/// standard deviation): the only input the sample-size formulas need.
///
/// # Example
///
/// ```
/// use cxmetrics::planning::UnitVariance;
///
/// assert!((UnitVariance::share(0.5)?.get() - 0.25).abs() < 1e-15);
/// // NPS with half promoters and a fifth detractors: 0.7 − 0.3² = 0.61.
/// assert!((UnitVariance::net_score(0.5, 0.2)?.get() - 0.61).abs() < 1e-15);
/// assert!((UnitVariance::mean(1.2)?.get() - 1.44).abs() < 1e-15);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UnitVariance {
    variance: f64,
    /// What the margin and differences are measured on.
    kind: Kind,
}

/// The statistic planned for, which bounds its margins: a share lies in
/// `[0, 1]`, a net score in `[−1, 1]`, a mean anywhere on its scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Share,
    NetScore,
    Mean,
}

impl Kind {
    const fn name(self) -> &'static str {
        match self {
            Self::Share => "share",
            Self::NetScore => "net score",
            Self::Mean => "mean",
        }
    }

    /// Checks a margin of error or a difference to detect: positive, finite
    /// and no wider than the statistic's range (a margin of `3.0` for an
    /// NPS is 300 points: a margin given in points by mistake).
    fn check(self, name: &'static str, margin: f64) -> Result<f64, Error> {
        let (range, expected) = match self {
            Self::Share => (1.0, "a fraction in (0, 1] for a share (±3 percent is 0.03)"),
            Self::NetScore => (2.0, "a fraction in (0, 2] for a net score (±3 points is 0.03)"),
            Self::Mean => (f64::MAX, "a finite value > 0 on the scale"),
        };
        Error::check_in(name, margin, (Excluded(0.0), Included(range)), expected)
    }
}

impl UnitVariance {
    /// `p(1 − p)` for a share expected to be near `p`; `p = 0.5` is the
    /// worst case.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] unless `0 ≤ p ≤ 1`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::planning::UnitVariance;
    ///
    /// assert!(UnitVariance::share(1.5).is_err());
    /// ```
    pub fn share(p: f64) -> Result<Self, Error> {
        let p = fraction("planning share", p)?;
        Ok(Self {
            variance: p * (1.0 - p),
            kind: Kind::Share,
        })
    }

    /// `p₊ + p₋ − (p₊ − p₋)²` for a net score (NPS: promoter and detractor
    /// shares). The worst case, `p₊ = p₋ = ½`, is 1: an NPS needs up to four
    /// times the sample of a proportion for the same margin.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] unless both shares are in `[0, 1]` and sum
    /// to at most 1, with 1e-12 of slack for shares that were rounded
    /// (`1 + 1e-12` itself is accepted).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::planning::UnitVariance;
    ///
    /// assert_eq!(UnitVariance::net_score(0.5, 0.5)?.get(), 1.0);
    /// assert_eq!(
    ///     UnitVariance::net_score(0.7, 0.5).unwrap_err().to_string(),
    ///     "planning positive + negative share 1.2 is out of range: expected at most 1"
    /// );
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn net_score(p_positive: f64, p_negative: f64) -> Result<Self, Error> {
        let (p, d) = (
            fraction("planning positive share", p_positive)?,
            fraction("planning negative share", p_negative)?,
        );
        if p + d > 1.0 + 1e-12 {
            return Err(Error::InvalidArgument {
                name: "planning positive + negative share",
                value: p + d,
                expected: "at most 1",
            });
        }
        Ok(Self {
            variance: crate::estimate::net_score::unit_variance(p, d),
            kind: Kind::NetScore,
        })
    }

    /// `sd²` for a mean rating with planning standard deviation `sd`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] unless `sd` is finite and `>= 0` with a
    /// finite square (`sd` below about 1.3e154): `-1.0`, `NaN`, `1e200`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::planning::UnitVariance;
    ///
    /// assert!(UnitVariance::mean(-1.0).is_err());
    /// assert!(UnitVariance::mean(1e200).is_err());
    /// ```
    pub fn mean(sd: f64) -> Result<Self, Error> {
        let sd = Error::check_in(
            "planning standard deviation",
            sd,
            0.0..f64::INFINITY,
            "a finite value >= 0",
        )?;
        if !(sd * sd).is_finite() {
            return Err(Error::InvalidArgument {
                name: "planning standard deviation",
                value: sd,
                expected: "a value whose square is finite (below 1e154)",
            });
        }
        Ok(Self {
            variance: sd * sd,
            kind: Kind::Mean,
        })
    }

    /// The variance.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::planning::UnitVariance;
    ///
    /// assert_eq!(UnitVariance::share(0.0)?.get(), 0.0);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn get(self) -> f64 {
        self.variance
    }
}

fn fraction(name: &'static str, p: f64) -> Result<f64, Error> {
    Error::check_in(name, p, 0.0..=1.0, "a fraction in 0..=1")
}

fn check_power(power: f64) -> Result<f64, Error> {
    Error::check_in(
        "power",
        power,
        (Excluded(0.0), Excluded(1.0)),
        "a fraction strictly between 0 and 1",
    )
}

/// `⌈raw⌉`, less 1e-9 so that floating error cannot push an exact integer up by one.
/// `⌈raw − 1e-9⌉` (METHODS.md §7: floating error cannot push an exact
/// integer up by one); 0 when nothing needs to be sampled (a planning share
/// of 0 or 1 has no variance). A size past `u64::MAX` is an error naming
/// the argument that made it so.
fn ceil(raw: f64, name: &'static str, value: f64) -> Result<u64, Error> {
    let n = (raw - 1e-9).ceil().max(0.0);
    if n < u64::MAX as f64 {
        Ok(n as u64)
    } else {
        Err(Error::InvalidArgument {
            name,
            value,
            expected: "a value that needs fewer than 2^64 answers",
        })
    }
}

/// `z_{power}`, for a power above `α/2`: below it `z_{1−α/2} + z_{power}`
/// is negative and so would be a minimum detectable difference.
fn z_power(power: f64, level: ConfidenceLevel) -> Result<f64, Error> {
    let power = check_power(power)?;
    if power <= level.alpha() / 2.0 {
        return Err(Error::InvalidArgument {
            name: "power",
            value: power,
            expected: "more than half the significance level (α/2); usual values are 0.8 or 0.9",
        });
    }
    Ok(normal_quantile(power))
}

/// The sample size for a margin of error: `n = ⌈z²·V/E²⌉`.
///
/// For a share near ½ at 95 % and ±5 points that is 385; for an NPS with
/// half promoters and a fifth detractors, 938.
///
/// # Errors
///
/// [`Error::InvalidArgument`] when `margin` is not finite and `> 0`.
///
/// # Example
///
/// ```
/// use cxmetrics::planning::{UnitVariance, sample_size};
/// use cxmetrics::ConfidenceLevel;
///
/// assert_eq!(sample_size(UnitVariance::share(0.5)?, 0.05, ConfidenceLevel::P95)?, 385);
/// assert_eq!(sample_size(UnitVariance::net_score(0.5, 0.2)?, 0.05, ConfidenceLevel::P95)?, 938);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
pub fn sample_size(variance: UnitVariance, margin: f64, level: ConfidenceLevel) -> Result<u64, Error> {
    let margin = variance.kind.check("margin of error", margin)?;
    ceil(
        level.z().powi(2) * variance.get() / (margin * margin),
        "margin of error",
        margin,
    )
}

/// Applies the finite-population correction `n = n₀/(1 + (n₀ − 1)/N)`,
/// rounded up: 385 from a population of 2000 is 323.
///
/// # Errors
///
/// [`Error::InvalidArgument`] when `population` is 0.
///
/// # Example
///
/// ```
/// use cxmetrics::planning::finite_population;
///
/// assert_eq!(finite_population(385, 2000)?, 323);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
pub fn finite_population(n0: u64, population: u64) -> Result<u64, Error> {
    if population == 0 {
        return Err(Error::InvalidArgument {
            name: "population",
            value: 0.0,
            expected: "at least 1",
        });
    }
    if n0 == 0 {
        return Ok(0);
    }
    let n0f = n0 as f64;
    Ok(ceil(
        n0f / (1.0 + (n0f - 1.0) / population as f64),
        "population",
        population as f64,
    )?
    .min(population))
}

/// The minimum detectable difference between two independent groups at
/// two-sided `level` and `power`:
/// `(z_{1−α/2} + z_{power})·√(V_a/n_a + V_b/n_b)`. Pass `other = None` for
/// a comparison with a fixed benchmark (`V_b/n_b = 0`).
///
/// With 400 answers per group and a share near 70 %, a difference of 9.1
/// points is detectable at 95 % with 80 % power.
///
/// # Errors
///
/// [`Error::InvalidArgument`] when a group size is 0 or `power` is not
/// strictly between 0 and 1.
///
/// # Example
///
/// ```
/// use cxmetrics::planning::{UnitVariance, minimum_detectable_difference};
/// use cxmetrics::ConfidenceLevel;
///
/// let v = UnitVariance::share(0.7)?;
/// let mdd = minimum_detectable_difference((v, 400), Some((v, 400)), ConfidenceLevel::P95, 0.8)?;
/// assert!((mdd - 0.09078173671541287).abs() < 1e-9);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
pub fn minimum_detectable_difference(
    group: (UnitVariance, u64),
    other: Option<(UnitVariance, u64)>,
    level: ConfidenceLevel,
    power: f64,
) -> Result<f64, Error> {
    let z_beta = z_power(power, level)?;
    let term = |(v, n): (UnitVariance, u64)| {
        ratio(v.get(), n as f64).ok_or(Error::InvalidArgument {
            name: "group size",
            value: 0.0,
            expected: "at least 1",
        })
    };
    let var = term(group)? + other.map(term).transpose()?.unwrap_or(0.0);
    Ok((level.z() + z_beta) * var.sqrt())
}

/// The sample size per group (equal groups) to detect a difference `delta`
/// between two independent groups, unpooled:
/// `n = ⌈(z_{1−α/2} + z_{power})²·(V_a + V_b)/δ²⌉`. Works for any metric.
///
/// # Errors
///
/// [`Error::InvalidArgument`] when `delta` is not finite and `> 0`, or
/// `power` is not strictly between 0 and 1.
///
/// # Example
///
/// ```
/// use cxmetrics::planning::{UnitVariance, sample_size_per_group};
/// use cxmetrics::ConfidenceLevel;
///
/// // A 10-point NPS difference: 45/20 against 40/25 promoters/detractors.
/// let (a, b) = (UnitVariance::net_score(0.45, 0.2)?, UnitVariance::net_score(0.4, 0.25)?);
/// assert_eq!(sample_size_per_group(a, b, 0.1, ConfidenceLevel::P95, 0.8)?, 954);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
pub fn sample_size_per_group(
    a: UnitVariance,
    b: UnitVariance,
    delta: f64,
    level: ConfidenceLevel,
    power: f64,
) -> Result<u64, Error> {
    if a.kind != b.kind {
        return Err(Error::Mismatch {
            left: format!("a plan for a {}", a.kind.name()),
            right: format!("a plan for a {}", b.kind.name()),
        });
    }
    let delta = a.kind.check("difference to detect", delta.abs())?;
    let z_beta = z_power(power, level)?;
    ceil(
        (level.z() + z_beta).powi(2) * (a.get() + b.get()) / (delta * delta),
        "difference to detect",
        delta,
    )
}

/// The sample size per group to tell two shares apart, by the classic
/// pooled-null formula without continuity correction:
/// `n = ⌈[z_{1−α/2}·√(2p̄(1−p̄)) + z_{power}·√(p₁q₁ + p₂q₂)]² / (p₁ − p₂)²⌉`
/// (statsmodels' `samplesize_proportions_2indep_onetail`).
///
/// # Errors
///
/// [`Error::InvalidArgument`] when a share is outside `[0, 1]`, the shares
/// are equal, or `power` is not strictly between 0 and 1.
///
/// # Example
///
/// ```
/// use cxmetrics::planning::sample_size_per_group_shares;
/// use cxmetrics::ConfidenceLevel;
///
/// assert_eq!(sample_size_per_group_shares(0.70, 0.75, ConfidenceLevel::P95, 0.8)?, 1251);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
pub fn sample_size_per_group_shares(p1: f64, p2: f64, level: ConfidenceLevel, power: f64) -> Result<u64, Error> {
    let (p1, p2) = (fraction("first share", p1)?, fraction("second share", p2)?);
    let delta = Kind::Share.check("difference between the shares", (p1 - p2).abs())?;
    let z_beta = z_power(power, level)?;
    let pooled = f64::midpoint(p1, p2);
    let numerator =
        level.z() * (2.0 * pooled * (1.0 - pooled)).sqrt() + z_beta * (p1 * (1.0 - p1) + p2 * (1.0 - p2)).sqrt();
    ceil(
        numerator.powi(2) / (delta * delta),
        "difference between the shares",
        delta,
    )
}
