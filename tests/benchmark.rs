//! Benchmark comparisons: verdicts, pairings, families and rankings.

mod common;

use common::{Case, assert_errors};
use cxmetrics::inference::{Adjustment, NetScoreMethod};
use cxmetrics::{
    Benchmark, BenchmarkKind, CesAgreement, CesEffort, Comparison, ConfidenceLevel, Csat, Error, Likert5, Likert7,
    Mean, Metric, NetScore, Nps, Tally, Verdict, rank,
};

const P95: ConfidenceLevel = ConfidenceLevel::P95;

#[test]
fn fixed_value_uses_the_score_test_and_its_interval() -> Result<(), Error> {
    let ours = Nps.score_counts(30, 50, 120)?;
    let b = Benchmark::nps("industry", BenchmarkKind::Global, 30.0)?;
    let c = b.compare(&ours, P95)?;
    assert_eq!(
        c.test().p_value(),
        ours.test(0.30, NetScoreMethod::default())?.p_value()
    );
    let i = c.interval().expect("defined");
    assert!((i.lower() - (ours.interval(P95).lower() - 0.30)).abs() < 1e-15);
    assert_eq!((c.verdict(), c.is_better()), (Verdict::Above, Some(true)));
    assert!(c.to_string().ends_with(": above"), "{c}");
    Ok(())
}

#[test]
fn a_benchmark_with_its_own_error_is_less_certain() -> Result<(), Error> {
    let ours = Nps.score_counts(30, 50, 120)?;
    let exact = Benchmark::nps("industry", BenchmarkKind::Global, 35.0)?;
    let noisy = exact.clone().with_standard_error(5.0)?;
    let (a, b) = (exact.compare(&ours, P95)?, noisy.compare(&ours, P95)?);
    assert!(b.p_value().expect("defined") > a.p_value().expect("defined"));
    let se = ours.standard_error().hypot(0.05);
    assert!((b.test().statistic().expect("z") - 0.10 / se).abs() < 1e-12);
    Ok(())
}

#[test]
fn benchmark_constructors_reject_bad_values() -> Result<(), Error> {
    let fixed = Benchmark::nps("industry", BenchmarkKind::Global, 35.0)?;
    let sample = Benchmark::sample("Q2", BenchmarkKind::OwnHistory, Nps.score_counts(30, 50, 120)?);
    let cases: [Case<Benchmark<NetScore>>; 7] = [
        (
            "an NPS in points past 100",
            Benchmark::nps("points", BenchmarkKind::Global, 3000.0),
            "benchmark NPS 3000 is out of range: expected points from -100 to 100",
        ),
        (
            "NPS NaN",
            Benchmark::nps("b", BenchmarkKind::Global, f64::NAN),
            "benchmark NPS NaN is out of range: expected points from -100 to 100",
        ),
        (
            "NPS infinity",
            Benchmark::nps("b", BenchmarkKind::Global, f64::INFINITY),
            "benchmark NPS inf is out of range: expected points from -100 to 100",
        ),
        (
            "negative standard error",
            fixed.clone().with_standard_error(-1.0),
            "benchmark standard error -1 is out of range: expected a finite value >= 0",
        ),
        (
            "NaN standard error",
            fixed.clone().with_standard_error(f64::NAN),
            "benchmark standard error NaN is out of range: expected a finite value >= 0",
        ),
        (
            "a second standard error is still checked",
            fixed.with_standard_error(5.0)?.with_standard_error(-1.0),
            "benchmark standard error -1 is out of range: expected a finite value >= 0",
        ),
        (
            "standard error on a sample",
            sample.with_standard_error(0.01),
            "benchmark standard error 0.01 is out of range: expected a fixed benchmark (a sample has its own)",
        ),
    ];
    assert_errors(cases);
    Ok(())
}

#[test]
fn samples_use_the_two_sample_methods() -> Result<(), Error> {
    let now = Nps.score_counts(30, 50, 120)?;
    let before = Nps.score_counts(45, 60, 95)?;
    let c = Benchmark::sample("Q2", BenchmarkKind::OwnHistory, before).compare(&now, P95)?;
    let d = now.difference(&before, P95)?;
    assert_eq!(c.interval(), Some(d.interval()));
    assert_eq!(c.test(), d.test());
    assert_eq!(c.verdict(), Verdict::Above);
    Ok(())
}

