//! Registry commands: search and show vendors and authorities, import a registry file.

use std::path::PathBuf;

use redress_core::registry::{Registry, import_file, reset_imports};
use tauri::State;

use crate::ipc::dto::{
    AuthorityDto, FacetsDto, ImportReportDto, RegistryInfoDto, VendorDetailDto, VendorQueryDto, VendorSummaryDto,
};
use crate::ipc::error::IpcError;
use crate::state::AppState;

type Result<T> = std::result::Result<T, IpcError>;

fn read(state: &AppState) -> Result<std::sync::RwLockReadGuard<'_, Registry>> {
    state
        .registry
        .read()
        .map_err(|_| IpcError::internal("the registry is unavailable after an earlier failure; restart Redress"))
}

fn replace(state: &AppState, registry: Registry) -> Result<()> {
    let mut slot = state
        .registry
        .write()
        .map_err(|_| IpcError::internal("the registry is unavailable after an earlier failure; restart Redress"))?;
    *slot = registry;
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub fn registry_info(state: State<'_, AppState>) -> Result<RegistryInfoDto> {
    Ok(RegistryInfoDto::new(&*read(&state)?, state.imports_warning.clone()))
}

#[tauri::command]
#[specta::specta]
pub fn registry_facets(state: State<'_, AppState>) -> Result<FacetsDto> {
    let r = read(&state)?;
    Ok(FacetsDto {
        categories: r.category_facets().into_iter().map(Into::into).collect(),
        countries: r.country_facets().into_iter().map(Into::into).collect(),
    })
}

#[tauri::command]
#[specta::specta]
pub fn vendors_search(state: State<'_, AppState>, query: VendorQueryDto) -> Result<Vec<VendorSummaryDto>> {
    let r = read(&state)?;
    Ok(r.search(&query.into()).into_iter().map(|v| VendorSummaryDto::new(&r, v)).collect())
}

#[tauri::command]
#[specta::specta]
pub fn vendor_detail(state: State<'_, AppState>, id: String) -> Result<VendorDetailDto> {
    let r = read(&state)?;
    Ok(VendorDetailDto::new(&r, r.require_vendor(&id)?))
}

#[tauri::command]
#[specta::specta]
pub fn authorities_list(state: State<'_, AppState>) -> Result<Vec<AuthorityDto>> {
    Ok(read(&state)?.authorities().iter().map(AuthorityDto::from).collect())
}

/// Imports the registry file at `path`, which the user picked in the open dialog.
#[tauri::command]
#[specta::specta]
pub fn registry_import(state: State<'_, AppState>, path: String) -> Result<ImportReportDto> {
    let (report, registry) = import_file(&state.imports_file, &PathBuf::from(path))?;
    let dto = ImportReportDto::new(report, &registry);
    replace(&state, registry)?;
    Ok(dto)
}

#[tauri::command]
#[specta::specta]
pub fn registry_reset_imports(state: State<'_, AppState>) -> Result<RegistryInfoDto> {
    reset_imports(&state.imports_file)?;
    let registry = Registry::builtin()?;
    let info = RegistryInfoDto::new(&registry, None);
    replace(&state, registry)?;
    Ok(info)
}
