//! Where each part of a report goes: the cover, the sections with their paragraphs, lists,
//! label-value fields and tables, and the exhibits' own pages (cover strip, e-mails and text
//! files, images, the page announcing a merged PDF, the page standing for an unreadable file).
//! The pages of PDF exhibits are not laid out here: they are merged as they are, after the
//! page announcing them.

use redress_core::report::{Report, ReportBlock};

use crate::layout::{Face, Flow, Measure, Page, Shape, Style, clean, mm, wrap};
use crate::placement::{BOTTOM_MM, ITEM_INDENT_MM, LEADING, LEFT_MM, PAGE_HEIGHT_MM, PAGE_WIDTH_MM, RIGHT_MM, TOP_MM};

const TEXT: Style = Style { face: Face::Regular, size: crate::placement::TEXT_SIZE };
const BOLD: Style = Style { face: Face::Bold, size: crate::placement::TEXT_SIZE };
const TITLE: Style = Style { face: Face::Bold, size: 22.0 };
const COVER_LINE: Style = Style { face: Face::Regular, size: 12.0 };
const HEADING: Style = Style { face: Face::Bold, size: 14.0 };
const SUBHEADING: Style = Style { face: Face::Bold, size: 11.5 };
const CELL: Style = Style { face: Face::Regular, size: 9.5 };
const HEADER_CELL: Style = Style { face: Face::Bold, size: 9.5 };
const STRIP_TITLE: Style = Style { face: Face::Bold, size: 12.0 };
const SMALL: Style = Style { face: Face::Regular, size: 8.0 };

/// The title starts this far down the cover.
const COVER_TITLE_TOP_MM: f32 = 85.0;
/// Labels of label-value fields take this share of the text width.
const LABEL_SHARE: f32 = 0.35;
const GUTTER_MM: f32 = 3.0;
const CELL_PAD_X_MM: f32 = 1.5;
const CELL_PAD_Y_MM: f32 = 1.0;
const BORDER_PT: f32 = 0.5;
const BORDER_GREY: f32 = 0.35;
const HEADER_GREY: f32 = 0.88;
const STRIP_GREY: f32 = 0.92;
const STRIP_PAD_MM: f32 = 3.0;
/// Images are enlarged at most to this many points per pixel (about 48 dpi), so a small
/// image is not blown up into a blur.
const MAX_POINTS_PER_PIXEL: f32 = 1.5;
/// Below this much room under the strip, an image starts on the next page.
const MIN_IMAGE_ROOM_MM: f32 = 60.0;

/// What an exhibit turned out to be, as far as layout is concerned.
#[derive(Debug)]
pub(crate) enum Content<'a> {
    /// A readable PDF of `pages` pages, merged after an announcing page; `too_deep` when
    /// parts of it nested too deeply to be checked were left out.
    Pdf {
        pages: usize,
        too_deep: bool,
    },
    /// Image number `image` of the document, `size` pixels as displayed.
    Image {
        image: usize,
        size: (u32, u32),
    },
    Text {
        headers: &'a [(String, String)],
        body: &'a str,
    },
    /// A file that could not be read, and why.
    Unreadable {
        reason: &'a str,
    },
}

/// A PDF exhibit's pages go after own page `after`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Merge {
    pub after: usize,
    pub exhibit: usize,
}

/// An outline entry: `title`, pointing at `y` points from the top of own page `page`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Bookmark {
    pub title: String,
    pub page: usize,
    pub y: f32,
}

#[derive(Debug)]
pub(crate) struct Layout {
    pub pages: Vec<Page>,
    pub merges: Vec<Merge>,
    pub bookmarks: Vec<Bookmark>,
    /// For each exhibit, the first and last of its own pages.
    pub exhibit_pages: Vec<(usize, usize)>,
}

/// "Pièce n° 3 — Title", the exhibit's strip heading and bookmark.
pub(crate) fn exhibit_heading(report: &Report, index: usize) -> String {
    let exhibit = &report.exhibits[index];
    let title = exhibit.title.trim();
    if title.is_empty() {
        format!("{} {}", report.words.exhibit, exhibit.number)
    } else {
        format!("{} {} — {}", report.words.exhibit, exhibit.number, title)
    }
}

