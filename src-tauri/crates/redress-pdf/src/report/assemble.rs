//! The last steps on the document printpdf wrote: the exhibits' PDF pages merged in, each
//! with its page number stamped over it, and the outline (bookmarks).
//!
//! printpdf writes our own pages first, then one "stamp page" per merged page: a page of the
//! merged page's shown size with nothing but its page number (and exhibit number), set with
//! the same embedded fonts. Each stamp page becomes a form XObject, and the merged page gets
//! its original content wrapped in `q … Q` (so whatever state it leaves cannot move or recolour
//! the stamp) followed by the form, drawn through the matrix that turns it upright on a rotated
//! page. The exhibit's objects are copied over with new numbers: only what its pages reach, so
//! its catalog, outline, forms dictionary and unused objects stay behind.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use crate::Error;
use crate::document::{pdf_error, text_string};
use crate::report::defuse::MAX_NESTING;
use crate::report::source::{SourcePage, SourcePdf};

/// A page of the finished document, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// Our page number `n` (in the order printpdf wrote them).
    Own(usize),
    /// Page `page` of PDF exhibit number `exhibit` (index in the report).
    Merged { exhibit: usize, page: usize },
}

/// An outline entry: `title`, pointing at `top` (PDF coordinates) on page `page` (index in
/// the finished document).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub title: String,
    pub page: usize,
    pub top: f32,
}

