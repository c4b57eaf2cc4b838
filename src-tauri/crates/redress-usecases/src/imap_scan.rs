//! Scanning the person's mailbox for vendors and tools over IMAP, without exporting it: every
//! folder (or those chosen) read read-only, each message handed as it arrives to the same
//! scanner the mailbox files go through, so memory stays flat whatever the mailbox's size. The
//! next scan reads only what arrived since (each folder's UIDVALIDITY and last UID are kept),
//! and its findings join the earlier ones on the board.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

use redress_core::registry::Registry;
use redress_mail::{
    EXAMPLES_PER_TOOL, Fingerprints, MailItem, MessageOrigin, MessageReport, ScanExamples, ScanOptions, ScanSummary,
    scan_stream,
};
use redress_online::{FolderMark, FolderRead, FolderStart, OnlineError, list_folders, read_new};
use redress_store::{FolderPurpose, ProfileId, Store, TextVault};
use serde::Serialize;

use crate::clock::Clock;
use crate::discovery::MailScan;
use crate::error::{Refusal, Result};
use crate::mailbox::{account_login, account_trust, server};

/// Messages above this size are passed over (and counted), as in a mailbox file.
const MAX_SCAN_MESSAGE: u32 = redress_mail::MAX_MESSAGE_BYTES as u32;

/// What to scan.
#[derive(Debug, Clone, Default)]
pub struct ImapScanRequest {
    /// Whose mailbox (its connected account), and whose board the result goes to.
    pub profile: ProfileId,
    /// The folders to read; empty: every folder the server lists.
    pub folders: Vec<String>,
    /// Addresses whose messages are skipped besides the person's own.
    pub own_addresses: Vec<String>,
    pub extra_fingerprints: Vec<(String, Vec<u8>)>,
    /// Worker threads; `None`: every core.
    pub threads: Option<usize>,
}

/// Progress as it happens (called from the reading thread).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImapScanProgress {
    /// The folders that will be read.
    Folders(Vec<String>),
    /// `messages` read so far, `bytes` of them; now in `folder`.
    Read { folder: String, messages: usize, bytes: u64 },
}

/// What reading one folder did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScannedFolder {
    pub folder: String,
    /// New messages read this time.
    pub messages: usize,
    /// Passed over for their size.
    pub too_large: usize,
    pub missing: bool,
    pub renumbered: bool,
}

/// A finished IMAP scan: the mailbox's whole scan so far (this run joined to the earlier ones)
/// and what this run read.
#[derive(Debug, Clone)]
pub struct ImapScan {
    pub scan: MailScan,
    /// This run alone.
    pub this_run: ScanSummary,
    pub folders: Vec<ScannedFolder>,
    pub cancelled: bool,
}

