//! DTOs of the case commands.

use redress_core::case::{
    AnswerKind, CaseEvent, CaseStatus, Channel, EventKind, ItemState, RequestKind, checklist_applies,
};
use redress_core::identity::Lang;
use redress_core::letter::AccessItem;
use redress_core::registry::Registry;
use redress_store::{Case, FileRole, ReplyImport};
use redress_usecases::cases::EventRecord;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::ipc::error::IpcError;

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntryDto {
    /// The day it happened (YYYY-MM-DD).
    pub on: String,
    pub what: EventKind,
    /// Channel, reference, answer kind or note, when the event has them.
    pub details: Option<String>,
    pub recorded_at: String,
}

/// A reply or proof of sending kept with a case.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CaseFileDto {
    pub id: i64,
    pub role: FileRole,
    pub file_name: String,
    pub size: u32,
    pub sha256: String,
    pub from_address: Option<String>,
    pub subject: Option<String>,
    pub dated: Option<String>,
}

/// One item of the Art. 15 checklist, as the user ticked it.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistItemDto {
    pub item: AccessItem,
    pub label: String,
    pub article: String,
    /// Null when not checked yet.
    pub state: Option<ItemState>,
}

/// Where a case stands; with `answered`, [`CaseDto::answer`] says how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "kebab-case")]
pub enum CaseStatusCode {
    Draft,
    Sent,
    Acknowledged,
    Answered,
    Overdue,
    Reminded,
    Escalated,
    Closed,
    /// The letter came back undelivered; no deadline runs.
    NotDelivered,
}

impl CaseStatusCode {
    fn of(s: CaseStatus) -> (Self, Option<AnswerKind>) {
        let code = match s {
            CaseStatus::Draft => CaseStatusCode::Draft,
            CaseStatus::Sent => CaseStatusCode::Sent,
            CaseStatus::Acknowledged => CaseStatusCode::Acknowledged,
            CaseStatus::Answered(kind) => return (CaseStatusCode::Answered, Some(kind)),
            CaseStatus::Overdue => CaseStatusCode::Overdue,
            CaseStatus::Reminded => CaseStatusCode::Reminded,
            CaseStatus::Escalated => CaseStatusCode::Escalated,
            CaseStatus::Closed => CaseStatusCode::Closed,
            CaseStatus::NotDelivered => CaseStatusCode::NotDelivered,
        };
        (code, None)
    }
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CaseDto {
    pub id: i64,
    pub profile_id: i64,
    pub vendor_id: String,
    pub vendor_name: String,
    pub kind: RequestKind,
    pub status: CaseStatusCode,
    /// For answered cases: how.
    pub answer: Option<AnswerKind>,
    /// A readable status ("answered (incomplete)").
    pub status_label: String,
    pub holiday_country: String,
    /// The day the answer is due (YYYY-MM-DD), once sent.
    pub due: Option<String>,
    /// Days until the end of the due day; negative once late. Only while an answer is awaited.
    pub days_left: Option<i32>,
    pub overdue: bool,
    /// How the deadline was counted, step by step.
    pub deadline_steps: Vec<String>,
    pub timeline: Vec<TimelineEntryDto>,
    pub files: Vec<CaseFileDto>,
    /// The Art. 15 checklist, for requests that ask for access (empty for the others).
    pub checklist: Vec<ChecklistItemDto>,
}

impl CaseDto {
    pub fn new(c: Case, registry: &Registry, today: jiff::civil::Date) -> Self {
        let (status, answer) = CaseStatusCode::of(c.status);
        let timeline = c
            .timeline
            .iter()
            .map(|t| TimelineEntryDto {
                on: t.event.on().to_string(),
                what: t.event.kind(),
                details: match &t.event {
                    CaseEvent::Sent { channel, received_on, reference, .. } => Some(
                        [
                            Some(format!("by {}", channel.code().replace('-', " "))),
                            received_on.map(|r| format!("received {r}")),
                            reference.clone(),
                        ]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(", "),
                    ),
                    CaseEvent::Answered { kind, .. } => Some(kind.code().replace('-', " ")),
                    CaseEvent::Closed { note, .. } => note.clone(),
                    _ => None,
                },
                recorded_at: t.recorded_at.clone(),
            })
            .collect();
        CaseDto {
            id: c.id,
            profile_id: c.profile_id,
            vendor_name: registry.vendor(&c.vendor_id).map_or_else(|| c.vendor_id.clone(), |v| v.name.clone()),
            vendor_id: c.vendor_id.clone(),
            kind: c.kind,
            status,
            answer,
            status_label: c.status.label().to_owned(),
            holiday_country: c.holiday_country.clone(),
            due: c.deadline.as_ref().map(|d| d.due.to_string()),
            days_left: if c.status.awaiting_answer() { c.days_left(today) } else { None },
            overdue: c.is_overdue(today) && c.status.awaiting_answer(),
            deadline_steps: c
                .deadline
                .as_ref()
                .map(|d| d.steps.iter().map(|s| s.explain()).collect())
                .unwrap_or_default(),
            timeline,
            files: c
                .files
                .iter()
                .map(|f| CaseFileDto {
                    id: f.id,
                    role: f.role,
                    file_name: f.file_name.clone(),
                    size: u32::try_from(f.size).unwrap_or(u32::MAX),
                    sha256: f.sha256.clone(),
                    from_address: f.from_address.clone(),
                    subject: f.subject.clone(),
                    dated: f.dated.map(|d| d.to_string()),
                })
                .collect(),
            checklist: if checklist_applies(c.kind) {
                AccessItem::ALL
                    .iter()
                    .map(|item| ChecklistItemDto {
                        item: *item,
                        label: item.label(Lang::En).to_owned(),
                        article: item.citation(Lang::En),
                        state: c.checklist.iter().find(|e| e.item == *item).map(|e| e.state),
                    })
                    .collect()
            } else {
                Vec::new()
            },
        }
    }
}

/// A sentence of a reply that seems to cover a checklist item.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct HintDto {
    pub item: AccessItem,
    pub excerpt: String,
    /// Only "public sources": too vague (CNIL SAN-2024-020).
    pub vague: bool,
}

