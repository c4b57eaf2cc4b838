//! Backups and unlock files an attacker wrote or changed: key-derivation parameters that would
//! abort or stall Redress are refused at once, a changed header or payload is reported as a
//! change (not as a wrong passphrase or a damaged store), and an older version 1 backup is still
//! restored but said not to be authenticated.
//!
//! With `REDRESS_FUZZ_SEEDS=DIR`, the crafted files are also written to DIR (the seeds in
//! `tools/fuzz/corpus/backup` were made so).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use redress_core::identity::{Lang, ProfileInput};
use redress_store::{NewKey, NoKeyring, Passphrase, RestoreTarget, Store, StoreError, unlock_file_path};
use serde_json::Value;

/// Refusing a file must not wait for a key derivation (which takes a second or so unoptimised).
const QUICK: Duration = Duration::from_millis(500);

fn pass(s: &str) -> Passphrase {
    Passphrase::new(s.into())
}

fn now() -> jiff::Timestamp {
    "2026-11-23T10:00:00Z".parse().expect("timestamp")
}

fn person() -> ProfileInput {
    ProfileInput {
        name: "Zoé Quenneville-Marchand".into(),
        address: vec!["69002 Lyon".into()],
        emails: vec!["zoe.quenneville@example.fr".into()],
        phones: vec![],
        employer: None,
        linkedin_url: None,
        lang: Lang::Fr,
        notes: None,
        acting_for: false,
    }
}

/// A store with one person, and a backup of it.
fn store_and_backup(dir: &Path) -> (PathBuf, PathBuf) {
    let path = dir.join("redress.db");
    let mut store =
        Store::create(&path, NewKey::Passphrase(pass("correct horse battery")), &NoKeyring).expect("create");
    store.add_profile(person(), now()).expect("add");
    let backup = dir.join("redress.backup");
    store.backup(&backup, &pass("backup passphrase"), now()).expect("backup");
    (path, backup)
}

fn target(dir: &Path) -> RestoreTarget {
    RestoreTarget {
        path: dir.join("restored/redress.db"),
        new_key: NewKey::Passphrase(pass("new machine pass")),
        overwrite: true,
    }
}

fn restore(dir: &Path, file: &Path) -> Result<Store, StoreError> {
    Store::restore(file, &pass("backup passphrase"), target(dir), &NoKeyring)
}

/// The backup with its JSON header changed by `edit`, its seal and payload left as they are.
fn with_header(bytes: &[u8], edit: impl FnOnce(&mut serde_json::Map<String, Value>)) -> Vec<u8> {
    let first = bytes.iter().position(|&b| b == b'\n').expect("marker line") + 1;
    let second = first + bytes[first..].iter().position(|&b| b == b'\n').expect("header line");
    let mut header: Value = serde_json::from_slice(&bytes[first..second]).expect("header");
    edit(header.as_object_mut().expect("object"));
    let mut out = bytes[..first].to_vec();
    out.extend(serde_json::to_vec(&header).expect("json"));
    out.extend(&bytes[second..]);
    out
}

fn find(bytes: &[u8], what: &[u8]) -> usize {
    bytes.windows(what.len()).position(|w| w == what).expect("found")
}

/// `bytes` with the first `from` replaced by `to`, of the same length.
fn replace(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let at = find(bytes, from);
    let mut out = bytes.to_vec();
    out[at..at + to.len()].copy_from_slice(to);
    out
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    if let Some(seeds) = std::env::var_os("REDRESS_FUZZ_SEEDS") {
        std::fs::write(Path::new(&seeds).join(name), bytes).expect("write seed");
    }
    path
}

/// Restoring `name` fails at once, with a message containing each of `parts`.
fn refused_quickly(dir: &Path, name: &str, bytes: &[u8], parts: &[&str]) {
    let file = write(dir, name, bytes);
    let start = Instant::now();
    let err = restore(dir, &file).expect_err("refused");
    assert!(start.elapsed() < QUICK, "{name}: took {:?}", start.elapsed());
    assert!(matches!(err, StoreError::BadBackup { .. }), "{name}: {err}");
    let message = err.to_string();
    assert!(message.contains(&file.display().to_string()), "{message}");
    for part in parts {
        assert!(message.contains(part), "{name}: {message}");
    }
}

fn set_kdf(field: &'static str, value: u64) -> impl FnOnce(&mut serde_json::Map<String, Value>) {
    move |header| {
        header.get_mut("kdf").and_then(Value::as_object_mut).expect("kdf").insert(field.into(), value.into());
    }
}

