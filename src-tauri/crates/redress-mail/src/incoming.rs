//! What kind of message arrived in the person's mailbox: a delivery failure report about a
//! letter (RFC 3464), an automatic reply (RFC 3834), or a message a person wrote.
//!
//! The difference matters to a case: a failure report means the vendor never received the
//! request (no deadline runs), an automatic reply only says it arrived, and only a written
//! message can be the vendor's answer (whose kind stays the person's call).

use mail_parser::{HeaderValue, Message, MessageParser, MessagePart, MimeHeaders, PartType};

/// How an incoming message is to be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    /// A report that a message could not be delivered (`Action: failed`).
    DeliveryFailure(DeliveryFailure),
    /// A report that delivery is only delayed (`Action: delayed`): the server keeps trying,
    /// so nothing changes yet.
    DeliveryDelayed { original_message_id: Option<String> },
    /// An automatic reply (`Auto-Submitted` other than `no`, RFC 3834 §5): an acknowledgement
    /// at most, never an answer.
    AutoReply,
    /// A message a person wrote.
    Written,
}

/// A failure report: which of our messages failed, for whom, and the server's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryFailure {
    /// The Message-ID of the message that failed, from the returned message or its headers
    /// (`<…>`, as in the original).
    pub original_message_id: Option<String>,
    pub recipients: Vec<FailedRecipient>,
}

/// One recipient the report says failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedRecipient {
    /// `Final-Recipient` (or `Original-Recipient`), without its address type.
    pub address: String,
    /// The enhanced status code (`5.1.1`, RFC 3463).
    pub status: String,
    /// `Diagnostic-Code` without its type: the remote server's own words.
    pub diagnostic: Option<String>,
}

impl DeliveryFailure {
    /// The reason as the person reads it: "dpo@kaspr.test: 5.1.1 (550 5.1.1 User unknown)".
    pub fn reason(&self) -> String {
        if self.recipients.is_empty() {
            return "the mail server reported that the message could not be delivered".into();
        }
        self.recipients
            .iter()
            .map(|r| match &r.diagnostic {
                Some(d) => format!("{}: {} ({d})", r.address, r.status),
                None => format!("{}: {}", r.address, r.status),
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Reads `bytes` (a whole RFC 5322 message) and says what kind of message it is. A message
/// that cannot be parsed is `Written`: the caller's ordinary reading reports the problem.
pub fn classify(bytes: &[u8]) -> Incoming {
    let Some(message) = MessageParser::default().parse(bytes) else {
        return Incoming::Written;
    };
    if let Some(report) = delivery_report(&message) {
        return report;
    }
    if is_automatic(&message) { Incoming::AutoReply } else { Incoming::Written }
}

/// RFC 3834 §5: `Auto-Submitted: auto-replied` / `auto-generated` (any value but `no`). The
/// `X-Autoreply` header some responders add instead is read too.
fn is_automatic(message: &Message<'_>) -> bool {
    let value = |name: &str| message.header_raw(name).map(|v| v.trim().to_ascii_lowercase());
    let auto_submitted = value("Auto-Submitted").is_some_and(|v| !v.is_empty() && !v.starts_with("no"));
    let x_autoreply = value("X-Autoreply").is_some_and(|v| v == "yes");
    auto_submitted || x_autoreply
}

/// RFC 3462/6522: a `multipart/report` with `report-type=delivery-status` whose
/// `message/delivery-status` part (RFC 3464 §2) lists what became of each recipient.
fn delivery_report(message: &Message<'_>) -> Option<Incoming> {
    let root = message.content_type()?;
    let is_report = root.ctype().eq_ignore_ascii_case("multipart")
        && root.subtype().is_some_and(|s| s.eq_ignore_ascii_case("report"))
        && root.attribute("report-type").is_some_and(|t| t.eq_ignore_ascii_case("delivery-status"));
    if !is_report {
        return None;
    }
    let status_part =
        message.parts.iter().find(|p| has_type(p, "message", &["delivery-status", "global-delivery-status"]))?;
    let fields = std::str::from_utf8(status_part.contents()).ok()?;
    let original_message_id = returned_message_id(message);
    let mut failed = Vec::new();
    let mut delayed = false;
    for block in recipient_blocks(fields) {
        let action = field(&block, "action").map(|a| a.to_ascii_lowercase());
        match action.as_deref() {
            Some("failed") => failed.push(FailedRecipient {
                address: field(&block, "final-recipient")
                    .or_else(|| field(&block, "original-recipient"))
                    .map(without_type)
                    .unwrap_or_default(),
                status: field(&block, "status").unwrap_or_default(),
                diagnostic: field(&block, "diagnostic-code").map(without_type).filter(|d| !d.is_empty()),
            }),
            Some("delayed") => delayed = true,
            _ => {}
        }
    }
    if !failed.is_empty() {
        Some(Incoming::DeliveryFailure(DeliveryFailure { original_message_id, recipients: failed }))
    } else if delayed {
        Some(Incoming::DeliveryDelayed { original_message_id })
    } else {
        // Delivered, relayed or expanded: a success report, nothing to act on; it is still an
        // automatic message, never an answer.
        Some(Incoming::AutoReply)
    }
}

fn has_type(part: &MessagePart<'_>, ctype: &str, subtypes: &[&str]) -> bool {
    part.content_type().is_some_and(|t| {
        t.ctype().eq_ignore_ascii_case(ctype)
            && t.subtype().is_some_and(|s| subtypes.iter().any(|want| s.eq_ignore_ascii_case(want)))
    })
}

/// The Message-ID of the message the report returns: a `message/rfc822` part, or the
/// `text/rfc822-headers` part servers send when they return the headers only.
fn returned_message_id(message: &Message<'_>) -> Option<String> {
    for part in &message.parts {
        if let PartType::Message(returned) = &part.body
            && let Some(id) = returned.message_id()
        {
            return Some(format!("<{id}>"));
        }
        if (has_type(part, "text", &["rfc822-headers"]) || has_type(part, "message", &["rfc822-headers"]))
            && let Some(headers) = MessageParser::default().parse_headers(part.contents())
            && let Some(id) = headers.message_id()
        {
            return Some(format!("<{id}>"));
        }
    }
    // Some servers keep the original's Message-ID in the report's own References.
    match message.references() {
        HeaderValue::Text(id) => Some(format!("<{id}>")),
        HeaderValue::TextList(ids) => ids.first().map(|id| format!("<{id}>")),
        _ => None,
    }
}

/// The per-recipient blocks of a `message/delivery-status` body: header-like field groups
/// separated by blank lines, the first being the per-message fields (RFC 3464 §2.1).
fn recipient_blocks(body: &str) -> Vec<Vec<(String, String)>> {
    let mut blocks = Vec::new();
    let mut current: Vec<(String, String)> = Vec::new();
    for line in body.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
        } else if line.starts_with([' ', '\t']) {
            // A folded continuation of the previous field.
            if let Some((_, value)) = current.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            current.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    // The first block is per-message; a block without Action is no recipient.
    blocks.into_iter().filter(|b| b.iter().any(|(n, _)| n == "action")).collect()
}

fn field(block: &[(String, String)], name: &str) -> Option<String> {
    block.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
}

/// `rfc822; dpo@kaspr.test` → `dpo@kaspr.test`; `smtp; 550 …` → `550 …`.
fn without_type(value: String) -> String {
    match value.split_once(';') {
        Some((_, rest)) => rest.trim().to_owned(),
        None => value.trim().to_owned(),
    }
}
