//! The mail providers whose servers Redress knows, and finding an address's provider: which IMAP
//! and SMTP servers to use, the login for each, and whether a password works at all.
//!
//! The list is `data/mail_providers.json`, generated from Mozilla Thunderbird's ISPDB by
//! `tools/ispdb-import` (MPL-2.0; `data/SOURCES.md`). It is compiled in and parsed once, on
//! first use. Nothing here touches the network: a domain the list does not name is
//! [`Lookup::NotFound`], and the caller asks the person for their servers' names.
//!
//! ```
//! use redress_core::mail_provider::{for_address, Lookup, Security};
//!
//! let Lookup::Found(found) = for_address("Zoe@Orange.FR").expect("an address") else {
//!     panic!("orange.fr is in the list");
//! };
//! assert_eq!((found.imap.host.as_str(), found.imap.port, found.imap.security), ("imap.orange.fr", 993, Security::Tls));
//! assert_eq!(found.smtp.login, "Zoe@orange.fr");
//! assert!(found.needs_oauth2.is_none());
//! ```

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::domain_name::{DomainProblem, normalise_mail_domain};

const BUILTIN_JSON: &str = include_str!("../data/mail_providers.json");

/// How a connection is protected: TLS from the first byte (IMAP 993, SMTP 465), upgraded with
/// STARTTLS (IMAP 143, SMTP 587), or not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Security {
    #[serde(rename = "tls")]
    Tls,
    #[serde(rename = "starttls")]
    StartTls,
    #[serde(rename = "plain")]
    Plain,
}

crate::spelled!(Security, "connection security", { Tls => "tls", StartTls => "starttls", Plain => "plain" });

/// How a server signs a person in, as the ISPDB names the methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuthMethod {
    /// A password sent as is (inside TLS): AUTH PLAIN or LOGIN.
    PasswordCleartext,
    /// A password proven without sending it: CRAM-MD5 and the like.
    PasswordEncrypted,
    /// A token from the provider's sign-in page, not a password.
    #[serde(rename = "oauth2")]
    OAuth2,
    /// No sign-in at all (an SMTP server that trusts its own network).
    #[serde(rename = "none")]
    Unauthenticated,
}

crate::spelled!(AuthMethod, "authentication method", {
    PasswordCleartext => "password-cleartext",
    PasswordEncrypted => "password-encrypted",
    OAuth2 => "oauth2",
    Unauthenticated => "none",
});

/// Reading mail (IMAP) or sending it (SMTP).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Protocol {
    Imap,
    Smtp,
}

crate::spelled!(Protocol, "mail protocol", { Imap => "imap", Smtp => "smtp" });

/// What a server takes as the user name, from the address `zoe@orange.fr`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UsernameForm {
    /// The whole address: `zoe@orange.fr` (ISPDB `%EMAILADDRESS%`).
    Address,
    /// The part before the `@`: `zoe` (ISPDB `%EMAILLOCALPART%`).
    LocalPart,
    /// Another pattern of the ISPDB's placeholders, such as `%EMAILLOCALPART%.%EMAILDOMAIN%`.
    Other(String),
    /// The ISPDB names no user name for this server (two SMTP servers); Redress then signs in
    /// with the IMAP login, the one name the person has at the provider.
    NotGiven,
}

/// One IMAP or SMTP server of a provider, as the list gives it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    /// May hold `%EMAILDOMAIN%` (`mail.%EMAILDOMAIN%`), filled in from the address.
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub username: UsernameForm,
    /// In the ISPDB's order.
    pub auth: Vec<AuthMethod>,
    /// The ISPDB says this server accepts only clients on the provider's own network.
    #[serde(default)]
    pub isp_network_only: bool,
}

/// A step the provider asks for before a mail program can connect ("allow IMAP access").
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnableStep {
    pub url: String,
    pub instruction: Option<String>,
}

/// A help page of the provider's.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Documentation {
    pub url: String,
    /// In English where the ISPDB has it, else the page's own language.
    pub title: Option<String>,
}

