//! Tests for what mutation testing (`scripts/mutants.sh`) showed no test
//! checked; see `scripts/mutants-last.md`.

use cxmetrics::Error;
use cxmetrics::planning::finite_population;

#[test]
fn finite_population_correction_uses_n0_minus_one() -> Result<(), Error> {
    // n = n0 / (1 + (n0 − 1)/N): 385 of 1,000 is 278.18…, so 279; with
    // n0 + 1 in place of n0 − 1 it would be 278. Two of two stays two.
    assert_eq!(finite_population(385, 1_000)?, 279);
    assert_eq!(finite_population(2, 2)?, 2);
    assert_eq!(finite_population(1, 1)?, 1);
    Ok(())
}

#[test]
fn a_count_driver_of_zero_is_absent_not_present() {
    // `n > 0` as `n >= 0` survived: only the doc example (two transfers)
    // checked these drivers.
    use chrono::DateTime;
    use cxmetrics::Feedback;
    use cxmetrics::effort::EffortDriver;
    let at = DateTime::from_timestamp(0, 0).expect("epoch");
    let none = Feedback::new(at)
        .with_transfers(0)
        .with_channel_switches(0)
        .with_repeat_contacts(0);
    let one = Feedback::new(at)
        .with_transfers(1)
        .with_channel_switches(1)
        .with_repeat_contacts(1);
    for d in [
        EffortDriver::Transferred,
        EffortDriver::SwitchedChannel,
        EffortDriver::RepeatContact,
    ] {
        assert_eq!(d.present(&none), Some(false), "{d:?}");
        assert_eq!(d.present(&one), Some(true), "{d:?}");
        assert_eq!(d.present(&Feedback::new(at)), None, "{d:?}");
    }
}

#[test]
fn an_effective_n_of_one_leaves_the_linearised_variance_undefined() -> Result<(), Error> {
    // `n > 1 && n_eff > 1` as `||` survived. Two answers weighted 1 and
    // 1e-10 are one effective answer (n_eff = 1 + 2e-10): the linearised
    // variance is undefined there and the Kish SE stands. Computed anyway,
    // it would claim ~2.5e9 effective answers and an SE 50,000 times smaller.
    use cxmetrics::inference::VarianceMethod;
    use cxmetrics::{Nps, WeightedTally, ZeroToTen};
    let mut t = WeightedTally::<ZeroToTen>::new();
    t.add(ZeroToTen::new(10)?, 1.0)?;
    t.add(ZeroToTen::new(0)?, 1e-10)?;
    let kish = Nps.score(&t)?;
    assert!((kish.n_eff() - 1.0).abs() < 1e-9, "{}", kish.n_eff());
    let lin = kish.with_variance(VarianceMethod::Linearized);
    assert!(
        (lin.standard_error() - kish.standard_error()).abs() <= 1e-12 * kish.standard_error(),
        "{} vs {}",
        lin.standard_error(),
        kish.standard_error()
    );
    Ok(())
}

#[cfg(feature = "serde")]
#[test]
fn a_csat_answer_on_an_unnamed_scale_is_rejected() -> Result<(), Box<dyn std::error::Error>> {
    // Listing the `Points` scales from `min * 1` instead of `min + 1`
    // survived: it adds one-point "scales" whose name is empty, so
    // `{"scale": "", "rating": 0}` would read as a CSAT answer.
    use chrono::DateTime;
    use cxmetrics::{Feedback, Points};
    let at = DateTime::from_timestamp(0, 0).ok_or("epoch")?;
    let f = Feedback::new(at).with_csat(Points::<0, 10>::new(7)?);
    let mut json = serde_json::to_value(&f)?;
    assert_eq!(json["csat"], serde_json::json!({"scale": "Points<0, 10>", "rating": 7}));
    assert_eq!(serde_json::from_value::<Feedback>(json.clone())?, f);
    for (scale, rating) in [("", 0), ("", 1), ("Points<0, 0>", 0), ("Points<1, 1>", 1)] {
        json["csat"] = serde_json::json!({"scale": scale, "rating": rating});
        let err = serde_json::from_value::<Feedback>(json.clone()).expect_err("no such scale");
        assert!(err.to_string().contains("scale"), "{err}");
    }
    Ok(())
}

#[test]
fn a_share_benchmark_carries_the_sample_standard_error() -> Result<(), Error> {
    // `se` of a share replaced by `Some(1.0)` survived: no test looked at a
    // sampled share benchmark's error, or at a share compared with a fixed
    // benchmark that has one (z = d / √(se² + se_b²)).
    use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Csat, Likert5, Metric, Tally};
    let t = Tally::<Likert5>::from_counts(&[10, 10, 20, 30, 30])?;
    let share = Csat::default().score(&t)?;
    let se = share.standard_error();
    assert!((se - (0.6_f64 * 0.4 / 100.0).sqrt()).abs() < 1e-15, "{se}");
    let sampled = Benchmark::sample("last year", BenchmarkKind::OwnHistory, share);
    assert_eq!(sampled.standard_error(), Some(se));
    let fixed = Benchmark::share("peers", BenchmarkKind::Competitor, Metric::Csat, 50.0)?.with_standard_error(3.0)?;
    let c = fixed.compare(&share, ConfidenceLevel::P95)?;
    let z = c.test().statistic().expect("both errors finite");
    assert!((z - 0.1 / se.hypot(0.03)).abs() < 1e-12, "{z}");
    Ok(())
}

/// A key whose hash is the same for every value: every key collides.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Colliding(u8);

impl core::hash::Hash for Colliding {
    fn hash<H: core::hash::Hasher>(&self, _: &mut H) {}
}

#[test]
fn keyed_counting_compares_keys_not_only_hashes() -> Result<(), Error> {
    // The run check in `Segments::add_raw` (same hash *and* same key as the
    // previous answer) survived with `||` for `&&` and with `!=` for the
    // key comparison: with a seeded hash, different keys never share one.
    use cxmetrics::{Segments, ZeroToTen};
    let keys: Vec<Colliding> = [0, 0, 1, 2, 2, 1, 0, 3].into_iter().map(Colliding).collect();
    let ratings = [10, 9, 0, 5, 6, 7, 8, 1];
    let mut bulk = Segments::<Colliding, ZeroToTen>::new();
    bulk.add_raw(&keys, &ratings)?;
    let mut each = Segments::<Colliding, ZeroToTen>::new();
    for (k, &r) in keys.iter().zip(&ratings) {
        each.add(k.clone(), ZeroToTen::new(r)?)?;
    }
    assert_eq!(bulk, each);
    assert_eq!(bulk.get(&Colliding(1)).map(cxmetrics::Tally::total), Some(2));
    Ok(())
}

