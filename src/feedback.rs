//! `Feedback`: one respondent's answers across metrics after an
//! interaction, with the facts that drive effort.

use core::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};

use crate::response::check_interaction;
use crate::{Channel, Error, Likert5, Likert7, Response, Scale, Touchpoint, ZeroToTen};

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
/// assert_eq!(f.csat::<Likert5>(), None);
/// assert_eq!(f.nps_response().map(|r| r.rating().get()), Some(9));
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields, try_from = "unchecked::Feedback"))]
pub struct Feedback {
    at: DateTime<Utc>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    nps: Option<ZeroToTen>,
    /// On any scale: CSAT is asked on 1–5, 1–7, 1–10, …
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    csat: Option<CsatAnswer>,
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
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    ces_effort: Option<Likert5>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    ces_ease: Option<Likert5>,
    /// When the interaction being rated happened; never after `at`.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    interaction_at: Option<DateTime<Utc>>,
    /// Named dimensions (agent, team, region, …), in the order first set.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    dimensions: Vec<(String, String)>,
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
            ces_effort: None,
            ces_ease: None,
            interaction_at: None,
            dimensions: Vec::new(),
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
        /// A CES 1.0 effort answer (1 = very low effort … 5 = very high; lower is better).
        ces_effort, with_ces_effort: Likert5, Likert5, |v| *v, "cxmetrics::Likert5::constant(2)";
        /// A 1–5 ease answer (1 = very difficult … 5 = very easy).
        ces_ease, with_ces_ease: Likert5, Likert5, |v| *v, "cxmetrics::Likert5::constant(4)";
    }

    /// Sets when the interaction being rated happened, for survey timing.
    ///
    /// # Errors
    ///
    /// [`Error::InteractionAfterAnswer`] for an interaction after the
    /// answer.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{Duration, TimeZone, Utc};
    /// use cxmetrics::Feedback;
    ///
    /// let answered = Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap();
    /// let f = Feedback::new(answered).with_interaction_at(answered - Duration::hours(5))?;
    /// assert_eq!(f.delay(), Some(Duration::hours(5)));
    /// assert!(Feedback::new(answered).with_interaction_at(answered + Duration::hours(1)).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn with_interaction_at(mut self, interaction_at: DateTime<Utc>) -> Result<Self, Error> {
        check_interaction(interaction_at, self.at)?;
        self.interaction_at = Some(interaction_at);
        Ok(self)
    }

    /// When the interaction being rated happened, if known.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::Feedback;
    ///
    /// let (called, answered) = (DateTime::from_timestamp(0, 0).unwrap(), DateTime::from_timestamp(600, 0).unwrap());
    /// assert_eq!(Feedback::new(answered).interaction_at(), None);
    /// assert_eq!(Feedback::new(answered).with_interaction_at(called)?.interaction_at(), Some(called));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn interaction_at(&self) -> Option<DateTime<Utc>> {
        self.interaction_at
    }

    /// The time from the interaction to the answer, if the interaction time
    /// is known.
    ///
    /// # Example
    ///
    /// See [`Feedback::with_interaction_at`].
    #[must_use]
    pub fn delay(&self) -> Option<TimeDelta> {
        self.interaction_at.map(|i| self.at - i)
    }

    /// Sets a named dimension — agent, team, region, product, any caller
    /// key — replacing an earlier value of the same name.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::Feedback;
    ///
    /// let f = Feedback::new(DateTime::from_timestamp(0, 0).unwrap())
    ///     .with_dimension("agent", "ana")
    ///     .with_dimension("team", "billing")
    ///     .with_dimension("agent", "ben");
    /// assert_eq!(f.dimension("agent"), Some("ben"));
    /// assert_eq!(f.dimensions().collect::<Vec<_>>(), [("agent", "ben"), ("team", "billing")]);
    /// ```
    #[must_use]
    pub fn with_dimension(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let (name, value) = (name.into(), value.into());
        match self.dimensions.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v)) => *v = value,
            None => self.dimensions.push((name, value)),
        }
        self
    }

    /// The value of a named dimension, if set.
    ///
    /// # Example
    ///
    /// See [`Feedback::with_dimension`].
    #[must_use]
    pub fn dimension(&self, name: &str) -> Option<&str> {
        self.dimensions.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Every named dimension, in the order first set.
    ///
    /// # Example
    ///
    /// See [`Feedback::with_dimension`].
    pub fn dimensions(&self) -> impl Iterator<Item = (&str, &str)> {
        self.dimensions.iter().map(|(n, v)| (n.as_str(), v.as_str()))
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

    /// Sets the CSAT answer, on whatever scale the survey asks it: the
    /// standard [`Likert5`], or any other ([`Points`](crate::Points)).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::{Feedback, Likert5, Points};
    ///
    /// let at = DateTime::from_timestamp(0, 0).unwrap();
    /// let five = Feedback::new(at).with_csat(Likert5::new(4)?);
    /// assert_eq!(five.csat::<Likert5>().map(|r| r.get()), Some(4));
    /// let ten = Feedback::new(at).with_csat(Points::<1, 10>::new(8)?);
    /// assert_eq!(ten.csat::<Points<1, 10>>().map(|r| r.get()), Some(8));
    /// assert_eq!(ten.csat::<Likert5>(), None, "asked on another scale");
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn with_csat<S: Scale>(mut self, rating: S) -> Self {
        self.csat = Some(CsatAnswer {
            value: rating.get(),
            scale: S::NAME,
        });
        self
    }

    /// The CSAT answer, if one was given on scale `S`.
    ///
    /// # Example
    ///
    /// See [`Feedback::with_csat`].
    #[must_use]
    pub fn csat<S: Scale>(&self) -> Option<S> {
        self.csat
            .filter(|a| a.scale == S::NAME)
            .and_then(|a| S::new(a.value).ok())
    }

    /// The CSAT answer as a [`Response`] on scale `S`; see
    /// [`Feedback::nps_response`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cxmetrics::{Channel, Feedback, Likert5};
    ///
    /// let f = Feedback::new(DateTime::from_timestamp(0, 0).unwrap()).with_channel(Channel::Chat);
    /// let r = f.with_csat(Likert5::new(4)?).csat_response::<Likert5>().unwrap();
    /// assert_eq!((r.rating().get(), r.channel()), (4, Some(&Channel::Chat)));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn csat_response<S: Scale>(&self) -> Option<Response<S>> {
        self.csat::<S>().map(|r| self.response(r))
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
            interaction_at: self.interaction_at,
        }
    }
}

