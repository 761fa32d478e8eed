//! Grouping responses into tallies: over time (`Series`, trends) and by a
//! key (`Segments`, segment tables). Both merge exactly.

use alloc::collections::BTreeMap;
use core::fmt;
use core::hash::Hash;
use std::collections::HashMap;

use chrono::{DateTime, Datelike, FixedOffset, Offset, Utc};

use crate::benchmark::{Estimate, adjust};
use crate::{
    Adjustment, Benchmark, BenchmarkKind, Comparison, ConfidenceLevel, Error, Granularity, GroupedTally, Interval,
    Orientation, Period, Response, Scale, Tally,
};

/// Responses tallied per calendar period: the data behind a trend.
///
/// Periods are computed on a fixed-offset calendar (UTC by default): a
/// response at 23:30 UTC on a quarter's last day belongs to the next
/// quarter in UTC+2. Series with the same calendar merge exactly.
///
/// # Example
///
/// ```
/// use chrono::{Duration, TimeZone, Utc};
/// use cxmetrics::{ConfidenceLevel, Granularity, Nps, Response, Series, ZeroToTen};
///
/// let monday = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap();
/// let mut weekly = Series::utc(Granularity::IsoWeek);
/// for (day, rating) in [(0, 9), (1, 10), (2, 6), (15, 9), (16, 9)] {
///     weekly.add(&Response::new(ZeroToTen::new(rating)?, monday + Duration::days(day)))?;
/// }
/// let trend = weekly.trend(Nps::score, ConfidenceLevel::P95, 2)?;
/// let labels: Vec<String> = trend.iter().map(|p| p.period().to_string()).collect();
/// assert_eq!(labels, ["2026-W02", "2026-W03", "2026-W04"]); // the empty week is kept
/// assert!(trend[1].is_empty());
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series<S: Scale> {
    pub(crate) granularity: Granularity,
    pub(crate) offset: FixedOffset,
    pub(crate) tallies: BTreeMap<Period, Tally<S>>,
}

impl<S: Scale> Series<S> {
    /// An empty series on the calendar of `offset`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::FixedOffset;
    /// use cxmetrics::{Granularity, Likert7, Series};
    ///
    /// let s = Series::<Likert7>::new(Granularity::Quarter, FixedOffset::east_opt(2 * 3600).unwrap());
    /// assert!(s.periods().is_empty());
    /// ```
    #[must_use]
    pub const fn new(granularity: Granularity, offset: FixedOffset) -> Self {
        Self {
            granularity,
            offset,
            tallies: BTreeMap::new(),
        }
    }

    /// An empty series on the UTC calendar.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Granularity, Likert7, Series};
    ///
    /// assert_eq!(Series::<Likert7>::utc(Granularity::Month).granularity(), Granularity::Month);
    /// ```
    #[must_use]
    pub fn utc(granularity: Granularity) -> Self {
        Self::new(granularity, Utc.fix())
    }

    /// The period length.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Granularity, Likert7, Series};
    ///
    /// assert_eq!(Series::<Likert7>::utc(Granularity::Day).granularity(), Granularity::Day);
    /// ```
    #[must_use]
    pub const fn granularity(&self) -> Granularity {
        self.granularity
    }

    /// Counts a response in the period of its time.
    ///
    /// # Errors
    ///
    /// [`Error::CountOverflow`] past `u64::MAX` answers in a period.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::{Granularity, Likert5, Response, Series};
    ///
    /// let mut s = Series::utc(Granularity::Year);
    /// s.add(&Response::new(Likert5::new(4)?, DateTime::from_timestamp(0, 0).unwrap()))?;
    /// assert_eq!(s.periods()[0].0.to_string(), "1970");
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn add(&mut self, response: &Response<S>) -> Result<(), Error> {
        self.add_rating(response.at(), response.rating())
    }

