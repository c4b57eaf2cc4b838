//! The PDF of a letter: a composed [`Letter`] from `redress-core` laid out as an A4 business
//! letter, ready to print, sign and post in a DL window envelope; and the PDF of a report.
//!
//! This crate owns the page layout (sender top left, recipient in the envelope window, place
//! and date, registered-post line, subject, body with headings and bulleted lists, room for
//! the signature, "Page 1 of 2" when the letter runs longer than a page), the text layout under
//! it (measuring with the font's real advance widths, wrapping, pagination), and the fonts:
//! DejaVu Sans and DejaVu Sans Bold, compiled in and embedded as subsets, so accents, « », „“,
//! €, ß, Greek, Cyrillic, Arabic and Hebrew letters print on any machine. Characters the font
//! lacks (most emoji) print as a missing-glyph box. Right-to-left words are reordered for
//! display within the left-to-right letter; Arabic letters are not joined (isolated forms).
//!
//! It also renders reports ([`report_pdf`]): the complaint dossier, a cover page and titled
//! sections (paragraphs, lists, label-value fields, tables) followed by the exhibits, each
//! under a strip naming it: e-mails and text files laid out, PNG and JPEG images drawn to fit
//! (JPEGs embedded as they are), PDF files merged page by page. Every page but the cover is
//! numbered, merged pages included; the PDF outline lists sections and exhibits. A file that
//! cannot be read gets a page saying so, and a warning, instead of failing the report.
//!
//! Output is deterministic: nothing reads the clock (the creation date comes in
//! [`PdfMeta`]), and the same letter (or report) and metadata give byte-identical files.
//!
//! ```
//! use redress_core::identity::Lang;
//! use redress_core::letter::{Block, Letter, LetterKind};
//! use redress_pdf::{letter_pdf, PdfMeta};
//!
//! let letter = Letter {
//!     kind: LetterKind::Access,
//!     lang: Lang::En,
//!     sender: vec!["Zoé Martin".into(), "zoe@example.fr".into()],
//!     recipient: vec!["Kaspr SAS".into(), "For the attention of the DPO".into()],
//!     to_email: None,
//!     from_email: None,
//!     place_date: "Lyon, 25 November 2026".into(),
//!     registered_line: None,
//!     subject: "Access request (Article 15 GDPR)".into(),
//!     body: vec![Block::Paragraph("Dear Sir or Madam,".into())],
//!     signature: vec!["Zoé Martin".into()],
//!     notices: vec![],
//!     file_stem: "kaspr-access-en".into(),
//! };
//! let created: jiff::Timestamp = "2026-11-25T09:30:00Z".parse().unwrap();
//! let pdf = letter_pdf(&letter, &PdfMeta::new(created)).unwrap();
//! assert!(pdf.starts_with(b"%PDF-"));
//! ```

mod bidi;
mod document;
mod fingerprint;
mod fonts;
mod image;
mod layout;
mod placement;
mod report;

use redress_core::letter::Letter;

pub use report::{ReportPdf, report_pdf};

/// What goes in the PDF's metadata besides the letter itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfMeta {
    /// The creation (and modification) date. Passed in, so rendering is reproducible.
    pub created: jiff::Timestamp,
    /// The document title; `None` uses the letter's subject.
    pub title: Option<String>,
}

impl PdfMeta {
    /// Metadata with the given creation date and the subject as title.
    #[must_use]
    pub fn new(created: jiff::Timestamp) -> Self {
        PdfMeta { created, title: None }
    }
}

/// Everything that can go wrong rendering a PDF. None of it is the user's doing: the inputs are
/// plain text, and any text renders.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The fonts compiled into the program are broken: a bug in Redress.
    #[error("failed to load the built-in fonts (this is a bug in Redress, please report it): {message}")]
    Font { message: String },

    #[error("failed to subset the font {font}: {message}")]
    Subset { font: &'static str, message: String },

    #[error("failed to write the pdf: {message}")]
    Pdf { message: String },

    #[error("failed to write the creation date {created}: PDF dates need a year between 1 and 9999")]
    Date { created: jiff::Timestamp },
}

/// The letter as an A4 PDF.
///
/// Every part of the letter is printed except its notices (advice for the user) and e-mail
/// addresses (headers for the e-mail version). Long lines wrap, words longer than a line break
/// between characters, and what does not fit on a page continues on the next.
///
/// # Errors
///
/// Only on a bug or a date a PDF cannot hold: [`Error::Font`] if the built-in fonts do not
/// parse, [`Error::Subset`] or [`Error::Pdf`] if the font subset or the file cannot be
/// written, [`Error::Date`] if `meta.created` is outside the years 1 to 9999.
pub fn letter_pdf(letter: &Letter, meta: &PdfMeta) -> Result<Vec<u8>, Error> {
    let fonts = fonts::fonts()?;
    let pages = placement::pages(letter, fonts);
    let title = meta.title.as_deref().unwrap_or(&letter.subject);
    document::write(&pages, fonts, title, meta.created)
}
