//! DTOs of the case commands.

use redress_core::case::{AnswerKind, CaseEvent, CaseStatus, Channel, RequestKind};
use redress_core::registry::Registry;
use redress_store::Case;
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
        }
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

fn invalid(message: String) -> IpcError {
    IpcError { code: crate::ipc::error::IpcErrorCode::InvalidInput, message }
}

fn date(field: &str, value: &str) -> Result<jiff::civil::Date, IpcError> {
    value.parse().map_err(|_| invalid(format!("{field}: {value:?} is not a date (YYYY-MM-DD)")))
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
                    .ok_or_else(|| invalid("choose how it was sent".into()))?;
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
                    .ok_or_else(|| invalid("choose what kind of answer it was".into()))?;
                CaseEvent::Answered { kind, on }
            }
            "overdue" => CaseEvent::MarkedOverdue { on },
            "reminded" => CaseEvent::Reminded { on },
            "escalated" => CaseEvent::Escalated { on },
            "closed" => CaseEvent::Closed { on, note: blank(d.note) },
            other => return Err(invalid(format!("{other:?} is not a case event"))),
        })
    }
}

pub fn parse_kind(kind: &str) -> Result<RequestKind, IpcError> {
    RequestKind::parse(kind).ok_or_else(|| invalid(format!("{kind:?} is not a kind of request")))
}
