//! The outbox: letters waiting to be sent through the person's mailbox, kept in the store so a
//! batch survives a crash, a closed window or a server that is down.
//!
//! Each entry holds the exact bytes that will be sent and the Message-ID inside them. Its state
//! moves queued → sending → sent (or failed, with the server's words). `sending` is written
//! and committed *before* the message goes to the server, so an entry found in that state after
//! a crash is one that may or may not have been accepted: the caller looks for its Message-ID
//! in the Sent folder before sending it again. Accepted letters are marked sent together with
//! the case's "sent" event and the proof of sending, in one transaction.

use redress_core::case::CaseEvent;
use redress_mail::Reply;
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

use crate::case_files::{FileRole, NewCaseFile, insert_case_file};
use crate::cases::{Case, CaseId};
use crate::error::StoreError;
use crate::store::{Store, sql};

/// Where an outbox entry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutboxState {
    Queued,
    /// Handed to the server; the answer was not recorded yet (or Redress stopped meanwhile).
    Sending,
    Sent,
    /// The server refused it for good, or the person must act (login refused).
    Failed,
}

impl OutboxState {
    fn code(self) -> &'static str {
        match self {
            OutboxState::Queued => "queued",
            OutboxState::Sending => "sending",
            OutboxState::Sent => "sent",
            OutboxState::Failed => "failed",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [OutboxState::Queued, OutboxState::Sending, OutboxState::Sent, OutboxState::Failed]
            .into_iter()
            .find(|s| s.code() == text)
    }
}

/// A letter in the outbox (its bytes are read with [`Store::outbox_message`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboxEntry {
    pub id: i64,
    pub case_id: CaseId,
    pub account_id: i64,
    pub message_id: String,
    pub sender: String,
    pub recipient: String,
    pub subject: String,
    pub state: OutboxState,
    pub attempts: u32,
    /// The server's words for the last failure.
    pub last_error: Option<String>,
    /// The server's words when it accepted the letter.
    pub accepted: Option<String>,
    pub queued_at: String,
    pub updated_at: String,
}

/// A letter to queue.
#[derive(Debug, Clone)]
pub struct NewOutboxEntry<'a> {
    pub case_id: CaseId,
    pub account_id: i64,
    pub message_id: &'a str,
    pub sender: &'a str,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub message: &'a [u8],
}

const SELECT: &str = "SELECT id, case_id, account_id, message_id, sender, recipient, subject, state, attempts,
    last_error, accepted, queued_at, updated_at FROM outbox";

