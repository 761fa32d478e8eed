//! `Tally<S>`: exact counts per scale point, the one accumulator every metric reads.

use core::fmt;
use core::iter::Sum;
use core::marker::PhantomData;

use crate::{Error, Scale};

pub(crate) mod grouped;
pub(crate) mod kernel;
pub(crate) mod validity;
pub(crate) mod weighted;

use validity::Validity;

use weighted::WeightedTally;

pub(crate) mod sealed {
    use super::{Scale, Tally, WeightedTally};

    /// What a metric reads from a sample.
    #[derive(Debug)]
    pub enum View<'a, S: Scale> {
        Exact(&'a Tally<S>),
        Weighted(&'a WeightedTally<S>),
    }

    /// The sealed half of [`Sample`](super::Sample). `view` takes the
    /// crate's token, so it cannot be called from outside, even through a
    /// `Sample` bound.
    pub trait Sealed<S: Scale> {
        fn view(&self, _: crate::estimate::sealed::Internal) -> View<'_, S>;
    }
}

/// Answers on scale `S` that a metric can score: a [`Tally`] (exact counts)
/// or a [`WeightedTally`] (survey weights). Sealed.
///
/// # Example
///
/// ```
/// use cxmetrics::{Csat, Likert5, Sample, Tally, WeightedTally};
///
/// fn satisfied_share(answers: &impl Sample<Likert5>) -> Result<f64, cxmetrics::Error> {
///     Ok(Csat::default().score(answers)?.value())
/// }
/// let t = Tally::<Likert5>::from_raw(&[5, 4, 1, 2])?;
/// assert_eq!(satisfied_share(&t)?, 0.5);
/// assert_eq!(satisfied_share(&WeightedTally::from(&t))?, 0.5);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
///
/// Its internals stay inside the crate:
///
/// ```compile_fail
/// fn peek(s: &impl cxmetrics::Sample<cxmetrics::Likert5>) {
///     let _ = s.view(); // private: needs a token only the crate can make
/// }
/// ```
pub trait Sample<S: Scale>: sealed::Sealed<S> {}

impl<S: Scale> sealed::Sealed<S> for Tally<S> {
    fn view(&self, _: crate::estimate::sealed::Internal) -> sealed::View<'_, S> {
        sealed::View::Exact(self)
    }
}

impl<S: Scale> Sample<S> for Tally<S> {}

impl<S: Scale> sealed::Sealed<S> for WeightedTally<S> {
    fn view(&self, _: crate::estimate::sealed::Internal) -> sealed::View<'_, S> {
        sealed::View::Weighted(self)
    }
}

impl<S: Scale> Sample<S> for WeightedTally<S> {}

/// The most points any scale has (0–10).
pub(crate) const MAX_POINTS: usize = 11;

/// Exact counts of answers per point of a rating scale.
///
/// A tally is a sufficient statistic for every metric on its scale: NPS
/// categories, any top-box share, the mean and the variance all follow from
/// the counts, so data is read once. Tallies merge by integer addition, which
/// is associative and commutative: partial tallies computed on threads,
/// partitions or machines combine into exactly the tally of all the data
/// (see the crate docs on scale-out).
///
/// Counts are `u64`; a count or the total that would pass `u64::MAX` is an
/// [`Error::CountOverflow`], never a wrap.
///
/// # Example
///
/// ```
/// use cxmetrics::{Nps, Tally, ZeroToTen};
///
/// // Two workers tally their shards; the merged tally scores all answers.
/// let mut a = Tally::<ZeroToTen>::from_raw(&[10, 9, 7, 3])?;
/// let b = Tally::<ZeroToTen>::from_raw(&[9, 8, 6])?;
/// a.merge(&b)?;
/// assert_eq!(a.total(), 7);
/// assert_eq!(a.count(ZeroToTen::new(9)?), 2);
/// assert_eq!(Nps.score(&a)?.rounded(), 14); // (3 − 2) / 7 = 14.29 points
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Tally<S: Scale> {
    /// `counts[i]` is the count of rating `S::MIN + i`; entries past `S::POINTS` stay 0.
    counts: [u64; MAX_POINTS],
    total: u64,
    scale: PhantomData<fn() -> S>,
}

