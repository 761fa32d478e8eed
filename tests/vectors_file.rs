//! The vector file itself: complete, and every kind of case in it read by
//! one of the `vectors_*` tests.

mod common;

use std::collections::BTreeSet;

use common::VECTORS;

/// The kinds the `vectors_*` tests read, by file.
const CHECKED: &[(&str, &[&str])] = &[
    (
        "vectors_nps",
        &["nps_intervals", "rounding", "nps_one_sample_test", "nps_two_sample"],
    ),
    (
        "vectors_shares",
        &[
            "proportion_intervals",
            "proportion_one_sample_test",
            "proportion_two_sample",
            "newcombe_difference",
        ],
    ),
    (
        "vectors_means",
        &[
            "mean_t_interval",
            "mean_one_sample_t",
            "welch",
            "two_sample_prop_and_welch",
        ],
    ),
    (
        "vectors_weighted",
        &["weighted_proportion", "weighted_mean", "weighted_nps"],
    ),
    (
        "vectors_planning",
        &[
            "n_for_moe_proportion",
            "n_for_moe_nps",
            "fpc",
            "mdd",
            "n_per_group_unpooled",
            "n_per_group_two_proportions",
        ],
    ),
    ("vectors_multiplicity", &["p_adjust"]),
    ("vectors_quantiles", &["quantiles"]),
    ("vectors_errors", &["error"]),
];

#[test]
fn every_kind_in_the_file_is_checked() {
    let in_file: BTreeSet<&str> = VECTORS["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| c["kind"].as_str().expect("every case has a kind"))
        .collect();
    let checked: BTreeSet<&str> = CHECKED.iter().flat_map(|(_, kinds)| kinds.iter().copied()).collect();
    assert_eq!(
        in_file, checked,
        "a kind of vector that no test reads, or a test of a kind the file lacks"
    );
}

#[test]
fn the_copy_is_complete() {
    // Forcing the parse runs the completeness check in `common::VECTORS`.
    assert!(VECTORS["cases"].as_array().is_some_and(|c| !c.is_empty()));
}
