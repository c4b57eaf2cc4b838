//! The fuzz targets: each reads bytes the way Redress reads a stranger's file, and may return an
//! error but must not panic.

use std::sync::OnceLock;

use redress_core::registry::{Registry, RegistryDocument};
use redress_core::report::{Exhibit, ExhibitContent, Report, ReportWords};
use redress_mail::{Examiner, Fingerprints, MboxSplitter, ScanOptions};
use redress_store::{CaseBundle, NewKey, NoKeyring, Passphrase, Store};

pub const NAMES: &[&str] = &["mail", "registry", "bundle", "identity", "pdf", "backup", "unlock"];

pub fn by_name(name: &str) -> Option<fn(&[u8])> {
    Some(match name {
        "mail" => mail,
        "registry" => registry,
        "bundle" => bundle,
        "identity" => identity,
        "pdf" => pdf,
        "backup" => backup,
        "unlock" => unlock,
        _ => return None,
    })
}

fn fingerprints() -> &'static Fingerprints {
    static FP: OnceLock<Fingerprints> = OnceLock::new();
    FP.get_or_init(|| {
        let registry = Registry::builtin().expect("built-in registry");
        Fingerprints::builtin(&registry).expect("built-in fingerprints")
    })
}

/// An e-mail examined as the scan does, and the same bytes cut as an mbox (small limit, so the
/// oversize path runs too).
fn mail(bytes: &[u8]) {
    let examiner = Examiner::new(fingerprints(), &ScanOptions { threads: 1, own_addresses: vec![] });
    let _ = examiner.examine(bytes);
    let mut split = MboxSplitter::with_limit(bytes, 4096);
    let mut guard = 0;
    while let Ok(Some(part)) = split.next_message() {
        if let Ok(body) = part.body {
            let _ = examiner.examine(&body);
        }
        guard += 1;
        assert!(guard < 1_000_000, "the splitter does not advance");
    }
}

/// A registry file as `vendors import` reads it.
fn registry(bytes: &[u8]) {
    let _ = RegistryDocument::parse(bytes, "fuzz.json");
}

/// A case bundle parsed and, when valid, imported into a real store (all or nothing).
fn bundle(bytes: &[u8]) {
    static STORE: OnceLock<std::sync::Mutex<(tempfile::TempDir, Store)>> = OnceLock::new();
    let Ok(parsed) = CaseBundle::parse(bytes, std::path::Path::new("fuzz.json")) else { return };
    let cell = STORE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let pass = Passphrase::new("fuzzing passphrase".into());
        let store = Store::create(&dir.path().join("fuzz.db"), NewKey::Passphrase(pass), &NoKeyring).expect("store");
        std::sync::Mutex::new((dir, store))
    });
    let mut guard = cell.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let _ = guard.1.import_case(&parsed, None, jiff::Timestamp::UNIX_EPOCH);
}

/// An identity file as `--identity` reads it.
fn identity(bytes: &[u8]) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        let _ = redress_core::identity::parse_identity(text, std::path::Path::new("fuzz.json"));
    }
}

/// A PDF exhibit merged into a complaint: a damaged one becomes a page saying so, never an error.
fn pdf(bytes: &[u8]) {
    let report = Report {
        title: "Fuzz".into(),
        cover_lines: vec![],
        author: "Fuzz".into(),
        lang: "en".into(),
        words: ReportWords {
            page: "Page".into(),
            of: "of".into(),
            exhibit: "Exhibit".into(),
            exhibit_unreadable: "unreadable".into(),
        },
        sections: vec![],
        exhibits: vec![Exhibit {
            number: 1,
            title: "Reply".into(),
            source: "reply.pdf".into(),
            content: ExhibitContent::Pdf { bytes: bytes.to_vec() },
        }],
    };
    let meta = redress_pdf::PdfMeta::new(jiff::Timestamp::UNIX_EPOCH);
    assert!(redress_pdf::report_pdf(&report, &meta).is_ok(), "a damaged exhibit must not fail the report");
}

/// A backup restored as `redress restore` does, with the passphrase the seeds were made with
/// (`backup passphrase`, or `correct horse battery` for the version 1 seed).
fn backup(bytes: &[u8]) {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("fuzz.backup");
    std::fs::write(&file, bytes).expect("write");
    for pass in ["backup passphrase", "correct horse battery"] {
        let target = redress_store::RestoreTarget {
            path: dir.path().join("restored.db"),
            new_key: NewKey::Passphrase(Passphrase::new("restored passphrase".into())),
            overwrite: true,
        };
        let _ = Store::restore(&file, &Passphrase::new(pass.into()), target, &NoKeyring);
    }
}

/// An unlock file beside a real store, opened as every command opens the store.
fn unlock(bytes: &[u8]) {
    static STORE: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = STORE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let pass = Passphrase::new("correct horse battery".into());
        drop(Store::create(&dir.path().join("fuzz.db"), NewKey::Passphrase(pass), &NoKeyring).expect("store"));
        dir
    });
    let path = dir.path().join("fuzz.db");
    std::fs::write(redress_store::unlock_file_path(&path), bytes).expect("write");
    let _ = Store::open(&path, Some(&Passphrase::new("correct horse battery".into())), &NoKeyring);
}
