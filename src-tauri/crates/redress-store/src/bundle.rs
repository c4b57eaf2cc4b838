//! Case bundles: one case, its person, timeline and files in one versioned JSON file
//! (`redress-case-bundle`, documented in docs/case-bundle.md with a JSON Schema in
//! docs/case-bundle.schema.json), so an advocate can hand a case over and a complaint can be
//! built from a file.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use redress_core::case::{CaseEvent, ChecklistEntry, RequestKind, replay};
use redress_core::deadline::Calendar;
use redress_core::identity::ProfileInput;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::case_files::{FileRole, NewCaseFile, insert_case_file, write_checklist_item};
use crate::cases::{Case, CaseId};
use crate::error::StoreError;
use crate::profiles::{ProfileId, insert_profile, upsert_mandate};
use crate::store::{Store, sql};

pub const BUNDLE_FORMAT: &str = "redress-case-bundle";
/// 3 spells values with `-` (`source-inquiry`, `marked-overdue`; see redress_core::spelling);
/// 2 added the case's files (replies, proofs) and the access-answer checklist. Versions 1 and 2
/// (`_` spellings; version 1 without files or checklist) are still read.
pub const BUNDLE_VERSION: u32 = 3;

/// A reply or proof of sending carried in a bundle, with what was read from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleCaseFile {
    pub role: FileRole,
    pub file_name: String,
    pub media_type: String,
    pub sha256: String,
    pub from_address: Option<String>,
    pub subject: Option<String>,
    pub dated: Option<jiff::civil::Date>,
    pub added_at: String,
    pub content_base64: String,
}

/// The mandate carried in a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleFile {
    pub file_name: String,
    pub media_type: String,
    pub sha256: String,
    pub content_base64: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleCase {
    pub vendor_id: String,
    pub holiday_country: String,
    pub kind: RequestKind,
    pub created_at: String,
}

/// A timeline entry. (serde cannot refuse unknown fields next to a flattened one; the event's
/// own fields are still checked by its tag.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleEvent {
    pub recorded_at: String,
    #[serde(flatten)]
    pub event: CaseEvent,
}

/// The whole bundle. Ids are not carried: they belong to the store that imports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseBundle {
    pub format: String,
    pub format_version: u32,
    pub exported_at: String,
    pub person: ProfileInput,
    pub mandate: Option<BundleFile>,
    pub case: BundleCase,
    pub timeline: Vec<BundleEvent>,
    /// Replies and proofs of sending (version 2).
    #[serde(default)]
    pub files: Vec<BundleCaseFile>,
    /// What the user found in an access answer (version 2).
    #[serde(default)]
    pub checklist: Vec<ChecklistEntry>,
}

impl CaseBundle {
    /// Reads a bundle, naming the field of any problem ("timeline[2].on: …").
    pub fn parse(bytes: &[u8], origin: &std::path::Path) -> Result<CaseBundle, StoreError> {
        let bad = |detail: String| StoreError::BadBundle { path: origin.to_owned(), detail };
        let text = std::str::from_utf8(bytes).map_err(|e| bad(format!("not UTF-8 text (byte {})", e.valid_up_to())))?;
        let mut de = serde_json::Deserializer::from_str(text);
        let bundle: CaseBundle = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            if inner.is_syntax() || inner.is_eof() {
                bad(format!("not valid JSON: {inner}"))
            } else {
                bad(format!("field {path}: {inner}"))
            }
        })?;
        if bundle.format != BUNDLE_FORMAT {
            return Err(bad(format!("format is {:?}, expected {BUNDLE_FORMAT:?}", bundle.format)));
        }
        if bundle.format_version == 0 || bundle.format_version > BUNDLE_VERSION {
            return Err(bad(format!(
                "format_version {} is not one this Redress reads (1 to {BUNDLE_VERSION}); update Redress",
                bundle.format_version
            )));
        }
        let problems = bundle.person.problems();
        if !problems.is_empty() {
            return Err(bad(format!(
                "person: {}",
                problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
            )));
        }
        let calendar = Calendar::for_country(&bundle.case.holiday_country).ok_or_else(|| {
            bad(format!(
                "case.holiday_country {:?} is not a country Redress has holidays for",
                bundle.case.holiday_country
            ))
        })?;
        replay(bundle.timeline.iter().map(|t| &t.event), &calendar)
            .map_err(|e| bad(format!("timeline does not add up: {e}")))?;
        let carried =
            bundle.mandate.iter().map(|m| ("mandate".to_owned(), &m.file_name, &m.content_base64, &m.sha256)).chain(
                bundle
                    .files
                    .iter()
                    .enumerate()
                    .map(|(i, f)| (format!("files[{i}]"), &f.file_name, &f.content_base64, &f.sha256)),
            );
        for (at, name, content, sha256) in carried {
            let content = BASE64.decode(content).map_err(|e| bad(format!("{at} ({name}) is not valid base64: {e}")))?;
            if hex::encode(Sha256::digest(&content)) != *sha256 {
                return Err(bad(format!("{at} ({name}) does not match its SHA-256: damaged or altered")));
            }
        }
        Ok(bundle)
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("bundles serialise");
        s.push('\n');
        s
    }
}

