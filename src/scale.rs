//! Rating scales: `u8` newtypes that cannot hold an off-scale answer.

use core::fmt;
use core::str::FromStr;

use crate::Error;

pub(crate) mod sealed {
    /// Crate-private hooks behind [`Scale`](super::Scale); also what seals it.
    pub trait Sealed: Sized {
        /// Every rating on the scale, lowest first.
        fn all_ratings() -> impl DoubleEndedIterator<Item = Self> + ExactSizeIterator;
    }
}

/// A rating scale: a range of whole-number answers `MIN..=MAX`.
///
/// The trait is sealed: the scales are [`Likert5`], [`Likert7`] and
/// [`ZeroToTen`]. Code that works on any scale (a [`Tally`](crate::Tally), a
/// [`Response`](crate::Response), a mean) is generic over `S: Scale`, and the
/// type system keeps a 0–10 answer out of a 1–7 tally.
///
/// # Example
///
/// ```
/// use cxmetrics::{Likert7, Scale};
///
/// fn describe<S: Scale>() -> String {
///     format!("{} has {} points, {}..={}", S::NAME, S::POINTS, S::MIN, S::MAX)
/// }
/// assert_eq!(describe::<Likert7>(), "Likert7 has 7 points, 1..=7");
/// let seven = <Likert7 as Scale>::new(7)?;
/// assert_eq!(seven.get(), 7);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
pub trait Scale:
    sealed::Sealed
    + Copy
    + Eq
    + Ord
    + core::hash::Hash
    + fmt::Debug
    + fmt::Display
    + FromStr<Err = Error>
    + TryFrom<u8, Error = Error>
    + Into<u8>
    + Send
    + Sync
    + 'static
{
    /// Lowest valid rating.
    const MIN: u8;
    /// Highest valid rating.
    const MAX: u8;
    /// Number of points, `MAX - MIN + 1`.
    const POINTS: usize;
    /// The type's name, used in error messages.
    const NAME: &'static str;

    /// Validates a rating.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] when `value` is outside `MIN..=MAX`.
    fn new(value: u8) -> Result<Self, Error>;

    /// The rating as a plain integer.
    fn get(self) -> u8;
}

/// The one check every entry point (`new`, `TryFrom`, `FromStr`, serde) goes through.
fn check(value: u8, scale: &'static str, min: u8, max: u8) -> Result<u8, Error> {
    if value < min || value > max {
        Err(Error::OutOfRange { value, scale, min, max })
    } else {
        Ok(value)
    }
}

/// Reads a rating from text: optional surrounding whitespace, then ASCII
/// digits only. Signs, decimal points, hex prefixes and words are rejected,
/// so `"6.5"` can never be truncated to 6.
fn parse(input: &str, scale: &'static str, min: u8, max: u8) -> Result<u8, Error> {
    let err = || Error::Parse {
        input: input.to_owned(),
        scale,
        min,
        max,
    };
    let digits = input.trim();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err());
    }
    let value: u8 = digits.parse().map_err(|_| err())?;
    check(value, scale, min, max).map_err(|_| err())
}

