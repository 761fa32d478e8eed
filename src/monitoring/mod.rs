//! Monitoring (docs to come).

mod bayes;
mod charts;
mod confidence_sequence;
mod counts;
mod cusum;
mod predictive;

pub use bayes::{CredibleInterval, NetScorePosterior, SharePosterior};
pub use charts::{ChartPoint, CusumPoint, EwmaChart, NetScoreChart, PChart, TabularCusum};
pub use confidence_sequence::{NetScoreConfidenceSequence, ShareConfidenceSequence};
pub use counts::Prior;
pub use cusum::{Alarm, Baseline, DropDetector};
