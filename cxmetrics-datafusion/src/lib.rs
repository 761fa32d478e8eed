//! [cxmetrics] inside [Apache DataFusion]: SQL aggregate functions that score
//! customer-experience surveys (NPS, CSAT, CES, any top box, the mean) over
//! exact, mergeable tallies, with their confidence intervals.
//!
//! Register the functions once on a `SessionContext`, a `SessionState` or any
//! other [`FunctionRegistry`], then use them in SQL:
//!
//! ```
//! use datafusion_expr::registry::{FunctionRegistry, MemoryFunctionRegistry};
//!
//! let mut registry = MemoryFunctionRegistry::new();
//! cxmetrics_datafusion::register_all(&mut registry)?;
//! assert!(registry.udafs().contains("nps"));
//! // With the full `datafusion` crate:
//! //   let mut ctx = SessionContext::new();
//! //   cxmetrics_datafusion::register_all(&mut ctx)?;
//! //   ctx.sql("SELECT agent, nps(score) FROM answers GROUP BY agent").await?;
//! # Ok::<(), datafusion_common::DataFusionError>(())
//! ```
//!
//! # Functions
//!
//! | SQL | scale | result |
//! | --- | --- | --- |
//! | `nps(rating [, level])` | 0–10 | NPS in points (−100..=100): promoters 9–10 minus detractors 0–6 |
//! | `csat(rating [, level])` | 1–5 | percent answering 4–5 |
//! | `ces(rating [, level])` | 1–7 | CES 2.0: percent answering 5–7 |
//! | `top_box(rating, scale, lo, hi [, level])` | stated | percent answering `lo..=hi` |
//! | `rating_mean(rating, scale [, level])` | stated | mean rating |
//! | `cx_tally(rating, scale)` | stated | the exact tally, to store |
//! | `cx_tally_merge(tally, scale)` | stated | stored tallies merged into one |
//!
//! The scoring functions return a struct `{score, lower, upper, n}`: the
//! estimate, the bounds of its confidence interval at `level` (default 0.95)
//! by the core crate's default method (the score interval for NPS, Wilson
//! for shares, Student's t for the mean) and the number of answers counted.
//! `cx_tally` and `cx_tally_merge` return `{scale, counts, n}`: the scale's
//! name, one count per point (lowest first) as `List<UInt64>`, and the total.
//! A stored tally goes back into Rust with
//! `cxmetrics::Tally::from_counts(&counts)`.
//!
//! A scale is named by a string literal: `'ZeroToTen'` (or `'0-10'`),
//! `'Likert5'` (`'1-5'`), `'Likert7'` (`'1-7'`), in any case. Every setting
//! (scale, `lo`, `hi`, `level`) is a literal argument, so a physical plan
//! carries it through `datafusion-proto` with the default codec: a remote
//! executor only needs the functions registered.
//!
//! # Inputs, NULLs and errors
//!
//! - A rating column may be `Int8`, `Int16`, `Int32`, `Int64`, `UInt8`,
//!   `UInt16`, `UInt32`, `UInt64`, `Float32` or `Float64`. Floats must hold
//!   whole numbers; `Decimal`, strings and other types are a planning error.
//! - NULL means "not answered": the row is not counted in `n`.
//! - A value off the scale — `11` or `-1` for NPS, `6.5` from a float column —
//!   fails the query with an error that names the value and the scale, e.g.
//!   `nps: rating 11 at index 3 is off the 0–10 scale`. It is
//!   never dropped, clamped or truncated.
//! - A group with no counted answer (empty after a filter, or all NULL) scores
//!   `{score: NULL, lower: NULL, upper: NULL, n: 0}`: the statistic of no
//!   answers is undefined, not 0. `rating_mean` of a single answer has a
//!   score and NULL bounds (no spread to estimate). `cx_tally` of such a
//!   group is a tally of zeros.
//! - `DISTINCT` is rejected: every answer counts.
//!
//! # Exact, distributed state
//!
//! The intermediate state of every function is the tally itself: 11 `UInt64`
//! columns, one count per scale point (points past a shorter scale stay 0).
//! Partial states from partitions or machines merge by checked integer
//! addition (an overflow is an error), so a partitioned or distributed plan
//! gives exactly the result of one pass. GROUP BY runs on a
//! `GroupsAccumulator` over the core's dense grouped tally.
//!
//! [cxmetrics]: https://docs.rs/cxmetrics
//! [Apache DataFusion]: https://datafusion.apache.org

mod accumulator;
mod function;
mod output;
mod ratings;
mod score;

use std::sync::Arc;

use datafusion_common::Result;
use datafusion_expr::AggregateUDF;
use datafusion_expr::registry::FunctionRegistry;

use function::{CxAggregate, Kind};

fn udaf(kind: Kind) -> Arc<AggregateUDF> {
    Arc::new(AggregateUDF::new_from_impl(CxAggregate::new(kind)))
}

/// `nps(rating [, level])`: the Net Promoter Score of 0–10 answers, in
/// points, with its interval (the score method) and `n`.
///
/// # Example
///
/// ```
/// use datafusion_expr::{col, lit};
///
/// let nps = cxmetrics_datafusion::nps_udaf();
/// assert_eq!(nps.name(), "nps");
/// let expr = nps.call(vec![col("score"), lit(0.90)]);
/// assert!(expr.schema_name().to_string().starts_with("nps(score"));
/// ```
#[must_use]
pub fn nps_udaf() -> Arc<AggregateUDF> {
    udaf(Kind::Nps)
}

