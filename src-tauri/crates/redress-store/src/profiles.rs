//! Profiles: the people Redress acts for, and their signed mandates.

use redress_core::identity::{Lang, ProfileInput};
use redress_core::letter::email::Attachment;
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::StoreError;
use crate::store::{Store, sql};

pub use redress_core::case::ProfileId;

/// A stored profile. This is also the CLI's `--json` shape (docs/cli-json.md): the id, the
/// fields the user entered, the mandate's description and the timestamps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Profile {
    pub id: ProfileId,
    #[serde(flatten)]
    pub fields: ProfileInput,
    pub mandate: Option<Mandate>,
    pub created_at: String,
    pub updated_at: String,
}

/// A signed mandate (power of attorney) kept inside the encrypted store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mandate {
    pub file_name: String,
    pub media_type: String,
    pub bytes: u64,
    pub sha256: String,
    pub added_at: String,
}

/// Mandates are scans or PDFs; anything bigger is almost certainly the wrong file.
pub const MAX_MANDATE_BYTES: usize = 20 * 1024 * 1024;

const SELECT: &str = "SELECT p.id, p.name, p.address, p.emails, p.phones, p.employer, p.linkedin_url, p.lang, p.notes,
        p.acting_for, p.created_at, p.updated_at, m.file_name, m.media_type, length(m.content), m.sha256, m.added_at
    FROM profiles p LEFT JOIN mandates m ON m.profile_id = p.id";

