//! Case bundles: export → import → export gives the same bundle; damaged or impossible
//! bundles are refused, naming what is wrong, and change nothing.

use std::path::Path;

use jiff::civil::date;
use redress_core::case::{AnswerKind, CaseEvent, CaseStatus, Channel, RequestKind};
use redress_core::identity::{Lang, ProfileInput};
use redress_store::{CaseBundle, NewKey, NoKeyring, Passphrase, Store};

fn now() -> jiff::Timestamp {
    "2026-11-23T10:00:00Z".parse().expect("timestamp")
}

fn store(dir: &Path, name: &str) -> Store {
    Store::create(&dir.join(name), NewKey::Passphrase(Passphrase::new("bundle tests".into())), &NoKeyring)
        .expect("create")
}

fn exported(dir: &Path) -> CaseBundle {
    let mut s = store(dir, "a.db");
    let person = ProfileInput {
        name: "Zoé Martin".into(),
        emails: vec!["zoe@example.fr".into()],
        lang: Lang::Fr,
        acting_for: true,
        ..Default::default()
    };
    let p = s.add_profile(person, now()).expect("person");
    let pdf = dir.join("mandat.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\nsigned mandate\n%%EOF\n").expect("write");
    s.set_mandate(p.id, &pdf, now()).expect("mandate");
    let c = s.open_case(p.id, "kaspr", "FR", RequestKind::Access, now()).expect("case");
    let sent = CaseEvent::Sent {
        channel: Channel::Email,
        on: date(2025, 3, 5),
        received_on: None,
        reference: Some("<r@x>".into()),
    };
    s.record_event(c.id, sent, now()).expect("sent");
    s.record_event(c.id, CaseEvent::Answered { kind: AnswerKind::Incomplete, on: date(2025, 4, 1) }, now())
        .expect("answered");
    let eml = b"From: DPO <privacy@kaspr.io>\r\nSubject: Re: access\r\nDate: Tue, 1 Apr 2025 09:00:00 +0200\r\n\r\nYour data comes from public sources.\r\n";
    let reply = redress_mail::read_reply("reply.eml", eml).expect("reply");
    s.add_case_file(c.id, redress_store::FileRole::Reply, &reply, eml, now()).expect("file");
    s.set_checklist(
        c.id,
        &[
            (redress_core::letter::AccessItem::Source, Some(redress_core::case::ItemState::Missing)),
            (redress_core::letter::AccessItem::Copy, Some(redress_core::case::ItemState::Present)),
        ],
        now(),
    )
    .expect("checklist");
    s.export_case(c.id, now()).expect("export")
}

#[test]
fn export_import_export_is_identical() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bundle = exported(dir.path());
    let text = bundle.to_json();
    let parsed = CaseBundle::parse(text.as_bytes(), Path::new("case.json")).expect("parse");
    assert_eq!(parsed, bundle);

    let mut other = store(dir.path(), "b.db");
    let imported = other.import_case(&parsed, None, now()).expect("import");
    assert_eq!(imported.status, CaseStatus::Answered(AnswerKind::Incomplete));
    assert_eq!(imported.deadline.as_ref().map(|d| d.due), Some(date(2025, 4, 7)));
    assert!(other.mandate_content(imported.profile_id).expect("mandate").is_some_and(|m| m.starts_with(b"%PDF")));
    let again = other.export_case(imported.id, now()).expect("export again");
    assert_eq!(again, bundle, "a round trip changes nothing");
    assert_eq!(again.to_json(), text);
}

type Mutation = Box<dyn Fn(&mut serde_json::Value)>;

#[test]
fn bad_bundles_say_what_is_wrong() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good: serde_json::Value = serde_json::from_str(&exported(dir.path()).to_json()).expect("json");
    let cases: Vec<(&str, Mutation, &str)> = vec![
        ("format", Box::new(|b| b["format"] = "something-else".into()), "format is \"something-else\""),
        ("version", Box::new(|b| b["format_version"] = 7.into()), "format_version 7 is not one this Redress reads"),
        ("event type", Box::new(|b| b["timeline"][0]["event"] = "teleported".into()), "field timeline[0]"),
        (
            "order",
            Box::new(|b| b["timeline"].as_array_mut().expect("array").reverse()),
            "timeline does not add up: a case that is draft cannot be answered",
        ),
        (
            "person",
            Box::new(|b| b["person"]["emails"][0] = "zoe@".into()),
            "person: email: \"zoe@\" is not a well-formed",
        ),
        (
            "tampered",
            Box::new(|b| b["mandate"]["content_base64"] = "JVBERi0xLjQKZm9yZ2VkCg==".into()),
            "does not match its SHA-256",
        ),
        ("unknown field", Box::new(|b| b["case"]["secret"] = 1.into()), "unknown field `secret`"),
        ("country", Box::new(|b| b["case"]["holiday_country"] = "XX".into()), "case.holiday_country \"XX\""),
    ];
    for (what, mutate, expect) in cases {
        let mut b = good.clone();
        mutate(&mut b);
        let err = CaseBundle::parse(b.to_string().as_bytes(), Path::new("case.json")).expect_err(what).to_string();
        assert!(err.starts_with("the case bundle case.json cannot be imported: "), "{what}: {err}");
        assert!(err.contains(expect), "{what}: expected {expect:?} in {err}");
    }
    let err = CaseBundle::parse(b"{\"format\": ", Path::new("cut.json")).expect_err("truncated").to_string();
    assert!(err.contains("not valid JSON"), "{err}");
    let err = CaseBundle::parse(b"\xff\xfe", Path::new("bin.json")).expect_err("binary").to_string();
    assert!(err.contains("not UTF-8"), "{err}");
}

/// The JSON Schema in docs/ describes what the exporter writes: same top-level and case keys.
#[test]
fn the_schema_matches_the_exporter() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bundle: serde_json::Value = serde_json::from_str(&exported(dir.path()).to_json()).expect("json");
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../docs/case-bundle.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).expect("schema")).expect("schema is JSON");
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
        k.sort();
        k
    };
    let required = |v: &serde_json::Value| {
        let mut k: Vec<String> =
            v["required"].as_array().expect("required").iter().map(|s| s.as_str().expect("str").to_owned()).collect();
        k.sort();
        k
    };
    assert_eq!(required(&schema), keys(&bundle));
    assert_eq!(required(&schema["properties"]["case"]), keys(&bundle["case"]));
    assert_eq!(required(&schema["properties"]["person"]), keys(&bundle["person"]));
    assert_eq!(required(&schema["$defs"]["file"]), keys(&bundle["mandate"]));
    assert_eq!(required(&schema["$defs"]["case_file"]), keys(&bundle["files"][0]));
    assert_eq!(required(&schema["properties"]["checklist"]["items"]), keys(&bundle["checklist"][0]));
}

/// Bundles written before files and the checklist were carried still import.
#[test]
fn a_version_1_bundle_still_imports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut json: serde_json::Value = serde_json::from_str(&exported(dir.path()).to_json()).expect("json");
    json["format_version"] = 1.into();
    json["files"] = serde_json::json!([]);
    json.as_object_mut().expect("object").remove("checklist");
    let bundle = CaseBundle::parse(json.to_string().as_bytes(), Path::new("v1.json")).expect("v1 parses");
    let mut other = store(dir.path(), "b.db");
    let case = other.import_case(&bundle, None, now()).expect("imports");
    assert!(case.files.is_empty() && case.checklist.is_empty());
}