#[test]
#[allow(clippy::float_cmp, reason = "the raw size must be exactly 2^64")]
fn a_sample_size_of_exactly_two_to_the_64_is_an_error() -> Result<(), Error> {
    // `n < 2^64` as `n <= 2^64` survived (planning.rs, `ceil`): no test
    // reached a raw size of exactly 2^64, which the mutant turns into
    // `Ok(u64::MAX)`. Find a margin whose raw size `z²·σ²/m²` is exactly
    // 2^64 in floating point, by stepping through the floats near it.
    use cxmetrics::ConfidenceLevel;
    use cxmetrics::planning::{UnitVariance, sample_size};
    let variance = UnitVariance::share(0.5)?;
    let level = ConfidenceLevel::P95;
    let a = level.z().powi(2) * variance.get();
    let target = 2f64.powi(64);
    let start = (a / target).sqrt();
    let margin = (0..4_000i64)
        .flat_map(|k| [k, -k])
        .map(|k| f64::from_bits(start.to_bits().wrapping_add_signed(k)))
        .find(|&m| a / (m * m) == target)
        .expect("some float near the root gives exactly 2^64");
    assert!(sample_size(variance, margin, level).is_err());
    // One float wider, the size fits.
    let wider = (1..4_000u64)
        .map(|k| f64::from_bits(margin.to_bits() + k))
        .find(|&m| a / (m * m) < target)
        .expect("a wider margin needs fewer answers");
    assert!(sample_size(variance, wider, level)? < u64::MAX);
    Ok(())
}

#[test]
fn a_delay_quantile_outside_zero_to_one_is_none_even_with_delays() -> Result<(), Error> {
    // `is_empty() || !(0..=1).contains(q)` as `&&` survived: with delays
    // present, a negative or NaN `q` then ranked as 1 and returned the
    // shortest delay.
    use chrono::{DateTime, TimeDelta};
    use cxmetrics::timing::SurveyTiming;
    use cxmetrics::{Likert5, Response};
    let t0 = DateTime::from_timestamp(0, 0).expect("epoch");
    let rs: Vec<_> = (1..=4)
        .map(|h| Response::new(Likert5::new(4)?, t0 + TimeDelta::hours(h)).with_interaction_at(t0))
        .collect::<Result<_, _>>()?;
    let timing = SurveyTiming::new(&rs, &[])?;
    for q in [-0.1, -1e-300, 1.0 + 1e-9, f64::NAN, f64::INFINITY] {
        assert_eq!(timing.delay_quantile(q), None, "{q}");
    }
    assert_eq!(timing.delay_quantile(0.0), Some(TimeDelta::hours(1)));
    assert_eq!(timing.delay_quantile(-0.0), Some(TimeDelta::hours(1)));
    Ok(())
}

#[test]
fn a_net_score_posterior_of_a_large_sample_is_normal_in_the_limit() -> Result<(), Error> {
    // `a_s / (a_s + b_s)` as `a_s / (a_s - b_s)` survived: the posterior of
    // the share of non-passives only places the integrator's break points,
    // and the vectors' samples (140 answers) are too wide for that to show.
    // At 700,000 answers the density is a spike that unplaced break points
    // miss (the mutant's CDF was 0 everywhere); by Bernstein–von Mises it
    // is the normal with the posterior's mean and sd.
    use cxmetrics::ConfidenceLevel;
    use cxmetrics::monitoring::{NetScorePosterior, Prior};
    let phi = [0.022_750_13, 0.158_655_25, 0.5, 0.841_344_75, 0.977_249_87];
    for (d, o, p) in [(300_000, 100_000, 300_000), (100_000, 100_000, 500_000)] {
        let post = NetScorePosterior::new(d, o, p, Prior::Uniform)?;
        let (mean, sd) = (post.mean(), post.sd());
        for (k, want) in [-2.0, -1.0, 0.0, 1.0, 2.0].into_iter().zip(phi) {
            let got = post.cdf(mean + k * sd)?;
            assert!(
                (got - want).abs() < 1e-3,
                "{d}/{o}/{p}: F(mean {k:+} sd) = {got}, normal {want}"
            );
        }
        let et = post.equal_tailed(ConfidenceLevel::P95)?;
        let z = ConfidenceLevel::P95.z();
        assert!(
            (et.lower() - (mean - z * sd)).abs() < 0.01 * sd,
            "{d}/{o}/{p}: {}",
            et.lower()
        );
        assert!(
            (et.upper() - (mean + z * sd)).abs() < 0.01 * sd,
            "{d}/{o}/{p}: {}",
            et.upper()
        );
    }
    Ok(())
}

#[test]
fn weighted_sums_of_the_largest_and_smallest_weights_ship_back() -> Result<(), Error> {
    // `hi * (1 + 1e-9)` as `hi * (1 − 1e-9)` survived: weights of exactly
    // the largest allowed value, 1e140, have a mean weight that rounds
    // around 1e140 and must still be accepted when shipped as sums.
    use cxmetrics::{Likert5, WeightedTally};
    for w in [1e140, 1e-140] {
        let mut t = WeightedTally::<Likert5>::new();
        for _ in 0..3 {
            t.add(Likert5::new(4)?, w)?;
        }
        let back = WeightedTally::<Likert5>::from_sums(t.sum_weights(), t.sum_squared_weights(), t.answer_counts())?;
        assert_eq!(back, t, "{w}");
    }
    Ok(())
}

#[test]
#[allow(clippy::clone_on_copy, reason = "the clone is what is tested")]
fn a_copied_benchmark_comparison_still_names_the_benchmark() -> Result<(), Error> {
    // `Against::clone` as `Default::default()` (the rest) survived: no test
    // cloned an `Against::Benchmark`.
    use cxmetrics::{Against, Benchmark, BenchmarkKind, Metric, Share};
    let target = Benchmark::share("target", BenchmarkKind::Global, Metric::Csat, 70.0)?;
    let against: Against<'_, Share> = Against::Benchmark(&target);
    let copy = against.clone();
    assert!(
        matches!(copy, Against::Benchmark(b) if core::ptr::eq(b, &raw const target)),
        "{copy:?}"
    );
    assert!(matches!(Against::<Share>::Rest.clone(), Against::Rest));
    Ok(())
}

#[test]
fn no_change_larger_than_delta_needs_the_interval_strictly_inside() -> Result<(), Error> {
    // `lower > −δ` as `lower >= −δ` survived: an interval that reaches −δ
    // exactly does not rule out a drop of δ.
    use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Nps, PracticalVerdict};
    let before = Benchmark::sample(
        "last week",
        BenchmarkKind::OwnHistory,
        Nps.score_counts(8_000, 12_000, 20_000)?,
    );
    let c = before.compare(&Nps.score_counts(8_100, 12_000, 19_900)?, ConfidenceLevel::P95)?;
    let i = c.interval().expect("an interval");
    let (lower, upper) = (i.display_lower(), i.display_upper());
    assert!(lower < 0.0 && -lower > upper, "[{lower}, {upper}]");
    assert_eq!(c.practical(-lower)?, PracticalVerdict::NotEnoughData);
    assert_eq!(c.practical((-lower).next_up())?, PracticalVerdict::NoChangeLargerThan);
    Ok(())
}

#[test]
fn an_interval_on_the_rating_scale_shows_two_decimals_by_default() -> Result<(), Error> {
    // `Unit::precision` as 1 survived: no test displayed a mean's interval
    // without an explicit precision.
    use cxmetrics::{ConfidenceLevel, Likert5, Mean, Tally};
    let m = Mean.score(&Tally::<Likert5>::from_raw(&[4, 5, 3, 4])?)?;
    let shown = m.interval(ConfidenceLevel::P95).expect("an interval").to_string();
    assert_eq!(shown, "4.00 [2.70, 5.00] (95% t)");
    Ok(())
}

