//! The PDF of a [`Report`] (the complaint dossier): a cover page, the sections, then the
//! exhibits, each starting on a new page under a strip naming it. E-mails and text files are
//! laid out like the sections, images are drawn to fit a page, PDF files are merged page by
//! page after a page announcing them. An exhibit that cannot be read does not stop the
//! report: a page says so in its place, and the caller gets a warning.
//!
//! Every page but the cover carries "Page i of n" in the report's words, merged pages
//! included (stamped over them), and the PDF outline lists the sections and exhibits.

mod assemble;
mod defuse;
mod layout;
mod source;

use redress_core::report::{ExhibitContent, Report};

use crate::document::{self, Info};
use crate::fingerprint::Fingerprint;
use crate::layout::{Face, Page, Run, Style, mm};
use crate::placement::{FOOTER_SIZE, LEFT_MM, PAGE_HEIGHT_MM, PAGE_WIDTH_MM, RIGHT_MM};
use crate::{Error, PdfMeta, fonts, image};
use assemble::{Entry, Slot};
use layout::Content;

/// A rendered report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportPdf {
    pub bytes: Vec<u8>,
    /// Pages in the file, merged exhibit pages included.
    pub pages: usize,
    /// Problems with exhibits, in words (English), e.g. "exhibit 3 (Reply from Kaspr) is not
    /// a readable PDF: …; a page says so in the dossier".
    pub warnings: Vec<String>,
}

/// The report as an A4 PDF, its exhibits included.
///
/// Output is deterministic: the same report and metadata give the same bytes.
///
/// # Errors
///
/// As [`crate::letter_pdf`]: only on a bug ([`Error::Font`], [`Error::Subset`],
/// [`Error::Pdf`]) or a creation date a PDF cannot hold ([`Error::Date`]). Unreadable
/// exhibits are not errors; they are reported in [`ReportPdf::warnings`].
pub fn report_pdf(report: &Report, meta: &PdfMeta) -> Result<ReportPdf, Error> {
    // Letters Redress composed are printed first, then merged like any PDF exhibit.
    let rendered;
    let report = if report.exhibits.iter().any(|e| matches!(e.content, ExhibitContent::Letter(_))) {
        let mut copy = report.clone();
        for exhibit in &mut copy.exhibits {
            if let ExhibitContent::Letter(letter) = &exhibit.content {
                exhibit.content = ExhibitContent::Pdf { bytes: crate::letter_pdf(letter, meta)? };
            }
        }
        rendered = copy;
        &rendered
    } else {
        report
    };
    let fonts = fonts::fonts()?;
    let date = document::pdf_date(meta.created)?;

    // Read the exhibits first: how many pages a PDF has, how large an image is, decides the
    // layout; what cannot be read gets a page saying so.
    let mut warnings = Vec::new();
    let mut images = Vec::new();
    let mut sources = Vec::with_capacity(report.exhibits.len());
    let mut failures: Vec<Option<String>> = Vec::with_capacity(report.exhibits.len());
    for exhibit in &report.exhibits {
        let (source, failure) = match &exhibit.content {
            ExhibitContent::Pdf { bytes } => match source::load_pdf(bytes) {
                Ok(pdf) => {
                    if pdf.removed.too_deep > 0 {
                        warnings.push(format!(
                            "exhibit {} ({}): {}; its first page says so in the dossier",
                            exhibit.number,
                            exhibit.title.trim(),
                            layout::TOO_DEEP_REASON
                        ));
                    }
                    (Some(pdf), None)
                }
                Err(reason) => (None, Some(("PDF", reason))),
            },
            ExhibitContent::Image { bytes } => match image::load(bytes) {
                Ok(image) => {
                    images.push(image);
                    (None, None)
                }
                Err(reason) => (None, Some(("image", reason))),
            },
            ExhibitContent::Text { .. } => (None, None),
            // Rendered to a PDF above.
            ExhibitContent::Letter(_) => (None, Some(("letter", "the letter could not be printed".to_owned()))),
        };
        if let Some((kind, reason)) = &failure {
            warnings.push(format!(
                "exhibit {} ({}) is not a readable {kind}: {reason}; a page says so in the dossier",
                exhibit.number,
                exhibit.title.trim()
            ));
        }
        sources.push(source);
        failures.push(failure.map(|(_, reason)| reason));
    }
    let mut next_image = 0;
    let contents: Vec<Content<'_>> = report
        .exhibits
        .iter()
        .zip(&sources)
        .zip(&failures)
        .map(|((exhibit, source), failure)| {
            if let Some(reason) = failure {
                return Content::Unreadable { reason };
            }
            match (&exhibit.content, source) {
                (ExhibitContent::Text { headers, body }, _) => Content::Text { headers, body },
                (_, Some(pdf)) => Content::Pdf { pages: pdf.pages.len(), too_deep: pdf.removed.too_deep > 0 },
                _ => {
                    let image = next_image;
                    next_image += 1;
                    let size = images.get(image).map_or((1, 1), image::Image::displayed_size);
                    Content::Image { image, size }
                }
            }
        })
        .collect();

    let laid = layout::lay_out(report, &contents, fonts);
    let mut pages = laid.pages;

    // The finished order: our pages, each PDF exhibit's pages after the page announcing it.
    let mut order = Vec::new();
    for n in 0..pages.len() {
        order.push(Slot::Own(n));
        for merge in laid.merges.iter().filter(|m| m.after == n) {
            let count = sources.get(merge.exhibit).and_then(Option::as_ref).map_or(0, |s| s.pages.len());
            order.extend((0..count).map(|page| Slot::Merged { exhibit: merge.exhibit, page }));
        }
    }

    // Page numbers (not on the cover), and the exhibit's number at the bottom left of each of
    // its pages. Merged pages get theirs on a stamp page of their shown size.
    let total = order.len();
    let exhibit_of_page = |n: usize| laid.exhibit_pages.iter().position(|&(first, last)| (first..=last).contains(&n));
    let mut stamps = Vec::new();
    for (i, slot) in order.iter().enumerate() {
        let label = format!("{} {} {} {total}", report.words.page, i + 1, report.words.of);
        match *slot {
            Slot::Own(n) => {
                let (w, h) = (mm(PAGE_WIDTH_MM), mm(PAGE_HEIGHT_MM));
                let page = &mut pages[n];
                if i > 0 {
                    page.runs.push(footer(fonts, label, w, h, true));
                }
                if let Some(exhibit) = exhibit_of_page(n) {
                    page.runs.push(footer(fonts, exhibit_mark(report, exhibit), w, h, false));
                }
            }
            Slot::Merged { exhibit, page } => {
                let size = sources
                    .get(exhibit)
                    .and_then(Option::as_ref)
                    .and_then(|s| s.pages.get(page))
                    .map_or((mm(PAGE_WIDTH_MM), mm(PAGE_HEIGHT_MM)), source::SourcePage::shown_size);
                let runs = vec![
                    footer(fonts, label, size.0, size.1, true),
                    footer(fonts, exhibit_mark(report, exhibit), size.0, size.1, false),
                ];
                stamps.push(Page { runs, shapes: Vec::new(), size: Some(size) });
            }
        }
    }
    let outline: Vec<Entry> = laid
        .bookmarks
        .iter()
        .filter_map(|b| {
            let page = order.iter().position(|s| *s == Slot::Own(b.page))?;
            // A little above the heading, so it is not flush with the window's edge.
            let top = mm(PAGE_HEIGHT_MM) - b.y + mm(5.0);
            Some(Entry { title: b.title.clone(), page, top: top.min(mm(PAGE_HEIGHT_MM)) })
        })
        .collect();

    let title = meta.title.as_deref().unwrap_or(&report.title);
    pages.extend(stamps);
    let id = document_id(&pages, report, title, meta.created);
    let mut pdf = document::build(&pages, fonts, images, title)?;
    drop(pages);
    assemble::assemble(&mut pdf, &order, sources, &outline, &report.lang)?;
    let author = Some(report.author.trim()).filter(|a| !a.is_empty());
    let bytes = document::finish(pdf, &Info { title, author, date }, id)?;
    Ok(ReportPdf { bytes, pages: total, warnings })
}