/// What importing a reply did.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ReplyImportDto {
    pub case: CaseDto,
    /// Why Redress matched it to this case, when it chose the case.
    pub linked_because: Vec<String>,
    pub hints: Vec<HintDto>,
}

impl ReplyImportDto {
    pub fn new(r: ReplyImport, registry: &Registry, today: jiff::civil::Date) -> Self {
        ReplyImportDto {
            linked_because: r.link.map(|l| l.reasons).unwrap_or_default(),
            hints: r.hints.into_iter().map(|h| HintDto { item: h.item, excerpt: h.excerpt, vague: h.vague }).collect(),
            case: CaseDto::new(r.case, registry, today),
        }
    }
}

/// A change to the checklist: `state` null clears the item.
#[derive(Debug, Clone, Copy, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistChangeDto {
    pub item: AccessItem,
    pub state: Option<ItemState>,
}

/// What the case form sends: one event, flat, checked by the use case.
#[derive(Debug, Clone, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CaseEventInputDto {
    pub event: EventKind,
    /// The day it happened (YYYY-MM-DD).
    pub on: String,
    /// With sent: how.
    pub channel: Option<Channel>,
    /// With sent: the day the vendor received it (YYYY-MM-DD; empty: not known).
    pub received_on: Option<String>,
    /// With sent: Message-ID, registered-letter number or web-form confirmation.
    pub reference: Option<String>,
    /// With answered: what kind of answer.
    pub answer: Option<AnswerKind>,
    /// With closed: why.
    pub note: Option<String>,
}

/// A date the window typed, read by the one date parser every front end uses.
fn date(field: &str, value: &str) -> Result<jiff::civil::Date, IpcError> {
    redress_core::date_range::parse_date(value).map_err(|e| IpcError::invalid(format!("{field}: {e}")))
}

impl TryFrom<CaseEventInputDto> for EventRecord {
    type Error = IpcError;

    fn try_from(d: CaseEventInputDto) -> Result<Self, IpcError> {
        let received_on = d.received_on.filter(|r| !r.trim().is_empty());
        Ok(EventRecord {
            kind: d.event,
            on: Some(date("date", &d.on)?),
            channel: d.channel,
            received_on: received_on.map(|r| date("received on", &r)).transpose()?,
            reference: d.reference,
            answer: d.answer,
            note: d.note,
        })
    }
}
