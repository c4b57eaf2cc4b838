//! Backups: the whole store in one file, encrypted with a passphrase of its own, so it can be
//! restored on another computer (a keyring key would not travel).
//!
//! File layout (version 2): the line `REDRESS-BACKUP 2`, one line of JSON ([`BackupHeader`]:
//! the backup's id and creation time, the schema version, the key-derivation parameters, a
//! passphrase check and the payload's length), one line with the seal (64 hex digits), then the
//! payload: a SQLCipher database.
//!
//! The passphrase gives, through Argon2id, a master key; HKDF-SHA256 turns it into three: the
//! payload's database key, the seal key, and the passphrase check. The seal is an HMAC-SHA256
//! over everything but itself (the first two lines and the payload), so a header or a payload
//! changed after the backup was written is reported as such ([`StoreError::TamperedBackup`]),
//! not as a wrong passphrase or a damaged database. The check tells a wrong passphrase apart
//! before the seal is looked at. What cannot be told apart: a changed salt or key-derivation
//! parameter (or check) gives another key, so it reads as a wrong passphrase — without the right
//! key, nothing can say more. Every parameter is bounded before Argon2 runs
//! ([`KdfParams::check`]), so a crafted header cannot abort or stall Redress.
//!
//! A backup swapped for an older one made with the same passphrase is genuine, and nothing in a
//! standalone file can prove it is not the latest: what the person can see is when it was made.
//! Its id and creation time are sealed with the rest, and a restore returns them
//! ([`RestoredBackup`]) for the front end to show.
//!
//! Version 1 files (`REDRESS-BACKUP 1`: the header with a SHA-256 of the payload and no seal)
//! are still restored, because a backup is what a person falls back on when everything else is
//! lost; the restore says that such a backup is not authenticated
//! ([`RestoredBackup::authenticated`]), and the person is told to make a new backup.

use std::path::{Path, PathBuf};

use hmac::{KeyInit, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::StoreError;
use crate::kdf::KdfParams;
use crate::schema::latest_version;
use crate::secret::{Key, Passphrase};
use crate::store::sibling;
use crate::store::{
    NewKey, Store, check_new_passphrase, new_setup, open_connection, random_hex, remove_db_files, sql, unlock_file_path,
};
use crate::unlock_file::{UnlockFile, sync_dir, write_atomically};
use crate::vault::KeyVault;

const MAGIC: &[u8] = b"REDRESS-BACKUP 2\n";
const MAGIC_V1: &[u8] = b"REDRESS-BACKUP 1\n";
/// The seal's line: an HMAC-SHA256 in hex.
const SEAL_HEX: usize = 64;
/// The passphrase check kept in the header, in bytes.
const CHECK_BYTES: usize = 16;

/// SHA-256 of the version the seal uses (sha2 0.11, for hmac and hkdf 0.13); the payload
/// checksum of version 1 files keeps the workspace's.
type SealHash = sha2_v011::Sha256;
/// A backup is read whole. The bound is far above any store of letters and replies; what it
/// stops is a device or a wrong file being read until the memory runs out.
const MAX_BACKUP_BYTES: u64 = 16 * 1024 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct BackupHeader {
    /// 16 random bytes, hex: tells backups apart.
    backup_id: String,
    created_at: String,
    schema_version: usize,
    kdf: KdfParams,
    /// The first bytes of the passphrase check key, hex.
    passphrase_check: String,
    payload_bytes: u64,
}

/// The header of a version 1 file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
struct BackupHeaderV1 {
    created_at: String,
    schema_version: usize,
    kdf: KdfParams,
    payload_bytes: u64,
    payload_sha256: String,
}

/// The keys a backup's master key gives.
struct BackupKeys {
    database: Key,
    seal: Key,
    check: [u8; CHECK_BYTES],
}

impl BackupKeys {
    fn new(master: &Key) -> Self {
        let hkdf = hkdf::Hkdf::<SealHash>::from_prk(master.as_bytes()).expect("a 32-byte key is a valid HKDF key");
        let expand = |info: &[u8]| {
            let mut out = [0u8; 32];
            hkdf.expand(info, &mut out).expect("32 bytes are within HKDF's output");
            Key::from_bytes(out)
        };
        let check = expand(b"redress backup 2: passphrase check");
        let mut first = [0u8; CHECK_BYTES];
        first.copy_from_slice(&check.as_bytes()[..CHECK_BYTES]);
        BackupKeys {
            database: expand(b"redress backup 2: database key"),
            seal: expand(b"redress backup 2: seal key"),
            check: first,
        }
    }

    fn seal(&self, signed: &[u8], payload: &[u8]) -> hmac::Hmac<SealHash> {
        let mut mac = hmac::Hmac::<SealHash>::new_from_slice(self.seal.as_bytes()).expect("HMAC takes any key");
        mac.update(signed);
        mac.update(payload);
        mac
    }
}

/// What a restore found in the backup, for the person to see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RestoredBackup {
    /// When the backup was made (RFC 3339), as its header says.
    pub created_at: String,
    /// The backup's id (version 2 files; version 1 files have none).
    pub backup_id: Option<String>,
    /// Whether the header and payload were sealed and found unchanged. `false` for a version 1
    /// backup: its checksum shows accidental damage but not a deliberate change, so the person
    /// should be told, and advised to make a new backup.
    pub authenticated: bool,
}

