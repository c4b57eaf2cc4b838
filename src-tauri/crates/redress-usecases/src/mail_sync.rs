//! Mail sync: the answers to the letters come back by themselves. Each followed folder of the
//! person's mailbox (INBOX, and those the person adds) is read from where the last sync
//! stopped, read-only, and every message is sorted:
//!
//! - a delivery failure report (RFC 3464) about one of our letters marks its case "not
//!   delivered" with the server's reason: the vendor never got it, so no deadline runs;
//! - an automatic reply (RFC 3834) is filed with the case and recorded as an
//!   acknowledgement, never as an answer;
//! - a written message is filed with the case as "reply received — check it"; what kind of
//!   answer it is stays the person's call.
//!
//! A message is matched to its case by the Message-IDs it answers (`In-Reply-To`,
//! `References`, or the returned message of a failure report) first, then by the vendor's
//! domains and the subject, as a reply imported by hand is. Mail that matches no case, mail
//! older than the case's letter and the person's own messages are never imported.

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, Ordering};

use jiff::civil::Date;
use redress_core::case::{CaseEvent, CaseStatus};
use redress_core::registry::Registry;
use redress_mail::{CaseCandidate, Incoming, Reply, bare_id, classify, link_reply, read_reply};
use redress_online::{FolderRead, FolderStart, read_new};
use redress_store::{CaseId, FileRole, FolderPurpose, MailAccount, ProfileId, Store, TextVault};
use serde::Serialize;

use crate::clock::Clock;
use crate::error::{Error, Refusal, Result};
use crate::mailbox::{account_login, account_trust, server};

/// The folder every account follows.
pub const INBOX: &str = "INBOX";

/// Messages larger than this are not fetched: a vendor's answer with an export attached is far
/// below it, and a reply is stored whole ([`redress_mail::MAX_REPLY_BYTES`]).
const MAX_SYNC_MESSAGE: u32 = redress_mail::MAX_REPLY_BYTES as u32;

/// What to sync.
#[derive(Debug, Clone, Default)]
pub struct SyncRequest {
    /// The sender profile whose mailbox to read; `None`: every connected mailbox.
    pub profile: Option<ProfileId>,
    /// Folders to follow from now on, besides INBOX (a vendor's answer filed by a rule).
    pub add_folders: Vec<String>,
}

/// How a message was matched to its case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchedBy {
    /// It answers (or returns) the letter Redress sent, by its Message-ID.
    MessageId,
    /// It comes from the vendor's domain (and, where it says so, names it in the subject).
    Sender,
}

/// What a message was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Arrival {
    /// A written reply, filed with the case: the person reads it and records the answer.
    Reply,
    /// An automatic reply: filed, and recorded as an acknowledgement when the case was
    /// waiting for one.
    AutoReply { acknowledged: bool },
    /// The letter came back: the case is marked not delivered (when it was still "sent").
    NotDelivered { reason: String, marked: bool },
    /// A report that delivery is delayed: the server keeps trying; nothing is filed.
    Delayed,
}

/// A message matched to a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Matched {
    pub folder: String,
    pub uid: u32,
    pub case: CaseId,
    pub vendor: String,
    pub from: Option<String>,
    pub subject: Option<String>,
    pub by: MatchedBy,
    pub arrival: Arrival,
    /// Already filed with the case by an earlier sync (the folder was renumbered).
    pub already_filed: bool,
}

/// What one folder's sync did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FolderSync {
    pub folder: String,
    /// Messages read.
    pub read: usize,
    /// Of those, not matched to any case (left alone, not imported).
    pub unmatched: usize,
    /// Too large to fetch (their size in bytes); passed over.
    pub too_large: Vec<u32>,
    /// The server has no such folder.
    pub missing: bool,
    /// The server renumbered the folder (a new UIDVALIDITY): it was read again from the start.
    pub renumbered: bool,
}

/// One mailbox's sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailboxSync {
    pub profile: ProfileId,
    pub address: String,
    pub folders: Vec<FolderSync>,
    pub matched: Vec<Matched>,
    /// Stopped by the person before every folder was read; the next sync goes on from there.
    pub cancelled: bool,
}

