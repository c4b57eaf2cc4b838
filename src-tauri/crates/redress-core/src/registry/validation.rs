//! Rules every registry record must follow, and the error that lists what broke them.

use std::collections::{HashMap, HashSet};
use std::fmt;

use super::authority::Authority;
use super::document::RegistryDocument;
use super::vendor::{Evidence, Vendor};

/// One broken rule: where (record, field, line when known) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// `vendor "kaspr" (vendors[0])`; `None` for the file as a whole.
    pub record: Option<String>,
    /// Field path inside the record (`contacts.privacy_email`) or top-level key.
    pub field: Option<String>,
    pub message: String,
    /// Line in the file, where the parser knows it.
    pub line: Option<usize>,
}

impl Problem {
    pub(crate) fn file(message: impl Into<String>) -> Self {
        Problem { record: None, field: None, message: message.into(), line: None }
    }

    pub(crate) fn at_line(line: usize, message: String) -> Self {
        Problem { record: None, field: None, message, line: Some(line) }
    }

    pub(crate) fn field(record: Option<String>, field: &str, message: String) -> Self {
        Problem { record, field: Some(field.to_owned()), message, line: None }
    }

    pub(crate) fn record_name(kind: &str, list: &str, index: usize, id: Option<&str>) -> String {
        match id {
            Some(id) => format!("{kind} {id:?} ({list}[{index}])"),
            None => format!("{kind} {list}[{index}]"),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        match (&self.record, &self.field) {
            (Some(r), Some(field)) => write!(f, "{r}, field {field}: ")?,
            (Some(r), None) => write!(f, "{r}: ")?,
            (None, Some(field)) => write!(f, "field {field}: ")?,
            (None, None) => {}
        }
        f.write_str(&self.message)
    }
}

/// A registry file that breaks one or more rules. Displays as one line per problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidRegistry {
    /// The file (or "built-in registry") the problems are in.
    pub origin: String,
    pub problems: Vec<Problem>,
}

/// At most this many problems are listed in a message; the count says how many more there are.
const SHOWN_PROBLEMS: usize = 20;

impl InvalidRegistry {
    pub(crate) fn new(origin: &str, problems: Vec<Problem>) -> Self {
        InvalidRegistry { origin: origin.to_owned(), problems }
    }
}

impl std::error::Error for InvalidRegistry {}

impl fmt::Display for InvalidRegistry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(f, "{}: {} problem{} found", self.origin, n, if n == 1 { "" } else { "s" })?;
        for p in self.problems.iter().take(SHOWN_PROBLEMS) {
            write!(f, "\n  - {p}")?;
        }
        if n > SHOWN_PROBLEMS {
            write!(f, "\n  … and {} more", n - SHOWN_PROBLEMS)?;
        }
        Ok(())
    }
}

/// Checks the rules that concern one file on its own: well-formed ids, e-mails, URLs,
/// country codes, SIRENs and dates; unique ids; every record sourced. References to
/// authorities are checked on the merged registry (`check_references`), because an imported
/// file may point at a built-in authority.
pub(crate) fn check_document(doc: &RegistryDocument) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut seen = HashMap::new();
    for (i, v) in doc.vendors.iter().enumerate() {
        let record = Problem::record_name("vendor", "vendors", i, Some(v.id.as_str()));
        if let Some(first) = seen.insert(v.id.as_str(), i) {
            problems.push(Problem::field(
                Some(record.clone()),
                "id",
                format!("duplicate id, also used by vendors[{first}]"),
            ));
        }
        check_vendor(v, &mut Checker { record, problems: &mut problems });
    }
    let mut seen = HashMap::new();
    for (i, a) in doc.authorities.iter().enumerate() {
        let record = Problem::record_name("authority", "authorities", i, Some(a.id.as_str()));
        if let Some(first) = seen.insert(a.id.as_str(), i) {
            problems.push(Problem::field(
                Some(record.clone()),
                "id",
                format!("duplicate id, also used by authorities[{first}]"),
            ));
        }
        check_authority(a, &mut Checker { record, problems: &mut problems });
    }
    problems
}

/// Checks that every vendor's lead authority exists among `authorities`.
pub(crate) fn check_references<'a>(
    vendors: impl IntoIterator<Item = &'a Vendor>,
    authorities: &[Authority],
) -> Vec<Problem> {
    let known: HashSet<&str> = authorities.iter().map(|a| a.id.as_str()).collect();
    let mut problems = Vec::new();
    for v in vendors {
        if let Some(lead) = &v.lead_authority
            && !known.contains(lead.as_str())
        {
            problems.push(Problem::field(
                Some(format!("vendor {:?}", v.id.as_str())),
                "lead_authority",
                format!("{:?} is not an authority in the registry (see `redress authorities` for ids)", lead.as_str()),
            ));
        }
    }
    problems
}

