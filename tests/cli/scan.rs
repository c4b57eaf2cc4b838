//! `redress scan`: the fixture mailbox as a folder and as one mbox, JSON lines, the user's own
//! mail skipped, extra fingerprints, progress on stderr, and clear errors.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::redress;

fn mail_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../redress-mail/tests/fixtures/mail")
}

fn fixture_mbox(dir: &Path) -> PathBuf {
    let mut mbox = Vec::new();
    let mut names: Vec<_> =
        std::fs::read_dir(mail_fixtures()).expect("test setup").map(|e| e.expect("test setup").path()).collect();
    names.sort();
    for path in names {
        mbox.extend_from_slice(b"From MAILER-DAEMON Mon Mar  2 10:00:00 2026\n");
        mbox.extend_from_slice(&std::fs::read(path).expect("test setup"));
        mbox.extend_from_slice(b"\n");
    }
    let path = dir.join("Inbox.mbox");
    std::fs::write(&path, mbox).expect("test setup");
    path
}

#[test]
fn scan_lists_vendors_tools_and_companies_to_ask() {
    let dir = tempfile::tempdir().expect("test setup");
    let out = redress(dir.path()).arg("scan").arg(mail_fixtures()).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).expect("test setup");
    for expected in [
        "Kaspr — contact-data vendor, high confidence",
        "Return-Path: <bounces+1234-abcd-camille.martin=example.org@em.kaspr.io>",
        "Mixmax — sales-engagement tool, high confidence",
        "image (tracking pixel): https://email.mixmax.com/api/track/v2/abc123/def456",
        "redress letter source-inquiry --company northwind-sales.example --company-email tom@northwind-sales.example",
        "Scanned 5 messages in 5 file(s)",
        "Contact-data vendors that have your address:\n  Kaspr [vendor kaspr]: 1 message(s), high confidence, 2026-02-12",
        "acme-growth.example: 1 message(s) via lemlist",
        "Next: redress letter access --vendor kaspr --vendor lemlist",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(!text.contains("This week in gardening"), "a message without findings is not listed");
}

#[test]
fn scan_json_streams_one_object_per_line_and_ends_with_the_summary() {
    let dir = tempfile::tempdir().expect("test setup");
    let mbox = fixture_mbox(dir.path());
    let out = redress(dir.path())
        .args(["scan", "--json", "--threads", "2"])
        .arg(&mbox)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines: Vec<Value> = String::from_utf8(out)
        .expect("test setup")
        .lines()
        .map(|l| serde_json::from_str(l).expect("test setup"))
        .collect();
    assert_eq!(lines.len(), 5, "4 messages with findings + the summary");
    assert!(lines[..4].iter().all(|l| l["type"] == "message"));
    let kaspr = lines.iter().find(|l| l["from_address"] == "news@kaspr.io").expect("test setup");
    assert_eq!(kaspr["findings"][0]["vendor"], "kaspr");
    assert_eq!(kaspr["findings"][0]["confidence"], "high");
    assert_eq!(kaspr["date"], "2026-02-12");
    assert!(kaspr["origin"]["offset"].as_u64().is_some());
    let summary = &lines[4];
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["messages"], 5);
    assert_eq!(summary["messages_with_findings"], 4);
    assert_eq!(summary["tools"][0]["tool"], "kaspr");
    assert_eq!(summary["companies"].as_array().expect("test setup").len(), 2);
}

