//! The only part of Redress that uses the network, and only when the user asks for it: the
//! Have I Been Pwned breach check (`breachedaccount`, API v3), with the user's own API key.
//!
//! The key is passed in by the caller (which keeps it in the OS keyring) and is never logged or
//! put in an error message. The user agent is set (HIBP refuses requests without one), a 429
//! answer's `retry-after` is honoured, and the base URL is injectable so tests run against a
//! local server on 127.0.0.1 (only with `REDRESS_TEST_MODE=1`, and only to this computer).

mod hibp;

pub use hibp::{
    BASE_URL_ENV, BreachCheck, DEFAULT_BASE_URL, HibpBreach, HibpClient, OnlineError, TEST_MODE_ENV, USER_AGENT,
    api_key, base_url_override, checked_base_url,
};
