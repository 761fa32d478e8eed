//! The result types of the functions, and reading stored tallies back.

use std::sync::Arc;

use datafusion_common::arrow::array::{
    Array, ArrayRef, AsArray, Float64Array, ListArray, StringArray, StructArray, UInt64Array,
};
use datafusion_common::arrow::buffer::OffsetBuffer;
use datafusion_common::arrow::datatypes::{DataType, Field, Fields, UInt64Type};

use crate::score::{self, Level, MAX_POINTS, ScaleKind, Statistic};

/// Fields of a score: `score`, `lower`, `upper` (nullable `Float64`) and `n`
/// (`UInt64`, never NULL).
pub(crate) fn score_fields() -> Fields {
    Fields::from(vec![
        Field::new("score", DataType::Float64, true),
        Field::new("lower", DataType::Float64, true),
        Field::new("upper", DataType::Float64, true),
        Field::new("n", DataType::UInt64, false),
    ])
}

/// The item field of the counts list.
fn count_item() -> Arc<Field> {
    Arc::new(Field::new("item", DataType::UInt64, false))
}

/// Fields of a stored tally: `scale` (`Utf8`), `counts` (`List<UInt64>`, one
/// count per point, lowest first) and `n` (`UInt64`).
pub(crate) fn tally_fields() -> Fields {
    Fields::from(vec![
        Field::new("scale", DataType::Utf8, false),
        Field::new("counts", DataType::List(count_item()), false),
        Field::new("n", DataType::UInt64, false),
    ])
}

/// Sum of counts, checked.
fn total(counts: &[u64]) -> Result<u64, String> {
    counts
        .iter()
        .try_fold(0_u64, |acc, &c| acc.checked_add(c))
        .ok_or_else(|| format!("the counts add up past {}", u64::MAX))
}

/// One score row per tally.
pub(crate) fn scores(
    scale: ScaleKind,
    statistic: Statistic,
    level: Level,
    rows: &[[u64; MAX_POINTS]],
) -> Result<ArrayRef, String> {
    let mut s = Vec::with_capacity(rows.len());
    let mut lo = Vec::with_capacity(rows.len());
    let mut hi = Vec::with_capacity(rows.len());
    let mut n = Vec::with_capacity(rows.len());
    for counts in rows {
        let scored = score::score(scale, statistic, level, &counts[..scale.points()])?;
        s.push(scored.map(|x| x.score));
        lo.push(scored.and_then(|x| x.lower));
        hi.push(scored.and_then(|x| x.upper));
        n.push(total(counts)?);
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(Float64Array::from(s)),
        Arc::new(Float64Array::from(lo)),
        Arc::new(Float64Array::from(hi)),
        Arc::new(UInt64Array::from(n)),
    ];
    Ok(Arc::new(
        StructArray::try_new(score_fields(), columns, None).map_err(|e| e.to_string())?,
    ))
}

/// One stored-tally row per tally.
pub(crate) fn tallies(scale: ScaleKind, rows: &[[u64; MAX_POINTS]]) -> Result<ArrayRef, String> {
    let points = scale.points();
    let mut flat = Vec::with_capacity(rows.len() * points);
    let mut n = Vec::with_capacity(rows.len());
    for counts in rows {
        flat.extend_from_slice(&counts[..points]);
        n.push(total(counts)?);
    }
    let counts = ListArray::try_new(
        count_item(),
        OffsetBuffer::from_lengths(std::iter::repeat_n(points, rows.len())),
        Arc::new(UInt64Array::from(flat)),
        None,
    )
    .map_err(|e| e.to_string())?;
    let columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from(vec![scale.name(); rows.len()])),
        Arc::new(counts),
        Arc::new(UInt64Array::from(n)),
    ];
    Ok(Arc::new(
        StructArray::try_new(tally_fields(), columns, None).map_err(|e| e.to_string())?,
    ))
}

/// Stored tallies as [`tallies`] writes them, read back and checked.
#[derive(Debug)]
pub(crate) struct Stored<'a> {
    array: &'a StructArray,
    scale: ScaleKind,
}

