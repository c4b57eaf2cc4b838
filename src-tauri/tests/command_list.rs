//! The window's commands are listed once (src/command_names.rs). This test fails when the
//! commands registered with tauri-specta, that list (which build.rs turns into permissions) and
//! the grants in capabilities/main.json differ, naming the command on either side.

use std::collections::BTreeSet;
use std::path::Path;

/// The commands `bindings()` registers, read from the TypeScript it generates.
fn registered() -> BTreeSet<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let ts = dir.path().join("bindings.ts");
    redress_app_lib::export_bindings(&redress_app_lib::bindings(), &ts).expect("export bindings");
    let ts = std::fs::read_to_string(ts).expect("read bindings");
    ts.split("TAURI_INVOKE(\"").skip(1).filter_map(|rest| rest.split('"').next()).map(str::to_owned).collect()
}

/// The app's own commands granted to the main window: `allow-store-unlock` grants `store_unlock`.
/// Plugin and core permissions (`dialog:allow-open`, `core:event:…`) carry a `:` and are left out.
fn granted() -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities/main.json");
    let text = std::fs::read_to_string(&path).expect("read capabilities/main.json");
    let json: serde_json::Value = serde_json::from_str(&text).expect("capabilities/main.json is JSON");
    json["permissions"]
        .as_array()
        .expect("a permissions array")
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| !p.contains(':'))
        .map(|p| {
            p.strip_prefix("allow-").unwrap_or_else(|| panic!("{p}: the app grants only allow-…")).replace('-', "_")
        })
        .collect()
}

fn listed() -> BTreeSet<String> {
    let list: BTreeSet<String> = redress_app_lib::COMMANDS.iter().map(|c| (*c).to_owned()).collect();
    assert_eq!(list.len(), redress_app_lib::COMMANDS.len(), "src/command_names.rs names a command twice");
    list
}

fn differences(a_name: &str, a: &BTreeSet<String>, b_name: &str, b: &BTreeSet<String>) -> Vec<String> {
    let mut out: Vec<String> = a.difference(b).map(|c| format!("{c}: in {a_name}, not in {b_name}")).collect();
    out.extend(b.difference(a).map(|c| format!("{c}: in {b_name}, not in {a_name}")));
    out
}

#[test]
fn registration_list_and_capabilities_name_the_same_commands() {
    let (registered, listed, granted) = (registered(), listed(), granted());
    assert!(registered.len() > 30, "the bindings name {} commands: reading them failed", registered.len());
    let mut problems = differences("lib.rs bindings()", &registered, "src/command_names.rs", &listed);
    problems.extend(differences("src/command_names.rs", &listed, "capabilities/main.json", &granted));
    assert!(problems.is_empty(), "the command lists differ:\n  {}", problems.join("\n  "));
}
