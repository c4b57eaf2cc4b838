//! Profile commands: the people Redress acts for. All need an unlocked store.

use std::path::PathBuf;

use redress_usecases::front_end_clock;
use redress_usecases::people::{self, MandateChange};
use tauri::State;

use super::store::with_store;
use crate::ipc::dto::{ProfileDto, ProfileInputDto};
use crate::ipc::error::IpcError;
use crate::state::AppState;

type Result<T> = std::result::Result<T, IpcError>;

#[tauri::command]
#[specta::specta]
pub async fn profiles_list(state: State<'_, AppState>) -> Result<Vec<ProfileDto>> {
    with_store(&state, |store| Ok(store.profiles()?.into_iter().map(Into::into).collect())).await
}

/// Adds a profile (`id` null) or replaces the fields of an existing one.
#[tauri::command]
#[specta::specta]
pub async fn profile_save(state: State<'_, AppState>, id: Option<i64>, input: ProfileInputDto) -> Result<ProfileDto> {
    with_store(&state, move |store| {
        let saved = match id {
            None => people::add_person(store, front_end_clock(), input.into(), None)?,
            Some(id) => people::update_person(store, front_end_clock(), id, |_| Ok(input.into()), MandateChange::Keep)?,
        };
        Ok(saved.into())
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn profile_remove(state: State<'_, AppState>, id: i64) -> Result<ProfileDto> {
    with_store(&state, move |store| Ok(people::remove_person(store, id)?.into())).await
}

/// Stores the signed mandate at `path` (chosen in the open dialog) inside the encrypted store.
#[tauri::command]
#[specta::specta]
pub async fn profile_set_mandate(state: State<'_, AppState>, id: i64, path: String) -> Result<ProfileDto> {
    let path = PathBuf::from(path);
    with_store(&state, move |store| {
        Ok(people::change_mandate(store, front_end_clock(), id, MandateChange::Set(&path))?.into())
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn profile_remove_mandate(state: State<'_, AppState>, id: i64) -> Result<ProfileDto> {
    with_store(&state, move |store| {
        Ok(people::change_mandate(store, front_end_clock(), id, MandateChange::Remove)?.into())
    })
    .await
}
