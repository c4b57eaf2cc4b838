//! Letter commands: preview one letter, save one or a batch (PDF, .eml, text). Composing reads
//! the store; rendering runs after the store is released.

use std::path::PathBuf;

use redress_core::identity::Lang;
use redress_core::letter::{AccessItem, LetterFormat};
use redress_usecases::front_end_clock;
use redress_usecases::letters::{LetterBatch, LetterRequest, LetterTarget, compose_letters, save_letters};
use tauri::State;

use super::store::{background, with_store};
use crate::ipc::dto::{AccessItemDto, LetterPreviewDto, LetterRequestDto};
use crate::ipc::error::IpcError;
use crate::state::AppState;

type Result<T> = std::result::Result<T, IpcError>;

/// Every letter the request makes, composed with the store held only while it is read.
async fn compose(state: &AppState, request: LetterRequest) -> Result<LetterBatch> {
    let registry = state.registry_snapshot()?;
    with_store(state, move |store| Ok(compose_letters(Some(store), &registry, front_end_clock(), &request)?)).await
}

/// The first letter of the request, and how many it makes.
#[tauri::command]
#[specta::specta]
pub async fn letter_preview(state: State<'_, AppState>, request: LetterRequestDto) -> Result<LetterPreviewDto> {
    let batch = compose(&state, request.to_request()).await?;
    let first = batch.first().ok_or_else(|| IpcError::invalid("choose at least one vendor"))?;
    Ok(LetterPreviewDto::new(first, batch.letters.len()))
}

/// Saves the request's letters as `format` (pdf, eml or txt): to `path` when it makes one
/// letter, else into the folder `path`, one file per vendor. Returns the files written.
#[tauri::command]
#[specta::specta]
pub async fn letters_save(
    state: State<'_, AppState>,
    request: LetterRequestDto,
    format: LetterFormat,
    path: String,
) -> Result<Vec<String>> {
    if format == LetterFormat::Mailto {
        return Err(IpcError::invalid("a mailto link is not a file: save as pdf, eml or txt"));
    }
    let batch = compose(&state, request.to_request()).await?;
    let target = match batch.letters.len() {
        1 => LetterTarget::File(PathBuf::from(path)),
        _ => LetterTarget::Folder(PathBuf::from(path)),
    };
    // The save dialog has already asked before replacing a file.
    let saved = background(move || Ok(save_letters(&batch, format, &target, true, front_end_clock())?)).await?;
    Ok(saved.into_iter().map(|s| s.path.display().to_string()).collect())
}

/// The Art. 15 checklist, in the letter's language, for the reminder's "what was missing".
#[tauri::command]
#[specta::specta]
pub fn access_items(lang: Lang) -> Result<Vec<AccessItemDto>> {
    Ok(AccessItem::ALL
        .iter()
        .map(|&i| AccessItemDto { code: i, label: i.label(lang).to_owned(), article: i.citation(lang) })
        .collect())
}