    /// Counts a rating given at `at`.
    ///
    /// # Errors
    ///
    /// [`Error::CountOverflow`] past `u64::MAX` answers in a period.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::{Granularity, Likert5, Series};
    ///
    /// let mut s = Series::utc(Granularity::Day);
    /// s.add_rating(DateTime::from_timestamp(0, 0).unwrap(), Likert5::new(4)?)?;
    /// assert_eq!(s.periods()[0].1.total(), 1);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn add_rating(&mut self, at: DateTime<Utc>, rating: S) -> Result<(), Error> {
        let period = self.granularity.period_of(at, self.offset);
        self.tallies.entry(period).or_default().add(rating)
    }

    /// Adds another series with the same calendar, period by period.
    ///
    /// # Errors
    ///
    /// - [`Error::Mismatch`] when the granularities or offsets differ;
    /// - [`Error::CountOverflow`] past `u64::MAX` answers in a period (the
    ///   series is then unchanged).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::{Granularity, Likert5, Series};
    ///
    /// let at = DateTime::from_timestamp(0, 0).unwrap();
    /// let (mut a, mut b) = (Series::utc(Granularity::Day), Series::utc(Granularity::Day));
    /// a.add_rating(at, Likert5::new(4)?)?;
    /// b.add_rating(at, Likert5::new(5)?)?;
    /// a.merge(&b)?;
    /// assert_eq!(a.periods()[0].1.total(), 2);
    /// assert!(a.merge(&Series::utc(Granularity::Month)).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn merge(&mut self, other: &Self) -> Result<(), Error> {
        if (self.granularity, self.offset) != (other.granularity, other.offset) {
            return Err(Error::Mismatch {
                left: self.calendar(),
                right: other.calendar(),
            });
        }
        let mut merged = self.tallies.clone();
        for (period, tally) in &other.tallies {
            merged.entry(*period).or_default().merge(tally)?;
        }
        self.tallies = merged;
        Ok(())
    }

    fn calendar(&self) -> String {
        format!("a {:?} series in UTC{}", self.granularity, self.offset)
    }

    /// Every period from the first with answers to the last, in order, with
    /// its tally; periods without answers appear with an empty tally.
    ///
    /// # Example
    ///
    /// See [`Series`].
    #[must_use]
    pub fn periods(&self) -> Vec<(Period, Tally<S>)> {
        let (Some((&first, _)), Some((&last, _))) = (self.tallies.first_key_value(), self.tallies.last_key_value())
        else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut period = first;
        loop {
            out.push((period, self.tallies.get(&period).cloned().unwrap_or_default()));
            let next = period.next();
            // `next` saturates at the end of chrono's calendar; stop there too.
            if period >= last || next <= period {
                break;
            }
            period = next;
        }
        out
    }

    /// A rolling window: each period's tally becomes the merge of its own
    /// and the `window − 1` periods before it (empty periods count as
    /// periods). With daily periods, `rolling(28)` is "the last 28 days".
    ///
    /// # Errors
    ///
    /// - [`Error::InvalidArgument`] when `window` is 0;
    /// - [`Error::CountOverflow`] past `u64::MAX` answers in a window.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{Duration, TimeZone, Utc};
    /// use cxmetrics::{Granularity, Likert5, Series};
    ///
    /// let day0 = Utc.with_ymd_and_hms(2026, 5, 1, 12, 0, 0).unwrap();
    /// let mut daily = Series::utc(Granularity::Day);
    /// for d in 0..5 {
    ///     daily.add_rating(day0 + Duration::days(d), Likert5::new(5)?)?;
    /// }
    /// let last3 = daily.rolling(3)?;
    /// let totals: Vec<u64> = last3.periods().iter().map(|(_, t)| t.total()).collect();
    /// assert_eq!(totals, [1, 2, 3, 3, 3]);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn rolling(&self, window: usize) -> Result<Self, Error> {
        if window == 0 {
            return Err(Error::InvalidArgument {
                name: "rolling window",
                value: 0.0,
                expected: "at least 1 period",
            });
        }
        let periods = self.periods();
        let mut tallies = BTreeMap::new();
        for (i, (period, _)) in periods.iter().enumerate() {
            let from = (i + 1).saturating_sub(window);
            let sum: Tally<S> = periods[from..=i].iter().map(|(_, t)| t).sum::<Result<_, _>>()?;
            tallies.insert(*period, sum);
        }
        Ok(Self {
            granularity: self.granularity,
            offset: self.offset,
            tallies,
        })
    }

    /// A trend: per period, the estimate with its default interval and `n`,
    /// and the comparison with the previous period (difference, p-value,
    /// verdict). Periods with fewer than `min_n` answers are marked thin
    /// and draw no comparison; empty periods are kept, with no estimate.
    ///
    /// `score` is any metric definition, e.g. `Nps::score` or
    /// `|t| Csat::default().share(t)`.
    ///
    /// # Errors
    ///
    /// Whatever `score` returns for a non-empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{Duration, TimeZone, Utc};
    /// use cxmetrics::{ConfidenceLevel, Csat, Granularity, Likert5, Series, Verdict};
    ///
    /// let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    /// let mut monthly = Series::utc(Granularity::Month);
    /// for i in 0..200 {
    ///     let jan = if i % 2 == 0 { 5 } else { 2 }; // 50 % satisfied
    ///     monthly.add_rating(start + Duration::hours(i), Likert5::new(jan)?)?;
    ///     monthly.add_rating(start + Duration::days(40) + Duration::hours(i), Likert5::new(5)?)?;
    /// }
    /// let trend = monthly.trend(|t| Csat::default().share(t), ConfidenceLevel::P95, 30)?;
    /// let feb = &trend[1];
    /// assert_eq!(feb.period().to_string(), "2026-02");
    /// assert_eq!(feb.change().unwrap().verdict(), Verdict::Above);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn trend<E: Estimate>(
        &self,
        score: impl Fn(&Tally<S>) -> Result<E, Error>,
        level: ConfidenceLevel,
        min_n: u64,
    ) -> Result<Vec<TrendPoint<E>>, Error> {
        let mut points: Vec<TrendPoint<E>> = Vec::new();
        for (period, tally) in self.periods() {
            let n = tally.total();
            let estimate = if n == 0 { None } else { Some(score(&tally)?) };
            let thin = n > 0 && n < min_n;
            let change = match (points.last(), &estimate) {
                (Some(prev), Some(current)) if !thin && !prev.thin => match &prev.estimate {
                    Some(p) => {
                        let previous = Benchmark::sample(prev.period.to_string(), BenchmarkKind::OwnHistory, p.clone());
                        Some(previous.compare(current, level)?)
                    }
                    None => None,
                },
                _ => None,
            };
            let interval = estimate.as_ref().and_then(|e| e.default_interval(level));
            points.push(TrendPoint {
                period,
                n,
                estimate,
                interval,
                change,
                thin,
            });
        }
        Ok(points)
    }
}

