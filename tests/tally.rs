//! Tally behaviour through the public API.

use cxmetrics::{Error, Likert5, Likert7, Tally, ZeroToTen};

#[test]
fn from_raw_counts_every_point() -> Result<(), Error> {
    let raw: Vec<u8> = (0..=10).chain([10, 10, 0]).collect();
    let t = Tally::<ZeroToTen>::from_raw(&raw)?;
    assert_eq!(t.total(), 14);
    assert_eq!(t.counts(), &[2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3]);
    let t = Tally::<Likert7>::from_raw(&[1, 7, 7, 4])?;
    assert_eq!(t.counts(), &[1, 0, 0, 1, 0, 0, 2]);
    Ok(())
}

#[test]
fn from_raw_names_first_offender_and_index() {
    let cases: [(Result<Tally<Likert5>, Error>, &str); 3] = [
        (
            Tally::from_raw(&[5, 4, 0, 9]),
            "rating 0 at index 2 is off the 1–5 scale",
        ),
        (Tally::from_raw(&[6]), "rating 6 at index 0 is off the 1–5 scale"),
        (
            Tally::from_raw(&vec![1; 100_000].into_iter().chain([200]).collect::<Vec<u8>>()),
            "rating 200 at index 100000 is off the 1–5 scale",
        ),
    ];
    for (result, message) in cases {
        assert_eq!(result.expect_err(message).to_string(), message);
    }
}

#[test]
fn from_counts_rejects_wrong_lengths_and_overflow() {
    let cases: [(&[u64], &str); 4] = [
        (
            &[1, 2, 3],
            "number of counts 3 is out of range: expected one count per scale point",
        ),
        (
            &[],
            "number of counts 0 is out of range: expected one count per scale point",
        ),
        (
            &[1, 2, 3, 4, 5, 6],
            "number of counts 6 is out of range: expected one count per scale point",
        ),
        (
            &[u64::MAX, 1, 0, 0, 0],
            "count overflow at rating 2: more than 18446744073709551615 answers",
        ),
    ];
    for (counts, message) in cases {
        let err = Tally::<Likert5>::from_counts(counts).expect_err(message);
        assert_eq!(err.to_string(), message, "{counts:?}");
    }
}

#[test]
fn empty_input_is_an_empty_tally() -> Result<(), Error> {
    let t = Tally::<ZeroToTen>::from_raw(&[])?;
    assert!(t.is_empty());
    assert_eq!((t.total(), t.counts()), (0, &[0; 11][..]));
    assert_eq!(t, Tally::default());
    Ok(())
}

#[test]
fn overflow_is_an_error_and_leaves_the_tally_unchanged() -> Result<(), Error> {
    let ten = ZeroToTen::constant(10);
    let mut t = Tally::new();
    t.add_count(ten, u64::MAX)?;
    let before = t.clone();
    assert!(matches!(t.add(ten), Err(Error::CountOverflow { rating: 10, .. })));
    assert_eq!(
        t.add(ten).expect_err("overflow").to_string(),
        "count overflow at rating 10: more than 18446744073709551615 answers"
    );
    // A different point still overflows the total.
    assert!(t.add(ZeroToTen::constant(0)).is_err());
    assert!(t.merge(&before).is_err());
    assert_eq!(t, before);
    let parts = [before.clone(), before];
    assert!(parts.iter().sum::<Result<Tally<ZeroToTen>, Error>>().is_err());
    Ok(())
}

#[test]
fn collect_extend_and_sum_agree() -> Result<(), Error> {
    let ratings: Vec<Likert5> = [5, 4, 4, 1, 3]
        .into_iter()
        .map(Likert5::new)
        .collect::<Result<_, _>>()?;
    let collected: Tally<Likert5> = ratings.iter().copied().collect();
    let mut extended = Tally::new();
    extended.extend(ratings.iter().copied());
    let summed: Tally<Likert5> = [Tally::from_raw(&[5, 4])?, Tally::from_raw(&[4, 1, 3])?]
        .into_iter()
        .sum::<Result<_, _>>()?;
    assert_eq!(collected, extended);
    assert_eq!(collected, summed);
    assert_eq!(collected, Tally::from_raw(&[5, 4, 4, 1, 3])?);
    let parsed: Result<Tally<Likert5>, Error> = "5 4 4 1 3".split(' ').map(str::parse::<Likert5>).collect();
    assert_eq!(parsed, Ok(collected.clone()));
    let pairs: Vec<(u8, u64)> = collected.iter().map(|(r, n)| (r.get(), n)).collect();
    assert_eq!(pairs, [(1, 1), (2, 0), (3, 1), (4, 2), (5, 1)]);
    assert_eq!(
        format!("{collected:?}"),
        "Tally { scale: \"Likert5\", counts: [1, 0, 1, 2, 1], total: 5 }"
    );
    Ok(())
}

