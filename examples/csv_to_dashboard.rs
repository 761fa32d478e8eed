//! From a support-survey CSV export to dashboard JSON: the cookbook.
//!
//! Reads `examples/data/support_survey.csv` (or the CSV named on the command
//! line): one row per closed ticket with its NPS (0–10), CSAT (1–5, numbers
//! or labels), CES 2.0 (1–7, numbers or labels), channel, touchpoint, agent,
//! first-contact resolution and transfers. Blank, `N/A` and `NA` cells are
//! "not answered"; `7.0` is read as 7; cells that are neither an answer nor
//! missing (`6.5`, `11`, `sorta`) are reported on stderr with their row and
//! column and left out, and the rest of the row still counts.
//!
//! Writes the dashboard as JSON to stdout: overall scores with intervals,
//! weekly NPS on the New York calendar with verdicts, CSAT per agent worst
//! first with a minimum n, CES by channel and by touchpoint, the comparison
//! with a published industry NPS, and effort → loyalty. The crate itself
//! does no IO; this example reads the file and prints.
//!
//! ```sh
//! cargo run --example csv_to_dashboard --features serde > dashboard.json
//! ```

use std::error::Error;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use cxmetrics::effort::EffortLoyaltyTally;
use cxmetrics::input::{Cells, Labels};
use cxmetrics::operations::ResolutionTally;
use cxmetrics::{
    Against, Benchmark, BenchmarkKind, CesAgreement, Channel, ConfidenceLevel, Csat, Feedback, Granularity, Likert5,
    Likert7, Nps, ReportOptions, Segments, Series, Tally, Touchpoint, ZeroToTen,
};
use serde_json::json;

/// A cell that could not be read, for the report.
struct Rejected {
    row: usize,
    column: &'static str,
    message: String,
}

/// Everything the dashboard needs, tallied in one pass over the export.
struct Tallies {
    nps: Tally<ZeroToTen>,
    csat: Tally<Likert5>,
    ces: Tally<Likert7>,
    weekly: Series<ZeroToTen, chrono_tz::Tz>,
    csat_by_agent: Segments<String, Likert5>,
    ces_by_channel: Segments<Channel, Likert7>,
    ces_by_touchpoint: Segments<Touchpoint, Likert7>,
    loyalty: EffortLoyaltyTally,
    first_contact: ResolutionTally,
}

impl Tallies {
    fn new() -> Self {
        Self {
            nps: Tally::new(),
            csat: Tally::new(),
            ces: Tally::new(),
            weekly: Series::new(Granularity::IsoWeek, chrono_tz::America::New_York),
            csat_by_agent: Segments::new(),
            ces_by_channel: Segments::new(),
            ces_by_touchpoint: Segments::new(),
            loyalty: EffortLoyaltyTally::new(),
            first_contact: ResolutionTally::new(),
        }
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let path = std::env::args_os().nth(1).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/data/support_survey.csv"),
        PathBuf::from,
    );
    let (tallies, rejected) = read(&path)?;
    for r in &rejected {
        eprintln!("row {}, column {}: {}", r.row, r.column, r.message);
    }
    let mut dashboard = dashboard(&tallies)?;
    dashboard["source"] = json!(path.file_name().map(|n| n.to_string_lossy().into_owned()));
    dashboard["rejected_cells"] = json!(rejected.len());
    println!("{}", serde_json::to_string_pretty(&dashboard)?);
    Ok(())
}

