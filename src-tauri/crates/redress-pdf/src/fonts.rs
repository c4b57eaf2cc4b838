//! The two faces every letter is set in, DejaVu Sans and DejaVu Sans Bold (compiled in; the
//! licence is `fonts/LICENSE-DejaVu.txt`), their metrics for layout, and the per-document
//! subset that gets embedded.
//!
//! The full fonts are parsed once per process ([`fonts`]) with printpdf's parser, which reads
//! `cmap` (character to glyph) and `hmtx` (advance widths). Each document then embeds only the
//! glyphs it uses: allsorts (printpdf's own font library) cuts a subset, its glyphs renumbered
//! 0..n in the order we ask for them, and we hand printpdf a font built from the subset bytes
//! with the matching character map and widths, named `ABCDEF+DejaVuSans` as ISO 32000 asks of
//! subsets. printpdf then writes it as a Type0/CIDFontType2 font with `/W` and `/ToUnicode`.
//!
//! This relies on printpdf being built without its `text_layout` feature, where `ParsedFont` is
//! a plain struct with public fields (with the feature it is the azul layout engine's type and
//! this module would not compile, rather than misbehave).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use printpdf::ParsedFont;

use crate::Error;
use crate::fingerprint::{Fingerprint, subset_tag};
use crate::layout::{Face, Measure};

const REGULAR_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// One face: its bytes and its parsed tables.
#[derive(Debug)]
pub(crate) struct FontFace {
    /// The PostScript name, which the PDF uses as `/BaseFont`.
    name: &'static str,
    bytes: &'static [u8],
    parsed: ParsedFont,
}

#[derive(Debug)]
pub(crate) struct Fonts {
    regular: FontFace,
    bold: FontFace,
}

/// The parsed fonts, shared by every document. Parsing builds maps of ~6,000 glyphs per face,
/// so it happens once.
pub(crate) fn fonts() -> Result<&'static Fonts, Error> {
    static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            Ok(Fonts {
                regular: FontFace::parse("DejaVuSans", REGULAR_TTF)?,
                bold: FontFace::parse("DejaVuSans-Bold", BOLD_TTF)?,
            })
        })
        .as_ref()
        .map_err(|message| Error::Font { message: message.clone() })
}

impl Fonts {
    pub(crate) fn face(&self, face: Face) -> &FontFace {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }
}

impl Measure for Fonts {
    fn advance(&self, face: Face, c: char) -> u32 {
        let face = self.face(face);
        face.advance(face.glyph(c).unwrap_or(0))
    }

    fn has_glyph(&self, face: Face, c: char) -> bool {
        self.face(face).glyph(c).is_some()
    }

    fn ascent(&self) -> f32 {
        let p = &self.regular.parsed;
        f32::from(p.font_metrics.ascent) / f32::from(p.units_per_em)
    }

    fn descent(&self) -> f32 {
        let p = &self.regular.parsed;
        f32::from(p.font_metrics.descent).abs() / f32::from(p.units_per_em)
    }
}

impl FontFace {
    fn parse(name: &'static str, bytes: &'static [u8]) -> Result<FontFace, String> {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .ok_or_else(|| format!("failed to parse the built-in font {name}: {warnings:?}"))?;
        if parsed.codepoint_to_glyph.is_empty() || parsed.glyph_widths.is_empty() || parsed.units_per_em == 0 {
            return Err(format!("failed to parse the built-in font {name}: no character map or widths"));
        }
        Ok(FontFace { name, bytes, parsed })
    }

    /// The glyph for `c`, if the font has one (glyph 0 is the missing-glyph box, not a glyph).
    fn glyph(&self, c: char) -> Option<u16> {
        self.parsed.lookup_glyph_index(u32::from(c)).filter(|&gid| gid != 0)
    }

    /// A glyph's advance in thousandths of an em, computed exactly as printpdf computes the
    /// `/W` entry (truncated), so layout and viewer agree to the unit.
    fn advance(&self, gid: u16) -> u32 {
        let raw = self.parsed.get_glyph_width(gid).unwrap_or(0);
        (f32::from(raw) * 1000.0 / f32::from(self.parsed.units_per_em)) as u32
    }

