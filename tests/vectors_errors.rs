//! Error reference vectors (`error` in `tests/data/cx_vectors.json`): every
//! case fails with the error kind the file names and the exact message the
//! crate documents.

mod common;

use common::{bytes_of, cases, counts_of, floats_of, name, nps_counts};
use cxmetrics::{Csat, Error, Likert5, Mean, Nps, Tally, WeightedTally, ZeroToTen};
use serde_json::Value;

/// The result of the call a case describes.
fn run(case: &Value) -> Result<(), Error> {
    let input = &case["input"];
    match (case["metric"].as_str(), input) {
        (Some("nps"), i) if i.get("counts").is_some() => {
            let (d, o, p) = nps_counts(&i["counts"]);
            Nps.score_counts(d, o, p).map(drop)
        }
        (Some("nps"), i) => Tally::<ZeroToTen>::from_raw(&bytes_of(&i["ratings"])).map(drop),
        (Some("csat"), i) if i.get("weights").is_some() => {
            let mut t = WeightedTally::<Likert5>::new();
            for (r, w) in bytes_of(&i["ratings"]).into_iter().zip(floats_of(&i["weights"])) {
                t.add(Likert5::new(r)?, w)?;
            }
            Csat::default().score(&t).map(drop)
        }
        (Some("csat"), i) => Csat::default()
            .score(&Tally::<Likert5>::from_counts(&counts_of(&i["histogram"]))?)
            .map(drop),
        (Some("mean"), i) => Mean
            .score(&Tally::<Likert5>::from_raw(&bytes_of(&i["values"]))?)
            .map(drop),
        (other, _) => panic!("{}: no call for metric {other:?}", name(case)),
    }
}

#[test]
fn every_error_case_fails_with_its_kind_and_message() {
    // (case, the file's error kind, our exact message)
    let table = [
        ("nps_n0_empty", "EmptySample", "NPS of an empty sample is undefined"),
        (
            "nps_invalid_rating",
            "InvalidInput",
            "rating 11 at index 1 is off the 0–10 scale",
        ),
        (
            "csat_n0_empty",
            "EmptySample",
            "proportion of an empty sample is undefined",
        ),
        ("mean_n0_empty", "EmptySample", "mean of an empty sample is undefined"),
        (
            "weighted_negative_weight_error",
            "InvalidInput",
            "weight -1 is invalid: weights must be 0 or between 1e-140 and 1e140",
        ),
        (
            "weighted_all_zero_weights_error",
            "EmptySample",
            "weighted proportion of an empty sample is undefined",
        ),
    ];
    let file = cases("error");
    let mut names: Vec<&str> = file.iter().map(|c| name(c)).collect();
    let mut listed: Vec<&str> = table.iter().map(|&(n, _, _)| n).collect();
    names.sort_unstable();
    listed.sort_unstable();
    assert_eq!(
        names, listed,
        "every error vector has a row here, and every row a vector"
    );
    for (case_name, kind, message) in table {
        let case = file.iter().find(|c| name(c) == case_name).expect("listed");
        assert_eq!(case["expected"]["error"], kind, "{case_name}: the file's kind");
        let err = run(case).expect_err(case_name);
        let kind_matches = match kind {
            "EmptySample" => matches!(err, Error::EmptySample { .. }),
            "InvalidInput" => matches!(err, Error::OutOfRangeAt { .. } | Error::InvalidWeight { .. }),
            other => panic!("{case_name}: unknown error kind {other}"),
        };
        assert!(kind_matches, "{case_name}: got {err:?}, expected {kind}");
        assert_eq!(err.to_string(), message, "{case_name}");
    }
}
