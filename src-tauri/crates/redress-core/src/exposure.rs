//! The exposure board: for every vendor, what is known about whether it holds the person's data
//! — evidence from their mail, breaches, self-checks on the vendor's own pages, and the
//! vendor's answers to requests — boiled down to one status with the reasons behind it.
//!
//! The status follows the strongest fact: the vendor confirmed erasure → *erased*; the vendor
//! wrote to the person, answered with data, leaked their address, or showed it on a self-check
//! → *confirmed*; the vendor said it holds nothing, or a self-check found nothing → *not held*;
//! a company prospected the person through the vendor's own tool, or the person's address is in
//! a scrape → *likely*; otherwise *unknown*. Every reason is listed, so a contradiction (a
//! "no data" answer and a later e-mail from the vendor) is visible to the person.

use serde::{Deserialize, Serialize};

use crate::breach::{BreachCatalogue, BreachKind};
use crate::case::{AnswerKind, RequestKind};
use crate::registry::Registry;
use crate::tool::{Confidence, ToolKind};

/// What the person can know about one vendor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum Exposure {
    Confirmed,
    Likely,
    Unknown,
    #[serde(alias = "not_held")]
    NotHeld,
    Erased,
}

crate::spelled!(Exposure, "exposure", {
    Confirmed => "confirmed",
    Likely => "likely",
    Unknown => "unknown",
    NotHeld => "not-held",
    Erased => "erased",
});

/// A vendor seen in the person's mail (from a stored scan's tally).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailEvidence {
    pub vendor: String,
    pub tool_name: String,
    pub kind: ToolKind,
    pub confidence: Confidence,
    pub messages: usize,
    pub last_date: Option<jiff::civil::Date>,
}

/// An online check found the person's address in a breach (HIBP name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreachHit {
    pub breach: String,
    pub email: String,
    pub checked_on: jiff::civil::Date,
}

/// What the person saw on a vendor's self-check or opt-out page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum SelfCheckOutcome {
    /// The page showed data about the person.
    Found,
    /// The page showed nothing about the person.
    #[serde(alias = "not_found")]
    NotFound,
    /// The page's answer was not clear.
    Unclear,
}

crate::spelled!(SelfCheckOutcome, "self-check outcome", {
    Found => "found",
    NotFound => "not-found",
    Unclear => "unclear",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfCheck {
    pub vendor: String,
    pub on: jiff::civil::Date,
    pub outcome: SelfCheckOutcome,
    pub note: Option<String>,
    pub screenshot: Option<String>,
}

/// A vendor's answer to one of the person's requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseAnswer {
    pub vendor: String,
    pub case_id: i64,
    pub request: RequestKind,
    pub answer: AnswerKind,
    pub on: jiff::civil::Date,
}

/// Everything recorded about one person, as the board reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExposureFacts {
    pub mail: Vec<MailEvidence>,
    pub breaches: Vec<BreachHit>,
    pub self_checks: Vec<SelfCheck>,
    pub answers: Vec<CaseAnswer>,
    /// Vendors with a request under way (case id), answered or not.
    pub open_cases: Vec<(String, i64)>,
}

/// One row of the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VendorExposure {
    pub vendor: String,
    pub name: String,
    pub status: Exposure,
    /// Why, one sentence per fact, strongest first.
    pub reasons: Vec<String>,
    /// Where the person can look themselves (self-check page, else the request form).
    pub self_check_url: Option<String>,
    /// Breaches of this vendor in the catalogue (whether or not the person's address was checked).
    pub vendor_breaches: Vec<String>,
    pub case_id: Option<i64>,
}

