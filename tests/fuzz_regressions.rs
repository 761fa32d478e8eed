//! Regressions for what the fuzz targets in `fuzz/` found, each through the
//! public API (issue 12).

use cxmetrics::{ConfidenceLevel, Error, Mean, WeightedTally, ZeroToTen};

#[test]
fn a_mean_with_an_effective_n_barely_above_one_has_a_finite_interval() -> Result<(), Error> {
    // Found by `numeric`: n_eff = 1 + 5e-10, so the t quantile on 5e-10
    // degrees of freedom overflowed and the interval was [−∞, ∞].
    let mut t = WeightedTally::<ZeroToTen>::new();
    t.add(ZeroToTen::new(1)?, 2.000_242_233_282_506_3)?;
    t.add(ZeroToTen::new(2)?, 8_333_033_471.999_999)?;
    let mean = Mean.score(&t)?;
    for level in [ConfidenceLevel::P80, ConfidenceLevel::P95, ConfidenceLevel::P999] {
        let i = mean.interval(level).expect("two answers");
        assert!(i.lower().is_finite() && i.upper().is_finite(), "{i:?}");
        assert!(
            i.lower() >= 0.0 && i.upper() <= 10.0 && i.contains(mean.value()),
            "{i:?}"
        );
        // Welch against itself: df near 0 as well.
        let d = mean.difference(&mean, level)?.expect("two answers each");
        let i = d.interval();
        assert!(i.lower() >= -10.0 && i.upper() <= 10.0 && i.contains(0.0), "{i:?}");
    }
    Ok(())
}

#[test]
fn a_planning_sd_whose_square_overflows_is_rejected() {
    // Found by `numeric`: sd = 1.4e241 was accepted with a variance of +∞.
    use cxmetrics::planning::UnitVariance;
    for sd in [1.416_947_979_676_278_6e241, 1e155, f64::MAX] {
        let err = UnitVariance::mean(sd).expect_err("square overflows");
        assert!(matches!(err, Error::InvalidArgument { .. }), "{err:?}");
    }
    let v = UnitVariance::mean(1e150).expect("square is finite");
    assert!(v.get().is_finite());
}

#[test]
fn welch_with_tiny_variances_never_panics() -> Result<(), Error> {
    // Found by `numeric`: standard errors near 1e-160 squared twice
    // underflowed, Welch's df was 0/0 = NaN and statrs panicked in beta_reg.
    let mut t = WeightedTally::<ZeroToTen>::new();
    t.add(ZeroToTen::new(10)?, 7.503_147_849_385_881e-121)?;
    t.add(ZeroToTen::new(0)?, 1.076_196_675_913_056_3e-42)?;
    t.add(ZeroToTen::new(0)?, 7.117_502_962_034_907e-38)?;
    let mean = Mean.score(&t)?;
    let level = ConfidenceLevel::new(0.250_060_835_853_205_4)?;
    if let Some(d) = mean.difference(&mean, level)? {
        let i = d.interval();
        assert!(i.lower().is_finite() && i.upper().is_finite(), "{i:?}");
        let df = d.test().df().expect("a t test");
        assert!(df.is_finite() && df > 0.0, "{df}");
        assert!(d.test().p_value().is_some_and(|p| (0.0..=1.0).contains(&p)));
    }
    Ok(())
}

#[test]
fn benjamini_hochberg_never_lowers_a_p_value() -> Result<(), Error> {
    // Found by `numeric`: m·p/m rounded one ulp below p for the largest.
    use cxmetrics::inference::Adjustment;
    let raw = [
        1.041_027_376_790_954_3e-42,
        1.068_703_021_461_369_4e-42,
        0.000_476_837_158_203_114_1,
        4.665_878_909_636_798_6e-299,
        7.9683e-320,
    ];
    for a in [Adjustment::Holm, Adjustment::BenjaminiHochberg] {
        let adjusted = a.adjust(&raw)?;
        for (p, q) in raw.iter().zip(&adjusted) {
            assert!(q >= p && *q <= 1.0, "{a:?}: {p} → {q}");
        }
    }
    Ok(())
}

