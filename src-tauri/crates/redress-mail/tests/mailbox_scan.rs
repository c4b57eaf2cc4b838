//! The mailbox scan: every built-in fingerprint found in a message written for it, realistic
//! messages with their expected findings, mbox/Maildir reading, and malformed input that must
//! yield findings or per-message problems — never a panic or an aborted scan.

use std::io::Read;
use std::path::PathBuf;

use redress_core::registry::Registry;
use redress_core::tool::{Confidence, ToolKind};
use redress_mail::{
    Examiner, Fingerprints, MailFileKind, MboxSplitter, MessageReport, ScanOptions, ScanSummary, SignalType,
    plan_inputs, scan,
};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mail")
}

fn fingerprints() -> Fingerprints {
    Fingerprints::builtin(&Registry::builtin().expect("registry")).expect("built-in fingerprints are valid")
}

fn scan_paths(fp: &Fingerprints, paths: &[PathBuf], threads: usize) -> (ScanSummary, Vec<MessageReport>) {
    let input = plan_inputs(paths).expect("inputs");
    let mut reports = Vec::new();
    let options = ScanOptions { threads, ..ScanOptions::default() };
    let summary = scan(fp, &input, &options, &|_| {}, |r| reports.push(r.clone()));
    (summary, reports)
}

fn mbox_of(messages: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for m in messages {
        out.extend_from_slice(b"From MAILER-DAEMON Mon Mar  2 10:00:00 2026\n");
        out.extend_from_slice(m);
        if !m.ends_with(b"\n") {
            out.push(b'\n');
        }
        out.push(b'\n');
    }
    out
}

/// A message written for one signal of the data file: the signal placed where it counts.
fn message_for(kind: SignalType, value: &str, header: Option<&str>, sender_only: bool) -> String {
    let head = "From: Someone <someone@sender.example>\nTo: camille@example.org\nSubject: Hello\nDate: Mon, 2 Mar 2026 10:00:00 +0100\nMessage-ID: <1@sender.example>\n";
    match kind {
        SignalType::Domain if sender_only => format!(
            "From: Someone <someone@{value}>\nTo: camille@example.org\nSubject: Hello\nDate: Mon, 2 Mar 2026 10:00:00 +0100\n\nHi\n"
        ),
        SignalType::Domain => format!(
            "{head}Content-Type: text/html\n\n<p>Hi</p><img src=\"https://{value}/o/abc.gif\" width=\"1\" height=\"1\">\n"
        ),
        SignalType::Url => {
            let url = match value.split_once('/') {
                Some((host, _)) if host.contains('.') => format!("https://{value}x"),
                _ => format!("https://track.sender.example/{}", value.trim_start_matches('/')),
            };
            format!("{head}Content-Type: text/html\n\n<p>Hi</p><img src=\"{url}\" width=\"1\" height=\"1\">\n")
        }
        SignalType::Header => format!("{head}{value}: 1234\n\nHi\n"),
        SignalType::HeaderValue => format!("{head}{}: x {value} y\n\nHi\n", header.unwrap_or("X-Mailer")),
        SignalType::BodyText => format!("{head}\nHi\n\n{value}\n"),
    }
}

