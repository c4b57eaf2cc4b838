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

/// The environment variable that points the check elsewhere (tests' local stand-in, a mirror).
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
}

/// The API key as the user pasted it, trimmed, if it looks like one (at least 16 characters, no
/// space inside); checked before it is kept in the keyring.
pub fn api_key(text: &str) -> Result<&str, OnlineError> {
    let key = text.trim();
    if key.len() < 16 || key.chars().any(char::is_whitespace) { Err(OnlineError::InvalidKey) } else { Ok(key) }
}

/// The base URL an override (an environment variable for tests and mirrors) may set: HTTPS
/// anywhere, plain HTTP only to this computer — the key and addresses never travel in clear.
pub fn checked_base_url(url: &str) -> Result<String, OnlineError> {
    let url = url.trim().trim_end_matches('/');
    let local = ["http://127.0.0.1", "http://localhost", "http://[::1]"].iter().any(|p| {
        url.strip_prefix(p).is_some_and(|rest| rest.is_empty() || rest.starts_with(':') || rest.starts_with('/'))
    });
    if url.starts_with("https://") || local {
        Ok(url.to_owned())
    } else {
        Err(OnlineError::Refused {
            status: 0,
            message: format!("{url:?} is not an HTTPS address (plain HTTP is only allowed to this computer)"),
        })
    }
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

    /// The client both front ends use: HIBP itself, or the address in [`BASE_URL_ENV`] when set
    /// (HTTPS, or plain HTTP to this computer only, see [`checked_base_url`]).
    pub fn from_env() -> Result<Self, OnlineError> {
        let base = match std::env::var(BASE_URL_ENV) {
            Ok(url) => checked_base_url(&url)?,
            Err(_) => DEFAULT_BASE_URL.to_owned(),
        };
        Ok(Self::new(&base, USER_AGENT))
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
