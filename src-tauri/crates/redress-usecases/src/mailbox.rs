//! The person's own mailbox: connect it (both servers checked before anything is saved), send
//! letters through it with an outbox kept in the store, and see where the outbox stands.
//!
//! Sending is the one flow here that talks to the network, and only when the person asks. Each
//! letter is built once, queued with its Message-ID and exact bytes, then handed to the SMTP
//! server; the server's acceptance marks the case sent (channel e-mail, that Message-ID, today)
//! and keeps the bytes as the proof of sending, in one transaction. A letter found "sending"
//! after a crash is looked up in the Sent folder by its Message-ID before it is sent again.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use redress_core::case::{CaseEvent, CaseStatus, Channel};
use redress_core::letter::LetterKind;
use redress_core::letter::email::{EmailMeta, eml};
use redress_core::mail_provider::{Lookup, for_address};
use redress_core::registry::Registry;
use redress_online::{Login, MailServer, OnlineError, Trust};
use redress_store::{
    CaseId, FolderPurpose, MailAccount, MailFolder, NewMailAccount, NewOutboxEntry, OutboxEntry, OutboxState,
    Passphrase, PasswordPlace, ProfileId, ServerRecord, Store, TextVault, UnlockMode, VaultError, keyring_account,
};
use zeroize::Zeroizing;

use crate::clock::Clock;
use crate::error::{Refusal, Result};
use crate::letters::{LetterRequest, PersonRef, compose_letters};

/// The servers Redress proposes for an address, from the provider list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerProposal {
    pub provider: Option<String>,
    pub imap: Option<ServerRecord>,
    pub smtp: Option<ServerRecord>,
    /// The login the provider expects (the full address or its local part).
    pub login: Option<String>,
}

/// What the provider list says about `address`: its servers, or why a password will not do.
pub fn proposed_servers(address: &str) -> Result<ServerProposal> {
    match for_address(address)? {
        Lookup::Found(found) => {
            if let Some(oauth) = &found.needs_oauth2 {
                return Err(Refusal::OAuthOnly {
                    provider: oauth.provider.clone(),
                    app_password_page: oauth.app_password_page.map(str::to_owned),
                }
                .into());
            }
            let record = |e: &redress_core::mail_provider::Endpoint<'_>| ServerRecord {
                host: e.host.clone(),
                port: e.port,
                security: e.security,
            };
            Ok(ServerProposal {
                provider: Some(found.name.clone()),
                imap: Some(record(&found.imap)),
                smtp: Some(record(&found.smtp)),
                login: Some(found.imap.login.clone()),
            })
        }
        Lookup::Unusable(u) => {
            Err(Refusal::ProviderUnusable { provider: u.name.clone(), why: u.shortfall.to_string() }.into())
        }
        Lookup::NotFound { .. } => Ok(ServerProposal { provider: None, imap: None, smtp: None, login: None }),
    }
}

/// A mailbox to connect for a sender profile.
#[derive(Debug, Clone)]
pub struct ConnectRequest {
    pub profile: ProfileId,
    pub address: String,
    /// `None`: from the provider list.
    pub imap: Option<ServerRecord>,
    pub smtp: Option<ServerRecord>,
    /// `None`: what the provider expects, else the address.
    pub login: Option<String>,
    pub password: Passphrase,
    /// A private certificate authority (PEM) trusted besides the system's roots.
    pub ca_pem: Option<Vec<u8>>,
}

/// A connected account and what the check found.
#[derive(Debug, Clone)]
pub struct Connected {
    pub account: MailAccount,
    pub provider: Option<String>,
    pub imap_capabilities: Vec<String>,
}

