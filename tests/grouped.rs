//! `GroupedTally` and `Validity` through the public API.

use cxmetrics::{Error, GroupedTally, Likert5, Nps, Tally, Validity, ZeroToTen};

#[track_caller]
fn totals<S: cxmetrics::Scale>(g: &GroupedTally<S>) -> Vec<u64> {
    g.iter().map(|(_, t)| t.total()).collect()
}

#[test]
fn add_raw_counts_each_answer_in_its_group_and_grows() {
    let mut g = GroupedTally::<ZeroToTen>::new();
    g.add_raw(&[2usize, 0, 2, 2], &[10, 0, 9, 3]).expect("valid");
    assert_eq!(totals(&g), [1, 0, 3]);
    assert_eq!(g.get(2).expect("group 2").counts(), &[0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1]);
    g.add_raw(&[5u32], &[7]).expect("valid");
    assert_eq!(totals(&g), [1, 0, 3, 0, 0, 1]);
    // Two `u64` indices, not only 1 (an index of 1 for every `u64`
    // survived as a mutant, shard 33).
    g.add_raw(&[1u64, 3], &[7, 8]).expect("valid");
    assert_eq!(totals(&g), [1, 1, 3, 1, 0, 1]);
    assert_eq!(Nps.score(g.get(2).expect("group 2")).expect("n = 3").rounded(), 33);
}

#[test]
fn a_rejected_batch_counts_nothing_and_adds_no_group() {
    let mut g = GroupedTally::<Likert5>::new();
    g.add_raw(&[0usize], &[5]).expect("valid");
    let before = g.clone();
    let cases: [(Result<(), Error>, &str); 4] = [
        (
            g.add_raw(&[0usize, 9, 3], &[5, 4, 0]),
            "rating 0 at index 2 is off the 1–5 scale",
        ),
        (
            g.add_raw(
                &vec![7usize; 100_001],
                &vec![1; 100_000].into_iter().chain([6]).collect::<Vec<u8>>(),
            ),
            "rating 6 at index 100000 is off the 1–5 scale",
        ),
        (
            g.add_raw(&[0usize, 1], &[5]),
            "number of group indices 2 is out of range: expected one group index per rating",
        ),
        (
            g.add_raw(&[0usize, usize::MAX], &[5, 5]),
            "group index 1.8446744073709552e19 is out of range: expected a dense group index whose groups fit in memory",
        ),
    ];
    for (result, message) in cases {
        assert_eq!(result.expect_err(message).to_string(), message);
        assert_eq!(g, before, "{message}");
        assert_eq!(g.len(), 1, "{message}");
    }
}

#[test]
fn allocation_failure_midway_takes_back_what_was_counted() {
    let mut g = GroupedTally::<Likert5>::new();
    g.add_raw(&[1usize], &[2]).expect("valid");
    let before = g.clone();
    // The first answers grow and count; the huge index then fails.
    let groups = [0usize, 3, 1, 1 << 60, 2];
    assert!(g.add_raw(&groups, &[5, 4, 3, 2, 1]).is_err());
    assert_eq!(g, before);
    assert_eq!(g.len(), 2);
}

#[test]
fn allocation_failure_midway_in_a_small_batch_takes_back_what_was_counted() -> Result<(), Error> {
    // A batch small beside the groups is counted straight into the tallies,
    // not through scratch counters (the test above): what it counted before
    // the huge index must be taken back too, with and without a bitmap.
    let mut g = GroupedTally::<Likert5>::new();
    g.resize(10_000)?;
    g.add_raw(&[1usize], &[2])?;
    let before = g.clone();
    let groups = [0usize, 3, 1, 1 << 60, 2];
    assert!(g.add_raw(&groups, &[5, 4, 3, 2, 1]).is_err());
    assert_eq!(g, before);
    let v = Validity::new(&[0b1_0111], 0, 5)?;
    assert!(g.add_raw_valid(&groups, &[5, 4, 3, 2, 1], v).is_err());
    assert_eq!(g, before);
    assert_eq!(g.get(1).map(Tally::total), Some(1));
    Ok(())
}

#[test]
fn validity_skips_missing_answers_but_keeps_their_groups() {
    let mut g = GroupedTally::<ZeroToTen>::new();
    let ratings = [10, 250, 3, 11, 9];
    // Bits 2.. of the bitmap: answers 0, 2, 4 present.
    let v = Validity::new(&[0b0101_0100], 2, 5).expect("fits");
    g.add_raw_valid(&[0u32, 1, 0, 3, 1], &ratings, v)
        .expect("junk is under unset bits");
    assert_eq!(totals(&g), [2, 1, 0, 0]);
    assert_eq!(g.get(0).expect("group 0").count(ZeroToTen::constant(10)), 1);

    let all = Validity::new(&[0xFF], 0, 5).expect("fits");
    let err = g
        .add_raw_valid(&[0u32; 5], &ratings, all)
        .expect_err("250 is present now");
    assert_eq!(err.to_string(), "rating 250 at index 1 is off the 0–10 scale");
    let short = Validity::new(&[0xFF], 0, 4).expect("fits");
    let err = g.add_raw_valid(&[0u32; 5], &ratings, short).expect_err("length");
    assert_eq!(
        err.to_string(),
        "validity bitmap length 4 is out of range: expected one bit per rating"
    );
    assert_eq!(totals(&g), [2, 1, 0, 0]);
}

