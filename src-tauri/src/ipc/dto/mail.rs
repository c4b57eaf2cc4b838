//! DTOs of the mailbox commands: the servers proposed for an address, a connected account
//! (never its password), the send list and the outbox. The window's words for a failed
//! connection are here too: they name the server that failed and what to do in the window.

use redress_core::mail_provider::Security;
use redress_online::OnlineError;
use redress_store::{MailAccount, OutboxEntry, OutboxState, PasswordPlace, ServerRecord};
use redress_usecases::mailbox::{SendOutcome, SendProgress, SendResult, ServerProposal};
use redress_usecases::{Error, Refusal};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::ipc::error::{IpcError, IpcErrorCode};

/// How a connection is secured: TLS from the first byte, STARTTLS, or plain text (this
/// computer only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum MailSecurityDto {
    Tls,
    Starttls,
    Plain,
}

impl From<Security> for MailSecurityDto {
    fn from(s: Security) -> Self {
        match s {
            Security::Tls => MailSecurityDto::Tls,
            Security::StartTls => MailSecurityDto::Starttls,
            Security::Plain => MailSecurityDto::Plain,
        }
    }
}

impl From<MailSecurityDto> for Security {
    fn from(s: MailSecurityDto) -> Self {
        match s {
            MailSecurityDto::Tls => Security::Tls,
            MailSecurityDto::Starttls => Security::StartTls,
            MailSecurityDto::Plain => Security::Plain,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MailServerDto {
    pub host: String,
    pub port: u16,
    pub security: MailSecurityDto,
}

impl From<&ServerRecord> for MailServerDto {
    fn from(s: &ServerRecord) -> Self {
        MailServerDto { host: s.host.clone(), port: s.port, security: s.security.into() }
    }
}

impl MailServerDto {
    pub fn to_record(&self) -> ServerRecord {
        ServerRecord { host: self.host.trim().to_owned(), port: self.port, security: self.security.into() }
    }
}

/// What the provider list says about an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "kebab-case")]
pub enum ProposalKind {
    /// A provider whose servers take a password: `imap`, `smtp` and `login` are filled.
    Found,
    /// The list does not know the domain: the person types the servers' names.
    Unknown,
    /// The provider signs in with OAuth2 only: a password will not work.
    OauthOnly,
    /// A known provider none of whose servers will do (POP3 only, no encryption).
    Unusable,
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MailProposalDto {
    pub kind: ProposalKind,
    pub provider: Option<String>,
    pub imap: Option<MailServerDto>,
    pub smtp: Option<MailServerDto>,
    pub login: Option<String>,
    /// OAuth2-only providers that offer app passwords: the page to make one.
    pub app_password_page: Option<String>,
    /// Why a known provider cannot be used, in the list's words.
    pub why: Option<String>,
}

impl MailProposalDto {
    /// The proposal, or the refusal the window shows as advice rather than as a failure.
    pub fn new(proposed: Result<ServerProposal, Error>) -> Result<Self, IpcError> {
        let empty = |kind| MailProposalDto {
            kind,
            provider: None,
            imap: None,
            smtp: None,
            login: None,
            app_password_page: None,
            why: None,
        };
        match proposed {
            Ok(p) => Ok(MailProposalDto {
                kind: if p.imap.is_some() { ProposalKind::Found } else { ProposalKind::Unknown },
                provider: p.provider,
                imap: p.imap.as_ref().map(Into::into),
                smtp: p.smtp.as_ref().map(Into::into),
                login: p.login,
                ..empty(ProposalKind::Unknown)
            }),
            Err(Error::Refused(Refusal::OAuthOnly { provider, app_password_page })) => {
                Ok(MailProposalDto { provider: Some(provider), app_password_page, ..empty(ProposalKind::OauthOnly) })
            }
            Err(Error::Refused(Refusal::ProviderUnusable { provider, why })) => {
                Ok(MailProposalDto { provider: Some(provider), why: Some(why), ..empty(ProposalKind::Unusable) })
            }
            Err(e) => Err(e.into()),
        }
    }
}

/// What the mailbox settings panel sends to connect an account.
#[derive(Debug, Clone, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ConnectInputDto {
    pub profile_id: i64,
    pub address: String,
    pub imap: MailServerDto,
    pub smtp: MailServerDto,
    /// Null: the address.
    pub login: Option<String>,
    /// The certificate of a private certificate authority (PEM), chosen in the file dialog.
    pub ca_file: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "kebab-case")]
pub enum PasswordPlaceDto {
    Keyring,
    Store,
}

/// A connected mailbox, never its password.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MailAccountDto {
    pub profile_id: i64,
    pub address: String,
    pub login: String,
    pub imap: MailServerDto,
    pub smtp: MailServerDto,
    pub has_private_ca: bool,
    /// Where a copy of each sent letter is filed; null: no Sent folder found.
    pub sent_folder: Option<String>,
    pub password_in: PasswordPlaceDto,
    pub updated_at: String,
}

impl From<&MailAccount> for MailAccountDto {
    fn from(a: &MailAccount) -> Self {
        MailAccountDto {
            profile_id: a.profile_id,
            address: a.address.clone(),
            login: a.login.clone(),
            imap: (&a.imap).into(),
            smtp: (&a.smtp).into(),
            has_private_ca: a.has_private_ca,
            sent_folder: a.sent_folder.clone(),
            password_in: match a.password_in {
                PasswordPlace::Keyring => PasswordPlaceDto::Keyring,
                PasswordPlace::Store => PasswordPlaceDto::Store,
            },
            updated_at: a.updated_at.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "kebab-case")]
pub enum OutboxStateDto {
    Queued,
    Sending,
    Sent,
    Failed,
}

/// A letter in the outbox.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct OutboxEntryDto {
    pub id: i64,
    pub case_id: i64,
    pub sender: String,
    pub recipient: String,
    pub subject: String,
    pub message_id: String,
    pub state: OutboxStateDto,
    pub attempts: u32,
    /// The server's words: its refusal, or its acceptance once sent.
    pub server_said: Option<String>,
    pub updated_at: String,
}

impl From<&OutboxEntry> for OutboxEntryDto {
    fn from(e: &OutboxEntry) -> Self {
        let state = match e.state {
            OutboxState::Queued => OutboxStateDto::Queued,
            OutboxState::Sending => OutboxStateDto::Sending,
            OutboxState::Sent => OutboxStateDto::Sent,
            OutboxState::Failed => OutboxStateDto::Failed,
        };
        let said = if state == OutboxStateDto::Sent { &e.accepted } else { &e.last_error };
        OutboxEntryDto {
            id: e.id,
            case_id: e.case_id,
            sender: e.sender.clone(),
            recipient: e.recipient.clone(),
            subject: e.subject.clone(),
            message_id: e.message_id.clone(),
            state,
            attempts: e.attempts,
            server_said: said.clone(),
            updated_at: e.updated_at.clone(),
        }
    }
}

/// The accounts and the outbox.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MailStatusDto {
    pub accounts: Vec<MailAccountDto>,
    pub outbox: Vec<OutboxEntryDto>,
}

