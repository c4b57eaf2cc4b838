//! Where Redress keeps its files, defined once for both front ends: the data folder (the
//! platform's, or one given), the encrypted store in it, its unlock file, and the registry
//! records the person imported.

use std::path::PathBuf;

/// The encrypted store's file name inside the data folder.
pub const STORE_FILE: &str = "redress.db";
/// The registry records the person imported, inside the data folder.
pub const IMPORTS_FILE: &str = "registry-imports.json";

/// The files of one Redress installation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataPaths {
    pub dir: PathBuf,
    pub store: PathBuf,
    pub imports: PathBuf,
}

/// No data folder could be found (no home folder).
#[derive(Debug, Clone, Copy, thiserror::Error)]
#[error("cannot tell where Redress keeps its files on this system (no home folder found)")]
pub struct NoDataDir;

impl DataPaths {
    /// `dir` when given (a flag, `REDRESS_DATA_DIR`), else the platform data folder
    /// (`~/.local/share/redress` on Linux); the store is `store` when given (`REDRESS_STORE`).
    pub fn resolve(dir: Option<PathBuf>, store: Option<PathBuf>) -> Result<DataPaths, NoDataDir> {
        let dir = match dir {
            Some(d) => d,
            None => directories::ProjectDirs::from("org", "Redress", "redress")
                .map(|d| d.data_dir().to_owned())
                .ok_or(NoDataDir)?,
        };
        Ok(DataPaths { store: store.unwrap_or_else(|| dir.join(STORE_FILE)), imports: dir.join(IMPORTS_FILE), dir })
    }

    /// From `REDRESS_DATA_DIR` and `REDRESS_STORE` (empty values are ignored), as the app starts.
    pub fn from_env() -> Result<DataPaths, NoDataDir> {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
        DataPaths::resolve(var("REDRESS_DATA_DIR"), var("REDRESS_STORE"))
    }

    /// The small file beside the store that says how it is unlocked (no secrets).
    pub fn unlock_file(&self) -> PathBuf {
        redress_store::unlock_file_path(&self.store)
    }
}
