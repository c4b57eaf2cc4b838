//! The one error type of the use cases: what the libraries report, and what a use case itself
//! refuses ([`Refusal`]). Front ends word what to do next (a flag to pass, a screen to open);
//! the messages here say what is wrong.

use std::path::PathBuf;

use jiff::civil::Date;

/// Everything a use case can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Core(#[from] redress_core::Error),

    #[error(transparent)]
    Mail(#[from] redress_mail::Error),

    #[error(transparent)]
    Store(#[from] redress_store::StoreError),

    #[error(transparent)]
    Pdf(#[from] redress_pdf::Error),

    #[error(transparent)]
    Online(#[from] redress_online::OnlineError),

    /// The request cannot be carried out as asked; the person can fix it.
    #[error(transparent)]
    Refused(#[from] Refusal),
}

/// Requests a use case refuses before it changes anything.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("who is the letter for? choose the person (a profile) or give their identity")]
    NoPerson,

    #[error("to whom? choose at least one vendor, every vendor, a category or a company")]
    NoRecipient,

    #[error("no vendor in category {category:?} (list the categories with `redress vendors categories`)")]
    EmptyCategory { category: String },

    #[error("a reminder needs the request it chases: choose its case, or say when the request was sent")]
    ReminderWithoutRequest,

    #[error("case {case} has not been marked as sent: record when it was sent first")]
    CaseNotSent { case: i64 },

    #[error("{}", files_exist(paths))]
    FilesExist { paths: Vec<PathBuf> },

    #[error(
        "the case is against vendor {vendor:?}, which is not in your registry: import a registry file that has it (`redress vendors import`), then try again"
    )]
    VendorNotInRegistry { vendor: String },

    #[error("choose at least one case")]
    NoCase,

    #[error(
        "no mailbox or e-mail file found in {places} ({skipped} other files skipped): export your mail as .mbox or .eml first"
    )]
    NoMail { places: String, skipped: u64 },

    #[error("the scan needs at least one thread")]
    NoThreads,

    #[error("this person has no e-mail address to check: add one to their profile first")]
    NoEmailToCheck,

    #[error(
        "{file} has no text Redress can read (a PDF or a scan): read it yourself and open a case against the vendor it names"
    )]
    NoText { file: String },

    #[error("no HIBP API key is stored: get one at https://haveibeenpwned.com/API/Key and save it first")]
    NoHibpKey,

    #[error("the system keyring cannot be used ({why}), so the API key cannot be kept there")]
    KeyringUnavailable { why: String },

    #[error("{} needs {what}", .event.code())]
    EventNeeds { event: redress_core::case::EventKind, what: String },

    #[error("profile {id} has no stored mandate")]
    NoMandate { id: i64 },

    #[error(transparent)]
    UnknownCountry(#[from] crate::cases::UnknownCountry),

    /// No grievance can be alleged yet: each case's state says from when one can.
    #[error("{}", nothing_ripe(cases))]
    NothingRipe { cases: Vec<(i64, redress_core::dossier::Ripeness)> },

    /// A date outside the range Redress accepts (`redress_core::date_range`), with the field it
    /// was given in; `reason` is the core's wording, so every front end says it the same way.
    #[error(
        "Redress does not know the mail servers of {domain}: give them (--imap HOST:PORT --smtp HOST:PORT; your provider's help pages name them)"
    )]
    MailServersUnknown { domain: String },

    #[error("{}", oauth_only(provider, app_password_page.as_deref()))]
    OAuthOnly { provider: String, app_password_page: Option<String> },

    #[error("{provider} cannot be used to send letters: {why}")]
    ProviderUnusable { provider: String, why: String },

    #[error(
        "no mailbox is connected for profile {profile}: connect one first (`redress mail connect --profile {profile} --address ADDR`)"
    )]
    NoMailAccount { profile: i64 },

    #[error(
        "the mailbox password is not on this computer (a store restored from elsewhere, or the keyring entry was removed): connect the mailbox again"
    )]
    MailPasswordMissing,

    #[error("no mailbox is connected yet: connect one first (`redress mail connect --profile ID --address ADDR`)")]
    NoMailboxConnected,

    #[error("{folder:?} is not a folder name: give the folder as your mail program shows it (for example \"Vendors\")")]
    BadFolderName { folder: String },

    #[error("{field}: {reason}")]
    DateNotAccepted { field: &'static str, reason: String },
}

