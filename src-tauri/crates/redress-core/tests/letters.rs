//! Letters: every kind in every language, the legal items each must contain, the e-mail forms
//! parsed back by a real mail parser, and hostile identity values.

use jiff::civil::date;
use mail_parser::MimeHeaders;
use redress_core::case::RequestKind;
use redress_core::identity::{Lang, ProfileInput};
use redress_core::letter::email::{Attachment, EmailMeta, eml, mailto};
use redress_core::letter::{
    AccessItem, ContactEvent, Letter, LetterInput, LetterKind, LetterOptions, ObjectionGrounds, Recipient,
    ReminderFacts, compose,
};
use redress_core::registry::Registry;

const LANGS: [Lang; 3] = [Lang::En, Lang::Fr, Lang::De];

fn zoe() -> ProfileInput {
    ProfileInput {
        name: "Zoé Martin".into(),
        address: vec!["12 rue de la République".into(), "69002 Lyon".into()],
        emails: vec!["zoe.martin@example.fr".into()],
        phones: vec!["+33 6 12 34 56 78".into()],
        employer: Some("Acme SA".into()),
        linkedin_url: Some("https://www.linkedin.com/in/zoe-martin".into()),
        lang: Lang::Fr,
        notes: None,
        acting_for: false,
    }
}

fn malik() -> ProfileInput {
    ProfileInput {
        name: "Malik Benali".into(),
        address: vec!["3 place Bellecour".into(), "69002 Lyon".into()],
        emails: vec!["malik@donnees-libres.example".into()],
        employer: Some("Association Données Libres".into()),
        ..Default::default()
    }
}

fn registry() -> Registry {
    Registry::builtin().expect("builtin registry")
}

/// The options each kind is snapshotted with: every optional part switched on once.
fn options_for(kind: LetterKind) -> LetterOptions {
    let mut options = LetterOptions { place: Some("Lyon".into()), ..Default::default() };
    match kind {
        LetterKind::Objection | LetterKind::Combined => {
            options.objection = ObjectionGrounds {
                direct_marketing: true,
                situation: vec!["I receive several unsolicited calls a week at work.".into()],
            };
        }
        LetterKind::Erasure => options.registered_post = true,
        LetterKind::SourceInquiry => {
            options.contact = Some(ContactEvent {
                date: Some(date(2026, 11, 2)),
                channel: Some("phone call to +33 6 12 34 56 78".into()),
                by: Some("Jean Dupont".into()),
            });
        }
        LetterKind::Reminder => {
            options.reminder = Some(ReminderFacts {
                request: RequestKind::Access,
                sent_on: date(2026, 9, 1),
                due_on: Some(date(2026, 10, 1)),
                answered_on: Some(date(2026, 9, 28)),
                missing: vec![AccessItem::Source, AccessItem::Recipients],
                reference: Some("REQ-42".into()),
            });
        }
        LetterKind::Mandate => {
            options.agent = Some(malik());
            options.mandate_scope = vec!["KASPR SAS".into(), "Lusha Systems Ltd".into()];
        }
        LetterKind::Access => {}
    }
    options
}

fn letter(kind: LetterKind, lang: Lang) -> Letter {
    let registry = registry();
    let person = zoe();
    let kaspr = registry.vendor("kaspr").expect("kaspr");
    let mut input = LetterInput::new(kind, lang, &person, Recipient::vendor(kaspr, &registry), date(2026, 11, 25));
    input.options = options_for(kind);
    compose(&input).unwrap_or_else(|e| panic!("{kind:?} {lang:?}: {e}"))
}

#[test]
fn every_kind_in_every_language_matches_its_snapshot() {
    for &kind in LetterKind::ALL {
        for lang in LANGS {
            let l = letter(kind, lang);
            insta::assert_snapshot!(format!("{}-{}", kind.code(), lang.code()), l.postal_text());
        }
    }
}

fn email_meta(attachments: Vec<Attachment>) -> EmailMeta {
    let date = jiff::civil::datetime(2026, 11, 25, 14, 30, 0, 0).in_tz("Europe/Paris").expect("zone");
    EmailMeta { date, attachments, sending: None }
}

fn parse(raw: &str) -> mail_parser::Message<'_> {
    mail_parser::MessageParser::default().parse(raw.as_bytes()).expect("the .eml parses")
}

