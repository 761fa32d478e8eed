//! Scores survey answers with SQL: a small in-memory table of answers in
//! three partitions, NPS and CSAT per agent with 95 % intervals.
//!
//! Run with `cargo run -p cxmetrics-datafusion-e2e --example sql`.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, Int64Array, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::datasource::MemTable;
use datafusion::error::Result;
use datafusion::prelude::SessionContext;

/// (agent, NPS answer 0–10, CSAT answer 1–5); `None` is "not answered".
const ANSWERS: [(&str, Option<i64>, Option<i64>); 24] = [
    ("ana", Some(10), Some(5)),
    ("ana", Some(9), Some(5)),
    ("ana", Some(9), Some(4)),
    ("ana", Some(8), Some(4)),
    ("ana", Some(10), None),
    ("ana", Some(6), Some(3)),
    ("ana", Some(9), Some(5)),
    ("ana", None, Some(4)),
    ("ben", Some(7), Some(4)),
    ("ben", Some(3), Some(2)),
    ("ben", Some(8), Some(3)),
    ("ben", Some(5), Some(1)),
    ("ben", Some(9), Some(4)),
    ("ben", Some(6), Some(2)),
    ("ben", Some(10), Some(5)),
    ("ben", Some(2), None),
    ("cleo", Some(9), Some(5)),
    ("cleo", Some(8), Some(4)),
    ("cleo", Some(7), Some(4)),
    ("cleo", Some(9), Some(4)),
    ("cleo", None, Some(5)),
    ("cleo", Some(4), Some(3)),
    ("cleo", Some(10), Some(5)),
    ("cleo", Some(8), Some(4)),
];

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let schema = Arc::new(Schema::new(vec![
        Field::new("agent", DataType::Utf8, false),
        Field::new("score", DataType::Int64, true),
        Field::new("sat", DataType::Int64, true),
    ]));
    // Three partitions, as three files or three workers would give them.
    let partitions = ANSWERS
        .chunks(8)
        .map(|rows| {
            let columns: Vec<ArrayRef> = vec![
                Arc::new(rows.iter().map(|r| Some(r.0)).collect::<StringArray>()),
                Arc::new(rows.iter().map(|r| r.1).collect::<Int64Array>()),
                Arc::new(rows.iter().map(|r| r.2).collect::<Int64Array>()),
            ];
            Ok(vec![RecordBatch::try_new(Arc::clone(&schema), columns)?])
        })
        .collect::<Result<Vec<_>>>()?;

    let mut ctx = SessionContext::new();
    cxmetrics_datafusion::register_all(&mut ctx)?;
    ctx.register_table("answers", Arc::new(MemTable::try_new(schema, partitions)?))?;

    let sql = "
        WITH s AS (
            SELECT agent, nps(score) AS nps, csat(sat) AS csat
            FROM answers GROUP BY agent
        )
        SELECT agent,
               get_field(nps, 'n') AS n, CAST(get_field(nps, 'score') AS DECIMAL(5, 1)) AS nps,
               CAST(get_field(nps, 'lower') AS DECIMAL(5, 1)) AS nps_lo, CAST(get_field(nps, 'upper') AS DECIMAL(5, 1)) AS nps_hi,
               get_field(csat, 'n') AS n_csat, CAST(get_field(csat, 'score') AS DECIMAL(5, 1)) AS csat,
               CAST(get_field(csat, 'lower') AS DECIMAL(5, 1)) AS csat_lo, CAST(get_field(csat, 'upper') AS DECIMAL(5, 1)) AS csat_hi
        FROM s ORDER BY agent";
    ctx.sql(sql).await?.show().await
}
