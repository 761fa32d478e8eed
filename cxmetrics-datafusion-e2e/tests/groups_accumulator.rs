//! The `GroupsAccumulator` driven directly, as the hash aggregate drives it:
//! emitting the first groups only, and a merge that would overflow.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Int64Array, UInt64Array};
use datafusion::arrow::datatypes::{DataType, Field, Schema, UInt64Type};
use datafusion::error::Result;
use datafusion::logical_expr::function::AccumulatorArgs;
use datafusion::logical_expr::{EmitTo, GroupsAccumulator};
use datafusion::physical_expr::expressions::col;

fn nps_groups() -> Result<Box<dyn GroupsAccumulator>> {
    let schema = Schema::new(vec![Field::new("score", DataType::Int64, true)]);
    let udaf = cxmetrics_datafusion::nps_udaf();
    let exprs = [col("score", &schema)?];
    let fields = [Arc::new(schema.field(0).clone())];
    let args = AccumulatorArgs {
        return_field: Arc::new(Field::new("nps", udaf.return_type(&[DataType::Int64])?, false)),
        schema: &schema,
        ignore_nulls: false,
        order_bys: &[],
        is_reversed: false,
        name: "nps(score)",
        is_distinct: false,
        exprs: &exprs,
        expr_fields: &fields,
    };
    assert!(udaf.groups_accumulator_supported(args.clone()));
    udaf.create_groups_accumulator(args)
}

#[test]
fn emit_first_takes_the_first_groups_and_renumbers_the_rest() -> Result<()> {
    let mut acc = nps_groups()?;
    let scores: ArrayRef = Arc::new(Int64Array::from(vec![Some(10), Some(0), None, Some(9), Some(7)]));
    acc.update_batch(&[scores], &[0, 1, 2, 0, 2], None, 3)?;
    let state = acc.state(EmitTo::First(2))?;
    assert_eq!(state.len(), 11);
    let count = |point: usize, group: usize| state[point].as_primitive::<UInt64Type>().value(group);
    assert_eq!(state[0].len(), 2);
    assert_eq!((count(10, 0), count(9, 0), count(0, 0)), (1, 1, 0));
    assert_eq!((count(0, 1), count(10, 1)), (1, 0));

    // Former group 2 is now group 0: one passive (the NULL is not counted).
    let rest = acc.evaluate(EmitTo::All)?;
    let rest = rest.as_struct();
    assert_eq!(rest.len(), 1);
    let n = rest
        .column_by_name("n")
        .map(|c| c.as_primitive::<UInt64Type>().value(0));
    assert_eq!(n, Some(1));
    Ok(())
}

#[test]
fn a_merge_past_u64_max_is_an_error_not_a_wrap() -> Result<()> {
    let mut acc = nps_groups()?;
    let state: Vec<ArrayRef> = (0..11)
        .map(|p| Arc::new(UInt64Array::from(vec![if p == 10 { u64::MAX } else { 0 }])) as ArrayRef)
        .collect();
    acc.merge_batch(&state, &[0], 1)?;
    let err = acc.merge_batch(&state, &[0], 1).expect_err("overflow");
    assert!(err.to_string().contains("overflow"), "{err}");
    Ok(())
}
