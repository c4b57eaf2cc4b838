//! Builds the Tauri context and the permissions of the app's own commands. The command list
//! here must match `commands::handlers()` in src/lib.rs; capabilities/main.json grants them.

const COMMANDS: &[&str] = &[
    "registry_info",
    "registry_facets",
    "vendors_search",
    "vendor_detail",
    "authorities_list",
    "registry_import",
    "registry_reset_imports",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
