//! Helpers shared by the integration tests.
#![allow(dead_code, unreachable_pub)]

use serde_json::Value;

/// The reference vectors, computed outside Rust (see METHODS.md §11). This is
/// a byte-for-byte copy of the project's shared vector file.
pub fn vectors() -> Value {
    serde_json::from_str(include_str!("../data/cx_vectors.json")).expect("vector file is valid JSON")
}

/// Every case of the given kind.
pub fn cases(kind: &str) -> Vec<Value> {
    let all = vectors();
    let cases: Vec<Value> = all["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .filter(|c| c["kind"] == kind)
        .cloned()
        .collect();
    assert!(!cases.is_empty(), "no vector of kind {kind}");
    cases
}

/// Asserts `|actual − expected| <= max(rel·|expected|, abs)`.
#[track_caller]
pub fn assert_close(actual: f64, expected: f64, rel: f64, abs: f64, what: &str) {
    let tol = (rel * expected.abs()).max(abs);
    assert!(
        (actual - expected).abs() <= tol,
        "{what}: got {actual:e}, expected {expected:e} (tolerance {tol:e})"
    );
}

/// Closed-form values: relative 1e-12 (METHODS.md §0).
#[track_caller]
pub fn assert_exact(actual: f64, expected: &Value, what: &str) {
    let e = expected
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: expected a number, got {expected}"));
    assert_close(actual, e, 1e-12, 1e-15, what);
}

pub fn u64_of(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("expected an integer, got {v}"))
}

pub fn bytes_of(v: &Value) -> Vec<u8> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| u8::try_from(u64_of(x)).expect("byte"))
        .collect()
}

pub fn counts_of(v: &Value) -> Vec<u64> {
    v.as_array().expect("array").iter().map(u64_of).collect()
}