#[test]
fn every_built_in_signal_is_found_in_a_message_written_for_it() {
    let fp = fingerprints();
    let examiner = Examiner::new(&fp, &ScanOptions::default());
    let mut checked = 0;
    for tool in fp.tools() {
        for signal in &tool.signals {
            let places = signal.places.clone().unwrap_or_default();
            let sender_only = signal.kind == SignalType::Domain
                && !places.is_empty()
                && !places.contains(&redress_mail::Place::Pixel);
            let message = message_for(signal.kind, &signal.value, signal.header.as_deref(), sender_only);
            let report = examiner.examine(message.as_bytes()).expect("our message is readable");
            assert!(
                report.findings.iter().any(|f| f.tool == tool.id),
                "{} signal {:?} of {} not found in:\n{message}\nfindings: {:?}",
                serde_json::to_string(&signal.kind).expect("test setup"),
                signal.value,
                tool.id,
                report.findings
            );
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} signals checked");
}

#[test]
fn built_in_data_covers_tools_and_every_registry_vendor_with_domains() {
    let registry = Registry::builtin().expect("test setup");
    let fp = fingerprints();
    for vendor in registry.vendors().iter().filter(|v| !v.domains.is_empty()) {
        assert!(
            fp.tools().iter().any(|t| t.vendor.as_deref() == Some(vendor.id.as_str())),
            "{} has domains but no fingerprint",
            vendor.id
        );
    }
    for kind in [ToolKind::SalesEngagement, ToolKind::EmailTracker, ToolKind::ContactDataVendor] {
        assert!(fp.tools().iter().filter(|t| t.kind == kind).count() >= 10, "{kind:?}");
    }
    // A vendor that also sells a sending tool has two fingerprints: its own domains (mail *from*
    // it: it has the address) and its tool's (mail sent *through* it by a customer).
    let lemlist = fp.tool("lemlist").expect("lemlist");
    assert_eq!(lemlist.kind, ToolKind::ContactDataVendor);
    assert!(lemlist.signals.iter().any(|s| s.value == "lemlist.com" && s.reason.is_some()));
    let campaigns = fp.tool("lemlist-campaigns").expect("lemlist campaigns");
    assert_eq!(campaigns.kind, ToolKind::SalesEngagement);
    assert_eq!(campaigns.vendor.as_deref(), Some("lemlist"));
}

struct Expect {
    file: &'static str,
    tools: &'static [(&'static str, Confidence)],
    inquiry: Option<&'static str>,
}

#[test]
fn realistic_messages_give_the_expected_findings() {
    let cases = [
        Expect {
            file: "cold-email-mixmax.eml",
            tools: &[("mixmax", Confidence::High)],
            inquiry: Some("northwind-sales.example"),
        },
        Expect { file: "kaspr-newsletter.eml", tools: &[("kaspr", Confidence::High)], inquiry: None },
        Expect {
            file: "lemlist-sequence.eml",
            tools: &[("lemlist-campaigns", Confidence::High), ("lemlist", Confidence::Low)],
            inquiry: Some("acme-growth.example"),
        },
        // Tracked, but sent from a free-mail address: no company to ask.
        Expect { file: "gmail-freelancer.eml", tools: &[("mailtrack", Confidence::High)], inquiry: None },
        Expect { file: "plain-newsletter.eml", tools: &[], inquiry: None },
    ];
    let fp = fingerprints();
    let examiner = Examiner::new(&fp, &ScanOptions::default());
    for case in cases {
        let bytes = std::fs::read(fixtures().join(case.file)).expect("test setup");
        let report = examiner.examine(&bytes).expect("test setup");
        let got: Vec<(&str, Confidence)> = report.findings.iter().map(|f| (f.tool.as_str(), f.confidence)).collect();
        assert_eq!(got, case.tools, "{}: {:#?}", case.file, report.findings);
        assert_eq!(report.source_inquiry.as_ref().map(|s| s.company_domain.as_str()), case.inquiry, "{}", case.file);
        for f in &report.findings {
            assert!(!f.evidence.is_empty(), "{}: a finding shows its evidence", case.file);
            for e in &f.evidence {
                assert!(!e.why.is_empty() && !e.excerpt.is_empty(), "{}: {e:?}", case.file);
            }
        }
    }
    // The Kaspr newsletter is seen in the sender, Return-Path, DKIM, Message-ID and unsubscribe link.
    let kaspr = examiner
        .examine(&std::fs::read(fixtures().join("kaspr-newsletter.eml")).expect("test setup"))
        .expect("test setup");
    let places: Vec<&str> = kaspr.findings[0].evidence.iter().map(|e| e.place.as_str()).collect();
    for place in ["sender", "Return-Path", "DKIM signature", "Message-ID", "List-Unsubscribe"] {
        assert!(places.contains(&place), "{place} missing from {places:?}");
    }
    assert_eq!(kaspr.date, Some(jiff::civil::date(2026, 2, 12)));
    assert_eq!(kaspr.from_address.as_deref(), Some("news@kaspr.io"));
}

