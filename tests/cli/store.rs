//! CLI scenarios for the encrypted store, profiles and backups, in passphrase mode (keyring
//! mode is covered against a real Secret Service in redress-store's keyring tests).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        let env = Env { dir: tempfile::tempdir().expect("tempdir") };
        std::fs::write(env.path("pass.txt"), "store passphrase 1\n").expect("write");
        std::fs::write(env.path("backup-pass.txt"), "backup passphrase 2\n").expect("write");
        env
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `redress` with its own data folder and no session bus, so no keyring is reachable.
    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("redress").expect("binary");
        cmd.env_remove("REDRESS_STORE")
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env("XDG_RUNTIME_DIR", self.dir.path())
            .arg("--data-dir")
            .arg(self.path("data"));
        cmd
    }

    fn ok<S: AsRef<std::ffi::OsStr> + std::fmt::Debug>(&self, args: &[S]) -> String {
        let out = self.cmd().args(args).output().expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "redress {args:?} failed: {stderr}");
        String::from_utf8(out.stdout).expect("utf-8")
    }

    fn fails<S: AsRef<std::ffi::OsStr> + std::fmt::Debug>(&self, args: &[S], code: i32, message: &str) {
        let out = self.cmd().args(args).output().expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "redress {args:?}: {stderr}");
        assert!(stderr.contains(message), "redress {args:?}: expected {message:?} in {stderr}");
    }

    fn json<S: AsRef<std::ffi::OsStr> + std::fmt::Debug>(&self, args: &[S]) -> Value {
        serde_json::from_str(&self.ok(args)).expect("json")
    }
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

#[test]
fn the_first_profile_creates_the_store() {
    let e = Env::new();
    let pass = e.path("pass.txt");
    let out = e.cmd().args(["profile", "add", "--name", "Anna", "--passphrase-file", p(&pass)]).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Created an encrypted store"));
    assert_eq!(e.json(&["profile", "list", "--json", "--passphrase-file", p(&pass)])[0]["name"], "Anna");
    // Without a keyring and without a passphrase, nothing is created.
    let other = e.path("other.db");
    e.fails(&["--store", p(&other), "profile", "add", "--name", "Anna"], 1, "no usable keyring");
    assert!(!other.exists());
}

/// Keyring mode end to end; runs inside the private D-Bus session with gnome-keyring that
/// scripts/test-all.sh prepares (REDRESS_KEYRING_EXPECT=available), skipped elsewhere.
#[test]
fn a_keyring_store_from_creation_to_restore() {
    if std::env::var("REDRESS_KEYRING_EXPECT").as_deref() != Ok("available") {
        eprintln!("skipped: needs the keyring session prepared by scripts/test-all.sh");
        return;
    }
    let e = Env::new();
    let keyring_cmd = |args: &[&str]| {
        let mut cmd = Command::cargo_bin("redress").expect("binary");
        let out =
            cmd.env_remove("REDRESS_STORE").arg("--data-dir").arg(e.path("data")).args(args).output().expect("run");
        assert!(out.status.success(), "redress {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8")
    };
    assert!(keyring_cmd(&["store", "init"]).contains("keyring"));
    keyring_cmd(&["profile", "add", "--name", "Malik", "--email", "malik@example.org"]);
    assert!(keyring_cmd(&["profile", "list"]).contains("Malik"), "opens with nothing typed");
    let backup = e.path("k.backup");
    keyring_cmd(&["backup", p(&backup), "--backup-passphrase-file", p(&e.path("backup-pass.txt"))]);
    let other = e.path("restored.db");
    keyring_cmd(&[
        "--store",
        p(&other),
        "restore",
        p(&backup),
        "--backup-passphrase-file",
        p(&e.path("backup-pass.txt")),
    ]);
    assert!(keyring_cmd(&["--store", p(&other), "profile", "list"]).contains("Malik"));
    assert!(keyring_cmd(&["--store", p(&other), "store", "status"]).contains("keyring"));
}

