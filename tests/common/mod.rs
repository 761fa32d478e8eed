//! Helpers shared by the integration tests: the reference vectors, parsed
//! once per test binary, and `#[track_caller]` assertions with the
//! tolerances the vector file states.
#![allow(dead_code, unreachable_pub)]

use std::sync::LazyLock;

use cxmetrics::{ConfidenceLevel, Csat, Error, Likert5, NetScore, Nps, Scale, Share, Tally, WeightedTally};
use serde_json::Value;

/// The reference vectors, computed outside Rust (see METHODS.md §11): a
/// byte-for-byte copy of the project's shared vector file, parsed once per
/// test binary. Parsing checks that the copy is complete (its `count` is
/// the number of its cases).
pub static VECTORS: LazyLock<Value> = LazyLock::new(|| {
    let v: Value = serde_json::from_str(include_str!("../data/cx_vectors.json")).expect("vector file is valid JSON");
    let listed = v["count"].as_u64().expect("the vector file states its count");
    let present = v["cases"].as_array().map_or(0, Vec::len) as u64;
    assert_eq!(listed, present, "the vector file is truncated");
    v
});

/// Every case of the given kind; panics when there is none, so that a
/// renamed kind cannot make a test pass by checking nothing.
#[track_caller]
pub fn cases(kind: &str) -> Vec<&'static Value> {
    let cases: Vec<&Value> = VECTORS["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .filter(|c| c["kind"] == kind)
        .collect();
    assert!(!cases.is_empty(), "no vector of kind {kind}");
    cases
}

/// The one case of the given kind.
#[track_caller]
pub fn case(kind: &str) -> &'static Value {
    let all = cases(kind);
    assert_eq!(all.len(), 1, "expected one vector of kind {kind}");
    all[0]
}

/// A case's name, for messages.
pub fn name(case: &Value) -> &str {
    case["name"].as_str().unwrap_or_default()
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
    assert_close(actual, f64_of(expected), 1e-12, 1e-15, what);
}

/// Quantile- or p-value-dependent: relative 1e-9, absolute 1e-12.
#[track_caller]
pub fn assert_quantile(actual: f64, expected: &Value, what: &str) {
    assert_close(actual, f64_of(expected), 1e-9, 1e-12, what);
}

/// Score-interval roots: absolute 1e-9.
#[track_caller]
pub fn assert_root(actual: f64, expected: &Value, what: &str) {
    assert_close(actual, f64_of(expected), 0.0, 1e-9, what);
}

/// A nullable expected value: `null` means undefined, which must be `None`.
#[track_caller]
pub fn assert_option(actual: Option<f64>, expected: &Value, what: &str) {
    match (actual, expected.as_f64()) {
        (Some(a), Some(_)) => assert_quantile(a, expected, what),
        (None, None) => {}
        (a, _) => panic!("{what}: got {a:?}, expected {expected}"),
    }
}

/// The confidence levels of a case, as the keys of `expected` (or of a
/// sub-object); panics when there is none, so that no loop over them is empty.
#[track_caller]
pub fn levels(obj: &Value) -> Vec<(String, ConfidenceLevel)> {
    let levels: Vec<(String, ConfidenceLevel)> = obj
        .as_object()
        .expect("levels object")
        .keys()
        .filter_map(|k| {
            k.parse::<f64>()
                .ok()
                .map(|l| (k.clone(), ConfidenceLevel::new(l).expect("a valid level key")))
        })
        .collect();
    assert!(!levels.is_empty(), "no confidence level in {obj}");
    levels
}

/// A number from the vector file.
#[track_caller]
pub fn f64_of(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("expected a number, got {v}"))
}

/// An integer from the vector file.
#[track_caller]
pub fn u64_of(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("expected an integer, got {v}"))
}

/// A signed integer from the vector file.
#[track_caller]
pub fn i64_of(v: &Value) -> i64 {
    v.as_i64().unwrap_or_else(|| panic!("expected an integer, got {v}"))
}

/// A boolean from the vector file.
#[track_caller]
pub fn bool_of(v: &Value) -> bool {
    v.as_bool().unwrap_or_else(|| panic!("expected a boolean, got {v}"))
}

/// An array of bytes (raw ratings) from the vector file.
#[track_caller]
pub fn bytes_of(v: &Value) -> Vec<u8> {
    v.as_array()
        .unwrap_or_else(|| panic!("expected an array, got {v}"))
        .iter()
        .map(|x| u8::try_from(u64_of(x)).expect("a byte"))
        .collect()
}

