//! The folders mail sync reads for an account (INBOX, and those the person adds) and where
//! the last sync stopped in each: the folder's UIDVALIDITY and the highest UID read. A sync
//! reads only what is newer; a changed UIDVALIDITY makes it read the folder again, and the
//! replies it files are recognised by their SHA-256, so nothing is filed twice.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::error::StoreError;
use crate::store::{Store, sql};

/// A folder sync follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailFolder {
    pub account_id: i64,
    pub folder: String,
    /// Where the last sync stopped; `None` before the first.
    pub uid_validity: Option<u32>,
    pub last_uid: Option<u32>,
    pub synced_at: Option<String>,
}

impl Store {
    /// Adds `folder` to those sync reads for the account (nothing when it already is).
    pub fn follow_mail_folder(
        &mut self,
        account_id: i64,
        folder: &str,
        now: jiff::Timestamp,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO mail_folders (account_id, folder, added_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (account_id, folder) DO NOTHING",
                params![account_id, folder, now.to_string()],
            )
            .map_err(|e| sql(&self.path, e))?;
        Ok(())
    }

    /// The folders sync reads for the account, in the order they were added.
    pub fn mail_folders(&self, account_id: i64) -> Result<Vec<MailFolder>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT account_id, folder, uid_validity, last_uid, synced_at FROM mail_folders
                 WHERE account_id = ?1 ORDER BY id",
            )
            .map_err(|e| sql(&self.path, e))?;
        let rows = stmt
            .query_map([account_id], |r| {
                Ok(MailFolder {
                    account_id: r.get(0)?,
                    folder: r.get(1)?,
                    uid_validity: r.get(2)?,
                    last_uid: r.get(3)?,
                    synced_at: r.get(4)?,
                })
            })
            .map_err(|e| sql(&self.path, e))?;
        rows.collect::<Result<_, _>>().map_err(|e| sql(&self.path, e))
    }

    /// Records where sync stopped in the folder.
    pub fn set_mail_folder_mark(
        &mut self,
        account_id: i64,
        folder: &str,
        uid_validity: u32,
        last_uid: u32,
        now: jiff::Timestamp,
    ) -> Result<(), StoreError> {
        let n = self
            .conn
            .execute(
                "UPDATE mail_folders SET uid_validity = ?3, last_uid = ?4, synced_at = ?5
                 WHERE account_id = ?1 AND folder = ?2",
                params![account_id, folder, uid_validity, last_uid, now.to_string()],
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
