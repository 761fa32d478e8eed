//! Serde round trips and validation on the way in.
#![cfg(feature = "serde")]

use std::error::Error;

use chrono::{DateTime, Duration, FixedOffset, Utc};
use cxmetrics::{
    Channel, Feedback, Granularity, Likert5, Likert7, Response, Segments, Series, Tally, Touchpoint, WeightedTally,
    ZeroToTen,
};
use proptest::prelude::*;

type TestResult = Result<(), Box<dyn Error>>;

#[test]
fn scales_round_trip_and_reject_off_scale_values() -> TestResult {
    let r = ZeroToTen::constant(7);
    assert_eq!(serde_json::to_string(&r)?, "7");
    assert_eq!(serde_json::from_str::<ZeroToTen>("7")?, r);
    let cases: [(Result<u8, serde_json::Error>, &str); 4] = [
        (
            serde_json::from_str::<ZeroToTen>("11").map(u8::from),
            "rating 11 is off the 0–10 scale",
        ),
        (
            serde_json::from_str::<Likert5>("0").map(u8::from),
            "rating 0 is off the 1–5 scale",
        ),
        (
            serde_json::from_str::<Likert5>("4.5").map(u8::from),
            "invalid type: floating point `4.5`",
        ),
        (
            serde_json::from_str::<Likert7>("-1").map(u8::from),
            "invalid value: integer `-1`",
        ),
    ];
    for (result, why) in cases {
        let err = result.expect_err(why).to_string();
        assert!(err.contains(why), "{why}: {err}");
    }
    Ok(())
}

