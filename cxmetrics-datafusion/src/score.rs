//! Every call into the `cxmetrics` core lives here, so that a change of the
//! core's API touches this one module.
//!
//! The rest of the crate sees scales as [`ScaleKind`], statistics as
//! [`Statistic`], tallies as plain per-point counts (`[u64; POINTS]`, lowest
//! point first) and results as [`Scored`].

use cxmetrics::{
    CesAgreement, ConfidenceLevel, Csat, GroupedTally, Likert5, Likert7, Mean, Nps, RatingSet, Scale, Tally, Validity,
    ZeroToTen,
};

/// The most points a scale has (0–10): the width of every state.
pub(crate) const MAX_POINTS: usize = 11;

/// A rating scale named in SQL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum ScaleKind {
    /// 0–10, the NPS question.
    ZeroToTen,
    /// 1–5.
    Likert5,
    /// 1–7.
    Likert7,
}

impl ScaleKind {
    /// Every scale, for messages.
    pub(crate) const ALL: [Self; 3] = [Self::ZeroToTen, Self::Likert5, Self::Likert7];

    /// The scale named `name`: the core's type name or its range, in any case
    /// (`'ZeroToTen'`, `'0-10'`, `'likert5'`, `'1-5'`, `'Likert7'`, `'1-7'`).
    pub(crate) fn parse(name: &str) -> Option<Self> {
        let name = name.trim();
        Self::ALL
            .into_iter()
            .find(|s| name.eq_ignore_ascii_case(s.name()) || name == s.range())
    }

    /// The core's name of the scale, as error messages show it.
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Self::ZeroToTen => ZeroToTen::NAME,
            Self::Likert5 => Likert5::NAME,
            Self::Likert7 => Likert7::NAME,
        }
    }

    /// The scale as a range, e.g. `"1-5"`.
    pub(crate) const fn range(self) -> &'static str {
        match self {
            Self::ZeroToTen => "0-10",
            Self::Likert5 => "1-5",
            Self::Likert7 => "1-7",
        }
    }

    /// Lowest rating.
    pub(crate) const fn min(self) -> u8 {
        match self {
            Self::ZeroToTen => ZeroToTen::MIN,
            Self::Likert5 => Likert5::MIN,
            Self::Likert7 => Likert7::MIN,
        }
    }

    /// Highest rating.
    pub(crate) const fn max(self) -> u8 {
        match self {
            Self::ZeroToTen => ZeroToTen::MAX,
            Self::Likert5 => Likert5::MAX,
            Self::Likert7 => Likert7::MAX,
        }
    }

    /// Number of points.
    pub(crate) const fn points(self) -> usize {
        match self {
            Self::ZeroToTen => ZeroToTen::POINTS,
            Self::Likert5 => Likert5::POINTS,
            Self::Likert7 => Likert7::POINTS,
        }
    }

    /// The message for a rating that is off this scale, worded as the core
    /// words it, for values the core cannot see (negative, above 255,
    /// fractional).
    pub(crate) fn off_scale(self, value: impl core::fmt::Display) -> String {
        format!("rating {value} is off the {}–{} scale", self.min(), self.max())
    }
}

/// What a scoring function computes from a tally.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Statistic {
    /// NPS on 0–10, in points (−100..=100).
    Nps,
    /// CSAT: share of 4–5 on 1–5, in percent.
    Csat,
    /// CES 2.0: share of 5–7 on 1–7, in percent.
    Ces,
    /// Share of `lo..=hi` on the scale, in percent.
    TopBox {
        /// Lowest rating counted.
        lo: u8,
        /// Highest rating counted.
        hi: u8,
    },
    /// Mean rating, on the scale.
    Mean,
}

/// A validated confidence level.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Level(ConfidenceLevel);

impl Level {
    /// The crate's default, 95 %.
    pub(crate) const DEFAULT: Self = Self(ConfidenceLevel::P95);

    /// A level strictly between 0 and 1.
    pub(crate) fn new(level: f64) -> Result<Self, String> {
        ConfidenceLevel::new(level).map(Self).map_err(|e| e.to_string())
    }
}

/// A score with its interval; bounds are `None` where the interval is
/// undefined (a mean of one answer).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Scored {
    pub(crate) score: f64,
    pub(crate) lower: Option<f64>,
    pub(crate) upper: Option<f64>,
}

impl Scored {
    /// A score in display units with its interval, also in display units.
    fn with_interval(score: f64, interval: &cxmetrics::Interval) -> Self {
        Self {
            score,
            lower: Some(interval.display_lower()),
            upper: Some(interval.display_upper()),
        }
    }
}

/// Checks that `lo..=hi` is a non-empty range on `scale`.
pub(crate) fn check_range(scale: ScaleKind, lo: u8, hi: u8) -> Result<(), String> {
    fn check<S: Scale>(lo: u8, hi: u8) -> Result<(), cxmetrics::Error> {
        RatingSet::range(S::new(lo)?, S::new(hi)?).map(|_| ())
    }
    let checked = match scale {
        ScaleKind::ZeroToTen => check::<ZeroToTen>(lo, hi),
        ScaleKind::Likert5 => check::<Likert5>(lo, hi),
        ScaleKind::Likert7 => check::<Likert7>(lo, hi),
    };
    checked.map_err(|e| e.to_string())
}