/// Checks both servers with the login (IMAP: login, capabilities, the Sent folder; SMTP: login)
/// and only then saves the account: a wrong password or an unreachable server saves nothing.
/// The password goes to the OS keyring when the store is in keyring mode, into the encrypted
/// store otherwise; never to a file or a log.
pub fn connect_mailbox(
    store: &mut Store,
    vault: &dyn TextVault,
    clock: &dyn Clock,
    request: &ConnectRequest,
) -> Result<Connected> {
    store.profile(request.profile)?;
    let address = request.address.trim().to_owned();
    let proposal = match (&request.imap, &request.smtp) {
        (Some(_), Some(_)) => {
            // The address must still be one: the provider list checks its form.
            for_address(&address)?;
            ServerProposal { provider: None, imap: None, smtp: None, login: None }
        }
        _ => proposed_servers(&address)?,
    };
    let domain = address.rsplit_once('@').map(|(_, d)| d.to_owned()).unwrap_or_default();
    let imap =
        request.imap.clone().or(proposal.imap).ok_or_else(|| Refusal::MailServersUnknown { domain: domain.clone() })?;
    let smtp = request.smtp.clone().or(proposal.smtp).ok_or(Refusal::MailServersUnknown { domain })?;
    let login_name = request.login.clone().or(proposal.login).unwrap_or_else(|| address.clone());
    let login = Login::new(login_name.clone(), Zeroizing::new(request.password.expose().to_owned()));
    let trust = Trust { extra_ca_pem: request.ca_pem.clone() };
    let imap_check = redress_online::check_imap(&server(&imap), &login, &trust)?;
    redress_online::check_smtp(&server(&smtp), &login, &trust)?;
    let password = match store.mode() {
        UnlockMode::Keyring => {
            vault.set_text(&keyring_account(request.profile), &request.password).map_err(keyring_refusal)?;
            None
        }
        UnlockMode::Passphrase => Some(request.password.clone()),
    };
    let account = store.save_mail_account(
        &NewMailAccount {
            profile_id: request.profile,
            address,
            login: login_name,
            imap,
            smtp,
            ca_pem: request.ca_pem.clone(),
            sent_folder: imap_check.sent_folder,
            password,
        },
        clock.timestamp(),
    )?;
    Ok(Connected { account, provider: proposal.provider, imap_capabilities: imap_check.capabilities })
}

pub(crate) fn server(record: &ServerRecord) -> MailServer {
    MailServer { host: record.host.clone(), port: record.port, security: record.security }
}

fn keyring_refusal(e: VaultError) -> Refusal {
    match e {
        VaultError::Missing => Refusal::MailPasswordMissing,
        VaultError::Unavailable(why) => Refusal::KeyringUnavailable { why },
    }
}

/// The certificates an account's servers are checked against: the system's, and its private CA.
pub(crate) fn account_trust(account: &MailAccount) -> Trust {
    Trust { extra_ca_pem: account.ca_pem.clone() }
}

/// The account's login, with its password from the keyring or the store.
pub(crate) fn account_login(store: &Store, vault: &dyn TextVault, account: &MailAccount) -> Result<Login> {
    let password = match account.password_in {
        PasswordPlace::Store => store.mail_password(account)?.ok_or(Refusal::MailPasswordMissing)?,
        PasswordPlace::Keyring => vault.get_text(&account.keyring_account()).map_err(keyring_refusal)?,
    };
    Ok(Login::new(account.login.clone(), Zeroizing::new(password.expose().to_owned())))
}

/// What the person asks to send.
#[derive(Debug, Clone)]
pub struct SendRequest {
    pub cases: Vec<CaseId>,
    /// The sender profile whose account sends (an advocate's); `None`: each case's person.
    pub from: Option<ProfileId>,
    /// The wait between two letters (servers treat a burst as spam).
    pub pace: Duration,
}

/// The default wait between two letters of a batch.
pub const DEFAULT_PACE: Duration = Duration::from_secs(10);

/// How long a temporary refusal (4xx, no connection) waits before the next try, per try.
const RETRY_WAITS: [Duration; 2] = [Duration::from_secs(2), Duration::from_secs(8)];

/// What became of one case's letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendResult {
    /// The server accepted it; the case is marked sent.
    Sent { message_id: String, accepted: String },
    /// Interrupted mid-send earlier, then found in the Sent folder: it went out; marked sent.
    FoundInSent { message_id: String },
    /// The case was already sent (or its letter is already in the outbox): nothing was sent.
    AlreadySent,
    /// The vendor takes requests by post or on its web form only: not in the e-mail batch.
    NotByEmail { web_form: Option<String> },
    /// The server refused it; the person must act (the server's words).
    Refused { says: String },
    /// Still queued (a temporary failure that outlasted the retries, or the batch was
    /// cancelled); the next send or sync tries again.
    Waiting { says: Option<String> },
}