/// Progress as it happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncProgress {
    /// Reading `folder` of `address`.
    Folder {
        address: String,
        folder: String,
    },
    /// `count` messages read so far in this mailbox, `bytes` of them.
    Read {
        count: usize,
        bytes: u64,
    },
    Matched(Matched),
}

/// Reads the new mail of the person's mailboxes and files what answers a case.
pub fn sync_mail(
    store: &mut Store,
    registry: &Registry,
    vault: &dyn TextVault,
    clock: &dyn Clock,
    request: &SyncRequest,
    progress: &mut dyn FnMut(&SyncProgress),
    cancel: &AtomicBool,
) -> Result<Vec<MailboxSync>> {
    let accounts = match request.profile {
        Some(profile) => {
            store.profile(profile)?;
            vec![store.mail_account(profile)?.ok_or(Refusal::NoMailAccount { profile })?]
        }
        None => store.mail_accounts()?,
    };
    if accounts.is_empty() {
        return Err(Refusal::NoMailboxConnected.into());
    }
    check_folder_names(&request.add_folders)?;
    let mut synced = Vec::new();
    for account in &accounts {
        store.follow_mail_folder(account.id, FolderPurpose::Sync, INBOX, clock.timestamp())?;
        for folder in &request.add_folders {
            store.follow_mail_folder(account.id, FolderPurpose::Sync, folder.trim(), clock.timestamp())?;
        }
        let one = sync_account(store, registry, vault, clock, account, progress, cancel)?;
        let stop = one.cancelled;
        synced.push(one);
        if stop {
            break;
        }
    }
    Ok(synced)
}

/// A case a message may belong to, with what matching needs.
struct Candidates {
    cases: Vec<CaseCandidate>,
    /// Each case's vendor name, status and the day its letter went out.
    facts: HashMap<CaseId, (String, CaseStatus, Option<Date>)>,
}