#[test]
fn an_mbox_is_read_in_order_on_one_or_all_cores_with_the_same_reports() {
    let dir = tempfile::tempdir().expect("test setup");
    let names = ["cold-email-mixmax.eml", "plain-newsletter.eml", "kaspr-newsletter.eml", "lemlist-sequence.eml"];
    let messages: Vec<Vec<u8>> = names.iter().map(|n| std::fs::read(fixtures().join(n)).expect("test setup")).collect();
    let mut all: Vec<&[u8]> = Vec::new();
    for _ in 0..50 {
        all.extend(messages.iter().map(Vec::as_slice));
    }
    let path = dir.path().join("Inbox.mbox");
    std::fs::write(&path, mbox_of(&all)).expect("test setup");
    let fp = fingerprints();
    let (one, one_reports) = scan_paths(&fp, std::slice::from_ref(&path), 1);
    let (many, many_reports) = scan_paths(&fp, std::slice::from_ref(&path), 4);
    assert_eq!(one, many);
    assert_eq!(one_reports, many_reports);
    assert_eq!(one.messages, 200);
    assert_eq!(one.messages_with_findings, 150);
    assert_eq!(one.problems, 0);
    let indexes: Vec<usize> = one_reports.iter().map(|r| r.index).collect();
    assert!(indexes.windows(2).all(|w| w[0] < w[1]), "reports come in mailbox order");
    assert_eq!(one.tools[0].tool, "kaspr", "vendors come first: {:?}", one.tools);
    assert_eq!(one.tools[0].messages, 50);
    assert_eq!(
        one.companies.iter().map(|c| (c.domain.as_str(), c.messages)).collect::<Vec<_>>(),
        [("acme-growth.example", 50), ("northwind-sales.example", 50)]
    );
    // Offsets point at each message's `From ` line.
    let bytes = std::fs::read(&path).expect("test setup");
    for r in &one_reports {
        let offset = r.origin.offset.expect("test setup") as usize;
        assert!(bytes[offset..].starts_with(b"From "), "offset {offset}");
    }
}

#[test]
fn the_users_own_messages_are_skipped() {
    let dir = tempfile::tempdir().expect("test setup");
    let sent = b"From: Camille <camille.martin@example.org>\nTo: x@y.example\nSubject: s\nDate: Mon, 2 Mar 2026 10:00:00 +0100\nContent-Type: text/html\n\n<img src=\"https://mailtrack.io/trace/x.png\">\n";
    let path = dir.path().join("Sent.mbox");
    std::fs::write(&path, mbox_of(&[sent, sent])).expect("test setup");
    let fp = fingerprints();
    let input = plan_inputs(std::slice::from_ref(&path)).expect("test setup");
    let options = ScanOptions { threads: 1, own_addresses: vec!["Camille.Martin@example.org".into()] };
    let mut reports = 0;
    let summary = scan(&fp, &input, &options, &|_| {}, |_| reports += 1);
    assert_eq!((summary.messages, summary.own_messages, reports), (2, 2, 0));
}

#[test]
fn a_maildir_tree_is_walked_and_non_mail_files_are_skipped() {
    let dir = tempfile::tempdir().expect("test setup");
    let root = dir.path().join("Maildir");
    for sub in ["cur", "new", "tmp", ".Sent/cur"] {
        std::fs::create_dir_all(root.join(sub)).expect("test setup");
    }
    let kaspr = std::fs::read(fixtures().join("kaspr-newsletter.eml")).expect("test setup");
    let mixmax = std::fs::read(fixtures().join("cold-email-mixmax.eml")).expect("test setup");
    std::fs::write(root.join("cur/1709370000.M1P1.host:2,S"), &kaspr).expect("test setup");
    std::fs::write(root.join("new/1709370001.M2P1.host"), &mixmax).expect("test setup");
    std::fs::write(root.join("tmp/1709370002.M3P1.host"), &kaspr).expect("test setup"); // being delivered: not read
    std::fs::write(root.join(".Sent/cur/1709370003.M4P1.host:2,S"), &mixmax).expect("test setup");
    std::fs::write(root.join("dovecot.index"), [0u8, 1, 2, 3, 200, 201]).expect("test setup");
    std::fs::write(root.join("Inbox.msf"), b"// <!-- <mdb:mork:z v=\"1.4\"/> -->").expect("test setup");
    let input = plan_inputs(std::slice::from_ref(&root)).expect("test setup");
    assert_eq!(input.files.len(), 3, "{:?}", input.files);
    assert!(input.files.iter().all(|f| f.kind == MailFileKind::Message));
    assert_eq!(input.skipped_files, 2);
    let (summary, reports) = scan_paths(&fingerprints(), &[root], 2);
    assert_eq!(summary.messages, 3);
    assert_eq!(reports.len(), 3);
}