/// One provider of the list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailProvider {
    /// The ISPDB file's name without `.xml` (`orange.fr`, `googlemail.com`).
    pub id: String,
    /// As the ISPDB writes it; may be `%EMAILDOMAIN%` (see [`Found::name`]).
    pub name: String,
    /// Lower case, sorted; no domain belongs to two providers.
    pub domains: Vec<String>,
    /// In the ISPDB's order, which is its preference. Empty when [`MailProvider::pop3_only`].
    pub imap: Vec<ServerSettings>,
    /// In the ISPDB's order.
    pub smtp: Vec<ServerSettings>,
    /// The provider's incoming mail is POP3 only, which Redress does not read.
    #[serde(default)]
    pub pop3_only: bool,
    /// The protocols whose every server signs in with OAuth2 and nothing else.
    #[serde(default)]
    pub oauth2_only: Vec<Protocol>,
    /// A help page on app passwords, where the ISPDB links one.
    #[serde(default)]
    pub app_password_page: Option<String>,
    #[serde(default)]
    pub enable: Option<EnableStep>,
    #[serde(default)]
    pub documentation: Vec<Documentation>,
}

/// Where the list comes from.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub name: String,
    pub repository: String,
    pub path: String,
    pub commit: String,
    pub date: jiff::civil::Date,
    pub licence: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProviderFile {
    format: String,
    format_version: u32,
    #[allow(dead_code)]
    generated_by: String,
    source: Source,
    providers: Vec<MailProvider>,
}

/// The providers, with an index from domain to provider.
#[derive(Debug)]
pub struct ProviderList {
    source: Source,
    providers: Vec<MailProvider>,
    by_domain: HashMap<String, usize>,
}

static BUILTIN: LazyLock<Result<ProviderList, String>> = LazyLock::new(|| ProviderList::from_json(BUILTIN_JSON));

/// What the list says about an address's domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup<'a> {
    /// A provider with IMAP and SMTP servers Redress can use.
    Found(Found<'a>),
    /// A known provider, but none of its servers will do (POP3 only, or no encryption).
    Unusable(Unusable<'a>),
    /// The list does not name the domain: not an error, the person gives their servers' names.
    NotFound { domain: String },
}

/// The servers to use for an address, filled in for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<'a> {
    pub provider: &'a MailProvider,
    /// The provider's name, with `%EMAILDOMAIN%` filled in (`inbox.lt`).
    pub name: String,
    /// The first IMAP server with implicit TLS, else the first with STARTTLS; never plain.
    pub imap: Endpoint<'a>,
    /// The first SMTP server with implicit TLS (465), else the first with STARTTLS (587); never plain.
    pub smtp: Endpoint<'a>,
    /// Set when a password will not sign in: the chosen servers take OAuth2 only.
    pub needs_oauth2: Option<OAuthOnly<'a>>,
}

/// One server, ready to connect to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint<'a> {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// The user name for this address, per the server's [`UsernameForm`].
    pub login: String,
    /// The server as the list gives it (authentication methods, network restriction).
    pub settings: &'a ServerSettings,
}

/// The provider signs in with OAuth2 only, for these protocols; Redress signs in with passwords.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthOnly<'a> {
    pub provider: String,
    pub protocols: &'a [Protocol],
    /// What may work instead: the provider's page on app passwords, if the list has one.
    pub app_password_page: Option<&'a str>,
}

/// A known provider whose servers Redress cannot use, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unusable<'a> {
    pub provider: &'a MailProvider,
    pub name: String,
    pub shortfall: Shortfall,
}

/// Why a known provider's servers will not do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Shortfall {
    #[error("it offers POP3 only, no IMAP")]
    Pop3Only,
    #[error("its IMAP servers are not encrypted")]
    NoEncryptedImap,
    #[error("its SMTP servers are not encrypted")]
    NoEncryptedSmtp,
}

