//! Calendar periods: day, ISO week, month, quarter, year, in UTC or a fixed offset.

use core::fmt;

use chrono::{DateTime, Datelike, Days, FixedOffset, Months, NaiveDate, Utc};

/// How long a period is.
///
/// # Example
///
/// ```
/// use chrono::{FixedOffset, TimeZone, Utc};
/// use cxmetrics::Granularity;
///
/// // 23:30 UTC on 31 March is already 1 April in UTC+2: the next quarter.
/// let at = Utc.with_ymd_and_hms(2026, 3, 31, 23, 30, 0).unwrap();
/// let utc = FixedOffset::east_opt(0).unwrap();
/// let cest = FixedOffset::east_opt(2 * 3600).unwrap();
/// assert_eq!(Granularity::Quarter.period_of(at, utc).to_string(), "2026-Q1");
/// assert_eq!(Granularity::Quarter.period_of(at, cest).to_string(), "2026-Q2");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Granularity {
    /// A calendar day.
    Day,
    /// An ISO 8601 week, Monday to Sunday.
    IsoWeek,
    /// A calendar month.
    Month,
    /// A calendar quarter (January–March, …).
    Quarter,
    /// A calendar year.
    Year,
}

impl Granularity {
    /// The period containing the instant `at`, on the calendar of `offset`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{FixedOffset, TimeZone, Utc};
    /// use cxmetrics::Granularity;
    ///
    /// let at = Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0).unwrap(); // a Thursday
    /// let week = Granularity::IsoWeek.period_of(at, FixedOffset::east_opt(0).unwrap());
    /// assert_eq!(week.to_string(), "2026-W01");
    /// assert_eq!(week.start().to_string(), "2025-12-29");
    /// ```
    #[must_use]
    pub fn period_of(self, at: DateTime<Utc>, offset: FixedOffset) -> Period {
        Period::containing(self, at.with_timezone(&offset).date_naive())
    }
}

/// One period on the calendar: a granularity and its first day.
///
/// Periods order by their start and display as `2026-03-31`, `2026-W14`,
/// `2026-03`, `2026-Q1` or `2026`.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use cxmetrics::{Granularity, Period};
///
/// let march = Period::containing(Granularity::Month, NaiveDate::from_ymd_opt(2026, 3, 17).unwrap());
/// assert_eq!(march.to_string(), "2026-03");
/// assert_eq!(march.next().to_string(), "2026-04");
/// assert_eq!(march.end(), NaiveDate::from_ymd_opt(2026, 4, 1).unwrap());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Period {
    // Field order gives the ordering: by start, then granularity.
    start: NaiveDate,
    granularity: Granularity,
}

impl Period {
    /// The period of `granularity` containing the calendar day `date`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use cxmetrics::{Granularity, Period};
    ///
    /// let q = Period::containing(Granularity::Quarter, NaiveDate::from_ymd_opt(2026, 8, 9).unwrap());
    /// assert_eq!(q.start(), NaiveDate::from_ymd_opt(2026, 7, 1).unwrap());
    /// ```
    #[must_use]
    pub fn containing(granularity: Granularity, date: NaiveDate) -> Self {
        let first_of = |month: u32| NaiveDate::from_ymd_opt(date.year(), month, 1).unwrap_or(date);
        let start = match granularity {
            Granularity::Day => date,
            Granularity::IsoWeek => date - Days::new(u64::from(date.weekday().num_days_from_monday())),
            Granularity::Month => first_of(date.month()),
            Granularity::Quarter => first_of((date.month() - 1) / 3 * 3 + 1),
            Granularity::Year => first_of(1),
        };
        Self { start, granularity }
    }

    /// The first day.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use cxmetrics::{Granularity, Period};
    ///
    /// let y = Period::containing(Granularity::Year, NaiveDate::from_ymd_opt(2026, 8, 9).unwrap());
    /// assert_eq!(y.start(), NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    /// ```
    #[must_use]
    pub const fn start(&self) -> NaiveDate {
        self.start
    }

    /// The first day after the period.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use cxmetrics::{Granularity, Period};
    ///
    /// let d = Period::containing(Granularity::Day, NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
    /// assert_eq!(d.end(), NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
    /// ```
    #[must_use]
    pub fn end(&self) -> NaiveDate {
        self.next().start
    }

    /// The granularity.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use cxmetrics::{Granularity, Period};
    ///
    /// let d = Period::containing(Granularity::Day, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    /// assert_eq!(d.granularity(), Granularity::Day);
    /// ```
    #[must_use]
    pub const fn granularity(&self) -> Granularity {
        self.granularity
    }

    /// The following period.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use cxmetrics::{Granularity, Period};
    ///
    /// let w = Period::containing(Granularity::IsoWeek, NaiveDate::from_ymd_opt(2026, 12, 30).unwrap());
    /// assert_eq!((w.to_string(), w.next().to_string()), ("2026-W53".to_string(), "2027-W01".to_string()));
    /// ```
    #[must_use]
    pub fn next(&self) -> Self {
        let months = |n| self.start.checked_add_months(Months::new(n)).unwrap_or(NaiveDate::MAX);
        let start = match self.granularity {
            Granularity::Day => self.start.succ_opt().unwrap_or(NaiveDate::MAX),
            Granularity::IsoWeek => self.start.checked_add_days(Days::new(7)).unwrap_or(NaiveDate::MAX),
            Granularity::Month => months(1),
            Granularity::Quarter => months(3),
            Granularity::Year => months(12),
        };
        Self {
            start,
            granularity: self.granularity,
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.start;
        match self.granularity {
            Granularity::Day => write!(f, "{}", d.format("%Y-%m-%d")),
            Granularity::IsoWeek => {
                let w = d.iso_week();
                write!(f, "{}-W{:02}", w.year(), w.week())
            }
            Granularity::Month => write!(f, "{}", d.format("%Y-%m")),
            Granularity::Quarter => write!(f, "{}-Q{}", d.year(), (d.month() - 1) / 3 + 1),
            Granularity::Year => write!(f, "{}", d.year()),
        }
    }
}
