//! The validated bulk-counting kernel behind every `from_raw` path.
//!
//! Why hand-written: a scatter histogram (`counts[x] += 1`) is a chain of
//! dependent loads and stores on a few hot counters and runs at 0.8–3.6 ns
//! per answer, slower still on skewed real data. Here every answer is
//! instead *compared* against a handful of ranges in fixed-width `u8` lanes:
//! the loops below have no data-dependent addressing, so the compiler turns
//! them into SIMD compares and subtracts in the default build (SSE2 on
//! x86-64, NEON on aarch64) without `unsafe` or intrinsics. Validation rides
//! along as a lane-wise maximum, checked once per block. A range that
//! starts or ends at an end of the scale (NPS's, every top- or bottom-box
//! share's) is counted as the answers below a threshold, one signed
//! compare per vector ([`Below`]); that the block's bytes are valid is
//! what makes the signed compare exact, and a block with an invalid byte
//! is rejected before its counts are used.
//!
//! Each `u8` lane counter can take 255 hits, so a block is 255 chunks; the
//! lane counters are then widened into `u64` totals.
//!
//! On x86-64 with AVX2 the full per-point tally goes through a table lookup
//! instead ([`count_pairs`], and [`PairsAvx512`] with AVX-512BW): two points
//! per lane counter, one `vpshufb` and one add per pair of points, written
//! with pulp's safe wrappers of the intrinsics.
//!
//! Metric code enters through [`count_ranges`] (typed by the scale, ranges
//! given as ratings); tallies through [`count_points`].

use super::validity::{MASKS, Validity};
use super::{MAX_POINTS, raw_error};
use crate::{Error, Scale};

/// Chunks per block: the most a `u8` lane counter can count.
const CHUNKS_PER_BLOCK: usize = 255;
/// Largest block, in bytes (used by the tests).
#[cfg(test)]
const BLOCK: usize = 64 * CHUNKS_PER_BLOCK;

/// What to count: `K` predicates on the shifted value `y = byte - offset`.
///
/// Every byte with `y > span` is invalid.
trait Matcher<const K: usize> {
    /// Subtracted from every byte so that the scale starts at 0.
    fn offset(&self) -> u8;
    /// Largest valid shifted value (`MAX - MIN`).
    fn span(&self) -> u8;
    /// Whether `y` counts towards predicate `k`.
    fn hit(&self, k: usize, y: u8) -> bool;
    /// Predicate `k` as a range of the shifted value, `(lo, width)`:
    /// `hit(k, y)` is `y - lo <= width` (wrapping), for the kernels that
    /// compare against it in vector registers.
    fn bounds(&self, k: usize) -> (u8, u8);
    /// Whether predicate `k` is `y == k + 1`, for every `k` (the full
    /// per-point tally): then the table-lookup kernel can count it.
    fn is_points(&self) -> bool {
        false
    }
}

/// `K` ranges, each given as `(lo, width)`: `y` is in range `k` when
/// `y - lo[k] <= width[k]` (wrapping arithmetic).
#[derive(Clone, Copy, Debug)]
struct Ranges<const K: usize> {
    offset: u8,
    span: u8,
    /// Start of each range, shifted.
    lo: [u8; K],
    /// Length of each range minus one.
    width: [u8; K],
}

impl<const K: usize> Matcher<K> for Ranges<K> {
    fn offset(&self) -> u8 {
        self.offset
    }

    fn span(&self) -> u8 {
        self.span
    }

    #[inline(always)]
    #[allow(clippy::inline_always, reason = "part of the vectorised inner loop")]
    fn hit(&self, k: usize, y: u8) -> bool {
        y.wrapping_sub(self.lo[k]) <= self.width[k]
    }

    fn bounds(&self, k: usize) -> (u8, u8) {
        (self.lo[k], self.width[k])
    }
}

/// `K` thresholds: `y` counts towards predicate `k` when `y < limit[k]`,
/// compared as signed bytes. For a valid `y` (at most `span`, below 128)
/// that is the unsigned comparison, and it is one instruction per vector
/// (`pcmpgtb`), where a range test `y - lo <= width` takes three (SSE2 and
/// AVX2 have no unsigned byte comparison). Off-scale bytes may count
/// wrongly: the block they are in is rejected before its counts are used.
/// Measured on an AMD EPYC, criterion, in cache: NPS over 1e5 answers
/// 1.55–1.59 µs, was 2.30–2.38 µs with two range tests.
#[derive(Clone, Copy, Debug)]
struct Below<const K: usize> {
    offset: u8,
    span: u8,
    limit: [u8; K],
}

impl<const K: usize> Matcher<K> for Below<K> {
    fn offset(&self) -> u8 {
        self.offset
    }

    fn span(&self) -> u8 {
        self.span
    }

    #[inline(always)]
    #[allow(clippy::inline_always, reason = "part of the vectorised inner loop")]
    fn hit(&self, k: usize, y: u8) -> bool {
        (y as i8) < (self.limit[k] as i8)
    }

    fn bounds(&self, k: usize) -> (u8, u8) {
        (0, self.limit[k].wrapping_sub(1))
    }
}

/// The points `1..=K` of the shifted scale, each on its own: `y == k + 1`.
/// The comparison constants are known at compile time, which the full
/// per-point tally needs to keep its ten counters in registers.
#[derive(Clone, Copy, Debug)]
struct Points {
    offset: u8,
    span: u8,
}

impl<const K: usize> Matcher<K> for Points {
    fn offset(&self) -> u8 {
        self.offset
    }

    fn span(&self) -> u8 {
        self.span
    }

    #[inline(always)]
    #[allow(clippy::inline_always, reason = "part of the vectorised inner loop")]
    fn hit(&self, k: usize, y: u8) -> bool {
        y == k as u8 + 1
    }

    fn bounds(&self, k: usize) -> (u8, u8) {
        (k as u8 + 1, 0)
    }

    fn is_points(&self) -> bool {
        true
    }
}

/// What the typed entry returns: hits per range and the number of answers
/// present.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Counted<const K: usize> {
    /// Answers in each range.
    pub(crate) hits: [u64; K],
    /// Answers present (all of them without a validity bitmap).
    pub(crate) answers: u64,
}

/// The typed entry for metric code: validates raw ratings on scale `S` and
/// counts, for each inclusive range `lo..=hi` of ratings, the answers in it.
/// Answers whose validity bit is unset are skipped (neither counted nor
/// validated).
///
/// # Errors
///
/// [`Error::OutOfRangeAt`] for the first present byte off the scale;
/// [`Error::InvalidArgument`] when the bitmap's length is not the buffer's.
pub(crate) fn count_ranges<S: Scale, const K: usize>(
    ratings: &[u8],
    validity: Option<Validity<'_>>,
    ranges: [(u8, u8); K],
) -> Result<Counted<K>, Error> {
    if let Some((m, prefix)) = below::<S, K>(ranges) {
        let c = run::<S, K, _>(ratings, validity, &m)?;
        // A range that ends at the maximum is everything not below it.
        let hits = core::array::from_fn(|k| if prefix[k] { c.hits[k] } else { c.answers - c.hits[k] });
        return Ok(Counted {
            hits,
            answers: c.answers,
        });
    }
    let m = Ranges {
        offset: S::MIN,
        span: S::MAX - S::MIN,
        lo: ranges.map(|(lo, _)| lo.wrapping_sub(S::MIN)),
        width: ranges.map(|(lo, hi)| hi.wrapping_sub(lo)),
    };
    run::<S, K, _>(ratings, validity, &m)
}

/// The thresholds that count `ranges` when each starts at the scale's
/// minimum (the answers below its end) or ends at its maximum (all but
/// those below its start), and which of them start at the minimum; `None`
/// when some range lies inside the scale.
fn below<S: Scale, const K: usize>(ranges: [(u8, u8); K]) -> Option<(Below<K>, [bool; K])> {
    let span = S::MAX - S::MIN;
    let prefix = ranges.map(|(lo, _)| lo <= S::MIN);
    let suffix = ranges.map(|(_, hi)| hi >= S::MAX);
    let edges = prefix.iter().zip(&suffix).all(|(&p, &s)| p || s);
    (span < 127 && edges).then(|| {
        let limit = core::array::from_fn(|k| {
            let (lo, hi) = ranges[k];
            if prefix[k] {
                hi.min(S::MAX) - S::MIN + 1
            } else {
                lo - S::MIN
            }
        });
        let m = Below {
            offset: S::MIN,
            span,
            limit,
        };
        (m, prefix)
    })
}

/// Validated counts per point of `S` (lowest first) and the number of
/// answers present: the kernel behind `Tally::from_raw`.
///
/// # Errors
///
/// As [`count_ranges`].
pub(crate) fn count_points<S: Scale>(
    ratings: &[u8],
    validity: Option<Validity<'_>>,
) -> Result<([u64; MAX_POINTS], u64), Error> {
    // Count every point but the lowest; the lowest is what is left. The
    // number of points is a compile-time constant of each scale, so the
    // match folds away; the fallback counts ten points, correct for any
    // scale of at most eleven.
    let m = Points {
        offset: S::MIN,
        span: S::MAX - S::MIN,
    };
    let mut counts = [0u64; MAX_POINTS];
    let answers = match S::MAX - S::MIN {
        4 => upper::<S, 4>(ratings, validity, m, &mut counts)?,
        6 => upper::<S, 6>(ratings, validity, m, &mut counts)?,
        _ => upper::<S, 10>(ratings, validity, m, &mut counts)?,
    };
    counts[0] = answers - counts[1..].iter().sum::<u64>();
    Ok((counts, answers))
}