#[test]
fn scan_skips_the_users_own_mail_and_reads_extra_fingerprints() {
    let dir = tempfile::tempdir().expect("test setup");
    let mail = dir.path().join("mail");
    std::fs::create_dir(&mail).expect("test setup");
    std::fs::write(
        mail.join("sent.eml"),
        "From: Camille <camille.martin@example.org>\nSubject: my newsletter\nDate: Mon, 2 Mar 2026 10:00:00 +0100\nContent-Type: text/html\n\n<img src=\"https://mailtrack.io/trace/1.png\">\n",
    )
    .expect("test setup");
    std::fs::write(
        mail.join("acme.eml"),
        "From: Bob <bob@widgets.example>\nSubject: hi\nDate: Mon, 2 Mar 2026 10:00:00 +0100\nX-Acme-Sequence: 7\n\nHello\n",
    )
    .expect("test setup");
    let extra = dir.path().join("mine.json");
    std::fs::write(&extra, r#"{"format": "redress-fingerprints", "format_version": 1, "tools": [{"id": "acme-sequencer", "name": "Acme Sequencer", "kind": "sales-engagement", "signals": [{"type": "header", "value": "X-Acme-Sequence", "confidence": "high", "reason": "seen on every sequence e-mail"}]}]}"#).expect("test setup");
    let out = redress(dir.path())
        .args(["scan", "--me", "Camille.Martin@example.org", "--fingerprints"])
        .arg(&extra)
        .arg(&mail)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("test setup");
    assert!(text.contains("1 of them were sent by you and skipped."), "{text}");
    assert!(!text.contains("Mailtrack"), "{text}");
    assert!(text.contains("Acme Sequencer — sales-engagement tool, high confidence"), "{text}");
    assert!(text.contains("X-Acme-Sequence: 7"), "{text}");
    assert!(text.contains("widgets.example: 1 message(s) via Acme Sequencer"), "{text}");
}

#[test]
fn scan_reports_progress_on_stderr_for_large_mailboxes() {
    let dir = tempfile::tempdir().expect("test setup");
    let one = std::fs::read(mail_fixtures().join("kaspr-newsletter.eml")).expect("test setup");
    let mut mbox = Vec::with_capacity(22 * 1024 * 1024);
    let filler = "x".repeat(70) + "\n";
    while mbox.len() < 21 * 1024 * 1024 {
        mbox.extend_from_slice(b"From MAILER-DAEMON Mon Mar  2 10:00:00 2026\n");
        mbox.extend_from_slice(&one);
        for _ in 0..200 {
            mbox.extend_from_slice(filler.as_bytes());
        }
    }
    let path = dir.path().join("big.mbox");
    std::fs::write(&path, &mbox).expect("test setup");
    let assert = redress(dir.path()).args(["scan", "--summary"]).arg(&path).assert().success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).expect("test setup");
    assert!(stderr.contains("scanning:") && stderr.contains("(100 %)"), "{stderr}");
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).expect("test setup");
    assert!(!stdout.contains("New: phone numbers"), "--summary lists no messages");
    assert!(stdout.contains("Kaspr [vendor kaspr]"), "{stdout}");
}

#[test]
fn scan_errors_say_what_and_where() {
    let dir = tempfile::tempdir().expect("test setup");
    let photo = dir.path().join("holiday.jpg");
    std::fs::write(&photo, [0xFF, 0xD8, 0xFF, 0xE0]).expect("test setup");
    let cases: Vec<(Vec<std::ffi::OsString>, &str)> = vec![
        (vec![photo.clone().into()], "holiday.jpg: this is neither an mbox file"),
        (vec![dir.path().join("missing.mbox").into()], "missing.mbox"),
        (vec!["--threads".into(), "0".into(), mail_fixtures().into()], "--threads must be at least 1"),
        (vec!["--fingerprints".into(), photo.clone().into(), mail_fixtures().into()], "invalid fingerprints file"),
    ];
    for (args, expected) in cases {
        let assert = redress(dir.path()).arg("scan").args(&args).assert().code(1);
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).expect("test setup");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).expect("test setup");
    std::fs::write(empty.join("notes.txt"), "just notes").expect("test setup");
    let assert = redress(dir.path()).arg("scan").arg(&empty).assert().code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).expect("test setup");
    assert!(stderr.contains("no mailbox or e-mail file found") && stderr.contains("1 other files skipped"), "{stderr}");
}

