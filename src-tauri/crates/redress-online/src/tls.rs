//! TLS for the IMAP side (rustls, the system's root certificates plus an optional private CA).
//! The SMTP side gets the same trust through lettre's own rustls parameters (`smtp.rs`).

use std::sync::Arc;

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, ServerName};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;
use tokio_rustls::rustls::{ClientConfig, RootCertStore};

use crate::OnlineError;
use crate::mail_server::Trust;

/// The certificates of a private CA, read from PEM. A file with none is an error: the person
/// pointed at the wrong file.
pub(crate) fn extra_certificates(pem: &[u8]) -> Result<Vec<CertificateDer<'static>>, OnlineError> {
    let certs: Vec<_> = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<_, _>>()
        .map_err(|e| OnlineError::BadCaFile(e.to_string()))?;
    if certs.is_empty() {
        return Err(OnlineError::BadCaFile("no certificate in it (expected PEM: -----BEGIN CERTIFICATE-----)".into()));
    }
    Ok(certs)
}

fn client_config(trust: &Trust) -> Result<Arc<ClientConfig>, OnlineError> {
    let mut roots = RootCertStore::empty();
    // The system's roots; certificates the system store holds but rustls cannot read are
    // skipped (they could not be used anyway).
    let native = rustls_native_certs::load_native_certs();
    roots.add_parsable_certificates(native.certs);
    if let Some(pem) = &trust.extra_ca_pem {
        for cert in extra_certificates(pem)? {
            roots.add(cert).map_err(|e| OnlineError::BadCaFile(e.to_string()))?;
        }
    }
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| OnlineError::Network(format!("failed to set up TLS: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// Wraps `tcp` in TLS, checking the server's certificate against `host`.
pub(crate) async fn wrap(tcp: TcpStream, host: &str, trust: &Trust) -> Result<TlsStream<TcpStream>, OnlineError> {
    let name =
        ServerName::try_from(host.to_owned()).map_err(|_| OnlineError::BadServer { host: host.to_owned(), port: 0 })?;
    TlsConnector::from(client_config(trust)?)
        .connect(name, tcp)
        .await
        .map_err(|e| OnlineError::Tls { host: host.to_owned(), reason: e.to_string() })
}