fn upper<S: Scale, const K: usize>(
    ratings: &[u8],
    validity: Option<Validity<'_>>,
    m: Points,
    counts: &mut [u64; MAX_POINTS],
) -> Result<u64, Error> {
    let c = run::<S, K, _>(ratings, validity, &m)?;
    counts[1..=K].copy_from_slice(&c.hits);
    Ok(c.answers)
}

/// Validates raw ratings on `S` (present ones only) without counting.
///
/// # Errors
///
/// As [`count_ranges`].
pub(crate) fn validate<S: Scale>(ratings: &[u8], validity: Option<Validity<'_>>) -> Result<u64, Error> {
    let m = Points {
        offset: S::MIN,
        span: S::MAX - S::MIN,
    };
    Ok(run::<S, 0, _>(ratings, validity, &m)?.answers)
}

fn run<S: Scale, const K: usize, M: Matcher<K>>(
    ratings: &[u8],
    validity: Option<Validity<'_>>,
    m: &M,
) -> Result<Counted<K>, Error> {
    let err = |index| raw_error::<S>(ratings, index);
    match validity {
        None => Ok(Counted {
            hits: count(ratings, m).map_err(err)?,
            answers: ratings.len() as u64,
        }),
        Some(v) => {
            check_len(ratings.len(), &v)?;
            let (mut hits, answers) = count_masked(ratings, m, v).map_err(err)?;
            let missing = ratings.len() as u64 - answers;
            // Missing answers were counted as the shifted value 0.
            for (k, h) in hits.iter_mut().enumerate() {
                if m.hit(k, 0) {
                    *h -= missing;
                }
            }
            Ok(Counted { hits, answers })
        }
    }
}

/// A validity bitmap must cover exactly the ratings.
pub(crate) fn check_len(ratings: usize, validity: &Validity<'_>) -> Result<(), Error> {
    if validity.len() == ratings {
        Ok(())
    } else {
        Err(Error::InvalidArgument {
            name: "validity bitmap length",
            value: validity.len() as f64,
            expected: "one bit per rating",
        })
    }
}

/// Answers per masked block: small enough to stay in L1 between the copy
/// and the count, and for the out-of-order core to overlap one block's
/// reading with the previous block's counting (measured: 4 KiB blocks are
/// about 15 % faster than 1 KiB or 16 KiB ones).
const MASKED_BLOCK: usize = 64 * 64;

/// Counts like [`count`], with missing answers (unset validity bits) counted
/// as the scale minimum, i.e. as the shifted value 0; the caller subtracts
/// them from whatever counts 0. Junk under unset bits is never seen by the
/// validation. Also returns the number of answers present, counted from the
/// bitmap words the loop reads anyway (a second pass over a bitmap of 1e8
/// answers cost about a third of the masking overhead).
///
/// The full per-point tally applies the mask inside the table-lookup loop:
/// with AVX-512BW ([`PairsAvx512`]) one instruction per 64 answers shifts
/// and masks; with AVX2 only ([`PairsMaskedAvx2`]) the bits are spread to
/// lanes with `vpshufb` (five pair counters leave registers for that,
/// where the ten compare counters did not). Measured on an AMD EPYC at 1e8
/// answers: 1.20–1.23× the no-null table kernel with AVX-512BW (the bitmap
/// is an eighth more bytes to read), 1.39–1.49× with AVX2 only (1.44–1.48× in
/// cache, where the kernel is bound by instructions: spreading the bits
/// costs five more per 32 answers, on top of twelve; it was 1.50–1.65×
/// from memory and 1.74× in cache before each 64 answers shared one
/// broadcast and a run's bitmap words were read at once). The
/// copy-and-blend path below took 1.7× the slower compare kernel. Range
/// counts (NPS, shares) apply the mask inside the compare loop too: with
/// AVX-512BW ([`MaskedAvx512`]) or AVX2 ([`MaskedAvx2`]); with neither, see
/// [`count_masked_copy`].
fn count_masked<const K: usize, M: Matcher<K>>(bytes: &[u8], m: &M, v: Validity<'_>) -> Result<([u64; K], u64), usize> {
    #[cfg(target_arch = "x86_64")]
    if m.is_points() && K > 0 && K.is_multiple_of(2) {
        let (offset, span) = (m.offset(), m.span());
        if let Some(simd) = mask_registers() {
            return simd.vectorize(PairsAvx512::<K> {
                simd,
                bytes,
                offset,
                span,
                v: Some(v),
            });
        }
        if let Some(simd) = wide_vectors().and_then(|_| pulp::x86::V3::try_new()) {
            return simd.vectorize(PairsMaskedAvx2::<K> {
                simd,
                bytes,
                offset,
                span,
                v,
            });
        }
    }
    #[cfg(target_arch = "x86_64")]
    if let Some(simd) = mask_registers() {
        return simd.vectorize(MaskedAvx512::<K, M> { simd, bytes, m, v });
    }
    #[cfg(target_arch = "x86_64")]
    if let Some(simd) = wide_vectors().and_then(|_| pulp::x86::V3::try_new()) {
        return simd.vectorize(MaskedAvx2::<K, M> { simd, bytes, m, v });
    }
    count_masked_copy(bytes, m, v)
}

/// The masked count without AVX2 (or off x86-64): each block is first copied with
/// missing bytes overwritten by the scale minimum (see [`blend_block`]),
/// and the dense kernel counts the copy from L1. (With AVX2 alone this
/// path was the range counts' until [`MaskedAvx2`] masked inside the loop
/// at a 64-bit broadcast per chunk, which measured faster.)
fn count_masked_copy<const K: usize, M: Matcher<K>>(
    bytes: &[u8],
    m: &M,
    v: Validity<'_>,
) -> Result<([u64; K], u64), usize> {
    let min = m.offset();
    let mut buf = [0u8; MASKED_BLOCK];
    let mut totals = [0u64; K];
    let mut present = 0;
    for (b, block) in bytes.chunks(MASKED_BLOCK).enumerate() {
        let base = b * MASKED_BLOCK;
        let out = &mut buf[..block.len()];
        let (whole, tail) = block.as_chunks::<64>();
        let (out_whole, out_tail) = out.as_chunks_mut::<64>();
        blend_block(out_whole, whole, v, base, min);
        let tail_at = base + whole.len() * 64;
        for (i, (o, &x)) in out_tail.iter_mut().zip(tail).enumerate() {
            *o = if v.is_valid(tail_at + i) { x } else { min };
        }
        let hits = count(out, m).map_err(|i| base + i)?;
        for (t, h) in totals.iter_mut().zip(hits) {
            *t += h;
        }
        // The block's bits are in cache after the blend.
        present += v.count_ones(base, base + block.len());
    }
    Ok((totals, present))
}

/// AVX-512BW with its mask registers, when the CPU has it (detected once)
/// and the build allows it: `--cfg cxmetrics_kernels="avx2"` (or
/// `"portable"`) in `RUSTFLAGS` keeps to the narrower kernels, so that they
/// can be tested and measured on a CPU that has more (CI tests each).
#[cfg(target_arch = "x86_64")]
fn mask_registers() -> Option<pulp::x86::V4> {
    static V4: std::sync::OnceLock<Option<pulp::x86::V4>> = std::sync::OnceLock::new();
    if cfg!(any(cxmetrics_kernels = "avx2", cxmetrics_kernels = "portable")) {
        return None;
    }
    *V4.get_or_init(pulp::x86::V4::try_new)
}

/// The fused masked count with AVX-512BW: a chunk's 64 validity bits are
/// its lane mask as they stand, so one 512-bit instruction shifts the chunk
/// and zeroes its missing lanes (`vpsubb` with zero-masking). The two
/// 32-byte halves are then counted as in the no-null AVX2 kernel: AVX2's
/// compares give a vector of -1 per hit, which one subtract adds to a lane
/// counter, and ranges that start at 0 ([`Below`]'s) take one signed
/// compare each. The validity words come from [`Validity::word_windows`],
/// without a bounds check each.
///
/// Why by hand, and why this mix of widths: the compiler vectorised the
/// portable chunk loop for AVX-512 too, but its compares went into mask
/// registers, and each mask back into a vector of bytes to subtract
/// (`vpmovm2b`); the AMD EPYC (Zen 4) also runs each 512-bit instruction
/// as two 256-bit halves, so only the masking gains from the wider form.
/// Measured for NPS with 10 % nulls in cache (65,536 answers, a harness,
/// min of 9): 4.1–4.3 ms for 2,000 passes with the compiler's loop; 3.4–3.5
/// counting each compare mask with a scalar `popcnt`; 3.5 with both halves
/// masked in 256 bits (two mask moves); 3.0 now (the no-null kernel: 1.9).
/// Loading the words with plain loads where the bitmap starts on a byte
/// saved 2 % there and cost 3 % elsewhere, so it was left out.
#[cfg(target_arch = "x86_64")]
struct MaskedAvx512<'a, 'b, const K: usize, M> {
    simd: pulp::x86::V4,
    bytes: &'a [u8],
    m: &'a M,
    v: Validity<'b>,
}

#[cfg(target_arch = "x86_64")]
impl<const K: usize, M: Matcher<K>> pulp::NullaryFnOnce for MaskedAvx512<'_, '_, K, M> {
    type Output = Result<([u64; K], u64), usize>;

    #[inline(always)]
    #[allow(clippy::inline_always, reason = "must inline into pulp's AVX-512 function")]
    fn call(self) -> Self::Output {
        if from_zero(self.m) {
            masked_avx512::<K, M, true>(self.simd, self.bytes, self.m, self.v)
        } else {
            masked_avx512::<K, M, false>(self.simd, self.bytes, self.m, self.v)
        }
    }
}