/// `plan_inputs` run on another thread, so a regression that hangs fails the test instead.
fn plan_within_seconds(paths: Vec<PathBuf>) -> Result<redress_mail::MailInput, String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(plan_inputs(&paths).map_err(|e| e.to_string()));
    });
    rx.recv_timeout(std::time::Duration::from_secs(20)).expect("plan_inputs hung")
}

#[cfg(unix)]
#[test]
fn a_maildir_with_symlink_loops_is_counted_once() {
    use std::os::unix::fs::symlink;
    let kaspr = std::fs::read(fixtures().join("kaspr-newsletter.eml")).expect("test setup");
    let mixmax = std::fs::read(fixtures().join("cold-email-mixmax.eml")).expect("test setup");
    // 3 loops (the reproducer: 2 messages were reported as 126) and 60 (it hung).
    for loops in [3, 60] {
        let dir = tempfile::tempdir().expect("test setup");
        let root = dir.path().join("Maildir");
        std::fs::create_dir_all(root.join("cur")).expect("test setup");
        std::fs::write(root.join("cur/1.M1P1.host:2,S"), &kaspr).expect("test setup");
        std::fs::write(root.join("cur/2.M2P1.host:2,S"), &mixmax).expect("test setup");
        for n in 0..loops {
            symlink(&root, root.join(format!("loop{n}"))).expect("test setup");
            symlink("..", root.join("cur").join(format!("up{n}"))).expect("test setup");
        }
        // A message reached again by a file link and by a hard link is read once.
        symlink(root.join("cur/1.M1P1.host:2,S"), root.join("cur/3.link")).expect("test setup");
        std::fs::hard_link(root.join("cur/2.M2P1.host:2,S"), root.join("cur/4.hard")).expect("test setup");
        let input = plan_within_seconds(vec![root.clone()]).expect("planned");
        assert_eq!(input.files.len(), 2, "{loops} loops: {:?}", input.files);
        assert_eq!(input.skipped_files, 2 * loops, "{loops} loops: each link to a folder is skipped");
        let (summary, reports) = scan_paths(&fingerprints(), std::slice::from_ref(&root), 2);
        assert_eq!((summary.messages, reports.len()), (2, 2), "{loops} loops");
        // The same folder named twice, or through a link the user gave, is read once too.
        let named = dir.path().join("named-link");
        symlink(&root, &named).expect("test setup");
        let input = plan_within_seconds(vec![root.clone(), named]).expect("planned");
        assert_eq!(input.files.len(), 2, "{loops} loops, named twice");
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_not_read() {
    let dir = tempfile::tempdir().expect("test setup");
    let root = dir.path().join("Maildir");
    std::fs::create_dir_all(root.join("cur")).expect("test setup");
    std::fs::copy(fixtures().join("kaspr-newsletter.eml"), root.join("cur/1.M1P1.host:2,S")).expect("test setup");
    let fifo = root.join("cur/2.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success(), "mkfifo failed");
    // Named directly: refused with what it is, without waiting for a writer.
    let err = plan_within_seconds(vec![fifo.clone()]).expect_err("a FIFO is not a mailbox");
    assert!(err.contains("2.fifo") && err.contains("not a regular file"), "{err}");
    // Found in a folder: skipped, and the rest is read.
    let input = plan_within_seconds(vec![root.clone()]).expect("planned");
    assert_eq!(input.files.len(), 1, "{:?}", input.files);
    assert_eq!(input.skipped_files, 1);
    // A character device is refused the same way.
    let err = plan_within_seconds(vec![PathBuf::from("/dev/zero")]).expect_err("a device is not a mailbox");
    assert!(err.contains("not a regular file"), "{err}");
}

#[test]
fn a_path_that_is_not_mail_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().expect("test setup");
    let photo = dir.path().join("photo.jpg");
    std::fs::write(&photo, [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]).expect("test setup");
    let err = plan_inputs(std::slice::from_ref(&photo)).expect_err("must fail").to_string();
    assert!(err.contains("photo.jpg") && err.contains("neither an mbox") && err.contains("export"), "{err}");
    let missing = dir.path().join("nope.mbox");
    let err = plan_inputs(&[missing]).expect_err("must fail").to_string();
    assert!(err.contains("nope.mbox"), "{err}");
}

#[test]
fn malformed_messages_become_problems_or_findings_and_the_scan_goes_on() {
    let kaspr = std::fs::read(fixtures().join("kaspr-newsletter.eml")).expect("test setup");
    let garbage: Vec<u8> =
        (0..4000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).filter(|b| *b != b'\n').collect();
    let broken_mime = b"From: a@northwind-sales.example\nSubject: broken\nDate: Mon, 2 Mar 2026 10:00:00 +0100\nContent-Type: multipart/mixed; boundary=\"never-closed\"\n\n--never-closed\nContent-Type: text/html\n\n<img src=\"https://t.yesware.com/t/abc\">\n--never-closed\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK%%%%not base64@@@\n";
    let wrong_charset = b"From: Kaspr <news@kaspr.io>\nSubject: =?x-unknown?Q?caf=E9?=\nDate: Mon, 2 Mar 2026 10:00:00 +0100\nContent-Type: text/plain; charset=x-klingon\nContent-Transfer-Encoding: quoted-printable\n\nNum=E9ros \xff\xfe https://www.kaspr.io/x\n";
    let latin1_declared_utf8 = b"From: X <x@weekly-digest.example>\nSubject: caf\xe9\nDate: Mon, 2 Mar 2026 10:00:00 +0100\nContent-Type: text/plain; charset=utf-8\n\nNum\xe9ros https://em.lemlist.com/x\n";
    let no_body = b"From: x@lusha.com\nSubject: headers only";
    let all: Vec<&[u8]> = vec![&kaspr, &garbage, broken_mime, wrong_charset, latin1_declared_utf8, no_body, &kaspr];
    let mut mbox = mbox_of(&all);
    // Truncated mid-message: the last message is cut in its header block.
    let cut = mbox.len() - kaspr.len() / 2;
    mbox.truncate(cut);
    let dir = tempfile::tempdir().expect("test setup");
    let path = dir.path().join("damaged.mbox");
    std::fs::write(&path, &mbox).expect("test setup");
    let (summary, reports) = scan_paths(&fingerprints(), &[path], 2);
    assert_eq!(summary.messages, 7);
    let by_index = |i: usize| reports.iter().find(|r| r.index == i);
    assert!(by_index(0).expect("test setup").findings.iter().any(|f| f.tool == "kaspr"));
    let garbage_report = by_index(1).expect("garbage is reported");
    assert!(garbage_report.problem.as_deref().is_some_and(|p| p.contains("not an e-mail")), "{garbage_report:?}");
    assert!(by_index(2).expect("test setup").findings.iter().any(|f| f.tool == "yesware"), "broken MIME still scanned");
    assert!(
        by_index(3).expect("test setup").findings.iter().any(|f| f.tool == "kaspr"),
        "unknown charset still scanned"
    );
    assert!(
        by_index(4).expect("test setup").findings.iter().any(|f| f.tool == "lemlist-campaigns"),
        "wrong charset still scanned"
    );
    assert!(by_index(5).expect("test setup").findings.iter().any(|f| f.tool == "lusha"), "headers only");
    // The truncated last message still has its sender domain.
    assert!(by_index(6).is_some_and(|r| r.findings.iter().any(|f| f.tool == "kaspr")), "{:?}", by_index(6));
    assert_eq!(summary.problems, 1);
}

#[test]
fn a_50_mb_message_is_scanned_and_an_oversized_one_is_skipped_with_a_problem() {
    let mut big = String::from(
        "From: Tom <tom@northwind-sales.example>\nSubject: big\nDate: Mon, 2 Mar 2026 10:00:00 +0100\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n",
    );
    let line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\n";
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(line);
    }
    big.push_str("--b\nContent-Type: text/html\n\n<img src=\"https://email.mixmax.com/api/track/v2/x\">\n--b--\n");
    let small = std::fs::read(fixtures().join("kaspr-newsletter.eml")).expect("test setup");
    let dir = tempfile::tempdir().expect("test setup");
    let path = dir.path().join("big.mbox");
    std::fs::write(&path, mbox_of(&[big.as_bytes(), &small])).expect("test setup");
    let (summary, reports) = scan_paths(&fingerprints(), &[path], 2);
    assert_eq!((summary.messages, summary.problems), (2, 0));
    assert!(reports[0].findings.iter().any(|f| f.tool == "mixmax"));

    // With a 1 MiB limit the same file gives a problem for the big one and still reads the next.
    let bytes = mbox_of(&[big.as_bytes(), &small, &small]);
    let mut split = MboxSplitter::with_limit(bytes.as_slice(), 1024 * 1024);
    let mut parts = Vec::new();
    while let Some(p) = split.next_message().expect("test setup") {
        parts.push(p);
    }
    assert_eq!(parts.len(), 3);
    assert_eq!(parts[0].offset, 0);
    assert!(parts[0].body.as_ref().expect_err("must fail").contains("larger than 1 MiB"));
    assert_eq!(parts[1].body.as_ref().expect("test setup"), &[small.as_slice(), b"\n"].concat());
    assert!(parts[2].body.is_ok());
}

/// A reader that hands out a few bytes at a time, so separators straddle every possible boundary.
struct Trickle<'a> {
    data: &'a [u8],
    step: usize,
    n: usize,
}
impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.n = self.n.wrapping_mul(31).wrapping_add(7);
        let take = (1 + self.n % self.step).min(buf.len()).min(self.data.len());
        buf[..take].copy_from_slice(&self.data[..take]);
        self.data = &self.data[take..];
        Ok(take)
    }
}

