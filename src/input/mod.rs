//! Real survey cells in: missing answers, integral decimals, and answer
//! labels.
//!
//! Exports from survey tools, spreadsheets and pandas carry answers as
//! text: `"9"`, `""`, `"N/A"`, `"7.0"` (an integer column with blanks
//! becomes floats), `"Very satisfied"`. [`Cells`] reads such a cell as
//! `Option<S>` — `None` for a missing answer, which never counts towards
//! `n` — and [`Labels`] maps answer text to scale points. Everything else
//! is an error that names the cell and the accepted values, never a
//! silent drop or clamp.
//!
//! ```
//! use cxmetrics::input::{Cells, Labels};
//! use cxmetrics::{Csat, Likert5, Tally};
//!
//! let column = ["5", "", "4.0", "N/A", "Very satisfied", "2", "null"];
//! let cells = Cells::new().integral_decimals(true);
//! let labels = Labels::csat();
//! let answers: Vec<Option<Likert5>> = column.iter().map(|c| cells.parse_or_label(c, &labels)).collect::<Result<_, _>>()?;
//! let tally: Tally<Likert5> = answers.into_iter().flatten().collect();
//! assert_eq!(tally.total(), 4); // three cells were not answered
//! assert_eq!(Csat::default().score(&tally)?.rounded(), 75);
//! # Ok::<(), cxmetrics::Error>(())
//! ```

mod cells;
mod labels;

pub use cells::Cells;
pub use labels::Labels;

/// Text folded for matching names and labels: lowercase letters and digits
/// only, so `"Self-service"`, `"self_service"` and `" SELF SERVICE "` match.
pub(crate) fn fold(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}
