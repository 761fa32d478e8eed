//! Calendar periods: day, ISO week, month, quarter, year, in UTC or a fixed offset.

use core::fmt;
use core::str::FromStr;

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Offset, TimeZone, Utc};

use crate::Error;

/// How long a period is.
///
/// `Display` and `FromStr` use the same names as serde: `day`, `iso_week`,
/// `month`, `quarter`, `year` (parsing also takes `week` and ignores case
/// and surrounding spaces).
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
/// assert_eq!(Granularity::Quarter.period_of(at, &utc)?.to_string(), "2026-Q1");
/// assert_eq!(Granularity::Quarter.period_of(at, &cest)?.to_string(), "2026-Q2");
/// assert_eq!("ISO_week".parse::<Granularity>()?, Granularity::IsoWeek);
/// # Ok::<(), cxmetrics::Error>(())
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
    /// Every granularity, shortest first.
    const ALL: [Self; 5] = [Self::Day, Self::IsoWeek, Self::Month, Self::Quarter, Self::Year];

    /// The name `Display`, `FromStr` and serde use.
    const fn name(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::IsoWeek => "iso_week",
            Self::Month => "month",
            Self::Quarter => "quarter",
            Self::Year => "year",
        }
    }

    /// The period containing the instant `at`, on the calendar of `zone`:
    /// any chrono [`TimeZone`] — `Utc`, a `FixedOffset`, or a zone with
    /// daylight saving such as `chrono_tz::America::New_York`, whose offset
    /// is looked up at `at`.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfCalendar`] when the local time or its period falls
    /// outside chrono's calendar (years −262143 to 262142): an instant at
    /// `DateTime::<Utc>::MAX_UTC` seen from UTC+1, or the ISO week that
    /// contains chrono's first day (it starts before it).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{DateTime, FixedOffset, TimeZone, Utc};
    /// use cxmetrics::Granularity;
    ///
    /// let at = Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0).unwrap(); // a Thursday
    /// let week = Granularity::IsoWeek.period_of(at, &Utc)?;
    /// assert_eq!(week.to_string(), "2026-W01");
    /// assert_eq!(week.start().to_string(), "2025-12-29");
    /// let edge = Granularity::Day.period_of(DateTime::<Utc>::MAX_UTC, &FixedOffset::east_opt(3600).unwrap());
    /// assert!(edge.is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn period_of<Z: TimeZone>(self, at: DateTime<Utc>, zone: &Z) -> Result<Period, Error> {
        let out = || Error::OutOfCalendar {
            moment: at.to_rfc3339(),
            granularity: self.name(),
        };
        Period::containing(self, local_date(at, zone).ok_or_else(out)?).ok_or_else(out)
    }
}

impl fmt::Display for Granularity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Granularity {
    type Err = Error;

