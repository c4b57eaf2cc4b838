//! Where each part of a letter goes on an A4 page: sender top left, recipient in the window of
//! a DL envelope, place and date under it, then registered-post line, subject, body, room for
//! the handwritten signature and the names, and page numbers when there is more than one page.

use redress_core::identity::Lang;
use redress_core::letter::{Block, Letter};

use crate::layout::{Face, Flow, Measure, Page, Position, Run, Style, clean, mm, width, wrap};

pub(crate) const PAGE_WIDTH_MM: f32 = 210.0;
pub(crate) const PAGE_HEIGHT_MM: f32 = 297.0;
pub(crate) const LEFT_MM: f32 = 25.0;
pub(crate) const RIGHT_MM: f32 = 20.0;
/// Top margin of every page; the sender block starts there on the first.
pub(crate) const TOP_MM: f32 = 20.0;
pub(crate) const BOTTOM_MM: f32 = 25.0;
/// The address window of a DL (110 x 220 mm) envelope, the letter folded in three: French
/// window envelopes show roughly 100-200 mm across, 45-90 mm down.
const WINDOW_LEFT_MM: f32 = 110.0;
const WINDOW_TOP_MM: f32 = 50.0;
/// The sender block stops short of the window column.
const SENDER_WIDTH_MM: f32 = WINDOW_LEFT_MM - LEFT_MM - 8.0;
const SIGNATURE_SPACE_MM: f32 = 20.0;
/// Bullet at the margin, item text this much further right.
pub(crate) const ITEM_INDENT_MM: f32 = 5.0;
const FOOTER_BASELINE_FROM_BOTTOM_MM: f32 = 12.0;

pub(crate) const TEXT_SIZE: f32 = 10.5;
pub(crate) const FOOTER_SIZE: f32 = 8.5;
pub(crate) const LEADING: f32 = 1.35;

const REGULAR: Style = Style { face: Face::Regular, size: TEXT_SIZE };
const BOLD: Style = Style { face: Face::Bold, size: TEXT_SIZE };

/// The letter laid out on pages, page numbers included.
pub(crate) fn pages(letter: &Letter, measure: &dyn Measure) -> Vec<Page> {
    let left = mm(LEFT_MM);
    let text_width = mm(PAGE_WIDTH_MM - LEFT_MM - RIGHT_MM);
    let window_x = mm(WINDOW_LEFT_MM);
    let window_width = mm(PAGE_WIDTH_MM - RIGHT_MM - WINDOW_LEFT_MM);
    let mut flow = Flow::new(measure, LEADING, mm(TOP_MM), mm(PAGE_HEIGHT_MM - BOTTOM_MM));
    let lh = flow.line_height(REGULAR);
    let text = |s: &str| clean(measure, s);

    // The two header columns are laid out one after the other from the top of page 1; the
    // subject starts under whichever ends lower.
    for (i, line) in letter.sender.iter().enumerate() {
        flow.paragraph(left, mm(SENDER_WIDTH_MM), if i == 0 { BOLD } else { REGULAR }, &text(line));
    }
    let after_sender = flow.position();

    flow.move_to(Position { page: 0, y: mm(WINDOW_TOP_MM) });
    for line in &letter.recipient {
        flow.paragraph(window_x, window_width, REGULAR, &text(line));
    }
    if !letter.recipient.is_empty() {
        flow.gap(2.0 * lh);
    }
    flow.paragraph(window_x, window_width, REGULAR, &text(&letter.place_date));
    flow.move_to(after_sender.later(flow.position()));
    flow.gap(2.0 * lh);

    if let Some(line) = &letter.registered_line {
        flow.paragraph(left, text_width, BOLD, &text(line));
        flow.gap(0.5 * lh);
    }
    let subject = match letter.subject_label() {
        Some(label) => format!("{label} {}", letter.subject),
        None => letter.subject.clone(),
    };
    flow.paragraph(left, text_width, BOLD, &text(&subject));
    flow.gap(lh);

    body(&mut flow, &letter.body, left, text_width);

    let signature: Vec<String> = letter.signature.iter().map(|s| text(s)).filter(|s| !s.is_empty()).collect();
    if !signature.is_empty() {
        // The names are short; the space above them is for the pen. Both stay together.
        let lines: usize = signature.iter().map(|s| wrap(measure, REGULAR, s, text_width).len()).sum();
        flow.gap(0.5 * lh);
        flow.keep(mm(SIGNATURE_SPACE_MM) + lines as f32 * lh);
        flow.skip(mm(SIGNATURE_SPACE_MM));
        for line in &signature {
            flow.paragraph(left, text_width, REGULAR, line);
        }
    }

    let mut pages = flow.finish();
    number_pages(&mut pages, letter.lang, measure);
    pages
}

