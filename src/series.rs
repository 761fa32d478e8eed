//! `Series`: responses tallied per calendar period, and trends.

use alloc::collections::BTreeMap;

use core::fmt;

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate, Offset, TimeZone, Utc};

use crate::comparison::adjust;
use crate::estimate::sealed::INTERNAL;
use crate::period::local_date;
use crate::segments::{merge_into, same_length};
use crate::{
    Benchmark, BenchmarkKind, Comparison, Error, Estimate, Granularity, GroupedTally, Period, ReportOptions, Response,
    Row, Scale, Tally,
};

/// Responses tallied per calendar period: the data behind a trend.
///
/// Periods are computed on the calendar of a time zone: UTC by default
/// ([`Series::utc`]), a fixed offset, or any chrono [`TimeZone`] with
/// daylight saving, such as `chrono_tz::America::New_York`
/// ([`Series::new`]). A response at 23:30 UTC on a quarter's last day
/// belongs to the next quarter in UTC+2. Series on the same calendar merge
/// exactly; series in different zones do not merge.
///
/// The series also keeps the first and last instant it has seen, so a
/// trend can mark a first or last period that the data cover only in part
/// ([`Row::is_partial`]).
///
/// # Example
///
/// ```
/// use chrono::{Duration, TimeZone, Utc};
/// use cxmetrics::{ConfidenceLevel, Granularity, Nps, ReportOptions, Response, Series, ZeroToTen};
///
/// let monday = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap();
/// let mut weekly = Series::utc(Granularity::IsoWeek);
/// for (day, rating) in [(0, 9), (1, 10), (2, 6), (15, 9), (16, 9)] {
///     weekly.add(&Response::new(ZeroToTen::new(rating)?, monday + Duration::days(day)))?;
/// }
/// let trend = weekly.trend(|t| Nps.score(t), ReportOptions::from(ConfidenceLevel::P95).minimum_n(2))?;
/// let labels: Vec<String> = trend.iter().map(|p| p.key().to_string()).collect();
/// assert_eq!(labels, ["2026-W02", "2026-W03", "2026-W04"]); // the empty week is kept
/// assert!(trend[1].is_empty());
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series<S: Scale, Z: TimeZone = FixedOffset> {
    pub(crate) granularity: Granularity,
    pub(crate) zone: Z,
    pub(crate) tallies: BTreeMap<Period, Tally<S>>,
    /// The first and the last instant counted.
    pub(crate) span: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

impl<S: Scale> Series<S> {
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
}

impl<S: Scale, Z: TimeZone + PartialEq + fmt::Display> Series<S, Z> {
    /// An empty series on the calendar of `zone`: a `FixedOffset`, or any
    /// chrono time zone with daylight saving (`chrono_tz::Europe::Berlin`).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::FixedOffset;
    /// use cxmetrics::{Granularity, Likert7, ReportOptions, Series};
    ///
    /// let s = Series::<Likert7>::new(Granularity::Quarter, FixedOffset::east_opt(2 * 3600).unwrap());
    /// assert!(s.periods().next().is_none());
    /// ```
    #[must_use]
    pub const fn new(granularity: Granularity, zone: Z) -> Self {
        Self {
            granularity,
            zone,
            tallies: BTreeMap::new(),
            span: None,
        }
    }

    /// The time zone whose calendar the periods follow.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{FixedOffset, Offset, Utc};
    /// use cxmetrics::{Granularity, Likert7, Series};
    ///
    /// assert_eq!(*Series::<Likert7>::utc(Granularity::Day).zone(), Utc.fix());
    /// ```
    #[must_use]
    pub const fn zone(&self) -> &Z {
        &self.zone
    }

    /// The period length.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Granularity, Likert7, ReportOptions, Series};
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
    /// use cxmetrics::{Granularity, Likert5, ReportOptions, Response, Series};
    ///
    /// let mut s = Series::utc(Granularity::Year);
    /// s.add(&Response::new(Likert5::new(4)?, DateTime::from_timestamp(0, 0).unwrap()))?;
    /// assert_eq!(s.periods().next().map(|(p, _)| p.to_string()).as_deref(), Some("1970"));
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
    /// use cxmetrics::{Granularity, Likert5, ReportOptions, Series};
    ///
    /// let mut s = Series::utc(Granularity::Day);
    /// s.add_rating(DateTime::from_timestamp(0, 0).unwrap(), Likert5::new(4)?)?;
    /// assert_eq!(s.periods().next().map(|(_, t)| t.total()), Some(1));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn add_rating(&mut self, at: DateTime<Utc>, rating: S) -> Result<(), Error> {
        let period = self.granularity.period_of(at, &self.zone)?;
        self.tallies.entry(period).or_default().add(rating)?;
        self.span = Some(match self.span {
            Some((first, last)) => (first.min(at), last.max(at)),
            None => (at, at),
        });
        Ok(())
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
    /// use cxmetrics::{Granularity, Likert5, ReportOptions, Series};
    ///
    /// let at = DateTime::from_timestamp(0, 0).unwrap();
    /// let (mut a, mut b) = (Series::utc(Granularity::Day), Series::utc(Granularity::Day));
    /// a.add_rating(at, Likert5::new(4)?)?;
    /// b.add_rating(at, Likert5::new(5)?)?;
    /// a.merge(&b)?;
    /// assert_eq!(a.periods().next().map(|(_, t)| t.total()), Some(2));
    /// assert!(a.merge(&Series::utc(Granularity::Month)).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn merge(&mut self, other: &Self) -> Result<(), Error> {
        if self.granularity != other.granularity || self.zone != other.zone {
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
        self.span = match (self.span, other.span) {
            (Some((a, b)), Some((c, d))) => Some((a.min(c), b.max(d))),
            (one, other) => one.or(other),
        };
        Ok(())
    }

    fn calendar(&self) -> String {
        format!("a {} series in time zone {}", self.granularity, self.zone)
    }

    /// Every period from the first with answers to the last, in order, with
    /// its tally; periods without answers appear with an empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use cxmetrics::{Granularity, Likert5, Series};
    ///
    /// let mut s = Series::utc(Granularity::Month);
    /// s.add_rating(Utc.with_ymd_and_hms(2026, 1, 20, 8, 0, 0).unwrap(), Likert5::new(4)?)?;
    /// s.add_rating(Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap(), Likert5::new(5)?)?;
    /// let periods: Vec<(String, u64)> = s.periods().map(|(p, t)| (p.to_string(), t.total())).collect();
    /// assert_eq!(periods, [("2026-01".into(), 1), ("2026-02".into(), 0), ("2026-03".into(), 1)]);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn periods(&self) -> impl Iterator<Item = (Period, Tally<S>)> + '_ {
        let last = self.tallies.last_key_value().map(|(&p, _)| p);
        let mut next = self.tallies.first_key_value().map(|(&p, _)| p);
        core::iter::from_fn(move || {
            let period = next?;
            next = period.next().filter(|n| last.is_some_and(|last| *n <= last));
            Some((period, self.tallies.get(&period).cloned().unwrap_or_default()))
        })
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
    /// use cxmetrics::{Granularity, Likert5, ReportOptions, Series};
    ///
    /// let day0 = Utc.with_ymd_and_hms(2026, 5, 1, 12, 0, 0).unwrap();
    /// let mut daily = Series::utc(Granularity::Day);
    /// for d in 0..5 {
    ///     daily.add_rating(day0 + Duration::days(d), Likert5::new(5)?)?;
    /// }
    /// let last3 = daily.rolling(3)?;
    /// let totals: Vec<u64> = last3.periods().map(|(_, t)| t.total()).collect();
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
        // A sliding sum: add the period entering the window, subtract the
        // one leaving it, so the work is one pass over the periods.
        let periods: Vec<(Period, Tally<S>)> = self.periods().collect();
        let mut tallies = BTreeMap::new();
        let mut sum = Tally::new();
        for (i, (period, tally)) in periods.iter().enumerate() {
            sum.merge(tally)?;
            if let Some((_, leaving)) = i.checked_sub(window).map(|j| &periods[j]) {
                sum = sum.checked_sub(leaving)?;
            }
            tallies.insert(*period, sum.clone());
        }
        Ok(Self {
            granularity: self.granularity,
            zone: self.zone.clone(),
            tallies,
            span: self.span,
        })
    }

    /// A trend: per period, the estimate with its default interval and `n`,
    /// and the comparison with the previous period (difference, p-value,
    /// verdict). Periods with fewer than the minimum answers are marked
    /// thin and draw no comparison; empty periods are kept, with no
    /// estimate.
    ///
    /// The period-over-period p-values are adjusted across the trend
    /// ([`ReportOptions::adjustment`], Holm by default): a dashboard that
    /// shows 13 weekly changes runs 13 tests, and unadjusted it flags noise.
    /// With [`ReportOptions::practical_difference`] each comparison also
    /// says whether the change matters in practice.
    ///
    /// `score` is any metric definition, e.g. `|t| Nps.score(t)` or
    /// `|t| Csat::default().score(t)`.
    ///
    /// # Errors
    ///
    /// Whatever `score` returns for a non-empty tally;
    /// [`Error::InvalidArgument`] for a negative or non-finite minimum
    /// practical difference.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{Duration, TimeZone, Utc};
    /// use cxmetrics::{ConfidenceLevel, Csat, Granularity, Likert5, ReportOptions, Series, Verdict};
    ///
    /// let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    /// let mut monthly = Series::utc(Granularity::Month);
    /// for i in 0..200 {
    ///     let jan = if i % 2 == 0 { 5 } else { 2 }; // 50 % satisfied
    ///     monthly.add_rating(start + Duration::hours(i), Likert5::new(jan)?)?;
    ///     monthly.add_rating(start + Duration::days(40) + Duration::hours(i), Likert5::new(5)?)?;
    /// }
    /// let trend = monthly.trend(|t| Csat::default().score(t), ReportOptions::from(ConfidenceLevel::P95).minimum_n(30))?;
    /// let feb = &trend[1];
    /// assert_eq!(feb.key().to_string(), "2026-02");
    /// assert_eq!(feb.comparison().unwrap().verdict(), Verdict::Above);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn trend<E: Estimate>(
        &self,
        score: impl Fn(&Tally<S>) -> Result<E, Error>,
        options: impl Into<ReportOptions>,
    ) -> Result<Vec<Row<Period, E>>, Error> {
        self.report(score, None, options.into())
    }

    /// A trend in which every period is compared with one fixed baseline
    /// (a target, last year's figure, a baseline quarter's sample) instead
    /// of with the previous period, with the same adjustment, minimum `n`
    /// and practical difference as [`Series::trend`].
    ///
    /// # Errors
    ///
    /// As [`Series::trend`], and as [`Benchmark::compare`] (a baseline of
    /// another metric).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{Duration, TimeZone, Utc};
    /// use cxmetrics::{Benchmark, BenchmarkKind, Granularity, Nps, PracticalVerdict, ReportOptions, Series, ZeroToTen};
    ///
    /// let start = Utc.with_ymd_and_hms(2026, 1, 5, 0, 0, 0).unwrap();
    /// let mut weekly = Series::utc(Granularity::IsoWeek);
    /// for week in 0..4 {
    ///     for i in 0..400 {
    ///         let rating = if i % 2 == 0 { 10 } else { 7 }; // NPS +50 every week
    ///         weekly.add_rating(start + Duration::days(7 * week) + Duration::minutes(i), ZeroToTen::new(rating)?)?;
    ///     }
    /// }
    /// let target = Benchmark::nps("target", BenchmarkKind::Global, 40.0)?;
    /// let options = ReportOptions::new().practical_difference(2.0);
    /// let trend = weekly.trend_against(|t| Nps.score(t), &target, options)?;
    /// assert!(trend.iter().all(|w| w.practical() == Some(PracticalVerdict::BetterByAtLeast)));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn trend_against<E: Estimate>(
        &self,
        score: impl Fn(&Tally<S>) -> Result<E, Error>,
        baseline: &Benchmark<E>,
        options: impl Into<ReportOptions>,
    ) -> Result<Vec<Row<Period, E>>, Error> {
        self.report(score, Some(baseline), options.into())
    }

    /// Marks the first and last rows whose period the data cover only in
    /// part: the first answer came after the period's first day, or the
    /// last before its last day.
    fn mark_partial<E>(&self, rows: &mut [Row<Period, E>]) {
        let Some((first, last)) = self.span else {
            return;
        };
        let day = |at| crate::period::local_date(at, &self.zone);
        if let (Some(row), Some(first_day)) = (rows.first_mut(), day(first))
            && first_day > row.key().start()
        {
            row.set_partial();
        }
        if let (Some(row), Some(last_day)) = (rows.last_mut(), day(last))
            && row.key().end().is_some_and(|end| last_day.succ_opt() < Some(end))
        {
            row.set_partial();
        }
    }

    /// Rows per period, compared with `baseline` or, without one, with the
    /// previous period; the comparisons adjusted as one family.
    fn report<E: Estimate>(
        &self,
        score: impl Fn(&Tally<S>) -> Result<E, Error>,
        baseline: Option<&Benchmark<E>>,
        options: ReportOptions,
    ) -> Result<Vec<Row<Period, E>>, Error> {
        let (level, min_n, practical) = (options.confidence(), options.minimum(), options.practical()?);
        let mut rows: Vec<Row<Period, E>> = Vec::new();
        let mut family = Vec::new();
        for (period, tally) in self.periods() {
            let n = tally.total();
            let estimate = if n == 0 { None } else { Some(score(&tally)?) };
            let thin = n > 0 && n < min_n;
            let comparison = match (&estimate, baseline, rows.last()) {
                (Some(current), Some(b), _) if !thin => Some(b.compare(current, level)?),
                (Some(current), None, Some(prev)) if !thin && !prev.is_thin() => match prev.estimate() {
                    Some(p) => {
                        let previous = Benchmark::sample(prev.key().to_string(), BenchmarkKind::OwnHistory, p.clone());
                        Some(previous.compare(current, level)?)
                    }
                    None => None,
                },
                _ => None,
            };
            if let Some(c) = comparison {
                family.push((rows.len(), c));
            }
            let interval = estimate.as_ref().and_then(|e| e.default_interval(level, INTERNAL));
            rows.push(Row::new(period, n, estimate, interval, None, thin));
        }
        self.mark_partial(&mut rows);
        let (indices, comparisons): (Vec<usize>, Vec<Comparison>) = family.into_iter().unzip();
        for (i, c) in indices
            .into_iter()
            .zip(adjust(comparisons, options.chosen_adjustment())?)
        {
            rows[i].set_comparison(c, practical)?;
        }
        Ok(rows)
    }
}

