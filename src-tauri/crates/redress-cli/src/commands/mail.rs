//! `redress mail`: connect a mailbox, send letters through it, show the outbox.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use redress_core::mail_provider::Security;
use redress_core::registry::Registry;
use redress_store::{MailAccount, ServerRecord, SystemKeyring};
use redress_usecases::front_end_clock;
use redress_usecases::mailbox::{self, ConnectRequest, SendOutcome, SendProgress, SendRequest, SendResult};
use serde::Serialize;

use crate::args::{MailAction, MailSecurity};
use crate::error::CliError;
use crate::output::{Table, eprintln, print, print_json};
use crate::unlock::{StoreAccess, ask, read_passphrase_file};

pub fn run(access: &StoreAccess, registry: &Registry, action: MailAction) -> Result<(), CliError> {
    match action {
        MailAction::Connect { profile, address, imap, smtp, login, password_file, security, ca_file, json } => {
            let mut store = access.open()?;
            store.profile(profile)?;
            let security = security.map(|s| match s {
                MailSecurity::Tls => Security::Tls,
                MailSecurity::Starttls => Security::StartTls,
                MailSecurity::Plain => Security::Plain,
            });
            let request = ConnectRequest {
                profile,
                imap: imap.as_deref().map(|s| server("--imap", s, security)).transpose()?,
                smtp: smtp.as_deref().map(|s| server("--smtp", s, security)).transpose()?,
                login,
                password: match password_file {
                    Some(file) => read_passphrase_file(&file)?,
                    None => ask(&format!("Password for {address}: "), "--password-file")?,
                },
                ca_pem: ca_file.as_deref().map(read_ca).transpose()?,
                address,
            };
            let connected = mailbox::connect_mailbox(&mut store, &SystemKeyring, front_end_clock(), &request)?;
            if json {
                return print_json(&connected.account);
            }
            let a = &connected.account;
            let mut out = format!("Connected {} for profile {}", a.address, a.profile_id);
            if let Some(p) = &connected.provider {
                let _ = write!(out, " ({p})");
            }
            let _ = writeln!(out, ": both servers accepted the login.");
            let _ = writeln!(out, "  IMAP  {}", describe(&a.imap));
            let _ = writeln!(out, "  SMTP  {}", describe(&a.smtp));
            let _ = writeln!(
                out,
                "  Sent folder: {}",
                a.sent_folder.as_deref().unwrap_or("none found (no copy of sent letters will be filed)")
            );
            let _ = writeln!(out, "  Password: {}", password_place(a));
            let _ = writeln!(out, "Send a case's letter with: redress mail send CASE_ID");
            print(&out)
        }
        MailAction::Send { cases, pace, from, json } => {
            let mut store = access.open()?;
            let request = SendRequest { cases, from, pace: Duration::from_secs(pace) };
            let cancel = AtomicBool::new(false);
            let mut show = |p: &SendProgress| show_progress(p, json);
            let outcomes = mailbox::send_letters(
                &mut store,
                registry,
                &SystemKeyring,
                front_end_clock(),
                &request,
                &mut show,
                &cancel,
            )?;
            if json {
                print_json(&outcomes.iter().map(OutcomeJson::from).collect::<Vec<_>>())?;
            } else {
                print(&outcome_table(&outcomes))?;
            }
            let not_sent = outcomes
                .iter()
                .filter(|o| matches!(o.result, SendResult::Refused { .. } | SendResult::Waiting { .. }))
                .count();
            if not_sent > 0 {
                return Err(CliError::Usage(format!(
                    "{not_sent} letter(s) were not sent (reasons above); the outbox keeps them: run `redress mail send` with the same cases again once fixed"
                )));
            }
            Ok(())
        }
        MailAction::Status { json } => {
            let store = access.open()?;
            let status = mailbox::mail_status(&store)?;
            if json {
                #[derive(Serialize)]
                struct Status<'a> {
                    accounts: &'a [MailAccount],
                    outbox: &'a [redress_store::OutboxEntry],
                }
                return print_json(&Status { accounts: &status.accounts, outbox: &status.outbox });
            }
            let mut out = String::new();
            if status.accounts.is_empty() {
                out.push_str(
                    "No mailbox is connected. Connect one with: redress mail connect --profile ID --address ADDR\n",
                );
            }
            for a in &status.accounts {
                let _ = writeln!(out, "Profile {}: {}", a.profile_id, a.address);
                let _ = writeln!(
                    out,
                    "  IMAP {}  SMTP {}  password: {}",
                    describe(&a.imap),
                    describe(&a.smtp),
                    password_place(a)
                );
            }
            if !status.outbox.is_empty() {
                let mut table = Table::new(vec!["CASE", "TO", "STATE", "TRIES", "SERVER SAID"]);
                for e in &status.outbox {
                    let said = e.last_error.clone().or(e.accepted.clone()).unwrap_or_default();
                    table.row(vec![
                        e.case_id.to_string(),
                        e.recipient.clone(),
                        format!("{:?}", e.state).to_lowercase(),
                        e.attempts.to_string(),
                        said,
                    ]);
                }
                let _ = write!(out, "\nOutbox:\n{}", table.render());
            }
            print(&out)
        }
    }
}

