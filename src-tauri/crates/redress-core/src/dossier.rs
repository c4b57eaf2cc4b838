//! The complaint dossier: everything a supervisory authority needs to act on a vendor's failure,
//! built from the cases against it: summary, parties, chronology with the computed deadlines, the
//! grievances mapped to articles with the decisions that support them, what is asked, and the
//! list of exhibits. It is written in French for the CNIL (which takes complaints in French only),
//! in German or English for other authorities ([`dossier_lang`] picks one). [`compose`] returns a
//! [`Report`](crate::report::Report) whose exhibits the caller fills with the files;
//! `redress-pdf` renders it. [`form_text`] gives the texts for the authority's complaint form.
//!
//! Rust decides which grievances apply and with which facts; the words are templates, one folder
//! per language (`complaint/<lang>/*.txt`, compiled in), as the letters' are.

mod compose;
pub mod exhibit_titles;
mod facts;
mod grievances;
mod lang;
mod phrases;
mod template;

pub use compose::{compose, compose_fr, form_text, form_text_fr};
pub use facts::{DossierCase, DossierInput, ExhibitEntry, Ripeness};
pub use grievances::{Grievance, grievances, grievances_in};
pub use lang::dossier_lang;
