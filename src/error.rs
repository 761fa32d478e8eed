//! The crate's one error type.

/// Everything that can go wrong in `cxmetrics`.
///
/// Every message is lowercase, names the offending value and says what was
/// valid, so it can be shown to a user as it is. The enum is
/// `#[non_exhaustive]`: match the variants you handle and keep a `_` arm.
///
/// Design: one error for the whole crate, like `semver`. Its payloads are plain
/// data, so `Error` is `Send + Sync + 'static + Clone` and cheap to pass across
/// threads.
///
/// # Example
///
/// ```
/// use cxmetrics::{Error, ZeroToTen};
///
/// let err = ZeroToTen::new(11).unwrap_err();
/// assert_eq!(err.to_string(), "rating 11 is off the 0–10 scale");
/// assert!(matches!(err, Error::OutOfRange { value: 11, .. }));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A rating lies outside its scale, e.g. `11` for [`ZeroToTen`](crate::ZeroToTen)
    /// or `0` for [`Likert5`](crate::Likert5).
    ///
    /// Fix: check the survey's scale; the answer was never a valid rating and
    /// is neither clamped nor dropped.
    #[error("rating {value} is off the {min}–{max} scale")]
    #[non_exhaustive]
    OutOfRange {
        /// The rejected rating.
        value: u8,
        /// The scale's type name.
        scale: &'static str,
        /// Lowest valid rating.
        min: u8,
        /// Highest valid rating.
        max: u8,
    },

    /// A rating in a raw buffer lies outside its scale; `index` is the
    /// position of the first such byte.
    ///
    /// Fix: clean or drop that answer upstream; the whole buffer is rejected so
    /// that no answer is silently left out of the count.
    #[error("rating {value} at index {index} is off the {min}–{max} scale")]
    #[non_exhaustive]
    OutOfRangeAt {
        /// Position of the first invalid byte.
        index: usize,
        /// The rejected rating.
        value: u8,
        /// The scale's type name.
        scale: &'static str,
        /// Lowest valid rating.
        min: u8,
        /// Highest valid rating.
        max: u8,
    },

    /// Text could not be read as a rating: empty, fractional (`"6.5"`),
    /// signed (`"+7"`, `"-1"`), spelled out (`"seven"`) or off the scale.
    ///
    /// Fix: pass the answer as a plain decimal integer; surrounding
    /// whitespace is accepted.
    #[error("invalid answer \"{input}\" on the {min}–{max} scale: expected a whole number from {min} to {max}")]
    #[non_exhaustive]
    Parse {
        /// The rejected text.
        input: String,
        /// The scale's type name.
        scale: &'static str,
        /// Lowest valid rating.
        min: u8,
        /// Highest valid rating.
        max: u8,
    },

    /// A statistic was asked of a sample with no answers (or whose weights
    /// sum to zero). The statistic is undefined, not zero.
    ///
    /// Fix: check for data before scoring, e.g. with [`Tally::total`](crate::Tally::total).
    #[error("{statistic} of an empty sample is undefined")]
    #[non_exhaustive]
    EmptySample {
        /// What was asked for, e.g. `"NPS"` or `"mean"`.
        statistic: &'static str,
    },

    /// Adding answers would take a count past `u64::MAX`.
    ///
    /// Fix: none needed in practice (it takes 1.8e19 answers); the error
    /// exists so that a count never wraps silently.
    #[error("count overflow at rating {rating}: more than {max} answers", max = u64::MAX)]
    #[non_exhaustive]
    CountOverflow {
        /// The scale point whose count would overflow.
        rating: u8,
    },

    /// A survey weight is negative, NaN, infinite, or so small or large
    /// (below 1e-140 or above 1e140) that its square would underflow or
    /// overflow in the effective sample size.
    ///
    /// Fix: weights must be `0` (to exclude an answer) or between 1e-140 and
    /// 1e140; rescale weights that are not (only their ratios matter).
    #[error("weight {} is invalid: weights must be 0 or between 1e-140 and 1e140", Shown(*.value))]
    #[non_exhaustive]
    InvalidWeight {
        /// The rejected weight.
        value: f64,
    },

    /// A positive set (the ratings that count as "satisfied", "easy", …)
    /// is empty.
    ///
    /// Fix: name at least one scale point.
    #[error("the set of positive ratings is empty: name at least one rating of the {min}–{max} scale")]
    #[non_exhaustive]
    EmptyPositiveSet {
        /// The scale's type name.
        scale: &'static str,
        /// Lowest valid rating.
        min: u8,
        /// Highest valid rating.
        max: u8,
    },

    /// A numeric argument lies outside its valid range, e.g. a confidence
    /// level of `1.2` or a benchmark NPS of `1.5` on the fraction scale.
    ///
    /// Fix: pass a value inside `expected`.
    #[error("{name} {} is out of range: expected {expected}", Shown(*.value))]
    #[non_exhaustive]
    InvalidArgument {
        /// The argument's name.
        name: &'static str,
        /// The rejected value.
        value: f64,
        /// The valid range, in words.
        expected: &'static str,
    },

    /// Two estimates that measure different things were compared, e.g. an
    /// NPS with a CSAT share, or a CES 1.0 effort mean with a CES 2.0 mean.
    ///
    /// Fix: compare like with like; the numbers are on different scales or
    /// point in different directions.
    #[error("cannot compare {left} with {right}")]
    #[non_exhaustive]
    Mismatch {
        /// What the first estimate measures.
        left: String,
        /// What the second estimate measures.
        right: String,
    },

    /// A time, or the period it falls in, lies outside chrono's calendar
    /// (years −262143 to 262142): an instant at the very end of the calendar
    /// seen from a later offset, or the ISO week containing the first day.
    /// Keep timestamps within the calendar, with a day to spare.
    #[error("{moment} has no {granularity} period: it falls outside the calendar (years -262143 to 262142)")]
    #[non_exhaustive]
    OutOfCalendar {
        /// The instant, in RFC 3339.
        moment: String,
        /// The granularity asked for.
        granularity: &'static str,
    },

    /// Text that names none of the values a field takes, e.g. `"fortnight"`
    /// as a granularity. The message lists the accepted names.
    #[error("unknown {what} \"{input}\": expected {expected}")]
    #[non_exhaustive]
    UnknownName {
        /// The text as given.
        input: String,
        /// What was being named.
        what: &'static str,
        /// The accepted names.
        expected: &'static str,
    },

    /// A serialized period whose start is not the first day of a period of
    /// its granularity, e.g. a week starting on a Wednesday.
    #[error("{start} does not start a period of granularity {granularity}")]
    #[non_exhaustive]
    NotAPeriodStart {
        /// The start as given.
        start: String,
        /// The granularity.
        granularity: &'static str,
    },

    /// [`Tally::checked_sub`](crate::Tally::checked_sub) was asked to remove
    /// more answers at a rating than the tally holds: the answers removed
    /// were never counted in it.
    #[error("cannot remove {remove} answers of rating {rating} from a tally with {have} of them")]
    #[non_exhaustive]
    TallyUnderflow {
        /// The rating.
        rating: u8,
        /// Answers at that rating in the tally.
        have: u64,
        /// Answers at that rating to remove.
        remove: u64,
    },

    /// Answer text that matches none of the labels of a
    /// [`Labels`](crate::input::Labels) map. The message lists the accepted
    /// labels; fix the map (add the wording) or the data.
    #[error("unknown answer \"{input}\": expected one of {accepted}")]
    #[non_exhaustive]
    UnknownLabel {
        /// The text as given.
        input: String,
        /// The accepted labels, comma-separated.
        accepted: String,
    },

    /// Two texts of a label map match each other (ignoring case, spaces
    /// and punctuation) but name different points.
    #[error("labels \"{first}\" and \"{second}\" read the same but name different points")]
    #[non_exhaustive]
    DuplicateLabel {
        /// The first text.
        first: String,
        /// The second text.
        second: String,
    },

    /// A label with no letter or digit, which no answer could match.
    #[error("label \"{input}\" has no letter or digit")]
    #[non_exhaustive]
    EmptyLabel {
        /// The text as given.
        input: String,
    },

    /// A value for a mean (a benchmark, a test's null value) off the scale
    /// of the estimate, e.g. 6.1 for a 1–5 CES 1.0 mean.
    #[error("{name} {} is off the {min}–{max} scale of the estimate", Shown(*.value))]
    #[non_exhaustive]
    OffScale {
        /// What the value is.
        name: &'static str,
        /// The value.
        value: f64,
        /// The scale's lowest point.
        min: u8,
        /// The scale's highest point.
        max: u8,
    },

    /// An interaction time after the answer that rates it (survey timing):
    /// an answer can only rate an interaction that happened before it.
    #[error(
        "the interaction at {interaction} comes after the answer at {answer}: an answer rates an interaction that happened before it"
    )]
    #[non_exhaustive]
    InteractionAfterAnswer {
        /// The interaction time, RFC 3339.
        interaction: String,
        /// The answer time, RFC 3339.
        answer: String,
    },

    /// A period was pushed to a drop detector that is not after the
    /// previous one, e.g. week 14 after week 15, or the same week twice.
    ///
    /// Fix: merge all of a period's answers into one tally and push periods
    /// in increasing order; a late answer belongs in a restatement, not in
    /// the live statistic.
    #[error("period {period} is not after the previous period {previous}: push periods in increasing order")]
    #[non_exhaustive]
    PeriodOrder {
        /// The rejected period, as its `Debug` text.
        period: String,
        /// The last period accepted.
        previous: String,
    },
}

/// A number as a person reads it in a message: plain where that is short
/// (`30`, `0.05`, `-1`), in exponent form where plain would run to dozens
/// of digits (`1e200`, `1e-300`).
struct Shown(f64);

impl core::fmt::Display for Shown {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let a = self.0.abs();
        if a != 0.0 && a.is_finite() && !(1e-6..1e16).contains(&a) {
            write!(f, "{:e}", self.0)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

impl Error {
    /// `Ok(value)` when `value` lies in `range` (never for NaN); otherwise
    /// [`Error::InvalidArgument`] naming the value and, in words, the range.
    /// The one range check every float argument goes through.
    pub(crate) fn check_in(
        name: &'static str,
        value: f64,
        range: impl core::ops::RangeBounds<f64>,
        expected: &'static str,
    ) -> Result<f64, Self> {
        if range.contains(&value) {
            Ok(value)
        } else {
            Err(Self::InvalidArgument { name, value, expected })
        }
    }
}