#[test]
fn splitting_does_not_depend_on_how_the_file_is_read() {
    let messages: Vec<Vec<u8>> = (0..40)
        .map(|i| {
            format!("Subject: m{i}\n\nbody {i}\n>From the escaped line\n{}\n", "x".repeat(i * 37 % 300)).into_bytes()
        })
        .collect();
    let refs: Vec<&[u8]> = messages.iter().map(Vec::as_slice).collect();
    let mbox = mbox_of(&refs);
    for step in [1, 2, 3, 5, 6, 7, 64, 4096] {
        let mut split = MboxSplitter::new(Trickle { data: &mbox, step, n: 0 });
        let mut got = Vec::new();
        while let Some(p) = split.next_message().expect("test setup") {
            got.push(p.body.expect("test setup"));
        }
        assert_eq!(got.len(), 40, "step {step}");
        for (i, body) in got.iter().enumerate() {
            assert!(body.starts_with(format!("Subject: m{i}\n").as_bytes()), "step {step}, message {i}");
        }
    }
    // CRLF line ends split the same way.
    let crlf: Vec<u8> = String::from_utf8(mbox.clone()).expect("test setup").replace('\n', "\r\n").into_bytes();
    let mut split = MboxSplitter::new(crlf.as_slice());
    let mut count = 0;
    while split.next_message().expect("test setup").is_some() {
        count += 1;
    }
    assert_eq!(count, 40);
}

