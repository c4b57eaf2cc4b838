//! IMAP (async-imap on tokio): check a login, file a copy in the Sent folder, and look a
//! message up by its Message-ID. Every read is read-only (`EXAMINE`, `BODY.PEEK`): Redress never
//! marks, moves or deletes the person's mail.

use std::pin::Pin;
use std::task::{Context, Poll};

use async_imap::types::NameAttribute;
use async_imap::{Client, Session};
use futures_util::TryStreamExt;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;

use crate::OnlineError;
use crate::mail_server::{EXCHANGE_TIMEOUT, Login, MailServer, Security, Trust, block_on};

/// What a successful IMAP login showed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImapCheck {
    /// The server's capabilities after login (`IMAP4rev1`, `IDLE`, `SPECIAL-USE`, …).
    pub capabilities: Vec<String>,
    /// The folder marked `\Sent` (RFC 6154), else one named "Sent" when there is one.
    pub sent_folder: Option<String>,
}

/// Logs in, reads the capabilities and finds the Sent folder, then logs out.
pub fn check_imap(server: &MailServer, login: &Login, trust: &Trust) -> Result<ImapCheck, OnlineError> {
    block_on(timed(server, async {
        let mut session = open(server, login, trust).await?;
        let capabilities = session.capabilities().await.map_err(|e| protocol(server, e))?;
        let mut capabilities: Vec<String> = capabilities
            .iter()
            .map(|c| match c {
                async_imap::types::Capability::Imap4rev1 => "IMAP4rev1".to_owned(),
                async_imap::types::Capability::Auth(m) => format!("AUTH={m}"),
                async_imap::types::Capability::Atom(a) => a.clone(),
            })
            .collect();
        capabilities.sort();
        let sent_folder = sent_folder(&mut session, server).await?;
        let _ = session.logout().await;
        Ok(ImapCheck { capabilities, sent_folder })
    }))?
}

/// Files `message` in `folder` (marked `\Seen`: the person wrote it).
pub fn append(
    server: &MailServer,
    login: &Login,
    trust: &Trust,
    folder: &str,
    message: &[u8],
) -> Result<(), OnlineError> {
    block_on(timed(server, async {
        let mut session = open(server, login, trust).await?;
        session.append(folder, Some("(\\Seen)"), None, message).await.map_err(|e| protocol(server, e))?;
        let _ = session.logout().await;
        Ok(())
    }))?
}

/// Whether `folder` holds a message with this Message-ID (`<…@…>`).
pub fn has_message_id(
    server: &MailServer,
    login: &Login,
    trust: &Trust,
    folder: &str,
    message_id: &str,
) -> Result<bool, OnlineError> {
    // A Message-ID Redress made is `<hex@domain>`; anything else could break the search
    // command, so it is refused rather than quoted.
    if !message_id.bytes().all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\') {
        return Err(OnlineError::Network(format!("{message_id:?} is not a Message-ID Redress can look up")));
    }
    block_on(timed(server, async {
        let mut session = open(server, login, trust).await?;
        session.examine(folder).await.map_err(|e| protocol(server, e))?;
        let hits =
            session.uid_search(format!("HEADER Message-ID \"{message_id}\"")).await.map_err(|e| protocol(server, e))?;
        let _ = session.logout().await;
        Ok(!hits.is_empty())
    }))?
}

async fn timed<T>(server: &MailServer, work: impl Future<Output = Result<T, OnlineError>>) -> Result<T, OnlineError> {
    timed_for(server, EXCHANGE_TIMEOUT, work).await
}

/// `work`, or a timeout error naming the server once `limit` has passed.
pub(crate) async fn timed_for<T>(
    server: &MailServer,
    limit: std::time::Duration,
    work: impl Future<Output = Result<T, OnlineError>>,
) -> Result<T, OnlineError> {
    tokio::time::timeout(limit, work).await.map_err(|_| timeout(server, limit))?
}

pub(crate) fn timeout(server: &MailServer, limit: std::time::Duration) -> OnlineError {
    OnlineError::Timeout { server: server.to_string(), seconds: limit.as_secs() }
}

