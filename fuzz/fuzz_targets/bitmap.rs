//! `Tally::from_raw_valid` against counting one by one: any bytes (invalid
//! ones under set and unset bits), any bitmap, any bit offset.
#![no_main]

use arbitrary::Arbitrary;
use cxmetrics::{Csat, Error, Likert5, Likert7, Nps, Scale, Tally, Validity, ZeroToTen};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    bytes: Vec<u8>,
    bits: Vec<u8>,
    offset: u16,
    /// Extra copies of `bytes` and `bits`, in units of 257 (so copies do
    /// not line up with the kernel's blocks).
    repeat: u8,
    /// Shorten or lengthen the bitmap by a few bytes (a bitmap too short
    /// for its answers is an error).
    slack: i8,
}

/// Arrow's order: bit `j` is bit `j % 8` of byte `j / 8`, least significant first.
fn bit(bits: &[u8], j: usize) -> bool {
    bits[j / 8] >> (j % 8) & 1 == 1
}

fn one_by_one<S: Scale>(bytes: &[u8], bits: &[u8], offset: usize) -> Result<Tally<S>, (usize, u8)> {
    let mut t = Tally::new();
    for (i, &b) in bytes.iter().enumerate() {
        if bit(bits, offset + i) {
            t.add(S::new(b).map_err(|_| (i, b))?).expect("no overflow");
        }
    }
    Ok(t)
}

fn check<S: Scale>(bytes: &[u8], bits: &[u8], offset: usize) {
    let fits = offset + bytes.len() <= bits.len() * 8;
    let validity = match Validity::new(bits, offset, bytes.len()) {
        Ok(v) => {
            assert!(
                fits,
                "{} bytes at bit {offset} of {} bitmap bytes",
                bytes.len(),
                bits.len()
            );
            v
        }
        Err(e) => {
            assert!(!fits && matches!(e, Error::InvalidArgument { .. }), "{e:?}");
            return;
        }
    };
    assert_eq!(validity.len(), bytes.len());
    let present = (0..bytes.len()).filter(|&i| bit(bits, offset + i)).count();
    assert_eq!(validity.answered(), present as u64);
    for i in 0..bytes.len().min(64) {
        assert_eq!(validity.is_valid(i), bit(bits, offset + i), "answer {i}");
    }
    match (
        Tally::<S>::from_raw_valid(bytes, validity),
        one_by_one::<S>(bytes, bits, offset),
    ) {
        (Ok(t), Ok(want)) => assert_eq!(t, want),
        (Err(Error::OutOfRangeAt { index, value, .. }), Err((i, v))) => assert_eq!((index, value), (i, v)),
        (got, want) => panic!("{}: from_raw_valid {got:?}, one by one {want:?}", S::NAME),
    }
    // All bits set: the same as `from_raw`.
    if present == bytes.len() {
        assert_eq!(
            Tally::<S>::from_raw_valid(bytes, validity).ok(),
            Tally::<S>::from_raw(bytes).ok()
        );
    }
}

/// `score_raw_valid` equals scoring the one-by-one tally of present answers.
fn scores(bytes: &[u8], bits: &[u8], offset: usize) {
    let Ok(validity) = Validity::new(bits, offset, bytes.len()) else {
        return;
    };
    match (
        Nps.score_raw_valid(bytes, validity),
        one_by_one::<ZeroToTen>(bytes, bits, offset),
    ) {
        (Ok(got), Ok(t)) => assert_eq!(Ok(got), Nps.score(&t)),
        (Err(e), Ok(t)) => assert!(t.is_empty() && matches!(e, Error::EmptySample { .. }), "{e:?}"),
        (Err(Error::OutOfRangeAt { index, value, .. }), Err((i, v))) => assert_eq!((index, value), (i, v)),
        (got, want) => panic!("Nps.score_raw_valid {got:?}, one by one {want:?}"),
    }
    let csat = Csat::default();
    match (
        csat.score_raw_valid(bytes, validity),
        one_by_one::<Likert5>(bytes, bits, offset),
    ) {
        (Ok(got), Ok(t)) => assert_eq!(Ok(got), csat.score(&t)),
        (Err(e), Ok(t)) => assert!(t.is_empty() && matches!(e, Error::EmptySample { .. }), "{e:?}"),
        (Err(Error::OutOfRangeAt { index, value, .. }), Err((i, v))) => assert_eq!((index, value), (i, v)),
        (got, want) => panic!("Csat.score_raw_valid {got:?}, one by one {want:?}"),
    }
}

fuzz_target!(|input: Input| {
    let (mut bytes, mut bits) = (input.bytes, input.bits);
    if input.repeat > 0 {
        let copies = usize::from(input.repeat) * 257;
        bytes = bytes.repeat(copies + 1);
        bytes.truncate(1 << 17);
        bits = bits.repeat(copies + 1);
    }
    let wanted = bytes.len().div_ceil(8) + 2;
    let target = (wanted as isize + isize::from(input.slack)).max(0) as usize;
    if bits.is_empty() {
        bits.push(0xA5);
    }
    while bits.len() < target {
        bits.extend_from_within(..bits.len().min(target - bits.len()));
    }
    let offset = usize::from(input.offset) % (bits.len() * 8 + 1);
    check::<ZeroToTen>(&bytes, &bits, offset);
    check::<Likert5>(&bytes, &bits, offset);
    check::<Likert7>(&bytes, &bits, offset);
    scores(&bytes, &bits, offset);
});
