//! Operational CX metrics from [`Feedback`] and counts:
//! first-contact resolution, time to resolution, retention and response
//! rate.
//!
//! ```
//! use cxmetrics::operations::response_rate;
//!
//! assert_eq!(response_rate(250, 1_000)?.rounded(), 25);
//! # Ok::<(), cxmetrics::Error>(())
//! ```

use core::time::Duration;

use crate::estimate::{Label, Statistic};
use crate::stats::median::median;
use crate::{Error, Feedback, Metric, Orientation, Share};

/// A yes/no rate as a [`Share`] (Wilson intervals and the rest apply).
fn rate(metric: Metric, hits: u64, n: u64, statistic: &'static str) -> Result<Share, Error> {
    if n == 0 {
        return Err(Error::EmptySample { statistic });
    }
    let label = Label {
        metric,
        orientation: Orientation::HigherIsBetter,
        statistic: Statistic::Share,
        scale: "yes/no",
        min: 0,
        max: 1,
        positive: 0b10,
        negative: 0,
    };
    Share::new(hits, n, label)
}

/// The first-contact resolution rate: resolved on first contact, of the
/// feedback that records it.
///
/// # Errors
///
/// [`Error::EmptySample`] when no feedback records first-contact resolution.
///
/// # Example
///
/// ```
/// use chrono::DateTime;
/// use cxmetrics::operations::first_contact_resolution;
/// use cxmetrics::{ConfidenceLevel, Feedback};
///
/// let at = DateTime::from_timestamp(0, 0).unwrap();
/// let feedback: Vec<Feedback> = (0..10).map(|i| Feedback::new(at).with_first_contact_resolution(i < 7)).collect();
/// let fcr = first_contact_resolution(&feedback)?;
/// assert_eq!(fcr.rounded(), 70);
/// assert!(fcr.interval(ConfidenceLevel::P95).contains(0.5));
/// # Ok::<(), cxmetrics::Error>(())
/// ```
pub fn first_contact_resolution<'a>(feedback: impl IntoIterator<Item = &'a Feedback>) -> Result<Share, Error> {
    let mut tally = ResolutionTally::new();
    for f in feedback {
        tally.add(f);
    }
    tally.report()
}

/// First-contact resolution, accumulated: how many feedback records say
/// whether the issue was resolved on first contact, and how many say yes.
/// Add records one at a time or from any iterator of references, merge
/// shards, then report: the same as one pass.
///
/// # Example
///
/// ```
/// use chrono::DateTime;
/// use cxmetrics::Feedback;
/// use cxmetrics::operations::ResolutionTally;
///
/// let at = DateTime::from_timestamp(0, 0).unwrap();
/// let mut a = ResolutionTally::new();
/// a.add(&Feedback::new(at).with_first_contact_resolution(true));
/// let mut b = ResolutionTally::new();
/// b.add(&Feedback::new(at).with_first_contact_resolution(false));
/// b.add(&Feedback::new(at).with_first_contact_resolution(true));
/// b.add(&Feedback::new(at)); // not recorded: left out
/// a.merge(&b);
/// assert_eq!((a.resolved(), a.recorded()), (2, 3));
/// assert_eq!(a.report()?.rounded(), 67);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ResolutionTally {
    resolved: u64,
    recorded: u64,
}

