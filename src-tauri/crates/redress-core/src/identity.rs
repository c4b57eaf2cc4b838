//! The people Redress acts for: the user, and for advocates the people who gave them a mandate.
//! Validation lives here so the app and the CLI refuse the same bad input with the same words.

use serde::{Deserialize, Serialize};

use crate::registry::is_email;

/// The languages Redress writes letters in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// French.
    Fr,
    /// German.
    De,
}

crate::spelled!(Lang, "language", { En => "en", Fr => "fr", De => "de" });

/// What a person enters about someone Redress acts for.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProfileInput {
    pub name: String,
    /// Postal address, one line each (needed on letters and complaints).
    pub address: Vec<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub employer: Option<String>,
    pub linkedin_url: Option<String>,
    /// The language letters to and for this person default to.
    pub lang: Lang,
    pub notes: Option<String>,
    /// Whether the user acts on this person's behalf (an advocate's client) rather than for themselves.
    pub acting_for: bool,
}

/// One rule a profile field breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Limits that keep a record readable on a letter and stop pasted garbage.
pub const MAX_NAME: usize = 200;
pub const MAX_LINE: usize = 200;
pub const MAX_ADDRESS_LINES: usize = 8;
pub const MAX_CONTACTS: usize = 20;
pub const MAX_NOTES: usize = 20_000;

impl ProfileInput {
    /// Trims every field and drops empty list entries, so stray spaces never reach a letter.
    pub fn normalised(mut self) -> Self {
        let clean = |v: Vec<String>| v.into_iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect();
        let opt = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        self.name = self.name.trim().to_owned();
        self.address = clean(self.address);
        self.emails = clean(self.emails);
        self.phones = clean(self.phones);
        self.employer = opt(self.employer);
        self.linkedin_url = opt(self.linkedin_url);
        self.notes = self.notes.filter(|n| !n.trim().is_empty());
        self
    }

    /// Every rule the input breaks; empty when it is fine.
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut out = Vec::new();
        let mut fail = |field: String, message: String| out.push(FieldProblem { field, message });
        let too_long = |s: &str, max: usize| s.chars().count() > max;
        if self.name.trim().is_empty() {
            fail("name".into(), "is required (the name the vendor knows you by)".into());
        } else if too_long(&self.name, MAX_NAME) {
            fail("name".into(), format!("is longer than {MAX_NAME} characters"));
        }
        if self.address.len() > MAX_ADDRESS_LINES {
            fail("address".into(), format!("has more than {MAX_ADDRESS_LINES} lines"));
        }
        for (i, line) in self.address.iter().enumerate() {
            if too_long(line, MAX_LINE) {
                fail(format!("address line {}", i + 1), format!("is longer than {MAX_LINE} characters"));
            }
        }
        if self.emails.len() > MAX_CONTACTS {
            fail("email".into(), format!("more than {MAX_CONTACTS} addresses"));
        }
        for e in &self.emails {
            if !is_email(e) || too_long(e, MAX_LINE) {
                fail("email".into(), format!("{e:?} is not a well-formed e-mail address (expected name@example.com)"));
            }
        }
        if self.phones.len() > MAX_CONTACTS {
            fail("phone".into(), format!("more than {MAX_CONTACTS} numbers"));
        }
        for p in &self.phones {
            if !is_phone(p) {
                fail(
                    "phone".into(),
                    format!(
                        "{p:?} is not a phone number (digits, spaces, dots, dashes, brackets, optional leading +; 6 to 15 digits)"
                    ),
                );
            }
        }
        if let Some(e) = &self.employer
            && too_long(e, MAX_LINE)
        {
            fail("employer".into(), format!("is longer than {MAX_LINE} characters"));
        }
        if let Some(url) = &self.linkedin_url
            && !is_linkedin_url(url)
        {
            fail(
                "linkedin".into(),
                format!("{url:?} is not a LinkedIn profile address (https://www.linkedin.com/in/…)"),
            );
        }
        if let Some(n) = &self.notes
            && too_long(n, MAX_NOTES)
        {
            fail("notes".into(), format!("are longer than {MAX_NOTES} characters"));
        }
        // Each field named as the messages above name it. E-mails and phones are refused by
        // their own rules (which allow no control character); notes may hold line breaks and tabs.
        let mut single_line = vec![("name".to_owned(), Some(self.name.as_str()))];
        single_line.push(("employer".into(), self.employer.as_deref()));
        single_line.push(("linkedin".into(), self.linkedin_url.as_deref()));
        single_line.extend(
            self.address.iter().enumerate().map(|(i, l)| (format!("address line {}", i + 1), Some(l.as_str()))),
        );
        for (field, value) in single_line {
            if value.is_some_and(|v| v.chars().any(char::is_control)) {
                fail(field, "contains control characters".into());
            }
        }
        if self.notes.as_deref().is_some_and(|n| n.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')))
        {
            fail("notes".into(), "contain control characters (other than line breaks and tabs)".into());
        }
        out
    }
}

