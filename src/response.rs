//! `Response<S>`: one answer with its context (time, touchpoint, channel,
//! segment, weight, interaction time).

use core::fmt;
use core::str::FromStr;

use chrono::{DateTime, Utc};

use crate::input::fold;
use crate::{Error, Scale, Tally};

/// Where in the customer journey an answer was collected.
///
/// # Example
///
/// ```
/// use cxmetrics::Touchpoint;
///
/// assert_eq!(Touchpoint::ReturnsRefunds.to_string(), "returns and refunds");
/// assert_eq!(Touchpoint::Custom("warranty".into()).to_string(), "warranty");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Touchpoint {
    /// The first contact about an issue.
    FirstContact,
    /// A follow-up, e.g. scheduling a callback.
    FollowUp,
    /// Returns and refunds.
    ReturnsRefunds,
    /// Help outside business hours.
    AfterHours,
    /// Buying.
    Purchase,
    /// Getting started.
    Onboarding,
    /// Any other touchpoint, by name.
    Custom(String),
}

impl fmt::Display for Touchpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::FirstContact => "first contact",
            Self::FollowUp => "follow-up",
            Self::ReturnsRefunds => "returns and refunds",
            Self::AfterHours => "after hours",
            Self::Purchase => "purchase",
            Self::Onboarding => "onboarding",
            Self::Custom(name) => name,
        })
    }
}

/// The channel through which the customer was served.
///
/// # Example
///
/// ```
/// use cxmetrics::Channel;
///
/// assert_eq!(Channel::SelfService.to_string(), "self-service");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Channel {
    /// Telephone.
    Phone,
    /// E-mail.
    Email,
    /// Live chat.
    Chat,
    /// Social media.
    Social,
    /// Help centre, FAQ, bot or portal without an agent.
    SelfService,
    /// Inside the product's app.
    InApp,
    /// Text messages.
    Sms,
    /// Any other channel, by name.
    Custom(String),
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Phone => "phone",
            Self::Email => "email",
            Self::Chat => "chat",
            Self::Social => "social",
            Self::SelfService => "self-service",
            Self::InApp => "in-app",
            Self::Sms => "SMS",
            Self::Custom(name) => name,
        })
    }
}

/// Checks a survey weight: finite and `>= 0`.
/// Parses the names `Display` and serde use (`"returns and refunds"`,
/// `"returns_refunds"`, ignoring case, spaces and punctuation); any other
/// non-blank text is a [`Touchpoint::Custom`] with that text, trimmed.
///
/// # Errors
///
/// [`Error::UnknownName`] for blank text.
///
/// # Example
///
/// ```
/// use cxmetrics::Touchpoint;
///
/// assert_eq!("Follow-up".parse::<Touchpoint>()?, Touchpoint::FollowUp);
/// assert_eq!("after_hours".parse::<Touchpoint>()?, Touchpoint::AfterHours);
/// assert_eq!("returns_refunds".parse::<Touchpoint>()?, Touchpoint::ReturnsRefunds);
/// assert_eq!(" warranty ".parse::<Touchpoint>()?, Touchpoint::Custom("warranty".into()));
/// assert!("  ".parse::<Touchpoint>().is_err());
/// # Ok::<(), cxmetrics::Error>(())
/// ```
impl FromStr for Touchpoint {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let known = [
            Self::FirstContact,
            Self::FollowUp,
            Self::ReturnsRefunds,
            Self::AfterHours,
            Self::Purchase,
            Self::Onboarding,
        ];
        parse_named(s, "touchpoint", &known, Self::Custom)
    }
}