/// `HOST:PORT`, secured as `--security` says or as the port usually is.
fn server(option: &str, text: &str, security: Option<Security>) -> Result<ServerRecord, CliError> {
    let bad = || CliError::Usage(format!("{option} {text:?}: give HOST:PORT, for example imap.example.org:993"));
    let (host, port) = text.rsplit_once(':').ok_or_else(bad)?;
    let port: u16 = port.parse().map_err(|_| bad())?;
    if host.is_empty() || port == 0 {
        return Err(bad());
    }
    let security = security.unwrap_or(match port {
        143 | 587 | 25 => Security::StartTls,
        _ => Security::Tls,
    });
    Ok(ServerRecord { host: host.trim_start_matches('[').trim_end_matches(']').to_owned(), port, security })
}

fn read_ca(path: &Path) -> Result<Vec<u8>, CliError> {
    Ok(redress_core::limited_read::read_limited(path, 1024 * 1024, "a certificate file")?)
}

fn describe(s: &ServerRecord) -> String {
    format!("{}:{} ({})", s.host, s.port, s.security.code())
}

fn password_place(a: &MailAccount) -> &'static str {
    match a.password_in {
        redress_store::PasswordPlace::Keyring => "in your system keyring",
        redress_store::PasswordPlace::Store => "inside the encrypted store",
    }
}

fn show_progress(p: &SendProgress, json: bool) {
    if json {
        return;
    }
    match p {
        SendProgress::Sending { case, recipient, number, total } => {
            eprintln(format_args!("[{number}/{total}] case {case}: sending to {recipient}…"))
        }
        SendProgress::Retrying { case, says, wait } => {
            eprintln(format_args!("case {case}: {says}; trying again in {} s", wait.as_secs()))
        }
        SendProgress::Done(_) => {}
    }
}

fn result_text(r: &SendResult) -> String {
    match r {
        SendResult::Sent { message_id, .. } => format!("sent ({message_id})"),
        SendResult::FoundInSent { message_id } => format!("sent earlier, found in the Sent folder ({message_id})"),
        SendResult::AlreadySent => "already sent: nothing sent again".into(),
        SendResult::NotByEmail { web_form: Some(url) } => format!("no e-mail address: use the web form {url}"),
        SendResult::NotByEmail { web_form: None } => {
            "no e-mail address: send the letter by post (redress letter … -f pdf)".into()
        }
        SendResult::Refused { says } => format!("NOT SENT: {says}"),
        SendResult::Waiting { says: Some(says) } => format!("still in the outbox: {says}"),
        SendResult::Waiting { says: None } => "still in the outbox (stopped before its turn)".into(),
    }
}

fn outcome_table(outcomes: &[SendOutcome]) -> String {
    let mut table = Table::new(vec!["CASE", "VENDOR", "TO", "RESULT"]);
    for o in outcomes {
        table.row(vec![
            o.case.to_string(),
            o.vendor.clone(),
            o.recipient.clone().unwrap_or_else(|| "-".into()),
            result_text(&o.result),
        ]);
    }
    table.render()
}

#[derive(Serialize)]
struct OutcomeJson<'a> {
    case: i64,
    vendor: &'a str,
    recipient: Option<&'a str>,
    result: &'static str,
    message_id: Option<&'a str>,
    says: Option<&'a str>,
}

impl<'a> From<&'a SendOutcome> for OutcomeJson<'a> {
    fn from(o: &'a SendOutcome) -> Self {
        let (result, message_id, says) = match &o.result {
            SendResult::Sent { message_id, accepted } => ("sent", Some(message_id.as_str()), Some(accepted.as_str())),
            SendResult::FoundInSent { message_id } => ("sent", Some(message_id.as_str()), None),
            SendResult::AlreadySent => ("already-sent", None, None),
            SendResult::NotByEmail { web_form } => ("not-by-email", None, web_form.as_deref()),
            SendResult::Refused { says } => ("refused", None, Some(says.as_str())),
            SendResult::Waiting { says } => ("waiting", None, says.as_deref()),
        };
        OutcomeJson { case: o.case, vendor: &o.vendor, recipient: o.recipient.as_deref(), result, message_id, says }
    }
}