#[test]
fn wrong_pairings_are_errors() -> Result<(), Error> {
    let ces2 = CesAgreement::default().mean(&Tally::<Likert7>::from_raw(&[6, 7, 5, 4])?)?;
    let ces1 = CesEffort.score(&Tally::<Likert5>::from_raw(&[2, 1, 3, 2])?)?;
    let five = Mean.score(&Tally::<Likert5>::from_raw(&[4, 5, 3])?)?;
    let seven = Mean.score(&Tally::<Likert7>::from_raw(&[4, 5, 3])?)?;
    let csat = Csat::default().score(&Tally::<Likert5>::from_raw(&[5, 4, 1])?)?;
    let ces = CesEffort.low_effort_share(&Tally::<Likert5>::from_raw(&[1, 2, 5])?)?;
    let cases: [Case<Comparison>; 5] = [
        (
            "CES 1.0 effort mean against a CES 2.0 mean",
            Benchmark::sample("v1", BenchmarkKind::OwnHistory, ces1).compare(&ces2, P95),
            "cannot compare CES 2.0 mean on the 1–7 scale with CES 1.0 effort mean on the 1–5 scale",
        ),
        (
            "a 1–5 mean against a 1–7 mean",
            Benchmark::sample("7-point", BenchmarkKind::Competitor, seven).compare(&five, P95),
            "cannot compare rating mean on the 1–5 scale with rating mean on the 1–7 scale",
        ),
        (
            "a CSAT share against a CES share",
            Benchmark::sample("ces", BenchmarkKind::Competitor, ces).compare(&csat, P95),
            "cannot compare CSAT share of {4, 5} on the 1–5 scale with CES 1.0 effort share of {1, 2} on the 1–5 scale",
        ),
        (
            "a fixed figure for another metric",
            Benchmark::mean("CES 2.0 mean", BenchmarkKind::Global, Metric::CesAgreement, 4.5)?.compare(&ces1, P95),
            "cannot compare CES 1.0 effort mean on the 1–5 scale with a benchmark of CES 2.0",
        ),
        (
            "a mean outside the scale",
            Benchmark::mean("7-point", BenchmarkKind::Global, Metric::CesEffort, 6.1)?.compare(&ces1, P95),
            "benchmark mean 6.1 is off the 1–5 scale of the estimate",
        ),
    ];
    for (what, result, message) in cases {
        let err = result.expect_err(what);
        assert_eq!(err.to_string(), message, "{what}");
        let kind_ok = if message.starts_with("cannot compare") {
            matches!(err, Error::Mismatch { .. })
        } else {
            matches!(err, Error::OffScale { .. })
        };
        assert!(kind_ok, "{what}: {err:?}");
    }
    Ok(())
}

#[test]
fn lower_is_better_reads_above_as_worse() -> Result<(), Error> {
    let effort = CesEffort.score(&Tally::<Likert5>::from_counts(&[40, 40, 10, 5, 5])?)?;
    let b = Benchmark::mean("industry", BenchmarkKind::Global, Metric::CesEffort, 2.6)?;
    let c = b.compare(&effort, P95)?;
    assert_eq!((c.verdict(), c.is_better()), (Verdict::Below, Some(true)));
    let worse = Benchmark::mean("industry", BenchmarkKind::Global, Metric::CesEffort, 1.5)?.compare(&effort, P95)?;
    assert_eq!((worse.verdict(), worse.is_better()), (Verdict::Above, Some(false)));
    Ok(())
}

#[test]
fn families_are_adjusted_and_keep_input_order() -> Result<(), Error> {
    let target = Benchmark::nps("target", BenchmarkKind::Global, 30.0)?;
    let segments: Vec<(String, NetScore)> = [(30, 50, 120), (2, 3, 5), (40, 60, 100), (50, 50, 100)]
        .iter()
        .enumerate()
        .map(|(i, &(d, o, p))| Ok((format!("segment {i}"), Nps.score_counts(d, o, p)?)))
        .collect::<Result<_, Error>>()?;
    let raw: Vec<f64> = segments
        .iter()
        .map(|(_, s)| Ok(target.compare(s, P95)?.p_value().expect("defined")))
        .collect::<Result<_, Error>>()?;
    for adjustment in [Adjustment::Holm, Adjustment::BenjaminiHochberg] {
        let table = target.compare_each(&segments, P95, adjustment)?;
        assert_eq!(table.len(), segments.len());
        let expected = adjustment.adjust(&raw)?;
        for ((c, e), (label, _)) in table.iter().zip(expected).zip(&segments) {
            assert_eq!(c.subject(), Some(label.as_str()));
            assert_eq!(c.p_value(), Some(e));
            assert_eq!(c.verdict() != Verdict::NoDetectableDifference, e < 0.05);
        }
    }
    Ok(())
}

