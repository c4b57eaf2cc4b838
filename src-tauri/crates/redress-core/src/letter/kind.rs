//! The kinds of letter Redress writes.

use serde::{Deserialize, Serialize};

use crate::case::RequestKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum LetterKind {
    /// Art. 15: what do you hold, from where, given to whom.
    Access,
    /// Art. 21(2) (direct marketing) and/or 21(1) (the person's particular situation).
    Objection,
    /// Art. 17, with Art. 19 notice to recipients and Art. 18 restriction meanwhile.
    Erasure,
    /// Access, then objection, then erasure, in one letter.
    Combined,
    /// Art. 14/15(1)(g) to a company that contacted the person, plus objection to marketing.
    SourceInquiry,
    /// After the deadline passed or an incomplete answer.
    Reminder,
    /// The power of attorney an advocate attaches to letters sent for someone.
    Mandate,
}

crate::spelled!(LetterKind, "kind of letter", {
    Access => "access",
    Objection => "objection",
    Erasure => "erasure",
    Combined => "combined",
    SourceInquiry => "source-inquiry",
    Reminder => "reminder",
    Mandate => "mandate",
});

impl LetterKind {
    /// The request a case tracks when this letter is sent; reminders and mandates are not requests.
    pub fn request(self) -> Option<RequestKind> {
        match self {
            LetterKind::Access => Some(RequestKind::Access),
            LetterKind::Objection => Some(RequestKind::Objection),
            LetterKind::Erasure => Some(RequestKind::Erasure),
            LetterKind::Combined => Some(RequestKind::Combined),
            LetterKind::SourceInquiry => Some(RequestKind::SourceInquiry),
            LetterKind::Reminder | LetterKind::Mandate => None,
        }
    }
}

impl From<RequestKind> for LetterKind {
    fn from(kind: RequestKind) -> Self {
        match kind {
            RequestKind::Access => LetterKind::Access,
            RequestKind::Objection => LetterKind::Objection,
            RequestKind::Erasure => LetterKind::Erasure,
            RequestKind::Combined => LetterKind::Combined,
            RequestKind::SourceInquiry => LetterKind::SourceInquiry,
        }
    }
}
