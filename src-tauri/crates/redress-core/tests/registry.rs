//! The registry: the built-in data obeys every rule, and broken files are refused with
//! messages that name file, record and field.

use std::collections::HashSet;

use redress_core::Error;
use redress_core::registry::{CountryFilter, Registry, RegistryDocument, VendorQuery, import_file, reset_imports};
use serde_json::{Value, json};

fn builtin() -> Registry {
    Registry::builtin().expect("built-in registry is valid")
}

#[test]
fn builtin_registry_has_every_researched_record() {
    let r = builtin();
    assert!(r.vendors().len() >= 128, "{} vendors", r.vendors().len());
    assert_eq!(r.authorities().len(), 57);
}

#[test]
fn kaspr_record_matches_its_sources() {
    let r = builtin();
    let k = r.vendor("kaspr").expect("kaspr");
    assert_eq!(k.legal_entity.as_deref(), Some("KASPR SAS"));
    assert_eq!(k.address.as_deref().map(|a| a[0].as_str()), Some("38 rue Dunois"));
    assert_eq!(k.request_email(), Some("privacy@kaspr.io"));
    assert_eq!(k.siren.as_deref(), Some("843898396"));
    let lead = r.lead_authority_of(k).expect("kaspr has a lead authority");
    assert_eq!(lead.id.as_str(), "frcnil");
    assert!(lead.name.contains("CNIL"));
}

#[test]
fn builtin_ids_are_unique_and_every_record_is_sourced() {
    let r = builtin();
    let mut ids = HashSet::new();
    for v in r.vendors() {
        assert!(ids.insert(v.id.as_str()), "duplicate vendor id {}", v.id);
        assert!(!v.evidence.is_empty(), "vendor {} has no source", v.id);
        if let Some(lead) = &v.lead_authority {
            assert!(r.authority(lead.as_str()).is_some(), "vendor {} points at unknown authority {lead}", v.id);
        }
    }
    for a in r.authorities() {
        assert!(!a.evidence.is_empty(), "authority {} has no source", a.id);
    }
}

#[test]
fn unknown_stays_unknown() {
    // GetProspect was not found in any source: nothing about it may be filled in.
    let r = builtin();
    let g = r.vendor("getprospect").expect("getprospect");
    assert_eq!(g.legal_entity, None);
    assert_eq!(g.address, None);
    assert_eq!(g.request_email(), None);
    assert_eq!(g.api_offered, None);
}

#[test]
fn search_ranks_exact_then_prefix_then_anywhere() {
    let r = builtin();
    let q = |text: &str| VendorQuery { text: Some(text.into()), ..Default::default() };
    let cases: &[(&str, &str)] = &[
        ("kaspr", "kaspr"),
        ("KASPR", "kaspr"),
        ("Lusha", "lusha"),
        ("privacy@kaspr.io", "kaspr"),
        ("kaspr.io", "kaspr"),
        ("apol", "apollo"),
    ];
    for (text, first) in cases {
        let hits = r.search(&q(text));
        assert_eq!(hits.first().map(|v| v.id.as_str()), Some(*first), "search {text:?}");
    }
    assert!(r.search(&q("no-such-vendor-anywhere")).is_empty());
}

#[test]
fn filters_combine() {
    let r = builtin();
    let fr_b2b = r.search(&VendorQuery {
        category: Some("b2b-contact-data".into()),
        country: Some(CountryFilter::parse("fr")),
        ..Default::default()
    });
    assert!(fr_b2b.iter().any(|v| v.id.as_str() == "kaspr"));
    assert!(fr_b2b.iter().all(|v| v.country.as_ref().is_some_and(|c| c.as_str() == "FR")));
    assert!(fr_b2b.iter().all(|v| v.categories.iter().any(|c| c == "b2b-contact-data")));
    let unknown = r.search(&VendorQuery { country: Some(CountryFilter::Unknown), ..Default::default() });
    assert!(!unknown.is_empty());
    assert!(unknown.iter().all(|v| v.country.is_none()));
    let facets = r.country_facets();
    assert_eq!(facets.iter().map(|f| f.count).sum::<usize>(), r.vendors().len());
}

