//! The per-row `Accumulator` (no GROUP BY, window frames) and the
//! `GroupsAccumulator` (GROUP BY) of every function.
//!
//! Both keep the exact tally; the intermediate state is its per-point counts
//! as [`MAX_POINTS`] `UInt64` columns (points past the scale stay 0), and a
//! merge is checked addition.

use std::sync::Arc;

use datafusion_common::arrow::array::{Array, ArrayRef, AsArray, BooleanArray, UInt64Array};
use datafusion_common::arrow::datatypes::UInt64Type;
use datafusion_common::{DataFusionError, Result, ScalarValue};
use datafusion_expr::{Accumulator, EmitTo, GroupsAccumulator};

use crate::function::{Kind, Settings, failed};
use crate::output::{self, Stored};
use crate::ratings::ratings;
use crate::score::{Grouped, MAX_POINTS, OneTally};

impl Settings {
    fn fail(&self, message: impl core::fmt::Display) -> DataFusionError {
        failed(self.kind, message)
    }

    /// The result column for `rows` tallies.
    fn output(&self, rows: &[[u64; MAX_POINTS]]) -> Result<ArrayRef> {
        match self.score {
            Some((statistic, level)) => output::scores(self.scale, statistic, level, rows),
            None => output::tallies(self.scale, rows),
        }
        .map_err(|e| self.fail(e))
    }

    /// Calls `f(row, counts)` for every counted row of stored tallies
    /// (`cx_tally_merge`), skipping NULL rows and rows the filter excludes.
    fn each_stored(
        &self,
        array: &ArrayRef,
        filter: Option<&BooleanArray>,
        mut f: impl FnMut(usize, &[u64; MAX_POINTS]) -> Result<(), String>,
    ) -> Result<()> {
        let stored = Stored::new(array, self.scale).map_err(|e| self.fail(e))?;
        for i in 0..stored.len() {
            if filter.is_some_and(|m| !m.is_valid(i) || !m.value(i)) {
                continue;
            }
            if let Some(counts) = stored.row(i).map_err(|e| self.fail(e))? {
                f(i, &counts).map_err(|e| self.fail(e))?;
            }
        }
        Ok(())
    }
}

/// Reads row `i` of state columns.
fn state_row(columns: &[&UInt64Array], i: usize) -> [u64; MAX_POINTS] {
    let mut counts = [0; MAX_POINTS];
    for (c, column) in counts.iter_mut().zip(columns) {
        *c = column.value(i);
    }
    counts
}

/// The state columns, checked.
fn state_columns<'a>(settings: &Settings, states: &'a [ArrayRef]) -> Result<Vec<&'a UInt64Array>> {
    if states.len() != MAX_POINTS {
        return Err(settings.fail(format!("a state has {MAX_POINTS} count columns, got {}", states.len())));
    }
    states
        .iter()
        .map(|s| {
            s.as_primitive_opt::<UInt64Type>()
                .filter(|a| a.null_count() == 0)
                .ok_or_else(|| settings.fail(format!("a state column is non-NULL UInt64, not {}", s.data_type())))
        })
        .collect()
}

/// The accumulator for one group.
#[derive(Debug)]
pub(crate) struct RowAccumulator {
    settings: Settings,
    tally: OneTally,
}

impl RowAccumulator {
    pub(crate) fn new(settings: Settings) -> Self {
        Self {
            settings,
            tally: OneTally::new(settings.scale),
        }
    }
}

impl Accumulator for RowAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let settings = self.settings;
        if settings.kind == Kind::TallyMerge {
            let tally = &mut self.tally;
            return settings.each_stored(&values[0], None, |_, counts| tally.merge_counts(counts));
        }
        let r = ratings(&values[0], None, settings.scale).map_err(|e| settings.fail(e))?;
        self.tally
            .add_raw(&r.values, r.validity().map_err(|e| settings.fail(e))?)
            .map_err(|e| settings.fail(e))
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let array = self.settings.output(&[self.tally.counts()])?;
        ScalarValue::try_from_array(&array, 0)
    }

    fn size(&self) -> usize {
        core::mem::size_of_val(self) - core::mem::size_of_val(&self.tally) + self.tally.size()
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(self
            .tally
            .counts()
            .iter()
            .map(|&c| ScalarValue::UInt64(Some(c)))
            .collect())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let settings = self.settings;
        let columns = state_columns(&settings, states)?;
        for i in 0..states[0].len() {
            self.tally
                .merge_counts(&state_row(&columns, i))
                .map_err(|e| settings.fail(e))?;
        }
        Ok(())
    }
}

