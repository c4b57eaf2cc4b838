//! The case state machine: which event may follow which status.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::date_range::check_date;
use crate::deadline::{Calendar, Deadline, extended, one_month};

/// What was asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum RequestKind {
    /// Art. 15.
    Access,
    /// Art. 21.
    Objection,
    /// Art. 17.
    Erasure,
    /// Access, objection and erasure in one letter.
    Combined,
    /// Art. 14/15(1)(g) to a company that contacted the person: where did you get my data?
    #[serde(alias = "source_inquiry")]
    SourceInquiry,
}

crate::spelled!(RequestKind, "request kind", {
    Access => "access",
    Objection => "objection",
    Erasure => "erasure",
    Combined => "combined",
    SourceInquiry => "source-inquiry",
});

impl RequestKind {
    /// "access (Art. 15)", for lists and calendars.
    pub fn label(self) -> &'static str {
        match self {
            RequestKind::Access => "access (Art. 15)",
            RequestKind::Objection => "objection (Art. 21)",
            RequestKind::Erasure => "erasure (Art. 17)",
            RequestKind::Combined => "access + objection + erasure",
            RequestKind::SourceInquiry => "source inquiry (Art. 14/15)",
        }
    }
}

/// How a request was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    Email,
    /// Lettre recommandée avec avis de réception / Einschreiben mit Rückschein.
    #[serde(alias = "registered_post")]
    RegisteredPost,
    #[serde(alias = "web_form")]
    WebForm,
}

crate::spelled!(Channel, "channel", {
    Email => "email",
    RegisteredPost => "registered-post",
    WebForm => "web-form",
});

impl Channel {
    /// The day the request counts as received when the user has nothing better: an e-mail or a
    /// web form arrives the day it is sent; a registered letter arrives on the day printed on
    /// its delivery receipt, which only the user can enter (EDPB Guidelines 01/2022 ¶159).
    pub fn default_receipt(self, sent_on: Date) -> Option<Date> {
        match self {
            Channel::Email | Channel::WebForm => Some(sent_on),
            Channel::RegisteredPost => None,
        }
    }
}

/// How the vendor answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum AnswerKind {
    Complete,
    Incomplete,
    #[serde(alias = "no_data_held")]
    NoDataHeld,
    Refused,
}

crate::spelled!(AnswerKind, "kind of answer", {
    Complete => "complete",
    Incomplete => "incomplete",
    NoDataHeld => "no-data-held",
    Refused => "refused",
});

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", content = "answer", rename_all = "kebab-case")]
pub enum CaseStatus {
    Draft,
    Sent,
    Acknowledged,
    Answered(AnswerKind),
    Overdue,
    Reminded,
    Escalated,
    Closed,
    /// The letter came back undelivered (a delivery failure report): the vendor never got it,
    /// so no deadline runs; send it again by another channel or address.
    NotDelivered,
}

/// Something that happened to a case, on the day it happened (the user may record it later;
/// the timeline also keeps when it was recorded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum CaseEvent {
    Sent {
        channel: Channel,
        on: Date,
        /// When the vendor received it; defaults by channel (`Channel::default_receipt`).
        received_on: Option<Date>,
        /// E-mail Message-ID, registered-letter number or web-form confirmation.
        reference: Option<String>,
    },
    Acknowledged {
        on: Date,
    },
    /// The vendor extended by two further months (Art. 12(3)); only valid within the first month.
    #[serde(alias = "extension_announced")]
    ExtensionAnnounced {
        on: Date,
    },
    Answered {
        kind: AnswerKind,
        on: Date,
    },
    /// The deadline passed without an answer.
    #[serde(alias = "marked_overdue")]
    MarkedOverdue {
        on: Date,
    },
    Reminded {
        on: Date,
    },
    /// A complaint was filed with a supervisory authority.
    Escalated {
        on: Date,
    },
    Closed {
        on: Date,
        note: Option<String>,
    },
    /// The letter came back: the mail server reported it could not be delivered (RFC 3464).
    /// The request was never received, so the deadline that its sending started is void.
    NotDelivered {
        on: Date,
        /// The server's words: the status code and its diagnostic.
        reason: String,
    },
}

/// The events a person records, by name (`redress case status ID marked-overdue`, the case
/// form's choice): [`CaseEvent`]'s tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    /// The request was sent.
    Sent,
    /// The vendor acknowledged it.
    Acknowledged,
    /// The vendor extended by two further months (Art. 12(3)).
    #[cfg_attr(feature = "clap", value(alias = "extended"))]
    ExtensionAnnounced,
    /// The vendor answered.
    Answered,
    /// The deadline passed without an answer.
    #[cfg_attr(feature = "clap", value(alias = "overdue"))]
    MarkedOverdue,
    /// A reminder was sent.
    Reminded,
    /// A complaint was filed.
    Escalated,
    /// The case is closed.
    Closed,
    /// The letter came back undelivered.
    NotDelivered,
}

