//! Hand-written serde support. Everything that enters through
//! `Deserialize` goes through the same validation as the constructors.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::marker::PhantomData;

use chrono::{DateTime, Utc};
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::response::{check_interaction, check_weight};
use crate::{Channel, Response, Scale, Tally, Touchpoint};

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
