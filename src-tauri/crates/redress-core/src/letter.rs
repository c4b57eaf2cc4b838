//! Letters: the requests Redress writes to vendors (access, objection, erasure, combined,
//! source inquiry, reminder) and the mandate an advocate needs, in English, French and German.
//!
//! A letter is composed in two steps. [`compose`] fills the template for the kind and language
//! (files under `letters/<lang>/`, one per kind) with the people, the recipient and the options,
//! and returns a [`Letter`]: structured blocks, not formatted text. The formats then render that
//! one structure: [`Letter::plain_text`], [`email::eml`], [`email::mailto`] here, and the PDF in
//! `redress-pdf`. Nothing here reads a clock: the letter's date and the e-mail's timestamp are
//! passed in.
//!
//! ```
//! use redress_core::identity::{Lang, ProfileInput};
//! use redress_core::letter::{compose, LetterInput, LetterKind, Recipient};
//! use redress_core::registry::Registry;
//!
//! let registry = Registry::builtin().unwrap();
//! let kaspr = registry.vendor("kaspr").unwrap();
//! let person = ProfileInput { name: "Zoé Martin".into(), emails: vec!["zoe@example.fr".into()], ..Default::default() };
//! let input = LetterInput::new(LetterKind::Access, Lang::Fr, &person, Recipient::vendor(kaspr, &registry),
//!     jiff::civil::date(2026, 11, 25));
//! let letter = compose(&input).unwrap();
//! assert!(letter.subject.contains("article 15"));
//! assert!(letter.plain_text().contains("Zoé Martin"));
//! ```

mod access_item;
mod compose;
mod dates;
pub mod email;
mod format;
mod kind;
mod model;
mod template;

pub use access_item::AccessItem;
pub use compose::{
    ContactEvent, LetterInput, LetterOptions, ObjectionGrounds, Recipient, ReminderFacts, compose, native_name,
};
pub use dates::long_date;
pub use format::LetterFormat;
pub use kind::LetterKind;
pub use model::{Block, Letter};

/// The time a reminder gives the vendor before the complaint, counted in days from the
/// reminder's date. Every reminder template says it in words ("two weeks", « deux semaines »,
/// „zwei Wochen"); `reminder_templates_say_the_period_the_complaint_waits_for` keeps them equal.
pub const REMINDER_PERIOD_DAYS: i64 = 14;
