//! Periods, series and trends, segment tables, survey timing, and the
//! effort→loyalty and operational metrics.

mod common;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeDelta, TimeZone, Utc};
use common::{Case, assert_errors};
use core::time::Duration as StdDuration;
use cxmetrics::effort::{EffortBand, EffortDriver, ces_by_driver, nps_by_effort};
use cxmetrics::inference::Adjustment;
use cxmetrics::operations::{first_contact_resolution, response_rate, retention, time_to_resolution};
use cxmetrics::timing::DelayBand;
use cxmetrics::timing::SurveyTiming;
use cxmetrics::{
    Against, Benchmark, BenchmarkKind, CesAgreement, Channel, ConfidenceLevel, Csat, Error, Feedback, Granularity,
    Likert5, Likert7, Metric, Nps, Period, ReportOptions, Response, Segments, Series, Tally, Touchpoint, Verdict,
    ZeroToTen,
};
use proptest::prelude::*;

const P95: ConfidenceLevel = ConfidenceLevel::P95;

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).single().expect("valid time")
}

fn offset(hours: i32) -> FixedOffset {
    FixedOffset::east_opt(hours * 3600).expect("valid offset")
}

#[test]
fn periods_follow_the_calendar_of_the_offset() -> Result<(), Error> {
    let late = utc(2026, 3, 31, 23, 30);
    let label =
        |g: Granularity, at, hours| -> Result<String, Error> { Ok(g.period_of(at, &offset(hours))?.to_string()) };
    assert_eq!(label(Granularity::Quarter, late, 0)?, "2026-Q1");
    assert_eq!(label(Granularity::Quarter, late, 2)?, "2026-Q2");
    assert_eq!(label(Granularity::Day, late, -5)?, "2026-03-31");
    assert_eq!(label(Granularity::Month, late, 2)?, "2026-04");
    assert_eq!(label(Granularity::Year, utc(2026, 12, 31, 23, 0), 2)?, "2027");
    // ISO weeks cross year boundaries: 1 January 2027 is in 2026-W53.
    let new_year = Granularity::IsoWeek.period_of(utc(2027, 1, 1, 12, 0), &offset(0))?;
    assert_eq!(new_year.to_string(), "2026-W53");
    assert_eq!(new_year.start(), NaiveDate::from_ymd_opt(2026, 12, 28).expect("date"));
    assert_eq!(new_year.next().map(|p| p.to_string()).as_deref(), Some("2027-W01"));
    let q4 = Period::containing(
        Granularity::Quarter,
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
    )
    .expect("inside the calendar");
    assert_eq!(q4.to_string(), "2026-Q4");
    assert_eq!(q4.next().map(|p| p.to_string()).as_deref(), Some("2027-Q1"));
    Ok(())
}

#[test]
fn the_ends_of_the_calendar_are_errors_not_panics() -> Result<(), Error> {
    // Regression: a timestamp near chrono's limits with a non-zero offset
    // panicked, the ISO week containing chrono's first day panicked, and
    // the last day's period ended where it started.
    let east = offset(1);
    let err = Granularity::Day.period_of(DateTime::<Utc>::MAX_UTC, &east).unwrap_err();
    assert!(matches!(err, Error::OutOfCalendar { granularity: "day", .. }), "{err}");
    assert!(
        err.to_string()
            .ends_with("has no day period: it falls outside the calendar (years -262143 to 262142)")
    );
    assert!(
        Granularity::IsoWeek
            .period_of(DateTime::<Utc>::MIN_UTC, &offset(0))
            .is_err()
    );
    let mut series = Series::utc(Granularity::IsoWeek);
    assert!(
        series
            .add_rating(DateTime::<Utc>::MIN_UTC, ZeroToTen::constant(9))
            .is_err()
    );
    assert!(series.periods().next().is_none(), "nothing counted");
    let last = Period::containing(Granularity::Day, NaiveDate::MAX).expect("NaiveDate::MAX has a day");
    assert_eq!((last.end(), last.next()), (None, None));
    // Two answers at the two ends: the periods come lazily, so taking a few
    // costs nothing however far apart they are.
    let mut wide = Series::utc(Granularity::Day);
    wide.add_rating(DateTime::<Utc>::MIN_UTC, ZeroToTen::constant(9))?;
    wide.add_rating(DateTime::<Utc>::MAX_UTC, ZeroToTen::constant(3))?;
    let first: Vec<(String, u64)> = wide
        .periods()
        .take(3)
        .map(|(p, t)| (p.to_string(), t.total()))
        .collect();
    assert_eq!(first.len(), 3);
    assert_eq!((first[0].1, first[1].1, first[2].1), (1, 0, 0), "{first:?}");
    Ok(())
}

