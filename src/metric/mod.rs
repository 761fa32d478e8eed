//! What the metric definitions share: the metric names, orientation, and the
//! code that turns a tally (or raw answers) into a share, net score or mean.

use core::fmt;

use crate::estimate::{Label, Spread, Statistic};
use crate::inference::VarianceMethod;
use crate::tally::kernel;
use crate::tally::sealed::View;
use crate::tally::validity::Validity;
use crate::{Error, MeanScore, NetScore, RatingSet, Sample, Scale, Share, WeightedTally};

pub(crate) mod ces;
pub(crate) mod csat;
pub(crate) mod mean;
pub(crate) mod net;
pub(crate) mod nps;
pub(crate) mod top_box;

/// Which survey metric an estimate belongs to.
///
/// The same words name different numbers in the field, so every estimate
/// carries its metric (with its scale and rating sets) and refuses to be
/// compared with an estimate of another.
///
/// # Example
///
/// ```
/// use cxmetrics::{CesAgreement, Likert7, Metric, Tally};
///
/// let t = Tally::<Likert7>::from_raw(&[7, 6, 3])?;
/// assert_eq!(CesAgreement::default().score(&t)?.metric(), Metric::CesAgreement);
/// assert_eq!(Metric::CesAgreement.to_string(), "CES 2.0");
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Metric {
    /// Net Promoter Score on 0–10.
    Nps,
    /// Customer satisfaction, usually 1–5.
    Csat,
    /// CES 2.0: agreement that the company made it easy, 1–7, higher is better.
    CesAgreement,
    /// CES 1.0: effort the customer had to put in, 1–5, lower is better.
    CesEffort,
    /// A 1–5 ease question ("very difficult" … "very easy"), higher is better.
    CesEase,
    /// A plain mean rating on some scale.
    Mean,
    /// First-contact resolution: resolved on first contact, of those recorded.
    FirstContactResolution,
    /// Survey response rate: answers of invitations.
    ResponseRate,
    /// A net score with caller-chosen breaks ([`Net`](crate::Net)), on any
    /// scale: not comparable with standard NPS.
    NetScore,
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Nps => "NPS",
            Self::Csat => "CSAT",
            Self::CesAgreement => "CES 2.0",
            Self::CesEffort => "CES 1.0 effort",
            Self::CesEase => "CES ease",
            Self::Mean => "rating",
            Self::FirstContactResolution => "first-contact resolution",
            Self::ResponseRate => "response rate",
            Self::NetScore => "custom",
        })
    }
}

/// Which direction of a score is good.
///
/// # Example
///
/// ```
/// use cxmetrics::{CesAgreement, CesEffort, Orientation};
///
/// assert_eq!(CesAgreement::ORIENTATION, Orientation::HigherIsBetter);
/// assert_eq!(CesEffort::ORIENTATION, Orientation::LowerIsBetter);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Orientation {
    /// Larger values are better (NPS, CSAT, CES 2.0, every share of a "good" set).
    HigherIsBetter,
    /// Smaller values are better (the CES 1.0 effort mean).
    LowerIsBetter,
}

pub(crate) fn label<S: Scale>(metric: Metric, statistic: Statistic, positive: u16, negative: u16) -> Label {
    // Only a mean of CES 1.0 effort is better when lower: its shares and net
    // score count low effort as the positive side.
    let orientation = match (metric, statistic) {
        (Metric::CesEffort, Statistic::Mean) => Orientation::LowerIsBetter,
        _ => Orientation::HigherIsBetter,
    };
    Label {
        metric,
        orientation,
        statistic,
        scale: S::NAME,
        min: S::MIN,
        max: S::MAX,
        positive,
        negative,
    }
}

/// Weighted sums over a weighted tally, for one score function `y(rating)`.
struct Weighted {
    /// `Σw`.
    total: f64,
    /// `Σw·y / Σw`.
    mean: f64,
    /// `Σw(y − mean)² / Σw`.
    sigma2: f64,
    spread: Spread,
}

/// Weighted mean, plug-in variance, Kish's `n_eff` and the linearised
/// variance `n/(n−1)·Σw²(y − θ̂)²/(Σw)²` of `y` over a weighted tally.
fn weighted<S: Scale>(w: &WeightedTally<S>, statistic: &'static str, y: impl Fn(u8) -> f64) -> Result<Weighted, Error> {
    let total = w.total_weight();
    let n = w.answers();
    if total <= 0.0 || n == 0 {
        return Err(Error::EmptySample { statistic });
    }
    // A weighted mean of the scores lies between the lowest and the highest
    // score; rounding must not take it outside (see `mean`).
    let (lowest, highest) = w
        .points()
        .map(|(r, ..)| y(r))
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let mean = (w.points().map(|(r, sw, _, _)| sw * y(r)).sum::<f64>() / total).clamp(lowest, highest);
    let sigma2 = w.points().map(|(r, sw, _, _)| sw * (y(r) - mean).powi(2)).sum::<f64>() / total;
    let w2: f64 = w.points().map(|(_, _, sw2, _)| sw2).sum();
    let lin = w
        .points()
        .map(|(r, _, sw2, _)| sw2 * (y(r) - mean).powi(2))
        .sum::<f64>();
    // `(Σw/√Σw²)²` rather than `(Σw)²/Σw²`: the square of the total could
    // overflow, the ratio (at most √n) cannot.
    let n_eff = (total / w2.sqrt()).powi(2);
    // With a single effective answer (one nonzero weight, n_eff = 1) the
    // linearised variance is undefined, not 0.
    let lin_var = (n > 1 && n_eff > 1.0 + 1e-9).then(|| n as f64 / (n - 1) as f64 * (lin / total) / total);
    // The weighted variance of the scored answers is the unit variance of
    // every statistic: p(1 − p) for a share's 0/1 scores, p₊ + p₋ − NPS²
    // for a net score's +1/0/−1, σ² for a mean.
    let spread = Spread {
        unit_var: sigma2,
        n_eff,
        lin_var,
        weighted: true,
        method: VarianceMethod::Kish,
    };
    Ok(Weighted {
        total,
        mean,
        sigma2,
        spread,
    })
}

