//! The `#[tauri::command]`s, one file per feature.

pub mod registry;
