//! The unlock file beside the database: which key setup opens it. It holds no secret, only the
//! mode, the keyring account name and the key-derivation salt and parameters.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::StoreError;
use crate::kdf::KdfParams;
use crate::store::UnlockMode;

const FORMAT: &str = "redress-store-unlock";

/// How one key is obtained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct KeySetup {
    pub mode: UnlockMode,
    /// Keyring mode: the account the key is filed under.
    pub keyring_account: Option<String>,
    /// Passphrase mode: how the key is derived.
    pub kdf: Option<KdfParams>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct UnlockFile {
    pub format: String,
    pub version: u32,
    /// Random id naming this store's keyring entries.
    pub store_id: String,
    pub current: KeySetup,
    /// Set while the key is being changed: if Redress stops half-way, the next open tries this
    /// setup when the current one fails, so a crash during a rekey never locks the user out.
    pub pending: Option<KeySetup>,
}

impl UnlockFile {
    pub fn new(store_id: String, current: KeySetup) -> Self {
        UnlockFile { format: FORMAT.into(), version: 1, store_id, current, pending: None }
    }

    pub fn read(path: &Path) -> Result<Self, StoreError> {
        let bytes = match redress_core::limited_read::read_limited(path, 1024 * 1024, "an unlock file") {
            Ok(bytes) => bytes,
            Err(redress_core::Error::Read { source, .. }) => return Err(read_error(path, source)),
            Err(e) => return Err(e.into()),
        };
        let file: UnlockFile = serde_json::from_slice(&bytes).map_err(|e| StoreError::Damaged {
            path: path.to_owned(),
            detail: format!("the unlock file is unreadable ({e})"),
        })?;
        if file.format != FORMAT || file.version != 1 {
            return Err(StoreError::Damaged {
                path: path.to_owned(),
                detail: "the unlock file has an unknown format".into(),
            });
        }
        // Bounded before anything is derived: a crafted file must not abort or stall Redress.
        for (name, setup) in [("current", Some(&file.current)), ("pending", file.pending.as_ref())] {
            if let Some(kdf) = setup.and_then(|s| s.kdf.as_ref()) {
                kdf.check(&format!("{name}.kdf")).map_err(|why| StoreError::Damaged {
                    path: path.to_owned(),
                    detail: format!(
                        "the unlock file cannot be used: {why}. Redress never writes such a value, so the file was \
                         altered; nothing was changed. Put back a copy of the unlock file, or restore the store from \
                         a backup"
                    ),
                })?;
            }
        }
        Ok(file)
    }

    /// Writes the file through a temporary file and a rename, so it is always whole.
    pub fn write(&self, path: &Path) -> Result<(), StoreError> {
        let text = serde_json::to_vec_pretty(self).expect("unlock files always serialise");
        write_atomically(path, &text)
    }
}

fn read_error(path: &Path, source: std::io::Error) -> StoreError {
    if source.kind() == std::io::ErrorKind::NotFound {
        StoreError::Damaged {
            path: path.to_owned(),
            detail: "the unlock file beside the store is missing; restore the store from a backup".into(),
        }
    } else {
        StoreError::Read { path: path.to_owned(), source }
    }
}

/// The store's files are written owner-only and durably (`redress_core::atomic_file`).
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    redress_core::atomic_file::write_private_atomically(path, bytes).map_err(|e| match e {
        redress_core::Error::Write { path, source } => StoreError::Write { path, source },
        other => StoreError::Core(other),
    })
}

/// Creates a new file only its owner can read and write: other local users see neither the
/// encrypted store nor backups (on Unix; elsewhere the folder's rules apply). The name must be
/// free (`O_EXCL`): a file or a symbolic link planted there first is refused, never written
/// through, so callers remove their own leftovers before.
pub(crate) fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Creates `dir` (and its parents) when missing, each folder Redress creates its owner's only
/// from the start.
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Narrows an existing file to its owner (stores and unlock files made by older versions, or
/// copied in with looser modes). Failing to do so is not an error: the file stays encrypted.
pub(crate) fn make_private(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path)
            && meta.permissions().mode() & 0o077 != 0
        {
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Makes a rename in `path`'s folder durable.
pub(crate) fn sync_dir(path: &Path) -> std::io::Result<()> {
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) => std::fs::File::open(dir)?.sync_all(),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_private_refuses_a_planted_file_or_link() {
        let dir = tempfile::tempdir().expect("tempdir");
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"keep me").expect("write");
        let planted = dir.path().join("planted");
        std::fs::write(&planted, b"planted").expect("write");
        let err = create_private(&planted).expect_err("an existing file");
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&planted).expect("read"), b"planted", "not truncated");
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&victim, &link).expect("symlink");
            let err = create_private(&link).expect_err("a symbolic link");
            assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
            let dangling = dir.path().join("dangling");
            std::os::unix::fs::symlink(dir.path().join("nothing-yet"), &dangling).expect("symlink");
            assert!(create_private(&dangling).is_err(), "a link to a missing file is not followed either");
            assert!(!dir.path().join("nothing-yet").exists());
        }
        assert_eq!(std::fs::read(&victim).expect("read"), b"keep me");
        let fresh = dir.path().join("fresh");
        drop(create_private(&fresh).expect("a free name"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&fresh).expect("meta").permissions().mode() & 0o777, 0o600);
        }
    }
}
