//! `Feedback`: one respondent's answers across metrics after an
//! interaction, with the facts that drive effort.

use core::time::Duration;

use chrono::{DateTime, Utc};

use crate::{Channel, Likert5, Likert7, Response, Scale, Touchpoint, ZeroToTen};

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
