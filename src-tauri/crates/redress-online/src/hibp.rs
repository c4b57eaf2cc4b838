//! Have I Been Pwned: which breaches an e-mail address appears in.
//! API: <https://haveibeenpwned.com/API/v3#BreachesForAccount> — `GET /api/v3/breachedaccount/{account}`
//! with the `hibp-api-key` and `user-agent` headers; 404 means "in no breach", 401 a bad key,
//! 429 too many requests (wait `retry-after` seconds).

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Where HIBP's API lives.
pub const DEFAULT_BASE_URL: &str = "https://haveibeenpwned.com";

/// How Redress introduces itself to HIBP (which refuses requests without a user agent).
pub const USER_AGENT: &str = concat!("Redress/", env!("CARGO_PKG_VERSION"), " (GDPR self-help desktop app)");

/// The environment variable that points the check at a test server on this computer.
pub const BASE_URL_ENV: &str = "REDRESS_HIBP_URL";

/// Waits longer than this are not slept through: the user is told to try again later.
const MAX_RETRY_WAIT: Duration = Duration::from_secs(30);
const MAX_RETRIES: u32 = 2;
const TIMEOUT: Duration = Duration::from_secs(20);
/// HIBP's answers are a few kilobytes per breach; anything far larger is not HIBP.
const MAX_BODY: u64 = 8 * 1024 * 1024;

/// One breach as HIBP describes it (fields in HIBP's own PascalCase on the wire).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HibpBreach {
    pub name: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub domain: String,
    #[serde(default)]
    pub breach_date: Option<String>,
    #[serde(default)]
    pub added_date: Option<String>,
    #[serde(default)]
    pub pwn_count: u64,
    #[serde(default)]
    pub data_classes: Vec<String>,
    #[serde(default)]
    pub is_verified: bool,
    #[serde(default)]
    pub is_fabricated: bool,
    #[serde(default)]
    pub is_spam_list: bool,
}

/// The answer for one address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", content = "breaches", rename_all = "snake_case")]
pub enum BreachCheck {
    NotFound,
    Found(Vec<HibpBreach>),
}

/// What went wrong, said so the user knows what to do. Never contains the key.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OnlineError {
    #[error(
        "Have I Been Pwned refused the API key (401): check it at https://haveibeenpwned.com/API/Key and set it again"
    )]
    Unauthorized,
    #[error("Have I Been Pwned asks to wait {seconds} s before the next request (429); try again later")]
    RateLimited { seconds: u64 },
    #[error("Have I Been Pwned refused the request ({status}): {message}")]
    Refused { status: u16, message: String },
    #[error("could not reach Have I Been Pwned: {0}")]
    Network(String),
    #[error("Have I Been Pwned answered something Redress cannot read: {0}")]
    BadAnswer(String),
    #[error("{0:?} is not an e-mail address")]
    InvalidAddress(String),
    #[error("that does not look like an HIBP API key (32 letters and digits, from https://haveibeenpwned.com/API/Key)")]
    InvalidKey,
    #[error("{host:?} port {port} is not a mail server address; check the host name and port")]
    BadServer { host: String, port: u16 },
    #[error(
        "refusing to send the password to {host} without encryption: plain text is allowed only to this computer (127.0.0.1, a local bridge); choose tls or starttls"
    )]
    PlainNotLoopback { host: String },
    #[error("could not reach the mail server {server}: {reason}; check the host name, the port and your connection")]
    Connect { server: String, reason: String },
    #[error(
        "the secure connection to {host} failed: {reason}; if the server uses a private certificate authority, give its certificate with --ca-file"
    )]
    Tls { host: String, reason: String },
    #[error(
        "{server} did not upgrade to an encrypted connection (STARTTLS): {reason}; try security tls on the server's TLS port"
    )]
    NoStartTls { server: String, reason: String },
    #[error("{server} refused the login: {says}; check the login and password (some providers need an app password)")]
    LoginRefused { server: String, says: String },
    #[error("{server} refused the letter ({code}): {says}")]
    SmtpRefused { server: String, code: String, temporary: bool, says: String },
    #[error("the mail server {server} answered something unexpected: {reason}")]
    Protocol { server: String, reason: String },
    #[error("the mail server {server} did not answer within {seconds} s; try again later")]
    Timeout { server: String, seconds: u64 },
    #[error("the certificate authority file cannot be used: {0}")]
    BadCaFile(String),
}

