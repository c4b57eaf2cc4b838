//! Store commands: create, unlock, lock, change how it is unlocked, back up and restore.
//! Key derivation (Argon2id) and the keyring are slow or blocking, so each command runs its
//! work on a blocking thread, never on the window's.

use std::path::PathBuf;

use redress_store::{NewKey, Passphrase, RestoreTarget, Store, SystemKeyring};
use tauri::State;

use crate::ipc::dto::{BackupInfoDto, StoreStatusDto, UnlockModeDto};
use crate::ipc::error::IpcError;
use crate::state::AppState;

type Result<T> = std::result::Result<T, IpcError>;
type Slot = std::sync::Arc<std::sync::Mutex<Option<Store>>>;

/// Runs `work` on a blocking thread with the store slot locked. A panic in an earlier command
/// poisons the lock; the store (SQLite rolls back what was not committed) is taken back as it
/// is, so one failure never makes the app unusable until restart.
pub async fn blocking<T: Send + 'static>(
    slot: Slot,
    work: impl FnOnce(&mut Option<Store>) -> Result<T> + Send + 'static,
) -> Result<T> {
    background(move || {
        let mut guard = slot.lock().unwrap_or_else(|poisoned| {
            slot.clear_poison();
            poisoned.into_inner()
        });
        work(&mut guard)
    })
    .await
}

/// Runs `work` with the unlocked store, on a blocking thread.
pub async fn with_store<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&mut Store) -> Result<T> + Send + 'static,
) -> Result<T> {
    blocking(state.store.clone(), move |slot| work(slot.as_mut().ok_or_else(IpcError::locked)?)).await
}

/// Runs `work` on a blocking thread without taking the store (rendering, scans, the network).
pub async fn background<T: Send + 'static>(work: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| IpcError::internal(format!("a background task failed: {e}")))?
}

fn status(path: &std::path::Path, slot: &Option<Store>) -> Result<StoreStatusDto> {
    Ok(StoreStatusDto::new(Store::status(path)?, slot.is_some()))
}

fn new_key(mode: UnlockModeDto, passphrase: Option<String>) -> Result<NewKey> {
    match (mode, passphrase) {
        (UnlockModeDto::Keyring, _) => Ok(NewKey::Keyring),
        (UnlockModeDto::Passphrase, Some(p)) => Ok(NewKey::Passphrase(Passphrase::new(p))),
        (UnlockModeDto::Passphrase, None) => {
            Err(IpcError::from(redress_store::StoreError::WeakPassphrase { min: Passphrase::MIN_CHARS }))
        }
    }
}

#[tauri::command]
#[specta::specta]
pub async fn store_status(state: State<'_, AppState>) -> Result<StoreStatusDto> {
    let path = state.store_path.clone();
    blocking(state.store.clone(), move |slot| status(&path, slot)).await
}

#[tauri::command]
#[specta::specta]
pub async fn store_create(
    state: State<'_, AppState>,
    mode: UnlockModeDto,
    passphrase: Option<String>,
) -> Result<StoreStatusDto> {
    let path = state.store_path.clone();
    blocking(state.store.clone(), move |slot| {
        *slot = Some(Store::create(&path, new_key(mode, passphrase)?, &SystemKeyring)?);
        status(&path, slot)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn store_unlock(state: State<'_, AppState>, passphrase: Option<String>) -> Result<StoreStatusDto> {
    let path = state.store_path.clone();
    blocking(state.store.clone(), move |slot| {
        let p = passphrase.map(Passphrase::new);
        *slot = Some(Store::open(&path, p.as_ref(), &SystemKeyring)?);
        status(&path, slot)
    })
    .await
}

/// Closes the database: the key is gone from memory until the next unlock.
#[tauri::command]
#[specta::specta]
pub async fn store_lock(state: State<'_, AppState>) -> Result<StoreStatusDto> {
    let path = state.store_path.clone();
    blocking(state.store.clone(), move |slot| {
        *slot = None;
        status(&path, slot)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn store_change_key(
    state: State<'_, AppState>,
    mode: UnlockModeDto,
    passphrase: Option<String>,
) -> Result<StoreStatusDto> {
    let path = state.store_path.clone();
    blocking(state.store.clone(), move |slot| {
        let store = slot.as_mut().ok_or_else(IpcError::locked)?;
        store.change_key(new_key(mode, passphrase)?, &SystemKeyring)?;
        status(&path, slot)
    })
    .await
}

/// Writes a backup to `path` (chosen in the save dialog), encrypted with `passphrase`.
#[tauri::command]
#[specta::specta]
pub async fn store_backup(state: State<'_, AppState>, path: String, passphrase: String) -> Result<BackupInfoDto> {
    blocking(state.store.clone(), move |slot| {
        let store = slot.as_ref().ok_or_else(IpcError::locked)?;
        Ok(store.backup(&PathBuf::from(path), &Passphrase::new(passphrase), jiff::Timestamp::now())?.into())
    })
    .await
}

/// Restores the backup at `path` (chosen in the open dialog) as the store, unlocked as `mode`
/// says. Replaces an existing store only with `overwrite`; the old one is kept beside it.
#[tauri::command]
#[specta::specta]
pub async fn store_restore(
    state: State<'_, AppState>,
    path: String,
    backup_passphrase: String,
    mode: UnlockModeDto,
    passphrase: Option<String>,
    overwrite: bool,
) -> Result<StoreStatusDto> {
    let store_path = state.store_path.clone();
    blocking(state.store.clone(), move |slot| {
        *slot = None;
        let target = RestoreTarget { path: store_path.clone(), new_key: new_key(mode, passphrase)?, overwrite };
        *slot =
            Some(Store::restore(&PathBuf::from(path), &Passphrase::new(backup_passphrase), target, &SystemKeyring)?);
        status(&store_path, slot)
    })
    .await
}
