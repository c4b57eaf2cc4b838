//! Reading a mailbox's messages over IMAP, read-only: the folders it has, and every message of
//! a folder newer than a mark (UIDVALIDITY and the last UID read, RFC 3501 §2.3.1.1), handed
//! one at a time to the caller, so memory stays that of the largest message whatever the
//! folder's size. Folders are opened with `EXAMINE` and messages fetched with `BODY.PEEK[]`:
//! nothing is marked read, moved or deleted.

use std::ops::ControlFlow;
use std::time::Duration;

use async_imap::Session;
use async_imap::types::NameAttribute;
use futures_util::{StreamExt, TryStreamExt};

use crate::OnlineError;
use crate::imap::{MailStream, list_all, open, protocol, timed_for as timed, timeout};
use crate::mail_server::{EXCHANGE_TIMEOUT, Login, MailServer, Trust, block_on};

/// Where reading a folder stopped: its UIDVALIDITY and the highest UID handed over. A later
/// read from this mark sees only newer messages; a changed UIDVALIDITY means the server
/// renumbered the folder, and it is read again from the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FolderMark {
    pub uid_validity: u32,
    pub last_uid: u32,
}

/// A folder to read and where the previous read stopped (`None`: never read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderStart {
    pub folder: String,
    pub mark: Option<FolderMark>,
    /// On a first read (or after renumbering), only messages the server received on or after
    /// this day (`SEARCH SINCE`, the server's internal date): mail sync need not read years of
    /// mail older than the first letter. `None`: the whole folder.
    pub since: Option<jiff::civil::Date>,
}

/// One message, as the server holds it.
#[derive(Debug)]
pub struct Fetched<'a> {
    pub folder: &'a str,
    pub uid: u32,
    pub bytes: &'a [u8],
}

/// What reading one folder did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FolderRead {
    /// Read up to `mark`: `messages` handed over; `skipped` were larger than the limit (their
    /// UIDs and sizes), passed over but counted as read.
    Read { folder: String, mark: FolderMark, messages: usize, skipped: Vec<(u32, u32)>, renumbered: bool },
    /// The server has no such folder (any more).
    Missing { folder: String },
}

/// Messages fetched per `UID FETCH` command: a batch is a few megabytes of typical mail.
const BATCH: usize = 200;

/// How long a single server response may take while reading (a large message on a slow line
/// still arrives well within it).
const READ_TIMEOUT: Duration = Duration::from_secs(120);

/// The folders of the mailbox that can be opened (not `\Noselect`), in the server's order.
pub fn list_folders(server: &MailServer, login: &Login, trust: &Trust) -> Result<Vec<String>, OnlineError> {
    block_on(async {
        let mut session = timed(server, EXCHANGE_TIMEOUT, open(server, login, trust)).await?;
        let folders = timed(server, EXCHANGE_TIMEOUT, folders(&mut session, server)).await?;
        let _ = session.logout().await;
        Ok(folders)
    })?
}

