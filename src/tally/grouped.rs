//! `GroupedTally<S>`: one tally per dense group index, filled in bulk from
//! `(group indices, raw ratings)` columns, as a query engine's GROUP BY hands
//! them over.

use alloc::vec::Vec;
use core::fmt;

use super::kernel;
use super::validity::Validity;
use crate::{Error, Scale, Tally};

mod sealed {
    pub trait Sealed: Copy {
        /// The index as a `usize`; `usize::MAX` when it does not fit, which
        /// then fails to allocate like any other too-large index.
        fn to_index(self) -> usize;
    }
}

/// A dense group index column type: `usize` (what `DataFusion` hands a
/// grouped accumulator), `u32` (polars' `IdxSize`, Arrow dictionary keys) or
/// `u64`. Sealed.
///
/// # Example
///
/// ```
/// use cxmetrics::{GroupedTally, ZeroToTen};
///
/// let mut by_agent = GroupedTally::<ZeroToTen>::new();
/// by_agent.add_raw(&[0u32, 1, 0], &[10, 3, 9])?;
/// by_agent.add_raw(&[2usize], &[7])?;
/// assert_eq!(by_agent.len(), 3);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
pub trait GroupIndex: sealed::Sealed {}

impl sealed::Sealed for usize {
    #[inline(always)]
    #[allow(clippy::inline_always, reason = "part of the scatter loop")]
    fn to_index(self) -> usize {
        self
    }
}
impl GroupIndex for usize {}

impl sealed::Sealed for u32 {
    #[inline(always)]
    #[allow(clippy::inline_always, reason = "part of the scatter loop")]
    fn to_index(self) -> usize {
        usize::try_from(self).unwrap_or(usize::MAX)
    }
}
impl GroupIndex for u32 {}

impl sealed::Sealed for u64 {
    #[inline(always)]
    #[allow(clippy::inline_always, reason = "part of the scatter loop")]
    fn to_index(self) -> usize {
        usize::try_from(self).unwrap_or(usize::MAX)
    }
}
impl GroupIndex for u64 {}

/// One [`Tally`] per dense group index `0..len()`, stored contiguously:
/// what a query engine's grouped aggregate keeps (per agent, per week, per
/// store), filled in bulk from a column of group indices and a column of raw
/// ratings.
///
/// Each group's tally is scored in place with [`get`](Self::get), without a
/// copy. Groups appear as their indices do: adding an answer for group 41
/// makes groups `0..=41` exist (the ones without answers stay empty).
/// Grouped tallies merge group by group, exactly.
///
/// # Example
///
/// ```
/// use cxmetrics::{GroupedTally, Nps, ZeroToTen};
///
/// // Group indices as an engine assigns them (0 = agent A, 1 = agent B).
/// let mut by_agent = GroupedTally::<ZeroToTen>::new();
/// by_agent.add_raw(&[0usize, 1, 0, 1, 0], &[10, 3, 9, 6, 7])?;
/// let a = by_agent.get(0).expect("agent A has a group");
/// assert_eq!(Nps.score(a)?.rounded(), 67);
/// assert_eq!(by_agent.get(1).map(|t| t.total()), Some(2));
///
/// let err = by_agent.add_raw(&[1usize, 0], &[8, 12]).unwrap_err();
/// assert_eq!(err.to_string(), "rating 12 at index 1 is off the 0–10 scale");
/// assert_eq!(by_agent.get(1).map(|t| t.total()), Some(2)); // nothing counted from that batch
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone)]
pub struct GroupedTally<S: Scale> {
    groups: Vec<Tally<S>>,
    /// An upper bound on every group's total (saturating): while
    /// `bound + batch length` fits in a `u64`, no count can overflow in
    /// the batch, so the scatter needs no checks.
    bound: u64,
}

