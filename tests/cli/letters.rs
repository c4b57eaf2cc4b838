//! `redress letter`: every format from the real binary, batches over the registry, reminders
//! built from a case in the store, and the errors a user can run into.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

use super::fixture;

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        let env = Env { dir: tempfile::tempdir().expect("tempdir") };
        std::fs::write(env.path("pass.txt"), "store passphrase 1\n").expect("write");
        env
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("redress").expect("binary");
        cmd.env_remove("REDRESS_STORE")
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env("XDG_RUNTIME_DIR", self.dir.path())
            .arg("--data-dir")
            .arg(self.path("data"))
            .arg("--passphrase-file")
            .arg(self.path("pass.txt"));
        cmd
    }

    fn ok(&self, args: &[&str]) -> (String, String) {
        let out = self.cmd().args(args).output().expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "redress {args:?} failed: {stderr}");
        (String::from_utf8(out.stdout).expect("utf-8"), stderr)
    }

    fn fails(&self, args: &[&str], code: i32, message: &str) {
        let out = self.cmd().args(args).output().expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "redress {args:?}: {stderr}");
        assert!(stderr.contains(message), "redress {args:?}: expected {message:?} in {stderr}");
    }
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// Runs a PDF tool; a missing tool fails the test with what to install.
fn tool(name: &str, args: &[&str]) -> String {
    let out = Process::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {name} ({e}): install poppler-utils and qpdf (scripts/setup.sh does)"));
    assert!(out.status.success(), "{name} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn collapsed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_letter_in_every_format_from_an_identity_file() {
    let e = Env::new();
    let me = fixture("identity-zoe.json");
    let base =
        ["letter", "access", "--vendor", "kaspr", "--identity", p(&me), "--date", "2026-11-25", "--place", "Lyon"];

    // Text on standard output, in the identity's language.
    let (text, _) = e.ok(&base);
    for expect in ["Zoé Martin", "KASPR SAS", "38 rue Dunois", "Lyon, le 25 novembre 2026", "article 15", "C-487/21"] {
        assert!(collapsed(&text).contains(expect), "{expect:?} missing from:\n{text}");
    }

    // E-mail: headers and a UTF-8 body a mail program reads.
    let eml = e.path("kaspr.eml");
    e.ok(&[&base[..], &["--format", "eml", "-o", p(&eml)]].concat());
    let raw = std::fs::read_to_string(&eml).expect("eml");
    assert!(raw.contains("To: KASPR SAS <privacy@kaspr.io>\r\n"), "{raw}");
    assert!(raw.contains("From: =?utf-8?B?"), "non-ASCII display name is encoded: {raw}");
    assert!(raw.contains("Content-Type: text/plain; charset=utf-8"));

    // mailto link.
    let (link, _) = e.ok(&[&base[..], &["--format", "mailto", "--lang", "en"]].concat());
    assert!(link.starts_with("mailto:privacy@kaspr.io?subject=Subject%20access%20request"), "{link}");

    // PDF: real text with accents, the font embedded as a subset.
    let pdf = e.path("kaspr.pdf");
    let (said, _) = e.ok(&[&base[..], &["--format", "pdf", "-o", p(&pdf), "--registered"]].concat());
    assert!(said.contains("Wrote"), "{said}");
    let text = collapsed(&tool("pdftotext", &[p(&pdf), "-"]));
    for expect in [
        "Zoé Martin",
        "12 rue de la République",
        "KASPR SAS",
        "Objet",
        "Lettre recommandée avec avis de réception",
        "délégué à la protection des données",
    ] {
        assert!(text.contains(expect), "{expect:?} missing from the PDF text:\n{text}");
    }
    let fonts = tool("pdffonts", &[p(&pdf)]);
    assert!(fonts.lines().skip(2).all(|l| l.contains(" yes yes ")), "fonts not embedded as subsets:\n{fonts}");
    tool("qpdf", &["--check", p(&pdf)]);

    // The same file again needs --force.
    e.fails(&[&base[..], &["--format", "pdf", "-o", p(&pdf)]].concat(), 1, "already exists");
    e.ok(&[&base[..], &["--format", "pdf", "-o", p(&pdf), "--force"]].concat());
}

#[test]
fn a_batch_writes_one_valid_pdf_per_vendor() {
    let e = Env::new();
    let out = e.path("letters");
    let started = std::time::Instant::now();
    let (said, _) = e.ok(&[
        "letter",
        "combined",
        "--all-vendors",
        "--identity",
        p(&fixture("identity-zoe.json")),
        "--format",
        "pdf",
        "-o",
        p(&out),
        "--date",
        "2026-11-25",
    ]);
    let elapsed = started.elapsed();
    eprintln!("128 combined letters as PDF in {elapsed:?}");
    let vendors = std::fs::read_dir(&out).expect("folder").count();
    assert!(said.contains(&format!("Wrote {vendors} letters")), "{said}");
    assert!(vendors >= 128, "one file per vendor, got {vendors}");
    let kaspr = out.join("kaspr-combined-fr.pdf");
    assert!(kaspr.exists(), "files are named VENDOR-KIND-LANG.pdf");
    for entry in std::fs::read_dir(&out).expect("folder") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        assert!(bytes.starts_with(b"%PDF-") && bytes.ends_with(b"%%EOF\n") || bytes.ends_with(b"%%EOF"), "{path:?}");
    }
    tool("qpdf", &["--check", p(&kaspr)]);
    let text = collapsed(&tool("pdftotext", &[p(&kaspr), "-"]));
    assert!(text.contains("1. Droit d'accès") && text.contains("3. Effacement"), "{text}");
}

