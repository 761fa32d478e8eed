//! Shared by the benches: data generators, the read baseline, the CPU model.
#![allow(dead_code, unreachable_pub)]

/// A small deterministic generator (xorshift64*), so the benches need no RNG crate.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }
}

/// `n` ratings drawn with the given relative weights for `min, min+1, …`.
pub fn draw(n: usize, min: u8, weights: &[u64], seed: u64) -> Vec<u8> {
    let total: u64 = weights.iter().sum();
    let mut rng = Rng(seed);
    (0..n)
        .map(|_| {
            let mut x = rng.next() % total;
            let mut k = 0;
            while x >= weights[k] {
                x -= weights[k];
                k += 1;
            }
            min + k as u8
        })
        .collect()
}

/// NPS answers: share of 9–10 high, of 0–6 low, as in real surveys.
pub const NPS_SKEWED: [u64; 11] = [2, 1, 1, 2, 2, 5, 5, 10, 18, 22, 32];
/// CSAT answers on 1–5, skewed to the top.
pub const CSAT_SKEWED: [u64; 5] = [5, 7, 10, 38, 40];

/// The baseline: read every byte once with the least work per byte (a
/// wrapping byte-wise sum into 64 lanes, which the compiler vectorises), so
/// its time is the cost of streaming the buffer.
pub fn read_sum(bytes: &[u8]) -> u64 {
    let (chunks, rest) = bytes.as_chunks::<64>();
    let mut lanes = [0u8; 64];
    for chunk in chunks {
        for (l, &x) in lanes.iter_mut().zip(chunk) {
            *l = l.wrapping_add(x);
        }
    }
    lanes.iter().chain(rest).map(|&b| u64::from(b)).sum()
}

/// [`read_sum`] of the ratings and, in the same pass, an XOR of the
/// validity bitmap's 64-bit words: the bytes a masked kernel reads.
pub fn read_sum_with_bits(bytes: &[u8], bits: &[u8]) -> u64 {
    let (chunks, rest) = bytes.as_chunks::<64>();
    let (words, tail) = bits.as_chunks::<8>();
    let mut lanes = [0u8; 64];
    let mut folded = 0u64;
    for (chunk, word) in chunks.iter().zip(words) {
        for (l, &x) in lanes.iter_mut().zip(chunk) {
            *l = l.wrapping_add(x);
        }
        folded ^= u64::from_le_bytes(*word);
    }
    // A bitmap has a bit per rating, so only its last bytes are left over.
    let left = chunks.iter().skip(words.len()).flatten();
    let tail = tail.iter().chain(left).map(|&b| u64::from(b));
    lanes
        .iter()
        .chain(rest)
        .map(|&b| u64::from(b))
        .chain(tail)
        .fold(folded, u64::wrapping_add)
}

/// The same for a column of wider integers (group indices).
pub fn read_sum_wide<T: Copy + Into<u64>>(xs: &[T]) -> u64 {
    let (chunks, rest) = xs.as_chunks::<16>();
    let mut lanes = [0u64; 16];
    for chunk in chunks {
        for (l, &x) in lanes.iter_mut().zip(chunk) {
            *l = l.wrapping_add(x.into());
        }
    }
    lanes
        .iter()
        .copied()
        .chain(rest.iter().map(|&x| x.into()))
        .fold(0, u64::wrapping_add)
}

/// The CPU model, from `/proc/cpuinfo` where there is one.
pub fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned())
}

/// Prints the CPU model and the vector extensions the bench binary may use.
pub fn print_machine() {
    let mut features = Vec::new();
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            features.push("avx2");
        }
        if std::arch::is_x86_feature_detected!("avx512bw") {
            features.push("avx512bw");
        }
    }
    eprintln!("CPU: {} ({})", cpu_model(), features.join(", "));
}
