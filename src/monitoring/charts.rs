//! Classic control charts as display helpers: p-chart and NPS chart with
//! variable n, EWMA and tabular CUSUM.
//!
//! These are tuned by average run length, **not** controlled in α: a
//! 3-sigma chart looked at every period raises a false alarm about once
//! every 370 in-control periods for normal data, so over a year of weekly
//! looks a p-chart flags some week on about 13 % of steady processes, and
//! the rate is not stated for count data at small n. Draw them; alert with
//! [`DropDetector`](crate::monitoring::DropDetector), whose false-alarm
//! rate is guaranteed.

use crate::monitoring::counts::Trinomial;
use crate::{Error, RatingSet, Scale, Tally, ZeroToTen};

/// One period on a chart: the plotted value and its control limits.
///
/// # Example
///
/// ```
/// use cxmetrics::monitoring::PChart;
///
/// let chart = PChart::new(&[(10, 100), (40, 100)], 3.0)?;
/// let p = chart.points()[1];
/// assert_eq!(p.value(), 0.4);
/// assert!(p.lower() < p.center() && p.center() < p.upper());
/// assert!(p.is_outside());
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ChartPoint {
    value: f64,
    center: f64,
    lower: f64,
    upper: f64,
}

impl ChartPoint {
    /// The plotted value (a share, a net score, an EWMA).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::PChart;
    ///
    /// assert_eq!(PChart::new(&[(20, 100)], 3.0)?.points()[0].value(), 0.2);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn value(&self) -> f64 {
        self.value
    }

    /// The centre line.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::PChart;
    ///
    /// assert_eq!(PChart::new(&[(20, 100), (40, 100)], 3.0)?.points()[0].center(), 0.3);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn center(&self) -> f64 {
        self.center
    }

    /// The lower control limit (clipped to the parameter space).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::PChart;
    ///
    /// assert_eq!(PChart::new(&[(1, 10)], 3.0)?.points()[0].lower(), 0.0);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn lower(&self) -> f64 {
        self.lower
    }

    /// The upper control limit (clipped to the parameter space).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::PChart;
    ///
    /// let p = PChart::new(&[(50, 100)], 3.0)?.points()[0];
    /// assert!((p.upper() - 0.65).abs() < 1e-12);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn upper(&self) -> f64 {
        self.upper
    }

    /// Whether the value lies outside the limits (a signal, ARL-tuned).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::PChart;
    ///
    /// assert!(!PChart::new(&[(50, 100)], 3.0)?.points()[0].is_outside());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn is_outside(&self) -> bool {
        self.value < self.lower || self.value > self.upper
    }
}

fn check_sigmas(sigmas: f64) -> Result<f64, Error> {
    if sigmas > 0.0 && sigmas.is_finite() {
        Ok(sigmas)
    } else {
        Err(Error::InvalidArgument {
            name: "limit width in sigmas",
            value: sigmas,
            expected: "a positive finite number, usually 3",
        })
    }
}

fn outside(points: &[ChartPoint]) -> Vec<usize> {
    points
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_outside())
        .map(|(i, _)| i)
        .collect()
}

/// A p-chart with variable sample sizes: `p̄ ± L·√(p̄(1 − p̄)/n_t)`, with
/// `p̄ = Σx/Σn`. ARL-tuned, not α-controlled (see the
/// [module docs](crate::monitoring#control-charts)).
///
/// # Example
///
/// ```
/// use cxmetrics::monitoring::PChart;
///
/// let chart = PChart::new(&[(47, 250), (88, 500), (42, 250)], 3.0)?;
/// assert!((chart.center() - 177.0 / 1000.0).abs() < 1e-15);
/// assert!(chart.outside().is_empty());
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PChart {
    center: f64,
    points: Vec<ChartPoint>,
}

