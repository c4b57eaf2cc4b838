//! The breach catalogue: leaks that came from contact-data vendors, lead lists and scrapes of
//! professional profiles (`data/breaches.json`, from Have I Been Pwned's public breach list).
//! Offline, it tells which of the registry's vendors have leaked; with an online check's answer
//! (HIBP breach names for an address), it tells which of those leaks hold the user's address.

use serde::{Deserialize, Serialize};

use crate::Error;

const BUILTIN_JSON: &str = include_str!("../data/breaches.json");

/// Where a breach came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BreachKind {
    /// A registry vendor's own database (or data traced to it).
    Vendor,
    /// Scraped professional profiles (LinkedIn) sold or leaked as a set.
    Scrape,
    /// A marketing or sales-lead list of unclear or other origin.
    LeadList,
}

/// One breach of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Breach {
    /// HIBP's breach name (`Apollo`): what an online check answers with.
    pub name: String,
    pub breach_date: jiff::civil::Date,
    pub added_to_hibp: jiff::civil::Date,
    /// Accounts (e-mail addresses) in the breach, as counted by HIBP.
    pub accounts: u64,
    pub kind: BreachKind,
    /// The registry vendor the data came from, where known.
    pub vendor: Option<String>,
    pub exposed: Vec<String>,
    pub summary: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogueFile {
    format: String,
    format_version: u32,
    compiled: jiff::civil::Date,
    source: String,
    #[allow(dead_code)]
    about: String,
    breaches: Vec<Breach>,
}

/// The catalogue compiled into Redress.
#[derive(Debug, Clone)]
pub struct BreachCatalogue {
    pub compiled: jiff::civil::Date,
    pub source: String,
    breaches: Vec<Breach>,
}

impl BreachCatalogue {
    pub fn builtin() -> Result<Self, Error> {
        let file: CatalogueFile = serde_json::from_str(BUILTIN_JSON)
            .map_err(|e| Error::BuiltinData { what: "breach catalogue", message: format!("line {}: {e}", e.line()) })?;
        if file.format != "redress-breaches" || file.format_version != 1 {
            return Err(Error::BuiltinData { what: "breach catalogue", message: "unexpected format".into() });
        }
        let mut breaches = file.breaches;
        breaches.sort_by(|a, b| b.breach_date.cmp(&a.breach_date).then(a.name.cmp(&b.name)));
        Ok(Self { compiled: file.compiled, source: file.source, breaches })
    }

    /// Newest first.
    pub fn breaches(&self) -> &[Breach] {
        &self.breaches
    }

    /// A breach by HIBP name (case-insensitive).
    pub fn get(&self, name: &str) -> Option<&Breach> {
        self.breaches.iter().find(|b| b.name.eq_ignore_ascii_case(name))
    }

    /// The breaches that came from one vendor.
    pub fn of_vendor<'a>(&'a self, vendor: &'a str) -> impl Iterator<Item = &'a Breach> + 'a {
        self.breaches.iter().filter(move |b| b.vendor.as_deref() == Some(vendor))
    }

    /// Of the HIBP breach names an address appears in, those in this catalogue (B2B data).
    pub fn relevant<'a>(&'a self, hibp_names: &[String]) -> Vec<&'a Breach> {
        self.breaches.iter().filter(|b| hibp_names.iter().any(|n| n.eq_ignore_ascii_case(&b.name))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::Registry;

    #[test]
    fn the_catalogue_reads_and_agrees_with_the_registry() {
        let catalogue = BreachCatalogue::builtin().expect("valid");
        assert!(catalogue.breaches().len() >= 11);
        let registry = Registry::builtin().expect("registry");
        for b in catalogue.breaches() {
            if let Some(v) = &b.vendor {
                let vendor = registry.vendor(v).unwrap_or_else(|| panic!("{}: unknown vendor {v}", b.name));
                assert!(vendor.known_breaches.contains(&b.name), "{v} does not list {}", b.name);
            }
            assert_eq!(b.kind == BreachKind::Vendor, b.vendor.is_some(), "{}", b.name);
            assert!(b.accounts > 0 && !b.summary.is_empty() && !b.exposed.is_empty(), "{}", b.name);
        }
        for v in registry.vendors() {
            for name in &v.known_breaches {
                assert_eq!(catalogue.get(name).and_then(|b| b.vendor.as_deref()), Some(v.id.as_str()), "{name}");
            }
        }
        for name in ["Apollo", "PDL", "Adapt", "DemandScience", "LinkedInScrape", "VerificationsIO", "Exactis"] {
            assert!(catalogue.get(name).is_some(), "{name}");
        }
        let apollo = catalogue.get("apollo").expect("case-insensitive");
        assert_eq!(apollo.breach_date, jiff::civil::date(2018, 7, 23));
        assert_eq!(apollo.accounts, 125_929_660);
        let names = vec!["Adobe".to_owned(), "LinkedInScrape".to_owned(), "Apollo".to_owned()];
        let relevant: Vec<&str> = catalogue.relevant(&names).iter().map(|b| b.name.as_str()).collect();
        assert_eq!(relevant, ["LinkedInScrape", "Apollo"], "newest first, unrelated breaches left out");
    }
}