#[test]
fn a_passphrase_store_from_creation_to_restore() {
    let e = Env::new();
    let pass = e.path("pass.txt");
    let bpass = e.path("backup-pass.txt");
    let with_pass = |args: &[&str]| -> Vec<String> {
        args.iter().map(|a| a.to_string()).chain(["--passphrase-file".to_owned(), p(&pass).to_owned()]).collect()
    };

    assert!(e.ok(&["store", "status"]).contains("No store at"));
    e.fails(&["store", "init"], 1, "no usable keyring on this system");
    e.fails(&["store", "init"], 1, "Use a passphrase instead");
    assert!(e.ok(&with_pass(&["store", "init"])).contains("passphrase (Argon2id-derived key)"));
    assert_eq!(e.json(&["store", "status", "--json"])["mode"], "passphrase");
    e.fails(&with_pass(&["store", "init"]), 1, "a store already exists");

    let added = e.json(&with_pass(&[
        "profile",
        "add",
        "--name",
        "Zoé Martin",
        "--email",
        "zoe.martin@example.fr",
        "--email",
        "zoe@perso.example",
        "--phone",
        "+33 6 12 34 56 78",
        "--address",
        "12 rue de la République",
        "--address",
        "69002 Lyon",
        "--employer",
        "Acme SA",
        "--linkedin",
        "https://www.linkedin.com/in/zoe-martin",
        "--lang",
        "fr",
        "--json",
    ]));
    assert_eq!(added["id"], 1);
    assert_eq!(added["emails"][1], "zoe@perso.example");
    assert_eq!(added["lang"], "fr");

    e.fails(&["profile", "list"], 1, "is protected by a passphrase: give it with --passphrase-file");
    std::fs::write(e.path("wrong.txt"), "not the passphrase\n").expect("write");
    e.fails(&["profile", "list", "--passphrase-file", p(&e.path("wrong.txt"))], 1, "the passphrase for");
    std::fs::write(e.path("empty.txt"), "").expect("write");
    e.fails(&["profile", "list", "--passphrase-file", p(&e.path("empty.txt"))], 1, "is empty");
    std::fs::write(e.path("latin1.txt"), b"caf\xe9 passphrase\n").expect("write");
    e.fails(&["profile", "list", "--passphrase-file", p(&e.path("latin1.txt"))], 1, "is not UTF-8 text");

    // Bad input is refused with the field named, and nothing is stored.
    e.fails(
        &with_pass(&["profile", "add", "--name", "X", "--email", "x@"]),
        1,
        "email: \"x@\" is not a well-formed e-mail address",
    );
    e.fails(&with_pass(&["profile", "add", "--name", &"n".repeat(300)]), 1, "name: is longer than 200 characters");
    e.fails(
        &with_pass(&["profile", "add", "--name", "X", "--lang", "it"]),
        1,
        "invalid value 'it' for '--lang <LANG>'\n  [possible values: en, fr, de]",
    );
    e.fails(&with_pass(&["profile", "add", "--email", "a@b.fr"]), 1, "--name is required");
    assert_eq!(e.json(&with_pass(&["profile", "list", "--json"])).as_array().map(Vec::len), Some(1));

    // A mandate is kept inside the store.
    std::fs::write(e.path("mandate.pdf"), b"%PDF-1.4\nsigned\n%%EOF\n").expect("write");
    let edited =
        e.json(&with_pass(&["profile", "edit", "1", "--acting-for", "--mandate", p(&e.path("mandate.pdf")), "--json"]));
    assert_eq!(edited["acting_for"], true);
    assert_eq!(edited["mandate"]["media_type"], "application/pdf");
    assert_eq!(edited["name"], "Zoé Martin", "fields not given stay as they were");
    e.ok(&with_pass(&["profile", "mandate", "1", "-o", p(&e.path("out.pdf"))]));
    assert!(std::fs::read(e.path("out.pdf")).expect("read").starts_with(b"%PDF-1.4"));

    // The store file holds none of it in clear.
    let raw = std::fs::read(e.path("data/redress.db")).expect("read store");
    for needle in ["Zoé Martin".as_bytes(), b"zoe.martin@example.fr", b"SQLite format 3"] {
        assert!(
            !raw.windows(needle.len()).any(|w| w == needle),
            "plaintext {:?} in the store",
            String::from_utf8_lossy(needle)
        );
    }

    // Backup, then restore on "another computer" (another path) with a new passphrase.
    let backup = e.path("redress.backup");
    assert!(
        e.ok(&with_pass(&["backup", p(&backup), "--backup-passphrase-file", p(&bpass)])).contains("Backup written")
    );
    let other = e.path("elsewhere/redress.db");
    let restored = e.ok(&[
        "--store",
        p(&other),
        "--passphrase-file",
        p(&pass),
        "restore",
        p(&backup),
        "--backup-passphrase-file",
        p(&bpass),
    ]);
    assert!(restored.contains("(1 profiles)"), "{restored}");
    // The person is told when the backup was made, to see it is the one they meant.
    assert!(restored.contains("The backup was made on ") && restored.contains("(backup id "), "{restored}");
    e.fails(
        &[
            "--store",
            p(&other),
            "--passphrase-file",
            p(&pass),
            "restore",
            p(&backup),
            "--backup-passphrase-file",
            p(&bpass),
        ],
        1,
        "a store already exists",
    );
    e.fails(
        &[
            "--store",
            p(&other),
            "--passphrase-file",
            p(&pass),
            "restore",
            p(&backup),
            "--backup-passphrase-file",
            p(&pass),
            "--force",
        ],
        1,
        "the passphrase does not open the backup",
    );
    let bytes = std::fs::read(&backup).expect("read");
    std::fs::write(e.path("cut.backup"), &bytes[..bytes.len() / 2]).expect("write");
    e.fails(
        &[
            "--store",
            p(&other),
            "--passphrase-file",
            p(&pass),
            "restore",
            p(&e.path("cut.backup")),
            "--backup-passphrase-file",
            p(&bpass),
            "--force",
        ],
        1,
        "truncated",
    );
    let shown = e.json(&["--store", p(&other), "--passphrase-file", p(&pass), "profile", "show", "1", "--json"]);
    assert_eq!(shown["mandate"]["file_name"], "mandate.pdf");

    // Change the passphrase; the old one stops working, nothing is lost.
    std::fs::write(e.path("new-pass.txt"), "a completely new one\n").expect("write");
    e.ok(&with_pass(&["store", "use-passphrase", "--new-passphrase-file", p(&e.path("new-pass.txt"))]));
    e.fails(&with_pass(&["profile", "list"]), 1, "the passphrase for");
    let list = e.json(&["profile", "list", "--json", "--passphrase-file", p(&e.path("new-pass.txt"))]);
    assert_eq!(list[0]["name"], "Zoé Martin");

    // Removing asks for confirmation when there is no terminal to ask on.
    let new_pass = e.path("new-pass.txt");
    e.fails(&["profile", "remove", "1", "--passphrase-file", p(&new_pass)], 1, "add --yes to confirm");
    e.ok(&["profile", "remove", "1", "--yes", "--passphrase-file", p(&new_pass)]);
    e.fails(&["profile", "show", "1", "--passphrase-file", p(&new_pass)], 1, "no profile with id 1");
}

