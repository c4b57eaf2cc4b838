//! DTOs of the letter commands.

use redress_core::identity::Lang;
use redress_core::letter::email::mailto;
use redress_core::letter::{AccessItem, Block, Letter, LetterKind, ObjectionGrounds};
use redress_usecases::letters::{CompanyRecipient, LetterRequest, PersonRef, Recipients};
use serde::{Deserialize, Serialize};
use specta::Type;

/// What the Letters screen asks for: one kind, one person, the recipients and the options.
#[derive(Debug, Clone, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct LetterRequestDto {
    pub kind: LetterKind,
    pub profile_id: i64,
    /// An advocate (another profile) sending the letter for the person.
    pub agent_profile_id: Option<i64>,
    /// Vendors from the registry; ignored when `all_vendors` or `company` is set.
    pub vendor_ids: Vec<String>,
    pub all_vendors: bool,
    /// A company outside the registry (source inquiry).
    pub company: Option<CompanyDto>,
    /// `None`: the person's language.
    pub lang: Option<Lang>,
    pub place: Option<String>,
    pub registered: bool,
    /// Object to direct marketing (Art. 21(2)).
    pub direct_marketing: bool,
    /// Reasons for an Art. 21(1) objection, one paragraph each.
    pub reasons: Vec<String>,
    /// For a reminder: the case it chases.
    pub case_id: Option<i64>,
    /// For a reminder: what the answer lacked.
    pub missing: Vec<AccessItem>,
}

impl LetterRequestDto {
    /// The use case's request.
    pub fn to_request(&self) -> LetterRequest {
        let recipients = match (&self.company, self.all_vendors) {
            (Some(c), _) => {
                Recipients::Company(CompanyRecipient { name: c.name.clone(), email: c.email.clone(), address: vec![] })
            }
            (None, true) => Recipients::AllVendors,
            (None, false) => Recipients::Vendors(self.vendor_ids.clone()),
        };
        let mut request = LetterRequest::new(self.kind);
        request.person = Some(PersonRef::Profile(self.profile_id));
        request.agent = self.agent_profile_id.map(PersonRef::Profile);
        request.recipients = recipients;
        request.case_id = self.case_id;
        request.lang = self.lang;
        request.place = self.place.clone();
        request.registered = self.registered;
        request.objection =
            ObjectionGrounds { direct_marketing: self.direct_marketing, situation: self.reasons.clone() };
        request.missing = self.missing.clone();
        request
    }
}

#[derive(Debug, Clone, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CompanyDto {
    pub name: String,
    pub email: Option<String>,
}

/// A piece of a letter's body.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct LetterBlockDto {
    /// paragraph, item (of a list) or heading.
    pub kind: String,
    pub text: String,
}

/// One composed letter, as the preview shows it.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct LetterPreviewDto {
    pub recipient_name: String,
    pub sender: Vec<String>,
    pub recipient: Vec<String>,
    pub place_date: String,
    pub registered_line: Option<String>,
    pub subject: String,
    /// "Subject:", "Objet :" or nothing (German letters set the subject in bold alone).
    pub subject_label: Option<String>,
    pub body: Vec<LetterBlockDto>,
    pub signature: Vec<String>,
    /// The whole letter as text (sender, recipient, date, subject, body, signature), for copying.
    pub text: String,
    pub to_email: Option<String>,
    /// A mailto: link with the recipient, subject and body.
    pub mailto: Option<String>,
    /// What the user must know before sending.
    pub notices: Vec<String>,
    /// The file name the letter is saved under, without extension.
    pub file_stem: String,
    /// How many letters the request makes (one per vendor).
    pub count: u32,
}

impl LetterPreviewDto {
    /// The preview of `first`, the first of `count` letters.
    pub fn new(first: &Letter, count: usize) -> Self {
        let body = first
            .body
            .iter()
            .map(|b| {
                let (kind, text) = match b {
                    Block::Paragraph(t) => ("paragraph", t),
                    Block::Item(t) => ("item", t),
                    Block::Heading(t) => ("heading", t),
                };
                LetterBlockDto { kind: kind.to_owned(), text: text.clone() }
            })
            .collect();
        LetterPreviewDto {
            recipient_name: first.recipient.first().cloned().unwrap_or_default(),
            sender: first.sender.clone(),
            recipient: first.recipient.clone(),
            place_date: first.place_date.clone(),
            registered_line: first.registered_line.clone(),
            subject_label: first.subject_label().map(str::to_owned),
            body,
            signature: first.signature.clone(),
            subject: first.subject.clone(),
            text: first.postal_text(),
            mailto: first.to_email.as_ref().map(|_| mailto(first)),
            to_email: first.to_email.clone(),
            notices: first.notices.clone(),
            file_stem: first.file_stem.clone(),
            count: u32::try_from(count).unwrap_or(u32::MAX),
        }
    }
}

/// A checklist item of an access answer (Art. 15), for the reminder's "what was missing".
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AccessItemDto {
    pub code: AccessItem,
    pub label: String,
    pub article: String,
}
