//! Which registry vendors a text names: a company's answer to a source inquiry ("we bought your
//! details from Kaspr") points to the next vendor to write to.

use serde::{Deserialize, Serialize};

use redress_core::registry::Registry;

/// A vendor named in a text, with the sentence around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VendorMention {
    pub vendor: String,
    pub name: String,
    pub excerpt: String,
}

/// The vendors `text` names — by a domain of theirs (`kaspr.io`), their legal entity, or their
/// name written as a word with its capitals (`Kaspr`, `ZoomInfo`; a short or lowercase name
/// must match exactly so that "clay" in a sentence is not Clay). Each vendor once, in the order
/// they first appear.
pub fn vendors_named(text: &str, registry: &Registry) -> Vec<VendorMention> {
    // ASCII lowercasing keeps byte offsets the same as in `text`, so excerpts land right.
    let lower = text.to_ascii_lowercase();
    let mut found: Vec<(usize, VendorMention)> = Vec::new();
    for v in registry.vendors() {
        let mut at: Option<usize> = None;
        let mut consider = |pos: Option<usize>| {
            if let Some(p) = pos {
                at = Some(at.map_or(p, |a| a.min(p)));
            }
        };
        for d in &v.domains {
            consider(find_word(&lower, d));
        }
        if let Some(entity) = v.legal_entity.as_deref().filter(|e| e.len() >= 5) {
            consider(find_word(&lower, &entity.to_ascii_lowercase()));
        }
        // The name as written (case-sensitive), or in capitals, as a whole word.
        if v.name.chars().count() >= 4 {
            consider(find_word(text, &v.name));
            consider(find_word(text, &v.name.to_uppercase()));
        }
        if let Some(pos) = at {
            found.push((
                pos,
                VendorMention { vendor: v.id.to_string(), name: v.name.clone(), excerpt: excerpt(text, pos) },
            ));
        }
    }
    found.sort_by_key(|(pos, m)| (*pos, m.vendor.clone()));
    found.into_iter().map(|(_, m)| m).collect()
}

/// The byte offset of `needle` in `haystack` where it stands as a word (no letter or digit
/// right before or after it).
fn find_word(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(rel) = haystack.get(from..)?.find(needle) {
        let start = from + rel;
        let end = start + needle.len();
        let before = haystack[..start].chars().next_back();
        let after = haystack[end..].chars().next();
        let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        if !is_word(before) && !is_word(after) {
            return Some(start);
        }
        from = start + needle.len().max(1);
        while !haystack.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

/// The text around `pos` (positions are byte offsets into the original or its lowercase; both
/// are clamped to char boundaries of the original), on one line.
fn excerpt(text: &str, pos: usize) -> String {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(pos.saturating_sub(80));
    let end = floor(pos + 100);
    let mut s: String = text[start..end].split_whitespace().collect::<Vec<_>>().join(" ");
    if start > 0 {
        s.insert(0, '…');
    }
    if end < text.len() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_domains_and_entities_are_found_as_words() {
        let registry = Registry::builtin().expect("registry");
        let cases: &[(&str, &[&str])] = &[
            ("We obtained your business contact details from Kaspr (kaspr.io) in March.", &["kaspr"]),
            ("Your number came from our provider, KASPR SAS.", &["kaspr"]),
            ("Source: Lusha Systems Inc. and ZoomInfo.", &["lusha", "zoominfo"]),
            ("Data enriched via https://www.apollo.io/people/abc", &["apollo"]),
            // A common word in lowercase is not the vendor of that name.
            ("We will clay the garden and surfe nothing.", &[]),
            ("We found you on LinkedIn ourselves.", &[]),
            ("kasprology is not a vendor", &[]),
        ];
        for (text, expected) in cases {
            let got: Vec<String> = vendors_named(text, &registry).into_iter().map(|m| m.vendor).collect();
            assert_eq!(got, *expected, "{text}");
        }
        let m =
            &vendors_named("Bonjour,\n\nnous avons acheté vos coordonnées à Kaspr en 2025.\nCordialement", &registry)
                [0];
        assert_eq!(m.name, "Kaspr");
        assert!(m.excerpt.contains("acheté vos coordonnées à Kaspr en 2025."), "{}", m.excerpt);
    }
}
