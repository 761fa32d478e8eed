//! Every text parser against a small reference, and `Display` → parse
//! round trips where the API promises them.
#![no_main]

use arbitrary::Arbitrary;
use cxmetrics::effort::EffortBand;
use cxmetrics::input::{Cells, Labels};
use cxmetrics::{Channel, Error, Granularity, Likert5, Likert7, Scale, Touchpoint, ZeroToTen};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    text: &'a str,
    integral_decimals: bool,
    labels: Vec<(&'a str, u8)>,
}

/// The crate's folding rule, restated: ASCII letters and digits, lowercased.
fn fold(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// What `FromStr` of a scale must give: trimmed ASCII digits whose value is
/// on the scale.
fn reference_rating<S: Scale>(text: &str) -> Option<u8> {
    let t = text.trim();
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = t.trim_start_matches('0');
    let value: u32 = if digits.is_empty() {
        0
    } else if digits.len() > 3 {
        return None;
    } else {
        digits.parse().ok()?
    };
    (u32::from(S::MIN)..=u32::from(S::MAX))
        .contains(&value)
        .then_some(value as u8)
}

/// What `Cells::parse` must give: `Ok(None)` for a missing marker, a
/// rating, or an error naming the cell.
fn reference_cell<S: Scale>(text: &str, integral_decimals: bool) -> Option<Option<u8>> {
    let t = text.trim();
    if ["", "na", "n/a", "null", "nan"]
        .iter()
        .any(|m| t.eq_ignore_ascii_case(m))
    {
        return Some(None);
    }
    let whole = match t.split_once('.') {
        Some((int, frac)) if integral_decimals && !int.is_empty() && frac.bytes().all(|b| b == b'0') => int,
        _ => t,
    };
    reference_rating::<S>(whole).map(Some)
}

fn scale<S: Scale>(input: &Input<'_>, labels: &[Labels<S>]) {
    let text = input.text;
    // FromStr against the reference, and the error names the text.
    match (text.parse::<S>(), reference_rating::<S>(text)) {
        (Ok(r), Some(v)) => {
            assert_eq!(r.get(), v, "{text:?}");
            assert_eq!(r.to_string().parse::<S>().ok(), Some(r));
            assert_eq!(S::new(v).ok(), Some(r));
            assert_eq!(S::try_from(v).ok(), Some(r));
        }
        (Err(Error::Parse { input, .. }), None) => assert_eq!(input, text),
        (got, want) => panic!("{} parse of {text:?}: got {got:?}, want {want:?}", S::NAME),
    }
    // Every byte through `new`: valid exactly on the scale.
    for v in text.bytes().take(4) {
        assert_eq!(S::new(v).is_ok(), (S::MIN..=S::MAX).contains(&v));
    }

    let cells = Cells::new().integral_decimals(input.integral_decimals);
    let parsed = cells.parse::<S>(text);
    match (&parsed, reference_cell::<S>(text, input.integral_decimals)) {
        (Ok(None), Some(None)) => {}
        (Ok(Some(r)), Some(Some(v))) => {
            assert_eq!(r.get(), v, "{text:?}");
            // A rating read from a cell reads back from its display.
            assert_eq!(cells.parse::<S>(&r.to_string()).ok(), Some(Some(*r)));
            assert_eq!(Cells::new().parse::<S>(&r.to_string()).ok(), Some(Some(*r)));
        }
        (Err(Error::Parse { input, .. }), None) => assert_eq!(input, text),
        (got, want) => panic!("{} cell {text:?}: got {got:?}, want {want:?}", S::NAME),
    }
    // Whatever FromStr accepts, a cell accepts as the same rating.
    if let Ok(r) = text.parse::<S>() {
        assert_eq!(parsed.as_ref().ok(), Some(&Some(r)));
    }

    // Labels: the built-in maps and one made from the input.
    let custom: Vec<(&str, S)> = input
        .labels
        .iter()
        .map(|&(t, p)| (t, S::new(S::MIN + p % (S::MAX - S::MIN + 1)).expect("on the scale")))
        .collect();
    let made = Labels::new(custom.iter().copied());
    check_custom_labels(&custom, &made);
    let made = made.ok();
    for l in labels.iter().chain(made.as_ref()) {
        for (label, point) in l.iter() {
            assert_eq!(l.parse(label).ok(), Some(point), "{label:?}");
            let numeric = label
                .trim()
                .starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+');
            if cells.parse::<S>(label).is_err() && !numeric {
                assert_eq!(cells.parse_or_label(label, l).ok(), Some(Some(point)), "{label:?}");
            }
        }
        let via_labels = l.parse(text);
        if let Ok(p) = &via_labels {
            assert_eq!(l.parse(&fold(text)).ok(), Some(*p));
        } else if let Err(e) = &via_labels {
            assert!(matches!(e, Error::UnknownLabel { input, .. } if input == text), "{e:?}");
        }
        let numeric = text
            .trim()
            .starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+');
        let expected = match &parsed {
            Ok(answer) => Some(*answer),
            Err(_) if numeric => None,
            Err(_) => via_labels.as_ref().ok().map(|&p| Some(p)),
        };
        assert_eq!(cells.parse_or_label(text, l).ok(), expected, "{text:?} with {l:?}");
    }
}

/// `Labels::new` accepts exactly the maps without blank or conflicting
/// labels, and then reads every label back as its point.
fn check_custom_labels<S: Scale>(entries: &[(&str, S)], made: &Result<Labels<S>, Error>) {
    let mut seen: Vec<(String, S)> = Vec::new();
    let mut expected_err = None;
    for &(text, point) in entries {
        let f = fold(text);
        if f.is_empty() {
            expected_err = Some("empty");
            break;
        }
        match seen.iter().find(|(g, _)| *g == f) {
            Some((_, p)) if *p != point => {
                expected_err = Some("duplicate");
                break;
            }
            Some(_) => {}
            None => seen.push((f, point)),
        }
    }
    match (made, expected_err) {
        (Ok(l), None) => {
            for &(text, point) in entries {
                assert_eq!(l.parse(text).ok(), Some(point), "{text:?}");
            }
            assert_eq!(l.iter().count(), seen.len());
        }
        (Err(Error::EmptyLabel { .. }), Some("empty")) | (Err(Error::DuplicateLabel { .. }), Some("duplicate")) => {}
        (got, want) => panic!("labels {entries:?}: got {got:?}, want {want:?}"),
    }
}

fn named(text: &str) {
    // Granularity: the five names and "week", trimmed, any ASCII case.
    let g = text.parse::<Granularity>();
    let wanted = text.trim().to_ascii_lowercase();
    let known = ["day", "iso_week", "week", "month", "quarter", "year"].contains(&wanted.as_str());
    assert_eq!(g.is_ok(), known, "{text:?}: {g:?}");
    if let Ok(g) = g {
        assert_eq!(g.to_string().parse::<Granularity>().ok(), Some(g));
    }

    // Channel and touchpoint: a known name, or a custom name for any other
    // non-blank text; display parses back to the same value.
    let blank = text.trim().is_empty();
    match text.parse::<Channel>() {
        Ok(c) => {
            assert!(!blank, "{text:?}");
            assert_eq!(c.to_string().parse::<Channel>().ok(), Some(c.clone()), "{text:?}");
            if let Channel::Custom(name) = &c {
                assert_eq!(name, text.trim());
            }
        }
        Err(e) => assert!(blank && matches!(e, Error::UnknownName { .. }), "{text:?}: {e:?}"),
    }
    match text.parse::<Touchpoint>() {
        Ok(t) => {
            assert!(!blank, "{text:?}");
            assert_eq!(t.to_string().parse::<Touchpoint>().ok(), Some(t.clone()), "{text:?}");
            if let Touchpoint::Custom(name) = &t {
                assert_eq!(name, text.trim());
            }
        }
        Err(e) => assert!(blank && matches!(e, Error::UnknownName { .. }), "{text:?}: {e:?}"),
    }

    // Effort bands: three names, folded.
    match text.parse::<EffortBand>() {
        Ok(b) => assert_eq!(b.to_string().parse::<EffortBand>().ok(), Some(b)),
        Err(e) => assert!(matches!(e, Error::UnknownName { .. }), "{e:?}"),
    }
    let f = fold(text);
    let band = ["easy", "neutral", "difficult"].contains(&f.as_str())
        || ["easyces57", "neutralces4", "difficultces13"].contains(&f.as_str());
    assert_eq!(text.parse::<EffortBand>().is_ok(), band, "{text:?}");
}

fuzz_target!(|input: Input<'_>| {
    scale::<ZeroToTen>(&input, &[]);
    scale::<Likert5>(
        &input,
        &[
            Labels::csat(),
            Labels::effort(),
            Labels::ease(),
            Labels::agreement_five(),
        ],
    );
    scale::<Likert7>(&input, &[Labels::agreement()]);
    named(input.text);
});
