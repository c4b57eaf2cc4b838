//! Evidence: what vendors send back. A reply (an e-mail, a PDF, a text or a scan) is read into a
//! [`Reply`] with its SHA-256, so it can be stored, linked to the case it answers, searched for
//! the items an access answer must contain, and later attached to a complaint.
//!
//! ```
//! use redress_core::evidence::{ReplyFormat, read_reply};
//!
//! let eml = b"From: DPO <privacy@kaspr.io>\r\nSubject: Re: access request\r\nDate: Mon, 2 Mar 2026 10:00:00 +0100\r\n\r\nHere is your data.\r\n";
//! let reply = read_reply("answer.eml", eml).unwrap();
//! assert_eq!(reply.format, ReplyFormat::Email);
//! assert_eq!(reply.from_address.as_deref(), Some("privacy@kaspr.io"));
//! assert_eq!(reply.date, Some(jiff::civil::date(2026, 3, 2)));
//! ```

mod exhibit;
mod fingerprint;
mod link;
mod mailbox;
mod mentions;
mod reply;
mod scan;

pub use exhibit::exhibit_content;
pub use fingerprint::{
    Confidence, Fingerprints, Place, SignalRecord, SignalType, Tool, ToolKind, ToolRecord,
    parse_file as parse_fingerprints,
};
pub use link::{CaseCandidate, Link, link_reply};
pub use mailbox::{
    MAX_MESSAGE_BYTES, MailFile, MailFileKind, MailInput, MailItem, MboxPart, MboxSplitter, MessageOrigin,
    mailbox_label, plan_inputs, read_messages, sniff as sniff_mail,
};
pub use mentions::{VendorMention, vendors_named};
pub use reply::{MAX_REPLY_BYTES, Reply, ReplyFormat, read_reply, read_reply_file, sniff_media_type};
pub use scan::{
    CompanyTally, EXAMPLES_PER_TOOL, EvidenceItem, Examiner, Finding, MessageReport, ScanExamples, ScanOptions,
    ScanSummary, SourceInquiry, ToolTally, scan,
};