impl ResolutionTally {
    /// An empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::operations::ResolutionTally;
    ///
    /// assert_eq!(ResolutionTally::new().recorded(), 0);
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        Self {
            resolved: 0,
            recorded: 0,
        }
    }

    /// Counts one record, if it says whether the issue was resolved on
    /// first contact. (Counts saturate at `u64::MAX` records, far beyond
    /// any survey.)
    ///
    /// # Example
    ///
    /// See [`ResolutionTally`].
    pub fn add(&mut self, feedback: &Feedback) {
        if let Some(resolved) = feedback.first_contact_resolution() {
            self.recorded = self.recorded.saturating_add(1);
            self.resolved = self.resolved.saturating_add(u64::from(resolved));
        }
    }

    /// Adds another tally.
    ///
    /// # Example
    ///
    /// See [`ResolutionTally`].
    pub fn merge(&mut self, other: &Self) {
        self.recorded = self.recorded.saturating_add(other.recorded);
        self.resolved = self.resolved.saturating_add(other.resolved);
    }

    /// Records resolved on first contact.
    ///
    /// # Example
    ///
    /// See [`ResolutionTally`].
    #[must_use]
    pub const fn resolved(&self) -> u64 {
        self.resolved
    }

    /// Records that say whether the issue was resolved on first contact.
    ///
    /// # Example
    ///
    /// See [`ResolutionTally`].
    #[must_use]
    pub const fn recorded(&self) -> u64 {
        self.recorded
    }

    /// The first-contact resolution rate as a [`Share`].
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] when no record said.
    ///
    /// # Example
    ///
    /// See [`ResolutionTally`].
    pub fn report(&self) -> Result<Share, Error> {
        rate(
            Metric::FirstContactResolution,
            self.resolved,
            self.recorded,
            "first-contact resolution rate",
        )
    }
}

/// The response rate: answers received of invitations sent, as a share with
/// its interval.
///
/// # Errors
///
/// - [`Error::EmptySample`] when `invitations` is 0;
/// - [`Error::InvalidArgument`] when there are more responses than invitations.
///
/// # Example
///
/// ```
/// use cxmetrics::operations::response_rate;
///
/// assert_eq!(response_rate(230, 1000)?.rounded(), 23);
/// assert!(response_rate(5, 4).is_err());
/// # Ok::<(), cxmetrics::Error>(())
/// ```
pub fn response_rate(responses: u64, invitations: u64) -> Result<Share, Error> {
    if responses > invitations {
        return Err(Error::InvalidArgument {
            name: "responses",
            value: responses as f64,
            expected: "at most the number of invitations",
        });
    }
    rate(Metric::ResponseRate, responses, invitations, "response rate")
}

/// Time to resolution: how many were resolved, the mean and the median.
///
/// # Example
///
/// ```
/// use chrono::DateTime;
/// use core::time::Duration;
/// use cxmetrics::operations::{ResolutionTime, time_to_resolution};
/// use cxmetrics::Feedback;
///
/// let at = DateTime::from_timestamp(0, 0).unwrap();
/// let resolved_in = |hours: u64| Feedback::new(at).with_time_to_resolution(Duration::from_secs(3600 * hours));
/// let t: ResolutionTime = time_to_resolution(&[resolved_in(1), resolved_in(3)])?;
/// assert_eq!((t.n(), t.mean(), t.median()), (2, Duration::from_secs(7200), Duration::from_secs(7200)));
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResolutionTime {
    n: u64,
    mean: Duration,
    median: Duration,
}

impl ResolutionTime {
    /// How many interactions record a time to resolution.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use core::time::Duration;
    /// use cxmetrics::operations::time_to_resolution;
    /// use cxmetrics::Feedback;
    ///
    /// let at = DateTime::from_timestamp(0, 0).unwrap();
    /// let resolved_in = |hours: u64| Feedback::new(at).with_time_to_resolution(Duration::from_secs(3600 * hours));
    /// let feedback = [resolved_in(1), resolved_in(2), Feedback::new(at), resolved_in(4)];
    /// assert_eq!(time_to_resolution(&feedback)?.n(), 3); // the one without a time is left out
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn n(&self) -> u64 {
        self.n
    }

