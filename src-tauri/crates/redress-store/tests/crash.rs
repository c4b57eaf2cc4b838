//! Crash safety: a writer process is killed with SIGKILL in the middle of a long series of
//! committed writes; every write it reported as committed must be there afterwards, and the
//! database must pass `PRAGMA integrity_check`.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use redress_core::identity::ProfileInput;
use redress_store::{NewKey, NoKeyring, Passphrase, Store};

const PASS: &str = "crash test passphrase";
const CHILD_ENV: &str = "REDRESS_CRASH_WRITER_STORE";

/// The writer half, run in a child process by `sigkill_during_writes_loses_no_committed_record`
/// (which re-runs this test binary with REDRESS_CRASH_WRITER_STORE set). Run directly, it has
/// nothing to do.
#[test]
fn crash_writer_child() {
    let Some(path) = std::env::var_os(CHILD_ENV) else { return };
    let mut store =
        Store::open(std::path::Path::new(&path), Some(&Passphrase::new(PASS.into())), &NoKeyring).expect("open");
    let mut out = std::io::stdout().lock();
    for i in 0.. {
        let input = ProfileInput {
            name: format!("Person {i}"),
            emails: vec![format!("p{i}@example.org")],
            ..Default::default()
        };
        let p = store.add_profile(input, jiff::Timestamp::UNIX_EPOCH).expect("add");
        // Printed only after the commit returned: the parent trusts these lines.
        writeln!(out, "committed {} {}", p.id, i).expect("stdout");
        out.flush().expect("flush");
    }
}

#[test]
fn sigkill_during_writes_loses_no_committed_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("redress.db");
    drop(Store::create(&path, NewKey::Passphrase(Passphrase::new(PASS.into())), &NoKeyring).expect("create"));

    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "crash_writer_child", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn writer");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut committed = Vec::new();
    while committed.len() < 400 {
        let line = lines.next().expect("the writer stopped early").expect("read");
        if let Some(rest) = line.strip_prefix("committed ") {
            let id: i64 = rest.split(' ').next().and_then(|s| s.parse().ok()).expect("id");
            committed.push(id);
        }
    }
    child.kill().expect("SIGKILL"); // std's kill() is SIGKILL on Unix
    let status = child.wait().expect("wait");
    assert!(!status.success(), "the writer must have been killed, not finished");
    // Lines already in the pipe were printed after their commit, so they count too.
    for line in lines.map_while(Result::ok) {
        if let Some(id) = line.strip_prefix("committed ").and_then(|r| r.split(' ').next()).and_then(|s| s.parse().ok())
        {
            committed.push(id);
        }
    }

    let store = Store::open(&path, Some(&Passphrase::new(PASS.into())), &NoKeyring).expect("reopen after crash");
    assert_eq!(store.integrity_check().expect("check"), "ok");
    let stored: std::collections::HashSet<i64> = store.profiles().expect("list").iter().map(|p| p.id).collect();
    let lost: Vec<_> = committed.iter().filter(|id| !stored.contains(id)).collect();
    assert!(lost.is_empty(), "{} committed records lost after SIGKILL: {lost:?}", lost.len());
    assert!(stored.len() >= committed.len());
}
