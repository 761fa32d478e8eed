//! `Net<S>`: a net score with explicit breaks, on any scale.

use crate::{Error, Metric, NetScore, RatingSet, Sample, Scale};

/// A net score with breaks you state: the share of answers in `positive`
/// minus the share in `negative`, on any scale — for an NPS-style question
/// asked on 1–10, or a net score of agreement on 1–4.
///
/// It is labelled as a custom net score, so it is **not comparable with
/// standard NPS** (0–10, promoters 9–10, detractors 0–6): comparing the two
/// is an [`Error::Mismatch`]. Use [`Nps`](crate::Nps) for the standard
/// question.
///
/// # Example
///
/// ```
/// use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Net, Nps, Points, RatingSet, Tally};
///
/// type OneToTen = Points<1, 10>;
/// let breaks = Net::new(
///     RatingSet::range(OneToTen::new(9)?, OneToTen::new(10)?)?,
///     RatingSet::range(OneToTen::new(1)?, OneToTen::new(6)?)?,
/// )?;
/// let t = Tally::<OneToTen>::from_raw(&[10, 9, 8, 2, 10])?;
/// let score = breaks.score(&t)?;
/// assert_eq!(score.rounded(), 40);
/// assert_eq!(score.to_string(), "+40.0 points (n = 5)");
///
/// // Not standard NPS: a comparison with an NPS is refused.
/// let nps = Benchmark::sample("NPS", BenchmarkKind::OwnHistory, Nps.score_counts(1, 1, 3)?);
/// assert!(nps.compare(&score, ConfidenceLevel::P95).is_err());
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Net<S: Scale> {
    positive: RatingSet<S>,
    negative: RatingSet<S>,
}

impl<S: Scale> Net<S> {
    /// A net score of `positive` over `negative`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] when the two sets share a rating (an
    /// answer cannot be both), e.g. 6–10 over 1–6.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, Net, RatingSet};
    ///
    /// let top = RatingSet::range(Likert5::new(4)?, Likert5::new(5)?)?;
    /// let bottom = RatingSet::range(Likert5::new(1)?, Likert5::new(2)?)?;
    /// assert!(Net::new(top, bottom).is_ok());
    /// assert!(Net::new(top, top).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn new(positive: RatingSet<S>, negative: RatingSet<S>) -> Result<Self, Error> {
        if positive.iter().any(|r| negative.contains(r)) {
            return Err(Error::InvalidArgument {
                name: "ratings in both sets",
                value: positive.iter().filter(|r| negative.contains(*r)).count() as f64,
                expected: "no rating both positive and negative",
            });
        }
        Ok(Self { positive, negative })
    }

    /// The net score of a tally (plain or weighted).
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] for an empty tally.
    ///
    /// # Example
    ///
    /// See [`Net`].
    pub fn score(&self, tally: &impl Sample<S>) -> Result<NetScore, Error> {
        super::net(tally, self.positive, self.negative, Metric::NetScore)
    }
}
