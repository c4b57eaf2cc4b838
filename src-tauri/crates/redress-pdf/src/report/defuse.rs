//! Active content taken out of a PDF exhibit before its pages are merged into the complaint,
//! so that a vendor's reply cannot run code, carry files or send forms when the authority
//! opens the complaint.
//!
//! Why the pages are copied rather than rendered to images: rendering would be the strongest
//! defence (nothing of the vendor's file but pixels would reach the authority), but it needs a
//! PDF rasteriser — pdfium, MuPDF or poppler, large C/C++ libraries that would then parse the
//! hostile file inside Redress, the memory-safety risk we avoid everywhere else — and it makes
//! the case handler's copy worse: text that can no longer be searched or quoted, and files
//! many times larger. Copying the pages keeps the text and the file small, and what a copied
//! page can do is limited by allow-lists, not deny-lists:
//!
//! - a page keeps only the keys that draw it ([`PAGE_KEYS`]); its `/AA` triggers, thumbnails,
//!   article beads, structure and metadata links stay behind;
//! - a page keeps only annotations of the kinds in [`SAFE_ANNOTATIONS`] (markup and links),
//!   each with only the keys in [`ANNOTATION_KEYS`]: form fields (widgets), attachments, sound,
//!   movies, screens, rich media and 3D are dropped;
//! - an action anywhere in the file is rebuilt from scratch if it is a `/GoTo` to a page of the
//!   same exhibit or a `/URI` to an `http`, `https` or `mailto` address, and removed otherwise;
//!   `/Next` chains are never kept;
//! - the exhibit's catalog (with its name trees: scripts, embedded files, named destinations,
//!   its forms and its open action) is never copied (`assemble::import`), and keys that carry
//!   scripts, forms or files ([`ACTIVE_KEYS`]) are removed wherever they are;
//! - references are followed when judging a dictionary (`/S 6 0 R` naming `/JavaScript` is a
//!   script), and inline nesting deeper than [`MAX_NESTING`] is removed and counted, so the
//!   complaint can say that part of the exhibit was left out; nothing is kept unchecked.
//!
//! What remains is drawing: content streams, fonts, images. A viewer's bug in those could
//! still be reached; that is the risk page copying accepts.

use std::collections::BTreeSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

/// Inline (direct) objects nested deeper than this are removed. Real files stay far below it
/// (a page's resources reach depth 4 or 5); the PDF reader refuses anything past 100.
pub(crate) const MAX_NESTING: usize = 32;
/// References followed in a row to reach a value (a reference to a reference…).
const MAX_HOPS: usize = 8;

/// Page keys kept: what it takes to draw the page and its annotations.
const PAGE_KEYS: &[&[u8]] = &[
    b"Type",
    b"Resources",
    b"MediaBox",
    b"CropBox",
    b"BleedBox",
    b"TrimBox",
    b"ArtBox",
    b"Rotate",
    b"Contents",
    b"Annots",
    b"Group",
    b"UserUnit",
];

/// Annotations kept: links and markup (notes, highlights, shapes, stamps). Everything else —
/// `Widget` (form fields), `FileAttachment`, `Sound`, `Movie`, `Screen`, `RichMedia`, `3D`,
/// `Redact`, `Watermark`, `PrinterMark`, `TrapNet`, `Projection` and kinds not invented yet —
/// is dropped.
const SAFE_ANNOTATIONS: &[&[u8]] = &[
    b"Link",
    b"Text",
    b"FreeText",
    b"Line",
    b"Square",
    b"Circle",
    b"Polygon",
    b"PolyLine",
    b"Highlight",
    b"Underline",
    b"Squiggly",
    b"StrikeOut",
    b"Caret",
    b"Ink",
    b"Popup",
    b"Stamp",
];

/// Keys kept on those annotations: geometry, appearance, text, and a link's target (`/A`,
/// `/Dest`, checked on their own). Rich text (`/RC`), external data (`/ExData`), optional
/// content and structure links are dropped.
const ANNOTATION_KEYS: &[&[u8]] = &[
    b"Type",
    b"Subtype",
    b"Rect",
    b"Contents",
    b"P",
    b"NM",
    b"M",
    b"F",
    b"AP",
    b"AS",
    b"Border",
    b"C",
    b"BS",
    b"BE",
    b"IC",
    b"CA",
    b"T",
    b"Popup",
    b"Parent",
    b"Open",
    b"CreationDate",
    b"IRT",
    b"Subj",
    b"RT",
    b"IT",
    b"QuadPoints",
    b"Name",
    b"State",
    b"StateModel",
    b"DA",
    b"Q",
    b"RD",
    b"CL",
    b"LE",
    b"L",
    b"LL",
    b"LLE",
    b"LLO",
    b"Cap",
    b"CP",
    b"CO",
    b"InkList",
    b"Vertices",
    b"Sy",
    b"H",
    b"A",
    b"Dest",
];

