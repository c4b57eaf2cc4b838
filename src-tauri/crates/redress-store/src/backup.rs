//! Backups: the whole store in one file, encrypted with a passphrase of its own, so it can be
//! restored on another computer (a keyring key would not travel).
//!
//! File layout: the line `REDRESS-BACKUP 1`, one line of JSON (`BackupHeader`: key-derivation
//! parameters, payload length and SHA-256), then the payload: a SQLCipher database keyed with
//! the Argon2id-derived key. The checksum lets a truncated or damaged file be told apart from a
//! wrong passphrase.

use std::path::{Path, PathBuf};

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

const MAGIC: &[u8] = b"REDRESS-BACKUP 1\n";
/// A backup is read whole. The bound is far above any store of letters and replies; what it
/// stops is a device or a wrong file being read until the memory runs out.
const MAX_BACKUP_BYTES: u64 = 16 * 1024 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct BackupHeader {
    created_at: String,
    schema_version: usize,
    kdf: KdfParams,
    payload_bytes: u64,
    payload_sha256: String,
}

/// What a backup run wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub bytes: u64,
    pub created_at: String,
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
    conn.execute(&format!("ATTACH DATABASE ?1 AS export KEY {}", &*key.sql_literal()), [target.to_string_lossy()])?;
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
        let key = kdf.derive(passphrase).map_err(|detail| StoreError::Damaged { path: file.to_owned(), detail })?;
        let tmp_db = sibling(file, &format!(".export-{}", random_hex(4)));
        remove_db_files(&tmp_db);
        if let Err(e) = export_to(&self.conn, &tmp_db, &key) {
            remove_db_files(&tmp_db);
            return Err(sql(file, e));
        }
        let payload = std::fs::read(&tmp_db).map_err(|source| StoreError::Read { path: tmp_db.clone(), source });
        remove_db_files(&tmp_db);
        let payload = payload?;
        let header = BackupHeader {
            created_at: now.to_string(),
            schema_version: latest_version(),
            kdf,
            payload_bytes: payload.len() as u64,
            payload_sha256: hex::encode(Sha256::digest(&payload)),
        };
        let mut out = MAGIC.to_vec();
        out.extend(serde_json::to_vec(&header).expect("headers always serialise"));
        out.push(b'\n');
        out.extend(&payload);
        write_atomically(file, &out)?;
        Ok(BackupInfo { path: file.to_owned(), bytes: out.len() as u64, created_at: header.created_at })
    }

    /// Restores `file` into a store at `target.path`, unlocked as `target.new_key` says.
    /// Checks the backup completely (checksum, passphrase, integrity) before touching anything;
    /// an existing store is replaced only with `overwrite`, and is then kept aside, not deleted.
    pub fn restore(
        file: &Path,
        passphrase: &Passphrase,
        target: RestoreTarget,
        vault: &dyn KeyVault,
    ) -> Result<Store, StoreError> {
        let bad = |detail: String| StoreError::BadBackup { path: file.to_owned(), detail };
        if target.path.exists() && !target.overwrite {
            return Err(StoreError::AlreadyExists { path: target.path.clone() });
        }
        // A backup holds the whole store, so the bound is generous; a pipe or device is refused.
        let bytes = redress_core::limited_read::read_limited(file, MAX_BACKUP_BYTES, "a backup")?;
        let rest =
            bytes.strip_prefix(MAGIC).ok_or_else(|| bad("it does not start with the Redress backup marker".into()))?;
        let newline = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or_else(|| bad("its header is cut off (truncated file)".into()))?;
        let header: BackupHeader =
            serde_json::from_slice(&rest[..newline]).map_err(|e| bad(format!("its header is unreadable ({e})")))?;
        let payload = &rest[newline + 1..];
        if payload.len() as u64 != header.payload_bytes {
            return Err(bad(format!(
                "it is truncated or padded: {} bytes of data expected, {} found",
                header.payload_bytes,
                payload.len()
            )));
        }
        if hex::encode(Sha256::digest(payload)) != header.payload_sha256 {
            return Err(bad("its checksum does not match: the file was damaged after it was written".into()));
        }
        if header.schema_version > latest_version() {
            return Err(StoreError::TooNew {
                path: file.to_owned(),
                found: header.schema_version,
                known: latest_version(),
            });
        }
        let key = header.kdf.derive(passphrase).map_err(bad)?;

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
                Some(rusqlite::ErrorCode::NotADatabase) => StoreError::WrongBackupPassphrase { path: file.to_owned() },
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
        Store::open(&target.path, pass, vault)
    }
}