crate::spelled!(EventKind, "case event", {
    Sent => "sent",
    Acknowledged => "acknowledged",
    ExtensionAnnounced => "extension-announced",
    Answered => "answered",
    MarkedOverdue => "marked-overdue",
    Reminded => "reminded",
    Escalated => "escalated",
    Closed => "closed",
    NotDelivered => "not-delivered",
});

impl CaseEvent {
    pub fn on(&self) -> Date {
        match self {
            CaseEvent::Sent { on, .. }
            | CaseEvent::Acknowledged { on }
            | CaseEvent::ExtensionAnnounced { on }
            | CaseEvent::Answered { on, .. }
            | CaseEvent::MarkedOverdue { on }
            | CaseEvent::Reminded { on }
            | CaseEvent::Escalated { on }
            | CaseEvent::Closed { on, .. }
            | CaseEvent::NotDelivered { on, .. } => *on,
        }
    }

    /// Every date the event carries: the day it happened, and for a sending the day of receipt.
    fn dates(&self) -> impl Iterator<Item = Date> {
        let received = match self {
            CaseEvent::Sent { received_on, .. } => *received_on,
            _ => None,
        };
        std::iter::once(self.on()).chain(received)
    }

    /// The event's name: its tag.
    pub fn kind(&self) -> EventKind {
        match self {
            CaseEvent::Sent { .. } => EventKind::Sent,
            CaseEvent::Acknowledged { .. } => EventKind::Acknowledged,
            CaseEvent::ExtensionAnnounced { .. } => EventKind::ExtensionAnnounced,
            CaseEvent::Answered { .. } => EventKind::Answered,
            CaseEvent::MarkedOverdue { .. } => EventKind::MarkedOverdue,
            CaseEvent::Reminded { .. } => EventKind::Reminded,
            CaseEvent::Escalated { .. } => EventKind::Escalated,
            CaseEvent::Closed { .. } => EventKind::Closed,
            CaseEvent::NotDelivered { .. } => EventKind::NotDelivered,
        }
    }

    /// The verb for messages ("a case that is draft cannot be answered").
    pub fn name(&self) -> &'static str {
        match self {
            CaseEvent::Sent { .. } => "marked sent",
            CaseEvent::Acknowledged { .. } => "acknowledged",
            CaseEvent::ExtensionAnnounced { .. } => "extended",
            CaseEvent::Answered { .. } => "answered",
            CaseEvent::MarkedOverdue { .. } => "marked overdue",
            CaseEvent::Reminded { .. } => "reminded",
            CaseEvent::Escalated { .. } => "escalated",
            CaseEvent::Closed { .. } => "closed",
            CaseEvent::NotDelivered { .. } => "marked not delivered",
        }
    }
}

impl CaseStatus {
    pub fn label(self) -> &'static str {
        match self {
            CaseStatus::Draft => "draft",
            CaseStatus::Sent => "sent",
            CaseStatus::Acknowledged => "acknowledged",
            CaseStatus::Answered(AnswerKind::Complete) => "answered (complete)",
            CaseStatus::Answered(AnswerKind::Incomplete) => "answered (incomplete)",
            CaseStatus::Answered(AnswerKind::NoDataHeld) => "answered (no data held)",
            CaseStatus::Answered(AnswerKind::Refused) => "answered (refused)",
            CaseStatus::Overdue => "overdue",
            CaseStatus::Reminded => "reminded",
            CaseStatus::Escalated => "escalated",
            CaseStatus::Closed => "closed",
            CaseStatus::NotDelivered => "not delivered",
        }
    }

    /// Whether the vendor still owes an answer.
    pub fn awaiting_answer(self) -> bool {
        matches!(self, CaseStatus::Sent | CaseStatus::Acknowledged | CaseStatus::Overdue | CaseStatus::Reminded)
    }
}

/// An event that cannot follow the current status, with what to do instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a case that is {} cannot be {}: {hint}", .from.label(), .event)]
pub struct IllegalTransition {
    pub from: CaseStatus,
    pub event: &'static str,
    pub hint: &'static str,
}

/// The status after `event`, or why it cannot happen. `deadline` is the case's current
/// deadline once it has been sent (needed to check extensions and lateness). An event dated
/// outside the range Redress accepts (`crate::date_range`) is refused before anything else,
/// so no store ever records a date its deadlines cannot be counted from.
pub fn apply(from: CaseStatus, event: &CaseEvent, deadline: Option<&Deadline>) -> Result<CaseStatus, Error> {
    for d in event.dates() {
        check_date(d)?;
    }
    Ok(transition(from, event, deadline)?)
}