#[test]
fn granularity_parses_the_names_it_displays() -> Result<(), Error> {
    for g in [
        Granularity::Day,
        Granularity::IsoWeek,
        Granularity::Month,
        Granularity::Quarter,
        Granularity::Year,
    ] {
        assert_eq!(g.to_string().parse::<Granularity>()?, g);
    }
    assert_eq!(" Week ".parse::<Granularity>()?, Granularity::IsoWeek);
    assert_eq!(
        "fortnight".parse::<Granularity>().unwrap_err().to_string(),
        "unknown granularity \"fortnight\": expected day, iso_week, month, quarter or year"
    );
    Ok(())
}

fn nps_response(at: DateTime<Utc>, rating: u8) -> Result<Response<ZeroToTen>, Error> {
    Ok(Response::new(ZeroToTen::new(rating)?, at))
}

#[test]
fn series_keep_gaps_and_roll() -> Result<(), Error> {
    let mut s = Series::new(Granularity::Month, offset(2));
    s.extend(&[
        nps_response(utc(2026, 1, 10, 0, 0), 10)?,
        nps_response(utc(2026, 4, 1, 0, 0), 3)?,
    ]);
    let months: Vec<String> = s.periods().map(|(p, _)| p.to_string()).collect();
    assert_eq!(months, ["2026-01", "2026-02", "2026-03", "2026-04"]);
    let totals: Vec<u64> = s.rolling(2)?.periods().map(|(_, t)| t.total()).collect();
    assert_eq!(totals, [1, 1, 0, 1]);
    let unchanged = s.clone();
    let mut merged = s.clone();
    let cases: [Case<Series<ZeroToTen>>; 3] = [
        (
            "an empty window",
            s.rolling(0),
            "rolling window 0 is out of range: expected at least 1 period",
        ),
        (
            "a different offset",
            merged.merge(&Series::utc(Granularity::Month)).map(|()| merged.clone()),
            "cannot compare a month series in time zone +02:00 with a month series in time zone +00:00",
        ),
        (
            "a different granularity",
            merged
                .merge(&Series::new(Granularity::Day, offset(2)))
                .map(|()| merged.clone()),
            "cannot compare a month series in time zone +02:00 with a day series in time zone +02:00",
        ),
    ];
    assert_errors(cases);
    assert_eq!(merged, unchanged, "a failed merge changes nothing");
    Ok(())
}

#[test]
fn trends_compare_with_the_previous_period_and_mark_thin_ones() -> Result<(), Error> {
    let mut s = Series::utc(Granularity::IsoWeek);
    let monday = utc(2026, 1, 5, 9, 0);
    let add = |s: &mut Series<ZeroToTen>, week: i64, ratings: &[(u8, usize)]| -> Result<(), Error> {
        for &(r, count) in ratings {
            for i in 0..count {
                s.add(&nps_response(
                    monday + Duration::weeks(week) + Duration::minutes(i as i64),
                    r,
                )?)?;
            }
        }
        Ok(())
    };
    add(&mut s, 0, &[(10, 50), (8, 30), (3, 20)])?; // +30
    add(&mut s, 1, &[(10, 20), (8, 30), (3, 50)])?; // −30: a detectable drop
    add(&mut s, 2, &[(10, 5)])?; // thin
    add(&mut s, 4, &[(10, 40), (3, 40)])?; // after an empty week
    let trend = s.trend(|t| Nps.score(t), ReportOptions::from(P95).minimum_n(30))?;
    assert_eq!(trend.len(), 5);
    assert!(trend[0].comparison().is_none());
    let drop = trend[1].comparison().expect("both weeks have enough answers");
    assert_eq!(drop.verdict(), Verdict::Below);
    assert!((drop.difference() + 0.6).abs() < 1e-12);
    assert!(trend[2].is_thin() && trend[2].comparison().is_none());
    assert!(trend[3].is_empty() && trend[3].estimate().is_none() && trend[3].interval().is_none());
    assert!(trend[4].comparison().is_none(), "the previous week is empty");
    assert_eq!(trend[4].n(), 80);
    assert!(trend[4].interval().expect("defined").contains(0.0));
    Ok(())
}

