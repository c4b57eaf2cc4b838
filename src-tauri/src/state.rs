//! What the app keeps while it runs.

use std::path::PathBuf;
use std::sync::RwLock;

use redress_core::registry::Registry;

/// The file holding the registry records the user imported; shared with the CLI.
const IMPORTS_FILE: &str = "registry-imports.json";

#[derive(Debug)]
pub struct AppState {
    pub registry: RwLock<Registry>,
    pub imports_file: PathBuf,
    /// Set when saved imports could not be read at start: shown to the user, file kept.
    pub imports_warning: Option<String>,
}

impl AppState {
    /// Loads the registry and the user's imports from the data folder: `REDRESS_DATA_DIR`
    /// when set (tests, portable use), else the platform data folder, the same one the CLI uses.
    pub fn load() -> Result<Self, String> {
        let dir = match std::env::var_os("REDRESS_DATA_DIR").filter(|v| !v.is_empty()) {
            Some(d) => PathBuf::from(d),
            None => directories::ProjectDirs::from("org", "Redress", "redress")
                .map(|d| d.data_dir().to_owned())
                .ok_or("cannot tell where Redress keeps its files (no home folder); set REDRESS_DATA_DIR")?,
        };
        let imports_file = dir.join(IMPORTS_FILE);
        let (registry, imports_warning) = match Registry::with_imports(&imports_file) {
            Ok(r) => (r, None),
            Err(e) => {
                let builtin = Registry::builtin().map_err(|e| e.to_string())?;
                (builtin, Some(format!("Your imported registry records were ignored: {e}")))
            }
        };
        Ok(AppState { registry: RwLock::new(registry), imports_file, imports_warning })
    }
}
