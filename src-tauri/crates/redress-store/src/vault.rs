//! Where keyring-mode keys live: the OS keyring, behind a trait so the store does not care which.

use crate::secret::{Key, Passphrase};

/// Why the keyring could not be used, in words a person understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VaultError {
    /// No keyring service (no Secret Service on the session bus, no session bus, …).
    Unavailable(String),
    /// The keyring answered but has no entry for this account.
    Missing,
}

/// A place that keeps 32-byte keys under an account name.
pub trait KeyVault {
    fn get(&self, account: &str) -> Result<Key, VaultError>;
    fn set(&self, account: &str, key: &Key) -> Result<(), VaultError>;
    fn delete(&self, account: &str) -> Result<(), VaultError>;
}

/// The operating system's keyring: Secret Service (GNOME Keyring, KWallet) on Linux, Keychain on
/// macOS, Credential Manager on Windows.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemKeyring;

/// The service name entries are filed under.
const SERVICE: &str = "org.redress.desktop";

fn explain(e: keyring::Error) -> VaultError {
    match e {
        keyring::Error::NoEntry => VaultError::Missing,
        keyring::Error::NoDefaultStore => VaultError::Unavailable(
            "no Secret Service keyring answers on this session (is gnome-keyring or KWallet running and unlocked?)"
                .into(),
        ),
        keyring::Error::NoStorageAccess(inner) => {
            VaultError::Unavailable(format!("the keyring refused access ({inner})"))
        }
        keyring::Error::PlatformFailure(inner) => VaultError::Unavailable(format!("the keyring failed ({inner})")),
        other => VaultError::Unavailable(other.to_string()),
    }
}

fn entry(account: &str) -> Result<keyring::Entry, VaultError> {
    if let Err(e) = keyring::Entry::store_status() {
        return Err(VaultError::Unavailable(match e {
            keyring::Error::PlatformFailure(inner) | keyring::Error::NoStorageAccess(inner) => {
                format!("no Secret Service keyring answers on this session ({inner})")
            }
            other => format!("no keyring answers on this session ({other})"),
        }));
    }
    keyring::Entry::new(SERVICE, account).map_err(explain)
}

impl KeyVault for SystemKeyring {
    fn get(&self, account: &str) -> Result<Key, VaultError> {
        let mut bytes = entry(account)?.get_secret().map_err(explain)?;
        let key = <[u8; 32]>::try_from(bytes.as_slice())
            .map(Key::from_bytes)
            .map_err(|_| VaultError::Unavailable(format!("the keyring entry {account} does not hold a 32-byte key")));
        zeroize::Zeroize::zeroize(&mut bytes);
        key
    }

    fn set(&self, account: &str, key: &Key) -> Result<(), VaultError> {
        entry(account)?.set_secret(key.as_bytes()).map_err(explain)
    }

    fn delete(&self, account: &str) -> Result<(), VaultError> {
        match entry(account)?.delete_credential().map_err(explain) {
            Ok(()) | Err(VaultError::Missing) => Ok(()),
            Err(e) => Err(e),
        }
    }
}

/// A vault that is never there: for passphrase-only use (portable stores, tests, benchmarks),
/// where touching the system keyring would be wrong.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoKeyring;

impl KeyVault for NoKeyring {
    fn get(&self, _: &str) -> Result<Key, VaultError> {
        Err(VaultError::Unavailable("the keyring is not used for this store".into()))
    }

    fn set(&self, _: &str, _: &Key) -> Result<(), VaultError> {
        Err(VaultError::Unavailable("the keyring is not used for this store".into()))
    }

    fn delete(&self, _: &str) -> Result<(), VaultError> {
        Ok(())
    }
}

/// The keyring account of the user's Have I Been Pwned API key.
pub const HIBP_API_KEY_ACCOUNT: &str = "hibp-api-key";

/// Short text secrets the user gives Redress (the HIBP API key), kept in the OS keyring and
/// nowhere else: not in the store, not in a file, never logged.
pub trait TextVault {
    fn get_text(&self, account: &str) -> Result<Passphrase, VaultError>;
    fn set_text(&self, account: &str, secret: &Passphrase) -> Result<(), VaultError>;
    fn delete_text(&self, account: &str) -> Result<(), VaultError>;
}

impl TextVault for SystemKeyring {
    fn get_text(&self, account: &str) -> Result<Passphrase, VaultError> {
        // The bytes, not `get_password`: its error for text that is not UTF-8 keeps the secret
        // and drops it unwiped.
        let bytes = entry(account)?.get_secret().map_err(explain)?;
        Passphrase::from_utf8(bytes)
            .ok_or_else(|| VaultError::Unavailable(format!("the keyring entry {account} does not hold text")))
    }

    fn set_text(&self, account: &str, secret: &Passphrase) -> Result<(), VaultError> {
        entry(account)?.set_password(secret.expose()).map_err(explain)
    }

    fn delete_text(&self, account: &str) -> Result<(), VaultError> {
        match entry(account)?.delete_credential().map_err(explain) {
            Ok(()) | Err(VaultError::Missing) => Ok(()),
            Err(e) => Err(e),
        }
    }
}
