//! The encrypted store with real SQLCipher files on disk, in passphrase mode (keyring mode is
//! tested against a real Secret Service in keyring.rs).

use std::path::Path;

use redress_core::identity::{Lang, ProfileInput};
use redress_store::{NewKey, NoKeyring, Passphrase, RestoreTarget, Store, StoreError, UnlockMode, unlock_file_path};

fn pass(s: &str) -> Passphrase {
    Passphrase::new(s.into())
}

fn now() -> jiff::Timestamp {
    "2026-11-23T10:00:00Z".parse().expect("timestamp")
}

fn zoe() -> ProfileInput {
    ProfileInput {
        name: "Zoé Quenneville-Marchand".into(),
        address: vec!["12 rue de la République".into(), "69002 Lyon".into()],
        emails: vec!["zoe.quenneville@example.fr".into()],
        phones: vec!["+33 6 12 34 56 78".into()],
        employer: Some("Acme SA".into()),
        linkedin_url: Some("https://www.linkedin.com/in/zoe-quenneville".into()),
        lang: Lang::Fr,
        notes: None,
        acting_for: false,
    }
}

fn create(path: &Path) -> Store {
    Store::create(path, NewKey::Passphrase(pass("correct horse battery")), &NoKeyring).expect("create")
}

#[test]
fn profiles_round_trip_through_an_encrypted_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("redress.db");
    let mut store = create(&path);
    let added = store.add_profile(zoe(), now()).expect("add");
    assert_eq!(added.id, 1);
    assert_eq!(added.fields.emails, ["zoe.quenneville@example.fr"]);
    drop(store);

    let store = Store::open(&path, Some(&pass("correct horse battery")), &NoKeyring).expect("reopen");
    assert_eq!(store.mode(), UnlockMode::Passphrase);
    let all = store.profiles().expect("list");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].fields.name, "Zoé Quenneville-Marchand");
    assert_eq!(all[0].fields.lang, Lang::Fr);
    assert_eq!(store.integrity_check().expect("check"), "ok");
}

#[test]
fn the_file_holds_no_plaintext() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("redress.db");
    let mut store = create(&path);
    store.add_profile(zoe(), now()).expect("add");
    drop(store); // checkpoints the WAL into the main file
    let mut raw = std::fs::read(&path).expect("read");
    for extra in ["-wal", "-shm"] {
        if let Ok(more) = std::fs::read(format!("{}{extra}", path.display())) {
            raw.extend(more);
        }
    }
    for needle in ["Quenneville".as_bytes(), b"zoe.quenneville@example.fr", b"SQLite format 3", b"CREATE TABLE"] {
        assert!(
            !raw.windows(needle.len()).any(|w| w == needle),
            "found {:?} in the raw store",
            String::from_utf8_lossy(needle)
        );
    }
    let unlock = std::fs::read_to_string(unlock_file_path(&path)).expect("unlock file");
    assert!(!unlock.contains("correct horse"), "the unlock file must not hold the passphrase");
}

#[test]
fn a_wrong_or_missing_passphrase_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("redress.db");
    let mut store = create(&path);
    store.add_profile(zoe(), now()).expect("add");
    drop(store);
    let before = std::fs::read(&path).expect("read");

    let err = Store::open(&path, Some(&pass("wrong passphrase")), &NoKeyring).expect_err("wrong");
    assert!(matches!(err, StoreError::WrongPassphrase { .. }), "{err}");
    assert!(err.to_string().contains("passphrase") && err.to_string().contains("nothing was changed"), "{err}");
    let err = Store::open(&path, None, &NoKeyring).expect_err("missing");
    assert!(matches!(err, StoreError::PassphraseRequired { .. }), "{err}");
    assert!(err.to_string().contains("--passphrase-file"), "{err}");
    let err = Store::create(&path, NewKey::Passphrase(pass("another long one")), &NoKeyring).expect_err("exists");
    assert!(matches!(err, StoreError::AlreadyExists { .. }), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), before);

    let err = Store::open(&dir.path().join("nope.db"), None, &NoKeyring).expect_err("none");
    assert!(matches!(err, StoreError::NotFound { .. }));
    assert!(!dir.path().join("nope.db").exists(), "open must never create a store");
}

#[test]
fn a_short_passphrase_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let err =
        Store::create(&dir.path().join("s.db"), NewKey::Passphrase(pass("short")), &NoKeyring).expect_err("short");
    assert!(matches!(err, StoreError::WeakPassphrase { min: 8 }), "{err}");
    assert!(!dir.path().join("s.db").exists());
}

