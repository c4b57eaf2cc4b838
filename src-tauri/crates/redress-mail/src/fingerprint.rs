//! Fingerprints: the signs in an e-mail that point to a prospecting tool or a contact-data
//! vendor. They are data, not code: `data/fingerprints.json` (format in docs/fingerprints.md,
//! every signal with its source) plus the domains of every vendor in the registry — so a
//! registry import that adds a vendor's domains extends the scan too — plus any fingerprint
//! file the user passes.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use redress_core::domain_name::{is_public_suffix, normalise_host};
use redress_core::registry::Registry;
use redress_core::tool::{Confidence, ToolKind};

use crate::Error;

const BUILTIN_JSON: &str = include_str!("../data/fingerprints.json");
const FORMAT_NAME: &str = "redress-fingerprints";

/// Where in a message a domain was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Place {
    /// `From`, `Sender` or `Reply-To`.
    Sender,
    ReturnPath,
    /// The `d=` of a `DKIM-Signature`.
    Signing,
    MessageId,
    /// A `List-Unsubscribe` target.
    Unsubscribe,
    /// An image in the HTML (tracking pixels are images).
    Pixel,
    /// A link in the text or HTML.
    Link,
}

impl Place {
    pub const ALL: [Place; 7] = [
        Place::Sender,
        Place::ReturnPath,
        Place::Signing,
        Place::MessageId,
        Place::Unsubscribe,
        Place::Pixel,
        Place::Link,
    ];

    /// Places that show the message went through the domain's owner, not just mentions it.
    pub fn is_delivery(self) -> bool {
        !matches!(self, Place::Link)
    }

    pub fn label(self) -> &'static str {
        match self {
            Place::Sender => "sender",
            Place::ReturnPath => "Return-Path",
            Place::Signing => "DKIM signature",
            Place::MessageId => "Message-ID",
            Place::Unsubscribe => "List-Unsubscribe",
            Place::Pixel => "image (tracking pixel)",
            Place::Link => "link",
        }
    }
}

/// One record of a fingerprint file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolRecord {
    pub id: String,
    pub name: String,
    pub kind: ToolKind,
    /// The registry vendor this tool belongs to, if any. A record whose id is a vendor's id adds
    /// to that vendor's own (contact-data) fingerprint.
    #[serde(default)]
    pub vendor: Option<String>,
    pub signals: Vec<SignalRecord>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignalType {
    /// A host or any sub-domain of it (`value`: `t.yesware.com`).
    Domain,
    /// Text inside a URL after its scheme (`value`: `salesloft.com/email_trackers`).
    Url,
    /// A header field's presence (`value`: the field name).
    Header,
    /// Text inside a header field (`header`: the field, `value`: the text).
    HeaderValue,
    /// Text in the message body, as written (a footer).
    BodyText,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignalRecord {
    #[serde(rename = "type")]
    pub kind: SignalType,
    pub value: String,
    /// For `header-value`: which header field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// For `domain`: where the domain counts (default: everywhere).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub places: Option<Vec<Place>>,
    pub confidence: Confidence,
    /// Where the signal was seen (URL or repository path), or…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// …why it is a sign, when there is no outside source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FingerprintFile {
    format: String,
    format_version: u32,
    #[serde(default)]
    #[allow(dead_code)]
    compiled: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    about: Option<String>,
    tools: Vec<ToolRecord>,
}

/// A tool with its signals, as the scan reports it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tool {
    pub id: String,
    pub name: String,
    pub kind: ToolKind,
    pub vendor: Option<String>,
    pub signals: Vec<SignalRecord>,
}

/// A signal of a tool that matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SignalRef {
    pub tool: u32,
    pub signal: u32,
}

#[derive(Debug, Clone)]
pub(crate) struct DomainSignal {
    pub at: SignalRef,
    pub places: Vec<Place>,
    pub confidence: Confidence,
}

#[derive(Debug, Clone)]
pub(crate) struct TextSignal {
    pub at: SignalRef,
    /// Lowercased for URLs and header values; as written for body text.
    pub needle: String,
    /// For header values: the lowercased header name. For URLs: the host it must be under, if any.
    pub scope: Option<String>,
    pub confidence: Confidence,
}