/// Parses the names `Display` and serde use (`"self-service"`,
/// `"self_service"`, `"SMS"`, ignoring case, spaces and punctuation); any
/// other non-blank text is a [`Channel::Custom`] with that text, trimmed.
///
/// # Errors
///
/// [`Error::UnknownName`] for blank text.
///
/// # Example
///
/// ```
/// use cxmetrics::Channel;
///
/// assert_eq!("Self Service".parse::<Channel>()?, Channel::SelfService);
/// assert_eq!("in_app".parse::<Channel>()?, Channel::InApp);
/// assert_eq!("WhatsApp".parse::<Channel>()?, Channel::Custom("WhatsApp".into()));
/// # Ok::<(), cxmetrics::Error>(())
/// ```
impl FromStr for Channel {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let known = [
            Self::Phone,
            Self::Email,
            Self::Chat,
            Self::Social,
            Self::SelfService,
            Self::InApp,
            Self::Sms,
        ];
        parse_named(s, "channel", &known, Self::Custom)
    }
}

/// One of `known` whose display name or serde name (the variant name in
/// snake case, which folds like its `Debug` name) folds to the same text as
/// `s`, or a custom value; blank text is an error.
fn parse_named<T: Clone + fmt::Display + fmt::Debug>(
    s: &str,
    what: &'static str,
    known: &[T],
    custom: fn(String) -> T,
) -> Result<T, Error> {
    let folded = fold(s);
    // Blank means blank: "微信" folds to nothing (folding keeps ASCII
    // letters and digits) but is a name.
    if s.trim().is_empty() {
        return Err(Error::UnknownName {
            input: s.to_owned(),
            what,
            expected: "a non-blank name",
        });
    }
    Ok(known
        .iter()
        .find(|k| fold(&k.to_string()) == folded || fold(&format!("{k:?}")) == folded)
        .cloned()
        .unwrap_or_else(|| custom(s.trim().to_owned())))
}

/// The smallest positive and the largest weight: within them `Σw²` and
/// `Σw²(y − θ̂)²` neither underflow nor overflow for any count of answers
/// a `u64` can hold (`1.8e19 · (1e140)² · 10²` is below `f64::MAX`), so
/// Kish's `n_eff` and the linearised variance stay finite.
pub(crate) const WEIGHT_RANGE: (f64, f64) = (1e-140, 1e140);

pub(crate) fn check_weight(value: f64) -> Result<f64, Error> {
    let (min, max) = WEIGHT_RANGE;
    if value == 0.0 || (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(Error::InvalidWeight { value })
    }
}

/// One answer on scale `S`, when it was given, and optional context.
///
/// Missing answers are not responses: represent them as `Option<Response<S>>`
/// (or skip them) before tallying, so they never count towards `n`.
///
/// # Example
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use cxmetrics::{Channel, Response, Tally, Touchpoint, ZeroToTen};
///
/// let at = Utc.with_ymd_and_hms(2026, 3, 31, 23, 30, 0).unwrap();
/// let r = Response::new(ZeroToTen::new(9)?, at)
///     .with_touchpoint(Touchpoint::FirstContact)
///     .with_channel(Channel::Chat)
///     .with_segment("enterprise")
///     .with_weight(1.5)?;
/// assert_eq!(r.rating().get(), 9);
/// assert_eq!(r.segment(), Some("enterprise"));
///
/// let tally: Tally<ZeroToTen> = [r].iter().collect();
/// assert_eq!(tally.total(), 1);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "crate::serde::ResponseRepr<S>",
        into = "crate::serde::ResponseRepr<S>",
        bound(serialize = "S: serde::Serialize", deserialize = "S: serde::Deserialize<'de>")
    )
)]
pub struct Response<S: Scale> {
    pub(crate) rating: S,
    pub(crate) at: DateTime<Utc>,
    pub(crate) touchpoint: Option<Touchpoint>,
    pub(crate) channel: Option<Channel>,
    pub(crate) segment: Option<String>,
    pub(crate) weight: Option<f64>,
    pub(crate) interaction_at: Option<DateTime<Utc>>,
}