#[test]
fn a_case_from_opening_to_an_incomplete_answer() {
    let e = Env::new();
    // A colleague's store, to hand the case over to at the end.
    let colleague = e.path("colleague.db");
    e.ok(&["--store", p(&colleague), "--passphrase-file", p(&e.path("pass.txt")), "store", "init"]);
    let pass = e.path("pass.txt");
    let run = |args: &[&str]| -> Vec<String> {
        args.iter().map(|a| a.to_string()).chain(["--passphrase-file".to_owned(), p(&pass).to_owned()]).collect()
    };
    e.ok(&run(&["profile", "add", "--name", "Zoé Martin"]));
    let case = e.json(&run(&["case", "open", "--profile", "1", "--vendor", "kaspr", "--kind", "access", "--json"]));
    assert_eq!((case["id"].as_i64(), case["status"]["status"].as_str()), (Some(1), Some("draft")));
    assert_eq!(case["holiday_country"], "FR", "Kaspr is French: French holidays count");
    e.fails(
        &run(&["case", "open", "--profile", "1", "--vendor", "no-such-vendor"]),
        1,
        "no vendor with id \"no-such-vendor\"",
    );
    e.fails(&run(&["case", "open", "--profile", "7", "--vendor", "kaspr"]), 1, "no profile with id 7");
    e.fails(
        &run(&["case", "status", "1", "answered", "--answer", "complete"]),
        1,
        "it has not been sent yet: mark it sent first",
    );

    let sent = e.json(&run(&[
        "case",
        "sent",
        "1",
        "--channel",
        "email",
        "--on",
        "2025-03-05",
        "--reference",
        "<req@example.fr>",
        "--json",
    ]));
    assert_eq!(sent["deadline"]["due"], "2025-04-07");
    e.fails(&run(&["case", "status", "1", "overdue", "--on", "2025-04-07"]), 1, "its deadline has not passed yet");
    e.fails(
        &run(&["case", "status", "1", "answered"]),
        1,
        "answered needs the kind of answer (complete, incomplete, no-data-held or refused)\nhint: add --answer complete, incomplete, no-data-held or refused",
    );
    e.fails(&run(&["case", "status", "1", "lost"]), 1, "invalid value 'lost' for '<EVENT>'\n  [possible values: sent, acknowledged, extension-announced, answered, marked-overdue, reminded, escalated, closed, not-delivered]");
    let overdue = e.json(&run(&["case", "list", "--overdue", "--json"]));
    assert_eq!(overdue.as_array().map(Vec::len), Some(1), "5 March 2025 is long past");

    let answered =
        e.json(&run(&["case", "status", "1", "answered", "--answer", "incomplete", "--on", "2025-04-02", "--json"]));
    assert_eq!(answered["status"], serde_json::json!({"status": "answered", "answer": "incomplete"}));
    assert_eq!(answered["timeline"].as_array().map(Vec::len), Some(2));
    assert!(e.json(&run(&["case", "list", "--overdue", "--json"])).as_array().is_some_and(Vec::is_empty));
    let shown = e.ok(&run(&["case", "show", "1"]));
    assert!(shown.contains("Monday 7 April 2025") && shown.contains("answered (incomplete)"), "{shown}");
    e.fails(&run(&["profile", "remove", "1", "--yes"]), 1, "profile 1 has cases");

    // Deadlines go to the calendar only while an answer is awaited.
    e.ok(&run(&["case", "open", "--profile", "1", "--vendor", "lusha", "--kind", "erasure"]));
    e.ok(&run(&[
        "case",
        "sent",
        "2",
        "--channel",
        "registered-post",
        "--on",
        "2026-11-20",
        "--received",
        "2026-11-23",
    ]));
    let ics_path = e.path("deadlines.ics");
    assert!(e.ok(&run(&["case", "ics", "-o", p(&ics_path)])).contains("1 deadline written"));
    let ics = std::fs::read_to_string(&ics_path).expect("ics").replace("\r\n ", "");
    assert!(
        ics.contains("DTSTART;VALUE=DATE:20261223"),
        "23 Nov 2026 + 1 month, Lusha is American: French holidays: {ics}"
    );
    assert!(ics.contains("SUMMARY:Lusha must answer Zoé Martin's request (Art. 12(3) GDPR)"), "{ics}");
    assert!(!ics.contains("Kaspr"), "answered cases are not in the calendar");

    // Hand the case over: export, import into another store, same timeline.
    let bundle = e.path("case-1.json");
    e.ok(&run(&["case", "export", "1", "-o", p(&bundle)]));
    let other = e.path("colleague.db");
    let imported =
        e.json(&["--store", p(&other), "--passphrase-file", p(&pass), "case", "import", p(&bundle), "--json"]);
    assert_eq!(imported["status"], serde_json::json!({"status": "answered", "answer": "incomplete"}));
    assert_eq!(imported["timeline"], answered["timeline"]);
    let people = e.json(&["--store", p(&other), "--passphrase-file", p(&pass), "profile", "list", "--json"]);
    assert_eq!(people[0]["name"], "Zoé Martin");
    let mut tampered: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&bundle).expect("read")).expect("json");
    tampered["case"]["vendor_id"] = "unheard-of".into();
    std::fs::write(&bundle, tampered.to_string()).expect("write");
    e.fails(
        &["--store", p(&other), "--passphrase-file", p(&pass), "case", "import", p(&bundle)],
        1,
        "\"unheard-of\", which is not in your registry",
    );
}