/// Every fingerprint, indexed for the scan.
#[derive(Debug, Clone, Default)]
pub struct Fingerprints {
    tools: Vec<Tool>,
    pub(crate) domains: HashMap<String, Vec<DomainSignal>>,
    pub(crate) urls: Vec<TextSignal>,
    pub(crate) headers: HashMap<String, Vec<(SignalRef, Confidence)>>,
    pub(crate) header_values: Vec<TextSignal>,
    pub(crate) body_texts: Vec<TextSignal>,
    /// Every registry vendor domain (for telling a vendor's own mail from a company's).
    pub(crate) vendor_domains: HashMap<String, String>,
}

impl Fingerprints {
    /// The built-in fingerprints plus the domains of every vendor in `registry`.
    pub fn builtin(registry: &Registry) -> Result<Self, Error> {
        Self::load(registry, &[])
    }

    /// The built-in fingerprints, the registry's vendor domains, and `extra` fingerprint files
    /// (name, bytes); a tool in an extra file with the id of a known one adds to its signals.
    pub fn load(registry: &Registry, extra: &[(String, Vec<u8>)]) -> Result<Self, Error> {
        let mut records = parse_file("built-in fingerprints", BUILTIN_JSON.as_bytes()).map_err(|e| match e {
            Error::InvalidFingerprints { message, .. } => Error::InvalidFingerprints {
                file: "built-in fingerprints (this is a bug in Redress, please report it)".into(),
                message,
            },
            other => other,
        })?;
        for (name, bytes) in extra {
            for record in parse_file(name, bytes)? {
                match records.iter_mut().find(|r| r.id == record.id) {
                    Some(known) => known.signals.extend(record.signals),
                    None => records.push(record),
                }
            }
        }
        let mut fingerprints = Fingerprints::default();
        for vendor in registry.vendors() {
            let id = vendor.id.as_str();
            for d in &vendor.domains {
                fingerprints.vendor_domains.insert(d.clone(), id.to_owned());
            }
            // The vendor's own domains make a contact-data-vendor tool of their own, apart from a
            // sending tool the vendor also sells (lemlist's campaigns): mail *from* the vendor
            // shows it holds the address; mail sent *through* its tool only makes that likely.
            let signals = vendor_signals(&vendor.domains, id);
            match records.iter_mut().find(|r| r.id == id) {
                Some(record) => {
                    record.vendor.get_or_insert_with(|| id.to_owned());
                    record.signals.extend(signals);
                }
                None if !signals.is_empty() => records.push(ToolRecord {
                    id: id.to_owned(),
                    name: vendor.name.clone(),
                    kind: ToolKind::ContactDataVendor,
                    vendor: Some(id.to_owned()),
                    signals,
                }),
                None => {}
            }
        }
        for record in records {
            fingerprints.add(record);
        }
        Ok(fingerprints)
    }

    pub fn tools(&self) -> &[Tool] {
        &self.tools
    }

    pub fn tool(&self, id: &str) -> Option<&Tool> {
        self.tools.iter().find(|t| t.id == id)
    }

    pub(crate) fn tool_at(&self, index: u32) -> &Tool {
        &self.tools[index as usize]
    }

    fn add(&mut self, record: ToolRecord) {
        let tool = self.tools.len() as u32;
        for (i, s) in record.signals.iter().enumerate() {
            let at = SignalRef { tool, signal: i as u32 };
            let value = s.value.to_ascii_lowercase();
            match s.kind {
                SignalType::Domain => self.domains.entry(value).or_default().push(DomainSignal {
                    at,
                    places: s.places.clone().unwrap_or_else(|| Place::ALL.to_vec()),
                    confidence: s.confidence,
                }),
                SignalType::Url => {
                    // `host/path`: looked up through the host, then the path is checked.
                    let scope = value
                        .split_once('/')
                        .map(|(host, _)| host)
                        .filter(|host| host.contains('.'))
                        .map(str::to_owned);
                    self.urls.push(TextSignal { at, needle: value, scope, confidence: s.confidence });
                }
                SignalType::Header => self.headers.entry(value).or_default().push((at, s.confidence)),
                SignalType::HeaderValue => self.header_values.push(TextSignal {
                    at,
                    needle: value,
                    scope: s.header.as_ref().map(|h| h.to_ascii_lowercase()),
                    confidence: s.confidence,
                }),
                SignalType::BodyText => self.body_texts.push(TextSignal {
                    at,
                    needle: s.value.clone(),
                    scope: None,
                    confidence: s.confidence,
                }),
            }
        }
        self.tools.push(Tool {
            id: record.id,
            name: record.name,
            kind: record.kind,
            vendor: record.vendor,
            signals: record.signals,
        });
    }
}