/// `csat(rating [, level])`: the percent of 1–5 answers that are 4 or 5,
/// with its Wilson interval and `n`.
///
/// # Example
///
/// ```
/// use datafusion_expr::col;
///
/// let csat = cxmetrics_datafusion::csat_udaf();
/// assert_eq!(csat.name(), "csat");
/// let _expr = csat.call(vec![col("satisfaction")]);
/// ```
#[must_use]
pub fn csat_udaf() -> Arc<AggregateUDF> {
    udaf(Kind::Csat)
}

/// `ces(rating [, level])`: CES 2.0, the percent of 1–7 agreement answers
/// that are 5–7, with its Wilson interval and `n`.
///
/// # Example
///
/// ```
/// use datafusion_expr::col;
///
/// let ces = cxmetrics_datafusion::ces_udaf();
/// assert_eq!(ces.name(), "ces");
/// let _expr = ces.call(vec![col("effort")]);
/// ```
#[must_use]
pub fn ces_udaf() -> Arc<AggregateUDF> {
    udaf(Kind::Ces)
}

/// `top_box(rating, scale, lo, hi [, level])`: the percent of answers in
/// `lo..=hi` on the stated scale, with its Wilson interval and `n`.
///
/// `lo` and `hi` must be ratings on the scale with `lo <= hi`.
///
/// # Example
///
/// ```
/// use datafusion_expr::{col, lit};
///
/// // Strict CES 2.0: 6–7 of 1–7.
/// let top_box = cxmetrics_datafusion::top_box_udaf();
/// let _expr = top_box.call(vec![col("effort"), lit("Likert7"), lit(6), lit(7)]);
/// assert_eq!(top_box.name(), "top_box");
/// ```
#[must_use]
pub fn top_box_udaf() -> Arc<AggregateUDF> {
    udaf(Kind::TopBox)
}

/// `rating_mean(rating, scale [, level])`: the mean rating on the stated
/// scale, with its Student-t interval and `n`.
///
/// # Example
///
/// ```
/// use datafusion_expr::{col, lit};
///
/// let mean = cxmetrics_datafusion::rating_mean_udaf();
/// let _expr = mean.call(vec![col("satisfaction"), lit("1-5")]);
/// assert_eq!(mean.name(), "rating_mean");
/// ```
#[must_use]
pub fn rating_mean_udaf() -> Arc<AggregateUDF> {
    udaf(Kind::RatingMean)
}

/// `cx_tally(rating, scale)`: the exact tally of the answers, as
/// `{scale, counts, n}`, to store and merge later.
///
/// # Example
///
/// ```
/// use datafusion_expr::{col, lit};
///
/// let tally = cxmetrics_datafusion::cx_tally_udaf();
/// let _expr = tally.call(vec![col("score"), lit("ZeroToTen")]);
/// assert_eq!(tally.name(), "cx_tally");
/// ```
#[must_use]
pub fn cx_tally_udaf() -> Arc<AggregateUDF> {
    udaf(Kind::Tally)
}

/// `cx_tally_merge(tally, scale)`: merges stored tallies (as `cx_tally`
/// returns them) by checked addition; every tally must be on the stated
/// scale and consistent (`n` is the sum of its counts).
///
/// # Example
///
/// ```
/// use datafusion_expr::{col, lit};
///
/// let merge = cxmetrics_datafusion::cx_tally_merge_udaf();
/// let _expr = merge.call(vec![col("daily_tally"), lit("ZeroToTen")]);
/// assert_eq!(merge.name(), "cx_tally_merge");
/// ```
#[must_use]
pub fn cx_tally_merge_udaf() -> Arc<AggregateUDF> {
    udaf(Kind::TallyMerge)
}

/// Every function of this crate.
///
/// # Example
///
/// ```
/// let names: Vec<String> = cxmetrics_datafusion::functions().iter().map(|f| f.name().to_owned()).collect();
/// assert_eq!(names, ["nps", "csat", "ces", "top_box", "rating_mean", "cx_tally", "cx_tally_merge"]);
/// ```
#[must_use]
pub fn functions() -> Vec<Arc<AggregateUDF>> {
    Kind::ALL.into_iter().map(udaf).collect()
}

/// Registers every function on `registry`: a `SessionContext`, a
/// `SessionState`, a `TaskContext` or any other [`FunctionRegistry`].
///
/// A distributed deployment (Ballista, datafusion-distributed) calls this in
/// every process that plans or runs a query: the scheduler and each executor.
///
/// # Errors
///
/// Whatever the registry returns; `DataFusion`'s own registries do not fail.
///
/// # Example
///
/// ```
/// use datafusion_expr::registry::{FunctionRegistry, MemoryFunctionRegistry};
///
/// let mut registry = MemoryFunctionRegistry::new();
/// cxmetrics_datafusion::register_all(&mut registry)?;
/// assert_eq!(registry.udafs().len(), 7);
/// assert_eq!(registry.udaf("top_box")?.name(), "top_box");
/// # Ok::<(), datafusion_common::DataFusionError>(())
/// ```
pub fn register_all(registry: &mut dyn FunctionRegistry) -> Result<()> {
    for f in functions() {
        registry.register_udaf(f)?;
    }
    Ok(())
}
