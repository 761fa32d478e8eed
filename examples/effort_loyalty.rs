//! The effort→loyalty link: NPS of customers who found it easy against those
//! who did not, CES by effort driver, and the operational metrics.
//!
//! Run with `cargo run --example effort_loyalty`.

use chrono::{TimeZone, Utc};
use core::time::Duration;
use cxmetrics::effort::{EffortDriver, ces_by_driver, nps_by_effort};
use cxmetrics::operations::{first_contact_resolution, response_rate, retention, time_to_resolution};
use cxmetrics::{Channel, ConfidenceLevel, Feedback, Likert7, ZeroToTen};

/// Built-in feedback from 1 200 support contacts: transfers, channel
/// switches, repeat contacts and unresolved first contacts make it harder,
/// and customers who found it hard recommend less.
fn feedback() -> Result<Vec<Feedback>, Box<dyn std::error::Error>> {
    let at = Utc
        .with_ymd_and_hms(2026, 9, 30, 17, 0, 0)
        .single()
        .ok_or("invalid date")?;
    let mut out = Vec::new();
    let mut seed = 0x5EED_u64;
    let mut draw = move |n: u64| {
        // SplitMix64, reduced to 0..n: deterministic built-in data.
        seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n
    };
    for i in 0..1200u32 {
        let transferred = i % 5 == 0;
        let switched = i % 7 == 0;
        let repeat = i % 6 == 0;
        let resolved = i % 4 != 0;
        let friction = u64::from(transferred) + u64::from(switched) + u64::from(repeat) + 2 * u64::from(!resolved);
        // Each point of friction moves the CES answer down by about one point.
        let ces = (7 - (draw(3) + friction).min(6)) as u8;
        // Easy contacts recommend more often; hard ones detract more often.
        let promote = [5, 10, 25, 40, 60, 70, 75][usize::from(ces - 1)];
        let detract = [60, 50, 35, 25, 12, 8, 6][usize::from(ces - 1)];
        let roll = draw(100);
        let nps = if roll < promote {
            9 + draw(2)
        } else if roll < promote + detract {
            draw(7)
        } else {
            7 + draw(2)
        } as u8;
        let hours = 1 + friction * 20 + draw(9);
        out.push(
            Feedback::new(at)
                .with_ces(Likert7::new(ces)?)
                .with_nps(ZeroToTen::new(nps)?)
                .with_channel(if switched { Channel::Email } else { Channel::Chat })
                .with_first_contact_resolution(resolved)
                .with_transfers(u32::from(transferred))
                .with_channel_switches(u32::from(switched))
                .with_repeat_contacts(u32::from(repeat))
                .with_time_to_resolution(Duration::from_secs(3600 * hours)),
        );
    }
    Ok(out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let level = ConfidenceLevel::P95;
    let fb = feedback()?;

    let link = nps_by_effort(&fb, level)?;
    println!("NPS by effort band (CES 2.0)\n");
    for (band, nps) in link.bands() {
        match nps {
            Some(n) => {
                let i = n.interval(level);
                println!(
                    "  {:<22} NPS {:+6.1}  [{:+.1}, {:+.1}]  n = {}",
                    band.to_string(),
                    n.points(),
                    i.display_lower(),
                    i.display_upper(),
                    n.n()
                );
            }
            None => println!("  {:<22} no answers", band.to_string()),
        }
    }
    if let Some(d) = link.difference() {
        let i = d.interval();
        println!(
            "  easy − difficult: {:+.1} points [{:+.1}, {:+.1}], {}\n",
            i.display_estimate(),
            i.display_lower(),
            i.display_upper(),
            cxmetrics::inference::p_value(d.test().p_value())
        );
    }

    println!("CES 2.0 (% easy, 5–7) by effort driver\n");
    println!(
        "  {:<30} {:>8} {:>9} {:>11}   p",
        "driver", "with", "without", "difference"
    );
    for driver in EffortDriver::ALL {
        let Ok(effect) = ces_by_driver(&fb, driver, level) else {
            println!("  {:<30} not recorded", driver.to_string());
            continue;
        };
        let pct = |s: Option<&cxmetrics::Share>| s.map_or_else(|| "—".to_owned(), |s| format!("{:.1}%", s.percent()));
        let (diff, p) = effect.difference().map_or((String::new(), String::new()), |d| {
            (
                format!("{:+.1} pts", d.interval().display_estimate()),
                cxmetrics::inference::p_value(d.test().p_value()).to_string(),
            )
        });
        println!(
            "  {:<30} {:>8} {:>9} {:>11}   {p}",
            driver.to_string(),
            pct(effect.with()),
            pct(effect.without()),
            diff
        );
    }

    let fcr = first_contact_resolution(&fb)?;
    let i = fcr.interval(level);
    let ttr = time_to_resolution(&fb)?;
    let rate = response_rate(fb.len() as u64, 4_800)?;
    let kept = retention(25_000, 25_400, 1_900)?;
    println!("\nOperational metrics\n");
    println!(
        "  first-contact resolution  {:.1}%  [{:.1}, {:.1}]",
        fcr.percent(),
        i.display_lower(),
        i.display_upper()
    );
    println!(
        "  time to resolution        mean {:.1} h, median {:.1} h (n = {})",
        ttr.mean().as_secs_f64() / 3600.0,
        ttr.median().as_secs_f64() / 3600.0,
        ttr.n()
    );
    println!(
        "  survey response rate      {:.1}% of 4 800 invitations",
        rate.percent()
    );
    println!(
        "  retention over the period {:.1}% (churn {:.1}%)",
        100.0 * kept.rate(),
        100.0 * kept.churn()
    );
    Ok(())
}
