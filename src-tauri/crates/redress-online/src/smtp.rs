//! SMTP submission (lettre on tokio, rustls): check a login, submit one message as it is.
//!
//! The message is sent byte for byte as Redress built it (`send_raw`): what the vendor
//! receives is exactly what the case keeps as the proof of sending. Each phase reports its own
//! failure, so the person learns whether the server could not be reached, refused the login,
//! or refused the letter — with the server's own words.

use std::net::Ipv4Addr;

use lettre::address::{Address, Envelope};
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, Certificate, CertificateStore, TlsParameters};
use lettre::transport::smtp::extension::ClientId;

use crate::OnlineError;
use crate::mail_server::{EXCHANGE_TIMEOUT, Login, MailServer, Security, Trust, block_on};

/// What the server said when it took the message ("250 2.0.0 Ok: queued as 4Xk…").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    pub reply: String,
}

/// Connects, logs in and says goodbye: the check made before an account is saved.
pub fn check_smtp(server: &MailServer, login: &Login, trust: &Trust) -> Result<(), OnlineError> {
    block_on(async {
        let mut conn = connect(server, login, trust).await?;
        let _ = conn.quit().await;
        Ok(())
    })?
}

/// Submits `message` from `from` to `to` (the envelope; the headers are the message's own).
pub fn submit(
    server: &MailServer,
    login: &Login,
    trust: &Trust,
    from: &str,
    to: &[String],
    message: &[u8],
) -> Result<Accepted, OnlineError> {
    let address = |a: &str| a.parse::<Address>().map_err(|e| OnlineError::InvalidAddress(format!("{a} ({e})")));
    let recipients = to.iter().map(|a| address(a)).collect::<Result<Vec<_>, _>>()?;
    let envelope = Envelope::new(Some(address(from)?), recipients)
        .map_err(|e| OnlineError::InvalidAddress(format!("the letter has no recipient ({e})")))?;
    block_on(async {
        let mut conn = connect(server, login, trust).await?;
        // lettre ends the DATA with "\r\n.\r\n" whatever the message ends with; without this
        // the vendor would receive one blank line more than the proof the case keeps.
        let body = message.strip_suffix(b"\r\n").unwrap_or(message);
        let sent = conn.send(&envelope, body).await;
        let _ = conn.quit().await;
        match sent {
            Ok(response) => Ok(Accepted {
                reply: format!("{} {}", response.code(), response.message().collect::<Vec<_>>().join(" ")),
            }),
            Err(e) => Err(refused(server, &e)),
        }
    })?
}

/// The EHLO name: an address literal, as privacy-minded mail programs send, rather than this
/// computer's host name.
fn hello() -> ClientId {
    ClientId::Ipv4(Ipv4Addr::LOCALHOST)
}

fn tls_parameters(server: &MailServer, trust: &Trust) -> Result<TlsParameters, OnlineError> {
    let mut builder = TlsParameters::builder(server.host.clone()).certificate_store(CertificateStore::Default);
    if let Some(pem) = &trust.extra_ca_pem {
        for der in crate::tls::extra_certificates(pem)? {
            let cert = Certificate::from_der(der.to_vec()).map_err(|e| OnlineError::BadCaFile(e.to_string()))?;
            builder = builder.add_root_certificate(cert);
        }
    }
    builder.build_rustls().map_err(|e| OnlineError::Tls { host: server.host.clone(), reason: e.to_string() })
}

async fn connect(server: &MailServer, login: &Login, trust: &Trust) -> Result<AsyncSmtpConnection, OnlineError> {
    server.checked()?;
    let implicit = match server.security {
        Security::Tls => Some(tls_parameters(server, trust)?),
        Security::StartTls | Security::Plain => None,
    };
    let address = (server.host.as_str(), server.port);
    let mut conn = AsyncSmtpConnection::connect_tokio1(address, Some(EXCHANGE_TIMEOUT), &hello(), implicit, None)
        .await
        .map_err(|e| unreachable_server(server, &e))?;
    if server.security == Security::StartTls {
        if !conn.can_starttls() {
            return Err(OnlineError::NoStartTls {
                server: server.to_string(),
                reason: "the server does not offer STARTTLS".into(),
            });
        }
        conn.starttls(tls_parameters(server, trust)?, &hello()).await.map_err(|e| unreachable_server(server, &e))?;
    }
    let credentials = Credentials::new(login.user.clone(), login.password().to_owned());
    conn.auth(&[Mechanism::Plain, Mechanism::Login], &credentials).await.map_err(|e| {
        if e.is_response() || e.is_permanent() || e.is_transient() {
            OnlineError::LoginRefused { server: server.to_string(), says: says(&e) }
        } else {
            OnlineError::Protocol { server: server.to_string(), reason: says(&e) }
        }
    })?;
    Ok(conn)
}

fn unreachable_server(server: &MailServer, e: &lettre::transport::smtp::Error) -> OnlineError {
    if e.is_tls() {
        OnlineError::Tls { host: server.host.clone(), reason: says(e) }
    } else if e.is_timeout() {
        OnlineError::Timeout { server: server.to_string(), seconds: EXCHANGE_TIMEOUT.as_secs() }
    } else {
        OnlineError::Connect { server: server.to_string(), reason: says(e) }
    }
}

fn refused(server: &MailServer, e: &lettre::transport::smtp::Error) -> OnlineError {
    match e.status() {
        Some(code) => OnlineError::SmtpRefused {
            server: server.to_string(),
            code: code.to_string(),
            temporary: e.is_transient(),
            says: says(e),
        },
        None => OnlineError::Protocol { server: server.to_string(), reason: says(e) },
    }
}

/// The error and its causes, one line.
fn says(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let more = cause.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = cause.source();
    }
    text.replace(['\r', '\n'], " ")
}
