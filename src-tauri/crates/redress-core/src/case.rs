//! Cases: one person × one vendor × one request, and the lifecycle it goes through.
//!
//! draft → sent → (acknowledged) → answered (complete / incomplete / no data held / refused)
//! or overdue → reminded → escalated (complaint) → closed. Every change is an event in an
//! append-only timeline; the status is what the events add up to, so it can always be
//! explained and never drifts from the record.

mod completeness;
mod ics;
mod lifecycle;
mod overdue;
mod record;

pub use completeness::{ChecklistEntry, Hint, ItemState, checklist_applies, hints, missing_items};
pub use ics::{DeadlineEntry, deadlines_ics};
pub use lifecycle::{
    AnswerKind, CaseEvent, CaseStatus, Channel, EventKind, IllegalTransition, RequestKind, apply, replay,
};
pub use overdue::{LateAnswer, overdue_notice};
pub use record::{Case, CaseFile, CaseId, FileRole, ProfileId, TimelineEntry};