/// A minimal valid registry file with one vendor, for mutation tests.
fn one_vendor_file() -> Value {
    json!({
        "format": "redress-registry",
        "format_version": 1,
        "published": "2026-11-23",
        "vendors": [{
            "id": "acme-leads",
            "name": "Acme Leads",
            "legal_entity": "Acme Leads SAS",
            "siren": null,
            "country": "FR",
            "address": ["1 rue de la Paix", "75002 Paris", "France"],
            "contacts": {
                "privacy_email": "privacy@acme-leads.example",
                "dpo_email": null,
                "request_form_url": null,
                "self_check_url": "https://acme-leads.example/check",
                "privacy_policy_url": "https://acme-leads.example/privacy",
                "website": null
            },
            "eu_representative": null,
            "lead_authority": "frcnil",
            "stated_data_sources": ["public web pages"],
            "api_offered": null,
            "known_breaches": [],
            "categories": ["b2b-contact-data"],
            "domains": ["acme-leads.example"],
            "relevant_countries": null,
            "notes": null,
            "evidence": [{"ref": "https://acme-leads.example/privacy", "supports": "all fields", "source_date": "2026-11"}],
            "last_verified": "2026-11-23"
        }]
    })
}

fn parse(doc: &Value) -> Result<RegistryDocument, String> {
    RegistryDocument::parse(doc.to_string().as_bytes(), "test.json").map_err(|e| e.to_string())
}

#[test]
fn valid_file_parses() {
    let doc = parse(&one_vendor_file()).expect("valid");
    assert_eq!(doc.vendors.len(), 1);
}

#[test]
fn broken_files_name_record_and_field() {
    // (what we break, JSON pointer, new value, text the message must contain)
    let cases: &[(&str, &str, Value, &str)] = &[
        (
            "bad e-mail",
            "/vendors/0/contacts/privacy_email",
            json!("privacy at acme"),
            "vendor \"acme-leads\" (vendors[0]), field contacts.privacy_email: \"privacy at acme\" is not a well-formed e-mail address",
        ),
        ("no source", "/vendors/0/evidence", json!([]), "field evidence: no source"),
        ("bad id", "/vendors/0/id", json!("Acme Leads"), "field id: \"Acme Leads\" must be"),
        ("bad country", "/vendors/0/country", json!("France"), "field country: \"France\" is not an ISO 3166-1"),
        ("bad siren", "/vendors/0/siren", json!("123456789"), "field siren: \"123456789\" is not a valid SIREN"),
        (
            "bad url",
            "/vendors/0/contacts/self_check_url",
            json!("javascript:alert(1)"),
            "field contacts.self_check_url: \"javascript:alert(1)\" is not a web address",
        ),
        ("bad date", "/vendors/0/last_verified", json!("yesterday"), "field last_verified:"),
        ("wrong type", "/vendors/0/categories", json!("b2b"), "field categories: invalid type"),
        ("empty name", "/vendors/0/name", json!(" "), "field name: must not be empty"),
        ("bad domain", "/vendors/0/domains/0", json!("Acme Leads"), "field domains[0]"),
        ("public suffix as domain", "/vendors/0/domains/0", json!("co.uk"), "public suffix"),
        ("bad source date", "/vendors/0/evidence/0/source_date", json!("November"), "field evidence[0].source_date"),
        ("wrong format", "/format", json!("datenanfragen"), "field format: is \"datenanfragen\""),
        (
            "future version",
            "/format_version",
            json!(9),
            "field format_version: is 9; this version of Redress reads format versions 1 to 1",
        ),
    ];
    for (what, pointer, value, expect) in cases {
        let mut doc = one_vendor_file();
        *doc.pointer_mut(pointer).unwrap_or_else(|| panic!("test case {what}: pointer {pointer} missing")) =
            value.clone();
        let err = parse(&doc).expect_err(what);
        assert!(err.starts_with("test.json: "), "{what}: message names the file: {err}");
        assert!(err.contains(expect), "{what}: expected {expect:?} in:\n{err}");
    }
}

#[test]
fn unknown_field_and_duplicate_id_are_refused() {
    let mut doc = one_vendor_file();
    doc["vendors"][0]["contacts"].as_object_mut().expect("object").insert("phone".into(), json!("+33"));
    assert!(parse(&doc).expect_err("unknown field").contains("unknown field `phone`"));

    let mut doc = one_vendor_file();
    let copy = doc["vendors"][0].clone();
    doc["vendors"].as_array_mut().expect("array").push(copy);
    let err = parse(&doc).expect_err("duplicate");
    assert!(
        err.contains("vendor \"acme-leads\" (vendors[1]), field id: duplicate id, also used by vendors[0]"),
        "{err}"
    );
}

#[test]
fn syntax_errors_give_the_line() {
    let text = "{\n \"format\": \"redress-registry\",\n \"vendors\": [\n  {\"id\": \"x\",,}\n ]\n}";
    let err = RegistryDocument::parse(text.as_bytes(), "broken.json").expect_err("syntax").to_string();
    assert!(err.starts_with("broken.json: 1 problem found\n  - line 4: not valid JSON"), "{err}");
    let truncated = &one_vendor_file().to_string()[..200];
    let err = RegistryDocument::parse(truncated.as_bytes(), "cut.json").expect_err("eof").to_string();
    assert!(err.contains("the file ends too early"), "{err}");
    let err = RegistryDocument::parse(b"\xff\xfe{}", "binary.json").expect_err("binary").to_string();
    assert!(err.contains("not valid JSON"), "{err}");
}

