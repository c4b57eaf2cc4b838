//! The one error type of `redress-mail`.

use std::path::PathBuf;

/// Everything that can go wrong reading mail. Messages say what failed and where (the path or
/// the file's name), in lowercase, so callers can prefix them ("error: …").
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("failed to read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },

    #[error("cannot read the reply {file}: {message}")]
    InvalidReply { file: String, message: String },

    #[error("cannot scan {path}: {message}")]
    InvalidMailbox { path: PathBuf, message: String },

    #[error("invalid fingerprints file {file}: {message}")]
    InvalidFingerprints { file: String, message: String },

    /// A file refused before it was read: too large, or not a regular file.
    #[error(transparent)]
    File(#[from] redress_core::Error),
}

impl Error {
    /// Whether the user can fix this themselves (a missing or unreadable file, a file that is
    /// not mail, a bad fingerprint file) rather than it being an internal failure. The CLI maps
    /// this to exit code 1 versus 2.
    pub fn is_user_error(&self) -> bool {
        match self {
            Error::Read { .. } | Error::InvalidReply { .. } => true,
            Error::InvalidMailbox { .. } | Error::InvalidFingerprints { .. } => true,
            Error::File(e) => e.is_user_error(),
        }
    }
}