/// The journey after sending: the vendor's e-mail is imported and matched to its case, the
/// answer is checked item by item, and the reminder lists exactly what was missing.
#[test]
fn a_reply_is_imported_checked_and_chased() {
    let e = Env::new();
    let pass = e.path("pass.txt");
    let run = |args: &[&str]| -> Vec<String> {
        args.iter().map(|a| a.to_string()).chain(["--passphrase-file".to_owned(), p(&pass).to_owned()]).collect()
    };
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/fixtures/replies");
    let reply = fixtures.join("kaspr-incomplete-answer.eml");
    e.ok(&run(&["profile", "add", "--name", "Zoé Martin", "--lang", "en"]));
    e.ok(&run(&["case", "open", "--profile", "1", "--vendor", "lusha", "--kind", "access"]));
    e.ok(&run(&["case", "open", "--profile", "1", "--vendor", "kaspr", "--kind", "access"]));
    let proof = e.path("sent.eml");
    std::fs::write(&proof, "From: zoe@example.fr\r\nTo: privacy@kaspr.io\r\nSubject: access\r\nMessage-ID: <req-1@example.fr>\r\n\r\nPlease.\r\n").expect("write");
    let sent = e.json(&run(&[
        "case",
        "sent",
        "2",
        "--channel",
        "email",
        "--on",
        "2025-03-05",
        "--reference",
        "<req-1@example.fr>",
        "--proof",
        p(&proof),
        "--json",
    ]));
    assert_eq!(sent["files"][0]["role"], "proof");

    let imported = e.json(&run(&["case", "response", p(&reply), "--answer", "incomplete", "--json"]));
    assert_eq!(imported["case"]["id"], 2, "matched to the Kaspr case by In-Reply-To");
    assert_eq!(imported["case"]["status"], serde_json::json!({"status": "answered", "answer": "incomplete"}));
    assert_eq!(imported["case"]["timeline"][1]["on"], "2025-04-01", "the answer's day is the e-mail's date");
    assert_eq!(imported["case"]["files"][1]["from_address"], "privacy@kaspr.io");
    let hints = imported["hints"].as_array().expect("hints");
    assert!(hints.iter().any(|h| h["item"] == "source" && h["vague"] == true), "{hints:?}");

    let text = e.ok(&run(&[
        "case",
        "checklist",
        "2",
        "--present",
        "confirmation,retention,rights",
        "--missing",
        "source,recipients,copy",
    ]));
    assert!(text.contains("[ ] MISSING source"), "{text}");
    assert!(text.contains("[x] retention"), "{text}");
    e.fails(&run(&["case", "checklist", "2", "--missing", "everything"]), 1, "invalid value 'everything' for '--missing <ITEMS>'\n  [possible values: confirmation, copy, purposes, legal-basis, categories, recipients, retention, source, automated-decisions, transfers, rights]");

    let reminder = e.ok(&run(&["letter", "reminder", "--case", "2", "--date", "2025-04-20"]));
    let reminder = reminder.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Your answer of 1 April 2025 is incomplete",
        "a complete copy of my personal data",
        "(Art. 15(1)(g))",
        "(Art. 15(1)(c))",
    ] {
        assert!(reminder.contains(expected), "{expected:?} missing from:\n{reminder}");
    }
    assert!(!reminder.contains("retention period"), "present items are not chased");

    // An e-mail from nobody the cases know: refused, with what to do; nothing stored.
    let stranger = e.path("stranger.eml");
    std::fs::write(&stranger, "From: someone@example.org\r\nSubject: hi\r\n\r\nHello\r\n").expect("write");
    e.fails(&run(&["case", "response", p(&stranger)]), 1, "give the case's id");
    e.ok(&run(&["case", "response", p(&stranger), "--case", "1"]));
    let shown = e.ok(&run(&["case", "show", "2"]));
    assert!(shown.contains("reply kaspr-incomplete-answer.eml from privacy@kaspr.io"), "{shown}");
    let bin = e.path("data.bin");
    std::fs::write(&bin, [0u8, 159, 146, 150]).expect("write");
    e.fails(&run(&["case", "response", p(&bin), "--case", "1"]), 1, "Redress reads replies as e-mails (.eml), PDFs");
}

