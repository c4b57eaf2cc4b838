//! Importing a registry file: validate first, then save it beside the built-in registry.
//! A bad file changes nothing.

use std::path::Path;

use super::catalogue::{Registry, builtin_document, read_imports, upsert};
use super::document::RegistryDocument;
use crate::Error;
use crate::atomic_file::{lock_beside, write_atomically};
use crate::limited_read::{REGISTRY_FILE_LIMIT, read_limited};

/// What an import changed, for the user to see.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct ImportReport {
    /// Vendor ids new to Redress.
    pub vendors_added: Vec<String>,
    /// Vendor ids whose record the file replaced (built-in or earlier import).
    pub vendors_updated: Vec<String>,
    /// Vendor ids whose record was already exactly the same.
    pub vendors_unchanged: Vec<String>,
    pub authorities_added: Vec<String>,
    pub authorities_updated: Vec<String>,
    pub authorities_unchanged: Vec<String>,
}

/// Validates `file` and, only if it and the registry it produces are valid, merges it into the
/// imports saved at `imports_file` (written atomically: a crash leaves the old or the new file,
/// never half of one). Returns what changed and the registry as it now is.
///
/// The imports are locked ([`lock_beside`]) from reading them to writing them back, so imports
/// running at the same time all land, one after the other.
pub fn import_file(imports_file: &Path, file: &Path) -> Result<(ImportReport, Registry), Error> {
    let bytes = read_limited(file, REGISTRY_FILE_LIMIT, "a registry file")?;
    let incoming = RegistryDocument::parse(&bytes, &file.display().to_string())?;
    let _lock = lock_beside(imports_file)?;
    let before = Registry::with_imports(imports_file)?;

    let mut saved = match read_imports(imports_file)? {
        Some(bytes) => RegistryDocument::parse(&bytes, &imports_file.display().to_string())?,
        None => RegistryDocument { vendors: Vec::new(), authorities: Vec::new(), ..incoming.clone() },
    };
    let mut report = ImportReport::default();
    for v in &incoming.vendors {
        let bucket = match before.vendor(v.id.as_str()) {
            None => &mut report.vendors_added,
            Some(old) if old == v => &mut report.vendors_unchanged,
            Some(_) => &mut report.vendors_updated,
        };
        bucket.push(v.id.to_string());
        upsert(&mut saved.vendors, v.clone(), |x| &x.id);
    }
    for a in &incoming.authorities {
        let bucket = match before.authority(a.id.as_str()) {
            None => &mut report.authorities_added,
            Some(old) if old == a => &mut report.authorities_unchanged,
            Some(_) => &mut report.authorities_updated,
        };
        bucket.push(a.id.to_string());
        upsert(&mut saved.authorities, a.clone(), |x| &x.id);
    }
    saved.published = saved.published.max(incoming.published);

    let registry = Registry::merge(builtin_document()?, Some(&saved)).map_err(|mut invalid| {
        invalid.origin = file.display().to_string();
        Error::InvalidRegistry(invalid)
    })?;
    write_atomically(imports_file, saved.to_json().as_bytes())?;
    Ok((report, registry))
}

/// Forgets every imported record: the built-in registry is used alone again.
pub fn reset_imports(imports_file: &Path) -> Result<bool, Error> {
    let _lock = lock_beside(imports_file)?;
    match std::fs::remove_file(imports_file) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(source) => Err(Error::Write { path: imports_file.to_owned(), source }),
    }
}