/// Why typed text is not an e-mail address ([`Error::InvalidAddress`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AddressProblem {
    #[error("it is empty")]
    Empty,
    #[error("it has a space or an invisible character in it")]
    SpaceOrControl,
    #[error("it has no @")]
    NoAt,
    #[error("it has more than one @")]
    MoreThanOneAt,
    #[error("there is nothing before the @")]
    EmptyLocalPart,
    #[error("the part before the @ is longer than 64 characters")]
    LocalPartTooLong,
    #[error(transparent)]
    Domain(#[from] DomainProblem),
}

/// The provider of `address` in the built-in list, and the servers to use for it.
pub fn for_address(address: &str) -> Result<Lookup<'static>, Error> {
    ProviderList::builtin()?.lookup(address)
}

impl ProviderList {
    /// The list compiled into Redress.
    pub fn builtin() -> Result<&'static ProviderList, Error> {
        BUILTIN.as_ref().map_err(|message| Error::BuiltinData { what: "mail provider list", message: message.clone() })
    }

    pub fn source(&self) -> &Source {
        &self.source
    }

    /// Sorted by id.
    pub fn providers(&self) -> &[MailProvider] {
        &self.providers
    }

    /// The provider serving `domain` (already normalised: lower case, no trailing dot).
    pub fn provider_for_domain(&self, domain: &str) -> Option<&MailProvider> {
        self.by_domain.get(domain).map(|&i| &self.providers[i])
    }

    /// The provider of `address` and the servers to use for it.
    pub fn lookup(&self, address: &str) -> Result<Lookup<'_>, Error> {
        let (local, domain) =
            split_address(address).map_err(|problem| Error::InvalidAddress { address: address.to_owned(), problem })?;
        let Some(provider) = self.provider_for_domain(&domain) else {
            return Ok(Lookup::NotFound { domain });
        };
        let fill = |template: &str| fill_in(template, local, &domain);
        let name = fill(&provider.name);
        let unusable = |shortfall| Ok(Lookup::Unusable(Unusable { provider, name: name.clone(), shortfall }));
        if provider.imap.is_empty() {
            return unusable(Shortfall::Pop3Only);
        }
        let Some(imap) = preferred(&provider.imap) else { return unusable(Shortfall::NoEncryptedImap) };
        let Some(smtp) = preferred(&provider.smtp) else { return unusable(Shortfall::NoEncryptedSmtp) };
        let imap_login = login(&imap.username, &fill).unwrap_or_else(|| format!("{local}@{domain}"));
        let smtp_login = login(&smtp.username, &fill).unwrap_or_else(|| imap_login.clone());
        let needs_oauth2 = (!provider.oauth2_only.is_empty()).then(|| OAuthOnly {
            provider: name.clone(),
            protocols: &provider.oauth2_only,
            app_password_page: provider.app_password_page.as_deref(),
        });
        Ok(Lookup::Found(Found {
            provider,
            name,
            imap: endpoint(imap, imap_login, &fill),
            smtp: endpoint(smtp, smtp_login, &fill),
            needs_oauth2,
        }))
    }

    /// Parses and checks a list; the message says what is wrong, for [`Error::BuiltinData`].
    fn from_json(json: &str) -> Result<Self, String> {
        let file: ProviderFile = serde_json::from_str(json).map_err(|e| format!("line {}: {e}", e.line()))?;
        if file.format != "redress-mail-providers" || file.format_version != 1 {
            return Err(format!("unexpected format {:?} version {}", file.format, file.format_version));
        }
        let mut by_domain: HashMap<String, usize> = HashMap::new();
        for (i, p) in file.providers.iter().enumerate() {
            if p.imap.is_empty() != p.pop3_only {
                return Err(format!("provider {}: IMAP servers and pop3_only disagree", p.id));
            }
            if p.smtp.is_empty() {
                return Err(format!("provider {}: no SMTP server", p.id));
            }
            if let Some(s) = p.imap.iter().chain(&p.smtp).find(|s| s.port == 0 || s.auth.is_empty()) {
                return Err(format!("provider {}: server {} has port 0 or no authentication method", p.id, s.host));
            }
            for d in &p.domains {
                if normalise_mail_domain(d).as_deref() != Ok(d.as_str()) {
                    return Err(format!("provider {}: {d:?} is not a lower-case domain name", p.id));
                }
                if let Some(&other) = by_domain.get(d) {
                    return Err(format!("{d} belongs to both {} and {}", file.providers[other].id, p.id));
                }
                by_domain.insert(d.clone(), i);
            }
        }
        Ok(Self { source: file.source, providers: file.providers, by_domain })
    }
}

