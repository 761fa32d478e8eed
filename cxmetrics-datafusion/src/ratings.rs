//! From an Arrow column of answers to raw `u8` ratings and the mask of rows
//! to count.
//!
//! Integers that fit a `u8` pass through unchanged and the core validates
//! them against the scale (an off-scale `11` is an error naming 11 and the
//! scale). Values the core cannot see — negative, above 255, or a float that
//! is not a whole number, such as `6.5` — are rejected here with the same
//! wording. NULL means "not answered": the row is neither counted nor
//! validated. Nothing is clamped, truncated or dropped.

use std::borrow::Cow;

use datafusion_common::arrow::array::{Array, ArrayRef, AsArray, BooleanArray, PrimitiveArray};
use datafusion_common::arrow::buffer::{BooleanBuffer, NullBuffer};
use datafusion_common::arrow::datatypes::{
    ArrowPrimitiveType, DataType, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type,
    UInt16Type, UInt32Type, UInt64Type,
};

use cxmetrics::Validity;

use crate::score::ScaleKind;

/// The input types a rating column may have, as the docs and errors list them.
pub(crate) const ACCEPTED: &str = "Int8, Int16, Int32, Int64, UInt8, UInt16, UInt32, UInt64, Float32 or Float64 \
     (floats must hold whole numbers)";

/// Whether `t` is accepted as a rating column.
pub(crate) fn is_accepted(t: &DataType) -> bool {
    t.is_integer() || matches!(t, DataType::Float32 | DataType::Float64 | DataType::Null)
}

/// Raw ratings and the rows to count (`None`: every row).
#[derive(Debug)]
pub(crate) struct Ratings<'a> {
    pub(crate) values: Cow<'a, [u8]>,
    pub(crate) mask: Option<BooleanBuffer>,
}

impl Ratings<'_> {
    /// The mask as the core takes it: a validity bitmap over the values.
    pub(crate) fn validity(&self) -> Result<Option<Validity<'_>>, String> {
        self.mask
            .as_ref()
            .map(|m| Validity::new(m.values(), m.offset(), self.values.len()))
            .transpose()
            .map_err(|e| e.to_string())
    }
}

/// The rows to count: not NULL and, when a filter is given, where it is true.
fn mask(nulls: Option<&NullBuffer>, filter: Option<&BooleanArray>) -> Option<BooleanBuffer> {
    let filter = filter.map(|f| match f.nulls() {
        Some(n) => f.values() & n.inner(),
        None => f.values().clone(),
    });
    match (nulls.map(NullBuffer::inner), filter) {
        (None, None) => None,
        (Some(n), None) => Some(n.clone()),
        (None, Some(f)) => Some(f),
        (Some(n), Some(f)) => Some(n & &f),
    }
}

fn convert<T: ArrowPrimitiveType>(
    array: &PrimitiveArray<T>,
    mask: Option<&BooleanBuffer>,
    scale: ScaleKind,
    to_u8: impl Fn(T::Native) -> Option<u8>,
) -> Result<Vec<u8>, String>
where
    T::Native: core::fmt::Display,
{
    let values = array.values();
    let mut bad = false;
    let out: Vec<u8> = values
        .iter()
        .map(|&v| {
            to_u8(v).unwrap_or_else(|| {
                bad = true;
                0
            })
        })
        .collect();
    if bad {
        let counted = |i: &usize| mask.is_none_or(|m| m.value(*i));
        if let Some(i) = (0..values.len()).filter(counted).find(|&i| to_u8(values[i]).is_none()) {
            return Err(scale.off_scale(values[i]));
        }
    }
    Ok(out)
}

