//! CES in its three orientations.

use cxmetrics::{CesAgreement, CesEase, CesEffort, Likert5, Likert7, Metric, Orientation, Tally};

#[test]
fn ces2_default_strict_mean_and_net() {
    let t = Tally::<Likert7>::from_counts(&[2, 3, 5, 10, 20, 30, 30]).expect("counts");
    assert_eq!(CesAgreement::default().score(&t).expect("non-empty").rounded(), 80);
    assert_eq!(CesAgreement::strict().score(&t).expect("non-empty").rounded(), 60);
    let m = CesAgreement::default().mean(&t).expect("non-empty");
    assert_eq!(
        (m.metric(), m.orientation()),
        (Metric::CesAgreement, Orientation::HigherIsBetter)
    );
    let net = CesAgreement::default().net_effort(&t).expect("non-empty");
    assert_eq!((net.positive(), net.negative(), net.neutral()), (60, 5, 35));
}

#[test]
fn ces1_is_lower_is_better_and_reverse_codes_to_ease() {
    let effort = Tally::<Likert5>::from_counts(&[30, 35, 20, 10, 5]).expect("counts");
    let m = CesEffort.score(&effort).expect("non-empty");
    assert!((m.value() - 2.25).abs() < 1e-12);
    assert_eq!(m.orientation(), Orientation::LowerIsBetter);
    assert_eq!(CesEffort.low_effort_share(&effort).expect("non-empty").rounded(), 65);
    let ease = CesEffort.reverse(&effort);
    assert_eq!(ease.counts(), &[5, 10, 20, 35, 30]);
    // Reverse-coding maps the low-effort share to the ease share and the mean to 6 − mean.
    assert_eq!(CesEase::default().score(&ease).expect("non-empty").hits(), 65);
    assert!((CesEase::default().mean(&ease).expect("non-empty").value() - 3.75).abs() < 1e-12);
    assert_eq!(
        CesEffort.net_effort(&effort).expect("non-empty").rounded(),
        CesEase::default().net_effort(&ease).expect("non-empty").rounded()
    );
}

#[test]
fn raw_shares_equal_tally_shares() {
    let raw7: Vec<u8> = (0..5000u32).map(|i| (1 + (i * 5 + i / 7) % 7) as u8).collect();
    let t7 = Tally::<Likert7>::from_raw(&raw7).expect("valid");
    for ces in [CesAgreement::default(), CesAgreement::strict()] {
        assert_eq!(ces.score_raw(&raw7).expect("valid"), ces.score(&t7).expect("non-empty"));
    }
    let raw5: Vec<u8> = raw7.iter().map(|&x| 1 + (x - 1) % 5).collect();
    let t5 = Tally::<Likert5>::from_raw(&raw5).expect("valid");
    assert_eq!(
        CesEffort.low_effort_share_raw(&raw5).expect("valid"),
        CesEffort.low_effort_share(&t5).expect("non-empty")
    );
    assert_eq!(
        CesEase::default().score_raw(&raw5).expect("valid"),
        CesEase::default().score(&t5).expect("non-empty")
    );
    assert!(CesAgreement::default().score_raw(&[0]).is_err());
}

#[test]
fn versions_are_labelled_apart() {
    let t5 = Tally::<Likert5>::from_raw(&[1, 2, 4]).expect("valid");
    let effort = CesEffort.score(&t5).expect("non-empty");
    let ease = CesEase::default().mean(&t5).expect("non-empty");
    assert_ne!(effort.metric(), ease.metric());
    assert_ne!(effort, ease);
}
