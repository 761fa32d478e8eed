//! API shape: auto traits and key trait implementations.

use cxmetrics::effort::*;
use cxmetrics::inference::*;
use cxmetrics::operations::*;
use cxmetrics::planning::*;
use cxmetrics::timing::*;
use cxmetrics::*;

fn send_sync_static<T: Send + Sync + 'static>() {}
fn debug_clone<T: core::fmt::Debug + Clone>() {}
fn error_traits<E: std::error::Error + PartialEq>() {}
fn weighted_traits<T: Default + PartialEq + for<'a> FromIterator<&'a Response<Likert5>>>() {}

#[test]
fn public_types_are_send_sync_and_static() {
    send_sync_static::<Error>();
    send_sync_static::<Likert5>();
    send_sync_static::<Likert7>();
    send_sync_static::<ZeroToTen>();
    send_sync_static::<Tally<ZeroToTen>>();
    send_sync_static::<RatingSet<Likert5>>();
    send_sync_static::<Share>();
    send_sync_static::<NetScore>();
    send_sync_static::<MeanScore>();
    send_sync_static::<Nps>();
    send_sync_static::<Csat<Likert5>>();
    send_sync_static::<CesAgreement>();
    send_sync_static::<CesEffort>();
    send_sync_static::<CesEase>();
    send_sync_static::<Mean>();
    send_sync_static::<Response<Likert7>>();
    send_sync_static::<Feedback>();
    send_sync_static::<Metric>();
    send_sync_static::<ConfidenceLevel>();
    send_sync_static::<Interval>();
    send_sync_static::<Test>();
    send_sync_static::<Difference>();
    send_sync_static::<WeightedTally<Likert5>>();
    send_sync_static::<Benchmark<NetScore>>();
    send_sync_static::<Comparison>();
    send_sync_static::<Ranking>();
    send_sync_static::<Adjustment>();
    send_sync_static::<UnitVariance>();
    send_sync_static::<Period>();
    send_sync_static::<Series<ZeroToTen>>();
    send_sync_static::<Segments<Channel, Likert7>>();
    send_sync_static::<SegmentTable<Touchpoint, Share>>();
    send_sync_static::<Row<Period, NetScore>>();
    send_sync_static::<SurveyTiming<Likert5>>();
    send_sync_static::<EffortLoyalty>();
    send_sync_static::<DriverEffect>();
    send_sync_static::<ResolutionTime>();
    send_sync_static::<Retention>();
}

#[test]
fn key_traits_are_implemented() {
    fn tally_traits<T: Default + PartialEq + Eq + FromIterator<ZeroToTen> + Extend<ZeroToTen> + core::hash::Hash>() {}
    tally_traits::<Tally<ZeroToTen>>();
    debug_clone::<Tally<Likert5>>();
    debug_clone::<Error>();
    debug_clone::<Response<ZeroToTen>>();
    debug_clone::<WeightedTally<ZeroToTen>>();
    debug_clone::<Series<Likert5>>();
    debug_clone::<Comparison>();
    weighted_traits::<WeightedTally<Likert5>>();
    error_traits::<Error>();
}