/// Scans the profile's connected mailbox and keeps the result for the profile's board.
/// `on_report` gets every message with findings, in reading order.
#[allow(clippy::too_many_arguments)]
pub fn scan_imap(
    store: &mut Store,
    registry: &Registry,
    vault: &dyn TextVault,
    clock: &dyn Clock,
    request: &ImapScanRequest,
    progress: &(dyn Fn(&ImapScanProgress) + Sync),
    cancel: &AtomicBool,
    mut on_report: impl FnMut(&MessageReport),
) -> Result<ImapScan> {
    let profile = store.profile(request.profile)?;
    let account = store.mail_account(request.profile)?.ok_or(Refusal::NoMailAccount { profile: request.profile })?;
    let fingerprints = Fingerprints::load(registry, &request.extra_fingerprints)?;
    let mut options = ScanOptions { own_addresses: request.own_addresses.clone(), ..ScanOptions::default() };
    options.own_addresses.extend(profile.fields.emails.iter().cloned());
    options.own_addresses.push(account.address.clone());
    if let Some(threads) = request.threads {
        if threads == 0 {
            return Err(Refusal::NoThreads.into());
        }
        options.threads = threads;
    }
    crate::mail_sync::check_folder_names(&request.folders)?;
    let login = account_login(store, vault, &account)?;
    let trust = account_trust(&account);
    let imap = server(&account.imap);
    let folders = if request.folders.is_empty() {
        list_folders(&imap, &login, &trust)?
    } else {
        request.folders.iter().map(|f| f.trim().to_owned()).collect()
    };
    for folder in &folders {
        store.follow_mail_folder(account.id, FolderPurpose::Scan, folder, clock.timestamp())?;
    }
    let marks = store.mail_folders(account.id, FolderPurpose::Scan)?;
    let starts: Vec<FolderStart> = folders
        .iter()
        .map(|folder| FolderStart {
            folder: folder.clone(),
            mark: marks.iter().find(|m| &m.folder == folder).and_then(|m| {
                m.uid_validity.zip(m.last_uid).map(|(uid_validity, last_uid)| FolderMark { uid_validity, last_uid })
            }),
            since: None,
        })
        .collect();
    progress(&ImapScanProgress::Folders(folders.clone()));

    let read_result: Mutex<Option<std::result::Result<Vec<FolderRead>, OnlineError>>> = Mutex::new(None);
    let bytes = AtomicU64::new(0);
    let count = AtomicUsize::new(0);
    let seed = ScanSummary { files: folders.len(), ..ScanSummary::default() };
    let mut examples = ScanExamples::new(EXAMPLES_PER_TOOL);
    let this_run = scan_stream(
        &fingerprints,
        &options,
        seed,
        |push: &mut dyn FnMut(MailItem) -> bool| {
            let mut each = |fetched: redress_online::Fetched<'_>| {
                if cancel.load(Ordering::Relaxed) {
                    return std::ops::ControlFlow::Break(());
                }
                let index = count.fetch_add(1, Ordering::Relaxed);
                let done = bytes.fetch_add(fetched.bytes.len() as u64, Ordering::Relaxed) + fetched.bytes.len() as u64;
                progress(&ImapScanProgress::Read {
                    folder: fetched.folder.to_owned(),
                    messages: index + 1,
                    bytes: done,
                });
                let origin = MessageOrigin {
                    path: PathBuf::from(format!("imap://{}/{}", account.address, fetched.folder)),
                    offset: Some(u64::from(fetched.uid)),
                };
                if push(MailItem::Message { index, origin, bytes: fetched.bytes.to_vec() }) {
                    std::ops::ControlFlow::Continue(())
                } else {
                    std::ops::ControlFlow::Break(())
                }
            };
            let read = read_new(&imap, &login, &trust, &starts, MAX_SCAN_MESSAGE, &mut each);
            if let Ok(mut slot) = read_result.lock() {
                *slot = Some(read);
            }
        },
        |report| {
            examples.offer(report);
            on_report(report);
        },
    );
    let reads = read_result.into_inner().ok().flatten().unwrap_or_else(|| Ok(Vec::new()))?;
    let mut this_run = this_run;
    this_run.bytes = bytes.load(Ordering::Relaxed);

    let mut scanned = Vec::new();
    for read in reads {
        match read {
            FolderRead::Read { folder, mark, messages, skipped, renumbered } => {
                store.set_mail_folder_mark(
                    account.id,
                    FolderPurpose::Scan,
                    &folder,
                    mark.uid_validity,
                    mark.last_uid,
                    clock.timestamp(),
                )?;
                scanned.push(ScannedFolder { folder, messages, too_large: skipped.len(), missing: false, renumbered });
            }
            FolderRead::Missing { folder } => {
                scanned.push(ScannedFolder { folder, messages: 0, too_large: 0, missing: true, renumbered: false })
            }
        }
    }
    // Joined to the earlier scans of this mailbox, kept under one name: the board counts the
    // mailbox once, with everything read so far.
    let label = format!("IMAP {}", account.address);
    let earlier = store.mail_scans(request.profile)?.into_iter().find(|s| s.label == label);
    let (summary, examples) = match earlier {
        Some(earlier) => {
            let mut joined = ScanExamples::new(EXAMPLES_PER_TOOL);
            for report in earlier.examples.iter().chain(examples.into_vec().iter()) {
                joined.offer(report);
            }
            (earlier.summary.merged(this_run.clone()), joined.into_vec())
        }
        None => (this_run.clone(), examples.into_vec()),
    };
    let scan = MailScan { label, summary, examples };
    crate::discovery::record_scan(store, request.profile, &scan, clock)?;
    Ok(ImapScan { scan, this_run, folders: scanned, cancelled: cancel.load(Ordering::Relaxed) })
}
