//! Builds the Tauri context and the permissions of the app's own commands, from the one command
//! list in src/command_names.rs (tests/command_list.rs checks it against the registration and
//! capabilities/main.json).

include!("src/command_names.rs");

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
