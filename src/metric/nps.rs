//! `Nps` and `NpsCategory`.

use crate::estimate::Statistic;
use crate::tally::kernel;
use crate::tally::validity::Validity;
use crate::{Error, Metric, NetScore, RatingSet, Sample, ZeroToTen};

/// Detractors 0–6: with [`PROMOTERS`], the one place the NPS boundaries
/// are written.
const DETRACTORS: RatingSet<ZeroToTen> = RatingSet::between(0, 6);
/// Promoters 9–10.
const PROMOTERS: RatingSet<ZeroToTen> = RatingSet::between(9, 10);

/// Where an NPS answer falls: detractor (0–6), passive (7–8) or promoter (9–10).
///
/// The definition is fixed (Reichheld 2003), so the enum is exhaustive.
///
/// # Example
///
/// ```
/// use cxmetrics::{NpsCategory, ZeroToTen};
///
/// assert_eq!(ZeroToTen::new(6)?.category(), NpsCategory::Detractor);
/// assert_eq!(ZeroToTen::new(8)?.category(), NpsCategory::Passive);
/// assert_eq!(ZeroToTen::new(9)?.category(), NpsCategory::Promoter);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NpsCategory {
    /// A rating of 0–6.
    Detractor,
    /// A rating of 7–8.
    Passive,
    /// A rating of 9–10.
    Promoter,
}

impl ZeroToTen {
    /// The NPS category of this rating.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{NpsCategory, ZeroToTen};
    ///
    /// assert_eq!(ZeroToTen::new(0)?.category(), NpsCategory::Detractor);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn category(self) -> NpsCategory {
        if DETRACTORS.contains_value(self.get()) {
            NpsCategory::Detractor
        } else if PROMOTERS.contains_value(self.get()) {
            NpsCategory::Promoter
        } else {
            NpsCategory::Passive
        }
    }
}

/// The Net Promoter Score: promoters (9–10) minus detractors (0–6), as a
/// share of all answers.
///
/// `NPS = (P − D) / n` in `[-1, 1]`, or × 100 in points (Reichheld 2003),
/// computed from the exact counts. The result is a [`NetScore`] whose
/// positive, neutral and negative counts are the promoters, passives and
/// detractors.
///
/// # Example
///
/// ```
/// use cxmetrics::{Nps, Tally, ZeroToTen};
///
/// let answers = [10, 9, 9, 8, 7, 7, 6, 5, 0, 10, 10, 9, 3, 8, 9];
/// let nps = Nps.score(&Tally::<ZeroToTen>::from_raw(&answers)?)?;
/// assert_eq!((nps.negative(), nps.neutral(), nps.positive()), (4, 4, 7));
/// assert_eq!(nps.rounded(), 20);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Nps;

impl Nps {
    /// The NPS of a tally of 0–10 answers.
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] for an empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Nps, Tally, ZeroToTen};
    ///
    /// let mut t = Tally::new();
    /// t.add_count(ZeroToTen::new(10)?, 200)?;
    /// assert_eq!(Nps.score(&t)?.rounded(), 100);
    /// assert!(Nps.score(&Tally::new()).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn score(&self, tally: &impl Sample<ZeroToTen>) -> Result<NetScore, Error> {
        super::net(tally, PROMOTERS, DETRACTORS, Metric::Nps)
    }

    /// The NPS from category counts.
    ///
    /// # Errors
    ///
    /// - [`Error::EmptySample`] when all three counts are 0;
    /// - [`Error::CountOverflow`] when they add up past `u64::MAX`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::Nps;
    ///
    /// let nps = Nps.score_counts(30, 50, 120)?;
    /// assert_eq!(nps.rounded(), 45);
    /// assert!(Nps.score_counts(0, 0, 0).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn score_counts(&self, detractors: u64, passives: u64, promoters: u64) -> Result<NetScore, Error> {
        NetScore::new(detractors, passives, promoters, Self::label())
    }

    /// The NPS of raw 0–10 answers, validated and counted in one pass at
    /// close to memory bandwidth.
    ///
    /// # Errors
    ///
    /// - [`Error::OutOfRangeAt`] naming the first byte above 10 and its index;
    /// - [`Error::EmptySample`] for an empty slice.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::Nps;
    ///
    /// assert_eq!(Nps.score_raw(&[10, 9, 7, 3])?.rounded(), 25);
    /// let err = Nps.score_raw(&[10, 11, 3]).unwrap_err();
    /// assert_eq!(err.to_string(), "rating 11 at index 1 is off the 0–10 scale");
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn score_raw(&self, bytes: &[u8]) -> Result<NetScore, Error> {
        self.score_raw_inner(bytes, None)
    }

    /// [`Nps::score_raw`] for a column with missing answers: answer `i` is
    /// present when its bit in `validity` is set (Arrow's layout); missing
    /// answers are neither counted nor validated.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRangeAt`] for the first present byte off the scale;
    /// [`Error::EmptySample`] when no answer is present.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Nps, Validity};
    ///
    /// // The second answer is missing: its byte is never looked at.
    /// let nps = Nps.score_raw_valid(&[10, 255, 3, 9], Validity::new(&[0b1101], 0, 4)?)?;
    /// assert_eq!((nps.n(), nps.rounded()), (3, 33));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn score_raw_valid(&self, bytes: &[u8], validity: Validity<'_>) -> Result<NetScore, Error> {
        self.score_raw_inner(bytes, Some(validity))
    }

    fn score_raw_inner(self, bytes: &[u8], validity: Option<Validity<'_>>) -> Result<NetScore, Error> {
        let counted = kernel::count_ranges::<ZeroToTen, 2>(bytes, validity, [DETRACTORS.bounds(), PROMOTERS.bounds()])?;
        let [detractors, promoters] = counted.hits;
        let passives = counted.answers - detractors - promoters;
        self.score_counts(detractors, passives, promoters)
    }

    pub(crate) fn label() -> crate::estimate::Label {
        super::label::<ZeroToTen>(Metric::Nps, Statistic::Net, PROMOTERS.mask(), DETRACTORS.mask())
    }
}
