//! `nps(score)` in `DataFusion` against the same query in plain SQL and
//! against the core crate's bulk kernel: 1e7 answers, 1,000 segments, one
//! partition, at `target_partitions` 1 and 2. Without GROUP BY, the
//! engine's own cheapest aggregates (`count`, `sum`) over the same column
//! show its fixed cost per batch, and a copy of the table in 65,536-row
//! batches shows that cost amortised.
//!
//! Run with `cargo bench -p cxmetrics-datafusion-e2e --bench sql`.

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use cxmetrics_datafusion_e2e::{Rng, core::nps_of_raw, session};
use datafusion::arrow::array::{ArrayRef, Int64Array, RecordBatch, UInt8Array};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::datasource::MemTable;
use datafusion::prelude::SessionContext;
use tokio::runtime::Runtime;

const ROWS: usize = 10_000_000;
const SEGMENTS: u64 = 1_000;
/// `DataFusion`'s default batch size.
const BATCH: usize = 8_192;
const LARGE_BATCH: usize = 65_536;

/// The answers as raw bytes, and as one partition of `batch`-row batches
/// with an `Int64` segment, an `Int64` score and the same score as `UInt8`.
fn data(batch: usize) -> (Vec<u8>, MemTable) {
    let mut rng = Rng::new(42);
    // Skewed like real NPS answers: mostly 7–10.
    let weights: [u64; 11] = [3, 1, 1, 2, 2, 4, 5, 10, 18, 22, 32];
    let total: u64 = weights.iter().sum();
    let mut raw = Vec::with_capacity(ROWS);
    let mut segments = Vec::with_capacity(ROWS);
    for _ in 0..ROWS {
        let mut x = rng.below(total);
        let mut score = 0_u8;
        for (point, &w) in weights.iter().enumerate() {
            if x < w {
                score = point as u8;
                break;
            }
            x -= w;
        }
        raw.push(score);
        segments.push(rng.below(SEGMENTS) as i64);
    }
    let schema = Arc::new(Schema::new(vec![
        Field::new("segment", DataType::Int64, false),
        Field::new("score", DataType::Int64, true),
        Field::new("score_u8", DataType::UInt8, true),
    ]));
    let batches = raw
        .chunks(batch)
        .zip(segments.chunks(batch))
        .map(|(r, s)| {
            let columns: Vec<ArrayRef> = vec![
                Arc::new(Int64Array::from(s.to_vec())),
                Arc::new(r.iter().map(|&v| i64::from(v)).collect::<Int64Array>()),
                Arc::new(UInt8Array::from(r.to_vec())),
            ];
            RecordBatch::try_new(Arc::clone(&schema), columns).expect("batch")
        })
        .collect();
    let table = MemTable::try_new(schema, vec![batches]).expect("table");
    (raw, table)
}

fn run(rt: &Runtime, ctx: &SessionContext, sql: &str) -> usize {
    rt.block_on(async {
        let batches = ctx.sql(sql).await.expect("plan").collect().await.expect("run");
        batches.iter().map(RecordBatch::num_rows).sum()
    })
}

fn bench(c: &mut Criterion) {
    let rt = Runtime::new().expect("tokio");
    let (raw, table) = data(BATCH);
    let table = Arc::new(table);
    let (_, large) = data(LARGE_BATCH);
    let large = Arc::new(large);

    let plain = "SELECT segment, (sum(CASE WHEN score >= 9 THEN 1 ELSE 0 END) - sum(CASE WHEN score <= 6 THEN 1 ELSE 0 END)) \
                 * 100.0 / count(score) AS nps FROM answers GROUP BY segment";
    let udaf = "SELECT segment, nps(score) AS nps FROM answers GROUP BY segment";

    for target_partitions in [1, 2] {
        let ctx = session(target_partitions).expect("session");
        ctx.register_table("answers", Arc::clone(&table) as _)
            .expect("register");
        ctx.register_table("answers_large_batches", Arc::clone(&large) as _)
            .expect("register");
        assert_eq!(run(&rt, &ctx, udaf), SEGMENTS as usize);
        assert_eq!(run(&rt, &ctx, plain), SEGMENTS as usize);

        let mut group = c.benchmark_group(format!("group_by_1000/target_partitions_{target_partitions}"));
        group.sample_size(10).measurement_time(Duration::from_secs(8));
        group.bench_function("nps(score)", |b| b.iter(|| run(&rt, &ctx, black_box(udaf))));
        group.bench_function("plain_sql_case", |b| b.iter(|| run(&rt, &ctx, black_box(plain))));
        group.bench_function("nps(score_u8)", |b| {
            b.iter(|| {
                run(
                    &rt,
                    &ctx,
                    black_box("SELECT segment, nps(score_u8) FROM answers GROUP BY segment"),
                )
            });
        });
        group.finish();

        let mut group = c.benchmark_group(format!("no_group_by/target_partitions_{target_partitions}"));
        group.sample_size(10).measurement_time(Duration::from_secs(5));
        group.bench_function("nps(score)", |b| {
            b.iter(|| run(&rt, &ctx, black_box("SELECT nps(score) FROM answers")));
        });
        group.bench_function("nps(score_u8)", |b| {
            b.iter(|| run(&rt, &ctx, black_box("SELECT nps(score_u8) FROM answers")));
        });
        for sql in [
            "SELECT count(score_u8) FROM answers",
            "SELECT sum(score_u8) FROM answers",
            "SELECT nps(score_u8) FROM answers_large_batches",
            "SELECT sum(score_u8) FROM answers_large_batches",
        ] {
            group.bench_function(sql, |b| b.iter(|| run(&rt, &ctx, black_box(sql))));
        }
        if target_partitions == 1 {
            group.bench_function("core_bulk_kernel", |b| {
                b.iter(|| nps_of_raw(black_box(&raw)).expect("nps"));
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
