//! What a case collects besides its timeline: the vendor's replies and the proofs of sending
//! (kept as received, with their SHA-256), and the checklist of what an access answer contains.

use redress_core::case::{Case, CaseId, ChecklistEntry, Hint, ItemState, hints};
pub use redress_core::case::{CaseFile, FileRole};
use redress_core::letter::AccessItem;
use redress_core::registry::Registry;
use redress_mail::{CaseCandidate, Link, Reply, link_reply};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::error::StoreError;
use crate::store::{Store, sql};

/// What importing a reply did.
#[derive(Debug, Clone, Serialize)]
pub struct ReplyImport {
    pub case: Case,
    pub file: CaseFile,
    /// Why the reply was linked to this case, when Redress chose it.
    pub link: Option<Link>,
    /// Sentences that seem to cover an Art. 15 item, for the checklist.
    pub hints: Vec<Hint>,
}

/// A file's columns besides its case and content.
pub(crate) struct NewCaseFile<'a> {
    pub role: FileRole,
    pub file_name: &'a str,
    pub media_type: &'a str,
    pub sha256: &'a str,
    pub from_address: Option<&'a str>,
    pub subject: Option<&'a str>,
    pub dated: Option<jiff::civil::Date>,
    pub added_at: &'a str,
}

/// Adds a file to a case (also used by bundle import, inside its transaction).
pub(crate) fn insert_case_file(
    conn: &rusqlite::Connection,
    case_id: CaseId,
    f: &NewCaseFile<'_>,
    content: &[u8],
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO case_files (case_id, role, file_name, media_type, sha256, size, from_address, subject, dated, content, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            case_id,
            f.role.code(),
            f.file_name,
            f.media_type,
            f.sha256,
            i64::try_from(content.len()).unwrap_or(i64::MAX),
            f.from_address,
            f.subject,
            f.dated.map(|d| d.to_string()),
            content,
            f.added_at
        ],
    )?;
    Ok(())
}

/// Marks a checklist item (or clears it with `None`).
pub(crate) fn write_checklist_item(
    conn: &rusqlite::Connection,
    case_id: CaseId,
    item: AccessItem,
    state: Option<ItemState>,
    now: &str,
) -> rusqlite::Result<usize> {
    match state {
        None => {
            conn.execute("DELETE FROM case_checklist WHERE case_id = ?1 AND item = ?2", params![case_id, item.code()])
        }
        Some(state) => conn.execute(
            "INSERT INTO case_checklist (case_id, item, state, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(case_id, item) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
            params![case_id, item.code(), state.code(), now],
        ),
    }
}

impl Store {
    /// Stores `bytes` (read as `reply`) with the case.
    pub fn add_case_file(
        &mut self,
        case_id: CaseId,
        role: FileRole,
        reply: &Reply,
        bytes: &[u8],
        now: jiff::Timestamp,
    ) -> Result<CaseFile, StoreError> {
        self.case(case_id)?;
        let file = NewCaseFile {
            role,
            file_name: &reply.file_name,
            media_type: &reply.media_type,
            sha256: &reply.sha256,
            from_address: reply.from_address.as_deref(),
            subject: reply.subject.as_deref(),
            dated: reply.date,
            added_at: &now.to_string(),
        };
        insert_case_file(&self.conn, case_id, &file, bytes).map_err(|e| sql(&self.path, e))?;
        let id = self.conn.last_insert_rowid();
        self.case_files(case_id)?.into_iter().find(|f| f.id == id).ok_or(StoreError::UnknownFile { id })
    }