impl<S: Scale> Tally<S> {
    /// An empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert7, Tally};
    ///
    /// let t = Tally::<Likert7>::new();
    /// assert!(t.is_empty());
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        Self {
            counts: [0; MAX_POINTS],
            total: 0,
            scale: PhantomData,
        }
    }

    /// A tally from one count per scale point, lowest point first.
    ///
    /// # Errors
    ///
    /// - [`Error::InvalidArgument`] when `counts` does not have exactly
    ///   `S::POINTS` entries, e.g. four counts for [`Likert5`](crate::Likert5);
    /// - [`Error::CountOverflow`] when the counts add up past `u64::MAX`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, Tally};
    ///
    /// let t = Tally::<Likert5>::from_counts(&[5, 10, 15, 40, 30])?;
    /// assert_eq!(t.total(), 100);
    /// assert!(Tally::<Likert5>::from_counts(&[1, 2, 3]).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn from_counts(counts: &[u64]) -> Result<Self, Error> {
        if counts.len() != S::POINTS {
            return Err(Error::InvalidArgument {
                name: "number of counts",
                value: counts.len() as f64,
                expected: "one count per scale point",
            });
        }
        let mut tally = Self::new();
        for (rating, &n) in S::all_ratings().zip(counts) {
            tally.add_count(rating, n)?;
        }
        Ok(tally)
    }

    /// Validates and counts raw answers in one pass: the fast bulk path.
    ///
    /// Every byte must be a rating on `S`; the whole buffer is rejected
    /// otherwise, so no answer can be counted in `n` yet fall in no bucket.
    /// This runs at close to memory bandwidth (see the README's performance
    /// section).
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRangeAt`] naming the first invalid byte and its index,
    /// e.g. `[10, 11, 3]` on [`ZeroToTen`](crate::ZeroToTen) fails at index 1.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Tally, ZeroToTen};
    ///
    /// let t = Tally::<ZeroToTen>::from_raw(&[10, 9, 9, 8, 0])?;
    /// assert_eq!(t.count(ZeroToTen::new(9)?), 2);
    ///
    /// let err = Tally::<ZeroToTen>::from_raw(&[10, 11, 3]).unwrap_err();
    /// assert_eq!(err.to_string(), "rating 11 at index 1 is off the 0–10 scale");
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn from_raw(bytes: &[u8]) -> Result<Self, Error> {
        let (counts, total) = kernel::count_points::<S>(bytes, None)?;
        Ok(Self {
            counts,
            total,
            scale: PhantomData,
        })
    }

    /// Validates and counts the present answers of a column with missing
    /// values: answer `i` is present when its bit in `validity` is set.
    /// Missing answers are neither counted nor validated, so their bytes may
    /// hold anything (Arrow leaves them unspecified). Runs at close to the
    /// speed of [`Tally::from_raw`].
    ///
    /// # Errors
    ///
    /// - [`Error::OutOfRangeAt`] naming the first invalid byte among the
    ///   present answers and its index, e.g. `[10, 11]` with both bits set
    ///   on [`ZeroToTen`](crate::ZeroToTen) fails at index 1;
    /// - [`Error::InvalidArgument`] when `validity` covers a different number
    ///   of answers than `bytes` holds.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Tally, Validity, ZeroToTen};
    ///
    /// // An Arrow slice starting at bit 3 of its bitmap: answers 1 and 3 missing.
    /// let bits = [0b0010_1000];
    /// let t = Tally::<ZeroToTen>::from_raw_valid(&[9, 200, 10, 0], Validity::new(&bits, 3, 4)?)?;
    /// assert_eq!((t.total(), t.count(ZeroToTen::new(10)?)), (2, 1));
    ///
    /// let err = Tally::<ZeroToTen>::from_raw_valid(&[9, 11], Validity::new(&[0b11], 0, 2)?).unwrap_err();
    /// assert_eq!(err.to_string(), "rating 11 at index 1 is off the 0–10 scale");
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn from_raw_valid(bytes: &[u8], validity: Validity<'_>) -> Result<Self, Error> {
        let (counts, total) = kernel::count_points::<S>(bytes, Some(validity))?;
        Ok(Self {
            counts,
            total,
            scale: PhantomData,
        })
    }

    /// Counts one answer.
    ///
    /// # Errors
    ///
    /// [`Error::CountOverflow`] when the count of `rating` or the total is
    /// already `u64::MAX`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, Tally};
    ///
    /// let mut t = Tally::new();
    /// t.add(Likert5::new(4)?)?;
    /// assert_eq!(t.total(), 1);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn add(&mut self, rating: S) -> Result<(), Error> {
        self.add_count(rating, 1)
    }

    /// Counts `n` answers of the same rating.
    ///
    /// # Errors
    ///
    /// [`Error::CountOverflow`] when the count of `rating` or the total would
    /// pass `u64::MAX`; the tally is then unchanged.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Tally, ZeroToTen};
    ///
    /// let mut t = Tally::new();
    /// t.add_count(ZeroToTen::new(10)?, 200)?;
    /// assert_eq!(t.total(), 200);
    /// assert!(t.add_count(ZeroToTen::new(10)?, u64::MAX).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn add_count(&mut self, rating: S, n: u64) -> Result<(), Error> {
        let i = index::<S>(rating);
        let overflow = || Error::CountOverflow { rating: rating.get() };
        let count = self.counts[i].checked_add(n).ok_or_else(overflow)?;
        let total = self.total.checked_add(n).ok_or_else(overflow)?;
        self.counts[i] = count;
        self.total = total;
        Ok(())
    }

    /// Adds another tally's counts to this one.
    ///
    /// # Errors
    ///
    /// [`Error::CountOverflow`] when a count or the total would pass
    /// `u64::MAX`; the tally is then unchanged.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert7, Tally};
    ///
    /// let mut week1 = Tally::<Likert7>::from_raw(&[7, 6, 2])?;
    /// let week2 = Tally::<Likert7>::from_raw(&[5, 7])?;
    /// week1.merge(&week2)?;
    /// assert_eq!(week1.count(Likert7::new(7)?), 2);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn merge(&mut self, other: &Self) -> Result<(), Error> {
        let mut merged = self.counts;
        for (rating, (m, &o)) in S::all_ratings().zip(merged.iter_mut().zip(&other.counts)) {
            *m = m.checked_add(o).ok_or(Error::CountOverflow { rating: rating.get() })?;
        }
        let total = self
            .total
            .checked_add(other.total)
            .ok_or(Error::CountOverflow { rating: S::MIN })?;
        self.counts = merged;
        self.total = total;
        Ok(())
    }

    /// The number of answers.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Tally, ZeroToTen};
    ///
    /// assert_eq!(Tally::<ZeroToTen>::from_raw(&[1, 2, 3])?.total(), 3);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn total(&self) -> u64 {
        self.total
    }

    /// Whether the tally holds no answers.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, Tally};
    ///
    /// assert!(Tally::<Likert5>::default().is_empty());
    /// ```
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The number of answers with this rating.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, Tally};
    ///
    /// let t = Tally::<Likert5>::from_raw(&[5, 5, 4])?;
    /// assert_eq!(t.count(Likert5::new(5)?), 2);
    /// assert_eq!(t.count(Likert5::new(1)?), 0);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn count(&self, rating: S) -> u64 {
        self.counts[index::<S>(rating)]
    }

    /// The counts, one per scale point, lowest point first.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, Tally};
    ///
    /// let t = Tally::<Likert5>::from_raw(&[5, 5, 1])?;
    /// assert_eq!(t.counts(), &[1, 0, 0, 0, 2]);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn counts(&self) -> &[u64] {
        &self.counts[..S::POINTS]
    }

    /// Every scale point with its count, lowest point first (zeros included).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, Tally};
    ///
    /// let t = Tally::<Likert5>::from_raw(&[5, 4, 4])?;
    /// let top: Vec<(u8, u64)> = t.iter().filter(|&(_, n)| n > 0).map(|(r, n)| (r.get(), n)).collect();
    /// assert_eq!(top, [(4, 2), (5, 1)]);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (S, u64)> + ExactSizeIterator + '_ {
        S::all_ratings().zip(self.counts().iter().copied())
    }

    /// The answers of `self` without those of `other`, point by point:
    /// answers that were deleted or erased, or the period leaving a
    /// sliding window. Exact, like [`Tally::merge`], which it undoes.
    ///
    /// # Errors
    ///
    /// [`Error::TallyUnderflow`] when `other` holds more answers at some
    /// rating than `self`, e.g. removing two 9s from a tally with one.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Tally, ZeroToTen};
    ///
    /// let all = Tally::<ZeroToTen>::from_raw(&[10, 9, 9, 3])?;
    /// let erased = Tally::<ZeroToTen>::from_raw(&[9])?;
    /// assert_eq!(all.checked_sub(&erased)?, Tally::from_raw(&[10, 9, 3])?);
    /// let err = erased.checked_sub(&all).unwrap_err();
    /// assert_eq!(err.to_string(), "cannot remove 1 answers of rating 3 from a tally with 0 of them");
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn checked_sub(&self, other: &Self) -> Result<Self, Error> {
        let mut counts = self.counts;
        for ((c, &o), rating) in counts.iter_mut().zip(&other.counts).zip(S::all_ratings()) {
            *c = c.checked_sub(o).ok_or(Error::TallyUnderflow {
                rating: rating.get(),
                have: *c,
                remove: o,
            })?;
        }
        // Every count is at most the one it came from, so the totals are too.
        let total = counts.iter().sum();
        Ok(Self {
            counts,
            total,
            scale: PhantomData,
        })
    }

    /// The same answers reverse-coded, `MIN + MAX − x`: the counts in the
    /// opposite order, with the same total.
    pub(crate) fn reversed(&self) -> Self {
        let mut counts = [0; MAX_POINTS];
        counts[..S::POINTS].copy_from_slice(&self.counts[..S::POINTS]);
        counts[..S::POINTS].reverse();
        Self {
            counts,
            total: self.total,
            scale: PhantomData,
        }
    }

    pub(crate) fn count_where(&self, mut keep: impl FnMut(u8) -> bool) -> u64 {
        self.iter().filter(|&(r, _)| keep(r.get())).map(|(_, n)| n).sum()
    }
}

