//! Every point estimate in the reference vectors (`tests/data/cx_vectors.json`,
//! computed outside Rust and cross-checked against statsmodels, scipy and
//! mpmath; see METHODS.md §10), compared within the tolerance the file
//! states: closed-form values to a relative 1e-12.

mod common;

use common::{assert_exact, bytes_of, cases, counts_of, u64_of};
use cxmetrics::{
    CesAgreement, CesEffort, Csat, Error, Likert5, Likert7, Mean, Nps, RatingSet, Scale, Tally, ZeroToTen,
};
use serde_json::Value;

fn nps_counts(c: &Value) -> (u64, u64, u64) {
    (
        u64_of(&c["detractors"]),
        u64_of(&c["passives"]),
        u64_of(&c["promoters"]),
    )
}

#[test]
fn nps_point_estimates() {
    for case in cases("nps_intervals") {
        let name = case["name"].as_str().unwrap_or_default();
        let (d, o, p) = nps_counts(&case["input"]["counts"]);
        let nps = Nps.score_counts(d, o, p).expect("non-empty");
        if let Some(ratings) = case["input"].get("ratings") {
            // Raw answers, through both the bulk path and the tally, give the same counts.
            let raw = bytes_of(ratings);
            assert_eq!(Nps.score_raw(&raw).expect("valid"), nps, "{name}");
            assert_eq!(
                Nps.score(&Tally::<ZeroToTen>::from_raw(&raw).expect("valid"))
                    .expect("non-empty"),
                nps
            );
        }
        let e = &case["expected"];
        assert_eq!(nps.n(), u64_of(&e["n"]), "{name}");
        assert_exact(nps.value(), &e["nps"], name);
        assert_exact(nps.points(), &e["nps_points"], name);
        assert_eq!(nps.rounded(), e["nps_rounded_integer"].as_i64().expect("int"), "{name}");
        assert_exact(nps.positive_share(), &e["p_promoter"], name);
        assert_exact(nps.negative_share(), &e["p_detractor"], name);
    }
}

#[test]
fn nps_rounding_rows() {
    let case = &cases("rounding")[0];
    for row in case["expected"]["rows"].as_array().expect("rows") {
        let (d, o, p) = nps_counts(&row["counts"]);
        let nps = Nps.score_counts(d, o, p).expect("non-empty");
        assert_exact(nps.points(), &row["nps_points"], "points");
        assert_eq!(
            nps.rounded(),
            row["rounded_half_away_from_zero"].as_i64().expect("int"),
            "{row}"
        );
    }
}

fn positive_set<S: Scale>(v: &Value) -> RatingSet<S> {
    let ratings: Vec<S> = bytes_of(v).into_iter().map(|r| S::new(r).expect("on scale")).collect();
    RatingSet::new(ratings).expect("non-empty")
}

#[test]
fn proportion_point_estimates() {
    for case in cases("proportion_intervals") {
        let name = case["name"].as_str().unwrap_or_default();
        let scale = bytes_of(&case["input"]["scale"]);
        let counts = counts_of(&case["input"]["histogram"]);
        let set = &case["params"]["positive_set"];
        let share = match (case["metric"].as_str(), scale.as_slice()) {
            (Some("csat"), [1, 5]) => {
                let t = Tally::<Likert5>::from_counts(&counts).expect("counts");
                let share = Csat::new(positive_set(set)).score(&t).expect("non-empty");
                assert_eq!(
                    share,
                    Csat::default().score(&t).expect("non-empty"),
                    "{name}: default is 4–5"
                );
                share
            }
            (Some("ces_2.0"), [1, 7]) => {
                let t = Tally::<Likert7>::from_counts(&counts).expect("counts");
                let share = CesAgreement::new(positive_set(set)).score(&t).expect("non-empty");
                let named = if set.as_array().map(Vec::len) == Some(2) {
                    CesAgreement::strict()
                } else {
                    CesAgreement::default()
                };
                assert_eq!(share, named.score(&t).expect("non-empty"), "{name}: named variant");
                share
            }
            (Some("ces_1.0"), [1, 5]) => {
                let t = Tally::<Likert5>::from_counts(&counts).expect("counts");
                CesEffort.low_effort_share(&t).expect("non-empty")
            }
            other => panic!("{name}: unexpected metric and scale {other:?}"),
        };
        let e = &case["expected"];
        assert_eq!((share.hits(), share.n()), (u64_of(&e["x"]), u64_of(&e["n"])), "{name}");
        assert_exact(share.value(), &e["proportion"], name);
        assert_exact(share.percent(), &e["percent"], name);
    }
}