impl<S: Scale> Response<S> {
    /// An answer given at `at`, without context.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::{Likert7, Response};
    ///
    /// let at = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    /// let r = Response::new(Likert7::new(6)?, at);
    /// assert_eq!(r.at(), at);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn new(rating: S, at: DateTime<Utc>) -> Self {
        Self {
            rating,
            at,
            touchpoint: None,
            channel: None,
            segment: None,
            weight: None,
            interaction_at: None,
        }
    }

    /// Sets the touchpoint.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::{Likert7, Response, Touchpoint};
    ///
    /// let at = DateTime::from_timestamp(0, 0).unwrap();
    /// let r = Response::new(Likert7::new(6)?, at).with_touchpoint(Touchpoint::AfterHours);
    /// assert_eq!(r.touchpoint(), Some(&Touchpoint::AfterHours));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn with_touchpoint(mut self, touchpoint: Touchpoint) -> Self {
        self.touchpoint = Some(touchpoint);
        self
    }

    /// Sets the channel.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::{Channel, Likert7, Response};
    ///
    /// let at = DateTime::from_timestamp(0, 0).unwrap();
    /// let r = Response::new(Likert7::new(6)?, at).with_channel(Channel::Phone);
    /// assert_eq!(r.channel(), Some(&Channel::Phone));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn with_channel(mut self, channel: Channel) -> Self {
        self.channel = Some(channel);
        self
    }

    /// Sets a free-form segment label (region, plan, agent team, …).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::{Likert7, Response};
    ///
    /// let at = DateTime::from_timestamp(0, 0).unwrap();
    /// let r = Response::new(Likert7::new(6)?, at).with_segment("EMEA");
    /// assert_eq!(r.segment(), Some("EMEA"));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn with_segment(mut self, segment: impl Into<String>) -> Self {
        self.segment = Some(segment.into());
        self
    }

    /// Sets the survey weight.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidWeight`] for a negative, NaN or infinite weight, e.g.
    /// `-1.0` or `f64::NAN`. A weight of `0` is valid and excludes the answer
    /// from weighted estimates.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::{Likert7, Response};
    ///
    /// let at = DateTime::from_timestamp(0, 0).unwrap();
    /// let r = Response::new(Likert7::new(6)?, at);
    /// assert_eq!(r.clone().with_weight(0.5)?.weight(), Some(0.5));
    /// assert!(r.with_weight(-1.0).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn with_weight(mut self, weight: f64) -> Result<Self, Error> {
        self.weight = Some(check_weight(weight)?);
        Ok(self)
    }

    /// Sets when the interaction being rated happened (for survey-timing analysis).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] when the interaction is after the answer.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{DateTime, TimeDelta};
    /// use cxmetrics::{Likert7, Response};
    ///
    /// let at = DateTime::from_timestamp(86_400, 0).unwrap();
    /// let served = DateTime::from_timestamp(0, 0).unwrap();
    /// let r = Response::new(Likert7::new(6)?, at).with_interaction_at(served)?;
    /// assert_eq!(r.delay(), Some(TimeDelta::days(1)));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn with_interaction_at(mut self, interaction_at: DateTime<Utc>) -> Result<Self, Error> {
        check_interaction(interaction_at, self.at)?;
        self.interaction_at = Some(interaction_at);
        Ok(self)
    }

    /// The answer.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::{Likert7, Response};
    ///
    /// let r = Response::new(Likert7::new(6)?, DateTime::from_timestamp(0, 0).unwrap());
    /// assert_eq!(r.rating(), Likert7::new(6)?);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn rating(&self) -> S {
        self.rating
    }

    /// When the answer was given.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::{Likert7, Response};
    ///
    /// let at = DateTime::from_timestamp(60, 0).unwrap();
    /// assert_eq!(Response::new(Likert7::new(6)?, at).at().timestamp(), 60);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// The touchpoint, if known.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::{Likert7, Response};
    ///
    /// let r = Response::new(Likert7::new(6)?, DateTime::from_timestamp(0, 0).unwrap());
    /// assert_eq!(r.touchpoint(), None);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn touchpoint(&self) -> Option<&Touchpoint> {
        self.touchpoint.as_ref()
    }

    /// The channel, if known.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::{Likert7, Response};
    ///
    /// let r = Response::new(Likert7::new(6)?, DateTime::from_timestamp(0, 0).unwrap());
    /// assert_eq!(r.channel(), None);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn channel(&self) -> Option<&Channel> {
        self.channel.as_ref()
    }

    /// The segment label, if any.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::{Likert7, Response};
    ///
    /// let r = Response::new(Likert7::new(6)?, DateTime::from_timestamp(0, 0).unwrap());
    /// assert_eq!(r.segment(), None);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn segment(&self) -> Option<&str> {
        self.segment.as_deref()
    }

    /// The survey weight, if any (an unweighted answer counts as weight 1).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::{Likert7, Response};
    ///
    /// let r = Response::new(Likert7::new(6)?, DateTime::from_timestamp(0, 0).unwrap());
    /// assert_eq!(r.weight(), None);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn weight(&self) -> Option<f64> {
        self.weight
    }

    /// When the rated interaction happened, if known.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::{Likert7, Response};
    ///
    /// let (called, answered) = (DateTime::from_timestamp(0, 0).unwrap(), DateTime::from_timestamp(600, 0).unwrap());
    /// let r = Response::new(Likert7::new(6)?, answered);
    /// assert_eq!(r.interaction_at(), None);
    /// assert_eq!(r.with_interaction_at(called)?.interaction_at(), Some(called));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn interaction_at(&self) -> Option<DateTime<Utc>> {
        self.interaction_at
    }

    /// How long after the interaction the answer came (never negative).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{DateTime, TimeDelta};
    /// use cxmetrics::{Likert7, Response};
    ///
    /// let r = Response::new(Likert7::new(6)?, DateTime::from_timestamp(3600, 0).unwrap())
    ///     .with_interaction_at(DateTime::from_timestamp(0, 0).unwrap())?;
    /// assert_eq!(r.delay(), Some(TimeDelta::hours(1)));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn delay(&self) -> Option<chrono::TimeDelta> {
        self.interaction_at.map(|i| self.at - i)
    }
}