/// Puts the pages in `order`, merging `sources[exhibit]` where a [`Slot::Merged`] says,
/// and adds the outline and the document language.
pub(crate) fn assemble(
    doc: &mut Document,
    order: &[Slot],
    mut sources: Vec<Option<SourcePdf>>,
    outline: &[Entry],
    lang: &str,
) -> Result<(), Error> {
    let bug = |message: &str| Error::Pdf { message: message.to_owned() };
    let catalog_id = doc.trailer.get(b"Root").and_then(Object::as_reference).map_err(pdf_error)?;
    let pages_id = doc
        .get_dictionary(catalog_id)
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .map_err(pdf_error)?;
    let written: Vec<ObjectId> = doc
        .get_dictionary(pages_id)
        .and_then(|p| p.get(b"Kids"))
        .and_then(Object::as_array)
        .map_err(pdf_error)?
        .iter()
        .map(Object::as_reference)
        .collect::<Result<_, _>>()
        .map_err(pdf_error)?;
    let own = order.iter().filter(|s| matches!(s, Slot::Own(_))).count();
    if written.len() != order.len() {
        return Err(bug("page count mismatch between layout and document"));
    }
    let (own_ids, stamp_ids) = written.split_at(own);

    // The document takes the highest PDF version among the exhibits, 1.7 at least.
    let mut version = "1.7".to_owned();
    for source in sources.iter().flatten() {
        if source.doc.version.as_str() > version.as_str() && source.doc.version.len() <= 4 {
            version = source.doc.version.clone();
        }
    }

    // Each exhibit's pages, copied in.
    let mut merged: BTreeMap<usize, Vec<(ObjectId, SourcePage)>> = BTreeMap::new();
    for (exhibit, source) in sources.iter_mut().enumerate() {
        if let Some(source) = source.take() {
            merged.insert(exhibit, import(doc, source));
        }
    }

    let prefix = doc.add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
    let mut kids = Vec::with_capacity(order.len());
    let mut stamps = stamp_ids.iter();
    for slot in order {
        match *slot {
            Slot::Own(n) => kids.push(*own_ids.get(n).ok_or_else(|| bug("no such page"))?),
            Slot::Merged { exhibit, page } => {
                let &(id, source) =
                    merged.get(&exhibit).and_then(|p| p.get(page)).ok_or_else(|| bug("no such page"))?;
                let stamp = *stamps.next().ok_or_else(|| bug("missing stamp"))?;
                let form = page_to_form(doc, stamp, source.shown_size())?;
                overlay(doc, id, &source, form, prefix)?;
                let page = doc.get_object_mut(id).and_then(Object::as_dict_mut).map_err(pdf_error)?;
                page.set("Parent", Object::Reference(pages_id));
                kids.push(id);
            }
        }
    }
    let count = i64::try_from(kids.len()).map_err(|_| bug("too many pages"))?;
    let pages = doc.get_object_mut(pages_id).and_then(Object::as_dict_mut).map_err(pdf_error)?;
    pages.set("Kids", kids.iter().copied().map(Object::Reference).collect::<Vec<_>>());
    pages.set("Count", count);

    let outlines = bookmarks(doc, &kids, outline);
    let catalog = doc.get_object_mut(catalog_id).and_then(Object::as_dict_mut).map_err(pdf_error)?;
    if let Some(outlines) = outlines {
        catalog.set("Outlines", Object::Reference(outlines));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    if !lang.trim().is_empty() {
        catalog.set("Lang", Object::String(lang.trim().as_bytes().to_vec(), StringFormat::Literal));
    }
    doc.version = version;
    Ok(())
}

/// Copies the exhibit's pages and everything they refer to into `doc`, renumbered. Returns
/// the new page ids in order, with the pages' geometry.
fn import(doc: &mut Document, mut source: SourcePdf) -> Vec<(ObjectId, SourcePage)> {
    // Depth-first from the pages, so the numbering follows the pages' order.
    let mut renumber: BTreeMap<ObjectId, ObjectId> = BTreeMap::new();
    let mut stack: Vec<ObjectId> = source.pages.iter().rev().map(|p| p.id).collect();
    let mut refs = Vec::new();
    while let Some(id) = stack.pop() {
        if renumber.contains_key(&id) {
            continue;
        }
        let Some(object) = source.doc.objects.get(&id) else { continue };
        // The old page tree and catalog stay behind; references to them become null.
        if let Ok(dict) = object.as_dict()
            && dict.get(b"Type").and_then(Object::as_name).is_ok_and(|t| t == b"Pages" || t == b"Catalog")
        {
            continue;
        }
        renumber.insert(id, doc.new_object_id());
        refs.clear();
        references(object, 0, &mut refs);
        stack.extend(refs.iter().rev());
    }
    for (old, new) in &renumber {
        if let Some(mut object) = source.doc.objects.remove(old) {
            rewrite(&mut object, 0, &renumber);
            doc.objects.insert(*new, object);
        }
    }
    source.pages.iter().filter_map(|p| Some((*renumber.get(&p.id)?, *p))).collect()
}

/// The ids `object` refers to, to its [`MAX_NESTING`] levels: defusing removed whatever was
/// nested deeper, and stopping there as well keeps the recursion bounded whatever the input.
fn references(object: &Object, depth: usize, out: &mut Vec<ObjectId>) {
    let next = depth + 1;
    match object {
        Object::Reference(id) => out.push(*id),
        _ if depth >= MAX_NESTING => {}
        Object::Array(items) => items.iter().for_each(|o| references(o, next, out)),
        Object::Dictionary(dict) => dict.iter().for_each(|(_, o)| references(o, next, out)),
        Object::Stream(stream) => stream.dict.iter().for_each(|(_, o)| references(o, next, out)),
        _ => {}
    }
}

/// `object` with its references renumbered (null when not copied), to [`MAX_NESTING`] levels
/// like [`references`]; a container deeper than that becomes null, as defusing makes it.
fn rewrite(object: &mut Object, depth: usize, renumber: &BTreeMap<ObjectId, ObjectId>) {
    let next = depth + 1;
    match object {
        Object::Reference(id) => {
            *object = renumber.get(id).map_or(Object::Null, |new| Object::Reference(*new));
        }
        Object::Array(_) | Object::Dictionary(_) | Object::Stream(_) if depth >= MAX_NESTING => *object = Object::Null,
        Object::Array(items) => items.iter_mut().for_each(|o| rewrite(o, next, renumber)),
        Object::Dictionary(dict) => dict.iter_mut().for_each(|(_, o)| rewrite(o, next, renumber)),
        Object::Stream(stream) => stream.dict.iter_mut().for_each(|(_, o)| rewrite(o, next, renumber)),
        _ => {}
    }
}

/// Turns a stamp page printpdf wrote into a form XObject of the same content and resources,
/// and removes the page.
fn page_to_form(doc: &mut Document, page_id: ObjectId, (w, h): (f32, f32)) -> Result<ObjectId, Error> {
    let page = doc.objects.remove(&page_id).ok_or_else(|| Error::Pdf { message: "missing stamp page".into() })?;
    let page = page.as_dict().map_err(pdf_error)?;
    let content = page.get(b"Contents").and_then(Object::as_reference).map_err(pdf_error)?;
    let resources = page.get(b"Resources").map_err(pdf_error)?.clone();
    let stream = doc.get_object_mut(content).and_then(Object::as_stream_mut).map_err(pdf_error)?;
    stream.dict.set("Type", Object::Name(b"XObject".to_vec()));
    stream.dict.set("Subtype", Object::Name(b"Form".to_vec()));
    stream.dict.set("BBox", vec![0.into(), 0.into(), Object::Real(w), Object::Real(h)]);
    stream.dict.set("Resources", resources);
    Ok(content)
}

/// Draws `form` over a merged page, upright as the page is shown.
fn overlay(
    doc: &mut Document,
    page_id: ObjectId,
    source: &SourcePage,
    form: ObjectId,
    prefix: ObjectId,
) -> Result<(), Error> {
    let page = doc.get_dictionary(page_id).map_err(pdf_error)?;
    let direct = |object: Option<&Object>| -> Dictionary {
        match object {
            Some(Object::Dictionary(d)) => d.clone(),
            Some(Object::Reference(id)) => doc.get_dictionary(*id).cloned().unwrap_or_default(),
            _ => Dictionary::new(),
        }
    };
    let mut resources = direct(page.get(b"Resources").ok());
    let mut xobjects = direct(resources.get(b"XObject").ok());
    let name = (0..)
        .map(|i| if i == 0 { "RedressStamp".to_owned() } else { format!("RedressStamp{i}") })
        .find(|n| !xobjects.has(n.as_bytes()))
        .unwrap_or_default();
    xobjects.set(name.clone(), Object::Reference(form));
    resources.set("XObject", xobjects);

    let mut contents = vec![Object::Reference(prefix)];
    match page.get(b"Contents") {
        Ok(Object::Reference(id)) => match doc.get_object(*id) {
            Ok(Object::Array(items)) => contents.extend(items.iter().filter(|o| o.as_reference().is_ok()).cloned()),
            Ok(Object::Stream(_)) => contents.push(Object::Reference(*id)),
            _ => {}
        },
        Ok(Object::Array(items)) => contents.extend(items.iter().filter(|o| o.as_reference().is_ok()).cloned()),
        _ => {}
    }
    let m = source.shown_to_page().map(number);
    let ops = format!("Q q {} {} {} {} {} {} cm /{name} Do Q\n", m[0], m[1], m[2], m[3], m[4], m[5]);
    contents.push(Object::Reference(doc.add_object(Stream::new(Dictionary::new(), ops.into_bytes()))));

    let page = doc.get_object_mut(page_id).and_then(Object::as_dict_mut).map_err(pdf_error)?;
    page.set("Resources", resources);
    page.set("Contents", contents);
    Ok(())
}

/// A number as PDF content wants it: plain decimal, at most three decimals.
fn number(v: f32) -> String {
    let s = format!("{:.3}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".to_owned() } else { s.to_owned() }
}

/// A flat outline: one entry per section and exhibit.
fn bookmarks(doc: &mut Document, kids: &[ObjectId], entries: &[Entry]) -> Option<ObjectId> {
    let entries: Vec<(&Entry, ObjectId)> = entries.iter().filter_map(|e| Some((e, *kids.get(e.page)?))).collect();
    if entries.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    for (i, ((entry, page), id)) in entries.iter().zip(&ids).enumerate() {
        let dest = vec![
            Object::Reference(*page),
            Object::Name(b"XYZ".to_vec()),
            Object::Null,
            Object::Real(entry.top),
            Object::Null,
        ];
        let mut item = Dictionary::from_iter(vec![
            ("Title", text_string(&entry.title)),
            ("Parent", Object::Reference(root)),
            ("Dest", Object::Array(dest)),
        ]);
        if let Some(prev) = i.checked_sub(1).and_then(|p| ids.get(p)) {
            item.set("Prev", Object::Reference(*prev));
        }
        if let Some(next) = ids.get(i + 1) {
            item.set("Next", Object::Reference(*next));
        }
        doc.objects.insert(*id, Object::Dictionary(item));
    }
    let (first, last) = (ids.first().copied()?, ids.last().copied()?);
    let outlines = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Outlines".to_vec())),
        ("First", Object::Reference(first)),
        ("Last", Object::Reference(last)),
        ("Count", Object::Integer(i64::try_from(ids.len()).unwrap_or(i64::MAX))),
    ]);
    doc.objects.insert(root, Object::Dictionary(outlines));
    Some(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_plain_decimals() {
        assert_eq!(number(1.0), "1");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(595.2756), "595.276");
        assert_eq!(number(0.5), "0.5");
    }

    /// `levels` arrays one inside the other, a reference to `id` at the bottom.
    fn nested(levels: usize, id: ObjectId) -> Object {
        (0..levels).fold(Object::Reference(id), |inner, _| Object::Array(vec![inner]))
    }

    #[test]
    fn merging_stops_at_the_depth_defusing_keeps() {
        let (near, far) = ((7, 0), (8, 0));
        let renumber = BTreeMap::from([(near, (70, 0)), (far, (80, 0))]);
        let mut refs = Vec::new();
        references(&Object::Array(vec![nested(MAX_NESTING - 1, near), nested(MAX_NESTING + 5, far)]), 0, &mut refs);
        assert_eq!(refs, vec![near], "a reference past the depth is not followed");

        let mut object = Object::Array(vec![nested(MAX_NESTING - 1, near), nested(MAX_NESTING + 5, far)]);
        rewrite(&mut object, 0, &renumber);
        let mut kept = &object.as_array().expect("array")[0];
        while let Object::Array(items) = kept {
            kept = &items[0];
        }
        assert_eq!(kept, &Object::Reference((70, 0)), "within the depth, references are renumbered");
        let mut cut = &object.as_array().expect("array")[1];
        let mut levels = 1;
        while let Object::Array(items) = cut {
            cut = &items[0];
            levels += 1;
        }
        assert_eq!((cut, levels), (&Object::Null, MAX_NESTING), "past it, the part becomes null");
    }
}
