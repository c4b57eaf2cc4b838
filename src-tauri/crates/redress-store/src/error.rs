//! The one error type of `redress-store`. Messages say what failed, where, and what to do.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no store at {path} (create one with `redress store init`, or pass --store to use another)")]
    NotFound { path: PathBuf },

    #[error("a store already exists at {path}; it was left untouched")]
    AlreadyExists { path: PathBuf },

    #[error("{path} is protected by a passphrase: give it with --passphrase-file FILE (or type it when asked)")]
    PassphraseRequired { path: PathBuf },

    #[error("the passphrase for {path} is wrong (or the file is not a Redress store); nothing was changed")]
    WrongPassphrase { path: PathBuf },

    #[error(
        "the key in your keyring does not open {path} (the keyring entry was replaced, or the file is not a Redress store); nothing was changed"
    )]
    WrongKey { path: PathBuf },

    #[error(
        "the key of {path} was not found in your keyring; nothing was changed. If the keyring is locked or was restarted, unlock it (log out and in again) and retry; if the store was copied from another computer, restore a backup made there instead"
    )]
    KeyMissing { path: PathBuf },

    /// The store is in keyring mode and the keyring does not answer (locked, refused, gone).
    #[error(
        "the keyring that holds the key of {path} cannot be used now ({reason}); nothing was changed. Unlock your keyring (or log out and in again) and retry"
    )]
    KeyringUnreachable { path: PathBuf, reason: String },

    #[error(
        "no usable keyring on this system: {reason}. Use a passphrase instead (--passphrase-file FILE, or \"Use a passphrase\" in the app)"
    )]
    KeyringUnavailable { reason: String },

    #[error("the passphrase is too short: use at least {min} characters")]
    WeakPassphrase { min: usize },

    /// A new passphrase zxcvbn finds easy to guess; `advice` is its warning and suggestions.
    #[error(
        "the passphrase is too easy to guess, so it was not used and nothing was changed. {advice} (Four or five unrelated words make a strong one.)"
    )]
    GuessablePassphrase { advice: String },

    #[error("{path} is damaged: {detail}")]
    Damaged { path: PathBuf, detail: String },

    #[error("{path} was written by a newer Redress (schema {found}, this one knows up to {known}); update Redress")]
    TooNew { path: PathBuf, found: usize, known: usize },

    #[error("the backup {path} is not a Redress backup, or is damaged: {detail}")]
    BadBackup { path: PathBuf, detail: String },

    #[error("the passphrase does not open the backup {path}; nothing was changed")]
    WrongBackupPassphrase { path: PathBuf },

    /// The passphrase is right but the seal does not match: the header or the payload changed.
    #[error(
        "the backup {path} was changed after it was written: its contents no longer match the seal made with its passphrase. It was not restored and nothing was changed; restore another copy of this backup"
    )]
    TamperedBackup { path: PathBuf },

    #[error("invalid profile: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    InvalidProfile(Vec<redress_core::identity::FieldProblem>),

    #[error("no profile with id {id} (list them with `redress profile list`)")]
    UnknownProfile { id: i64 },

    #[error("no case with id {id} (list them with `redress case list`)")]
    UnknownCase { id: i64 },

    /// One case's stored timeline cannot be replayed: an event this Redress cannot read, or one
    /// an older Redress should have refused (a date out of range). Only that case is affected.
    #[error(
        "case {id} cannot be read: {detail}. Your other cases are not affected. Nothing more can be recorded on this case: open a new case to go on with the request, and please report this as a bug in Redress (the store is left as it is)"
    )]
    DamagedCase { id: i64, detail: String },

    #[error("cannot tell which case {file} answers ({why}); give the case's id")]
    ReplyNotLinked { file: String, why: String },

    #[error("cannot build this dossier: {detail}")]
    DossierScope { detail: String },

    #[error("no file with id {id} in this store")]
    UnknownFile { id: i64 },

    #[error("no outbox entry with id {id} in this store")]
    UnknownOutboxEntry { id: i64 },

    #[error("Redress does not read a folder named {folder:?} for this account; add it first")]
    UnknownMailFolder { folder: String },

    #[error("the letter of case {case} is already in the outbox ({state}); nothing was sent again")]
    AlreadyQueued { case: i64, state: String },

    #[error(transparent)]
    Core(#[from] redress_core::Error),

    #[error("the case bundle {path} cannot be imported: {detail}; nothing was changed")]
    BadBundle { path: PathBuf, detail: String },

    #[error("profile {id} has cases; close or export them before removing the person")]
    ProfileHasCases { id: i64 },

    #[error("the mandate file {path} {problem}")]
    BadMandate { path: PathBuf, problem: String },

    #[error("the file {file} cannot be used: {message}")]
    InvalidFile { file: String, message: String },

    #[error("failed to read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },

    #[error("failed to write {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },

    #[error("database error in {path}: {source}")]
    Sql { path: PathBuf, source: rusqlite::Error },
}

impl StoreError {
    /// The disk is full or read-only (SQLite's SQLITE_FULL, SQLITE_READONLY, or a write the
    /// system refused): the user's to fix, and nothing already stored was lost.
    pub fn is_disk_problem(&self) -> bool {
        match self {
            StoreError::Write { source, .. } => redress_core::error::is_environment_failure(source),
            StoreError::Sql { source, .. } => {
                // sqlcipher_export reports a full disk as a generic error with SQLite's message.
                let text = source.to_string();
                matches!(
                    source.sqlite_error_code(),
                    Some(
                        rusqlite::ErrorCode::DiskFull | rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen
                    )
                ) || text.contains("disk is full")
                    || text.contains("readonly database")
            }
            StoreError::Core(redress_core::Error::Write { source, .. }) => {
                redress_core::error::is_environment_failure(source)
            }
            _ => false,
        }
    }

    /// Whether the user can act on it (wrong passphrase, bad input, missing file) rather than
    /// it being an internal failure.
    pub fn is_user_error(&self) -> bool {
        match self {
            StoreError::Core(e) => e.is_user_error(),
            StoreError::Write { source, .. } => redress_core::error::is_environment_failure(source),
            StoreError::Sql { .. } => self.is_disk_problem(),
            // Not the user's doing: a version of Redress wrote what it cannot read back.
            StoreError::DamagedCase { .. } => false,
            _ => true,
        }
    }
}
