//! `Segments`: responses tallied per key (touchpoint, channel, agent, any
//! caller key), and segment tables.

mod keyed;

use keyed::count_keyed;

use alloc::collections::BTreeMap;
use core::fmt;
use core::hash::Hash;

use alloc::vec::Vec;

use crate::comparison::adjust;
use crate::estimate::sealed::INTERNAL;
use crate::{
    Benchmark, BenchmarkKind, Comparison, Error, Estimate, GroupedTally, Orientation, ReportOptions, Response, Row,
    Scale, Tally,
};

/// Responses tallied per key: touchpoint, channel, segment label or any
/// caller key. Segments merge exactly.
///
/// # Example
///
/// ```
/// use chrono::DateTime;
/// use cxmetrics::{Channel, Likert7, ReportOptions, Response, Segments};
///
/// let at = DateTime::from_timestamp(0, 0).unwrap();
/// let responses = [
///     Response::new(Likert7::new(6)?, at).with_channel(Channel::Chat),
///     Response::new(Likert7::new(2)?, at).with_channel(Channel::Phone),
///     Response::new(Likert7::new(7)?, at).with_channel(Channel::Chat),
///     Response::new(Likert7::new(5)?, at), // no channel: left out
/// ];
/// let by_channel = Segments::from_responses(&responses, |r| r.channel().cloned())?;
/// assert_eq!(by_channel.get(&Channel::Chat).map(|t| t.total()), Some(2));
/// assert_eq!(by_channel.len(), 2);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segments<K: Ord, S: Scale> {
    pub(crate) tallies: BTreeMap<K, Tally<S>>,
}

