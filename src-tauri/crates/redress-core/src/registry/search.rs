//! Finding vendors by text, category and country.

use std::collections::BTreeMap;

use super::catalogue::Registry;
use super::vendor::Vendor;
use crate::text::fold;

/// What the user is looking for; every part is optional and they combine with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VendorQuery {
    /// Matched, case- and accent-insensitively, against id, name, legal entity, domains and
    /// e-mail addresses.
    pub text: Option<String>,
    /// An exact category (`b2b-contact-data`).
    pub category: Option<String>,
    pub country: Option<CountryFilter>,
}

/// A country filter: a code, or the records whose country no source gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CountryFilter {
    Code(String),
    Unknown,
}

impl CountryFilter {
    /// `FR`, `fr` or `unknown`.
    pub fn parse(s: &str) -> Self {
        if s.eq_ignore_ascii_case("unknown") {
            CountryFilter::Unknown
        } else {
            CountryFilter::Code(s.to_ascii_uppercase())
        }
    }
}

/// A value to filter on and how many vendors have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facet {
    pub value: String,
    pub count: usize,
}

impl Registry {
    /// The vendors matching `query`, best match first: exact id or name, then names starting
    /// with the text, then words starting with it, then anywhere; ties by name.
    pub fn search(&self, query: &VendorQuery) -> Vec<&Vendor> {
        let needle = query.text.as_deref().map(|t| fold(t.trim())).filter(|t| !t.is_empty());
        let mut hits: Vec<(u8, &Vendor)> = self
            .vendors()
            .iter()
            .filter(|v| query.category.as_ref().is_none_or(|c| v.categories.iter().any(|x| x == c)))
            .filter(|v| match &query.country {
                None => true,
                Some(CountryFilter::Unknown) => v.country.is_none(),
                Some(CountryFilter::Code(code)) => v.country.as_ref().is_some_and(|c| c.as_str() == code),
            })
            .filter_map(|v| match &needle {
                None => Some((0, v)),
                Some(n) => rank(v, n).map(|r| (r, v)),
            })
            .collect();
        // The vendor list is already sorted by name, and the sort is stable.
        hits.sort_by_key(|(rank, _)| *rank);
        hits.into_iter().map(|(_, v)| v).collect()
    }

    /// Categories in use, most common first.
    pub fn category_facets(&self) -> Vec<Facet> {
        facets(self.vendors().iter().flat_map(|v| v.categories.iter().cloned()))
    }

    /// Countries in use, most common first; vendors without a known country count as `unknown`.
    pub fn country_facets(&self) -> Vec<Facet> {
        facets(
            self.vendors().iter().map(|v| v.country.as_ref().map_or_else(|| "unknown".to_owned(), |c| c.to_string())),
        )
    }
}

fn rank(v: &Vendor, needle: &str) -> Option<u8> {
    let name = fold(&v.name);
    if v.id.as_str() == needle || name == needle {
        return Some(0);
    }
    if name.starts_with(needle) || v.id.as_str().starts_with(needle) {
        return Some(1);
    }
    if name.split(|c: char| !c.is_alphanumeric()).any(|w| w.starts_with(needle)) {
        return Some(2);
    }
    let elsewhere = [v.legal_entity.as_deref(), v.contacts.privacy_email.as_deref(), v.contacts.dpo_email.as_deref()]
        .into_iter()
        .flatten()
        .map(fold)
        .chain(v.domains.iter().cloned())
        .chain(std::iter::once(v.id.to_string()));
    if name.contains(needle) || elsewhere.into_iter().any(|s| s.contains(needle)) {
        return Some(3);
    }
    None
}

fn facets(values: impl Iterator<Item = String>) -> Vec<Facet> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    let mut out: Vec<Facet> = counts.into_iter().map(|(value, count)| Facet { value, count }).collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    out
}