/// The complaint file from the store: one PDF with every section and exhibit, and the texts for
/// the CNIL's form.
#[test]
fn a_dossier_gathers_the_cases_into_one_pdf() {
    let e = Env::new();
    let pass = e.path("pass.txt");
    let run = |args: &[&str]| -> Vec<String> {
        args.iter().map(|a| a.to_string()).chain(["--passphrase-file".to_owned(), p(&pass).to_owned()]).collect()
    };
    let reply =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/fixtures/replies/kaspr-incomplete-answer.eml");
    e.ok(&run(&[
        "profile",
        "add",
        "--name",
        "Zoé Martin",
        "--email",
        "zoe.martin@example.fr",
        "--address",
        "12 rue de la République",
        "--address",
        "69002 Lyon",
        "--lang",
        "fr",
    ]));
    e.ok(&run(&["case", "open", "--profile", "1", "--vendor", "kaspr", "--kind", "access"]));
    e.ok(&run(&["case", "open", "--profile", "1", "--vendor", "kaspr", "--kind", "objection"]));
    e.ok(&run(&["case", "open", "--profile", "1", "--vendor", "lusha", "--kind", "access"]));
    e.ok(&run(&["case", "sent", "1", "--channel", "email", "--on", "2025-03-05", "--reference", "<req-1@example.fr>"]));
    e.ok(&run(&["case", "sent", "2", "--channel", "email", "--on", "2025-03-05"]));
    e.ok(&run(&["case", "response", p(&reply), "--case", "1", "--answer", "incomplete"]));
    e.ok(&run(&["case", "checklist", "1", "--missing", "source,recipients", "--present", "confirmation"]));

    e.fails(
        &run(&["dossier", "--case", "1", "--case", "3", "-o", p(&e.path("x.pdf"))]),
        1,
        "one dossier covers one vendor",
    );
    let pdf = e.path("plainte-kaspr.pdf");
    let form = e.path("formulaire.txt");
    let said = e.ok(&run(&[
        "dossier",
        "--case",
        "1",
        "--case",
        "2",
        "--date",
        "2025-06-02",
        "-o",
        p(&pdf),
        "--form-text",
        p(&form),
    ]));
    assert!(said.contains("3 exhibits"), "{said}");

    let out = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Plainte auprès de la CNIL",
        "KASPR SAS (SIREN 843 898 396)",
        "Chronologie",
        "Fin du délai de réponse (lundi 7 avril 2025)",
        "Manquements allégués",
        "Réponse incomplète à ma demande d'accès",
        "SAN-2024-020",
        "Opposition à la prospection restée sans effet confirmé",
        "Liste des pièces",
        "Pièce n° 1",
        "Réponse de la société du 1er avril 2025",
        "Ces données proviennent de sources publiques",
        "Ma demande du 5 mars 2025 (texte reproduit par Redress",
        "Demande d'accès à mes données personnelles (article 15 du RGPD)",
        "Page 2 sur",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from the dossier:\n{text}");
    }
    let check = std::process::Command::new("qpdf").arg("--check").arg(&pdf).output().expect("qpdf");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    let form = std::fs::read_to_string(&form).expect("form text");
    assert!(form.contains("== Description ==") && form.contains("plainte-kaspr.pdf"), "{form}");
    e.fails(&run(&["dossier", "--case", "1", "-o", p(&pdf)]), 1, "already exists");

    // The same complaint from case bundles, without the store (an advocate's hand-over).
    let (b1, b2) = (e.path("case-1.json"), e.path("case-2.json"));
    e.ok(&run(&["case", "export", "1", "-o", p(&b1)]));
    e.ok(&run(&["case", "export", "2", "-o", p(&b2)]));
    let from_files = e.path("from-files.pdf");
    let out = e
        .cmd()
        .args(["dossier", "--case-file", p(&b1), "--case-file", p(&b2), "--date", "2025-06-02", "-o", p(&from_files)])
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = std::process::Command::new("pdftotext").arg(&from_files).arg("-").output().expect("pdftotext");
    let from_files_text = String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in
        ["Réponse incomplète à ma demande d'accès", "Ces données proviennent de sources publiques", "Pièce n° 3"]
    {
        assert!(from_files_text.contains(expected), "{expected:?} missing from the dossier built from bundles");
    }
    e.fails(
        &run(&["dossier", "--case-file", p(&b1), "--case", "2", "-o", p(&e.path("y.pdf"))]),
        1,
        "cannot be used with",
    );

    // Another authority: the dossier is written in its language (English for the Irish DPC).
    let english = e.path("complaint-en.pdf");
    e.ok(&run(&["dossier", "--case", "1", "--authority", "iedpc", "--date", "2025-06-02", "-o", p(&english)]));
    let out = std::process::Command::new("pdftotext").arg(&english).arg("-").output().expect("pdftotext");
    let english_text = String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Complaint to the Irish Data Protection Commission",
        "Exhibit 2",
        "Reply from the company of 1 April 2025",
        "C-154/21",
    ] {
        assert!(english_text.contains(expected), "{expected:?} missing from the English dossier:\n{english_text}");
    }
    // The request and the reply stay as they were written (in French); Redress's own words do not.
    assert!(!english_text.contains("Pièce n°"), "no French labels in the English dossier");
}