fn rows_where<S: Scale>(w: &WeightedTally<S>, keep: impl Fn(u8) -> bool) -> u64 {
    w.points().filter(|&(r, ..)| keep(r)).map(|(.., rows)| rows).sum()
}

/// The share of `set` in a sample.
pub(crate) fn share<S: Scale>(sample: &impl Sample<S>, set: RatingSet<S>, metric: Metric) -> Result<Share, Error> {
    let label = label::<S>(metric, Statistic::Share, set.mask(), 0);
    match sample.view(crate::estimate::sealed::INTERNAL) {
        View::Exact(tally) => Share::new(tally.count_where(|r| set.contains_value(r)), tally.total(), label),
        View::Weighted(w) => {
            let s = weighted(w, "weighted proportion", |r| f64::from(u8::from(set.contains_value(r))))?;
            Ok(Share::weighted(
                rows_where(w, |r| set.contains_value(r)),
                w.answers(),
                s.mean,
                s.spread,
                label,
            ))
        }
    }
}

/// The share of `set` in raw answers, validated, in one pass over the bytes.
pub(crate) fn share_raw<S: Scale>(
    bytes: &[u8],
    validity: Option<Validity<'_>>,
    set: RatingSet<S>,
    metric: Metric,
) -> Result<Share, Error> {
    let runs = set.runs();
    let (hits, answers) = match *runs.as_slice() {
        [a] => {
            let c = kernel::count_ranges::<S, 1>(bytes, validity, [a])?;
            (c.hits[0], c.answers)
        }
        [a, b] => {
            let c = kernel::count_ranges::<S, 2>(bytes, validity, [a, b])?;
            (c.hits[0] + c.hits[1], c.answers)
        }
        _ => {
            let (counts, answers) = kernel::count_points::<S>(bytes, validity)?;
            let hits = counts
                .iter()
                .zip(S::MIN..)
                .filter(|&(_, r)| set.contains_value(r))
                .map(|(c, _)| c)
                .sum();
            (hits, answers)
        }
    };
    Share::new(hits, answers, label::<S>(metric, Statistic::Share, set.mask(), 0))
}

pub(crate) fn net<S: Scale>(
    sample: &impl Sample<S>,
    positive: RatingSet<S>,
    negative: RatingSet<S>,
    metric: Metric,
) -> Result<NetScore, Error> {
    let label = label::<S>(metric, Statistic::Net, positive.mask(), negative.mask());
    match sample.view(crate::estimate::sealed::INTERNAL) {
        View::Exact(tally) => {
            let pos = tally.count_where(|r| positive.contains_value(r));
            let neg = tally.count_where(|r| negative.contains_value(r));
            NetScore::new(neg, tally.total() - pos - neg, pos, label)
        }
        View::Weighted(w) => {
            let score = |r| f64::from(i8::from(positive.contains_value(r)) - i8::from(negative.contains_value(r)));
            let s = weighted(w, NetScore::statistic(&label), score)?;
            let share = |set: RatingSet<S>| {
                w.points()
                    .filter(|&(r, ..)| set.contains_value(r))
                    .map(|(_, sw, ..)| sw)
                    .sum::<f64>()
                    / s.total
            };
            let pos = rows_where(w, |r| positive.contains_value(r));
            let neg = rows_where(w, |r| negative.contains_value(r));
            let counts = [neg, w.answers() - pos - neg, pos];
            Ok(NetScore::weighted(
                counts,
                share(positive),
                share(negative),
                s.spread,
                label,
            ))
        }
    }
}

/// The mean of a sample, with the sum of squared deviations computed in two
/// passes over the (at most 11) counts, which is exact to a few ulps.
pub(crate) fn mean<S: Scale>(sample: &impl Sample<S>, metric: Metric) -> Result<MeanScore, Error> {
    let label = label::<S>(metric, Statistic::Mean, 0, 0);
    let tally = match sample.view(crate::estimate::sealed::INTERNAL) {
        View::Exact(tally) => tally,
        View::Weighted(w) => {
            let s = weighted(w, "weighted mean", f64::from)?;
            return Ok(MeanScore::weighted(w.answers(), s.mean, s.sigma2, s.spread, label));
        }
    };
    let n = tally.total();
    if n == 0 {
        return MeanScore::new(0, 0.0, 0.0, label);
    }
    let sum: u128 = tally.iter().map(|(r, c)| u128::from(r.get()) * u128::from(c)).sum();
    // `sum` and `n` are exact, but each rounds on its way to f64: at 1.8e19
    // answers the quotient came out an ulp above the scale's top (a fuzz
    // finding). The exact mean never leaves the scale, so neither may this.
    let mean = (sum as f64 / n as f64).clamp(f64::from(S::MIN), f64::from(S::MAX));
    let ssd = tally
        .iter()
        .map(|(r, c)| {
            let d = f64::from(r.get()) - mean;
            c as f64 * d * d
        })
        .sum();
    MeanScore::new(n, mean, ssd, label)
}
