//! `Row`: one line of a trend or a segment table, and `ReportOptions`, the
//! settings both share.

use crate::inference::{Adjustment, Interval};
use crate::{Comparison, ConfidenceLevel, Error, PracticalVerdict};

/// One line of a report: a period of a trend ([`Series::trend`]) or a
/// segment of a table ([`Segments::table`]).
///
/// A row keeps its key (the [`Period`] or the segment key), its number of
/// answers, the estimate and its interval (`None` when the row has no
/// answers), and its comparison: with the previous period in a trend, with
/// the rest or a benchmark in a segment table (`None` for thin rows, whose
/// `n` is below the minimum).
///
/// [`Series::trend`]: crate::Series::trend
/// [`Segments::table`]: crate::Segments::table
/// [`Period`]: crate::Period
///
/// # Example
///
/// ```
/// use cxmetrics::{Against, Csat, Likert5, ReportOptions, Segments};
///
/// let mut by_agent = Segments::new();
/// for (agent, rating) in [("ana", 5), ("ana", 5), ("ana", 4), ("ana", 2), ("ben", 1), ("ben", 2), ("ben", 5)] {
///     by_agent.add(agent, Likert5::new(rating)?)?;
/// }
/// let table = by_agent.table(|t| Csat::default().score(t), Against::Rest, ReportOptions::new().minimum_n(4))?;
/// let ana = &table.rows()[0];
/// assert_eq!((*ana.key(), ana.n(), ana.is_thin()), ("ana", 4, false));
/// assert_eq!(ana.estimate().map(|e| e.rounded()), Some(75));
/// assert!(table.rows()[1].is_thin() && table.rows()[1].comparison().is_none());
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Row<K, E> {
    key: K,
    n: u64,
    estimate: Option<E>,
    interval: Option<Interval>,
    comparison: Option<Comparison>,
    practical: Option<PracticalVerdict>,
    thin: bool,
    partial: bool,
}

impl<K, E> Row<K, E> {
    pub(crate) const fn new(
        key: K,
        n: u64,
        estimate: Option<E>,
        interval: Option<Interval>,
        comparison: Option<Comparison>,
        thin: bool,
    ) -> Self {
        Self {
            key,
            n,
            estimate,
            interval,
            comparison,
            practical: None,
            thin,
            partial: false,
        }
    }

    pub(crate) fn set_partial(&mut self) {
        self.partial = true;
    }

    /// Sets the (adjusted) comparison and, when the report has a minimum
    /// practical difference, its practical verdict.
    pub(crate) fn set_comparison(&mut self, comparison: Comparison, delta: Option<f64>) -> Result<(), Error> {
        self.practical = delta.map(|d| comparison.practical(d)).transpose()?;
        self.comparison = Some(comparison);
        Ok(())
    }

    /// The period (in a trend) or the segment key (in a table).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use cxmetrics::{Granularity, Nps, ReportOptions, Series, ZeroToTen};
    ///
    /// let mut s = Series::utc(Granularity::Month);
    /// s.add_rating(Utc.with_ymd_and_hms(2026, 3, 14, 12, 0, 0).unwrap(), ZeroToTen::new(9)?)?;
    /// let trend = s.trend(|t| Nps.score(t), ReportOptions::new())?;
    /// assert_eq!(trend[0].key().to_string(), "2026-03"); // a trend's key is its period
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn key(&self) -> &K {
        &self.key
    }

