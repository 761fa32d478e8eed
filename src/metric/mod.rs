//! What the metric definitions share: the metric names, orientation, and the
//! code that turns a tally (or raw answers) into a share, net score or mean.

use core::fmt;

use crate::estimate::{Label, Spread, Statistic};
use crate::tally::kernel;
use crate::tally::sealed::View;
use crate::{Error, MeanScore, NetScore, RatingSet, Sample, Scale, Share, Tally, VarianceMethod, WeightedTally};

pub(crate) mod ces;
pub(crate) mod csat;
pub(crate) mod mean;
pub(crate) mod nps;

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
/// assert_eq!(CesAgreement::default().share(&t)?.metric(), Metric::CesAgreement);
/// assert_eq!(Metric::CesAgreement.to_string(), "CES 2.0");
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
pub enum Orientation {
    /// Larger values are better (NPS, CSAT, CES 2.0, every share of a "good" set).
    HigherIsBetter,
    /// Smaller values are better (the CES 1.0 effort mean).
    LowerIsBetter,
}

pub(crate) fn label<S: Scale>(metric: Metric, statistic: Statistic, positive: u16, negative: u16) -> Label {
    Label {
        metric,
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
    let mean = w.points().map(|(r, sw, _, _)| sw * y(r)).sum::<f64>() / total;
    let sigma2 = w.points().map(|(r, sw, _, _)| sw * (y(r) - mean).powi(2)).sum::<f64>() / total;
    let w2: f64 = w.points().map(|(_, _, sw2, _)| sw2).sum();
    let lin = w
        .points()
        .map(|(r, _, sw2, _)| sw2 * (y(r) - mean).powi(2))
        .sum::<f64>();
    let lin_var = (n > 1).then(|| n as f64 / (n - 1) as f64 * lin / (total * total));
    let spread = Spread {
        n_eff: total * total / w2,
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
    match sample.view() {
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
pub(crate) fn share_raw<S: Scale>(bytes: &[u8], set: RatingSet<S>, metric: Metric) -> Result<Share, Error> {
    let runs = set.runs();
    let hits = match *runs.as_slice() {
        [a] => kernel::count_ranges::<S, 1>(bytes, None, [a])?.hits[0],
        [a, b] => {
            let [x, y] = kernel::count_ranges::<S, 2>(bytes, None, [a, b])?.hits;
            x + y
        }
        _ => Tally::<S>::from_raw(bytes)?.count_where(|r| set.contains_value(r)),
    };
    Share::new(
        hits,
        bytes.len() as u64,
        label::<S>(metric, Statistic::Share, set.mask(), 0),
    )
}

/// The net score of `positive` over `negative` in a sample.
pub(crate) fn net<S: Scale>(
    sample: &impl Sample<S>,
    positive: RatingSet<S>,
    negative: RatingSet<S>,
    metric: Metric,
) -> Result<NetScore, Error> {
    let label = label::<S>(metric, Statistic::Net, positive.mask(), negative.mask());
    match sample.view() {
        View::Exact(tally) => {
            let pos = tally.count_where(|r| positive.contains_value(r));
            let neg = tally.count_where(|r| negative.contains_value(r));
            NetScore::new(pos, tally.total() - pos - neg, neg, label)
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
            let counts = [pos, w.answers() - pos - neg, neg];
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
pub(crate) fn mean<S: Scale>(
    sample: &impl Sample<S>,
    metric: Metric,
    orientation: Orientation,
) -> Result<MeanScore, Error> {
    let label = label::<S>(metric, Statistic::Mean, 0, 0);
    let tally = match sample.view() {
        View::Exact(tally) => tally,
        View::Weighted(w) => {
            let s = weighted(w, "weighted mean", f64::from)?;
            return Ok(MeanScore::weighted(
                w.answers(),
                s.mean,
                s.sigma2,
                s.spread,
                orientation,
                label,
            ));
        }
    };
    let n = tally.total();
    if n == 0 {
        return MeanScore::new(0, 0.0, 0.0, orientation, label);
    }
    let sum: u128 = tally.iter().map(|(r, c)| u128::from(r.get()) * u128::from(c)).sum();
    let mean = sum as f64 / n as f64;
    let ssd = tally
        .iter()
        .map(|(r, c)| {
            let d = f64::from(r.get()) - mean;
            c as f64 * d * d
        })
        .sum();
    MeanScore::new(n, mean, ssd, orientation, label)
}