#[test]
fn a_backup_with_memory_kib_4294967295_is_refused_quickly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, backup) = store_and_backup(dir.path());
    let bytes = std::fs::read(&backup).expect("read");
    refused_quickly(
        dir.path(),
        "memory-kib-4294967295.backup",
        &with_header(&bytes, set_kdf("memory_kib", 4_294_967_295)),
        &["kdf.memory_kib is 4294967295", "8192 to 1048576 KiB", "the file was altered"],
    );
    refused_quickly(
        dir.path(),
        "memory-kib-1.backup",
        &with_header(&bytes, set_kdf("memory_kib", 1)),
        &["kdf.memory_kib is 1"],
    );
    refused_quickly(
        dir.path(),
        "parallelism-4294967295.backup",
        &with_header(&bytes, set_kdf("parallelism", 4_294_967_295)),
        &["kdf.parallelism is 4294967295", "1 to 8"],
    );
    let short_salt = with_header(&bytes, |h| {
        h.get_mut("kdf").and_then(Value::as_object_mut).expect("kdf").insert("salt".into(), "abcd".into());
    });
    refused_quickly(dir.path(), "short-salt.backup", &short_salt, &["kdf.salt is 2", "16 to 64 bytes"]);
}

#[test]
fn a_backup_with_iterations_4294967295_is_refused_quickly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, backup) = store_and_backup(dir.path());
    let bytes = std::fs::read(&backup).expect("read");
    refused_quickly(
        dir.path(),
        "iterations-4294967295.backup",
        &with_header(&bytes, set_kdf("iterations", 4_294_967_295)),
        &["kdf.iterations is 4294967295", "1 to 10"],
    );
    // Each within its range, together too costly.
    let costly = with_header(&with_header(&bytes, set_kdf("memory_kib", 1_048_576)), set_kdf("iterations", 10));
    refused_quickly(dir.path(), "costly.backup", &costly, &["1048576 × 10", "more than the 2097152"]);
}

#[test]
fn an_unlock_file_with_memory_kib_or_iterations_4294967295_is_refused_quickly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, _) = store_and_backup(dir.path());
    let unlock = unlock_file_path(&path);
    let original: Value = serde_json::from_slice(&std::fs::read(&unlock).expect("read")).expect("json");
    for (setup, field) in
        [("current", "memory_kib"), ("current", "iterations"), ("pending", "memory_kib"), ("pending", "iterations")]
    {
        let mut crafted = original.clone();
        if setup == "pending" {
            crafted["pending"] = crafted["current"].clone();
        }
        crafted[setup]["kdf"][field] = 4_294_967_295_u64.into();
        let bytes = serde_json::to_vec_pretty(&crafted).expect("json");
        std::fs::write(&unlock, &bytes).expect("write");
        if let Some(seeds) = std::env::var_os("REDRESS_FUZZ_SEEDS") {
            let name = format!("unlock-{setup}-{field}-4294967295.json");
            std::fs::write(Path::new(&seeds).join(name), &bytes).expect("write seed");
        }
        let start = Instant::now();
        let err = Store::open(&path, Some(&pass("correct horse battery")), &NoKeyring).expect_err("refused");
        assert!(start.elapsed() < QUICK, "took {:?}", start.elapsed());
        let message = err.to_string();
        assert!(matches!(err, StoreError::Damaged { .. }), "{message}");
        assert!(message.contains(&unlock.display().to_string()), "{message}");
        assert!(message.contains(&format!("{setup}.kdf.{field} is 4294967295, outside the range")), "{message}");
        assert!(message.contains("Put back a copy of the unlock file"), "{message}");
    }
    // The untouched file still opens the store.
    std::fs::write(&unlock, serde_json::to_vec_pretty(&original).expect("json")).expect("write");
    Store::open(&path, Some(&pass("correct horse battery")), &NoKeyring).expect("opens");
}