    /// The font to embed for a document that draws `chars` in this face: only their glyphs
    /// (plus the missing-glyph box, which characters without a glyph are drawn as).
    pub(crate) fn subset(&self, chars: &BTreeSet<char>) -> Result<ParsedFont, Error> {
        let failed = |message: String| Error::Subset { font: self.name, message };
        let mapped: Vec<(char, u16)> = chars.iter().filter_map(|&c| Some((c, self.glyph(c)?))).collect();
        let used: BTreeSet<u16> = mapped.iter().map(|&(_, gid)| gid).collect();
        // allsorts requires glyph 0 first and no duplicates; it renumbers glyph ids[i] to i.
        // (Components of composite glyphs are appended after, and never drawn directly.)
        let ids: Vec<u16> = std::iter::once(0).chain(used).collect();
        let new_id: BTreeMap<u16, u16> = ids.iter().zip(0u16..).map(|(&old, new)| (old, new)).collect();

        let scope = allsorts::binary::read::ReadScope::new(self.bytes);
        let font_data = scope.read::<allsorts::font_data::FontData<'_>>().map_err(|e| failed(e.to_string()))?;
        let provider = font_data.table_provider(0).map_err(|e| failed(e.to_string()))?;
        let bytes = allsorts::subset::subset(
            &provider,
            &ids,
            &allsorts::subset::SubsetProfile::Pdf,
            allsorts::subset::CmapTarget::Unicode,
        )
        .map_err(|e| failed(e.to_string()))?;

        let mut tag = Fingerprint::new();
        tag.add(self.name.as_bytes());
        for id in &ids {
            tag.add(&id.to_be_bytes());
        }
        let widths =
            ids.iter().filter_map(|old| Some((*new_id.get(old)?, self.parsed.get_glyph_width(*old)?))).collect();
        let codepoints = mapped.iter().filter_map(|&(c, old)| Some((u32::from(c), *new_id.get(&old)?))).collect();
        Ok(ParsedFont {
            original_bytes: bytes,
            font_index: 0,
            font_name: Some(format!("{}+{}", subset_tag(tag.finish()), self.name)),
            codepoint_to_glyph: codepoints,
            glyph_widths: widths,
            units_per_em: self.parsed.units_per_em,
            font_metrics: self.parsed.font_metrics.clone(),
            font_type: self.parsed.font_type,
            pdf_font_metrics: self.parsed.pdf_font_metrics.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_parse_and_measure() {
        let fonts = fonts().expect("fonts");
        // DejaVu Sans: 'M' is wider than 'i', bold wider than regular, ascent ~0.93 em.
        assert!(fonts.advance(Face::Regular, 'M') > fonts.advance(Face::Regular, 'i'));
        assert!(fonts.advance(Face::Bold, 'M') >= fonts.advance(Face::Regular, 'M'));
        assert!((0.8..1.0).contains(&fonts.ascent()));
        for c in ['é', 'ß', '€', '«', '„', 'ش', 'ש', '•'] {
            assert!(fonts.has_glyph(Face::Regular, c), "{c}");
        }
        // DejaVu has the emoticons block (😀) but not most later emoji.
        assert!(!fonts.has_glyph(Face::Regular, '🦀'));
        assert!(fonts.advance(Face::Regular, '🦀') > 0, "missing glyphs measure as the box");
    }

    #[test]
    fn subset_keeps_only_used_glyphs_renumbered() {
        let fonts = fonts().expect("fonts");
        let chars: BTreeSet<char> = "Zoé 🦀".chars().collect();
        let font = fonts.face(Face::Regular).subset(&chars).expect("subset");
        assert!(font.original_bytes.len() < REGULAR_TTF.len() / 10);
        let name = font.font_name.clone().unwrap_or_default();
        assert_eq!(name.len(), "ABCDEF+DejaVuSans".len());
        assert_eq!(&name[6..], "+DejaVuSans");
        // Four glyphs (Z, o, é, space) after the box, ids 1..=4, widths kept.
        let gids: BTreeSet<u16> = font.codepoint_to_glyph.values().copied().collect();
        assert_eq!(gids, (1..=4).collect());
        assert_eq!(font.lookup_glyph_index(u32::from('🦀')), None);
        let z = font.lookup_glyph_index(u32::from('Z')).unwrap_or(0);
        let z_orig = fonts.regular.glyph('Z').unwrap_or(0);
        assert_eq!(font.get_glyph_width(z), fonts.regular.parsed.get_glyph_width(z_orig));
    }
}
