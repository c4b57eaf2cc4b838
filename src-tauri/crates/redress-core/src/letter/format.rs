//! The forms a letter is written in.

/// How a letter is written out: plain text, a ready-to-send e-mail, a postal PDF, or a
/// `mailto:` link for the system's mail program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LetterFormat {
    Txt,
    Eml,
    Pdf,
    Mailto,
}

impl LetterFormat {
    pub const ALL: [LetterFormat; 4] = [LetterFormat::Txt, LetterFormat::Eml, LetterFormat::Pdf, LetterFormat::Mailto];

    pub fn code(self) -> &'static str {
        match self {
            LetterFormat::Txt => "txt",
            LetterFormat::Eml => "eml",
            LetterFormat::Pdf => "pdf",
            LetterFormat::Mailto => "mailto",
        }
    }

    /// "text" and "email" are accepted for txt and eml.
    pub fn parse(s: &str) -> Option<LetterFormat> {
        match s.trim().to_ascii_lowercase().as_str() {
            "text" => Some(LetterFormat::Txt),
            "email" => Some(LetterFormat::Eml),
            other => LetterFormat::ALL.into_iter().find(|f| f.code() == other),
        }
    }

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