#[test]
fn segment_tables_against_rest_and_benchmark() -> Result<(), Error> {
    let at = utc(2026, 2, 1, 0, 0);
    let mut responses = Vec::new();
    for (touchpoint, easy_of_ten) in [
        (Touchpoint::FirstContact, 9),
        (Touchpoint::ReturnsRefunds, 4),
        (Touchpoint::AfterHours, 7),
    ] {
        for i in 0..200 {
            let rating = if i % 10 < easy_of_ten { 6 } else { 2 };
            responses.push(Response::new(Likert7::new(rating)?, at).with_touchpoint(touchpoint.clone()));
        }
    }
    responses.push(Response::new(Likert7::new(1)?, at).with_touchpoint(Touchpoint::Onboarding));
    let segments = Segments::from_responses(&responses, |r| r.touchpoint().cloned())?;
    let ces = CesAgreement::default();
    let table = segments.table(
        |t| ces.score(t),
        Against::Rest,
        ReportOptions::from(P95).minimum_n(30).adjustment(Adjustment::Holm),
    )?;
    let worst: Vec<String> = table.worst_first().iter().map(|r| r.key().to_string()).collect();
    assert_eq!(
        worst,
        ["returns and refunds", "after hours", "first contact", "onboarding"]
    );
    let returns = table
        .rows()
        .iter()
        .find(|r| *r.key() == Touchpoint::ReturnsRefunds)
        .expect("row");
    let c = returns.comparison().expect("not thin");
    assert_eq!((c.verdict(), c.is_better()), (Verdict::Below, Some(false)));
    assert_eq!(c.subject(), Some("returns and refunds"));
    assert!(c.p_value().expect("adjusted") >= c.test().p_value().expect("raw"));
    let most: Vec<u64> = table.most_answers_first().iter().map(|r| r.n()).collect();
    assert_eq!(most, [200, 200, 200, 1]);

    let target = Benchmark::share("target", BenchmarkKind::Global, Metric::CesAgreement, 75.0)?;
    let vs_target = segments.table(
        |t| ces.score(t),
        Against::Benchmark(&target),
        ReportOptions::from(P95).adjustment(Adjustment::BenjaminiHochberg),
    )?;
    let verdicts: Vec<Option<Verdict>> = vs_target
        .rows()
        .iter()
        .map(|r| r.comparison().map(cxmetrics::Comparison::verdict))
        .collect();
    // Keys sort by the enum order: first contact, returns, after hours, onboarding (thin).
    assert_eq!(
        verdicts,
        [
            Some(Verdict::Above),
            Some(Verdict::Below),
            Some(Verdict::NoDetectableDifference),
            None
        ]
    );
    Ok(())
}

#[test]
fn survey_timing_bands_and_quantiles() -> Result<(), Error> {
    let served = utc(2026, 3, 1, 12, 0);
    let mut responses = Vec::new();
    for (hours, rating) in [(1, 5), (3, 5), (20, 4), (50, 3), (100, 2), (400, 1)] {
        let r = Response::new(Likert5::new(rating)?, served + TimeDelta::hours(hours));
        responses.push(r.with_interaction_at(served)?);
    }
    responses.push(Response::new(Likert5::new(4)?, served));
    let timing = SurveyTiming::new(&responses, &[TimeDelta::days(1), TimeDelta::days(7)])?;
    let shares: Vec<i64> = timing
        .bands()
        .iter()
        .map(|b| Ok(Csat::default().score(b.tally())?.rounded()))
        .collect::<Result<_, Error>>()?;
    assert_eq!(shares, [100, 0, 0]);
    let limits: Vec<(TimeDelta, Option<TimeDelta>)> = timing.bands().iter().map(|b| (b.start(), b.end())).collect();
    assert_eq!(
        limits,
        [
            (TimeDelta::zero(), Some(TimeDelta::days(1))),
            (TimeDelta::days(1), Some(TimeDelta::days(7))),
            (TimeDelta::days(7), None)
        ]
    );
    assert_eq!(timing.unknown(), 1);
    assert_eq!(timing.median_delay(), Some(TimeDelta::minutes(35 * 60)));
    assert_eq!(timing.delay_quantile(0.5), Some(TimeDelta::hours(20)));
    assert_eq!(timing.delay_quantile(1.5), None);
    Ok(())
}

