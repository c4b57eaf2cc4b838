//! Discoveries in the encrypted store: a real scan of the fixture mailbox kept and read back,
//! breach checks, self-checks with screenshots, and the exposure board built from all of it
//! plus the vendor's answer in a case.

use redress_core::breach::BreachCatalogue;
use redress_core::case::{AnswerKind, CaseEvent, Channel, RequestKind};
use redress_core::exposure::{Exposure, SelfCheckOutcome, exposure_board};
use redress_core::identity::ProfileInput;
use redress_core::registry::Registry;
use redress_mail::{Fingerprints, ScanExamples, ScanOptions, plan_inputs, scan};
use redress_store::{NewKey, NoKeyring, Passphrase, Store, StoreError};

fn now() -> jiff::Timestamp {
    "2026-11-23T10:00:00Z".parse().expect("timestamp")
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde\0\0\0\x0cIDATx\x9cc\xf8\xcf\xc0\0\0\x03\x01\x01\0\xc9\xfe\x92\xef\0\0\0\0IEND\xaeB`\x82";

#[test]
fn discoveries_are_kept_encrypted_and_feed_the_board() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("redress.db");
    let pass = Passphrase::new("correct horse battery".into());
    let mut store = Store::create(&path, NewKey::Passphrase(pass.clone()), &NoKeyring).expect("create");
    let person = store
        .add_profile(
            ProfileInput {
                name: "Camille Martin".into(),
                emails: vec!["camille.martin@example.org".into()],
                ..Default::default()
            },
            now(),
        )
        .expect("profile")
        .id;

    // A real scan of the fixture mails.
    let registry = Registry::builtin().expect("registry");
    let fingerprints = Fingerprints::builtin(&registry).expect("fingerprints");
    let mail = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../redress-mail/tests/fixtures/mail");
    let input = plan_inputs(&[mail]).expect("input");
    let mut examples = ScanExamples::new(3);
    let summary = scan(&fingerprints, &input, &ScanOptions::default(), &|_| {}, |r| examples.offer(r));
    let examples = examples.into_vec();
    assert_eq!(examples.len(), 4);
    store.record_mail_scan(person, "mail (5 files)", &summary, &examples, now()).expect("scan kept");

    store
        .record_breach_check(person, "Camille.Martin@example.org", &["Adobe".into(), "Apollo".into()], now())
        .expect("check");
    store.record_breach_check(person, "camille.martin@example.org", &["Apollo".into()], now()).expect("newer check");
    store
        .record_self_check(
            person,
            "lusha",
            jiff::civil::date(2026, 11, 20),
            SelfCheckOutcome::NotFound,
            Some("searched my e-mail"),
            Some(("lusha.png", PNG)),
            now(),
        )
        .expect("self-check");
    let err = store
        .record_self_check(
            person,
            "lusha",
            jiff::civil::date(2026, 11, 20),
            SelfCheckOutcome::Found,
            None,
            Some(("notes.txt", b"hello")),
            now(),
        )
        .expect_err("not an image");
    assert!(matches!(err, StoreError::InvalidFile { .. }) && err.to_string().contains("PNG or JPEG"), "{err}");

    // A Cognism case answered completely: erased.
    let case = store.open_case(person, "cognism", "GB", RequestKind::Combined, now()).expect("case");
    store
        .record_event(
            case.id,
            CaseEvent::Sent {
                channel: Channel::Email,
                on: jiff::civil::date(2026, 10, 1),
                received_on: None,
                reference: None,
            },
            now(),
        )
        .expect("sent");
    store
        .record_event(
            case.id,
            CaseEvent::Answered { kind: AnswerKind::Complete, on: jiff::civil::date(2026, 10, 20) },
            now(),
        )
        .expect("answered");
    drop(store);

    // Reopened from disk: everything is there.
    let store = Store::open(&path, Some(&pass), &NoKeyring).expect("reopen");
    let scans = store.mail_scans(person).expect("scans");
    assert_eq!(scans.len(), 1);
    assert_eq!(scans[0].summary.messages, 5);
    assert_eq!(scans[0].examples, examples);
    let checks = store.breach_checks(person).expect("checks");
    assert_eq!(checks.len(), 1, "the latest check per address");
    assert_eq!(checks[0].breaches, ["Apollo"]);
    let selfs = store.self_checks(person).expect("self-checks");
    assert_eq!(selfs.len(), 1);
    assert_eq!(selfs[0].screenshot_name.as_deref(), Some("lusha.png"));
    assert_eq!(selfs[0].screenshot_sha256.as_ref().map(String::len), Some(64));

    let facts = store.exposure_facts(person).expect("facts");
    let board = exposure_board(&registry, &BreachCatalogue::builtin().expect("catalogue"), &facts);
    let status = |id: &str| board.iter().find(|r| r.vendor == id).map(|r| r.status);
    assert_eq!(status("kaspr"), Some(Exposure::Confirmed), "Kaspr e-mailed");
    assert_eq!(status("apollo"), Some(Exposure::Confirmed), "the Apollo breach");
    assert_eq!(status("lemlist"), Some(Exposure::Likely), "a company prospected through lemlist");
    assert_eq!(status("lusha"), Some(Exposure::NotHeld), "self-check found nothing");
    assert_eq!(status("cognism"), Some(Exposure::Erased));
    assert_eq!(status("zoominfo"), Some(Exposure::Unknown));
    drop(store);

    // Nothing of it is readable in the file.
    let raw = std::fs::read(&path).expect("raw");
    for needle in [&b"kaspr.io"[..], b"camille.martin", b"searched my e-mail", b"northwind"] {
        assert!(!raw.windows(needle.len()).any(|w| w == needle), "{:?} in plaintext", String::from_utf8_lossy(needle));
    }
}

#[test]
fn discoveries_need_a_known_person() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::create(
        &dir.path().join("r.db"),
        NewKey::Passphrase(Passphrase::new("correct horse battery".into())),
        &NoKeyring,
    )
    .expect("create");
    let err = store.record_breach_check(42, "a@example.org", &[], now()).expect_err("no such person");
    assert!(matches!(err, StoreError::UnknownProfile { id: 42 }), "{err}");
    assert!(matches!(store.exposure_facts(42), Err(StoreError::UnknownProfile { .. })));
}
