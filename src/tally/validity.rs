//! `Validity`: which answers in a column are present, as an Arrow-layout bitmap.

use crate::Error;

/// Which answers of a column are present: a validity bitmap in Arrow's
/// layout, so arrow-rs (any version), polars and `DuckDB` vectors can pass
/// theirs without this crate depending on any of them.
///
/// Bit `offset + i` of `bits`, counted least-significant bit first within
/// each byte, says whether answer `i` is present (1) or missing (0).
/// A missing answer is neither counted nor validated: its rating byte may
/// hold anything. The bitmap is checked once, when it is made, to cover
/// `offset + len` bits, so the bulk paths that take it cannot read past it.
///
/// # Example
///
/// ```
/// use cxmetrics::{Tally, Validity, ZeroToTen};
///
/// // Answers 0 and 2 are present; answer 1 is missing (its byte, 255, is ignored).
/// let validity = Validity::new(&[0b101], 0, 3)?;
/// let t = Tally::<ZeroToTen>::from_raw_valid(&[10, 255, 3], validity)?;
/// assert_eq!(t.total(), 2);
/// # Ok::<(), cxmetrics::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Validity<'a> {
    bits: &'a [u8],
    offset: usize,
    len: usize,
}

impl<'a> Validity<'a> {
    /// A validity bitmap over `len` answers whose first bit is bit `offset`
    /// of `bits` (LSB first, as in Arrow).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] when `bits` holds fewer than `offset + len`
    /// bits, e.g. one byte for ten answers, or with `offset` 3 for six.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::Validity;
    ///
    /// let v = Validity::new(&[0b1111_0000, 0b0000_0001], 4, 5)?;
    /// assert_eq!((v.len(), v.answered()), (5, 5));
    /// assert!(Validity::new(&[0xFF], 3, 6).is_err());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    pub fn new(bits: &'a [u8], offset: usize, len: usize) -> Result<Self, Error> {
        let needed = offset.checked_add(len);
        let available = bits.len().checked_mul(8);
        match (needed, available) {
            (Some(n), Some(a)) if n <= a => Ok(Self { bits, offset, len }),
            // A slice of more than usize::MAX / 8 bytes cannot exist.
            (Some(_), None) => Ok(Self { bits, offset, len }),
            _ => Err(Error::InvalidArgument {
                name: "validity bitmap bits",
                value: (bits.len() as f64) * 8.0,
                expected: "at least offset + len bits",
            }),
        }
    }

    /// The number of answers the bitmap covers, present or missing.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::Validity;
    ///
    /// assert_eq!(Validity::new(&[0, 0], 0, 16)?.len(), 16);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn len(&self) -> usize {
        self.len
    }

    /// Whether the bitmap covers no answers.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::Validity;
    ///
    /// assert!(Validity::new(&[], 0, 0)?.is_empty());
    /// assert!(!Validity::new(&[0b0000_0001], 0, 1)?.is_empty());
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether answer `i` is present; `false` past the end.
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::Validity;
    ///
    /// let v = Validity::new(&[0b0000_0100], 1, 3)?;
    /// assert_eq!([v.is_valid(0), v.is_valid(1), v.is_valid(2), v.is_valid(3)], [false, true, false, false]);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn is_valid(&self, i: usize) -> bool {
        if i >= self.len {
            return false;
        }
        let bit = self.offset + i;
        self.bits.get(bit / 8).is_some_and(|&b| b >> (bit % 8) & 1 == 1)
    }

    /// The number of answers present (set bits among the `len` covered).
    ///
    /// # Example
    ///
    /// ```
    /// use cxmetrics::Validity;
    ///
    /// assert_eq!(Validity::new(&[0b1011_0110, 0xFF], 2, 9)?.answered(), 7);
    /// # Ok::<(), cxmetrics::Error>(())
    /// ```
    #[must_use]
    pub fn answered(&self) -> u64 {
        self.count_ones(0, self.len)
    }

    /// Set bits among answers `from..to` (`to <= len`).
    pub(crate) fn count_ones(&self, from: usize, to: usize) -> u64 {
        let (start, end) = (self.offset + from, self.offset + to);
        if start >= end {
            return 0;
        }
        let (first, last) = (start / 8, (end - 1) / 8);
        let head = 0xFFu8 << (start % 8);
        let tail = 0xFFu8 >> (7 - (end - 1) % 8);
        let byte = |i: usize| self.bits.get(i).copied().unwrap_or(0);
        if first == last {
            return u64::from((byte(first) & head & tail).count_ones());
        }
        let inner = popcount(self.bits.get(first + 1..last).unwrap_or(&[]));
        inner + u64::from((byte(first) & head).count_ones()) + u64::from((byte(last) & tail).count_ones())
    }

    /// `N` consecutive [`word`](Self::word)s from answer `start`, with one
    /// bounds check for all of them where they lie inside the bitmap, and
    /// plain 64-bit loads where they also start on a byte of it (a kernel
    /// reads them once per 64 answers, and reading each through `word`
    /// was a third of its instructions).
    #[inline(always)]
    #[allow(clippy::inline_always, reason = "read in the masked kernels' loops")]
    pub(crate) fn words<const N: usize>(&self, start: usize) -> [u64; N] {
        let bit = self.offset + start;
        let (at, shift) = (bit / 8, bit % 8);
        if shift == 0
            && let Some(bytes) = self.bits.get(at..at + 8 * N)
        {
            let (words, _) = bytes.as_chunks::<8>();
            return core::array::from_fn(|i| words.get(i).map_or(0, |w| u64::from_le_bytes(*w)));
        }
        // Off a byte boundary: each word and the byte after it, shifted as
        // in `word`, with one bounds check for all of them.
        if let Some(bytes) = self.bits.get(at..at + 8 * N + 1) {
            let (words, _) = bytes.as_chunks::<8>();
            return core::array::from_fn(|i| {
                let lo = words.get(i).map_or(0, |w| u64::from_le_bytes(*w));
                let hi = u64::from(bytes.get(8 * i + 8).copied().unwrap_or(0));
                (lo >> shift) | ((hi << 1) << (63 - shift))
            });
        }
        core::array::from_fn(|i| self.word(start + 64 * i))
    }

    /// The [`word`](Self::word)s of answers `start`, `start + 64`, … for as
    /// long as each word and the byte after it lie inside the bitmap: each
    /// is read from a window of two 64-bit loads without a bounds check of
    /// its own (a kernel reads one per 64 answers, and the bounds checks and
    /// shifts of `word` were a sixth of the masked NPS loop's time in cache).
    #[inline(always)]
    #[allow(clippy::inline_always, reason = "read in the masked kernels' loops")]
    pub(crate) fn word_windows(&self, start: usize) -> impl Iterator<Item = u64> + use<'a> {
        let bit = self.offset + start;
        let shift = bit % 8;
        let (words, _) = self.bits.get(bit / 8..).unwrap_or(&[]).as_chunks::<8>();
        words.windows(2).map(move |w| {
            let (lo, hi) = (u64::from_le_bytes(w[0]), u64::from_le_bytes(w[1]));
            // As in `word`: `hi << 64` would overflow.
            (lo >> shift) | ((hi << 1) << (63 - shift))
        })
    }

    /// The 64 validity bits of answers `start..start + 64`, answer `start`
    /// in bit 0. Bits past the end of the bitmap read as 0; bits past `len`
    /// are whatever the bitmap holds there.
    #[inline(always)]
    #[allow(clippy::inline_always, reason = "read once per 64 answers in the masked kernels")]
    pub(crate) fn word(&self, start: usize) -> u64 {
        let bit = self.offset + start;
        let (at, shift) = (bit / 8, bit % 8);
        if let Some(b) = self.bits.get(at..at + 9) {
            let lo = u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
            let hi = u64::from(b[8]);
            // `hi << 64` would overflow: shift in two steps.
            return (lo >> shift) | ((hi << 1) << (63 - shift));
        }
        let mut buf = [0u8; 16];
        if let Some(src) = self.bits.get(at..) {
            buf[..src.len().min(16)].copy_from_slice(&src[..src.len().min(16)]);
        }
        (u128::from_le_bytes(buf) >> shift) as u64
    }
}