fn body(flow: &mut Flow<'_>, blocks: &[Block], left: f32, text_width: f32) {
    let measure = flow.measure();
    let lh = flow.line_height(REGULAR);
    let mut previous: Option<&Block> = None;
    for block in blocks {
        let (Block::Paragraph(raw) | Block::Heading(raw) | Block::Item(raw)) = block;
        let content = clean(measure, raw);
        if content.trim().is_empty() {
            continue;
        }
        match block {
            Block::Paragraph(_) => {
                flow.gap(0.5 * lh);
                flow.paragraph(left, text_width, REGULAR, &content);
            }
            Block::Heading(_) => {
                flow.gap(lh);
                // A heading is never the last line of a page: keep it with two lines of text.
                flow.keep(3.0 * lh);
                flow.paragraph(left, text_width, BOLD, &content);
                flow.gap(0.2 * lh);
            }
            Block::Item(_) => {
                let in_list = matches!(previous, Some(Block::Item(_)));
                flow.gap(if in_list { 0.2 * lh } else { 0.5 * lh });
                flow.hanging(left + mm(1.0), mm(ITEM_INDENT_MM), text_width - mm(1.0), REGULAR, "•", &content);
            }
        }
        previous = Some(block);
    }
}

fn page_label(lang: Lang, page: usize, of: usize) -> String {
    match lang {
        Lang::En => format!("Page {page} of {of}"),
        Lang::Fr => format!("Page {page} sur {of}"),
        Lang::De => format!("Seite {page} von {of}"),
    }
}

/// Second pass: the page count is only known once everything is placed. Numbers go bottom
/// right, in the bottom margin, and only on letters longer than one page.
fn number_pages(pages: &mut [Page], lang: Lang, measure: &dyn Measure) {
    let of = pages.len();
    if of < 2 {
        return;
    }
    let (right, baseline) = (mm(PAGE_WIDTH_MM - RIGHT_MM), mm(PAGE_HEIGHT_MM - FOOTER_BASELINE_FROM_BOTTOM_MM));
    for (i, page) in pages.iter_mut().enumerate() {
        page.runs.push(footer(measure, page_label(lang, i + 1, of), right, baseline));
    }
}

/// Grey footer text (a page number) ending at `right`, in the bottom margin.
pub(crate) fn footer(measure: &dyn Measure, text: String, right: f32, baseline: f32) -> Run {
    let style = Style { face: Face::Regular, size: FOOTER_SIZE };
    let x = right - width(measure, style, &text);
    Run { x, baseline, style, muted: true, text }
}

#[cfg(test)]
mod tests {
    use redress_core::letter::LetterKind;

    use super::*;
    use crate::fonts::fonts;

    fn letter(lang: Lang, paragraphs: usize) -> Letter {
        Letter {
            kind: LetterKind::Access,
            lang,
            sender: vec!["Zoé Martin".into(), "12 rue de la Paix".into(), "69001 Lyon".into()],
            recipient: vec!["Kaspr SAS".into(), "À l'attention du DPO".into(), "75002 Paris".into()],
            to_email: None,
            from_email: None,
            place_date: "Lyon, le 25 novembre 2026".into(),
            registered_line: Some("Lettre recommandée avec avis de réception".into()),
            subject: "Demande d'accès (article 15 du RGPD)".into(),
            body: (0..paragraphs)
                .map(|i| Block::Paragraph(format!("Paragraphe {i}. {}", "Texte. ".repeat(40))))
                .collect(),
            signature: vec!["Zoé Martin".into()],
            notices: vec!["not printed".into()],
            file_stem: "kaspr-access-fr".into(),
        }
    }

