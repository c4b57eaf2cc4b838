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
    "store_status",
    "store_create",
    "store_unlock",
    "store_lock",
    "store_change_key",
    "store_backup",
    "store_restore",
    "profiles_list",
    "profile_save",
    "profile_remove",
    "profile_set_mandate",
    "profile_remove_mandate",
    "cases_list",
    "case_open",
    "case_record",
    "cases_export_ics",
    "case_import_reply",
    "case_add_proof",
    "case_set_checklist",
    "dossier_preview",
    "dossier_save",
    "letter_preview",
    "letters_save",
    "access_items",
    "discover_scan",
    "discover_board",
    "discover_self_check",
    "discover_read_answer",
    "hibp_key_status",
    "hibp_set_key",
    "hibp_forget_key",
    "hibp_check",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