/// One case's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendOutcome {
    pub case: CaseId,
    pub vendor: String,
    pub recipient: Option<String>,
    pub result: SendResult,
}

/// Progress of a batch, as it happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendProgress {
    /// The letter `number` of `total` is being handed to the server.
    Sending {
        case: CaseId,
        recipient: String,
        number: usize,
        total: usize,
    },
    /// A temporary failure: the next try comes after `wait`.
    Retrying {
        case: CaseId,
        says: String,
        wait: Duration,
    },
    Done(SendOutcome),
}

/// Builds the letter of each case, queues it and sends the outbox, paced, until everything
/// is sent, refused, or `cancel` is set. Cases not sent by e-mail are reported, not queued.
pub fn send_letters(
    store: &mut Store,
    registry: &Registry,
    vault: &dyn TextVault,
    clock: &dyn Clock,
    request: &SendRequest,
    progress: &mut dyn FnMut(&SendProgress),
    cancel: &AtomicBool,
) -> Result<Vec<SendOutcome>> {
    if request.cases.is_empty() {
        return Err(Refusal::NoCase.into());
    }
    let mut outcomes = Vec::new();
    let mut queued = Vec::new();
    for &id in &request.cases {
        match queue_case(store, registry, clock, id, request.from)? {
            Queued::Entry(entry) => queued.push(entry.id),
            Queued::Not(outcome) => {
                progress(&SendProgress::Done(outcome.clone()));
                outcomes.push(outcome);
            }
        }
    }
    outcomes.extend(run_outbox(store, registry, vault, clock, Some(&queued), request.pace, progress, cancel)?);
    Ok(outcomes)
}

enum Queued {
    Entry(OutboxEntry),
    Not(SendOutcome),
}

fn queue_case(
    store: &mut Store,
    registry: &Registry,
    clock: &dyn Clock,
    id: CaseId,
    from: Option<ProfileId>,
) -> Result<Queued> {
    let case = store.case(id)?;
    let vendor = registry.require_vendor(&case.vendor_id)?;
    let outcome =
        |result, recipient| Queued::Not(SendOutcome { case: id, vendor: vendor.name.clone(), recipient, result });
    // A letter already queued or caught mid-send is the outbox's to finish, not a new one.
    if let Some(pending) =
        store.outbox_for_case(id)?.into_iter().find(|e| matches!(e.state, OutboxState::Queued | OutboxState::Sending))
    {
        return Ok(Queued::Entry(pending));
    }
    if case.status != CaseStatus::Draft {
        return Ok(outcome(SendResult::AlreadySent, None));
    }
    let sender = from.unwrap_or(case.profile_id);
    let account = store.mail_account(sender)?.ok_or(Refusal::NoMailAccount { profile: sender })?;
    let mut letter_request = LetterRequest::new(LetterKind::from(case.kind));
    letter_request.case_id = Some(id);
    if sender != case.profile_id {
        letter_request.agent = Some(PersonRef::Profile(sender));
    }
    let batch = compose_letters(Some(store), registry, clock, &letter_request)?;
    let Some(composed) = batch.letters.first() else { return Err(Refusal::NoRecipient.into()) };
    let mut letter = composed.letter.clone();
    let Some(recipient) = letter.to_email.clone() else {
        return Ok(outcome(SendResult::NotByEmail { web_form: vendor.contacts.request_form_url.clone() }, None));
    };
    // The letter goes from the account that sends it: servers refuse another From.
    letter.from_email = Some(account.address.clone());
    let message_id = new_message_id(&account.address)?;
    let meta = EmailMeta {
        date: clock.now(),
        attachments: batch.attachment.into_iter().collect(),
        sending: Some(message_id.clone()),
    };
    let bytes = eml(&letter, &meta).into_bytes();
    let entry = store.queue_letter(
        &NewOutboxEntry {
            case_id: id,
            account_id: account.id,
            message_id: &message_id,
            sender: &account.address,
            recipient: &recipient,
            subject: &letter.subject,
            message: &bytes,
        },
        clock.timestamp(),
    )?;
    Ok(Queued::Entry(entry))
}

