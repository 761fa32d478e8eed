//! The keyed bulk path of [`Segments::add_raw`](crate::Segments::add_raw):
//! each distinct key gets a dense code once, the answers are counted per
//! code in compact counters, and each distinct key's tally comes out once.
//!
//! Two coders: one for any `Hash + Eq` key, and one for `String` keys, the
//! most common keys of survey exports (agent names, store codes), which
//! packs each short key into two words and never compares bytes in the
//! probe.

use alloc::string::String;
use alloc::vec::Vec;
use core::hash::{BuildHasher, Hash};

use foldhash::fast::RandomState;
use hashbrown::HashTable;

use super::same_length;
use crate::tally::grouped::{SCRATCH_CHUNK, fold};
use crate::tally::kernel;
use crate::{Error, Scale, Tally};

/// Keys per coding pass: the generic coder's hashes (32 KiB) stay in the L1
/// cache between the pass that computes them and the one that probes, and
/// the codes of a pass (16 KiB) between the probing and the counting.
const KEY_CHUNK: usize = 4_096;

/// Validates `ratings` and counts them by key: each distinct key once, with
/// its tally. Nothing is returned on an error.
pub(crate) fn count_keyed<K: Hash + Eq + Clone, S: Scale>(
    keys: &[K],
    ratings: &[u8],
) -> Result<Vec<(K, Tally<S>)>, Error> {
    same_length("number of keys", keys.len(), ratings.len())?;
    kernel::validate::<S>(ratings, None)?;
    // `castaway` resolves the type at compile time, without `unsafe` here
    // and without a `'static` bound on the keys: for any other `K` the
    // cast is statically `Err`.
    let (firsts, tallies) = match castaway::cast!(keys, &[String]) {
        Ok(strings) => {
            let mut coder = StringCoder::new(strings);
            let tallies = count_coded::<S>(ratings, |start, end, codes| coder.code(start, end, codes))?;
            (coder.firsts, tallies)
        }
        Err(keys) => {
            let mut coder = KeyCoder::new(keys);
            let tallies = count_coded::<S>(ratings, |start, end, codes| coder.code(start, end, codes))?;
            (coder.firsts, tallies)
        }
    };
    let mut batch: Vec<(K, Tally<S>)> = Vec::new();
    batch
        .try_reserve(firsts.len())
        .map_err(|_| too_many_keys(firsts.len()))?;
    // `firsts` holds an index into `keys` per code, and `tallies` a tally
    // per code: in bounds.
    batch.extend(firsts.iter().zip(tallies).map(|(&i, t)| (keys[i].clone(), t)));
    Ok(batch)
}

/// Counts valid `ratings` per code, the codes coming from `code(start, end,
/// codes)`, which fills `codes` with the codes of the keys `start..end` and
/// returns how many distinct codes there are so far. Returns the tallies by
/// code.
fn count_coded<S: Scale>(
    ratings: &[u8],
    mut code: impl FnMut(usize, usize, &mut Vec<u32>) -> Result<usize, Error>,
) -> Result<Vec<Tally<S>>, Error> {
    let points = S::POINTS;
    // Counts per code and point, `points` counters per code: a third of a
    // `Tally`'s size, so three times as many keys per cache level as
    // counting into tallies. As in `GroupedTally`'s compact path, they are
    // folded into the tallies every `SCRATCH_CHUNK` answers, before they
    // can overflow.
    let mut scratch: Vec<u32> = Vec::new();
    let mut tallies: Vec<Tally<S>> = Vec::new();
    let mut codes: Vec<u32> = Vec::with_capacity(KEY_CHUNK.min(ratings.len()));
    let mut distinct = 0;
    for (fold_start, fold_ratings) in (0..).step_by(SCRATCH_CHUNK).zip(ratings.chunks(SCRATCH_CHUNK)) {
        for (start, xs) in (fold_start..).step_by(KEY_CHUNK).zip(fold_ratings.chunks(KEY_CHUNK)) {
            codes.clear();
            distinct = code(start, start + xs.len(), &mut codes)?;
            let rows = distinct.checked_mul(points).ok_or_else(|| too_many_keys(distinct))?;
            // Rows for the new codes, if any (`distinct` never shrinks).
            scratch
                .try_reserve(rows.saturating_sub(scratch.len()))
                .map_err(|_| too_many_keys(distinct))?;
            scratch.resize(rows, 0);
            // Counting in a pass of its own, after the coding: with the
            // counter increments out of the probing loop, more probes are in
            // flight at once (measured 8 % faster).
            for (&c, &x) in codes.iter().zip(xs) {
                // `x` is a valid rating and `c` has a row: in bounds.
                scratch[c as usize * points + usize::from(x.wrapping_sub(S::MIN))] += 1;
            }
        }
        fold(&mut tallies, &scratch, distinct, points)?;
        scratch.fill(0);
    }
    Ok(tallies)
}