/// Geometry shared by every block.
struct Frame {
    left: f32,
    width: f32,
}

pub(crate) fn lay_out(report: &Report, contents: &[Content<'_>], measure: &dyn Measure) -> Layout {
    let frame = Frame { left: mm(LEFT_MM), width: mm(PAGE_WIDTH_MM - LEFT_MM - RIGHT_MM) };
    let mut flow = Flow::new(measure, LEADING, mm(TOP_MM), mm(PAGE_HEIGHT_MM - BOTTOM_MM));
    let text = |s: &str| clean(measure, s);
    let mut bookmarks = Vec::new();

    // Cover: the title and its lines, centred, a third of the way down.
    flow.skip(mm(COVER_TITLE_TOP_MM - TOP_MM));
    flow.centred(frame.left, frame.width, TITLE, &text(&report.title));
    flow.gap(flow.line_height(TITLE));
    for line in &report.cover_lines {
        flow.centred(frame.left, frame.width, COVER_LINE, &text(line));
        flow.gap(0.25 * flow.line_height(COVER_LINE));
    }

    for (i, section) in report.sections.iter().enumerate() {
        let lh = flow.line_height(TEXT);
        if i == 0 || section.new_page {
            flow.fresh_page();
        } else {
            flow.gap(2.0 * lh);
        }
        // A heading is never the last thing on a page.
        flow.keep(flow.line_height(HEADING) + 3.0 * lh);
        let at = flow.position();
        bookmarks.push(Bookmark { title: section.title.clone(), page: at.page, y: at.y });
        flow.paragraph(frame.left, frame.width, HEADING, &text(&section.title));
        flow.gap(0.4 * lh);
        let mut previous: Option<&ReportBlock> = None;
        for block in &section.blocks {
            self::block(&mut flow, &frame, block, previous);
            previous = Some(block);
        }
    }

    let mut merges = Vec::new();
    let mut exhibit_pages = Vec::new();
    for (index, content) in contents.iter().enumerate() {
        let Some(exhibit) = report.exhibits.get(index) else { break };
        flow.fresh_page();
        let first = flow.position().page;
        let heading = exhibit_heading(report, index);
        bookmarks.push(Bookmark { title: heading.clone(), page: first, y: flow.position().y });
        strip(&mut flow, &frame, &text(&heading), &text(&exhibit.source));
        let lh = flow.line_height(TEXT);
        match content {
            Content::Pdf { pages, too_deep } => {
                flow.paragraph(frame.left, frame.width, TEXT, &pages_follow(&report.lang, *pages));
                if *too_deep {
                    // As for an unreadable file: the reader's words, then the technical reason.
                    flow.gap(0.5 * lh);
                    flow.paragraph(frame.left, frame.width, BOLD, &text(&parts_removed(&report.lang)));
                    flow.muted_paragraph(frame.left, frame.width, TEXT, &text(TOO_DEEP_REASON));
                }
                merges.push(Merge { after: flow.position().page, exhibit: index });
            }
            Content::Image { image, size } => {
                if flow.room() < mm(MIN_IMAGE_ROOM_MM) {
                    flow.next_page();
                }
                let (w, h) = (size.0.max(1) as f32, size.1.max(1) as f32);
                let scale = (frame.width / w).min(flow.room() / h).min(MAX_POINTS_PER_PIXEL);
                let (w, h) = (w * scale, h * scale);
                let x = frame.left + (frame.width - w) / 2.0;
                let y = flow.position().y;
                flow.draw(Shape::Image { image: *image, x, y, w, h });
                // A hairline around it, so a white scan does not melt into the page.
                flow.draw(Shape::Frame { x, y, w, h, grey: 0.6, width: 0.4 });
                flow.skip(h);
            }
            Content::Text { headers, body } => {
                if !headers.is_empty() {
                    fields(&mut flow, &frame, headers);
                    flow.gap(lh);
                }
                for line in body.lines() {
                    let line = text(&line.replace('\t', "    "));
                    if line.trim().is_empty() {
                        flow.gap(0.6 * lh);
                    } else {
                        flow.paragraph(frame.left, frame.width, TEXT, &line);
                    }
                }
            }
            Content::Unreadable { reason } => {
                flow.paragraph(frame.left, frame.width, BOLD, &text(&report.words.exhibit_unreadable));
                flow.gap(0.5 * lh);
                // The technical reason, in English: for whoever tries to repair the file.
                flow.muted_paragraph(frame.left, frame.width, TEXT, &text(reason));
            }
        }
        let at = flow.position();
        let last = if at.page > first && at.y <= mm(TOP_MM) { at.page - 1 } else { at.page };
        exhibit_pages.push((first, last));
    }

    let mut pages = flow.finish();
    // Space at the end of the last page can open a blank one; nothing points there.
    while pages.len() > 1 && pages.last().is_some_and(Page::is_empty) {
        pages.pop();
    }
    Layout { pages, merges, bookmarks, exhibit_pages }
}

fn block(flow: &mut Flow<'_>, frame: &Frame, block: &ReportBlock, previous: Option<&ReportBlock>) {
    let measure = flow.measure();
    let lh = flow.line_height(TEXT);
    match block {
        ReportBlock::Paragraph { text } => {
            let text = clean(measure, text);
            if !text.trim().is_empty() {
                flow.gap(0.5 * lh);
                flow.paragraph(frame.left, frame.width, TEXT, &text);
            }
        }
        ReportBlock::Item { text } => {
            let text = clean(measure, text);
            if !text.trim().is_empty() {
                let in_list = matches!(previous, Some(ReportBlock::Item { .. }));
                flow.gap(if in_list { 0.2 * lh } else { 0.5 * lh });
                let (x, indent) = (frame.left + mm(1.0), mm(ITEM_INDENT_MM));
                flow.hanging(x, indent, frame.width - mm(1.0), TEXT, "•", &text);
            }
        }
        ReportBlock::Subheading { text } => {
            let text = clean(measure, text);
            if !text.trim().is_empty() {
                flow.gap(lh);
                flow.keep(flow.line_height(SUBHEADING) + 2.0 * lh);
                flow.paragraph(frame.left, frame.width, SUBHEADING, &text);
                flow.gap(0.2 * lh);
            }
        }
        ReportBlock::Fields { rows } => {
            flow.gap(0.5 * lh);
            fields(flow, frame, rows);
        }
        ReportBlock::Table { header, widths, rows } => {
            flow.gap(0.8 * lh);
            table(flow, frame, header, widths, rows);
        }
    }
}

/// Label-value lines: the label in bold in the first column, the value wrapped in the rest.
fn fields(flow: &mut Flow<'_>, frame: &Frame, rows: &[(String, String)]) {
    let measure = flow.measure();
    let label_width = frame.width * LABEL_SHARE - mm(GUTTER_MM);
    let value_x = frame.left + frame.width * LABEL_SHARE;
    let value_width = frame.width * (1.0 - LABEL_SHARE);
    for (i, (label, value)) in rows.iter().enumerate() {
        let label = wrap(measure, BOLD, &clean(measure, label), label_width);
        let value = wrap(measure, TEXT, &clean(measure, value), value_width);
        if label.is_empty() && value.is_empty() {
            continue;
        }
        if i > 0 {
            flow.gap(0.15 * flow.line_height(TEXT));
        }
        flow.columns(&[(frame.left, BOLD, &label), (value_x, TEXT, &value)]);
    }
}

/// A table: a bold header row on grey, thin borders, columns as wide as their relative
/// `widths` say. Rows are kept whole when they fit on a page, the header row repeated on
/// each page; a row taller than a page is split between lines of its cells.
fn table(flow: &mut Flow<'_>, frame: &Frame, header: &[String], widths: &[u16], rows: &[Vec<String>]) {
    let measure = flow.measure();
    let columns = rows.iter().map(Vec::len).chain([header.len()]).max().unwrap_or(0);
    if columns == 0 {
        return;
    }
    // Relative widths; missing or zero ones take the average of the others.
    let given: Vec<f32> = widths.iter().take(columns).map(|&w| f32::from(w)).filter(|&w| w > 0.0).collect();
    let fallback = if given.is_empty() { 1.0 } else { given.iter().sum::<f32>() / given.len() as f32 };
    let relative: Vec<f32> =
        (0..columns).map(|i| widths.get(i).map(|&w| f32::from(w)).filter(|&w| w > 0.0).unwrap_or(fallback)).collect();
    let total: f32 = relative.iter().sum();
    let mut x = frame.left;
    let cols: Vec<(f32, f32)> = relative
        .iter()
        .map(|r| {
            let w = frame.width * r / total;
            let col = (x, w);
            x += w;
            col
        })
        .collect();
    let (pad_x, pad_y) = (mm(CELL_PAD_X_MM), mm(CELL_PAD_Y_MM));
    let cells = |row: &[String], style: Style| -> Vec<Vec<String>> {
        cols.iter()
            .enumerate()
            .map(|(i, &(_, w))| {
                let text = row.get(i).map(|t| clean(measure, t)).unwrap_or_default();
                wrap(measure, style, &text, w - 2.0 * pad_x)
            })
            .collect()
    };
    let lh = flow.line_height(CELL);
    let lines = |cells: &[Vec<String>]| cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let height = |n: usize| n as f32 * lh + 2.0 * pad_y;

    let header = (!header.iter().all(|h| h.trim().is_empty())).then(|| cells(header, HEADER_CELL));
    let header_height = header.as_deref().map_or(0.0, |h| height(lines(h)));
    // A header taller than half a page is drawn once, as a first row that may split.
    let repeat = header_height <= flow.page_room() / 2.0;
    let draw_header = |flow: &mut Flow<'_>| {
        if let (Some(h), true) = (&header, repeat) {
            segment(flow, &cols, h, 0..lines(h), HEADER_CELL, true);
        }
    };
    let body: Vec<Vec<Vec<String>>> = rows.iter().map(|row| cells(row, CELL)).collect();

    // The header stays with the first row (or two lines of it).
    let first = body.first().map_or(0, |c| lines(c).min(2));
    flow.keep(header_height + if first > 0 { height(first) } else { 0.0 });
    if !repeat && let Some(h) = &header {
        split_row(flow, &cols, h, HEADER_CELL, true, &|_: &mut Flow<'_>| {});
    }
    draw_header(flow);
    for row in &body {
        let n = lines(row);
        if height(n) <= flow.room() + 0.01 {
            segment(flow, &cols, row, 0..n, CELL, false);
        } else if height(n) <= flow.page_room() - header_height + 0.01 {
            flow.next_page();
            draw_header(flow);
            segment(flow, &cols, row, 0..n, CELL, false);
        } else {
            split_row(flow, &cols, row, CELL, false, &draw_header);
        }
    }
}

/// A row too tall for the rest of the page: as many of its lines as fit, then the rest on the
/// following pages, each after `header`.
fn split_row(
    flow: &mut Flow<'_>,
    cols: &[(f32, f32)],
    cells: &[Vec<String>],
    style: Style,
    filled: bool,
    header: &dyn Fn(&mut Flow<'_>),
) {
    let lh = flow.line_height(style);
    let pad_y = mm(CELL_PAD_Y_MM);
    let n = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let mut start = 0;
    let mut fresh = false;
    while start < n {
        let fit = ((flow.room() - 2.0 * pad_y) / lh + 0.001).floor().max(0.0) as usize;
        // No line, or only the first of several, at the bottom of a page: start on the next.
        if !fresh && (fit == 0 || (fit < 2 && start == 0 && n > 1)) {
            flow.next_page();
            header(flow);
            fresh = true;
            continue;
        }
        // A new page always takes at least one line, so the loop ends.
        let end = (start + fit.max(1)).min(n);
        segment(flow, cols, cells, start..end, style, filled);
        start = end;
        if start < n {
            flow.next_page();
            header(flow);
            fresh = true;
        }
    }
}

/// Lines `range` of a row's cells, with their borders (and the header's grey).
fn segment(
    flow: &mut Flow<'_>,
    cols: &[(f32, f32)],
    cells: &[Vec<String>],
    range: std::ops::Range<usize>,
    style: Style,
    filled: bool,
) {
    let lh = flow.line_height(style);
    let (pad_x, pad_y) = (mm(CELL_PAD_X_MM), mm(CELL_PAD_Y_MM));
    let h = range.len() as f32 * lh + 2.0 * pad_y;
    let y = flow.position().y;
    let (left, right) = (cols.first().map_or(0.0, |c| c.0), cols.last().map_or(0.0, |c| c.0 + c.1));
    if filled {
        flow.draw(Shape::Fill { x: left, y, w: right - left, h, grey: HEADER_GREY });
    }
    for (&(x, w), lines) in cols.iter().zip(cells) {
        flow.draw(Shape::Frame { x, y, w, h, grey: BORDER_GREY, width: BORDER_PT });
        for (k, line) in lines.iter().enumerate().take(range.end).skip(range.start) {
            flow.line_at(x + pad_x, pad_y + (k - range.start) as f32 * lh, style, false, line);
        }
    }
    flow.skip(h);
}

/// The band at the top of an exhibit's first page: its heading in bold and its source (file
/// name and checksum) in small grey type, on light grey.
fn strip(flow: &mut Flow<'_>, frame: &Frame, heading: &str, source: &str) {
    let measure = flow.measure();
    let pad = mm(STRIP_PAD_MM);
    let inner = frame.width - 2.0 * pad;
    let title = wrap(measure, STRIP_TITLE, heading, inner);
    let source = wrap(measure, SMALL, source, inner);
    let between = if source.is_empty() { 0.0 } else { mm(1.0) };
    let h = title.len() as f32 * flow.line_height(STRIP_TITLE)
        + between
        + source.len() as f32 * flow.line_height(SMALL)
        + 2.0 * pad;
    let y = flow.position().y;
    flow.draw(Shape::Fill { x: frame.left, y, w: frame.width, h: h.min(flow.room()), grey: STRIP_GREY });
    flow.skip(pad);
    for line in &title {
        flow.paragraph(frame.left + pad, inner, STRIP_TITLE, line);
    }
    flow.skip(between);
    for line in &source {
        flow.muted_paragraph(frame.left + pad, inner, SMALL, line);
    }
    flow.skip(pad + mm(5.0));
}

/// The note on the page announcing a merged PDF. Words for French, German and English (the
/// report's words do not include it).
pub(crate) fn pages_follow(lang: &str, pages: usize) -> String {
    let lang = lang.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
    match (lang.as_str(), pages) {
        ("fr", 1) => "La page du document suit.".into(),
        ("fr", n) => format!("Les {n} pages du document suivent."),
        ("de", 1) => "Die Seite des Dokuments folgt.".into(),
        ("de", n) => format!("Die {n} Seiten des Dokuments folgen."),
        (_, 1) => "The document's page follows.".into(),
        (_, n) => format!("The document's {n} pages follow."),
    }
}

/// Why parts of a PDF exhibit were left out, in English, for whoever examines the file.
pub(crate) const TOO_DEEP_REASON: &str =
    "parts of the file nested deeper than Redress checks were removed from this copy, unexamined";

/// Said on the page announcing a PDF exhibit from which parts were left out.
pub(crate) fn parts_removed(lang: &str) -> String {
    let lang = lang.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
    match lang.as_str() {
        "fr" => "Une partie de ce document, imbriquée trop profondément pour être vérifiée, a été retirée de \
                 cette reproduction ; le fichier original est conservé par le plaignant et peut être transmis \
                 sur demande."
            .into(),
        "de" => "Ein Teil dieses Dokuments war zu tief verschachtelt, um geprüft zu werden, und wurde aus dieser \
                 Wiedergabe entfernt; die Originaldatei liegt dem Beschwerdeführer vor und kann auf Anfrage \
                 übermittelt werden."
            .into(),
        _ => "Part of this document was nested too deeply to be checked and was removed from this copy; the \
              original file is kept by the complainant and can be provided on request."
            .into(),
    }
}

#[cfg(test)]
mod tests {
    use redress_core::report::{ReportSection, ReportWords};

    use super::*;
    use crate::fonts::fonts;
    use crate::layout::width;

    fn report(blocks: Vec<ReportBlock>) -> Report {
        Report {
            title: "Dossier".into(),
            cover_lines: vec!["Zoé Martin".into()],
            author: "Zoé Martin".into(),
            lang: "fr".into(),
            words: ReportWords {
                page: "Page".into(),
                of: "sur".into(),
                exhibit: "Pièce n°".into(),
                exhibit_unreadable: "Illisible".into(),
            },
            sections: vec![ReportSection { title: "Faits".into(), new_page: false, blocks }],
            exhibits: vec![],
        }
    }

    fn inside(pages: &[Page], measure: &dyn Measure) {
        let (left, right) = (mm(LEFT_MM) - 0.01, mm(PAGE_WIDTH_MM - RIGHT_MM) + 0.01);
        let (top, bottom) = (mm(TOP_MM), mm(PAGE_HEIGHT_MM - BOTTOM_MM));
        for (i, page) in pages.iter().enumerate() {
            for run in &page.runs {
                assert!(run.x >= left && run.x + width(measure, run.style, &run.text) <= right, "{i}: {run:?}");
                assert!(run.baseline > top && run.baseline < bottom, "{i}: {run:?}");
            }
            for shape in &page.shapes {
                let (Shape::Fill { x, y, w, h, .. }
                | Shape::Frame { x, y, w, h, .. }
                | Shape::Image { x, y, w, h, .. }) = *shape;
                assert!(x >= left && x + w <= right && y >= top - 0.01 && y + h <= bottom + 0.01, "{i}: {shape:?}");
            }
        }
    }

    #[test]
    fn tables_repeat_their_header_and_split_rows_taller_than_a_page() {
        let fonts = fonts().expect("fonts");
        let huge = "mot ".repeat(3000);
        let mut rows: Vec<Vec<String>> = (0..80).map(|i| vec![format!("r{i}"), "x".into(), "y".into()]).collect();
        rows.insert(40, vec!["huge".into(), huge, "z".into()]);
        let table = ReportBlock::Table {
            header: vec!["Date".into(), "Texte".into(), "Note".into()],
            widths: vec![1, 4, 1],
            rows,
        };
        let layout = lay_out(&report(vec![table]), &[], fonts);
        let pages = &layout.pages[1..];
        assert!(pages.len() >= 4, "{}", pages.len());
        for page in pages {
            let headers = page.runs.iter().filter(|r| r.text == "Date" && r.style.face == Face::Bold).count();
            assert_eq!(headers, 1, "the header row is on every page");
        }
        inside(&layout.pages, fonts);
        // Every row is there, once.
        for i in 0..80 {
            let label = format!("r{i}");
            assert_eq!(layout.pages.iter().flat_map(|p| &p.runs).filter(|r| r.text == label).count(), 1);
        }
    }

    #[test]
    fn fields_put_labels_and_values_side_by_side() {
        let fonts = fonts().expect("fonts");
        let rows = vec![("Raison sociale".to_owned(), "KASPR SAS ".repeat(30)), ("SIREN".into(), "123".into())];
        let layout = lay_out(&report(vec![ReportBlock::Fields { rows }]), &[], fonts);
        let runs = &layout.pages[1].runs;
        let label = runs.iter().find(|r| r.text == "Raison sociale").expect("label");
        let value = runs.iter().find(|r| r.text.starts_with("KASPR")).expect("value");
        assert_eq!(label.baseline, value.baseline);
        assert!(value.x > label.x + width(fonts, BOLD, "Raison sociale"));
        assert_eq!(label.style.face, Face::Bold);
        inside(&layout.pages, fonts);
    }

    #[test]
    fn pages_follow_in_the_report_language() {
        assert_eq!(pages_follow("fr-FR", 3), "Les 3 pages du document suivent.");
        assert_eq!(pages_follow("de", 1), "Die Seite des Dokuments folgt.");
        assert_eq!(pages_follow("it", 2), "The document's 2 pages follow.");
    }
}
