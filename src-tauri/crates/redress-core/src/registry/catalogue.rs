//! `Registry`: the built-in records merged with the user's imports, ready to look up.

use std::collections::HashSet;
use std::path::Path;

use super::authority::Authority;
use super::document::RegistryDocument;
use super::validation::{InvalidRegistry, check_references};
use super::vendor::Vendor;
use crate::Error;
use crate::limited_read::IMPORTS_FILE_LIMIT;
use crate::text::fold;

/// The registry compiled into the binary; `tools/registry/import_shared.py` builds it.
const BUILTIN_JSON: &str = include_str!("../../data/registry.json");
const BUILTIN_ORIGIN: &str = "built-in registry";

/// The vendors and authorities Redress knows, sorted by name.
#[derive(Debug, Clone)]
pub struct Registry {
    vendors: Vec<Vendor>,
    authorities: Vec<Authority>,
    published: jiff::civil::Date,
    imports: Option<ImportsInfo>,
    imported_ids: HashSet<String>,
}

/// What the user's imported registry files added on top of the built-in registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportsInfo {
    /// The newest `published` date among the imported files.
    pub published: jiff::civil::Date,
    pub vendors: usize,
    pub authorities: usize,
}

/// The saved imports' bytes, or `None` when there are none yet; bounded like any file read.
pub(crate) fn read_imports(imports_file: &Path) -> Result<Option<Vec<u8>>, Error> {
    match crate::limited_read::read_limited(imports_file, IMPORTS_FILE_LIMIT, "the saved registry imports") {
        Ok(bytes) => Ok(Some(bytes)),
        Err(Error::Read { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

impl Registry {
    /// The registry compiled into the program.
    pub fn builtin() -> Result<Self, Error> {
        Self::merge(builtin_document()?, None).map_err(Error::BuiltinRegistry)
    }

    /// The built-in registry plus the imports saved at `imports_file`, if that file exists.
    pub fn with_imports(imports_file: &Path) -> Result<Self, Error> {
        let base = builtin_document()?;
        let imports = match read_imports(imports_file)? {
            Some(bytes) => Some(RegistryDocument::parse(&bytes, &imports_file.display().to_string())?),
            None => None,
        };
        Ok(Self::merge(base, imports.as_ref())?)
    }

    /// Lays `imports` over `base`: an imported record replaces the base record with the same
    /// id, the others are added. Checks that every lead authority exists afterwards.
    pub(crate) fn merge(
        base: RegistryDocument,
        imports: Option<&RegistryDocument>,
    ) -> Result<Self, Box<InvalidRegistry>> {
        let mut vendors = base.vendors;
        let mut authorities = base.authorities;
        let mut imported_ids = HashSet::new();
        let mut info = None;
        if let Some(doc) = imports {
            for v in &doc.vendors {
                imported_ids.insert(format!("vendor:{}", v.id));
                upsert(&mut vendors, v.clone(), |x| &x.id);
            }
            for a in &doc.authorities {
                imported_ids.insert(format!("authority:{}", a.id));
                upsert(&mut authorities, a.clone(), |x| &x.id);
            }
            info = Some(ImportsInfo {
                published: doc.published,
                vendors: doc.vendors.len(),
                authorities: doc.authorities.len(),
            });
        }
        let problems = check_references(&vendors, &authorities);
        if !problems.is_empty() {
            let origin = if imports.is_some() { "imported registry" } else { BUILTIN_ORIGIN };
            return Err(Box::new(InvalidRegistry::new(origin, problems)));
        }
        vendors.sort_by_cached_key(|v| (fold(&v.name), v.id.clone()));
        authorities.sort_by_cached_key(|a| (a.country.clone(), fold(&a.name)));
        Ok(Registry { vendors, authorities, published: base.published, imports: info, imported_ids })
    }

    pub fn vendors(&self) -> &[Vendor] {
        &self.vendors
    }

    pub fn authorities(&self) -> &[Authority] {
        &self.authorities
    }

    pub fn vendor(&self, id: &str) -> Option<&Vendor> {
        self.vendors.iter().find(|v| v.id.as_str() == id)
    }

    pub fn authority(&self, id: &str) -> Option<&Authority> {
        self.authorities.iter().find(|a| a.id.as_str() == id)
    }

    /// The vendor, or an error that tells the user how to find valid ids.
    pub fn require_vendor(&self, id: &str) -> Result<&Vendor, Error> {
        self.vendor(id).ok_or_else(|| Error::UnknownVendor { id: id.to_owned() })
    }

    /// The vendor's lead supervisory authority, when known.
    pub fn lead_authority_of(&self, vendor: &Vendor) -> Option<&Authority> {
        vendor.lead_authority.as_ref().and_then(|id| self.authority(id.as_str()))
    }

    /// When the built-in registry was compiled.
    /// Where a complaint about `vendor` goes: the authority asked for (`id`), else the vendor's
    /// lead authority, else the CNIL.
    pub fn complaint_authority(&self, vendor: &Vendor, id: Option<&str>) -> Result<&Authority, Error> {
        match id {
            Some(id) => self.authority(id).ok_or_else(|| Error::UnknownAuthority { id: id.to_owned() }),
            None => self
                .lead_authority_of(vendor)
                .or_else(|| self.authority("frcnil"))
                .ok_or_else(|| Error::UnknownAuthority { id: "frcnil".into() }),
        }
    }

    pub fn published(&self) -> jiff::civil::Date {
        self.published
    }

    pub fn imports(&self) -> Option<&ImportsInfo> {
        self.imports.as_ref()
    }

    /// Whether this vendor's record comes from a file the user imported.
    pub fn is_imported_vendor(&self, id: &str) -> bool {
        self.imported_ids.contains(&format!("vendor:{id}"))
    }
}

pub(crate) fn builtin_document() -> Result<RegistryDocument, Error> {
    RegistryDocument::parse(BUILTIN_JSON.as_bytes(), BUILTIN_ORIGIN).map_err(Error::BuiltinRegistry)
}

/// Replaces the element with the same key, or appends.
pub(crate) fn upsert<T, K: PartialEq>(list: &mut Vec<T>, item: T, key: impl Fn(&T) -> &K) {
    match list.iter().position(|x| key(x) == key(&item)) {
        Some(i) => list[i] = item,
        None => list.push(item),
    }
}