impl<S: Scale> GroupedTally<S> {
    /// No groups.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{GroupedTally, Likert5};
    ///
    /// assert!(GroupedTally::<Likert5>::new().is_empty());
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        Self {
            groups: Vec::new(),
            bound: 0,
        }
    }

    /// `groups` empty groups.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] when that many groups cannot be allocated,
    /// e.g. `usize::MAX`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{GroupedTally, Likert5};
    ///
    /// let g = GroupedTally::<Likert5>::with_groups(3)?;
    /// assert_eq!(g.len(), 3);
    /// assert!(g.get(2).is_some_and(|t| t.is_empty()));
    /// assert!(GroupedTally::<Likert5>::with_groups(usize::MAX).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn with_groups(groups: usize) -> Result<Self, Error> {
        let mut g = Self::new();
        g.grow_to(groups)?;
        Ok(g)
    }

    /// The number of groups (one more than the largest index seen).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{GroupedTally, Likert5};
    ///
    /// let mut g = GroupedTally::<Likert5>::new();
    /// g.add_raw(&[4usize], &[5])?;
    /// assert_eq!(g.len(), 5);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// Whether there are no groups.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{GroupedTally, Likert5};
    ///
    /// let mut g = GroupedTally::<Likert5>::default();
    /// assert!(g.is_empty());
    /// g.add_raw(&[0usize], &[5])?;
    /// assert!(!g.is_empty());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Grows to `groups` groups, the new ones empty: an engine calls this
    /// with its `total_num_groups` before each batch. Never shrinks.
    ///
    /// # Errors
    ///
    /// - [`Error::InvalidArgument`] when `groups` is smaller than
    ///   [`len`](Self::len) (use [`take_first`](Self::take_first) to remove
    ///   groups), or cannot be allocated, e.g. `usize::MAX`; nothing changes.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{GroupedTally, Likert7};
    ///
    /// let mut g = GroupedTally::<Likert7>::new();
    /// g.resize(100)?;
    /// assert_eq!(g.len(), 100);
    /// assert!(g.resize(10).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn resize(&mut self, groups: usize) -> Result<(), Error> {
        if groups < self.groups.len() {
            return Err(Error::InvalidArgument {
                name: "number of groups",
                value: groups as f64,
                expected: "at least the current number of groups (resize never drops groups)",
            });
        }
        self.grow_to(groups)
    }

    /// The tally of group `g`; `None` past the last group.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Csat, GroupedTally, Likert5};
    ///
    /// let mut by_store = GroupedTally::<Likert5>::new();
    /// by_store.add_raw(&[0u32, 0, 1], &[5, 2, 4])?;
    /// assert_eq!(Csat::default().score(by_store.get(0).expect("store 0"))?.value(), 0.5);
    /// assert!(by_store.get(2).is_none());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn get(&self, g: usize) -> Option<&Tally<S>> {
        self.groups.get(g)
    }

    /// Every group index with its tally, in index order (empty groups
    /// included).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{GroupedTally, Likert5};
    ///
    /// let mut g = GroupedTally::<Likert5>::new();
    /// g.add_raw(&[2usize, 0, 2], &[5, 1, 4])?;
    /// let totals: Vec<(usize, u64)> = g.iter().map(|(i, t)| (i, t.total())).collect();
    /// assert_eq!(totals, [(0, 1), (1, 0), (2, 2)]);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (usize, &Tally<S>)> + ExactSizeIterator {
        self.groups.iter().enumerate()
    }

    /// The tallies, indexed by group.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{GroupedTally, Likert5, Tally};
    ///
    /// let mut g = GroupedTally::<Likert5>::new();
    /// g.add_raw(&[1usize], &[3])?;
    /// assert_eq!(g.as_slice(), &[Tally::new(), Tally::from_raw(&[3])?]);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn as_slice(&self) -> &[Tally<S>] {
        &self.groups
    }

    /// Validates and counts raw ratings, answer `i` going to group
    /// `groups[i]`: the bulk path (a validating pass over the ratings, then
    /// one pass that adds each answer to its group's counts). Groups are
    /// added as new indices appear.
    ///
    /// The batch is all or nothing: when it is rejected, nothing is counted
    /// and no group is added.
    ///
    /// # Errors
    ///
    /// - [`Error::OutOfRangeAt`] naming the first invalid rating and its
    ///   index, e.g. `[10, 11]` on [`ZeroToTen`](crate::ZeroToTen) fails at 1;
    /// - [`Error::InvalidArgument`] when `groups` and `ratings` differ in
    ///   length, or a group index cannot be allocated (e.g. `u64::MAX`);
    /// - [`Error::CountOverflow`] when a group would count past `u64::MAX`
    ///   answers.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{GroupedTally, ZeroToTen};
    ///
    /// let mut by_week = GroupedTally::<ZeroToTen>::new();
    /// by_week.add_raw(&[0u32, 0, 1, 1, 1], &[9, 10, 2, 10, 8])?;
    /// assert_eq!(by_week.get(1).map(|t| t.count(ZeroToTen::constant(10))), Some(1));
    ///
    /// let err = by_week.add_raw(&[0u32, 1], &[9]).unwrap_err();
    /// assert_eq!(err.to_string(), "number of group indices 2 is out of range: expected one group index per rating");
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn add_raw<G: GroupIndex>(&mut self, groups: &[G], ratings: &[u8]) -> Result<(), Error> {
        check_lengths(groups.len(), ratings.len())?;
        kernel::validate::<S>(ratings, None)?;
        self.add_valid_batch(groups, ratings, None)
    }

    /// As [`add_raw`](Self::add_raw), for a ratings column with missing
    /// values: answer `i` is present when its bit in `validity` is set.
    /// Missing answers are neither counted nor validated (their bytes may
    /// hold anything), but their group indices still make groups exist, so
    /// a group whose answers are all missing is there, empty.
    ///
    /// # Errors
    ///
    /// As [`add_raw`](Self::add_raw), for present answers only; also
    /// [`Error::InvalidArgument`] when `validity` covers a different number
    /// of answers than `ratings` holds.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{GroupedTally, Validity, ZeroToTen};
    ///
    /// let mut g = GroupedTally::<ZeroToTen>::new();
    /// // Answers 1 and 2 are missing; their bytes are not ratings.
    /// let validity = Validity::new(&[0b1001], 0, 4)?;
    /// g.add_raw_valid(&[0usize, 1, 2, 0], &[10, 99, 255, 9], validity)?;
    /// assert_eq!(g.len(), 3);
    /// assert_eq!(g.get(0).map(|t| t.total()), Some(2));
    /// assert!(g.get(2).is_some_and(|t| t.is_empty()));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn add_raw_valid<G: GroupIndex>(
        &mut self,
        groups: &[G],
        ratings: &[u8],
        validity: Validity<'_>,
    ) -> Result<(), Error> {
        check_lengths(groups.len(), ratings.len())?;
        kernel::validate::<S>(ratings, Some(validity))?;
        self.add_valid_batch(groups, ratings, Some(validity))
    }

    /// Merges a tally into group `g`, adding groups up to `g` if needed.
    ///
    /// # Errors
    ///
    /// - [`Error::CountOverflow`] when the group would count past
    ///   `u64::MAX` answers;
    /// - [`Error::InvalidArgument`] when group `g` cannot be allocated, e.g.
    ///   `usize::MAX`.
    ///
    /// Nothing changes on an error.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{GroupedTally, Likert5, Tally};
    ///
    /// let mut g = GroupedTally::<Likert5>::new();
    /// g.add_tally(1, &Tally::from_raw(&[5, 4])?)?;
    /// g.add_tally(1, &Tally::from_raw(&[1])?)?;
    /// assert_eq!(g.get(1).map(Tally::total), Some(3));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn add_tally(&mut self, g: usize, tally: &Tally<S>) -> Result<(), Error> {
        let mut merged = self.groups.get(g).cloned().unwrap_or_default();
        merged.merge(tally)?;
        self.grow_to(g.checked_add(1).ok_or_else(|| too_many(g))?)?;
        self.bound = self.bound.max(merged.total());
        self.groups[g] = merged;
        Ok(())
    }

    /// Adds another grouped tally, group by group (group `i` of `other` into
    /// group `i` of `self`, adding groups as needed).
    ///
    /// # Errors
    ///
    /// [`Error::CountOverflow`] when a group would count past `u64::MAX`
    /// answers; [`Error::InvalidArgument`] when the groups cannot be
    /// allocated. Nothing changes on an error.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{GroupedTally, ZeroToTen};
    ///
    /// let (mut a, mut b) = (GroupedTally::<ZeroToTen>::new(), GroupedTally::new());
    /// a.add_raw(&[0usize], &[10])?;
    /// b.add_raw(&[0usize, 1], &[9, 0])?;
    /// a.merge(&b)?;
    /// assert_eq!((a.len(), a.get(0).map(|t| t.total())), (2, Some(2)));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn merge(&mut self, other: &Self) -> Result<(), Error> {
        // Counts never exceed their total, so checking totals first makes
        // the merge atomic without a copy.
        for (mine, theirs) in self.groups.iter().zip(&other.groups) {
            if mine.total().checked_add(theirs.total()).is_none() {
                let mut probe = mine.clone();
                return Err(probe
                    .merge(theirs)
                    .err()
                    .unwrap_or(Error::CountOverflow { rating: S::MIN }));
            }
        }
        self.grow_to(other.groups.len())?;
        for (mine, theirs) in self.groups.iter_mut().zip(&other.groups) {
            for (m, &t) in mine.counts.iter_mut().zip(&theirs.counts) {
                *m += t;
            }
            mine.total += theirs.total;
        }
        self.bound = self.bound.saturating_add(other.bound);
        Ok(())
    }

    /// Removes the first `n` groups (all of them if there are fewer) and
    /// returns their tallies; the remaining groups move down, group `n`
    /// becoming group 0. This is an engine's `EmitTo::First(n)`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{GroupedTally, Likert5};
    ///
    /// let mut g = GroupedTally::<Likert5>::new();
    /// g.add_raw(&[0usize, 1, 2, 2], &[5, 4, 3, 3])?;
    /// let first = g.take_first(2);
    /// assert_eq!(first.len(), 2);
    /// assert_eq!((g.len(), g.get(0).map(|t| t.total())), (1, Some(2)));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn take_first(&mut self, n: usize) -> Vec<Tally<S>> {
        let rest = self.groups.split_off(n.min(self.groups.len()));
        core::mem::replace(&mut self.groups, rest)
    }

    /// Removes every group and returns their tallies, indexed by group.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{GroupedTally, Likert5};
    ///
    /// let mut g = GroupedTally::<Likert5>::new();
    /// g.add_raw(&[1usize], &[5])?;
    /// let all = g.take_all();
    /// assert_eq!(all.len(), 2);
    /// assert!(g.is_empty());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn take_all(&mut self) -> Vec<Tally<S>> {
        self.bound = 0;
        core::mem::take(&mut self.groups)
    }

    /// Adds empty groups up to `len` groups (never shrinks).
    fn grow_to(&mut self, len: usize) -> Result<(), Error> {
        if let Some(extra) = len.checked_sub(self.groups.len()).filter(|&e| e > 0) {
            self.groups.try_reserve(extra).map_err(|_| too_many(len - 1))?;
            self.groups.resize(len, Tally::new());
        }
        Ok(())
    }

    /// Counts a batch whose present ratings are known to be valid.
    fn add_valid_batch<G: GroupIndex>(
        &mut self,
        groups: &[G],
        ratings: &[u8],
        validity: Option<Validity<'_>>,
    ) -> Result<(), Error> {
        let n = ratings.len() as u64;
        if self.bound.checked_add(n).is_none() {
            self.bound = self.groups.iter().map(Tally::total).max().unwrap_or(0);
            if self.bound.checked_add(n).is_none() {
                // A group may be close to u64::MAX answers: count the batch
                // on its own, then merge it with overflow checks.
                let mut batch = Self::new();
                batch.add_valid_batch(groups, ratings, validity)?;
                return self.merge(&batch);
            }
        }
        let before = self.groups.len();
        let result = match validity {
            // A large batch relative to the groups goes through compact
            // scratch counters (below); a small one (an engine's 8,192-row
            // batch over a million groups) goes straight into the tallies,
            // so a batch never costs time in proportion to the groups.
            None if ratings.len() >= SCRATCH_MIN_ANSWERS_PER_COUNTER * S::POINTS * self.groups.len().max(1) / 4 => {
                return self.scatter_compact(groups, ratings).map(|()| {
                    self.bound += n;
                });
            }
            None => self.scatter(groups, ratings),
            Some(v) => self.scatter_valid(groups, ratings, v),
        };
        match result {
            Ok(()) => {
                self.bound += n;
                Ok(())
            }
            Err((done, e)) => {
                self.unscatter(&groups[..done], &ratings[..done], validity);
                self.groups.truncate(before);
                Err(e)
            }
        }
    }

    /// Counts a large batch of valid ratings into `u32` scratch counters, one
    /// row of `S::POINTS` per group (about a third of a `Tally`'s 96 bytes
    /// and no total to update, so one increment per answer and three times
    /// as many groups per cache level), then adds the rows to the tallies.
    /// Nothing changes on an error.
    fn scatter_compact<G: GroupIndex>(&mut self, groups: &[G], ratings: &[u8]) -> Result<(), Error> {
        let points = S::POINTS;
        let mut scratch: Vec<u32> = Vec::new();
        let mut rows = 0usize;
        let grow = |scratch: &mut Vec<u32>, rows: &mut usize, g: usize| -> Result<(), Error> {
            let want = g
                .checked_add(1)
                .and_then(|r| r.checked_mul(points))
                .ok_or_else(|| too_many(g))?;
            let extra = want.saturating_sub(scratch.len()).max(scratch.len());
            scratch.try_reserve(extra).map_err(|_| too_many(g))?;
            scratch.resize(want, 0);
            *rows = g + 1;
            Ok(())
        };
        grow(&mut scratch, &mut rows, self.groups.len().saturating_sub(1))?;
        let chunk = SCRATCH_CHUNK;
        let mut pending: Vec<Tally<S>> = Vec::new();
        for (gs, xs) in groups.chunks(chunk).zip(ratings.chunks(chunk)) {
            for (&g, &x) in gs.iter().zip(xs) {
                let g = g.to_index();
                if g >= rows {
                    grow(&mut scratch, &mut rows, g)?;
                }
                scratch[g * points + usize::from(x.wrapping_sub(S::MIN))] += 1;
            }
            if groups.len() > chunk {
                // Rare: fold each chunk into a pending copy, then go on.
                fold(&mut pending, &scratch, rows, points)?;
                scratch.fill(0);
            }
        }
        if groups.len() > chunk {
            return self.merge(&Self::from(pending));
        }
        self.grow_to(rows)?;
        for (t, row) in self.groups.iter_mut().zip(scratch.chunks_exact(points)) {
            let mut total = 0u64;
            for (c, &r) in t.counts.iter_mut().zip(row) {
                *c += u64::from(r);
                total += u64::from(r);
            }
            t.total += total;
        }
        Ok(())
    }

    /// Adds answer `i` to group `groups[i]`. Ratings are valid and no count
    /// can overflow, so the loop is a plain branch-free scatter but for the
    /// (predictable) check that the group exists. On an allocation failure,
    /// returns how many answers were counted.
    fn scatter<G: GroupIndex>(&mut self, groups: &[G], ratings: &[u8]) -> Result<(), (usize, Error)> {
        for (i, (&g, &x)) in groups.iter().zip(ratings).enumerate() {
            let g = g.to_index();
            if g >= self.groups.len() {
                self.grow_to(g.saturating_add(1)).map_err(|e| (i, e))?;
            }
            let t = &mut self.groups[g];
            t.counts[usize::from(x.wrapping_sub(S::MIN))] += 1;
            t.total += 1;
        }
        Ok(())
    }

    /// As [`scatter`](Self::scatter), adding 0 for a missing answer (whose
    /// byte is masked to the scale minimum so that it indexes a real count).
    fn scatter_valid<G: GroupIndex>(
        &mut self,
        groups: &[G],
        ratings: &[u8],
        v: Validity<'_>,
    ) -> Result<(), (usize, Error)> {
        for (c, (gs, xs)) in groups.chunks(64).zip(ratings.chunks(64)).enumerate() {
            let word = v.word(c * 64);
            for (j, (&g, &x)) in gs.iter().zip(xs).enumerate() {
                let present = (word >> j) & 1;
                let g = g.to_index();
                if g >= self.groups.len() {
                    self.grow_to(g.saturating_add(1)).map_err(|e| (c * 64 + j, e))?;
                }
                let y = x.wrapping_sub(S::MIN) & 0u8.wrapping_sub(present as u8);
                let t = &mut self.groups[g];
                t.counts[usize::from(y)] += present;
                t.total += present;
            }
        }
        Ok(())
    }

    /// Takes back answers just counted by a scatter that then failed.
    fn unscatter<G: GroupIndex>(&mut self, groups: &[G], ratings: &[u8], validity: Option<Validity<'_>>) {
        for (i, (&g, &x)) in groups.iter().zip(ratings).enumerate() {
            if validity.is_some_and(|v| !v.is_valid(i)) {
                continue;
            }
            if let Some(t) = self.groups.get_mut(g.to_index()) {
                t.counts[usize::from(x.wrapping_sub(S::MIN))] -= 1;
                t.total -= 1;
            }
        }
    }
}

