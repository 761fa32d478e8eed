//! Multiplicity adjustment of p-values (METHODS.md §8).

use crate::Error;

/// How to adjust p-values when many tests are run at once (segments,
/// regions, agents, competitors).
///
/// Adjusted p-values come back in input order. Adjusting p-values does not
/// widen intervals: for simultaneous intervals use a Bonferroni level
/// `1 − α/m`.
///
/// # Example
///
/// ```
/// use cxmetrics::inference::Adjustment;
///
/// let p = [0.01, 0.04, 0.03];
/// let holm = Adjustment::Holm.adjust(&p)?;
/// assert!((holm[0] - 0.03).abs() < 1e-15);
/// assert!((holm[1] - 0.06).abs() < 1e-15);
/// assert!((holm[2] - 0.06).abs() < 1e-15);
/// let bh = Adjustment::BenjaminiHochberg.adjust(&p)?;
/// assert!((bh[1] - 0.04).abs() < 1e-15);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Adjustment {
    /// Holm (1979): controls the family-wise error rate; uniformly better
    /// than Bonferroni. `adj₍ᵢ₎ = max_{j≤i} min(1, (m − j + 1)·p₍ⱼ₎)`. Use for
    /// confirmatory claims ("region X is below target"). The default.
    #[default]
    Holm,
    /// Benjamini–Hochberg (1995): controls the false discovery rate.
    /// `adj₍ᵢ₎ = min_{j≥i} min(1, m·p₍ⱼ₎/j)`. Use for exploratory scans.
    BenjaminiHochberg,
    /// No adjustment.
    None,
}

impl Adjustment {
    /// Adjusts `p_values`, returning them in input order.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for a p-value outside `[0, 1]` or NaN.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::inference::Adjustment;
    ///
    /// assert!(Adjustment::Holm.adjust(&[0.5, 1.5]).is_err());
    /// assert_eq!(Adjustment::Holm.adjust(&[])?, Vec::<f64>::new());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn adjust(self, p_values: &[f64]) -> Result<Vec<f64>, Error> {
        if let Some(&bad) = p_values.iter().find(|p| !(0.0..=1.0).contains(*p)) {
            return Err(Error::InvalidArgument {
                name: "p-value",
                value: bad,
                expected: "a probability in 0..=1",
            });
        }
        let m = p_values.len();
        let mut order: Vec<usize> = (0..m).collect();
        order.sort_by(|&a, &b| p_values[a].total_cmp(&p_values[b]));
        let mut adjusted = vec![0.0; m];
        match self {
            Self::None => adjusted.copy_from_slice(p_values),
            Self::Holm => {
                let mut running = 0.0f64;
                for (rank, &i) in order.iter().enumerate() {
                    running = running.max(((m - rank) as f64 * p_values[i]).min(1.0));
                    adjusted[i] = running;
                }
            }
            Self::BenjaminiHochberg => {
                let mut running = 1.0f64;
                for (rank, &i) in order.iter().enumerate().rev() {
                    running = running.min((m as f64 * p_values[i] / (rank + 1) as f64).min(1.0));
                    // `m·p/m` can round one ulp below `p`; an adjusted
                    // p-value is never below the raw one.
                    adjusted[i] = running.max(p_values[i]);
                }
            }
        }
        Ok(adjusted)
    }
}
