//! Complaint commands: preview the dossier for some cases, save it as a PDF. The material is
//! read with the store held; the PDF is rendered after it is released.

use std::path::PathBuf;

use redress_usecases::complaint::{Complaint, ComplaintRequest, prepare_complaint, save_complaint};
use redress_usecases::front_end_clock;
use tauri::State;

use super::store::{background, with_store};
use crate::ipc::dto::{DossierPreviewDto, DossierRequestDto, DossierSavedDto};
use crate::ipc::error::IpcError;
use crate::state::AppState;

type Result<T> = std::result::Result<T, IpcError>;

async fn prepare(state: &AppState, request: ComplaintRequest) -> Result<Complaint> {
    let registry = state.registry_snapshot()?;
    with_store(state, move |store| Ok(prepare_complaint(Some(store), &registry, front_end_clock(), &request)?)).await
}

#[tauri::command]
#[specta::specta]
pub async fn dossier_preview(state: State<'_, AppState>, request: DossierRequestDto) -> Result<DossierPreviewDto> {
    Ok(DossierPreviewDto::from(&prepare(&state, request.to_request(None)).await?))
}

/// Renders the dossier with every exhibit into `path` (chosen in the save dialog, which has
/// already asked before replacing a file).
#[tauri::command]
#[specta::specta]
pub async fn dossier_save(
    state: State<'_, AppState>,
    request: DossierRequestDto,
    path: String,
) -> Result<DossierSavedDto> {
    let target = PathBuf::from(&path);
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned());
    let complaint = prepare(&state, request.to_request(name)).await?;
    let saved = background(move || Ok(save_complaint(&complaint, &target, None, true, front_end_clock())?)).await?;
    Ok(saved.into())
}