/// The server Redress connects to: implicit TLS first, then STARTTLS, each in the list's order;
/// never a plain one.
fn preferred(servers: &[ServerSettings]) -> Option<&ServerSettings> {
    let rank = |s: &&ServerSettings| match s.security {
        Security::Tls => 0,
        Security::StartTls => 1,
        Security::Plain => 2,
    };
    // min_by_key keeps the first of equals, so the list's order breaks ties.
    servers.iter().filter(|s| s.security != Security::Plain).min_by_key(rank)
}

fn endpoint<'a>(settings: &'a ServerSettings, login: String, fill: &dyn Fn(&str) -> String) -> Endpoint<'a> {
    Endpoint { host: fill(&settings.host), port: settings.port, security: settings.security, login, settings }
}

/// The user name of a form; `None` when the list gives none.
fn login(form: &UsernameForm, fill: &dyn Fn(&str) -> String) -> Option<String> {
    match form {
        UsernameForm::Address => Some(fill("%EMAILADDRESS%")),
        UsernameForm::LocalPart => Some(fill("%EMAILLOCALPART%")),
        UsernameForm::Other(template) => Some(fill(template)),
        UsernameForm::NotGiven => None,
    }
}

/// The ISPDB's placeholders filled in for one address.
fn fill_in(template: &str, local: &str, domain: &str) -> String {
    template
        .replace("%EMAILADDRESS%", &format!("{local}@{domain}"))
        .replace("%EMAILLOCALPART%", local)
        .replace("%EMAILDOMAIN%", domain)
}