/// Set bits in `bytes`, eight bytes per population count. The x86-64
/// baseline has no POPCNT instruction (each count is a dozen bit
/// operations, about a seventh of a masked count's time at 1e8 answers),
/// so where the CPU has it the loop is compiled for x86-64-v2 through
/// pulp's dispatch, which holds the `unsafe`.
fn popcount(bytes: &[u8]) -> u64 {
    #[inline(always)]
    #[allow(clippy::inline_always, reason = "inlined into the dispatched caller")]
    fn count(bytes: &[u8]) -> u64 {
        let (words, rest) = bytes.as_chunks::<8>();
        words
            .iter()
            .map(|w| u64::from(u64::from_le_bytes(*w).count_ones()))
            .chain(rest.iter().map(|b| u64::from(b.count_ones())))
            .sum()
    }
    #[cfg(target_arch = "x86_64")]
    if let Some(simd) = pulp::x86::V2::try_new().filter(|_| !cfg!(cxmetrics_kernels = "portable")) {
        return simd.vectorize(|| count(bytes));
    }
    count(bytes)
}

/// `MASKS[b]` has byte `i` equal to `0xFF` when bit `i` of `b` is set and
/// `0` otherwise: eight validity bits become eight lane masks with one load.
pub(crate) static MASKS: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let mut i = 0;
        while i < 8 {
            if b >> i & 1 == 1 {
                t[b] |= 0xFF << (8 * i);
            }
            i += 1;
        }
        b += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_reads_any_offset_and_pads_past_the_end() {
        let bits: Vec<u8> = (0..20u8).map(|i| i.wrapping_mul(37) ^ 0x5A).collect();
        for offset in 0..24 {
            let len = bits.len() * 8 - offset;
            let v = Validity::new(&bits, offset, len).expect("fits");
            for start in [0, 1, 7, 8, 9, 63, 64, 65, len - 1] {
                let w = v.word(start);
                for i in 0..64 {
                    let expected = v.is_valid(start + i);
                    assert_eq!(w >> i & 1 == 1, expected, "offset {offset} start {start} bit {i}");
                }
            }
        }
    }

    #[test]
    fn words_are_the_words_one_by_one_on_and_off_byte_boundaries() {
        let bits: Vec<u8> = (0..70u8).map(|i| i.wrapping_mul(53) ^ 0xA5).collect();
        for offset in 0..17 {
            let len = bits.len() * 8 - offset;
            let v = Validity::new(&bits, offset, len).expect("fits");
            // Starts on and off a byte, and runs that reach past the end.
            for start in [0, 3, 8, 64, 100, 448, len - 448, len - 64, len - 1] {
                let words = v.words::<7>(start);
                for (i, &w) in words.iter().enumerate() {
                    assert_eq!(w, v.word(start + 64 * i), "offset {offset} start {start} word {i}");
                }
            }
        }
    }

    #[test]
    fn word_windows_are_the_words_until_the_last_two_words_of_the_bitmap() {
        let bits: Vec<u8> = (0..70u8).map(|i| i.wrapping_mul(53) ^ 0xA5).collect();
        for offset in 0..17 {
            let len = bits.len() * 8 - offset;
            let v = Validity::new(&bits, offset, len).expect("fits");
            for start in [0, 3, 8, 64, 100, len - 130, len - 64] {
                let windows: Vec<u64> = v.word_windows(start).collect();
                // Each window needs the word and the eight bytes after it.
                let bytes_after = bits.len() - (offset + start) / 8;
                assert_eq!(
                    windows.len(),
                    (bytes_after / 8).saturating_sub(1),
                    "offset {offset} start {start}"
                );
                for (i, &w) in windows.iter().enumerate() {
                    assert_eq!(w, v.word(start + 64 * i), "offset {offset} start {start} word {i}");
                }
            }
        }
    }

    #[test]
    fn count_ones_matches_bit_by_bit() {
        let bits: Vec<u8> = (0..9u8).map(|i| i.wrapping_mul(91) ^ 0xC3).collect();
        let v = Validity::new(&bits, 5, 60).expect("fits");
        for from in 0..60 {
            for to in from..=60 {
                let naive = (from..to).filter(|&i| v.is_valid(i)).count() as u64;
                assert_eq!(v.count_ones(from, to), naive, "{from}..{to}");
            }
        }
    }

    #[test]
    fn masks_spread_bits_to_bytes() {
        assert_eq!(MASKS[0], 0);
        assert_eq!(MASKS[0b1000_0001], 0xFF00_0000_0000_00FF);
        assert_eq!(MASKS[255], u64::MAX);
    }
}
