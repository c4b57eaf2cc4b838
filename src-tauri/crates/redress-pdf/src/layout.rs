//! Text layout: measuring with the font's own advance widths, greedy word wrapping (with
//! character-level breaks for words longer than a line), and flowing lines down pages with
//! margins, keep-together and orphan/widow rules. Knows nothing about letters or PDF: the
//! result is pages of positioned single-line runs.
//!
//! Coordinates are PDF points (1/72 in) measured from the top-left corner of the page; `y`
//! grows downwards. Widths are compared in integer thousandths of an em, the unit of the PDF
//! `/W` array, so what fits here is exactly what the viewer draws.

/// Millimetres to points.
pub(crate) fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Face {
    Regular,
    Bold,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub face: Face,
    /// Font size in points.
    pub size: f32,
}

/// What layout needs to know about the fonts.
pub(crate) trait Measure: std::fmt::Debug {
    /// The advance of `c` in thousandths of an em, as the PDF's `/W` array will make the viewer
    /// apply it. A character the font has no glyph for measures as the missing-glyph box that
    /// will be drawn instead.
    fn advance(&self, face: Face, c: char) -> u32;
    fn has_glyph(&self, face: Face, c: char) -> bool;
    /// Ascender and descender (positive), in em.
    fn ascent(&self) -> f32;
    fn descent(&self) -> f32;
}

/// One line of text at a fixed position.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    pub x: f32,
    /// The baseline, from the top of the page.
    pub baseline: f32,
    pub style: Style,
    /// Grey instead of black (page numbers).
    pub muted: bool,
    pub text: String,
}

/// Something drawn that is not text. Coordinates like [`Run`]'s: points from the top-left
/// corner, `y` the top edge.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    /// A rectangle filled with a grey (0 black, 1 white).
    Fill { x: f32, y: f32, w: f32, h: f32, grey: f32 },
    /// A rectangle's outline, `width` points thick, in a grey.
    Frame { x: f32, y: f32, w: f32, h: f32, grey: f32, width: f32 },
    /// Image number `image` of the document, drawn in the box (its displayed orientation).
    Image { image: usize, x: f32, y: f32, w: f32, h: f32 },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Page {
    pub runs: Vec<Run>,
    /// Drawn under the text, in order.
    pub shapes: Vec<Shape>,
    /// Width and height in points; `None` is A4.
    pub size: Option<(f32, f32)>,
}

impl Page {
    pub(crate) fn is_empty(&self) -> bool {
        self.runs.is_empty() && self.shapes.is_empty()
    }
}

/// The width of `text` in thousandths of an em.
fn units(m: &dyn Measure, face: Face, text: &str) -> u64 {
    text.chars().map(|c| u64::from(m.advance(face, c))).sum()
}

/// The width of `text` in points.
pub(crate) fn width(m: &dyn Measure, style: Style, text: &str) -> f32 {
    units(m, style.face, text) as f32 * style.size / 1000.0
}

/// How many thousandths of an em fit in `max` points. Rounded down, so a line that fits in
/// units never ends beyond `max`.
fn capacity(style: Style, max: f32) -> u64 {
    if style.size <= 0.0 || max <= 0.0 {
        return 0;
    }
    (max * 1000.0 / style.size).floor() as u64
}

/// Characters that must not be drawn: controls, and the invisible format characters (bidi
/// marks, zero-width joiners, variation selectors, soft hyphen) that a font without shaping
/// would otherwise show as missing-glyph boxes. Space characters the font lacks become plain
/// spaces, no-break ones no-break spaces.
pub(crate) fn clean(m: &dyn Measure, text: &str) -> String {
    text.chars()
        .filter(|&c| !c.is_control() && !is_default_ignorable(c))
        .map(|c| match c {
            '\u{2000}'..='\u{200A}' | '\u{205F}' | '\u{3000}' if !m.has_glyph(Face::Regular, c) => ' ',
            '\u{2007}' | '\u{202F}' if !m.has_glyph(Face::Regular, c) => '\u{A0}',
            _ => c,
        })
        .collect()
}