/// The local part as typed and the domain normalised (`Zoe@Orange.FR.` → `Zoe`, `orange.fr`).
/// Blanks around the address are ignored; a quoted local part may hold an `@`.
fn split_address(address: &str) -> Result<(&str, String), AddressProblem> {
    let address = address.trim();
    if address.is_empty() {
        return Err(AddressProblem::Empty);
    }
    if address.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(AddressProblem::SpaceOrControl);
    }
    let (local, domain) = address.rsplit_once('@').ok_or(AddressProblem::NoAt)?;
    if local.is_empty() {
        return Err(AddressProblem::EmptyLocalPart);
    }
    let quoted = local.len() >= 2 && local.starts_with('"') && local.ends_with('"');
    if local.contains('@') && !quoted {
        return Err(AddressProblem::MoreThanOneAt);
    }
    if local.len() > 64 {
        return Err(AddressProblem::LocalPartTooLong);
    }
    Ok((local, normalise_mail_domain(domain)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A list with one provider, for what the built-in data does not exercise.
    fn list(provider: &str) -> ProviderList {
        let json = format!(
            r#"{{"format": "redress-mail-providers", "format_version": 1, "generated_by": "test",
            "source": {{"name": "n", "repository": "r", "path": "p", "commit": "c", "date": "2026-03-12",
            "licence": "MPL-2.0"}}, "providers": [{provider}]}}"#
        );
        ProviderList::from_json(&json).expect("a valid list")
    }

    fn server(host: &str, port: u16, security: &str, username: &str, auth: &str) -> String {
        format!(
            r#"{{"host": "{host}", "port": {port}, "security": "{security}", "username": {username}, "auth": [{auth}]}}"#
        )
    }

    #[test]
    fn an_app_password_page_is_what_works_instead_of_oauth2() {
        let imap = server("imap.example.org", 993, "tls", r#""address""#, r#""oauth2""#);
        let smtp = server("smtp.example.org", 465, "tls", r#""address""#, r#""oauth2""#);
        let list = list(&format!(
            r#"{{"id": "example.org", "name": "Example", "domains": ["example.org"], "imap": [{imap}],
            "smtp": [{smtp}], "oauth2_only": ["imap", "smtp"], "app_password_page": "https://example.org/app-passwords"}}"#
        ));
        let Ok(Lookup::Found(found)) = list.lookup("zoe@example.org") else { panic!("found") };
        let oauth = found.needs_oauth2.expect("OAuth2 only");
        assert_eq!(oauth.protocols, [Protocol::Imap, Protocol::Smtp]);
        assert_eq!(oauth.app_password_page, Some("https://example.org/app-passwords"));
    }

    #[test]
    fn plain_servers_are_passed_over_and_a_missing_smtp_user_name_is_the_imap_login() {
        let imap = [
            server("plain.example.org", 143, "plain", r#""local-part""#, r#""password-cleartext""#),
            server("starttls.example.org", 143, "starttls", r#""local-part""#, r#""password-cleartext""#),
            server("tls.example.org", 993, "tls", r#""local-part""#, r#""password-cleartext""#),
            server("tls2.example.org", 993, "tls", r#""address""#, r#""password-cleartext""#),
        ]
        .join(",");
        let smtp = server("mail.%EMAILDOMAIN%", 587, "starttls", r#""not-given""#, r#""password-cleartext""#);
        let list = list(&format!(
            r#"{{"id": "example.org", "name": "%EMAILDOMAIN%", "domains": ["example.net", "example.org"],
            "imap": [{imap}], "smtp": [{smtp}]}}"#
        ));
        let Ok(Lookup::Found(found)) = list.lookup("zoe@Example.NET") else { panic!("found") };
        assert_eq!(found.name, "example.net");
        assert_eq!((found.imap.host.as_str(), found.imap.login.as_str()), ("tls.example.org", "zoe"));
        assert_eq!((found.smtp.host.as_str(), found.smtp.login.as_str()), ("mail.example.net", "zoe"));
    }

    #[test]
    fn other_user_name_forms_are_filled_in() {
        let imap = server(
            "imap.example.org",
            993,
            "tls",
            r#"{"other": "%EMAILLOCALPART%.%EMAILDOMAIN%"}"#,
            r#""password-encrypted""#,
        );
        let smtp = server("smtp.example.org", 465, "tls", r#"{"other": "%EMAILADDRESS%"}"#, r#""password-encrypted""#);
        let list = list(&format!(
            r#"{{"id": "example.org", "name": "Example", "domains": ["example.org"], "imap": [{imap}], "smtp": [{smtp}]}}"#
        ));
        let Ok(Lookup::Found(found)) = list.lookup("zoe@example.org") else { panic!("found") };
        assert_eq!(found.imap.login, "zoe.example.org");
        assert_eq!(found.smtp.login, "zoe@example.org");
    }

    #[test]
    fn a_broken_list_is_refused_with_the_reason() {
        let smtp = server("smtp.example.org", 465, "tls", r#""address""#, r#""password-cleartext""#);
        let one = |domains: &str| {
            format!(
                r#"{{"id": "a", "name": "A", "domains": [{domains}], "imap": [], "smtp": [{smtp}], "pop3_only": true}}"#
            )
        };
        let two =
            format!("{},{}", one(r#""a.org""#), one(r#""b.org", "a.org""#).replace(r#""id": "a""#, r#""id": "b""#));
        for (providers, expected) in [
            (two, "a.org belongs to both a and b"),
            (one(r#""A.org""#), "provider a: \"A.org\" is not a lower-case domain name"),
            (
                one(r#""a.org""#).replace(r#", "pop3_only": true"#, ""),
                "provider a: IMAP servers and pop3_only disagree",
            ),
        ] {
            let json = format!(
                r#"{{"format": "redress-mail-providers", "format_version": 1, "generated_by": "test",
                "source": {{"name": "n", "repository": "r", "path": "p", "commit": "c", "date": "2026-03-12",
                "licence": "MPL-2.0"}}, "providers": [{providers}]}}"#
            );
            assert_eq!(ProviderList::from_json(&json).expect_err("refused"), expected);
        }
    }
}