impl<K: Ord + Clone, S: Scale> Segments<K, S> {
    /// No segments.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert7, ReportOptions, Segments};
    ///
    /// assert!(Segments::<String, Likert7>::new().is_empty());
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        Self {
            tallies: BTreeMap::new(),
        }
    }

    /// Groups responses by `key`; responses whose key is `None` are left out.
    ///
    /// # Errors
    ///
    /// [`Error::CountOverflow`] past `u64::MAX` answers in a segment.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::{Likert5, ReportOptions, Response, Segments};
    ///
    /// let at = DateTime::from_timestamp(0, 0).unwrap();
    /// let rs = [Response::new(Likert5::new(5)?, at).with_segment("EMEA")];
    /// let s = Segments::from_responses(&rs, |r| r.segment().map(str::to_owned))?;
    /// assert_eq!(s.get(&"EMEA".to_string()).map(|t| t.total()), Some(1));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn from_responses<'a>(
        responses: impl IntoIterator<Item = &'a Response<S>>,
        key: impl Fn(&Response<S>) -> Option<K>,
    ) -> Result<Self, Error> {
        let mut s = Self::new();
        for r in responses {
            if let Some(k) = key(r) {
                s.add(k, r.rating())?;
            }
        }
        Ok(s)
    }

    /// Counts a rating in segment `key`.
    ///
    /// # Errors
    ///
    /// [`Error::CountOverflow`] past `u64::MAX` answers in a segment.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, ReportOptions, Segments};
    ///
    /// let mut s = Segments::new();
    /// s.add("agent 7", Likert5::new(2)?)?;
    /// assert_eq!(s.len(), 1);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn add(&mut self, key: K, rating: S) -> Result<(), Error> {
        self.tallies.entry(key).or_default().add(rating)
    }

    /// Counts a rating in the segment named by a borrowed key: the owned
    /// key is made only the first time the segment appears, so a loop over
    /// records that hold their keys (a `&str` agent per row for `String`
    /// segments) allocates once per segment, not once per answer.
    ///
    /// # Errors
    ///
    /// [`Error::CountOverflow`] past `u64::MAX` answers in a segment.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, Segments};
    ///
    /// let rows = [("ana", 5), ("ben", 2), ("ana", 4)];
    /// let mut by_agent = Segments::<String, Likert5>::new();
    /// for (agent, rating) in rows {
    ///     by_agent.add_borrowed(agent, Likert5::new(rating)?)?;
    /// }
    /// assert_eq!(by_agent.get(&"ana".to_owned()).map(|t| t.total()), Some(2));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn add_borrowed<Q>(&mut self, key: &Q, rating: S) -> Result<(), Error>
    where
        K: core::borrow::Borrow<Q>,
        Q: Ord + alloc::borrow::ToOwned<Owned = K> + ?Sized,
    {
        if let Some(tally) = self.tallies.get_mut(key) {
            return tally.add(rating);
        }
        let mut tally = Tally::new();
        tally.add(rating)?;
        self.tallies.insert(key.to_owned(), tally);
        Ok(())
    }

    /// Adds another set of segments, key by key.
    ///
    /// # Errors
    ///
    /// [`Error::CountOverflow`] past `u64::MAX` answers in a segment (the
    /// segments are then unchanged).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, ReportOptions, Segments};
    ///
    /// let (mut a, mut b) = (Segments::new(), Segments::new());
    /// a.add("x", Likert5::new(2)?)?;
    /// b.add("x", Likert5::new(4)?)?;
    /// a.merge(&b)?;
    /// assert_eq!(a.get(&"x").map(|t| t.total()), Some(2));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn merge(&mut self, other: &Self) -> Result<(), Error> {
        let mut merged = self.tallies.clone();
        for (k, t) in &other.tallies {
            merged.entry(k.clone()).or_default().merge(t)?;
        }
        self.tallies = merged;
        Ok(())
    }

    /// The tally of one segment.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, Segments};
    ///
    /// let mut s = Segments::new();
    /// s.add("chat", Likert5::new(5)?)?;
    /// s.add("chat", Likert5::new(3)?)?;
    /// assert_eq!(s.get(&"chat").map(|t| t.total()), Some(2));
    /// assert!(s.get(&"phone").is_none());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn get(&self, key: &K) -> Option<&Tally<S>> {
        self.tallies.get(key)
    }

    /// The number of segments.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, Segments};
    ///
    /// let mut s = Segments::new();
    /// s.add("chat", Likert5::new(5)?)?;
    /// s.add("chat", Likert5::new(3)?)?;
    /// s.add("phone", Likert5::new(4)?)?;
    /// assert_eq!(s.len(), 2); // segments, not answers
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.tallies.len()
    }

    /// Whether there are no segments.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, Segments};
    ///
    /// let mut s = Segments::<u32, Likert5>::new();
    /// assert!(s.is_empty());
    /// s.add(7, Likert5::new(4)?)?;
    /// assert!(!s.is_empty());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.tallies.is_empty()
    }

    /// Every segment with its tally, in key order.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, ReportOptions, Segments};
    ///
    /// let mut s = Segments::new();
    /// s.add(2, Likert5::new(2)?)?;
    /// s.add(1, Likert5::new(4)?)?;
    /// let keys: Vec<i32> = s.iter().map(|(k, _)| *k).collect();
    /// assert_eq!(keys, [1, 2]);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&K, &Tally<S>)> {
        self.tallies.iter()
    }

    /// A segment table: each segment's estimate, interval and `n`, and its
    /// comparison with the rest of the data or with a benchmark, with
    /// multiplicity-adjusted p-values. Segments with fewer than `min_n`
    /// answers are marked thin and draw no comparison (nor count towards
    /// the adjustment).
    ///
    /// # Errors
    ///
    /// Whatever `score` returns for a non-empty tally; the errors of
    /// [`Benchmark::compare`]; [`Error::CountOverflow`] when the segments add
    /// up past `u64::MAX` answers.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::inference::Adjustment;
    /// use cxmetrics::{Against, CesAgreement, ConfidenceLevel, Likert7, ReportOptions, Segments, Verdict};
    ///
    /// let mut s = Segments::new();
    /// for i in 0..300u32 {
    ///     s.add("chat", Likert7::new(if i % 10 < 8 { 6 } else { 3 })?)?;  // 80 % easy
    ///     s.add("phone", Likert7::new(if i % 10 < 5 { 6 } else { 2 })?)?; // 50 % easy
    /// }
    /// s.add("sms", Likert7::new(7)?)?; // one answer: thin
    /// let ces = CesAgreement::default();
    /// let table = s.table(|t| ces.score(t), Against::Rest, ReportOptions::from(ConfidenceLevel::P95).minimum_n(30).adjustment(Adjustment::Holm))?;
    /// let worst: Vec<&str> = table.worst_first().iter().map(|r| *r.key()).collect();
    /// assert_eq!(worst, ["phone", "chat", "sms"]); // thin rows last
    /// assert_eq!(table.rows()[1].comparison().unwrap().verdict(), Verdict::Below);
    /// assert!(table.rows()[2].is_thin());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn table<E: Estimate>(
        &self,
        score: impl Fn(&Tally<S>) -> Result<E, Error>,
        against: Against<'_, E>,
        options: impl Into<ReportOptions>,
    ) -> Result<SegmentTable<K, E>, Error>
    where
        K: fmt::Display,
    {
        let options = options.into();
        let (level, min_n, adjustment) = (options.confidence(), options.minimum(), options.chosen_adjustment());
        let practical = options.practical()?;
        let total: Tally<S> = self.tallies.values().sum::<Result<_, _>>()?;
        let mut rows = Vec::with_capacity(self.tallies.len());
        let mut family = Vec::new();
        for (key, tally) in &self.tallies {
            let n = tally.total();
            let estimate = if n == 0 { None } else { Some(score(tally)?) };
            let thin = n < min_n;
            let interval = estimate.as_ref().and_then(|e| e.default_interval(level, INTERNAL));
            if let (Some(e), false) = (&estimate, thin) {
                let comparison = match &against {
                    Against::Benchmark(b) => Some(b.compare(e, level)?),
                    Against::Rest => {
                        let rest = total.checked_sub(tally)?;
                        if rest.is_empty() {
                            None
                        } else {
                            Some(Benchmark::sample("rest", BenchmarkKind::Rest, score(&rest)?).compare(e, level)?)
                        }
                    }
                };
                if let Some(c) = comparison {
                    family.push((rows.len(), c.with_subject(&key.to_string())));
                }
            }
            rows.push(Row::new(key.clone(), n, estimate, interval, None, thin));
        }
        let (indices, comparisons): (Vec<usize>, Vec<Comparison>) = family.into_iter().unzip();
        for (i, c) in indices.into_iter().zip(adjust(comparisons, adjustment)?) {
            rows[i].set_comparison(c, practical)?;
        }
        Ok(SegmentTable { rows })
    }
}

