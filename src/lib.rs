//! Exact, mergeable scoring of customer-experience surveys: NPS, CSAT and
//! CES, on typed rating scales that cannot hold an invalid answer.
//!
//! Answers are validated once, counted into a [`Tally`] (exact `u64` counts
//! per scale point, mergeable across threads and machines), and scored by a
//! metric definition that names its variant: [`Nps`], [`Csat`] (top-box
//! share or mean), [`CesAgreement`] (CES 2.0), [`CesEffort`] (CES 1.0, lower
//! is better), [`CesEase`], or a plain [`Mean`]. Scores keep their exact
//! counts, so rounding happens once, on the exact rational.
//!
//! The flow: scale → [`Tally`] → metric → estimate ([`Share`],
//! [`NetScore`], [`MeanScore`]) → [`Interval`], [`Comparison`] with a
//! [`Benchmark`]; and [`Response`] → grouping ([`Series`], [`Segments`]) →
//! trends and segment tables.
//!
//! ```
//! use cxmetrics::{CesAgreement, Csat, Likert5, Likert7, Nps, Tally, ZeroToTen};
//!
//! // NPS straight from raw 0–10 answers, validated at memory speed.
//! let nps = Nps.score_raw(&[10, 9, 9, 8, 7, 7, 6, 5, 0, 10, 10, 9, 3, 8, 9])?;
//! assert_eq!(nps.rounded(), 20);
//! assert_eq!((nps.positive(), nps.neutral(), nps.negative()), (7, 4, 4));
//!
//! // CSAT top-2-box and mean from one tally.
//! let csat = Tally::<Likert5>::from_counts(&[5, 10, 15, 40, 30])?;
//! assert_eq!(Csat::default().score(&csat)?.rounded(), 70);
//! assert!((Csat::default().mean(&csat)?.value() - 3.8).abs() < 1e-12);
//!
//! // CES 2.0: share agreeing it was easy (5–7).
//! let ces: Tally<Likert7> = "7 6 5 2 7".split(' ').map(str::parse::<Likert7>).collect::<Result<_, _>>()?;
//! assert_eq!(CesAgreement::default().score(&ces)?.rounded(), 80);
//!
//! // Off-scale answers are errors, never clamped or dropped.
//! assert!("6.5".parse::<ZeroToTen>().is_err());
//! assert!(Tally::<ZeroToTen>::from_raw(&[10, 11]).is_err());
//!
//! // A 95 % interval, and a verdict against last quarter that respects sampling error.
//! use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Verdict};
//! let now = Nps.score_counts(30, 50, 120)?; // detractors, passives, promoters
//! let ci = now.interval(ConfidenceLevel::P95);
//! assert_eq!(ci.to_string(), "+45.0 [+34.1, +54.6] points (95% score)");
//! let last_quarter = Benchmark::sample("Q2", BenchmarkKind::OwnHistory, Nps.score_counts(45, 60, 95)?);
//! let c = last_quarter.compare(&now, ConfidenceLevel::P95)?;
//! assert_eq!(c.verdict(), Verdict::Above);
//! # Ok::<(), cxmetrics::Error>(())
//! ```
//!
//! # Choosing a scale
//!
//! | question | scale | definition | good is |
//! |---|---|---|---|
//! | How likely are you to recommend us? | [`ZeroToTen`] | [`Nps`]: promoters 9–10 minus detractors 0–6 | higher |
//! | How satisfied were you? | [`Likert5`] | [`Csat`]: share of 4–5 (or a set you name), or mean | higher |
//! | The company made it easy for me to handle my issue (CES 2.0) | [`Likert7`] | [`CesAgreement`]: share of 5–7 (strict: 6–7), or mean | higher |
//! | How much effort did you have to put forth? (CES 1.0) | [`Likert5`] | [`CesEffort`]: mean effort, low-effort share 1–2 | **lower** |
//! | How easy was it? (very difficult … very easy) | [`Likert5`] | [`CesEase`]: share of 4–5, or mean | higher |
//! | any other rating | any | [`Mean`] | — |
//!
//! The scale type is the rating type: a `Tally<Likert7>` cannot hold a 0–10
//! answer. Orientation lives in the metric definition and is never guessed
//! from the range. Missing answers are the caller's `None`: leave them out
//! before tallying, so they never count towards `n`.
//!
//! Every metric definition is a value called the same way:
//! `metric.score(&tally)` gives its headline estimate ([`Nps`] a
//! [`NetScore`], [`Csat`], [`CesAgreement`] and [`CesEase`] a [`Share`],
//! [`CesEffort`] and [`Mean`] a [`MeanScore`]), `metric.score_raw(&bytes)`
//! the same from raw answers at memory speed, and further methods the
//! secondary statistics (`mean`, `net_effort`, `low_effort_share`). Every
//! estimate answers [`Estimate::value`], [`Estimate::n`], `rounded()` and
//! displays in one unit: points for net scores, percent for shares, the
//! scale for means — intervals, differences and comparisons included.
//!
//! # The crate's layout
//!
//! The root holds the core path: scales, tallies, metric definitions,
//! estimates, intervals, benchmarks and comparisons, responses, periods and
//! grouping. Subdomains a newcomer does not need on day one are public
//! modules:
//!
//! - [`inference`]: method selectors ([`inference::ShareMethod`],
//!   [`inference::NetScoreMethod`], …), [`inference::Options`], tests and
//!   differences, [`inference::Adjustment`], [`inference::Unit`];
//! - [`planning`]: sample sizes and minimum detectable differences;
//! - [`effort`]: NPS by effort band, CES by effort driver;
//! - [`operations`]: first-contact resolution, time to resolution,
//!   retention, response rate;
//! - [`timing`]: the delay between an interaction and its answer.
//!
//! # Statistical methods
//!
//! Estimates are kept on the fraction scale (NPS in `[−1, 1]`, shares in
//! `[0, 1]`); `Display` and the `display_*` accessors show points and
//! percent ([`inference::Unit`]). `z = Φ⁻¹(1 − α/2)` uses correctly rounded
//! constants at the standard levels ([`ConfidenceLevel`]); two-sided normal
//! p-values are `erfc(|z|/√2)`. Intervals are clipped to the parameter
//! space, and limits that are exactly 0 or 1 at the boundary are set, not
//! computed.
//!
//! **NPS and net scores** ([`NetScore`]). With `P` positives, `D` negatives
//! of `n`: `NPS = (P − D)/n`, `Var = (p₊ + p₋ − NPS²)/n`.
//! - Score interval (default, [`inference::NetScoreMethod::Score`]):
//!   `{Δ : |S(Δ)| ≤ z}`, `S(Δ) = (P − D − nΔ)/√(n·(2d̃(Δ) + Δ(1 − Δ)))`,
//!   `d̃(Δ)` the restricted MLE of the negative share — Tango (1998), the
//!   "iterative" method of Rocks (2016), found by bisection.
//! - Adjusted Wald: add 0.75, 1.5, 0.75 pseudo-counts, then Wald (Rocks 2016).
//! - Wald (legacy).
//! - Tests against a value: score (default), adjusted Wald, Wald.
//! - Two independent samples: MOVER interval from the score limits (Zou &
//!   Donner 2008) with the adjusted-Wald test (our proposal; the two can
//!   disagree at the margin), or adjusted Wald, or Wald.
//!
//! **Shares** ([`Share`]): Wilson (default; Wilson 1927), Agresti–Coull
//! (1998), Clopper–Pearson (1934), Jeffreys (Brown, Cai & `DasGupta` 2001),
//! Wald. Tests: score (consistent with Wilson), exact binomial
//! (minimum-likelihood two-sided), Wald. Two samples: Newcombe's hybrid
//! score interval (1998, method 10) with the pooled z test, Agresti–Caffo
//! (2000), Wald.
//!
//! **Means** ([`MeanScore`]): `x̄ ± t_{1−α/2, n−1}·s/√n`; one-sample t;
//! Welch (1947) for two samples, never the pooled-variance t.
//!
//! **Weights** ([`WeightedTally`]): weighted estimates with Kish's effective
//! sample size `n_eff = (Σw)²/Σw²` in place of `n` (Kish 1965), or the
//! linearised SE `√(n/(n−1)·Σw²(y − θ̂)²)/Σw`
//! ([`inference::VarianceMethod`]). Applying the score and adjusted-Wald NPS
//! methods to effective counts is our extension.
//!
//! **Many comparisons** ([`inference::Adjustment`]): Holm (1979, default) or
//! Benjamini–Hochberg (1995) adjusted p-values, in input order.
//!
//! **Planning** ([`planning`]): `n = ⌈z²V/E²⌉` with `n₀/(1 + (n₀ − 1)/N)`
//! for a finite population; `MDD = (z_{1−α/2} + z_power)·√(V_a/n_a + V_b/n_b)`.
//!
//! **Benchmarks** ([`Benchmark`], [`Comparison`], [`rank`]): a fixed value
//! uses the one-sample test consistent with the default interval; a fixed
//! value with a standard error uses `z = (x − b)/√(SE² + SE_b²)` (treating a
//! noisy benchmark as exact is anti-conservative); a sample uses the
//! two-sample method. The verdict is above or below when the (adjusted)
//! p-value is under `α`.
//!
//! Out of scope, and not silently approximated: paired panels (the same
//! respondents in two periods need the 3×3 transition table) and complex
//! designs with strata or clusters. Benchmarks from another wording,
//! channel or population differ by more than sampling error.
//!
//! # Trends, segments and effort
//!
//! [`Series`] tallies responses per [`Period`] (day, ISO week, month,
//! quarter, year; UTC or a fixed offset) and gives a trend with
//! period-over-period comparisons; [`Segments`] tallies by any key and gives
//! a multiplicity-adjusted [`SegmentTable`]. Both report [`Row`]s and take
//! [`ReportOptions`] (level, minimum n, adjustment). From [`Feedback`]: the
//! [`effort`] and [`operations`] modules; [`timing`] for the delay between
//! interaction and answer.
//!
//! # Scale-out
//!
//! A [`Tally`] is a small, exact monoid: [`Tally::merge`] is integer
//! addition, associative and commutative, and with the `serde` feature it
//! serializes to `{"scale": …, "counts": […]}` and validates on the way
//! back. Compute partial tallies where the data lives, ship and merge them,
//! then score: the result equals scoring all the data at once.
//!
//! # Panics and error handling
//!
//! Nothing panics on user input. Every fallible function returns
//! [`Result<_, Error>`](Error) and lists its triggering inputs under
//! `# Errors`:
//!
//! | situation | result |
//! |---|---|
//! | off-scale rating (`11` on 0–10, `0` on 1–5) | [`Error::OutOfRange`], or [`Error::OutOfRangeAt`] with the index for raw buffers |
//! | unparsable text (`""`, `"6.5"`, `"+7"`, `"seven"`) | [`Error::Parse`] |
//! | no answers | [`Error::EmptySample`], never NaN or 0 |
//! | a statistic undefined for a valid sample (sd of one answer) | `None` |
//! | a count past `u64::MAX` | [`Error::CountOverflow`] |
//! | negative, NaN or infinite weight | [`Error::InvalidWeight`] |
//! | confidence level outside (0, 1), NPS benchmark given in points | [`Error::InvalidArgument`] |
//! | NPS compared with a CSAT share, CES 1.0 with CES 2.0 | a compile error, or [`Error::Mismatch`] |
//!
//! The exceptions are documented under `# Panics`: the `const fn constant`
//! constructors of the scales (meant for constants, where a bad value is a
//! compile error), and the `Extend` impls of [`Tally`], [`WeightedTally`]
//! and [`Series`], which panic only when a count would pass `u64::MAX`
//! (use `add` for a `Result` instead).
//!
//! # Floating-point accuracy
//!
//! Counts are exact integers. A score is computed from them with a single
//! rounding: NPS is `(P − D) as f64 / n as f64`, never `P/n − D/n`, and
//! points are `100·(P − D) / n` in one division. Whole-number display
//! (`rounded()`) rounds half away from zero on the exact rational, so
//! 57/200 is 29 points, not the 28 that `(0.285 * 100.0).round()` gives.
//! Means and standard deviations are computed in two passes over the
//! per-point counts. Counts convert to `f64` exactly below 2^53 answers.
//!
//! # Crate features
//!
//! - `std` (default): reserved; the crate always uses `std` today.
//! - `serde`: `Serialize`/`Deserialize` for scales, tallies (plain and
//!   weighted), series, segments, periods, responses and feedback,
//!   validating on deserialize; forwards to `chrono/serde`. Every result
//!   type (estimates, intervals, tests, differences, comparisons,
//!   rankings, trend and segment rows and tables, effort and operational
//!   results) serializes for dashboards: each number on the internal scale
//!   and in display units, with its `unit`, `method` and `level`:
//!
//!   ```json
//!   {"metric": "nps", "statistic": "net_score", "value": 0.45, "display": 45.0,
//!    "unit": "points", "n": 200, "negative": 30, "neutral": 50, "positive": 120,
//!    "n_eff": 200.0, "weighted": false}
//!   {"estimate": 0.45, "lower": 0.341, "upper": 0.546,
//!    "display": {"estimate": 45.0, "lower": 34.1, "upper": 54.6},
//!    "unit": "points", "level": 0.95, "method": "score"}
//!   ```
//!
//!   The full shape of every type is in the repository's
//!   `tests/data/results_snapshot.json`, checked by a test.
//!
//! The crate does no IO and never reads the clock: callers pass times in.