#[test]
fn ten_million_answers_still_to_come_is_the_largest_accepted() -> Result<(), Error> {
    // `remaining > 10⁷` as `>=` survived: only a value far past the limit
    // was tested. A target of 100 % after 200 of 200 needs every remaining
    // answer, a single term of the exact sum, so the limit itself is cheap.
    use cxmetrics::monitoring::{Prior, SharePosterior};
    let post = SharePosterior::new(200, 200, Prior::Uniform)?;
    let p = post.prob_final_at_least(1.0, 10_000_000)?;
    assert!(p > 0.0 && p < 1e-4, "{p}");
    assert!(matches!(
        post.prob_final_at_least(1.0, 10_000_001),
        Err(Error::InvalidArgument { .. })
    ));
    Ok(())
}

#[test]
fn a_linearised_variance_of_zero_falls_back_to_kish() -> Result<(), Error> {
    // The guard `v > 0 && unit_var > 0` in `Spread::effective_n` as `true`
    // survived: with every answer a promoter the linearised variance and
    // the unit variance are both 0, and `unit_var / v` is 0/0. The
    // effective sample size must fall back to Kish's, and the intervals
    // stay those of the Kish method.
    use cxmetrics::inference::{NetScoreMethod, VarianceMethod};
    use cxmetrics::{Nps, WeightedTally, ZeroToTen};
    let mut t = WeightedTally::<ZeroToTen>::new();
    for (rating, weight) in [(10, 1.0), (10, 2.0), (9, 3.0)] {
        t.add(ZeroToTen::new(rating)?, weight)?;
    }
    let kish = Nps.score(&t)?;
    let lin = kish.with_variance(VarianceMethod::Linearized);
    for method in [
        NetScoreMethod::Score,
        NetScoreMethod::AdjustedWald,
        NetScoreMethod::Wald,
    ] {
        let (a, b) = (kish.interval(method), lin.interval(method));
        assert!(a.lower().is_finite() && a.upper().is_finite(), "{method:?}: {a}");
        assert_eq!((a.lower(), a.upper()), (b.lower(), b.upper()), "{method:?}");
    }
    Ok(())
}

#[test]
#[allow(clippy::float_cmp, reason = "the limits are the scale's exact width")]
fn a_welch_interval_with_almost_no_degrees_of_freedom_spans_the_scale() -> Result<(), Error> {
    // Looking at `(-width, width)` as `(width, width)` (shard 7): with
    // almost one effective answer on a side (weights 1 and 1e-10, Welch's
    // df ~2e-10) the t quantile is astronomically large; the difference
    // of two 1–5 means must then span exactly ±4, no more. (That mutant
    // itself is equivalent: its branch, for a half-width that is not
    // finite, is a guard no input reaches.)
    use cxmetrics::{ConfidenceLevel, Likert5, Mean, Tally, WeightedTally};
    let mut a = WeightedTally::<Likert5>::new();
    a.add(Likert5::new(5)?, 1.0)?;
    a.add(Likert5::new(1)?, 1e-10)?;
    let b = Tally::<Likert5>::from_raw(&[3, 4, 3, 4, 3, 4])?;
    let d = Mean
        .score(&a)?
        .difference(&Mean.score(&b)?, ConfidenceLevel::P95)?
        .expect("defined");
    let i = d.interval();
    assert!(i.lower() == -4.0 && i.upper() == 4.0, "{i}");
    Ok(())
}

#[test]
#[allow(clippy::float_cmp, reason = "the tie must be exact")]
fn a_p_value_equal_to_alpha_does_not_reject() -> Result<(), Error> {
    // `p < α` as `p <= α` survived. The exact test of 1 of 2 against ½
    // has p = 1 exactly, and a level of 1e-300 has α = 1 − 1e-300 = 1
    // exactly in floating point: `rejects` is documented as
    // `p < 1 − level`, so it must not reject.
    use cxmetrics::inference::ShareTest;
    use cxmetrics::{ConfidenceLevel, Csat, Likert5, Tally};
    let share = Csat::default().score(&Tally::<Likert5>::from_counts(&[1, 0, 0, 1, 0])?)?;
    let test = share.test(0.5, ShareTest::ExactBinomial)?;
    let level = ConfidenceLevel::new(1e-300)?;
    assert_eq!((test.p_value(), level.alpha()), (Some(1.0), 1.0));
    assert!(!test.rejects(level));
    Ok(())
}

#[test]
fn a_practical_verdict_needs_the_interval_strictly_beyond_delta() -> Result<(), Error> {
    // `upper < −δ` as `upper <= −δ` survived (shard 8): the verdicts are
    // documented as "the whole interval lies beyond δ", so an interval that
    // ends exactly at −δ (or starts exactly at δ) does not settle it.
    use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Nps, PracticalVerdict};
    for (before, now, verdict) in [
        (
            (7_700, 12_000, 20_300),
            (8_000, 12_000, 20_000),
            PracticalVerdict::WorseByAtLeast,
        ),
        (
            (8_000, 12_000, 20_000),
            (7_700, 12_000, 20_300),
            PracticalVerdict::BetterByAtLeast,
        ),
    ] {
        let (d, p, n) = before;
        let b = Benchmark::sample("last week", BenchmarkKind::OwnHistory, Nps.score_counts(d, p, n)?);
        let (d, p, n) = now;
        let c = b.compare(&Nps.score_counts(d, p, n)?, ConfidenceLevel::P95)?;
        let i = c.interval().expect("the difference of two samples has an interval");
        // The end nearer zero, as a positive δ.
        let edge = i.display_upper().abs().min(i.display_lower().abs());
        assert!(edge > 0.1, "{i}");
        assert_eq!(c.practical(edge * (1.0 - 1e-12))?, verdict, "{i}");
        assert_eq!(c.practical(edge)?, PracticalVerdict::NotEnoughData, "{i}");
        // And the far end: inside ±δ only strictly.
        let far = i.display_upper().abs().max(i.display_lower().abs());
        assert_eq!(c.practical(far)?, PracticalVerdict::NotEnoughData, "{i}");
        assert_eq!(
            c.practical(far * (1.0 + 1e-12))?,
            PracticalVerdict::NoChangeLargerThan,
            "{i}"
        );
    }
    Ok(())
}

