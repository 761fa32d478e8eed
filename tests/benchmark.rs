//! Benchmark comparisons: verdicts, pairings, families and rankings.

use cxmetrics::inference::Adjustment;
use cxmetrics::{
    Benchmark, BenchmarkKind, CesAgreement, CesEffort, ConfidenceLevel, Csat, Error, Likert5, Likert7, Mean, Metric,
    NetScore, Nps, Tally, Verdict, rank,
};

const P95: ConfidenceLevel = ConfidenceLevel::P95;

#[test]
fn fixed_value_uses_the_score_test_and_its_interval() {
    let ours = Nps.score_counts(30, 50, 120).expect("non-empty");
    let b = Benchmark::nps("industry", BenchmarkKind::Global, 30.0).expect("finite");
    let c = b.compare(&ours, P95).expect("comparable");
    assert_eq!(
        c.test().p_value(),
        ours.test(0.30, cxmetrics::inference::NetScoreMethod::default())
            .expect("valid")
            .p_value()
    );
    let i = c.interval().expect("defined");
    assert!((i.lower() - (ours.interval(P95).lower() - 0.30)).abs() < 1e-15);
    assert_eq!((c.verdict(), c.is_better()), (Verdict::Above, Some(true)));
    assert!(c.to_string().ends_with(": above"), "{c}");
}

#[test]
fn a_benchmark_with_its_own_error_is_less_certain() {
    let ours = Nps.score_counts(30, 50, 120).expect("non-empty");
    let exact = Benchmark::nps("industry", BenchmarkKind::Global, 35.0).expect("finite");
    let noisy = exact.clone().with_standard_error(5.0).expect("valid se");
    let (a, b) = (
        exact.compare(&ours, P95).expect("ok"),
        noisy.compare(&ours, P95).expect("ok"),
    );
    assert!(b.p_value().expect("defined") > a.p_value().expect("defined"));
    let se = ours.standard_error().hypot(0.05);
    assert!((b.test().statistic().expect("z") - 0.10 / se).abs() < 1e-12);
    assert!(noisy.clone().with_standard_error(-1.0).is_err());
    let sample = Benchmark::sample("Q2", BenchmarkKind::OwnHistory, ours);
    assert!(sample.with_standard_error(0.01).is_err());
}

#[test]
fn samples_use_the_two_sample_methods() {
    let now = Nps.score_counts(30, 50, 120).expect("non-empty");
    let before = Nps.score_counts(45, 60, 95).expect("non-empty");
    let c = Benchmark::sample("Q2", BenchmarkKind::OwnHistory, before)
        .compare(&now, P95)
        .expect("ok");
    let d = now.difference(&before, P95).expect("comparable");
    assert_eq!(c.interval(), Some(d.interval()));
    assert_eq!(c.test(), d.test());
    assert_eq!(c.verdict(), Verdict::Above);
}

#[test]
fn wrong_pairings_are_errors() {
    // CES 1.0 effort mean against a CES 2.0 mean.
    let ces2 = CesAgreement::default()
        .mean(&Tally::<Likert7>::from_raw(&[6, 7, 5, 4]).expect("valid"))
        .expect("ok");
    let ces1 = CesEffort
        .score(&Tally::<Likert5>::from_raw(&[2, 1, 3, 2]).expect("valid"))
        .expect("ok");
    let err = Benchmark::sample("v1", BenchmarkKind::OwnHistory, ces1)
        .compare(&ces2, P95)
        .expect_err("mismatch");
    assert!(matches!(err, Error::Mismatch { .. }));
    // A 1–5 mean against a 1–7 mean.
    let five = Mean
        .score(&Tally::<Likert5>::from_raw(&[4, 5, 3]).expect("valid"))
        .expect("ok");
    let seven = Mean
        .score(&Tally::<Likert7>::from_raw(&[4, 5, 3]).expect("valid"))
        .expect("ok");
    let err = Benchmark::sample("7-point", BenchmarkKind::Competitor, seven)
        .compare(&five, P95)
        .expect_err("mismatch");
    assert_eq!(
        err.to_string(),
        "cannot compare rating mean on Likert5 with rating mean on Likert7"
    );
    // A CSAT share against a CES share.
    let csat = Csat::default()
        .score(&Tally::<Likert5>::from_raw(&[5, 4, 1]).expect("valid"))
        .expect("ok");
    let ces = CesEffort
        .low_effort_share(&Tally::<Likert5>::from_raw(&[1, 2, 5]).expect("valid"))
        .expect("ok");
    assert!(
        Benchmark::sample("ces", BenchmarkKind::Competitor, ces)
            .compare(&csat, P95)
            .is_err()
    );
    // A fixed figure for another metric.
    let fixed = Benchmark::mean("CES 2.0 mean", BenchmarkKind::Global, Metric::CesAgreement, 4.5).expect("finite");
    assert!(matches!(fixed.compare(&ces1, P95), Err(Error::Mismatch { .. })));
    // An NPS past 100 points, a share past 100 %, a mean outside the scale.
    assert_eq!(
        Benchmark::nps("typo", BenchmarkKind::Global, 3000.0)
            .unwrap_err()
            .to_string(),
        "benchmark NPS 3000 is out of range: expected points from -100 to 100"
    );
    assert_eq!(
        Benchmark::share("typo", BenchmarkKind::Global, Metric::Csat, -1.0)
            .unwrap_err()
            .to_string(),
        "benchmark share -1 is out of range: expected percent from 0 to 100"
    );
    let off_scale = Benchmark::mean("7-point", BenchmarkKind::Global, Metric::CesEffort, 6.1).expect("finite");
    assert!(matches!(
        off_scale.compare(&ces1, P95),
        Err(Error::InvalidArgument { .. })
    ));
}

