//! Secrets: wiped from memory when dropped, never printed.

use zeroize::{Zeroize, ZeroizeOnDrop};

/// `"x'` + 64 hex digits + `'"`.
const KEY_LITERAL: usize = 3 + 64 + 2;

/// A 256-bit database key.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct Key([u8; 32]);

impl Key {
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Key(bytes)
    }

    /// 32 bytes from the operating system's random source.
    pub fn random() -> Self {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).expect("the operating system's random source failed");
        Key(bytes)
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// `before "x'…'" after`: a statement holding the key in the raw-key form SQLCipher's
    /// `PRAGMA key`, `PRAGMA rekey` and `ATTACH … KEY` take (no key derivation on its side).
    /// The hex digits are written straight into one buffer of the exact size, so no
    /// intermediate string or reallocation leaves a copy behind, and the buffer is wiped when
    /// dropped. (SQLite's copy of the statement is wiped by `cipher_memory_security`.)
    pub(crate) fn in_statement(&self, before: &str, after: &str) -> zeroize::Zeroizing<String> {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut sql = zeroize::Zeroizing::new(String::with_capacity(before.len() + KEY_LITERAL + after.len()));
        sql.push_str(before);
        sql.push_str("\"x'");
        for byte in self.0 {
            sql.push(char::from(DIGITS[usize::from(byte >> 4)]));
            sql.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
        }
        sql.push_str("'\"");
        sql.push_str(after);
        sql
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(<redacted>)")
    }
}

/// A passphrase typed by the user or read from a file.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct Passphrase(String);

impl Passphrase {
    /// Minimum length for a new passphrase. Argon2id makes guessing slow, not impossible.
    pub const MIN_CHARS: usize = 8;

    pub fn new(s: String) -> Self {
        Passphrase(s)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The text `bytes` hold, without copying them; `None`, with the bytes wiped, when they are
    /// not UTF-8 (the error would otherwise carry them away unwiped).
    pub fn from_utf8(bytes: Vec<u8>) -> Option<Passphrase> {
        match String::from_utf8(bytes) {
            Ok(text) => Some(Passphrase(text)),
            Err(e) => {
                e.into_bytes().zeroize();
                None
            }
        }
    }

    /// The first line of a passphrase or key file's `bytes`, without its line ending, in a
    /// string of its own exact size; `None` when the file is not UTF-8. The caller wipes `bytes`.
    pub fn first_line(bytes: &[u8]) -> Option<Passphrase> {
        let text = std::str::from_utf8(bytes).ok()?;
        Some(Passphrase(text.lines().next().unwrap_or("").to_owned()))
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passphrases_are_read_from_bytes_and_text_that_is_not_utf8_is_refused() {
        assert_eq!(
            Passphrase::from_utf8(b"api key 1".to_vec()).map(|p| p.expose().to_owned()),
            Some("api key 1".into())
        );
        assert!(Passphrase::from_utf8(vec![0xff, 0xfe, b'k']).is_none());
        let line = Passphrase::first_line(b"first line\r\nsecond\n").expect("utf-8");
        assert_eq!(line.expose(), "first line");
        assert_eq!(line.0.capacity(), line.0.len());
        assert_eq!(Passphrase::first_line(b"").map(|p| p.expose().to_owned()), Some(String::new()));
        assert!(Passphrase::first_line(&[b'a', 0xc3]).is_none());
    }

    #[test]
    fn the_key_statement_is_built_in_one_buffer_of_its_exact_size() {
        let key = Key::from_bytes(std::array::from_fn(|i| (i * 37 % 256) as u8));
        let sql = key.in_statement("PRAGMA key = ", ";");
        assert_eq!(&*sql, &format!("PRAGMA key = \"x'{}'\";", hex::encode(key.as_bytes())));
        // Nothing grew the buffer: no reallocation left a copy of the key in freed memory.
        assert_eq!(sql.capacity(), sql.len());
    }
}
