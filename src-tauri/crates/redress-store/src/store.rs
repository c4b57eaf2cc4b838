//! Opening, creating and re-keying the encrypted database.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, OpenFlags};
use serde::{Deserialize, Serialize};

use crate::error::StoreError;
use crate::kdf::KdfParams;
use crate::schema::{latest_version, migrations};
use crate::secret::{Key, Passphrase};
use crate::unlock_file::{KeySetup, UnlockFile, create_private, create_private_dir, sync_dir};
use crate::vault::{KeyVault, VaultError};

/// How the database key is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnlockMode {
    /// 32 random bytes in the OS keyring: opens without typing anything.
    Keyring,
    /// Derived from a passphrase with Argon2id: works everywhere, must be typed or given as a file.
    Passphrase,
}

/// The key setup for a new store, or the target of a key change.
#[derive(Debug, Clone)]
pub enum NewKey {
    Keyring,
    Passphrase(Passphrase),
}

/// What can be said about a store without its key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoreStatus {
    pub path: PathBuf,
    pub exists: bool,
    /// `None` when the store does not exist.
    pub mode: Option<UnlockMode>,
}

/// An open, unlocked store. Dropping it closes the database; the key lives only inside SQLCipher.
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    unlock: UnlockFile,
}

/// The unlock file that belongs to the database at `db`: `<db>.unlock.json`.
pub fn unlock_file_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".unlock.json");
    db.with_file_name(name)
}

/// `<file name><suffix>` in the same folder (`redress.db` + `-wal`).
pub(crate) fn sibling(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(suffix);
    db.with_file_name(name)
}

impl Store {
    /// The store holds something this version cannot read back (an unknown code, bad JSON).
    pub(crate) fn damaged(&self, detail: String) -> StoreError {
        StoreError::Damaged { path: self.path.clone(), detail }
    }

    pub fn status(path: &Path) -> Result<StoreStatus, StoreError> {
        if !path.exists() {
            return Ok(StoreStatus { path: path.to_owned(), exists: false, mode: None });
        }
        let unlock = UnlockFile::read(&unlock_file_path(path))?;
        Ok(StoreStatus { path: path.to_owned(), exists: true, mode: Some(unlock.current.mode) })
    }