#[test]
fn an_underflowing_linearised_variance_falls_back_to_kish() -> Result<(), Error> {
    // `v > 0 && unit_var > 0` as `||` in `Spread::effective_n` survived
    // (shard 8). Two promoters weighted 1e140 and a detractor weighted
    // 1e-140: the linearised variance, ~4e-561, underflows to 0 while the
    // unit variance (5e-281) does not. Taking `unit_var / 0` as the
    // effective sample size gave a score interval of [−100, +100] and NaN
    // adjusted Wald and Agresti–Coull limits; the fallback to Kish's
    // n_eff = 2 keeps every interval finite and inside the scale.
    use cxmetrics::inference::{NetScoreMethod, ShareMethod, VarianceMethod};
    use cxmetrics::{Csat, Likert5, Nps, WeightedTally, ZeroToTen};
    let mut t = WeightedTally::<ZeroToTen>::new();
    for (rating, weight) in [(10, 1e140), (10, 1e140), (0, 1e-140)] {
        t.add(ZeroToTen::new(rating)?, weight)?;
    }
    let kish = Nps.score(&t)?;
    let lin = kish.with_variance(VarianceMethod::Linearized);
    assert!((kish.n_eff() - 2.0).abs() < 1e-12, "{}", kish.n_eff());
    assert!(lin.standard_error() > 0.0, "{}", lin.standard_error());
    for method in [
        NetScoreMethod::Score,
        NetScoreMethod::AdjustedWald,
        NetScoreMethod::Wald,
    ] {
        let (a, b) = (kish.interval(method), lin.interval(method));
        assert!(
            b.lower() >= -1.0 && b.upper() <= 1.0 && b.lower() <= b.upper(),
            "{method:?}: {b}"
        );
        assert_eq!((a.lower(), a.upper()), (b.lower(), b.upper()), "{method:?}");
    }
    let mut t = WeightedTally::<Likert5>::new();
    for (rating, weight) in [(5, 1e140), (5, 1e140), (1, 1e-140)] {
        t.add(Likert5::new(rating)?, weight)?;
    }
    let kish = Csat::<Likert5>::default().score(&t)?;
    let lin = kish.with_variance(VarianceMethod::Linearized);
    for method in [
        ShareMethod::Wilson,
        ShareMethod::ClopperPearson,
        ShareMethod::Jeffreys,
        ShareMethod::AgrestiCoull,
        ShareMethod::Wald,
    ] {
        let (a, b) = (kish.interval(method), lin.interval(method));
        assert!(
            b.lower() >= 0.0 && b.upper() <= 1.0 && b.lower() <= b.upper(),
            "{method:?}: {b}"
        );
        assert_eq!((a.lower(), a.upper()), (b.lower(), b.upper()), "{method:?}");
    }
    Ok(())
}

#[test]
fn a_test_prints_its_statistic_degrees_of_freedom_and_p_value() -> Result<(), Error> {
    // `Display for Test` returning `Ok(())` survived (shard 8): no test
    // looked at the text. Score test: z and p; t test: t, df and p; the
    // exact test: the p-value alone.
    use cxmetrics::inference::{NetScoreMethod, ShareTest};
    use cxmetrics::{Csat, Likert5, Mean, Nps, Tally};
    let nps = Nps.score_counts(20, 30, 100)?;
    let z = nps.test(0.0, NetScoreMethod::Score)?;
    assert_eq!(z.to_string(), "z = 7.30, p < 0.0001 (score)");
    let m = Mean.score(&Tally::<Likert5>::from_raw(&[
        5, 4, 4, 3, 5, 5, 2, 4, 4, 5, 3, 4, 1, 5, 4,
    ])?)?;
    assert_eq!(m.test(4.0)?.to_string(), "t = -0.43, df = 14.0, p = 0.6702 (t)");
    let share = Csat::<Likert5>::default().score(&Tally::<Likert5>::from_counts(&[1, 1, 2, 3, 3])?)?;
    assert_eq!(
        share.test(0.5, ShareTest::ExactBinomial)?.to_string(),
        "p = 0.7539 (exact binomial)"
    );
    Ok(())
}

#[test]
fn every_estimate_reports_its_answers_through_the_trait() -> Result<(), Error> {
    // `Sealed::size` of a share as `0` survived (shard 9): `Estimate::n`
    // was only checked on net scores.
    use cxmetrics::{Csat, Estimate, Likert5, Mean, Nps, Tally};
    let t = Tally::<Likert5>::from_counts(&[1, 1, 2, 3, 3])?;
    assert_eq!(Estimate::n(&Csat::<Likert5>::default().score(&t)?), 10);
    assert_eq!(Estimate::n(&Mean.score(&t)?), 10);
    assert_eq!(Estimate::n(&Nps.score_counts(2, 3, 4)?), 9);
    Ok(())
}

#[test]
fn a_mean_weight_at_the_edge_of_the_rounding_tolerance_is_accepted() -> Result<(), Error> {
    // `mean < 1e-140·(1 − 1e-9)` as `<=` in `WeightedTally::from_sums`
    // survived (shard 9): the weight range is checked with the documented
    // relative tolerance of 1e-9, edge included, and not beyond it.
    use cxmetrics::{Likert5, WeightedTally};
    let edge = 1e-140 * (1.0 - 1e-9);
    let sums = |w: f64| ([0.0, 0.0, 0.0, 0.0, w], [0.0, 0.0, 0.0, 0.0, w * w]);
    let (w, w2) = sums(edge);
    let t = WeightedTally::<Likert5>::from_sums(&w, &w2, &[0, 0, 0, 0, 1])?;
    assert!((t.total_weight() - edge).abs() <= f64::EPSILON * edge);
    let (w, w2) = sums(edge * (1.0 - 1e-9));
    let err = WeightedTally::<Likert5>::from_sums(&w, &w2, &[0, 0, 0, 0, 1]).expect_err("below the range");
    assert!(err.to_string().starts_with("mean weight"), "{err}");
    // The same at the top (Σw² = w² is consistent for one answer, so only
    // the range check can reject it).
    let top = 1e140 * (1.0 + 1e-9);
    let (w, w2) = sums(top);
    assert!(WeightedTally::<Likert5>::from_sums(&w, &w2, &[0, 0, 0, 0, 1]).is_ok());
    let (w, w2) = sums(top * (1.0 + 1e-9));
    let err = WeightedTally::<Likert5>::from_sums(&w, &w2, &[0, 0, 0, 0, 1]).expect_err("above the range");
    assert!(err.to_string().starts_with("mean weight"), "{err}");
    Ok(())
}

#[test]
#[allow(clippy::float_cmp, reason = "a category the baseline lacks has a share of exactly 0")]
fn an_exact_baseline_at_plus_100_after_rounding_is_its_own_reference() -> Result<(), Error> {
    // `score(hi) > target` as `>=` in the CUSUM's `tilt_to` survived
    // (shard 9). One detractor among 10¹⁹ promoters: the baseline NPS,
    // 1 − 2e-19, rounds to exactly +1, the score the tilt reaches at its
    // upper end. With `Baseline::Exact` the reference distribution is the
    // baseline's own shares (tilt 0); the mutant bisected to a tilt of
    // about −3 and put the detractor share at ~5e-17, 500 times too high.
    use cxmetrics::monitoring::{Baseline, DropDetector};
    use cxmetrics::{Tally, ZeroToTen};
    let promoters = 10_000_000_000_000_000_000_u64;
    let mut counts = [0u64; 11];
    counts[0] = 1;
    counts[10] = promoters;
    let baseline = Tally::<ZeroToTen>::from_counts(&counts)?;
    let d = DropDetector::<ZeroToTen, &str>::nps(&baseline, 0.05, 0.01, Baseline::Exact)?;
    let [detractors, passives, promoters_share] = d.reference();
    let expected = 1.0 / (promoters as f64 + 1.0);
    assert!((detractors - expected).abs() <= 1e-9 * expected, "{detractors:e}");
    assert_eq!(passives, 0.0);
    assert!((promoters_share - 1.0).abs() <= 1e-15, "{promoters_share}");
    Ok(())
}