struct Checker<'p> {
    record: String,
    problems: &'p mut Vec<Problem>,
}

impl Checker<'_> {
    fn fail(&mut self, field: &str, message: String) {
        self.problems.push(Problem::field(Some(self.record.clone()), field, message));
    }

    fn non_empty(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.fail(field, "must not be empty".to_owned());
        }
    }

    fn email(&mut self, field: &str, value: Option<&str>) {
        if let Some(v) = value
            && !is_email(v)
        {
            self.fail(field, format!("{v:?} is not a well-formed e-mail address (expected name@example.com)"));
        }
    }

    fn url(&mut self, field: &str, value: Option<&str>) {
        if let Some(v) = value
            && !is_web_url(v)
        {
            self.fail(field, format!("{v:?} is not a web address (expected https://…)"));
        }
    }

    fn lines(&mut self, field: &str, value: Option<&[String]>) {
        if let Some(lines) = value
            && (lines.is_empty() || lines.iter().any(|l| l.trim().is_empty()))
        {
            self.fail(field, "must be null (unknown) or a list of non-empty lines".to_owned());
        }
    }

    fn evidence(&mut self, evidence: &[Evidence]) {
        if evidence.is_empty() {
            self.fail(
                "evidence",
                "no source: every record needs at least one evidence entry (ref + supports)".to_owned(),
            );
        }
        for (i, e) in evidence.iter().enumerate() {
            self.non_empty(&format!("evidence[{i}].ref"), &e.reference);
            self.non_empty(&format!("evidence[{i}].supports"), &e.supports);
            if e.reference.contains(char::is_whitespace) && e.is_web_link() {
                self.fail(&format!("evidence[{i}].ref"), "a web address must not contain spaces".to_owned());
            }
            if let Some(d) = &e.source_date
                && !is_partial_date(d)
            {
                self.fail(&format!("evidence[{i}].source_date"), format!("{d:?} is not YYYY, YYYY-MM or YYYY-MM-DD"));
            }
        }
    }
}

fn check_vendor(v: &Vendor, c: &mut Checker<'_>) {
    if !is_slug(v.id.as_str()) {
        c.fail(
            "id",
            format!(
                "{:?} must be 1-64 lowercase letters, digits or hyphens, starting with a letter or digit",
                v.id.as_str()
            ),
        );
    }
    c.non_empty("name", &v.name);
    if let Some(l) = &v.legal_entity {
        c.non_empty("legal_entity", l);
    }
    if let Some(s) = &v.siren
        && !is_siren(s)
    {
        c.fail("siren", format!("{s:?} is not a valid SIREN (9 digits, Luhn check digit)"));
    }
    if let Some(cc) = &v.country
        && !is_country(cc.as_str())
    {
        c.fail("country", format!("{:?} is not an ISO 3166-1 alpha-2 code in upper case (FR, DE, …)", cc.as_str()));
    }
    c.lines("address", v.address.as_deref());
    c.email("contacts.privacy_email", v.contacts.privacy_email.as_deref());
    c.email("contacts.dpo_email", v.contacts.dpo_email.as_deref());
    c.url("contacts.request_form_url", v.contacts.request_form_url.as_deref());
    c.url("contacts.self_check_url", v.contacts.self_check_url.as_deref());
    c.url("contacts.privacy_policy_url", v.contacts.privacy_policy_url.as_deref());
    c.url("contacts.website", v.contacts.website.as_deref());
    if let Some(rep) = &v.eu_representative {
        c.non_empty("eu_representative.name", &rep.name);
        c.email("eu_representative.email", rep.email.as_deref());
        c.lines("eu_representative.address", rep.address.as_deref());
    }
    for (i, cat) in v.categories.iter().enumerate() {
        if !is_slug(cat) {
            c.fail(&format!("categories[{i}]"), format!("{cat:?} must be lowercase kebab-case (b2b-contact-data)"));
        }
    }
    for (i, d) in v.domains.iter().enumerate() {
        if !is_domain(d) {
            c.fail(&format!("domains[{i}]"), format!("{d:?} is not a lowercase domain name (example.com)"));
        } else if crate::domain_name::is_public_suffix(d) {
            c.fail(
                &format!("domains[{i}]"),
                format!("{d:?} is a public suffix, not a company's domain (write the full name: example.co.uk)"),
            );
        }
    }
    for (i, s) in v.stated_data_sources.iter().enumerate() {
        c.non_empty(&format!("stated_data_sources[{i}]"), s);
    }
    c.evidence(&v.evidence);
}