#[test]
fn survey_timing_rejects_bands_that_do_not_increase() -> Result<(), Error> {
    let responses = [Response::new(Likert5::new(4)?, utc(2026, 3, 1, 12, 0))];
    let expected = "positive bounds in strictly increasing order";
    let cases: [(&[TimeDelta], &str); 4] = [
        (&[TimeDelta::days(2), TimeDelta::days(1)], "86400"),
        (&[TimeDelta::days(1), TimeDelta::days(1)], "86400"),
        (&[TimeDelta::zero()], "0"),
        (&[TimeDelta::hours(-1)], "-3600"),
    ];
    for (bounds, value) in cases {
        let result: Result<SurveyTiming<Likert5>, Error> = SurveyTiming::new(&responses, bounds);
        assert_eq!(
            result.expect_err(value).to_string(),
            format!("delay band bound (seconds) {value} is out of range: expected {expected}"),
            "{bounds:?}"
        );
    }
    let bands: Vec<DelayBand<Likert5>> = SurveyTiming::new(&responses, &[])?.bands().to_vec();
    assert_eq!(bands.len(), 1, "no bounds: one open band");
    Ok(())
}

#[test]
fn responses_reject_bad_weights_and_interaction_times() {
    let served = utc(2026, 3, 1, 12, 0);
    let answer = || Response::new(Likert5::constant(4), served);
    let cases: [Case<Response<Likert5>>; 4] = [
        (
            "an interaction after the answer",
            answer().with_interaction_at(served + TimeDelta::hours(1)),
            "the interaction at 2026-03-01T13:00:00+00:00 comes after the answer at 2026-03-01T12:00:00+00:00: an answer rates an interaction that happened before it",
        ),
        (
            "a negative weight",
            answer().with_weight(-1.0),
            "weight -1 is invalid: weights must be 0 or between 1e-140 and 1e140",
        ),
        (
            "a NaN weight",
            answer().with_weight(f64::NAN),
            "weight NaN is invalid: weights must be 0 or between 1e-140 and 1e140",
        ),
        (
            "an infinite weight",
            answer().with_weight(f64::INFINITY),
            "weight inf is invalid: weights must be 0 or between 1e-140 and 1e140",
        ),
    ];
    assert_errors(cases);
}

fn feedback() -> Result<Vec<Feedback>, Error> {
    let at = utc(2026, 4, 1, 0, 0);
    (0..400u32)
        .map(|i| -> Result<Feedback, Error> {
            let transferred = i % 4 == 0;
            let resolved = i % 5 != 0;
            let ces = match (transferred, resolved) {
                (false, true) => 6,
                (true, true) => 4,
                (_, false) => 2,
            };
            let nps = match ces {
                6 => 9 + (i % 2) as u8,
                4 => 7,
                _ => (i % 7) as u8,
            };
            Ok(Feedback::new(at)
                .with_ces(Likert7::new(ces)?)
                .with_nps(ZeroToTen::new(nps)?)
                .with_transfers(u32::from(transferred))
                .with_first_contact_resolution(resolved)
                .with_time_to_resolution(StdDuration::from_secs(u64::from(60 * (1 + i % 10))))
                .with_channel(Channel::Phone))
        })
        .collect()
}

#[test]
fn effort_drives_loyalty() -> Result<(), Error> {
    let fb = feedback()?;
    let link = nps_by_effort(&fb, P95)?;
    assert_eq!(link.nps(EffortBand::Easy).expect("easy").rounded(), 100);
    assert_eq!(link.nps(EffortBand::Difficult).expect("difficult").rounded(), -100);
    // Every band, easy first, each with the answers of its CES rating.
    let bands: Vec<(EffortBand, Option<u64>)> = link
        .bands()
        .iter()
        .map(|(b, nps)| (*b, nps.as_ref().map(cxmetrics::NetScore::n)))
        .collect();
    assert_eq!(
        bands,
        [
            (EffortBand::Easy, Some(240)),
            (EffortBand::Neutral, Some(80)),
            (EffortBand::Difficult, Some(80))
        ]
    );
    assert!(link.difference().expect("both bands").test().rejects(P95));
    Ok(())
}