#[test]
fn a_backup_with_a_flipped_byte_in_the_header_is_reported_as_tampered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, backup) = store_and_backup(dir.path());
    let bytes = std::fs::read(&backup).expect("read");
    // Made to look a year older, made to look like another backup, or of another schema: one
    // byte each.
    let older = replace(&bytes, b"\"created_at\":\"2026", b"\"created_at\":\"2025");
    let id_at = find(&bytes, b"\"backup_id\":\"") + 13;
    let mut renamed = bytes.clone();
    renamed[id_at] = if renamed[id_at] == b'a' { b'b' } else { b'a' };
    let schema_at = find(&bytes, b"\"schema_version\":") + 17;
    let mut schema = bytes.clone();
    schema[schema_at] = if schema[schema_at] == b'1' { b'2' } else { b'1' };
    for (name, crafted) in [("older.backup", older), ("renamed.backup", renamed), ("schema.backup", schema)] {
        assert_eq!(crafted.iter().zip(&bytes).filter(|(a, b)| a != b).count(), 1, "{name}: one byte changed");
        let file = write(dir.path(), name, &crafted);
        let err = restore(dir.path(), &file).expect_err("tampered");
        assert!(matches!(err, StoreError::TamperedBackup { .. }), "{name}: {err}");
        assert!(err.to_string().contains("was changed after it was written"), "{err}");
    }
    assert!(!dir.path().join("restored/redress.db").exists(), "nothing was restored");
}

#[test]
fn a_backup_with_a_flipped_byte_in_the_payload_is_reported_as_tampered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, backup) = store_and_backup(dir.path());
    let bytes = std::fs::read(&backup).expect("read");
    for at in [bytes.len() / 2, bytes.len() - 1] {
        let mut crafted = bytes.clone();
        crafted[at] ^= 0x01;
        let file = write(dir.path(), &format!("payload-flipped-{at}.backup"), &crafted);
        let err = restore(dir.path(), &file).expect_err("tampered");
        assert!(matches!(err, StoreError::TamperedBackup { .. }), "{err}");
    }
    // The seal itself changed.
    let seal_line = bytes.iter().position(|&b| b == b'\n').expect("line") + 1;
    let seal_at = seal_line + bytes[seal_line..].iter().position(|&b| b == b'\n').expect("line") + 1;
    let mut crafted = bytes.clone();
    crafted[seal_at] = if crafted[seal_at] == b'0' { b'1' } else { b'0' };
    let file = write(dir.path(), "seal-flipped.backup", &crafted);
    assert!(matches!(restore(dir.path(), &file), Err(StoreError::TamperedBackup { .. })));
    // A wrong passphrase is still told apart.
    let err = Store::restore(&backup, &pass("not the backup pass"), target(dir.path()), &NoKeyring)
        .expect_err("wrong passphrase");
    assert!(matches!(err, StoreError::WrongBackupPassphrase { .. }), "{err}");
}

#[test]
fn a_sealed_backup_restores_and_says_when_it_was_made() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("redress.db");
    let mut store =
        Store::create(&path, NewKey::Passphrase(pass("correct horse battery")), &NoKeyring).expect("create");
    store.add_profile(person(), now()).expect("add");
    let file = dir.path().join("redress.backup");
    let info = store.backup(&file, &pass("backup passphrase"), now()).expect("backup");
    write(dir.path(), "sealed.backup", &std::fs::read(&file).expect("read"));
    assert!(std::fs::read(&file).expect("read").starts_with(b"REDRESS-BACKUP 2\n"));
    let (restored, report) =
        Store::restore_with_report(&file, &pass("backup passphrase"), target(dir.path()), &NoKeyring)
            .expect("restores");
    assert_eq!(restored.profiles().expect("list")[0].fields.name, "Zoé Quenneville-Marchand");
    assert!(report.authenticated);
    assert_eq!(report.created_at, "2026-11-23T10:00:00Z");
    assert_eq!(report.backup_id.as_deref(), Some(info.backup_id.as_str()));
    assert_eq!(info.backup_id.len(), 32);
}

