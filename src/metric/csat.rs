//! `Csat`: customer satisfaction as a top-box share or a mean.

use super::top_box::{FIVE_TOP_TWO, TopBox};
use crate::{Error, Likert5, MeanScore, Metric, RatingSet, Sample, Scale, Share, Validity};

/// Customer satisfaction: the share of answers in an explicit positive set
/// (top-box), or the mean.
///
/// The standard question is "How satisfied were you with …?" on 1–5, and
/// `Csat::default()` counts 4–5 as satisfied (top-2-box). On other scales
/// the positive set is stated by the caller, never guessed. The linear 0–100
/// index some vendors call CSAT is [`MeanScore::index`] of [`Csat::mean`].
///
/// # Example
///
/// ```
/// use cxmetrics::{Csat, Likert5, Likert7, RatingSet, Tally};
///
/// let t = Tally::<Likert5>::from_counts(&[5, 10, 15, 40, 30])?;
/// let csat = Csat::default();
/// assert_eq!(csat.score(&t)?.rounded(), 70);
/// assert!((csat.mean(&t)?.value() - 3.8).abs() < 1e-12);
///
/// // A 1–7 satisfaction question with top-3-box.
/// let seven = Csat::new(RatingSet::range(Likert7::new(5)?, Likert7::new(7)?)?);
/// let s = seven.score(&Tally::<Likert7>::from_raw(&[7, 5, 4, 1])?)?;
/// assert_eq!(s.hits(), 2);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Csat<S: Scale> {
    positive: RatingSet<S>,
}

impl<S: Scale> Csat<S> {
    /// CSAT with the given set of satisfied ratings.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Csat, Likert5, RatingSet};
    ///
    /// let top_box = Csat::new(RatingSet::new([Likert5::new(5)?])?);
    /// assert_eq!(top_box.positive().len(), 1);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn new(positive: RatingSet<S>) -> Self {
        Self { positive }
    }

    /// The ratings that count as satisfied.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Csat, Likert5};
    ///
    /// assert_eq!(Csat::<Likert5>::default().positive().to_string(), "{4, 5}");
    /// ```
    #[must_use]
    pub const fn positive(&self) -> RatingSet<S> {
        self.positive
    }

    /// The share of satisfied answers (CSAT %).
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] for an empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Csat, Likert5, Tally};
    ///
    /// let t = Tally::<Likert5>::from_raw(&[5, 4, 2])?;
    /// assert_eq!(Csat::default().score(&t)?.hits(), 2);
    /// assert!(Csat::default().score(&Tally::new()).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn score(&self, tally: &impl Sample<S>) -> Result<Share, Error> {
        self.core().share(tally)
    }

    /// The share of satisfied answers among raw ratings, validated and counted
    /// in one pass at close to memory bandwidth.
    ///
    /// # Errors
    ///
    /// - [`Error::OutOfRangeAt`] naming the first off-scale byte and its index;
    /// - [`Error::EmptySample`] for an empty slice.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Csat, Likert5};
    ///
    /// assert_eq!(Csat::<Likert5>::default().score_raw(&[5, 4, 2, 1])?.hits(), 2);
    /// assert!(Csat::<Likert5>::default().score_raw(&[5, 0]).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn score_raw(&self, bytes: &[u8]) -> Result<Share, Error> {
        self.core().share_raw(bytes, None)
    }

    /// [`Csat::score_raw`] for a column with missing answers: answer `i`
    /// is present when its bit in `validity` is set (Arrow's layout);
    /// missing answers are neither counted nor validated.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRangeAt`] for the first present byte off the scale;
    /// [`Error::EmptySample`] when no answer is present.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Csat, Validity};
    ///
    /// let csat = Csat::default().score_raw_valid(&[5, 0, 4, 2], Validity::new(&[0b1101], 0, 4)?)?;
    /// assert_eq!((csat.n(), csat.hits()), (3, 2));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn score_raw_valid(&self, bytes: &[u8], validity: Validity<'_>) -> Result<Share, Error> {
        self.core().share_raw(bytes, Some(validity))
    }

    /// The mean satisfaction rating.
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] for an empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Csat, Likert5, Tally};
    ///
    /// let t = Tally::<Likert5>::from_raw(&[5, 4])?;
    /// assert!((Csat::default().mean(&t)?.value() - 4.5).abs() < 1e-15);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn mean(&self, tally: &impl Sample<S>) -> Result<MeanScore, Error> {
        self.core().mean(tally)
    }

    const fn core(self) -> TopBox<S> {
        TopBox {
            positive: self.positive,
            metric: Metric::Csat,
        }
    }
}

/// Top-2-box on 1–5: 4 ("satisfied") and 5 ("very satisfied").
impl Default for Csat<Likert5> {
    fn default() -> Self {
        Self::new(FIVE_TOP_TWO)
    }
}
