//! Quantile reference vectors (`quantiles` in `tests/data/cx_vectors.json`):
//! the normal critical values of the standard confidence levels, exactly.

mod common;

use common::{case, f64_of, levels};

#[test]
fn normal_critical_values_are_correctly_rounded() {
    let z = &case("quantiles")["expected"]["z"];
    for (key, level) in levels(z) {
        assert_eq!(level.z().to_bits(), f64_of(&z[&key]).to_bits(), "z {key}");
    }
}
