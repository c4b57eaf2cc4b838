//! Complaint commands: preview the dossier for some cases, save it as a PDF.

use redress_core::dossier::{DossierInput, compose_fr, form_text_fr};
use redress_core::registry::Registry;
use redress_core::report::Report;
use redress_store::Store;
use tauri::State;

use super::store::blocking;
use crate::ipc::dto::{DossierPreviewDto, DossierRequestDto, DossierSavedDto, ExhibitDto};
use crate::ipc::error::IpcError;
use crate::state::AppState;

type Result<T> = std::result::Result<T, IpcError>;

fn registry(state: &AppState) -> Result<Registry> {
    state
        .registry
        .read()
        .map(|r| r.clone())
        .map_err(|_| IpcError::internal("the registry is unavailable; restart Redress"))
}

/// The report (without rendered exhibits), the exhibits' sources, the form text and notes.
fn build(
    store: &Store,
    registry: &Registry,
    request: &DossierRequestDto,
    pdf_name: Option<&str>,
) -> Result<(Report, redress_store::DossierMaterial, String)> {
    let agent = request.agent_profile_id.map(|id| store.profile(id)).transpose()?;
    let material =
        store.dossier_material(&request.case_ids, registry, agent.is_some(), redress_core::identity::Lang::Fr)?;
    let vendor = registry.require_vendor(&material.vendor_id)?;
    let authority =
        registry.authority("frcnil").ok_or_else(|| IpcError::internal("the CNIL is missing from the registry"))?;
    let input = DossierInput {
        complainant: &material.person,
        agent: agent.as_ref().map(|a| &a.fields),
        vendor,
        authority,
        cases: material.cases.clone(),
        exhibits: material.exhibits.iter().map(|e| e.entry.clone()).collect(),
        never_informed: request.never_informed,
        observations: request.observations.iter().map(|o| o.trim().to_owned()).filter(|o| !o.is_empty()).collect(),
        date: jiff::Zoned::now().date(),
    };
    let stem = format!("plainte-{}", material.vendor_id);
    let form = form_text_fr(&input, pdf_name.unwrap_or(&format!("{stem}.pdf")));
    Ok((compose_fr(&input), material, form))
}

#[tauri::command]
#[specta::specta]
pub async fn dossier_preview(state: State<'_, AppState>, request: DossierRequestDto) -> Result<DossierPreviewDto> {
    let registry = registry(&state)?;
    blocking(state.store.clone(), move |slot| {
        let store = slot.as_ref().ok_or_else(IpcError::locked)?;
        let (report, material, form) = build(store, &registry, &request, None)?;
        let exhibits = material
            .exhibits
            .iter()
            .map(|e| ExhibitDto { number: e.entry.number, title: e.entry.title.clone(), source: e.source.clone() })
            .collect();
        Ok(DossierPreviewDto::new(
            &report,
            exhibits,
            form,
            material.notes.clone(),
            format!("plainte-{}", material.vendor_id),
        ))
    })
    .await
}

/// Renders the dossier with every exhibit into `path` (chosen in the save dialog).
#[tauri::command]
#[specta::specta]
pub async fn dossier_save(
    state: State<'_, AppState>,
    request: DossierRequestDto,
    path: String,
) -> Result<DossierSavedDto> {
    let registry = registry(&state)?;
    blocking(state.store.clone(), move |slot| {
        let store = slot.as_ref().ok_or_else(IpcError::locked)?;
        let target = std::path::PathBuf::from(&path);
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned());
        let (mut report, material, _) = build(store, &registry, &request, name.as_deref())?;
        let meta = redress_pdf::PdfMeta::new(jiff::Timestamp::now());
        report.exhibits = material.report_exhibits();
        let pdf = redress_pdf::report_pdf(&report, &meta).map_err(|e| IpcError::internal(e.to_string()))?;
        redress_core::atomic_file::write_atomically(&target, &pdf.bytes)?;
        Ok(DossierSavedDto { path, pages: u32::try_from(pdf.pages).unwrap_or(u32::MAX), warnings: pdf.warnings })
    })
    .await
}