/// A backup of the first format (no seal, a SHA-256 of the payload) made before this version:
/// it is restored, and said not to be authenticated.
#[test]
fn a_version_1_backup_still_restores_but_is_not_authenticated() {
    use sha2::Digest;
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, _) = store_and_backup(dir.path());
    // Version 1 payloads are the database encrypted with the Argon2id key itself, as a
    // passphrase store is: such a store and its unlock file's parameters make one.
    let unlock: Value = serde_json::from_slice(&std::fs::read(unlock_file_path(&path)).expect("read")).expect("json");
    let payload = std::fs::read(&path).expect("read store");
    let header = serde_json::json!({
        "created_at": "2026-01-05T08:00:00Z",
        "schema_version": 1,
        "kdf": unlock["current"]["kdf"],
        "payload_bytes": payload.len(),
        "payload_sha256": hex::encode(sha2::Sha256::digest(&payload)),
    });
    let mut v1 = b"REDRESS-BACKUP 1\n".to_vec();
    v1.extend(serde_json::to_vec(&header).expect("json"));
    v1.push(b'\n');
    v1.extend(&payload);
    let file = write(dir.path(), "version-1.backup", &v1);
    let (restored, report) =
        Store::restore_with_report(&file, &pass("correct horse battery"), target(dir.path()), &NoKeyring)
            .expect("restores");
    assert_eq!(restored.profiles().expect("list").len(), 1);
    assert!(!report.authenticated);
    assert_eq!(report.backup_id, None);
    assert_eq!(report.created_at, "2026-01-05T08:00:00Z");
    drop(restored);

    // Its limits apply as well.
    let crafted = with_header(&v1, set_kdf("memory_kib", 4_294_967_295));
    refused_quickly(dir.path(), "version-1-memory-kib-4294967295.backup", &crafted, &["kdf.memory_kib is 4294967295"]);
    let mut damaged = v1.clone();
    let last = damaged.len() - 10;
    damaged[last] ^= 0xff;
    let file = write(dir.path(), "version-1-damaged.backup", &damaged);
    assert!(restore(dir.path(), &file).expect_err("damaged").to_string().contains("checksum"));
}

/// A version 1 backup (unsealed, so anyone can write one) of the store at `path` (made by
/// [`store_and_backup`]) after `sql` was run in it: how a crafted schema reaches a restore.
fn version_1_backup_with(path: &Path, sql: &str) -> Vec<u8> {
    use sha2::Digest;
    let unlock: Value = serde_json::from_slice(&std::fs::read(unlock_file_path(path)).expect("read")).expect("json");
    let kdf: redress_store::KdfParams = serde_json::from_value(unlock["current"]["kdf"].clone()).expect("kdf");
    let key = kdf.derive(&pass("correct horse battery")).expect("derive");
    let conn = rusqlite::Connection::open(path).expect("open");
    conn.execute_batch(&format!("PRAGMA key = \"x'{}'\"; {sql}", hex::encode(key.as_bytes()))).expect("craft");
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").expect("checkpoint");
    drop(conn);
    let payload = std::fs::read(path).expect("read store");
    let header = serde_json::json!({
        "created_at": "2026-01-05T08:00:00Z",
        "schema_version": 1,
        "kdf": unlock["current"]["kdf"],
        "payload_bytes": payload.len(),
        "payload_sha256": hex::encode(sha2::Sha256::digest(&payload)),
    });
    let mut v1 = b"REDRESS-BACKUP 1\n".to_vec();
    v1.extend(serde_json::to_vec(&header).expect("json"));
    v1.push(b'\n');
    v1.extend(&payload);
    v1
}

/// SQLCipher's `sqlcipher_export` (a function with side effects) named in a crafted backup's
/// schema never runs: in a CHECK constraint the restore is refused before anything is replaced;
/// in a trigger, which a restore copies, the trigger cannot run it in the restored store. With
/// a trusted schema, both ran (the trigger re-created the store's tables inside an insert).
#[test]
fn a_backup_whose_schema_calls_sqlcipher_export_is_not_trusted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, _) = store_and_backup(dir.path());
    let check = "CREATE TABLE evil(x CHECK (sqlcipher_export('export') IS NULL OR 1)); INSERT INTO evil VALUES (1);";
    let file = write(dir.path(), "schema-check-calls-sqlcipher-export.backup", &version_1_backup_with(&path, check));
    let err =
        Store::restore(&file, &pass("correct horse battery"), target(dir.path()), &NoKeyring).expect_err("refused");
    assert!(err.to_string().contains("unsafe use of sqlcipher_export()"), "{err}");
    assert!(!target(dir.path()).path.exists(), "nothing was restored");

    let dir = tempfile::tempdir().expect("tempdir");
    let (path, _) = store_and_backup(dir.path());
    let trigger = "CREATE TRIGGER evil AFTER INSERT ON profiles BEGIN SELECT sqlcipher_export('main'); END;";
    let file =
        write(dir.path(), "schema-trigger-calls-sqlcipher-export.backup", &version_1_backup_with(&path, trigger));
    let mut restored =
        Store::restore(&file, &pass("correct horse battery"), target(dir.path()), &NoKeyring).expect("restores");
    let err = restored.add_profile(person(), now()).expect_err("the trigger cannot run it");
    assert!(err.to_string().contains("unsafe use of sqlcipher_export()"), "{err}");
    assert_eq!(restored.profiles().expect("list").len(), 1, "nothing was added or changed");
    assert_eq!(restored.integrity_check().expect("check"), "ok");
}
