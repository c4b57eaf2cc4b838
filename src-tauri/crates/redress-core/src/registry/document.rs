//! The registry file format (`redress-registry`, version 1), documented in
//! `docs/registry-format.md`: parsing with errors that name the record and field.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::authority::Authority;
use super::validation::{InvalidRegistry, Problem, check_document};
use super::vendor::Vendor;

/// The `format` value every registry file carries.
pub const FORMAT_NAME: &str = "redress-registry";
/// The newest format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// A whole registry file: the built-in one, an imported one, or the saved imports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegistryDocument {
    pub format: String,
    pub format_version: u32,
    /// When the file's content was compiled.
    pub published: jiff::civil::Date,
    #[serde(default)]
    pub vendors: Vec<Vendor>,
    #[serde(default)]
    pub authorities: Vec<Authority>,
}

impl RegistryDocument {
    /// Parses and checks a registry file. `origin` names the file in every message. All
    /// problems are collected, not just the first, so a maintainer can fix a file in one go.
    pub fn parse(bytes: &[u8], origin: &str) -> Result<Self, Box<InvalidRegistry>> {
        let invalid = |problems| Box::new(InvalidRegistry::new(origin, problems));
        let root: Value = serde_json::from_slice(bytes).map_err(|e| {
            let what = if e.is_eof() { "the file ends too early (truncated?)" } else { "not valid JSON" };
            invalid(vec![Problem::at_line(e.line(), format!("{what}: {e}"))])
        })?;
        let Value::Object(mut root) = root else {
            return Err(invalid(vec![Problem::file(
                "the file must hold a JSON object with \"format\": \"redress-registry\"",
            )]));
        };

        let mut problems = Vec::new();
        match root.get("format").and_then(Value::as_str) {
            Some(FORMAT_NAME) => {}
            Some(other) => problems.push(Problem::field(
                None,
                "format",
                format!("is {other:?}, expected {FORMAT_NAME:?}: this is not a Redress registry file"),
            )),
            None => problems.push(Problem::field(
                None,
                "format",
                format!("missing: a registry file starts with \"format\": \"{FORMAT_NAME}\""),
            )),
        }
        match root.get("format_version").and_then(Value::as_u64) {
            Some(v) if v >= 1 && v <= u64::from(FORMAT_VERSION) => {}
            Some(v) => problems.push(Problem::field(None, "format_version", format!("is {v}; this version of Redress reads format versions 1 to {FORMAT_VERSION} (update Redress to read newer files)"))),
            None => problems.push(Problem::field(None, "format_version", "missing or not a whole number".to_owned())),
        }
        let published = match root.remove("published") {
            Some(v) => match serde_json::from_value::<jiff::civil::Date>(v) {
                Ok(d) => Some(d),
                Err(e) => {
                    problems.push(Problem::field(None, "published", format!("is not a date (YYYY-MM-DD): {e}")));
                    None
                }
            },
            None => {
                problems.push(Problem::field(
                    None,
                    "published",
                    "missing: the date the file was compiled (YYYY-MM-DD)".to_owned(),
                ));
                None
            }
        };
        for key in root.keys() {
            if !matches!(key.as_str(), "format" | "format_version" | "vendors" | "authorities") {
                problems.push(Problem::field(
                    None,
                    key,
                    "unknown top-level field (expected format, format_version, published, vendors, authorities)"
                        .to_owned(),
                ));
            }
        }
        let vendors: Vec<Vendor> = records(root.remove("vendors"), "vendors", "vendor", &mut problems);
        let authorities: Vec<Authority> =
            records(root.remove("authorities"), "authorities", "authority", &mut problems);

        if !problems.is_empty() {
            return Err(invalid(problems));
        }
        let doc = RegistryDocument {
            format: FORMAT_NAME.to_owned(),
            format_version: FORMAT_VERSION,
            published: published.expect("checked above"),
            vendors,
            authorities,
        };
        let problems = check_document(&doc);
        if problems.is_empty() { Ok(doc) } else { Err(invalid(problems)) }
    }

    /// Serialises the document as pretty JSON, the way registry files are written.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("registry documents always serialise");
        s.push('\n');
        s
    }
}

/// Deserialises each record of a list on its own, so a problem names the record (by id where
/// it has one) and the field path inside it.
fn records<T: DeserializeOwned>(list: Option<Value>, key: &str, kind: &str, problems: &mut Vec<Problem>) -> Vec<T> {
    let items = match list {
        None => return Vec::new(),
        Some(Value::Array(items)) => items,
        Some(_) => {
            problems.push(Problem::field(None, key, "must be a list of records".to_owned()));
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let record = Problem::record_name(kind, key, index, item.get("id").and_then(Value::as_str));
        match serde_path_to_error::deserialize::<_, T>(item) {
            Ok(value) => out.push(value),
            Err(e) => {
                let path = e.path().to_string();
                let field = if path == "." { None } else { Some(path) };
                problems.push(Problem { record: Some(record), field, message: e.into_inner().to_string(), line: None });
            }
        }
    }
    out
}
