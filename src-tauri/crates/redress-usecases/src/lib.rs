//! Redress's use cases: one function per thing a person does, shared by the desktop app and
//! the `redress` CLI so that each flow is written once.
//!
//! This floor sits between the libraries (the domain in `redress-core`, the encrypted store,
//! the PDF writer, the online check) and the two front ends. A use case takes the open store,
//! the registry, a [`Clock`] and typed inputs, and returns typed results; a Tauri command or a
//! CLI subcommand only parses its input, calls one function here, and presents what it returns.
//! Nothing here knows of Tauri, a terminal or a window, and nothing reads the clock behind the
//! caller's back.
//!
//! ```
//! use redress_usecases::clock::FixedClock;
//! use redress_usecases::letters::{LetterRequest, PersonRef, Recipients, compose_letters};
//! use redress_core::identity::ProfileInput;
//! use redress_core::letter::LetterKind;
//! use redress_core::registry::Registry;
//!
//! let registry = Registry::builtin().unwrap();
//! let clock = FixedClock("2026-11-25T10:00[Europe/Paris]".parse().unwrap());
//! let mut request = LetterRequest::new(LetterKind::Access);
//! request.person = Some(PersonRef::Given(Box::new(ProfileInput {
//!     name: "Zoé Martin".into(),
//!     emails: vec!["zoe@example.fr".into()],
//!     ..Default::default()
//! })));
//! request.recipients = Recipients::Vendors(vec!["kaspr".into()]);
//! let batch = compose_letters(None, &registry, &clock, &request).unwrap();
//! assert_eq!(batch.letters[0].letter.to_email.as_deref(), Some("privacy@kaspr.io"));
//! ```

pub mod cases;
pub mod clock;
pub mod complaint;
pub mod data_paths;
pub mod demo;
pub mod discovery;
pub mod dossier_material;
pub mod error;
pub mod imap_scan;
pub mod letters;
pub mod mail_sync;
pub mod mailbox;
pub mod people;
pub mod registry_load;

pub use clock::{Clock, FixedClock, SystemClock, front_end_clock};
pub use data_paths::DataPaths;
pub use error::{Error, Refusal, Result};
pub use registry_load::{LoadedRegistry, load_registry};
