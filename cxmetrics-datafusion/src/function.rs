//! The aggregate functions: signatures, argument checks, return types,
//! state fields and the settings read from literal arguments.

use std::sync::Arc;

use datafusion_common::arrow::array::RecordBatch;
use datafusion_common::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion_common::{DataFusionError, Result, ScalarValue, plan_datafusion_err, plan_err};
use datafusion_expr::function::{AccumulatorArgs, AggregateFunctionSimplification, StateFieldsArgs};
use datafusion_expr::utils::format_state_name;
use datafusion_expr::{Accumulator, AggregateUDFImpl, ColumnarValue, Expr, GroupsAccumulator, Signature, Volatility};

use crate::accumulator::{GroupAccumulator, RowAccumulator};
use crate::output;
use crate::ratings;
use crate::score::{self, Level, MAX_POINTS, ScaleKind, Statistic};

/// Which function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Nps,
    Csat,
    Ces,
    TopBox,
    RatingMean,
    Tally,
    TallyMerge,
}

impl Kind {
    pub(crate) const ALL: [Self; 7] = [
        Self::Nps,
        Self::Csat,
        Self::Ces,
        Self::TopBox,
        Self::RatingMean,
        Self::Tally,
        Self::TallyMerge,
    ];

    pub(crate) const fn name(self) -> &'static str {
        match self {
            Self::Nps => "nps",
            Self::Csat => "csat",
            Self::Ces => "ces",
            Self::TopBox => "top_box",
            Self::RatingMean => "rating_mean",
            Self::Tally => "cx_tally",
            Self::TallyMerge => "cx_tally_merge",
        }
    }

    /// How the function is called, for error messages.
    const fn usage(self) -> &'static str {
        match self {
            Self::Nps => "nps(rating [, level])",
            Self::Csat => "csat(rating [, level])",
            Self::Ces => "ces(rating [, level])",
            Self::TopBox => "top_box(rating, scale, lo, hi [, level])",
            Self::RatingMean => "rating_mean(rating, scale [, level])",
            Self::Tally => "cx_tally(rating, scale)",
            Self::TallyMerge => "cx_tally_merge(tally, scale)",
        }
    }

    /// The role of each argument after the first.
    const fn settings(self) -> (&'static [Setting], bool) {
        // (required settings, whether a trailing level is allowed)
        match self {
            Self::Nps | Self::Csat | Self::Ces => (&[], true),
            Self::TopBox => (&[Setting::Scale, Setting::Rating, Setting::Rating], true),
            Self::RatingMean => (&[Setting::Scale], true),
            Self::Tally | Self::TallyMerge => (&[Setting::Scale], false),
        }
    }

    const fn returns_tally(self) -> bool {
        matches!(self, Self::Tally | Self::TallyMerge)
    }
}

/// A literal setting argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Setting {
    Scale,
    Rating,
    Level,
}

impl Setting {
    fn coerce(self, kind: Kind, position: usize, t: &DataType) -> Result<DataType> {
        let ok = match self {
            Self::Scale => matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View),
            Self::Rating => t.is_integer(),
            Self::Level => t.is_numeric(),
        };
        if !ok {
            let want = match self {
                Self::Scale => "a scale name such as 'Likert5'",
                Self::Rating => "an integer rating",
                Self::Level => "a confidence level such as 0.95",
            };
            return plan_err!("{}: argument {position} must be {want}, not {t}", kind.usage());
        }
        Ok(match self {
            Self::Scale => DataType::Utf8,
            Self::Rating => DataType::Int64,
            Self::Level => DataType::Float64,
        })
    }
}

/// What an accumulator needs, read from the literal arguments.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Settings {
    pub(crate) kind: Kind,
    pub(crate) scale: ScaleKind,
    /// `None` for the tally functions.
    pub(crate) score: Option<(Statistic, Level)>,
}

/// One cxmetrics aggregate function.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct CxAggregate {
    kind: Kind,
    signature: Signature,
}

impl CxAggregate {
    pub(crate) fn new(kind: Kind) -> Self {
        Self {
            kind,
            signature: Signature::user_defined(Volatility::Immutable),
        }
    }

