//! NPS, including regression tests for bugs seen in other NPS packages.

mod common;

use common::{Case, assert_errors};
use cxmetrics::{Error, NetScore, Nps, NpsCategory, Tally, ZeroToTen};

#[test]
fn two_promoters_and_a_passive_is_66_67_not_66() -> Result<(), Error> {
    let nps = Nps.score_raw(&[9, 10, 8])?;
    assert!((nps.points() - 200.0 / 3.0).abs() < 1e-12);
    assert_eq!(nps.rounded(), 67);
    assert_eq!(format!("{nps:.2}"), "+66.67 points (n = 3)");
    Ok(())
}

#[test]
fn two_hundred_promoters_is_100_without_small_counter_overflow() -> Result<(), Error> {
    let nps = Nps.score_raw(&[10; 200])?;
    assert_eq!((nps.positive(), nps.n()), (200, 200));
    assert_eq!(nps.rounded(), 100);
    // And far past any u8/u16/u32 counter.
    let mut t = Tally::new();
    t.add_count(ZeroToTen::constant(9), 5_000_000_000)?;
    t.add_count(ZeroToTen::constant(0), 5_000_000_000)?;
    let half = Nps.score(&t)?;
    assert_eq!(
        (half.positive(), half.negative(), half.n()),
        (5_000_000_000, 5_000_000_000, 10_000_000_000)
    );
    assert_eq!(half.rounded(), 0);
    Ok(())
}

#[test]
fn every_way_in_rejects_bad_input_with_an_exact_message() {
    let cases: [Case<NetScore>; 8] = [
        ("empty raw", Nps.score_raw(&[]), "NPS of an empty sample is undefined"),
        (
            "empty tally",
            Nps.score(&Tally::new()),
            "NPS of an empty sample is undefined",
        ),
        (
            "no counts",
            Nps.score_counts(0, 0, 0),
            "NPS of an empty sample is undefined",
        ),
        (
            "a byte off the scale",
            Nps.score_raw(&[10, 9, 255]),
            "rating 255 at index 2 is off the 0–10 scale",
        ),
        (
            "the first of two bad bytes",
            Nps.score_raw(&[11, 12]),
            "rating 11 at index 0 is off the 0–10 scale",
        ),
        (
            "counts past u64::MAX",
            Nps.score_counts(u64::MAX, 1, 0),
            "count overflow at rating 0: more than 18446744073709551615 answers",
        ),
        (
            "fractional text",
            ["9", "6.5", "10"]
                .iter()
                .map(|s| s.parse::<ZeroToTen>())
                .collect::<Result<Tally<ZeroToTen>, Error>>()
                .and_then(|t| Nps.score(&t)),
            "invalid answer \"6.5\" on the 0–10 scale: expected a whole number from 0 to 10",
        ),
        (
            "a tally that refused an 11",
            Tally::<ZeroToTen>::from_raw(&[10, 11, 3]).and_then(|t| Nps.score(&t)),
            "rating 11 at index 1 is off the 0–10 scale",
        ),
    ];
    assert_errors(cases);
}

#[test]
fn every_rating_falls_in_exactly_one_category() -> Result<(), Error> {
    let t = Tally::<ZeroToTen>::from_raw(&(0..=10).collect::<Vec<u8>>())?;
    let nps = Nps.score(&t)?;
    assert_eq!((nps.negative(), nps.neutral(), nps.positive(), nps.n()), (7, 2, 2, 11));
    let categories: Vec<NpsCategory> = ZeroToTen::all().map(ZeroToTen::category).collect();
    let expected: Vec<NpsCategory> = (0..=10)
        .map(|r| match r {
            0..=6 => NpsCategory::Detractor,
            7 | 8 => NpsCategory::Passive,
            _ => NpsCategory::Promoter,
        })
        .collect();
    assert_eq!(categories, expected);
    // One answer at each point scores by its category.
    for rating in ZeroToTen::all() {
        let one = Nps.score_raw(&[rating.get()])?;
        let expected = match rating.category() {
            NpsCategory::Detractor => -100,
            NpsCategory::Passive => 0,
            NpsCategory::Promoter => 100,
        };
        assert_eq!(one.rounded(), expected, "{rating}");
    }
    Ok(())
}

#[test]
fn score_is_computed_from_exact_integers() -> Result<(), Error> {
    // P/n − D/n gives 0.44999999999999996 here (METHODS.md §0).
    let nps = Nps.score_counts(30, 50, 120)?;
    assert_eq!(nps.value().to_bits(), 0.45f64.to_bits());
    assert_eq!(Nps.score_counts(43, 57, 100)?.rounded(), 29);
    assert_eq!(Nps.score_counts(2, 1, 0)?.rounded(), -67);
    Ok(())
}