/// Whether every range of `m` starts at 0 and ends below 127, on a scale
/// whose valid bytes are below 127 (`Below`'s ranges): then each takes one
/// signed comparison.
#[cfg(target_arch = "x86_64")]
fn from_zero<const K: usize, M: Matcher<K>>(m: &M) -> bool {
    let small = |b: u8| b < i8::MAX as u8;
    small(m.span()) && (0..K).all(|k| m.bounds(k).0 == 0 && small(m.bounds(k).1))
}

/// [`MaskedAvx512`]'s loop; with `FROM_ZERO`, every range starts at 0 and
/// ends below 127, and every valid byte is below 127 too.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
#[allow(
    clippy::inline_always,
    reason = "inlined into the dispatched, AVX-512-compiled caller"
)]
fn masked_avx512<const K: usize, M: Matcher<K>, const FROM_ZERO: bool>(
    s: pulp::x86::V4,
    bytes: &[u8],
    m: &M,
    v: Validity<'_>,
) -> Result<([u64; K], u64), usize> {
    use core::arch::x86_64::__m256i;
    use pulp::bytemuck::cast;
    let (offset, span) = (m.offset(), m.span());
    let shifted = |i: usize, x: u8| if v.is_valid(i) { x.wrapping_sub(offset) } else { 0 };
    let zero = s.avx._mm256_setzero_si256();
    let shift = s.avx512f._mm512_set1_epi8(offset as i8);
    let top = s.avx._mm256_set1_epi8(span as i8);
    let lo: [__m256i; K] = core::array::from_fn(|k| s.avx._mm256_set1_epi8(m.bounds(k).0 as i8));
    let width: [__m256i; K] = core::array::from_fn(|k| s.avx._mm256_set1_epi8(m.bounds(k).1 as i8));
    // `y <= width` as `width + 1 > y`, signed: one instruction.
    let above: [__m256i; K] = core::array::from_fn(|k| s.avx._mm256_set1_epi8(m.bounds(k).1.wrapping_add(1) as i8));
    let mut sums = [zero; K];
    let mut present = 0;
    let (chunks, rest) = bytes.as_chunks::<64>();
    for (b, block) in chunks.chunks(CHUNKS_PER_BLOCK).enumerate() {
        let start = b * CHUNKS_PER_BLOCK * 64;
        let mut max = zero;
        // Lane counters per half: each counts to 255 in a block.
        let mut acc = [[zero; K]; 2];
        let mut windows = v.word_windows(start);
        for (c, chunk) in block.iter().enumerate() {
            let word = windows.next().unwrap_or_else(|| v.word(start + c * 64));
            present += u64::from(word.count_ones());
            // Shift, and zero the missing answers' lanes: they count as
            // the shifted value 0, as the caller expects.
            let y64 = s.avx512bw._mm512_maskz_sub_epi8(word, cast(*chunk), shift);
            let halves = [
                s.avx512f._mm512_castsi512_si256(y64),
                s.avx512f._mm512_extracti64x4_epi64::<1>(y64),
            ];
            for (h, &y) in halves.iter().enumerate() {
                max = s.avx2._mm256_max_epu8(max, y);
                for k in 0..K {
                    let hit = if FROM_ZERO {
                        s.avx2._mm256_cmpgt_epi8(above[k], y)
                    } else {
                        let d = s.avx2._mm256_sub_epi8(y, lo[k]);
                        s.avx2._mm256_cmpeq_epi8(s.avx2._mm256_min_epu8(d, width[k]), d)
                    };
                    // A hit is -1 in its lane.
                    acc[h][k] = s.avx2._mm256_sub_epi8(acc[h][k], hit);
                }
            }
        }
        // Some present byte of this block is off the scale (the blocks
        // before were not): find the first.
        if s.avx512bw._mm256_cmpgt_epu8_mask(max, top) != 0
            && let Some(at) = bytes[start..]
                .iter()
                .enumerate()
                .position(|(i, &x)| shifted(start + i, x) > span)
        {
            return Err(start + at);
        }
        for half in acc {
            for k in 0..K {
                sums[k] = s.avx2._mm256_add_epi64(sums[k], s.avx2._mm256_sad_epu8(half[k], zero));
            }
        }
    }
    let mut hits: [u64; K] = sums.map(|sum| cast::<_, [u64; 4]>(sum).iter().sum());
    let rest_at = chunks.len() * 64;
    for (i, &x) in rest.iter().enumerate() {
        let y = shifted(rest_at + i, x);
        if y > span {
            return Err(rest_at + i);
        }
        for (k, h) in hits.iter_mut().enumerate() {
            *h += u64::from(m.hit(k, y));
        }
    }
    present += v.count_ones(rest_at, rest_at + rest.len());
    Ok((hits, present))
}

/// Validity bits to byte lanes with AVX2, for the masked kernels: lane `i`
/// of half `h` of a 64-answer chunk takes byte `4h + i / 8` of the
/// chunk's broadcast 64-bit validity word (`vpshufb` works within 128-bit
/// halves, each holding all eight bytes) and tests its bit `i % 8`.
#[cfg(target_arch = "x86_64")]
#[derive(Clone, Copy)]
struct SpreadBits {
    spread: [core::arch::x86_64::__m256i; 2],
    bit: core::arch::x86_64::__m256i,
}

#[cfg(target_arch = "x86_64")]
impl SpreadBits {
    #[inline(always)]
    #[allow(clippy::inline_always, reason = "constants of the dispatched AVX2 kernels")]
    fn new() -> Self {
        use pulp::bytemuck::cast;
        Self {
            spread: core::array::from_fn(|h| cast::<[u8; 32], _>(core::array::from_fn(|i| (4 * h + i / 8) as u8))),
            bit: cast::<[u8; 32], _>(core::array::from_fn(|i| 1u8 << (i % 8))),
        }
    }

    /// `y` with the lanes of missing answers zeroed: half `h` of the chunk
    /// whose validity word is broadcast in `bits`.
    #[inline(always)]
    #[allow(clippy::inline_always, reason = "inlined into the dispatched, AVX2-compiled caller")]
    fn keep_present(
        &self,
        s: pulp::x86::V3,
        bits: core::arch::x86_64::__m256i,
        h: usize,
        y: core::arch::x86_64::__m256i,
    ) -> core::arch::x86_64::__m256i {
        let lanes = s.avx2._mm256_shuffle_epi8(bits, self.spread[h]);
        let present = s
            .avx2
            ._mm256_cmpeq_epi8(s.avx2._mm256_and_si256(lanes, self.bit), self.bit);
        s.avx2._mm256_and_si256(y, present)
    }
}

/// The masked range count with AVX2 alone: each 64-answer chunk's validity word
/// is broadcast once, spread to the lanes of both 32-byte halves as in
/// [`PairsMaskedAvx2`], and the missing lanes zeroed with an AND. Measured
/// for NPS (two ranges) on an AMD EPYC with the AVX2 kernels alone: 1.39–1.45×
/// the no-null kernel at 1e8 answers, where copying each block with the
/// missing bytes blended out first ([`count_masked_copy`]) took 1.77–1.94×
/// in the same runs; 1.83× in cache, was 2.35×. (Reading eight chunks'
/// words at once, as [`count_pairs`] does, was slower here: 2.2–2.4× in
/// cache.)
#[cfg(target_arch = "x86_64")]
struct MaskedAvx2<'a, 'b, const K: usize, M> {
    simd: pulp::x86::V3,
    bytes: &'a [u8],
    m: &'a M,
    v: Validity<'b>,
}

#[cfg(target_arch = "x86_64")]
impl<const K: usize, M: Matcher<K>> pulp::NullaryFnOnce for MaskedAvx2<'_, '_, K, M> {
    type Output = Result<([u64; K], u64), usize>;

    #[inline(always)]
    #[allow(clippy::inline_always, reason = "must inline into pulp's AVX2 function")]
    fn call(self) -> Self::Output {
        use core::arch::x86_64::__m256i;
        use pulp::bytemuck::cast;
        let s = self.simd;
        let spread = SpreadBits::new();
        count_lanes_masked_by::<K, 64, M>(self.bytes, self.m, self.v, |word, y: &mut [u8; 64]| {
            let bits = s.avx._mm256_set1_epi64x(word as i64);
            let halves: [__m256i; 2] = cast(*y);
            let masked: [__m256i; 2] = core::array::from_fn(|h| spread.keep_present(s, bits, h, halves[h]));
            *y = cast(masked);
        })
    }
}

