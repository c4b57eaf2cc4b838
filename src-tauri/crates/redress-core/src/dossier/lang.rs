//! Which language a dossier is written in for a given supervisory authority.

use crate::identity::Lang;
use crate::registry::Authority;

/// The language to write the dossier in for `authority`:
/// - French for the CNIL (which takes complaints in French only);
/// - otherwise the first of the authority's working languages (`languages`, in the registry's
///   order) that Redress writes: "fr" gives French, "de" German, "en" English;
/// - if none is listed (the registry has no languages for some authorities), the language of a
///   country that has only French or only German as its official language: FR gives French,
///   DE, AT and LI German;
/// - else English (for example Belgium and Luxembourg, which have no languages in the registry
///   and several official ones, or Ireland and Malta, which list "en").
pub fn dossier_lang(authority: &Authority) -> Lang {
    if authority.id.as_str() == "frcnil" {
        return Lang::Fr;
    }
    if let Some(lang) = authority.languages.iter().find_map(|l| l.parse::<Lang>().ok()) {
        return lang;
    }
    if authority.languages.is_empty() {
        match authority.country.as_str() {
            "FR" => return Lang::Fr,
            "DE" | "AT" | "LI" => return Lang::De,
            _ => {}
        }
    }
    Lang::En
}