extern crate alloc;

mod adjustment;
mod benchmark;
mod comparison;
pub mod effort;
mod error;
mod estimate;
mod feedback;
pub mod inference;
pub mod input;
mod metric;
pub mod monitoring;
pub mod operations;
mod period;
pub mod planning;
mod rating_set;
mod response;
mod row;
mod scale;
mod segments;
#[cfg(feature = "serde")]
mod serde;
mod series;
mod stats;
mod tally;
pub mod timing;

pub use benchmark::{Benchmark, BenchmarkKind};
pub use comparison::{Comparison, PracticalVerdict, Ranking, Verdict, rank};
pub use error::Error;
pub use estimate::Estimate;
pub use estimate::mean_score::MeanScore;
pub use estimate::net_score::NetScore;
pub use estimate::share::Share;
pub use feedback::Feedback;
pub use inference::{ConfidenceLevel, Interval};
pub use metric::ces::{CesAgreement, CesEase, CesEffort};
pub use metric::csat::Csat;
pub use metric::mean::Mean;
pub use metric::nps::{Nps, NpsCategory};
pub use metric::{Metric, Orientation};
pub use period::{Granularity, Period};
pub use rating_set::RatingSet;
pub use response::{Channel, Response, Touchpoint};
pub use row::{ReportOptions, Row};
pub use scale::{Likert5, Likert7, Scale, ZeroToTen};
pub use segments::{Against, SegmentTable, Segments};
pub use series::Series;
pub use tally::grouped::{GroupIndex, GroupedTally};
pub use tally::validity::Validity;
pub use tally::weighted::WeightedTally;
pub use tally::{Sample, Tally};

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