#[test]
fn a_share_drop_detector_refers_to_the_baseline_share() -> Result<(), Error> {
    // `total − successes` as `total / successes` in `DropDetector::share`
    // survived (shard 11): the doc example's 10-point drop alarms either
    // way. With `Baseline::Exact` the reference is the baseline itself.
    use cxmetrics::monitoring::{Baseline, DropDetector};
    use cxmetrics::{Likert5, RatingSet, Tally};
    let baseline = Tally::<Likert5>::from_counts(&[50, 50, 100, 400, 400])?;
    let top2 = RatingSet::range(Likert5::new(4)?, Likert5::new(5)?)?;
    let d = DropDetector::<Likert5, &str>::share(&baseline, top2, 0.05, 0.01, Baseline::Exact)?;
    let [none, others, top] = d.reference();
    assert!(
        none.abs() < 1e-15 && (others - 0.2).abs() < 1e-12 && (top - 0.8).abs() < 1e-12,
        "{:?}",
        d.reference()
    );
    let [_, others, top] = d.alternative();
    assert!(
        (others - 0.25).abs() < 1e-9 && (top - 0.75).abs() < 1e-9,
        "{:?}",
        d.alternative()
    );
    Ok(())
}

#[test]
fn a_weighted_net_score_counts_every_answer() -> Result<(), Error> {
    // `positive + neutral + negative` as `positive + neutral * negative`
    // in `NetScore::weighted` survived (shard 12): no weighted test had
    // both passives and more than one detractor.
    use cxmetrics::{Estimate, Nps, WeightedTally, ZeroToTen};
    let mut t = WeightedTally::<ZeroToTen>::new();
    for (rating, weight) in [(0, 1.0), (3, 2.0), (7, 0.5), (8, 1.5), (8, 1.0), (10, 3.0)] {
        t.add(ZeroToTen::new(rating)?, weight)?;
    }
    let nps = Nps.score(&t)?;
    assert_eq!((nps.n(), Estimate::n(&nps)), (6, 6));
    assert_eq!((nps.negative(), nps.neutral(), nps.positive()), (2, 3, 1));
    Ok(())
}

#[test]
fn the_exact_test_of_a_single_answer() -> Result<(), Error> {
    // `ln(n + 1)` as `ln(n − 1)` in the exact binomial test's pmf survived
    // (shard 13): the normaliser cancels from the comparison of two pmfs
    // for every n except 1, where it is ln 0. One answer, not satisfied,
    // against 90 %: P(X = 0) = 0.1, and P(X = 1) = 0.9 is larger, so the
    // two-sided p-value is 0.1 (the mutant said 1).
    use cxmetrics::inference::ShareTest;
    use cxmetrics::{Csat, Likert5, Tally};
    let csat = Csat::<Likert5>::default();
    for (counts, p0) in [([1, 0, 0, 0, 0], 0.9), ([0, 0, 0, 0, 1], 0.1)] {
        let share = csat.score(&Tally::<Likert5>::from_counts(&counts)?)?;
        let p = share.test(p0, ShareTest::ExactBinomial)?.p_value().expect("unweighted");
        assert!((p - 0.1).abs() < 1e-14, "{counts:?} against {p0}: {p}");
    }
    Ok(())
}

#[test]
fn a_points_rating_converts_back_to_its_number() -> Result<(), Error> {
    // `From<Points<MIN, MAX>> for u8` as `0` survived (shard 14): only the
    // named scales' conversions were checked.
    use cxmetrics::Points;
    assert_eq!(u8::from(Points::<0, 10>::new(7)?), 7);
    assert_eq!(u8::from(Points::<1, 3>::new(3)?), 3);
    // Its `Display` as writing nothing survived (shard 17): a rating
    // prints as its number, and parses back from it.
    let r = Points::<0, 10>::new(10)?;
    assert_eq!(r.to_string(), "10");
    assert_eq!(r.to_string().parse::<Points<0, 10>>()?, r);
    Ok(())
}

#[test]
fn every_estimate_gives_its_default_interval_through_the_trait() -> Result<(), Error> {
    // `default_interval` of a share as `None` survived (shard 15):
    // `Estimate::interval_at` (and the segment and series tables built on
    // it) was only checked on net scores.
    use cxmetrics::{ConfidenceLevel, Csat, Estimate, Likert5, Mean, Tally};
    let t = Tally::<Likert5>::from_counts(&[1, 1, 2, 3, 3])?;
    let share = Csat::<Likert5>::default().score(&t)?;
    assert_eq!(
        share.interval_at(ConfidenceLevel::P95),
        Some(share.interval(ConfidenceLevel::P95))
    );
    let mean = Mean.score(&t)?;
    assert_eq!(
        mean.interval_at(ConfidenceLevel::P95),
        mean.interval(ConfidenceLevel::P95)
    );
    Ok(())
}

#[test]
fn a_weighted_tally_without_weight_has_no_effective_size() -> Result<(), Error> {
    use cxmetrics::{Likert5, WeightedTally};
    // `Σw² > 0` as `>= 0` survived: it gives Some(0/0), a NaN.
    let mut t = WeightedTally::<Likert5>::new();
    assert_eq!(t.n_eff(), None);
    t.add(Likert5::new(3)?, 0.0)?;
    assert_eq!(t.n_eff(), None);
    t.add(Likert5::new(3)?, 2.0)?;
    assert_eq!(t.n_eff(), Some(1.0));
    Ok(())
}

#[test]
fn a_linearised_weighted_mean_takes_n_minus_one_degrees_of_freedom() -> Result<(), Error> {
    use cxmetrics::inference::VarianceMethod;
    use cxmetrics::{ConfidenceLevel, Likert5, Mean, WeightedTally};
    // `weighted_csat_mean` of tests/data/cx_vectors.json: mean
    // 3.1212121212121215, linearised SE 0.6312666593909375, n = 10. With
    // t(0.975, 9) = 2.2621571627982055 (mpmath, 40 digits) the 95 % limits
    // are 1.6931877260352171 and 4.5492365163890259; `n + 1` degrees of
    // freedom survived, as no test looked at this interval.
    let values = [5, 4, 2, 5, 3, 4, 1, 5, 4, 4];
    let weights = [1.2, 0.8, 2.5, 1.0, 0.5, 1.5, 3.0, 0.7, 1.1, 0.9];
    let mut t = WeightedTally::<Likert5>::new();
    for (v, w) in values.into_iter().zip(weights) {
        t.add(Likert5::new(v)?, w)?;
    }
    let lin = Mean.score(&t)?.with_variance(VarianceMethod::Linearized);
    let i = lin.interval(ConfidenceLevel::P95).expect("n = 10");
    assert!((i.lower() - 1.693_187_726_035_217).abs() < 1e-12, "{i:?}");
    assert!((i.upper() - 4.549_236_516_389_026).abs() < 1e-12, "{i:?}");
    Ok(())
}