/// The identity file (`--identity me.json`): a person described in JSON, for letters written
/// without a store. Documented in docs/identity.md, with a JSON Schema in docs/identity.schema.json.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IdentityFile {
    name: String,
    #[serde(default)]
    address: Vec<String>,
    #[serde(default)]
    emails: Vec<String>,
    #[serde(default)]
    phones: Vec<String>,
    #[serde(default)]
    employer: Option<String>,
    #[serde(default)]
    linkedin_url: Option<String>,
    #[serde(default)]
    lang: Lang,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default)]
    acting_for: bool,
}

/// Reads an identity file. Errors name the file, the line and column, and the field, or each
/// field that breaks a rule.
pub fn parse_identity(text: &str, path: &std::path::Path) -> Result<ProfileInput, crate::Error> {
    let invalid = |message: String| crate::Error::InvalidIdentity { path: path.to_owned(), message };
    let mut de = serde_json::Deserializer::from_str(text);
    let file: IdentityFile = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let field = e.path().to_string();
        let inner = e.into_inner();
        let at = format!("line {} column {}", inner.line(), inner.column());
        if field == "." {
            invalid(format!("{at}: {inner}"))
        } else {
            invalid(format!("{at}: field `{field}`: {inner}"))
        }
    })?;
    let input = ProfileInput {
        name: file.name,
        address: file.address,
        emails: file.emails,
        phones: file.phones,
        employer: file.employer,
        linkedin_url: file.linkedin_url,
        lang: file.lang,
        notes: file.notes,
        acting_for: file.acting_for,
    }
    .normalised();
    let problems = input.problems();
    if problems.is_empty() {
        Ok(input)
    } else {
        Err(invalid(
            problems.iter().map(|p| format!("field `{}` {}", p.field, p.message)).collect::<Vec<_>>().join("; "),
        ))
    }
}

/// A phone number as people write it: 6 to 15 digits (E.164 allows 15) with the usual separators.
fn is_phone(s: &str) -> bool {
    let body = s.strip_prefix('+').unwrap_or(s);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    (6..=15).contains(&digits) && body.chars().all(|c| c.is_ascii_digit() || " .-()/".contains(c))
}

