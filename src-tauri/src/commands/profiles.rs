//! Profile commands: the people Redress acts for. All need an unlocked store.

use std::path::PathBuf;

use tauri::State;

use super::store::blocking;
use crate::ipc::dto::{ProfileDto, ProfileInputDto};
use crate::ipc::error::IpcError;
use crate::state::AppState;

type Result<T> = std::result::Result<T, IpcError>;

#[tauri::command]
#[specta::specta]
pub async fn profiles_list(state: State<'_, AppState>) -> Result<Vec<ProfileDto>> {
    blocking(state.store.clone(), |slot| {
        let store = slot.as_ref().ok_or_else(IpcError::locked)?;
        Ok(store.profiles()?.into_iter().map(Into::into).collect())
    })
    .await
}

/// Adds a profile (`id` null) or replaces the fields of an existing one.
#[tauri::command]
#[specta::specta]
pub async fn profile_save(state: State<'_, AppState>, id: Option<i64>, input: ProfileInputDto) -> Result<ProfileDto> {
    blocking(state.store.clone(), move |slot| {
        let store = slot.as_mut().ok_or_else(IpcError::locked)?;
        let now = jiff::Timestamp::now();
        let saved = match id {
            None => store.add_profile(input.into(), now)?,
            Some(id) => store.update_profile(id, input.into(), now)?,
        };
        Ok(saved.into())
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn profile_remove(state: State<'_, AppState>, id: i64) -> Result<ProfileDto> {
    blocking(state.store.clone(), move |slot| {
        let store = slot.as_mut().ok_or_else(IpcError::locked)?;
        Ok(store.remove_profile(id)?.into())
    })
    .await
}

/// Stores the signed mandate at `path` (chosen in the open dialog) inside the encrypted store.
#[tauri::command]
#[specta::specta]
pub async fn profile_set_mandate(state: State<'_, AppState>, id: i64, path: String) -> Result<ProfileDto> {
    blocking(state.store.clone(), move |slot| {
        let store = slot.as_mut().ok_or_else(IpcError::locked)?;
        Ok(store.set_mandate(id, &PathBuf::from(path), jiff::Timestamp::now())?.into())
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn profile_remove_mandate(state: State<'_, AppState>, id: i64) -> Result<ProfileDto> {
    blocking(state.store.clone(), move |slot| {
        let store = slot.as_mut().ok_or_else(IpcError::locked)?;
        Ok(store.remove_mandate(id)?.into())
    })
    .await
}
