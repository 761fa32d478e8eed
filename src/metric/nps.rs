//! `Nps` and `NpsCategory`.

use crate::estimate::Statistic;
use crate::tally::kernel;
use crate::{Error, Metric, NetScore, RatingSet, Sample, ZeroToTen};

/// Detractors 0–6.
const DETRACTORS: u16 = 0b000_0111_1111;
/// Promoters 9–10.
const PROMOTERS: u16 = 0b110_0000_0000;

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
        match self.get() {
            0..=6 => NpsCategory::Detractor,
            7 | 8 => NpsCategory::Passive,
            _ => NpsCategory::Promoter,
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
/// let nps = Nps::score(&Tally::<ZeroToTen>::from_raw(&answers)?)?;
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
    /// assert_eq!(Nps::score(&t)?.rounded(), 100);
    /// assert!(Nps::score(&Tally::new()).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn score(tally: &impl Sample<ZeroToTen>) -> Result<NetScore, Error> {
        super::net(
            tally,
            RatingSet::from_mask_unchecked(PROMOTERS),
            RatingSet::from_mask_unchecked(DETRACTORS),
            Metric::Nps,
        )
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
    /// let nps = Nps::from_counts(30, 50, 120)?;
    /// assert_eq!(nps.rounded(), 45);
    /// assert!(Nps::from_counts(0, 0, 0).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn from_counts(detractors: u64, passives: u64, promoters: u64) -> Result<NetScore, Error> {
        NetScore::new(promoters, passives, detractors, Self::label())
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
    /// assert_eq!(Nps::from_raw(&[10, 9, 7, 3])?.rounded(), 25);
    /// let err = Nps::from_raw(&[10, 11, 3]).unwrap_err();
    /// assert_eq!(err.to_string(), "rating 11 at index 1 is out of range for ZeroToTen (0..=10)");
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn from_raw(bytes: &[u8]) -> Result<NetScore, Error> {
        let c = kernel::count_ranges::<ZeroToTen, 2>(bytes, None, [(0, 6), (9, 10)])?;
        let [detractors, promoters] = c.hits;
        let passives = c.answers - detractors - promoters;
        Self::from_counts(detractors, passives, promoters)
    }

    pub(crate) fn label() -> crate::estimate::Label {
        super::label::<ZeroToTen>(Metric::Nps, Statistic::Net, PROMOTERS, DETRACTORS)
    }
}