    /// The case's files, oldest first.
    pub fn case_files(&self, case_id: CaseId) -> Result<Vec<CaseFile>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, role, file_name, media_type, sha256, size, from_address, subject, dated, added_at
                 FROM case_files WHERE case_id = ?1 ORDER BY id",
            )
            .map_err(|e| sql(&self.path, e))?;
        let rows = stmt
            .query_map([case_id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, String>(9)?,
                ))
            })
            .map_err(|e| sql(&self.path, e))?;
        rows.map(|row| {
            let (id, role, file_name, media_type, sha256, size, from_address, subject, dated, added_at) =
                row.map_err(|e| sql(&self.path, e))?;
            Ok(CaseFile {
                id,
                case_id,
                role: role
                    .parse::<FileRole>()
                    .ok()
                    .ok_or_else(|| self.damaged(format!("file {id} has an unknown role {role:?}")))?,
                file_name,
                media_type,
                sha256,
                size: u64::try_from(size).unwrap_or(0),
                from_address,
                subject,
                dated: dated.and_then(|d| d.parse().ok()),
                added_at,
            })
        })
        .collect()
    }

    /// A stored file's bytes.
    pub fn case_file_content(&self, file_id: i64) -> Result<Vec<u8>, StoreError> {
        self.conn
            .query_row("SELECT content FROM case_files WHERE id = ?1", [file_id], |r| r.get(0))
            .optional()
            .map_err(|e| sql(&self.path, e))?
            .ok_or(StoreError::UnknownFile { id: file_id })
    }

    /// The checklist of an access answer as the user ticked it.
    pub fn checklist(&self, case_id: CaseId) -> Result<Vec<ChecklistEntry>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT item, state FROM case_checklist WHERE case_id = ?1")
            .map_err(|e| sql(&self.path, e))?;
        let rows = stmt
            .query_map([case_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| sql(&self.path, e))?;
        let mut entries = Vec::new();
        for row in rows {
            let (item, state) = row.map_err(|e| sql(&self.path, e))?;
            let Ok(state) = state.parse::<ItemState>() else { continue };
            if let Ok(item) = item.parse::<AccessItem>() {
                entries.push(ChecklistEntry { item, state });
            }
        }
        entries.sort_by_key(|e| AccessItem::ALL.iter().position(|i| *i == e.item));
        Ok(entries)
    }

    /// Marks items present or missing, or clears them (`None`), in one transaction.
    pub fn set_checklist(
        &mut self,
        case_id: CaseId,
        changes: &[(AccessItem, Option<ItemState>)],
        now: jiff::Timestamp,
    ) -> Result<Case, StoreError> {
        self.case(case_id)?;
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| sql(&path, e))?;
        for (item, state) in changes {
            write_checklist_item(&tx, case_id, *item, *state, &now.to_string()).map_err(|e| sql(&path, e))?;
        }
        tx.commit().map_err(|e| sql(&path, e))?;
        self.case(case_id)
    }

    /// What each case offers for matching a reply: the vendor's domains, the request's
    /// Message-ID and whether an answer is awaited.
    pub fn link_candidates(&self, registry: &Registry) -> Result<Vec<CaseCandidate>, StoreError> {
        Ok(self
            .cases()?
            .into_iter()
            .map(|c| {
                let vendor = registry.vendor(&c.vendor_id);
                let mut domains: Vec<String> = vendor.map(|v| v.domains.clone()).unwrap_or_default();
                if let Some(v) = vendor {
                    for address in [&v.contacts.privacy_email, &v.contacts.dpo_email].into_iter().flatten() {
                        if let Some((_, d)) = address.rsplit_once('@') {
                            domains.push(d.to_owned());
                        }
                    }
                }
                let mut domains: Vec<String> = domains.into_iter().map(|d| d.to_ascii_lowercase()).collect();
                domains.sort();
                domains.dedup();
                let sent_reference = c.reminder_facts(Vec::new()).and_then(|f| f.reference);
                CaseCandidate {
                    case_id: c.id,
                    vendor_name: vendor.map_or(c.vendor_id.clone(), |v| v.name.clone()),
                    domains,
                    sent_reference,
                    awaiting: c.status.awaiting_answer(),
                }
            })
            .collect())
    }

    /// Stores a reply with its case: the one given, or the one Redress finds it answers (by the
    /// message it replies to and the sender's domain). Returns hints for the checklist.
    pub fn import_reply(
        &mut self,
        case_id: Option<CaseId>,
        reply: &Reply,
        bytes: &[u8],
        registry: &Registry,
        now: jiff::Timestamp,
    ) -> Result<ReplyImport, StoreError> {
        let (case_id, link) = match case_id {
            Some(id) => (id, None),
            None => {
                let candidates = self.link_candidates(registry)?;
                let link = link_reply(reply, &candidates).ok_or_else(|| StoreError::ReplyNotLinked {
                    file: reply.file_name.clone(),
                    why: match (&reply.from_address, candidates.is_empty()) {
                        (_, true) => "there are no cases yet".into(),
                        (Some(from), false) => format!("no single case matches the sender {from}"),
                        (None, false) => "it is not an e-mail, so it names no sender".into(),
                    },
                })?;
                (link.case_id, Some(link))
            }
        };
        let file = self.add_case_file(case_id, FileRole::Reply, reply, bytes, now)?;
        Ok(ReplyImport {
            case: self.case(case_id)?,
            file,
            link,
            hints: reply.text.as_deref().map(hints).unwrap_or_default(),
        })
    }
}
