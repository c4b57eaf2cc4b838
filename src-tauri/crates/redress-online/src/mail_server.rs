//! Where a mailbox lives and how to reach it: a server (host, port, how the connection is
//! secured), the login, and which certificates to trust. Shared by IMAP and SMTP.

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

use zeroize::Zeroizing;

use crate::OnlineError;

/// How a connection is secured (the provider list's own type): implicit TLS, STARTTLS (Redress
/// refuses to go on when the server does not offer the upgrade), or plain text, only to this
/// computer (a local bridge) and only when the person asks.
pub use redress_core::mail_provider::Security;

/// A mail server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailServer {
    pub host: String,
    pub port: u16,
    pub security: Security,
}

impl MailServer {
    /// Refuses a plain-text connection to anything but a loopback address: a password must
    /// never cross a network in clear.
    pub fn checked(&self) -> Result<&Self, OnlineError> {
        if self.host.trim().is_empty() || self.port == 0 {
            return Err(OnlineError::BadServer { host: self.host.clone(), port: self.port });
        }
        if self.security == Security::Plain && !is_loopback(&self.host) {
            return Err(OnlineError::PlainNotLoopback { host: self.host.clone() });
        }
        Ok(self)
    }
}

impl fmt::Display for MailServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.host, self.port)
    }
}

/// `localhost`, `127.0.0.0/8` or `::1`.
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// A login and its password. The password is wiped from memory when dropped and never shown
/// by `Debug`.
#[derive(Clone)]
pub struct Login {
    pub user: String,
    password: Zeroizing<String>,
}

impl Login {
    pub fn new(user: impl Into<String>, password: Zeroizing<String>) -> Self {
        Login { user: user.into(), password }
    }

    pub(crate) fn password(&self) -> &str {
        &self.password
    }
}

impl fmt::Debug for Login {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Login").field("user", &self.user).field("password", &"<redacted>").finish()
    }
}

/// Which certificates a server may present: the system's roots, plus a private CA when the
/// person gives one (`--ca-file`, a company's own mail server, a local bridge).
#[derive(Debug, Clone, Default)]
pub struct Trust {
    /// PEM certificates trusted besides the system's.
    pub extra_ca_pem: Option<Vec<u8>>,
}

/// How long one exchange with a server may take before Redress gives up and says so.
pub(crate) const EXCHANGE_TIMEOUT: Duration = Duration::from_secs(60);

/// Runs `work` on a runtime of its own, for callers that are not async (the use cases). One
/// thread: mail work is one conversation at a time.
pub(crate) fn block_on<F: std::future::Future>(work: F) -> Result<F::Output, OnlineError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| OnlineError::Network(format!("failed to start the network runtime: {e}")))?;
    Ok(runtime.block_on(work))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_refused_unless_the_server_is_this_computer() {
        for (host, ok) in [
            ("127.0.0.1", true),
            ("127.1.2.3", true),
            ("localhost", true),
            ("LOCALHOST", true),
            ("::1", true),
            ("[::1]", true),
            ("imap.example.org", false),
            ("192.168.1.10", false),
            ("127.0.0.1.evil.example", false),
            ("localhost.example", false),
        ] {
            let server = MailServer { host: host.into(), port: 1143, security: Security::Plain };
            assert_eq!(server.checked().is_ok(), ok, "{host}");
            let tls = MailServer { host: host.into(), port: 993, security: Security::Tls };
            assert!(tls.checked().is_ok(), "{host} over TLS");
        }
    }

    #[test]
    fn a_login_never_shows_its_password() {
        let login = Login::new("zoe@orange.fr", Zeroizing::new("hunter2-secret".into()));
        assert!(!format!("{login:?}").contains("hunter2"));
    }
}
