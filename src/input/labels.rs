//! `Labels<S>`: answer texts mapped to the points of a scale.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use super::fold;
use crate::{Error, Likert5, Likert7, Scale};

/// Answer texts mapped to the points of a scale, matched ignoring case,
/// spaces and punctuation (`"very  SATISFIED"` matches `"Very satisfied"`).
///
/// The standard English anchors come built in — [`Labels::csat`],
/// [`Labels::agreement`] (1–7 and 1–5), [`Labels::effort`] (CES 1.0) and
/// [`Labels::ease`] — and [`Labels::new`] takes any map, for other wordings
/// and languages. Several texts may name one point (`"Neutral"` and
/// `"Neither satisfied nor dissatisfied"`).
///
/// # Example
///
/// ```
/// use cxmetrics::input::Labels;
/// use cxmetrics::Likert5;
///
/// let csat = Labels::csat();
/// assert_eq!(csat.parse(" very SATISFIED ")?, Likert5::new(5)?);
/// let err = csat.parse("Meh").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "unknown answer \"Meh\": expected one of Very dissatisfied, Dissatisfied, Neutral, \
///      Neither satisfied nor dissatisfied, Satisfied, Very satisfied"
/// );
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Labels<S: Scale> {
    /// `(folded, as given, point)`, in the order given.
    entries: Vec<(String, String, S)>,
}

impl<S: Scale> Labels<S> {
    /// A custom map of answer texts to ratings.
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateLabel`] when two texts match each other after
    /// folding (`"Agree"` and `"agree "`) but name different points;
    /// [`Error::EmptyLabel`] for a text with no letter or digit (`"--"`).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::input::Labels;
    /// use cxmetrics::Likert5;
    ///
    /// let german = Labels::new([
    ///     ("sehr unzufrieden", Likert5::new(1)?),
    ///     ("unzufrieden", Likert5::new(2)?),
    ///     ("neutral", Likert5::new(3)?),
    ///     ("zufrieden", Likert5::new(4)?),
    ///     ("sehr zufrieden", Likert5::new(5)?),
    /// ])?;
    /// assert_eq!(german.parse("Sehr zufrieden")?, Likert5::new(5)?);
    /// assert!(Labels::new([("Gut", Likert5::new(4)?), ("gut", Likert5::new(5)?)]).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn new<T: AsRef<str>>(labels: impl IntoIterator<Item = (T, S)>) -> Result<Self, Error> {
        let mut entries: Vec<(String, String, S)> = Vec::new();
        for (text, point) in labels {
            let text = text.as_ref();
            let folded = fold(text);
            if folded.is_empty() {
                return Err(Error::EmptyLabel { input: text.to_owned() });
            }
            match entries.iter().find(|(f, ..)| *f == folded) {
                Some((_, first, p)) if *p != point => {
                    return Err(Error::DuplicateLabel {
                        first: first.clone(),
                        second: text.to_owned(),
                    });
                }
                Some(_) => {}
                None => entries.push((folded, text.trim().to_owned(), point)),
            }
        }
        Ok(Self { entries })
    }

    /// The point `text` names.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownLabel`] for text that matches no label; the message
    /// lists the accepted labels.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::input::Labels;
    /// use cxmetrics::Likert7;
    ///
    /// assert_eq!(Labels::agreement().parse("strongly agree")?, Likert7::new(7)?);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn parse(&self, text: &str) -> Result<S, Error> {
        let folded = fold(text);
        self.entries
            .iter()
            .find(|(f, ..)| *f == folded)
            .map(|&(.., point)| point)
            .ok_or_else(|| Error::UnknownLabel {
                input: text.to_owned(),
                accepted: self.accepted(),
            })
    }

    /// The labels with their points, in the order given.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::input::Labels;
    ///
    /// let first = Labels::ease().iter().next().map(|(text, point)| (text.to_owned(), point.get()));
    /// assert_eq!(first, Some(("Very difficult".to_owned(), 1)));
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&str, S)> + '_ {
        self.entries.iter().map(|(_, text, point)| (text.as_str(), *point))
    }

    fn accepted(&self) -> String {
        self.entries
            .iter()
            .map(|(_, text, _)| text.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A built-in map: the anchors are fixed and distinct, so it cannot fail.
    fn anchors(labels: &[(&str, u8)]) -> Self {
        let entries = labels
            .iter()
            .filter_map(|&(text, point)| Some((fold(text), text.to_owned(), S::new(point).ok()?)))
            .collect();
        Self { entries }
    }
}

impl Labels<Likert5> {
    /// CSAT, 1–5: Very dissatisfied, Dissatisfied, Neutral (or Neither
    /// satisfied nor dissatisfied), Satisfied, Very satisfied.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::input::Labels;
    ///
    /// assert_eq!(Labels::csat().parse("Neither satisfied nor dissatisfied")?.get(), 3);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn csat() -> Self {
        Self::anchors(&[
            ("Very dissatisfied", 1),
            ("Dissatisfied", 2),
            ("Neutral", 3),
            ("Neither satisfied nor dissatisfied", 3),
            ("Satisfied", 4),
            ("Very satisfied", 5),
        ])
    }

    /// CES 1.0 effort, 1–5 ("How much effort did you personally have to
    /// put forth?"): Very low effort … Very high effort. Lower is better.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::input::Labels;
    ///
    /// assert_eq!(Labels::effort().parse("Very high effort")?.get(), 5);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn effort() -> Self {
        Self::anchors(&[
            ("Very low effort", 1),
            ("Low effort", 2),
            ("Moderate effort", 3),
            ("Neither low nor high effort", 3),
            ("High effort", 4),
            ("Very high effort", 5),
        ])
    }

    /// Ease, 1–5: Very difficult, Difficult, Neither easy nor difficult
    /// (or Neutral), Easy, Very easy.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::input::Labels;
    ///
    /// assert_eq!(Labels::ease().parse("easy")?.get(), 4);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn ease() -> Self {
        Self::anchors(&[
            ("Very difficult", 1),
            ("Difficult", 2),
            ("Neither easy nor difficult", 3),
            ("Neutral", 3),
            ("Easy", 4),
            ("Very easy", 5),
        ])
    }

    /// Agreement, 1–5: Strongly disagree, Disagree, Neither agree nor
    /// disagree (or Neutral), Agree, Strongly agree.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::input::Labels;
    ///
    /// assert_eq!(Labels::agreement_five().parse("Agree")?.get(), 4);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn agreement_five() -> Self {
        Self::anchors(&[
            ("Strongly disagree", 1),
            ("Disagree", 2),
            ("Neither agree nor disagree", 3),
            ("Neutral", 3),
            ("Agree", 4),
            ("Strongly agree", 5),
        ])
    }
}

impl Labels<Likert7> {
    /// Agreement, 1–7, the CES 2.0 anchors: Strongly disagree, Disagree,
    /// Somewhat disagree, Neither agree nor disagree (or Neutral), Somewhat
    /// agree, Agree, Strongly agree.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::input::Labels;
    ///
    /// assert_eq!(Labels::agreement().parse("Somewhat disagree")?.get(), 3);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn agreement() -> Self {
        Self::anchors(&[
            ("Strongly disagree", 1),
            ("Disagree", 2),
            ("Somewhat disagree", 3),
            ("Neither agree nor disagree", 4),
            ("Neutral", 4),
            ("Somewhat agree", 5),
            ("Agree", 6),
            ("Strongly agree", 7),
        ])
    }
}

impl<S: Scale> fmt::Debug for Labels<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter().map(|(t, p)| (t, p.get()))).finish()
    }
}
