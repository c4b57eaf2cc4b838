//! Redress's encrypted local store.
//!
//! Everything a user records (profiles, mandates, cases and their timelines, replies and proofs,
//! scans, breach and self-checks) lives in one SQLCipher database, encrypted at rest with a
//! 256-bit key. The store reads and writes rows and bytes; the domain types it keeps (`Case`
//! among them) and their rules are `redress-core`'s. The key is either 32 random
//! bytes kept in the OS keyring (Secret Service on Linux) or derived from a passphrase with
//! Argon2id. Beside the database, a small *unlock file* (`<store>.unlock.json`, no secrets)
//! says which of the two applies and holds the key-derivation salt.
//!
//! ```no_run
//! use redress_store::{NewKey, Passphrase, Store, SystemKeyring};
//! let path = std::path::Path::new("/tmp/redress-example.db");
//! let pass = Passphrase::new("correct horse battery staple".into());
//! let store = Store::create(path, NewKey::Passphrase(pass.clone()), &SystemKeyring)?;
//! drop(store);
//! let store = Store::open(path, Some(&pass), &SystemKeyring)?;
//! # Ok::<(), redress_store::StoreError>(())
//! ```

mod backup;
mod bundle;
mod case_files;
mod cases;
mod core_dumps;
mod discoveries;
mod dossier_sources;
mod error;
mod kdf;
mod mail_accounts;
mod mail_folders;
mod outbox;
mod profiles;
mod schema;
mod secret;
mod store;
mod unlock_file;
mod vault;

pub use backup::{BackupInfo, RestoreTarget, RestoredBackup};
pub use bundle::{BUNDLE_FORMAT, BUNDLE_VERSION, BundleCase, BundleCaseFile, BundleEvent, BundleFile, CaseBundle};
pub use case_files::{CaseFile, FileRole, ReplyImport};
pub use cases::{Case, CaseId, CaseList, TimelineEntry};
pub use core_dumps::disable_core_dumps;
pub use discoveries::{BreachCheckRecord, MAX_SCREENSHOT_BYTES, MailScanRecord, SelfCheckRecord};
pub use dossier_sources::{DossierSources, SourceCase, SourceFile, SourceMandate};
pub use error::StoreError;
pub use kdf::KdfParams;
pub use mail_accounts::{MailAccount, NewMailAccount, PasswordPlace, ServerRecord, keyring_account};
pub use mail_folders::{FolderPurpose, MailFolder};
pub use outbox::{NewOutboxEntry, OutboxEntry, OutboxState};
pub use profiles::{Mandate, Profile, ProfileId};
pub use secret::{Key, Passphrase};
pub use store::{NewKey, Store, StoreStatus, UnlockMode, unlock_file_path};
pub use vault::{HIBP_API_KEY_ACCOUNT, KeyVault, NoKeyring, SystemKeyring, TextVault, VaultError};