/// A registry vendor's domains as signals: mail from, signed by or tracked through them is
/// strong evidence the vendor holds the address; a mere link to them is weak.
fn vendor_signals(domains: &[String], vendor: &str) -> Vec<SignalRecord> {
    let reason = format!("a domain of the registry vendor {vendor:?}, taken from its sourced record");
    domains
        .iter()
        .flat_map(|d| {
            let delivery: Vec<Place> = Place::ALL.iter().copied().filter(|p| p.is_delivery()).collect();
            [(delivery, Confidence::High), (vec![Place::Link], Confidence::Low)].map(|(places, confidence)| {
                SignalRecord {
                    kind: SignalType::Domain,
                    value: d.clone(),
                    header: None,
                    places: Some(places),
                    confidence,
                    source: None,
                    reason: Some(reason.clone()),
                    quote: None,
                    note: None,
                }
            })
        })
        .collect()
}

/// Parses and checks a fingerprint file; every problem names the tool (id and index) and field.
pub fn parse_file(name: &str, bytes: &[u8]) -> Result<Vec<ToolRecord>, Error> {
    let invalid = |message: String| Error::InvalidFingerprints { file: name.to_owned(), message };
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    let file: FingerprintFile = serde_path_to_error::deserialize(de).map_err(|e| {
        let inner = e.inner();
        invalid(format!("line {}, field {}: {inner}", inner.line(), e.path()))
    })?;
    if file.format != FORMAT_NAME {
        return Err(invalid(format!("field format is {:?}, expected {FORMAT_NAME:?}", file.format)));
    }
    if file.format_version != 1 {
        return Err(invalid(format!(
            "field format_version is {}; this version of Redress reads version 1",
            file.format_version
        )));
    }
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, tool) in file.tools.iter().enumerate() {
        let at = |field: &str| format!("tool {:?} (tools[{i}]), field {field}", tool.id);
        if tool.id.is_empty() || !tool.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            problems.push(format!("{}: must be lowercase kebab-case (mixmax)", at("id")));
        }
        if !seen.insert(tool.id.as_str()) {
            problems.push(format!("{}: the id appears twice", at("id")));
        }
        if tool.name.trim().is_empty() {
            problems.push(format!("{}: is empty", at("name")));
        }
        if tool.signals.is_empty() {
            problems.push(format!("{}: a tool needs at least one signal", at("signals")));
        }
        for (j, s) in tool.signals.iter().enumerate() {
            let field = |f: &str| at(&format!("signals[{j}].{f}"));
            if s.value.trim().len() < 3 {
                problems.push(format!("{}: too short to match anything reliably", field("value")));
            }
            if s.kind == SignalType::Domain {
                let ok = normalise_host(&s.value).is_some_and(|h| h == s.value && !h.contains('@'));
                if !ok {
                    problems.push(format!(
                        "{}: {:?} is not a lowercase domain name (t.example.com)",
                        field("value"),
                        s.value
                    ));
                } else if is_public_suffix(&s.value) {
                    problems.push(format!("{}: {:?} is a public suffix, not a tool's domain", field("value"), s.value));
                }
            }
            if s.kind == SignalType::HeaderValue && s.header.as_deref().is_none_or(|h| h.trim().is_empty()) {
                problems.push(format!("{}: a header-value signal names its header field", field("header")));
            }
            if s.places.is_some() && s.kind != SignalType::Domain {
                problems.push(format!("{}: only domain signals have places", field("places")));
            }
            let has = |v: &Option<String>| v.as_deref().is_some_and(|t| !t.trim().is_empty());
            if !has(&s.source) && !has(&s.reason) {
                problems
                    .push(format!("{}: every signal needs a source (where it was seen) or a reason", field("source")));
            }
        }
    }
    if problems.is_empty() {
        Ok(file.tools)
    } else {
        Err(invalid(format!("{} problem(s):\n  - {}", problems.len(), problems.join("\n  - "))))
    }
}
