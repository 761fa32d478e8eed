//! Customer Effort Score in its three forms, each with its orientation in
//! the type: CES 2.0 agreement (1–7, higher is better), CES 1.0 effort (1–5,
//! lower is better) and a 1–5 ease question (higher is better).
//!
//! The versions point in opposite directions and are all called "CES"; they
//! are different questions and are never comparable with each other.

use super::top_box::{FIVE_BOTTOM_TWO, FIVE_TOP_TWO, SEVEN_BOTTOM_TWO, SEVEN_TOP_THREE, SEVEN_TOP_TWO, TopBox};
use crate::{Error, Likert5, Likert7, MeanScore, Metric, NetScore, Orientation, RatingSet, Sample, Share, Tally};

/// CES 2.0 (CEB/Gartner, 2013): "The company made it easy for me to handle
/// my issue", 1 = strongly disagree … 7 = strongly agree. Higher is better.
///
/// The share counts 5–7 ("somewhat agree" or stronger) by default;
/// [`CesAgreement::strict`] counts 6–7. The net effort score is the 6–7
/// share minus the 1–2 share.
///
/// # Example
///
/// ```
/// use cxmetrics::{CesAgreement, Likert7, Tally};
///
/// let t = Tally::<Likert7>::from_counts(&[2, 3, 5, 10, 20, 30, 30])?;
/// assert_eq!(CesAgreement::default().score(&t)?.rounded(), 80);
/// assert_eq!(CesAgreement::strict().score(&t)?.rounded(), 60);
/// assert!((CesAgreement::default().mean(&t)?.value() - 5.53).abs() < 1e-12);
/// assert_eq!(CesAgreement::default().net_effort(&t)?.rounded(), 55);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CesAgreement {
    positive: RatingSet<Likert7>,
}

impl CesAgreement {
    /// Higher is better.
    pub const ORIENTATION: Orientation = Orientation::HigherIsBetter;

    /// CES 2.0 with a caller-chosen set of "easy" ratings.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{CesAgreement, Likert7, RatingSet};
    ///
    /// let top_box = CesAgreement::new(RatingSet::new([Likert7::new(7)?])?);
    /// assert_eq!(top_box.positive().to_string(), "{7}");
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn new(positive: RatingSet<Likert7>) -> Self {
        Self { positive }
    }

    /// The strict variant: only 6–7 ("agree", "strongly agree") count.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::CesAgreement;
    ///
    /// assert_eq!(CesAgreement::strict().positive().to_string(), "{6, 7}");
    /// ```
    #[must_use]
    pub const fn strict() -> Self {
        Self::new(SEVEN_TOP_TWO)
    }

    /// The ratings that count as easy.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::CesAgreement;
    ///
    /// assert_eq!(CesAgreement::default().positive().to_string(), "{5, 6, 7}");
    /// ```
    #[must_use]
    pub const fn positive(&self) -> RatingSet<Likert7> {
        self.positive
    }

    /// The share of answers in the positive set ("CES %").
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] for an empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{CesAgreement, Likert7, Tally};
    ///
    /// let t = Tally::<Likert7>::from_raw(&[7, 5, 4, 1])?;
    /// assert_eq!(CesAgreement::default().score(&t)?.hits(), 2);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn score(&self, tally: &impl Sample<Likert7>) -> Result<Share, Error> {
        self.core().share(tally)
    }

    /// The share of answers in the positive set, from raw 1–7 ratings in one
    /// validated pass.
    ///
    /// # Errors
    ///
    /// - [`Error::OutOfRangeAt`] naming the first off-scale byte and its index;
    /// - [`Error::EmptySample`] for an empty slice.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::CesAgreement;
    ///
    /// assert_eq!(CesAgreement::default().score_raw(&[7, 5, 4, 1])?.hits(), 2);
    /// assert!(CesAgreement::default().score_raw(&[7, 8]).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn score_raw(&self, bytes: &[u8]) -> Result<Share, Error> {
        self.core().share_raw(bytes, None)
    }

    /// The mean agreement, 1–7; higher is better.
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] for an empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{CesAgreement, Likert7, Tally};
    ///
    /// let t = Tally::<Likert7>::from_raw(&[7, 5])?;
    /// assert!((CesAgreement::default().mean(&t)?.value() - 6.0).abs() < 1e-15);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn mean(&self, tally: &impl Sample<Likert7>) -> Result<MeanScore, Error> {
        self.core().mean(tally)
    }

    /// The net effort score: the 6–7 share minus the 1–2 share.
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] for an empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{CesAgreement, Likert7, Tally};
    ///
    /// let t = Tally::<Likert7>::from_raw(&[7, 6, 4, 1])?;
    /// assert_eq!(CesAgreement::default().net_effort(&t)?.rounded(), 25);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn net_effort(&self, tally: &impl Sample<Likert7>) -> Result<NetScore, Error> {
        self.core().net(tally, SEVEN_TOP_TWO, SEVEN_BOTTOM_TWO)
    }

    const fn core(self) -> TopBox<Likert7> {
        TopBox {
            positive: self.positive,
            metric: Metric::CesAgreement,
        }
    }
}