/// The API key as the user pasted it, trimmed, if it looks like one (at least 16 characters, no
/// space inside); checked before it is kept in the keyring.
pub fn api_key(text: &str) -> Result<&str, OnlineError> {
    let key = text.trim();
    if key.len() < 16 || key.chars().any(char::is_whitespace) { Err(OnlineError::InvalidKey) } else { Ok(key) }
}

/// The environment variable that must be `1` for [`BASE_URL_ENV`] to be honoured: the override
/// exists for tests (a local stand-in for HIBP), so it is refused unless a test asks for it.
pub const TEST_MODE_ENV: &str = "REDRESS_TEST_MODE";

/// The base URL an override may set: `http` or `https` to this computer only (`127.0.0.0/8`,
/// `[::1]`, `localhost`), nothing else in it — no user name or password, query or fragment — so
/// the key and addresses can never be sent to another computer. The URL is parsed as a whole
/// (userinfo, brackets, fragments) and the base handed back is rebuilt from the parsed host, port
/// and path, so the client connects to exactly the host that was checked.
pub fn checked_base_url(text: &str) -> Result<String, OnlineError> {
    let refuse = |why: &str| OnlineError::Refused {
        status: 0,
        message: format!(
            "{BASE_URL_ENV}={text:?} is refused: {why}; it may only point to a test server on this computer, \
             such as http://127.0.0.1:8080"
        ),
    };
    let url = url::Url::parse(text.trim()).map_err(|e| refuse(&format!("it is not a URL ({e})")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(refuse("it is not an http or https address"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refuse("it holds a user name or password (the part before '@')"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(refuse("it holds a query ('?') or fragment ('#')"));
    }
    let host = match url.host() {
        Some(url::Host::Ipv4(ip)) if ip.is_loopback() => ip.to_string(),
        Some(url::Host::Ipv6(ip)) if ip.is_loopback() => format!("[{ip}]"),
        Some(url::Host::Domain(name)) if name.eq_ignore_ascii_case("localhost") => "localhost".to_owned(),
        _ => return Err(refuse("its host is not this computer")),
    };
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    let path = url.path().trim_end_matches('/');
    Ok(format!("{}://{host}{port}{path}", url.scheme()))
}

/// The override `env` gives, if any: `None` without [`BASE_URL_ENV`]; refused unless
/// [`TEST_MODE_ENV`] is `1` and the address is this computer's (see [`checked_base_url`]).
pub fn base_url_override(env: impl Fn(&str) -> Option<String>) -> Result<Option<String>, OnlineError> {
    let Some(url) = env(BASE_URL_ENV) else { return Ok(None) };
    if env(TEST_MODE_ENV).as_deref() != Some("1") {
        return Err(OnlineError::Refused {
            status: 0,
            message: format!(
                "{BASE_URL_ENV} is only honoured by tests (with {TEST_MODE_ENV}=1); unset it to check with \
                 Have I Been Pwned itself"
            ),
        });
    }
    checked_base_url(&url).map(Some)
}

/// A client for the breach check. Cheap to create; one per check is fine.
pub struct HibpClient {
    base_url: String,
    user_agent: String,
    agent: ureq::Agent,
    sleep: Box<dyn Fn(Duration) + Send + Sync>,
}

impl std::fmt::Debug for HibpClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HibpClient").field("base_url", &self.base_url).field("user_agent", &self.user_agent).finish()
    }
}

impl HibpClient {
    /// A client for `base_url` (normally [`DEFAULT_BASE_URL`]), identifying as `user_agent`.
    pub fn new(base_url: &str, user_agent: &str) -> Self {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(TIMEOUT))
            .max_redirects(0)
            .user_agent(user_agent)
            .build();
        Self {
            base_url: base_url.trim_end_matches('/').to_owned(),
            user_agent: user_agent.to_owned(),
            agent: ureq::Agent::new_with_config(config),
            sleep: Box::new(std::thread::sleep),
        }
    }

    /// The client both front ends use: HIBP itself, or, for tests, the local address in
    /// [`BASE_URL_ENV`] (see [`base_url_override`]).
    pub fn from_env() -> Result<Self, OnlineError> {
        let base = base_url_override(|name| std::env::var(name).ok())?;
        Ok(Self::new(base.as_deref().unwrap_or(DEFAULT_BASE_URL), USER_AGENT))
    }

    /// Checks each address in turn. The first failure stops the check; it is returned with the
    /// answers already received, so the caller can keep those.
    pub fn check_addresses<'e>(
        &self,
        api_key: &str,
        emails: &'e [String],
    ) -> (Vec<(&'e str, Vec<HibpBreach>)>, Option<OnlineError>) {
        let mut answers = Vec::new();
        for email in emails {
            match self.breached_account(api_key, email) {
                Ok(BreachCheck::NotFound) => answers.push((email.as_str(), Vec::new())),
                Ok(BreachCheck::Found(breaches)) => answers.push((email.as_str(), breaches)),
                Err(e) => return (answers, Some(e)),
            }
        }
        (answers, None)
    }

    /// Replaces how the client waits after a 429 (tests record the waits instead).
    pub fn with_sleep(mut self, sleep: impl Fn(Duration) + Send + Sync + 'static) -> Self {
        self.sleep = Box::new(sleep);
        self
    }

    /// The breaches `email` appears in. Follows HIBP's `retry-after` up to twice when the wait
    /// is short; a longer wait is returned as [`OnlineError::RateLimited`].
    pub fn breached_account(&self, api_key: &str, email: &str) -> Result<BreachCheck, OnlineError> {
        let email = email.trim();
        if email.len() > 254 || email.split_once('@').is_none_or(|(l, d)| l.is_empty() || !d.contains('.')) {
            return Err(OnlineError::InvalidAddress(email.to_owned()));
        }
        let account = percent_encoding::utf8_percent_encode(email, percent_encoding::NON_ALPHANUMERIC);
        let url = format!("{}/api/v3/breachedaccount/{account}?truncateResponse=false", self.base_url);
        let mut retries = 0;
        loop {
            let response = self
                .agent
                .get(&url)
                .header("hibp-api-key", api_key)
                .header("accept", "application/json")
                .call()
                .map_err(|e| OnlineError::Network(e.to_string()))?;
            let status = response.status().as_u16();
            let retry_after = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok());
            let mut body = response.into_body();
            let text = match body.with_config().limit(MAX_BODY).read_to_string() {
                Ok(text) => text,
                Err(e) if status == 200 => {
                    return Err(OnlineError::BadAnswer(format!("the answer could not be read: {e}")));
                }
                Err(_) => String::new(),
            };
            match status {
                200 => {
                    let breaches: Vec<HibpBreach> =
                        serde_json::from_str(&text).map_err(|e| OnlineError::BadAnswer(e.to_string()))?;
                    return Ok(if breaches.is_empty() { BreachCheck::NotFound } else { BreachCheck::Found(breaches) });
                }
                404 => return Ok(BreachCheck::NotFound),
                401 => return Err(OnlineError::Unauthorized),
                429 => {
                    let seconds = retry_after.unwrap_or(2);
                    let wait = Duration::from_secs(seconds);
                    if retries >= MAX_RETRIES || wait > MAX_RETRY_WAIT {
                        return Err(OnlineError::RateLimited { seconds });
                    }
                    retries += 1;
                    (self.sleep)(wait);
                }
                _ => {
                    let message = match status {
                        400 => "the address is not in a form HIBP accepts".to_owned(),
                        403 => "the request was refused (no or blocked user agent)".to_owned(),
                        _ => first_line(&text),
                    };
                    return Err(OnlineError::Refused { status, message });
                }
            }
        }
    }
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    let mut out: String = line.chars().take(200).collect();
    if out.is_empty() {
        out = "no explanation given".into();
    }
    out
}