/// `date` itself when Redress accepts it, else a refusal naming `field`. Use cases check the
/// dates they are handed before anything is read or written, so an app form and a CLI flag
/// are refused alike.
pub(crate) fn accepted_date(field: &'static str, date: Date) -> Result<Date> {
    redress_core::date_range::check_date(date)
        .map_err(|e| Refusal::DateNotAccepted { field, reason: e.to_string() }.into())
}

fn nothing_ripe(cases: &[(i64, redress_core::dossier::Ripeness)]) -> String {
    use redress_core::dossier::Ripeness;
    let mut out = String::from(
        "nothing can be complained of yet: an authority takes a complaint once the company has had its time to answer and failed",
    );
    for (id, state) in cases {
        out.push_str(&match state {
            Ripeness::From { due, from } => {
                format!("; case {id}: its period runs until {due}, a complaint becomes possible from {from}")
            }
            Ripeness::AnsweredInTime { on } => format!("; case {id}: answered in full in time ({on})"),
            Ripeness::NotSent => format!("; case {id}: not sent yet"),
            Ripeness::Ripe => {
                format!("; case {id}: the answer is marked incomplete: tick what it lacks on its checklist")
            }
        });
    }
    out
}

/// `date` when Redress accepts it ([`accepted_date`]) and it is not after `today`: for the day
/// something happened (a case event, a company's call), which cannot be tomorrow.
pub(crate) fn accepted_past_date(field: &'static str, date: Date, today: Date) -> Result<Date> {
    accepted_date(field, date)?;
    if date > today {
        return Err(Refusal::DateNotAccepted {
            field,
            reason: format!("\"{date}\" is after today ({today}): give the day it happened"),
        }
        .into());
    }
    Ok(date)
}

fn oauth_only(provider: &str, page: Option<&str>) -> String {
    let mut out = format!(
        "{provider} signs in with OAuth2 only (its own sign-in page), which Redress does not do: a password will not work"
    );
    match page {
        Some(page) => out.push_str(&format!(
            "; an app password may work instead: see {page}, then connect with it and the servers given by --imap and --smtp"
        )),
        None => out.push_str("; use another mailbox to send the letters, or save them as .eml files and send them from your mail program"),
    }
    out
}

fn files_exist(paths: &[PathBuf]) -> String {
    let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    match list.as_slice() {
        [one] => format!("{one} already exists"),
        _ => format!("these files already exist: {}", list.join(", ")),
    }
}

impl Error {
    /// Whether the person can fix this (bad input, an unknown id, a full disk) rather than it
    /// being a failure inside Redress. The CLI exits 1 for these and 2 for the others.
    pub fn is_user_error(&self) -> bool {
        match self {
            Error::Core(e) => e.is_user_error(),
            Error::Mail(e) => e.is_user_error(),
            Error::Store(e) => e.is_user_error(),
            Error::Pdf(_) => false,
            // Online failures (a bad key, a rate limit, no network) are the person's to fix or wait out.
            Error::Online(_) | Error::Refused(_) => true,
        }
    }

    /// Whether the disk is full or cannot be written (what was saved before is intact).
    pub fn is_disk_problem(&self) -> bool {
        match self {
            Error::Core(redress_core::Error::Write { source, .. }) => {
                redress_core::error::is_environment_failure(source)
            }
            Error::Store(e) => e.is_disk_problem(),
            _ => false,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