/// What became of one case's letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "kebab-case")]
pub enum SendResultCode {
    /// Accepted by the server; the case is marked sent.
    Sent,
    /// Caught mid-send earlier and found in the Sent folder: it went out; marked sent.
    FoundInSent,
    /// Already sent: nothing was sent again.
    AlreadySent,
    /// No e-mail address known: the letter goes by post.
    ByPost,
    /// No e-mail address known: the vendor's web form takes the request.
    WebForm,
    /// Refused by the server (`says`): the person must act.
    Refused,
    /// Still in the outbox (a temporary failure, or the batch was cancelled).
    Waiting,
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SendOutcomeDto {
    pub case_id: i64,
    pub vendor: String,
    pub recipient: Option<String>,
    pub result: SendResultCode,
    pub message_id: Option<String>,
    /// The server's words (its acceptance, refusal or temporary failure).
    pub says: Option<String>,
    pub web_form: Option<String>,
}

impl From<&SendOutcome> for SendOutcomeDto {
    fn from(o: &SendOutcome) -> Self {
        let (result, message_id, says, web_form) = match &o.result {
            SendResult::Sent { message_id, accepted } => {
                (SendResultCode::Sent, Some(message_id.clone()), Some(accepted.clone()), None)
            }
            SendResult::FoundInSent { message_id } => {
                (SendResultCode::FoundInSent, Some(message_id.clone()), None, None)
            }
            SendResult::AlreadySent => (SendResultCode::AlreadySent, None, None, None),
            SendResult::NotByEmail { web_form: Some(url) } => (SendResultCode::WebForm, None, None, Some(url.clone())),
            SendResult::NotByEmail { web_form: None } => (SendResultCode::ByPost, None, None, None),
            SendResult::Refused { says } => (SendResultCode::Refused, None, Some(says.clone()), None),
            SendResult::Waiting { says } => (SendResultCode::Waiting, None, says.clone(), None),
        };
        SendOutcomeDto {
            case_id: o.case,
            vendor: o.vendor.clone(),
            recipient: o.recipient.clone(),
            result,
            message_id,
            says,
            web_form,
        }
    }
}

/// A batch as it goes, sent to the window through a channel.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum SendProgressDto {
    /// Letter `number` of `total` is being handed to the server.
    #[serde(rename_all = "camelCase")]
    Sending { case_id: i64, recipient: String, number: u32, total: u32 },
    /// A temporary failure: the next try comes after `waitSeconds`.
    #[serde(rename_all = "camelCase")]
    Retrying { case_id: i64, says: String, wait_seconds: u32 },
    /// One case is done.
    Done { outcome: SendOutcomeDto },
}