/// `<32 random hex digits@the sender's domain>`: unique, and says nothing about the person.
fn new_message_id(sender: &str) -> Result<String> {
    let mut random = [0u8; 16];
    getrandom::fill(&mut random).map_err(|e| OnlineError::Network(format!("no randomness for a Message-ID: {e}")))?;
    let domain = sender.rsplit_once('@').map_or("localhost", |(_, d)| d);
    let hex: String = random.iter().map(|b| format!("{b:02x}")).collect();
    Ok(format!("<{hex}@{domain}>"))
}

/// Sends what the outbox holds (the entries `only`, or every queued and interrupted one),
/// paced, with retries for temporary failures.
#[allow(clippy::too_many_arguments)]
pub fn run_outbox(
    store: &mut Store,
    registry: &Registry,
    vault: &dyn TextVault,
    clock: &dyn Clock,
    only: Option<&[i64]>,
    pace: Duration,
    progress: &mut dyn FnMut(&SendProgress),
    cancel: &AtomicBool,
) -> Result<Vec<SendOutcome>> {
    let pending: Vec<OutboxEntry> = store
        .outbox()?
        .into_iter()
        .filter(|e| matches!(e.state, OutboxState::Queued | OutboxState::Sending))
        .filter(|e| only.is_none_or(|ids| ids.contains(&e.id)))
        .collect();
    let total = pending.len();
    let mut outcomes = Vec::with_capacity(total);
    let mut login_refused: Option<String> = None;
    for (i, entry) in pending.into_iter().enumerate() {
        let vendor = store
            .case(entry.case_id)
            .ok()
            .and_then(|c| registry.vendor(&c.vendor_id).map(|v| v.name.clone()))
            .unwrap_or_default();
        let done = |result| SendOutcome {
            case: entry.case_id,
            vendor: vendor.clone(),
            recipient: Some(entry.recipient.clone()),
            result,
        };
        if cancel.load(Ordering::Relaxed) || login_refused.is_some() {
            let outcome = done(SendResult::Waiting { says: login_refused.clone() });
            progress(&SendProgress::Done(outcome.clone()));
            outcomes.push(outcome);
            continue;
        }
        if i > 0 && !pause(pace, cancel) {
            let outcome = done(SendResult::Waiting { says: None });
            progress(&SendProgress::Done(outcome.clone()));
            outcomes.push(outcome);
            continue;
        }
        progress(&SendProgress::Sending {
            case: entry.case_id,
            recipient: entry.recipient.clone(),
            number: i + 1,
            total,
        });
        let result = send_entry(store, vault, clock, &entry, progress, cancel)?;
        match &result {
            // A refused login refuses every letter: the rest waits for the person.
            SendResult::Refused { says } if says.starts_with(LOGIN_REFUSED) => login_refused = Some(says.clone()),
            // The server could not be reached even after the retries: the rest stays queued
            // rather than each letter waiting out its own retries.
            SendResult::Waiting { says: Some(says) } if says.starts_with(UNREACHABLE) => {
                login_refused = Some(says.clone())
            }
            _ => {}
        }
        let outcome = done(result);
        progress(&SendProgress::Done(outcome.clone()));
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

const LOGIN_REFUSED: &str = "login refused: ";
const UNREACHABLE: &str = "the mail server cannot be reached: ";

/// Waits `pace`, a tenth of a second at a time; `false` when cancelled meanwhile.
fn pause(pace: Duration, cancel: &AtomicBool) -> bool {
    let step = Duration::from_millis(100);
    let mut waited = Duration::ZERO;
    while waited < pace {
        if cancel.load(Ordering::Relaxed) {
            return false;
        }
        std::thread::sleep(step.min(pace - waited));
        waited += step;
    }
    !cancel.load(Ordering::Relaxed)
}

fn send_entry(
    store: &mut Store,
    vault: &dyn TextVault,
    clock: &dyn Clock,
    entry: &OutboxEntry,
    progress: &mut dyn FnMut(&SendProgress),
    cancel: &AtomicBool,
) -> Result<SendResult> {
    let case = store.case(entry.case_id)?;
    let account = store
        .mail_accounts()?
        .into_iter()
        .find(|a| a.id == entry.account_id)
        .ok_or(Refusal::NoMailAccount { profile: case.profile_id })?;
    let login = account_login(store, vault, &account)?;
    let trust = account_trust(&account);
    let message = store.outbox_message(entry.id)?;
    // Caught mid-send last time, or a try that failed after the server may have taken it (the
    // connection dropped before its answer): if the Sent folder has it, it went out.
    if (entry.state == OutboxState::Sending || entry.attempts > 0)
        && let Some(folder) = &account.sent_folder
        && redress_online::has_message_id(&server(&account.imap), &login, &trust, folder, &entry.message_id)?
    {
        mark_sent(store, clock, entry, "found in the Sent folder after an interruption", &message)?;
        return Ok(SendResult::FoundInSent { message_id: entry.message_id.clone() });
    }
    if case.status != CaseStatus::Draft {
        store.outbox_failed(entry.id, "the case was marked sent meanwhile", false, clock.timestamp())?;
        return Ok(SendResult::AlreadySent);
    }
    let mut tries = 0;
    loop {
        store.outbox_sending(entry.id, clock.timestamp())?;
        let submitted = redress_online::submit(
            &server(&account.smtp),
            &login,
            &trust,
            &entry.sender,
            std::slice::from_ref(&entry.recipient),
            &message,
        );
        match submitted {
            Ok(accepted) => {
                mark_sent(store, clock, entry, &accepted.reply, &message)?;
                if let Some(folder) = &account.sent_folder {
                    // The letter is sent either way; a copy that cannot be filed is not a failure
                    // of the sending (the proof is in the case).
                    let _ = redress_online::append(&server(&account.imap), &login, &trust, folder, &message);
                }
                return Ok(SendResult::Sent { message_id: entry.message_id.clone(), accepted: accepted.reply });
            }
            Err(e) => {
                let temporary = is_temporary(&e);
                let says = match &e {
                    OnlineError::LoginRefused { .. } => format!("{LOGIN_REFUSED}{e}"),
                    OnlineError::Connect { .. } | OnlineError::Timeout { .. } => format!("{UNREACHABLE}{e}"),
                    _ => e.to_string(),
                };
                if temporary && tries < RETRY_WAITS.len() && !cancel.load(Ordering::Relaxed) {
                    let wait = RETRY_WAITS[tries];
                    tries += 1;
                    store.outbox_failed(entry.id, &says, true, clock.timestamp())?;
                    progress(&SendProgress::Retrying { case: entry.case_id, says: says.clone(), wait });
                    pause(wait, cancel);
                    continue;
                }
                // A temporary failure stays queued for the next run; a refusal is the person's.
                store.outbox_failed(entry.id, &says, temporary, clock.timestamp())?;
                return Ok(if temporary {
                    SendResult::Waiting { says: Some(says) }
                } else {
                    SendResult::Refused { says }
                });
            }
        }
    }
}

/// Worth another try later: the server said 4xx, or could not be reached in time.
fn is_temporary(e: &OnlineError) -> bool {
    match e {
        OnlineError::SmtpRefused { temporary, .. } => *temporary,
        OnlineError::Connect { .. } | OnlineError::Timeout { .. } | OnlineError::Network(_) => true,
        _ => false,
    }
}

fn mark_sent(store: &mut Store, clock: &dyn Clock, entry: &OutboxEntry, accepted: &str, message: &[u8]) -> Result<()> {
    let event = CaseEvent::Sent {
        channel: Channel::Email,
        on: clock.today(),
        received_on: None,
        reference: Some(entry.message_id.clone()),
    };
    let file_name = format!("sent-case-{}.eml", entry.case_id);
    let proof = redress_mail::read_reply(&file_name, message)?;
    store.outbox_sent(entry.id, accepted, event, &proof, clock.timestamp())?;
    Ok(())
}

/// Where the mail side stands: the accounts (never their passwords), the outbox, and where
/// the last sync stopped in each folder it follows.
#[derive(Debug, Clone)]
pub struct MailStatus {
    pub accounts: Vec<MailAccount>,
    pub outbox: Vec<OutboxEntry>,
    pub folders: Vec<MailFolder>,
}

pub fn mail_status(store: &Store) -> Result<MailStatus> {
    let accounts = store.mail_accounts()?;
    let mut folders = Vec::new();
    for account in &accounts {
        folders.extend(store.mail_folders(account.id, FolderPurpose::Sync)?);
        folders.extend(store.mail_folders(account.id, FolderPurpose::Scan)?);
    }
    Ok(MailStatus { accounts, outbox: store.outbox()?, folders })
}
