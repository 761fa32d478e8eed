//! API shape: auto traits and key trait implementations.

use cxmetrics::*;

fn send_sync_static<T: Send + Sync + 'static>() {}
fn debug_clone<T: core::fmt::Debug + Clone>() {}
fn error_traits<E: std::error::Error + PartialEq>() {}

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
}

#[test]
fn key_traits_are_implemented() {
    fn tally_traits<T: Default + PartialEq + Eq + FromIterator<ZeroToTen> + Extend<ZeroToTen> + core::hash::Hash>() {}
    tally_traits::<Tally<ZeroToTen>>();
    debug_clone::<Tally<Likert5>>();
    debug_clone::<Error>();
    debug_clone::<Response<ZeroToTen>>();
    error_traits::<Error>();
}