/// Unicode's Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt), minus the ones
/// that are unassigned anyway.
fn is_default_ignorable(c: char) -> bool {
    matches!(c,
        '\u{AD}' | '\u{34F}' | '\u{61C}' | '\u{115F}'..='\u{1160}' | '\u{17B4}'..='\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

/// Spaces a line may break at. No-break spaces (U+00A0, U+2007, U+202F) keep French
/// punctuation and figures with their neighbours.
fn is_break_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}')
}

/// Combining marks: a word broken at character level must not separate one from its base.
/// The common blocks only; anything missed just breaks one character earlier or later.
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36F}' | '\u{483}'..='\u{489}' | '\u{591}'..='\u{5BD}' | '\u{5BF}'
        | '\u{5C1}'..='\u{5C2}' | '\u{5C4}'..='\u{5C5}' | '\u{5C7}' | '\u{610}'..='\u{61A}'
        | '\u{64B}'..='\u{65F}' | '\u{670}' | '\u{6D6}'..='\u{6DC}' | '\u{6DF}'..='\u{6E4}'
        | '\u{6E7}'..='\u{6E8}' | '\u{6EA}'..='\u{6ED}' | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Characters after which a long word (a URL, a path) is broken first, so the pieces stay
/// readable: `https://example.com/` | `very-long-path`.
fn is_soft_break_after(c: char) -> bool {
    matches!(c, '/' | '-' | '?' | '&' | '=' | '_' | '.' | ',' | ';' | ':' | '#' | '+' | '~' | '@')
}