fn check_authority(a: &Authority, c: &mut Checker<'_>) {
    if !is_slug(a.id.as_str()) {
        c.fail("id", format!("{:?} must be lowercase letters and digits", a.id.as_str()));
    }
    c.non_empty("name", &a.name);
    if !is_country(a.country.as_str()) {
        c.fail("country", format!("{:?} is not an ISO 3166-1 alpha-2 code in upper case", a.country.as_str()));
    }
    c.lines("address", a.address.as_deref());
    c.email("email", a.email.as_deref());
    c.url("complaint_url", a.complaint_url.as_deref());
    c.url("website", a.website.as_deref());
    for (i, l) in a.languages.iter().enumerate() {
        if !(l.len() == 2 && l.bytes().all(|b| b.is_ascii_lowercase())) {
            c.fail(&format!("languages[{i}]"), format!("{l:?} is not an ISO 639-1 code in lower case (fr, de, …)"));
        }
    }
    c.evidence(&a.evidence);
}

fn is_slug(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && b[0].is_ascii_alphanumeric()
        && b.iter().all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
}

fn is_country(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// A domain name: dot-separated labels of letters, digits and inner hyphens, a letter TLD.
fn is_domain(s: &str) -> bool {
    // The label rules are the ones a typed address's domain meets (one implementation); the
    // registry asks more: ASCII only (`xn--` for the rest), no trailing dot, a TLD of letters.
    s.is_ascii()
        && !s.ends_with('.')
        && crate::domain_name::normalise_mail_domain(s).is_ok()
        && s.rsplit('.').next().is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// A well-formed address as people write them to privacy teams: `local@domain`, no spaces,
/// a dot-atom local part (RFC 5322 §3.4.1, without quoted strings, which no vendor uses).
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else { return false };
    const LOCAL_SPECIALS: &[u8] = b"!#$%&'*+-/=?^_`{|}~.";
    !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.bytes().all(|b| b.is_ascii_alphanumeric() || LOCAL_SPECIALS.contains(&b))
        && is_domain(&domain.to_ascii_lowercase())
}

fn is_web_url(s: &str) -> bool {
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            let host = host.split(':').next().unwrap_or("");
            !s.contains(char::is_whitespace) && is_domain(&host.to_ascii_lowercase())
        }
        None => false,
    }
}

/// SIREN: 9 digits whose Luhn sum is a multiple of 10 (INSEE). La Poste's SIREN 356000000
/// is the one documented exception (its digits sum to a multiple of 5).
fn is_siren(s: &str) -> bool {
    if s.len() != 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    if s == "356000000" {
        return true;
    }
    let sum: u32 = s
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let dd = d * 2;
                if dd > 9 { dd - 9 } else { dd }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

fn is_partial_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&m.parse::<u8>().unwrap_or(0)),
        [_, _, _] => s.parse::<jiff::civil::Date>().is_ok(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        let cases = [
            ("privacy@kaspr.io", true),
            ("Privacy@Lusha.com", true),
            ("first.last+gdpr@sub.example.co.uk", true),
            ("privacy@kaspr", false),
            ("privacy kaspr@kaspr.io", false),
            ("@kaspr.io", false),
            ("privacy@@kaspr.io", false),
            ("privacy@kaspr..io", false),
            (".privacy@kaspr.io", false),
            ("privacy@-kaspr.io", false),
            ("", false),
        ];
        for (input, expect) in cases {
            assert_eq!(is_email(input), expect, "is_email({input:?})");
        }
    }

    #[test]
    fn urls() {
        let cases = [
            ("https://www.kaspr.io/privacy-policy", true),
            ("http://www.acxiom.de/", true),
            ("https://example.com:8443/x?y#z", true),
            ("ftp://example.com", false),
            ("javascript:alert(1)", false),
            ("https://exa mple.com", false),
            ("https://", false),
            ("www.kaspr.io", false),
        ];
        for (input, expect) in cases {
            assert_eq!(is_web_url(input), expect, "is_web_url({input:?})");
        }
    }

    #[test]
    fn sirens() {
        let cases = [
            ("843898396", true), // KASPR SAS, RCS Paris 843 898 396
            ("882799372", true), // BETTERCONTACT SAS
            ("356000000", true), // La Poste, the documented exception
            ("843898397", false),
            ("84389839", false),
            ("84389839a", false),
        ];
        for (input, expect) in cases {
            assert_eq!(is_siren(input), expect, "is_siren({input:?})");
        }
    }

    #[test]
    fn partial_dates() {
        let cases = [
            ("2024", true),
            ("2024-06", true),
            ("2024-13", false),
            ("2024-02-30", false),
            ("2023-07-01", true),
            ("24-06", false),
        ];
        for (input, expect) in cases {
            assert_eq!(is_partial_date(input), expect, "is_partial_date({input:?})");
        }
    }
}