/// What a backup run wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub bytes: u64,
    pub created_at: String,
    /// The id a restore reports, to tell this backup from others.
    pub backup_id: String,
}

/// Where and how a backup is restored.
#[derive(Debug, Clone)]
pub struct RestoreTarget {
    pub path: PathBuf,
    pub new_key: NewKey,
    /// Replace an existing store. The old one is kept beside it as `<name>.before-restore-<time>`.
    pub overwrite: bool,
}

/// `ATTACH … KEY "x'…'"` then `sqlcipher_export`: copies every table, index and the schema
/// version into a database encrypted with `key`.
fn export_to(conn: &rusqlite::Connection, target: &Path, key: &Key) -> Result<(), rusqlite::Error> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    // The store's connection may not create files; an empty file is a valid empty database.
    crate::unlock_file::create_private(target).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    conn.execute(&key.in_statement("ATTACH DATABASE ?1 AS export KEY ", ""), [target.to_string_lossy()])?;
    let result = conn
        .query_row("SELECT sqlcipher_export('export')", [], |_| Ok(()))
        .and_then(|()| conn.execute_batch(&format!("PRAGMA export.user_version = {version};")));
    let detach = conn.execute_batch("DETACH DATABASE export");
    result.and(detach)
}

impl Store {
    /// Writes the whole store to `file`, encrypted with `passphrase`.
    pub fn backup(&self, file: &Path, passphrase: &Passphrase, now: jiff::Timestamp) -> Result<BackupInfo, StoreError> {
        check_new_passphrase(passphrase)?;
        let kdf = KdfParams::new_random();
        let master = kdf.derive(passphrase).map_err(|detail| StoreError::Damaged { path: file.to_owned(), detail })?;
        let keys = BackupKeys::new(&master);
        let tmp_db = sibling(file, &format!(".export-{}", random_hex(4)));
        remove_db_files(&tmp_db);
        if let Err(e) = export_to(&self.conn, &tmp_db, &keys.database) {
            remove_db_files(&tmp_db);
            return Err(sql(file, e));
        }
        let payload = std::fs::read(&tmp_db).map_err(|source| StoreError::Read { path: tmp_db.clone(), source });
        remove_db_files(&tmp_db);
        let payload = payload?;
        let header = BackupHeader {
            backup_id: random_hex(16),
            created_at: now.to_string(),
            schema_version: latest_version(),
            kdf,
            passphrase_check: hex::encode(keys.check),
            payload_bytes: payload.len() as u64,
        };
        let mut out = MAGIC.to_vec();
        out.extend(serde_json::to_vec(&header).expect("headers always serialise"));
        out.push(b'\n');
        let seal = keys.seal(&out, &payload).finalize().into_bytes();
        out.extend(hex::encode(seal).as_bytes());
        out.push(b'\n');
        out.extend(&payload);
        write_atomically(file, &out)?;
        Ok(BackupInfo {
            path: file.to_owned(),
            bytes: out.len() as u64,
            created_at: header.created_at,
            backup_id: header.backup_id,
        })
    }

