//! The JSON shape of results, for dashboards: a snapshot of every result
//! type, with units, methods and levels. Regenerate deliberately with
//! `UPDATE_SNAPSHOT=1 cargo test --all-features --test results_json` and
//! review the diff.
#![cfg(feature = "serde")]

use chrono::{Duration, TimeZone, Utc};
use cxmetrics::effort::{EffortDriver, ces_by_driver, nps_by_effort};
use cxmetrics::operations::{retention, time_to_resolution};
use cxmetrics::{
    Against, Benchmark, BenchmarkKind, CesEffort, ConfidenceLevel, Csat, Error, Feedback, Granularity, Likert5,
    Likert7, Nps, ReportOptions, Segments, Series, Tally, ZeroToTen, rank,
};
use serde_json::{Value, json};

const P95: ConfidenceLevel = ConfidenceLevel::P95;

fn results() -> Result<Value, Error> {
    let nps = Nps.score_counts(30, 50, 120)?;
    let before = Nps.score_counts(45, 60, 95)?;
    let csat = Csat::default().score(&Tally::<Likert5>::from_counts(&[5, 10, 15, 40, 30])?)?;
    let effort = CesEffort.score(&Tally::<Likert5>::from_counts(&[30, 35, 20, 10, 5])?)?;
    let last_quarter = Benchmark::sample("Q2", BenchmarkKind::OwnHistory, before);
    let industry = Benchmark::nps(
        "industry",
        BenchmarkKind::Industry {
            region: Some("EMEA".into()),
        },
        32.0,
    )?
    .with_margin(2.0, P95)?;
    let competitors = [
        industry.clone(),
        Benchmark::nps("Acme", BenchmarkKind::Competitor, 60.0)?,
    ];

    let start = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).single().expect("valid");
    let mut weekly = Series::utc(Granularity::IsoWeek);
    let mut by_agent = Segments::new();
    for i in 0..120u8 {
        let rating = ZeroToTen::new([10, 9, 8, 6, 10, 3][usize::from(i % 6)])?;
        weekly.add_rating(start + Duration::hours(i64::from(i) * 3), rating)?;
        by_agent.add(if i % 3 == 0 { "ana" } else { "ben" }, rating)?;
    }
    let options = ReportOptions::new().minimum_n(20).practical_difference(5.0);
    let at = start;
    let feedback: Vec<Feedback> = (0..40u8)
        .map(|i| {
            Feedback::new(at)
                .with_nps(ZeroToTen::constant(if i % 2 == 0 { 10 } else { 4 }))
                .with_ces(Likert7::constant(if i % 2 == 0 { 7 } else { 2 }))
                .with_transfers(u32::from(i % 4 == 1))
                .with_time_to_resolution(core::time::Duration::from_secs(3600 * u64::from(1 + i % 5)))
        })
        .collect();

    Ok(json!({
        "nps": nps,
        "csat": csat,
        "ces_effort": effort,
        "interval": nps.interval(P95),
        "share_interval": csat.interval(P95),
        "difference": nps.difference(&before, P95)?,
        "comparison": last_quarter.compare(&nps, P95)?,
        "against_published": industry.compare(&nps, P95)?,
        "ranking": rank(&nps, &competitors, P95, cxmetrics::inference::Adjustment::Holm)?,
        "trend": weekly.trend(|t| Nps.score(t), options)?,
        "segments": by_agent.table(|t| Nps.score(t), Against::Rest, options)?,
        "effort_loyalty": nps_by_effort(&feedback, P95)?,
        "driver": ces_by_driver(&feedback, EffortDriver::Transferred, P95)?,
        "time_to_resolution": time_to_resolution(&feedback)?,
        "retention": retention(1000, 950, 50)?,
    }))
}

/// The same shape (keys, types, strings, booleans, nulls) and numbers
/// within 1e-9 relative: the snapshot is about the shape, and a last-digit
/// change in a p-value is not a change of shape.
#[track_caller]
fn assert_same(got: &Value, want: &Value, at: &str) {
    match (got, want) {
        (Value::Number(g), Value::Number(w)) => {
            let (g, w) = (g.as_f64().unwrap_or(f64::NAN), w.as_f64().unwrap_or(f64::NAN));
            assert!((g - w).abs() <= 1e-9 * w.abs().max(1e-300), "{at}: {g} != {w}");
        }
        (Value::Array(g), Value::Array(w)) => {
            assert_eq!(g.len(), w.len(), "{at}: length");
            for (i, (g, w)) in g.iter().zip(w).enumerate() {
                assert_same(g, w, &format!("{at}[{i}]"));
            }
        }
        (Value::Object(g), Value::Object(w)) => {
            assert_eq!(g.keys().collect::<Vec<_>>(), w.keys().collect::<Vec<_>>(), "{at}: keys");
            for (k, g) in g {
                assert_same(g, &w[k], &format!("{at}.{k}"));
            }
        }
        _ => assert_eq!(got, want, "{at}"),
    }
}

#[test]
fn results_serialize_to_the_documented_shape() -> Result<(), Box<dyn std::error::Error>> {
    let got = results()?;
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/results_snapshot.json");
    if std::env::var_os("UPDATE_SNAPSHOT").is_some() {
        std::fs::write(path, serde_json::to_string_pretty(&got)? + "\n")?;
    }
    let want: Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    assert_same(&got, &want, "$");
    Ok(())
}

#[test]
fn every_number_comes_with_its_display_value_and_unit() -> Result<(), Error> {
    let v = results()?;
    assert_eq!(v["nps"]["unit"], "points");
    assert_eq!(v["nps"]["display"], 45.0);
    assert_eq!(v["csat"]["unit"], "percent");
    assert_eq!(v["csat"]["display"], 70.0);
    assert_eq!(v["ces_effort"]["orientation"], "lower_is_better");
    assert_eq!(v["interval"]["method"], "score");
    assert_eq!(v["interval"]["level"], 0.95);
    assert_eq!(v["comparison"]["verdict"], "above");
    assert_eq!(v["comparison"]["better"], true);
    assert_eq!(v["against_published"]["kind"]["industry"]["region"], "EMEA");
    let d = &v["difference"];
    assert!((d["display"].as_f64().unwrap_or(f64::NAN) - 20.0).abs() < 1e-9);
    Ok(())
}