/// Codes any `Hash + Eq` key through a table of the distinct keys.
///
/// Why hashbrown's `HashTable` rather than std's `HashMap<K, u32>`: with
/// the hash and the comparison in our hands, each key is hashed in a pass
/// of its own over a few thousand keys (the column streams in while nothing
/// waits on it), then probed and compared once. The table owns clones of
/// the keys: a probe compares with those few hot keys, not with a first
/// occurrence somewhere in a large input column (a cache miss per probe).
struct KeyCoder<'a, K> {
    keys: &'a [K],
    hasher: RandomState,
    table: HashTable<(K, u32)>,
    /// The index in `keys` of each code's first key.
    firsts: Vec<usize>,
    hashes: Vec<u64>,
    /// The previous key, its hash and its code: within a run of equal keys
    /// (a column sorted by agent, by day) a comparison with it replaces the
    /// lookup, and a different hash skips even that.
    last: Option<(u64, &'a K, u32)>,
}

impl<'a, K: Hash + Eq + Clone> KeyCoder<'a, K> {
    fn new(keys: &'a [K]) -> Self {
        Self {
            keys,
            hasher: RandomState::default(),
            table: HashTable::new(),
            firsts: Vec::new(),
            hashes: Vec::with_capacity(KEY_CHUNK.min(keys.len())),
            last: None,
        }
    }

    /// Fills `codes` with the codes of the keys `start..end` and returns
    /// how many distinct keys there are so far.
    fn code(&mut self, start: usize, end: usize, codes: &mut Vec<u32>) -> Result<usize, Error> {
        let Self {
            keys,
            hasher,
            table,
            firsts,
            hashes,
            last: previous,
        } = self;
        let keys: &'a [K] = keys;
        let ks = &keys[start..end];
        hashes.clear();
        hashes.extend(ks.iter().map(|k| hasher.hash_one(k)));
        // As in `StringCoder::code`: `last` in a local, the codes written
        // in place.
        let mut last = *previous;
        codes.resize(ks.len(), 0);
        for (j, ((k, &hash), slot)) in ks.iter().zip(hashes.iter()).zip(codes.iter_mut()).enumerate() {
            let code = if let Some((_, _, code)) = last.filter(|&(h, prev, _)| h == hash && prev == k) {
                code
            } else if let Some(&(_, code)) = table.find(hash, |(d, _)| d == k) {
                code
            } else {
                insert(table, firsts, (hash, k.clone()), start + j, |_, (d, _)| {
                    hasher.hash_one(d)
                })?
            };
            last = Some((hash, k, code));
            *slot = code;
        }
        *previous = last;
        Ok(firsts.len())
    }
}

/// A string key's length and its first and last 8 bytes (4 bytes below 8
/// bytes; the first, middle and last byte below 4). Up to 16 bytes these
/// cover every byte, so two such keys are equal exactly when their `Packed`
/// are: the probe compares two words and a length, in the table's entry,
/// and never follows a pointer to bytes. Longer keys are compared in full
/// once their `Packed` are equal.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Packed {
    head: u64,
    tail: u64,
    len: usize,
}

impl Packed {
    /// Matches no key: no key is `usize::MAX` bytes long.
    const NONE: Self = Self {
        head: 0,
        tail: 0,
        len: usize::MAX,
    };

    #[inline(always)]
    #[allow(clippy::inline_always, reason = "called once per answer in the probing loop")]
    fn of(bytes: &[u8]) -> Self {
        let len = bytes.len();
        let (head, tail) = match (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
            (Some(head), Some(tail)) => (u64::from_le_bytes(*head), u64::from_le_bytes(*tail)),
            _ => match (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
                (Some(head), Some(tail)) => (
                    u64::from(u32::from_le_bytes(*head)),
                    u64::from(u32::from_le_bytes(*tail)),
                ),
                _ => match (bytes.first(), bytes.get(len / 2), bytes.last()) {
                    (Some(&first), Some(&middle), Some(&last)) => {
                        (u64::from(first), u64::from(middle) | u64::from(last) << 8)
                    }
                    _ => (0, 0),
                },
            },
        };
        Self { head, tail, len }
    }

