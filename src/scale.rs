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

/// A rating on any other contiguous integer scale from `MIN` to `MAX`: 2 to
/// 11 points starting at 0 or 1, such as CSAT on 1–3, 1–4, 1–7 or 1–10, CES
/// on 1–10, or an NPS-style question on 1–10. The named scales
/// ([`Likert5`], [`Likert7`], [`ZeroToTen`]) stay the types for the
/// standard questions; `Points` is for the rest, with the same validation
/// everywhere and the same bulk kernels.
///
/// Other parameters are a compile error when the type is used.
///
/// # Example
///
/// ```
/// use cxmetrics::{Csat, Points, RatingSet, Tally};
///
/// type OneToTen = Points<1, 10>;
/// let t = Tally::<OneToTen>::from_raw(&[10, 9, 7, 3, 8])?;
/// let top_two = RatingSet::range(OneToTen::new(9)?, OneToTen::new(10)?)?;
/// assert_eq!(Csat::new(top_two).score(&t)?.rounded(), 40);
/// assert!(OneToTen::new(0).is_err());
/// assert_eq!(OneToTen::new(11).unwrap_err().to_string(), "rating 11 is off the 1–10 scale");
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "u8", into = "u8"))]
pub struct Points<const MIN: u8, const MAX: u8>(u8);

/// The name of each `Points` scale, for serialized tallies and messages:
/// a `&'static str` per supported pair.
const fn points_name(min: u8, max: u8) -> &'static str {
    match (min, max) {
        (0, 1) => "Points<0, 1>",
        (0, 2) => "Points<0, 2>",
        (0, 3) => "Points<0, 3>",
        (0, 4) => "Points<0, 4>",
        (0, 5) => "Points<0, 5>",
        (0, 6) => "Points<0, 6>",
        (0, 7) => "Points<0, 7>",
        (0, 8) => "Points<0, 8>",
        (0, 9) => "Points<0, 9>",
        (0, 10) => "Points<0, 10>",
        (1, 2) => "Points<1, 2>",
        (1, 3) => "Points<1, 3>",
        (1, 4) => "Points<1, 4>",
        (1, 5) => "Points<1, 5>",
        (1, 6) => "Points<1, 6>",
        (1, 7) => "Points<1, 7>",
        (1, 8) => "Points<1, 8>",
        (1, 9) => "Points<1, 9>",
        (1, 10) => "Points<1, 10>",
        (1, 11) => "Points<1, 11>",
        _ => "",
    }
}

/// The scale named `name` (as `Scale::NAME` spells it) and its range: the
/// named scales and every supported `Points` scale.
#[cfg(feature = "serde")]
pub(crate) fn scale_named(name: &str) -> Option<(&'static str, u8, u8)> {
    let named = [
        (Likert5::NAME, Likert5::MIN, Likert5::MAX),
        (Likert7::NAME, Likert7::MIN, Likert7::MAX),
        (ZeroToTen::NAME, ZeroToTen::MIN, ZeroToTen::MAX),
    ];
    let points = (0..=1u8).flat_map(|min| (min + 1..=min + 10).map(move |max| (points_name(min, max), min, max)));
    named.into_iter().chain(points).find(|(n, ..)| *n == name)
}

impl<const MIN: u8, const MAX: u8> Points<MIN, MAX> {
    /// Refuses unsupported parameters at compile time: 2 to 11 points,
    /// starting at 0 or 1.
    const SUPPORTED: () = assert!(
        (MIN == 0 || MIN == 1) && MAX > MIN && MAX - MIN <= 10,
        "Points<MIN, MAX> takes 2 to 11 points starting at 0 or 1"
    );

    /// A rating on the scale.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] for a value outside `MIN..=MAX`, e.g. `0` on
    /// `Points<1, 4>`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::Points;
    ///
    /// assert_eq!(Points::<1, 4>::new(4)?.get(), 4);
    /// assert!(Points::<1, 4>::new(5).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn new(value: u8) -> Result<Self, Error> {
        let () = Self::SUPPORTED;
        check(value, points_name(MIN, MAX), MIN, MAX).map(Self)
    }

    /// A rating known at compile time.
    ///
    /// # Panics
    ///
    /// When `value` is off the scale: a compile error in a `const`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::Points;
    ///
    /// const TOP: Points<1, 3> = Points::constant(3);
    /// assert_eq!(TOP.get(), 3);
    /// ```
    #[must_use]
    pub const fn constant(value: u8) -> Self {
        let () = Self::SUPPORTED;
        assert!(value >= MIN && value <= MAX, "rating out of range");
        Self(value)
    }

    /// The rating.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::Points;
    ///
    /// assert_eq!(Points::<0, 5>::constant(2).get(), 2);
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
    /// use cxmetrics::Points;
    ///
    /// let all: Vec<u8> = Points::<1, 4>::all().map(|r| r.get()).collect();
    /// assert_eq!(all, [1, 2, 3, 4]);
    /// ```
    pub fn all() -> impl DoubleEndedIterator<Item = Self> + ExactSizeIterator {
        let () = Self::SUPPORTED;
        (MIN..=MAX).map(Self)
    }
}

impl<const MIN: u8, const MAX: u8> sealed::Sealed for Points<MIN, MAX> {
    fn all_ratings() -> impl DoubleEndedIterator<Item = Self> + ExactSizeIterator {
        Self::all()
    }
}

impl<const MIN: u8, const MAX: u8> Scale for Points<MIN, MAX> {
    const MIN: u8 = MIN;
    const MAX: u8 = MAX;
    const POINTS: usize = (MAX - MIN + 1) as usize;
    const NAME: &'static str = points_name(MIN, MAX);

    fn new(value: u8) -> Result<Self, Error> {
        Points::new(value)
    }

    fn get(self) -> u8 {
        self.0
    }
}

impl<const MIN: u8, const MAX: u8> TryFrom<u8> for Points<MIN, MAX> {
    type Error = Error;

    fn try_from(value: u8) -> Result<Self, Error> {
        Self::new(value)
    }
}

impl<const MIN: u8, const MAX: u8> From<Points<MIN, MAX>> for u8 {
    fn from(rating: Points<MIN, MAX>) -> u8 {
        rating.0
    }
}

impl<const MIN: u8, const MAX: u8> FromStr for Points<MIN, MAX> {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let () = Self::SUPPORTED;
        parse(s, points_name(MIN, MAX), MIN, MAX).map(Self)
    }
}

impl<const MIN: u8, const MAX: u8> fmt::Display for Points<MIN, MAX> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl<const MIN: u8, const MAX: u8> fmt::Debug for Points<MIN, MAX> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Points<{MIN}, {MAX}>({})", self.0)
    }
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
