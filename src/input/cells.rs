//! `Cells`: a text cell read as an answer or as "not answered".

use super::Labels;
use crate::{Error, Scale};

/// How to read one text cell of an export as an answer on a scale.
///
/// A cell that is blank, `NA`, `N/A`, `null` or `NaN` (ignoring case and
/// surrounding spaces) is **not answered**: `Ok(None)`, never counted in
/// `n`. Anything else must be a rating on the scale. By default a rating
/// is a whole number (`"7"`, `" 7 "`); with
/// [`Cells::integral_decimals`] the decimals spreadsheets and pandas write
/// for integer columns with blanks (`"7.0"`) are accepted too, while
/// `"6.5"` stays an error.
///
/// # Example
///
/// ```
/// use cxmetrics::input::Cells;
/// use cxmetrics::ZeroToTen;
///
/// let strict = Cells::new();
/// assert_eq!(strict.parse::<ZeroToTen>(" 9 ")?, Some(ZeroToTen::new(9)?));
/// assert_eq!(strict.parse::<ZeroToTen>("N/A")?, None);
/// assert!(strict.parse::<ZeroToTen>("7.0").is_err());
/// let pandas = Cells::new().integral_decimals(true);
/// assert_eq!(pandas.parse::<ZeroToTen>("7.0")?, Some(ZeroToTen::new(7)?));
/// assert!(pandas.parse::<ZeroToTen>("6.5").is_err());
/// assert!(pandas.parse::<ZeroToTen>("11").is_err());
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Cells {
    integral_decimals: bool,
}

/// The texts that mean "not answered", folded to lowercase.
const MISSING: [&str; 5] = ["", "na", "n/a", "null", "nan"];

impl Cells {
    /// Whole numbers only; blank, `NA`, `N/A`, `null`, `NaN` are missing.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::input::Cells;
    /// use cxmetrics::Likert5;
    ///
    /// assert_eq!(Cells::new().parse::<Likert5>("")?, None);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        Self {
            integral_decimals: false,
        }
    }

    /// Also accept integral decimals such as `"7.0"` or `"7.00"`: what a
    /// spreadsheet or pandas writes for an integer column that has blanks.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::input::Cells;
    /// use cxmetrics::Likert7;
    ///
    /// assert_eq!(Cells::new().integral_decimals(true).parse::<Likert7>("6.00")?, Some(Likert7::new(6)?));
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn integral_decimals(self, accept: bool) -> Self {
        Self {
            integral_decimals: accept,
        }
    }

    /// Reads a cell: `Ok(None)` when not answered, `Ok(Some(rating))` for a
    /// rating on `S`.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] for text that is not a whole number (`"6.5"`,
    /// `"seven"`, `"+7"`; `"7.0"` unless integral decimals are accepted);
    /// [`Error::OutOfRange`] for a number off the scale (`"11"` on 0–10).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::input::Cells;
    /// use cxmetrics::ZeroToTen;
    ///
    /// let err = Cells::new().parse::<ZeroToTen>("6.5").unwrap_err();
    /// assert!(err.to_string().starts_with("invalid answer \"6.5\""));
    /// ```
    pub fn parse<S: Scale>(&self, cell: &str) -> Result<Option<S>, Error> {
        let text = cell.trim();
        if MISSING.iter().any(|m| text.eq_ignore_ascii_case(m)) {
            return Ok(None);
        }
        let whole = match text.split_once('.') {
            Some((int, frac)) if self.integral_decimals && !int.is_empty() && frac.bytes().all(|b| b == b'0') => int,
            _ => text,
        };
        match whole.parse::<S>() {
            Ok(rating) => Ok(Some(rating)),
            // Report the cell as given, not the part that was parsed.
            Err(Error::Parse { scale, min, max, .. }) => Err(Error::Parse {
                input: cell.to_owned(),
                scale,
                min,
                max,
            }),
            Err(other) => Err(other),
        }
    }

    /// Reads a cell that holds either a rating or one of `labels`'
    /// answer texts (exports often mix both).
    ///
    /// # Errors
    ///
    /// As [`Cells::parse`] for numbers; [`Error::UnknownLabel`] for text
    /// that is neither a number nor a label, naming the accepted labels.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::input::{Cells, Labels};
    /// use cxmetrics::Likert7;
    ///
    /// let labels = Labels::agreement();
    /// let cells = Cells::new();
    /// assert_eq!(cells.parse_or_label::<Likert7>("Somewhat agree", &labels)?, Some(Likert7::new(5)?));
    /// assert_eq!(cells.parse_or_label::<Likert7>("6", &labels)?, Some(Likert7::new(6)?));
    /// assert_eq!(cells.parse_or_label::<Likert7>("n/a", &labels)?, None);
    /// assert!(cells.parse_or_label::<Likert7>("Kinda agree", &labels).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn parse_or_label<S: Scale>(&self, cell: &str, labels: &Labels<S>) -> Result<Option<S>, Error> {
        let looks_numeric = cell
            .trim()
            .starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+');
        match self.parse::<S>(cell) {
            Ok(answer) => Ok(answer),
            Err(e) if looks_numeric => Err(e),
            Err(_) => labels.parse(cell).map(Some),
        }
    }
}
