//! Arbitrary `f64`s (NaN, ±∞, subnormals, ±0, huge) into every float entry
//! point: a typed error for a bad value, and only finite results otherwise.
#![no_main]

mod common;

use arbitrary::Arbitrary;
use chrono::{TimeDelta, TimeZone, Utc};
use cxmetrics::inference::{Adjustment, NetScoreMethod, ShareTest};
use cxmetrics::planning::{
    UnitVariance, finite_population, minimum_detectable_difference, sample_size, sample_size_per_group,
    sample_size_per_group_shares,
};
use cxmetrics::timing::SurveyTiming;
use cxmetrics::{
    Against, Benchmark, BenchmarkKind, ConfidenceLevel, Csat, Error, Likert5, Mean, Metric, Nps, ReportOptions,
    Response, Segments, WeightedTally, ZeroToTen,
};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    level: f64,
    weights: Vec<(u8, f64)>,
    benchmark: f64,
    se: f64,
    margin: f64,
    delta: f64,
    p: f64,
    q: f64,
    sd: f64,
    power: f64,
    null: f64,
    sizes: (u64, u64, u64),
    counts: (u16, u16, u16),
    p_values: Vec<f64>,
}

/// A bad float is an `InvalidArgument`-style typed error with a message.
#[track_caller]
fn typed(e: &Error) {
    assert!(
        matches!(
            e,
            Error::InvalidArgument { .. }
                | Error::InvalidWeight { .. }
                | Error::OffScale { .. }
                | Error::Mismatch { .. }
                | Error::EmptySample { .. }
        ),
        "{e:?}"
    );
    common::error(e);
}

#[track_caller]
fn finite_nonnegative(x: f64) {
    assert!(x.is_finite() && x >= 0.0, "{x}");
}

fn level(input: &Input) -> ConfidenceLevel {
    match ConfidenceLevel::new(input.level) {
        Ok(l) => {
            assert!(input.level > 0.0 && input.level < 1.0, "{}", input.level);
            // At or below 2⁻⁵⁴, 1 − level rounds to 1 and z (≈ 1.25·level)
            // to 0; just above it α = 1 − 2⁻⁵³ and z is tiny but positive.
            assert!(l.z().is_finite() && l.z() >= 0.0, "{l:?}");
            assert!(l.alpha() > 0.0 && l.alpha() <= 1.0, "{l:?}");
            assert_eq!(l.z() > 0.0, l.alpha() < 1.0, "{l:?}");
            assert_eq!(l.alpha() < 1.0, input.level > f64::EPSILON / 4.0, "{l:?}");
            let _ = l.to_string();
            l
        }
        Err(e) => {
            typed(&e);
            ConfidenceLevel::P95
        }
    }
}

fn weighted(input: &Input, level: ConfidenceLevel) {
    let mut nps = WeightedTally::<ZeroToTen>::new();
    let mut five = WeightedTally::<Likert5>::new();
    for &(r, w) in input.weights.iter().take(64) {
        let ok = nps.add(ZeroToTen::new(r % 11).expect("on the scale"), w);
        match &ok {
            Ok(()) => finite_nonnegative(w),
            Err(e) => assert!(matches!(e, Error::InvalidWeight { .. }), "{e:?}"),
        }
        assert_eq!(
            ok.is_ok(),
            five.add(Likert5::new(1 + r % 5).expect("on the scale"), w).is_ok()
        );
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single().expect("a date");
        let response = Response::new(Likert5::new(1 + r % 5).expect("on the scale"), at).with_weight(w);
        assert_eq!(ok.is_ok(), response.is_ok(), "{w}");
    }
    finite_nonnegative(nps.total_weight());
    if let Some(n) = nps.n_eff() {
        assert!(n.is_finite() && n > 0.0, "{n}");
    }
    if let Ok(e) = Nps.score(&nps) {
        common::net_score(&e);
        let _ = e.interval(level);
    }
    if let Ok(e) = Mean.score(&nps) {
        common::mean(&e, 0.0, 10.0);
    }
    if let Ok(e) = Csat::default().score(&five) {
        common::share(&e);
        let _ = e.interval(level);
    }
}