impl<K: Ord + Clone, S: Scale> Default for Segments<K, S> {
    fn default() -> Self {
        Self::new()
    }
}

/// What each segment of a [`SegmentTable`] is compared with.
///
/// # Example
///
/// ```
/// use cxmetrics::{Against, Benchmark, BenchmarkKind, Csat, Likert5, Metric, ReportOptions, Segments, Verdict};
///
/// let mut s = Segments::new();
/// for i in 0..100u32 {
///     s.add("web", Likert5::new(if i % 10 < 9 { 5 } else { 1 })?)?; // 90 % satisfied
/// }
/// let csat = Csat::default();
/// let target = Benchmark::share("target", BenchmarkKind::Global, Metric::Csat, 70.0)?;
/// let vs_target = s.table(|t| csat.score(t), Against::Benchmark(&target), ReportOptions::new())?;
/// assert_eq!(vs_target.rows()[0].comparison().map(|c| c.verdict()), Some(Verdict::Above));
/// // A lone segment is all the data: there is no rest to compare it with.
/// let vs_rest = s.table(|t| csat.score(t), Against::Rest, ReportOptions::new())?;
/// assert!(vs_rest.rows()[0].comparison().is_none());
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Against<'a, E: Estimate> {
    /// All other segments together (two-sample comparison).
    Rest,
    /// A benchmark.
    Benchmark(&'a Benchmark<E>),
}

#[allow(clippy::expl_impl_clone_on_copy, reason = "a derive would require `E: Copy`")]
impl<E: Estimate> Clone for Against<'_, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E: Estimate> Copy for Against<'_, E> {}

/// The rest of the data.
impl<E: Estimate> Default for Against<'_, E> {
    fn default() -> Self {
        Self::Rest
    }
}

