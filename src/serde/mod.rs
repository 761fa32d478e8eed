//! Hand-written serde support. Everything that enters through
//! `Deserialize` goes through the same validation as the constructors;
//! result types serialize for dashboards (`results`).

mod results;

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::marker::PhantomData;

use alloc::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::response::{check_interaction, check_weight};
use crate::{Channel, Granularity, Period, Response, Scale, Segments, Series, Tally, Touchpoint, WeightedTally};

/// A tally serializes as `{"scale": "ZeroToTen", "counts": [..]}` with one
/// count per scale point. Deserializing rejects another scale's name, the
/// wrong number of counts, unknown or duplicate fields, and counts whose
/// total passes `u64::MAX`.
impl<S: Scale> Serialize for Tally<S> {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        let mut s = serializer.serialize_struct("Tally", 2)?;
        s.serialize_field("scale", S::NAME)?;
        s.serialize_field("counts", self.counts())?;
        s.end()
    }
}

impl<'de, S: Scale> Deserialize<'de> for Tally<S> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("Tally", &["scale", "counts"], TallyVisitor(PhantomData))
    }
}

struct TallyVisitor<S>(PhantomData<fn() -> S>);

impl<'de, S: Scale> Visitor<'de> for TallyVisitor<S> {
    type Value = Tally<S>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a {} tally: {{\"scale\": \"{}\", \"counts\": [{} counts]}}",
            S::NAME,
            S::NAME,
            S::POINTS
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tally<S>, A::Error> {
        let mut scale: Option<String> = None;
        let mut counts: Option<Vec<u64>> = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "scale" if scale.is_none() => scale = Some(map.next_value()?),
                "counts" if counts.is_none() => counts = Some(map.next_value()?),
                "scale" | "counts" => return Err(de::Error::custom(format_args!("duplicate field `{key}`"))),
                other => return Err(de::Error::unknown_field(other, &["scale", "counts"])),
            }
        }
        let scale = scale.ok_or_else(|| de::Error::missing_field("scale"))?;
        let counts = counts.ok_or_else(|| de::Error::missing_field("counts"))?;
        if scale != S::NAME {
            return Err(de::Error::custom(format_args!(
                "expected a {} tally, found scale {scale:?}",
                S::NAME
            )));
        }
        if counts.len() != S::POINTS {
            return Err(de::Error::invalid_length(counts.len(), &self));
        }
        Tally::from_counts(&counts).map_err(de::Error::custom)
    }
}

/// The wire form of a [`Response`]; converting it back validates the weight
/// and the interaction time.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ResponseRepr<S> {
    rating: S,
    at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    touchpoint: Option<Touchpoint>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    channel: Option<Channel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    segment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    weight: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    interaction_at: Option<DateTime<Utc>>,
}

impl<S: Scale> TryFrom<ResponseRepr<S>> for Response<S> {
    type Error = crate::Error;

    fn try_from(r: ResponseRepr<S>) -> Result<Self, crate::Error> {
        if let Some(w) = r.weight {
            check_weight(w)?;
        }
        if let Some(i) = r.interaction_at {
            check_interaction(i, r.at)?;
        }
        Ok(Self {
            rating: r.rating,
            at: r.at,
            touchpoint: r.touchpoint,
            channel: r.channel,
            segment: r.segment,
            weight: r.weight,
            interaction_at: r.interaction_at,
        })
    }
}

impl<S: Scale> From<Response<S>> for ResponseRepr<S> {
    fn from(r: Response<S>) -> Self {
        Self {
            rating: r.rating,
            at: r.at,
            touchpoint: r.touchpoint,
            channel: r.channel,
            segment: r.segment,
            weight: r.weight,
            interaction_at: r.interaction_at,
        }
    }
}

/// A series serializes as its calendar, the first and last instant it has
/// counted, and its non-empty periods:
/// `{"granularity": "iso_week", "zone": "+02:00", "span": ["…", "…"],
/// "periods": [["2026-01-05", {tally}], …]}`, the zone as its `Display`
/// (`+02:00` for a fixed offset, `America/New_York` for a `chrono_tz`
/// zone). Deserializing parses the zone with its `FromStr` and rejects a
/// zone that does not read back as written (a fixed offset with seconds,
/// such as `+00:19:32`, which chrono would read as `+00:19`), a
/// date that does not start a period of the granularity, repeated periods,
/// a span that ends before it starts, and invalid tallies.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields, bound(serialize = "", deserialize = ""))]
struct SeriesRepr<S: Scale> {
    granularity: Granularity,
    zone: String,
    #[serde(default)]
    span: Option<(DateTime<Utc>, DateTime<Utc>)>,
    periods: Vec<(NaiveDate, Tally<S>)>,
}