/// Keys removed from every dictionary: triggers, scripts, forms, attachments and name trees.
const ACTIVE_KEYS: &[&[u8]] =
    &[b"AA", b"OpenAction", b"JS", b"JavaScript", b"AcroForm", b"XFA", b"Names", b"EmbeddedFiles", b"EF", b"RF"];

/// Every action type of ISO 32000-2, to recognise an action whatever it is written in; only
/// `GoTo` and `URI` survive, rebuilt ([`safe_action`]).
const ACTION_TYPES: &[&[u8]] = &[
    b"GoTo",
    b"GoToR",
    b"GoToE",
    b"GoToDp",
    b"Launch",
    b"Thread",
    b"URI",
    b"Sound",
    b"Movie",
    b"Hide",
    b"Named",
    b"SubmitForm",
    b"ResetForm",
    b"ImportData",
    b"JavaScript",
    b"SetOCGState",
    b"Rendition",
    b"Trans",
    b"GoTo3DView",
    b"RichMediaExecute",
];

/// Web and mail addresses: what a `/URI` link may open.
const URI_SCHEMES: &[&[u8]] = &[b"http://", b"https://", b"mailto:"];

/// What defusing had to leave out that the complaint should mention.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Removed {
    /// Parts nested deeper than [`MAX_NESTING`], removed unchecked.
    pub too_deep: usize,
}

/// Takes the active content out of every object of `doc`, whose pages are `pages`. The pages
/// themselves are narrowed by [`page`] once their inherited attributes are on them.
pub(crate) fn defuse(doc: &mut Document, pages: &BTreeSet<ObjectId>) -> Removed {
    let mut removed = Removed::default();
    let ids: Vec<ObjectId> = doc.objects.keys().copied().collect();
    for id in ids {
        // Taken out while it is judged, so the rest of the file can be read to resolve references.
        let Some(mut object) = doc.objects.remove(&id) else { continue };
        let mut scrub = Scrub { doc, pages, too_deep: 0 };
        scrub.object(&mut object, 0);
        removed.too_deep += scrub.too_deep;
        doc.objects.insert(id, object);
    }
    removed
}

/// Narrows a page (already defused, with its inherited attributes) to [`PAGE_KEYS`] and its
/// annotations to [`SAFE_ANNOTATIONS`] with [`ANNOTATION_KEYS`]. `pages` are the exhibit's
/// pages, which its links may point at.
pub(crate) fn page(doc: &mut Document, page: &mut Dictionary, pages: &BTreeSet<ObjectId>) {
    let keys: Vec<Vec<u8>> = page.iter().map(|(k, _)| k.clone()).filter(|k| !PAGE_KEYS.contains(&&k[..])).collect();
    for key in keys {
        page.remove(&key);
    }
    let Ok(annots) = page.get(b"Annots") else { return };
    let entries = match resolve(doc, annots) {
        Some(Object::Array(items)) => items.clone(),
        _ => Vec::new(),
    };
    let mut kept = Vec::with_capacity(entries.len());
    for entry in entries {
        match entry {
            Object::Reference(id) => {
                let Some(Object::Dictionary(annot)) = doc.objects.get(&id) else { continue };
                if let Some(narrowed) = annotation(doc, annot, pages) {
                    doc.objects.insert(id, Object::Dictionary(narrowed));
                    kept.push(Object::Reference(id));
                }
            }
            Object::Dictionary(annot) => kept.extend(annotation(doc, &annot, pages).map(Object::Dictionary)),
            _ => {}
        }
    }
    if kept.is_empty() {
        page.remove(b"Annots");
    } else {
        page.set("Annots", kept);
    }
}

/// A safe annotation narrowed to its safe keys, or `None` when it is of another kind.
fn annotation(doc: &Document, annot: &Dictionary, pages: &BTreeSet<ObjectId>) -> Option<Dictionary> {
    let subtype = name(doc, annot, b"Subtype")?;
    if !SAFE_ANNOTATIONS.contains(&subtype) || name(doc, annot, b"Type").is_some_and(|t| t != b"Annot") {
        return None;
    }
    let mut narrowed = Dictionary::new();
    for (key, value) in annot.iter() {
        if ANNOTATION_KEYS.contains(&&key[..]) {
            narrowed.set(key.clone(), value.clone());
        }
    }
    // Defusing rebuilt or removed every action already; a link keeps only what is left of them.
    let is_action = |o: &Object| matches!(resolve(doc, o), Some(Object::Dictionary(a)) if a.has(b"S"));
    if narrowed.get(b"A").is_ok_and(|a| !is_action(a)) {
        narrowed.remove(b"A");
    }
    if let Ok(dest) = narrowed.get(b"Dest") {
        match destination(doc, dest, pages) {
            Some(dest) => narrowed.set("Dest", dest),
            None => {
                narrowed.remove(b"Dest");
            }
        }
    }
    Some(narrowed)
}

/// One object being judged: the rest of the document, to resolve references, and the
/// exhibit's pages, which `/GoTo` links may point at.
struct Scrub<'a> {
    doc: &'a Document,
    pages: &'a BTreeSet<ObjectId>,
    too_deep: usize,
}

