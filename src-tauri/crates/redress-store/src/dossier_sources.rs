//! What a complaint is made of, as kept: the person, their mandate, the cases against one vendor
//! and every file kept with them, read from the store or from case bundles (an advocate's
//! hand-over) into the same shape. Numbering and titling the exhibits, and reproducing a request
//! no proof of which is kept, is the complaint use case's (`redress_usecases::complaint`).

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use jiff::civil::Date;
use redress_core::case::{CaseEvent, missing_items, replay};
use redress_core::deadline::Calendar;
use redress_core::dossier::DossierCase;
use redress_core::identity::ProfileInput;

use crate::bundle::CaseBundle;
use crate::case_files::FileRole;
use crate::cases::{Case, CaseId};
use crate::error::StoreError;
use crate::store::Store;

/// A file kept with a case, wherever it is kept.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub role: FileRole,
    pub name: String,
    pub sha256: String,
    /// The day the document is dated, when known.
    pub dated: Option<Date>,
    pub bytes: Vec<u8>,
}

/// A case with its files, in the order they were added.
#[derive(Debug, Clone)]
pub struct SourceCase {
    pub case: DossierCase,
    pub files: Vec<SourceFile>,
}

/// The person's signed mandate.
#[derive(Debug, Clone)]
pub struct SourceMandate {
    pub file_name: String,
    pub sha256: String,
    pub bytes: Vec<u8>,
}

/// The cases of one person against one vendor, with everything kept with them.
#[derive(Debug, Clone)]
pub struct DossierSources {
    pub person: ProfileInput,
    pub vendor_id: String,
    pub mandate: Option<SourceMandate>,
    pub cases: Vec<SourceCase>,
}

impl DossierSources {
    /// The sources in case bundles (already checked by [`CaseBundle::parse`]): one vendor, one
    /// person. Cases are numbered 1, 2, … in the order given.
    pub fn from_bundles(bundles: &[CaseBundle]) -> Result<DossierSources, StoreError> {
        let first =
            bundles.first().ok_or_else(|| StoreError::DossierScope { detail: "give at least one case file".into() })?;
        if let Some((i, _)) = bundles
            .iter()
            .enumerate()
            .find(|(_, b)| b.case.vendor_id != first.case.vendor_id || b.person != first.person)
        {
            return Err(StoreError::DossierScope {
                detail: format!(
                    "case file {} is about another vendor or person than case file 1: one dossier covers one vendor and one person",
                    i + 1
                ),
            });
        }
        let mut cases = Vec::new();
        for (i, b) in bundles.iter().enumerate() {
            let calendar = Calendar::for_country_or_fr(Some(&b.case.holiday_country));
            let timeline: Vec<CaseEvent> = b.timeline.iter().map(|t| t.event.clone()).collect();
            let (status, deadline) = replay(&timeline, &calendar)?;
            let files = b
                .files
                .iter()
                .map(|f| SourceFile {
                    role: f.role,
                    name: f.file_name.clone(),
                    sha256: f.sha256.clone(),
                    dated: f.dated,
                    bytes: BASE64.decode(&f.content_base64).unwrap_or_default(),
                })
                .collect();
            let id = i64::try_from(i + 1).unwrap_or(i64::MAX);
            let case =
                DossierCase { id, kind: b.case.kind, status, timeline, deadline, missing: missing_items(&b.checklist) };
            cases.push(SourceCase { case, files });
        }
        let mandate = first.mandate.as_ref().map(|m| SourceMandate {
            file_name: m.file_name.clone(),
            sha256: m.sha256.clone(),
            bytes: BASE64.decode(&m.content_base64).unwrap_or_default(),
        });
        Ok(DossierSources { person: first.person.clone(), vendor_id: first.case.vendor_id.clone(), mandate, cases })
    }
}

impl Store {
    /// Reads the cases `ids` (one vendor, one person), their files and the person's mandate.
    pub fn dossier_sources(&self, ids: &[CaseId]) -> Result<DossierSources, StoreError> {
        let cases: Vec<Case> = ids.iter().map(|id| self.case(*id)).collect::<Result<_, _>>()?;
        let first =
            cases.first().ok_or_else(|| StoreError::DossierScope { detail: "choose at least one case".into() })?;
        if let Some(other) = cases.iter().find(|c| c.vendor_id != first.vendor_id || c.profile_id != first.profile_id) {
            return Err(StoreError::DossierScope {
                detail: format!(
                    "case {} is about another vendor or person than case {}: one dossier covers one vendor and one person",
                    other.id, first.id
                ),
            });
        }
        let person = self.profile(first.profile_id)?;
        let mandate = match (&person.mandate, self.mandate_content(person.id)?) {
            (Some(m), Some(bytes)) => {
                Some(SourceMandate { file_name: m.file_name.clone(), sha256: m.sha256.clone(), bytes })
            }
            _ => None,
        };
        let mut sources = Vec::new();
        for c in &cases {
            let files = c
                .files
                .iter()
                .map(|f| {
                    Ok(SourceFile {
                        role: f.role,
                        name: f.file_name.clone(),
                        sha256: f.sha256.clone(),
                        dated: f.dated,
                        bytes: self.case_file_content(f.id)?,
                    })
                })
                .collect::<Result<_, StoreError>>()?;
            let case = DossierCase {
                id: c.id,
                kind: c.kind,
                status: c.status,
                timeline: c.timeline.iter().map(|t| t.event.clone()).collect(),
                deadline: c.deadline.clone(),
                missing: missing_items(&c.checklist),
            };
            sources.push(SourceCase { case, files });
        }
        Ok(DossierSources { person: person.fields, vendor_id: first.vendor_id.clone(), mandate, cases: sources })
    }
}