/// [`count_lanes`] with each chunk's missing lanes zeroed after the shift:
/// `mask(word, y)` zeroes lane `i` of the shifted chunk `y` where bit `i` of
/// the chunk's validity `word` is unset. Also returns the answers present.
/// [`MaskedAvx2`]'s loop (the AVX-512BW one, [`MaskedAvx512`], is written
/// in intrinsics).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
#[allow(clippy::inline_always, reason = "inlined into the dispatched, AVX2-compiled caller")]
#[allow(
    clippy::needless_range_loop,
    reason = "explicit lane indices are what the compiler vectorises"
)]
fn count_lanes_masked_by<const K: usize, const LANES: usize, M: Matcher<K>>(
    bytes: &[u8],
    m: &M,
    v: Validity<'_>,
    mask: impl Fn(u64, &mut [u8; LANES]),
) -> Result<([u64; K], u64), usize> {
    // A word holds the bits of 64 answers; a chunk has `LANES`.
    const { assert!(LANES <= 64) };
    let block_len = LANES * CHUNKS_PER_BLOCK;
    let (offset, span) = (m.offset(), m.span());
    let mut totals = [0u64; K];
    let mut present = 0;
    for (b, block) in bytes.chunks(block_len).enumerate() {
        let base = b * block_len;
        let (chunks, rest) = block.as_chunks::<LANES>();
        let mut acc = [[0u8; LANES]; K];
        let mut max = [0u8; LANES];
        for (c, chunk) in chunks.iter().enumerate() {
            let mut y = [0u8; LANES];
            for i in 0..LANES {
                y[i] = chunk[i].wrapping_sub(offset);
            }
            let word = v.word(base + c * LANES) & (u64::MAX >> (64 - LANES));
            present += u64::from(word.count_ones());
            mask(word, &mut y);
            count_shifted(&y, m, &mut acc, &mut max);
        }
        let rest_at = base + chunks.len() * LANES;
        // Missing answers in the rest count as 0 too, as the caller expects.
        let shifted = |i: usize, x: u8| if v.is_valid(i) { x.wrapping_sub(offset) } else { 0 };
        if max.iter().any(|&x| x > span) || rest.iter().enumerate().any(|(i, &x)| shifted(rest_at + i, x) > span) {
            // As in `count_lanes`: find the first present byte off the scale.
            if let Some(at) = block.iter().enumerate().position(|(i, &x)| shifted(base + i, x) > span) {
                return Err(base + at);
            }
        }
        for (total, lanes) in totals.iter_mut().zip(&acc) {
            *total += lanes.iter().map(|&c| u64::from(c)).sum::<u64>();
        }
        for (i, &x) in rest.iter().enumerate() {
            let y = shifted(rest_at + i, x);
            for (k, total) in totals.iter_mut().enumerate() {
                *total += u64::from(m.hit(k, y));
            }
        }
        present += v.count_ones(rest_at, rest_at + rest.len());
    }
    Ok((totals, present))
}

/// Blends whole 64-answer chunks, eight lanes per `u64` through
/// [`blend64`]. Only CPUs without AVX2, and other architectures, copy and
/// blend (see [`count_masked_copy`]), so no AVX2 version is kept.
fn blend_block(out: &mut [[u8; 64]], x: &[[u8; 64]], v: Validity<'_>, base: usize, min: u8) {
    for (c, (o, x)) in out.iter_mut().zip(x).enumerate() {
        blend64(o, x, v.word(base + c * 64), min);
    }
}

/// `out[i] = x[i]` where bit `i` of `word` is set, `min` elsewhere, eight
/// bytes at a time in `u64` words.
#[inline(always)]
#[allow(
    clippy::inline_always,
    reason = "the blend runs once per 64 answers in the block loop"
)]
fn blend64(out: &mut [u8; 64], x: &[u8; 64], word: u64, min: u8) {
    let fill = u64::from_ne_bytes([min; 8]);
    for (j, (o, x)) in out
        .as_chunks_mut::<8>()
        .0
        .iter_mut()
        .zip(x.as_chunks::<8>().0)
        .enumerate()
    {
        let mask = MASKS[((word >> (8 * j)) & 0xFF) as usize];
        let x = u64::from_le_bytes(*x);
        *o = ((x & mask) | (fill & !mask)).to_le_bytes();
    }
}

/// Counts, for each of `K` predicates, how many bytes match it.
///
/// Returns `Err(index)` with the position of the first byte outside
/// `offset..=offset + span`.
fn count<const K: usize, M: Matcher<K>>(bytes: &[u8], m: &M) -> Result<[u64; K], usize> {
    #[cfg(target_arch = "x86_64")]
    if let Some(arch) = wide_vectors() {
        if m.is_points() && K > 0 && K.is_multiple_of(2) {
            if let Some(simd) = mask_registers() {
                let counted = simd.vectorize(PairsAvx512::<K> {
                    simd,
                    bytes,
                    offset: m.offset(),
                    span: m.span(),
                    v: None,
                });
                return counted.map(|(hits, _)| hits);
            }
            if let Some(simd) = pulp::x86::V3::try_new() {
                let counted = simd.vectorize(PairsAvx2::<K> {
                    simd,
                    bytes,
                    offset: m.offset(),
                    span: m.span(),
                });
                return counted.map(|(hits, _)| hits);
            }
        }
        return arch.dispatch(Wide::<K, M> { bytes, m });
    }
    // SSE2 (the x86-64 baseline) or NEON: the lane counters, the lane
    // maximum and the current chunk must all fit in 16 vector registers.
    // With one predicate, wide chunks (four registers each) amortise the
    // loop; with two, two registers each; with many, one register per
    // counter keeps them out of memory.
    if K <= 1 {
        count_lanes::<K, 64, M>(bytes, m)
    } else if K <= 2 {
        count_lanes::<K, 32, M>(bytes, m)
    } else {
        count_lanes::<K, 16, M>(bytes, m)
    }
}

/// The same loops, compiled for AVX2 inside pulp's dispatch (which holds
/// the `unsafe` of calling a `#[target_feature]` function), with twice the
/// lanes so that each lane array fills 256-bit registers. Everything below
/// `with_simd` is `#[inline(always)]`: a function that is not inlined into
/// the dispatched one is compiled without AVX2.
#[cfg(target_arch = "x86_64")]
struct Wide<'a, const K: usize, M> {
    bytes: &'a [u8],
    m: &'a M,
}

#[cfg(target_arch = "x86_64")]
impl<const K: usize, M: Matcher<K>> pulp::WithSimd for Wide<'_, K, M> {
    type Output = Result<[u64; K], usize>;

    #[inline(always)]
    #[allow(clippy::inline_always, reason = "see the type's docs")]
    fn with_simd<V: pulp::Simd>(self, _: V) -> Self::Output {
        if K <= 2 {
            count_lanes::<K, 64, M>(self.bytes, self.m)
        } else {
            count_lanes::<K, 32, M>(self.bytes, self.m)
        }
    }
}

/// The full per-point tally (points `1..=K` of the shifted scale; `K`
/// even) with AVX2, dense: see [`count_pairs`].
#[cfg(target_arch = "x86_64")]
struct PairsAvx2<'a, const K: usize> {
    simd: pulp::x86::V3,
    bytes: &'a [u8],
    offset: u8,
    span: u8,
}

#[cfg(target_arch = "x86_64")]
impl<const K: usize> pulp::NullaryFnOnce for PairsAvx2<'_, K> {
    type Output = Result<([u64; K], u64), usize>;

    #[inline(always)]
    #[allow(clippy::inline_always, reason = "must inline into pulp's AVX2 function")]
    fn call(self) -> Self::Output {
        count_pairs::<K, ()>(
            self.simd,
            self.bytes,
            self.offset,
            self.span,
            None,
            |_| (),
            |(), _, y| y,
        )
    }
}

/// [`count_pairs`] in 64-byte vectors, with or without a validity bitmap,
/// AVX-512BW: each chunk is shifted and its missing lanes zeroed in one
/// instruction under the chunk's 64 validity bits. The loop is
/// [`count_pairs`]'s, written out again in 512-bit intrinsics: pulp's
/// width-generic `Simd` has no byte shuffle, so each width names its own.
#[cfg(target_arch = "x86_64")]
struct PairsAvx512<'a, 'b, const K: usize> {
    simd: pulp::x86::V4,
    bytes: &'a [u8],
    offset: u8,
    span: u8,
    v: Option<Validity<'b>>,
}

#[cfg(target_arch = "x86_64")]
impl<const K: usize> pulp::NullaryFnOnce for PairsAvx512<'_, '_, K> {
    /// Hits per point and the answers present.
    type Output = Result<([u64; K], u64), usize>;

    #[inline(always)]
    #[allow(clippy::inline_always, reason = "must inline into pulp's AVX-512 function")]
    fn call(self) -> Self::Output {
        use core::arch::x86_64::__m512i;
        use pulp::bytemuck::cast;
        /// Chunks per nibble run: a nibble counts to 15.
        const RUN: usize = 15;
        let s = self.simd;
        let (offset, span, v) = (self.offset, self.span, self.v);
        let bad = |i: usize, x: u8| v.is_none_or(|v| v.is_valid(i)) && x.wrapping_sub(offset) > span;
        let tables: [__m512i; 5] = pair_tables::<64>().map(cast);
        let pairs = K / 2;
        let zero = s.avx512f._mm512_setzero_si512();
        let shift = s.avx512f._mm512_set1_epi8(offset as i8);
        let top = s.avx512f._mm512_set1_epi8(span as i8);
        let nibble = s.avx512f._mm512_set1_epi8(0x0F);
        let mut sums = [[zero; 2]; 5];
        let mut present = 0;
        let (chunks, rest) = self.bytes.as_chunks::<64>();
        for (r, run) in chunks.chunks(RUN).enumerate() {
            let start = r * RUN * 64;
            let mut acc = [zero; 5];
            let mut max = zero;
            for (c, chunk) in run.iter().enumerate() {
                // Shift and zero the missing lanes in one instruction.
                let word = v.map_or(u64::MAX, |v| v.word(start + c * 64));
                if v.is_some() {
                    present += u64::from(word.count_ones());
                }
                let y = s.avx512bw._mm512_maskz_sub_epi8(word, cast(*chunk), shift);
                max = s.avx512bw._mm512_max_epu8(max, y);
                for j in 0..pairs {
                    acc[j] = s
                        .avx512bw
                        ._mm512_add_epi8(acc[j], s.avx512bw._mm512_shuffle_epi8(tables[j], y));
                }
            }
            // Some present byte of this run is off the scale (the runs
            // before were not): find the first.
            if s.avx512bw._mm512_cmpgt_epu8_mask(max, top) != 0
                && let Some(at) = self.bytes[start..]
                    .iter()
                    .enumerate()
                    .position(|(i, &x)| bad(start + i, x))
            {
                return Err(start + at);
            }
            for j in 0..pairs {
                let low = s.avx512f._mm512_and_si512(acc[j], nibble);
                let high = s
                    .avx512f
                    ._mm512_and_si512(s.avx512bw._mm512_srli_epi16::<4>(acc[j]), nibble);
                sums[j][0] = s
                    .avx512f
                    ._mm512_add_epi64(sums[j][0], s.avx512bw._mm512_sad_epu8(low, zero));
                sums[j][1] = s
                    .avx512f
                    ._mm512_add_epi64(sums[j][1], s.avx512bw._mm512_sad_epu8(high, zero));
            }
        }
        let mut hits = [0u64; K];
        for (k, h) in hits.iter_mut().enumerate() {
            let lanes: [u64; 8] = cast(sums[k / 2][k % 2]);
            *h = lanes.iter().sum();
        }
        present += count_rest(&mut hits, rest, chunks.len() * 64, offset, span, v)?;
        // Without a bitmap every answer is present: nothing was counted.
        Ok((hits, if v.is_some() { present } else { self.bytes.len() as u64 }))
    }
}