impl Scrub<'_> {
    fn object(&mut self, object: &mut Object, depth: usize) {
        let container = matches!(object, Object::Array(_) | Object::Dictionary(_) | Object::Stream(_));
        if container && depth >= MAX_NESTING {
            *object = Object::Null;
            self.too_deep += 1;
            return;
        }
        match object {
            Object::Dictionary(dict) => match self.judge(dict) {
                Verdict::Keep => self.dictionary(dict, depth),
                Verdict::Replace(new) => *object = new,
            },
            Object::Stream(stream) => match self.judge(&stream.dict) {
                Verdict::Keep => self.dictionary(&mut stream.dict, depth),
                // A stream cannot become a dictionary: whatever it stood for goes.
                Verdict::Replace(_) => *object = Object::Null,
            },
            Object::Array(items) => items.iter_mut().for_each(|item| self.object(item, depth + 1)),
            _ => {}
        }
    }

    fn dictionary(&mut self, dict: &mut Dictionary, depth: usize) {
        for key in ACTIVE_KEYS {
            dict.remove(key);
        }
        for (_, value) in dict.iter_mut() {
            self.object(value, depth + 1);
        }
    }

    /// What becomes of a dictionary: kept (and searched further), or replaced by a rebuilt
    /// action or by null.
    fn judge(&self, dict: &Dictionary) -> Verdict {
        let doc = self.doc;
        let kind = name(doc, dict, b"Type");
        let subtype = name(doc, dict, b"Subtype");
        let action = name(doc, dict, b"S").filter(|s| ACTION_TYPES.contains(s));
        if action.is_some() || kind == Some(b"Action") || dict.has(b"JS") {
            return Verdict::Replace(safe_action(doc, dict, self.pages).map_or(Object::Null, Object::Dictionary));
        }
        let annotation_of_another_kind =
            kind == Some(b"Annot") && !subtype.is_some_and(|s| SAFE_ANNOTATIONS.contains(&s));
        let file = matches!(kind, Some(b"EmbeddedFile" | b"Filespec"));
        if annotation_of_another_kind || file {
            return Verdict::Replace(Object::Null);
        }
        Verdict::Keep
    }
}

enum Verdict {
    Keep,
    Replace(Object),
}

/// The action rebuilt with nothing but its type and target when it is one of the two kinds
/// allowed: `/GoTo` a page of this exhibit, `/URI` to a web or mail address. Its `/Next`
/// actions are dropped.
fn safe_action(doc: &Document, action: &Dictionary, pages: &BTreeSet<ObjectId>) -> Option<Dictionary> {
    match name(doc, action, b"S")? {
        b"GoTo" => {
            let dest = destination(doc, action.get(b"D").ok()?, pages)?;
            Some(Dictionary::from_iter(vec![("S", Object::Name(b"GoTo".to_vec())), ("D", dest)]))
        }
        b"URI" => {
            let uri = resolve(doc, action.get(b"URI").ok()?)?.as_str().ok()?;
            let lower = uri.to_ascii_lowercase();
            if !URI_SCHEMES.iter().any(|scheme| lower.starts_with(scheme)) {
                return None;
            }
            let uri = Object::String(uri.to_vec(), lopdf::StringFormat::Literal);
            Some(Dictionary::from_iter(vec![("S", Object::Name(b"URI".to_vec())), ("URI", uri)]))
        }
        _ => None,
    }
}

/// An explicit destination (`[page /XYZ left top zoom]` and the like) rebuilt from plain
/// values, when its page is one of the exhibit's `pages`. Named destinations live in the
/// exhibit's catalog, which is not merged: links to them are dropped.
fn destination(doc: &Document, dest: &Object, pages: &BTreeSet<ObjectId>) -> Option<Object> {
    let items = resolve(doc, dest)?.as_array().ok()?;
    let (first, rest) = items.split_first()?;
    let page = first.as_reference().ok()?;
    if !pages.contains(&page) || rest.len() > 4 {
        return None;
    }
    let mut rebuilt = vec![Object::Reference(page)];
    for item in rest {
        match resolve(doc, item)? {
            plain @ (Object::Name(_) | Object::Integer(_) | Object::Real(_) | Object::Null) => {
                rebuilt.push(plain.clone())
            }
            _ => return None,
        }
    }
    Some(Object::Array(rebuilt))
}

/// The value an object stands for, following up to [`MAX_HOPS`] references; `None` for a
/// missing object or a loop.
fn resolve<'a>(doc: &'a Document, mut object: &'a Object) -> Option<&'a Object> {
    for _ in 0..MAX_HOPS {
        match object {
            Object::Reference(id) => object = doc.objects.get(id)?,
            other => return Some(other),
        }
    }
    None
}

/// The name under `key`, direct or behind references.
fn name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    resolve(doc, dict.get(key).ok()?)?.as_name().ok()
}