/// Regression: `case sent 1 --on 9999-12-31` saved the event and then panicked, and every case
/// command of that store panicked from then on. Out-of-range dates are refused (exit 1) before
/// anything is written, and the store keeps working.
#[test]
fn a_date_out_of_range_is_refused_and_nothing_is_written() {
    let e = Env::new();
    let pass = e.path("pass.txt");
    let run = |args: &[&str]| -> Vec<String> {
        args.iter().map(|a| a.to_string()).chain(["--passphrase-file".to_owned(), p(&pass).to_owned()]).collect()
    };
    e.ok(&run(&["profile", "add", "--name", "Zoé Martin"]));
    e.ok(&run(&["case", "open", "--profile", "1", "--vendor", "kaspr", "--kind", "access"]));
    let range = "is out of range: Redress accepts dates from 1900-01-01 to 2199-12-31";
    for (args, message) in [
        (
            vec!["case", "sent", "1", "--channel", "email", "--on", "9999-12-31"],
            format!("for '--on <YYYY-MM-DD>': \"9999-12-31\" {range}"),
        ),
        (
            vec!["case", "sent", "1", "--channel", "email", "--on", "1899-12-31"],
            format!("for '--on <YYYY-MM-DD>': \"1899-12-31\" {range}"),
        ),
        (
            vec!["case", "sent", "1", "--channel", "email", "--on", "2200-01-01"],
            format!("for '--on <YYYY-MM-DD>': \"2200-01-01\" {range}"),
        ),
        (
            vec!["case", "sent", "1", "--channel", "registered-post", "--on", "2025-03-03", "--received", "9999-12-31"],
            format!("for '--received <YYYY-MM-DD>': \"9999-12-31\" {range}"),
        ),
        (
            vec!["case", "sent", "1", "--channel", "email", "--on", "5/3/2025"],
            "for '--on <YYYY-MM-DD>': \"5/3/2025\" is not a date: write it as YYYY-MM-DD".to_owned(),
        ),
    ] {
        e.fails(&run(&args), 1, &message);
    }
    // Nothing was written: the case is still a draft with an empty timeline, and lists and
    // shows as before.
    let case = e.json(&run(&["case", "show", "1", "--json"]));
    assert_eq!(case["status"]["status"], "draft");
    assert_eq!(case["timeline"].as_array().map(Vec::len), Some(0));
    assert!(e.ok(&run(&["case", "list"])).contains("kaspr"));
    assert!(e.ok(&run(&["case", "show", "1"])).contains("draft"));
    // A date in range goes on as usual; a later event out of range is refused too.
    let sent = e.json(&run(&["case", "sent", "1", "--channel", "email", "--on", "2025-03-05", "--json"]));
    assert_eq!(sent["deadline"]["due"], "2025-04-07");
    e.fails(&run(&["case", "status", "1", "answered", "--answer", "complete", "--on", "9999-12-31"]), 1, range);
    let case = e.json(&run(&["case", "show", "1", "--json"]));
    assert_eq!(case["timeline"].as_array().map(Vec::len), Some(1));
    assert_eq!(e.json(&run(&["case", "list", "--json"])).as_array().map(Vec::len), Some(1));
}