/// Counts every response; see [`Series::add`].
///
/// # Panics
///
/// Only past `u64::MAX` answers in a period.
impl<'a, S: Scale> Extend<&'a Response<S>> for Series<S> {
    fn extend<I: IntoIterator<Item = &'a Response<S>>>(&mut self, iter: I) {
        for r in iter {
            self.add(r).expect("tally count overflow");
        }
    }
}

/// One period of a trend.
///
/// # Example
///
/// See [`Series::trend`].
#[derive(Clone, Debug, PartialEq)]
pub struct TrendPoint<E> {
    period: Period,
    n: u64,
    estimate: Option<E>,
    interval: Option<Interval>,
    change: Option<Comparison>,
    thin: bool,
}

impl<E> TrendPoint<E> {
    /// The period.
    ///
    /// # Example
    ///
    /// See [`Series::trend`].
    #[must_use]
    pub const fn period(&self) -> Period {
        self.period
    }

    /// The number of answers in the period.
    ///
    /// # Example
    ///
    /// See [`Series::trend`].
    #[must_use]
    pub const fn n(&self) -> u64 {
        self.n
    }

    /// The estimate; `None` for an empty period.
    ///
    /// # Example
    ///
    /// See [`Series::trend`].
    #[must_use]
    pub const fn estimate(&self) -> Option<&E> {
        self.estimate.as_ref()
    }