/// [`PairsAvx2`] with a validity bitmap, AVX2 only: each 64 answers'
/// validity word is broadcast once, each 32-answer half spread to its
/// lanes (`vpshufb` byte `4h + i / 8` to lane `i`, AND with the lane's bit,
/// compare), and missing lanes zeroed with an AND. (Testing the bits with
/// `vpsign` instead of the compare, which needs the word and its shift in
/// one register, measured 7 % slower.)
#[cfg(target_arch = "x86_64")]
struct PairsMaskedAvx2<'a, 'b, const K: usize> {
    simd: pulp::x86::V3,
    bytes: &'a [u8],
    offset: u8,
    span: u8,
    v: Validity<'b>,
}

#[cfg(target_arch = "x86_64")]
impl<const K: usize> pulp::NullaryFnOnce for PairsMaskedAvx2<'_, '_, K> {
    type Output = Result<([u64; K], u64), usize>;

    #[inline(always)]
    #[allow(clippy::inline_always, reason = "must inline into pulp's AVX2 function")]
    fn call(self) -> Self::Output {
        use core::arch::x86_64::__m256i;
        let s = self.simd;
        let spread = SpreadBits::new();
        count_pairs::<K, __m256i>(
            s,
            self.bytes,
            self.offset,
            self.span,
            Some(self.v),
            |word| s.avx._mm256_set1_epi64x(word as i64),
            |&bits, h, y| spread.keep_present(s, bits, h, y),
        )
    }
}

/// Counts points `1..=K` of the shifted scale (`K` even) with AVX2 through
/// a table lookup instead of a compare per point: `vpshufb` maps each
/// answer to 1 in the low nibble of pair `j`'s lane counter when it is
/// point `2j + 1`, to 16 (the high nibble) when it is point `2j + 2`, else
/// to 0, and one add counts it. So a pair of points costs two instructions
/// per 32 answers instead of four, and ten points need five counters
/// instead of ten. A nibble holds 15, so every 15 chunks the nibbles are
/// summed into `u64`s (`vpsadbw`). Invalid bytes are caught by the lane
/// maximum, as in [`count_lanes`].
///
/// With a bitmap, `prepare(word)` runs once per 64 answers on their
/// validity word, and `mask(&prepared, h, y)` zeroes the lanes of the
/// shifted chunk `y` (half `h` of the 64) whose bits are unset; missing
/// answers then count as the shifted value 0, which no pair counts, and
/// are never validated. A run's words are read up front, by plain loads
/// where the run starts on a byte of the bitmap ([`Validity::words`]):
/// reading each word through its shifts was a third of the masked loop's
/// instructions, and this loop is bound by instructions, not memory.
///
/// Why by hand: the compiler does not turn a 16-entry table lookup into
/// `vpshufb`, and with a compare per point the ten counters, the chunk and
/// the maximum make the CPU's vector units, not memory, the bound (the full
/// tally took 1.5× the two-range NPS kernel on an AMD EPYC, 2.5× on an
/// Intel Xeon).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
#[allow(clippy::inline_always, reason = "inlined into the dispatched, AVX2-compiled caller")]
fn count_pairs<const K: usize, P>(
    s: pulp::x86::V3,
    bytes: &[u8],
    offset: u8,
    span: u8,
    validity: Option<Validity<'_>>,
    prepare: impl Fn(u64) -> P,
    mask: impl Fn(&P, usize, core::arch::x86_64::__m256i) -> core::arch::x86_64::__m256i,
) -> Result<([u64; K], u64), usize> {
    use core::arch::x86_64::__m256i;
    use pulp::bytemuck::cast;
    /// Chunks per nibble run: a nibble counts to 15; an even number, so
    /// that a run reads whole 64-bit words of a validity bitmap.
    const RUN: usize = 14;
    let present = |i: usize| validity.is_none_or(|v| v.is_valid(i));
    let bad = |i: usize, x: u8| present(i) && x.wrapping_sub(offset) > span;
    let tables: [__m256i; 5] = pair_tables::<32>().map(cast);
    let pairs = K / 2;
    let zero = s.avx._mm256_setzero_si256();
    let shift = s.avx._mm256_set1_epi8(offset as i8);
    let top = s.avx._mm256_set1_epi8(span as i8);
    let nibble = s.avx._mm256_set1_epi8(0x0F);
    let mut sums = [[zero; 2]; 5];
    let mut present = 0;
    let (chunks, rest) = bytes.as_chunks::<32>();
    for (r, run) in chunks.chunks(RUN).enumerate() {
        let start = r * RUN * 32;
        let mut acc = [zero; 5];
        let mut max = zero;
        // The run's bitmap words up front, one per 64 answers: where the
        // run starts on a byte of the bitmap, plain loads (see
        // `Validity::words`).
        let words = validity.map_or([u64::MAX; RUN / 2], |v| v.words::<{ RUN / 2 }>(start));
        if let Some(v) = validity {
            present += if run.len() == RUN {
                words.iter().map(|w| u64::from(w.count_ones())).sum::<u64>()
            } else {
                // The last run: the bits of its answers only.
                v.count_ones(start, start + run.len() * 32)
            };
        }
        // A macro, not a closure: a closure the compiler leaves out of line
        // is compiled without AVX2, and each intrinsic becomes a call.
        macro_rules! step {
            ($bits:expr, $h:expr, $chunk:expr) => {
                let y = mask($bits, $h, s.avx2._mm256_sub_epi8(cast(*$chunk), shift));
                max = s.avx2._mm256_max_epu8(max, y);
                for j in 0..pairs {
                    acc[j] = s
                        .avx2
                        ._mm256_add_epi8(acc[j], s.avx2._mm256_shuffle_epi8(tables[j], y));
                }
            };
        }
        if validity.is_none() {
            // Dense: chunk by chunk (the pair loop below measured 20 %
            // slower here).
            let bits = prepare(u64::MAX);
            for chunk in run {
                step!(&bits, 0, chunk);
            }
        } else {
            // Whole pairs (a fixed inner loop), then an odd last chunk.
            let (whole, odd) = run.as_chunks::<2>();
            for ([low, high], &word) in whole.iter().zip(&words) {
                let bits = prepare(word);
                step!(&bits, 0, low);
                step!(&bits, 1, high);
            }
            if let (Some(chunk), Some(&word)) = (odd.first(), words.get(whole.len())) {
                step!(&prepare(word), 0, chunk);
            }
        }
        let within = s.avx2._mm256_cmpeq_epi8(s.avx2._mm256_max_epu8(max, top), top);
        if s.avx2._mm256_movemask_epi8(within) != -1 {
            // Some present byte of this run is off the scale (the runs
            // before were not): find the first.
            if let Some(at) = bytes[start..].iter().enumerate().position(|(i, &x)| bad(start + i, x)) {
                return Err(start + at);
            }
        }
        for j in 0..pairs {
            let low = s.avx2._mm256_and_si256(acc[j], nibble);
            let high = s.avx2._mm256_and_si256(s.avx2._mm256_srli_epi16::<4>(acc[j]), nibble);
            sums[j][0] = s.avx2._mm256_add_epi64(sums[j][0], s.avx2._mm256_sad_epu8(low, zero));
            sums[j][1] = s.avx2._mm256_add_epi64(sums[j][1], s.avx2._mm256_sad_epu8(high, zero));
        }
    }
    let mut hits = [0u64; K];
    for (k, h) in hits.iter_mut().enumerate() {
        let lanes: [u64; 4] = cast(sums[k / 2][k % 2]);
        *h = lanes.iter().sum();
    }
    present += count_rest(&mut hits, rest, chunks.len() * 32, offset, span, validity)?;
    // Without a bitmap every answer is present: nothing was counted.
    Ok((
        hits,
        if validity.is_some() {
            present
        } else {
            bytes.len() as u64
        },
    ))
}

/// The tables of [`count_pairs`], one per pair of points, for vectors of
/// `N` bytes: the same 16 entries in every 128-bit lane (`vpshufb` looks
/// up within each lane, by the low four bits of the index).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
#[allow(clippy::inline_always, reason = "constants of the dispatched kernels")]
fn pair_tables<const N: usize>() -> [[u8; N]; 5] {
    core::array::from_fn(|j| {
        core::array::from_fn(|i| match i % 16 {
            y if y == 2 * j + 1 => 1,
            y if y == 2 * j + 2 => 16,
            _ => 0,
        })
    })
}