#[test]
fn a_category_batch_of_emails_goes_into_a_folder() {
    let e = Env::new();
    let out = e.path("mails");
    let (json, _) = e.ok(&[
        "letter",
        "objection",
        "--category",
        "b2b-contact-data",
        "--identity",
        p(&fixture("identity-zoe.json")),
        "--lang",
        "de",
        "--format",
        "eml",
        "-o",
        p(&out),
        "--json",
    ]);
    let written: serde_json::Value = serde_json::from_str(&json).expect("json");
    let list = written.as_array().expect("array");
    assert!(list.len() > 1, "{json}");
    for w in list {
        let file = PathBuf::from(w["file"].as_str().expect("file"));
        assert!(file.extension().is_some_and(|x| x == "eml"), "{file:?}");
        let raw = std::fs::read_to_string(&file).expect("read");
        assert!(raw.contains("\r\nSubject:") && raw.contains("Content-Language: de\r\n"), "{raw}");
    }
}

#[test]
fn a_reminder_from_a_case_lists_what_the_answer_lacked() {
    let e = Env::new();
    e.ok(&["profile", "add", "--name", "Zoé Martin", "--email", "zoe.martin@example.fr", "--lang", "en"]);
    e.ok(&["case", "open", "--profile", "1", "--vendor", "kaspr", "--kind", "access"]);
    e.fails(&["letter", "reminder", "--case", "1"], 1, "has not been marked as sent");
    e.ok(&["case", "sent", "1", "--channel", "email", "--on", "2025-03-05", "--reference", "<req-1@example.fr>"]);
    e.ok(&["case", "status", "1", "answered", "--answer", "incomplete", "--on", "2025-04-02"]);
    let (text, _) =
        e.ok(&["letter", "reminder", "--case", "1", "--missing", "source,recipients", "--date", "2025-04-20"]);
    let text = collapsed(&text);
    for expect in [
        "Reminder: my access request (Article 15 GDPR) of 5 March 2025",
        "<req-1@example.fr>",
        "Your answer of 2 April 2025 is incomplete",
        "the actual source of each item of my data",
        "(Art. 15(1)(g))",
        "that is by 7 April 2025",
    ] {
        assert!(text.contains(expect), "{expect:?} missing from:\n{text}");
    }
    e.fails(
        &["letter", "reminder", "--case", "1", "--missing", "everything"],
        1,
        "invalid value 'everything' for '--missing <ITEMS>'\n  [possible values: confirmation, copy,",
    );
}

