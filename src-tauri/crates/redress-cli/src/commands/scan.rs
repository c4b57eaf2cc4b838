//! `redress scan`: which vendors and tools touched the user's mailbox, streamed as found.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use redress_core::limited_read::{FINGERPRINT_FILE_LIMIT, read_limited};
use redress_core::registry::Registry;
use redress_core::tool::ToolKind;
use redress_mail::{MessageReport, ScanSummary};
use redress_store::SystemKeyring;
use redress_usecases::discovery::{self, ScanRequest};
use redress_usecases::front_end_clock;
use redress_usecases::imap_scan::{self, ImapScanProgress, ImapScanRequest};
use serde::Serialize;

use crate::args::ScanArgs;
use crate::error::CliError;
use crate::output::{self, clip, print, print_json_line, shell_quote};
use crate::unlock::StoreAccess;

/// Inputs above this size get progress lines on stderr.
const PROGRESS_FROM_BYTES: u64 = 20 * 1024 * 1024;

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Line<'a> {
    Message(&'a MessageReport),
    Summary(&'a ScanSummary),
}

pub fn run(access: &StoreAccess, registry: &Registry, args: &ScanArgs) -> Result<(), CliError> {
    if args.threads == Some(0) {
        return Err(CliError::Usage("--threads must be at least 1".into()));
    }
    if args.imap {
        return run_imap(access, registry, args);
    }
    // With --profile, the store is opened first: a wrong passphrase fails before a long scan.
    let mut store = match args.profile {
        Some(id) => Some((access.open()?, id)),
        None => None,
    };
    let threads = args.threads.map(|asked| {
        let used = discovery::scan_threads(asked);
        if used < asked {
            output::eprintln(format_args!(
                "note: --threads {asked} is more than this computer's {used} cores; scanning with {used} threads"
            ));
        }
        used
    });
    let mut request = ScanRequest { paths: args.paths.clone(), threads, ..ScanRequest::default() };
    request.own_addresses = args.own_addresses.clone();
    if let Some((store, id)) = &store {
        request.own_addresses.extend(discovery::own_addresses(store, *id)?);
    }
    for path in &args.fingerprints {
        let bytes = read_limited(path, FINGERPRINT_FILE_LIMIT, "a fingerprint file")?;
        request.extra_fingerprints.push((path.display().to_string(), bytes));
    }
    let started = Instant::now();
    let total = discovery::mail_size(&args.paths)?;
    let progress = Progress::new(total);
    let mut failure = None;
    let scan = discovery::scan_mail(registry, &request, &|done| progress.show(done), |report| {
        if failure.is_some() || args.summary {
            return;
        }
        let printed = if args.json { print_json_line(&Line::Message(report)) } else { print(&message_text(report)) };
        if let Err(e) = printed {
            failure = Some(e);
        }
    })?;
    progress.finish();
    if let Some((store, id)) = &mut store {
        discovery::record_scan(store, *id, &scan, front_end_clock())?;
        if !args.json {
            crate::output::eprintln(format_args!(
                "The scan is kept for person {id}: see `redress board --profile {id}`."
            ));
        }
    }
    if let Some(e) = failure {
        return Err(e);
    }
    if args.json {
        return print_json_line(&Line::Summary(&scan.summary));
    }
    print(&summary_text(&scan.summary, started.elapsed()))
}

/// `redress scan --imap`: the connected mailbox, read over IMAP, kept for its profile's board.
fn run_imap(access: &StoreAccess, registry: &Registry, args: &ScanArgs) -> Result<(), CliError> {
    let mut store = access.open()?;
    let profile = match args.profile {
        Some(id) => id,
        None => {
            let accounts = store.mail_accounts()?;
            match accounts.as_slice() {
                [one] => one.profile_id,
                [] => {
                    return Err(CliError::Usage(
                        "no mailbox is connected: connect one first (redress mail connect --profile ID --address ADDR)"
                            .into(),
                    ));
                }
                _ => {
                    return Err(CliError::Usage(
                        "several mailboxes are connected: say whose to scan with --profile ID (redress mail status lists them)"
                            .into(),
                    ));
                }
            }
        }
    };
    let mut request = ImapScanRequest {
        profile,
        folders: args.folders.clone(),
        own_addresses: args.own_addresses.clone(),
        threads: args.threads.map(discovery::scan_threads),
        ..ImapScanRequest::default()
    };
    for path in &args.fingerprints {
        let bytes = read_limited(path, FINGERPRINT_FILE_LIMIT, "a fingerprint file")?;
        request.extra_fingerprints.push((path.display().to_string(), bytes));
    }
    let started = Instant::now();
    let last = Mutex::new(Instant::now());
    let quiet = args.json;
    let progress = |p: &ImapScanProgress| {
        if quiet {
            return;
        }
        match p {
            ImapScanProgress::Folders(names) => {
                output::eprintln(format_args!("reading {} folder(s): {}", names.len(), clip(&names.join(", "), 200)))
            }
            ImapScanProgress::Read { folder, messages, bytes } => {
                let Ok(mut last) = last.lock() else { return };
                if last.elapsed() >= Duration::from_secs(1) {
                    *last = Instant::now();
                    output::eprintln(format_args!("scanning {folder}: {messages} messages, {:.1} MB", mb(*bytes)));
                }
            }
        }
    };
    let mut failure = None;
    let scanned = imap_scan::scan_imap(
        &mut store,
        registry,
        &SystemKeyring,
        front_end_clock(),
        &request,
        &progress,
        &AtomicBool::new(false),
        |report| {
            if failure.is_some() || args.summary {
                return;
            }
            let printed =
                if args.json { print_json_line(&Line::Message(report)) } else { print(&message_text(report)) };
            if let Err(e) = printed {
                failure = Some(e);
            }
        },
    )?;
    if let Some(e) = failure {
        return Err(e);
    }
    if args.json {
        return print_json_line(&Line::Summary(&scanned.scan.summary));
    }
    let mut out = String::new();
    for f in &scanned.folders {
        if f.missing {
            let _ = writeln!(out, "Folder {:?} does not exist on the server.", f.folder);
        }
        if f.too_large > 0 {
            let _ = writeln!(
                out,
                "{} message(s) in {:?} were too large to scan and were passed over.",
                f.too_large, f.folder
            );
        }
    }
    let _ = writeln!(
        out,
        "This scan read {} new message(s) ({:.1} MB); the totals below are everything read from this mailbox so far.",
        scanned.this_run.messages,
        mb(scanned.this_run.bytes)
    );
    out.push_str(&summary_text(&scanned.scan.summary, started.elapsed()).replacen(" file(s), ", " folder(s), ", 1));
    let _ = writeln!(out, "The scan is kept for person {profile}: see `redress board --profile {profile}`.");
    print(&out)
}

/// Progress lines on stderr for large inputs: redrawn on a terminal, one a second otherwise.
struct Progress {
    total: u64,
    terminal: bool,
    last: Mutex<Instant>,
}

impl Progress {
    fn new(total: u64) -> Self {
        Progress { total, terminal: std::io::stderr().is_terminal(), last: Mutex::new(Instant::now()) }
    }

    fn show(&self, done: u64) {
        if self.total < PROGRESS_FROM_BYTES {
            return;
        }
        let Ok(mut last) = self.last.lock() else { return };
        let every = Duration::from_millis(if self.terminal { 200 } else { 1000 });
        if last.elapsed() < every && done < self.total {
            return;
        }
        *last = Instant::now();
        let line =
            format!("scanning: {:.1} / {:.1} MB ({} %)", mb(done), mb(self.total), done * 100 / self.total.max(1));
        if self.terminal {
            output::eprint_raw(&format!("\r{line}   "));
        } else {
            output::eprintln(format_args!("{line}"));
        }
    }

    fn finish(&self) {
        if self.terminal && self.total >= PROGRESS_FROM_BYTES {
            output::eprint_raw("\n");
        }
    }
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn kind(k: ToolKind) -> &'static str {
    match k {
        ToolKind::ContactDataVendor => "contact-data vendor",
        ToolKind::SalesEngagement => "sales-engagement tool",
        ToolKind::EmailTracker => "e-mail tracker",
    }
}

fn message_text(r: &MessageReport) -> String {
    let mut out = String::new();
    let date = r.date.map_or_else(|| "(no date)".to_owned(), |d| d.to_string());
    let from = match (&r.from_name, &r.from_address) {
        (Some(n), Some(a)) => format!("{n} <{a}>"),
        (None, Some(a)) => a.clone(),
        _ => "(no sender)".into(),
    };
    let _ = writeln!(out, "{date}  {}  {}", clip(&from, 50), clip(r.subject.as_deref().unwrap_or("(no subject)"), 60));
    if let Some(problem) = &r.problem {
        let _ = writeln!(out, "  could not be read ({}): {}", clip(&r.origin.to_string(), 200), clip(problem, 200));
    }
    for f in &r.findings {
        let _ = writeln!(out, "  {} — {}, {} confidence", clip(&f.tool_name, 60), kind(f.kind), f.confidence.code());
        for e in f.evidence.iter().take(3) {
            // Header evidence already starts with the header's name.
            let is_header = e.excerpt.split_once(':').is_some_and(|(name, _)| {
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            }) && !e.excerpt.starts_with("http");
            if is_header {
                let _ = writeln!(out, "    {}", clip(&e.excerpt, 110));
            } else {
                let _ = writeln!(out, "    {}: {}", e.place, clip(&e.excerpt, 110));
            }
        }
    }
    if let Some(q) = &r.source_inquiry {
        let _ = writeln!(
            out,
            "  → {} prospected you through a tool: ask where it got your address with\n    redress letter source-inquiry --company {} --company-email {} --profile ID",
            q.company_domain,
            shell_quote(&q.company_domain),
            q.sender_address.as_deref().map_or_else(|| "ADDRESS".to_owned(), shell_quote)
        );
    }
    out.push('\n');
    out
}

fn summary_text(s: &ScanSummary, elapsed: Duration) -> String {
    let mut out = String::new();
    let secs = elapsed.as_secs_f64();
    let _ = writeln!(
        out,
        "Scanned {} messages in {} file(s), {:.1} MB, in {secs:.1} s ({:.0} MB/s).",
        s.messages,
        s.files,
        mb(s.bytes),
        mb(s.bytes) / secs.max(0.001)
    );
    if s.own_messages > 0 {
        let _ = writeln!(out, "{} of them were sent by you and skipped.", s.own_messages);
    }
    if s.problems > 0 {
        let _ = writeln!(out, "{} message(s) could not be read; they are listed above with the reason.", s.problems);
    }
    if s.skipped_files > 0 {
        let _ = writeln!(out, "{} file(s) in the folders were not mail and were skipped.", s.skipped_files);
    }
    let section = |out: &mut String, title: &str, pick: &dyn Fn(ToolKind) -> bool| {
        let tools: Vec<_> = s.tools.iter().filter(|t| pick(t.kind)).collect();
        if tools.is_empty() {
            return;
        }
        let _ = writeln!(out, "\n{title}");
        for t in tools {
            let span = match (t.first_date, t.last_date) {
                (Some(a), Some(b)) if a != b => format!(", {a} to {b}"),
                (Some(a), _) => format!(", {a}"),
                _ => String::new(),
            };
            let vendor = t.vendor.as_deref().map(|v| format!(" [vendor {v}]")).unwrap_or_default();
            let _ = writeln!(
                out,
                "  {}{vendor}: {} message(s), {} confidence{span}",
                t.tool_name,
                t.messages,
                t.best_confidence.code()
            );
        }
    };
    section(&mut out, "Contact-data vendors that have your address:", &|k| k == ToolKind::ContactDataVendor);
    section(&mut out, "Tools used to prospect or track you:", &|k| k != ToolKind::ContactDataVendor);
    if !s.companies.is_empty() {
        let _ = writeln!(out, "\nCompanies that prospected you through a tool (ask each where it got your address):");
        for c in &s.companies {
            let _ = writeln!(
                out,
                "  {}: {} message(s) via {}",
                clip(&c.domain, 80),
                c.messages,
                clip(&c.tools.join(", "), 120)
            );
        }
    }
    if s.tools.is_empty() {
        let _ = writeln!(out, "\nNo sign of a contact-data vendor or prospecting tool was found.");
    } else {
        let vendors: Vec<_> = s.tools.iter().filter_map(|t| t.vendor.as_deref()).collect();
        if !vendors.is_empty() {
            let _ = writeln!(out, "\nNext: redress letter access --vendor {} --profile ID", vendors.join(" --vendor "));
        }
    }
    out
}
