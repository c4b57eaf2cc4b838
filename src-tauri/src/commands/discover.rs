//! Discover commands: scan mail the user chose, the exposure board, self-checks, and the Have
//! I Been Pwned check (the app's only network call, made only when the user presses the button).

use std::path::PathBuf;

use redress_core::breach::BreachCatalogue;
use redress_core::exposure::SelfCheckOutcome;
use redress_usecases::discovery::{self as usecase, ScanRequest, SelfCheckRequest};
use redress_usecases::front_end_clock;
use tauri::State;

use super::store::{background, with_store};
use crate::ipc::dto::{BreachCheckDto, DiscoverBoardDto, ScanDto, VendorMentionDto};
use crate::ipc::error::IpcError;
use crate::state::AppState;

type Result<T> = std::result::Result<T, IpcError>;

/// Scans the files and folders the user chose or dropped (.mbox, Maildir, .eml) for `profile_id`,
/// keeps the result in the store and returns it. The store stays usable while the scan runs.
#[tauri::command]
#[specta::specta]
pub async fn discover_scan(state: State<'_, AppState>, profile_id: i64, paths: Vec<String>) -> Result<ScanDto> {
    if paths.is_empty() {
        return Err(IpcError::invalid("choose at least one mailbox file or folder"));
    }
    let registry = state.registry_snapshot()?;
    let own = with_store(&state, move |store| Ok(usecase::own_addresses(store, profile_id)?)).await?;
    let request =
        ScanRequest { paths: paths.into_iter().map(PathBuf::from).collect(), own_addresses: own, ..Default::default() };
    let scan = background(move || Ok(usecase::scan_mail(&registry, &request, &|_| {}, |_| {})?)).await?;
    with_store(&state, move |store| {
        Ok(ScanDto::from(&usecase::record_scan(store, profile_id, &scan, front_end_clock())?))
    })
    .await
}

/// The exposure board of one person, with the scans, checks and self-checks behind it.
#[tauri::command]
#[specta::specta]
pub async fn discover_board(state: State<'_, AppState>, profile_id: i64) -> Result<DiscoverBoardDto> {
    let registry = state.registry_snapshot()?;
    with_store(&state, move |store| Ok(DiscoverBoardDto::from(&usecase::board(store, &registry, profile_id)?))).await
}

/// Records what the person saw on a vendor's own page, with an optional screenshot chosen in
/// the file dialog.
#[tauri::command]
#[specta::specta]
pub async fn discover_self_check(
    state: State<'_, AppState>,
    profile_id: i64,
    vendor_id: String,
    outcome: SelfCheckOutcome,
    note: Option<String>,
    screenshot_path: Option<String>,
) -> Result<()> {
    let registry = state.registry_snapshot()?;
    let screenshot = screenshot_path.map(PathBuf::from);
    let request = SelfCheckRequest { profile: profile_id, vendor: vendor_id, outcome, note, screenshot };
    with_store(&state, move |store| {
        usecase::record_self_check(store, &registry, front_end_clock(), &request)?;
        Ok(())
    })
    .await
}

/// Whether an HIBP API key is in the keyring (the key itself never crosses to the window).
#[tauri::command]
#[specta::specta]
pub async fn hibp_key_status() -> Result<bool> {
    background(|| Ok(usecase::hibp_key_saved()?)).await
}

/// Keeps the user's HIBP API key in the system keyring.
#[tauri::command]
#[specta::specta]
pub async fn hibp_set_key(key: String) -> Result<()> {
    background(move || Ok(usecase::save_hibp_key(&key)?)).await
}

#[tauri::command]
#[specta::specta]
pub async fn hibp_forget_key() -> Result<()> {
    background(|| Ok(usecase::forget_hibp_key()?)).await
}

/// Checks each of the person's addresses against Have I Been Pwned and keeps the answers.
/// The only network call the app makes, on the user's press of the button. An address that
/// fails stops the check; the answers received before it are kept, then the failure is shown.
#[tauri::command]
#[specta::specta]
pub async fn hibp_check(state: State<'_, AppState>, profile_id: i64) -> Result<Vec<BreachCheckDto>> {
    let emails = with_store(&state, move |store| Ok(usecase::own_addresses(store, profile_id)?)).await?;
    let check = background(move || Ok(usecase::check_breaches(&usecase::saved_hibp_key()?, &emails)?)).await?;
    with_store(&state, move |store| {
        usecase::record_breach_check(store, profile_id, &check, front_end_clock())?;
        if let Some(failure) = check.failure {
            return Err(redress_usecases::Error::from(failure).into());
        }
        let catalogue = BreachCatalogue::builtin()?;
        Ok(store.breach_checks(profile_id)?.iter().map(|c| BreachCheckDto::new(c, &catalogue)).collect())
    })
    .await
}

/// Reads a company's answer to a source inquiry (the file chosen in the dialog) and names the
/// registry vendors it mentions, so a case against the next one is one click away. Nothing is
/// stored: the case, once opened, keeps its own evidence.
#[tauri::command]
#[specta::specta]
pub async fn discover_read_answer(state: State<'_, AppState>, path: String) -> Result<Vec<VendorMentionDto>> {
    let registry = state.registry_snapshot()?;
    background(move || {
        let mentions = usecase::vendors_named_in_answer(&registry, &PathBuf::from(path))?;
        Ok(mentions
            .into_iter()
            .map(|m| VendorMentionDto { vendor: m.vendor, name: m.name, excerpt: m.excerpt })
            .collect())
    })
    .await
}