/// 5–7: "somewhat agree", "agree", "strongly agree" (Gartner; Simplesat).
impl Default for CesAgreement {
    fn default() -> Self {
        Self::new(SEVEN_TOP_THREE)
    }
}

/// CES 1.0 (Dixon, Freeman & Toman, HBR 2010): "How much effort did you
/// personally have to put forth to handle your request?", 1 = very low
/// effort … 5 = very high effort. **Lower is better.**
///
/// The metric is the mean effort; the low-effort share counts 1–2. Reading
/// this scale as higher-is-better and taking a top-2 box gives the share of
/// *high*-effort customers, the orientation trap this type exists to close.
///
/// # Example
///
/// ```
/// use cxmetrics::{CesEffort, Likert5, Orientation, Tally};
///
/// let t = Tally::<Likert5>::from_counts(&[30, 35, 20, 10, 5])?;
/// assert!((CesEffort.score(&t)?.value() - 2.25).abs() < 1e-12);
/// assert_eq!(CesEffort.low_effort_share(&t)?.rounded(), 65);
/// assert_eq!(CesEffort.score(&t)?.orientation(), Orientation::LowerIsBetter);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct CesEffort;

impl CesEffort {
    /// Lower is better.
    pub const ORIENTATION: Orientation = Orientation::LowerIsBetter;

    /// The mean effort, 1–5; lower is better.
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] for an empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{CesEffort, Likert5, Tally};
    ///
    /// let t = Tally::<Likert5>::from_raw(&[1, 2])?;
    /// assert!((CesEffort.score(&t)?.value() - 1.5).abs() < 1e-15);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn score(&self, tally: &impl Sample<Likert5>) -> Result<MeanScore, Error> {
        Self::CORE.mean(tally)
    }

    /// The share of low-effort answers, 1–2.
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] for an empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{CesEffort, Likert5, Tally};
    ///
    /// let t = Tally::<Likert5>::from_raw(&[1, 2, 5, 4])?;
    /// assert_eq!(CesEffort.low_effort_share(&t)?.hits(), 2);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn low_effort_share(&self, tally: &impl Sample<Likert5>) -> Result<Share, Error> {
        Self::CORE.share(tally)
    }

    /// The low-effort share of raw 1–5 ratings, in one validated pass.
    ///
    /// # Errors
    ///
    /// - [`Error::OutOfRangeAt`] naming the first off-scale byte and its index;
    /// - [`Error::EmptySample`] for an empty slice.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::CesEffort;
    ///
    /// assert_eq!(CesEffort.low_effort_share_raw(&[1, 2, 5, 4])?.hits(), 2);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn low_effort_share_raw(&self, bytes: &[u8]) -> Result<Share, Error> {
        Self::CORE.share_raw(bytes, None)
    }

    /// The net effort score: the low-effort (1–2) share minus the
    /// high-effort (4–5) share, so that higher is better.
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] for an empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{CesEffort, Likert5, Tally};
    ///
    /// let t = Tally::<Likert5>::from_counts(&[30, 35, 20, 10, 5])?;
    /// assert_eq!(CesEffort.net_effort(&t)?.rounded(), 50);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn net_effort(&self, tally: &impl Sample<Likert5>) -> Result<NetScore, Error> {
        Self::CORE.net(tally, FIVE_BOTTOM_TWO, FIVE_TOP_TWO)
    }

    /// Reverse-codes effort into ease, `6 − x`, giving a tally to score with
    /// [`CesEase`]. This puts CES 1.0 on a higher-is-better footing; it does
    /// not make it comparable with CES 2.0, which is a different question.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{CesEase, CesEffort, Likert5, Tally};
    ///
    /// let effort = Tally::<Likert5>::from_raw(&[1, 1, 2, 5])?;
    /// let ease = CesEffort.reverse(&effort);
    /// assert_eq!(ease.counts(), &[1, 0, 0, 1, 2]);
    /// assert_eq!(CesEase::default().score(&ease)?.hits(), 3);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn reverse(&self, tally: &Tally<Likert5>) -> Tally<Likert5> {
        tally.reversed()
    }

    /// Low-effort (1–2) answers are the positive box; lower is better.
    const CORE: TopBox<Likert5> = TopBox {
        positive: FIVE_BOTTOM_TWO,
        metric: Metric::CesEffort,
    };
}

