//! The median of sorted values, shared by survey timing and time to
//! resolution.

/// The median of `sorted` (ascending): the middle value, or the midpoint of
/// the two middle values for an even count; `None` when empty.
pub(crate) fn median<T: Copy>(sorted: &[T], midpoint: impl Fn(T, T) -> T) -> Option<T> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some(midpoint(sorted[n / 2 - 1], sorted[n / 2])),
    }
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn odd_even_and_empty() {
        let mid = |a: i64, b: i64| a.midpoint(b);
        assert_eq!(median(&[1, 5, 9], mid), Some(5));
        assert_eq!(median(&[1, 5, 9, 10], mid), Some(7));
        assert_eq!(median::<i64>(&[], mid), None);
    }
}