#[test]
fn validity_new_checks_the_bitmap_covers_offset_plus_len() {
    let cases = [
        (&[0u8][..], 0, 9),
        (&[0, 0][..], 9, 8),
        (&[][..], 0, 1),
        (&[0][..], usize::MAX, 2),
    ];
    for (bits, offset, len) in cases {
        let err = Validity::new(bits, offset, len).expect_err("too short");
        assert_eq!(
            err.to_string(),
            format!(
                "validity bitmap bits {} is out of range: expected at least offset + len bits",
                bits.len() * 8
            )
        );
    }
    assert!(Validity::new(&[0, 0], 8, 8).is_ok());
}

#[test]
fn from_raw_valid_equals_from_raw_of_the_present_answers() {
    let ratings = [5, 0, 1, 9, 4, 4, 200, 3];
    let bits = [0b1011_0101u8];
    let v = Validity::new(&bits, 0, 8).expect("fits");
    let t = Tally::<Likert5>::from_raw_valid(&ratings, v).expect("present answers are valid");
    assert_eq!(t, Tally::from_raw(&[5, 1, 4, 4, 3]).expect("valid"));
    assert_eq!(v.answered(), 5);
}

#[test]
fn merge_is_groupwise_grows_and_is_atomic_on_overflow() {
    let mut a = GroupedTally::<ZeroToTen>::new();
    a.add_raw(&[0usize, 1], &[10, 0]).expect("valid");
    let mut b = GroupedTally::<ZeroToTen>::new();
    b.add_raw(&[1usize, 3], &[5, 5]).expect("valid");
    a.merge(&b).expect("small");
    assert_eq!(totals(&a), [1, 2, 0, 1]);

    let mut full = Tally::<ZeroToTen>::new();
    full.add_count(ZeroToTen::constant(5), u64::MAX).expect("fits");
    let mut big = GroupedTally::new();
    big.add_tally(1, &full).expect("fits");
    let before = a.clone();
    let err = a.merge(&big).expect_err("group 1 overflows");
    assert!(matches!(err, Error::CountOverflow { .. }));
    assert_eq!(a, before);
    assert!(a.add_tally(1, &full).is_err());
    assert_eq!(a, before);
}

/// One group (index 0) that already holds `answers` answers.
fn one_group_holding(answers: u64) -> GroupedTally<ZeroToTen> {
    let mut full = Tally::<ZeroToTen>::new();
    full.add_count(ZeroToTen::constant(5), answers).expect("fits");
    let mut g = GroupedTally::new();
    g.add_tally(0, &full).expect("fits");
    g
}

#[test]
fn counting_past_u64_max_in_a_group_is_an_error_not_a_wrap() {
    let mut g = one_group_holding(u64::MAX - 1);
    g.add_raw(&[0usize], &[3]).expect("one more fits");
    let before = g.clone();
    let err = g.add_raw(&[1usize, 0], &[3, 3]).expect_err("group 0 is full");
    assert!(matches!(err, Error::CountOverflow { .. }));
    assert_eq!(g, before);
    g.add_raw(&[1usize, 1], &[3, 3]).expect("group 1 has room");
    assert_eq!(g.get(1).map(Tally::total), Some(2));
}

#[test]
fn take_first_shifts_the_rest_down_and_take_all_empties() {
    let mut g = GroupedTally::<Likert5>::new();
    g.add_raw(&[0usize, 1, 2, 3, 3], &[1, 2, 3, 4, 5]).expect("valid");
    let first = g.take_first(2);
    assert_eq!(
        first,
        [
            Tally::from_raw(&[1]).expect("valid"),
            Tally::from_raw(&[2]).expect("valid")
        ]
    );
    assert_eq!(totals(&g), [1, 2]);
    g.add_raw(&[0usize], &[3]).expect("valid");
    assert_eq!(totals(&g), [2, 2]);
    assert_eq!(g.take_first(10).len(), 2);
    assert!(g.is_empty());
    g.add_raw(&[1usize], &[3]).expect("valid");
    assert_eq!(g.take_all().len(), 2);
    assert!(g.take_all().is_empty());
}

