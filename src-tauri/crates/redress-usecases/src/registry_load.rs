//! The registry as both front ends start with it: the built-in records and the person's
//! imports. Broken saved imports do not stop Redress: the built-in registry is used and the
//! problem is handed back, so the front end can say so while the file stays for the person to
//! inspect.

use std::path::Path;

use redress_core::registry::Registry;

use crate::error::Result;

#[derive(Debug)]
pub struct LoadedRegistry {
    pub registry: Registry,
    /// Why the saved imports were ignored, when they were.
    pub ignored_imports: Option<redress_core::Error>,
}

pub fn load_registry(imports: &Path) -> Result<LoadedRegistry> {
    match Registry::with_imports(imports) {
        Ok(registry) => Ok(LoadedRegistry { registry, ignored_imports: None }),
        Err(e @ (redress_core::Error::InvalidRegistry(_) | redress_core::Error::Read { .. })) => {
            Ok(LoadedRegistry { registry: Registry::builtin()?, ignored_imports: Some(e) })
        }
        Err(e) => Err(e.into()),
    }
}