/// Counts the answers after the last whole chunk (at `at..`) one by one
/// into `hits` (points `1..=K` of the shifted scale), skipping missing ones;
/// returns how many were present.
#[cfg(target_arch = "x86_64")]
fn count_rest<const K: usize>(
    hits: &mut [u64; K],
    rest: &[u8],
    at: usize,
    offset: u8,
    span: u8,
    validity: Option<Validity<'_>>,
) -> Result<u64, usize> {
    let mut present = 0;
    for (i, &x) in rest.iter().enumerate() {
        if validity.is_some_and(|v| !v.is_valid(at + i)) {
            continue;
        }
        present += 1;
        let y = x.wrapping_sub(offset);
        if y > span {
            return Err(at + i);
        }
        if let Some(h) = usize::from(y).checked_sub(1).and_then(|k| hits.get_mut(k)) {
            *h += 1;
        }
    }
    Ok(present)
}

/// AVX2 and its companions (pulp's x86-64-v3 level), when the CPU has them.
///
/// Why run-time dispatch: with SSE2's 16-byte registers the full per-point
/// tally (ten compare-and-subtract pairs per chunk) is bound by vector
/// instruction throughput at 2–4× the time of the two-range NPS kernel, which
/// is bound by memory; 32-byte registers halve the instructions, and AVX2's
/// `vpshufb` allows the table lookup of [`count_pairs`]. No SSE2
/// formulation does better than one compare and one subtract per point and
/// chunk (SSE2 has no byte shuffle for a table lookup). Detection runs once;
/// the answer is cached. A build with `--cfg cxmetrics_kernels="portable"`
/// keeps to the baseline kernels (see [`mask_registers`]).
#[cfg(target_arch = "x86_64")]
fn wide_vectors() -> Option<pulp::Arch> {
    static ARCH: std::sync::OnceLock<Option<pulp::Arch>> = std::sync::OnceLock::new();
    if cfg!(cxmetrics_kernels = "portable") {
        return None;
    }
    *ARCH.get_or_init(|| {
        // AVX2 even where AVX-512 exists: compiled for AVX-512 the compare
        // kernels were no faster on the AMD EPYC (full tally 3 % faster,
        // top-2 share 15 % slower), and 256-bit code never lowers the clock.
        // The table kernel is the exception (`PairsAvx512`, measured 14 %
        // faster in 64-byte vectors, where the mask costs one instruction).
        pulp::x86::V3::try_new().map(pulp::Arch::V3)
    })
}

#[inline(always)]
#[allow(clippy::inline_always, reason = "inlined into the dispatched, AVX2-compiled caller")]
fn count_lanes<const K: usize, const LANES: usize, M: Matcher<K>>(bytes: &[u8], m: &M) -> Result<[u64; K], usize> {
    let block_len = LANES * CHUNKS_PER_BLOCK;
    let (offset, span) = (m.offset(), m.span());
    let mut totals = [0u64; K];
    for (b, block) in bytes.chunks(block_len).enumerate() {
        let (chunks, rest) = block.as_chunks::<LANES>();
        let mut acc = [[0u8; LANES]; K];
        let mut max = [0u8; LANES];
        for chunk in chunks {
            count_chunk(chunk, m, &mut acc, &mut max);
        }
        if max.iter().any(|&x| x > span) || rest.iter().any(|&x| x.wrapping_sub(offset) > span) {
            // The vector maximum says some byte is off the scale; find the
            // first one. Should it find none, every byte was valid and the
            // block's counts stand, so counting simply goes on.
            if let Some(at) = block.iter().position(|&x| x.wrapping_sub(offset) > span) {
                return Err(b * block_len + at);
            }
        }
        for (total, lanes) in totals.iter_mut().zip(&acc) {
            *total += lanes.iter().map(|&c| u64::from(c)).sum::<u64>();
        }
        for &x in rest {
            let y = x.wrapping_sub(offset);
            for (k, total) in totals.iter_mut().enumerate() {
                *total += u64::from(m.hit(k, y));
            }
        }
    }
    Ok(totals)
}

#[inline(always)]
#[allow(
    clippy::inline_always,
    reason = "the chunk loop must be inlined into the block loop to stay vectorised"
)]
#[allow(
    clippy::needless_range_loop,
    reason = "explicit lane indices are what the compiler vectorises"
)]
fn count_chunk<const K: usize, const LANES: usize, M: Matcher<K>>(
    chunk: &[u8; LANES],
    m: &M,
    acc: &mut [[u8; LANES]; K],
    max: &mut [u8; LANES],
) {
    let offset = m.offset();
    let mut y = [0u8; LANES];
    for i in 0..LANES {
        y[i] = chunk[i].wrapping_sub(offset);
    }
    count_shifted(&y, m, acc, max);
}

/// Counts one chunk of already shifted values into the lane counters and
/// the lane maximum.
#[inline(always)]
#[allow(clippy::inline_always, reason = "part of the vectorised chunk loop")]
#[allow(
    clippy::needless_range_loop,
    reason = "explicit lane indices are what the compiler vectorises"
)]
fn count_shifted<const K: usize, const LANES: usize, M: Matcher<K>>(
    y: &[u8; LANES],
    m: &M,
    acc: &mut [[u8; LANES]; K],
    max: &mut [u8; LANES],
) {
    for i in 0..LANES {
        max[i] = max[i].max(y[i]);
    }
    for k in 0..K {
        for i in 0..LANES {
            acc[k][i] = acc[k][i].wrapping_add(u8::from(m.hit(k, y[i])));
        }
    }
}

#[cfg(test)]
#[allow(clippy::needless_range_loop, clippy::naive_bytecount)]
mod tests {
    use super::*;

    fn naive<const K: usize>(bytes: &[u8], r: &Ranges<K>) -> Result<[u64; K], usize> {
        let mut t = [0u64; K];
        for (i, &x) in bytes.iter().enumerate() {
            let y = x.wrapping_sub(r.offset);
            if y > r.span {
                return Err(i);
            }
            for k in 0..K {
                if y >= r.lo[k] && y <= r.lo[k] + r.width[k] {
                    t[k] += 1;
                }
            }
        }
        Ok(t)
    }

    const NPS: Ranges<2> = Ranges {
        offset: 0,
        span: 10,
        lo: [0, 9],
        width: [6, 1],
    };

    #[test]
    fn the_portable_blend_keeps_answered_lanes_and_fills_the_rest() {
        // The blend without AVX2 (this test's CPU takes the AVX2 one, so the
        // mutation `|` to `&` in it survived the whole suite).
        let x: [u8; 64] = core::array::from_fn(|i| i as u8 + 1);
        for word in [0u64, u64::MAX, 0xF0F0_0000_FFFF_0001, 0x8000_0000_0000_0001] {
            let mut out = [0u8; 64];
            blend64(&mut out, &x, word, 9);
            for (i, &got) in out.iter().enumerate() {
                let want = if word >> i & 1 == 1 { x[i] } else { 9 };
                assert_eq!(got, want, "lane {i} of {word:#x}");
            }
        }
    }

    #[test]
    fn the_portable_block_blend_reads_each_chunks_own_bitmap_word() {
        // Without AVX2 a block is blended chunk by chunk, each with the
        // bitmap word at `base + 64·c` (`+` as `−` survived: this CPU takes
        // the AVX2 path). Three chunks at a base of 128, bit offset 3.
        let bits: Vec<u8> = (0..80).map(|i| (i * 37 + 11) as u8).collect();
        let v = Validity::new(&bits, 3, 600).expect("600 bits fit");
        let x: Vec<[u8; 64]> = (0..3)
            .map(|c| core::array::from_fn(|i| (c * 64 + i) as u8 % 200 + 1))
            .collect();
        let mut out = vec![[0u8; 64]; 3];
        blend_block(&mut out, &x, v, 128, 0);
        for (c, chunk) in out.iter().enumerate() {
            for (i, &got) in chunk.iter().enumerate() {
                let at = 128 + 64 * c + i;
                let want = if v.is_valid(at) { x[c][i] } else { 0 };
                assert_eq!(got, want, "answer {at}");
            }
        }
    }

    #[test]
    fn matches_naive_across_block_boundaries() {
        for len in [0, 1, 63, 64, 65, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 17] {
            let bytes: Vec<u8> = (0..len).map(|i| ((i * 7 + i / 13) % 11) as u8).collect();
            assert_eq!(count(&bytes, &NPS), naive(&bytes, &NPS), "len {len}");
        }
    }

    #[test]
    fn every_lane_width_agrees_whichever_the_cpu_runs() {
        // `count` picks AVX2 or the baseline at run time; test each width here.
        let mut bytes: Vec<u8> = (0..3 * BLOCK + 77).map(|i| ((i * 13 + i / 7) % 11) as u8).collect();
        let expected = naive(&bytes, &NPS);
        assert_eq!(count_lanes::<2, 16, _>(&bytes, &NPS), expected);
        assert_eq!(count_lanes::<2, 32, _>(&bytes, &NPS), expected);
        assert_eq!(count_lanes::<2, 64, _>(&bytes, &NPS), expected);
        let points = Points { offset: 0, span: 10 };
        let per_point: [u64; 10] = core::array::from_fn(|k| bytes.iter().filter(|&&x| x == k as u8 + 1).count() as u64);
        assert_eq!(count_lanes::<10, 16, _>(&bytes, &points), Ok(per_point));
        assert_eq!(count_lanes::<10, 32, _>(&bytes, &points), Ok(per_point));
        bytes[BLOCK + 5] = 11;
        assert_eq!(count_lanes::<10, 16, _>(&bytes, &points), Err(BLOCK + 5));
        assert_eq!(count_lanes::<10, 32, _>(&bytes, &points), Err(BLOCK + 5));
        assert_eq!(count_lanes::<2, 64, _>(&bytes, &NPS), Err(BLOCK + 5));
    }

