//! Passphrase → key, with Argon2id (RFC 9106).
//!
//! The parameters are read from files an attacker may have written (an unlock file, a backup),
//! so each is bounded before use: Argon2 would abort the process on a memory size it cannot
//! allocate, and run for hours on a huge number of passes.

use std::ops::RangeInclusive;

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

/// Memory, in KiB: 8 MiB (below it Argon2id is cheap to attack) to 1 GiB (what a modest
/// laptop can spare).
pub const MEMORY_KIB: RangeInclusive<u32> = 8 * 1024..=1024 * 1024;
/// Passes over the memory.
pub const ITERATIONS: RangeInclusive<u32> = 1..=10;
/// Lanes.
pub const PARALLELISM: RangeInclusive<u32> = 1..=8;
/// Salt length in bytes (RFC 9106 recommends 16).
pub const SALT_BYTES: RangeInclusive<usize> = 16..=64;
/// Memory × passes, in KiB: bounds the time a derivation takes (a few seconds at most; the
/// parameters Redress writes, 64 MiB × 3, are a tenth of it).
pub const MAX_WORK_KIB: u64 = 2 * 1024 * 1024;
/// The key's length in bytes. Fixed: it is never read from a file.
pub const KEY_BYTES: usize = 32;

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

    /// Checks every parameter against its bound before anything is derived. `field` names
    /// where the parameters are in their file (`current.kdf`), for the message.
    pub fn check(&self, field: &str) -> Result<(), String> {
        fn within<T: PartialOrd + std::fmt::Display>(
            field: &str,
            name: &str,
            value: T,
            range: &RangeInclusive<T>,
            unit: &str,
        ) -> Result<(), String> {
            if range.contains(&value) {
                Ok(())
            } else {
                Err(format!(
                    "its field {field}.{name} is {value}, outside the range Redress accepts ({} to {}{unit})",
                    range.start(),
                    range.end()
                ))
            }
        }
        if self.algorithm != "argon2id" {
            return Err(format!(
                "its field {field}.algorithm is {:?}; Redress only knows \"argon2id\"",
                self.algorithm
            ));
        }
        within(field, "memory_kib", self.memory_kib, &MEMORY_KIB, " KiB")?;
        within(field, "iterations", self.iterations, &ITERATIONS, "")?;
        within(field, "parallelism", self.parallelism, &PARALLELISM, "")?;
        let work = u64::from(self.memory_kib) * u64::from(self.iterations);
        if work > MAX_WORK_KIB {
            return Err(format!(
                "its fields {field}.memory_kib × {field}.iterations are {} × {} = {work}, more than the {MAX_WORK_KIB} Redress accepts",
                self.memory_kib, self.iterations
            ));
        }
        let salt = hex::decode(&self.salt).map_err(|_| format!("its field {field}.salt is not hexadecimal"))?;
        within(field, "salt", salt.len(), &SALT_BYTES, " bytes")?;
        // Argon2 needs 8 KiB per lane; the bounds above always leave that much.
        Ok(())
    }

    /// The key for `passphrase`. The parameters are checked first ([`KdfParams::check`]).
    pub fn derive(&self, passphrase: &Passphrase) -> Result<Key, String> {
        self.check("kdf")?;
        let salt = hex::decode(&self.salt).map_err(|_| "the salt is not hex".to_owned())?;
        let params = argon2::Params::new(self.memory_kib, self.iterations, self.parallelism, Some(KEY_BYTES))
            .map_err(|e| format!("bad Argon2 parameters: {e}"))?;
        let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let mut out = [0u8; KEY_BYTES];
        argon
            .hash_password_into(passphrase.expose().as_bytes(), &salt, &mut out)
            .map_err(|e| format!("key derivation failed: {e}"))?;
        let key = Key::from_bytes(out);
        zeroize::Zeroize::zeroize(&mut out);
        Ok(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(memory_kib: u32, iterations: u32, parallelism: u32, salt_bytes: usize) -> KdfParams {
        KdfParams { algorithm: "argon2id".into(), memory_kib, iterations, parallelism, salt: "ab".repeat(salt_bytes) }
    }

    #[test]
    fn parameters_out_of_range_are_refused_before_deriving() {
        let start = std::time::Instant::now();
        let pass = Passphrase::new("correct horse battery".into());
        for (bad, field) in [
            (
                params(u32::MAX, 3, 1, 16),
                "kdf.memory_kib is 4294967295, outside the range Redress accepts (8192 to 1048576 KiB)",
            ),
            (params(7 * 1024, 3, 1, 16), "kdf.memory_kib is 7168"),
            (
                params(65536, u32::MAX, 1, 16),
                "kdf.iterations is 4294967295, outside the range Redress accepts (1 to 10)",
            ),
            (params(65536, 0, 1, 16), "kdf.iterations is 0"),
            (params(65536, 3, 0, 16), "kdf.parallelism is 0"),
            (params(65536, 3, u32::MAX, 16), "kdf.parallelism is 4294967295"),
            (params(1024 * 1024, 10, 1, 16), "kdf.memory_kib × kdf.iterations are 1048576 × 10"),
            (params(65536, 3, 1, 4), "kdf.salt is 4, outside the range Redress accepts (16 to 64 bytes)"),
            (params(65536, 3, 1, 65), "kdf.salt is 65"),
        ] {
            let err = bad.derive(&pass).expect_err("refused");
            assert!(err.contains(field), "{err}");
        }
        let mut odd = params(65536, 3, 1, 16);
        odd.salt = "not hex".into();
        assert!(odd.check("kdf").expect_err("refused").contains("kdf.salt is not hexadecimal"));
        odd.algorithm = "scrypt".into();
        assert!(odd.check("kdf").expect_err("refused").contains("kdf.algorithm"));
        assert!(start.elapsed() < std::time::Duration::from_secs(1), "{:?}", start.elapsed());
        KdfParams::new_random().check("kdf").expect("what Redress writes is accepted");
    }
}
