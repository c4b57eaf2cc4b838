//! The mailbox scan: every message is examined locally for signs that a prospecting tool or a
//! contact-data vendor touched it — sender, Return-Path, DKIM and Message-ID domains,
//! List-Unsubscribe targets, links and tracking pixels, tell-tale headers and footers — and
//! each sign is reported with the text that shows it. Messages are read as a stream and
//! examined on all cores; reports come out in mailbox order.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::sync::mpsc;

use mail_parser::{HeaderValue, MessageParser, PartType};
use serde::{Deserialize, Serialize};

use redress_core::domain_name::{lookup_names, normalise_host, registrable_domain};
use redress_core::tool::{Confidence, ToolKind};

use crate::fingerprint::{Fingerprints, Place, SignalRef, SignalType};
use crate::mailbox::{MailInput, MailItem, MessageOrigin, read_messages};

/// Free-mail providers: a cold e-mail from one of these names no company to ask.
const FREEMAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "outlook.fr",
    "outlook.de",
    "hotmail.com",
    "hotmail.fr",
    "hotmail.co.uk",
    "hotmail.de",
    "live.com",
    "live.fr",
    "live.co.uk",
    "msn.com",
    "yahoo.com",
    "yahoo.fr",
    "yahoo.co.uk",
    "yahoo.de",
    "ymail.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "gmx.de",
    "gmx.net",
    "gmx.fr",
    "gmx.com",
    "web.de",
    "orange.fr",
    "wanadoo.fr",
    "free.fr",
    "sfr.fr",
    "laposte.net",
    "proton.me",
    "protonmail.com",
    "pm.me",
    "t-online.de",
    "mail.com",
    "fastmail.com",
    "zoho.com",
    "tutanota.com",
    "yandex.com",
    "btinternet.com",
    "libero.it",
    "virgilio.it",
    "seznam.cz",
    "wp.pl",
    "o2.pl",
];

/// At most this many pieces of evidence are kept per tool and message.
const MAX_EVIDENCE: usize = 6;
/// Evidence text is cut to this many characters.
const MAX_EXCERPT: usize = 160;

/// How to scan.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Worker threads; 1 examines the messages on the calling thread. Capped at the number of
    /// cores ([`worker_threads`]).
    pub threads: usize,
    /// The user's own addresses: messages they sent (their tools, not a vendor's) are skipped.
    pub own_addresses: Vec<String>,
}

/// The worker threads a scan runs for `requested`: at least 1, at most the computer's cores
/// (more would only add threads that wait; `--threads 100000` must not start 100,000).
pub fn worker_threads(requested: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    requested.clamp(1, cores)
}

impl Default for ScanOptions {
    fn default() -> Self {
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        Self { threads, own_addresses: Vec::new() }
    }
}

/// One sign found in a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceItem {
    /// Where it was found: "sender", "List-Unsubscribe", "link", "header", "body text", …
    pub place: String,
    /// What matched: a domain, a header name, a piece of text.
    pub matched: String,
    /// The message's own text around it (a header value, a URL), shortened.
    pub excerpt: String,
    /// Why this is a sign: the fingerprint's source or reason.
    pub why: String,
}

/// A tool or vendor a message points to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub tool: String,
    pub tool_name: String,
    pub kind: ToolKind,
    /// The registry vendor, when the tool is one (or belongs to one).
    pub vendor: Option<String>,
    pub confidence: Confidence,
    pub evidence: Vec<EvidenceItem>,
}

/// A company that sent a cold e-mail through a prospecting tool: ask it where it got the
/// address (Art. 14 and 15(1)(g) GDPR) — the source-inquiry letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceInquiry {
    pub company_domain: String,
    pub sender_name: Option<String>,
    pub sender_address: Option<String>,
}

