//! What a complaint is made of: the person, the cases against one vendor, and the exhibits in
//! order (the mandate, then per case the request, the proofs and the replies). Gathered from the
//! store or from case bundles (an advocate's hand-over), the same way; the CLI and the app
//! render it with redress-pdf.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use jiff::civil::Date;
use redress_core::case::{CaseEvent, missing_items, replay};
use redress_core::deadline::Calendar;
use redress_core::dossier::{DossierCase, ExhibitEntry};
use redress_core::identity::{Lang, ProfileInput};
use redress_core::letter::{LetterInput, LetterKind, Recipient, compose};
use redress_core::registry::{Registry, Vendor};
use redress_core::report::{Exhibit, ExhibitContent};
use redress_mail::exhibit_content;

use crate::bundle::CaseBundle;
use crate::case_files::FileRole;
use crate::cases::{Case, CaseId};
use crate::error::StoreError;
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
    pub person: ProfileInput,
    pub vendor_id: String,
    pub cases: Vec<DossierCase>,
    pub exhibits: Vec<MaterialExhibit>,
    /// Things the user should know (no mandate for an advocate's complaint, …).
    pub notes: Vec<String>,
}

/// A file kept with a case, wherever it is kept.
struct SourceFile {
    role: FileRole,
    name: String,
    sha256: String,
    dated: Option<Date>,
    bytes: Vec<u8>,
}

/// A case, wherever it comes from.
struct SourceCase {
    case: DossierCase,
    files: Vec<SourceFile>,
}

/// The mandate: file name, SHA-256, bytes.
type SourceMandate = (String, String, Vec<u8>);

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

    /// The material of case bundles (already checked by [`CaseBundle::parse`]): one vendor, one
    /// person. Cases are numbered 1, 2, … in the order given.
    pub fn from_bundles(
        bundles: &[CaseBundle],
        registry: &Registry,
        mandate: bool,
        lang: Lang,
    ) -> Result<DossierMaterial, StoreError> {
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
        let vendor = registry.require_vendor(&first.case.vendor_id)?;
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
        let mandate_file = first
            .mandate
            .as_ref()
            .map(|m| (m.file_name.clone(), m.sha256.clone(), BASE64.decode(&m.content_base64).unwrap_or_default()));
        assemble(&first.person, mandate.then_some(mandate_file).flatten(), mandate, vendor, registry, cases, lang)
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
        lang: Lang,
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
        let mandate_file = match (&person.mandate, self.mandate_content(person.id)?) {
            (Some(m), Some(bytes)) if mandate => Some((m.file_name.clone(), m.sha256.clone(), bytes)),
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
        assemble(&person.fields, mandate_file, mandate, vendor, registry, sources, lang)
    }
}