    /// Reads the literal arguments.
    fn settings(&self, args: &AccumulatorArgs) -> Result<Settings> {
        let kind = self.kind;
        if args.is_distinct {
            return plan_err!("{}: DISTINCT is not supported: every answer counts", kind.usage());
        }
        let literals = args.exprs[1..]
            .iter()
            .enumerate()
            .map(|(i, e)| {
                literal(
                    kind,
                    i + 2,
                    e.evaluate(&RecordBatch::new_empty(Arc::new(args.schema.clone())))?,
                )
            })
            .collect::<Result<Vec<_>>>()?;
        let (required, _) = kind.settings();
        let text = |v: &ScalarValue| v.try_as_str().flatten().map(str::to_owned);
        let scale = match kind {
            Kind::Nps => ScaleKind::ZeroToTen,
            Kind::Csat => ScaleKind::Likert5,
            Kind::Ces => ScaleKind::Likert7,
            _ => {
                let name = literals.first().and_then(text).unwrap_or_default();
                ScaleKind::parse(&name).ok_or_else(|| {
                    let known: Vec<_> = ScaleKind::ALL
                        .iter()
                        .map(|s| format!("'{}' ('{}')", s.name(), s.range()))
                        .collect();
                    plan_datafusion_err!(
                        "{}: unknown scale {name:?}; expected one of {}",
                        kind.usage(),
                        known.join(", ")
                    )
                })?
            }
        };
        let level = match literals.get(required.len()) {
            None => Level::DEFAULT,
            Some(ScalarValue::Float64(Some(v))) => {
                Level::new(*v).map_err(|e| plan_datafusion_err!("{}: {e}", kind.usage()))?
            }
            Some(other) => return plan_err!("{}: the level must be a number such as 0.95, not {other}", kind.usage()),
        };
        let rating = |i: usize| -> Result<u8> {
            match literals.get(i) {
                Some(ScalarValue::Int64(Some(v))) => {
                    u8::try_from(*v).map_err(|_| plan_datafusion_err!("{}: {}", kind.usage(), scale.off_scale(v)))
                }
                other => plan_err!(
                    "{}: argument {} must be an integer rating, not {other:?}",
                    kind.usage(),
                    i + 2
                ),
            }
        };
        let statistic = match kind {
            Kind::Nps => Some(Statistic::Nps),
            Kind::Csat => Some(Statistic::Csat),
            Kind::Ces => Some(Statistic::Ces),
            Kind::TopBox => {
                let (lo, hi) = (rating(1)?, rating(2)?);
                score::check_range(scale, lo, hi).map_err(|e| plan_datafusion_err!("{}: {e}", kind.usage()))?;
                Some(Statistic::TopBox { lo, hi })
            }
            Kind::RatingMean => Some(Statistic::Mean),
            Kind::Tally | Kind::TallyMerge => None,
        };
        Ok(Settings {
            kind,
            scale,
            score: statistic.map(|s| (s, level)),
        })
    }
}

/// The value of a literal argument.
fn literal(kind: Kind, position: usize, value: ColumnarValue) -> Result<ScalarValue> {
    match value {
        ColumnarValue::Scalar(v) if !v.is_null() => Ok(v),
        _ => plan_err!(
            "{}: argument {position} is a setting and must be a non-NULL literal",
            kind.usage()
        ),
    }
}

/// An execution error from a message of this crate.
pub(crate) fn failed(kind: Kind, message: impl core::fmt::Display) -> DataFusionError {
    DataFusionError::Execution(format!("{}: {message}", kind.name()))
}

impl AggregateUDFImpl for CxAggregate {
    fn name(&self) -> &str {
        self.kind.name()
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let kind = self.kind;
        let (required, level) = kind.settings();
        let most = 1 + required.len() + usize::from(level);
        if arg_types.len() < 1 + required.len() || arg_types.len() > most {
            return plan_err!(
                "{} takes {} arguments, got {}",
                kind.usage(),
                1 + required.len(),
                arg_types.len()
            );
        }
        let first = &arg_types[0];
        let first_ok = if kind == Kind::TallyMerge {
            matches!(first, DataType::Struct(_) | DataType::Null)
        } else {
            ratings::is_accepted(first)
        };
        if !first_ok {
            let want = if kind == Kind::TallyMerge {
                "a stored tally as cx_tally returns it".to_owned()
            } else {
                format!("a rating column of type {}", ratings::ACCEPTED)
            };
            return plan_err!("{}: argument 1 must be {want}, not {first}", kind.usage());
        }
        let mut out = vec![first.clone()];
        for (i, t) in arg_types[1..].iter().enumerate() {
            let setting = required.get(i).copied().unwrap_or(Setting::Level);
            out.push(setting.coerce(kind, i + 2, t)?);
        }
        Ok(out)
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Struct(if self.kind.returns_tally() {
            output::tally_fields()
        } else {
            output::score_fields()
        }))
    }

    fn is_nullable(&self) -> bool {
        // Scores are never NULL (no answers: n = 0 and a NULL score); see
        // `default_value` for the tallies.
        self.kind.returns_tally()
    }

    fn default_value(&self, _data_type: &DataType) -> Result<ScalarValue> {
        // No rows at all: a score of no answers (n = 0, NULL score) or an
        // empty tally. The tally's scale is a literal argument unknown here,
        // so the empty tally is a typed NULL instead.
        if self.kind.returns_tally() {
            return ScalarValue::try_from(self.return_type(&[])?);
        }
        let scale = ScaleKind::ZeroToTen;
        let array = output::scores(scale, Statistic::Mean, Level::DEFAULT, &[[0; MAX_POINTS]])
            .map_err(|e| failed(self.kind, e))?;
        ScalarValue::try_from_array(&array, 0)
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok((0..MAX_POINTS)
            .map(|p| {
                Arc::new(Field::new(
                    format_state_name(args.name, &format!("count_{p}")),
                    DataType::UInt64,
                    false,
                ))
            })
            .collect())
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(RowAccumulator::new(self.settings(&args)?)))
    }

    /// Rejects `DISTINCT` while planning, before `DataFusion` could rewrite
    /// `f(DISTINCT x)` into `f(x)` over the distinct values.
    fn simplify(&self) -> Option<AggregateFunctionSimplification> {
        let usage = self.kind.usage();
        Some(Box::new(move |function, _| {
            if function.params.distinct {
                return plan_err!("{usage}: DISTINCT is not supported: every answer counts");
            }
            Ok(Expr::AggregateFunction(function))
        }))
    }

    fn groups_accumulator_supported(&self, args: AccumulatorArgs) -> bool {
        !args.is_distinct
    }

    fn create_groups_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        Ok(Box::new(GroupAccumulator::new(self.settings(&args)?)))
    }
}
