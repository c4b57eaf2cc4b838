//! Where the CLI keeps its files. The desktop app uses the same folder (see ARCHITECTURE.md).

use std::path::PathBuf;

use crate::error::CliError;

/// The file holding the registry records the user imported.
pub const IMPORTS_FILE: &str = "registry-imports.json";

pub fn data_dir(explicit: Option<PathBuf>) -> Result<PathBuf, CliError> {
    if let Some(dir) = explicit {
        return Ok(dir);
    }
    directories::ProjectDirs::from("org", "Redress", "redress")
        .map(|d| d.data_dir().to_owned())
        .ok_or(CliError::NoDataDir)
}