/// Creating a store, changing its key and making a backup go through the same check: an easy
/// passphrase is refused with zxcvbn's advice and changes nothing; a strong one is taken.
#[test]
fn a_guessable_passphrase_is_refused_with_advice_and_a_strong_one_is_taken() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.db");
    for (weak, advice) in [
        ("password123", "This is a very common password."),
        ("qwertyuiop", "This is a top-100 common password."),
        ("aaaaaaaaaaaa", "Repeats like \"aaa\" are easy to guess."),
        ("summer2026", "This is similar to a commonly used password."),
        ("redressredress", "Avoid repeated words and characters."),
    ] {
        let err = Store::create(&path, NewKey::Passphrase(pass(weak)), &NoKeyring).expect_err(weak);
        assert!(matches!(err, StoreError::GuessablePassphrase { .. }), "{weak}: {err}");
        assert!(err.to_string().contains(advice), "{weak}: {err}");
        assert!(err.to_string().contains("nothing was changed"), "{err}");
        assert!(!path.exists() && !unlock_file_path(&path).exists(), "{weak}: nothing is created");
    }
    let strong = pass("plum tide cactus orbit");
    let mut store = Store::create(&path, NewKey::Passphrase(strong.clone()), &NoKeyring).expect("a strong one");
    let unlock_before = std::fs::read(unlock_file_path(&path)).expect("read");
    let err = store.change_key(NewKey::Passphrase(pass("password123")), &NoKeyring).expect_err("weak new key");
    assert!(matches!(err, StoreError::GuessablePassphrase { .. }), "{err}");
    assert_eq!(std::fs::read(unlock_file_path(&path)).expect("read"), unlock_before, "the key is unchanged");
    let backup = dir.path().join("s.backup");
    let err = store.backup(&backup, &pass("iloveyou123"), now()).expect_err("weak backup passphrase");
    assert!(matches!(err, StoreError::GuessablePassphrase { .. }), "{err}");
    assert!(!backup.exists());
    store.backup(&backup, &pass("violet harbour ninety kettle"), now()).expect("a strong backup passphrase");
    drop(store);
    Store::open(&path, Some(&strong), &NoKeyring).expect("still opens with its passphrase");
}

#[test]
fn keyring_mode_without_a_keyring_says_so_and_creates_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("k.db");
    let err = Store::create(&path, NewKey::Keyring, &NoKeyring).expect_err("no keyring");
    assert!(matches!(err, StoreError::KeyringUnavailable { .. }), "{err}");
    assert!(err.to_string().contains("Use a passphrase instead"), "{err}");
    assert!(!path.exists());
}

#[test]
fn changing_the_passphrase_keeps_every_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("redress.db");
    let mut store = create(&path);
    store.add_profile(zoe(), now()).expect("add");
    store.change_key(NewKey::Passphrase(pass("a brand new passphrase")), &NoKeyring).expect("rekey");
    drop(store);
    let err = Store::open(&path, Some(&pass("correct horse battery")), &NoKeyring).expect_err("old passphrase");
    assert!(matches!(err, StoreError::WrongPassphrase { .. }));
    let store = Store::open(&path, Some(&pass("a brand new passphrase")), &NoKeyring).expect("new passphrase");
    assert_eq!(store.profiles().expect("list").len(), 1);
    assert_eq!(store.integrity_check().expect("check"), "ok");
}

#[test]
fn bad_profiles_are_refused_with_the_field_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = create(&dir.path().join("redress.db"));
    let err =
        store.add_profile(ProfileInput { emails: vec!["zoe@@example".into()], ..zoe() }, now()).expect_err("bad email");
    assert!(err.to_string().contains("email: \"zoe@@example\" is not a well-formed e-mail address"), "{err}");
    let err = store.add_profile(ProfileInput { name: "x".repeat(500), ..zoe() }, now()).expect_err("long");
    assert!(err.to_string().contains("name: is longer than 200 characters"), "{err}");
    assert!(store.profiles().expect("list").is_empty(), "nothing half-saved");
    let err = store.profile(42).expect_err("unknown");
    assert!(err.to_string().contains("no profile with id 42"));
}

#[test]
fn mandates_are_kept_inside_the_store() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = create(&dir.path().join("redress.db"));
    let p = store.add_profile(ProfileInput { acting_for: true, ..zoe() }, now()).expect("add");
    let pdf = dir.path().join("mandat-signe.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n% a signed mandate\n%%EOF\n").expect("write");
    let with = store.set_mandate(p.id, &pdf, now()).expect("mandate");
    let m = with.mandate.expect("mandate info");
    assert_eq!((m.file_name.as_str(), m.media_type.as_str()), ("mandat-signe.pdf", "application/pdf"));
    std::fs::remove_file(&pdf).expect("remove original");
    assert!(store.mandate_content(p.id).expect("content").expect("some").starts_with(b"%PDF-1.7"));

    let txt = dir.path().join("notes.txt");
    std::fs::write(&txt, "not a scan").expect("write");
    let err = store.set_mandate(p.id, &txt, now()).expect_err("not a pdf");
    assert!(err.to_string().contains("is not a PDF, PNG or JPEG file"), "{err}");
    assert!(store.remove_mandate(p.id).expect("remove").mandate.is_none());
}

