//! The demo goes through the real use cases on a real (throw-away) store, and leaves nothing
//! behind but its files.

use redress_core::registry::Registry;
use redress_usecases::demo::write_demo;

#[test]
fn the_demo_writes_the_whole_journey_and_keeps_nothing() {
    let registry = Registry::builtin().expect("registry");
    let scratch_before = scratch_folders();
    let dir = tempfile::tempdir().expect("tempdir");
    let written = write_demo(&registry, dir.path()).expect("demo");
    let names: Vec<String> = written.files.iter().map(|f| f.display().to_string()).collect();
    assert_eq!(
        names,
        [
            "lettres/kaspr-combined-fr.pdf",
            "reponses/kaspr-reponse.eml",
            "lettres/kaspr-reminder-fr.pdf",
            "formulaire-cnil-kaspr.txt",
            "lettres/lusha-combined-fr.pdf",
            "lettres/lusha-reminder-fr.pdf",
            "formulaire-cnil-lusha.txt",
        ]
    );
    for (pdf, pages) in &written.complaints {
        let bytes = std::fs::read(dir.path().join(pdf)).expect("complaint");
        assert!(bytes.starts_with(b"%PDF-"), "{}", pdf.display());
        assert!(*pages >= 5, "{} has {pages} pages", pdf.display());
    }
    // The answer was imported into its case and chased: the form text says what it lacked.
    let kaspr = std::fs::read_to_string(dir.path().join("formulaire-cnil-kaspr.txt")).expect("form");
    assert!(kaspr.contains("24 septembre 2026"), "{kaspr}");
    assert!(kaspr.contains("Réponse incomplète de la société") && kaspr.contains("Relance adressée"), "{kaspr}");
    let lusha = std::fs::read_to_string(dir.path().join("formulaire-cnil-lusha.txt")).expect("form");
    assert!(lusha.contains("1er octobre 2026"), "the missed deadline: {lusha}");
    // Every date is fixed: a second run writes the same words.
    let again = tempfile::tempdir().expect("tempdir");
    write_demo(&registry, again.path()).expect("demo again");
    assert_eq!(std::fs::read_to_string(again.path().join("formulaire-cnil-kaspr.txt")).expect("form"), kaspr);
    assert_eq!(scratch_folders(), scratch_before, "the throw-away store is gone");
}

fn scratch_folders() -> Vec<String> {
    let prefix = format!("redress-demo-{}-", std::process::id());
    let mut found: Vec<String> = std::fs::read_dir(std::env::temp_dir())
        .expect("temp dir")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.starts_with(&prefix))
        .collect();
    found.sort();
    found
}