impl PChart {
    /// A chart from `(successes, n)` per period (for a defect chart:
    /// defectives and lot size), limits at `sigmas` standard errors.
    ///
    /// # Errors
    ///
    /// - [`Error::EmptySample`] for no periods or a period with `n = 0`;
    /// - [`Error::InvalidArgument`] when successes exceed `n`, or `sigmas`
    ///   is not positive and finite (e.g. `0.0`).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::PChart;
    ///
    /// assert!(PChart::new(&[], 3.0).is_err());
    /// assert!(PChart::new(&[(3, 0)], 3.0).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn new(samples: &[(u64, u64)], sigmas: f64) -> Result<Self, Error> {
        let sigmas = check_sigmas(sigmas)?;
        let statistic = "p-chart period";
        if samples.is_empty() || samples.iter().any(|&(_, n)| n == 0) {
            return Err(Error::EmptySample { statistic });
        }
        if let Some(&(x, _)) = samples.iter().find(|&&(x, n)| x > n) {
            return Err(Error::InvalidArgument {
                name: "successes",
                value: x as f64,
                expected: "at most the period's number of answers",
            });
        }
        let (x, n) = samples
            .iter()
            .fold((0f64, 0f64), |(a, b), &(x, n)| (a + x as f64, b + n as f64));
        let center = x / n;
        let points = samples
            .iter()
            .map(|&(x, n)| {
                let half = sigmas * (center * (1.0 - center) / n as f64).sqrt();
                ChartPoint {
                    value: x as f64 / n as f64,
                    center,
                    lower: (center - half).max(0.0),
                    upper: (center + half).min(1.0),
                }
            })
            .collect();
        Ok(Self { center, points })
    }

    /// A chart of the share of `positive` ratings in each period's tally.
    ///
    /// # Errors
    ///
    /// As [`PChart::new`]: an empty tally is an [`Error::EmptySample`].
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::PChart;
    /// use cxmetrics::{Likert5, RatingSet, Tally};
    ///
    /// let weeks = [
    ///     Tally::<Likert5>::from_counts(&[5, 5, 10, 40, 40])?,
    ///     Tally::<Likert5>::from_counts(&[10, 10, 20, 80, 80])?,
    /// ];
    /// let top2 = RatingSet::range(Likert5::new(4)?, Likert5::new(5)?)?;
    /// assert!((PChart::from_tallies(&weeks, top2, 3.0)?.center() - 0.8).abs() < 1e-15);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn from_tallies<S: Scale>(tallies: &[Tally<S>], positive: RatingSet<S>, sigmas: f64) -> Result<Self, Error> {
        let samples: Vec<(u64, u64)> = tallies
            .iter()
            .map(|t| {
                let x = t.iter().filter(|(r, _)| positive.contains(*r)).map(|(_, c)| c).sum();
                (x, t.total())
            })
            .collect();
        Self::new(&samples, sigmas)
    }

    /// The centre line `p̄`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::PChart;
    ///
    /// assert_eq!(PChart::new(&[(1, 4), (3, 4)], 3.0)?.center(), 0.5);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn center(&self) -> f64 {
        self.center
    }

    /// One point per period, in input order.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::PChart;
    ///
    /// assert_eq!(PChart::new(&[(1, 4), (3, 4)], 3.0)?.points().len(), 2);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn points(&self) -> &[ChartPoint] {
        &self.points
    }

    /// Indices (0-based, input order) of the periods outside their limits.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::PChart;
    ///
    /// let chart = PChart::new(&[(50, 100), (50, 100), (50, 100), (10, 100)], 3.0)?;
    /// assert_eq!(chart.outside(), [3]);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn outside(&self) -> Vec<usize> {
        outside(&self.points)
    }
}

/// An NPS (or net score) chart with variable n:
/// `Δ̄ ± L·√((p̄₊ + p̄₋ − Δ̄²)/n_t)` from the pooled shares. ARL-tuned, not
/// α-controlled (see the [module docs](crate::monitoring#control-charts)).
///
/// # Example
///
/// ```
/// use cxmetrics::monitoring::NetScoreChart;
///
/// // (detractors, passives, promoters) per week.
/// let chart = NetScoreChart::new(&[(20, 30, 50), (25, 30, 45), (45, 30, 25)], 3.0)?;
/// assert!((chart.center() - 0.1).abs() < 1e-15);
/// assert_eq!(chart.outside(), [2]);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct NetScoreChart {
    center: f64,
    points: Vec<ChartPoint>,
}

