//! serde_json input for every deserializable type; whatever is accepted is
//! then used (scored, merged, its periods walked) and must round-trip.
//!
//! The first byte picks the type, the rest is the JSON text.
#![no_main]

mod common;

use core::fmt::Debug;

use chrono::{DateTime, FixedOffset, Utc};
use cxmetrics::effort::{EffortDriver, ces_by_driver, nps_by_effort};
use cxmetrics::operations::{first_contact_resolution, time_to_resolution};
use cxmetrics::{
    Against, CesAgreement, CesEase, CesEffort, Channel, ConfidenceLevel, Csat, Feedback, Granularity, Likert5, Likert7,
    Mean, Nps, Period, ReportOptions, Response, Scale, Segments, Series, Tally, Touchpoint, WeightedTally, ZeroToTen,
};
use libfuzzer_sys::fuzz_target;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Serialize `value` and read it back: the same value.
#[track_caller]
fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T) {
    let json = serde_json::to_string(value).expect("serializes");
    let back: T = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json} does not read back: {e}"));
    assert_eq!(&back, value, "{json}");
}

/// The metrics of each scale, on any sample of it.
trait Scored: Scale + Serialize + DeserializeOwned {
    fn score(t: &Tally<Self>);
    fn score_weighted(t: &WeightedTally<Self>);
}

fn mean_of<S: Scale>(r: Result<cxmetrics::MeanScore, cxmetrics::Error>) {
    match r {
        Ok(m) => common::mean(&m, f64::from(S::MIN), f64::from(S::MAX)),
        Err(e) => common::error(&e),
    }
}

fn share_of(r: Result<cxmetrics::Share, cxmetrics::Error>) {
    match r {
        Ok(s) => common::share(&s),
        Err(e) => common::error(&e),
    }
}

fn net_of(r: Result<cxmetrics::NetScore, cxmetrics::Error>) {
    match r {
        Ok(s) => common::net_score(&s),
        Err(e) => common::error(&e),
    }
}

impl Scored for ZeroToTen {
    fn score(t: &Tally<Self>) {
        net_of(Nps.score(t));
        mean_of::<Self>(Mean.score(t));
    }
    fn score_weighted(t: &WeightedTally<Self>) {
        net_of(Nps.score(t));
        mean_of::<Self>(Mean.score(t));
    }
}

impl Scored for Likert5 {
    fn score(t: &Tally<Self>) {
        share_of(Csat::default().score(t));
        mean_of::<Self>(Csat::default().mean(t));
        mean_of::<Self>(CesEffort.score(t));
        share_of(CesEffort.low_effort_share(t));
        net_of(CesEffort.net_effort(t));
        share_of(CesEase::default().score(t));
    }
    fn score_weighted(t: &WeightedTally<Self>) {
        share_of(Csat::default().score(t));
        mean_of::<Self>(Mean.score(t));
        net_of(CesEase::default().net_effort(t));
    }
}

impl Scored for Likert7 {
    fn score(t: &Tally<Self>) {
        share_of(CesAgreement::default().score(t));
        mean_of::<Self>(CesAgreement::default().mean(t));
        net_of(CesAgreement::default().net_effort(t));
    }
    fn score_weighted(t: &WeightedTally<Self>) {
        share_of(CesAgreement::strict().score(t));
        mean_of::<Self>(Mean.score(t));
        net_of(CesAgreement::default().net_effort(t));
    }
}

fn tally<S: Scored>(t: &Tally<S>) {
    assert_eq!(t.counts().iter().sum::<u64>(), t.total());
    assert_eq!(
        t.iter().map(|(r, c)| (t.count(r), c)).filter(|(a, b)| a != b).count(),
        0
    );
    S::score(t);
    let mut twice = t.clone();
    match twice.merge(t) {
        Ok(()) => {
            assert_eq!(twice.total(), 2 * t.total());
            assert_eq!(twice.checked_sub(t).ok().as_ref(), Some(t));
        }
        Err(e) => common::error(&e),
    }
    S::score_weighted(&WeightedTally::from(t));
    round_trip(t);
}

