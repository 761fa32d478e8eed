//! Scale validation through every entry point, with exact error messages.

use cxmetrics::{Error, Likert5, Likert7, Scale, ZeroToTen};

#[test]
fn new_and_try_from_reject_off_scale_values() {
    let cases: [(Result<u8, Error>, &str); 6] = [
        (ZeroToTen::new(11).map(u8::from), "rating 11 is off the 0–10 scale"),
        (
            ZeroToTen::try_from(255).map(u8::from),
            "rating 255 is off the 0–10 scale",
        ),
        (Likert5::new(0).map(u8::from), "rating 0 is off the 1–5 scale"),
        (Likert5::try_from(6).map(u8::from), "rating 6 is off the 1–5 scale"),
        (Likert7::new(0).map(u8::from), "rating 0 is off the 1–7 scale"),
        (Likert7::try_from(8).map(u8::from), "rating 8 is off the 1–7 scale"),
    ];
    for (result, message) in cases {
        assert_eq!(result.expect_err(message).to_string(), message);
    }
}

#[test]
fn every_point_is_accepted() -> Result<(), Error> {
    fn all<S: Scale>() -> Result<(), Error> {
        for v in S::MIN..=S::MAX {
            let r = S::new(v)?;
            assert_eq!(r.get(), v);
            assert_eq!(S::try_from(v), Ok(r));
            assert_eq!(r.to_string().parse::<S>(), Ok(r));
            assert_eq!(Into::<u8>::into(r), v);
        }
        // And nothing outside: the points are exactly MIN..=MAX.
        let accepted = (0..=u8::MAX).filter(|&v| S::new(v).is_ok()).count();
        assert_eq!(accepted, usize::from(S::MAX - S::MIN) + 1, "{}", S::NAME);
        assert_eq!(S::POINTS, accepted, "{}", S::NAME);
        Ok(())
    }
    all::<Likert5>()?;
    all::<Likert7>()?;
    all::<ZeroToTen>()
}

#[test]
fn from_str_accepts_surrounding_whitespace() -> Result<(), Error> {
    assert_eq!(" 7 ".parse::<ZeroToTen>().map(ZeroToTen::get), Ok(7));
    assert_eq!("\t5\n".parse::<Likert5>().map(Likert5::get), Ok(5));
    assert_eq!("10".parse::<ZeroToTen>()?.get(), 10);
    Ok(())
}

#[test]
fn from_str_rejects_everything_else_naming_input_and_range() {
    let mut cases: Vec<(Result<u8, Error>, String)> =
        ["", "   ", "6.5", "-1", "11", "+7", "seven", "0x7", "7 7", "1e1", "７"]
            .into_iter()
            .map(|input| {
                (
                    input.parse::<ZeroToTen>().map(u8::from),
                    format!("invalid answer \"{input}\" on the 0–10 scale: expected a whole number from 0 to 10"),
                )
            })
            .collect();
    cases.extend([
        (
            "0".parse::<Likert7>().map(u8::from),
            "invalid answer \"0\" on the 1–7 scale: expected a whole number from 1 to 7".to_owned(),
        ),
        (
            "8".parse::<Likert7>().map(u8::from),
            "invalid answer \"8\" on the 1–7 scale: expected a whole number from 1 to 7".to_owned(),
        ),
        (
            "6".parse::<Likert5>().map(u8::from),
            "invalid answer \"6\" on the 1–5 scale: expected a whole number from 1 to 5".to_owned(),
        ),
    ]);
    for (result, message) in cases {
        assert_eq!(result.expect_err(&message).to_string(), message);
    }
}

#[test]
fn constants_and_ordering() {
    const NINE: ZeroToTen = ZeroToTen::constant(9);
    assert!(NINE > ZeroToTen::constant(8));
    assert_eq!(Likert5::NEUTRAL.get(), 3);
    assert_eq!(Likert7::NEUTRAL.get(), 4);
    assert_eq!((ZeroToTen::POINTS, Likert7::POINTS, Likert5::POINTS), (11, 7, 5));
    assert_eq!(format!("{NINE:?} {NINE}"), "ZeroToTen(9) 9");
}

#[test]
#[should_panic(expected = "rating out of range")]
fn constant_panics_off_scale() {
    let _ = Likert5::constant(6);
}
