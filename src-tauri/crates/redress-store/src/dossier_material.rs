//! What a complaint is made of, gathered from the store: the person, the cases against one
//! vendor, and the exhibits in order (the mandate, then per case the request, the proofs and
//! the replies). Shared by the CLI and the app, which render it with redress-pdf.

use redress_core::case::{CaseEvent, missing_items};
use redress_core::dossier::{DossierCase, ExhibitEntry};
use redress_core::evidence::exhibit_content;
use redress_core::identity::Lang;
use redress_core::letter::{LetterInput, LetterKind, Recipient, compose, long_date};
use redress_core::registry::Registry;
use redress_core::report::{Exhibit, ExhibitContent};

use crate::case_files::FileRole;
use crate::cases::{Case, CaseId};
use crate::error::StoreError;
use crate::profiles::Profile;
use crate::store::Store;

#[derive(Debug, Clone)]
pub struct MaterialExhibit {
    pub entry: ExhibitEntry,
    /// File name and SHA-256, or what produced it.
    pub source: String,
    /// A stored file, or (when no proof of what was sent is stored) the request reproduced from
    /// the case as a letter, which the exhibit's title says.
    pub content: ExhibitContent,
}

#[derive(Debug, Clone)]
pub struct DossierMaterial {
    pub person: Profile,
    pub vendor_id: String,
    pub cases: Vec<DossierCase>,
    pub exhibits: Vec<MaterialExhibit>,
    /// Things the user should know (no mandate for an advocate's complaint, …).
    pub notes: Vec<String>,
}

impl DossierMaterial {
    /// The exhibits as the report carries them.
    pub fn report_exhibits(&self) -> Vec<Exhibit> {
        self.exhibits
            .iter()
            .map(|m| Exhibit {
                number: m.entry.number,
                title: m.entry.title.clone(),
                source: m.source.clone(),
                content: m.content.clone(),
            })
            .collect()
    }
}

impl Store {
    /// Gathers the cases `ids` (one vendor, one person) and their exhibits. With `mandate`, the
    /// person's signed mandate comes first (an advocate files for them).
    pub fn dossier_material(
        &self,
        ids: &[CaseId],
        registry: &Registry,
        mandate: bool,
    ) -> Result<DossierMaterial, StoreError> {
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
        let vendor = registry.require_vendor(&first.vendor_id)?;
        let person = self.profile(first.profile_id)?;
        let mut exhibits: Vec<MaterialExhibit> = Vec::new();
        let mut notes = Vec::new();
        let mut push = |entry: ExhibitEntry, source: String, content: ExhibitContent| {
            exhibits.push(MaterialExhibit { entry, source, content });
        };
        let mut number = 0u32;
        if mandate {
            match (&person.mandate, self.mandate_content(person.id)?) {
                (Some(m), Some(bytes)) => {
                    number += 1;
                    push(
                        ExhibitEntry { number, title: format!("Mandat signé par {}", person.fields.name), case_id: None, dated: None },
                        format!("{}, SHA-256 {}", m.file_name, m.sha256),
                        exhibit_content(&m.file_name, &bytes),
                    );
                }
                _ => notes.push(format!(
                    "{} has no signed mandate in the store; the CNIL asks for one when someone files for another person",
                    person.fields.name
                )),
            }
        }
        for case in &cases {
            let sent = case.timeline.iter().find_map(|t| match &t.event {
                CaseEvent::Sent { on, .. } => Some(*on),
                _ => None,
            });
            if !case.files.iter().any(|f| f.role == FileRole::Proof)
                && let Some(on) = sent
            {
                let input = LetterInput::new(
                    LetterKind::from(case.kind),
                    person.fields.lang,
                    &person.fields,
                    Recipient::vendor(vendor, registry),
                    on,
                );
                let letter = compose(&input)?;
                number += 1;
                push(
                    ExhibitEntry {
                        number,
                        title: format!(
                            "Ma demande du {} (texte reproduit par Redress à partir du dossier n° {})",
                            long_date(on, Lang::Fr),
                            case.id
                        ),
                        case_id: Some(case.id),
                        dated: Some(on),
                    },
                    "texte de la demande reproduit par Redress".into(),
                    ExhibitContent::Letter(Box::new(letter)),
                );
            }
            for f in &case.files {
                let bytes = self.case_file_content(f.id)?;
                let dated = f.dated.or(sent);
                let title = match (f.role, dated) {
                    (FileRole::Proof, Some(d)) => {
                        format!("Preuve de l'envoi de ma demande du {}", long_date(d, Lang::Fr))
                    }
                    (FileRole::Proof, None) => "Preuve de l'envoi de ma demande".into(),
                    (FileRole::Reply, Some(d)) => format!("Réponse de la société du {}", long_date(d, Lang::Fr)),
                    (FileRole::Reply, None) => "Réponse de la société".into(),
                };
                number += 1;
                push(
                    ExhibitEntry { number, title, case_id: Some(case.id), dated },
                    format!("{}, SHA-256 {}", f.file_name, f.sha256),
                    exhibit_content(&f.file_name, &bytes),
                );
            }
        }
        Ok(DossierMaterial {
            vendor_id: first.vendor_id.clone(),
            cases: cases
                .iter()
                .map(|c| DossierCase {
                    id: c.id,
                    kind: c.kind,
                    status: c.status,
                    timeline: c.timeline.iter().map(|t| t.event.clone()).collect(),
                    deadline: c.deadline.clone(),
                    missing: missing_items(&c.checklist),
                })
                .collect(),
            person,
            exhibits,
            notes,
        })
    }
}
