//! The `#[tauri::command]`s, one file per feature.

pub mod cases;
pub mod discover;
pub mod dossier;
pub mod letters;
pub mod mail;
pub mod profiles;
pub mod registry;
pub mod store;