#[test]
#[allow(clippy::float_cmp, reason = "the sum must be exactly the double at the edge")]
fn planning_shares_may_overshoot_one_by_the_stated_slack() {
    use cxmetrics::planning::UnitVariance;
    // `p + d > 1 + 1e-12` as `>=` survived (shard 22): the slack is
    // inclusive. 0.5 + (1 + 1e-12 − 0.5) is exactly the double 1 + 1e-12.
    let edge = 1.0 + 1e-12;
    let d = edge - 0.5;
    assert_eq!(0.5 + d, edge);
    assert!(UnitVariance::net_score(0.5, d).is_ok());
    assert!(UnitVariance::net_score(0.5, d + 1e-12).is_err());
}

#[test]
fn squared_weights_at_a_point_without_answers_are_rejected() {
    // `n > 0` as `n >= 0` in `WeightedTally::from_sums` survived (shard 24):
    // the mutant rejected what the original let through, a Σw² at a point
    // with no answers and no weight, which would have shrunk the effective
    // sample size of every score of the tally (serde takes the same path).
    use cxmetrics::{Likert5, WeightedTally};
    let (w, answers) = ([0.25, 0.0, 0.0, 0.0, 1.5], [1, 0, 0, 0, 1]);
    let err = WeightedTally::<Likert5>::from_sums(&w, &[0.0625, 4.0, 0.0, 0.0, 2.25], &answers)
        .expect_err("Σw² without answers");
    assert_eq!(
        err.to_string(),
        "sum of squared weights 4 is out of range: expected 0 exactly at points without answers"
    );
    let t = WeightedTally::<Likert5>::from_sums(&w, &[0.0625, 0.0, 0.0, 0.0, 2.25], &answers).expect("consistent");
    assert_eq!(t.sum_squared_weights(), &[0.0625, 0.0, 0.0, 0.0, 2.25]);
}

#[test]
#[allow(
    clippy::float_cmp,
    reason = "the percentage of a weighted estimate is 100 times its value, one rounding"
)]
fn weighted_estimates_give_percent_and_points_from_their_value() -> Result<(), Error> {
    // `100.0 * value` as `100.0 + value` in `Spread::hundredfold` survived
    // (shard 25): no test read the percentage of a weighted estimate.
    use cxmetrics::{Csat, Likert5, Nps, WeightedTally, ZeroToTen};
    let mut t = WeightedTally::<Likert5>::new();
    for (r, w) in [(5, 1.2), (4, 0.8), (2, 2.5), (5, 1.0), (3, 0.5)] {
        t.add(Likert5::new(r)?, w)?;
    }
    let csat = Csat::default().score(&t)?;
    assert!((csat.value() - 0.5).abs() < 1e-15, "3.0 of 6.0 in weight");
    assert_eq!(csat.percent(), 100.0 * csat.value());
    assert_eq!(csat.rounded(), 50);
    let mut t = WeightedTally::<ZeroToTen>::new();
    for (r, w) in [(10, 2.0), (9, 1.0), (7, 1.0), (0, 1.0), (3, 1.0)] {
        t.add(ZeroToTen::new(r)?, w)?;
    }
    let nps = Nps.score(&t)?;
    assert!((nps.value() - 1.0 / 6.0).abs() < 1e-15, "(3 − 2)/6 in weight");
    assert_eq!(nps.points(), 100.0 * nps.value());
    assert_eq!(nps.rounded(), 17);
    Ok(())
}

/// A daily series from Monday 2026-01-05: `(day, answers)` pairs, each
/// answer a 9 on the 0–10 scale.
fn daily_nines(days: &[(i64, usize)]) -> Result<cxmetrics::Series<cxmetrics::ZeroToTen>, Error> {
    use chrono::{Duration, TimeZone, Utc};
    use cxmetrics::{Granularity, Series, ZeroToTen};
    let monday = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap();
    let mut daily = Series::utc(Granularity::Day);
    for &(day, answers) in days {
        for _ in 0..answers {
            daily.add_rating(monday + Duration::days(day), ZeroToTen::new(9)?)?;
        }
    }
    Ok(daily)
}

#[test]
fn an_empty_period_in_a_trend_is_not_thin() -> Result<(), Error> {
    // `n > 0 && n < min_n` as `n >= 0 && …` in `Series::report` survived
    // (shard 27), and `n < min_n` as `<=` (shard 30): a row is thin when
    // it has answers but fewer than the minimum; a period without answers
    // is empty, not thin, and one with exactly the minimum is not thin.
    use cxmetrics::{Nps, ReportOptions};
    let daily = daily_nines(&[(0, 3), (2, 1), (3, 2)])?;
    let trend = daily.trend(|t| Nps.score(t), ReportOptions::new().minimum_n(2))?;
    let rows: Vec<(u64, bool)> = trend.iter().map(|r| (r.n(), r.is_thin())).collect();
    assert_eq!(rows, [(3, false), (0, false), (1, true), (2, false)]);
    Ok(())
}

#[test]
fn a_p_value_equal_to_alpha_is_no_detectable_difference() -> Result<(), Error> {
    // `p < α` as `p <= α` in `Comparison::decide` survived (shard 28): a
    // difference is declared only when p falls below α. A level of 1 − p
    // has α = p exactly when p lies in [¼, ½] (both subtractions exact).
    use cxmetrics::{Benchmark, BenchmarkKind, ConfidenceLevel, Nps, Verdict};
    let nps = Nps.score_counts(30, 30, 40)?; // +10
    for (points, verdict) in [(2.0, Verdict::Above), (18.0, Verdict::Below)] {
        let benchmark = Benchmark::nps("peers", BenchmarkKind::Global, points)?;
        let p = benchmark
            .compare(&nps, ConfidenceLevel::P95)?
            .p_value()
            .expect("defined");
        assert!((0.25..=0.5).contains(&p), "{p}");
        let at = ConfidenceLevel::new(1.0 - p)?;
        assert_eq!(at.alpha().to_bits(), p.to_bits());
        assert_eq!(benchmark.compare(&nps, at)?.verdict(), Verdict::NoDetectableDifference);
        let wider = ConfidenceLevel::new(f64::from_bits((1.0 - p).to_bits() - 1))?;
        assert!(wider.alpha() > p);
        assert_eq!(benchmark.compare(&nps, wider)?.verdict(), verdict);
    }
    Ok(())
}

#[test]
fn chart_limit_widths_must_be_positive_and_finite() {
    // `sigmas > 0 && sigmas.is_finite()` as `||` in the charts' check
    // survived (shard 29): no test gave a negative or infinite width.
    use cxmetrics::monitoring::{EwmaChart, NetScoreChart, PChart, TabularCusum};
    let values = [1.0, 2.0, 1.5];
    for width in [-3.0, 0.0, f64::INFINITY, f64::NAN] {
        let errors = [
            PChart::new(&[(5, 10), (6, 10)], width).err(),
            NetScoreChart::new(&[(1, 2, 3), (2, 2, 2)], width).err(),
            EwmaChart::new(&values, 1.5, 0.5, 0.2, width).err(),
            TabularCusum::new(&values, 1.5, 0.5, 0.5, width).err(),
        ];
        for err in errors {
            let err = err.expect("rejected");
            assert!(
                err.to_string().contains("expected a positive finite number"),
                "{width}: {err}"
            );
        }
    }
    assert!(PChart::new(&[(5, 10), (6, 10)], 3.0).is_ok());
}

