//! Effort and loyalty, from [`Feedback`]: NPS by CES 2.0
//! band ([`nps_by_effort`]) and CES 2.0 by effort driver
//! ([`ces_by_driver`]).
//!
//! ```
//! use chrono::DateTime;
//! use cxmetrics::effort::{EffortBand, nps_by_effort};
//! use cxmetrics::{ConfidenceLevel, Feedback, Likert7, ZeroToTen};
//!
//! let at = DateTime::from_timestamp(0, 0).unwrap();
//! let feedback = [
//!     Feedback::new(at).with_ces(Likert7::new(7)?).with_nps(ZeroToTen::new(10)?),
//!     Feedback::new(at).with_ces(Likert7::new(2)?).with_nps(ZeroToTen::new(3)?),
//! ];
//! let loyalty = nps_by_effort(&feedback, ConfidenceLevel::P95)?;
//! assert_eq!(loyalty.nps(EffortBand::Easy).map(|e| e.rounded()), Some(100));
//! # Ok::<(), cxmetrics::Error>(())
//! ```

use core::fmt;

use crate::inference::Difference;
use crate::{CesAgreement, ConfidenceLevel, Error, Feedback, Likert7, NetScore, Nps, Share, Tally, ZeroToTen};

/// A CES 2.0 band: how easy the customer found it.
///
/// # Example
///
/// ```
/// use cxmetrics::effort::EffortBand;
/// use cxmetrics::Likert7;
///
/// assert_eq!(EffortBand::of(Likert7::new(6)?), EffortBand::Easy);
/// assert_eq!(EffortBand::of(Likert7::new(4)?), EffortBand::Neutral);
/// assert_eq!(EffortBand::of(Likert7::new(2)?), EffortBand::Difficult);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum EffortBand {
    /// 5–7: at least "somewhat agree" that it was easy (low effort).
    Easy,
    /// 4: neither agree nor disagree.
    Neutral,
    /// 1–3: disagree that it was easy (high effort).
    Difficult,
}

impl EffortBand {
    /// The band's place in [`EffortLoyalty::bands`]: easy, neutral, difficult.
    const fn index(self) -> usize {
        match self {
            Self::Easy => 0,
            Self::Neutral => 1,
            Self::Difficult => 2,
        }
    }

    /// The band of a CES 2.0 answer.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::effort::EffortBand;
    /// use cxmetrics::Likert7;
    ///
    /// let bands: Vec<EffortBand> = (1..=7).map(|r| Likert7::new(r).map(EffortBand::of)).collect::<Result<_, _>>()?;
    /// assert_eq!(bands[..3], [EffortBand::Difficult; 3]);
    /// assert_eq!(bands[3], EffortBand::Neutral);
    /// assert_eq!(bands[4..], [EffortBand::Easy; 3]);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn of(ces: Likert7) -> Self {
        match ces.get() {
            5..=7 => Self::Easy,
            4 => Self::Neutral,
            _ => Self::Difficult,
        }
    }
}

/// Parses `easy`, `neutral` and `difficult` (the serde names) or the
/// `Display` text (`easy (CES 5–7)`), ignoring case and spaces.
///
/// # Errors
///
/// [`Error::UnknownName`] for any other text.
///
/// # Example
///
/// ```
/// use cxmetrics::effort::EffortBand;
///
/// assert_eq!(" Easy ".parse::<EffortBand>()?, EffortBand::Easy);
/// assert!("hard".parse::<EffortBand>().is_err());
/// # Ok::<(), cxmetrics::Error>(())
/// ```
impl core::str::FromStr for EffortBand {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let folded = crate::input::fold(s);
        [Self::Easy, Self::Neutral, Self::Difficult]
            .into_iter()
            .find(|b| crate::input::fold(&format!("{b:?}")) == folded || crate::input::fold(&b.to_string()) == folded)
            .ok_or_else(|| Error::UnknownName {
                input: s.to_owned(),
                what: "effort band",
                expected: "easy, neutral or difficult",
            })
    }
}

impl fmt::Display for EffortBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Easy => "easy (CES 5–7)",
            Self::Neutral => "neutral (CES 4)",
            Self::Difficult => "difficult (CES 1–3)",
        })
    }
}