    /// The number of answers in the row.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Against, Nps, ReportOptions, Segments, ZeroToTen};
    ///
    /// let mut s = Segments::new();
    /// for (key, rating) in [("web", 10), ("web", 3), ("app", 9)] {
    ///     s.add(key, ZeroToTen::new(rating)?)?;
    /// }
    /// let table = s.table(|t| Nps.score(t), Against::Rest, ReportOptions::new())?;
    /// let n: Vec<(&str, u64)> = table.rows().iter().map(|r| (*r.key(), r.n())).collect();
    /// assert_eq!(n, [("app", 1), ("web", 2)]);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn n(&self) -> u64 {
        self.n
    }

    /// The estimate; `None` when the row has no answers.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{DateTime, TimeDelta};
    /// use cxmetrics::{Granularity, Nps, ReportOptions, Series, ZeroToTen};
    ///
    /// let day0 = DateTime::from_timestamp(0, 0).unwrap();
    /// let mut s = Series::utc(Granularity::Day);
    /// s.add_rating(day0, ZeroToTen::new(10)?)?;
    /// s.add_rating(day0 + TimeDelta::days(2), ZeroToTen::new(0)?)?;
    /// let trend = s.trend(|t| Nps.score(t), ReportOptions::new())?;
    /// let scores: Vec<Option<i64>> = trend.iter().map(|r| r.estimate().map(|e| e.rounded())).collect();
    /// assert_eq!(scores, [Some(100), None, Some(-100)]); // the day without answers has no estimate
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn estimate(&self) -> Option<&E> {
        self.estimate.as_ref()
    }

    /// The estimate's default interval at the report's level; `None` when
    /// the row has no answers or the interval is undefined.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Against, Nps, ReportOptions, Segments, ZeroToTen};
    ///
    /// let mut s = Segments::new();
    /// for rating in [10, 9, 3, 8] {
    ///     s.add("web", ZeroToTen::new(rating)?)?;
    /// }
    /// let table = s.table(|t| Nps.score(t), Against::Rest, ReportOptions::new())?;
    /// assert!(table.rows()[0].interval().unwrap().contains(0.25));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn interval(&self) -> Option<Interval> {
        self.interval
    }

    /// The comparison: with the previous period (trend), with the rest or a
    /// benchmark (segment table). `None` for thin or empty rows, for the
    /// first period, and for a segment that is all the data.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{DateTime, TimeDelta};
    /// use cxmetrics::{Granularity, Nps, ReportOptions, Series, Verdict, ZeroToTen};
    ///
    /// let day0 = DateTime::from_timestamp(0, 0).unwrap();
    /// let mut s = Series::utc(Granularity::Day);
    /// for i in 0..40 {
    ///     s.add_rating(day0, ZeroToTen::new(if i < 30 { 10 } else { 0 })?)?; // +50
    ///     s.add_rating(day0 + TimeDelta::days(1), ZeroToTen::new(if i < 10 { 10 } else { 0 })?)?; // −50
    /// }
    /// let trend = s.trend(|t| Nps.score(t), ReportOptions::new())?;
    /// assert!(trend[0].comparison().is_none()); // nothing before the first period
    /// assert_eq!(trend[1].comparison().map(|c| c.verdict()), Some(Verdict::Below));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn comparison(&self) -> Option<&Comparison> {
        self.comparison.as_ref()
    }

    /// The practical verdict of the comparison against the report's minimum
    /// practical difference ([`ReportOptions::practical_difference`]);
    /// `None` when the report has none or the row has no comparison.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Against, Nps, PracticalVerdict, ReportOptions, Segments, ZeroToTen};
    ///
    /// let mut s = Segments::new();
    /// for (agent, rating) in [("ana", 10), ("ana", 9), ("ben", 2), ("ben", 3)] {
    ///     for _ in 0..50 {
    ///         s.add(agent, ZeroToTen::new(rating)?)?;
    ///     }
    /// }
    /// let table = s.table(|t| Nps.score(t), Against::Rest, ReportOptions::new().practical_difference(10.0))?;
    /// assert_eq!(table.rows()[0].practical(), Some(PracticalVerdict::BetterByAtLeast));
    /// assert_eq!(table.rows()[1].practical(), Some(PracticalVerdict::WorseByAtLeast));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn practical(&self) -> Option<PracticalVerdict> {
        self.practical
    }

    /// Whether the data cover the row's period only in part: the first
    /// period of a trend whose first answer came after the period began (a
    /// week that starts on a Wednesday in the data), or the last one whose
    /// last answer came before it ended. Compare such periods with care.
    /// Always `false` in a segment table.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{Duration, TimeZone, Utc};
    /// use cxmetrics::{Granularity, Nps, ReportOptions, Series, ZeroToTen};
    ///
    /// let wednesday = Utc.with_ymd_and_hms(2026, 1, 7, 9, 0, 0).unwrap();
    /// let mut weekly = Series::utc(Granularity::IsoWeek);
    /// for day in 0..12 {
    ///     weekly.add_rating(wednesday + Duration::days(day), ZeroToTen::new(9)?)?;
    /// }
    /// let trend = weekly.trend(|t| Nps.score(t), ReportOptions::new().minimum_n(1))?;
    /// let partial: Vec<bool> = trend.iter().map(|w| w.is_partial()).collect();
    /// assert_eq!(partial, [true, false]); // Wednesday to Sunday, then a whole week
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn is_partial(&self) -> bool {
        self.partial
    }

    /// Whether the row has answers but fewer than the report's minimum.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Against, Csat, Likert5, ReportOptions, Segments};
    ///
    /// let mut s = Segments::new();
    /// for (key, rating) in [("ana", 5), ("ana", 4), ("ana", 2), ("ben", 5)] {
    ///     s.add(key, Likert5::new(rating)?)?;
    /// }
    /// let table = s.table(|t| Csat::default().score(t), Against::Rest, ReportOptions::new().minimum_n(3))?;
    /// let thin: Vec<(&str, bool)> = table.rows().iter().map(|r| (*r.key(), r.is_thin())).collect();
    /// assert_eq!(thin, [("ana", false), ("ben", true)]);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn is_thin(&self) -> bool {
        self.thin
    }

    /// Whether the row has no answers (a gap in a trend).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Against, Nps, ReportOptions, Segments, ZeroToTen};
    ///
    /// let mut s = Segments::new();
    /// s.add("web", ZeroToTen::new(10)?)?;
    /// let table = s.table(|t| Nps.score(t), Against::Rest, ReportOptions::new())?;
    /// assert!(!table.rows()[0].is_empty());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.n == 0
    }
}

