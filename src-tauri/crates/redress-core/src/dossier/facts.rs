//! What a dossier is built from: the people, the vendor, the authority, and per case the
//! timeline, the deadline and the missing items.

use jiff::ToSpan;
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

    /// Whether, on `today`, a grievance about this request can be put to the authority.
    ///
    /// The CNIL takes a complaint about a request only once the organisation has had its chance
    /// to answer: the period of Art. 12(3) GDPR (one month, or as extended) must have run, unless
    /// the vendor already refused, or gave an answer that lacks what Art. 15 requires (its answer
    /// is then given, and can be judged). Until then a complaint would be turned away as
    /// premature (CNIL, "Adresser une plainte": exercise your rights with the organisation first
    /// and wait for its answer; see docs/gdpr-facts.md, deadlines and complaints).
    pub fn ripeness(&self, today: Date) -> Ripeness {
        let (Some(_), Some(deadline)) = (self.sent(), self.deadline.as_ref()) else { return Ripeness::NotSent };
        let due = deadline.due;
        match self.answer() {
            Some((AnswerKind::Refused, _)) => return Ripeness::Ripe,
            Some((AnswerKind::Incomplete, _)) if !self.missing.is_empty() => return Ripeness::Ripe,
            Some((AnswerKind::Complete | AnswerKind::NoDataHeld, on)) if on <= due => {
                return Ripeness::AnsweredInTime { on };
            }
            _ => {}
        }
        if today > due {
            Ripeness::Ripe
        } else {
            // The period ends with `due` (Reg. 1182/71, Art. 3(2)(c)): the failure exists the day after.
            Ripeness::From { due, from: due.saturating_add(1.day()) }
        }
    }

    /// The last day of the period a reminder gave the vendor (two weeks from the reminder, as
    /// the reminder letter says), if one was sent.
    pub fn reminder_period_end(&self) -> Option<Date> {
        self.reminded_on().map(|on| on.saturating_add(crate::letter::REMINDER_PERIOD_DAYS.days()))
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

/// Whether a request can be complained of yet ([`DossierCase::ripeness`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "state", rename_all = "kebab-case", rename_all_fields = "camelCase")]
pub enum Ripeness {
    /// Its period has run without a satisfying answer, or the vendor refused or answered short.
    Ripe,
    /// Not sent yet (or not marked sent): there is nothing to complain about.
    NotSent,
    /// The vendor's period runs until `due`; a complaint becomes possible on `from`.
    From { due: Date, from: Date },
    /// The vendor answered in full (or said it holds nothing) within its period.
    AnsweredInTime { on: Date },
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
