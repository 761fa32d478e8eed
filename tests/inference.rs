//! Inference beyond the reference vectors (those are in `tests/vectors_*.rs`).

mod common;

use common::assert_close;
use cxmetrics::{ConfidenceLevel, Error, Likert5, Mean, Tally};

#[test]
fn large_samples_keep_accurate_t_quantiles() -> Result<(), Error> {
    // 10 million answers: the t quantile is the normal one to within 1e-6.
    let t = Tally::<Likert5>::from_counts(&[1_000_000, 2_000_000, 3_000_000, 2_000_000, 2_000_000])?;
    let m = Mean.score(&t)?;
    let i = m.interval(ConfidenceLevel::P95).expect("defined: the answers vary");
    let se = m.standard_error().expect("defined: the answers vary");
    let crit = (i.upper() - m.value()) / se;
    assert_close(crit, ConfidenceLevel::P95.z(), 1e-6, 0.0, "t quantile at df = 1e7");
    let p = m.test(i.upper())?.p_value().expect("defined: the answers vary");
    assert_close(p, 0.05, 1e-9, 0.0, "the interval limit is where the test has p = alpha");
    Ok(())
}