fn benchmarks(input: &Input, level: ConfidenceLevel) {
    let (d, p, pr) = input.counts;
    let Ok(nps) = Nps.score_counts(u64::from(d), u64::from(p), u64::from(pr)) else {
        return;
    };
    let kind = || BenchmarkKind::Industry { region: None };
    let csat_tally = cxmetrics::Tally::<Likert5>::from_counts(&[u64::from(d), 0, u64::from(p), 0, u64::from(pr)])
        .expect("small counts");
    let csat = Csat::default().score(&csat_tally).ok();
    let mean = Mean.score(&csat_tally).ok();

    match Benchmark::nps("b", kind(), input.benchmark) {
        Ok(b) => {
            assert!((-100.0..=100.0).contains(&input.benchmark), "{}", input.benchmark);
            for b in with_se(b, input, level) {
                assert!(b.value().is_finite() && b.display_value().is_finite());
                if let Some(se) = b.standard_error() {
                    finite_nonnegative(se);
                }
                match b.compare(&nps, level) {
                    Ok(c) => practical(&c, input.delta, 2.0),
                    Err(e) => typed(&e),
                }
            }
        }
        Err(e) => typed(&e),
    }
    match Benchmark::share("b", kind(), Metric::Csat, input.benchmark) {
        Ok(b) => {
            assert!((0.0..=100.0).contains(&input.benchmark), "{}", input.benchmark);
            for b in with_se(b, input, level) {
                if let Some(csat) = &csat {
                    match b.compare(csat, level) {
                        Ok(c) => practical(&c, input.delta, 1.0),
                        Err(e) => typed(&e),
                    }
                }
            }
        }
        Err(e) => typed(&e),
    }
    match Benchmark::mean("b", kind(), Metric::Csat, input.benchmark) {
        Ok(b) => {
            assert!(input.benchmark.is_finite());
            for b in with_se(b, input, level) {
                if let Some(mean) = &mean {
                    match b.compare(mean, level) {
                        Ok(c) => practical(&c, input.delta, f64::MAX),
                        Err(e) => typed(&e),
                    }
                }
            }
        }
        Err(e) => typed(&e),
    }

    // Tests against arbitrary nulls: in range, a test; out of range or NaN, an error.
    for m in [ShareTest::Score, ShareTest::ExactBinomial, ShareTest::Wald] {
        if let Some(csat) = &csat {
            match csat.test(input.null, m) {
                Ok(t) => {
                    assert!((0.0..=1.0).contains(&input.null), "{}", input.null);
                    common::test(&t);
                }
                Err(e) => typed(&e),
            }
        }
    }
    for m in [
        NetScoreMethod::Score,
        NetScoreMethod::AdjustedWald,
        NetScoreMethod::Wald,
    ] {
        match nps.test(input.null, m) {
            Ok(t) => {
                assert!((-1.0..=1.0).contains(&input.null), "{}", input.null);
                common::test(&t);
            }
            Err(e) => typed(&e),
        }
    }
    if let Some(mean) = &mean {
        match mean.test(input.null) {
            Ok(t) => common::test(&t),
            Err(e) => typed(&e),
        }
    }
    let _ = nps.interval(level).contains(input.null);

    // A practical difference in a segment table.
    let mut segments = Segments::<u8, ZeroToTen>::new();
    for (key, r) in [(1, 9), (1, 10), (1, 3), (2, 0), (2, 7), (2, 10)] {
        segments
            .add(key, ZeroToTen::new(r).expect("on the scale"))
            .expect("small");
    }
    let options = ReportOptions::new()
        .level(level)
        .minimum_n(u64::from(input.counts.0 % 4))
        .practical_difference(input.delta);
    match segments.table(|t| Nps.score(t), Against::Rest, options) {
        Ok(table) => {
            // Known gap: the delta is checked only where a row is compared,
            // so a table of thin rows takes NaN silently.
            if table.rows().iter().any(|r| r.comparison().is_some()) {
                finite_nonnegative(input.delta);
            }
            for row in table.rows() {
                if let Some(c) = row.comparison() {
                    common::comparison(c, 2.0);
                }
            }
        }
        Err(e) => typed(&e),
    }
}

