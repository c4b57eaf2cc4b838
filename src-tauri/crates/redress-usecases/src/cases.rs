//! Cases: one request to one vendor for one person, from draft to answer. Opening, recording
//! what happened (sending with its proof, an answer, a reply file matched to its case), the
//! Art. 15 checklist, the calendar of deadlines, and hand-over as a case bundle.

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use redress_core::case::{AnswerKind, CaseEvent, Channel, EventKind, ItemState, RequestKind, deadlines_ics};
use redress_core::deadline::{Calendar, SUPPORTED_COUNTRIES};
use redress_core::letter::AccessItem;
use redress_core::limited_read::{BUNDLE_FILE_LIMIT, read_limited};
use redress_core::registry::Registry;
use redress_core::spelling::Spelled;
use redress_mail::read_reply_file;
use redress_store::{Case, CaseBundle, CaseId, CaseList, FileRole, ProfileId, ReplyImport, Store};

use crate::clock::Clock;
use crate::error::{Refusal, Result, accepted_past_date};

/// A case to open.
#[derive(Debug, Clone)]
pub struct OpenCase {
    pub profile: ProfileId,
    pub vendor: String,
    pub kind: RequestKind,
    /// Whose public holidays count for the deadline; `None`: the vendor's country's, or France's
    /// when Redress does not know them.
    pub holiday_country: Option<String>,
}

/// The refusal for a country whose holidays Redress does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Redress knows the public holidays of {}; {country:?} is not one of them", SUPPORTED_COUNTRIES.join(", "))]
pub struct UnknownCountry {
    pub country: String,
}

/// Opens a draft case.
pub fn open_case(store: &mut Store, registry: &Registry, clock: &dyn Clock, request: &OpenCase) -> Result<Case> {
    let vendor = registry.require_vendor(&request.vendor)?;
    let country = match &request.holiday_country {
        Some(c) => Calendar::for_country(c)
            .ok_or_else(|| Refusal::UnknownCountry(UnknownCountry { country: c.clone() }))?
            .country(),
        None => Calendar::for_country_or_fr(vendor.country.as_ref().map(|c| c.as_str())).country(),
    };
    Ok(store.open_case(request.profile, vendor.id.as_str(), country, request.kind, clock.timestamp())?)
}

/// Every case that can be read, oldest first; with `overdue_only`, those whose deadline passed
/// on `today`. A case whose timeline cannot be replayed is left out; [`case_list`] says which.
pub fn list_cases(store: &Store, clock: &dyn Clock, overdue_only: bool) -> Result<Vec<Case>> {
    Ok(case_list(store, clock, overdue_only)?.cases)
}

/// As [`list_cases`], with each case whose timeline cannot be replayed set apart in
/// [`CaseList::damaged`] with its error, so one bad record neither hides the others nor goes
/// unmentioned.
pub fn case_list(store: &Store, clock: &dyn Clock, overdue_only: bool) -> Result<CaseList> {
    let today = clock.today();
    let mut list = store.case_list()?;
    list.cases.retain(|c| !overdue_only || c.is_overdue(today));
    Ok(list)
}

/// An event as a form or the command line gives it: its name and the facts it may carry.
#[derive(Debug, Clone)]
pub struct EventRecord {
    pub kind: EventKind,
    /// The day it happened; `None`: today.
    pub on: Option<Date>,
    /// With `sent`: how.
    pub channel: Option<Channel>,
    /// With `sent`: the day the vendor received it.
    pub received_on: Option<Date>,
    /// With `sent`: Message-ID, registered-letter number or web-form confirmation.
    pub reference: Option<String>,
    /// With `answered`: what kind of answer.
    pub answer: Option<AnswerKind>,
    /// With `closed`: why. With `not-delivered`: the server's reason.
    pub note: Option<String>,
}

impl EventRecord {
    pub fn new(kind: EventKind) -> Self {
        EventRecord { kind, on: None, channel: None, received_on: None, reference: None, answer: None, note: None }
    }