mod weighted_sums {
    use cxmetrics::{Likert5, WeightedTally};

    #[test]
    fn from_sums_round_trips_the_accessors() {
        let mut t = WeightedTally::<Likert5>::new();
        for (r, w) in [(5, 1.2), (4, 0.8), (2, 2.5), (5, 1.0), (3, 0.5), (4, 1.5), (1, 3.0)] {
            t.add(Likert5::new(r).expect("valid"), w).expect("valid weight");
        }
        let back = WeightedTally::<Likert5>::from_sums(t.sum_weights(), t.sum_squared_weights(), t.answer_counts())
            .expect("consistent");
        assert_eq!(back, t);
    }

    type Case<'a> = (&'a [f64], &'a [f64], &'a [u64], &'a str);

    #[test]
    fn from_sums_rejects_impossible_sums() {
        let ok_w = [1.0, 0.0, 0.0, 0.0, 2.0];
        let ok_w2 = [1.0, 0.0, 0.0, 0.0, 2.0];
        let ok_n = [1, 0, 0, 0, 2];
        assert!(WeightedTally::<Likert5>::from_sums(&ok_w, &ok_w2, &ok_n).is_ok());
        let cases: [Case; 6] = [
            (
                &ok_w[..4],
                &ok_w2,
                &ok_n,
                "number of per-point sums 4 is out of range: expected one entry per scale point",
            ),
            (
                &ok_w,
                &ok_w2,
                &[1, 0, 0, 0, 2, 0],
                "number of per-point sums 6 is out of range: expected one entry per scale point",
            ),
            (
                &[-1.0, 0.0, 0.0, 0.0, 2.0],
                &ok_w2,
                &ok_n,
                "sum of weights -1 is out of range: expected a finite value >= 0",
            ),
            (
                &ok_w,
                &[f64::NAN, 0.0, 0.0, 0.0, 2.0],
                &ok_n,
                "sum of weights NaN is out of range: expected a finite value >= 0",
            ),
            (
                &ok_w,
                &ok_w2,
                &[0, 0, 0, 0, 2],
                "sum of weights 1 is out of range: expected 0 exactly at points without answers",
            ),
            (
                &[2.0, 0.0, 0.0, 0.0, 2.0],
                &[5.0, 0.0, 0.0, 0.0, 2.0],
                &ok_n,
                "sum of squared weights 5 is out of range: expected between (Σw)²/n and (Σw)² for n answers",
            ),
        ];
        for (w, w2, n, message) in cases {
            let err = WeightedTally::<Likert5>::from_sums(w, w2, n).expect_err(message);
            assert_eq!(err.to_string(), message);
        }
        // Two answers of total weight 2 cannot have Σw² below 2.
        let err = WeightedTally::<Likert5>::from_sums(&ok_w, &[1.0, 0.0, 0.0, 0.0, 1.5], &ok_n).expect_err("too small");
        assert!(err.to_string().starts_with("sum of squared weights 1.5"));
    }
}

#[test]
fn checked_sub_removes_contained_answers_only() {
    let all = Tally::<ZeroToTen>::from_raw(&[10, 10, 9, 0, 3]).expect("valid");
    let some = Tally::<ZeroToTen>::from_raw(&[10, 0]).expect("valid");
    let rest = all.checked_sub(&some).expect("contained");
    assert_eq!(rest, Tally::from_raw(&[10, 9, 3]).expect("valid"));
    let mut back = rest.clone();
    back.merge(&some).expect("small");
    assert_eq!(back, all);
    assert!(some.checked_sub(&all).is_err());
    assert!(some.checked_sub(&Tally::from_raw(&[1]).expect("valid")).is_err());
    assert_eq!(all.checked_sub(&all), Ok(Tally::new()));
}
