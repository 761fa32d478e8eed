//! Tests for what mutation testing (`scripts/mutants.sh`) showed no test
//! checked; see `scripts/mutants-last.md`.

use cxmetrics::Error;
use cxmetrics::planning::finite_population;

#[test]
fn finite_population_correction_uses_n0_minus_one() -> Result<(), Error> {
    // n = n0 / (1 + (n0 − 1)/N): 385 of 1,000 is 278.18…, so 279; with
    // n0 + 1 in place of n0 − 1 it would be 278. Two of two stays two.
    assert_eq!(finite_population(385, 1_000)?, 279);
    assert_eq!(finite_population(2, 2)?, 2);
    assert_eq!(finite_population(1, 1)?, 1);
    Ok(())
}