/// The benchmark as given, with a standard error and with a margin.
fn with_se<E: cxmetrics::Estimate>(b: Benchmark<E>, input: &Input, level: ConfidenceLevel) -> Vec<Benchmark<E>> {
    let mut all = vec![b.clone()];
    match b.clone().with_standard_error(input.se) {
        Ok(b) => all.push(b),
        Err(e) => {
            assert!(!(input.se.is_finite() && input.se >= 0.0), "{}: {e}", input.se);
            typed(&e);
        }
    }
    match b.with_margin(input.margin, level) {
        Ok(b) => {
            finite_nonnegative(input.margin);
            all.push(b);
        }
        Err(e) => typed(&e),
    }
    all
}

fn practical(c: &cxmetrics::Comparison, delta: f64, range: f64) {
    common::comparison(c, range);
    match c.practical(delta) {
        Ok(_) => finite_nonnegative(delta),
        Err(e) => typed(&e),
    }
}

fn planning(input: &Input, level: ConfidenceLevel) {
    let variances = [
        UnitVariance::share(input.p),
        UnitVariance::net_score(input.p, input.q),
        UnitVariance::mean(input.sd),
    ];
    let mut ok = Vec::new();
    for v in variances {
        match v {
            Ok(v) => {
                finite_nonnegative(v.get());
                ok.push(v);
            }
            Err(e) => typed(&e),
        }
    }
    let (n, m, population) = input.sizes;
    for &v in &ok {
        match sample_size(v, input.margin, level) {
            Ok(size) => assert!(size < u64::MAX),
            Err(e) => typed(&e),
        }
        for other in [None, Some((v, m))] {
            match minimum_detectable_difference((v, n), other, level, input.power) {
                Ok(mdd) => {
                    finite_nonnegative(mdd);
                    assert!(input.power > 0.0 && input.power < 1.0, "{}", input.power);
                }
                Err(e) => typed(&e),
            }
        }
        for &w in &ok {
            match sample_size_per_group(v, w, input.delta, level, input.power) {
                Ok(size) => assert!(size < u64::MAX),
                Err(e) => typed(&e),
            }
        }
    }
    match sample_size_per_group_shares(input.p, input.q, level, input.power) {
        Ok(size) => assert!(size < u64::MAX),
        Err(e) => typed(&e),
    }
    match finite_population(n, population) {
        Ok(size) => assert!(size <= n.max(1) && size <= population, "{n} of {population}: {size}"),
        Err(e) => typed(&e),
    }
}

fn adjustments(input: &Input) {
    let p = &input.p_values[..input.p_values.len().min(32)];
    for a in [Adjustment::Holm, Adjustment::BenjaminiHochberg] {
        match a.adjust(p) {
            Ok(adjusted) => {
                assert_eq!(adjusted.len(), p.len());
                for (raw, adj) in p.iter().zip(&adjusted) {
                    assert!((0.0..=1.0).contains(raw), "{raw}");
                    assert!((0.0..=1.0).contains(adj) && adj >= raw, "{raw} → {adj}");
                }
            }
            Err(e) => {
                assert!(p.iter().any(|x| !(0.0..=1.0).contains(x)), "{p:?}");
                typed(&e);
            }
        }
    }
}

fn timing(input: &Input) {
    let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single().expect("a date");
    let responses: Vec<_> = (1..=5)
        .map(|h| {
            Response::new(Likert5::new(4).expect("on the scale"), t0 + TimeDelta::hours(h))
                .with_interaction_at(t0)
                .expect("before the answer")
        })
        .collect();
    let timing = SurveyTiming::new(&responses, &[TimeDelta::hours(2)]).expect("valid bounds");
    for q in [input.p, input.q, input.null] {
        let got = timing.delay_quantile(q);
        assert_eq!(got.is_some(), (0.0..=1.0).contains(&q), "{q}");
    }
}

fuzz_target!(|input: Input| {
    let level = level(&input);
    weighted(&input, level);
    benchmarks(&input, level);
    planning(&input, level);
    adjustments(&input);
    timing(&input);
});