fn sync_account(
    store: &mut Store,
    registry: &Registry,
    vault: &dyn TextVault,
    clock: &dyn Clock,
    account: &MailAccount,
    progress: &mut dyn FnMut(&SyncProgress),
    cancel: &AtomicBool,
) -> Result<MailboxSync> {
    let login = account_login(store, vault, account)?;
    let trust = account_trust(account);
    // Only this person's cases: an advocate's mailbox holds the answers of the people it acts
    // for, whose cases are theirs; a mailbox is matched against the cases it sent for, and a
    // person's own mailbox against the person's.
    let sent_through: Vec<CaseId> =
        store.outbox()?.iter().filter(|e| e.account_id == account.id).map(|e| e.case_id).collect();
    let candidates = {
        let cases = store.cases()?;
        let facts: HashMap<CaseId, (String, CaseStatus, Option<Date>)> = cases
            .iter()
            .filter(|c| c.profile_id == account.profile_id || sent_through.contains(&c.id))
            .map(|c| {
                let vendor = registry.vendor(&c.vendor_id).map_or(c.vendor_id.clone(), |v| v.name.clone());
                (c.id, (vendor, c.status, c.reminder_facts(Vec::new()).map(|f| f.sent_on)))
            })
            .collect();
        let cases = store.link_candidates(registry)?.into_iter().filter(|c| facts.contains_key(&c.case_id)).collect();
        Candidates { cases, facts }
    };
    // A first read starts at the first letter sent: older mail cannot answer it.
    let since = candidates.facts.values().filter_map(|(_, _, sent)| *sent).min();
    let starts: Vec<FolderStart> = store
        .mail_folders(account.id, FolderPurpose::Sync)?
        .into_iter()
        .map(|f| FolderStart {
            folder: f.folder,
            mark: f
                .uid_validity
                .zip(f.last_uid)
                .map(|(uid_validity, last_uid)| redress_online::FolderMark { uid_validity, last_uid }),
            since: Some(since.unwrap_or_else(|| clock.today())),
        })
        .collect();
    let mut report = MailboxSync {
        profile: account.profile_id,
        address: account.address.clone(),
        folders: Vec::new(),
        matched: Vec::new(),
        cancelled: false,
    };
    let mut failure: Option<Error> = None;
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
    let mut bytes_read = 0u64;
    let mut current_folder = String::new();
    let mut each = |fetched: redress_online::Fetched<'_>| {
        if cancel.load(Ordering::Relaxed) {
            return ControlFlow::Break(());
        }
        if fetched.folder != current_folder {
            current_folder = fetched.folder.to_owned();
            progress(&SyncProgress::Folder { address: account.address.clone(), folder: current_folder.clone() });
        }
        let entry = counts.entry(fetched.folder.to_owned()).or_default();
        entry.0 += 1;
        bytes_read += fetched.bytes.len() as u64;
        let read_so_far: usize = counts.values().map(|(n, _)| n).sum();
        progress(&SyncProgress::Read { count: read_so_far, bytes: bytes_read });
        match file_message(store, clock, account, &candidates, &fetched) {
            Ok(Some(matched)) => {
                progress(&SyncProgress::Matched(matched.clone()));
                report.matched.push(matched);
            }
            Ok(None) => counts.entry(fetched.folder.to_owned()).or_default().1 += 1,
            Err(e) => {
                failure = Some(e);
                return ControlFlow::Break(());
            }
        }
        ControlFlow::Continue(())
    };
    let reads = read_new(&server(&account.imap), &login, &trust, &starts, MAX_SYNC_MESSAGE, &mut each)?;
    // The marks are saved for what was read, even when filing one message failed: the
    // messages before it are filed, and the next sync starts again at the one that failed.
    for read in reads {
        match read {
            FolderRead::Read { folder, mark, messages: _, skipped, renumbered } => {
                // A message whose filing failed was not counted read: the mark stops before it.
                store.set_mail_folder_mark(
                    account.id,
                    FolderPurpose::Sync,
                    &folder,
                    mark.uid_validity,
                    mark.last_uid,
                    clock.timestamp(),
                )?;
                let (read, unmatched) = counts.get(&folder).copied().unwrap_or_default();
                report.folders.push(FolderSync {
                    folder,
                    read,
                    unmatched,
                    too_large: skipped.into_iter().map(|(_, size)| size).collect(),
                    missing: false,
                    renumbered,
                });
            }
            FolderRead::Missing { folder } => report.folders.push(FolderSync {
                folder,
                read: 0,
                unmatched: 0,
                too_large: Vec::new(),
                missing: true,
                renumbered: false,
            }),
        }
    }
    if let Some(e) = failure {
        return Err(e);
    }
    report.cancelled = cancel.load(Ordering::Relaxed);
    Ok(report)
}