/// Answers per scratch counter above which a batch is counted through
/// compact scratch counters; below it, folding the scratch rows (one per
/// group) would cost more than it saves.
const SCRATCH_MIN_ANSWERS_PER_COUNTER: usize = 1;

/// Answers per scratch pass: `u32` counters cannot overflow within
/// `u32::MAX` answers. Small in unit tests, to exercise the chunked path.
pub(crate) const SCRATCH_CHUNK: usize = if cfg!(test) { 1_000 } else { u32::MAX as usize };

/// Adds scratch rows to pending tallies (growing them), with overflow checks.
pub(crate) fn fold<S: Scale>(
    pending: &mut Vec<Tally<S>>,
    scratch: &[u32],
    rows: usize,
    points: usize,
) -> Result<(), Error> {
    if pending.len() < rows {
        pending
            .try_reserve(rows - pending.len())
            .map_err(|_| too_many(rows - 1))?;
        pending.resize(rows, Tally::new());
    }
    for (t, row) in pending.iter_mut().zip(scratch.chunks_exact(points)) {
        let mut add = Tally::<S>::new();
        for (c, &r) in add.counts.iter_mut().zip(row) {
            *c = u64::from(r);
            add.total += u64::from(r);
        }
        t.merge(&add)?;
    }
    Ok(())
}