impl From<&SendProgress> for SendProgressDto {
    fn from(p: &SendProgress) -> Self {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        match p {
            SendProgress::Sending { case, recipient, number, total } => SendProgressDto::Sending {
                case_id: *case,
                recipient: recipient.clone(),
                number: count(*number),
                total: count(*total),
            },
            SendProgress::Retrying { case, says, wait } => SendProgressDto::Retrying {
                case_id: *case,
                says: says.clone(),
                wait_seconds: u32::try_from(wait.as_secs()).unwrap_or(u32::MAX),
            },
            SendProgress::Done(outcome) => SendProgressDto::Done { outcome: outcome.into() },
        }
    }
}

/// A failed connection in the window's words: which of the two servers failed, and what to
/// change in the panel. Other failures keep their usual wording.
pub fn connect_failure(e: Error, imap: &ServerRecord, smtp: &ServerRecord) -> IpcError {
    let named = |server: &str| {
        let is = |s: &ServerRecord| format!("{}:{}", s.host, s.port) == server;
        if is(imap) {
            format!("The incoming mail server (IMAP, {server})")
        } else if is(smtp) {
            format!("The outgoing mail server (SMTP, {server})")
        } else {
            format!("The mail server {server}")
        }
    };
    let message = match &e {
        Error::Online(OnlineError::LoginRefused { server, says }) => format!(
            "{} refused the login ({says}). Check the login and the password; many providers (Gmail, Yahoo, iCloud) need an app password made on their website. Nothing was saved.",
            named(server)
        ),
        Error::Online(OnlineError::Connect { server, reason }) => format!(
            "{} could not be reached ({reason}). Check its name and port (your provider's help pages give them) and your connection. Nothing was saved.",
            named(server)
        ),
        Error::Online(OnlineError::Timeout { server, seconds }) => format!(
            "{} did not answer within {seconds} s. Check its name and port, or try again later. Nothing was saved.",
            named(server)
        ),
        Error::Online(OnlineError::NoStartTls { server, reason }) => format!(
            "{} would not switch to an encrypted connection ({reason}). Choose \"TLS\" and the server's TLS port (IMAP 993, SMTP 465). Nothing was saved.",
            named(server)
        ),
        Error::Online(OnlineError::Protocol { server, reason }) => format!(
            "{} answered something unexpected ({reason}). Check that the port is the one for {}. Nothing was saved.",
            named(server),
            if named(server).contains("IMAP") { "IMAP" } else { "sending mail (SMTP)" }
        ),
        Error::Online(OnlineError::Tls { host, reason }) => {
            let which = match (imap.host == *host, smtp.host == *host) {
                (true, false) => format!("the incoming mail server (IMAP, {host})"),
                (false, true) => format!("the outgoing mail server (SMTP, {host})"),
                _ => format!("the mail server {host}"),
            };
            format!(
                "The secure connection to {which} failed ({reason}). If the server uses a private certificate authority (a company's or a local bridge's), choose its certificate file below and connect again. Nothing was saved."
            )
        }
        Error::Online(OnlineError::PlainNotLoopback { host }) => format!(
            "Plain text (no encryption) is allowed only to this computer, not to {host}: choose TLS or STARTTLS. Nothing was saved."
        ),
        Error::Online(OnlineError::BadCaFile(why)) => {
            format!(
                "The certificate file cannot be used ({why}): choose a PEM certificate (.pem or .crt). Nothing was saved."
            )
        }
        Error::Online(OnlineError::BadServer { host, port }) => {
            format!("\"{host}\" port {port} is not a mail server's address: check the name and the port.")
        }
        Error::Refused(Refusal::MailServersUnknown { domain }) => format!(
            "Redress does not know the mail servers of {domain}: type them below (your provider's help pages name them)."
        ),
        _ => return e.into(),
    };
    IpcError { code: IpcErrorCode::InvalidInput, message }
}

