//! SQL over a partitioned `MemTable` gives exactly the core crate's per-segment
//! results, for every function; NULLs, empty groups and off-scale answers
//! behave as documented.

use std::collections::BTreeMap;

use cxmetrics_datafusion_e2e::core::{Statistic, expected, expected_tallies, nps_of_counts};
use cxmetrics_datafusion_e2e::{Answer, Scored, answers, scores, session_with, strings, tallies};
use datafusion::arrow::array::RecordBatch;
use datafusion::error::Result;
use datafusion::logical_expr::Partitioning;
use datafusion::prelude::{SessionContext, col, lit};

const QUERY: &str = "SELECT agent,
        nps(score) AS nps,
        nps(score, 0.9) AS nps90,
        csat(sat) AS csat,
        ces(effort) AS ces,
        top_box(effort, 'Likert7', 6, 7) AS strict,
        rating_mean(sat, 'likert5', 0.99) AS mean5,
        rating_mean(score, '0-10') AS mean10,
        cx_tally(score, 'ZeroToTen') AS tally
    FROM answers GROUP BY agent ORDER BY agent";

/// Each result column and the core statistic it must equal.
const COLUMNS: [(&str, Statistic); 7] = [
    ("nps", Statistic::Nps(0.95)),
    ("nps90", Statistic::Nps(0.9)),
    ("csat", Statistic::Csat),
    ("ces", Statistic::Ces),
    ("strict", Statistic::TopBoxLikert7(6, 7)),
    ("mean5", Statistic::MeanLikert5(0.99)),
    ("mean10", Statistic::MeanZeroToTen),
];

async fn run(ctx: &SessionContext, sql: &str) -> Result<Vec<RecordBatch>> {
    ctx.sql(sql).await?.collect().await
}