/// NPS by effort band, and the easy-minus-difficult difference: the
/// effort→loyalty link (Dixon, Toman & `DeLisi`, *The Effortless Experience*).
///
/// # Example
///
/// ```
/// use chrono::DateTime;
/// use cxmetrics::effort::{EffortBand, EffortLoyalty, nps_by_effort};
/// use cxmetrics::{ConfidenceLevel, Feedback, Likert7, ZeroToTen};
///
/// let at = DateTime::from_timestamp(0, 0).unwrap();
/// let answer = |ces: u8, nps: u8| -> Result<Feedback, cxmetrics::Error> {
///     Ok(Feedback::new(at).with_ces(Likert7::new(ces)?).with_nps(ZeroToTen::new(nps)?))
/// };
/// let loyalty: EffortLoyalty = nps_by_effort(&[answer(7, 10)?, answer(6, 9)?, answer(1, 0)?], ConfidenceLevel::P95)?;
/// assert_eq!(loyalty.nps(EffortBand::Easy).map(|e| e.rounded()), Some(100));
/// assert_eq!(loyalty.nps(EffortBand::Difficult).map(|e| e.rounded()), Some(-100));
/// assert!(loyalty.difference().is_some_and(|d| (d.estimate() - 2.0).abs() < 1e-12));
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct EffortLoyalty {
    bands: [(EffortBand, Option<NetScore>); 3],
    difference: Option<Difference>,
}

impl EffortLoyalty {
    /// The NPS of respondents in `band`; `None` when nobody in it answered both questions.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::effort::{EffortBand, nps_by_effort};
    /// use cxmetrics::{ConfidenceLevel, Feedback, Likert7, ZeroToTen};
    ///
    /// let at = DateTime::from_timestamp(0, 0).unwrap();
    /// let answer = |ces: u8, nps: u8| -> Result<Feedback, cxmetrics::Error> {
    ///     Ok(Feedback::new(at).with_ces(Likert7::new(ces)?).with_nps(ZeroToTen::new(nps)?))
    /// };
    /// let loyalty = nps_by_effort(&[answer(6, 10)?, answer(7, 6)?, answer(2, 4)?], ConfidenceLevel::P95)?;
    /// assert_eq!(loyalty.nps(EffortBand::Easy).map(|e| e.rounded()), Some(0)); // a promoter and a detractor
    /// assert_eq!(loyalty.nps(EffortBand::Difficult).map(|e| e.n()), Some(1));
    /// assert!(loyalty.nps(EffortBand::Neutral).is_none()); // nobody answered 4
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn nps(&self, band: EffortBand) -> Option<&NetScore> {
        self.bands
            .iter()
            .find(|(b, _)| *b == band)
            .and_then(|(_, n)| n.as_ref())
    }

    /// The bands with their NPS, easy first.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::effort::{EffortBand, nps_by_effort};
    /// use cxmetrics::{ConfidenceLevel, Feedback, Likert7, ZeroToTen};
    ///
    /// let at = DateTime::from_timestamp(0, 0).unwrap();
    /// let answer = |ces: u8, nps: u8| -> Result<Feedback, cxmetrics::Error> {
    ///     Ok(Feedback::new(at).with_ces(Likert7::new(ces)?).with_nps(ZeroToTen::new(nps)?))
    /// };
    /// let loyalty = nps_by_effort(&[answer(6, 10)?, answer(4, 8)?], ConfidenceLevel::P95)?;
    /// let order: Vec<EffortBand> = loyalty.bands().iter().map(|(band, _)| *band).collect();
    /// assert_eq!(order, [EffortBand::Easy, EffortBand::Neutral, EffortBand::Difficult]);
    /// let answered: Vec<bool> = loyalty.bands().iter().map(|(_, nps)| nps.is_some()).collect();
    /// assert_eq!(answered, [true, true, false]);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn bands(&self) -> &[(EffortBand, Option<NetScore>)] {
        &self.bands
    }

    /// NPS(easy) − NPS(difficult), with the two-sample interval and test;
    /// `None` when either band is empty.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::effort::{EffortBand, nps_by_effort};
    /// use cxmetrics::{ConfidenceLevel, Feedback, Likert7, ZeroToTen};
    ///
    /// let at = DateTime::from_timestamp(0, 0).unwrap();
    /// let answer = |ces: u8, nps: u8| -> Result<Feedback, cxmetrics::Error> {
    ///     Ok(Feedback::new(at).with_ces(Likert7::new(ces)?).with_nps(ZeroToTen::new(nps)?))
    /// };
    /// let both = [answer(6, 10)?, answer(6, 9)?, answer(2, 3)?, answer(2, 9)?];
    /// let d = nps_by_effort(&both, ConfidenceLevel::P95)?.difference().copied().unwrap();
    /// assert!((d.estimate() - 1.0).abs() < 1e-12); // +100 − 0 points, on the fraction scale
    /// assert!(d.interval().contains(d.estimate()));
    /// let easy_only = nps_by_effort(&[answer(6, 10)?], ConfidenceLevel::P95)?;
    /// assert!(easy_only.difference().is_none());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn difference(&self) -> Option<&Difference> {
        self.difference.as_ref()
    }
}