#[test]
#[allow(clippy::float_cmp, reason = "the limits are the ends of the range, exactly")]
fn score_intervals_of_one_sided_samples_reach_the_end_of_the_range() -> Result<(), Error> {
    // `-1.0` as `1.0` for the lower limit of an all-negative sample in the
    // net score's score interval survived (shard 31).
    use cxmetrics::Nps;
    use cxmetrics::inference::NetScoreMethod;
    let all_detractors = Nps.score_counts(5, 0, 0)?.interval(NetScoreMethod::Score);
    assert_eq!(all_detractors.lower(), -1.0);
    assert!(
        all_detractors.upper() > -1.0 && all_detractors.upper() < 0.0,
        "{all_detractors}"
    );
    let all_promoters = Nps.score_counts(0, 0, 5)?.interval(NetScoreMethod::Score);
    assert_eq!(all_promoters.upper(), 1.0);
    assert!(
        all_promoters.lower() > 0.0 && all_promoters.lower() < 1.0,
        "{all_promoters}"
    );
    Ok(())
}

#[test]
#[allow(clippy::float_cmp, reason = "the interval ends at the end of the support, exactly")]
fn the_hpd_interval_of_a_rising_density_ends_at_one() -> Result<(), Error> {
    // `g.is_nan() || g <= 0` as `&&` in the HPD search (shard 31): 10 of 10
    // under the uniform prior is Beta(11, 1), whose density rises to 1, so
    // the interval is [α^(1/11), 1] — with the mutant the search ran on
    // and stopped 4e-15 short of 1.
    use cxmetrics::ConfidenceLevel;
    use cxmetrics::monitoring::{Prior, SharePosterior};
    let hpd = SharePosterior::new(10, 10, Prior::Uniform)?.hpd(ConfidenceLevel::P95)?;
    assert_eq!(hpd.upper(), 1.0);
    assert!(
        (hpd.lower() - 0.05f64.powf(1.0 / 11.0)).abs() < 1e-14,
        "{}",
        hpd.lower()
    );
    Ok(())
}

#[test]
fn a_mean_against_a_benchmark_with_a_standard_error_is_tested() -> Result<(), Error> {
    // A mean's standard error as `None` (shard 31) left a comparison with
    // a benchmark that has its own standard error without a test.
    use cxmetrics::{Benchmark, BenchmarkKind, CesEffort, ConfidenceLevel, Likert5, Metric, Tally, Verdict};
    let effort = CesEffort.score(&Tally::<Likert5>::from_counts(&[0, 2, 2, 6, 10])?)?;
    let b = Benchmark::mean("industry", BenchmarkKind::Global, Metric::CesEffort, 2.5)?.with_standard_error(0.1)?;
    let c = b.compare(&effort, ConfidenceLevel::P95)?;
    assert!(c.p_value().is_some_and(|p| p < 1e-6), "{:?}", c.p_value());
    assert_eq!(c.verdict(), Verdict::Above);
    // The statistic uses both standard errors (the mean's as `Some(0.0)`,
    // shard 32, left only the benchmark's): z = d / √(SE² + SE_b²).
    let se = effort.standard_error().expect("20 answers that differ");
    let z = (effort.value() - 2.5) / se.hypot(0.1);
    let statistic = c.test().statistic().expect("a z statistic");
    assert!((statistic - z).abs() < 1e-12 * z, "{statistic} against {z}");
    // A sampled mean benchmark carries the mean's standard error.
    let sampled = Benchmark::sample("last year", BenchmarkKind::OwnHistory, effort);
    assert_eq!(sampled.standard_error(), Some(se));
    Ok(())
}

#[test]
fn a_thin_period_is_not_compared_with_the_baseline() -> Result<(), Error> {
    // The `!thin` guard on the baseline comparison in `Series::report` as
    // `true` survived (shard 31): a period below the minimum is reported
    // without a comparison, against a baseline as against the previous one.
    use cxmetrics::{Benchmark, BenchmarkKind, Nps, ReportOptions};
    let daily = daily_nines(&[(0, 3), (1, 1)])?;
    let target = Benchmark::nps("target", BenchmarkKind::Global, 0.0)?;
    let trend = daily.trend_against(|t| Nps.score(t), &target, ReportOptions::new().minimum_n(2))?;
    let compared: Vec<(bool, bool)> = trend.iter().map(|r| (r.is_thin(), r.comparison().is_some())).collect();
    assert_eq!(compared, [(false, true), (true, false)]);
    Ok(())
}