/// What the scan says about one message (only messages with findings or a problem are reported).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageReport {
    pub index: usize,
    pub origin: MessageOrigin,
    pub date: Option<jiff::civil::Date>,
    pub from_address: Option<String>,
    pub from_name: Option<String>,
    pub subject: Option<String>,
    pub findings: Vec<Finding>,
    pub source_inquiry: Option<SourceInquiry>,
    /// Why the message could not be examined (the scan went on).
    pub problem: Option<String>,
}

/// Per tool: how many messages point to it, how surely, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolTally {
    pub tool: String,
    pub tool_name: String,
    pub kind: ToolKind,
    pub vendor: Option<String>,
    pub messages: usize,
    pub best_confidence: Confidence,
    pub first_date: Option<jiff::civil::Date>,
    pub last_date: Option<jiff::civil::Date>,
}

/// Per company that prospected the user through a tool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyTally {
    pub domain: String,
    pub messages: usize,
    pub sender_name: Option<String>,
    pub sender_address: Option<String>,
    pub tools: Vec<String>,
}

/// The whole scan at a glance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanSummary {
    pub files: usize,
    pub skipped_files: usize,
    pub bytes: u64,
    pub messages: usize,
    pub messages_with_findings: usize,
    /// Messages sent by the user (skipped).
    pub own_messages: usize,
    pub problems: usize,
    /// Sorted: vendors first, then by messages.
    pub tools: Vec<ToolTally>,
    pub companies: Vec<CompanyTally>,
}

impl ScanSummary {
    /// This summary and a later one of the same mailbox's new messages (an incremental scan),
    /// as one: counts added, each tool's and company's tallies joined.
    pub fn merged(self, later: ScanSummary) -> ScanSummary {
        let mut tally = Tally::new(ScanSummary {
            files: self.files.max(later.files),
            skipped_files: self.skipped_files + later.skipped_files,
            bytes: self.bytes + later.bytes,
            messages: self.messages + later.messages,
            messages_with_findings: self.messages_with_findings + later.messages_with_findings,
            own_messages: self.own_messages + later.own_messages,
            problems: self.problems + later.problems,
            tools: Vec::new(),
            companies: Vec::new(),
        });
        for t in self.tools.into_iter().chain(later.tools) {
            match tally.tools.get_mut(&t.tool) {
                Some(have) => {
                    have.messages += t.messages;
                    have.best_confidence = have.best_confidence.max(t.best_confidence);
                    have.first_date = match (have.first_date, t.first_date) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                    have.last_date = have.last_date.max(t.last_date);
                }
                None => {
                    tally.tools.insert(t.tool.clone(), t);
                }
            }
        }
        for c in self.companies.into_iter().chain(later.companies) {
            match tally.companies.get_mut(&c.domain) {
                Some(have) => {
                    have.messages += c.messages;
                    for tool in c.tools {
                        if !have.tools.contains(&tool) {
                            have.tools.push(tool);
                        }
                    }
                }
                None => {
                    tally.companies.insert(c.domain.clone(), c);
                }
            }
        }
        tally.finish()
    }
}

/// Scans the input. `progress` gets the bytes read so far (from the reading thread);
/// `on_report` gets, in mailbox order, each message with findings or a problem.
pub fn scan(
    fingerprints: &Fingerprints,
    input: &MailInput,
    options: &ScanOptions,
    progress: &(dyn Fn(u64) + Sync),
    on_report: impl FnMut(&MessageReport),
) -> ScanSummary {
    let seed = ScanSummary {
        files: input.files.len(),
        skipped_files: input.skipped_files,
        bytes: input.total_bytes(),
        ..ScanSummary::default()
    };
    scan_stream(fingerprints, options, seed, |push| read_messages(input, progress, push), on_report)
}

