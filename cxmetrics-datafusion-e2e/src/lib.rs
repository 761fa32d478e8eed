//! Shared pieces of the end-to-end tests, benches and examples of
//! `cxmetrics-datafusion`: a table of answers in several partitions, a
//! session with the functions registered, the core crate's own per-segment
//! results to compare with, and readers for the result structs.
//!
//! Every call into the `cxmetrics` core is in [`core`].

pub mod core;

use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, Int64Array, RecordBatch, StringArray, StructArray, UInt8Array,
};
use datafusion::arrow::datatypes::{DataType, Field, Float64Type, Schema, SchemaRef, UInt64Type};
use datafusion::datasource::MemTable;
use datafusion::error::Result;
use datafusion::prelude::{SessionConfig, SessionContext};

/// One answer row: an agent, an NPS answer (0–10), a CSAT answer (1–5) and
/// a CES 2.0 answer (1–7); `None` is "not answered".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The segment.
    pub agent: String,
    /// 0–10.
    pub score: Option<i64>,
    /// 1–5.
    pub sat: Option<i64>,
    /// 1–7.
    pub effort: Option<i64>,
}

/// A small deterministic generator (xorshift64*), so tests need no crate.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a non-zero seed.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(seed | 1)
    }

    /// The next value in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) % n
    }

    /// A rating in `min..=max`, missing one time in `1 / missing`.
    pub fn rating(&mut self, min: i64, max: i64, missing: u64) -> Option<i64> {
        if self.below(missing) == 0 {
            None
        } else {
            Some(min + self.below((max - min + 1) as u64) as i64)
        }
    }
}

/// `rows` answers over `agents` agents, with about 1 in 10 answers missing;
/// the agent `"agent-silent"` is added with only missing answers.
#[must_use]
pub fn answers(rows: usize, agents: u64, seed: u64) -> Vec<Answer> {
    let mut rng = Rng::new(seed);
    let mut out: Vec<Answer> = (0..rows)
        .map(|_| Answer {
            agent: format!("agent-{:02}", rng.below(agents)),
            score: rng.rating(0, 10, 10),
            sat: rng.rating(1, 5, 10),
            effort: rng.rating(1, 7, 10),
        })
        .collect();
    for _ in 0..3 {
        out.push(Answer {
            agent: "agent-silent".to_owned(),
            score: None,
            sat: None,
            effort: None,
        });
    }
    out
}

/// The schema of [`batch`].
#[must_use]
pub fn schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("agent", DataType::Utf8, false),
        Field::new("score", DataType::Int64, true),
        Field::new("sat", DataType::Int64, true),
        Field::new("effort", DataType::Int64, true),
    ]))
}

/// Answers as one record batch.
///
/// # Errors
///
/// None in practice: the columns match [`schema`].
pub fn batch(answers: &[Answer]) -> Result<RecordBatch> {
    let columns: Vec<ArrayRef> = vec![
        Arc::new(answers.iter().map(|a| Some(a.agent.as_str())).collect::<StringArray>()),
        Arc::new(answers.iter().map(|a| a.score).collect::<Int64Array>()),
        Arc::new(answers.iter().map(|a| a.sat).collect::<Int64Array>()),
        Arc::new(answers.iter().map(|a| a.effort).collect::<Int64Array>()),
    ];
    Ok(RecordBatch::try_new(schema(), columns)?)
}

/// Answers as a table of `partitions` partitions, each of several batches
/// of at most `batch_rows` rows.
///
/// # Errors
///
/// None in practice.
pub fn table(answers: &[Answer], partitions: usize, batch_rows: usize) -> Result<MemTable> {
    let count = partitions.max(1);
    let mut parts = vec![Vec::new(); count];
    for (i, chunk) in answers.chunks(batch_rows.max(1)).enumerate() {
        parts[i % count].push(batch(chunk)?);
    }
    MemTable::try_new(schema(), parts)
}

/// A session with `target_partitions` and the cxmetrics functions.
///
/// # Errors
///
/// None in practice.
pub fn session(target_partitions: usize) -> Result<SessionContext> {
    let config = SessionConfig::new().with_target_partitions(target_partitions);
    let mut ctx = SessionContext::new_with_config(config);
    cxmetrics_datafusion::register_all(&mut ctx)?;
    Ok(ctx)
}

