//! `Serialize` for every result type, shaped for dashboards: each number
//! comes on the internal scale (`value`, fractions for net scores and
//! shares) and in display units (`display`, points, percent or the scale),
//! with the `unit`, the method and the level spelled out.
//!
//! Results are outputs: they serialize but do not deserialize (keep the
//! tallies, which do, and score again).

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::comparison::Ranking;
use crate::effort::{DriverEffect, EffortLoyalty};
use crate::inference::{Difference, Test, Unit};
use crate::operations::{ResolutionTime, Retention};
use crate::{Comparison, ConfidenceLevel, Estimate, Interval, MeanScore, NetScore, Row, SegmentTable, Share};

/// `{"level": 0.95}`-style numbers: a level serializes as its fraction.
impl Serialize for ConfidenceLevel {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        serializer.serialize_f64(self.get())
    }
}

/// `{"metric": "csat", "statistic": "share", "value": 0.7, "display": 70.0,
/// "unit": "percent", "n": 100, "hits": 70, "n_eff": 100.0, "weighted": false}`
impl Serialize for Share {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        let mut s = serializer.serialize_struct("Share", 9)?;
        s.serialize_field("metric", &self.metric())?;
        s.serialize_field("statistic", "share")?;
        s.serialize_field("value", &self.value())?;
        s.serialize_field("display", &self.percent())?;
        s.serialize_field("unit", &Unit::Percent)?;
        s.serialize_field("n", &self.n())?;
        s.serialize_field("hits", &self.hits())?;
        s.serialize_field("n_eff", &self.n_eff())?;
        s.serialize_field("weighted", &self.is_weighted())?;
        s.end()
    }
}

/// `{"metric": "nps", "statistic": "net_score", "value": 0.45, "display":
/// 45.0, "unit": "points", "n": 200, "negative": 30, "neutral": 50,
/// "positive": 120, "n_eff": 200.0, "weighted": false}`
impl Serialize for NetScore {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        let mut s = serializer.serialize_struct("NetScore", 11)?;
        s.serialize_field("metric", &self.metric())?;
        s.serialize_field("statistic", "net_score")?;
        s.serialize_field("value", &self.value())?;
        s.serialize_field("display", &self.points())?;
        s.serialize_field("unit", &Unit::Points)?;
        s.serialize_field("n", &self.n())?;
        s.serialize_field("negative", &self.negative())?;
        s.serialize_field("neutral", &self.neutral())?;
        s.serialize_field("positive", &self.positive())?;
        s.serialize_field("n_eff", &self.n_eff())?;
        s.serialize_field("weighted", &self.is_weighted())?;
        s.end()
    }
}

/// `{"metric": "csat", "statistic": "mean", "value": 3.8, "display": 3.8,
/// "unit": "scale", "n": 100, "sd": 1.2, "orientation": "higher_is_better",
/// "n_eff": 100.0, "weighted": false}`; `sd` is `null` for one answer.
impl Serialize for MeanScore {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        let mut s = serializer.serialize_struct("MeanScore", 10)?;
        s.serialize_field("metric", &self.metric())?;
        s.serialize_field("statistic", "mean")?;
        s.serialize_field("value", &self.value())?;
        s.serialize_field("display", &self.value())?;
        s.serialize_field("unit", &Unit::Scale)?;
        s.serialize_field("n", &self.n())?;
        s.serialize_field("sd", &self.sd())?;
        s.serialize_field("orientation", &self.orientation())?;
        s.serialize_field("n_eff", &self.n_eff())?;
        s.serialize_field("weighted", &self.is_weighted())?;
        s.end()
    }
}

/// `{"estimate": .., "lower": .., "upper": .., "display": {"estimate": ..,
/// "lower": .., "upper": ..}, "unit": "points", "level": 0.95, "method":
/// "score"}`
impl Serialize for Interval {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        let mut s = serializer.serialize_struct("Interval", 7)?;
        s.serialize_field("estimate", &self.estimate())?;
        s.serialize_field("lower", &self.lower())?;
        s.serialize_field("upper", &self.upper())?;
        s.serialize_field(
            "display",
            &Triple {
                estimate: self.display_estimate(),
                lower: self.display_lower(),
                upper: self.display_upper(),
            },
        )?;
        s.serialize_field("unit", &self.unit())?;
        s.serialize_field("level", &self.level())?;
        s.serialize_field("method", &self.method())?;
        s.end()
    }
}

/// An estimate and its limits in display units.
#[derive(serde::Serialize)]
struct Triple {
    estimate: f64,
    lower: f64,
    upper: f64,
}

/// `{"statistic": 2.64, "p_value": 0.008, "df": null, "method": "score"}`
impl Serialize for Test {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        let mut s = serializer.serialize_struct("Test", 4)?;
        s.serialize_field("statistic", &self.statistic())?;
        s.serialize_field("p_value", &self.p_value())?;
        s.serialize_field("df", &self.df())?;
        s.serialize_field("method", &self.method())?;
        s.end()
    }
}

