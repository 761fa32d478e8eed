//! `GroupedTally::add_raw` and `add_raw_valid` against counting one by one
//! into a `Vec<Tally>`, and keyed `Segments::add_raw` against
//! `Segments::add`, for any group indices, ratings (invalid ones too) and
//! validity bitmaps; a rejected batch changes nothing.
#![no_main]

use arbitrary::Arbitrary;
use cxmetrics::{Error, GroupedTally, Likert5, Scale, Segments, Tally, Validity, ZeroToTen};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Batch {
    /// (group index, rating) per answer; indices kept small so groups are shared.
    answers: Vec<(u8, u8)>,
    /// Drop the last group index: lengths that differ are an error.
    short: bool,
    /// Extra copies of `answers`, in units of 257, to reach the large-batch
    /// paths.
    repeat: u8,
    /// A validity bitmap and its bit offset, or every answer present.
    validity: Option<(Vec<u8>, u8)>,
    width: u8,
}

fn bit(bits: &[u8], j: usize) -> bool {
    bits[j / 8] >> (j % 8) & 1 == 1
}

/// The batch counted one by one onto `expected`, or the first invalid
/// present rating (then `expected` is unchanged).
fn reference<S: Scale>(
    expected: &mut Vec<Tally<S>>,
    groups: &[usize],
    ratings: &[u8],
    present: &dyn Fn(usize) -> bool,
) -> Result<(), (usize, u8)> {
    let mut next = expected.clone();
    for (i, (&g, &r)) in groups.iter().zip(ratings).enumerate() {
        if next.len() <= g {
            next.resize(g + 1, Tally::new());
        }
        if present(i) {
            next[g].add(S::new(r).map_err(|_| (i, r))?).expect("no overflow");
        }
    }
    *expected = next;
    Ok(())
}

/// String keys for the 32 groups: every length class of the packed
/// `String` path (0–3, 4–7, 8–16 bytes, and past 16, where the middle is
/// compared in full, past 32 too), keys that differ only in their first,
/// last or a middle byte, and zero bytes against shorter keys.
const KEYS: [&str; 32] = [
    "",
    "a",
    "b",
    "ab",
    "ba",
    "abc",
    "cab",
    "\0",
    "\0\0",
    "\0\0\0\0",
    "abcd",
    "abce",
    "abcdefg",
    "abcdefh",
    "abcdefgh",
    "bbcdefgh",
    "\0\0\0\0\0\0\0\0",
    "abcdefghijklmnop",
    "abcdefghijklmnoq",
    "bbcdefghijklmnop",
    "abcdefgxijklmnop",
    "abcdefghijklmnopq",
    "abcdefghXjklmnopq",
    "a longer key past sixteen bytes",
    "a longer key past sixteen bytez",
    "a longer kex past sixteen bytes",
    "a longer key past sixteen bytes, and past thirty-two",
    "a longer key past sixteen bytes, and past thirty-tw0",
    "a longer key past sixteen bytes; and past thirty-two",
    "x",
    "y",
    "z",
];

/// Segment keys the target uses: `String` (the packed path) and `&str`
/// (the path of every other key type).
trait Key: From<&'static str> + Ord + Clone + core::hash::Hash + core::fmt::Debug {}
impl Key for String {}
impl Key for &'static str {}

/// The same batch keyed by strings (a run of equal keys wherever the group
/// repeats) through `Segments::add_raw`, against tallies per group counted
/// one by one. At most 10,000 answers: past two of the keyed path's
/// 4,096-key passes.
fn apply_keyed<S: Scale, K: Key>(segments: &mut (Segments<K, S>, Vec<Tally<S>>), groups: &[usize], ratings: &[u8]) {
    let keys: Vec<K> = groups.iter().take(10_000).map(|&g| K::from(KEYS[g])).collect();
    let ratings = &ratings[..ratings.len().min(10_000)];
    let result = segments.0.add_raw(&keys, ratings);
    let mut next = segments.1.clone();
    next.resize(KEYS.len(), Tally::new());
    let want = if keys.len() == ratings.len() {
        groups
            .iter()
            .zip(ratings)
            .enumerate()
            .try_for_each(|(i, (&g, &r))| {
                next[g].add(S::new(r).map_err(|_| (i, r))?).expect("no overflow");
                Ok(())
            })
            .map_err(Some)
    } else {
        Err(None)
    };
    match (result, want) {
        (Ok(()), Ok(())) => segments.1 = next,
        (Err(Error::InvalidArgument { .. }), Err(None)) => {}
        (Err(Error::OutOfRangeAt { index, value, .. }), Err(Some((i, v)))) => assert_eq!((index, value), (i, v)),
        (got, want) => panic!("{}: Segments::add_raw {got:?}, one by one {want:?}", S::NAME),
    }
    for (g, t) in segments.1.iter().enumerate() {
        assert_eq!(
            segments.0.get(&K::from(KEYS[g])),
            Some(t).filter(|t| !t.is_empty()),
            "{} key {g}",
            S::NAME
        );
    }
    assert_eq!(
        segments.0.iter().count(),
        segments.1.iter().filter(|t| !t.is_empty()).count()
    );
}

