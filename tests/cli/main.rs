//! CLI scenarios: the real `redress` binary, run as a user would, each in its own data folder.

mod breaches;
mod faults;
mod letters;
mod mail;
mod network;
mod scan;
mod store;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn redress(data_dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("redress").expect("redress binary is built");
    cmd.env_remove("REDRESS_DATA_DIR").arg("--data-dir").arg(data_dir);
    cmd
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/cli/fixtures").join(name)
}

struct Scenario {
    args: &'static [&'static str],
    code: i32,
    stdout: &'static [&'static str],
    stderr: &'static [&'static str],
}

const SCENARIOS: &[Scenario] = &[
    Scenario {
        args: &["vendor", "show", "kaspr"],
        code: 0,
        stdout: &["KASPR SAS", "38 rue Dunois", "privacy@kaspr.io", "CNIL", "(frcnil)", "843 898 396"],
        stderr: &[],
    },
    Scenario {
        args: &["vendor", "show", "getprospect"],
        code: 0,
        stdout: &["Legal entity       unknown", "Privacy e-mail     unknown"],
        stderr: &[],
    },
    Scenario {
        args: &["vendors", "--search", "kaspr"],
        code: 0,
        stdout: &["kaspr", "privacy@kaspr.io", "1 of 128 vendors"],
        stderr: &[],
    },
    Scenario {
        args: &["vendors", "--country", "FR", "--category", "b2b-contact-data"],
        code: 0,
        stdout: &["kaspr"],
        stderr: &[],
    },
    Scenario { args: &["vendors", "--search", "zzzz-nothing"], code: 0, stdout: &[], stderr: &["no vendor matches"] },
    Scenario { args: &["vendors", "categories"], code: 0, stdout: &["b2b-contact-data"], stderr: &[] },
    Scenario { args: &["authorities", "--country", "fr"], code: 0, stdout: &["frcnil"], stderr: &[] },
    Scenario {
        args: &["authority", "show", "frcnil"],
        code: 0,
        stdout: &["3 Place de Fontenoy", "https://www.cnil.fr/fr/plaintes"],
        stderr: &[],
    },
    Scenario {
        args: &["vendor", "show", "no-such"],
        code: 1,
        stdout: &[],
        stderr: &["error: no vendor with id \"no-such\"", "redress vendors"],
    },
    Scenario { args: &["authority", "show", "xx"], code: 1, stdout: &[], stderr: &["no authority with id \"xx\""] },
    Scenario { args: &["vendors", "--bogus"], code: 1, stdout: &[], stderr: &["unexpected argument '--bogus'"] },
    Scenario { args: &["frobnicate"], code: 1, stdout: &[], stderr: &["unrecognized subcommand"] },
    Scenario { args: &["--help"], code: 0, stdout: &["Usage: redress", "Exit codes"], stderr: &[] },
    Scenario {
        args: &["vendors", "import", "--help"],
        code: 0,
        stdout: &["Usage: redress vendors import"],
        stderr: &[],
    },
    Scenario { args: &["vendor", "show", "--help"], code: 0, stdout: &["Usage: redress vendor show"], stderr: &[] },
    // Regression: a receipt date past the end of the calendar panicked (exit 101).
    Scenario {
        args: &["deadline", "--received", "9999-12-15", "--country", "FR"],
        code: 1,
        stdout: &[],
        stderr: &[
            "error: invalid value '9999-12-15' for '--received <YYYY-MM-DD>': \"9999-12-15\" is out of range: Redress accepts dates from 1900-01-01 to 2199-12-31",
        ],
    },
    Scenario {
        args: &["deadline", "--received", "9999-12-15", "--country", "DE", "--extended", "--json"],
        code: 1,
        stdout: &[],
        stderr: &["for '--received <YYYY-MM-DD>': \"9999-12-15\" is out of range"],
    },
    Scenario {
        args: &["deadline", "--received", "1899-12-31", "--country", "FR"],
        code: 1,
        stdout: &[],
        stderr: &[
            "for '--received <YYYY-MM-DD>': \"1899-12-31\" is out of range: Redress accepts dates from 1900-01-01 to 2199-12-31",
        ],
    },
    Scenario {
        args: &["deadline", "--received", "31/12/2025", "--country", "FR"],
        code: 1,
        stdout: &[],
        stderr: &[
            "for '--received <YYYY-MM-DD>': \"31/12/2025\" is not a date: write it as YYYY-MM-DD, e.g. 2025-03-05",
        ],
    },
    Scenario {
        args: &["deadline", "--received", "2025-02-29", "--country", "FR"],
        code: 1,
        stdout: &[],
        stderr: &["for '--received <YYYY-MM-DD>': \"2025-02-29\" is not a date: February 2025 has no day 29"],
    },
    Scenario {
        args: &["deadline", "--received", "2199-12-31", "--country", "FR", "--extended"],
        code: 0,
        stdout: &["Due by the end of", "2200"],
        stderr: &[],
    },
    Scenario {
        args: &["deadline", "--received", " 1900-01-01 ", "--country", "GB"],
        code: 0,
        stdout: &["Due by the end of Thursday 1 February 1900."],
        stderr: &[],
    },
    Scenario {
        args: &["vendors", "import", "/no/such/file.json"],
        code: 1,
        stdout: &[],
        stderr: &["failed to read /no/such/file.json"],
    },
];

