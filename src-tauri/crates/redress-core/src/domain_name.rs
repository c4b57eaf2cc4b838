//! Domain names as they appear in e-mails and links: lowercased hosts, the registrable domain
//! (`mail.kaspr.io` → `kaspr.io`), the parents a host is looked up under, and the domain of an
//! address a person types, checked with a reason when it is not one.

/// Two-label public suffixes under which companies register their names (`acxiom.co.uk`).
/// Not the whole Public Suffix List: the countries Redress's registry and users meet. A host under
/// one of them keeps three labels as its registrable domain.
pub const TWO_LABEL_SUFFIXES: &[&str] = &[
    "co.uk", "org.uk", "ltd.uk", "plc.uk", "me.uk", "ac.uk", "gov.uk", "com.au", "net.au", "org.au", "co.nz", "co.jp",
    "co.za", "com.br", "com.mx", "com.ar", "co.in", "co.il", "com.cn", "com.tr", "com.sg", "com.hk", "co.kr", "gv.at",
    "co.at", "or.at", "com.pl", "com.es", "com.pt", "com.gr", "com.cy", "com.mt",
];

/// Whether `domain` is a bare public suffix (`co.uk`) rather than someone's domain.
pub fn is_public_suffix(domain: &str) -> bool {
    !domain.contains('.') || TWO_LABEL_SUFFIXES.contains(&domain)
}

/// The registrable domain of a host: its last two labels, or three under a two-label public
/// suffix. `None` for something that is not a dotted host name.
///
/// ```
/// use redress_core::domain_name::registrable_domain;
/// assert_eq!(registrable_domain("t.mail.lemlist.com"), Some("lemlist.com"));
/// assert_eq!(registrable_domain("www.acxiom.co.uk"), Some("acxiom.co.uk"));
/// assert_eq!(registrable_domain("localhost"), None);
/// ```
pub fn registrable_domain(host: &str) -> Option<&str> {
    let host = host.trim_end_matches('.');
    let mut dots = host.rmatch_indices('.').map(|(i, _)| i);
    match (dots.next(), dots.next()) {
        (None, _) | (Some(0), _) => None,
        (Some(_), None) => Some(host),
        (Some(_), Some(second)) => {
            let last_two = &host[second + 1..];
            if TWO_LABEL_SUFFIXES.contains(&last_two) {
                Some(dots.next().map_or(host, |third| &host[third + 1..]))
            } else {
                Some(last_two)
            }
        }
    }
}

/// The host itself and each parent that is still at least a registrable domain, most specific
/// first: `a.b.lemlist.com` → `a.b.lemlist.com`, `b.lemlist.com`, `lemlist.com`.
pub fn lookup_names(host: &str) -> impl Iterator<Item = &str> {
    let floor = registrable_domain(host).map_or(host.len(), str::len);
    let mut rest = Some(host);
    std::iter::from_fn(move || {
        let current = rest?;
        rest = match current.find('.') {
            Some(dot) if current.len() - dot > floor => Some(&current[dot + 1..]),
            _ => None,
        };
        Some(current)
    })
}

/// A host as found in a header or a link, lowercased, without a port, credentials or trailing
/// dot; `None` when what remains is not a plausible host name.
pub fn normalise_host(raw: &str) -> Option<String> {
    let raw = raw.rsplit('@').next().unwrap_or(raw);
    let raw = raw.split(':').next().unwrap_or(raw).trim_end_matches('.');
    let ok = raw.len() >= 4
        && raw.len() <= 253
        && raw.contains('.')
        && !raw.starts_with('.')
        && !raw.contains("..")
        && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    ok.then(|| raw.to_ascii_lowercase())
}

/// Why the part of an address after the `@` is not a domain name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DomainProblem {
    #[error("there is nothing after the @")]
    Empty,
    #[error("the part after the @ has no dot (a mail domain looks like example.com)")]
    NoDot,
    #[error("the part after the @ starts with a dot or has two dots in a row")]
    EmptyLabel,
    #[error("a part of the domain starts or ends with a hyphen")]
    HyphenAtEdge,
    #[error("a part of the domain is longer than 63 characters")]
    LabelTooLong,
    #[error("the domain is longer than 253 characters")]
    TooLong,
    #[error("the domain contains {0:?}, which no domain name has")]
    BadCharacter(char),
}