#[test]
fn backup_restores_elsewhere_and_refuses_damage() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("redress.db");
    let mut store = create(&path);
    store.add_profile(zoe(), now()).expect("add");
    let file = dir.path().join("redress.backup");
    let info = store.backup(&file, &pass("backup passphrase"), now()).expect("backup");
    assert!(info.bytes > 0);
    drop(store);

    let raw = std::fs::read(&file).expect("read");
    assert!(!raw.windows(11).any(|w| w == b"Quenneville"), "the backup holds plaintext");

    // Another computer: a fresh folder, a new passphrase for the restored store.
    let other = dir.path().join("other/redress.db");
    let target = |overwrite| RestoreTarget {
        path: other.clone(),
        new_key: NewKey::Passphrase(pass("new machine pass")),
        overwrite,
    };
    let restored = Store::restore(&file, &pass("backup passphrase"), target(false), &NoKeyring).expect("restore");
    assert_eq!(restored.profiles().expect("list")[0].fields.name, "Zoé Quenneville-Marchand");
    drop(restored);

    let err = Store::restore(&file, &pass("backup passphrase"), target(false), &NoKeyring).expect_err("exists");
    assert!(matches!(err, StoreError::AlreadyExists { .. }), "{err}");
    let err = Store::restore(&file, &pass("not the backup pass"), target(true), &NoKeyring).expect_err("wrong pass");
    assert!(matches!(err, StoreError::WrongBackupPassphrase { .. }), "{err}");
    let cut = dir.path().join("cut.backup");
    std::fs::write(&cut, &raw[..raw.len() - 100]).expect("write");
    let err = Store::restore(&cut, &pass("backup passphrase"), target(true), &NoKeyring).expect_err("truncated");
    assert!(err.to_string().contains("truncated"), "{err}");
    let mut flipped = raw.clone();
    let last = flipped.len() - 10;
    flipped[last] ^= 0xff;
    let bad = dir.path().join("bad.backup");
    std::fs::write(&bad, &flipped).expect("write");
    let err = Store::restore(&bad, &pass("backup passphrase"), target(true), &NoKeyring).expect_err("damaged");
    assert!(matches!(err, StoreError::TamperedBackup { .. }), "{err}");
    let err = Store::restore(&dir.path().join("redress.db"), &pass("backup passphrase"), target(true), &NoKeyring)
        .expect_err("not a backup");
    assert!(err.to_string().contains("not a Redress backup"), "{err}");
    // None of those failures touched the restored store.
    let again = Store::open(&other, Some(&pass("new machine pass")), &NoKeyring).expect("still opens");
    assert_eq!(again.profiles().expect("list").len(), 1);
    drop(again);

    // Overwriting keeps the old store aside.
    Store::restore(&file, &pass("backup passphrase"), target(true), &NoKeyring).expect("overwrite");
    let kept = std::fs::read_dir(other.parent().expect("dir"))
        .expect("ls")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".before-restore-"))
        .count();
    assert!(kept >= 2, "the replaced store and its unlock file are kept");
}

/// Other local users can read none of it: the store, its WAL, the unlock file and backups are
/// the owner's only, and a folder Redress creates too.
#[cfg(unix)]
#[test]
fn files_are_private_to_their_owner() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("new-folder");
    let path = folder.join("redress.db");
    let mut store = create(&path);
    store.add_profile(zoe(), now()).expect("add");
    let backup = dir.path().join("redress.backup");
    store.backup(&backup, &pass("a backup passphrase"), now()).expect("backup");
    let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode(&folder), 0o700);
    let restored = dir.path().join("elsewhere/restored.db");
    Store::restore(
        &backup,
        &pass("a backup passphrase"),
        RestoreTarget {
            path: restored.clone(),
            new_key: NewKey::Passphrase(pass("correct horse battery")),
            overwrite: false,
        },
        &NoKeyring,
    )
    .expect("restore");
    for file in [path.clone(), unlock_file_path(&path), backup, path.with_extension("db-wal"), restored] {
        assert!(file.exists(), "{}", file.display());
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
    // A store from an older version, readable by others, is narrowed when opened.
    drop(store);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    std::fs::set_permissions(unlock_file_path(&path), std::fs::Permissions::from_mode(0o644)).expect("chmod");
    drop(Store::open(&path, Some(&pass("correct horse battery")), &NoKeyring).expect("open"));
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&unlock_file_path(&path)), 0o600);
}