#[test]
fn an_advocate_writes_a_mandate_and_sends_letters_with_it() {
    let e = Env::new();
    let zoe = fixture("identity-zoe.json");
    let malik = fixture("identity-malik.json");
    let mandate = e.path("mandate.pdf");
    e.fails(&["letter", "mandate", "--vendor", "kaspr", "--identity", p(&zoe)], 1, "a mandate names who acts");
    e.ok(&[
        "letter",
        "mandate",
        "--vendor",
        "kaspr",
        "--vendor",
        "lusha",
        "--identity",
        p(&zoe),
        "--agent",
        p(&malik),
        "--format",
        "pdf",
        "-o",
        p(&mandate),
    ]);
    let text = collapsed(&tool("pdftotext", &[p(&mandate), "-"]));
    for expect in ["Zoé Martin", "Malik Benali", "KASPR SAS", "article 80", "Signature du mandant"] {
        assert!(text.contains(expect), "{expect:?} missing from the mandate:\n{text}");
    }
    let eml = e.path("kaspr.eml");
    e.ok(&[
        "letter",
        "access",
        "--vendor",
        "kaspr",
        "--identity",
        p(&zoe),
        "--agent",
        p(&malik),
        "--format",
        "eml",
        "--attach",
        p(&mandate),
        "-o",
        p(&eml),
    ]);
    let raw = std::fs::read_to_string(&eml).expect("eml");
    assert!(raw.contains("Content-Type: multipart/mixed"), "the mandate is attached");
    assert!(raw.contains("Content-Type: application/pdf; name=\"mandate.pdf\""), "{raw}");
    assert!(raw.contains("From: Malik Benali <malik@donnees-libres.example>"), "the advocate sends it: {raw}");
}

#[test]
fn mistakes_get_a_clear_error() {
    let e = Env::new();
    let me = fixture("identity-zoe.json");
    let broken = fixture("identity-broken.json");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["letter", "complaint", "--vendor", "kaspr", "--identity", p(&me)],
            "invalid value 'complaint' for '<KIND>'\n  [possible values: access, objection, erasure, combined, source-inquiry, reminder, mandate]",
        ),
        (vec!["letter", "access", "--vendor", "kaspr"], "who is the letter for?"),
        (vec!["letter", "access", "--identity", p(&me)], "to whom?"),
        (vec!["letter", "access", "--vendor", "nope", "--identity", p(&me)], "no vendor with id \"nope\""),
        (
            vec!["letter", "access", "--vendor", "kaspr", "--identity", p(&me), "--format", "docx"],
            "[possible values: txt, eml, pdf, mailto]",
        ),
        (vec!["letter", "access", "--vendor", "kaspr", "--identity", p(&me), "--format", "pdf"], "give -o PATH"),
        (vec!["letter", "access", "--vendor", "kaspr", "--vendor", "lusha", "--identity", p(&me)], "give -o FOLDER"),
        (
            vec!["letter", "access", "--vendor", "kaspr", "--identity", p(&me), "--lang", "it"],
            "invalid value 'it' for '--lang <LANG>'",
        ),
        (
            vec!["letter", "reminder", "--vendor", "kaspr", "--identity", p(&me)],
            "a reminder needs the request it chases",
        ),
        (
            vec!["letter", "objection", "--vendor", "kaspr", "--identity", p(&me), "--no-direct-marketing"],
            "an objection needs a ground",
        ),
        (
            vec!["letter", "access", "--vendor", "kaspr", "--identity", p(&broken)],
            "identity-broken.json: line 3 column",
        ),
        (
            vec!["letter", "access", "--vendor", "kaspr", "--identity", "/nonexistent/me.json"],
            "failed to read /nonexistent/me.json",
        ),
        (
            vec![
                "letter",
                "source-inquiry",
                "--company",
                "Acme",
                "--company-email",
                "not-an-address",
                "--identity",
                p(&me),
            ],
            "company e-mail",
        ),
    ];
    for (args, expect) in cases {
        e.fails(&args, 1, expect);
    }
}

#[test]
fn a_source_inquiry_goes_to_a_company_outside_the_registry() {
    let e = Env::new();
    let (text, _) = e.ok(&[
        "letter",
        "source-inquiry",
        "--company",
        "Prospect & Co",
        "--company-email",
        "dpo@prospect.example",
        "--identity",
        p(&fixture("identity-zoe.json")),
        "--lang",
        "en",
        "--contacted-on",
        "2026-11-02",
        "--channel",
        "phone call",
        "--contacted-by",
        "Jean Dupont",
        "--format",
        "mailto",
    ]);
    assert!(text.starts_with("mailto:dpo@prospect.example?subject="), "{text}");
    assert!(text.contains("Jean%20Dupont%20of%20Prospect%20%26%20Co%20contacted%20me%20by%20phone%20call"), "{text}");
}
