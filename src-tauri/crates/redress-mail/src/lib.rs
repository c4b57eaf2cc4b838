//! Redress mail: everything that reads mail, the one part of Redress that takes large, hostile
//! input. IMAP hands it messages fetched elsewhere (`redress-online`), as the files do.
//!
//! - Mailboxes as mail programs export them — `.mbox` files, Maildir folders, single `.eml`
//!   files, or folders of any of these — read as a stream of messages in flat memory
//!   ([`plan_inputs`], [`read_messages`], [`MboxSplitter`]).
//! - Fingerprints: the signs of prospecting tools, trackers and contact-data vendors in a
//!   message (`data/fingerprints.json`, the registry vendors' domains and the user's own files:
//!   [`Fingerprints`]).
//! - The scan: every message examined for them on all cores, reports in mailbox order, and a
//!   tally per tool and per company ([`scan`], [`Examiner`], [`ScanSummary`]).
//! - Replies: what a vendor sends back (an e-mail, a PDF, a text or a scan) read into a
//!   [`Reply`] with its SHA-256 ([`read_reply`]), so it can be stored, linked to the case it
//!   answers ([`link_reply`]), searched for the vendors it names ([`vendors_named`]), and laid
//!   out as a complaint's exhibit ([`exhibit_content`]).
//! - Incoming mail: whether a message is a delivery failure report (RFC 3464), an automatic
//!   reply (RFC 3834) or a written message ([`classify`]), so mail sync files each rightly.
//!
//! What this crate must never do: open a network connection, or write to the store (it does
//! not depend on `redress-store`). It reads only the paths and bytes it is handed and returns
//! values; callers decide what to keep. The domain stays in `redress-core`, which this crate
//! depends on: the registry it matches against, and the words the exposure board shares with
//! the scan ([`redress_core::tool::ToolKind`], [`redress_core::tool::Confidence`]).
//!
//! ```
//! use redress_mail::{ReplyFormat, read_reply};
//!
//! let eml = b"From: DPO <privacy@kaspr.io>\r\nSubject: Re: access request\r\nDate: Mon, 2 Mar 2026 10:00:00 +0100\r\n\r\nHere is your data.\r\n";
//! let reply = read_reply("answer.eml", eml).unwrap();
//! assert_eq!(reply.format, ReplyFormat::Email);
//! assert_eq!(reply.from_address.as_deref(), Some("privacy@kaspr.io"));
//! assert_eq!(reply.date, Some(jiff::civil::date(2026, 3, 2)));
//! ```

mod error;
mod exhibit;
mod fingerprint;
mod incoming;
mod link;
mod mailbox;
mod mentions;
mod reply;
mod scan;

pub use error::Error;
pub use exhibit::exhibit_content;
pub use fingerprint::{
    Fingerprints, Place, SignalRecord, SignalType, Tool, ToolRecord, parse_file as parse_fingerprints,
};
pub use incoming::{DeliveryFailure, FailedRecipient, Incoming, classify};
pub use link::{CaseCandidate, Link, bare_id, link_reply};
pub use mailbox::{
    MAX_MESSAGE_BYTES, MailFile, MailFileKind, MailInput, MailItem, MboxPart, MboxSplitter, MessageOrigin,
    mailbox_label, plan_inputs, read_messages, sniff as sniff_mail,
};
pub use mentions::{VendorMention, vendors_named};
pub use reply::{MAX_REPLY_BYTES, Reply, ReplyFormat, read_reply, read_reply_file};
pub use scan::{
    CompanyTally, EXAMPLES_PER_TOOL, EvidenceItem, Examiner, Finding, MessageReport, ScanExamples, ScanOptions,
    ScanSummary, SourceInquiry, ToolTally, scan, scan_stream, worker_threads,
};
