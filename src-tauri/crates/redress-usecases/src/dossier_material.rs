//! A complaint's material: the cases as the store or the bundles keep them, turned into
//! numbered, titled exhibits in the complaint's language. The mandate comes first (when an
//! advocate files), then per case the request (reproduced from the case when no proof of
//! sending is kept), the proofs and the replies, in the order they were added.

use jiff::civil::Date;
use redress_core::dossier::{DossierCase, ExhibitEntry, exhibit_titles};
use redress_core::identity::{Lang, ProfileInput};
use redress_core::letter::{LetterInput, LetterKind, Recipient, compose};
use redress_core::registry::Registry;
use redress_core::report::{Exhibit, ExhibitContent};
use redress_mail::exhibit_content;
use redress_store::{DossierSources, FileRole};

use crate::error::Result;

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

/// Numbers and titles the exhibits of `sources`; with `mandate_wanted`, the person's mandate
/// comes first, or a note says it is missing.
pub fn assemble(
    sources: DossierSources,
    registry: &Registry,
    mandate_wanted: bool,
    lang: Lang,
) -> Result<DossierMaterial> {
    let vendor = registry.require_vendor(&sources.vendor_id)?;
    let person = sources.person;
    let mut exhibits: Vec<MaterialExhibit> = Vec::new();
    let mut notes = Vec::new();
    let mut push = |title: String, case_id: Option<i64>, dated: Option<Date>, source: String, content| {
        let number = u32::try_from(exhibits.len() + 1).unwrap_or(u32::MAX);
        exhibits.push(MaterialExhibit { entry: ExhibitEntry { number, title, case_id, dated }, source, content });
    };
    match (mandate_wanted, sources.mandate) {
        (true, Some(m)) => {
            let content = exhibit_content(&m.file_name, &m.bytes, lang);
            let source = format!("{}, SHA-256 {}", m.file_name, m.sha256);
            push(exhibit_titles::mandate(lang, &person.name), None, None, source, content);
        }
        (true, None) => notes.push(format!(
            "{} has no signed mandate on file; the CNIL asks for one when someone files for another person",
            person.name
        )),
        (false, _) => {}
    }
    let mut cases = Vec::new();
    for source in sources.cases {
        let case = source.case;
        let sent = case.sent().map(|(on, _)| on);
        if !source.files.iter().any(|f| f.role == FileRole::Proof)
            && let Some(on) = sent
        {
            let recipient = Recipient::vendor(vendor, registry);
            let letter = compose(&LetterInput::new(LetterKind::from(case.kind), person.lang, &person, recipient, on))?;
            push(
                exhibit_titles::reproduced_request(lang, on, case.id),
                Some(case.id),
                Some(on),
                exhibit_titles::reproduced_request_source(lang).into(),
                ExhibitContent::Letter(Box::new(letter)),
            );
        }
        for f in source.files {
            let dated = f.dated.or(sent);
            let title = match f.role {
                FileRole::Proof => exhibit_titles::proof_of_sending(lang, dated),
                FileRole::Reply => exhibit_titles::reply(lang, dated),
            };
            let content = exhibit_content(&f.name, &f.bytes, lang);
            push(title, Some(case.id), dated, format!("{}, SHA-256 {}", f.name, f.sha256), content);
        }
        cases.push(case);
    }
    Ok(DossierMaterial { person, vendor_id: vendor.id.as_str().to_owned(), cases, exhibits, notes })
}
