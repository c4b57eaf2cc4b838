//! Reading a reply file: what it is, who sent it, when, and its text where it has one.

use mail_parser::{MessageParser, MimeHeaders};
use redress_core::media_type::sniff_media_type;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::Error;

/// Replies are e-mails, letters and scans; anything bigger is almost certainly the wrong file.
pub const MAX_REPLY_BYTES: usize = 25 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplyFormat {
    /// An RFC 5322 message (`.eml`).
    Email,
    Pdf,
    /// Plain text (a pasted answer).
    Text,
    /// A scan or photo of a paper letter (PNG or JPEG).
    Image,
}

/// A reply as read from its file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reply {
    pub file_name: String,
    pub format: ReplyFormat,
    pub media_type: String,
    pub sha256: String,
    pub size: usize,
    /// The sender's address (e-mails).
    pub from_address: Option<String>,
    pub from_name: Option<String>,
    pub subject: Option<String>,
    /// The day the message was sent (e-mails), in the sender's own time zone.
    pub date: Option<jiff::civil::Date>,
    pub message_id: Option<String>,
    /// The Message-IDs this message answers (`In-Reply-To`, `References`).
    pub in_reply_to: Vec<String>,
    /// The readable text: an e-mail's body, a text file's content. None for PDFs and scans.
    pub text: Option<String>,
    /// Names of files attached to an e-mail (a PDF export of the data, …).
    pub attachments: Vec<String>,
}

/// Reads a reply. The format is recognised from the content, not the file name, so a renamed
/// file is still read correctly; an unknown format is refused with what Redress accepts.
pub fn read_reply(file_name: &str, bytes: &[u8]) -> Result<Reply, Error> {
    let invalid = |message: String| Error::InvalidReply { file: file_name.to_owned(), message };
    if bytes.is_empty() {
        return Err(invalid("the file is empty".into()));
    }
    if bytes.len() > MAX_REPLY_BYTES {
        return Err(invalid(format!("the file is larger than {} MiB", MAX_REPLY_BYTES / (1024 * 1024))));
    }
    let sha256 = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
    let mut reply = Reply {
        file_name: file_name.to_owned(),
        format: ReplyFormat::Text,
        media_type: String::new(),
        sha256,
        size: bytes.len(),
        from_address: None,
        from_name: None,
        subject: None,
        date: None,
        message_id: None,
        in_reply_to: Vec::new(),
        text: None,
        attachments: Vec::new(),
    };
    if let Some(media) = sniff_media_type(bytes) {
        reply.format = if media == "application/pdf" { ReplyFormat::Pdf } else { ReplyFormat::Image };
        reply.media_type = media.into();
    } else if looks_like_email(bytes) {
        read_email(bytes, &mut reply)
            .ok_or_else(|| invalid("it looks like an e-mail but cannot be read as one".into()))?;
    } else {
        let text = std::str::from_utf8(bytes).map_err(|_| {
            invalid("Redress reads replies as e-mails (.eml), PDFs, PNG or JPEG scans, or UTF-8 text".into())
        })?;
        reply.media_type = "text/plain; charset=utf-8".into();
        reply.text = Some(text.to_owned());
    }
    Ok(reply)
}

/// Reads the reply in the file at `path`: its bytes, kept as they are, and what they say.
pub fn read_reply_file(path: &std::path::Path) -> Result<(Reply, Vec<u8>), Error> {
    let bytes = redress_core::limited_read::read_limited(path, MAX_REPLY_BYTES as u64, "a reply")?;
    let name = path.file_name().map_or("reply".into(), |n| n.to_string_lossy().into_owned());
    Ok((read_reply(&name, &bytes)?, bytes))
}

/// An e-mail starts with header lines; at least one of From, Date, Subject, Message-ID or
/// Received must be among them.
fn looks_like_email(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let Ok(head) = std::str::from_utf8(head).or_else(|e| std::str::from_utf8(&head[..e.valid_up_to()])) else {
        return false;
    };
    let mut known = false;
    for line in head.lines() {
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((name, _)) = line.split_once(':') else { return false };
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_graphic()) {
            return false;
        }
        let name = name.to_ascii_lowercase();
        known |= matches!(name.as_str(), "from" | "date" | "subject" | "message-id" | "received" | "return-path");
    }
    known
}

fn read_email(bytes: &[u8], reply: &mut Reply) -> Option<()> {
    let message = MessageParser::default().parse(bytes)?;
    reply.format = ReplyFormat::Email;
    reply.media_type = "message/rfc822".into();
    if let Some(from) = message.from().and_then(|a| a.first()) {
        reply.from_address = from.address().map(|a| a.trim().to_ascii_lowercase());
        reply.from_name = from.name().map(str::to_owned);
    }
    reply.subject = message.subject().map(str::to_owned);
    reply.date = message.date().and_then(|d| {
        jiff::civil::Date::new(i16::try_from(d.year).ok()?, i8::try_from(d.month).ok()?, i8::try_from(d.day).ok()?).ok()
    });
    reply.message_id = message.message_id().map(str::to_owned);
    reply.in_reply_to =
        message.in_reply_to().as_text_list().map(|l| l.iter().map(|s| s.to_string()).collect()).unwrap_or_default();
    for r in message.references().as_text_list().unwrap_or_default() {
        if !reply.in_reply_to.iter().any(|x| x == r.as_ref()) {
            reply.in_reply_to.push(r.to_string());
        }
    }
    reply.text = message.body_text(0).map(|t| t.into_owned());
    reply.attachments = message.attachments().map(|a| a.attachment_name().unwrap_or("attachment").to_owned()).collect();
    Some(())
}
