//! Multiplicity reference vectors (`p_adjust` in
//! `tests/data/cx_vectors.json`): Holm and Benjamini–Hochberg adjusted
//! p-values, in input order.

mod common;

use common::{assert_exact, case, floats_of};
use cxmetrics::Error;
use cxmetrics::inference::Adjustment;

#[test]
fn holm_and_benjamini_hochberg() -> Result<(), Error> {
    let case = case("p_adjust");
    let p = floats_of(&case["input"]["p_values"]);
    for (adjustment, key) in [(Adjustment::Holm, "holm"), (Adjustment::BenjaminiHochberg, "bh")] {
        let adjusted = adjustment.adjust(&p)?;
        let expected = case["expected"][key].as_array().expect("expected p-values");
        assert_eq!(adjusted.len(), expected.len(), "{key}: one adjusted p-value per input");
        for (a, e) in adjusted.iter().zip(expected) {
            assert_exact(*a, e, key);
        }
        // Input order is kept: a reversed input gives the reversed output.
        let reversed: Vec<f64> = p.iter().rev().copied().collect();
        let back: Vec<f64> = adjustment.adjust(&reversed)?.into_iter().rev().collect();
        assert_eq!(back, adjusted, "{key}");
    }
    Ok(())
}