fn weighted<S: Scored>(t: &WeightedTally<S>) {
    assert!(t.total_weight().is_finite() && t.total_weight() >= 0.0, "{t:?}");
    if let Some(n) = t.n_eff() {
        assert!(n.is_finite() && n > 0.0, "n_eff {n}: {t:?}");
    }
    S::score_weighted(t);
    let mut twice = t.clone();
    match twice.merge(t) {
        Ok(()) => {
            assert_eq!(twice.answers(), 2 * t.answers());
            S::score_weighted(&twice);
        }
        Err(e) => common::error(&e),
    }
    round_trip(t);
}

fn series<S: Scored>(s: &Series<S>) {
    let mut previous: Option<Period> = None;
    let mut total = 0u64;
    let mut walked = 0usize;
    for (period, t) in s.periods().take(1000) {
        assert_eq!(period.granularity(), s.granularity());
        if let Some(p) = previous {
            assert!(p < period && p.next() == Some(period), "{p} then {period}");
        }
        previous = Some(period);
        total = total.saturating_add(t.total());
        walked += 1;
        if !t.is_empty() && walked <= 20 {
            S::score(&t);
        }
    }
    let bounded = walked < 1000;
    if bounded {
        // Walks that end are affordable: trends and rolling windows.
        if let Ok(rows) = s.trend(|t| Mean.score(t), ReportOptions::new()) {
            assert_eq!(rows.len(), walked);
            for r in &rows {
                if let Some(c) = r.comparison() {
                    common::comparison(c, f64::MAX);
                }
            }
        }
        match s.rolling(1) {
            Ok(r) => assert!(r.periods().map(|(_, t)| t).eq(s.periods().map(|(_, t)| t))),
            Err(e) => common::error(&e),
        }
        if let Err(e) = s.rolling(3) {
            common::error(&e);
        }
    }
    let mut twice = s.clone();
    if let Err(e) = twice.merge(s) {
        common::error(&e);
    }
    if s.zone().local_minus_utc() % 60 == 0 {
        round_trip(s);
    } else {
        // chrono reads "+00:19:32" as +00:19: refused, never shifted.
        let json = serde_json::to_string(s).expect("serializes");
        let err = serde_json::from_str::<Series<S>>(&json).expect_err("offset with seconds");
        assert!(err.to_string().contains("offsets with seconds"), "{err}");
    }
}

fn segments<S: Scored>(s: &Segments<String, S>) {
    assert_eq!(s.iter().count(), s.len());
    for (k, t) in s.iter().take(20) {
        assert_eq!(s.get(k), Some(t));
        if !t.is_empty() {
            S::score(t);
        }
    }
    if s.len() <= 50 {
        match s.table(|t| Mean.score(t), Against::Rest, ReportOptions::new()) {
            Ok(table) => {
                assert_eq!(table.rows().len(), s.len());
                for r in table.rows() {
                    if let Some(c) = r.comparison() {
                        common::comparison(c, f64::MAX);
                    }
                }
            }
            Err(e) => common::error(&e),
        }
    }
    let mut twice = s.clone();
    if let Err(e) = twice.merge(s) {
        common::error(&e);
    }
    round_trip(s);
}

fn response<S: Scored>(r: &Response<S>) {
    if let Some(w) = r.weight() {
        assert!(w.is_finite() && w >= 0.0, "{r:?}");
    }
    if let Some(d) = r.delay() {
        assert!(d >= chrono::TimeDelta::zero(), "{r:?}");
    }
    let one = [r.clone()];
    let t: Tally<S> = one.iter().collect();
    assert_eq!(t.total(), 1);
    let w: WeightedTally<S> = one.iter().collect();
    S::score_weighted(&w);
    for g in [Granularity::Day, Granularity::IsoWeek, Granularity::Year] {
        for offset in [0, 86_340, -86_340, 86_399, -1_172] {
            let mut s = Series::new(g, FixedOffset::east_opt(offset).expect("in range"));
            match s.add(r) {
                Ok(()) => series(&s),
                Err(e) => common::error(&e),
            }
        }
    }
    round_trip(r);
}