    /// Restores `file` into a store at `target.path`, unlocked as `target.new_key` says.
    /// Checks the backup completely (bounds, passphrase, seal or checksum, integrity) before
    /// touching anything; an existing store is replaced only with `overwrite`, and is then kept
    /// aside, not deleted. [`Store::restore_with_report`] also says what the backup was.
    pub fn restore(
        file: &Path,
        passphrase: &Passphrase,
        target: RestoreTarget,
        vault: &dyn KeyVault,
    ) -> Result<Store, StoreError> {
        Store::restore_with_report(file, passphrase, target, vault).map(|(store, _)| store)
    }

    /// [`Store::restore`], with when the backup was made, its id, and whether it was
    /// authenticated — for the person to check it is the backup they meant.
    pub fn restore_with_report(
        file: &Path,
        passphrase: &Passphrase,
        target: RestoreTarget,
        vault: &dyn KeyVault,
    ) -> Result<(Store, RestoredBackup), StoreError> {
        let bad = |detail: String| StoreError::BadBackup { path: file.to_owned(), detail };
        if target.path.exists() && !target.overwrite {
            return Err(StoreError::AlreadyExists { path: target.path.clone() });
        }
        // A backup holds the whole store, so the bound is generous; a pipe or device is refused.
        let bytes = redress_core::limited_read::read_limited(file, MAX_BACKUP_BYTES, "a backup")?;
        let (key, payload, report) = open_backup(file, &bytes, passphrase)?;
        let authenticated = report.authenticated;

        let dir = target.path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        crate::unlock_file::create_private_dir(dir)
            .map_err(|source| StoreError::Write { path: dir.to_owned(), source })?;
        let unpacked = sibling(&target.path, ".restoring");
        remove_db_files(&unpacked);
        crate::unlock_file::create_private(&unpacked)
            .and_then(|mut f| std::io::Write::write_all(&mut f, payload).and_then(|()| f.sync_all()))
            .map_err(|source| StoreError::Write { path: unpacked.clone(), source })?;
        let result = (|| {
            let conn = open_connection(&unpacked, &key, false).map_err(|e| match e.sqlite_error_code() {
                // A sealed payload was checked already: only an unsealed one can be opened with
                // a wrong key.
                Some(rusqlite::ErrorCode::NotADatabase) if !authenticated => {
                    StoreError::WrongBackupPassphrase { path: file.to_owned() }
                }
                _ => sql(file, e),
            })?;
            let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| sql(file, e))?;
            if check != "ok" {
                return Err(bad(format!("its database fails the integrity check ({check})")));
            }
            let store_id = random_hex(16);
            let (setup, new_key) = new_setup(&store_id, target.new_key.clone(), vault)?;
            let fresh = sibling(&target.path, ".restored");
            remove_db_files(&fresh);
            export_to(&conn, &fresh, &new_key).map_err(|e| sql(&fresh, e))?;
            drop(conn);
            if target.path.exists() {
                let stamp = jiff::Timestamp::now().as_second();
                for suffix in ["", "-wal", "-shm"] {
                    let from = sibling(&target.path, suffix);
                    if from.exists() {
                        let to = sibling(&target.path, &format!(".before-restore-{stamp}{suffix}"));
                        std::fs::rename(&from, &to).map_err(|source| StoreError::Write { path: to, source })?;
                    }
                }
                let old_unlock = unlock_file_path(&target.path);
                if old_unlock.exists() {
                    let kept = sibling(&target.path, &format!(".before-restore-{stamp}.unlock.json"));
                    std::fs::rename(&old_unlock, &kept).map_err(|source| StoreError::Write { path: kept, source })?;
                }
            }
            UnlockFile::new(store_id, setup).write(&unlock_file_path(&target.path))?;
            std::fs::rename(&fresh, &target.path)
                .map_err(|source| StoreError::Write { path: target.path.clone(), source })?;
            sync_dir(&target.path).map_err(|source| StoreError::Write { path: target.path.clone(), source })?;
            Ok(())
        })();
        remove_db_files(&unpacked);
        result?;
        let pass = match &target.new_key {
            NewKey::Passphrase(p) => Some(p),
            NewKey::Keyring => None,
        };
        Ok((Store::open(&target.path, pass, vault)?, report))
    }
}