impl NetScoreChart {
    /// A chart from (negative, neutral, positive) counts per period.
    ///
    /// # Errors
    ///
    /// - [`Error::EmptySample`] for no periods or a period with no answers;
    /// - [`Error::InvalidArgument`] when `sigmas` is not positive and finite.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::NetScoreChart;
    ///
    /// assert!(NetScoreChart::new(&[(1, 2, 3), (0, 0, 0)], 3.0).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn new(samples: &[(u64, u64, u64)], sigmas: f64) -> Result<Self, Error> {
        let sigmas = check_sigmas(sigmas)?;
        let periods = samples
            .iter()
            .map(|&(d, o, p)| Trinomial::new(d, o, p, "NPS chart period"))
            .collect::<Result<Vec<_>, _>>()?;
        if periods.is_empty() {
            return Err(Error::EmptySample {
                statistic: "NPS chart period",
            });
        }
        let (mut neg, mut pos, mut n) = (0f64, 0f64, 0f64);
        for t in &periods {
            neg += t.negative as f64;
            pos += t.positive as f64;
            n += t.n() as f64;
        }
        let center = (pos - neg) / n;
        let variance = ((pos + neg) / n - center * center).max(0.0);
        let points = periods
            .iter()
            .map(|t| {
                let half = sigmas * (variance / t.n() as f64).sqrt();
                ChartPoint {
                    value: t.estimate(),
                    center,
                    lower: (center - half).max(-1.0),
                    upper: (center + half).min(1.0),
                }
            })
            .collect();
        Ok(Self { center, points })
    }

    /// An NPS chart from each period's tally of 0–10 answers.
    ///
    /// # Errors
    ///
    /// As [`NetScoreChart::new`].
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::NetScoreChart;
    /// use cxmetrics::{Tally, ZeroToTen};
    ///
    /// let weeks = [Tally::<ZeroToTen>::from_raw(&[10, 9, 3, 7])?, Tally::<ZeroToTen>::from_raw(&[10, 2])?];
    /// assert!((NetScoreChart::nps(&weeks, 3.0)?.center() - 1.0 / 6.0).abs() < 1e-15);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn nps(tallies: &[Tally<ZeroToTen>], sigmas: f64) -> Result<Self, Error> {
        let samples = tallies
            .iter()
            .map(|t| Trinomial::nps(t, "NPS chart period").map(|t| (t.negative, t.neutral, t.positive)))
            .collect::<Result<Vec<_>, _>>()?;
        Self::new(&samples, sigmas)
    }

    /// The centre line `Δ̄`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::NetScoreChart;
    ///
    /// assert_eq!(NetScoreChart::new(&[(1, 0, 3)], 3.0)?.center(), 0.5);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn center(&self) -> f64 {
        self.center
    }

    /// One point per period, in input order.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::NetScoreChart;
    ///
    /// assert_eq!(NetScoreChart::new(&[(1, 0, 3)], 3.0)?.points()[0].value(), 0.5);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn points(&self) -> &[ChartPoint] {
        &self.points
    }

    /// Indices (0-based) of the periods outside their limits.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::NetScoreChart;
    ///
    /// assert!(NetScoreChart::new(&[(1, 0, 3), (1, 0, 3)], 3.0)?.outside().is_empty());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn outside(&self) -> Vec<usize> {
        outside(&self.points)
    }
}

fn check_values(values: &[f64], mu0: f64, sigma: f64) -> Result<(), Error> {
    if values.is_empty() {
        return Err(Error::EmptySample {
            statistic: "control chart",
        });
    }
    if let Some(&bad) = values.iter().chain([&mu0]).find(|v| !v.is_finite()) {
        return Err(Error::InvalidArgument {
            name: "chart value",
            value: bad,
            expected: "a finite number",
        });
    }
    if !(sigma > 0.0 && sigma.is_finite()) {
        return Err(Error::InvalidArgument {
            name: "process standard deviation",
            value: sigma,
            expected: "a positive finite number",
        });
    }
    Ok(())
}