#[test]
fn exact_share_limits_never_cross_at_levels_near_zero() -> Result<(), Error> {
    // Found by `numeric`: at a 1e-6 level the two Jeffreys quantiles came
    // out 5e-16 apart in the wrong order.
    use cxmetrics::inference::{Options, ShareMethod, VarianceMethod};
    use cxmetrics::{Csat, Likert5};
    let mut t = WeightedTally::<Likert5>::new();
    for (r, w) in [
        (4, 2.214_202_137_282_26e-52),
        (4, 1.041_164_225_016_875_4e-42),
        (1, 2.268_851_232_401_194e-52),
        (4, 2.214_202_137_282_26e-52),
    ] {
        t.add(Likert5::new(r)?, w)?;
    }
    let share = Csat::default().score(&t)?;
    for s in [share, share.with_variance(VarianceMethod::Linearized)] {
        for level in [1e-6, 1e-3, 0.5] {
            for m in [ShareMethod::ClopperPearson, ShareMethod::Jeffreys] {
                let i = s.interval(Options::new().level(ConfidenceLevel::new(level)?).method(m));
                assert!(i.lower() <= i.upper(), "{m:?} at {level}: {i:?}");
            }
        }
    }
    Ok(())
}

#[test]
fn a_huge_t_on_many_degrees_of_freedom_has_p_zero_not_nan() -> Result<(), Error> {
    // Found by `deserialize`: above 1000 df the p-value inverts the
    // Cornish–Fisher expansion, whose ninth power of t ≈ 1e143 overflowed
    // to a NaN p-value. Reachable with valid weights.
    use cxmetrics::Likert5;
    let mut t = WeightedTally::<Likert5>::new();
    for _ in 0..1100 {
        t.add(Likert5::new(5)?, 1e140)?;
    }
    t.add(Likert5::new(1)?, 1e-140)?;
    let mean = Mean.score(&t)?;
    let test = mean.test(1.0)?;
    assert!(test.df().is_some_and(|df| df > 1000.0), "{test:?}");
    assert_eq!(test.p_value(), Some(0.0), "{test:?}");
    Ok(())
}

#[cfg(feature = "serde")]
#[test]
fn deserialized_weight_sums_must_be_possible() -> Result<(), Box<dyn std::error::Error>> {
    // Found by `deserialize`: Σw = 7.7e104 with Σw² = 3.25 over two answers
    // was accepted (no weights give it); it made n_eff ≈ 1e209 and a NaN
    // p-value. Σw² = 0 with Σw > 0 (issue 12) is the same kind of lie.
    use cxmetrics::{Likert5, Likert7};
    for impossible in [
        r#"{"scale":"Likert7","sum_w":[1.5,1.5,1.5,7.7e104,1.5,1.5,1.5],"sum_w2":[1.25,1.25,1.25,1.25,1.25,3.25,1.25],"answers":[2,2,2,2,2,2,2]}"#,
        r#"{"scale":"Likert7","sum_w":[1.0,0,0,0,0,0,0],"sum_w2":[0.0,0,0,0,0,0,0],"answers":[1,0,0,0,0,0,0]}"#,
        r#"{"scale":"Likert7","sum_w":[2.0,0,0,0,0,0,0],"sum_w2":[5.0,0,0,0,0,0,0],"answers":[1,0,0,0,0,0,0]}"#,
        r#"{"scale":"Likert7","sum_w":[1e150,0,0,0,0,0,0],"sum_w2":[1e300,0,0,0,0,0,0],"answers":[1,0,0,0,0,0,0]}"#,
        // Σw² = (Σw)² overflowed to ∞ and let any Σw² through.
        r#"{"scale":"Likert7","sum_w":[1e200,0,0,0,0,0,0],"sum_w2":[1.0,0,0,0,0,0,0],"answers":[1,0,0,0,0,0,0]}"#,
    ] {
        assert!(
            serde_json::from_str::<WeightedTally<Likert7>>(impossible).is_err(),
            "{impossible}"
        );
    }
    // Every tally that `add` builds reads back, extremes included.
    let mut t = WeightedTally::<Likert5>::new();
    for (r, w) in [
        (5, 1e140),
        (5, 1e-140),
        (1, 1e-140),
        (1, 1e-140),
        (3, 0.1),
        (3, 0.1),
        (3, 0.1),
    ] {
        t.add(Likert5::new(r)?, w)?;
    }
    for _ in 0..1000 {
        t.add(Likert5::new(2)?, 0.3)?;
    }
    let back: WeightedTally<Likert5> = serde_json::from_str(&serde_json::to_string(&t)?)?;
    assert_eq!(back, t);
    Ok(())
}

