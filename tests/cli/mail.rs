//! `redress mail` against a real Dovecot and Postfix on 127.0.0.1 (tests/mail-servers): a batch
//! of 30 letters survives the SMTP server going away half-way and `redress` being SIGKILLed
//! half-way, and every letter arrives exactly once; then sync brings an answer back to its case,
//! and the mailbox is scanned over IMAP.

#[path = "../mail-servers/harness.rs"]
mod mail_servers;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use mail_servers::MailServers;
use serde_json::Value;

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `redress` with its own data folder and store passphrase, no keyring reachable.
    fn cmd(&self) -> Command {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("redress"));
        cmd.env_remove("REDRESS_STORE")
            .env_remove("REDRESS_DATA_DIR")
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env("XDG_RUNTIME_DIR", self.dir.path())
            .arg("--data-dir")
            .arg(self.path("data"))
            .arg("--passphrase-file")
            .arg(self.path("pass.txt"));
        cmd
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("run redress");
        assert!(out.status.success(), "redress {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8")
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).expect("json")
    }

    /// Starts `redress mail send` on the cases and returns it with a reader of its progress.
    fn spawn_send(&self, cases: &[String], pace: &str) -> (Child, BufReader<std::process::ChildStderr>) {
        let mut child = self
            .cmd()
            .args(["mail", "send", "--pace", pace])
            .args(cases)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn redress");
        let stderr = BufReader::new(child.stderr.take().expect("stderr"));
        (child, stderr)
    }
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/cli/fixtures").join(name)
}

/// The Message-IDs of the messages in the vendor's mailbox.
fn delivered_ids(servers: &MailServers) -> Vec<String> {
    servers
        .messages("DPO", "INBOX")
        .iter()
        .map(|m| {
            let text = String::from_utf8_lossy(m);
            text.lines()
                .find_map(|l| l.strip_prefix("Message-ID: "))
                .map(str::to_owned)
                .unwrap_or_else(|| panic!("a delivered letter without Message-ID:\n{text}"))
        })
        .collect()
}