/// An EWMA chart (Roberts 1959): `z_t = λx_t + (1 − λ)z_{t−1}`, `z_0 = μ₀`,
/// limits `μ₀ ± Lσ·√(λ/(2 − λ)·(1 − (1 − λ)^{2t}))`. ARL-tuned, not
/// α-controlled (see the [module docs](crate::monitoring#control-charts)).
///
/// # Example
///
/// ```
/// use cxmetrics::monitoring::EwmaChart;
///
/// let chart = EwmaChart::new(&[10.2, 9.9, 10.1, 12.5, 12.8, 13.0], 10.0, 1.0, 0.2, 3.0)?;
/// assert_eq!(chart.first_signal(), Some(4));
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct EwmaChart {
    points: Vec<ChartPoint>,
}

impl EwmaChart {
    /// The chart of `values` against the in-control mean `mu0` and standard
    /// deviation `sigma` of one value, with weight `lambda` and limits at
    /// `l` (Montgomery's `L`, e.g. 2.7 with λ = 0.1).
    ///
    /// # Errors
    ///
    /// - [`Error::EmptySample`] for no values;
    /// - [`Error::InvalidArgument`] for a NaN or infinite value, `sigma ≤ 0`,
    ///   `lambda` outside `(0, 1]` (e.g. `0.0`), or `l ≤ 0`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::EwmaChart;
    ///
    /// assert!(EwmaChart::new(&[1.0], 0.0, 1.0, 0.0, 3.0).is_err());
    /// assert!(EwmaChart::new(&[f64::NAN], 0.0, 1.0, 0.1, 3.0).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn new(values: &[f64], mu0: f64, sigma: f64, lambda: f64, l: f64) -> Result<Self, Error> {
        check_values(values, mu0, sigma)?;
        if !(lambda > 0.0 && lambda <= 1.0) {
            return Err(Error::InvalidArgument {
                name: "EWMA weight",
                value: lambda,
                expected: "a weight in (0, 1], usually 0.05 to 0.25",
            });
        }
        let l = check_sigmas(l)?;
        let mut z = mu0;
        let mut decay = 1.0;
        let points = values
            .iter()
            .map(|&x| {
                z = lambda * x + (1.0 - lambda) * z;
                decay *= (1.0 - lambda) * (1.0 - lambda);
                let half = l * sigma * (lambda / (2.0 - lambda) * (1.0 - decay)).sqrt();
                ChartPoint {
                    value: z,
                    center: mu0,
                    lower: mu0 - half,
                    upper: mu0 + half,
                }
            })
            .collect();
        Ok(Self { points })
    }

    /// One point per value: `z_t` and its limits.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::EwmaChart;
    ///
    /// let chart = EwmaChart::new(&[12.0], 10.0, 1.0, 0.1, 2.7)?;
    /// assert!((chart.points()[0].value() - 10.2).abs() < 1e-12);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn points(&self) -> &[ChartPoint] {
        &self.points
    }

    /// The index (0-based) of the first value whose `z_t` is outside the
    /// limits.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::EwmaChart;
    ///
    /// assert_eq!(EwmaChart::new(&[10.0, 10.0], 10.0, 1.0, 0.1, 2.7)?.first_signal(), None);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn first_signal(&self) -> Option<usize> {
        self.points.iter().position(ChartPoint::is_outside)
    }
}

/// One period of a tabular CUSUM: the upper and lower sums.
///
/// # Example
///
/// ```
/// use cxmetrics::monitoring::TabularCusum;
///
/// let c = TabularCusum::new(&[11.0, 8.0], 10.0, 1.0, 0.5, 5.0)?;
/// assert_eq!((c.points()[0].upper(), c.points()[0].lower()), (0.5, 0.0));
/// assert_eq!((c.points()[1].upper(), c.points()[1].lower()), (0.0, 1.5));
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CusumPoint {
    upper: f64,
    lower: f64,
    signal: bool,
}

