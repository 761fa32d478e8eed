//! `WeightedTally<S>`: per-point sums of survey weights and squared weights.

use core::fmt;
use core::marker::PhantomData;

use super::MAX_POINTS;
use crate::response::check_weight;
use crate::{Error, Response, Scale, Tally};

/// Survey-weighted counts per scale point: `Σw`, `Σw²` and the number of
/// answers with a non-zero weight.
///
/// These are sufficient for weighted shares, net scores and means, Kish's
/// effective sample size `n_eff = (Σw)²/Σw²` and the linearised variance.
/// Weights must be finite and `>= 0`; a weight of 0 drops the answer. All
/// weights zero is an empty sample.
///
/// Sums of floating-point weights merge associatively only up to rounding
/// (about 1e-16 relative per merge); counts stay exact.
///
/// # Example
///
/// ```
/// use cxmetrics::{Csat, Likert5, WeightedTally};
///
/// let mut t = WeightedTally::<Likert5>::new();
/// for (r, w) in [(5, 1.2), (4, 0.8), (2, 2.5), (5, 1.0), (3, 0.5), (4, 1.5), (1, 3.0), (5, 0.7), (4, 1.1), (4, 0.9)] {
///     t.add(Likert5::new(r)?, w)?;
/// }
/// let share = Csat::default().score(&t)?;
/// assert!((share.value() - 0.5454545454545455).abs() < 1e-12);
/// assert!((share.n_eff() - 7.465295629820051).abs() < 1e-12);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
///
/// # Serialization
///
/// With the `serde` feature a weighted tally is written as
/// `{"scale", "sum_w", "sum_w2", "answers"}`, each sum in the shortest
/// decimal that denotes it exactly, and validated when read (no negative,
/// non-finite or impossible sums). Reading it back bit for bit needs a
/// correctly rounding float parser: `serde_json`'s default parser may land
/// one ulp away, so enable its `float_roundtrip` feature where a weighted
/// tally must survive JSON exactly, as this crate's own tests do.
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use cxmetrics::{Likert5, WeightedTally};
///
/// let mut t = WeightedTally::<Likert5>::new();
/// t.add(Likert5::new(5)?, 0.1)?;
/// t.add(Likert5::new(5)?, 0.7)?;
/// let json = serde_json::to_string(&t).expect("serializes");
/// assert!(json.contains(r#""sum_w":[0.0,0.0,0.0,0.0,0.7999999999999999]"#));
/// // Exact with serde_json's `float_roundtrip` feature (as here).
/// assert_eq!(serde_json::from_str::<WeightedTally<Likert5>>(&json).expect("valid"), t);
/// # }
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, PartialEq)]
pub struct WeightedTally<S: Scale> {
    pub(crate) sum_w: [f64; MAX_POINTS],
    pub(crate) sum_w2: [f64; MAX_POINTS],
    pub(crate) rows: [u64; MAX_POINTS],
    pub(crate) scale: PhantomData<fn() -> S>,
}