/// The accumulator for all groups of a GROUP BY, on the core's dense grouped
/// tally.
#[derive(Debug)]
pub(crate) struct GroupAccumulator {
    settings: Settings,
    groups: Grouped,
}

impl GroupAccumulator {
    pub(crate) fn new(settings: Settings) -> Self {
        Self {
            settings,
            groups: Grouped::new(settings.scale),
        }
    }
}

/// `counts` as state columns, one per point.
fn to_state(rows: &[[u64; MAX_POINTS]]) -> Vec<ArrayRef> {
    (0..MAX_POINTS)
        .map(|p| Arc::new(rows.iter().map(|r| r[p]).collect::<UInt64Array>()) as ArrayRef)
        .collect()
}

impl GroupsAccumulator for GroupAccumulator {
    fn update_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        opt_filter: Option<&BooleanArray>,
        total_num_groups: usize,
    ) -> Result<()> {
        let settings = self.settings;
        self.groups.grow(total_num_groups).map_err(|e| settings.fail(e))?;
        if settings.kind == Kind::TallyMerge {
            let groups = &mut self.groups;
            return settings.each_stored(&values[0], opt_filter, |i, counts| {
                groups.merge_counts(group_indices[i], counts)
            });
        }
        let r = ratings(&values[0], opt_filter, settings.scale).map_err(|e| settings.fail(e))?;
        self.groups
            .add_raw(group_indices, &r.values, r.validity().map_err(|e| settings.fail(e))?)
            .map_err(|e| settings.fail(e))
    }

    fn evaluate(&mut self, emit_to: EmitTo) -> Result<ArrayRef> {
        let rows = self.groups.take(first(emit_to));
        self.settings.output(&rows)
    }

    fn state(&mut self, emit_to: EmitTo) -> Result<Vec<ArrayRef>> {
        Ok(to_state(&self.groups.take(first(emit_to))))
    }

    fn merge_batch(&mut self, values: &[ArrayRef], group_indices: &[usize], total_num_groups: usize) -> Result<()> {
        let settings = self.settings;
        self.groups.grow(total_num_groups).map_err(|e| settings.fail(e))?;
        let columns = state_columns(&settings, values)?;
        for (i, &g) in group_indices.iter().enumerate() {
            self.groups
                .merge_counts(g, &state_row(&columns, i))
                .map_err(|e| settings.fail(e))?;
        }
        Ok(())
    }

    fn convert_to_state(&self, values: &[ArrayRef], opt_filter: Option<&BooleanArray>) -> Result<Vec<ArrayRef>> {
        let settings = self.settings;
        let rows = values[0].len();
        let mut states = vec![[0; MAX_POINTS]; rows];
        if settings.kind == Kind::TallyMerge {
            settings.each_stored(&values[0], opt_filter, |i, counts| {
                states[i] = *counts;
                Ok(())
            })?;
            return Ok(to_state(&states));
        }
        // One row, one answer: validate every counted rating as `add_raw`
        // would, then one-hot encode it.
        let r = ratings(&values[0], opt_filter, settings.scale).map_err(|e| settings.fail(e))?;
        let (min, max) = (settings.scale.min(), settings.scale.max());
        for (i, &v) in r.values.iter().enumerate() {
            if r.mask.as_ref().is_some_and(|m| !m.value(i)) {
                continue;
            }
            if v < min || v > max {
                return Err(settings.fail(settings.scale.off_scale(v)));
            }
            states[i][usize::from(v - min)] = 1;
        }
        Ok(to_state(&states))
    }

    fn size(&self) -> usize {
        core::mem::size_of_val(self) - core::mem::size_of_val(&self.groups) + self.groups.size()
    }
}

/// How many groups to emit: `None` for all.
fn first(emit_to: EmitTo) -> Option<usize> {
    match emit_to {
        EmitTo::All => None,
        EmitTo::First(n) => Some(n),
    }
}