    #[test]
    fn lane_counters_do_not_wrap_on_constant_input() {
        let bytes = vec![10u8; 2 * BLOCK + 5];
        assert_eq!(count(&bytes, &NPS), Ok([0, 2 * BLOCK as u64 + 5]));
    }

    #[test]
    fn reports_first_invalid_index_in_body_and_tail() {
        let mut bytes = vec![5u8; 2 * BLOCK + 10];
        for at in [0, 63, 64, BLOCK + 3, 2 * BLOCK + 9] {
            bytes[at] = 11;
            assert_eq!(count(&bytes, &NPS), Err(at));
            bytes[at] = 255;
            assert_eq!(count(&bytes, &NPS), Err(at));
            bytes[at] = 5;
        }
    }

    #[test]
    fn points_count_each_value_above_the_lowest() {
        let bytes: Vec<u8> = (0..5000u32).map(|i| (1 + i % 7) as u8).collect();
        let points = Points { offset: 1, span: 6 };
        let expected: [u64; 6] = core::array::from_fn(|k| bytes.iter().filter(|&&x| x == k as u8 + 2).count() as u64);
        assert_eq!(count::<6, _>(&bytes, &points), Ok(expected));
        assert_eq!(count::<6, _>(&[1, 7, 8], &points), Err(2));
    }

    /// Per-point counts of the shifted values `1..=K`, or the first byte
    /// off the scale.
    fn naive_points<const K: usize>(bytes: &[u8], offset: u8, span: u8) -> Result<[u64; K], usize> {
        let mut t = [0u64; K];
        for (i, &x) in bytes.iter().enumerate() {
            let y = x.wrapping_sub(offset);
            if y > span {
                return Err(i);
            }
            if y >= 1 {
                t[usize::from(y) - 1] += 1;
            }
        }
        Ok(t)
    }

    fn pairs_case<const K: usize>(offset: u8) {
        let span = K as u8;
        let points = Points { offset, span };
        // 480 answers per nibble run of the table kernel; a constant input
        // fills one nibble to its 15 in every run.
        for len in [0, 31, 32, 479, 480, 481, 15 * 32 * 17 + 5, BLOCK + 33] {
            let mixed: Vec<u8> = (0..len).map(|i| offset + ((i * 7 + i / 5) % (K + 1)) as u8).collect();
            let constant = vec![offset + span; len];
            for bytes in [&mixed, &constant] {
                assert_eq!(
                    count::<K, _>(bytes, &points),
                    naive_points::<K>(bytes, offset, span),
                    "K {K} len {len}"
                );
            }
        }
        let mut bytes: Vec<u8> = (0..3000).map(|i| offset + (i % (K + 1)) as u8).collect();
        // Off the scale in the first run, a later run and the tail: just
        // above the top, a byte whose low four bits name a point (the table
        // looks up by those), and one with the top bit set (looked up as 0).
        for at in [0, 479, 480, 1500, 2990, 2999] {
            for bad in [offset + span + 1, offset.wrapping_add(17), 0x80 + offset] {
                let keep = bytes[at];
                bytes[at] = bad;
                assert_eq!(count::<K, _>(&bytes, &points), Err(at), "K {K} bad {bad} at {at}");
                bytes[at] = keep;
            }
        }
    }

    #[test]
    fn the_table_kernel_counts_every_point_and_finds_the_first_bad_byte() {
        pairs_case::<10>(0);
        pairs_case::<6>(1);
        pairs_case::<4>(1);
        #[cfg(target_arch = "x86_64")]
        if let Some(simd) = pulp::x86::V3::try_new() {
            // Whatever `count` picked, the AVX2 table kernel itself.
            let bytes: Vec<u8> = (0..10_000).map(|i| ((i * 3 + i / 11) % 11) as u8).collect();
            let got = simd.vectorize(PairsAvx2::<10> {
                simd,
                bytes: &bytes,
                offset: 0,
                span: 10,
            });
            let want = naive_points::<10>(&bytes, 0, 10).map(|hits| (hits, bytes.len() as u64));
            assert_eq!(got, want);
        }
    }

    #[test]
    fn offset_scales_reject_zero() {
        let likert = Ranges {
            offset: 1,
            span: 4,
            lo: [3],
            width: [1],
        };
        assert_eq!(count(&[5, 4, 1, 0], &likert), Err(3));
        assert_eq!(count(&[5, 4, 1, 3], &likert), Ok([2]));
    }
}

#[cfg(test)]
#[allow(clippy::naive_bytecount)]
mod validity_tests {
    use super::*;
    use crate::{Likert5, ZeroToTen};

    fn bits_for(len: usize, offset: usize, seed: u64) -> Vec<u8> {
        let mut x = seed | 1;
        (0..=(offset + len).div_ceil(8))
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect()
    }

    #[test]
    fn masked_counts_match_one_by_one_at_any_offset_and_length() {
        for len in [0, 1, 15, 16, 17, 63, 64, 65, 4000, 64 * 255 + 70] {
            for offset in [0, 1, 5, 8, 13] {
                let bits = bits_for(len, offset, (len * 31 + offset) as u64);
                let v = Validity::new(&bits, offset, len).expect("fits");
                // Missing answers hold junk that would be invalid if read.
                let ratings: Vec<u8> = (0..len)
                    .map(|i| if v.is_valid(i) { ((i * 7) % 11) as u8 } else { 200 })
                    .collect();
                let present: Vec<u8> = (0..len).filter(|&i| v.is_valid(i)).map(|i| ratings[i]).collect();
                let dense = count_points::<ZeroToTen>(&present, None).expect("valid");
                assert_eq!(
                    count_points::<ZeroToTen>(&ratings, Some(v)),
                    Ok(dense),
                    "len {len} offset {offset}"
                );
                let nps = count_ranges::<ZeroToTen, 2>(&ratings, Some(v), [(0, 6), (9, 10)]).expect("valid");
                let naive = count_ranges::<ZeroToTen, 2>(&present, None, [(0, 6), (9, 10)]).expect("valid");
                assert_eq!(nps, naive, "len {len} offset {offset}");
            }
        }
    }

    #[test]
    fn each_matchers_bounds_are_its_predicates() {
        let ranges = Ranges {
            offset: 1,
            span: 4,
            lo: [0, 3, 250],
            width: [2, 0, 10],
        };
        let points = Points { offset: 0, span: 10 };
        let below = Below {
            offset: 0,
            span: 10,
            limit: [1, 7, 9, 11],
        };
        for y in 0..=10 {
            // `Below` stands for its bounds on the scale only.
            for k in 0..4 {
                let (lo, width) = Matcher::<4>::bounds(&below, k);
                assert_eq!(
                    Matcher::<4>::hit(&below, k, y),
                    y.wrapping_sub(lo) <= width,
                    "below {k} y {y}"
                );
            }
        }
        for y in 0..=u8::MAX {
            for k in 0..3 {
                let (lo, width) = Matcher::<3>::bounds(&ranges, k);
                assert_eq!(
                    Matcher::<3>::hit(&ranges, k, y),
                    y.wrapping_sub(lo) <= width,
                    "range {k} y {y}"
                );
            }
            for k in 0..10 {
                let (lo, width) = Matcher::<10>::bounds(&points, k);
                assert_eq!(
                    Matcher::<10>::hit(&points, k, y),
                    y.wrapping_sub(lo) <= width,
                    "point {k} y {y}"
                );
            }
        }
    }

    #[test]
    fn ranges_at_either_end_and_only_those_become_thresholds() {
        let limits = |ranges: [(u8, u8); 2]| below::<ZeroToTen, 2>(ranges).map(|(m, prefix)| (m.limit, prefix));
        // NPS: detractors below 7, promoters all but those below 9.
        assert_eq!(limits([(0, 6), (9, 10)]), Some(([7, 9], [true, false])));
        assert_eq!(limits([(0, 10), (10, 10)]), Some(([11, 10], [true, false])));
        assert_eq!(limits([(0, 6), (7, 8)]), None);
        assert_eq!(limits([(1, 10), (0, 9)]), Some(([1, 10], [false, true])));
        assert_eq!(
            below::<Likert5, 1>([(4, 5)]).map(|(m, prefix)| (m.offset, m.span, m.limit, prefix)),
            Some((1, 4, [3], [false]))
        );
    }

    #[test]
    #[cfg(target_arch = "x86_64")]
    fn only_ranges_from_zero_on_a_small_scale_take_the_signed_compare() {
        let (nps, _) = below::<ZeroToTen, 2>([(0, 6), (9, 10)]).expect("edge ranges");
        assert!(from_zero(&nps));
        assert!(!from_zero(&NPS_LIKERT));
        let wide = Ranges {
            offset: 0,
            span: 200,
            lo: [0],
            width: [6],
        };
        assert!(!from_zero(&wide));
        let long = Ranges {
            offset: 0,
            span: 100,
            lo: [0],
            width: [127],
        };
        // `width + 1` must stay a positive `i8`.
        assert!(from_zero(&Ranges { width: [126], ..long }));
        assert!(!from_zero(&long));
    }

