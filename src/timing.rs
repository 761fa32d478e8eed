//! Survey timing: how long after the interaction answers arrive, and the
//! scores by delay band.

use chrono::TimeDelta;

use crate::stats::median::median;
use crate::{Error, Response, Scale, Tally};

/// Answers grouped by how long after the interaction they were given.
///
/// Answers collected long after the interaction are rarer and less reliable
/// (recall fades); comparing scores across delay bands shows whether late
/// answers differ. Responses without an interaction time are counted apart.
///
/// # Example
///
/// ```
/// use chrono::{DateTime, TimeDelta};
/// use cxmetrics::timing::SurveyTiming;
/// use cxmetrics::{Csat, Likert5, Response};
///
/// let served = DateTime::from_timestamp(0, 0).unwrap();
/// let answer = |hours: i64, rating: u8| -> Result<Response<Likert5>, cxmetrics::Error> {
///     Response::new(Likert5::new(rating)?, served + TimeDelta::hours(hours)).with_interaction_at(served)
/// };
/// let responses = [answer(1, 5)?, answer(2, 4)?, answer(30, 3)?, answer(200, 2)?];
/// let timing = SurveyTiming::new(&responses, &[TimeDelta::hours(24), TimeDelta::days(7)])?;
/// let counts: Vec<u64> = timing.bands().iter().map(|b| b.tally().total()).collect();
/// assert_eq!(counts, [2, 1, 1]);
/// assert_eq!(timing.median_delay(), Some(TimeDelta::hours(16)));
/// assert_eq!(Csat::default().score(timing.bands()[0].tally())?.rounded(), 100);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveyTiming<S: Scale> {
    bands: Vec<DelayBand<S>>,
    delays: Vec<TimeDelta>,
    unknown: u64,
}

/// The answers given within one delay band, `from ≤ delay < to`.
///
/// # Example
///
/// ```
/// use chrono::{DateTime, TimeDelta};
/// use cxmetrics::timing::{DelayBand, SurveyTiming};
/// use cxmetrics::{Likert5, Response};
///
/// let served = DateTime::from_timestamp(0, 0).unwrap();
/// let after = |delay: TimeDelta| Response::new(Likert5::new(4)?, served + delay).with_interaction_at(served);
/// let timing = SurveyTiming::new(&[after(TimeDelta::hours(3))?], &[TimeDelta::hours(24)])?;
/// let first: &DelayBand<Likert5> = &timing.bands()[0];
/// assert_eq!((first.start(), first.end()), (TimeDelta::zero(), Some(TimeDelta::hours(24))));
/// assert_eq!(first.tally().total(), 1);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DelayBand<S: Scale> {
    start: TimeDelta,
    end: Option<TimeDelta>,
    tally: Tally<S>,
}

