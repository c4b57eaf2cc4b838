//! Keeping the process's memory out of core dumps: an unlocked Redress holds the store's key,
//! passphrases and decrypted records in memory, and a crash would otherwise write them to disk
//! (a `core` file, or systemd-coredump's store) in the clear.

/// Turns core dumps off for this process and what it starts: the soft and hard core-file size
/// limits go to 0 (inherited by child processes), and on Linux the process is marked not
/// dumpable, which also stops other processes of the same user from attaching to it or reading
/// its memory through `/proc`. Both front ends call it first thing in `main`. Lowering a limit
/// is always allowed, so this fails only on a system without these calls; Redress then runs as
/// before.
pub fn disable_core_dumps() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use rustix::process::{Resource, Rlimit, setrlimit};
        setrlimit(Resource::Core, Rlimit { current: Some(0), maximum: Some(0) })?;
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable)?;
    Ok(())
}
