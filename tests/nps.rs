//! NPS, including regression tests for bugs seen in other NPS packages.

use cxmetrics::{Error, Nps, NpsCategory, Tally, ZeroToTen};

#[test]
fn two_promoters_and_a_passive_is_66_67_not_66() {
    let nps = Nps.score_raw(&[9, 10, 8]).expect("valid");
    assert!((nps.points() - 200.0 / 3.0).abs() < 1e-12);
    assert_eq!(nps.rounded(), 67);
    assert_eq!(format!("{nps:.2}"), "+66.67 points (n = 3)");
}

#[test]
fn two_hundred_promoters_is_100_without_small_counter_overflow() {
    let nps = Nps.score_raw(&[10; 200]).expect("valid");
    assert_eq!((nps.positive(), nps.n()), (200, 200));
    assert_eq!(nps.rounded(), 100);
    // And far past any u8/u16/u32 counter.
    let mut t = Tally::new();
    t.add_count(ZeroToTen::constant(9), 5_000_000_000).expect("fits");
    t.add_count(ZeroToTen::constant(0), 5_000_000_000).expect("fits");
    assert_eq!(Nps.score(&t).expect("non-empty").rounded(), 0);
}

#[test]
fn fractional_text_is_rejected_not_counted_in_no_bucket() {
    let answers = ["9", "6.5", "10"];
    let parsed: Result<Tally<ZeroToTen>, Error> = answers.iter().map(|s| s.parse::<ZeroToTen>()).collect();
    assert_eq!(
        parsed.expect_err("6.5").to_string(),
        "invalid rating \"6.5\" for ZeroToTen: expected a whole number in 0..=10"
    );
}

#[test]
fn empty_input_is_an_error_not_a_division_by_zero() {
    for err in [
        Nps.score_raw(&[]).expect_err("empty"),
        Nps.score(&Tally::new()).expect_err("empty"),
        Nps.score_counts(0, 0, 0).expect_err("empty"),
    ] {
        assert_eq!(err.to_string(), "NPS of an empty sample is undefined");
    }
}

#[test]
fn every_rating_falls_in_exactly_one_category() {
    let t = Tally::<ZeroToTen>::from_raw(&(0..=10).collect::<Vec<u8>>()).expect("valid");
    let nps = Nps.score(&t).expect("non-empty");
    assert_eq!((nps.negative(), nps.neutral(), nps.positive()), (7, 2, 2));
    assert_eq!(nps.negative() + nps.neutral() + nps.positive(), nps.n());
    let categories: Vec<NpsCategory> = ZeroToTen::all().map(ZeroToTen::category).collect();
    assert_eq!(categories.iter().filter(|&&c| c == NpsCategory::Passive).count(), 2);
}

#[test]
fn score_is_computed_from_exact_integers() {
    // P/n − D/n gives 0.44999999999999996 here (METHODS.md §0).
    let nps = Nps.score_counts(30, 50, 120).expect("non-empty");
    assert_eq!(nps.value().to_bits(), 0.45f64.to_bits());
    assert_eq!(Nps.score_counts(43, 57, 100).expect("non-empty").rounded(), 29);
    assert_eq!(Nps.score_counts(2, 1, 0).expect("non-empty").rounded(), -67);
}

#[test]
fn raw_path_validates_every_byte() {
    let err = Nps.score_raw(&[10, 9, 255]).expect_err("255");
    assert_eq!(
        err.to_string(),
        "rating 255 at index 2 is out of range for ZeroToTen (0..=10)"
    );
}