/// Segment rows with sorted views.
///
/// # Example
///
/// ```
/// use cxmetrics::{Against, Likert5, Mean, MeanScore, ReportOptions, SegmentTable, Segments};
///
/// let mut s = Segments::new();
/// s.add("north", Likert5::new(4)?)?;
/// s.add("south", Likert5::new(2)?)?;
/// let table: SegmentTable<&str, MeanScore> = s.table(|t| Mean.score(t), Against::Rest, ReportOptions::new())?;
/// assert_eq!(table.rows().len(), 2);
/// assert!(table.rows().iter().all(|r| r.is_thin())); // one answer each, below the default 30
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct SegmentTable<K, E> {
    rows: Vec<Row<K, E>>,
}

impl<K, E: Estimate> SegmentTable<K, E> {
    /// The rows in key order.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Against, Likert5, Mean, ReportOptions, Segments};
    ///
    /// let mut s = Segments::new();
    /// s.add("south", Likert5::new(2)?)?;
    /// s.add("north", Likert5::new(4)?)?;
    /// let table = s.table(|t| Mean.score(t), Against::Rest, ReportOptions::new())?;
    /// let keys: Vec<&str> = table.rows().iter().map(|r| *r.key()).collect();
    /// assert_eq!(keys, ["north", "south"]); // key order, not insertion order
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn rows(&self) -> &[Row<K, E>] {
        &self.rows
    }

    /// The rows worst first by the metric's orientation; thin rows last.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Against, CesEffort, Likert5, ReportOptions, Segments};
    ///
    /// let mut s = Segments::new();
    /// for i in 0..30u8 {
    ///     s.add("app", Likert5::new(1 + i % 2)?)?;   // effort 1–2
    ///     s.add("store", Likert5::new(4 + i % 2)?)?; // effort 4–5
    /// }
    /// let table = s.table(|t| CesEffort.score(t), Against::Rest, ReportOptions::new())?;
    /// let worst: Vec<&str> = table.worst_first().iter().map(|r| *r.key()).collect();
    /// assert_eq!(worst, ["store", "app"]); // CES 1.0: the higher mean effort is worse
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn worst_first(&self) -> Vec<&Row<K, E>> {
        let badness = |r: &Row<K, E>| {
            r.estimate().map_or(f64::NEG_INFINITY, |e| match e.orientation() {
                Orientation::HigherIsBetter => -e.value(),
                Orientation::LowerIsBetter => e.value(),
            })
        };
        let mut rows: Vec<&Row<K, E>> = self.rows.iter().collect();
        rows.sort_by(|a, b| a.is_thin().cmp(&b.is_thin()).then(badness(b).total_cmp(&badness(a))));
        rows
    }

    /// The rows with the most answers first.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::inference::Adjustment;
    /// use cxmetrics::{Against, ConfidenceLevel, Likert5, Mean, ReportOptions, Segments};
    ///
    /// let mut s = Segments::new();
    /// s.add("a", Likert5::new(2)?)?;
    /// s.add("b", Likert5::new(4)?)?;
    /// s.add("b", Likert5::new(5)?)?;
    /// let t = s.table(|t| Mean.score(t), Against::Rest, ReportOptions::from(ConfidenceLevel::P95).minimum_n(1).adjustment(Adjustment::Holm))?;
    /// assert_eq!(*t.most_answers_first()[0].key(), "b");
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn most_answers_first(&self) -> Vec<&Row<K, E>> {
        let mut rows: Vec<&Row<K, E>> = self.rows.iter().collect();
        rows.sort_by_key(|r| core::cmp::Reverse(r.n()));
        rows
    }
}

// Bulk paths for keyed grouping: each key is coded to a dense index (or a
// dictionary hands the index over, `add_raw_dictionary`), the answers are
// counted per index, and each distinct key's tally is merged into the tree
// once, instead of a tree lookup per answer.

pub(crate) fn same_length(name: &'static str, keys: usize, ratings: usize) -> Result<(), Error> {
    if keys == ratings {
        Ok(())
    } else {
        Err(Error::InvalidArgument {
            name,
            value: keys as f64,
            expected: "one per rating",
        })
    }
}

