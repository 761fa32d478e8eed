//! Serde round trips and validation on the way in.
#![cfg(feature = "serde")]

use chrono::{DateTime, Utc};
use cxmetrics::{Channel, Feedback, Likert5, Likert7, Response, Tally, Touchpoint, ZeroToTen};
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