#[test]
fn resize_grows_and_refuses_to_shrink() {
    let mut g = GroupedTally::<Likert5>::with_groups(2).expect("small");
    g.resize(5).expect("grows");
    assert_eq!(totals(&g), [0; 5]);
    let err = g.resize(4).expect_err("would drop a group");
    assert_eq!(
        err.to_string(),
        "number of groups 4 is out of range: expected at least the current number of groups (resize never drops groups)"
    );
    assert!(g.resize(usize::MAX).is_err());
    assert_eq!(g.len(), 5);
}

#[test]
fn grouped_tally_is_send_sync_and_debug_names_the_scale() {
    fn check<T: Send + Sync + Clone + core::fmt::Debug + PartialEq>() {}
    check::<GroupedTally<ZeroToTen>>();
    check::<Validity<'static>>();
    assert!(GroupedTally::<ZeroToTen>::default().is_empty());
    let g = GroupedTally::<Likert5>::from(vec![Tally::new()]);
    assert!(format!("{g:?}").starts_with("GroupedTally { scale: \"Likert5\", groups: [Tally"));
}

#[cfg(feature = "serde")]
#[test]
fn serde_round_trips_and_validates() {
    let mut g = GroupedTally::<Likert5>::new();
    g.add_raw(&[0usize, 2, 2], &[5, 1, 3]).expect("valid");
    let json = serde_json::to_string(&g).expect("serializes");
    assert_eq!(
        json,
        r#"{"scale":"Likert5","groups":[[0,0,0,0,1],[0,0,0,0,0],[1,0,1,0,0]]}"#
    );
    let back: GroupedTally<Likert5> = serde_json::from_str(&json).expect("round trip");
    assert_eq!(back, g);
    for (bad, message) in [
        (
            r#"{"scale":"Likert7","groups":[]}"#,
            "expected a Likert5 grouped tally, found scale \"Likert7\"",
        ),
        (
            r#"{"scale":"Likert5","groups":[[1,2]]}"#,
            "group 0: number of counts 2 is out of range",
        ),
        (
            r#"{"scale":"Likert5","groups":[[0,0,0,0,0],[18446744073709551615,1,0,0,0]]}"#,
            "group 1: count overflow",
        ),
        (r#"{"scale":"Likert5","groups":[],"extra":1}"#, "unknown field `extra`"),
    ] {
        let err = serde_json::from_str::<GroupedTally<Likert5>>(bad)
            .expect_err(bad)
            .to_string();
        assert!(err.contains(message), "{bad}: {err}");
    }
}

mod keyed {
    use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};
    use cxmetrics::{Granularity, Likert5, Segments, Series, ZeroToTen};

    #[test]
    fn segments_add_raw_equals_adding_one_by_one() {
        let keys = ["b", "a", "a", "c", "a", "b", "b", "b"];
        let ratings = [10, 0, 9, 7, 7, 3, 3, 10];
        let mut bulk = Segments::<&str, ZeroToTen>::new();
        bulk.add("a", ZeroToTen::constant(5)).expect("small");
        let mut one = bulk.clone();
        bulk.add_raw(&keys, &ratings).expect("valid");
        for (k, r) in keys.iter().zip(ratings) {
            one.add(k, ZeroToTen::new(r).expect("valid")).expect("small");
        }
        assert_eq!(bulk, one);
    }

    #[test]
    fn segments_bulk_rejects_a_batch_whole() {
        let mut s = Segments::<u32, Likert5>::new();
        s.add_raw(&[7, 7], &[5, 4]).expect("valid");
        let before = s.clone();
        let err = s.add_raw(&[7, 8, 9], &[5, 4, 6]).expect_err("6 is off the scale");
        assert_eq!(err.to_string(), "rating 6 at index 2 is off the 1–5 scale");
        let err = s.add_raw(&[7, 8, 9], &[5, 4]).expect_err("lengths");
        assert_eq!(
            err.to_string(),
            "number of keys 3 is out of range: expected one per rating"
        );
        let err = s
            .add_raw_dictionary(&[1, 2], &[0, 1, 2], &[5, 5, 5])
            .expect_err("code 2");
        assert_eq!(
            err.to_string(),
            "dictionary code 2 is out of range: expected a code below the dictionary's length"
        );
        assert_eq!(s, before);
        s.add_raw_dictionary(&[1, 7], &[1, 0, 1], &[5, 5, 2]).expect("valid");
        assert_eq!(s.get(&7).map(cxmetrics::Tally::total), Some(4));
        assert_eq!(s.get(&1).map(cxmetrics::Tally::total), Some(1));
        assert_eq!(s.len(), 2, "dictionary entries without answers add no segment");
    }

    #[test]
    fn series_add_raw_equals_adding_one_by_one_on_any_calendar() {
        let t0 = Utc.with_ymd_and_hms(2025, 12, 28, 23, 30, 0).single().expect("valid");
        // Out of order, across day, week, month, quarter and year boundaries.
        let steps = [0i64, 7, 1, 95, -3, 2_000, 45, 30, 31, 200, 8_000, 1, 1];
        let times: Vec<DateTime<Utc>> = steps.iter().map(|&h| t0 + Duration::hours(h)).collect();
        let ratings: Vec<u8> = (0..times.len()).map(|i| (1 + i % 5) as u8).collect();
        for granularity in [
            Granularity::Day,
            Granularity::IsoWeek,
            Granularity::Month,
            Granularity::Quarter,
            Granularity::Year,
        ] {
            for hours in [-11, 0, 2, 14] {
                let offset = FixedOffset::east_opt(hours * 3600).expect("valid");
                let mut bulk = Series::<Likert5>::new(granularity, offset);
                let mut one = bulk.clone();
                bulk.add_raw(&times, &ratings).expect("valid");
                for (&at, &r) in times.iter().zip(&ratings) {
                    one.add_rating(at, Likert5::new(r).expect("valid")).expect("small");
                }
                assert_eq!(bulk, one, "{granularity:?} at UTC{hours:+}");
            }
        }
        let mut s = Series::<Likert5>::utc(Granularity::Day);
        let err = s.add_raw(&times[..2], &[5, 9]).expect_err("9 is off the scale");
        assert_eq!(err.to_string(), "rating 9 at index 1 is off the 1–5 scale");
        assert!(s.periods().next().is_none());
    }
}

