//! Secrets: wiped from memory when dropped, never printed.

use zeroize::{Zeroize, ZeroizeOnDrop};

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

    /// `x'…'`, the raw-key form SQLCipher's `PRAGMA key` takes (no key derivation on its side).
    pub(crate) fn sql_literal(&self) -> zeroize::Zeroizing<String> {
        zeroize::Zeroizing::new(format!("\"x'{}'\"", hex::encode(self.0)))
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
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(<redacted>)")
    }
}
