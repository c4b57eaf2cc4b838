//! What the person found out about vendors outside of requests: mailbox scans (their tallies
//! and a few example messages), online breach checks, and what they saw on vendors' self-check
//! pages (with a screenshot if they kept one). With the cases, this is what the exposure board
//! (`redress_core::exposure`) reads.

use redress_core::case::CaseEvent;
use redress_core::exposure::{BreachHit, CaseAnswer, ExposureFacts, MailEvidence, SelfCheck, SelfCheckOutcome};
use redress_core::tool::ToolKind;
use redress_mail::{MessageReport, ScanSummary};
use rusqlite::params;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::StoreError;
use crate::profiles::ProfileId;
use crate::store::{Store, sql};

/// Screenshots are PNG or JPEG captures of a page; anything bigger is almost certainly wrong.
pub const MAX_SCREENSHOT_BYTES: usize = 20 * 1024 * 1024;

/// One stored mailbox scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailScanRecord {
    pub id: i64,
    pub profile_id: ProfileId,
    pub scanned_at: String,
    /// What was scanned, as the user would recognise it (file names).
    pub label: String,
    pub summary: ScanSummary,
    pub examples: Vec<MessageReport>,
}

/// The latest online check of one address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BreachCheckRecord {
    pub email: String,
    pub checked_at: String,
    /// HIBP breach names the address appears in (empty: in none).
    pub breaches: Vec<String>,
}

/// What the person saw on a vendor's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SelfCheckRecord {
    pub id: i64,
    pub vendor_id: String,
    pub checked_on: jiff::civil::Date,
    pub outcome: SelfCheckOutcome,
    pub note: Option<String>,
    pub screenshot_name: Option<String>,
    pub screenshot_sha256: Option<String>,
    pub recorded_at: String,
}

impl Store {
    /// Keeps a scan's tally and examples for `profile`.
    pub fn record_mail_scan(
        &mut self,
        profile: ProfileId,
        label: &str,
        summary: &ScanSummary,
        examples: &[MessageReport],
        now: jiff::Timestamp,
    ) -> Result<MailScanRecord, StoreError> {
        self.profile(profile)?;
        let summary_json = serde_json::to_string(summary).map_err(|e| self.damaged(format!("scan summary: {e}")))?;
        let examples_json = serde_json::to_string(examples).map_err(|e| self.damaged(format!("scan examples: {e}")))?;
        self.conn
            .execute(
                "INSERT INTO mail_scans (profile_id, scanned_at, label, summary, examples) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![profile, now.to_string(), label, summary_json, examples_json],
            )
            .map_err(|e| sql(&self.path, e))?;
        let id = self.conn.last_insert_rowid();
        Ok(MailScanRecord {
            id,
            profile_id: profile,
            scanned_at: now.to_string(),
            label: label.to_owned(),
            summary: summary.clone(),
            examples: examples.to_vec(),
        })
    }

