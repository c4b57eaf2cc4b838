//! The only part of Redress that uses the network, and only when the user asks for it:
//!
//! - the Have I Been Pwned breach check (`breachedaccount`, API v3), with the user's own API
//!   key (`hibp.rs`);
//! - the person's own mailbox: SMTP submission to send a letter (`smtp.rs`, lettre) and IMAP to
//!   check a login, file a copy in the Sent folder and find a message again (`imap.rs`,
//!   async-imap) and read new messages read-only (`imap_read.rs`), always over TLS (implicit or STARTTLS, rustls with the system's roots and an
//!   optional private CA), plain text only to this computer.
//!
//! Keys and passwords are passed in by the caller (which keeps them in the OS keyring or the
//! encrypted store) and are never logged or put in an error message. The HIBP base URL is
//! injectable so tests run against a local server on 127.0.0.1 (only with `REDRESS_TEST_MODE=1`,
//! and only to this computer); mail servers are whatever the person connects, so tests run a
//! real Dovecot and Postfix on 127.0.0.1.
//!
//! ```no_run
//! use redress_online::{Login, MailServer, Security, Trust, check_imap};
//! let server = MailServer { host: "imap.orange.fr".into(), port: 993, security: Security::Tls };
//! let login = Login::new("zoe@orange.fr", zeroize::Zeroizing::new("app password".into()));
//! let check = check_imap(&server, &login, &Trust::default())?;
//! println!("Sent folder: {:?}", check.sent_folder);
//! # Ok::<(), redress_online::OnlineError>(())
//! ```

mod hibp;
mod imap;
mod imap_read;
mod mail_server;
mod smtp;
mod tls;

pub use hibp::{
    BASE_URL_ENV, BreachCheck, DEFAULT_BASE_URL, HibpBreach, HibpClient, OnlineError, TEST_MODE_ENV, USER_AGENT,
    api_key, base_url_override, checked_base_url,
};
pub use imap::{ImapCheck, append, check_imap, has_message_id};
pub use imap_read::{Fetched, FolderMark, FolderRead, FolderStart, list_folders, read_new};
pub use mail_server::{Login, MailServer, Security, Trust, is_loopback};
pub use smtp::{Accepted, check_smtp, submit};