/// Reads, folder by folder, every message newer than its mark and hands it to `each`, in UID
/// order. Messages larger than `max_bytes` are not fetched (their size is known first) and are
/// listed as skipped. `each` returns `Break` to stop (cancel, or an error of the caller's):
/// the marks returned then cover exactly the messages handed over, so nothing is read twice
/// and nothing is missed on the next read.
pub fn read_new(
    server: &MailServer,
    login: &Login,
    trust: &Trust,
    folders: &[FolderStart],
    max_bytes: u32,
    each: &mut dyn FnMut(Fetched<'_>) -> ControlFlow<()>,
) -> Result<Vec<FolderRead>, OnlineError> {
    block_on(async {
        let mut session = timed(server, EXCHANGE_TIMEOUT, open(server, login, trust)).await?;
        let mut done = Vec::new();
        for start in folders {
            let (read, stopped) = read_folder(&mut session, server, start, max_bytes, each).await?;
            done.push(read);
            if stopped {
                break;
            }
        }
        let _ = session.logout().await;
        Ok(done)
    })?
}

async fn read_folder(
    session: &mut Session<MailStream>,
    server: &MailServer,
    start: &FolderStart,
    max_bytes: u32,
    each: &mut dyn FnMut(Fetched<'_>) -> ControlFlow<()>,
) -> Result<(FolderRead, bool), OnlineError> {
    let folder = start.folder.as_str();
    let examined = tokio::time::timeout(EXCHANGE_TIMEOUT, session.examine(folder))
        .await
        .map_err(|_| timeout(server, EXCHANGE_TIMEOUT))?;
    let mailbox = match examined {
        Ok(mailbox) => mailbox,
        Err(async_imap::error::Error::No(_)) => return Ok((FolderRead::Missing { folder: folder.to_owned() }, false)),
        Err(e) => return Err(protocol(server, e)),
    };
    // A server without UIDVALIDITY cannot say whether UIDs were reused: read it all again.
    let uid_validity = mailbox.uid_validity.unwrap_or(0);
    let renumbered = start.mark.is_some_and(|m| m.uid_validity != uid_validity);
    let from = match start.mark {
        Some(m) if !renumbered => m.last_uid,
        _ => 0,
    };
    let mut mark = FolderMark { uid_validity, last_uid: from };
    let mut messages = 0;
    let mut skipped = Vec::new();
    let read = |mark: FolderMark, messages, skipped| FolderRead::Read {
        folder: folder.to_owned(),
        mark,
        messages,
        skipped,
        renumbered,
    };
    if mailbox.exists == 0 {
        return Ok((read(mark, 0, skipped), false));
    }
    // First the UIDs and sizes of the new messages (a few bytes each), then their bodies in
    // batches. `from+1:*` also returns the last message when nothing is newer (RFC 3501
    // §6.4.8), so UIDs at or below the mark are dropped.
    let mut set = format!("{}:*", from + 1);
    if let Some(since) = start.since.filter(|_| from == 0) {
        let found = timed(server, READ_TIMEOUT, async {
            session.uid_search(format!("SINCE {}", imap_date(since))).await.map_err(|e| protocol(server, e))
        })
        .await?;
        let mut uids: Vec<u32> = found.into_iter().collect();
        if uids.is_empty() {
            return Ok((read(mark, 0, skipped), false));
        }
        uids.sort_unstable();
        set = uids.iter().map(u32::to_string).collect::<Vec<_>>().join(",");
    }
    let mut sizes = timed(server, READ_TIMEOUT, async {
        let stream = session.uid_fetch(set, "(UID RFC822.SIZE)").await.map_err(|e| protocol(server, e))?;
        let all: Vec<_> = stream.try_collect().await.map_err(|e| protocol(server, e))?;
        Ok(all
            .iter()
            .filter_map(|f| Some((f.uid?, f.size.unwrap_or(0))))
            .filter(|(uid, _)| *uid > from)
            .collect::<Vec<_>>())
    })
    .await?;
    sizes.sort_unstable();
    sizes.dedup_by_key(|(uid, _)| *uid);
    for batch in sizes.chunks(BATCH) {
        // Whether each message of the batch is dealt with: handed over, or too large to fetch.
        let mut handled: Vec<bool> = batch.iter().map(|(_, size)| *size > max_bytes).collect();
        let wanted: Vec<String> =
            batch.iter().filter(|(_, size)| *size <= max_bytes).map(|(uid, _)| uid.to_string()).collect();
        let mut stopped = false;
        if !wanted.is_empty() {
            let mut stream = timed(server, READ_TIMEOUT, async {
                session.uid_fetch(wanted.join(","), "(UID BODY.PEEK[])").await.map_err(|e| protocol(server, e))
            })
            .await?;
            loop {
                let item = match tokio::time::timeout(READ_TIMEOUT, stream.next()).await {
                    Err(_) => return Err(timeout(server, READ_TIMEOUT)),
                    Ok(None) => break,
                    Ok(Some(item)) => item.map_err(|e| protocol(server, e))?,
                };
                let (Some(uid), Some(bytes)) = (item.uid, item.body()) else { continue };
                let Ok(at) = batch.binary_search_by_key(&uid, |(u, _)| *u) else { continue };
                if each(Fetched { folder, uid, bytes }).is_break() {
                    stopped = true;
                    break;
                }
                handled[at] = true;
                messages += 1;
            }
        }
        if stopped {
            // The mark covers the run of dealt-with messages from the batch's start, so a
            // message the server sent out of order is not jumped over.
            let run = handled.iter().take_while(|h| **h).count();
            if let Some((uid, _)) = run.checked_sub(1).map(|i| batch[i]) {
                mark.last_uid = uid;
            }
            skipped.extend(batch[..run].iter().filter(|(_, size)| *size > max_bytes));
            return Ok((read(mark, messages, skipped), true));
        }
        // Done with the batch; a message the server no longer returned was deleted meanwhile.
        skipped.extend(batch.iter().filter(|(_, size)| *size > max_bytes));
        mark.last_uid = batch[batch.len() - 1].0;
    }
    Ok((read(mark, messages, skipped), false))
}

/// `8-Dec-2026`, the date form of IMAP searches (RFC 3501 §9 `date`).
fn imap_date(d: jiff::civil::Date) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!("{}-{}-{}", d.day(), MONTHS[usize::from(d.month().unsigned_abs()) - 1], d.year())
}

async fn folders(session: &mut Session<MailStream>, server: &MailServer) -> Result<Vec<String>, OnlineError> {
    Ok(list_all(session, server)
        .await?
        .iter()
        .filter(|n| !n.attributes().iter().any(|a| matches!(a, NameAttribute::NoSelect)))
        .map(|n| n.name().to_owned())
        .collect())
}