impl<S: Scale, Z: TimeZone + PartialEq + fmt::Display> Serialize for Series<S, Z> {
    fn serialize<Y: Serializer>(&self, serializer: Y) -> Result<Y::Ok, Y::Error> {
        SeriesRepr::<S> {
            granularity: self.granularity,
            zone: self.zone.to_string(),
            span: self.span,
            periods: self.tallies.iter().map(|(p, t)| (p.start(), t.clone())).collect(),
        }
        .serialize(serializer)
    }
}

impl<'de, S: Scale, Z> Deserialize<'de> for Series<S, Z>
where
    Z: TimeZone + PartialEq + fmt::Display + core::str::FromStr,
    Z::Err: fmt::Display,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let repr = SeriesRepr::<S>::deserialize(deserializer)?;
        let zone: Z = repr
            .zone
            .parse()
            .map_err(|e| de::Error::custom(format_args!("time zone {:?}: {e}", repr.zone)))?;
        // A zone whose text does not read back as written would put answers
        // in the wrong periods: chrono reads the fixed offset "+00:19:32"
        // as +00:19, dropping the seconds. Refuse it rather than shift it.
        if repr.zone.matches(':').count() == 2 && zone.to_string() != repr.zone {
            return Err(de::Error::custom(format_args!(
                "time zone {:?} reads back as {:?}: offsets with seconds are not supported, \
                 write the offset in whole minutes or name the zone",
                repr.zone,
                zone.to_string()
            )));
        }
        if let Some((first, last)) = repr.span
            && last < first
        {
            return Err(de::Error::custom(format_args!(
                "span ends at {last}, before it starts at {first}"
            )));
        }
        let mut tallies = BTreeMap::new();
        for (start, tally) in repr.periods {
            let period = Period::starting(repr.granularity, start).ok_or_else(|| {
                de::Error::custom(format_args!(
                    "{start} does not start a period of granularity {}",
                    repr.granularity
                ))
            })?;
            if tallies.insert(period, tally).is_some() {
                return Err(de::Error::custom(format_args!("period {period} appears twice")));
            }
        }
        Ok(Self {
            granularity: repr.granularity,
            zone,
            tallies,
            span: repr.span,
        })
    }
}

/// Segments serialize as a list of `[key, tally]` pairs in key order
/// (JSON object keys would have to be strings); repeated keys are rejected.
impl<K: Ord + Serialize, S: Scale> Serialize for Segments<K, S> {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        serializer.collect_seq(self.tallies.iter())
    }
}

impl<'de, K: Ord + Deserialize<'de>, S: Scale> Deserialize<'de> for Segments<K, S> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let pairs = Vec::<(K, Tally<S>)>::deserialize(deserializer)?;
        let mut tallies = BTreeMap::new();
        for (k, t) in pairs {
            if tallies.insert(k, t).is_some() {
                return Err(de::Error::custom("a segment key appears twice"));
            }
        }
        Ok(Self { tallies })
    }
}

/// A weighted tally serializes as `{"scale", "sum_w", "sum_w2", "answers"}`,
/// one entry per scale point. Deserializing rejects the wrong scale or
/// length, negative or non-finite sums, and weights without answers (or
/// answers without weight).
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WeightedRepr {
    scale: String,
    sum_w: Vec<f64>,
    sum_w2: Vec<f64>,
    answers: Vec<u64>,
}

impl<S: Scale> Serialize for WeightedTally<S> {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        WeightedRepr {
            scale: S::NAME.to_owned(),
            sum_w: self.sum_w[..S::POINTS].to_vec(),
            sum_w2: self.sum_w2[..S::POINTS].to_vec(),
            answers: self.rows[..S::POINTS].to_vec(),
        }
        .serialize(serializer)
    }
}

impl<'de, S: Scale> Deserialize<'de> for WeightedTally<S> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let r = WeightedRepr::deserialize(deserializer)?;
        if r.scale != S::NAME {
            return Err(de::Error::custom(format_args!(
                "expected a {} tally, found scale {:?}",
                S::NAME,
                r.scale
            )));
        }
        // One validation for every way in: the same as `from_sums`.
        Self::from_sums(&r.sum_w, &r.sum_w2, &r.answers).map_err(de::Error::custom)
    }
}
