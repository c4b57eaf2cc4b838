//! Reading a file the person names, bounded: at most `limit` bytes are ever held, so a wrong
//! path (`/dev/zero`, a huge file, a pipe nobody writes to) is refused with a message instead of
//! filling the memory or hanging. Every user-supplied file that is read whole goes through here.

use std::io::Read;
use std::path::Path;

use crate::Error;

const MIB: u64 = 1024 * 1024;

/// A registry file to import (the built-in registry of 128 vendors is under 1 MiB).
pub const REGISTRY_FILE_LIMIT: u64 = 32 * MIB;
/// The saved imports, kept by Redress beside the store: several registry files' worth.
pub const IMPORTS_FILE_LIMIT: u64 = 64 * MIB;
/// A case bundle: its replies and proofs (25 MiB each at most) and mandate (20 MiB), in base64.
pub const BUNDLE_FILE_LIMIT: u64 = 256 * MIB;
/// An identity file (a person's name, addresses and notes: a few kilobytes).
pub const IDENTITY_FILE_LIMIT: u64 = MIB;
/// A fingerprint file for the scan (the built-in one is under 100 KiB).
pub const FINGERPRINT_FILE_LIMIT: u64 = 16 * MIB;
/// A file attached to a letter's e-mail (as large as a mandate or a screenshot may be).
pub const ATTACHMENT_FILE_LIMIT: u64 = 20 * MIB;
/// A passphrase or API key file: one line is read from it.
pub const SECRET_FILE_LIMIT: u64 = 64 * 1024;

/// Reads the regular file at `path` whole, if it holds at most `limit` bytes. A folder, pipe or
/// device is refused without being read ([`Error::NotAFile`]); more than `limit` bytes is
/// [`Error::TooLarge`], found by reading `limit + 1` bytes at most (a file growing meanwhile, or
/// one that lies about its size, is caught too). `what` names the file in the messages ("a
/// registry file").
pub fn read_limited(path: &Path, limit: u64, what: &'static str) -> Result<Vec<u8>, Error> {
    let read_error = |source| Error::Read { path: path.to_owned(), source };
    // Checked before opening: opening a FIFO would wait for a writer.
    let meta = std::fs::metadata(path).map_err(read_error)?;
    if !meta.is_file() {
        return Err(Error::NotAFile { path: path.to_owned(), what });
    }
    if meta.len() > limit {
        return Err(Error::TooLarge { path: path.to_owned(), what, limit });
    }
    let file = std::fs::File::open(path).map_err(read_error)?;
    if !file.metadata().map_err(read_error)?.is_file() {
        return Err(Error::NotAFile { path: path.to_owned(), what });
    }
    take(file, path, limit, what)
}

/// Like [`read_limited`], but a pipe or character device is read too (bounded all the same):
/// for passphrase and key files, which people give as `<(pass show redress)` or `/dev/stdin`.
/// A folder is still refused.
pub fn read_limited_or_pipe(path: &Path, limit: u64, what: &'static str) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    read_limited_or_pipe_into(path, limit, what, &mut bytes)?;
    Ok(bytes)
}

/// [`read_limited_or_pipe`] into `buf`, for secrets (passphrase and key files): the caller
/// owns the buffer whatever happens, so it can wipe it, and when `buf` has room for `limit + 1`
/// more bytes (`Vec::with_capacity`) nothing is reallocated or read through a temporary buffer,
/// so no copy of the secret is left in memory freed along the way.
pub fn read_limited_or_pipe_into(path: &Path, limit: u64, what: &'static str, buf: &mut Vec<u8>) -> Result<(), Error> {
    let read_error = |source| Error::Read { path: path.to_owned(), source };
    let meta = std::fs::metadata(path).map_err(read_error)?;
    if meta.is_dir() {
        return Err(Error::NotAFile { path: path.to_owned(), what });
    }
    take_into(std::fs::File::open(path).map_err(read_error)?, path, limit, what, buf)
}

fn take(file: std::fs::File, path: &Path, limit: u64, what: &'static str) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    take_into(file, path, limit, what, &mut bytes)?;
    Ok(bytes)
}

fn take_into(file: std::fs::File, path: &Path, limit: u64, what: &'static str, buf: &mut Vec<u8>) -> Result<(), Error> {
    let start = buf.len();
    file.take(limit.saturating_add(1))
        .read_to_end(buf)
        .map_err(|source| Error::Read { path: path.to_owned(), source })?;
    if (buf.len() - start) as u64 > limit {
        return Err(Error::TooLarge { path: path.to_owned(), what, limit });
    }
    Ok(())
}

/// `bytes` in the largest whole unit: "32 MiB", "64 KiB", "100 bytes".
pub fn size_text(bytes: u64) -> String {
    match bytes {
        b if b >= MIB && b % MIB == 0 => format!("{} MiB", b / MIB),
        b if b >= 1024 && b % 1024 == 0 => format!("{} KiB", b / 1024),
        b => format!("{b} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("f");
        std::fs::write(&path, [7u8; 100]).expect("write");
        assert_eq!(read_limited(&path, 100, "a test file").expect("read").len(), 100);
        let err = read_limited(&path, 99, "a test file").expect_err("too large");
        assert!(matches!(err, Error::TooLarge { limit: 99, .. }), "{err:?}");
        assert!(err.to_string().contains("99 bytes"), "{err}");
        assert!(matches!(read_limited(dir.path(), 99, "a test file"), Err(Error::NotAFile { .. })));
        assert!(matches!(read_limited_or_pipe(dir.path(), 99, "a test file"), Err(Error::NotAFile { .. })));
    }

    #[test]
    fn a_secret_file_is_read_into_the_buffer_it_is_given_without_reallocating() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("secret");
        std::fs::write(&path, b"correct horse battery staple\n").expect("write");
        let mut buf = Vec::with_capacity(SECRET_FILE_LIMIT as usize + 1);
        let (before, capacity) = (buf.as_ptr(), buf.capacity());
        read_limited_or_pipe_into(&path, SECRET_FILE_LIMIT, "a test file", &mut buf).expect("read");
        assert_eq!(buf, b"correct horse battery staple\n");
        assert_eq!((buf.as_ptr(), buf.capacity()), (before, capacity), "the same allocation, never moved");
        std::fs::write(&path, vec![b'x'; 100]).expect("write");
        let mut buf = Vec::with_capacity(100);
        let err = read_limited_or_pipe_into(&path, 99, "a test file", &mut buf).expect_err("too large");
        assert!(matches!(err, Error::TooLarge { limit: 99, .. }), "{err:?}");
    }

    #[test]
    fn sizes_are_said_in_whole_units() {
        for (bytes, text) in
            [(32 * MIB, "32 MiB"), (64 * 1024, "64 KiB"), (100, "100 bytes"), (MIB + 1, "1048577 bytes")]
        {
            assert_eq!(size_text(bytes), text);
        }
    }
}