/// A session holding `answers` as the table `answers`.
///
/// # Errors
///
/// None in practice.
pub fn session_with(answers: &[Answer], partitions: usize, target_partitions: usize) -> Result<SessionContext> {
    let ctx = session(target_partitions)?;
    ctx.register_table("answers", Arc::new(table(answers, partitions, 97)?))?;
    Ok(ctx)
}

/// A score as SQL returns it: `{score, lower, upper, n}`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scored {
    /// The estimate; `None` with no answers.
    pub score: Option<f64>,
    /// Lower bound.
    pub lower: Option<f64>,
    /// Upper bound.
    pub upper: Option<f64>,
    /// Answers counted.
    pub n: u64,
}

/// A stored tally as SQL returns it: `{scale, counts, n}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredTally {
    /// The scale's name.
    pub scale: String,
    /// One count per point, lowest first.
    pub counts: Vec<u64>,
    /// The total.
    pub n: u64,
}

fn struct_column<'a>(batch: &'a RecordBatch, name: &str) -> &'a StructArray {
    batch
        .column_by_name(name)
        .and_then(|c| c.as_struct_opt())
        .unwrap_or_else(|| panic!("no struct column {name}"))
}

fn f64_field(s: &StructArray, name: &str, i: usize) -> Option<f64> {
    let column = s.column_by_name(name).unwrap_or_else(|| panic!("no field {name}"));
    let values = column.as_primitive::<Float64Type>();
    values.is_valid(i).then(|| values.value(i))
}

/// The scores in column `name`, in row order.
///
/// # Panics
///
/// When the column is not a score struct (a test failure).
#[must_use]
pub fn scores(batches: &[RecordBatch], name: &str) -> Vec<Scored> {
    let mut out = Vec::new();
    for batch in batches {
        let s = struct_column(batch, name);
        let n = s
            .column_by_name("n")
            .map(AsArray::as_primitive::<UInt64Type>)
            .expect("n");
        for i in 0..s.len() {
            assert!(s.is_valid(i), "a score row is never NULL");
            out.push(Scored {
                score: f64_field(s, "score", i),
                lower: f64_field(s, "lower", i),
                upper: f64_field(s, "upper", i),
                n: n.value(i),
            });
        }
    }
    out
}

/// The tallies in column `name`, in row order.
///
/// # Panics
///
/// When the column is not a tally struct (a test failure).
#[must_use]
pub fn tallies(batches: &[RecordBatch], name: &str) -> Vec<StoredTally> {
    let mut out = Vec::new();
    for batch in batches {
        let s = struct_column(batch, name);
        let scale = s.column_by_name("scale").map(AsArray::as_string::<i32>).expect("scale");
        let counts = s.column_by_name("counts").map(AsArray::as_list::<i32>).expect("counts");
        let n = s
            .column_by_name("n")
            .map(AsArray::as_primitive::<UInt64Type>)
            .expect("n");
        for i in 0..s.len() {
            out.push(StoredTally {
                scale: scale.value(i).to_owned(),
                counts: counts.value(i).as_primitive::<UInt64Type>().values().to_vec(),
                n: n.value(i),
            });
        }
    }
    out
}

/// The strings in column `name`, in row order.
///
/// # Panics
///
/// When the column is not a string column (a test failure).
#[must_use]
pub fn strings(batches: &[RecordBatch], name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for batch in batches {
        let column = batch.column_by_name(name).expect("column");
        let column = datafusion::arrow::compute::cast(column, &DataType::Utf8).expect("cast to Utf8");
        out.extend(
            column
                .as_string::<i32>()
                .iter()
                .map(|s| s.unwrap_or_default().to_owned()),
        );
    }
    out
}

/// A one-column table of raw `u8` answers, for the benches.
///
/// # Errors
///
/// None in practice.
pub fn u8_batch(values: &[u8]) -> Result<RecordBatch> {
    let schema = Arc::new(Schema::new(vec![Field::new("score", DataType::UInt8, false)]));
    Ok(RecordBatch::try_new(
        schema,
        vec![Arc::new(UInt8Array::from(values.to_vec()))],
    )?)
}
