//! The forms a letter is written in.

/// How a letter is written out: plain text, a ready-to-send e-mail, a postal PDF, or a
/// `mailto:` link for the system's mail program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum LetterFormat {
    /// Plain text.
    Txt,
    /// A ready-to-send e-mail (.eml).
    Eml,
    /// A postal letter (PDF).
    Pdf,
    /// A mailto: link for the system's mail program.
    Mailto,
}

crate::spelled!(LetterFormat, "letter format", { Txt => "txt", Eml => "eml", Pdf => "pdf", Mailto => "mailto" });

impl LetterFormat {
    /// The file name extension a letter in this form is saved with.
    pub fn extension(self) -> &'static str {
        match self {
            LetterFormat::Txt => "txt",
            LetterFormat::Eml => "eml",
            LetterFormat::Pdf => "pdf",
            LetterFormat::Mailto => "mailto.txt",
        }
    }

    /// Whether the form is text that can be shown on a terminal (a PDF or an e-mail file is not).
    pub fn is_printable(self) -> bool {
        matches!(self, LetterFormat::Txt | LetterFormat::Mailto)
    }
}