#[test]
fn names_without_ascii_letters_are_custom_not_blank() -> Result<(), Error> {
    // Found writing the `parse` target: "微信" folded to "", rejected as blank,
    // though the docs make any non-blank text a custom name.
    use cxmetrics::{Channel, Touchpoint};
    assert_eq!("微信".parse::<Channel>()?, Channel::Custom("微信".into()));
    assert_eq!(" Почта ".parse::<Touchpoint>()?, Touchpoint::Custom("Почта".into()));
    assert_eq!(
        "—".parse::<Channel>()?.to_string().parse::<Channel>()?,
        Channel::Custom("—".into())
    );
    assert!(" \t".parse::<Channel>().is_err());
    Ok(())
}

#[cfg(feature = "serde")]
#[test]
fn a_series_at_an_offset_with_seconds_is_not_read_back_shifted() -> Result<(), Box<dyn std::error::Error>> {
    // Found by `deserialize`: a series at +23:59:59 was written with its
    // zone as "+23:59:59" and read back at +23:59 (chrono's offset parser
    // drops the seconds), so its answers landed in other periods. Reading
    // it is now an error that says why; whole-minute offsets round-trip.
    use chrono::{FixedOffset, TimeZone};
    use cxmetrics::{Granularity, Series, ZeroToTen};
    let at = chrono::Utc
        .with_ymd_and_hms(2026, 3, 1, 0, 0, 30)
        .single()
        .ok_or("date")?;
    for seconds in [86_399, 1_172, -1_172] {
        let mut s = Series::<ZeroToTen>::new(Granularity::Day, FixedOffset::east_opt(seconds).ok_or("offset")?);
        s.add_rating(at, ZeroToTen::new(9)?)?;
        let json = serde_json::to_string(&s)?;
        let err = serde_json::from_str::<Series<ZeroToTen>>(&json)
            .expect_err("seconds dropped")
            .to_string();
        assert!(err.contains("offsets with seconds are not supported"), "{err}");
    }
    for seconds in [86_340, -86_340, 0, 19 * 60] {
        let mut s = Series::<ZeroToTen>::new(Granularity::Day, FixedOffset::east_opt(seconds).ok_or("offset")?);
        s.add_rating(at, ZeroToTen::new(9)?)?;
        let back: Series<ZeroToTen> = serde_json::from_str(&serde_json::to_string(&s)?)?;
        assert_eq!(back, s);
    }
    // Other spellings of a whole-minute offset are still read.
    let json = r#"{"granularity":"day","zone":"+0200","periods":[]}"#;
    let s: Series<ZeroToTen> = serde_json::from_str(json)?;
    assert_eq!(
        s,
        Series::new(Granularity::Day, FixedOffset::east_opt(7200).ok_or("offset")?)
    );
    Ok(())
}

#[test]
fn the_mean_of_a_huge_tally_stays_on_its_scale() -> Result<(), Error> {
    // Found by `deserialize`: 1.8e19 answers of 5 and 13 others on 1–5 gave
    // a mean of 5.000000000000001 (the exact sum and count each round on
    // the way to f64), and an 80 % interval whose lower limit was above
    // its upper one once clipped to the scale.
    use cxmetrics::{Likert5, Tally};
    let t = Tally::<Likert5>::from_counts(&[0, 2, 7, 4, 18_446_740_473_709_551_615])?;
    let mean = Mean.score(&t)?;
    assert!(mean.value() <= 5.0, "{}", mean.value());
    for level in [ConfidenceLevel::P80, ConfidenceLevel::P95, ConfidenceLevel::P999] {
        let i = mean.interval(level).expect("n > 1");
        assert!(i.lower() <= i.upper() && i.contains(mean.value()), "{i:?}");
        assert!(i.upper() <= 5.0, "{i:?}");
    }
    Ok(())
}
