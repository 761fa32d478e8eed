//! Compares this quarter's NPS with last quarter's answers, an industry
//! figure that comes with a standard error, and three competitors.
//!
//! Run with `cargo run --example benchmark_comparison`.

use cxmetrics::inference::Adjustment;
use cxmetrics::{Benchmark, BenchmarkKind, Comparison, ConfidenceLevel, Error, NetScore, Nps, Tally, ZeroToTen, rank};

/// Per-rating counts of 0..=10 answers: (rating, count).
fn tally(counts: &[(u8, u64)]) -> Result<Tally<ZeroToTen>, Error> {
    let mut t = Tally::new();
    for &(rating, n) in counts {
        t.add_count(ZeroToTen::new(rating)?, n)?;
    }
    Ok(t)
}

fn show(c: &Comparison) {
    let range = c.interval().map_or_else(
        || "undefined".to_owned(),
        |i| format!("[{:+.1}, {:+.1}]", i.display_lower(), i.display_upper()),
    );
    let p = cxmetrics::inference::p_value(c.p_value()).to_string();
    println!(
        "  vs {:<36} {:>+6.1} pts   difference {:>+5.1} {range:<16} {p:<12} {}",
        format!("{} ({})", c.benchmark(), c.kind()),
        c.unit().display(c.reference()),
        c.display_difference(),
        c.verdict()
    );
}

fn main() -> Result<(), Error> {
    let level = ConfidenceLevel::P95;
    let this_quarter = tally(&[
        (0, 9),
        (2, 6),
        (4, 8),
        (5, 12),
        (6, 15),
        (7, 40),
        (8, 60),
        (9, 95),
        (10, 115),
    ])?;
    let last_quarter = tally(&[(0, 14), (3, 10), (5, 16), (6, 20), (7, 45), (8, 55), (9, 80), (10, 80)])?;
    let nps: NetScore = Nps.score(&this_quarter)?;
    let ci = nps.interval(level);
    println!(
        "This quarter: NPS {:+} ({:+.1}, 95% score interval [{:+.1}, {:+.1}], n = {})\n",
        nps.rounded(),
        nps.points(),
        ci.display_lower(),
        ci.display_upper(),
        nps.n()
    );

    println!("Against your own history and the industry:");
    let previous = Benchmark::sample("Q2", BenchmarkKind::OwnHistory, Nps.score(&last_quarter)?);
    show(&previous.compare(&nps, level)?);
    let industry = Benchmark::nps(
        "retail",
        BenchmarkKind::Industry {
            region: Some("EMEA".into()),
        },
        31.0,
    )?
    .with_standard_error(3.0)?;
    show(&industry.compare(&nps, level)?);

    println!("\nAgainst three competitors (Holm-adjusted p-values):");
    let competitors = [
        Benchmark::sample("Acme", BenchmarkKind::Competitor, Nps.score_counts(60, 110, 230)?),
        Benchmark::sample("Globex", BenchmarkKind::Competitor, Nps.score_counts(110, 120, 170)?),
        Benchmark::nps("Initech (published)", BenchmarkKind::Competitor, 12.0)?,
    ];
    let ranking = rank(&nps, &competitors, level, Adjustment::Holm)?;
    for c in ranking.comparisons() {
        show(c);
    }
    println!(
        "\nRank {} of {}; detectable gaps: {}",
        ranking.position(),
        ranking.of(),
        ranking
            .detectable()
            .map(Comparison::benchmark)
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(())
}