/// The domain of a typed address, lowercased and without its trailing dot (`Orange.FR.` →
/// `orange.fr`), or why it is not a domain name. Letters beyond ASCII are accepted and
/// lowercased but not converted to their `xn--` form: there is no IDNA table here.
///
/// ```
/// use redress_core::domain_name::{normalise_mail_domain, DomainProblem};
/// assert_eq!(normalise_mail_domain("Orange.FR."), Ok("orange.fr".to_owned()));
/// assert_eq!(normalise_mail_domain("localhost"), Err(DomainProblem::NoDot));
/// ```
pub fn normalise_mail_domain(raw: &str) -> Result<String, DomainProblem> {
    let domain = raw.strip_suffix('.').unwrap_or(raw);
    if domain.is_empty() {
        return Err(DomainProblem::Empty);
    }
    if domain.len() > 253 {
        return Err(DomainProblem::TooLong);
    }
    for label in domain.split('.') {
        if label.is_empty() {
            return Err(DomainProblem::EmptyLabel);
        }
        if let Some(bad) = label.chars().find(|&c| !(c.is_alphanumeric() || c == '-')) {
            return Err(DomainProblem::BadCharacter(bad));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(DomainProblem::HyphenAtEdge);
        }
        if label.len() > 63 {
            return Err(DomainProblem::LabelTooLong);
        }
    }
    if !domain.contains('.') {
        return Err(DomainProblem::NoDot);
    }
    Ok(domain.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registrable_domains() {
        for (host, expected) in [
            ("kaspr.io", Some("kaspr.io")),
            ("mail.kaspr.io", Some("kaspr.io")),
            ("a.b.c.lemlist.com", Some("lemlist.com")),
            ("www.acxiom.co.uk", Some("acxiom.co.uk")),
            ("acxiom.co.uk", Some("acxiom.co.uk")),
            ("co.uk", Some("co.uk")),
            ("localhost", None),
            (".com", None),
        ] {
            assert_eq!(registrable_domain(host), expected, "{host}");
        }
    }

    #[test]
    fn lookup_names_stop_at_the_registrable_domain() {
        let names: Vec<_> = lookup_names("a.b.lemlist.com").collect();
        assert_eq!(names, ["a.b.lemlist.com", "b.lemlist.com", "lemlist.com"]);
        let names: Vec<_> = lookup_names("www.acxiom.co.uk").collect();
        assert_eq!(names, ["www.acxiom.co.uk", "acxiom.co.uk"]);
        assert_eq!(lookup_names("kaspr.io").collect::<Vec<_>>(), ["kaspr.io"]);
    }

    #[test]
    fn hosts_are_normalised_or_refused() {
        assert_eq!(normalise_host("Mail.Kaspr.IO.").as_deref(), Some("mail.kaspr.io"));
        assert_eq!(normalise_host("user@lemlist.com").as_deref(), Some("lemlist.com"));
        assert_eq!(normalise_host("example.com:8080").as_deref(), Some("example.com"));
        assert_eq!(normalise_host("no dots"), None);
        assert_eq!(normalise_host("a..b.com"), None);
        assert_eq!(normalise_host("x.y"), None);
    }

    #[test]
    fn mail_domains_are_normalised_or_refused_with_a_reason() {
        let long_label = format!("{}.com", "a".repeat(64));
        let long_domain = format!("{}com", "abcdefghi.".repeat(26));
        for (raw, expected) in [
            ("orange.fr", Ok("orange.fr")),
            ("Orange.FR.", Ok("orange.fr")),
            ("xn--bcher-kva.de", Ok("xn--bcher-kva.de")),
            ("Bücher.DE", Ok("bücher.de")),
            ("", Err(DomainProblem::Empty)),
            (".", Err(DomainProblem::Empty)),
            ("orange.fr..", Err(DomainProblem::EmptyLabel)),
            (".orange.fr", Err(DomainProblem::EmptyLabel)),
            ("orange..fr", Err(DomainProblem::EmptyLabel)),
            ("localhost", Err(DomainProblem::NoDot)),
            ("-orange.fr", Err(DomainProblem::HyphenAtEdge)),
            ("orange-.fr", Err(DomainProblem::HyphenAtEdge)),
            ("orange_mail.fr", Err(DomainProblem::BadCharacter('_'))),
            ("[192.0.2.1]", Err(DomainProblem::BadCharacter('['))),
            (long_label.as_str(), Err(DomainProblem::LabelTooLong)),
            (long_domain.as_str(), Err(DomainProblem::TooLong)),
        ] {
            assert_eq!(normalise_mail_domain(raw), expected.map(str::to_owned), "{raw:?}");
        }
    }
}