    #[test]
    fn five_ranges_count_through_full_blocks_of_hits() {
        // Five ranges, one of them not starting at 0 (the general compare),
        // over whole blocks where every present answer is in every range
        // but the last: each lane counter reaches its block maximum.
        let m = Ranges {
            offset: 0,
            span: 10,
            lo: [0, 0, 0, 0, 10],
            width: [9, 9, 9, 9, 0],
        };
        let len = 3 * 64 * 255 + 100;
        for (offset, seed) in [(0, 0), (3, 7), (0, 11)] {
            let bits = if seed == 0 {
                vec![0xFF; len / 8 + 2]
            } else {
                bits_for(len, offset, seed)
            };
            let v = Validity::new(&bits, offset, len).expect("fits");
            let ratings: Vec<u8> = (0..len)
                .map(|i| match (v.is_valid(i), i % 1000) {
                    (false, _) => 0xEE,
                    (true, 0) => 10,
                    (true, _) => (i % 10) as u8,
                })
                .collect();
            let present: Vec<u8> = (0..len).filter(|&i| v.is_valid(i)).map(|i| ratings[i]).collect();
            let n = present.len() as u64;
            let tens = present.iter().filter(|&&x| x == 10).count() as u64;
            // Missing answers count as the shifted value 0 here (`run`
            // takes them off again), so the first four ranges have them.
            let first = n - tens + (len as u64 - n);
            let (hits, answers) = count_masked::<5, _>(&ratings, &m, v).expect("valid");
            assert_eq!(
                (hits, answers),
                ([first, first, first, first, tens], n),
                "offset {offset} seed {seed}"
            );
            assert_eq!(count_masked_copy::<5, _>(&ratings, &m, v), Ok((hits, answers)));
        }
    }

    #[test]
    fn ranges_from_either_end_count_as_ranges_in_between_do() {
        // `count_ranges` counts ranges that touch an end of the scale
        // through `Below` thresholds, others through `Ranges`: every mix,
        // with and without a bitmap, against counting one by one.
        fn naive(ratings: &[u8], v: Option<Validity<'_>>, ranges: &[(u8, u8)]) -> (Vec<u64>, u64) {
            let present: Vec<u8> = (0..ratings.len())
                .filter(|&i| v.is_none_or(|v| v.is_valid(i)))
                .map(|i| ratings[i])
                .collect();
            let hits = ranges
                .iter()
                .map(|&(lo, hi)| present.iter().filter(|&&x| (lo..=hi).contains(&x)).count() as u64)
                .collect();
            (hits, present.len() as u64)
        }
        let len = 3 * 64 * 255 + 77;
        let bits = bits_for(len, 5, 99);
        let v = Validity::new(&bits, 5, len).expect("fits");
        let ratings: Vec<u8> = (0..len)
            .map(|i| {
                if v.is_valid(i) {
                    1 + ((i * 7 + i / 300) % 5) as u8
                } else {
                    0xEE
                }
            })
            .collect();
        let dense: Vec<u8> = ratings.iter().map(|&x| if x == 0xEE { 3 } else { x }).collect();
        let sets: [[(u8, u8); 2]; 6] = [
            [(1, 2), (4, 5)],
            [(1, 1), (5, 5)],
            [(1, 5), (2, 3)],
            [(2, 4), (3, 3)],
            [(4, 5), (1, 3)],
            [(5, 5), (1, 4)],
        ];
        for ranges in sets {
            for (bytes, validity) in [(&ratings, Some(v)), (&dense, None)] {
                let got = count_ranges::<Likert5, 2>(bytes, validity, ranges).expect("valid");
                let (hits, answers) = naive(bytes, validity, &ranges);
                assert_eq!((got.hits.to_vec(), got.answers), (hits, answers), "{ranges:?}");
            }
            let one = count_ranges::<Likert5, 1>(&dense, None, [ranges[0]]).expect("valid");
            assert_eq!(one.hits[0], naive(&dense, None, &ranges[..1]).0[0], "{ranges:?}");
            // An off-scale byte after the first block is still found.
            let mut bad = dense.clone();
            bad[64 * 255 + 3] = 6;
            assert!(matches!(
                count_ranges::<Likert5, 2>(&bad, None, ranges),
                Err(Error::OutOfRangeAt { index, .. }) if index == 64 * 255 + 3
            ));
        }
    }

    #[test]
    fn the_fused_and_the_copying_masked_counts_agree() {
        // `count_masked` runs the fused AVX-512 loop where the CPU has it;
        // the copying fallback must give the same counts and errors.
        let points = Points { offset: 1, span: 4 };
        for len in [0, 31, 32, 33, 64 * 255 - 1, 64 * 255 + 40, 3 * 64 * 255 + 7] {
            for offset in [0, 3, 8] {
                let bits = bits_for(len, offset, (len * 7 + offset) as u64 + 1);
                let v = Validity::new(&bits, offset, len).expect("fits");
                let mut ratings: Vec<u8> = (0..len)
                    .map(|i| {
                        if v.is_valid(i) {
                            1 + (i % 5) as u8
                        } else {
                            (i % 256) as u8
                        }
                    })
                    .collect();
                let copy = count_masked_copy::<4, _>(&ratings, &points, v);
                assert_eq!(copy.map(|(_, present)| present), Ok(v.answered()));
                assert_eq!(
                    count_masked::<4, _>(&ratings, &points, v),
                    copy,
                    "len {len} offset {offset}"
                );
                assert_eq!(
                    count_masked::<2, _>(&ratings, &NPS_LIKERT, v),
                    count_masked_copy::<2, _>(&ratings, &NPS_LIKERT, v)
                );
                if let Some(at) = (0..len).rev().find(|&i| v.is_valid(i)) {
                    ratings[at] = 0;
                    assert_eq!(count_masked::<4, _>(&ratings, &points, v), Err(at));
                    assert_eq!(count_masked_copy::<4, _>(&ratings, &points, v), Err(at));
                    assert_eq!(count_masked::<2, _>(&ratings, &NPS_LIKERT, v), Err(at));
                }
            }
        }
    }

    #[test]
    #[cfg(target_arch = "x86_64")]
    fn each_masked_table_kernel_counts_present_answers_and_skips_junk() {
        // `count_masked` picks one of them; run each the CPU has.
        for len in [0, 31, 32, 479, 480, 481, 15 * 32 * 17 + 5] {
            for offset in [0, 3, 8] {
                let bits = bits_for(len, offset, (len * 13 + offset) as u64 + 7);
                let v = Validity::new(&bits, offset, len).expect("fits");
                // Junk under missing bits: off the scale, or a byte whose
                // low four bits would name a point in the table.
                let mut ratings: Vec<u8> = (0..len)
                    .map(|i| {
                        if v.is_valid(i) {
                            ((i * 7 + i / 13) % 11) as u8
                        } else {
                            [200, 17, 0x83][i % 3]
                        }
                    })
                    .collect();
                let mut want = [0u64; 10];
                for (i, &x) in ratings.iter().enumerate() {
                    if v.is_valid(i) && x > 0 {
                        want[usize::from(x) - 1] += 1;
                    }
                }
                let bad_at = (0..len).rev().find(|&i| v.is_valid(i));
                for round in 0..2 {
                    let expect = if round == 0 {
                        Ok((want, v.answered()))
                    } else {
                        Err(bad_at.expect("some answer present"))
                    };
                    if let Some(simd) = pulp::x86::V3::try_new() {
                        let got = simd.vectorize(PairsMaskedAvx2::<10> {
                            simd,
                            bytes: &ratings,
                            offset: 0,
                            span: 10,
                            v,
                        });
                        assert_eq!(got, expect, "AVX2, len {len} offset {offset}");
                    }
                    if let Some(simd) = mask_registers() {
                        let got = simd.vectorize(PairsAvx512::<10> {
                            simd,
                            bytes: &ratings,
                            offset: 0,
                            span: 10,
                            v: Some(v),
                        });
                        assert_eq!(got, expect, "AVX-512, len {len} offset {offset}");
                    }
                    match bad_at {
                        Some(at) => ratings[at] = 11,
                        None => break,
                    }
                }
            }
        }
    }

    /// Two ranges on a 1–5 scale, the second containing the lowest point.
    const NPS_LIKERT: Ranges<2> = Ranges {
        offset: 1,
        span: 4,
        lo: [3, 0],
        width: [1, 1],
    };

    #[test]
    fn an_invalid_present_byte_is_found_after_skipped_junk() {
        let len = 3 * 64 * 16 + 5;
        let bits = vec![0b1010_1010u8; len / 8 + 2];
        let v = Validity::new(&bits, 1, len).expect("fits");
        let mut ratings: Vec<u8> = (0..len).map(|i| if v.is_valid(i) { 3 } else { 0 }).collect();
        assert!(count_points::<Likert5>(&ratings, Some(v)).is_ok());
        for at in [0, 2, 1000, len - 1] {
            let before = ratings[at];
            ratings[at] = 6;
            let r = count_points::<Likert5>(&ratings, Some(v));
            if v.is_valid(at) {
                assert_eq!(
                    r.map_err(|e| e.to_string()),
                    Err(format!("rating 6 at index {at} is off the 1–5 scale"))
                );
            } else {
                assert!(r.is_ok(), "junk under a missing bit at {at} was validated");
            }
            ratings[at] = before;
        }
    }

    #[test]
    fn a_bitmap_of_another_length_is_rejected() {
        let v = Validity::new(&[0xFF], 0, 3).expect("fits");
        let err = count_points::<Likert5>(&[1, 2], Some(v)).expect_err("length mismatch");
        assert_eq!(
            err.to_string(),
            "validity bitmap length 3 is out of range: expected one bit per rating"
        );
    }
}
