//! CSAT top-box share, mean and linear index.

use cxmetrics::{Csat, Likert5, Likert7, Metric, RatingSet, Tally};

#[test]
fn default_is_top_two_box_on_five_points() {
    let t = Tally::<Likert5>::from_counts(&[5, 10, 15, 40, 30]).expect("counts");
    let s = Csat::default().score(&t).expect("non-empty");
    assert_eq!((s.hits(), s.n(), s.rounded()), (70, 100, 70));
    assert_eq!(s.metric(), Metric::Csat);
    assert_eq!(s.to_string(), "70.0% (70 of 100)");
}

#[test]
fn raw_path_equals_tally_path_for_any_positive_set() {
    let raw: Vec<u8> = (0..10_000u32).map(|i| (1 + (i * 7 + i / 13) % 5) as u8).collect();
    let t = Tally::<Likert5>::from_raw(&raw).expect("valid");
    for mask in 1u8..32 {
        let set = RatingSet::new(Likert5::all().filter(|r| mask & (1 << (r.get() - 1)) != 0)).expect("non-empty");
        let csat = Csat::new(set);
        assert_eq!(
            csat.score_raw(&raw).expect("valid"),
            csat.score(&t).expect("non-empty"),
            "set {set}"
        );
    }
}

#[test]
fn mean_and_linear_index() {
    let t = Tally::<Likert5>::from_raw(&[1, 2, 3, 4, 5]).expect("valid");
    let m = Csat::default().mean(&t).expect("non-empty");
    assert!((m.value() - 3.0).abs() < 1e-15);
    assert!((m.index() - 0.5).abs() < 1e-15);
    assert!((m.sd().expect("n > 1") - 2.5f64.sqrt()).abs() < 1e-15);
}

#[test]
fn other_scales_need_an_explicit_set() {
    let top3 = Csat::new(RatingSet::range(Likert7::constant(5), Likert7::constant(7)).expect("non-empty"));
    let s = top3
        .score(&Tally::from_raw(&[7, 6, 5, 4, 1]).expect("valid"))
        .expect("non-empty");
    assert_eq!(s.hits(), 3);
    assert_eq!(
        RatingSet::<Likert7>::new([]).expect_err("empty").to_string(),
        "the positive set on Likert7 is empty: name at least one rating in 1..=7"
    );
}

#[test]
fn empty_is_an_error() {
    assert_eq!(
        Csat::default().score(&Tally::new()).expect_err("empty").to_string(),
        "proportion of an empty sample is undefined"
    );
    assert_eq!(
        Csat::default().mean(&Tally::new()).expect_err("empty").to_string(),
        "mean of an empty sample is undefined"
    );
    assert!(Csat::<Likert5>::default().score_raw(&[]).is_err());
}

#[test]
fn percent_rounds_on_the_exact_rational() {
    // 57 of 200 is exactly 28.5 %: rounds to 29 however the float lands.
    let t = Tally::<Likert5>::from_counts(&[143, 0, 0, 0, 57]).expect("counts");
    assert_eq!(Csat::default().score(&t).expect("non-empty").rounded(), 29);
}
