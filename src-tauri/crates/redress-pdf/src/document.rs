//! Laid-out pages to PDF bytes: printpdf builds the document (content streams, the embedded
//! font subsets with widths and ToUnicode maps), lopdf finishes it. printpdf draws the trailer
//! `/ID` at random and fills the Info dictionary with empty and PDF/X fields; we replace both,
//! so the same input gives the same bytes and the file claims no conformance it lacks.

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Dictionary, Object, StringFormat};
use printpdf::{
    Color, CurTransMat, ExternalXObject, FontId, Greyscale, Mm, Op, PaintMode, PdfDocument, PdfFont, PdfFontHandle,
    PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Pt, TextItem, TextMatrix, XObject, XObjectId, XObjectTransform,
};

use crate::Error;
use crate::fingerprint::Fingerprint;
use crate::fonts::Fonts;
use crate::image::Image;
use crate::layout::{Face, Page, Shape, mm};
use crate::placement::{PAGE_HEIGHT_MM, PAGE_WIDTH_MM};

const PRODUCER: &str = "Redress";
const MUTED_GREY: f32 = 0.4;

/// Writes `pages` as a PDF with `title` and `created` in its Info dictionary.
pub(crate) fn write(pages: &[Page], fonts: &Fonts, title: &str, created: jiff::Timestamp) -> Result<Vec<u8>, Error> {
    let date = pdf_date(created)?;
    let pdf = build(pages, fonts, Vec::new(), title)?;
    finish(pdf, &Info { title, author: None, date }, document_id(pages, title, created))
}

/// What goes in the Info dictionary.
#[derive(Debug)]
pub(crate) struct Info<'a> {
    pub title: &'a str,
    pub author: Option<&'a str>,
    /// From [`pdf_date`].
    pub date: String,
}

/// The pages as a PDF document in memory: printpdf draws them, with the fonts (subset to what
/// the runs use) and `images` (the [`Shape::Image`]s' numbers index it). The document's page
/// tree lists the pages in order.
pub(crate) fn build(pages: &[Page], fonts: &Fonts, images: Vec<Image>, title: &str) -> Result<lopdf::Document, Error> {
    let mut doc = PdfDocument::new(title);

    // Only the faces the letter uses, with only the characters it uses.
    let mut chars: BTreeMap<Face, BTreeSet<char>> = BTreeMap::new();
    for run in pages.iter().flat_map(|p| &p.runs) {
        chars.entry(run.style.face).or_default().extend(run.text.chars());
    }
    let font_ids: BTreeMap<Face, FontId> =
        chars.keys().map(|&face| (face, FontId(resource_name(face).into()))).collect();
    for (face, used) in &chars {
        let font = fonts.face(*face).subset(used)?;
        doc.resources.fonts.map.insert(FontId(resource_name(*face).into()), PdfFont::new(font));
    }
    let orientations: Vec<u8> = images.iter().map(|image| image.orientation).collect();
    for (i, image) in images.into_iter().enumerate() {
        let xobject = ExternalXObject { stream: image.stream, width: None, height: None, dpi: None };
        doc.resources.xobjects.map.insert(image_id(i), XObject::External(xobject));
    }

    let pdf_pages = pages
        .iter()
        .map(|page| {
            let (page_width, page_height) = page.size.unwrap_or((mm(PAGE_WIDTH_MM), mm(PAGE_HEIGHT_MM)));
            let mut ops = shapes(&page.shapes, page_height, &orientations);
            ops.push(Op::StartTextSection);
            let mut current: Option<(Face, f32)> = None;
            let mut muted = false;
            for run in &page.runs {
                if current != Some((run.style.face, run.style.size))
                    && let Some(id) = font_ids.get(&run.style.face)
                {
                    ops.push(Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(run.style.size) });
                    current = Some((run.style.face, run.style.size));
                }
                if run.muted != muted {
                    let grey = if run.muted { MUTED_GREY } else { 0.0 };
                    ops.push(Op::SetFillColor { col: Color::Greyscale(Greyscale::new(grey, None)) });
                    muted = run.muted;
                }
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(Pt(run.x), Pt(page_height - run.baseline)),
                });
                ops.push(Op::ShowText { items: vec![TextItem::Text(run.text.clone())] });
            }
            ops.push(Op::EndTextSection);
            match page.size {
                None => PdfPage::new(Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM), ops),
                Some(_) => PdfPage::new(Mm::from(Pt(page_width)), Mm::from(Pt(page_height)), ops),
            }
        })
        .collect();
    doc.with_pages(pdf_pages);

    // Subsetting is done above; printpdf would only repeat it with `text_layout`.
    let options = PdfSaveOptions { subset_fonts: false, image_optimization: None, ..PdfSaveOptions::default() };
    let mut warnings = Vec::new();
    let pdf = doc.to_lopdf_document(&options, &mut warnings);
    let errors: Vec<&str> =
        warnings.iter().filter(|w| w.severity == PdfParseErrorSeverity::Error).map(|w| w.msg.as_str()).collect();
    if !errors.is_empty() {
        return Err(Error::Pdf { message: errors.join("; ") });
    }
    Ok(pdf)
}

/// The resource name of image `i`.
fn image_id(i: usize) -> XObjectId {
    XObjectId(format!("Im{i}"))
}