#[test]
fn tally_round_trips_and_rejects_impossible_content() -> TestResult {
    let t = Tally::<Likert5>::from_raw(&[5, 4, 4, 1])?;
    let json = serde_json::to_string(&t)?;
    assert_eq!(json, r#"{"scale":"Likert5","counts":[1,0,0,2,1]}"#);
    assert_eq!(serde_json::from_str::<Tally<Likert5>>(&json)?, t);
    for (bad, why) in [
        (r#"{"scale":"Likert5","counts":[1,0,0,2]}"#, "invalid length 4"),
        (r#"{"scale":"Likert5","counts":[1,0,0,2,1,0]}"#, "invalid length 6"),
        (
            r#"{"scale":"Likert7","counts":[1,0,0,2,1]}"#,
            "expected a Likert5 tally",
        ),
        (
            r#"{"scale":"Likert5","counts":[1,0,0,2,1],"total":4}"#,
            "unknown field `total`",
        ),
        (r#"{"counts":[1,0,0,2,1]}"#, "missing field `scale`"),
        (r#"{"scale":"Likert5","counts":[1,0,0,2,-1]}"#, "invalid value"),
        (
            r#"{"scale":"Likert5","counts":[18446744073709551615,1,0,0,0]}"#,
            "count overflow",
        ),
        (
            r#"{"scale":"Likert5","scale":"Likert5","counts":[1,0,0,2,1]}"#,
            "duplicate field",
        ),
        // A second `counts` must not silently replace the first.
        (
            r#"{"scale":"Likert5","counts":[1,0,0,2,1],"counts":[0,0,0,0,9]}"#,
            "duplicate field `counts`",
        ),
        // Not an object at all: the message says what a tally looks like.
        (
            "42",
            r#"invalid type: integer `42`, expected a Likert5 tally: {"scale": "Likert5", "counts": [5 counts]}"#,
        ),
    ] {
        let err = serde_json::from_str::<Tally<Likert5>>(bad).expect_err(bad).to_string();
        assert!(err.contains(why), "{bad}: {err}");
    }
    Ok(())
}

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).expect("in range")
}

#[test]
fn response_round_trips_and_validates() -> TestResult {
    let r = Response::new(Likert7::constant(6), at(1_700_000_000))
        .with_touchpoint(Touchpoint::Custom("warranty".into()))
        .with_channel(Channel::SelfService)
        .with_segment("EMEA")
        .with_weight(1.25)?
        .with_interaction_at(at(1_699_990_000))?;
    let json = serde_json::to_string(&r)?;
    assert_eq!(serde_json::from_str::<Response<Likert7>>(&json)?, r);
    let minimal = r#"{"rating":3,"at":"2026-01-05T10:00:00Z"}"#;
    let parsed = serde_json::from_str::<Response<Likert5>>(minimal)?;
    assert_eq!(
        (parsed.rating().get(), parsed.weight(), parsed.channel()),
        (3, None, None)
    );
    for (bad, why) in [
        (r#"{"rating":8,"at":"2026-01-05T10:00:00Z"}"#, "off the 1–7 scale"),
        (
            r#"{"rating":3,"at":"2026-01-05T10:00:00Z","weight":-1.0}"#,
            "weight -1 is invalid",
        ),
        (
            r#"{"rating":3,"at":"2026-01-05T10:00:00Z","interaction_at":"2026-01-06T10:00:00Z"}"#,
            "interaction",
        ),
        (r#"{"rating":3,"at":"2026-01-05T10:00:00Z","score":3}"#, "unknown field"),
    ] {
        let err = serde_json::from_str::<Response<Likert7>>(bad)
            .expect_err(bad)
            .to_string();
        assert!(err.contains(why), "{bad}: {err}");
    }
    Ok(())
}

#[test]
fn feedback_round_trips() -> TestResult {
    let f = Feedback::new(at(0))
        .with_nps(ZeroToTen::constant(3))
        .with_csat(Likert5::constant(2))
        .with_ces(Likert7::constant(2))
        .with_transfers(3)
        .with_first_contact_resolution(false)
        .with_time_to_resolution(core::time::Duration::from_hours(2))
        .with_comment("bounced around");
    let json = serde_json::to_string(&f)?;
    assert_eq!(serde_json::from_str::<Feedback>(&json)?, f);
    let err =
        serde_json::from_str::<Feedback>(r#"{"at":"2026-01-05T10:00:00Z","nps":12}"#).expect_err("12 is off the scale");
    assert!(err.to_string().contains("rating 12 is off the 0–10 scale"), "{err}");
    Ok(())
}

#[test]
fn series_segments_and_weighted_tallies_round_trip() -> TestResult {
    let mut series = Series::new(Granularity::IsoWeek, FixedOffset::east_opt(7200).expect("offset"));
    let mut segments = Segments::new();
    for (i, r) in [10u8, 9, 3, 7].into_iter().enumerate() {
        let resp = Response::new(ZeroToTen::new(r)?, at(1_767_600_000 + 700_000 * i as i64));
        series.add(&resp)?;
        segments.add(Channel::Chat, resp.rating())?;
    }
    segments.add(Channel::Custom("kiosk".into()), ZeroToTen::constant(4))?;
    let json = serde_json::to_string(&series)?;
    assert!(
        json.starts_with(
            r#"{"granularity":"iso_week","zone":"+02:00","span":["2026-01-05T08:00:00Z","2026-01-29T15:20:00Z"],"periods":[["2026-01-05","#
        ),
        "{json}"
    );
    assert_eq!(serde_json::from_str::<Series<ZeroToTen>>(&json)?, series);
    let json = serde_json::to_string(&segments)?;
    assert_eq!(serde_json::from_str::<Segments<Channel, ZeroToTen>>(&json)?, segments);

    let bad_start = r#"{"granularity":"iso_week","zone":"+00:00","periods":[["2026-01-06",{"scale":"ZeroToTen","counts":[0,0,0,0,0,0,0,0,0,0,1]}]]}"#;
    let err = serde_json::from_str::<Series<ZeroToTen>>(bad_start)
        .expect_err("not a Monday")
        .to_string();
    assert!(
        err.contains("2026-01-06 does not start a period of granularity iso_week"),
        "{err}"
    );
    for bad in [
        r#"{"granularity":"day","zone":"+25:00","periods":[]}"#,
        r#"{"granularity":"day","zone":"Mars/Olympus","periods":[]}"#,
        r#"{"granularity":"day","zone":"+00:00","span":["2026-01-05T08:00:00Z","2026-01-04T08:00:00Z"],"periods":[]}"#,
        r#"{"granularity":"day","offset_seconds":0,"periods":[]}"#,
    ] {
        assert!(serde_json::from_str::<Series<ZeroToTen>>(bad).is_err(), "{bad}");
    }
    let twice = r#"[["a",{"scale":"Likert5","counts":[1,0,0,0,0]}],["a",{"scale":"Likert5","counts":[1,0,0,0,0]}]]"#;
    assert!(serde_json::from_str::<Segments<String, Likert5>>(twice).is_err());

    let mut w = WeightedTally::<Likert5>::new();
    w.add(Likert5::constant(5), 1.5)?;
    w.add(Likert5::constant(1), 0.25)?;
    let json = serde_json::to_string(&w)?;
    assert_eq!(
        json,
        r#"{"scale":"Likert5","sum_w":[0.25,0.0,0.0,0.0,1.5],"sum_w2":[0.0625,0.0,0.0,0.0,2.25],"answers":[1,0,0,0,1]}"#
    );
    assert_eq!(serde_json::from_str::<WeightedTally<Likert5>>(&json)?, w);
    for bad in [
        r#"{"scale":"Likert5","sum_w":[-1.0,0.0,0.0,0.0,1.5],"sum_w2":[1.0,0.0,0.0,0.0,2.25],"answers":[1,0,0,0,1]}"#,
        r#"{"scale":"Likert5","sum_w":[1.0,0.0,0.0,0.0,1.5],"sum_w2":[1.0,0.0,0.0,0.0,2.25],"answers":[0,0,0,0,1]}"#,
        r#"{"scale":"Likert7","sum_w":[1.0,0.0,0.0,0.0,1.5],"sum_w2":[1.0,0.0,0.0,0.0,2.25],"answers":[1,0,0,0,1]}"#,
        r#"{"scale":"Likert5","sum_w":[1.0],"sum_w2":[1.0],"answers":[1]}"#,
        // Σw² at a point without answers (it would shrink the effective size).
        r#"{"scale":"Likert5","sum_w":[0.25,0.0,0.0,0.0,1.5],"sum_w2":[0.0625,4.0,0.0,0.0,2.25],"answers":[1,0,0,0,1]}"#,
    ] {
        assert!(serde_json::from_str::<WeightedTally<Likert5>>(bad).is_err(), "{bad}");
    }
    Ok(())
}

/// `(seconds after 2026-01-01, rating, channel index)` rows.
fn rows() -> impl Strategy<Value = Vec<(i64, u8, usize)>> {
    prop::collection::vec((0i64..400 * 86_400, 0u8..=10, 0usize..5), 0..200)
}

fn granularity() -> impl Strategy<Value = Granularity> {
    prop::sample::select(vec![
        Granularity::Day,
        Granularity::IsoWeek,
        Granularity::Month,
        Granularity::Quarter,
        Granularity::Year,
    ])
}

fn channel(i: usize) -> Channel {
    [
        Channel::Phone,
        Channel::Chat,
        Channel::Email,
        Channel::Sms,
        Channel::Custom("kiosk".into()),
    ][i]
        .clone()
}

proptest! {
    #[test]
    fn tallies_round_trip(counts in prop::collection::vec(0u64..1 << 40, 11)) {
        let t = Tally::<ZeroToTen>::from_counts(&counts)?;
        let back: Tally<ZeroToTen> = serde_json::from_str(&serde_json::to_string(&t)?)?;
        prop_assert_eq!(back, t);
    }

    #[test]
    fn ratings_deserialize_exactly_when_on_scale(v in any::<u8>()) {
        let parsed = serde_json::from_str::<Likert7>(&v.to_string());
        prop_assert_eq!(parsed.is_ok(), (1..=7).contains(&v));
    }

    #[test]
    fn series_round_trip(rows in rows(), g in granularity(), hours in -12i32..=14) {
        let t0 = DateTime::from_timestamp(1_767_225_600, 0).expect("2026-01-01");
        let mut series = Series::new(g, FixedOffset::east_opt(hours * 3600).expect("offset"));
        for &(secs, r, _) in &rows {
            series.add_rating(t0 + Duration::seconds(secs), ZeroToTen::new(r)?)?;
        }
        let json = serde_json::to_string(&series)?;
        let back: Series<ZeroToTen> = serde_json::from_str(&json)?;
        prop_assert_eq!(&back, &series);
        // The periods, gaps included, survive too.
        prop_assert_eq!(back.periods().collect::<Vec<_>>(), series.periods().collect::<Vec<_>>());
    }

    #[test]
    fn segments_round_trip(rows in rows()) {
        let mut by_channel = Segments::new();
        let mut by_label = Segments::new();
        for &(secs, r, c) in &rows {
            by_channel.add(channel(c), Likert7::new(1 + r % 7)?)?;
            by_label.add(format!("segment {}", secs % 7), Likert7::new(1 + r % 7)?)?;
        }
        let json = serde_json::to_string(&by_channel)?;
        prop_assert_eq!(serde_json::from_str::<Segments<Channel, Likert7>>(&json)?, by_channel);
        let json = serde_json::to_string(&by_label)?;
        prop_assert_eq!(serde_json::from_str::<Segments<String, Likert7>>(&json)?, by_label);
    }
}

#[test]
fn feedback_carries_dimensions_every_ces_and_the_interaction_time() -> TestResult {
    let answered = at(1_767_600_000);
    let f = Feedback::new(answered)
        .with_dimension("agent", "ana")
        .with_dimension("region", "EMEA")
        .with_ces_effort(Likert5::constant(2))
        .with_ces_ease(Likert5::constant(4))
        .with_interaction_at(answered - chrono::Duration::hours(3))?;
    let json = serde_json::to_string(&f)?;
    assert!(
        json.contains(r#""dimensions":[["agent","ana"],["region","EMEA"]]"#),
        "{json}"
    );
    assert_eq!(serde_json::from_str::<Feedback>(&json)?, f);
    // The one rule across two fields is checked on the way in too.
    let after = json.replace("2026-01-05T05:00:00Z", "2026-01-05T09:00:00Z");
    assert_ne!(after, json, "the interaction time is in the JSON");
    let err = serde_json::from_str::<Feedback>(&after)
        .expect_err("interaction after the answer")
        .to_string();
    assert!(err.contains("comes after the answer"), "{err}");
    Ok(())
}

#[test]
fn csat_on_any_scale_keeps_its_scale_through_json() -> TestResult {
    let at0 = at(1_767_600_000);
    let five = Feedback::new(at0).with_csat(Likert5::constant(4));
    let json = serde_json::to_string(&five)?;
    assert!(
        json.contains(r#""csat":4"#),
        "the standard scale stays a plain number: {json}"
    );
    assert_eq!(serde_json::from_str::<Feedback>(&json)?, five);

    let ten = Feedback::new(at0).with_csat(cxmetrics::Points::<1, 10>::constant(8));
    let json = serde_json::to_string(&ten)?;
    assert!(
        json.contains(r#""csat":{"scale":"Points<1, 10>","rating":8}"#),
        "{json}"
    );
    let back = serde_json::from_str::<Feedback>(&json)?;
    assert_eq!(back, ten);
    assert_eq!(
        back.csat::<cxmetrics::Points<1, 10>>().map(cxmetrics::Points::get),
        Some(8)
    );
    assert_eq!(back.csat::<Likert5>(), None);

    for (bad, why) in [
        (json.replace(r#""rating":8"#, r#""rating":11"#), "off the 1–10 scale"),
        (json.replace(r#""rating":8"#, r#""rating":0"#), "off the 1–10 scale"),
        (json.replace("Points<1, 10>", "Points<3, 9>"), "unknown scale"),
        (
            json.replace(r#"{"scale":"Points<1, 10>","rating":8}"#, "6"),
            "did not match",
        ),
    ] {
        let err = serde_json::from_str::<Feedback>(&bad).expect_err(why).to_string();
        assert!(err.contains(why), "{why}: {err}");
    }
    // Both ends of the scale are ratings on it.
    for end in [1, 10] {
        let json = json.replace(r#""rating":8"#, &format!(r#""rating":{end}"#));
        let back = serde_json::from_str::<Feedback>(&json)?;
        assert_eq!(
            back.csat::<cxmetrics::Points<1, 10>>().map(cxmetrics::Points::get),
            Some(end)
        );
    }
    Ok(())
}
