//! Faults: a disk that fills up while letters or a backup are written, a store whose file
//! system turns read-only, and SIGKILL in the middle of a backup or a batch of letters. Each
//! time the store stays intact and the user is told what happened and what to do.
//!
//! Small disks are real tmpfs mounts inside a private mount namespace (`unshare -rm`), so
//! nothing on the machine is touched.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

fn redress_bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("redress")
}

/// A store with one person, in `dir/data`, passphrase in `dir/pass.txt`.
fn setup(dir: &Path) {
    std::fs::write(dir.join("pass.txt"), "fault passphrase\n").expect("write");
    std::fs::write(dir.join("backup-pass.txt"), "backup passphrase x\n").expect("write");
    for args in [
        &["store", "init"][..],
        &["profile", "add", "--name", "Zoé Martin", "--email", "zoe@example.fr"],
        &["case", "open", "--profile", "1", "--vendor", "kaspr", "--kind", "access"],
    ] {
        let out = redress(dir).args(args).output().expect("run");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

fn redress(dir: &Path) -> Command {
    let mut cmd = Command::new(redress_bin());
    cmd.current_dir(dir).env_remove("REDRESS_DATA_DIR").env_remove("REDRESS_STORE").args([
        "--data-dir",
        "data",
        "--passphrase-file",
        "pass.txt",
    ]);
    cmd
}

/// Runs `script` (sh) in a private mount namespace where `small/` is a tmpfs of `size`.
fn with_small_disk(dir: &Path, size: &str, script: &str) -> Output {
    let bin = redress_bin();
    let full = format!(
        "set -u; mkdir -p small && mount -t tmpfs -o size={size} tmpfs small && R='{}'; {script}",
        bin.display()
    );
    Command::new("unshare")
        .args(["-rm", "sh", "-c", &full])
        .current_dir(dir)
        .env_remove("REDRESS_DATA_DIR")
        .output()
        .unwrap_or_else(|e| panic!("unshare (util-linux) could not run: {e}"))
}

fn store_is_intact(dir: &Path) {
    let out = redress(dir).args(["profile", "list", "--json"]).output().expect("run");
    assert!(out.status.success(), "the store no longer opens: {}", String::from_utf8_lossy(&out.stderr));
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(list[0]["name"], "Zoé Martin");
    let out = redress(dir).args(["case", "show", "1"]).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

const DISK_HINT: &str = "the disk is full or cannot be written";

#[test]
fn a_disk_filling_up_during_letters_and_a_backup_is_explained_and_leaves_nothing_half_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    setup(d);
    let out = with_small_disk(
        d,
        "256k",
        r#"$R --data-dir data --passphrase-file pass.txt letter combined --all-vendors --profile 1 --format pdf -o small/letters; echo "letters-exit=$?";
           $R --data-dir data --passphrase-file pass.txt backup small/redress.backup --backup-passphrase-file backup-pass.txt; echo "backup-exit=$?";
           ls -A small small/letters; for f in small/letters/*.pdf; do head -c 5 "$f"; tail -c 6 "$f" | tr -d '\n'; echo; done"#,
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("letters-exit=1") && stdout.contains("backup-exit=1"),
        "user errors, not crashes:\n{stdout}\n{stderr}"
    );
    assert!(stderr.contains("No space left on device") || stderr.contains("disk is full"), "{stderr}");
    assert_eq!(stderr.matches(DISK_HINT).count(), 2, "{stderr}");
    assert!(!stderr.contains("bug in Redress"), "{stderr}");
    // No temporary or partial file is left: letters written before the disk filled are whole.
    assert!(
        !stdout.contains(".redress-write") && !stdout.contains(".export-") && !stdout.contains("redress.backup"),
        "{stdout}"
    );
    let letters: Vec<&str> = stdout.lines().filter(|l| l.starts_with("%PDF-")).collect();
    assert!(!letters.is_empty(), "some letters fit: {stdout}");
    assert!(letters.iter().all(|l| l.ends_with("%%EOF")), "a letter was cut short: {letters:?}");
    store_is_intact(d);
}

#[test]
fn a_store_on_a_full_or_read_only_disk_refuses_the_change_and_keeps_what_it_had() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(d.join("pass.txt"), "fault passphrase\n").expect("write");
    let mandate = d.join("mandate.pdf");
    // A "scan" bigger than the small disk's room.
    let mut big = b"%PDF-1.4\n".to_vec();
    big.extend(std::iter::repeat_n(b'x', 3 * 1024 * 1024));
    std::fs::write(&mandate, big).expect("write");
    let out = with_small_disk(
        d,
        "2m",
        r#"S="--store small/redress.db --data-dir data --passphrase-file pass.txt";
           $R $S store init >/dev/null && $R $S profile add --name "Zoé Martin" >/dev/null && echo ready;
           $R $S profile edit 1 --mandate mandate.pdf; echo "full-exit=$?";
           $R $S profile list --json > list-after-full.json;
           mount -o remount,ro small; $R $S profile add --name Someone; echo "ro-exit=$?";
           mount -o remount,rw small; $R $S profile list --json > list-after-ro.json"#,
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("ready"), "{stdout}\n{stderr}");
    assert!(stdout.contains("full-exit=1"), "{stdout}\n{stderr}");
    assert!(stdout.contains("ro-exit=1"), "{stdout}\n{stderr}");
    assert_eq!(stderr.matches(DISK_HINT).count(), 2, "{stderr}");
    // Both listings show exactly the one person, with no mandate: nothing was half-stored.
    for name in ["list-after-full.json", "list-after-ro.json"] {
        let list: serde_json::Value =
            serde_json::from_slice(&std::fs::read(d.join(name)).expect("listing")).expect("json");
        assert_eq!(list.as_array().map(Vec::len), Some(1));
        assert!(list[0]["mandate"].is_null());
    }
}

#[test]
fn sigkill_during_a_backup_or_a_batch_of_letters_leaves_the_store_and_finished_files_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    setup(d);
    for delay_ms in [30u64, 120, 400] {
        let mut backup = redress(d)
            .args(["backup", "killed.backup", "--backup-passphrase-file", "backup-pass.txt"])
            .spawn()
            .expect("spawn");
        let mut letters = redress(d)
            .args([
                "letter",
                "combined",
                "--all-vendors",
                "--profile",
                "1",
                "--format",
                "pdf",
                "-o",
                &format!("batch-{delay_ms}"),
            ])
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = backup.kill();
        let _ = letters.kill();
        let _ = backup.wait();
        let _ = letters.wait();
        store_is_intact(d);
        // A backup file is either absent or complete (it is renamed into place last).
        let path = d.join("killed.backup");
        if path.exists() {
            let out = redress(d)
                .args([
                    "restore",
                    "killed.backup",
                    "--backup-passphrase-file",
                    "backup-pass.txt",
                    "--store",
                    "restored.db",
                ])
                .output()
                .expect("run");
            assert!(out.status.success(), "a backup that exists restores: {}", String::from_utf8_lossy(&out.stderr));
            let _ = std::fs::remove_file(d.join("restored.db"));
            let _ = std::fs::remove_file(&path);
        }
        let batch = d.join(format!("batch-{delay_ms}"));
        for entry in std::fs::read_dir(&batch).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".pdf") {
                let bytes = std::fs::read(entry.path()).expect("read");
                assert!(
                    bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF"),
                    "{name} is cut short"
                );
            }
        }
    }
}