/// The board for every vendor of the registry, most exposed first.
pub fn exposure_board(registry: &Registry, catalogue: &BreachCatalogue, facts: &ExposureFacts) -> Vec<VendorExposure> {
    let scrape_hits: Vec<&BreachHit> = facts
        .breaches
        .iter()
        .filter(|h| catalogue.get(&h.breach).is_some_and(|b| b.kind == BreachKind::Scrape))
        .collect();
    let mut rows: Vec<VendorExposure> = registry
        .vendors()
        .iter()
        .map(|v| {
            let id = v.id.as_str();
            let mut found: Vec<(Exposure, Option<jiff::civil::Date>, String)> = Vec::new();
            for a in facts.answers.iter().filter(|a| a.vendor == id) {
                let erasure = matches!(a.request, RequestKind::Erasure | RequestKind::Combined);
                match a.answer {
                    AnswerKind::Complete if erasure => found.push((
                        Exposure::Erased,
                        Some(a.on),
                        format!("{} confirmed your request (case {}, {}), which asked for erasure.", v.name, a.case_id, a.on),
                    )),
                    AnswerKind::Complete | AnswerKind::Incomplete => found.push((
                        Exposure::Confirmed,
                        Some(a.on),
                        format!("{} answered your request with data (case {}, {}).", v.name, a.case_id, a.on),
                    )),
                    AnswerKind::NoDataHeld => found.push((
                        Exposure::NotHeld,
                        Some(a.on),
                        format!("{} answered that it holds no data about you (case {}, {}).", v.name, a.case_id, a.on),
                    )),
                    AnswerKind::Refused => {}
                }
            }
            for m in facts.mail.iter().filter(|m| m.vendor == id) {
                let when = m.last_date.map(|d| format!(", last on {d}")).unwrap_or_default();
                match (m.kind, m.confidence) {
                    (ToolKind::ContactDataVendor, Confidence::High) => found.push((
                        Exposure::Confirmed,
                        m.last_date,
                        format!("{} e-mailed you ({} message(s){when}): it has your address.", v.name, m.messages),
                    )),
                    (ToolKind::SalesEngagement | ToolKind::EmailTracker, c) if c >= Confidence::Medium => found.push((
                        Exposure::Likely,
                        m.last_date,
                        format!(
                            "{} message(s) were sent to you through {}, the vendor's own tool{when}: the sender may have found you in its database.",
                            m.messages, m.tool_name
                        ),
                    )),
                    _ => found.push((
                        Exposure::Unknown,
                        m.last_date,
                        format!("{} message(s) only link to {}{when} (weak evidence).", m.messages, v.name),
                    )),
                }
            }
            for b in catalogue.of_vendor(id) {
                if let Some(hit) = facts.breaches.iter().find(|h| h.breach.eq_ignore_ascii_case(&b.name)) {
                    found.push((
                        Exposure::Confirmed,
                        Some(b.breach_date),
                        format!(
                            "Your address {} is in the {} breach of {} ({}): it held it then.",
                            hit.email, b.name, v.name, b.breach_date
                        ),
                    ));
                }
            }
            for s in facts.self_checks.iter().filter(|s| s.vendor == id) {
                let note = s.note.as_deref().map(|n| format!(" — “{n}”")).unwrap_or_default();
                match s.outcome {
                    SelfCheckOutcome::Found => found.push((Exposure::Confirmed, Some(s.on), format!("You found your data on its self-check page ({}){note}.", s.on))),
                    SelfCheckOutcome::NotFound => found.push((Exposure::NotHeld, Some(s.on), format!("Its self-check page showed nothing about you ({}){note}.", s.on))),
                    SelfCheckOutcome::Unclear => found.push((Exposure::Unknown, Some(s.on), format!("Its self-check page was unclear ({}){note}.", s.on))),
                }
            }
            if v.categories.iter().any(|c| c == "b2b-contact-data") && v.stated_data_sources.iter().any(|s| s.to_lowercase().contains("linkedin")) {
                for hit in &scrape_hits {
                    found.push((
                        Exposure::Likely,
                        catalogue.get(&hit.breach).map(|b| b.breach_date),
                        format!("Your address {} is in the {} scrape, and {} says it collects from LinkedIn.", hit.email, hit.breach, v.name),
                    ));
                }
            }
            let mut status = [Exposure::Erased, Exposure::Confirmed, Exposure::NotHeld, Exposure::Likely]
                .into_iter()
                .find(|s| found.iter().any(|(f, _, _)| f == s))
                .unwrap_or(Exposure::Unknown);
            // Erased, but the vendor showed it has the data again afterwards: that is what counts.
            let erased_on = found.iter().filter(|(s, _, _)| *s == Exposure::Erased).filter_map(|(_, d, _)| *d).max();
            if let Some(erased_on) = erased_on
                && found.iter().any(|(s, d, _)| *s == Exposure::Confirmed && d.is_some_and(|d| d > erased_on))
            {
                status = Exposure::Confirmed;
            }
            found.sort_by_key(|(s, _, _)| rank(*s));
            VendorExposure {
                vendor: id.to_owned(),
                name: v.name.clone(),
                status,
                reasons: found.into_iter().map(|(_, _, r)| r).collect(),
                self_check_url: v.contacts.self_check_url.clone().or_else(|| v.contacts.request_form_url.clone()),
                vendor_breaches: catalogue.of_vendor(id).map(|b| b.name.clone()).collect(),
                case_id: facts.open_cases.iter().find(|(vendor, _)| vendor == id).map(|(_, c)| *c),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        rank(a.status).cmp(&rank(b.status)).then(b.reasons.len().cmp(&a.reasons.len())).then(a.name.cmp(&b.name))
    });
    rows
}

/// Board order: what needs action first.
fn rank(status: Exposure) -> u8 {
    match status {
        Exposure::Confirmed => 0,
        Exposure::Likely => 1,
        Exposure::Unknown => 2,
        Exposure::NotHeld => 3,
        Exposure::Erased => 4,
    }
}

/// The vendors "send an access request to all unknown and likely vendors" goes to: those two
/// statuses, without a request already under way. (Confirmed vendors get their own action.)
pub fn request_targets(board: &[VendorExposure]) -> Vec<String> {
    board
        .iter()
        .filter(|r| matches!(r.status, Exposure::Likely | Exposure::Unknown) && r.case_id.is_none())
        .map(|r| r.vendor.clone())
        .collect()
}