    /// The estimate's default interval; `None` for an empty period (or a
    /// mean of one answer).
    ///
    /// # Example
    ///
    /// See [`Series::trend`].
    #[must_use]
    pub const fn interval(&self) -> Option<Interval> {
        self.interval
    }

    /// The comparison with the previous period; `None` when either period
    /// is empty or thin.
    ///
    /// # Example
    ///
    /// See [`Series::trend`].
    #[must_use]
    pub const fn change(&self) -> Option<&Comparison> {
        self.change.as_ref()
    }

    /// Whether the period has answers, but fewer than the minimum `n`.
    ///
    /// # Example
    ///
    /// See [`Series::trend`].
    #[must_use]
    pub const fn is_thin(&self) -> bool {
        self.thin
    }

    /// Whether the period has no answers.
    ///
    /// # Example
    ///
    /// See [`Series`].
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.n == 0
    }
}

/// Responses tallied per key: touchpoint, channel, segment label or any
/// caller key. Segments merge exactly.
///
/// # Example
///
/// ```
/// use chrono::DateTime;
/// use cxmetrics::{Channel, Likert7, Response, Segments};
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
    /// use cxmetrics::{Likert7, Segments};
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
    /// use cxmetrics::{Likert5, Response, Segments};
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
    /// use cxmetrics::{Likert5, Segments};
    ///
    /// let mut s = Segments::new();
    /// s.add("agent 7", Likert5::new(2)?)?;
    /// assert_eq!(s.len(), 1);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn add(&mut self, key: K, rating: S) -> Result<(), Error> {
        self.tallies.entry(key).or_default().add(rating)
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
    /// use cxmetrics::{Likert5, Segments};
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
    /// See [`Segments`].
    #[must_use]
    pub fn get(&self, key: &K) -> Option<&Tally<S>> {
        self.tallies.get(key)
    }

    /// The number of segments.
    ///
    /// # Example
    ///
    /// See [`Segments`].
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
    /// assert!(Segments::<u32, Likert5>::new().is_empty());
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
    /// use cxmetrics::{Likert5, Segments};
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
    /// use cxmetrics::{Adjustment, Against, CesAgreement, ConfidenceLevel, Likert7, Segments, Verdict};
    ///
    /// let mut s = Segments::new();
    /// for i in 0..300u32 {
    ///     s.add("chat", Likert7::new(if i % 10 < 8 { 6 } else { 3 })?)?;  // 80 % easy
    ///     s.add("phone", Likert7::new(if i % 10 < 5 { 6 } else { 2 })?)?; // 50 % easy
    /// }
    /// s.add("sms", Likert7::new(7)?)?; // one answer: thin
    /// let ces = CesAgreement::default();
    /// let table = s.table(|t| ces.share(t), ConfidenceLevel::P95, 30, Against::Rest, Adjustment::Holm)?;
    /// let worst: Vec<&str> = table.worst_first().iter().map(|r| *r.key()).collect();
    /// assert_eq!(worst, ["phone", "chat", "sms"]); // thin rows last
    /// assert_eq!(table.rows()[1].comparison().unwrap().verdict(), Verdict::Below);
    /// assert!(table.rows()[2].is_thin());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn table<E: Estimate>(
        &self,
        score: impl Fn(&Tally<S>) -> Result<E, Error>,
        level: ConfidenceLevel,
        min_n: u64,
        against: Against<'_, E>,
        adjustment: Adjustment,
    ) -> Result<SegmentTable<K, E>, Error>
    where
        K: fmt::Display,
    {
        let total: Tally<S> = self.tallies.values().sum::<Result<_, _>>()?;
        let mut rows = Vec::with_capacity(self.tallies.len());
        let mut family = Vec::new();
        for (key, tally) in &self.tallies {
            let n = tally.total();
            let estimate = if n == 0 { None } else { Some(score(tally)?) };
            let thin = n < min_n;
            let interval = estimate.as_ref().and_then(|e| e.default_interval(level));
            if let (Some(e), false) = (&estimate, thin) {
                let comparison = match &against {
                    Against::Benchmark(b) => Some(b.compare(e, level)?),
                    Against::Rest => match total.checked_sub(tally).filter(|rest| !rest.is_empty()) {
                        Some(rest) => {
                            Some(Benchmark::sample("rest", BenchmarkKind::Rest, score(&rest)?).compare(e, level)?)
                        }
                        None => None,
                    },
                };
                if let Some(c) = comparison {
                    family.push((rows.len(), c.with_subject(&key.to_string())));
                }
            }
            rows.push(SegmentRow {
                key: key.clone(),
                n,
                estimate,
                interval,
                comparison: None,
                thin,
            });
        }
        let (indices, comparisons): (Vec<usize>, Vec<Comparison>) = family.into_iter().unzip();
        for (i, c) in indices.into_iter().zip(adjust(comparisons, adjustment)?) {
            rows[i].comparison = Some(c);
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
/// See [`Segments::table`].
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

/// One segment's row in a [`SegmentTable`].
///
/// # Example
///
/// See [`Segments::table`].
#[derive(Clone, Debug, PartialEq)]
pub struct SegmentRow<K, E> {
    key: K,
    n: u64,
    estimate: Option<E>,
    interval: Option<Interval>,
    comparison: Option<Comparison>,
    thin: bool,
}

impl<K, E> SegmentRow<K, E> {
    /// The segment's key.
    ///
    /// # Example
    ///
    /// See [`Segments::table`].
    #[must_use]
    pub const fn key(&self) -> &K {
        &self.key
    }

    /// The number of answers.
    ///
    /// # Example
    ///
    /// See [`Segments::table`].
    #[must_use]
    pub const fn n(&self) -> u64 {
        self.n
    }

    /// The estimate.
    ///
    /// # Example
    ///
    /// See [`Segments::table`].
    #[must_use]
    pub const fn estimate(&self) -> Option<&E> {
        self.estimate.as_ref()
    }

    /// The estimate's default interval.
    ///
    /// # Example
    ///
    /// See [`Segments::table`].
    #[must_use]
    pub const fn interval(&self) -> Option<Interval> {
        self.interval
    }

    /// The comparison (with adjusted p-value and verdict); `None` for a
    /// thin segment, or when there is no rest to compare with.
    ///
    /// # Example
    ///
    /// See [`Segments::table`].
    #[must_use]
    pub const fn comparison(&self) -> Option<&Comparison> {
        self.comparison.as_ref()
    }

    /// Whether the segment has fewer answers than the minimum `n`.
    ///
    /// # Example
    ///
    /// See [`Segments::table`].
    #[must_use]
    pub const fn is_thin(&self) -> bool {
        self.thin
    }
}

/// Segment rows with sorted views.
///
/// # Example
///
/// See [`Segments::table`].
#[derive(Clone, Debug, PartialEq)]
pub struct SegmentTable<K, E> {
    rows: Vec<SegmentRow<K, E>>,
}

impl<K, E: Estimate> SegmentTable<K, E> {
    /// The rows in key order.
    ///
    /// # Example
    ///
    /// See [`Segments::table`].
    #[must_use]
    pub fn rows(&self) -> &[SegmentRow<K, E>] {
        &self.rows
    }

    /// The rows worst first by the metric's orientation; thin rows last.
    ///
    /// # Example
    ///
    /// See [`Segments::table`].
    #[must_use]
    pub fn worst_first(&self) -> Vec<&SegmentRow<K, E>> {
        let badness = |r: &SegmentRow<K, E>| {
            r.estimate
                .as_ref()
                .map_or(f64::NEG_INFINITY, |e| match e.orientation() {
                    Orientation::HigherIsBetter => -e.value(),
                    Orientation::LowerIsBetter => e.value(),
                })
        };
        let mut rows: Vec<&SegmentRow<K, E>> = self.rows.iter().collect();
        rows.sort_by(|a, b| a.thin.cmp(&b.thin).then(badness(b).total_cmp(&badness(a))));
        rows
    }

    /// The rows with the most answers first.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Adjustment, Against, ConfidenceLevel, Likert5, Mean, Segments};
    ///
    /// let mut s = Segments::new();
    /// s.add("a", Likert5::new(2)?)?;
    /// s.add("b", Likert5::new(4)?)?;
    /// s.add("b", Likert5::new(5)?)?;
    /// let t = s.table(Mean::score, ConfidenceLevel::P95, 1, Against::Rest, Adjustment::Holm)?;
    /// assert_eq!(*t.most_answers_first()[0].key(), "b");
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn most_answers_first(&self) -> Vec<&SegmentRow<K, E>> {
        let mut rows: Vec<&SegmentRow<K, E>> = self.rows.iter().collect();
        rows.sort_by_key(|r| core::cmp::Reverse(r.n));
        rows
    }
}

// Bulk paths for keyed grouping: each distinct key (or period) is mapped to
// a dense index once, then the answers go through the grouped kernel
// (`GroupedTally`), and each distinct key's tally is merged into the tree
// once, instead of a tree lookup per answer.

/// Dense codes for the keys of a batch, the distinct keys in code order.
struct Coded<K> {
    codes: alloc::vec::Vec<u32>,
    distinct: alloc::vec::Vec<K>,
}

fn code_keys<K: Hash + Eq + Clone>(keys: &[K]) -> Result<Coded<K>, Error> {
    // The map owns a clone of each distinct key: probing compares against
    // those few hot keys, not against the first occurrence somewhere in a
    // large input column (a cache miss per probe).
    let mut index: HashMap<K, u32, foldhash::fast::RandomState> = HashMap::default();
    let mut distinct = alloc::vec::Vec::new();
    let mut codes = alloc::vec::Vec::with_capacity(keys.len());
    let mut last: Option<(&K, u32)> = None;
    for k in keys {
        // Real columns come in runs (sorted by agent, by day): a run costs
        // one comparison per answer, not a hash.
        let code = match last {
            Some((prev, code)) if prev == k => code,
            _ => {
                let code = if let Some(&code) = index.get(k) {
                    code
                } else {
                    let code = u32::try_from(distinct.len()).map_err(|_| Error::InvalidArgument {
                        name: "number of distinct keys",
                        value: distinct.len() as f64,
                        expected: "at most 4294967295 distinct keys per batch",
                    })?;
                    index.insert(k.clone(), code);
                    distinct.push(k.clone());
                    code
                };
                last = Some((k, code));
                code
            }
        };
        codes.push(code);
    }
    Ok(Coded { codes, distinct })
}

fn same_length(name: &'static str, keys: usize, ratings: usize) -> Result<(), Error> {
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
fn merge_into<K: Ord + Clone, S: Scale>(
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
    /// the bulk path. Each distinct key is hashed into a dense index once
    /// per run of equal keys, the answers are counted by the grouped kernel
    /// ([`GroupedTally`]), and each distinct key's tally is merged into the
    /// segments once.
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
    /// assert_eq!(err.to_string(), "rating 0 at index 1 is out of range for Likert5 (1..=5)");
    /// assert_eq!(by_agent.get(&"bo").map(|t| t.total()), Some(1));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn add_raw(&mut self, keys: &[K], ratings: &[u8]) -> Result<(), Error> {
        same_length("number of keys", keys.len(), ratings.len())?;
        let coded = code_keys(keys)?;
        let mut grouped = GroupedTally::<S>::with_groups(coded.distinct.len())?;
        grouped.add_raw(&coded.codes, ratings)?;
        let batch = coded.distinct.iter().zip(grouped.as_slice());
        merge_into(&mut self.tallies, batch.map(|(k, t)| (k.clone(), t.clone())))
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

impl<S: Scale> Series<S> {
    /// Validates and counts raw ratings given at `times`: the bulk path.
    /// Consecutive answers in the same period (time-ordered data) reuse its
    /// index after one comparison of day numbers; a new period costs one
    /// calendar computation and one hash. The answers are then counted by
    /// the grouped kernel and each period's tally is merged in once.
    ///
    /// # Errors
    ///
    /// - [`Error::OutOfRangeAt`] naming the first invalid rating and its
    ///   index;
    /// - [`Error::InvalidArgument`] when `times` and `ratings` differ in
    ///   length;
    /// - [`Error::CountOverflow`] past `u64::MAX` answers in a period.
    ///
    /// Nothing is counted from a rejected batch.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{Duration, TimeZone, Utc};
    /// use cxmetrics::{Granularity, Likert5, Series};
    ///
    /// let t0 = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    /// let times: Vec<_> = (0..4).map(|d| t0 + Duration::days(3 * d)).collect();
    /// let mut weekly = Series::<Likert5>::utc(Granularity::IsoWeek);
    /// weekly.add_raw(&times, &[5, 4, 1, 5])?;
    /// let totals: Vec<u64> = weekly.periods().iter().map(|(_, t)| t.total()).collect();
    /// assert_eq!(totals, [3, 1]); // Monday, Thursday and Sunday; then Wednesday
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn add_raw(&mut self, times: &[DateTime<Utc>], ratings: &[u8]) -> Result<(), Error> {
        // Days since 0001-01-01 of chrono's proleptic calendar, on this
        // series' calendar: the same local date `period_of` computes.
        const UNIX_EPOCH_FROM_CE: i64 = 719_163;
        same_length("number of times", times.len(), ratings.len())?;
        let offset = i64::from(self.offset.local_minus_utc());
        let day = |at: &DateTime<Utc>| (at.timestamp() + offset).div_euclid(86_400) + UNIX_EPOCH_FROM_CE;
        let mut index: HashMap<Period, u32, foldhash::fast::RandomState> = HashMap::default();
        let mut periods = alloc::vec::Vec::new();
        let mut codes = alloc::vec::Vec::with_capacity(times.len());
        // The current period's local days `from..to` and its code.
        let mut cached: Option<(i64, i64, u32)> = None;
        for at in times {
            let d = day(at);
            let code = match cached {
                Some((from, to, code)) if from <= d && d < to => code,
                _ => {
                    let period = self.granularity.period_of(*at, self.offset);
                    let next = u32::try_from(periods.len()).map_err(|_| Error::InvalidArgument {
                        name: "number of distinct periods",
                        value: periods.len() as f64,
                        expected: "at most 4294967295 periods per batch",
                    })?;
                    let code = *index.entry(period).or_insert_with(|| {
                        periods.push(period);
                        next
                    });
                    let from = i64::from(period.start().num_days_from_ce());
                    let to = i64::from(period.end().num_days_from_ce());
                    cached = Some((from, to, code));
                    code
                }
            };
            codes.push(code);
        }
        let mut grouped = GroupedTally::<S>::with_groups(periods.len())?;
        grouped.add_raw(&codes, ratings)?;
        let batch = periods.iter().zip(grouped.as_slice());
        merge_into(&mut self.tallies, batch.map(|(p, t)| (*p, t.clone())))
    }
}