impl<S: Scale> WeightedTally<S> {
    /// An empty weighted tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, WeightedTally};
    ///
    /// assert_eq!(WeightedTally::<Likert5>::new().total_weight(), 0.0);
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        Self {
            sum_w: [0.0; MAX_POINTS],
            sum_w2: [0.0; MAX_POINTS],
            rows: [0; MAX_POINTS],
            scale: PhantomData,
        }
    }

    /// Adds one answer with its weight.
    ///
    /// # Errors
    ///
    /// - [`Error::InvalidWeight`] for a negative, NaN or infinite weight,
    ///   e.g. `-1.0`; the tally is then unchanged;
    /// - [`Error::CountOverflow`] past `u64::MAX` answers at one point.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, WeightedTally};
    ///
    /// let mut t = WeightedTally::new();
    /// t.add(Likert5::new(5)?, 2.0)?;
    /// t.add(Likert5::new(4)?, 0.0)?; // weight 0: not counted
    /// assert_eq!((t.total_weight(), t.answers()), (2.0, 1));
    /// assert!(t.add(Likert5::new(4)?, -1.0).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn add(&mut self, rating: S, weight: f64) -> Result<(), Error> {
        let w = check_weight(weight)?;
        if w > 0.0 {
            let i = usize::from(rating.get() - S::MIN);
            self.rows[i] = self.rows[i]
                .checked_add(1)
                .ok_or(Error::CountOverflow { rating: rating.get() })?;
            self.sum_w[i] += w;
            self.sum_w2[i] += w * w;
        }
        Ok(())
    }

    /// Adds another weighted tally.
    ///
    /// # Errors
    ///
    /// [`Error::CountOverflow`] past `u64::MAX` answers at one point; the
    /// tally is then unchanged.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, WeightedTally};
    ///
    /// let (mut a, mut b) = (WeightedTally::new(), WeightedTally::new());
    /// a.add(Likert5::new(5)?, 1.5)?;
    /// b.add(Likert5::new(1)?, 0.5)?;
    /// a.merge(&b)?;
    /// assert_eq!(a.total_weight(), 2.0);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn merge(&mut self, other: &Self) -> Result<(), Error> {
        let mut rows = self.rows;
        for (i, (r, &o)) in rows.iter_mut().zip(&other.rows).enumerate() {
            *r = r.checked_add(o).ok_or(Error::CountOverflow {
                rating: S::MIN + i as u8,
            })?;
        }
        self.rows = rows;
        for i in 0..MAX_POINTS {
            self.sum_w[i] += other.sum_w[i];
            self.sum_w2[i] += other.sum_w2[i];
        }
        Ok(())
    }

    /// `Σw` over all answers.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert7, WeightedTally};
    ///
    /// let mut t = WeightedTally::new();
    /// t.add(Likert7::new(7)?, 0.25)?;
    /// assert_eq!(t.total_weight(), 0.25);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn total_weight(&self) -> f64 {
        self.sum_w.iter().sum()
    }

    /// The number of answers with a non-zero weight.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert7, WeightedTally};
    ///
    /// let mut t = WeightedTally::new();
    /// t.add(Likert7::new(7)?, 0.25)?;
    /// assert_eq!(t.answers(), 1);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn answers(&self) -> u64 {
        self.rows.iter().sum()
    }

    /// Kish's effective sample size `(Σw)²/Σw²`; `None` when all weights are 0.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert7, WeightedTally};
    ///
    /// let mut t = WeightedTally::new();
    /// t.add(Likert7::new(7)?, 1.0)?;
    /// t.add(Likert7::new(6)?, 3.0)?;
    /// assert_eq!(t.n_eff(), Some(1.6)); // 4² / (1 + 9)
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn n_eff(&self) -> Option<f64> {
        let w2: f64 = self.sum_w2.iter().sum();
        (w2 > 0.0).then(|| self.total_weight().powi(2) / w2)
    }

    /// A weighted tally from its per-point sums, lowest point first: `Σw`,
    /// `Σw²` and the number of answers with a non-zero weight. With the
    /// accessors [`sum_weights`](Self::sum_weights),
    /// [`sum_squared_weights`](Self::sum_squared_weights) and
    /// [`answer_counts`](Self::answer_counts), an engine can ship weighted
    /// state as plain arrays.
    ///
    /// # Errors
    ///
    /// - [`Error::InvalidArgument`] when a slice does not have exactly
    ///   `S::POINTS` entries; when a point has answers but `Σw = 0`, or
    ///   `Σw` or `Σw²` but no answers; or when `Σw²` lies outside what `n` positive
    ///   weights summing to `Σw` allow, `(Σw)²/n ≤ Σw² ≤ (Σw)²` (checked with
    ///   a relative tolerance of 1e-9 for rounding), e.g. `Σw = 2`, `Σw² = 5`
    ///   for one answer; or when the mean weight `Σw/n` lies outside
    ///   1e-140..=1e140, where every weight must lie (with the same 1e-9
    ///   relative tolerance), e.g. `Σw = 1e150` for one answer;
    /// - [`Error::InvalidArgument`] for a negative, NaN or infinite sum, or
    ///   answers that add up past `u64::MAX`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, WeightedTally};
    ///
    /// let mut t = WeightedTally::<Likert5>::new();
    /// t.add(Likert5::new(5)?, 1.5)?;
    /// t.add(Likert5::new(5)?, 0.5)?;
    /// t.add(Likert5::new(2)?, 2.0)?;
    /// let shipped = (t.sum_weights().to_vec(), t.sum_squared_weights().to_vec(), t.answer_counts().to_vec());
    /// assert_eq!(shipped.0, [0.0, 2.0, 0.0, 0.0, 2.0]);
    /// let back = WeightedTally::<Likert5>::from_sums(&shipped.0, &shipped.1, &shipped.2)?;
    /// assert_eq!(back, t);
    ///
    /// let err = WeightedTally::<Likert5>::from_sums(&[0.0; 5], &[0.0; 5], &[0, 0, 0, 0, 1]).unwrap_err();
    /// assert_eq!(err.to_string(), "sum of weights 0 is out of range: expected 0 exactly at points without answers");
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn from_sums(sum_w: &[f64], sum_w2: &[f64], answers: &[u64]) -> Result<Self, Error> {
        for len in [sum_w.len(), sum_w2.len(), answers.len()] {
            if len != S::POINTS {
                return Err(Error::InvalidArgument {
                    name: "number of per-point sums",
                    value: len as f64,
                    expected: "one entry per scale point",
                });
            }
        }
        // The per-point answers must have a total: `answers()` sums them.
        answers
            .iter()
            .try_fold(0u64, |total, &n| total.checked_add(n))
            .ok_or(Error::InvalidArgument {
                name: "total number of answers",
                value: answers.iter().map(|&n| n as f64).sum(),
                expected: "at most 18446744073709551615 in all",
            })?;
        // Sums of weights go past the largest single weight; they only need
        // to be finite and not negative.
        let sum = |value: f64| Error::check_in("sum of weights", value, 0.0..f64::INFINITY, "a finite value >= 0");
        let mut t = Self::new();
        for i in 0..S::POINTS {
            let (w, w2, n) = (sum(sum_w[i])?, sum(sum_w2[i])?, answers[i]);
            if (n == 0) != (w == 0.0) {
                return Err(Error::InvalidArgument {
                    name: "sum of weights",
                    value: w,
                    expected: "0 exactly at points without answers",
                });
            }
            if n == 0 && w2 != 0.0 {
                return Err(Error::InvalidArgument {
                    name: "sum of squared weights",
                    value: w2,
                    expected: "0 exactly at points without answers",
                });
            }
            if n > 0 {
                // n positive weights summing to w: w²/n <= Σw² <= w², with
                // 1e-9·w² for rounding; compared divided by w, as w² is
                // infinite past w = 1.3e154 and then let anything through.
                let (ratio, mean) = (w2 / w, w / n as f64);
                if ratio < mean - 1e-9 * w || ratio > w + 1e-9 * w {
                    return Err(Error::InvalidArgument {
                        name: "sum of squared weights",
                        value: w2,
                        expected: "between (Σw)²/n and (Σw)² for n answers",
                    });
                }
                // Every weight lies in 1e-140..=1e140, so their mean does.
                let (lo, hi) = crate::response::WEIGHT_RANGE;
                if mean < lo * (1.0 - 1e-9) || mean > hi * (1.0 + 1e-9) {
                    return Err(Error::InvalidArgument {
                        name: "mean weight",
                        value: mean,
                        expected: "between 1e-140 and 1e140, as every weight is",
                    });
                }
            }
            t.sum_w[i] = w;
            t.sum_w2[i] = w2;
            t.rows[i] = n;
        }
        Ok(t)
    }

    /// `Σw` per scale point, lowest first.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, WeightedTally};
    ///
    /// let mut t = WeightedTally::new();
    /// t.add(Likert5::new(4)?, 0.5)?;
    /// t.add(Likert5::new(4)?, 2.0)?;
    /// assert_eq!(t.sum_weights(), &[0.0, 0.0, 0.0, 2.5, 0.0]);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn sum_weights(&self) -> &[f64] {
        &self.sum_w[..S::POINTS]
    }

    /// `Σw²` per scale point, lowest first.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, WeightedTally};
    ///
    /// let mut t = WeightedTally::new();
    /// t.add(Likert5::new(4)?, 0.5)?;
    /// t.add(Likert5::new(4)?, 2.0)?;
    /// assert_eq!(t.sum_squared_weights(), &[0.0, 0.0, 0.0, 4.25, 0.0]);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn sum_squared_weights(&self) -> &[f64] {
        &self.sum_w2[..S::POINTS]
    }

    /// The number of answers with a non-zero weight per scale point, lowest
    /// first.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, WeightedTally};
    ///
    /// let mut t = WeightedTally::new();
    /// t.add(Likert5::new(4)?, 0.5)?;
    /// t.add(Likert5::new(1)?, 0.0)?; // weight 0: not an answer here
    /// assert_eq!(t.answer_counts(), &[0, 0, 0, 1, 0]);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn answer_counts(&self) -> &[u64] {
        &self.rows[..S::POINTS]
    }

    /// `(rating, Σw, Σw², answers)` per scale point, lowest first.
    pub(crate) fn points(&self) -> impl Iterator<Item = (u8, f64, f64, u64)> + '_ {
        (0..S::POINTS).map(|i| (S::MIN + i as u8, self.sum_w[i], self.sum_w2[i], self.rows[i]))
    }
}