/// Scans the messages `feed` hands to the function it is given (which returns `false` when
/// the scan wants no more), as [`scan`] does for files: on all cores, reports in feed order,
/// memory bounded whatever the feed's length. `seed` carries what the caller knows of the
/// input (files, bytes); `feed` runs on its own thread when the scan has several.
pub fn scan_stream<F>(
    fingerprints: &Fingerprints,
    options: &ScanOptions,
    seed: ScanSummary,
    feed: F,
    mut on_report: impl FnMut(&MessageReport),
) -> ScanSummary
where
    F: FnOnce(&mut dyn FnMut(MailItem) -> bool) + Send,
{
    let mut tally = Tally::new(seed);
    let threads = worker_threads(options.threads);
    if threads == 1 {
        let mut examiner = Examiner::new(fingerprints, options);
        feed(&mut |item| {
            let outcome = examiner.examine_item(item);
            tally.add(outcome, &mut on_report);
            true
        });
        return tally.finish();
    }
    // Messages waiting or being examined may hold at most this many bytes together (one
    // message above it still goes through alone), so memory stays flat whatever the mailbox.
    let budget = ByteBudget::new(IN_FLIGHT_BYTES);
    std::thread::scope(|scope| {
        let (work_tx, work_rx) = mpsc::sync_channel::<MailItem>(threads * 2);
        // The workers own the receiver: when they are gone, the reader's send fails and it stops.
        let work_rx = std::sync::Arc::new(Mutex::new(work_rx));
        let (done_tx, done_rx) = mpsc::sync_channel::<Outcome>(threads * 16);
        let budget = &budget;
        scope.spawn(move || {
            feed(&mut |item| {
                budget.take(item_bytes(&item));
                work_tx.send(item).is_ok()
            })
        });
        for _ in 0..threads {
            let (work_rx, done_tx) = (work_rx.clone(), done_tx.clone());
            scope.spawn(move || {
                let mut examiner = Examiner::new(fingerprints, options);
                loop {
                    let item = match work_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => break,
                    };
                    let Ok(item) = item else { break };
                    let size = item_bytes(&item);
                    let outcome = examiner.examine_item(item);
                    budget.give(size);
                    if done_tx.send(outcome).is_err() {
                        break;
                    }
                }
                budget.close();
            });
        }
        drop(work_rx);
        drop(done_tx);
        // Reports come back out of order; hand them on in mailbox order.
        let mut next = 0;
        let mut waiting = BTreeMap::new();
        for outcome in done_rx {
            waiting.insert(outcome.report.index, outcome);
            while let Some(outcome) = waiting.remove(&next) {
                tally.add(outcome, &mut on_report);
                next += 1;
            }
        }
        for (_, outcome) in std::mem::take(&mut waiting) {
            tally.add(outcome, &mut on_report);
        }
    });
    tally.finish()
}

/// Bytes of messages the reader may have handed out and not yet seen examined.
const IN_FLIGHT_BYTES: u64 = 128 * 1024 * 1024;

fn item_bytes(item: &MailItem) -> u64 {
    match item {
        MailItem::Message { bytes, .. } => bytes.len() as u64,
        MailItem::Problem { .. } => 0,
    }
}

/// A counting limit on bytes in flight: `take` waits while the budget is spent (unless nothing
/// is in flight, so one huge message still passes), `give` returns bytes.
#[derive(Debug)]
struct ByteBudget {
    limit: u64,
    /// Bytes in flight, and whether a worker has stopped (then nobody waits any more).
    state: Mutex<(u64, bool)>,
    freed: std::sync::Condvar,
}

impl ByteBudget {
    fn new(limit: u64) -> Self {
        Self { limit, state: Mutex::new((0, false)), freed: std::sync::Condvar::new() }
    }

    fn take(&self, n: u64) {
        let Ok(mut state) = self.state.lock() else { return };
        while !state.1 && state.0 > 0 && state.0 + n > self.limit {
            state = match self.freed.wait(state) {
                Ok(s) => s,
                Err(_) => return,
            };
        }
        state.0 += n;
    }

    fn give(&self, n: u64) {
        if let Ok(mut state) = self.state.lock() {
            state.0 = state.0.saturating_sub(n);
            self.freed.notify_all();
        }
    }