/// The state machine proper, for events whose dates are in range.
fn transition(
    from: CaseStatus,
    event: &CaseEvent,
    deadline: Option<&Deadline>,
) -> Result<CaseStatus, IllegalTransition> {
    use CaseStatus as S;
    let refuse = |hint| Err(IllegalTransition { from, event: event.name(), hint });
    const NOT_SENT: &str = "it has not been sent yet: mark it sent first";
    if from == S::Closed {
        return refuse("it is closed; open a new case to ask again");
    }
    match event {
        CaseEvent::Sent { on, received_on, .. } => match from {
            S::Draft | S::NotDelivered if received_on.is_some_and(|r| r < *on) => {
                refuse("it cannot be received before it was sent")
            }
            // A letter that came back is sent again, by another channel or address.
            S::Draft | S::NotDelivered => Ok(S::Sent),
            _ => refuse("it was already sent; record a reminder instead"),
        },
        CaseEvent::Acknowledged { .. } => match from {
            S::Sent => Ok(S::Acknowledged),
            S::Draft => refuse(NOT_SENT),
            _ => refuse("only a sent request can be acknowledged"),
        },
        CaseEvent::ExtensionAnnounced { on } => match (from, deadline) {
            (S::Sent | S::Acknowledged, Some(d)) if *on <= d.due => Ok(from),
            (S::Sent | S::Acknowledged, Some(_)) => {
                refuse("an extension announced after the first month is too late (Art. 12(3)); the vendor is overdue")
            }
            (S::Draft, _) => refuse(NOT_SENT),
            _ => refuse("an extension can only be announced while the first answer is awaited"),
        },
        CaseEvent::Answered { kind, .. } => match from {
            S::Draft => refuse(NOT_SENT),
            S::Answered(AnswerKind::Complete | AnswerKind::NoDataHeld) => {
                refuse("it already has a complete answer; close it, or open a new case")
            }
            _ => Ok(S::Answered(*kind)),
        },
        CaseEvent::MarkedOverdue { on } => match (from, deadline) {
            (S::Sent | S::Acknowledged | S::Reminded, Some(d)) if *on > d.due => Ok(S::Overdue),
            (S::Sent | S::Acknowledged | S::Reminded, Some(_)) => refuse("its deadline has not passed yet"),
            (S::Draft, _) => refuse(NOT_SENT),
            _ => refuse("only a request still awaiting an answer can become overdue"),
        },
        CaseEvent::Reminded { .. } => match from {
            S::Overdue | S::Answered(AnswerKind::Incomplete | AnswerKind::Refused) | S::Reminded => Ok(S::Reminded),
            S::Draft => refuse(NOT_SENT),
            _ => refuse("a reminder follows a missed deadline or an incomplete or refused answer"),
        },
        CaseEvent::Escalated { .. } => match from {
            S::Overdue | S::Reminded | S::Answered(AnswerKind::Incomplete | AnswerKind::Refused) => Ok(S::Escalated),
            S::Draft => refuse(NOT_SENT),
            _ => refuse("a complaint follows a missed deadline or an incomplete or refused answer"),
        },
        CaseEvent::Closed { .. } => Ok(S::Closed),
        // A failure report comes soon after the sending; once the vendor has acknowledged or
        // answered, it did receive the request and a late report changes nothing.
        CaseEvent::NotDelivered { .. } => match from {
            S::Sent => Ok(S::NotDelivered),
            S::Draft => refuse(NOT_SENT),
            S::NotDelivered => refuse("it is already marked not delivered; send it again by another channel"),
            _ => refuse("the vendor has already acknowledged or answered it, so it was delivered"),
        },
    }
}

/// Replays a timeline from `Draft`: the status and the current deadline (the extended one when
/// the vendor announced an extension in time). Fails on the first illegal event, including one
/// dated out of range that an older Redress recorded: the error says so instead of a count
/// running off the end of the calendar.
pub fn replay<'a>(
    events: impl IntoIterator<Item = &'a CaseEvent>,
    calendar: &Calendar,
) -> Result<(CaseStatus, Option<Deadline>), Error> {
    let mut status = CaseStatus::Draft;
    let mut deadline: Option<Deadline> = None;
    for event in events {
        status = apply(status, event, deadline.as_ref())?;
        match event {
            CaseEvent::Sent { channel, on, received_on, .. } => {
                let received = received_on.or(channel.default_receipt(*on)).unwrap_or(*on);
                deadline = Some(one_month(received, calendar)?);
            }
            CaseEvent::ExtensionAnnounced { .. } => {
                deadline = deadline.map(|d| extended(d.received, calendar)).transpose()?;
            }
            // Never received: no deadline runs until it is sent again.
            CaseEvent::NotDelivered { .. } => deadline = None,
            _ => {}
        }
    }
    Ok((status, deadline))
}
