//! Case commands: open a case, record what happened, list them with their deadlines.

use std::path::PathBuf;

use redress_core::case::{AnswerKind, RequestKind};
use redress_usecases::cases::{self as usecase, EventRecord, IncomingReply, OpenCase};
use redress_usecases::front_end_clock;
use tauri::State;

use super::store::with_store;
use crate::ipc::dto::{CaseDto, CaseEventInputDto, ChecklistChangeDto, ReplyImportDto};
use crate::ipc::error::IpcError;
use crate::state::AppState;

type Result<T> = std::result::Result<T, IpcError>;

#[tauri::command]
#[specta::specta]
pub async fn cases_list(state: State<'_, AppState>) -> Result<Vec<CaseDto>> {
    let registry = state.registry_snapshot()?;
    with_store(&state, move |store| {
        let cases = usecase::list_cases(store, front_end_clock(), false)?;
        let today = front_end_clock().today();
        Ok(cases.into_iter().map(|c| CaseDto::new(c, &registry, today)).collect())
    })
    .await
}

/// Opens a draft case; the vendor's country's holidays count for its deadline (FR when unknown).
#[tauri::command]
#[specta::specta]
pub async fn case_open(
    state: State<'_, AppState>,
    profile_id: i64,
    vendor_id: String,
    kind: RequestKind,
) -> Result<CaseDto> {
    let registry = state.registry_snapshot()?;
    let request = OpenCase { profile: profile_id, vendor: vendor_id, kind, holiday_country: None };
    with_store(&state, move |store| {
        let case = usecase::open_case(store, &registry, front_end_clock(), &request)?;
        Ok(CaseDto::new(case, &registry, front_end_clock().today()))
    })
    .await
}

/// Records an event; refused (and nothing written) when it cannot follow the case's status.
#[tauri::command]
#[specta::specta]
pub async fn case_record(state: State<'_, AppState>, id: i64, input: CaseEventInputDto) -> Result<CaseDto> {
    let registry = state.registry_snapshot()?;
    let record = EventRecord::try_from(input)?;
    with_store(&state, move |store| {
        let case = usecase::record(store, front_end_clock(), id, record)?;
        Ok(CaseDto::new(case, &registry, front_end_clock().today()))
    })
    .await
}

/// Writes the deadlines of cases awaiting an answer to `path` (chosen in the save dialog) as
/// an iCalendar file. Returns how many deadlines were written.
#[tauri::command]
#[specta::specta]
pub async fn cases_export_ics(state: State<'_, AppState>, path: String) -> Result<u32> {
    let registry = state.registry_snapshot()?;
    with_store(&state, move |store| {
        let written = usecase::write_calendar(store, &registry, front_end_clock(), &PathBuf::from(path))?;
        Ok(u32::try_from(written).unwrap_or(u32::MAX))
    })
    .await
}

/// Imports a reply file into a case: `id`, or the case an e-mail answers. With `answer`,
/// records the answer on the reply's date.
#[tauri::command]
#[specta::specta]
pub async fn case_import_reply(
    state: State<'_, AppState>,
    path: String,
    id: Option<i64>,
    answer: Option<AnswerKind>,
) -> Result<ReplyImportDto> {
    let registry = state.registry_snapshot()?;
    let reply = IncomingReply { path: PathBuf::from(path), case: id, answer, on: None };
    with_store(&state, move |store| {
        let imported = usecase::import_reply(store, &registry, front_end_clock(), &reply)?;
        Ok(ReplyImportDto::new(imported, &registry, front_end_clock().today()))
    })
    .await
}

/// Keeps a proof of sending (the sent e-mail, the registered-letter receipt) with a case.
#[tauri::command]
#[specta::specta]
pub async fn case_add_proof(state: State<'_, AppState>, id: i64, path: String) -> Result<CaseDto> {
    let registry = state.registry_snapshot()?;
    with_store(&state, move |store| {
        let case = usecase::add_proof(store, front_end_clock(), id, &PathBuf::from(path))?;
        Ok(CaseDto::new(case, &registry, front_end_clock().today()))
    })
    .await
}

/// Marks checklist items present or missing, or clears them.
#[tauri::command]
#[specta::specta]
pub async fn case_set_checklist(
    state: State<'_, AppState>,
    id: i64,
    changes: Vec<ChecklistChangeDto>,
) -> Result<CaseDto> {
    let registry = state.registry_snapshot()?;
    let changes: Vec<_> = changes.iter().map(|c| (c.item, c.state)).collect();
    with_store(&state, move |store| {
        let case = usecase::set_checklist(store, front_end_clock(), id, &changes)?;
        Ok(CaseDto::new(case, &registry, front_end_clock().today()))
    })
    .await
}
