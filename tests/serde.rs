//! Serde round trips and validation on the way in.
#![cfg(feature = "serde")]

use chrono::{DateTime, Utc};
use cxmetrics::{
    Channel, Feedback, Granularity, Likert5, Likert7, Response, Segments, Series, Tally, Touchpoint, WeightedTally,
    ZeroToTen,
};
use proptest::prelude::*;

#[test]
fn scales_round_trip_and_reject_off_scale_values() {
    let r = ZeroToTen::constant(7);
    assert_eq!(serde_json::to_string(&r).expect("serialize"), "7");
    assert_eq!(serde_json::from_str::<ZeroToTen>("7").expect("valid"), r);
    let err = serde_json::from_str::<ZeroToTen>("11")
        .expect_err("off scale")
        .to_string();
    assert!(
        err.contains("rating 11 is out of range for ZeroToTen (0..=10)"),
        "{err}"
    );
    assert!(serde_json::from_str::<Likert5>("0").is_err());
    assert!(serde_json::from_str::<Likert5>("4.5").is_err());
    assert!(serde_json::from_str::<Likert7>("-1").is_err());
}

#[test]
fn tally_round_trips_and_rejects_impossible_content() {
    let t = Tally::<Likert5>::from_raw(&[5, 4, 4, 1]).expect("valid");
    let json = serde_json::to_string(&t).expect("serialize");
    assert_eq!(json, r#"{"scale":"Likert5","counts":[1,0,0,2,1]}"#);
    assert_eq!(serde_json::from_str::<Tally<Likert5>>(&json).expect("valid"), t);
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
    ] {
        let err = serde_json::from_str::<Tally<Likert5>>(bad).expect_err(bad).to_string();
        assert!(err.contains(why), "{bad}: {err}");
    }
}

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).expect("in range")
}