#[test]
fn scenarios() {
    for s in SCENARIOS {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = redress(dir.path()).args(s.args).output().expect("run redress");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let what = format!("redress {}\n--- stdout\n{stdout}\n--- stderr\n{stderr}", s.args.join(" "));
        assert_eq!(out.status.code(), Some(s.code), "exit code of {what}");
        for want in s.stdout {
            assert!(stdout.contains(want), "stdout lacks {want:?}: {what}");
        }
        for want in s.stderr {
            assert!(stderr.contains(want), "stderr lacks {want:?}: {what}");
        }
    }
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = redress(dir).args(args).output().expect("run");
    assert!(out.status.success(), "redress {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn json_lists_every_record_with_its_fields() {
    let dir = tempfile::tempdir().expect("tempdir");
    let list = json(dir.path(), &["vendors", "--json"]);
    let list = list.as_array().expect("array");
    assert!(list.len() >= 128);
    for v in list {
        for field in [
            "id",
            "name",
            "legal_entity",
            "country",
            "address",
            "contacts",
            "lead_authority",
            "evidence",
            "last_verified",
        ] {
            assert!(v.get(field).is_some(), "record {} lacks {field}", v["id"]);
        }
    }
    let kaspr = json(dir.path(), &["vendor", "show", "kaspr", "--json"]);
    assert_eq!(kaspr["legal_entity"], "KASPR SAS");
    assert_eq!(kaspr["contacts"]["privacy_email"], "privacy@kaspr.io");
    assert_eq!(kaspr["lead_authority"], "frcnil");
    assert_eq!(kaspr["address"][0], "38 rue Dunois");
    let authorities = json(dir.path(), &["authorities", "--json"]);
    assert_eq!(authorities.as_array().map(Vec::len), Some(57));
}

#[test]
fn import_extends_the_registry_and_a_bad_file_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = json(dir.path(), &["vendors", "import", fixture("extension.json").to_str().expect("utf-8"), "--json"]);
    assert_eq!(report["vendors_added"], serde_json::json!(["acme-leads"]));
    let acme = json(dir.path(), &["vendor", "show", "acme-leads", "--json"]);
    assert_eq!(acme["contacts"]["self_check_url"], "https://acme-leads.example/check");
    assert_eq!(json(dir.path(), &["vendors", "--json"]).as_array().map(Vec::len), Some(129));

    let saved = std::fs::read(dir.path().join("registry-imports.json")).expect("imports saved");
    let bad = fixture("broken-email.json");
    let out = redress(dir.path()).args(["vendors", "import"]).arg(&bad).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("error: {}: 2 problems found", bad.display())), "{stderr}");
    assert!(stderr.contains("vendor \"broken-leads\" (vendors[0]), field contacts.privacy_email: \"privacy(at)broken.example\" is not a well-formed e-mail address"), "{stderr}");
    assert!(stderr.contains("field evidence: no source"), "{stderr}");
    assert!(stderr.contains("hint: nothing was changed"), "{stderr}");
    assert_eq!(std::fs::read(dir.path().join("registry-imports.json")).expect("still there"), saved);

    let out = redress(dir.path()).args(["vendors", "reset-imports"]).output().expect("run");
    assert!(out.status.success());
    assert_eq!(json(dir.path(), &["vendors", "--json"]).as_array().map(Vec::len), Some(128));
}