/// A failed send in the window's words (a batch stops before anything is sent only for these).
pub fn send_failure(e: Error) -> IpcError {
    let message = match &e {
        Error::Refused(Refusal::NoMailAccount { profile }) => format!(
            "No mailbox is connected for the sender (person {profile}): connect one on the People screen (Mailbox), then press Send again. Nothing was sent."
        ),
        Error::Refused(Refusal::MailPasswordMissing) => "The mailbox password is not on this computer (a restored store, or the keyring entry was removed): connect the mailbox again on the People screen, then press Send again. Nothing was sent.".into(),
        _ => return e.into(),
    };
    IpcError { code: IpcErrorCode::InvalidInput, message }
}

#[cfg(test)]
mod tests {
    use redress_usecases::mailbox::proposed_servers;

    use super::*;

    #[test]
    fn the_provider_list_fills_the_servers_or_says_why_a_password_will_not_do() {
        let orange = MailProposalDto::new(proposed_servers("zoe@orange.fr")).expect("orange");
        assert_eq!(orange.kind, ProposalKind::Found);
        assert_eq!(
            orange.imap,
            Some(MailServerDto { host: "imap.orange.fr".into(), port: 993, security: MailSecurityDto::Tls })
        );
        assert_eq!(orange.smtp.map(|s| (s.host, s.port)), Some(("smtp.orange.fr".into(), 465)));

        let outlook = MailProposalDto::new(proposed_servers("zoe@outlook.com")).expect("outlook");
        assert_eq!(outlook.kind, ProposalKind::OauthOnly);
        assert!(outlook.provider.as_deref().is_some_and(|p| p.contains("Outlook")), "{:?}", outlook.provider);
        assert!(outlook.imap.is_none() && outlook.smtp.is_none(), "no servers proposed for a password");

        let unknown = MailProposalDto::new(proposed_servers("me@redress.test")).expect("unknown domain");
        assert_eq!(unknown.kind, ProposalKind::Unknown);
        assert!(MailProposalDto::new(proposed_servers("not an address")).is_err());
    }

    #[test]
    fn a_failed_connection_names_the_server_that_failed() {
        let imap = ServerRecord { host: "127.0.0.1".into(), port: 10993, security: Security::Tls };
        let smtp = ServerRecord { host: "127.0.0.1".into(), port: 10465, security: Security::Tls };
        let refused = |server: &str| {
            Error::Online(OnlineError::LoginRefused { server: server.into(), says: "AUTHENTICATIONFAILED".into() })
        };
        for (server, expect) in [
            (
                "127.0.0.1:10993",
                "The incoming mail server (IMAP, 127.0.0.1:10993) refused the login (AUTHENTICATIONFAILED)",
            ),
            ("127.0.0.1:10465", "The outgoing mail server (SMTP, 127.0.0.1:10465) refused the login"),
            ("elsewhere:25", "The mail server elsewhere:25 refused the login"),
        ] {
            let e = connect_failure(refused(server), &imap, &smtp);
            assert!(e.message.starts_with(expect), "{}", e.message);
            assert!(e.message.ends_with("Nothing was saved."), "{}", e.message);
        }
        let unreachable =
            Error::Online(OnlineError::Connect { server: "127.0.0.1:10465".into(), reason: "refused".into() });
        assert!(connect_failure(unreachable, &imap, &smtp).message.starts_with("The outgoing mail server (SMTP"));
        let tls = Error::Online(OnlineError::Tls { host: "127.0.0.1".into(), reason: "UnknownIssuer".into() });
        let tls = connect_failure(tls, &imap, &smtp).message;
        assert!(
            tls.contains("the mail server 127.0.0.1 failed (UnknownIssuer)") && tls.contains("certificate file"),
            "{tls}"
        );
        // Not a connection failure: the usual wording.
        let other = connect_failure(Error::Refused(Refusal::NoCase), &imap, &smtp);
        assert_eq!(other.message, Refusal::NoCase.to_string());
    }
}