#[test]
fn response_round_trips_and_validates() {
    let r = Response::new(Likert7::constant(6), at(1_700_000_000))
        .with_touchpoint(Touchpoint::Custom("warranty".into()))
        .with_channel(Channel::SelfService)
        .with_segment("EMEA")
        .with_weight(1.25)
        .expect("valid")
        .with_interaction_at(at(1_699_990_000))
        .expect("before");
    let json = serde_json::to_string(&r).expect("serialize");
    assert_eq!(serde_json::from_str::<Response<Likert7>>(&json).expect("valid"), r);
    let minimal = r#"{"rating":3,"at":"2026-01-05T10:00:00Z"}"#;
    assert_eq!(
        serde_json::from_str::<Response<Likert5>>(minimal)
            .expect("valid")
            .rating()
            .get(),
        3
    );
    for (bad, why) in [
        (r#"{"rating":8,"at":"2026-01-05T10:00:00Z"}"#, "out of range"),
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
}

#[test]
fn feedback_round_trips() {
    let f = Feedback::new(at(0))
        .with_nps(ZeroToTen::constant(3))
        .with_csat(Likert5::constant(2))
        .with_ces(Likert7::constant(2))
        .with_transfers(3)
        .with_first_contact_resolution(false)
        .with_time_to_resolution(core::time::Duration::from_secs(7200))
        .with_comment("bounced around");
    let json = serde_json::to_string(&f).expect("serialize");
    assert_eq!(serde_json::from_str::<Feedback>(&json).expect("valid"), f);
    assert!(serde_json::from_str::<Feedback>(r#"{"at":"2026-01-05T10:00:00Z","nps":12}"#).is_err());
}

#[test]
fn series_segments_and_weighted_tallies_round_trip() {
    let mut series = Series::new(
        Granularity::IsoWeek,
        chrono::FixedOffset::east_opt(7200).expect("offset"),
    );
    let mut segments = Segments::new();
    for (i, r) in [10u8, 9, 3, 7].into_iter().enumerate() {
        let resp = Response::new(
            ZeroToTen::new(r).expect("valid"),
            at(1_767_600_000 + 700_000 * i as i64),
        );
        series.add(&resp).expect("fits");
        segments.add(Channel::Chat, resp.rating()).expect("fits");
    }
    segments
        .add(Channel::Custom("kiosk".into()), ZeroToTen::constant(4))
        .expect("fits");
    let json = serde_json::to_string(&series).expect("serialize");
    assert!(
        json.starts_with(r#"{"granularity":"iso_week","offset_seconds":7200,"periods":[["2026-01-05","#),
        "{json}"
    );
    assert_eq!(serde_json::from_str::<Series<ZeroToTen>>(&json).expect("valid"), series);
    let json = serde_json::to_string(&segments).expect("serialize");
    assert_eq!(
        serde_json::from_str::<Segments<Channel, ZeroToTen>>(&json).expect("valid"),
        segments
    );

    let bad_start = r#"{"granularity":"iso_week","offset_seconds":0,"periods":[["2026-01-06",{"scale":"ZeroToTen","counts":[0,0,0,0,0,0,0,0,0,0,1]}]]}"#;
    let err = serde_json::from_str::<Series<ZeroToTen>>(bad_start)
        .expect_err("not a Monday")
        .to_string();
    assert!(
        err.contains("2026-01-06 does not start a period of granularity iso_week"),
        "{err}"
    );
    let bad_offset = r#"{"granularity":"day","offset_seconds":90000,"periods":[]}"#;
    assert!(serde_json::from_str::<Series<ZeroToTen>>(bad_offset).is_err());
    let twice = r#"[["a",{"scale":"Likert5","counts":[1,0,0,0,0]}],["a",{"scale":"Likert5","counts":[1,0,0,0,0]}]]"#;
    assert!(serde_json::from_str::<Segments<String, Likert5>>(twice).is_err());

    let mut w = WeightedTally::<Likert5>::new();
    w.add(Likert5::constant(5), 1.5).expect("valid");
    w.add(Likert5::constant(1), 0.25).expect("valid");
    let json = serde_json::to_string(&w).expect("serialize");
    assert_eq!(
        json,
        r#"{"scale":"Likert5","sum_w":[0.25,0.0,0.0,0.0,1.5],"sum_w2":[0.0625,0.0,0.0,0.0,2.25],"answers":[1,0,0,0,1]}"#
    );
    assert_eq!(serde_json::from_str::<WeightedTally<Likert5>>(&json).expect("valid"), w);
    for bad in [
        r#"{"scale":"Likert5","sum_w":[-1.0,0.0,0.0,0.0,1.5],"sum_w2":[1.0,0.0,0.0,0.0,2.25],"answers":[1,0,0,0,1]}"#,
        r#"{"scale":"Likert5","sum_w":[1.0,0.0,0.0,0.0,1.5],"sum_w2":[1.0,0.0,0.0,0.0,2.25],"answers":[0,0,0,0,1]}"#,
        r#"{"scale":"Likert7","sum_w":[1.0,0.0,0.0,0.0,1.5],"sum_w2":[1.0,0.0,0.0,0.0,2.25],"answers":[1,0,0,0,1]}"#,
        r#"{"scale":"Likert5","sum_w":[1.0],"sum_w2":[1.0],"answers":[1]}"#,
    ] {
        assert!(serde_json::from_str::<WeightedTally<Likert5>>(bad).is_err(), "{bad}");
    }
}

proptest! {
    #[test]
    fn tallies_round_trip(counts in prop::collection::vec(0u64..1 << 40, 11)) {
        let t = Tally::<ZeroToTen>::from_counts(&counts)?;
        let back: Tally<ZeroToTen> = serde_json::from_str(&serde_json::to_string(&t).expect("serialize")).expect("valid");
        prop_assert_eq!(back, t);
    }

    #[test]
    fn ratings_deserialize_exactly_when_on_scale(v in any::<u8>()) {
        let parsed = serde_json::from_str::<Likert7>(&v.to_string());
        prop_assert_eq!(parsed.is_ok(), (1..=7).contains(&v));
    }
}