    /// A worker stopped: the reader must not wait for bytes that will never come back.
    fn close(&self) {
        if let Ok(mut state) = self.state.lock() {
            state.1 = true;
            self.freed.notify_all();
        }
    }
}

#[derive(Debug)]
struct Outcome {
    report: MessageReport,
    own: bool,
}

#[derive(Debug)]
struct Tally {
    summary: ScanSummary,
    tools: HashMap<String, ToolTally>,
    companies: HashMap<String, CompanyTally>,
}

impl Tally {
    fn new(summary: ScanSummary) -> Self {
        Self { summary, tools: HashMap::new(), companies: HashMap::new() }
    }

    fn add(&mut self, outcome: Outcome, on_report: &mut impl FnMut(&MessageReport)) {
        let report = outcome.report;
        self.summary.messages += 1;
        if outcome.own {
            self.summary.own_messages += 1;
            return;
        }
        if report.problem.is_some() {
            self.summary.problems += 1;
        }
        if !report.findings.is_empty() {
            self.summary.messages_with_findings += 1;
        }
        for f in &report.findings {
            let t = self.tools.entry(f.tool.clone()).or_insert_with(|| ToolTally {
                tool: f.tool.clone(),
                tool_name: f.tool_name.clone(),
                kind: f.kind,
                vendor: f.vendor.clone(),
                messages: 0,
                best_confidence: f.confidence,
                first_date: None,
                last_date: None,
            });
            t.messages += 1;
            t.best_confidence = t.best_confidence.max(f.confidence);
            if let Some(d) = report.date {
                t.first_date = Some(t.first_date.map_or(d, |x| x.min(d)));
                t.last_date = Some(t.last_date.map_or(d, |x| x.max(d)));
            }
        }
        if let Some(inquiry) = &report.source_inquiry {
            let c = self.companies.entry(inquiry.company_domain.clone()).or_insert_with(|| CompanyTally {
                domain: inquiry.company_domain.clone(),
                messages: 0,
                sender_name: inquiry.sender_name.clone(),
                sender_address: inquiry.sender_address.clone(),
                tools: Vec::new(),
            });
            c.messages += 1;
            for f in &report.findings {
                if f.kind != ToolKind::ContactDataVendor && !c.tools.contains(&f.tool_name) {
                    c.tools.push(f.tool_name.clone());
                }
            }
        }
        if report.problem.is_some() || !report.findings.is_empty() {
            on_report(&report);
        }
    }

    fn finish(mut self) -> ScanSummary {
        let mut tools: Vec<_> = self.tools.into_values().collect();
        tools.sort_by(|a, b| {
            (b.kind == ToolKind::ContactDataVendor)
                .cmp(&(a.kind == ToolKind::ContactDataVendor))
                .then(b.best_confidence.cmp(&a.best_confidence))
                .then(b.messages.cmp(&a.messages))
                .then(a.tool.cmp(&b.tool))
        });
        let mut companies: Vec<_> = self.companies.into_values().collect();
        companies.sort_by(|a, b| b.messages.cmp(&a.messages).then(a.domain.cmp(&b.domain)));
        self.summary.tools = tools;
        self.summary.companies = companies;
        self.summary
    }
}

/// Examines messages one at a time; one per thread.
#[derive(Debug)]
pub struct Examiner<'f> {
    fingerprints: &'f Fingerprints,
    parser: MessageParser,
    own: Vec<String>,
    scheme: memchr::memmem::Finder<'static>,
}

/// A sign before it is grouped by tool.
struct Hit {
    at: SignalRef,
    confidence: Confidence,
    place: String,
    matched: String,
    excerpt: String,
}

impl<'f> Examiner<'f> {
    pub fn new(fingerprints: &'f Fingerprints, options: &ScanOptions) -> Self {
        Self {
            fingerprints,
            parser: MessageParser::default(),
            own: options.own_addresses.iter().map(|a| a.trim().to_ascii_lowercase()).collect(),
            scheme: memchr::memmem::Finder::new(b"://"),
        }
    }

