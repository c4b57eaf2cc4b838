//! The one error type of `redress-core`.

use std::path::PathBuf;

use crate::case::IllegalTransition;
use crate::date_range::{EARLIEST, LATEST};
use crate::registry::InvalidRegistry;

/// Everything that can go wrong in the core. Messages say what failed and where, in lowercase,
/// so callers can prefix them ("error: …").
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("failed to read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },

    /// A file the person named is larger than Redress reads for its kind (`limited_read`).
    #[error(
        "{path} is too large for {what}: Redress reads at most {} of it; check that this is the right file",
        crate::limited_read::size_text(*limit)
    )]
    TooLarge { path: PathBuf, what: &'static str, limit: u64 },

    /// A folder, pipe or device where a file is expected (`/dev/zero`, a FIFO): not read.
    #[error(
        "{path} is not a regular file (a folder, pipe or device), so it is not read as {what}; give the path of a file"
    )]
    NotAFile { path: PathBuf, what: &'static str },

    #[error("failed to write {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },

    #[error(transparent)]
    InvalidRegistry(#[from] Box<InvalidRegistry>),

    #[error("no vendor with id {id:?} in the registry (list them with `redress vendors`)")]
    UnknownVendor { id: String },

    #[error("no authority with id {id:?} in the registry (list them with `redress authorities`)")]
    UnknownAuthority { id: String },

    #[error("invalid identity file {path}: {message}")]
    InvalidIdentity { path: PathBuf, message: String },

    /// Text that is not a date written YYYY-MM-DD, or names a day that does not exist.
    #[error("{text:?} is not a date: {reason}")]
    InvalidDate { text: String, reason: String },

    /// A real date outside the range Redress counts in (`date_range`).
    #[error("\"{date}\" is out of range: Redress accepts dates from {EARLIEST} to {LATEST}")]
    DateOutOfRange { date: String },

    /// Text a person typed as their e-mail address that is not one (no `@`, nothing before it,
    /// no domain after it…): says what is wrong with it.
    #[error("{address:?} is not an e-mail address: {problem}; type the whole address, for example zoe@example.org")]
    InvalidAddress { address: String, problem: crate::mail_provider::AddressProblem },

    /// A case event that cannot follow the case's status.
    #[error(transparent)]
    IllegalTransition(#[from] IllegalTransition),

    #[error("cannot write this letter: {field}: {message}")]
    InvalidLetterInput { field: String, message: String },

    /// A letter template is broken: a bug in Redress.
    #[error("a letter template is broken (this is a bug in Redress, please report it): {message}")]
    LetterTemplate { message: String },

    /// A complaint template (`complaint/<lang>/`) is broken: a bug in Redress.
    #[error("a complaint template is broken (this is a bug in Redress, please report it): {message}")]
    ComplaintTemplate { message: String },

    /// Data compiled into the program is broken: a bug in Redress.
    #[error("the built-in {what} is invalid (this is a bug in Redress, please report it): {message}")]
    BuiltinData { what: &'static str, message: String },

    /// The registry compiled into the program is broken: a bug in Redress, not the user's doing.
    #[error("the built-in registry is invalid (this is a bug in Redress, please report it): {0}")]
    BuiltinRegistry(Box<InvalidRegistry>),
}

/// Whether a failed write is the computer's state rather than a bug: the disk or quota is full,
/// the file system is read-only, or the folder may not be written. The user can fix these
/// (free space, choose another folder), so they are reported as such.
pub fn is_environment_failure(e: &std::io::Error) -> bool {
    // ENOSPC, EROFS, EDQUOT, EACCES, EPERM (Linux numbers; the kinds cover other systems).
    matches!(e.raw_os_error(), Some(28 | 30 | 122 | 13 | 1))
        || matches!(
            e.kind(),
            std::io::ErrorKind::StorageFull
                | std::io::ErrorKind::ReadOnlyFilesystem
                | std::io::ErrorKind::PermissionDenied
                | std::io::ErrorKind::QuotaExceeded
        )
}

impl Error {
    /// Whether the user can fix this themselves (bad input, unknown id) rather than it being
    /// an internal failure. The CLI maps this to exit code 1 versus 2.
    pub fn is_user_error(&self) -> bool {
        match self {
            Error::Read { .. } | Error::InvalidRegistry(_) | Error::UnknownVendor { .. } => true,
            Error::TooLarge { .. } | Error::NotAFile { .. } => true,
            Error::UnknownAuthority { .. } | Error::InvalidLetterInput { .. } | Error::InvalidIdentity { .. } => true,
            Error::InvalidDate { .. } | Error::DateOutOfRange { .. } | Error::IllegalTransition(_) => true,
            Error::InvalidAddress { .. } => true,
            // A folder that does not exist was named by the person.
            Error::Write { source, .. } => {
                is_environment_failure(source) || source.kind() == std::io::ErrorKind::NotFound
            }
            Error::BuiltinRegistry(_) | Error::LetterTemplate { .. } => false,
            Error::BuiltinData { .. } | Error::ComplaintTemplate { .. } => false,
        }
    }
}
