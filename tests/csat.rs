//! CSAT top-box share, mean and linear index.

mod common;

use common::{Case, assert_errors};
use cxmetrics::{Csat, Error, Likert5, Likert7, Metric, RatingSet, Tally};

#[test]
fn default_is_top_two_box_on_five_points() -> Result<(), Error> {
    let t = Tally::<Likert5>::from_counts(&[5, 10, 15, 40, 30])?;
    let s = Csat::default().score(&t)?;
    assert_eq!((s.hits(), s.n(), s.rounded()), (70, 100, 70));
    assert_eq!(s.metric(), Metric::Csat);
    assert_eq!(s.to_string(), "70.0% (70 of 100)");
    Ok(())
}

#[test]
fn raw_path_equals_tally_path_for_any_positive_set() -> Result<(), Error> {
    let raw: Vec<u8> = (0..10_000u32).map(|i| (1 + (i * 7 + i / 13) % 5) as u8).collect();
    let t = Tally::<Likert5>::from_raw(&raw)?;
    for mask in 1u8..32 {
        let set = RatingSet::new(Likert5::all().filter(|r| mask & (1 << (r.get() - 1)) != 0))?;
        let csat = Csat::new(set);
        let (fast, tallied) = (csat.score_raw(&raw)?, csat.score(&t)?);
        assert_eq!(fast, tallied, "set {set}");
        // And both count what the set names.
        let hits: u64 = t.iter().filter(|&(r, _)| set.contains(r)).map(|(_, n)| n).sum();
        assert_eq!(tallied.hits(), hits, "set {set}");
    }
    Ok(())
}

#[test]
fn mean_and_linear_index() -> Result<(), Error> {
    let t = Tally::<Likert5>::from_raw(&[1, 2, 3, 4, 5])?;
    let m = Csat::default().mean(&t)?;
    assert!((m.value() - 3.0).abs() < 1e-15);
    assert!((m.index() - 0.5).abs() < 1e-15);
    assert!((m.sd().expect("n > 1") - 2.5f64.sqrt()).abs() < 1e-15);
    Ok(())
}

#[test]
fn other_scales_need_an_explicit_set() -> Result<(), Error> {
    let top3 = Csat::new(RatingSet::range(Likert7::constant(5), Likert7::constant(7))?);
    assert_eq!(top3.score(&Tally::from_raw(&[7, 6, 5, 4, 1])?)?.hits(), 3);
    Ok(())
}

#[test]
fn rating_set_constructors_reject_empty_sets() {
    let cases: [Case<RatingSet<Likert7>>; 2] = [
        (
            "new with no ratings",
            RatingSet::new([]),
            "the set of positive ratings is empty: name at least one rating of the 1–7 scale",
        ),
        (
            "range with low > high",
            RatingSet::range(Likert7::constant(5), Likert7::constant(4)),
            "the set of positive ratings is empty: name at least one rating of the 1–7 scale",
        ),
    ];
    assert_errors(cases);
}

#[test]
fn empty_and_off_scale_input_are_errors() {
    let csat = Csat::<Likert5>::default();
    let cases: [Case<f64>; 4] = [
        (
            "share of an empty tally",
            csat.score(&Tally::new()).map(|s| s.value()),
            "proportion of an empty sample is undefined",
        ),
        (
            "share of no raw answers",
            csat.score_raw(&[]).map(|s| s.value()),
            "proportion of an empty sample is undefined",
        ),
        (
            "share of an off-scale byte",
            csat.score_raw(&[5, 6]).map(|s| s.value()),
            "rating 6 at index 1 is off the 1–5 scale",
        ),
        (
            "mean of an empty tally",
            csat.mean(&Tally::new()).map(|m| m.value()),
            "mean of an empty sample is undefined",
        ),
    ];
    assert_errors(cases);
}

#[test]
fn percent_rounds_on_the_exact_rational() -> Result<(), Error> {
    // 57 of 200 is exactly 28.5 %: rounds to 29 however the float lands.
    let t = Tally::<Likert5>::from_counts(&[143, 0, 0, 0, 57])?;
    assert_eq!(Csat::default().score(&t)?.rounded(), 29);
    Ok(())
}