fn check_lengths(groups: usize, ratings: usize) -> Result<(), Error> {
    if groups == ratings {
        Ok(())
    } else {
        Err(Error::InvalidArgument {
            name: "number of group indices",
            value: groups as f64,
            expected: "one group index per rating",
        })
    }
}

fn too_many(g: usize) -> Error {
    Error::InvalidArgument {
        name: "group index",
        value: g as f64,
        expected: "a dense group index whose groups fit in memory",
    }
}

impl<S: Scale> Default for GroupedTally<S> {
    fn default() -> Self {
        Self::new()
    }
}

/// Equal when every group's tally is equal.
///
/// # Example
///
/// ```
/// use cxmetrics::{GroupedTally, Likert5};
///
/// let (mut a, mut b) = (GroupedTally::<Likert5>::new(), GroupedTally::<Likert5>::new());
/// a.add_raw(&[0u32, 1], &[5, 4])?;
/// b.add_raw(&[1u32, 0], &[4, 5])?; // the same answers in another order
/// assert_eq!(a, b);
/// b.add_raw(&[1u32], &[4])?;
/// assert_ne!(a, b);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
impl<S: Scale> PartialEq for GroupedTally<S> {
    fn eq(&self, other: &Self) -> bool {
        self.groups == other.groups
    }
}