#[test]
fn a_strangers_address_cannot_inject_a_command_or_terminal_codes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mail = dir.path().join("mail");
    std::fs::create_dir(&mail).expect("mkdir");
    std::fs::write(
        mail.join("evil.eml"),
        "From: \"Bob \x1b]0;pwned\x07\" <a`id`;ls@acme-corp.example>\nSubject: hi \x1b[2J there\nDate: Mon, 2 Mar 2026 10:00:00 +0100\nContent-Type: text/html\n\n<img src=\"https://t.yesware.com/t/1.gif\">\n",
    )
    .expect("write");
    let out = redress(dir.path()).arg("scan").arg(&mail).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).expect("utf-8");
    assert!(text.contains("--company-email 'a`id`;ls@acme-corp.example'"), "{text}");
    assert!(!text.contains('\x1b') && !text.contains('\x07'), "terminal codes reach the terminal: {text:?}");
}

#[test]
fn a_kept_scan_and_a_self_check_make_the_board() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pass = dir.path().join("pass.txt");
    std::fs::write(&pass, "board passphrase 1\n").expect("write");
    let run = |args: &[&str]| {
        let mut cmd = redress(dir.path());
        cmd.arg("--passphrase-file").arg(&pass).args(args);
        cmd
    };
    run(&["store", "init"]).assert().success();
    run(&["profile", "add", "--name", "Camille Martin", "--email", "camille.martin@example.org"]).assert().success();
    let mail = mail_fixtures();
    let assert = run(&["scan", "--summary", "--profile", "1", mail.to_str().expect("utf-8")]).assert().success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).expect("utf-8");
    assert!(stderr.contains("The scan is kept for person 1"), "{stderr}");
    run(&["self-check", "lusha", "--profile", "1", "--outcome", "not-found", "--note", "searched my e-mail"])
        .assert()
        .success();
    let out = run(&["board", "--profile", "1"]).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).expect("utf-8");
    for expected in [
        "HAS YOUR DATA  Kaspr",
        "Kaspr e-mailed you (1 message(s), last on 2026-02-12): it has your address.",
        "likely         lemlist",
        "says no data   Lusha",
        "searched my e-mail",
        "vendors with nothing recorded yet (--all lists them)",
        "Ask the 126 unknown and likely vendors: redress letter access --profile 1 --vendor",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    let out = run(&["board", "--profile", "1", "--json"]).assert().success().get_output().stdout.clone();
    let board: Value = serde_json::from_slice(&out).expect("json");
    let targets: Vec<&str> =
        board["request_targets"].as_array().expect("array").iter().filter_map(Value::as_str).collect();
    assert!(targets.contains(&"zoominfo") && !targets.contains(&"kaspr") && !targets.contains(&"lusha"));
    let assert = run(&["self-check", "lusha", "--profile", "1", "--outcome", "maybe"]).assert().code(1);
    assert!(
        String::from_utf8_lossy(&assert.get_output().stderr).contains("[possible values: found, not-found, unclear]")
    );
    run(&["board", "--profile", "9"]).assert().code(1);
}

#[test]
fn threads_100000_are_capped_at_the_cores_and_said_so() {
    let dir = tempfile::tempdir().expect("test setup");
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let assert = redress(dir.path()).args(["scan", "--summary", "--threads", "100000"]).arg(mail_fixtures()).assert();
    let out = assert.success().get_output().clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let says =
        format!("note: --threads 100000 is more than this computer's {cores} cores; scanning with {cores} threads");
    assert!(stderr.contains(&says), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Scanned 5 messages"));
    // Within the cores, nothing is said.
    let out = redress(dir.path()).args(["scan", "--summary", "--threads", "1"]).arg(mail_fixtures()).assert().success();
    assert!(!String::from_utf8_lossy(&out.get_output().stderr).contains("--threads"));
}
