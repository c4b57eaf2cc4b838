//! Network silence: every command except the explicit online ones (`hibp check`, and `mail
//! connect|send|sync` to the person's own servers) runs without
//! opening a single internet connection. Each runs under `strace`, which records every
//! `connect`/`sendto`/`sendmsg`; an AF_INET or AF_INET6 address in the log is a failure. The
//! online command is run the same way against a local server, so the probe is shown to see
//! connections when there are some.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;

fn mail_fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../redress-mail/tests/fixtures/mail")
}

/// Runs `redress ARGS` under strace; returns (exit status, the internet connections seen).
fn traced(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, Vec<String>) {
    let log = dir.join(format!("strace-{}.log", args.join("-").replace('/', "_").chars().take(60).collect::<String>()));
    let mut cmd = Command::new("strace");
    cmd.args(["-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o"])
        .arg(&log)
        .arg(assert_cmd::cargo::cargo_bin("redress"))
        .arg("--data-dir")
        .arg(dir.join("data"))
        .arg("--store")
        .arg(dir.join("data/redress.db"))
        .arg("--passphrase-file")
        .arg(dir.join("pass.txt"))
        .args(args)
        .env_remove("REDRESS_DATA_DIR")
        .env_remove("REDRESS_STORE")
        .current_dir(dir);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap_or_else(|e| panic!("strace could not run (install the strace package): {e}"));
    let code = out.status.code().unwrap_or(-1);
    assert!(
        code == 0 || args.first() == Some(&"hibp"),
        "redress {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&log).expect("strace log");
    let inet = text.lines().filter(|l| l.contains("AF_INET")).map(str::to_owned).collect();
    (code, inet)
}

#[test]
fn no_command_but_the_online_check_opens_a_connection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(d.join("pass.txt"), "network silence passphrase\n").expect("write");
    std::fs::write(d.join("backup-pass.txt"), "a backup passphrase\n").expect("write");
    let mail = mail_fixtures();
    let mail = mail.to_str().expect("utf-8 path");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let extension = root.join("tests/cli/fixtures/extension.json");
    let extension = extension.to_str().expect("utf-8 path");
    let reply = root.join("tests/fixtures/replies/kaspr-incomplete-answer.eml");
    let reply = reply.to_str().expect("utf-8 path");
    let commands: &[&[&str]] = &[
        &["vendors", "--search", "kaspr"],
        &["vendor", "show", "kaspr"],
        &["authorities"],
        &["breaches"],
        &["deadline", "--received", "2026-11-02", "--country", "FR"],
        &["store", "init"],
        &["profile", "add", "--name", "Camille Martin", "--email", "camille.martin@example.org"],
        &["case", "open", "--profile", "1", "--vendor", "kaspr", "--kind", "access"],
        &["case", "sent", "1", "--channel", "email", "--on", "2026-09-01"],
        &["case", "list"],
        &["letter", "combined", "--vendor", "kaspr", "--profile", "1", "--format", "pdf", "-o", "kaspr.pdf"],
        &["letter", "access", "--vendor", "lusha", "--profile", "1", "--format", "eml", "-o", "lusha.eml"],
        &["scan", mail],
        &["vendors", "import", extension],
        &["case", "response", reply, "--case", "1"],
        &["case", "checklist", "1", "--present", "copy", "--missing", "source"],
        &["letter", "reminder", "--case", "1", "--format", "txt", "-o", "reminder.txt"],
        &["case", "ics", "-o", "deadlines.ics"],
        &["case", "export", "1", "-o", "case-1.json"],
        &["case", "import", "case-1.json"],
        &["profile", "edit", "1", "--mandate", "kaspr.pdf"],
        &["dossier", "--case", "1", "--date", "2026-11-25", "-o", "plainte.pdf"],
        &["backup", "redress.backup", "--backup-passphrase-file", "backup-pass.txt"],
        &["restore", "redress.backup", "--backup-passphrase-file", "backup-pass.txt", "--force"],
        &["demo", "-o", "demo"],
        // Mail opens connections only for connect, send and sync (tests/cli/mail.rs).
        &["mail", "status"],
    ];
    for args in commands {
        let (_, inet) = traced(d, args, &[]);
        assert!(inet.is_empty(), "redress {args:?} opened connections:\n{}", inet.join("\n"));
    }

    // The probe sees connections: the online check, against a local stand-in for HIBP.
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 0 && line != "\r\n" {
                line.clear();
            }
            let _ = stream.write_all(b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
        }
    });
    std::fs::write(d.join("hibp.key"), "0123456789abcdef0123456789abcdef\n").expect("write");
    let (code, inet) = traced(
        d,
        &["hibp", "check", "camille.martin@example.org", "--key-file", "hibp.key"],
        &[("REDRESS_HIBP_URL", &base), ("REDRESS_TEST_MODE", "1")],
    );
    assert_eq!(code, 0);
    assert!(inet.iter().any(|l| l.contains("127.0.0.1")), "the probe did not see the online check's connection");
}
