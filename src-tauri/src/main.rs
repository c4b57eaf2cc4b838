// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    // First thing: a crash must not write the unlocked store's key or records to disk. Should
    // the system refuse, the app runs as before.
    let _ = redress_store::disable_core_dumps();
    redress_app_lib::run()
}
