//! Scores NPS, CSAT and CES on built-in sample answers and prints them.
//!
//! Run with `cargo run --example quickstart`.

use cxmetrics::{CesAgreement, CesEffort, ConfidenceLevel, Csat, Error, Likert5, Likert7, Nps, Tally, ZeroToTen};

/// "How likely are you to recommend us?" (0–10), one byte per answer.
const NPS_ANSWERS: &[u8] = &[
    10, 9, 9, 8, 7, 7, 6, 5, 0, 10, 10, 9, 3, 8, 9, 10, 9, 6, 7, 10, 9, 8, 4, 10, 9, 9, 2, 8, 10, 7,
];
/// "How satisfied were you with your support experience?" (1–5), as text from a form.
const CSAT_ANSWERS: &str = "5 4 4 3 5 5 2 4 4 5 3 4 1 5 4 5 4 4 5 3";
/// "The company made it easy for me to handle my issue." (CES 2.0, 1–7).
const CES_ANSWERS: &[u8] = &[7, 6, 6, 5, 7, 4, 2, 6, 7, 5, 6, 3, 7, 6, 5, 6, 7, 1, 6, 5];
/// "How much effort did you personally have to put forth?" (CES 1.0, 1–5, lower is better).
const EFFORT_ANSWERS: &[u8] = &[1, 2, 2, 1, 3, 2, 4, 1, 2, 5, 2, 1, 3, 2, 1];

fn main() -> Result<(), Error> {
    // NPS straight from raw bytes: validated and counted in one pass.
    let nps = Nps.score_raw(NPS_ANSWERS)?;
    println!(
        "NPS            {:>+5}   ({} promoters, {} passives, {} detractors; exact {:+.2})",
        nps.rounded(),
        nps.positive(),
        nps.neutral(),
        nps.negative(),
        nps.points()
    );
    // With 30 answers the score is uncertain: a 95 % score interval (Rocks 2016).
    let ci = nps.interval(ConfidenceLevel::P95);
    println!(
        "               95% interval [{:+.1}, {:+.1}]",
        ci.display_lower(),
        ci.display_upper()
    );

    // CSAT from text answers: each one parsed and validated, then tallied.
    let csat: Tally<Likert5> = CSAT_ANSWERS
        .split_whitespace()
        .map(str::parse::<Likert5>)
        .collect::<Result<_, _>>()?;
    let share = Csat::default().score(&csat)?;
    let mean = Csat::default().mean(&csat)?;
    let wilson = share.interval(ConfidenceLevel::P95);
    println!(
        "CSAT (4–5)     {:>5}%  ({} of {} satisfied, 95% Wilson [{:.1}, {:.1}]); mean {mean}, index {:.0}/100",
        share.rounded(),
        share.hits(),
        share.n(),
        wilson.display_lower(),
        wilson.display_upper(),
        100.0 * mean.index()
    );

    // CES 2.0: share agreeing it was easy, default 5–7 and strict 6–7.
    let ces = Tally::<Likert7>::from_raw(CES_ANSWERS)?;
    println!(
        "CES 2.0 (5–7)  {:>5}%  strict 6–7: {}%; mean {:.2} of 7 (higher is better)",
        CesAgreement::default().score(&ces)?.rounded(),
        CesAgreement::strict().score(&ces)?.rounded(),
        CesAgreement::default().mean(&ces)?.value()
    );

    // CES 1.0 effort: lower is better; the low-effort share counts 1–2.
    let effort = Tally::<Likert5>::from_raw(EFFORT_ANSWERS)?;
    println!(
        "CES 1.0 effort {:>5.2}   of 5 (lower is better); low effort (1–2): {}%",
        CesEffort.score(&effort)?.value(),
        CesEffort.low_effort_share(&effort)?.rounded()
    );

    // Partial tallies from two shards merge exactly into the tally of all answers.
    let (left, right) = NPS_ANSWERS.split_at(NPS_ANSWERS.len() / 2);
    let mut merged = Tally::<ZeroToTen>::from_raw(left)?;
    merged.merge(&Tally::from_raw(right)?)?;
    assert_eq!(Nps.score(&merged)?, nps);
    println!(
        "merged shards  {:>+5}   (same as scoring all {} answers at once)",
        Nps.score(&merged)?.rounded(),
        merged.total()
    );

    // Bad input is an error that names the value, never a silent skip.
    if let Err(e) = "6.5".parse::<ZeroToTen>() {
        println!("rejected       {e}");
    }
    Ok(())
}
