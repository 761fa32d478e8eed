//! Property tests: merge laws (plain and weighted), bulk path = one-by-one,
//! scores in range, interval laws.

use cxmetrics::{CesAgreement, Csat, Likert5, Likert7, Mean, Nps, Scale, Tally, ZeroToTen};
use proptest::prelude::*;

/// Bytes that are mostly valid ratings on `S`, sometimes anything at all.
fn raw<S: Scale>(max_len: usize) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(prop_oneof![9 => S::MIN..=S::MAX, 1 => any::<u8>()], 0..max_len)
}

fn valid<S: Scale>(max_len: usize) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(S::MIN..=S::MAX, 0..max_len)
}

fn tally<S: Scale>(bytes: &[u8]) -> Result<Tally<S>, cxmetrics::Error> {
    Tally::from_raw(bytes)
}

/// Collecting one answer at a time through the validating constructor.
fn one_by_one<S: Scale>(bytes: &[u8]) -> Result<Tally<S>, cxmetrics::Error> {
    bytes.iter().map(|&b| S::new(b)).collect()
}

fn check_bulk<S: Scale>(bytes: &[u8]) -> Result<(), TestCaseError> {
    match (Tally::<S>::from_raw(bytes), one_by_one::<S>(bytes)) {
        (Ok(bulk), Ok(single)) => prop_assert_eq!(bulk, single),
        (Err(e), Err(_)) => {
            let first = bytes.iter().position(|&b| S::new(b).is_err()).expect("an invalid byte");
            let expected = format!(
                "rating {} at index {first} is off the {}–{} scale",
                bytes[first],
                S::MIN,
                S::MAX
            );
            prop_assert_eq!(e.to_string(), expected);
        }
        (bulk, single) => prop_assert!(false, "bulk {:?} vs one-by-one {:?}", bulk, single),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn bulk_path_equals_one_by_one_for_any_bytes(bytes in raw::<ZeroToTen>(3000)) {
        check_bulk::<ZeroToTen>(&bytes)?;
        check_bulk::<Likert5>(&bytes)?;
        check_bulk::<Likert7>(&bytes)?;
        // The NPS and share fast paths agree with the tally, or fail at the same byte.
        match (Nps.score_raw(&bytes), Tally::<ZeroToTen>::from_raw(&bytes)) {
            (Ok(fast), Ok(t)) => prop_assert_eq!(fast, Nps.score(&t)?),
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (Err(_), Ok(t)) => prop_assert!(t.is_empty()),
            (Ok(_), Err(e)) => prop_assert!(false, "fast path accepted what the tally rejected: {}", e),
        }
    }

    #[test]
    fn bulk_path_over_block_boundaries(len in 16_000usize..40_000, bad in any::<prop::sample::Index>(), value in 11u8..) {
        let mut bytes: Vec<u8> = (0..len).map(|i| (i % 11) as u8).collect();
        prop_assert_eq!(tally::<ZeroToTen>(&bytes)?, one_by_one::<ZeroToTen>(&bytes)?);
        let at = bad.index(len);
        bytes[at] = value;
        let err = Tally::<ZeroToTen>::from_raw(&bytes).expect_err("invalid byte");
        let needle = format!("at index {at} ");
        prop_assert!(err.to_string().contains(&needle), "{} lacks {}", err, needle);
    }

    #[test]
    fn merge_is_associative_commutative_and_equals_concatenation(
        a in valid::<ZeroToTen>(300), b in valid::<ZeroToTen>(300), c in valid::<ZeroToTen>(300),
    ) {
        let (ta, tb, tc) = (tally::<ZeroToTen>(&a)?, tally::<ZeroToTen>(&b)?, tally::<ZeroToTen>(&c)?);
        let mut ab = ta.clone();
        ab.merge(&tb)?;
        let mut ba = tb.clone();
        ba.merge(&ta)?;
        prop_assert_eq!(&ab, &ba);
        let mut ab_c = ab.clone();
        ab_c.merge(&tc)?;
        let mut bc = tb.clone();
        bc.merge(&tc)?;
        let mut a_bc = ta.clone();
        a_bc.merge(&bc)?;
        prop_assert_eq!(&ab_c, &a_bc);
        let concat: Vec<u8> = a.iter().chain(&b).chain(&c).copied().collect();
        prop_assert_eq!(&ab_c, &tally::<ZeroToTen>(&concat)?);
        prop_assert_eq!(ab_c.total(), concat.len() as u64);
    }

    #[test]
    fn scores_stay_in_range(nps in valid::<ZeroToTen>(500), five in valid::<Likert5>(500), seven in valid::<Likert7>(500)) {
        prop_assume!(!nps.is_empty() && !five.is_empty() && !seven.is_empty());
        let n = Nps.score_raw(&nps)?;
        prop_assert!((-1.0..=1.0).contains(&n.value()));
        prop_assert!((-100..=100).contains(&n.rounded()));
        prop_assert!((n.points() - 100.0 * n.value()).abs() < 1e-9);
        let s = Csat::default().score(&tally::<Likert5>(&five)?)?;
        prop_assert!((0.0..=1.0).contains(&s.value()));
        prop_assert!((0..=100).contains(&s.rounded()));
        let m = CesAgreement::default().mean(&tally::<Likert7>(&seven)?)?;
        prop_assert!((1.0..=7.0).contains(&m.value()));
        prop_assert!((0.0..=1.0).contains(&m.index()));
        if let Some(sd) = m.sd() {
            // Popoviciu: the sample sd is at most half the range times √(n/(n−1)).
            let n = seven.len() as f64;
            prop_assert!((0.0..=3.0 * (n / (n - 1.0)).sqrt() * (1.0 + 1e-12)).contains(&sd));
        }
        let direct: f64 = seven.iter().map(|&x| f64::from(x)).sum::<f64>() / seven.len() as f64;
        prop_assert!((Mean.score(&tally::<Likert7>(&seven)?)?.value() - direct).abs() < 1e-12);
    }

    #[test]
    fn rounding_matches_exact_integer_arithmetic(d in 0u64..1000, o in 0u64..1000, p in 0u64..1000) {
        prop_assume!(d + o + p > 0);
        let nps = Nps.score_counts(d, o, p)?;
        let (num, den) = (100 * (i64::try_from(p).unwrap_or(0) - i64::try_from(d).unwrap_or(0)), i64::try_from(d + o + p).unwrap_or(1));
        // Half away from zero: |2·num| + den over 2·den, truncated, with num's sign.
        let expected = num.signum() * ((2 * num.abs() + den) / (2 * den));
        prop_assert_eq!(nps.rounded(), expected);
        prop_assert!((nps.points() - nps.rounded() as f64).abs() <= 0.5);
    }
}

mod inference {
    use cxmetrics::inference::{NetScoreMethod, ShareMethod, VarianceMethod};
    use cxmetrics::{ConfidenceLevel, Csat, Likert5, Nps, Tally, WeightedTally};
    use proptest::prelude::*;

    const LEVELS: [ConfidenceLevel; 4] = [
        ConfidenceLevel::P80,
        ConfidenceLevel::P90,
        ConfidenceLevel::P95,
        ConfidenceLevel::P99,
    ];

    fn share(x: u64, n: u64) -> Result<cxmetrics::Share, cxmetrics::Error> {
        Csat::default().score(&Tally::<Likert5>::from_counts(&[n - x, 0, 0, 0, x])?)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn nps_intervals_bound_the_estimate_and_widen_with_level(d in 0u64..300, o in 0u64..300, p in 0u64..300) {
            prop_assume!(d + o + p > 0);
            let nps = Nps.score_counts(d, o, p)?;
            for method in [NetScoreMethod::Score, NetScoreMethod::AdjustedWald, NetScoreMethod::Wald] {
                let mut previous = 0.0;
                for level in LEVELS {
                    let i = nps.interval(cxmetrics::inference::Options::new().level(level).method(method));
                    prop_assert!(-1.0 <= i.lower() && i.lower() <= i.upper() && i.upper() <= 1.0);
                    if method != NetScoreMethod::AdjustedWald {
                        // Adjusted Wald may exclude the estimate for tiny extreme samples (METHODS.md §1.3).
                        prop_assert!(i.contains(nps.value()), "{:?} {} excludes {}", method, i, nps.value());
                    }
                    prop_assert!(i.width() >= previous - 1e-12, "{:?} narrower at {}", method, level);
                    previous = i.width();
                }
            }
        }

        #[test]
        fn share_intervals_bound_the_estimate_and_widen_with_level(n in 1u64..500, x in any::<prop::sample::Index>()) {
            let x = x.index(n as usize + 1) as u64;
            let s = share(x, n)?;
            for method in [ShareMethod::Wilson, ShareMethod::AgrestiCoull, ShareMethod::ClopperPearson, ShareMethod::Jeffreys, ShareMethod::Wald] {
                let mut previous = 0.0;
                for level in LEVELS {
                    let i = s.interval(cxmetrics::inference::Options::new().level(level).method(method));
                    prop_assert!(0.0 <= i.lower() && i.lower() <= i.upper() && i.upper() <= 1.0);
                    if matches!(method, ShareMethod::Wilson | ShareMethod::ClopperPearson | ShareMethod::Wald) {
                        prop_assert!(i.contains(s.value()), "{:?} {} excludes {}", method, i, s.value());
                    }
                    prop_assert!(i.width() >= previous - 1e-12);
                    previous = i.width();
                }
            }
        }

        #[test]
        fn exact_intervals_stay_sound_for_huge_samples(n in 1_000_000u64..10_000_000_000, x in any::<prop::sample::Index>()) {
            let x = [0, 1, 3, x.index(1000) as u64, n / 2, n - 5, n][x.index(7)].min(n);
            let s = share(x, n)?;
            let wilson = s.interval(ConfidenceLevel::P95);
            for method in [ShareMethod::ClopperPearson, ShareMethod::Jeffreys] {
                let i = s.interval(cxmetrics::inference::Options::new().level(ConfidenceLevel::P95).method(method));
                prop_assert!(0.0 <= i.lower() && i.lower() < i.upper() && i.upper() <= 1.0, "{:?} {}", method, i);
                if method == ShareMethod::ClopperPearson {
                    prop_assert!(i.contains(s.value()));
                }
                // Away from the boundary every method agrees with Wilson to well within its width.
                if x >= 1000 && n - x >= 1000 {
                    prop_assert!((i.lower() - wilson.lower()).abs() <= 0.05 * wilson.width(), "{:?} {} vs {}", method, i, wilson);
                    prop_assert!((i.upper() - wilson.upper()).abs() <= 0.05 * wilson.width(), "{:?} {} vs {}", method, i, wilson);
                }
            }
        }

        #[test]
        fn larger_samples_with_the_same_mix_are_narrower(d in 0u64..50, o in 0u64..50, p in 0u64..50, k in 2u64..20) {
            prop_assume!(d + o + p > 0);
            let (small, large) = (Nps.score_counts(d, o, p)?, Nps.score_counts(k * d, k * o, k * p)?);
            for level in LEVELS {
                prop_assert!(large.interval(level).width() < small.interval(level).width());
                let (a, b) = (share(p, d + o + p)?, share(k * p, k * (d + o + p))?);
                prop_assert!(b.interval(level).width() < a.interval(level).width());
            }
        }

        #[test]
        fn intervals_exclude_a_benchmark_exactly_when_the_score_test_rejects(
            d in 0u64..200, o in 0u64..200, p in 0u64..200, b in -0.99f64..0.99, q in 0.01f64..0.99,
        ) {
            prop_assume!(d + o + p > 0);
            let nps = Nps.score_counts(d, o, p)?;
            let share = share(p, d + o + p)?;
            for level in LEVELS {
                let i = nps.interval(level);
                // Skip benchmarks within bisection precision of a limit.
                if (b - i.lower()).abs() > 1e-9 && (b - i.upper()).abs() > 1e-9 {
                    prop_assert_eq!(!i.contains(b), nps.test(b, cxmetrics::inference::NetScoreMethod::default())?.rejects(level), "NPS {} vs {} at {}", i, b, level);
                }
                let w = share.interval(level);
                if (q - w.lower()).abs() > 1e-12 && (q - w.upper()).abs() > 1e-12 {
                    prop_assert_eq!(!w.contains(q), share.test(q, cxmetrics::inference::ShareTest::default())?.rejects(level), "share {} vs {} at {}", w, q, level);
                }
            }
        }

        #[test]
        fn t_intervals_exclude_a_mean_exactly_when_the_t_test_rejects(
            counts in prop::collection::vec(0u64..60, 5), mu0 in 1.0f64..=5.0,
        ) {
            let t = Tally::<Likert5>::from_counts(&counts)?;
            prop_assume!(t.total() >= 2);
            let m = cxmetrics::Mean.score(&t)?;
            for level in LEVELS {
                let test = m.test(mu0)?;
                match m.interval(level) {
                    Some(i) if i.width() > 0.0 && (mu0 - i.lower()).abs() > 1e-9 && (mu0 - i.upper()).abs() > 1e-9 => {
                        prop_assert_eq!(!i.contains(mu0), test.rejects(level), "{} vs {}", i, mu0);
                    }
                    // No spread: the t statistic is undefined and never rejects.
                    Some(i) if i.width() == 0.0 => prop_assert!(test.statistic().is_none()),
                    _ => {}
                }
            }
        }

        #[test]
        fn equal_weights_reduce_to_the_unweighted_estimates(counts in prop::collection::vec(0u64..40, 5), w in 0.1f64..10.0) {
            let t = Tally::<Likert5>::from_counts(&counts)?;
            prop_assume!(!t.is_empty());
            let mut weighted = WeightedTally::new();
            for (r, n) in t.iter() {
                for _ in 0..n {
                    weighted.add(r, w)?;
                }
            }
            let (plain, kish) = (Csat::default().score(&t)?, Csat::default().score(&weighted)?);
            prop_assert!((plain.value() - kish.value()).abs() < 1e-12);
            prop_assert!((kish.n_eff() - t.total() as f64).abs() < 1e-9 * t.total() as f64);
            prop_assert!((plain.standard_error() - kish.standard_error()).abs() < 1e-9);
            let lin = kish.with_variance(VarianceMethod::Linearized).standard_error();
            prop_assert!((lin - plain.with_variance(VarianceMethod::Linearized).standard_error()).abs() < 1e-9);
            let (m, mw) = (cxmetrics::Mean.score(&t)?, cxmetrics::Mean.score(&weighted)?);
            prop_assert!((m.value() - mw.value()).abs() < 1e-12);
            match (m.standard_error(), mw.standard_error()) {
                (Some(a), Some(b)) => prop_assert!((a - b).abs() < 1e-9),
                (a, b) => prop_assert_eq!(a, b),
            }
        }
    }
}

mod weighted {
    use cxmetrics::{Csat, Error, Mean, Nps, RatingSet, WeightedTally, ZeroToTen};
    use proptest::prelude::*;

    /// Answers with weights: mostly positive, sometimes 0.
    fn answers() -> impl Strategy<Value = Vec<(u8, f64)>> {
        prop::collection::vec((0u8..=10, prop_oneof![1 => Just(0.0), 9 => 0.01f64..100.0]), 0..200)
    }

    fn tally(answers: &[(u8, f64)]) -> Result<WeightedTally<ZeroToTen>, Error> {
        let mut t = WeightedTally::new();
        for &(r, w) in answers {
            t.add(ZeroToTen::new(r)?, w)?;
        }
        Ok(t)
    }

    fn merged(a: &WeightedTally<ZeroToTen>, b: &WeightedTally<ZeroToTen>) -> Result<WeightedTally<ZeroToTen>, Error> {
        let mut m = a.clone();
        m.merge(b)?;
        Ok(m)
    }

    /// Within float tolerance, `a` and `b` hold the same answers and the
    /// same weight at every point, and score the same.
    fn assert_close(a: &WeightedTally<ZeroToTen>, b: &WeightedTally<ZeroToTen>) -> Result<(), TestCaseError> {
        prop_assert_eq!(a.answers(), b.answers());
        let total = a.total_weight();
        prop_assert!(
            (total - b.total_weight()).abs() <= 1e-12 * total.max(1.0),
            "{:?} vs {:?}",
            a,
            b
        );
        match (a.n_eff(), b.n_eff()) {
            (Some(x), Some(y)) => prop_assert!((x - y).abs() <= 1e-9 * x, "n_eff {} vs {}", x, y),
            (x, y) => prop_assert_eq!(x, y),
        }
        if total == 0.0 {
            prop_assert!(Nps.score(a).is_err() && Nps.score(b).is_err());
            return Ok(());
        }
        for rating in ZeroToTen::all() {
            // The weight share of one point: Σw at the point over Σw.
            let point = Csat::new(RatingSet::new([rating])?);
            let (x, y) = (point.score(a)?.value(), point.score(b)?.value());
            prop_assert!((x - y).abs() <= 1e-12, "weight share of {}: {} vs {}", rating, x, y);
        }
        let (x, y) = (Nps.score(a)?, Nps.score(b)?);
        prop_assert!((x.value() - y.value()).abs() <= 1e-12, "NPS {} vs {}", x, y);
        prop_assert!((x.standard_error() - y.standard_error()).abs() <= 1e-9 * x.standard_error().max(1e-3));
        let (x, y) = (Mean.score(a)?, Mean.score(b)?);
        prop_assert!((x.value() - y.value()).abs() <= 1e-11, "mean {} vs {}", x, y);
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn merge_equals_adding_every_weight_to_one_tally(a in answers(), b in answers()) {
            let all: Vec<(u8, f64)> = a.iter().chain(&b).copied().collect();
            assert_close(&merged(&tally(&a)?, &tally(&b)?)?, &tally(&all)?)?;
        }

        #[test]
        fn merge_is_commutative_and_associative(a in answers(), b in answers(), c in answers()) {
            let (ta, tb, tc) = (tally(&a)?, tally(&b)?, tally(&c)?);
            // Addition of two floats commutes exactly, point by point.
            prop_assert_eq!(merged(&ta, &tb)?, merged(&tb, &ta)?);
            assert_close(&merged(&merged(&ta, &tb)?, &tc)?, &merged(&ta, &merged(&tb, &tc)?)?)?;
        }

        #[test]
        fn merging_an_empty_tally_changes_nothing(a in answers()) {
            let ta = tally(&a)?;
            prop_assert_eq!(&merged(&ta, &WeightedTally::new())?, &ta);
            prop_assert_eq!(&merged(&WeightedTally::new(), &ta)?, &ta);
        }
    }
}

/// Effort and operational analyses are mergeable accumulators: shards
/// tallied apart and merged equal one pass over all the feedback.
mod accumulators {
    use chrono::DateTime;
    use core::time::Duration;
    use cxmetrics::effort::{DriverTally, EffortDriver, EffortLoyaltyTally, ces_by_driver, nps_by_effort};
    use cxmetrics::operations::{ResolutionTally, ResolutionTimes, first_contact_resolution, time_to_resolution};
    use cxmetrics::{ConfidenceLevel, Feedback, Likert7, ZeroToTen};
    use proptest::prelude::*;

    fn feedback() -> impl Strategy<Value = Feedback> {
        (
            proptest::option::of(0u8..=10),
            proptest::option::of(1u8..=7),
            proptest::option::of(any::<bool>()),
            proptest::option::of(0u32..3),
            proptest::option::of(0u64..100_000),
        )
            .prop_map(|(nps, ces, fcr, transfers, secs)| {
                let mut f = Feedback::new(DateTime::from_timestamp(0, 0).expect("epoch"));
                if let Some(v) = nps {
                    f = f.with_nps(ZeroToTen::new(v).expect("on scale"));
                }
                if let Some(v) = ces {
                    f = f.with_ces(Likert7::new(v).expect("on scale"));
                }
                if let Some(v) = fcr {
                    f = f.with_first_contact_resolution(v);
                }
                if let Some(v) = transfers {
                    f = f.with_transfers(v);
                }
                if let Some(v) = secs {
                    f = f.with_time_to_resolution(Duration::from_secs(v));
                }
                f
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn shards_merge_into_one_pass(all in proptest::collection::vec(feedback(), 0..60), cut in 0usize..60) {
            let cut = cut.min(all.len());
            let (left, right) = all.split_at(cut);

            let mut loyalty: EffortLoyaltyTally = left.iter().collect();
            loyalty.merge(&right.iter().collect())?;
            prop_assert_eq!(&loyalty, &all.iter().collect::<EffortLoyaltyTally>());
            let one_pass = nps_by_effort(&all, ConfidenceLevel::P95);
            prop_assert_eq!(loyalty.report(ConfidenceLevel::P95), one_pass);

            let mut driver = DriverTally::new(EffortDriver::Transferred);
            let mut other = DriverTally::new(EffortDriver::Transferred);
            for f in left { driver.add(f)?; }
            for f in right { other.add(f)?; }
            driver.merge(&other)?;
            prop_assert_eq!(driver.report(ConfidenceLevel::P95), ces_by_driver(&all, EffortDriver::Transferred, ConfidenceLevel::P95));

            let mut fcr: ResolutionTally = left.iter().collect();
            fcr.merge(&right.iter().collect());
            prop_assert_eq!(fcr.report(), first_contact_resolution(&all));

            let mut times: ResolutionTimes = left.iter().collect();
            times.merge(&right.iter().collect());
            prop_assert_eq!(times.report(), time_to_resolution(&all));
        }
    }

    #[test]
    fn drivers_do_not_mix() {
        let mut a = DriverTally::new(EffortDriver::Transferred);
        let err = a.merge(&DriverTally::new(EffortDriver::ReExplained)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot compare CES by \"transferred\" with CES by \"had to re-explain\""
        );
    }
}

/// Grouped tallies and validity bitmaps against counting one answer at a time.
mod grouped {
    use cxmetrics::{Csat, Error, GroupedTally, Likert5, Nps, Scale, Tally, Validity, ZeroToTen};
    use proptest::prelude::*;

    use super::raw;

    /// The tallies one answer at a time: `None` in `present` counts
    /// everything; otherwise only present answers are validated and counted.
    fn reference<S: Scale>(groups: &[usize], bytes: &[u8], present: Option<&[bool]>) -> Result<Vec<Tally<S>>, usize> {
        let mut out: Vec<Tally<S>> = Vec::new();
        for (i, (&g, &b)) in groups.iter().zip(bytes).enumerate() {
            if out.len() <= g {
                out.resize(g + 1, Tally::new());
            }
            if present.is_some_and(|p| !p[i]) {
                continue;
            }
            out[g].add(S::new(b).map_err(|_| i)?).expect("small");
        }
        Ok(out)
    }

    fn expected_error<S: Scale>(bytes: &[u8], at: usize) -> String {
        format!(
            "rating {} at index {at} is off the {}–{} scale",
            bytes[at],
            S::MIN,
            S::MAX
        )
    }

    fn check_grouped<S: Scale>(
        start: &GroupedTally<S>,
        groups: &[usize],
        bytes: &[u8],
        validity: Option<(Validity<'_>, &[bool])>,
    ) -> Result<(), TestCaseError> {
        let mut g = start.clone();
        let result = match validity {
            None => g.add_raw(groups, bytes),
            Some((v, _)) => g.add_raw_valid(groups, bytes, v),
        };
        match reference::<S>(groups, bytes, validity.map(|(_, p)| p)) {
            Ok(batch) => {
                prop_assert!(result.is_ok());
                let mut expected = start.clone();
                expected.merge(&GroupedTally::from(batch)).expect("small");
                prop_assert_eq!(g, expected);
            }
            Err(at) => {
                let err: Error = result.expect_err("an invalid present byte");
                prop_assert_eq!(err.to_string(), expected_error::<S>(bytes, at));
                prop_assert_eq!(&g, start, "a rejected batch changed the tally");
            }
        }
        Ok(())
    }

    /// Group indices, ratings (sometimes invalid), validity bytes and a bit offset.
    fn batch(max_len: usize) -> impl Strategy<Value = (Vec<usize>, Vec<u8>, Vec<u8>, usize)> {
        raw::<ZeroToTen>(max_len).prop_flat_map(|bytes| {
            let n = bytes.len();
            (
                prop::collection::vec(prop_oneof![3 => 0usize..4, 1 => 0usize..300], n),
                Just(bytes),
                prop::collection::vec(any::<u8>(), n / 8 + 2),
                0usize..9,
            )
        })
    }

    fn bits(validity: &[u8], offset: usize, n: usize) -> Vec<bool> {
        (offset..offset + n)
            .map(|b| validity[b / 8] >> (b % 8) & 1 == 1)
            .collect()
    }

    /// Valid answers from a sub-range of the scale (so that a lane's
    /// maximum may stay below the top of the scale), with zero to two
    /// invalid bytes anywhere: each lands in a whole chunk of a kernel's
    /// lanes, not only in the first one.
    fn sparse_bad<S: Scale>(max_len: usize) -> impl Strategy<Value = Vec<u8>> {
        (S::MIN..=S::MAX, S::MIN..=S::MAX).prop_flat_map(move |(a, b)| {
            let valid = prop::collection::vec(a.min(b)..=a.max(b), 0..max_len);
            let bad = any::<u8>().prop_filter("off the scale", |&x| S::new(x).is_err());
            (valid, prop::collection::vec((any::<prop::sample::Index>(), bad), 0..3)).prop_map(|(mut bytes, bad)| {
                if !bytes.is_empty() {
                    for (at, x) in bad {
                        let i = at.index(bytes.len());
                        bytes[i] = x;
                    }
                }
                bytes
            })
        })
    }

    /// An LSB-first bitmap over `offset + n` bits, about `density` % of
    /// them set, from a xorshift stream seeded by `seed`.
    fn random_bitmap(seed: u64, density: u32, n: usize, offset: usize) -> Vec<u8> {
        let mut x = seed | 1;
        (0..=(n + offset) / 8)
            .map(|_| {
                let mut byte = 0u8;
                for i in 0..8 {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    if (x % 100) < u64::from(density) {
                        byte |= 1 << i;
                    }
                }
                byte
            })
            .collect()
    }

    /// The bitmap paths against counting the present answers one by one:
    /// `Tally::from_raw_valid`, and a metric's `score_raw_valid` (`masked`)
    /// against the same metric scored from that tally (`from_tally`); with
    /// an invalid present byte, both name it and its index.
    fn check_bitmap<S: Scale, E: PartialEq + core::fmt::Debug>(
        bytes: &[u8],
        seed: u64,
        density: u32,
        offset: usize,
        masked: impl Fn(&[u8], Validity<'_>) -> Result<E, Error>,
        from_tally: impl Fn(&Tally<S>) -> Result<E, Error>,
    ) -> Result<(), TestCaseError> {
        let n = bytes.len();
        let validity = random_bitmap(seed, density, n, offset);
        let present = bits(&validity, offset, n);
        let v = Validity::new(&validity, offset, n).expect("long enough");
        prop_assert_eq!(v.answered(), present.iter().filter(|&&p| p).count() as u64);
        let kept: Vec<u8> = bytes
            .iter()
            .zip(&present)
            .filter(|&(_, &p)| p)
            .map(|(&b, _)| b)
            .collect();
        match present.iter().zip(bytes).position(|(&p, &b)| p && S::new(b).is_err()) {
            None => {
                let t = Tally::<S>::from_raw_valid(bytes, v).expect("present answers are valid");
                prop_assert_eq!(&t, &Tally::from_raw(&kept).expect("valid"));
                if !t.is_empty() {
                    prop_assert_eq!(masked(bytes, v).expect("answers"), from_tally(&t).expect("answers"));
                }
            }
            Some(at) => {
                let err = Tally::<S>::from_raw_valid(bytes, v).expect_err("invalid present byte");
                prop_assert_eq!(err.to_string(), expected_error::<S>(bytes, at));
                let err = masked(bytes, v).expect_err("invalid present byte");
                prop_assert_eq!(err.to_string(), expected_error::<S>(bytes, at));
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn grouped_bulk_equals_one_by_one((groups, bytes, validity, offset) in batch(2500)) {
            let mut start = GroupedTally::<ZeroToTen>::new();
            start.add_raw(&[1usize, 5], &[10, 0]).expect("valid");
            check_grouped(&start, &groups, &bytes, None)?;
            let present = bits(&validity, offset, bytes.len());
            let v = Validity::new(&validity, offset, bytes.len()).expect("long enough");
            check_grouped(&start, &groups, &bytes, Some((v, &present)))?;
            let groups32: Vec<u32> = groups.iter().map(|&g| g as u32).collect();
            let mut a = start.clone();
            let mut b = start.clone();
            prop_assert_eq!(a.add_raw(&groups32, &bytes).is_ok(), b.add_raw(&groups, &bytes).is_ok());
            prop_assert_eq!(a, b);
        }

        #[test]
        fn bitmap_tally_and_csat_equal_counting_present_answers(
            bytes in prop_oneof![raw::<Likert5>(20_000), sparse_bad::<Likert5>(20_000)],
            seed in any::<u64>(),
            density in 0u32..=100,
            offset in 0usize..17,
        ) {
            // `Csat::score_raw_valid` counts through the top-box matcher's
            // masked kernel, not the point counts'.
            let csat = Csat::default();
            check_bitmap::<Likert5, _>(&bytes, seed, density, offset, |b, v| csat.score_raw_valid(b, v), |t| csat.score(t))?;
        }

        #[test]
        fn bitmap_tally_and_nps_equal_counting_present_answers(
            bytes in prop_oneof![raw::<ZeroToTen>(5_000), sparse_bad::<ZeroToTen>(5_000)],
            seed in any::<u64>(),
            density in 0u32..=100,
            offset in 0usize..17,
        ) {
            // `Nps::score_raw_valid` counts through the NPS matcher's own
            // masked kernel.
            check_bitmap::<ZeroToTen, _>(&bytes, seed, density, offset, |b, v| Nps.score_raw_valid(b, v), |t| Nps.score(t))?;
        }

        #[test]
        fn grouped_merge_is_associative_commutative_and_equals_concatenation(
            (ga, ra) in (0usize..300).prop_flat_map(|n| (prop::collection::vec(0usize..20, n), prop::collection::vec(0u8..=10, n))),
            (gb, rb) in (0usize..300).prop_flat_map(|n| (prop::collection::vec(0usize..20, n), prop::collection::vec(0u8..=10, n))),
            (gc, rc) in (0usize..300).prop_flat_map(|n| (prop::collection::vec(0usize..20, n), prop::collection::vec(0u8..=10, n))),
        ) {
            let make = |g: &[usize], r: &[u8]| {
                let mut t = GroupedTally::<ZeroToTen>::new();
                t.add_raw(g, r).expect("valid");
                t
            };
            let (a, b, c) = (make(&ga, &ra), make(&gb, &rb), make(&gc, &rc));
            let mut ab = a.clone();
            ab.merge(&b).expect("small");
            let mut ba = b.clone();
            ba.merge(&a).expect("small");
            prop_assert_eq!(&ab, &ba);
            let mut ab_c = ab.clone();
            ab_c.merge(&c).expect("small");
            let mut bc = b.clone();
            bc.merge(&c).expect("small");
            let mut a_bc = a.clone();
            a_bc.merge(&bc).expect("small");
            prop_assert_eq!(&ab_c, &a_bc);
            let mut both = a.clone();
            both.add_raw(&gb, &rb).expect("valid");
            prop_assert_eq!(&both, &ab);
        }
    }

    #[cfg(feature = "serde")]
    proptest! {
        #[test]
        fn grouped_serde_round_trips(
            (g, r) in (0usize..200).prop_flat_map(|n| (prop::collection::vec(0usize..30, n), prop::collection::vec(1u8..=5, n))),
        ) {
            let mut t = GroupedTally::<Likert5>::new();
            t.add_raw(&g, &r).expect("valid");
            let json = serde_json::to_string(&t).expect("serializes");
            let back: GroupedTally<Likert5> = serde_json::from_str(&json).expect("round trip");
            prop_assert_eq!(back, t);
        }
    }
}

/// Keyed bulk counting with `String` keys, packed whole up to 16 bytes and
/// compared in full past that: keys that differ in a single byte, anywhere
/// (past 16 bytes, also in the middle, which the packed form leaves out),
/// of any length up to 40.
mod keyed_strings {
    use cxmetrics::{Segments, ZeroToTen};
    use proptest::prelude::*;

    /// A pool of keys: one base string per length, and copies of each with
    /// one byte changed, so equal-length keys share all but one byte.
    fn pool() -> impl Strategy<Value = Vec<String>> {
        (
            prop::collection::vec(b'a'..=b'z', 40),
            prop::collection::vec((0usize..=40, any::<prop::sample::Index>()), 1..30),
        )
            .prop_map(|(base, picks)| {
                picks
                    .into_iter()
                    .map(|(len, at)| {
                        let mut key = base[..len].to_vec();
                        if len > 0 {
                            let i = at.index(len);
                            key[i] = key[i].wrapping_add(1);
                        }
                        String::from_utf8(key).expect("ASCII")
                    })
                    .chain((0..=40).map(|len| String::from_utf8(base[..len].to_vec()).expect("ASCII")))
                    .collect()
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn string_keys_count_as_one_by_one(
            (keys, picks) in pool().prop_flat_map(|keys| {
                let n = keys.len();
                (Just(keys), prop::collection::vec((0..n, 0u8..=10), 0..2_000))
            }),
        ) {
            let column: Vec<String> = picks.iter().map(|&(k, _)| keys[k].clone()).collect();
            let ratings: Vec<u8> = picks.iter().map(|&(_, x)| x).collect();
            let mut bulk = Segments::<String, ZeroToTen>::new();
            bulk.add_raw(&column, &ratings).expect("valid ratings");
            let mut each = Segments::<String, ZeroToTen>::new();
            for (k, &x) in column.iter().zip(&ratings) {
                each.add(k.clone(), ZeroToTen::new(x).expect("valid")).expect("small");
            }
            prop_assert_eq!(bulk, each);
        }
    }
}
