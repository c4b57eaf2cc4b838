//! A PDF exhibit read with lopdf, checked, and prepared for merging: its active content taken
//! out (`defuse`), every page made self-contained (the attributes it inherits from its page tree copied onto it, the link to
//! that tree cut) and measured (its visible box and rotation, for the page-number stamp).

use std::collections::BTreeSet;

use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};

use crate::report::defuse::{self, Removed};

/// Streams larger than this once decompressed make the file unreadable (a decompression bomb
/// is the likely cause).
const MAX_DECOMPRESSED: usize = 256 << 20;
/// Page tree depth past which the file is taken as broken (a loop).
const MAX_DEPTH: usize = 64;
/// The page size assumed when a page has no usable box: A4.
const A4: [f32; 4] = [0.0, 0.0, 595.276, 841.89];

/// A readable PDF exhibit.
#[derive(Debug)]
pub(crate) struct SourcePdf {
    pub doc: Document,
    pub pages: Vec<SourcePage>,
    /// What defusing left out that the complaint mentions.
    pub removed: Removed,
}

/// One page of an exhibit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct SourcePage {
    /// The page object, in [`SourcePdf::doc`].
    pub id: ObjectId,
    /// The visible area (crop box, else media box), in the page's own coordinates:
    /// left, bottom, right, top.
    pub area: [f32; 4],
    /// Clockwise quarter turns applied when the page is shown: 0 to 3.
    pub quarter_turns: u8,
}

impl SourcePage {
    /// Width and height as shown, in points.
    pub(crate) fn shown_size(&self) -> (f32, f32) {
        let (w, h) = (self.area[2] - self.area[0], self.area[3] - self.area[1]);
        if self.quarter_turns % 2 == 1 { (h, w) } else { (w, h) }
    }

    /// The matrix taking the page as shown (origin at its bottom left, upright) to the page's
    /// own coordinates: what draws something upright on a rotated page.
    pub(crate) fn shown_to_page(&self) -> [f32; 6] {
        let [x0, y0, x1, y1] = self.area;
        match self.quarter_turns {
            1 => [0.0, 1.0, -1.0, 0.0, x1, y0],
            2 => [-1.0, 0.0, 0.0, -1.0, x1, y1],
            3 => [0.0, -1.0, 1.0, 0.0, x0, y1],
            _ => [1.0, 0.0, 0.0, 1.0, x0, y0],
        }
    }
}

/// Reads a PDF exhibit. The error says, in English, why it cannot be merged.
pub(crate) fn load_pdf(bytes: &[u8]) -> Result<SourcePdf, String> {
    let options = LoadOptions { max_decompressed_size: Some(MAX_DECOMPRESSED), ..LoadOptions::default() };
    // The parser reads untrusted bytes: a panic in it must not take the whole report down.
    let loaded =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| Document::load_mem_with_options(bytes, options)));
    let mut doc = match loaded {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => return Err(e.to_string()),
        Err(_) => return Err("the PDF reader failed on this file".into()),
    };
    if doc.is_encrypted() {
        return Err("it is protected by a password".into());
    }
    let ids: Vec<ObjectId> = doc.page_iter().collect();
    if ids.is_empty() {
        return Err("it has no pages".into());
    }
    let page_set: BTreeSet<ObjectId> = ids.iter().copied().collect();
    let removed = defuse::defuse(&mut doc, &page_set);
    let mut seen = BTreeSet::new();
    let mut pages = Vec::with_capacity(ids.len());
    for id in ids {
        let inherited = inherited(&doc, id)?;
        let mut page = match doc.get_object(id) {
            Ok(Object::Dictionary(page)) => page.clone(),
            _ => return Err(format!("page object {} {} is not a page", id.0, id.1)),
        };
        for (key, value) in inherited {
            if !page.has(key.as_bytes()) {
                page.set(key, value);
            }
        }
        // Only what draws the page stays: the link to the old page tree goes with the rest.
        defuse::page(&mut doc, &mut page, &page_set);
        if !page.has(b"Resources") {
            page.set("Resources", Dictionary::new());
        }
        let (area, quarter_turns) = geometry(&doc, &page);
        // A page listed twice in the tree becomes two pages.
        let id = if seen.insert(id) { id } else { doc.add_object(Object::Null) };
        doc.objects.insert(id, Object::Dictionary(page));
        pages.push(SourcePage { id, area, quarter_turns });
    }
    Ok(SourcePdf { doc, pages, removed })
}