#[test]
fn labels_debug_lists_each_label_with_its_point() -> Result<(), Error> {
    // `Debug for Labels` as an empty `Ok` survived (shard 32): the map of
    // labels in a log line is what a user reads when an export's label is
    // not accepted.
    use cxmetrics::Likert5;
    use cxmetrics::input::Labels;
    let labels = Labels::new([("Yes", Likert5::new(5)?), ("No", Likert5::new(1)?)])?;
    assert_eq!(format!("{labels:?}"), r#"{"Yes": 5, "No": 1}"#);
    Ok(())
}

#[test]
fn weighted_tally_debug_shows_its_sums_per_point() -> Result<(), Error> {
    // `Debug for WeightedTally` as an empty `Ok` survived (shard 32).
    use cxmetrics::{Likert5, WeightedTally};
    let mut t = WeightedTally::<Likert5>::new();
    t.add(Likert5::new(5)?, 2.0)?;
    t.add(Likert5::new(1)?, 0.5)?;
    assert_eq!(
        format!("{t:?}"),
        "WeightedTally { scale: \"Likert5\", sum_w: [0.5, 0.0, 0.0, 0.0, 2.0], \
         sum_w2: [0.25, 0.0, 0.0, 0.0, 4.0], answers: [1, 0, 0, 0, 1] }"
    );
    Ok(())
}

#[test]
fn an_interaction_at_the_answers_own_time_is_accepted() -> Result<(), Error> {
    // `interaction > answer` as `>=` survived (shard 35): an answer given
    // in the same second as the interaction (an in-app survey) has a delay
    // of zero; one second later than the answer is an error.
    use chrono::{DateTime, TimeDelta};
    use cxmetrics::{Likert5, Response};
    let at = DateTime::from_timestamp(1_700_000_000, 0).expect("a valid time");
    let r = Response::new(Likert5::new(4)?, at).with_interaction_at(at)?;
    assert_eq!(r.delay(), Some(TimeDelta::zero()));
    let later = at + TimeDelta::seconds(1);
    assert!(matches!(
        Response::new(Likert5::new(4)?, at).with_interaction_at(later),
        Err(Error::InteractionAfterAnswer { .. })
    ));
    Ok(())
}

#[test]
fn from_sums_accepts_squared_weights_at_the_edges_of_the_rounding_tolerance() {
    // `Σw²/Σw < Σw/n − 1e-9·Σw` as `<=` survived (shard 35): the documented
    // bounds `(Σw)²/n ≤ Σw² ≤ (Σw)²`, with 1e-9 relative for rounding, are
    // inclusive at both ends of the tolerance and exclusive one ulp past.
    use cxmetrics::{Likert5, WeightedTally};
    let (w, n) = (2.0, 2);
    let low = (w / 2.0 - 1e-9 * w) * w; // Σw² with Σw²/Σw at the lower edge
    let high = (w + 1e-9 * w) * w; // and at the upper edge
    let sums = |w2: f64| {
        WeightedTally::<Likert5>::from_sums(&[0.0, 0.0, 0.0, 0.0, w], &[0.0, 0.0, 0.0, 0.0, w2], &[0, 0, 0, 0, n])
    };
    assert!(sums(low).is_ok());
    assert!(sums(high).is_ok());
    assert!(sums(low.next_down()).is_err());
    assert!(sums(high.next_up()).is_err());
}

#[test]
fn an_answered_bad_rating_in_a_whole_chunk_of_the_masked_nps_kernel_is_rejected() {
    // The masked kernel's block check `max > span` as `max == span`
    // survived (shard 36): a present rating of 11 or more inside a whole
    // 64-answer chunk (not the leftover bytes) was counted as a detractor.
    // Every position of the first chunks, each bad byte from 11 to 255.
    use cxmetrics::{Nps, Validity};
    let bits = [0xFFu8; 40];
    for at in [0, 5, 63, 64, 200] {
        for bad in [11u8, 12, 200, 255] {
            let mut ratings = vec![9u8; 300];
            ratings[at] = bad;
            let v = Validity::new(&bits, 0, ratings.len()).expect("enough bits");
            let err = Nps.score_raw_valid(&ratings, v).expect_err("a bad answered rating");
            assert_eq!(
                err.to_string(),
                format!("rating {bad} at index {at} is off the 0–10 scale")
            );
        }
    }
}

#[test]
fn a_lower_is_better_rank_counts_the_competitors_with_lower_values() -> Result<(), Error> {
    // `other < value` as `other == value` survived (shard 37): the one
    // ranking test was higher-is-better. CES 1.0 effort, mean 3.0: two
    // rivals with less effort are ahead, a tie and a worse one are not.
    use cxmetrics::inference::Adjustment;
    use cxmetrics::{Benchmark, BenchmarkKind, CesEffort, ConfidenceLevel, Likert5, Metric, Tally, rank};
    let ours = CesEffort.score(&Tally::<Likert5>::from_raw(&[2, 3, 4, 3])?)?;
    let rival = |name: &str, value: f64| Benchmark::mean(name, BenchmarkKind::Competitor, Metric::CesEffort, value);
    let rivals = [rival("a", 2.5)?, rival("b", 2.0)?, rival("tie", 3.0)?, rival("c", 3.5)?];
    let r = rank(&ours, &rivals, ConfidenceLevel::P95, Adjustment::Holm)?;
    assert_eq!((r.position(), r.of()), (3, 5));
    Ok(())
}

#[test]
fn a_weighted_mean_whose_effective_n_rounds_to_one_has_no_variance() -> Result<(), Error> {
    // `n > 1 && n_eff > 1` as `||` survived (shard 37). Two answers, one
    // with weight 1e-20: n = 2, but n_eff = (Σw)²/Σw² rounds to exactly 1
    // (1 + 1e-20 is 1 in a double), where `n_eff/(n_eff − 1)` is infinite.
    use cxmetrics::{Likert5, Mean, WeightedTally};
    let mut t = WeightedTally::<Likert5>::new();
    t.add(Likert5::new(2)?, 1.0)?;
    t.add(Likert5::new(4)?, 1e-20)?;
    let m = Mean.score(&t)?;
    assert_eq!((m.n(), m.n_eff()), (2, 1.0));
    assert_eq!(m.variance(), None);
    assert_eq!(m.interval(cxmetrics::ConfidenceLevel::P95), None);
    Ok(())
}

#[test]
fn a_weighted_mean_without_spread_has_a_point_interval_at_any_effective_n() -> Result<(), Error> {
    // `se > 0` as `se >= 0` survived (shard 37), and is equivalent: with
    // all answers equal the standard error is 0, and the t quantile at
    // df = n_eff − 1 = 2e-12 is huge but finite (about 1e148), so 0 × t is
    // 0 either way. The case it guards, a spread-free sample at the
    // smallest df, is the point 4, not the whole scale.
    use cxmetrics::{ConfidenceLevel, Likert5, Mean, WeightedTally};
    let mut t = WeightedTally::<Likert5>::new();
    t.add(Likert5::new(4)?, 1.0)?;
    t.add(Likert5::new(4)?, 1e-12)?;
    let m = Mean.score(&t)?;
    assert!(m.n_eff() > 1.0 && m.n_eff() < 1.0 + 1e-11);
    let i = m.interval(ConfidenceLevel::P95).expect("n_eff > 1");
    assert_eq!((i.lower(), i.upper()), (4.0, 4.0));
    Ok(())
}

#[test]
fn a_weighted_merge_past_u64_max_answers_names_the_point_and_changes_nothing() -> Result<(), Error> {
    // `S::MIN + i` as `S::MIN * i` in the error of `WeightedTally::merge`
    // survived (shard 38): no test merged weighted tallies past `u64::MAX`
    // answers at one point. At point 3 of 1–5:
    use cxmetrics::{Likert5, WeightedTally};
    let full = WeightedTally::<Likert5>::from_sums(
        &[0.0, 0.0, 1.0, 0.0, 0.0],
        &[0.0, 0.0, 1e-6, 0.0, 0.0],
        &[0, 0, u64::MAX, 0, 0],
    )?;
    let mut one = WeightedTally::<Likert5>::new();
    one.add(Likert5::new(3)?, 1.0)?;
    let mut merged = full.clone();
    let err = merged.merge(&one).expect_err("past u64::MAX answers at 3");
    assert!(matches!(err, Error::CountOverflow { rating: 3, .. }), "{err}");
    assert_eq!(merged, full);
    Ok(())
}

#[test]
fn a_mean_against_a_sampled_mean_is_welchs_difference() -> Result<(), Error> {
    // `against_sample` as `Ok(None)` for means survived (shard 39): the
    // tests compared a sampled mean benchmark only with a mean of another
    // metric (an error) or through its standard error. The comparison is
    // Welch's difference of the two means, interval and test alike.
    use cxmetrics::{Benchmark, BenchmarkKind, CesEffort, ConfidenceLevel, Likert5, Tally};
    let ours = CesEffort.score(&Tally::<Likert5>::from_raw(&[2, 3, 2, 1, 2, 3, 2, 2])?)?;
    let theirs = CesEffort.score(&Tally::<Likert5>::from_raw(&[4, 3, 5, 4, 3, 4, 4, 5, 3])?)?;
    let welch = ours
        .difference(&theirs, ConfidenceLevel::P95)?
        .expect("both have a spread");
    let c = Benchmark::sample("peers", BenchmarkKind::Competitor, theirs).compare(&ours, ConfidenceLevel::P95)?;
    assert_eq!(c.interval(), Some(welch.interval()));
    assert_eq!(c.test(), welch.test());
    assert!(c.p_value().expect("defined") < 0.001);
    Ok(())
}