    fn examine_item(&mut self, item: MailItem) -> Outcome {
        match item {
            MailItem::Problem { index, origin, message } => {
                Outcome { report: problem(index, origin, message), own: false }
            }
            MailItem::Message { index, origin, bytes } => {
                match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.examine(&bytes)))
                    .unwrap_or_else(|_| Err("Redress failed on this message (a bug; the scan went on)".into()))
                {
                    Ok(mut report) => {
                        let own = report.from_address.as_ref().is_some_and(|a| self.own.contains(a));
                        report.index = index;
                        report.origin = origin;
                        Outcome { report, own }
                    }
                    Err(message) => Outcome { report: problem(index, origin, message), own: false },
                }
            }
        }
    }

    /// Examines one message (its bytes as in an `.eml` file).
    pub fn examine(&self, bytes: &[u8]) -> Result<MessageReport, String> {
        let message = self.parser.parse(bytes).ok_or("not an e-mail: no header could be read")?;
        let from = message.from().and_then(|a| a.first());
        let from_address = from.and_then(|a| a.address()).map(|a| a.trim().to_ascii_lowercase());
        let date = message.date().and_then(|d| {
            jiff::civil::Date::new(i16::try_from(d.year).ok()?, i8::try_from(d.month).ok()?, i8::try_from(d.day).ok()?)
                .ok()
        });
        if from_address.is_none() && date.is_none() && message.subject().is_none() && message.message_id().is_none() {
            return Err("not an e-mail: it has no From, Date, Subject or Message-ID header".into());
        }
        let mut hits = Vec::new();
        let raw = message.raw_message();
        for header in message.headers() {
            let name = header.name.as_str();
            let lower = name.to_ascii_lowercase();
            let value = raw
                .get(header.offset_start as usize..header.offset_end as usize)
                .map(String::from_utf8_lossy)
                .unwrap_or_default();
            let value = value.trim();
            if let Some(signals) = self.fingerprints.headers.get(&lower) {
                for &(at, confidence) in signals {
                    hits.push(Hit {
                        at,
                        confidence,
                        place: "header".into(),
                        matched: name.to_owned(),
                        excerpt: header_excerpt(name, value),
                    });
                }
            }
            for s in self.fingerprints.header_values.iter().filter(|s| s.scope.as_deref() == Some(lower.as_str())) {
                if value.to_ascii_lowercase().contains(&s.needle) {
                    hits.push(Hit {
                        at: s.at,
                        confidence: s.confidence,
                        place: "header".into(),
                        matched: s.needle.clone(),
                        excerpt: header_excerpt(name, value),
                    });
                }
            }
            let place = match lower.as_str() {
                "from" | "sender" | "reply-to" => Some(Place::Sender),
                "return-path" => Some(Place::ReturnPath),
                "message-id" => Some(Place::MessageId),
                "dkim-signature" => Some(Place::Signing),
                "list-unsubscribe" => Some(Place::Unsubscribe),
                _ => None,
            };
            let Some(place) = place else { continue };
            let hosts: Vec<String> = match place {
                Place::Signing => dkim_domain(value).into_iter().collect(),
                Place::Unsubscribe => unsubscribe_hosts(value),
                Place::Sender => match &header.value {
                    HeaderValue::Address(a) => {
                        a.iter().filter_map(|x| x.address()).filter_map(host_of_address).collect()
                    }
                    _ => host_after_at(value).into_iter().collect(),
                },
                _ => host_after_at(value).into_iter().collect(),
            };
            for host in hosts {
                self.match_host(&host, place, &header_excerpt(name, value), &mut hits);
            }
        }
        for part in &message.parts {
            match &part.body {
                PartType::Text(text) => self.scan_body(text, false, &mut hits),
                PartType::Html(html) => self.scan_body(html, true, &mut hits),
                _ => {}
            }
        }
        let findings = self.group(hits);
        let source_inquiry = self.source_inquiry(&findings, from_address.as_deref(), from.and_then(|a| a.name()));
        Ok(MessageReport {
            index: 0,
            origin: MessageOrigin { path: Default::default(), offset: None },
            date,
            from_name: from.and_then(|a| a.name()).map(str::to_owned),
            from_address,
            subject: message.subject().map(str::to_owned),
            findings,
            source_inquiry,
            problem: None,
        })
    }

    fn match_host(&self, host: &str, place: Place, excerpt: &str, hits: &mut Vec<Hit>) {
        for name in lookup_names(host) {
            let Some(signals) = self.fingerprints.domains.get(name) else { continue };
            for s in signals.iter().filter(|s| s.places.contains(&place)) {
                hits.push(Hit {
                    at: s.at,
                    confidence: s.confidence,
                    place: place.label().into(),
                    matched: host.to_owned(),
                    excerpt: excerpt.to_owned(),
                });
            }
        }
    }

    /// Finds the URLs in a body (`scheme://host/…`), classifies each as a link or an image, and
    /// matches its host and text; then looks for the body-text signals.
    fn scan_body(&self, body: &str, html: bool, hits: &mut Vec<Hit>) {
        let bytes = body.as_bytes();
        for pos in self.scheme.find_iter(bytes) {
            let scheme_start = bytes[..pos].iter().rposition(|b| !b.is_ascii_alphabetic()).map_or(0, |i| i + 1);
            let scheme = &body[scheme_start..pos];
            if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
                continue;
            }
            let rest = &body[pos + 3..];
            let end = rest
                .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | ')' | '`'))
                .unwrap_or(rest.len());
            let url = &rest[..end];
            // The host ends at the first character a host (with user info and port) cannot hold:
            // `/`, `?`, `#`, and punctuation written after a bare URL ("…mixmax.com, see").
            let host_end = url
                .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '@' | ':')))
                .unwrap_or(url.len());
            let Some(host) = normalise_host(url[..host_end].trim_end_matches([':', '.'])) else { continue };
            let place = if html && is_image_source(&body[..scheme_start]) { Place::Pixel } else { Place::Link };
            let excerpt = shorten(&body[scheme_start..pos + 3 + end]);
            self.match_host(&host, place, &excerpt, hits);
            if !self.fingerprints.urls.is_empty() {
                let lower = url.to_ascii_lowercase();
                for s in &self.fingerprints.urls {
                    let in_scope =
                        s.scope.as_deref().is_none_or(|scope| host == scope || host.ends_with(&format!(".{scope}")));
                    if in_scope && lower.contains(&s.needle) {
                        hits.push(Hit {
                            at: s.at,
                            confidence: s.confidence,
                            place: place.label().into(),
                            matched: s.needle.clone(),
                            excerpt: excerpt.clone(),
                        });
                    }
                }
            }
        }
        for s in &self.fingerprints.body_texts {
            if let Some(at) = body.find(&s.needle) {
                let from = floor_char(body, at.saturating_sub(40));
                let to = floor_char(body, (at + s.needle.len() + 40).min(body.len()));
                hits.push(Hit {
                    at: s.at,
                    confidence: s.confidence,
                    place: "body text".into(),
                    matched: s.needle.clone(),
                    excerpt: shorten(body[from..to].trim()),
                });
            }
        }
    }

    /// Hits grouped per tool, with the best confidence (two independent kinds of sign of
    /// medium confidence make a high one) and deduplicated evidence.
    fn group(&self, hits: Vec<Hit>) -> Vec<Finding> {
        let mut by_tool: BTreeMap<u32, Vec<Hit>> = BTreeMap::new();
        for hit in hits {
            by_tool.entry(hit.at.tool).or_default().push(hit);
        }
        let mut findings: Vec<Finding> = by_tool
            .into_iter()
            .map(|(tool_index, hits)| {
                let tool = self.fingerprints.tool_at(tool_index);
                let mut confidence = hits.iter().map(|h| h.confidence).max().unwrap_or(Confidence::Low);
                let mut places: Vec<&str> =
                    hits.iter().filter(|h| h.confidence >= Confidence::Medium).map(|h| h.place.as_str()).collect();
                places.sort_unstable();
                places.dedup();
                if confidence == Confidence::Medium && places.len() >= 2 {
                    confidence = Confidence::High;
                }
                let mut evidence: Vec<EvidenceItem> = Vec::new();
                let mut ordered = hits;
                ordered.sort_by_key(|h| std::cmp::Reverse(h.confidence));
                for h in ordered {
                    if evidence.len() >= MAX_EVIDENCE {
                        break;
                    }
                    if evidence.iter().any(|e| e.place == h.place && (e.matched == h.matched || e.excerpt == h.excerpt))
                    {
                        continue;
                    }
                    let signal = &tool.signals[h.at.signal as usize];
                    let why = match (&signal.source, &signal.reason) {
                        (Some(source), _) => {
                            format!("{} signal ({:?}); source: {source}", kind_label(signal.kind), signal.value)
                        }
                        (None, Some(reason)) => reason.clone(),
                        (None, None) => String::new(),
                    };
                    evidence.push(EvidenceItem { place: h.place, matched: h.matched, excerpt: h.excerpt, why });
                }
                Finding {
                    tool: tool.id.clone(),
                    tool_name: tool.name.clone(),
                    kind: tool.kind,
                    vendor: tool.vendor.clone(),
                    confidence,
                    evidence,
                }
            })
            .collect();
        findings.sort_by(|a, b| b.confidence.cmp(&a.confidence).then(a.tool.cmp(&b.tool)));
        findings
    }

    fn source_inquiry(&self, findings: &[Finding], from: Option<&str>, name: Option<&str>) -> Option<SourceInquiry> {
        let prospected = findings.iter().any(|f| {
            matches!(f.kind, ToolKind::SalesEngagement | ToolKind::EmailTracker) && f.confidence >= Confidence::Medium
        });
        if !prospected {
            return None;
        }
        let address = from?;
        let host = host_of_address(address)?;
        let domain = registrable_domain(&host)?.to_owned();
        let is_vendor = lookup_names(&host).any(|n| self.fingerprints.vendor_domains.contains_key(n));
        // The tool writing about itself (Mixmax's newsletter, tracked by Mixmax) is no prospect.
        let is_tool = findings.iter().filter_map(|f| self.fingerprints.tool(&f.tool)).any(|tool| {
            tool.signals.iter().any(|sig| {
                let host = match sig.kind {
                    SignalType::Domain => sig.value.as_str(),
                    SignalType::Url => sig.value.split('/').next().unwrap_or(""),
                    _ => return false,
                };
                host.contains('.') && registrable_domain(host) == Some(domain.as_str())
            })
        });
        if is_vendor || is_tool || FREEMAIL.contains(&domain.as_str()) {
            return None;
        }
        Some(SourceInquiry {
            company_domain: domain,
            sender_name: name.map(str::to_owned),
            sender_address: Some(address.to_owned()),
        })
    }
}