/// The NPS of respondents who found it easy, neutral and difficult (by their
/// CES 2.0 answer), and the easy − difficult difference. Only respondents
/// who answered both questions count.
///
/// # Errors
///
/// [`Error::EmptySample`] when nobody answered both an NPS and a CES question.
///
/// # Example
///
/// ```
/// use chrono::DateTime;
/// use cxmetrics::effort::{EffortBand, nps_by_effort};
/// use cxmetrics::{ConfidenceLevel, Feedback, Likert7, ZeroToTen};
///
/// let at = DateTime::from_timestamp(0, 0).unwrap();
/// let mut feedback = Vec::new();
/// for i in 0..100u8 {
///     let easy = Feedback::new(at).with_ces(Likert7::new(6)?).with_nps(ZeroToTen::new(if i % 4 == 0 { 7 } else { 10 })?);
///     let hard = Feedback::new(at).with_ces(Likert7::new(2)?).with_nps(ZeroToTen::new(if i % 2 == 0 { 3 } else { 9 })?);
///     feedback.extend([easy, hard]);
/// }
/// let link = nps_by_effort(&feedback, ConfidenceLevel::P95)?;
/// assert_eq!(link.nps(EffortBand::Easy).unwrap().rounded(), 75);
/// assert_eq!(link.nps(EffortBand::Difficult).unwrap().rounded(), 0);
/// assert!(link.difference().unwrap().interval().lower() > 0.0);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
pub fn nps_by_effort<'a>(
    feedback: impl IntoIterator<Item = &'a Feedback>,
    level: ConfidenceLevel,
) -> Result<EffortLoyalty, Error> {
    let mut tally = EffortLoyaltyTally::new();
    for f in feedback {
        tally.add(f)?;
    }
    tally.report(level)
}

/// NPS by CES 2.0 band, accumulated: the state behind [`nps_by_effort`],
/// three exact NPS tallies. Add feedback one at a time or from any
/// iterator of references (no records are cloned), tally shards on
/// threads or machines and merge them, then report: the result equals one
/// pass over all the feedback.
///
/// # Example
///
/// ```
/// use chrono::DateTime;
/// use cxmetrics::effort::{EffortBand, EffortLoyaltyTally};
/// use cxmetrics::{ConfidenceLevel, Feedback, Likert7, ZeroToTen};
///
/// let at = DateTime::from_timestamp(0, 0).unwrap();
/// let answer = |ces, nps| -> Result<Feedback, cxmetrics::Error> {
///     Ok(Feedback::new(at).with_ces(Likert7::new(ces)?).with_nps(ZeroToTen::new(nps)?))
/// };
/// let (mut monday, mut tuesday) = (EffortLoyaltyTally::new(), EffortLoyaltyTally::new());
/// monday.add(&answer(7, 10)?)?;
/// tuesday.add(&answer(2, 3)?)?;
/// monday.merge(&tuesday)?;
/// assert_eq!(monday.band(EffortBand::Difficult).total(), 1);
/// let report = monday.report(ConfidenceLevel::P95)?;
/// assert_eq!(report.nps(EffortBand::Easy).map(|e| e.rounded()), Some(100));
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EffortLoyaltyTally {
    /// NPS answers of easy, neutral and difficult contacts.
    bands: [Tally<ZeroToTen>; 3],
}