/// Scores per-point counts (lowest point first, `scale.points()` of them).
/// `Ok(None)` for an empty tally: every statistic of no answers is undefined.
pub(crate) fn score(
    scale: ScaleKind,
    statistic: Statistic,
    level: Level,
    counts: &[u64],
) -> Result<Option<Scored>, String> {
    fn tally<S: Scale>(counts: &[u64]) -> Result<Tally<S>, String> {
        let counts = counts
            .get(..S::POINTS)
            .ok_or_else(|| format!("a tally on {} has {} counts", S::NAME, S::POINTS))?;
        Tally::from_counts(counts).map_err(|e| e.to_string())
    }
    fn share<S: Scale>(counts: &[u64], lo: u8, hi: u8, level: Level) -> Result<Scored, String> {
        let t = tally::<S>(counts)?;
        let set = RatingSet::range(
            S::new(lo).map_err(|e| e.to_string())?,
            S::new(hi).map_err(|e| e.to_string())?,
        )
        .map_err(|e| e.to_string())?;
        let s = Csat::new(set).score(&t).map_err(|e| e.to_string())?;
        Ok(Scored::with_interval(s.percent(), &s.interval(level.0)))
    }
    fn mean<S: Scale>(counts: &[u64], level: Level) -> Result<Scored, String> {
        let m = Mean.score(&tally::<S>(counts)?).map_err(|e| e.to_string())?;
        let i = m.interval(level.0);
        Ok(Scored {
            score: m.value(),
            lower: i.map(|i| i.lower()),
            upper: i.map(|i| i.upper()),
        })
    }

    if counts.iter().all(|&c| c == 0) {
        return Ok(None);
    }
    let scored = match (statistic, scale) {
        (Statistic::Nps, ScaleKind::ZeroToTen) => {
            let s = Nps.score(&tally::<ZeroToTen>(counts)?).map_err(|e| e.to_string())?;
            Scored::with_interval(s.points(), &s.interval(level.0))
        }
        (Statistic::Csat, ScaleKind::Likert5) => {
            let s = Csat::default()
                .score(&tally::<Likert5>(counts)?)
                .map_err(|e| e.to_string())?;
            Scored::with_interval(s.percent(), &s.interval(level.0))
        }
        (Statistic::Ces, ScaleKind::Likert7) => {
            let s = CesAgreement::default()
                .score(&tally::<Likert7>(counts)?)
                .map_err(|e| e.to_string())?;
            Scored::with_interval(s.percent(), &s.interval(level.0))
        }
        (Statistic::TopBox { lo, hi }, ScaleKind::ZeroToTen) => share::<ZeroToTen>(counts, lo, hi, level)?,
        (Statistic::TopBox { lo, hi }, ScaleKind::Likert5) => share::<Likert5>(counts, lo, hi, level)?,
        (Statistic::TopBox { lo, hi }, ScaleKind::Likert7) => share::<Likert7>(counts, lo, hi, level)?,
        (Statistic::Mean, ScaleKind::ZeroToTen) => mean::<ZeroToTen>(counts, level)?,
        (Statistic::Mean, ScaleKind::Likert5) => mean::<Likert5>(counts, level)?,
        (Statistic::Mean, ScaleKind::Likert7) => mean::<Likert7>(counts, level)?,
        (statistic, scale) => return Err(format!("{statistic:?} is not defined on {}", scale.name())),
    };
    Ok(Some(scored))
}

/// One tally on a scale chosen at run time: the state of the per-row
/// accumulator (no GROUP BY).
#[derive(Clone, Debug)]
pub(crate) enum OneTally {
    ZeroToTen(Tally<ZeroToTen>),
    Likert5(Tally<Likert5>),
    Likert7(Tally<Likert7>),
}

macro_rules! each_scale {
    ($value:expr, $t:ident => $body:expr) => {
        match $value {
            Self::ZeroToTen($t) => $body,
            Self::Likert5($t) => $body,
            Self::Likert7($t) => $body,
        }
    };
}

fn merge_counts<S: Scale>(tally: &mut Tally<S>, counts: &[u64]) -> Result<(), String> {
    let (on_scale, beyond) = counts.split_at(S::POINTS.min(counts.len()));
    if beyond.iter().any(|&c| c != 0) || on_scale.len() != S::POINTS {
        return Err(format!(
            "a stored tally for {} has counts beyond its {} points",
            S::NAME,
            S::POINTS
        ));
    }
    let other = Tally::from_counts(on_scale).map_err(|e| e.to_string())?;
    tally.merge(&other).map_err(|e| e.to_string())
}

fn write_counts<S: Scale>(tally: &Tally<S>, out: &mut [u64; MAX_POINTS]) {
    out[..S::POINTS].copy_from_slice(tally.counts());
}