fn problem(index: usize, origin: MessageOrigin, message: String) -> MessageReport {
    MessageReport {
        index,
        origin,
        date: None,
        from_address: None,
        from_name: None,
        subject: None,
        findings: Vec::new(),
        source_inquiry: None,
        problem: Some(message),
    }
}

fn kind_label(kind: SignalType) -> &'static str {
    match kind {
        SignalType::Domain => "domain",
        SignalType::Url => "URL",
        SignalType::Header => "header",
        SignalType::HeaderValue => "header value",
        SignalType::BodyText => "footer text",
    }
}

fn header_excerpt(name: &str, value: &str) -> String {
    let one_line: String = value.split_whitespace().collect::<Vec<_>>().join(" ");
    shorten(&format!("{name}: {one_line}"))
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= MAX_EXCERPT {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(MAX_EXCERPT - 1).collect();
    out.push('…');
    out
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn host_of_address(address: &str) -> Option<String> {
    normalise_host(address.rsplit_once('@')?.1.trim_end_matches('>'))
}

/// The host after the last `@` of a header value (`<bounce-123@mail.example.com>`).
fn host_after_at(value: &str) -> Option<String> {
    let (_, after) = value.rsplit_once('@')?;
    let end = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-')).unwrap_or(after.len());
    normalise_host(&after[..end])
}

/// The signing domain (`d=`) of a DKIM-Signature (RFC 6376 §3.5).
fn dkim_domain(value: &str) -> Option<String> {
    value.split(';').find_map(|tag| {
        let (name, v) = tag.split_once('=')?;
        (name.trim() == "d").then(|| normalise_host(v.trim())).flatten()
    })
}

/// The hosts of a List-Unsubscribe field's `<https://…>` and `<mailto:…>` targets (RFC 2369).
fn unsubscribe_hosts(value: &str) -> Vec<String> {
    value
        .split('<')
        .filter_map(|part| part.split_once('>').map(|(target, _)| target.trim()))
        .filter_map(|target| {
            let lower = target.to_ascii_lowercase();
            if let Some(rest) = lower.strip_prefix("mailto:") {
                let address = rest.split('?').next().unwrap_or(rest);
                host_of_address(address)
            } else {
                let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"))?;
                normalise_host(&rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())])
            }
        })
        .collect()
}

