//! Redress core: the domain logic shared by the desktop app and the `redress` CLI.
//!
//! This crate owns the domain: the vendor registry (B2B contact-data and enrichment vendors and
//! the supervisory authorities they answer to), cases and their deadlines, letters, the
//! complaint dossier, the exposure board, and the mail providers whose IMAP and SMTP servers it
//! knows ([`mail_provider`], from Thunderbird's ISPDB). It knows nothing of Tauri, windows, clocks or
//! default paths: whoever calls it passes in the bytes, paths and dates it works on, which is
//! what lets the CLI, the app and the tests share one behaviour.
//!
//! It reads no mail: mailboxes, `.eml` replies, fingerprints and the scan live in
//! `redress-mail`, which depends on this crate (never the other way round). What the two share
//! is domain and stays here: the kinds of tool a sign points to and how sure it is ([`tool`]),
//! and a stored file's type told by its first bytes ([`media_type`]).
//!
//! ```
//! use redress_core::registry::{Registry, VendorQuery};
//!
//! let registry = Registry::builtin().expect("the embedded registry is valid");
//! let kaspr = registry.vendor("kaspr").expect("kaspr is in the registry");
//! assert_eq!(kaspr.contacts.privacy_email.as_deref(), Some("privacy@kaspr.io"));
//! let hits = registry.search(&VendorQuery { text: Some("kaspr".into()), ..Default::default() });
//! assert_eq!(hits[0].id.as_str(), "kaspr");
//! ```

pub mod atomic_file;
pub mod breach;
pub mod case;
pub mod date_range;
pub mod deadline;
pub mod domain_name;
pub mod dossier;
pub mod error;
pub mod exposure;
pub mod identity;
pub mod letter;
pub mod limited_read;
pub mod mail_provider;
pub mod media_type;
pub mod registry;
pub mod report;
pub mod spelling;
pub mod text;
pub mod tool;

pub use error::Error;