fn apply<S: Scale, K: Key>(
    grouped: &mut GroupedTally<S>,
    expected: &mut Vec<Tally<S>>,
    segments: &mut (Segments<K, S>, Vec<Tally<S>>),
    batch: &Batch,
) {
    let mut answers = batch.answers.repeat(usize::from(batch.repeat) * 257 + 1);
    answers.truncate(1 << 16);
    let mut groups: Vec<usize> = answers.iter().map(|&(g, _)| usize::from(g % 32)).collect();
    let ratings: Vec<u8> = answers.iter().map(|&(_, r)| r).collect();
    if batch.short {
        groups.pop();
    }
    if batch.validity.is_none() {
        apply_keyed(segments, &groups, &ratings);
    }
    let before = grouped.clone();
    let lengths_match = groups.len() == ratings.len();
    let result = match &batch.validity {
        None => match batch.width % 3 {
            0 => grouped.add_raw(&groups, &ratings),
            1 => grouped.add_raw(&groups.iter().map(|&g| g as u32).collect::<Vec<_>>(), &ratings),
            _ => grouped.add_raw(&groups.iter().map(|&g| g as u64).collect::<Vec<_>>(), &ratings),
        },
        Some((bits, offset)) => {
            let offset = usize::from(*offset % 8);
            match Validity::new(bits, offset, ratings.len()) {
                Ok(v) => grouped.add_raw_valid(&groups, &ratings, v),
                Err(e) => {
                    assert!(offset + ratings.len() > bits.len() * 8, "{e:?}");
                    return;
                }
            }
        }
    };
    let want = if !lengths_match {
        Err(None)
    } else {
        match &batch.validity {
            None => reference::<S>(expected, &groups, &ratings, &|_| true).map_err(Some),
            Some((bits, offset)) => {
                let offset = usize::from(*offset % 8);
                reference::<S>(expected, &groups, &ratings, &|i| bit(bits, offset + i)).map_err(Some)
            }
        }
    };
    match (result, want) {
        (Ok(()), Ok(())) => {}
        (Err(Error::InvalidArgument { .. }), Err(None)) => {}
        (Err(Error::OutOfRangeAt { index, value, .. }), Err(Some((i, v)))) => assert_eq!((index, value), (i, v)),
        (got, want) => panic!("{}: add_raw {got:?}, one by one {want:?}", S::NAME),
    }
    if grouped.as_slice() != expected.as_slice() {
        panic!(
            "{}: grouped {:?}\nexpected {:?}\nbefore {:?}",
            S::NAME,
            grouped,
            expected,
            before
        );
    }
    assert_eq!(grouped.len(), expected.len());
}

fuzz_target!(|batches: Vec<Batch>| {
    // Keyed by `String` for one scale and by `&str` for the other.
    let mut nps = (
        GroupedTally::<ZeroToTen>::new(),
        Vec::new(),
        (Segments::<String, _>::new(), Vec::new()),
    );
    let mut five = (
        GroupedTally::<Likert5>::new(),
        Vec::new(),
        (Segments::<&'static str, _>::new(), Vec::new()),
    );
    for batch in batches.iter().take(8) {
        apply(&mut nps.0, &mut nps.1, &mut nps.2, batch);
        apply(&mut five.0, &mut five.1, &mut five.2, batch);
    }
    // Merging a grouped tally with itself doubles every group.
    let mut twice = nps.0.clone();
    twice.merge(&nps.0).expect("small counts");
    for (g, t) in twice.iter() {
        assert_eq!(t.total(), 2 * nps.1[g].total());
    }
});