#[test]
fn lower_is_better_reads_above_as_worse() {
    let effort = CesEffort
        .score(&Tally::<Likert5>::from_counts(&[40, 40, 10, 5, 5]).expect("counts"))
        .expect("ok");
    let b = Benchmark::mean("industry", BenchmarkKind::Global, Metric::CesEffort, 2.6).expect("finite");
    let c = b.compare(&effort, P95).expect("ok");
    assert_eq!((c.verdict(), c.is_better()), (Verdict::Below, Some(true)));
}

#[test]
fn families_are_adjusted_and_keep_input_order() {
    let target = Benchmark::nps("target", BenchmarkKind::Global, 30.0).expect("finite");
    let segments: Vec<(String, NetScore)> = [(30, 50, 120), (2, 3, 5), (40, 60, 100), (50, 50, 100)]
        .iter()
        .enumerate()
        .map(|(i, &(d, o, p))| (format!("segment {i}"), Nps.score_counts(d, o, p).expect("ok")))
        .collect();
    let raw: Vec<f64> = segments
        .iter()
        .map(|(_, s)| target.compare(s, P95).expect("ok").p_value().expect("defined"))
        .collect();
    for adjustment in [Adjustment::Holm, Adjustment::BenjaminiHochberg] {
        let table = target.compare_each(&segments, P95, adjustment).expect("ok");
        let expected = adjustment.adjust(&raw).expect("valid");
        for ((c, e), (label, _)) in table.iter().zip(expected).zip(&segments) {
            assert_eq!(c.subject(), Some(label.as_str()));
            assert_eq!(c.p_value(), Some(e));
            assert_eq!(c.verdict() != Verdict::NoDetectableDifference, e < 0.05);
        }
    }
}

#[test]
fn ranking_orders_by_value_and_flags_detectable_gaps() {
    let ours = Nps.score_counts(30, 50, 120).expect("ok");
    let rivals = [
        Benchmark::sample(
            "close",
            BenchmarkKind::Competitor,
            Nps.score_counts(28, 52, 120).expect("ok"),
        ),
        Benchmark::sample(
            "far below",
            BenchmarkKind::Competitor,
            Nps.score_counts(90, 60, 50).expect("ok"),
        ),
        Benchmark::nps("far above", BenchmarkKind::Competitor, 80.0).expect("finite"),
    ];
    let r = rank(&ours, &rivals, P95, Adjustment::Holm).expect("ok");
    assert_eq!((r.position(), r.of()), (3, 4));
    let detectable: Vec<&str> = r.detectable().map(cxmetrics::Comparison::benchmark).collect();
    assert_eq!(detectable, ["far below", "far above"]);
    assert_eq!(r.comparisons()[2].is_better(), Some(false));
}

#[test]
fn weighted_estimates_compare_with_their_effective_sample_size() {
    use cxmetrics::WeightedTally;
    let mut plain = Tally::<Likert5>::new();
    let mut weighted = WeightedTally::<Likert5>::new();
    for i in 0..400u32 {
        let rating = Likert5::new(if i % 10 < 8 { 5 } else { 2 }).expect("valid");
        plain.add(rating).expect("fits");
        // Unequal weights, unrelated to the answer: the same share, a smaller n_eff.
        weighted.add(rating, if i % 2 == 0 { 0.5 } else { 1.5 }).expect("valid");
    }
    let (a, w) = (
        Csat::default().score(&plain).expect("ok"),
        Csat::default().score(&weighted).expect("ok"),
    );
    assert!((a.value() - w.value()).abs() < 1e-12);
    assert!(w.n_eff() < a.n_eff());
    let target = Benchmark::share("target", BenchmarkKind::Global, Metric::Csat, 76.0).expect("finite");
    let (ca, cw) = (
        target.compare(&a, P95).expect("ok"),
        target.compare(&w, P95).expect("ok"),
    );
    assert!(cw.p_value().expect("defined") > ca.p_value().expect("defined"));
    assert!(cw.interval().expect("defined").width() > ca.interval().expect("defined").width());
    // A weighted sample benchmark pairs with an unweighted estimate of the same metric.
    let c = Benchmark::sample("panel", BenchmarkKind::Competitor, w)
        .compare(&a, P95)
        .expect("comparable");
    assert_eq!(c.verdict(), Verdict::NoDetectableDifference);
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