fn is_linkedin_url(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://")) else { return false };
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    (host == "linkedin.com" || host.ends_with(".linkedin.com"))
        && (path.starts_with("in/") || path.starts_with("pub/"))
        && path.len() > 3
        && !s.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> ProfileInput {
        ProfileInput {
            name: "Zoé Martin".into(),
            address: vec!["12 rue de la République".into(), "69002 Lyon".into()],
            emails: vec!["zoe.martin@example.fr".into()],
            phones: vec!["+33 6 12 34 56 78".into()],
            employer: Some("Acme SA".into()),
            linkedin_url: Some("https://www.linkedin.com/in/zoe-martin".into()),
            lang: Lang::Fr,
            notes: None,
            acting_for: false,
        }
    }

    #[test]
    fn a_complete_profile_is_valid() {
        assert_eq!(valid().problems(), []);
    }

    type Mutation = Box<dyn Fn(&mut ProfileInput)>;

    #[test]
    fn each_bad_field_is_named() {
        let long = "x".repeat(MAX_NAME + 1);
        let cases: Vec<(&str, Mutation, &str)> = vec![
            ("empty name", Box::new(|p| p.name = " ".into()), "name: is required"),
            ("long name", Box::new(move |p| p.name = long.clone()), "name: is longer than 200"),
            ("bad email", Box::new(|p| p.emails = vec!["zoe@".into()]), "email: \"zoe@\" is not a well-formed"),
            ("bad phone", Box::new(|p| p.phones = vec!["call me".into()]), "phone: \"call me\" is not a phone number"),
            ("short phone", Box::new(|p| p.phones = vec!["123".into()]), "phone: \"123\""),
            ("bad linkedin", Box::new(|p| p.linkedin_url = Some("https://evil.example/in/x".into())), "linkedin:"),
            ("long address", Box::new(|p| p.address = vec!["y".repeat(MAX_LINE + 1)]), "address line 1: is longer"),
            ("control chars", Box::new(|p| p.name = "Zoé\u{7}".into()), "name: contains control characters"),
        ];
        for (what, mutate, expect) in cases {
            let mut p = valid();
            mutate(&mut p);
            let problems: Vec<String> = p.problems().iter().map(ToString::to_string).collect();
            assert!(problems.iter().any(|m| m.starts_with(expect) || m.contains(expect)), "{what}: {problems:?}");
        }
    }

    #[test]
    fn a_control_character_in_employer_is_reported_as_employer() {
        const ESC: &str = "\u{1b}]0;pwned\u{7}";
        // (field changed, the one problem expected): each field's own name, and nothing else.
        let cases: Vec<(Mutation, &str)> = vec![
            (Box::new(|p| p.name = format!("Zoé{ESC}")), "name: contains control characters"),
            (Box::new(|p| p.employer = Some(format!("Acme{ESC}"))), "employer: contains control characters"),
            (
                Box::new(|p| p.linkedin_url = Some(format!("https://www.linkedin.com/in/zoe{ESC}"))),
                "linkedin: contains control characters",
            ),
            (Box::new(|p| p.address = vec!["1 rue".into(), format!("Lyon{ESC}")]), "address line 2: contains control"),
            (Box::new(|p| p.notes = Some(format!("line 1\nline 2{ESC}"))), "notes: contain control characters"),
        ];
        for (mutate, expect) in cases {
            let mut p = valid();
            mutate(&mut p);
            let problems: Vec<String> = p.problems().iter().map(ToString::to_string).collect();
            assert!(problems.len() == 1 && problems[0].starts_with(expect), "{expect}: {problems:?}");
        }
        let mut p = valid();
        p.notes = Some("line 1\r\n\tline 2".into());
        assert_eq!(p.problems(), [], "line breaks and tabs in notes are fine");
    }

    #[test]
    fn identity_files_are_read_and_their_errors_located() {
        let path = std::path::Path::new("me.json");
        let ok =
            parse_identity(r#"{"name": " Zoé ", "emails": ["zoe@example.fr"], "lang": "fr"}"#, path).expect("valid");
        assert_eq!((ok.name.as_str(), ok.lang), ("Zoé", Lang::Fr));
        let cases = [
            ("{\"name\": \"Zoé\",\n \"emails\": \"zoe@example.fr\"}", "line 2 column"),
            ("{\"name\": \"Zoé\", \"emial\": []}", "unknown field `emial`"),
            ("{\"name\": \"Zoé\", \"lang\": \"it\"}", "field `lang`"),
            ("{\"emails\": []}", "missing field `name`"),
            ("{\"name\": \"Zoé\", \"emails\": [\"zoe@\"]}", "field `email` \"zoe@\" is not"),
            ("not json", "line 1 column 2"),
        ];
        for (text, expect) in cases {
            let err = parse_identity(text, path).expect_err(text).to_string();
            assert!(err.contains("me.json") && err.contains(expect), "{text}: {err}");
        }
    }

    #[test]
    fn normalising_trims_and_drops_empty_entries() {
        let p = ProfileInput {
            name: "  Zoé ".into(),
            emails: vec![" a@b.fr ".into(), "".into()],
            employer: Some(" ".into()),
            ..valid()
        }
        .normalised();
        assert_eq!(p.name, "Zoé");
        assert_eq!(p.emails, ["a@b.fr"]);
        assert_eq!(p.employer, None);
    }
}
