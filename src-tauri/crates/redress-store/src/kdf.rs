//! Passphrase → key, with Argon2id (RFC 9106).

use serde::{Deserialize, Serialize};

use crate::secret::{Key, Passphrase};

/// Argon2id parameters, stored beside the salt so they can be raised later without breaking
/// existing stores and backups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub algorithm: String,
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
    /// 16 random bytes, hex.
    pub salt: String,
}

impl KdfParams {
    /// 64 MiB, 3 passes, 1 lane: above RFC 9106's second recommended option and OWASP's
    /// minimum (19 MiB, 2 passes), about half a second on a laptop core.
    pub fn new_random() -> Self {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).expect("the operating system's random source failed");
        KdfParams {
            algorithm: "argon2id".into(),
            memory_kib: 64 * 1024,
            iterations: 3,
            parallelism: 1,
            salt: hex::encode(salt),
        }
    }

    pub fn derive(&self, passphrase: &Passphrase) -> Result<Key, String> {
        if self.algorithm != "argon2id" {
            return Err(format!("unknown key derivation {:?}", self.algorithm));
        }
        let salt = hex::decode(&self.salt).map_err(|_| "the salt is not hex".to_owned())?;
        let params = argon2::Params::new(self.memory_kib, self.iterations, self.parallelism, Some(32))
            .map_err(|e| format!("bad Argon2 parameters: {e}"))?;
        let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let mut out = [0u8; 32];
        argon
            .hash_password_into(passphrase.expose().as_bytes(), &salt, &mut out)
            .map_err(|e| format!("key derivation failed: {e}"))?;
        let key = Key::from_bytes(out);
        zeroize::Zeroize::zeroize(&mut out);
        Ok(key)
    }
}
