//! `Mean`: the mean rating on any scale.

use crate::{Error, MeanScore, Metric, Sample, Scale};

/// The mean rating on any scale, with its standard deviation.
///
/// Use the metric's own definition where there is one
/// ([`Csat::mean`](crate::Csat::mean), [`CesEffort::score`](crate::CesEffort::score),
/// …) so the mean carries its metric and orientation; `Mean` is for other
/// rating questions, and assumes higher is better.
///
/// # Example
///
/// ```
/// use cxmetrics::{Likert7, Mean, Tally};
///
/// let t = Tally::<Likert7>::from_raw(&[6, 7, 5, 7])?;
/// assert!((Mean.score(&t)?.value() - 6.25).abs() < 1e-15);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Mean;

impl Mean {
    /// The mean of a tally.
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] for an empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, Mean, Tally};
    ///
    /// assert!(Mean.score(&Tally::<Likert5>::new()).is_err());
    /// ```
    pub fn score<S: Scale>(&self, tally: &impl Sample<S>) -> Result<MeanScore, Error> {
        super::mean(tally, Metric::Mean)
    }
}