impl<S: Scale> Eq for GroupedTally<S> {}

impl<S: Scale> fmt::Debug for GroupedTally<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GroupedTally")
            .field("scale", &S::NAME)
            .field("groups", &self.groups)
            .finish_non_exhaustive()
    }
}

/// One group per tally, in order.
///
/// ```
/// use cxmetrics::{GroupedTally, Likert5, Tally};
///
/// let g = GroupedTally::from(vec![Tally::<Likert5>::from_raw(&[5])?, Tally::new()]);
/// assert_eq!(g.len(), 2);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
impl<S: Scale> From<Vec<Tally<S>>> for GroupedTally<S> {
    fn from(groups: Vec<Tally<S>>) -> Self {
        let bound = groups.iter().map(Tally::total).max().unwrap_or(0);
        Self { groups, bound }
    }
}

/// A grouped tally serializes as `{"scale": "ZeroToTen", "groups": [[..], ..]}`,
/// one list of `S::POINTS` counts per group. Deserializing rejects another
/// scale's name, a group with the wrong number of counts, unknown fields and
/// a group whose counts add up past `u64::MAX`.
#[cfg(feature = "serde")]
mod serde_impl {
    use alloc::string::String;
    use alloc::vec::Vec;

    use serde::de::{self, Deserialize, Deserializer};
    use serde::ser::{Serialize, SerializeStruct, Serializer};