/// Counts every response; see [`Series::add`].
///
/// # Panics
///
/// Only past `u64::MAX` answers in a period.
impl<'a, S: Scale, Z: TimeZone + PartialEq + fmt::Display> Extend<&'a Response<S>> for Series<S, Z> {
    fn extend<I: IntoIterator<Item = &'a Response<S>>>(&mut self, iter: I) {
        for r in iter {
            self.add(r).expect("tally count overflow");
        }
    }
}

impl<S: Scale, Z: TimeZone + PartialEq + fmt::Display> Series<S, Z> {
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
    /// let totals: Vec<u64> = weekly.periods().map(|(_, t)| t.total()).collect();
    /// assert_eq!(totals, [3, 1]); // Monday, Thursday and Sunday; then Wednesday
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn add_raw(&mut self, times: &[DateTime<Utc>], ratings: &[u8]) -> Result<(), Error> {
        same_length("number of times", times.len(), ratings.len())?;
        let mut index: HashMap<Period, u32, foldhash::fast::RandomState> = HashMap::default();
        let mut periods = alloc::vec::Vec::new();
        let mut codes = alloc::vec::Vec::with_capacity(times.len());
        // The current period's local days `from..to` and its code: answers
        // in time order reuse it after one date comparison. The local date
        // comes from the zone at each instant, daylight saving included.
        let mut cached: Option<(NaiveDate, Option<NaiveDate>, u32)> = None;
        let mut span = self.span;
        for at in times {
            let out = || Error::OutOfCalendar {
                moment: at.to_rfc3339(),
                granularity: "answer",
            };
            let day = local_date(*at, &self.zone).ok_or_else(out)?;
            let code = match cached {
                Some((from, to, code)) if from <= day && to.is_none_or(|to| day < to) => code,
                _ => {
                    let period = self.granularity.period_of(*at, &self.zone)?;
                    let next = u32::try_from(periods.len()).map_err(|_| Error::InvalidArgument {
                        name: "number of distinct periods",
                        value: periods.len() as f64,
                        expected: "at most 4294967295 periods per batch",
                    })?;
                    let code = *index.entry(period).or_insert_with(|| {
                        periods.push(period);
                        next
                    });
                    cached = Some((period.start(), period.end(), code));
                    code
                }
            };
            codes.push(code);
            span = Some(match span {
                Some((first, last)) => (first.min(*at), last.max(*at)),
                None => (*at, *at),
            });
        }
        let mut grouped = GroupedTally::<S>::with_groups(periods.len())?;
        grouped.add_raw(&codes, ratings)?;
        let batch = periods.iter().zip(grouped.as_slice());
        merge_into(&mut self.tallies, batch.map(|(p, t)| (*p, t.clone())))?;
        if !times.is_empty() {
            self.span = span;
        }
        Ok(())
    }
}
