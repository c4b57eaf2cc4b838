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
    assert!(matches!(err, StoreError::Core(redress_core::Error::IllegalTransition(_))), "{err}");
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

/// A real-world-shaped answer (multipart, quoted-printable, encoded subject, an attachment)
/// is stored as received, linked to the request it answers, and points at what it covers.
#[test]
fn a_reply_is_stored_linked_and_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("redress.db");
    let mut store =
        Store::create(&path, NewKey::Passphrase(Passphrase::new("replies pass".into())), &NoKeyring).expect("create");
    let registry = redress_core::registry::Registry::builtin().expect("registry");
    let p = store.add_profile(ProfileInput { name: "Zoé Martin".into(), ..Default::default() }, now()).expect("p");
    let lusha = store.open_case(p.id, "lusha", "FR", RequestKind::Access, now()).expect("lusha");
    let kaspr = store.open_case(p.id, "kaspr", "FR", RequestKind::Access, now()).expect("kaspr");
    for (id, reference) in [(lusha.id, "<req-2@example.fr>"), (kaspr.id, "<req-1@example.fr>")] {
        let sent = CaseEvent::Sent {
            channel: Channel::Email,
            on: date(2025, 3, 5),
            received_on: None,
            reference: Some(reference.into()),
        };
        store.record_event(id, sent, now()).expect("sent");
    }
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/replies/kaspr-incomplete-answer.eml");
    let bytes = std::fs::read(&fixture).expect("fixture");
    let reply = redress_mail::read_reply("kaspr-incomplete-answer.eml", &bytes).expect("reads");
    assert_eq!(reply.from_address.as_deref(), Some("privacy@kaspr.io"));
    assert_eq!(reply.subject.as_deref(), Some("RE: Demande d'accès à mes données personnelles"));
    assert_eq!(reply.date, Some(date(2025, 4, 1)));
    assert_eq!(reply.attachments, ["export.csv"]);

    let imported = store.import_reply(None, &reply, &bytes, &registry, now()).expect("linked");
    assert_eq!(imported.case.id, kaspr.id, "{:?}", imported.link);
    assert!(imported.link.as_ref().is_some_and(|l| l.reasons[0].contains("req-1@example.fr")));
    let file = &imported.case.files[0];
    assert_eq!((file.sha256.as_str(), file.size), (reply.sha256.as_str(), bytes.len() as u64));
    assert_eq!(store.case_file_content(file.id).expect("content"), bytes, "kept byte for byte");
    let source = imported.hints.iter().find(|h| h.item == redress_core::letter::AccessItem::Source).expect("hint");
    assert!(source.vague, "\"sources publiques\" is flagged");

    use redress_core::case::ItemState::{Missing, Present};
    use redress_core::letter::AccessItem::{Copy, Recipients, Source};
    let c = store
        .set_checklist(kaspr.id, &[(Source, Some(Missing)), (Recipients, Some(Missing)), (Copy, Some(Present))], now())
        .expect("checklist");
    assert_eq!(redress_core::case::missing_items(&c.checklist), [Recipients, Source]);
    let c = store.set_checklist(kaspr.id, &[(Recipients, None)], now()).expect("cleared");
    assert_eq!(redress_core::case::missing_items(&c.checklist), [Source]);

    // A reply nothing points to is refused, with what to do.
    let stranger = b"From: someone@example.org\r\nSubject: hello\r\n\r\nHi\r\n";
    let r = redress_mail::read_reply("stranger.eml", stranger).expect("reads");
    let err = store.import_reply(None, &r, stranger, &registry, now()).expect_err("not linked").to_string();
    assert!(err.contains("no single case matches the sender someone@example.org"), "{err}");
    drop(store);
    let reopened = Store::open(&path, Some(&Passphrase::new("replies pass".into())), &NoKeyring).expect("reopen");
    assert_eq!(reopened.case(kaspr.id).expect("case").files.len(), 1);
}