impl EffortLoyaltyTally {
    /// An empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::effort::{EffortBand, EffortLoyaltyTally};
    ///
    /// assert!(EffortLoyaltyTally::new().band(EffortBand::Easy).is_empty());
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        Self {
            bands: [Tally::new(), Tally::new(), Tally::new()],
        }
    }

    /// Counts one respondent's NPS in the band of their CES 2.0 answer;
    /// feedback without both answers is left out.
    ///
    /// # Errors
    ///
    /// [`Error::CountOverflow`] past `u64::MAX` answers in a band.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::effort::{EffortBand, EffortLoyaltyTally};
    /// use cxmetrics::{Feedback, Likert7, ZeroToTen};
    ///
    /// let at = DateTime::from_timestamp(0, 0).unwrap();
    /// let mut t = EffortLoyaltyTally::new();
    /// t.add(&Feedback::new(at).with_ces(Likert7::new(4)?).with_nps(ZeroToTen::new(8)?))?;
    /// t.add(&Feedback::new(at).with_nps(ZeroToTen::new(8)?))?; // no CES answer: left out
    /// assert_eq!(t.band(EffortBand::Neutral).total(), 1);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn add(&mut self, feedback: &Feedback) -> Result<(), Error> {
        match (feedback.nps(), feedback.ces()) {
            (Some(nps), Some(ces)) => self.bands[EffortBand::of(ces).index()].add(nps),
            _ => Ok(()),
        }
    }

    /// Adds another tally, band by band; nothing changes on overflow.
    ///
    /// # Errors
    ///
    /// [`Error::CountOverflow`] past `u64::MAX` answers in a band.
    ///
    /// # Example
    ///
    /// See [`EffortLoyaltyTally`].
    pub fn merge(&mut self, other: &Self) -> Result<(), Error> {
        let mut merged = self.bands.clone();
        for (mine, theirs) in merged.iter_mut().zip(&other.bands) {
            mine.merge(theirs)?;
        }
        self.bands = merged;
        Ok(())
    }

    /// The NPS answers of one band.
    ///
    /// # Example
    ///
    /// See [`EffortLoyaltyTally`].
    #[must_use]
    pub const fn band(&self, band: EffortBand) -> &Tally<ZeroToTen> {
        &self.bands[band.index()]
    }

    /// The NPS of each band and the easy − difficult difference at `level`.
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] when no feedback had both an NPS and a
    /// CES 2.0 answer.
    ///
    /// # Example
    ///
    /// See [`EffortLoyaltyTally`].
    pub fn report(&self, level: ConfidenceLevel) -> Result<EffortLoyalty, Error> {
        if self.bands.iter().all(Tally::is_empty) {
            return Err(Error::EmptySample {
                statistic: "NPS by effort band",
            });
        }
        let score = |t: &Tally<ZeroToTen>| {
            if t.is_empty() { Ok(None) } else { Nps.score(t).map(Some) }
        };
        let [easy, neutral, difficult] = [score(&self.bands[0])?, score(&self.bands[1])?, score(&self.bands[2])?];
        let difference = match (&easy, &difficult) {
            (Some(e), Some(d)) => Some(e.difference(d, level)?),
            _ => None,
        };
        Ok(EffortLoyalty {
            bands: [
                (EffortBand::Easy, easy),
                (EffortBand::Neutral, neutral),
                (EffortBand::Difficult, difficult),
            ],
            difference,
        })
    }
}

/// Counts every feedback; see [`EffortLoyaltyTally::add`].
///
/// # Panics
///
/// Only past `u64::MAX` answers in a band (use `add` for a `Result`).
impl<'a> Extend<&'a Feedback> for EffortLoyaltyTally {
    fn extend<I: IntoIterator<Item = &'a Feedback>>(&mut self, iter: I) {
        for f in iter {
            self.add(f).expect("more than u64::MAX answers in an effort band");
        }
    }
}

/// Collects feedback into a tally; see the `Extend` impl.
impl<'a> FromIterator<&'a Feedback> for EffortLoyaltyTally {
    fn from_iter<I: IntoIterator<Item = &'a Feedback>>(iter: I) -> Self {
        let mut t = Self::new();
        t.extend(iter);
        t
    }
}

/// A fact about an interaction that drives customer effort.
///
/// # Example
///
/// ```
/// use cxmetrics::effort::EffortDriver;
///
/// assert_eq!(EffortDriver::ALL.len(), 5);
/// assert_eq!(EffortDriver::Transferred.to_string(), "transferred");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum EffortDriver {
    /// Not resolved on first contact.
    NotResolvedFirstContact,
    /// Transferred at least once.
    Transferred,
    /// Had to switch channel at least once.
    SwitchedChannel,
    /// Contacted again about the same issue.
    RepeatContact,
    /// Had to explain the issue again.
    ReExplained,
}