/// The operators drawing `shapes`, in their own graphics state so the text after them starts
/// from black.
fn shapes(shapes: &[Shape], page_height: f32, orientations: &[u8]) -> Vec<Op> {
    if shapes.is_empty() {
        return Vec::new();
    }
    let grey = |g: f32| Color::Greyscale(Greyscale::new(g, None));
    let rect = |x: f32, y: f32, w: f32, h: f32, mode: PaintMode| printpdf::Rect {
        x: Pt(x),
        y: Pt(page_height - y - h),
        width: Pt(w),
        height: Pt(h),
        mode: Some(mode),
        winding_order: None,
    };
    let mut ops = vec![Op::SaveGraphicsState];
    let (mut fill, mut stroke, mut thickness) = (None, None, None);
    for shape in shapes {
        match *shape {
            Shape::Fill { x, y, w, h, grey: g } => {
                if fill != Some(g) {
                    ops.push(Op::SetFillColor { col: grey(g) });
                    fill = Some(g);
                }
                ops.push(Op::DrawRectangle { rectangle: rect(x, y, w, h, PaintMode::Fill) });
            }
            Shape::Frame { x, y, w, h, grey: g, width } => {
                if stroke != Some(g) {
                    ops.push(Op::SetOutlineColor { col: grey(g) });
                    stroke = Some(g);
                }
                if thickness != Some(width) {
                    ops.push(Op::SetOutlineThickness { pt: Pt(width) });
                    thickness = Some(width);
                }
                ops.push(Op::DrawRectangle { rectangle: rect(x, y, w, h, PaintMode::Stroke) });
            }
            Shape::Image { image, x, y, w, h } => {
                let orientation = orientations.get(image).copied().unwrap_or(1);
                let matrix = crate::image::image_matrix(orientation, x, page_height - y - h, w, h);
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetTransformationMatrix { matrix: CurTransMat::Raw(matrix) });
                let transform = XObjectTransform { no_auto_scale: true, ..XObjectTransform::default() };
                ops.push(Op::UseXobject { id: image_id(image), transform });
                ops.push(Op::RestoreGraphicsState);
            }
        }
    }
    ops.push(Op::RestoreGraphicsState);
    ops
}

/// Replaces printpdf's Info dictionary and random `/ID`, compresses the streams and writes the
/// file.
pub(crate) fn finish(mut pdf: lopdf::Document, info: &Info<'_>, id: [u8; 16]) -> Result<Vec<u8>, Error> {
    let mut entries = vec![("Title", text_string(info.title))];
    if let Some(author) = info.author {
        entries.push(("Author", text_string(author)));
    }
    entries.extend([
        ("Creator", text_string(PRODUCER)),
        ("Producer", text_string(PRODUCER)),
        ("CreationDate", Object::String(info.date.clone().into_bytes(), StringFormat::Literal)),
        ("ModDate", Object::String(info.date.clone().into_bytes(), StringFormat::Literal)),
    ]);
    let info_id = pdf.trailer.get(b"Info").and_then(Object::as_reference).map_err(pdf_error)?;
    *pdf.get_object_mut(info_id).map_err(pdf_error)? = Object::Dictionary(Dictionary::from_iter(entries));

    let id = Object::String(id.to_vec(), StringFormat::Hexadecimal);
    pdf.trailer.set("ID", Object::Array(vec![id.clone(), id]));

    pdf.compress();
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes).map_err(|e| Error::Pdf { message: e.to_string() })?;
    Ok(bytes)
}

fn resource_name(face: Face) -> &'static str {
    match face {
        Face::Regular => "Regular",
        Face::Bold => "Bold",
    }
}

pub(crate) fn pdf_error(e: lopdf::Error) -> Error {
    Error::Pdf { message: e.to_string() }
}

/// A PDF text string: UTF-16BE with a byte order mark, which holds any Unicode text.
pub(crate) fn text_string(s: &str) -> Object {
    let bytes = [0xFE, 0xFF].into_iter().chain(s.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// `D:20261125093000Z`, in UTC.
pub(crate) fn pdf_date(created: jiff::Timestamp) -> Result<String, Error> {
    let utc = jiff::tz::Offset::UTC.to_datetime(created);
    if !(1..=9999).contains(&utc.year()) {
        return Err(Error::Date { created });
    }
    Ok(utc.strftime("D:%Y%m%d%H%M%SZ").to_string())
}

/// 16 bytes derived from everything drawn, the title and the date: files differ when letters
/// do, and the same letter always gets the same identifier.
pub(crate) fn document_id(pages: &[Page], title: &str, created: jiff::Timestamp) -> [u8; 16] {
    let mut first = Fingerprint::new();
    first.add(title.as_bytes()).add(&created.as_second().to_be_bytes());
    for (i, page) in pages.iter().enumerate() {
        first.add(&i.to_be_bytes());
        for run in &page.runs {
            first.add(&run.x.to_be_bytes()).add(&run.baseline.to_be_bytes()).add(run.text.as_bytes());
        }
    }
    let a = first.finish();
    let b = first.add(b"second half").finish();
    let mut id = [0; 16];
    id[..8].copy_from_slice(&a.to_be_bytes());
    id[8..].copy_from_slice(&b.to_be_bytes());
    id
}
