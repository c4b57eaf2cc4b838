//! The committed TypeScript bindings match the commands. With REDRESS_UPDATE_BINDINGS=1 the
//! test rewrites them instead.

use std::path::Path;

#[test]
fn bindings_are_current() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join(redress_app_lib::BINDINGS_PATH);
    let builder = redress_app_lib::bindings();
    if std::env::var_os("REDRESS_UPDATE_BINDINGS").is_some() {
        redress_app_lib::export_bindings(&builder, &committed).expect("write bindings");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let fresh = dir.path().join("bindings.ts");
    redress_app_lib::export_bindings(&builder, &fresh).expect("export bindings");
    let fresh = std::fs::read_to_string(&fresh).expect("read fresh bindings");
    let committed_text = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        fresh == committed_text,
        "{} is out of date with the commands; regenerate it with `REDRESS_UPDATE_BINDINGS=1 cargo test -p redress-app --test bindings` and commit it",
        committed.display()
    );
}