impl OneTally {
    /// An empty tally on `scale`.
    pub(crate) fn new(scale: ScaleKind) -> Self {
        match scale {
            ScaleKind::ZeroToTen => Self::ZeroToTen(Tally::new()),
            ScaleKind::Likert5 => Self::Likert5(Tally::new()),
            ScaleKind::Likert7 => Self::Likert7(Tally::new()),
        }
    }

    /// Validates and counts raw ratings with the core's bulk kernel; with a
    /// validity bitmap, only the rows whose bit is set, without copying
    /// them out first.
    pub(crate) fn add_raw(&mut self, ratings: &[u8], validity: Option<Validity<'_>>) -> Result<(), String> {
        fn add<S: Scale>(t: &mut Tally<S>, ratings: &[u8], validity: Option<Validity<'_>>) -> Result<(), String> {
            let batch = match validity {
                None => Tally::<S>::from_raw(ratings),
                Some(v) => Tally::<S>::from_raw_valid(ratings, v),
            };
            t.merge(&batch.map_err(|e| e.to_string())?).map_err(|e| e.to_string())
        }
        each_scale!(self, t => add(t, ratings, validity))
    }

    /// Adds per-point counts (checked).
    pub(crate) fn merge_counts(&mut self, counts: &[u64]) -> Result<(), String> {
        each_scale!(self, t => merge_counts(t, counts))
    }

    /// The per-point counts, zero past the scale's last point.
    pub(crate) fn counts(&self) -> [u64; MAX_POINTS] {
        let mut out = [0; MAX_POINTS];
        each_scale!(self, t => write_counts(t, &mut out));
        out
    }

    /// Bytes held.
    pub(crate) fn size(&self) -> usize {
        core::mem::size_of_val(self)
    }
}

/// One tally per dense group index on a scale chosen at run time: the state
/// of every `GroupsAccumulator`, on the core's `GroupedTally`.
#[derive(Clone, Debug)]
pub(crate) enum Grouped {
    ZeroToTen(GroupedTally<ZeroToTen>),
    Likert5(GroupedTally<Likert5>),
    Likert7(GroupedTally<Likert7>),
}

impl Grouped {
    /// No groups yet, on `scale`.
    pub(crate) fn new(scale: ScaleKind) -> Self {
        match scale {
            ScaleKind::ZeroToTen => Self::ZeroToTen(GroupedTally::new()),
            ScaleKind::Likert5 => Self::Likert5(GroupedTally::new()),
            ScaleKind::Likert7 => Self::Likert7(GroupedTally::new()),
        }
    }

    /// Grows to at least `groups` groups (new ones empty); never shrinks.
    pub(crate) fn grow(&mut self, groups: usize) -> Result<(), String> {
        fn grow<S: Scale>(t: &mut GroupedTally<S>, groups: usize) -> Result<(), String> {
            if groups > t.len() {
                t.resize(groups).map_err(|e| e.to_string())?;
            }
            Ok(())
        }
        each_scale!(self, t => grow(t, groups))
    }

    /// Validates and counts `ratings[i]` into group `groups[i]`, skipping the
    /// rows whose bit is unset in `validity`.
    /// All or nothing: on error no count changes.
    pub(crate) fn add_raw(
        &mut self,
        groups: &[usize],
        ratings: &[u8],
        validity: Option<Validity<'_>>,
    ) -> Result<(), String> {
        let added = match validity {
            None => each_scale!(self, t => t.add_raw(groups, ratings)),
            Some(v) => each_scale!(self, t => t.add_raw_valid(groups, ratings, v)),
        };
        added.map_err(|e| e.to_string())
    }

    /// Adds per-point counts to group `group` (checked).
    pub(crate) fn merge_counts(&mut self, group: usize, counts: &[u64]) -> Result<(), String> {
        fn add<S: Scale>(t: &mut GroupedTally<S>, group: usize, counts: &[u64]) -> Result<(), String> {
            let mut other = Tally::<S>::new();
            merge_counts(&mut other, counts)?;
            t.add_tally(group, &other).map_err(|e| e.to_string())
        }
        each_scale!(self, t => add(t, group, counts))
    }

    /// Takes out the first `first` groups (all when `None`), renumbering the
    /// rest from 0, and returns their per-point counts.
    pub(crate) fn take(&mut self, first: Option<usize>) -> Vec<[u64; MAX_POINTS]> {
        fn take<S: Scale>(t: &mut GroupedTally<S>, first: Option<usize>) -> Vec<[u64; MAX_POINTS]> {
            let taken = match first {
                Some(n) => t.take_first(n),
                None => t.take_all(),
            };
            taken
                .iter()
                .map(|tally| {
                    let mut out = [0; MAX_POINTS];
                    write_counts(tally, &mut out);
                    out
                })
                .collect()
        }
        each_scale!(self, t => take(t, first))
    }

    /// Bytes held.
    pub(crate) fn size(&self) -> usize {
        each_scale!(self, t => core::mem::size_of_val(t) + t.len() * core::mem::size_of::<Tally<ZeroToTen>>())
    }
}