#[test]
fn binary_garbage_and_empty_files_never_panic() {
    let fp = fingerprints();
    let examiner = Examiner::new(&fp, &ScanOptions::default());
    let mut seed = 0x1234_5678_u32;
    for len in [0usize, 1, 5, 100, 4096, 70_000] {
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                seed as u8
            })
            .collect();
        let _ = examiner.examine(&bytes);
        let framed = [b"From x\n".as_slice(), &bytes].concat();
        let mut split = MboxSplitter::new(framed.as_slice());
        while let Ok(Some(_)) = split.next_message() {}
    }
    let dir = tempfile::tempdir().expect("test setup");
    let empty = dir.path().join("empty.mbox");
    std::fs::write(&empty, b"From nobody\n").expect("test setup");
    let (summary, _) = scan_paths(&fp, &[empty], 1);
    assert_eq!(summary.messages, 1);
}

#[test]
fn extra_fingerprint_files_extend_and_bad_ones_are_refused_with_where() {
    let registry = Registry::builtin().expect("test setup");
    let extra = br#"{"format": "redress-fingerprints", "format_version": 1, "tools": [
        {"id": "acme-sequencer", "name": "Acme Sequencer", "kind": "sales-engagement",
         "signals": [{"type": "header", "value": "X-Acme-Sequence", "confidence": "high", "reason": "set by the tool on every sequence e-mail (seen in our own test account)"},
                     {"type": "body-text", "value": "Sent with Acme Sequencer", "confidence": "medium", "source": "https://acme.example/docs/footer"}]}
    ]}"#;
    let fp = Fingerprints::load(&registry, &[("mine.json".into(), extra.to_vec())]).expect("test setup");
    let examiner = Examiner::new(&fp, &ScanOptions::default());
    let msg = b"From: a@b-company.example\nSubject: s\nDate: Mon, 2 Mar 2026 10:00:00 +0100\nX-Acme-Sequence: 42\n\nHi\n\nSent with Acme Sequencer\n";
    let report = examiner.examine(msg).expect("test setup");
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].tool, "acme-sequencer");
    assert_eq!(report.findings[0].evidence.len(), 2);

    let cases: &[(&str, &str)] = &[
        (r#"{"format": "x", "format_version": 1, "tools": []}"#, "expected \"redress-fingerprints\""),
        (r#"{"format": "redress-fingerprints", "format_version": 9, "tools": []}"#, "version 1"),
        (
            r#"{"format": "redress-fingerprints", "format_version": 1, "tools": [{"id": "a", "name": "A", "kind": "sales-engagement", "signals": [{"type": "domain", "value": "co.uk", "confidence": "high", "reason": "r"}]}]}"#,
            "tools[0]), field signals[0].value: \"co.uk\" is a public suffix",
        ),
        (
            r#"{"format": "redress-fingerprints", "format_version": 1, "tools": [{"id": "a", "name": "A", "kind": "sales-engagement", "signals": [{"type": "domain", "value": "t.acme.example", "confidence": "high"}]}]}"#,
            "needs a source",
        ),
        (
            r#"{"format": "redress-fingerprints", "format_version": 1, "tools": [{"id": "A b", "name": "A", "kind": "robot", "signals": []}]}"#,
            "line 1, field tools[0].kind",
        ),
        (
            r#"{"format": "redress-fingerprints", "format_version": 1, "tools": [{"id": "a", "name": "A", "kind": "email-tracker", "signals": [{"type": "header-value", "value": "acme", "confidence": "low", "reason": "r"}]}]}"#,
            "names its header field",
        ),
        ("{\"format\": \"redress-fingerprints\",\n \"format_version\": 1,\n \"tools\": [", "line 3"),
    ];
    for (json, expected) in cases {
        let err = Fingerprints::load(&registry, &[("bad.json".into(), json.as_bytes().to_vec())])
            .expect_err("must fail")
            .to_string();
        assert!(err.contains("bad.json") && err.contains(expected), "{json}\n→ {err}");
    }
}

#[test]
fn a_registry_import_extends_the_scan() {
    let dir = tempfile::tempdir().expect("test setup");
    let imports = dir.path().join("registry-imports.json");
    let doc = r#"{"format": "redress-registry", "format_version": 1, "published": "2026-11-01", "vendors": [{
        "id": "acme-leads", "name": "Acme Leads", "legal_entity": null, "siren": null, "country": null, "address": null,
        "contacts": {"privacy_email": null, "dpo_email": null, "request_form_url": null, "self_check_url": null, "privacy_policy_url": null, "website": null},
        "eu_representative": null, "lead_authority": null, "stated_data_sources": [], "api_offered": null, "known_breaches": [],
        "categories": ["b2b-contact-data"], "domains": ["acme-leads.example"], "relevant_countries": null, "notes": null,
        "evidence": [{"ref": "https://acme-leads.example/privacy", "supports": "domain"}], "last_verified": "2026-11-01"}]}"#;
    std::fs::write(&imports, doc).expect("test setup");
    let registry = Registry::with_imports(&imports).expect("test setup");
    let fp = Fingerprints::builtin(&registry).expect("test setup");
    let examiner = Examiner::new(&fp, &ScanOptions::default());
    let msg = b"From: Acme <hello@news.acme-leads.example>\nSubject: s\nDate: Mon, 2 Mar 2026 10:00:00 +0100\n\nHi\n";
    let report = examiner.examine(msg).expect("test setup");
    assert_eq!(report.findings.iter().map(|f| f.tool.as_str()).collect::<Vec<_>>(), ["acme-leads"]);
    assert_eq!(report.findings[0].confidence, Confidence::High);
}