/// Reads the export: every answer into the tallies, every bad cell into
/// the report.
fn read(path: &std::path::Path) -> Result<(Tallies, Vec<Rejected>), Box<dyn Error>> {
    let mut reader = csv::Reader::from_path(path)?;
    let headers = reader.headers()?.clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or(format!("no column {name:?}"))
    };
    let (at_col, agent_col, channel_col, touchpoint_col) = (
        column("answered_at")?,
        column("agent")?,
        column("channel")?,
        column("touchpoint")?,
    );
    let (nps_col, csat_col, ces_col) = (column("nps")?, column("csat")?, column("ces")?);
    let (fcr_col, transfers_col) = (column("resolved_first_contact")?, column("transfers")?);

    let cells = Cells::new().integral_decimals(true);
    let (csat_labels, ces_labels) = (Labels::csat(), Labels::agreement());
    let mut t = Tallies::new();
    let mut rejected = Vec::new();

    for (i, record) in reader.records().enumerate() {
        let record = record?;
        let row = i + 2; // the header is row 1
        let field = |col: usize| record.get(col).unwrap_or("");
        let mut reject = |column: &'static str, e: &dyn std::fmt::Display| {
            rejected.push(Rejected {
                row,
                column,
                message: e.to_string(),
            });
        };
        let at: DateTime<Utc> = match field(at_col).parse() {
            Ok(at) => at,
            Err(e) => {
                reject("answered_at", &e);
                continue;
            }
        };
        let nps = cells.parse::<ZeroToTen>(field(nps_col)).unwrap_or_else(|e| {
            reject("nps", &e);
            None
        });
        let csat = cells.parse_or_label(field(csat_col), &csat_labels).unwrap_or_else(|e| {
            reject("csat", &e);
            None
        });
        let ces = cells.parse_or_label(field(ces_col), &ces_labels).unwrap_or_else(|e| {
            reject("ces", &e);
            None
        });
        let channel: Channel = field(channel_col).parse()?;
        let touchpoint: Touchpoint = field(touchpoint_col).parse()?;
        let agent = field(agent_col).to_owned();

        let mut feedback = Feedback::new(at)
            .with_channel(channel.clone())
            .with_touchpoint(touchpoint.clone())
            .with_dimension("agent", agent.clone());
        match field(fcr_col) {
            "yes" => feedback = feedback.with_first_contact_resolution(true),
            "no" => feedback = feedback.with_first_contact_resolution(false),
            _ => {}
        }
        if let Ok(n) = field(transfers_col).parse() {
            feedback = feedback.with_transfers(n);
        }
        if let Some(nps) = nps {
            t.nps.add(nps)?;
            t.weekly.add_rating(at, nps)?;
            feedback = feedback.with_nps(nps);
        }
        if let Some(csat) = csat {
            t.csat.add(csat)?;
            t.csat_by_agent.add(agent, csat)?;
            feedback = feedback.with_csat(csat);
        }
        if let Some(ces) = ces {
            t.ces.add(ces)?;
            t.ces_by_channel.add(channel, ces)?;
            t.ces_by_touchpoint.add(touchpoint, ces)?;
            feedback = feedback.with_ces(ces);
        }
        t.loyalty.add(&feedback)?;
        t.first_contact.add(&feedback);
    }
    Ok((t, rejected))
}

/// Scores the tallies into the dashboard.
fn dashboard(t: &Tallies) -> Result<serde_json::Value, cxmetrics::Error> {
    let level = ConfidenceLevel::P95;
    let nps = Nps.score(&t.nps)?;
    let csat = Csat::default().score(&t.csat)?;
    let ces = CesAgreement::default().score(&t.ces)?;
    // A published figure, "+32 ± 2 (95 %)".
    let industry = Benchmark::nps(
        "industry (support, EMEA)",
        BenchmarkKind::Industry { region: None },
        32.0,
    )?
    .with_margin(2.0, level)?;
    let weekly_options = ReportOptions::new().minimum_n(30).practical_difference(5.0);
    let table_options = ReportOptions::new().minimum_n(30);
    let by_agent = t
        .csat_by_agent
        .table(|t| Csat::default().score(t), Against::Rest, table_options)?;
    let ces_share = |t: &Tally<Likert7>| CesAgreement::default().score(t);
    Ok(json!({
        "overall": {
            "nps": { "estimate": nps, "interval": nps.interval(level) },
            "csat": { "estimate": csat, "interval": csat.interval(level) },
            "ces": { "estimate": ces, "interval": ces.interval(level) },
            "first_contact_resolution": t.first_contact.report()?,
        },
        "nps_vs_industry": industry.compare(&nps, level)?,
        "weekly_nps_new_york": t.weekly.trend(|t| Nps.score(t), weekly_options)?,
        "csat_by_agent_worst_first": by_agent.worst_first(),
        "ces_by_channel": t.ces_by_channel.table(ces_share, Against::Rest, table_options)?,
        "ces_by_touchpoint": t.ces_by_touchpoint.table(ces_share, Against::Rest, table_options)?,
        "effort_loyalty": t.loyalty.report(level)?,
    }))
}