impl EffortDriver {
    /// Every driver.
    pub const ALL: [Self; 5] = [
        Self::NotResolvedFirstContact,
        Self::Transferred,
        Self::SwitchedChannel,
        Self::RepeatContact,
        Self::ReExplained,
    ];

    /// Whether the driver was present in an interaction; `None` when the
    /// feedback does not record it.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::effort::EffortDriver;
    /// use cxmetrics::Feedback;
    ///
    /// let f = Feedback::new(DateTime::from_timestamp(0, 0).unwrap()).with_transfers(2);
    /// assert_eq!(EffortDriver::Transferred.present(&f), Some(true));
    /// assert_eq!(EffortDriver::RepeatContact.present(&f), None);
    /// ```
    #[must_use]
    pub fn present(self, f: &Feedback) -> Option<bool> {
        match self {
            Self::NotResolvedFirstContact => f.first_contact_resolution().map(|resolved| !resolved),
            Self::Transferred => f.transfers().map(|n| n > 0),
            Self::SwitchedChannel => f.channel_switches().map(|n| n > 0),
            Self::RepeatContact => f.repeat_contacts().map(|n| n > 0),
            Self::ReExplained => f.re_explained(),
        }
    }
}

impl fmt::Display for EffortDriver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NotResolvedFirstContact => "not resolved on first contact",
            Self::Transferred => "transferred",
            Self::SwitchedChannel => "switched channel",
            Self::RepeatContact => "repeat contact",
            Self::ReExplained => "had to re-explain",
        })
    }
}

/// CES 2.0 with and without an effort driver.
///
/// # Example
///
/// ```
/// use chrono::DateTime;
/// use cxmetrics::effort::{DriverEffect, EffortDriver, ces_by_driver};
/// use cxmetrics::{ConfidenceLevel, Feedback, Likert7};
///
/// let at = DateTime::from_timestamp(0, 0).unwrap();
/// let answer = |transfers: u32, ces: u8| -> Result<Feedback, cxmetrics::Error> {
///     Ok(Feedback::new(at).with_transfers(transfers).with_ces(Likert7::new(ces)?))
/// };
/// let feedback = [answer(1, 2)?, answer(1, 6)?, answer(0, 6)?, answer(0, 7)?];
/// let effect: DriverEffect = ces_by_driver(&feedback, EffortDriver::Transferred, ConfidenceLevel::P95)?;
/// assert_eq!(effect.with().map(|s| s.rounded()), Some(50));
/// assert_eq!(effect.without().map(|s| s.rounded()), Some(100));
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct DriverEffect {
    driver: EffortDriver,
    with: Option<Share>,
    without: Option<Share>,
    difference: Option<Difference>,
}