    /// The event, its dates checked; a refusal names what the event needs and lacks.
    pub fn event(self, clock: &dyn Clock) -> Result<CaseEvent> {
        let on = accepted_past_date("on", self.on.unwrap_or_else(|| clock.today()), clock.today())?;
        let needs = |what: String| Refusal::EventNeeds { event: self.kind, what };
        let text = |s: Option<String>| s.filter(|v| !v.trim().is_empty());
        Ok(match self.kind {
            EventKind::Sent => CaseEvent::Sent {
                channel: self.channel.ok_or_else(|| needs(format!("how it was sent ({})", Channel::listed())))?,
                on,
                received_on: self
                    .received_on
                    .map(|d| accepted_past_date("received on", d, clock.today()))
                    .transpose()?,
                reference: text(self.reference),
            },
            EventKind::Acknowledged => CaseEvent::Acknowledged { on },
            EventKind::ExtensionAnnounced => CaseEvent::ExtensionAnnounced { on },
            EventKind::Answered => CaseEvent::Answered {
                kind: self.answer.ok_or_else(|| needs(format!("the kind of answer ({})", AnswerKind::listed())))?,
                on,
            },
            EventKind::MarkedOverdue => CaseEvent::MarkedOverdue { on },
            EventKind::Reminded => CaseEvent::Reminded { on },
            EventKind::Escalated => CaseEvent::Escalated { on },
            EventKind::Closed => CaseEvent::Closed { on, note: text(self.note) },
            EventKind::NotDelivered => CaseEvent::NotDelivered {
                on,
                reason: text(self.note)
                    .ok_or_else(|| needs("the reason the mail server gave (its failure report), as the note".into()))?,
            },
        })
    }
}

/// Records what happened, given as a form or the command line gives it.
pub fn record(store: &mut Store, clock: &dyn Clock, case: CaseId, record: EventRecord) -> Result<Case> {
    let event = record.event(clock)?;
    record_event(store, clock, case, event)
}

/// Adds `event` to the case if it may follow; otherwise nothing is written. An event dated after
/// today, or (the sending aside) before the request was sent, is refused.
pub fn record_event(store: &mut Store, clock: &dyn Clock, case: CaseId, event: CaseEvent) -> Result<Case> {
    let field = if matches!(event, CaseEvent::Sent { .. }) { "sent on" } else { "on" };
    checked_dates(&store.case(case)?, &event, field, clock.today())?;
    Ok(store.record_event(case, event, clock.timestamp())?)
}

/// Refuses an event of `case` dated after `today` or, unless it is the sending, before the
/// request was sent; `field` names the event's own date in the message.
fn checked_dates(case: &Case, event: &CaseEvent, field: &'static str, today: Date) -> Result<()> {
    accepted_past_date(field, event.on(), today)?;
    if let CaseEvent::Sent { received_on: Some(received), .. } = event {
        accepted_past_date("received on", *received, today)?;
        return Ok(());
    }
    let sent = case.timeline.iter().find_map(|e| match &e.event {
        CaseEvent::Sent { on, .. } => Some(*on),
        _ => None,
    });
    match sent {
        Some(sent) if event.on() < sent => Err(Refusal::DateNotAccepted {
            field,
            reason: format!("\"{}\" is before the request was sent ({sent}): give the day it happened", event.on()),
        }
        .into()),
        _ => Ok(()),
    }
}

/// How and when a request went out.
#[derive(Debug, Clone)]
pub struct Sending {
    pub channel: Channel,
    /// `None`: today.
    pub on: Option<Date>,
    /// The delivery date on a registered letter's receipt card.
    pub received_on: Option<Date>,
    pub reference: Option<String>,
    /// The sent e-mail, the receipt, the form's confirmation.
    pub proof: Option<PathBuf>,
}

/// Marks the case sent and keeps the proof. The proof is read first: a bad file leaves the
/// case as it was.
pub fn mark_sent(store: &mut Store, clock: &dyn Clock, case: CaseId, sending: Sending) -> Result<Case> {
    sending.on.map(|d| accepted_past_date("sent on", d, clock.today())).transpose()?;
    sending.received_on.map(|d| accepted_past_date("received on", d, clock.today())).transpose()?;
    let proof = sending.proof.as_deref().map(read_reply_file).transpose()?;
    let on = sending.on.unwrap_or_else(|| clock.today());
    let event = CaseEvent::Sent {
        channel: sending.channel,
        on,
        received_on: sending.received_on,
        reference: sending.reference,
    };
    let mut recorded = record_event(store, clock, case, event)?;
    if let Some((file, bytes)) = proof {
        store.add_case_file(case, FileRole::Proof, &file, &bytes, clock.timestamp())?;
        recorded = store.case(case)?;
    }
    Ok(recorded)
}

/// Keeps a proof of sending with a case.
pub fn add_proof(store: &mut Store, clock: &dyn Clock, case: CaseId, path: &Path) -> Result<Case> {
    let (file, bytes) = read_reply_file(path)?;
    store.add_case_file(case, FileRole::Proof, &file, &bytes, clock.timestamp())?;
    Ok(store.case(case)?)
}