/// The fields as they arrive, before the one rule that spans two of them
/// (an interaction never after its answer) is checked.
#[cfg(feature = "serde")]
mod unchecked {
    use core::time::Duration;

    use chrono::{DateTime, Utc};

    use crate::{Channel, Likert5, Likert7, Touchpoint, ZeroToTen};

    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct Feedback {
        pub(super) at: DateTime<Utc>,
        #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
        pub(super) nps: Option<ZeroToTen>,
        #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
        pub(super) csat: Option<super::CsatWire>,
        #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
        pub(super) ces: Option<Likert7>,
        #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
        pub(super) comment: Option<String>,
        #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
        pub(super) touchpoint: Option<Touchpoint>,
        #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
        pub(super) channel: Option<Channel>,
        #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
        pub(super) segment: Option<String>,
        #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
        pub(super) first_contact_resolution: Option<bool>,
        #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
        pub(super) transfers: Option<u32>,
        #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
        pub(super) channel_switches: Option<u32>,
        #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
        pub(super) repeat_contacts: Option<u32>,
        #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
        pub(super) re_explained: Option<bool>,
        #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
        pub(super) time_to_resolution: Option<Duration>,
        #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
        pub(super) ces_effort: Option<Likert5>,
        #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
        pub(super) ces_ease: Option<Likert5>,
        /// When the interaction being rated happened; never after `at`.
        #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
        pub(super) interaction_at: Option<DateTime<Utc>>,
        /// Named dimensions (agent, team, region, …), in the order first set.
        #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
        pub(super) dimensions: Vec<(String, String)>,
    }
}

#[cfg(feature = "serde")]
impl TryFrom<unchecked::Feedback> for Feedback {
    type Error = Error;

    fn try_from(f: unchecked::Feedback) -> Result<Self, Error> {
        if let Some(i) = f.interaction_at {
            check_interaction(i, f.at)?;
        }
        Ok(Self {
            at: f.at,
            nps: f.nps,
            csat: f.csat.map(CsatAnswer::try_from).transpose()?,
            ces: f.ces,
            comment: f.comment,
            touchpoint: f.touchpoint,
            channel: f.channel,
            segment: f.segment,
            first_contact_resolution: f.first_contact_resolution,
            transfers: f.transfers,
            channel_switches: f.channel_switches,
            repeat_contacts: f.repeat_contacts,
            re_explained: f.re_explained,
            time_to_resolution: f.time_to_resolution,
            ces_effort: f.ces_effort,
            ces_ease: f.ces_ease,
            interaction_at: f.interaction_at,
            dimensions: f.dimensions,
        })
    }
}

/// A CSAT answer and the scale it was given on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct CsatAnswer {
    value: u8,
    scale: &'static str,
}

/// A CSAT answer serializes as a plain number on the standard 1–5 scale
/// (`"csat": 4`) and with its scale otherwise
/// (`"csat": {"scale": "Points<1, 10>", "rating": 8}`).
#[cfg(feature = "serde")]
impl serde::Serialize for CsatAnswer {
    fn serialize<Z: serde::Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        use serde::ser::SerializeStruct;
        if self.scale == Likert5::NAME {
            return serializer.serialize_u8(self.value);
        }
        let mut s = serializer.serialize_struct("Csat", 2)?;
        s.serialize_field("scale", self.scale)?;
        s.serialize_field("rating", &self.value)?;
        s.end()
    }
}

/// A CSAT answer as it arrives: a 1–5 number, or a rating with its scale.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum CsatWire {
    Standard(Likert5),
    Scaled { scale: String, rating: u8 },
}

#[cfg(feature = "serde")]
impl TryFrom<CsatWire> for CsatAnswer {
    type Error = Error;

    fn try_from(wire: CsatWire) -> Result<Self, Error> {
        match wire {
            CsatWire::Standard(r) => Ok(Self {
                value: r.get(),
                scale: Likert5::NAME,
            }),
            CsatWire::Scaled { scale, rating } => {
                let (name, min, max) = crate::scale::scale_named(&scale).ok_or_else(|| Error::UnknownName {
                    input: scale.clone(),
                    what: "scale",
                    expected: "Likert5, Likert7, ZeroToTen or Points<MIN, MAX> (2 to 11 points from 0 or 1)",
                })?;
                if rating < min || rating > max {
                    return Err(Error::OutOfRange {
                        value: rating,
                        scale: name,
                        min,
                        max,
                    });
                }
                Ok(Self {
                    value: rating,
                    scale: name,
                })
            }
        }
    }
}
