//! `disable_core_dumps`, checked in a child process (this test run again, with `CHILD` set) so
//! the test process keeps its own limits: what the child reads back from the kernel after the
//! call.
#![cfg(target_os = "linux")]

use std::process::Command;

const CHILD: &str = "REDRESS_CORE_DUMPS_CHILD";
const NAME: &str = "core_dumps_are_disabled_for_the_process";

#[test]
fn core_dumps_are_disabled_for_the_process() {
    if std::env::var_os(CHILD).is_some() {
        redress_store::disable_core_dumps().expect("disable core dumps");
        let limit = rustix::process::getrlimit(rustix::process::Resource::Core);
        println!("getrlimit: {:?} {:?}", limit.current, limit.maximum);
        println!("dumpable: {:?}", rustix::process::dumpable_behavior().expect("PR_GET_DUMPABLE"));
        let limits = std::fs::read_to_string("/proc/self/limits").expect("/proc/self/limits");
        let core = limits.lines().find(|l| l.starts_with("Max core file size")).expect("core line");
        println!("limits: {}", core.split_whitespace().collect::<Vec<_>>().join(" "));
        return;
    }
    let out = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", NAME, "--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .output()
        .expect("child runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("getrlimit: Some(0) Some(0)"), "{stdout}");
    assert!(stdout.contains("dumpable: NotDumpable"), "{stdout}");
    assert!(stdout.contains("limits: Max core file size 0 0 bytes"), "{stdout}");
}