/// Reads `array` as ratings on `scale`, skipping NULL rows and rows the
/// filter excludes.
///
/// # Errors
///
/// A value no `u8` holds (negative, above 255, fractional, NaN) on a row
/// that is counted, or an array of a type not in [`ACCEPTED`].
pub(crate) fn ratings<'a>(
    array: &'a ArrayRef,
    filter: Option<&BooleanArray>,
    scale: ScaleKind,
) -> Result<Ratings<'a>, String> {
    let mask = mask(array.logical_nulls().as_ref(), filter);
    let m = mask.as_ref();
    let values: Cow<'a, [u8]> = match array.data_type() {
        DataType::UInt8 => Cow::Borrowed(&array.as_primitive::<UInt8Type>().values()[..]),
        DataType::Int8 => Cow::Owned(convert(array.as_primitive::<Int8Type>(), m, scale, |v| {
            u8::try_from(v).ok()
        })?),
        DataType::Int16 => Cow::Owned(convert(array.as_primitive::<Int16Type>(), m, scale, |v| {
            u8::try_from(v).ok()
        })?),
        DataType::Int32 => Cow::Owned(convert(array.as_primitive::<Int32Type>(), m, scale, |v| {
            u8::try_from(v).ok()
        })?),
        DataType::Int64 => Cow::Owned(convert(array.as_primitive::<Int64Type>(), m, scale, |v| {
            u8::try_from(v).ok()
        })?),
        DataType::UInt16 => Cow::Owned(convert(array.as_primitive::<UInt16Type>(), m, scale, |v| {
            u8::try_from(v).ok()
        })?),
        DataType::UInt32 => Cow::Owned(convert(array.as_primitive::<UInt32Type>(), m, scale, |v| {
            u8::try_from(v).ok()
        })?),
        DataType::UInt64 => Cow::Owned(convert(array.as_primitive::<UInt64Type>(), m, scale, |v| {
            u8::try_from(v).ok()
        })?),
        DataType::Float32 => Cow::Owned(convert(array.as_primitive::<Float32Type>(), m, scale, |v| {
            whole(f64::from(v))
        })?),
        DataType::Float64 => Cow::Owned(convert(array.as_primitive::<Float64Type>(), m, scale, whole)?),
        // An untyped NULL column: no answers at all.
        DataType::Null => {
            return Ok(Ratings {
                values: Cow::Owned(vec![0; array.len()]),
                mask: Some(BooleanBuffer::new_unset(array.len())),
            });
        }
        other => return Err(format!("a rating column must be {ACCEPTED}, not {other}")),
    };
    Ok(Ratings { values, mask })
}

/// `v` as a `u8` when it is a whole number in `0..=255`.
#[allow(
    clippy::float_cmp,
    clippy::cast_sign_loss,
    reason = "an exact test for a whole number in 0..=255, then an exact cast"
)]
fn whole(v: f64) -> Option<u8> {
    if (0.0..=255.0).contains(&v) && v.trunc() == v {
        Some(v as u8)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use datafusion_common::arrow::array::{Float64Array, Int64Array};

    use super::*;

    #[test]
    fn rejects_what_no_u8_holds_only_on_counted_rows() {
        let a: ArrayRef = Arc::new(Int64Array::from(vec![Some(3), None, Some(-1)]));
        let err = ratings(&a, None, ScaleKind::ZeroToTen).expect_err("-1");
        assert_eq!(err, "rating -1 is off the 0–10 scale");
        let filter = BooleanArray::from(vec![true, true, false]);
        let r = ratings(&a, Some(&filter), ScaleKind::ZeroToTen).expect("filtered out");
        let counted: Vec<u8> = r
            .mask
            .iter()
            .flat_map(|m| m.set_indices())
            .map(|i| r.values[i])
            .collect();
        assert_eq!(counted, [3]);
        let f: ArrayRef = Arc::new(Float64Array::from(vec![6.0, 6.5]));
        let err = ratings(&f, None, ScaleKind::ZeroToTen).expect_err("6.5");
        assert_eq!(err, "rating 6.5 is off the 0–10 scale");
    }

    #[test]
    fn whole_numbers_only() {
        assert_eq!(whole(6.0), Some(6));
        assert_eq!(whole(6.5), None);
        assert_eq!(whole(-0.5), None);
        assert_eq!(whole(f64::NAN), None);
        assert_eq!(whole(256.0), None);
    }
}
