//! The bulk kernels against counting one by one: `Tally::from_raw` and every
//! `score_raw`, for any bytes, valid or not, at any length.
//!
//! The kernel works in blocks of 255 chunks of 16 or 64 bytes, so short fuzz
//! inputs are also repeated into buffers that span several blocks, with an
//! optional byte planted anywhere (an invalid one late in a block, say).
#![no_main]

use arbitrary::Arbitrary;
use cxmetrics::{
    CesAgreement, CesEase, CesEffort, Csat, Error, Likert5, Likert7, Nps, RatingSet, Scale, Tally, ZeroToTen,
};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    bytes: Vec<u8>,
    /// Extra copies of `bytes`, in units of 251 (a prime, so copies do not
    /// line up with the blocks).
    repeat: u8,
    /// A byte written at `position % len`.
    plant: Option<(u32, u8)>,
    /// A custom positive set, as a bit mask over the scale's points.
    mask: u16,
}

/// Count one by one: the tally, or the index and value of the first invalid byte.
fn one_by_one<S: Scale>(bytes: &[u8]) -> Result<Tally<S>, (usize, u8)> {
    let mut t = Tally::new();
    for (i, &b) in bytes.iter().enumerate() {
        let r = S::new(b).map_err(|_| (i, b))?;
        t.add(r).expect("no overflow below 2^64 answers");
    }
    Ok(t)
}

/// `from_raw` equals counting one by one, and fails at the same first index.
fn tally<S: Scale>(bytes: &[u8]) -> Result<Tally<S>, (usize, u8)> {
    let expected = one_by_one::<S>(bytes);
    match (Tally::<S>::from_raw(bytes), &expected) {
        (Ok(t), Ok(e)) => {
            assert_eq!(&t, e);
            assert_eq!(t.total(), bytes.len() as u64);
        }
        (
            Err(Error::OutOfRangeAt {
                index, value, min, max, ..
            }),
            Err((i, v)),
        ) => {
            assert_eq!(
                (index, value, min, max),
                (*i, *v, S::MIN, S::MAX),
                "{} of {} bytes",
                S::NAME,
                bytes.len()
            );
        }
        (got, want) => panic!("{}: from_raw {got:?}, one by one {want:?}", S::NAME),
    }
    expected
}

/// A `score_raw` result equals scoring the one-by-one tally, and fails with
/// the same error as `from_raw`.
macro_rules! check_raw {
    ($bytes:expr, $expected:expr, $raw:expr, $scored:expr) => {{
        let raw = $raw;
        match ($expected, raw) {
            (Ok(t), Ok(got)) => {
                let want = ($scored)(t);
                assert_eq!(Ok(got), want, "{}", stringify!($raw));
            }
            (Ok(t), Err(e)) => {
                // Only an empty sample may fail when every byte is valid.
                assert!(
                    t.is_empty() && matches!(e, Error::EmptySample { .. }),
                    "{}: {e:?}",
                    stringify!($raw)
                );
            }
            (Err((i, v)), Err(Error::OutOfRangeAt { index, value, .. })) => {
                assert_eq!((index, value), (*i, *v), "{}", stringify!($raw));
            }
            (Err(want), Ok(got)) => panic!("{}: {got:?}, but byte {want:?} is invalid", stringify!($raw)),
            (Err(want), Err(e)) => panic!("{}: {e:?}, want the error at {want:?}", stringify!($raw)),
        }
    }};
}

fn set<S: Scale>(mask: u16) -> Option<RatingSet<S>> {
    let points = (S::MIN..=S::MAX).filter(|v| mask & (1 << (v - S::MIN)) != 0);
    RatingSet::new(points.map(|v| S::new(v).expect("on the scale"))).ok()
}

fn check(bytes: &[u8], mask: u16) {
    let nps = tally::<ZeroToTen>(bytes);
    check_raw!(bytes, &nps, Nps.score_raw(bytes), |t| Nps.score(t));
    if let Some(s) = set::<ZeroToTen>(mask) {
        check_raw!(bytes, &nps, Csat::new(s).score_raw(bytes), |t| Csat::new(s).score(t));
    }

    let five = tally::<Likert5>(bytes);
    check_raw!(bytes, &five, Csat::default().score_raw(bytes), |t| Csat::default()
        .score(t));
    check_raw!(bytes, &five, CesEase::default().score_raw(bytes), |t| CesEase::default(
    )
    .score(t));
    check_raw!(bytes, &five, CesEffort.low_effort_share_raw(bytes), |t| CesEffort
        .low_effort_share(t));
    if let Some(s) = set::<Likert5>(mask) {
        check_raw!(bytes, &five, Csat::new(s).score_raw(bytes), |t| Csat::new(s).score(t));
    }

    let seven = tally::<Likert7>(bytes);
    check_raw!(bytes, &seven, CesAgreement::default().score_raw(bytes), |t| {
        CesAgreement::default().score(t)
    });
    check_raw!(bytes, &seven, CesAgreement::strict().score_raw(bytes), |t| {
        CesAgreement::strict().score(t)
    });
    if let Some(s) = set::<Likert7>(mask) {
        check_raw!(bytes, &seven, CesAgreement::new(s).score_raw(bytes), |t| {
            CesAgreement::new(s).score(t)
        });
    }
}

fuzz_target!(|input: Input| {
    let mut bytes = input.bytes;
    check(&bytes, input.mask);
    if input.repeat > 0 && !bytes.is_empty() {
        let copies = usize::from(input.repeat) * 251;
        let mut long = Vec::with_capacity(bytes.len() * (copies + 1));
        for _ in 0..=copies {
            long.extend_from_slice(&bytes);
        }
        long.truncate(1 << 17);
        bytes = long;
    }
    if let Some((position, value)) = input.plant
        && !bytes.is_empty()
    {
        let at = position as usize % bytes.len();
        bytes[at] = value;
    }
    check(&bytes, input.mask);
});
