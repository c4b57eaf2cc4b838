//! A case as the person sees it: who asks which vendor for what, its timeline, the files kept
//! with it and the checklist of an access answer, with the rules read from them (overdue, days
//! left, what a reminder says). The store reads and writes it; it lives here with its rules.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::completeness::ChecklistEntry;
use super::lifecycle::{CaseEvent, CaseStatus, RequestKind};
use crate::deadline::Deadline;
use crate::letter::{AccessItem, ReminderFacts};

pub type CaseId = i64;
/// A person's profile.
pub type ProfileId = i64;

/// One timeline entry: what happened and when it was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    pub recorded_at: String,
    #[serde(flatten)]
    pub event: CaseEvent,
}

/// What a file kept with a case is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum FileRole {
    /// What the vendor sent back.
    Reply,
    /// Proof the request was sent (registered-letter receipt, sent e-mail, form confirmation).
    Proof,
}

crate::spelled!(FileRole, "file role", { Reply => "reply", Proof => "proof" });

/// A file kept with a case, without its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseFile {
    pub id: i64,
    pub case_id: CaseId,
    pub role: FileRole,
    pub file_name: String,
    pub media_type: String,
    pub sha256: String,
    pub size: u64,
    pub from_address: Option<String>,
    pub subject: Option<String>,
    /// The day the document is dated (an e-mail's Date), when known.
    pub dated: Option<Date>,
    pub added_at: String,
}

/// A case as the user sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Case {
    pub id: CaseId,
    pub profile_id: ProfileId,
    pub vendor_id: String,
    /// The country whose public holidays count for the deadline (the controller's).
    pub holiday_country: String,
    pub kind: RequestKind,
    pub created_at: String,
    pub status: CaseStatus,
    pub deadline: Option<Deadline>,
    pub timeline: Vec<TimelineEntry>,
    /// Replies and proofs of sending, oldest first (content not loaded).
    pub files: Vec<CaseFile>,
    /// What the user found in an access answer, item by item.
    pub checklist: Vec<ChecklistEntry>,
}

impl Case {
    /// The vendor still owes an answer and its deadline has passed.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.status == CaseStatus::Overdue
            || (self.status.awaiting_answer() && self.deadline.as_ref().is_some_and(|d| today > d.due))
    }

    /// Days left until the end of the due day (negative once late).
    pub fn days_left(&self, today: Date) -> Option<i32> {
        self.deadline.as_ref().map(|d| (d.due - today).get_days())
    }
}

impl Case {
    /// What a reminder for this case says: the request, when it was sent (and its reference),
    /// when it was due, when an answer came, and what that answer lacked. `None` while the case
    /// has not been sent: there is nothing to chase yet.
    pub fn reminder_facts(&self, missing: Vec<AccessItem>) -> Option<ReminderFacts> {
        let (sent_on, reference) = self.timeline.iter().find_map(|e| match &e.event {
            CaseEvent::Sent { on, reference, .. } => Some((*on, reference.clone())),
            _ => None,
        })?;
        let answered_on = self.timeline.iter().rev().find_map(|e| match &e.event {
            CaseEvent::Answered { on, .. } => Some(*on),
            _ => None,
        });
        Some(ReminderFacts {
            request: self.kind,
            sent_on,
            due_on: self.deadline.as_ref().map(|d| d.due),
            answered_on,
            missing,
            reference,
        })
    }
}
