//! DTOs of the Discover screen: a mailbox scan's result, the exposure board, breach checks.

use redress_core::breach::{Breach, BreachKind};
use redress_core::exposure::{Exposure, SelfCheckOutcome, VendorExposure};
use redress_mail::{CompanyTally, MessageReport, ToolTally};
use redress_store::{BreachCheckRecord, MailScanRecord, SelfCheckRecord};
use serde::Serialize;
use specta::Type;

/// A vendor or tool seen in the scanned mail.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ToolTallyDto {
    pub tool: String,
    pub tool_name: String,
    /// contact-data-vendor, sales-engagement, email-tracker.
    pub kind: String,
    pub vendor: Option<String>,
    pub messages: u32,
    /// low, medium, high.
    pub confidence: String,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

impl From<&ToolTally> for ToolTallyDto {
    fn from(t: &ToolTally) -> Self {
        ToolTallyDto {
            tool: t.tool.clone(),
            tool_name: t.tool_name.clone(),
            kind: t.kind.code().into(),
            vendor: t.vendor.clone(),
            messages: u32::try_from(t.messages).unwrap_or(u32::MAX),
            confidence: t.best_confidence.code().into(),
            first_date: t.first_date.map(|d| d.to_string()),
            last_date: t.last_date.map(|d| d.to_string()),
        }
    }
}

/// A company that prospected the person through a tool: ask it for its source.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ProspectorDto {
    pub domain: String,
    pub messages: u32,
    pub sender_name: Option<String>,
    pub sender_address: Option<String>,
    pub tools: Vec<String>,
}

impl From<&CompanyTally> for ProspectorDto {
    fn from(c: &CompanyTally) -> Self {
        ProspectorDto {
            domain: c.domain.clone(),
            messages: u32::try_from(c.messages).unwrap_or(u32::MAX),
            sender_name: c.sender_name.clone(),
            sender_address: c.sender_address.clone(),
            tools: c.tools.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct FindingDto {
    pub tool_name: String,
    pub kind: String,
    pub vendor: Option<String>,
    pub confidence: String,
    /// "List-Unsubscribe: <https://…>", "link: https://…" — the message's own text.
    pub evidence: Vec<String>,
}

/// One example message with what was found in it.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ExampleDto {
    pub date: Option<String>,
    pub from: Option<String>,
    pub subject: Option<String>,
    /// The file (and byte offset in an mbox) the message came from.
    pub origin: String,
    pub findings: Vec<FindingDto>,
    pub company_to_ask: Option<String>,
}

impl From<&MessageReport> for ExampleDto {
    fn from(r: &MessageReport) -> Self {
        ExampleDto {
            date: r.date.map(|d| d.to_string()),
            from: match (&r.from_name, &r.from_address) {
                (Some(n), Some(a)) => Some(format!("{n} <{a}>")),
                (None, Some(a)) => Some(a.clone()),
                _ => None,
            },
            subject: r.subject.clone(),
            origin: r.origin.to_string(),
            findings: r
                .findings
                .iter()
                .map(|f| FindingDto {
                    tool_name: f.tool_name.clone(),
                    kind: f.kind.code().into(),
                    vendor: f.vendor.clone(),
                    confidence: f.confidence.code().into(),
                    evidence: f
                        .evidence
                        .iter()
                        .map(|e| {
                            if e.excerpt.starts_with("http") {
                                format!("{}: {}", e.place, e.excerpt)
                            } else {
                                e.excerpt.clone()
                            }
                        })
                        .collect(),
                })
                .collect(),
            company_to_ask: r.source_inquiry.as_ref().map(|q| q.company_domain.clone()),
        }
    }
}

/// A stored scan.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ScanDto {
    pub id: i64,
    pub scanned_at: String,
    pub label: String,
    pub messages: u32,
    pub megabytes: f64,
    pub problems: u32,
    pub own_messages: u32,
    pub messages_with_findings: u32,
    pub tools: Vec<ToolTallyDto>,
    pub companies: Vec<ProspectorDto>,
    pub examples: Vec<ExampleDto>,
}

impl From<&MailScanRecord> for ScanDto {
    fn from(s: &MailScanRecord) -> Self {
        let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        ScanDto {
            id: s.id,
            scanned_at: s.scanned_at.clone(),
            label: s.label.clone(),
            messages: n(s.summary.messages),
            megabytes: (s.summary.bytes as f64 / 1e5).round() / 10.0,
            problems: n(s.summary.problems),
            own_messages: n(s.summary.own_messages),
            messages_with_findings: n(s.summary.messages_with_findings),
            tools: s.summary.tools.iter().map(ToolTallyDto::from).collect(),
            companies: s.summary.companies.iter().map(ProspectorDto::from).collect(),
            examples: s.examples.iter().map(ExampleDto::from).collect(),
        }
    }
}

/// One row of the exposure board.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ExposureRowDto {
    pub vendor: String,
    pub name: String,
    pub status: Exposure,
    pub reasons: Vec<String>,
    pub self_check_url: Option<String>,
    pub vendor_breaches: Vec<String>,
    pub case_id: Option<i64>,
}

