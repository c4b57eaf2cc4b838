//! The error every command returns: a stable code the UI branches on, and a message for people.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum IpcErrorCode {
    /// The id or file asked for does not exist.
    NotFound,
    /// The user's input (for example an imported file) breaks a rule; the message lists what.
    InvalidInput,
    /// Something inside Redress failed; not the user's doing.
    Internal,
    /// The store must be unlocked first.
    Locked,
    /// The passphrase does not open the store or the backup.
    WrongPassphrase,
    /// No keyring on this system (or it refused): offer a passphrase instead.
    KeyringUnavailable,
    /// A store already exists where one would be created or restored.
    AlreadyExists,
    /// A complaint asked for before any grievance can be alleged; the message says, per case,
    /// from when one can.
    NotRipe,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct IpcError {
    pub code: IpcErrorCode,
    pub message: String,
}

impl From<redress_core::Error> for IpcError {
    fn from(e: redress_core::Error) -> Self {
        use redress_core::Error as E;
        let code = match &e {
            E::UnknownVendor { .. } | E::UnknownAuthority { .. } => IpcErrorCode::NotFound,
            E::Read { source, .. } if source.kind() == std::io::ErrorKind::NotFound => IpcErrorCode::NotFound,
            _ if e.is_user_error() => IpcErrorCode::InvalidInput,
            _ => IpcErrorCode::Internal,
        };
        IpcError { code, message: e.to_string() }
    }
}

impl From<redress_mail::Error> for IpcError {
    fn from(e: redress_mail::Error) -> Self {
        use redress_mail::Error as E;
        // A file read through the core's bounded reader says not-found the core's way.
        let e = match e {
            E::File(inner) => return inner.into(),
            other => other,
        };
        let code = match &e {
            E::Read { source, .. } if source.kind() == std::io::ErrorKind::NotFound => IpcErrorCode::NotFound,
            _ if e.is_user_error() => IpcErrorCode::InvalidInput,
            _ => IpcErrorCode::Internal,
        };
        IpcError { code, message: e.to_string() }
    }
}

impl IpcError {
    pub fn internal(message: impl Into<String>) -> Self {
        IpcError { code: IpcErrorCode::Internal, message: message.into() }
    }

    /// The user's input breaks a rule; the message says which and what to do.
    pub fn invalid(message: impl Into<String>) -> Self {
        IpcError { code: IpcErrorCode::InvalidInput, message: message.into() }
    }
}

impl From<redress_store::StoreError> for IpcError {
    fn from(e: redress_store::StoreError) -> Self {
        use redress_store::StoreError as E;
        let code = match &e {
            E::WrongPassphrase { .. } | E::WrongBackupPassphrase { .. } | E::PassphraseRequired { .. } => {
                IpcErrorCode::WrongPassphrase
            }
            E::KeyringUnavailable { .. } | E::KeyringUnreachable { .. } => IpcErrorCode::KeyringUnavailable,
            E::AlreadyExists { .. } => IpcErrorCode::AlreadyExists,
            E::NotFound { .. } | E::UnknownProfile { .. } | E::UnknownCase { .. } => IpcErrorCode::NotFound,
            _ if e.is_user_error() => IpcErrorCode::InvalidInput,
            _ => IpcErrorCode::Internal,
        };
        IpcError { code, message: e.to_string() }
    }
}

impl IpcError {
    pub fn locked() -> Self {
        IpcError { code: IpcErrorCode::Locked, message: "the store is locked: unlock it first".into() }
    }
}

impl From<redress_usecases::Error> for IpcError {
    fn from(e: redress_usecases::Error) -> Self {
        use redress_usecases::{Error as E, Refusal};
        match e {
            E::Core(e) => e.into(),
            E::Mail(e) => e.into(),
            E::Store(e) => e.into(),
            E::Pdf(e) => IpcError::internal(e.to_string()),
            E::Online(e) => IpcError::invalid(e.to_string()),
            E::Refused(r @ Refusal::KeyringUnavailable { .. }) => {
                IpcError { code: IpcErrorCode::KeyringUnavailable, message: r.to_string() }
            }
            E::Refused(r @ Refusal::NothingRipe { .. }) => {
                IpcError { code: IpcErrorCode::NotRipe, message: r.to_string() }
            }
            E::Refused(r) => IpcError::invalid(r.to_string()),
        }
    }
}
