//! Periods, series and trends, segment tables, survey timing, and the
//! effort→loyalty and operational metrics.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeDelta, TimeZone, Utc};
use core::time::Duration as StdDuration;
use cxmetrics::effort::{EffortBand, EffortDriver, ces_by_driver, nps_by_effort};
use cxmetrics::inference::Adjustment;
use cxmetrics::operations::{first_contact_resolution, response_rate, retention, time_to_resolution};
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
        |g: Granularity, at, hours| -> Result<String, Error> { Ok(g.period_of(at, offset(hours))?.to_string()) };
    assert_eq!(label(Granularity::Quarter, late, 0)?, "2026-Q1");
    assert_eq!(label(Granularity::Quarter, late, 2)?, "2026-Q2");
    assert_eq!(label(Granularity::Day, late, -5)?, "2026-03-31");
    assert_eq!(label(Granularity::Month, late, 2)?, "2026-04");
    assert_eq!(label(Granularity::Year, utc(2026, 12, 31, 23, 0), 2)?, "2027");
    // ISO weeks cross year boundaries: 1 January 2027 is in 2026-W53.
    let new_year = Granularity::IsoWeek.period_of(utc(2027, 1, 1, 12, 0), offset(0))?;
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
fn the_ends_of_the_calendar_are_errors_not_panics() {
    // Regression: a timestamp near chrono's limits with a non-zero offset
    // panicked, the ISO week containing chrono's first day panicked, and
    // the last day's period ended where it started.
    let east = offset(1);
    let err = Granularity::Day.period_of(DateTime::<Utc>::MAX_UTC, east).unwrap_err();
    assert!(matches!(err, Error::OutOfCalendar { granularity: "day", .. }), "{err}");
    assert!(
        err.to_string()
            .ends_with("has no day period: it falls outside the calendar (years -262143 to 262142)")
    );
    assert!(
        Granularity::IsoWeek
            .period_of(DateTime::<Utc>::MIN_UTC, offset(0))
            .is_err()
    );
    let mut series = Series::utc(Granularity::IsoWeek);
    assert!(
        series
            .add_rating(DateTime::<Utc>::MIN_UTC, ZeroToTen::constant(9))
            .is_err()
    );
    assert!(series.periods().next().is_none(), "nothing counted");
    let last = Period::containing(Granularity::Day, NaiveDate::MAX).expect("a day");
    assert_eq!((last.end(), last.next()), (None, None));
    // Two answers at the two ends: the periods come lazily, so taking a few
    // costs nothing however far apart they are.
    let mut wide = Series::utc(Granularity::Day);
    wide.add_rating(DateTime::<Utc>::MIN_UTC, ZeroToTen::constant(9))
        .expect("inside");
    wide.add_rating(DateTime::<Utc>::MAX_UTC, ZeroToTen::constant(3))
        .expect("inside");
    assert_eq!(wide.periods().take(3).count(), 3);
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

fn nps_response(at: DateTime<Utc>, rating: u8) -> Response<ZeroToTen> {
    Response::new(ZeroToTen::new(rating).expect("valid"), at)
}

#[test]
fn series_keep_gaps_and_roll() {
    let mut s = Series::new(Granularity::Month, offset(2));
    s.extend(&[
        nps_response(utc(2026, 1, 10, 0, 0), 10),
        nps_response(utc(2026, 4, 1, 0, 0), 3),
    ]);
    let months: Vec<String> = s.periods().map(|(p, _)| p.to_string()).collect();
    assert_eq!(months, ["2026-01", "2026-02", "2026-03", "2026-04"]);
    let totals: Vec<u64> = s
        .rolling(2)
        .expect("window")
        .periods()
        .map(|(_, t)| t.total())
        .collect();
    assert_eq!(totals, [1, 1, 0, 1]);
    assert!(s.rolling(0).is_err());
    let other = Series::<ZeroToTen>::utc(Granularity::Month);
    let mut merged = s.clone();
    assert!(
        matches!(merged.merge(&other), Err(Error::Mismatch { .. })),
        "different offsets do not merge"
    );
}

#[test]
fn trends_compare_with_the_previous_period_and_mark_thin_ones() {
    let mut s = Series::utc(Granularity::IsoWeek);
    let monday = utc(2026, 1, 5, 9, 0);
    let add = |s: &mut Series<ZeroToTen>, week: i64, ratings: &[(u8, usize)]| {
        for &(r, count) in ratings {
            for i in 0..count {
                s.add(&nps_response(
                    monday + Duration::weeks(week) + Duration::minutes(i as i64),
                    r,
                ))
                .expect("fits");
            }
        }
    };
    add(&mut s, 0, &[(10, 50), (8, 30), (3, 20)]); // +30
    add(&mut s, 1, &[(10, 20), (8, 30), (3, 50)]); // −30: a detectable drop
    add(&mut s, 2, &[(10, 5)]); // thin
    add(&mut s, 4, &[(10, 40), (3, 40)]); // after an empty week
    let trend = s
        .trend(|t| Nps.score(t), ReportOptions::from(P95).minimum_n(30))
        .expect("scores");
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
}

#[test]
fn segment_tables_against_rest_and_benchmark() {
    let at = utc(2026, 2, 1, 0, 0);
    let mut responses = Vec::new();
    for (touchpoint, easy_of_ten) in [
        (Touchpoint::FirstContact, 9),
        (Touchpoint::ReturnsRefunds, 4),
        (Touchpoint::AfterHours, 7),
    ] {
        for i in 0..200 {
            let rating = if i % 10 < easy_of_ten { 6 } else { 2 };
            responses.push(Response::new(Likert7::new(rating).expect("valid"), at).with_touchpoint(touchpoint.clone()));
        }
    }
    responses.push(Response::new(Likert7::new(1).expect("valid"), at).with_touchpoint(Touchpoint::Onboarding));
    let segments = Segments::from_responses(&responses, |r| r.touchpoint().cloned()).expect("fits");
    let ces = CesAgreement::default();
    let table = segments
        .table(
            |t| ces.score(t),
            Against::Rest,
            ReportOptions::from(P95).minimum_n(30).adjustment(Adjustment::Holm),
        )
        .expect("table");
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

    let target = Benchmark::share("target", BenchmarkKind::Global, Metric::CesAgreement, 75.0).expect("finite");
    let vs_target = segments
        .table(
            |t| ces.score(t),
            Against::Benchmark(&target),
            ReportOptions::from(P95).adjustment(Adjustment::BenjaminiHochberg),
        )
        .expect("t");
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
}

#[test]
fn survey_timing_bands_and_quantiles() {
    let served = utc(2026, 3, 1, 12, 0);
    let mut responses = Vec::new();
    for (hours, rating) in [(1, 5), (3, 5), (20, 4), (50, 3), (100, 2), (400, 1)] {
        let r = Response::new(Likert5::new(rating).expect("valid"), served + TimeDelta::hours(hours));
        responses.push(r.with_interaction_at(served).expect("before"));
    }
    responses.push(Response::new(Likert5::new(4).expect("valid"), served));
    let timing = SurveyTiming::new(&responses, &[TimeDelta::days(1), TimeDelta::days(7)]).expect("bounds");
    let shares: Vec<i64> = timing
        .bands()
        .iter()
        .map(|b| Csat::default().score(b.tally()).expect("non-empty").rounded())
        .collect();
    assert_eq!(shares, [100, 0, 0]);
    assert_eq!(timing.bands()[2].end(), None);
    assert_eq!(timing.unknown(), 1);
    assert_eq!(timing.median_delay(), Some(TimeDelta::minutes(35 * 60)));
    assert_eq!(timing.delay_quantile(0.5), Some(TimeDelta::hours(20)));
    assert!(SurveyTiming::new(&responses, &[TimeDelta::days(2), TimeDelta::days(1)]).is_err());
    let err = Response::new(Likert5::new(4).expect("valid"), served).with_interaction_at(served + TimeDelta::hours(1));
    assert!(err.is_err(), "an interaction after the answer is rejected");
}

fn feedback() -> Vec<Feedback> {
    let at = utc(2026, 4, 1, 0, 0);
    (0..400u32)
        .map(|i| {
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
            Feedback::new(at)
                .with_ces(Likert7::new(ces).expect("valid"))
                .with_nps(ZeroToTen::new(nps).expect("valid"))
                .with_transfers(u32::from(transferred))
                .with_first_contact_resolution(resolved)
                .with_time_to_resolution(StdDuration::from_secs(u64::from(60 * (1 + i % 10))))
                .with_channel(Channel::Phone)
        })
        .collect()
}

#[test]
fn effort_drives_loyalty() {
    let fb = feedback();
    let link = nps_by_effort(&fb, P95).expect("answers");
    assert_eq!(link.nps(EffortBand::Easy).expect("easy").rounded(), 100);
    assert_eq!(link.nps(EffortBand::Difficult).expect("difficult").rounded(), -100);
    assert_eq!(link.bands().len(), 3);
    assert!(link.difference().expect("both bands").test().rejects(P95));
    let only_ces = [Feedback::new(utc(2026, 1, 1, 0, 0)).with_ces(Likert7::new(5).expect("valid"))];
    assert!(matches!(nps_by_effort(&only_ces, P95), Err(Error::EmptySample { .. })));
}

#[test]
fn drivers_and_operational_metrics() {
    let fb = feedback();
    let transfers = ces_by_driver(&fb, EffortDriver::Transferred, P95).expect("recorded");
    assert!(transfers.difference().expect("both").estimate() < 0.0);
    let unresolved = ces_by_driver(&fb, EffortDriver::NotResolvedFirstContact, P95).expect("recorded");
    assert_eq!(unresolved.with().expect("some unresolved").hits(), 0);
    assert!(matches!(
        ces_by_driver(&fb, EffortDriver::RepeatContact, P95),
        Err(Error::EmptySample { .. })
    ));
    let fcr = first_contact_resolution(&fb).expect("recorded");
    assert_eq!((fcr.hits(), fcr.n()), (320, 400));
    assert_eq!(fcr.metric(), Metric::FirstContactResolution);
    let ttr = time_to_resolution(&fb).expect("recorded");
    assert_eq!(
        (ttr.n(), ttr.mean(), ttr.median()),
        (400, StdDuration::from_secs(330), StdDuration::from_secs(330))
    );
    assert!(time_to_resolution(&[]).is_err());
    assert_eq!(response_rate(400, 1600).expect("valid").rounded(), 25);
    assert!(response_rate(1, 0).is_err());
    assert!(matches!(response_rate(0, 0), Err(Error::EmptySample { .. })));
    let r = retention(500, 520, 70).expect("valid");
    assert!((r.rate() - 0.9).abs() < 1e-15 && (r.churn() - 0.1).abs() < 1e-15);
    assert!(retention(0, 10, 0).is_err());
    assert!(retention(100, 150, 10).is_err(), "more kept than there were");
}

fn responses_strategy() -> impl Strategy<Value = Vec<(i64, u8, u8)>> {
    prop::collection::vec((0i64..120 * 86_400, 0u8..=10, 0u8..4), 0..300)
}

fn build(rows: &[(i64, u8, u8)]) -> Vec<Response<ZeroToTen>> {
    let t0 = utc(2026, 1, 1, 0, 0);
    let channels = [Channel::Phone, Channel::Chat, Channel::Email, Channel::Sms];
    rows.iter()
        .map(|&(secs, r, c)| {
            nps_response(t0 + Duration::seconds(secs), r).with_channel(channels[usize::from(c)].clone())
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn trends_and_segment_tables_merge_exactly(rows in responses_strategy(), split in any::<prop::sample::Index>()) {
        let responses = build(&rows);
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