/// Builds the error for the first invalid byte of a raw buffer.
pub(crate) fn raw_error<S: Scale>(bytes: &[u8], index: usize) -> Error {
    Error::OutOfRangeAt {
        index,
        value: bytes[index],
        scale: S::NAME,
        min: S::MIN,
        max: S::MAX,
    }
}

fn index<S: Scale>(rating: S) -> usize {
    usize::from(rating.get() - S::MIN)
}

impl<S: Scale> Default for Tally<S> {
    fn default() -> Self {
        Self::new()
    }
}

impl<S: Scale> fmt::Debug for Tally<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tally")
            .field("scale", &S::NAME)
            .field("counts", &self.counts())
            .field("total", &self.total)
            .finish()
    }
}

/// Counts every rating.
///
/// # Panics
///
/// When a count would pass `u64::MAX`, which takes 1.8e19 answers; use
/// [`Tally::add`] to get an error instead.
impl<S: Scale> Extend<S> for Tally<S> {
    fn extend<I: IntoIterator<Item = S>>(&mut self, iter: I) {
        for rating in iter {
            self.add(rating).expect("tally count overflow");
        }
    }
}

/// Counts every rating; see [`Extend`] for the (theoretical) panic.
impl<S: Scale> FromIterator<S> for Tally<S> {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        let mut tally = Self::new();
        tally.extend(iter);
        tally
    }
}

/// Merges tallies, with overflow reported as an error instead of a panic.
///
/// ```
/// use cxmetrics::{Likert5, Tally};
///
/// let parts = vec![Tally::<Likert5>::from_raw(&[5, 4])?, Tally::from_raw(&[1])?];
/// let all: Tally<Likert5> = parts.into_iter().sum::<Result<_, _>>()?;
/// assert_eq!(all.total(), 3);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
impl<S: Scale> Sum<Tally<S>> for Result<Tally<S>, Error> {
    fn sum<I: Iterator<Item = Tally<S>>>(mut iter: I) -> Self {
        iter.try_fold(Tally::new(), |mut acc, t| {
            acc.merge(&t)?;
            Ok(acc)
        })
    }
}

/// Merges borrowed tallies; see the owned version.
impl<'a, S: Scale> Sum<&'a Tally<S>> for Result<Tally<S>, Error> {
    fn sum<I: Iterator<Item = &'a Tally<S>>>(mut iter: I) -> Self {
        iter.try_fold(Tally::new(), |mut acc, t| {
            acc.merge(t)?;
            Ok(acc)
        })
    }
}