impl DriverEffect {
    /// The driver.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::effort::{EffortDriver, ces_by_driver};
    /// use cxmetrics::{ConfidenceLevel, Feedback, Likert7};
    ///
    /// let at = DateTime::from_timestamp(0, 0).unwrap();
    /// let answer = |transfers: u32, ces: u8| -> Result<Feedback, cxmetrics::Error> {
    ///     Ok(Feedback::new(at).with_transfers(transfers).with_ces(Likert7::new(ces)?))
    /// };
    /// let effect = ces_by_driver(&[answer(2, 6)?], EffortDriver::Transferred, ConfidenceLevel::P95)?;
    /// assert_eq!(effect.driver(), EffortDriver::Transferred);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn driver(&self) -> EffortDriver {
        self.driver
    }

    /// The CES 2.0 share (5–7) where the driver was present.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::effort::{EffortDriver, ces_by_driver};
    /// use cxmetrics::{ConfidenceLevel, Feedback, Likert7};
    ///
    /// let at = DateTime::from_timestamp(0, 0).unwrap();
    /// let answer = |transfers: u32, ces: u8| -> Result<Feedback, cxmetrics::Error> {
    ///     Ok(Feedback::new(at).with_transfers(transfers).with_ces(Likert7::new(ces)?))
    /// };
    /// let effect = ces_by_driver(&[answer(1, 2)?, answer(3, 5)?, answer(0, 7)?], EffortDriver::Transferred, ConfidenceLevel::P95)?;
    /// assert_eq!(effect.with().map(|s| (s.hits(), s.n())), Some((1, 2)));
    /// let never_transferred = ces_by_driver(&[answer(0, 7)?], EffortDriver::Transferred, ConfidenceLevel::P95)?;
    /// assert!(never_transferred.with().is_none());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn with(&self) -> Option<&Share> {
        self.with.as_ref()
    }

    /// The CES 2.0 share (5–7) where it was absent.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::effort::{EffortDriver, ces_by_driver};
    /// use cxmetrics::{ConfidenceLevel, Feedback, Likert7};
    ///
    /// let at = DateTime::from_timestamp(0, 0).unwrap();
    /// let answer = |transfers: u32, ces: u8| -> Result<Feedback, cxmetrics::Error> {
    ///     Ok(Feedback::new(at).with_transfers(transfers).with_ces(Likert7::new(ces)?))
    /// };
    /// let effect = ces_by_driver(&[answer(1, 2)?, answer(0, 3)?, answer(0, 7)?], EffortDriver::Transferred, ConfidenceLevel::P95)?;
    /// assert_eq!(effect.without().map(|s| (s.hits(), s.n())), Some((1, 2)));
    /// let all_transferred = ces_by_driver(&[answer(1, 7)?], EffortDriver::Transferred, ConfidenceLevel::P95)?;
    /// assert!(all_transferred.without().is_none());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn without(&self) -> Option<&Share> {
        self.without.as_ref()
    }

    /// `with − without`: negative when the driver makes it harder.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::effort::{EffortDriver, ces_by_driver};
    /// use cxmetrics::{ConfidenceLevel, Feedback, Likert7};
    ///
    /// let at = DateTime::from_timestamp(0, 0).unwrap();
    /// let answer = |transfers: u32, ces: u8| -> Result<Feedback, cxmetrics::Error> {
    ///     Ok(Feedback::new(at).with_transfers(transfers).with_ces(Likert7::new(ces)?))
    /// };
    /// let feedback = [answer(1, 2)?, answer(1, 6)?, answer(0, 6)?, answer(0, 7)?];
    /// let effect = ces_by_driver(&feedback, EffortDriver::Transferred, ConfidenceLevel::P95)?;
    /// let d = effect.difference().copied().unwrap();
    /// assert!((d.estimate() + 0.5).abs() < 1e-12); // 50 % − 100 %: transfers make it harder
    /// assert!(d.interval().contains(d.estimate()));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn difference(&self) -> Option<&Difference> {
        self.difference.as_ref()
    }
}

/// The CES 2.0 "% easy" (5–7) of respondents with and without `driver`,
/// and the difference (Newcombe interval, pooled z test). Feedback that
/// lacks a CES answer or does not record the driver is left out.
///
/// # Errors
///
/// [`Error::EmptySample`] when no feedback has both a CES answer and the driver.
///
/// # Example
///
/// ```
/// use chrono::DateTime;
/// use cxmetrics::effort::{EffortDriver, ces_by_driver};
/// use cxmetrics::{ConfidenceLevel, Feedback, Likert7};
///
/// let at = DateTime::from_timestamp(0, 0).unwrap();
/// let mut feedback = Vec::new();
/// for i in 0..200u32 {
///     let transferred = i % 2 == 0;
///     let ces = if transferred { if i % 4 == 0 { 6 } else { 3 } } else { 6 };
///     feedback.push(Feedback::new(at).with_transfers(u32::from(transferred)).with_ces(Likert7::new(ces)?));
/// }
/// let effect = ces_by_driver(&feedback, EffortDriver::Transferred, ConfidenceLevel::P95)?;
/// assert_eq!(effect.with().unwrap().rounded(), 50);
/// assert_eq!(effect.without().unwrap().rounded(), 100);
/// assert!(effect.difference().unwrap().interval().upper() < 0.0);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
pub fn ces_by_driver<'a>(
    feedback: impl IntoIterator<Item = &'a Feedback>,
    driver: EffortDriver,
    level: ConfidenceLevel,
) -> Result<DriverEffect, Error> {
    let mut tally = DriverTally::new(driver);
    for f in feedback {
        tally.add(f)?;
    }
    tally.report(level)
}