/// Sorts one message and files it with its case; `None`: it answers no case.
fn file_message(
    store: &mut Store,
    clock: &dyn Clock,
    account: &MailAccount,
    candidates: &Candidates,
    fetched: &redress_online::Fetched<'_>,
) -> Result<Option<Matched>> {
    let file_name = format!("mail-{}-{}.eml", safe_name(fetched.folder), fetched.uid);
    // What is not a readable e-mail answers nothing.
    let Ok(reply) = read_reply(&file_name, fetched.bytes) else { return Ok(None) };
    if reply.from_address.as_deref().is_some_and(|from| from.eq_ignore_ascii_case(&account.address)) {
        return Ok(None);
    }
    let kind = classify(fetched.bytes);
    let answered_ids: Vec<String> = match &kind {
        Incoming::DeliveryFailure(f) => f.original_message_id.iter().cloned().collect(),
        Incoming::DeliveryDelayed { original_message_id } => original_message_id.iter().cloned().collect(),
        Incoming::AutoReply | Incoming::Written => reply.in_reply_to.clone(),
    };
    let (case, by) = match case_by_message_id(store, candidates, &answered_ids)? {
        Some(case) => (case, MatchedBy::MessageId),
        // A report names the letter it returns; one that names none of ours is not guessed at.
        None if matches!(kind, Incoming::DeliveryFailure(_) | Incoming::DeliveryDelayed { .. }) => return Ok(None),
        None => match case_by_sender(&reply, candidates) {
            Some(case) => (case, MatchedBy::Sender),
            None => return Ok(None),
        },
    };
    let Some((vendor, status, sent_on)) = candidates.facts.get(&case).cloned() else { return Ok(None) };
    // The case as it is now (an earlier message of this sync may have changed it).
    let status = store.case(case).map(|c| c.status).unwrap_or(status);
    let today = clock.today();
    let on = reply.date.filter(|d| *d <= today && sent_on.is_none_or(|s| *d >= s)).unwrap_or(today);
    let already_filed = store.case_has_file(case, &reply.sha256)?;
    let file = |store: &mut Store| -> Result<()> {
        if !already_filed {
            store.add_case_file(case, FileRole::Reply, &reply, fetched.bytes, clock.timestamp())?;
        }
        Ok(())
    };
    let arrival = match kind {
        Incoming::Written => {
            file(store)?;
            Arrival::Reply
        }
        Incoming::AutoReply => {
            file(store)?;
            let acknowledged = status == CaseStatus::Sent && !already_filed;
            if acknowledged {
                store.record_event(case, CaseEvent::Acknowledged { on }, clock.timestamp())?;
            }
            Arrival::AutoReply { acknowledged }
        }
        Incoming::DeliveryFailure(failure) => {
            file(store)?;
            let reason = failure.reason();
            let marked = status == CaseStatus::Sent && !already_filed;
            if marked {
                store.record_event(case, CaseEvent::NotDelivered { on, reason: reason.clone() }, clock.timestamp())?;
            }
            Arrival::NotDelivered { reason, marked }
        }
        Incoming::DeliveryDelayed { .. } => Arrival::Delayed,
    };
    Ok(Some(Matched {
        folder: fetched.folder.to_owned(),
        uid: fetched.uid,
        case,
        vendor,
        from: reply.from_address.clone(),
        subject: reply.subject.clone(),
        by,
        arrival,
        already_filed,
    }))
}

/// The case whose letter one of `ids` is: from the outbox, else a Message-ID recorded by hand
/// when the case was marked sent.
fn case_by_message_id(store: &Store, candidates: &Candidates, ids: &[String]) -> Result<Option<CaseId>> {
    for id in ids {
        let id = bare_id(id);
        if id.is_empty() {
            continue;
        }
        if let Some(case) = store.case_of_sent_message(&format!("<{id}>"))?
            && candidates.facts.contains_key(&case)
        {
            return Ok(Some(case));
        }
        if let Some(c) =
            candidates.cases.iter().find(|c| c.sent_reference.as_deref().map(bare_id).is_some_and(|r| r == id))
        {
            return Ok(Some(c.case_id));
        }
    }
    Ok(None)
}

/// The case a message from the vendor answers, by its sender's domain and subject, as a reply
/// imported by hand is matched ([`link_reply`]); only cases waiting for an answer whose letter
/// went out on or before the message's day.
fn case_by_sender(reply: &Reply, candidates: &Candidates) -> Option<CaseId> {
    let open: Vec<CaseCandidate> = candidates
        .cases
        .iter()
        .filter(|c| c.awaiting)
        .filter(|c| {
            let sent = candidates.facts.get(&c.case_id).and_then(|(_, _, sent)| *sent);
            matches!((sent, reply.date), (Some(s), Some(d)) if d >= s) || (sent.is_some() && reply.date.is_none())
        })
        .map(|c| CaseCandidate { sent_reference: None, ..c.clone() })
        .collect();
    link_reply(reply, &open).map(|link| link.case_id)
}

/// Refuses a folder name that is empty or holds control characters, before any connection.
pub(crate) fn check_folder_names(folders: &[String]) -> Result<()> {
    match folders.iter().find(|f| f.trim().is_empty() || f.chars().any(char::is_control)) {
        Some(folder) => Err(Refusal::BadFolderName { folder: folder.clone() }.into()),
        None => Ok(()),
    }
}

/// A folder name as part of a file name.
fn safe_name(folder: &str) -> String {
    folder.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect()
}
