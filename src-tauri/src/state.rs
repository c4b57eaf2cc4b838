//! What the app keeps while it runs.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use redress_core::registry::Registry;
use redress_store::Store;

/// The file holding the registry records the user imported; shared with the CLI.
const IMPORTS_FILE: &str = "registry-imports.json";
/// The encrypted store; shared with the CLI.
const STORE_FILE: &str = "redress.db";

#[derive(Debug)]
pub struct AppState {
    pub registry: RwLock<Registry>,
    pub imports_file: PathBuf,
    /// Set when saved imports could not be read at start: shown to the user, file kept.
    pub imports_warning: Option<String>,
    pub store_path: PathBuf,
    /// The unlocked store, or `None` while locked. Shared with blocking tasks (key derivation
    /// and the keyring must not run on the window's thread).
    pub store: Arc<Mutex<Option<Store>>>,
}

impl AppState {
    /// A copy of the registry for work off the window's thread.
    pub fn registry_snapshot(&self) -> Result<Registry, crate::ipc::error::IpcError> {
        self.registry
            .read()
            .map(|r| r.clone())
            .map_err(|_| crate::ipc::error::IpcError::internal("the registry is unavailable; restart Redress"))
    }

    /// Loads the registry and the user's imports from the data folder: `REDRESS_DATA_DIR`
    /// when set (tests, portable use), else the platform data folder, the same one the CLI
    /// uses. `REDRESS_STORE` chooses another store file, as in the CLI.
    pub fn load() -> Result<Self, String> {
        let env_path = |var: &str| std::env::var_os(var).filter(|v| !v.is_empty()).map(PathBuf::from);
        let dir = match env_path("REDRESS_DATA_DIR") {
            Some(d) => d,
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
        Ok(AppState {
            registry: RwLock::new(registry),
            imports_file,
            imports_warning,
            store_path: env_path("REDRESS_STORE").unwrap_or_else(|| dir.join(STORE_FILE)),
            store: Arc::new(Mutex::new(None)),
        })
    }
}