/// Numbers the exhibits: the mandate, then per case the request (reproduced when no proof of
/// sending is kept), the proofs and the replies, in the order they were added.
fn assemble(
    person: &ProfileInput,
    mandate_file: Option<SourceMandate>,
    mandate_wanted: bool,
    vendor: &Vendor,
    registry: &Registry,
    sources: Vec<SourceCase>,
    lang: Lang,
) -> Result<DossierMaterial, StoreError> {
    let mut exhibits: Vec<MaterialExhibit> = Vec::new();
    let mut notes = Vec::new();
    let mut number = 0u32;
    let mut push = |number: u32, title: String, case_id: Option<i64>, dated: Option<Date>, source: String, content| {
        exhibits.push(MaterialExhibit { entry: ExhibitEntry { number, title, case_id, dated }, source, content });
    };
    match (mandate_wanted, mandate_file) {
        (true, Some((name, sha256, bytes))) => {
            number += 1;
            let content = exhibit_content(&name, &bytes, lang);
            push(number, titles::mandate(lang, &person.name), None, None, format!("{name}, SHA-256 {sha256}"), content);
        }
        (true, None) => notes.push(format!(
            "{} has no signed mandate on file; the CNIL asks for one when someone files for another person",
            person.name
        )),
        (false, _) => {}
    }
    let mut cases = Vec::new();
    for source in sources {
        let case = source.case;
        let sent = case.sent().map(|(on, _)| on);
        if !source.files.iter().any(|f| f.role == FileRole::Proof)
            && let Some(on) = sent
        {
            let input = LetterInput::new(
                LetterKind::from(case.kind),
                person.lang,
                person,
                Recipient::vendor(vendor, registry),
                on,
            );
            let letter = compose(&input)?;
            number += 1;
            push(
                number,
                titles::reproduced(lang, on, case.id),
                Some(case.id),
                Some(on),
                titles::reproduced_source(lang).into(),
                ExhibitContent::Letter(Box::new(letter)),
            );
        }
        for f in source.files {
            let dated = f.dated.or(sent);
            let title = titles::file(lang, f.role, dated);
            number += 1;
            let content = exhibit_content(&f.name, &f.bytes, lang);
            push(number, title, Some(case.id), dated, format!("{}, SHA-256 {}", f.name, f.sha256), content);
        }
        cases.push(case);
    }
    Ok(DossierMaterial { person: person.clone(), vendor_id: vendor.id.as_str().to_owned(), cases, exhibits, notes })
}

/// Exhibit titles in the dossier's language.
mod titles {
    use jiff::civil::Date;
    use redress_core::identity::Lang;
    use redress_core::letter::long_date;

    use crate::case_files::FileRole;

    pub(super) fn mandate(lang: Lang, name: &str) -> String {
        match lang {
            Lang::Fr => format!("Mandat signé par {name}"),
            Lang::En => format!("Mandate signed by {name}"),
            Lang::De => format!("Von {name} unterzeichnete Vollmacht"),
        }
    }

    pub(super) fn reproduced(lang: Lang, on: Date, case: i64) -> String {
        let d = long_date(on, lang);
        match lang {
            Lang::Fr => format!("Ma demande du {d} (texte reproduit par Redress à partir du dossier n° {case})"),
            Lang::En => format!("My request of {d} (text reproduced by Redress from case no. {case})"),
            Lang::De => format!("Mein Schreiben vom {d} (von Redress aus Vorgang Nr. {case} wiedergegeben)"),
        }
    }

    pub(super) fn reproduced_source(lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => "texte de la demande reproduit par Redress",
            Lang::En => "text of the request reproduced by Redress",
            Lang::De => "von Redress wiedergegebener Text des Schreibens",
        }
    }

    pub(super) fn file(lang: Lang, role: FileRole, dated: Option<Date>) -> String {
        let d = dated.map(|d| long_date(d, lang));
        match (lang, role, d) {
            (Lang::Fr, FileRole::Proof, Some(d)) => format!("Preuve de l'envoi de ma demande du {d}"),
            (Lang::Fr, FileRole::Proof, None) => "Preuve de l'envoi de ma demande".into(),
            (Lang::Fr, FileRole::Reply, Some(d)) => format!("Réponse de la société du {d}"),
            (Lang::Fr, FileRole::Reply, None) => "Réponse de la société".into(),
            (Lang::En, FileRole::Proof, Some(d)) => format!("Proof of sending of my request of {d}"),
            (Lang::En, FileRole::Proof, None) => "Proof of sending of my request".into(),
            (Lang::En, FileRole::Reply, Some(d)) => format!("Reply from the company of {d}"),
            (Lang::En, FileRole::Reply, None) => "Reply from the company".into(),
            (Lang::De, FileRole::Proof, Some(d)) => format!("Versandnachweis für mein Schreiben vom {d}"),
            (Lang::De, FileRole::Proof, None) => "Versandnachweis für mein Schreiben".into(),
            (Lang::De, FileRole::Reply, Some(d)) => format!("Antwort des Unternehmens vom {d}"),
            (Lang::De, FileRole::Reply, None) => "Antwort des Unternehmens".into(),
        }
    }
}