/// An array of counts from the vector file.
#[track_caller]
pub fn counts_of(v: &Value) -> Vec<u64> {
    v.as_array()
        .unwrap_or_else(|| panic!("expected an array, got {v}"))
        .iter()
        .map(u64_of)
        .collect()
}

/// An array of numbers (weights, p-values) from the vector file.
#[track_caller]
pub fn floats_of(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap_or_else(|| panic!("expected an array, got {v}"))
        .iter()
        .map(f64_of)
        .collect()
}

/// `(detractors, passives, promoters)` from a vector's `counts` object.
#[track_caller]
pub fn nps_counts(c: &Value) -> (u64, u64, u64) {
    (
        u64_of(&c["detractors"]),
        u64_of(&c["passives"]),
        u64_of(&c["promoters"]),
    )
}

/// The NPS of a vector's `counts` object.
pub fn nps(c: &Value) -> Result<NetScore, Error> {
    let (d, o, p) = nps_counts(c);
    Nps.score_counts(d, o, p)
}

/// A CSAT share with `x` satisfied of `n`.
pub fn share(x: u64, n: u64) -> Result<Share, Error> {
    Csat::default().score(&Tally::<Likert5>::from_counts(&[n - x, 0, 0, 0, x])?)
}

/// A weighted tally from a vector's `field` ratings and its `weights`.
pub fn weighted<S: Scale>(case: &Value, field: &str) -> Result<WeightedTally<S>, Error> {
    let mut t = WeightedTally::new();
    for (r, w) in bytes_of(&case["input"][field])
        .into_iter()
        .zip(floats_of(&case["input"]["weights"]))
    {
        t.add(S::new(r)?, w)?;
    }
    Ok(t)
}

/// The two-sample share checks of a vector's `expected` object at `level`:
/// Newcombe with the pooled test (the default), Wald, Agresti–Caffo.
#[track_caller]
pub fn check_two_shares(name: &str, a: &Share, b: &Share, e: &Value, level: ConfidenceLevel) -> Result<(), Error> {
    use cxmetrics::inference::{Options, ShareDifferenceMethod};
    let what = |t: &str| format!("{name} {t}");
    let newcombe = a.difference(b, level)?;
    assert_exact(newcombe.estimate(), &e["difference"], &what("difference"));
    assert_option(newcombe.test().statistic(), &e["z_pooled"], &what("z pooled"));
    assert_option(newcombe.test().p_value(), &e["p_pooled"], &what("p pooled"));
    assert_quantile(
        newcombe.interval().lower(),
        &e["newcombe_lower"],
        &what("newcombe lower"),
    );
    assert_quantile(
        newcombe.interval().upper(),
        &e["newcombe_upper"],
        &what("newcombe upper"),
    );
    let wald = a.difference(b, Options::new().level(level).method(ShareDifferenceMethod::Wald))?;
    assert_option(wald.test().statistic(), &e["z_unpooled"], &what("z unpooled"));
    assert_option(wald.test().p_value(), &e["p_unpooled"], &what("p unpooled"));
    assert_quantile(wald.interval().lower(), &e["wald_lower"], &what("wald lower"));
    assert_quantile(wald.interval().upper(), &e["wald_upper"], &what("wald upper"));
    let ac = a.difference(
        b,
        Options::new().level(level).method(ShareDifferenceMethod::AgrestiCaffo),
    )?;
    assert_quantile(
        ac.interval().lower(),
        &e["agresti_caffo_lower"],
        &what("agresti-caffo lower"),
    );
    assert_quantile(
        ac.interval().upper(),
        &e["agresti_caffo_upper"],
        &what("agresti-caffo upper"),
    );
    Ok(())
}

/// A row of an error table: what is tried, its result, the exact message.
pub type Case<'a, T> = (&'a str, Result<T, Error>, &'a str);

/// Asserts that every row of an error table fails with exactly its message.
#[track_caller]
pub fn assert_errors<'a, T: std::fmt::Debug>(cases: impl IntoIterator<Item = Case<'a, T>>) {
    for (what, result, message) in cases {
        match result {
            Ok(value) => panic!("{what}: expected the error {message:?}, got Ok({value:?})"),
            Err(err) => assert_eq!(err.to_string(), message, "{what}"),
        }
    }
}