#[test]
fn a_large_batch_near_u64_max_keeps_the_overflow_bound() {
    // Batches at least a quarter of the groups' counters long go through
    // scratch counters; the bound that lets a batch skip the overflow
    // checks must grow there as well (`bound += n` as `*=` survived
    // mutation testing: the second batch below wrapped the count).
    let mut g = one_group_holding(u64::MAX - 4);
    g.add_raw(&[0usize, 0], &[3, 3]).expect("two more fit");
    assert_eq!(g.get(0).map(Tally::total), Some(u64::MAX - 2));
    let before = g.clone();
    let err = g.add_raw(&[0usize, 0, 0], &[3, 3, 3]).expect_err("three more do not");
    assert!(matches!(err, Error::CountOverflow { .. }));
    assert_eq!(g, before);
    // The same through the bitmap path, which counts straight into the
    // tallies (`+=` as `*=` there survived too).
    let mut g = one_group_holding(u64::MAX - 4);
    let all = Validity::new(&[0xFF], 0, 3).expect("covers the batch");
    let two = Validity::new(&[0xFF], 0, 2).expect("covers the batch");
    g.add_raw_valid(&[0usize, 0], &[3, 3], two).expect("two more fit");
    assert_eq!(g.get(0).map(Tally::total), Some(u64::MAX - 2));
    let before = g.clone();
    let err = g
        .add_raw_valid(&[0usize, 0, 0], &[3, 3, 3], all)
        .expect_err("three more do not");
    assert!(matches!(err, Error::CountOverflow { .. }));
    assert_eq!(g, before);
}

#[test]
fn a_bad_group_late_in_a_bitmap_batch_takes_back_everything_counted() {
    // The answers counted before a group index that cannot be allocated
    // are taken back; past the first 64-answer word of the bitmap the
    // position is `word · 64 + bit` (`/ 64` survived mutation testing:
    // it took back only 36 of the 100 answers below).
    let mut g = GroupedTally::<Likert5>::new();
    g.add_raw(&[0usize, 2], &[4, 5]).expect("valid");
    let before = g.clone();
    let mut groups = vec![1usize; 130];
    groups[100] = usize::MAX;
    let ratings = vec![3u8; 130];
    let bits = vec![0xFF; 17];
    let valid = Validity::new(&bits, 0, 130).expect("covers the batch");
    let err = g
        .add_raw_valid(&groups, &ratings, valid)
        .expect_err("no room for the group");
    assert!(matches!(err, Error::InvalidArgument { .. }), "{err}");
    assert_eq!(g, before);
}

#[test]
fn a_group_index_too_large_for_memory_is_named_exactly() {
    // The error names the largest group index asked for (`len − 1` of the
    // groups it would need). Near 10¹⁷ doubles are 16 apart; this index
    // rounds down to …000 and the next one up to …016, so the value in
    // the message tells the index from the number of groups. The vector
    // of tallies would exceed `isize::MAX` bytes: refused before any
    // allocation.
    let index: usize = 97_600_000_000_000_008;
    let message = "group index 9.76e16 is out of range: expected a dense group index whose groups fit in memory";
    let mut g = GroupedTally::<Likert5>::new();
    assert_eq!(g.add_raw(&[index], &[5]).expect_err("too large").to_string(), message);
    assert_eq!(g.resize(index + 1).expect_err("too large").to_string(), message);
    assert!(g.is_empty());
}