impl<'a> Stored<'a> {
    /// Views `array` as stored tallies that must be on `scale`.
    pub(crate) fn new(array: &'a ArrayRef, scale: ScaleKind) -> Result<Self, String> {
        let array = array.as_struct_opt().ok_or_else(|| {
            format!(
                "a stored tally is a struct as cx_tally returns it, not {}",
                array.data_type()
            )
        })?;
        for name in ["scale", "counts"] {
            if array.column_by_name(name).is_none() {
                return Err(format!("a stored tally has a field {name:?}"));
            }
        }
        Ok(Self { array, scale })
    }

    /// Rows.
    pub(crate) fn len(&self) -> usize {
        self.array.len()
    }

    /// The counts of row `i`, or `None` when the row is NULL (no tally).
    ///
    /// Errors when the row is on another scale, has the wrong number of
    /// counts, a NULL count, or an `n` that is not the sum of its counts.
    pub(crate) fn row(&self, i: usize) -> Result<Option<[u64; MAX_POINTS]>, String> {
        if self.array.is_null(i) {
            return Ok(None);
        }
        let column = |name: &str| {
            self.array
                .column_by_name(name)
                .ok_or_else(|| format!("no field {name:?}"))
        };
        let scales = column("scale")?;
        let scale_name = match scales.data_type() {
            DataType::Utf8 => scales.as_string::<i32>().value(i),
            DataType::LargeUtf8 => scales.as_string::<i64>().value(i),
            DataType::Utf8View => scales.as_string_view().value(i),
            other => return Err(format!("the scale of a stored tally is a string, not {other}")),
        };
        if ScaleKind::parse(scale_name) != Some(self.scale) || scales.is_null(i) {
            return Err(format!(
                "a stored tally on {scale_name:?} cannot merge into a tally on {}",
                self.scale.name()
            ));
        }
        let lists = column("counts")?;
        let list = match lists.data_type() {
            DataType::List(_) => lists.as_list::<i32>().value(i),
            DataType::LargeList(_) => lists.as_list::<i64>().value(i),
            DataType::FixedSizeList(..) => lists.as_fixed_size_list().value(i),
            other => {
                return Err(format!(
                    "the counts of a stored tally are a list of UInt64, not {other}"
                ));
            }
        };
        let counts = list
            .as_primitive_opt::<UInt64Type>()
            .ok_or_else(|| format!("the counts of a stored tally are UInt64, not {}", list.data_type()))?;
        if lists.is_null(i) || counts.null_count() > 0 || counts.len() != self.scale.points() {
            return Err(format!(
                "a stored tally on {} has {} counts, one per point",
                self.scale.name(),
                self.scale.points()
            ));
        }
        let mut out = [0; MAX_POINTS];
        out[..counts.len()].copy_from_slice(counts.values());
        if let Some(n) = self.array.column_by_name("n") {
            let n = n
                .as_primitive_opt::<UInt64Type>()
                .ok_or_else(|| format!("the n of a stored tally is UInt64, not {}", n.data_type()))?;
            let sum = total(&out)?;
            if n.is_valid(i) && n.value(i) != sum {
                return Err(format!(
                    "a stored tally says n = {} but its counts add up to {sum}",
                    n.value(i)
                ));
            }
        }
        Ok(Some(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tallies_read_back() {
        let mut row = [0; MAX_POINTS];
        row[..5].copy_from_slice(&[1, 2, 3, 4, 5]);
        let array = tallies(ScaleKind::Likert5, &[row, [0; MAX_POINTS]]).expect("tallies");
        let stored = Stored::new(&array, ScaleKind::Likert5).expect("a tally column");
        assert_eq!(stored.len(), 2);
        assert_eq!(stored.row(0), Ok(Some(row)));
        assert_eq!(stored.row(1), Ok(Some([0; MAX_POINTS])));
        let wrong = Stored::new(&array, ScaleKind::Likert7).expect("a tally column");
        assert_eq!(
            wrong.row(0).expect_err("another scale"),
            "a stored tally on \"Likert5\" cannot merge into a tally on Likert7"
        );
    }
}