impl<S: Scale> DelayBand<S> {
    /// The band's lower bound (included).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{DateTime, TimeDelta};
    /// use cxmetrics::timing::SurveyTiming;
    /// use cxmetrics::{Likert5, Response};
    ///
    /// let served = DateTime::from_timestamp(0, 0).unwrap();
    /// let after = |delay: TimeDelta| Response::new(Likert5::new(4)?, served + delay).with_interaction_at(served);
    /// let timing = SurveyTiming::new(&[after(TimeDelta::hours(3))?], &[TimeDelta::hours(1), TimeDelta::days(1)])?;
    /// let starts: Vec<TimeDelta> = timing.bands().iter().map(|b| b.start()).collect();
    /// assert_eq!(starts, [TimeDelta::zero(), TimeDelta::hours(1), TimeDelta::days(1)]);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn start(&self) -> TimeDelta {
        self.start
    }

    /// The band's upper bound (excluded); `None` for the last band.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{DateTime, TimeDelta};
    /// use cxmetrics::timing::SurveyTiming;
    /// use cxmetrics::{Likert5, Response};
    ///
    /// let served = DateTime::from_timestamp(0, 0).unwrap();
    /// let after = |delay: TimeDelta| Response::new(Likert5::new(4)?, served + delay).with_interaction_at(served);
    /// let timing = SurveyTiming::new(&[after(TimeDelta::hours(3))?], &[TimeDelta::hours(1), TimeDelta::days(1)])?;
    /// let ends: Vec<Option<TimeDelta>> = timing.bands().iter().map(|b| b.end()).collect();
    /// assert_eq!(ends, [Some(TimeDelta::hours(1)), Some(TimeDelta::days(1)), None]); // the last band is open
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn end(&self) -> Option<TimeDelta> {
        self.end
    }

    /// The answers in the band.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{DateTime, TimeDelta};
    /// use cxmetrics::timing::SurveyTiming;
    /// use cxmetrics::{Likert5, Response};
    ///
    /// let served = DateTime::from_timestamp(0, 0).unwrap();
    /// let after = |delay: TimeDelta| Response::new(Likert5::new(4)?, served + delay).with_interaction_at(served);
    /// let responses = [after(TimeDelta::hours(2))?, after(TimeDelta::hours(5))?, after(TimeDelta::hours(30))?];
    /// let timing = SurveyTiming::new(&responses, &[TimeDelta::hours(24)])?;
    /// assert_eq!(timing.bands()[0].tally().total(), 2);
    /// assert_eq!(timing.bands()[1].tally().count(Likert5::new(4)?), 1);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn tally(&self) -> &Tally<S> {
        &self.tally
    }
}

