//! CES 2.0 by touchpoint and by channel, worst first, each compared with
//! the rest of the data (Holm-adjusted).
//!
//! Run with `cargo run --example segments`.

use chrono::{TimeZone, Utc};
use cxmetrics::inference::Adjustment;
use cxmetrics::{
    Against, CesAgreement, Channel, ConfidenceLevel, Likert7, ReportOptions, Response, SegmentTable, Segments, Share,
    Touchpoint,
};
use std::fmt::Display;

/// Deterministic answers: `easy` of every 20 answers rate 5–7, the rest 1–4.
fn answers(easy: u32, n: u32, seed: u32) -> impl Iterator<Item = u8> {
    (0..n).map(move |i| {
        let k = (i * 7 + seed) % 20;
        if k < easy { 5 + (k % 3) as u8 } else { 1 + (k % 4) as u8 }
    })
}

/// A p-value for display, the crate's one format.
fn p_value(p: Option<f64>) -> String {
    cxmetrics::inference::p_value(p).to_string()
}

fn print<K: Display>(title: &str, table: &SegmentTable<K, Share>) {
    println!("{title}\n");
    println!(
        "{:<22} {:>5} {:>7} {:>17}   vs rest (Holm)",
        "", "n", "easy", "95% Wilson"
    );
    for row in table.worst_first() {
        let (share, interval) = match (row.estimate(), row.interval()) {
            (Some(s), Some(i)) => (
                format!("{:.1}%", s.percent()),
                format!("[{:.1}, {:.1}]", i.display_lower(), i.display_upper()),
            ),
            _ => (String::new(), String::new()),
        };
        let verdict = match row.comparison() {
            Some(c) => format!(
                "{:+5.1} pts, {}: {}",
                100.0 * c.difference(),
                p_value(c.p_value()),
                c.verdict()
            ),
            None => "too few answers".to_owned(),
        };
        println!(
            "{:<22} {:>5} {:>7} {:>17}   {verdict}",
            row.key().to_string(),
            row.n(),
            share,
            interval
        );
    }
    println!();
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let at = Utc
        .with_ymd_and_hms(2026, 10, 1, 12, 0, 0)
        .single()
        .ok_or("invalid date")?;
    // (touchpoint, channel, easy answers per 20, answers)
    let plan = [
        (Touchpoint::FirstContact, Channel::Chat, 17, 420),
        (Touchpoint::FirstContact, Channel::Phone, 15, 380),
        (Touchpoint::FollowUp, Channel::Email, 13, 260),
        (Touchpoint::ReturnsRefunds, Channel::Phone, 9, 310),
        (Touchpoint::ReturnsRefunds, Channel::Email, 8, 150),
        (Touchpoint::AfterHours, Channel::SelfService, 12, 240),
        (Touchpoint::Onboarding, Channel::InApp, 16, 18),
    ];
    let mut responses = Vec::new();
    for (seed, (touchpoint, channel, easy, n)) in plan.into_iter().enumerate() {
        for rating in answers(easy, n, seed as u32) {
            responses.push(
                Response::new(Likert7::new(rating)?, at)
                    .with_touchpoint(touchpoint.clone())
                    .with_channel(channel.clone()),
            );
        }
    }

    let ces = CesAgreement::default();
    let score = |t: &cxmetrics::Tally<Likert7>| ces.score(t);
    let by_touchpoint = Segments::from_responses(&responses, |r| r.touchpoint().cloned())?;
    let table = by_touchpoint.table(
        score,
        Against::Rest,
        ReportOptions::from(ConfidenceLevel::P95)
            .minimum_n(30)
            .adjustment(Adjustment::Holm),
    )?;
    print(
        "CES 2.0 (% agreeing it was easy, 5–7) by touchpoint, worst first",
        &table,
    );
    let by_channel = Segments::from_responses(&responses, |r| r.channel().cloned())?;
    let table = by_channel.table(
        score,
        Against::Rest,
        ReportOptions::from(ConfidenceLevel::P95)
            .minimum_n(30)
            .adjustment(Adjustment::Holm),
    )?;
    print("CES 2.0 by channel, worst first", &table);
    Ok(())
}
