//! The validated bulk-counting kernel behind every `from_raw` path.
//!
//! Why hand-written: a scatter histogram (`counts[x] += 1`) is a chain of
//! dependent loads and stores on a few hot counters and runs at 0.8–3.6 ns
//! per answer, slower still on skewed real data. Here every answer is
//! instead *compared* against a handful of ranges in fixed-width `u8` lanes:
//! the loops below have no data-dependent addressing, so the compiler turns
//! them into SIMD compares and subtracts in the default build (SSE2 on
//! x86-64, NEON on aarch64) without `unsafe` or intrinsics. Validation rides
//! along as a lane-wise maximum, checked once per block.
//!
//! Each `u8` lane counter can take 255 hits, so a block is 255 chunks; the
//! lane counters are then widened into `u64` totals.

/// Chunks per block: the most a `u8` lane counter can count.
const CHUNKS_PER_BLOCK: usize = 255;
/// Largest block, in bytes (used by the tests).
#[cfg(test)]
const BLOCK: usize = 64 * CHUNKS_PER_BLOCK;

/// What to count: `K` predicates on the shifted value `y = byte - offset`.
///
/// Every byte with `y > span` is invalid.
pub(crate) trait Matcher<const K: usize> {
    /// Subtracted from every byte so that the scale starts at 0.
    fn offset(&self) -> u8;
    /// Largest valid shifted value (`MAX - MIN`).
    fn span(&self) -> u8;
    /// Whether `y` counts towards predicate `k`.
    fn hit(&self, k: usize, y: u8) -> bool;
}

/// `K` ranges, each given as `(lo, width)`: `y` is in range `k` when
/// `y - lo[k] <= width[k]` (wrapping arithmetic).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ranges<const K: usize> {
    pub(crate) offset: u8,
    pub(crate) span: u8,
    /// Start of each range, shifted.
    pub(crate) lo: [u8; K],
    /// Length of each range minus one.
    pub(crate) width: [u8; K],
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
}

/// The points `1..=K` of the shifted scale, each on its own: `y == k + 1`.
/// The comparison constants are known at compile time, which the full
/// per-point tally needs to keep its ten counters in registers.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Points {
    pub(crate) offset: u8,
    pub(crate) span: u8,
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
}

/// Counts, for each of `K` predicates, how many bytes match it.
///
/// Returns `Err(index)` with the position of the first byte outside
/// `offset..=offset + span`.
pub(crate) fn count<const K: usize, M: Matcher<K>>(bytes: &[u8], m: &M) -> Result<[u64; K], usize> {
    // The lane counters, the lane maximum and the current chunk must all fit
    // in the 16 vector registers of SSE2/AVX2: with few predicates, wide
    // chunks (four registers each) amortise the loop; with many, one
    // register per counter keeps them out of memory.
    if K <= 2 {
        count_lanes::<K, 64, M>(bytes, m)
    } else {
        count_lanes::<K, 16, M>(bytes, m)
    }
}

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
            let at = block.iter().position(|&x| x.wrapping_sub(offset) > span).unwrap_or(0);
            return Err(b * block_len + at);
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
    fn matches_naive_across_block_boundaries() {
        for len in [0, 1, 63, 64, 65, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 17] {
            let bytes: Vec<u8> = (0..len).map(|i| ((i * 7 + i / 3) % 11) as u8).collect();
            assert_eq!(count(&bytes, &NPS), naive(&bytes, &NPS), "len {len}");
        }
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