#[test]
fn ces1_mean_is_lower_is_better_effort() {
    let case = cases("proportion_intervals")
        .into_iter()
        .find(|c| c["metric"] == "ces_1.0")
        .expect("ces 1.0 case");
    let t = Tally::<Likert5>::from_counts(&counts_of(&case["input"]["histogram"])).expect("counts");
    // METHODS.md §4: the mean is 2.25 and misreading the scale gives a 15 % "top-2 box".
    assert_exact(
        CesEffort.score(&t).expect("non-empty").value(),
        &Value::from(2.25),
        "mean effort",
    );
    assert_exact(
        Csat::default().score(&t).expect("non-empty").value(),
        &Value::from(0.15),
        "wrong-way share",
    );
}

#[test]
fn mean_point_estimates() {
    for kind in ["mean_t_interval", "mean_one_sample_t"] {
        for case in cases(kind) {
            let values = bytes_of(&case["input"]["values"]);
            let t = Tally::<Likert5>::from_raw(&values).expect("valid");
            let m = Mean.score(&t).expect("non-empty");
            for e in case["expected"].as_object().expect("levels").values() {
                assert_eq!(m.n(), u64_of(&e["n"]));
                assert_exact(m.value(), &e["mean"], "mean");
                match e["sd"].as_f64() {
                    Some(_) => assert_exact(m.sd().expect("n > 1"), &e["sd"], "sd"),
                    None => assert_eq!(m.sd(), None, "sd undefined for n = 1"),
                }
            }
        }
    }
    for case in cases("welch") {
        let e = &case["expected"]["0.95"];
        for (side, key) in [("a", "values_a"), ("b", "values_b")] {
            let t = Tally::<Likert7>::from_raw(&bytes_of(&case["input"][key])).expect("valid");
            let m = CesAgreement::default().mean(&t).expect("non-empty");
            assert_exact(m.value(), &e[format!("mean_{side}")], "mean");
            assert_exact(m.sd().expect("n > 1"), &e[format!("sd_{side}")], "sd");
        }
    }
}

#[test]
fn two_period_point_estimates() {
    for case in cases("two_sample_prop_and_welch") {
        let e = &case["expected"]["0.95"];
        for (side, key) in [("1", "histogram_a"), ("2", "histogram_b")] {
            let t = Tally::<Likert7>::from_counts(&counts_of(&case["input"][key])).expect("counts");
            assert_exact(
                CesAgreement::default().score(&t).expect("non-empty").value(),
                &e["proportion"][format!("p{side}")],
                "p",
            );
        }
        for (side, key) in [("a", "histogram_a"), ("b", "histogram_b")] {
            let t = Tally::<Likert7>::from_counts(&counts_of(&case["input"][key])).expect("counts");
            let m = CesAgreement::default().mean(&t).expect("non-empty");
            assert_exact(m.value(), &e["welch"][format!("mean_{side}")], "mean");
            assert_exact(m.sd().expect("n > 1"), &e["welch"][format!("sd_{side}")], "sd");
        }
    }
}

#[test]
fn error_cases() {
    for case in cases("error") {
        let name = case["name"].as_str().unwrap_or_default();
        let expected = case["expected"]["error"].as_str().expect("error kind");
        let input = &case["input"];
        let result: Option<Error> = match case["metric"].as_str() {
            Some("nps") if input.get("counts").is_some() => {
                let (d, o, p) = nps_counts(&input["counts"]);
                Nps.score_counts(d, o, p).err()
            }
            Some("nps") => Tally::<ZeroToTen>::from_raw(&bytes_of(&input["ratings"])).err(),
            Some("csat") if input.get("histogram").is_some() => {
                let t = Tally::<Likert5>::from_counts(&counts_of(&input["histogram"])).expect("counts");
                Csat::default().score(&t).err()
            }
            Some("mean") => Mean
                .score(&Tally::<Likert5>::from_raw(&bytes_of(&input["values"])).expect("valid"))
                .err(),
            // Weighted error cases belong to the inference tests.
            _ => continue,
        };
        let err = result.unwrap_or_else(|| panic!("{name}: expected an error"));
        let matches = match expected {
            "EmptySample" => matches!(err, Error::EmptySample { .. }),
            "InvalidInput" => matches!(
                err,
                Error::OutOfRangeAt {
                    value: 11,
                    index: 1,
                    ..
                }
            ),
            other => panic!("{name}: unknown error kind {other}"),
        };
        assert!(matches, "{name}: got {err:?}, expected {expected}");
    }
}

#[test]
fn vector_copy_is_complete() {
    // Guards the copy in tests/data against truncation.
    let v = common::vectors();
    assert_eq!(
        v["count"].as_u64(),
        Some(v["cases"].as_array().map_or(0, |c| c.len() as u64))
    );
}