impl Store {
    /// The case with its person, mandate and timeline, as a bundle.
    pub fn export_case(&self, id: CaseId, now: jiff::Timestamp) -> Result<CaseBundle, StoreError> {
        let case = self.case(id)?;
        let person = self.profile(case.profile_id)?;
        let mandate = match (&person.mandate, self.mandate_content(person.id)?) {
            (Some(m), Some(content)) => Some(BundleFile {
                file_name: m.file_name.clone(),
                media_type: m.media_type.clone(),
                sha256: m.sha256.clone(),
                content_base64: BASE64.encode(content),
            }),
            _ => None,
        };
        Ok(CaseBundle {
            format: BUNDLE_FORMAT.into(),
            format_version: BUNDLE_VERSION,
            exported_at: now.to_string(),
            person: person.fields,
            mandate,
            case: BundleCase {
                vendor_id: case.vendor_id,
                holiday_country: case.holiday_country,
                kind: case.kind,
                created_at: case.created_at,
            },
            timeline: case
                .timeline
                .into_iter()
                .map(|t| BundleEvent { recorded_at: t.recorded_at, event: t.event })
                .collect(),
            files: case
                .files
                .iter()
                .map(|f| {
                    Ok(BundleCaseFile {
                        role: f.role,
                        file_name: f.file_name.clone(),
                        media_type: f.media_type.clone(),
                        sha256: f.sha256.clone(),
                        from_address: f.from_address.clone(),
                        subject: f.subject.clone(),
                        dated: f.dated,
                        added_at: f.added_at.clone(),
                        content_base64: BASE64.encode(self.case_file_content(f.id)?),
                    })
                })
                .collect::<Result<_, StoreError>>()?,
            checklist: case.checklist,
        })
    }

    /// Adds the bundle's case (and, unless `person` names an existing profile, its person and
    /// mandate) in one transaction: all of it or nothing.
    pub fn import_case(
        &mut self,
        bundle: &CaseBundle,
        person: Option<ProfileId>,
        now: jiff::Timestamp,
    ) -> Result<Case, StoreError> {
        if let Some(id) = person {
            self.profile(id)?;
        }
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| sql(&path, e))?;
        let profile_id = match person {
            Some(id) => id,
            None => {
                let now = now.to_string();
                let id = insert_profile(&tx, &bundle.person, &now).map_err(|e| sql(&path, e))?;
                if let Some(m) = &bundle.mandate {
                    let content = BASE64.decode(&m.content_base64).unwrap_or_default();
                    upsert_mandate(&tx, id, &m.file_name, &m.media_type, &m.sha256, &content, &now)
                        .map_err(|e| sql(&path, e))?;
                }
                id
            }
        };
        tx.execute(
            "INSERT INTO cases (profile_id, vendor_id, holiday_country, kind, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                profile_id,
                bundle.case.vendor_id,
                bundle.case.holiday_country,
                bundle.case.kind.code(),
                bundle.case.created_at
            ],
        )
        .map_err(|e| sql(&path, e))?;
        let case_id = tx.last_insert_rowid();
        for t in &bundle.timeline {
            let json = serde_json::to_string(&t.event).expect("events serialise");
            tx.execute(
                "INSERT INTO case_events (case_id, recorded_at, event) VALUES (?1, ?2, ?3)",
                params![case_id, t.recorded_at, json],
            )
            .map_err(|e| sql(&path, e))?;
        }
        for f in &bundle.files {
            let content = BASE64.decode(&f.content_base64).unwrap_or_default();
            let file = NewCaseFile {
                role: f.role,
                file_name: &f.file_name,
                media_type: &f.media_type,
                sha256: &f.sha256,
                from_address: f.from_address.as_deref(),
                subject: f.subject.as_deref(),
                dated: f.dated,
                added_at: &f.added_at,
            };
            insert_case_file(&tx, case_id, &file, &content).map_err(|e| sql(&path, e))?;
        }
        for entry in &bundle.checklist {
            write_checklist_item(&tx, case_id, entry.item, Some(entry.state), &now.to_string())
                .map_err(|e| sql(&path, e))?;
        }
        tx.commit().map_err(|e| sql(&path, e))?;
        self.case(case_id)
    }
}
