//! Cases and their append-only timelines. The status and deadline are never stored: they are
//! replayed from the timeline (`redress_core::case::replay`), so they cannot disagree with it.

use redress_core::case::{CaseEvent, CaseStatus, ChecklistEntry, DeadlineEntry, RequestKind, apply, replay};
use redress_core::deadline::{Calendar, Deadline};
use redress_core::letter::{AccessItem, ReminderFacts};
use redress_core::registry::Registry;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::case_files::CaseFile;
use crate::error::StoreError;
use crate::profiles::ProfileId;
use crate::store::{Store, sql};

pub type CaseId = i64;

/// One timeline entry: what happened and when it was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    pub recorded_at: String,
    #[serde(flatten)]
    pub event: CaseEvent,
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
    pub fn is_overdue(&self, today: jiff::civil::Date) -> bool {
        self.status == CaseStatus::Overdue
            || (self.status.awaiting_answer() && self.deadline.as_ref().is_some_and(|d| today > d.due))
    }

    /// Days left until the end of the due day (negative once late).
    pub fn days_left(&self, today: jiff::civil::Date) -> Option<i32> {
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

fn calendar(country: &str) -> Calendar {
    Calendar::for_country_or_fr(Some(country))
}

impl Store {
    /// Opens a draft case: `profile` asks `vendor_id` (checked against the registry by the
    /// caller) with a request of `kind`; deadlines use `holiday_country`'s calendar.
    pub fn open_case(
        &mut self,
        profile: ProfileId,
        vendor_id: &str,
        holiday_country: &str,
        kind: RequestKind,
        now: jiff::Timestamp,
    ) -> Result<Case, StoreError> {
        self.profile(profile)?;
        let country = calendar(holiday_country).country();
        self.conn
            .execute(
                "INSERT INTO cases (profile_id, vendor_id, holiday_country, kind, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![profile, vendor_id, country, kind.code(), now.to_string()],
            )
            .map_err(|e| sql(&self.path, e))?;
        self.case(self.conn.last_insert_rowid())
    }

    pub fn case(&self, id: CaseId) -> Result<Case, StoreError> {
        let row = self
            .conn
            .query_row(
                "SELECT profile_id, vendor_id, holiday_country, kind, created_at FROM cases WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| sql(&self.path, e))?
            .ok_or(StoreError::UnknownCase { id })?;
        let (profile_id, vendor_id, holiday_country, kind, created_at) = row;
        let kind =
            RequestKind::parse(&kind).ok_or_else(|| self.damaged(format!("case {id} has an unknown kind {kind:?}")))?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT recorded_at, event FROM case_events WHERE case_id = ?1 ORDER BY id")
            .map_err(|e| sql(&self.path, e))?;
        let timeline = stmt
            .query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| sql(&self.path, e))?
            .map(|row| {
                let (recorded_at, json) = row.map_err(|e| sql(&self.path, e))?;
                let event = serde_json::from_str(&json)
                    .map_err(|e| self.damaged(format!("case {id} has an unreadable event: {e}")))?;
                Ok(TimelineEntry { recorded_at, event })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let (status, deadline) = replay(timeline.iter().map(|t| &t.event), &calendar(&holiday_country))
            .map_err(|e| self.damaged(format!("case {id}'s timeline does not add up: {e}")))?;
        let files = self.case_files(id)?;
        let checklist = self.checklist(id)?;
        Ok(Case {
            id,
            profile_id,
            vendor_id,
            holiday_country,
            kind,
            created_at,
            status,
            deadline,
            timeline,
            files,
            checklist,
        })
    }

    /// Every case, oldest first.
    pub fn cases(&self) -> Result<Vec<Case>, StoreError> {
        let ids: Vec<i64> = {
            let mut stmt =
                self.conn.prepare_cached("SELECT id FROM cases ORDER BY id").map_err(|e| sql(&self.path, e))?;
            stmt.query_map([], |r| r.get(0))
                .map_err(|e| sql(&self.path, e))?
                .collect::<Result<_, _>>()
                .map_err(|e| sql(&self.path, e))?
        };
        ids.into_iter().map(|id| self.case(id)).collect()
    }

    /// Calendar entries for the cases still awaiting an answer, with the deadline's counting
    /// steps in the description (for `redress case ics` and the Cases screen's export).
    pub fn deadline_entries(&self, registry: &Registry) -> Result<Vec<DeadlineEntry>, StoreError> {
        let mut entries = Vec::new();
        for c in self.cases()? {
            let (Some(d), true) = (&c.deadline, c.status.awaiting_answer()) else { continue };
            let person = self
                .profile(c.profile_id)
                .map(|p| p.fields.name)
                .unwrap_or_else(|_| format!("person {}", c.profile_id));
            let vendor = registry.vendor(&c.vendor_id).map_or(c.vendor_id.clone(), |v| v.name.clone());
            let mut description = format!("Case {}: {} to {vendor}, for {person}.\n", c.id, c.kind.label());
            for s in &d.steps {
                description.push_str(&s.explain());
                description.push('\n');
            }
            description
                .push_str("If there is no complete answer by then: send a reminder, then complain to the authority.");
            entries.push(DeadlineEntry {
                uid: format!("redress-case-{}-{}@redress.local", c.id, c.created_at),
                due: d.due,
                summary: format!("{vendor} must answer {person}'s request (Art. 12(3) GDPR)"),
                description,
            });
        }
        Ok(entries)
    }

    /// Adds `event` to the case's timeline if it may follow the current status; otherwise
    /// nothing is written and the error says why and what to do.
    pub fn record_event(&mut self, id: CaseId, event: CaseEvent, now: jiff::Timestamp) -> Result<Case, StoreError> {
        let case = self.case(id)?;
        apply(case.status, &event, case.deadline.as_ref()).map_err(StoreError::IllegalTransition)?;
        let json = serde_json::to_string(&event).expect("events serialise");
        self.conn
            .execute(
                "INSERT INTO case_events (case_id, recorded_at, event) VALUES (?1, ?2, ?3)",
                params![id, now.to_string(), json],
            )
            .map_err(|e| sql(&self.path, e))?;
        self.case(id)
    }
}

#[cfg(test)]
mod tests {
    use redress_core::case::{CaseEvent, Channel, RequestKind};
    use redress_core::identity::ProfileInput;

    use crate::{NewKey, NoKeyring, Passphrase, Store, StoreError};

    #[test]
    fn the_timeline_cannot_be_rewritten() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::create(
            &dir.path().join("s.db"),
            NewKey::Passphrase(Passphrase::new("timeline test".into())),
            &NoKeyring,
        )
        .expect("create");
        let now = jiff::Timestamp::UNIX_EPOCH;
        let p = store.add_profile(ProfileInput { name: "Anna".into(), ..Default::default() }, now).expect("profile");
        let c = store.open_case(p.id, "kaspr", "FR", RequestKind::Access, now).expect("case");
        let sent = CaseEvent::Sent {
            channel: Channel::Email,
            on: jiff::civil::date(2025, 3, 5),
            received_on: None,
            reference: None,
        };
        store.record_event(c.id, sent, now).expect("sent");
        let err = store.conn.execute("UPDATE case_events SET event = '{}'", []).expect_err("append-only");
        assert!(err.to_string().contains("the case timeline is append-only"), "{err}");
        let err = store.remove_profile(p.id).expect_err("has cases");
        assert!(matches!(err, StoreError::ProfileHasCases { .. }), "{err}");
    }
}