fn json_list(text: String) -> Vec<String> {
    serde_json::from_str(&text).unwrap_or_default()
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Profile> {
    let lang: String = r.get(7)?;
    let mandate = match r.get::<_, Option<String>>(12)? {
        Some(file_name) => Some(Mandate {
            file_name,
            media_type: r.get(13)?,
            bytes: r.get::<_, i64>(14)? as u64,
            sha256: r.get(15)?,
            added_at: r.get(16)?,
        }),
        None => None,
    };
    Ok(Profile {
        id: r.get(0)?,
        fields: ProfileInput {
            name: r.get(1)?,
            address: json_list(r.get(2)?),
            emails: json_list(r.get(3)?),
            phones: json_list(r.get(4)?),
            employer: r.get(5)?,
            linkedin_url: r.get(6)?,
            lang: lang.parse::<Lang>().unwrap_or_default(),
            notes: r.get(8)?,
            acting_for: r.get(9)?,
        },
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
        mandate,
    })
}

fn validated(input: ProfileInput) -> Result<ProfileInput, StoreError> {
    let input = input.normalised();
    let problems = input.problems();
    if problems.is_empty() { Ok(input) } else { Err(StoreError::InvalidProfile(problems)) }
}

fn list_json(v: &[String]) -> String {
    serde_json::to_string(v).expect("string lists always serialise")
}

const INSERT_PROFILE: &str = "INSERT INTO profiles (name, address, emails, phones, employer, linkedin_url, lang, notes, acting_for, created_at, updated_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)";

/// Inserts an already validated profile; returns its id. Shared by single adds, batches and
/// bundle imports (inside their transactions).
pub(crate) fn insert_profile(conn: &rusqlite::Connection, p: &ProfileInput, now: &str) -> rusqlite::Result<ProfileId> {
    conn.prepare_cached(INSERT_PROFILE)?.execute(params![
        p.name,
        list_json(&p.address),
        list_json(&p.emails),
        list_json(&p.phones),
        p.employer,
        p.linkedin_url,
        p.lang.code(),
        p.notes,
        p.acting_for,
        now
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Stores (or replaces) a profile's mandate file.
pub(crate) fn upsert_mandate(
    conn: &rusqlite::Connection,
    profile: ProfileId,
    file_name: &str,
    media_type: &str,
    sha256: &str,
    content: &[u8],
    now: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO mandates (profile_id, file_name, media_type, sha256, content, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(profile_id) DO UPDATE SET file_name = excluded.file_name, media_type = excluded.media_type,
         sha256 = excluded.sha256, content = excluded.content, added_at = excluded.added_at",
        params![profile, file_name, media_type, sha256, content, now],
    )?;
    Ok(())
}

impl Store {
    pub fn add_profile(&mut self, input: ProfileInput, now: jiff::Timestamp) -> Result<Profile, StoreError> {
        let p = validated(input)?;
        let id = insert_profile(&self.conn, &p, &now.to_string()).map_err(|e| sql(&self.path, e))?;
        self.profile(id)
    }

    pub fn profile(&self, id: ProfileId) -> Result<Profile, StoreError> {
        self.conn
            .query_row(&format!("{SELECT} WHERE p.id = ?1"), [id], from_row)
            .optional()
            .map_err(|e| sql(&self.path, e))?
            .ok_or(StoreError::UnknownProfile { id })
    }

    /// Every profile, in the order they were added.
    pub fn profiles(&self) -> Result<Vec<Profile>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT} ORDER BY p.id")).map_err(|e| sql(&self.path, e))?;
        let rows = stmt.query_map([], from_row).map_err(|e| sql(&self.path, e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| sql(&self.path, e))
    }

    pub fn update_profile(
        &mut self,
        id: ProfileId,
        input: ProfileInput,
        now: jiff::Timestamp,
    ) -> Result<Profile, StoreError> {
        let p = validated(input)?;
        let changed = self
            .conn
            .execute(
                "UPDATE profiles SET name = ?2, address = ?3, emails = ?4, phones = ?5, employer = ?6, linkedin_url = ?7,
                 lang = ?8, notes = ?9, acting_for = ?10, updated_at = ?11 WHERE id = ?1",
                params![id, p.name, list_json(&p.address), list_json(&p.emails), list_json(&p.phones), p.employer, p.linkedin_url, p.lang.code(), p.notes, p.acting_for, now.to_string()],
            )
            .map_err(|e| sql(&self.path, e))?;
        if changed == 0 {
            return Err(StoreError::UnknownProfile { id });
        }
        self.profile(id)
    }

    /// Deletes a profile and its mandate. Callers ask the user first.
    pub fn remove_profile(&mut self, id: ProfileId) -> Result<Profile, StoreError> {
        let existing = self.profile(id)?;
        self.conn.execute("DELETE FROM profiles WHERE id = ?1", [id]).map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => StoreError::ProfileHasCases { id },
            _ => sql(&self.path, e),
        })?;
        Ok(existing)
    }

    /// Stores a signed mandate for a profile, replacing an earlier one.
    pub fn set_mandate(
        &mut self,
        id: ProfileId,
        source: &std::path::Path,
        now: jiff::Timestamp,
    ) -> Result<Profile, StoreError> {
        self.profile(id)?;
        let bad = |problem: String| StoreError::BadMandate { path: source.to_owned(), problem };
        let meta = std::fs::metadata(source).map_err(|e| StoreError::Read { path: source.to_owned(), source: e })?;
        if meta.len() > MAX_MANDATE_BYTES as u64 {
            return Err(bad(format!(
                "is larger than {} MiB; scan it at a lower resolution",
                MAX_MANDATE_BYTES / 1024 / 1024
            )));
        }
        let bytes = redress_core::limited_read::read_limited(source, MAX_MANDATE_BYTES as u64, "a mandate")?;
        let media_type = redress_core::media_type::sniff_media_type(&bytes)
            .ok_or_else(|| bad("is not a PDF, PNG or JPEG file".into()))?;
        let file_name =
            source.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "mandate".into());
        let sha = hex::encode(Sha256::digest(&bytes));
        upsert_mandate(&self.conn, id, &file_name, media_type, &sha, &bytes, &now.to_string())
            .map_err(|e| sql(&self.path, e))?;
        self.profile(id)
    }

    /// The mandate file's bytes, for saving or attaching to a letter.
    pub fn mandate_content(&self, id: ProfileId) -> Result<Option<Vec<u8>>, StoreError> {
        self.profile(id)?;
        self.conn
            .query_row("SELECT content FROM mandates WHERE profile_id = ?1", [id], |r| r.get(0))
            .optional()
            .map_err(|e| sql(&self.path, e))
    }

    /// The signed mandate as an e-mail attachment, when the profile has one.
    pub fn mandate_attachment(&self, id: ProfileId) -> Result<Option<Attachment>, StoreError> {
        let Some(m) = self.profile(id)?.mandate else { return Ok(None) };
        Ok(self.mandate_content(id)?.map(|bytes| Attachment {
            file_name: m.file_name,
            media_type: m.media_type,
            bytes,
        }))
    }

    pub fn remove_mandate(&mut self, id: ProfileId) -> Result<Profile, StoreError> {
        self.profile(id)?;
        self.conn.execute("DELETE FROM mandates WHERE profile_id = ?1", [id]).map_err(|e| sql(&self.path, e))?;
        self.profile(id)
    }

    /// Adds many profiles in one transaction (imports, benchmarks): all or none.
    pub fn add_profiles(&mut self, inputs: Vec<ProfileInput>, now: jiff::Timestamp) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| sql(&path, e))?;
        let now = now.to_string();
        let mut n = 0;
        for input in inputs {
            insert_profile(&tx, &validated(input)?, &now).map_err(|e| sql(&path, e))?;
            n += 1;
        }
        tx.commit().map_err(|e| sql(&path, e))?;
        Ok(n)
    }
}