/// Whether the URL that follows `before` is the `src` of an `<img>` tag.
fn is_image_source(before: &str) -> bool {
    let before = before.trim_end_matches(['"', '\'']).trim_end();
    let Some(before) = before.strip_suffix('=') else { return false };
    let before = before.trim_end();
    if !before.get(before.len().saturating_sub(3)..).is_some_and(|a| a.eq_ignore_ascii_case("src")) {
        return false;
    }
    let window = &before[floor_char(before, before.len().saturating_sub(400))..];
    match (window.rfind('<'), window.rfind('>')) {
        (Some(open), close) if close.is_none_or(|c| c < open) => {
            window[open + 1..].get(..3).is_some_and(|t| t.eq_ignore_ascii_case("img"))
        }
        _ => false,
    }
}

/// Example messages a stored scan keeps per tool (the app and the CLI keep the same).
pub const EXAMPLES_PER_TOOL: usize = 3;

/// Keeps a few example messages per tool (and every company to ask, up to a cap) out of a scan's
/// stream of reports, so a scan can be stored and shown without keeping every message.
#[derive(Debug, Clone)]
pub struct ScanExamples {
    per_tool: usize,
    kept: Vec<MessageReport>,
    counts: HashMap<String, usize>,
    companies: HashMap<String, ()>,
}

impl ScanExamples {
    pub fn new(per_tool: usize) -> Self {
        Self { per_tool, kept: Vec::new(), counts: HashMap::new(), companies: HashMap::new() }
    }

    /// Keeps `report` when it is among the first `per_tool` of one of its tools, or the first
    /// message from a company to ask.
    pub fn offer(&mut self, report: &MessageReport) {
        let mut keep = false;
        for f in &report.findings {
            let n = self.counts.entry(f.tool.clone()).or_default();
            if *n < self.per_tool {
                *n += 1;
                keep = true;
            }
        }
        if let Some(q) = &report.source_inquiry
            && self.companies.len() < 200
            && self.companies.insert(q.company_domain.clone(), ()).is_none()
        {
            keep = true;
        }
        if keep {
            self.kept.push(report.clone());
        }
    }

    pub fn into_vec(self) -> Vec<MessageReport> {
        self.kept
    }
}