/// Reads and checks a backup's bytes: the payload's key, the payload, and what to tell the
/// person. Nothing is written.
fn open_backup<'a>(
    file: &Path,
    bytes: &'a [u8],
    passphrase: &Passphrase,
) -> Result<(Key, &'a [u8], RestoredBackup), StoreError> {
    let bad = |detail: String| StoreError::BadBackup { path: file.to_owned(), detail };
    let (version, rest) = if let Some(rest) = bytes.strip_prefix(MAGIC) {
        (2, rest)
    } else if let Some(rest) = bytes.strip_prefix(MAGIC_V1) {
        (1, rest)
    } else {
        return Err(bad("it does not start with the Redress backup marker".into()));
    };
    let line = |rest: &'a [u8]| -> Result<(&'a [u8], &'a [u8]), StoreError> {
        let newline = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or_else(|| bad("its header is cut off (truncated file)".into()))?;
        Ok((&rest[..newline], &rest[newline + 1..]))
    };
    let (header_line, rest) = line(rest)?;
    let too_new = |found: usize| StoreError::TooNew { path: file.to_owned(), found, known: latest_version() };
    // Checked before the (slow) key derivation: a cut file is the common accident.
    let length = |expected: u64, payload: &[u8]| {
        if payload.len() as u64 == expected {
            Ok(())
        } else {
            Err(bad(format!(
                "it is truncated or padded, or its header was changed: {expected} bytes of data expected, {} found",
                payload.len()
            )))
        }
    };
    let bounded = |kdf: &KdfParams| {
        kdf.check("kdf").map_err(|why| {
            bad(format!("its header cannot be used: {why}; Redress never writes such a value, so the file was altered"))
        })
    };

    if version == 1 {
        let header: BackupHeaderV1 =
            serde_json::from_slice(header_line).map_err(|e| bad(format!("its header is unreadable ({e})")))?;
        bounded(&header.kdf)?;
        length(header.payload_bytes, rest)?;
        if hex::encode(Sha256::digest(rest)) != header.payload_sha256 {
            return Err(bad("its checksum does not match: the file was damaged after it was written".into()));
        }
        if header.schema_version > latest_version() {
            return Err(too_new(header.schema_version));
        }
        let key = header.kdf.derive(passphrase).map_err(bad)?;
        let report = RestoredBackup { created_at: header.created_at, backup_id: None, authenticated: false };
        return Ok((key, rest, report));
    }

    let header: BackupHeader = serde_json::from_slice(header_line).map_err(|e| {
        bad(format!("its header is unreadable ({e}); the file was damaged or changed after it was written"))
    })?;
    let (seal_line, payload) = line(rest)?;
    let seal = Some(seal_line)
        .filter(|s| s.len() == SEAL_HEX)
        .and_then(|s| hex::decode(s).ok())
        .ok_or_else(|| bad("its seal line is not 64 hexadecimal digits".into()))?;
    bounded(&header.kdf)?;
    length(header.payload_bytes, payload)?;
    let master = header.kdf.derive(passphrase).map_err(bad)?;
    let keys = BackupKeys::new(&master);
    if hex::encode(keys.check) != header.passphrase_check {
        return Err(StoreError::WrongBackupPassphrase { path: file.to_owned() });
    }
    let signed = &bytes[..MAGIC.len() + header_line.len() + 1];
    if keys.seal(signed, payload).verify_slice(&seal).is_err() {
        return Err(StoreError::TamperedBackup { path: file.to_owned() });
    }
    if header.schema_version > latest_version() {
        return Err(too_new(header.schema_version));
    }
    let report =
        RestoredBackup { created_at: header.created_at, backup_id: Some(header.backup_id), authenticated: true };
    Ok((keys.database, payload, report))
}
