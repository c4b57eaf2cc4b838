//! The CLI's one error type and its exit codes.

/// What a library reports reaches the CLI as the use cases' error, so one place words it: the
/// `From` impls below route the few direct library calls (opening the store, reading the
/// registry) there too.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    UseCase(#[from] redress_usecases::Error),

    /// Bad input the CLI itself checks (options, files it reads).
    #[error("{0}")]
    Usage(String),

    #[error("cannot tell where Redress keeps its files on this system (no home folder found)")]
    NoDataDir,

    #[error("failed to write the output: {0}")]
    Output(std::io::Error),

    /// The reader of our output went away (`redress vendors | head`): not an error.
    #[error("output closed")]
    BrokenPipe,
}

macro_rules! through_use_cases {
    ($($e:ty),+) => {$(
        impl From<$e> for CliError {
            fn from(e: $e) -> Self {
                CliError::UseCase(e.into())
            }
        }
    )+};
}

through_use_cases!(redress_core::Error, redress_store::StoreError, redress_pdf::Error, redress_online::OnlineError);

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::UseCase(e) if e.is_user_error() => 1,
            CliError::NoDataDir | CliError::Usage(_) => 1,
            _ => 2,
        }
    }

    /// What the user can do about it, when there is something.
    pub fn hint(&self) -> Option<&'static str> {
        const DISK: &str = "the disk is full or cannot be written: free some space or choose another folder, then run the command again; what was already saved is intact";
        use redress_usecases::{Error as UseCase, Refusal};
        match self {
            CliError::UseCase(e) if e.is_disk_problem() => Some(DISK),
            CliError::UseCase(UseCase::Refused(r)) => match r {
                Refusal::FilesExist { .. } => Some("use --force to replace it"),
                Refusal::CaseNotSent { .. } => Some("record it with `redress case sent ID`, or give --sent-on"),
                Refusal::NoHibpKey => Some("run `redress hibp set-key` (or pass --key-file FILE)"),
                Refusal::KeyringUnavailable { .. } => Some("pass the key with --key-file FILE"),
                Refusal::EventNeeds { event: "answered", .. } => {
                    Some("add --answer complete, incomplete, no-data-held or refused")
                }
                Refusal::EventNeeds { event: "sent", .. } => {
                    Some("record a sending with `redress case sent ID --channel email|registered-post|web-form`")
                }
                _ => None,
            },
            CliError::UseCase(UseCase::Core(redress_core::Error::InvalidRegistry(_))) => {
                Some("nothing was changed; fix the listed fields (format: docs/registry-format.md) and import again")
            }
            CliError::UseCase(e) if !e.is_user_error() => {
                Some("this looks like a bug in Redress; please report it with the message above")
            }
            CliError::NoDataDir => Some("pass --data-dir DIR or set REDRESS_DATA_DIR"),
            _ => None,
        }
    }
}
