//! Redress core: the domain logic shared by the desktop app and the `redress` CLI.
//!
//! This crate owns the vendor registry (B2B contact-data and enrichment vendors and the
//! supervisory authorities they answer to). It knows nothing of Tauri, windows, clocks or
//! default paths: whoever calls it passes in the bytes, paths and dates it works on, which is
//! what lets the CLI, the app and the tests share one behaviour.
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
pub mod evidence;
pub mod exposure;
pub mod identity;
pub mod letter;
pub mod registry;
pub mod report;
pub mod spelling;
pub mod text;

pub use error::Error;