/// The settings of a trend or a segment table: the confidence level of
/// intervals and tests (95 %), the minimum number of answers for a row to
/// be compared (30), and the multiplicity adjustment across the table's
/// comparisons (Holm).
///
/// Anything that takes `impl Into<ReportOptions>` also takes a bare
/// [`ConfidenceLevel`].
///
/// # Example
///
/// ```
/// use cxmetrics::inference::Adjustment;
/// use cxmetrics::{ConfidenceLevel, ReportOptions};
///
/// let o = ReportOptions::new()
///     .level(ConfidenceLevel::P90)
///     .minimum_n(50)
///     .adjustment(Adjustment::BenjaminiHochberg);
/// assert_ne!(o, ReportOptions::default());
/// assert_eq!(ReportOptions::from(ConfidenceLevel::P95), ReportOptions::default());
/// // A bare level sets the level and keeps the other defaults.
/// assert_eq!(ReportOptions::from(ConfidenceLevel::P90), ReportOptions::new().level(ConfidenceLevel::P90));
/// assert_ne!(ReportOptions::from(ConfidenceLevel::P90), ReportOptions::default());
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReportOptions {
    level: ConfidenceLevel,
    min_n: u64,
    adjustment: Adjustment,
    practical: Option<f64>,
}

impl ReportOptions {
    /// The defaults: 95 %, a minimum of 30 answers, Holm.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::ReportOptions;
    ///
    /// assert_eq!(ReportOptions::new(), ReportOptions::default());
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        Self {
            level: ConfidenceLevel::P95,
            min_n: 30,
            adjustment: Adjustment::Holm,
            practical: None,
        }
    }

    /// The confidence level of intervals and tests.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Against, ConfidenceLevel, Nps, ReportOptions, Segments, ZeroToTen};
    ///
    /// let mut s = Segments::new();
    /// for rating in [10, 9, 3, 8, 10, 6] {
    ///     s.add("web", ZeroToTen::new(rating)?)?;
    /// }
    /// let width = |o: ReportOptions| -> Result<f64, cxmetrics::Error> {
    ///     let i = s.table(|t| Nps.score(t), Against::Rest, o)?.rows()[0].interval().unwrap();
    ///     Ok(i.upper() - i.lower())
    /// };
    /// assert!(width(ReportOptions::new().level(ConfidenceLevel::P99))? > width(ReportOptions::new())?);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn level(self, level: ConfidenceLevel) -> Self {
        Self { level, ..self }
    }

    /// The fewest answers a row needs to be compared; rows with fewer are
    /// thin.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Against, Csat, Likert5, ReportOptions, Segments};
    ///
    /// let mut s = Segments::new();
    /// for (key, rating) in [("ana", 5), ("ana", 4), ("ben", 5)] {
    ///     s.add(key, Likert5::new(rating)?)?;
    /// }
    /// let thin = |o: ReportOptions| -> Result<Vec<bool>, cxmetrics::Error> {
    ///     Ok(s.table(|t| Csat::default().score(t), Against::Rest, o)?.rows().iter().map(|r| r.is_thin()).collect())
    /// };
    /// assert_eq!(thin(ReportOptions::new().minimum_n(2))?, [false, true]);
    /// assert_eq!(thin(ReportOptions::new())?, [true, true]); // 30 by default
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn minimum_n(self, min_n: u64) -> Self {
        Self { min_n, ..self }
    }

    /// The multiplicity adjustment across the report's comparisons: the
    /// segments of a table, or the periods of a trend (each period's test
    /// is one look; without an adjustment a long trend shows "changes"
    /// that are noise). [`Adjustment::None`] turns it off.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::inference::Adjustment;
    /// use cxmetrics::ReportOptions;
    ///
    /// let _ = ReportOptions::new().adjustment(Adjustment::BenjaminiHochberg);
    /// ```
    #[must_use]
    pub const fn adjustment(self, adjustment: Adjustment) -> Self {
        Self { adjustment, ..self }
    }

    /// A minimum practical difference, in display units (points for net
    /// scores, percent for shares, the scale for means): each compared row
    /// then also carries a [`PracticalVerdict`] ([`Row::practical`]).
    /// Checked when the report is made: negative or non-finite values are an
    /// error there.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::ReportOptions;
    ///
    /// let _ = ReportOptions::new().practical_difference(3.0); // ±3 NPS points
    /// ```
    #[must_use]
    pub const fn practical_difference(self, delta: f64) -> Self {
        Self {
            practical: Some(delta),
            ..self
        }
    }

    /// The minimum practical difference, checked here so that a bad value is
    /// an error even when a report has no comparison to apply it to.
    pub(crate) fn practical(&self) -> Result<Option<f64>, crate::Error> {
        self.practical
            .map(|delta| {
                crate::Error::check_in(
                    "minimum practical difference",
                    delta,
                    0.0..f64::INFINITY,
                    "a finite value >= 0 in display units (points, percent or scale)",
                )
            })
            .transpose()
    }

    pub(crate) const fn confidence(&self) -> ConfidenceLevel {
        self.level
    }

    pub(crate) const fn minimum(&self) -> u64 {
        self.min_n
    }

    pub(crate) const fn chosen_adjustment(&self) -> Adjustment {
        self.adjustment
    }
}

impl Default for ReportOptions {
    fn default() -> Self {
        Self::new()
    }
}

impl From<ConfidenceLevel> for ReportOptions {
    fn from(level: ConfidenceLevel) -> Self {
        Self::new().level(level)
    }
}