#[track_caller]
fn assert_matches_core(batches: &[RecordBatch], data: &[Answer]) {
    let agents = strings(batches, "agent");
    let distinct: Vec<String> = data
        .iter()
        .map(|a| a.agent.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(agents, distinct, "one row per agent, in order");
    for (column, statistic) in COLUMNS {
        let want = expected(data, statistic).expect("core scores");
        let got: BTreeMap<String, Scored> = agents.iter().cloned().zip(scores(batches, column)).collect();
        assert_eq!(got, want, "column {column}");
    }
    let want = expected_tallies(data).expect("core tallies");
    for (agent, tally) in agents.iter().zip(tallies(batches, "tally")) {
        assert_eq!(tally.scale, "ZeroToTen");
        assert_eq!(tally.counts, want[agent], "tally of {agent}");
        assert_eq!(tally.n, want[agent].iter().sum::<u64>());
    }
}

#[tokio::test]
async fn group_by_equals_the_core_for_every_function_and_partitioning() -> Result<()> {
    let data = answers(5_000, 12, 7);
    for (partitions, target_partitions) in [(1, 1), (3, 2), (4, 4), (5, 3)] {
        let ctx = session_with(&data, partitions, target_partitions)?;
        let batches = run(&ctx, QUERY).await?;
        assert_matches_core(&batches, &data);
    }
    Ok(())
}

#[tokio::test]
async fn group_by_after_a_repartition_equals_the_core() -> Result<()> {
    let data = answers(3_000, 9, 11);
    let ctx = session_with(&data, 2, 4)?;
    let repartitioned = ctx
        .table("answers")
        .await?
        .repartition(Partitioning::RoundRobinBatch(5))?;
    ctx.register_table("answers_rr", repartitioned.into_view())?;
    let batches = run(&ctx, &QUERY.replace("FROM answers", "FROM answers_rr")).await?;
    assert_matches_core(&batches, &data);

    let hashed = ctx
        .table("answers")
        .await?
        .repartition(Partitioning::Hash(vec![col("agent")], 3))?
        .aggregate(
            vec![col("agent")],
            vec![cxmetrics_datafusion::nps_udaf().call(vec![col("score")]).alias("nps")],
        )?
        .sort(vec![col("agent").sort(true, true)])?
        .collect()
        .await?;
    let want = expected(&data, Statistic::Nps(0.95)).expect("core");
    let got: BTreeMap<String, Scored> = strings(&hashed, "agent")
        .into_iter()
        .zip(scores(&hashed, "nps"))
        .collect();
    assert_eq!(got, want);
    Ok(())
}

#[tokio::test]
async fn without_group_by_the_whole_table_is_one_segment() -> Result<()> {
    let data = answers(4_000, 5, 3);
    let ctx = session_with(&data, 3, 2)?;
    let batches = run(
        &ctx,
        "SELECT 'all' AS agent, nps(score) AS nps, nps(score, 0.9) AS nps90, csat(sat) AS csat, ces(effort) AS ces,
            top_box(effort, 'Likert7', 6, 7) AS strict, rating_mean(sat, 'Likert5', 0.99) AS mean5,
            rating_mean(score, 'ZeroToTen') AS mean10, cx_tally(score, 'ZeroToTen') AS tally FROM answers",
    )
    .await?;
    let everyone: Vec<Answer> = data
        .iter()
        .map(|a| Answer {
            agent: "all".to_owned(),
            ..a.clone()
        })
        .collect();
    assert_matches_core(&batches, &everyone);
    Ok(())
}

#[tokio::test]
async fn all_null_and_empty_groups_have_n_zero_and_no_score() -> Result<()> {
    let data = answers(500, 3, 5);
    let ctx = session_with(&data, 2, 2)?;
    let batches = run(
        &ctx,
        "SELECT agent, nps(score) AS nps, rating_mean(sat, 'Likert5') AS mean,
            csat(sat) FILTER (WHERE agent = 'agent-01') AS only_one, cx_tally(score, 'ZeroToTen') AS tally
         FROM answers GROUP BY agent ORDER BY agent",
    )
    .await?;
    let agents = strings(&batches, "agent");
    let empty = Scored {
        score: None,
        lower: None,
        upper: None,
        n: 0,
    };
    let silent = agents
        .iter()
        .position(|a| a == "agent-silent")
        .expect("the all-NULL agent has a row");
    assert_eq!(scores(&batches, "nps")[silent], empty);
    assert_eq!(scores(&batches, "mean")[silent], empty);
    assert_eq!(tallies(&batches, "tally")[silent].counts, vec![0; 11]);
    assert_eq!(tallies(&batches, "tally")[silent].n, 0);
    for (agent, s) in agents.iter().zip(scores(&batches, "only_one")) {
        if agent == "agent-01" {
            assert!(s.n > 0 && s.score.is_some());
        } else {
            assert_eq!(s, empty, "{agent} is filtered out");
        }
    }

    // No rows at all: one row, n = 0.
    let none = run(
        &ctx,
        "SELECT nps(score) AS nps, cx_tally(score, 'ZeroToTen') AS tally FROM answers WHERE false",
    )
    .await?;
    assert_eq!(scores(&none, "nps"), vec![empty]);
    assert_eq!(tallies(&none, "tally")[0].counts, vec![0; 11]);
    // No rows and a GROUP BY: no groups.
    let none = run(
        &ctx,
        "SELECT agent, nps(score) AS nps FROM answers WHERE false GROUP BY agent",
    )
    .await?;
    assert!(scores(&none, "nps").is_empty());

    // A mean of one answer has a score but no interval.
    let one = run(
        &ctx,
        "SELECT rating_mean(sat, 'Likert5') AS m FROM (VALUES (4)) AS t(sat)",
    )
    .await?;
    assert_eq!(
        scores(&one, "m"),
        vec![Scored {
            score: Some(4.0),
            lower: None,
            upper: None,
            n: 1
        }]
    );
    Ok(())
}

async fn error_of(ctx: &SessionContext, sql: &str) -> String {
    match run(ctx, sql).await {
        Ok(batches) => panic!("{sql} should fail, gave {batches:?}"),
        Err(e) => e.to_string(),
    }
}

#[tokio::test]
async fn an_off_scale_answer_fails_the_query_naming_value_and_scale() -> Result<()> {
    let mut data = answers(2_000, 4, 9);
    data[1_500].score = Some(11);
    for (partitions, target_partitions) in [(1, 1), (4, 2)] {
        let ctx = session_with(&data, partitions, target_partitions)?;
        for sql in [
            "SELECT agent, nps(score) FROM answers GROUP BY agent",
            "SELECT nps(score) FROM answers",
            "SELECT agent, cx_tally(score, 'ZeroToTen') FROM answers GROUP BY agent",
        ] {
            let err = error_of(&ctx, sql).await;
            assert!(err.contains("rating 11"), "{sql}: {err}");
            assert!(err.contains("is off the 0–10 scale"), "{sql}: {err}");
        }
    }

    let mut data = answers(1_000, 4, 9);
    data[10].score = Some(-1);
    data[20].sat = Some(0);
    let ctx = session_with(&data, 2, 2)?;
    let err = error_of(&ctx, "SELECT agent, nps(score) FROM answers GROUP BY agent").await;
    assert!(err.contains("nps: rating -1 is off the 0–10 scale"), "{err}");
    let err = error_of(&ctx, "SELECT csat(sat) FROM answers").await;
    assert!(err.contains("csat: rating 0") && err.contains("the 1–5 scale"), "{err}");

    // A fractional float is never truncated; a whole-number float counts.
    let ctx = session_with(&answers(100, 2, 1), 1, 1)?;
    let err = error_of(&ctx, "SELECT nps(score + 0.5) FROM answers").await;
    assert!(err.contains(".5 is off the 0–10 scale"), "{err}");
    let whole = run(
        &ctx,
        "SELECT nps(f) AS a, nps(score) AS b FROM (SELECT CAST(score AS DOUBLE) AS f, score FROM answers)",
    )
    .await?;
    assert_eq!(scores(&whole, "a"), scores(&whole, "b"));
    Ok(())
}

#[tokio::test]
async fn bad_arguments_are_planning_errors() -> Result<()> {
    let ctx = session_with(&answers(100, 2, 1), 1, 1)?;
    for (sql, message) in [
        (
            "SELECT nps(CAST(score AS DECIMAL(4, 1))) FROM answers",
            "must be a rating column of type Int8",
        ),
        ("SELECT nps(agent) FROM answers", "must be a rating column of type Int8"),
        (
            "SELECT top_box(effort, 'Likert7', 6, 8) FROM answers",
            "rating 8 is off the 1–7 scale",
        ),
        ("SELECT top_box(effort, 'Likert7', 7, 6) FROM answers", "the 1–7 scale"),
        (
            "SELECT rating_mean(sat, 'Likert9') FROM answers",
            "unknown scale \"Likert9\"",
        ),
        ("SELECT nps(score, 1.5) FROM answers", "1.5"),
        ("SELECT nps(score, sat) FROM answers", "must be a non-NULL literal"),
        ("SELECT nps(DISTINCT score) FROM answers", "DISTINCT is not supported"),
        ("SELECT cx_tally(score) FROM answers", "cx_tally(rating, scale)"),
    ] {
        let err = error_of(&ctx, sql).await;
        assert!(err.contains(message), "{sql}: {err}");
    }
    Ok(())
}

#[tokio::test]
async fn stored_tallies_merge_in_sql_and_in_rust() -> Result<()> {
    let data = answers(3_000, 6, 21);
    let ctx = session_with(&data, 3, 2)?;
    run(
        &ctx,
        "CREATE TABLE daily AS SELECT agent, agent < 'agent-03' AS east, cx_tally(score, 'ZeroToTen') AS t
         FROM answers GROUP BY agent",
    )
    .await?;
    let merged = run(&ctx, "SELECT cx_tally_merge(t, 'ZeroToTen') AS total FROM daily").await?;
    let total = &tallies(&merged, "total")[0];
    let everyone: Vec<u64> = expected_tallies(
        &data
            .iter()
            .map(|a| Answer {
                agent: "all".to_owned(),
                ..a.clone()
            })
            .collect::<Vec<_>>(),
    )
    .expect("core")["all"]
        .clone();
    assert_eq!(total.counts, everyone);
    let direct = run(&ctx, "SELECT nps(score) AS nps FROM answers").await?;
    assert_eq!(
        Some(nps_of_counts(&total.counts).expect("core")),
        scores(&direct, "nps")[0].score,
        "the stored tally scores in Rust exactly as SQL scores the raw answers"
    );

    // Grouped merge equals the tally of each region's raw answers.
    let by_region = run(
        &ctx,
        "SELECT east, cx_tally_merge(t, 'ZeroToTen') AS t FROM daily GROUP BY east ORDER BY east",
    )
    .await?;
    let raw = run(
        &ctx,
        "SELECT agent < 'agent-03' AS east, cx_tally(score, 'ZeroToTen') AS t FROM answers GROUP BY east ORDER BY east",
    )
    .await?;
    assert_eq!(tallies(&by_region, "t"), tallies(&raw, "t"));

    // A tally on another scale is an error, not a silent reinterpretation.
    let err = error_of(&ctx, "SELECT cx_tally_merge(t, 'Likert5') FROM daily").await;
    assert!(err.contains("cannot merge into a tally on Likert5"), "{err}");
    Ok(())
}

#[tokio::test]
async fn the_expression_api_matches_sql() -> Result<()> {
    let data = answers(800, 3, 2);
    let ctx = session_with(&data, 2, 2)?;
    let df = ctx
        .table("answers")
        .await?
        .aggregate(
            vec![col("agent")],
            vec![
                cxmetrics_datafusion::top_box_udaf()
                    .call(vec![col("effort"), lit("Likert7"), lit(6), lit(7)])
                    .alias("strict"),
            ],
        )?
        .sort(vec![col("agent").sort(true, true)])?
        .collect()
        .await?;
    let want = expected(&data, Statistic::TopBoxLikert7(6, 7)).expect("core");
    let got: BTreeMap<String, Scored> = strings(&df, "agent").into_iter().zip(scores(&df, "strict")).collect();
    assert_eq!(got, want);
    Ok(())
}
