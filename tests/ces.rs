//! CES in its three orientations.

use cxmetrics::{CesAgreement, CesEase, CesEffort, Error, Likert5, Likert7, Metric, Orientation, Tally};

#[test]
fn ces2_default_strict_mean_and_net() -> Result<(), Error> {
    let t = Tally::<Likert7>::from_counts(&[2, 3, 5, 10, 20, 30, 30])?;
    assert_eq!(CesAgreement::default().score(&t)?.rounded(), 80);
    assert_eq!(CesAgreement::strict().score(&t)?.rounded(), 60);
    let m = CesAgreement::default().mean(&t)?;
    assert_eq!(
        (m.metric(), m.orientation()),
        (Metric::CesAgreement, Orientation::HigherIsBetter)
    );
    let net = CesAgreement::default().net_effort(&t)?;
    assert_eq!((net.positive(), net.negative(), net.neutral()), (60, 5, 35));
    Ok(())
}

#[test]
fn ces1_is_lower_is_better_and_reverse_codes_to_ease() -> Result<(), Error> {
    let effort = Tally::<Likert5>::from_counts(&[30, 35, 20, 10, 5])?;
    let m = CesEffort.score(&effort)?;
    assert!((m.value() - 2.25).abs() < 1e-12);
    assert_eq!(m.orientation(), Orientation::LowerIsBetter);
    assert_eq!(CesEffort.low_effort_share(&effort)?.rounded(), 65);
    let ease = CesEffort.reverse(&effort);
    assert_eq!(ease.counts(), &[5, 10, 20, 35, 30]);
    // Reverse-coding maps the low-effort share to the ease share and the mean to 6 − mean.
    assert_eq!(CesEase::default().score(&ease)?.hits(), 65);
    assert!((CesEase::default().mean(&ease)?.value() - 3.75).abs() < 1e-12);
    assert_eq!(
        CesEffort.net_effort(&effort)?.rounded(),
        CesEase::default().net_effort(&ease)?.rounded()
    );
    Ok(())
}

#[test]
fn raw_shares_equal_tally_shares() -> Result<(), Error> {
    let raw7: Vec<u8> = (0..5000u32).map(|i| (1 + (i * 5 + i / 7) % 7) as u8).collect();
    let t7 = Tally::<Likert7>::from_raw(&raw7)?;
    for ces in [CesAgreement::default(), CesAgreement::strict()] {
        assert_eq!(ces.score_raw(&raw7)?, ces.score(&t7)?);
    }
    let raw5: Vec<u8> = raw7.iter().map(|&x| 1 + (x - 1) % 5).collect();
    let t5 = Tally::<Likert5>::from_raw(&raw5)?;
    assert_eq!(CesEffort.low_effort_share_raw(&raw5)?, CesEffort.low_effort_share(&t5)?);
    assert_eq!(CesEase::default().score_raw(&raw5)?, CesEase::default().score(&t5)?);
    assert_eq!(
        CesAgreement::default()
            .score_raw(&[0])
            .expect_err("0 is off the 1–7 scale")
            .to_string(),
        "rating 0 at index 0 is off the 1–7 scale"
    );
    Ok(())
}

#[test]
fn versions_are_labelled_apart() -> Result<(), Error> {
    let t5 = Tally::<Likert5>::from_raw(&[1, 2, 4])?;
    let effort = CesEffort.score(&t5)?;
    let ease = CesEase::default().mean(&t5)?;
    assert_eq!((effort.metric(), ease.metric()), (Metric::CesEffort, Metric::CesEase));
    assert_eq!(
        (effort.orientation(), ease.orientation()),
        (Orientation::LowerIsBetter, Orientation::HigherIsBetter)
    );
    assert_ne!(effort, ease);
    Ok(())
}
