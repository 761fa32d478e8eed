//! `RatingSet<S>`: which points of a scale count as "positive".

use core::fmt;
use core::marker::PhantomData;

use crate::{Error, Scale};

/// A non-empty set of ratings on scale `S`: the answers a share counts, such
/// as CSAT's top-2 box `{4, 5}` or CES 2.0's `{5, 6, 7}`.
///
/// The field uses one word ("CSAT", "CES") for shares of different sets, so
/// every share names its set explicitly.
///
/// # Example
///
/// ```
/// use cxmetrics::{Likert7, RatingSet};
///
/// let strict = RatingSet::range(Likert7::new(6)?, Likert7::new(7)?)?;
/// assert!(strict.contains(Likert7::new(7)?));
/// assert!(!strict.contains(Likert7::new(5)?));
/// assert_eq!(strict.to_string(), "{6, 7}");
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct RatingSet<S: Scale> {
    /// Bit `r` is set when rating `r` is in the set.
    mask: u16,
    scale: PhantomData<fn() -> S>,
}

impl<S: Scale> RatingSet<S> {
    /// The set of the given ratings (duplicates are harmless).
    ///
    /// # Errors
    ///
    /// [`Error::EmptyPositiveSet`] when `ratings` yields nothing.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, RatingSet};
    ///
    /// let ends = RatingSet::new([Likert5::new(1)?, Likert5::new(5)?])?;
    /// assert_eq!(ends.len(), 2);
    /// assert!(RatingSet::<Likert5>::new([]).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn new(ratings: impl IntoIterator<Item = S>) -> Result<Self, Error> {
        let mask = ratings.into_iter().fold(0u16, |m, r| m | (1 << r.get()));
        Self::from_mask(mask)
    }

    /// The ratings from `low` to `high`, both included.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyPositiveSet`] when `low > high`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, RatingSet};
    ///
    /// let top2 = RatingSet::range(Likert5::new(4)?, Likert5::new(5)?)?;
    /// assert_eq!(top2.to_string(), "{4, 5}");
    /// assert_eq!(format!("{top2:?}"), "RatingSet<Likert5>{4, 5}"); // names the scale
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn range(low: S, high: S) -> Result<Self, Error> {
        let mask = (low.get()..=high.get()).fold(0u16, |m, r| m | (1 << r));
        Self::from_mask(mask)
    }

    /// Whether `rating` is in the set.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, RatingSet};
    ///
    /// let set = RatingSet::range(Likert5::new(4)?, Likert5::new(5)?)?;
    /// assert!(set.contains(Likert5::new(4)?));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn contains(self, rating: S) -> bool {
        self.contains_value(rating.get())
    }

    /// The number of ratings in the set (at least 1).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert7, RatingSet};
    ///
    /// assert_eq!(RatingSet::range(Likert7::new(5)?, Likert7::new(7)?)?.len(), 3);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    #[expect(clippy::len_without_is_empty, reason = "a RatingSet is never empty")]
    pub const fn len(self) -> usize {
        self.mask.count_ones() as usize
    }

    /// The ratings in the set, lowest first.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, RatingSet};
    ///
    /// let set = RatingSet::new([Likert5::new(5)?, Likert5::new(1)?])?;
    /// let v: Vec<u8> = set.iter().map(|r| r.get()).collect();
    /// assert_eq!(v, [1, 5]);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn iter(self) -> impl Iterator<Item = S> {
        S::all_ratings().filter(move |r| self.contains(*r))
    }

    /// The ratings `lo..=hi`, for the crate's named sets: both bounds must
    /// be on the scale, `lo <= hi` (the constants that use it are checked by
    /// the tests of every metric).
    pub(crate) const fn between(lo: u8, hi: u8) -> Self {
        let mask = ((1u32 << (hi + 1)) - (1u32 << lo)) as u16;
        Self::from_mask_unchecked(mask)
    }

    /// The lowest and highest rating of a contiguous set.
    pub(crate) const fn bounds(self) -> (u8, u8) {
        let low = self.lowest();
        (low, low + self.len() as u8 - 1)
    }

    /// The lowest rating in the set (a set is never empty).
    pub(crate) const fn lowest(self) -> u8 {
        self.mask.trailing_zeros() as u8
    }

    pub(crate) const fn from_mask_unchecked(mask: u16) -> Self {
        Self {
            mask,
            scale: PhantomData,
        }
    }

    fn from_mask(mask: u16) -> Result<Self, Error> {
        if mask == 0 {
            Err(Error::EmptyPositiveSet {
                scale: S::NAME,
                min: S::MIN,
                max: S::MAX,
            })
        } else {
            Ok(Self::from_mask_unchecked(mask))
        }
    }

    pub(crate) const fn mask(self) -> u16 {
        self.mask
    }

    pub(crate) const fn contains_value(self, value: u8) -> bool {
        value < 16 && self.mask & (1 << value) != 0
    }

    /// Maximal runs of consecutive ratings, as `(low, high)` pairs.
    pub(crate) fn runs(self) -> Vec<(u8, u8)> {
        let mut runs: Vec<(u8, u8)> = Vec::new();
        for r in self.iter().map(Scale::get) {
            match runs.last_mut() {
                Some((_, high)) if *high + 1 == r => *high = r,
                _ => runs.push((r, r)),
            }
        }
        runs
    }
}

/// Writes a mask as `{a, b, c}`.
pub(crate) fn fmt_mask(mask: u16, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str("{")?;
    let mut first = true;
    for r in (0..16u8).filter(|r| mask & (1 << r) != 0) {
        if !first {
            f.write_str(", ")?;
        }
        first = false;
        write!(f, "{r}")?;
    }
    f.write_str("}")
}

impl<S: Scale> fmt::Display for RatingSet<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_mask(self.mask, f)
    }
}

impl<S: Scale> fmt::Debug for RatingSet<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RatingSet<{}>", S::NAME)?;
        fmt_mask(self.mask, f)
    }
}
