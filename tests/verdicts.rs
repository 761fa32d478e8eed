//! Verdicts that mean something: practical differences, trends adjusted
//! across periods, trends against a fixed baseline.

use chrono::{Duration, TimeZone, Utc};
use cxmetrics::inference::Adjustment;
use cxmetrics::{
    Against, Benchmark, BenchmarkKind, Error, Granularity, Nps, PracticalVerdict, ReportOptions, Segments, Series,
    Verdict, ZeroToTen,
};

/// Twelve weeks of answers whose NPS drifts by `step` points a week around +30.
fn weekly(n: u32, step: f64) -> Result<Series<ZeroToTen>, Error> {
    let start = Utc.with_ymd_and_hms(2026, 1, 5, 0, 0, 0).single().expect("valid");
    let mut s = Series::utc(Granularity::IsoWeek);
    for week in 0..12u32 {
        // Promoters share 0.5 + drift/2, detractors 0.2 − drift/2, so NPS moves by `step` points a week.
        let drift = step / 100.0 * f64::from(week);
        let promoters = ((0.5 + drift / 2.0) * f64::from(n)).round() as u32;
        let detractors = ((0.2 - drift / 2.0) * f64::from(n)).round() as u32;
        for i in 0..n {
            let rating = if i < promoters {
                10
            } else if i < promoters + detractors {
                3
            } else {
                8
            };
            s.add_rating(
                start + Duration::days(7 * i64::from(week)) + Duration::seconds(i64::from(i)),
                ZeroToTen::new(rating)?,
            )?;
        }
    }
    Ok(s)
}

#[test]
fn trend_p_values_are_adjusted_across_the_periods_shown() -> Result<(), Error> {
    let s = weekly(500, 0.7)?;
    let raw = s.trend(|t| Nps.score(t), ReportOptions::new().adjustment(Adjustment::None))?;
    let holm = s.trend(|t| Nps.score(t), ReportOptions::new())?;
    let pairs: Vec<(f64, f64)> = raw
        .iter()
        .zip(&holm)
        .filter_map(|(r, h)| Some((r.comparison()?.p_value()?, h.comparison()?.p_value()?)))
        .collect();
    assert_eq!(pairs.len(), 11, "every week after the first is compared");
    assert!(pairs.iter().all(|(r, h)| h >= r), "Holm never lowers a p-value");
    assert!(pairs.iter().any(|(r, h)| h > r));
    // The unadjusted raw p-value is the test's own; the adjusted one is reported.
    let c = holm[5].comparison().expect("compared");
    assert!(c.p_value() >= c.test().p_value());
    Ok(())
}

#[test]
fn a_trend_against_a_baseline_sees_a_slow_slide_the_week_over_week_view_misses() -> Result<(), Error> {
    // A steady 1-point weekly slide: each week-over-week change is within
    // noise, while against the first quarter's baseline it is not.
    let s = weekly(2_000, -1.0)?;
    let wow = s.trend(|t| Nps.score(t), ReportOptions::new())?;
    assert!(
        wow.iter()
            .filter_map(|w| w.comparison())
            .all(|c| c.verdict() == Verdict::NoDetectableDifference)
    );
    let baseline = Benchmark::sample(
        "baseline",
        BenchmarkKind::OwnHistory,
        *wow[0].estimate().expect("answers"),
    );
    let against = s.trend_against(
        |t| Nps.score(t),
        &baseline,
        ReportOptions::new().practical_difference(2.0),
    )?;
    let last = against.last().expect("twelve weeks");
    assert_eq!(
        last.comparison().map(cxmetrics::Comparison::verdict),
        Some(Verdict::Below)
    );
    assert_eq!(last.practical(), Some(PracticalVerdict::WorseByAtLeast));
    assert_eq!(
        against[0].practical(),
        Some(PracticalVerdict::NotEnoughData),
        "the baseline week against itself"
    );
    Ok(())
}

#[test]
fn practical_verdicts_name_what_significance_cannot() -> Result<(), Error> {
    let mut s = Segments::new();
    // Two huge agents 1.25 points apart, one small agent 5 points below.
    for (agent, n, promoters, detractors) in [
        ("ana", 100_000, 50_750, 20_000),
        ("ben", 100_000, 50_000, 20_500),
        ("cy", 60, 24, 18),
    ] {
        for i in 0..n {
            let rating = if i < promoters {
                9
            } else if i < promoters + detractors {
                0
            } else {
                7
            };
            s.add(agent, ZeroToTen::new(rating)?)?;
        }
    }
    let table = s.table(
        |t| Nps.score(t),
        Against::Rest,
        ReportOptions::new().practical_difference(3.0),
    )?;
    let verdicts: Vec<(&str, Option<PracticalVerdict>)> =
        table.rows().iter().map(|r| (*r.key(), r.practical())).collect();
    assert_eq!(
        verdicts,
        [
            ("ana", Some(PracticalVerdict::NoChangeLargerThan)),
            ("ben", Some(PracticalVerdict::NoChangeLargerThan)),
            ("cy", Some(PracticalVerdict::NotEnoughData)),
        ]
    );
    let ana = table.rows()[0].comparison().expect("compared");
    assert_eq!(
        ana.verdict(),
        Verdict::Above,
        "significant at n = 100,000, yet under 3 points"
    );
    for bad in [-1.0, f64::NAN, f64::INFINITY] {
        let err = s
            .table(
                |t| Nps.score(t),
                Against::Rest,
                ReportOptions::new().practical_difference(bad),
            )
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidArgument {
                    name: "minimum practical difference",
                    ..
                }
            ),
            "{err}"
        );
    }
    // A bad value is refused even when nothing gets compared (one segment
    // has no rest; one week has no previous week).
    let mut alone = Segments::new();
    alone.add("ana", ZeroToTen::new(9)?)?;
    let mut one_week = Series::utc(Granularity::IsoWeek);
    one_week.add_rating(
        Utc.with_ymd_and_hms(2026, 1, 5, 0, 0, 0).single().expect("valid"),
        ZeroToTen::new(9)?,
    )?;
    for bad in [-1.0, f64::NAN] {
        let options = ReportOptions::new().practical_difference(bad);
        assert!(alone.table(|t| Nps.score(t), Against::Rest, options).is_err());
        assert!(one_week.trend(|t| Nps.score(t), options).is_err());
    }
    assert_eq!(
        ana.practical(-2.0).unwrap_err().to_string(),
        "minimum practical difference -2 is out of range: expected a finite value >= 0 in display units (points, percent or scale)"
    );
    Ok(())
}
