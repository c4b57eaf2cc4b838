//! The complaint dossier: everything a supervisory authority needs to act on a vendor's failure,
//! built from the cases against it. For the CNIL it is written in French (the CNIL takes
//! complaints in French only): summary, parties, chronology with the computed deadlines, the
//! grievances mapped to articles with the decisions that support them, what is asked, and the
//! list of exhibits. [`compose_fr`] returns a [`Report`](crate::report::Report) whose exhibits
//! the caller fills with the files; `redress-pdf` renders it.

mod compose_fr;
mod facts;
mod grievances;

pub use compose_fr::{compose_fr, form_text_fr};
pub use facts::{DossierCase, DossierInput, ExhibitEntry};
pub use grievances::{Grievance, grievances};