fn period(p: &Period) {
    let _ = p.to_string();
    assert_eq!(Period::containing(p.granularity(), p.start()), Some(*p));
    if let Some(end) = p.end() {
        assert!(end > p.start(), "{p:?} ends at {end}");
        assert_eq!(p.next().map(|n| n.start()), Some(end));
    }
    if let Some(n) = p.next() {
        assert!(n > *p);
    }
    let at: DateTime<Utc> = p.start().and_hms_opt(12, 0, 0).expect("noon").and_utc();
    if let Ok(q) = p.granularity().period_of(at, &FixedOffset::east_opt(0).expect("utc")) {
        assert_eq!(q, *p);
    }
    round_trip(p);
}

fn feedback(list: &[Feedback]) {
    for f in list.iter().take(8) {
        if let Some(r) = f.nps_response() {
            response(&r);
        }
        if let Some(r) = f.csat_response::<Likert5>() {
            let _ = r.rating();
        }
        if let Some(r) = f.ces_response() {
            let _ = r.rating();
        }
        round_trip(f);
    }
    match nps_by_effort(list, ConfidenceLevel::P95) {
        Ok(e) => {
            for (_, nps) in e.bands() {
                if let Some(nps) = nps {
                    common::net_score(nps);
                }
            }
            if let Some(d) = e.difference() {
                common::difference(d, 2.0);
            }
            let _ = serde_json::to_string(&e).expect("serializes");
        }
        Err(e) => common::error(&e),
    }
    for driver in EffortDriver::ALL {
        match ces_by_driver(list, driver, ConfidenceLevel::P95) {
            Ok(effect) => {
                for s in [effect.with(), effect.without()].into_iter().flatten() {
                    common::share(s);
                }
                if let Some(d) = effect.difference() {
                    common::difference(d, 1.0);
                }
            }
            Err(e) => common::error(&e),
        }
    }
    match first_contact_resolution(list) {
        Ok(s) => common::share(&s),
        Err(e) => common::error(&e),
    }
    match time_to_resolution(list) {
        Ok(t) => {
            assert!(t.n() > 0);
            let times: Vec<_> = list.iter().filter_map(Feedback::time_to_resolution).collect();
            let (lo, hi) = (times.iter().min().copied(), times.iter().max().copied());
            assert!(Some(t.mean()) >= lo && Some(t.mean()) <= hi, "{t:?}");
            assert!(Some(t.median()) >= lo && Some(t.median()) <= hi, "{t:?}");
        }
        Err(e) => common::error(&e),
    }
}

/// Parse `json` as `T`; `None` when it is rejected.
fn read<T: DeserializeOwned>(json: &[u8]) -> Option<T> {
    serde_json::from_slice(json).ok()
}

fn scale<S: Scored>(which: u8, json: &[u8]) {
    match which % 6 {
        0 => {
            if let Some(t) = read::<Tally<S>>(json) {
                tally(&t);
            }
        }
        1 => {
            if let Some(t) = read::<WeightedTally<S>>(json) {
                weighted(&t);
            }
        }
        2 => {
            if let Some(s) = read::<Series<S>>(json) {
                series(&s);
            }
        }
        3 => {
            if let Some(s) = read::<Segments<String, S>>(json) {
                segments(&s);
            }
        }
        4 => {
            if let Some(r) = read::<Response<S>>(json) {
                response(&r);
            }
        }
        _ => {
            if let Some(r) = read::<S>(json) {
                assert!((S::MIN..=S::MAX).contains(&r.get()));
                round_trip(&r);
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, json)) = data.split_first() else {
        return;
    };
    match which / 6 % 6 {
        0 => scale::<ZeroToTen>(which, json),
        1 => scale::<Likert5>(which, json),
        2 => scale::<Likert7>(which, json),
        3 => {
            if let Some(p) = read::<Period>(json) {
                period(&p);
            }
            if let Some(g) = read::<Granularity>(json) {
                round_trip(&g);
            }
        }
        4 => {
            if let Some(list) = read::<Vec<Feedback>>(json) {
                feedback(&list);
            } else if let Some(f) = read::<Feedback>(json) {
                feedback(&[f]);
            }
        }
        _ => {
            if let Some(c) = read::<Channel>(json) {
                round_trip(&c);
            }
            if let Some(t) = read::<Touchpoint>(json) {
                round_trip(&t);
            }
        }
    }
});
