//! The CLI's one error type and its exit codes.

use std::borrow::Cow;

use redress_core::case::{AnswerKind, Channel, EventKind};
use redress_core::spelling::Spelled;

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
    pub fn hint(&self) -> Option<Cow<'static, str>> {
        const DISK: &str = "the disk is full or cannot be written: free some space or choose another folder, then run the command again; what was already saved is intact";
        use redress_usecases::{Error as UseCase, Refusal};
        let fixed = match self {
            CliError::UseCase(e) if e.is_disk_problem() => DISK,
            CliError::UseCase(UseCase::Refused(r)) => match r {
                Refusal::FilesExist { .. } => "use --force to replace it",
                Refusal::CaseNotSent { .. } => "record it with `redress case sent ID`, or give --sent-on",
                Refusal::NoHibpKey => "run `redress hibp set-key` (or pass --key-file FILE)",
                Refusal::KeyringUnavailable { .. } => "pass the key with --key-file FILE",
                // The valid values come from the enums, so the hint cannot fall behind them.
                Refusal::EventNeeds { event: EventKind::Answered, .. } => {
                    return Some(format!("add --answer {}", AnswerKind::listed()).into());
                }
                Refusal::EventNeeds { event: EventKind::Sent, .. } => {
                    let channels = Channel::codes().join("|");
                    return Some(format!("record a sending with `redress case sent ID --channel {channels}`").into());
                }
                _ => return None,
            },
            CliError::UseCase(UseCase::Core(redress_core::Error::InvalidRegistry(_))) => {
                "nothing was changed; fix the listed fields (format: docs/registry-format.md) and import again"
            }
            CliError::UseCase(e) if !e.is_user_error() => {
                "this looks like a bug in Redress; please report it with the message above"
            }
            CliError::NoDataDir => "pass --data-dir DIR or set REDRESS_DATA_DIR",
            _ => return None,
        };
        Some(Cow::Borrowed(fixed))
    }
}
