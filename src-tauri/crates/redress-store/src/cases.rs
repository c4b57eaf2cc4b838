//! Cases and their append-only timelines. The status and deadline are never stored: they are
//! replayed from the timeline (`redress_core::case::replay`), so they cannot disagree with it.

pub use redress_core::case::{Case, CaseId, TimelineEntry};
use redress_core::case::{CaseEvent, DeadlineEntry, RequestKind, apply, replay};
use redress_core::deadline::Calendar;
use redress_core::registry::Registry;
use rusqlite::{OptionalExtension, params};

use crate::error::StoreError;
use crate::profiles::ProfileId;
use crate::store::{Store, sql};

/// Every case of a store: those that can be read, and why each of the others cannot.
#[derive(Debug)]
pub struct CaseList {
    /// Oldest first.
    pub cases: Vec<Case>,
    /// One `StoreError::DamagedCase` per case whose timeline cannot be replayed.
    pub damaged: Vec<StoreError>,
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
        let kind = kind
            .parse::<RequestKind>()
            .ok()
            .ok_or_else(|| StoreError::DamagedCase { id, detail: format!("it has an unknown kind {kind:?}") })?;
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
                    .map_err(|e| StoreError::DamagedCase { id, detail: format!("it has an unreadable event ({e})") })?;
                Ok(TimelineEntry { recorded_at, event })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let (status, deadline) =
            replay(timeline.iter().map(|t| &t.event), &calendar(&holiday_country)).map_err(|e| {
                let detail = match e {
                    redress_core::Error::DateOutOfRange { .. } => {
                        format!("its timeline holds a date an older Redress should have refused ({e})")
                    }
                    e => format!("its timeline does not add up ({e})"),
                };
                StoreError::DamagedCase { id, detail }
            })?;
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

    /// Every case that can be read, oldest first. A case whose timeline cannot be replayed is
    /// left out rather than making every other case unreachable with it (the overdue watch,
    /// calendar export and person pages keep working); [`Store::case_list`] says which were.
    pub fn cases(&self) -> Result<Vec<Case>, StoreError> {
        Ok(self.case_list()?.cases)
    }

    /// Every case, oldest first, with those that cannot be read set apart, each with its error,
    /// so a list can show what it left out. Only a damaged timeline sets a case apart; a
    /// database failure still fails the whole list.
    pub fn case_list(&self) -> Result<CaseList, StoreError> {
        let ids: Vec<i64> = {
            let mut stmt =
                self.conn.prepare_cached("SELECT id FROM cases ORDER BY id").map_err(|e| sql(&self.path, e))?;
            stmt.query_map([], |r| r.get(0))
                .map_err(|e| sql(&self.path, e))?
                .collect::<Result<_, _>>()
                .map_err(|e| sql(&self.path, e))?
        };
        let mut list = CaseList { cases: Vec::with_capacity(ids.len()), damaged: Vec::new() };
        for id in ids {
            match self.case(id) {
                Ok(case) => list.cases.push(case),
                Err(e @ StoreError::DamagedCase { .. }) => list.damaged.push(e),
                Err(e) => return Err(e),
            }
        }
        Ok(list)
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

    /// Adds `event` to the case's timeline if it may follow the current status and its dates
    /// are in range; otherwise nothing is written and the error says why and what to do.
    pub fn record_event(&mut self, id: CaseId, event: CaseEvent, now: jiff::Timestamp) -> Result<Case, StoreError> {
        let case = self.case(id)?;
        apply(case.status, &event, case.deadline.as_ref())?;
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

    fn events_of(store: &Store, id: i64) -> i64 {
        store.conn.query_row("SELECT count(*) FROM case_events WHERE case_id = ?1", [id], |r| r.get(0)).expect("count")
    }

    /// Regression: an older Redress recorded `case sent 2 --on 9999-12-31`, after which every
    /// case command of the store panicked. Such a row (inserted here with SQL, as that version
    /// did) makes only its own case unreadable, with an error that says what to do; the other
    /// cases load, and nothing more is written to the damaged one.
    #[test]
    fn a_case_with_an_out_of_range_event_leaves_the_store_usable() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::create(
            &dir.path().join("s.db"),
            NewKey::Passphrase(Passphrase::new("damaged case test".into())),
            &NoKeyring,
        )
        .expect("create");
        let now = jiff::Timestamp::UNIX_EPOCH;
        let p = store.add_profile(ProfileInput { name: "Anna".into(), ..Default::default() }, now).expect("profile");
        let sent = |on| CaseEvent::Sent { channel: Channel::Email, on, received_on: None, reference: None };
        let good = store.open_case(p.id, "kaspr", "FR", RequestKind::Access, now).expect("case");
        store.record_event(good.id, sent(jiff::civil::date(2025, 3, 5)), now).expect("sent");
        let bad = store.open_case(p.id, "lusha", "FR", RequestKind::Access, now).expect("case");
        let json = serde_json::to_string(&sent(jiff::civil::date(9999, 12, 31))).expect("json");
        store
            .conn
            .execute(
                "INSERT INTO case_events (case_id, recorded_at, event) VALUES (?1, ?2, ?3)",
                rusqlite::params![bad.id, now.to_string(), json],
            )
            .expect("the old version could write this");

        let err = store.case(bad.id).expect_err("damaged");
        assert!(matches!(err, StoreError::DamagedCase { id, .. } if id == bad.id), "{err}");
        assert!(!err.is_user_error(), "a version of Redress wrote it, not the user");
        let message = err.to_string();
        let which = format!("case {} cannot be read", bad.id);
        for want in [
            which.as_str(),
            "\"9999-12-31\" is out of range: Redress accepts dates from 1900-01-01 to 2199-12-31",
            "Your other cases are not affected",
            "open a new case",
        ] {
            assert!(message.contains(want), "{message:?} lacks {want:?}");
        }

        // The other case still loads, alone in the list; the list says what it left out.
        let ids: Vec<i64> = store.cases().expect("cases").iter().map(|c| c.id).collect();
        assert_eq!(ids, [good.id]);
        let list = store.case_list().expect("list");
        assert_eq!(list.cases.len(), 1);
        assert!(matches!(list.damaged.as_slice(), [StoreError::DamagedCase { id, .. }] if *id == bad.id));
        assert_eq!(
            store.deadline_entries(&redress_core::registry::Registry::builtin().expect("registry")).expect("ics").len(),
            1
        );

        // Nothing more is written to the damaged case.
        let closed = CaseEvent::Closed { on: jiff::civil::date(2025, 4, 1), note: None };
        assert!(matches!(store.record_event(bad.id, closed, now), Err(StoreError::DamagedCase { .. })));
        assert_eq!(events_of(&store, bad.id), 1);

        // The store goes on working, and refuses the same mistake before writing it.
        let err = store.record_event(good.id, CaseEvent::Acknowledged { on: jiff::civil::date(9999, 12, 31) }, now);
        let err = err.expect_err("out of range");
        assert!(matches!(err, StoreError::Core(redress_core::Error::DateOutOfRange { .. })), "{err}");
        assert!(err.is_user_error());
        assert_eq!(events_of(&store, good.id), 1, "nothing was written");
        let again = store.open_case(p.id, "lusha", "FR", RequestKind::Access, now).expect("a new case");
        let again = store.record_event(again.id, sent(jiff::civil::date(2025, 3, 6)), now).expect("sent");
        assert_eq!(again.status, redress_core::case::CaseStatus::Sent);
    }
}