    /// The person's scans, newest first.
    pub fn mail_scans(&self, profile: ProfileId) -> Result<Vec<MailScanRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, scanned_at, label, summary, examples FROM mail_scans WHERE profile_id = ?1 ORDER BY id DESC",
            )
            .map_err(|e| sql(&self.path, e))?;
        let rows = stmt
            .query_map([profile], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })
            .map_err(|e| sql(&self.path, e))?;
        rows.map(|row| {
            let (id, scanned_at, label, summary, examples) = row.map_err(|e| sql(&self.path, e))?;
            Ok(MailScanRecord {
                id,
                profile_id: profile,
                scanned_at,
                label,
                summary: serde_json::from_str(&summary).map_err(|e| self.damaged(format!("scan {id}: {e}")))?,
                examples: serde_json::from_str(&examples).map_err(|e| self.damaged(format!("scan {id}: {e}")))?,
            })
        })
        .collect()
    }

    /// Keeps the answer of an online check of `email` (the HIBP breach names it appears in).
    pub fn record_breach_check(
        &mut self,
        profile: ProfileId,
        email: &str,
        breaches: &[String],
        now: jiff::Timestamp,
    ) -> Result<(), StoreError> {
        self.profile(profile)?;
        let names = serde_json::to_string(breaches).map_err(|e| self.damaged(e.to_string()))?;
        self.conn
            .execute(
                "INSERT INTO breach_checks (profile_id, email, checked_at, breaches) VALUES (?1, ?2, ?3, ?4)",
                params![profile, email.trim().to_ascii_lowercase(), now.to_string(), names],
            )
            .map_err(|e| sql(&self.path, e))?;
        Ok(())
    }

    /// The latest check of each of the person's addresses.
    pub fn breach_checks(&self, profile: ProfileId) -> Result<Vec<BreachCheckRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT email, checked_at, breaches FROM breach_checks b WHERE profile_id = ?1
                 AND id = (SELECT max(id) FROM breach_checks WHERE profile_id = b.profile_id AND email = b.email)
                 ORDER BY email",
            )
            .map_err(|e| sql(&self.path, e))?;
        let rows = stmt
            .query_map([profile], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))
            .map_err(|e| sql(&self.path, e))?;
        rows.map(|row| {
            let (email, checked_at, names) = row.map_err(|e| sql(&self.path, e))?;
            let breaches =
                serde_json::from_str(&names).map_err(|e| self.damaged(format!("breach check of {email}: {e}")))?;
            Ok(BreachCheckRecord { email, checked_at, breaches })
        })
        .collect()
    }

    /// Records what the person saw on `vendor`'s page, with an optional screenshot (PNG/JPEG).
    #[allow(clippy::too_many_arguments)]
    pub fn record_self_check(
        &mut self,
        profile: ProfileId,
        vendor: &str,
        on: jiff::civil::Date,
        outcome: SelfCheckOutcome,
        note: Option<&str>,
        screenshot: Option<(&str, &[u8])>,
        now: jiff::Timestamp,
    ) -> Result<SelfCheckRecord, StoreError> {
        self.profile(profile)?;
        let (name, sha, bytes) = match screenshot {
            Some((name, bytes)) => {
                let media = redress_core::media_type::sniff_media_type(bytes);
                if !matches!(media, Some("image/png" | "image/jpeg")) {
                    return Err(StoreError::InvalidFile {
                        file: name.to_owned(),
                        message: "a screenshot must be a PNG or JPEG image".into(),
                    });
                }
                if bytes.len() > MAX_SCREENSHOT_BYTES {
                    return Err(StoreError::InvalidFile {
                        file: name.to_owned(),
                        message: format!("the image is larger than {} MiB", MAX_SCREENSHOT_BYTES / (1024 * 1024)),
                    });
                }
                let sha: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
                (Some(name.to_owned()), Some(sha), Some(bytes))
            }
            None => (None, None, None),
        };
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        self.conn
            .execute(
                "INSERT INTO self_checks (profile_id, vendor_id, checked_on, outcome, note, screenshot_name, screenshot_sha256, screenshot, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![profile, vendor, on.to_string(), outcome.code(), note, name, sha, bytes, now.to_string()],
            )
            .map_err(|e| sql(&self.path, e))?;
        let id = self.conn.last_insert_rowid();
        self.self_checks(profile)?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| self.damaged("self-check vanished".into()))
    }

    /// The person's self-checks, oldest first.
    pub fn self_checks(&self, profile: ProfileId) -> Result<Vec<SelfCheckRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, vendor_id, checked_on, outcome, note, screenshot_name, screenshot_sha256, recorded_at
                 FROM self_checks WHERE profile_id = ?1 ORDER BY id",
            )
            .map_err(|e| sql(&self.path, e))?;
        let rows = stmt
            .query_map([profile], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, String>(7)?,
                ))
            })
            .map_err(|e| sql(&self.path, e))?;
        rows.map(|row| {
            let (id, vendor_id, on, outcome, note, screenshot_name, screenshot_sha256, recorded_at) =
                row.map_err(|e| sql(&self.path, e))?;
            let outcome = outcome
                .parse::<SelfCheckOutcome>()
                .ok()
                .ok_or_else(|| self.damaged(format!("self-check {id} has an unknown outcome {outcome:?}")))?;
            Ok(SelfCheckRecord {
                id,
                vendor_id,
                checked_on: on.parse().map_err(|e| self.damaged(format!("self-check {id}: {e}")))?,
                outcome,
                note,
                screenshot_name,
                screenshot_sha256,
                recorded_at,
            })
        })
        .collect()
    }

    /// Everything the exposure board reads about one person: scans, checks, self-checks, and the
    /// vendors' answers in their cases.
    pub fn exposure_facts(&self, profile: ProfileId) -> Result<ExposureFacts, StoreError> {
        self.profile(profile)?;
        let mut facts = ExposureFacts::default();
        // The same mailbox scanned again replaces its earlier scan (scans come newest first).
        let mut labels = std::collections::HashSet::new();
        for scan in self.mail_scans(profile)?.into_iter().filter(|s| labels.insert(s.label.clone())) {
            for t in scan.summary.tools {
                let Some(vendor) = t.vendor else { continue };
                match facts.mail.iter_mut().find(|m| m.vendor == vendor && m.kind == t.kind) {
                    Some(m) => {
                        m.messages += t.messages;
                        m.confidence = m.confidence.max(t.best_confidence);
                        m.last_date = m.last_date.max(t.last_date);
                    }
                    None => facts.mail.push(MailEvidence {
                        vendor,
                        tool_name: t.tool_name,
                        kind: t.kind,
                        confidence: t.best_confidence,
                        messages: t.messages,
                        last_date: t.last_date,
                    }),
                }
            }
        }
        facts.mail.sort_by_key(|m| (m.kind != ToolKind::ContactDataVendor, m.vendor.clone()));
        for check in self.breach_checks(profile)? {
            let checked_on = check
                .checked_at
                .parse::<jiff::Timestamp>()
                .map_or(jiff::civil::date(1970, 1, 1), |t| t.to_zoned(jiff::tz::TimeZone::UTC).date());
            for breach in check.breaches {
                facts.breaches.push(BreachHit { breach, email: check.email.clone(), checked_on });
            }
        }
        for s in self.self_checks(profile)? {
            facts.self_checks.push(SelfCheck {
                vendor: s.vendor_id,
                on: s.checked_on,
                outcome: s.outcome,
                note: s.note,
                screenshot: s.screenshot_name,
            });
        }
        for case in self.cases()?.into_iter().filter(|c| c.profile_id == profile) {
            if !facts.open_cases.iter().any(|(v, _)| v == &case.vendor_id) {
                facts.open_cases.push((case.vendor_id.clone(), case.id));
            }
            for entry in &case.timeline {
                if let CaseEvent::Answered { kind, on } = &entry.event {
                    facts.answers.push(CaseAnswer {
                        vendor: case.vendor_id.clone(),
                        case_id: case.id,
                        request: case.kind,
                        answer: *kind,
                        on: *on,
                    });
                }
            }
        }
        Ok(facts)
    }
}