/// A reply to import.
#[derive(Debug, Clone)]
pub struct IncomingReply {
    pub path: PathBuf,
    /// The case it answers; `None`: the one Redress finds (In-Reply-To, sender, subject).
    pub case: Option<CaseId>,
    /// Records the answer too.
    pub answer: Option<AnswerKind>,
    /// The answer's date; `None`: the reply's own date, else today.
    pub on: Option<Date>,
}

/// Stores the reply with its case and, when asked, records the answer.
pub fn import_reply(
    store: &mut Store,
    registry: &Registry,
    clock: &dyn Clock,
    reply: &IncomingReply,
) -> Result<ReplyImport> {
    let (file, bytes) = read_reply_file(&reply.path)?;
    // The answer's date is checked before the file is stored, so a refused date (given, or
    // read from the reply's own Date header) leaves the case as it was.
    let answered_on = match (reply.answer, reply.on) {
        (None, _) => None,
        (Some(_), Some(on)) => Some(accepted_past_date("answered on", on, clock.today())?),
        (Some(_), None) => Some(
            file.date
                .map(|d| accepted_past_date("the reply's date", d, clock.today()))
                .transpose()?
                .unwrap_or_else(|| clock.today()),
        ),
    };
    if let (Some(on), Some(case)) = (answered_on, reply.case) {
        // Checked against the case before the file is stored when the case is named; a reply
        // linked automatically is checked once linked (the file is then kept, the answer not).
        let answered = CaseEvent::Answered { kind: AnswerKind::Complete, on };
        checked_dates(&store.case(case)?, &answered, "answered on", clock.today())?;
    }
    let mut imported = store.import_reply(reply.case, &file, &bytes, registry, clock.timestamp())?;
    if let (Some(kind), Some(on)) = (reply.answer, answered_on) {
        let answered = CaseEvent::Answered { kind, on };
        checked_dates(&imported.case, &answered, "answered on", clock.today())?;
        imported.case = store.record_event(imported.case.id, answered, clock.timestamp())?;
    }
    Ok(imported)
}

/// Marks checklist items present or missing (`None` clears them); no change shows the case.
pub fn set_checklist(
    store: &mut Store,
    clock: &dyn Clock,
    case: CaseId,
    changes: &[(AccessItem, Option<ItemState>)],
) -> Result<Case> {
    if changes.is_empty() {
        return Ok(store.case(case)?);
    }
    Ok(store.set_checklist(case, changes, clock.timestamp())?)
}

/// Writes the deadlines of the cases awaiting an answer to `path` as an iCalendar file, whole
/// and readable by its owner only (it names the vendors the person is dealing with).
/// Returns how many were written.
pub fn write_calendar(store: &Store, registry: &Registry, clock: &dyn Clock, path: &Path) -> Result<usize> {
    let entries = store.deadline_entries(registry)?;
    let text = deadlines_ics(&entries, clock.timestamp());
    redress_core::atomic_file::save_private(path, text.as_bytes())?;
    Ok(entries.len())
}

/// Writes the case as a bundle (docs/case-bundle.md) to `path`, for an advocate to take over:
/// whole and readable by its owner only, as it holds the person's identity, mandate and replies.
pub fn export_case(store: &Store, clock: &dyn Clock, case: CaseId, path: &Path) -> Result<CaseBundle> {
    let bundle = store.export_case(case, clock.timestamp())?;
    redress_core::atomic_file::save_private(path, bundle.to_json().as_bytes())?;
    Ok(bundle)
}

/// Reads and checks a case bundle, including that its vendor is in `registry`.
pub fn read_bundle(registry: &Registry, path: &Path) -> Result<CaseBundle> {
    let bytes = read_limited(path, BUNDLE_FILE_LIMIT, "a case bundle")?;
    let bundle = CaseBundle::parse(&bytes, path)?;
    if registry.vendor(&bundle.case.vendor_id).is_none() {
        return Err(Refusal::VendorNotInRegistry { vendor: bundle.case.vendor_id.clone() }.into());
    }
    Ok(bundle)
}

/// Imports a bundle read by [`read_bundle`]: for `profile`, or for the person it carries (added).
pub fn import_bundle(
    store: &mut Store,
    clock: &dyn Clock,
    bundle: &CaseBundle,
    profile: Option<ProfileId>,
) -> Result<Case> {
    Ok(store.import_case(bundle, profile, clock.timestamp())?)
}
