//! The test mail servers (tests/mail-servers/mail-servers.sh) from Rust tests: one real Dovecot
//! and one real Postfix on 127.0.0.1, started for a test binary and stopped when dropped.
//! Included by path (`#[path = ".../harness.rs"] mod mail_servers;`) where tests need them.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A running instance.
pub struct MailServers {
    dir: PathBuf,
    env: HashMap<String, String>,
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|p| p.join("tests/mail-servers/mail-servers.sh").exists())
        .expect("the repository root (tests/mail-servers/mail-servers.sh)")
        .join("tests/mail-servers/mail-servers.sh")
}

fn run(args: &[&str]) -> std::process::Output {
    let out = Command::new(script()).args(args).output().expect("run mail-servers.sh");
    assert!(
        out.status.success(),
        "mail-servers.sh {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

impl MailServers {
    /// Starts both servers in a fresh folder (short, for Dovecot's socket paths).
    pub fn start() -> Self {
        let dir = std::env::temp_dir().join(format!("rms-{}-{:x}", std::process::id(), rand_suffix()));
        let _ = std::fs::remove_dir_all(&dir);
        run(&["start", dir.to_str().expect("utf-8 temp dir")]);
        let text = std::fs::read_to_string(dir.join("env")).expect("the env file");
        let env = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        MailServers { dir, env }
    }

    pub fn get(&self, key: &str) -> &str {
        self.env.get(key).unwrap_or_else(|| panic!("{key} is not in the mail servers' env file"))
    }

    pub fn port(&self, key: &str) -> u16 {
        self.get(key).parse().expect("a port")
    }

    pub fn host(&self) -> &str {
        self.get("HOST")
    }

    pub fn ca_file(&self) -> PathBuf {
        PathBuf::from(self.get("CA_FILE"))
    }

    pub fn ca_pem(&self) -> Vec<u8> {
        std::fs::read(self.ca_file()).expect("the CA certificate")
    }

    /// `PERSON`, `VENDOR`, `DPO`: the address and password of that mailbox.
    pub fn user(&self, name: &str) -> (String, String) {
        (self.get(&format!("USER_{name}")).to_owned(), self.get(&format!("PASS_{name}")).to_owned())
    }

    /// The messages of a mailbox's folder (`INBOX`, `Sent`), oldest first, as stored.
    pub fn messages(&self, name: &str, folder: &str) -> Vec<Vec<u8>> {
        let mut dir = PathBuf::from(self.get(&format!("MAILDIR_{name}")));
        if folder != "INBOX" {
            dir = dir.join(format!(".{folder}"));
        }
        let mut files: Vec<PathBuf> = ["new", "cur"]
            .iter()
            .flat_map(|sub| std::fs::read_dir(dir.join(sub)).into_iter().flatten())
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        // A Maildir file's name starts with its delivery time.
        files.sort_by_key(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()));
        files.iter().map(|p| std::fs::read(p).expect("a message")).collect()
    }

    /// Puts a message into a mailbox's INBOX (LMTP), as a vendor's reply arrives.
    pub fn deliver(&self, from: &str, to: &str, message: &[u8]) {
        let file = self.dir.join(format!("deliver-{:x}.eml", rand_suffix()));
        std::fs::write(&file, message).expect("write the message");
        run(&["deliver", self.dir_str(), from, to, file.to_str().expect("utf-8")]);
    }

    pub fn stop_smtp(&self) {
        run(&["stop-smtp", self.dir_str()]);
    }

    pub fn start_smtp(&self) {
        run(&["start-smtp", self.dir_str()]);
    }

    fn dir_str(&self) -> &str {
        self.dir.to_str().expect("utf-8 temp dir")
    }
}

impl Drop for MailServers {
    fn drop(&mut self) {
        let _ = Command::new(script()).args(["stop", self.dir_str()]).output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn rand_suffix() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
    h.finish() & 0xffff_ffff
}

/// `\r\n` → `\n`: Maildir keeps messages with bare line ends.
pub fn lf(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i += 1;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}