/// The inheritable page attributes the page takes from its ancestors.
fn inherited(doc: &Document, page: ObjectId) -> Result<Vec<(&'static str, Object)>, String> {
    let mut found: Vec<(&'static str, Object)> = Vec::new();
    let mut node = doc.get_dictionary(page).map_err(|e| e.to_string())?;
    for _ in 0..MAX_DEPTH {
        let Ok(parent) = node.get(b"Parent").and_then(Object::as_reference) else { return Ok(found) };
        node = doc.get_dictionary(parent).map_err(|e| format!("broken page tree: {e}"))?;
        for key in ["Resources", "MediaBox", "CropBox", "Rotate"] {
            if let Ok(value) = node.get(key.as_bytes())
                && !found.iter().any(|(k, _)| *k == key)
            {
                found.push((key, value.clone()));
            }
        }
    }
    Err("broken page tree: too deep or a loop".into())
}

/// The visible area and rotation of a page, with fallbacks for missing or odd values.
fn geometry(doc: &Document, page: &Dictionary) -> ([f32; 4], u8) {
    let rect = |key: &[u8]| -> Option<[f32; 4]> {
        let (_, value) = doc.dereference(page.get(key).ok()?).ok()?;
        let numbers: Vec<f32> = value
            .as_array()
            .ok()?
            .iter()
            .map(|v| doc.dereference(v).ok().and_then(|(_, v)| v.as_float().ok()))
            .collect::<Option<_>>()?;
        let [a, b, c, d] = <[f32; 4]>::try_from(numbers).ok()?;
        let r = [a.min(c), b.min(d), a.max(c), b.max(d)];
        (r.iter().all(|v| v.is_finite()) && r[2] - r[0] >= 1.0 && r[3] - r[1] >= 1.0).then_some(r)
    };
    let media = rect(b"MediaBox").unwrap_or(A4);
    let area = rect(b"CropBox")
        .map(|c| [c[0].max(media[0]), c[1].max(media[1]), c[2].min(media[2]), c[3].min(media[3])])
        .filter(|c| c[2] - c[0] >= 1.0 && c[3] - c[1] >= 1.0)
        .unwrap_or(media);
    let rotate =
        page.get(b"Rotate").ok().and_then(|v| doc.dereference(v).ok()).and_then(|(_, v)| v.as_i64().ok()).unwrap_or(0);
    // Only multiples of 90 are valid; anything else is ignored, as viewers do.
    let quarter_turns = if rotate % 90 == 0 { rotate.rem_euclid(360) / 90 } else { 0 };
    (area, u8::try_from(quarter_turns).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_refused_with_a_reason() {
        assert!(load_pdf(b"%PDF-1.7 garbage").is_err());
        assert!(load_pdf(b"").is_err());
        assert!(load_pdf(&[0xFF; 1000]).is_err());
    }

    #[test]
    fn rotated_pages_are_stamped_upright() {
        let page = |quarter_turns| SourcePage { id: (1, 0), area: [10.0, 20.0, 110.0, 220.0], quarter_turns };
        let apply = |m: [f32; 6], (u, v): (f32, f32)| (m[0] * u + m[2] * v + m[4], m[1] * u + m[3] * v + m[5]);
        // The shown bottom-left corner lands on the page corner that is shown bottom left.
        assert_eq!(apply(page(0).shown_to_page(), (0.0, 0.0)), (10.0, 20.0));
        // Turned a quarter clockwise: the page's bottom-right corner is shown bottom left.
        assert_eq!(page(1).shown_size(), (200.0, 100.0));
        assert_eq!(apply(page(1).shown_to_page(), (0.0, 0.0)), (110.0, 20.0));
        assert_eq!(apply(page(1).shown_to_page(), (200.0, 0.0)), (110.0, 220.0));
        assert_eq!(apply(page(2).shown_to_page(), (0.0, 0.0)), (110.0, 220.0));
        assert_eq!(apply(page(3).shown_to_page(), (0.0, 0.0)), (10.0, 220.0));
    }
}