#[test]
fn drivers_and_operational_metrics() -> Result<(), Error> {
    let fb = feedback()?;
    let transfers = ces_by_driver(&fb, EffortDriver::Transferred, P95)?;
    assert_eq!(transfers.driver(), EffortDriver::Transferred);
    assert!(transfers.difference().expect("both").estimate() < 0.0);
    let unresolved = ces_by_driver(&fb, EffortDriver::NotResolvedFirstContact, P95)?;
    assert_eq!(unresolved.with().expect("some unresolved").hits(), 0);
    let fcr = first_contact_resolution(&fb)?;
    assert_eq!((fcr.hits(), fcr.n()), (320, 400));
    assert_eq!(fcr.metric(), Metric::FirstContactResolution);
    let ttr = time_to_resolution(&fb)?;
    assert_eq!(
        (ttr.n(), ttr.mean(), ttr.median()),
        (400, StdDuration::from_secs(330), StdDuration::from_secs(330))
    );
    assert_eq!(response_rate(400, 1600)?.rounded(), 25);
    assert_eq!(response_rate(40, 40)?.rounded(), 100);
    let r = retention(500, 520, 70)?;
    assert!((r.rate() - 0.9).abs() < 1e-15 && (r.churn() - 0.1).abs() < 1e-15);
    // Every customer kept (the bound itself) is a valid period, not an error.
    let all = retention(500, 530, 30)?;
    assert_eq!(
        (all.rate().to_bits(), all.churn().to_bits()),
        (1.0f64.to_bits(), 0.0f64.to_bits())
    );
    Ok(())
}

#[test]
fn effort_and_operational_metrics_reject_what_they_cannot_score() -> Result<(), Error> {
    let fb = feedback()?;
    let only_ces = [Feedback::new(utc(2026, 1, 1, 0, 0)).with_ces(Likert7::new(5)?)];
    let cases: [Case<()>; 10] = [
        (
            "NPS by effort without an NPS answer",
            nps_by_effort(&only_ces, P95).map(drop),
            "NPS by effort band of an empty sample is undefined",
        ),
        (
            "a driver no feedback records",
            ces_by_driver(&fb, EffortDriver::RepeatContact, P95).map(drop),
            "CES by effort driver of an empty sample is undefined",
        ),
        (
            "first-contact resolution of nothing",
            first_contact_resolution(&[]).map(drop),
            "first-contact resolution rate of an empty sample is undefined",
        ),
        (
            "time to resolution of nothing",
            time_to_resolution(&[]).map(drop),
            "time to resolution of an empty sample is undefined",
        ),
        (
            "no invitations",
            response_rate(0, 0).map(drop),
            "response rate of an empty sample is undefined",
        ),
        (
            "more responses than invitations",
            response_rate(1, 0).map(drop),
            "responses 1 is out of range: expected at most the number of invitations",
        ),
        (
            "no customers at the start",
            retention(0, 10, 0).map(drop),
            "retention rate of an empty sample is undefined",
        ),
        (
            "more kept than there were",
            retention(100, 150, 10).map(drop),
            "customers kept (end − new) 140 is out of range: expected at most the customers at the start of the period",
        ),
        (
            "more new customers than at the end",
            retention(1000, 100, 150).map(drop),
            "new customers 150 is out of range: expected at most the customers at the end of the period",
        ),
        (
            "more kept than there were, by one",
            retention(100, 101, 0).map(drop),
            "customers kept (end − new) 101 is out of range: expected at most the customers at the start of the period",
        ),
    ];
    for (what, result, message) in cases {
        let err = result.expect_err(what);
        assert_eq!(err.to_string(), message, "{what}");
        if message.ends_with("empty sample is undefined") {
            assert!(matches!(err, Error::EmptySample { .. }), "{what}: {err:?}");
        }
    }
    Ok(())
}

fn responses_strategy() -> impl Strategy<Value = Vec<(i64, u8, u8)>> {
    prop::collection::vec((0i64..120 * 86_400, 0u8..=10, 0u8..4), 0..300)
}