macro_rules! scale_type {
    (
        $(#[$meta:meta])*
        $name:ident, $min:literal, $max:literal, example = $ex:literal, bad = $bad:literal
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(try_from = "u8", into = "u8"))]
        pub struct $name(u8);

        impl $name {
            /// Lowest valid rating.
            pub const MIN: u8 = $min;
            /// Highest valid rating.
            pub const MAX: u8 = $max;

            /// Validates a rating.
            ///
            /// # Errors
            ///
            #[doc = concat!("[`Error::OutOfRange`] for any value outside ", stringify!($min), "..=", stringify!($max), ", e.g. `", stringify!($bad), "`.")]
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use cxmetrics::", stringify!($name), ";")]
            ///
            #[doc = concat!("let r = ", stringify!($name), "::new(", stringify!($ex), ")?;")]
            #[doc = concat!("assert_eq!(r.get(), ", stringify!($ex), ");")]
            #[doc = concat!("assert!(", stringify!($name), "::new(", stringify!($bad), ").is_err());")]
            /// # Ok::<(), cxmetrics::Error>(())
            /// ```
            pub fn new(value: u8) -> Result<Self, Error> {
                check(value, stringify!($name), $min, $max).map(Self)
            }

            /// A rating known at compile time.
            ///
            /// # Panics
            ///
            /// When `value` is off the scale; in a `const` context that is a
            /// compile error.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use cxmetrics::", stringify!($name), ";")]
            ///
            #[doc = concat!("const TOP: ", stringify!($name), " = ", stringify!($name), "::constant(", stringify!($max), ");")]
            #[doc = concat!("assert_eq!(TOP.get(), ", stringify!($max), ");")]
            /// ```
            #[must_use]
            #[allow(unused_comparisons, reason = "MIN is 0 on the 0–10 scale")]
            pub const fn constant(value: u8) -> Self {
                assert!(value >= $min && value <= $max, "rating out of range");
                Self(value)
            }

            /// The rating as a plain integer.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use cxmetrics::", stringify!($name), ";")]
            ///
            #[doc = concat!("assert_eq!(", stringify!($name), "::constant(", stringify!($ex), ").get(), ", stringify!($ex), ");")]
            /// ```
            #[must_use]
            pub const fn get(self) -> u8 {
                self.0
            }

            /// Every rating on the scale, lowest first.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use cxmetrics::", stringify!($name), ";")]
            ///
            #[doc = concat!("let all: Vec<u8> = ", stringify!($name), "::all().map(|r| r.get()).collect();")]
            #[doc = concat!("assert_eq!(all, (", stringify!($min), "..=", stringify!($max), ").collect::<Vec<u8>>());")]
            /// ```
            #[must_use]
            pub fn all() -> impl DoubleEndedIterator<Item = Self> + ExactSizeIterator {
                ($min..=$max).map(Self)
            }
        }

        impl sealed::Sealed for $name {
            fn all_ratings() -> impl DoubleEndedIterator<Item = Self> + ExactSizeIterator {
                Self::all()
            }
        }

        impl Scale for $name {
            const MIN: u8 = $min;
            const MAX: u8 = $max;
            const POINTS: usize = ($max - $min + 1) as usize;
            const NAME: &'static str = stringify!($name);

            fn new(value: u8) -> Result<Self, Error> {
                $name::new(value)
            }

            fn get(self) -> u8 {
                self.0
            }
        }

        impl TryFrom<u8> for $name {
            type Error = Error;

            fn try_from(value: u8) -> Result<Self, Error> {
                Self::new(value)
            }
        }

        impl From<$name> for u8 {
            fn from(rating: $name) -> u8 {
                rating.0
            }
        }

        impl FromStr for $name {
            type Err = Error;

            fn from_str(s: &str) -> Result<Self, Error> {
                parse(s, stringify!($name), $min, $max).map(Self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self.0)
            }
        }
    };
}

scale_type! {
    /// A rating on a five-point scale, 1–5: CSAT ("very dissatisfied" …
    /// "very satisfied"), CES 1.0 effort, or a 1–5 ease question.
    ///
    /// What the points mean is not part of the scale: the metric definition
    /// ([`Csat`](crate::Csat), [`CesEffort`](crate::CesEffort),
    /// [`CesEase`](crate::CesEase)) says which end is good.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::Likert5;
    ///
    /// let r: Likert5 = " 4 ".parse()?;
    /// assert_eq!(r, Likert5::try_from(4)?);
    /// assert!("6".parse::<Likert5>().is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    Likert5, 1, 5, example = 4, bad = 0
}

scale_type! {
    /// A rating on a seven-point scale, 1–7: the CES 2.0 agreement question
    /// ("The company made it easy for me to handle my issue", 1 = strongly
    /// disagree … 7 = strongly agree).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::Likert7;
    ///
    /// let r: Likert7 = "7".parse()?;
    /// assert_eq!(u8::from(r), 7);
    /// assert!(Likert7::new(8).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    Likert7, 1, 7, example = 6, bad = 8
}

scale_type! {
    /// A rating on the eleven-point 0–10 scale of the NPS question ("How
    /// likely is it that you would recommend us to a friend or colleague?").
    ///
    /// [`ZeroToTen::category`] sorts a rating into detractor, passive or
    /// promoter.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{NpsCategory, ZeroToTen};
    ///
    /// let r: ZeroToTen = "9".parse()?;
    /// assert_eq!(r.category(), NpsCategory::Promoter);
    /// assert!("6.5".parse::<ZeroToTen>().is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    ZeroToTen, 0, 10, example = 9, bad = 11
}

impl Likert5 {
    /// The middle of the scale, 3.
    pub const NEUTRAL: Self = Self(3);
}

impl Likert7 {
    /// The middle of the scale, 4.
    pub const NEUTRAL: Self = Self(4);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_accepts_leading_zeros_and_whitespace() {
        assert_eq!(parse("\t007\n", "X", 0, 10), Ok(7));
    }

    #[test]
    fn parse_rejects_overlong_numbers() {
        assert!(parse("256", "X", 0, 10).is_err());
        assert!(parse("99999999999999999999", "X", 0, 10).is_err());
    }
}