    #[test]
    fn header_blocks_sit_where_the_envelope_window_is() {
        let fonts = fonts().expect("fonts");
        let pages = pages(&letter(Lang::Fr, 1), fonts);
        assert_eq!(pages.len(), 1);
        let runs = &pages[0].runs;
        let find = |t: &str| runs.iter().find(|r| r.text.starts_with(t)).expect(t);
        let (sender, recipient, date) = (find("Zoé"), find("Kaspr"), find("Lyon, le"));
        assert!((sender.x - mm(25.0)).abs() < 0.01 && sender.baseline < mm(26.0));
        assert!((recipient.x - mm(110.0)).abs() < 0.01);
        assert!(recipient.baseline > mm(50.0) && recipient.baseline < mm(56.0));
        assert!(date.baseline > recipient.baseline && date.x == recipient.x);
        assert!(find("Objet\u{a0}: Demande").style.face == Face::Bold);
        assert!(find("Lettre recommandée").baseline < find("Objet").baseline);
        assert!(!runs.iter().any(|r| r.text.contains("not printed") || r.text.starts_with("Page")));
    }

    #[test]
    fn long_letters_get_numbered_pages_and_stay_inside_the_margins() {
        let fonts = fonts().expect("fonts");
        let pages = pages(&letter(Lang::De, 40), fonts);
        let n = pages.len();
        assert!(n > 1);
        for (i, page) in pages.iter().enumerate() {
            let label = format!("Seite {} von {n}", i + 1);
            assert!(page.runs.iter().any(|r| r.text == label), "{label}");
            for run in page.runs.iter().filter(|r| !r.muted) {
                assert!(run.baseline <= mm(272.0) && run.baseline >= mm(20.0), "{run:?}");
                assert!(run.x + width(fonts, run.style, &run.text) <= mm(190.0) + 0.01, "{run:?}");
            }
        }
        // German: no "Betreff:".
        assert!(pages[0].runs.iter().any(|r| r.text.starts_with("Demande d'accès")));
    }

    /// Random text from awkward characters (marks, invisible joiners, right-to-left letters,
    /// emoji, no-break spaces, very long words) never leaves the text area.
    #[test]
    fn random_awkward_text_stays_inside_the_margins() {
        const PALETTE: [&str; 24] = [
            "a", "é", "ß", "€", "«", "»", " ", " ", " ", "\u{A0}", "\u{202F}", "ش", "ש", "😀", "🦀", "\u{301}",
            "\u{200D}", "\u{FE0F}", "/", "-", "W", "1", "(", "\u{200F}",
        ];
        let fonts = fonts().expect("fonts");
        struct Rng(u64);
        impl Rng {
            fn below(&mut self, n: usize) -> usize {
                self.0 ^= self.0 << 13;
                self.0 ^= self.0 >> 7;
                self.0 ^= self.0 << 17;
                (self.0 % n as u64) as usize
            }
            fn text(&mut self, max: usize) -> String {
                (0..self.below(max)).map(|_| PALETTE[self.below(PALETTE.len())]).collect()
            }
        }
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..40 {
            let mut letter = letter(Lang::En, 0);
            letter.sender = (0..rng.below(6)).map(|_| rng.text(300)).collect();
            letter.recipient = (0..rng.below(6)).map(|_| rng.text(300)).collect();
            letter.subject = rng.text(400);
            letter.body = (0..rng.below(12))
                .map(|i| match i % 3 {
                    0 => Block::Paragraph(rng.text(900)),
                    1 => Block::Item(rng.text(300)),
                    _ => Block::Heading(rng.text(100)),
                })
                .collect();
            letter.signature = (0..rng.below(3)).map(|_| rng.text(200)).collect();
            for page in pages(&letter, fonts) {
                for run in page.runs.iter().filter(|r| !r.muted) {
                    assert!(run.baseline >= mm(20.0) && run.baseline <= mm(272.0), "{run:?}");
                    assert!(run.x >= mm(25.0) && run.x + width(fonts, run.style, &run.text) <= mm(190.0), "{run:?}");
                }
            }
        }
    }
}