fn from_row(r: &Row<'_>) -> rusqlite::Result<OutboxEntry> {
    let state: String = r.get(7)?;
    Ok(OutboxEntry {
        id: r.get(0)?,
        case_id: r.get(1)?,
        account_id: r.get(2)?,
        message_id: r.get(3)?,
        sender: r.get(4)?,
        recipient: r.get(5)?,
        subject: r.get(6)?,
        state: OutboxState::parse(&state).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(7, rusqlite::types::Type::Text, format!("state {state:?}").into())
        })?,
        attempts: r.get(8)?,
        last_error: r.get(9)?,
        accepted: r.get(10)?,
        queued_at: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

impl Store {
    /// Queues a letter. A case whose letter is already queued, being sent or sent is refused
    /// with that entry, so nothing is sent twice.
    pub fn queue_letter(&mut self, new: &NewOutboxEntry<'_>, now: jiff::Timestamp) -> Result<OutboxEntry, StoreError> {
        self.case(new.case_id)?;
        if let Some(existing) = self.outbox_for_case(new.case_id)?.into_iter().find(|e| e.state != OutboxState::Failed)
        {
            return Err(StoreError::AlreadyQueued { case: new.case_id, state: existing.state.code().to_owned() });
        }
        let now = now.to_string();
        self.conn
            .execute(
                "INSERT INTO outbox (case_id, account_id, message_id, sender, recipient, subject, message, state,
                    attempts, queued_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'queued', 0, ?8, ?8)",
                params![
                    new.case_id,
                    new.account_id,
                    new.message_id,
                    new.sender,
                    new.recipient,
                    new.subject,
                    new.message,
                    now
                ],
            )
            .map_err(|e| sql(&self.path, e))?;
        let id = self.conn.last_insert_rowid();
        self.outbox_entry(id)
    }

    pub fn outbox_entry(&self, id: i64) -> Result<OutboxEntry, StoreError> {
        self.conn
            .query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
            .optional()
            .map_err(|e| sql(&self.path, e))?
            .ok_or(StoreError::UnknownOutboxEntry { id })
    }

    /// Every entry, oldest first.
    pub fn outbox(&self) -> Result<Vec<OutboxEntry>, StoreError> {
        self.outbox_where("1", [])
    }

    /// The entries of one case, oldest first.
    pub fn outbox_for_case(&self, case: CaseId) -> Result<Vec<OutboxEntry>, StoreError> {
        self.outbox_where("case_id = ?1", [case])
    }

    fn outbox_where<P: rusqlite::Params>(&self, filter: &str, p: P) -> Result<Vec<OutboxEntry>, StoreError> {
        let mut stmt =
            self.conn.prepare(&format!("{SELECT} WHERE {filter} ORDER BY id")).map_err(|e| sql(&self.path, e))?;
        let rows = stmt.query_map(p, from_row).map_err(|e| sql(&self.path, e))?;
        rows.collect::<Result<_, _>>().map_err(|e| sql(&self.path, e))
    }

    /// The exact bytes the entry sends.
    pub fn outbox_message(&self, id: i64) -> Result<Vec<u8>, StoreError> {
        self.conn
            .query_row("SELECT message FROM outbox WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .map_err(|e| sql(&self.path, e))?
            .ok_or(StoreError::UnknownOutboxEntry { id })
    }

    /// Records that the entry is being handed to the server (committed before the network).
    pub fn outbox_sending(&mut self, id: i64, now: jiff::Timestamp) -> Result<OutboxEntry, StoreError> {
        self.conn
            .execute(
                "UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ?2 WHERE id = ?1",
                params![id, now.to_string()],
            )
            .map_err(|e| sql(&self.path, e))?;
        self.outbox_entry(id)
    }

    /// Records a failure: back in the queue when it may be retried, else failed.
    pub fn outbox_failed(
        &mut self,
        id: i64,
        error: &str,
        retry: bool,
        now: jiff::Timestamp,
    ) -> Result<OutboxEntry, StoreError> {
        let state = if retry { OutboxState::Queued } else { OutboxState::Failed };
        self.conn
            .execute(
                "UPDATE outbox SET state = ?2, last_error = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, state.code(), error, now.to_string()],
            )
            .map_err(|e| sql(&self.path, e))?;
        self.outbox_entry(id)
    }

    /// Puts a failed entry back in the queue (the person fixed what was wrong).
    pub fn outbox_requeue(&mut self, id: i64, now: jiff::Timestamp) -> Result<OutboxEntry, StoreError> {
        self.conn
            .execute(
                "UPDATE outbox SET state = 'queued', updated_at = ?2 WHERE id = ?1 AND state = 'failed'",
                params![id, now.to_string()],
            )
            .map_err(|e| sql(&self.path, e))?;
        self.outbox_entry(id)
    }

    /// The server accepted the letter: in one transaction, the entry is marked sent, the case
    /// gets its `sent` event and the sent bytes are kept as the proof of sending.
    pub fn outbox_sent(
        &mut self,
        id: i64,
        accepted: &str,
        event: CaseEvent,
        proof: &Reply,
        now: jiff::Timestamp,
    ) -> Result<Case, StoreError> {
        let entry = self.outbox_entry(id)?;
        let case = self.case(entry.case_id)?;
        redress_core::case::apply(case.status, &event, case.deadline.as_ref())?;
        let message = self.outbox_message(id)?;
        let now = now.to_string();
        let json = serde_json::to_string(&event).expect("events serialise");
        let tx = self.conn.transaction().map_err(|e| sql(&self.path, e))?;
        let file = NewCaseFile {
            role: FileRole::Proof,
            file_name: &proof.file_name,
            media_type: &proof.media_type,
            sha256: &proof.sha256,
            from_address: proof.from_address.as_deref(),
            subject: proof.subject.as_deref(),
            dated: proof.date,
            added_at: &now,
        };
        let written = (|| {
            tx.execute(
                "INSERT INTO case_events (case_id, recorded_at, event) VALUES (?1, ?2, ?3)",
                params![entry.case_id, now, json],
            )?;
            insert_case_file(&tx, entry.case_id, &file, &message)?;
            tx.execute(
                "UPDATE outbox SET state = 'sent', accepted = ?2, last_error = NULL, updated_at = ?3 WHERE id = ?1",
                params![id, accepted, now],
            )?;
            Ok(())
        })();
        written.and_then(|()| tx.commit()).map_err(|e| sql(&self.path, e))?;
        self.case(entry.case_id)
    }
}