#[test]
fn broken_saved_imports_do_not_stop_the_cli() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("registry-imports.json"), "{ not json").expect("write");
    let out = redress(dir.path()).args(["vendor", "show", "kaspr"]).output().expect("run");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: ignoring your imported registry records") && stderr.contains("reset-imports"),
        "{stderr}"
    );
}

/// A sparse file of `size` bytes: takes no room on disk, and would take `size` in memory if read whole.
fn sparse_file(path: &Path, size: u64) -> std::path::PathBuf {
    std::fs::File::create(path).and_then(|f| f.set_len(size)).expect("sparse file");
    path.to_owned()
}

#[test]
fn vendors_import_of_dev_zero_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    const MIB: u64 = 1024 * 1024;
    // (arguments, what stderr says): each file refused with its path and the limit, exit code 1.
    let cases: Vec<(Vec<std::ffi::OsString>, String)> = vec![
        (os(&["vendors", "import", "/dev/zero"]), "/dev/zero is not a regular file".into()),
        (
            os(&["vendors", "import", p(&sparse_file(&d.join("big-registry.json"), 32 * MIB + 1))]),
            "big-registry.json is too large for a registry file: Redress reads at most 32 MiB".into(),
        ),
        (
            os(&["case", "import", "/dev/zero"]),
            "/dev/zero is not a regular file (a folder, pipe or device), so it is not read as a case bundle".into(),
        ),
        (
            os(&["case", "import", p(&sparse_file(&d.join("big-bundle.json"), 256 * MIB + 1))]),
            "big-bundle.json is too large for a case bundle: Redress reads at most 256 MiB".into(),
        ),
        (
            os(&["dossier", "--case-file", p(&d.join("big-bundle.json")), "-o", p(&d.join("c.pdf"))]),
            "too large for a case bundle".into(),
        ),
        (
            os(&["--passphrase-file", "/dev/zero", "store", "init"]),
            "/dev/zero is too large for a passphrase or key file: Redress reads at most 64 KiB".into(),
        ),
        (
            os(&["letter", "access", "--vendor", "kaspr", "--identity", "/dev/zero", "--format", "txt"]),
            "not read as an identity file".into(),
        ),
        (
            os(&["letter", "access", "--vendor", "kaspr", "--identity", p(&sparse_file(&d.join("me.json"), MIB + 1))]),
            "me.json is too large for an identity file: Redress reads at most 1 MiB".into(),
        ),
        (
            os(&["scan", "--fingerprints", "/dev/zero", p(&fixture("identity-zoe.json"))]),
            "not read as a fingerprint file".into(),
        ),
    ];
    for (args, says) in cases {
        let out = redress(d).args(&args).output().expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains(&says), "{args:?}: expected {says:?} in {stderr}");
    }
}

fn os(args: &[&str]) -> Vec<std::ffi::OsString> {
    args.iter().map(Into::into).collect()
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

#[test]
fn two_vendors_imports_at_once_keep_both_vendors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let fixture: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("extension.json")).expect("read")).expect("json");
    let files: Vec<_> = (0..8)
        .map(|n| {
            let mut doc = fixture.clone();
            doc["vendors"][0]["id"] = Value::from(format!("acme-leads-{n}"));
            doc["vendors"][0]["domains"] = serde_json::json!([format!("acme-leads-{n}.example")]);
            let file = d.join(format!("vendor-{n}.json"));
            std::fs::write(&file, doc.to_string()).expect("write");
            file
        })
        .collect();
    // Processes, as the reproducer ran them: each a real `redress vendors import`.
    let children: Vec<_> = files
        .iter()
        .map(|file| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("redress"))
                .env_remove("REDRESS_DATA_DIR")
                .arg("--data-dir")
                .arg(d.join("data"))
                .args(["vendors", "import"])
                .arg(file)
                .stdout(std::process::Stdio::null())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for mut child in children {
        assert!(child.wait().expect("wait").success());
    }
    let ids: Vec<String> = json(&d.join("data"), &["vendors", "--json"])
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|v| v["id"].as_str().filter(|id| id.starts_with("acme-leads-")).map(str::to_owned))
        .collect();
    assert_eq!(ids.len(), files.len(), "{ids:?}");
}