impl CusumPoint {
    /// `C⁺_t`, the upper sum (in the units of the values).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::TabularCusum;
    ///
    /// assert_eq!(TabularCusum::new(&[12.0], 10.0, 1.0, 0.5, 5.0)?.points()[0].upper(), 1.5);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn upper(&self) -> f64 {
        self.upper
    }

    /// `C⁻_t`, the lower sum.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::TabularCusum;
    ///
    /// assert_eq!(TabularCusum::new(&[8.0], 10.0, 1.0, 0.5, 5.0)?.points()[0].lower(), 1.5);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn lower(&self) -> f64 {
        self.lower
    }

    /// Whether either sum exceeds `H`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::TabularCusum;
    ///
    /// assert!(TabularCusum::new(&[20.0], 10.0, 1.0, 0.5, 5.0)?.points()[0].is_signal());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn is_signal(&self) -> bool {
        self.signal
    }
}

/// The tabular CUSUM (Page 1954; Montgomery §9.1):
/// `C⁺_t = max(0, x_t − (μ₀ + K) + C⁺_{t−1})`,
/// `C⁻_t = max(0, (μ₀ − K) − x_t + C⁻_{t−1})`, signal when either exceeds
/// `H`, with `K = kσ` and `H = hσ`. ARL-tuned, not α-controlled (see the
/// [module docs](crate::monitoring#control-charts)); for count data with a guarantee use
/// [`DropDetector`](crate::monitoring::DropDetector).
///
/// # Example
///
/// ```
/// use cxmetrics::monitoring::TabularCusum;
///
/// let c = TabularCusum::new(&[10.5, 11.6, 12.0, 11.9, 12.4], 10.0, 1.0, 0.5, 5.0)?;
/// assert_eq!(c.first_signal(), Some(4));
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TabularCusum {
    points: Vec<CusumPoint>,
}

impl TabularCusum {
    /// The CUSUM of `values` around `mu0` with standard deviation `sigma`,
    /// reference value `k` and decision interval `h` in units of `sigma`
    /// (usually `k = 0.5`, `h = 4` or `5`).
    ///
    /// # Errors
    ///
    /// - [`Error::EmptySample`] for no values;
    /// - [`Error::InvalidArgument`] for a NaN or infinite value, `sigma ≤ 0`,
    ///   `k < 0`, or `h ≤ 0`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::TabularCusum;
    ///
    /// assert!(TabularCusum::new(&[1.0], 0.0, 1.0, -0.5, 5.0).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn new(values: &[f64], mu0: f64, sigma: f64, k: f64, h: f64) -> Result<Self, Error> {
        check_values(values, mu0, sigma)?;
        if !(k >= 0.0 && k.is_finite()) {
            return Err(Error::InvalidArgument {
                name: "CUSUM reference value k",
                value: k,
                expected: "a finite number >= 0 in sigmas, usually 0.5",
            });
        }
        let h = check_sigmas(h)?;
        let (big_k, big_h) = (k * sigma, h * sigma);
        let (mut up, mut down) = (0.0f64, 0.0f64);
        let points = values
            .iter()
            .map(|&x| {
                up = (x - (mu0 + big_k) + up).max(0.0);
                down = ((mu0 - big_k) - x + down).max(0.0);
                CusumPoint {
                    upper: up,
                    lower: down,
                    signal: up > big_h || down > big_h,
                }
            })
            .collect();
        Ok(Self { points })
    }

    /// One point per value.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::TabularCusum;
    ///
    /// assert_eq!(TabularCusum::new(&[10.0, 10.0], 10.0, 1.0, 0.5, 5.0)?.points().len(), 2);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn points(&self) -> &[CusumPoint] {
        &self.points
    }

    /// The index (0-based) of the first signal.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::monitoring::TabularCusum;
    ///
    /// assert_eq!(TabularCusum::new(&[10.0], 10.0, 1.0, 0.5, 5.0)?.first_signal(), None);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn first_signal(&self) -> Option<usize> {
        self.points.iter().position(CusumPoint::is_signal)
    }
}