impl From<VendorExposure> for ExposureRowDto {
    fn from(r: VendorExposure) -> Self {
        ExposureRowDto {
            vendor: r.vendor,
            name: r.name,
            status: r.status,
            reasons: r.reasons,
            self_check_url: r.self_check_url,
            vendor_breaches: r.vendor_breaches,
            case_id: r.case_id,
        }
    }
}

/// A breach of the B2B data trade (offline catalogue).
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BreachDto {
    pub name: String,
    pub breach_date: String,
    pub accounts: f64,
    /// vendor, scrape, lead-list.
    pub kind: String,
    pub vendor: Option<String>,
    pub exposed: Vec<String>,
    pub summary: String,
}

impl From<&Breach> for BreachDto {
    fn from(b: &Breach) -> Self {
        BreachDto {
            name: b.name.clone(),
            breach_date: b.breach_date.to_string(),
            accounts: b.accounts as f64,
            kind: match b.kind {
                BreachKind::Vendor => "vendor",
                BreachKind::Scrape => "scrape",
                BreachKind::LeadList => "lead-list",
            }
            .into(),
            vendor: b.vendor.clone(),
            exposed: b.exposed.clone(),
            summary: b.summary.clone(),
        }
    }
}

/// The latest online check of one address.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BreachCheckDto {
    pub email: String,
    pub checked_at: String,
    pub breaches: Vec<String>,
    /// Of those, the ones in the catalogue (B2B data).
    pub from_data_trade: Vec<String>,
}

impl BreachCheckDto {
    pub fn new(c: &BreachCheckRecord, catalogue: &redress_core::breach::BreachCatalogue) -> Self {
        BreachCheckDto {
            email: c.email.clone(),
            checked_at: c.checked_at.clone(),
            breaches: c.breaches.clone(),
            from_data_trade: catalogue.relevant(&c.breaches).into_iter().map(|b| b.name.clone()).collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SelfCheckDto {
    pub vendor_id: String,
    pub checked_on: String,
    pub outcome: SelfCheckOutcome,
    pub note: Option<String>,
    pub screenshot_name: Option<String>,
}

impl From<&SelfCheckRecord> for SelfCheckDto {
    fn from(s: &SelfCheckRecord) -> Self {
        SelfCheckDto {
            vendor_id: s.vendor_id.clone(),
            checked_on: s.checked_on.to_string(),
            outcome: s.outcome,
            note: s.note.clone(),
            screenshot_name: s.screenshot_name.clone(),
        }
    }
}

/// Everything the Discover screen shows for one person.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DiscoverBoardDto {
    pub rows: Vec<ExposureRowDto>,
    /// Vendors the "ask all unknown and likely vendors" action writes to.
    pub request_targets: Vec<String>,
    pub scans: Vec<ScanDto>,
    pub breach_checks: Vec<BreachCheckDto>,
    pub self_checks: Vec<SelfCheckDto>,
    pub catalogue: Vec<BreachDto>,
}

impl From<&redress_usecases::discovery::Board> for DiscoverBoardDto {
    fn from(b: &redress_usecases::discovery::Board) -> Self {
        DiscoverBoardDto {
            request_targets: b.request_targets.clone(),
            rows: b.rows.iter().cloned().map(ExposureRowDto::from).collect(),
            scans: b.scans.iter().map(ScanDto::from).collect(),
            breach_checks: b.breach_checks.iter().map(|c| BreachCheckDto::new(c, &b.catalogue)).collect(),
            self_checks: b.self_checks.iter().map(SelfCheckDto::from).collect(),
            catalogue: b.catalogue.breaches().iter().map(BreachDto::from).collect(),
        }
    }
}

/// A registry vendor named in a company's answer: the next one to write to.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct VendorMentionDto {
    pub vendor: String,
    pub name: String,
    pub excerpt: String,
}