    /// Whether the key is no longer than 16 bytes, so that this is all of it.
    fn is_whole(self) -> bool {
        self.len <= 16
    }
}

/// Codes `String` keys: each key packed ([`Packed`]) and looked up in one
/// pass, in a table of the distinct keys' `Packed`.
///
/// Why not [`KeyCoder`]: its probe compares with a clone of the key, which
/// means loading the clone's pointer, then its bytes, then calling or
/// inlining a byte comparison, per answer. A packed key is compared in
/// registers, and one pass does it all (a pass of packing and hashing
/// first, as `KeyCoder` does, measured a quarter slower in a harness). On
/// an AMD EPYC (criterion, 1e7 answers, 1,000 keys of 11 bytes): random
/// order 8.2–8.5 → 7.1–7.6 ns per answer, sorted into runs 6.2–7.0 →
/// 3.1–3.8 ns; under callgrind, 116 → 94 instructions per answer.
struct StringCoder<'a> {
    keys: &'a [String],
    hasher: RandomState,
    table: HashTable<(Packed, u32)>,
    /// The index in `keys` of each code's first key: its bytes, for keys
    /// longer than 16 bytes, and its clone at the end.
    firsts: Vec<usize>,
    /// The previous key, packed, its bytes and its code; at first
    /// [`Packed::NONE`], which no key matches. (Not an `Option`: moving its
    /// tag and words cost instructions per answer.)
    last: (Packed, &'a [u8], u32),
}

impl<'a> StringCoder<'a> {
    fn new(keys: &'a [String]) -> Self {
        Self {
            keys,
            hasher: RandomState::default(),
            table: HashTable::new(),
            firsts: Vec::new(),
            last: (Packed::NONE, &[], 0),
        }
    }

    /// The hash of a key: of its `Packed` when that is the whole key, else
    /// of all its bytes (keys past 16 bytes that share a length and their
    /// first and last 8 bytes, such as `"store-0001-north-side"` and
    /// `"store-0002-north-side"`, must not share a hash too).
    #[inline(always)]
    #[allow(clippy::inline_always, reason = "called once per answer in the probing loop")]
    fn hash(hasher: &RandomState, packed: Packed, bytes: &[u8]) -> u64 {
        if packed.is_whole() {
            // The length folded into a word: two words hash with one
            // multiplication fewer than three (measured 0.2–0.5 ns per
            // answer less).
            hasher.hash_one((packed.head, packed.tail ^ (packed.len as u64).rotate_left(32)))
        } else {
            hasher.hash_one(bytes)
        }
    }

    /// As [`KeyCoder::code`].
    fn code(&mut self, start: usize, end: usize, codes: &mut Vec<u32>) -> Result<usize, Error> {
        let Self {
            keys,
            hasher,
            table,
            firsts,
            last: previous,
        } = self;
        let keys: &'a [String] = keys;
        let ks = &keys[start..end];
        // In a local for the loop: through `self`, it went to memory and
        // back on every answer.
        let mut last = *previous;
        // Written in place rather than pushed: a push kept the length in
        // memory, stored on every answer.
        codes.resize(ks.len(), 0);
        for (j, (k, slot)) in ks.iter().zip(codes.iter_mut()).enumerate() {
            let bytes = k.as_bytes();
            let packed = Packed::of(bytes);
            let code = if last.0 == packed && (packed.is_whole() || bytes_eq(last.1, bytes)) {
                last.2
            } else {
                let hash = Self::hash(hasher, packed, bytes);
                let found = table.find(hash, |&(p, code)| {
                    p == packed && (packed.is_whole() || bytes_eq(first_bytes(keys, firsts, code), bytes))
                });
                match found {
                    Some(&(_, code)) => code,
                    None => insert(table, firsts, (hash, packed), start + j, |firsts, &(p, code)| {
                        Self::hash(hasher, p, first_bytes(keys, firsts, code))
                    })?,
                }
            };
            last = (packed, bytes, code);
            *slot = code;
        }
        *previous = last;
        Ok(firsts.len())
    }
}