/// `{"estimate": 0.2, "display": 20.0, "unit": "points", "interval": {..},
/// "test": {..}}`
impl Serialize for Difference {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        let unit = self.interval().unit();
        let mut s = serializer.serialize_struct("Difference", 5)?;
        s.serialize_field("estimate", &self.estimate())?;
        s.serialize_field("display", &unit.display(self.estimate()))?;
        s.serialize_field("unit", &unit)?;
        s.serialize_field("interval", &self.interval())?;
        s.serialize_field("test", &self.test())?;
        s.end()
    }
}

/// A comparison with its benchmark: the estimate, the reference and the
/// difference on the internal scale and in display units, the interval of
/// the difference, the test, the (adjusted) p-value, the level, the
/// verdict and whether it is better.
impl Serialize for Comparison {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        let unit = self.unit();
        let mut s = serializer.serialize_struct("Comparison", 13)?;
        s.serialize_field("subject", &self.subject())?;
        s.serialize_field("benchmark", self.benchmark())?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("estimate", &self.estimate())?;
        s.serialize_field("reference", &self.reference())?;
        s.serialize_field("difference", &self.difference())?;
        s.serialize_field(
            "display",
            &Compared {
                estimate: unit.display(self.estimate()),
                reference: unit.display(self.reference()),
                difference: unit.display(self.difference()),
            },
        )?;
        s.serialize_field("unit", &unit)?;
        s.serialize_field("interval", &self.interval())?;
        s.serialize_field("test", &self.test())?;
        s.serialize_field("p_value", &self.p_value())?;
        s.serialize_field("level", &self.level())?;
        s.serialize_field("verdict", &self.verdict())?;
        s.serialize_field("better", &self.is_better())?;
        s.end()
    }
}

/// The three numbers of a comparison in display units.
#[derive(serde::Serialize)]
struct Compared {
    estimate: f64,
    reference: f64,
    difference: f64,
}

/// `{"position": 2, "of": 4, "comparisons": [..]}`
impl Serialize for Ranking {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        let mut s = serializer.serialize_struct("Ranking", 3)?;
        s.serialize_field("position", &self.position())?;
        s.serialize_field("of", &self.of())?;
        s.serialize_field("comparisons", self.comparisons())?;
        s.end()
    }
}

/// A row of a trend or a segment table: `{"key": .., "n": .., "thin": .., "partial": ..,
/// "estimate": {..} | null, "interval": {..} | null, "comparison": {..} |
/// null, "practical": "no_change_larger_than" | null}`
impl<K: Serialize, E: Estimate + Serialize> Serialize for Row<K, E> {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        let mut s = serializer.serialize_struct("Row", 8)?;
        s.serialize_field("key", self.key())?;
        s.serialize_field("n", &self.n())?;
        s.serialize_field("thin", &self.is_thin())?;
        s.serialize_field("partial", &self.is_partial())?;
        s.serialize_field("estimate", &self.estimate())?;
        s.serialize_field("interval", &self.interval())?;
        s.serialize_field("comparison", &self.comparison())?;
        s.serialize_field("practical", &self.practical())?;
        s.end()
    }
}

/// `{"rows": [..]}` in table order (sorted by key).
impl<K: Serialize, E: Estimate + Serialize> Serialize for SegmentTable<K, E> {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        let mut s = serializer.serialize_struct("SegmentTable", 1)?;
        s.serialize_field("rows", self.rows())?;
        s.end()
    }
}

/// `{"bands": [{"band": "easy", "nps": {..} | null}, ..], "difference": {..} | null}`
impl Serialize for EffortLoyalty {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        #[derive(serde::Serialize)]
        struct Band<'a> {
            band: crate::effort::EffortBand,
            nps: Option<&'a NetScore>,
        }
        let bands: alloc::vec::Vec<Band<'_>> = self
            .bands()
            .iter()
            .map(|(band, nps)| Band {
                band: *band,
                nps: nps.as_ref(),
            })
            .collect();
        let mut s = serializer.serialize_struct("EffortLoyalty", 2)?;
        s.serialize_field("bands", &bands)?;
        s.serialize_field("difference", &self.difference())?;
        s.end()
    }
}

/// `{"driver": "transferred", "with": {..} | null, "without": {..} | null,
/// "difference": {..} | null}`
impl Serialize for DriverEffect {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        let mut s = serializer.serialize_struct("DriverEffect", 4)?;
        s.serialize_field("driver", &self.driver())?;
        s.serialize_field("with", &self.with())?;
        s.serialize_field("without", &self.without())?;
        s.serialize_field("difference", &self.difference())?;
        s.end()
    }
}

/// `{"n": 12, "mean_seconds": 50400.0, "median_seconds": 9000.0}`
impl Serialize for ResolutionTime {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        let mut s = serializer.serialize_struct("ResolutionTime", 3)?;
        s.serialize_field("n", &self.n())?;
        s.serialize_field("mean_seconds", &self.mean().as_secs_f64())?;
        s.serialize_field("median_seconds", &self.median().as_secs_f64())?;
        s.end()
    }
}

/// `{"rate": 0.9, "churn": 0.1}`
impl Serialize for Retention {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        let mut s = serializer.serialize_struct("Retention", 2)?;
        s.serialize_field("rate", &self.rate())?;
        s.serialize_field("churn", &self.churn())?;
        s.end()
    }
}
