//! Any scale a survey uses: `Points<MIN, MAX>` with the same validation,
//! bulk kernels, metrics and serde as the named scales.

use cxmetrics::{Csat, Error, Mean, Net, Nps, Points, RatingSet, Scale, Tally, Validity};
use proptest::prelude::*;

type OneToThree = Points<1, 3>;
type OneToFour = Points<1, 4>;
type OneToTen = Points<1, 10>;
type ZeroToFive = Points<0, 5>;
type OneToEleven = Points<1, 11>;

#[test]
fn every_way_in_validates_the_same() -> Result<(), Error> {
    assert_eq!(OneToTen::new(10)?.get(), 10);
    assert_eq!("7".parse::<OneToTen>()?.get(), 7);
    assert_eq!(OneToTen::try_from(1)?.get(), 1);
    for (result, message) in [
        (OneToTen::new(0).map(u8::from), "rating 0 is off the 1–10 scale"),
        (OneToFour::new(5).map(u8::from), "rating 5 is off the 1–4 scale"),
        (
            "6.5".parse::<OneToTen>().map(u8::from),
            "invalid answer \"6.5\" on the 1–10 scale: expected a whole number from 1 to 10",
        ),
    ] {
        assert_eq!(result.expect_err(message).to_string(), message);
    }
    assert_eq!(
        (OneToThree::POINTS, ZeroToFive::POINTS, OneToEleven::POINTS),
        (3, 6, 11)
    );
    assert_eq!(OneToTen::NAME, "Points<1, 10>");
    assert_eq!(format!("{:?}", OneToFour::constant(2)), "Points<1, 4>(2)");
    Ok(())
}

#[test]
fn metrics_work_on_any_scale() -> Result<(), Error> {
    // CSAT on 1–4, top box 3–4.
    let t = Tally::<OneToFour>::from_raw(&[4, 3, 1, 2, 4])?;
    let csat = Csat::new(RatingSet::range(OneToFour::new(3)?, OneToFour::new(4)?)?).score(&t)?;
    assert_eq!((csat.hits(), csat.rounded()), (3, 60));
    assert!((Mean.score(&t)?.value() - 2.8).abs() < 1e-12);
    // A net score on 1–10 with explicit breaks, labelled as not NPS.
    let t = Tally::<OneToTen>::from_raw(&[10, 9, 8, 2, 10, 1])?;
    let net = Net::new(
        RatingSet::range(OneToTen::new(9)?, OneToTen::new(10)?)?,
        RatingSet::range(OneToTen::new(1)?, OneToTen::new(6)?)?,
    )?
    .score(&t)?;
    assert_eq!((net.positive(), net.negative(), net.rounded()), (3, 2, 17));
    let nps = Nps.score_counts(2, 1, 3)?;
    let err = net.difference(&nps, cxmetrics::ConfidenceLevel::P95).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot compare custom net score ({9, 10} minus {1, 2, 3, 4, 5, 6}) on the 1–10 scale with NPS"
    );
    Ok(())
}

#[cfg(feature = "serde")]
#[test]
fn tallies_of_any_scale_round_trip_and_keep_their_scale() -> Result<(), Box<dyn std::error::Error>> {
    let t = Tally::<OneToTen>::from_raw(&[10, 9, 1])?;
    let json = serde_json::to_string(&t)?;
    assert_eq!(json, r#"{"scale":"Points<1, 10>","counts":[1,0,0,0,0,0,0,0,1,1]}"#);
    assert_eq!(serde_json::from_str::<Tally<OneToTen>>(&json)?, t);
    assert!(
        serde_json::from_str::<Tally<Points<0, 9>>>(&json).is_err(),
        "same length, other scale"
    );
    Ok(())
}

fn one_by_one<S: Scale>(bytes: &[u8]) -> Result<Tally<S>, usize> {
    let mut t = Tally::new();
    for (i, &b) in bytes.iter().enumerate() {
        t.add(S::new(b).map_err(|_| i)?).map_err(|_| i)?;
    }
    Ok(t)
}

fn check<S: Scale>(bytes: &[u8], bits: &[u8]) -> Result<(), TestCaseError> {
    match (Tally::<S>::from_raw(bytes), one_by_one::<S>(bytes)) {
        (Ok(bulk), Ok(single)) => prop_assert_eq!(bulk, single),
        (Err(Error::OutOfRangeAt { index, .. }), Err(at)) => prop_assert_eq!(index, at),
        (bulk, single) => prop_assert!(false, "bulk {:?} vs one by one {:?}", bulk, single),
    }
    // With a validity bitmap: only the present answers count and validate.
    let validity = Validity::new(bits, 0, bytes.len()).expect("enough bits");
    let present: Vec<u8> = bytes
        .iter()
        .enumerate()
        .filter(|&(i, _)| bits[i / 8] >> (i % 8) & 1 == 1)
        .map(|(_, &b)| b)
        .collect();
    match (Tally::<S>::from_raw_valid(bytes, validity), one_by_one::<S>(&present)) {
        (Ok(bulk), Ok(single)) => prop_assert_eq!(bulk, single),
        (Err(_), Err(_)) => {}
        (bulk, single) => prop_assert!(false, "bulk {:?} vs one by one {:?}", bulk, single),
    }
    Ok(())
}

proptest! {
    #[test]
    fn bulk_and_bitmap_paths_equal_one_by_one_on_any_scale(
        bytes in proptest::collection::vec(prop_oneof![9 => 0u8..12, 1 => any::<u8>()], 0..3000),
        seed in any::<u64>(),
    ) {
        let bits: Vec<u8> = (0..bytes.len().div_ceil(8)).map(|i| (seed.rotate_left(i as u32 * 7) & 0xff) as u8).collect();
        check::<OneToThree>(&bytes, &bits)?;
        check::<OneToFour>(&bytes, &bits)?;
        check::<OneToTen>(&bytes, &bits)?;
        check::<ZeroToFive>(&bytes, &bits)?;
        check::<OneToEleven>(&bytes, &bits)?;
    }
}
