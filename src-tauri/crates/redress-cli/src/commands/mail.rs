//! `redress mail`: connect a mailbox, send letters through it, bring the answers back (sync),
//! show the outbox and where sync stands.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use redress_core::mail_provider::Security;
use redress_core::registry::Registry;
use redress_store::{MailAccount, ServerRecord, SystemKeyring};
use redress_usecases::front_end_clock;
use redress_usecases::mail_sync::{self, Arrival, MailboxSync, MatchedBy, SyncProgress, SyncRequest};
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
            let request = SendRequest { cases, from, pace: Duration::from_secs_f64(pace) };
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
        MailAction::Sync { profile, folders, json } => {
            let mut store = access.open()?;
            let request = SyncRequest { profile, add_folders: folders };
            let cancel = AtomicBool::new(false);
            let mut show = |p: &SyncProgress| show_sync_progress(p, json);
            let synced = mail_sync::sync_mail(
                &mut store,
                registry,
                &SystemKeyring,
                front_end_clock(),
                &request,
                &mut show,
                &cancel,
            )?;
            if json {
                return print_json(&synced);
            }
            print(&sync_text(&synced))
        }
        MailAction::Status { json } => {
            let store = access.open()?;
            let status = mailbox::mail_status(&store)?;
            if json {
                #[derive(Serialize)]
                struct Status<'a> {
                    accounts: &'a [MailAccount],
                    outbox: &'a [redress_store::OutboxEntry],
                    folders: &'a [redress_store::MailFolder],
                }
                return print_json(&Status {
                    accounts: &status.accounts,
                    outbox: &status.outbox,
                    folders: &status.folders,
                });
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
            if !status.folders.is_empty() {
                let mut table = Table::new(vec!["PROFILE", "FOLDER", "LAST UID", "LAST SYNC"]);
                for f in &status.folders {
                    let profile = status.accounts.iter().find(|a| a.id == f.account_id).map_or(0, |a| a.profile_id);
                    table.row(vec![
                        profile.to_string(),
                        f.folder.clone(),
                        f.last_uid.map_or("-".into(), |u| u.to_string()),
                        f.synced_at.clone().unwrap_or_else(|| "never".into()),
                    ]);
                }
                let _ = write!(out, "\nMail sync:\n{}", table.render());
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

fn show_sync_progress(p: &SyncProgress, json: bool) {
    if json {
        return;
    }
    match p {
        SyncProgress::Folder { address, folder } => eprintln(format_args!("{address}: reading {folder}…")),
        SyncProgress::Read { count, bytes } if count % 500 == 0 => {
            eprintln(format_args!("  {count} messages read ({:.1} MB)", *bytes as f64 / 1e6))
        }
        SyncProgress::Read { .. } | SyncProgress::Matched(_) => {}
    }
}

fn sync_text(synced: &[MailboxSync]) -> String {
    let mut out = String::new();
    for s in synced {
        let read: usize = s.folders.iter().map(|f| f.read).sum();
        let _ = writeln!(out, "{} (profile {}): {read} new message(s) read", s.address, s.profile);
        for f in &s.folders {
            if f.missing {
                let _ = writeln!(out, "  folder {:?} does not exist on the server (any more)", f.folder);
            }
            if f.renumbered {
                let _ =
                    writeln!(out, "  folder {:?} was renumbered by the server: read again from the start", f.folder);
            }
            for size in &f.too_large {
                let _ = writeln!(
                    out,
                    "  a message of {:.1} MB in {:?} is too large to import: open it in your mail program",
                    *size as f64 / 1e6,
                    f.folder
                );
            }
        }
        if s.matched.is_empty() {
            let _ = writeln!(out, "  nothing for your cases");
        } else {
            let mut table = Table::new(vec!["CASE", "VENDOR", "WHAT", "FROM", "MATCHED BY"]);
            for m in &s.matched {
                let what = match &m.arrival {
                    Arrival::Reply => "reply received: check it, then record the answer".to_owned(),
                    Arrival::AutoReply { acknowledged: true } => "automatic reply: recorded as acknowledged".into(),
                    Arrival::AutoReply { acknowledged: false } => "automatic reply: filed".into(),
                    Arrival::NotDelivered { reason, marked: true } => {
                        format!("NOT DELIVERED: {reason}; send it by post or on the web form")
                    }
                    Arrival::NotDelivered { reason, marked: false } => format!("failure report filed: {reason}"),
                    Arrival::Delayed => "delivery delayed: the server keeps trying".into(),
                };
                let what = if m.already_filed { format!("{what} (already filed)") } else { what };
                table.row(vec![
                    m.case.to_string(),
                    m.vendor.clone(),
                    what,
                    m.from.clone().unwrap_or_default(),
                    match m.by {
                        MatchedBy::MessageId => "answers our letter".into(),
                        MatchedBy::Sender => "the vendor's domain".into(),
                    },
                ]);
            }
            out.push_str(&table.render());
        }
        let unmatched: usize = s.folders.iter().map(|f| f.unmatched).sum();
        if unmatched > 0 {
            let _ = writeln!(out, "  {unmatched} other message(s) left alone (not about your cases)");
        }
        if s.cancelled {
            let _ = writeln!(out, "  stopped before the end: the next sync goes on from there");
        }
    }
    out
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