#[test]
fn a_link_to_a_vendor_is_weak_evidence_and_pixels_are_told_from_links() {
    let fp = fingerprints();
    let examiner = Examiner::new(&fp, &ScanOptions::default());
    let msg = b"From: News <news@weekly-digest.example>\nSubject: s\nDate: Mon, 2 Mar 2026 10:00:00 +0100\nContent-Type: text/html\n\n<p>Read about <a href=\"https://www.zoominfo.com/blog\">ZoomInfo</a></p><IMG alt=x SRC='https://t.yesware.com/t/1.gif'>";
    let report = examiner.examine(msg).expect("test setup");
    let zoominfo = report.findings.iter().find(|f| f.tool == "zoominfo").expect("test setup");
    assert_eq!(zoominfo.confidence, Confidence::Low);
    assert_eq!(zoominfo.evidence[0].place, "link");
    let yesware = report.findings.iter().find(|f| f.tool == "yesware").expect("test setup");
    assert_eq!(yesware.evidence[0].place, "image (tracking pixel)");
}

#[test]
fn edge_cases_of_senders_and_links() {
    let fp = fingerprints();
    let examiner = Examiner::new(&fp, &ScanOptions::default());
    let head = |from: &str| {
        format!("From: {from}\nSubject: s\nDate: Mon, 2 Mar 2026 10:00:00 +0100\nContent-Type: text/html\n\n")
    };
    let tools = |msg: String| -> (Vec<(String, Confidence)>, Option<String>) {
        let r = examiner.examine(msg.as_bytes()).expect("readable");
        (
            r.findings.iter().map(|f| (f.tool.clone(), f.confidence)).collect(),
            r.source_inquiry.map(|q| q.company_domain),
        )
    };
    // A vendor writing from its own domain is the vendor, even when it also sells a tool.
    let (found, inquiry) = tools(head("Apollo <hello@apollo.io>") + "<p>New features</p>");
    assert_eq!(found, [("apollo".to_owned(), Confidence::High)]);
    assert_eq!(inquiry, None);
    // A tool's own newsletter, tracked by itself, is no company to ask.
    let (found, inquiry) = tools(head("Mixmax <hello@mixmax.com>") + "<img src=\"https://track.mixmax.com/o/1.gif\">");
    assert_eq!(found[0].0, "mixmax");
    assert_eq!(inquiry, None);
    // Free mail in the UK: no company to ask either.
    let (_, inquiry) = tools(head("Bob <bob@yahoo.co.uk>") + "<img src=\"https://t.yesware.com/t/1.gif\">");
    assert_eq!(inquiry, None);
    // A bare URL followed by punctuation is still read.
    let (found, _) = tools(
        head("News <n@weekly-digest.example>") + "Read https://t.yesware.com, or https://email.mixmax.com; thanks",
    );
    let names: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(names.contains(&"yesware") && names.contains(&"mixmax"), "{names:?}");
}

#[test]
fn json_and_notes_are_not_taken_for_mail() {
    use redress_mail::sniff_mail;
    assert_eq!(sniff_mail(b"{\"a\": 1}"), None);
    assert_eq!(sniff_mail(b"Note: buy milk"), Some(MailFileKind::Message), "a header-like first line is a message");
    assert_eq!(sniff_mail(b"[section]\nkey: value"), None);
    assert_eq!(sniff_mail(b"Return-Path: <a@b.example>\n"), Some(MailFileKind::Message));
}

#[test]
fn a_scan_never_runs_more_threads_than_cores() {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    for (asked, used) in [(0, 1), (1, 1), (cores, cores), (cores + 1, cores), (100_000, cores)] {
        assert_eq!(redress_mail::worker_threads(asked), used, "--threads {asked}");
    }
}