fn build(rows: &[(i64, u8, u8)]) -> Result<Vec<Response<ZeroToTen>>, Error> {
    let t0 = utc(2026, 1, 1, 0, 0);
    let channels = [Channel::Phone, Channel::Chat, Channel::Email, Channel::Sms];
    rows.iter()
        .map(|&(secs, r, c)| {
            Ok(nps_response(t0 + Duration::seconds(secs), r)?.with_channel(channels[usize::from(c)].clone()))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn trends_and_segment_tables_merge_exactly(rows in responses_strategy(), split in any::<prop::sample::Index>()) {
        let responses = build(&rows)?;
        let (left, right) = responses.split_at(if responses.is_empty() { 0 } else { split.index(responses.len()) });
        let cal = (Granularity::IsoWeek, offset(2));
        let (mut whole, mut a, mut b) = (Series::new(cal.0, cal.1), Series::new(cal.0, cal.1), Series::new(cal.0, cal.1));
        whole.extend(&responses);
        a.extend(left);
        b.extend(right);
        a.merge(&b)?;
        prop_assert_eq!(&a, &whole);
        prop_assert_eq!(a.trend(|t| Nps.score(t), ReportOptions::from(P95).minimum_n(10))?, whole.trend(|t| Nps.score(t), ReportOptions::from(P95).minimum_n(10))?);

        let key = |r: &Response<ZeroToTen>| r.channel().cloned();
        let mut sa = Segments::from_responses(left, key)?;
        sa.merge(&Segments::from_responses(right, key)?)?;
        let sw = Segments::from_responses(&responses, key)?;
        prop_assert_eq!(&sa, &sw);
        let table = |s: &Segments<Channel, ZeroToTen>| s.table(|t| Nps.score(t), Against::Rest, ReportOptions::from(P95).minimum_n(5).adjustment(Adjustment::Holm));
        prop_assert_eq!(table(&sa)?, table(&sw)?);
        let total: u64 = sw.iter().map(|(_, t)| t.total()).sum();
        prop_assert_eq!(total, responses.len() as u64);
        let all: Tally<ZeroToTen> = whole.periods().map(|(_, t)| t).sum::<Result<_, _>>()?;
        prop_assert_eq!(all.total(), responses.len() as u64);
    }
}

#[test]
fn periods_follow_a_real_time_zone_with_daylight_saving() -> Result<(), Error> {
    use chrono_tz::America::New_York;
    // 04:30 UTC on 1 July is 00:30 EDT (UTC−4), already Q3 in New York; a
    // fixed −5 h puts it at 23:30 on 30 June, still Q2.
    let at = utc(2026, 7, 1, 4, 30);
    assert_eq!(Granularity::Quarter.period_of(at, &New_York)?.to_string(), "2026-Q3");
    assert_eq!(Granularity::Quarter.period_of(at, &offset(-5))?.to_string(), "2026-Q2");
    // In January New York is UTC−5, and both agree.
    let winter = utc(2026, 1, 1, 4, 30);
    assert_eq!(
        Granularity::Day.period_of(winter, &New_York)?,
        Granularity::Day.period_of(winter, &offset(-5))?
    );
    let mut s = Series::new(Granularity::Quarter, New_York);
    s.add_rating(at, ZeroToTen::new(9)?)?;
    assert_eq!(
        s.periods().next().map(|(p, _)| p.to_string()).as_deref(),
        Some("2026-Q3")
    );
    // Series in different zones do not merge.
    let mut same = Series::new(Granularity::Quarter, New_York);
    let err = same
        .merge(&Series::new(Granularity::Quarter, chrono_tz::Europe::Berlin))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot compare a quarter series in time zone America/New_York with a quarter series in time zone Europe/Berlin"
    );
    same.merge(&s)?;
    assert_eq!(same, s);
    #[cfg(feature = "serde")]
    {
        let json = serde_json::to_string(&s).expect("serializes");
        assert!(json.contains(r#""zone":"America/New_York""#), "{json}");
        let back: Series<ZeroToTen, chrono_tz::Tz> = serde_json::from_str(&json).expect("round trip");
        assert_eq!(back, s);
    }
    Ok(())
}

#[test]
fn partial_first_and_last_periods_are_marked() -> Result<(), Error> {
    // Answers from Wednesday 7 January to Tuesday 27 January 2026.
    let mut weekly = Series::utc(Granularity::IsoWeek);
    let start = utc(2026, 1, 7, 12, 0);
    for day in 0..21 {
        weekly.add_rating(start + Duration::days(day), ZeroToTen::new(9)?)?;
    }
    let trend = weekly.trend(|t| Nps.score(t), ReportOptions::new().minimum_n(1))?;
    let marks: Vec<(String, bool)> = trend.iter().map(|w| (w.key().to_string(), w.is_partial())).collect();
    assert_eq!(
        marks,
        [
            ("2026-W02".to_owned(), true),
            ("2026-W03".to_owned(), false),
            ("2026-W04".to_owned(), false),
            ("2026-W05".to_owned(), true),
        ]
    );
    // Merged shards keep the whole span.
    let mut a = Series::utc(Granularity::IsoWeek);
    let mut b = Series::utc(Granularity::IsoWeek);
    a.add_rating(utc(2026, 1, 5, 0, 0), ZeroToTen::new(9)?)?;
    b.add_rating(utc(2026, 1, 11, 23, 0), ZeroToTen::new(9)?)?;
    a.merge(&b)?;
    let trend = a.trend(|t| Nps.score(t), ReportOptions::new().minimum_n(1))?;
    assert!(!trend[0].is_partial(), "Monday to Sunday is the whole week");
    Ok(())
}
