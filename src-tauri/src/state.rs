//! What the app keeps while it runs.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, RwLock};

use redress_core::registry::Registry;
use redress_store::Store;
use redress_usecases::DataPaths;

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
    /// The batch of letters being sent, if any: one at a time, cancelled from the window.
    pub sending: Arc<SendControl>,
}

/// Whether a batch is being sent, and whether the person asked it to stop.
#[derive(Debug, Default)]
pub struct SendControl {
    pub running: AtomicBool,
    pub cancel: AtomicBool,
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
        let paths = DataPaths::from_env().map_err(|e| format!("{e}; set REDRESS_DATA_DIR"))?;
        let loaded = redress_usecases::load_registry(&paths.imports).map_err(|e| e.to_string())?;
        Ok(AppState {
            registry: RwLock::new(loaded.registry),
            imports_warning: loaded
                .ignored_imports
                .map(|e| format!("Your imported registry records were ignored: {e}")),
            imports_file: paths.imports,
            store_path: paths.store,
            store: Arc::new(Mutex::new(None)),
            sending: Arc::new(SendControl::default()),
        })
    }
}