#[test]
fn the_eml_parses_back_with_the_right_headers_and_body() {
    for lang in LANGS {
        let l = letter(LetterKind::Access, lang);
        let raw = eml(&l, &email_meta(Vec::new()));
        let msg = parse(&raw);
        assert_eq!(msg.subject(), Some(l.subject.as_str()), "{lang:?}");
        let from = msg.from().and_then(|a| a.first()).expect("From");
        assert_eq!(from.address(), Some("zoe.martin@example.fr"));
        assert_eq!(from.name(), Some("Zoé Martin"));
        let to = msg.to().and_then(|a| a.first()).expect("To");
        assert_eq!(to.address(), Some("privacy@kaspr.io"));
        assert_eq!(to.name(), Some("KASPR SAS"));
        let body = msg.body_text(0).expect("text body");
        assert_eq!(body.replace("\r\n", "\n"), l.plain_text(), "{lang:?}");
        assert!(msg.header("X-Unsent").is_some());
        assert!(msg.message_id().is_some_and(|id| id.ends_with("@redress.invalid")));
        assert!(msg.date().is_some());
        for line in raw.split("\r\n") {
            assert!(line.len() <= 78, "line too long: {line:?}");
        }
    }
}

#[test]
fn a_sent_letter_carries_its_own_message_id_and_is_not_a_draft() {
    let l = letter(LetterKind::Access, Lang::Fr);
    let sending = EmailMeta { sending: Some("<5c1e0b7d9a@example.fr>".into()), ..email_meta(Vec::new()) };
    let raw = eml(&l, &sending);
    let msg = parse(&raw);
    assert_eq!(msg.message_id(), Some("5c1e0b7d9a@example.fr"));
    assert!(msg.header("X-Unsent").is_none(), "a sent letter is not a draft");
    // A Message-ID that could break the header is never written: the letter's own is used.
    let hostile = EmailMeta { sending: Some("<a@b>\r\nBcc: spy@example.com".into()), ..email_meta(Vec::new()) };
    let raw = eml(&l, &hostile);
    assert!(!raw.contains("Bcc"), "{raw}");
    assert!(parse(&raw).message_id().is_some_and(|id| id.ends_with("@redress.invalid")));
}

#[test]
fn the_mandate_travels_as_an_attachment() {
    let l = letter(LetterKind::Access, Lang::Fr);
    let pdf = b"%PDF-1.7 pretend mandate \xff\x00".to_vec();
    let raw = eml(
        &l,
        &email_meta(vec![Attachment {
            file_name: "mandat-zoé.pdf".into(),
            media_type: "application/pdf".into(),
            bytes: pdf.clone(),
        }]),
    );
    let msg = parse(&raw);
    assert_eq!(msg.subject(), Some(l.subject.as_str()));
    assert_eq!(msg.body_text(0).expect("body").replace("\r\n", "\n"), l.plain_text());
    let attachment = msg.attachments().next().expect("one attachment");
    assert_eq!(attachment.contents(), pdf.as_slice());
    assert_eq!(attachment.attachment_name(), Some("mandat-zoe.pdf"));
}

#[test]
fn the_mailto_link_carries_recipient_subject_and_body() {
    let l = letter(LetterKind::Objection, Lang::De);
    let link = mailto(&l);
    assert!(link.starts_with("mailto:privacy@kaspr.io?subject="), "{link}");
    assert!(!link.contains(' ') && !link.contains('\n'));
    let decode = |s: &str| {
        let bytes = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).expect("hex"));
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).expect("utf-8")
    };
    let (_, query) = link.split_once('?').expect("query");
    let mut parts = query.split('&');
    let subject = parts.next().and_then(|p| p.strip_prefix("subject=")).expect("subject");
    let body = parts.next().and_then(|p| p.strip_prefix("body=")).expect("body");
    assert_eq!(decode(subject), l.subject);
    assert_eq!(decode(body), l.plain_text().replace('\n', "\r\n"));
}

