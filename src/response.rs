//! Response models: one answer with its context (`Response<S>`), and one
//! respondent's feedback across metrics (`Feedback`).

use core::fmt;
use core::time::Duration;

use chrono::{DateTime, Utc};

use crate::{Error, Likert5, Likert7, Scale, Tally, ZeroToTen};

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
pub(crate) fn check_weight(value: f64) -> Result<f64, Error> {
    if value.is_finite() && value >= 0.0 {
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
    /// let r = Response::new(Likert7::new(6)?, DateTime::from_timestamp(0, 0).unwrap());
    /// assert_eq!(r.interaction_at(), None);
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
        return Err(Error::InvalidArgument {
            name: "seconds from answer to interaction",
            value: (interaction_at - at).as_seconds_f64(),
            expected: "an interaction at or before the answer (<= 0)",
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
impl<'a, S: Scale> FromIterator<&'a Response<S>> for Tally<S> {
    fn from_iter<I: IntoIterator<Item = &'a Response<S>>>(iter: I) -> Self {
        iter.into_iter().map(Response::rating).collect()
    }
}

/// One respondent's feedback after an interaction: any of an NPS, CSAT and
/// CES 2.0 answer, a comment, and facts about the interaction that drive
/// effort (first-contact resolution, transfers, channel switches, repeat
/// contacts, having to re-explain, time to resolution).
///
/// Every answer is optional; a respondent who skipped a question simply has
/// no answer for that metric and does not count towards its `n`.
///
/// # Example
///
/// ```
/// use chrono::DateTime;
/// use core::time::Duration;
/// use cxmetrics::{Channel, Feedback, Likert5, Likert7, ZeroToTen};
///
/// let at = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
/// let f = Feedback::new(at)
///     .with_nps(ZeroToTen::new(9)?)
///     .with_ces(Likert7::new(6)?)
///     .with_channel(Channel::Phone)
///     .with_first_contact_resolution(true)
///     .with_transfers(0)
///     .with_time_to_resolution(Duration::from_secs(600))
///     .with_comment("quick and friendly");
/// assert_eq!(f.nps().map(|r| r.get()), Some(9));
/// assert_eq!(f.csat(), None::<Likert5>);
/// assert_eq!(f.nps_response().map(|r| r.rating().get()), Some(9));
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Feedback {
    at: DateTime<Utc>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    nps: Option<ZeroToTen>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    csat: Option<Likert5>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    ces: Option<Likert7>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    comment: Option<String>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    touchpoint: Option<Touchpoint>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    channel: Option<Channel>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    segment: Option<String>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    first_contact_resolution: Option<bool>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    transfers: Option<u32>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    channel_switches: Option<u32>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    repeat_contacts: Option<u32>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    re_explained: Option<bool>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    time_to_resolution: Option<Duration>,
}

/// Builder setters and getters for the optional fields of [`Feedback`].
macro_rules! feedback_fields {
    ($( $(#[$doc:meta])* $field:ident, $setter:ident : $ty:ty, $get:ty, |$v:ident| $conv:expr, $example:literal; )*) => {
        $(
            $(#[$doc])*
            ///
            /// # Example
            ///
            /// ```
            /// use chrono::DateTime;
            /// use cxmetrics::Feedback;
            ///
            /// let f = Feedback::new(DateTime::from_timestamp(0, 0).unwrap());
            #[doc = concat!("assert!(f.", stringify!($field), "().is_none());")]
            #[doc = concat!("let f = f.", stringify!($setter), "(", $example, ");")]
            #[doc = concat!("assert!(f.", stringify!($field), "().is_some());")]
            /// # Ok::<(), cxmetrics::Error>(())
            /// ```
            #[must_use]
            pub fn $setter(mut self, value: $ty) -> Self {
                self.$field = Some(value.into());
                self
            }

            #[doc = concat!("The value set with [`Feedback::", stringify!($setter), "`], if any.")]
            ///
            /// # Example
            ///
            /// ```
            /// use chrono::DateTime;
            /// use cxmetrics::Feedback;
            ///
            /// let f = Feedback::new(DateTime::from_timestamp(0, 0).unwrap());
            #[doc = concat!("assert!(f.", stringify!($setter), "(", $example, ").", stringify!($field), "().is_some());")]
            /// ```
            #[must_use]
            pub fn $field(&self) -> Option<$get> {
                let $v = &self.$field;
                $conv
            }
        )*
    };
}

impl Feedback {
    /// Feedback given at `at`, with nothing else yet.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::Feedback;
    ///
    /// let f = Feedback::new(DateTime::from_timestamp(0, 0).unwrap());
    /// assert_eq!(f.at().timestamp(), 0);
    /// ```
    #[must_use]
    pub const fn new(at: DateTime<Utc>) -> Self {
        Self {
            at,
            nps: None,
            csat: None,
            ces: None,
            comment: None,
            touchpoint: None,
            channel: None,
            segment: None,
            first_contact_resolution: None,
            transfers: None,
            channel_switches: None,
            repeat_contacts: None,
            re_explained: None,
            time_to_resolution: None,
        }
    }

    /// When the feedback was given.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::Feedback;
    ///
    /// let at = DateTime::from_timestamp(86_400, 0).unwrap();
    /// assert_eq!(Feedback::new(at).at(), at);
    /// ```
    #[must_use]
    pub const fn at(&self) -> DateTime<Utc> {
        self.at
    }

    feedback_fields! {
        /// Sets the NPS answer (0–10).
        nps, with_nps: ZeroToTen, ZeroToTen, |v| *v, "cxmetrics::ZeroToTen::constant(9)";
        /// Sets the CSAT answer (1–5).
        csat, with_csat: Likert5, Likert5, |v| *v, "cxmetrics::Likert5::constant(4)";
        /// Sets the CES 2.0 answer (1–7 agreement that it was easy).
        ces, with_ces: Likert7, Likert7, |v| *v, "cxmetrics::Likert7::constant(6)";
        /// Sets the free-text comment.
        comment, with_comment: &str, &str, |v| v.as_deref(), "\"great\"";
        /// Sets the touchpoint.
        touchpoint, with_touchpoint: Touchpoint, &Touchpoint, |v| v.as_ref(), "cxmetrics::Touchpoint::FollowUp";
        /// Sets the channel.
        channel, with_channel: Channel, &Channel, |v| v.as_ref(), "cxmetrics::Channel::Email";
        /// Sets a free-form segment label.
        segment, with_segment: &str, &str, |v| v.as_deref(), "\"SMB\"";
        /// Sets whether the issue was resolved on first contact.
        first_contact_resolution, with_first_contact_resolution: bool, bool, |v| *v, "false";
        /// Sets how many times the customer was transferred.
        transfers, with_transfers: u32, u32, |v| *v, "2";
        /// Sets how many times the customer had to switch channel.
        channel_switches, with_channel_switches: u32, u32, |v| *v, "1";
        /// Sets how many times the customer contacted again about the same issue.
        repeat_contacts, with_repeat_contacts: u32, u32, |v| *v, "1";
        /// Sets whether the customer had to explain the issue again.
        re_explained, with_re_explained: bool, bool, |v| *v, "true";
        /// Sets how long the issue took to resolve.
        time_to_resolution, with_time_to_resolution: Duration, Duration, |v| *v, "core::time::Duration::from_secs(60)";
    }

    /// The NPS answer as a [`Response`] carrying this feedback's time,
    /// touchpoint, channel and segment.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::{Feedback, ZeroToTen};
    ///
    /// let f = Feedback::new(DateTime::from_timestamp(0, 0).unwrap()).with_segment("SMB");
    /// assert!(f.nps_response().is_none());
    /// let r = f.with_nps(ZeroToTen::new(3)?).nps_response().unwrap();
    /// assert_eq!(r.segment(), Some("SMB"));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn nps_response(&self) -> Option<Response<ZeroToTen>> {
        self.nps.map(|r| self.response(r))
    }

    /// The CSAT answer as a [`Response`]; see [`Feedback::nps_response`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::{Channel, Feedback, Likert5};
    ///
    /// let f = Feedback::new(DateTime::from_timestamp(0, 0).unwrap()).with_channel(Channel::Chat);
    /// let r = f.with_csat(Likert5::new(4)?).csat_response().unwrap();
    /// assert_eq!((r.rating().get(), r.channel()), (4, Some(&Channel::Chat)));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn csat_response(&self) -> Option<Response<Likert5>> {
        self.csat.map(|r| self.response(r))
    }

    /// The CES 2.0 answer as a [`Response`]; see [`Feedback::nps_response`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::{Feedback, Likert7, Touchpoint};
    ///
    /// let f = Feedback::new(DateTime::from_timestamp(0, 0).unwrap()).with_touchpoint(Touchpoint::FollowUp);
    /// let r = f.with_ces(Likert7::new(6)?).ces_response().unwrap();
    /// assert_eq!(r.touchpoint(), Some(&Touchpoint::FollowUp));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn ces_response(&self) -> Option<Response<Likert7>> {
        self.ces.map(|r| self.response(r))
    }

    fn response<S: Scale>(&self, rating: S) -> Response<S> {
        Response {
            rating,
            at: self.at,
            touchpoint: self.touchpoint.clone(),
            channel: self.channel.clone(),
            segment: self.segment.clone(),
            weight: None,
            interaction_at: None,
        }
    }
}