impl<S: Scale> Default for WeightedTally<S> {
    fn default() -> Self {
        Self::new()
    }
}

impl<S: Scale> fmt::Debug for WeightedTally<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WeightedTally")
            .field("scale", &S::NAME)
            .field("sum_w", &&self.sum_w[..S::POINTS])
            .field("sum_w2", &&self.sum_w2[..S::POINTS])
            .field("answers", &&self.rows[..S::POINTS])
            .finish()
    }
}

/// Every answer with weight 1.
impl<S: Scale> From<&Tally<S>> for WeightedTally<S> {
    fn from(tally: &Tally<S>) -> Self {
        let mut w = Self::new();
        for (i, &c) in tally.counts().iter().enumerate() {
            w.rows[i] = c;
            w.sum_w[i] = c as f64;
            w.sum_w2[i] = c as f64;
        }
        w
    }
}

/// Adds each response with its weight (1 when it has none). Response
/// weights are validated when set, so this cannot fail.
///
/// # Panics
///
/// Only past `u64::MAX` answers at one point.
impl<'a, S: Scale> Extend<&'a Response<S>> for WeightedTally<S> {
    fn extend<I: IntoIterator<Item = &'a Response<S>>>(&mut self, iter: I) {
        for r in iter {
            self.add(r.rating(), r.weight().unwrap_or(1.0))
                .expect("more than u64::MAX answers at one point");
        }
    }
}

/// Collects responses with their weights; see the `Extend` impl.
///
/// # Example
///
/// ```
/// use chrono::DateTime;
/// use cxmetrics::{Likert5, Response, WeightedTally};
///
/// let at = DateTime::from_timestamp(0, 0).unwrap();
/// let answers = [
///     Response::new(Likert5::new(5)?, at).with_weight(2.0)?,
///     Response::new(Likert5::new(1)?, at), // no weight: counts as 1
/// ];
/// let mut t: WeightedTally<Likert5> = answers.iter().collect();
/// assert_eq!((t.answers(), t.total_weight()), (2, 3.0));
/// t.extend(&answers[..1]);
/// assert_eq!(t.sum_weights(), &[1.0, 0.0, 0.0, 0.0, 4.0]);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
impl<'a, S: Scale> FromIterator<&'a Response<S>> for WeightedTally<S> {
    fn from_iter<I: IntoIterator<Item = &'a Response<S>>>(iter: I) -> Self {
        let mut t = Self::new();
        t.extend(iter);
        t
    }
}