/// Connects as `server.security` says and logs in.
pub(crate) async fn open(
    server: &MailServer,
    login: &Login,
    trust: &Trust,
) -> Result<Session<MailStream>, OnlineError> {
    server.checked()?;
    let tcp = TcpStream::connect((server.host.as_str(), server.port))
        .await
        .map_err(|e| OnlineError::Connect { server: server.to_string(), reason: e.to_string() })?;
    let stream = match server.security {
        Security::Tls => MailStream::Tls(Box::new(crate::tls::wrap(tcp, &server.host, trust).await?)),
        Security::Plain => MailStream::Plain(tcp),
        Security::StartTls => {
            let mut client = Client::new(tcp);
            greeting(&mut client, server).await?;
            client
                .run_command_and_check_ok("STARTTLS", None)
                .await
                .map_err(|e| OnlineError::NoStartTls { server: server.to_string(), reason: e.to_string() })?;
            let tcp = client.into_inner();
            // No greeting follows STARTTLS (RFC 3501 §6.2.1).
            let tls = crate::tls::wrap(tcp, &server.host, trust).await?;
            return login_on(Client::new(MailStream::Tls(Box::new(tls))), server, login).await;
        }
    };
    let mut client = Client::new(stream);
    greeting(&mut client, server).await?;
    login_on(client, server, login).await
}

async fn greeting<T>(client: &mut Client<T>, server: &MailServer) -> Result<(), OnlineError>
where
    T: AsyncRead + AsyncWrite + Unpin + std::fmt::Debug + Send,
{
    match client.read_response().await {
        Ok(Some(_)) => Ok(()),
        Ok(None) => Err(OnlineError::Connect { server: server.to_string(), reason: "it closed the connection".into() }),
        Err(e) => Err(OnlineError::Connect { server: server.to_string(), reason: e.to_string() }),
    }
}

async fn login_on(
    client: Client<MailStream>,
    server: &MailServer,
    login: &Login,
) -> Result<Session<MailStream>, OnlineError> {
    client.login(&login.user, login.password()).await.map_err(|(e, _)| match e {
        async_imap::error::Error::No(text) | async_imap::error::Error::Bad(text) => {
            OnlineError::LoginRefused { server: server.to_string(), says: text.trim().to_owned() }
        }
        other => protocol(server, other),
    })
}

/// Every folder the server lists (`LIST "" *`), with its attributes.
pub(crate) async fn list_all(
    session: &mut Session<MailStream>,
    server: &MailServer,
) -> Result<Vec<async_imap::types::Name>, OnlineError> {
    session
        .list(Some(""), Some("*"))
        .await
        .map_err(|e| protocol(server, e))?
        .try_collect()
        .await
        .map_err(|e| protocol(server, e))
}

async fn sent_folder(session: &mut Session<MailStream>, server: &MailServer) -> Result<Option<String>, OnlineError> {
    let names = list_all(session, server).await?;
    let marked = names.iter().find(|n| n.attributes().iter().any(|a| matches!(a, NameAttribute::Sent)));
    let named = names.iter().find(|n| n.name().eq_ignore_ascii_case("sent"));
    Ok(marked.or(named).map(|n| n.name().to_owned()))
}

pub(crate) fn protocol(server: &MailServer, e: async_imap::error::Error) -> OnlineError {
    OnlineError::Protocol { server: server.to_string(), reason: e.to_string() }
}

/// The connection under the IMAP client: plain TCP (before STARTTLS, or to a local bridge)
/// or TLS.
#[derive(Debug)]
pub(crate) enum MailStream {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

impl AsyncRead for MailStream {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            MailStream::Plain(s) => Pin::new(s).poll_read(cx, buf),
            MailStream::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for MailStream {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        match self.get_mut() {
            MailStream::Plain(s) => Pin::new(s).poll_write(cx, buf),
            MailStream::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            MailStream::Plain(s) => Pin::new(s).poll_flush(cx),
            MailStream::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            MailStream::Plain(s) => Pin::new(s).poll_shutdown(cx),
            MailStream::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}
