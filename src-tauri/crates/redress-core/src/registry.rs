//! The vendor registry: who the B2B contact-data vendors are, how to reach their privacy
//! teams, and which supervisory authority each answers to.
//!
//! The registry ships inside the binary (`data/registry.json`, built from sourced research;
//! see `data/SOURCES.md`). A user can import a newer or extended registry file; its records
//! replace built-in records with the same id and add the others. Every record carries the
//! evidence its facts come from; a fact without a source is left unknown (`None`), never guessed.

mod authority;
mod catalogue;
mod document;
mod ids;
mod import;
mod search;
mod validation;
mod vendor;

pub use authority::Authority;
pub use catalogue::{ImportsInfo, Registry};
pub use document::{FORMAT_NAME, FORMAT_VERSION, RegistryDocument};
pub use ids::{AuthorityId, CountryCode, VendorId};
pub use import::{ImportReport, import_file, reset_imports};
pub use search::{CountryFilter, Facet, VendorQuery};
pub use validation::{InvalidRegistry, Problem, is_email};
pub use vendor::{Contacts, EuRepresentative, Evidence, Vendor};