impl<S: Scale> SurveyTiming<S> {
    /// Groups responses by delay into bands split at `bounds` (which must
    /// increase): `[0, b₁)`, `[b₁, b₂)`, …, `[bₖ, ∞)`.
    ///
    /// # Errors
    ///
    /// - [`Error::InvalidArgument`] when `bounds` are not strictly
    ///   increasing and positive;
    /// - [`Error::CountOverflow`] past `u64::MAX` answers in a band.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{DateTime, TimeDelta};
    /// use cxmetrics::timing::SurveyTiming;
    /// use cxmetrics::{Likert5, Response};
    ///
    /// let served = DateTime::from_timestamp(0, 0).unwrap();
    /// let after = |delay: TimeDelta| Response::new(Likert5::new(4)?, served + delay).with_interaction_at(served);
    /// let responses = [after(TimeDelta::minutes(10))?, after(TimeDelta::days(3))?];
    /// let timing = SurveyTiming::new(&responses, &[TimeDelta::hours(1), TimeDelta::days(1)])?;
    /// assert_eq!(timing.bands().len(), 3); // [0, 1 h), [1 h, 1 d), [1 d, ∞)
    /// assert!(SurveyTiming::new(&responses, &[TimeDelta::days(1), TimeDelta::hours(1)]).is_err()); // not increasing
    /// assert!(SurveyTiming::new(&responses, &[TimeDelta::zero()]).is_err()); // not positive
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn new<'a>(responses: impl IntoIterator<Item = &'a Response<S>>, bounds: &[TimeDelta]) -> Result<Self, Error> {
        let mut previous = TimeDelta::zero();
        for &b in bounds {
            if b <= previous {
                return Err(Error::InvalidArgument {
                    name: "delay band bound (seconds)",
                    value: b.as_seconds_f64(),
                    expected: "positive bounds in strictly increasing order",
                });
            }
            previous = b;
        }
        let mut bands: Vec<DelayBand<S>> = core::iter::once(TimeDelta::zero())
            .chain(bounds.iter().copied())
            .zip(bounds.iter().copied().map(Some).chain([None]))
            .map(|(start, end)| DelayBand {
                start,
                end,
                tally: Tally::new(),
            })
            .collect();
        let mut delays = Vec::new();
        let mut unknown = 0;
        for r in responses {
            match r.delay() {
                Some(d) => {
                    let i = bounds.partition_point(|&b| b <= d);
                    bands[i].tally.add(r.rating())?;
                    delays.push(d);
                }
                None => unknown += 1,
            }
        }
        delays.sort_unstable();
        Ok(Self { bands, delays, unknown })
    }

    /// The bands, shortest delay first.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{DateTime, TimeDelta};
    /// use cxmetrics::timing::SurveyTiming;
    /// use cxmetrics::{Likert5, Response};
    ///
    /// let served = DateTime::from_timestamp(0, 0).unwrap();
    /// let after = |delay: TimeDelta| Response::new(Likert5::new(4)?, served + delay).with_interaction_at(served);
    /// let responses = [after(TimeDelta::hours(1))?, after(TimeDelta::days(8))?];
    /// let timing = SurveyTiming::new(&responses, &[TimeDelta::days(1), TimeDelta::days(7)])?;
    /// let counts: Vec<u64> = timing.bands().iter().map(|b| b.tally().total()).collect();
    /// assert_eq!(counts, [1, 0, 1]); // shortest delay first; empty bands are kept
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn bands(&self) -> &[DelayBand<S>] {
        &self.bands
    }

    /// Responses without an interaction time (in no band).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{DateTime, TimeDelta};
    /// use cxmetrics::timing::SurveyTiming;
    /// use cxmetrics::{Likert5, Response};
    ///
    /// let at = DateTime::from_timestamp(3600, 0).unwrap();
    /// let r = Response::new(Likert5::new(4)?, at);
    /// let timed = r.clone().with_interaction_at(at - TimeDelta::minutes(5))?;
    /// let timing = SurveyTiming::new([&r, &timed, &r], &[TimeDelta::hours(1)])?;
    /// assert_eq!(timing.unknown(), 2); // the timed one is in the first band
    /// assert_eq!(timing.bands()[0].tally().total(), 1);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn unknown(&self) -> u64 {
        self.unknown
    }

    /// The `q`-quantile of the delays (nearest rank), e.g. `0.9` for the
    /// 90th percentile; `None` without delays or for `q` outside `[0, 1]`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{DateTime, TimeDelta};
    /// use cxmetrics::timing::SurveyTiming;
    /// use cxmetrics::{Likert5, Response};
    ///
    /// let t0 = DateTime::from_timestamp(0, 0).unwrap();
    /// let rs: Vec<_> = (1..=10)
    ///     .map(|h| Response::new(Likert5::new(4)?, t0 + TimeDelta::hours(h)).with_interaction_at(t0))
    ///     .collect::<Result<_, _>>()?;
    /// let timing = SurveyTiming::new(&rs, &[])?;
    /// assert_eq!(timing.delay_quantile(0.9), Some(TimeDelta::hours(9)));
    /// assert_eq!(timing.delay_quantile(1.0), Some(TimeDelta::hours(10)));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn delay_quantile(&self, q: f64) -> Option<TimeDelta> {
        if self.delays.is_empty() || !(0.0..=1.0).contains(&q) {
            return None;
        }
        let rank = (q * self.delays.len() as f64).ceil().max(1.0) as usize;
        self.delays.get(rank - 1).copied()
    }

    /// The median delay (the mean of the two middle delays for an even count).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{DateTime, TimeDelta};
    /// use cxmetrics::timing::SurveyTiming;
    /// use cxmetrics::{Likert5, Response};
    ///
    /// let served = DateTime::from_timestamp(0, 0).unwrap();
    /// let after = |delay: TimeDelta| Response::new(Likert5::new(4)?, served + delay).with_interaction_at(served);
    /// let responses = [after(TimeDelta::hours(1))?, after(TimeDelta::hours(2))?, after(TimeDelta::hours(60))?];
    /// assert_eq!(SurveyTiming::new(&responses, &[])?.median_delay(), Some(TimeDelta::hours(2)));
    /// let undated = [Response::new(Likert5::new(4)?, served)]; // no interaction time: no delay
    /// assert_eq!(SurveyTiming::new(&undated, &[])?.median_delay(), None);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn median_delay(&self) -> Option<TimeDelta> {
        median(&self.delays, |a, b| a + (b - a) / 2)
    }
}
