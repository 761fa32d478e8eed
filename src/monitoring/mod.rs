//! Monitoring (docs to come).

mod confidence_sequence;
mod counts;

pub use confidence_sequence::{NetScoreConfidenceSequence, ShareConfidenceSequence};
pub use counts::Prior;
