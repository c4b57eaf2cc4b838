//! Case commands: open a case, record what happened, list them with their deadlines.

use redress_core::case::CaseEvent;
use redress_core::deadline::Calendar;
use tauri::State;

use super::store::blocking;
use crate::ipc::dto::{CaseDto, CaseEventInputDto, ChecklistChangeDto, ReplyImportDto, parse_kind};
use crate::ipc::error::IpcError;
use crate::state::AppState;

type Result<T> = std::result::Result<T, IpcError>;

fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

#[tauri::command]
#[specta::specta]
pub async fn cases_list(state: State<'_, AppState>) -> Result<Vec<CaseDto>> {
    let registry = state.registry_snapshot()?;
    blocking(state.store.clone(), move |slot| {
        let store = slot.as_ref().ok_or_else(IpcError::locked)?;
        let today = today();
        Ok(store.cases()?.into_iter().map(|c| CaseDto::new(c, &registry, today)).collect())
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
    kind: String,
) -> Result<CaseDto> {
    let registry = state.registry_snapshot()?;
    let kind = parse_kind(&kind)?;
    let vendor = registry.require_vendor(&vendor_id)?.clone();
    let country = Calendar::for_country_or_fr(vendor.country.as_ref().map(|c| c.as_str())).country();
    blocking(state.store.clone(), move |slot| {
        let store = slot.as_mut().ok_or_else(IpcError::locked)?;
        let case = store.open_case(profile_id, vendor.id.as_str(), country, kind, jiff::Timestamp::now())?;
        Ok(CaseDto::new(case, &registry, today()))
    })
    .await
}

/// Records an event; refused (and nothing written) when it cannot follow the case's status.
#[tauri::command]
#[specta::specta]
pub async fn case_record(state: State<'_, AppState>, id: i64, input: CaseEventInputDto) -> Result<CaseDto> {
    let registry = state.registry_snapshot()?;
    let event = CaseEvent::try_from(input)?;
    blocking(state.store.clone(), move |slot| {
        let store = slot.as_mut().ok_or_else(IpcError::locked)?;
        let case = store.record_event(id, event, jiff::Timestamp::now())?;
        Ok(CaseDto::new(case, &registry, today()))
    })
    .await
}

/// Writes the deadlines of cases awaiting an answer to `path` (chosen in the save dialog) as
/// an iCalendar file. Returns how many deadlines were written.
#[tauri::command]
#[specta::specta]
pub async fn cases_export_ics(state: State<'_, AppState>, path: String) -> Result<u32> {
    let registry = state.registry_snapshot()?;
    blocking(state.store.clone(), move |slot| {
        let store = slot.as_ref().ok_or_else(IpcError::locked)?;
        let entries = store.deadline_entries(&registry)?;
        let text = redress_core::case::deadlines_ics(&entries, jiff::Timestamp::now());
        std::fs::write(&path, text)
            .map_err(|e| IpcError::from(redress_store::StoreError::Write { path: path.into(), source: e }))?;
        Ok(u32::try_from(entries.len()).unwrap_or(u32::MAX))
    })
    .await
}

/// Imports a reply file into a case: `id`, or the case an e-mail answers. With `answer`
/// (complete, incomplete, no_data_held, refused), records the answer on the reply's date.
#[tauri::command]
#[specta::specta]
pub async fn case_import_reply(
    state: State<'_, AppState>,
    path: String,
    id: Option<i64>,
    answer: Option<String>,
) -> Result<ReplyImportDto> {
    let registry = state.registry_snapshot()?;
    let answer = answer.map(|a| parse_answer(&a)).transpose()?;
    blocking(state.store.clone(), move |slot| {
        let store = slot.as_mut().ok_or_else(IpcError::locked)?;
        let (reply, bytes) = redress_core::evidence::read_reply_file(std::path::Path::new(&path))?;
        let mut imported = store.import_reply(id, &reply, &bytes, &registry, jiff::Timestamp::now())?;
        if let Some(kind) = answer {
            let on = reply.date.unwrap_or_else(today);
            imported.case =
                store.record_event(imported.case.id, CaseEvent::Answered { kind, on }, jiff::Timestamp::now())?;
        }
        Ok(ReplyImportDto::new(imported, &registry, today()))
    })
    .await
}

/// Keeps a proof of sending (the sent e-mail, the registered-letter receipt) with a case.
#[tauri::command]
#[specta::specta]
pub async fn case_add_proof(state: State<'_, AppState>, id: i64, path: String) -> Result<CaseDto> {
    let registry = state.registry_snapshot()?;
    blocking(state.store.clone(), move |slot| {
        let store = slot.as_mut().ok_or_else(IpcError::locked)?;
        let (proof, bytes) = redress_core::evidence::read_reply_file(std::path::Path::new(&path))?;
        store.add_case_file(id, redress_store::FileRole::Proof, &proof, &bytes, jiff::Timestamp::now())?;
        Ok(CaseDto::new(store.case(id)?, &registry, today()))
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
    let changes = changes.iter().map(ChecklistChangeDto::parse).collect::<Result<Vec<_>>>()?;
    blocking(state.store.clone(), move |slot| {
        let store = slot.as_mut().ok_or_else(IpcError::locked)?;
        Ok(CaseDto::new(store.set_checklist(id, &changes, jiff::Timestamp::now())?, &registry, today()))
    })
    .await
}

fn parse_answer(a: &str) -> Result<redress_core::case::AnswerKind> {
    redress_core::case::AnswerKind::parse(a)
        .ok_or_else(|| IpcError::invalid(format!("answer {a:?}: use complete, incomplete, no_data_held or refused")))
}