/// Gives a new key the next code: its index in the column goes to
/// `firsts`, its entry to `table`. `rehash` hashes an entry again when the
/// table grows. Out of the coders' loops, as it runs once per distinct key:
/// inlined, its registers were spilled on every answer.
#[cold]
#[inline(never)]
fn insert<T>(
    table: &mut HashTable<(T, u32)>,
    firsts: &mut Vec<usize>,
    (hash, entry): (u64, T),
    index: usize,
    rehash: impl Fn(&[usize], &(T, u32)) -> u64,
) -> Result<u32, Error> {
    let code = u32::try_from(firsts.len()).map_err(|_| too_many_keys(firsts.len()))?;
    let distinct = firsts.len() + 1;
    firsts.try_reserve(1).map_err(|_| too_many_keys(distinct))?;
    firsts.push(index);
    let firsts = &*firsts;
    table
        .try_reserve(1, |e| rehash(firsts, e))
        .map_err(|_| too_many_keys(distinct))?;
    table.insert_unique(hash, (entry, code), |e| rehash(firsts, e));
    Ok(code)
}

/// The bytes of the first key coded `code`.
fn first_bytes<'a>(keys: &'a [String], firsts: &[usize], code: u32) -> &'a [u8] {
    firsts
        .get(code as usize)
        .and_then(|&i| keys.get(i))
        .map_or(&[], String::as_bytes)
}

/// `a == b` for byte strings, without a call up to 32 bytes: byte by byte
/// below 4, else two overlapping loads of 4, 8 or 16 bytes from each end,
/// which cover every byte.
///
/// Why: `==` on bytes calls the C library's `memcmp`, and for the short
/// keys of survey data that call was the largest single cost of comparing
/// `String` keys (a third of `Segments::add_raw`'s time, before
/// [`StringCoder`] compared short keys packed).
#[inline(always)]
#[allow(clippy::inline_always, reason = "called once per answer in the probing loop")]
fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    match a.len() {
        0..=3 => a.iter().zip(b).all(|(x, y)| x == y),
        4..=7 => a.first_chunk::<4>() == b.first_chunk::<4>() && a.last_chunk::<4>() == b.last_chunk::<4>(),
        8..=16 => a.first_chunk::<8>() == b.first_chunk::<8>() && a.last_chunk::<8>() == b.last_chunk::<8>(),
        17..=32 => a.first_chunk::<16>() == b.first_chunk::<16>() && a.last_chunk::<16>() == b.last_chunk::<16>(),
        _ => a == b,
    }
}

fn too_many_keys(n: usize) -> Error {
    Error::InvalidArgument {
        name: "number of distinct keys",
        value: n as f64,
        expected: "at most 4294967296 distinct keys per batch, as memory allows",
    }
}

#[cfg(test)]
mod tests {
    use alloc::string::{String, ToString};
    use alloc::vec::Vec;

    use super::{KEY_CHUNK, KeyCoder, Packed, StringCoder, bytes_eq};
    use crate::{Error, Segments, ZeroToTen};

    /// Every code of `column`, pass by pass as `count_coded` asks for them.
    fn codes_of(n: usize, mut code: impl FnMut(usize, usize, &mut Vec<u32>) -> Result<usize, Error>) -> Vec<u32> {
        let mut all = Vec::new();
        let mut codes = Vec::new();
        for start in (0..n).step_by(KEY_CHUNK) {
            codes.clear();
            code(start, n.min(start + KEY_CHUNK), &mut codes).expect("few keys");
            all.extend_from_slice(&codes);
        }
        all
    }

    /// Both coders give each distinct key one code, and each answer the
    /// code of its key: keys of every length class, long keys that share
    /// their length and first and last 8 bytes, in runs and interleaved,
    /// across passes. (Two codes for one key would still count right, as
    /// the tallies of equal keys are merged, but would cost a row each.)
    #[test]
    fn each_distinct_key_gets_one_code() {
        let distinct = [
            "",
            "a",
            "ab",
            "abcd",
            "abcdefgh",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "store-0001-north-side",
            "store-0002-north-side",
            "store-0001-north-sidf",
            "a key past thirty-two bytes, number 1",
            "a key past thirty-two bytes, number 2",
        ];
        let column: Vec<String> = (0..10_000)
            .map(|i: usize| distinct[(i / 5 + i % 3 * 7) % distinct.len()].to_string())
            .collect();
        let mut strings = StringCoder::new(&column);
        let codes = codes_of(column.len(), |s, e, c| strings.code(s, e, c));
        let mut keys = KeyCoder::new(&column);
        let generic = codes_of(column.len(), |s, e, c| keys.code(s, e, c));
        for (firsts, codes) in [(&strings.firsts, codes), (&keys.firsts, generic)] {
            assert_eq!(firsts.len(), distinct.len());
            assert_eq!(codes.len(), column.len());
            for (k, &c) in column.iter().zip(&codes) {
                assert_eq!(&column[firsts[c as usize]], k);
            }
        }
    }