/// Greedy word wrap of one paragraph to lines at most `max` points wide. Words longer than a
/// line are broken at character level, preferring a break after URL punctuation. Every line
/// holds at least one character, so the loop always progresses and nothing is dropped.
/// Whitespace runs become single spaces; an empty text gives no lines.
pub(crate) fn wrap(m: &dyn Measure, style: Style, text: &str, max: f32) -> Vec<String> {
    let cap = capacity(style, max);
    let space = u64::from(m.advance(style.face, ' '));
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_units = 0;
    for word in text.split(is_break_space).filter(|w| !w.is_empty()) {
        let w = units(m, style.face, word);
        if !line.is_empty() && line_units + space + w <= cap {
            line.push(' ');
            line.push_str(word);
            line_units += space + w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let mut rest = word;
        loop {
            let (head, tail) = split_to_fit(m, style.face, rest, cap);
            if tail.is_empty() {
                line = head.to_owned();
                line_units = units(m, style.face, head);
                break;
            }
            lines.push(head.to_owned());
            rest = tail;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Splits a word into the longest head that fits in `cap` and the rest. The head is never
/// empty (a single glyph wider than the line still goes on a line of its own) and never ends
/// right before a combining mark.
fn split_to_fit<'w>(m: &dyn Measure, face: Face, word: &'w str, cap: u64) -> (&'w str, &'w str) {
    let mut used = 0;
    let mut end = word.len();
    for (i, c) in word.char_indices() {
        used += u64::from(m.advance(face, c));
        if used > cap {
            end = i;
            break;
        }
    }
    if end == word.len() {
        return (word, "");
    }
    // Step back so the marks stay with their base character.
    while end > 0 && word[end..].chars().next().is_some_and(is_mark) {
        end = word[..end].char_indices().next_back().map_or(0, |(i, _)| i);
    }
    if end == 0 {
        // Not even the first cluster fits: give it a line of its own.
        let mut chars = word.char_indices().skip(1).skip_while(|&(_, c)| is_mark(c));
        end = chars.next().map_or(word.len(), |(i, _)| i);
        return word.split_at(end);
    }
    // Prefer a break after URL punctuation, if that keeps at least half the line used.
    if let Some((i, c)) = word[..end].char_indices().rev().find(|&(_, c)| is_soft_break_after(c)) {
        let after = i + c.len_utf8();
        if after * 2 >= end && after < end {
            end = after;
        }
    }
    word.split_at(end)
}

/// A place in the flow: a page and a height on it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Position {
    pub page: usize,
    pub y: f32,
}

impl Position {
    /// Whichever of the two comes later in the document.
    pub(crate) fn later(self, other: Position) -> Position {
        if (other.page, other.y) > (self.page, self.y) { other } else { self }
    }
}

/// Lines flowing down pages between a top and a bottom margin. Blocks placed side by side
/// (sender and recipient) are laid out one after the other with [`Flow::move_to`].
#[derive(Debug)]
pub(crate) struct Flow<'m> {
    measure: &'m dyn Measure,
    /// Line height as a multiple of the font size.
    leading: f32,
    top: f32,
    bottom: f32,
    pages: Vec<Page>,
    at: Position,
}

impl<'m> Flow<'m> {
    /// A flow whose lines stay between `top` and `bottom` (points from the top of the page).
    pub(crate) fn new(measure: &'m dyn Measure, leading: f32, top: f32, bottom: f32) -> Self {
        Flow { measure, leading, top, bottom, pages: vec![Page::default()], at: Position { page: 0, y: top } }
    }

    pub(crate) fn measure(&self) -> &'m dyn Measure {
        self.measure
    }

    pub(crate) fn position(&self) -> Position {
        self.at
    }

    pub(crate) fn move_to(&mut self, at: Position) {
        while self.pages.len() <= at.page {
            self.pages.push(Page::default());
        }
        self.at = at;
    }

    pub(crate) fn line_height(&self, style: Style) -> f32 {
        style.size * self.leading
    }

    /// Vertical space between blocks. Dropped at the top of a page, where it would only
    /// push the text down, and when it reaches the bottom (the next block starts a page).
    pub(crate) fn gap(&mut self, h: f32) {
        if self.at.y <= self.top {
            return;
        }
        self.at.y += h;
        if self.at.y >= self.bottom {
            self.next_page();
        }
    }

    /// Vertical space that is kept even at the top of a page (room for a signature). Call
    /// [`Flow::keep`] first so the space and what follows fit.
    pub(crate) fn skip(&mut self, h: f32) {
        self.at.y += h;
    }

    /// Starts a new page unless `h` points fit below the current position. A block taller
    /// than a page is not helped by a new page once at the top: it then breaks line by line.
    pub(crate) fn keep(&mut self, h: f32) {
        if self.at.y + h > self.bottom && self.at.y > self.top {
            self.next_page();
        }
    }

    /// Continues on a new page.
    pub(crate) fn next_page(&mut self) {
        self.move_to(Position { page: self.at.page + 1, y: self.top });
    }

    /// Continues on a new page unless the current one is still blank.
    pub(crate) fn fresh_page(&mut self) {
        if self.at.y > self.top || !self.pages[self.at.page].is_empty() {
            self.next_page();
        }
    }

    /// The space left on the current page, in points.
    pub(crate) fn room(&self) -> f32 {
        self.bottom - self.at.y
    }

    /// The height a page offers between the margins.
    pub(crate) fn page_room(&self) -> f32 {
        self.bottom - self.top
    }

    /// Draws `shape` on the current page.
    pub(crate) fn draw(&mut self, shape: Shape) {
        self.pages[self.at.page].shapes.push(shape);
    }

    /// One already-wrapped line at `x` in the line box starting `dy` points below the current
    /// position (which does not move), in drawing order.
    pub(crate) fn line_at(&mut self, x: f32, dy: f32, style: Style, muted: bool, line: &str) {
        let lh = self.line_height(style);
        let baseline = self.baseline(style, lh) + dy;
        let text = crate::bidi::visual_order(line);
        self.pages[self.at.page].runs.push(Run { x, baseline, style, muted, text });
    }

    /// A wrapped paragraph at `x`, at most `max` points wide.
    pub(crate) fn paragraph(&mut self, x: f32, max: f32, style: Style, text: &str) {
        let lines = wrap(self.measure, style, text, max);
        self.place(&lines, x, style, None);
    }

    /// A wrapped paragraph in grey.
    pub(crate) fn muted_paragraph(&mut self, x: f32, max: f32, style: Style, text: &str) {
        let lines = wrap(self.measure, style, text, max);
        self.place_toned(&lines, x, style, None, true);
    }

    /// A wrapped paragraph with each line centred between `x` and `x + max`.
    pub(crate) fn centred(&mut self, x: f32, max: f32, style: Style, text: &str) {
        let lines = wrap(self.measure, style, text, max);
        for line in &lines {
            let indent = ((max - width(self.measure, style, line)) / 2.0).max(0.0);
            self.place(std::slice::from_ref(line), x + indent, style, None);
        }
    }

    /// Columns of already-wrapped lines side by side (a label and its value): line `i` of every
    /// column shares a line box. Orphans and widows are avoided as for paragraphs.
    pub(crate) fn columns(&mut self, columns: &[(f32, Style, &[String])]) {
        let n = columns.iter().map(|(_, _, lines)| lines.len()).max().unwrap_or(0);
        let lh = columns.iter().map(|&(_, style, _)| self.line_height(style)).fold(0.0, f32::max);
        for i in 0..n {
            self.keep(Self::lines_needed(i, n) as f32 * lh);
            for &(x, style, lines) in columns {
                if let Some(line) = lines.get(i) {
                    self.line_at(x, (lh - self.line_height(style)) / 2.0, style, false, line);
                }
            }
            self.at.y += lh;
        }
    }

    /// How many lines must fit before line `i` of `n` is placed: the first two together (no
    /// orphan), and from four lines up the last two together (no widow).
    fn lines_needed(i: usize, n: usize) -> usize {
        if i == 0 {
            n.min(2)
        } else if n >= 4 && i == n - 2 {
            2
        } else {
            1
        }
    }

    /// A list item: `marker` at `x`, the text wrapped in a column `indent` points further
    /// right (a hanging indent), the whole at most `max` points wide.
    pub(crate) fn hanging(&mut self, x: f32, indent: f32, max: f32, style: Style, marker: &str, text: &str) {
        let lines = wrap(self.measure, style, text, max - indent);
        self.place(&lines, x + indent, style, Some((x, marker)));
    }

    /// Places already-wrapped lines, each in drawing order (see [`crate::bidi`]). A paragraph of two or more lines never leaves its first
    /// line alone at the bottom of a page (orphan), nor, from four lines up, its last line
    /// alone at the top of the next (widow).
    fn place(&mut self, lines: &[String], x: f32, style: Style, marker: Option<(f32, &str)>) {
        self.place_toned(lines, x, style, marker, false);
    }

    fn place_toned(&mut self, lines: &[String], x: f32, style: Style, marker: Option<(f32, &str)>, muted: bool) {
        let lh = self.line_height(style);
        let n = lines.len();
        for (i, line) in lines.iter().enumerate() {
            self.keep(Self::lines_needed(i, n) as f32 * lh);
            let baseline = self.baseline(style, lh);
            let page = &mut self.pages[self.at.page];
            if i == 0
                && let Some((mx, marker)) = marker
            {
                page.runs.push(Run { x: mx, baseline, style, muted, text: marker.to_owned() });
            }
            page.runs.push(Run { x, baseline, style, muted, text: crate::bidi::visual_order(line) });
            self.at.y += lh;
        }
    }

    /// The baseline of a line box of height `lh` starting at the current position: the glyphs'
    /// ascender-to-descender box centred in the line box.
    fn baseline(&self, style: Style, lh: f32) -> f32 {
        let (ascent, descent) = (self.measure.ascent() * style.size, self.measure.descent() * style.size);
        self.at.y + (lh - ascent - descent) / 2.0 + ascent
    }

    pub(crate) fn finish(self) -> Vec<Page> {
        self.pages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every glyph half an em wide, 'W' a full em, combining marks a tenth.
    #[derive(Debug)]
    struct Mono;

    impl Measure for Mono {
        fn advance(&self, _: Face, c: char) -> u32 {
            match c {
                'W' => 1000,
                c if is_mark(c) => 100,
                _ => 500,
            }
        }
        fn has_glyph(&self, _: Face, c: char) -> bool {
            c.is_ascii()
        }
        fn ascent(&self) -> f32 {
            0.9
        }
        fn descent(&self) -> f32 {
            0.2
        }
    }

    const STYLE: Style = Style { face: Face::Regular, size: 10.0 };

    #[test]
    fn wraps_greedily_at_spaces() {
        // 5 pt per character: 50 pt hold 10 characters.
        let lines = wrap(&Mono, STYLE, "aaa bbb ccc  ddd\u{A0}eee", 50.0);
        assert_eq!(lines, ["aaa bbb", "ccc", "ddd\u{A0}eee"]);
        assert!(wrap(&Mono, STYLE, "  ", 50.0).is_empty());
    }

    #[test]
    fn breaks_long_words_without_overflow_or_loss() {
        let word = "x".repeat(95);
        let lines = wrap(&Mono, STYLE, &format!("see {word} ok"), 50.0);
        assert_eq!(lines.concat(), format!("see{word} ok"));
        for line in &lines {
            assert!(width(&Mono, STYLE, line) <= 50.0, "{line:?}");
        }
        assert_eq!(lines[0], "see");
        assert_eq!(lines[1].len(), 10);
    }

    #[test]
    fn long_urls_break_after_punctuation() {
        let lines = wrap(&Mono, STYLE, "https://example.com/aaaaaaaaaaaaaaaa", 100.0);
        assert_eq!(lines, ["https://example.com/", "aaaaaaaaaaaaaaaa"]);
    }

    #[test]
    fn marks_stay_with_their_base_and_wide_glyphs_still_progress() {
        // "e" + 3 combining acutes: the first acute overflows, but must not start a line.
        let word = format!("{}e\u{301}\u{301}\u{301}b", "a".repeat(9));
        let lines = wrap(&Mono, STYLE, &word, 50.0);
        assert_eq!(lines, ["aaaaaaaaa", "e\u{301}\u{301}\u{301}b"]);
        // A glyph wider than the line gets a line of its own.
        assert_eq!(wrap(&Mono, STYLE, "WWW", 8.0), ["W", "W", "W"]);
        assert_eq!(wrap(&Mono, STYLE, "ab", 0.0), ["a", "b"]);
    }

    #[test]
    fn cleaning_drops_invisible_characters() {
        let text = "a\u{200F}b\u{FE0F}c\u{AD}d\u{2009}e\u{202F}f";
        assert_eq!(clean(&Mono, text), "abcd e\u{A0}f");
    }

    #[test]
    fn flow_paginates_within_margins_and_avoids_orphans() {
        let mut flow = Flow::new(&Mono, 1.5, 100.0, 200.0);
        // 15 pt lines: 6 lines per page (100..190), the 7th would end at 205.
        for _ in 0..5 {
            flow.paragraph(10.0, 50.0, STYLE, "one line");
        }
        // Two lines, only one fits: both go to the next page.
        flow.paragraph(10.0, 50.0, STYLE, "aaaaaaaa bbbbbbbb");
        let pages = flow.finish();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].runs.len(), 5);
        assert_eq!(pages[1].runs.len(), 2);
        for run in pages.iter().flat_map(|p| &p.runs) {
            assert!(run.baseline > 100.0 && run.baseline < 200.0, "{run:?}");
        }
        assert!(pages[1].runs[0].baseline < 115.0);
    }

    #[test]
    fn hanging_items_put_the_marker_at_x_and_the_text_indented() {
        let mut flow = Flow::new(&Mono, 1.5, 0.0, 500.0);
        flow.hanging(10.0, 20.0, 70.0, STYLE, "•", "aaaa bbbb cccc");
        let runs = &flow.finish()[0].runs;
        assert_eq!(runs[0].text, "•");
        assert_eq!(runs[0].x, 10.0);
        assert!(runs[1..].iter().all(|r| r.x == 30.0 && width(&Mono, STYLE, &r.text) <= 50.0));
        assert_eq!(runs.len(), 3);
    }
}
