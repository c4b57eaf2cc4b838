//! Data transfer objects: the shapes the UI sees. Domain types stay free to change; these
//! change only together with the generated bindings.

mod cases;
mod discover;
mod dossier;
mod letters;
mod mail;
mod registry;
mod store;

pub use cases::*;
pub use discover::*;
pub use dossier::*;
pub use letters::*;
pub use mail::*;
pub use registry::*;
pub use store::*;