    /// Every length class of the inline comparison, with a difference at
    /// each byte: the overlapping loads from both ends must see it.
    #[test]
    fn bytes_eq_finds_a_difference_at_any_byte_of_any_length() {
        let base: Vec<u8> = (0..48u8).map(|i| b'a' + i % 26).collect();
        for len in 0..=48 {
            let a = &base[..len];
            assert!(bytes_eq(a, &base[..len]), "length {len}");
            for at in 0..len {
                let mut b = a.to_vec();
                b[at] ^= 0x20;
                assert!(!bytes_eq(a, &b), "length {len}, byte {at}");
            }
            if len > 0 {
                assert!(!bytes_eq(a, &base[..len - 1]), "lengths {len} and {}", len - 1);
            }
        }
    }

    /// Up to 16 bytes a key is whole in its `Packed`: a difference at any
    /// byte, or in the length alone, changes it. Past 16 bytes the middle
    /// is not in it.
    #[test]
    fn packed_short_keys_differ_at_any_byte_and_in_length() {
        let base: Vec<u8> = (0..24u8).map(|i| b'a' + i).collect();
        for len in 0..=24 {
            let a = &base[..len];
            assert_eq!(Packed::of(a).is_whole(), len <= 16, "length {len}");
            for at in 0..len {
                let mut b = a.to_vec();
                b[at] ^= 0x20;
                let covered = len <= 16 || at < 8 || at >= len - 8;
                assert_eq!(Packed::of(a) != Packed::of(&b), covered, "length {len}, byte {at}");
            }
            if len > 0 {
                // A shorter key that is a prefix, and one of zero bytes.
                assert_ne!(
                    Packed::of(a),
                    Packed::of(&base[..len - 1]),
                    "lengths {len} and {}",
                    len - 1
                );
                assert_ne!(
                    Packed::of(a),
                    Packed::of(&alloc::vec![0; len - 1]),
                    "zeros, length {}",
                    len - 1
                );
            }
        }
        assert_eq!(Packed::of(b"").len, 0);
    }

    /// Under `cfg(test)` the keyed path folds its scratch counters every
    /// 1,000 answers: a batch of 25,000 folds 25 times and ends in the
    /// middle of a coding pass, with runs of equal keys across pass
    /// boundaries.
    #[test]
    fn add_raw_folds_across_passes_and_equals_one_by_one() {
        let n = 25_000;
        let strings: Vec<String> = (0..n).map(|i: usize| ((i / 7 + i % 3) % 37).to_string()).collect();
        let numbers: Vec<usize> = (0..n).map(|i| (i / 7 + i % 3) % 37).collect();
        let ratings: Vec<u8> = (0..n)
            .map(|i| u8::try_from((i * 5 + i / 11) % 11).expect("below 11"))
            .collect();
        let mut bulk = Segments::<String, ZeroToTen>::new();
        bulk.add_raw(&strings, &ratings).expect("valid ratings");
        let mut each = Segments::<String, ZeroToTen>::new();
        for (k, &x) in strings.iter().zip(&ratings) {
            each.add(k.clone(), ZeroToTen::new(x).expect("valid rating"))
                .expect("no overflow");
        }
        assert_eq!(bulk, each);
        assert_eq!(bulk.iter().map(|(_, t)| t.total()).sum::<u64>(), 25_000);
        let mut bulk = Segments::<usize, ZeroToTen>::new();
        bulk.add_raw(&numbers, &ratings).expect("valid ratings");
        let mut each = Segments::<usize, ZeroToTen>::new();
        for (&k, &x) in numbers.iter().zip(&ratings) {
            each.add(k, ZeroToTen::new(x).expect("valid rating"))
                .expect("no overflow");
        }
        assert_eq!(bulk, each);
    }
}