    /// The mean time to resolution.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use core::time::Duration;
    /// use cxmetrics::operations::time_to_resolution;
    /// use cxmetrics::Feedback;
    ///
    /// let at = DateTime::from_timestamp(0, 0).unwrap();
    /// let resolved_in = |hours: u64| Feedback::new(at).with_time_to_resolution(Duration::from_secs(3600 * hours));
    /// let t = time_to_resolution(&[resolved_in(1), resolved_in(2), resolved_in(6)])?;
    /// assert_eq!(t.mean(), Duration::from_secs(3 * 3600));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn mean(&self) -> Duration {
        self.mean
    }

    /// The median time to resolution (the mean of the two middle values for
    /// an even count). Less swayed by the few cases that take weeks.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use core::time::Duration;
    /// use cxmetrics::operations::time_to_resolution;
    /// use cxmetrics::Feedback;
    ///
    /// let at = DateTime::from_timestamp(0, 0).unwrap();
    /// let resolved_in = |hours: u64| Feedback::new(at).with_time_to_resolution(Duration::from_secs(3600 * hours));
    /// let t = time_to_resolution(&[resolved_in(1), resolved_in(2), resolved_in(300)])?;
    /// assert_eq!(t.median(), Duration::from_secs(2 * 3600)); // the mean is 101 h
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn median(&self) -> Duration {
        self.median
    }
}

/// The mean and median time to resolution, over feedback that records it.
///
/// # Errors
///
/// [`Error::EmptySample`] when no feedback records a time to resolution.
///
/// # Example
///
/// ```
/// use chrono::DateTime;
/// use core::time::Duration;
/// use cxmetrics::operations::time_to_resolution;
/// use cxmetrics::Feedback;
///
/// let at = DateTime::from_timestamp(0, 0).unwrap();
/// let hours = [1, 2, 3, 50];
/// let feedback: Vec<Feedback> =
///     hours.iter().map(|&h| Feedback::new(at).with_time_to_resolution(Duration::from_secs(3600 * h))).collect();
/// let t = time_to_resolution(&feedback)?;
/// assert_eq!(t.median(), Duration::from_secs(9000)); // 2.5 h
/// assert_eq!(t.mean(), Duration::from_secs(50400)); // 14 h
/// # Ok::<(), cxmetrics::Error>(())
/// ```
pub fn time_to_resolution<'a>(feedback: impl IntoIterator<Item = &'a Feedback>) -> Result<ResolutionTime, Error> {
    let mut times = ResolutionTimes::new();
    for f in feedback {
        times.add(f);
    }
    times.report()
}

/// Times to resolution, accumulated: the recorded durations themselves,
/// since a median needs them all (a merge is a concatenation, exact).
/// Add records one at a time or from any iterator of references, merge
/// shards, then report.
///
/// # Example
///
/// ```
/// use chrono::DateTime;
/// use core::time::Duration;
/// use cxmetrics::Feedback;
/// use cxmetrics::operations::ResolutionTimes;
///
/// let at = DateTime::from_timestamp(0, 0).unwrap();
/// let hours = |h: u64| Feedback::new(at).with_time_to_resolution(Duration::from_secs(3600 * h));
/// let mut a: ResolutionTimes = [hours(1), hours(3)].iter().collect();
/// let b: ResolutionTimes = [hours(8)].iter().collect();
/// a.merge(&b);
/// let t = a.report()?;
/// assert_eq!((t.n(), t.median()), (3, Duration::from_secs(3 * 3600)));
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResolutionTimes {
    times: Vec<Duration>,
}

impl ResolutionTimes {
    /// No times yet.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::operations::ResolutionTimes;
    ///
    /// assert!(ResolutionTimes::new().report().is_err());
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        Self { times: Vec::new() }
    }

    /// Keeps the record's time to resolution, if it has one.
    ///
    /// # Example
    ///
    /// See [`ResolutionTimes`].
    pub fn add(&mut self, feedback: &Feedback) {
        self.times.extend(feedback.time_to_resolution());
    }

    /// Adds another shard's times.
    ///
    /// # Example
    ///
    /// See [`ResolutionTimes`].
    pub fn merge(&mut self, other: &Self) {
        self.times.extend_from_slice(&other.times);
    }

    /// The mean and median time to resolution.
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] when no record had a time to resolution.
    ///
    /// # Example
    ///
    /// See [`ResolutionTimes`].
    pub fn report(&self) -> Result<ResolutionTime, Error> {
        let mut times = self.times.clone();
        times.sort_unstable();
        let nanos = |x: u128| Duration::new((x / 1_000_000_000) as u64, (x % 1_000_000_000) as u32);
        let Some(median) = median(&times, |a, b| nanos(u128::midpoint(a.as_nanos(), b.as_nanos()))) else {
            return Err(Error::EmptySample {
                statistic: "time to resolution",
            });
        };
        let n = times.len();
        // Sum in u128 nanoseconds: exact, no overflow for any realistic count.
        let total: u128 = times.iter().map(Duration::as_nanos).sum();
        let mean = nanos(total / n as u128);
        Ok(ResolutionTime {
            n: n as u64,
            mean,
            median,
        })
    }
}

