//! Writing a file so that readers see the old content or the new, never half of it: a temporary
//! file in the same folder, flushed to disk, then renamed over the target.

use std::io::Write;
use std::path::Path;

use crate::Error;

/// Writes `bytes` to `path` atomically, creating the folder if needed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = folder_of(path);
    std::fs::create_dir_all(dir).map_err(|source| Error::Write { path: path.to_owned(), source })?;
    write(path, bytes, false)
}

/// Writes `bytes` to `path` atomically as a file only its owner may read (0600 on Unix), and
/// makes the rename durable: for the store's own files (unlock file, backups). The folder must
/// exist.
pub fn write_private_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write(path, bytes, true)
}

/// Writes `bytes` to `path` atomically as a file only its owner may read (0600 on Unix),
/// creating the folder if needed: for what a person saves that holds their own data and is not
/// meant to be sent as it is (the calendar of their cases, a case bundle with its mandate and
/// replies), so other local users cannot read it even in a shared folder.
pub fn save_private(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = folder_of(path);
    std::fs::create_dir_all(dir).map_err(|source| Error::Write { path: path.to_owned(), source })?;
    write(path, bytes, true)
}

/// An exclusive advisory lock on the sidecar file `<path>.lock`, held until it is dropped: what
/// reads, changes and rewrites `path` holds it across the three, so two processes doing so at once
/// (two `redress vendors import`) take turns instead of one losing the other's change. Waits for
/// the lock; creates the folder and the sidecar if needed (the sidecar is left in place, empty).
pub fn lock_beside(path: &Path) -> Result<FileLock, Error> {
    let mut name = path.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_else(|| "file".into());
    name.push(".lock");
    let lock_path = path.with_file_name(name);
    let err = |source| Error::Write { path: lock_path.clone(), source };
    std::fs::create_dir_all(folder_of(path)).map_err(err)?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(&lock_path).map_err(err)?;
    file.lock().map_err(err)?;
    Ok(FileLock { _file: file })
}

/// A held [`lock_beside`] lock; dropping it (closing the file) releases it.
#[derive(Debug)]
pub struct FileLock {
    _file: std::fs::File,
}

fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

fn write(path: &Path, bytes: &[u8], private: bool) -> Result<(), Error> {
    let err = |source| Error::Write { path: path.to_owned(), source };
    let dir = folder_of(path);
    let (tmp_path, mut file) = tempfile_in(dir, private).map_err(err)?;
    // A full disk or a refused rename leaves nothing behind: the half-written temporary goes.
    let written = file.write_all(bytes).and_then(|()| file.sync_all()).and_then(|()| std::fs::rename(&tmp_path, path));
    if let Err(e) = written {
        drop(file);
        let _ = std::fs::remove_file(&tmp_path);
        return Err(err(e));
    }
    if private {
        std::fs::File::open(dir).and_then(|d| d.sync_all()).map_err(err)?;
    }
    Ok(())
}

/// A new file next to the target, so the final rename stays on one file system. `create_new`
/// refuses a name someone planted first (a file or a symbolic link), and another name is tried.
fn tempfile_in(dir: &Path, private: bool) -> std::io::Result<(std::path::PathBuf, std::fs::File)> {
    for n in 0..100u32 {
        let path = dir.join(format!(".redress-write-{}-{n}.tmp", std::process::id()));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if private {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        #[cfg(not(unix))]
        let _ = private;
        match options.open(&path) {
            Ok(f) => return Ok((path, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("could not create a temporary file"))
}
