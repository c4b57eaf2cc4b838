//! DTOs of the case commands.

use redress_core::case::{AnswerKind, CaseEvent, CaseStatus, Channel, ItemState, RequestKind, checklist_applies};
use redress_core::identity::Lang;
use redress_core::letter::AccessItem;
use redress_core::registry::Registry;
use redress_store::{Case, ReplyImport};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::ipc::error::IpcError;

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntryDto {
    /// The day it happened (YYYY-MM-DD).
    pub on: String,
    /// "marked sent", "answered", …
    pub what: String,
    /// Channel, reference, answer kind or note, when the event has them.
    pub details: Option<String>,
    pub recorded_at: String,
}

/// A reply or proof of sending kept with a case.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CaseFileDto {
    pub id: i64,
    /// reply or proof.
    pub role: String,
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
    pub item: String,
    pub label: String,
    pub article: String,
    /// present, missing, or null when not checked yet.
    pub state: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CaseDto {
    pub id: i64,
    pub profile_id: i64,
    pub vendor_id: String,
    pub vendor_name: String,
    /// access, objection, erasure, combined, source_inquiry.
    pub kind: String,
    /// draft, sent, acknowledged, answered, overdue, reminded, escalated, closed.
    pub status: String,
    /// For answered cases: complete, incomplete, no_data_held, refused.
    pub answer: Option<String>,
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

fn code<T: Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

impl CaseDto {
    pub fn new(c: Case, registry: &Registry, today: jiff::civil::Date) -> Self {
        let (status, answer) = match c.status {
            CaseStatus::Answered(kind) => ("answered".to_owned(), Some(code(kind))),
            other => (
                serde_json::to_value(other)
                    .ok()
                    .and_then(|v| v["status"].as_str().map(str::to_owned))
                    .unwrap_or_default(),
                None,
            ),
        };
        let timeline = c
            .timeline
            .iter()
            .map(|t| TimelineEntryDto {
                on: t.event.on().to_string(),
                what: t.event.name().to_owned(),
                details: match &t.event {
                    CaseEvent::Sent { channel, received_on, reference, .. } => Some(
                        [
                            Some(format!("by {}", code(channel).replace('_', " "))),
                            received_on.map(|r| format!("received {r}")),
                            reference.clone(),
                        ]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(", "),
                    ),
                    CaseEvent::Answered { kind, .. } => Some(code(kind).replace('_', " ")),
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
            kind: c.kind.code().to_owned(),
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
                    role: f.role.code().to_owned(),
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
                        item: item.code().to_owned(),
                        label: item.label(Lang::En).to_owned(),
                        article: item.citation(Lang::En),
                        state: c.checklist.iter().find(|e| e.item == *item).map(|e| e.state.code().to_owned()),
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
    pub item: String,
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
            hints: r
                .hints
                .into_iter()
                .map(|h| HintDto { item: h.item.code().to_owned(), excerpt: h.excerpt, vague: h.vague })
                .collect(),
            case: CaseDto::new(r.case, registry, today),
        }
    }
}

/// A change to the checklist: `state` present, missing, or null to clear.
#[derive(Debug, Clone, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistChangeDto {
    pub item: String,
    pub state: Option<String>,
}

impl ChecklistChangeDto {
    pub fn parse(&self) -> Result<(AccessItem, Option<ItemState>), IpcError> {
        let item = AccessItem::parse(&self.item)
            .ok_or_else(|| IpcError::invalid(format!("unknown checklist item {:?}", self.item)))?;
        let state = match self.state.as_deref() {
            None => None,
            Some(s) => Some(
                ItemState::parse(s)
                    .ok_or_else(|| IpcError::invalid(format!("checklist state {s:?}: use present or missing")))?,
            ),
        };
        Ok((item, state))
    }
}

/// What the case form sends: one event, flat, checked on the Rust side.
#[derive(Debug, Clone, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CaseEventInputDto {
    /// sent, acknowledged, extended, answered, overdue, reminded, escalated, closed.
    pub event: String,
    /// The day it happened (YYYY-MM-DD).
    pub on: String,
    /// With sent: email, registered_post, web_form.
    pub channel: Option<String>,
    /// With sent: the day the vendor received it (YYYY-MM-DD).
    pub received_on: Option<String>,
    /// With sent: Message-ID, registered-letter number or web-form confirmation.
    pub reference: Option<String>,
    /// With answered: complete, incomplete, no_data_held, refused.
    pub answer: Option<String>,
    /// With closed: why.
    pub note: Option<String>,
}

fn date(field: &str, value: &str) -> Result<jiff::civil::Date, IpcError> {
    redress_core::date_range::parse_date(value).map_err(|e| IpcError::invalid(format!("{field}: {e}")))
}

impl TryFrom<CaseEventInputDto> for CaseEvent {
    type Error = IpcError;

    fn try_from(d: CaseEventInputDto) -> Result<Self, IpcError> {
        let on = date("date", &d.on)?;
        let blank = |s: Option<String>| s.filter(|v| !v.trim().is_empty());
        Ok(match d.event.as_str() {
            "sent" => {
                let channel = d
                    .channel
                    .as_deref()
                    .and_then(Channel::parse)
                    .ok_or_else(|| IpcError::invalid("choose how it was sent"))?;
                let received_on = blank(d.received_on).map(|r| date("received on", &r)).transpose()?;
                CaseEvent::Sent { channel, on, received_on, reference: blank(d.reference) }
            }
            "acknowledged" => CaseEvent::Acknowledged { on },
            "extended" => CaseEvent::ExtensionAnnounced { on },
            "answered" => {
                let kind = d
                    .answer
                    .as_deref()
                    .and_then(AnswerKind::parse)
                    .ok_or_else(|| IpcError::invalid("choose what kind of answer it was"))?;
                CaseEvent::Answered { kind, on }
            }
            "overdue" => CaseEvent::MarkedOverdue { on },
            "reminded" => CaseEvent::Reminded { on },
            "escalated" => CaseEvent::Escalated { on },
            "closed" => CaseEvent::Closed { on, note: blank(d.note) },
            other => return Err(IpcError::invalid(format!("{other:?} is not a case event"))),
        })
    }
}

pub fn parse_kind(kind: &str) -> Result<RequestKind, IpcError> {
    RequestKind::parse(kind).ok_or_else(|| IpcError::invalid(format!("{kind:?} is not a kind of request")))
}
