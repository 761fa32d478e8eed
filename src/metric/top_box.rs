//! The one top-box core behind [`Csat`](crate::Csat),
//! [`CesAgreement`](crate::CesAgreement) and [`CesEase`](crate::CesEase),
//! and the named rating sets the metric definitions use.

use crate::tally::validity::Validity;
use crate::{Error, Likert5, Likert7, MeanScore, Metric, NetScore, RatingSet, Sample, Scale, Share};

/// 1–2 on a five-point scale: dissatisfied, low effort (CES 1.0), difficult (ease).
pub(crate) const FIVE_BOTTOM_TWO: RatingSet<Likert5> = RatingSet::between(1, 2);
/// 4–5 on a five-point scale: satisfied, high effort (CES 1.0), easy (ease).
pub(crate) const FIVE_TOP_TWO: RatingSet<Likert5> = RatingSet::between(4, 5);
/// 1–2 on the seven-point agreement scale: disagree, strongly disagree.
pub(crate) const SEVEN_BOTTOM_TWO: RatingSet<Likert7> = RatingSet::between(1, 2);
/// 6–7 on the seven-point agreement scale: agree, strongly agree.
pub(crate) const SEVEN_TOP_TWO: RatingSet<Likert7> = RatingSet::between(6, 7);
/// 5–7 on the seven-point agreement scale: somewhat agree or stronger.
pub(crate) const SEVEN_TOP_THREE: RatingSet<Likert7> = RatingSet::between(5, 7);

/// A top-box metric: the share of answers in a positive set, the mean, and
/// the net score of a top set over a bottom set, labelled with the metric.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct TopBox<S: Scale> {
    pub(crate) positive: RatingSet<S>,
    pub(crate) metric: Metric,
}

impl<S: Scale> TopBox<S> {
    pub(crate) fn share(self, sample: &impl Sample<S>) -> Result<Share, Error> {
        super::share(sample, self.positive, self.metric)
    }

    pub(crate) fn share_raw(self, bytes: &[u8], validity: Option<Validity<'_>>) -> Result<Share, Error> {
        super::share_raw(bytes, validity, self.positive, self.metric)
    }

    pub(crate) fn mean(self, sample: &impl Sample<S>) -> Result<MeanScore, Error> {
        super::mean(sample, self.metric)
    }

    pub(crate) fn net(
        self,
        sample: &impl Sample<S>,
        top: RatingSet<S>,
        bottom: RatingSet<S>,
    ) -> Result<NetScore, Error> {
        super::net(sample, top, bottom, self.metric)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_sets_hold_the_ratings_they_name() {
        let five = |set: RatingSet<Likert5>| set.iter().map(Scale::get).collect::<Vec<_>>();
        let seven = |set: RatingSet<Likert7>| set.iter().map(Scale::get).collect::<Vec<_>>();
        assert_eq!(five(FIVE_BOTTOM_TWO), [1, 2]);
        assert_eq!(five(FIVE_TOP_TWO), [4, 5]);
        assert_eq!(seven(SEVEN_BOTTOM_TWO), [1, 2]);
        assert_eq!(seven(SEVEN_TOP_TWO), [6, 7]);
        assert_eq!(seven(SEVEN_TOP_THREE), [5, 6, 7]);
    }
}
