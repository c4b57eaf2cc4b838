//! Which case a reply answers: by the message it replies to, the sender's domain and the subject.

use serde::Serialize;

use redress_core::text::fold;

use crate::reply::Reply;

/// What a case offers for matching (built by the store from the case and the registry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseCandidate {
    pub case_id: i64,
    pub vendor_name: String,
    /// The vendor's domains and the domains of its privacy and DPO addresses, lowercase.
    pub domains: Vec<String>,
    /// The sent request's reference (the e-mail's Message-ID), if recorded.
    pub sent_reference: Option<String>,
    /// The case still awaits an answer (sent, acknowledged, overdue, reminded).
    pub awaiting: bool,
}

/// A reply matched to a case, with the reasons in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub case_id: i64,
    pub reasons: Vec<String>,
}

/// The case `reply` most likely answers, or `None` when nothing points to one case clearly (no
/// evidence, or two cases equally likely): then the user chooses.
pub fn link_reply(reply: &Reply, candidates: &[CaseCandidate]) -> Option<Link> {
    let sender_domain =
        reply.from_address.as_deref().and_then(|a| a.rsplit_once('@')).map(|(_, d)| d.to_ascii_lowercase());
    let subject = reply.subject.as_deref().map(fold).unwrap_or_default();
    let answers: Vec<String> = reply.in_reply_to.iter().map(|r| bare_id(r)).collect();
    let mut scored: Vec<(u32, Link)> = candidates
        .iter()
        .map(|c| {
            let mut score = 0;
            let mut reasons = Vec::new();
            if let Some(reference) = c.sent_reference.as_deref().map(bare_id).filter(|r| !r.is_empty())
                && answers.contains(&reference)
            {
                score += 100;
                reasons.push(format!("it answers the message sent as {reference}"));
            }
            if let Some(domain) = &sender_domain
                && let Some(matched) = c.domains.iter().find(|d| domain == *d || domain.ends_with(&format!(".{d}")))
            {
                score += 10;
                reasons.push(format!("it comes from {domain}, {}'s domain {matched}", c.vendor_name));
            }
            let name = fold(&c.vendor_name);
            if score > 0 && name.len() >= 3 && subject.contains(&name) {
                score += 3;
                reasons.push(format!("its subject names {}", c.vendor_name));
            }
            if score > 0 && c.awaiting {
                score += 2;
                reasons.push("the case is waiting for an answer".into());
            }
            (score, Link { case_id: c.case_id, reasons })
        })
        .filter(|(score, _)| *score >= 10)
        .collect();
    scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    match scored.as_slice() {
        [(best, _), (second, _), ..] if best == second => None,
        [(_, link), ..] => Some(link.clone()),
        [] => None,
    }
}

/// A Message-ID without its angle brackets and surrounding spaces, lower-cased: the form two
/// Message-IDs are compared in.
pub fn bare_id(id: &str) -> String {
    id.trim().trim_start_matches('<').trim_end_matches('>').to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read_reply;

    fn candidate(id: i64, name: &str, domain: &str, reference: Option<&str>, awaiting: bool) -> CaseCandidate {
        CaseCandidate {
            case_id: id,
            vendor_name: name.into(),
            domains: vec![domain.into()],
            sent_reference: reference.map(str::to_owned),
            awaiting,
        }
    }

    fn email(from: &str, subject: &str, in_reply_to: Option<&str>) -> Reply {
        let mut raw = format!("From: {from}\r\nSubject: {subject}\r\nDate: Mon, 2 Mar 2026 10:00:00 +0100\r\n");
        if let Some(r) = in_reply_to {
            raw.push_str(&format!("In-Reply-To: {r}\r\n"));
        }
        raw.push_str("\r\nBody\r\n");
        read_reply("r.eml", raw.as_bytes()).expect("reads")
    }

    #[test]
    fn replies_find_their_case() {
        let cases = vec![
            candidate(1, "Kaspr", "kaspr.io", Some("<req-1@example.fr>"), true),
            candidate(2, "Lusha", "lusha.com", None, true),
            candidate(3, "Kaspr", "kaspr.io", Some("<req-3@example.fr>"), false),
        ];
        let table: Vec<(&str, Reply, Option<i64>)> = vec![
            (
                "the In-Reply-To names the request",
                email("dpo@kaspr.io", "Re: request", Some("<req-3@example.fr>")),
                Some(3),
            ),
            ("a subdomain of the vendor", email("support@mail.lusha.com", "Your request", None), Some(2)),
            ("two Kaspr cases, one still open", email("privacy@kaspr.io", "Your data", None), Some(1)),
            ("an unknown sender", email("someone@example.org", "Kaspr", None), None),
            ("a look-alike domain", email("privacy@notkaspr.io", "Kaspr", None), None),
        ];
        for (what, reply, expect) in table {
            assert_eq!(link_reply(&reply, &cases).map(|l| l.case_id), expect, "{what}");
        }
    }

    #[test]
    fn two_equally_likely_cases_are_left_to_the_user() {
        let cases = vec![candidate(1, "Kaspr", "kaspr.io", None, true), candidate(2, "Kaspr", "kaspr.io", None, true)];
        assert_eq!(link_reply(&email("privacy@kaspr.io", "Hello", None), &cases), None);
    }
}
