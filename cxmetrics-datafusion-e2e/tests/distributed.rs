//! Distributed execution without a cluster: physical plans travel through
//! `datafusion-proto` to a second session that only registered the
//! functions (as a remote executor would), and partial states cross between
//! the `Partial` and `FinalPartitioned` stages as Arrow record batches.

use std::io::Cursor;
use std::sync::Arc;

use cxmetrics_datafusion_e2e::{answers, scores, session, session_with, strings, tallies};
use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::datatypes::DataType;
use datafusion::arrow::ipc::reader::StreamReader;
use datafusion::arrow::ipc::writer::StreamWriter;
use datafusion::common::tree_node::{Transformed, TreeNode, TreeNodeRecursion};
use datafusion::datasource::memory::MemorySourceConfig;
use datafusion::error::Result;
use datafusion::physical_plan::aggregates::{AggregateExec, AggregateMode};
use datafusion::physical_plan::{ExecutionPlan, collect, collect_partitioned};
use datafusion::prelude::SessionContext;
use datafusion_proto::bytes::{physical_plan_from_bytes, physical_plan_to_bytes};

const QUERY: &str = "SELECT agent, nps(score) AS nps, csat(sat, 0.9) AS csat, ces(effort) AS ces,
        top_box(score, 'ZeroToTen', 9, 10) AS promoters, rating_mean(effort, 'Likert7') AS mean,
        cx_tally(score, 'ZeroToTen') AS tally
    FROM answers GROUP BY agent ORDER BY agent";

const SCORES: [&str; 5] = ["nps", "csat", "ces", "promoters", "mean"];

#[track_caller]
fn assert_same(left: &[RecordBatch], right: &[RecordBatch]) {
    assert_eq!(strings(left, "agent"), strings(right, "agent"));
    for column in SCORES {
        assert_eq!(scores(left, column), scores(right, column), "column {column}");
    }
    assert_eq!(tallies(left, "tally"), tallies(right, "tally"));
}

/// The plan's aggregates, outermost first.
fn aggregate_modes(plan: &Arc<dyn ExecutionPlan>) -> Result<Vec<AggregateMode>> {
    let mut modes = Vec::new();
    plan.apply(|node| {
        if let Some(agg) = node.downcast_ref::<AggregateExec>() {
            modes.push(*agg.mode());
        }
        Ok(TreeNodeRecursion::Continue)
    })?;
    Ok(modes)
}

#[tokio::test]
async fn a_physical_plan_runs_on_a_session_that_only_registered_the_functions() -> Result<()> {
    let data = answers(4_000, 10, 13);
    let ctx = session_with(&data, 3, 3)?;
    let plan = ctx.sql(QUERY).await?.create_physical_plan().await?;
    assert_eq!(
        aggregate_modes(&plan)?,
        [AggregateMode::FinalPartitioned, AggregateMode::Partial],
        "a two-stage plan"
    );
    let here = collect(Arc::clone(&plan), ctx.task_ctx()).await?;

    let bytes = physical_plan_to_bytes(plan)?;
    // The remote side knows nothing but the functions: no tables, no codec.
    let remote = session(3)?;
    let decoded = physical_plan_from_bytes(&bytes, &remote.task_ctx())?;
    let there = collect(decoded, remote.task_ctx()).await?;
    assert_same(&here, &there);

    // Without the functions registered, the plan cannot be read.
    let bare = SessionContext::new();
    let err = physical_plan_from_bytes(&bytes, &bare.task_ctx()).expect_err("unknown functions");
    assert!(
        err.to_string().contains("nps") || err.to_string().contains("csat"),
        "{err}"
    );
    Ok(())
}

/// Encodes batches as an Arrow IPC stream and decodes them again, as a
/// shuffle between machines would.
fn through_ipc(batches: &[RecordBatch]) -> Result<Vec<RecordBatch>> {
    let Some(first) = batches.first() else {
        return Ok(Vec::new());
    };
    let mut writer = StreamWriter::try_new(Vec::new(), &first.schema())?;
    for b in batches {
        writer.write(b)?;
    }
    writer.finish()?;
    let bytes = writer.into_inner()?;
    Ok(StreamReader::try_new(Cursor::new(bytes), None)?.collect::<std::result::Result<Vec<_>, _>>()?)
}

#[tokio::test]
async fn partial_states_cross_as_record_batches_to_the_final_stage() -> Result<()> {
    let data = answers(6_000, 15, 17);
    let ctx = session_with(&data, 4, 3)?;
    let plan = ctx.sql(QUERY).await?.create_physical_plan().await?;
    let whole = collect(Arc::clone(&plan), ctx.task_ctx()).await?;

    // Stage 1 ("executor A"): run the Partial aggregate alone.
    let mut partial = None;
    plan.apply(|node| {
        if node
            .downcast_ref::<AggregateExec>()
            .is_some_and(|a| *a.mode() == AggregateMode::Partial)
        {
            partial = Some(Arc::clone(node));
            return Ok(TreeNodeRecursion::Stop);
        }
        Ok(TreeNodeRecursion::Continue)
    })?;
    let partial = partial.expect("a Partial aggregate");
    let schema = partial.schema();
    let partitions = partial.properties().output_partitioning().partition_count();
    // The state is the exact tally: per function, 11 non-NULL UInt64 counts.
    let counts = schema
        .fields()
        .iter()
        .filter(|f| f.data_type() == &DataType::UInt64 && !f.is_nullable())
        .count();
    assert_eq!(counts, 6 * 11, "{schema:?}");
    let states = collect_partitioned(partial, ctx.task_ctx()).await?;
    assert_eq!(states.len(), partitions);
    let shipped: Vec<Vec<RecordBatch>> = states.iter().map(|p| through_ipc(p)).collect::<Result<_>>()?;
    let rows: usize = shipped.iter().flatten().map(RecordBatch::num_rows).sum();
    assert!(
        rows >= 16,
        "every partition sends a state row per agent it saw, got {rows}"
    );

    // Stage 2 ("executor B"): the plan above the Partial aggregate, fed the
    // shipped state batches, on a session that only registered the functions.
    let source = MemorySourceConfig::try_new_exec(&shipped, schema, None)?;
    let final_plan = plan
        .transform_up(|node| {
            if node
                .downcast_ref::<AggregateExec>()
                .is_some_and(|a| *a.mode() == AggregateMode::Partial)
            {
                Ok(Transformed::yes(Arc::clone(&source) as Arc<dyn ExecutionPlan>))
            } else {
                Ok(Transformed::no(node))
            }
        })?
        .data;
    assert_eq!(aggregate_modes(&final_plan)?, [AggregateMode::FinalPartitioned]);
    let remote = session(3)?;
    let decoded = physical_plan_from_bytes(&physical_plan_to_bytes(final_plan)?, &remote.task_ctx())?;
    let merged = collect(decoded, remote.task_ctx()).await?;
    assert_same(&whole, &merged);
    Ok(())
}