/// "Pièce n° 3", printed at the bottom left of an exhibit's pages.
fn exhibit_mark(report: &Report, exhibit: usize) -> String {
    report.exhibits.get(exhibit).map(|e| format!("{} {}", report.words.exhibit, e.number)).unwrap_or_default()
}

/// The dossier's page numbers sit this far above the bottom edge: below the footers of most
/// documents (letters put theirs 12 mm up), so an exhibit's own page number stays readable
/// next to the dossier's. Every page has them in the same place.
const STAMP_BASELINE_FROM_BOTTOM_MM: f32 = 7.0;

/// Small grey text in the bottom margin of a page `w` by `h` points, flush right or left.
fn footer(fonts: &fonts::Fonts, text: String, w: f32, h: f32, right: bool) -> Run {
    let baseline = h - mm(STAMP_BASELINE_FROM_BOTTOM_MM);
    if right {
        crate::placement::footer(fonts, text, w - mm(RIGHT_MM), baseline)
    } else {
        let style = Style { face: Face::Regular, size: FOOTER_SIZE };
        Run { x: mm(LEFT_MM), baseline, style, muted: true, text }
    }
}

/// The file identifier: everything drawn, and the exhibits' bytes.
fn document_id(pages: &[Page], report: &Report, title: &str, created: jiff::Timestamp) -> [u8; 16] {
    let mut print = Fingerprint::new();
    print.add(&document::document_id(pages, title, created));
    print.add(report.author.as_bytes()).add(report.lang.as_bytes());
    // Text exhibits are in the pages already.
    for exhibit in &report.exhibits {
        if let ExhibitContent::Pdf { bytes } | ExhibitContent::Image { bytes } = &exhibit.content {
            print.add(bytes);
        }
    }
    let a = print.finish();
    let b = print.add(b"second half").finish();
    let mut id = [0; 16];
    id[..8].copy_from_slice(&a.to_be_bytes());
    id[8..].copy_from_slice(&b.to_be_bytes());
    id
}