    use super::GroupedTally;
    use crate::{Scale, Tally};

    struct Groups<'a, S: Scale>(&'a [Tally<S>]);

    impl<S: Scale> Serialize for Groups<'_, S> {
        fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
            serializer.collect_seq(self.0.iter().map(Tally::counts))
        }
    }

    impl<S: Scale> Serialize for GroupedTally<S> {
        fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
            let mut s = serializer.serialize_struct("GroupedTally", 2)?;
            s.serialize_field("scale", S::NAME)?;
            s.serialize_field("groups", &Groups(&self.groups))?;
            s.end()
        }
    }

    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Repr {
        scale: String,
        groups: Vec<Vec<u64>>,
    }

    impl<'de, S: Scale> Deserialize<'de> for GroupedTally<S> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let repr = Repr::deserialize(deserializer)?;
            if repr.scale != S::NAME {
                return Err(de::Error::custom(format_args!(
                    "expected a {} grouped tally, found scale {:?}",
                    S::NAME,
                    repr.scale
                )));
            }
            let groups = repr
                .groups
                .iter()
                .enumerate()
                .map(|(g, counts)| {
                    Tally::from_counts(counts).map_err(|e| de::Error::custom(format_args!("group {g}: {e}")))
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Self::from(groups))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ZeroToTen;

    #[test]
    fn chunked_scratch_passes_equal_one_by_one() {
        // Batches of exactly one chunk and one answer more included: with
        // `len > chunk` as `>=` inside the loop, a batch of exactly one
        // chunk was folded aside and then dropped.
        assert_eq!(SCRATCH_CHUNK, 1_000, "the test build's chunk");
        for len in [5_500u32, 1_000, 1_001, 2_000] {
            let groups: Vec<u32> = (0..len).map(|i| (i * 7) % 13 + u32::from(i > 5_000) * 20).collect();
            let ratings: Vec<u8> = (0..len).map(|i| ((i * 5 + i / 11) % 11) as u8).collect();
            let mut bulk = GroupedTally::<ZeroToTen>::new();
            bulk.add_raw(&[3u32], &[4]).expect("valid");
            let mut one = bulk.clone();
            bulk.add_raw(&groups, &ratings).expect("valid");
            for (&g, &r) in groups.iter().zip(&ratings) {
                one.add_tally(g as usize, &Tally::from_raw(&[r]).expect("valid"))
                    .expect("small");
            }
            assert_eq!(bulk, one, "{len} answers");
            assert_eq!(bulk.len(), if len > 5_000 { 33 } else { 13 }, "{len} answers");
        }
    }
}
