//! Inference for means: the t interval, the one-sample t test and Welch's
//! test for two independent means (METHODS.md §5).

use super::interval::{ConfidenceLevel, Difference, Interval, IntervalMethod, Test, TestMethod};
use super::{ratio, t_critical};
use crate::{Error, MeanScore, VarianceMethod};

impl MeanScore {
    /// The standard error of the mean and its degrees of freedom:
    /// `s/√n` with `n − 1` (weighted, Kish: `√(σ̂²_w/(n_eff − 1))` with
    /// `n_eff − 1`; linearised: the Taylor SE with `n − 1`). `None` when
    /// `n = 1` (or `n_eff ≤ 1`).
    fn se_df(&self) -> Option<(f64, f64)> {
        if self.n() < 2 {
            return None;
        }
        let (sigma2, n_eff) = self.plug_in();
        match self.variance_method() {
            VarianceMethod::Linearized => {
                let v = self.spread.lin_var?;
                Some((v.sqrt(), (self.n() - 1) as f64))
            }
            VarianceMethod::Kish => (n_eff > 1.0).then(|| ((sigma2 / (n_eff - 1.0)).sqrt(), n_eff - 1.0)),
        }
    }

    /// The standard error of the mean; `None` when `n = 1`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, Mean, Tally};
    ///
    /// let m = Mean::score(&Tally::<Likert5>::from_raw(&[5, 4, 4, 3, 5, 5, 2, 4, 4, 5, 3, 4, 1, 5, 4])?)?;
    /// assert!((m.standard_error().unwrap() - 0.3065424178939254).abs() < 1e-12);
    /// assert_eq!(Mean::score(&Tally::<Likert5>::from_raw(&[4])?)?.standard_error(), None);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn standard_error(&self) -> Option<f64> {
        self.se_df().map(|(se, _)| se)
    }

    /// The t interval `x̄ ± t_{1−α/2, n−1}·s/√n`; `None` when `n = 1`, a
    /// single point when every answer is the same.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{ConfidenceLevel, Likert5, Mean, Tally};
    ///
    /// let m = Mean::score(&Tally::<Likert5>::from_raw(&[5, 4, 4, 3, 5, 5, 2, 4, 4, 5, 3, 4, 1, 5, 4])?)?;
    /// let i = m.interval(ConfidenceLevel::P95).unwrap();
    /// assert!((i.lower() - 3.209198569485639).abs() < 1e-9);
    /// assert!((i.upper() - 4.5241347638476945).abs() < 1e-9);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel) -> Option<Interval> {
        let (se, df) = self.se_df()?;
        let half = if se > 0.0 {
            t_critical(df, level.alpha()) * se
        } else {
            0.0
        };
        let m = self.mean();
        Some(Interval::new(m, m - half, m + half, level, IntervalMethod::StudentT))
    }

    /// The one-sample t test against a benchmark mean `mu0`.
    ///
    /// The statistic is `None` when `n = 1` or every answer is the same.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] when `mu0` lies outside the scale, e.g.
    /// `6.1` for a 1–5 mean (probably a 1–7 benchmark), or is not finite.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{Likert5, Mean, Tally};
    ///
    /// let m = Mean::score(&Tally::<Likert5>::from_raw(&[5, 4, 4, 3, 5, 5, 2, 4, 4, 5, 3, 4, 1, 5, 4])?)?;
    /// let t = m.test(4.0)?;
    /// assert!((t.p_value().unwrap() - 0.6702223277502998).abs() < 1e-9);
    /// assert!(m.test(6.1).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn test(&self, mu0: f64) -> Result<Test, Error> {
        let (min, max) = self.scale_range();
        if !(mu0 >= min && mu0 <= max) {
            return Err(Error::InvalidArgument {
                name: "benchmark mean",
                value: mu0,
                expected: "a value on the estimate's scale (MIN..=MAX)",
            });
        }
        Ok(match self.se_df() {
            Some((se, df)) => Test::t(ratio(self.mean() - mu0, se), Some(df), TestMethod::StudentT),
            None => Test::t(None, None, TestMethod::StudentT),
        })
    }

    /// Welch's comparison of two independent means, `self − other`:
    /// `SE = √(s²_a/n_a + s²_b/n_b)`, Welch–Satterthwaite degrees of freedom,
    /// `t = (x̄_a − x̄_b)/SE` and `(x̄_a − x̄_b) ± t_{1−α/2, df}·SE` (Welch
    /// 1947). Never the pooled-variance t test.
    ///
    /// `Ok(None)` when it is undefined: a side with one answer, or no
    /// spread on either side.
    ///
    /// # Errors
    ///
    /// [`Error::Mismatch`] when the means measure different things: a CES
    /// 1.0 effort mean and a CES 2.0 mean, or a 1–5 and a 1–7 mean.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::{CesAgreement, ConfidenceLevel, Likert7, Tally};
    ///
    /// let a = CesAgreement::default().mean(&Tally::<Likert7>::from_raw(&[6, 7, 5, 7, 6, 4, 7, 6, 5, 7, 6, 6])?)?;
    /// let b = CesAgreement::default().mean(&Tally::<Likert7>::from_raw(&[5, 4, 6, 3, 5, 4, 7, 2, 5, 4, 6, 5, 3, 4, 5, 6, 4, 5])?)?;
    /// let d = a.difference(&b, ConfidenceLevel::P95)?.unwrap();
    /// assert!((d.test().df().unwrap() - 27.34061872994769).abs() < 1e-9);
    /// assert!((d.test().p_value().unwrap() - 0.001813517631926259).abs() < 1e-9);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn difference(&self, other: &Self, level: ConfidenceLevel) -> Result<Option<Difference>, Error> {
        self.label().check_comparable(other.label())?;
        let (Some((se_a, df_a)), Some((se_b, df_b))) = (self.se_df(), other.se_df()) else {
            return Ok(None);
        };
        let (va, vb) = (se_a * se_a, se_b * se_b);
        let se = (va + vb).sqrt();
        if se <= 0.0 {
            return Ok(None);
        }
        let df = (va + vb).powi(2) / (va * va / df_a + vb * vb / df_b);
        let d = self.mean() - other.mean();
        let half = t_critical(df, level.alpha()) * se;
        let interval = Interval::new(d, d - half, d + half, level, IntervalMethod::Welch);
        Ok(Some(Difference::new(
            d,
            interval,
            Test::t(Some(d / se), Some(df), TestMethod::Welch),
        )))
    }

    fn scale_range(&self) -> (f64, f64) {
        (f64::from(self.label().min), f64::from(self.label().max))
    }
}
