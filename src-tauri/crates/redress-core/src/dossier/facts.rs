//! What a dossier is built from: the people, the vendor, the authority, and per case the
//! timeline, the deadline and the missing items.

use jiff::civil::Date;

use crate::case::{AnswerKind, CaseEvent, CaseStatus, RequestKind};
use crate::deadline::Deadline;
use crate::identity::ProfileInput;
use crate::letter::AccessItem;
use crate::registry::{Authority, Vendor};

/// One case as the dossier sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierCase {
    pub id: i64,
    pub kind: RequestKind,
    pub status: CaseStatus,
    /// The events, in the order they happened.
    pub timeline: Vec<CaseEvent>,
    pub deadline: Option<Deadline>,
    /// What the answer lacked (the checklist's missing items).
    pub missing: Vec<AccessItem>,
}

impl DossierCase {
    pub fn sent(&self) -> Option<(Date, Option<Date>)> {
        self.timeline.iter().find_map(|e| match e {
            CaseEvent::Sent { on, received_on, .. } => Some((*on, *received_on)),
            _ => None,
        })
    }

    /// The last answer, if any.
    pub fn answer(&self) -> Option<(AnswerKind, Date)> {
        self.timeline.iter().rev().find_map(|e| match e {
            CaseEvent::Answered { kind, on } => Some((*kind, *on)),
            _ => None,
        })
    }

    pub fn extended(&self) -> bool {
        self.timeline.iter().any(|e| matches!(e, CaseEvent::ExtensionAnnounced { .. }))
    }

    pub fn reminded_on(&self) -> Option<Date> {
        self.timeline.iter().find_map(|e| match e {
            CaseEvent::Reminded { on } => Some(*on),
            _ => None,
        })
    }

    /// The deadline has passed (on `today`) with no answer, or the answer came after it.
    pub fn late(&self, today: Date) -> bool {
        let Some(due) = self.deadline.as_ref().map(|d| d.due) else { return false };
        match self.answer() {
            Some((_, on)) => on > due,
            None => today > due,
        }
    }
}

/// A supporting document, numbered in the order it appears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExhibitEntry {
    pub number: u32,
    /// "Demande d'accès envoyée le 5 mars 2025", "Réponse de la société du 1er avril 2025".
    pub title: String,
    /// The case it belongs to (None: the mandate).
    pub case_id: Option<i64>,
    pub dated: Option<Date>,
}

/// Everything the dossier is made from.
#[derive(Debug, Clone)]
pub struct DossierInput<'a> {
    pub complainant: &'a ProfileInput,
    /// An advocate filing for the complainant (a mandate is then among the exhibits).
    pub agent: Option<&'a ProfileInput>,
    pub vendor: &'a Vendor,
    pub authority: &'a Authority,
    pub cases: Vec<DossierCase>,
    pub exhibits: Vec<ExhibitEntry>,
    /// The complainant states they were never told by the vendor that it held their data
    /// (Art. 14): only the user knows this, so it is never assumed.
    pub never_informed: bool,
    /// Anything else the complainant wants the authority to know, one paragraph each.
    pub observations: Vec<String>,
    /// The dossier's date.
    pub date: Date,
}
