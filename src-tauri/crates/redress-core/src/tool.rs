//! The kinds of tool a sign in the person's mail points to, and how sure such a sign is. The
//! exposure board reasons with these words, so they belong to the domain; the mail scan
//! (`redress-mail`) finds the signs and labels them with them.

use serde::{Deserialize, Serialize};

/// What kind of tool a fingerprint identifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ToolKind {
    /// A company that sells or enriches contact data (the registry's vendors).
    ContactDataVendor,
    /// Software that sends prospecting sequences (cold e-mails) for its customers.
    SalesEngagement,
    /// Software that tells a sender when you opened their e-mail or clicked a link.
    EmailTracker,
}

impl ToolKind {
    /// The stable code, as in fingerprint files and JSON output.
    pub fn code(self) -> &'static str {
        match self {
            ToolKind::ContactDataVendor => "contact-data-vendor",
            ToolKind::SalesEngagement => "sales-engagement",
            ToolKind::EmailTracker => "email-tracker",
        }
    }
}

/// How sure a sign is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// The tool is only mentioned or linked to.
    Low,
    Medium,
    /// The message was sent, signed or tracked through the tool (or by the vendor itself).
    High,
}

impl Confidence {
    /// `low`, `medium` or `high`, as in fingerprint files and JSON output.
    pub fn code(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}