    /// Creates a new, empty store. Refuses if one exists at `path`.
    pub fn create(path: &Path, new_key: NewKey, vault: &dyn KeyVault) -> Result<Store, StoreError> {
        if path.exists() {
            return Err(StoreError::AlreadyExists { path: path.to_owned() });
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir).map_err(|source| StoreError::Write { path: dir.to_owned(), source })?;
        }
        let store_id = random_hex(16);
        let (setup, key) = new_setup(&store_id, new_key, vault)?;
        // Build the database under a temporary name and rename it into place last, so a crash
        // never leaves a half-made store that later refuses to open.
        let tmp = sibling(path, ".creating");
        remove_db_files(&tmp);
        // Private from the first byte; SQLite gives its -wal and -shm files the same mode.
        create_private(&tmp).map_err(|source| StoreError::Write { path: tmp.clone(), source })?;
        let conn = open_connection(&tmp, &key, true).map_err(|e| sql(&tmp, e))?;
        let mut conn = conn;
        migrations().to_latest(&mut conn).map_err(|e| migration(&tmp, e))?;
        drop(conn);
        let unlock = UnlockFile::new(store_id, setup);
        unlock.write(&unlock_file_path(path))?;
        std::fs::rename(&tmp, path).map_err(|source| StoreError::Write { path: path.to_owned(), source })?;
        sync_dir(path).map_err(|source| StoreError::Write { path: path.to_owned(), source })?;
        Store::open_with(path, unlock, &key)
    }

    /// Opens an existing store. Never creates or overwrites anything: a wrong key or passphrase
    /// is an error and the file stays as it was.
    pub fn open(path: &Path, passphrase: Option<&Passphrase>, vault: &dyn KeyVault) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::NotFound { path: path.to_owned() });
        }
        let unlock_path = unlock_file_path(path);
        for file in [path, unlock_path.as_path()] {
            crate::unlock_file::make_private(file);
        }
        let mut unlock = UnlockFile::read(&unlock_path)?;
        let current = key_for(path, &unlock.current, passphrase, vault);
        let first_error = match current {
            Ok(key) => match Store::open_with(path, unlock.clone(), &key) {
                Ok(store) => return Ok(store),
                Err(e) => e,
            },
            Err(e) => e,
        };
        // A key change that stopped half-way: the database may already use the new key.
        if let Some(pending) = unlock.pending.clone()
            && let Ok(key) = key_for(path, &pending, passphrase, vault)
            && let Ok(mut store) = Store::open_with(path, unlock.clone(), &key)
        {
            unlock.current = pending;
            unlock.pending = None;
            unlock.write(&unlock_path)?;
            store.unlock = unlock;
            return Ok(store);
        }
        Err(first_error)
    }

    fn open_with(path: &Path, unlock: UnlockFile, key: &Key) -> Result<Store, StoreError> {
        let mut conn = open_connection(path, key, false).map_err(|e| match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => match unlock.current.mode {
                UnlockMode::Passphrase => StoreError::WrongPassphrase { path: path.to_owned() },
                UnlockMode::Keyring => StoreError::WrongKey { path: path.to_owned() },
            },
            _ => sql(path, e),
        })?;
        let version: usize =
            conn.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0)).map_err(|e| sql(path, e))? as usize;
        if version > latest_version() {
            return Err(StoreError::TooNew { path: path.to_owned(), found: version, known: latest_version() });
        }
        migrations().to_latest(&mut conn).map_err(|e| migration(path, e))?;
        Ok(Store { conn, path: path.to_owned(), unlock })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn mode(&self) -> UnlockMode {
        self.unlock.current.mode
    }

    /// Changes how the store is unlocked (keyring ↔ passphrase, or a new passphrase) without
    /// losing anything. Crash-safe: the unlock file records the new setup as pending first.
    pub fn change_key(&mut self, new_key: NewKey, vault: &dyn KeyVault) -> Result<(), StoreError> {
        let (setup, key) = new_setup(&self.unlock.store_id, new_key, vault)?;
        let unlock_path = unlock_file_path(&self.path);
        let old = self.unlock.current.clone();
        self.unlock.pending = Some(setup.clone());
        self.unlock.write(&unlock_path)?;
        // SQLCipher re-encrypts every page inside one rollback-journal transaction, so the file
        // holds either the old or the new key, never a mix.
        let rekey = key.in_statement("PRAGMA journal_mode = DELETE; PRAGMA rekey = ", "; PRAGMA journal_mode = WAL;");
        self.conn.execute_batch(&rekey).map_err(|e| sql(&self.path, e))?;
        self.unlock.current = setup;
        self.unlock.pending = None;
        self.unlock.write(&unlock_path)?;
        if let (UnlockMode::Keyring, Some(account)) = (old.mode, &old.keyring_account)
            && Some(account) != self.unlock.current.keyring_account.as_ref()
        {
            let _ = vault.delete(account);
        }
        Ok(())
    }

    /// `PRAGMA integrity_check`: "ok" when the database is sound.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| sql(&self.path, e))
    }

    /// Removes the store, its unlock file and its keyring entry. Used by tests and "start over".
    pub fn destroy(self, vault: &dyn KeyVault) -> Result<(), StoreError> {
        let path = self.path.clone();
        let account = self.unlock.current.keyring_account.clone();
        drop(self.conn);
        remove_db_files(&path);
        let _ = std::fs::remove_file(unlock_file_path(&path));
        if let Some(a) = account {
            let _ = vault.delete(&a);
        }
        Ok(())
    }
}

pub(crate) fn new_setup(store_id: &str, new_key: NewKey, vault: &dyn KeyVault) -> Result<(KeySetup, Key), StoreError> {
    match new_key {
        NewKey::Keyring => {
            let key = Key::random();
            let account = format!("store-{store_id}-{}", random_hex(4));
            vault.set(&account, &key).map_err(|e| match e {
                VaultError::Unavailable(reason) => StoreError::KeyringUnavailable { reason },
                VaultError::Missing => {
                    StoreError::KeyringUnavailable { reason: "the keyring did not keep the key".into() }
                }
            })?;
            Ok((KeySetup { mode: UnlockMode::Keyring, keyring_account: Some(account), kdf: None }, key))
        }
        NewKey::Passphrase(p) => {
            check_new_passphrase(&p)?;
            let kdf = KdfParams::new_random();
            let key = kdf.derive(&p).map_err(|detail| StoreError::Damaged { path: PathBuf::new(), detail })?;
            Ok((KeySetup { mode: UnlockMode::Passphrase, keyring_account: None, kdf: Some(kdf) }, key))
        }
    }
}

/// The zxcvbn score (0 to 4) a new passphrase must reach. 3 is zxcvbn's "safely unguessable"
/// (about 10^10 guesses), against the slow hash Argon2id is; below it sit common passwords,
/// names with a year, keyboard walks and repeats.
const MIN_SCORE: u8 = 3;
/// How much of a passphrase is scored: zxcvbn's work grows faster than the length (a key file
/// may hold 64 KiB on its first line), and a passphrase whose first 100 characters are hard to
/// guess is at least as hard whole.
const SCORED_CHARS: usize = 100;
/// Words an attacker guesses first for a Redress store, whatever the person: zxcvbn counts
/// them as known.
const KNOWN_WORDS: &[&str] = &["redress", "store", "backup", "passphrase", "gdpr"];