#[test]
fn ranking_orders_by_value_and_flags_detectable_gaps() -> Result<(), Error> {
    let ours = Nps.score_counts(30, 50, 120)?;
    let rivals = [
        Benchmark::sample("close", BenchmarkKind::Competitor, Nps.score_counts(28, 52, 120)?),
        Benchmark::sample("far below", BenchmarkKind::Competitor, Nps.score_counts(90, 60, 50)?),
        Benchmark::nps("far above", BenchmarkKind::Competitor, 80.0)?,
    ];
    let r = rank(&ours, &rivals, P95, Adjustment::Holm)?;
    assert_eq!((r.position(), r.of()), (3, 4));
    let detectable: Vec<&str> = r.detectable().map(cxmetrics::Comparison::benchmark).collect();
    assert_eq!(detectable, ["far below", "far above"]);
    assert_eq!(r.comparisons()[2].is_better(), Some(false));
    Ok(())
}

#[test]
fn weighted_estimates_compare_with_their_effective_sample_size() -> Result<(), Error> {
    use cxmetrics::WeightedTally;
    let mut plain = Tally::<Likert5>::new();
    let mut weighted = WeightedTally::<Likert5>::new();
    for i in 0..400u32 {
        let rating = Likert5::new(if i % 10 < 8 { 5 } else { 2 })?;
        plain.add(rating)?;
        // Unequal weights, unrelated to the answer: the same share, a smaller n_eff.
        weighted.add(rating, if i % 2 == 0 { 0.5 } else { 1.5 })?;
    }
    let (a, w) = (Csat::default().score(&plain)?, Csat::default().score(&weighted)?);
    assert!((a.value() - w.value()).abs() < 1e-12);
    assert!(w.n_eff() < a.n_eff());
    let target = Benchmark::share("target", BenchmarkKind::Global, Metric::Csat, 76.0)?;
    let (ca, cw) = (target.compare(&a, P95)?, target.compare(&w, P95)?);
    assert!(cw.p_value().expect("defined") > ca.p_value().expect("defined"));
    assert!(cw.interval().expect("defined").width() > ca.interval().expect("defined").width());
    // A weighted sample benchmark pairs with an unweighted estimate of the same metric.
    let c = Benchmark::sample("panel", BenchmarkKind::Competitor, w).compare(&a, P95)?;
    assert_eq!(c.verdict(), Verdict::NoDetectableDifference);
    Ok(())
}

#[test]
fn benchmarks_at_the_ends_of_the_range_are_legitimate() -> Result<(), Error> {
    // NPS +100 and −100, CSAT 0 % and 100 %: accepted, compared without NaN.
    let mixed = Nps.score_counts(30, 50, 120)?;
    for points in [-100.0, 100.0] {
        let c = Benchmark::nps("edge", BenchmarkKind::Global, points)?.compare(&mixed, P95)?;
        let p = c.p_value().expect("a mixed sample has variance at the ends");
        assert!(p < 1e-6, "{c}");
        assert_eq!(c.verdict(), if points > 0.0 { Verdict::Below } else { Verdict::Above });
    }
    // All promoters against +100: no variance under the null, so the test
    // is undefined (not z = 0, p = 1) and there is no verdict.
    let all_promoters = Nps.score_counts(0, 0, 50)?;
    let c = Benchmark::nps("edge", BenchmarkKind::Global, 100.0)?.compare(&all_promoters, P95)?;
    assert_eq!((c.p_value(), c.verdict()), (None, Verdict::NoDetectableDifference));
    // All passives against 0: likewise (METHODS.md §1.4).
    let passives = Nps.score_counts(0, 40, 0)?;
    assert_eq!(
        passives
            .test(0.0, cxmetrics::inference::NetScoreMethod::Score)?
            .p_value(),
        None
    );

    let csat = Csat::default().score(&Tally::<Likert5>::from_raw(&[5, 5, 5, 4])?)?;
    let full = Benchmark::share("edge", BenchmarkKind::Global, Metric::Csat, 100.0)?;
    assert_eq!(
        full.compare(&csat, P95)?.p_value(),
        None,
        "4 of 4 fit 100 % exactly: undefined"
    );
    let three_of_four = Csat::default().score(&Tally::<Likert5>::from_raw(&[5, 5, 5, 1])?)?;
    assert_eq!(
        full.compare(&three_of_four, P95)?.p_value(),
        Some(0.0),
        "impossible at 100 %"
    );
    let exact = cxmetrics::inference::ShareTest::ExactBinomial;
    assert_eq!(
        csat.test(1.0, exact)?.p_value(),
        Some(1.0),
        "4 of 4 is certain at p0 = 1"
    );
    assert_eq!(
        csat.test(0.0, exact)?.p_value(),
        Some(0.0),
        "4 of 4 is impossible at p0 = 0"
    );
    let err = csat.test(1.5, exact).unwrap_err();
    assert_eq!(
        err.to_string(),
        "benchmark share 1.5 is out of range: expected a fraction from 0 to 1"
    );
    Ok(())
}