/// A value that would retitle the terminal and clear the screen if printed raw.
const HOSTILE: &str = "Evil\u{1b}]0;pwned\u{7}\u{1b}[2J Leads\u{9b}";

/// Every output of `args` (stdout and stderr) with no ESC, BEL or C1 CSI left in it.
fn no_escape_reaches_the_terminal(e: &Env, args: &[&str]) -> String {
    let out = e.cmd().args(args).output().expect("run");
    let all = [out.stdout.as_slice(), out.stderr.as_slice()].concat();
    let text = String::from_utf8_lossy(&all).into_owned();
    assert!(!all.contains(&0x1b) && !all.contains(&0x07), "redress {args:?} printed a raw escape: {text:?}");
    assert!(!text.contains('\u{9b}'), "redress {args:?} printed a raw C1 CSI: {text:?}");
    text
}

#[test]
fn escape_sequences_in_imported_registries_and_bundles_are_shown_escaped() {
    let e = Env::new();
    // A registry whose vendor carries the sequence in its name, legal entity, address and notes.
    let mut registry: Value =
        serde_json::from_str(&std::fs::read_to_string(super::fixture("extension.json")).expect("fixture"))
            .expect("json");
    let vendor = &mut registry["vendors"][0];
    for field in ["name", "legal_entity", "notes"] {
        vendor[field] = Value::from(HOSTILE);
    }
    vendor["address"][0] = Value::from(HOSTILE);
    let file = e.path("evil-registry.json");
    std::fs::write(&file, registry.to_string()).expect("write");
    no_escape_reaches_the_terminal(&e, &["vendors", "import", p(&file)]);
    let shown = no_escape_reaches_the_terminal(&e, &["vendor", "show", "acme-leads"]);
    assert!(shown.contains(r"Evil\x1b]0;pwned\x07\x1b[2J Leads\u{9b}"), "{shown}");
    let listed = no_escape_reaches_the_terminal(&e, &["vendors", "--search", "acme"]);
    assert!(listed.contains("Evil ]0;pwned  [2J Leads"), "clipped cells show controls as spaces: {listed}");
    // --json stays JSON, with serde's own escapes.
    let json = e.json(&["vendor", "show", "acme-leads", "--json"]);
    assert_eq!(json["name"], HOSTILE);

    // A case bundle whose person carries it is refused, and the refusal does not echo it.
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tools/fuzz/corpus/bundle/lusha-no-data-bundle.json");
    let bundle: Value = serde_json::from_str(&std::fs::read_to_string(seed).expect("seed")).expect("json");
    let pass = e.path("pass.txt");
    let mut hostile_person = bundle.clone();
    hostile_person["person"]["employer"] = Value::from(HOSTILE);
    let file = e.path("evil-person.json");
    std::fs::write(&file, hostile_person.to_string()).expect("write");
    let refused = no_escape_reaches_the_terminal(&e, &["--passphrase-file", p(&pass), "case", "import", p(&file)]);
    assert!(refused.contains("employer: contains control characters"), "{refused}");
    // One whose reply's name and the sending's reference carry it is imported, and shown escaped.
    let mut hostile_files = bundle;
    hostile_files["files"][0]["file_name"] = Value::from(format!("{HOSTILE}.eml"));
    hostile_files["files"][0]["subject"] = Value::from(HOSTILE);
    hostile_files["timeline"][0]["reference"] = Value::from(HOSTILE);
    let file = e.path("evil-files.json");
    std::fs::write(&file, hostile_files.to_string()).expect("write");
    let imported = no_escape_reaches_the_terminal(&e, &["--passphrase-file", p(&pass), "case", "import", p(&file)]);
    assert!(imported.contains(r"reply Evil\x1b]0;pwned\x07\x1b[2J Leads\u{9b}.eml"), "{imported}");
    for args in [&["profile", "show", "1"][..], &["profile", "list"], &["case", "show", "1"], &["case", "list"]] {
        let args = [&["--passphrase-file", p(&pass)][..], args].concat();
        no_escape_reaches_the_terminal(&e, &args);
    }
}