    /// Parses `day`, `iso_week` (or `week`), `month`, `quarter`, `year`,
    /// ignoring case and surrounding spaces.
    fn from_str(s: &str) -> Result<Self, Error> {
        let wanted = s.trim().to_ascii_lowercase();
        if wanted == "week" {
            return Ok(Self::IsoWeek);
        }
        Self::ALL
            .into_iter()
            .find(|g| g.name() == wanted)
            .ok_or_else(|| Error::UnknownName {
                input: s.to_owned(),
                what: "granularity",
                expected: "day, iso_week, month, quarter or year",
            })
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
/// let march = Period::containing(Granularity::Month, NaiveDate::from_ymd_opt(2026, 3, 17).unwrap()).unwrap();
/// assert_eq!(march.to_string(), "2026-03");
/// assert_eq!(march.next().map(|p| p.to_string()), Some("2026-04".to_owned()));
/// assert_eq!(march.end(), NaiveDate::from_ymd_opt(2026, 4, 1));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "PeriodRepr", deny_unknown_fields))]
pub struct Period {
    // Field order gives the ordering: by start, then granularity.
    start: NaiveDate,
    granularity: Granularity,
}

impl Period {
    /// The period of `granularity` containing the calendar day `date`;
    /// `None` only for the ISO week containing chrono's first day, which
    /// starts before it.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use cxmetrics::{Granularity, Period};
    ///
    /// let q = Period::containing(Granularity::Quarter, NaiveDate::from_ymd_opt(2026, 8, 9).unwrap()).unwrap();
    /// assert_eq!(q.start(), NaiveDate::from_ymd_opt(2026, 7, 1).unwrap());
    /// assert!(Period::containing(Granularity::IsoWeek, NaiveDate::MIN).is_none());
    /// ```
    #[must_use]
    pub fn containing(granularity: Granularity, date: NaiveDate) -> Option<Self> {
        // Days back to the first day of the period. Months, quarters and
        // years start on a 1 January or later first of a month, so the
        // subtraction cannot leave the calendar (chrono's first day is a
        // 1 January); only the week can.
        let back = match granularity {
            Granularity::Day => 0,
            Granularity::IsoWeek => date.weekday().num_days_from_monday(),
            Granularity::Month => date.day0(),
            Granularity::Quarter => {
                let first_month = (date.month0() / 3) * 3;
                date.ordinal0() - days_before_month(date.year(), first_month)
            }
            Granularity::Year => date.ordinal0(),
        };
        let start = date.checked_sub_days(Days::new(u64::from(back)))?;
        Some(Self { start, granularity })
    }

    /// The first day.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use cxmetrics::{Granularity, Period};
    ///
    /// let y = Period::containing(Granularity::Year, NaiveDate::from_ymd_opt(2026, 8, 9).unwrap()).unwrap();
    /// assert_eq!(y.start(), NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    /// ```
    #[must_use]
    pub const fn start(&self) -> NaiveDate {
        self.start
    }

    /// The first day after the period; `None` for the last period of
    /// chrono's calendar, whose end it cannot name.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use cxmetrics::{Granularity, Period};
    ///
    /// let d = Period::containing(Granularity::Day, NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()).unwrap();
    /// assert_eq!(d.end(), NaiveDate::from_ymd_opt(2027, 1, 1));
    /// let last = Period::containing(Granularity::Day, NaiveDate::MAX).unwrap();
    /// assert_eq!(last.end(), None);
    /// ```
    #[must_use]
    pub fn end(&self) -> Option<NaiveDate> {
        match self.granularity {
            Granularity::Day => self.start.succ_opt(),
            Granularity::IsoWeek => self.start.checked_add_days(Days::new(7)),
            Granularity::Month => self.start.checked_add_months(Months::new(1)),
            Granularity::Quarter => self.start.checked_add_months(Months::new(3)),
            Granularity::Year => self.start.checked_add_months(Months::new(12)),
        }
    }

    /// The granularity.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use cxmetrics::{Granularity, Period};
    ///
    /// let d = Period::containing(Granularity::Day, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap();
    /// assert_eq!(d.granularity(), Granularity::Day);
    /// ```
    #[must_use]
    pub const fn granularity(&self) -> Granularity {
        self.granularity
    }

    /// The following period; `None` after the last period of chrono's
    /// calendar.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use cxmetrics::{Granularity, Period};
    ///
    /// let w = Period::containing(Granularity::IsoWeek, NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()).unwrap();
    /// assert_eq!(w.next().map(|p| p.to_string()), Some("2027-W01".to_owned()));
    /// ```
    #[must_use]
    pub fn next(&self) -> Option<Self> {
        let start = self.end()?;
        Some(Self {
            start,
            granularity: self.granularity,
        })
    }

    /// The period that starts on `start`, if one of `granularity` does.
    #[cfg(feature = "serde")]
    pub(crate) fn starting(granularity: Granularity, start: NaiveDate) -> Option<Self> {
        Self::containing(granularity, start).filter(|p| p.start == start)
    }
}

/// The calendar day of `at` in `zone`; `None` past chrono's calendar.
pub(crate) fn local_date<Z: TimeZone>(at: DateTime<Utc>, zone: &Z) -> Option<NaiveDate> {
    let utc = at.naive_utc();
    let offset = zone.offset_from_utc_datetime(&utc).fix();
    Some(utc.checked_add_offset(offset)?.date())
}

/// A period as serialized, checked on the way in: `start` must be the
/// first day of a period of `granularity` (a "week" that starts on a
/// Wednesday is rejected).
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodRepr {
    start: NaiveDate,
    granularity: Granularity,
}

#[cfg(feature = "serde")]
impl TryFrom<PeriodRepr> for Period {
    type Error = Error;

    fn try_from(repr: PeriodRepr) -> Result<Self, Error> {
        Self::starting(repr.granularity, repr.start).ok_or_else(|| Error::NotAPeriodStart {
            start: repr.start.to_string(),
            granularity: repr.granularity.name(),
        })
    }
}

/// Days in `year` before the first day of month `month0` (0-based).
fn days_before_month(year: i32, month0: u32) -> u32 {
    let leap = NaiveDate::from_yo_opt(year, 366).is_some();
    let lengths = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    lengths.iter().take(month0 as usize).sum()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_before_month_follows_the_calendar() {
        for year in [2023, 2024, 1900, 2000] {
            for month0 in 0..12 {
                let first = NaiveDate::from_ymd_opt(year, month0 + 1, 1).unwrap_or(NaiveDate::MIN);
                assert_eq!(days_before_month(year, month0), first.ordinal0(), "{year}-{month0}");
            }
        }
    }
}
