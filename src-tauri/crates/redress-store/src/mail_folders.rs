//! The folders an account's mail is read from, for mail sync (INBOX, and those the person
//! adds) and for the mailbox scan (all folders, or those chosen), and where the last read
//! stopped in each: the folder's UIDVALIDITY and the highest UID read. A read takes only what
//! is newer; a changed UIDVALIDITY makes it read the folder again (sync recognises the replies
//! it filed by their SHA-256, so nothing is filed twice).

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::error::StoreError;
use crate::store::{Store, sql};

/// What a folder is read for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FolderPurpose {
    /// Mail sync: answers to the letters.
    Sync,
    /// The mailbox scan: vendors and tools in the person's mail.
    Scan,
}

impl FolderPurpose {
    fn code(self) -> &'static str {
        match self {
            FolderPurpose::Sync => "sync",
            FolderPurpose::Scan => "scan",
        }
    }
}

/// A folder an account's mail is read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailFolder {
    pub account_id: i64,
    pub purpose: FolderPurpose,
    pub folder: String,
    /// Where the last sync stopped; `None` before the first.
    pub uid_validity: Option<u32>,
    pub last_uid: Option<u32>,
    pub synced_at: Option<String>,
}

impl Store {
    /// Adds `folder` to those read for the account (nothing when it already is).
    pub fn follow_mail_folder(
        &mut self,
        account_id: i64,
        purpose: FolderPurpose,
        folder: &str,
        now: jiff::Timestamp,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO mail_folders (account_id, purpose, folder, added_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (account_id, purpose, folder) DO NOTHING",
                params![account_id, purpose.code(), folder, now.to_string()],
            )
            .map_err(|e| sql(&self.path, e))?;
        Ok(())
    }

    /// The folders read for the account and purpose, in the order they were added.
    pub fn mail_folders(&self, account_id: i64, purpose: FolderPurpose) -> Result<Vec<MailFolder>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT account_id, folder, uid_validity, last_uid, synced_at FROM mail_folders
                 WHERE account_id = ?1 AND purpose = ?2 ORDER BY id",
            )
            .map_err(|e| sql(&self.path, e))?;
        let rows = stmt
            .query_map(params![account_id, purpose.code()], |r| {
                Ok(MailFolder {
                    account_id: r.get(0)?,
                    purpose,
                    folder: r.get(1)?,
                    uid_validity: r.get(2)?,
                    last_uid: r.get(3)?,
                    synced_at: r.get(4)?,
                })
            })
            .map_err(|e| sql(&self.path, e))?;
        rows.collect::<Result<_, _>>().map_err(|e| sql(&self.path, e))
    }

    /// Records where the read stopped in the folder.
    pub fn set_mail_folder_mark(
        &mut self,
        account_id: i64,
        purpose: FolderPurpose,
        folder: &str,
        uid_validity: u32,
        last_uid: u32,
        now: jiff::Timestamp,
    ) -> Result<(), StoreError> {
        let n = self
            .conn
            .execute(
                "UPDATE mail_folders SET uid_validity = ?3, last_uid = ?4, synced_at = ?5
                 WHERE account_id = ?1 AND folder = ?2 AND purpose = ?6",
                params![account_id, folder, uid_validity, last_uid, now.to_string(), purpose.code()],
            )
            .map_err(|e| sql(&self.path, e))?;
        if n == 0 {
            return Err(StoreError::UnknownMailFolder { folder: folder.to_owned() });
        }
        Ok(())
    }

    /// The case whose letter went out with this Message-ID (`<…>`), from the outbox.
    pub fn case_of_sent_message(&self, message_id: &str) -> Result<Option<crate::CaseId>, StoreError> {
        self.conn
            .query_row("SELECT case_id FROM outbox WHERE message_id = ?1", [message_id], |r| r.get(0))
            .optional()
            .map_err(|e| sql(&self.path, e))
    }

    /// Whether the case already holds a file with this SHA-256.
    pub fn case_has_file(&self, case_id: crate::CaseId, sha256: &str) -> Result<bool, StoreError> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM case_files WHERE case_id = ?1 AND sha256 = ?2)",
                params![case_id, sha256],
                |r| r.get(0),
            )
            .map_err(|e| sql(&self.path, e))
    }
}
