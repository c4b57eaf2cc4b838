//! A report: a long document made of titled sections (the complaint dossier), as data. The
//! dossier composes one in words; `redress-pdf` lays it out, with its exhibits, as a PDF.

use serde::Serialize;

/// One piece of a section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ReportBlock {
    Paragraph {
        text: String,
    },
    /// A bulleted item; consecutive items form one list.
    Item {
        text: String,
    },
    /// A sub-heading inside a section.
    Subheading {
        text: String,
    },
    /// Label → value lines ("Raison sociale : KASPR SAS").
    Fields {
        rows: Vec<(String, String)>,
    },
    /// A table with a header row; `widths` are relative column widths (same length as `header`).
    Table {
        header: Vec<String>,
        widths: Vec<u16>,
        rows: Vec<Vec<String>>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportSection {
    /// Shown as the section's heading and as its PDF bookmark.
    pub title: String,
    /// Start the section on a new page.
    pub new_page: bool,
    pub blocks: Vec<ReportBlock>,
}

/// What an exhibit is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExhibitContent {
    /// A PDF, merged page by page.
    Pdf { bytes: Vec<u8> },
    /// An image (PNG or JPEG), placed on its own page.
    Image { bytes: Vec<u8> },
    /// Text (an e-mail rendered with its headers, a text file), laid out on pages.
    Text { headers: Vec<(String, String)>, body: String },
    /// A letter Redress composed (a request reproduced from a case), rendered as it would be
    /// printed and merged like a PDF.
    Letter(Box<crate::letter::Letter>),
}

/// A supporting document ("Pièce n° 3"), appended after the report's sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exhibit {
    pub number: u32,
    pub title: String,
    /// File name and SHA-256, printed on the exhibit's cover strip so it can be checked.
    pub source: String,
    pub content: ExhibitContent,
}

/// Words the layout needs in the report's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportWords {
    /// "Page {i} sur {n}" is built as `{page} {i} {of} {n}`.
    pub page: String,
    pub of: String,
    /// "Pièce n°" before an exhibit's number.
    pub exhibit: String,
    /// Printed on a page standing for an exhibit that could not be included.
    pub exhibit_unreadable: String,
}

/// The whole document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub title: String,
    /// Lines under the title on the cover page (who, against whom, date).
    pub cover_lines: Vec<String>,
    pub author: String,
    /// BCP 47 language of the text ("fr").
    pub lang: String,
    pub words: ReportWords,
    pub sections: Vec<ReportSection>,
    pub exhibits: Vec<Exhibit>,
}