/// CES 2.0 with and without an effort driver, accumulated: the state
/// behind [`ces_by_driver`], two exact CES tallies. Add feedback one at a
/// time or from any iterator of references, merge shards, then report.
///
/// # Example
///
/// ```
/// use chrono::DateTime;
/// use cxmetrics::effort::{DriverTally, EffortDriver};
/// use cxmetrics::{ConfidenceLevel, Feedback, Likert7};
///
/// let at = DateTime::from_timestamp(0, 0).unwrap();
/// let mut shard = DriverTally::new(EffortDriver::Transferred);
/// shard.add(&Feedback::new(at).with_ces(Likert7::new(2)?).with_transfers(2))?;
/// let mut other = DriverTally::new(EffortDriver::Transferred);
/// other.add(&Feedback::new(at).with_ces(Likert7::new(7)?).with_transfers(0))?;
/// shard.merge(&other)?;
/// assert_eq!((shard.with().total(), shard.without().total()), (1, 1));
/// let effect = shard.report(ConfidenceLevel::P95)?;
/// assert_eq!(effect.with().map(|s| s.rounded()), Some(0));
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DriverTally {
    driver: EffortDriver,
    with: Tally<Likert7>,
    without: Tally<Likert7>,
}

impl DriverTally {
    /// An empty tally for `driver`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::effort::{DriverTally, EffortDriver};
    ///
    /// assert_eq!(DriverTally::new(EffortDriver::ReExplained).driver(), EffortDriver::ReExplained);
    /// ```
    #[must_use]
    pub const fn new(driver: EffortDriver) -> Self {
        Self {
            driver,
            with: Tally::new(),
            without: Tally::new(),
        }
    }

    /// The driver.
    ///
    /// # Example
    ///
    /// See [`DriverTally::new`].
    #[must_use]
    pub const fn driver(&self) -> EffortDriver {
        self.driver
    }

    /// CES answers of contacts with the driver.
    ///
    /// # Example
    ///
    /// See [`DriverTally`].
    #[must_use]
    pub const fn with(&self) -> &Tally<Likert7> {
        &self.with
    }

    /// CES answers of contacts without the driver.
    ///
    /// # Example
    ///
    /// See [`DriverTally`].
    #[must_use]
    pub const fn without(&self) -> &Tally<Likert7> {
        &self.without
    }

    /// Counts one respondent's CES 2.0 answer, with or without the driver;
    /// feedback without a CES answer or without the driver's fact is left
    /// out.
    ///
    /// # Errors
    ///
    /// [`Error::CountOverflow`] past `u64::MAX` answers on one side.
    ///
    /// # Example
    ///
    /// See [`DriverTally`].
    pub fn add(&mut self, feedback: &Feedback) -> Result<(), Error> {
        match (feedback.ces(), self.driver.present(feedback)) {
            (Some(ces), Some(true)) => self.with.add(ces),
            (Some(ces), Some(false)) => self.without.add(ces),
            _ => Ok(()),
        }
    }

    /// Adds another tally of the same driver; nothing changes on error.
    ///
    /// # Errors
    ///
    /// [`Error::Mismatch`] for a tally of another driver;
    /// [`Error::CountOverflow`] past `u64::MAX` answers on one side.
    ///
    /// # Example
    ///
    /// See [`DriverTally`].
    pub fn merge(&mut self, other: &Self) -> Result<(), Error> {
        if self.driver != other.driver {
            return Err(Error::Mismatch {
                left: format!("CES by \"{}\"", self.driver),
                right: format!("CES by \"{}\"", other.driver),
            });
        }
        let (mut with, mut without) = (self.with.clone(), self.without.clone());
        with.merge(&other.with)?;
        without.merge(&other.without)?;
        (self.with, self.without) = (with, without);
        Ok(())
    }

    /// The CES 2.0 share with and without the driver and their difference.
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] when no feedback had both a CES answer and
    /// the driver's fact.
    ///
    /// # Example
    ///
    /// See [`DriverTally`].
    pub fn report(&self, level: ConfidenceLevel) -> Result<DriverEffect, Error> {
        if self.with.is_empty() && self.without.is_empty() {
            return Err(Error::EmptySample {
                statistic: "CES by effort driver",
            });
        }
        let ces = CesAgreement::default();
        let score = |t: &Tally<Likert7>| if t.is_empty() { Ok(None) } else { ces.score(t).map(Some) };
        let (with, without) = (score(&self.with)?, score(&self.without)?);
        let difference = match (&with, &without) {
            (Some(a), Some(b)) => Some(a.difference(b, level)?),
            _ => None,
        };
        Ok(DriverEffect {
            driver: self.driver,
            with,
            without,
            difference,
        })
    }
}