pub(crate) fn check_interaction(interaction_at: DateTime<Utc>, at: DateTime<Utc>) -> Result<(), Error> {
    if interaction_at > at {
        return Err(Error::InteractionAfterAnswer {
            interaction: interaction_at.to_rfc3339(),
            answer: at.to_rfc3339(),
        });
    }
    Ok(())
}

/// Counts the responses' ratings (weights are ignored by a plain tally).
///
/// # Panics
///
/// As [`Tally`]'s `Extend<S>`: only past `u64::MAX` answers.
impl<'a, S: Scale> Extend<&'a Response<S>> for Tally<S> {
    fn extend<I: IntoIterator<Item = &'a Response<S>>>(&mut self, iter: I) {
        self.extend(iter.into_iter().map(Response::rating));
    }
}

/// Counts the responses' ratings; see the `Extend` impl.
///
/// # Example
///
/// ```
/// use chrono::DateTime;
/// use cxmetrics::{Likert5, Response, Tally};
///
/// let at = DateTime::from_timestamp(0, 0).unwrap();
/// let answers = [
///     Response::new(Likert5::new(5)?, at).with_weight(2.0)?, // the weight is ignored
///     Response::new(Likert5::new(1)?, at),
/// ];
/// let mut t: Tally<Likert5> = answers.iter().collect();
/// assert_eq!(t.counts(), &[1, 0, 0, 0, 1]);
/// t.extend(&answers[..1]);
/// assert_eq!(t.counts(), &[1, 0, 0, 0, 2]);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
impl<'a, S: Scale> FromIterator<&'a Response<S>> for Tally<S> {
    fn from_iter<I: IntoIterator<Item = &'a Response<S>>>(iter: I) -> Self {
        iter.into_iter().map(Response::rating).collect()
    }
}