/// Values people paste by mistake, or on purpose, must never add a header or break a letter.
#[test]
fn hostile_identity_values_never_break_a_header() {
    let registry = registry();
    let kaspr = registry.vendor("kaspr").expect("kaspr");
    let hostile: Vec<(&str, ProfileInput, Option<&str>)> = vec![
        (
            "header injection in the address",
            ProfileInput { address: vec!["1 rue X\r\nBcc: victim@example.com".into()], ..zoe() },
            Some("address line 1: contains control characters"),
        ),
        (
            "header injection in the name",
            ProfileInput { name: "Zoé\r\nBcc: victim@example.com".into(), ..zoe() },
            Some("control characters"),
        ),
        ("very long name", ProfileInput { name: "Ä".repeat(200), ..zoe() }, None),
        ("too long name", ProfileInput { name: "Ä".repeat(201), ..zoe() }, Some("longer than 200")),
        ("right-to-left name", ProfileInput { name: "زينب مارتن".into(), ..zoe() }, None),
        ("emoji", ProfileInput { name: "Zoé 🌸 Martin".into(), employer: Some("Acme 🚀".into()), ..zoe() }, None),
        ("bidi override", ProfileInput { name: "Zoé \u{202E}nitraM".into(), ..zoe() }, None),
        ("encoded-word lookalike", ProfileInput { name: "=?utf-8?B?QmNjOg==?=".into(), ..zoe() }, None),
        ("quotes", ProfileInput { name: "Zoé \"the boss\" Martin".into(), ..zoe() }, None),
    ];
    for (what, person, refused) in hostile {
        for &kind in LetterKind::ALL {
            let mut input =
                LetterInput::new(kind, Lang::Fr, &person, Recipient::vendor(kaspr, &registry), date(2026, 11, 25));
            input.options = options_for(kind);
            let result = compose(&input);
            if let Some(expect) = refused {
                let err = result.expect_err(what).to_string();
                assert!(err.contains(expect), "{what}: {err}");
                continue;
            }
            let l = result.unwrap_or_else(|e| panic!("{what}: {e}"));
            let raw = eml(&l, &email_meta(Vec::new()));
            let head = raw.split("\r\n\r\n").next().expect("headers");
            assert!(!head.to_ascii_lowercase().contains("\r\nbcc:"), "{what}: {head}");
            assert!(!raw.contains("\r\n\r\nBcc"), "{what}");
            for line in head.split("\r\n") {
                assert!(line.len() <= 78, "{what}: {line:?}");
                assert!(!line.chars().any(|c| c.is_control()), "{what}: {line:?}");
            }
            let msg = parse(&raw);
            assert!(msg.bcc().is_none(), "{what}");
            assert_eq!(msg.subject(), Some(l.subject.as_str()), "{what}");
            let text = l.postal_text();
            assert!(!text.contains('\r') && !text.contains('\u{202E}'), "{what}");
        }
    }
}

#[test]
fn a_vendor_without_an_email_address_gets_a_notice_not_a_guess() {
    let registry = registry();
    let without = registry.vendors().iter().find(|v| v.request_email().is_none());
    let Some(vendor) = without else {
        // Every vendor has an address: build one without.
        let recipient = Recipient::company("Example Data SARL", None, &[]).expect("company");
        let person = zoe();
        let l = compose(&LetterInput::new(LetterKind::Access, Lang::En, &person, recipient, date(2026, 11, 25)))
            .expect("letter");
        assert_eq!(l.to_email, None);
        assert!(l.notices.iter().any(|n| n.contains("No e-mail address")));
        return;
    };
    let person = zoe();
    let l = compose(&LetterInput::new(
        LetterKind::Access,
        Lang::En,
        &person,
        Recipient::vendor(vendor, &registry),
        date(2026, 11, 25),
    ))
    .expect("letter");
    assert_eq!(l.to_email, None);
    assert!(l.notices.iter().any(|n| n.contains("No e-mail address")), "{:?}", l.notices);
    assert!(!eml(&l, &email_meta(Vec::new())).contains("\r\nTo:"));
}

#[test]
fn missing_facts_are_refused_with_what_to_give() {
    let registry = registry();
    let person = zoe();
    let kaspr = || Recipient::vendor(registry.vendor("kaspr").expect("kaspr"), &registry);
    let cases: Vec<(LetterKind, LetterOptions, &str)> = vec![
        (LetterKind::Mandate, LetterOptions::default(), "agent"),
        (LetterKind::Reminder, LetterOptions::default(), "reminder"),
        (
            LetterKind::Objection,
            LetterOptions {
                objection: ObjectionGrounds { direct_marketing: false, situation: vec!["  ".into()] },
                ..Default::default()
            },
            "objection needs a ground",
        ),
    ];
    for (kind, options, expect) in cases {
        let mut input = LetterInput::new(kind, Lang::En, &person, kaspr(), date(2026, 11, 25));
        input.options = options;
        let err = compose(&input).expect_err("refused").to_string();
        assert!(err.contains(expect), "{kind:?}: {err}");
    }
}

#[test]
fn the_batch_over_the_whole_registry_gives_one_distinct_letter_each() {
    let registry = registry();
    let person = zoe();
    let mut stems = std::collections::BTreeSet::new();
    for vendor in registry.vendors() {
        let l = compose(&LetterInput::new(
            LetterKind::Combined,
            Lang::Fr,
            &person,
            Recipient::vendor(vendor, &registry),
            date(2026, 11, 25),
        ))
        .unwrap_or_else(|e| panic!("{}: {e}", vendor.id.as_str()));
        let text = l.plain_text().split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(&vendor.name), "{}", vendor.id.as_str());
        parse(&eml(&l, &email_meta(Vec::new())));
        assert!(stems.insert(l.file_stem.clone()), "duplicate file name {}", l.file_stem);
    }
    assert_eq!(stems.len(), registry.vendors().len());
}
