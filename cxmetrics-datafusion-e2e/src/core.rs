//! What the core crate itself computes per segment, to compare SQL results
//! with. Every call into `cxmetrics` of this member is here.

use std::collections::BTreeMap;

use cxmetrics::{
    CesAgreement, ConfidenceLevel, Csat, Error, Likert5, Likert7, Mean, Nps, RatingSet, Scale, Segments, Tally,
    ZeroToTen,
};

use crate::{Answer, Scored};

/// A statistic to score per agent, as the SQL functions name them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Statistic {
    /// `nps(score, level)`.
    Nps(f64),
    /// `csat(sat)`.
    Csat,
    /// `ces(effort)`.
    Ces,
    /// `top_box(effort, 'Likert7', lo, hi)`.
    TopBoxLikert7(u8, u8),
    /// `rating_mean(sat, 'Likert5', level)`.
    MeanLikert5(f64),
    /// `rating_mean(score, 'ZeroToTen')`.
    MeanZeroToTen,
}

fn segments<S: Scale>(answers: &[Answer], pick: impl Fn(&Answer) -> Option<i64>) -> Result<Segments<String, S>, Error> {
    let mut segments = Segments::new();
    for a in answers {
        if let Some(v) = pick(a) {
            // A value no `u8` holds is off every scale; 255 is too.
            let v = u8::try_from(v).unwrap_or(u8::MAX);
            segments.add(a.agent.clone(), S::new(v)?)?;
        }
    }
    Ok(segments)
}

fn by_agent<S: Scale>(
    answers: &[Answer],
    pick: impl Fn(&Answer) -> Option<i64>,
    score: impl Fn(&Tally<S>) -> Result<Scored, Error>,
) -> Result<BTreeMap<String, Scored>, Error> {
    let segments = segments::<S>(answers, pick)?;
    let mut out = BTreeMap::new();
    for a in answers {
        let scored = match segments.get(&a.agent) {
            Some(t) if !t.is_empty() => score(t)?,
            _ => Scored {
                score: None,
                lower: None,
                upper: None,
                n: 0,
            },
        };
        out.insert(a.agent.clone(), scored);
    }
    Ok(out)
}

fn share<S: Scale>(
    t: &Tally<S>,
    positive: impl Fn(&Tally<S>) -> Result<cxmetrics::Share, Error>,
) -> Result<Scored, Error> {
    let s = positive(t)?;
    let i = s.interval(ConfidenceLevel::P95);
    Ok(Scored {
        score: Some(s.percent()),
        lower: Some(i.display_lower()),
        upper: Some(i.display_upper()),
        n: s.n(),
    })
}

fn mean<S: Scale>(t: &Tally<S>, level: f64) -> Result<Scored, Error> {
    let m = Mean.score(t)?;
    let i = m.interval(ConfidenceLevel::new(level)?);
    Ok(Scored {
        score: Some(m.value()),
        lower: i.map(|i| i.lower()),
        upper: i.map(|i| i.upper()),
        n: m.n(),
    })
}

/// The core's score of `statistic` for every agent in `answers`.
///
/// # Errors
///
/// An off-scale answer.
pub fn expected(answers: &[Answer], statistic: Statistic) -> Result<BTreeMap<String, Scored>, Error> {
    match statistic {
        Statistic::Nps(level) => by_agent::<ZeroToTen>(
            answers,
            |a| a.score,
            |t| {
                let s = Nps.score(t)?;
                let i = s.interval(ConfidenceLevel::new(level)?);
                Ok(Scored {
                    score: Some(s.points()),
                    lower: Some(i.display_lower()),
                    upper: Some(i.display_upper()),
                    n: s.n(),
                })
            },
        ),
        Statistic::Csat => by_agent::<Likert5>(answers, |a| a.sat, |t| share(t, |t| Csat::default().score(t))),
        Statistic::Ces => by_agent::<Likert7>(
            answers,
            |a| a.effort,
            |t| share(t, |t| CesAgreement::default().score(t)),
        ),
        Statistic::TopBoxLikert7(lo, hi) => by_agent::<Likert7>(
            answers,
            |a| a.effort,
            |t| {
                share(t, |t| {
                    Csat::new(RatingSet::range(Likert7::new(lo)?, Likert7::new(hi)?)?).score(t)
                })
            },
        ),
        Statistic::MeanLikert5(level) => by_agent::<Likert5>(answers, |a| a.sat, |t| mean(t, level)),
        Statistic::MeanZeroToTen => by_agent::<ZeroToTen>(answers, |a| a.score, |t| mean(t, 0.95)),
    }
}

/// The core's tally of the NPS answers for every agent, as counts per point.
///
/// # Errors
///
/// An off-scale answer.
pub fn expected_tallies(answers: &[Answer]) -> Result<BTreeMap<String, Vec<u64>>, Error> {
    let segments = segments::<ZeroToTen>(answers, |a| a.score)?;
    Ok(answers
        .iter()
        .map(|a| {
            let counts = segments
                .get(&a.agent)
                .map_or_else(|| vec![0; ZeroToTen::POINTS], |t| t.counts().to_vec());
            (a.agent.clone(), counts)
        })
        .collect())
}

/// Reads stored counts back into a core tally and scores its NPS, in points.
///
/// # Errors
///
/// Counts that are not one per point of 0–10, or an empty tally.
pub fn nps_of_counts(counts: &[u64]) -> Result<f64, Error> {
    Ok(Nps.score(&Tally::<ZeroToTen>::from_counts(counts)?)?.points())
}

/// The core's bulk kernel: NPS of raw 0–10 answers, in points.
///
/// # Errors
///
/// An off-scale answer, or no answers.
pub fn nps_of_raw(raw: &[u8]) -> Result<f64, Error> {
    Ok(Nps.score_raw(raw)?.points())
}
