//! DTOs of the letter commands.

use serde::{Deserialize, Serialize};
use specta::Type;

/// What the Letters screen asks for: one kind, one person, the recipients and the options.
#[derive(Debug, Clone, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct LetterRequestDto {
    /// access, objection, erasure, combined, source-inquiry, reminder, mandate.
    pub kind: String,
    pub profile_id: i64,
    /// An advocate (another profile) sending the letter for the person.
    pub agent_profile_id: Option<i64>,
    /// Vendors from the registry; ignored when `all_vendors` or `company` is set.
    pub vendor_ids: Vec<String>,
    pub all_vendors: bool,
    /// A company outside the registry (source inquiry).
    pub company: Option<CompanyDto>,
    /// en, fr, de; `None`: the person's language.
    pub lang: Option<String>,
    pub place: Option<String>,
    pub registered: bool,
    /// Object to direct marketing (Art. 21(2)).
    pub direct_marketing: bool,
    /// Reasons for an Art. 21(1) objection, one paragraph each.
    pub reasons: Vec<String>,
    /// For a reminder: the case it chases.
    pub case_id: Option<i64>,
    /// For a reminder: what the answer lacked (access item codes).
    pub missing: Vec<String>,
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

/// A checklist item of an access answer (Art. 15), for the reminder's "what was missing".
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AccessItemDto {
    pub code: String,
    pub label: String,
    pub article: String,
}
