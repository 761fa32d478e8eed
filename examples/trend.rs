//! Weekly NPS over a quarter with period-over-period verdicts.
//!
//! The built-in data: steady around +35 for six weeks, a botched release
//! that drags NPS down from 2026-W08 for three weeks, a week with no survey,
//! a week that collected only a handful of answers, and a recovery.
//!
//! Week over week, with the p-values adjusted across the twelve weeks
//! shown (Holm), nothing reaches significance: a single 17-point step is
//! not proof when twelve steps are looked at. Against the baseline of the
//! first six weeks, with a minimum practical difference of 5 points, the
//! release weeks read "worse by at least 5 points" and the others "not
//! enough data" or "no change larger than 5 points". The thin week draws no
//! conclusion.
//!
//! Run with `cargo run --example trend`.

use chrono::{Duration, TimeZone, Utc};
use cxmetrics::{
    Benchmark, BenchmarkKind, ConfidenceLevel, Granularity, Nps, ReportOptions, Response, Series, Tally, ZeroToTen,
};

/// A small deterministic generator (`SplitMix64`) for the built-in answers.
struct Rng(u64);

impl Rng {
    fn uniform(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A 0–10 answer with the given promoter and detractor shares.
    fn nps_answer(&mut self, promoters: f64, detractors: f64) -> u8 {
        let u = self.uniform();
        let spread = (self.uniform() * 7.0) as u8;
        if u < promoters {
            9 + spread % 2
        } else if u < promoters + detractors {
            spread
        } else {
            7 + spread % 2
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let quarter_start = Utc
        .with_ymd_and_hms(2026, 1, 5, 0, 0, 0)
        .single()
        .ok_or("invalid date")?;
    // (promoter share, detractor share, answers) per week; the tenth week has no survey.
    let weeks: [(f64, f64, u32); 13] = [
        (0.52, 0.17, 310),
        (0.50, 0.16, 295),
        (0.53, 0.18, 320),
        (0.51, 0.16, 305),
        (0.52, 0.17, 290),
        (0.50, 0.15, 300),
        (0.38, 0.30, 315),
        (0.36, 0.31, 298),
        (0.40, 0.28, 302),
        (0.0, 0.0, 0),
        (0.50, 0.17, 12),
        (0.49, 0.16, 310),
        (0.52, 0.16, 305),
    ];
    let mut rng = Rng(11);
    let mut series = Series::utc(Granularity::IsoWeek);
    for (week, &(pro, det, answers)) in weeks.iter().enumerate() {
        for i in 0..answers {
            let at = quarter_start + Duration::weeks(week as i64) + Duration::minutes(i64::from(i) * 31);
            series.add(&Response::new(ZeroToTen::new(rng.nps_answer(pro, det))?, at))?;
        }
    }

    let min_n = 30;
    println!("Weekly NPS, Q1 2026 (95% score intervals; weeks under {min_n} answers are thin)\n");
    println!(
        "{:<9} {:>5} {:>6} {:>17}   {:<40}",
        "week", "n", "NPS", "interval", "vs previous week"
    );
    let mut previous_usable = false;
    for point in series.trend(
        |t| Nps.score(t),
        ReportOptions::from(ConfidenceLevel::P95).minimum_n(min_n),
    )? {
        let (nps, interval) = match (point.estimate(), point.interval()) {
            (Some(e), Some(i)) => (
                format!("{:+.1}", e.points()),
                format!("[{:+.1}, {:+.1}]", i.display_lower(), i.display_upper()),
            ),
            _ => ("—".to_owned(), String::new()),
        };
        let change = match point.comparison() {
            Some(c) => format!(
                "{:+5.1} pts, {}: {}",
                c.display_difference(),
                cxmetrics::inference::p_value(c.p_value()),
                c.verdict()
            ),
            None if point.is_empty() => "no answers".to_owned(),
            None if point.is_thin() => "thin week: no conclusion".to_owned(),
            None if previous_usable => "—".to_owned(),
            None => "— (no usable week before)".to_owned(),
        };
        previous_usable = !point.is_empty() && !point.is_thin();
        println!(
            "{:<9} {:>5} {:>6} {:>17}   {change}",
            point.key().to_string(),
            point.n(),
            nps,
            interval
        );
    }

    against_baseline(&series, min_n)?;

    let four_weeks = series.rolling(4)?.trend(
        |t| Nps.score(t),
        ReportOptions::from(ConfidenceLevel::P95).minimum_n(min_n),
    )?;
    if let Some(last) = four_weeks.last().and_then(|p| p.estimate()) {
        println!(
            "\nRolling 4 weeks to {}: NPS {:+.1} (n = {})",
            four_weeks[four_weeks.len() - 1].key(),
            last.points(),
            last.n()
        );
    }
    Ok(())
}

/// Every week after the first six against their pooled answers, with a
/// minimum practical difference of 5 points.
fn against_baseline(series: &Series<ZeroToTen>, min_n: u64) -> Result<(), cxmetrics::Error> {
    // The first six weeks as the baseline sample.
    let baseline: Tally<ZeroToTen> = series.periods().take(6).map(|(_, t)| t).sum::<Result<_, _>>()?;
    let baseline = Benchmark::sample("first six weeks", BenchmarkKind::OwnHistory, Nps.score(&baseline)?);
    println!(
        "\nAgainst the first six weeks ({:+.1}), minimum practical difference 5 points\n",
        baseline.display_value()
    );
    let options = ReportOptions::new().minimum_n(min_n).practical_difference(5.0);
    for point in series
        .trend_against(|t| Nps.score(t), &baseline, options)?
        .iter()
        .skip(6)
    {
        let verdict = match (point.comparison(), point.practical()) {
            (Some(c), Some(p)) => format!(
                "{:+5.1} pts, {}: {p}",
                c.display_difference(),
                cxmetrics::inference::p_value(c.p_value())
            ),
            _ if point.is_empty() => "no answers".to_owned(),
            _ => "thin week: no conclusion".to_owned(),
        };
        println!("{:<9} {verdict}", point.key().to_string());
    }
    Ok(())
}