/// Adds per-key tallies to a tree, atomically: overflow is checked for
/// every key before anything changes.
pub(crate) fn merge_into<K: Ord + Clone, S: Scale>(
    tallies: &mut BTreeMap<K, Tally<S>>,
    batch: impl Iterator<Item = (K, Tally<S>)> + Clone,
) -> Result<(), Error> {
    for (k, t) in batch.clone() {
        if let Some(mine) = tallies.get(&k) {
            mine.clone().merge(&t)?;
        }
    }
    for (k, t) in batch {
        if t.is_empty() {
            continue;
        }
        tallies.entry(k).or_default().merge(&t)?;
    }
    Ok(())
}

impl<K: Ord + Clone + Hash, S: Scale> Segments<K, S> {
    /// Validates and counts raw ratings, answer `i` in segment `keys[i]`:
    /// the bulk path. Each key is hashed and looked up in a table of the
    /// distinct keys (within a run of equal keys, a comparison with the
    /// previous key replaces the lookup), the answers are counted
    /// per index in compact counters, and each distinct key's tally is
    /// merged into the segments once. `String` keys of up to 16 bytes are
    /// looked up by their bytes packed into two words, with no byte
    /// comparison (longer ones are compared in full after that). With the
    /// distinct keys known up front,
    /// [`add_raw_dictionary`](Self::add_raw_dictionary) skips the hashing.
    ///
    /// The batch is all or nothing: when it is rejected, nothing is counted.
    ///
    /// # Errors
    ///
    /// - [`Error::OutOfRangeAt`] naming the first invalid rating and its
    ///   index, e.g. `[5, 0]` on [`Likert5`](crate::Likert5) fails at 1;
    /// - [`Error::InvalidArgument`] when `keys` and `ratings` differ in
    ///   length (`"number of keys 3 is out of range: expected one per rating"`);
    /// - [`Error::CountOverflow`] past `u64::MAX` answers in a segment.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, Segments};
    ///
    /// let mut by_agent = Segments::<&str, Likert5>::new();
    /// by_agent.add_raw(&["ana", "ana", "bo", "ana"], &[5, 4, 2, 1])?;
    /// assert_eq!(by_agent.get(&"ana").map(|t| t.total()), Some(3));
    ///
    /// let err = by_agent.add_raw(&["bo", "bo"], &[5, 0]).unwrap_err();
    /// assert_eq!(err.to_string(), "rating 0 at index 1 is off the 1–5 scale");
    /// assert_eq!(by_agent.get(&"bo").map(|t| t.total()), Some(1));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn add_raw(&mut self, keys: &[K], ratings: &[u8]) -> Result<(), Error> {
        let batch = count_keyed::<K, S>(keys, ratings)?;
        merge_into(&mut self.tallies, batch.into_iter())
    }

    /// Validates and counts raw ratings whose keys come dictionary-encoded,
    /// as in an Arrow dictionary array or a polars categorical: answer `i` is
    /// in segment `dictionary[codes[i]]`. The codes go straight to the
    /// grouped kernel; nothing is hashed.
    ///
    /// # Errors
    ///
    /// As [`add_raw`](Self::add_raw); also [`Error::InvalidArgument`] for a
    /// code past the end of the dictionary, e.g. code 2 with two entries.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Segments, ZeroToTen};
    ///
    /// let mut by_channel = Segments::<String, ZeroToTen>::new();
    /// let dictionary = ["chat".to_string(), "phone".to_string()];
    /// by_channel.add_raw_dictionary(&dictionary, &[0, 1, 1, 0], &[10, 3, 9, 9])?;
    /// assert_eq!(by_channel.get(&"phone".to_string()).map(|t| t.total()), Some(2));
    /// assert!(by_channel.add_raw_dictionary(&dictionary, &[2], &[10]).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn add_raw_dictionary(&mut self, dictionary: &[K], codes: &[u32], ratings: &[u8]) -> Result<(), Error> {
        same_length("number of codes", codes.len(), ratings.len())?;
        let mut grouped = GroupedTally::<S>::with_groups(dictionary.len())?;
        grouped.add_raw(codes, ratings)?;
        if grouped.len() > dictionary.len() {
            return Err(Error::InvalidArgument {
                name: "dictionary code",
                value: (grouped.len() - 1) as f64,
                expected: "a code below the dictionary's length",
            });
        }
        let batch = dictionary.iter().zip(grouped.as_slice());
        merge_into(&mut self.tallies, batch.map(|(k, t)| (k.clone(), t.clone())))
    }
}