/// `redress` turns core dumps off first thing: seen from outside while it waits for a
/// passphrase on a FIFO, its core-file limit is 0 (the kernel's side of `disable_core_dumps`,
/// tested in redress-store, covers the rest).
#[cfg(target_os = "linux")]
#[test]
fn the_cli_runs_with_core_dumps_disabled() {
    let e = Env::new();
    let fifo = e.path("pass.fifo");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs").success());
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("redress"))
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .args(["--data-dir", p(&e.path("data")), "profile", "list", "--passphrase-file", p(&fifo)])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    // Opening the FIFO waits for a writer, so the process stays; its limits are read meanwhile.
    let limits = format!("/proc/{}/limits", child.id());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let mut core = String::new();
    while std::time::Instant::now() < deadline {
        let text = std::fs::read_to_string(&limits).unwrap_or_default();
        if let Some(line) = text.lines().find(|l| l.starts_with("Max core file size")) {
            core = line.split_whitespace().collect::<Vec<_>>().join(" ");
            if core == "Max core file size 0 0 bytes" {
                break;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let still_waiting = child.try_wait().expect("try_wait").is_none();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(core, "Max core file size 0 0 bytes");
    assert!(still_waiting, "redress was still waiting on the FIFO when its limits were read");
}

/// The CLI meets the store's one check of new passphrases: an easy one is refused with
/// zxcvbn's advice (exit 1) and no store is made; a strong one is taken.
#[test]
fn a_guessable_passphrase_is_refused_by_the_cli() {
    let e = Env::new();
    std::fs::write(e.path("weak.txt"), "password123\n").expect("write");
    e.fails(
        &["--passphrase-file", p(&e.path("weak.txt")), "store", "init"],
        1,
        "too easy to guess, so it was not used and nothing was changed. This is a very common password.",
    );
    assert!(!e.path("data/redress.db").exists());
    e.ok(&["--passphrase-file", p(&e.path("pass.txt")), "store", "init"]);
    assert!(e.path("data/redress.db").exists(), "a strong passphrase makes the store");
    e.fails(
        &[
            "store",
            "use-passphrase",
            "--passphrase-file",
            p(&e.path("pass.txt")),
            "--new-passphrase-file",
            p(&e.path("weak.txt")),
        ],
        1,
        "too easy to guess",
    );
}