#[test]
fn import_adds_and_replaces_and_survives_reload() {
    let dir = tempfile::tempdir().expect("tempdir");
    let imports = dir.path().join("data/registry-imports.json");
    let file = dir.path().join("extension.json");
    let mut doc = one_vendor_file();
    let mut kaspr = serde_json::to_value(builtin().vendor("kaspr").expect("kaspr")).expect("json");
    kaspr["contacts"]["dpo_email"] = json!("dpo@kaspr.io");
    doc["vendors"].as_array_mut().expect("array").push(kaspr);
    std::fs::write(&file, doc.to_string()).expect("write");

    let (report, registry) = import_file(&imports, &file).expect("import");
    assert_eq!(report.vendors_added, ["acme-leads"]);
    assert_eq!(report.vendors_updated, ["kaspr"]);
    assert_eq!(registry.vendor("kaspr").and_then(|k| k.contacts.dpo_email.as_deref()), Some("dpo@kaspr.io"));
    assert!(registry.is_imported_vendor("acme-leads"));

    let reloaded = Registry::with_imports(&imports).expect("reload");
    assert_eq!(reloaded.vendors().len(), builtin().vendors().len() + 1);
    assert_eq!(reloaded.imports().map(|i| i.vendors), Some(2));

    // Importing the same file again changes nothing and says so.
    let (again, _) = import_file(&imports, &file).expect("import again");
    assert_eq!(again.vendors_unchanged, ["acme-leads", "kaspr"]);

    assert!(reset_imports(&imports).expect("reset"));
    assert_eq!(Registry::with_imports(&imports).expect("after reset").vendors().len(), builtin().vendors().len());
}

#[test]
fn a_bad_import_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let imports = dir.path().join("registry-imports.json");
    let good = dir.path().join("good.json");
    std::fs::write(&good, one_vendor_file().to_string()).expect("write");
    import_file(&imports, &good).expect("first import");
    let saved_before = std::fs::read(&imports).expect("saved");

    // Valid on its own, but points at an authority that does not exist.
    let bad = dir.path().join("bad.json");
    let mut doc = one_vendor_file();
    doc["vendors"][0]["id"] = json!("other-leads");
    doc["vendors"][0]["lead_authority"] = json!("xxnope");
    std::fs::write(&bad, doc.to_string()).expect("write");
    let err = import_file(&imports, &bad).expect_err("bad reference");
    assert!(matches!(err, Error::InvalidRegistry(_)));
    let msg = err.to_string();
    assert!(msg.starts_with(&bad.display().to_string()), "{msg}");
    assert!(msg.contains("vendor \"other-leads\", field lead_authority: \"xxnope\" is not an authority"), "{msg}");
    assert_eq!(std::fs::read(&imports).expect("saved"), saved_before, "the saved imports were changed");

    let missing = dir.path().join("missing.json");
    let err = import_file(&imports, &missing).expect_err("missing file");
    assert!(err.is_user_error() && err.to_string().starts_with("failed to read"), "{err}");
    assert_eq!(std::fs::read(&imports).expect("saved"), saved_before);
}

#[test]
fn two_imports_at_once_keep_both_vendors() {
    // The reproducer kept one vendor of two in 39 of 40 rounds; 16 at once, a few rounds.
    for round in 0..3 {
        let dir = tempfile::tempdir().expect("tempdir");
        let imports = dir.path().join("data/registry-imports.json");
        let files: Vec<_> = (0..16)
            .map(|n| {
                let mut doc = one_vendor_file();
                doc["vendors"][0]["id"] = json!(format!("acme-leads-{n}"));
                doc["vendors"][0]["domains"] = json!([format!("acme-leads-{n}.example")]);
                let file = dir.path().join(format!("vendor-{n}.json"));
                std::fs::write(&file, doc.to_string()).expect("write");
                file
            })
            .collect();
        let start = std::sync::Barrier::new(files.len());
        std::thread::scope(|s| {
            for file in &files {
                let (imports, start) = (&imports, &start);
                s.spawn(move || {
                    start.wait();
                    import_file(imports, file).expect("import");
                });
            }
        });
        let registry = Registry::with_imports(&imports).expect("reload");
        for n in 0..files.len() {
            assert!(registry.is_imported_vendor(&format!("acme-leads-{n}")), "round {round}: acme-leads-{n} was lost");
        }
    }
}
