//! Mail benchmarks against the real test servers (tests/mail-servers; run as root):
//!
//! 1. The IMAP scan of a generated mailbox of marketing-like mail on the local Dovecot: messages/s
//!    and MB/s and peak memory, against Python's `imaplib` + `email` fetching and parsing the same
//!    mailbox in the same run.
//! 2. Letters sent through the local Postfix with pacing off: total time and per letter.
//!
//! Run: `cargo run --release -p redress-usecases --example mail_bench -- [MESSAGES] [LETTERS] [--no-python]`
//! (defaults 20000 and 128).

#[path = "../../../../tests/mail-servers/harness.rs"]
mod mail_servers;

use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use mail_servers::MailServers;
use redress_core::case::RequestKind;
use redress_core::identity::ProfileInput;
use redress_core::mail_provider::Security;
use redress_store::{NewKey, NoKeyring, Passphrase, ServerRecord, Store, TextVault, VaultError};
use redress_usecases::FixedClock;
use redress_usecases::cases::{self, OpenCase};
use redress_usecases::imap_scan::{self, ImapScanRequest};
use redress_usecases::mailbox::{self, ConnectRequest, SendRequest, SendResult};

#[derive(Debug)]
struct NoVault;

impl TextVault for NoVault {
    fn get_text(&self, _: &str) -> Result<Passphrase, VaultError> {
        Err(VaultError::Missing)
    }
    fn set_text(&self, _: &str, _: &Passphrase) -> Result<(), VaultError> {
        Err(VaultError::Missing)
    }
    fn delete_text(&self, _: &str) -> Result<(), VaultError> {
        Err(VaultError::Missing)
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let numbers: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let messages = numbers.first().copied().unwrap_or(20_000);
    let letters = numbers.get(1).copied().unwrap_or(128);
    let python = !args.iter().any(|a| a == "--no-python");

    let servers = MailServers::start();
    let (person, password) = servers.user("PERSON");
    let started = Instant::now();
    let bytes = fill_inbox(&servers, &person, messages)?;
    println!(
        "generated {messages} messages, {:.1} MB, in the person's INBOX in {:.1} s",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );

    let dir = tempfile::tempdir()?;
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/cli/fixtures/mail-vendors.json");
    let (_, registry) = redress_core::registry::import_file(&dir.path().join("imports.json"), &fixture)?;
    let mut store = Store::create(
        &dir.path().join("bench.db"),
        NewKey::Passphrase(Passphrase::new("mail bench".into())),
        &NoKeyring,
    )?;
    let clock = FixedClock("2026-12-08T10:00[Europe/Paris]".parse()?);
    let person_input = ProfileInput { name: "Zoé Martin".into(), emails: vec![person.clone()], ..Default::default() };
    let profile = store.add_profile(person_input, clock.0.timestamp())?.id;
    let server =
        |port: &str, security| ServerRecord { host: servers.host().into(), port: servers.port(port), security };
    mailbox::connect_mailbox(
        &mut store,
        &NoVault,
        &clock,
        &ConnectRequest {
            profile,
            address: person.clone(),
            imap: Some(server("IMAPS_PORT", Security::Tls)),
            smtp: Some(server("SMTPS_PORT", Security::Tls)),
            login: None,
            password: Passphrase::new(password.clone()),
            ca_pem: Some(servers.ca_pem()),
        },
    )?;

    // Warm Dovecot's index once, so neither side pays for its first look at the folder.
    imap_scan::scan_imap(
        &mut store,
        &registry,
        &NoVault,
        &clock,
        &ImapScanRequest { profile, folders: vec!["Sent".into()], ..ImapScanRequest::default() },
        &|_| {},
        &AtomicBool::new(false),
        |_| {},
    )?;
    let _ = python_fetch(&servers, &password, 1);

    let started = Instant::now();
    let scanned = imap_scan::scan_imap(
        &mut store,
        &registry,
        &NoVault,
        &clock,
        &ImapScanRequest { profile, folders: vec!["INBOX".into()], ..ImapScanRequest::default() },
        &|_| {},
        &AtomicBool::new(false),
        |_| {},
    )?;
    let secs = started.elapsed().as_secs_f64();
    let run = &scanned.this_run;
    assert_eq!(run.messages, messages, "every message is read");
    let mb = run.bytes as f64 / 1e6;
    println!(
        "redress IMAP scan: {secs:.2} s, {:.0} messages/s, {:.1} MB/s; {} with findings, {} tools; peak memory {}",
        run.messages as f64 / secs,
        mb / secs,
        run.messages_with_findings,
        run.tools.len(),
        peak_rss()
    );
    if python {
        let started = Instant::now();
        let fetched = python_fetch(&servers, &password, messages)?;
        let py = started.elapsed().as_secs_f64();
        println!(
            "python imaplib + email: {py:.2} s, {:.0} messages/s, {:.1} MB/s ({fetched} messages): redress is {:.1}x faster",
            fetched as f64 / py,
            mb / py,
            py / secs
        );
    }

    let mut ids = Vec::with_capacity(letters);
    for _ in 0..letters {
        let request =
            OpenCase { profile, vendor: "mailtest-kaspr".into(), kind: RequestKind::Access, holiday_country: None };
        ids.push(cases::open_case(&mut store, &registry, &clock, &request)?.id);
    }
    let started = Instant::now();
    let outcomes = mailbox::send_letters(
        &mut store,
        &registry,
        &NoVault,
        &clock,
        &SendRequest { cases: ids, from: None, pace: Duration::ZERO },
        &mut |_| {},
        &AtomicBool::new(false),
    )?;
    let secs = started.elapsed().as_secs_f64();
    let sent = outcomes.iter().filter(|o| matches!(o.result, SendResult::Sent { .. })).count();
    assert_eq!(sent, letters, "every letter is sent");
    println!(
        "sent {letters} letters (compose, queue, SMTP, mark sent with proof, copy in Sent): {secs:.2} s, {:.0} ms per letter",
        secs * 1000.0 / letters as f64
    );
    Ok(())
}

/// Writes `count` messages straight into the person's Maildir (after one real delivery made
/// it), owned like the delivered one. Returns their total size.
fn fill_inbox(servers: &MailServers, person: &str, count: usize) -> Result<u64, Box<dyn std::error::Error>> {
    servers.deliver("bench@example.test", person, &message(0));
    let maildir = PathBuf::from(servers.get("MAILDIR_PERSON"));
    let owner = std::fs::metadata(maildir.join("new"))?;
    let cur = maildir.join("cur");
    let mut total = servers.messages("PERSON", "INBOX").iter().map(|m| m.len() as u64).sum();
    for i in 1..count {
        let path = cur.join(format!("{}.M{i}P1.bench:2,", 1_700_000_000 + i));
        let mut file = std::fs::File::create(&path)?;
        let bytes = message(i);
        file.write_all(&bytes)?;
        total += bytes.len() as u64;
        std::os::unix::fs::chown(&path, Some(owner.uid()), Some(owner.gid()))?;
    }
    Ok(total)
}

/// A marketing-like message: text and HTML parts, tracking links, now and then a vendor's or a
/// prospecting tool's signs, and some with a base64 attachment.
fn message(i: usize) -> Vec<u8> {
    let (from, extra, link) = match i % 10 {
        0 => ("news@kaspr.io", "", "https://www.kaspr.io/unsubscribe?u=1"),
        1 => ("sales@acme.example", "X-Mailer: lemlist\n", "https://app.lemlist.com/api/track/open/x"),
        2 => ("hello@startup.example", "", "https://track.hubspot.com/__ptq.gif?a=1"),
        _ => ("shop@store.example", "", "https://store.example/offers"),
    };
    let paragraph = "Discover our new offers, curated for professionals like you. ".repeat(12);
    let mut m = format!(
        "From: Sender {i} <{from}>\nTo: person@redress.test\nSubject: Offer number {i}\nDate: Mon, 7 Dec 2026 10:{:02}:00 +0100\nMessage-ID: <bench-{i}@example.test>\nMIME-Version: 1.0\n{extra}Content-Type: multipart/mixed; boundary=\"b{i}\"\n\n--b{i}\nContent-Type: multipart/alternative; boundary=\"a{i}\"\n\n--a{i}\nContent-Type: text/plain; charset=utf-8\n\n{paragraph}\n{link}\n--a{i}\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n<html><body><p>{paragraph}</p><a href=3D\"{link}\">Unsubscribe</a><img src=3D\"{link}\"></body></html>\n--a{i}--\n",
        i % 60
    );
    if i.is_multiple_of(7) {
        let blob: String = (0..40).map(|n| format!("{:076}\n", (i + n) % 97)).collect();
        m.push_str(&format!(
            "--b{i}\nContent-Type: application/pdf; name=\"brochure.pdf\"\nContent-Transfer-Encoding: base64\n\n{blob}"
        ));
    }
    m.push_str(&format!("--b{i}--\n"));
    m.into_bytes()
}

/// Python's imaplib fetching the INBOX in batches and `email` parsing every message and part.
fn python_fetch(servers: &MailServers, password: &str, limit: usize) -> Result<usize, Box<dyn std::error::Error>> {
    let script = r#"
import email, email.policy, imaplib, ssl, sys
host, port, ca, user, password, limit = sys.argv[1:7]
ctx = ssl.create_default_context(cafile=ca)
ctx.check_hostname = False
imap = imaplib.IMAP4_SSL(host, int(port), ssl_context=ctx)
imap.login(user, password)
imap.select("INBOX", readonly=True)
_, data = imap.uid("SEARCH", None, "ALL")
uids = data[0].split()[: int(limit)]
count = 0
for start in range(0, len(uids), 200):
    batch = b",".join(uids[start:start + 200]).decode()
    _, items = imap.uid("FETCH", batch, "(BODY.PEEK[])")
    for item in items:
        if isinstance(item, tuple):
            msg = email.message_from_bytes(item[1], policy=email.policy.default)
            for part in msg.walk():
                if not part.is_multipart():
                    part.get_content()
            count += 1
imap.logout()
print(count)
"#;
    let (user, _) = servers.user("PERSON");
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .args([servers.host(), servers.get("IMAPS_PORT"), servers.get("CA_FILE"), &user, password, &limit.to_string()])
        .output()?;
    if !out.status.success() {
        return Err(format!("python failed: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().parse()?)
}

fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        })
        .unwrap_or_else(|| "unknown".into())
}