#[test]
fn a_batch_of_30_survives_a_server_outage_and_a_sigkill_and_each_letter_arrives_once() {
    let servers = MailServers::start();
    let e = Env { dir: tempfile::tempdir().expect("tempdir") };
    std::fs::write(e.path("pass.txt"), "mail batch passphrase\n").expect("write");
    let (person, password) = servers.user("PERSON");
    std::fs::write(e.path("mail-pass.txt"), format!("{password}\n")).expect("write");
    e.ok(&["profile", "add", "--name", "Zoé Martin", "--email", &person]);
    e.ok(&["vendors", "import", p(&fixture("mail-vendors.json"))]);

    // A wrong password saves nothing and says which server refused it.
    std::fs::write(e.path("wrong.txt"), "not the password\n").expect("write");
    let imap = format!("127.0.0.1:{}", servers.port("IMAPS_PORT"));
    let smtp = format!("127.0.0.1:{}", servers.port("SMTPS_PORT"));
    let ca = servers.ca_file();
    let connect = |password_file: &Path| {
        e.cmd()
            .args(["mail", "connect", "--profile", "1", "--address", &person, "--imap", &imap, "--smtp", &smtp])
            .args(["--security", "tls", "--ca-file", p(&ca), "--password-file", p(password_file)])
            .output()
            .expect("run")
    };
    let refused = connect(&e.path("wrong.txt"));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1), "{said}");
    assert!(said.contains("127.0.0.1") && said.to_lowercase().contains("login"), "{said}");
    assert_eq!(e.json(&["mail", "status", "--json"])["accounts"], serde_json::json!([]));
    let connected = connect(&e.path("mail-pass.txt"));
    assert!(connected.status.success(), "{}", String::from_utf8_lossy(&connected.stderr));
    let status = e.json(&["mail", "status", "--json"]);
    assert_eq!(status["accounts"][0]["address"], person.as_str());
    assert!(!status.to_string().contains(&password), "the status never shows the password");

    let cases: Vec<String> = (0..30)
        .map(|_| {
            let case =
                e.json(&["case", "open", "--profile", "1", "--vendor", "mailtest-kaspr", "--kind", "access", "--json"]);
            case["id"].as_i64().expect("case id").to_string()
        })
        .collect();

    // 1. The SMTP server goes away after a third of the batch: the letter being sent waits out
    //    its retries, the rest stays queued, and redress says so (exit 1).
    let (mut child, _stderr) = e.spawn_send(&cases, "0.3");
    let until = |what: &str, done: &dyn Fn() -> bool| {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !done() {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    until("10 letters", &|| servers.messages("DPO", "INBOX").len() >= 10);
    servers.stop_smtp();
    let first = child.wait().expect("wait");
    assert_eq!(first.code(), Some(1), "a batch cut short ends in an error");
    let cut = delivered_ids(&servers).len();
    assert!((10..30).contains(&cut), "{cut} letters before the outage");
    let outbox = e.json(&["mail", "status", "--json"])["outbox"].clone();
    let queued = outbox.as_array().expect("outbox").iter().filter(|x| x["state"] == "queued").count();
    assert_eq!(queued, 30 - cut, "every letter not sent stays queued: {outbox}");
    servers.start_smtp();

    // 2. Sent again, and killed (SIGKILL) half-way, between two letters.
    let (mut child, mut stderr) = e.spawn_send(&cases, "1");
    let mut sending = 0;
    let mut line = String::new();
    while sending < 5 {
        line.clear();
        assert!(stderr.read_line(&mut line).expect("read progress") > 0, "redress stopped early");
        if line.contains("sending to") {
            sending += 1;
        }
    }
    // The fifth letter is handed over in well under the second of pace that follows it.
    std::thread::sleep(Duration::from_millis(600));
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
    let killed = delivered_ids(&servers).len();
    assert!(killed > cut && killed < 30, "{killed} letters when killed");

    // 3. The rest goes; nothing is sent twice, nothing is lost.
    let last = e.cmd().args(["mail", "send", "--pace", "0"]).args(&cases).output().expect("run");
    assert!(last.status.success(), "{}", String::from_utf8_lossy(&last.stderr));
    let mut ids = delivered_ids(&servers);
    assert_eq!(ids.len(), 30, "30 letters delivered");
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 30, "each exactly once");
    let outbox = e.json(&["mail", "status", "--json"])["outbox"].clone();
    let mut sent: Vec<String> = outbox
        .as_array()
        .expect("outbox")
        .iter()
        .filter(|x| x["state"] == "sent")
        .map(|x| x["message_id"].as_str().expect("id").to_owned())
        .collect();
    sent.sort();
    assert_eq!(sent, ids, "the outbox's Message-IDs are the delivered ones");
    let list = e.json(&["case", "list", "--json"]);
    assert!(list.as_array().expect("cases").iter().all(|c| c["status"]["status"] == "sent"), "{list}");
    // Sending a sent case again sends nothing, and says so.
    let again = e.ok(&["mail", "send", "--pace", "0", &cases[0]]);
    assert!(again.contains("already sent"), "{again}");
    assert_eq!(delivered_ids(&servers).len(), 30);

    // 4. The vendor answers the first letter; sync files it with its case.
    let shown = e.json(&["case", "show", &cases[0], "--json"]);
    let message_id = shown["timeline"][0]["reference"].as_str().expect("the sent Message-ID").to_owned();
    assert!(outbox.to_string().contains(&message_id));
    let answer = format!(
        "From: Kaspr DPO <dpo@kaspr.test>\r\nTo: {person}\r\nSubject: Re: your request\r\nDate: Tue, 8 Dec 2026 09:00:00 +0100\r\nMessage-ID: <answer-1@kaspr.test>\r\nIn-Reply-To: {message_id}\r\n\r\nHere is your data.\r\n"
    );
    servers.deliver("dpo@kaspr.test", &person, answer.as_bytes());
    let synced = e.json(&["mail", "sync", "--json"]);
    let matched = synced[0]["matched"].as_array().expect("matched");
    assert_eq!(matched.len(), 1, "{synced}");
    assert_eq!(matched[0]["case"].to_string(), cases[0]);
    assert_eq!(matched[0]["arrival"]["kind"], "reply");
    assert_eq!(matched[0]["by"], "message-id");
    let shown = e.json(&["case", "show", &cases[0], "--json"]);
    assert!(shown["files"].as_array().expect("files").iter().any(|f| f["role"] == "reply"), "{shown}");
    let text = e.ok(&["mail", "sync"]);
    assert!(text.contains("0 new message(s) read") && text.contains("nothing for your cases"), "{text}");

    // 5. The mailbox scanned over IMAP, then again: the second reads nothing new.
    let newsletter =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../redress-mail/tests/fixtures/mail/kaspr-newsletter.eml");
    servers.deliver("news@example.test", &person, &std::fs::read(newsletter).expect("fixture"));
    let scanned = e.ok(&["scan", "--imap", "--folder", "INBOX", "--summary"]);
    assert!(scanned.contains("This scan read 2 new message(s)") && scanned.contains("Kaspr"), "{scanned}");
    let again = e.ok(&["scan", "--imap", "--folder", "INBOX", "--summary"]);
    assert!(again.contains("This scan read 0 new message(s)") && again.contains("Scanned 2 messages"), "{again}");
}