/// A 1–5 ease question ("very difficult" … "very easy"). Higher is better;
/// the share counts 4–5 by default.
///
/// # Example
///
/// ```
/// use cxmetrics::{CesEase, Likert5, Tally};
///
/// let t = Tally::<Likert5>::from_raw(&[5, 4, 4, 2, 1])?;
/// assert_eq!(CesEase::default().score(&t)?.hits(), 3);
/// assert_eq!(CesEase::default().net_effort(&t)?.rounded(), 20);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CesEase {
    positive: RatingSet<Likert5>,
}

impl CesEase {
    /// Higher is better.
    pub const ORIENTATION: Orientation = Orientation::HigherIsBetter;

    /// The ease question with a caller-chosen set of "easy" ratings.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{CesEase, Likert5, RatingSet};
    ///
    /// let very_easy = CesEase::new(RatingSet::new([Likert5::new(5)?])?);
    /// assert_eq!(very_easy.positive().len(), 1);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn new(positive: RatingSet<Likert5>) -> Self {
        Self { positive }
    }

    /// The ratings that count as easy.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::CesEase;
    ///
    /// assert_eq!(CesEase::default().positive().to_string(), "{4, 5}");
    /// ```
    #[must_use]
    pub const fn positive(&self) -> RatingSet<Likert5> {
        self.positive
    }

    /// The share of easy answers.
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] for an empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{CesEase, Likert5, Tally};
    ///
    /// assert_eq!(CesEase::default().score(&Tally::<Likert5>::from_raw(&[5, 1])?)?.hits(), 1);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn score(&self, tally: &impl Sample<Likert5>) -> Result<Share, Error> {
        self.core().share(tally)
    }

    /// The share of easy answers among raw 1–5 ratings, in one validated pass.
    ///
    /// # Errors
    ///
    /// - [`Error::OutOfRangeAt`] naming the first off-scale byte and its index;
    /// - [`Error::EmptySample`] for an empty slice.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::CesEase;
    ///
    /// assert_eq!(CesEase::default().score_raw(&[5, 1])?.hits(), 1);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn score_raw(&self, bytes: &[u8]) -> Result<Share, Error> {
        self.core().share_raw(bytes, None)
    }

    /// The mean ease, 1–5; higher is better.
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] for an empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{CesEase, Likert5, Tally};
    ///
    /// let m = CesEase::default().mean(&Tally::<Likert5>::from_raw(&[5, 4])?)?;
    /// assert!((m.value() - 4.5).abs() < 1e-15);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn mean(&self, tally: &impl Sample<Likert5>) -> Result<MeanScore, Error> {
        self.core().mean(tally)
    }

    /// The net effort score: the 4–5 share minus the 1–2 share.
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] for an empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{CesEase, Likert5, Tally};
    ///
    /// let t = Tally::<Likert5>::from_raw(&[5, 5, 1, 3])?;
    /// assert_eq!(CesEase::default().net_effort(&t)?.rounded(), 25);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn net_effort(&self, tally: &impl Sample<Likert5>) -> Result<NetScore, Error> {
        self.core().net(tally, FIVE_TOP_TWO, FIVE_BOTTOM_TWO)
    }

    const fn core(self) -> TopBox<Likert5> {
        TopBox {
            positive: self.positive,
            metric: Metric::CesEase,
        }
    }
}

/// 4–5: "easy" and "very easy".
impl Default for CesEase {
    fn default() -> Self {
        Self::new(FIVE_TOP_TWO)
    }
}
