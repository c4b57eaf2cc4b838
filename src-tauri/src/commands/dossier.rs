//! Complaint commands: preview the dossier for some cases, save it as a PDF.

use redress_core::dossier::{DossierInput, compose, dossier_lang, form_text};
use redress_core::identity::Lang;
use redress_core::registry::Registry;
use redress_core::report::Report;
use redress_store::Store;
use tauri::State;

use super::store::blocking;
use crate::ipc::dto::{DossierPreviewDto, DossierRequestDto, DossierSavedDto, ExhibitDto};
use crate::ipc::error::IpcError;
use crate::state::AppState;

type Result<T> = std::result::Result<T, IpcError>;

/// The report (without rendered exhibits), the material, the form text and the authority's name.
fn build(
    store: &Store,
    registry: &Registry,
    request: &DossierRequestDto,
    pdf_name: Option<&str>,
) -> Result<(Report, redress_store::DossierMaterial, String, String)> {
    let agent = request.agent_profile_id.map(|id| store.profile(id)).transpose()?;
    // The authority decides the language, so it is chosen from the first case's vendor first.
    let first = store.case(*request.case_ids.first().ok_or_else(|| IpcError::invalid("choose at least one case"))?)?;
    let vendor = registry.require_vendor(&first.vendor_id)?;
    let authority = registry.complaint_authority(vendor, request.authority_id.as_deref())?;
    let lang = dossier_lang(authority);
    let material = store.dossier_material(&request.case_ids, registry, agent.is_some(), lang)?;
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
    let stem = stem(&material.vendor_id, lang);
    let form = form_text(&input, lang, pdf_name.unwrap_or(&format!("{stem}.pdf")));
    Ok((compose(&input, lang), material, form, redress_core::letter::native_name(&authority.name)))
}

/// "plainte-kaspr", "complaint-kaspr", "beschwerde-kaspr".
fn stem(vendor: &str, lang: Lang) -> String {
    let word = match lang {
        Lang::Fr => "plainte",
        Lang::En => "complaint",
        Lang::De => "beschwerde",
    };
    format!("{word}-{vendor}")
}

#[tauri::command]
#[specta::specta]
pub async fn dossier_preview(state: State<'_, AppState>, request: DossierRequestDto) -> Result<DossierPreviewDto> {
    let registry = state.registry_snapshot()?;
    blocking(state.store.clone(), move |slot| {
        let store = slot.as_ref().ok_or_else(IpcError::locked)?;
        let (report, material, form, authority) = build(store, &registry, &request, None)?;
        let exhibits = material
            .exhibits
            .iter()
            .map(|e| ExhibitDto { number: e.entry.number, title: e.entry.title.clone(), source: e.source.clone() })
            .collect();
        let lang = Lang::parse(&report.lang).unwrap_or(Lang::Fr);
        let file_stem = stem(&material.vendor_id, lang);
        Ok(DossierPreviewDto::new(&report, exhibits, form, material.notes.clone(), file_stem, authority))
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
    let registry = state.registry_snapshot()?;
    blocking(state.store.clone(), move |slot| {
        let store = slot.as_ref().ok_or_else(IpcError::locked)?;
        let target = std::path::PathBuf::from(&path);
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned());
        let (mut report, material, _, _) = build(store, &registry, &request, name.as_deref())?;
        let meta = redress_pdf::PdfMeta::new(jiff::Timestamp::now());
        report.exhibits = material.report_exhibits();
        let pdf = redress_pdf::report_pdf(&report, &meta).map_err(|e| IpcError::internal(e.to_string()))?;
        redress_core::atomic_file::write_atomically(&target, &pdf.bytes)?;
        Ok(DossierSavedDto { path, pages: u32::try_from(pdf.pages).unwrap_or(u32::MAX), warnings: pdf.warnings })
    })
    .await
}