/// Keeps every record's time; see [`ResolutionTimes::add`].
impl<'a> Extend<&'a Feedback> for ResolutionTimes {
    fn extend<I: IntoIterator<Item = &'a Feedback>>(&mut self, iter: I) {
        for f in iter {
            self.add(f);
        }
    }
}

/// Collects the records' times.
impl<'a> FromIterator<&'a Feedback> for ResolutionTimes {
    fn from_iter<I: IntoIterator<Item = &'a Feedback>>(iter: I) -> Self {
        let mut t = Self::new();
        t.extend(iter);
        t
    }
}

/// Counts every record; see [`ResolutionTally::add`].
impl<'a> Extend<&'a Feedback> for ResolutionTally {
    fn extend<I: IntoIterator<Item = &'a Feedback>>(&mut self, iter: I) {
        for f in iter {
            self.add(f);
        }
    }
}

/// Collects records into a tally.
impl<'a> FromIterator<&'a Feedback> for ResolutionTally {
    fn from_iter<I: IntoIterator<Item = &'a Feedback>>(iter: I) -> Self {
        let mut t = Self::new();
        t.extend(iter);
        t
    }
}

/// Customer retention over a period.
///
/// # Example
///
/// ```
/// use cxmetrics::operations::{Retention, retention};
///
/// let r: Retention = retention(200, 210, 30)?; // 180 of 200 kept
/// assert!((r.rate() - 0.9).abs() < 1e-15);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Retention {
    rate: f64,
}

impl Retention {
    /// The retention rate `(E − N)/S`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::operations::retention;
    ///
    /// let r = retention(500, 480, 5)?; // 475 of 500 kept
    /// assert!((r.rate() - 0.95).abs() < 1e-15);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn rate(&self) -> f64 {
        self.rate
    }

    /// The churn rate, `1 − retention`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::operations::retention;
    ///
    /// let r = retention(400, 400, 100)?; // 300 of 400 kept: the headcount hides the churn
    /// assert!((r.churn() - 0.25).abs() < 1e-15);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn churn(&self) -> f64 {
        1.0 - self.rate
    }
}

/// Retention over a period from customer counts: `(E − N)/S` with `S`
/// customers at the start, `E` at the end and `N` new customers won during
/// the period; churn is `1 − retention`.
///
/// # Errors
///
/// - [`Error::EmptySample`] when `start` is 0;
/// - [`Error::InvalidArgument`] when `new > end` or `end − new > start`
///   (more customers kept than there were).
///
/// # Example
///
/// ```
/// use cxmetrics::operations::retention;
///
/// let r = retention(1000, 1050, 150)?; // 900 of 1000 kept
/// assert!((r.rate() - 0.9).abs() < 1e-15);
/// assert!((r.churn() - 0.1).abs() < 1e-15);
/// assert!(retention(1000, 100, 150).is_err());
/// # Ok::<(), cxmetrics::Error>(())
/// ```
pub fn retention(start: u64, end: u64, new: u64) -> Result<Retention, Error> {
    if start == 0 {
        return Err(Error::EmptySample {
            statistic: "retention rate",
        });
    }
    let kept = end.checked_sub(new).ok_or(Error::InvalidArgument {
        name: "new customers",
        value: new as f64,
        expected: "at most the customers at the end of the period",
    })?;
    if kept > start {
        return Err(Error::InvalidArgument {
            name: "customers kept (end − new)",
            value: kept as f64,
            expected: "at most the customers at the start of the period",
        });
    }
    Ok(Retention {
        rate: kept as f64 / start as f64,
    })
}
