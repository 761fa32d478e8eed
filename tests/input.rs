//! Real cells in: missing answers, integral decimals, labels, names.

use cxmetrics::effort::EffortBand;
use cxmetrics::input::{Cells, Labels};
use cxmetrics::{Channel, Error, Granularity, Likert5, Likert7, Scale, Tally, Touchpoint, ZeroToTen};

#[test]
fn missing_cells_are_none_and_never_count() -> Result<(), Error> {
    let cells = Cells::new();
    for missing in ["", "   ", "NA", "na", " N/A ", "n/a", "null", "NULL", "NaN", "nan"] {
        assert_eq!(cells.parse::<ZeroToTen>(missing)?, None, "{missing:?}");
    }
    let column = ["10", "", "9", "NA", "3", "null"];
    let tally: Tally<ZeroToTen> = column
        .iter()
        .map(|c| cells.parse::<ZeroToTen>(c))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .collect();
    assert_eq!(tally.total(), 3);
    Ok(())
}

#[test]
fn everything_else_must_parse() {
    let strict = Cells::new();
    let lenient = Cells::new().integral_decimals(true);
    let cases: [(&str, &str, &str); 6] = [
        ("6.5", "invalid answer \"6.5\"", "invalid answer \"6.5\""),
        ("7.0", "invalid answer \"7.0\"", ""),
        ("11", "invalid answer \"11\"", "invalid answer \"11\""),
        ("11.0", "invalid answer \"11.0\"", "invalid answer \"11.0\""),
        ("seven", "invalid answer \"seven\"", "invalid answer \"seven\""),
        (".0", "invalid answer \".0\"", "invalid answer \".0\""),
    ];
    for (cell, strict_err, lenient_err) in cases {
        let s = strict.parse::<ZeroToTen>(cell).map(|_| ()).map_err(|e| e.to_string());
        assert!(s.as_ref().is_err_and(|e| e.starts_with(strict_err)), "{cell}: {s:?}");
        let l = lenient.parse::<ZeroToTen>(cell).map(|_| ()).map_err(|e| e.to_string());
        if lenient_err.is_empty() {
            assert_eq!(l, Ok(()), "{cell}");
        } else {
            assert!(l.as_ref().is_err_and(|e| e.starts_with(lenient_err)), "{cell}: {l:?}");
        }
    }
    assert_eq!(
        lenient.parse::<Likert5>(" 4.00 ").ok().flatten().map(Scale::get),
        Some(4)
    );
}

#[test]
fn standard_anchors_cover_every_point() -> Result<(), Error> {
    let points = |labels: Vec<u8>| {
        let mut p = labels;
        p.sort_unstable();
        p.dedup();
        p
    };
    assert_eq!(
        points(Labels::csat().iter().map(|(_, p)| p.get()).collect()),
        [1, 2, 3, 4, 5]
    );
    assert_eq!(
        points(Labels::effort().iter().map(|(_, p)| p.get()).collect()),
        [1, 2, 3, 4, 5]
    );
    assert_eq!(
        points(Labels::ease().iter().map(|(_, p)| p.get()).collect()),
        [1, 2, 3, 4, 5]
    );
    assert_eq!(
        points(Labels::agreement_five().iter().map(|(_, p)| p.get()).collect()),
        [1, 2, 3, 4, 5]
    );
    assert_eq!(
        points(Labels::agreement().iter().map(|(_, p)| p.get()).collect()),
        [1, 2, 3, 4, 5, 6, 7]
    );
    assert_eq!(Labels::csat().parse("VERY-dissatisfied")?, Likert5::new(1)?);
    assert_eq!(Labels::agreement().parse("  strongly   agree ")?, Likert7::new(7)?);
    Ok(())
}

#[test]
fn label_errors_name_the_text_and_the_choices() -> Result<(), Error> {
    let err = Labels::ease().parse("so-so").unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown answer \"so-so\": expected one of Very difficult, Difficult, Neither easy nor difficult, Neutral, Easy, Very easy"
    );
    let err = Labels::new([("Gut", Likert5::new(4)?), ("gut!", Likert5::new(5)?)]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "labels \"Gut\" and \"gut!\" read the same but name different points"
    );
    assert_eq!(
        Labels::new([("--", Likert5::new(4)?)]).unwrap_err().to_string(),
        "label \"--\" has no letter or digit"
    );
    // The same text twice for the same point is harmless.
    assert_eq!(
        Labels::new([("Gut", Likert5::new(4)?), ("gut", Likert5::new(4)?)])?
            .iter()
            .count(),
        1
    );
    Ok(())
}

#[test]
fn numbers_and_labels_mix_in_one_column() -> Result<(), Error> {
    let cells = Cells::new().integral_decimals(true);
    let labels = Labels::agreement();
    let column = ["7", "Agree", "5.0", "", "Strongly disagree", "N/A"];
    let answers: Vec<Option<Likert7>> = column
        .iter()
        .map(|c| cells.parse_or_label(c, &labels))
        .collect::<Result<_, _>>()?;
    let got: Vec<Option<u8>> = answers.iter().map(|a| a.map(Scale::get)).collect();
    assert_eq!(got, [Some(7), Some(6), Some(5), None, Some(1), None]);
    // A number off the scale stays a number error, not a label error.
    assert!(matches!(
        cells.parse_or_label::<Likert7>("8", &labels),
        Err(Error::Parse { .. })
    ));
    assert!(matches!(
        cells.parse_or_label::<Likert7>("6.5", &labels),
        Err(Error::Parse { .. })
    ));
    // So does a signed one: "-1" and "+8" are numbers, not unknown labels.
    for signed in ["-1", "+8", " -0"] {
        let err = cells.parse_or_label::<Likert7>(signed, &labels);
        assert!(matches!(err, Err(Error::Parse { .. })), "{signed}: {err:?}");
    }
    assert!(matches!(
        cells.parse_or_label::<Likert7>("Agreed", &labels),
        Err(Error::UnknownLabel { .. })
    ));
    Ok(())
}

#[test]
fn names_parse_as_display_and_serde_write_them() -> Result<(), Error> {
    for c in [
        Channel::Phone,
        Channel::Email,
        Channel::Chat,
        Channel::Social,
        Channel::SelfService,
        Channel::InApp,
        Channel::Sms,
    ] {
        assert_eq!(c.to_string().parse::<Channel>()?, c);
    }
    for t in [
        Touchpoint::FirstContact,
        Touchpoint::FollowUp,
        Touchpoint::ReturnsRefunds,
        Touchpoint::AfterHours,
        Touchpoint::Purchase,
        Touchpoint::Onboarding,
    ] {
        assert_eq!(t.to_string().parse::<Touchpoint>()?, t);
    }
    for b in [EffortBand::Easy, EffortBand::Neutral, EffortBand::Difficult] {
        assert_eq!(b.to_string().parse::<EffortBand>()?, b);
    }
    assert_eq!("first_contact".parse::<Touchpoint>()?, Touchpoint::FirstContact);
    assert_eq!("self_service".parse::<Channel>()?, Channel::SelfService);
    assert_eq!("Quarter".parse::<Granularity>()?, Granularity::Quarter);
    assert_eq!(
        "".parse::<Channel>().unwrap_err().to_string(),
        "unknown channel \"\": expected a non-blank name"
    );
    Ok(())
}