/// The one check of every new passphrase: a store's, a key change's, a backup's and a
/// restored store's. At least [`Passphrase::MIN_CHARS`] characters, and not easy to guess
/// (zxcvbn score [`MIN_SCORE`]), refused with zxcvbn's warning and suggestions.
pub(crate) fn check_new_passphrase(p: &Passphrase) -> Result<(), StoreError> {
    let text = p.expose();
    if text.chars().count() < Passphrase::MIN_CHARS {
        return Err(StoreError::WeakPassphrase { min: Passphrase::MIN_CHARS });
    }
    let scored = text.char_indices().nth(SCORED_CHARS).map_or(text, |(end, _)| &text[..end]);
    let estimate = zxcvbn::zxcvbn(scored, KNOWN_WORDS);
    if u8::from(estimate.score()) >= MIN_SCORE {
        return Ok(());
    }
    let mut advice: Vec<String> = Vec::new();
    if let Some(feedback) = estimate.feedback() {
        advice.extend(feedback.warning().map(|w| w.to_string()));
        advice.extend(feedback.suggestions().iter().map(|s| s.to_string()));
    }
    if advice.is_empty() {
        advice.push("Add another word or two. Uncommon words are better.".into());
    }
    Err(StoreError::GuessablePassphrase { advice: advice.join(" ") })
}

fn key_for(
    path: &Path,
    setup: &KeySetup,
    passphrase: Option<&Passphrase>,
    vault: &dyn KeyVault,
) -> Result<Key, StoreError> {
    match setup.mode {
        UnlockMode::Keyring => {
            let account = setup.keyring_account.as_deref().ok_or_else(|| StoreError::Damaged {
                path: path.to_owned(),
                detail: "the unlock file names no keyring entry".into(),
            })?;
            vault.get(account).map_err(|e| match e {
                VaultError::Missing => StoreError::KeyMissing { path: path.to_owned() },
                VaultError::Unavailable(reason) => StoreError::KeyringUnreachable { path: path.to_owned(), reason },
            })
        }
        UnlockMode::Passphrase => {
            let p = passphrase.ok_or_else(|| StoreError::PassphraseRequired { path: path.to_owned() })?;
            let kdf = setup.kdf.as_ref().ok_or_else(|| StoreError::Damaged {
                path: path.to_owned(),
                detail: "the unlock file has no key-derivation parameters".into(),
            })?;
            kdf.derive(p).map_err(|detail| StoreError::Damaged { path: path.to_owned(), detail })
        }
    }
}

/// Opens `path` with `key` and checks the key on a first read (SQLCipher only notices a wrong
/// key when it decrypts a page). WAL for concurrent reads, FULL sync so a committed write
/// survives a crash, foreign keys on.
///
/// Before the key is given: `cipher_memory_security` (process-wide, and it cannot be turned
/// off again) makes SQLCipher wipe every block SQLite frees — its copy of the statement with
/// the key, decrypted pages, query results — so they do not linger in freed memory; and
/// `trusted_schema = OFF` keeps functions with side effects (`sqlcipher_export` among them) and
/// virtual tables out of triggers, views, indexes and defaults, so a schema crafted into a
/// backup cannot run them. Redress's own schema uses neither.
pub(crate) fn open_connection(path: &Path, key: &Key, create: bool) -> Result<Connection, rusqlite::Error> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let conn = Connection::open_with_flags(path, flags)?;
    // SQLCipher would print decryption failures (a wrong passphrase) on stderr; we report them.
    conn.execute_batch(
        "PRAGMA cipher_log_level = NONE; PRAGMA cipher_memory_security = ON; PRAGMA trusted_schema = OFF;",
    )?;
    conn.execute_batch(&key.in_statement("PRAGMA key = ", ";"))?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;",
    )?;
    Ok(conn)
}

pub(crate) fn remove_db_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(sibling(path, suffix));
    }
}

pub(crate) fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("the operating system's random source failed");
    hex::encode(buf)
}

pub(crate) fn sql(path: &Path, source: rusqlite::Error) -> StoreError {
    StoreError::Sql { path: path.to_owned(), source }
}

fn migration(path: &Path, e: rusqlite_migration::Error) -> StoreError {
    match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => sql(path, err),
        other => StoreError::Damaged { path: path.to_owned(), detail: format!("schema migration failed: {other}") },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::NoKeyring;

    /// What the bundled SQLCipher accepted reads back: memory security on (it reports 1 only
    /// once its allocator has run with it), the schema untrusted.
    #[test]
    fn the_store_turns_on_cipher_memory_security_and_distrusts_its_schema() {
        let dir = tempfile::tempdir().expect("tempdir");
        let pass = Passphrase::new("memory security test".into());
        let store = Store::create(&dir.path().join("s.db"), NewKey::Passphrase(pass), &NoKeyring).expect("create");
        let memory_security: String =
            store.conn.query_row("PRAGMA cipher_memory_security", [], |r| r.get(0)).expect("read back");
        assert_eq!(memory_security, "1");
        let trusted: i64 = store.conn.query_row("PRAGMA trusted_schema", [], |r| r.get(0)).expect("read back");
        assert_eq!(trusted, 0);
        assert_eq!(store.integrity_check().expect("check"), "ok");
    }
}
