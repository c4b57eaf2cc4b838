//! DTOs of the complaint (dossier) commands.

use redress_core::report::{Report, ReportBlock};
use redress_usecases::complaint::{Complaint, ComplaintRequest, ComplaintSource, SavedComplaint};
use redress_usecases::letters::PersonRef;
use serde::{Deserialize, Serialize};
use specta::Type;

/// What the Complaint screen asks for.
#[derive(Debug, Clone, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DossierRequestDto {
    /// Cases against one vendor, for one person.
    pub case_ids: Vec<i64>,
    /// An advocate filing for the person (the mandate is attached).
    pub agent_profile_id: Option<i64>,
    /// The person states the vendor never told them it held their data (Art. 14).
    pub never_informed: bool,
    /// Paragraphs of free observations.
    pub observations: Vec<String>,
    /// The authority it goes to; `None`: the vendor's lead authority, else the CNIL. The
    /// dossier is written in that authority's language (French, German or English).
    pub authority_id: Option<String>,
}

impl DossierRequestDto {
    /// The use case's request; `pdf_name` is the file the form texts cite.
    pub fn to_request(&self, pdf_name: Option<String>) -> ComplaintRequest {
        let mut request = ComplaintRequest::new(ComplaintSource::Cases(self.case_ids.clone()));
        request.agent = self.agent_profile_id.map(PersonRef::Profile);
        request.authority = self.authority_id.clone();
        request.never_informed = self.never_informed;
        request.observations = self.observations.clone();
        request.pdf_name = pdf_name;
        request
    }
}

/// A block of a section, flat: `kind` says which fields are used.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ReportBlockDto {
    /// paragraph, item, subheading (text); fields (rows of [label, value]); table (header, rows).
    pub kind: String,
    pub text: Option<String>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ReportSectionDto {
    pub title: String,
    pub blocks: Vec<ReportBlockDto>,
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ExhibitDto {
    pub number: u32,
    pub title: String,
    pub source: String,
}

/// The complaint as the preview shows it.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DossierPreviewDto {
    pub title: String,
    pub cover_lines: Vec<String>,
    pub sections: Vec<ReportSectionDto>,
    pub exhibits: Vec<ExhibitDto>,
    /// Texts for the CNIL's online form, field by field.
    pub form_text: String,
    /// Things to know (no mandate on file, another authority's language…).
    pub notes: Vec<String>,
    /// A file name to save under.
    pub file_stem: String,
    /// The authority it is addressed to, and the language it is written in (fr, de, en).
    pub authority_name: String,
    pub lang: String,
}

impl From<&Complaint> for DossierPreviewDto {
    fn from(c: &Complaint) -> Self {
        let exhibits = c
            .material
            .exhibits
            .iter()
            .map(|e| ExhibitDto { number: e.entry.number, title: e.entry.title.clone(), source: e.source.clone() })
            .collect();
        DossierPreviewDto::new(
            &c.report,
            exhibits,
            c.form_text.clone(),
            c.material.notes.clone(),
            c.file_stem.clone(),
            c.authority_name.clone(),
        )
    }
}

impl DossierPreviewDto {
    pub fn new(
        report: &Report,
        exhibits: Vec<ExhibitDto>,
        form_text: String,
        notes: Vec<String>,
        file_stem: String,
        authority_name: String,
    ) -> Self {
        let block = |b: &ReportBlock| {
            let text = |kind: &str, t: &String| ReportBlockDto {
                kind: kind.into(),
                text: Some(t.clone()),
                header: vec![],
                rows: vec![],
            };
            match b {
                ReportBlock::Paragraph { text: t } => text("paragraph", t),
                ReportBlock::Item { text: t } => text("item", t),
                ReportBlock::Subheading { text: t } => text("subheading", t),
                ReportBlock::Fields { rows } => ReportBlockDto {
                    kind: "fields".into(),
                    text: None,
                    header: vec![],
                    rows: rows.iter().map(|(k, v)| vec![k.clone(), v.clone()]).collect(),
                },
                ReportBlock::Table { header, rows, .. } => {
                    ReportBlockDto { kind: "table".into(), text: None, header: header.clone(), rows: rows.clone() }
                }
            }
        };
        DossierPreviewDto {
            title: report.title.clone(),
            cover_lines: report.cover_lines.clone(),
            sections: report
                .sections
                .iter()
                .map(|s| ReportSectionDto { title: s.title.clone(), blocks: s.blocks.iter().map(block).collect() })
                .collect(),
            exhibits,
            form_text,
            notes,
            file_stem,
            authority_name,
            lang: report.lang.clone(),
        }
    }
}

/// What saving wrote.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DossierSavedDto {
    pub path: String,
    pub pages: u32,
    pub warnings: Vec<String>,
}

impl From<SavedComplaint> for DossierSavedDto {
    fn from(s: SavedComplaint) -> Self {
        DossierSavedDto {
            path: s.path.display().to_string(),
            pages: u32::try_from(s.pages).unwrap_or(u32::MAX),
            warnings: s.warnings,
        }
    }
}
