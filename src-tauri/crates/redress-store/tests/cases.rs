//! Cases in the encrypted store: opening, recording what happened, refusing what cannot have.

use jiff::civil::date;
use redress_core::case::{AnswerKind, CaseEvent, CaseStatus, Channel, RequestKind};
use redress_core::identity::ProfileInput;
use redress_store::{NewKey, NoKeyring, Passphrase, Store, StoreError};

fn now() -> jiff::Timestamp {
    "2025-04-10T09:00:00Z".parse().expect("timestamp")
}

#[test]
fn a_case_from_draft_to_escalation_survives_reopening() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("redress.db");
    let pass = Passphrase::new("cases passphrase".into());
    let mut store = Store::create(&path, NewKey::Passphrase(pass.clone()), &NoKeyring).expect("create");
    let p = store.add_profile(ProfileInput { name: "Zoé".into(), ..Default::default() }, now()).expect("profile");
    let c = store.open_case(p.id, "kaspr", "FR", RequestKind::Combined, now()).expect("open");
    assert_eq!((c.status, c.deadline.clone()), (CaseStatus::Draft, None));

    let sent = CaseEvent::Sent {
        channel: Channel::Email,
        on: date(2025, 3, 5),
        received_on: None,
        reference: Some("<a@b>".into()),
    };
    let c = store.record_event(c.id, sent, now()).expect("sent");
    assert_eq!(c.status, CaseStatus::Sent);
    assert_eq!(c.deadline.as_ref().map(|d| d.due), Some(date(2025, 4, 7)));
    assert!(c.is_overdue(date(2025, 4, 8)));
    assert!(!c.is_overdue(date(2025, 4, 7)));
    assert_eq!(c.days_left(date(2025, 4, 1)), Some(6));

    // Refused: an answer of a kind that cannot follow, or overdue before the due date.
    let err =
        store.record_event(c.id, CaseEvent::MarkedOverdue { on: date(2025, 4, 7) }, now()).expect_err("too early");
    assert!(matches!(err, StoreError::IllegalTransition(_)), "{err}");
    assert!(err.to_string().contains("its deadline has not passed yet"), "{err}");
    assert_eq!(store.case(c.id).expect("case").timeline.len(), 1, "nothing was written");

    store.record_event(c.id, CaseEvent::MarkedOverdue { on: date(2025, 4, 8) }, now()).expect("overdue");
    store.record_event(c.id, CaseEvent::Reminded { on: date(2025, 4, 9) }, now()).expect("reminded");
    store
        .record_event(c.id, CaseEvent::Answered { kind: AnswerKind::Incomplete, on: date(2025, 4, 20) }, now())
        .expect("answered");
    store.record_event(c.id, CaseEvent::Escalated { on: date(2025, 5, 30) }, now()).expect("escalated");
    drop(store);

    let store = Store::open(&path, Some(&pass), &NoKeyring).expect("reopen");
    let c = store.case(c.id).expect("case");
    assert_eq!(c.status, CaseStatus::Escalated);
    assert_eq!(c.timeline.len(), 5);
    assert_eq!(store.cases().expect("list").len(), 1);
    let err = store.case(99).expect_err("unknown");
    assert!(err.to_string().contains("no case with id 99"), "{err}");
}
